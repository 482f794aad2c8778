"""Sharding (DESIGN.md §8): the real bot as an AutoShardedBot against a fake Discord that
shards as Discord does (tests/fakes/discord_gateway.py).

Each test starts the bot the way `sdxl-bot run` builds it (SHARD_COUNT / SHARD_IDS from the
settings), over guilds placed on known shards with `FakeDiscord.add_guild(shard=...)`.
Identify times are the fake's, on the loop clock (virtual time): never wall-clock timings.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot import logs
from bot.config import Settings
from cogs.client import SdxlBot
from sdxl_bot import cli
from sdxl_bot.app import services
from tests.cogs.conftest import FAST_POLLING, Stack, bot_settings
from tests.cogs.test_imagine import finished
from tests.fakes.discord import FakeDiscord, FakeGuild
from tests.fakes.discord_gateway import GatewaySession
from tests.fakes.process import OWN_PREFIXES, bot_environment
from tests.fakes.replicate import FakeReplicate

pytestmark = pytest.mark.virtual_time


@contextlib.asynccontextmanager
async def sharded_bot(
    settings: Settings, fake_discord: FakeDiscord, fake_replicate: FakeReplicate
) -> AsyncIterator[Stack]:
    """The bot built as `sdxl-bot run` builds it, until every shard of it is ready."""
    async with services(settings, poll_policy=FAST_POLLING) as built:
        bot = SdxlBot(built, shard_count=settings.shard_count, shard_ids=settings.shard_ids)
        serving = asyncio.create_task(bot.start(fake_discord.bot_token))
        try:
            readying = asyncio.create_task(bot.wait_until_ready())
            done, _ = await asyncio.wait(
                {readying, serving}, timeout=60, return_when=asyncio.FIRST_COMPLETED
            )
            if readying not in done:
                readying.cancel()
                if serving in done:
                    serving.result()  # the start-up's own error
                raise AssertionError("the bot was not ready in time")
            yield Stack(bot, built, fake_discord, fake_replicate)
        finally:
            await built.runner.close()
            await bot.close()
            await asyncio.gather(serving, return_exceptions=True)


def on_shard(fake: FakeDiscord, shard_id: int, shard_count: int) -> set[int]:
    """The ids of the fake's guilds that Discord routes to `shard_id` of `shard_count`."""
    return {gid for gid in fake.guilds if (gid >> 22) % shard_count == shard_id}


def announced(session: GatewaySession) -> tuple[list[int], set[int]]:
    """READY's `shard` and the guilds a session was told about (READY and GUILD_CREATE)."""
    ready = [f["d"] for f in session.log if f["t"] == "READY"]
    created = {int(f["d"]["id"]) for f in session.log if f["t"] == "GUILD_CREATE"}
    assert len(ready) == 1
    assert {int(g["id"]) for g in ready[0]["guilds"]} == created
    return ready[0]["shard"], created


def interactions_seen(session: GatewaySession) -> set[int]:
    """The ids of the interactions a session was sent."""
    return {int(f["d"]["id"]) for f in session.log if f["t"] == "INTERACTION_CREATE"}


def two_guilds_a_shard(fake: FakeDiscord) -> dict[int, FakeGuild]:
    """A guild on shard 0 and one on shard 1 of 2, besides the fake's first guild."""
    return {n: fake.add_guild(shard=(n, 2), name=f"shard {n} guild") for n in (0, 1)}


async def test_two_shards_in_one_process_each_get_their_guilds(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """SHARD_COUNT=2 connects shards 0 and 1 of 2; each session holds only its guilds."""
    two_guilds_a_shard(fake_discord)
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3", shard_count=2)
    async with sharded_bot(settings, fake_discord, fake_replicate) as stack:
        sessions = fake_discord.gateway.sessions
        assert set(sessions) == {(0, 2), (1, 2)}
        for n in (0, 1):
            assert announced(sessions[(n, 2)]) == ([n, 2], on_shard(fake_discord, n, 2))
        assert stack.bot.shard_count == 2 and set(stack.bot.shards) == {0, 1}
        for guild_id in fake_discord.guilds:
            guild = stack.bot.get_guild(guild_id)
            assert guild is not None and guild.shard_id == (guild_id >> 22) % 2


async def test_shard_ids_connects_only_its_shard_and_gets_only_its_interactions(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """SHARD_IDS=1 of 2: one session; /imagine in a shard-1 guild is served, one in a
    shard-0 guild never reaches the process (no session of it is sent the interaction)."""
    guilds = two_guilds_a_shard(fake_discord)
    settings = bot_settings(
        fake_discord, fake_replicate, tmp_path / "bot.sqlite3", shard_count=2, shard_ids="1"
    )
    async with sharded_bot(settings, fake_discord, fake_replicate) as stack:
        assert set(fake_discord.gateway.sessions) == {(1, 2)}
        session = fake_discord.gateway.sessions[(1, 2)]
        assert announced(session) == ([1, 2], on_shard(fake_discord, 1, 2))
        assert {g.id for g in stack.bot.guilds} == on_shard(fake_discord, 1, 2)
        await stack.bot.tree.sync()  # global commands: usable in every guild

        served = await fake_discord.send_command(
            "imagine", {"prompt": "a shard-one corgi"}, guild=guilds[1]
        )
        assert (await finished(served)).attachments
        elsewhere = await fake_discord.send_command(
            "imagine", {"prompt": "a shard-zero corgi"}, guild=guilds[0]
        )
        await asyncio.sleep(10)  # past the 3 s callback deadline
        assert elsewhere.callback is None and elsewhere.errors == []
        assert interactions_seen(session) == {served.id}
        assert elsewhere.id not in interactions_seen(session)


async def test_unset_shard_count_follows_the_gateway_recommendation(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Without SHARD_COUNT the bot runs as many shards as GET /gateway/bot recommends."""
    fake_discord.add_guild(shard=(1, 3))
    fake_discord.add_guild(shard=(2, 3))
    fake_discord.gateway.recommended_shards = 3
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3")
    assert settings.shard_count is None
    async with sharded_bot(settings, fake_discord, fake_replicate) as stack:
        assert stack.bot.shard_count == 3
        assert set(fake_discord.gateway.sessions) == {(0, 3), (1, 3), (2, 3)}
        for n in range(3):
            session = fake_discord.gateway.sessions[(n, 3)]
            assert announced(session) == ([n, 3], on_shard(fake_discord, n, 3))
    assert fake_discord.count("GET", r"/gateway/bot$") == 1


async def test_a_gateway_proxy_is_kept_when_discord_recommends_the_count(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Unset SHARD_COUNT: the count comes from /gateway/bot, the socket still goes to
    DISCORD_GATEWAY_URL (a gateway proxy), not to the URL /gateway/bot names."""
    elsewhere = {
        "url": "ws://127.0.0.1:9/not-the-proxy",
        "shards": 2,
        "session_start_limit": fake_discord.gateway.session_start_limit(),
    }
    fake_discord.add_fault("GET", r"/gateway/bot$", 200, elsewhere)
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3")
    async with sharded_bot(settings, fake_discord, fake_replicate) as stack:
        assert stack.bot.shard_count == 2
        assert set(fake_discord.gateway.sessions) == {(0, 2), (1, 2)}


@pytest.mark.parametrize("max_concurrency", [1, 2, 4])
async def test_identifies_are_paced_by_max_concurrency(
    fake_discord: FakeDiscord,
    fake_replicate: FakeReplicate,
    tmp_path: Path,
    max_concurrency: int,
) -> None:
    """4 shards: at most one IDENTIFY per bucket (shard_id % max_concurrency) every 5 s, as
    Discord enforces (the fake answers op 9 otherwise), and buckets start together."""
    gateway = fake_discord.gateway
    gateway.max_concurrency = max_concurrency
    gateway.identify_rate_limited = True
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3", shard_count=4)
    async with sharded_bot(settings, fake_discord, fake_replicate):
        assert set(gateway.sessions) == {(n, 4) for n in range(4)}
    assert gateway.invalidated == 0
    buckets = gateway.identifies_by_bucket()
    assert set(buckets) == set(range(max_concurrency))
    for times in buckets.values():
        assert all(later - earlier >= 5.0 for earlier, later in itertools.pairwise(times))
    starts = sorted(record.at for record in gateway.identify_log)
    # One wave per 5 s window: 4 shards take 4 / max_concurrency waves, not 4 whatever it is.
    waves = 4 // max_concurrency
    assert starts[-1] - starts[0] < 5.0 * waves
    assert [r.shard_id for r in gateway.identify_log] == [0, 1, 2, 3]


async def test_a_reidentify_after_start_up_waits_as_discord_asks(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A session Discord invalidates is identified again 5 s later, in its bucket's turn."""
    gateway = fake_discord.gateway
    gateway.identify_rate_limited = True
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3", shard_count=2)
    async with sharded_bot(settings, fake_discord, fake_replicate):
        before = len(gateway.identify_log)
        invalidated_at = fake_discord.now()
        await gateway.invalidate_session(shard_id=1)
        await fake_discord.wait_until(lambda: len(gateway.identify_log) > before, timeout=60)
        await fake_discord.wait_until(lambda: (1, 2) in gateway.sessions, timeout=60)
    assert gateway.invalidated == 1, "no IDENTIFY came too early"
    [*_, last] = gateway.identify_log
    assert last.shard_id == 1
    # Discord asks for a 1-5 s pause after an invalid session; discord.py waits 5 s.
    assert last.at - invalidated_at >= 5.0


def _clean_environment(monkeypatch: pytest.MonkeyPatch, env: dict[str, str]) -> None:
    """Exactly `env`'s variables of the bot (nothing of the developer's), no `.env`."""
    for key in list(os.environ):
        if key.startswith((*OWN_PREFIXES, "SHARD_", "JOB_LEASE")):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)


@pytest.mark.parametrize(
    ("case", "code", "named"),
    [
        ("too-few-shards", "4011", "Raise SHARD_COUNT (now 1)"),
        ("large-bot-sharding", "4010", "SHARD_COUNT (now 1) must be one Discord accepts"),
    ],
)
async def test_a_refused_shard_ends_run_with_one_clear_line(
    fake_discord: FakeDiscord,
    fake_replicate: FakeReplicate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    case: str,
    code: str,
    named: str,
) -> None:
    """4011 (a session past the guild limit) and 4010 (a shard count Discord refuses) end
    `sdxl-bot run` with exit 1 and one line naming the close code and SHARD_COUNT."""
    if case == "too-few-shards":
        fake_discord.gateway.max_guilds_per_session = 2
        two_guilds_a_shard(fake_discord)
    else:
        fake_discord.gateway.shard_count_multiple = 16
    env = bot_environment(fake_discord, fake_replicate, tmp_path / "bot.sqlite3", SHARD_COUNT="1")
    _clean_environment(monkeypatch, env)
    monkeypatch.chdir(tmp_path)
    # Keep pytest's log capture: `run` would otherwise take over the root logger.
    monkeypatch.setattr(logs, "configure", _no_logging_setup)
    exit_code = await asyncio.wait_for(cli._serve(), 60)
    assert exit_code == cli.EXIT_FAILED
    assert fake_discord.gateway.close_codes == [int(code)]
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("sdxl-bot: error: ")
    assert f"close code {code}" in lines[0] and named in lines[0]


def _no_logging_setup(*args: Any, **kwargs: Any) -> None:
    logging.getLogger(__name__).debug("logging left as pytest set it")
