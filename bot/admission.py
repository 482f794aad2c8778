"""Who may join the queue, and where each waiting job stands in it.

The FIFO queue of jobs waiting for a free slot (in the order members asked: a job's place is
taken when its accept starts, so one whose transaction commits first never overtakes one
asked before it), the per-member and queue-size limits checked
before a job is accepted, and the positions and wait estimates announced to waiting members.
No I/O: the runner (bot.jobs) owns this and decides when a waiting job starts.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sized

from bot.errors import QueueFull, TooManyJobs
from bot.jobtypes import Job, RunnerLimits
from bot.lifecycle import FINAL_STATES, JobState

log = logging.getLogger(__name__)

# The first guess at a job's length, before any finished: SDXL with the default 50 steps.
TYPICAL_JOB_SECONDS = 20.0


class Admission:
    """The waiting jobs in order, and the room left for more."""

    def __init__(
        self,
        limits: RunnerLimits,
        *,
        jobs: Mapping[str, Job],
        running: Sized,
        emit: Callable[[Job, JobState], None],
    ) -> None:
        # `jobs` and `running` are the runner's own live collections, read at every check.
        self._limits = limits
        self._jobs = jobs
        self._running = running
        self._emit = emit
        self._waiting: deque[Job] = deque()
        self._tickets: dict[str, int] = {}
        self._next_ticket = itertools.count(1)
        self._admitting: Counter[int] = Counter()
        self._accepting: set[int] = set()
        # A typical job's length, learned as jobs finish (a moving average), for queue estimates.
        self._typical_seconds = TYPICAL_JOB_SECONDS

    def __len__(self) -> int:
        """How many jobs wait for a free slot."""
        return len(self._waiting)

    def admit(self, requester_id: int) -> None:
        """Raise unless the member and the queue have room; no I/O, so callers may ask first."""
        in_flight = self._admitting[requester_id] + sum(
            1
            for job in self._jobs.values()
            if job.spec.requester_id == requester_id and job.state not in FINAL_STATES
        )
        if in_flight >= self._limits.per_member:
            raise TooManyJobs(count=in_flight)
        waiting = len(self._waiting) + sum(self._admitting.values())
        if waiting >= self._limits.max_queue:
            raise QueueFull(count=waiting)

    @contextlib.contextmanager
    def admitting(self, requester_id: int) -> Iterator[int]:
        """Count a job being accepted, so requests racing through the accept's awaits see it;
        yields its place in the queue (for `append`). Jobs behind it wait until it is in."""
        ticket = next(self._next_ticket)
        self._admitting[requester_id] += 1
        self._accepting.add(ticket)
        try:
            yield ticket
        finally:
            self._accepting.discard(ticket)
            self._admitting[requester_id] -= 1
            if not self._admitting[requester_id]:
                del self._admitting[requester_id]

    def append(self, job: Job, ticket: int | None = None) -> None:
        """Queue a job at the place its ticket took (None: behind every other)."""
        place = next(self._next_ticket) if ticket is None else ticket
        self._tickets[job.id] = place
        index = len(self._waiting)
        while index > 0 and self._tickets[self._waiting[index - 1].id] > place:
            index -= 1
        self._waiting.insert(index, job)

    def head_may_start(self) -> bool:
        """Whether the first waiting job may start: none asked before it is still accepted."""
        if not self._waiting:
            return False
        return not self._accepting or self._tickets[self._waiting[0].id] < min(self._accepting)

    def popleft(self) -> Job:
        """Take the job that waited longest."""
        job = self._waiting.popleft()
        del self._tickets[job.id]
        return job

    def withdraw(self, job: Job) -> bool:
        """Take a job out of the queue; False if it was not waiting."""
        if job not in self._waiting:
            return False
        self._waiting.remove(job)
        del self._tickets[job.id]
        return True

    def announce_positions(self) -> None:
        """Tell every waiting job whose place changed where it stands now."""
        for index, job in enumerate(self._waiting, start=1):
            if job.position != index:
                job.position = index
                self._emit(job, JobState.queued)

    def wait_estimate(self, position: int) -> float | None:
        """About how long a job at `position` waits: the rounds ahead times a typical job."""
        if position <= self._limits.max_concurrent - len(self._running):
            return None
        rounds = -(-position // self._limits.max_concurrent)
        return rounds * self._typical_seconds

    def learn(self, took: float) -> None:
        """A job finished in `took` seconds: fold it into the typical length."""
        self._typical_seconds = 0.8 * self._typical_seconds + 0.2 * took
