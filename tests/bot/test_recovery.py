"""Recovery after a restart: every unfinished job ends delivered or refunded, exactly once."""

from __future__ import annotations

import asyncio

import pytest

from bot.errors import CreateOutcomeUnknown
from bot.jobs import Job, JobSpec, JobState
from bot.sdxl import ImagineRequest
from tests.bot.conftest import GUILD, MEMBER, World
from tests.bot.test_jobs import VERSION, Recorder
from tests.fakes.replicate import FakeReplicate

pytestmark = pytest.mark.virtual_time


def spec(prompt: str, outputs: int = 1) -> JobSpec:
    """A job of MEMBER in GUILD."""
    request = ImagineRequest.parse({"prompt": prompt, "num_outputs": outputs})
    return JobSpec(request=request, requester_id=MEMBER, guild_id=GUILD)


async def wait_state(job: Job, *states: JobState) -> None:
    """Until the job reaches one of `states` (bounded)."""
    for _ in range(1000):
        if job.state in states:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"job stayed {job.state}")


async def ended(observers: dict[str, Recorder], job_id: str) -> Recorder:
    """The recovered job's observer once the job is recorded as finished."""
    recorder = observers[job_id]
    await asyncio.wait_for(recorder.done.wait(), 15)
    assert recorder.final is not None
    await asyncio.wait_for(recorder.final.job.ended.wait(), 5)
    return recorder


async def test_running_and_queued_jobs_continue_after_a_restart(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A processing job is re-attached by id and a queued one re-queued; both deliver once."""
    fake_replicate.timing.step = 0.03
    first = world.runner()
    first.limits.max_concurrent = 1
    running = await first.submit(spec("running"), Recorder())
    waiting = await first.submit(spec("waiting"), Recorder())
    await wait_state(running, JobState.processing)
    await first.close()
    observers = await world.recover()
    for job_id in (running.id, waiting.id):
        recorder = await ended(observers, job_id)
        assert recorder.final is not None and recorder.final.state == JobState.done
    prompts = sorted(p.input["prompt"] for p in fake_replicate.predictions.values())
    assert prompts == ["running", "waiting"]
    for job_id in (running.id, waiting.id):
        kinds = [kind for kind, _, _ in await world.quotas.entries(job_id)]
        assert kinds == ["reserve", "settle"]


async def test_a_job_whose_prediction_finished_while_down_is_delivered(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """The prediction ended while the bot was away: its outputs are fetched and delivered."""
    fake_replicate.timing.step = 0.01
    first = world.runner()
    job = await first.submit(spec("finished meanwhile", 2), Recorder())
    await wait_state(job, JobState.starting, JobState.processing)
    await first.close()
    assert job.prediction is not None
    for _ in range(500):
        if fake_replicate.predictions[job.prediction.id].status == "succeeded":
            break
        await asyncio.sleep(0.01)
    observers = await world.recover()
    recorder = await ended(observers, job.id)
    assert recorder.final is not None and len(recorder.final.job.images) == 2
    assert len(fake_replicate.predictions) == 1


async def submitting_row(world: World, prompt: str) -> tuple[str, dict[str, object]]:
    """A job recorded as `submitting` with no prediction id: a create whose answer was lost."""
    job_spec = spec(prompt)
    request = job_spec.request.with_seed(1234)
    await world.store.insert_job(
        id="lost00000000abcd",
        requester_id=MEMBER,
        guild_id=GUILD,
        locale="en-US",
        request_json=request.model_dump_json(exclude_unset=True),
        state="submitting",
        started_at="2026-01-01T00:00:00.000+00:00",
    )
    await world.quotas.reserve(
        job_id="lost00000000abcd", guild_id=GUILD, user_id=MEMBER, role_ids=[], images=1
    )
    return "lost00000000abcd", request.to_replicate_input()


async def test_a_lost_create_that_reached_replicate_is_found_not_repeated(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """The prediction exists (matched by exact input and seed): re-attached, not created again."""
    job_id, replicate_input = await submitting_row(world, "lost but real")
    await world.client.create(VERSION, replicate_input)
    await world.client.create(VERSION, {**replicate_input, "seed": 99})
    observers = await world.recover()
    recorder = await ended(observers, job_id)
    assert recorder.final is not None and recorder.final.state == JobState.done
    assert fake_replicate.count("POST", r"/v1/predictions$") == 2
    row = await world.store.job(job_id)
    assert row is not None and row.prediction_id is not None
    assert fake_replicate.predictions[row.prediction_id].input["seed"] == 1234


async def test_a_lost_create_that_never_arrived_is_sent_once(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """No matching prediction: the create never reached Replicate, so it is sent now, once."""
    job_id, _ = await submitting_row(world, "never sent")
    observers = await world.recover()
    recorder = await ended(observers, job_id)
    assert recorder.final is not None and recorder.final.state == JobState.done
    assert fake_replicate.count("POST", r"/v1/predictions$") == 1


async def test_a_lost_create_without_a_list_endpoint_is_refunded(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A relay that cannot list predictions: the job fails and is refunded, nothing is re-sent."""
    fake_replicate.list_supported = False
    job_id, _ = await submitting_row(world, "unknowable")
    observers = await world.recover()
    recorder = await ended(observers, job_id)
    assert recorder.final is not None and recorder.final.state == JobState.failed
    assert isinstance(recorder.final.job.error, CreateOutcomeUnknown)
    assert fake_replicate.count("POST", r"/v1/predictions$") == 0
    assert [kind for kind, _, _ in await world.quotas.entries(job_id)] == ["reserve", "refund"]


async def test_recovery_ignores_finished_jobs_and_erases_tokens(world: World) -> None:
    """Done jobs are left alone; a finished job keeps no interaction token."""
    runner = world.runner()
    recorder = Recorder()
    job = await runner.submit(spec("done"), recorder)
    await asyncio.wait_for(recorder.done.wait(), 15)
    await asyncio.wait_for(job.ended.wait(), 5)
    observers = await world.recover()
    assert observers == {}
    row = await world.store.job(job.id)
    assert row is not None and row.interaction_token is None
