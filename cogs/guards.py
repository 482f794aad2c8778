"""Who counts as a moderator, and the mod-log every moderator action and refusal goes to."""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot.moderation import GuildPolicy

log = logging.getLogger(__name__)


def is_moderator(interaction: discord.Interaction[Any], policy: GuildPolicy) -> bool:
    """Manage Server (or Administrator), or the server's configured moderator role.

    Checked at run time on every use: default_permissions is only a hint that server
    admins can loosen, so it never grants anything by itself.
    """
    permissions = interaction.permissions
    if permissions.manage_guild or permissions.administrator:
        return True
    role_id = policy.moderator_role_id
    roles = getattr(interaction.user, "roles", [])
    return role_id is not None and any(role.id == role_id for role in roles)


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
