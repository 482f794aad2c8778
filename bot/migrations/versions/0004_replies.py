"""Where a job's reply lives, so a restarted bot can keep editing it."""

from __future__ import annotations

from bot.schema import run_statements

revision = "0004"
down_revision = "0003"

SQLITE = [
    "ALTER TABLE jobs ADD COLUMN application_id INTEGER",
    "ALTER TABLE jobs ADD COLUMN interaction_token TEXT",
    "ALTER TABLE jobs ADD COLUMN token_expires_at REAL",
]

POSTGRESQL = [
    "ALTER TABLE jobs ADD COLUMN application_id BIGINT",
    "ALTER TABLE jobs ADD COLUMN interaction_token TEXT",
    "ALTER TABLE jobs ADD COLUMN token_expires_at DOUBLE PRECISION",
]


def upgrade() -> None:
    run_statements(sqlite=SQLITE, postgresql=POSTGRESQL)
