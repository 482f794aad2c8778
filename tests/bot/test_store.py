"""The SQLite store: file creation, pragmas, migrations, refusal of a newer schema, job rows."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from bot.lifecycle import JobState, walk
from bot.sealing import TokenSealer
from bot.store import DatabaseTooNew, Store, _migrations

pytestmark = pytest.mark.virtual_time


async def test_open_creates_the_folder_and_migrates(tmp_path: Path) -> None:
    """A first start creates the folder and file, in WAL mode, at the newest schema."""
    path = tmp_path / "nested" / "bot.sqlite3"
    store = await Store.open(path)
    try:
        assert path.exists()
        assert await store.schema_version() == _migrations()[-1][0]
    finally:
        await store.close()
    async with aiosqlite.connect(path) as raw, raw.execute("PRAGMA journal_mode") as cursor:
        row = await cursor.fetchone()
        assert row is not None and row[0] == "wal"


async def test_reopening_keeps_rows_and_does_not_migrate_twice(tmp_path: Path) -> None:
    """Data survives a restart and migrations run once."""
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    await store.insert_job(
        id="j1", requester_id=1, locale="en-US", request_json="{}", state="queued"
    )
    await store.close()
    store = await Store.open(path)
    try:
        row = await store.job("j1")
        assert row is not None and row.state == "queued" and row.created_at
    finally:
        await store.close()


async def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    """The bot will not touch a database migrated by a newer version of itself."""
    path = tmp_path / "bot.sqlite3"
    async with aiosqlite.connect(path) as raw:
        await raw.execute("PRAGMA user_version = 999")
        await raw.commit()
    with pytest.raises(DatabaseTooNew, match="999"):
        await Store.open(path)


async def test_jobs_are_updated_and_listed_by_state(tmp_path: Path) -> None:
    """Rows change column by column; listing by state returns the oldest first."""
    store = await Store.open(tmp_path / "bot.sqlite3")
    try:
        for job_id in ("a", "b", "c"):
            await store.insert_job(
                id=job_id, requester_id=7, locale="zh-CN", request_json="{}", state="queued"
            )
        await store.update_job("b", images=3, seed=42)
        await store.write_together(walk("b", JobState.queued, JobState.done))
        row = await store.job("b")
        assert row is not None and (row.state, row.images, row.seed) == ("done", 3, 42)
        queued = await store.jobs_in_states(["queued"])
        assert [job.id for job in queued] == ["a", "c"]
        assert await store.job("missing") is None
    finally:
        await store.close()


async def test_unknown_columns_are_refused(tmp_path: Path) -> None:
    """Column names never come from outside: unknown ones raise instead of reaching SQL."""
    store = await Store.open(tmp_path / "bot.sqlite3")
    try:
        with pytest.raises(ValueError, match="unknown job columns"):
            await store.insert_job(
                id="x", requester_id=1, locale="en", request_json="{}", state="q", evil=1
            )
        with pytest.raises(ValueError, match="cannot update"):
            await store.update_job("x", id="y")
    finally:
        await store.close()


async def test_a_cancel_mid_transaction_leaves_the_connection_usable(tmp_path: Path) -> None:
    """Cancelling a writer at any point never leaves a transaction open for the next one."""
    import asyncio

    store = await Store.open(tmp_path / "bot.sqlite3")
    try:
        for attempt in range(20):
            task = asyncio.create_task(
                store.insert_job(
                    id=f"c{attempt}", requester_id=1, locale="en", request_json="{}", state="queued"
                )
            )
            for _ in range(attempt % 4):
                await asyncio.sleep(0)
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        await store.insert_job(
            id="after", requester_id=1, locale="en", request_json="{}", state="queued"
        )
        assert await store.job("after") is not None
    finally:
        await store.close()


async def test_the_wal_is_folded_into_the_database_while_running(tmp_path: Path) -> None:
    """Writes reach the database file by the background checkpoint, not only at close."""
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    try:
        before = path.stat().st_size
        await store.write(
            "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
            " WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n"
            " WHERE value < 500)"
            " SELECT 'j' || value, 1, 'en-US', printf('%.2000c', 'x'), 'done', 'now' FROM n"
        )
        wal = path.with_name(path.name + "-wal")
        assert wal.stat().st_size > 500 * 2000  # the rows are in the WAL first
        for _ in range(100):  # a checkpoint runs every CHECKPOINT_EVERY (1 s)
            if path.stat().st_size > before + 500 * 2000:
                break
            await asyncio.sleep(0.05)
        assert path.stat().st_size > before + 500 * 2000
    finally:
        await store.close()
    assert not path.with_name(path.name + "-wal").exists()


async def test_one_statement_writes_return_their_rows_and_are_atomic(tmp_path: Path) -> None:
    """write() returns what RETURNING gives; a statement that fails changes nothing."""
    store = await Store.open(tmp_path / "bot.sqlite3")
    try:
        rows = await store.write(
            "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
            " VALUES ('a', 1, 'en-US', '{}', 'queued', 'now'), ('b', 1, 'en-US', '{}', 'queued',"
            " 'now') RETURNING id"
        )
        assert sorted(rows) == [("a",), ("b",)]
        with pytest.raises(sqlite3.IntegrityError):
            await store.write(
                "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
                " VALUES ('c', 1, 'en-US', '{}', 'queued', 'now'), ('a', 1, 'en-US', '{}',"
                " 'queued', 'now')"
            )
        assert await store.fetch_all("SELECT id FROM jobs ORDER BY id") == [("a",), ("b",)]
    finally:
        await store.close()


def files_holding(path: Path, needle: str) -> list[str]:
    """Which of the database file and its -wal and -shm files hold `needle`'s bytes."""
    files = (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    return [file.name for file in files if file.exists() and needle.encode() in file.read_bytes()]


async def test_a_running_jobs_interaction_token_is_in_no_database_file(tmp_path: Path) -> None:
    """A stored interaction token never reaches the db, -wal or -shm bytes, open or closed."""
    path = tmp_path / "bot.sqlite3"
    token = "canary-interaction-token-" + "7f3a9c" * 8
    store = await Store.open(path)
    try:
        await store.insert_job(
            id="j1",
            requester_id=1,
            locale="en-US",
            request_json="{}",
            state="processing",
            application_id=42,
            interaction_token=token,
        )
        assert path.with_name(path.name + "-wal").exists(), "the write must be in the WAL"
        assert files_holding(path, token) == []
        row = await store.job("j1")
        assert row is not None and row.interaction_token == token
        listed = await store.jobs_in_states(["processing"])
        assert [job.interaction_token for job in listed] == [token]
    finally:
        await store.close()
    assert files_holding(path, token) == []


async def test_a_token_is_read_back_only_with_the_same_secret(tmp_path: Path) -> None:
    """Reopened with the same secret the token reads back; with another it is None, no error."""
    path = tmp_path / "bot.sqlite3"
    token = "canary-interaction-token-" + "51d0e2" * 8
    store = await Store.open(path, sealer=TokenSealer.from_secret("the-secret-" + "x" * 32))
    try:
        await store.insert_job(
            id="j1",
            requester_id=1,
            locale="en-US",
            request_json="{}",
            state="queued",
            interaction_token=token,
        )
        stored = await store.fetch_one("SELECT interaction_token FROM jobs WHERE id = 'j1'")
        assert stored is not None and stored[0].startswith("v1:")
    finally:
        await store.close()
    assert files_holding(path, token) == []
    for secret, expected in (("the-secret-" + "x" * 32, token), ("another-" + "x" * 32, None)):
        store = await Store.open(path, sealer=TokenSealer.from_secret(secret))
        try:
            row = await store.job("j1")
            assert row is not None and row.interaction_token == expected
            [listed] = await store.jobs_in_states(["queued"])
            assert listed.interaction_token == expected
        finally:
            await store.close()


async def test_a_plaintext_token_of_an_older_version_is_read_as_is(tmp_path: Path) -> None:
    """A row written in clear before sealing existed still gives its token (until erased)."""
    store = await Store.open(tmp_path / "bot.sqlite3")
    try:
        await store.write(
            "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at,"
            " interaction_token) VALUES ('old', 1, 'en-US', '{}', 'queued', 'now', 'plain-token')"
        )
        row = await store.job("old")
        assert row is not None and row.interaction_token == "plain-token"
    finally:
        await store.close()
