"""The schema's revisions (Alembic, `bot/migrations`), on SQLite and PostgreSQL alike.

Each revision holds one list of statements per backend, run in order in the revision's own
transaction. A SQLite file made before Alembic records its level in `PRAGMA user_version`
(revision N is Alembic's "000N"): it is stamped at that revision once, then upgraded in place.
A database at a revision this code does not know was migrated by a newer sdxl-bot: refused.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from importlib import resources
from typing import Final

from alembic import command, op
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from bot.errors import OperatorError

log = logging.getLogger(__name__)
# Alembic logs each step at INFO; bot.schema says what it migrates in one line of its own.
logging.getLogger("alembic").setLevel(logging.WARNING)

# SQLite databases made before Alembic are at one of revisions 1.._PRE_ALEMBIC (user_version).
_PRE_ALEMBIC: Final = 5


class DatabaseTooNew(OperatorError):
    """The database was migrated by a newer sdxl-bot; this one must not touch it."""

    def __init__(self, found: str, known: str) -> None:
        self.found, self.known = found, known
        super().__init__(
            f"the database is at schema revision {found}, newer than this sdxl-bot knows"
            f" ({known}); upgrade sdxl-bot (see README: Operations)",
        )


class DatabaseBehind(OperatorError):
    """The database needs a migration this process must not run on its own."""

    def __init__(self, found: str | None, head: str) -> None:
        self.found, self.head = found, head
        super().__init__(
            f"the database is at schema revision {found or 'none'} and this sdxl-bot needs"
            f" {head}; stop every sdxl-bot on it, then run `sdxl-bot db upgrade`",
        )


def run_statements(*, sqlite: Sequence[str], postgresql: Sequence[str]) -> None:
    """Run a revision's statements for the backend at hand (inside Alembic's transaction)."""
    bind = op.get_bind()
    statements = postgresql if bind.dialect.name == "postgresql" else sqlite
    for statement in statements:
        # exec_driver_sql: the statements are the driver's own SQL (no bind parameters; a
        # colon inside a function body or a format string is not a parameter).
        bind.exec_driver_sql(statement)


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("bot") / "migrations"))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> tuple[str, frozenset[str]]:
    """The newest revision and every revision the code knows (read once: they never change)."""
    directory = ScriptDirectory.from_config(_config())
    newest = directory.get_current_head()
    if newest is None:  # pragma: no cover - the package ships its revisions
        raise RuntimeError("no schema revisions found in bot/migrations")
    return newest, frozenset(script.revision for script in directory.walk_revisions())


def head() -> str:
    """The newest revision this code knows."""
    return _scripts()[0]


def current(connection: Connection) -> str | None:
    """The revision the database is at; None for an empty database."""
    revision = MigrationContext.configure(connection).get_current_revision()
    if revision is not None:
        return revision
    if connection.dialect.name == "sqlite":
        # Above _PRE_ALEMBIC (no Alembic table): an unknown revision, refused by check_known.
        level = int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
        if level > 0:
            return f"{level:04d}"
    return None


def check_known(connection: Connection) -> str | None:
    """The database's revision; raise DatabaseTooNew if this code does not know it."""
    found = current(connection)
    if found is not None and found not in _scripts()[1]:
        raise DatabaseTooNew(found, head())
    return found


def upgrade(connection: Connection) -> bool:
    """Bring the database to the head revision; True if anything ran.

    The caller makes sure no other process uses the database meanwhile (bot.store).
    """
    found = check_known(connection)
    newest = head()
    if found == newest:
        return False
    config = _config(connection)
    if found is not None and not _has_alembic_table(connection):
        log.info("Recording the database's pre-Alembic schema level as revision %s", found)
        command.stamp(config, found)
    log.info("Migrating the database from revision %s to %s", found or "none", newest)
    command.upgrade(config, "head")
    if connection.dialect.name == "sqlite":
        # Older sdxl-bot versions read this; a bump tells them the file is newer than they are.
        connection.execute(text(f"PRAGMA user_version = {int(newest)}"))
    return True


def _has_alembic_table(connection: Connection) -> bool:
    return "alembic_version" in inspect(connection).get_table_names()
