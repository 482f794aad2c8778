"""The quota ledger on a real database: reserve+settle pairs per second, and no overdraft.

Throughput: N members at once, each running reserve -> settle for one job after another
through the bot's own `Quotas` on a `Store` opened exactly as the bot opens it: a SQLite file
(WAL, busy timeout, foreign keys, synchronous=NORMAL), or with --database a PostgreSQL server
(a fresh schema of it, dropped afterwards). The job rows the entries point at are written
beforehand, outside the timing, so the figure is the ledger's alone.

Contention: members with a small allowance, under a server cap, all fire more requests than
they may have in the same instant. Afterwards no member holds more than their allowance, the
server no more than its cap, no request was refused that would still have fitted, and
`Quotas.invariant_violations()` (reserved = settled + refunded) is empty.

    .venv/bin/python -m bench.ledger [--pairs 20000] [--quick] [--database postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import asyncpg

from bench.stats import nearest_rank
from bot.errors import GuildCapReached, QuotaExceeded
from bot.lifecycle import JobState, walk
from bot.quota import Quotas
from bot.store import Store, utc_now

GUILD = 1_000
CONTENTION_GUILD = 2_000


@dataclass(frozen=True)
class Config:
    """The size of one run."""

    pairs: int = 20_000  # reserve+settle pairs per throughput run
    members: tuple[int, ...] = (1, 50)  # members asking at once, one throughput run each
    pool: int = 1_000  # distinct members the pairs are spread over (20 jobs a day each)
    contention_members: int = 40
    allowance: int = 10  # images per member per day in the contention run
    requests_per_member: int = 12  # each asks for 1-4 images, all at once


QUICK = Config(pairs=400, members=(1, 8), pool=40, contention_members=6, requests_per_member=6)


async def add_jobs(
    store: Store, job_ids: Sequence[str], user_of: dict[str, int], state: str = "queued"
) -> None:
    """Job rows in `state` for ledger entries to point at, 200 to a statement."""
    now = utc_now()
    for start in range(0, len(job_ids), 200):
        chunk = job_ids[start : start + 200]
        rows = ", ".join("(?, ?, ?, 'en-US', '{}', ?, ?)" for _ in chunk)
        await store.write(
            "INSERT INTO jobs (id, guild_id, requester_id, locale, request_json, state,"
            f" created_at) VALUES {rows}",
            [value for job_id in chunk for value in (job_id, GUILD, user_of[job_id], state, now)],
        )


async def throughput(store: Store, members: int, pairs: int, pool: int, run: int) -> dict[str, Any]:
    """`pairs` reserve+settle pairs, `members` at a time, over a pool of `pool` members."""
    quotas = Quotas(store, default_per_day=10**9)
    rng = random.Random(run)
    # Lane k runs pairs k, k + members, ...: `members` requests are in flight at any time.
    plan: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    user_of: dict[str, int] = {}
    for n in range(pairs):
        user = 10_000 * (run + 1) + n % pool
        job_id = f"t{run}-{n}"
        plan[n % members].append((job_id, user, rng.randint(1, 4)))
        user_of[job_id] = user
    # Settled as a delivering job is; marked done together after the runs.
    await add_jobs(store, list(user_of), user_of, "delivering")
    latencies: list[float] = []

    async def member(lane: int) -> None:
        for job_id, user, images in plan[lane]:
            began = time.perf_counter()
            await quotas.reserve(
                job_id=job_id, guild_id=GUILD, user_id=user, role_ids=[], images=images
            )
            # Sometimes the safety checker drops one: settle gives that image back.
            await quotas.settle(job_id, images - (1 if images > 1 and rng.random() < 0.2 else 0))
            latencies.append(time.perf_counter() - began)

    began = time.perf_counter()
    await asyncio.gather(*(member(lane) for lane in plan))
    elapsed = time.perf_counter() - began
    return {
        "members": members,
        "pairs": pairs,
        "member_pool": pool,
        "seconds": elapsed,
        "pairs_per_second": pairs / elapsed,
        "pair_ms_p50": nearest_rank(latencies, 0.5) * 1000,
        "pair_ms_p99": nearest_rank(latencies, 0.99) * 1000,
    }


async def contention(store: Store, config: Config) -> dict[str, Any]:
    """Everyone asks for more than they may, at once; what was granted must add up."""
    cap = config.contention_members * config.allowance // 2  # the server cap binds too
    quotas = Quotas(store, default_per_day=config.allowance)
    rng = random.Random(7)
    asks: list[tuple[str, int, int]] = []  # (job, member, images)
    for m in range(config.contention_members):
        for r in range(config.requests_per_member):
            asks.append((f"c{m}-{r}", 90_000 + m, rng.randint(1, 4)))
    rng.shuffle(asks)
    await add_jobs(store, [job for job, _, _ in asks], {job: user for job, user, _ in asks})

    async def ask(job_id: str, user: int, images: int) -> str:
        try:
            await quotas.reserve(
                job_id=job_id,
                guild_id=CONTENTION_GUILD,
                user_id=user,
                role_ids=[],
                images=images,
                daily_cap=cap,
            )
        except QuotaExceeded:
            return "quota"
        except GuildCapReached:
            return "cap"
        return "ok"

    outcomes = await asyncio.gather(*(ask(*a) for a in asks))
    granted: dict[int, int] = defaultdict(int)
    for (_, user, images), outcome in zip(asks, outcomes, strict=True):
        if outcome == "ok":
            granted[user] += images
    server_total = sum(granted.values())
    problems: list[str] = []
    for user, images in granted.items():
        if images > config.allowance:
            problems.append(f"member {user} holds {images} > allowance {config.allowance}")
    if server_total > cap:
        problems.append(f"the server holds {server_total} > cap {cap}")
    # A refusal is right only if the request did not fit even at the end (room only shrinks).
    for (job_id, user, images), outcome in zip(asks, outcomes, strict=True):
        member_left = config.allowance - granted[user]
        server_left = cap - server_total
        if outcome == "quota" and images <= member_left:
            problems.append(f"{job_id} ({images}) refused with {member_left} left to the member")
        if outcome == "cap" and images <= min(server_left, member_left):
            problems.append(f"{job_id} ({images}) refused with {server_left} left to the server")

    # Finish every job as the runner does: delivered (some images dropped) or failed.
    for (job_id, _, images), outcome in zip(asks, outcomes, strict=True):
        if outcome != "ok":
            await store.write_together(walk(job_id, JobState.queued, JobState.failed))
        elif rng.random() < 0.25:
            await quotas.refund(job_id, "the model failed")
            await store.write_together(walk(job_id, JobState.queued, JobState.failed))
        else:
            await quotas.settle(job_id, max(0, images - rng.randint(0, 1)))
            await store.write_together(walk(job_id, JobState.queued, JobState.done))
    consumed = {
        user: (await quotas.balance(CONTENTION_GUILD, user, [])).consumed for user in granted
    }
    problems += [
        f"member {user} consumed {used} > allowance {config.allowance}"
        for user, used in consumed.items()
        if used > config.allowance
    ]
    return {
        "members": config.contention_members,
        "requests": len(asks),
        "allowance": config.allowance,
        "server_cap": cap,
        "granted": outcomes.count("ok"),
        "refused_quota": outcomes.count("quota"),
        "refused_cap": outcomes.count("cap"),
        "images_reserved": server_total,
        "max_member_reserved": max(granted.values(), default=0),
        "max_member_consumed": max(consumed.values(), default=0),
        "problems": problems,
    }


@contextlib.asynccontextmanager
async def _database(url: str | None) -> AsyncIterator[str]:
    """A SQLite file in a temporary folder, or a fresh schema of the PostgreSQL at `url`."""
    if url is None:
        with tempfile.TemporaryDirectory(prefix="sdxl-ledger-") as tmp:
            yield str(Path(tmp) / "ledger.sqlite3")
        return
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(url, timeout=10)
    try:
        await admin.execute(f'CREATE SCHEMA "{schema}"')
        yield f"{url}{'&' if '?' in url else '?'}schema={schema}"
    finally:
        await admin.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await admin.close()


async def measure(config: Config, database: str | None = None) -> dict[str, Any]:
    """Throughput runs, then the contention run, then the ledger invariant over everything."""
    async with _database(database) as target:
        store = await Store.open(target)
        try:
            runs = [
                await throughput(store, members, config.pairs, config.pool, run)
                for run, members in enumerate(config.members)
            ]
            await store.execute("UPDATE jobs SET state = 'done' WHERE id LIKE 't%'")
            crowd = await contention(store, config)
            violations = await Quotas(store, default_per_day=0).invariant_violations()
            entries = await store.fetch_one("SELECT COUNT(*) FROM ledger")
        finally:
            await store.close()
    return {
        "throughput": runs,
        "pairs_per_second": runs[-1]["pairs_per_second"],  # the most members at once
        "contention": crowd,
        "invariant_violations": violations,
        "ledger_entries": int(entries[0]) if entries else 0,
        "backend": "postgresql" if database else "sqlite",
        "config": asdict(config),
    }


def print_table(figures: dict[str, Any]) -> None:
    """The figures on stdout."""
    if figures.get("backend") == "postgresql":
        print("Quota ledger on PostgreSQL (asyncpg, READ COMMITTED, advisory locks)")
    else:
        print("Quota ledger on SQLite (WAL, synchronous=NORMAL)")
    for run in figures["throughput"]:
        print(
            f"  {run['members']:>3} members: {run['pairs_per_second']:>7.0f} pairs/s"
            f"  (pair p50 {run['pair_ms_p50']:.2f} ms, p99 {run['pair_ms_p99']:.2f} ms)"
        )
    crowd = figures["contention"]
    print(
        f"  contention: {crowd['granted']}/{crowd['requests']} granted, "
        f"problems {len(crowd['problems'])}, invariant violations "
        f"{len(figures['invariant_violations'])}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Command line entry: measure and print (the suite, `python -m bench`, saves)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--pairs", type=int, default=Config.pairs)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--database", help="a PostgreSQL URL (a schema is made and dropped); default: SQLite"
    )
    args = parser.parse_args(argv)
    config = QUICK if args.quick else Config(pairs=args.pairs)
    figures = asyncio.run(measure(config, args.database))
    print(json.dumps(figures, indent=2))
    print_table(figures)


if __name__ == "__main__":
    main()
