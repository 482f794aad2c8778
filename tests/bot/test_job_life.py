"""Each way a job used to end twice, never, or wrongly, against the real runner, store and fake."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.errors import PredictionCanceled, PredictionTimedOut
from bot.jobs import CancelOutcome, JobRunner, JobState
from bot.recovery import recover
from bot.rows import JobRow
from tests.bot.conftest import World
from tests.bot.test_jobs import VERSION, Recorder, wait_until
from tests.bot.test_recovery import ended, spec, wait_state
from tests.fakes.replicate import FakeReplicate, Fault

pytestmark = pytest.mark.virtual_time


async def test_cancel_pressed_twice_at_once_ends_the_job_once(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A double click (or requester and moderator together) cancels once: the job ends
    canceled, its images refunded, its slot free, its prediction canceled."""
    fake_replicate.timing.step = 0.5
    runner = world.runner()
    runner.limits.per_member = 1
    recorder = Recorder()
    job = await runner.submit(spec("double click"), recorder)
    await wait_state(job, JobState.processing)
    # The second click lands while the first one's clean-up waits for Replicate.
    cancel_path = r"/v1/predictions/[^/]+/cancel"
    fake_replicate.add_fault(Fault("POST", cancel_path, "slow", delay=0.5, times=2))
    await runner.cancel(job.id)
    await wait_until(lambda: fake_replicate.count("POST", cancel_path) >= 1)
    await asyncio.sleep(0.6)  # the old code's second cancel request is then under way
    await runner.cancel(job.id)
    await asyncio.wait_for(recorder.done.wait(), 10)
    await asyncio.wait_for(job.ended.wait(), 5)
    assert recorder.final is not None and recorder.final.state == JobState.canceled
    row = await world.store.job(job.id)
    assert row is not None and row.state == "canceled"
    assert [kind for kind, _, _ in await world.quotas.entries(job.id)] == ["reserve", "refund"]
    assert job.prediction is not None
    assert fake_replicate.predictions[job.prediction.id].status == "canceled"
    runner.admit(job.spec.requester_id)  # the member's slot is free again


async def test_repeated_cancels_are_answered_already_canceling(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """The first request is recorded with its actor; the next ones learn it is under way, and
    after the end that there is nothing left to cancel."""
    fake_replicate.timing.step = 0.5
    runner = world.runner()
    runner.limits.max_concurrent = 1
    ahead = await runner.submit(spec("ahead"), Recorder())
    recorder = Recorder()
    job = await runner.submit(spec("queued"), recorder)  # waits behind the first one
    first, second = await asyncio.gather(
        runner.request_cancel(job.id, 7), runner.request_cancel(job.id, 900)
    )
    assert {first, second} == {CancelOutcome.canceling, CancelOutcome.already_canceling}
    await asyncio.wait_for(job.ended.wait(), 5)
    assert await runner.request_cancel(job.id, 7) == CancelOutcome.already_canceling
    await runner.cancel(ahead.id)
    await asyncio.wait_for(ahead.ended.wait(), 10)
    fake_replicate.timing.step = 0.002
    done = await runner.submit(spec("done"), Recorder())
    await asyncio.wait_for(done.ended.wait(), 10)
    assert await runner.request_cancel(done.id, 7) == CancelOutcome.finished
    row = await world.store.job(job.id)
    assert row is not None and row.cancel_requested_by in (7, 900)
    events = await world.store.fetch_all(
        "SELECT from_state, to_state FROM job_events WHERE job_id = ? ORDER BY id", (job.id,)
    )
    assert events == [(None, "queued"), ("queued", "canceled")]


async def test_a_cancel_during_a_slow_create_never_loses_the_prediction(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """Canceled twice while a create takes longer than the old 30 s wait: the create's answer
    is still recorded and its prediction canceled, not left running unwatched."""
    fake_replicate.timing.step = 0.5
    fake_replicate.add_fault(Fault("POST", "/v1/predictions", "slow", delay=1.0))
    runner = world.runner()
    recorder = Recorder()
    job = await runner.submit(spec("slow create"), recorder)
    await wait_until(lambda: job.state == JobState.submitting)
    await runner.cancel(job.id)
    await runner.cancel(job.id)
    final = await ended({job.id: recorder}, job.id)
    assert final.final is not None and final.final.state == JobState.canceled
    [prediction] = fake_replicate.predictions.values()
    assert prediction.status == "canceled"
    row = await world.store.job(job.id)
    assert row is not None and row.prediction_id == prediction.id


async def test_a_create_whose_answer_is_lost_is_found_not_sent_again(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A create that reached Replicate but whose answer was lost (a 502 after the fact, a
    dropped connection) is found by its input and delivered: one prediction, one charge."""
    for kind in ("status", "drop"):
        fake_replicate.add_fault(
            Fault("POST", "/v1/predictions", kind, status=502, after_effect=True)  # type: ignore[arg-type]
        )
        runner = world.runner()
        recorder = Recorder()
        job = await runner.submit(spec(f"lost answer {kind}"), recorder)
        final = await ended({job.id: recorder}, job.id)
        assert final.final is not None and final.final.state == JobState.done, kind
        made = [
            p
            for p in fake_replicate.predictions.values()
            if p.input["prompt"] == job.request.prompt
        ]
        assert len(made) == 1, kind
        assert [k for k, _, _ in await world.quotas.entries(job.id)] == ["reserve", "settle"]


async def test_a_create_that_never_arrived_is_sent_once_more(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A 502 without a prediction behind it: proven absent by the listing, then sent again."""
    fake_replicate.add_fault(Fault("POST", "/v1/predictions", "status", status=502))
    runner = world.runner()
    recorder = Recorder()
    job = await runner.submit(spec("never arrived"), recorder)
    final = await ended({job.id: recorder}, job.id)
    assert final.final is not None and final.final.state == JobState.done
    assert fake_replicate.count("POST", "/v1/predictions") == 2
    assert len(fake_replicate.predictions) == 1


async def test_a_relay_that_cannot_list_fails_and_refunds_a_lost_create(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """Undecidable (no list endpoint): the job fails and is refunded, never sent twice."""
    fake_replicate.list_supported = False
    fake_replicate.add_fault(
        Fault("POST", "/v1/predictions", "status", status=502, after_effect=True)
    )
    runner = world.runner()
    recorder = Recorder()
    job = await runner.submit(spec("undecidable"), recorder)
    final = await ended({job.id: recorder}, job.id)
    assert final.final is not None and final.final.state == JobState.failed
    assert fake_replicate.count("POST", "/v1/predictions") == 1
    assert [k for k, _, _ in await world.quotas.entries(job.id)] == ["reserve", "refund"]


async def test_the_timeout_counts_from_the_first_submit_across_restarts(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """PREDICTION_TIMEOUT is not restarted by a restart: the recovered job times out when the
    first run's deadline passes; creates carry Replicate's Cancel-After header."""
    fake_replicate.timing.step = 1.0  # far longer than the timeout
    first = world.runner()
    first.limits.timeout = 1.5
    job = await first.submit(spec("slow model"), Recorder())
    await wait_state(job, JobState.starting, JobState.processing)
    [create] = [r for r in fake_replicate.requests if r.method == "POST"]
    assert create.headers.get("cancel-after") in ("2s", "5s")
    await asyncio.sleep(0.8)
    await first.close()
    second = world.runner()
    second.limits.timeout = 1.5
    observers: dict[str, Recorder] = {}

    async def observer_for(job_: object, row: JobRow) -> Recorder:
        observers[row.id] = Recorder()
        return observers[row.id]

    loop = asyncio.get_running_loop()
    resumed_at = loop.time()
    await recover(second, world.store, world.client, observer_for)
    recorder = await ended(observers, job.id)
    assert recorder.final is not None and recorder.final.state == JobState.failed
    assert isinstance(recorder.final.job.error, PredictionTimedOut)
    # The second run waited only what was left of the first deadline, not another 1.5 s.
    assert loop.time() - resumed_at < 1.4


async def test_a_cancel_after_the_prediction_succeeded_delivers_the_images(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """Cancel racing delivery: the images were made and paid for, so they are delivered and
    charged, and the member is told the cancel came too late."""
    fake_replicate.add_fault(Fault("GET", r"/files/.+", "slow", delay=0.5, times=2))
    runner = world.runner()
    recorder = Recorder()
    job = await runner.submit(spec("late cancel", 2), recorder)
    await wait_state(job, JobState.delivering)
    assert await runner.request_cancel(job.id, None) == CancelOutcome.canceling
    final = await ended({job.id: recorder}, job.id)
    assert final.final is not None and final.final.state == JobState.done
    assert len(final.final.job.images) == 2 and final.final.job.cancel_requested
    assert [k for k, _, _ in await world.quotas.entries(job.id)] == ["reserve", "settle"]


async def test_one_failed_download_of_four_refunds_that_image_alone(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """Three images arrive and are delivered and charged; the fourth is retried, then refunded."""
    fake_replicate.add_fault(
        Fault("GET", r"/files/[^/]+/out-2\.png", "status", status=404, times=50)
    )
    runner = world.runner()
    recorder = Recorder()
    job = await runner.submit(spec("four", 4), recorder)
    final = await ended({job.id: recorder}, job.id)
    assert final.final is not None and final.final.state == JobState.done
    assert len(final.final.job.images) == 3 and final.final.job.missing == 1
    assert fake_replicate.count("GET", r"/files/[^/]+/out-2\.png") >= 2  # it was retried
    entries = await world.quotas.entries(job.id)
    assert [(k, n) for k, n, _ in entries] == [("reserve", 4), ("settle", 3), ("refund", 1)]


async def test_a_cancel_recorded_before_a_restart_is_acted_on_after_it(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A queued job canceled just before the bot stopped is never sent after the restart, and
    a running one has its prediction canceled."""
    fake_replicate.timing.step = 0.5
    first = world.runner()
    first.limits.max_concurrent = 1
    running = await first.submit(spec("running"), Recorder())
    queued = await first.submit(spec("queued"), Recorder())
    await wait_state(running, JobState.processing)
    # Recorded in the database, but the process stops before acting on them.
    from bot.lifecycle import cancel_request

    for job in (running, queued):
        await world.store.write(*cancel_request(job.id, 7))
    await first.close()
    observers = await world.recover()
    for job in (running, queued):
        recorder = await ended(observers, job.id)
        assert recorder.final is not None and recorder.final.state == JobState.canceled
        assert isinstance(recorder.final.job.error, PredictionCanceled)
    assert all(p.input["prompt"] != "queued" for p in fake_replicate.predictions.values())
    assert running.prediction is not None
    assert fake_replicate.predictions[running.prediction.id].status == "canceled"


async def test_no_accepted_job_is_ever_without_its_reservation(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """An accept interrupted at any point leaves either nothing or a job with its images
    reserved (recorded together), never a queued job that would run free."""
    fake_replicate.timing.step = 0.5
    for steps in range(12):
        runner: JobRunner = world.runner()
        submit = asyncio.create_task(runner.submit(spec(f"cut after {steps}"), Recorder()))
        for _ in range(steps):
            await asyncio.sleep(0)
        submit.cancel()
        await asyncio.gather(submit, return_exceptions=True)
        await runner.close()
    rows = await world.store.fetch_all(
        "SELECT jobs.id, jobs.state, COUNT(ledger.id) FROM jobs"
        " LEFT JOIN ledger ON ledger.job_id = jobs.id AND ledger.kind = 'reserve'"
        " GROUP BY jobs.id"
    )
    assert all(reserves == 1 for _, _, reserves in rows), rows


async def test_recovery_never_takes_a_job_of_this_run_for_a_leftover(world: World) -> None:
    """Recovery runs while new commands arrive: a job recorded after this runner started
    (its row committed, the runner not yet holding it) is not adopted a second time."""
    runner = world.runner()
    moments_later = (datetime.now(UTC) + timedelta(seconds=1)).isoformat(timespec="milliseconds")
    await world.store.insert_job(
        id="f" * 16, requester_id=7, locale="en-US", request_json='{"prompt": "new"}',
        state="queued", created_at=moments_later,
    )  # fmt: skip
    observers: dict[str, Recorder] = {}

    async def observer_for(job: object, row: JobRow) -> Recorder:
        observers[row.id] = Recorder()
        return observers[row.id]

    assert await recover(runner, world.store, world.client, observer_for) == 0
    assert observers == {} and runner.job("f" * 16) is None


async def test_a_closing_runner_adopts_nothing(world: World) -> None:
    """A job handed over while the bot shuts down stays recorded for the next start."""
    first = world.runner()
    job = await first.submit(spec("left over"), Recorder())
    await first.close()
    second = world.runner()
    await second.close()
    await recover(second, world.store, world.client, lambda job, row: _recorder())
    assert second.job(job.id) is None
    row = await world.store.job(job.id)
    assert row is not None and row.state not in ("done", "failed", "canceled")


async def _recorder() -> Recorder:
    return Recorder()


async def test_a_lost_create_is_found_behind_hundreds_of_newer_predictions(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """On a busy account the lost create is found however many predictions came after it
    (the old lookup read the newest 300), so it is re-attached, not sent a second time."""
    from tests.bot.test_recovery import submitting_row

    job_id, replicate_input = await submitting_row(world, "busy account")
    await world.store.write(
        "UPDATE jobs SET started_at = ? WHERE id = ?",
        ((datetime.now(UTC) - timedelta(seconds=5)).isoformat(timespec="milliseconds"), job_id),
    )
    await world.client.create(VERSION, replicate_input)
    later = datetime.now(UTC)
    fake_replicate.add_finished_predictions(
        later + timedelta(milliseconds=index) for index in range(350)
    )
    observers = await world.recover()
    recorder = await ended(observers, job_id)
    assert recorder.final is not None and recorder.final.state == JobState.done
    same = [p for p in fake_replicate.predictions.values() if p.input == replicate_input]
    assert len(same) == 1
