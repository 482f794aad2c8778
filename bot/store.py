"""The SQLite store: one aiosqlite connection per process, numbered forward-only migrations.

Opened once by the composition root with WAL (readers never block the writer), a busy timeout
and foreign keys. The schema version lives in `PRAGMA user_version`; the bot refuses to start
on a database written by a newer version of itself rather than guess at its meaning.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final

import aiosqlite

from bot.errors import SdxlBotError
from bot.writes import GroupCommitWriter

log = logging.getLogger(__name__)

_JOB_COLUMNS: Final = (
    "id",
    "parent_id",
    "guild_id",
    "channel_id",
    "requester_id",
    "locale",
    "request_json",
    "state",
    "prediction_id",
    "message_id",
    "seed",
    "images",
    "error_key",
    "predict_time",
    "created_at",
    "started_at",
    "finished_at",
    "application_id",
    "interaction_token",
    "token_expires_at",
)
_UPDATABLE: Final = frozenset(_JOB_COLUMNS) - {"id", "created_at"}


class DatabaseTooNew(SdxlBotError):
    """The database was migrated by a newer sdxl-bot; this one must not touch it."""

    key = "replicate.http"

    def __init__(self, found: int, known: int) -> None:
        self.found, self.known = found, known
        Exception.__init__(
            self,
            f"the database is at schema version {found}, newer than this sdxl-bot knows"
            f" ({known}); upgrade sdxl-bot or restore a backup",
        )

    def message(self, locale: str | None = None) -> str:
        """Operator-facing: the same sentence in every locale."""
        return str(self)


@dataclass(frozen=True, slots=True)
class JobRow:
    """One row of `jobs`."""

    id: str
    parent_id: str | None
    guild_id: int | None
    channel_id: int | None
    requester_id: int
    locale: str
    request_json: str
    state: str
    prediction_id: str | None
    message_id: int | None
    seed: int | None
    images: int
    error_key: str | None
    predict_time: float | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    application_id: int | None
    interaction_token: str | None
    token_expires_at: float | None

    def __repr__(self) -> str:
        # The interaction token is a credential: never in a repr, a log line or a traceback.
        token = "[set]" if self.interaction_token else None
        return f"JobRow(id={self.id!r}, state={self.state!r}, interaction_token={token})"


# How often the checkpointer folds the WAL into the database file (PASSIVE: never waits).
CHECKPOINT_EVERY = 1.0


def utc_now() -> str:
    """The current time as ISO-8601 UTC, the one format the store writes."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("bot") / "migrations"
    scripts = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            scripts.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(scripts)


class Store:
    """All SQL of the bot; the rest of the code calls these methods."""

    def __init__(
        self, connection: aiosqlite.Connection, checkpointer: aiosqlite.Connection | None = None
    ) -> None:
        self._db = connection
        self._writer = GroupCommitWriter(connection)
        self._checkpointer = checkpointer
        self._checkpointing: asyncio.Task[None] | None = None

    # Every write is one statement, atomic on its own: a check-and-take is an
    # INSERT ... SELECT ... WHERE, never a read then a write, so no caller needs a transaction
    # of its own and none can interleave with another's. The writer (bot.writes) groups the
    # statements queued at the same moment into one commit. Each aiosqlite call is a round trip
    # to the connection's thread (about 0.15 ms here, more than most of our SQL), so every
    # method below makes one. Reads may see writes of a batch a moment before it commits.

    async def fetch_all(self, query: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query."""
        rows = await self._db.execute_fetchall(query, tuple(parameters))
        return [tuple(row) for row in rows]

    async def fetch_one(self, query: str, parameters: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a read-only query, or None."""
        rows = await self.fetch_all(query, parameters)
        return rows[0] if rows else None

    async def write(
        self, query: str, parameters: Iterable[Any] | Mapping[str, Any] = ()
    ) -> list[tuple[Any, ...]]:
        """One statement, atomic on its own, and the rows of its RETURNING clause.

        Writes queued at the same moment share one commit (bot.writes). If the caller is
        cancelled the statement still runs: it is already queued.
        """
        bound = dict(parameters) if isinstance(parameters, Mapping) else tuple(parameters)
        return await self._writer.write(query, bound)

    async def execute(self, query: str, parameters: Iterable[Any] = ()) -> None:
        """One write, atomic on its own."""
        await self.write(query, parameters)

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        """Open (creating the folder and file) and migrate; raise DatabaseTooNew if it is ahead."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
        store: Store | None = None
        try:
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA busy_timeout=5000")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA synchronous=NORMAL")
            # Erased values (interaction tokens) are zeroed on disk, not left in free pages.
            await connection.execute("PRAGMA secure_delete=ON")
            store = cls(connection)
            await store._migrate()
            if str(path) != ":memory:":
                await store._start_checkpointing(path)
        except BaseException:
            with contextlib.suppress(sqlite3.Error, ValueError):
                await (store.close() if store is not None else connection.close())
            raise
        return store

    async def _start_checkpointing(self, path: Path | str) -> None:
        """Move WAL checkpoints off the write path, onto a second connection and thread.

        By default the commit that fills the WAL to 1000 pages copies them into the database
        and fsyncs it, and every statement queued behind it waits (a fifth of the ledger's
        time in bench.ledger). A PASSIVE checkpoint from another connection runs beside the
        writes instead.
        """
        self._checkpointer = await aiosqlite.connect(path, isolation_level=None)
        await self._checkpointer.execute("PRAGMA busy_timeout=5000")
        await self._db.execute("PRAGMA wal_autocheckpoint=0")
        self._checkpointing = asyncio.create_task(self._checkpoint_regularly(), name="checkpoint")

    async def _checkpoint_regularly(self) -> None:
        assert self._checkpointer is not None
        while True:
            await asyncio.sleep(CHECKPOINT_EVERY)
            try:
                await self._checkpointer.execute_fetchall("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as error:  # the next round tries again; writes go on meanwhile
                log.warning("WAL checkpoint failed: %s", error)

    async def close(self) -> None:
        """Finish queued writes, stop checkpointing, fold the WAL in and close (it is deleted)."""
        await self._writer.drain()
        if self._checkpointing is not None:
            self._checkpointing.cancel()
            await asyncio.gather(self._checkpointing, return_exceptions=True)
        if self._checkpointer is not None:
            await self._checkpointer.close()
        # The last connection to close checkpoints the whole WAL and removes it.
        await self._db.close()

    async def schema_version(self) -> int:
        """The migration the database is at."""
        async with self._db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _migrate(self) -> None:
        scripts = _migrations()
        known = scripts[-1][0] if scripts else 0
        current = await self.schema_version()
        if current > known:
            raise DatabaseTooNew(current, known)
        for number, script in scripts:
            if number <= current:
                continue
            log.info("Migrating the database to version %d", number)
            # executescript commits first; the version bump rides in the same script so a crash
            # mid-way leaves the previous version recorded and the script re-runnable.
            await self._db.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
            )

    async def insert_job(self, **fields: Any) -> None:
        """Record a new job; `id`, `requester_id`, `locale`, `request_json` and `state` needed."""
        fields.setdefault("created_at", utc_now())
        unknown = set(fields) - set(_JOB_COLUMNS)
        if unknown:
            raise ValueError(f"unknown job columns: {sorted(unknown)}")
        names = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        # Column names are checked against _JOB_COLUMNS above; values travel as parameters.
        query = f"INSERT INTO jobs ({names}) VALUES ({marks})"  # noqa: S608
        await self.execute(query, fields.values())

    async def update_job(self, job_id: str, **fields: Any) -> None:
        """Change some columns of a job."""
        if not fields:
            return
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise ValueError(f"cannot update job columns: {sorted(unknown)}")
        assignments = ", ".join(f"{name} = ?" for name in fields)
        query = f"UPDATE jobs SET {assignments} WHERE id = ?"  # noqa: S608 - names are checked
        await self.execute(query, (*fields.values(), job_id))

    async def delete_job(self, job_id: str) -> None:
        """Forget a job that was never accepted (refused by a quota check); it has no entries."""
        await self.execute("DELETE FROM jobs WHERE id = ?", (job_id,))

    async def job(self, job_id: str) -> JobRow | None:
        """One job by id."""
        row = await self.fetch_one(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE id = ?",  # noqa: S608 - constant
            (job_id,),
        )
        return JobRow(*row) if row else None

    async def jobs_in_states(self, states: Mapping[str, Any] | list[str]) -> list[JobRow]:
        """Every job in one of `states`, oldest first."""
        wanted = list(states)
        marks = ", ".join("?" for _ in wanted)
        rows = await self.fetch_all(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE state IN ({marks})"  # noqa: S608
            " ORDER BY created_at",
            wanted,
        )
        return [JobRow(*row) for row in rows]
