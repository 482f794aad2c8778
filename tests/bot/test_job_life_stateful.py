"""Every job ends exactly once, under random interleavings of members, moderators and faults.

A hypothesis.stateful machine drives the real JobRunner, a real SQLite store and the fake
Replicate over loopback: submits, cancels (repeated, at once, by the requester and by a
moderator, at every state), slow, failed and lost creates, NSFW results, webhook pushes,
failed downloads, and restarts (a new runner recovering from the same file). After every
step it checks, from the database and the fake alone:
- each job is in one known state, and its events chain through legal moves to that state;
- for finished jobs reserved = settled + refunded, and no member holds or was charged more
  than the allowance;
- a job is charged exactly the images its member was given, and delivered at most once;
- a cancel is recorded once per job however often it is asked for;
- no job's prediction was created twice, and no prediction runs on the fake without an
  unfinished job of this process watching it.
At the end, once the fake is left alone, every job must reach a final state.

CI runs a fixed budget; a long run: SDXL_BOT_STATEFUL_EXAMPLES=500 pytest this file.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Coroutine
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from pydantic import SecretStr

from bot.errors import SdxlBotError
from bot.images import OutputFetcher
from bot.jobs import CancelOutcome, Job, JobEvent, JobObserver, JobRunner, JobSpec, RunnerLimits
from bot.lifecycle import FINAL_STATES, TRANSITIONS, JobState
from bot.quota import Quotas
from bot.recovery import recover
from bot.replicate import ReplicateClient, RetryPolicy, parse_prediction
from bot.rows import JobRow
from bot.sdxl import ImagineRequest
from bot.store import Store
from bot.tracking import PollPolicy
from tests.fakes.replicate import FakeReplicate, Fault, Timing

T = TypeVar("T")

EXAMPLES = int(os.environ.get("SDXL_BOT_STATEFUL_EXAMPLES", "12"))
STEPS = int(os.environ.get("SDXL_BOT_STATEFUL_STEPS", "12"))

VERSION = "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
GUILD = 5
MEMBERS = (101, 102)
MODERATOR = 900
ALLOWANCE = 6
# The webhook safety net (polling after a push) shortened too: a pushed job is then polled
# every half second instead of every 30.
FAST = PollPolicy(
    boot_first=0.02,
    boot_max=0.1,
    running_max=0.05,
    finish=0.02,
    minimum=0.01,
    pushed_interval=0.5,
)
# A create slower than the client's timeout: its outcome is unknown, and it lands later.
CLIENT_TIMEOUT = 0.5
SLOW_CREATE = 0.8
LOST_CREATE_SETTLE = 0.6
CREATE_FAULTS = ("none", "slow", "drop", "drop_after", "error", "error_after")


class Recorder:
    """A member's view of one job: every final state delivered, and the images in it."""

    def __init__(self) -> None:
        self.finals: list[tuple[JobState, int]] = []

    def on_update(self, event: JobEvent) -> None:
        """Progress is not checked here."""

    async def deliver(self, event: JobEvent) -> bool:
        self.finals.append((event.state, len(event.job.images)))
        return True

    async def paused(self, event: JobEvent) -> None:
        """Shutdown notices are not checked here."""


class JobLife(RuleBasedStateMachine):
    """The model: which jobs exist, who asked to cancel what, and what members received."""

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="job-life-"))
        self.recorders: dict[str, Recorder] = {}
        self.jobs: list[str] = []
        self.cancels_recorded: Counter[str] = Counter()
        self.runners: list[JobRunner] = []
        self.run(self._open())

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` on the machine's loop (the runner's tasks advance meanwhile)."""
        return self.loop.run_until_complete(asyncio.wait_for(work, 60))

    async def _open(self) -> None:
        self.fake = FakeReplicate(timing=Timing(starting=0.02, step=0.002, finishing=0.02))
        await self.fake.start()
        self.session = aiohttp.ClientSession()
        self.client = ReplicateClient(
            self.session,
            base_url=self.fake.base_url,
            token=SecretStr("r8_fake_test_token"),
            retry=RetryPolicy(base_delay=0.01, max_delay=0.05),
            timeout=aiohttp.ClientTimeout(total=CLIENT_TIMEOUT),
        )
        self.fetcher = OutputFetcher(
            self.session, allowed_hosts=(), api_host="127.0.0.1", max_bytes=2**24
        )
        self.store = await Store.open(self.folder / "bot.sqlite3")
        self.quotas = Quotas(self.store, default_per_day=ALLOWANCE)
        self.runner = self._new_runner()

    def _new_runner(self) -> JobRunner:
        runner = JobRunner(
            client=self.client,
            fetcher=self.fetcher,
            store=self.store,
            model_version=VERSION,
            limits=RunnerLimits(max_concurrent=2, per_member=3, max_queue=20, timeout=30),
            poll_policy=FAST,
            quotas=self.quotas,
            lost_create_settle=LOST_CREATE_SETTLE,
        )
        self.runners.append(runner)
        return runner

    # -- rules --------------------------------------------------------------------------------

    @rule(
        member=st.sampled_from(MEMBERS),
        outputs=st.integers(1, 3),
        create_fault=st.sampled_from(CREATE_FAULTS),
        nsfw=st.sampled_from(("none", "none", "some", "all")),
        download_faults=st.sampled_from((0, 0, 1, 2, 8)),
    )
    def submit(
        self, member: int, outputs: int, create_fault: str, nsfw: str, download_faults: int
    ) -> None:
        """A member asks for images, with whatever the far side does to the next requests."""
        self.fake.scenario.nsfw = nsfw  # type: ignore[assignment]
        create = r"/v1/predictions"
        if create_fault == "slow":
            self.fake.add_fault(Fault("POST", create, "slow", delay=SLOW_CREATE))
        elif create_fault in ("drop", "drop_after"):
            self.fake.add_fault(
                Fault("POST", create, "drop", after_effect=create_fault == "drop_after")
            )
        elif create_fault in ("error", "error_after"):
            self.fake.add_fault(
                Fault("POST", create, "status", status=502, after_effect=create_fault != "error")
            )
        if download_faults:
            self.fake.add_fault(
                Fault("GET", r"/files/.+", "status", status=404, times=download_faults)
            )
        request = ImagineRequest.parse({"prompt": f"job {len(self.jobs)}", "num_outputs": outputs})
        spec = JobSpec(request=request, requester_id=member, guild_id=GUILD)
        recorder = Recorder()
        before = self.run(self._job_count())
        try:
            job = self.run(self.runner.submit(spec, recorder))
        except SdxlBotError:
            assert self.run(self._job_count()) == before, "a refusal left a job behind"
            return
        self.recorders[job.id] = recorder
        self.jobs.append(job.id)

    @precondition(lambda self: bool(self.jobs))
    @rule(
        pick=st.integers(0, 1000),
        by_moderator=st.booleans(),
        clicks=st.integers(1, 3),
        at_once=st.booleans(),
    )
    def cancel(self, pick: int, by_moderator: bool, clicks: int, at_once: bool) -> None:
        """The requester or a moderator presses Cancel, once or several times, at once or not."""
        job_id = self.jobs[pick % len(self.jobs)]
        actor = MODERATOR if by_moderator else None

        async def press() -> list[CancelOutcome]:
            if at_once:
                return list(
                    await asyncio.gather(
                        *(self.runner.request_cancel(job_id, actor) for _ in range(clicks))
                    )
                )
            return [await self.runner.request_cancel(job_id, actor) for _ in range(clicks)]

        outcomes = self.run(press())
        self.cancels_recorded[job_id] += outcomes.count(CancelOutcome.canceling)

    @rule(seconds=st.sampled_from((0.01, 0.05, 0.2, 0.6)))
    def wait(self, seconds: float) -> None:
        """Time passes; jobs move on."""
        self.run(asyncio.sleep(seconds))

    @precondition(lambda self: bool(self.jobs))
    @rule(pick=st.integers(0, 1000))
    def push(self, pick: int) -> None:
        """A webhook delivery with the prediction's current state reaches the runner."""
        job = self.runner.job(self.jobs[pick % len(self.jobs)])
        if job is None or job.prediction is None:
            return
        fake = self.fake.predictions.get(job.prediction.id)
        if fake is not None:
            self.runner.push(parse_prediction(fake.to_json(time.monotonic())))

    @rule()
    def restart(self) -> None:
        """The bot stops (cleanly) and a new process recovers from the same database."""

        async def again() -> None:
            await self.runner.close()
            self.runner = self._new_runner()

            async def observer_for(job: Job, row: JobRow) -> JobObserver:
                return self.recorders.setdefault(job.id, Recorder())

            await recover(self.runner, self.store, self.client, observer_for)

        self.run(again())

    # -- what must always hold ----------------------------------------------------------------

    async def _job_count(self) -> int:
        row = await self.store.fetch_one("SELECT COUNT(*) FROM jobs")
        assert row is not None
        return int(row[0])

    @invariant()
    def every_job_is_in_one_state_reached_by_legal_moves(self) -> None:
        """Events chain from acceptance through the table's moves to the row's state."""
        # One statement: one snapshot of the rows and their events together.
        joined = self.run(
            self.store.fetch_all(
                "SELECT jobs.id, jobs.state, job_events.from_state, job_events.to_state"
                " FROM jobs LEFT JOIN job_events ON job_events.job_id = jobs.id"
                " ORDER BY job_events.id"
            )
        )
        rows = {job_id: state for job_id, state, _, _ in joined}.items()
        paths: dict[str, list[tuple[str | None, str]]] = {}
        for job_id, _, source, target in joined:
            if target is not None:
                paths.setdefault(job_id, []).append((source, target))
        for job_id, state in rows:
            path = paths.get(job_id, [])
            assert path and path[0] == (None, "queued"), (job_id, path)
            for (_, reached), (source, target) in itertools.pairwise(path):
                assert source == reached, (job_id, path)
                assert JobState(target) in TRANSITIONS[JobState(source)], (job_id, path)
            assert path[-1][1] == state, (job_id, path, state)

    @invariant()
    def the_ledger_balances_and_no_member_exceeds_the_allowance(self) -> None:
        """reserved = settled + refunded once final; charged + held within the allowance."""
        assert self.run(self.quotas.invariant_violations()) == []
        rows = self.run(
            self.store.fetch_all(
                "SELECT user_id, kind, SUM(amount) FROM ledger GROUP BY user_id, kind"
            )
        )
        sums: dict[int, Counter[str]] = {}
        for user, kind, amount in rows:
            sums.setdefault(user, Counter())[kind] = amount
        for user, kinds in sums.items():
            assert kinds["reserve"] - kinds["refund"] <= ALLOWANCE, (user, kinds)

    @invariant()
    def members_are_charged_exactly_what_they_were_given(self) -> None:
        """A finished job is delivered at most once, and charged the images delivered."""
        rows = self.run(self.store.fetch_all("SELECT id, state FROM jobs"))
        for job_id, state in rows:
            recorder = self.recorders.get(job_id)
            assert recorder is not None
            assert len(recorder.finals) <= 1, (job_id, recorder.finals)
            if JobState(state) not in FINAL_STATES:
                continue
            settled = sum(
                amount
                for kind, amount, _ in self.run(self.quotas.entries(job_id))
                if kind == "settle"
            )
            given = sum(images for final, images in recorder.finals if final == JobState.done)
            assert settled == given, (job_id, state, settled, recorder.finals)

    @invariant()
    def a_cancel_is_recorded_once(self) -> None:
        """However often Cancel is pressed, one request is recorded per job."""
        assert all(count <= 1 for count in self.cancels_recorded.values())

    @invariant()
    def no_prediction_is_created_twice_or_left_unwatched(self) -> None:
        """One prediction per job at most; a running one is watched by a live job."""
        rows = self.run(self.store.fetch_all("SELECT id, state, request_json FROM jobs"))
        inputs = {}
        for job_id, state, request_json in rows:
            wanted = ImagineRequest.model_validate_json(request_json).to_replicate_input()
            inputs[json.dumps(wanted, sort_keys=True)] = (job_id, JobState(state))
        made = Counter(
            json.dumps(prediction.input, sort_keys=True)
            for prediction in self.fake.predictions.values()
        )
        assert all(count == 1 for count in made.values()), made
        now = time.monotonic()
        for prediction in self.fake.predictions.values():
            if prediction.state(now).status in ("succeeded", "failed", "canceled", "aborted"):
                continue
            owner = inputs.get(json.dumps(prediction.input, sort_keys=True))
            assert owner is not None, f"prediction {prediction.id} belongs to no job"
            job_id, state = owner
            assert state not in FINAL_STATES, f"{prediction.id} runs for ended job {job_id}"
            assert self.runner.job(job_id) is not None, f"nobody watches {prediction.id}"

    # -- the end ------------------------------------------------------------------------------

    def teardown(self) -> None:
        """Left alone, every job ends; then everything is closed."""
        try:
            self.fake.faults.clear()
            self.run(self._all_final())
        finally:
            self.run(self._close())
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    async def _all_final(self) -> None:
        unfinished: list[Any] = []
        for _ in range(400):
            unfinished = await self.store.fetch_all(
                "SELECT id, state FROM jobs WHERE state NOT IN ('done', 'failed', 'canceled')"
            )
            if not unfinished:
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"jobs left unfinished once the fake was idle: {unfinished}")

    async def _close(self) -> None:
        for runner in self.runners:
            await runner.close()
        await self.store.close()
        await self.session.close()
        await self.fake.close()


JobLife.TestCase.settings = settings(
    max_examples=EXAMPLES,
    stateful_step_count=STEPS,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestJobLife = JobLife.TestCase
