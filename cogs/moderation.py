"""/mod: the moderators' command group (allowances, grants, bans, blocklist, channels, settings).

Every subcommand checks `is_moderator` itself before anything else: `default_permissions`
only hides the group, and server admins can hand it to anyone. A change is answered
privately in the moderator's language and logged, in English, to the mod-log channel (to the
old and the new one when the mod-log itself moves). Bad input raises InputRejected, which the
tree's one error handler turns into a private refusal; nothing is changed or logged then.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any, Final, TypeAlias, TypeVar

import discord
from discord import app_commands
from discord.app_commands import locale_str
from discord.ext import commands

from bot.errors import InputRejected
from bot.moderation import MAX_PATTERN_CHARS, BlockEntry, GuildPolicy
from bot.services import Services
from cogs.catalogue import t
from cogs.guards import is_moderator, manages_server, post_modlog

log = logging.getLogger(__name__)

MAX_ALLOWANCE: Final = 10_000
MAX_GRANT: Final = 1_000
MAX_CAP: Final = 1_000_000
MAX_REASON_CHARS: Final = 200
MODLOG_LOCALE: Final = "en-US"
# Discord's message limit, less room for the "and N more" line.
_LISTING_CHARS: Final = 1900

Interaction: TypeAlias = discord.Interaction[Any]
Someone: TypeAlias = discord.Member | discord.User
Allowance: TypeAlias = app_commands.Range[int, 0, MAX_ALLOWANCE]
Reason: TypeAlias = app_commands.Range[str, 1, MAX_REASON_CHARS]
Pattern: TypeAlias = app_commands.Range[str, 1, MAX_PATTERN_CHARS]
# A change made once the member is known to be a moderator: (server id, moderator id).
Change: TypeAlias = Callable[[int, int], Awaitable[object]]


def _text(key: str) -> locale_str:
    """A command or option description: English by default, localized by the translator."""
    return locale_str(t(key), key=key)


def _name(name: str, key: str) -> locale_str:
    """A command, group or option name: the English `name` is what Discord routes by (and what
    interactions carry); the translator shows each locale the catalogue's name for `key`."""
    return locale_str(name, key=key)


def _subcommand(
    group: app_commands.Group, name: str
) -> Callable[[Callable[..., Coroutine[Any, Any, None]]], app_commands.Command[Any, ..., None]]:
    """`group.command(name=...)`, named and described by the catalogue keys its path names."""
    path = f"{group.qualified_name} {name}".replace(" ", ".").replace("-", "_")
    return group.command(
        name=_name(name, f"command.{path}"), description=_text(f"command.{path}.description")
    )


def _subgroup(parent: app_commands.Group, name: str) -> app_commands.Group:
    """A group under `parent`, named and described by the catalogue keys its path names."""
    key = f"command.{parent.qualified_name}.{name}".replace(" ", ".")
    return app_commands.Group(
        name=_name(name, key), description=_text(f"{key}.description"), parent=parent
    )


_Decorated = TypeVar("_Decorated")


def _options(**descriptions: str) -> Callable[[_Decorated], _Decorated]:
    """Describe each parameter by its catalogue key, and localize its name (`mod.option_name.*`,
    one name per parameter across /mod); the English name stays the parameter's own."""

    def decorate(command: _Decorated) -> _Decorated:
        described = app_commands.describe(
            **{param: _text(key) for param, key in descriptions.items()}
        )(command)
        return app_commands.rename(
            **{param: _name(param, f"mod.option_name.{param}") for param in descriptions}
        )(described)

    return decorate


def code(text: str) -> str:
    """Moderator text shown verbatim in a code span (a backtick would end the span early)."""
    return f"`{text.replace('`', 'ˋ')}`"


def channel_list(channels: frozenset[int] | set[int]) -> str:
    """Channel mentions, sorted by id."""
    return ", ".join(f"<#{channel}>" for channel in sorted(channels))


def blocklist_listing(entries: list[BlockEntry], mode: str, locale: str) -> str:
    """The entries, one a line, cut to fit one message."""
    if not entries:
        return t("mod.blocklist.empty", locale)
    mode_name = t(f"mod.mode.{mode}", locale)
    lines = [t("mod.blocklist.title", locale, count=len(entries), mode=mode_name)]
    regex_mark = t("mod.blocklist.regex", locale)
    for shown, entry in enumerate(entries):
        line = f"• {code(entry.pattern)}" + (f" {regex_mark}" if entry.is_regex else "")
        if sum(len(x) + 1 for x in lines) + len(line) > _LISTING_CHARS:
            lines.append(t("mod.blocklist.more", locale, count=len(entries) - shown))
            break
        lines.append(line)
    return "\n".join(lines)


class ModerationCog(commands.Cog, name="Moderation"):
    """Translates /mod subcommands into Quotas and Moderation calls."""

    mod = app_commands.Group(
        name=_name("mod", "command.mod"),
        description=_text("command.mod.description"),
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )
    allowance_group = _subgroup(mod, "allowance")
    blocklist_group = _subgroup(mod, "blocklist")
    channels_group = _subgroup(mod, "channels")

    def __init__(self, bot: commands.Bot, services: Services) -> None:
        self.bot = bot
        self.quotas = services.quotas
        self.moderation = services.moderation

    async def _gate(self, interaction: Interaction) -> GuildPolicy | None:
        """The server's policy when the member is a moderator; otherwise refuse, return None."""
        guild_id = interaction.guild_id
        if guild_id is None:
            raise app_commands.NoPrivateMessage()
        policy = self.moderation.policy_now(guild_id)
        if is_moderator(interaction, policy):
            return policy
        log.info("Refused /mod to %s in guild %s: not a moderator", interaction.user.id, guild_id)
        await interaction.response.send_message(
            t("errors.not_allowed", str(interaction.locale)), ephemeral=True
        )
        return None

    async def _done(
        self, interaction: Interaction, before: GuildPolicy, key: str, **params: Any
    ) -> None:
        """Tell the moderator what changed, then log it to the mod-log."""
        await interaction.response.send_message(
            t(key, str(interaction.locale), **params), ephemeral=True
        )
        after = self.moderation.policy_now(before.guild_id)
        line = t(
            "modlog.action",
            MODLOG_LOCALE,
            moderator=interaction.user.mention,
            action=t(key, MODLOG_LOCALE, **params),
        )
        log.info("Moderator %s in guild %s: %s", interaction.user.id, before.guild_id, key)
        targets = dict.fromkeys((before.mod_log_channel_id, after.mod_log_channel_id))
        for channel_id in targets:
            if channel_id is not None:
                await post_modlog(self.bot, replace(after, mod_log_channel_id=channel_id), line)

    async def _act(
        self,
        interaction: Interaction,
        change: Change,
        key: str,
        *,
        owner_only: bool = False,
        **params: Any,
    ) -> None:
        """Gate, change, answer and log: the shape of most subcommands.

        `owner_only`: who moderates, where the mod-log goes and the safety-checker switch
        need Manage Server itself at run time (DESIGN §9): the moderator role must not be
        able to widen its own powers or silence the log.
        """
        if (policy := await self._gate(interaction)) is None:
            return
        if owner_only and not manages_server(interaction):
            log.info(
                "Refused %s to %s in guild %s: needs Manage Server",
                key,
                interaction.user.id,
                policy.guild_id,
            )
            await interaction.response.send_message(
                t("mod.needs_manage_server", str(interaction.locale)), ephemeral=True
            )
            return
        await change(policy.guild_id, interaction.user.id)
        await self._done(interaction, policy, key, **params)

    async def _allowance(
        self,
        interaction: Interaction,
        scope: str,
        target: int | None,
        images: int | None,
        **params: Any,
    ) -> None:
        """Set, or with `images` None remove, an allowance; the server's is keyed by its id."""
        await self._act(
            interaction,
            lambda guild, actor: self.quotas.set_allowance(
                guild, scope, target or guild, images, actor_id=actor
            ),
            f"mod.done.allowance_{scope}" + ("_removed" if images is None else ""),
            images=self.quotas.default_per_day if images is None else images,
            **params,
        )

    # -- allowances ------------------------------------------------------------------------------

    @_subcommand(allowance_group, "member")
    @_options(member="mod.option.member", images="mod.option.allowance")
    async def allowance_member(
        self, interaction: Interaction, member: Someone, images: Allowance | None = None
    ) -> None:
        """A member's own daily allowance, above any role or server default."""
        await self._allowance(interaction, "member", member.id, images, member=member.mention)

    @_subcommand(allowance_group, "role")
    @_options(role="mod.option.role", images="mod.option.allowance")
    async def allowance_role(
        self, interaction: Interaction, role: discord.Role, images: Allowance | None = None
    ) -> None:
        """A role tier: members get the best allowance among their roles."""
        await self._allowance(interaction, "role", role.id, images, role=role.mention)

    @_subcommand(allowance_group, "server")
    @_options(images="mod.option.allowance")
    async def allowance_server(
        self, interaction: Interaction, images: Allowance | None = None
    ) -> None:
        """The server's default allowance, below member and role settings."""
        await self._allowance(interaction, "guild", None, images)

    # -- one member's day ------------------------------------------------------------------------

    @_subcommand(mod, "grant")
    @_options(
        member="mod.option.member",
        images="mod.option.grant",
        reason="mod.option.reason",
    )
    async def grant(
        self,
        interaction: Interaction,
        member: Someone,
        images: app_commands.Range[int, 1, MAX_GRANT],
        reason: Reason | None = None,
    ) -> None:
        """Extra images for today, on top of the allowance."""
        why = reason or "granted by a moderator"
        await self._act(
            interaction,
            lambda guild, actor: self.quotas.grant(
                guild, member.id, images, actor_id=actor, reason=why
            ),
            "mod.done.grant_reason" if reason else "mod.done.grant",
            member=member.mention,
            images=images,
            reason=code(why),
        )

    @_subcommand(mod, "reset")
    @_options(member="mod.option.member")
    async def reset(self, interaction: Interaction, member: Someone) -> None:
        """Forgive what the member used today."""
        if (policy := await self._gate(interaction)) is None:
            return
        forgiven = await self.quotas.reset(policy.guild_id, member.id, actor_id=interaction.user.id)
        await self._done(
            interaction, policy, "mod.done.reset", member=member.mention, images=forgiven
        )

    @_subcommand(mod, "ban")
    @_options(member="mod.option.member", reason="mod.option.reason")
    async def ban(self, interaction: Interaction, member: Someone, reason: Reason) -> None:
        """Stop a member from generating in this server."""
        await self._act(
            interaction,
            lambda guild, actor: self.quotas.ban(guild, member.id, actor_id=actor, reason=reason),
            "mod.done.ban",
            member=member.mention,
            reason=code(reason),
        )

    @_subcommand(mod, "unban")
    @_options(member="mod.option.member")
    async def unban(self, interaction: Interaction, member: Someone) -> None:
        """Lift a ban; refused when there is none."""

        async def lift(guild: int, _actor: int) -> None:
            if not await self.quotas.unban(guild, member.id):
                raise InputRejected("member", "mod.refused.not_banned", member=member.mention)

        await self._act(interaction, lift, "mod.done.unban", member=member.mention)

    # -- blocklist -------------------------------------------------------------------------------

    @_subcommand(blocklist_group, "add")
    @_options(pattern="mod.option.pattern", regex="mod.option.regex")
    async def blocklist_add(
        self, interaction: Interaction, pattern: Pattern, regex: bool | None = None
    ) -> None:
        """A word (matched after normalizing) or a regular expression; checked before storing."""
        is_regex, shown = bool(regex), code(pattern.strip())

        async def add(guild: int, actor: int) -> None:
            entries = await self.moderation.blocklist(guild)
            if any(e.pattern == pattern.strip() and e.is_regex == is_regex for e in entries):
                raise InputRejected("pattern", "mod.refused.duplicate", pattern=shown)
            await self.moderation.add_block(guild, pattern, is_regex=is_regex, actor_id=actor)

        key = "mod.done.block_added_regex" if is_regex else "mod.done.block_added"
        await self._act(interaction, add, key, pattern=shown)

    @_subcommand(blocklist_group, "remove")
    @_options(pattern="mod.option.pattern_remove")
    async def blocklist_remove(self, interaction: Interaction, pattern: Pattern) -> None:
        """Remove an entry by its text; refused when there is none."""
        shown = code(pattern.strip())

        async def remove(guild: int, _actor: int) -> None:
            if not await self.moderation.remove_block(guild, pattern):
                raise InputRejected("pattern", "mod.refused.not_listed", pattern=shown)

        await self._act(interaction, remove, "mod.done.block_removed", pattern=shown)

    @_subcommand(blocklist_group, "list")
    async def blocklist_list(self, interaction: Interaction) -> None:
        """Every entry and the mode; only shown, so nothing is logged."""
        if (policy := await self._gate(interaction)) is None:
            return
        entries = await self.moderation.blocklist(policy.guild_id)
        text = blocklist_listing(entries, policy.blocklist_mode, str(interaction.locale))
        await interaction.response.send_message(text, ephemeral=True)

    @_subcommand(blocklist_group, "mode")
    @_options(mode="mod.option.mode")
    @app_commands.choices(
        mode=[
            app_commands.Choice(name=_text("mod.choice.refuse"), value="refuse"),
            app_commands.Choice(name=_text("mod.choice.review"), value="review"),
        ]
    )
    async def blocklist_mode(self, interaction: Interaction, mode: str) -> None:
        """Refuse matching prompts, or hold them for review in the mod-log."""

        async def switch(guild: int, _actor: int) -> None:
            if mode not in ("refuse", "review"):
                raise InputRejected("mode", "input.choice", choices="refuse, review", value=mode)
            await self.moderation.update_policy(guild, blocklist_mode=mode)

        await self._act(interaction, switch, f"mod.done.block_mode_{mode}")

    # -- channels --------------------------------------------------------------------------------

    @_subcommand(channels_group, "allow")
    @_options(channel="mod.option.channel")
    async def channels_allow(self, interaction: Interaction, channel: discord.TextChannel) -> None:
        """Add a channel to where /imagine may be used (the first one starts a restriction)."""
        if (policy := await self._gate(interaction)) is None:
            return
        allowed = set(policy.allowed_channels or ()) | {channel.id}
        await self.moderation.update_policy(policy.guild_id, allowed_channels=allowed)
        await self._done(
            interaction,
            policy,
            "mod.done.channel_allowed",
            channel=channel.mention,
            channels=channel_list(allowed),
        )

    @_subcommand(channels_group, "remove")
    @_options(channel="mod.option.channel")
    async def channels_remove(self, interaction: Interaction, channel: discord.TextChannel) -> None:
        """Take a channel off the list; removing the last one lifts the restriction."""
        if (policy := await self._gate(interaction)) is None:
            return
        listed = policy.allowed_channels
        if listed is None:
            raise InputRejected("channel", "mod.refused.no_restriction", channel=channel.mention)
        if channel.id not in listed:
            raise InputRejected(
                "channel",
                "mod.refused.channel_not_listed",
                channel=channel.mention,
                channels=channel_list(listed),
            )
        allowed = set(listed) - {channel.id}
        await self.moderation.update_policy(policy.guild_id, allowed_channels=allowed or None)
        await self._done(
            interaction,
            policy,
            "mod.done.channel_removed" if allowed else "mod.done.channel_removed_last",
            channel=channel.mention,
            channels=channel_list(allowed),
        )

    @_subcommand(channels_group, "all")
    async def channels_all(self, interaction: Interaction) -> None:
        """No restriction: /imagine works in every channel."""
        await self._act(
            interaction,
            lambda guild, actor: self.moderation.update_policy(guild, allowed_channels=None),
            "mod.done.channels_all",
        )

    @_subcommand(channels_group, "list")
    async def channels_list(self, interaction: Interaction) -> None:
        """Where /imagine may be used; only shown, so nothing is logged."""
        if (policy := await self._gate(interaction)) is None:
            return
        locale, listed = str(interaction.locale), policy.allowed_channels
        if listed is None:
            text = t("mod.channels.everywhere", locale)
        else:
            text = t("mod.channels.listed", locale, channels=channel_list(listed))
        await interaction.response.send_message(text, ephemeral=True)

    # -- server settings -------------------------------------------------------------------------

    @_subcommand(mod, "safety-checker")
    @_options(enabled="mod.option.enabled")
    async def safety_checker(self, interaction: Interaction, enabled: bool) -> None:
        """Whether disable_safety_checker is honoured (in age-restricted channels only)."""
        await self._act(
            interaction,
            lambda guild, actor: self.moderation.update_policy(
                guild, safety_checker_off_ok=int(enabled)
            ),
            "mod.done.safety_on" if enabled else "mod.done.safety_off",
            owner_only=True,
        )

    @_subcommand(mod, "modlog")
    @_options(channel="mod.option.modlog_channel")
    async def modlog(
        self, interaction: Interaction, channel: discord.TextChannel | None = None
    ) -> None:
        """Where moderator actions and refused prompts are posted (omitted: nowhere)."""
        await self._act(
            interaction,
            lambda guild, actor: self.moderation.update_policy(
                guild, mod_log_channel_id=channel.id if channel else None
            ),
            "mod.done.modlog_set" if channel else "mod.done.modlog_off",
            owner_only=True,
            channel=channel.mention if channel else "",
        )

    @_subcommand(mod, "role")
    @_options(role="mod.option.moderator_role")
    async def role(self, interaction: Interaction, role: discord.Role | None = None) -> None:
        """Members with this role count as moderators (omitted: only Manage Server does)."""
        if role is not None and (role.is_default() or role.managed):
            # @everyone would make every member a moderator; a managed role belongs to a
            # bot or an integration, whose members nobody here chooses.
            key = "mod.role_everyone" if role.is_default() else "mod.role_managed"
            await interaction.response.send_message(t(key, str(interaction.locale)), ephemeral=True)
            return
        await self._act(
            interaction,
            lambda guild, actor: self.moderation.update_policy(
                guild, moderator_role_id=role.id if role else None
            ),
            "mod.done.role_set" if role else "mod.done.role_none",
            owner_only=True,
            role=role.mention if role else "",
        )

    @_subcommand(mod, "cap")
    @_options(images="mod.option.cap")
    async def cap(
        self, interaction: Interaction, images: app_commands.Range[int, 0, MAX_CAP] | None = None
    ) -> None:
        """The most images the whole server may make in a UTC day (omitted: no cap)."""
        await self._act(
            interaction,
            lambda guild, actor: self.moderation.update_policy(guild, daily_cap=images),
            "mod.done.cap_none" if images is None else "mod.done.cap_set",
            images=images,
        )


async def setup(bot: commands.Bot) -> None:
    """Extension entry point."""
    services: Services = bot.services  # type: ignore[attr-defined]
    await bot.add_cog(ModerationCog(bot, services))
