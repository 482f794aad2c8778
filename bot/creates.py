"""Creating a job's prediction: paced, never paid twice, and never lost.

A create is sent at the configured pace with Replicate's own deadline (Cancel-After). Its
answer is never thrown away: the job's own cancel does not interrupt it, and shutdown still
waits for it (bounded) so the id is recorded for the next start. An answer lost on the way
(a dropped connection, a time-out, a 5xx) leaves the outcome unknown: the prediction is looked
for by the job's exact input (which carries the seed drawn for it) among the account's
predictions, paging back to before it was sent. Found: that is the job's prediction. Proven
absent (twice, a moment apart, so a create still landing on the far side is seen): sent
again, a bounded number of times. Undecidable (an API that cannot list predictions): the job
fails and is refunded, logged with what an operator needs to check.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Protocol

from bot.errors import CreateOutcomeUnknown, PredictionCanceled, ReplicateError
from bot.ratelimit import CreatePace
from bot.replicate import Prediction, ReplicateClient
from bot.sdxl import ImagineRequest
from bot.store import Store
from bot.webhooks import WebhookTarget

log = logging.getLogger(__name__)

# How long a job interrupted by shutdown still waits for the answer to a create already sent.
CREATE_ANSWER_WAIT: Final = 30.0
# A lost create is looked for among predictions created from this long before it was sent
# (clock skew between us and the API).
MATCH_WINDOW: Final = timedelta(minutes=2)
# Before deciding that a lost create never arrived, give a request still in flight on the far
# side this long to land, and look again.
LOST_CREATE_SETTLE: Final = 2.0
# Creates sent for one job whose answers were lost, before the job fails (each one proven
# absent before the next is sent).
LOST_CREATE_ATTEMPTS: Final = 3


class CreatingJob(Protocol):
    """What creating needs of a job."""

    @property
    def id(self) -> str: ...

    @property
    def request(self) -> ImagineRequest: ...

    @property
    def cancel_requested(self) -> bool: ...

    prediction: Prediction | None


def _retrieve_exception(future: asyncio.Future[Any]) -> None:
    """Mark a background future's exception as seen (it is handled where it is awaited)."""
    if not future.cancelled():
        future.exception()


class Creator:
    """Sends creates for jobs and finds the ones whose answer was lost."""

    def __init__(
        self,
        *,
        client: ReplicateClient,
        store: Store,
        model_version: str,
        creates_per_minute: int,
        webhook: WebhookTarget | None = None,
        settle_wait: float = LOST_CREATE_SETTLE,
        on_created: Callable[[str, str], None] = lambda prediction_id, job_id: None,
    ) -> None:
        self._client = client
        self._store = store
        self._version = model_version
        self._webhook = webhook
        self._settle_wait = settle_wait
        self._pace = CreatePace(creates_per_minute)
        self._on_created = on_created

    async def create(self, job: CreatingJob, cancel_after: float) -> Prediction:
        """The job's prediction, created now (see the module docstring)."""
        for _ in range(LOST_CREATE_ATTEMPTS):
            await self._pace.take()
            sent = datetime.now(UTC)
            try:
                return await self._send(job, cancel_after)
            except CreateOutcomeUnknown as error:
                log.warning(
                    "Job %s: the create's answer was lost (%s); looking for it",
                    job.id,
                    error.detail,
                )
            found = await self.look_for(job, sent - MATCH_WINDOW)
            if found is not None:
                log.info("Job %s: its lost create did reach Replicate (%s)", job.id, found.id)
                return found
            if job.cancel_requested:
                raise PredictionCanceled(job.id)
        raise CreateOutcomeUnknown(detail=f"no answer to {LOST_CREATE_ATTEMPTS} creates")

    async def _send(self, job: CreatingJob, cancel_after: float) -> Prediction:
        webhook = self._webhook
        create = asyncio.ensure_future(
            self._client.create(
                self._version,
                job.request.to_replicate_input(),
                webhook=webhook.url if webhook else None,
                webhook_events_filter=webhook.events if webhook else None,
                cancel_after=cancel_after,
            )
        )
        create.add_done_callback(_retrieve_exception)
        try:
            prediction = await asyncio.shield(create)
        except asyncio.CancelledError:
            try:
                prediction = await asyncio.wait_for(create, CREATE_ANSWER_WAIT)
            except (Exception, asyncio.CancelledError):
                raise asyncio.CancelledError from None
            job.prediction = prediction
            await self._store.update_job(job.id, prediction_id=prediction.id)
            raise
        # Routable at once: the first webhook may come before the tracker is made.
        self._on_created(prediction.id, job.id)
        return prediction

    async def look_for(self, job: CreatingJob, since: datetime) -> Prediction | None:
        """The job's prediction if its lost create reached Replicate; None once proven absent."""
        wanted = job.request.to_replicate_input()
        try:
            found = await self._client.find_prediction(wanted, since=since)
            if found is None:
                await asyncio.sleep(self._settle_wait)
                found = await self._client.find_prediction(wanted, since=since)
        except ReplicateError as error:
            log.error(
                "Job %s: cannot tell whether its create reached %s (%s). Check the account's"
                " predictions since %s for seed %s: one may have run that no member was charged"
                " for. The job fails and its images are refunded.",
                job.id,
                self._client.base_url,
                error.status or error.detail,
                since.isoformat(timespec="seconds"),
                job.request.seed,
            )
            raise CreateOutcomeUnknown(
                status=error.status, detail="the API cannot list predictions to check"
            ) from None
        return found
