"""Requests per prediction and completion-notice delay: our tracker beside the official client.

Both run side by side in one process against the same fake Replicate with the same simulated
SDXL run (boot, tqdm steps, post-processing), so the machine's noise hits both alike. The notice
delay is the time between the fake's exact completion instant and the client seeing it.

    .venv/bin/python -m bench.polling [--run-seconds 30] [--predictions 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

import aiohttp
import replicate
from pydantic import SecretStr

from bot.replicate import ReplicateClient
from bot.tracking import PredictionTracker
from tests.fakes.replicate import FakeReplicate, Timing

VERSION = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
TOKEN = "r8_fake_test_token"
STEPS = 50
RESULTS = Path(__file__).with_name("results.json")


class Runs:
    """Hands each create its own simulated run; the fake copies its Timing at creation."""

    def __init__(self, fake: FakeReplicate, run_seconds: float) -> None:
        self.fake = fake
        self.run_seconds = run_seconds
        self.lock = asyncio.Lock()

    def timing(self, tail: float) -> Timing:
        """1 s of boot, 50 tqdm steps, then `tail` seconds of decoding, safety check and upload."""
        return Timing(starting=1.0, step=(self.run_seconds - 1.0 - tail) / STEPS, finishing=tail)


async def ours(
    runs: Runs, session: aiohttp.ClientSession, offset: float, tail: float
) -> tuple[str, float]:
    """Create and track one prediction with our client; (id, monotonic time the end was seen)."""
    await asyncio.sleep(offset)
    client = ReplicateClient(session, base_url=runs.fake.base_url, token=SecretStr(TOKEN))
    async with runs.lock:
        runs.fake.timing = runs.timing(tail)
        created = await client.create(VERSION, {"prompt": "bench", "num_inference_steps": STEPS})
    async for update in PredictionTracker(client, created).updates():
        if update.prediction.is_terminal:
            return created.id, time.monotonic()
    raise RuntimeError("tracking ended without a terminal state")


async def official(runs: Runs, offset: float, tail: float) -> tuple[str, float]:
    """The same with the official client: predictions.create, then wait() (0.5 s polling)."""
    await asyncio.sleep(offset)
    client = replicate.Client(api_token=TOKEN, base_url=runs.fake.origin)
    async with runs.lock:
        runs.fake.timing = runs.timing(tail)
        prediction = await client.predictions.async_create(
            version=VERSION.split(":")[1], input={"prompt": "bench", "num_inference_steps": STEPS}
        )
    await prediction.async_wait()
    return prediction.id, time.monotonic()


def summarize(fake: FakeReplicate, outcomes: list[tuple[str, float]]) -> dict[str, float]:
    """GETs per prediction and notice delays (seconds) for one client's predictions."""
    gets = [fake.count("GET", rf"/v1/predictions/{prediction_id}") for prediction_id, _ in outcomes]
    delays = []
    for prediction_id, seen in outcomes:
        completed = fake.predictions[prediction_id].completed_monotonic
        assert completed is not None
        delays.append(seen - completed)
    return {
        "predictions": len(outcomes),
        "gets_per_prediction": statistics.mean(gets),
        "requests_per_prediction": statistics.mean(gets) + 1,
        "notice_delay_mean_s": statistics.mean(delays),
        "notice_delay_p50_s": statistics.median(delays),
        "notice_delay_max_s": max(delays),
    }


async def measure(run_seconds: float, predictions: int) -> dict[str, Any]:
    """Run both clients concurrently on one fake and return the figures."""
    async with FakeReplicate(token=TOKEN) as fake, aiohttp.ClientSession() as session:
        runs = Runs(fake, run_seconds)
        # Staggered starts and varied post-processing tails, the same for both clients, so
        # completions fall at every phase of each client's polling.
        rng = random.Random(2)
        offsets = [rng.uniform(0, 2) for _ in range(predictions)]
        tails = [rng.uniform(0.5, 3.0) for _ in range(predictions)]
        jobs_ours = [ours(runs, session, o, t) for o, t in zip(offsets, tails, strict=True)]
        jobs_official = [official(runs, o, t) for o, t in zip(offsets, tails, strict=True)]
        results = await asyncio.gather(*jobs_ours, *jobs_official)
        ours_summary = summarize(fake, results[:predictions])
        official_summary = summarize(fake, results[predictions:])
    return {
        "run_seconds": run_seconds,
        "sdxl-bot": ours_summary,
        "replicate-python": official_summary,
        "get_ratio": ours_summary["gets_per_prediction"] / official_summary["gets_per_prediction"],
    }


def print_table(figures: dict[str, Any]) -> None:
    """The figures as a table on stdout."""
    print(f"Polling, {figures['run_seconds']:.0f} s predictions (same fake, same run)")
    print(f"{'client':<18}{'GETs/prediction':>17}{'notice mean':>13}{'notice max':>12}")
    for name in ("sdxl-bot", "replicate-python"):
        row = figures[name]
        print(
            f"{name:<18}{row['gets_per_prediction']:>17.1f}"
            f"{row['notice_delay_mean_s']:>12.2f}s{row['notice_delay_max_s']:>11.2f}s"
        )
    print(f"GET ratio sdxl-bot / replicate-python: {figures['get_ratio']:.2f}")


def save(section: str, figures: dict[str, Any]) -> None:
    """Merge the figures into bench/results.json under `section`."""
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[section] = figures
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")


def main() -> None:
    """Command line entry: measure, print, save."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-seconds", type=float, default=30.0)
    parser.add_argument("--predictions", type=int, default=5)
    args = parser.parse_args()
    figures = asyncio.run(measure(args.run_seconds, args.predictions))
    print_table(figures)
    save("polling", figures)


if __name__ == "__main__":
    main()
