"""Tests for bot.progress: SDXL tqdm logs on Replicate parsed into a Progress snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.progress import Progress, parse_progress

FIXTURE = Path(__file__).parent.parent / "fixtures" / "replicate" / "prediction-processing.json"

HEADER = "Using seed: 7\nPrompt: a corgi\ntxt2img mode\n"


@pytest.fixture(scope="module")
def fixture_logs() -> str:
    logs = json.loads(FIXTURE.read_text(encoding="utf-8"))["logs"]
    assert isinstance(logs, str)
    return logs


def bar_line(step: int, total: int, tail: str = "00:00<00:01, 16.00it/s") -> str:
    """A tqdm line as the SDXL model prints it (10-character bar)."""
    percent = 100 * step // total
    filled = 10 * step // total
    return f"{percent:3d}%|{'█' * filled}{' ' * (10 - filled)}| {step}/{total} [{tail}]"


def test_real_fixture_parses_to_a_finished_base_bar(fixture_logs: str) -> None:
    """The recorded processing prediction's logs give seed, mode and a completed base bar."""
    progress = parse_progress(fixture_logs)
    assert progress.seed == 42069
    assert progress.mode == "txt2img"
    assert progress.phase == "base"
    assert progress.bar == 0
    assert (progress.step, progress.total) == (50, 50)
    assert progress.bar_done
    assert progress.percent == 100.0
    assert progress.rate == pytest.approx(17.09)
    assert progress.elapsed == 2.0
    assert progress.remaining == 0.0


def test_fixture_cut_at_every_offset_never_goes_backwards(fixture_logs: str) -> None:
    """Every prefix of the real logs parses, and progress in bar 0 only ever moves forward."""
    previous = Progress()
    for end in range(len(fixture_logs) + 1):
        progress = parse_progress(fixture_logs[:end])
        assert progress.bar in (-1, 0)
        assert progress.bar >= previous.bar
        assert progress.step >= previous.step
        if previous.total:
            assert progress.total == previous.total
        if previous.seed is not None:
            assert progress.seed == previous.seed
        previous = progress
    assert previous == parse_progress(fixture_logs)


def test_seed_cut_mid_write_is_not_reported(fixture_logs: str) -> None:
    """An unterminated seed line may be cut mid-number, so it only counts once a newline follows."""
    assert parse_progress("Using seed: 4206").seed is None
    assert parse_progress("Using seed: 42069\n").seed == 42069
    assert parse_progress(fixture_logs[: fixture_logs.index("\n")]).seed is None


def test_cut_bar_line_keeps_the_previous_complete_line() -> None:
    """A bar line cut before its closing bracket is ignored in favour of the line before it."""
    logs = HEADER + bar_line(20, 50) + "\n" + " 44%|████▍     | 22/5"
    progress = parse_progress(logs)
    assert (progress.step, progress.total) == (20, 50)
    cut_in_bracket = HEADER + bar_line(20, 50) + "\n" + " 44%|████▍     | 22/50 [00:01<00:01, 17.1"
    assert parse_progress(cut_in_bracket).step == 20


def test_carriage_return_separated_updates() -> None:
    """tqdm's "\\r" rewrites count as lines, including an unterminated last one."""
    logs = HEADER + "".join("\r" + bar_line(step, 50) for step in range(0, 32, 2))
    progress = parse_progress(logs)
    assert (progress.bar, progress.step, progress.total) == (0, 30, 50)


def test_carriage_return_update_padded_with_spaces() -> None:
    """A "\\r" update shorter than the last one is padded with spaces and still parses."""
    logs = HEADER + "\r" + bar_line(2, 50, "00:00<00:02, 16.47it/s") + "\r" + bar_line(4, 50) + "  "
    assert parse_progress(logs).step == 4


def test_crlf_line_endings() -> None:
    """Lines ending in "\\r\\n" parse like lines ending in "\\n"."""
    lines = ["Using seed: 9", "Prompt: x", "img2img mode", bar_line(0, 30), bar_line(12, 30)]
    progress = parse_progress("\r\n".join(lines) + "\r\n")
    assert progress.seed == 9
    assert progress.mode == "img2img"
    assert (progress.bar, progress.step, progress.total) == (0, 12, 30)


def test_repeated_final_line_is_not_a_new_bar() -> None:
    """tqdm's close repeats the 100% line; that stays bar 0 and done."""
    logs = HEADER + "\n".join([bar_line(0, 50), bar_line(50, 50), bar_line(50, 50)]) + "\n"
    progress = parse_progress(logs)
    assert (progress.phase, progress.bar, progress.step) == ("base", 0, 50)
    assert progress.bar_done


def test_refiner_second_bar() -> None:
    """A bar restarting from 0 after the base bar finished is the refiner, bar 1."""
    base = [bar_line(step, 40) for step in range(0, 41, 4)] + [bar_line(40, 40)]
    refiner = [bar_line(step, 10) for step in range(0, 5, 2)] + [bar_line(4, 10)]
    progress = parse_progress(HEADER + "\n".join(base + refiner) + "\n")
    assert progress.phase == "refiner"
    assert progress.bar == 1
    assert (progress.step, progress.total) == (4, 10)
    assert progress.percent == 40.0
    assert not progress.bar_done


def test_refiner_bar_with_the_same_total_starts_a_new_bar() -> None:
    """A 0/N line after the previous bar reached N starts a new bar even when N is unchanged."""
    lines = [bar_line(0, 10), bar_line(10, 10), bar_line(10, 10), bar_line(0, 10)]
    progress = parse_progress(HEADER + "\n".join(lines) + "\n")
    assert (progress.phase, progress.bar, progress.step, progress.total) == ("refiner", 1, 0, 10)


def test_total_change_starts_a_new_bar() -> None:
    """A bar line whose total differs from the previous one's starts a new bar."""
    lines = [bar_line(0, 40), bar_line(20, 40), bar_line(25, 50)]
    progress = parse_progress(HEADER + "\n".join(lines) + "\n")
    assert (progress.bar, progress.step, progress.total) == (1, 25, 50)


def test_seconds_per_iteration_rate_is_converted() -> None:
    """A slow bar's "s/it" rate (padded by tqdm's 5.2f) becomes iterations per second."""
    logs = HEADER + bar_line(3, 50, "00:06<01:34,  2.00s/it") + "\n"
    assert parse_progress(logs).rate == pytest.approx(0.5)


def test_zero_seconds_per_iteration_gives_no_rate() -> None:
    """ "0.00s/it" cannot be inverted, so no rate is reported instead of dividing by zero."""
    assert parse_progress(HEADER + bar_line(3, 50, "00:00<00:00, 0.00s/it")).rate is None


def test_hour_long_times() -> None:
    """H:MM:SS times in the bracket are read as seconds."""
    logs = HEADER + bar_line(5, 50, "1:02:03<10:04:05,  9.00s/it") + "\n"
    progress = parse_progress(logs)
    assert progress.elapsed == 3723.0
    assert progress.remaining == 36245.0


def test_unknown_remaining_and_rate_at_start() -> None:
    """The first line's "?" remaining and "?it/s" rate give None for both."""
    progress = parse_progress(HEADER + "  0%|          | 0/50 [00:00<?, ?it/s]\n")
    assert (progress.phase, progress.bar, progress.step, progress.total) == ("base", 0, 0, 50)
    assert progress.elapsed == 0.0
    assert progress.remaining is None
    assert progress.rate is None
    assert progress.percent == 0.0


@pytest.mark.parametrize(
    ("line", "mode"),
    [
        ("txt2img mode", "txt2img"),
        ("img2img mode", "img2img"),
        ("inpaint mode", "inpaint"),
        ("inpainting mode", "inpaint"),
        ("Inpainting mode", "inpaint"),
    ],
)
def test_mode_lines(line: str, mode: str) -> None:
    """Each mode line the SDXL models print maps to its mode name."""
    assert parse_progress(f"Using seed: 1\nPrompt: p\n{line}\n").mode == mode


def test_header_only_has_no_bar() -> None:
    """Before the first bar, seed and mode are known but no phase or bar is."""
    progress = parse_progress(HEADER)
    assert progress == Progress(seed=7, mode="txt2img")
    assert progress.phase is None
    assert progress.bar == -1
    assert not progress.bar_done


def test_bar_text_inside_the_prompt_does_not_count() -> None:
    """A progress bar echoed inside the prompt line is not read as progress."""
    logs = "Using seed: 1\nPrompt: 50%|█████| 5/10 [00:01<00:01, 5.00it/s]\ntxt2img mode\n"
    progress = parse_progress(logs)
    assert progress == Progress(seed=1, mode="txt2img")
    prompt_after_text = "Prompt: a cat  50%|█████| 5/10 [00:01<00:01, 5.00it/s]\n"
    assert parse_progress(prompt_after_text) == Progress()


@pytest.mark.parametrize("logs", [None, ""])
def test_empty_logs(logs: str | None) -> None:
    """None or empty logs give the empty snapshot."""
    assert parse_progress(logs) == Progress()
    assert parse_progress(logs).percent == 0.0


@pytest.mark.parametrize(
    "logs",
    [
        "\n\n\r\r\n",
        "hello world\nsome warning: thing\n",
        "Using seed: banana\nfoo mode\n|||%%%\n",
        " 50%| 5/10 [00:01<00:01, 5.00it/s]\n",
        " 50%|█████| 5/10 [00:01<00:01, 5.00 it/s]\n",
        " 50%|█████| 5/10 [1:2:3<00:01, 5.00it/s]\n",
        "x 50%|█████| 5/10 [00:01<00:01, 5.00it/s]\n",
        "\t50%|█████| 5/10 [00:01<00:01, 5.00it/s]\n",
        " ٥0%|█████| ٥/10 [00:01<00:01, 5.00it/s]\n",
        "9" * 5000 + "%|" + "9" * 5000 + "\n",
    ],
)
def test_garbage_logs_are_ignored(logs: str) -> None:
    """Unrecognised lines leave the snapshot empty and never raise."""
    assert parse_progress(logs) == Progress()


def test_garbage_between_bar_lines_is_ignored() -> None:
    """Warnings interleaved with bar lines do not disturb the bar."""
    lines = [bar_line(0, 50), "UserWarning: something", bar_line(10, 50), "", "junk |1/2 ["]
    progress = parse_progress(HEADER + "\n".join(lines) + "\n")
    assert (progress.bar, progress.step, progress.total) == (0, 10, 50)


def test_percent_is_capped_when_step_exceeds_total() -> None:
    """A bar that overshoots its total reports 100 percent and done."""
    progress = Progress(phase="base", bar=0, step=60, total=50)
    assert progress.percent == 100.0
    assert progress.bar_done


@given(st.text())
def test_never_raises_on_arbitrary_text(logs: str) -> None:
    """Any text parses without raising, and percent stays within 0..100 when step <= total."""
    progress = parse_progress(logs)
    if progress.step <= progress.total:
        assert 0.0 <= progress.percent <= 100.0


bar_lines = st.builds(
    lambda step, total, tail, sep: bar_line(min(step, total), total, tail) + sep,
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=1, max_value=200),
    st.sampled_from(["00:00<?, ?it/s", "00:01<00:02, 16.47it/s", "1:00:00<0:01:00,  1.23s/it"]),
    st.sampled_from(["\n", "\r", "\r\n"]),
)


@given(st.lists(st.one_of(bar_lines, st.text(max_size=40)), max_size=30))
def test_bar_like_text_mixed_with_noise_stays_consistent(parts: list[str]) -> None:
    """Bar lines mixed with noise keep phase in step with bar and percent within 0..100."""
    progress = parse_progress("".join(parts))
    expected_phase = {-1: None, 0: "base"}.get(progress.bar, "refiner")
    assert progress.phase == expected_phase
    if progress.step <= progress.total:
        assert 0.0 <= progress.percent <= 100.0
