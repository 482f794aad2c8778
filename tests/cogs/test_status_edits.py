"""How often a job's reply is edited: a first line after a moment, queue places less often."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cogs import status
from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import finished

pytestmark = pytest.mark.virtual_time

# Shorter than the bot's own (5 s) to keep the test quick; still well above EDIT_INTERVAL.
QUEUED_INTERVAL = 2.5


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """One prediction at a time, so later members wait in line."""
    return {"max_concurrent_predictions": 1}


async def test_a_queued_reply_is_edited_less_often_than_a_running_one(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last of five waits ~6 s: its queued lines are QUEUED_EDIT_INTERVAL apart, not 1.5 s."""
    monkeypatch.setattr(status, "QUEUED_EDIT_INTERVAL", QUEUED_INTERVAL)
    stack.replicate.timing.step = 0.025  # about 1.3 s a run: the queue moves faster than 2.5 s
    members = [stack.discord.add_user(f"member{n}") for n in range(5)]
    interactions = [
        await stack.discord.send_command("imagine", {"prompt": f"corgi {n}"}, user=member)
        for n, member in enumerate(members)
    ]
    for interaction in interactions:
        await finished(interaction)
    last = interactions[-1]
    queued = [at for at, payload in last.edits if (payload.get("content") or "").startswith("⏳")]
    assert len(queued) >= 2, last.edits
    gaps = [later - earlier for earlier, later in itertools.pairwise(queued)]
    assert all(gap >= QUEUED_INTERVAL - 0.3 for gap in gaps), gaps
    assert stack.discord.rate_limited == 0


async def test_a_job_that_starts_at_once_is_first_edited_after_a_moment(stack: Stack) -> None:
    """The defer shows "thinking..."; the first edit waits FIRST_EDIT_DELAY and skips "queued"."""
    stack.replicate.timing.step = 0.06  # about 3 s a run, well past the first edit
    interaction = await stack.discord.send_command("imagine", {"prompt": "slow corgi"})
    await finished(interaction)
    (first_at, first), *_, (_, last) = interaction.edits
    assert first_at - interaction.dispatched_at >= status.FIRST_EDIT_DELAY - 0.05
    assert "attachments" not in first and "attachments" in last
    assert not any((p.get("content") or "").startswith("⏳") for _, p in interaction.edits)


async def test_a_job_done_within_the_delay_is_edited_once_with_its_images(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run shorter than the delay costs one edit: the result replaces "thinking..."."""
    monkeypatch.setattr(status, "FIRST_EDIT_DELAY", 10.0)  # far beyond the ~0.6 s run
    interaction = await stack.discord.send_command("imagine", {"prompt": "quick corgi"})
    message = await finished(interaction)
    assert len(interaction.edits) == 1 and message.attachments
