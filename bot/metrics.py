"""An opt-in probe of the event loop's lag, for benchmarks and for operators chasing stalls.

Every 50 ms a task sleeps until a known instant and records how late it woke up: that delay is
how long any other callback of the process (a defer, a heartbeat reply, a status edit) would
have waited too. Samples go into a fixed histogram (geometric buckets, 9 % wide, from 0.1 ms
to a minute), so memory stays constant however long the bot runs and a reader can take the
difference of two snapshots to get the figures of one window.

Nothing runs unless SDXL_BOT_METRICS_PATH is set: then the bot's run starts `lag_probe()`,
which writes its snapshot as JSON to that path every SDXL_BOT_METRICS_EVERY seconds (default
5) and once more on exit. The file is replaced atomically, so a reader never sees half of it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import sys
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SAMPLE_INTERVAL = 0.05
WRITE_EVERY = 5.0
# Upper edges of the buckets, in seconds: 0.1 ms * 2**(i/8), up to just past 60 s.
_FIRST_EDGE = 1e-4
_PER_DOUBLING = 8
BUCKET_EDGES: tuple[float, ...] = tuple(
    _FIRST_EDGE * 2 ** (i / _PER_DOUBLING)
    for i in range(math.ceil(_PER_DOUBLING * math.log2(60 / _FIRST_EDGE)) + 1)
)


def bucket_of(lag: float) -> int:
    """The index of the bucket `lag` (seconds) falls in; the last one takes everything longer."""
    if lag <= _FIRST_EDGE:
        return 0
    index = math.ceil(_PER_DOUBLING * math.log2(lag / _FIRST_EDGE) - 1e-9)
    return min(index, len(BUCKET_EDGES) - 1)


def percentile(counts: Sequence[int], fraction: float) -> float:
    """The upper edge (seconds) of the bucket holding the `fraction` quantile; 0 when empty."""
    total = sum(counts)
    if total == 0:
        return 0.0
    wanted = max(1, math.ceil(fraction * total))
    seen = 0
    for index, count in enumerate(counts):
        seen += count
        if seen >= wanted:
            return BUCKET_EDGES[index]
    return BUCKET_EDGES[-1]


def summarize(counts: Sequence[int], largest: float) -> dict[str, float | int]:
    """p50, p99 and max (ms) and the sample count of a histogram; `largest` caps the edges."""
    return {
        "samples": sum(counts),
        "p50_ms": min(percentile(counts, 0.50), largest) * 1000,
        "p99_ms": min(percentile(counts, 0.99), largest) * 1000,
        "max_ms": largest * 1000,
    }


def _live_tasks() -> int:
    """Tasks of the loop running in this thread (0 outside one)."""
    try:
        return len(asyncio.all_tasks())
    except RuntimeError:
        return 0


class LoopLagProbe:
    """Samples the running loop's lag; `run()` until cancelled, `snapshot()` at any time."""

    def __init__(
        self,
        *,
        path: Path | None = None,
        interval: float = SAMPLE_INTERVAL,
        write_every: float = WRITE_EVERY,
    ) -> None:
        self.path = path
        self.interval = interval
        self.write_every = write_every
        self.counts = [0] * len(BUCKET_EDGES)
        self.largest = 0.0
        self.started = time.time()

    def observe(self, lag: float) -> None:
        """Record one sample, in seconds (negative values, clock jitter, count as 0)."""
        lag = max(0.0, lag)
        self.counts[bucket_of(lag)] += 1
        self.largest = max(self.largest, lag)

    def snapshot(self) -> dict[str, Any]:
        """The figures so far, with the raw histogram so two snapshots can be subtracted.

        Also what a leak would show first: Python's allocated blocks and live tasks (memory
        that grows while these stay flat is the allocator's or SQLite's caches, not ours).
        """
        return {
            **summarize(self.counts, self.largest),
            "allocated_blocks": sys.getallocatedblocks(),
            "tasks": _live_tasks(),
            "interval_ms": self.interval * 1000,
            "pid": os.getpid(),
            "started": self.started,
            "written": time.time(),
            "bucket_edges_ms": [edge * 1000 for edge in BUCKET_EDGES],
            "counts": list(self.counts),
        }

    def write(self, snapshot: dict[str, Any] | None = None) -> None:
        """Replace the file at `path` with `snapshot` (taken now if None; on the loop's thread).

        Nothing without a path.
        """
        if self.path is None:
            return
        data = self.snapshot() if snapshot is None else snapshot
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as error:
            log.warning("Could not write the loop-lag metrics to %s: %s", self.path, error)

    async def run(self) -> None:
        """Sample until cancelled, writing the snapshot every `write_every` seconds."""
        loop = asyncio.get_running_loop()
        next_write = loop.time() + self.write_every
        while True:
            due = loop.time() + self.interval
            await asyncio.sleep(self.interval)
            now = loop.time()
            self.observe(now - due)
            if self.path is not None and now >= next_write:
                next_write = now + self.write_every
                await asyncio.to_thread(self.write, self.snapshot())


@contextlib.asynccontextmanager
async def lag_probe(
    path: Path | None, every: float = WRITE_EVERY
) -> AsyncIterator[LoopLagProbe | None]:
    """Run a LoopLagProbe writing to `path` for the body; without a path, do nothing."""
    if path is None:
        yield None
        return
    probe = LoopLagProbe(path=path, write_every=every)
    task = asyncio.create_task(probe.run(), name="metrics:loop-lag")
    log.info("Sampling the event loop's lag into %s", path)
    try:
        yield probe
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        probe.write()
