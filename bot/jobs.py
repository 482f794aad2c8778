"""The JobRunner: a FIFO queue of generations, run a few at a time, each reported as events.

A job's life is bot.lifecycle's state machine, persisted: every move is a guarded write that
says whether it applied, and the row is the only truth. The runner owns one task per running
job and never lets an exception escape unlogged. Only shutdown cancels a job's task (the job
stays recorded and is resumed); a member's cancel is data, recorded once and acted on by the
job's own task at the next point where it can act: before the create, after it (the answer is
never thrown away), or while tracking (the prediction is canceled and tracked to its end). A
result that succeeded is delivered even if the cancel came late: it is paid for.

The queue and its limits are bot.admission's; what a job holds and how its end is recorded
are bot.settlement's; the data types are bot.jobtypes' (re-exported here).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import secrets
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.admission import Admission
from bot.creates import LOST_CREATE_SETTLE, Creator
from bot.errors import (
    JobCrashed,
    JobNotFound,
    PredictionCanceled,
    SdxlBotError,
    ShuttingDown,
)
from bot.images import OutputFetcher
from bot.jobtypes import (
    CancelOutcome,
    Job,
    JobEvent,
    JobObserver,
    JobSpec,
    ReplyRef,
    RunnerLimits,
)
from bot.leases import Leases
from bot.lifecycle import FINAL_STATES, JobState, cancel_request, transition
from bot.moderation import Moderation
from bot.quota import Quotas
from bot.replicate import Prediction, ReplicateClient
from bot.routing import PushRouter
from bot.settlement import Settler
from bot.store import Store, utc_now
from bot.tracking import PollPolicy, PredictionTracker, outputs_or_raise
from bot.webhooks import WebhookTarget

log = logging.getLogger(__name__)

__all__ = [
    "FINAL_STATES",
    "CancelOutcome",
    "Job",
    "JobEvent",
    "JobObserver",
    "JobRunner",
    "JobSpec",
    "JobState",
    "ReplyRef",
    "RunnerLimits",
]

# The model draws its seeds from this range when none is given; we draw it ourselves so every
# job knows its seed up front (reroll, the result embed) even after Replicate deleted the logs.
MODEL_SEED_RANGE = 65536
# How long shutdown waits for jobs already ending (delivering, or cleaning up after a cancel).
ENDING_GRACE = 10.0
# How long a cancel request to Replicate may take before the job tracks on without it.
CANCEL_WAIT = 15.0


# How a job gets its prediction: by creating it, or (after a restart) by finding it.
Obtain = Callable[["Job"], Awaitable[Prediction]]
# What a job's work came to: its final state and why, or None when the row was ended elsewhere.
Outcome = tuple[JobState, SdxlBotError | None] | None


class JobRunner:
    """Queue, concurrency, and the submit -> track -> fetch -> deliver flow of each job."""

    def __init__(
        self,
        *,
        client: ReplicateClient,
        fetcher: OutputFetcher,
        store: Store,
        model_version: str,
        limits: RunnerLimits | None = None,
        poll_policy: PollPolicy | None = None,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], float] = time.time,
        quotas: Quotas | None = None,
        moderation: Moderation | None = None,
        webhook: WebhookTarget | None = None,
        lost_create_settle: float = LOST_CREATE_SETTLE,
        leases: Leases | None = None,
    ) -> None:
        self._client = client
        self._fetcher = fetcher
        self._store = store
        self._version = model_version
        self.limits = limits or RunnerLimits()
        self._policy = poll_policy or PollPolicy()
        self._clock = clock or asyncio.get_running_loop().time
        self._wall = wall_clock
        self._running: dict[str, asyncio.Task[None]] = {}
        self._jobs: dict[str, Job] = {}
        self._observers: dict[str, JobObserver] = {}
        self._rng = random.Random()  # noqa: S311 - seeds for images, not secrets
        self._closing = False
        self._queue = Admission(
            self.limits, jobs=self._jobs, running=self._running, emit=self._emit
        )
        self._settler = Settler(
            store=store,
            clock=self._clock,
            quotas=quotas,
            moderation=moderation,
            on_done=self._queue.learn,
        )
        self._routes = PushRouter()
        self._creator = Creator(
            client=client,
            store=store,
            model_version=model_version,
            creates_per_minute=self.limits.creates_per_minute,
            webhook=webhook,
            settle_wait=lost_create_settle,
            on_created=self._routes.claim,
        )
        # Jobs recorded from this moment on are this runner's own; recovery, which may run
        # while new commands arrive, must not take them for an earlier run's leftovers.
        self.started_at = utc_now()
        # Claims on the jobs this runner runs (bot.leases); None: no other process can run them.
        self.leases = leases
        self._renewing: asyncio.Task[None] | None = None

    def job(self, job_id: str) -> Job | None:
        """A job of this process, while it is waiting, running or just finished."""
        return self._jobs.get(job_id)

    @property
    def waiting(self) -> int:
        """How many jobs wait for a free slot."""
        return len(self._queue)

    @property
    def closing(self) -> bool:
        """Whether shutdown began: no job is taken on any more."""
        return self._closing

    @property
    def accepted(self) -> int:
        """How many jobs this runner holds, waiting or running."""
        return len(self._jobs)

    # -- webhook routing ----------------------------------------------------------------------

    def push(self, prediction: Prediction) -> None:
        """A state received by webhook: wake the tracker of the job that owns the prediction."""
        self._routes.push(prediction)

    # -- admission ----------------------------------------------------------------------------

    def admit(self, requester_id: int) -> None:
        """Raise unless the member and the queue have room; no I/O, so callers may ask first."""
        if self._closing:
            raise ShuttingDown()
        self._queue.admit(requester_id)

    async def submit(self, spec: JobSpec, observer: JobObserver) -> Job:
        """Accept a job (persisted at once) and queue it; raise if the member or queue is full."""
        self.admit(spec.requester_id)
        self._keep_leases()
        # Counted from here on, so requests racing through the awaits below see this one; its
        # place in the queue is taken now, whichever accept's transaction commits first.
        try:
            with self._queue.admitting(spec.requester_id) as ticket:
                job = await self._accept(spec)
                self._jobs[job.id] = job
                self._observers[job.id] = observer
                self._queue.append(job, ticket)
        finally:
            self._pump()  # a refused accept may have held back the jobs behind it
        self._queue.announce_positions()
        return job

    async def _accept(self, spec: JobSpec) -> Job:
        """Record the job together with its reservation: both, or (refused) neither."""
        if spec.request.seed is None:
            spec = replace(
                spec, request=spec.request.with_seed(self._rng.randrange(MODEL_SEED_RANGE))
            )
        job = Job(id=secrets.token_hex(8), spec=spec, queued_at=self._clock())
        columns: dict[str, Any] = {
            "id": job.id,
            "parent_id": spec.parent_id,
            "guild_id": spec.guild_id,
            "channel_id": spec.channel_id,
            "requester_id": spec.requester_id,
            "locale": spec.locale,
            "request_json": spec.request.model_dump_json(exclude_unset=True),
            "state": JobState.queued,
            "seed": spec.request.seed,
            "application_id": spec.reply.application_id if spec.reply else None,
            "interaction_token": spec.reply.token if spec.reply else None,
            "token_expires_at": spec.reply.expires_at if spec.reply else None,
            **(self.leases.columns() if self.leases else {}),
        }
        try:
            await self._settler.record(job, columns)
        except asyncio.CancelledError:
            # The unit may have committed all the same (a queued write still runs). At
            # shutdown it stays recorded and is resumed; otherwise nobody would run it: give
            # back whatever it holds and close it. Shielded: a second cancel must not stop it.
            if not self._closing:
                await asyncio.shield(self._settler.forget(job.id))
            raise
        return job

    # -- requests from members and from recovery ----------------------------------------------

    async def request_cancel(self, job_id: str, actor_id: int | None) -> CancelOutcome:
        """Record a cancel request once; the job's owner acts on it. Safe to repeat."""
        recorded = await self._store.write(*cancel_request(job_id, actor_id))
        if not recorded:
            row = await self._store.job(job_id)
            if row is None:
                raise JobNotFound()
            # An earlier request, carried out or not, is what this one meets.
            if row.cancel_requested_at is not None:
                return CancelOutcome.already_canceling
            return CancelOutcome.finished
        log.info("Job %s: cancel requested by %s", job_id, actor_id)
        job = self._jobs.get(job_id)
        if job is None:
            # Not picked up by this process yet (recovery): acted on when it is adopted.
            return CancelOutcome.canceling
        job.cancel.set()
        self._emit(job, job.state)
        if self._queue.withdraw(job):
            # A waiting job is the runner's own: it never reaches Replicate.
            self._queue.announce_positions()
            self._spawn(job, self._finish(job, JobState.canceled, PredictionCanceled(job.id)))
        return CancelOutcome.canceling

    async def cancel(self, job_id: str, actor_id: int | None = None) -> bool:
        """Ask to stop a job; True if it was still going (see `request_cancel`)."""
        return await self.request_cancel(job_id, actor_id) != CancelOutcome.finished

    async def note_reply(self, job_id: str, message_id: int, token_valid: bool) -> None:
        """Remember the reply's message id; once it is the bot's own message, drop the token."""
        if token_valid:
            await self._store.update_job(job_id, message_id=message_id)
        else:
            await self._store.update_job(job_id, message_id=message_id, interaction_token=None)

    def adopt(self, job: Job, observer: JobObserver, obtain: Obtain | None) -> None:
        """Take over a job recorded by an earlier run (bot/recovery.py).

        With `obtain`, it runs at once (its prediction exists or is being looked for); without,
        it goes back in the queue, keeping its place by age.
        """
        if self._closing or job.id in self._jobs:
            return  # stays recorded: the next start picks it up / already ours
        self._keep_leases()
        self._jobs[job.id] = job
        self._observers[job.id] = observer
        if obtain is None and not job.cancel_requested:
            self._queue.append(job)
            self._pump()
            self._queue.announce_positions()
        else:
            self._spawn(job, self._run(job, obtain))

    async def end_unresumable(
        self, job: Job, error: SdxlBotError, *, prediction_id: str | None = None
    ) -> None:
        """A recorded job that cannot go on (no reply and no channel left, an unreadable
        request): stop its prediction if it has one, then end it failed and refunded."""
        if prediction_id is not None:
            await self._cancel_prediction(prediction_id)
        await self._settler.record_end(job, JobState.failed, error, delivered=False)
        job.ended.set()

    async def note_prediction(self, job: Job, prediction: Prediction) -> None:
        """Record the prediction a job turned out to have (found by recovery)."""
        job.prediction = prediction
        await self._store.update_job(job.id, prediction_id=prediction.id)

    async def obtain_by_create(self, job: Job) -> Prediction:
        """Create the job's prediction now (rate limited, recorded as `submitting` first).

        A job whose cancel was requested is never sent.
        """
        if job.cancel_requested:
            raise PredictionCanceled(job.id)
        columns: dict[str, Any] = {"started_at": utc_now()}
        if job.deadline is None:
            job.deadline = self._wall() + self.limits.timeout
            columns["deadline_at"] = job.deadline
        if not await self._move(job, JobState.submitting, **columns):
            raise _EndedElsewhere()
        return await self._creator.create(job, self._time_left(job))

    async def obtain_lost_create(self, job: Job, since: datetime) -> Prediction:
        """A create whose answer was lost: re-attach to it if it exists, else send it now."""
        found = await self._creator.look_for(job, since)
        if found is not None:
            log.info("Job %s: its lost create did reach Replicate (%s)", job.id, found.id)
            await self.note_prediction(job, found)
            return found
        log.info("Job %s: its create never reached Replicate; sending it now", job.id)
        return await self.obtain_by_create(job)

    # -- leases (bot.leases) -------------------------------------------------------------------

    def _keep_leases(self) -> None:
        """Start renewing this runner's leases (once, on its first job)."""
        if self.leases is None or self._renewing is not None:
            return
        self._renewing = asyncio.create_task(self._renew_leases(self.leases), name="leases")

    async def _renew_leases(self, leases: Leases) -> None:
        """Every third of a lease: renew them all; let go of the jobs another process took,
        and of every job once no renewal succeeded for a whole lease (others may take them)."""
        renewed_at = self._wall()
        while True:
            await asyncio.sleep(leases.seconds / 3)
            try:
                held = await leases.renew()
            except Exception:  # the next round tries again, while the leases last
                log.exception("Renewing the job leases failed")
                if self._wall() - renewed_at < leases.seconds:
                    continue
                held = set()
            else:
                renewed_at = self._wall()
            for job in list(self._jobs.values()):
                if job.state in FINAL_STATES or job.id in held or self._settler.ending(job.id):
                    continue  # ours still, or its end is being recorded
                log.warning("Job %s: its lease was lost to another process; letting it go", job.id)
                self._queue.withdraw(job)
                tracker = self._routes.tracker(job.id)
                if tracker is not None:
                    tracker.detach()  # its prediction is the new owner's now: leave it be
                task = self._running.get(job.id)
                if task is not None:
                    task.cancel()
                self._let_go(job)

    # -- shutdown -----------------------------------------------------------------------------

    async def close(self) -> None:
        """Shutdown: stop watching without cancelling predictions, and tell the members.

        Predictions keep running on Replicate; every unfinished job stays recorded (state,
        prediction id, reservation, cancel request) and its member is told the bot is
        restarting. Jobs already ending (delivering, or cleaning up after a cancel) are let
        finish, bounded: cut between delivering and recording, one would be delivered twice.
        """
        if self._closing:
            return
        self._closing = True
        if self._renewing is not None:
            self._renewing.cancel()
            await asyncio.gather(self._renewing, return_exceptions=True)
        release = self.leases is not None and self.leases.shared
        for tracker in self._routes.trackers():
            tracker.detach()
        ending = [
            task
            for job_id, task in self._running.items()
            if self._settler.ending(job_id) or self._canceling(job_id)
        ]
        tasks = [task for task in self._running.values() if task not in ending]
        for task in tasks:
            task.cancel()
        if ending:
            _, late = await asyncio.wait(ending, timeout=ENDING_GRACE)
            for task in late:
                task.cancel()
            tasks.extend(late)
        await asyncio.gather(*tasks, return_exceptions=True)
        if release and self.leases is not None:
            try:  # another process takes them over at once instead of after the lease
                await self.leases.release()
            except Exception:
                log.exception("Releasing the job leases at shutdown failed")
        unfinished = [job for job in self._jobs.values() if job.state not in FINAL_STATES]
        if unfinished:
            log.info("Shutting down with %d unfinished jobs left recorded", len(unfinished))
        notices = []
        for job in unfinished:
            observer = self._observers.get(job.id)
            if observer is not None:
                notices.append(
                    observer.paused(JobEvent(job, job.state, job.position, job.progress))
                )
        if notices:
            # Bounded: a slow Discord must not hold the shutdown.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.gather(*notices, return_exceptions=True), 5)

    def _canceling(self, job_id: str) -> bool:
        job = self._jobs.get(job_id)
        return job is not None and job.cancel_requested

    # -- scheduling ---------------------------------------------------------------------------

    def _pump(self) -> None:
        while (
            self._queue.head_may_start()
            and len(self._running) < self.limits.max_concurrent
            and not self._closing
        ):
            job = self._queue.popleft()
            self._spawn(job, self._run(job, None))

    def _spawn(self, job: Job, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work, name=f"job-{job.id}")
        self._running[job.id] = task
        task.add_done_callback(functools.partial(self._reap, job.id))

    def _reap(self, job_id: str, task: asyncio.Task[None]) -> None:
        if self._running.get(job_id) is task:
            del self._running[job_id]
        self._routes.forget(job_id)
        if not task.cancelled() and task.exception() is not None:
            log.error("Job %s crashed", job_id, exc_info=task.exception())
        if not self._closing:
            self._pump()
            self._queue.announce_positions()

    def wait_estimate(self, position: int) -> float | None:
        """About how long a job at `position` waits: the rounds ahead times a typical job."""
        return self._queue.wait_estimate(position)

    def _emit(self, job: Job, state: JobState) -> None:
        observer = self._observers.get(job.id)
        if observer is None:
            return
        estimate = self.wait_estimate(job.position) if state == JobState.queued else None
        try:
            observer.on_update(JobEvent(job, state, job.position, job.progress, estimate))
        except Exception:
            log.exception("Observer of job %s failed on an update", job.id)

    async def _move(self, job: Job, target: JobState, **columns: Any) -> bool:
        """The guarded move of an unfinished job; False (logged) when the row says otherwise."""
        applied = await self._store.write(*transition(job.id, target, **columns))
        if not applied:
            log.warning(
                "Job %s: %s -> %s did not apply; its row says it ended", job.id, job.state, target
            )
            return False
        if job.state != target:
            job.state = target
            self._emit(job, target)
        return True

    # -- a job's work -------------------------------------------------------------------------

    async def _run(self, job: Job, obtain: Obtain | None) -> None:
        job.started_at = self._clock()
        try:
            outcome = await self._work(job, obtain)
        except _EndedElsewhere:
            outcome = None
        except PredictionCanceled as error:
            outcome = (JobState.canceled, error)
        except SdxlBotError as error:
            outcome = (JobState.failed, error)
        except asyncio.CancelledError:
            raise  # only shutdown cancels a job's task: it stays recorded and is resumed
        except Exception:
            log.exception("Job %s failed unexpectedly", job.id)
            outcome = (JobState.failed, JobCrashed(reference=job.id))
        if outcome is None:
            self._let_go(job)
            return
        await self._finish(job, *outcome)

    async def _work(self, job: Job, obtain: Obtain | None) -> Outcome:
        prediction = await (obtain or self.obtain_by_create)(job)
        job.prediction = prediction
        self._routes.claim(prediction.id, job.id)
        if job.state in (JobState.queued, JobState.submitting) and not await self._move(
            job, JobState.starting, prediction_id=prediction.id
        ):
            await self._cancel_prediction(prediction.id)
            return None
        tracker = PredictionTracker(
            self._client,
            prediction,
            timeout=self._time_left(job),
            expected_bars=job.request.expected_progress_bars(),
            policy=self._policy,
            clock=self._clock,
        )
        self._routes.watch(job.id, tracker)
        stopper = asyncio.create_task(self._stop_when_canceled(job, tracker), name=f"stop-{job.id}")
        try:
            # aclosing: leaving early must reach the tracker now (it cancels the prediction
            # unless detached), not whenever the generator happens to be collected.
            async with contextlib.aclosing(tracker.updates()) as updates:
                async for update in updates:
                    job.prediction, job.progress = update.prediction, update.progress
                    if (
                        update.prediction.status == "processing"
                        and job.state != JobState.processing
                    ):
                        if not await self._move(job, JobState.processing):
                            return None
                    elif "progress" in update.changed:
                        self._emit(job, job.state)
        finally:
            stopper.cancel()
            await asyncio.gather(stopper, return_exceptions=True)
        assert job.prediction is not None
        urls = outputs_or_raise(job.prediction)
        if not await self._move(job, JobState.delivering):
            return None
        job.images, job.missing = await self._fetcher.fetch_available(urls)
        return JobState.done, None

    async def _stop_when_canceled(self, job: Job, tracker: PredictionTracker) -> None:
        """Once a cancel is requested, cancel the prediction and let the tracker see its end.

        If it succeeded first, the tracker sees that instead and the images are delivered.
        """
        await job.cancel.wait()
        prediction = job.prediction
        if prediction is None or prediction.is_terminal:
            return
        answer = await self._cancel_prediction(prediction.id)
        # Only an end is pushed: a pushed state would slow the tracker's polling to the
        # webhook safety net, and the cancel takes effect a moment later.
        if answer is not None and answer.is_terminal:
            tracker.push(answer)

    def _time_left(self, job: Job) -> float:
        if job.deadline is None:
            job.deadline = self._wall() + self.limits.timeout
        return max(0.0, job.deadline - self._wall())

    async def _cancel_prediction(self, prediction_id: str) -> Prediction | None:
        """Ask Replicate to stop a prediction; its state then, or None (logged) on failure."""
        try:
            return await asyncio.wait_for(self._client.cancel(prediction_id), CANCEL_WAIT)
        except (SdxlBotError, TimeoutError) as error:
            log.warning(
                "Could not cancel prediction %s (%s); it is tracked to its end",
                prediction_id,
                error,
            )
            return None

    # -- the end ------------------------------------------------------------------------------

    def _let_go(self, job: Job) -> None:
        """The row was ended elsewhere: this process stops owning the job."""
        self._jobs.pop(job.id, None)
        self._observers.pop(job.id, None)
        job.ended.set()

    async def _finish(self, job: Job, state: JobState, error: SdxlBotError | None) -> None:
        """This process lets go of the job; the settler delivers and records its end."""
        self._jobs.pop(job.id, None)
        observer = self._observers.pop(job.id, None)
        await self._settler.finish(job, state, error, observer)


class _EndedElsewhere(Exception):
    """The job's row is final already: this process must not act on it."""
