"""The Replicate client against the protocol-level fake: URLs, errors, and what is retried."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.errors import (
    CreateOutcomeUnknown,
    ReplicateAuthError,
    ReplicateError,
    ReplicateInputError,
    ReplicatePaymentRequired,
    ReplicateProtocolError,
    ReplicateRateLimited,
    ReplicateUnavailable,
)
from bot.replicate import Prediction, ReplicateClient, RetryPolicy, parse_prediction
from tests.fakes.replicate import FakeReplicate, Fault, Scenario

FIXTURES = Path(__file__).parents[1] / "fixtures" / "replicate"
VERSION = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
PREDICTION_PATH = r"/v1/predictions/[^/]+"


class RecordedSleep:
    """Stands in for asyncio.sleep so retry waits are recorded instead of spent."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """One aiohttp session, as the composition root would own it."""
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def sleep() -> RecordedSleep:
    """Records the client's retry waits."""
    return RecordedSleep()


@pytest.fixture
def client(
    session: aiohttp.ClientSession, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> ReplicateClient:
    """A client pointed at the fake, with the fake's token."""
    return ReplicateClient(
        session,
        base_url=fake_replicate.base_url,
        token=SecretStr("r8_fake_test_token"),
        sleep=sleep,
        timeout=aiohttp.ClientTimeout(total=1),
    )


@pytest.mark.parametrize(
    "name", ["prediction-processing.json", "prediction-succeeded.json", "create-sync-wait.json"]
)
def test_recorded_payloads_parse(name: str) -> None:
    """Every recorded prediction of the real API parses into the model."""
    payload = json.loads((FIXTURES / name).read_text())
    payload = payload.get("response", payload)
    prediction = parse_prediction(payload)
    assert prediction.id == payload["id"]
    assert prediction.status == payload["status"]
    assert prediction.output_urls == payload["output"]


def test_unknown_fields_and_aborted_status_are_tolerated() -> None:
    """New fields and the `aborted` status do not break parsing, and aborted is terminal."""
    prediction = Prediction.model_validate(
        {"id": "abc", "status": "aborted", "brand_new_field": {"x": 1}, "deadline": None}
    )
    assert prediction.is_terminal
    assert prediction.output_urls == []


def test_openai_images_answer_is_a_finished_prediction() -> None:
    """A relay's `{"created", "data": [{"url"}]}` answer becomes a succeeded prediction."""
    prediction = parse_prediction(
        {"created": 1589478378, "data": [{"url": "https://a/1.png"}, {"b64_json": "AAAA"}]}
    )
    assert prediction.status == "succeeded"
    assert prediction.output_urls == ["https://a/1.png", "data:image/png;base64,AAAA"]


def test_garbage_is_a_protocol_error() -> None:
    """An answer that is not a prediction raises a typed error, not a pydantic one."""
    with pytest.raises(ReplicateProtocolError):
        parse_prediction({"status": "succeeded"})
    with pytest.raises(ReplicateProtocolError):
        parse_prediction({"data": []})


async def test_create_get_cancel_use_the_configured_base(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """Every call goes to the configured base with the bearer token, never to urls.get."""
    fake_replicate.timing.starting = 30
    created = await client.create(VERSION, {"prompt": "a corgi", "num_outputs": 2})
    assert created.status == "starting"
    assert created.urls is not None and created.urls.get is not None
    assert created.urls.get.startswith("https://api.replicate.com/")
    fetched = await client.get(created.id)
    assert fetched.id == created.id
    canceled = await client.cancel(created.id)
    assert canceled.status == "canceled"
    paths = [(r.method, r.path) for r in fake_replicate.requests]
    assert paths == [
        ("POST", "/v1/predictions"),
        ("GET", f"/v1/predictions/{created.id}"),
        ("POST", f"/v1/predictions/{created.id}/cancel"),
    ]
    assert all(
        r.headers["authorization"] == "Bearer r8_fake_test_token" for r in fake_replicate.requests
    )
    body = fake_replicate.requests[0].json
    assert body == {"version": VERSION, "input": {"prompt": "a corgi", "num_outputs": 2}}


async def test_create_sends_webhook_fields_only_when_asked(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """The webhook and its event filter are part of the create body when given."""
    await client.create(
        VERSION,
        {"prompt": "x"},
        webhook="https://bot.example.org/hook",
        webhook_events_filter=["start", "completed"],
    )
    body = fake_replicate.requests[-1].json
    assert body is not None
    assert body["webhook"] == "https://bot.example.org/hook"
    assert body["webhook_events_filter"] == ["start", "completed"]


async def test_bad_token_is_an_auth_error_that_names_the_variable(
    session: aiohttp.ClientSession, fake_replicate: FakeReplicate
) -> None:
    """401 becomes ReplicateAuthError; its message names REPLICATE_API_TOKEN, never the token."""
    client = ReplicateClient(
        session, base_url=fake_replicate.base_url, token=SecretStr("r8_wrong_canary")
    )
    with pytest.raises(ReplicateAuthError) as caught:
        await client.create(VERSION, {"prompt": "x"})
    assert caught.value.status == 401
    assert caught.value.title == "Unauthenticated"
    assert "REPLICATE_API_TOKEN" in caught.value.message()
    assert "r8_wrong_canary" not in caught.value.message("zh-CN") + str(caught.value)
    assert fake_replicate.count("POST", "/v1/predictions") == 1


async def test_out_of_credit_is_payment_required(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """402 becomes ReplicatePaymentRequired with a message about credit, and is not retried."""
    fake_replicate.add_fault(
        Fault(method="POST", path="/v1/predictions", kind="status", status=402)
    )
    with pytest.raises(ReplicatePaymentRequired) as caught:
        await client.create(VERSION, {"prompt": "x"})
    assert "credit" in caught.value.message()
    assert fake_replicate.count("POST", "/v1/predictions") == 1


async def test_invalid_input_names_the_fields(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """422 with invalid_fields becomes ReplicateInputError naming each field."""
    with pytest.raises(ReplicateInputError) as caught:
        await client.create(VERSION, {"prompt": "x", "num_outputs": 9})
    assert caught.value.status == 422
    assert caught.value.invalid_fields
    assert "num_outputs" in caught.value.message()
    assert fake_replicate.predictions == {}


async def test_invalid_version_has_its_own_message(client: ReplicateClient) -> None:
    """422 for an unknown version says SDXL_MODEL is wrong."""
    with pytest.raises(ReplicateInputError) as caught:
        await client.create("nobody/nothing:" + "0" * 64, {"prompt": "x"})
    assert "SDXL_MODEL" in caught.value.message()


@pytest.mark.parametrize(
    "fault",
    [
        Fault(
            method="GET", path=PREDICTION_PATH, kind="status", status=429, retry_after=2, times=2
        ),
        Fault(method="GET", path=PREDICTION_PATH, kind="status", status=500, times=2),
        Fault(method="GET", path=PREDICTION_PATH, kind="status", status=503, times=2),
        # aiohttp itself re-sends an idempotent request once after a dropped connection, so four
        # drops on the wire are two failed attempts of ours.
        Fault(method="GET", path=PREDICTION_PATH, kind="drop", times=4),
        Fault(method="GET", path=PREDICTION_PATH, kind="malformed", times=2),
        Fault(method="GET", path=PREDICTION_PATH, kind="slow", delay=1.5, times=2),
    ],
    ids=["429", "500", "503", "drop", "malformed", "slow"],
)
async def test_get_is_retried_through_transient_faults(
    client: ReplicateClient, fake_replicate: FakeReplicate, sleep: RecordedSleep, fault: Fault
) -> None:
    """A GET survives two transient faults of each kind and returns the prediction."""
    created = await client.create(VERSION, {"prompt": "x"})
    faulty_requests = fault.times
    fake_replicate.add_fault(fault)
    fetched = await client.get(created.id)
    assert fetched.id == created.id
    assert fake_replicate.count("GET", PREDICTION_PATH) == faulty_requests + 1
    assert len(sleep.waits) == 2
    if fault.retry_after is not None:
        assert all(wait >= fault.retry_after for wait in sleep.waits)


async def test_get_gives_up_after_the_bounded_attempts(
    session: aiohttp.ClientSession, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> None:
    """A persistent outage ends in ReplicateUnavailable after exactly `attempts` requests."""
    client = ReplicateClient(
        session,
        base_url=fake_replicate.base_url,
        token=SecretStr("r8_fake_test_token"),
        retry=RetryPolicy(attempts=4),
        sleep=sleep,
    )
    created = await client.create(VERSION, {"prompt": "x"})
    fake_replicate.add_fault(
        Fault(method="GET", path=PREDICTION_PATH, kind="status", status=502, times=99)
    )
    with pytest.raises(ReplicateUnavailable) as caught:
        await client.get(created.id)
    assert caught.value.status == 502
    assert fake_replicate.count("GET", PREDICTION_PATH) == 4
    assert len(sleep.waits) == 3
    assert all(0 <= wait <= RetryPolicy().max_delay for wait in sleep.waits)


async def test_retry_after_beyond_the_time_budget_gives_up_at_once(
    client: ReplicateClient, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> None:
    """A 429 asking for longer than the retry budget is reported, not slept through."""
    created = await client.create(VERSION, {"prompt": "x"})
    fake_replicate.add_fault(
        Fault(method="GET", path=PREDICTION_PATH, kind="status", status=429, retry_after=3600)
    )
    with pytest.raises(ReplicateRateLimited) as caught:
        await client.get(created.id)
    assert caught.value.retry_after == pytest.approx(3600)
    assert "3600" in caught.value.message()
    assert sleep.waits == []


async def test_create_is_retried_on_429_only_once_it_is_safe(
    client: ReplicateClient, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> None:
    """A throttled create (nothing was created) is retried after Retry-After and succeeds once."""
    fake_replicate.add_fault(
        Fault(method="POST", path="/v1/predictions", kind="status", status=429, retry_after=1)
    )
    created = await client.create(VERSION, {"prompt": "x"})
    assert fake_replicate.count("POST", "/v1/predictions") == 2
    assert list(fake_replicate.predictions) == [created.id]
    assert sleep.waits and sleep.waits[0] >= 1


@pytest.mark.parametrize(
    "fault",
    [
        Fault(method="POST", path="/v1/predictions", kind="drop", after_effect=True),
        Fault(method="POST", path="/v1/predictions", kind="drop"),
        Fault(method="POST", path="/v1/predictions", kind="status", status=500),
        Fault(method="POST", path="/v1/predictions", kind="malformed"),
        Fault(method="POST", path="/v1/predictions", kind="slow", delay=1.5),
    ],
    ids=["created-then-dropped", "dropped", "500", "malformed", "timeout"],
)
async def test_an_unconfirmed_create_is_never_sent_twice(
    client: ReplicateClient, fake_replicate: FakeReplicate, fault: Fault
) -> None:
    """When the answer does not prove nothing was created, the create is not repeated."""
    fake_replicate.add_fault(fault)
    with pytest.raises(CreateOutcomeUnknown) as caught:
        await client.create(VERSION, {"prompt": "x"})
    assert fake_replicate.count("POST", "/v1/predictions") == 1
    assert len(fake_replicate.predictions) <= 1
    assert "not sent again" in caught.value.message()


async def test_create_is_retried_when_the_connection_never_opened(
    session: aiohttp.ClientSession, sleep: RecordedSleep
) -> None:
    """A refused connection proves nothing was sent: retried, then reported as unavailable."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    client = ReplicateClient(
        session,
        base_url=f"http://127.0.0.1:{port}/v1",
        token=SecretStr("r8_x"),
        retry=RetryPolicy(attempts=3),
        sleep=sleep,
    )
    with pytest.raises(ReplicateUnavailable) as caught:
        await client.create(VERSION, {"prompt": "x"})
    assert not isinstance(caught.value, CreateOutcomeUnknown)
    assert len(sleep.waits) == 2


async def test_cancel_without_the_endpoint_is_a_plain_404(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A relay lacking cancel answers 404, surfaced as a ReplicateError the tracker can read."""
    fake_replicate.scenario = Scenario(cancel_supported=False)
    created = await client.create(VERSION, {"prompt": "x"})
    with pytest.raises(ReplicateError) as caught:
        await client.cancel(created.id)
    assert caught.value.status == 404


async def test_prediction_ids_are_checked_before_use(client: ReplicateClient) -> None:
    """An id that could change the URL path is refused before any request."""
    with pytest.raises(ValueError, match="not a prediction id"):
        await client.get("../../account")


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def test_an_echoed_token_is_scrubbed_from_errors(
    session: aiohttp.ClientSession,
) -> None:
    """A misbehaving relay that echoes the Authorization header cannot leak it into a message."""

    async def echo(request: web.Request) -> web.Response:
        body = {"title": "Bad", "detail": f"got {request.headers['Authorization']}", "status": 400}
        return web.json_response(body, status=400, content_type="application/problem+json")

    app = web.Application()
    app.router.add_post("/v1/predictions", echo)
    runner, origin = await _serve(app)
    try:
        client = ReplicateClient(
            session, base_url=origin + "/v1", token=SecretStr("r8_canary_secret")
        )
        with pytest.raises(ReplicateError) as caught:
            await client.create(VERSION, {"prompt": "x"})
        assert "r8_canary_secret" not in caught.value.message()
        assert "r8_canary_secret" not in repr(caught.value.__dict__)
    finally:
        await runner.cleanup()


async def test_redirects_are_not_followed(session: aiohttp.ClientSession) -> None:
    """A redirect (which could carry the token elsewhere) is an error, never followed."""
    hits: list[str] = []

    async def elsewhere(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.json_response({"id": "x", "status": "starting"})

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound("/elsewhere")

    app = web.Application()
    app.router.add_get("/v1/predictions/abc", redirect)
    app.router.add_get("/elsewhere", elsewhere)
    runner, origin = await _serve(app)
    try:
        client = ReplicateClient(session, base_url=origin + "/v1", token=SecretStr("r8_x"))
        with pytest.raises(ReplicateError) as caught:
            await client.get("abc")
        assert caught.value.status == 302
        assert hits == []
    finally:
        await runner.cleanup()


@pytest.mark.parametrize("bad_id", ["../account", "a/b", "x y", ""])
def test_prediction_ids_from_the_far_side_are_checked(bad_id: str) -> None:
    """An id that could bend a URL path or a file name is a protocol error, not a crash."""
    with pytest.raises(ReplicateProtocolError):
        parse_prediction({"id": bad_id, "status": "starting"})
