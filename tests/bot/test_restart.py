"""kill -9 in every job state, restart: each job ends delivered or refunded, exactly once."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bot.test_app import environment, start
from tests.fakes.discord import FakeDiscord, FakeInteraction
from tests.fakes.replicate import FakeReplicate, Fault


def job_states(database: Path) -> dict[str, str]:
    """prompt -> state of every job, read the way an operator would (a second connection)."""
    if not database.exists():
        return {}
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute("SELECT request_json, state FROM jobs").fetchall()
    except sqlite3.OperationalError:
        return {}
    finally:
        connection.close()
    import json

    return {json.loads(request)["prompt"]: state for request, state in rows}


def ledger_by_job(database: Path) -> dict[str, dict[str, int]]:
    """job id -> {kind: images} from the ledger."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5)
    try:
        rows = connection.execute(
            "SELECT job_id, kind, SUM(amount) FROM ledger GROUP BY job_id, kind"
        ).fetchall()
    finally:
        connection.close()
    totals: dict[str, dict[str, int]] = {}
    for job_id, kind, amount in rows:
        totals.setdefault(job_id, {})[kind] = amount
    return totals


async def until(condition: Callable[[], bool], timeout: float = 30) -> None:
    """Poll a condition across processes (nothing signals between them), with a bound."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.05)


def delivered_messages(discord: FakeDiscord, interaction: FakeInteraction) -> list[object]:
    """Messages carrying this job's images: its reply, or the bot's own channel message."""
    found: list[object] = []
    if interaction.original is not None and interaction.original.attachments:
        found.append(interaction.original)
    found.extend(
        message
        for message in discord.messages.values()
        if message.attachments and message.interaction_id is None and not message.deleted
    )
    return found


@pytest.mark.slow
@pytest.mark.parametrize("state", ["queued", "submitting", "processing", "delivering"])
async def test_kill_9_then_restart_delivers_every_job_once(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path, state: str
) -> None:
    """The process dies without warning in `state`; the next one finishes the job exactly once."""
    fake_replicate.timing.step = 0.03
    if state == "submitting":
        # The create reaches Replicate, but its answer is lost with the process.
        fake_replicate.add_fault(
            Fault(method="POST", path="/v1/predictions", kind="slow", delay=5, after_effect=True)
        )
    if state == "delivering":
        fake_replicate.add_fault(Fault(method="GET", path=r"/files/.*", kind="slow", delay=5))
    env = environment(fake_discord, fake_replicate, tmp_path, MAX_CONCURRENT_PREDICTIONS="1")
    database = tmp_path / "data" / "bot.sqlite3"
    target = f"the {state} job"
    first = await start("run", env, tmp_path)
    try:
        await fake_discord.wait_ready(timeout=30)
        await fake_discord.wait_until(
            lambda: bool(fake_discord.guild_commands.get(fake_discord.guild_id)), timeout=30
        )
        interactions = []
        if state == "queued":
            fake_replicate.timing.step = 0.1  # the job ahead keeps the only slot for a while
            ahead = fake_discord.add_user("ahead")
            interactions.append(
                await fake_discord.send_command("imagine", {"prompt": "ahead"}, user=ahead)
            )
            await until(lambda: job_states(database).get("ahead") == "processing")
        interactions.append(await fake_discord.send_command("imagine", {"prompt": target}))
        await until(lambda: job_states(database).get(target) == state)
        if state == "submitting":
            await until(lambda: len(fake_replicate.predictions) == 1)
    finally:
        first.kill()
        await first.wait()
    assert first.returncode == -signal.SIGKILL

    fake_replicate.timing.step = 0.01
    fake_replicate.faults.clear()
    second = await start("run", env, tmp_path)
    try:
        await until(lambda: fake_discord.identifies >= 2)
        await until(
            lambda: all(s in ("done", "failed", "canceled") for s in job_states(database).values()),
            timeout=60,
        )
    finally:
        second.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(second.communicate(), timeout=30)
    assert second.returncode == 0, stderr.decode()[-2000:]

    states = job_states(database)
    assert set(states.values()) == {"done"}, states
    prompts = [p.input["prompt"] for p in fake_replicate.predictions.values()]
    assert sorted(prompts) == sorted(states), "a job's prediction was created twice (or never)"
    for entries in ledger_by_job(database).values():
        assert entries.get("reserve") == entries.get("settle", 0) + entries.get("refund", 0)
        assert entries.get("settle") == 1
    for interaction in interactions:
        await until(lambda i=interaction: bool(delivered_messages(fake_discord, i)))
    images = [m for m in fake_discord.messages.values() if m.attachments and not m.deleted]
    assert len(images) == len(interactions), "every job's images are posted exactly once"
