"""Text primary keys refuse NULL on SQLite too (SQLite allows NULL in a non-INTEGER key)."""

from __future__ import annotations

from bot.schema import run_statements

revision = "0006"
down_revision = "0005"

# SQLite cannot add NOT NULL to an existing column without rebuilding its table (and the
# triggers and foreign keys on it); a trigger named <table>_<column>_not_null guards it instead.
SQLITE = [
    f"""CREATE TRIGGER {table}_id_not_null_on_{event.lower()} BEFORE {event} ON {table}
WHEN NEW.id IS NULL
BEGIN
    SELECT RAISE(ABORT, '{table}.id may not be NULL');
END"""
    for table in ("jobs", "reviews")
    for event in ("INSERT", "UPDATE")
]

# PostgreSQL's PRIMARY KEY is NOT NULL already.
POSTGRESQL: list[str] = []


def upgrade() -> None:
    run_statements(sqlite=SQLITE, postgresql=POSTGRESQL)
