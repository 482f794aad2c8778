"""Picking up every job an earlier run, or a dead process, left unfinished.

Each unfinished job goes on where it stood, one at a time, and none can stop the others:
- queued: back in the queue, in its original order; its images are still reserved.
- starting, processing, delivering: re-attached to its prediction by id; a prediction that
  finished meanwhile is delivered at once (its outputs are fetched again).
- submitting with no prediction id: the create was sent but its answer was lost (the
  process died in between), so the prediction may or may not exist. It is looked for by its
  exact input (which carries the seed drawn for the job) among the account's predictions,
  paging back to before it was sent. Found: re-attached. Proven absent: created now. If the
  API cannot list predictions (some relays), the job ends failed and its images are
  refunded: the member is never charged twice, nor for an image they did not get.
- a cancel requested before the restart is acted on: a queued job ends canceled, a job with
  a prediction cancels it (and delivers it if it had already succeeded).
- the deadline counts from the first submit, not from the restart.
- a job no reply can be found for (its channel deleted, the bot's access lost) ends failed
  and refunded, its prediction canceled.

Charging stays exactly once whatever happens: settle and refund are idempotent, and the
ledger entries are keyed by job. Delivery is at least once: a process killed after posting
the images but before recording it posts them again on restart.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from pydantic import ValidationError

from bot.creates import MATCH_WINDOW
from bot.errors import JobCrashed, ReplyUnavailable
from bot.jobs import Job, JobObserver, JobRunner, JobSpec, JobState
from bot.lifecycle import UNFINISHED_STATES
from bot.replicate import Prediction, ReplicateClient
from bot.rows import JobRow
from bot.sdxl import ImagineRequest
from bot.store import Store

log = logging.getLogger(__name__)

UNFINISHED = tuple(state.value for state in UNFINISHED_STATES)

ObserverFactory = Callable[[Job, JobRow], Awaitable[JobObserver]]


async def recover(
    runner: JobRunner, store: Store, client: ReplicateClient, observer_for: ObserverFactory
) -> int:
    """Adopt every unfinished job into `runner`; returns how many were picked up.

    With leases (bot.leases), a job is adopted only once claimed: its lease was free or ran
    out, so a job another live process runs is left to it; run again and again, this takes
    over a dead process's jobs. Without, every job recorded before the runner started.
    """
    if runner.closing:
        return 0  # a claim now would hold the job for a lease nobody renews
    rows = []
    for row in await store.jobs_in_states(list(UNFINISHED)):
        if runner.job(row.id) is not None:
            continue
        if runner.leases is None:
            if row.created_at <= runner.started_at:
                rows.append(row)
        elif await runner.leases.claim(row.id):
            rows.append(row)
    for row in rows:
        try:
            await _resume(runner, client, observer_for, row)
        except Exception:
            log.exception("Job %s could not be resumed; ending it failed and refunded", row.id)
            await runner.end_unresumable(
                _job_of(row, None), JobCrashed(reference=row.id), prediction_id=row.prediction_id
            )
    return len(rows)


def _job_of(row: JobRow, request: ImagineRequest | None) -> Job:
    spec = JobSpec(
        request=request or ImagineRequest(prompt="?"),
        requester_id=row.requester_id,
        guild_id=row.guild_id,
        channel_id=row.channel_id,
        locale=row.locale,
        parent_id=row.parent_id,
    )
    job = Job(id=row.id, spec=spec, state=JobState(row.state), deadline=row.deadline_at)
    if row.cancel_requested_at is not None:
        job.cancel.set()
    return job


async def _resume(
    runner: JobRunner, client: ReplicateClient, observer_for: ObserverFactory, row: JobRow
) -> None:
    try:
        request: ImagineRequest | None = ImagineRequest.model_validate_json(row.request_json)
    except ValidationError:
        log.error("Job %s has a request this version cannot read; failing it", row.id)
        request = None
    job = _job_of(row, request)
    if request is None:
        await runner.end_unresumable(job, JobCrashed(reference=row.id))
        return
    try:
        observer = await observer_for(job, row)
    except ReplyUnavailable as error:
        log.warning("Job %s has no reply or channel left (%s); ending it", row.id, error.detail)
        await runner.end_unresumable(job, error, prediction_id=row.prediction_id)
        return
    if row.prediction_id:
        runner.adopt(job, observer, functools.partial(_by_id, client, row.prediction_id))
    elif row.state == JobState.queued:
        runner.adopt(job, observer, None)
    else:
        since = datetime.fromisoformat(row.started_at or row.created_at) - MATCH_WINDOW
        runner.adopt(job, observer, functools.partial(_lost_create, runner, since))
    log.info("Resumed job %s (%s)", row.id, row.state)


async def _by_id(client: ReplicateClient, prediction_id: str, job: Job) -> Prediction:
    return await client.get(prediction_id)


async def _lost_create(runner: JobRunner, since: datetime, job: Job) -> Prediction:
    return await runner.obtain_lost_create(job, since)
