"""Job leases: a live process keeps its jobs; a dead one's are taken over once, after the lease."""

from __future__ import annotations

import asyncio

import pytest

from bot.jobs import JobState
from bot.leases import Leases
from tests.bot.conftest import World
from tests.bot.test_jobs import Recorder, wait_until
from tests.bot.test_recovery import spec, wait_state
from tests.fakes import clock
from tests.fakes.replicate import FakeReplicate

pytestmark = pytest.mark.virtual_time

LEASE = 6.0


def leases_of(world: World, owner: str) -> Leases:
    """The leases of one process on the shared database (PostgreSQL's rules on both)."""
    return Leases(world.store, seconds=LEASE, exclusive=False, owner=owner, clock=clock.wall)


async def test_a_dead_process_s_job_is_taken_over_after_its_lease_once(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A job whose process died keeps running on Replicate; another process cannot take it
    while the lease holds, takes it once it ran out, re-attaches by prediction id and
    delivers it: one create, one reserve and one settle."""
    fake_replicate.timing.step = 0.3  # about 15 s on Replicate
    first = world.runner(leases_of(world, "first"))
    job = await first.submit(spec("taken over"), Recorder())
    await wait_state(job, JobState.processing)
    first.leases = None  # as after kill -9: nothing released at the end
    await first.close()  # the row stays; its lease is no longer renewed
    died_at = clock.wall()

    second = world.runner(leases_of(world, "second"))
    assert await world.recover(second) == {}, "the lease still holds: not taken"
    await asyncio.sleep(LEASE)
    observers = await world.recover(second)
    assert list(observers) == [job.id]
    taken_at = clock.wall()
    await asyncio.wait_for(observers[job.id].done.wait(), 60)
    assert observers[job.id].final is not None
    assert observers[job.id].final.state == JobState.done
    await asyncio.wait_for(observers[job.id].final.job.ended.wait(), 10)  # its end recorded
    assert LEASE <= taken_at - died_at < 2 * LEASE
    assert await world.recover(second) == {}, "a finished job is never taken again"
    assert len(fake_replicate.predictions) == 1
    assert [kind for kind, _, _ in await world.quotas.entries(job.id)] == ["reserve", "settle"]
    await second.close()


async def test_a_live_process_keeps_its_job_by_renewing_the_lease(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """Past several lease lengths, a running process still holds its job: nobody takes it."""
    fake_replicate.timing.step = 0.5  # about 25 s
    first = world.runner(leases_of(world, "first"))
    recorder = Recorder()
    job = await first.submit(spec("kept"), recorder)
    second = world.runner(leases_of(world, "second"))
    for _ in range(4):
        await asyncio.sleep(LEASE)
        assert await world.recover(second) == {}
    await asyncio.wait_for(recorder.done.wait(), 60)
    assert recorder.final is not None and recorder.final.state == JobState.done
    assert job.state == JobState.done
    await first.close()
    await second.close()


async def test_a_process_that_lost_its_lease_lets_the_job_go(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """A process too slow to renew (its lease ran out and another took the job) stops
    running it instead of acting beside the new owner."""
    fake_replicate.timing.step = 0.5
    first_leases = leases_of(world, "first")
    first = world.runner(first_leases)
    first_recorder = Recorder()
    job = await first.submit(spec("stolen"), first_recorder)
    await wait_state(job, JobState.processing)
    second = world.runner(leases_of(world, "second"))
    # The other process claims it as if the first had stopped renewing.
    await world.store.write("UPDATE jobs SET lease_until = 0 WHERE id = :id", {"id": job.id})
    observers = await world.recover(second)
    assert list(observers) == [job.id]
    await wait_until(lambda: first.job(job.id) is None, 30)
    await asyncio.wait_for(observers[job.id].done.wait(), 60)
    assert observers[job.id].final is not None
    assert observers[job.id].final.state == JobState.done
    await asyncio.wait_for(observers[job.id].final.job.ended.wait(), 10)  # its end recorded
    assert first_recorder.final is None, "only the new owner delivers"
    prediction = fake_replicate.predictions[observers[job.id].final.job.prediction.id]
    assert prediction.status == "succeeded", "the first process left the prediction running"
    assert [kind for kind, _, _ in await world.quotas.entries(job.id)] == ["reserve", "settle"]
    await first.close()
    await second.close()


async def test_a_process_never_takes_its_own_job_and_releases_its_jobs_when_it_stops(
    world: World, fake_replicate: FakeReplicate
) -> None:
    """Recovery run by the job's own process (a row just recorded, a job being delivered)
    never adopts it a second time; a clean stop releases its leases so another process takes
    the jobs over at once."""
    fake_replicate.timing.step = 0.5
    first_leases = leases_of(world, "first")
    first = world.runner(first_leases)
    recorder = Recorder()
    job = await first.submit(spec("own"), recorder)
    await wait_state(job, JobState.processing)
    assert not await first_leases.claim(job.id)
    await world.store.write("UPDATE jobs SET lease_until = 0 WHERE id = :id", {"id": job.id})
    assert not await first_leases.claim(job.id), "not even once its lease ran out"
    assert await world.recover(first) == {}
    await first.close()
    second = world.runner(leases_of(world, "second"))
    observers = await world.recover(second)
    assert list(observers) == [job.id], "released at the stop: taken at once"
    await asyncio.wait_for(observers[job.id].done.wait(), 60)
    assert len(fake_replicate.predictions) == 1
    await second.close()
