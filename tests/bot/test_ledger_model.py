"""The quota ledger against a reference model written from DESIGN.md §5's words alone.

The model below knows nothing of bot.quota's SQL or Balance: it keeps, per member and per
day, the jobs with what each reserved, settled and refunded, the grants, what resets forgave,
and the allowances, bans and server cap in force, and answers from §5:
- charged today = images settled today; held = images reserved by jobs still running;
- left = allowance + granted today - (charged today - forgiven today) - held, never below 0;
  a reserve succeeds only if it fits in left and under the server cap;
- a reset forgives what was charged today at that moment, never what is held;
- the server cap compares its limit with every member's charged today plus held; resets do
  not lower it.
"Today" for a job is the UTC day it was reserved on: a job reserved before midnight and
ended after it counts, charged or held, on its reservation's day. Grants and resets count on
the day they are made.

A hypothesis state machine replays random histories against the real Quotas on a real
SQLite file and checks every answer (each reserve accepted or refused, with the refusal's
type; each reset's forgiven amount) and every figure /quota shows after every step.
CI runs a fixed budget on each backend; a long run: SDXL_BOT_LEDGER_EXAMPLES=2000
SDXL_BOT_LEDGER_PG_EXAMPLES=500 pytest this file.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import os
import shutil
import tempfile
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from bot.errors import Banned, GuildCapReached, QuotaExceeded
from bot.history import summarize
from bot.lifecycle import JobState, walk
from bot.quota import Quotas
from bot.store import Store
from bot.usage import guild_usage
from tests.conftest import on_server, schema_url

T = TypeVar("T")

EXAMPLES = int(os.environ.get("SDXL_BOT_LEDGER_EXAMPLES", "60"))
# PostgreSQL round trips cost more: a smaller budget, the same histories.
PG_EXAMPLES = int(os.environ.get("SDXL_BOT_LEDGER_PG_EXAMPLES", "15"))
STEPS = int(os.environ.get("SDXL_BOT_LEDGER_STEPS", "40"))

GUILD = 10
MODERATOR = 99
DEFAULT_ALLOWANCE = 6
# Each member's roles, fixed; role 3 is a tier nobody has.
ROLES: dict[int, tuple[int, ...]] = {21: (), 22: (1,), 23: (1, 2)}
MEMBERS = tuple(ROLES)
START = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

Outcome = Literal["taken", "banned", "quota", "cap"]
Source = Literal["member", "role", "guild", "default"]


# -- the reference model ---------------------------------------------------------------------


@dataclass
class ModelJob:
    """One reservation: who, on which day, and how it ended (if it has)."""

    member: int
    day: date
    reserved: int
    settled: int = 0
    refunded: int = 0
    running: bool = True


@dataclass(frozen=True)
class Standing:
    """What /quota should show a member for a day."""

    day: date
    allowance: int
    source: Source
    granted: int
    charged: int
    held: int
    forgiven: int
    consumed: int
    limit: int
    left: int


@dataclass
class LedgerModel:
    """§5 in plain Python: a member's day from their jobs, grants and resets."""

    default_allowance: int
    jobs: dict[str, ModelJob] = field(default_factory=dict)
    granted: Counter[tuple[int, date]] = field(default_factory=Counter)
    forgiven: Counter[tuple[int, date]] = field(default_factory=Counter)
    member_allowance: dict[int, int] = field(default_factory=dict)
    role_allowance: dict[int, int] = field(default_factory=dict)
    server_allowance: int | None = None
    banned: set[int] = field(default_factory=set)

    def allowance(self, member: int) -> tuple[int, Source]:
        """A member's own allowance, else their best role's, else the server's, else the env."""
        if member in self.member_allowance:
            return self.member_allowance[member], "member"
        tiers = [self.role_allowance[role] for role in ROLES[member] if role in self.role_allowance]
        if tiers:
            return max(tiers), "role"
        if self.server_allowance is not None:
            return self.server_allowance, "guild"
        return self.default_allowance, "default"

    def _jobs_of(self, member: int | None, day: date) -> list[ModelJob]:
        return [
            job
            for job in self.jobs.values()
            if job.day == day and (member is None or job.member == member)
        ]

    def charged(self, member: int | None, day: date) -> int:
        """Images settled on `day` (by one member, or by all with None)."""
        return sum(job.settled for job in self._jobs_of(member, day))

    def held(self, member: int | None, day: date) -> int:
        """Images reserved on `day` by jobs still running."""
        return sum(job.reserved for job in self._jobs_of(member, day) if job.running)

    def standing(self, member: int, day: date) -> Standing:
        """The member's figures for `day`, with the allowances in force now."""
        allowance, source = self.allowance(member)
        granted = self.granted[member, day]
        charged = self.charged(member, day)
        held = self.held(member, day)
        forgiven = self.forgiven[member, day]
        counted = charged - forgiven + held
        limit = allowance + granted
        return Standing(
            day=day,
            allowance=allowance,
            source=source,
            granted=granted,
            charged=charged,
            held=held,
            forgiven=forgiven,
            consumed=counted,
            limit=limit,
            left=max(0, limit - counted),
        )

    def server_room(self, day: date, cap: int | None) -> int | None:
        """Images the server cap still allows on `day` (None: no cap)."""
        if cap is None:
            return None
        return cap - self.charged(None, day) - self.held(None, day)

    def reserve(self, job_id: str, member: int, images: int, day: date, cap: int | None) -> Outcome:
        """Take `images` for a new job if the member may, it fits in left and under the cap."""
        if member in self.banned:
            return "banned"
        if images > self.standing(member, day).left:
            return "quota"
        room = self.server_room(day, cap)
        if room is not None and images > room:
            return "cap"
        self.jobs[job_id] = ModelJob(member, day, images)
        return "taken"

    def settle(self, job_id: str, images: int) -> None:
        """A running job made `images`: up to its reservation is charged, the rest given back."""
        job = self.jobs.get(job_id)
        if job is None or not job.running:
            return
        job.settled = min(max(0, images), job.reserved)
        job.refunded = job.reserved - job.settled
        job.running = False

    def refund(self, job_id: str) -> None:
        """A running job gives everything back: it simply stops holding its images."""
        job = self.jobs.get(job_id)
        if job is None or not job.running:
            return
        job.refunded = job.reserved
        job.running = False

    def reset(self, member: int, day: date) -> int:
        """Forgive what the member was charged on `day` and not already forgiven."""
        forgiven = self.charged(member, day) - self.forgiven[member, day]
        self.forgiven[member, day] += forgiven
        return forgiven

    def grant(self, member: int, images: int, day: date) -> None:
        """Extra images for `day`."""
        self.granted[member, day] += images


# -- the real thing, driven the way the bot drives it ----------------------------------------

_REFUSALS: dict[type[Exception], Outcome] = {
    Banned: "banned",
    QuotaExceeded: "quota",
    GuildCapReached: "cap",
}


async def new_job(store: Store, job_id: str, member: int) -> str:
    """A job row for ledger entries to point at."""
    await store.insert_job(
        id=job_id,
        guild_id=GUILD,
        requester_id=member,
        locale="en-US",
        request_json="{}",
        state="queued",
    )
    return job_id


async def try_reserve(
    quotas: Quotas, job_id: str, member: int, images: int, cap: int | None, now: datetime
) -> Outcome:
    """Reserve through the public API; which outcome it had."""
    try:
        await quotas.reserve(
            job_id=job_id,
            guild_id=GUILD,
            user_id=member,
            role_ids=list(ROLES[member]),
            images=images,
            daily_cap=cap,
            now=now,
        )
    except (Banned, QuotaExceeded, GuildCapReached) as refusal:
        return _REFUSALS[type(refusal)]
    return "taken"


async def standing(quotas: Quotas, member: int, now: datetime) -> Standing:
    """The real Balance, in the model's terms."""
    balance = await quotas.balance(GUILD, member, list(ROLES[member]), now=now)
    assert (balance.settled, balance.in_progress, balance.reset) == (
        balance.charged,
        balance.held,
        balance.forgiven,
    )
    return Standing(
        day=balance.day,
        allowance=balance.allowance,
        source=balance.source,
        granted=balance.granted,
        charged=balance.settled,
        held=balance.in_progress,
        forgiven=balance.reset,
        consumed=balance.consumed,
        limit=balance.limit,
        left=balance.left,
    )


async def finish_all(store: Store, quotas: Quotas) -> None:
    """Refund what is still held and end every job, as the runner would."""
    for job_id, state in await store.fetch_all("SELECT id, state FROM jobs"):
        await quotas.refund(job_id, "test over")
        if state == "queued":
            await store.write_together(walk(job_id, JobState.queued, JobState.failed))


Request = tuple[int, int]  # (member, images)


class LedgerHistory(RuleBasedStateMachine):
    """Over random histories, every reserve, reset and /quota figure of SQLite is the model's."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="ledger-model-"))
        self.store = self.run(Store.open(self.target()))
        self.quotas = Quotas(self.store, default_per_day=DEFAULT_ALLOWANCE)
        self.model = LedgerModel(DEFAULT_ALLOWANCE)
        self.now = START
        self.cap: int | None = None
        self.job_ids: list[str] = []
        self.probes = 0
        self.probed = 0
        self.history: list[str] = []

    def target(self) -> str:
        """Where this history's store lives: a SQLite file of its own."""
        return str(self.folder / "ledger.sqlite3")

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` on the machine's own loop."""
        return self.loop.run_until_complete(asyncio.wait_for(work, 60))

    @property
    def today(self) -> date:
        return self.now.date()

    async def _new_job(self, member: int) -> str:
        job_id = await new_job(self.store, f"j{len(self.job_ids)}", member)
        self.job_ids.append(job_id)
        return job_id

    def _images(self, member: int, aim: tuple[str, int]) -> int:
        """A size near a boundary the model knows of: what is left, or the cap's room."""
        target, offset = aim
        if target == "left":
            base = self.model.standing(member, self.today).left
        else:
            room = self.model.server_room(self.today, self.cap)
            base = room if room is not None else 2
        return max(1, base + offset)

    @initialize(
        tiers=st.tuples(st.none() | st.integers(0, 8), st.none() | st.integers(0, 8)),
        server=st.none() | st.integers(2, 8),
        cap=st.none() | st.integers(4, 15),
    )
    def start(
        self, tiers: tuple[int | None, int | None], server: int | None, cap: int | None
    ) -> None:
        """Role tiers (member 23 holds both), the server's allowance and cap at the start."""
        for pick, images in enumerate(tiers):
            self._set_allowance("role", pick, images)
        self._set_allowance("guild", 0, server)
        self.history.append(f"cap = {cap}")
        self.cap = cap

    # -- members -----------------------------------------------------------------------------

    @rule(
        member=st.sampled_from(MEMBERS),
        size=st.integers(1, 5) | st.tuples(st.sampled_from(["left", "cap"]), st.integers(-1, 1)),
    )
    def reserve(self, member: int, size: int | tuple[str, int]) -> None:
        """One request: accepted or refused exactly as the model says, with its reason."""
        images = size if isinstance(size, int) else self._images(member, size)
        job_id = self.run(self._new_job(member))
        expected = self.model.reserve(job_id, member, images, self.today, self.cap)
        self.history.append(f"reserve {job_id} member={member} images={images} cap={self.cap}")
        actual = self.run(try_reserve(self.quotas, job_id, member, images, self.cap, self.now))
        assert actual == expected, (self.history, actual, expected)
        if actual != "taken":
            assert self.run(self.quotas.entries(job_id)) == [], "a refusal wrote an entry"

    @rule(
        requests=st.lists(
            st.tuples(st.sampled_from(MEMBERS), st.integers(1, 4)), min_size=2, max_size=4
        )
    )
    def reserve_together(self, requests: list[Request]) -> None:
        """Concurrent requests end as some serial order of them would, within every limit."""
        job_ids = [self.run(self._new_job(member)) for member, _ in requests]
        self.history.append(f"together {list(zip(job_ids, requests, strict=True))} cap={self.cap}")
        before = copy.deepcopy(self.model)

        async def race() -> list[Outcome]:
            return list(
                await asyncio.gather(
                    *(
                        try_reserve(self.quotas, job_id, member, images, self.cap, self.now)
                        for job_id, (member, images) in zip(job_ids, requests, strict=True)
                    )
                )
            )

        actual = self.run(race())
        tried: list[list[Outcome]] = []
        for order in itertools.permutations(range(len(requests))):
            trial = copy.deepcopy(before)
            outcomes: list[Outcome] = ["taken"] * len(requests)
            for index in order:
                member, images = requests[index]
                outcomes[index] = trial.reserve(
                    job_ids[index], member, images, self.today, self.cap
                )
            if outcomes == actual:
                self.model = trial
                break
            tried.append(outcomes)
        else:
            raise AssertionError((self.history, actual, "no serial order gives it", tried))
        for member in MEMBERS:
            taken = sum(
                images
                for (who, images), outcome in zip(requests, actual, strict=True)
                if who == member and outcome == "taken"
            )
            assert taken <= before.standing(member, self.today).left, (self.history, member)
        room = before.server_room(self.today, self.cap)
        taken_by_all = sum(
            images
            for (_, images), outcome in zip(requests, actual, strict=True)
            if outcome == "taken"
        )
        assert room is None or taken_by_all <= max(0, room), self.history

    def _running(self) -> list[str]:
        return [job_id for job_id, job in self.model.jobs.items() if job.running]

    @precondition(lambda self: bool(self._running()))
    @rule(pick=st.integers(0, 10**6), images=st.integers(0, 5))
    def settle(self, pick: int, images: int) -> None:
        """A running job ends with `images` delivered (fewer than reserved: the rest goes back)."""
        running = self._running()
        self._end(running[pick % len(running)], images)

    @precondition(lambda self: bool(self._running()))
    @rule(pick=st.integers(0, 10**6))
    def refund(self, pick: int) -> None:
        """A running job fails or is canceled: it gives back what it holds, nothing more."""
        running = self._running()
        self._end(running[pick % len(running)], None)

    @precondition(lambda self: bool(self.job_ids))
    @rule(pick=st.integers(0, 10**6), images=st.none() | st.integers(0, 5))
    def end_again(self, pick: int, images: int | None) -> None:
        """Ending any job, refused or already ended included, is a no-op the second time."""
        self._end(self.job_ids[pick % len(self.job_ids)], images)

    def _end(self, job_id: str, images: int | None) -> None:
        """Settle with `images`, or refund with None, on both sides."""
        if images is None:
            self.history.append(f"refund {job_id}")
            self.model.refund(job_id)
            self.run(self.quotas.refund(job_id, "prediction.canceled"))
        else:
            self.history.append(f"settle {job_id} images={images}")
            self.model.settle(job_id, images)
            self.run(self.quotas.settle(job_id, images))
        self._check_job(job_id)

    def _check_job(self, job_id: str) -> None:
        summary = summarize(self.run(self.quotas.entries(job_id)))
        job = self.model.jobs.get(job_id)
        expected = (0, 0, 0, 0)
        if job is not None:
            held = job.reserved if job.running else 0
            expected = (job.reserved, job.settled, job.refunded, held)
        actual = (summary.reserved, summary.settled, summary.refunded, summary.held)
        assert actual == expected, (self.history, job_id, actual, expected)

    # -- moderators --------------------------------------------------------------------------

    @rule(member=st.sampled_from(MEMBERS), times=st.integers(1, 2))
    def reset(self, member: int, times: int) -> None:
        """Each reset forgives exactly what was charged today and not yet forgiven."""
        for _ in range(times):
            self.history.append(f"reset member={member}")
            expected = self.model.reset(member, self.today)
            actual = self.run(self.quotas.reset(GUILD, member, actor_id=MODERATOR, now=self.now))
            assert actual == expected, (self.history, actual, expected)

    @rule(member=st.sampled_from(MEMBERS), images=st.integers(0, 4))
    def grant(self, member: int, images: int) -> None:
        """Extra images for today."""
        self.history.append(f"grant member={member} images={images}")
        self.model.grant(member, images, self.today)
        self.run(
            self.quotas.grant(
                GUILD, member, images, actor_id=MODERATOR, reason="contest", now=self.now
            )
        )

    @rule(
        scope=st.sampled_from(["member", "role", "guild"]),
        pick=st.integers(0, 2),
        images=st.none() | st.integers(0, 8),
    )
    def set_allowance(self, scope: str, pick: int, images: int | None) -> None:
        """A member's, a role's or the server's allowance changes (or is removed) mid-day."""
        self._set_allowance(scope, pick, images)

    def _set_allowance(self, scope: str, pick: int, images: int | None) -> None:
        if scope == "guild":
            target = GUILD
            self.model.server_allowance = images
        else:
            target = MEMBERS[pick] if scope == "member" else (1, 2, 3)[pick]
            table = self.model.member_allowance if scope == "member" else self.model.role_allowance
            if images is None:
                table.pop(target, None)
            else:
                table[target] = images
        self.history.append(f"allowance {scope} {target} = {images}")
        self.run(self.quotas.set_allowance(GUILD, scope, target, images, actor_id=MODERATOR))

    @rule(member=st.sampled_from(MEMBERS), banned=st.booleans())
    def ban(self, member: int, banned: bool) -> None:
        """A ban refuses every reserve of the member until it is lifted."""
        self.history.append(f"{'ban' if banned else 'unban'} member={member}")
        if banned:
            self.model.banned.add(member)
            self.run(self.quotas.ban(GUILD, member, actor_id=MODERATOR, reason="spam"))
        else:
            was = member in self.model.banned
            self.model.banned.discard(member)
            assert self.run(self.quotas.unban(GUILD, member)) is was, self.history

    @rule(cap=st.none() | st.integers(0, 15))
    def set_cap(self, cap: int | None) -> None:
        """The server's daily cap changes (None: no cap)."""
        self.history.append(f"cap = {cap}")
        self.cap = cap

    @rule(hours=st.sampled_from([5, 13, 24]))
    def later(self, hours: int) -> None:
        """Time passes, sometimes past midnight UTC: a new day starts."""
        self.now += timedelta(hours=hours)
        self.history.append(f"now {self.now.isoformat()}")

    # -- after every step ----------------------------------------------------------------------

    @invariant()
    def boundaries_answer_as_the_model(self) -> None:
        """Asking for exactly what is left or under the cap, and one more, is answered right.

        One member a step, in turn (each probe is three writes). A probe that is taken is
        refunded at once (it stops being held, no credit), so the day's figures stay as
        they were.
        """
        self.probed += 1
        member = MEMBERS[self.probed % len(MEMBERS)]
        left = self.model.standing(member, self.today).left
        room = self.model.server_room(self.today, self.cap)
        sizes = {left, left + 1} | (set() if room is None else {room, room + 1})
        for images in sorted({size for size in sizes if size >= 1}):
            self.probes += 1
            job_id = self.run(new_job(self.store, f"p{self.probes}", member))
            expected = self.model.reserve(job_id, member, images, self.today, self.cap)
            actual = self.run(try_reserve(self.quotas, job_id, member, images, self.cap, self.now))
            context = (self.history, "probe", member, images, self.cap)
            assert actual == expected, (*context, actual, expected)
            self.model.refund(job_id)
            self.run(self.quotas.refund(job_id, "probe"))

    @invariant()
    def balances_match(self) -> None:
        """Every figure /quota shows, today and yesterday, is the model's."""
        for member in MEMBERS:
            for now in (self.now, self.now - timedelta(days=1)):
                actual = self.run(standing(self.quotas, member, now))
                expected = self.model.standing(member, now.date())
                assert actual == expected, (self.history, member, actual, expected)
            banned = self.run(self.quotas.is_banned(GUILD, member))
            assert banned is (member in self.model.banned), self.history

    @invariant()
    def usage_counts_what_was_charged(self) -> None:
        """/usage's images per day are what every member was charged, resets or not."""
        report = self.run(
            guild_usage(self.store, GUILD, days=2, now=self.now, price_per_gpu_second=0.0)
        )
        actual = [entry.images for entry in report.daily]
        expected = [self.model.charged(None, entry.day) for entry in report.daily]
        assert actual == expected, (self.history, actual, expected)

    def teardown(self) -> None:
        try:
            self.run(finish_all(self.store, self.quotas))
            assert self.run(self.quotas.invariant_violations()) == []
        finally:
            try:
                self.run(self.store.close())
            finally:
                self.loop.close()
                shutil.rmtree(self.folder, ignore_errors=True)


LedgerHistory.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
)
TestLedgerHistory = LedgerHistory.TestCase


class PostgresLedgerHistory(LedgerHistory):
    """The same histories on PostgreSQL, each in a schema of its own (advisory locks, casts)."""

    def target(self) -> str:
        self.schema = f"ledger_{uuid.uuid4().hex[:12]}"
        self.run(on_server(f'CREATE SCHEMA "{self.schema}"'))
        return schema_url(self.schema)

    def teardown(self) -> None:
        try:
            super().teardown()
        finally:
            loop = asyncio.new_event_loop()
            try:
                loop.run_until_complete(on_server(f'DROP SCHEMA IF EXISTS "{self.schema}" CASCADE'))
            finally:
                loop.close()


PostgresLedgerHistory.TestCase.settings = settings(
    LedgerHistory.TestCase.settings, max_examples=PG_EXAMPLES
)
TestPostgresLedgerHistory = PostgresLedgerHistory.TestCase


# -- the scenario, end to end ----------------------------------------------------------


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """A real store, on each backend."""
    opened = await Store.open(database)
    yield opened
    await opened.close()


@pytest.fixture
async def quotas(store: Store) -> AsyncIterator[Quotas]:
    """Quotas on the store; every job is ended and the ledger invariant checked after."""
    ledger = Quotas(store, default_per_day=25)
    yield ledger
    await finish_all(store, ledger)
    assert await ledger.invariant_violations() == []


async def test_a_reset_then_a_refund_of_a_held_job_gives_no_credit(
    quotas: Quotas, store: Store
) -> None:
    """Allowance 4: 4 held, reset, refunded: at most 4 more that day; the cap still counts them."""
    member, other, cap = MEMBERS[0], MEMBERS[1], 6
    now = START
    await quotas.set_allowance(GUILD, "member", member, 4, actor_id=MODERATOR)
    first = await new_job(store, "first", member)
    assert await try_reserve(quotas, first, member, 4, cap, now) == "taken"

    # Nothing was charged yet: the reset forgives nothing and the 4 stay held.
    assert await quotas.reset(GUILD, member, actor_id=MODERATOR, now=now) == 0
    after_reset = await quotas.balance(GUILD, member, [], now=now)
    assert (after_reset.held, after_reset.forgiven, after_reset.left) == (4, 0, 0)
    blocked = await new_job(store, "blocked", member)
    assert await try_reserve(quotas, blocked, member, 1, cap, now) == "quota"

    await quotas.refund(first, "prediction.canceled")
    refunded = await quotas.balance(GUILD, member, [], now=now)
    assert (refunded.held, refunded.charged, refunded.left) == (0, 0, 4)

    # One image at a time, as long as the ledger lets the member: exactly 4 more.
    taken: list[str] = []
    for number in range(10):
        job_id = await new_job(store, f"more{number}", member)
        if await try_reserve(quotas, job_id, member, 1, None, now) == "taken":
            taken.append(job_id)
    assert len(taken) == 4
    for job_id in taken:
        await quotas.settle(job_id, 1)
    settled = await quotas.balance(GUILD, member, [], now=now)
    assert (settled.charged, settled.held, settled.left) == (4, 0, 0)

    # A reset now forgives the 4 charged; the server cap still counts the 4 images made.
    assert await quotas.reset(GUILD, member, actor_id=MODERATOR, now=now) == 4
    assert (await quotas.balance(GUILD, member, [], now=now)).left == 4
    too_many = await new_job(store, "too-many", other)
    assert await try_reserve(quotas, too_many, other, 3, cap, now) == "cap"
    fits = await new_job(store, "fits", other)
    assert await try_reserve(quotas, fits, other, 2, cap, now) == "taken"
    last = await new_job(store, "last", member)
    assert await try_reserve(quotas, last, member, 1, cap, now) == "cap"
