"""${message}"""

from __future__ import annotations

from bot.schema import run_statements

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}

SQLITE: list[str] = []
POSTGRESQL: list[str] = []


def upgrade() -> None:
    run_statements(sqlite=SQLITE, postgresql=POSTGRESQL)


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only: restore a backup to go back")
