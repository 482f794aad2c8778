"""The SQLite store: one writer, one reader, one checkpointer; forward-only migrations.

Opened once by the composition root with WAL (readers never block the writer), a busy timeout
and foreign keys. Writes are single statements (or units that land together) grouped into
shared commits by the writer (bot.writes); reads go through a query-only aiosqlite
connection. The schema version lives
in `PRAGMA user_version`; the bot refuses to start on a database written by a newer version
of itself rather than guess at its meaning.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Final

import aiosqlite

from bot.errors import OperatorError
from bot.rows import JobRow
from bot.sealing import TokenSealer
from bot.writes import BUSY_TIMEOUT_MS, Writer

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
    "cancel_requested_by",
    "cancel_requested_at",
    "deadline_at",
)
# A job's state and its cancel request change only through bot.lifecycle's guarded statements.
_UPDATABLE: Final = frozenset(_JOB_COLUMNS) - {
    "id",
    "created_at",
    "state",
    "cancel_requested_by",
    "cancel_requested_at",
}


class DatabaseTooNew(OperatorError):
    """The database was migrated by a newer sdxl-bot; this one must not touch it."""

    def __init__(self, found: int, known: int) -> None:
        self.found, self.known = found, known
        super().__init__(
            f"the database is at schema version {found}, newer than this sdxl-bot knows"
            f" ({known}); upgrade sdxl-bot or restore a backup",
        )


# How often the checkpointer folds the WAL into the database file (PASSIVE: never waits).
CHECKPOINT_EVERY = 1.0


# Positional (`?`) or named (`:name`) parameters of a statement.
Bindings = Iterable[Any] | Mapping[str, Any]


def _bind(parameters: Bindings) -> tuple[Any, ...] | dict[str, Any]:
    return dict(parameters) if isinstance(parameters, Mapping) else tuple(parameters)


# A write to run with others (Store.write_together): its SQL and its parameters.
Statement = tuple[str, Bindings]


def check_job_columns(fields: Mapping[str, Any]) -> None:
    """Refuse a column that does not exist or changes only through bot.lifecycle."""
    unknown = set(fields) - _UPDATABLE
    if unknown:
        raise ValueError(f"cannot update job columns: {sorted(unknown)}")


def job_update(job_id: str, **fields: Any) -> Statement:
    """The statement that changes some columns of a job (at least one; not its state)."""
    check_job_columns(fields)
    if not fields:
        raise ValueError("cannot update job columns: none given")
    assignments = ", ".join(f"{name} = ?" for name in fields)
    query = f"UPDATE jobs SET {assignments} WHERE id = ?"  # noqa: S608 - names are checked
    return query, (*fields.values(), job_id)


def _report_stopped(task: asyncio.Task[None]) -> None:
    # Without checkpoints the WAL would grow for as long as the bot runs: say so loudly.
    if not task.cancelled() and task.exception() is not None:
        log.error("WAL checkpoints stopped: %r", task.exception())


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring the schema up to date (on the writer's thread); refuse a newer database."""
    scripts = _migrations()
    known = scripts[-1][0] if scripts else 0
    current = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if current > known:
        raise DatabaseTooNew(current, known)
    for number, script in scripts:
        if number <= current:
            continue
        log.info("Migrating the database to version %d", number)
        # executescript commits first; the version bump rides in the same script so a crash
        # mid-way leaves the previous version recorded and the script re-runnable.
        connection.executescript(
            f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;"
        )


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
        self,
        reader: aiosqlite.Connection,
        writer: Writer,
        checkpointer: aiosqlite.Connection,
        *,
        sealer: TokenSealer | None = None,
    ) -> None:
        self._db = reader
        # Interaction tokens are written sealed and read unsealed (bot.sealing): never in clear.
        self._sealer = sealer if sealer is not None else TokenSealer.ephemeral()
        self._writer = writer
        self._checkpointer = checkpointer
        self._checkpointing = asyncio.create_task(self._checkpoint_regularly(), name="checkpoint")
        self._checkpointing.add_done_callback(_report_stopped)

    # A write is one statement, atomic on its own: a check-and-take is an
    # INSERT ... SELECT ... WHERE, never a read then a write, so none can interleave with
    # another's. Writes that must be seen together (a job's settle and its final state) go as
    # one unit through write_together. Writes go to the writer (bot.writes, its own
    # connection and thread), which groups those queued at the same moment into one commit;
    # reads go to a query-only aiosqlite connection and see committed data. Each call is one
    # round trip to a thread, which costs more than most of our SQL: batch where you can.

    async def fetch_all(self, query: str, parameters: Bindings = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only query."""
        rows = await self._db.execute_fetchall(query, _bind(parameters))
        return [tuple(row) for row in rows]

    async def fetch_one(self, query: str, parameters: Bindings = ()) -> tuple[Any, ...] | None:
        """The first row of a read-only query, or None."""
        rows = await self.fetch_all(query, parameters)
        return rows[0] if rows else None

    async def write(self, query: str, parameters: Bindings = ()) -> list[tuple[Any, ...]]:
        """One statement, atomic on its own, and the rows of its RETURNING clause.

        Writes queued at the same moment share one commit (bot.writes). If the caller is
        cancelled the statement still runs: it is already queued.
        """
        return await self._writer.write(query, _bind(parameters))

    async def write_together(self, statements: Iterable[Statement]) -> list[list[tuple[Any, ...]]]:
        """Statements that land together or not at all (one transaction); each one's rows."""
        return await self._writer.write_together(
            tuple((query, _bind(parameters)) for query, parameters in statements)
        )

    async def execute(self, query: str, parameters: Iterable[Any] = ()) -> None:
        """One write, atomic on its own."""
        await self.write(query, parameters)

    @classmethod
    async def open(cls, path: Path | str, *, sealer: TokenSealer | None = None) -> Store:
        """Open (creating the folder and file) and migrate; raise DatabaseTooNew if it is ahead.

        Three connections to one file: the writer, a query-only reader, and the checkpointer.
        `sealer` seals interaction tokens; None: a random key, so tokens stored by this store
        cannot be read after it is closed.
        """
        if str(path) == ":memory:" or str(path).startswith("file:"):
            raise ValueError("the store needs a file path: its connections share the file")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        writer = await Writer.open(path)
        opened: list[aiosqlite.Connection] = []
        try:
            await writer.run(_migrate)
            for _ in range(2):
                connection = await aiosqlite.connect(path, isolation_level=None)
                opened.append(connection)
                await connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            reader, checkpointer = opened
            # Every write goes through the writer; a write here would be a bug, so refuse it.
            await reader.execute("PRAGMA query_only=ON")
        except BaseException:
            for connection in opened:
                with contextlib.suppress(sqlite3.Error, ValueError):
                    await connection.close()
            await writer.close()
            raise
        return cls(reader, writer, checkpointer, sealer=sealer)

    async def _checkpoint_regularly(self) -> None:
        """Fold the WAL into the database every CHECKPOINT_EVERY seconds, beside the writes.

        The writer never checkpoints (wal_autocheckpoint=0): by default the commit that fills
        the WAL to 1000 pages copies them into the database and fsyncs it while every write
        queued behind it waits. PASSIVE never waits for the writer or the readers.
        """
        while True:
            await asyncio.sleep(CHECKPOINT_EVERY)
            try:
                await self._checkpointer.execute_fetchall("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as error:  # the next round tries again; writes go on meanwhile
                log.warning("WAL checkpoint failed: %s", error)

    async def close(self) -> None:
        """Finish queued writes, stop checkpointing, fold the WAL in and close (it is deleted).

        Every connection is closed even if another fails to: their threads would otherwise
        keep the process from exiting.
        """
        self._checkpointing.cancel()
        await asyncio.gather(self._checkpointing, return_exceptions=True)
        try:
            await self._writer.drain()
        finally:
            try:
                await self._checkpointer.close()
            finally:
                try:
                    await self._db.close()
                finally:
                    # The last connection to close checkpoints the whole WAL and removes it.
                    await self._writer.close()

    async def schema_version(self) -> int:
        """The migration the database is at."""
        row = await self.fetch_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def insert_job(
        self, *, then: Iterable[Statement] = (), **fields: Any
    ) -> list[list[tuple[Any, ...]]]:
        """Record a new job, and run `then` in the same transaction; the rows of each of those.

        `id`, `requester_id`, `locale`, `request_json` and `state` needed. An
        `interaction_token` is stored sealed to the job's id.
        """
        fields.setdefault("created_at", utc_now())
        unknown = set(fields) - set(_JOB_COLUMNS)
        if unknown:
            raise ValueError(f"unknown job columns: {sorted(unknown)}")
        if fields.get("interaction_token") is not None:
            if not isinstance(fields.get("id"), str):
                raise ValueError("an interaction token is sealed to the job's id: give `id`")
            fields["interaction_token"] = self._sealer.seal(
                fields["interaction_token"], fields["id"]
            )
        names = ", ".join(fields)
        marks = ", ".join("?" for _ in fields)
        # Column names are checked against _JOB_COLUMNS above; values travel as parameters.
        query = f"INSERT INTO jobs ({names}) VALUES ({marks})"  # noqa: S608
        rows = await self.write_together([(query, tuple(fields.values())), *then])
        return rows[1:]

    async def update_job(self, job_id: str, **fields: Any) -> None:
        """Change some columns of a job."""
        if fields:
            await self.write(*job_update(job_id, **fields))

    async def job(self, job_id: str) -> JobRow | None:
        """One job by id."""
        row = await self.fetch_one(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE id = ?",  # noqa: S608 - constant
            (job_id,),
        )
        return self._job_row(row) if row else None

    async def jobs_in_states(self, states: Mapping[str, Any] | list[str]) -> list[JobRow]:
        """Every job in one of `states`, oldest first."""
        wanted = list(states)
        marks = ", ".join("?" for _ in wanted)
        rows = await self.fetch_all(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE state IN ({marks})"  # noqa: S608
            " ORDER BY created_at",
            wanted,
        )
        return [self._job_row(row) for row in rows]

    def _job_row(self, values: tuple[Any, ...]) -> JobRow:
        """A `jobs` row (columns in _JOB_COLUMNS order) with its interaction token unsealed."""
        row = JobRow(*values)
        if row.interaction_token is None:
            return row
        return replace(row, interaction_token=self._sealer.unseal(row.interaction_token, row.id))
