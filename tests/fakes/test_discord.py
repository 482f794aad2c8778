"""Tests of FakeDiscord, driving a real discord.py `commands.Bot` against it.

The bot here is a stand-in with the shapes the real one uses: a slash command that defers,
edits its response twice and uploads a file; one with an attachment option answering with a
button view. Nothing sleeps a fixed time: tests wait on the fake's conditions or on queues
the bot's handlers fill, with bounded timeouts, and move the fake's clock past deadlines.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands
from multidict import CIMultiDictProxy
from PIL import Image

from tests.fakes.discord import EVERYONE_PERMISSIONS, MANAGE_GUILD, FakeDiscord, FakeUpload

pytestmark = pytest.mark.virtual_time


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png(64, 48)


@dataclass
class Harness:
    """A running bot and what its handlers report."""

    fake: FakeDiscord
    calls: asyncio.Queue[tuple[str, dict[str, Any]]] = field(default_factory=asyncio.Queue)
    errors: asyncio.Queue[discord.HTTPException] = field(default_factory=asyncio.Queue)
    before_defer: asyncio.Event | None = None  # /imagine waits on it before deferring
    after_defer: asyncio.Event | None = None  # ... and on this one after deferring
    image: bytes = PNG  # what /imagine uploads
    bot: commands.Bot | None = None

    async def call(self, name: str) -> dict[str, Any]:
        """The next report of a handler; it must be from `name`."""
        got, values = await asyncio.wait_for(self.calls.get(), 5)
        assert got == name
        return values

    async def error(self) -> discord.HTTPException:
        """The next HTTPException a handler caught."""
        return await asyncio.wait_for(self.errors.get(), 5)


class VariationsView(discord.ui.View):
    """One button, like the bot's result view."""

    def __init__(self, harness: Harness) -> None:
        super().__init__(timeout=60)
        self.harness = harness

    @discord.ui.button(label="Upscale", custom_id="upscale", style=discord.ButtonStyle.primary)
    async def upscale(
        self, interaction: discord.Interaction, button: discord.ui.Button[VariationsView]
    ) -> None:
        """Reports the click and disables itself."""
        message_id = interaction.message.id if interaction.message else None
        self.harness.calls.put_nowait(
            ("upscale", {"user": interaction.user.id, "message": message_id})
        )
        button.disabled = True
        await interaction.response.edit_message(content="Upscaling…", view=self)

    @discord.ui.button(label="Refresh", custom_id="refresh")
    async def refresh(
        self, interaction: discord.Interaction, button: discord.ui.Button[VariationsView]
    ) -> None:
        """Acknowledges first (deferred update), then edits the message."""
        await interaction.response.defer()
        await interaction.edit_original_response(content="Refreshed")
        self.harness.calls.put_nowait(("refresh", {}))


class FeedbackModal(discord.ui.Modal, title="Feedback"):
    """A modal with one text input."""

    text: discord.ui.TextInput[FeedbackModal] = discord.ui.TextInput(
        label="Your feedback", custom_id="feedback-text"
    )

    def __init__(self, harness: Harness) -> None:
        super().__init__(custom_id="feedback")
        self.harness = harness

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Reports the text and thanks the user privately."""
        self.harness.calls.put_nowait(("feedback", {"text": self.text.value}))
        await interaction.response.send_message("Thanks!", ephemeral=True)


def build_bot(harness: Harness) -> commands.Bot:
    """A bot with the command shapes of sdxl-bot."""
    bot = commands.Bot(
        command_prefix="!",
        intents=discord.Intents.default(),
        allowed_mentions=discord.AllowedMentions.none(),
        # discord.py waits this long after the last GUILD_CREATE before on_ready.
        guild_ready_timeout=0.05,
    )

    @bot.tree.command(name="imagine", description="Draw a picture")
    @app_commands.describe(prompt="What to draw", steps="Diffusion steps")
    async def imagine(
        interaction: discord.Interaction,
        prompt: str,
        steps: app_commands.Range[int, 1, 100] = 30,
    ) -> None:
        harness.calls.put_nowait(
            (
                "imagine",
                {
                    "prompt": prompt,
                    "steps": steps,
                    "user": interaction.user.id,
                    "filesize_limit": interaction.filesize_limit,
                },
            )
        )
        mention = interaction.user.mention
        try:
            if harness.before_defer is not None:
                await harness.before_defer.wait()
            await interaction.response.defer(thinking=True)
            if harness.after_defer is not None:
                await harness.after_defer.wait()
            await interaction.edit_original_response(content=f"{mention} {prompt}: 0/{steps}")
            await interaction.edit_original_response(
                content=f"{mention} {prompt}",
                attachments=[discord.File(io.BytesIO(harness.image), filename="sdxl.png")],
            )
        except discord.HTTPException as exc:
            harness.errors.put_nowait(exc)

    @bot.tree.command(name="variations", description="Variations of an image")
    async def variations(
        interaction: discord.Interaction, image: discord.Attachment, count: int = 2
    ) -> None:
        data = await image.read()
        harness.calls.put_nowait(
            (
                "variations",
                {
                    "filename": image.filename,
                    "content_type": image.content_type,
                    "size": (image.width, image.height),
                    "data": data,
                    "count": count,
                },
            )
        )
        await interaction.response.send_message(
            f"{count} variations of {image.filename}", view=VariationsView(harness)
        )

    @bot.tree.command(name="say", description="Say something")
    async def say(interaction: discord.Interaction, text: str) -> None:
        harness.calls.put_nowait(("say", {"text": text}))
        try:
            await interaction.response.send_message(text)
        except discord.HTTPException as exc:
            harness.errors.put_nowait(exc)

    @bot.tree.command(name="feedback", description="Send feedback")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FeedbackModal(harness))

    @bot.tree.command(name="inspect", description="Echo typed options")
    @app_commands.choices(
        size=[
            app_commands.Choice(name="Small", value=512),
            app_commands.Choice(name="Big", value=1024),
        ]
    )
    async def inspect(
        interaction: discord.Interaction,
        who: discord.Member,
        where: discord.TextChannel,
        role: discord.Role,
        ratio: float,
        flag: bool,
        size: app_commands.Choice[int],
    ) -> None:
        harness.calls.put_nowait(
            (
                "inspect",
                {
                    "who": (who.id, who.guild_permissions.manage_guild),
                    "where": (where.id, where.is_nsfw()),
                    "role": role.id,
                    "ratio": ratio,
                    "flag": flag,
                    "size": size.value,
                    "permissions": interaction.permissions.manage_messages,
                },
            )
        )
        await interaction.response.send_message("ok", ephemeral=True)

    quota = app_commands.Group(name="quota", description="Quotas")

    @quota.command(name="set", description="Set a member's quota")
    async def quota_set(
        interaction: discord.Interaction, member: discord.Member, per_day: int
    ) -> None:
        harness.calls.put_nowait(("quota set", {"member": member.id, "per_day": per_day}))
        await interaction.response.send_message("set", ephemeral=True)

    bot.tree.add_command(quota)

    @bot.tree.command(name="burst", description="Many follow-ups")
    async def burst(interaction: discord.Interaction, count: int) -> None:
        await interaction.response.defer(thinking=True)
        for index in range(count):
            await interaction.followup.send(f"follow-up {index}")
        harness.calls.put_nowait(("burst", {"count": count}))

    return bot


@contextlib.asynccontextmanager
async def running(fake: FakeDiscord, harness: Harness | None = None) -> AsyncIterator[Harness]:
    """A bot logged in to `fake`, its commands synced; closed on exit."""
    harness = harness or Harness(fake)
    bot = harness.bot = build_bot(harness)
    with fake.patch_discord_py():
        task = asyncio.create_task(bot.start(fake.bot_token))
        try:
            await fake.wait_ready()
            await asyncio.wait_for(bot.wait_until_ready(), 1)
            await bot.tree.sync()
            yield harness
        finally:
            await bot.close()
            await asyncio.wait_for(task, 5)


@pytest.fixture
async def harness(fake_discord: FakeDiscord) -> AsyncIterator[Harness]:
    """The test bot running against the default fake."""
    async with running(fake_discord) as running_harness:
        yield running_harness


async def _download(url: str) -> bytes:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        return await response.read()


async def _raw(
    fake: FakeDiscord, method: str, path: str, *, auth: bool = True, body: Any = None
) -> tuple[int, Any, CIMultiDictProxy[str]]:
    headers = {"Authorization": f"Bot {fake.bot_token}"} if auth else {}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, fake.rest_base + path, headers=headers, json=body) as response,
    ):
        assert response.headers["Content-Type"] == "application/json"
        return response.status, await response.json(), response.headers


async def test_bot_logs_in_and_syncs_commands(harness: Harness) -> None:
    """The bot identifies, caches the guild with both channels and syncs its commands."""
    fake, bot = harness.fake, harness.bot
    assert bot is not None and bot.user is not None
    assert bot.user.id == fake.application_id
    assert fake.identifies == 1
    guild = bot.get_guild(fake.guild_id)
    assert guild is not None and guild.me is not None
    channel = guild.get_channel(fake.channel_id)
    nsfw = guild.get_channel(fake.nsfw_channel_id)
    assert isinstance(channel, discord.TextChannel) and not channel.is_nsfw()
    assert isinstance(nsfw, discord.TextChannel) and nsfw.is_nsfw()
    assert {c["name"] for c in fake.commands} == {
        "imagine",
        "variations",
        "say",
        "feedback",
        "inspect",
        "quota",
        "burst",
    }
    synced = {c.name: c.id for c in await bot.tree.fetch_commands()}
    assert synced == {c["name"]: int(c["id"]) for c in fake.commands}
    steps = next(c for c in fake.commands if c["name"] == "imagine")["options"][1]
    assert (steps["name"], steps["type"], steps["min_value"]) == ("steps", 4, 1)


async def test_command_defers_edits_twice_and_uploads(harness: Harness) -> None:
    """Typed options reach the handler; the deferral, two edits and the file are recorded."""
    fake = harness.fake
    interaction = await fake.send_command("imagine", {"prompt": "a red fox", "steps": 12})
    call = await harness.call("imagine")
    assert call == {
        "prompt": "a red fox",
        "steps": 12,
        "user": int(fake.member["user"]["id"]),
        "filesize_limit": fake.upload_limit,
    }
    callback = await interaction.wait_callback()
    assert callback == {"type": 5}
    assert interaction.callback_at is not None
    assert interaction.callback_at - interaction.dispatched_at < fake.callback_deadline
    await interaction.wait_for(lambda i: len(i.edits) == 2)
    original = interaction.original
    assert original is not None and not original.loading and original.edits == 2
    assert original.content == f"<@{fake.member['user']['id']}> a red fox"
    assert original.files == {"sdxl.png": PNG}
    attachment = original.attachments[0]
    assert (attachment["content_type"], attachment["width"], attachment["height"]) == (
        "image/png",
        64,
        48,
    )
    assert await _download(attachment["url"]) == PNG
    # AllowedMentions.none() is sent with every edit, so nobody is pinged.
    assert original.allowed_mentions == {"parse": []}
    assert original.mentions == []
    assert fake.rate_limited == 0


async def test_options_of_every_kind_and_subcommands(harness: Harness) -> None:
    """Members, channels, roles, numbers, booleans, choices and subcommands arrive typed."""
    fake = harness.fake
    role_id = int(fake.moderator["roles"][0])
    options = {
        "who": fake.moderator,
        "where": fake.nsfw_channel_id,
        "role": role_id,
        "ratio": 0.25,
        "flag": True,
        "size": 1024,
    }
    interaction = await fake.send_command("inspect", options, user=fake.moderator)
    assert await harness.call("inspect") == {
        "who": (int(fake.moderator["user"]["id"]), True),
        "where": (fake.nsfw_channel_id, True),
        "role": role_id,
        "ratio": 0.25,
        "flag": True,
        "size": 1024,
        "permissions": True,
    }
    assert (await interaction.wait_callback())["data"]["flags"] == 64
    with pytest.raises(ValueError, match="not one of its choices"):
        await fake.send_command("inspect", {**options, "size": 3})
    with pytest.raises(ValueError, match="needs a subcommand"):
        await fake.send_command("quota", {"member": fake.member})
    await fake.send_command("quota", {"member": fake.member, "per_day": 7}, subcommand=["set"])
    assert await harness.call("quota set") == {
        "member": int(fake.member["user"]["id"]),
        "per_day": 7,
    }

    # A member added while the bot is connected: its role reaches the bot's cache first.
    helper = fake.add_user("helper", permissions=EVERYONE_PERMISSIONS | MANAGE_GUILD)
    await fake.send_command("inspect", {**options, "who": helper}, user=helper)
    assert (await harness.call("inspect"))["who"] == (int(helper["user"]["id"]), True)
    assert harness.bot is not None
    guild = harness.bot.get_guild(fake.guild_id)
    assert guild is not None and guild.get_role(int(helper["roles"][0])) is not None


async def test_attachment_option_and_button_click(harness: Harness) -> None:
    """An attachment option is downloadable by the bot and a click reaches the button."""
    fake = harness.fake
    upload = FakeUpload("cat.png", "image/png", PNG)
    interaction = await fake.send_command("variations", attachments={"image": upload})
    call = await harness.call("variations")
    assert call == {
        "filename": "cat.png",
        "content_type": "image/png",
        "size": (64, 48),
        "data": PNG,
        "count": 2,
    }
    assert (await interaction.wait_callback())["type"] == 4
    message = interaction.original
    assert message is not None and message.content == "2 variations of cat.png"
    button = message.components[0]["components"][0]
    assert (button["custom_id"], button["label"]) == ("upscale", "Upscale")

    click = await fake.click(message.id, "upscale", user=fake.moderator)
    assert await harness.call("upscale") == {
        "user": int(fake.moderator["user"]["id"]),
        "message": message.id,
    }
    assert (await click.wait_callback())["type"] == 7
    assert message.content == "Upscaling…" and message.edits == 1
    assert message.components[0]["components"][0]["disabled"] is True
    with pytest.raises(ValueError, match="disabled"):
        await fake.click(message.id, "upscale")

    refresh = await fake.click(message.id, "refresh")
    await harness.call("refresh")
    assert refresh.callback == {"type": 6}
    assert refresh.original is message and message.content == "Refreshed"
    assert len(refresh.edits) == 1 and message.edits == 2


async def test_modal_is_shown_and_submitted(harness: Harness) -> None:
    """A MODAL callback is recorded; its submission reaches on_submit, answered ephemerally."""
    fake = harness.fake
    interaction = await fake.send_command("feedback")
    callback = await interaction.wait_callback()
    assert callback["type"] == 9 and interaction.modal is not None
    assert interaction.modal["title"] == "Feedback" and interaction.original is None
    submitted = await fake.submit_modal(interaction, {"feedback-text": "Lovely foxes"})
    assert await harness.call("feedback") == {"text": "Lovely foxes"}
    await submitted.wait_callback()
    assert submitted.original is not None and submitted.original.ephemeral
    assert submitted.original.content == "Thanks!"


async def test_late_callback_is_unknown_interaction(harness: Harness) -> None:
    """A callback after the deadline gets 404 Unknown interaction (10062)."""
    fake = harness.fake
    harness.before_defer = asyncio.Event()
    interaction = await fake.send_command("imagine", {"prompt": "late"})
    await harness.call("imagine")
    fake.advance(fake.callback_deadline + 0.5)
    harness.before_defer.set()
    error = await harness.error()
    assert isinstance(error, discord.NotFound) and error.code == 10062
    assert interaction.callback is None
    assert interaction.errors == [(404, {"message": "Unknown interaction", "code": 10062})]


async def test_expired_token_is_invalid_webhook_token() -> None:
    """Editing after the token lifetime gets 401 Invalid Webhook Token (50027)."""
    async with FakeDiscord(token_lifetime=2.0) as fake, running(fake) as harness:
        harness.after_defer = asyncio.Event()
        interaction = await fake.send_command("imagine", {"prompt": "slow"})
        await interaction.wait_callback()
        fake.advance(2.5)
        harness.after_defer.set()
        error = await harness.error()
        assert error.status == 401 and error.code == 50027
        assert interaction.edits == []


async def test_rate_limited_edit_is_retried_transparently(harness: Harness) -> None:
    """A 429 with Via is retried by discord.py: the edit lands and the 429 is counted."""
    fake = harness.fake
    body = {"message": "You are being rate limited.", "retry_after": 0.05, "global": False}
    fake.add_fault("PATCH", r"/messages/@original$", 429, body)
    interaction = await fake.send_command("imagine", {"prompt": "busy"})
    await interaction.wait_for(lambda i: len(i.edits) == 2)
    assert fake.rate_limited == 1
    assert fake.count("PATCH", r"/messages/@original$") == 3
    assert harness.errors.empty()


async def test_discord_py_paces_itself_on_the_token_bucket() -> None:
    """discord.py honours the bucket headers: follow-ups past the limit wait, no 429."""
    async with FakeDiscord(webhook_rate=(2, 0.25)) as fake, running(fake) as harness:
        interaction = await fake.send_command("burst", {"count": 5})
        await harness.call("burst")
        # The first follow-up replaces the "thinking" message; the other four are new.
        original = interaction.original
        assert original is not None and original.content == "follow-up 0"
        assert [m.content for m in interaction.followups] == [
            f"follow-up {i}" for i in (1, 2, 3, 4)
        ]
        assert fake.rate_limited == 0
        times = [r.at for r in fake.requests if "/webhooks/" in r.path]
        assert len(times) == 5 and times[4] - times[0] >= 0.45


async def test_fake_answers_429_past_the_token_bucket() -> None:
    """Past the per-token limit the fake answers Discord's 429 with its headers."""
    async with FakeDiscord(webhook_rate=(2, 30.0)) as fake, running(fake) as harness:
        interaction = await fake.send_command("say", {"text": "hello"})
        await harness.call("say")
        await interaction.wait_callback()
        path = f"/webhooks/{fake.application_id}/{interaction.token}/messages/@original"
        statuses = [(await _raw(fake, "GET", path, auth=False))[0] for _ in range(2)]
        status, body, headers = await _raw(fake, "GET", path, auth=False)
        assert statuses == [200, 200] and status == 429
        assert body["global"] is False and 0 < body["retry_after"] <= 30
        assert headers["Via"] == "1.1 google" and headers["X-RateLimit-Scope"] == "user"
        assert headers["X-RateLimit-Remaining"] == "0" and int(headers["Retry-After"]) >= 1
        assert fake.rate_limited == 1


async def test_oversized_file_is_entity_too_large() -> None:
    """A file over the upload limit gets 413 (40005); the interaction reports the limit."""
    async with FakeDiscord(upload_limit=1024) as fake, running(fake) as harness:
        harness.image = os.urandom(2048)
        interaction = await fake.send_command("imagine", {"prompt": "huge"})
        assert (await harness.call("imagine"))["filesize_limit"] == 1024
        error = await harness.error()
        assert error.status == 413 and error.code == 40005
        assert len(interaction.edits) == 1


async def test_too_long_content_is_invalid_form_body(harness: Harness) -> None:
    """Content over 2000 characters gets 400 Invalid Form Body (50035)."""
    interaction = await harness.fake.send_command("say", {"text": "x" * 2001})
    await harness.call("say")
    error = await harness.error()
    assert error.status == 400 and error.code == 50035
    status, body = interaction.errors[0]
    assert status == 400
    assert body["errors"] == {
        "data": {
            "content": {
                "_errors": [
                    {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length."}
                ]
            }
        }
    }
    assert interaction.callback is None


async def test_second_callback_is_already_acknowledged(harness: Harness) -> None:
    """A second callback for one interaction gets 400 (40060)."""
    fake = harness.fake
    interaction = await fake.send_command("say", {"text": "once"})
    await interaction.wait_callback()
    path = f"/interactions/{interaction.id}/{interaction.token}/callback"
    status, body, _ = await _raw(fake, "POST", path, auth=False, body={"type": 5})
    assert (status, body["code"]) == (400, 40060)


async def test_channel_messages_follow_the_attachment_edit_rule(harness: Harness) -> None:
    """Channel sends carry files; an edit keeps exactly the listed attachments."""
    fake, bot = harness.fake, harness.bot
    assert bot is not None
    channel = bot.get_channel(fake.channel_id)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send(
        f"<@{fake.member['user']['id']}> two files",
        files=[discord.File(io.BytesIO(PNG), "a.png"), discord.File(io.BytesIO(b"x"), "b.txt")],
    )
    stored = fake.messages[sent.id]
    assert stored.files == {"a.png": PNG, "b.txt": b"x"}
    assert stored.allowed_mentions == {"parse": []} and stored.mentions == []
    edited = await sent.edit(attachments=[sent.attachments[1]])
    assert [a.filename for a in edited.attachments] == ["b.txt"]
    assert stored.files == {"b.txt": b"x"}
    await sent.edit(attachments=[])
    assert stored.attachments == [] and stored.edits == 2
    await sent.delete()
    assert stored.deleted


async def test_gateway_resume_replays_missed_interactions(harness: Harness) -> None:
    """After the fake closes the socket with 4000 the bot resumes and gets the interaction."""
    fake = harness.fake
    await fake.disconnect(4000)
    # Dispatched while the socket is closed: kept in the session for the RESUME replay.
    interaction = await fake.send_command("say", {"text": "still here"})
    assert await harness.call("say") == {"text": "still here"}
    await fake.wait_until(lambda: fake.resumes == 1)
    assert fake.identifies == 1 and fake.gateway.replayed == 1
    assert (await interaction.wait_callback())["type"] == 4


async def test_rest_errors_look_like_discord(fake_discord: FakeDiscord) -> None:
    """Unknown routes, missing auth and expired interactions answer Discord's JSON errors."""
    fake = fake_discord
    assert (await _raw(fake, "GET", "/nope"))[:2] == (404, {"message": "404: Not Found", "code": 0})
    status, body, _ = await _raw(fake, "GET", "/users/@me", auth=False)
    assert (status, body) == (401, {"message": "401: Unauthorized", "code": 0})
    status, body, headers = await _raw(fake, "GET", "/users/@me")
    assert status == 200 and body["bot"] is True
    assert {"X-RateLimit-Limit", "X-RateLimit-Bucket", "Via"} <= set(headers)
    status, body, _ = await _raw(fake, "GET", "/gateway", auth=False)
    assert (status, body) == (200, {"url": fake.gateway_url})
    with pytest.raises(ValueError, match="no synced command"):
        await fake.send_command("imagine")
    assert fake.interactions == []


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"content": "x" * 2001}, {"content": "BASE_TYPE_MAX_LENGTH"}),
        ({"embeds": [{"title": "t"}] * 11}, {"embeds": "BASE_TYPE_MAX_LENGTH"}),
        ({"embeds": [{"title": "t" * 257}]}, {"embeds": {"0": {"title": "BASE_TYPE_MAX_LENGTH"}}}),
        (
            {"embeds": [{"description": "d" * 4097}]},
            {"embeds": {"0": {"description": "BASE_TYPE_MAX_LENGTH"}}},
        ),
        (
            {"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]},
            {"embeds": {"0": {"fields": "BASE_TYPE_MAX_LENGTH"}}},
        ),
        ({"embeds": [{"description": "d" * 4000}] * 2}, {"embeds": "MAX_EMBED_SIZE_EXCEEDED"}),
        (
            {"components": [{"type": 1, "components": [{"type": 2, "custom_id": "c" * 101}]}]},
            {"components": {"0": {"components": {"0": {"custom_id": "BASE_TYPE_MAX_LENGTH"}}}}},
        ),
    ],
)
async def test_message_limits_are_invalid_form_body(
    fake_discord: FakeDiscord, body: dict[str, Any], errors: dict[str, Any]
) -> None:
    """Discord's message limits answer 400 (50035) with errors nested like Discord's."""
    path = f"/channels/{fake_discord.channel_id}/messages"
    status, answer, _ = await _raw(fake_discord, "POST", path, body=body)
    assert (status, answer["code"], answer["message"]) == (400, 50035, "Invalid Form Body")
    assert _codes(answer["errors"]) == errors


def _codes(errors: dict[str, Any]) -> Any:
    if "_errors" in errors:
        return errors["_errors"][0]["code"]
    return {key: _codes(value) for key, value in errors.items()}


async def test_more_than_ten_files_and_empty_messages_are_rejected(
    fake_discord: FakeDiscord,
) -> None:
    """Eleven files get 50035 on attachments; a message with nothing in it gets 50006."""
    fake = fake_discord
    url = f"{fake.rest_base}/channels/{fake.channel_id}/messages"
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("payload_json", '{"content": "many"}', content_type="application/json")
    for index in range(11):
        form.add_field(f"files[{index}]", b"x", filename=f"{index}.txt")
    headers = {"Authorization": f"Bot {fake.bot_token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=form, headers=headers) as r,
    ):
        answer = await r.json()
    assert (r.status, _codes(answer["errors"])) == (400, {"attachments": "BASE_TYPE_MAX_LENGTH"})
    path = f"/channels/{fake.channel_id}/messages"
    status, answer, _ = await _raw(fake, "POST", path, body={"content": ""})
    assert (status, answer["code"]) == (400, 50006)


async def test_channel_message_bucket_is_five_per_five_seconds(fake_discord: FakeDiscord) -> None:
    """The sixth message to one channel within the window gets a 429 with Via."""
    fake = fake_discord
    path = f"/channels/{fake.channel_id}/messages"
    answers = [await _raw(fake, "POST", path, body={"content": str(i)}) for i in range(6)]
    assert [status for status, _, _ in answers] == [200] * 5 + [429]
    assert [headers["X-RateLimit-Remaining"] for _, _, headers in answers[:5]] == [
        "4",
        "3",
        "2",
        "1",
        "0",
    ]
    assert answers[5][2]["Via"] == "1.1 google" and fake.rate_limited == 1
    other = f"/channels/{fake.nsfw_channel_id}/messages"
    assert (await _raw(fake, "POST", other, body={"content": "elsewhere"}))[0] == 200


# -- threads -----------------------------------------------------------------------------------


def _report_where(harness: Harness) -> None:
    """Add /where to the harness bot: it reports the channel its interaction resolved to."""
    assert harness.bot is not None

    @harness.bot.tree.command(name="where", description="Where am I")
    async def where(interaction: discord.Interaction) -> None:
        channel = interaction.channel
        harness.calls.put_nowait(
            (
                "where",
                {
                    "kind": type(channel).__name__,
                    "id": interaction.channel_id,
                    "parent_id": getattr(channel, "parent_id", None),
                    "nsfw": channel.is_nsfw() if isinstance(channel, discord.Thread) else None,
                    "in_threads": interaction.permissions.send_messages_in_threads,
                },
            )
        )
        await interaction.response.send_message(f"in {interaction.channel_id}")


async def test_a_new_thread_reaches_the_bot_with_its_parent(harness: Harness) -> None:
    """add_thread sends THREAD_CREATE: discord.py caches a public Thread whose parent_id is the
    channel, age-restricted with an age-restricted parent; GET /channels/{id} serves it."""
    fake, bot = harness.fake, harness.bot
    assert bot is not None
    created = bot.wait_for("thread_create", timeout=5)
    thread_id = fake.add_thread(fake.channel_id, "corgi ideas")
    thread = await created
    assert isinstance(thread, discord.Thread) and thread.id == thread_id
    assert thread.parent_id == fake.channel_id and thread.parent is bot.get_channel(fake.channel_id)
    assert thread.type is discord.ChannelType.public_thread and thread.name == "corgi ideas"
    assert thread.owner_id == int(fake.member["user"]["id"]) and thread.member_count == 1
    assert not thread.archived and not thread.is_nsfw() and thread.me is None
    assert bot.get_channel(thread_id) is thread
    fetched = await bot.fetch_channel(thread_id)
    assert isinstance(fetched, discord.Thread) and fetched.parent_id == fake.channel_id

    created = bot.wait_for("thread_create", timeout=5)
    late_night = fake.add_thread(fake.nsfw_channel_id, "after hours")
    nsfw = await created
    assert nsfw.id == late_night and nsfw.is_nsfw()
    assert fake.gateway.withheld == {}
    with pytest.raises(ValueError, match="no text channel"):
        fake.add_thread(thread_id, "a thread in a thread")


async def test_threads_made_before_the_bot_connects_come_in_guild_create(
    fake_discord: FakeDiscord,
) -> None:
    """A bot that connects later finds active threads in GUILD_CREATE: public ones, and private
    ones only when it is in them (its thread member included); others are Missing Access."""
    fake = fake_discord
    public = fake.add_thread(fake.channel_id, "open")
    hidden = fake.add_thread(fake.channel_id, "secret", private=True)
    joined = fake.add_thread(
        fake.channel_id, "with the bot", private=True, members=[fake.guild.bot_member]
    )
    async with running(fake) as harness:
        bot = harness.bot
        assert bot is not None
        guild = bot.get_guild(fake.guild_id)
        assert guild is not None
        assert {thread.id for thread in guild.threads} == {public, joined}
        mine = guild.get_thread(joined)
        assert mine is not None and mine.type is discord.ChannelType.private_thread
        assert mine.me is not None and mine.me.id == fake.application_id
        assert mine.member_count == 2 and mine.invitable
        status, body, _ = await _raw(fake, "GET", f"/channels/{hidden}")
        assert (status, body) == (403, {"message": "Missing Access", "code": 50001})
        status, body, _ = await _raw(fake, "GET", f"/channels/{public}")
        assert status == 200 and body["parent_id"] == str(fake.channel_id)
        assert body["type"] == 11 and body["thread_metadata"]["archived"] is False
        assert "member" not in body and "nsfw" not in body
        status, body, _ = await _raw(fake, "GET", "/channels/1234")
        assert (status, body["code"]) == (404, 10003)


async def test_an_interaction_in_a_thread_resolves_to_the_thread(harness: Harness) -> None:
    """A command sent in a thread carries it as channel and channel_id: interaction.channel is
    a Thread with the parent's id, permissions are the parent's, and the reply is in it."""
    fake, bot = harness.fake, harness.bot
    assert bot is not None
    _report_where(harness)
    await bot.tree.sync()
    thread_id = fake.add_thread(fake.nsfw_channel_id, "late thread")
    interaction = await fake.send_command("where", channel_id=thread_id)
    assert await harness.call("where") == {
        "kind": "Thread",
        "id": thread_id,
        "parent_id": fake.nsfw_channel_id,
        "nsfw": True,
        "in_threads": True,
    }
    payload = interaction.payload
    assert payload["channel_id"] == str(thread_id)
    assert payload["channel"]["parent_id"] == str(fake.nsfw_channel_id)
    assert payload["channel"]["type"] == 11 and "thread_metadata" in payload["channel"]
    assert payload["app_permissions"] == str(
        fake.permissions(fake.application_id, fake.nsfw_channel_id)
    )
    await interaction.wait_callback()
    assert interaction.original is not None and interaction.original.channel_id == thread_id
    thread = fake.threads[thread_id]
    assert (thread["message_count"], thread["total_message_sent"]) == (1, 1)
    assert thread["last_message_id"] == str(interaction.original.id)

    # A private thread the bot is not in: discord.py builds the Thread from the payload.
    hidden = fake.add_thread(fake.channel_id, "private", private=True)
    await fake.send_command("where", channel_id=hidden)
    assert (await harness.call("where"))["parent_id"] == fake.channel_id
    assert bot.get_channel(hidden) is None
    with pytest.raises(ValueError, match="not in the private thread"):
        await fake.send_command("where", channel_id=hidden, user=fake.moderator)


async def test_a_click_in_a_thread_carries_the_thread(harness: Harness) -> None:
    """A button on a message in a thread: the click's interaction is in the thread too."""
    fake = harness.fake
    thread_id = fake.add_thread(fake.channel_id, "variations")
    upload = FakeUpload("cat.png", "image/png", PNG)
    interaction = await fake.send_command(
        "variations", attachments={"image": upload}, channel_id=thread_id
    )
    await harness.call("variations")
    await interaction.wait_callback()
    assert interaction.original is not None
    click = await fake.click(interaction.original.id, "upscale")
    await harness.call("upscale")
    assert click.channel_id == thread_id
    assert click.payload["channel"]["parent_id"] == str(fake.channel_id)
    assert (await click.wait_callback())["type"] == 7


async def test_messages_in_a_thread_behave_as_in_a_channel(harness: Harness) -> None:
    """The bot posts, edits and deletes in a thread like in a text channel; the thread counts
    its messages (deleted ones still in total_message_sent) and has its own rate bucket."""
    fake, bot = harness.fake, harness.bot
    assert bot is not None
    created = bot.wait_for("thread_create", timeout=5)
    thread_id = fake.add_thread(fake.channel_id, "chat")
    thread = await created
    sent = await thread.send("hello", file=discord.File(io.BytesIO(PNG), "a.png"))
    stored = fake.messages[sent.id]
    assert stored.channel_id == thread_id and stored.files == {"a.png": PNG}
    await sent.edit(content="hello again")
    assert stored.content == "hello again" and stored.edits == 1
    again = await thread.fetch_message(sent.id)
    assert again.content == "hello again"
    await sent.delete()
    assert stored.deleted
    counters = fake.threads[thread_id]
    assert (counters["message_count"], counters["total_message_sent"]) == (0, 1)
    path = f"/channels/{thread_id}/messages"
    answers = [await _raw(fake, "POST", path, body={"content": str(i)}) for i in range(4)]
    assert [status for status, _, _ in answers] == [200] * 4
    assert (await _raw(fake, "POST", path, body={"content": "x"}))[0] == 429
    general = f"/channels/{fake.channel_id}/messages"
    assert (await _raw(fake, "POST", general, body={"content": "elsewhere"}))[0] == 200


# -- sharding, spoken raw (Discord's gateway docs: Identify `shard`, READY `shard`, 4010/4011) --


@dataclass
class RawSession:
    """A hand-driven gateway connection: the frames it got and how it ended."""

    ws: aiohttp.ClientWebSocketResponse
    frames: list[dict[str, Any]] = field(default_factory=list)
    close_code: int | None = None

    def events(self, name: str) -> list[dict[str, Any]]:
        """The `d` of every dispatch `name` received so far."""
        return [f["d"] for f in self.frames if f.get("op") == 0 and f.get("t") == name]

    async def read(self, timeout: float = 5) -> dict[str, Any] | None:
        """The next frame (None once the socket is closed; `close_code` then says why)."""
        message = await self.ws.receive(timeout=timeout)
        if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            self.close_code = self.ws.close_code
            return None
        frame: dict[str, Any] = message.json()
        self.frames.append(frame)
        return frame


@contextlib.asynccontextmanager
async def raw_identify(
    fake: FakeDiscord, shard: list[int] | None = None, **extra: Any
) -> AsyncIterator[RawSession]:
    """Connect, IDENTIFY (GUILDS intent, `shard` when given) and read READY and every
    GUILD_CREATE it announces, or up to the close or op 9 that answers instead."""
    async with aiohttp.ClientSession() as client, client.ws_connect(fake.gateway_url) as ws:
        raw = RawSession(ws)
        hello = await raw.read()
        assert hello is not None and hello["op"] == 10
        data: dict[str, Any] = {"token": fake.bot_token, "intents": 1, "properties": {}}
        if shard is not None:
            data["shard"] = shard
        data.update(extra)
        await ws.send_json({"op": 2, "d": data})
        while (frame := await raw.read()) is not None and frame["op"] != 9:
            ready = raw.events("READY")
            if ready and len(raw.events("GUILD_CREATE")) == len(ready[0]["guilds"]):
                break
        yield raw


def _ids(guilds: list[dict[str, Any]]) -> set[int]:
    return {int(guild["id"]) for guild in guilds}


async def test_each_shard_session_gets_only_its_guilds_and_their_events(
    fake_discord: FakeDiscord,
) -> None:
    """Two sessions of [i, 2]: READY, GUILD_CREATE and guild events by (id >> 22) % 2; DMs to 0."""
    fake = fake_discord
    extra = [fake.add_guild(shard=(0, 2)), fake.add_guild(shard=(1, 2))]
    by_shard = {n: {gid for gid in fake.guilds if (gid >> 22) % 2 == n} for n in (0, 1)}
    assert {guild.id for guild in extra} & by_shard[0] and {g.id for g in extra} & by_shard[1]
    async with raw_identify(fake, [0, 2]) as zero, raw_identify(fake, [1, 2]) as one:
        for n, raw in ((0, zero), (1, one)):
            [ready] = raw.events("READY")
            assert ready["shard"] == [n, 2]
            assert _ids(ready["guilds"]) == by_shard[n]
            assert _ids(raw.events("GUILD_CREATE")) == by_shard[n]
        assert set(fake.gateway.sessions) == {(0, 2), (1, 2)}
        await fake.gateway.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(extra[1].id)})
        await fake.gateway.dispatch("CHANNEL_CREATE", {"id": "1", "type": 1})  # a DM: no guild
        assert (await one.read() or {}).get("t") == "GUILD_ROLE_CREATE"
        assert (await zero.read() or {}).get("t") == "CHANNEL_CREATE"
        with pytest.raises(TimeoutError):
            await zero.read(timeout=1)
        with pytest.raises(TimeoutError):
            await one.read(timeout=1)


async def test_an_unsharded_identify_gets_every_guild_and_no_shard_field(
    fake_discord: FakeDiscord,
) -> None:
    """Without `shard` a session is [0, 1]: every guild, and READY carries no `shard`."""
    fake_discord.add_guild(shard=(1, 2))
    async with raw_identify(fake_discord) as raw:
        [ready] = raw.events("READY")
        assert "shard" not in ready
        assert _ids(raw.events("GUILD_CREATE")) == set(fake_discord.guilds)
        assert set(fake_discord.gateway.sessions) == {(0, 1)}


@pytest.mark.parametrize(
    ("shard", "multiple"),
    [([2, 2], 1), ([0, 0], 1), ([-1, 2], 1), ([0], 1), ("0,1", 1), ([0, 3], 2), (None, 16)],
)
async def test_an_invalid_shard_is_closed_with_4010(
    fake_discord: FakeDiscord, shard: Any, multiple: int
) -> None:
    """shard_id not below the count, a malformed array, or (large bot sharding) a count that
    is not a multiple of Discord's figure: close code 4010, no session."""
    fake_discord.gateway.shard_count_multiple = multiple
    async with raw_identify(fake_discord, shard) as raw:
        assert raw.close_code == 4010
    assert fake_discord.gateway.sessions == {} and fake_discord.identifies == 0


async def test_a_session_past_the_guild_limit_is_closed_with_4011(
    fake_discord: FakeDiscord,
) -> None:
    """More guilds than a session may hold (Discord: 2,500): 4011 unsharded, fine sharded."""
    fake = fake_discord
    fake.gateway.max_guilds_per_session = 2
    fake.add_guild(shard=(0, 2))
    fake.add_guild(shard=(1, 2))
    async with raw_identify(fake) as raw:
        assert raw.close_code == 4011
    assert fake.gateway.close_codes == [4011]
    async with raw_identify(fake, [0, 2]) as zero, raw_identify(fake, [1, 2]) as one:
        assert zero.close_code is None and one.close_code is None
        assert len(zero.events("GUILD_CREATE")) + len(one.events("GUILD_CREATE")) == 3


async def test_gateway_bot_reports_the_recommendation_and_max_concurrency(
    fake_discord: FakeDiscord,
) -> None:
    """GET /gateway/bot: url, the recommended `shards` and session_start_limit, which counts
    identifies down."""
    fake_discord.gateway.max_concurrency = 16
    status, body, _ = await _raw(fake_discord, "GET", "/gateway/bot")
    assert status == 200
    assert body["url"] == fake_discord.gateway_url and body["shards"] == 1
    limit = body["session_start_limit"]
    assert limit["max_concurrency"] == 16 and limit["remaining"] == limit["total"] == 1000
    fake_discord.gateway.recommended_shards = 4
    async with raw_identify(fake_discord, [0, 4]):
        pass
    _, body, _ = await _raw(fake_discord, "GET", "/gateway/bot")
    assert body["shards"] == 4 and body["session_start_limit"]["remaining"] == 999


async def test_an_identify_too_soon_in_its_bucket_is_an_invalid_session(
    fake_discord: FakeDiscord,
) -> None:
    """With the identify rate enforced: a second IDENTIFY in a bucket within 5 s gets op 9
    (d=false); another bucket, or the same one 5 s later, is accepted."""
    gateway = fake_discord.gateway
    gateway.identify_rate_limited = True
    gateway.max_concurrency = 2
    async with raw_identify(fake_discord, [0, 4]) as first:
        assert first.events("READY")
    async with raw_identify(fake_discord, [1, 4]) as other_bucket:
        assert other_bucket.events("READY")
    async with raw_identify(fake_discord, [2, 4]) as too_soon:
        assert too_soon.frames[-1] == {"op": 9, "d": False, "s": None, "t": None}
    assert gateway.invalidated == 1
    await asyncio.sleep(5)
    async with raw_identify(fake_discord, [2, 4]) as later:
        assert later.events("READY")
    assert {b: len(times) for b, times in gateway.identifies_by_bucket().items()} == {0: 2, 1: 1}
