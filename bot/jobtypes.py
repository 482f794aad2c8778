"""A job as data: what a member asked for, its live state, and the events observers receive.

Shared by the runner (bot.jobs), its queue (bot.admission) and its accounts (bot.settlement),
which is why it imports none of them. Observers get every change: `on_update` for progress
(must not block; cogs coalesce it themselves) and `deliver` for the final state, which the
runner awaits so the job is marked done only once its result reached the member.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from bot.errors import SdxlBotError
from bot.images import OutputImage
from bot.lifecycle import JobState
from bot.progress import Progress
from bot.replicate import Prediction
from bot.sdxl import ImagineRequest


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
