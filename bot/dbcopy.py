"""`sdxl-bot db copy`: move a SQLite database into PostgreSQL, row for row, in one transaction.

Both sides are at the same schema revision first (the source is migrated under its lock, the
destination by opening it). The destination must hold no jobs and no ledger entries: a copy
never merges. Ids are kept (ledger, blocklist and job_events ids, the jobs' arrival order as
`rowid`) and PostgreSQL's identity sequences moved past them. Sealed interaction tokens are
copied as they are: the same TOKEN_KEY (or DISCORD_TOKEN) reads them on the other side.
Inserting a job fires the trigger that records its first event; those events are replaced by
the source's own, so each job's trace is exactly what it was.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import text

from bot.errors import OperatorError
from bot.postgres import PostgresBackend
from bot.sqlitedb import SqliteBackend
from bot.store import Store

log = logging.getLogger(__name__)

# Copy order: a row's foreign keys point at rows copied before it (a job's parent is older).
TABLES: Final[dict[str, tuple[str, str]]] = {
    # table: (its columns, its order)
    "jobs": (
        "rowid, id, parent_id, guild_id, channel_id, requester_id, locale, request_json, state,"
        " prediction_id, message_id, seed, images, error_key, predict_time, created_at,"
        " started_at, finished_at, application_id, interaction_token, token_expires_at,"
        " cancel_requested_by, cancel_requested_at, deadline_at, state_actor, state_reason,"
        " owner, lease_until",
        "rowid",
    ),
    "job_events": ("id, job_id, from_state, to_state, at, actor, reason", "id"),
    "ledger": (
        "id, guild_id, user_id, day, kind, amount, job_id, actor_id, reason, created_at",
        "id",
    ),
    "allowances": ("guild_id, scope, target_id, images, set_by, set_at", "guild_id"),
    "bans": ("guild_id, user_id, reason, banned_by, banned_at", "guild_id"),
    "guild_policy": (
        "guild_id, daily_cap, moderator_role_id, mod_log_channel_id, allowed_channels,"
        " safety_checker_off_ok, blocklist_mode",
        "guild_id",
    ),
    "blocklist": ("id, guild_id, pattern, is_regex, added_by, added_at", "id"),
    "reviews": (
        "id, guild_id, channel_id, requester_id, role_ids, locale, request_json, matched, state,"
        " decided_by, created_at, decided_at",
        "created_at",
    ),
}
# Identity columns whose sequences must move past the copied ids.
_IDENTITIES: Final = (
    ("jobs", "rowid"),
    ("job_events", "id"),
    ("ledger", "id"),
    ("blocklist", "id"),
)
_BATCH: Final = 1000


class CopyRefused(OperatorError):
    """The copy cannot go ahead; nothing was written."""


@dataclass(frozen=True, slots=True)
class Copied:
    """Rows copied, per table."""

    rows: dict[str, int]


async def copy(source: Store, destination: Store) -> Copied:
    """Copy every row of `source` (SQLite) into `destination` (PostgreSQL, empty)."""
    if not isinstance(source.database, SqliteBackend):
        raise CopyRefused("db copy reads a SQLite database: give its file path with --from")
    target = destination.database
    if not isinstance(target, PostgresBackend):
        raise CopyRefused("db copy writes to PostgreSQL: give a postgresql:// URL with --to")
    if await source.schema_revision() != await destination.schema_revision():
        raise CopyRefused("the two databases are at different schema revisions; upgrade both")
    for table in ("jobs", "ledger"):
        row = await destination.fetch_one(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - constant
        if row is not None and int(row[0]) > 0:
            raise CopyRefused(
                f"the PostgreSQL database already has {table}; db copy fills an empty one only"
            )
    counts: dict[str, int] = {}
    async with target.engine.begin() as connection:
        for table, (columns, order) in TABLES.items():
            rows = await source.fetch_all(
                f"SELECT {columns} FROM {table} ORDER BY {order}"  # noqa: S608 - constant
            )
            names = [name.strip() for name in columns.split(",")]
            insert = text(
                f"INSERT INTO {table} ({', '.join(names)})"  # noqa: S608 - constant
                f" VALUES ({', '.join(':' + name for name in names)})"
            )
            if table == "job_events":
                # The jobs just copied fired their "accepted" trigger: the source's trace wins.
                await connection.execute(text("DELETE FROM job_events"))
            for start in range(0, len(rows), _BATCH):
                chunk = _as_parameters(names, rows[start : start + _BATCH])
                await connection.execute(insert, chunk)
            counts[table] = len(rows)
        for table, column in _IDENTITIES:
            # Names from _IDENTITIES only.
            next_value = (
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"  # noqa: S608
                f" COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            )
            await connection.execute(text(next_value))
    log.info("Copied %s", ", ".join(f"{table}: {n}" for table, n in counts.items()))
    return Copied(counts)


def _as_parameters(names: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [dict(zip(names, row, strict=True)) for row in rows]
