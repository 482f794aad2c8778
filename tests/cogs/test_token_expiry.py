"""A generation outliving the interaction token moves to the bot's own message in time."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.cogs.conftest import Stack

pytestmark = pytest.mark.virtual_time

LIFETIME = 6.0


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Both sides agree on a 6 s token lifetime (Discord's is 15 minutes)."""
    return {"interaction_token_lifetime": LIFETIME}


async def test_a_long_job_moves_to_a_channel_message_before_the_token_dies(stack: Stack) -> None:
    """Before expiry the reply points to a new message that pings only the member; no 50027."""
    stack.discord.token_lifetime = LIFETIME
    stack.replicate.timing.step = 0.16  # 8 s of steps: longer than the token lives
    interaction = await stack.discord.send_command("imagine", {"prompt": "a long one"})
    await interaction.wait_callback()
    member_id = str(stack.discord.member["user"]["id"])
    channel = stack.discord.channel_id

    def moved_and_done() -> bool:
        own = [
            m
            for m in stack.discord.messages.values()
            if m.channel_id == channel and m.interaction_id is None and m.attachments
        ]
        return bool(own)

    await stack.discord.wait_until(moved_and_done, timeout=30)
    [result] = [
        m
        for m in stack.discord.messages.values()
        if m.channel_id == channel and m.interaction_id is None and m.attachments
    ]
    assert f"<@{member_id}>" in result.content
    [creation] = [
        r
        for r in stack.discord.requests
        if r.method == "POST" and r.path.endswith(f"/channels/{channel}/messages")
    ]
    assert [str(u) for u in creation.json["allowed_mentions"].get("users", [])] == [member_id]
    assert interaction.original is not None
    assert "Continued in a new message" in interaction.original.content
    assert result.id and str(result.id) in interaction.original.content
    assert not [code for code, body in interaction.errors if body.get("code") == 50027]
    # The result is delivered first and recorded second: wait for the record.
    for _ in range(500):
        rows = await stack.services.store.jobs_in_states(["done"])
        if rows:
            break
        await asyncio.sleep(0.01)
    [row] = rows
    assert row.message_id == result.id and row.interaction_token is None
