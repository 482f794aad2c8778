"""/imagine end to end: the real discord.py bot against the fake Discord and fake Replicate."""

from __future__ import annotations

import io
import itertools
import re
from typing import Any

import pytest
from PIL import Image

from tests.cogs.conftest import Stack
from tests.conftest import refuse_writes
from tests.fakes.discord import FakeInteraction, FakeMessage, FakeUpload
from tests.fakes.replicate import Fault, Scenario

pytestmark = pytest.mark.virtual_time

DEFERRED = 5
MESSAGE = 4
EPHEMERAL = 64


def custom_ids(message: FakeMessage) -> list[str]:
    """Every button custom_id on a message, in order."""
    ids: list[str] = []
    for row in message.components:
        for component in row.get("components", []):
            if "custom_id" in component:
                ids.append(component["custom_id"])
    return ids


async def finished(interaction: FakeInteraction, timeout: float = 20) -> FakeMessage:
    """The reply once the final state arrived (images with buttons, or a failure line)."""

    def final(i: FakeInteraction) -> bool:
        message = i.original
        if message is None or message.loading:
            return False
        ids = custom_ids(message)
        running = any(cid.startswith("sdxl:cancel:") for cid in ids)
        return not running and (
            bool(message.attachments) or message.content.startswith(("❌", "🛑"))
        )

    await interaction.wait_for(final, timeout)
    assert interaction.original is not None
    return interaction.original


async def cancel_button(interaction: FakeInteraction) -> str:
    """The custom_id of the Cancel button, once the running reply shows it."""

    def showing(i: FakeInteraction) -> bool:
        message = i.original
        return message is not None and any(
            c.startswith("sdxl:cancel:") for c in custom_ids(message)
        )

    await interaction.wait_for(showing)
    assert interaction.original is not None
    return next(c for c in custom_ids(interaction.original) if c.startswith("sdxl:cancel:"))


def png(width: int = 512, height: int = 512) -> bytes:
    """A real PNG to attach."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def job_id_of(message: FakeMessage) -> str:
    """The job id carried by the message's buttons."""
    match = re.search(r"sdxl:\w+:([0-9a-f]{16})", " ".join(custom_ids(message)))
    assert match is not None, custom_ids(message)
    return match.group(1)


async def test_imagine_defers_then_delivers_one_image_with_buttons(stack: Stack) -> None:
    """The reply is deferred at once, then holds the PNG, an embed of the settings, and buttons."""
    interaction = await stack.discord.send_command("imagine", {"prompt": "a corgi", "seed": 7})
    callback = await interaction.wait_callback()
    assert callback["type"] == DEFERRED
    assert interaction.callback_at is not None
    assert interaction.callback_at - interaction.dispatched_at < 3
    message = await finished(interaction)
    [(name, data)] = message.files.items()
    assert name.endswith(".png")
    assert Image.open(io.BytesIO(data)).size == (1024, 1024)
    [embed] = message.embeds
    assert embed["description"] == "a corgi"
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Seed"] == "7" and fields["Size"] == "1024×1024"
    job_id = job_id_of(message)
    assert custom_ids(message) == [
        f"sdxl:reroll:{job_id}",
        f"sdxl:vary:{job_id}:0",
        f"sdxl:delete:{job_id}",
    ]
    assert message.allowed_mentions is not None
    assert message.allowed_mentions.get("parse") == []
    assert stack.discord.rate_limited == 0


async def test_four_outputs_arrive_as_four_valid_images(stack: Stack) -> None:
    """num_outputs=4 gives four PNGs of the requested size and a Vary button for each."""
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "four corgis", "num_outputs": 4, "width": 768, "height": 512}
    )
    message = await finished(interaction)
    assert len(message.files) == 4
    for data in message.files.values():
        assert Image.open(io.BytesIO(data)).size == (768, 512)
    assert sum(cid.startswith("sdxl:vary:") for cid in custom_ids(message)) == 4


async def test_progress_is_shown_and_edits_are_coalesced(stack: Stack) -> None:
    """A 3 s run shows queued/starting/progress lines, at most one edit per ~1.5 s, no 429."""
    stack.replicate.timing.step = 0.06
    interaction = await stack.discord.send_command("imagine", {"prompt": "slow corgi"})
    await finished(interaction)
    texts = [payload.get("content") or "" for _, payload in interaction.edits]
    assert any("%" in text and "/50" in text for text in texts), texts
    times = [at for at, _ in interaction.edits]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # The final edit may follow a progress edit at once; every other gap respects the interval.
    assert all(gap >= 1.2 for gap in gaps[:-1]), gaps
    assert stack.discord.rate_limited == 0


async def test_invalid_options_are_refused_privately_and_cost_nothing(stack: Stack) -> None:
    """A bad width is answered ephemerally, naming the rule; no prediction is created."""
    interaction = await stack.discord.send_command("imagine", {"prompt": "x", "width": 1001})
    callback = await interaction.wait_callback()
    assert callback["type"] == MESSAGE
    assert callback["data"]["flags"] & EPHEMERAL
    assert "multiple of 8" in callback["data"]["content"]
    assert stack.replicate.requests == []


async def test_refusals_are_in_the_members_language(stack: Stack) -> None:
    """A zh-CN member gets the refusal in Chinese."""
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "x", "refine_steps": 10}, locale="zh-CN"
    )
    callback = await interaction.wait_callback()
    assert "只能与" in callback["data"]["content"]


@pytest.mark.parametrize(
    ("upload", "expected"),
    [
        (FakeUpload("a.gif", "image/gif", b"GIF89a" + b"\0" * 10), "PNG, JPEG or WebP"),
        (FakeUpload("tiny.png", "image/png", png(32, 32)), "32×32"),
    ],
)
async def test_bad_attachments_are_refused_before_anything_is_sent(
    stack: Stack, upload: FakeUpload, expected: str
) -> None:
    """A wrong file type or size is refused from Discord's metadata alone."""
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "x"}, attachments={"image": upload}
    )
    callback = await interaction.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL
    assert expected in callback["data"]["content"]
    assert stack.replicate.requests == []


async def test_a_mask_of_another_size_is_refused(stack: Stack) -> None:
    """image and mask must have the same dimensions."""
    interaction = await stack.discord.send_command(
        "imagine",
        {"prompt": "x"},
        attachments={
            "image": FakeUpload("i.png", "image/png", png(512, 512)),
            "mask": FakeUpload("m.png", "image/png", png(256, 256)),
        },
    )
    callback = await interaction.wait_callback()
    assert "mask" in callback["data"]["content"] and "256×256" in callback["data"]["content"]
    assert stack.replicate.requests == []


async def test_img2img_sends_the_attachment_url(stack: Stack) -> None:
    """An attached image travels to Replicate as its Discord URL, without width/height."""
    interaction = await stack.discord.send_command(
        "imagine",
        {"prompt": "repaint", "prompt_strength": 0.5},
        attachments={"image": FakeUpload("i.png", "image/png", png())},
    )
    await finished(interaction)
    body = stack.replicate.requests[0].json
    assert body is not None
    assert body["input"]["image"].startswith(stack.discord.origin)
    assert "width" not in body["input"] and body["input"]["prompt_strength"] == 0.5


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda s: setattr(s.replicate, "scenario", Scenario(nsfw="all")), "safety checker"),
        (
            lambda s: setattr(s.replicate, "scenario", Scenario(fail_with="CUDA out of memory")),
            "CUDA",
        ),
        (
            lambda s: s.replicate.add_fault(
                Fault(method="POST", path="/v1/predictions", kind="status", status=402)
            ),
            "out of credit",
        ),
        (
            lambda s: s.replicate.add_fault(
                Fault(method="POST", path="/v1/predictions", kind="status", status=422)
            ),
            "refused",
        ),
        (
            # The answer is lost and the predictions cannot be listed to look for it.
            lambda s: (
                s.replicate.add_fault(
                    Fault(method="POST", path="/v1/predictions", kind="drop", after_effect=True)
                ),
                setattr(s.replicate, "list_supported", False),
            ),
            "not sent again",
        ),
    ],
    ids=["nsfw", "model-error", "402", "422", "outage"],
)
async def test_every_failure_ends_in_a_clear_message(
    stack: Stack, setup: Any, expected: str
) -> None:
    """NSFW, a model error, no credit, refused input, an outage: a clear last line, no buttons."""
    setup(stack)
    interaction = await stack.discord.send_command("imagine", {"prompt": "x"})
    message = await finished(interaction)
    assert message.content.startswith("❌")
    assert expected in message.content
    assert custom_ids(message) == []


async def test_the_requester_can_cancel_a_running_job(stack: Stack) -> None:
    """Cancel stops the prediction on Replicate and the reply says so."""
    stack.replicate.timing.step = 1.0
    interaction = await stack.discord.send_command("imagine", {"prompt": "long"})
    cancel = await cancel_button(interaction)
    assert interaction.original is not None
    click = await stack.discord.click(interaction.original.id, cancel, user=interaction.user)
    await click.wait_callback()
    message = await finished(interaction)
    assert message.content.startswith("🛑")
    [prediction] = stack.replicate.predictions.values()
    assert prediction.status == "canceled"


async def test_only_the_requester_or_a_moderator_may_cancel_or_delete(stack: Stack) -> None:
    """Another member's Cancel and Delete are refused privately; a moderator's Delete works."""
    interaction = await stack.discord.send_command("imagine", {"prompt": "mine"})
    message = await finished(interaction)
    job_id = job_id_of(message)
    stranger = stack.discord.add_user("stranger")
    refused = await stack.discord.click(message.id, f"sdxl:delete:{job_id}", user=stranger)
    callback = await refused.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL and "moderator" in callback["data"]["content"]
    assert not message.deleted
    removed = await stack.discord.click(
        message.id, f"sdxl:delete:{job_id}", user=stack.discord.moderator
    )
    await removed.wait_callback()
    await stack.discord.wait_until(lambda: message.deleted)


async def test_reroll_makes_a_new_job_with_a_new_seed(stack: Stack) -> None:
    """Reroll keeps the options, draws a new seed, and answers in a new message."""
    first = await stack.discord.send_command(
        "imagine", {"prompt": "again", "seed": 1, "num_inference_steps": 20}
    )
    message = await finished(first)
    reroll = await stack.discord.click(
        message.id, f"sdxl:reroll:{job_id_of(message)}", user=first.user
    )
    assert (await reroll.wait_callback())["type"] == DEFERRED
    await finished(reroll)
    bodies = [r.json["input"] for r in stack.replicate.requests if r.method == "POST" and r.json]
    assert len(bodies) == 2
    assert bodies[1]["prompt"] == "again" and bodies[1]["num_inference_steps"] == 20
    assert bodies[1]["seed"] != 1


async def test_vary_starts_img2img_from_the_chosen_image(stack: Stack) -> None:
    """Vary 2 sends the second output's Discord URL as the image of a new job."""
    first = await stack.discord.send_command("imagine", {"prompt": "base", "num_outputs": 2})
    message = await finished(first)
    vary = await stack.discord.click(
        message.id, f"sdxl:vary:{job_id_of(message)}:1", user=first.user
    )
    await finished(vary)
    body = stack.replicate.requests[-1].json
    posts = [
        r.json
        for r in stack.replicate.requests
        if r.method == "POST" and r.path == "/v1/predictions"
    ]
    body = posts[-1]
    assert body is not None
    assert body["input"]["image"] == message.attachments[1]["url"]
    assert "width" not in body["input"]


async def test_large_images_are_reencoded_to_fit_the_upload_limit(stack: Stack) -> None:
    """When a PNG exceeds the interaction's upload limit, a JPEG that fits is sent instead."""
    stack.discord.upload_limit = 2000
    interaction = await stack.discord.send_command("imagine", {"prompt": "big"})
    message = await finished(interaction)
    [(name, data)] = message.files.items()
    assert name.endswith(".jpg") and len(data) <= 2000
    assert "JPEG" in (message.embeds[0].get("footer") or {}).get("text", "")


async def test_fifty_concurrent_commands_are_all_deferred_in_time(stack: Stack) -> None:
    """50 members at once: every interaction is acknowledged within Discord's 3 s."""
    stack.replicate.timing.step = 0.2
    members = [stack.discord.add_user(f"member{i}") for i in range(50)]
    interactions = [
        await stack.discord.send_command("imagine", {"prompt": f"corgi {i}"}, user=member)
        for i, member in enumerate(members)
    ]
    for interaction in interactions:
        await interaction.wait_callback(timeout=10)
    latencies = sorted(
        i.callback_at - i.dispatched_at for i in interactions if i.callback_at is not None
    )
    assert len(latencies) == 50
    assert latencies[-1] < 3, latencies
    assert all(i.callback is not None and i.callback["type"] == DEFERRED for i in interactions)
    assert all(not i.errors for i in interactions)


async def test_an_expired_token_delivers_through_the_channel(stack: Stack) -> None:
    """An uneditable reply: the images arrive in the channel, pinging only the requester."""
    stack.replicate.timing.step = 0.05
    interaction = await stack.discord.send_command("imagine", {"prompt": "late"})
    await interaction.wait_callback()
    stack.discord.advance(16 * 60)
    await stack.discord.wait_until(
        lambda: any(
            m.attachments and m.interaction_id is None and m.channel_id == stack.discord.channel_id
            for m in stack.discord.messages.values()
        ),
        timeout=20,
    )
    [delivered] = [
        m for m in stack.discord.messages.values() if m.attachments and m.interaction_id is None
    ]
    requester = interaction.user["user"]["id"]
    assert f"<@{requester}>" in delivered.content
    assert delivered.allowed_mentions is not None
    assert [str(user) for user in delivered.allowed_mentions.get("users", [])] == [str(requester)]


async def test_a_prediction_past_its_deadline_is_canceled_and_explained(stack: Stack) -> None:
    """A job that outlives PREDICTION_TIMEOUT is canceled on Replicate; the reply says why."""
    stack.replicate.timing.step = 1.0
    stack.services.runner.limits.timeout = 0.5
    interaction = await stack.discord.send_command("imagine", {"prompt": "forever"})
    message = await finished(interaction)
    assert message.content.startswith("❌") and "took longer than" in message.content
    [prediction] = stack.replicate.predictions.values()
    assert prediction.status == "canceled"


async def test_a_stranger_cannot_cancel(stack: Stack) -> None:
    """Cancel by another member is refused privately and the job goes on."""
    stack.replicate.timing.step = 0.05
    interaction = await stack.discord.send_command("imagine", {"prompt": "mine"})
    cancel = await cancel_button(interaction)
    assert interaction.original is not None
    stranger = stack.discord.add_user("stranger")
    refused = await stack.discord.click(interaction.original.id, cancel, user=stranger)
    callback = await refused.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL
    message = await finished(interaction)
    assert message.attachments, "the job should have finished normally"


async def test_an_unexpected_error_is_reported_with_a_reference_and_leaves_nothing_stuck(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    """A real fault (the database refusing writes) ends in a private message with the id."""
    await refuse_writes(stack.services.store)
    interaction = await stack.discord.send_command("imagine", {"prompt": "x"})
    await interaction.wait_for(lambda i: bool(i.followups))
    [followup] = interaction.followups
    assert followup.ephemeral
    assert str(interaction.id) in followup.content
    await interaction.wait_for(lambda i: i.original is None or i.original.deleted)
    assert any(str(interaction.id) in record.getMessage() for record in caplog.records)
    assert stack.replicate.requests == []
