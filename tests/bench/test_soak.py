"""The soak's verdict: a leak, a lost job or an unbalanced ledger fails it; warm-up does not."""

from __future__ import annotations

from typing import Any

from bench.soak import per_job, verdict


def figures(**changes: Any) -> dict[str, Any]:
    """A clean soak's figures (from a real 6,000-job run), with some changed."""
    clean: dict[str, Any] = {
        "ledger_violations": 0,
        "states": {"done": 6000},
        "exit_code": 0,
        "python_blocks_per_job_second_half": -0.5,
        "fds_first_quarter": 163.1,
        "fds_last_quarter": 138.3,
        "tasks_first_quarter": 5,
        "tasks_last_quarter": 5,
        "rss_bytes_per_job_second_half": 2657.4,  # warm-up: reported, never judged
    }
    return {**clean, **changes}


def test_a_clean_soak_passes() -> None:
    """No problem is found in a run where only RSS rose (caches warming up)."""
    assert verdict(figures()) == []


def test_leaks_and_wrong_jobs_are_each_named() -> None:
    """Heap growth, open files, idle tasks, lost jobs, the ledger and the exit code all count."""
    problems = verdict(
        figures(
            python_blocks_per_job_second_half=40.0,
            fds_last_quarter=190.0,
            tasks_last_quarter=9,
            states={"done": 5990, "running": 10},
            ledger_violations=2,
            exit_code=1,
        )
    )
    assert len(problems) == 6
    assert any("heap" in p for p in problems) and any("open files" in p for p in problems)


def test_per_job_is_the_slope_over_the_second_half() -> None:
    """Growth in the first half (warm-up) is ignored; a steady climb after it is measured."""
    warm = [(n * 100, 0, 0, 1000 if n < 5 else 2000, 0) for n in range(1, 11)]
    assert per_job(warm, 3, 1) == 0.0
    climbing = [(n * 100, 0, 0, 1000 + 30 * n * 100, 0) for n in range(1, 11)]
    assert per_job(climbing, 3, 1) == 30.0
