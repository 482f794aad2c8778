"""The small interfaces the cogs' modules depend on instead of on each other.

cogs/imagine.py imports buttons.py, review.py and resume.py; they must not import it back
(import-linter: no cycles, TYPE_CHECKING imports included). So they name only what is here,
which imagine.py's ImagineCog provides. This module imports no other module of cogs/.
"""

from __future__ import annotations

from typing import Any, Final, Protocol, runtime_checkable

import discord
from discord.ext import commands

from bot.services import Services
from bot.tasks import TaskSet

# The name the Imagine cog registers under (commands.Cog name=) and the buttons look it up by.
IMAGINE_COG: Final = "Imagine"


class JobHost(Protocol):
    """What review.py and resume.py need of the Imagine cog: the client, the core, and the task
    set their status messages run in (closed when the cog unloads)."""

    @property
    def bot(self) -> commands.Bot:
        """The discord.py client the cog is loaded in."""
        ...

    @property
    def services(self) -> Services:
        """The core's long-lived objects."""
        ...

    @property
    def tasks(self) -> TaskSet:
        """The cog's background tasks."""
        ...


@runtime_checkable
class ButtonHandler(Protocol):
    """Where the persistent buttons (buttons.py) hand their clicks: the cog named IMAGINE_COG.

    Runtime-checkable: a button checks the cog it found has these methods before calling one
    (when the cog failed to load, the click is ignored, as before).
    """

    async def on_job_button(
        self, interaction: discord.Interaction[Any], action: str, job_id: str, index: int | None
    ) -> None:
        """A click on one of a job's buttons (cancel, reroll, vary, delete)."""
        ...

    async def on_review_button(
        self, interaction: discord.Interaction[Any], action: str, review_id: str
    ) -> None:
        """Approve or Deny on a held request."""
        ...
