"""The create pace: keeps creates under Replicate's per-minute limit across all members.

The limiting itself is aiolimiter's leaky bucket, which admits a burst of `max_rate` and then
drains at `max_rate / time_period` per second on the event loop's clock.
"""

from __future__ import annotations

import asyncio

from aiolimiter import AsyncLimiter


class CreatePace:
    """`per_minute` creates a minute on average, with bursts of up to a tenth of that."""

    def __init__(self, per_minute: int) -> None:
        if per_minute < 1:
            raise ValueError(f"per_minute must be at least 1, not {per_minute}")
        burst = max(1.0, per_minute / 10)
        self._limiter = AsyncLimiter(burst, time_period=burst * 60 / per_minute)
        # Strict first come, first served: aiolimiter lets a caller arriving just as capacity
        # frees take it ahead of the waiter being woken for it, which then queues again last.
        self._turn = asyncio.Lock()

    async def take(self) -> None:
        """Wait until one create may be sent (first come, first served), and count it."""
        async with self._turn:
            await self._limiter.acquire()
