"""/quota and /history end to end: the real bot against the fake Discord and fake Replicate."""

from __future__ import annotations

import asyncio
import json
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.cogs.conftest import Stack
from tests.fakes.discord import (
    EVERYONE_PERMISSIONS,
    MANAGE_MESSAGES,
    FakeInteraction,
    FakeMessage,
)
from tests.fakes.replicate import Scenario

pytestmark = pytest.mark.virtual_time

EPHEMERAL = 64


async def private_answer(interaction: FakeInteraction) -> dict[str, Any]:
    """The data of the bot's ephemeral answer to `interaction`."""
    callback = await interaction.wait_callback()
    assert callback["type"] == 4, callback
    assert callback["data"]["flags"] & EPHEMERAL
    data: dict[str, Any] = callback["data"]
    return data


async def quota_text(stack: Stack, **kwargs: Any) -> str:
    """What /quota tells the member (or `user=...`)."""
    data = await private_answer(await stack.discord.send_command("quota", **kwargs))
    return str(data["content"])


async def history_text(stack: Stack, **kwargs: Any) -> str:
    """The description of /history's embed (or its plain answer when there is none)."""
    data = await private_answer(await stack.discord.send_command("history", **kwargs))
    if data.get("embeds"):
        return str(data["embeds"][0]["description"])
    return str(data["content"])


async def eventually(check: Any, timeout: float = 10) -> None:
    """Until the async `check()` holds: the ledger is written just after delivery."""
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


def job_id_of(message: FakeMessage) -> str:
    """The job id carried by a result's buttons."""
    ids = [c.get("custom_id", "") for row in message.components for c in row["components"]]
    match = re.search(r"sdxl:\w+:([0-9a-f]{16})", " ".join(ids))
    assert match is not None, ids
    return match.group(1)


async def generate(stack: Stack, user: dict[str, Any] | None = None, **options: Any) -> str:
    """Run /imagine to its end, ledger included; returns the job id."""
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "a corgi", **options}, user=user
    )

    def final(i: FakeInteraction) -> bool:
        message = i.original
        return message is not None and not message.loading and bool(message.attachments)

    await interaction.wait_for(final, timeout=20)
    assert interaction.original is not None
    job_id = job_id_of(interaction.original)

    async def recorded() -> bool:
        kinds = {kind for kind, _, _ in await stack.services.quotas.entries(job_id)}
        return bool(kinds & {"settle", "refund"})

    await eventually(recorded)
    return job_id


def next_midnight() -> int:
    """The Unix time of the next 00:00 UTC."""
    today = datetime.now(UTC).date()
    return int(datetime.combine(today + timedelta(days=1), datetime.min.time(), UTC).timestamp())


async def test_quota_before_any_generation_shows_the_bot_default(stack: Stack) -> None:
    """A new member has used nothing, has the whole default and sees when it resets."""
    text = await quota_text(stack)
    assert "Used: **0**" in text and "In progress: **0**" in text
    assert "Left: **25** of 25" in text
    assert "the bot's default" in text
    assert f"<t:{next_midnight()}:R>" in text


async def test_quota_counts_the_images_of_a_finished_generation(stack: Stack) -> None:
    """Two delivered images are used; 23 of 25 are left."""
    await generate(stack, num_outputs=2)
    text = await quota_text(stack)
    assert "Used: **2**" in text and "Left: **23** of 25" in text


async def test_quota_shows_images_still_in_progress(stack: Stack) -> None:
    """A running job's reservation shows as in progress and is already off what is left."""
    stack.replicate.timing.step = 1.0
    interaction = await stack.discord.send_command("imagine", {"prompt": "slow", "num_outputs": 3})
    await interaction.wait_for(
        lambda i: i.original is not None and "sdxl:cancel:" in json.dumps(i.original.components)
    )
    text = await quota_text(stack)
    assert "Used: **0**" in text and "In progress: **3**" in text and "Left: **22**" in text
    assert interaction.original is not None
    await stack.services.runner.cancel(job_id_of(interaction.original))
    await interaction.wait_for(lambda i: i.original is not None and "🛑" in i.original.content)


async def test_quota_names_a_member_override(stack: Stack) -> None:
    """An allowance set for the member is the limit, and /quota says where it comes from."""
    member_id = int(stack.discord.member["user"]["id"])
    await stack.services.quotas.set_allowance(
        stack.discord.guild_id, "member", member_id, 5, actor_id=1
    )
    text = await quota_text(stack)
    assert "Left: **5** of 5" in text and "set for you by a moderator" in text


async def test_quota_uses_the_best_role_tier(stack: Stack) -> None:
    """A member with a role tier gets the role's allowance; others keep the default."""
    holder = stack.discord.add_user("vip", permissions=EVERYONE_PERMISSIONS | MANAGE_MESSAGES)
    vip_role = int(holder["roles"][-1])
    await stack.services.quotas.set_allowance(
        stack.discord.guild_id, "role", vip_role, 40, actor_id=1
    )
    text = await quota_text(stack, user=holder)
    assert "Left: **40** of 40" in text and "from your role" in text
    assert "of 25" in await quota_text(stack)


async def test_quota_adds_todays_grants(stack: Stack) -> None:
    """Granted images raise today's limit and are listed."""
    member_id = int(stack.discord.member["user"]["id"])
    await stack.services.quotas.grant(
        stack.discord.guild_id, member_id, 3, actor_id=1, reason="contest"
    )
    text = await quota_text(stack)
    assert "Left: **28** of 28" in text and "+3" in text


async def test_quota_in_chinese(stack: Stack) -> None:
    """A zh-CN member reads /quota in Chinese, with the same numbers."""
    text = await quota_text(stack, locale="zh-CN")
    assert "剩余：**25** / 25" in text and "机器人默认" in text and "重置" in text


async def test_history_explains_what_each_job_did_to_the_quota(stack: Stack) -> None:
    """Newest first: a partly filtered job shows its refund and why; a clean one its charge."""
    await generate(stack, prompt="first corgi")
    stack.replicate.scenario = Scenario(nsfw="some")
    await generate(stack, prompt="second corgi", num_outputs=4)
    text = await history_text(stack)
    second, first = text.split("\n\n")
    assert second.startswith("**1.** <t:") and "second corgi" in second
    assert "✅ done · 2 images" in second
    assert "Quota: 4 reserved, 2 charged, 2 refunded (safety checker)" in second
    assert "first corgi" in first and "1 image" in first
    assert "Quota: 1 reserved, 1 charged" in first and "refunded" not in first


async def test_history_shows_only_the_members_last_ten_jobs_here(stack: Stack) -> None:
    """Twelve jobs of the member and one of someone else: the newest ten of the member."""
    store = stack.services.store
    member_id = int(stack.discord.member["user"]["id"])
    start = datetime(2025, 1, 1, tzinfo=UTC)
    for number in range(12):
        await store.insert_job(
            id=f"{number:016x}",
            guild_id=stack.discord.guild_id,
            requester_id=member_id,
            locale="en-US",
            request_json=json.dumps({"prompt": f"prompt number {number}"}),
            state="failed",
            created_at=(start + timedelta(minutes=number)).isoformat(),
        )
    await store.insert_job(
        id="f" * 16,
        guild_id=stack.discord.guild_id,
        requester_id=int(stack.discord.moderator["user"]["id"]),
        locale="en-US",
        request_json=json.dumps({"prompt": "someone else's"}),
        state="done",
        created_at=(start + timedelta(hours=1)).isoformat(),
    )
    text = await history_text(stack)
    shown = re.findall(r"prompt number (\d+)", text)
    assert shown == [str(n) for n in range(11, 1, -1)]
    assert "someone else" not in text
    assert "❌ failed" in text and "nothing charged" in text
    assert f"<t:{int((start + timedelta(minutes=11)).timestamp())}:R>" in text


async def test_history_makes_prompts_inert_and_short(stack: Stack) -> None:
    """Markdown and mentions in a prompt are escaped, and long prompts are cut."""
    await generate(stack, prompt="**loud** @everyone " + "x" * 300)
    text = await history_text(stack)
    assert "\\*\\*loud\\*\\*" in text and "@\u200beveryone" in text
    assert "x" * 200 not in text and "…" in text


async def test_history_when_there_is_nothing_yet_in_chinese(stack: Stack) -> None:
    """A member without jobs is pointed to /imagine, in their language."""
    text = await history_text(stack, locale="zh-CN")
    assert "还没有" in text and "/imagine" in text


async def test_history_in_chinese(stack: Stack) -> None:
    """A zh-CN member reads the history and the quota explanation in Chinese."""
    await generate(stack, prompt="corgi", num_outputs=2)
    text = await history_text(stack, locale="zh-CN")
    assert "✅ 完成 · 2 张图片" in text and "额度：预留 2 张，扣除 2 张" in text
