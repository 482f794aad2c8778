"""Who counts as a moderator, and the mod-log every moderator action and refusal goes to."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.gate import Place
from bot.moderation import GuildPolicy

log = logging.getLogger(__name__)


def manages_server(interaction: discord.Interaction[Any]) -> bool:
    """Manage Server (or Administrator), as the member's permissions are right now."""
    permissions = interaction.permissions
    return bool(permissions.manage_guild or permissions.administrator)


def is_moderator(interaction: discord.Interaction[Any], policy: GuildPolicy) -> bool:
    """Manage Server (or Administrator), or the server's configured moderator role.

    Checked at run time on every use: default_permissions is only a hint that server
    admins can loosen, so it never grants anything by itself. @everyone (whose id is the
    server's) never counts as the moderator role, even if an older version stored it:
    discord.py lists it among every member's roles.
    """
    if manages_server(interaction):
        return True
    role_id = policy.moderator_role_id
    if role_id is None or role_id == interaction.guild_id:
        return False
    roles = getattr(interaction.user, "roles", [])
    return any(role.id == role_id and not role.is_default() for role in roles)


def age_restricted(channel: Any) -> bool:
    """Whether a channel (or the channel a thread is in) is age-restricted."""
    is_nsfw = getattr(channel, "is_nsfw", None)
    return bool(is_nsfw()) if callable(is_nsfw) else False


def place_of(interaction: discord.Interaction[Any]) -> Place:
    """Where an interaction happens, as the gate reads it (a thread names its parent)."""
    channel = interaction.channel
    return Place(
        interaction.guild_id,
        interaction.channel_id,
        getattr(channel, "parent_id", None),
        age_restricted(channel),
    )


def role_ids(interaction: discord.Interaction[Any]) -> list[int]:
    """The ids of the member's roles (empty outside a server)."""
    return [role.id for role in getattr(interaction.user, "roles", [])]


async def post_modlog(
    client: discord.Client,
    policy: GuildPolicy,
    text: str,
    *,
    view: discord.ui.View | None = None,
) -> discord.Message | None:
    """Post to the server's mod-log channel, if one is set; never mentions anyone."""
    if policy.mod_log_channel_id is None:
        return None
    channel = client.get_partial_messageable(policy.mod_log_channel_id)
    try:
        if view is None:
            return await channel.send(text[:2000], allowed_mentions=discord.AllowedMentions.none())
        return await channel.send(
            text[:2000], view=view, allowed_mentions=discord.AllowedMentions.none()
        )
    except discord.HTTPException as error:
        log.warning("Mod-log post to %s failed: %s", policy.mod_log_channel_id, error.status)
        return None
