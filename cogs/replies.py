"""Where a job's state is shown: the interaction's reply, or the bot's own channel message.

An interaction reply is edited with the interaction's token, which Discord invalidates 15
minutes after the command; a message the bot posted itself can be edited for as long as
it exists. Every reply knows when it stops being editable (`expires_at`) and its message
id once known, so a job can move, and a restarted bot can find it again.
"""

from __future__ import annotations

import time
from typing import Any, Protocol

import discord

# Discord's upload limit for a server without boosts.
DEFAULT_UPLOAD_LIMIT = 10 * 1024 * 1024


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
    """An interaction reply found again after a restart, from its stored token and id."""

    uses_token = True

    def __init__(
        self,
        client: discord.Client,
        *,
        application_id: int,
        token: str,
        message_id: int,
        expires_at: float,
        guild: discord.Guild | None,
    ) -> None:
        self.client = client
        self._webhook = discord.Webhook.partial(application_id, token, client=client)
        self.filesize_limit = _upload_limit(guild)
        self.name = f"reply {message_id}"
        self.heading = ""
        self.expires_at: float | None = expires_at
        self.message_id: int | None = message_id

    async def edit(self, **fields: Any) -> None:
        """PATCH the interaction's message through its webhook token."""
        assert self.message_id is not None
        await self._webhook.edit_message(self.message_id, **fields)


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
    return reply.expires_at is not None and time.time() >= reply.expires_at - margin
