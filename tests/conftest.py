"""Fixtures shared by the whole test suite, and virtual time.

A test, class or module marked `virtual_time` runs with every fixture it uses on a loop
whose clock fast-forwards (looptime): once nothing in the loop can run and no socket or
thread has work pending, the clock jumps to the next timer. Sleeps, polling intervals,
rate-limit windows and time-outs then cost no real time and happen at exact loop times.
Threads and sockets keep real time: while an SQLite query (the store's threads), a
PostgreSQL round trip (registered here), an executor job or a subprocess is pending, the
clock moves no faster than real time.

The whole test is on virtual time, fixtures included (looptime's own `looptime` marker and
`--looptime` switch it on for the test function only: a bot started by a fixture would then
see its clock jump back and forth). Code that reads `time.monotonic()` or `time.time()`
does not fast-forward: the fakes read tests/fakes/clock.py, and the bot's clocks are
injected (its wall clock for interaction tokens: `cogs.replies.wall_clock`).
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import os
import queue
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import aiosqlite.core
import asyncpg
import looptime
import pytest

from bot.postgres import PostgresBackend
from bot.store import Store
from cogs import replies
from tests.fakes import clock
from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate, Timing

VIRTUAL_TIME = "virtual_time"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marked async tests use the `virtual_time` fixture first, before any fixture that starts
    work (a sync test in a marked module has no loop to speed up)."""
    for item in items:
        if (
            isinstance(item, pytest.Function)
            and inspect.iscoroutinefunction(item.obj)
            and item.get_closest_marker(VIRTUAL_TIME) is not None
        ):
            if VIRTUAL_TIME in item.fixturenames:
                item.fixturenames.remove(VIRTUAL_TIME)
            item.fixturenames.insert(0, VIRTUAL_TIME)


class _TrackedQueue(queue.SimpleQueue[Any]):
    """aiosqlite's queue of work for its connection thread, telling the loop about each
    pending query: looptime then waits for it in real time instead of jumping the clock."""

    def put_nowait(self, item: Any) -> None:
        future = item[0] if isinstance(item, tuple) else None
        if isinstance(future, asyncio.Future):
            loop = future.get_loop()
            if isinstance(loop, looptime.LoopTimeEventLoop) and loop.looptime_on:
                _thread_work(loop).add(future)
        super().put_nowait(item)


def _thread_work(loop: asyncio.AbstractEventLoop) -> Any:
    """looptime's set of pending executor futures (it adds those of run_in_executor itself)."""
    # Private to looptime (pinned to 0.9.x in pyproject.toml); a rename fails loudly here.
    return loop._LoopTimeEventLoop__sync_futures  # type: ignore[attr-defined]


def _real_time_while(method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """`method`, with looptime told a round trip is pending while it runs (no clock jumps)."""

    @functools.wraps(method)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        pending = loop.create_future()
        if isinstance(loop, looptime.LoopTimeEventLoop) and loop.looptime_on:
            _thread_work(loop).add(pending)
        try:
            return await method(*args, **kwargs)
        finally:
            pending.set_result(None)

    return wrapper


@pytest.fixture
async def virtual_time(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[None]:
    """The running loop's clock fast-forwards from here to the end of the test's teardown.

    Keyword arguments of the marker go to looptime's `setup_looptime` (e.g. `noop_cycles`).
    """
    loop = asyncio.get_running_loop()
    if not isinstance(loop, looptime.LoopTimeEventLoop):
        raise RuntimeError("virtual_time needs looptime's pytest plugin (pip install looptime)")
    if loop.looptime_on:
        raise RuntimeError("virtual_time and looptime's marker or --looptime are exclusive")
    marker = request.node.get_closest_marker(VIRTUAL_TIME)
    loop.setup_looptime(**(marker.kwargs if marker is not None else {}))
    _thread_work(loop)  # fails now, not mid-test, if looptime's internals moved
    monkeypatch.setattr(aiosqlite.core, "SimpleQueue", _TrackedQueue)
    for name in ("fetch_all", "_transaction", "_prepare", "revision", "close"):
        monkeypatch.setattr(PostgresBackend, name, _real_time_while(getattr(PostgresBackend, name)))
    monkeypatch.setattr(replies, "wall_clock", clock.wall)
    with loop.looptime_enabled():
        clock.start_wall(loop)
        yield


@pytest.fixture
async def fake_replicate() -> AsyncIterator[FakeReplicate]:
    """A started FakeReplicate whose default 50-step prediction ends in about 0.15 s."""
    fake = FakeReplicate(timing=Timing(starting=0.02, step=0.002, finishing=0.02))
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with discord.py's REST base and gateway pointed at it."""
    fake = FakeDiscord()
    await fake.start()
    try:
        with fake.patch_discord_py():
            yield fake
    finally:
        await fake.close()


# The store's backends: every test using `database` runs on both. PostgreSQL comes from
# TEST_DATABASE_URL (default: this project's machines' local server); each test gets a schema
# of its own, dropped after it. Unreachable: skipped with the reason, except under CI
# (CI set), where it is required and the test fails.
TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """The PostgreSQL server the tests use."""
    return os.environ.get("TEST_DATABASE_URL", TEST_DATABASE_URL)


def schema_url(schema: str) -> str:
    """The test server's URL with `schema` selected (DATABASE_URL's ?schema=)."""
    separator = "&" if "?" in postgres_url() else "?"
    return f"{postgres_url()}{separator}schema={schema}"


@_real_time_while
async def on_server(statement: str) -> None:
    """Run one statement on the test server (skip or fail as above when there is none)."""
    url = postgres_url()
    try:
        admin = await asyncpg.connect(url, timeout=10)
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        reason = f"no PostgreSQL at TEST_DATABASE_URL ({error.__class__.__name__}: {error})"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI requires one", pytrace=False)
        pytest.skip(reason)
    try:
        await admin.execute(statement)
    finally:
        await admin.close()


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Where a store goes: a SQLite file, or a fresh schema of the PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "bot.sqlite3")
        return
    schema = f"test_{uuid.uuid4().hex[:16]}"
    await on_server(f'CREATE SCHEMA "{schema}"')
    try:
        yield schema_url(schema)
    finally:
        await on_server(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


_WRITABLE_TABLES = ("jobs", "job_events", "ledger", "reviews", "allowances", "bans", "blocklist")


async def refuse_writes(store: Store, refused: bool = True) -> None:
    """Make every later write to the store fail (a real fault: a read-only or full database),
    or with `refused` False, undo that."""
    if store.backend == "sqlite":
        # On the writer's own connection: every later write there fails.
        await store.write(f"PRAGMA query_only = {'ON' if refused else 'OFF'}")
        return
    if not refused:
        await store.write_together(
            [(f"DROP TRIGGER refuse_writes ON {table}", ()) for table in _WRITABLE_TABLES]
        )
        return
    fail = (
        "CREATE OR REPLACE FUNCTION refuse_writes() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN RAISE EXCEPTION 'the database refuses writes (test)'; END $$"
    )
    await store.write_together(
        [
            (fail, ()),
            *(
                (
                    f"CREATE TRIGGER refuse_writes BEFORE INSERT OR UPDATE OR DELETE ON {table}"
                    " FOR EACH STATEMENT EXECUTE FUNCTION refuse_writes()",
                    (),
                )
                for table in _WRITABLE_TABLES
            ),
        ]
    )
