"""The benchmark suite at quick sizes: its report's structure and correctness facts, not speed.

Speed depends on the machine and is only printed by `python -m bench`; here every section runs
once with tiny sizes (one subprocess, about 30 s) and the tests read what it reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench import __main__ as suite
from bench.concurrency import lag_window
from bot import metrics

ROOT = Path(__file__).resolve().parents[2]


def run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    """`python -m bench ARGS` from the project's root, bounded in time."""
    return subprocess.run(
        [sys.executable, "-m", "bench", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Any]:
    """The whole suite at quick sizes, written to a temporary results.json."""
    out = tmp_path_factory.mktemp("bench") / "results.json"
    finished = run_bench("--quick", "--out", str(out))
    assert out.exists(), finished.stderr
    return finished, json.loads(out.read_text())


@pytest.mark.slow
def test_the_suite_exits_0_and_prints_one_table(quick: tuple[Any, Any]) -> None:
    """`python -m bench --quick` succeeds and prints a row for every check of every section."""
    finished, results = quick
    assert finished.returncode == 0, finished.stdout + finished.stderr
    table = [line for line in finished.stdout.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in table[0].strip("|").split("|")]
    assert header == ["section", "figure", "measured", "target", "result"]
    assert len(table) == 2 + len(results["table"])


@pytest.mark.slow
def test_results_hold_every_section_and_the_machine(quick: tuple[Any, Any]) -> None:
    """results.json has the four sections, the table rows, nproc and the Python version."""
    _, results = quick
    for name in suite.SECTIONS:
        assert name in results, name
        assert "error" not in results[name], results[name]
        assert results[name]["quick"] is True
    assert results["machine"]["nproc"] == os.cpu_count()
    assert results["machine"]["python"] == ".".join(map(str, sys.version_info[:3]))
    assert {row["section"] for row in results["table"]} == set(suite.SECTIONS)
    assert all(row["kind"] in ("speed", "correctness") for row in results["table"])


@pytest.mark.slow
def test_polling_measures_both_clients_on_the_same_predictions(quick: tuple[Any, Any]) -> None:
    """Both clients tracked every prediction to its end and each figure is a real measurement."""
    polling = quick[1]["polling"]
    ours, theirs = polling["sdxl-bot"], polling["replicate-python"]
    assert ours["predictions"] == theirs["predictions"] == 3
    assert ours["gets_per_prediction"] >= 1 and theirs["gets_per_prediction"] >= 1
    assert ours["notice_delay_min_s"] >= 0 and theirs["notice_delay_min_s"] >= 0
    ratio = ours["gets_per_prediction"] / theirs["gets_per_prediction"]
    assert polling["get_ratio"] == pytest.approx(ratio)


@pytest.mark.slow
def test_concurrency_defers_every_member_and_delivers_without_429(quick: tuple[Any, Any]) -> None:
    """Every /imagine of the burst was deferred and delivered; Discord never answered 429."""
    burst = quick[1]["concurrency"]
    members = burst["config"]["members"]
    assert burst["members"] == burst["deferred"] == burst["delivered"] == members
    assert burst["refused"] == 0 and burst["callback_errors"] == []
    assert burst["rate_limited"] == 0
    assert burst["predictions"] == members
    assert 0 < burst["defer_ms"]["p50"] <= burst["defer_ms"]["p99"] <= burst["defer_ms"]["max"]
    assert burst["bot_exit_code"] == 0 and burst["bot_log_errors"] == []


@pytest.mark.slow
def test_concurrency_reads_the_bot_process_lag_memory_and_ledger(quick: tuple[Any, Any]) -> None:
    """Loop lag comes from the bot's own probe; RSS and its ledger were read after the run."""
    burst = quick[1]["concurrency"]
    lag = burst["loop_lag_ms"]
    assert lag["available"] is True and lag["samples"] > 0
    assert 0 <= lag["p50_ms"] <= lag["p99_ms"] <= lag["max_ms"]
    memory = burst["memory"]
    assert memory["rss_before_mib"] > 0 and memory["jobs_in_flight"] > 0
    assert memory["per_job_kib"] is not None
    assert burst["invariant_violations"] == []
    assert burst["job_states"] == {"done": burst["members"]}


@pytest.mark.slow
def test_ledger_never_overdraws_under_contention(quick: tuple[Any, Any]) -> None:
    """No member above their allowance, no server above its cap, no wrong refusal, invariant."""
    ledger = quick[1]["ledger"]
    crowd = ledger["contention"]
    assert crowd["problems"] == []
    assert ledger["invariant_violations"] == []
    assert crowd["max_member_reserved"] <= crowd["allowance"]
    assert crowd["max_member_consumed"] <= crowd["allowance"]
    assert crowd["images_reserved"] <= crowd["server_cap"]
    assert crowd["granted"] + crowd["refused_quota"] + crowd["refused_cap"] == crowd["requests"]
    assert crowd["refused_quota"] + crowd["refused_cap"] > 0  # the contention was real
    assert [run["pairs"] for run in ledger["throughput"]] == [400, 400]
    assert all(run["pairs_per_second"] > 0 for run in ledger["throughput"])


@pytest.mark.slow
def test_webhook_section_runs_the_bot_in_webhook_mode(quick: tuple[Any, Any]) -> None:
    """The bot process took every prediction's end from signed pushes, none refused."""
    webhook = quick[1]["webhook"]
    assert webhook["webhook_mode_on"] is True
    assert webhook["predictions"] == webhook["delivered"] == 3
    assert webhook["webhook_deliveries"] > 0 and webhook["webhook_deliveries_refused"] == 0
    assert webhook["notice_delay_mean_s"] is not None and webhook["notice_delay_mean_s"] >= 0


@pytest.mark.slow
def test_only_replaces_its_section_and_keeps_the_rest(tmp_path: Path) -> None:
    """`--only ledger` rewrites the ledger section and rows; other keys (soak...) stay."""
    out = tmp_path / "results.json"
    out.write_text(
        json.dumps(
            {
                "soak": {"jobs": 1},
                "ledger": {"stale": True},
                "table": [{"section": "polling", "figure": "kept"}, {"section": "ledger"}],
            }
        )
    )
    finished = run_bench("--quick", "--only", "ledger", "--out", str(out))
    assert finished.returncode == 0, finished.stderr
    results = json.loads(out.read_text())
    assert results["soak"] == {"jobs": 1}
    assert "stale" not in results["ledger"] and results["ledger"]["invariant_violations"] == []
    sections = [row["section"] for row in results["table"]]
    assert sections[0] == "polling" and set(sections[1:]) == {"ledger"} and len(sections) > 2


def test_a_broken_section_is_a_failed_row_not_a_crash() -> None:
    """A section that raised is reported as a failed correctness row."""
    rows = suite.evaluate("ledger", {"error": "RuntimeError: boom"})
    assert rows == [
        {
            "section": "ledger",
            "figure": "section",
            "measured": "RuntimeError: boom",
            "target": "runs",
            "pass": False,
            "kind": "correctness",
        }
    ]


def test_lag_window_subtracts_two_snapshots() -> None:
    """The figures of a window are those of the samples taken between its two snapshots."""
    probe = metrics.LoopLagProbe()
    for _ in range(50):
        probe.observe(0.5)
    before = probe.snapshot()
    for _ in range(10):
        probe.observe(0.002)
    window = lag_window(before, probe.snapshot())
    assert window["samples"] == 10
    assert window["p99_ms"] < 3 and window["max_ms"] < 3
