"""The JobRunner: a FIFO queue of generations, run a few at a time, each reported as events.

A job goes queued -> submitting -> starting -> processing -> delivering -> done | failed |
canceled, persisted in the store at each step. The runner owns one task per job and never
lets an exception escape unlogged. Observers get every change: `on_update` for progress
(must not block; cogs coalesce it themselves) and `deliver` for the final state, which the
runner awaits so the job is marked done only once its result reached the member.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import random
import secrets
from collections import Counter, OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Protocol

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
from bot.moderation import Moderation
from bot.progress import Progress
from bot.quota import Quotas, settlement
from bot.ratelimit import TokenBucket
from bot.replicate import Prediction, ReplicateClient
from bot.sdxl import ImagineRequest
from bot.store import Store, job_update, utc_now
from bot.tracking import PollPolicy, PredictionTracker, outputs_or_raise
from bot.webhooks import WebhookTarget

log = logging.getLogger(__name__)

# The model draws its seeds from this range when none is given; we draw it ourselves so every
# job knows its seed up front (reroll, the result embed) even after Replicate deleted the logs.
MODEL_SEED_RANGE = 65536
# The first guess at a job's length, before any finished: SDXL with the default 50 steps.
TYPICAL_JOB_SECONDS = 20.0
# Webhook deliveries held for predictions no job has claimed yet (the create's answer is late).
UNCLAIMED_PUSHES = 256
# How long shutdown waits for jobs already delivering their final state to record it.
ENDING_GRACE = 10.0
# How long a cancelled job still waits for the answer to a create already sent.
CREATE_ANSWER_WAIT = 30.0


def _retrieve_exception(future: asyncio.Future[Any]) -> None:
    """Mark a background future's exception as seen (it is handled where it is awaited)."""
    if not future.cancelled():
        future.exception()


class JobState(StrEnum):
    """Where a job stands; the last three are final."""

    queued = "queued"
    submitting = "submitting"
    starting = "starting"
    processing = "processing"
    delivering = "delivering"
    done = "done"
    failed = "failed"
    canceled = "canceled"


FINAL_STATES = frozenset({JobState.done, JobState.failed, JobState.canceled})


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
    """A job's live state in this process."""

    id: str
    spec: JobSpec
    state: JobState = JobState.queued
    position: int = 0
    progress: Progress = field(default_factory=Progress)
    prediction: Prediction | None = None
    images: tuple[OutputImage, ...] = ()
    error: SdxlBotError | None = None
    queued_at: float = 0.0
    started_at: float | None = None
    finished_at: float | None = None
    cancel_requested: bool = False
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
        quotas: Quotas | None = None,
        moderation: Moderation | None = None,
        webhook: WebhookTarget | None = None,
    ) -> None:
        self._client = client
        self._fetcher = fetcher
        self._store = store
        self._version = model_version
        self.limits = limits or RunnerLimits()
        self._policy = poll_policy or PollPolicy()
        self._clock = clock or asyncio.get_running_loop().time
        self._waiting: deque[Job] = deque()
        self._running: dict[str, asyncio.Task[None]] = {}
        self._trackers: dict[str, PredictionTracker] = {}
        self._jobs: dict[str, Job] = {}
        self._observers: dict[str, JobObserver] = {}
        self._rng = random.Random()  # noqa: S311 - seeds for images, not secrets
        self._closing = False
        self._admitting: Counter[int] = Counter()
        self._ending: set[str] = set()
        self._quotas = quotas
        self._moderation = moderation
        self._webhook = webhook
        # Webhook routing: prediction id -> job id, and the latest state pushed per job
        # (held until its tracker exists; a terminal one is final).
        self._prediction_jobs: dict[str, str] = {}
        self._pushed: dict[str, Prediction] = {}
        self._unclaimed: OrderedDict[str, Prediction] = OrderedDict()
        self._creates = TokenBucket(self.limits.creates_per_minute, self._clock)
        # A typical job's length, learned as jobs finish (a moving average), for queue estimates.
        self._typical_seconds = TYPICAL_JOB_SECONDS

    def job(self, job_id: str) -> Job | None:
        """A job of this process, while it is waiting, running or just finished."""
        return self._jobs.get(job_id)

    @property
    def waiting(self) -> int:
        """How many jobs wait for a free slot."""
        return len(self._waiting)

    def push(self, prediction: Prediction) -> None:
        """A state received by webhook: wake the tracker of the job that owns the prediction."""
        job_id = self._prediction_jobs.get(prediction.id)
        if job_id is None:
            # A fast prediction's deliveries can beat the create's own answer: keep them (a
            # bounded few) until the job claims its prediction id.
            held = self._unclaimed.get(prediction.id)
            if held is None or not held.is_terminal:
                self._unclaimed[prediction.id] = prediction
                self._unclaimed.move_to_end(prediction.id)
            while len(self._unclaimed) > UNCLAIMED_PUSHES:
                self._unclaimed.popitem(last=False)
            log.debug("Webhook for prediction %s, not claimed by a job yet", prediction.id)
            return
        latest = self._pushed.get(job_id)
        if latest is not None and latest.is_terminal:
            return  # deliveries may arrive out of order; nothing comes after the end
        self._pushed[job_id] = prediction
        tracker = self._trackers.get(job_id)
        if tracker is not None:
            tracker.push(prediction)

    def _claim(self, prediction_id: str, job_id: str) -> None:
        """Route the prediction's webhooks to the job, with any that arrived first."""
        self._prediction_jobs[prediction_id] = job_id
        early = self._unclaimed.pop(prediction_id, None)
        if early is not None:
            self.push(early)

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
        """Persist the job and reserve its images; nothing is kept if the ledger says no."""
        if spec.request.seed is None:
            spec = replace(
                spec, request=spec.request.with_seed(self._rng.randrange(MODEL_SEED_RANGE))
            )
        job = Job(id=secrets.token_hex(8), spec=spec, queued_at=self._clock())
        await self._store.insert_job(
            id=job.id,
            parent_id=spec.parent_id,
            guild_id=spec.guild_id,
            channel_id=spec.channel_id,
            requester_id=spec.requester_id,
            locale=spec.locale,
            request_json=spec.request.model_dump_json(exclude_unset=True),
            state=JobState.queued,
            seed=spec.request.seed,
            application_id=spec.reply.application_id if spec.reply else None,
            interaction_token=spec.reply.token if spec.reply else None,
            token_expires_at=spec.reply.expires_at if spec.reply else None,
        )
        try:
            await self._reserve(job)
        except BaseException:
            # A refusal took nothing, but a cancel (or an error reported after the write) may
            # come with the reservation committed all the same: give back whatever the job
            # holds, then drop it. Shielded: a second cancel must not stop the clean-up.
            await asyncio.shield(self._forget(job.id))
            raise
        return job

    async def _forget(self, job_id: str) -> None:
        """Undo an accepted-then-abandoned job: refund and close it, then delete it if it can."""
        closed = job_update(
            job_id, state=JobState.canceled, interaction_token=None, finished_at=utc_now()
        )
        refunded = [settlement(job_id, 0, "not accepted")] if self._quotas is not None else []
        await self._store.write_together([*refunded, closed])
        await self._store.delete_job(job_id)  # refused if ledger entries name it: a record

    async def note_reply(self, job_id: str, message_id: int, token_valid: bool) -> None:
        """Remember the reply's message id; once it is the bot's own message, drop the token."""
        if token_valid:
            await self._store.update_job(job_id, message_id=message_id)
        else:
            await self._store.update_job(job_id, message_id=message_id, interaction_token=None)

    def adopt(
        self,
        job: Job,
        observer: JobObserver,
        obtain: Callable[[Job], Awaitable[Prediction]] | None,
    ) -> None:
        """Take over a job recorded by an earlier run (bot/recovery.py).

        With `obtain`, it runs at once (its prediction exists or is being looked for); without,
        it goes back in the queue, keeping its place by age.
        """
        self._jobs[job.id] = job
        self._observers[job.id] = observer
        if obtain is None:
            self._waiting.append(job)
            self._pump()
            self._announce_positions()
        else:
            self._start(job, obtain)

    async def note_prediction(self, job: Job, prediction: Prediction) -> None:
        """Record the prediction a job turned out to have (found by recovery)."""
        job.prediction = prediction
        await self._store.update_job(job.id, prediction_id=prediction.id)

    async def obtain_by_create(self, job: Job) -> Prediction:
        """Create the job's prediction now (rate limited, recorded as `submitting` first)."""
        await self._set_state(job, JobState.submitting, started_at=utc_now())
        return await self._create(job)

    async def _reserve(self, job: Job) -> None:
        """Take the requested images from the member's quota (servers only; DMs have none)."""
        spec = job.spec
        if self._quotas is None or spec.guild_id is None:
            return
        cap = self._moderation.policy_now(spec.guild_id).daily_cap if self._moderation else None
        await self._quotas.reserve(
            job_id=job.id,
            guild_id=spec.guild_id,
            user_id=spec.requester_id,
            role_ids=list(spec.role_ids),
            images=spec.request.num_outputs,
            daily_cap=cap,
        )

    async def cancel(self, job_id: str) -> bool:
        """Stop a job; True if it was still going. Waiting jobs never reach Replicate."""
        job = self._jobs.get(job_id)
        if job is None:
            raise JobNotFound()
        if job.state in FINAL_STATES:
            return False
        job.cancel_requested = True
        if job in self._waiting:
            self._waiting.remove(job)
            self._announce_positions()
            await self._finish(job, JobState.canceled, PredictionCanceled(job.id))
            return True
        task = self._running.get(job_id)
        if task is not None:
            task.cancel()
        return True

    async def close(self) -> None:
        """Shutdown: stop watching without cancelling predictions, and tell the members.

        Predictions keep running on Replicate; every unfinished job stays recorded (state,
        prediction id, reservation) and its member is told the bot is restarting.
        """
        if self._closing:
            return
        self._closing = True
        for tracker in self._trackers.values():
            tracker.detach()
        # A job already delivering its final state is let finish (bounded): cancelled between
        # delivering and recording, it would be delivered a second time after the restart.
        ending = [task for job_id, task in self._running.items() if job_id in self._ending]
        tasks = [task for task in self._running.values() if task not in ending]
        for task in tasks:
            task.cancel()
        if ending:
            await asyncio.wait(ending, timeout=ENDING_GRACE)
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

    def _pump(self) -> None:
        while (
            self._waiting and len(self._running) < self.limits.max_concurrent and not self._closing
        ):
            self._start(self._waiting.popleft(), None)

    def _start(self, job: Job, obtain: Callable[[Job], Awaitable[Prediction]] | None) -> None:
        task = asyncio.create_task(self._run(job, obtain), name=f"job-{job.id}")
        self._running[job.id] = task
        task.add_done_callback(functools.partial(self._reap, job.id))

    def _reap(self, job_id: str, task: asyncio.Task[None]) -> None:
        self._running.pop(job_id, None)
        self._trackers.pop(job_id, None)
        self._pushed.pop(job_id, None)
        for prediction_id in [p for p, j in self._prediction_jobs.items() if j == job_id]:
            del self._prediction_jobs[prediction_id]
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

    async def _set_state(self, job: Job, state: JobState, **columns: object) -> None:
        job.state = state
        await self._store.update_job(job.id, state=state, **columns)
        self._emit(job, state)

    async def _run(
        self, job: Job, obtain: Callable[[Job], Awaitable[Prediction]] | None = None
    ) -> None:
        job.started_at = self._clock()
        try:
            prediction = await (obtain or self.obtain_by_create)(job)
            job.prediction = prediction
            self._claim(prediction.id, job.id)
            if job.state in (JobState.queued, JobState.submitting):
                await self._set_state(job, JobState.starting, prediction_id=prediction.id)
            tracker = PredictionTracker(
                self._client,
                prediction,
                timeout=self.limits.timeout,
                expected_bars=job.request.expected_progress_bars(),
                policy=self._policy,
            )
            self._trackers[job.id] = tracker
            if job.id in self._pushed:
                tracker.push(self._pushed[job.id])  # arrived before the tracker existed
            # aclosing: a cancel must reach the tracker now (it cancels the prediction), not
            # whenever the generator happens to be collected.
            async with contextlib.aclosing(tracker.updates()) as updates:
                async for update in updates:
                    job.prediction, job.progress = update.prediction, update.progress
                    if (
                        update.prediction.status == "processing"
                        and job.state != JobState.processing
                    ):
                        await self._set_state(job, JobState.processing)
                    elif "progress" in update.changed:
                        self._emit(job, job.state)
            assert job.prediction is not None
            urls = outputs_or_raise(job.prediction)
            await self._set_state(job, JobState.delivering)
            job.images = tuple(await self._fetcher.fetch_all(urls))
        except asyncio.CancelledError:
            if self._closing or not job.cancel_requested:
                raise
            # The cancel may land between steps (after the create, before the tracker took
            # over): whatever was started is stopped here. Cancel is idempotent.
            if job.prediction is not None and not job.prediction.is_terminal:
                await asyncio.shield(self._cancel_prediction(job.prediction.id))
            await self._finish(job, JobState.canceled, PredictionCanceled(job.id))
            return
        except SdxlBotError as error:
            await self._finish(job, JobState.failed, error)
            return
        except Exception:
            log.exception("Job %s failed unexpectedly", job.id)
            await self._finish(job, JobState.failed, JobCrashed(reference=job.id))
            return
        await self._finish(job, JobState.done, None)

    async def _create(self, job: Job) -> Prediction:
        """Create the prediction; if the job is cancelled meanwhile, still learn its id.

        A create in flight may already have started a paid prediction: shielded, its answer
        is awaited even after a cancel and recorded, so `_run` can cancel it (or, at
        shutdown, leave it recorded for later).
        """
        await self._creates.take()
        webhook = self._webhook
        create = asyncio.ensure_future(
            self._client.create(
                self._version,
                job.request.to_replicate_input(),
                webhook=webhook.url if webhook else None,
                webhook_events_filter=webhook.events if webhook else None,
            )
        )
        create.add_done_callback(_retrieve_exception)
        try:
            prediction = await asyncio.shield(create)
            # Routable at once: the first webhook may come before the tracker is made.
            self._claim(prediction.id, job.id)
            return prediction
        except asyncio.CancelledError:
            try:
                prediction = await asyncio.wait_for(create, CREATE_ANSWER_WAIT)
            except (Exception, asyncio.CancelledError):
                raise asyncio.CancelledError from None
            job.prediction = prediction
            await self._store.update_job(job.id, prediction_id=prediction.id)
            raise

    async def _cancel_prediction(self, prediction_id: str) -> None:
        """Ask Replicate to stop a prediction; failures are logged, never raised."""
        try:
            await asyncio.wait_for(self._client.cancel(prediction_id), CREATE_ANSWER_WAIT)
        except (SdxlBotError, TimeoutError) as error:
            log.warning("Could not cancel prediction %s: %s", prediction_id, error)

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
        """Settle or refund the images and mark the job final, in one transaction.

        Together, so /history and /quota never show a job charged yet still in progress, and
        a crash leaves either both (nothing to redo) or neither (recovery redoes both).
        """
        statements = []
        if self._quotas is not None:
            if state == JobState.done and delivered:
                statements.append(settlement(job.id, len(job.images)))
            else:
                reason = (
                    "not delivered" if state == JobState.done else (error.key if error else state)
                )
                statements.append(settlement(job.id, 0, reason))
        metrics = job.prediction.metrics if job.prediction else None
        statements.append(
            job_update(
                job.id,
                state=state,
                images=len(job.images),
                seed=job.seed,
                error_key=error.key if error else None,
                predict_time=metrics.predict_time if metrics else None,
                finished_at=utc_now(),
                # A credential: kept only while the job could still need it.
                interaction_token=None,
            )
        )
        await self._store.write_together(statements)
