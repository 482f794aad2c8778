"""The client asks Discord for the GUILDS intent only, and works with nothing else."""

from __future__ import annotations

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import finished
from tests.fakes.discord_gateway import GUILDS_INTENT, intent_of

pytestmark = pytest.mark.virtual_time


def test_message_events_need_the_message_intents() -> None:
    """The fake withholds what Discord withholds: MESSAGE_* by GUILD_/DIRECT_MESSAGES."""
    assert intent_of("MESSAGE_UPDATE", {"guild_id": "1"}) == 1 << 9
    assert intent_of("MESSAGE_CREATE", {}) == 1 << 12
    assert intent_of("GUILD_ROLE_CREATE", {}) == GUILDS_INTENT
    assert intent_of("INTERACTION_CREATE", {}) is None


async def test_the_bot_identifies_with_guilds_only_and_still_delivers(stack: Stack) -> None:
    """With GUILDS alone the guild is cached, /imagine works, and no message event arrives."""
    session = stack.discord._gateway.session
    assert session is not None and session.intents == GUILDS_INTENT
    assert stack.bot.get_guild(stack.discord.guild_id) is not None
    interaction = await stack.discord.send_command("imagine", {"prompt": "a quiet bot"})
    message = await finished(interaction)
    assert message.attachments
    # Every edit of the status message was an event Discord would not send to this bot.
    assert stack.discord._gateway.withheld.get("MESSAGE_UPDATE", 0) >= 1
