"""A token bucket: keeps creates under Replicate's per-minute limit across all members."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


class TokenBucket:
    """`per_minute` takes a minute on average, with bursts of up to a tenth of that."""

    def __init__(self, per_minute: int, clock: Callable[[], float] | None = None) -> None:
        self._rate = per_minute / 60.0
        self._capacity = max(1.0, per_minute / 10)
        self._tokens = self._capacity
        self._clock = clock or asyncio.get_running_loop().time
        self._updated = self._clock()
        self._lock = asyncio.Lock()

    async def take(self) -> None:
        """Wait until one token is free, then take it (first come, first served)."""
        async with self._lock:
            while True:
                now = self._clock()
                self._tokens = min(
                    self._capacity, self._tokens + (now - self._updated) * self._rate
                )
                self._updated = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / self._rate)
