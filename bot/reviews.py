"""Requests held for review: a prompt matched the blocklist in a server set to `review`.

Nothing is reserved or sent while a request waits. A moderator's decision is taken once:
`decide` changes only a pending request, so two moderators clicking at once cannot both
approve it (and start it twice).
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Literal

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
    ) -> HeldRequest:
        """Keep a request until a moderator decides; returns it with its new id."""
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
        await self._store.execute(
            "INSERT INTO reviews (id, guild_id, channel_id, requester_id, role_ids, locale,"
            " request_json, matched, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                held.id,
                guild_id,
                channel_id,
                requester_id,
                json.dumps(role_ids),
                locale,
                held.request_json,
                matched,
                "pending",
                utc_now(),
            ),
        )
        return held

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
