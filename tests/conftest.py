"""Fixtures shared by the whole test suite."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.fakes.discord import FakeDiscord
from tests.fakes.replicate import FakeReplicate, Timing


@pytest.fixture
async def fake_replicate() -> AsyncIterator[FakeReplicate]:
    """A started FakeReplicate whose default 50-step prediction ends in about 0.15 s."""
    fake = FakeReplicate(timing=Timing(starting=0.02, step=0.002, finishing=0.02))
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started FakeDiscord with discord.py's REST base and gateway pointed at it."""
    fake = FakeDiscord()
    await fake.start()
    try:
        with fake.patch_discord_py():
            yield fake
    finally:
        await fake.close()
