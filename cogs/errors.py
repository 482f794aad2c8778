"""One place that turns any error of an interaction into an ephemeral message for the member."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.errors import SdxlBotError
from cogs.catalogue import render, t

log = logging.getLogger(__name__)


def describe(error: BaseException, locale: str, reference: int) -> str:
    """The member-facing sentence for `error`; unexpected errors are logged with `reference`."""
    original = error.original if isinstance(error, app_commands.CommandInvokeError) else error
    if isinstance(original, SdxlBotError):
        return render(original, locale)
    if isinstance(original, app_commands.NoPrivateMessage):
        return t("errors.guild_only", locale)
    if isinstance(original, app_commands.CheckFailure):
        return t("errors.not_allowed", locale)
    log.error("Unexpected error in interaction %s", reference, exc_info=original)
    return t("errors.unexpected", locale, reference=reference)


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Answer privately, whether or not the interaction was already responded to."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException as failure:
        log.warning("Could not report to interaction %s: %s", interaction.id, failure.status)


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """The CommandTree's error handler and the buttons' share this.

    A public "is thinking..." reply left behind by a failure would stay forever: remove it
    before answering privately.
    """
    text = describe(error, str(interaction.locale), interaction.id)
    if interaction.response.type == discord.InteractionResponseType.deferred_channel_message:
        try:
            await interaction.delete_original_response()
        except discord.HTTPException as failure:
            log.info(
                "Could not remove the reply of interaction %s: %s", interaction.id, failure.status
            )
    await send_ephemeral(interaction, text)
