"""Requests held for a moderator's decision."""

from __future__ import annotations

from bot.schema import run_statements

revision = "0003"
down_revision = "0002"

SQLITE = [
    """CREATE TABLE reviews (
    id            TEXT PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    channel_id    INTEGER NOT NULL,
    requester_id  INTEGER NOT NULL,
    role_ids      TEXT NOT NULL,
    locale        TEXT NOT NULL,
    request_json  TEXT NOT NULL,
    matched       TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied')),
    decided_by    INTEGER,
    created_at    TEXT NOT NULL,
    decided_at    TEXT
)""",
    "CREATE INDEX reviews_by_guild_state ON reviews (guild_id, state)",
]

POSTGRESQL = [
    """CREATE TABLE reviews (
    id            TEXT PRIMARY KEY,
    guild_id      BIGINT NOT NULL,
    channel_id    BIGINT NOT NULL,
    requester_id  BIGINT NOT NULL,
    role_ids      TEXT NOT NULL,
    locale        TEXT NOT NULL,
    request_json  TEXT NOT NULL,
    matched       TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied')),
    decided_by    BIGINT,
    created_at    TEXT NOT NULL,
    decided_at    TEXT
)""",
    "CREATE INDEX reviews_by_guild_state ON reviews (guild_id, state)",
]


def upgrade() -> None:
    run_statements(sqlite=SQLITE, postgresql=POSTGRESQL)
