"""Quotas as a ledger: every image reserved, settled, refunded, granted or reset, with why.

A member's day (UTC) is counted from their entries, never from a counter (DESIGN.md §5):
    charged  = settled                               (images the member got)
    held     = reserved - settled - refunded         (jobs not finished yet)
    forgiven = what moderators' resets forgave
    left     = allowance + granted - (charged - forgiven) - held, never below 0
A reset forgives what was charged at that moment, never what is held: a held job refunded
later gives no credit, one settled later is charged after the reset. So forgiven never
exceeds charged. The server cap counts every member's charged + held (= reserved -
refunded); resets do not lower it, the images were made.

Every entry carries a day: a job's entries (reserve, settle, refund) the day it was
reserved on, even if it ends after midnight; a grant or a reset the day it was made.
"Today" for every figure above is the entries of today's day.

`reserve` checks and takes in one statement, so two requests can never both take the last
image. For every finished job, reserved = settled + refunded.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from bot.errors import Banned, GuildCapReached, QuotaExceeded
from bot.store import Statement, Store, utc_now

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
    def charged(self) -> int:
        """Images settled today (the member got them), forgiven or not."""
        return self.settled

    @property
    def held(self) -> int:
        """Images reserved by today's jobs still running."""
        return self.in_progress

    @property
    def forgiven(self) -> int:
        """Images moderators' resets forgave today (never more than was charged)."""
        return self.reset

    @property
    def consumed(self) -> int:
        """Images counted against today: charged less forgiven, plus held."""
        return max(0, self.settled - self.reset) + self.in_progress

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
        sums = await self._sums(guild_id, user_id, day)
        return Balance(day, allowance, source, **sums)

    async def _sums(self, guild_id: int, user_id: int, day: date) -> dict[str, int]:
        rows = await self._store.fetch_all(
            "SELECT kind, COALESCE(SUM(amount), 0) FROM ledger"
            " WHERE guild_id = ? AND user_id = ? AND day = ? GROUP BY kind",
            (guild_id, user_id, day.isoformat()),
        )
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
        take: Callable[[Statement], Awaitable[bool]] | None = None,
    ) -> None:
        """Take `images` for `job_id`, or raise QuotaExceeded / GuildCapReached / Banned.

        The check and the take are one INSERT ... SELECT ... WHERE <it fits>: atomic in
        SQLite, across processes too, and one round trip. Only a refusal reads more, to say
        why. `take` runs the statement and says whether it took anything; the runner passes
        one that records the job in the same transaction, so no job exists without its
        reservation.
        """
        day = utc_day(now)
        parameters = {
            "guild": guild_id,
            "user": user_id,
            "day": day.isoformat(),
            **{f"role{n}": role for n, role in enumerate(sorted(set(role_ids)))},
            "default": self.default_per_day,
            "images": images,
            "cap": daily_cap,
            "job": job_id,
            "now": utc_now(),
        }
        roles = ", ".join(f":role{n}" for n in range(len(set(role_ids)))) or "NULL"
        # A server's reservations take turns: the cap sums every member's day, and a reserve
        # made without a cap (a policy read before a moderator set one) must not slip past.
        statement = Statement(_RESERVE.format(roles=roles), parameters, lock=f"ledger:{guild_id}")
        for _ in range(_RESERVE_ATTEMPTS):
            if await (take or self._take)(statement):
                return
            await self._explain_refusal(guild_id, user_id, role_ids, images, daily_cap, now)
            # Nothing refuses it any more: a job ended between the two statements. Try again.
        log.warning("Reserving %s images for job %s kept being refused unexplained", images, job_id)
        balance = await self.balance(guild_id, user_id, role_ids, now=now)
        raise QuotaExceeded(
            left=balance.left,
            asked=images,
            limit=balance.limit,
            resets=int(balance.resets_at.timestamp()),
        )

    async def _take(self, statement: Statement) -> bool:
        return bool(await self._store.write(*statement))

    async def _explain_refusal(
        self,
        guild_id: int,
        user_id: int,
        role_ids: list[int],
        images: int,
        daily_cap: int | None,
        now: datetime | None,
    ) -> None:
        """Raise the reason a reservation does not fit now; return if it would fit."""
        if await self.is_banned(guild_id, user_id):
            raise Banned()
        balance = await self.balance(guild_id, user_id, role_ids, now=now)
        resets = int(balance.resets_at.timestamp())
        if images > balance.left:
            raise QuotaExceeded(left=balance.left, asked=images, limit=balance.limit, resets=resets)
        if daily_cap is not None:
            row = await self._store.fetch_one(
                _SERVER_USED, {"guild": guild_id, "day": balance.day.isoformat()}
            )
            if (int(row[0]) if row else 0) + images > daily_cap:
                raise GuildCapReached(cap=daily_cap, resets=resets)

    async def settle(self, job_id: str, images: int) -> None:
        """The job made `images`: they stay charged; the rest of its reservation is refunded.

        Idempotent: a job already settled or refunded is left as it is.
        """
        await self._store.write(*settlement(job_id, images))

    async def refund(self, job_id: str, reason: str) -> None:
        """Give back whatever the job still holds (failed, canceled, never delivered)."""
        await self._store.write(*settlement(job_id, 0, reason))

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
        await self._store.write(
            _INSERT,
            (
                guild_id,
                user_id,
                utc_day(now).isoformat(),
                "grant",
                images,
                None,
                actor_id,
                reason,
                utc_now(),
            ),
        )

    async def reset(
        self, guild_id: int, user_id: int, *, actor_id: int, now: datetime | None = None
    ) -> int:
        """Forgive what the member was charged today and not yet forgiven; returns how many.

        Images held by running jobs are not forgiven: refunded later they give no credit,
        settled later they are charged after this reset.
        """
        rows = await self._store.write(
            _RESET,
            {
                "guild": guild_id,
                "user": user_id,
                "day": utc_day(now).isoformat(),
                "actor": actor_id,
                "now": utc_now(),
            },
            lock=f"ledger:{guild_id}",
        )
        return int(rows[0][0]) if rows else 0

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


_INTO_LEDGER = (
    "INSERT INTO ledger (guild_id, user_id, day, kind, amount, job_id, actor_id, reason,"
    " created_at)"
)
_INSERT = f"{_INTO_LEDGER} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"


def _at_least_zero(expression: str) -> str:
    # SQLite's MAX(a, b) is PostgreSQL's GREATEST(a, b): CASE is the same on both.
    return f"CASE WHEN {expression} > 0 THEN {expression} ELSE 0 END"


_RESERVE_ATTEMPTS = 3

# The member's day as in Balance: held = reserved - settled - refunded, charged less forgiven
# = settled - reset, left = allowance + granted - (settled - reset) - held, each at least 0.
# A reset never forgives more than was charged, so settled - reset >= 0; MAX(0, ...) keeps an
# entry that did from turning into credit. The allowance as in Quotas.allowance: member > the
# best role > the server > the default.
_MEMBER_DAY = """
day AS (
    SELECT
        COALESCE(SUM(CASE WHEN kind = 'reserve' THEN amount END), 0) AS reserved,
        COALESCE(SUM(CASE WHEN kind = 'settle' THEN amount END), 0) AS settled,
        COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0) AS refunded,
        COALESCE(SUM(CASE WHEN kind = 'grant' THEN amount END), 0) AS granted,
        COALESCE(SUM(CASE WHEN kind = 'reset' THEN amount END), 0) AS reset
    FROM ledger WHERE guild_id = :guild AND user_id = :user AND day = :day
)"""
_HELD = _at_least_zero("(day.reserved - day.settled - day.refunded)")
_UNFORGIVEN = _at_least_zero("(day.settled - day.reset)")

# What a server's members were charged on a day plus what they hold: reserved less refunded.
# Resets do not lower it.
_SERVER_USED_SUM = (
    "COALESCE(SUM(CASE WHEN kind = 'reserve' THEN amount END), 0)"
    " - COALESCE(SUM(CASE WHEN kind = 'refund' THEN amount END), 0)"
)
_SERVER_USED = f"""
SELECT {_at_least_zero(f"({_SERVER_USED_SUM})")}
FROM ledger WHERE guild_id = :guild AND day = :day"""  # noqa: S608 - constant fragments

# Parameters in a SELECT list or an IS NULL test are CAST: PostgreSQL cannot infer their type
# there. The role list is spliced in as :role0, :role1, ... (Quotas.reserve names them).
_RESERVE = f"""
WITH {_MEMBER_DAY},
allowance AS (
    SELECT COALESCE(
        (SELECT images FROM allowances
            WHERE guild_id = :guild AND scope = 'member' AND target_id = :user),
        (SELECT MAX(images) FROM allowances
            WHERE guild_id = :guild AND scope = 'role'
            AND target_id IN ({{roles}})),
        (SELECT images FROM allowances WHERE guild_id = :guild AND scope = 'guild'),
        CAST(:default AS INTEGER)
    ) AS images
)
{_INTO_LEDGER}
SELECT CAST(:guild AS BIGINT), CAST(:user AS BIGINT), CAST(:day AS TEXT), 'reserve',
    CAST(:images AS INTEGER), CAST(:job AS TEXT), CAST(NULL AS BIGINT), 'requested',
    CAST(:now AS TEXT)
FROM day, allowance
WHERE NOT EXISTS (SELECT 1 FROM bans WHERE guild_id = :guild AND user_id = :user)
  AND CAST(:images AS INTEGER)
    <= {_at_least_zero(f"(allowance.images + day.granted - {_UNFORGIVEN} - {_HELD})")}
  AND (CAST(:cap AS INTEGER) IS NULL OR CAST(:images AS INTEGER) + ({_SERVER_USED}) <= :cap)
RETURNING id
"""  # noqa: S608 - only the constant fragments above are formatted in

# Forgives what the member was charged today and not yet forgiven, never what is held;
# nothing (no row) when that is 0.
_RESET = f"""
WITH {_MEMBER_DAY}
{_INTO_LEDGER}
SELECT CAST(:guild AS BIGINT), CAST(:user AS BIGINT), CAST(:day AS TEXT), 'reset',
    {_UNFORGIVEN}, CAST(NULL AS TEXT), CAST(:actor AS BIGINT), 'reset by a moderator',
    CAST(:now AS TEXT)
FROM day WHERE {_UNFORGIVEN} > 0
RETURNING amount
"""  # noqa: S608 - only the constant fragments above are formatted in


# Ends a job's reservation in one statement: up to :images stay charged ('settle'), the rest
# goes back ('refund', with :reason); nothing if the job holds nothing (idempotent). SQLite
# reads the whole SELECT before inserting, so both halves see the same outstanding amount.
def settlement(
    job_id: str, images: int, reason: str = "held back by the safety checker"
) -> Statement:
    """The statement that ends a job's reservation: `images` stay charged, the rest go back.

    Idempotent: a job already settled or refunded gets no new entry. `reason` is the
    refund's (for images=0, why the job gave everything back).
    """
    return Statement(
        _SETTLE,
        {"job": job_id, "images": max(0, images), "reason": reason, "now": utc_now()},
        lock=f"job:{job_id}",
    )


_SETTLE = f"""
WITH held AS (
    SELECT guild_id, user_id, day,
        SUM(CASE WHEN kind = 'reserve' THEN amount ELSE 0 END)
        - SUM(CASE WHEN kind IN ('settle', 'refund') THEN amount ELSE 0 END) AS outstanding
    FROM ledger WHERE job_id = :job GROUP BY guild_id, user_id, day
)
{_INTO_LEDGER}
SELECT guild_id, user_id, day, CAST('settle' AS TEXT),
    CASE WHEN CAST(:images AS INTEGER) < outstanding THEN CAST(:images AS INTEGER)
        ELSE outstanding END,
    CAST(:job AS TEXT), CAST(NULL AS BIGINT), CAST('delivered' AS TEXT), CAST(:now AS TEXT)
    FROM held WHERE outstanding > 0 AND CAST(:images AS INTEGER) > 0
UNION ALL
SELECT guild_id, user_id, day, CAST('refund' AS TEXT), outstanding - CAST(:images AS INTEGER),
    CAST(:job AS TEXT), CAST(NULL AS BIGINT), CAST(:reason AS TEXT), CAST(:now AS TEXT)
    FROM held WHERE outstanding > CAST(:images AS INTEGER)
"""  # noqa: S608 - only the constant fragments above are formatted in
