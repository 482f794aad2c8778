"""Soak: thousands of /imagine through the real bot process, with faults on at both edges.

Every job must end delivered or refunded, the ledger must balance, and nothing may leak:
after each wave the bot's RSS and open file descriptors are read from /proc and Python's
allocated blocks and live tasks from its metrics file (SDXL_BOT_METRICS_PATH). The exit
status is 1 if Python's heap grows with the jobs (slope over the second half), open files
or idle tasks grow from the first quarter to the last, or a job or the ledger is wrong. RSS
is reported, not judged: it rises while SQLite's page cache (2 MB) and the allocator warm
up, then stays level (6,000 jobs: -242 bytes a job over the second half).

    .venv/bin/python -m bench.soak [--jobs 2000] [--members 200] [--wave 100]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.concurrency import fresh_metrics, read_status
from tests.fakes.discord import FakeDiscord, FakeInteraction
from tests.fakes.process import bot_environment
from tests.fakes.replicate import FakeReplicate, Fault, Timing

RESULTS = Path(__file__).with_name("results.json")
FINAL = ("done", "failed", "canceled")


def process_figures(pid: int) -> tuple[int, int]:
    """(RSS in KiB, open file descriptors) of a process, from /proc."""
    return read_status(pid).get("VmRSS", 0), len(os.listdir(f"/proc/{pid}/fd"))


def size_kib(folder: Path, pattern: str) -> int:
    """The total size of the files of `folder` matching `pattern`, in KiB."""
    return sum(path.stat().st_size for path in folder.glob(pattern)) // 1024


def ledger_and_states(database: Path) -> tuple[dict[str, int], list[str]]:
    """(job states counted, ledger violations) read from the bot's SQLite file."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)
    try:
        states: dict[str, int] = {}
        for (state,) in connection.execute("SELECT state FROM jobs"):
            states[state] = states.get(state, 0) + 1
        rows = connection.execute(
            "SELECT job_id, SUM(CASE WHEN kind='reserve' THEN amount ELSE 0 END),"
            " SUM(CASE WHEN kind='settle' THEN amount ELSE 0 END),"
            " SUM(CASE WHEN kind='refund' THEN amount ELSE 0 END)"
            " FROM ledger WHERE job_id IS NOT NULL GROUP BY job_id"
        ).fetchall()
    finally:
        connection.close()
    violations = [f"{job}: {r} != {s} + {f}" for job, r, s, f in rows if r != s + f]
    return states, violations


def inject_faults(discord: FakeDiscord, replicate: FakeReplicate, rng: random.Random) -> None:
    """A sprinkle of transient faults for the next wave, at both edges."""
    for _ in range(rng.randint(1, 4)):
        replicate.add_fault(
            rng.choice(
                [
                    Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="status", status=503),
                    Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="drop"),
                    Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="malformed"),
                    Fault(
                        method="GET",
                        path=r"/v1/predictions/[^/]+",
                        kind="status",
                        status=429,
                        retry_after=1,
                    ),
                    Fault(
                        method="POST",
                        path="/v1/predictions",
                        kind="status",
                        status=429,
                        retry_after=1,
                    ),
                ]
            )
        )
    limited = {"message": "You are being rate limited.", "retry_after": 0.2, "global": False}
    discord.add_fault("PATCH", r"/messages/@original$", 429, limited, times=rng.randint(0, 2))


async def heap_figures(path: Path, after: float) -> tuple[int, int]:
    """(Python's allocated blocks, live tasks) from the bot's metrics file, written after
    wall time `after` (it is rewritten every 0.5 s); (0, 0) if none comes within 5 s."""
    snapshot = await fresh_metrics(path, after, patience=5)
    if snapshot is None:
        return 0, 0
    return int(snapshot["allocated_blocks"]), int(snapshot["tasks"])


def per_job(samples: list[tuple[int, int, int, int, int]], column: int, scale: int) -> float:
    """Least-squares slope of `column` (times `scale`) against jobs sent, second half only."""
    half = samples[len(samples) // 2 :]
    if len(half) < 2:
        return 0.0
    xs = [sample[0] for sample in half]
    ys = [sample[column] * scale for sample in half]
    mean_x, mean_y = statistics.mean(xs), statistics.mean(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return round(sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread, 1)


async def soak(jobs: int, members: int, wave: int, seed: int) -> dict[str, Any]:
    """Run the soak in a temporary folder (removed afterwards) and return its figures."""
    with tempfile.TemporaryDirectory(prefix="sdxl-soak-") as tmp:
        return await _soak(Path(tmp), jobs, members, wave, seed)


async def _soak(folder: Path, jobs: int, members: int, wave: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    database = folder / "bot.sqlite3"
    timing = Timing(starting=0.05, step=0.004, finishing=0.05)
    async with FakeDiscord() as discord, FakeReplicate(timing=timing) as replicate:
        env = bot_environment(discord, replicate, database)
        env.update(
            MAX_CONCURRENT_PREDICTIONS="50",
            MAX_JOBS_PER_MEMBER="20",
            MAX_QUEUE="5000",
            QUOTA_IMAGES_PER_DAY="100000",
            LOG_LEVEL="WARNING",
            SDXL_BOT_METRICS_PATH=str(folder / "metrics.json"),
            SDXL_BOT_METRICS_EVERY="0.5",
        )
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=folder,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        samples: list[tuple[int, int, int, int, int]] = []
        started = time.monotonic()
        try:
            await discord.wait_ready(timeout=30)
            await discord.wait_until(lambda: bool(discord.guild_commands.get(discord.guild_id)), 30)
            people = [discord.add_user(f"soak{i}") for i in range(members)]
            sent: list[FakeInteraction] = []
            while len(sent) < jobs:
                inject_faults(discord, replicate, rng)
                batch = [
                    await discord.send_command(
                        "imagine",
                        {"prompt": f"soak {len(sent) + i}", "num_outputs": rng.randint(1, 2)},
                        user=people[(len(sent) + i) % members],
                    )
                    for i in range(min(wave, jobs - len(sent)))
                ]
                sent.extend(batch)
                await discord.wait_until(
                    lambda b=batch: all(
                        i.original is not None
                        and not i.original.loading
                        and not any(
                            "sdxl:cancel:" in json.dumps(i.original.components) for _ in [0]
                        )
                        and (i.original.attachments or i.original.content.startswith(("❌", "🛑")))
                        for i in b
                    ),
                    timeout=300,
                )
                rss, fds = process_figures(process.pid or 0)
                blocks, tasks = await heap_figures(folder / "metrics.json", time.time())
                samples.append((len(sent), rss, fds, blocks, tasks))
        finally:
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.communicate(), timeout=60)
        elapsed = time.monotonic() - started
    states, violations = ledger_and_states(database)
    database_kib = size_kib(folder, "bot.sqlite3*")
    quarter = max(1, len(samples) // 4)
    early, late = samples[:quarter], samples[-quarter:]
    return {
        "jobs": jobs,
        "seconds": round(elapsed, 1),
        "states": states,
        "ledger_violations": len(violations),
        "rss_kib_first_quarter": round(statistics.mean(s[1] for s in early)),
        "rss_kib_last_quarter": round(statistics.mean(s[1] for s in late)),
        "rss_kib_max": max(s[1] for s in samples),
        "fds_first_quarter": round(statistics.mean(s[2] for s in early), 1),
        "fds_last_quarter": round(statistics.mean(s[2] for s in late), 1),
        "fds_max": max(s[2] for s in samples),
        "python_blocks_first_quarter": round(statistics.mean(s[3] for s in early)),
        "python_blocks_last_quarter": round(statistics.mean(s[3] for s in late)),
        "tasks_first_quarter": round(statistics.mean(s[4] for s in early), 1),
        "tasks_last_quarter": round(statistics.mean(s[4] for s in late), 1),
        # Growth over the second half, per job: what a leak would keep adding.
        "rss_bytes_per_job_second_half": per_job(samples, 1, 1024),
        "python_blocks_per_job_second_half": per_job(samples, 3, 1),
        "database_kib": database_kib,
        "samples": [list(sample) for sample in samples],
        "faults_left_unused": len(replicate.faults),
        "exit_code": process.returncode,
    }


def main() -> None:
    """Command line entry: run, print, save under "soak" in bench/results.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--members", type=int, default=200)
    parser.add_argument("--wave", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    figures = asyncio.run(soak(args.jobs, args.members, args.wave, args.seed))
    for key, value in figures.items():
        if key != "samples":
            print(f"{key:>34}: {value}")
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing["soak"] = figures
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    problems = verdict(figures)
    for problem in problems:
        print(f"FAIL: {problem}")
    sys.exit(1 if problems else 0)


# A leak of one job's object graph is hundreds of blocks; run to run noise is within +-10.
LEAK_BLOCKS_PER_JOB = 25
# Sockets come and go with the connection pools; a leak grows with every wave.
FD_MARGIN = 10


def verdict(figures: dict[str, Any]) -> list[str]:
    """What went wrong in a soak, if anything: lost jobs, a ledger off balance, a leak."""
    problems = []
    if figures["ledger_violations"]:
        problems.append(f"{figures['ledger_violations']} jobs with reserved != settled + refunded")
    if not set(figures["states"]) <= set(FINAL):
        problems.append(f"jobs left unfinished: {figures['states']}")
    if figures["exit_code"] != 0:
        problems.append(f"the bot exited with {figures['exit_code']}")
    if figures["python_blocks_per_job_second_half"] > LEAK_BLOCKS_PER_JOB:
        problems.append(
            f"Python's heap grows by {figures['python_blocks_per_job_second_half']} blocks a job"
        )
    if figures["fds_last_quarter"] > figures["fds_first_quarter"] + FD_MARGIN:
        problems.append(
            f"open files grew from {figures['fds_first_quarter']} to {figures['fds_last_quarter']}"
        )
    if figures["tasks_last_quarter"] > figures["tasks_first_quarter"] + 1:
        problems.append(
            f"idle tasks grew from {figures['tasks_first_quarter']} to "
            f"{figures['tasks_last_quarter']}"
        )
    return problems


if __name__ == "__main__":
    main()
