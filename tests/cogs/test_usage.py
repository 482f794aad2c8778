"""/usage end to end: real /imagine runs, then the report a moderator sees (or a member doesn't)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from bot.jobs import Job, JobObserver, JobSpec
from cogs.catalogue import t
from tests.cogs.conftest import Stack
from tests.fakes.discord import MANAGE_GUILD, FakeInteraction, FakeMessage
from tests.fakes.replicate import Scenario

pytestmark = pytest.mark.virtual_time

DEFERRED = 5
MESSAGE = 4
EPHEMERAL = 64


class JobWatch:
    """Every job /imagine submits, so a test can wait until each is recorded (ledger included).

    The reply shows the images before the runner settles the quota and stores predict_time,
    so waiting for the message alone would race the report.
    """

    def __init__(self, stack: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
        self.jobs: list[Job] = []
        self._submitted = asyncio.Event()
        runner = stack.services.runner
        original = runner.submit

        async def submit(spec: JobSpec, observer: JobObserver) -> Job:
            job = await original(spec, observer)
            self.jobs.append(job)
            self._submitted.set()
            return job

        monkeypatch.setattr(runner, "submit", submit)

    async def all_ended(self, count: int, timeout: float = 20) -> None:
        """Until `count` jobs were submitted and every one of them has ended."""

        async def wait() -> None:
            while len(self.jobs) < count:
                self._submitted.clear()
                await self._submitted.wait()
            await asyncio.gather(*(job.ended.wait() for job in self.jobs))

        await asyncio.wait_for(wait(), timeout)


@pytest.fixture
def watch(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Iterator[JobWatch]:
    """A JobWatch on the stack's runner."""
    yield JobWatch(stack, monkeypatch)


async def imagine(stack: Stack, user: dict[str, Any], **options: Any) -> None:
    """A member runs /imagine; it is acknowledged (the job runs on)."""
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "a corgi", **options}, user=user
    )
    assert (await interaction.wait_callback())["type"] == DEFERRED


async def report_of(interaction: FakeInteraction) -> FakeMessage:
    """The private reply once the report replaced "is thinking..."."""
    callback = await interaction.wait_callback()
    assert callback["type"] == DEFERRED and callback["data"]["flags"] & EPHEMERAL
    await interaction.wait_for(
        lambda i: i.original is not None and not i.original.loading and bool(i.original.embeds)
    )
    assert interaction.original is not None
    return interaction.original


def fields_of(message: FakeMessage) -> dict[str, str]:
    """The embed's field names -> values."""
    [embed] = message.embeds
    return {field["name"]: field["value"] for field in embed["fields"]}


def mention(member: dict[str, Any]) -> str:
    """How a member appears in the embed text."""
    return f"<@{member['user']['id']}>"


async def gpu_seconds(stack: Stack) -> float:
    """What the bot stored from Replicate's metrics.predict_time, summed."""
    row = await stack.services.store.fetch_one("SELECT COALESCE(SUM(predict_time), 0.0) FROM jobs")
    assert row is not None
    return float(row[0])


async def test_a_moderator_sees_who_generated_what_with_a_chart(
    stack: Stack, watch: JobWatch
) -> None:
    """Two members' images, a failure and GPU time appear in a private embed with a PNG chart."""
    alice, bob = stack.discord.member, stack.discord.add_user("bob")
    await imagine(stack, alice, num_outputs=2)
    await imagine(stack, bob)
    await watch.all_ended(2)
    stack.replicate.scenario = Scenario(fail_with="CUDA out of memory")
    await imagine(stack, bob)
    await watch.all_ended(3)

    interaction = await stack.discord.send_command("usage", user=stack.discord.moderator)
    message = await report_of(interaction)

    assert message.ephemeral
    fields = fields_of(message)
    assert fields["Images delivered"] == "Today: **3**\n7-day total: **3**"
    assert fields["Failed and canceled"] == (
        "Today: 1 failed · 0 canceled · 3 in all\n7-day total: 1 failed · 0 canceled · 3 in all"
    )
    expected = f"1. {mention(alice)}: 2\n2. {mention(bob)}: 1"
    assert fields["Top members today (images)"] == expected
    assert fields["Top members, 7-day total (images)"] == expected
    seconds = await gpu_seconds(stack)
    assert seconds > 0
    cost = f"{seconds * stack.services.settings.price_per_gpu_second:.4f}"
    gpu = f"{seconds:,.1f} s ≈ US${cost}"
    assert fields["GPU time and estimated cost"] == f"Today: {gpu}\n7-day total: {gpu}"
    [embed] = message.embeds
    assert "US$0.000725 per GPU second" in embed["footer"]["text"]

    [(name, data)] = message.files.items()
    assert name == "usage.png"
    chart = Image.open(io.BytesIO(data))
    assert chart.format == "PNG" and chart.size == (800, 400)
    assert embed["image"]["url"] == message.attachments[0]["url"]
    # Mentions in embeds never ping, and the reply allows none anyway.
    assert message.mentions == []
    assert message.allowed_mentions is not None and message.allowed_mentions.get("parse") == []


async def test_a_member_is_refused_privately_and_sees_nothing(
    stack: Stack, watch: JobWatch
) -> None:
    """A plain member's /usage gets the not-allowed sentence, ephemerally, and no report."""
    await imagine(stack, stack.discord.member)
    await watch.all_ended(1)
    interaction = await stack.discord.send_command("usage", user=stack.discord.member)
    callback = await interaction.wait_callback()
    assert callback["type"] == MESSAGE
    assert callback["data"]["flags"] & EPHEMERAL
    assert callback["data"]["content"] == t("errors.not_allowed", "en-US")
    message = interaction.original
    assert message is not None and message.ephemeral
    assert message.embeds == [] and message.attachments == []
    assert interaction.followups == [] and interaction.edits == []


async def test_the_report_is_in_the_moderators_language(stack: Stack) -> None:
    """A zh-CN moderator gets the embed in Chinese; an empty server shows zeros and nobody."""
    interaction = await stack.discord.send_command(
        "usage", user=stack.discord.moderator, locale="zh-CN"
    )
    message = await report_of(interaction)
    [embed] = message.embeds
    assert embed["title"] == "本服务器的图片用量"
    fields = fields_of(message)
    assert fields["已交付图片"] == "今天：**0**\n7 天合计：**0**"
    assert fields["今天用量最多的成员（图片数）"] == "暂无"
    assert fields["失败与取消"].startswith("今天：失败 0 · 取消 0 · 共 0 个任务")
    assert "美元" in embed["footer"]["text"]
    assert "usage.png" in message.files


async def test_a_member_refused_in_chinese(stack: Stack) -> None:
    """The refusal follows the member's language too."""
    interaction = await stack.discord.send_command(
        "usage", user=stack.discord.member, locale="zh-CN"
    )
    callback = await interaction.wait_callback()
    assert callback["data"]["content"] == "你没有在这里使用此命令的权限。"


async def test_the_days_option_sets_the_period(stack: Stack, watch: JobWatch) -> None:
    """days=1 reports a one-day period."""
    await imagine(stack, stack.discord.member)
    await watch.all_ended(1)
    interaction = await stack.discord.send_command(
        "usage", {"days": 1}, user=stack.discord.moderator
    )
    fields = fields_of(await report_of(interaction))
    assert fields["Images delivered"] == "Today: **1**\n1-day total: **1**"


async def test_the_command_is_a_localized_moderator_hint_in_servers_only(stack: Stack) -> None:
    """Synced /usage: Manage Server by default, no DMs, name and descriptions localized
    (zh-CN shown; es-419 falls back to es-ES, en-GB keeps the English default)."""
    [command] = [
        c for c in stack.discord.guild_commands[stack.discord.guild_id] if c["name"] == "usage"
    ]
    assert int(command["default_member_permissions"]) == MANAGE_GUILD
    names = command["name_localizations"]
    assert names["zh-CN"] == "用量"
    assert names["es-419"] == names["es-ES"] and "en-GB" not in names
    assert command["description_localizations"]["zh-CN"] == t("usage.command.description", "zh-CN")
    [days] = command["options"]
    assert days["name"] == "days" and days["name_localizations"]["zh-CN"] == "天数"
    assert days["description_localizations"]["zh-CN"] == t("usage.option.days", "zh-CN")
    assert (days["min_value"], days["max_value"]) == (1, 30)
    assert command["contexts"] == [0] and command["dm_permission"] is False
