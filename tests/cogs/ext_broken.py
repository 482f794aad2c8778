"""An extension whose setup fails, for the start-up isolation test (not a test module)."""

from __future__ import annotations

from discord.ext import commands


async def setup(bot: commands.Bot) -> None:
    """Fail the way a buggy extension does: an exception out of setup."""
    raise RuntimeError("this extension is broken on purpose")
