"""A job's life end to end: cancels, lost creates, late cancels and partial results, as members
meet them through the real discord.py client, the fake Discord and the fake Replicate."""

from __future__ import annotations

import asyncio

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import EPHEMERAL, cancel_button, custom_ids, finished, job_id_of
from tests.fakes.replicate import Fault

pytestmark = pytest.mark.virtual_time


async def _ended(stack: Stack, job_id: str) -> None:
    """Until the job's end (and its settle or refund) is recorded, bounded."""
    for _ in range(1000):
        row = await stack.services.store.job(job_id)
        if row is not None and row.state in ("done", "failed", "canceled"):
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"job {job_id} did not end")


async def _balance_left(stack: Stack, user_id: int) -> int:
    guild_id = stack.discord.guild_id
    return (await stack.services.quotas.balance(guild_id, user_id, [])).left


async def test_cancel_clicked_twice_at_once_ends_the_job_once(stack: Stack) -> None:
    """A double click on Cancel: one 'Canceling…', one 'already being canceled'; the reply ends
    canceled without a Cancel button, the prediction stops and the images are refunded."""
    stack.replicate.timing.step = 0.5
    interaction = await stack.discord.send_command("imagine", {"prompt": "double click"})
    cancel = await cancel_button(interaction)
    assert interaction.original is not None
    user_id = int(interaction.user["user"]["id"])
    before = await _balance_left(stack, user_id)
    clicks = await asyncio.gather(
        stack.discord.click(interaction.original.id, cancel, user=interaction.user),
        stack.discord.click(interaction.original.id, cancel, user=stack.discord.moderator),
    )
    answers = [(await click.wait_callback())["data"] for click in clicks]
    assert all(answer["flags"] & EPHEMERAL for answer in answers)
    texts = sorted(answer["content"] for answer in answers)
    assert texts == ["Canceling…", "This request is already being canceled."]
    message = await finished(interaction)
    assert message.content.startswith("🛑")
    assert not any(c.startswith("sdxl:cancel:") for c in custom_ids(message))
    [prediction] = stack.replicate.predictions.values()
    assert prediction.status == "canceled"
    await _ended(stack, cancel.rsplit(":", 1)[-1])
    assert await _balance_left(stack, user_id) == before + 1
    # The member's slot is free: a new request is accepted at once.
    stack.replicate.timing.step = 0.002
    again = await stack.discord.send_command("imagine", {"prompt": "next"}, user=interaction.user)
    assert (await finished(again)).attachments


async def test_cancel_during_a_slow_create_cancels_the_prediction_it_made(stack: Stack) -> None:
    """Cancel pressed twice while the create is in flight: the create's answer is kept and its
    prediction canceled on Replicate, so nothing runs unwatched while the member reads
    'canceled'."""
    stack.replicate.timing.step = 0.5
    stack.replicate.add_fault(Fault("POST", "/v1/predictions", "slow", delay=1.5))
    interaction = await stack.discord.send_command("imagine", {"prompt": "slow create"})
    cancel = await cancel_button(interaction)
    assert interaction.original is not None
    for _ in range(2):
        click = await stack.discord.click(interaction.original.id, cancel, user=interaction.user)
        await click.wait_callback()
    message = await finished(interaction)
    assert message.content.startswith("🛑")
    await stack.discord.wait_until(lambda: len(stack.replicate.predictions) == 1)
    [prediction] = stack.replicate.predictions.values()
    await stack.discord.wait_until(lambda: prediction.status == "canceled")


async def test_a_lost_create_answer_is_found_and_delivered_once(stack: Stack) -> None:
    """Replicate made the prediction but the answer was lost (502): the bot finds it by its
    input and delivers it, with one prediction created and one image charged."""
    stack.replicate.add_fault(
        Fault("POST", "/v1/predictions", "status", status=502, after_effect=True)
    )
    interaction = await stack.discord.send_command("imagine", {"prompt": "lost answer"})
    message = await finished(interaction)
    assert len(message.attachments) == 1
    assert len(stack.replicate.predictions) == 1
    await _ended(stack, job_id_of(message))
    entries = await stack.services.quotas.entries(job_id_of(message))
    assert [(kind, n) for kind, n, _ in entries] == [("reserve", 1), ("settle", 1)]


async def test_creates_carry_replicates_own_deadline(stack: Stack) -> None:
    """Each create asks Replicate to stop the prediction by itself at PREDICTION_TIMEOUT, so a
    run ends even if the bot is gone."""
    interaction = await stack.discord.send_command("imagine", {"prompt": "deadline"})
    await finished(interaction)
    [create] = [r for r in stack.replicate.requests if r.method == "POST"]
    timeout = stack.services.settings.prediction_timeout
    assert create.headers["cancel-after"] == f"{int(timeout)}s"


async def test_a_cancel_after_the_images_were_made_delivers_them(stack: Stack) -> None:
    """Cancel pressed while the finished images download: they are paid for, so the member gets
    them, is charged, and is told the cancel came too late."""
    stack.replicate.add_fault(Fault("GET", r"/files/.+", "slow", delay=1.0, times=2))
    interaction = await stack.discord.send_command("imagine", {"prompt": "late", "num_outputs": 2})
    cancel = await cancel_button(interaction)
    runner = stack.services.runner
    job_id = cancel.rsplit(":", 1)[-1]
    await stack.discord.wait_until(
        lambda: (job := runner.job(job_id)) is not None and job.state == "delivering"
    )
    assert interaction.original is not None
    click = await stack.discord.click(interaction.original.id, cancel, user=interaction.user)
    await click.wait_callback()
    message = await finished(interaction)
    assert len(message.attachments) == 2
    footer = message.embeds[0].get("footer", {}).get("text", "")
    assert "finished before the cancel" in footer
    await _ended(stack, job_id)
    entries = await stack.services.quotas.entries(job_id)
    assert [(kind, n) for kind, n, _ in entries] == [("reserve", 2), ("settle", 2)]


async def test_one_image_that_cannot_be_downloaded_does_not_cost_the_other_three(
    stack: Stack,
) -> None:
    """Of four outputs, one keeps failing to download: the three others are delivered and
    charged, the fourth refunded, and the embed says so."""
    stack.replicate.add_fault(
        Fault("GET", r"/files/[^/]+/out-3\.png", "status", status=404, times=50)
    )
    interaction = await stack.discord.send_command("imagine", {"prompt": "four", "num_outputs": 4})
    message = await finished(interaction)
    assert len(message.attachments) == 3
    footer = message.embeds[0].get("footer", {}).get("text", "")
    assert "1 of 4 images could not be downloaded and were refunded" in footer
    await _ended(stack, job_id_of(message))
    entries = await stack.services.quotas.entries(job_id_of(message))
    assert [(kind, n) for kind, n, _ in entries] == [("reserve", 4), ("settle", 3), ("refund", 1)]
