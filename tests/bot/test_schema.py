"""The schema's revisions: a pre-Alembic file upgraded in place, and no drift between backends."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, OperationalError

from bot import schema
from bot.lifecycle import TRANSITIONS, UNFINISHED_STATES, JobState, transition
from bot.moderation import BlockEntry, Moderation
from bot.postgres import PostgresBackend
from bot.quota import Quotas
from bot.store import Store

# Made by the pre-Alembic code (commit f2e928e): PRAGMA user_version 5, no alembic_version.
LEGACY = Path(__file__).parents[1] / "fixtures" / "legacy" / "sdxl-bot-v5.sqlite3"
# The day the fixture's ledger entries are on.
LEGACY_DAY = datetime(2026, 11, 29, 12, tzinfo=UTC)
LEGACY_STATES = ("done", "failed", "canceled", "processing", "queued")
LEGACY_EVENTS = [
    ("legacy0", None, "queued"),
    ("legacy0", "queued", "submitting"),
    ("legacy0", "submitting", "starting"),
    ("legacy0", "starting", "delivering"),
    ("legacy0", "delivering", "done"),
    ("legacy1", None, "queued"),
    ("legacy1", "queued", "failed"),
    ("legacy2", None, "queued"),
    ("legacy2", "queued", "canceled"),
    ("legacy3", None, "queued"),
    ("legacy3", "queued", "submitting"),
    ("legacy3", "submitting", "starting"),
    ("legacy3", "starting", "processing"),
    ("legacy4", None, "queued"),
]


def copy_legacy(folder: Path) -> Path:
    """A copy of the pre-Alembic v5 file with its WAL in `folder` (the committed one is never
    opened)."""
    target = folder / LEGACY.name
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        source = LEGACY.with_name(LEGACY.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    """A copy of the pre-Alembic v5 file (the committed one is never opened in place)."""
    copy = copy_legacy(tmp_path / "legacy")
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (5,)
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
    raw.close()
    assert "alembic_version" not in tables and "job_events" in tables
    return copy


async def test_a_pre_alembic_file_is_upgraded_in_place_and_keeps_every_row(
    legacy: Path, upgrades: list[bool]
) -> None:
    """The v5 file opens at head, every row readable through the API, its trigger guarding."""
    store = await Store.open(legacy)
    try:
        assert await store.schema_revision() == schema.head()
        assert all(upgrades) and len(upgrades) <= 1

        for number, state in enumerate(LEGACY_STATES):
            job = await store.job(f"legacy{number}")
            assert job is not None, f"legacy{number} lost"
            assert (job.state, job.guild_id, job.channel_id, job.requester_id) == (
                state,
                100,
                200,
                300 + number,
            )
            assert job.request_json == '{"prompt": "a lighthouse at dusk", "num_outputs": 2}'
            assert job.deadline_at == 1e10
        done = await store.job("legacy0")
        assert done is not None
        assert (done.prediction_id, done.seed, done.images, done.predict_time) == (
            "pred0",
            42,
            2,
            3.5,
        )
        unfinished = await store.jobs_in_states(list(UNFINISHED_STATES))
        assert [job.id for job in unfinished] == ["legacy3", "legacy4"]

        quotas = Quotas(store, default_per_day=25)
        settled = await quotas.balance(100, 300, [], now=LEGACY_DAY)
        assert (settled.source, settled.settled, settled.forgiven, settled.held) == (
            "default",
            2,
            2,
            0,
        )
        assert settled.left == 25
        granted = await quotas.balance(100, 301, [7], now=LEGACY_DAY)
        assert (granted.allowance, granted.source, granted.granted, granted.left) == (
            40,
            "role",
            5,
            45,
        )
        for held in (303, 304):
            assert (await quotas.balance(100, held, [], now=LEGACY_DAY)).held == 2
        assert await quotas.entries("legacy0") == [
            ("reserve", 2, "requested"),
            ("settle", 2, "delivered"),
        ]
        for refunded in ("legacy1", "legacy2"):
            assert await quotas.entries(refunded) == [
                ("reserve", 2, "requested"),
                ("refund", 2, "failed"),
            ]
        assert await quotas.entries("legacy4") == [("reserve", 2, "requested")]
        assert await store.fetch_one("SELECT count(*) FROM ledger") == (10,)
        assert await quotas.is_banned(100, 399) and not await quotas.is_banned(100, 300)
        assert await quotas.invariant_violations() == []

        moderation = Moderation(store)
        await moderation.load()
        policy = await moderation.policy(100)
        assert (policy.daily_cap, policy.blocklist_mode, policy.allowed_channels) == (
            500,
            "review",
            None,
        )
        assert await moderation.blocklist(100) == [BlockEntry(1, "gore", is_regex=False)]
        assert await moderation.blocked(100, "some gore please") == BlockEntry(1, "gore", False)

        events = await store.fetch_all(
            "SELECT job_id, from_state, to_state FROM job_events ORDER BY id"
        )
        assert events == LEGACY_EVENTS

        with pytest.raises(IntegrityError, match="illegal job transition"):
            await store.write("UPDATE jobs SET state = 'queued' WHERE id = 'legacy0'")
        moved = await store.write_together([transition("legacy4", JobState.submitting)])
        assert moved == [[("legacy4",)]]
    finally:
        await store.close()
    migrated = list(upgrades)

    store = await Store.open(legacy)
    try:
        assert upgrades == migrated, "the second open migrated again"
        assert await store.schema_revision() == schema.head()
        events = await store.fetch_all(
            "SELECT job_id, from_state, to_state FROM job_events ORDER BY id"
        )
        assert events == [*LEGACY_EVENTS, ("legacy4", "queued", "submitting")]
        job = await store.job("legacy0")
        assert job is not None and job.state == "done"
    finally:
        await store.close()
    with sqlite3.connect(legacy) as raw:
        assert raw.execute("PRAGMA user_version").fetchone() == (int(schema.head()),)
    raw.close()


# A column's NOT NULL-ness: declared, implied by the database (SQLite's INTEGER PRIMARY KEY
# is the row id: a NULL there becomes a new id), or on SQLite guarded by the triggers of
# revision 0006 (<table>_<column>_not_null_on_insert/_on_update).
# Description: table -> column -> (NOT NULL, part of the primary key).
Description = dict[str, dict[str, tuple[bool, bool]]]


def describe(connection: Connection, namespace: str | None = None) -> Description:
    """Every table's columns, as sqlalchemy.inspect sees them."""
    inspector = inspect(connection)
    described: Description = {}
    for table in inspector.get_table_names(schema=namespace):
        key = inspector.get_pk_constraint(table, schema=namespace)["constrained_columns"]
        columns = {}
        for column in inspector.get_columns(table, schema=namespace):
            row_id = (
                connection.dialect.name == "sqlite"
                and key == [column["name"]]
                and str(column["type"]).upper() == "INTEGER"
            )
            guarded = connection.dialect.name == "sqlite" and _guarded(
                connection, table, column["name"]
            )
            columns[column["name"]] = (
                not column["nullable"] or row_id or guarded,
                column["name"] in key,
            )
        described[table] = columns
    return described


def _guarded(connection: Connection, table: str, column: str) -> bool:
    """Whether SQLite triggers refuse a NULL in the column on insert and on update."""
    names = {
        str(row[0])
        for row in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
        )
    }
    return {f"{table}_{column}_not_null_on_insert", f"{table}_{column}_not_null_on_update"} <= names


def has_implicit_rowid(connection: Connection, table: str) -> bool:
    """Whether a SQLite table has the implicit `rowid` column (not WITHOUT ROWID)."""
    try:
        connection.exec_driver_sql(f'SELECT rowid FROM "{table}" LIMIT 0')
    except OperationalError:
        return False
    return True


def drift(sqlite: Description, postgresql: Description) -> list[str]:
    """Every difference of tables, columns, NOT NULL-ness and primary keys."""
    found = []
    for table in sorted(sqlite.keys() | postgresql.keys()):
        if table not in sqlite or table not in postgresql:
            found.append(f"table {table}: only on {'sqlite' if table in sqlite else 'postgresql'}")
            continue
        lite, server = sqlite[table], postgresql[table]
        for column in sorted(lite.keys() | server.keys()):
            if column not in lite or column not in server:
                only = "sqlite" if column in lite else "postgresql"
                found.append(f"{table}.{column}: only on {only}")
            elif lite[column] != server[column]:
                found.append(
                    f"{table}.{column}: (NOT NULL, primary key) is {lite[column]} on sqlite,"
                    f" {server[column]} on postgresql"
                )
    return found


@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
async def test_both_backends_have_the_same_tables_and_columns(
    database: str, tmp_path: Path
) -> None:
    """Fresh SQLite and PostgreSQL have the same tables, columns, NOT NULLs and primary keys."""
    path = tmp_path / "fresh.sqlite3"
    await (await Store.open(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            sqlite = describe(connection)
            implicit = {table for table in sqlite if has_implicit_rowid(connection, table)}
    finally:
        engine.dispose()

    namespace = make_url(database).query["schema"]
    assert isinstance(namespace, str)
    store = await Store.open(database)
    try:
        backend = store.database
        assert isinstance(backend, PostgresBackend)
        async with backend.engine.connect() as connection:
            postgresql = await connection.run_sync(describe, namespace)
    finally:
        await store.close()

    # SQLite's implicit row id, made explicit on PostgreSQL where the bot orders by it.
    for table, columns in postgresql.items():
        if "rowid" in columns and table in implicit:
            sqlite[table]["rowid"] = (True, False)
    assert "jobs" in sqlite and "rowid" in postgresql["jobs"]
    differences = drift(sqlite, postgresql)
    assert differences == [], "the backends' schemas drifted:\n" + "\n".join(differences)


async def test_the_legal_moves_in_the_database_are_the_codes(database: str) -> None:
    """job_transitions holds exactly bot.lifecycle.TRANSITIONS, once each, on each backend."""
    store = await Store.open(database)
    try:
        rows: list[Any] = await store.fetch_all("SELECT from_state, to_state FROM job_transitions")
    finally:
        await store.close()
    in_code = {
        (source.value, target.value)
        for source, targets in TRANSITIONS.items()
        for target in targets
    }
    assert sorted(rows) == sorted(in_code)
