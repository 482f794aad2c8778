"""A one-line progress display for the terminal (`sdxl-bot generate`).

On a terminal the line is redrawn in place; when the output is a file or a pipe, a line is
written only when something worth keeping changes (status, phase, each quarter of a bar).
"""

from __future__ import annotations

import time
from typing import TextIO

from bot.replicate import Prediction
from bot.tracking import TrackUpdate

BAR_WIDTH = 24


def render(update: TrackUpdate, elapsed: float) -> str:
    """The progress line for one update: `processing base |███░░| 60% 30/50 · 12s · ETA 8s`."""
    progress = update.progress
    status = update.prediction.status
    if status == "starting":
        return f"starting (the model is booting) · {elapsed:.0f}s"
    if status != "processing" or progress.total == 0:
        return f"{status} · {elapsed:.0f}s"
    filled = round(BAR_WIDTH * progress.percent / 100)
    bar = "█" * filled + "░" * (BAR_WIDTH - filled)
    line = (
        f"{status} {progress.phase or 'base'} |{bar}| {progress.percent:3.0f}%"
        f" {progress.step}/{progress.total} · {elapsed:.0f}s"
    )
    if progress.remaining is not None and not progress.bar_done:
        line += f" · ETA {progress.remaining:.0f}s"
    elif progress.bar_done:
        line += " · finishing"
    return line


class ProgressLine:
    """Shows tracker updates on a text stream (stderr, so stdout keeps only the saved paths)."""

    def __init__(self, stream: TextIO, *, quiet: bool = False) -> None:
        self._stream = stream
        self._quiet = quiet
        self._tty = stream.isatty()
        self._started = time.monotonic()
        self._last_key: tuple[str, str | None, int] | None = None
        self._width = 0

    def show(self, update: TrackUpdate) -> None:
        """Draw (or, off a terminal, maybe log) the state of this update."""
        if self._quiet:
            return
        line = render(update, time.monotonic() - self._started)
        if self._tty:
            padding = " " * max(0, self._width - len(line))
            self._stream.write(f"\r{line}{padding}")
            self._width = len(line)
            self._stream.flush()
            return
        progress = update.progress
        key = (update.prediction.status, progress.phase, int(progress.percent // 25))
        if key != self._last_key:
            self._last_key = key
            self._stream.write(line + "\n")
            self._stream.flush()

    def finish(self, prediction: Prediction) -> None:
        """End the line with the outcome and the time taken."""
        if self._quiet:
            return
        if self._tty:
            self._stream.write("\r" + " " * self._width + "\r")
        elapsed = time.monotonic() - self._started
        self._stream.write(f"{prediction.status} in {elapsed:.1f}s ({prediction.id})\n")
        self._stream.flush()
