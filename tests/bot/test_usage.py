"""guild_usage on a real SQLite store: per-day images, top members, failures, GPU time, cost."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.store import Store
from bot.usage import DayImages, MemberImages, guild_usage

GUILD, OTHER_GUILD = 10, 11
NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)
TODAY = "2026-11-20"
PRICE = 0.000725


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """A real SQLite store, migrated."""
    opened = await Store.open(database)
    yield opened
    await opened.close()


class Rows:
    """Inserts jobs and their ledger entries through the Store, as the runner leaves them."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.count = 0

    async def job(
        self,
        *,
        guild: int,
        user: int,
        day: str,
        state: str,
        images: int = 0,
        predict_time: float | None = None,
        at: str = "12:00:00.000",
    ) -> str:
        """One job created on `day` at `at` (UTC) with the entries its state implies."""
        self.count += 1
        job_id = f"job{self.count:04d}"
        await self.store.insert_job(
            id=job_id,
            guild_id=guild,
            requester_id=user,
            locale="en-US",
            request_json="{}",
            state=state,
            images=images,
            predict_time=predict_time,
            created_at=f"{day}T{at}+00:00",
        )
        reserved = max(images, 1)
        await self.entry(guild, user, day, "reserve", reserved, job_id)
        if state == "done":
            await self.entry(guild, user, day, "settle", images, job_id)
            if reserved > images:
                await self.entry(guild, user, day, "refund", reserved - images, job_id)
        elif state in ("failed", "canceled"):
            await self.entry(guild, user, day, "refund", reserved, job_id)
        return job_id

    async def entry(
        self, guild: int, user: int, day: str, kind: str, amount: int, job_id: str | None
    ) -> None:
        """One ledger entry."""
        await self.store.execute(
            "INSERT INTO ledger (guild_id, user_id, day, kind, amount, job_id, reason, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'test', ?)",
            (guild, user, day, kind, amount, job_id, f"{day}T12:00:00.000+00:00"),
        )


@pytest.fixture
async def history(store: Store) -> Store:
    """A week of two servers' jobs, with rows just inside and just outside the 7-day period."""
    rows = Rows(store)
    job = rows.job
    # Today, in GUILD.
    await job(guild=GUILD, user=1, day=TODAY, state="done", images=3, predict_time=10.5)
    await job(guild=GUILD, user=2, day=TODAY, state="done", images=1, predict_time=4.0)
    await job(guild=GUILD, user=3, day=TODAY, state="failed", predict_time=2.25)
    await job(guild=GUILD, user=1, day=TODAY, state="canceled", predict_time=0.5)
    await job(guild=GUILD, user=3, day=TODAY, state="processing", images=2)  # reserved only
    # All its images dropped by the safety checker: settled 0, so never a "top member".
    await job(guild=GUILD, user=7, day=TODAY, state="done", images=0, predict_time=1.0)
    # Earlier days of the period (11-15 and 11-16 have nothing).
    await job(guild=GUILD, user=2, day="2026-11-19", state="done", images=4, predict_time=12.0)
    await job(guild=GUILD, user=8, day="2026-11-18", state="done", images=1, predict_time=1.0)
    await job(guild=GUILD, user=9, day="2026-11-18", state="done", images=1, predict_time=1.0)
    await job(guild=GUILD, user=4, day="2026-11-17", state="done", images=2, predict_time=6.0)
    await job(guild=GUILD, user=4, day="2026-11-17", state="failed")  # refused before the GPU
    # The first instant of the period counts; the last instant before it does not.
    await job(
        guild=GUILD,
        user=5,
        day="2026-11-14",
        state="done",
        images=1,
        predict_time=3.0,
        at="00:00:00.000",
    )
    await job(
        guild=GUILD,
        user=6,
        day="2026-11-13",
        state="done",
        images=9,
        predict_time=100.0,
        at="23:59:59.999",
    )
    await job(
        guild=GUILD, user=6, day="2026-11-13", state="failed", predict_time=50.0, at="23:59:59.999"
    )
    # A grant and a reset are allowances, not images anybody got.
    await rows.entry(GUILD, 1, TODAY, "grant", 10, None)
    await rows.entry(GUILD, 1, TODAY, "reset", 3, None)
    # Another server, same days and members.
    await job(guild=OTHER_GUILD, user=1, day=TODAY, state="done", images=20, predict_time=500.0)
    await job(guild=OTHER_GUILD, user=2, day="2026-11-16", state="failed", predict_time=30.0)
    return store


def _days(first: date, counts: list[int]) -> tuple[DayImages, ...]:
    return tuple(DayImages(first + timedelta(days=i), n) for i, n in enumerate(counts))


async def test_every_figure_of_today_and_the_week_is_exact(history: Store) -> None:
    """Images per day with zeros, today and 7-day totals, top 5, failures, GPU seconds, cost."""
    report = await guild_usage(history, GUILD, now=NOW, price_per_gpu_second=PRICE)
    assert report.guild_id == GUILD and report.days == 7
    assert report.first_day == date(2026, 11, 14) and report.last_day == date(2026, 11, 20)
    assert report.daily == _days(date(2026, 11, 14), [1, 0, 0, 2, 2, 4, 4])
    assert [d.label for d in report.daily] == [
        "11-14",
        "11-15",
        "11-16",
        "11-17",
        "11-18",
        "11-19",
        "11-20",
    ]

    today = report.today
    assert today.images == 4
    assert today.top == (MemberImages(1, 3), MemberImages(2, 1))
    assert (today.jobs, today.failed, today.canceled) == (6, 1, 1)
    assert today.gpu_seconds == 10.5 + 4.0 + 2.25 + 0.5 + 1.0

    period = report.period
    assert period.images == 13
    # Five at most; the tie at 1 image is broken by user id, so member 9 is left out.
    assert period.top == (
        MemberImages(2, 5),
        MemberImages(1, 3),
        MemberImages(4, 2),
        MemberImages(5, 1),
        MemberImages(8, 1),
    )
    assert (period.jobs, period.failed, period.canceled) == (12, 2, 1)
    assert period.gpu_seconds == 18.25 + 12.0 + 1.0 + 1.0 + 6.0 + 3.0


async def test_cost_is_gpu_seconds_times_the_price(history: Store) -> None:
    """The estimated cost is exactly the GPU seconds times the configured price."""
    report = await guild_usage(history, GUILD, now=NOW, price_per_gpu_second=PRICE)
    assert report.price_per_gpu_second == PRICE
    assert report.today.cost == 18.25 * PRICE
    assert report.period.cost == 41.25 * PRICE
    free = await guild_usage(history, GUILD, now=NOW, price_per_gpu_second=0.0)
    assert free.period.cost == 0.0 and free.period.gpu_seconds == 41.25


async def test_other_servers_are_excluded(history: Store) -> None:
    """Each server sees only its own jobs and ledger entries."""
    report = await guild_usage(history, OTHER_GUILD, now=NOW, price_per_gpu_second=PRICE)
    assert report.daily == _days(date(2026, 11, 14), [0, 0, 0, 0, 0, 0, 20])
    assert report.today.images == 20 and report.period.images == 20
    assert report.period.top == (MemberImages(1, 20),)
    assert (report.period.jobs, report.period.failed, report.period.canceled) == (2, 1, 0)
    assert report.period.gpu_seconds == 530.0
    assert report.today.gpu_seconds == 500.0


async def test_the_eighth_day_back_is_outside_the_period(history: Store) -> None:
    """Seven days end at midnight before 11-14; an eight-day report takes 11-13 in."""
    week = await guild_usage(history, GUILD, now=NOW, price_per_gpu_second=PRICE)
    assert all(entry.day >= date(2026, 11, 14) for entry in week.daily)
    assert 6 not in [member.user_id for member in week.period.top]
    eight = await guild_usage(history, GUILD, days=8, now=NOW, price_per_gpu_second=PRICE)
    assert eight.daily[0] == DayImages(date(2026, 11, 13), 9)
    assert eight.daily[1:] == week.daily
    assert eight.period.images == week.period.images + 9
    assert eight.period.top[0] == MemberImages(6, 9)
    assert (eight.period.jobs, eight.period.failed) == (
        week.period.jobs + 2,
        week.period.failed + 1,
    )
    assert eight.period.gpu_seconds == week.period.gpu_seconds + 150.0


async def test_a_one_day_report_is_today(history: Store) -> None:
    """days=1: the period and today are the same figures."""
    report = await guild_usage(history, GUILD, days=1, now=NOW, price_per_gpu_second=PRICE)
    assert report.daily == (DayImages(date(2026, 11, 20), 4),)
    assert report.period == report.today


async def test_a_report_for_an_earlier_day_ignores_later_rows(history: Store) -> None:
    """The period ends with its last day: rows of the days after it are not counted."""
    report = await guild_usage(
        history, GUILD, now=NOW - timedelta(days=1), price_per_gpu_second=PRICE
    )
    assert (report.first_day, report.last_day) == (date(2026, 11, 13), date(2026, 11, 19))
    assert report.daily == _days(date(2026, 11, 13), [9, 1, 0, 0, 2, 2, 4])
    assert report.today.images == 4 and report.today.top == (MemberImages(2, 4),)
    assert (report.today.jobs, report.today.gpu_seconds) == (1, 12.0)
    assert report.period.images == 18
    assert (report.period.jobs, report.period.failed, report.period.canceled) == (8, 2, 0)
    assert report.period.gpu_seconds == 150.0 + 3.0 + 6.0 + 1.0 + 1.0 + 12.0


async def test_a_server_with_no_history_gets_zeros(store: Store) -> None:
    """Every day is present with 0, nobody is on top, and GPU time and cost are 0."""
    report = await guild_usage(store, GUILD, now=NOW, price_per_gpu_second=PRICE)
    assert report.daily == _days(date(2026, 11, 14), [0] * 7)
    for window in (report.today, report.period):
        assert (window.images, window.jobs, window.failed, window.canceled) == (0, 0, 0, 0)
        assert (window.gpu_seconds, window.cost, window.top) == (0.0, 0.0, ())


@pytest.mark.parametrize("days", [0, -1, 31])
async def test_the_number_of_days_is_bounded(store: Store, days: int) -> None:
    """days outside 1..MAX_DAYS is a programming error, refused before any query."""
    with pytest.raises(ValueError, match="days"):
        await guild_usage(store, GUILD, days=days, now=NOW, price_per_gpu_second=PRICE)


async def test_without_now_the_report_ends_today_in_utc(store: Store) -> None:
    """now defaults to the current UTC day."""
    before = datetime.now(UTC).date()
    report = await guild_usage(store, GUILD, price_per_gpu_second=PRICE)
    assert report.last_day in (before, datetime.now(UTC).date())  # midnight may pass meanwhile
