"""Tracking a prediction against the fake: changes, adaptive polling, deadline and cancel."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from pydantic import SecretStr

from bot.errors import (
    NsfwDetected,
    PredictionCanceled,
    PredictionFailed,
    PredictionTimedOut,
)
from bot.replicate import Prediction, ReplicateClient, RetryPolicy
from bot.tracking import PollPolicy, PredictionTracker, TrackUpdate, outputs_or_raise
from tests.fakes.replicate import FakeReplicate, Fault, Scenario

pytestmark = pytest.mark.virtual_time

VERSION = "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
# Every interval a tenth of the real policy, so the tests run in a fraction of the time.
FAST = PollPolicy(
    boot_first=0.1,
    boot_max=0.4,
    running_max=0.3,
    finish=0.05,
    minimum=0.02,
    pushed_interval=5.0,
)


@pytest.fixture
async def client(fake_replicate: FakeReplicate) -> AsyncIterator[ReplicateClient]:
    """A client on its own session, pointed at the fake."""
    async with aiohttp.ClientSession() as session:
        yield ReplicateClient(
            session,
            base_url=fake_replicate.base_url,
            token=SecretStr("r8_fake_test_token"),
            retry=RetryPolicy(base_delay=0.01, max_delay=0.05),
        )


async def collect(tracker: PredictionTracker) -> list[TrackUpdate]:
    """Every update the tracker yields until the prediction ends."""
    return [update async for update in tracker.updates()]


async def wait_for(condition: object, timeout: float = 5.0) -> None:
    """Poll a condition (a zero-argument callable) until true, or fail after `timeout`."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_updates_follow_the_lifecycle_to_the_outputs(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """Status goes starting -> processing -> succeeded; progress only moves forward."""
    fake_replicate.timing.starting = 0.2
    fake_replicate.timing.step = 0.02
    created = await client.create(VERSION, {"prompt": "a corgi", "num_inference_steps": 30})
    updates = await collect(PredictionTracker(client, created, policy=FAST))
    statuses = [u.prediction.status for u in updates if "status" in u.changed]
    assert statuses == ["starting", "processing", "succeeded"]
    steps = [u.progress.step for u in updates if u.progress.total]
    assert steps == sorted(steps)
    final = updates[-1]
    assert final.progress.total == 30 and final.progress.bar_done
    assert final.progress.seed is not None
    assert len(outputs_or_raise(final.prediction)) == 1


async def test_a_refiner_run_is_followed_through_both_bars(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """With expected_bars=2 the tracker sees the refiner phase and the end."""
    fake_replicate.timing.step = 0.02
    created = await client.create(
        VERSION, {"prompt": "x", "num_inference_steps": 40, "refine": "expert_ensemble_refiner"}
    )
    tracker = PredictionTracker(client, created, policy=FAST, expected_bars=2)
    updates = await collect(tracker)
    assert updates[-1].prediction.status == "succeeded"
    assert {u.progress.phase for u in updates} >= {"base", "refiner"}


async def test_polling_sends_far_fewer_gets_than_a_fixed_loop(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """On a 2 s run the tracker asks less than half as often as a fixed loop at its finish rate."""
    fake_replicate.timing.starting = 0.2
    fake_replicate.timing.step = 0.04
    fake_replicate.timing.finishing = 0.2
    created = await client.create(VERSION, {"prompt": "x", "num_inference_steps": 50})
    tracker = PredictionTracker(client, created, policy=FAST)
    await collect(tracker)
    run_time = 0.2 + 50 * 0.04 + 0.2
    fixed_loop_gets = run_time / FAST.finish
    assert tracker.gets == fake_replicate.count("GET", r"/v1/predictions/[^/]+")
    assert tracker.gets < fixed_loop_gets / 2


async def test_the_deadline_cancels_the_prediction(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A prediction outliving the timeout is canceled on Replicate and reported as timed out."""
    fake_replicate.timing.step = 1.0
    created = await client.create(VERSION, {"prompt": "x"})
    with pytest.raises(PredictionTimedOut) as caught:
        await collect(PredictionTracker(client, created, policy=FAST, timeout=0.5))
    assert caught.value.prediction_id == created.id
    assert fake_replicate.predictions[created.id].status == "canceled"
    assert fake_replicate.count("POST", r"/v1/predictions/[^/]+/cancel") == 1


async def test_cancelling_the_task_cancels_the_prediction(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """When the job watching a prediction is cancelled, the prediction is canceled too."""
    fake_replicate.timing.step = 1.0
    created = await client.create(VERSION, {"prompt": "x"})
    tracker = PredictionTracker(client, created, policy=FAST)
    task = asyncio.create_task(collect(tracker))
    await wait_for(lambda: tracker.gets >= 1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert fake_replicate.predictions[created.id].status == "canceled"


async def test_a_detached_tracker_leaves_the_prediction_running(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """After detach(), stopping the watcher (a clean shutdown) does not cancel the prediction."""
    fake_replicate.timing.step = 1.0
    created = await client.create(VERSION, {"prompt": "x"})
    tracker = PredictionTracker(client, created, policy=FAST)
    task = asyncio.create_task(collect(tracker))
    await wait_for(lambda: tracker.gets >= 1)
    tracker.detach()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert fake_replicate.count("POST", r"/v1/predictions/[^/]+/cancel") == 0
    assert fake_replicate.predictions[created.id].status in ("starting", "processing")


async def test_a_relay_without_cancel_still_times_out_cleanly(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """If cancel answers 404 (a relay without it), the timeout is still reported, not a crash."""
    fake_replicate.scenario = Scenario(cancel_supported=False)
    fake_replicate.timing.step = 1.0
    created = await client.create(VERSION, {"prompt": "x"})
    with pytest.raises(PredictionTimedOut):
        await collect(PredictionTracker(client, created, policy=FAST, timeout=0.3))


async def test_transient_errors_do_not_end_tracking(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A burst of 5xx on GET (beyond the client's own retries) is waited out, not fatal."""
    fake_replicate.timing.step = 0.01
    created = await client.create(VERSION, {"prompt": "x", "num_inference_steps": 10})
    fake_replicate.add_fault(
        Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="status", status=503, times=6)
    )
    updates = await collect(PredictionTracker(client, created, policy=FAST))
    assert updates[-1].prediction.status == "succeeded"


async def test_a_pushed_state_is_used_without_a_get(client: ReplicateClient) -> None:
    """A state pushed by webhook wakes the tracker at once, with no GET of its own."""
    started = Prediction(id="pushed1", status="processing")
    finished = Prediction(id="pushed1", status="succeeded", output=["https://x/1.png"])
    tracker = PredictionTracker(client, started, policy=FAST)
    updates: list[TrackUpdate] = []

    async def consume() -> None:
        async for update in tracker.updates():
            updates.append(update)

    task = asyncio.create_task(consume())
    await wait_for(lambda: len(updates) == 1)
    tracker.push(Prediction(id="someone-else", status="failed"))
    tracker.push(finished)
    await asyncio.wait_for(task, 5)
    assert [u.prediction.status for u in updates] == ["processing", "succeeded"]
    assert tracker.gets == 0


def test_outcomes_map_to_typed_errors() -> None:
    """Each way a prediction ends without images raises its own error; success gives the URLs."""
    ok = Prediction(id="a", status="succeeded", output=["https://x/1.png", "https://x/2.png"])
    assert outputs_or_raise(ok) == ["https://x/1.png", "https://x/2.png"]
    nsfw = Prediction(
        id="b",
        status="failed",
        error="NSFW content detected. Try running it again, or try a different prompt.",
    )
    with pytest.raises(NsfwDetected):
        outputs_or_raise(nsfw)
    crash = Prediction(id="c", status="failed", error="Traceback...\nCUDA out of memory")
    with pytest.raises(PredictionFailed, match="CUDA out of memory"):
        outputs_or_raise(crash)
    with pytest.raises(PredictionCanceled):
        outputs_or_raise(Prediction(id="d", status="canceled"))
    with pytest.raises(PredictionFailed) as caught:
        outputs_or_raise(Prediction(id="e", status="succeeded", output=[]))
    assert caught.value.key == "prediction.no_output"


async def test_nsfw_on_every_image_fails_and_on_some_keeps_the_rest(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """All images flagged -> NsfwDetected; some flagged -> the survivors are the outputs."""
    fake_replicate.scenario = Scenario(nsfw="all")
    created = await client.create(VERSION, {"prompt": "x", "num_outputs": 2})
    updates = await collect(PredictionTracker(client, created, policy=FAST))
    with pytest.raises(NsfwDetected):
        outputs_or_raise(updates[-1].prediction)
    fake_replicate.scenario = Scenario(nsfw="some")
    created = await client.create(VERSION, {"prompt": "x", "num_outputs": 4})
    updates = await collect(PredictionTracker(client, created, policy=FAST))
    assert 1 <= len(outputs_or_raise(updates[-1].prediction)) < 4


def test_an_aborted_prediction_is_a_timeout() -> None:
    """`aborted` (Replicate's deadline passed before it started) is a timeout, not a cancel;
    its seconds come from the deadline, else from its end."""
    created = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    with pytest.raises(PredictionTimedOut) as caught:
        outputs_or_raise(
            Prediction(
                id="f",
                status="aborted",
                created_at=created,
                deadline=created + timedelta(seconds=90),
                completed_at=created + timedelta(seconds=91),
            )
        )
    assert (caught.value.prediction_id, caught.value.seconds) == ("f", 90)
    assert not isinstance(caught.value, PredictionCanceled)
    with pytest.raises(PredictionTimedOut) as caught:
        outputs_or_raise(
            Prediction(
                id="g",
                status="aborted",
                created_at=created,
                completed_at=created + timedelta(seconds=30),
            )
        )
    assert caught.value.seconds == 30
    with pytest.raises(PredictionTimedOut):
        outputs_or_raise(Prediction(id="h", status="aborted"))


async def test_an_aborted_prediction_ends_tracking_as_a_timeout(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """Replicate aborting a prediction at its Cancel-After deadline ends tracking with
    PredictionTimedOut after the aborted update, and the tracker sends no cancel of its own."""
    fake_replicate.timing.starting = 30  # never starts before its deadline
    created = await client.create(VERSION, {"prompt": "x"}, cancel_after=5)
    assert created.deadline is not None
    # Replicate's minimum is 5 s; the test brings the deadline closer rather than wait for it.
    fake_replicate.predictions[created.id].cancel_after = 0.3
    tracker = PredictionTracker(client, created, policy=FAST, timeout=10)
    updates: list[TrackUpdate] = []
    with pytest.raises(PredictionTimedOut) as caught:
        async for update in tracker.updates():
            updates.append(update)
    assert caught.value.prediction_id == created.id
    assert updates[-1].prediction.status == "aborted"
    assert fake_replicate.predictions[created.id].status == "aborted"
    assert fake_replicate.count("POST", r"/v1/predictions/[^/]+/cancel") == 0


async def test_an_aborted_push_ends_tracking_as_a_timeout(client: ReplicateClient) -> None:
    """An aborted state pushed by webhook ends tracking the same way, with no GET."""
    started = Prediction(id="pushed2", status="starting")
    tracker = PredictionTracker(client, started, policy=FAST, timeout=42)
    updates: list[TrackUpdate] = []

    async def consume() -> None:
        async for update in tracker.updates():
            updates.append(update)

    task = asyncio.create_task(consume())
    await wait_for(lambda: len(updates) == 1)
    tracker.push(Prediction(id="pushed2", status="aborted"))
    with pytest.raises(PredictionTimedOut) as caught:
        await asyncio.wait_for(task, 5)
    assert caught.value.seconds == 42  # no deadline known: the tracker's own
    assert [u.prediction.status for u in updates] == ["starting", "aborted"]
    assert tracker.gets == 0
