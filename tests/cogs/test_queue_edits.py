"""Waiting in the queue: the reply shows its place without spending an edit on every move."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from cogs import status
from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import finished

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
