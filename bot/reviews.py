"""Requests held for review: a prompt matched the blocklist in a server set to `review`.

Nothing is reserved or sent while a request waits. A moderator's decision is taken once:
`decide` changes only a pending request, so two moderators clicking at once cannot both
approve it (and start it twice).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.errors import TooManyReviews
from bot.sdxl import ImagineRequest
from bot.store import Store, utc_now

Decision = Literal["approved", "denied"]


@dataclass(frozen=True, slots=True)
class HeldRequest:
    """A request waiting for (or past) a moderator's decision."""

    id: str
    guild_id: int
    channel_id: int
    requester_id: int
    role_ids: tuple[int, ...]
    locale: str
    request_json: str
    matched: str
    state: str


_COLUMNS = "id, guild_id, channel_id, requester_id, role_ids, locale, request_json, matched, state"


class Reviews:
    """Held requests on the shared store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def hold(
        self,
        *,
        guild_id: int,
        channel_id: int,
        requester_id: int,
        role_ids: list[int],
        locale: str,
        request: ImagineRequest,
        matched: str,
        max_pending: int | None = None,
        cooldown: float = 0.0,
    ) -> HeldRequest:
        """Keep a request until a moderator decides; returns it with its new id.

        Refused with TooManyReviews when the member already has `max_pending` requests
        waiting, or held one less than `cooldown` seconds ago: checked and taken in one
        statement, so requests at once cannot pass the limit together.
        """
        held = HeldRequest(
            id=secrets.token_hex(8),
            guild_id=guild_id,
            channel_id=channel_id,
            requester_id=requester_id,
            role_ids=tuple(role_ids),
            locale=locale,
            request_json=request.model_dump_json(exclude_unset=True),
            matched=matched,
            state="pending",
        )
        now = datetime.now(UTC)
        taken = await self._store.write(
            "INSERT INTO reviews (id, guild_id, channel_id, requester_id, role_ids, locale,"
            " request_json, matched, state, created_at)"
            " SELECT CAST(:id AS TEXT), CAST(:guild AS BIGINT), CAST(:channel AS BIGINT),"
            " CAST(:user AS BIGINT), CAST(:roles AS TEXT), CAST(:locale AS TEXT),"
            " CAST(:request AS TEXT), CAST(:matched AS TEXT), 'pending', CAST(:now AS TEXT)"
            " WHERE (CAST(:max AS INTEGER) IS NULL"
            " OR (SELECT COUNT(*) FROM reviews WHERE guild_id = :guild"
            "   AND requester_id = :user AND state = 'pending') < :max)"
            " AND NOT EXISTS (SELECT 1 FROM reviews WHERE guild_id = :guild"
            "   AND requester_id = :user AND created_at > :since)"
            " RETURNING id",
            {
                "id": held.id,
                "guild": guild_id,
                "channel": channel_id,
                "user": requester_id,
                "roles": json.dumps(role_ids),
                "locale": locale,
                "request": held.request_json,
                "matched": matched,
                "now": now.isoformat(timespec="milliseconds"),
                "max": max_pending,
                "since": (now - timedelta(seconds=cooldown)).isoformat(timespec="milliseconds"),
            },
            lock=f"reviews:{guild_id}:{requester_id}",
        )
        if not taken:
            pending, last = await self._recent(guild_id, requester_id)
            if max_pending is not None and pending >= max_pending:
                raise TooManyReviews(count=pending)
            wait = cooldown - (now - last).total_seconds() if last else 0
            raise TooManyReviews("review.cooldown", seconds=max(1, round(wait)))
        return held

    async def _recent(self, guild_id: int, requester_id: int) -> tuple[int, datetime | None]:
        row = await self._store.fetch_one(
            "SELECT SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), MAX(created_at)"
            " FROM reviews"
            " WHERE guild_id = ? AND requester_id = ?",
            (guild_id, requester_id),
        )
        pending, last = row if row else (0, None)
        return int(pending or 0), datetime.fromisoformat(last) if last else None

    async def get(self, review_id: str) -> HeldRequest | None:
        """A held request by id."""
        row = await self._store.fetch_one(
            f"SELECT {_COLUMNS} FROM reviews WHERE id = ?",  # noqa: S608 - constant columns
            (review_id,),
        )
        if row is None:
            return None
        return HeldRequest(
            str(row[0]),
            int(row[1]),
            int(row[2]),
            int(row[3]),
            tuple(json.loads(row[4])),
            str(row[5]),
            str(row[6]),
            str(row[7]),
            str(row[8]),
        )

    async def decide(self, review_id: str, decision: Decision, moderator_id: int) -> bool:
        """Record the decision; False if the request was already decided (or is unknown)."""
        decided = await self._store.write(
            "UPDATE reviews SET state = ?, decided_by = ?, decided_at = ?"
            " WHERE id = ? AND state = 'pending' RETURNING id",
            (decision, moderator_id, utc_now(), review_id),
        )
        return len(decided) == 1
