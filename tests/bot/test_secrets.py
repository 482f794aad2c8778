"""Canary tokens: no secret reaches logs, errors, Discord messages, Replicate or the database."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
from pathlib import Path

import pytest

from tests.bot.test_app import environment, start
from tests.bot.test_restart import job_states, until
from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate, Scenario


def everything_discord_saw(discord: FakeDiscord) -> str:
    """Every message, embed and component the bot produced, as one text."""
    parts = []
    for message in discord.messages.values():
        parts.append(message.content)
        parts.append(json.dumps(message.embeds))
        parts.append(json.dumps(message.components))
    for request in discord.requests:
        if request.json is not None:
            parts.append(json.dumps(request.json))
    return "\n".join(parts)


async def test_no_secret_is_written_anywhere(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """At DEBUG, through successes and failures, the tokens appear in no output at all."""
    replicate_token = "r8_fake_test_token"
    discord_token = fake_discord.bot_token
    env = environment(fake_discord, fake_replicate, tmp_path, LOG_LEVEL="DEBUG")
    process = await start("run", env, tmp_path)
    interactions = []
    try:
        await fake_discord.wait_ready(timeout=30)
        await fake_discord.wait_until(
            lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id)), timeout=30
        )
        interactions.append(await fake_discord.send_command("imagine", {"prompt": "fine"}))
        await until(lambda: job_states(tmp_path / "data" / "bot.sqlite3").get("fine") == "done")
        fake_replicate.scenario = Scenario(nsfw="all")
        interactions.append(await fake_discord.send_command("imagine", {"prompt": "flagged"}))
        await until(
            lambda: job_states(tmp_path / "data" / "bot.sqlite3").get("flagged") == "failed"
        )
        interactions.append(
            await fake_discord.send_command("imagine", {"prompt": "bad", "width": 1001})
        )
        await interactions[-1].wait_callback()
    finally:
        process.send_signal(signal.SIGTERM)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 0
    logs = stdout.decode() + stderr.decode()
    assert "DEBUG" in logs, "the canary needs the most verbose logs to mean anything"
    database = b"".join(path.read_bytes() for path in (tmp_path / "data").iterdir())
    seen_by_discord = everything_discord_saw(fake_discord)
    sent_to_replicate = json.dumps([r.json for r in fake_replicate.requests])
    interaction_tokens = [interaction.token for interaction in interactions]
    for secret in (replicate_token, discord_token, *interaction_tokens):
        assert secret not in logs
        assert secret.encode() not in database
        assert secret not in sent_to_replicate
    for secret in (replicate_token, discord_token):
        assert secret not in seen_by_discord


def files_holding(folder: Path, secret: str) -> list[str]:
    """The files of the database folder (db, -wal, -shm) whose raw bytes contain `secret`."""
    return sorted(p.name for p in folder.iterdir() if secret.encode() in p.read_bytes())


def reply_recorded(database: Path, prompt: str) -> bool:
    """Whether the job of `prompt` has its reply's message id recorded (read-only)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute("SELECT request_json, message_id FROM jobs").fetchall()
    except sqlite3.OperationalError:
        return False
    finally:
        connection.close()
    return any(json.loads(request)["prompt"] == prompt and mid for request, mid in rows)


@pytest.mark.slow
async def test_a_killed_bot_leaves_no_interaction_token_on_disk_and_resumes_its_reply(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """kill -9 mid-job: the token is in no db, -wal or -shm file; the restart still edits the reply.

    The second process reads the sealed token with the key derived from DISCORD_TOKEN.
    """
    fake_replicate.timing.step = 0.05
    env = environment(fake_discord, fake_replicate, tmp_path)
    folder = tmp_path / "data"
    database = folder / "bot.sqlite3"
    first = await start("run", env, tmp_path)
    try:
        await fake_discord.wait_ready(timeout=30)
        await fake_discord.wait_until(
            lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id)), timeout=30
        )
        interaction = await fake_discord.send_command("imagine", {"prompt": "sealed"})
        await until(lambda: job_states(database).get("sealed") == "processing")
        await until(lambda: reply_recorded(database, "sealed"))
        assert (folder / "bot.sqlite3-wal").exists()
        assert files_holding(folder, interaction.token) == [], "while the bot runs"
    finally:
        first.kill()
        await first.wait()
    assert files_holding(folder, interaction.token) == [], "after kill -9"

    fake_replicate.timing.step = 0.01
    second = await start("run", env, tmp_path)
    try:
        await until(lambda: fake_discord.identifies >= 2)
        await until(lambda: job_states(database).get("sealed") == "done", timeout=60)
        await interaction.wait_for(
            lambda i: i.original is not None and bool(i.original.attachments), timeout=30
        )
    finally:
        second.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(second.communicate(), timeout=30)
    assert second.returncode == 0, stderr.decode()[-2000:]
    own_images = [
        m for m in fake_discord.messages.values() if m.attachments and m.interaction_id is None
    ]
    assert own_images == [], "the images went to the interaction reply, not a message of its own"
    assert files_holding(folder, interaction.token) == [], "after the job ended"
