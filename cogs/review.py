"""Hold for review: a blocklisted prompt goes to the mod-log with Approve and Deny.

The member is told at once, privately; nothing is charged while the request waits. An
approved request runs as the member's own job, shown in a new message in the channel it
came from (the member's interaction token would be long gone by then); a denied one ends
with a short note to the member. The mod-log message records who decided.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import JobNotFound, SdxlBotError
from bot.i18n import t
from bot.jobs import JobSpec
from bot.moderation import BlockEntry
from bot.reviews import Decision
from bot.sdxl import ImagineRequest
from cogs.buttons import review_view
from cogs.errors import send_ephemeral
from cogs.guards import is_moderator, post_modlog, role_ids
from cogs.replies import ChannelReply
from cogs.status import StatusMessage, safe_text

if TYPE_CHECKING:
    from cogs.imagine import ImagineCog

log = logging.getLogger(__name__)

MODLOG_LOCALE = "en-US"


async def hold(
    cog: ImagineCog,
    interaction: discord.Interaction[Any],
    request: ImagineRequest,
    entry: BlockEntry,
) -> None:
    """Tell the member (first, within Discord's 3 s), keep the request, ask the moderators."""
    locale = str(interaction.locale)
    guild_id = interaction.guild_id
    channel_id = interaction.channel_id
    policy = cog.services.moderation.policy_now(guild_id or 0)
    assert guild_id is not None and channel_id is not None
    await interaction.response.send_message(t("review.held", locale), ephemeral=True)
    held = await cog.services.reviews.hold(
        guild_id=guild_id,
        channel_id=channel_id,
        requester_id=interaction.user.id,
        role_ids=role_ids(interaction),
        locale=locale,
        request=request,
        matched=entry.pattern,
    )
    text = t(
        "review.modlog",
        MODLOG_LOCALE,
        member=f"<@{interaction.user.id}>",
        channel=f"<#{channel_id}>",
        entry=entry.pattern,
        prompt=safe_text(request.prompt, 1200),
    )
    await post_modlog(cog.bot, policy, text, view=review_view(held.id, MODLOG_LOCALE))


async def decide(
    cog: ImagineCog, interaction: discord.Interaction[Any], action: str, review_id: str
) -> None:
    """A moderator's Approve or Deny: recorded once, shown in the mod-log, then carried out."""
    locale = str(interaction.locale)
    policy = cog.services.moderation.policy_now(interaction.guild_id or 0)
    if not is_moderator(interaction, policy):
        await send_ephemeral(interaction, t("errors.not_allowed", locale))
        return
    held = await cog.services.reviews.get(review_id)
    if held is None:
        raise JobNotFound()
    decision: Decision = "approved" if action == "approve" else "denied"
    if not await cog.services.reviews.decide(review_id, decision, interaction.user.id):
        await send_ephemeral(interaction, t("review.already_decided", locale))
        return
    original = interaction.message.content if interaction.message else ""
    verdict = t(f"review.{decision}_by", MODLOG_LOCALE, moderator=f"<@{interaction.user.id}>")
    await interaction.response.edit_message(content=f"{original}\n{verdict}"[:2000], view=None)
    channel = cog.bot.get_partial_messageable(held.channel_id)
    mention_only = discord.AllowedMentions(
        users=[discord.Object(id=held.requester_id)], roles=False, everyone=False
    )
    member = f"<@{held.requester_id}>"
    if decision == "denied":
        await channel.send(
            t("review.denied_note", held.locale, member=member), allowed_mentions=mention_only
        )
        return
    request = ImagineRequest.parse(json.loads(held.request_json), cog.services.settings.limits)
    message = await channel.send(
        t("review.approved_note", held.locale, member=member), allowed_mentions=mention_only
    )
    status = StatusMessage(
        ChannelReply(cog.bot, message),
        held.locale,
        cog.tasks,
        on_message=cog.services.runner.note_reply,
    )
    spec = JobSpec(
        request=request,
        requester_id=held.requester_id,
        guild_id=held.guild_id,
        channel_id=held.channel_id,
        locale=held.locale,
        role_ids=held.role_ids,
    )
    try:
        await cog.services.runner.submit(spec, status)
    except SdxlBotError as error:
        status.abandon()
        await message.edit(
            content=f"{member} {error.message(held.locale)}", allowed_mentions=mention_only
        )
    except BaseException:
        status.abandon()
        raise
