"""/usage: a server's image usage for its moderators, as an embed and a chart.

default_permissions asks Discord to show the command to Manage Server only, but server admins
can change that hint, so `is_moderator` is checked again on every use. The answer is private
(ephemeral) and in the moderator's language; members appear as mentions inside the embed,
which Discord renders as names but never pings.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from typing import Any, Final

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.charts import usage_chart
from bot.services import Services
from bot.usage import DEFAULT_DAYS, MAX_DAYS, MemberImages, UsageReport, Window, guild_usage
from cogs.catalogue import t
from cogs.guards import is_moderator

CHART_FILENAME: Final = "usage.png"


def _money(value: float) -> str:
    """US dollars: cents from a dollar up; below it four decimals, as GPU seconds cost little."""
    return f"{value:,.2f}" if value >= 1 else f"{value:.4f}"


def _price(value: float) -> str:
    """A per-second price without float noise or exponents: 0.000725, not 7.25e-04."""
    text = f"{value:.8f}".rstrip("0").rstrip(".")
    return text or "0"


def _both(report: UsageReport, locale: str, render: Callable[[Window], str]) -> str:
    """Two lines: today's figure and the period's, each rendered by `render(window)`."""
    return "\n".join(
        (
            t("usage.today", locale, value=render(report.today)),
            t("usage.period_total", locale, days=report.days, value=render(report.period)),
        )
    )


def _top(members: tuple[MemberImages, ...], locale: str) -> str:
    if not members:
        return t("usage.top.none", locale)
    return "\n".join(
        t("usage.top.entry", locale, rank=rank, member=f"<@{m.user_id}>", images=m.images)
        for rank, m in enumerate(members, start=1)
    )


def usage_embed(report: UsageReport, locale: str) -> discord.Embed:
    """The report as an embed in `locale`, showing the chart attached as CHART_FILENAME."""
    embed = discord.Embed(
        title=t("usage.title", locale),
        description=t(
            "usage.period",
            locale,
            first=report.first_day.isoformat(),
            last=report.last_day.isoformat(),
        ),
        colour=discord.Colour.blurple(),
    )

    def images(window: Window) -> str:
        return f"**{window.images}**"

    def failures(window: Window) -> str:
        return t(
            "usage.failures.count",
            locale,
            failed=window.failed,
            canceled=window.canceled,
            jobs=window.jobs,
        )

    def gpu(window: Window) -> str:
        return t(
            "usage.gpu.value",
            locale,
            seconds=f"{window.gpu_seconds:,.1f}",
            cost=_money(window.cost),
        )

    fields = (
        (t("usage.images", locale), _both(report, locale, images)),
        (t("usage.failures", locale), _both(report, locale, failures)),
        (t("usage.gpu", locale), _both(report, locale, gpu)),
        (t("usage.top_today", locale), _top(report.today.top, locale)),
        (t("usage.top_period", locale, days=report.days), _top(report.period.top, locale)),
    )
    # One per row: side by side, Discord's narrow inline columns would wrap every line.
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    embed.set_image(url=f"attachment://{CHART_FILENAME}")
    embed.set_footer(text=t("usage.footer", locale, price=_price(report.price_per_gpu_second)))
    return embed


class UsageCog(commands.Cog, name="Usage"):
    """Translates /usage into a usage report and a chart."""

    def __init__(self, services: Services) -> None:
        self.services = services

    @app_commands.command(
        name=locale_str("usage", key="usage.command"),
        description=locale_str(t("usage.command.description"), key="usage.command.description"),
    )
    @app_commands.describe(days=locale_str(t("usage.option.days"), key="usage.option.days"))
    @app_commands.rename(days=locale_str("days", key="usage.option_name.days"))
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    async def usage(
        self,
        interaction: discord.Interaction[Any],
        days: app_commands.Range[int, 1, MAX_DAYS] = DEFAULT_DAYS,
    ) -> None:
        """Moderators only: the report, privately, with the chart attached."""
        locale = str(interaction.locale)
        guild_id = interaction.guild_id
        if guild_id is None:
            raise app_commands.NoPrivateMessage()
        policy = self.services.moderation.policy_now(guild_id)
        if not is_moderator(interaction, policy):
            await interaction.response.send_message(t("errors.not_allowed", locale), ephemeral=True)
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await guild_usage(
            self.services.store,
            guild_id,
            days=days,
            price_per_gpu_second=self.services.settings.price_per_gpu_second,
        )
        # Drawing takes milliseconds, but off the event loop it cannot delay other members.
        chart = await asyncio.to_thread(usage_chart, report)
        await interaction.edit_original_response(
            embed=usage_embed(report, locale),
            attachments=[discord.File(io.BytesIO(chart), filename=CHART_FILENAME)],
        )


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    services: Services = bot.services  # type: ignore[attr-defined]
    await bot.add_cog(UsageCog(services))
