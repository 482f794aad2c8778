"""Logging set-up for the CLI and the bot: our level for our code, secrets never written.

LOG_LEVEL applies to sdxl-bot's own loggers. discord.py is never put below INFO: at DEBUG
it logs request URLs and gateway payloads that carry interaction tokens. On top of that,
the formatter replaces the configured secrets wherever they would appear, tracebacks
included.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from typing import TextIO

# The three packages of ours: the core, the Discord glue, the composition root (by name only:
# the core imports neither of the other two).
OUR_LOGGERS = ("bot", "cogs", "sdxl_bot")
REDACTED = "[redacted]"


class RedactingFormatter(logging.Formatter):
    """A formatter that blanks out known secrets in the final text."""

    def __init__(self, fmt: str, secrets: Iterable[str]) -> None:
        super().__init__(fmt)
        # Longest first, so a secret containing another is replaced whole.
        self._secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        """The record as text, with every secret replaced."""
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure(
    level: str | None, *, default: int, secrets: Iterable[str], stream: TextIO = sys.stderr
) -> None:
    """Root at INFO or above, our loggers at `level` (or `default`), secrets redacted."""
    wanted = logging.getLevelName((level or "").upper()) if level else default
    if not isinstance(wanted, int):
        wanted = default
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(wanted, logging.INFO))
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(wanted)
