"""The create token bucket: bursts up to a tenth of the minute's allowance, then paces."""

from __future__ import annotations

import asyncio

from bot.ratelimit import TokenBucket


async def test_a_burst_passes_then_creates_are_paced() -> None:
    """600/min: 60 creates go at once; the 61st waits for a token (about 0.1 s)."""
    bucket = TokenBucket(600)
    loop = asyncio.get_running_loop()
    started = loop.time()
    for _ in range(60):
        await bucket.take()
    burst = loop.time() - started
    await bucket.take()
    paced = loop.time() - started
    # Lower bounds only: a slow machine can make these longer, never shorter.
    assert paced - burst >= 0.05
    assert paced >= 0.05


async def test_waiters_are_served_in_order() -> None:
    """Requests queue first come, first served."""
    bucket = TokenBucket(60)
    for _ in range(6):
        await bucket.take()
    order: list[int] = []

    async def take(index: int) -> None:
        await bucket.take()
        order.append(index)

    await asyncio.wait_for(asyncio.gather(take(1), take(2)), timeout=10)
    assert order == [1, 2]
