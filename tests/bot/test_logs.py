"""Logging: our level for our loggers, discord.py never at DEBUG, secrets never written."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot import logs


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """Leave the global logging set-up as the test found it."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    levels = {name: logging.getLogger(name).level for name in ("bot", "cogs", "discord")}
    yield
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


def test_secrets_are_redacted_in_messages_and_tracebacks() -> None:
    """A token in a message, its arguments or an exception never reaches the output."""
    stream = io.StringIO()
    logs.configure("INFO", default=logging.INFO, secrets=["r8_canary_secret_token"], stream=stream)
    log = logging.getLogger("bot.test")
    log.info("token is %s", "r8_canary_secret_token")
    try:
        raise RuntimeError("failed with r8_canary_secret_token")
    except RuntimeError:
        log.exception("boom")
    output = stream.getvalue()
    assert "r8_canary_secret_token" not in output
    assert output.count(logs.REDACTED) == 3


def test_debug_applies_to_our_code_but_not_to_discord_py() -> None:
    """LOG_LEVEL=DEBUG shows our debug lines; discord.py (which logs tokens there) stays at INFO."""
    stream = io.StringIO()
    logs.configure("DEBUG", default=logging.INFO, secrets=[], stream=stream)
    logging.getLogger("bot.replicate").debug("ours")
    logging.getLogger("discord.http").debug(
        "PATCH /webhooks/1/interaction-token/messages/@original"
    )
    output = stream.getvalue()
    assert "ours" in output
    assert "interaction-token" not in output


def test_an_unknown_level_falls_back_to_the_default() -> None:
    """A typo in LOG_LEVEL does not crash the bot or silence it."""
    stream = io.StringIO()
    logs.configure("LOUD", default=logging.WARNING, secrets=[], stream=stream)
    logging.getLogger("bot.x").warning("shown")
    logging.getLogger("bot.x").info("hidden")
    assert "shown" in stream.getvalue() and "hidden" not in stream.getvalue()
