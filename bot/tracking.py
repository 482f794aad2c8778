"""Follow a prediction until it ends, yielding each time its status, progress or output changes.

Polling adapts to what the logs say instead of asking every 0.5 s like the official client:
while the model is booting it backs off; while a progress bar runs it predicts when the last
bar ends from the observed step rate and sleeps until then (capped, so progress stays fresh);
once the end is due it polls briskly, so completion is noticed within about a second with a
fraction of the requests. Pushed updates (webhooks) wake it at once.

Cancelling the task that iterates calls `cancel` on the prediction, unless the tracker was
detached first (a clean shutdown leaves predictions running so they can be resumed).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncGenerator, Callable
from dataclasses import dataclass, field

from bot.errors import (
    NsfwDetected,
    PredictionCanceled,
    PredictionFailed,
    PredictionTimedOut,
    ReplicateAuthError,
    ReplicateError,
    ReplicateProtocolError,
    ReplicateRateLimited,
    ReplicateUnavailable,
)
from bot.progress import Progress, parse_progress
from bot.replicate import Prediction, ReplicateClient

log = logging.getLogger(__name__)

NSFW_MARKER = "NSFW content detected"
# Errors from a GET that say nothing about the prediction itself: keep tracking until the deadline.
_TRANSIENT = (ReplicateUnavailable, ReplicateRateLimited, ReplicateProtocolError)
# Statuses a relay without the endpoint answers to a cancel.
_NO_CANCEL_STATUSES = frozenset({404, 405, 501})


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """How often to ask; every figure in seconds."""

    boot_first: float = 1.0  # first wait while starting or before any progress bar
    boot_growth: float = 1.5
    boot_max: float = 4.0
    running_max: float = 3.0  # longest wait while a bar runs: keeps the progress display fresh
    finish: float = 0.5  # wait once the end is due: bounds the notice delay
    minimum: float = 0.2
    # With pushed updates (webhooks) polling is only a safety net.
    pushed_interval: float = 30.0


@dataclass(frozen=True, slots=True)
class TrackUpdate:
    """One observed change of a prediction."""

    prediction: Prediction
    progress: Progress
    changed: frozenset[str]  # any of "status", "progress", "output"


@dataclass(slots=True)
class _RateEstimator:
    """Steps per second of the current bar, measured from our own observations."""

    bar: int = -1
    first_step: int = 0
    first_at: float = 0.0
    rate: float | None = None

    def observe(self, progress: Progress, at: float) -> None:
        if progress.bar != self.bar or progress.step < self.first_step:
            self.bar, self.first_step, self.first_at, self.rate = (
                progress.bar,
                progress.step,
                at,
                None,
            )
            return
        steps, seconds = progress.step - self.first_step, at - self.first_at
        if steps > 0 and seconds > 0:
            self.rate = steps / seconds


@dataclass(slots=True)
class PredictionTracker:
    """Tracks one prediction; iterate `updates()` once."""

    client: ReplicateClient
    prediction: Prediction
    timeout: float = 600.0
    expected_bars: int = 1
    policy: PollPolicy = field(default_factory=PollPolicy)
    # The clock its sleeps run on (the event loop's), so deadlines and waits agree.
    clock: Callable[[], float] = field(default_factory=lambda: asyncio.get_running_loop().time)
    gets: int = 0
    pushed: bool = False
    _detached: bool = False
    _wake: asyncio.Event = field(default_factory=asyncio.Event)
    _pending: Prediction | None = None
    _boot_wait: float = 0.0
    _rate: _RateEstimator = field(default_factory=_RateEstimator)
    _progress: Progress = field(default_factory=Progress)
    _observed_at: float = 0.0

    def push(self, prediction: Prediction) -> None:
        """Feed a state received by webhook; polling then slows to a safety net."""
        if prediction.id != self.prediction.id:
            return
        self.pushed = True
        self._pending = prediction
        self._wake.set()

    def detach(self) -> None:
        """Stop without cancelling the prediction (shutdown: it will be resumed)."""
        self._detached = True

    async def updates(self) -> AsyncGenerator[TrackUpdate, None]:
        """Yield the current state, then each change, until the prediction ends.

        Leaving early for any reason (a cancel, an error, the consumer closing the generator)
        cancels the prediction unless it ended or the tracker was detached: nobody would
        watch it otherwise, and it would be paid for. A prediction that ends `aborted`
        (Replicate's Cancel-After deadline passed before it started; never billed) raises
        PredictionTimedOut after its last update, as our own deadline does.
        """
        deadline = self.clock() + self.timeout
        current = self.prediction
        self._observe(current)
        try:
            yield TrackUpdate(current, self._progress, frozenset({"status"}))
            while not current.is_terminal:
                now = self.clock()
                if now >= deadline:
                    await self._cancel_quietly("deadline passed")
                    raise PredictionTimedOut(current.id, self.timeout)
                await self._wait(min(self._next_delay(current), deadline - now))
                fresh = await self._next_state(current)
                if fresh is None:
                    continue
                before_progress, before = self._progress, current
                current = self.prediction = fresh
                self._observe(fresh)
                changed = _changes(before, fresh, before_progress, self._progress)
                if changed:
                    yield TrackUpdate(fresh, self._progress, changed)
            if current.status == "aborted":
                # Replicate's own deadline (Cancel-After) passed before it started: never billed.
                raise PredictionTimedOut(current.id, _aborted_after(current) or self.timeout)
        except PredictionTimedOut:
            raise  # canceled already, on the way out of the loop
        except BaseException:
            if not current.is_terminal and not self._detached:
                await asyncio.shield(self._cancel_quietly("tracking stopped"))
            raise

    async def _wait(self, delay: float) -> None:
        if self._pending is not None:
            return
        self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), max(delay, 0.0))

    async def _next_state(self, current: Prediction) -> Prediction | None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            return pending
        self.gets += 1
        try:
            return await self.client.get(current.id)
        except _TRANSIENT as error:
            log.warning("Prediction %s: cannot read its state (%s); will retry", current.id, error)
            self._boot_wait = self.policy.boot_max
            return None

    def _observe(self, prediction: Prediction) -> None:
        now = self.clock()
        self._progress = parse_progress(prediction.logs)
        self._rate.observe(self._progress, now)
        self._observed_at = now

    def _next_delay(self, current: Prediction) -> float:
        policy = self.policy
        if self.pushed:
            return policy.pushed_interval
        progress = self._progress
        if current.status == "starting" or progress.total == 0:
            self._boot_wait = (
                policy.boot_first
                if self._boot_wait == 0
                else min(self._boot_wait * policy.boot_growth, policy.boot_max)
            )
            return self._boot_wait
        last_bar = progress.bar + 1 >= self.expected_bars
        if progress.bar_done:
            if not last_bar:
                # Between the base and the refiner bar: the end is not due yet.
                return policy.boot_first
            return policy.finish
        rate = self._rate.rate or progress.rate
        if not rate:
            return policy.boot_first
        bar_ends_in = (progress.total - progress.step) / rate - (self.clock() - self._observed_at)
        if not last_bar:
            return max(policy.minimum, min(bar_ends_in + policy.finish, policy.running_max))
        return max(policy.minimum, min(bar_ends_in, policy.running_max))

    async def _cancel_quietly(self, why: str) -> None:
        try:
            await asyncio.wait_for(self.client.cancel(self.prediction.id), timeout=15)
            log.info("Prediction %s canceled: %s", self.prediction.id, why)
        except ReplicateError as error:
            if error.status in _NO_CANCEL_STATUSES:
                log.warning(
                    "Prediction %s: the API has no cancel endpoint (%s); it runs to its end",
                    self.prediction.id,
                    error.status,
                )
            else:
                log.warning("Prediction %s: cancel failed: %s", self.prediction.id, error)
        except TimeoutError:
            log.warning("Prediction %s: cancel got no answer in time", self.prediction.id)


def _changes(
    before: Prediction, after: Prediction, progress_before: Progress, progress_after: Progress
) -> frozenset[str]:
    changed = set()
    if before.status != after.status:
        changed.add("status")
    if progress_before != progress_after:
        changed.add("progress")
    if before.output != after.output:
        changed.add("output")
    return frozenset(changed)


def outputs_or_raise(prediction: Prediction) -> list[str]:
    """The outputs of a finished prediction, or the typed error saying why there are none.

    `aborted` (Replicate's deadline passed before the run started) is a PredictionTimedOut.
    """
    if prediction.status == "succeeded":
        outputs = prediction.output_urls
        if not outputs:
            raise PredictionFailed(prediction.id, key="prediction.no_output")
        return outputs
    if prediction.status == "aborted":
        raise PredictionTimedOut(prediction.id, _aborted_after(prediction) or 0.0)
    if prediction.status == "canceled":
        raise PredictionCanceled(prediction.id)
    error = prediction.error or "no reason given"
    if NSFW_MARKER.lower() in error.lower():
        raise NsfwDetected(prediction.id, error)
    raise PredictionFailed(prediction.id, _last_line(error))


def _aborted_after(prediction: Prediction) -> float | None:
    """Seconds from creation to the end of an aborted prediction: its deadline, or its end."""
    start = prediction.created_at
    end = prediction.deadline or prediction.completed_at
    if start is None or end is None:
        return None
    try:
        return max(0.0, (end - start).total_seconds())
    except TypeError:  # one naive, one aware
        return None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else text[:300]


__all__ = [
    "PollPolicy",
    "PredictionTracker",
    "ReplicateAuthError",
    "TrackUpdate",
    "outputs_or_raise",
]
