"""`sdxl-bot run` and `sdxl-bot sync` as processes, configured only by environment variables."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from tests.fakes.discord import FakeDiscord
from tests.fakes.process import bot_environment
from tests.fakes.replicate import FakeReplicate


def environment(
    discord: FakeDiscord, replicate: FakeReplicate, folder: Path, **extra: str
) -> dict[str, str]:
    """The contract's variables pointing at the fakes, the database under `folder`/data."""
    return bot_environment(discord, replicate, folder / "data" / "bot.sqlite3", **extra)


async def start(
    command: str, env: dict[str, str], folder: Path, *args: str
) -> asyncio.subprocess.Process:
    """`python -m bot COMMAND ARGS` in `folder`."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        command,
        *args,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_serves_imagine_and_stops_cleanly_on_sigterm(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """The bot process logs in, syncs to DEV_GUILD_ID, answers /imagine, and exits 0 on SIGTERM."""
    process = await start("run", environment(fake_discord, fake_replicate, tmp_path), tmp_path)
    try:
        await fake_discord.wait_ready(timeout=30)
        await fake_discord.wait_until(
            lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id)), timeout=30
        )
        interaction = await fake_discord.send_command("imagine", {"prompt": "from a process"})
        await interaction.wait_for(
            lambda i: i.original is not None and bool(i.original.attachments), timeout=30
        )
        assert (tmp_path / "data" / "bot.sqlite3").exists()
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert "fake.discord-bot.token" not in stderr.decode()


async def test_sync_pushes_the_commands_to_one_server(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """`sync --guild ID` registers /imagine there over REST alone and says what it did."""
    env = environment(fake_discord, fake_replicate, tmp_path)
    del env["DEV_GUILD_ID"]
    process = await start("sync", env, tmp_path, "--guild", str(fake_discord.guild_id))
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0, stderr.decode()
    assert "/imagine" in stdout.decode()
    names = {command["name"] for command in fake_discord.guild_commands[fake_discord.guild_id]}
    assert names == {"imagine", "quota", "history", "mod", "usage"}
    assert fake_discord.identifies == 0


async def test_a_rejected_discord_token_is_named(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A wrong DISCORD_TOKEN ends `sync` with exit 2 and a message naming the variable."""
    env = environment(fake_discord, fake_replicate, tmp_path, DISCORD_TOKEN="wrong.canary.token")
    process = await start("sync", env, tmp_path)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "DISCORD_TOKEN" in stderr.decode()
    assert "wrong.canary.token" not in stderr.decode()


async def test_run_without_a_discord_token_says_what_to_set(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """`run` without DISCORD_TOKEN exits 2 naming it, before connecting anywhere."""
    env = environment(fake_discord, fake_replicate, tmp_path)
    del env["DISCORD_TOKEN"]
    process = await start("run", env, tmp_path)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "DISCORD_TOKEN is required" in stderr.decode()
    assert fake_discord.requests == []
