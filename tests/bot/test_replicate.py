"""The Replicate client against the protocol-level fake: URLs, errors, and what is retried."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from pydantic import SecretStr

from bot import replicate as replicate_module
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
from cogs.catalogue import render
from tests.fakes.replicate import LIST_PAGE_SIZE, FakeReplicate, Fault, Scenario

FIXTURES = Path(__file__).parents[1] / "fixtures" / "replicate"
VERSION = "stability-ai/sdxl:7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
PREDICTION_PATH = r"/v1/predictions/[^/]+"
LIST_PATH = r"/v1/predictions"


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
    assert "REPLICATE_API_TOKEN" in render(caught.value)
    assert "r8_wrong_canary" not in render(caught.value, "zh-CN") + str(caught.value)
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
    assert "credit" in render(caught.value)
    assert fake_replicate.count("POST", "/v1/predictions") == 1


async def test_invalid_input_names_the_fields(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """422 with invalid_fields becomes ReplicateInputError naming each field."""
    with pytest.raises(ReplicateInputError) as caught:
        await client.create(VERSION, {"prompt": "x", "num_outputs": 9})
    assert caught.value.status == 422
    assert caught.value.invalid_fields
    assert "num_outputs" in render(caught.value)
    assert fake_replicate.predictions == {}


async def test_invalid_version_has_its_own_message(client: ReplicateClient) -> None:
    """422 for an unknown version says SDXL_MODEL is wrong."""
    with pytest.raises(ReplicateInputError) as caught:
        await client.create("nobody/nothing:" + "0" * 64, {"prompt": "x"})
    assert "SDXL_MODEL" in render(caught.value)


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
    assert "3600" in render(caught.value)
    assert sleep.waits == []


async def test_backoff_grows_exponentially_up_to_its_cap(
    session: aiohttp.ClientSession, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> None:
    """Full jitter: wait n is at most base_delay * 2**(n-1), and never above max_delay."""
    client = ReplicateClient(
        session,
        base_url=fake_replicate.base_url,
        token=SecretStr("r8_fake_test_token"),
        retry=RetryPolicy(attempts=5, base_delay=1, max_delay=3),
        sleep=sleep,
    )
    created = await client.create(VERSION, {"prompt": "x"})
    fake_replicate.add_fault(
        Fault(method="GET", path=PREDICTION_PATH, kind="status", status=502, times=99)
    )
    with pytest.raises(ReplicateUnavailable):
        await client.get(created.id)
    assert len(sleep.waits) == 4
    for wait, ceiling in zip(sleep.waits, [1, 2, 3, 3], strict=True):
        assert 0 <= wait <= ceiling


async def test_a_retry_after_longer_than_the_backoff_is_waited_out(
    session: aiohttp.ClientSession, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> None:
    """A 503's Retry-After of 5 s wins over a backoff of at most 0.02 s, and is waited in full."""
    client = ReplicateClient(
        session,
        base_url=fake_replicate.base_url,
        token=SecretStr("r8_fake_test_token"),
        retry=RetryPolicy(base_delay=0.01, max_delay=0.02),
        sleep=sleep,
    )
    created = await client.create(VERSION, {"prompt": "x"})
    fake_replicate.add_fault(
        Fault(method="GET", path=PREDICTION_PATH, kind="status", status=503, retry_after=5)
    )
    fetched = await client.get(created.id)
    assert fetched.id == created.id
    assert sleep.waits == [pytest.approx(5)]


async def test_the_time_budget_counts_the_waits_already_made(
    session: aiohttp.ClientSession, fake_replicate: FakeReplicate
) -> None:
    """Waits of 0.2 s in a 0.5 s budget: retried, but no wait may end past the budget.

    Real sleeps: the budget is measured on the clock, so a slow machine can only mean fewer
    attempts, never more.
    """
    client = ReplicateClient(
        session,
        base_url=fake_replicate.base_url,
        token=SecretStr("r8_fake_test_token"),
        retry=RetryPolicy(attempts=100, base_delay=0.001, max_delay=0.001, max_total=0.5),
    )
    created = await client.create(VERSION, {"prompt": "x"})
    fake_replicate.add_fault(
        Fault(
            method="GET",
            path=PREDICTION_PATH,
            kind="status",
            status=429,
            retry_after=0.2,
            times=99,
        )
    )
    with pytest.raises(ReplicateRateLimited):
        await client.get(created.id)
    # Waits start at about 0, 0.2 and 0.4 s; the third would end at 0.6 s, past the budget.
    assert 2 <= fake_replicate.count("GET", PREDICTION_PATH) <= 3


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
        Fault(method="POST", path="/v1/predictions", kind="status", status=502),
        Fault(method="POST", path="/v1/predictions", kind="status", status=503, retry_after=1),
        Fault(method="POST", path="/v1/predictions", kind="malformed"),
        Fault(method="POST", path="/v1/predictions", kind="slow", delay=1.5),
    ],
    ids=[
        "created-then-dropped",
        "dropped",
        "500",
        "502",
        "503-with-retry-after",
        "malformed",
        "timeout",
    ],
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
    assert "not sent again" in render(caught.value)


async def test_a_create_retried_after_429_is_not_sent_again_after_a_502(
    client: ReplicateClient, fake_replicate: FakeReplicate, sleep: RecordedSleep
) -> None:
    """The 429 proves nothing was created, so the create goes again; the 502 that follows
    proves nothing, so it does not go a third time."""
    fake_replicate.add_fault(
        Fault(method="POST", path="/v1/predictions", kind="status", status=429, retry_after=1)
    )
    fake_replicate.add_fault(
        Fault(method="POST", path="/v1/predictions", kind="status", status=502)
    )
    with pytest.raises(CreateOutcomeUnknown) as caught:
        await client.create(VERSION, {"prompt": "x"})
    assert caught.value.status == 502
    assert fake_replicate.count("POST", "/v1/predictions") == 2
    assert len(sleep.waits) == 1


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
        assert "r8_canary_secret" not in render(caught.value)
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


# -- Cancel-After ---------------------------------------------------------------------------


def creates(fake: FakeReplicate) -> list[str | None]:
    """The Cancel-After header of every create the fake received, in order (None: absent)."""
    return [
        r.headers.get("cancel-after")
        for r in fake.requests
        if (r.method, r.path) == ("POST", "/v1/predictions")
    ]


async def test_cancel_after_is_sent_as_a_header_and_sets_the_deadline(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """cancel_after=61.2 sends `Cancel-After: 62s`; the prediction's deadline is 62 s later."""
    fake_replicate.timing.starting = 30
    created = await client.create(VERSION, {"prompt": "x"}, cancel_after=61.2)
    await client.create(VERSION, {"prompt": "y"})
    assert creates(fake_replicate) == ["62s", None]
    assert created.deadline is not None and created.created_at is not None
    assert created.deadline - created.created_at == timedelta(seconds=62)
    assert fake_replicate.predictions[created.id].cancel_after == 62
    assert client.cancel_after_supported


@pytest.mark.parametrize(
    ("seconds", "header"),
    [(0, "5s"), (0.2, "5s"), (4.01, "5s"), (5, "5s"), (5.0001, "6s"), (299.5, "300s")],
)
async def test_cancel_after_is_whole_seconds_and_at_least_5(
    client: ReplicateClient, fake_replicate: FakeReplicate, seconds: float, header: str
) -> None:
    """The header rounds up to whole seconds and never goes below Replicate's 5 s minimum."""
    await client.create(VERSION, {"prompt": "x"}, cancel_after=seconds)
    assert creates(fake_replicate) == [header]
    assert len(fake_replicate.predictions) == 1


async def test_a_relay_refusing_cancel_after_is_used_without_it(
    client: ReplicateClient, fake_replicate: FakeReplicate, caplog: pytest.LogCaptureFixture
) -> None:
    """A 400 naming Cancel-After: one warning, the create goes through without the header
    (one prediction), and later creates never send it."""
    fake_replicate.cancel_after_supported = False
    with caplog.at_level(logging.WARNING, logger="bot.replicate"):
        created = await client.create(VERSION, {"prompt": "x"}, cancel_after=30)
        assert list(fake_replicate.predictions) == [created.id]
        assert creates(fake_replicate) == ["30s", None]
        assert not client.cancel_after_supported
        second = await client.create(VERSION, {"prompt": "y"}, cancel_after=30)
    assert creates(fake_replicate) == ["30s", None, None]
    assert list(fake_replicate.predictions) == [created.id, second.id]
    assert created.deadline is None
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert fake_replicate.base_url in message and "Cancel-After" in message
    assert "r8_fake_test_token" not in caplog.text


async def test_other_4xx_answers_to_a_create_with_cancel_after_are_not_retried(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A 400 or 422 that does not name the header is raised as before, sent once."""
    fake_replicate.add_fault(Fault("POST", "/v1/predictions", "status", status=400))
    with pytest.raises(ReplicateError) as caught:
        await client.create(VERSION, {"prompt": "x"}, cancel_after=30)
    assert caught.value.status == 400
    with pytest.raises(ReplicateInputError):
        await client.create(VERSION, {"prompt": "x", "num_outputs": 9}, cancel_after=30)
    assert creates(fake_replicate) == ["30s", "30s"]
    assert fake_replicate.predictions == {}
    assert client.cancel_after_supported


async def test_a_rejected_create_without_cancel_after_is_not_resent(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A create that sent no header is not resent even if a 400 names Cancel-After."""
    fake_replicate.cancel_after_supported = False
    fake_replicate.add_fault(Fault("POST", "/v1/predictions", "status", status=400))
    with pytest.raises(ReplicateError):
        await client.create(VERSION, {"prompt": "x"})
    assert creates(fake_replicate) == [None]
    assert client.cancel_after_supported


# -- find_prediction ------------------------------------------------------------------------

SINCE = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
WANTED: dict[str, Any] = {"prompt": "a lost corgi", "seed": 4242, "num_outputs": 2}


def minutes(start: datetime, count: int, *, step: int = 1) -> list[datetime]:
    """`count` times a minute apart (`step` minutes), newest first, the oldest at `start`."""
    return [start + timedelta(minutes=step * i) for i in reversed(range(count))]


async def test_find_prediction_finds_a_match_many_pages_back(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """The match sits behind 3 full pages of newer predictions: found on the 4th page read."""
    fake_replicate.add_finished_predictions(minutes(SINCE - timedelta(hours=1), 30))
    [wanted] = fake_replicate.add_finished_predictions([SINCE + timedelta(seconds=1)], input=WANTED)
    fake_replicate.add_finished_predictions(
        minutes(SINCE + timedelta(minutes=1), 3 * LIST_PAGE_SIZE)
    )
    found = await client.find_prediction(dict(WANTED), since=SINCE)
    assert found is not None and found.id == wanted.id
    assert found.input == WANTED
    assert fake_replicate.count("GET", LIST_PATH) == 4
    cursors = [r.query.get("cursor") for r in fake_replicate.requests]
    assert cursors[0] is None and all(cursors[1:])


async def test_find_prediction_returns_the_newest_match(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """Of several predictions with the same input since `since`, the newest is returned."""
    older, newer = fake_replicate.add_finished_predictions(
        [SINCE + timedelta(minutes=1), SINCE + timedelta(minutes=5)], input=WANTED
    )
    fake_replicate.add_finished_predictions(minutes(SINCE + timedelta(minutes=10), 5))
    found = await client.find_prediction(WANTED, since=SINCE)
    assert found is not None and found.id == newer.id != older.id


async def test_find_prediction_finds_a_just_created_prediction(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A prediction this client created (input as sent) is found by its exact input."""
    since = datetime.now(UTC) - timedelta(seconds=5)
    created = await client.create(VERSION, WANTED)
    await client.create(VERSION, {**WANTED, "seed": 4243})
    found = await client.find_prediction(WANTED, since=since)
    assert found is not None and found.id == created.id


async def test_find_prediction_is_none_once_the_list_pages_past_since(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """No match since `since`: None, after reading only the pages down to `since`."""
    fake_replicate.add_finished_predictions(minutes(SINCE - timedelta(days=1), 300))
    # Same input, but before `since`: not the lost create.
    fake_replicate.add_finished_predictions([SINCE - timedelta(seconds=1)], input=WANTED)
    fake_replicate.add_finished_predictions(minutes(SINCE, 2 * LIST_PAGE_SIZE + 49))
    # 249 newer, then the older ones: the third page reaches back past `since`.
    assert await client.find_prediction(WANTED, since=SINCE) is None
    assert fake_replicate.count("GET", LIST_PATH) == 3


async def test_find_prediction_is_none_at_the_end_of_the_list(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A list that ends (no `next`) without reaching `since` proves the create absent."""
    fake_replicate.add_finished_predictions(minutes(SINCE, LIST_PAGE_SIZE + 5))
    assert await client.find_prediction(WANTED, since=SINCE - timedelta(hours=1)) is None
    assert fake_replicate.count("GET", LIST_PATH) == 2
    fake_replicate.predictions.clear()
    assert await client.find_prediction(WANTED, since=SINCE) is None


async def test_find_prediction_same_input_before_since_is_not_a_match(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """An identical input created before `since` belongs to another job: None."""
    fake_replicate.add_finished_predictions([SINCE - timedelta(milliseconds=1)], input=WANTED)
    assert await client.find_prediction(WANTED, since=SINCE) is None
    [at_since] = fake_replicate.add_finished_predictions([SINCE], input=WANTED)
    found = await client.find_prediction(WANTED, since=SINCE)
    assert found is not None and found.id == at_since.id


async def test_find_prediction_needs_exactly_the_same_input(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """An input with a key more, or a value different, is not a match."""
    fake_replicate.add_finished_predictions(
        [SINCE + timedelta(minutes=1), SINCE + timedelta(minutes=2)],
        input={**WANTED, "refine": "no_refiner"},
    )
    fake_replicate.add_finished_predictions(
        [SINCE + timedelta(minutes=3)], input={**WANTED, "seed": 1}
    )
    assert await client.find_prediction(WANTED, since=SINCE) is None


async def test_find_prediction_raises_without_the_list_endpoint(
    client: ReplicateClient, fake_replicate: FakeReplicate
) -> None:
    """A relay answering 404 to the list cannot tell: a ReplicateError, never None."""
    fake_replicate.list_supported = False
    with pytest.raises(ReplicateError) as caught:
        await client.find_prediction(WANTED, since=SINCE)
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault("GET", LIST_PATH, "status", status=503, times=99), ReplicateUnavailable),
        (Fault("GET", LIST_PATH, "malformed", times=99), ReplicateProtocolError),
        (Fault("GET", LIST_PATH, "status", status=401), ReplicateAuthError),
    ],
    ids=["503", "malformed", "401"],
)
async def test_find_prediction_raises_when_a_later_page_fails(
    client: ReplicateClient,
    fake_replicate: FakeReplicate,
    sleep: RecordedSleep,
    fault: Fault,
    error: type[ReplicateError],
) -> None:
    """A page that cannot be read after the usual GET retries makes the answer undecidable."""
    fake_replicate.add_finished_predictions(minutes(SINCE, 2 * LIST_PAGE_SIZE))
    fault.query = "cursor="
    fake_replicate.add_fault(fault)
    with pytest.raises(error):
        await client.find_prediction(WANTED, since=SINCE - timedelta(hours=1))
    assert fake_replicate.count("GET", LIST_PATH) == 1 + (
        RetryPolicy().attempts if fault.times > 1 else 1
    )


async def test_find_prediction_requires_an_aware_since(client: ReplicateClient) -> None:
    """A naive `since` is a programming error, refused before any request."""
    with pytest.raises(ValueError, match="timezone-aware"):
        await client.find_prediction(WANTED, since=datetime(2026, 1, 1))


class ListServer:
    """A relay serving GET /v1/predictions from a function of the cursor (None: first page)."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.cursors: list[str | None] = []

    async def handle(self, request: web.Request) -> web.Response:
        cursor = request.query.get("cursor")
        self.cursors.append(cursor)
        return web.json_response(self.page(cursor))


async def serve_list(page: Any) -> tuple[web.AppRunner, str, ListServer]:
    """Start a ListServer; its runner, origin and recorder."""
    server = ListServer(page)
    app = web.Application()
    app.router.add_get("/v1/predictions", server.handle)
    runner, origin = await _serve(app)
    return runner, origin, server


def entry(prediction_id: str, created_at: str | None, input: dict[str, Any]) -> dict[str, Any]:
    """A list entry as Replicate serialises it (created_at omitted when None)."""
    body: dict[str, Any] = {"id": prediction_id, "status": "succeeded", "input": input}
    if created_at is not None:
        body["created_at"] = created_at
    return body


async def test_find_prediction_keeps_paging_past_entries_without_created_at(
    session: aiohttp.ClientSession,
) -> None:
    """Entries without a creation time count as recent: the next page is read, the match found."""

    def page(cursor: str | None) -> dict[str, Any]:
        if cursor is None:
            return {
                "next": "https://api.replicate.com/v1/predictions?cursor=p2",
                "results": [entry("a1", None, {"prompt": "other"})],
            }
        return {
            "next": "https://api.replicate.com/v1/predictions?cursor=p3",
            "results": [
                entry("b1", None, WANTED),
                entry("b2", "2020-01-01T00:00:00Z", {"prompt": "old"}),
            ],
        }

    runner, origin, server = await serve_list(page)
    try:
        client = ReplicateClient(session, base_url=origin + "/v1", token=SecretStr("r8_x"))
        found = await client.find_prediction(WANTED, since=SINCE)
    finally:
        await runner.cleanup()
    assert found is not None and found.id == "b1"
    assert server.cursors == [None, "p2"]


@pytest.mark.parametrize(
    "answer",
    [
        {"next": None},
        {"next": None, "results": {"id": "x"}},
        {"next": "https://api.replicate.com/v1/predictions?page=2", "results": []},
        {"next": 42, "results": []},
        {"next": None, "results": [{"id": "../x", "status": "succeeded", "input": WANTED}]},
    ],
    ids=["no-results", "results-not-a-list", "next-without-cursor", "next-not-a-url", "bad-match"],
)
async def test_find_prediction_raises_on_an_unreadable_page(
    session: aiohttp.ClientSession, answer: dict[str, Any]
) -> None:
    """A page without a results list, a `next` that cannot be followed or a matching entry
    that is not a prediction is undecidable, never "absent"."""
    runner, origin, _ = await serve_list(lambda cursor: answer)
    try:
        client = ReplicateClient(session, base_url=origin + "/v1", token=SecretStr("r8_x"))
        with pytest.raises(ReplicateProtocolError):
            await client.find_prediction(WANTED, since=SINCE)
    finally:
        await runner.cleanup()


async def test_find_prediction_gives_up_on_a_list_that_never_reaches_since(
    session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_LIST_PAGES pages without reaching `since` it raises, naming the page count;
    a cursor that repeats is caught at once."""
    monkeypatch.setattr(replicate_module, "MAX_LIST_PAGES", 7)

    def endless(cursor: str | None) -> dict[str, Any]:
        following = int(cursor or 0) + 1
        return {
            "next": f"https://api.replicate.com/v1/predictions?cursor={following}",
            "results": [entry(f"p{following}", "2030-01-01T00:00:00Z", {"prompt": "x"})],
        }

    def looping(cursor: str | None) -> dict[str, Any]:
        return {"next": "https://api.replicate.com/v1/predictions?cursor=same", "results": []}

    runner, origin, server = await serve_list(endless)
    loop_runner, loop_origin, loop_server = await serve_list(looping)
    try:
        client = ReplicateClient(session, base_url=origin + "/v1", token=SecretStr("r8_x"))
        with pytest.raises(ReplicateProtocolError, match="gave up after 7 pages"):
            await client.find_prediction(WANTED, since=SINCE)
        assert len(server.cursors) == 7
        client = ReplicateClient(session, base_url=loop_origin + "/v1", token=SecretStr("r8_x"))
        with pytest.raises(ReplicateProtocolError, match="cannot be followed"):
            await client.find_prediction(WANTED, since=SINCE)
        assert loop_server.cursors == [None, "same"]
    finally:
        await runner.cleanup()
        await loop_runner.cleanup()
