"""The JobRunner against the fake Replicate and a real SQLite file: states, queue, limits."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr

from bot.errors import (
    JobCrashed,
    NsfwDetected,
    PredictionCanceled,
    QueueFull,
    ShuttingDown,
    TooManyJobs,
)
from bot.images import OutputFetcher
from bot.jobs import Job, JobEvent, JobRunner, JobSpec, JobState, RunnerLimits
from bot.quota import Quotas
from bot.replicate import ReplicateClient, RetryPolicy
from bot.sdxl import ImagineRequest
from bot.store import Statement, Store
from bot.tracking import PollPolicy
from cogs.catalogue import render
from tests.conftest import refuse_writes
from tests.fakes.replicate import FakeReplicate, Fault, Scenario

pytestmark = pytest.mark.virtual_time


VERSION = "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
FAST = PollPolicy(boot_first=0.05, boot_max=0.2, running_max=0.1, finish=0.05, minimum=0.01)


class Recorder:
    """An observer that remembers every event and signals the final one."""

    def __init__(self) -> None:
        self.updates: list[JobEvent] = []
        self.final: JobEvent | None = None
        self.done = asyncio.Event()
        self.pauses: list[JobEvent] = []

    def on_update(self, event: JobEvent) -> None:
        self.updates.append(event)

    async def deliver(self, event: JobEvent) -> bool:
        self.final = event
        self.done.set()
        return True

    async def paused(self, event: JobEvent) -> None:
        self.pauses.append(event)


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """A real SQLite store in a temporary folder."""
    opened = await Store.open(database)
    yield opened
    await opened.close()


@pytest.fixture
async def make_runner(
    fake_replicate: FakeReplicate, store: Store
) -> AsyncIterator[Callable[..., JobRunner]]:
    """Builds runners on one session against the fake; closes them after the test."""
    runners: list[JobRunner] = []
    async with aiohttp.ClientSession() as session:
        client = ReplicateClient(
            session,
            base_url=fake_replicate.base_url,
            token=SecretStr("r8_fake_test_token"),
            retry=RetryPolicy(base_delay=0.01, max_delay=0.05),
        )
        fetcher = OutputFetcher(
            session, allowed_hosts=(), api_host="127.0.0.1", max_bytes=10 * 1024 * 1024
        )

        def build(**limits: object) -> JobRunner:
            runner = JobRunner(
                client=client,
                fetcher=fetcher,
                store=store,
                model_version=VERSION,
                limits=RunnerLimits(**limits),  # type: ignore[arg-type]
                poll_policy=FAST,
            )
            runners.append(runner)
            return runner

        yield build
        for runner in runners:
            await runner.close()


def spec(prompt: str = "a corgi", requester: int = 1, **options: object) -> JobSpec:
    """A job spec for `requester`."""
    return JobSpec(
        request=ImagineRequest.parse({"prompt": prompt, **options}), requester_id=requester
    )


async def finished(recorder: Recorder) -> JobEvent:
    """The final event once the runner has also recorded it, waited for with a bound."""
    await asyncio.wait_for(recorder.done.wait(), 15)
    assert recorder.final is not None
    await asyncio.wait_for(recorder.final.job.ended.wait(), 5)
    return recorder.final


async def test_a_job_moves_through_every_state_and_is_recorded(
    make_runner: Callable[..., JobRunner], store: Store
) -> None:
    """queued -> submitting -> starting -> processing -> delivering -> done, images fetched."""
    runner = make_runner()
    recorder = Recorder()
    job = await runner.submit(spec(num_outputs=2), recorder)
    final = await finished(recorder)
    states = [event.state for event in recorder.updates]
    for expected in ("submitting", "starting", "processing", "delivering"):
        assert expected in states
    assert final.state == JobState.done
    assert len(final.job.images) == 2
    row = await store.job(job.id)
    assert row is not None
    assert (row.state, row.images, row.seed) == ("done", 2, final.job.seed)
    assert row.prediction_id is not None and row.finished_at is not None


async def test_a_seed_is_drawn_when_none_is_given(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate
) -> None:
    """Every job knows its seed up front; it is sent to the model."""
    runner = make_runner()
    recorder = Recorder()
    job = await runner.submit(spec(), recorder)
    await finished(recorder)
    assert job.request.seed is not None and 0 <= job.request.seed < 65536
    body = fake_replicate.requests[0].json
    assert body is not None and body["input"]["seed"] == job.request.seed


async def test_the_queue_runs_jobs_a_few_at_a_time_in_order(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate, store: Store
) -> None:
    """With two slots, five jobs run two at a time, leaving the queue in the order they were
    asked; waiting ones see their position fall."""
    fake_replicate.timing.step = 0.005
    runner = make_runner(max_concurrent=2, per_member=10)
    left_queue: list[str] = []
    take = runner._queue.popleft

    def popleft() -> Job:
        job = take()
        left_queue.append(str(job.request.prompt))
        return job

    runner._queue.popleft = popleft  # type: ignore[method-assign]
    recorders = [Recorder() for _ in range(5)]
    jobs = [await runner.submit(spec(f"p{i}"), recorders[i]) for i in range(5)]
    for recorder in recorders:
        await finished(recorder)
    positions = [event.position for event in recorders[4].updates if event.state == JobState.queued]
    assert positions == sorted(positions, reverse=True) and positions[0] == 3 and positions[-1] == 1
    assert left_queue == [f"p{i}" for i in range(5)]
    starts = sorted(fake_replicate.predictions.values(), key=lambda p: p.created_monotonic)
    if store.backend == "sqlite":
        # One writer: jobs started together also reach Replicate in that order. On PostgreSQL
        # two jobs started in the same instant race through their own transactions.
        assert [p.input["prompt"] for p in starts] == [f"p{i}" for i in range(5)]
    for prediction in starts:
        alive = [
            other
            for other in starts
            if other.created_monotonic <= prediction.created_monotonic
            and (other.completed_monotonic or float("inf")) > prediction.created_monotonic
        ]
        assert len(alive) <= 2, "more predictions ran at once than the runner allows"
    assert all(job.state == JobState.done for job in jobs)


async def test_member_and_queue_limits_refuse_without_a_trace(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate, store: Store
) -> None:
    """A member past their in-flight limit, or a full queue, is refused before anything is kept."""
    fake_replicate.timing.step = 1.0
    runner = make_runner(max_concurrent=1, per_member=1, max_queue=1)
    await runner.submit(spec(requester=1), Recorder())
    with pytest.raises(TooManyJobs):
        await runner.submit(spec(requester=1), Recorder())
    await runner.submit(spec(requester=2), Recorder())
    with pytest.raises(QueueFull):
        await runner.submit(spec(requester=3), Recorder())
    assert len(await store.jobs_in_states(["queued", "submitting", "starting", "processing"])) == 2


async def test_cancelling_a_waiting_job_never_reaches_replicate(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate
) -> None:
    """A job canceled while queued ends canceled with no prediction created for it."""
    fake_replicate.timing.step = 1.0
    runner = make_runner(max_concurrent=1)
    await runner.submit(spec(requester=1), Recorder())
    waiting = Recorder()
    job = await runner.submit(spec("waiting", requester=2), waiting)
    assert await runner.cancel(job.id) is True
    final = await finished(waiting)
    assert final.state == JobState.canceled
    assert isinstance(final.job.error, PredictionCanceled)
    assert all(p.input["prompt"] != "waiting" for p in fake_replicate.predictions.values())


async def test_cancelling_a_running_job_cancels_its_prediction(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate
) -> None:
    """A running job's cancel reaches Replicate and the observer hears `canceled`."""
    fake_replicate.timing.step = 1.0
    runner = make_runner()
    recorder = Recorder()
    job = await runner.submit(spec(), recorder)
    deadline = time.monotonic() + 10
    while job.prediction is None:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    await runner.cancel(job.id)
    final = await finished(recorder)
    assert final.state == JobState.canceled
    assert fake_replicate.predictions[job.prediction.id].status == "canceled"


async def test_a_failed_prediction_fails_the_job_with_its_reason(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate, store: Store
) -> None:
    """NSFW on every image ends the job failed, the reason recorded."""
    fake_replicate.scenario = Scenario(nsfw="all")
    runner = make_runner()
    recorder = Recorder()
    job = await runner.submit(spec(), recorder)
    final = await finished(recorder)
    assert final.state == JobState.failed and isinstance(final.job.error, NsfwDetected)
    row = await store.job(job.id)
    assert row is not None and row.error_key == "prediction.nsfw"


async def test_close_leaves_predictions_running(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate
) -> None:
    """A clean shutdown stops watching but does not cancel what runs on Replicate."""
    fake_replicate.timing.step = 1.0
    runner = make_runner()
    job = await runner.submit(spec(), Recorder())
    deadline = time.monotonic() + 10
    while job.prediction is None:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.01)
    await runner.close()
    assert fake_replicate.count("POST", r"/v1/predictions/[^/]+/cancel") == 0


async def test_a_broken_observer_does_not_break_the_job(
    make_runner: Callable[..., JobRunner],
) -> None:
    """An observer raising on updates is logged; the job still finishes and delivers."""

    class Broken(Recorder):
        def on_update(self, event: JobEvent) -> None:
            raise RuntimeError("boom")

    runner = make_runner()
    recorder = Broken()
    await runner.submit(spec(), recorder)
    assert (await finished(recorder)).state == JobState.done


async def wait_until(condition: Callable[[], bool], timeout: float = 10) -> None:
    """Poll a condition with a bound (the runner signals no intermediate states)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_a_cancel_during_the_create_still_stops_the_prediction(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate
) -> None:
    """Cancelled while the create is in flight: its answer is awaited, the prediction canceled."""
    fake_replicate.timing.step = 1.0
    fake_replicate.add_fault(Fault(method="POST", path="/v1/predictions", kind="slow", delay=0.5))
    runner = make_runner()
    recorder = Recorder()
    job = await runner.submit(spec(), recorder)
    await wait_until(lambda: job.state == JobState.submitting)
    await runner.cancel(job.id)
    final = await finished(recorder)
    assert final.state == JobState.canceled
    [prediction] = fake_replicate.predictions.values()
    assert prediction.status == "canceled"


async def test_concurrent_submits_cannot_pass_the_member_limit(
    make_runner: Callable[..., JobRunner],
) -> None:
    """Five simultaneous requests from one member with a limit of one: one is accepted."""
    runner = make_runner(per_member=1)
    outcomes = await asyncio.gather(
        *(runner.submit(spec(f"p{i}"), Recorder()) for i in range(5)), return_exceptions=True
    )
    assert sum(not isinstance(outcome, BaseException) for outcome in outcomes) == 1
    assert all(isinstance(o, TooManyJobs) for o in outcomes if isinstance(o, BaseException))


async def test_an_unexpected_failure_ends_the_job_and_frees_the_member(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate, store: Store
) -> None:
    """A real fault mid-job (the database refusing writes) fails the job with a reference."""
    fake_replicate.timing.step = 0.05
    runner = make_runner(per_member=1)
    recorder = Recorder()
    job = await runner.submit(spec(), recorder)
    await wait_until(lambda: job.state == JobState.starting)
    await refuse_writes(store)
    final = await finished(recorder)
    assert final.state == JobState.failed
    assert isinstance(final.job.error, JobCrashed)
    assert job.id in render(final.job.error)
    await refuse_writes(store, refused=False)
    runner.admit(1)


async def test_shutdown_tells_waiting_and_running_members_and_refuses_new_work(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate, store: Store
) -> None:
    """close() pauses every unfinished job (members told), keeps them recorded, takes no more."""
    fake_replicate.timing.step = 1.0
    runner = make_runner(max_concurrent=1)
    running, waiting = Recorder(), Recorder()
    first = await runner.submit(spec(requester=1), running)
    second = await runner.submit(spec(requester=2), waiting)
    # Its prediction recorded (a move written is what the job's state in memory follows).
    await wait_until(lambda: first.state in (JobState.starting, JobState.processing))
    await runner.close()
    assert len(running.pauses) == 1 and len(waiting.pauses) == 1
    assert running.final is None and waiting.final is None
    rows = {
        job.id: job.state
        for job in await store.jobs_in_states(["queued", "starting", "processing"])
    }
    assert set(rows) == {first.id, second.id}
    with pytest.raises(ShuttingDown):
        await runner.submit(spec(requester=3), Recorder())


class FailingDelivery(Recorder):
    """An observer whose delivery cannot reach the member."""

    def __init__(self, how: str) -> None:
        super().__init__()
        self.how = how

    async def deliver(self, event: JobEvent) -> bool:
        await super().deliver(event)
        if self.how == "raises":
            raise RuntimeError("Discord is down")
        return False


@contextlib.asynccontextmanager
async def charging_runner(
    fake_replicate: FakeReplicate, store: Store, quotas: Quotas, limits: RunnerLimits | None = None
) -> AsyncIterator[JobRunner]:
    """A runner that charges `quotas`, on its own session against the fake."""
    async with aiohttp.ClientSession() as session:
        client = ReplicateClient(
            session, base_url=fake_replicate.base_url, token=SecretStr("r8_fake_test_token")
        )
        fetcher = OutputFetcher(session, allowed_hosts=(), api_host="127.0.0.1", max_bytes=2**24)
        yield JobRunner(
            client=client,
            fetcher=fetcher,
            store=store,
            model_version=VERSION,
            poll_policy=FAST,
            quotas=quotas,
            limits=limits,
        )


@pytest.mark.parametrize("how", ["returns-false", "raises"])
async def test_images_that_were_not_delivered_are_refunded(
    fake_replicate: FakeReplicate, store: Store, how: str
) -> None:
    """A job whose result never reached the member charges nothing; the ledger stays balanced."""
    quotas = Quotas(store, default_per_day=25)
    async with charging_runner(fake_replicate, store, quotas) as runner:
        observer = FailingDelivery(how)
        job = await runner.submit(
            JobSpec(
                request=ImagineRequest.parse({"prompt": "x", "num_outputs": 2}),
                requester_id=5,
                guild_id=9,
            ),
            observer,
        )
        await finished(observer)
        await runner.close()
    assert [kind for kind, _, _ in await quotas.entries(job.id)] == ["reserve", "refund"]
    assert await quotas.invariant_violations() == []


async def test_a_long_queue_gives_an_estimate(
    make_runner: Callable[..., JobRunner], fake_replicate: FakeReplicate
) -> None:
    """Jobs waiting behind full slots are told about how long; the first in line is not."""
    fake_replicate.timing.step = 1.0
    runner = make_runner(max_concurrent=1, per_member=10)
    recorders = [Recorder() for _ in range(3)]
    for index, recorder in enumerate(recorders):
        await runner.submit(spec(f"q{index}"), recorder)
    last = [e for e in recorders[2].updates if e.state == JobState.queued][-1]
    assert last.position == 2 and last.wait_estimate is not None and last.wait_estimate > 0
    assert runner.wait_estimate(2) == pytest.approx(2 * 20.0)


class ReserveWatch(Store):
    """The real store, telling the test when the reservation's statement is queued."""

    reserving: asyncio.Event

    async def write_together(self, statements: Any) -> list[list[tuple[Any, ...]]]:
        statements = [Statement(*statement) for statement in statements]
        if not any("'reserve'" in statement.query for statement in statements):
            return await super().write_together(statements)
        pending = asyncio.ensure_future(super().write_together(statements))
        await asyncio.sleep(0)  # the unit is in the writer's queue now
        self.reserving.set()
        return await pending


async def test_a_cancel_during_the_reservation_gives_the_images_back(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Cancelled while its reservation is being written: refunded, closed, never run."""
    store = await ReserveWatch.open(tmp_path / "bot.sqlite3")
    assert isinstance(store, ReserveWatch)
    store.reserving = asyncio.Event()
    quotas = Quotas(store, default_per_day=10)
    try:
        async with charging_runner(fake_replicate, store, quotas) as runner:
            request = ImagineRequest.parse({"prompt": "x", "num_outputs": 4})
            submitting = asyncio.create_task(
                runner.submit(JobSpec(request=request, requester_id=5, guild_id=9), Recorder())
            )
            await asyncio.wait_for(store.reserving.wait(), 5)
            submitting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await submitting
            await runner.close()
        rows = await store.fetch_all("SELECT id, state, interaction_token FROM jobs")
        assert len(rows) == 1 and rows[0][1:] == ("canceled", None)
        assert [(kind, n) for kind, n, _ in await quotas.entries(rows[0][0])] == [
            ("reserve", 4),
            ("refund", 4),
        ]
        assert (await quotas.balance(9, 5, [])).left == 10
        assert await quotas.invariant_violations() == []
        assert fake_replicate.predictions == {}
    finally:
        await store.close()


async def test_a_job_is_charged_and_marked_final_together_or_not_at_all(
    fake_replicate: FakeReplicate, store: Store
) -> None:
    """If marking a job final fails, its settle is not kept: the reservation waits for recovery."""
    if store.backend == "sqlite":
        await store.write(
            "CREATE TEMP TRIGGER stuck BEFORE UPDATE OF state ON jobs WHEN NEW.state = 'done'"
            " BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
        )
    else:
        await store.write_together(
            [
                (
                    "CREATE FUNCTION stuck() RETURNS trigger LANGUAGE plpgsql AS $$"
                    " BEGIN RAISE EXCEPTION 'disk trouble'; END $$",
                    (),
                ),
                (
                    "CREATE TRIGGER stuck BEFORE UPDATE OF state ON jobs FOR EACH ROW"
                    " WHEN (NEW.state = 'done') EXECUTE FUNCTION stuck()",
                    (),
                ),
            ]
        )
    quotas = Quotas(store, default_per_day=25)
    async with charging_runner(fake_replicate, store, quotas) as runner:
        recorder = Recorder()
        request = ImagineRequest.parse({"prompt": "x", "num_outputs": 2})
        job = await runner.submit(JobSpec(request=request, requester_id=5, guild_id=9), recorder)
        await finished(recorder)
        await runner.close()
    row = await store.job(job.id)
    assert row is not None and row.state == "delivering"
    assert [kind for kind, _, _ in await quotas.entries(job.id)] == ["reserve"]
    assert (await quotas.balance(9, 5, [])).in_progress == 2


class LateFirstAccept(Store):
    """The real store, where the first job's accepting transaction starts late."""

    async def insert_job(self, **fields: Any) -> list[list[tuple[Any, ...]]]:
        if '"late' in str(fields.get("request_json")):
            await asyncio.sleep(0.05)
        return await super().insert_job(**fields)


async def test_jobs_leave_the_queue_in_the_order_they_were_asked(
    fake_replicate: FakeReplicate, database: str
) -> None:
    """Asked together, a job whose accept commits last still runs first: its place was taken
    when it was asked, and the jobs behind it wait for it."""
    store = await LateFirstAccept.open(database)
    quotas = Quotas(store, default_per_day=25)
    left_queue: list[str] = []
    try:
        limits = RunnerLimits(max_concurrent=1, per_member=10)
        async with charging_runner(fake_replicate, store, quotas, limits) as runner:
            take = runner._queue.popleft

            def popleft() -> Job:
                job = take()
                left_queue.append(str(job.request.prompt))
                return job

            runner._queue.popleft = popleft  # type: ignore[method-assign]
            prompts = ["late first", "second", "third", "fourth"]
            recorders = [Recorder() for _ in prompts]
            await asyncio.gather(
                *(
                    runner.submit(
                        JobSpec(request=ImagineRequest.parse({"prompt": p}), requester_id=5),
                        recorder,
                    )
                    for p, recorder in zip(prompts, recorders, strict=True)
                )
            )
            for recorder in recorders:
                await finished(recorder)
            await runner.close()
        assert left_queue == prompts
    finally:
        await store.close()
