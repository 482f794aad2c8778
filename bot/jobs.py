"""The JobRunner: a FIFO queue of generations, run a few at a time, each reported as events.

A job's life is bot.lifecycle's state machine, persisted: every move is a guarded write that
says whether it applied, and the row is the only truth. The runner owns one task per running
job and never lets an exception escape unlogged. Only shutdown cancels a job's task (the job
stays recorded and is resumed); a member's cancel is data, recorded once and acted on by the
job's own task at the next point where it can act: before the create, after it (the answer is
never thrown away), or while tracking (the prediction is canceled and tracked to its end). A
result that succeeded is delivered even if the cancel came late: it is paid for.

Observers get every change: `on_update` for progress (must not block; cogs coalesce it
themselves) and `deliver` for the final state, which the runner awaits so the job is marked
done only once its result reached the member.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import secrets
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from bot.creates import LOST_CREATE_SETTLE, Creator
from bot.errors import (
    JobCrashed,
    JobNotFound,
    PredictionCanceled,
    QueueFull,
    SdxlBotError,
    ShuttingDown,
    TooManyJobs,
)
from bot.images import OutputFetcher, OutputImage
from bot.lifecycle import FINAL_STATES, JobState, cancel_request, transition
from bot.moderation import Moderation
from bot.progress import Progress
from bot.quota import Quotas, settlement
from bot.replicate import Prediction, ReplicateClient
from bot.routing import PushRouter
from bot.sdxl import ImagineRequest
from bot.store import Statement, Store, job_update, utc_now
from bot.tracking import PollPolicy, PredictionTracker, outputs_or_raise
from bot.webhooks import WebhookTarget

log = logging.getLogger(__name__)

__all__ = ["FINAL_STATES", "JobState"]

# The model draws its seeds from this range when none is given; we draw it ourselves so every
# job knows its seed up front (reroll, the result embed) even after Replicate deleted the logs.
MODEL_SEED_RANGE = 65536
# The first guess at a job's length, before any finished: SDXL with the default 50 steps.
TYPICAL_JOB_SECONDS = 20.0
# How long shutdown waits for jobs already ending (delivering, or cleaning up after a cancel).
ENDING_GRACE = 10.0
# How long a cancel request to Replicate may take before the job tracks on without it.
CANCEL_WAIT = 15.0


class CancelOutcome(StrEnum):
    """What a cancel request did."""

    canceling = "canceling"  # recorded now; the job's owner acts on it
    already_canceling = "already_canceling"  # an earlier request is being acted on
    finished = "finished"  # the job had already ended


@dataclass(frozen=True, slots=True)
class JobSpec:
    """What a member asked for, and where."""

    request: ImagineRequest
    requester_id: int
    guild_id: int | None = None
    channel_id: int | None = None
    locale: str = "en-US"
    parent_id: str | None = None
    role_ids: tuple[int, ...] = ()
    reply: ReplyRef | None = None


@dataclass(frozen=True, slots=True)
class ReplyRef:
    """The interaction reply a job's state is shown in, as Discord identifies it.

    Kept in the store so a restarted bot can go on editing it while the token lives.
    """

    application_id: int
    token: str = field(repr=False)
    expires_at: float  # Unix time


@dataclass(slots=True)
class Job:
    """A job's live state in this process (the store's row is the truth)."""

    id: str
    spec: JobSpec
    state: JobState = JobState.queued
    position: int = 0
    progress: Progress = field(default_factory=Progress)
    prediction: Prediction | None = None
    images: tuple[OutputImage, ...] = ()
    # Outputs that could not be downloaded: refunded, the others delivered.
    missing: int = 0
    error: SdxlBotError | None = None
    queued_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None
    # Unix time the prediction must end by: PREDICTION_TIMEOUT after the first submit.
    deadline: float | None = None
    # Set once a cancel request is recorded for the job (by anyone, in this run or before).
    cancel: asyncio.Event = field(default_factory=asyncio.Event)
    # Set once the final state is delivered and recorded (ledger included).
    ended: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def request(self) -> ImagineRequest:
        """The request as sent (seed filled in)."""
        return self.spec.request

    @property
    def seed(self) -> int | None:
        """The seed the images were made with."""
        return self.progress.seed if self.progress.seed is not None else self.request.seed

    @property
    def cancel_requested(self) -> bool:
        """Whether someone asked to cancel the job."""
        return self.cancel.is_set()


@dataclass(frozen=True, slots=True)
class JobEvent:
    """One change of a job, as observers see it."""

    job: Job
    state: JobState
    position: int = 0
    progress: Progress | None = None
    # While queued behind a full set of slots: about how long until it starts, in seconds.
    wait_estimate: float | None = None


class JobObserver(Protocol):
    """Receives a job's events; a cog's status message implements it."""

    def on_update(self, event: JobEvent) -> None:
        """A non-final change; must return at once."""

    async def deliver(self, event: JobEvent) -> bool:
        """The final state (done with images, failed or canceled); True once the member has it.

        Awaited by the runner: images not delivered are not charged.
        """

    async def paused(self, event: JobEvent) -> None:
        """The bot is shutting down while this job is unfinished."""


@dataclass
class RunnerLimits:
    """How much work runs at once and may wait."""

    max_concurrent: int = 4
    per_member: int = 2
    max_queue: int = 200
    timeout: float = 600.0
    creates_per_minute: int = 500


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
    ) -> None:
        self._client = client
        self._fetcher = fetcher
        self._store = store
        self._version = model_version
        self.limits = limits or RunnerLimits()
        self._policy = poll_policy or PollPolicy()
        self._clock = clock or asyncio.get_running_loop().time
        self._wall = wall_clock
        self._waiting: deque[Job] = deque()
        self._running: dict[str, asyncio.Task[None]] = {}
        self._jobs: dict[str, Job] = {}
        self._observers: dict[str, JobObserver] = {}
        self._rng = random.Random()  # noqa: S311 - seeds for images, not secrets
        self._closing = False
        self._admitting: Counter[int] = Counter()
        self._ending: set[str] = set()
        self._quotas = quotas
        self._moderation = moderation
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
        # A typical job's length, learned as jobs finish (a moving average), for queue estimates.
        self._typical_seconds = TYPICAL_JOB_SECONDS
        # Jobs recorded from this moment on are this runner's own; recovery, which may run
        # while new commands arrive, must not take them for an earlier run's leftovers.
        self.started_at = utc_now()

    def job(self, job_id: str) -> Job | None:
        """A job of this process, while it is waiting, running or just finished."""
        return self._jobs.get(job_id)

    @property
    def waiting(self) -> int:
        """How many jobs wait for a free slot."""
        return len(self._waiting)

    # -- webhook routing ----------------------------------------------------------------------

    def push(self, prediction: Prediction) -> None:
        """A state received by webhook: wake the tracker of the job that owns the prediction."""
        self._routes.push(prediction)

    # -- admission ----------------------------------------------------------------------------

    def admit(self, requester_id: int) -> None:
        """Raise unless the member and the queue have room; no I/O, so callers may ask first."""
        if self._closing:
            raise ShuttingDown()
        in_flight = self._admitting[requester_id] + sum(
            1
            for job in self._jobs.values()
            if job.spec.requester_id == requester_id and job.state not in FINAL_STATES
        )
        if in_flight >= self.limits.per_member:
            raise TooManyJobs(count=in_flight)
        waiting = len(self._waiting) + sum(self._admitting.values())
        if waiting >= self.limits.max_queue:
            raise QueueFull(count=waiting)

    async def submit(self, spec: JobSpec, observer: JobObserver) -> Job:
        """Accept a job (persisted at once) and queue it; raise if the member or queue is full."""
        self.admit(spec.requester_id)
        # Counted from here on, so requests racing through the awaits below see this one.
        self._admitting[spec.requester_id] += 1
        try:
            job = await self._accept(spec)
        finally:
            self._admitting[spec.requester_id] -= 1
            if not self._admitting[spec.requester_id]:
                del self._admitting[spec.requester_id]
        self._jobs[job.id] = job
        self._observers[job.id] = observer
        self._waiting.append(job)
        self._pump()
        self._announce_positions()
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
        }
        try:
            if self._quotas is None or spec.guild_id is None:
                await self._store.insert_job(**columns)
            else:
                await self._reserve(job, columns)
        except asyncio.CancelledError:
            # The unit may have committed all the same (a queued write still runs). At
            # shutdown it stays recorded and is resumed; otherwise nobody would run it: give
            # back whatever it holds and close it. Shielded: a second cancel must not stop it.
            if not self._closing:
                await asyncio.shield(self._forget(job.id))
            raise
        return job

    async def _reserve(self, job: Job, columns: dict[str, Any]) -> None:
        """Take the requested images from the member's quota, recording the job with them."""
        spec = job.spec
        assert self._quotas is not None and spec.guild_id is not None

        async def take(reservation: Statement) -> bool:
            reserved, *_ = await self._store.insert_job(
                then=[reservation, *_drop_if_unreserved(job.id)], **columns
            )
            return bool(reserved)

        cap = self._moderation.policy_now(spec.guild_id).daily_cap if self._moderation else None
        await self._quotas.reserve(
            job_id=job.id,
            guild_id=spec.guild_id,
            user_id=spec.requester_id,
            role_ids=list(spec.role_ids),
            images=spec.request.num_outputs,
            daily_cap=cap,
            take=take,
        )

    async def _forget(self, job_id: str) -> None:
        """Undo an accepted-then-abandoned job: refund and close it."""
        statements = [
            transition(job_id, JobState.canceled, reason="not accepted", finished_at=utc_now()),
            settlement(job_id, 0, "not accepted"),
            job_update(job_id, interaction_token=None),
        ]
        try:
            await self._store.write_together(statements)
        except Exception:
            log.exception("Closing the abandoned job %s failed", job_id)

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
        if job in self._waiting:
            # A waiting job is the runner's own: it never reaches Replicate.
            self._waiting.remove(job)
            self._announce_positions()
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
        if self._closing:
            return  # stays recorded: the next start picks it up
        self._jobs[job.id] = job
        self._observers[job.id] = observer
        if obtain is None and not job.cancel_requested:
            self._waiting.append(job)
            self._pump()
            self._announce_positions()
        else:
            self._spawn(job, self._run(job, obtain))

    async def end_unresumable(
        self, job: Job, error: SdxlBotError, *, prediction_id: str | None = None
    ) -> None:
        """A recorded job that cannot go on (no reply and no channel left, an unreadable
        request): stop its prediction if it has one, then end it failed and refunded."""
        if prediction_id is not None:
            await self._cancel_prediction(prediction_id)
        await self._record_end(job, JobState.failed, error, delivered=False)
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
        for tracker in self._routes.trackers():
            tracker.detach()
        ending = [
            task
            for job_id, task in self._running.items()
            if job_id in self._ending or self._canceling(job_id)
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
            self._waiting and len(self._running) < self.limits.max_concurrent and not self._closing
        ):
            job = self._waiting.popleft()
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
            self._announce_positions()

    def _announce_positions(self) -> None:
        for index, job in enumerate(self._waiting, start=1):
            if job.position != index:
                job.position = index
                self._emit(job, JobState.queued)

    def wait_estimate(self, position: int) -> float | None:
        """About how long a job at `position` waits: the rounds ahead times a typical job."""
        if position <= self.limits.max_concurrent - len(self._running):
            return None
        rounds = -(-position // self.limits.max_concurrent)
        return rounds * self._typical_seconds

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
        # Delivered first, recorded second: a crash in between re-delivers, it never loses.
        self._ending.add(job.id)
        job.error = error
        job.state = state
        job.finished_at = self._clock()
        self._jobs.pop(job.id, None)
        if state == JobState.done and job.started_at is not None:
            took = job.finished_at - job.started_at
            self._typical_seconds = 0.8 * self._typical_seconds + 0.2 * took
        observer = self._observers.pop(job.id, None)
        delivered = False
        if observer is not None:
            try:
                delivered = await observer.deliver(JobEvent(job, state, 0, job.progress))
            except Exception:
                log.exception("Delivering job %s failed", job.id)
        try:
            await self._record_end(job, state, error, delivered=delivered)
        except Exception:
            log.exception("Recording the end of job %s failed", job.id)
        finally:
            self._ending.discard(job.id)
            job.ended.set()

    async def _record_end(
        self, job: Job, state: JobState, error: SdxlBotError | None, *, delivered: bool
    ) -> None:
        """Move the job to its final state with its settle or refund, in one transaction.

        Together, so /history and /quota never show a job charged yet still in progress, and
        a crash leaves either both (nothing to redo) or neither (recovery redoes both). The
        settle is idempotent: if the move does not apply, the job's ledger was closed already.
        """
        statements: list[Statement] = []
        metrics = job.prediction.metrics if job.prediction else None
        reason = error.key if error else ("delivered" if delivered else "not delivered")
        statements.append(
            transition(
                job.id,
                state,
                reason=reason,
                images=len(job.images) if delivered else 0,
                seed=job.seed,
                error_key=error.key if error else None,
                predict_time=metrics.predict_time if metrics else None,
                finished_at=utc_now(),
                # A credential: kept only while the job could still need it.
                interaction_token=None,
            )
        )
        if self._quotas is not None:
            if state == JobState.done and delivered:
                statements.append(settlement(job.id, len(job.images), _refund_reason(job)))
            else:
                refund = "not delivered" if state == JobState.done else reason
                statements.append(settlement(job.id, 0, refund))
        moved, *_ = await self._store.write_together(statements)
        if not moved:
            log.warning(
                "Job %s: the end %s did not apply; its row had ended already", job.id, state
            )


class _EndedElsewhere(Exception):
    """The job's row is final already: this process must not act on it."""


def _refund_reason(job: Job) -> str:
    if job.missing:
        return "not downloaded"
    return "held back by the safety checker"


def _drop_if_unreserved(job_id: str) -> list[Statement]:
    """Undo, in the accepting transaction, a job whose reservation was refused."""
    unreserved = "NOT EXISTS (SELECT 1 FROM ledger WHERE job_id = ?)"
    return [
        (f"DELETE FROM job_events WHERE job_id = ? AND {unreserved}", (job_id, job_id)),  # noqa: S608
        (f"DELETE FROM jobs WHERE id = ? AND {unreserved}", (job_id, job_id)),  # noqa: S608
    ]
