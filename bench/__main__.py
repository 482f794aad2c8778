"""`python -m bench`: every benchmark section, one table, one bench/results.json.

    .venv/bin/python -m bench                  # the full suite, about 4 minutes
    .venv/bin/python -m bench --quick          # tiny sizes, for CI smoke runs (about 30 s)
    .venv/bin/python -m bench --only ledger    # one section (repeatable); others are kept

Everything runs on loopback against the fakes of tests/fakes, each section under a time limit.
The table lists each figure with its target: speed targets are for the full sizes on the
machine recorded in results.json; correctness checks (every defer sent, no 429, no
overdraft...) hold at any size, and a failed one makes the exit status 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import concurrency, ledger, polling

RESULTS = Path(__file__).with_name("results.json")
SECTIONS = ("polling", "concurrency", "ledger", "webhook")
# Generous bounds: a section over its limit is stopped and reported, the suite goes on.
LIMITS = {"polling": 120.0, "concurrency": 240.0, "ledger": 120.0, "webhook": 120.0}


@dataclass(frozen=True)
class Check:
    """One row of the table: a figure read from a section's results, with its target."""

    section: str
    figure: str
    read: Callable[[dict[str, Any]], Any]  # the measured value from the section's figures
    show: Callable[[Any], str]
    target: str = "-"
    meets: Callable[[Any], bool] | None = None  # None: reported, no target
    kind: str = "speed"  # "speed" or "correctness"


def _ms(value: Any) -> str:
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _s(value: Any) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _count(value: Any) -> str:
    return str(value)


def _none_of(section: str, figure: str, read: Callable[[dict[str, Any]], Any]) -> Check:
    """A correctness row: the count `read` gives must be zero."""
    return Check(section, figure, read, _count, "0", lambda v: v == 0, "correctness")


CHECKS: tuple[Check, ...] = (
    Check(
        "polling",
        "GETs per prediction, sdxl-bot / replicate-python",
        lambda f: (
            f["sdxl-bot"]["gets_per_prediction"],
            f["replicate-python"]["gets_per_prediction"],
        ),
        lambda v: f"{v[0]:.1f} / {v[1]:.1f} = {v[0] / v[1]:.2f}",
        "<= 0.33",
        lambda v: v[0] / v[1] <= 1 / 3,
    ),
    Check(
        "polling",
        "completion noticed after, mean (sdxl-bot)",
        lambda f: f["sdxl-bot"]["notice_delay_mean_s"],
        _s,
        "<= 1 s",
        lambda v: v <= 1.0,
    ),
    Check(
        "polling",
        "completion noticed after, mean (replicate-python)",
        lambda f: f["replicate-python"]["notice_delay_mean_s"],
        _s,
    ),
    Check(
        "concurrency",
        "members answered with a defer",
        lambda f: (f["deferred"], f["members"]),
        lambda v: f"{v[0]} / {v[1]}",
        "all",
        lambda v: v[0] == v[1],
        "correctness",
    ),
    Check("concurrency", "time to the defer, p50", lambda f: f["defer_ms"]["p50"], _ms),
    Check(
        "concurrency",
        "time to the defer, p99",
        lambda f: f["defer_ms"]["p99"],
        _ms,
        "< 500 ms",
        lambda v: v < 500,
    ),
    _none_of("concurrency", "Discord 429 responses", lambda f: f["rate_limited"]),
    Check(
        "concurrency",
        "bot event-loop lag, p99",
        lambda f: f["loop_lag_ms"].get("p99_ms"),
        lambda v: "not available" if v is None else _ms(v),
        "< 100 ms",
        lambda v: v is not None and v < 100,
    ),
    Check(
        "concurrency",
        "memory per in-flight job (RSS)",
        lambda f: f["memory"]["per_job_kib"],
        lambda v: "not measured" if v is None else f"{v:.0f} KiB",
    ),
    Check(
        "concurrency",
        "jobs delivered (images attached)",
        lambda f: (f["delivered"], f["members"]),
        lambda v: f"{v[0]} / {v[1]}",
        "all",
        lambda v: v[0] == v[1],
        "correctness",
    ),
    Check(
        "concurrency",
        "Discord requests per job",
        lambda f: f["discord_requests"] / max(1, f["members"]),
        lambda v: f"{v:.1f}",
    ),
    _none_of(
        "concurrency",
        "bot's ledger: reserved != settled + refunded",
        lambda f: len(f["invariant_violations"]),
    ),
    # One member at a time measures latency (two round trips to SQLite's thread per pair),
    # not what the ledger can carry: reported, the target is for members at once.
    Check(
        "ledger",
        "reserve+settle pairs/s, 1 member at a time",
        lambda f: (f["throughput"][0]["pairs_per_second"], f["throughput"][0]["pair_ms_p50"]),
        lambda v: f"{v[0]:,.0f}/s (pair p50 {v[1]:.2f} ms)",
    ),
    Check(
        "ledger",
        "reserve+settle pairs/s, many members at once",
        lambda f: (f["throughput"][-1]["pairs_per_second"], f["throughput"][-1]["members"]),
        lambda v: f"{v[0]:,.0f}/s ({v[1]} at once)",
        ">= 2,000/s",
        lambda v: v[0] >= 2000,
    ),
    _none_of(
        "ledger",
        "overdrafts or wrong refusals under contention",
        lambda f: len(f["contention"]["problems"]),
    ),
    _none_of("ledger", "ledger invariant violations", lambda f: len(f["invariant_violations"])),
    Check(
        "webhook",
        "GETs per prediction (webhook mode)",
        lambda f: f["gets_per_prediction"],
        lambda v: f"{v:.1f}",
        "<= 2",
        lambda v: v <= 2,
    ),
    Check(
        "webhook",
        "completion noticed after, mean (webhook mode)",
        lambda f: f["notice_delay_mean_s"],
        lambda v: "not measured" if v is None else _s(v),
        "< 100 ms",
        lambda v: v is not None and v < 0.1,
    ),
    Check(
        "webhook",
        "jobs delivered (webhook mode)",
        lambda f: (f["delivered"], f["predictions"]),
        lambda v: f"{v[0]} / {v[1]}",
        "all",
        lambda v: v[0] == v[1] > 0,
        "correctness",
    ),
)


def run_section(name: str, quick: bool) -> Awaitable[dict[str, Any]]:
    """The coroutine measuring one section."""
    if name == "polling":
        return polling.measure(polling.QUICK if quick else polling.Config())
    if name == "concurrency":
        return concurrency.measure(concurrency.QUICK if quick else concurrency.Config())
    if name == "ledger":
        return ledger.measure(ledger.QUICK if quick else ledger.Config())
    if name == "webhook":
        return polling.measure_webhook(polling.QUICK if quick else polling.Config())
    raise ValueError(f"unknown section {name!r}")


async def measure(names: Sequence[str], quick: bool) -> dict[str, dict[str, Any]]:
    """Each section in turn, bounded in time; a section that fails reports its error."""
    results: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"== {name} ...", file=sys.stderr, flush=True)
        began = time.monotonic()
        try:
            figures = await asyncio.wait_for(run_section(name, quick), LIMITS[name])
        except TimeoutError:
            figures = {"error": f"stopped after {LIMITS[name]:.0f} s"}
        except Exception as error:  # one broken section must not hide the others
            figures = {"error": f"{type(error).__name__}: {error}"}
        figures["section_seconds"] = round(time.monotonic() - began, 1)
        results[name] = figures
    return results


def evaluate(section: str, figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The table rows of one section: measured, target and pass/fail (None: no target)."""
    rows = []
    if "error" in figures:
        return [_row(section, "section", figures["error"], "runs", False, "correctness")]
    for check in CHECKS:
        if check.section != section:
            continue
        try:
            value = check.read(figures)
            shown = check.show(value)
            passed = None if check.meets is None else bool(check.meets(value))
        except (KeyError, TypeError, ZeroDivisionError, IndexError) as error:
            shown, passed = f"missing ({type(error).__name__})", False
        rows.append(_row(section, check.figure, shown, check.target, passed, check.kind))
    return rows


def _row(
    section: str, figure: str, measured: str, target: str, passed: bool | None, kind: str
) -> dict[str, Any]:
    return {
        "section": section,
        "figure": figure,
        "measured": measured,
        "target": target,
        "pass": passed,
        "kind": kind,
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.partition(":")[2].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def save(path: Path, results: dict[str, dict[str, Any]], rows: list[dict[str, Any]]) -> None:
    """Merge into `path`: these sections and their rows replace older ones, the rest stays."""
    try:
        existing: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        existing = {}
    existing.update(results)
    kept = [row for row in existing.get("table", []) if row.get("section") not in results]
    order = {name: index for index, name in enumerate(SECTIONS)}
    existing["table"] = sorted(kept + rows, key=lambda row: order.get(row["section"], 99))
    existing["machine"] = machine()
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def print_table(rows: list[dict[str, Any]], quick: bool) -> None:
    """The table on stdout (Markdown, so it can be pasted)."""
    info = machine()
    size = "quick sizes (targets are for the full run)" if quick else "full sizes"
    print(f"\nsdxl-bot benchmarks: {size}; nproc {info['nproc']}, Python {info['python']}\n")
    header = ("section", "figure", "measured", "target", "result")
    lines = [
        (
            row["section"],
            row["figure"],
            row["measured"],
            row["target"],
            {True: "pass", False: "FAIL", None: "-"}[row["pass"]],
        )
        for row in rows
    ]
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *lines, strict=True)]
    for line in (header, tuple("-" * w for w in widths), *lines):
        cells = (str(cell).ljust(width) for cell, width in zip(line, widths, strict=True))
        print("| " + " | ".join(cells) + " |")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen sections, print the table, save results.json; 1 if a correctness check
    failed."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI smoke runs")
    parser.add_argument(
        "--only", action="append", choices=SECTIONS, metavar="SECTION", help=", ".join(SECTIONS)
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="default: bench/results.json")
    args = parser.parse_args(argv)
    names = [name for name in SECTIONS if args.only is None or name in args.only]
    results = asyncio.run(measure(names, args.quick))
    for figures in results.values():
        figures["quick"] = args.quick
    rows = [row for name in names for row in evaluate(name, results[name])]
    save(args.out, results, rows)
    print_table(rows, args.quick)
    print(f"\nwritten to {args.out}")
    broken = [row for row in rows if row["kind"] == "correctness" and row["pass"] is False]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
