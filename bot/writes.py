"""Group commit: the one-statement writes queued at the same moment share one transaction.

Every write of the store is a single statement, atomic on its own. Alone, each pays a commit
(a WAL append) and a round trip to the connection's thread. When a burst of members arrives,
the statements queued meanwhile run as BEGIN IMMEDIATE; s1; ...; sN; COMMIT, sent to the
thread all at once, so N writes cost one commit and about one round trip.

What each caller sees does not change: its statement's rows, or its statement's error. A
statement that fails inside a batch is undone alone (SQLite rolls back the statement, not the
transaction) and the others commit. Callers hear back only after the COMMIT; if the COMMIT
itself fails (disk full, I/O error), the batch is rolled back and every caller gets that error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from typing import Any

import aiosqlite

log = logging.getLogger(__name__)

Rows = list[tuple[Any, ...]]
Parameters = tuple[Any, ...] | dict[str, Any]
# A batch is bounded so one burst cannot hold the write lock for long.
MAX_BATCH = 256


class _Write:
    __slots__ = ("future", "parameters", "query")

    def __init__(self, query: str, parameters: Parameters, future: asyncio.Future[Rows]) -> None:
        self.query = query
        self.parameters = parameters
        self.future = future


class GroupCommitWriter:
    """Runs single-statement writes on one aiosqlite connection, batching those that queue up."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        self._queue: list[_Write] = []
        self._flusher: asyncio.Task[None] | None = None
        self.batches = 0  # transactions of more than one statement, for benchmarks
        self.batched = 0  # statements that ran in them

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
        """Wait until every queued write has run (before closing the connection)."""
        while self._flusher is not None and not self._flusher.done():
            await asyncio.shield(self._flusher)

    async def _flush(self) -> None:
        # Every outcome goes to the callers' futures; if this task itself breaks, no caller is
        # left waiting forever.
        batch: list[_Write] = []
        try:
            while self._queue:
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                if len(batch) == 1:
                    await self._alone(batch[0])
                else:
                    await self._together(batch)
        except BaseException as error:
            log.exception("The store's writer stopped")
            for write in (*batch, *self._queue):
                _fail(write, error)
            self._queue = []
            raise

    async def _alone(self, write: _Write) -> None:
        try:
            rows = await self._db.execute_fetchall(write.query, write.parameters)
        except Exception as error:
            _fail(write, error)
        else:
            _succeed(write, [tuple(row) for row in rows])

    async def _together(self, batch: list[_Write]) -> None:
        # Queued on the thread in this order in one go: nothing of ours runs in between.
        began, *outcomes, ended = await asyncio.gather(
            self._db.execute_fetchall("BEGIN IMMEDIATE"),
            *(self._db.execute_fetchall(w.query, w.parameters) for w in batch),
            self._db.execute_fetchall("COMMIT"),
            return_exceptions=True,
        )
        self.batches += 1
        self.batched += len(batch)
        if isinstance(began, BaseException):
            # No transaction: each statement ran (and committed) on its own; COMMIT had
            # nothing to end. Every outcome is already the truth.
            log.warning("Could not group %d writes (%s); they ran one by one", len(batch), began)
        elif isinstance(ended, BaseException):
            with contextlib.suppress(sqlite3.Error):
                await self._db.execute_fetchall("ROLLBACK")
            log.error("Committing %d writes failed, none was kept: %s", len(batch), ended)
            for write in batch:
                _fail(write, ended)
            return
        for write, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                _fail(write, outcome)
            else:
                _succeed(write, [tuple(row) for row in outcome])


def _succeed(write: _Write, rows: Rows) -> None:
    if not write.future.done():  # a cancelled caller no longer listens
        write.future.set_result(rows)


def _fail(write: _Write, error: BaseException) -> None:
    if not write.future.done():
        write.future.set_exception(error)
