"""Alembic's environment: migrations run on the connection the store hands in (never a URL).

`bot.schema.upgrade` passes its connection as `config.attributes["connection"]`; each revision
runs in a transaction of its own, so a crash mid-way leaves the previous revision recorded.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrate through `sdxl-bot db upgrade` (bot.schema), not the alembic CLI")
context.configure(connection=connection, transaction_per_migration=True, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
