"""Parse the logs of a running SDXL prediction on Replicate into a `Progress` snapshot.

The SDXL model prints `Using seed: N`, `Prompt: ...`, a mode line (`txt2img mode`, `img2img mode`,
`inpaint mode`; the published model says `inpainting mode`) and then one tqdm bar per denoising
pass: the base model's, and a second one when a refiner runs. `parse_progress` reads the whole log
in one pass and reports where the current bar stands, so it can be called on every poll with the
log as it has grown so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Phase", "Progress", "parse_progress"]

Phase = Literal["base", "refiner"]


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a prediction stands, as far as its logs tell."""

    seed: int | None = None
    mode: str | None = None
    phase: Phase | None = None
    bar: int = -1
    step: int = 0
    total: int = 0
    rate: float | None = None
    elapsed: float | None = None
    remaining: float | None = None

    @property
    def percent(self) -> float:
        """100 * step / total of the current bar, capped to 0..100; 0.0 before any bar."""
        if self.total <= 0:
            return 0.0
        return min(100.0, max(0.0, 100.0 * self.step / self.total))

    @property
    def bar_done(self) -> bool:
        """Whether the current bar has reached its total."""
        return self.total > 0 and self.step >= self.total


# tqdm rewrites its line after "\r" when it is not on a terminal; Replicate may keep either form.
# Only "\r" and "\n" split lines: str.splitlines would also split on characters a prompt may hold.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

# ASCII digits only: \d would also take other scripts' digits, which tqdm never prints.
# Anchored at the line start with only spaces before the percentage, so a prompt echoed after
# "Prompt: " can never pass for a bar. Digit runs are bounded so int() never sees a huge string.
# The closing "]" proves the line was written whole; tqdm pads with spaces when a "\r" update is
# shorter than the one it overwrites, hence the trailing spaces.
_TIME = r"(?:\d{1,6}:)?\d{1,2}:\d{2}"
_BAR = re.compile(
    r" *\d{1,4}%\|[^|]*\| *(?P<step>\d{1,9})/(?P<total>\d{1,9}) "
    rf"\[(?P<elapsed>{_TIME})<(?P<remaining>{_TIME}|\?), *"
    r"(?:\?it/s|(?P<rate>\d{1,12}(?:\.\d{1,12})?)(?P<unit>it/s|s/it))"
    r"(?:,[^\]]*)?\] *",
    re.ASCII,
)
_SEED = re.compile(r"Using seed: (?P<seed>\d{1,40}) *", re.ASCII)
_MODE = re.compile(r"(?P<mode>txt2img|img2img|inpaint|inpainting) mode *", re.ASCII | re.IGNORECASE)
_MODE_NAMES = {
    "txt2img": "txt2img",
    "img2img": "img2img",
    "inpaint": "inpaint",
    "inpainting": "inpaint",
}


def _seconds(text: str) -> float:
    """Seconds in a tqdm interval, `MM:SS` or `H:MM:SS`."""
    seconds = 0
    for part in text.split(":"):
        seconds = seconds * 60 + int(part)
    return float(seconds)


def parse_progress(logs: str | None) -> Progress:
    """The progress the SDXL logs so far describe; `Progress()` when they describe none.

    Unrecognised lines are ignored. The last line counts only if it is complete: a bar line
    always is once its "]" is there, a seed line only once a line break follows it (a seed cut
    mid-write would still look like a number).
    """
    if not logs:
        return Progress()

    seed: int | None = None
    mode: str | None = None
    bar = -1
    step = total = 0
    rate: float | None = None
    elapsed: float | None = None
    remaining: float | None = None

    lines = _LINE_BREAK.split(logs)
    last = len(lines) - 1
    for index, line in enumerate(lines):
        # Runs on every poll: the first character picks the one regex a line can meet.
        if not line:
            continue
        head = line[0]
        if head == " " or "0" <= head <= "9":
            match = _BAR.fullmatch(line)
            if match is None:
                continue
            new_step = int(match["step"])
            new_total = int(match["total"])
            if (
                bar < 0
                or new_step < step
                or new_total != total
                or (new_step == 0 and total > 0 and step >= total)
            ):
                bar += 1
            step, total = new_step, new_total
            elapsed = _seconds(match["elapsed"])
            remaining = None if match["remaining"] == "?" else _seconds(match["remaining"])
            rate = None
            if match["rate"] is not None:
                value = float(match["rate"])
                if match["unit"] == "it/s":
                    rate = value
                elif value > 0:
                    rate = 1.0 / value
        elif head == "U":
            if index == last:
                continue
            match = _SEED.fullmatch(line)
            if match is not None:
                seed = int(match["seed"])
        else:
            match = _MODE.fullmatch(line)
            if match is not None:
                mode = _MODE_NAMES[match["mode"].lower()]

    if bar < 0:
        return Progress(seed=seed, mode=mode)
    return Progress(
        seed=seed,
        mode=mode,
        phase="base" if bar == 0 else "refiner",
        bar=bar,
        step=step,
        total=total,
        rate=rate,
        elapsed=elapsed,
        remaining=remaining,
    )
