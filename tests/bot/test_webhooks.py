"""Webhook mode: the verifier, the receiver over real HTTP, and jobs pushed by the fake."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import logging
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr

from bot.config import Settings, parse_listen
from bot.errors import ConfigError, ReplicateError
from bot.jobs import JobSpec, JobState
from bot.replicate import Prediction, ReplicateClient
from bot.sdxl import ImagineRequest
from bot.services import Services
from bot.tracking import PollPolicy
from bot.webhooks import (
    RejectReason,
    WebhookReceiver,
    WebhookRejected,
    WebhookVerifier,
)
from sdxl_bot.app import services
from tests.bot.test_jobs import Recorder
from tests.fakes.replicate import WEBHOOK_SECRET, FakeReplicate, Fault

pytestmark = pytest.mark.virtual_time

KEY = b"0123456789abcdef0123456789abcdef"
SECRET = "whsec_" + base64.b64encode(KEY).decode()
NOW = 1_700_000_000.0
PREDICTION = {"id": "abc123", "status": "processing", "logs": "Using seed: 1\n", "input": {}}


def signed(
    body: bytes,
    *,
    key: bytes = KEY,
    webhook_id: str = "msg_1",
    timestamp: float = NOW,
    extra_signatures: tuple[str, ...] = (),
) -> dict[str, str]:
    """Headers signing `body` as DESIGN.md §3 describes, computed independently of bot code."""
    stamp = str(int(timestamp))
    mac = hmac.new(key, f"{webhook_id}.{stamp}.".encode() + body, hashlib.sha256).digest()
    signatures = " ".join((*extra_signatures, "v1," + base64.b64encode(mac).decode()))
    return {"webhook-id": webhook_id, "webhook-timestamp": stamp, "webhook-signature": signatures}


def verifier(**options: Any) -> WebhookVerifier:
    """A verifier for SECRET whose clock stands at NOW."""
    return WebhookVerifier(SECRET, clock=lambda: NOW, **options)


def reason_of(check: WebhookVerifier, headers: dict[str, str], body: bytes) -> RejectReason:
    """The reason `check` rejects the delivery with (fails if it accepts it)."""
    with pytest.raises(WebhookRejected) as caught:
        check.verify(headers, body)
    return caught.value.reason


# -- the verifier ---------------------------------------------------------------------------


def test_a_correctly_signed_delivery_passes() -> None:
    """A delivery signed with the secret's key, timestamped now, is accepted."""
    body = json.dumps(PREDICTION).encode()
    verifier().verify(signed(body), body)


def test_header_names_are_case_insensitive() -> None:
    """Proxies may change header casing; the check does not care."""
    body = b"{}"
    headers = {name.title(): value for name, value in signed(body).items()}
    verifier().verify(headers, body)


def test_a_forged_signature_is_rejected() -> None:
    """A signature over another body does not verify this one."""
    headers = signed(b'{"id": "other"}')
    assert reason_of(verifier(), headers, b'{"id": "abc"}') == RejectReason.bad_signature


def test_a_signature_made_with_another_key_is_rejected() -> None:
    """Signing with any key but the secret's fails."""
    body = b"{}"
    assert reason_of(verifier(), signed(body, key=b"x" * 32), body) == RejectReason.bad_signature


def test_the_secret_prefix_is_not_part_of_the_key() -> None:
    """The key is the base64 decoding of what follows whsec_, not the secret's text."""
    body = b"{}"
    headers = signed(body, key=SECRET.encode())
    assert reason_of(verifier(), headers, body) == RejectReason.bad_signature


@pytest.mark.parametrize("missing", ["webhook-id", "webhook-timestamp", "webhook-signature"])
def test_missing_headers_are_rejected(missing: str) -> None:
    """Each of the three headers is required."""
    body = b"{}"
    headers = signed(body)
    del headers[missing]
    assert reason_of(verifier(), headers, body) == RejectReason.missing_headers


def test_an_unreadable_timestamp_is_rejected() -> None:
    """The timestamp is whole Unix seconds."""
    body = b"{}"
    headers = signed(body) | {"webhook-timestamp": "yesterday"}
    assert reason_of(verifier(), headers, body) == RejectReason.bad_timestamp


def test_stale_and_future_timestamps_are_rejected() -> None:
    """Outside five minutes either way is refused; just inside is accepted."""
    body = b"{}"
    check = verifier()
    old = signed(body, timestamp=NOW - 301, webhook_id="old")
    assert reason_of(check, old, body) == RejectReason.stale
    ahead = signed(body, timestamp=NOW + 301, webhook_id="ahead")
    assert reason_of(check, ahead, body) == RejectReason.future
    check.verify(signed(body, timestamp=NOW - 299, webhook_id="recent"), body)
    check.verify(signed(body, timestamp=NOW + 299, webhook_id="skewed"), body)


def test_a_replayed_id_is_rejected() -> None:
    """The same delivery sent twice is accepted once."""
    body = b"{}"
    check = verifier()
    check.verify(signed(body), body)
    assert reason_of(check, signed(body), body) == RejectReason.replayed


def test_forged_requests_do_not_burn_ids() -> None:
    """A forged request with a real id does not stop the genuine delivery of that id."""
    body = b"{}"
    check = verifier()
    forged = signed(body) | {"webhook-signature": "v1,AAAA"}
    assert reason_of(check, forged, body) == RejectReason.bad_signature
    check.verify(signed(body), body)


def test_one_valid_signature_among_several_is_enough() -> None:
    """The header lists signatures (key rotation); any valid v1 one verifies it."""
    body = b"{}"
    headers = signed(body, extra_signatures=("v1,bm90IGl0", "v2,whatever", "garbage"))
    verifier().verify(headers, body)


def test_only_v1_signatures_count() -> None:
    """A correct digest labelled with another version is ignored."""
    body = b"{}"
    headers = signed(body)
    headers["webhook-signature"] = headers["webhook-signature"].replace("v1,", "v2,")
    assert reason_of(verifier(), headers, body) == RejectReason.bad_signature


def test_seen_ids_are_forgotten_once_stale_and_bounded_in_number() -> None:
    """Ids are kept for the tolerance window only, and never more than the bound."""
    now = [NOW]
    check = WebhookVerifier(SECRET, clock=lambda: now[0], max_remembered=3)
    body = b"{}"
    for index in range(10):
        check.verify(signed(body, webhook_id=f"id{index}"), body)
    assert len(check._seen) == 3
    # The newest ids are still remembered.
    assert reason_of(check, signed(body, webhook_id="id9"), body) == RejectReason.replayed
    now[0] = NOW + 301
    check.verify(signed(body, webhook_id="late", timestamp=now[0]), body)
    assert set(check._seen) == {"late"}


def test_bad_secrets_are_refused_and_the_key_never_shows() -> None:
    """A secret that is not whsec_<base64> raises; repr and errors never carry the key."""
    with pytest.raises(ValueError, match="whsec_") as caught:
        WebhookVerifier("whsec_not base64!")
    assert "not base64" not in str(caught.value)
    assert SECRET not in repr(verifier()) and KEY.decode() not in repr(verifier())


# -- settings -------------------------------------------------------------------------------


def test_webhook_settings_are_validated() -> None:
    """WEBHOOK_PUBLIC_URL is https (http only to loopback); WEBHOOK_LISTEN is host:port."""
    base = {"_env_file": None, "replicate_api_token": "r8_x"}
    settings = Settings.load(**base)
    assert (settings.webhook_public_url, settings.webhook_listen) == (None, "127.0.0.1:8080")
    good = Settings.load(
        **base, webhook_public_url="https://bot.example.org/hook/", webhook_listen="[::1]:9000"
    )
    assert good.webhook_public_url == "https://bot.example.org/hook"
    Settings.load(**base, webhook_public_url="http://127.0.0.1:8080/hook")
    with pytest.raises(ConfigError, match="WEBHOOK_PUBLIC_URL"):
        Settings.load(**base, webhook_public_url="http://bot.example.org/hook")
    for bad in ("8080", "host:", "host:0", "host:70000", "::1:80", "a b:80", ":80"):
        with pytest.raises(ConfigError, match="WEBHOOK_LISTEN"):
            Settings.load(**base, webhook_listen=bad)
    assert parse_listen("0.0.0.0:8080") == ("0.0.0.0", 8080)
    assert parse_listen("[::]:8443") == ("::", 8443)


# -- the receiver over HTTP -----------------------------------------------------------------


def free_port() -> int:
    """A TCP port of 127.0.0.1 nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Hook:
    """A started receiver (real clock) and what it pushed."""

    def __init__(self, receiver: WebhookReceiver, pushed: list[Prediction], url: str) -> None:
        self.receiver, self.pushed, self.url = receiver, pushed, url

    async def post(
        self, session: aiohttp.ClientSession, body: bytes, headers: dict[str, str]
    ) -> tuple[int, str]:
        """POST `body` to the receiver; (status, text)."""
        async with session.post(self.url, data=body, headers=headers) as response:
            return response.status, await response.text()


@pytest.fixture
async def hook() -> AsyncIterator[Hook]:
    """A receiver on a free port at /replicate/webhook, pushing into a list."""
    pushed: list[Prediction] = []
    port = free_port()
    url = f"http://127.0.0.1:{port}/replicate/webhook"
    receiver = WebhookReceiver(
        WebhookVerifier(SECRET), pushed.append, public_url=url, listen=f"127.0.0.1:{port}"
    )
    await receiver.start()
    try:
        yield Hook(receiver, pushed, url)
    finally:
        await receiver.close()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp session."""
    async with aiohttp.ClientSession() as client:
        yield client


async def test_the_receiver_pushes_signed_predictions(
    hook: Hook, session: aiohttp.ClientSession
) -> None:
    """A valid delivery is answered 200 and its prediction pushed."""
    body = json.dumps(PREDICTION).encode()
    status, _ = await hook.post(session, body, signed(body, timestamp=time.time()))
    assert status == 200
    [prediction] = hook.pushed
    assert (prediction.id, prediction.status, prediction.logs) == (
        "abc123",
        "processing",
        "Using seed: 1\n",
    )


async def test_the_receiver_rejects_what_is_not_provably_replicate(
    hook: Hook, session: aiohttp.ClientSession
) -> None:
    """Unsigned, forged, replayed and stale deliveries get 401 and are never pushed."""
    body = json.dumps(PREDICTION).encode()
    now = time.time()
    valid = signed(body, timestamp=now, webhook_id="msg_once")
    assert (await hook.post(session, body, valid))[0] == 200
    attempts = {
        "unsigned": {},
        "forged": signed(body, key=b"k" * 32, timestamp=now, webhook_id="msg_f"),
        "replayed": valid,
        "stale": signed(body, timestamp=now - 600, webhook_id="msg_s"),
        "tampered": signed(b'{"id": "x", "status": "succeeded"}', timestamp=now),
    }
    for name, headers in attempts.items():
        status, text = await hook.post(session, body, headers)
        assert status == 401, name
        assert SECRET not in text and "whsec" not in text
    assert len(hook.pushed) == 1
    assert hook.receiver.rejected == len(attempts)


async def test_the_receiver_answers_400_to_signed_garbage(
    hook: Hook, session: aiohttp.ClientSession
) -> None:
    """Authentic but not a prediction: 400, nothing pushed."""
    for index, body in enumerate([b"not json", b"[1, 2]", b'{"id": "../etc", "status": "x"}']):
        headers = signed(body, timestamp=time.time(), webhook_id=f"msg_{index}")
        assert (await hook.post(session, body, headers))[0] == 400
    assert hook.pushed == []


async def test_the_receiver_serves_only_post_at_its_path_and_caps_bodies(
    hook: Hook, session: aiohttp.ClientSession
) -> None:
    """Other paths 404, other methods 405, bodies past 4 MiB 413."""
    async with session.post(hook.url.replace("/webhook", "/other"), data=b"{}") as response:
        assert response.status == 404
    async with session.get(hook.url) as response:
        assert response.status == 405
    huge = b"{" + b" " * (4 * 1024 * 1024) + b"}"
    assert (await hook.post(session, huge, signed(huge, timestamp=time.time())))[0] == 413
    assert hook.pushed == []


async def test_a_taken_port_fails_start() -> None:
    """start() raises OSError when WEBHOOK_LISTEN is taken (the app then polls)."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        receiver = WebhookReceiver(
            WebhookVerifier(SECRET),
            lambda _: None,
            public_url="http://127.0.0.1/hook",
            listen=f"127.0.0.1:{port}",
        )
        with pytest.raises(OSError):
            await receiver.start()
        await receiver.close()


# -- the client and the fake ----------------------------------------------------------------


async def test_the_client_reads_the_webhook_secret(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """GET /webhooks/default/secret returns the key; a relay without it raises ReplicateError."""
    client = ReplicateClient(
        session, base_url=fake_replicate.base_url, token=SecretStr(fake_replicate.token)
    )
    assert await client.webhook_secret() == WEBHOOK_SECRET
    fake_replicate.webhooks_supported = False
    with pytest.raises(ReplicateError) as caught:
        await client.webhook_secret()
    assert caught.value.status == 404


# -- end to end through the composition root ------------------------------------------------

# The real default intervals: without pushes the first GET comes 1 s after the create.
REAL_POLLING = PollPolicy()


def settings_for(fake: FakeReplicate, folder: Path, port: int) -> Settings:
    """Settings on the fake, in webhook mode on 127.0.0.1:`port`."""
    return Settings.load(
        _env_file=None,
        replicate_api_token=fake.token,
        replicate_api_base=fake.base_url,
        database_path=folder / "bot.sqlite3",
        webhook_public_url=f"http://127.0.0.1:{port}/replicate/webhook",
        webhook_listen=f"127.0.0.1:{port}",
    )


async def run_jobs(built: Services, count: int) -> list[Recorder]:
    """Submit `count` jobs from different members and wait until each is recorded done."""
    recorders = [Recorder() for _ in range(count)]
    for index, recorder in enumerate(recorders):
        request = ImagineRequest.parse({"prompt": f"pushed {index}"})
        await built.runner.submit(JobSpec(request=request, requester_id=index + 1), recorder)
    for recorder in recorders:
        await asyncio.wait_for(recorder.done.wait(), 20)
        assert recorder.final is not None
        await asyncio.wait_for(recorder.final.job.ended.wait(), 5)
        assert recorder.final.state == JobState.done, recorder.final.job.error
    return recorders


def gets_of(fake: FakeReplicate, recorders: list[Recorder]) -> list[int]:
    """GETs of each job's prediction."""
    counts = []
    for recorder in recorders:
        assert recorder.final is not None and recorder.final.job.prediction is not None
        counts.append(fake.count("GET", f"/v1/predictions/{recorder.final.job.prediction.id}"))
    return counts


async def test_webhook_mode_needs_at_most_two_gets_per_prediction(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Jobs are created with the webhook and all events, pushed to completion, barely polled."""
    fake = fake_replicate
    fake.timing.starting, fake.timing.step, fake.timing.finishing = 0.1, 0.012, 0.1
    settings = settings_for(fake, tmp_path, free_port())
    async with services(settings, poll_policy=REAL_POLLING) as built:
        assert built.webhooks is not None
        recorders = await run_jobs(built, 3)
        counts = gets_of(fake, recorders)
        assert all(count <= 2 for count in counts), counts
        creates = [r.json for r in fake.requests if r.method == "POST" and r.json]
        assert {c["webhook"] for c in creates} == {settings.webhook_public_url}
        assert all(
            c["webhook_events_filter"] == ["start", "output", "logs", "completed"] for c in creates
        )
        for recorder in recorders:
            assert recorder.final is not None and recorder.final.job.prediction is not None
            deliveries = fake.deliveries(recorder.final.job.prediction.id)
            assert [d.event for d in deliveries][-1] == "completed"
            assert {d.event for d in deliveries} >= {"start", "logs", "completed"}
            assert all(d.status == 200 for d in deliveries)
        # Progress still reached the observers from the pushed logs.
        assert any(e.progress and e.progress.total == 50 for e in recorders[0].updates)
        assert built.webhooks.rejected == 0


async def test_a_relay_without_webhooks_falls_back_to_polling(
    fake_replicate: FakeReplicate, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """No secret endpoint: the bot says why, creates without a webhook, polls, and completes."""
    fake_replicate.webhooks_supported = False
    settings = settings_for(fake_replicate, tmp_path, free_port())
    with caplog.at_level(logging.WARNING, logger="sdxl_bot.app"):
        async with services(settings, poll_policy=REAL_POLLING) as built:
            assert built.webhooks is None
            [recorder] = await run_jobs(built, 1)
    assert any("Webhook mode is off" in r.getMessage() for r in caplog.records)
    [create] = [r.json for r in fake_replicate.requests if r.method == "POST"]
    assert "webhook" not in create
    assert gets_of(fake_replicate, [recorder])[0] >= 1
    assert fake_replicate.webhook_deliveries == []


async def test_a_taken_listen_port_falls_back_to_polling(
    fake_replicate: FakeReplicate, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """If WEBHOOK_LISTEN cannot be bound, predictions never name the dead URL."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        settings = settings_for(fake_replicate, tmp_path, taken.getsockname()[1])
        with caplog.at_level(logging.WARNING, logger="sdxl_bot.app"):
            async with services(settings, poll_policy=REAL_POLLING) as built:
                assert built.webhooks is None
                await run_jobs(built, 1)
    assert any("cannot listen" in r.getMessage() for r in caplog.records)
    assert all("webhook" not in (r.json or {}) for r in fake_replicate.requests)


async def test_pushes_for_unknown_predictions_are_ignored(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """A signed delivery for a prediction no job owns is acknowledged and dropped."""
    port = free_port()
    settings = settings_for(fake_replicate, tmp_path, port)
    async with services(settings, poll_policy=REAL_POLLING) as built, aiohttp.ClientSession() as s:
        key = base64.b64decode(WEBHOOK_SECRET.removeprefix("whsec_"))
        body = json.dumps(PREDICTION).encode()
        headers = signed(body, key=key, timestamp=time.time())
        async with s.post(str(settings.webhook_public_url), data=body, headers=headers) as answer:
            assert answer.status == 200
        assert built.webhooks is not None and built.webhooks.accepted == 1


async def test_deliveries_that_beat_the_create_answer_are_not_lost(
    fake_replicate: FakeReplicate, tmp_path: Path
) -> None:
    """Webhooks arriving before the create's own answer are held and used: no GETs."""
    fake = fake_replicate
    # The prediction is created at once, but the answer to the create is held back 1.5 s,
    # while the (fast) prediction's signed deliveries go out on time.
    fake.add_fault(
        Fault(method="POST", path="/v1/predictions", kind="slow", delay=1.5, after_effect=True)
    )
    settings = settings_for(fake, tmp_path, free_port())
    async with services(settings, poll_policy=REAL_POLLING) as built:
        [recorder] = await run_jobs(built, 1)
    [prediction] = fake.predictions.values()
    completed = [d for d in fake.deliveries(prediction.id) if d.event == "completed"]
    assert completed and completed[0].sent_monotonic < prediction.created_monotonic + 1.5
    assert gets_of(fake, [recorder]) == [0]
    assert recorder.final is not None and recorder.final.state == JobState.done
