"""/imagine in webhook mode: Replicate pushes the prediction to the bot's receiver."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from tests.cogs.conftest import Stack
from tests.cogs.test_imagine import finished, job_id_of

pytestmark = pytest.mark.virtual_time


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    """WEBHOOK_PUBLIC_URL on this machine, WEBHOOK_LISTEN on the same free port."""
    port = _free_port()
    return {
        "webhook_public_url": f"http://127.0.0.1:{port}/replicate/webhook",
        "webhook_listen": f"127.0.0.1:{port}",
    }


async def test_imagine_is_delivered_by_push_with_at_most_two_gets(stack: Stack) -> None:
    """The prediction is created with the webhook, pushed to its end, and barely polled."""
    assert stack.services.webhooks is not None
    interaction = await stack.discord.send_command("imagine", {"prompt": "a pushed corgi"})
    message = await finished(interaction)
    assert message.attachments
    row = await stack.services.store.job(job_id_of(message))
    assert row is not None and row.prediction_id
    [create] = [r.json for r in stack.replicate.requests if r.method == "POST" and r.json]
    assert create["webhook"] == stack.services.settings.webhook_public_url
    assert create["webhook_events_filter"] == ["start", "output", "logs", "completed"]
    deliveries = stack.replicate.deliveries(row.prediction_id)
    assert deliveries and deliveries[-1].event == "completed"
    assert all(d.status == 200 for d in deliveries)
    assert stack.replicate.count("GET", f"/v1/predictions/{row.prediction_id}") <= 2
