"""A server's usage over the last days: images, top members, failures, GPU time and its cost.

Images are what members actually got: the `settle` entries of the quota ledger, counted on
the UTC day they were charged to (the day the job was reserved, DESIGN.md §5). Failures and
GPU time come from `jobs`, counted on the UTC day the job was accepted (`created_at`), so a
job that ends after midnight stays on the same day in both. GPU time is Replicate's
`metrics.predict_time` of every job of the server, failed and canceled ones included (they
ran on a GPU too); the cost is only an estimate at the configured price per GPU second.

Everything is computed by SQL aggregates: the rows returned are bounded by the number of
days and members shown, never by the number of jobs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from bot.quota import utc_day
from bot.store import Store

DEFAULT_DAYS: Final = 7
MAX_DAYS: Final = 30
TOP_MEMBERS: Final = 5


@dataclass(frozen=True, slots=True)
class MemberImages:
    """One member and the images they got."""

    user_id: int
    images: int


@dataclass(frozen=True, slots=True)
class DayImages:
    """The images a server got on one UTC day."""

    day: date
    images: int

    @property
    def label(self) -> str:
        """The day as the chart shows it, e.g. "11-20"."""
        return self.day.strftime("%m-%d")


@dataclass(frozen=True, slots=True)
class Window:
    """The figures of one span of days (today, or the whole period)."""

    images: int
    jobs: int
    failed: int
    canceled: int
    gpu_seconds: float
    cost: float
    top: tuple[MemberImages, ...]


@dataclass(frozen=True, slots=True)
class UsageReport:
    """A server's usage over `days` UTC days ending today (today included)."""

    guild_id: int
    days: int
    first_day: date
    last_day: date
    daily: tuple[DayImages, ...]  # one per day, oldest first, days with nothing included
    today: Window
    period: Window
    price_per_gpu_second: float


async def guild_usage(
    store: Store,
    guild_id: int,
    *,
    days: int = DEFAULT_DAYS,
    now: datetime | None = None,
    price_per_gpu_second: float,
) -> UsageReport:
    """The usage report of `guild_id` for the `days` UTC days ending on `now`'s day."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}, not {days}")
    if price_per_gpu_second < 0:
        raise ValueError("the price per GPU second cannot be negative")
    last_day = utc_day(now)
    first_day = last_day - timedelta(days=days - 1)
    per_day = await _images_per_day(store, guild_id, first_day, last_day)
    daily = tuple(
        DayImages(day, per_day.get(day, 0))
        for day in (first_day + timedelta(days=offset) for offset in range(days))
    )
    jobs_period, jobs_today = await _job_figures(store, guild_id, first_day, last_day)
    today = _window(
        images=per_day.get(last_day, 0),
        jobs=jobs_today,
        top=await _top_members(store, guild_id, last_day, last_day),
        price=price_per_gpu_second,
    )
    period = _window(
        images=sum(entry.images for entry in daily),
        jobs=jobs_period,
        top=await _top_members(store, guild_id, first_day, last_day),
        price=price_per_gpu_second,
    )
    return UsageReport(
        guild_id=guild_id,
        days=days,
        first_day=first_day,
        last_day=last_day,
        daily=daily,
        today=today,
        period=period,
        price_per_gpu_second=price_per_gpu_second,
    )


@dataclass(frozen=True, slots=True)
class _JobFigures:
    jobs: int
    failed: int
    canceled: int
    gpu_seconds: float


def _window(
    *, images: int, jobs: _JobFigures, top: tuple[MemberImages, ...], price: float
) -> Window:
    return Window(
        images=images,
        jobs=jobs.jobs,
        failed=jobs.failed,
        canceled=jobs.canceled,
        gpu_seconds=jobs.gpu_seconds,
        cost=jobs.gpu_seconds * price,
        top=top,
    )


async def _images_per_day(
    store: Store, guild_id: int, first_day: date, last_day: date
) -> dict[date, int]:
    rows = await store.fetch_all(
        "SELECT day, SUM(amount) FROM ledger"
        " WHERE guild_id = ? AND kind = 'settle' AND day BETWEEN ? AND ?"
        " GROUP BY day",
        (guild_id, first_day.isoformat(), last_day.isoformat()),
    )
    return {date.fromisoformat(day): int(total) for day, total in rows}


async def _top_members(
    store: Store, guild_id: int, first_day: date, last_day: date
) -> tuple[MemberImages, ...]:
    # Ties are broken by user id so the same data always gives the same list.
    rows = await store.fetch_all(
        "SELECT user_id, SUM(amount) AS images FROM ledger"
        " WHERE guild_id = ? AND kind = 'settle' AND day BETWEEN ? AND ?"
        " GROUP BY user_id HAVING SUM(amount) > 0"
        " ORDER BY images DESC, user_id LIMIT ?",
        (guild_id, first_day.isoformat(), last_day.isoformat(), TOP_MEMBERS),
    )
    return tuple(MemberImages(int(user_id), int(images)) for user_id, images in rows)


async def _job_figures(
    store: Store, guild_id: int, first_day: date, last_day: date
) -> tuple[_JobFigures, _JobFigures]:
    """(the period's, today's) job counts and GPU seconds, in one pass over the period's jobs.

    `created_at` is ISO-8601 UTC text written by the store (always "+00:00"), so comparing it
    with a bare "YYYY-MM-DD" bound is a correct and index-friendly day comparison.
    """
    today = last_day.isoformat()
    row = await store.fetch_one(
        "SELECT COUNT(*),"
        " COALESCE(SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN state = 'canceled' THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(predict_time), 0.0),"
        " COALESCE(SUM(CASE WHEN created_at >= :today THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN state = 'failed' AND created_at >= :today THEN 1 ELSE 0 END), 0),"
        " COALESCE(SUM(CASE WHEN state = 'canceled' AND created_at >= :today THEN 1 ELSE 0 END),"
        " 0),"
        " COALESCE(SUM(CASE WHEN created_at >= :today THEN predict_time END), 0.0)"
        " FROM jobs WHERE guild_id = :guild AND created_at >= :since AND created_at < :until",
        {
            "today": today,
            "guild": guild_id,
            "since": first_day.isoformat(),
            "until": (last_day + timedelta(days=1)).isoformat(),
        },
    )
    assert row is not None  # an aggregate without GROUP BY always returns one row
    jobs, failed, canceled, seconds, jobs_today, failed_today, canceled_today, seconds_today = row
    return (
        _JobFigures(int(jobs), int(failed), int(canceled), float(seconds)),
        _JobFigures(int(jobs_today), int(failed_today), int(canceled_today), float(seconds_today)),
    )
