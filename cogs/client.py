"""The discord.py client: loads the cogs, the translator and the persistent buttons.

Only the GUILDS intent, no mentions unless a message allows them explicitly (prompts are user
text echoed back), and commands synced to DEV_GUILD_ID on start when it is set; a global sync
happens only through `sdxl-bot sync`, since global commands take time to propagate.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot.services import Services
from cogs.errors import report_error
from cogs.translator import CatalogTranslator

log = logging.getLogger(__name__)

EXTENSIONS = ("cogs.imagine", "cogs.usage", "cogs.quota", "cogs.moderation")


async def load_isolated(bot: commands.Bot, extensions: Sequence[str]) -> dict[str, str]:
    """Load each extension on its own: one that fails is logged (one error line, with its
    traceback) and skipped, and the others still load. Returns name -> reason of failures."""
    failed: dict[str, str] = {}
    for extension in extensions:
        try:
            await bot.load_extension(extension)
        except commands.ExtensionError as error:
            # ExtensionFailed wraps what setup() raised: log that one, so the traceback
            # appears once rather than twice (cause and wrapper).
            cause = error.__cause__ if isinstance(error, commands.ExtensionFailed) else None
            shown = cause or error
            failed[extension] = f"{type(shown).__name__}: {shown}"
            log.error(
                "Extension %s failed to load and is skipped: %s",
                extension,
                failed[extension],
                exc_info=shown,
            )
    return failed


class SdxlTree(app_commands.CommandTree["SdxlBot"]):
    """The command tree, with one error handler for every command."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        """Every error of every command ends in an ephemeral message (unexpected ones logged)."""
        await report_error(interaction, error)


# Concurrent HTTP connections to Discord (REST and interaction webhooks together).
DISCORD_CONNECTIONS = 100


def needed_intents() -> discord.Intents:
    """GUILDS only (servers, channels and roles in the cache). Interactions need no intent;
    every other default one makes Discord send events the bot would parse and drop: with
    GUILD_MESSAGES, every message of a busy server and every edit of its own status messages
    (README: Performance has the cost)."""
    intents = discord.Intents.none()
    intents.guilds = True
    return intents


class SdxlBot(commands.Bot):
    """The bot process's Discord client."""

    def __init__(
        self, services: Services, *, sync_on_start: bool = True, resume_jobs: bool = True
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=needed_intents(),
            # discord.py's default is unlimited: a burst of commands would open a socket (and a
            # TLS handshake) each and overflow listen queues, delaying the 3 s defers; a pool
            # of warm keep-alive connections answers bursts faster (README: Performance).
            connector=aiohttp.TCPConnector(limit=DISCORD_CONNECTIONS),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=SdxlTree,
            # Nothing reads cached messages (buttons get theirs from the interaction), so
            # the default cache of 1,000 messages would only cost memory.
            max_messages=None,
        )
        self.services = services
        self._sync_on_start = sync_on_start
        # Only a serving bot picks up unfinished jobs; `sdxl-bot sync` must not start them.
        self.resume_jobs = resume_jobs
        # Extensions that failed to load in setup_hook (name -> reason); the others serve.
        self.failed_extensions: dict[str, str] = {}

    async def setup_hook(self) -> None:
        """Runs once at login: translator, cogs (which register their buttons), dev sync."""
        await self.tree.set_translator(CatalogTranslator())
        self.failed_extensions = await load_isolated(self, EXTENSIONS)
        guild_id = self.services.settings.dev_guild_id
        if self._sync_on_start and guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("Synced %d commands to the dev guild %s", len(synced), guild_id)

    async def on_ready(self) -> None:
        """Log who we are once connected."""
        log.info("Connected as %s (%s)", self.user, self.user.id if self.user else "?")
