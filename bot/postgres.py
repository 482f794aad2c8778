"""The PostgreSQL backend of the store: asyncpg through SQLAlchemy Core's asyncio API.

Any number of processes share one database (DESIGN §8). Transactions are READ COMMITTED; a
statement that checks sums before it writes (the ledger) names a lock, taken first as a
transaction-scoped advisory lock, so two such statements never interleave. A database behind
this code is migrated only while no other sdxl-bot is connected to it (`sdxl-bot db upgrade`).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from typing import Any, Final

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bot import schema
from bot.errors import OperatorError
from bot.writes import Rows, Unit, statement_text

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S: Final = 10.0
# Every round trip is bounded; a statement slower than this is a fault, not a wait.
COMMAND_TIMEOUT_S: Final = 30.0
POOL: Final = 10
APPLICATION: Final = "sdxl-bot"


class DatabaseUnreachable(OperatorError):
    """PostgreSQL refused the connection or is not there."""


def lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for `name`, the same in every process."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _split_schema(url: URL) -> tuple[URL, str | None]:
    """`?schema=NAME` in DATABASE_URL puts the tables in that schema (default: public)."""
    name = url.query.get("schema")
    if isinstance(name, tuple):
        name = name[-1]
    return url.difference_update_query(["schema"]), name


class PostgresBackend:
    """A pool of connections to one PostgreSQL database (or one schema of it)."""

    backend: Final = "postgresql"

    def __init__(self, engine: AsyncEngine, namespace: str) -> None:
        self.engine = engine
        self._namespace = namespace
        self._writes: set[asyncio.Task[list[Rows]]] = set()

    @classmethod
    async def open(cls, url: URL, *, migrate: bool) -> PostgresBackend:
        """Connect, check (and, if alone, migrate) the schema."""
        url, namespace = _split_schema(url.set(drivername="postgresql+asyncpg"))
        settings = {"application_name": f"{APPLICATION}/{namespace or 'public'}"}
        if namespace is not None:
            settings["search_path"] = namespace
        engine = create_async_engine(
            url,
            pool_size=POOL,
            max_overflow=POOL,
            pool_timeout=60,
            pool_pre_ping=True,
            hide_parameters=True,
            connect_args={
                "timeout": CONNECT_TIMEOUT_S,
                "command_timeout": COMMAND_TIMEOUT_S,
                "server_settings": settings,
            },
        )
        backend = cls(engine, settings["application_name"])
        try:
            await backend._prepare(migrate=migrate)
        except (OSError, TimeoutError, asyncpg.PostgresError) as error:
            # Refused before any statement ran (no server, no such database, a rejected login):
            # one line, naming the server but never the password.
            await engine.dispose()
            place = f"{url.host}:{url.port or 5432}/{url.database}"
            raise DatabaseUnreachable(f"cannot use PostgreSQL at {place}: {error}") from None
        except BaseException:
            await engine.dispose()
            raise
        return backend

    async def _prepare(self, *, migrate: bool) -> None:
        key = {"key": lock_key(f"{self._namespace}:migrate")}
        async with self.engine.connect() as connection:
            # Session lock: two processes starting at once do not both migrate.
            await connection.execute(text("SELECT pg_advisory_lock(:key)"), key)
            await connection.commit()
            try:
                found = await connection.run_sync(schema.check_known)
                await connection.commit()
                if found == schema.head():
                    return
                if found is not None and (not migrate or await self._others(connection)):
                    raise schema.DatabaseBehind(found, schema.head())
                await connection.run_sync(schema.upgrade)
                await connection.commit()
            finally:
                await connection.rollback()
                await connection.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                await connection.commit()

    async def _others(self, connection: AsyncConnection) -> int:
        """Other sdxl-bot sessions on this database and schema."""
        result = await connection.execute(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND application_name = :name AND pid <> pg_backend_pid()"
            ),
            {"name": self._namespace},
        )
        others = int(result.scalar_one())
        await connection.commit()
        return others

    async def fetch_all(self, query: str, parameters: dict[str, Any]) -> Rows:
        """Rows of a read-only query (committed data)."""
        async with self.engine.connect() as connection:
            result = await connection.execute(statement_text(query), parameters)
            rows = [tuple(row) for row in result.fetchall()]
            await connection.rollback()
        return rows

    async def write_together(self, unit: Unit, locks: frozenset[str]) -> list[Rows]:
        """The unit in one transaction, after its locks; runs to its end even if the caller
        is cancelled (the caller then sees CancelledError)."""
        task = asyncio.create_task(self._transaction(unit, locks), name="store-write")
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        return await asyncio.shield(task)

    async def _transaction(self, unit: Unit, locks: frozenset[str]) -> list[Rows]:
        outcome: list[Rows] = []
        async with self.engine.begin() as connection:
            # Sorted: two transactions needing the same locks take them in the same order.
            for key in sorted(lock_key(f"{self._namespace}:{name}") for name in locks):
                await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            for query, parameters in unit:
                result = await connection.execute(statement_text(query), parameters)
                outcome.append(
                    [tuple(row) for row in result.fetchall()] if result.returns_rows else []
                )
        return outcome

    async def revision(self) -> str | None:
        """The schema revision the database is at."""
        async with self.engine.connect() as connection:
            return await connection.run_sync(schema.current)

    async def close(self) -> None:
        """Let started writes finish, then close every connection."""
        if self._writes:
            await asyncio.gather(*self._writes, return_exceptions=True)
        await self.engine.dispose()
