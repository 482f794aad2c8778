"""/mod end to end: every subcommand through the fake Discord, its effect, and its mod-log line."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from tests.cogs.conftest import Stack
from tests.fakes.discord import (
    EVERYONE_PERMISSIONS,
    MANAGE_GUILD,
    MANAGE_MESSAGES,
    FakeInteraction,
    FakeMessage,
)

pytestmark = pytest.mark.virtual_time

EPHEMERAL = 64


@pytest.fixture
async def modlog(stack: Stack) -> int:
    """The mod-log channel (the fake's second channel), set before the test runs."""
    channel = stack.discord.nsfw_channel_id
    await stack.services.moderation.update_policy(
        stack.discord.guild_id, mod_log_channel_id=channel
    )
    return channel


def user_id(member: dict[str, Any]) -> int:
    """The id of a member payload."""
    return int(member["user"]["id"])


def posts_in(stack: Stack, channel_id: int) -> list[FakeMessage]:
    """The bot's own channel messages (not interaction replies) in a channel, oldest first."""
    return [
        m
        for m in stack.discord.messages.values()
        if m.channel_id == channel_id and m.interaction_id is None and not m.deleted
    ]


async def logged(stack: Stack, channel_id: int, *needles: str) -> FakeMessage:
    """The mod-log post containing every needle, once it arrives; it must mention no one."""

    def found() -> FakeMessage | None:
        return next(
            (m for m in posts_in(stack, channel_id) if all(n in m.content for n in needles)), None
        )

    await stack.discord.wait_until(lambda: found() is not None)
    message = found()
    assert message is not None
    assert message.allowed_mentions is not None and message.allowed_mentions.get("parse") == []
    assert message.mentions == [] and message.mention_roles == []
    return message


async def mod(
    stack: Stack,
    path: list[str],
    options: dict[str, Any] | None = None,
    *,
    user: dict[str, Any] | None = None,
    locale: str = "en-US",
) -> str:
    """Run /mod <path> (as the moderator by default); the text of its private answer."""
    interaction = await stack.discord.send_command(
        "mod",
        options or {},
        subcommand=path,
        user=user if user is not None else stack.discord.moderator,
        locale=locale,
    )
    return await private_text(interaction)


async def private_text(interaction: FakeInteraction) -> str:
    """The content of the bot's ephemeral answer, first response or follow-up."""
    await interaction.wait_for(
        lambda i: (i.callback is not None and i.callback["type"] == 4) or bool(i.followups)
    )
    if interaction.followups:
        [message] = interaction.followups
        assert message.ephemeral
        return message.content
    assert interaction.callback is not None
    data = interaction.callback["data"]
    assert data["flags"] & EPHEMERAL
    return str(data.get("content", ""))


async def imagine_result(stack: Stack, options: dict[str, Any], **kwargs: Any) -> str | None:
    """Run /imagine to its end: the text of its private refusal, or None once images arrived."""
    interaction = await stack.discord.send_command("imagine", options, **kwargs)

    def ended(i: FakeInteraction) -> bool:
        refused = i.callback is not None and i.callback["type"] == 4
        done = i.original is not None and not i.original.loading and bool(i.original.attachments)
        return refused or bool(i.followups) or done

    await interaction.wait_for(ended, timeout=20)
    if interaction.original is not None and interaction.original.attachments:
        return None
    return await private_text(interaction)


async def eventually(check: Any, timeout: float = 10) -> None:
    """Until the async `check()` holds (the ledger is written just after a delivery)."""
    deadline = time.monotonic() + timeout
    while not await check():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


def new_role(stack: Stack, name: str) -> int:
    """A role made the fake's way (a member with an extra permission gets one)."""
    holder = stack.discord.add_user(
        f"{name}-holder", permissions=EVERYONE_PERMISSIONS | MANAGE_MESSAGES
    )
    return int(holder["roles"][-1])


# -- the command itself ----------------------------------------------------------------------------


async def test_mod_is_one_guild_only_group_hidden_from_non_moderators(stack: Stack) -> None:
    """/mod is synced once, for Manage Server by default, with every subcommand, localized."""
    [command] = [
        c for c in stack.discord.guild_commands[stack.discord.guild_id] if c["name"] == "mod"
    ]
    assert int(command["default_member_permissions"]) == MANAGE_GUILD
    assert command["dm_permission"] is False
    assert command["description_localizations"]["zh-CN"].startswith("管理员工具")
    children = {o["name"]: o for o in command["options"]}
    grouped = {"allowance", "blocklist", "channels"}
    assert set(children) == grouped | {
        "grant", "reset", "ban", "unban", "safety-checker", "modlog", "role", "cap",
    }  # fmt: skip
    subcommands = {g: {o["name"]: o for o in children[g]["options"]} for g in grouped}
    assert set(subcommands["allowance"]) == {"member", "role", "server"}
    assert set(subcommands["blocklist"]) == {"add", "remove", "list", "mode"}
    assert set(subcommands["channels"]) == {"allow", "remove", "all", "list"}
    member, images = subcommands["allowance"]["member"]["options"]
    assert (member["type"], member["required"]) == (6, True)
    assert (images["min_value"], images["max_value"], images["required"]) == (0, 10000, False)
    [mode] = subcommands["blocklist"]["mode"]["options"]
    assert [c["value"] for c in mode["choices"]] == ["refuse", "review"]
    assert mode["choices"][1]["name_localizations"]["zh-CN"] == "在管理日志中等待审核"


# -- allowances, grants, resets, bans --------------------------------------------------------------


async def test_allowance_member_sets_and_removes_an_override(stack: Stack, modlog: int) -> None:
    """images=3 sets the member's allowance and logs it; omitting images removes it again."""
    member, guild = stack.discord.member, stack.discord.guild_id
    answer = await mod(stack, ["allowance", "member"], {"member": member, "images": 3})
    assert f"<@{user_id(member)}>'s daily allowance is now 3 images" in answer
    assert await stack.services.quotas.allowance(guild, user_id(member), []) == (3, "member")
    await logged(stack, modlog, f"<@{user_id(stack.discord.moderator)}>", "is now 3 images")
    answer = await mod(stack, ["allowance", "member"], {"member": member})
    assert "no longer has an allowance of their own" in answer
    assert await stack.services.quotas.allowance(guild, user_id(member), []) == (25, "default")
    await logged(stack, modlog, "no longer has an allowance")


async def test_allowance_role_gives_role_members_that_allowance(stack: Stack, modlog: int) -> None:
    """A role tier of 40 shows in a role member's /quota; the mod-log names the role."""
    role = new_role(stack, "patron")
    patron = stack.discord.add_user("patron", roles=[role])
    answer = await mod(stack, ["allowance", "role"], {"role": role, "images": 40})
    assert f"<@&{role}> now get 40 images a day" in answer
    interaction = await stack.discord.send_command("quota", user=patron)
    assert "Left: **40** of 40" in await private_text(interaction)
    await logged(stack, modlog, f"<@&{role}>", "40 images")


async def test_allowance_server_sets_the_default(stack: Stack, modlog: int) -> None:
    """The server default applies to everyone without a better setting; omitted: the bot's."""
    guild, member = stack.discord.guild_id, user_id(stack.discord.member)
    assert "default daily allowance is now 7" in await mod(
        stack, ["allowance", "server"], {"images": 7}
    )
    assert await stack.services.quotas.allowance(guild, member, []) == (7, "guild")
    assert "the bot's default of 25" in await mod(stack, ["allowance", "server"])
    assert await stack.services.quotas.allowance(guild, member, []) == (25, "default")
    await logged(stack, modlog, "default daily allowance was removed")


async def test_grant_adds_images_for_today_with_the_reason(stack: Stack, modlog: int) -> None:
    """A grant raises today's limit; the reason is shown inert in the reply and the log."""
    member = stack.discord.member
    answer = await mod(stack, ["grant"], {"member": member, "images": 5, "reason": "won @here"})
    assert "5 extra images" in answer and "`won @here`" in answer
    balance = await stack.services.quotas.balance(stack.discord.guild_id, user_id(member), [])
    assert (balance.granted, balance.left) == (5, 30)
    message = await logged(stack, modlog, "5 extra images", "won @here")
    assert not message.mention_everyone


async def test_reset_forgives_todays_use(stack: Stack, modlog: int) -> None:
    """After two images, a reset gives them back and says how many."""
    refusal = await imagine_result(stack, {"prompt": "two", "num_outputs": 2})
    assert refusal is None
    quotas, guild, member = stack.services.quotas, stack.discord.guild_id, stack.discord.member

    async def settled() -> bool:
        return (await quotas.balance(guild, user_id(member), [])).settled == 2

    await eventually(settled)
    answer = await mod(stack, ["reset"], {"member": member})
    assert "2 images forgiven" in answer
    assert (await quotas.balance(guild, user_id(member), [])).left == 25
    await logged(stack, modlog, "Reset", "2 images forgiven")


async def test_ban_refuses_the_members_imagine_and_charges_nothing(
    stack: Stack, modlog: int
) -> None:
    """A banned member's /imagine is refused privately; nothing is sent or charged."""
    member = stack.discord.member
    answer = await mod(stack, ["ban"], {"member": member, "reason": "spam"})
    assert "may no longer generate" in answer and "`spam`" in answer
    await logged(stack, modlog, f"<@{user_id(member)}>", "may no longer generate", "spam")
    refusal = await imagine_result(stack, {"prompt": "please"})
    assert refusal is not None and "stopped you from generating" in refusal
    assert stack.replicate.requests == []
    balance = await stack.services.quotas.balance(stack.discord.guild_id, user_id(member), [])
    assert (balance.consumed, balance.in_progress) == (0, 0)


async def test_unban_lets_the_member_generate_again(stack: Stack, modlog: int) -> None:
    """Unban lifts the ban and logs it; unbanning someone not banned is refused, unlogged."""
    member, guild = stack.discord.member, stack.discord.guild_id
    await stack.services.quotas.ban(guild, user_id(member), actor_id=1, reason="x")
    assert "may generate images again" in await mod(stack, ["unban"], {"member": member})
    assert not await stack.services.quotas.is_banned(guild, user_id(member))
    await logged(stack, modlog, "may generate images again")
    before = len(posts_in(stack, modlog))
    assert "is not banned; nothing changed" in await mod(stack, ["unban"], {"member": member})
    refusal = await imagine_result(stack, {"prompt": "free again"})
    assert refusal is None
    assert len(posts_in(stack, modlog)) == before


# -- blocklist -----------------------------------------------------------------------------------


async def test_blocklist_add_refuses_matching_prompts_and_logs_them(
    stack: Stack, modlog: int
) -> None:
    """After adding a word, a disguised use of it is refused and the prompt goes to the mod-log."""
    assert "Added the word `corgi`" in await mod(stack, ["blocklist", "add"], {"pattern": "corgi"})
    await logged(stack, modlog, "Added the word `corgi`")
    refusal = await imagine_result(stack, {"prompt": "a fluffy C0RG1 on a beach"})
    assert refusal is not None and "do not allow" in refusal
    await logged(stack, modlog, "Refused a prompt", "a fluffy C0RG1 on a beach")
    assert stack.replicate.requests == []


async def test_blocklist_add_takes_a_regular_expression(stack: Stack, modlog: int) -> None:
    """regex=True stores a regular expression, and it matches the normalized prompt."""
    answer = await mod(stack, ["blocklist", "add"], {"pattern": r"dogs?\b", "regex": True})
    assert "regular expression `dogs?\\b`" in answer
    [entry] = await stack.services.moderation.blocklist(stack.discord.guild_id)
    assert entry.is_regex
    refusal = await imagine_result(stack, {"prompt": "two DOGS"})
    assert refusal is not None and "do not allow" in refusal


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"pattern": "(unclosed", "regex": True}, "does not compile"),
        ({"pattern": r"(a)\1", "regex": True}, "refers back to a group"),
        ({"pattern": "   "}, "is empty"),
    ],
    ids=["not-compiling", "backreference", "blank"],
)
async def test_blocklist_add_refuses_bad_patterns_and_changes_nothing(
    stack: Stack, modlog: int, options: dict[str, Any], expected: str
) -> None:
    """A pattern check_pattern refuses is answered privately; nothing is stored or logged."""
    assert expected in await mod(stack, ["blocklist", "add"], options)
    assert await stack.services.moderation.blocklist(stack.discord.guild_id) == []
    assert posts_in(stack, modlog) == []


async def test_blocklist_remove_and_list(stack: Stack, modlog: int) -> None:
    """list shows entries (regex marked); remove takes one off; an unknown one is refused."""
    guild = stack.discord.guild_id
    assert "The blocklist is empty" in await mod(stack, ["blocklist", "list"])
    await stack.services.moderation.add_block(guild, "corgi", is_regex=False, actor_id=1)
    await stack.services.moderation.add_block(guild, "c[a@]t", is_regex=True, actor_id=1)
    listing = await mod(stack, ["blocklist", "list"])
    assert "2 entries" in listing and "• `corgi`" in listing
    assert "• `c[a@]t` (regular expression)" in listing
    assert "Removed `corgi`" in await mod(stack, ["blocklist", "remove"], {"pattern": "corgi"})
    assert [e.pattern for e in await stack.services.moderation.blocklist(guild)] == ["c[a@]t"]
    await logged(stack, modlog, "Removed `corgi`")
    assert "not in the blocklist" in await mod(stack, ["blocklist", "remove"], {"pattern": "corgi"})
    assert "Added the word `fox`" in await mod(stack, ["blocklist", "add"], {"pattern": "fox"})
    assert "already in the blocklist" in await mod(stack, ["blocklist", "add"], {"pattern": "fox"})


async def test_blocklist_mode_switches_to_review(stack: Stack, modlog: int) -> None:
    """mode=review is stored and logged; mode=refuse switches back."""
    guild = stack.discord.guild_id
    assert "held for review" in await mod(stack, ["blocklist", "mode"], {"mode": "review"})
    assert stack.services.moderation.policy_now(guild).blocklist_mode == "review"
    await logged(stack, modlog, "held for review")
    assert "now refused" in await mod(stack, ["blocklist", "mode"], {"mode": "refuse"})
    assert stack.services.moderation.policy_now(guild).blocklist_mode == "refuse"


# -- channels and settings -----------------------------------------------------------------------


async def test_channels_allow_limits_imagine_to_the_listed_channels(
    stack: Stack, modlog: int
) -> None:
    """After allowing one channel, /imagine elsewhere is refused naming it; all lifts it."""
    allowed = stack.discord.nsfw_channel_id
    answer = await mod(stack, ["channels", "allow"], {"channel": allowed})
    assert f"may now be used in <#{allowed}>" in answer
    await logged(stack, modlog, f"<#{allowed}>")
    refusal = await imagine_result(stack, {"prompt": "here"})
    assert refusal is not None and f"<#{allowed}>" in refusal
    assert f"only in: <#{allowed}>" in await mod(stack, ["channels", "list"])
    assert "every channel" in await mod(stack, ["channels", "all"])
    assert stack.services.moderation.policy_now(stack.discord.guild_id).allowed_channels is None
    assert "every channel" in await mod(stack, ["channels", "list"])
    refusal = await imagine_result(stack, {"prompt": "here again"})
    assert refusal is None


async def test_channels_remove(stack: Stack, modlog: int) -> None:
    """Removing one of two keeps the other; the last lifts the restriction; others are refused."""
    general, other = stack.discord.channel_id, stack.discord.nsfw_channel_id
    policy = stack.services.moderation
    refused = await mod(stack, ["channels", "remove"], {"channel": general})
    assert "not limited to any channels" in refused
    assert policy.policy_now(stack.discord.guild_id).allowed_channels is None
    await policy.update_policy(stack.discord.guild_id, allowed_channels={general, other})
    answer = await mod(stack, ["channels", "remove"], {"channel": general})
    assert f"no longer be used in <#{general}>" in answer
    assert policy.policy_now(stack.discord.guild_id).allowed_channels == frozenset({other})
    refused = await mod(stack, ["channels", "remove"], {"channel": general})
    assert "is not an allowed channel; nothing changed" in refused
    answer = await mod(stack, ["channels", "remove"], {"channel": other})
    assert "restriction is lifted" in answer
    assert policy.policy_now(stack.discord.guild_id).allowed_channels is None
    await logged(stack, modlog, "restriction is lifted")


async def test_safety_checker_switch(stack: Stack, modlog: int) -> None:
    """Only once enabled is disable_safety_checker honoured in an age-restricted channel."""
    options = {"prompt": "x", "disable_safety_checker": True}
    nsfw = stack.discord.nsfw_channel_id
    refusal = await imagine_result(stack, options, channel_id=nsfw)
    assert refusal is not None and "disable_safety_checker" in refusal
    assert "may now turn off" in await mod(stack, ["safety-checker"], {"enabled": True})
    await logged(stack, modlog, "may now turn off the safety checker")
    refusal = await imagine_result(stack, options, channel_id=nsfw)
    assert refusal is None
    assert stack.replicate.requests[0].json["input"]["disable_safety_checker"] is True
    assert "no longer turn off" in await mod(stack, ["safety-checker"], {"enabled": False})
    assert not stack.services.moderation.policy_now(stack.discord.guild_id).safety_checker_off_ok


async def test_modlog_moves_and_turns_off(stack: Stack) -> None:
    """Setting the mod-log posts there; turning it off is still logged in the old channel."""
    general = stack.discord.channel_id
    assert f"posted in <#{general}>" in await mod(stack, ["modlog"], {"channel": general})
    assert (
        stack.services.moderation.policy_now(stack.discord.guild_id).mod_log_channel_id == general
    )
    await logged(stack, general, "now posted in")
    assert "mod-log is now off" in await mod(stack, ["modlog"])
    assert stack.services.moderation.policy_now(stack.discord.guild_id).mod_log_channel_id is None
    await logged(stack, general, "mod-log is now off")


async def test_role_makes_its_members_moderators(stack: Stack, modlog: int) -> None:
    """A member without Manage Server may use /mod once their role is the moderator role."""
    role = new_role(stack, "helpers")
    helper = stack.discord.add_user("helper", roles=[role])
    refused = await mod(stack, ["cap"], {"images": 3}, user=helper)
    assert "don't have permission" in refused
    assert f"<@&{role}> may now use" in await mod(stack, ["role"], {"role": role})
    assert "at most 3 images" in await mod(stack, ["cap"], {"images": 3}, user=helper)
    await logged(stack, modlog, f"<@{user_id(helper)}>", "at most 3 images")
    assert "no moderator role" in await mod(stack, ["role"])
    assert "don't have permission" in await mod(stack, ["cap"], user=helper)
    assert stack.services.moderation.policy_now(stack.discord.guild_id).daily_cap == 3


async def test_cap_stops_the_server_once_used_up(stack: Stack, modlog: int) -> None:
    """With a cap of 1, a second image is refused for another member; omitted lifts it."""
    assert "at most 1 image a day" in await mod(stack, ["cap"], {"images": 1})
    await logged(stack, modlog, "at most 1 image a day")
    refusal = await imagine_result(stack, {"prompt": "first"})
    assert refusal is None
    other = stack.discord.add_user("bob")
    refusal = await imagine_result(stack, {"prompt": "second"}, user=other)
    assert refusal is not None and "used the 1 image it may make today" in refusal
    balance = await stack.services.quotas.balance(stack.discord.guild_id, user_id(other), [])
    assert balance.consumed == 0
    assert "no longer has a daily cap" in await mod(stack, ["cap"])
    assert stack.services.moderation.policy_now(stack.discord.guild_id).daily_cap is None


# -- who may use it --------------------------------------------------------------------------------

EVERY_SUBCOMMAND: list[tuple[list[str], dict[str, Any]]] = [
    (["allowance", "member"], {"images": 0}),
    (["allowance", "role"], {"images": 0}),
    (["allowance", "server"], {"images": 0}),
    (["grant"], {"images": 100}),
    (["reset"], {}),
    (["ban"], {"reason": "no"}),
    (["unban"], {}),
    (["blocklist", "add"], {"pattern": "corgi"}),
    (["blocklist", "remove"], {"pattern": "kept"}),
    (["blocklist", "list"], {}),
    (["blocklist", "mode"], {"mode": "review"}),
    (["channels", "allow"], {}),
    (["channels", "remove"], {}),
    (["channels", "all"], {}),
    (["channels", "list"], {}),
    (["safety-checker"], {"enabled": True}),
    (["modlog"], {}),
    (["role"], {}),
    (["cap"], {"images": 0}),
]


@pytest.mark.parametrize(
    ("path", "options"), EVERY_SUBCOMMAND, ids=lambda v: "-".join(v) if isinstance(v, list) else ""
)
async def test_a_plain_member_is_refused_and_nothing_changes(
    stack: Stack, modlog: int, path: list[str], options: dict[str, Any]
) -> None:
    """Even when Discord lets a member run /mod, the bot refuses and changes nothing."""
    guild, member = stack.discord.guild_id, stack.discord.member
    banned = stack.discord.guild.owner_member
    role = new_role(stack, "someone")
    filled = dict(options)
    if path[-1] in ("member", "grant", "reset", "ban"):
        filled["member"] = member
    if path == ["unban"]:
        filled["member"] = banned
    if path == ["allowance", "role"] or path == ["role"]:
        filled["role"] = role
    if path[0] == "channels" and path[-1] in ("allow", "remove"):
        filled["channel"] = stack.discord.channel_id
    moderation, quotas, store = (
        stack.services.moderation,
        stack.services.quotas,
        stack.services.store,
    )
    await moderation.update_policy(guild, allowed_channels={stack.discord.channel_id}, daily_cap=9)
    await moderation.add_block(guild, "kept", is_regex=False, actor_id=1)
    await quotas.ban(guild, user_id(banned), actor_id=1, reason="x")
    # Two images used today, so a reset would show.
    await store.insert_job(
        id="0" * 16, guild_id=guild, requester_id=user_id(member), locale="en-US",
        request_json="{}", state="done",
    )  # fmt: skip
    await quotas.reserve(
        job_id="0" * 16, guild_id=guild, user_id=user_id(member), role_ids=[], images=2
    )
    await quotas.settle("0" * 16, 2)
    policy_before = moderation.policy_now(guild)
    blocklist_before = await moderation.blocklist(guild)
    balance_before = await quotas.balance(guild, user_id(member), [role])
    answer = await mod(stack, path, filled, user=member)
    assert answer == "You don't have permission to use this command here."
    assert moderation.policy_now(guild) == policy_before
    assert await moderation.blocklist(guild) == blocklist_before
    assert await quotas.balance(guild, user_id(member), [role]) == balance_before
    assert await quotas.is_banned(guild, user_id(banned))
    assert not await quotas.is_banned(guild, user_id(member))
    assert posts_in(stack, modlog) == []


async def test_answers_are_in_the_moderators_language_and_the_log_in_english(
    stack: Stack, modlog: int
) -> None:
    """A zh-CN moderator is answered in Chinese; the mod-log line stays English."""
    answer = await mod(stack, ["cap"], {"images": 4}, locale="zh-CN")
    assert answer == "本服务器现在每天（UTC）最多生成 4 张图片。"
    await logged(stack, modlog, "at most 4 images a day")
    refused = await mod(stack, ["cap"], user=stack.discord.member, locale="zh-CN")
    assert refused == "你没有在这里使用此命令的权限。"


# -- rights that need Manage Server itself (DESIGN §9) ---------------------------------------------


@pytest.mark.parametrize(
    ("path", "options"),
    [(["role"], {}), (["modlog"], {}), (["safety-checker"], {"enabled": True})],
    ids=["role", "modlog", "safety-checker"],
)
async def test_the_moderator_role_cannot_change_who_moderates_or_silence_the_log(
    stack: Stack, modlog: int, path: list[str], options: dict[str, Any]
) -> None:
    """A member who moderates through the role, without Manage Server, is refused who
    moderates, the mod-log channel and the safety-checker switch; nothing changes."""
    role = new_role(stack, "helpers")
    helper = stack.discord.add_user("helper", roles=[role])
    await mod(stack, ["role"], {"role": role})
    guild = stack.discord.guild_id
    before = stack.services.moderation.policy_now(guild)
    filled = dict(options)
    if path == ["role"]:
        filled["role"] = new_role(stack, "friends")
    answer = await mod(stack, path, filled, user=helper)
    assert "Only members with Manage Server" in answer
    assert stack.services.moderation.policy_now(guild) == before
    if path == ["role"]:  # @everyone, the way the helper tried it
        assert "cannot be the moderator role" in await mod(
            stack, path, {"role": guild}, user=helper
        )
        assert stack.services.moderation.policy_now(guild) == before
    assert "at most 2 images" in await mod(stack, ["cap"], {"images": 2}, user=helper)


async def test_everyone_and_managed_roles_can_never_be_the_moderator_role(
    stack: Stack, modlog: int
) -> None:
    """Even with Manage Server: @everyone would make every member a moderator, and a
    bot's managed role has members nobody here chose; both are refused."""
    guild = stack.discord.guild_id
    managed = next(int(r["id"]) for r in stack.discord.roles.values() if r.get("managed"))
    assert "@everyone cannot be the moderator role" in await mod(stack, ["role"], {"role": guild})
    assert "managed by a bot" in await mod(stack, ["role"], {"role": managed})
    assert stack.services.moderation.policy_now(guild).moderator_role_id is None
    refused = await mod(stack, ["cap"], {"images": 1}, user=stack.discord.member)
    assert "don't have permission" in refused


async def test_an_everyone_moderator_role_stored_earlier_grants_nothing(
    stack: Stack, modlog: int
) -> None:
    """A database that already names @everyone as the moderator role (set by an older
    version) does not make every member a moderator."""
    guild = stack.discord.guild_id
    await stack.services.moderation.update_policy(guild, moderator_role_id=guild)
    refused = await mod(stack, ["cap"], {"images": 1}, user=stack.discord.member)
    assert "don't have permission" in refused
