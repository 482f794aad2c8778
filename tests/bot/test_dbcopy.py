"""`bot.dbcopy.copy`: the pre-Alembic SQLite fixture moved into an empty PostgreSQL schema."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import IntegrityError

from bot import schema
from bot.dbcopy import CopyRefused, copy
from bot.lifecycle import JobState, transition
from bot.quota import Quotas
from bot.sealing import TokenSealer
from bot.store import Store, utc_now
from tests.bot.test_schema import LEGACY_DAY, copy_legacy

SECRET = "x" * 40
ON_POSTGRESQL = pytest.mark.parametrize("database", ["postgresql"], indirect=True)
# A full row order per table (NULLs never in these keys: both backends order them alike).
ORDER = {
    "alembic_version": "version_num",
    "allowances": "guild_id, scope, target_id",
    "bans": "guild_id, user_id",
    "blocklist": "id",
    "guild_policy": "guild_id",
    "job_events": "id",
    "job_transitions": "from_state, to_state",
    "jobs": "rowid",
    "ledger": "id",
    "reviews": "id",
}
# The fixture's members (guild 100): 300..304 have jobs, 301 a grant, 300 a reset, 399 a ban.
MEMBERS = (300, 301, 302, 303, 304, 399)


@pytest.fixture
def legacy(tmp_path: Path) -> Path:
    """A copy of the legacy fixture under tmp_path."""
    return copy_legacy(tmp_path / "legacy")


@pytest.fixture
async def stores(legacy: Path, database: str) -> AsyncIterator[tuple[Store, Store]]:
    """The legacy copy (SQLite) and an empty PostgreSQL schema, both opened at head."""
    source = await Store.open(legacy, sealer=TokenSealer.from_secret(SECRET))
    try:
        destination = await Store.open(database, sealer=TokenSealer.from_secret(SECRET))
        try:
            yield source, destination
        finally:
            await destination.close()
    finally:
        await source.close()


async def tables(store: Store) -> list[str]:
    """The store's tables, sorted."""
    if store.backend == "sqlite":
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    else:
        query = (
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() ORDER BY table_name"
        )
    return [str(name) for (name,) in await store.fetch_all(query)]


async def columns(store: Store, table: str) -> set[str]:
    """The table's declared columns."""
    if store.backend == "sqlite":
        query = "SELECT name FROM pragma_table_info(:table)"
    else:
        query = (
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = :table"
        )
    return {str(name) for (name,) in await store.fetch_all(query, {"table": table})}


async def dump(store: Store, table: str, names: list[str]) -> list[tuple[Any, ...]]:
    """Every row of the table, those columns, in ORDER."""
    return await store.fetch_all(f"SELECT {', '.join(names)} FROM {table} ORDER BY {ORDER[table]}")


async def count(store: Store, table: str) -> int:
    """The table's number of rows."""
    row = await store.fetch_one(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def largest(store: Store, table: str, column: str) -> int:
    """The largest value of a column (0 for an empty table)."""
    row = await store.fetch_one(f"SELECT max({column}) FROM {table}")
    assert row is not None
    return int(row[0] or 0)


async def insert_job(store: Store, job_id: str, **fields: Any) -> None:
    """A queued job of member 305 in guild 100."""
    await store.insert_job(
        id=job_id,
        guild_id=100,
        channel_id=200,
        requester_id=305,
        locale="en-US",
        request_json='{"prompt": "after the copy"}',
        state="queued",
        **fields,
    )


async def fill_every_column(store: Store) -> None:
    """Add to the fixture a job, a policy and a review with no NULL column (the fixture's rows
    leave some columns NULL everywhere: a column the copy forgot would go unseen)."""
    at = "2026-11-29T11:00:00.000+00:00"
    await store.write_together(
        [
            (
                "INSERT INTO jobs (id, parent_id, guild_id, channel_id, requester_id, locale,"
                " request_json, state, prediction_id, message_id, seed, images, error_key,"
                " predict_time, created_at, started_at, finished_at, application_id,"
                " interaction_token, token_expires_at, cancel_requested_by,"
                " cancel_requested_at, deadline_at, state_actor, state_reason, owner,"
                " lease_until)"
                " VALUES ('full', 'legacy0', 100, 200, 305, 'fr', '{\"prompt\": \"plein\"}',"
                " 'failed', 'pred-full', 900, 7, 1, 'error.model', 1.25, :at, :at, :at, 9,"
                " 'v1:not-a-real-seal', 1900000000.5, 1, :at, 1900000001.5, 1, 'by hand',"
                " 'host:1:ab', 1900000002.5)",
                {"at": at},
            ),
            (
                "INSERT INTO guild_policy (guild_id, daily_cap, moderator_role_id,"
                " mod_log_channel_id, allowed_channels, safety_checker_off_ok, blocklist_mode)"
                " VALUES (101, 3, 8, 201, '[200, 201]', 1, 'refuse')",
                (),
            ),
            (
                "INSERT INTO reviews (id, guild_id, channel_id, requester_id, role_ids, locale,"
                " request_json, matched, state, decided_by, created_at, decided_at)"
                " VALUES ('review0', 100, 200, 306, '[7]', 'de', '{\"prompt\": \"gore\"}',"
                " 'gore', 'denied', 1, :at, :at)",
                {"at": at},
            ),
        ]
    )


@ON_POSTGRESQL
async def test_every_row_of_every_table_arrives_unchanged(stores: tuple[Store, Store]) -> None:
    """After the copy each table holds, column for column and in order, the source's rows."""
    source, destination = stores
    await fill_every_column(source)
    copied = await copy(source, destination)

    assert await tables(source) == await tables(destination)
    assert set(await tables(source)) == set(ORDER)
    for table in ORDER:
        on_server = await columns(destination, table)
        # SQLite's implicit row id is an explicit column on PostgreSQL.
        assert await columns(source, table) | (on_server & {"rowid"}) == on_server, table
        names = sorted(on_server)
        expected = await dump(source, table, names)
        for index, name in enumerate(names):
            assert any(row[index] is not None for row in expected), f"{table}.{name}: all NULL"
        assert await dump(destination, table, names) == expected, table
    assert copied.rows == {
        "jobs": 6,
        "job_events": 15,
        "ledger": 10,
        "allowances": 1,
        "bans": 1,
        "guild_policy": 2,
        "blocklist": 1,
        "reviews": 1,
    }


@ON_POSTGRESQL
async def test_new_ids_after_the_copy_come_after_the_copied_ones(
    stores: tuple[Store, Store],
) -> None:
    """The identity sequences moved past the copied ids: new rows get larger ids, no clash."""
    source, destination = stores
    await copy(source, destination)
    identities = (("jobs", "rowid"), ("job_events", "id"), ("ledger", "id"), ("blocklist", "id"))
    copied = {table: await largest(destination, table, column) for table, column in identities}
    assert all(value > 0 for value in copied.values())

    await insert_job(destination, "after")
    [[(ledger_id,)]] = await destination.write_together(
        [
            (
                "INSERT INTO ledger (guild_id, user_id, day, kind, amount, job_id, reason,"
                " created_at) VALUES (100, 305, '2026-11-29', 'reserve', 1, 'after',"
                " 'requested', :at) RETURNING id",
                {"at": utc_now()},
            )
        ]
    )
    [(block_id,)] = await destination.write(
        "INSERT INTO blocklist (guild_id, pattern, is_regex, added_by, added_at)"
        " VALUES (100, 'after', 0, 1, :at) RETURNING id",
        {"at": utc_now()},
    )
    event = await destination.fetch_one("SELECT id FROM job_events WHERE job_id = 'after'")
    job = await destination.fetch_one("SELECT rowid FROM jobs WHERE id = 'after'")
    assert event is not None and job is not None
    assert job[0] > copied["jobs"]
    assert ledger_id > copied["ledger"]
    assert block_id > copied["blocklist"]
    assert event[0] > copied["job_events"]

    order = await destination.fetch_all("SELECT id FROM jobs ORDER BY rowid")
    assert order == [(f"legacy{n}",) for n in range(5)] + [("after",)]


@ON_POSTGRESQL
async def test_the_transition_guard_still_refuses_on_the_copy(stores: tuple[Store, Store]) -> None:
    """A copied job cannot move illegally; a legal move of a copied job still applies."""
    source, destination = stores
    await copy(source, destination)
    with pytest.raises(IntegrityError, match="illegal job transition"):
        await destination.write("UPDATE jobs SET state = 'queued' WHERE id = 'legacy0'")
    done = await destination.job("legacy0")
    assert done is not None and done.state == "done"
    moved = await destination.write_together([transition("legacy4", JobState.submitting)])
    assert moved == [[("legacy4",)]]


@ON_POSTGRESQL
async def test_every_members_balance_is_the_same_on_both_sides(
    stores: tuple[Store, Store],
) -> None:
    """bot.quota reads the same standing of each fixture member on SQLite and on PostgreSQL."""
    source, destination = stores
    await copy(source, destination)
    before, after = Quotas(source, default_per_day=25), Quotas(destination, default_per_day=25)
    for member in MEMBERS:
        for roles in ([], [7]):
            expected = await before.balance(100, member, roles, now=LEGACY_DAY)
            assert await after.balance(100, member, roles, now=LEGACY_DAY) == expected, member
    granted = await after.balance(100, 301, [7], now=LEGACY_DAY)
    assert (granted.allowance, granted.granted, granted.left) == (40, 5, 45)
    assert await after.is_banned(100, 399)
    assert await after.invariant_violations() == []


@ON_POSTGRESQL
async def test_a_sealed_interaction_token_opens_with_the_same_secret(
    stores: tuple[Store, Store], database: str
) -> None:
    """A token sealed on SQLite is copied sealed and opens on PostgreSQL with the same secret."""
    source, destination = stores
    await insert_job(
        source, "sealed", application_id=9, interaction_token="interaction-canary-token"
    )
    await copy(source, destination)

    raw = await destination.fetch_one("SELECT interaction_token FROM jobs WHERE id = 'sealed'")
    assert raw is not None and str(raw[0]).startswith("v1:")
    assert "interaction-canary-token" not in str(raw[0])
    job = await destination.job("sealed")
    assert job is not None and job.interaction_token == "interaction-canary-token"

    other = await Store.open(database, sealer=TokenSealer.from_secret("y" * 40))
    try:
        stranger = await other.job("sealed")
        assert stranger is not None and stranger.interaction_token is None
    finally:
        await other.close()


async def everything(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a store."""
    found = {}
    for table in await tables(store):
        found[table] = await dump(store, table, sorted(await columns(store, table)))
    return found


@ON_POSTGRESQL
@pytest.mark.parametrize("table", ["jobs", "ledger"])
async def test_a_destination_with_jobs_or_ledger_entries_is_refused(
    stores: tuple[Store, Store], table: str
) -> None:
    """A PostgreSQL database that already has jobs (or ledger entries) is refused, untouched."""
    source, destination = stores
    if table == "jobs":
        await insert_job(destination, "already-there")
    else:
        await destination.write(
            "INSERT INTO ledger (guild_id, user_id, day, kind, amount, actor_id, reason,"
            " created_at) VALUES (100, 305, '2026-11-29', 'grant', 3, 1, 'before', :at)",
            {"at": utc_now()},
        )
    before = await everything(destination)
    with pytest.raises(CopyRefused, match=f"already has {table}"):
        await copy(source, destination)
    assert await everything(destination) == before
    assert await count(destination, "blocklist") == 0


@ON_POSTGRESQL
async def test_a_postgresql_source_is_refused(database: str, tmp_path: Path) -> None:
    """db copy reads SQLite only: a PostgreSQL source is refused."""
    source = await Store.open(database)
    try:
        destination = await Store.open(database)
        try:
            with pytest.raises(CopyRefused, match="reads a SQLite database"):
                await copy(source, destination)
        finally:
            await destination.close()
    finally:
        await source.close()


async def test_a_sqlite_destination_is_refused(legacy: Path, tmp_path: Path) -> None:
    """db copy writes PostgreSQL only: a SQLite destination is refused and left empty."""
    source = await Store.open(legacy)
    try:
        destination = await Store.open(tmp_path / "other.sqlite3")
        try:
            with pytest.raises(CopyRefused, match="writes to PostgreSQL"):
                await copy(source, destination)
            assert await count(destination, "jobs") == 0
            assert await destination.schema_revision() == schema.head()
        finally:
            await destination.close()
    finally:
        await source.close()
