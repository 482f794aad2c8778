"""History against a real SQLite file: a member's jobs with what each did to the quota."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.history import History
from bot.lifecycle import JobState, walk
from bot.quota import Quotas, settlement
from bot.store import Bindings, Store

GUILD, MEMBER = 9, 5
PROCESSING = JobState.processing


class EndsAJobAfterTheFirstRead(Store):
    """The real store, where the job `ending` finishes right after the first read returns."""

    ending: str | None = None

    async def fetch_all(self, query: str, parameters: Bindings = ()) -> list[tuple[Any, ...]]:
        rows = await super().fetch_all(query, parameters)
        if self.ending is not None:
            job_id, self.ending = self.ending, None
            await self.write_together(
                [settlement(job_id, 2), *walk(job_id, PROCESSING, JobState.done, images=2)]
            )
        return rows


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[EndsAJobAfterTheFirstRead]:
    """A real SQLite store that can end a job in the middle of a /history read."""
    opened = await EndsAJobAfterTheFirstRead.open(tmp_path / "bot.sqlite3")
    assert isinstance(opened, EndsAJobAfterTheFirstRead)
    yield opened
    await opened.close()


async def running_job(store: Store, job_id: str, prompt: str, images: int) -> None:
    """A job of MEMBER that has reserved `images` and is still running."""
    await store.insert_job(
        id=job_id,
        guild_id=GUILD,
        requester_id=MEMBER,
        locale="en-US",
        request_json=f'{{"prompt": "{prompt}"}}',
        state="processing",
    )
    await Quotas(store, default_per_day=25).reserve(
        job_id=job_id, guild_id=GUILD, user_id=MEMBER, role_ids=[], images=images
    )


async def test_history_lists_jobs_newest_first_with_their_ledger(
    store: EndsAJobAfterTheFirstRead,
) -> None:
    """Each job carries its own entries: the ended one its charge, the running one its hold."""
    await running_job(store, "a" * 16, "first corgi", 2)
    await store.write_together(
        [settlement("a" * 16, 1), *walk("a" * 16, PROCESSING, JobState.done, images=1)]
    )
    await running_job(store, "b" * 16, "second corgi", 4)
    second, first = await History(store).recent(GUILD, MEMBER)
    assert (second.prompt, second.state, second.ledger.held) == ("second corgi", "processing", 4)
    assert (first.prompt, first.state, first.images) == ("first corgi", "done", 1)
    assert (first.ledger.settled, first.ledger.refunded, first.ledger.causes) == (1, 1, ("safety",))
    assert await History(store).recent(GUILD, MEMBER + 1) == []


async def test_a_job_ending_during_the_read_is_shown_whole(
    store: EndsAJobAfterTheFirstRead,
) -> None:
    """A job that ends while /history reads is shown running with its hold, not half ended."""
    await running_job(store, "c" * 16, "corgi", 2)
    store.ending = "c" * 16
    (entry,) = await History(store).recent(GUILD, MEMBER)
    assert (entry.state, entry.ledger.reserved, entry.ledger.held) == ("processing", 2, 2)
    (after,) = await History(store).recent(GUILD, MEMBER)
    assert (after.state, after.ledger.settled, after.ledger.held) == ("done", 2, 0)
