"""Requests per prediction and completion-notice delay: our tracker beside the official client,
and the bot process in webhook mode.

Polling: both clients run side by side in one process against the same fake Replicate with the
same simulated SDXL run (boot, tqdm steps, post-processing), so the machine's noise hits both
alike. The notice delay is the time between the fake's exact completion instant and the client
seeing it.

Webhook: the real bot process with WEBHOOK_PUBLIC_URL and WEBHOOK_LISTEN set, driven through
/imagine; the fake Replicate signs and posts each prediction's events to the bot's receiver.
Seen from outside the process, the notice is the bot's first download of the prediction's
output (which it starts as soon as it knows the prediction succeeded), so the delay measured
there is an upper bound of the notice delay.

    .venv/bin/python -m bench.polling [--run-seconds 30] [--predictions 10] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import aiohttp
from pydantic import SecretStr
from replicate.client import Client as OfficialClient

from bench import concurrency
from bot.replicate import ReplicateClient
from bot.tracking import PredictionTracker
from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate, Timing

VERSION = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
TOKEN = "r8_fake_test_token"
STEPS = 50
# The proportions of a real SDXL run, for a 30 s prediction; shorter runs are scaled down.
BOOT = 1.0
TAILS = (0.5, 3.0)
OFFSETS = 2.0


@dataclass(frozen=True)
class Config:
    """The size of one run."""

    run_seconds: float = 30.0
    predictions: int = 10
    timeout: float = 120.0  # the webhook run gives up waiting for deliveries after this long


QUICK = Config(run_seconds=3.0, predictions=3, timeout=60.0)


def timing(run_seconds: float, tail: float) -> Timing:
    """Boot, 50 tqdm steps, then `tail` seconds of decoding, safety check and upload."""
    boot = BOOT * run_seconds / 30
    return Timing(starting=boot, step=(run_seconds - boot - tail) / STEPS, finishing=tail)


def schedule(config: Config) -> tuple[list[float], list[float]]:
    """Staggered starts and post-processing tails, the same for every client measured."""
    rng = random.Random(2)
    scale = config.run_seconds / 30
    offsets = [rng.uniform(0, OFFSETS * scale) for _ in range(config.predictions)]
    tails = [rng.uniform(*TAILS) * scale for _ in range(config.predictions)]
    return offsets, tails


class Runs:
    """Hands each create its own simulated run; the fake copies its Timing at creation."""

    def __init__(self, fake: FakeReplicate, run_seconds: float) -> None:
        self.fake = fake
        self.run_seconds = run_seconds
        self.lock = asyncio.Lock()

    def timing(self, tail: float) -> Timing:
        """The simulated run for a prediction ending with `tail` seconds of post-processing."""
        return timing(self.run_seconds, tail)


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
    client = OfficialClient(api_token=TOKEN, base_url=runs.fake.origin)
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
        "notice_delay_min_s": min(delays),
    }


async def measure(config: Config) -> dict[str, Any]:
    """Run both clients concurrently on one fake and return the figures."""
    async with FakeReplicate(token=TOKEN) as fake, aiohttp.ClientSession() as session:
        runs = Runs(fake, config.run_seconds)
        # Completions fall at every phase of each client's polling.
        offsets, tails = schedule(config)
        jobs_ours = [ours(runs, session, o, t) for o, t in zip(offsets, tails, strict=True)]
        jobs_official = [official(runs, o, t) for o, t in zip(offsets, tails, strict=True)]
        results = await asyncio.gather(*jobs_ours, *jobs_official)
        ours_summary = summarize(fake, results[: config.predictions])
        official_summary = summarize(fake, results[config.predictions :])
    return {
        "run_seconds": config.run_seconds,
        "sdxl-bot": ours_summary,
        "replicate-python": official_summary,
        "replicate-python_version": metadata.version("replicate"),
        "get_ratio": ours_summary["gets_per_prediction"] / official_summary["gets_per_prediction"],
    }


# -- webhook mode ------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port of 127.0.0.1 free a moment ago (the bot's receiver takes it right after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def measure_webhook(config: Config) -> dict[str, Any]:
    """GETs per prediction and notice delay of the bot process in webhook mode."""
    offsets, tails = schedule(config)
    port = free_port()
    url = f"http://127.0.0.1:{port}/replicate/webhook"
    with tempfile.TemporaryDirectory(prefix="sdxl-bench-webhook-") as tmp:
        folder = Path(tmp)
        async with FakeReplicate(token=TOKEN) as fake, FakeDiscord() as discord:
            members = [discord.add_user(f"member{n}") for n in range(config.predictions)]
            env = concurrency.environment(
                discord,
                fake,
                folder,
                max_concurrent=max(4, config.predictions),
                members=config.predictions,
                WEBHOOK_PUBLIC_URL=url,
                WEBHOOK_LISTEN=f"127.0.0.1:{port}",
            )
            with (folder / "bot.log").open("wb") as log:
                process = await concurrency.launch(env, folder, log)
                try:
                    figures = await _drive_webhook(config, discord, fake, members, offsets, tails)
                finally:
                    exit_code = await concurrency.stop(process)
            figures["bot_exit_code"] = exit_code
            figures["bot_log_errors"] = concurrency.log_errors(folder / "bot.log")
            log_text = (folder / "bot.log").read_text(encoding="utf-8", errors="replace")
            figures["webhook_mode_on"] = "Webhook mode: predictions push to" in log_text
    figures["run_seconds"] = config.run_seconds
    return figures


async def _drive_webhook(
    config: Config,
    discord: FakeDiscord,
    fake: FakeReplicate,
    members: list[dict[str, Any]],
    offsets: list[float],
    tails: list[float],
) -> dict[str, Any]:
    await discord.wait_ready(timeout=60)
    await discord.wait_until(lambda: bool(discord.guild_commands.get(discord.guild_id)), 60)
    lock = asyncio.Lock()

    async def imagine(member: dict[str, Any], offset: float, tail: float) -> Any:
        await asyncio.sleep(offset)
        # The fake copies its timing when the prediction is created: hold it until then.
        async with lock:
            fake.timing = timing(config.run_seconds, tail)
            before = len(fake.predictions)
            interaction = await discord.send_command(
                "imagine", {"prompt": "bench webhook"}, user=member
            )
            deadline = time.monotonic() + 30
            while len(fake.predictions) == before and not interaction.errors:
                if time.monotonic() > deadline:
                    raise TimeoutError("the bot created no prediction within 30 s")
                await asyncio.sleep(0.005)
        return interaction

    interactions = await asyncio.gather(
        *(imagine(m, o, t) for m, o, t in zip(members, offsets, tails, strict=True))
    )
    await discord.wait_until(
        lambda: all(i.original is not None and i.original.attachments for i in interactions),
        timeout=config.timeout,
    )
    gets, delays, pushes = [], [], []
    for prediction_id, prediction in fake.predictions.items():
        gets.append(fake.count("GET", rf"/v1/predictions/{prediction_id}"))
        completed = prediction.completed_monotonic
        downloads = [r.at for r in fake.requests if r.path.startswith(f"/files/{prediction_id}/")]
        if completed is not None and downloads:
            delays.append(min(downloads) - completed)
        if prediction.webhook_sent_monotonic is not None and completed is not None:
            pushes.append(prediction.webhook_sent_monotonic - completed)
    deliveries = fake.webhook_deliveries
    return {
        "predictions": len(fake.predictions),
        "delivered": sum(1 for i in interactions if i.original and i.original.attachments),
        "gets_per_prediction": statistics.mean(gets) if gets else 0.0,
        "notice_delay_mean_s": statistics.mean(delays) if delays else None,
        "notice_delay_max_s": max(delays) if delays else None,
        "push_sent_after_s_mean": statistics.mean(pushes) if pushes else None,
        "webhook_deliveries": len(deliveries),
        "webhook_deliveries_refused": sum(
            1 for d in deliveries if d.status is None or not 200 <= d.status < 300
        ),
        "rate_limited": discord.rate_limited,
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


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry: measure and print (the suite, `python -m bench`, saves)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--run-seconds", type=float, default=Config.run_seconds)
    parser.add_argument("--predictions", type=int, default=Config.predictions)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--webhook", action="store_true", help="measure webhook mode too")
    args = parser.parse_args(argv)
    config = QUICK if args.quick else Config(args.run_seconds, args.predictions)
    figures = asyncio.run(measure(config))
    print_table(figures)
    if args.webhook:
        print(json.dumps(asyncio.run(measure_webhook(config)), indent=2))
    print(json.dumps({"config": asdict(config)}))


if __name__ == "__main__":
    main()
