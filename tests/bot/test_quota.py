"""The quota ledger on a real SQLite file: allowances, reserve/settle/refund, races, days."""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.errors import Banned, GuildCapReached, QuotaExceeded
from bot.lifecycle import JobState, walk
from bot.quota import Quotas
from bot.store import Store
from cogs.catalogue import render

GUILD, MEMBER, MOD = 10, 20, 30
NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """A real SQLite store."""
    opened = await Store.open(database)
    yield opened
    await opened.close()


@pytest.fixture
async def quotas(store: Store) -> AsyncIterator[Quotas]:
    """Quotas with the env default of 25; the ledger invariant is checked after each test."""
    ledger = Quotas(store, default_per_day=25)
    yield ledger
    assert await ledger.invariant_violations() == []


async def job(store: Store, job_id: str, state: str = "queued", user: int = MEMBER) -> str:
    """A job row for ledger entries to point at."""
    await store.insert_job(
        id=job_id, requester_id=user, locale="en-US", request_json="{}", state=state
    )
    return job_id


async def finish(store: Store, job_id: str, state: str) -> None:
    """Mark a job finished, as the runner does after settling or refunding."""
    row = await store.job(job_id)
    assert row is not None
    await store.write_together(walk(job_id, JobState(row.state), JobState(state)))


async def test_allowance_resolution_order(quotas: Quotas) -> None:
    """Member override > best role tier > server default > QUOTA_IMAGES_PER_DAY."""
    assert await quotas.allowance(GUILD, MEMBER, [1, 2]) == (25, "default")
    await quotas.set_allowance(GUILD, "guild", GUILD, 10, actor_id=MOD)
    assert await quotas.allowance(GUILD, MEMBER, [1, 2]) == (10, "guild")
    await quotas.set_allowance(GUILD, "role", 1, 40, actor_id=MOD)
    await quotas.set_allowance(GUILD, "role", 2, 60, actor_id=MOD)
    await quotas.set_allowance(GUILD, "role", 3, 99, actor_id=MOD)
    assert await quotas.allowance(GUILD, MEMBER, [1, 2]) == (60, "role")
    await quotas.set_allowance(GUILD, "member", MEMBER, 5, actor_id=MOD)
    assert await quotas.allowance(GUILD, MEMBER, [1, 2]) == (5, "member")
    await quotas.set_allowance(GUILD, "member", MEMBER, None, actor_id=MOD)
    assert await quotas.allowance(GUILD, MEMBER, [1, 2]) == (60, "role")
    assert await quotas.allowance(GUILD + 1, MEMBER, [1, 2]) == (25, "default")


async def test_reserve_settle_and_refund_explain_the_balance(quotas: Quotas, store: Store) -> None:
    """4 reserved, 3 delivered (1 held back), then 2 reserved and failed: 3 consumed, 22 left."""
    first = await job(store, "a")
    await quotas.reserve(
        job_id=first, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=4, now=NOON
    )
    balance = await quotas.balance(GUILD, MEMBER, [], now=NOON)
    assert (balance.in_progress, balance.left) == (4, 21)
    await quotas.settle(first, 3)
    await finish(store, first, "done")
    second = await job(store, "b")
    await quotas.reserve(
        job_id=second, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=2, now=NOON
    )
    await quotas.refund(second, "the model failed")
    await finish(store, second, "failed")
    balance = await quotas.balance(GUILD, MEMBER, [], now=NOON)
    assert (balance.settled, balance.in_progress, balance.consumed, balance.left) == (3, 0, 3, 22)
    assert await quotas.entries(first) == [
        ("reserve", 4, "requested"),
        ("settle", 3, "delivered"),
        ("refund", 1, "held back by the safety checker"),
    ]
    assert await quotas.entries(second) == [
        ("reserve", 2, "requested"),
        ("refund", 2, "the model failed"),
    ]


async def test_settle_and_refund_happen_once(quotas: Quotas, store: Store) -> None:
    """Repeating settle or refund (a retry, a restart) changes nothing."""
    job_id = await job(store, "a")
    await quotas.reserve(job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=2)
    await quotas.settle(job_id, 2)
    await quotas.settle(job_id, 2)
    await quotas.refund(job_id, "late failure")
    await finish(store, job_id, "done")
    assert await quotas.entries(job_id) == [("reserve", 2, "requested"), ("settle", 2, "delivered")]


async def test_over_the_allowance_is_refused_and_takes_nothing(
    quotas: Quotas, store: Store
) -> None:
    """Asking for more than is left raises QuotaExceeded with the reset time; nothing is written."""
    await quotas.set_allowance(GUILD, "member", MEMBER, 3, actor_id=MOD)
    job_id = await job(store, "a")
    with pytest.raises(QuotaExceeded) as caught:
        await quotas.reserve(
            job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=4, now=NOON
        )
    tomorrow = int(datetime(2026, 11, 21, tzinfo=UTC).timestamp())
    assert f"<t:{tomorrow}:R>" in render(caught.value)
    assert "3" in render(caught.value)
    assert await quotas.entries(job_id) == []


async def test_two_hundred_concurrent_reserves_never_oversell(quotas: Quotas, store: Store) -> None:
    """200 requests racing for one member's 25 images: exactly 25 succeed."""
    ids = [await job(store, f"j{i:03d}") for i in range(200)]

    async def take(job_id: str) -> bool:
        try:
            await quotas.reserve(
                job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=1, now=NOON
            )
        except QuotaExceeded:
            return False
        return True

    results = await asyncio.gather(*(take(job_id) for job_id in ids))
    assert sum(results) == 25
    balance = await quotas.balance(GUILD, MEMBER, [], now=NOON)
    assert (balance.in_progress, balance.left) == (25, 0)
    for job_id, taken in zip(ids, results, strict=True):
        if taken:
            await quotas.settle(job_id, 1)
        await finish(store, job_id, "done")


async def test_mixed_sized_races_stay_within_the_allowance(quotas: Quotas, store: Store) -> None:
    """Requests of 1-4 images racing: the total taken never exceeds the allowance."""
    ids = [await job(store, f"m{i:03d}") for i in range(60)]

    async def take(index: int) -> int:
        size = index % 4 + 1
        try:
            await quotas.reserve(
                job_id=ids[index], guild_id=GUILD, user_id=MEMBER, role_ids=[], images=size
            )
        except QuotaExceeded:
            return 0
        return size

    taken = await asyncio.gather(*(take(i) for i in range(60)))
    assert 22 <= sum(taken) <= 25
    for job_id in ids:
        await quotas.refund(job_id, "test over")
        await finish(store, job_id, "canceled")


async def test_the_server_cap_applies_across_members(quotas: Quotas, store: Store) -> None:
    """With a daily cap of 5 for the server, a second member cannot take the sixth image."""
    first = await job(store, "a")
    await quotas.reserve(
        job_id=first, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=4, daily_cap=5
    )
    second = await job(store, "b", user=MEMBER + 1)
    with pytest.raises(GuildCapReached):
        await quotas.reserve(
            job_id=second, guild_id=GUILD, user_id=MEMBER + 1, role_ids=[], images=2, daily_cap=5
        )
    await quotas.refund(first, "test over")
    await finish(store, first, "canceled")


async def test_banned_members_cannot_reserve_until_unbanned(quotas: Quotas, store: Store) -> None:
    """A ban refuses every reserve; unban restores it."""
    await quotas.ban(GUILD, MEMBER, actor_id=MOD, reason="spam")
    job_id = await job(store, "a")
    with pytest.raises(Banned):
        await quotas.reserve(job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=1)
    assert await quotas.unban(GUILD, MEMBER) is True
    assert await quotas.unban(GUILD, MEMBER) is False
    await quotas.reserve(job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=1)
    await quotas.settle(job_id, 1)
    await finish(store, job_id, "done")


async def test_grants_and_resets_are_entries_with_their_moderator(
    quotas: Quotas, store: Store
) -> None:
    """A grant adds to today's limit; a reset forgives what was consumed."""
    await quotas.set_allowance(GUILD, "member", MEMBER, 2, actor_id=MOD)
    job_id = await job(store, "a")
    await quotas.reserve(
        job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=2, now=NOON
    )
    await quotas.settle(job_id, 2)
    await finish(store, job_id, "done")
    assert (await quotas.balance(GUILD, MEMBER, [], now=NOON)).left == 0
    await quotas.grant(GUILD, MEMBER, 3, actor_id=MOD, reason="contest winner", now=NOON)
    assert (await quotas.balance(GUILD, MEMBER, [], now=NOON)).left == 3
    assert await quotas.reset(GUILD, MEMBER, actor_id=MOD, now=NOON) == 2
    balance = await quotas.balance(GUILD, MEMBER, [], now=NOON)
    assert (balance.consumed, balance.left, balance.settled) == (0, 5, 2)


async def test_a_job_charges_the_day_it_was_reserved_on(quotas: Quotas, store: Store) -> None:
    """Reserved at 23:59 and settled after midnight, it counts for day one; day two is fresh."""
    late = datetime(2026, 11, 20, 23, 59, tzinfo=UTC)
    job_id = await job(store, "a")
    await quotas.reserve(
        job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=3, now=late
    )
    await quotas.settle(job_id, 3)
    await finish(store, job_id, "done")
    assert (await quotas.balance(GUILD, MEMBER, [], now=late)).consumed == 3
    next_day = late + timedelta(minutes=2)
    balance = await quotas.balance(GUILD, MEMBER, [], now=next_day)
    assert (balance.consumed, balance.left) == (0, 25)
    assert balance.resets_at == datetime(2026, 11, 22, tzinfo=UTC)


async def test_the_invariant_check_catches_a_broken_job(store: Store) -> None:
    """A finished job with an unsettled reservation is reported (so the check can fail)."""
    quotas = Quotas(store, default_per_day=25)
    job_id = await job(store, "broken")
    await quotas.reserve(job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=2)
    await finish(store, job_id, "done")
    [violation] = await quotas.invariant_violations()
    assert "broken" in violation and "reserved 2" in violation


# -- the one-statement reserve agrees with Balance ------------------------------------------------

_OPERATION = st.one_of(
    st.tuples(
        st.just("allowance"), st.sampled_from(["member", "role", "guild"]), st.integers(0, 9)
    ),
    st.tuples(st.just("grant"), st.integers(0, 4)),
    st.tuples(st.just("reset")),
    st.tuples(st.just("ban"), st.booleans()),
    st.tuples(st.just("reserve"), st.integers(1, 4), st.sampled_from([MEMBER, MEMBER + 1])),
    st.tuples(st.just("end"), st.integers(0, 50), st.integers(0, 4)),
)


async def _room(store: Store, quotas: Quotas, user: int, roles: list[int]) -> tuple[int, int]:
    """(left to the member by Python's Balance, images the server used today)."""
    balance = await quotas.balance(GUILD, user, roles, now=NOON)
    rows = await store.fetch_all(
        "SELECT kind, amount FROM ledger WHERE guild_id = ? AND day = ?",
        (GUILD, NOON.date().isoformat()),
    )
    # Charged + held by every member: resets do not lower it (DESIGN.md §5).
    used = sum(a for k, a in rows if k == "reserve") - sum(a for k, a in rows if k == "refund")
    return balance.left, max(0, used)


def _expected_refusal(
    banned: bool, left: int, used: int, images: int, cap: int | None
) -> type[Exception] | None:
    """What Python's Balance (not the reserve statement) says a reservation should meet."""
    if banned:
        return Banned
    if images > left:
        return QuotaExceeded
    if cap is not None and used + images > cap:
        return GuildCapReached
    return None


async def _try_reserve(
    quotas: Quotas, job_id: str, user: int, roles: list[int], images: int, cap: int | None
) -> type[Exception] | None:
    """Reserve through the public API: None if granted, else the refusal's type."""
    try:
        await quotas.reserve(
            job_id=job_id,
            guild_id=GUILD,
            user_id=user,
            role_ids=roles,
            images=images,
            daily_cap=cap,
            now=NOON,
        )
    except (Banned, QuotaExceeded, GuildCapReached) as refusal:
        return type(refusal)
    return None


async def _probe(
    store: Store, quotas: Quotas, roles: list[int], cap: int | None, label: str
) -> list[str]:
    """Ask, for both members, for exactly what is left and one more (to them and under the
    cap); give back what was granted at once. Reserve then refund leaves every sum as it was."""
    mismatches = []
    for user in (MEMBER, MEMBER + 1):
        left, used = await _room(store, quotas, user, roles)
        banned = await quotas.is_banned(GUILD, user)
        rooms = {left} if cap is None else {left, cap - used}
        for images in sorted({max(1, room + extra) for room in rooms for extra in (0, 1)}):
            expected = _expected_refusal(banned, left, used, images, cap)
            job_id = await job(store, f"{label}-{user}-{images}", user=user)
            outcome = await _try_reserve(quotas, job_id, user, roles, images, cap)
            await quotas.refund(job_id, "probe")
            await finish(store, job_id, "failed")
            if outcome is not expected:
                mismatches.append(f"{label}: {user} asked {images}: {outcome} != {expected}")
    return mismatches


async def _replay(
    folder: Path, operations: list[tuple[Any, ...]], roles: list[int], cap: int | None
) -> None:
    store = await Store.open(folder / "ledger.sqlite3")
    quotas = Quotas(store, default_per_day=6)
    reserved: list[str] = []
    try:
        for number, operation in enumerate(operations):
            kind = operation[0]
            if kind == "allowance":
                target = {"member": MEMBER, "role": roles[0] if roles else 99, "guild": 0}
                await quotas.set_allowance(
                    GUILD, operation[1], target[operation[1]], operation[2], actor_id=MOD
                )
            elif kind == "grant":
                await quotas.grant(GUILD, MEMBER, operation[1], actor_id=MOD, reason="t", now=NOON)
            elif kind == "reset":
                await quotas.reset(GUILD, MEMBER, actor_id=MOD, now=NOON)
            elif kind == "ban":
                if operation[1]:
                    await quotas.ban(GUILD, MEMBER, actor_id=MOD, reason="t")
                else:
                    await quotas.unban(GUILD, MEMBER)
            elif kind == "reserve":
                images, user = operation[1], operation[2]
                job_id = await job(store, f"j{number}", user=user)
                if await _try_reserve(quotas, job_id, user, roles, images, cap) is None:
                    reserved.append(job_id)
            elif kind == "end" and reserved:
                job_id = reserved[operation[1] % len(reserved)]
                await quotas.settle(job_id, operation[2])
            mismatches = await _probe(store, quotas, roles, cap, f"after {number}")
            assert mismatches == [], (operations[: number + 1], mismatches)
        for job_id in reserved:
            await quotas.refund(job_id, "test over")
            await finish(store, job_id, "done")
        assert await quotas.invariant_violations() == []
    finally:
        await store.close()


@settings(max_examples=50, deadline=None)
@given(
    operations=st.lists(_OPERATION, min_size=3, max_size=25),
    roles=st.lists(st.integers(1, 3), max_size=2, unique=True),
    cap=st.none() | st.integers(0, 12),
)
def test_reserve_refuses_exactly_what_the_balance_says(
    operations: list[tuple[Any, ...]], roles: list[int], cap: int | None
) -> None:
    """Over any history, the SQL check-and-take refuses exactly when Balance and the cap do."""
    with tempfile.TemporaryDirectory(prefix="sdxl-quota-") as folder:
        asyncio.run(_replay(Path(folder), operations, roles, cap))
