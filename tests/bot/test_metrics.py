"""The loop-lag probe: its histogram, its percentiles, and its snapshots on disk."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
from pathlib import Path

import pytest

from bot import metrics

pytestmark = pytest.mark.virtual_time


def test_lag_histogram_buckets_and_percentiles() -> None:
    """Samples land in 9 %-wide buckets; percentiles are bucket edges capped by the max."""
    assert metrics.bucket_of(0.0) == 0
    edges = metrics.BUCKET_EDGES
    assert edges[-1] >= 60
    assert all(b / a == pytest.approx(2 ** (1 / 8)) for a, b in itertools.pairwise(edges))
    for lag in (0.00015, 0.003, 0.05, 0.7, 12.0):
        index = metrics.bucket_of(lag)
        assert edges[index - 1] < lag <= edges[index] * (1 + 1e-9)
    probe = metrics.LoopLagProbe()
    for lag in [0.001] * 98 + [0.2, 0.3]:
        probe.observe(lag)
    figures = metrics.summarize(probe.counts, probe.largest)
    assert figures["samples"] == 100
    assert 1.0 <= figures["p50_ms"] <= 1.1
    assert 200 <= figures["p99_ms"] <= 220
    assert figures["max_ms"] == pytest.approx(300)


async def test_probe_off_without_the_variable(tmp_path: Path) -> None:
    """Without SDXL_BOT_METRICS_PATH nothing runs and nothing is written."""
    async with metrics.lag_probe(None) as probe:
        assert probe is None
    assert list(tmp_path.iterdir()) == []


async def test_probe_writes_its_snapshot_periodically_and_on_exit(tmp_path: Path) -> None:
    """With the variable set the probe samples, rewrites the file as it goes and on exit."""
    path = tmp_path / "metrics.json"
    async with metrics.lag_probe(path, 0.1) as probe:
        assert probe is not None
        while not path.exists():
            await asyncio.sleep(0.02)
        first = json.loads(path.read_text())
    last = json.loads(path.read_text())
    assert first["samples"] >= 1 and first["pid"] == os.getpid()
    assert first["allocated_blocks"] > 0 and first["tasks"] >= 2  # this test and the probe
    assert last["samples"] >= first["samples"] and last["written"] >= first["written"]
    assert last["p50_ms"] <= last["p99_ms"] <= last["max_ms"] + 1e-9
    assert len(last["counts"]) == len(last["bucket_edges_ms"]) == len(metrics.BUCKET_EDGES)
