"""After a restart: give every unfinished job a reply to continue in (bot/recovery.py).

The job's own interaction reply is used while its token still has time; otherwise the bot
continues in its own channel message (the one it moved to, or a new one that pings the
member, and only them).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

import discord

from bot.i18n import t
from bot.jobs import Job, JobObserver
from bot.recovery import recover
from bot.store import JobRow
from cogs.replies import ChannelReply, Reply, TokenReply
from cogs.status import StatusMessage

if TYPE_CHECKING:
    from cogs.imagine import ImagineCog

log = logging.getLogger(__name__)


async def resume_unfinished(cog: ImagineCog) -> None:
    """Adopt the earlier run's unfinished jobs into the runner.

    Runs while the cog loads: after login (REST works) and before the gateway connects, so
    no new command can arrive and be mistaken for a leftover.
    """
    services = cog.services

    async def observer_for(job: Job, row: JobRow) -> JobObserver:
        reply = await _reply_for(cog, job, row)
        lifetime = services.settings.interaction_token_lifetime
        return StatusMessage(
            reply,
            row.locale,
            cog.tasks,
            on_message=services.runner.note_reply,
            token_lifetime=lifetime,
        )

    count = await recover(services.runner, services.store, services.client, observer_for)
    if count:
        log.info("Picked up %d unfinished jobs from the previous run", count)


async def _reply_for(cog: ImagineCog, job: Job, row: JobRow) -> Reply:
    bot = cog.bot
    guild = bot.get_guild(row.guild_id) if row.guild_id else None
    margin = min(60.0, cog.services.settings.interaction_token_lifetime / 3)
    token_left = (row.token_expires_at or 0.0) - time.time()
    if row.interaction_token and row.application_id and row.message_id and token_left > margin:
        return TokenReply(
            bot,
            application_id=row.application_id,
            token=row.interaction_token,
            message_id=row.message_id,
            expires_at=row.token_expires_at or 0.0,
            guild=guild,
        )
    mention = f"<@{row.requester_id}>"
    channel = bot.get_partial_messageable(row.channel_id or 0, guild_id=row.guild_id)
    if row.message_id and not row.interaction_token:
        return ChannelReply(bot, channel.get_partial_message(row.message_id), heading=mention)
    message = await channel.send(
        t("status.resumed", row.locale, mention=mention),
        allowed_mentions=discord.AllowedMentions(
            users=[discord.Object(id=row.requester_id)], roles=False, everyone=False
        ),
    )
    return ChannelReply(bot, message, heading=mention)
