"""The create pace: bursts up to a tenth of the minute's allowance, then paces."""

from __future__ import annotations

import asyncio

import pytest

from bot.ratelimit import CreatePace

pytestmark = pytest.mark.virtual_time


async def test_a_burst_passes_then_creates_are_paced() -> None:
    """600/min: 60 creates go at once; the 61st waits for a token, exactly 0.1 s."""
    pace = CreatePace(600)
    loop = asyncio.get_running_loop()
    started = loop.time()
    for _ in range(60):
        await pace.take()
    burst = loop.time() - started
    await pace.take()
    paced = loop.time() - started
    # Exact on virtual time (to its microsecond): the bucket alone decides the waits.
    assert burst == 0
    assert round(paced, 6) == 0.1


async def test_after_the_burst_the_average_rate_holds() -> None:
    """600/min: five creates after the burst take exactly half a second (one per 0.1 s)."""
    pace = CreatePace(600)
    for _ in range(60):
        await pace.take()
    loop = asyncio.get_running_loop()
    started = loop.time()
    for _ in range(5):
        await pace.take()
    assert round(loop.time() - started, 6) == 0.5


async def test_waiters_are_served_in_order() -> None:
    """Requests queue first come, first served."""
    pace = CreatePace(60)
    for _ in range(6):
        await pace.take()
    order: list[int] = []

    async def take(index: int) -> None:
        await pace.take()
        order.append(index)

    await asyncio.wait_for(asyncio.gather(take(1), take(2)), timeout=10)
    assert order == [1, 2]


def test_a_pace_below_one_a_minute_is_refused() -> None:
    """Zero creates a minute would never admit one: a configuration error, raised at once."""
    with pytest.raises(ValueError, match="at least 1"):
        CreatePace(0)
