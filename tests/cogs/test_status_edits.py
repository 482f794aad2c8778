"""How often a job's reply is edited: a first line after a moment, queue places less often."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

import pytest

from cogs import status
from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import finished

pytestmark = pytest.mark.virtual_time


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """One prediction at a time, so later members wait in line."""
    return {"max_concurrent_predictions": 1}


async def test_a_queued_reply_is_edited_less_often_than_a_running_one(stack: Stack) -> None:
    """The last of five waits 10 s: its queued lines are exactly QUEUED_EDIT_INTERVAL apart."""
    stack.replicate.timing.step = 0.05  # about 2.6 s a run: the queue moves more often than 5 s
    members = [stack.discord.add_user(f"member{n}") for n in range(5)]
    interactions = []
    for n, member in enumerate(members):
        # Each is in line before the next is sent: commands handled at once may be accepted
        # in any order (their checks read the database concurrently).
        sent = await stack.discord.send_command("imagine", {"prompt": f"corgi {n}"}, user=member)
        async with asyncio.timeout(10):
            while stack.services.runner.accepted < n + 1:  # no timer: the clock stays put
                await asyncio.sleep(0)
        interactions.append(sent)
    for interaction in interactions:
        await finished(interaction)
    last = interactions[-1]
    queued = [
        round(at - last.dispatched_at, 6)
        for at, payload in last.edits
        if (payload.get("content") or "").startswith("⏳")
    ]
    first = status.FIRST_EDIT_DELAY
    assert queued == [first, first + status.QUEUED_EDIT_INTERVAL], last.edits
    running = [at for at, payload in last.edits if "attachments" not in payload][len(queued) :]
    gaps = [round(later - earlier, 6) for earlier, later in itertools.pairwise(running)]
    assert gaps and set(gaps) == {status.EDIT_INTERVAL}, last.edits
    assert stack.discord.rate_limited == 0


async def test_a_job_that_starts_at_once_is_first_edited_after_a_moment(stack: Stack) -> None:
    """The defer shows "thinking..."; the first edit comes FIRST_EDIT_DELAY later, not queued."""
    stack.replicate.timing.step = 0.06  # about 3 s a run, well past the first edit
    interaction = await stack.discord.send_command("imagine", {"prompt": "slow corgi"})
    await finished(interaction)
    (first_at, first), *_, (_, last) = interaction.edits
    assert round(first_at - interaction.dispatched_at, 6) == status.FIRST_EDIT_DELAY
    assert "attachments" not in first and "attachments" in last
    assert not any((p.get("content") or "").startswith("⏳") for _, p in interaction.edits)


async def test_a_job_done_within_the_delay_is_edited_once_with_its_images(stack: Stack) -> None:
    """A run shorter than FIRST_EDIT_DELAY costs one edit: the result replaces "thinking..."."""
    interaction = await stack.discord.send_command("imagine", {"prompt": "quick corgi"})
    message = await finished(interaction)
    assert interaction.edits[0][0] - interaction.dispatched_at < status.FIRST_EDIT_DELAY
    assert len(interaction.edits) == 1 and message.attachments
