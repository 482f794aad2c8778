"""The store's writer: one SQLite connection on its own thread, with group commit.

Almost every write of the store is a single statement, atomic on its own. Alone, each pays a
commit (a WAL append) and a round trip to a thread, both dearer than the SQL. When a
burst of members arrives, the statements queued meanwhile run as one batch on the writer's
thread, BEGIN IMMEDIATE; s1; ...; sN; COMMIT, in one round trip and one commit.

A caller may also queue a unit of several statements that must land together or not at
all (a job's last ledger entry and its final state): inside a batch it runs under a
SAVEPOINT, alone inside its own transaction.

What each caller sees does not change: its statements' rows or its error, only once the
batch is committed. A statement or unit that fails inside a batch is undone alone (SQLite
rolls back the statement, the unit rolls back to its savepoint) and the others commit. If
a statement makes SQLite end the whole transaction (a full disk, RAISE(ROLLBACK)), the units
before it are run again on their own and the rest follow on their own, so every outcome
stays true. If the COMMIT fails, the batch is rolled back and every caller gets that error.

Reads do not come here (bot.sqlitedb's readers): they see committed data only. The
statements run through SQLAlchemy Core's synchronous API on the writer's own thread: a whole
batch is one hop to that thread. (SQLAlchemy's asyncio API over aiosqlite pays several hops
per statement: measured 455 us a statement against 74 us for one hop, README: Performance.)
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, TextClause, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)


@functools.lru_cache(maxsize=1024)
def statement_text(query: str) -> TextClause:
    """The SQLAlchemy construct of a statement, parsed once (the bot has a few hundred)."""
    return text(query)


Rows = list[tuple[Any, ...]]
Parameters = dict[str, Any]
Statement = tuple[str, Parameters]
# One caller's statements, all committed or none, and what came of them.
Unit = tuple[Statement, ...]
Outcome = list[Rows] | Exception
T = TypeVar("T")
# A batch is bounded so one burst cannot hold SQLite's write lock for long.
MAX_BATCH = 256
BUSY_TIMEOUT_MS = 5000


class _Write:
    __slots__ = ("future", "unit")

    def __init__(self, unit: Unit, future: asyncio.Future[list[Rows]]) -> None:
        self.unit = unit
        self.future = future


class Writer:
    """Runs writes on one connection and thread, batching those that queue together."""

    def __init__(self, engine: Engine, connection: Connection, thread: ThreadPoolExecutor) -> None:
        self._engine = engine
        self._connection = connection
        self._thread = thread
        self._queue: list[_Write] = []
        self._flusher: asyncio.Task[None] | None = None
        self.batches = 0  # batches of more than one statement, for benchmarks and tests
        self.batched = 0  # statements that ran in them

    @classmethod
    async def open(cls, engine: Engine) -> Writer:
        """Connect on a new thread; the engine sets the store's pragmas (bot.sqlitedb)."""
        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite-writer")
        try:
            connection = await asyncio.get_running_loop().run_in_executor(thread, _connect, engine)
        except BaseException:
            thread.shutdown(wait=False)
            raise
        return cls(engine, connection, thread)

    async def run(self, function: Callable[[Connection], T]) -> T:
        """Run `function(connection)` on the writer's thread (migrations); not batched."""
        await self.drain()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._thread, function, self._connection)

    async def write(self, query: str, parameters: Parameters) -> Rows:
        """Run one statement; its RETURNING rows once it is committed.

        If the caller is cancelled, the statement still runs (it is queued) and commits.
        """
        (rows,) = await self.write_together(((query, parameters),))
        return rows

    async def write_together(self, unit: Unit) -> list[Rows]:
        """Run statements that land together or not at all; each one's rows, once committed.

        If one fails, none is kept and its error is raised. A cancelled caller's unit still runs.
        """
        if not unit:
            return []
        future: asyncio.Future[list[Rows]] = asyncio.get_running_loop().create_future()
        self._queue.append(_Write(unit, future))
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
            await loop.run_in_executor(self._thread, self._engine.dispose)
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
                units = [write.unit for write in batch]
                outcomes = await loop.run_in_executor(
                    self._thread, run_batch, self._connection, units
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


def _connect(engine: Engine) -> Connection:
    # Used only from the writer's one thread. Transactions are this module's own statements
    # (BEGIN IMMEDIATE, SAVEPOINT, COMMIT): SQLAlchemy must not begin or end any itself.
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def _in_transaction(connection: Connection) -> bool:
    return bool(connection.connection.dbapi_connection.in_transaction)  # type: ignore[union-attr]


def run_batch(connection: Connection, units: list[Unit]) -> list[Outcome]:
    """Run the units in one transaction when there are several; each one's outcome.

    Runs on the writer's thread.
    """
    if len(units) == 1:
        return [_run_alone(connection, units[0])]
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    except DBAPIError as error:
        # Busy past the timeout (another process holds the write lock): nothing ran. Each
        # caller gets the error, as it would alone, instead of 5 s of waiting per unit.
        log.warning("Could not begin a batch of %d writes: %s", len(units), error)
        return [error for _ in units]
    outcomes: list[Outcome] = []
    for index, unit in enumerate(units):
        outcome = _run_in_batch(connection, unit)
        outcomes.append(outcome)
        if isinstance(outcome, Exception) and not _in_transaction(connection):
            # SQLite ended the transaction: what ran before this unit was undone.
            return _redo_alone(connection, units, outcomes, index)
    try:
        connection.exec_driver_sql("COMMIT")
    except DBAPIError as error:
        with contextlib.suppress(DBAPIError):
            connection.exec_driver_sql("ROLLBACK")
        log.error("Committing %d writes failed, none was kept: %s", len(units), error)
        return [error for _ in units]
    return outcomes


def _redo_alone(
    connection: Connection, units: list[Unit], outcomes: list[Outcome], failed: int
) -> list[Outcome]:
    log.warning(
        "A write ended its batch's transaction (%s); the others run alone", outcomes[failed]
    )
    redone: list[Outcome] = []
    for index, unit in enumerate(units):
        if index < failed and not isinstance(outcomes[index], Exception):
            redone.append(_run_alone(connection, unit))  # it was rolled back
        elif index <= failed:
            redone.append(outcomes[index])  # its own error stands
        else:
            redone.append(_run_alone(connection, unit))
    return redone


# How a unit of several statements is opened, undone and closed: alone it is a transaction
# of its own; inside a batch's transaction, a savepoint.
_ALONE = ("BEGIN IMMEDIATE", ("ROLLBACK",), "COMMIT")
_IN_BATCH = ("SAVEPOINT unit", ("ROLLBACK TO unit", "RELEASE unit"), "RELEASE unit")


def _run_alone(connection: Connection, unit: Unit) -> Outcome:
    return _run_unit(connection, unit, _ALONE)


def _run_in_batch(connection: Connection, unit: Unit) -> Outcome:
    return _run_unit(connection, unit, _IN_BATCH)


def _run_unit(
    connection: Connection, unit: Unit, frame: tuple[str, tuple[str, ...], str]
) -> Outcome:
    if len(unit) == 1:  # one statement is atomic on its own; SQLite undoes it alone
        return _run_statements(connection, unit)
    begin, undo, end = frame
    try:
        connection.exec_driver_sql(begin)
    except DBAPIError as error:
        return error
    outcome = _run_statements(connection, unit)
    if not isinstance(outcome, Exception):
        try:
            connection.exec_driver_sql(end)
        except DBAPIError as error:
            outcome = error
        else:
            return outcome
    if _in_transaction(connection):  # else SQLite already ended the transaction: nothing to undo
        for statement in undo:
            _end(connection, statement)
    return outcome


def _end(connection: Connection, statement: str) -> None:
    # Undoing after an error must not raise a second one over the first.
    with contextlib.suppress(DBAPIError):
        connection.exec_driver_sql(statement)


def _run_statements(connection: Connection, unit: Unit) -> Outcome:
    rows: list[Rows] = []
    for query, parameters in unit:
        try:
            result = connection.execute(statement_text(query), parameters)
            rows.append([tuple(row) for row in result.fetchall()] if result.returns_rows else [])
        except Exception as error:  # the caller's to handle: a constraint, a full disk, a typo
            return error
    return rows


def _settle(future: asyncio.Future[list[Rows]], outcome: Outcome | BaseException) -> None:
    if future.done():  # a cancelled caller no longer listens
        return
    if isinstance(outcome, asyncio.CancelledError):
        future.cancel()
    elif isinstance(outcome, BaseException):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
