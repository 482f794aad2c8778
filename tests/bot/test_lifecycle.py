"""A job's state machine in the database: legal moves only, guarded writes, an event per move."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import IntegrityError

from bot.lifecycle import (
    FINAL_STATES,
    TRANSITIONS,
    JobState,
    cancel_request,
    sources,
    transition,
)
from bot.store import Store, job_update


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """A real SQLite store in a temporary folder."""
    opened = await Store.open(database)
    yield opened
    await opened.close()


async def _new_job(store: Store, job_id: str = "j1") -> None:
    await store.insert_job(
        id=job_id, requester_id=1, locale="en-US", request_json="{}", state="queued"
    )


async def _events(store: Store, job_id: str = "j1") -> list[tuple[str | None, str, int | None]]:
    rows = await store.fetch_all(
        "SELECT from_state, to_state, actor FROM job_events WHERE job_id = ? ORDER BY id",
        (job_id,),
    )
    return [(row[0], row[1], row[2]) for row in rows]


async def test_the_database_holds_the_same_moves_as_the_code(store: Store) -> None:
    """Migration 005's job_transitions table is exactly bot.lifecycle.TRANSITIONS."""
    rows = await store.fetch_all("SELECT from_state, to_state FROM job_transitions")
    in_database = {(JobState(a), JobState(b)) for a, b in rows}
    in_code = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert in_database == in_code
    assert all(not TRANSITIONS[state] for state in FINAL_STATES)


async def test_every_move_appends_one_event_with_actor_and_reason(store: Store) -> None:
    """Accept, then each applied move, leaves exactly one job_events row, in order."""
    await _new_job(store)
    for target in (JobState.submitting, JobState.starting, JobState.processing):
        assert await store.write(*transition("j1", target, reason="test"))
    assert await store.write(*transition("j1", JobState.canceled, actor=42, reason="member"))
    assert await _events(store) == [
        (None, "queued", None),
        ("queued", "submitting", None),
        ("submitting", "starting", None),
        ("starting", "processing", None),
        ("processing", "canceled", 42),
    ]
    reasons = await store.fetch_all("SELECT reason FROM job_events WHERE job_id = 'j1'")
    assert reasons[-1] == ("member",)


async def test_a_move_that_does_not_apply_is_a_no_op(store: Store) -> None:
    """A final job ignores any later move: no row returned, no state change, no event."""
    await _new_job(store)
    assert await store.write(*transition("j1", JobState.canceled))
    before = await _events(store)
    for target in JobState:
        assert await store.write(*transition("j1", target)) == []
    row = await store.job("j1")
    assert row is not None and row.state == "canceled"
    assert await _events(store) == before


async def test_an_illegal_move_written_by_hand_is_refused_by_the_database(store: Store) -> None:
    """Even SQL that skips the guard cannot move a job outside the table (a trigger aborts)."""
    await _new_job(store)
    with pytest.raises(IntegrityError, match="illegal job transition"):
        await store.write("UPDATE jobs SET state = 'done' WHERE id = 'j1'")
    row = await store.job("j1")
    assert row is not None and row.state == "queued"


async def test_the_state_cannot_change_through_a_plain_update(store: Store) -> None:
    """job_update refuses `state` and the cancel columns: they change only through lifecycle."""
    for column in ("state", "cancel_requested_by", "cancel_requested_at"):
        with pytest.raises(ValueError, match=column):
            job_update("j1", **{column: "x"})


async def test_events_are_append_only(store: Store) -> None:
    """job_events rows cannot be rewritten."""
    await _new_job(store)
    with pytest.raises(IntegrityError, match="append-only"):
        await store.write("UPDATE job_events SET to_state = 'done'")


async def test_a_cancel_request_is_recorded_once_and_never_on_a_final_job(store: Store) -> None:
    """The first request records who and when; repeats and requests after the end do nothing."""
    await _new_job(store)
    assert await store.write(*cancel_request("j1", 7))
    assert await store.write(*cancel_request("j1", 8)) == []
    row = await store.job("j1")
    assert row is not None and row.cancel_requested_by == 7 and row.cancel_requested_at
    await _new_job(store, "j2")
    assert await store.write(*transition("j2", JobState.canceled))
    assert await store.write(*cancel_request("j2", 7)) == []


_STATES = st.sampled_from(list(JobState))


@settings(max_examples=60, deadline=None)
@given(moves=st.lists(_STATES, max_size=12))
async def test_any_sequence_of_requested_moves_follows_the_table(
    tmp_path_factory: pytest.TempPathFactory, moves: list[JobState]
) -> None:
    """Random requested moves: each applies exactly when the table allows it from the state
    the job is in (or re-enters an unfinished state), and the events replay the path."""
    store = await Store.open(tmp_path_factory.mktemp("db") / "bot.sqlite3")
    try:
        await _new_job(store)
        state = JobState.queued
        path = [(None, "queued")]
        for target in moves:
            allowed = target in TRANSITIONS[state] or (
                target == state and state not in FINAL_STATES
            )
            applied = bool(await store.write(*transition("j1", target)))
            assert applied == allowed, (state, target)
            assert applied == (state in sources(target))
            if applied and target != state:
                path.append((state.value, target.value))
                state = target
        row = await store.job("j1")
        assert row is not None and row.state == state
        assert [(a, b) for a, b, _ in await _events(store)] == path
    finally:
        await store.close()
