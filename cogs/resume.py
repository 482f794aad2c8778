"""After a restart: give every unfinished job a reply to continue in (bot/recovery.py).

Runs in the background once the gateway is ready (the cache then tells which servers and
channels the bot still has), one job at a time; commands arriving meanwhile are served (the
runner already has their jobs, so recovery leaves them alone). Where a job continues:
- its interaction reply while the token still has time: by its message id, or, when the
  process died before the reply's first edit, as the interaction's original response;
- the bot's own channel message it had moved to;
- a queued job whose token is gone shows nothing until it leaves the queue, then posts the
  bot's own message (as a queue crossing the token's end does, cogs/status.py);
- otherwise a new message in the channel, paced per channel, pinging the member only.
A job whose channel is gone or out of the bot's reach ends failed and refunded, its
prediction canceled (ReplyUnavailable).
"""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.errors import ReplyUnavailable
from bot.jobs import Job, JobObserver, JobState
from bot.recovery import recover
from bot.rows import JobRow
from cogs.catalogue import t
from cogs.ports import JobHost
from cogs.replies import (
    ChannelPending,
    ChannelReply,
    Reply,
    TokenReply,
    post_in_channel,
    seconds_left,
)
from cogs.status import StatusMessage

log = logging.getLogger(__name__)

# Answers to a channel post meaning the channel is gone (404: 10003 Unknown Channel) or out
# of reach (403: 50001 Missing Access, 50013 Missing Permissions).
_REFUSED = (403, 404)


async def resume_when_ready(cog: JobHost) -> None:
    """Wait for the gateway's READY (servers and channels cached), then resume; on a shared
    database, keep taking over the jobs of processes whose leases ran out."""
    await cog.bot.wait_until_ready()
    await resume_unfinished(cog)
    leases = cog.services.runner.leases
    if leases is None or not leases.shared:
        return
    while True:
        await asyncio.sleep(leases.seconds / 2)
        try:
            await resume_unfinished(cog)
        except Exception:  # the next round tries again
            log.exception("Taking over unfinished jobs failed")


async def resume_unfinished(cog: JobHost) -> None:
    """Adopt the earlier run's unfinished jobs into the runner, one at a time."""
    services = cog.services

    async def observer_for(job: Job, row: JobRow) -> JobObserver:
        reply, parked = await _reply_for(cog, job, row)
        return StatusMessage(
            reply,
            row.locale,
            cog.tasks,
            on_message=services.runner.note_reply,
            token_lifetime=services.settings.interaction_token_lifetime,
            parked=parked,
        )

    count = await recover(services.runner, services.store, services.client, observer_for)
    if count:
        log.info("Picked up %d unfinished jobs left by an earlier or another process", count)


async def _reply_for(cog: JobHost, job: Job, row: JobRow) -> tuple[Reply, bool]:
    """The reply a resumed job continues in, and whether it is parked (see the module doc).

    Raises ReplyUnavailable when neither its reply nor its channel can be used.
    """
    bot = cog.bot
    guild = bot.get_guild(row.guild_id) if row.guild_id else None
    margin = min(60.0, cog.services.settings.interaction_token_lifetime / 3)
    token_left = seconds_left(row.token_expires_at or 0.0)
    if row.interaction_token and row.application_id and token_left > margin:
        # Interaction webhooks need no channel permission: the token is the only test.
        reply = TokenReply(
            bot,
            application_id=row.application_id,
            token=row.interaction_token,
            message_id=row.message_id,
            expires_at=row.token_expires_at or 0.0,
            guild=guild,
        )
        return reply, False
    if row.channel_id is None:
        raise ReplyUnavailable("no channel recorded")
    mention = f"<@{row.requester_id}>"
    if row.message_id and not row.interaction_token:
        await _check_reach(bot, row.guild_id, row.channel_id, must_send=False)
        channel = bot.get_partial_messageable(row.channel_id, guild_id=row.guild_id)
        return ChannelReply(
            bot, channel.get_partial_message(row.message_id), heading=mention
        ), False
    await _check_reach(bot, row.guild_id, row.channel_id, must_send=True)
    if row.state == JobState.queued:
        return ChannelPending(bot, guild=guild), True
    try:
        message = await post_in_channel(
            bot,
            row.channel_id,
            t("status.resumed", row.locale, mention=mention),
            requester_id=row.requester_id,
            guild_id=row.guild_id,
        )
    except discord.HTTPException as error:
        if error.status in _REFUSED:
            raise ReplyUnavailable(_refusal(row.channel_id, error)) from error
        raise
    return ChannelReply(bot, message, heading=mention), False


async def _check_reach(
    bot: discord.Client, guild_id: int | None, channel_id: int, *, must_send: bool
) -> None:
    """Raise ReplyUnavailable when the bot can no longer use the channel, as far as the
    gateway's cache tells (Discord is asked only about a channel the cache does not hold:
    an archived thread, or a deleted channel)."""
    if guild_id is None:
        return
    guild = bot.get_guild(guild_id)
    if guild is None:
        raise ReplyUnavailable(f"the bot is no longer in server {guild_id}")
    if guild.unavailable:
        return  # an outage: the channel's own answer will tell
    channel = guild.get_channel_or_thread(channel_id)
    if channel is None:
        try:
            await bot.fetch_channel(channel_id)
        except discord.HTTPException as error:
            if error.status in _REFUSED:
                raise ReplyUnavailable(_refusal(channel_id, error)) from error
            raise
        return
    me = guild.me
    if me is None or isinstance(channel, discord.CategoryChannel):
        return
    permissions = channel.permissions_for(me)
    if isinstance(channel, discord.Thread):
        can_send = permissions.send_messages_in_threads
    else:
        can_send = permissions.send_messages
    if not permissions.view_channel or (must_send and not can_send):
        raise ReplyUnavailable(f"channel {channel_id}: the bot may not post there")


def _refusal(channel_id: int, error: discord.HTTPException) -> str:
    """A short reason for the logs: the channel, Discord's status and error code."""
    return f"channel {channel_id}: {error.status} (code {error.code})"
