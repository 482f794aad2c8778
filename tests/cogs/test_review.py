"""Blocklisted prompts: refused and logged, or held for a moderator's Approve or Deny."""

from __future__ import annotations

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import EPHEMERAL, custom_ids
from tests.fakes.discord import FakeMessage

pytestmark = pytest.mark.virtual_time


async def blocklist(stack: Stack, mode: str, *, modlog: bool = True) -> int:
    """Block `forbidden` in the test server, in `mode`; returns the mod-log channel id."""
    guild = stack.discord.guild_id
    modlog_channel = stack.discord.nsfw_channel_id
    moderation = stack.services.moderation
    await moderation.add_block(guild, "forbidden", is_regex=False, actor_id=1)
    await moderation.update_policy(
        guild, blocklist_mode=mode, mod_log_channel_id=modlog_channel if modlog else None
    )
    return modlog_channel


def channel_messages(stack: Stack, channel_id: int) -> list[FakeMessage]:
    """The bot's own (non-interaction) messages in a channel, oldest first."""
    return [
        message
        for message in stack.discord.messages.values()
        if message.channel_id == channel_id
        and message.interaction_id is None
        and not message.deleted
    ]


async def test_refuse_mode_refuses_privately_and_logs_the_prompt(stack: Stack) -> None:
    """A matching prompt (even disguised) is refused privately, logged, and costs nothing."""
    modlog = await blocklist(stack, "refuse")
    interaction = await stack.discord.send_command("imagine", {"prompt": "a F0RB1DDEN thing"})
    callback = await interaction.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL
    assert "do not allow" in callback["data"]["content"]
    await stack.discord.wait_until(lambda: bool(channel_messages(stack, modlog)))
    [logged] = channel_messages(stack, modlog)
    assert "forbidden" in logged.content and "F0RB1DDEN" in logged.content
    assert logged.allowed_mentions is not None and logged.allowed_mentions.get("parse") == []
    assert stack.replicate.requests == []


async def test_the_negative_prompt_is_checked_too(stack: Stack) -> None:
    """A blocklisted word in negative_prompt is refused as well."""
    await blocklist(stack, "refuse", modlog=False)
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "a cat", "negative_prompt": "nothing forbidden"}
    )
    callback = await interaction.wait_callback()
    assert "do not allow" in callback["data"]["content"]
    assert stack.replicate.requests == []


async def held(stack: Stack, modlog: int) -> FakeMessage:
    """Send a blocklisted prompt as the default member; returns the mod-log review message."""
    interaction = await stack.discord.send_command("imagine", {"prompt": "something forbidden"})
    callback = await interaction.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL and "review" in callback["data"]["content"]
    await stack.discord.wait_until(lambda: bool(channel_messages(stack, modlog)))
    [review] = channel_messages(stack, modlog)
    return review


async def test_review_mode_holds_the_request_until_approved(stack: Stack) -> None:
    """Approve runs the job in a new channel message that pings only the member; it is charged."""
    modlog = await blocklist(stack, "review")
    review = await held(stack, modlog)
    assert stack.replicate.requests == []
    approve = next(c for c in custom_ids(review) if ":approve:" in c)
    click = await stack.discord.click(review.id, approve, user=stack.discord.moderator)
    await click.wait_callback()
    await stack.discord.wait_until(lambda: "Approved by" in review.content)
    assert custom_ids(review) == []
    member_id = int(stack.discord.member["user"]["id"])
    channel = stack.discord.channel_id
    await stack.discord.wait_until(
        lambda: any(m.attachments for m in channel_messages(stack, channel)), timeout=20
    )
    [result] = channel_messages(stack, channel)
    assert f"<@{member_id}>" in result.content
    [creation] = [
        r
        for r in stack.discord.requests
        if r.method == "POST" and r.path.endswith(f"/channels/{channel}/messages")
    ]
    mentions = creation.json["allowed_mentions"]
    assert [str(user) for user in mentions.get("users", [])] == [str(member_id)]
    assert mentions.get("parse") == []
    balance = await stack.services.quotas.balance(stack.discord.guild_id, member_id, [])
    assert balance.settled + balance.in_progress == 1


async def test_deny_ends_the_request_without_a_charge(stack: Stack) -> None:
    """Deny tells the member, runs nothing and charges nothing."""
    modlog = await blocklist(stack, "review")
    review = await held(stack, modlog)
    deny = next(c for c in custom_ids(review) if ":deny:" in c)
    click = await stack.discord.click(review.id, deny, user=stack.discord.moderator)
    await click.wait_callback()
    channel = stack.discord.channel_id
    await stack.discord.wait_until(lambda: bool(channel_messages(stack, channel)))
    [note] = channel_messages(stack, channel)
    assert "declined" in note.content
    assert stack.replicate.requests == []
    member_id = int(stack.discord.member["user"]["id"])
    balance = await stack.services.quotas.balance(stack.discord.guild_id, member_id, [])
    assert balance.consumed == 0


async def test_only_moderators_decide_and_only_once(stack: Stack) -> None:
    """A plain member's Approve is refused; a second moderator's click finds it decided."""
    modlog = await blocklist(stack, "review")
    review = await held(stack, modlog)
    approve = next(c for c in custom_ids(review) if ":approve:" in c)
    stranger = stack.discord.add_user("stranger")
    refused = await stack.discord.click(review.id, approve, user=stranger)
    callback = await refused.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL
    assert custom_ids(review), "the request must still be pending"
    first = await stack.discord.click(review.id, approve, user=stack.discord.moderator)
    await first.wait_callback()
    decided = await stack.services.reviews.decide(custom_ids_id(approve), "denied", 1)
    assert decided is False
    await stack.discord.wait_until(lambda: len(stack.replicate.predictions) == 1, timeout=20)


def custom_ids_id(custom_id: str) -> str:
    """The review id at the end of a review button's custom_id."""
    return custom_id.rsplit(":", 1)[1]


async def test_review_mode_without_a_modlog_refuses(stack: Stack) -> None:
    """With nowhere to ask the moderators, review mode falls back to refusing."""
    await blocklist(stack, "review", modlog=False)
    interaction = await stack.discord.send_command("imagine", {"prompt": "forbidden fruit"})
    callback = await interaction.wait_callback()
    assert "do not allow" in callback["data"]["content"]
    assert stack.replicate.requests == []
