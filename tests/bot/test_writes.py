"""Group commit (SQLite's writer): concurrent writes share a transaction, each with its own
outcome; and what every backend's writes promise under concurrency and cancellation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.sqlitedb import SqliteBackend
from bot.store import Store
from bot.writes import Writer

pytestmark = pytest.mark.virtual_time

INSERT = (
    "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
    " VALUES (?, 1, 'en-US', '{}', 'queued', 'now') RETURNING id"
)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    """A real SQLite store (the group-commit writer is SQLite's)."""
    opened = await Store.open(tmp_path / "bot.sqlite3")
    yield opened
    await opened.close()


def writer(store: Store) -> Writer:
    """The SQLite store's group-commit writer."""
    database = store.database
    assert isinstance(database, SqliteBackend)
    return database.writer


async def ids(store: Store) -> list[str]:
    """Every job id in the store, sorted."""
    return [str(row[0]) for row in await store.fetch_all("SELECT id FROM jobs ORDER BY id")]


async def test_writes_queued_together_share_a_commit_and_keep_their_rows(store: Store) -> None:
    """Fifty writes at once run in far fewer transactions; each caller gets its own row back."""
    names = [f"j{n:02}" for n in range(50)]
    results = await asyncio.gather(*(store.write(INSERT, (name,)) for name in names))
    assert results == [[(name,)] for name in names]
    assert await ids(store) == names
    assert writer(store).batched >= 49 and writer(store).batches < 10


async def test_a_failing_statement_in_a_batch_fails_alone(store: Store) -> None:
    """A duplicate key fails its own caller; the statements around it are committed."""
    await store.write(INSERT, ("taken",))
    outcomes = await asyncio.gather(
        store.write(INSERT, ("a",)),
        store.write(INSERT, ("taken",)),
        store.write(INSERT, ("b",)),
        return_exceptions=True,
    )
    assert outcomes[0] == [("a",)] and outcomes[2] == [("b",)]
    assert isinstance(outcomes[1], IntegrityError)
    assert writer(store).batches == 1
    assert await ids(store) == ["a", "b", "taken"]


async def test_a_cancelled_caller_still_has_its_write_committed(store: Store) -> None:
    """Cancelling a caller does not unqueue its statement: the write lands all the same."""
    first = asyncio.create_task(store.write(INSERT, ("kept",)))
    second = asyncio.create_task(store.write(INSERT, ("also",)))
    await asyncio.sleep(0)
    first.cancel()
    assert await second == [("also",)]
    with pytest.raises(asyncio.CancelledError):
        await first
    await writer(store).drain()
    assert await ids(store) == ["also", "kept"]


async def test_close_waits_for_queued_writes(tmp_path: Path) -> None:
    """Writes still queued when the store closes are committed before the connection shuts."""
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    pending = [asyncio.create_task(store.write(INSERT, (f"j{n}",))) for n in range(20)]
    await asyncio.sleep(0)
    await store.close()
    assert all(task.done() and not task.exception() for task in pending)
    reopened = await Store.open(path)
    try:
        assert len(await ids(reopened)) == 20
    finally:
        await reopened.close()


async def test_a_statement_that_ends_the_transaction_leaves_the_others_true(store: Store) -> None:
    """RAISE(ROLLBACK) mid-batch: the statements before it are run again, each outcome holds."""
    await store.write(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON jobs WHEN NEW.id = 'boom'"
        " BEGIN SELECT RAISE(ROLLBACK, 'boom refused'); END"
    )
    outcomes = await asyncio.gather(
        store.write(INSERT, ("a",)),
        store.write(INSERT, ("boom",)),
        store.write(INSERT, ("b",)),
        return_exceptions=True,
    )
    assert outcomes[0] == [("a",)] and outcomes[2] == [("b",)]
    assert isinstance(outcomes[1], IntegrityError) and "boom" in str(outcomes[1])
    assert await ids(store) == ["a", "b"]


async def test_reads_cannot_write(store: Store) -> None:
    """The read connection is query-only: every write has to go through the writer."""
    with pytest.raises(OperationalError, match="readonly"):
        await store.fetch_all("DELETE FROM jobs")


STUCK = (
    "CREATE TEMP TRIGGER stuck BEFORE UPDATE ON jobs WHEN NEW.state = 'stuck'"
    " BEGIN SELECT RAISE({how}, 'refused'); END"
)
STICK = ("UPDATE jobs SET state = 'stuck' WHERE id = ?", ("u1",))


async def test_statements_written_together_land_together(store: Store) -> None:
    """A unit alone: every statement's rows when all succeed; nothing kept when one fails."""
    rows = await store.write_together([(INSERT, ("u1",)), (INSERT, ("u2",))])
    assert rows == [[("u1",)], [("u2",)]]
    await store.write(STUCK.format(how="ABORT"))
    with pytest.raises(IntegrityError, match="refused"):
        await store.write_together([(INSERT, ("u3",)), STICK])
    assert await ids(store) == ["u1", "u2"]
    assert writer(store).batches == 0


@pytest.mark.parametrize("how", ["ABORT", "ROLLBACK"])
async def test_a_failing_unit_in_a_batch_is_undone_whole_and_alone(store: Store, how: str) -> None:
    """Inside a batch a unit that fails keeps none of its statements; the others commit."""
    await store.write(INSERT, ("u1",))
    await store.write(STUCK.format(how=how))
    outcomes = await asyncio.gather(
        store.write(INSERT, ("a",)),
        store.write_together([(INSERT, ("u3",)), STICK]),
        store.write_together([(INSERT, ("b",)), (INSERT, ("c",))]),
        return_exceptions=True,
    )
    assert outcomes[0] == [("a",)]
    assert isinstance(outcomes[1], IntegrityError) and "refused" in str(outcomes[1])
    assert outcomes[2] == [[("b",)], [("c",)]]
    assert await ids(store) == ["a", "b", "c", "u1"]
    assert writer(store).batches == 1


# INSERT, after counting to 300 000 (some 0.1 s on either backend): still running at close.
SLOW_INSERT = (
    "INSERT INTO jobs (id, requester_id, locale, request_json, state, created_at)"
    " WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n"
    " WHERE value < 300000)"
    " SELECT ?, 1, 'en-US', '{}', 'queued', 'now' FROM n WHERE value = 300000 RETURNING id"
)


async def test_concurrent_writes_units_and_cancelled_callers_on_every_backend(
    database: str,
) -> None:
    """Concurrent writes get their rows; failed units vanish; cancelled ones land by close()."""
    before = asyncio.all_tasks()
    store = await Store.open(database)
    try:
        names = [f"j{n:02}" for n in range(50)]
        results = await asyncio.gather(*(store.write(INSERT, (name,)) for name in names))
        assert results == [[(name,)] for name in names]
        assert await ids(store) == names

        outcomes = await asyncio.gather(
            store.write(INSERT, ("a",)),
            store.write_together([(INSERT, ("u1",)), (INSERT, ("j00",))]),
            store.write_together([(INSERT, ("b",)), (INSERT, ("c",))]),
            return_exceptions=True,
        )
        assert outcomes[0] == [("a",)] and outcomes[2] == [[("b",)], [("c",)]]
        assert isinstance(outcomes[1], IntegrityError)
        assert await ids(store) == sorted([*names, "a", "b", "c"])

        cancelled = asyncio.create_task(store.write(SLOW_INSERT, ("kept",)))
        await asyncio.sleep(0)  # the write has started; it takes a while to land
        cancelled.cancel()
    finally:
        await store.close()
    assert cancelled.cancelled()
    assert [task for task in asyncio.all_tasks() - before if not task.done()] == []
    reopened = await Store.open(database)
    try:
        assert "kept" in await ids(reopened) and "u1" not in await ids(reopened)
    finally:
        await reopened.close()
