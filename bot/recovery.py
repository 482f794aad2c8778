"""Picking up, after a restart, every job an earlier run left unfinished.

Each unfinished job goes on where it stood:
- queued: back in the queue, in its original order; its images are still reserved.
- starting, processing, delivering: re-attached to its prediction by id; a prediction that
  finished meanwhile is delivered at once (its outputs are fetched again).
- submitting with no prediction id: the create was sent but its answer was lost (the
  process died in between), so the prediction may or may not exist. The rule: look for it
  among the account's latest predictions, matching the exact input. The input carries the
  seed this bot drew for the job, so it identifies the job. Found: re-attached. Not found:
  the request never reached Replicate, and it is created now. If the API cannot list
  predictions (some relays), the job ends as failed and its images are refunded: the
  member is never charged twice, and never charged for an image they did not get.

Charging stays exactly once whatever happens: settle and refund are idempotent, and the
ledger entries are keyed by job. Delivery is at least once: a process killed after posting
the images but before recording it posts them again on restart.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from pydantic import ValidationError

from bot.errors import CreateOutcomeUnknown, JobCrashed, ReplicateError
from bot.jobs import Job, JobObserver, JobRunner, JobSpec, JobState
from bot.replicate import Prediction, ReplicateClient
from bot.sdxl import ImagineRequest
from bot.store import JobRow, Store

log = logging.getLogger(__name__)

UNFINISHED = ("queued", "submitting", "starting", "processing", "delivering")
# How far back a lost create may have landed, before the job's own start time (clock skew).
MATCH_WINDOW = timedelta(minutes=2)

ObserverFactory = Callable[[Job, JobRow], Awaitable[JobObserver]]


async def recover(
    runner: JobRunner, store: Store, client: ReplicateClient, observer_for: ObserverFactory
) -> int:
    """Adopt every unfinished job into `runner`; returns how many there were."""
    rows = [
        row for row in await store.jobs_in_states(list(UNFINISHED)) if runner.job(row.id) is None
    ]
    for row in rows:
        try:
            request = ImagineRequest.model_validate_json(row.request_json)
        except ValidationError:
            log.error("Job %s has a request this version cannot read; failing it", row.id)
            request = None
        spec = JobSpec(
            request=request or ImagineRequest(prompt="?"),
            requester_id=row.requester_id,
            guild_id=row.guild_id,
            channel_id=row.channel_id,
            locale=row.locale,
            parent_id=row.parent_id,
        )
        job = Job(id=row.id, spec=spec, state=JobState(row.state))
        observer = await observer_for(job, row)
        if request is None:
            runner.adopt(job, observer, functools.partial(_unreadable, row.id))
        elif row.prediction_id:
            runner.adopt(job, observer, functools.partial(_by_id, client, row.prediction_id))
        elif row.state == JobState.queued:
            runner.adopt(job, observer, None)
        else:
            runner.adopt(job, observer, functools.partial(_find_or_create, runner, client, row))
        log.info("Resumed job %s (%s)", row.id, row.state)
    return len(rows)


async def _by_id(client: ReplicateClient, prediction_id: str, job: Job) -> Prediction:
    return await client.get(prediction_id)


async def _unreadable(job_id: str, job: Job) -> Prediction:
    raise JobCrashed(reference=job_id)


async def _find_or_create(
    runner: JobRunner, client: ReplicateClient, row: JobRow, job: Job
) -> Prediction:
    """The rule for a create whose answer was lost (see the module docstring)."""
    try:
        recent = await client.recent_predictions()
    except ReplicateError as error:
        raise CreateOutcomeUnknown(
            status=error.status, detail="the API cannot list predictions to check"
        ) from None
    wanted = job.request.to_replicate_input()
    since = datetime.fromisoformat(row.started_at or row.created_at) - MATCH_WINDOW
    for prediction in recent:
        created = prediction.created_at
        if prediction.input == wanted and (created is None or created >= since):
            log.info("Job %s: its lost create did reach Replicate (%s)", job.id, prediction.id)
            await runner.note_prediction(job, prediction)
            return prediction
    log.info("Job %s: its create never reached Replicate; sending it now", job.id)
    return await runner.obtain_by_create(job)
