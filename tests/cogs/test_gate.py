"""One gate for every generation, end to end: buttons and approvals meet the same rules as
/imagine, and held requests cannot be used to flood the moderators."""

from __future__ import annotations

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import EPHEMERAL, custom_ids, finished, job_id_of
from tests.cogs.test_review import blocklist, channel_messages
from tests.fakes.discord import FakeInteraction

pytestmark = pytest.mark.virtual_time

MOD = 1


def creates(stack: Stack) -> int:
    """How many predictions the bot asked Replicate for."""
    return sum(1 for r in stack.replicate.requests if r.method == "POST" and r.json)


async def refusal(interaction: FakeInteraction) -> str:
    """The private answer to a click or command."""
    callback = await interaction.wait_callback()
    assert callback["data"]["flags"] & EPHEMERAL, callback
    return str(callback["data"]["content"])


async def result(stack: Stack, prompt: str, **options: object) -> tuple[FakeInteraction, str]:
    """An /imagine that delivered; the interaction and its job id."""
    interaction = await stack.discord.send_command("imagine", {"prompt": prompt, **options})
    return interaction, job_id_of(await finished(interaction))


async def test_reroll_of_a_prompt_blocked_since_is_refused(stack: Stack) -> None:
    """A prompt that the moderators blocked after the original job cannot be rerolled."""
    interaction, job_id = await result(stack, "a forbidden zebra")
    await blocklist(stack, "refuse", modlog=False)
    assert interaction.original is not None
    for action in ("reroll", "vary"):
        custom_id = f"sdxl:{action}:{job_id}" + (":0" if action == "vary" else "")
        click = await stack.discord.click(
            interaction.original.id, custom_id, user=stack.discord.guild.owner_member
        )
        assert "do not allow" in await refusal(click)
    assert creates(stack) == 1


async def test_an_approved_prompt_is_reviewed_again_when_rerolled(stack: Stack) -> None:
    """Approval is for one request: a Reroll of its result goes back to the moderators."""
    modlog = await blocklist(stack, "review")
    interaction = await stack.discord.send_command("imagine", {"prompt": "something forbidden"})
    await interaction.wait_callback()
    await stack.discord.wait_until(lambda: bool(channel_messages(stack, modlog)))
    [review] = channel_messages(stack, modlog)
    approve = next(c for c in custom_ids(review) if ":approve:" in c)
    await (
        await stack.discord.click(review.id, approve, user=stack.discord.moderator)
    ).wait_callback()
    channel = stack.discord.channel_id
    await stack.discord.wait_until(
        lambda: any(m.attachments for m in channel_messages(stack, channel)), timeout=20
    )
    [approved] = [m for m in channel_messages(stack, channel) if m.attachments]
    reroll = await stack.discord.click(
        approved.id, f"sdxl:reroll:{job_id_of(approved)}", user=stack.discord.guild.owner_member
    )
    assert "review" in await refusal(reroll)
    assert creates(stack) == 1
    await stack.discord.wait_until(lambda: len(channel_messages(stack, modlog)) == 2)


async def test_results_in_a_channel_no_longer_allowed_cannot_be_rerolled_there(
    stack: Stack,
) -> None:
    """Once the moderators allow /imagine elsewhere only, a Reroll here is refused."""
    interaction, job_id = await result(stack, "a corgi")
    guild = stack.discord.guild_id
    await stack.services.moderation.update_policy(
        guild, allowed_channels={stack.discord.nsfw_channel_id}
    )
    assert interaction.original is not None
    click = await stack.discord.click(
        interaction.original.id, f"sdxl:reroll:{job_id}", user=interaction.user
    )
    assert f"<#{stack.discord.nsfw_channel_id}>" in await refusal(click)
    assert creates(stack) == 1


async def test_the_safety_checker_switch_is_checked_again_on_reroll(stack: Stack) -> None:
    """disable_safety_checker, allowed when the job ran, is refused on Reroll once switched off."""
    guild = stack.discord.guild_id
    await stack.services.moderation.update_policy(guild, safety_checker_off_ok=1)
    interaction = await stack.discord.send_command(
        "imagine",
        {"prompt": "a statue", "disable_safety_checker": True},
        channel_id=stack.discord.nsfw_channel_id,
    )
    job_id = job_id_of(await finished(interaction))
    await stack.services.moderation.update_policy(guild, safety_checker_off_ok=0)
    assert interaction.original is not None
    click = await stack.discord.click(
        interaction.original.id, f"sdxl:reroll:{job_id}", user=interaction.user
    )
    assert "safety" in (await refusal(click)).lower()
    assert creates(stack) == 1


async def test_a_banned_member_cannot_reach_the_moderators_through_reviews(stack: Stack) -> None:
    """Held requests check bans: a banned member is refused and the mod-log stays quiet."""
    modlog = await blocklist(stack, "review")
    member = stack.discord.member
    await stack.services.quotas.ban(
        stack.discord.guild_id, int(member["user"]["id"]), actor_id=MOD, reason="spam"
    )
    for _ in range(3):
        interaction = await stack.discord.send_command(
            "imagine", {"prompt": "something forbidden"}, user=member
        )
        assert "stopped you from generating" in await refusal(interaction)
    assert not [m for m in channel_messages(stack, modlog) if m.components]
    pending = await stack.services.store.fetch_one("SELECT COUNT(*) FROM reviews")
    assert pending == (0,)
    assert creates(stack) == 0


async def test_held_requests_are_rationed(stack: Stack) -> None:
    """A member's held requests wait one at a time: the next one right after is refused with
    when to try again, and only one review reaches the mod-log."""
    modlog = await blocklist(stack, "review")
    answers = []
    for index in range(4):
        interaction = await stack.discord.send_command(
            "imagine", {"prompt": f"something forbidden {index}"}
        )
        answers.append(await refusal(interaction))
    assert "review" in answers[0]
    assert all("Try again in" in answer for answer in answers[1:]), answers
    await stack.discord.wait_until(lambda: bool(channel_messages(stack, modlog)))
    assert len([m for m in channel_messages(stack, modlog) if m.components]) == 1
    assert creates(stack) == 0


async def test_a_pathological_regex_cannot_freeze_the_bot(stack: Stack) -> None:
    """The moderator pattern that froze the bot for minutes is accepted by the linear-time
    engine, and a long prompt against it is answered like any other."""
    answer = await stack.discord.send_command(
        "mod",
        {"pattern": r"\w*\w*\w*\w*\w*\w*#", "regex": True},
        subcommand=["blocklist", "add"],
        user=stack.discord.moderator,
    )
    assert "Added the regular expression" in (await answer.wait_callback())["data"]["content"]
    interaction = await stack.discord.send_command("imagine", {"prompt": "a" * 100 + " corgi"})
    assert (await interaction.wait_callback(timeout=3))["type"] == 5  # deferred in time
    assert (await finished(interaction)).attachments
    heartbeat = await stack.discord.send_command("imagine", {"prompt": "a corgi " + "b" * 900})
    assert (await heartbeat.wait_callback(timeout=3))["type"] == 5


async def test_a_plural_cannot_slip_past_a_blocked_word(stack: Stack) -> None:
    """Blocking `zebra` refuses "zebras" (leetspeak too), and costs nothing."""
    await stack.services.moderation.add_block(
        stack.discord.guild_id, "zebra", is_regex=False, actor_id=MOD
    )
    for prompt in ("three zebras at dawn", "a z3bras herd"):
        interaction = await stack.discord.send_command("imagine", {"prompt": prompt})
        assert "do not allow" in await refusal(interaction)
    assert creates(stack) == 0
