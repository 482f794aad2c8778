"""/imagine in threads, end to end: a thread follows its parent channel under `/mod channels
allow`, and results in a thread stay in it (Reroll, delivery after the token expired)."""

from __future__ import annotations

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_gate import creates, refusal
from tests.cogs.test_imagine import DEFERRED, finished, job_id_of

pytestmark = pytest.mark.virtual_time


async def allow_main_channel_only(stack: Stack) -> None:
    """The moderators limit /imagine to the main channel (as `/mod channels allow` does)."""
    await stack.services.moderation.update_policy(
        stack.discord.guild_id, allowed_channels={stack.discord.channel_id}
    )


async def test_imagine_in_a_thread_of_an_allowed_channel_is_delivered(stack: Stack) -> None:
    """A thread under the one allowed channel is allowed: the images arrive in the thread."""
    await allow_main_channel_only(stack)
    thread = stack.discord.add_thread(stack.discord.channel_id, "corgi ideas")
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "a corgi in a thread"}, channel_id=thread
    )
    assert (await interaction.wait_callback())["type"] == DEFERRED
    message = await finished(interaction)
    assert message.attachments and message.channel_id == thread
    assert creates(stack) == 1


async def test_imagine_in_a_thread_of_another_channel_is_refused(stack: Stack) -> None:
    """A thread under a channel that is not allowed is refused privately, naming the allowed
    channel, and nothing reaches Replicate."""
    await allow_main_channel_only(stack)
    thread = stack.discord.add_thread(stack.discord.nsfw_channel_id, "after hours")
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "a corgi elsewhere"}, channel_id=thread
    )
    assert f"<#{stack.discord.channel_id}>" in await refusal(interaction)
    assert stack.replicate.requests == []
    assert not any(m.attachments for m in stack.discord.messages.values())


async def test_reroll_in_an_allowed_thread_makes_a_new_job_there(stack: Stack) -> None:
    """Reroll on a result inside an allowed thread passes the gate and delivers in the thread."""
    await allow_main_channel_only(stack)
    thread = stack.discord.add_thread(stack.discord.channel_id, "rerolls")
    first = await stack.discord.send_command(
        "imagine", {"prompt": "a corgi, again", "seed": 3}, channel_id=thread
    )
    message = await finished(first)
    reroll = await stack.discord.click(
        message.id, f"sdxl:reroll:{job_id_of(message)}", user=first.user
    )
    assert reroll.channel_id == thread
    assert (await reroll.wait_callback())["type"] == DEFERRED
    rerolled = await finished(reroll)
    assert rerolled.attachments and rerolled.channel_id == thread
    assert job_id_of(rerolled) != job_id_of(message)
    assert creates(stack) == 2


async def test_an_expired_token_delivers_into_the_thread(stack: Stack) -> None:
    """With the reply no longer editable, the images are posted in the thread itself."""
    await allow_main_channel_only(stack)
    stack.replicate.timing.step = 0.05
    thread = stack.discord.add_thread(stack.discord.channel_id, "slow ones")
    interaction = await stack.discord.send_command(
        "imagine", {"prompt": "a late corgi"}, channel_id=thread
    )
    await interaction.wait_callback()
    stack.discord.advance(16 * 60)
    await stack.discord.wait_until(
        lambda: any(
            m.attachments and m.interaction_id is None for m in stack.discord.messages.values()
        ),
        timeout=20,
    )
    [delivered] = [
        m for m in stack.discord.messages.values() if m.attachments and m.interaction_id is None
    ]
    assert delivered.channel_id == thread
    assert f"<@{interaction.user['user']['id']}>" in delivered.content
