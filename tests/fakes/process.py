"""The bot as a separate process against the fakes: the environment that points it at them."""

from __future__ import annotations

import os
from pathlib import Path

from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate

# The variables of the contract (DESIGN.md §2) and the bot's own, dropped from the caller's
# environment so a developer's real configuration never leaks into a run against the fakes.
OWN_PREFIXES = ("DISCORD", "REPLICATE", "SDXL", "DEV_GUILD", "DATABASE", "MAX_", "QUOTA", "WEBHOOK")


def bot_environment(
    discord: FakeDiscord, replicate: FakeReplicate, database: Path, **extra: str
) -> dict[str, str]:
    """The contract's variables pointing at the fakes, plus `extra`; nothing of the caller's."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(OWN_PREFIXES)}
    env.update(
        DISCORD_TOKEN=discord.bot_token,
        REPLICATE_API_TOKEN="r8_fake_test_token",
        REPLICATE_API_BASE=replicate.base_url,
        DISCORD_API_BASE=discord.rest_base,
        DISCORD_GATEWAY_URL=discord.gateway_url,
        DATABASE_PATH=str(database),
        DEV_GUILD_ID=str(discord.guild_id),
    )
    env.update(extra)
    return env
