"""The policy gate: one answer (allow, hold, refuse) for every path that makes a job."""

from __future__ import annotations

import ast
import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.errors import (
    Banned,
    ChannelNotAllowed,
    InputRejected,
    PromptBlocked,
    SdxlBotError,
    TooManyJobs,
    TooManyReviews,
)
from bot.gate import MAX_PENDING_REVIEWS, Asker, Gate, Hold, Pass, Place
from bot.jobs import JobSpec
from bot.moderation import Moderation
from bot.reviews import Reviews
from bot.sdxl import ImagineRequest
from tests.bot.conftest import World

GUILD, CHANNEL, THREAD, MEMBER, MOD = 5, 50, 51, 7, 9
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def gate(world: World) -> AsyncIterator[Gate]:
    """A gate on the world's store, with a runner that takes one job per member."""
    runner = world.runner()
    runner.limits.per_member = 1
    moderation = Moderation(world.store)
    await moderation.load()
    yield Gate(
        runner=runner,
        moderation=moderation,
        quotas=world.quotas,
        reviews=Reviews(world.store),
    )


def request(prompt: str = "a corgi", **options: object) -> ImagineRequest:
    """A request as /imagine would build it."""
    return ImagineRequest.parse({"prompt": prompt, **options})


HERE = Place(GUILD, CHANNEL)


async def test_an_ordinary_request_is_allowed(gate: Gate) -> None:
    """No ban, no channel rule, no blocklist: a Pass for that member and request."""
    answer = await gate.check(Asker(MEMBER), HERE, request())
    assert isinstance(answer, Pass) and answer.asker.user_id == MEMBER


async def test_a_banned_member_is_refused_everywhere(gate: Gate, world: World) -> None:
    """A ban refuses the member, also on an approved request."""
    await world.quotas.ban(GUILD, MEMBER, actor_id=MOD, reason="spam")
    for approved in (False, True):
        with pytest.raises(Banned):
            await gate.check(Asker(MEMBER), HERE, request(), approved=approved)


async def test_threads_follow_their_parent_channel(gate: Gate) -> None:
    """With a channel list, its threads are allowed and other channels refused."""
    moderation: Moderation = gate._moderation
    await moderation.update_policy(GUILD, allowed_channels={CHANNEL})
    assert isinstance(
        await gate.check(Asker(MEMBER), Place(GUILD, THREAD, CHANNEL), request()), Pass
    )
    with pytest.raises(ChannelNotAllowed):
        await gate.check(Asker(MEMBER), Place(GUILD, 99), request())
    with pytest.raises(ChannelNotAllowed):
        await gate.check(Asker(MEMBER), Place(GUILD, THREAD, 99), request())


async def test_the_safety_checker_stays_on_unless_allowed_and_age_restricted(gate: Gate) -> None:
    """disable_safety_checker needs the moderators' switch and an age-restricted channel."""
    off = request(disable_safety_checker=True)
    with pytest.raises(InputRejected):
        await gate.check(Asker(MEMBER), Place(GUILD, CHANNEL, age_restricted=True), off)
    await gate._moderation.update_policy(GUILD, safety_checker_off_ok=1)
    with pytest.raises(InputRejected):
        await gate.check(Asker(MEMBER), Place(GUILD, CHANNEL), off)
    assert isinstance(
        await gate.check(Asker(MEMBER), Place(GUILD, CHANNEL, age_restricted=True), off), Pass
    )


async def test_the_blocklist_refuses_or_holds_by_the_servers_mode(gate: Gate) -> None:
    """Refuse mode refuses; review mode with a mod-log holds; an approval passes it."""
    moderation: Moderation = gate._moderation
    await moderation.add_block(GUILD, "zebra", is_regex=False, actor_id=MOD)
    with pytest.raises(PromptBlocked):
        await gate.check(Asker(MEMBER), HERE, request("a zebras herd"))
    await moderation.update_policy(GUILD, blocklist_mode="review", mod_log_channel_id=77)
    held = await gate.check(Asker(MEMBER), HERE, request("a zebra"))
    assert isinstance(held, Hold) and held.entry.pattern == "zebra"
    approved = await gate.check(Asker(MEMBER), HERE, request("a zebra"), approved=True)
    assert isinstance(approved, Pass)


async def test_held_requests_are_rationed_per_member(gate: Gate) -> None:
    """Two waiting at most per member, and a pause between holds; at once, no more pass."""
    moderation: Moderation = gate._moderation
    await moderation.add_block(GUILD, "zebra", is_regex=False, actor_id=MOD)
    await moderation.update_policy(GUILD, blocklist_mode="review", mod_log_channel_id=77)
    wanted = request("zebra")
    answer = await gate.check(Asker(MEMBER), HERE, wanted)
    assert isinstance(answer, Hold)
    results = await asyncio.gather(
        *(gate.hold(Asker(MEMBER), HERE, wanted, answer, "en-US") for _ in range(5)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert all(isinstance(r, TooManyReviews) for r in results if isinstance(r, BaseException))
    assert MAX_PENDING_REVIEWS >= 1


async def test_the_members_room_is_checked(gate: Gate, world: World) -> None:
    """A member at their in-flight limit is refused before anything is held or sent."""
    world.runners[-1].limits.per_member = 0
    with pytest.raises(TooManyJobs):
        await gate.check(Asker(MEMBER), HERE, request())


async def test_a_pass_is_only_for_its_own_member_and_request(gate: Gate) -> None:
    """A Pass cannot be reused for another request or another member, nor forged."""
    allowed = await gate.check(Asker(MEMBER), HERE, request())
    assert isinstance(allowed, Pass)
    with pytest.raises(ValueError, match="issued for"):
        await gate.submit(allowed, JobSpec(request=request("other"), requester_id=MEMBER), None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="issued for"):
        await gate.submit(allowed, JobSpec(request=request(), requester_id=MEMBER + 1), None)  # type: ignore[arg-type]
    forged = Pass(allowed.asker, allowed.place, allowed.request, object())
    with pytest.raises(SdxlBotError) as refused:
        await gate.submit(forged, JobSpec(request=request(), requester_id=MEMBER), None)  # type: ignore[arg-type]
    assert refused.value.key == "errors.not_allowed"


def _calls_runner_submit(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("submit", "adopt")
            and "runner" in ast.unparse(node.func.value)
        ):
            lines.append(node.lineno)
    return lines


def test_no_path_makes_a_job_without_the_gate() -> None:
    """Outside the gate (and recovery, which resumes jobs already let in), nothing hands a
    request to the runner: every command and button goes through Gate.submit."""
    allowed = {ROOT / "bot" / "gate.py", ROOT / "bot" / "recovery.py", ROOT / "bot" / "jobs.py"}
    offenders = []
    for folder in ("bot", "cogs"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path in allowed:
                continue
            lines = _calls_runner_submit(ast.parse(path.read_text(encoding="utf-8")))
            offenders += [f"{path.relative_to(ROOT)}:{line}" for line in lines]
    assert offenders == []
