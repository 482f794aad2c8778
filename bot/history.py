"""A member's recent jobs and what each did to their quota: what /history shows.

The ledger keeps every entry of a job with its reason (see bot/quota.py); here they are
summed per job and each refund is sorted into a cause a member understands.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, Literal

from bot.store import Store

log = logging.getLogger(__name__)

HISTORY_LENGTH: Final = 10
RefundCause = Literal["safety", "canceled", "timeout", "not_delivered", "failed"]

# The reasons bot/quota.py and bot/jobs.py write, by cause; anything else is a failure.
_CAUSES: Final[dict[str, RefundCause]] = {
    "held back by the safety checker": "safety",
    "prediction.nsfw": "safety",
    "prediction.canceled": "canceled",
    "canceled": "canceled",
    "prediction.timeout": "timeout",
    "not delivered": "not_delivered",
}


def refund_cause(reason: str) -> RefundCause:
    """Why images were given back, from the reason a refund entry was written with."""
    return _CAUSES.get(reason, "failed")


@dataclass(frozen=True, slots=True)
class LedgerSummary:
    """What one job did to its requester's quota."""

    reserved: int = 0
    settled: int = 0
    refunded: int = 0
    causes: tuple[RefundCause, ...] = ()  # distinct, in the order they happened

    @property
    def held(self) -> int:
        """Images still reserved: the job has not ended yet."""
        return max(0, self.reserved - self.settled - self.refunded)


def summarize(entries: list[tuple[str, int, str]]) -> LedgerSummary:
    """Sum a job's (kind, amount, reason) entries, as `Quotas.entries` returns them."""
    totals = {"reserve": 0, "settle": 0, "refund": 0}
    causes: list[RefundCause] = []
    for kind, amount, reason in entries:
        if kind in totals:
            totals[kind] += amount
        if kind == "refund" and amount and refund_cause(reason) not in causes:
            causes.append(refund_cause(reason))
    return LedgerSummary(totals["reserve"], totals["settle"], totals["refund"], tuple(causes))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One of a member's jobs, as /history lists it."""

    job_id: str
    prompt: str
    state: str
    images: int
    created_at: datetime
    ledger: LedgerSummary


class History:
    """Reads a member's jobs and their ledger entries from the shared store."""

    def __init__(self, store: Store) -> None:
        self._store = store

    async def recent(
        self, guild_id: int, user_id: int, *, limit: int = HISTORY_LENGTH
    ) -> list[HistoryEntry]:
        """The member's last `limit` jobs in this server, newest first.

        One statement, so one snapshot: a job and its ledger entries are read as they stood
        together (a job ending meanwhile is shown either running or ended, never half of each).
        """
        rows = await self._store.fetch_all(_RECENT, (guild_id, user_id, limit))
        entries: list[HistoryEntry] = []
        ledgers: dict[str, list[tuple[str, int, str]]] = {}
        jobs: list[tuple[str, str, str, int, str]] = []
        for job_id, request_json, state, images, created_at, kind, amount, reason in rows:
            key = str(job_id)
            if key not in ledgers:
                ledgers[key] = []
                jobs.append((key, str(request_json), str(state), int(images), str(created_at)))
            if kind is not None:
                ledgers[key].append((str(kind), int(amount), str(reason)))
        for job_id, request_json, state, images, created_at in jobs:
            entries.append(
                HistoryEntry(
                    job_id=job_id,
                    prompt=_prompt_of(job_id, request_json),
                    state=state,
                    images=images,
                    created_at=_parse_time(created_at),
                    ledger=summarize(ledgers[job_id]),
                )
            )
        return entries


_RECENT: Final = """
SELECT recent.id, recent.request_json, recent.state, recent.images, recent.created_at,
    ledger.kind, ledger.amount, ledger.reason
FROM (
    SELECT rowid AS seq, id, request_json, state, images, created_at FROM jobs
    WHERE guild_id = ? AND requester_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?
) AS recent
LEFT JOIN ledger ON ledger.job_id = recent.id
ORDER BY recent.created_at DESC, recent.seq DESC, ledger.id
"""


def _prompt_of(job_id: str, request_json: str) -> str:
    try:
        request = json.loads(request_json)
    except ValueError:
        log.warning("Job %s has an unreadable request", job_id)
        return ""
    prompt = request.get("prompt") if isinstance(request, dict) else None
    return prompt if isinstance(prompt, str) else ""


def _parse_time(value: str) -> datetime:
    """The store writes ISO-8601 UTC; a naive value is read as UTC too."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
