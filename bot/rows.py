"""Rows of the store as plain data: no SQL, no connection.

Kept apart from bot.store so the cogs can read a row (cogs/resume.py) without importing the
store, which import-linter forbids them (pyproject.toml).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class JobRow:
    """One row of `jobs`."""

    id: str
    parent_id: str | None
    guild_id: int | None
    channel_id: int | None
    requester_id: int
    locale: str
    request_json: str
    state: str
    prediction_id: str | None
    message_id: int | None
    seed: int | None
    images: int
    error_key: str | None
    predict_time: float | None
    created_at: str
    started_at: str | None
    finished_at: str | None
    application_id: int | None
    interaction_token: str | None
    token_expires_at: float | None
    cancel_requested_by: int | None = None
    cancel_requested_at: str | None = None
    deadline_at: float | None = None  # Unix time

    def __repr__(self) -> str:
        # The interaction token is a credential: never in a repr, a log line or a traceback.
        token = "[set]" if self.interaction_token else None
        return f"JobRow(id={self.id!r}, state={self.state!r}, interaction_token={token})"
