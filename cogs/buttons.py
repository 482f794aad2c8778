"""The buttons under a generation, persistent across restarts.

Each is a DynamicItem whose custom_id carries the action and the job id (and the image index
for variations), so a click after a restart is still routed; the cog looks the job up in
the store. Labels are in the requester's language, fixed when the message is drawn.
"""

from __future__ import annotations

import re
from typing import Any

import discord

from cogs.catalogue import t
from cogs.ports import IMAGINE_COG, ButtonHandler

ACTIONS = ("cancel", "reroll", "vary", "delete")
_TEMPLATE = (
    r"sdxl:(?P<action>cancel|reroll|vary|delete):(?P<job>[0-9a-f]{16})(?::(?P<index>[0-9]))?"
)


class JobButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=_TEMPLATE):
    """A button acting on one job: cancel, reroll, vary (an output), delete."""

    def __init__(
        self,
        action: str,
        job_id: str,
        index: int | None = None,
        *,
        label: str = "",
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        emoji: str | None = None,
    ) -> None:
        custom_id = f"sdxl:{action}:{job_id}" + (f":{index}" if index is not None else "")
        super().__init__(
            discord.ui.Button(label=label or action, style=style, emoji=emoji, custom_id=custom_id)
        )
        self.action = action
        self.job_id = job_id
        self.index = index

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> JobButton:
        """Rebuild the button from its custom_id (after a restart too)."""
        index = match["index"]
        return cls(match["action"], match["job"], int(index) if index is not None else None)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Hand the click to the Imagine cog (found by name: imagine.py imports this module)."""
        cog = interaction.client.get_cog(IMAGINE_COG)
        if isinstance(cog, ButtonHandler):
            await cog.on_job_button(interaction, self.action, self.job_id, self.index)


def running_view(job_id: str, locale: str) -> discord.ui.View:
    """Buttons while the job runs: Cancel."""
    view = discord.ui.View(timeout=None)
    view.add_item(
        JobButton(
            "cancel",
            job_id,
            label=t("button.cancel", locale),
            style=discord.ButtonStyle.danger,
            emoji="✖️",
        )
    )
    return view


def result_view(job_id: str, images: int, locale: str) -> discord.ui.View:
    """Buttons under finished images: Reroll, Vary n per image, Delete."""
    view = discord.ui.View(timeout=None)
    view.add_item(
        JobButton(
            "reroll",
            job_id,
            label=t("button.reroll", locale),
            style=discord.ButtonStyle.primary,
            emoji="🔁",
        )
    )
    for index in range(images):
        view.add_item(
            JobButton("vary", job_id, index, label=t("button.vary", locale, index=index + 1))
        )
    view.add_item(
        JobButton(
            "delete",
            job_id,
            label=t("button.delete", locale),
            style=discord.ButtonStyle.secondary,
            emoji="🗑️",
        )
    )
    return view


class ReviewButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"sdxl:review:(?P<action>approve|deny):(?P<review>[0-9a-f]{16})",
):
    """Approve or Deny on a held request in the mod-log; survives restarts like JobButton."""

    def __init__(self, action: str, review_id: str, *, label: str = "") -> None:
        style = discord.ButtonStyle.success if action == "approve" else discord.ButtonStyle.danger
        super().__init__(
            discord.ui.Button(
                label=label or action, style=style, custom_id=f"sdxl:review:{action}:{review_id}"
            )
        )
        self.action = action
        self.review_id = review_id

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ReviewButton:
        """Rebuild the button from its custom_id (after a restart too)."""
        return cls(match["action"], match["review"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Hand the decision to the Imagine cog (found by name, as JobButton does)."""
        cog = interaction.client.get_cog(IMAGINE_COG)
        if isinstance(cog, ButtonHandler):
            await cog.on_review_button(interaction, self.action, self.review_id)


def review_view(review_id: str, locale: str) -> discord.ui.View:
    """Approve / Deny under a held request."""
    view = discord.ui.View(timeout=None)
    view.add_item(ReviewButton("approve", review_id, label=t("review.approve", locale)))
    view.add_item(ReviewButton("deny", review_id, label=t("review.deny", locale)))
    return view
