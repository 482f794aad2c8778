"""Faults at both edges: every job ends delivered or refunded and the bot keeps working."""

from __future__ import annotations

import asyncio

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import finished
from tests.fakes.replicate import Fault

pytestmark = pytest.mark.virtual_time

RATE_LIMITED = {"message": "You are being rate limited.", "retry_after": 0.3, "global": False}


async def still_works(stack: Stack) -> None:
    """A fresh /imagine by another member completes: the process survived the fault."""
    member = stack.discord.add_user("after-the-fault")
    interaction = await stack.discord.send_command("imagine", {"prompt": "still here"}, user=member)
    message = await finished(interaction)
    assert message.attachments


async def test_discord_429_with_via_is_retried_and_the_job_delivers(stack: Stack) -> None:
    """Rate-limited edits (with the Via header) are retried by discord.py; images arrive."""
    stack.discord.add_fault("PATCH", r"/messages/@original$", 429, RATE_LIMITED, times=2)
    interaction = await stack.discord.send_command("imagine", {"prompt": "rate limited"})
    message = await finished(interaction)
    assert message.attachments
    assert stack.discord.rate_limited >= 2


async def test_an_unknown_interaction_costs_nothing(stack: Stack) -> None:
    """A defer answered 10062 (the 3 s passed): no prediction, no charge, the bot goes on."""
    stack.discord.add_fault(
        "POST", r"/callback$", 404, {"message": "Unknown interaction", "code": 10062}
    )
    interaction = await stack.discord.send_command("imagine", {"prompt": "too late"})
    # The failed defer is reported to the member through a second, accepted callback.
    await interaction.wait_for(lambda i: i.callback is not None, timeout=10)
    assert stack.discord.count("POST", r"/callback$") == 2
    assert stack.replicate.requests == []
    member = int(stack.discord.member["user"]["id"])
    balance = await stack.services.quotas.balance(stack.discord.guild_id, member, [])
    assert balance.consumed == 0
    await still_works(stack)


async def test_a_refused_upload_is_retried_smaller(stack: Stack) -> None:
    """Discord answers the final upload 40005: it is sent again with smaller files."""
    stack.replicate.add_fault(Fault(method="GET", path=r"/files/.*", kind="slow", delay=2))
    interaction = await stack.discord.send_command("imagine", {"prompt": "too big"})
    await interaction.wait_for(
        lambda i: any("Uploading" in (p.get("content") or "") for _, p in i.edits), timeout=20
    )
    stack.discord.add_fault(
        "PATCH",
        r"/messages/@original$",
        413,
        {"message": "Request entity too large", "code": 40005},
    )
    message = await finished(interaction)
    assert message.attachments
    uploads = [
        r
        for r in stack.discord.requests
        if r.method == "PATCH" and r.path.endswith("/messages/@original") and r.files
    ]
    assert len(uploads) == 2, "one refused upload, then one with smaller files"


async def test_a_gateway_disconnect_mid_job_is_survived(stack: Stack) -> None:
    """The gateway drops while a job runs: the job still delivers and the session resumes."""
    stack.replicate.timing.step = 0.02
    interaction = await stack.discord.send_command("imagine", {"prompt": "through a drop"})
    await interaction.wait_callback()
    await stack.discord.disconnect(4000)
    message = await finished(interaction)
    assert message.attachments
    await stack.discord.wait_until(lambda: stack.discord.resumes >= 1, timeout=20)
    await still_works(stack)


@pytest.mark.parametrize(
    "fault",
    [
        Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="status", status=503, times=3),
        Fault(
            method="GET", path=r"/v1/predictions/[^/]+", kind="status", status=429, retry_after=1
        ),
        Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="drop", times=2),
        Fault(method="GET", path=r"/v1/predictions/[^/]+", kind="malformed", times=2),
        Fault(method="POST", path="/v1/predictions", kind="status", status=429, retry_after=1),
    ],
    ids=["503", "429-get", "drop", "malformed", "429-create"],
)
async def test_replicate_faults_mid_job_are_waited_out(stack: Stack, fault: Fault) -> None:
    """Transient Replicate faults while a job runs do not fail it."""
    stack.replicate.add_fault(fault)
    interaction = await stack.discord.send_command("imagine", {"prompt": "bumpy"})
    message = await finished(interaction, timeout=40)
    assert message.attachments, message.content
    [prediction] = stack.replicate.predictions.values()
    assert prediction.input["prompt"] == "bumpy"


async def test_an_upload_refused_at_every_size_is_explained_and_refunded(stack: Stack) -> None:
    """Every upload refused: the reply says so in text and nothing is charged."""
    stack.replicate.add_fault(Fault(method="GET", path=r"/files/.*", kind="slow", delay=2))
    interaction = await stack.discord.send_command("imagine", {"prompt": "never fits"})
    await interaction.wait_for(
        lambda i: any("Uploading" in (p.get("content") or "") for _, p in i.edits), timeout=20
    )
    too_large = {"message": "Request entity too large", "code": 40005}
    stack.discord.add_fault("PATCH", r"/messages/@original$", 413, too_large, times=3)
    stack.discord.add_fault("POST", r"/channels/\d+/messages$", 413, too_large, times=1)
    message = await finished(interaction)
    assert "could not be uploaded" in message.content
    member = int(stack.discord.member["user"]["id"])
    for _ in range(500):
        balance = await stack.services.quotas.balance(stack.discord.guild_id, member, [])
        if balance.in_progress == 0:
            break
        await asyncio.sleep(0.01)
    assert balance.consumed == 0
