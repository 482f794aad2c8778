"""Start-up that no job and no extension can block (DESIGN.md §7).

Each test restarts the real bot on the same database against the same fakes: what an
earlier run left behind is picked up once the gateway is ready, in the background, paced.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.rows import JobRow
from cogs import client
from tests.cogs.conftest import bot_settings, running_bot
from tests.cogs.test_imagine import finished
from tests.fakes import clock
from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate

pytestmark = pytest.mark.virtual_time

MISSING_PERMISSIONS = {"message": "Missing Permissions", "code": 50013}


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 20) -> None:
    """Until `check()` holds, for conditions only the database shows; bounded."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await check():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.02)


def expire_tokens(database: Path) -> None:
    """What a restart long after the commands sees: every stored token past its 15 minutes."""
    connection = sqlite3.connect(database)
    try:
        with connection:
            connection.execute("UPDATE jobs SET token_expires_at = ?", (clock.wall() - 60,))
    finally:
        connection.close()


def channel_posts(discord: FakeDiscord, channel_id: int) -> list[Any]:
    """The bot's POSTs of new messages in `channel_id`, answered or not."""
    path = f"/channels/{channel_id}/messages"
    return [r for r in discord.requests if r.method == "POST" and r.path.endswith(path)]


async def a_row(services: Any, state: str) -> JobRow:
    """The one job in `state`, once there is one."""
    found: list[JobRow] = []

    async def there() -> bool:
        found[:] = await services.store.jobs_in_states([state])
        return bool(found)

    await eventually(there)
    [row] = found
    return row


@pytest.mark.slow
@pytest.mark.parametrize("case", ["deleted-running", "deleted-queued", "post-forbidden"])
async def test_a_job_whose_channel_is_gone_cannot_stop_the_next_start(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path, case: str
) -> None:
    """Channel deleted or refused (403): the bot starts, serves, and ends that job refunded."""
    settings = bot_settings(
        fake_discord, fake_replicate, tmp_path / "bot.sqlite3", max_concurrent_predictions=1
    )
    fake_replicate.timing.step = 0.2  # 10 s of steps: still running at the restart
    async with running_bot(settings, fake_discord, fake_replicate) as first:
        if case == "deleted-queued":
            ahead = fake_discord.add_user("ahead")
            await fake_discord.send_command(
                "imagine",
                {"prompt": "ahead"},
                user=ahead,
                channel_id=fake_discord.nsfw_channel_id,
            )
            await a_row(first.services, "processing")
        await fake_discord.send_command("imagine", {"prompt": "orphan"})
        orphan = await a_row(first.services, "queued" if case == "deleted-queued" else "processing")
    expire_tokens(settings.database_path)
    if case == "post-forbidden":
        fake_discord.add_fault(
            "POST", rf"/channels/{fake_discord.channel_id}/messages$", 403, MISSING_PERMISSIONS
        )
    else:
        del fake_discord.channels[fake_discord.channel_id]
    fake_replicate.timing.step = 0.002

    async with running_bot(settings, fake_discord, fake_replicate) as second:
        fresh = await fake_discord.send_command(
            "imagine", {"prompt": "after the restart"}, channel_id=fake_discord.nsfw_channel_id
        )
        assert (await finished(fresh)).attachments

        async def orphan_ended() -> bool:
            row = await second.services.store.job(orphan.id)
            return row is not None and row.state == "failed"

        await eventually(orphan_ended)
        row = await second.services.store.job(orphan.id)
        assert row is not None and row.error_key == "errors.reply_unavailable"
        entries = await second.services.quotas.entries(orphan.id)
        assert sum(a for k, a, _ in entries if k == "refund") == 1, entries
        assert not any(k == "settle" and a for k, a, _ in entries), entries
        assert await second.services.quotas.invariant_violations() == []
        if orphan.prediction_id is not None:
            prediction = fake_replicate.predictions[orphan.prediction_id]
            assert prediction.canceled_monotonic is not None
        if case == "deleted-queued":
            await eventually(lambda: _no_unfinished(second.services), timeout=30)
    posted = [
        m
        for m in fake_discord.messages.values()
        if m.channel_id == fake_discord.channel_id and m.interaction_id is None
    ]
    assert posted == [], "nothing was posted in the orphan's channel"


async def _no_unfinished(services: Any) -> bool:
    unfinished = ["queued", "submitting", "starting", "processing", "delivering"]
    return not await services.store.jobs_in_states(unfinished)


async def test_a_failing_extension_is_logged_once_and_the_others_load(
    fake_discord: FakeDiscord,
    fake_replicate: FakeReplicate,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A setup that raises is logged once with its traceback; the other extensions serve."""
    monkeypatch.setattr(client, "EXTENSIONS", ("tests.cogs.ext_broken", *client.EXTENSIONS))
    caplog.set_level(logging.INFO)
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3")
    async with running_bot(settings, fake_discord, fake_replicate) as stack:
        assert set(stack.bot.extensions) == set(client.EXTENSIONS) - {"tests.cogs.ext_broken"}
        assert {"Imagine"} <= set(stack.bot.cogs)
        interaction = await fake_discord.send_command("imagine", {"prompt": "still here"})
        assert (await finished(interaction)).attachments
        assert list(stack.bot.failed_extensions) == ["tests.cogs.ext_broken"]
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    [record] = errors
    assert "tests.cogs.ext_broken" in record.getMessage()
    assert "broken on purpose" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


@pytest.mark.slow
async def test_a_live_token_without_a_message_id_edits_the_original_reply(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """No stored message id, live token: the job goes on by PATCH @original, no channel post."""
    settings = bot_settings(fake_discord, fake_replicate, tmp_path / "bot.sqlite3")
    fake_replicate.timing.step = 0.1  # 5 s of steps: still running at the restart
    async with running_bot(settings, fake_discord, fake_replicate) as first:

        async def not_recorded(job_id: str, message_id: int, token_valid: bool) -> None:
            """The process dies before the reply's id reaches the database."""

        first.services.runner.note_reply = not_recorded  # type: ignore[method-assign]
        interaction = await fake_discord.send_command("imagine", {"prompt": "a long corgi"})
        await a_row(first.services, "processing")
    rows = _all_rows(settings.database_path)
    assert rows == [(None, 1)], "stopped with a live token and no message id"
    edits_before = len(interaction.edits)

    async with running_bot(settings, fake_discord, fake_replicate) as second:
        message = await finished(interaction, timeout=30)
        assert message.attachments and not message.loading
        assert len(interaction.edits) > edits_before
        assert interaction.errors == []
        assert channel_posts(fake_discord, fake_discord.channel_id) == []

        async def recorded() -> bool:
            done = await second.services.store.jobs_in_states(["done"])
            return bool(done) and done[0].message_id == message.id

        await eventually(recorded)
    assert channel_posts(fake_discord, fake_discord.channel_id) == []


def _all_rows(database: Path) -> list[tuple[int | None, int]]:
    """(message_id, whether a token is stored) of every job."""
    connection = sqlite3.connect(database)
    try:
        return [
            (message_id, int(token is not None))
            for message_id, token in connection.execute(
                "SELECT message_id, interaction_token FROM jobs"
            )
        ]
    finally:
        connection.close()


@pytest.mark.slow
async def test_resumed_jobs_post_in_their_channel_paced_after_ready(
    fake_discord: FakeDiscord, fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Resumed jobs post in their channel after READY, at most 5 per 5 s, then deliver there."""
    count = 7
    settings = bot_settings(
        fake_discord, fake_replicate, tmp_path / "bot.sqlite3", max_concurrent_predictions=count
    )
    fake_replicate.timing.step = 0.2  # 10 s of steps: all still running at the restart
    members = [fake_discord.add_user(f"member{n}") for n in range(count)]
    async with running_bot(settings, fake_discord, fake_replicate) as first:
        for n, member in enumerate(members):
            await fake_discord.send_command("imagine", {"prompt": f"corgi {n}"}, user=member)

        async def all_running() -> bool:
            return len(await first.services.store.jobs_in_states(["processing"])) == count

        await eventually(all_running)
    expire_tokens(settings.database_path)
    # Discord announces looser channel buckets than this: discord.py then waits for nothing,
    # and only the bot's own pacing keeps its pings at 5 per 5 s in a channel.
    fake_discord.channel_rate = (50, 1.0)
    before = len(channel_posts(fake_discord, fake_discord.channel_id))
    identified = fake_discord.identifies

    async with running_bot(settings, fake_discord, fake_replicate) as second:
        assert fake_discord.identifies == identified + 1
        ready_at = fake_discord.now()

        def delivered() -> int:
            return sum(
                1
                for m in fake_discord.messages.values()
                if m.interaction_id is None and m.attachments
            )

        await fake_discord.wait_until(lambda: delivered() == count, timeout=40)
        await eventually(lambda: _no_unfinished(second.services))  # recorded after delivery
    sent = channel_posts(fake_discord, fake_discord.channel_id)[before:]
    assert len(sent) == count, "one message per resumed job"
    times = sorted(r.at for r in sent)
    assert times[0] >= ready_at - 0.5, "posted once the gateway was ready"
    gaps = [later - earlier for earlier, later in zip(times, times[5:], strict=False)]
    # On virtual time a slot comes back exactly 5 s after the answer that held it.
    assert [round(gap, 6) for gap in gaps] == [5.0, 5.0], times
    assert fake_discord.rate_limited == 0
