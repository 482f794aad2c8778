"""The store: every SQL statement of the bot runs here, on SQLAlchemy Core.

Two backends, one set of statements (bot.schema keeps their schemas in step):
- SQLite (the default, one process: bot.dblock): bot.sqlitedb, one writer with group commit
  and query-only readers;
- PostgreSQL (a cluster, DESIGN §8): bot.postgres, a pool of asyncpg connections.

A write is one transaction: one statement, atomic on its own, or several that land together
or not at all (`write_together`). A check-and-take is an INSERT ... SELECT ... WHERE, never a
read then a write. Where two such statements of different transactions must not interleave
(the ledger's sums, a job's settlement) they name a lock (`Statement.lock`): on PostgreSQL a
transaction-scoped advisory lock taken first; on SQLite the single writer already runs one
transaction at a time. Once started, a write runs to its end even if its caller is cancelled
(shutdown cancels job tasks mid-write; half a job's end must never be lost); `close` waits
for it. The schema's revision is checked at open: a newer one is refused (DatabaseTooNew).
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, NamedTuple, Protocol

from sqlalchemy.engine import URL, make_url

from bot.postgres import PostgresBackend
from bot.rows import JobRow
from bot.schema import DatabaseBehind, DatabaseTooNew
from bot.sealing import TokenSealer
from bot.sqlitedb import SqliteBackend
from bot.writes import Rows, Unit

log = logging.getLogger(__name__)

__all__ = ["DatabaseBehind", "DatabaseTooNew", "Statement", "Store", "job_update", "utc_now"]

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
# Written when a job is recorded, changed only by bot.leases; not part of JobRow.
_LEASE_COLUMNS: Final = ("owner", "lease_until")
# A job's state and its cancel request change only through bot.lifecycle's guarded statements.
_UPDATABLE: Final = frozenset(_JOB_COLUMNS) - {
    "id",
    "created_at",
    "state",
    "cancel_requested_by",
    "cancel_requested_at",
}

# Positional (`?`) or named (`:name`) parameters of a statement.
Bindings = Sequence[Any] | Mapping[str, Any]


class Statement(NamedTuple):
    """One statement of a write: its SQL, its parameters, and the lock (or locks) it must
    hold, if any."""

    query: str
    parameters: Bindings = ()
    lock: str | tuple[str, ...] | None = None


# `?` or `?NNN` outside quoted text: positional parameters become :p1, :p2, ... for SQLAlchemy.
_QMARK = re.compile(r"'(?:[^']|'')*'|\?(\d*)")


def _named(query: str, parameters: Bindings) -> tuple[str, dict[str, Any]]:
    if isinstance(parameters, Mapping):
        return query, dict(parameters)
    values = list(parameters)
    converted, used = _positional(query)
    if used != frozenset(range(1, len(values) + 1)):
        raise ValueError(f"{len(values)} parameters for placeholders {sorted(used)}: {query!r}")
    return converted, {f"p{n}": value for n, value in enumerate(values, 1)}


@functools.lru_cache(maxsize=1024)
def _positional(query: str) -> tuple[str, frozenset[int]]:
    used: set[int] = set()
    following = 0

    def name(match: re.Match[str]) -> str:
        nonlocal following
        if not match.group(0).startswith("?"):
            return match.group(0)
        following = int(match.group(1)) if match.group(1) else following + 1
        used.add(following)
        return f":p{following}"

    return _QMARK.sub(name, query), frozenset(used)


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
    assignments = ", ".join(f"{name} = :{name}" for name in fields)
    query = f"UPDATE jobs SET {assignments} WHERE id = :job_id"  # noqa: S608 - names are checked
    return Statement(query, {**fields, "job_id": job_id})


def utc_now() -> str:
    """The current time as ISO-8601 UTC, the one format the store writes."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def database_url(target: Path | str) -> URL:
    """The URL of a DATABASE_URL or a SQLite file path (DATABASE_PATH); each backend picks
    its own driver (bot.sqlitedb, bot.postgres)."""
    value = str(target)
    url = make_url(value) if "://" in value else URL.create("sqlite", database=value)
    if url.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ValueError(f"unsupported database URL scheme {url.drivername!r}")
    return url


class Backend(Protocol):
    """What the store needs of a database (bot.sqlitedb, bot.postgres)."""

    @property
    def backend(self) -> str: ...

    async def fetch_all(self, query: str, parameters: dict[str, Any]) -> Rows: ...

    async def write_together(self, unit: Unit, locks: frozenset[str]) -> list[Rows]: ...

    async def revision(self) -> str | None: ...

    async def close(self) -> None: ...


class Store:
    """All SQL of the bot; the rest of the code calls these methods."""

    def __init__(self, database: Backend, *, sealer: TokenSealer | None = None) -> None:
        self._database = database
        # Interaction tokens are written sealed and read unsealed (bot.sealing): never in clear.
        self._sealer = sealer if sealer is not None else TokenSealer.ephemeral()
        self.backend: Final = database.backend  # "sqlite" or "postgresql"

    @property
    def database(self) -> Backend:
        """The backend (tools and tests that need its own API)."""
        return self._database

    @classmethod
    async def open(
        cls,
        target: Path | str,
        *,
        sealer: TokenSealer | None = None,
        migrate: bool = True,
    ) -> Store:
        """Open a SQLite file (creating its folder) or a PostgreSQL database, and migrate.

        `target`: a file path, `sqlite:///path` or `postgresql://...`. Raises DatabaseTooNew
        if a newer sdxl-bot migrated it; with `migrate` False (or on PostgreSQL while another
        sdxl-bot is connected) an existing database behind this code raises DatabaseBehind (an
        empty one is always created). `sealer`
        seals interaction tokens; None: a random key, so tokens stored by this store cannot
        be read after it is closed.
        """
        url = database_url(target)
        database: Backend
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
                raise ValueError("the store needs a file path: its connections share the file")
            database = await SqliteBackend.open(url.database, migrate=migrate)
        else:
            database = await PostgresBackend.open(url, migrate=migrate)
        return cls(database, sealer=sealer)

    # Reads see committed data only. Each call is one round trip.

    async def fetch_all(self, query: str, parameters: Bindings = ()) -> Rows:
        """Rows of a read-only query."""
        return await self._database.fetch_all(*_named(query, parameters))

    async def fetch_one(self, query: str, parameters: Bindings = ()) -> tuple[Any, ...] | None:
        """The first row of a read-only query, or None."""
        rows = await self.fetch_all(query, parameters)
        return rows[0] if rows else None

    async def write(
        self, query: str, parameters: Bindings = (), lock: str | tuple[str, ...] | None = None
    ) -> Rows:
        """One statement in a transaction of its own, and the rows of its RETURNING clause.

        On SQLite, writes queued at the same moment share one commit (bot.writes).
        """
        (rows,) = await self.write_together([Statement(query, parameters, lock)])
        return rows

    async def execute(self, query: str, parameters: Bindings = ()) -> None:
        """One write, atomic on its own."""
        await self.write(query, parameters)

    async def write_together(
        self, statements: Iterable[Statement | tuple[str, Bindings]]
    ) -> list[Rows]:
        """Statements that land together or not at all (one transaction); each one's rows.

        Runs to its end even if the caller is cancelled.
        """
        unit = [Statement(*statement) for statement in statements]
        if not unit:
            return []
        locks = frozenset(
            name for s in unit for name in ((s.lock,) if isinstance(s.lock, str) else s.lock or ())
        )
        return await self._database.write_together(
            tuple(_named(s.query, s.parameters) for s in unit), locks
        )

    async def close(self) -> None:
        """Let started writes finish, then close every connection."""
        await self._database.close()

    async def schema_revision(self) -> str | None:
        """The schema revision the database is at."""
        return await self._database.revision()

    async def insert_job(
        self, *, then: Iterable[Statement | tuple[str, Bindings]] = (), **fields: Any
    ) -> list[Rows]:
        """Record a new job, and run `then` in the same transaction; the rows of each of those.

        `id`, `requester_id`, `locale`, `request_json` and `state` needed. An
        `interaction_token` is stored sealed to the job's id.
        """
        fields.setdefault("created_at", utc_now())
        unknown = set(fields) - set(_JOB_COLUMNS) - set(_LEASE_COLUMNS)
        if unknown:
            raise ValueError(f"unknown job columns: {sorted(unknown)}")
        if fields.get("interaction_token") is not None:
            if not isinstance(fields.get("id"), str):
                raise ValueError("an interaction token is sealed to the job's id: give `id`")
            fields["interaction_token"] = self._sealer.seal(
                fields["interaction_token"], fields["id"]
            )
        names = ", ".join(fields)
        marks = ", ".join(f":{name}" for name in fields)
        # Column names are checked against _JOB_COLUMNS above; values travel as parameters.
        query = f"INSERT INTO jobs ({names}) VALUES ({marks})"  # noqa: S608
        rows = await self.write_together([Statement(query, fields), *then])
        return rows[1:]

    async def update_job(self, job_id: str, **fields: Any) -> None:
        """Change some columns of a job."""
        if fields:
            await self.write(*job_update(job_id, **fields))

    async def job(self, job_id: str) -> JobRow | None:
        """One job by id."""
        row = await self.fetch_one(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE id = :id",  # noqa: S608 - constant
            {"id": job_id},
        )
        return self._job_row(row) if row else None

    async def jobs_in_states(self, states: Mapping[str, Any] | list[str]) -> list[JobRow]:
        """Every job in one of `states`, oldest first."""
        wanted = list(states)
        marks = ", ".join(f":s{n}" for n in range(len(wanted)))
        rows = await self.fetch_all(
            f"SELECT {', '.join(_JOB_COLUMNS)} FROM jobs WHERE state IN ({marks})"  # noqa: S608
            " ORDER BY created_at, rowid",
            {f"s{n}": state for n, state in enumerate(wanted)},
        )
        return [self._job_row(row) for row in rows]

    def _job_row(self, values: tuple[Any, ...]) -> JobRow:
        """A `jobs` row (columns in _JOB_COLUMNS order) with its interaction token unsealed."""
        row = JobRow(*values)
        if row.interaction_token is None:
            return row
        return replace(row, interaction_token=self._sealer.unseal(row.interaction_token, row.id))
