"""The SQLite backend of the store: one writer with group commit, query-only readers.

One process per file (bot.dblock). WAL lets readers run beside the writer; the writer
(bot.writes) batches the writes queued together into one commit. Every call is one hop to a
thread running SQLAlchemy Core's synchronous API (see bot.writes for why not its asyncio API).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.pool import ConnectionPoolEntry

from bot import schema
from bot.writes import Rows, Unit, Writer, statement_text

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS: Final = 5000
READERS: Final = 4
_PRAGMAS: Final = (
    "journal_mode=WAL",
    f"busy_timeout={BUSY_TIMEOUT_MS}",
    "foreign_keys=ON",
    "synchronous=NORMAL",
    # Erased values (interaction tokens) are zeroed on disk, not left in free pages.
    "secure_delete=ON",
)


def _on_connect(connection: Any, _record: ConnectionPoolEntry) -> None:
    # Transactions are begun by us (BEGIN IMMEDIATE), never implicitly by the driver.
    connection.isolation_level = None
    for pragma in _PRAGMAS:
        connection.execute(f"PRAGMA {pragma}")


def _query_only(connection: Any, _record: ConnectionPoolEntry) -> None:
    # Every write goes through the writer; a write here would be a bug, so refuse it.
    connection.execute("PRAGMA query_only=ON")


def _begin_immediate(connection: Connection) -> None:
    # Take the write lock at BEGIN: a read-then-write upgrade could fail with SQLITE_BUSY.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _engine(path: str, *, readers: bool = False, transactions: bool = False) -> Engine:
    """Readers: query-only. Transactions: SQLAlchemy's begin() is BEGIN IMMEDIATE (the
    migrations); otherwise the caller runs in autocommit and begins its own (bot.writes)."""
    url = URL.create("sqlite+pysqlite", database=path)
    engine = create_engine(
        url,
        pool_size=READERS if readers else 1,
        max_overflow=0,
        # Readers and the writer run in autocommit: the writer begins its own transactions,
        # a reader's one statement needs none (and nothing to roll back when it is returned).
        isolation_level=None if transactions else "AUTOCOMMIT",
        pool_reset_on_return=None if readers else "rollback",
        hide_parameters=True,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    if readers:
        event.listen(engine, "connect", _query_only)
    if transactions:
        event.listen(engine, "begin", _begin_immediate)
    return engine


def _migrate(path: str, migrate: bool) -> None:
    """Check the schema, and migrate it if allowed, on a connection of its own."""
    engine = _engine(path, transactions=True)
    try:
        with engine.connect() as connection:
            found = schema.check_known(connection)
            connection.rollback()
            if found == schema.head():
                return
            if not migrate and found is not None:
                raise schema.DatabaseBehind(found, schema.head())
            schema.upgrade(connection)
            connection.commit()
    finally:
        engine.dispose()


class _Readers:
    """One query-only connection per reader thread, held for the store's life (a pool
    checkout per read costs more than most of the bot's queries)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._local = threading.local()
        self._opened: list[Connection] = []
        self._lock = threading.Lock()

    def read(self, query: str, parameters: dict[str, Any]) -> Rows:
        connection: Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self.engine.connect()
            self._local.connection = connection
            with self._lock:
                self._opened.append(connection)
        result = connection.execute(statement_text(query), parameters)
        return [tuple(row) for row in result.fetchall()]

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for connection in opened:
            connection.close()
        self.engine.dispose()


class SqliteBackend:
    """The writer and the readers of one SQLite file."""

    backend: Final = "sqlite"

    def __init__(self, writer: Writer, readers: _Readers, threads: ThreadPoolExecutor) -> None:
        self.writer = writer
        self._readers = readers
        self._threads = threads

    @classmethod
    async def open(cls, path: str, *, migrate: bool) -> SqliteBackend:
        """Create the folder, check (and migrate) the schema, and connect."""
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        loop = asyncio.get_running_loop()
        threads = ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="sqlite-reader")
        try:
            await loop.run_in_executor(threads, _migrate, path, migrate)
            writer = await Writer.open(_engine(path))
        except BaseException:
            threads.shutdown(wait=False)
            raise
        return cls(writer, _Readers(_engine(path, readers=True)), threads)

    async def fetch_all(self, query: str, parameters: dict[str, Any]) -> Rows:
        """Rows of a read-only query, on a reader's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._readers.read, query, parameters)

    async def write_together(self, unit: Unit, locks: frozenset[str]) -> list[Rows]:
        """The unit in one transaction (shared with others queued at once); locks: unneeded,
        the one writer runs one transaction at a time."""
        del locks
        return await self.writer.write_together(unit)

    async def revision(self) -> str | None:
        """The schema revision the file is at."""
        return await self.writer.run(schema.current)

    async def close(self) -> None:
        """Finish queued writes, then close every connection (the WAL is folded in)."""
        try:
            await self.writer.close()
        finally:
            # Off the loop: a read still running finishes first, then its connection closes.
            await asyncio.to_thread(self._threads.shutdown, wait=True)
            self._readers.close()
