"""Quotas as a ledger: every image reserved, settled, refunded, granted or reset, with why.

A member's day (UTC) is counted from their entries, never from a counter:
    in progress = reserved - settled - refunded      (jobs not finished yet)
    consumed    = settled + in progress - reset
    left        = allowance + granted - consumed
`reserve` checks and takes in one IMMEDIATE transaction, so two requests can never both take
the last image. A job charges the day it was reserved on, even if it ends after midnight.
For every finished job, reserved = settled + refunded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal

import aiosqlite

from bot.errors import Banned, GuildCapReached, QuotaExceeded
from bot.store import Store, utc_now

log = logging.getLogger(__name__)

AllowanceSource = Literal["member", "role", "guild", "default"]


@dataclass(frozen=True, slots=True)
class Balance:
    """Where a member stands today."""

    day: date
    allowance: int
    source: AllowanceSource
    granted: int
    settled: int
    in_progress: int
    reset: int

    @property
    def consumed(self) -> int:
        """Images counted against today: done or under way, less what a moderator reset."""
        return max(0, self.settled + self.in_progress - self.reset)

    @property
    def limit(self) -> int:
        """Today's allowance plus grants."""
        return self.allowance + self.granted

    @property
    def left(self) -> int:
        """Images the member may still ask for today."""
        return max(0, self.limit - self.consumed)

    @property
    def resets_at(self) -> datetime:
        """The next UTC midnight, when a new day starts."""
        return datetime.combine(self.day + timedelta(days=1), time(0), tzinfo=UTC)


def utc_day(now: datetime | None = None) -> date:
    """Today's date in UTC: quota days start at 00:00 UTC everywhere."""
    return (now or datetime.now(UTC)).astimezone(UTC).date()


class Quotas:
    """The ledger and the allowances, on the shared store."""

    def __init__(self, store: Store, *, default_per_day: int) -> None:
        self._store = store
        self.default_per_day = default_per_day

    async def allowance(
        self, guild_id: int, user_id: int, role_ids: list[int]
    ) -> tuple[int, AllowanceSource]:
        """Member override > the best of the member's role tiers > server default > the env."""
        rows = await self._store.fetch_all(
            "SELECT scope, target_id, images FROM allowances WHERE guild_id = ?", (guild_id,)
        )
        member = [
            images for scope, target, images in rows if scope == "member" and target == user_id
        ]
        if member:
            return member[0], "member"
        roles = [images for scope, target, images in rows if scope == "role" and target in role_ids]
        if roles:
            return max(roles), "role"
        server = [images for scope, _, images in rows if scope == "guild"]
        if server:
            return server[0], "guild"
        return self.default_per_day, "default"

    async def balance(
        self, guild_id: int, user_id: int, role_ids: list[int], *, now: datetime | None = None
    ) -> Balance:
        """The member's standing today."""
        day = utc_day(now)
        allowance, source = await self.allowance(guild_id, user_id, role_ids)
        sums = await self._sums(self._store, guild_id, user_id, day)
        return Balance(day, allowance, source, **sums)

    @staticmethod
    async def _sums(
        db: Store | aiosqlite.Connection, guild_id: int, user_id: int, day: date
    ) -> dict[str, int]:
        query = (
            "SELECT kind, COALESCE(SUM(amount), 0) FROM ledger"
            " WHERE guild_id = ? AND user_id = ? AND day = ? GROUP BY kind"
        )
        parameters = (guild_id, user_id, day.isoformat())
        if isinstance(db, Store):
            rows = await db.fetch_all(query, parameters)
        else:
            async with db.execute(query, parameters) as cursor:
                rows = [tuple(row) for row in await cursor.fetchall()]
        totals = {kind: int(total) for kind, total in rows}
        reserved = totals.get("reserve", 0)
        settled = totals.get("settle", 0)
        refunded = totals.get("refund", 0)
        return {
            "granted": totals.get("grant", 0),
            "settled": settled,
            "in_progress": max(0, reserved - settled - refunded),
            "reset": totals.get("reset", 0),
        }

    async def reserve(
        self,
        *,
        job_id: str,
        guild_id: int,
        user_id: int,
        role_ids: list[int],
        images: int,
        daily_cap: int | None = None,
        now: datetime | None = None,
    ) -> Balance:
        """Take `images` for `job_id`, or raise QuotaExceeded / GuildCapReached / Banned."""
        day = utc_day(now)
        allowance, source = await self.allowance(guild_id, user_id, role_ids)
        async with self._store.transaction() as db:
            async with db.execute(
                "SELECT 1 FROM bans WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
            ) as cursor:
                if await cursor.fetchone() is not None:
                    raise Banned()
            balance = Balance(
                day, allowance, source, **await self._sums(db, guild_id, user_id, day)
            )
            if images > balance.left:
                raise QuotaExceeded(
                    left=balance.left,
                    asked=images,
                    limit=balance.limit,
                    resets=int(balance.resets_at.timestamp()),
                )
            if daily_cap is not None:
                server_used = await _server_consumed(db, guild_id, day)
                if server_used + images > daily_cap:
                    raise GuildCapReached(cap=daily_cap, resets=int(balance.resets_at.timestamp()))
            await _insert(db, guild_id, user_id, day, "reserve", images, job_id, None, "requested")
        return Balance(
            day,
            allowance,
            source,
            balance.granted,
            balance.settled,
            balance.in_progress + images,
            balance.reset,
        )

    async def settle(self, job_id: str, images: int) -> None:
        """The job made `images`: they stay charged; the rest of its reservation is refunded.

        Idempotent: a job already settled or refunded is left as it is.
        """
        async with self._store.transaction() as db:
            open_reservation = await _outstanding(db, job_id)
            if open_reservation is None:
                return
            guild_id, user_id, day, outstanding = open_reservation
            kept = min(images, outstanding)
            if kept:
                await _insert(db, guild_id, user_id, day, "settle", kept, job_id, None, "delivered")
            if outstanding - kept:
                await _insert(
                    db,
                    guild_id,
                    user_id,
                    day,
                    "refund",
                    outstanding - kept,
                    job_id,
                    None,
                    "held back by the safety checker",
                )

    async def refund(self, job_id: str, reason: str) -> None:
        """Give back whatever the job still holds (failed, canceled, never delivered)."""
        async with self._store.transaction() as db:
            open_reservation = await _outstanding(db, job_id)
            if open_reservation is None:
                return
            guild_id, user_id, day, outstanding = open_reservation
            await _insert(db, guild_id, user_id, day, "refund", outstanding, job_id, None, reason)

    async def grant(
        self,
        guild_id: int,
        user_id: int,
        images: int,
        *,
        actor_id: int,
        reason: str,
        now: datetime | None = None,
    ) -> None:
        """Extra images for today, on top of the allowance."""
        async with self._store.transaction() as db:
            await _insert(
                db, guild_id, user_id, utc_day(now), "grant", images, None, actor_id, reason
            )

    async def reset(
        self, guild_id: int, user_id: int, *, actor_id: int, now: datetime | None = None
    ) -> int:
        """Forgive what the member consumed today; returns how many images that was."""
        day = utc_day(now)
        async with self._store.transaction() as db:
            sums = await self._sums(db, guild_id, user_id, day)
            consumed = max(0, sums["settled"] + sums["in_progress"] - sums["reset"])
            if consumed:
                await _insert(
                    db,
                    guild_id,
                    user_id,
                    day,
                    "reset",
                    consumed,
                    None,
                    actor_id,
                    "reset by a moderator",
                )
        return consumed

    async def set_allowance(
        self, guild_id: int, scope: str, target_id: int, images: int | None, *, actor_id: int
    ) -> None:
        """Set (or with None, remove) the daily allowance of a member, a role or the server."""
        if images is None:
            await self._store.execute(
                "DELETE FROM allowances WHERE guild_id = ? AND scope = ? AND target_id = ?",
                (guild_id, scope, target_id),
            )
            return
        await self._store.execute(
            "INSERT INTO allowances (guild_id, scope, target_id, images, set_by, set_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id, scope, target_id)"
            " DO UPDATE SET images = excluded.images, set_by = excluded.set_by,"
            " set_at = excluded.set_at",
            (guild_id, scope, target_id, images, actor_id, utc_now()),
        )

    async def ban(self, guild_id: int, user_id: int, *, actor_id: int, reason: str) -> None:
        """Stop a member from generating in this server."""
        await self._store.execute(
            "INSERT INTO bans (guild_id, user_id, reason, banned_by, banned_at)"
            " VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (guild_id, user_id) DO UPDATE SET reason = excluded.reason,"
            " banned_by = excluded.banned_by, banned_at = excluded.banned_at",
            (guild_id, user_id, reason, actor_id, utc_now()),
        )

    async def unban(self, guild_id: int, user_id: int) -> bool:
        """Lift a ban; False if there was none."""
        row = await self._store.fetch_one(
            "SELECT 1 FROM bans WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        await self._store.execute(
            "DELETE FROM bans WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        return row is not None

    async def is_banned(self, guild_id: int, user_id: int) -> bool:
        """Whether the member may not generate here."""
        row = await self._store.fetch_one(
            "SELECT 1 FROM bans WHERE guild_id = ? AND user_id = ?", (guild_id, user_id)
        )
        return row is not None

    async def entries(self, job_id: str) -> list[tuple[str, int, str]]:
        """(kind, amount, reason) of a job's entries, oldest first: what /history explains."""
        rows = await self._store.fetch_all(
            "SELECT kind, amount, reason FROM ledger WHERE job_id = ? ORDER BY id", (job_id,)
        )
        return [(str(kind), int(amount), str(reason)) for kind, amount, reason in rows]

    async def invariant_violations(self) -> list[str]:
        """Finished jobs whose reserved != settled + refunded (the tests assert there are none)."""
        rows = await self._store.fetch_all(
            "SELECT jobs.id, jobs.state,"
            " COALESCE(SUM(CASE WHEN kind = 'reserve' THEN amount END), 0),"
            " COALESCE(SUM(CASE WHEN kind = 'settle' THEN amount END), 0),"
            " COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0)"
            " FROM jobs LEFT JOIN ledger ON ledger.job_id = jobs.id"
            " WHERE jobs.state IN ('done', 'failed', 'canceled') GROUP BY jobs.id"
        )
        return [
            f"job {job_id} ({state}): reserved {reserved}"
            f" != settled {settled} + refunded {refunded}"
            for job_id, state, reserved, settled, refunded in rows
            if reserved != settled + refunded
        ]


async def _insert(
    db: aiosqlite.Connection,
    guild_id: int,
    user_id: int,
    day: date | str,
    kind: str,
    amount: int,
    job_id: str | None,
    actor_id: int | None,
    reason: str,
) -> None:
    await db.execute(
        "INSERT INTO ledger (guild_id, user_id, day, kind, amount, job_id, actor_id, reason,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (guild_id, user_id, str(day), kind, amount, job_id, actor_id, reason, utc_now()),
    )


async def _outstanding(db: aiosqlite.Connection, job_id: str) -> tuple[int, int, str, int] | None:
    """(guild, user, day, images still reserved) of a job, or None if nothing is held."""
    async with db.execute(
        "SELECT guild_id, user_id, day,"
        " SUM(CASE WHEN kind = 'reserve' THEN amount ELSE 0 END)"
        " - SUM(CASE WHEN kind IN ('settle', 'refund') THEN amount ELSE 0 END)"
        " FROM ledger WHERE job_id = ? GROUP BY guild_id, user_id, day",
        (job_id,),
    ) as cursor:
        row: Any = await cursor.fetchone()
    if row is None or row[3] <= 0:
        return None
    return int(row[0]), int(row[1]), str(row[2]), int(row[3])


async def _server_consumed(db: aiosqlite.Connection, guild_id: int, day: date) -> int:
    async with db.execute(
        "SELECT"
        " COALESCE(SUM(CASE WHEN kind = 'reserve' THEN amount END), 0)"
        " - COALESCE(SUM(CASE WHEN kind IN ('refund', 'reset') THEN amount END), 0)"
        " FROM ledger WHERE guild_id = ? AND day = ?",
        (guild_id, day.isoformat()),
    ) as cursor:
        row: Any = await cursor.fetchone()
    return max(0, int(row[0])) if row else 0
