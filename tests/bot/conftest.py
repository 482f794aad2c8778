"""Fixtures of the core's tests: a world of store, quotas and client that runners restart in."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest
from pydantic import SecretStr
from sqlalchemy import Connection

from bot import schema
from bot.images import OutputFetcher
from bot.jobs import Job, JobObserver, JobRunner
from bot.leases import Leases
from bot.quota import Quotas
from bot.recovery import recover
from bot.replicate import ReplicateClient
from bot.rows import JobRow
from bot.store import Store
from tests.bot.test_jobs import FAST, VERSION, Recorder
from tests.fakes import clock
from tests.fakes.replicate import FakeReplicate

GUILD, MEMBER = 5, 7


class World:
    """A store, quotas and a client on one fake, and runners made on them like restarts."""

    def __init__(
        self, store: Store, quotas: Quotas, client: ReplicateClient, fetcher: OutputFetcher
    ) -> None:
        self.store, self.quotas, self.client, self.fetcher = store, quotas, client, fetcher
        self.runners: list[JobRunner] = []

    def runner(self, leases: Leases | None = None) -> JobRunner:
        """A fresh runner on the same store: a new process, as far as jobs can tell."""
        runner = JobRunner(
            leases=leases,
            client=self.client,
            fetcher=self.fetcher,
            store=self.store,
            model_version=VERSION,
            poll_policy=FAST,
            wall_clock=clock.wall,
            quotas=self.quotas,
        )
        self.runners.append(runner)
        return runner

    async def recover(self, runner: JobRunner | None = None) -> dict[str, Recorder]:
        """Recover into `runner` (default: a new one); returns each job's observer by job id."""
        observers: dict[str, Recorder] = {}

        async def observer_for(job: Job, row: JobRow) -> JobObserver:
            observers[job.id] = Recorder()
            return observers[job.id]

        await recover(runner or self.runner(), self.store, self.client, observer_for)
        return observers


@pytest.fixture
async def world(fake_replicate: FakeReplicate, database: str) -> AsyncIterator[World]:
    """Everything but Discord; the ledger invariant is checked at the end."""
    store = await Store.open(database)
    quotas = Quotas(store, default_per_day=25)
    async with aiohttp.ClientSession() as session:
        client = ReplicateClient(
            session, base_url=fake_replicate.base_url, token=SecretStr("r8_fake_test_token")
        )
        fetcher = OutputFetcher(session, allowed_hosts=(), api_host="127.0.0.1", max_bytes=2**24)
        built = World(store, quotas, client, fetcher)
        yield built
        for runner in built.runners:
            await runner.close()
    assert await quotas.invariant_violations() == []
    await store.close()


@pytest.fixture
def upgrades(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """What each call of bot.schema.upgrade returned (True: a migration ran)."""
    calls: list[bool] = []
    real = schema.upgrade

    def spy(connection: Connection) -> bool:
        ran = real(connection)
        calls.append(ran)
        return ran

    monkeypatch.setattr(schema, "upgrade", spy)
    yield calls
