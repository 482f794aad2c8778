"""Hold for review: a blocklisted prompt goes to the mod-log with Approve and Deny.

The member is told at once, privately; nothing is charged while the request waits. An
approved request runs as the member's own job, shown in a new message in the channel it
came from (the member's interaction token would be long gone by then); a denied one ends
with a short note to the member. The mod-log message records who decided.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import discord

from bot.errors import JobNotFound, SdxlBotError
from bot.gate import Asker, Hold, Pass, Place
from bot.jobs import JobSpec
from bot.reviews import Decision
from bot.sdxl import ImagineRequest
from cogs.buttons import review_view
from cogs.catalogue import render, t
from cogs.errors import send_ephemeral
from cogs.guards import age_restricted, is_moderator, place_of, post_modlog, role_ids
from cogs.ports import JobHost
from cogs.replies import ChannelReply
from cogs.status import StatusMessage, safe_text

log = logging.getLogger(__name__)

MODLOG_LOCALE = "en-US"


def matched_entry(pattern: str, *, unfinished: bool = False) -> str:
    """The blocklist entry a prompt matched, as the mod-log shows it (the stand-in entry of a
    check that ran out of time is told in words)."""
    return t("moderation.check_unfinished", MODLOG_LOCALE) if unfinished else pattern


async def hold(
    cog: JobHost,
    interaction: discord.Interaction[Any],
    held_by: Hold,
    request: ImagineRequest,
) -> None:
    """Keep the request for the moderators (within the member's limits), tell the member,
    and ask the moderators in the mod-log."""
    locale = str(interaction.locale)
    policy = cog.services.moderation.policy_now(interaction.guild_id or 0)
    asker = Asker(interaction.user.id, tuple(role_ids(interaction)))
    try:
        held = await cog.services.gate.hold(asker, place_of(interaction), request, held_by, locale)
    except SdxlBotError as error:
        await send_ephemeral(interaction, render(error, locale))
        return
    await send_ephemeral(interaction, t("review.held", locale))
    text = t(
        "review.modlog",
        MODLOG_LOCALE,
        member=f"<@{interaction.user.id}>",
        channel=f"<#{held.channel_id}>",
        entry=matched_entry(held_by.entry.pattern, unfinished=held_by.entry.unfinished),
        prompt=safe_text(request.prompt, 1200),
    )
    await post_modlog(cog.bot, policy, text, view=review_view(held.id, MODLOG_LOCALE))


async def decide(
    cog: JobHost, interaction: discord.Interaction[Any], action: str, review_id: str
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
    # The approval lifts the blocklist hold only: a member banned since, a channel no longer
    # allowed or a full queue still refuse it.
    place = _place_of_channel(cog, held.guild_id, held.channel_id)
    try:
        allowed = await cog.services.gate.check(
            Asker(held.requester_id, held.role_ids), place, request, approved=True
        )
    except SdxlBotError as error:
        await channel.send(f"{member} {render(error, held.locale)}", allowed_mentions=mention_only)
        return
    assert isinstance(allowed, Pass)
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
        await cog.services.gate.submit(allowed, spec, status)
    except SdxlBotError as error:
        status.abandon()
        await message.edit(
            content=f"{member} {render(error, held.locale)}", allowed_mentions=mention_only
        )
    except BaseException:
        status.abandon()
        raise


def _place_of_channel(cog: JobHost, guild_id: int, channel_id: int) -> Place:
    """The gate's Place for a channel known by id (a thread names its parent)."""
    channel = cog.bot.get_channel(channel_id)
    return Place(guild_id, channel_id, getattr(channel, "parent_id", None), age_restricted(channel))
