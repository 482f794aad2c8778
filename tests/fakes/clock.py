"""The clocks the fakes keep, so that they move together with the bot's under virtual time.

A test marked `virtual_time` (tests/conftest.py) runs on a loop whose clock fast-forwards
through idle waits; `time.monotonic()` and `time.time()` keep real time there. So the fakes
never read those two directly: `loop_time()` is the running loop's clock (the same as
`time.monotonic()` when time is real), and `wall()` is Unix time that moves with it. Outside
a running loop both fall back to the real clocks.
"""

from __future__ import annotations

import asyncio
import time
import weakref

# Unix time minus loop time, fixed when a loop's virtual time starts (see `start_wall`).
_WALL_OFFSETS: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, float] = (
    weakref.WeakKeyDictionary()
)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def loop_time() -> float:
    """The running loop's clock (seconds, arbitrary origin); time.monotonic() outside a loop."""
    loop = _running_loop()
    return time.monotonic() if loop is None else loop.time()


def wall() -> float:
    """Unix time: time.time(), or under virtual time the Unix time at its start plus the
    loop's time since then."""
    loop = _running_loop()
    offset = None if loop is None else _WALL_OFFSETS.get(loop)
    if loop is None or offset is None:
        return time.time()
    return offset + loop.time()


def start_wall(loop: asyncio.AbstractEventLoop) -> None:
    """From now on `wall()` in `loop` moves with `loop.time()` (called as virtual time starts)."""
    _WALL_OFFSETS[loop] = time.time() - loop.time()
