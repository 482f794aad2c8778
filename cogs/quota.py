"""/quota and /history: where a member stands today, and what their last jobs cost.

Both answer privately, in the member's language, and only ever about the member who asks.
Times are Discord timestamps (`<t:UNIX:R>`), which every client shows in its own time zone.
"""

from __future__ import annotations

import logging
from typing import Any, Final

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.history import History, HistoryEntry, LedgerSummary
from bot.quota import Balance
from bot.services import Services
from cogs.catalogue import t
from cogs.guards import role_ids
from cogs.status import safe_text

log = logging.getLogger(__name__)

PROMPT_CHARS: Final = 120
_RUNNING_STATES: Final = frozenset({"queued", "submitting", "starting", "processing", "delivering"})


def describe_balance(balance: Balance, locale: str, *, banned: bool) -> str:
    """The /quota answer."""
    lines = [
        t("quota.view.title", locale),
        t(
            "quota.view.counts",
            locale,
            used=balance.settled,
            in_progress=balance.in_progress,
            left=balance.left,
            limit=balance.limit,
        ),
        t(
            "quota.view.allowance",
            locale,
            allowance=balance.allowance,
            source=t(f"quota.source.{balance.source}", locale),
        ),
    ]
    if balance.granted:
        lines.append(t("quota.view.granted", locale, granted=balance.granted))
    if balance.reset:
        lines.append(t("quota.view.forgiven", locale, reset=balance.reset))
    lines.append(t("quota.view.resets", locale, resets=int(balance.resets_at.timestamp())))
    if banned:
        lines.append(t("quota.banned", locale))
    return "\n".join(lines)


def describe_ledger(summary: LedgerSummary, locale: str) -> str:
    """What a job did to the quota, e.g. "4 reserved, 3 charged, 1 refunded (safety checker)"."""
    if not summary.reserved:
        return t("history.quota.none", locale)
    parts = [t("history.quota.reserved", locale, count=summary.reserved)]
    if summary.settled:
        parts.append(t("history.quota.charged", locale, count=summary.settled))
    if summary.refunded:
        causes = t("history.quota.separator", locale).join(
            t(f"history.cause.{cause}", locale) for cause in summary.causes
        )
        parts.append(t("history.quota.refunded", locale, count=summary.refunded, causes=causes))
    if summary.held:
        parts.append(t("history.quota.held", locale, count=summary.held))
    return t("history.quota.separator", locale).join(parts)


def _state_label(state: str, locale: str) -> str:
    if state in _RUNNING_STATES:
        return t("history.state.running", locale)
    if state in ("done", "failed", "canceled"):
        return t(f"history.state.{state}", locale)
    return state


def describe_entry(number: int, entry: HistoryEntry, locale: str) -> str:
    """One job of /history: when, status, images, prompt, and its quota explanation."""
    images = t("history.images", locale, count=entry.images)
    prompt = (
        safe_text(entry.prompt, PROMPT_CHARS) if entry.prompt else t("history.no_prompt", locale)
    )
    return t(
        "history.entry",
        locale,
        number=number,
        when=int(entry.created_at.timestamp()),
        state=_state_label(entry.state, locale),
        images=images,
        prompt=prompt,
        quota=describe_ledger(entry.ledger, locale),
    )


class QuotaCog(commands.Cog, name="Quota"):
    """A member's own quota and history."""

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        self.bot = bot
        self.quotas = services.quotas
        self.history_reader = History(services.store)

    @app_commands.command(
        name=locale_str("quota", key="command.quota"),
        description=locale_str(t("command.quota.description"), key="command.quota.description"),
    )
    @app_commands.guild_only()
    async def quota(self, interaction: discord.Interaction[Any]) -> None:
        """Images used, in progress and left today, the limit and where it comes from."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise app_commands.NoPrivateMessage()
        user_id = interaction.user.id
        balance = await self.quotas.balance(guild_id, user_id, role_ids(interaction))
        banned = await self.quotas.is_banned(guild_id, user_id)
        text = describe_balance(balance, str(interaction.locale), banned=banned)
        await interaction.response.send_message(text, ephemeral=True)

    @app_commands.command(
        name=locale_str("history", key="command.history"),
        description=locale_str(t("command.history.description"), key="command.history.description"),
    )
    @app_commands.guild_only()
    async def history(self, interaction: discord.Interaction[Any]) -> None:
        """The member's last jobs in this server and what each did to the quota."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise app_commands.NoPrivateMessage()
        locale = str(interaction.locale)
        entries = await self.history_reader.recent(guild_id, interaction.user.id)
        if not entries:
            await interaction.response.send_message(t("history.empty", locale), ephemeral=True)
            return
        embed = discord.Embed(
            title=t("history.title", locale),
            description="\n\n".join(
                describe_entry(number, entry, locale)
                for number, entry in enumerate(entries, start=1)
            ),
            colour=discord.Colour.blurple(),
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    services: Services = bot.services  # type: ignore[attr-defined]
    await bot.add_cog(QuotaCog(bot, services))
