"""The whole bot, real discord.py client and all, wired to the fake Discord and fake Replicate."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.services import Services
from bot.tracking import PollPolicy
from cogs.client import SdxlBot
from sdxl_bot.app import services
from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate

# A tenth of the real polling intervals, so a test prediction is noticed quickly.
FAST_POLLING = PollPolicy(boot_first=0.05, boot_max=0.2, running_max=0.2, finish=0.05, minimum=0.01)


@dataclass
class Stack:
    """A running bot and the two fakes it talks to."""

    bot: SdxlBot
    services: Services
    discord: FakeDiscord
    replicate: FakeReplicate


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """Extra settings for the bot under test; a test module overrides this fixture."""
    return {}


@pytest.fixture
async def stack(
    fake_discord: FakeDiscord,
    fake_replicate: FakeReplicate,
    database: str,
    settings_overrides: dict[str, Any],
) -> AsyncIterator[Stack]:
    """The bot logged in to the fake Discord, /imagine synced, on each backend; the ledger
    checked afterwards."""
    settings = bot_settings(fake_discord, fake_replicate, database, **settings_overrides)
    async with services(settings, poll_policy=FAST_POLLING) as built:
        bot = SdxlBot(built)
        serving = asyncio.create_task(bot.start(fake_discord.bot_token))
        try:
            await fake_discord.wait_ready()
            await fake_discord.wait_until(
                lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id))
            )
            yield Stack(bot, built, fake_discord, fake_replicate)
        finally:
            await built.runner.close()
            await bot.close()
            await asyncio.gather(serving, return_exceptions=True)
        # DESIGN.md §5: for every finished job, reserved = settled + refunded.
        assert await built.quotas.invariant_violations() == []


def bot_settings(
    fake_discord: FakeDiscord,
    fake_replicate: FakeReplicate,
    database: Path | str,
    **overrides: Any,
) -> Settings:
    """Settings of a bot wired to the two fakes, on `database` (a SQLite file, or a
    postgresql:// URL as the `database` fixture gives; kept across restarts)."""
    where = (
        {"database_url": database} if "://" in str(database) else {"database_path": Path(database)}
    )
    return Settings.load(
        _env_file=None,
        discord_token=fake_discord.bot_token,
        replicate_api_token="r8_fake_test_token",
        replicate_api_base=fake_replicate.base_url,
        discord_api_base=fake_discord.rest_base,
        discord_gateway_url=fake_discord.gateway_url,
        dev_guild_id=fake_discord.guild_id,
        **where,
        **overrides,
    )


@contextlib.asynccontextmanager
async def running_bot(
    settings: Settings, fake_discord: FakeDiscord, fake_replicate: FakeReplicate
) -> AsyncIterator[Stack]:
    """One run of the bot: logged in and ready (commands synced) until the block ends, then
    stopped as `sdxl-bot run` stops (the runner first, unfinished jobs left recorded).

    Start it again on the same settings for a restart; the ledger is checked after each run.
    """
    identified = fake_discord.identifies
    async with services(settings, poll_policy=FAST_POLLING) as built:
        bot = SdxlBot(built)

        async def ready() -> None:
            await fake_discord.wait_until(lambda: fake_discord.identifies > identified, 15)
            # discord.py's READY comes once it has waited for the guilds.
            await bot.wait_until_ready()

        serving = asyncio.create_task(bot.start(fake_discord.bot_token))
        try:
            readying = asyncio.create_task(ready())
            done, _ = await asyncio.wait(
                {readying, serving}, timeout=20, return_when=asyncio.FIRST_COMPLETED
            )
            if readying not in done:
                readying.cancel()
                if serving in done:
                    serving.result()  # the start-up's own error
                raise AssertionError("the bot was not ready in time")
            readying.result()
            await fake_discord.wait_until(
                lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id))
            )
            yield Stack(bot, built, fake_discord, fake_replicate)
        finally:
            await built.runner.close()
            await bot.close()
            await asyncio.gather(serving, return_exceptions=True)
        assert await built.quotas.invariant_violations() == []
