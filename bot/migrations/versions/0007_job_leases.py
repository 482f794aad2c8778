"""Job leases: the process that runs a job, and until when its claim holds (DESIGN §8)."""

from __future__ import annotations

from bot.schema import run_statements

revision = "0007"
down_revision = "0006"

SQLITE = [
    "ALTER TABLE jobs ADD COLUMN owner TEXT",
    "ALTER TABLE jobs ADD COLUMN lease_until REAL",
    "CREATE INDEX jobs_by_lease ON jobs (state, lease_until)",
]

POSTGRESQL = [
    "ALTER TABLE jobs ADD COLUMN owner TEXT",
    "ALTER TABLE jobs ADD COLUMN lease_until DOUBLE PRECISION",
    "CREATE INDEX jobs_by_lease ON jobs (state, lease_until)",
]


def upgrade() -> None:
    run_statements(sqlite=SQLITE, postgresql=POSTGRESQL)
