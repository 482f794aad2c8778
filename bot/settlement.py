"""A job's account: recorded with its reservation when accepted, ended with its settle or refund.

The reservation is taken in the transaction that records the job, so a refused one leaves
neither. At the end the result is delivered first and recorded second, the final move and the
settle (or refund) in one transaction: a crash in between re-delivers, it never loses.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.errors import SdxlBotError
from bot.jobtypes import Job, JobEvent, JobObserver
from bot.lifecycle import JobState, transition
from bot.moderation import Moderation
from bot.quota import Quotas, settlement
from bot.store import Statement, Store, job_update, utc_now

log = logging.getLogger(__name__)


class Settler:
    """Records a job with what it holds, and ends it by giving back what it did not use."""

    def __init__(
        self,
        *,
        store: Store,
        clock: Callable[[], float],
        quotas: Quotas | None = None,
        moderation: Moderation | None = None,
        on_done: Callable[[float], None] | None = None,
    ) -> None:
        self._store = store
        self._clock = clock
        self._quotas = quotas
        self._moderation = moderation
        # Told how many seconds each job that ended done took, as it ends.
        self._on_done = on_done
        self._ending: set[str] = set()

    def ending(self, job_id: str) -> bool:
        """Whether the job is delivering or recording its end right now."""
        return job_id in self._ending

    # -- accept -------------------------------------------------------------------------------

    async def record(self, job: Job, columns: dict[str, Any]) -> None:
        """Record a new job, with its reservation when it is charged to a server's quota."""
        if self._quotas is None or job.spec.guild_id is None:
            await self._store.insert_job(**columns)
        else:
            await self._reserve(job, columns)

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

    async def forget(self, job_id: str) -> None:
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

    # -- the end ------------------------------------------------------------------------------

    async def finish(
        self,
        job: Job,
        state: JobState,
        error: SdxlBotError | None,
        observer: JobObserver | None,
    ) -> None:
        """Deliver the job's final state to its observer, then record it with its settle."""
        # Delivered first, recorded second: a crash in between re-delivers, it never loses.
        self._ending.add(job.id)
        job.error = error
        job.state = state
        job.finished_at = self._clock()
        if state == JobState.done and job.started_at is not None and self._on_done is not None:
            self._on_done(job.finished_at - job.started_at)
        delivered = False
        if observer is not None:
            try:
                delivered = await observer.deliver(JobEvent(job, state, 0, job.progress))
            except Exception:
                log.exception("Delivering job %s failed", job.id)
        try:
            await self.record_end(job, state, error, delivered=delivered)
        except Exception:
            log.exception("Recording the end of job %s failed", job.id)
        finally:
            self._ending.discard(job.id)
            job.ended.set()

    async def record_end(
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


def _refund_reason(job: Job) -> str:
    if job.missing:
        return "not downloaded"
    return "held back by the safety checker"


def _drop_if_unreserved(job_id: str) -> list[Statement]:
    """Undo, in the accepting transaction, a job whose reservation was refused."""
    unreserved = "NOT EXISTS (SELECT 1 FROM ledger WHERE job_id = :job)"
    return [
        Statement(f"DELETE FROM job_events WHERE job_id = :job AND {unreserved}", {"job": job_id}),  # noqa: S608
        Statement(f"DELETE FROM jobs WHERE id = :job AND {unreserved}", {"job": job_id}),  # noqa: S608
    ]
