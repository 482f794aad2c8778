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
from collections.abc import AsyncIterator, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final

import aiosqlite

from bot.errors import SdxlBotError

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

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        # One connection is shared by every coroutine: without this lock, statements of two
        # transactions could interleave on it between awaits.
        self._write_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error): check-and-take with no interleaving."""
        async with self._write_lock:
            committed = False
            try:
                await self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                await self._db.execute("COMMIT")
                committed = True
            finally:
                if not committed:
                    # A cancel may land while BEGIN (or COMMIT) is still queued on the
                    # connection's thread: a ROLLBACK queued behind it always closes the
                    # transaction, and is harmless if none is open.
                    with contextlib.suppress(sqlite3.OperationalError):
                        await asyncio.shield(self._db.execute("ROLLBACK"))

    async def fetch_all(self, query: str, parameters: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query."""
        async with self._db.execute(query, tuple(parameters)) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]

    async def fetch_one(self, query: str, parameters: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        """The first row of a read-only query, or None."""
        async with self._db.execute(query, tuple(parameters)) as cursor:
            row = await cursor.fetchone()
        return tuple(row) if row is not None else None

    async def execute(self, query: str, parameters: Iterable[Any] = ()) -> None:
        """One write in its own transaction (serialized with the others)."""
        async with self.transaction() as db:
            await db.execute(query, tuple(parameters))

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        """Open (creating the folder and file) and migrate; raise DatabaseTooNew if it is ahead."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
        try:
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA busy_timeout=5000")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA synchronous=NORMAL")
            # Erased values (interaction tokens) are zeroed on disk, not left in free pages.
            await connection.execute("PRAGMA secure_delete=ON")
            store = cls(connection)
            await store._migrate()
        except BaseException:
            await connection.close()
            raise
        return store

    async def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
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
        async with self._db.execute(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE id = ?",  # noqa: S608 - constant
            (job_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return JobRow(*row) if row else None

    async def jobs_in_states(self, states: Mapping[str, Any] | list[str]) -> list[JobRow]:
        """Every job in one of `states`, oldest first."""
        wanted = list(states)
        marks = ", ".join("?" for _ in wanted)
        async with self._db.execute(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE state IN ({marks})"  # noqa: S608
            " ORDER BY created_at",
            wanted,
        ) as cursor:
            rows = await cursor.fetchall()
        return [JobRow(*row) for row in rows]
