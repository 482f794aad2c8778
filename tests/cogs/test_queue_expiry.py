"""A queue that outlives the interaction token: one notice per reply, then paced channel posts."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from cogs.replies import ChannelPacer
from tests.cogs.conftest import Stack
from tests.fakes.discord import FakeInteraction

pytestmark = pytest.mark.virtual_time

LIFETIME = 6.0  # both sides agree on a 6 s token (Discord's is 15 minutes)
WAITING = 7  # more than a channel takes in 5 s
QUEUED_EXPIRING = "Still queued at position"


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """One prediction at a time, and a 6 s token."""
    return {"interaction_token_lifetime": LIFETIME, "max_concurrent_predictions": 1}


def _notices(interaction: FakeInteraction) -> list[int]:
    """Indexes of the reply's edits that carry the queued-expiring notice."""
    return [
        index
        for index, (_, payload) in enumerate(interaction.edits)
        if QUEUED_EXPIRING in (payload.get("content") or "")
    ]


@pytest.mark.slow
async def test_queued_replies_are_told_once_then_posts_are_paced(stack: Stack) -> None:
    """Queued replies get one notice, no post while waiting, then paced posts (5 per 5 s)."""
    discord, replicate = stack.discord, stack.replicate
    discord.token_lifetime = LIFETIME
    # Discord announces looser channel buckets than this: discord.py then waits for nothing,
    # and only the bot's own pacing keeps its pings at 5 per 5 s in a channel.
    discord.channel_rate = (50, 1.0)
    replicate.timing.step = 0.18  # 9 s of steps: the queue outlives the waiting tokens
    ahead = discord.add_user("ahead")
    first = await discord.send_command(
        "imagine", {"prompt": "ahead"}, user=ahead, channel_id=discord.nsfw_channel_id
    )
    await first.wait_callback()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while not replicate.predictions:  # the slow one is created; the next ones are quick
        assert loop.time() < deadline
        await asyncio.sleep(0.01)
    replicate.timing.step = 0.002
    members = [discord.add_user(f"waiting{n}") for n in range(WAITING)]
    waiting = [
        await discord.send_command("imagine", {"prompt": f"corgi {n}"}, user=member)
        for n, member in enumerate(members)
    ]
    channel = discord.channel_id

    def posts() -> list[Any]:
        path = f"/channels/{channel}/messages"
        return [r for r in discord.requests if r.method == "POST" and r.path.endswith(path)]

    await discord.wait_until(lambda: all(_notices(i) for i in waiting), timeout=20)
    assert not replicate_done(stack), "the job ahead still runs: the others still wait"
    assert posts() == [], "nothing is posted while the jobs wait"

    def delivered() -> list[Any]:
        return [
            m
            for m in discord.messages.values()
            if m.channel_id == channel and m.interaction_id is None and m.attachments
        ]

    await discord.wait_until(lambda: len(delivered()) == WAITING, timeout=60)
    for member, interaction in zip(members, waiting, strict=True):
        assert _notices(interaction) == [len(interaction.edits) - 1], "once, and the last edit"
        assert interaction.errors == [], "the token was not used after the notice"
        mention = f"<@{member['user']['id']}>"
        [message] = [m for m in delivered() if mention in m.content]
        assert message.allowed_mentions is not None
    sent = posts()
    assert len(sent) == WAITING, "one post per job, made when it left the queue"
    pinged = sorted(tuple(str(u) for u in r.json["allowed_mentions"]["users"]) for r in sent)
    assert pinged == sorted((str(m["user"]["id"]),) for m in members), "each its member only"
    times = sorted(r.at for r in sent)
    gaps = [later - earlier for earlier, later in zip(times, times[5:], strict=False)]
    # On virtual time a slot comes back exactly 5 s after the answer that held it.
    assert [round(gap, 6) for gap in gaps] == [5.0, 5.0], times
    assert discord.rate_limited == 0


def replicate_done(stack: Stack) -> bool:
    """Whether any prediction has finished yet."""
    now = asyncio.get_running_loop().time()
    return any(p.state(now).status == "succeeded" for p in stack.replicate.predictions.values())


async def test_the_pacer_lets_a_channel_post_5_per_window_and_others_freely() -> None:
    """A sixth post in a channel waits for the window; another channel is not held up."""
    pacer = ChannelPacer(posts=5, window=0.4)
    loop = asyncio.get_running_loop()
    starts: dict[int, list[float]] = {1: [], 2: []}

    async def post(channel_id: int) -> None:
        async with pacer.slot(channel_id):
            starts[channel_id].append(loop.time())

    began = loop.time()
    await asyncio.gather(*(post(1) for _ in range(7)), post(2))
    first, second = starts[1], starts[2]
    assert all(at - began < 0.1 for at in first[:5]) and second[0] - began < 0.1
    assert all(later - earlier >= 0.4 for earlier, later in zip(first, first[5:], strict=False))
