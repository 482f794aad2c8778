"""Hundreds of members at once: the real bot process against both fakes, measured from outside.

The bot runs as its own process (`python -m bot run`), configured only by environment
variables pointing at a FakeDiscord and a FakeReplicate served by this process, with a
simulated SDXL run of a dozen seconds. Every member sends /imagine in the same instant;
the fakes record when each interaction was dispatched and acknowledged, how many requests
Discord answered with 429, and every prediction; /proc gives the bot's memory; the bot's
own loop-lag probe (bot/metrics.py, SDXL_BOT_METRICS_PATH) gives its event-loop lag.

    .venv/bin/python -m bench.concurrency [--members 500] [--run-seconds 12] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bench.stats import nearest_rank
from bot.metrics import BUCKET_EDGES, summarize
from bot.quota import Quotas
from bot.store import Store
from tests.fakes.discord import FakeDiscord, FakeInteraction
from tests.fakes.process import bot_environment
from tests.fakes.replicate import FakeReplicate, Timing

ROOT = Path(__file__).resolve().parent.parent
STEPS = 50


@dataclass(frozen=True)
class Config:
    """The size of one run."""

    members: int = 500
    run_seconds: float = 12.0  # one simulated SDXL prediction, boot to upload
    max_concurrent: int = 50  # MAX_CONCURRENT_PREDICTIONS
    timeout: float = 240.0  # give up waiting for deliveries after this long
    sample_every: float = 0.25  # how often RSS and progress are sampled


QUICK = Config(members=12, run_seconds=1.5, max_concurrent=4, timeout=60.0, sample_every=0.1)


def read_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (peak RSS) and Threads of a process from /proc, in kB (threads: a count)."""
    values: dict[str, int] = {}
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                values[key] = int(rest.split()[0])
    return values


def listen_overflows() -> int | None:
    """The kernel's count of connections dropped for a full listen backlog (all sockets)."""
    try:
        lines = Path("/proc/net/netstat").read_text().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split()[1:], values.split()[1:], strict=False))
            return int(table.get("ListenOverflows", 0))
    return None


def environment(
    discord: FakeDiscord,
    replicate: FakeReplicate,
    folder: Path,
    *,
    max_concurrent: int,
    members: int,
    **extra: str,
) -> dict[str, str]:
    """The contract's variables pointing at the fakes, sized for the run, with the probe on."""
    env = bot_environment(discord, replicate, folder / "data" / "bot.sqlite3")
    env.update(
        MAX_CONCURRENT_PREDICTIONS=str(max_concurrent),
        MAX_JOBS_PER_MEMBER="2",
        MAX_QUEUE=str(max(500, 2 * members)),
        SDXL_BOT_METRICS_PATH=str(folder / "metrics.json"),
        SDXL_BOT_METRICS_EVERY="0.5",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


async def launch(env: dict[str, str], folder: Path, log: Any) -> asyncio.subprocess.Process:
    """The bot process, started as the README starts it: `python -m bot run`."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=folder, env=env, stdout=log, stderr=log
    )


def read_metrics(path: Path) -> dict[str, Any] | None:
    """The probe's latest snapshot, or None before its first write."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


async def fresh_metrics(path: Path, after: float, patience: float = 10.0) -> dict[str, Any] | None:
    """The first snapshot written after wall time `after` (the probe writes every 0.5 s)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        snapshot = read_metrics(path)
        if snapshot is not None and snapshot["written"] > after:
            return snapshot
        await asyncio.sleep(0.05)
    return None


def lag_window(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, Any]:
    """Loop lag between two probe snapshots (bucket counts subtracted), in ms."""
    if after is None:
        return {"available": False}
    start = before["counts"] if before is not None else [0] * len(after["counts"])
    counts = [b - a for a, b in zip(start, after["counts"], strict=True)]
    # The window's max: the top non-empty bucket's edge, never above the lifetime max.
    top = max((i for i, count in enumerate(counts) if count), default=0)
    largest = min(BUCKET_EDGES[top], after["max_ms"] / 1000)
    return {"available": True, **summarize(counts, largest)}


class Progress:
    """What the members see, counted from the fake Discord."""

    def __init__(self, interactions: list[FakeInteraction]) -> None:
        self.interactions = interactions

    def deferred(self) -> int:
        return sum(1 for i in self.interactions if i.callback is not None)

    def accepted(self) -> int:
        """Deferred and showing the job's state (the runner took the job and reported it)."""
        return sum(1 for i in self.interactions if i.callback is not None and i.edits)

    def delivered(self) -> int:
        return sum(1 for i in self.interactions if i.original and i.original.attachments)

    def refused(self) -> int:
        """Answered with an error (a late defer, a full queue...) instead of a job."""
        return sum(1 for i in self.interactions if i.errors or _ephemeral(i))


def _ephemeral(interaction: FakeInteraction) -> bool:
    return interaction.original is not None and interaction.original.ephemeral


async def measure(config: Config) -> dict[str, Any]:
    """Start both fakes and the bot, fire the burst, follow it to the end; the figures."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="sdxl-bench-") as tmp:
        folder = Path(tmp)
        tail = 1.0 if config.run_seconds >= 5 else 0.2
        timing = Timing(starting=tail, step=(config.run_seconds - 2 * tail) / STEPS, finishing=tail)
        async with FakeReplicate(timing=timing) as replicate, FakeDiscord() as discord:
            members = [discord.add_user(f"member{n}") for n in range(config.members)]
            env = environment(
                discord,
                replicate,
                folder,
                max_concurrent=config.max_concurrent,
                members=config.members,
            )
            with (folder / "bot.log").open("wb") as log:
                process = await launch(env, folder, log)
                try:
                    figures = await _drive(config, discord, replicate, process, folder, members)
                finally:
                    exit_code = await stop(process)
            figures["bot_exit_code"] = exit_code
            figures["bot_log_errors"] = log_errors(folder / "bot.log")
            store = await Store.open(folder / "data" / "bot.sqlite3")
            try:
                figures["invariant_violations"] = await Quotas(
                    store, default_per_day=25
                ).invariant_violations()
                rows = await store.fetch_all("SELECT state, COUNT(*) FROM jobs GROUP BY state")
                figures["job_states"] = {str(state): int(count) for state, count in rows}
            finally:
                await store.close()
    figures["config"] = asdict(config)
    figures["wall_seconds"] = time.monotonic() - started
    return figures


async def stop(process: asyncio.subprocess.Process) -> int:
    """SIGTERM (a clean shutdown), SIGKILL after 30 s; the exit code."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), 30)
        except TimeoutError:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode


def log_errors(path: Path) -> list[str]:
    """ERROR lines and tracebacks of the bot's log (the first 20)."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if " ERROR " in line or "Traceback" in line][:20]


async def _drive(
    config: Config,
    discord: FakeDiscord,
    replicate: FakeReplicate,
    process: asyncio.subprocess.Process,
    folder: Path,
    members: list[dict[str, Any]],
) -> dict[str, Any]:
    metrics_path = folder / "metrics.json"
    await discord.wait_ready(timeout=60)
    await discord.wait_until(lambda: bool(discord.guild_commands.get(discord.guild_id)), 60)
    # Settled: the probe has written after login, so the window starts with an idle bot.
    before = await fresh_metrics(metrics_path, time.time() + 0.5)
    baseline = read_status(process.pid)

    overflows = listen_overflows()
    burst_started = time.monotonic()
    interactions = list(
        await asyncio.gather(
            *(
                discord.send_command("imagine", {"prompt": f"bench burst {n}"}, user=member)
                for n, member in enumerate(members)
            )
        )
    )
    progress = Progress(interactions)
    samples: list[dict[str, float]] = []
    in_flight: dict[str, float] = {}
    deadline = burst_started + config.timeout
    while time.monotonic() < deadline and process.returncode is None:
        status = read_status(process.pid)
        accepted, delivered = progress.accepted(), progress.delivered()
        samples.append(
            {
                "t": time.monotonic() - burst_started,
                "rss_kib": status.get("VmRSS", 0),
                "accepted": accepted,
                "delivered": delivered,
            }
        )
        settled = accepted + progress.refused() >= len(interactions)
        if not in_flight and settled:
            in_flight = {
                "t": time.monotonic() - burst_started,
                "rss_kib": status.get("VmRSS", 0),
                "jobs": accepted - delivered,
            }
        if delivered + progress.refused() >= len(interactions):
            break
        await asyncio.sleep(config.sample_every)
    finished = time.monotonic()
    overflows_after = listen_overflows()
    after = await fresh_metrics(metrics_path, time.time())
    peak = read_status(process.pid)

    defers = [
        (i.callback_at - i.dispatched_at) * 1000 for i in interactions if i.callback_at is not None
    ]
    dispatched = [i.dispatched_at for i in interactions]
    prediction_ids = list(replicate.predictions)
    gets = [replicate.count("GET", rf"/v1/predictions/{pid}") for pid in prediction_ids]
    edits = [len(i.edits) for i in interactions]
    per_job = None
    if in_flight and in_flight["jobs"] > 0:
        per_job = (in_flight["rss_kib"] - baseline.get("VmRSS", 0)) / in_flight["jobs"]
    return {
        "members": len(interactions),
        "burst_dispatch_ms": (max(dispatched) - min(dispatched)) * 1000,
        "deferred": len(defers),
        "defer_ms": {
            "p50": nearest_rank(defers, 0.50),
            "p99": nearest_rank(defers, 0.99),
            "max": max(defers, default=0.0),
            "mean": statistics.mean(defers) if defers else 0.0,
            "over_1s": sum(1 for d in defers if d > 1000),
        },
        # SYNs the kernel dropped because a listen backlog was full (machine-wide): a client
        # retries them after 1 s, which shows as defers of just over a second.
        "tcp_listen_overflows": (
            overflows_after - overflows
            if overflows is not None and overflows_after is not None
            else None
        ),
        "refused": progress.refused(),
        "callback_errors": [e for i in interactions for e in i.errors][:10],
        "accepted": progress.accepted(),
        "delivered": progress.delivered(),
        "all_delivered_s": finished - burst_started,
        "rate_limited": discord.rate_limited,
        "discord_requests": len(discord.requests),
        "edits_per_job_mean": statistics.mean(edits) if edits else 0.0,
        "edits_per_job_max": max(edits, default=0),
        "predictions": len(prediction_ids),
        "gets_per_prediction": statistics.mean(gets) if gets else 0.0,
        "loop_lag_ms": lag_window(before, after),
        "loop_lag_whole_run_ms": {
            k: after[k] for k in ("samples", "p50_ms", "p99_ms", "max_ms") if after is not None
        },
        "memory": {
            "rss_before_mib": baseline.get("VmRSS", 0) / 1024,
            "rss_in_flight_mib": in_flight.get("rss_kib", 0) / 1024,
            "jobs_in_flight": int(in_flight.get("jobs", 0)),
            "per_job_kib": per_job,
            "peak_rss_mib": peak.get("VmHWM", 0) / 1024,
            "threads_at_end": peak.get("Threads", 0),
        },
        "timeline": samples[:: max(1, len(samples) // 40)],
    }


def print_table(figures: dict[str, Any]) -> None:
    """The main figures on stdout."""
    defer, lag, memory = figures["defer_ms"], figures["loop_lag_ms"], figures["memory"]
    print(f"Concurrency: {figures['members']} members at once")
    print(f"  deferred {figures['deferred']}/{figures['members']}, p50 {defer['p50']:.0f} ms,")
    print(f"  p99 {defer['p99']:.0f} ms, max {defer['max']:.0f} ms; 429s {figures['rate_limited']}")
    if lag.get("available"):
        print(f"  loop lag p50 {lag['p50_ms']:.1f} ms, p99 {lag['p99_ms']:.1f} ms")
    print(f"  memory per in-flight job {memory['per_job_kib']} KiB")
    print(f"  delivered {figures['delivered']} in {figures['all_delivered_s']:.1f} s")


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry: measure and print (the suite, `python -m bench`, saves)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=Config.members)
    parser.add_argument("--run-seconds", type=float, default=Config.run_seconds)
    parser.add_argument("--max-concurrent", type=int, default=Config.max_concurrent)
    parser.add_argument(
        "--timeout", type=float, default=Config.timeout, help="stop following jobs after (s)"
    )
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    config = (
        QUICK
        if args.quick
        else Config(
            members=args.members,
            run_seconds=args.run_seconds,
            max_concurrent=args.max_concurrent,
            timeout=args.timeout,
        )
    )
    figures = asyncio.run(measure(config))
    print(json.dumps({k: v for k, v in figures.items() if k != "timeline"}, indent=2))
    print_table(figures)


if __name__ == "__main__":
    main()
