"""The store's contract on both backends; SQLite's own file, WAL and newer-schema checks."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from bot import schema
from bot.lifecycle import JobState, walk
from bot.sealing import TokenSealer
from bot.store import DatabaseBehind, DatabaseTooNew, Store

pytestmark = pytest.mark.virtual_time


def companions(path: Path) -> tuple[Path, Path, Path]:
    """The database file and its -wal and -shm files."""
    return path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def files_holding(path: Path, needle: str) -> list[str]:
    """Which of the database file and its -wal and -shm files hold `needle`'s bytes."""
    return [
        file.name
        for file in companions(path)
        if file.exists() and needle.encode() in file.read_bytes()
    ]


async def test_open_creates_the_folder_and_migrates(tmp_path: Path) -> None:
    """A first start creates the folder and file, in WAL mode, at the newest schema."""
    path = tmp_path / "nested" / "bot.sqlite3"
    store = await Store.open(path)
    try:
        assert store.backend == "sqlite"
        assert path.exists()
        assert await store.schema_revision() == schema.head()
    finally:
        await store.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert raw.execute("PRAGMA user_version").fetchone() == (int(schema.head()),)
    raw.close()


async def test_reopening_keeps_rows_and_does_not_migrate_twice(
    database: str, upgrades: list[bool]
) -> None:
    """Data survives a restart, and the migrations run at the first open only."""
    store = await Store.open(database)
    try:
        assert store.backend == ("sqlite" if "://" not in database else "postgresql")
        await store.insert_job(
            id="j1", requester_id=1, locale="en-US", request_json="{}", state="queued"
        )
    finally:
        await store.close()
    assert upgrades == [True]
    store = await Store.open(database)
    try:
        row = await store.job("j1")
        assert row is not None and row.state == "queued" and row.created_at
        assert await store.schema_revision() == schema.head()
        events = await store.fetch_all("SELECT to_state FROM job_events WHERE job_id = 'j1'")
        assert events == [("queued",)]  # the last revision's backfill did not run again
    finally:
        await store.close()
    assert upgrades.count(True) == 1


async def test_a_pre_alembic_file_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    """A file whose user_version is beyond every known revision is left untouched, by name."""
    path = tmp_path / "bot.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 999")
    raw.close()
    with pytest.raises(DatabaseTooNew, match="0999") as refused:
        await Store.open(path)
    assert refused.value.found == "0999" and refused.value.known == schema.head()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (999,)
        tables = raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    raw.close()
    assert tables == []


async def test_a_newer_alembic_revision_is_refused(database: str) -> None:
    """A database a newer sdxl-bot migrated (an unknown revision) is refused, naming it."""
    store = await Store.open(database)
    try:
        await store.write("UPDATE alembic_version SET version_num = '9999'")
    finally:
        await store.close()
    for migrate in (True, False):
        with pytest.raises(DatabaseTooNew, match="9999") as refused:
            await Store.open(database, migrate=migrate)
        assert refused.value.found == "9999" and refused.value.known == schema.head()


async def test_without_migrate_a_database_behind_is_refused(database: str) -> None:
    """migrate=False creates an empty database but refuses an older one (DatabaseBehind)."""
    store = await Store.open(database, migrate=False)
    try:
        assert await store.schema_revision() == schema.head()
        await store.write("UPDATE alembic_version SET version_num = '0004'")
    finally:
        await store.close()
    with pytest.raises(DatabaseBehind, match="sdxl-bot db upgrade") as refused:
        await Store.open(database, migrate=False)
    assert refused.value.found == "0004" and refused.value.head == schema.head()
    assert f"revision 0004 and this sdxl-bot needs {schema.head()}" in str(refused.value)


async def test_jobs_are_updated_and_listed_by_state(database: str) -> None:
    """Rows change column by column; listing by state returns the oldest first."""
    store = await Store.open(database)
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
        assert [job.id for job in await store.jobs_in_states(["done", "queued"])] == [
            "a",
            "b",
            "c",
        ]
        assert await store.job("missing") is None
    finally:
        await store.close()


async def test_unknown_columns_are_refused(database: str) -> None:
    """Column names never come from outside: unknown ones raise instead of reaching SQL."""
    store = await Store.open(database)
    try:
        with pytest.raises(ValueError, match="unknown job columns"):
            await store.insert_job(
                id="x", requester_id=1, locale="en", request_json="{}", state="q", evil=1
            )
        with pytest.raises(ValueError, match="cannot update"):
            await store.update_job("x", id="y")
        assert await store.fetch_all("SELECT id FROM jobs") == []
    finally:
        await store.close()


async def test_a_cancel_mid_transaction_leaves_the_store_usable(database: str) -> None:
    """Cancelling a writer at any point never leaves a transaction open for the next one."""
    store = await Store.open(database)
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
        await store.update_job("after", seed=5)
        row = await store.job("after")
        assert row is not None and row.seed == 5
    finally:
        await store.close()


BULK = (
    "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
    " WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n"
    " WHERE value < 3000)"
    " SELECT ? || value, 1, 'en-US', printf('%.2000c', 'x'), 'done', 'now' FROM n"
)
BULK_BYTES = 3000 * 2000  # more than SQLite's auto-checkpoint threshold (1000 pages, 4 MB)


async def test_the_wal_is_folded_into_the_database_while_running(tmp_path: Path) -> None:
    """Auto-checkpoints fold writes into the file while running; the WAL is gone at close."""
    path = tmp_path / "bot.sqlite3"
    _, wal, _ = companions(path)
    store = await Store.open(path)
    try:
        sizes = [path.stat().st_size]
        wal_sizes = []
        for prefix in ("a", "b", "c"):
            await store.write(BULK, (prefix,))
            sizes.append(path.stat().st_size)
            wal_sizes.append(wal.stat().st_size)
        assert all(after > before + BULK_BYTES for before, after in itertools.pairwise(sizes))
        assert wal_sizes[-1] < 1.5 * wal_sizes[0]  # the checkpointed WAL is written over
        assert await store.fetch_one("SELECT count(*) FROM jobs") == (9000,)
    finally:
        await store.close()
    assert not wal.exists()


async def test_one_statement_writes_return_their_rows_and_are_atomic(database: str) -> None:
    """write() returns what RETURNING gives; a statement that fails changes nothing."""
    store = await Store.open(database)
    try:
        rows = await store.write(
            "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
            " VALUES ('a', 1, 'en-US', '{}', 'queued', 'now'), ('b', 1, 'en-US', '{}', 'queued',"
            " 'now') RETURNING id"
        )
        assert sorted(rows) == [("a",), ("b",)]
        with pytest.raises(IntegrityError):
            await store.write(
                "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
                " VALUES ('c', 1, 'en-US', '{}', 'queued', 'now'), ('a', 1, 'en-US', '{}',"
                " 'queued', 'now')"
            )
        assert await store.fetch_all("SELECT id FROM jobs ORDER BY id") == [("a",), ("b",)]
    finally:
        await store.close()


async def test_statements_written_together_land_together(database: str) -> None:
    """A unit's statements all land with their rows, or none does when one fails."""
    insert = (
        "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
        " VALUES (?, 1, 'en-US', '{}', 'queued', 'now') RETURNING id"
    )
    store = await Store.open(database)
    try:
        assert await store.write_together([(insert, ("u1",)), (insert, ("u2",))]) == [
            [("u1",)],
            [("u2",)],
        ]
        with pytest.raises(IntegrityError):
            await store.write_together([(insert, ("u3",)), (insert, ("u1",))])
        assert await store.fetch_all("SELECT id FROM jobs ORDER BY id") == [("u1",), ("u2",)]
    finally:
        await store.close()


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
        assert companions(path)[1].exists(), "the write must be in the WAL"
        assert files_holding(path, token) == []
        row = await store.job("j1")
        assert row is not None and row.interaction_token == token
        listed = await store.jobs_in_states(["processing"])
        assert [job.interaction_token for job in listed] == [token]
    finally:
        await store.close()
    assert not companions(path)[1].exists()
    assert files_holding(path, token) == []


async def test_a_token_is_read_back_only_with_the_same_secret(database: str) -> None:
    """Reopened with the same secret the token reads back; with another it is None, no error."""
    token = "canary-interaction-token-" + "51d0e2" * 8
    store = await Store.open(database, sealer=TokenSealer.from_secret("the-secret-" + "x" * 32))
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
        assert stored is not None and stored[0].startswith("v1:") and token not in stored[0]
    finally:
        await store.close()
    if store.backend == "sqlite":
        assert files_holding(Path(database), token) == []
    for secret, expected in (("the-secret-" + "x" * 32, token), ("another-" + "x" * 32, None)):
        store = await Store.open(database, sealer=TokenSealer.from_secret(secret))
        try:
            row = await store.job("j1")
            assert row is not None and row.interaction_token == expected
            [listed] = await store.jobs_in_states(["queued"])
            assert listed.interaction_token == expected
        finally:
            await store.close()


async def test_a_plaintext_token_of_an_older_version_is_read_as_is(database: str) -> None:
    """A row written in clear before sealing existed still gives its token (until erased)."""
    store = await Store.open(database)
    try:
        await store.write(
            "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at,"
            " interaction_token) VALUES ('old', 1, 'en-US', '{}', 'queued', 'now', 'plain-token')"
        )
        row = await store.job("old")
        assert row is not None and row.interaction_token == "plain-token"
    finally:
        await store.close()
