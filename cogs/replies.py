"""Where a job's state is shown: the interaction's reply, or the bot's own channel message.

An interaction reply is edited with the interaction's token, which Discord invalidates 15
minutes after the command; a message the bot posted itself can be edited for as long as
it exists. Every reply knows when it stops being editable (`expires_at`) and its message
id once known, so a job can move, and a restarted bot can find it again.

Every message the bot posts in a channel for a job goes through `post_in_channel`: it pings
the requester only, and is paced per channel (Discord allows about 5 messages per 5 s in a
channel), so a queue crossing the token's 15 minutes, or a restart, cannot send a burst.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

import discord
from discord.http import handle_message_parameters
from discord.webhook.async_ import async_context

# Discord's upload limit for a server without boosts.
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024
# Discord's per-channel limit on new messages: this many per window (seconds).
CHANNEL_POSTS = 5
CHANNEL_WINDOW = 5.0
# Channels whose recent posts are remembered; idle ones are forgotten first.
PACED_CHANNELS = 1024

# Unix time, the clock of every `expires_at`; tests on virtual time move it with the loop's.
wall_clock: Callable[[], float] = time.time


class Reply(Protocol):
    """The message a job's state is shown in."""

    client: discord.Client
    filesize_limit: int
    name: str  # for logs; never a token
    # Kept above every state: who the message is for, where Discord shows no command header.
    heading: str
    expires_at: float | None  # Unix time after which edits fail; None: never
    message_id: int | None
    uses_token: bool

    async def edit(self, **fields: Any) -> None:
        """Change the message (discord.py's edit keywords); raises discord.HTTPException."""


def _upload_limit(guild: discord.Guild | None) -> int:
    return guild.filesize_limit if guild is not None else DEFAULT_UPLOAD_LIMIT


class InteractionReply:
    """The reply to a slash command or button, edited through the interaction's token."""

    uses_token = True

    def __init__(self, interaction: discord.Interaction[Any], token_lifetime: float) -> None:
        self._interaction = interaction
        self.client: discord.Client = interaction.client
        self.filesize_limit = interaction.filesize_limit
        self.name = f"interaction {interaction.id}"
        self.heading = ""
        self.expires_at: float | None = interaction.created_at.timestamp() + token_lifetime
        self.message_id: int | None = None

    async def edit(self, **fields: Any) -> None:
        """PATCH @original."""
        message = await self._interaction.edit_original_response(**fields)
        self.message_id = message.id


class TokenReply:
    """An interaction reply found again after a restart, from its stored token (and id).

    Without a message id (the process died before the reply's first edit, while it still
    said "thinking..."), the interaction's original response is edited: the same message.
    """

    uses_token = True

    def __init__(
        self,
        client: discord.Client,
        *,
        application_id: int,
        token: str,
        message_id: int | None,
        expires_at: float,
        guild: discord.Guild | None,
    ) -> None:
        self.client = client
        self._webhook = discord.Webhook.partial(application_id, token, client=client)
        self.filesize_limit = _upload_limit(guild)
        self.name = f"reply {message_id or 'original'} of application {application_id}"
        self.heading = ""
        self.expires_at: float | None = expires_at
        self.message_id: int | None = message_id

    async def edit(self, **fields: Any) -> None:
        """PATCH the interaction's message through its webhook token."""
        if self.message_id is not None:
            await self._webhook.edit_message(self.message_id, **fields)
            return
        await self._edit_original(**fields)

    async def _edit_original(self, **fields: Any) -> None:
        """PATCH /webhooks/{application}/{token}/messages/@original, as discord.py's
        Interaction.edit_original_response does; the answer tells the message id."""
        webhook = self._webhook
        assert webhook.token is not None
        with handle_message_parameters(
            previous_allowed_mentions=self.client.allowed_mentions, **fields
        ) as params:
            data = await async_context.get().edit_original_interaction_response(
                webhook.id,
                webhook.token,
                session=webhook.session,
                proxy=webhook.proxy,
                proxy_auth=webhook.proxy_auth,
                payload=params.payload,
                multipart=params.multipart,
                files=params.files,
            )
        self.message_id = int(data["id"])


class ChannelReply:
    """A message the bot posted itself: editable for as long as it exists."""

    uses_token = False

    def __init__(
        self,
        client: discord.Client,
        message: discord.Message | discord.PartialMessage,
        *,
        heading: str | None = None,
    ) -> None:
        self._message = message
        self.client = client
        self.heading = heading if heading is not None else getattr(message, "content", "")
        self.filesize_limit = _upload_limit(message.guild)
        self.name = f"message {message.id}"
        self.expires_at: float | None = None
        self.message_id: int | None = message.id

    async def edit(self, **fields: Any) -> None:
        """PATCH the channel message."""
        self._message = await self._message.edit(**fields)


def expiring(reply: Reply, margin: float) -> bool:
    """Whether the reply will stop being editable within `margin` seconds."""
    return reply.expires_at is not None and seconds_left(reply.expires_at) <= margin


def seconds_left(expires_at: float) -> float:
    """Seconds from now to the Unix time `expires_at` (negative once it has passed)."""
    return expires_at - wall_clock()


class ChannelPending:
    """No message to edit yet: the job is to continue in a message of the bot's own, posted
    when it leaves the queue (a queued job found again after its token expired)."""

    uses_token = False

    def __init__(self, client: discord.Client, *, guild: discord.Guild | None) -> None:
        self.client = client
        self.filesize_limit = _upload_limit(guild)
        self.name = "no message yet"
        self.heading = ""
        self.expires_at: float | None = 0.0  # nothing can be edited
        self.message_id: int | None = None

    async def edit(self, **fields: Any) -> None:
        """Never called: a StatusMessage posts in the channel before editing this reply."""
        raise RuntimeError("a pending reply has no message to edit")


@dataclass
class _Window:
    """One channel's posts: a semaphore of CHANNEL_POSTS slots, each held while its post is
    sent and for CHANNEL_WINDOW seconds after the answer (so any window of that length sees
    at most CHANNEL_POSTS posts arrive, whatever their latency)."""

    slots: asyncio.Semaphore
    held: int = 0


class ChannelPacer:
    """Paces new messages per channel, for all of a bot's jobs together."""

    def __init__(
        self,
        posts: int = CHANNEL_POSTS,
        window: float = CHANNEL_WINDOW,
        channels: int = PACED_CHANNELS,
    ) -> None:
        self._posts = posts
        self._window = window
        self._channels = channels
        self._windows: OrderedDict[int, _Window] = OrderedDict()

    @contextlib.asynccontextmanager
    async def slot(self, channel_id: int) -> AsyncIterator[None]:
        """Wait for a free slot in `channel_id`, hold it while the body posts."""
        window = self._window_of(channel_id)
        window.held += 1
        try:
            await window.slots.acquire()
        except BaseException:
            window.held -= 1
            raise
        try:
            yield
        finally:
            asyncio.get_running_loop().call_later(self._window, self._release, window)

    def _release(self, window: _Window) -> None:
        window.held -= 1
        window.slots.release()

    def _window_of(self, channel_id: int) -> _Window:
        window = self._windows.get(channel_id)
        if window is None:
            window = self._windows[channel_id] = _Window(asyncio.Semaphore(self._posts))
            self._forget_idle()
        self._windows.move_to_end(channel_id)
        return window

    def _forget_idle(self) -> None:
        """Bound the memory: drop the least recently used channels that hold no slot."""
        excess = len(self._windows) - self._channels
        for channel_id in list(self._windows):
            if excess <= 0:
                return
            if self._windows[channel_id].held == 0:
                del self._windows[channel_id]
                excess -= 1


_PACERS: weakref.WeakKeyDictionary[discord.Client, ChannelPacer] = weakref.WeakKeyDictionary()


def pacer_for(client: discord.Client) -> ChannelPacer:
    """The one pacer of `client`: shared by all its jobs, resumed ones included."""
    pacer = _PACERS.get(client)
    if pacer is None:
        pacer = _PACERS[client] = ChannelPacer()
    return pacer


def requester_only(requester_id: int) -> discord.AllowedMentions:
    """Mentions allowed in a job's channel message: its requester, and nobody else."""
    return discord.AllowedMentions(
        users=[discord.Object(id=requester_id)], roles=False, everyone=False
    )


async def post_in_channel(
    client: discord.Client,
    channel_id: int,
    content: str,
    *,
    requester_id: int,
    guild_id: int | None = None,
    **fields: Any,
) -> discord.Message:
    """Post a message of the bot's own for a job, paced per channel, pinging the requester
    only; raises discord.HTTPException as `send` does."""
    channel = client.get_partial_messageable(channel_id, guild_id=guild_id)
    async with pacer_for(client).slot(channel_id):
        return await channel.send(content, allowed_mentions=requester_only(requester_id), **fields)
