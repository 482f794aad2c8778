"""A job's life as data: its states, the legal moves between them, and the guarded statements.

The database row is the only truth about a job. Every move is a compare-and-set
(`UPDATE ... WHERE id = ? AND state IN (...)`) that says whether it applied; the database
appends the job_events row itself (a trigger, in the same transaction) and refuses a move
outside `TRANSITIONS` (migration 005 holds the same table). A move that does not apply is a
no-op for the caller to log, never an exception. Cancel is a request written on the row,
once: later requests learn that it is already canceling, or already over.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final

from bot.store import Statement, check_job_columns, utc_now


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


FINAL_STATES: Final = frozenset({JobState.done, JobState.failed, JobState.canceled})
UNFINISHED_STATES: Final = tuple(state for state in JobState if state not in FINAL_STATES)

# The legal moves. A result that succeeded is delivered even if a cancel comes during delivery
# (it is paid for), so `delivering` cannot become `canceled`.
TRANSITIONS: Final[dict[JobState, frozenset[JobState]]] = {
    JobState.queued: frozenset({JobState.submitting, JobState.canceled, JobState.failed}),
    JobState.submitting: frozenset({JobState.starting, JobState.canceled, JobState.failed}),
    JobState.starting: frozenset(
        {JobState.processing, JobState.delivering, JobState.canceled, JobState.failed}
    ),
    JobState.processing: frozenset({JobState.delivering, JobState.canceled, JobState.failed}),
    JobState.delivering: frozenset({JobState.done, JobState.failed}),
    JobState.done: frozenset(),
    JobState.failed: frozenset(),
    JobState.canceled: frozenset(),
}


def sources(target: JobState) -> frozenset[JobState]:
    """The states a job may be in for a move to `target` to apply.

    A move to an unfinished state also applies when the job is already there (a resumed job
    re-enters the state it was recorded in); a final state is entered once.
    """
    found = {state for state, targets in TRANSITIONS.items() if target in targets}
    if target not in FINAL_STATES:
        found.add(target)
    return frozenset(found)


def transition(
    job_id: str,
    target: JobState,
    *,
    actor: int | None = None,
    reason: str | None = None,
    **columns: Any,
) -> Statement:
    """The guarded move of a job to `target`, with other columns; RETURNING id when it applied."""
    check_job_columns(columns)
    allowed = sorted(sources(target))
    assignments = ", ".join(
        [
            "state = :target",
            "state_actor = :actor",
            "state_reason = :reason",
            *(f"{name} = :{name}" for name in columns),
        ]
    )
    marks = ", ".join(f":from{n}" for n in range(len(allowed)))
    query = f"UPDATE jobs SET {assignments} WHERE id = :job_id AND state IN ({marks}) RETURNING id"  # noqa: S608 - names checked
    parameters = {
        **columns,
        "target": target.value,
        "actor": actor,
        "reason": reason,
        "job_id": job_id,
        **{f"from{n}": state for n, state in enumerate(allowed)},
    }
    return Statement(query, parameters)


def cancel_request(job_id: str, actor: int | None) -> Statement:
    """Record who asked to cancel a job, once, while it is unfinished; RETURNING id if recorded."""
    marks = ", ".join(f":state{n}" for n in range(len(UNFINISHED_STATES)))
    where = f"id = :job_id AND cancel_requested_at IS NULL AND state IN ({marks})"
    query = (
        "UPDATE jobs SET cancel_requested_by = :actor, cancel_requested_at = :at"  # noqa: S608 - constant
        f" WHERE {where} RETURNING id"
    )
    states = {f"state{n}": state for n, state in enumerate(UNFINISHED_STATES)}
    return Statement(query, {"actor": actor, "at": utc_now(), "job_id": job_id, **states})


def route(source: JobState, target: JobState) -> list[JobState]:
    """The fewest legal moves from `source` to `target` (empty when already there).

    For tools that replay a job's life (tests, benchmarks); raises ValueError when none leads
    there.
    """
    paths: dict[JobState, list[JobState]] = {source: []}
    frontier = [source]
    while frontier:
        following = []
        for state in frontier:
            for step in sorted(TRANSITIONS[state]):
                if step not in paths:
                    paths[step] = [*paths[state], step]
                    following.append(step)
        frontier = following
    if target not in paths:
        raise ValueError(f"no legal way from {source} to {target}")
    return paths[target]


def walk(job_id: str, source: JobState, target: JobState, **columns: Any) -> list[Statement]:
    """The guarded moves along `route`, `columns` written with the last one."""
    steps = route(source, target)
    return [
        transition(job_id, step, **(columns if index == len(steps) - 1 else {}))
        for index, step in enumerate(steps)
    ]
