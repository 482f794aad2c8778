"""The discord.py client: loads the cogs, the translator and the persistent buttons.

Only the GUILDS intent, no mentions unless a message allows them explicitly (prompts are user
text echoed back), and commands synced to DEV_GUILD_ID on start when it is set; a global sync
happens only through `sdxl-bot sync`, since global commands take time to propagate.

The client is an AutoShardedBot (DESIGN.md §8): SHARD_COUNT / SHARD_IDS pick the shards this
process connects; without SHARD_COUNT it asks GET /gateway/bot for Discord's recommendation.
IDENTIFY pacing: discord.py 2.x reads no `max_concurrency` (it launches shards one by one and
sleeps 5 s before every IDENTIFY but the first), which never exceeds Discord's limit but starts
N shards in 5·N s. The bot paces by Discord's rule instead: one IDENTIFY per rate-limit bucket
(`shard_id % max_concurrency`) every 5 s, so up to max_concurrency shards start at once.
Re-identifies after start-up (a session Discord invalidated) keep discord.py's 5 s wait, which
also is the 1-5 s pause Discord asks for after an invalid session.
"""

from __future__ import annotations

import asyncio
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


async def load_isolated(
    bot: commands.Bot | commands.AutoShardedBot, extensions: Sequence[str]
) -> dict[str, str]:
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


# Discord lets each rate-limit bucket IDENTIFY once per 5 s.
IDENTIFY_WINDOW = 5.0


class IdentifyPacer:
    """Discord's IDENTIFY rate limit, kept on the loop clock: max_concurrency buckets
    (`shard_id % max_concurrency`), one IDENTIFY per bucket every IDENTIFY_WINDOW seconds."""

    def __init__(self, max_concurrency: int = 1, window: float = IDENTIFY_WINDOW) -> None:
        self.max_concurrency = max(1, max_concurrency)
        self.window = window
        self._last: dict[int, float] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    def bucket(self, shard_id: int) -> int:
        """The rate-limit bucket of a shard."""
        return shard_id % self.max_concurrency

    async def wait(self, shard_id: int) -> None:
        """Return once `shard_id` may IDENTIFY, and count that IDENTIFY in its bucket."""
        bucket = self.bucket(shard_id)
        lock = self._locks.setdefault(bucket, asyncio.Lock())
        async with lock:
            loop = asyncio.get_running_loop()
            last = self._last.get(bucket)
            if last is not None:
                delay = last + self.window - loop.time()
                if delay > 0:
                    log.info(
                        "Shard %s waits %.1f s to identify (bucket %s)", shard_id, delay, bucket
                    )
                    await asyncio.sleep(delay)
            self._last[bucket] = loop.time()


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


class SdxlBot(commands.AutoShardedBot):
    """The bot process's Discord client: the shards `shard_ids` of `shard_count` (None: all
    of Discord's recommended count)."""

    def __init__(
        self,
        services: Services,
        *,
        sync_on_start: bool = True,
        resume_jobs: bool = True,
        shard_count: int | None = None,
        shard_ids: Sequence[int] | None = None,
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
            shard_count=shard_count,
        )
        if shard_ids is not None:
            # What discord.py's `shard_ids=` does (it is typed as never None, so set here).
            if shard_count is None:
                raise ValueError("shard_ids needs shard_count")
            self.shard_ids = list(shard_ids)
        self.services = services
        self._sync_on_start = sync_on_start
        # Only a serving bot picks up unfinished jobs; `sdxl-bot sync` must not start them.
        self.resume_jobs = resume_jobs
        # Extensions that failed to load in setup_hook (name -> reason); the others serve.
        self.failed_extensions: dict[str, str] = {}
        self.identify_pacer = IdentifyPacer()
        self._launching = False

    async def launch_shards(self) -> None:
        """Read /gateway/bot once (max_concurrency; the shard count when SHARD_COUNT is
        unset), then let discord.py connect the shards, paced by `before_identify_hook`.

        The count is set here rather than by discord.py so that it connects to
        DISCORD_GATEWAY_URL (a gateway proxy) instead of the URL /gateway/bot names.
        """
        if self.is_closed():
            return
        recommended, _, limits = await self.http.get_bot_gateway()
        self.identify_pacer = IdentifyPacer(limits["max_concurrency"])
        if self.shard_count is None:
            self.shard_count = recommended
        log.info(
            "Connecting shards %s of %d (Discord recommends %d; %d IDENTIFY at once)",
            ",".join(map(str, self.shard_ids or range(self.shard_count))),
            self.shard_count,
            recommended,
            self.identify_pacer.max_concurrency,
        )
        self._launching = True
        try:
            await super().launch_shards()
        finally:
            self._launching = False

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Start-up: wait for the shard's rate-limit bucket only. Later: discord.py's 5 s."""
        if not self._launching:
            await super().before_identify_hook(shard_id, initial=initial)
        await self.identify_pacer.wait(shard_id or 0)

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
