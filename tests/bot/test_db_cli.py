"""`sdxl-bot db upgrade` and `sdxl-bot db copy` as an operator runs them: real subprocesses."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot import schema
from bot.dblock import lock_path
from bot.postgres import APPLICATION
from bot.store import Store
from sdxl_bot.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from tests.bot.test_schema import copy_legacy
from tests.fakes.process import OWN_PREFIXES

ON_POSTGRESQL = pytest.mark.parametrize("database", ["postgresql"], indirect=True)
PASSWORD = "s3cretpw"  # the test server trusts local connections: any password is accepted
COPIED = (
    "sdxl-bot: copied into PostgreSQL: jobs 5, job_events 14, ledger 10, allowances 1, bans 1,"
    " guild_policy 1, blocklist 1, reviews 0"
)


@dataclass
class Run:
    """What one command left behind."""

    code: int
    stdout: str
    stderr: str

    def error_line(self) -> str:
        """The one line a refused command prints (on stderr; nothing on stdout)."""
        assert self.stdout == "", self.stdout
        lines = self.stderr.splitlines()
        assert len(lines) == 1, self.stderr
        assert lines[0].startswith("sdxl-bot: error: "), self.stderr
        return lines[0]

    def result_line(self) -> str:
        """The one line a successful command prints (on stdout; stderr: log lines only)."""
        assert "Traceback" not in self.stderr, self.stderr
        lines = self.stdout.splitlines()
        assert len(lines) == 1, self.stdout
        return lines[0]


def environment(**variables: str) -> dict[str, str]:
    """The caller's environment without any of the bot's variables, plus `variables`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith((*OWN_PREFIXES, "TOKEN_KEY", "LOG_LEVEL"))
    }
    env.update(variables)
    return env


def sdxl_bot() -> list[str]:
    """The installed `sdxl-bot` console script (or `python -m bot` without one)."""
    script = Path(sys.executable).with_name("sdxl-bot")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


async def run(folder: Path, env: dict[str, str], *args: str) -> Run:
    """`sdxl-bot ARGS` in `folder` with exactly `env`."""
    process = await asyncio.create_subprocess_exec(
        *sdxl_bot(),
        *args,
        cwd=folder,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=120)
    assert process.returncode is not None
    return Run(process.returncode, stdout.decode(), stderr.decode())


def with_password(url: str) -> str:
    """The same database URL, carrying PASSWORD."""
    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)


def schema_name(url: str) -> str:
    """The `?schema=` of a test database URL."""
    name = make_url(url).query["schema"]
    assert isinstance(name, str)
    return name


def file_state(database: Path) -> dict[str, bytes]:
    """The bytes of the SQLite file and its WAL and shared-memory files."""
    found = {}
    for suffix in ("", "-wal", "-shm"):
        path = database.with_name(database.name + suffix)
        if path.exists():
            found[suffix] = path.read_bytes()
    return found


def sqlite_revision(database: Path) -> tuple[int, list[tuple[str, ...]]]:
    """The file's PRAGMA user_version and its alembic_version rows (read-only)."""
    raw = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        level = int(raw.execute("PRAGMA user_version").fetchone()[0])
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        versions = (
            raw.execute("SELECT version_num FROM alembic_version").fetchall()
            if "alembic_version" in tables
            else []
        )
    finally:
        raw.close()
    return level, versions


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    """A copy of the pre-Alembic v5 fixture under tmp_path."""
    return copy_legacy(tmp_path / "data")


async def test_upgrade_brings_a_pre_alembic_file_to_the_newest_revision(
    legacy: Path, tmp_path: Path
) -> None:
    """`db upgrade` on the v5 file exits 0 naming the head revision; a second run does too."""
    env = environment(DATABASE_PATH=str(legacy))
    first = await run(tmp_path, env, "db", "upgrade")
    assert first.code == EXIT_OK, first.stderr
    expected = f"sdxl-bot: the database is at schema revision {schema.head()} (the newest)"
    assert first.result_line() == expected
    assert sqlite_revision(legacy) == (int(schema.head()), [(schema.head(),)])

    second = await run(tmp_path, env, "db", "upgrade")
    assert second.code == EXIT_OK, second.stderr
    assert second.result_line() == expected
    assert sqlite_revision(legacy) == (int(schema.head()), [(schema.head(),)])


HOLDER = """
import asyncio, sys
from bot import dblock

async def main() -> None:
    async with dblock.hold(sys.argv[1]):
        print("held", flush=True)
        await asyncio.sleep(3600)

asyncio.run(main())
"""


@contextlib.asynccontextmanager
async def holding(database: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """Another process holding the database's lock (bot.dblock) until the block ends."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        HOLDER,
        str(database),
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
        assert line == b"held\n", "the holder did not take the lock"
        yield process
    finally:
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        await process.wait()


async def test_upgrade_refuses_a_file_another_process_holds(legacy: Path, tmp_path: Path) -> None:
    """While another process holds the SQLite lock, `db upgrade` exits 1 with one line naming
    it and leaves the file as it was; once that process is gone the upgrade goes ahead."""
    env = environment(DATABASE_PATH=str(legacy))
    before = file_state(legacy)
    async with holding(legacy) as holder:
        label = lock_path(legacy).read_bytes()
        refused = await run(tmp_path, env, "db", "upgrade")
        assert refused.code == EXIT_FAILED
        line = refused.error_line()
        assert line.startswith(f"sdxl-bot: error: another sdxl-bot (pid {holder.pid} on ")
        assert str(legacy) in line and "stop it first" in line
        assert file_state(legacy) == before
        assert lock_path(legacy).read_bytes() == label
    assert sqlite_revision(legacy) == (5, [])

    done = await run(tmp_path, env, "db", "upgrade")
    assert done.code == EXIT_OK, done.stderr
    assert schema.head() in done.result_line()


def _upgrade_to_0004(connection: Connection) -> None:
    command.upgrade(schema._config(connection), "0004")


def schema_engine(url: str, **settings: str) -> AsyncEngine:
    """An engine on the schema of `url` (its search path), with these session settings."""
    plain = make_url(url).difference_update_query(["schema"]).set(drivername="postgresql+asyncpg")
    server_settings = {"search_path": schema_name(url), **settings}
    return create_async_engine(plain, connect_args={"server_settings": server_settings})


async def build_behind(url: str) -> None:
    """Migrate the (empty) schema of `url` with Alembic up to revision 0004 only."""
    engine = schema_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_upgrade_to_0004)
            await connection.commit()
    finally:
        await engine.dispose()


async def revision_of(url: str) -> str | None:
    """The schema revision the schema of `url` is at (no store opened)."""
    engine = schema_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(schema.current)
    finally:
        await engine.dispose()


@contextlib.asynccontextmanager
async def other_sdxl_bot(url: str) -> AsyncIterator[None]:
    """A session that looks to the server like a running sdxl-bot on the schema of `url` (its
    application_name), held open for the block."""
    engine = schema_engine(url, application_name=f"{APPLICATION}/{schema_name(url)}")
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
            yield
    finally:
        await engine.dispose()


@ON_POSTGRESQL
async def test_upgrade_on_postgresql_waits_until_no_other_sdxl_bot_is_connected(
    database: str, tmp_path: Path
) -> None:
    """A schema behind the code is not migrated while another sdxl-bot session is connected to
    it (exit 1, one line, no password shown); once that session is gone `db upgrade` does it."""
    await build_behind(database)
    env = environment(DATABASE_URL=with_password(database))
    assert await revision_of(database) == "0004"
    async with other_sdxl_bot(database):
        refused = await run(tmp_path, env, "db", "upgrade")
    assert refused.code == EXIT_FAILED
    line = refused.error_line()
    assert "schema revision 0004" in line and schema.head() in line
    assert "stop every sdxl-bot on it" in line
    assert PASSWORD not in refused.stdout + refused.stderr
    assert await revision_of(database) == "0004"

    done = await run(tmp_path, env, "db", "upgrade")
    assert done.code == EXIT_OK, done.stderr
    assert schema.head() in done.result_line()
    assert PASSWORD not in done.stdout + done.stderr
    assert await revision_of(database) == schema.head()
    store = await Store.open(database, migrate=False)
    try:
        assert await store.fetch_all("SELECT count(*) FROM job_events") == [(0,)]
    finally:
        await store.close()


async def jobs_in(url: str) -> list[str]:
    """The ids of the jobs in the schema of `url`, in arrival order."""
    store = await Store.open(url, migrate=False)
    try:
        return [
            str(job_id) for (job_id,) in await store.fetch_all("SELECT id FROM jobs ORDER BY rowid")
        ]
    finally:
        await store.close()


@ON_POSTGRESQL
async def test_copy_fills_an_empty_schema_once_and_refuses_a_second_time(
    database: str, legacy: Path, tmp_path: Path
) -> None:
    """`db copy --from FILE --to URL` exits 0 printing each table's count; run again it exits 1
    with the one-line refusal, copies nothing more and never shows the URL's password."""
    env = environment(DATABASE_PATH=str(tmp_path / "unused.sqlite3"))
    first = await run(tmp_path, env, "db", "copy", "--from", str(legacy), "--to", database)
    assert first.code == EXIT_OK, first.stderr
    assert first.result_line() == COPIED
    assert await jobs_in(database) == [f"legacy{n}" for n in range(5)]

    again = await run(
        tmp_path, env, "db", "copy", "--from", str(legacy), "--to", with_password(database)
    )
    assert again.code == EXIT_FAILED
    assert again.error_line() == (
        "sdxl-bot: error: the PostgreSQL database already has jobs; db copy fills an empty one only"
    )
    assert PASSWORD not in again.stdout + again.stderr
    assert await jobs_in(database) == [f"legacy{n}" for n in range(5)]
    assert not (tmp_path / "unused.sqlite3").exists()


@pytest.mark.parametrize("destination", [[], ["--to", "elsewhere.sqlite3"]], ids=["none", "file"])
async def test_copy_without_a_postgresql_destination_says_what_to_give(
    legacy: Path, tmp_path: Path, destination: list[str]
) -> None:
    """`db copy` with no --to and no DATABASE_URL (or a --to that is not PostgreSQL) exits 2
    saying to give a postgresql:// URL, before opening anything."""
    env = environment(DATABASE_PATH=str(legacy))
    before = file_state(legacy)
    refused = await run(tmp_path, env, "db", "copy", *destination)
    assert refused.code == EXIT_USAGE
    assert refused.error_line() == (
        "sdxl-bot: error: give the PostgreSQL database: --to postgresql://user@host/db"
    )
    assert file_state(legacy) == before
    assert not lock_path(legacy).exists()
    assert not (tmp_path / "elsewhere.sqlite3").exists()


async def test_an_unreachable_server_is_one_line_without_the_password(tmp_path: Path) -> None:
    """A PostgreSQL server that cannot be reached: exit 1, one line, the password not shown."""
    url = f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/test?schema=nowhere"
    refused = await run(tmp_path, environment(DATABASE_URL=url), "db", "upgrade")
    assert refused.code == EXIT_FAILED
    assert refused.error_line().startswith("sdxl-bot: error: cannot use PostgreSQL at 127.0.0.1:")
    assert PASSWORD not in refused.stdout + refused.stderr


@ON_POSTGRESQL
async def test_a_server_refusing_the_connection_is_one_line(database: str, tmp_path: Path) -> None:
    """A server that refuses the session (no such database): exit 1, one line, no password."""
    url = make_url(with_password(database)).set(database="sdxl_bot_no_such_database")
    env = environment(DATABASE_URL=url.render_as_string(hide_password=False))
    refused = await run(tmp_path, env, "db", "upgrade")
    assert PASSWORD not in refused.stdout + refused.stderr
    assert refused.code == EXIT_FAILED
    assert refused.error_line().startswith(
        "sdxl-bot: error: cannot use PostgreSQL at 127.0.0.1:5432/"
    )
