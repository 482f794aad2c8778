"""The store's writer: one SQLite connection on its own thread, with group commit.

Every write of the store is a single statement, atomic on its own. Alone, each pays a commit
(a WAL append) and a round trip to a thread (about 0.15 ms here, more than the SQL). When a
burst of members arrives, the statements queued meanwhile run as one batch on the writer's
thread, BEGIN IMMEDIATE; s1; ...; sN; COMMIT, in one round trip and one commit.

What each caller sees does not change: its statement's rows or its statement's error, only
once the batch is committed. A statement that fails inside a batch is undone alone (SQLite
rolls back the statement, not the transaction) and the others commit. If a statement makes
SQLite end the whole transaction (a full disk, RAISE(ROLLBACK)), the statements before it
are run again on their own and the rest follow on their own, so every outcome stays true.
If the COMMIT fails, the batch is rolled back and every caller gets that error.

Reads do not come here (aiosqlite, another connection): they see committed data only.
aiosqlite has no public way to run several statements as one call on its thread, hence this
small executor of our own around the standard sqlite3 module.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

Rows = list[tuple[Any, ...]]
Parameters = tuple[Any, ...] | dict[str, Any]
Outcome = Rows | Exception
T = TypeVar("T")
# A batch is bounded so one burst cannot hold SQLite's write lock for long.
MAX_BATCH = 256
BUSY_TIMEOUT_MS = 5000


class _Write:
    __slots__ = ("future", "parameters", "query")

    def __init__(self, query: str, parameters: Parameters, future: asyncio.Future[Rows]) -> None:
        self.query = query
        self.parameters = parameters
        self.future = future


class Writer:
    """Runs single-statement writes on one connection and thread, batching those that queue."""

    def __init__(self, connection: sqlite3.Connection, thread: ThreadPoolExecutor) -> None:
        self._connection = connection
        self._thread = thread
        self._queue: list[_Write] = []
        self._flusher: asyncio.Task[None] | None = None
        self.batches = 0  # batches of more than one statement, for benchmarks and tests
        self.batched = 0  # statements that ran in them

    @classmethod
    async def open(cls, path: Path | str) -> Writer:
        """Connect on a new thread with the store's pragmas (WAL, no automatic checkpoint)."""
        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")
        try:
            connection = await asyncio.get_running_loop().run_in_executor(
                thread, _connect, str(path)
            )
        except BaseException:
            thread.shutdown(wait=False)
            raise
        return cls(connection, thread)

    async def run(self, function: Callable[[sqlite3.Connection], T]) -> T:
        """Run `function(connection)` on the writer's thread (migrations); not batched."""
        await self.drain()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, function, self._connection)

    async def write(self, query: str, parameters: Parameters) -> Rows:
        """Run one statement; its RETURNING rows once it is committed.

        If the caller is cancelled, the statement still runs (it is queued) and commits.
        """
        future: asyncio.Future[Rows] = asyncio.get_running_loop().create_future()
        self._queue.append(_Write(query, parameters, future))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="store:writes")
        return await future

    async def drain(self) -> None:
        """Wait until every queued write has run."""
        while self._flusher is not None and not self._flusher.done():
            with contextlib.suppress(Exception):
                await asyncio.shield(self._flusher)

    async def close(self) -> None:
        """Finish the queued writes, then close the connection and stop the thread."""
        try:
            await self.drain()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._thread, self._connection.close)
        finally:
            self._thread.shutdown(wait=True)

    async def _flush(self) -> None:
        # Every outcome goes to the callers' futures; if this task itself breaks (cancelled
        # at shutdown), no caller is left waiting forever.
        batch: list[_Write] = []
        loop = asyncio.get_running_loop()
        try:
            while self._queue:
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                statements = [(write.query, write.parameters) for write in batch]
                outcomes = await loop.run_in_executor(
                    self._thread, run_batch, self._connection, statements
                )
                if len(batch) > 1:
                    self.batches += 1
                    self.batched += len(batch)
                for write, outcome in zip(batch, outcomes, strict=True):
                    _settle(write.future, outcome)
                batch = []
        except BaseException as error:
            if not isinstance(error, asyncio.CancelledError):
                log.exception("The store's writer stopped")
            for write in (*batch, *self._queue):
                _settle(write.future, error)
            self._queue = []
            raise


def _connect(path: str) -> sqlite3.Connection:
    # Used only from the writer's one thread, though created by the executor's thread: the
    # same thread, since the executor has exactly one.
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        for pragma in (
            "journal_mode=WAL",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
            "foreign_keys=ON",
            "synchronous=NORMAL",
            # Erased values (interaction tokens) are zeroed on disk, not left in free pages.
            "secure_delete=ON",
            # Checkpoints run on another connection (Store), not inside our commits.
            "wal_autocheckpoint=0",
        ):
            connection.execute(f"PRAGMA {pragma}")
    except BaseException:
        connection.close()
        raise
    return connection


def run_batch(
    connection: sqlite3.Connection, statements: list[tuple[str, Parameters]]
) -> list[Outcome]:
    """Run the statements in one transaction when there are several; each one's outcome.

    Runs on the writer's thread.
    """
    if len(statements) == 1:
        return [_run_one(connection, *statements[0])]
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        # Busy past the timeout (another process holds the write lock): nothing ran. Each
        # caller gets the error, as it would alone, instead of 5 s of waiting per statement.
        log.warning("Could not begin a batch of %d writes: %s", len(statements), error)
        return [error for _ in statements]
    outcomes: list[Outcome] = []
    for index, (query, parameters) in enumerate(statements):
        outcome = _run_one(connection, query, parameters)
        outcomes.append(outcome)
        if isinstance(outcome, Exception) and not connection.in_transaction:
            # SQLite ended the transaction: what ran before this statement was undone.
            return _redo_alone(connection, statements, outcomes, index)
    try:
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        log.error("Committing %d writes failed, none was kept: %s", len(statements), error)
        return [error for _ in statements]
    return outcomes


def _redo_alone(
    connection: sqlite3.Connection,
    statements: list[tuple[str, Parameters]],
    outcomes: list[Outcome],
    failed: int,
) -> list[Outcome]:
    log.warning(
        "A write ended its batch's transaction (%s); the others run alone", outcomes[failed]
    )
    redone: list[Outcome] = []
    for index, (query, parameters) in enumerate(statements):
        if index < failed and not isinstance(outcomes[index], Exception):
            redone.append(_run_one(connection, query, parameters))  # it was rolled back
        elif index <= failed:
            redone.append(outcomes[index])  # its own error stands
        else:
            redone.append(_run_one(connection, query, parameters))
    return redone


def _run_one(connection: sqlite3.Connection, query: str, parameters: Parameters) -> Outcome:
    try:
        return [tuple(row) for row in connection.execute(query, parameters).fetchall()]
    except Exception as error:  # the caller's to handle: a constraint, a full disk, a typo
        return error


def _settle(future: asyncio.Future[Rows], outcome: Outcome | BaseException) -> None:
    if future.done():  # a cancelled caller no longer listens
        return
    if isinstance(outcome, asyncio.CancelledError):
        future.cancel()
    elif isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
