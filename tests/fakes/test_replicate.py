"""Tests of FakeReplicate itself: its wire behaviour against the recordings and the official client.

If the fake drifts from Replicate, every test built on it lies; these tests pin it to the
recorded fixtures and to what the official `replicate` client sends and accepts.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import io
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
import replicate
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st
from multidict import CIMultiDictProxy
from PIL import Image
from replicate.exceptions import ReplicateError
from replicate.prediction import Prediction
from replicate.version import Versions

from tests.fakes import clock
from tests.fakes.replicate import (
    INSUFFICIENT_CREDIT,
    INVALID_VERSION,
    LIST_PAGE_SIZE,
    NOT_FOUND,
    NSFW_ERROR,
    THROTTLED,
    UNSUPPORTED_CANCEL_AFTER,
    VERSION_ID,
    WEBHOOK_SECRET,
    FakeReplicate,
    Fault,
    Timing,
    parse_cancel_after,
    validate_input,
)

pytestmark = pytest.mark.virtual_time

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replicate"
PROCESSING = json.loads((FIXTURES / "prediction-processing.json").read_text(encoding="utf-8"))
SUCCEEDED = json.loads((FIXTURES / "prediction-succeeded.json").read_text(encoding="utf-8"))
CREATE = json.loads((FIXTURES / "create-sync-wait.json").read_text(encoding="utf-8"))
ERROR_401 = json.loads((FIXTURES / "error-401.json").read_text(encoding="utf-8"))
VERSION = json.loads((FIXTURES / "sdxl-version-7762fd07.json").read_text(encoding="utf-8"))

FULL_VERSION = f"stability-ai/sdxl:{VERSION_ID}"
ID = re.compile(r"[a-z0-9]{26}")
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}Z")
TQDM = re.compile(
    r" *\d{1,3}%\|[ ▏▎▍▌▋▊▉█]{10}\| (\d+)/(\d+) "
    r"\[\d\d:\d\d<(?:\d\d:\d\d|\?), (?:\d+\.\d\dit/s|\?it/s)\]"
)

TERMINAL = {"succeeded", "failed", "canceled", "aborted"}

T = TypeVar("T")


@dataclass
class Answer:
    """One HTTP answer, read in full."""

    status: int
    content_type: str
    headers: CIMultiDictProxy[str]
    raw: bytes

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.raw)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """A plain aiohttp session, closed after the test."""
    async with aiohttp.ClientSession() as client:
        yield client


@pytest.fixture
async def official(fake_replicate: FakeReplicate) -> AsyncIterator[replicate.Client]:
    """The official client pointed at the fake, polling every 10 ms."""
    client = replicate.Client(api_token=fake_replicate.token, base_url=fake_replicate.origin)
    client.poll_interval = 0.01
    yield client
    await client._async_client.aclose()


async def call(
    session: aiohttp.ClientSession,
    fake: FakeReplicate,
    method: str,
    path: str,
    *,
    body: Any = None,
    token: str | None = "default",
    headers: dict[str, str] | None = None,
) -> Answer:
    """Send one request to the fake; `path` is relative to its origin, or a full URL."""
    sent = dict(headers or {})
    if token is not None:
        sent["Authorization"] = f"Bearer {fake.token if token == 'default' else token}"
    url = path if path.startswith(("http://", "https://")) else fake.origin + path
    async with session.request(method, url, json=body, headers=sent) as response:
        return Answer(
            response.status, response.content_type, response.headers, await response.read()
        )


async def create(
    session: aiohttp.ClientSession,
    fake: FakeReplicate,
    prediction_input: dict[str, Any] | None = None,
    **extra: Any,
) -> Answer:
    """POST /v1/predictions for SDXL with `prediction_input`."""
    body = {"version": FULL_VERSION, "input": prediction_input or {"prompt": "a corgi"}, **extra}
    return await call(session, fake, "POST", "/v1/predictions", body=body)


async def eventually(
    probe: Callable[[], Awaitable[T | None]], *, timeout: float = 5.0, interval: float = 0.003
) -> T:
    """Poll `probe` until it returns something other than None, within `timeout` seconds."""
    deadline = clock.loop_time() + timeout
    while True:
        result = await probe()
        if result is not None:
            return result
        if clock.loop_time() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        await asyncio.sleep(interval)


async def wait_for_status(
    session: aiohttp.ClientSession, fake: FakeReplicate, pid: str, statuses: set[str]
) -> dict[str, Any]:
    """GET the prediction until its status is one of `statuses`; return that body."""

    async def probe() -> dict[str, Any] | None:
        answer = await call(session, fake, "GET", f"/v1/predictions/{pid}")
        assert answer.status == 200
        body: dict[str, Any] = answer.json()
        return body if body["status"] in statuses else None

    return await eventually(probe)


async def finished(
    session: aiohttp.ClientSession, fake: FakeReplicate, prediction_input: dict[str, Any]
) -> dict[str, Any]:
    """Create a prediction and return its terminal GET body."""
    answer = await create(session, fake, prediction_input)
    assert answer.status == 201, answer.raw
    return await wait_for_status(session, fake, answer.json()["id"], TERMINAL)


def bars_in(logs: str) -> list[int]:
    """The totals of the tqdm bars in `logs`, checking each one opens at 0 and closes twice."""
    totals: list[int] = []
    lines = [line for line in logs.splitlines() if TQDM.fullmatch(line)]
    for index, line in enumerate(lines):
        match = TQDM.fullmatch(line)
        assert match is not None
        done, total = int(match.group(1)), int(match.group(2))
        if done == 0:
            totals.append(total)
            if index > 0:
                assert lines[index - 1] == lines[index - 2], "previous bar was not closed"
    return totals


# -- payload shape --------------------------------------------------------------------------


async def test_lifecycle_starting_processing_succeeded(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A prediction goes starting -> processing -> succeeded with logs that only grow."""
    fake = fake_replicate
    fake.timing.starting, fake.timing.step, fake.timing.finishing = 0.1, 0.01, 0.1
    created = await create(session, fake, {"prompt": "a corgi", "num_inference_steps": 10})
    assert created.status == 201
    assert created.content_type == "application/json"
    first = created.json()
    assert set(first) == set(CREATE["response"])
    assert (first["status"], first["logs"], first["output"]) == ("starting", "", None)

    seen: list[dict[str, Any]] = []

    async def probe() -> dict[str, Any] | None:
        answer = await call(session, fake, "GET", f"/v1/predictions/{first['id']}")
        assert (answer.status, answer.content_type) == (200, "application/json")
        seen.append(answer.json())
        return seen[-1] if seen[-1]["status"] == "succeeded" else None

    final = await eventually(probe)
    statuses = [body["status"] for body in seen]
    order = [s for i, s in enumerate(statuses) if i == 0 or s != statuses[i - 1]]
    assert order == ["starting", "processing", "succeeded"]
    for before, after in pairwise(seen):
        assert after["logs"].startswith(before["logs"])
    processing = [body for body in seen if body["status"] == "processing"]
    assert len({body["logs"] for body in processing}) >= 3, "logs did not grow while processing"
    for body in seen:
        assert (body["started_at"] is None) == (body["status"] == "starting")
        assert (body["completed_at"] is None) == (body["status"] != "succeeded")
        assert (body["output"] is None) == (body["status"] != "succeeded")
    progress = Prediction.Progress.parse(processing[-1]["logs"])
    assert progress is not None and progress.total == 10
    assert final["logs"].startswith("Using seed: ")
    assert final["metrics"]["predict_time"] == pytest.approx(0.2, abs=1e-6)
    assert final["metrics"]["total_time"] == pytest.approx(0.3, abs=1e-6)


async def test_payload_shape_matches_fixtures(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Created and fetched predictions have the recorded key sets, value types and formats."""
    created = await create(session, fake_replicate, dict(PROCESSING["input"]))
    final = await wait_for_status(session, fake_replicate, created.json()["id"], TERMINAL)
    assert set(created.json()) == set(CREATE["response"])
    assert set(final) == set(PROCESSING) | {"data_removed"}
    assert set(SUCCEEDED) - {"webhook_completed"} <= set(final)
    for recorded in (PROCESSING, SUCCEEDED, CREATE["response"]):
        for key, value in recorded.items():
            if key in final and value is not None and final[key] is not None:
                assert type(final[key]) is type(value), key
        assert ID.fullmatch(recorded["id"])
        assert TIMESTAMP.fullmatch(recorded["created_at"])
    assert set(final["urls"]) >= set(PROCESSING["urls"])
    assert set(final["metrics"]) >= set(PROCESSING["metrics"]) | {"total_time"}
    assert ID.fullmatch(final["id"])
    for key in ("created_at", "started_at", "completed_at"):
        assert TIMESTAMP.fullmatch(final[key]), key
    assert final["input"] == PROCESSING["input"]
    assert (final["model"], final["version"]) == ("stability-ai/sdxl", VERSION_ID)
    assert final["data_removed"] is False


async def test_logs_have_the_recorded_format(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """The recorded prediction's input yields its header lines and the same tqdm bar states."""
    for line in PROCESSING["logs"].splitlines()[3:]:
        assert TQDM.fullmatch(line), line
    final = await finished(session, fake_replicate, dict(PROCESSING["input"]))
    recorded = PROCESSING["logs"].splitlines()
    ours = final["logs"].splitlines()
    assert ours[:3] == recorded[:3]
    assert all(TQDM.fullmatch(line) for line in ours[3:])
    bar_states = {line.split(" [")[0] for line in ours[3:]}
    assert {line.split(" [")[0] for line in recorded[3:]} <= bar_states
    assert ours[-1] == ours[-2] and ours[-1].startswith("100%|██████████| 50/50 [")
    assert final["logs"].endswith("\n") and PROCESSING["logs"].endswith("\n")


# -- outputs --------------------------------------------------------------------------------


async def test_outputs_are_downloadable_pngs(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Each output URL serves a real PNG of the requested width x height."""
    final = await finished(
        session,
        fake_replicate,
        {"prompt": "a corgi", "width": 640, "height": 384, "num_outputs": 2},
    )
    assert final["status"] == "succeeded"
    assert len(final["output"]) == 2
    for index, url in enumerate(final["output"]):
        assert url == f"{fake_replicate.origin}/files/{final['id']}/out-{index}.png"
        answer = await call(session, fake_replicate, "GET", url, token=None)
        assert (answer.status, answer.content_type) == (200, "image/png")
        with Image.open(io.BytesIO(answer.raw)) as image:
            assert (image.format, image.size) == ("PNG", (640, 384))
    again = await call(session, fake_replicate, "GET", final["output"][-1], token=None)
    assert again.raw == answer.raw


async def test_img2img_keeps_1024_and_shortens_the_bar(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """With an input image the mode is img2img, the bar is steps*strength, the output 1024x1024."""
    final = await finished(
        session,
        fake_replicate,
        {
            "image": "https://example.com/in.png",
            "width": 512,
            "num_inference_steps": 20,
            "prompt_strength": 0.5,
        },
    )
    assert final["logs"].splitlines()[2] == "img2img mode"
    assert bars_in(final["logs"]) == [10]
    answer = await call(session, fake_replicate, "GET", final["output"][0], token=None)
    with Image.open(io.BytesIO(answer.raw)) as image:
        assert image.size == (1024, 1024)


@pytest.mark.parametrize(
    ("extra", "mode", "bars"),
    [
        ({"refine": "expert_ensemble_refiner"}, "txt2img", [8, 2]),
        ({"refine": "expert_ensemble_refiner", "high_noise_frac": 0.5}, "txt2img", [5, 5]),
        ({"refine": "base_image_refiner"}, "txt2img", [10, 3]),
        ({"refine": "base_image_refiner", "refine_steps": 20}, "txt2img", [10, 6]),
        ({"image": "https://e.x/i.png", "mask": "https://e.x/m.png"}, "inpaint", [8]),
        ({"mask": "https://e.x/m.png"}, "txt2img", [10]),
    ],
)
async def test_refiners_and_modes_print_their_bars(
    fake_replicate: FakeReplicate,
    session: aiohttp.ClientSession,
    extra: dict[str, Any],
    mode: str,
    bars: list[int],
) -> None:
    """Refiners add a second bar restarting at 0/N; the mode line follows image and mask."""
    final = await finished(session, fake_replicate, {"num_inference_steps": 10, **extra})
    assert final["status"] == "succeeded"
    assert final["logs"].splitlines()[1] == "Prompt: An astronaut riding a rainbow unicorn"
    assert final["logs"].splitlines()[2] == f"{mode} mode"
    assert bars_in(final["logs"]) == bars


async def test_data_outputs(fake_replicate: FakeReplicate, session: aiohttp.ClientSession) -> None:
    """output_kind="data" answers data: URIs holding the PNG itself."""
    fake_replicate.scenario.output_kind = "data"
    final = await finished(session, fake_replicate, {"width": 256, "height": 128, "seed": 7})
    prefix = "data:image/png;base64,"
    assert final["output"][0].startswith(prefix)
    with Image.open(io.BytesIO(base64.b64decode(final["output"][0][len(prefix) :]))) as image:
        assert (image.format, image.size) == ("PNG", (256, 128))


async def test_output_base_moves_output_urls(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """output_base puts the output URLs on another host."""
    fake_replicate.scenario.output_base = "https://evil.example"
    final = await finished(session, fake_replicate, {"num_outputs": 2})
    assert final["output"] == [
        f"https://evil.example/files/{final['id']}/out-{index}.png" for index in range(2)
    ]


async def test_urls_point_at_replicate_not_the_fake(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """urls.get/cancel/web name api.replicate.com and replicate.com, as a relay passes them on."""
    created = (await create(session, fake_replicate)).json()
    pid = created["id"]
    expected = {
        "get": f"https://api.replicate.com/v1/predictions/{pid}",
        "cancel": f"https://api.replicate.com/v1/predictions/{pid}/cancel",
        "web": f"https://replicate.com/p/{pid}",
    }
    assert created["urls"] == expected
    fetched = await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")
    assert fetched.json()["urls"] == expected


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("token", [None, "r8_wrong", ""])
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/v1/predictions"),
        ("GET", "/v1/predictions/abc"),
        ("POST", "/v1/predictions/abc/cancel"),
        ("GET", f"/v1/models/stability-ai/sdxl/versions/{VERSION_ID}"),
    ],
)
async def test_401_body_equals_the_recording(
    fake_replicate: FakeReplicate,
    session: aiohttp.ClientSession,
    token: str | None,
    method: str,
    path: str,
) -> None:
    """A missing or wrong token gets exactly the recorded 401 problem+json."""
    answer = await call(session, fake_replicate, method, path, token=token, body={})
    assert answer.status == ERROR_401["status"] == 401
    assert answer.content_type == ERROR_401["content_type"]
    assert answer.json() == ERROR_401["body"]


async def test_token_scheme_must_be_bearer(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """The right token under another scheme is still 401."""
    headers = {"Authorization": f"Token {fake_replicate.token}"}
    answer = await call(
        session, fake_replicate, "GET", "/v1/predictions/x", token=None, headers=headers
    )
    assert answer.status == 401


@pytest.mark.parametrize("version", [FULL_VERSION, VERSION_ID, "stability-ai/sdxl"])
async def test_accepted_versions(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, version: str
) -> None:
    """The three spellings of the SDXL version are accepted and answered with the bare id."""
    answer = await create(session, fake_replicate, version=version)
    assert answer.status == 201
    assert answer.json()["version"] == VERSION_ID


@pytest.mark.parametrize(
    "version", ["stability-ai/sdxl:0000", "other/model", VERSION_ID.upper(), "", None, 3]
)
async def test_invalid_version_is_422(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, version: Any
) -> None:
    """Any other version gets Replicate's 422 'Invalid version or not permitted'."""
    answer = await create(session, fake_replicate, version=version)
    assert (answer.status, answer.content_type) == (422, "application/problem+json")
    assert answer.json() == INVALID_VERSION
    assert fake_replicate.predictions == {}


async def test_invalid_input_is_422_with_invalid_fields(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """num_outputs=5 gets exactly Replicate's input-validation problem."""
    answer = await create(session, fake_replicate, {"prompt": "a corgi", "num_outputs": 5})
    assert (answer.status, answer.content_type) == (422, "application/problem+json")
    assert answer.json() == {
        "title": "Input validation failed",
        "detail": "- input.num_outputs: Must be less than or equal to 4\n",
        "status": 422,
        "invalid_fields": [
            {
                "type": "less_than_equal",
                "field": "input.num_outputs",
                "description": "Must be less than or equal to 4",
            }
        ],
    }


async def test_every_input_problem_is_listed(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Each broken field gets one invalid_fields entry and one detail line."""
    bad = {
        "num_outputs": 0,
        "scheduler": "FOO",
        "width": "big",
        "seed": True,
        "guidance_scale": 51,
        "nope": 1,
    }
    body = (await create(session, fake_replicate, bad)).json()
    kinds = {entry["field"]: entry["type"] for entry in body["invalid_fields"]}
    assert kinds == {
        "input.num_outputs": "greater_than_equal",
        "input.scheduler": "enum",
        "input.width": "type",
        "input.seed": "type",
        "input.guidance_scale": "less_than_equal",
        "input": "additional_property",
    }
    lines = [f"- {e['field']}: {e['description']}\n" for e in body["invalid_fields"]]
    assert body["detail"] == "".join(lines)
    assert "Invalid type. Expected: integer, given: string" in body["detail"]
    assert "Additional property nope is not allowed" in body["detail"]


@given(st.integers(min_value=-10, max_value=10))
def test_num_outputs_bounds(count: int) -> None:
    """num_outputs is accepted exactly when it is within the schema's 1..4."""
    assert (validate_input({"num_outputs": count}) == []) == (1 <= count <= 4)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_fields_accept_any_float_in_range(value: float) -> None:
    """prompt_strength takes any number within 0..1 and rejects the rest."""
    assert (validate_input({"prompt_strength": value}) == []) == (0 <= value <= 1)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/predictions/nosuchprediction"),
        ("POST", "/v1/predictions/nosuchprediction/cancel"),
        ("GET", "/v1/models/stability-ai/sdxl/versions/0000"),
        ("GET", "/v1/nothing/here"),
    ],
)
async def test_unknown_resources_are_404(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, method: str, path: str
) -> None:
    """Unknown ids and routes get Replicate's 404 problem+json."""
    answer = await call(session, fake_replicate, method, path)
    assert (answer.status, answer.content_type) == (404, "application/problem+json")
    assert answer.json() == NOT_FOUND


async def test_version_endpoint_returns_the_recording(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """The SDXL version answers the recorded version with its OpenAPI schema."""
    path = f"/v1/models/stability-ai/sdxl/versions/{VERSION_ID}"
    answer = await call(session, fake_replicate, "GET", path)
    assert (answer.status, answer.content_type) == (200, "application/json")
    assert answer.json() == VERSION


# -- faults ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "retry_after", "header", "expected"),
    [
        (429, 30.0, "30", THROTTLED),
        (503, 0.5, "0.5", None),
        (500, None, None, None),
        (402, None, None, INSUFFICIENT_CREDIT),
    ],
)
async def test_status_fault(
    fake_replicate: FakeReplicate,
    session: aiohttp.ClientSession,
    status: int,
    retry_after: float | None,
    header: str | None,
    expected: dict[str, Any] | None,
) -> None:
    """A status fault answers its problem+json (and Retry-After) once, then normal service."""
    fake_replicate.add_fault(Fault("POST", r"/v1/predictions", "status", status, retry_after))
    answer = await create(session, fake_replicate)
    assert (answer.status, answer.content_type) == (status, "application/problem+json")
    assert answer.headers.get("Retry-After") == header
    if expected is None:
        assert answer.json() == {
            "title": "Internal Server Error",
            "detail": "Internal Server Error",
            "status": status,
        }
    else:
        assert answer.json() == expected
    assert fake_replicate.predictions == {}
    assert (await create(session, fake_replicate)).status == 201
    assert fake_replicate.count("POST", r"/v1/predictions") == 2
    assert fake_replicate.faults == []


async def test_fault_times_and_path_matching(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A fault hits only matching requests, `times` times."""
    pid = (await create(session, fake_replicate)).json()["id"]
    fake_replicate.add_fault(Fault("GET", r"/v1/predictions/[^/]+", "status", 503, times=2))
    statuses = [
        (await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")).status
        for _ in range(3)
    ]
    assert statuses == [503, 503, 200]
    fake_replicate.add_fault(Fault("*", r"/v1/other", "status", 500))
    assert (await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")).status == 200
    assert fake_replicate.count("GET", r"/v1/predictions/.+") == 4
    assert fake_replicate.count("*", r".*") == 5


async def test_drop_on_create_without_effect(fake_replicate: FakeReplicate) -> None:
    """A dropped create disconnects the client and creates nothing."""
    fake_replicate.add_fault(Fault("POST", r"/v1/predictions", "drop"))
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await create(session, fake_replicate)
    assert fake_replicate.predictions == {}
    assert fake_replicate.count("POST", r"/v1/predictions") == 1


async def test_drop_after_effect_creates_then_disconnects(fake_replicate: FakeReplicate) -> None:
    """With after_effect the prediction exists although the client only saw a disconnect."""
    fake_replicate.add_fault(Fault("POST", r"/v1/predictions", "drop", after_effect=True))
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await create(session, fake_replicate)
        [prediction] = fake_replicate.predictions.values()
        body = await wait_for_status(session, fake_replicate, prediction.id, {"succeeded"})
    assert body["input"] == {"prompt": "a corgi"}


async def test_drop_on_get_needs_two_for_aiohttp(fake_replicate: FakeReplicate) -> None:
    """aiohttp silently retries an idempotent request once after a disconnect; two drops surface."""
    path = r"/v1/predictions/[^/]+"
    async with aiohttp.ClientSession() as session:
        pid = (await create(session, fake_replicate)).json()["id"]
        fake_replicate.add_fault(Fault("GET", path, "drop"))
        assert (await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")).status == 200
        fake_replicate.add_fault(Fault("GET", path, "drop", times=2))
        with pytest.raises(aiohttp.ServerDisconnectedError):
            await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")
    assert fake_replicate.count("GET", path) == 4


async def test_slow_fault_delays_the_answer(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A slow fault answers normally after its delay."""
    fake_replicate.add_fault(Fault("POST", r"/v1/predictions", "slow", delay=0.3))
    started = clock.loop_time()
    answer = await create(session, fake_replicate)
    assert clock.loop_time() - started >= 0.3
    assert answer.status == 201
    prediction = fake_replicate.predictions[answer.json()["id"]]
    assert prediction.created_monotonic - started >= 0.3


@pytest.mark.parametrize("after_effect", [False, True])
async def test_malformed_fault_truncates_json(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, after_effect: bool
) -> None:
    """A malformed answer is a 200 application/json that does not parse."""
    pid = (await create(session, fake_replicate)).json()["id"]
    fault = Fault("GET", r"/v1/predictions/[^/]+", "malformed", after_effect=after_effect)
    fake_replicate.add_fault(fault)
    answer = await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")
    assert (answer.status, answer.content_type) == (200, "application/json")
    with pytest.raises(ValueError):
        answer.json()
    assert answer.raw.startswith(b'{"id": "')
    assert (pid.encode() in answer.raw) == after_effect


async def test_requests_are_recorded(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Every request is recorded in order, with lower-case headers and the parsed body."""
    fake_replicate.add_fault(Fault("*", r"/v1/predictions", "status", 429))
    await create(session, fake_replicate, {"prompt": "x"}, webhook="https://hook.example/x")
    await call(session, fake_replicate, "GET", "/v1/predictions/zzz", token="bad")
    first, second = fake_replicate.requests
    assert (first.method, first.path) == ("POST", "/v1/predictions")
    assert first.json["webhook"] == "https://hook.example/x"
    assert first.headers["authorization"] == f"Bearer {fake_replicate.token}"
    assert all(key == key.lower() for key in first.headers)
    assert (second.method, second.path, second.json) == ("GET", "/v1/predictions/zzz", None)
    assert first.at <= second.at <= clock.loop_time()


# -- endings --------------------------------------------------------------------------------


async def test_nsfw_some_drops_every_other_image(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """With nsfw="some" the odd images are dropped and logged; the even ones are served."""
    fake_replicate.scenario.nsfw = "some"
    final = await finished(session, fake_replicate, {"num_outputs": 4})
    assert final["status"] == "succeeded"
    assert [url.rsplit("/", 1)[1] for url in final["output"]] == ["out-0.png", "out-2.png"]
    assert "NSFW content detected in image 1\nNSFW content detected in image 3\n" in final["logs"]
    dropped = final["output"][0].replace("out-0", "out-1")
    assert (await call(session, fake_replicate, "GET", dropped, token=None)).status == 404
    single = await finished(session, fake_replicate, {"num_outputs": 1})
    assert len(single["output"]) == 1


async def test_nsfw_all_fails_the_prediction(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """With every image flagged the prediction fails with the safety checker's error."""
    fake_replicate.scenario.nsfw = "all"
    final = await finished(session, fake_replicate, {"num_outputs": 2})
    assert (final["status"], final["output"], final["error"]) == ("failed", None, NSFW_ERROR)
    assert final["logs"].splitlines()[-1] == f"Exception: {NSFW_ERROR}"
    assert "Traceback (most recent call last):" in final["logs"]
    assert final["completed_at"] is not None


async def test_disabled_safety_checker_keeps_every_image(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """disable_safety_checker=true bypasses the NSFW scenario."""
    fake_replicate.scenario.nsfw = "all"
    final = await finished(
        session, fake_replicate, {"num_outputs": 2, "disable_safety_checker": True}
    )
    assert final["status"] == "succeeded" and len(final["output"]) == 2


async def test_model_failure(fake_replicate: FakeReplicate, session: aiohttp.ClientSession) -> None:
    """fail_with ends the run halfway through the steps, with the error and a traceback."""
    fake_replicate.scenario.fail_with = "CUDA out of memory"
    final = await finished(session, fake_replicate, {"num_inference_steps": 10})
    assert (final["status"], final["output"], final["error"]) == (
        "failed",
        None,
        "CUDA out of memory",
    )
    lines = final["logs"].splitlines()
    assert lines[-1] == "Exception: CUDA out of memory"
    assert "Traceback (most recent call last):" in lines
    assert [line for line in lines if TQDM.fullmatch(line)][-1].startswith(" 50%|█████     | 5/10")
    assert final["completed_at"] is not None and final["metrics"]["predict_time"] >= 0


async def test_cancel_while_starting(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Cancel while starting answers the canceled prediction; a second cancel changes nothing."""
    fake_replicate.timing.starting = 30
    pid = (await create(session, fake_replicate)).json()["id"]
    answer = await call(session, fake_replicate, "POST", f"/v1/predictions/{pid}/cancel")
    assert (answer.status, answer.content_type) == (200, "application/json")
    body = answer.json()
    assert (body["status"], body["output"], body["started_at"]) == ("canceled", None, None)
    assert body["completed_at"] is not None
    assert set(body) == set(PROCESSING) | {"data_removed"}
    again = await call(session, fake_replicate, "POST", f"/v1/predictions/{pid}/cancel")
    assert again.json() == body
    assert fake_replicate.predictions[pid].status == "canceled"


async def test_cancel_while_processing_sticks(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A prediction canceled while processing stays canceled past its natural end."""
    fake_replicate.timing.step = 0.02
    pid = (await create(session, fake_replicate, {"num_inference_steps": 10})).json()["id"]
    processing = await wait_for_status(session, fake_replicate, pid, {"processing"})
    body = (await call(session, fake_replicate, "POST", f"/v1/predictions/{pid}/cancel")).json()
    assert body["status"] == "canceled"
    assert body["logs"].startswith(processing["logs"])
    assert body["started_at"] == processing["started_at"]
    prediction = fake_replicate.predictions[pid]
    natural_end = prediction.created_monotonic + prediction.natural_end_offset

    async def probe() -> dict[str, Any] | None:
        latest = (await call(session, fake_replicate, "GET", f"/v1/predictions/{pid}")).json()
        assert latest == body
        return latest if clock.loop_time() > natural_end else None

    await eventually(probe)
    assert prediction.completed_monotonic == prediction.canceled_monotonic


async def test_cancel_of_a_finished_prediction_changes_nothing(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Canceling a terminal prediction answers it unchanged."""
    final = await finished(session, fake_replicate, {})
    answer = await call(session, fake_replicate, "POST", f"/v1/predictions/{final['id']}/cancel")
    assert answer.status == 200
    assert answer.json() == final


async def test_cancel_unsupported_is_404(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Without the cancel endpoint, cancel is a 404 and the prediction runs on."""
    fake_replicate.scenario.cancel_supported = False
    pid = (await create(session, fake_replicate)).json()["id"]
    answer = await call(session, fake_replicate, "POST", f"/v1/predictions/{pid}/cancel")
    assert (answer.status, answer.content_type) == (404, "application/problem+json")
    assert answer.json() == NOT_FOUND
    assert (await wait_for_status(session, fake_replicate, pid, TERMINAL))["status"] == "succeeded"


async def test_completed_monotonic_is_exact(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """completed_monotonic is None until the end, then the exact instant the run ended."""
    timing = fake_replicate.timing
    pid = (await create(session, fake_replicate, {"num_inference_steps": 20})).json()["id"]
    prediction = fake_replicate.predictions[pid]
    assert prediction.completed_monotonic is None
    await wait_for_status(session, fake_replicate, pid, {"succeeded"})
    expected = prediction.created_monotonic + timing.starting + 20 * timing.step + timing.finishing
    assert prediction.completed_monotonic == pytest.approx(expected, abs=1e-9)
    noticed = [r.at for r in fake_replicate.requests if r.path == f"/v1/predictions/{pid}"][-1]
    assert prediction.completed_monotonic <= noticed


async def test_openai_style_create(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """openai_style answers create with a finished OpenAI-images body whose URLs serve PNGs."""
    fake_replicate.scenario.openai_style = True
    before = int(clock.wall())
    answer = await create(session, fake_replicate, {"num_outputs": 2, "width": 512, "height": 512})
    assert (answer.status, answer.content_type) == (200, "application/json")
    body = answer.json()
    assert set(body) == {"created", "data"}
    assert before <= body["created"] <= clock.wall()
    assert len(body["data"]) == 2
    for item in body["data"]:
        assert set(item) == {"url"}
        image = await call(session, fake_replicate, "GET", item["url"], token=None)
        assert image.status == 200
        with Image.open(io.BytesIO(image.raw)) as png:
            assert png.size == (512, 512)
    [prediction] = fake_replicate.predictions.values()
    assert prediction.status == "succeeded"


async def test_prefer_wait_holds_the_create(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """`Prefer: wait=N` holds the create until the prediction ends, like the recording."""
    answer = await call(
        session,
        fake_replicate,
        "POST",
        "/v1/predictions",
        body={"version": FULL_VERSION, "input": {"prompt": "a corgi"}},
        headers=CREATE["request_headers"],
    )
    assert answer.status == CREATE["response_status"] == 201
    assert answer.headers["Preference-Applied"] == CREATE["response_headers"]["Preference-Applied"]
    body = answer.json()
    assert body["status"] == "succeeded"
    assert set(body) == set(CREATE["response"])


# -- the official client --------------------------------------------------------------------


async def test_official_client_creates_and_waits(
    fake_replicate: FakeReplicate, official: replicate.Client
) -> None:
    """The official client creates, polls to the end and reads the output list."""
    prediction = await official.predictions.async_create(
        version=FULL_VERSION, input={"prompt": "a corgi", "num_outputs": 2, "width": 512}
    )
    assert prediction.status == "starting"
    await prediction.async_wait()
    assert prediction.status == "succeeded"
    assert isinstance(prediction.output, list) and len(prediction.output) == 2
    assert prediction.output[0].startswith(f"{fake_replicate.origin}/files/{prediction.id}/")
    assert prediction.progress is not None and prediction.progress.percentage == 1.0
    assert prediction.metrics is not None and "predict_time" in prediction.metrics
    sent = fake_replicate.requests[0]
    assert sent.json == {
        "version": FULL_VERSION,
        "input": {"prompt": "a corgi", "num_outputs": 2, "width": 512},
    }
    assert sent.headers["user-agent"].startswith("replicate-python/")
    version = await Versions(official, "stability-ai/sdxl").async_get(VERSION_ID)
    assert "Input" in version.openapi_schema["components"]["schemas"]


async def test_official_client_cancels(
    fake_replicate: FakeReplicate, official: replicate.Client
) -> None:
    """The official client's cancel yields a canceled prediction."""
    fake_replicate.timing.starting = 30
    prediction = await official.predictions.async_create(version=VERSION_ID, input={})
    await prediction.async_cancel()
    assert prediction.status == "canceled"
    assert prediction.completed_at is not None


async def test_official_client_sees_401(fake_replicate: FakeReplicate) -> None:
    """A bad token raises ReplicateError 401 'Unauthenticated'."""
    client = replicate.Client(api_token="r8_wrong", base_url=fake_replicate.origin)
    try:
        with pytest.raises(ReplicateError) as raised:
            await client.predictions.async_create(version=FULL_VERSION, input={})
    finally:
        await client._async_client.aclose()
    assert (raised.value.status, raised.value.title) == (401, "Unauthenticated")
    assert raised.value.detail == ERROR_401["body"]["detail"]


@pytest.mark.parametrize(
    ("version", "prediction_input", "title"),
    [
        (FULL_VERSION, {"num_outputs": 9}, "Input validation failed"),
        (FULL_VERSION, {"scheduler": "nope"}, "Input validation failed"),
        ("stability-ai/sdxl:deadbeef", {}, "Invalid version or not permitted"),
    ],
)
async def test_official_client_sees_422(
    official: replicate.Client, version: str, prediction_input: dict[str, Any], title: str
) -> None:
    """Bad input or version raises ReplicateError 422 with Replicate's title."""
    with pytest.raises(ReplicateError) as raised:
        await official.predictions.async_create(version=version, input=prediction_input)
    assert (raised.value.status, raised.value.title) == (422, title)


async def test_official_client_survives_429_with_retry_after(
    fake_replicate: FakeReplicate, official: replicate.Client
) -> None:
    """The official client's transport honours Retry-After on a throttled GET and carries on."""
    path = r"/v1/predictions/[^/]+"
    fake_replicate.add_fault(Fault("GET", path, "status", 429, retry_after=1))
    prediction = await official.predictions.async_create(version=FULL_VERSION, input={})
    await prediction.async_wait()
    assert prediction.status == "succeeded"
    first, second = [r.at for r in fake_replicate.requests if re.fullmatch(path, r.path)][:2]
    assert second - first >= 0.95


# -- webhooks -------------------------------------------------------------------------------


@dataclass
class Received:
    """One webhook POST as a receiver saw it."""

    headers: dict[str, str]  # lower-case keys
    body: bytes


class HookServer:
    """A plain aiohttp endpoint that records webhook POSTs and answers `status`."""

    def __init__(self) -> None:
        self.received: list[Received] = []
        self.status = 200
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen on a random port of 127.0.0.1."""
        app = web.Application()
        app.router.add_post("/hook", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}/hook"

    async def close(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        headers = {key.lower(): value for key, value in request.headers.items()}
        self.received.append(Received(headers, await request.read()))
        return web.Response(status=self.status)


@pytest.fixture
async def hook_server() -> AsyncIterator[HookServer]:
    """A started HookServer."""
    server = HookServer()
    await server.start()
    yield server
    await server.close()


ALL_EVENTS = ["start", "output", "logs", "completed"]


async def hooked(
    session: aiohttp.ClientSession,
    fake: FakeReplicate,
    url: str,
    events: list[str] | None,
    prediction_input: dict[str, Any] | None = None,
) -> str:
    """Create a prediction with a webhook (and `events` as the filter, if given); its id."""
    extra: dict[str, Any] = {"webhook": url}
    if events is not None:
        extra["webhook_events_filter"] = events
    answer = await create(session, fake, prediction_input, **extra)
    assert answer.status == 201, answer.raw
    prediction_id: str = answer.json()["id"]
    return prediction_id


async def until_completed_delivery(fake: FakeReplicate, prediction_id: str) -> None:
    """Wait until the fake has recorded the answer to its last delivery for the prediction."""

    async def probe() -> bool | None:
        task_running = any(
            task.get_name() == f"fake-webhooks-{prediction_id}" for task in fake._webhook_tasks
        )
        return (
            True
            if not task_running and fake.predictions[prediction_id].completed_monotonic
            else None
        )

    await eventually(probe)


async def test_webhook_secret_endpoint(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """GET /v1/webhooks/default/secret gives whsec_<base64>; needs the token; 404 on a relay."""
    answer = await call(session, fake_replicate, "GET", "/v1/webhooks/default/secret")
    assert (answer.status, answer.content_type) == (200, "application/json")
    key = answer.json()["key"]
    assert key == WEBHOOK_SECRET and key.startswith("whsec_")
    assert len(base64.b64decode(key.removeprefix("whsec_"), validate=True)) == 32
    unauthorized = await call(
        session, fake_replicate, "GET", "/v1/webhooks/default/secret", token=None
    )
    assert unauthorized.status == 401
    fake_replicate.webhooks_supported = False
    missing = await call(session, fake_replicate, "GET", "/v1/webhooks/default/secret")
    assert (missing.status, missing.json()) == (404, NOT_FOUND)


async def test_webhook_deliveries_are_signed_like_replicate(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """Each POST carries the prediction, a fresh id, a timestamp and a valid v1 HMAC-SHA256."""
    fake = fake_replicate
    pid = await hooked(session, fake, hook_server.url, ALL_EVENTS)
    await until_completed_delivery(fake, pid)
    key = base64.b64decode(WEBHOOK_SECRET.removeprefix("whsec_"))
    assert len(hook_server.received) == len(fake.webhook_deliveries) >= 2
    ids = set()
    for received, recorded in zip(hook_server.received, fake.webhook_deliveries, strict=True):
        webhook_id = received.headers["webhook-id"]
        stamp = received.headers["webhook-timestamp"]
        ids.add(webhook_id)
        assert abs(int(stamp) - clock.wall()) < 30
        message = webhook_id.encode() + b"." + stamp.encode() + b"." + received.body
        expected = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        assert received.headers["webhook-signature"].split() == [f"v1,{expected}"]
        assert received.headers["content-type"] == "application/json"
        assert received.body == recorded.body and recorded.status == 200
        assert json.loads(received.body)["id"] == pid
    assert len(ids) == len(hook_server.received), "webhook-id must be fresh per delivery"
    final = fake.webhook_deliveries[-1]
    assert final.event == "completed" and final.json()["status"] == "succeeded"
    assert final.json()["output"] and final.json()["completed_at"]
    assert fake.webhook_deliveries[0].event == "start"
    assert fake.webhook_deliveries[0].json()["status"] == "processing"


async def test_webhook_events_filter_is_respected(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """Only the filtered events are sent; without a filter, new output and the end only."""
    fake = fake_replicate
    cases: dict[str, list[str] | None] = {}
    for events in (["completed"], ["start", "completed"], None, ["start"]):
        cases[await hooked(session, fake, hook_server.url, events)] = events
    for pid in cases:
        await until_completed_delivery(fake, pid)
    sent = {pid: [d.event for d in fake.deliveries(pid)] for pid in cases}
    expected = {
        "['completed']": ["completed"],
        "['start', 'completed']": ["start", "completed"],
        "None": ["completed"],
        "['start']": ["start"],
    }
    for pid, events in cases.items():
        assert sent[pid] == expected[str(events)], events


async def test_logs_webhooks_are_throttled_to_one_per_500_ms(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """Logs change every 25 ms, yet logs events go out at most every 0.5 s, logs growing."""
    fake = fake_replicate
    fake.timing = Timing(starting=0.05, step=0.03, finishing=0.05)
    pid = await hooked(session, fake, hook_server.url, ["logs", "completed"])
    await until_completed_delivery(fake, pid)
    logs = [d for d in fake.deliveries(pid) if d.event == "logs"]
    assert len(logs) >= 2
    for before, after in pairwise(logs):
        assert after.sent_monotonic - before.sent_monotonic >= 0.5
        assert after.json()["logs"].startswith(before.json()["logs"])
        assert len(after.json()["logs"]) > len(before.json()["logs"])
    assert [d.event for d in fake.deliveries(pid)][-1] == "completed"


async def test_completed_webhook_goes_out_at_the_terminal_moment(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """The completion is sent once the prediction is terminal, its send time recorded."""
    fake = fake_replicate
    pid = await hooked(session, fake, hook_server.url, ["completed"])
    await until_completed_delivery(fake, pid)
    prediction = fake.predictions[pid]
    assert prediction.completed_monotonic is not None
    assert prediction.webhook_sent_monotonic is not None
    assert prediction.webhook_sent_monotonic >= prediction.completed_monotonic


async def test_a_canceled_prediction_sends_its_completion_at_the_cancel(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """Cancel wakes the delivery task: the completion carries status canceled."""
    fake = fake_replicate
    fake.timing.step = 1.0  # 50 s of steps: it only ends by the cancel
    pid = await hooked(session, fake, hook_server.url, ["completed"])
    await wait_for_status(session, fake, pid, {"processing"})
    assert (await call(session, fake, "POST", f"/v1/predictions/{pid}/cancel")).status == 200
    await until_completed_delivery(fake, pid)
    [delivery] = fake.deliveries(pid)
    assert delivery.json()["status"] == "canceled"
    prediction = fake.predictions[pid]
    assert prediction.canceled_monotonic is not None and prediction.webhook_sent_monotonic
    assert prediction.webhook_sent_monotonic >= prediction.canceled_monotonic


async def test_webhook_answers_are_recorded(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """A receiver's error status, or an unreachable URL, is recorded per delivery."""
    fake = fake_replicate
    hook_server.status = 401
    refused = await hooked(session, fake, hook_server.url, ["completed"])
    dead = await hooked(session, fake, "http://127.0.0.1:9/hook", ["completed"])
    await until_completed_delivery(fake, refused)
    await until_completed_delivery(fake, dead)
    assert [d.status for d in fake.deliveries(refused)] == [401]
    [failed] = fake.deliveries(dead)
    assert failed.status is None and failed.error


async def test_a_relay_without_webhooks_sends_none(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """webhooks_supported=False: the webhook field is ignored; the prediction still runs."""
    fake = fake_replicate
    fake.webhooks_supported = False
    pid = await hooked(session, fake, hook_server.url, ALL_EVENTS)
    await wait_for_status(session, fake, pid, TERMINAL)
    assert fake.webhook_deliveries == [] and not fake._webhook_tasks
    assert hook_server.received == []


async def test_close_cancels_the_delivery_tasks(
    session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """Closing the fake stops every delivery task it owns."""
    fake = FakeReplicate(timing=Timing(starting=0.01, step=1.0, finishing=0.01))
    await fake.start()
    try:
        await hooked(session, fake, hook_server.url, ALL_EVENTS)
        assert len(fake._webhook_tasks) == 1
        [task] = fake._webhook_tasks
    finally:
        await fake.close()
    assert task.done() and not fake._webhook_tasks


# -- Cancel-After and deadlines ------------------------------------------------------------


async def create_with_deadline(
    session: aiohttp.ClientSession,
    fake: FakeReplicate,
    cancel_after: str,
    prediction_input: dict[str, Any] | None = None,
    **extra: Any,
) -> Answer:
    """POST /v1/predictions with a Cancel-After header."""
    body = {"version": FULL_VERSION, "input": prediction_input or {"prompt": "a corgi"}, **extra}
    return await call(
        session,
        fake,
        "POST",
        "/v1/predictions",
        body=body,
        headers={"Cancel-After": cancel_after},
    )


def when(text: str) -> datetime:
    """A timestamp of the fake's JSON as an aware datetime."""
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30", 30),
        ("30s", 30),
        ("90s", 90),
        ("5m", 300),
        ("1h", 3600),
        ("2h30m", 9000),
        ("1h30m45s", 5445),
        ("1m1m", 120),
        ("0.5s", 0.5),
        (" 10s ", 10),
    ],
)
def test_cancel_after_durations_parse_like_replicate(text: str, seconds: float) -> None:
    """Cancel-After takes bare seconds or Go-style h/m/s parts, combinable."""
    assert parse_cancel_after(text) == seconds


@pytest.mark.parametrize("text", ["", "s", "5x", "-5s", "5 m", "1h 30m", "5ms", "5S", "PT5S"])
def test_cancel_after_rejects_other_durations(text: str) -> None:
    """Anything but digits with h/m/s units is not a duration."""
    with pytest.raises(ValueError, match="not a duration"):
        parse_cancel_after(text)


@pytest.mark.parametrize("value", ["4", "4s", "4.9s", "0", "junk", "5ms", ""])
async def test_a_cancel_after_below_5_s_or_unparsable_is_400(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, value: str
) -> None:
    """A Cancel-After under Replicate's 5 s minimum or not a duration is a 400; nothing made."""
    answer = await create_with_deadline(session, fake_replicate, value)
    assert (answer.status, answer.content_type) == (400, "application/problem+json")
    problem = answer.json()
    assert problem["status"] == 400 and "Cancel-After" in problem["detail"]
    assert fake_replicate.predictions == {}


async def test_the_deadline_is_reported_on_create_get_and_list(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """`deadline` is creation + Cancel-After in every view; without the header it is absent."""
    fake_replicate.timing.starting = 30
    answer = await create_with_deadline(session, fake_replicate, "1h30m")
    assert answer.status == 201
    created = answer.json()
    assert when(created["deadline"]) - when(created["created_at"]) == timedelta(minutes=90)
    assert TIMESTAMP.fullmatch(created["deadline"])
    got = (await call(session, fake_replicate, "GET", f"/v1/predictions/{created['id']}")).json()
    assert got["deadline"] == created["deadline"]
    listed = (await call(session, fake_replicate, "GET", "/v1/predictions")).json()
    assert listed["results"][0]["deadline"] == created["deadline"]
    plain = (await create(session, fake_replicate)).json()
    assert "deadline" not in plain
    assert fake_replicate.predictions[plain["id"]].cancel_after is None


async def test_the_deadline_state_is_computed_from_the_clock(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A 5 s deadline on a prediction still starting: starting just before it, aborted at it."""
    fake_replicate.timing.starting = 30
    pid = (await create_with_deadline(session, fake_replicate, "5s")).json()["id"]
    prediction = fake_replicate.predictions[pid]
    assert prediction.deadline_monotonic == prediction.created_monotonic + 5
    assert prediction.state(prediction.created_monotonic + 4.99).status == "starting"
    assert prediction.state(prediction.created_monotonic + 5).status == "aborted"
    assert prediction.end_monotonic == prediction.deadline_monotonic


async def test_the_deadline_aborts_a_prediction_that_has_not_started(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession, hook_server: HookServer
) -> None:
    """Past its deadline while starting: aborted, no output, no predict_time; webhook says so."""
    fake = fake_replicate
    fake.min_cancel_after = 0.1
    fake.timing.starting = 30
    answer = await create_with_deadline(
        session, fake, "0.2s", webhook=hook_server.url, webhook_events_filter=["completed"]
    )
    pid = answer.json()["id"]
    body = await wait_for_status(session, fake, pid, TERMINAL)
    assert (body["status"], body["output"], body["started_at"]) == ("aborted", None, None)
    assert "predict_time" not in body["metrics"]
    assert when(body["completed_at"]) == when(body["deadline"])
    prediction = fake.predictions[pid]
    assert prediction.completed_monotonic == prediction.deadline_monotonic
    assert prediction.canceled_monotonic is None
    await until_completed_delivery(fake, pid)
    [delivery] = fake.deliveries(pid)
    assert (delivery.event, delivery.json()["status"]) == ("completed", "aborted")
    assert prediction.webhook_sent_monotonic is not None
    assert prediction.webhook_sent_monotonic >= prediction.completed_monotonic


async def test_the_deadline_cancels_a_running_prediction(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Past its deadline while processing: canceled at that moment, like a cancel, and billed."""
    fake = fake_replicate
    fake.min_cancel_after = 0.1
    fake.timing.step = 1.0  # 50 s of steps: it only ends by the deadline
    pid = (await create_with_deadline(session, fake, "0.3s")).json()["id"]
    processing = await wait_for_status(session, fake, pid, {"processing"})
    body = await wait_for_status(session, fake, pid, TERMINAL)
    assert (body["status"], body["output"], body["error"]) == ("canceled", None, None)
    assert body["started_at"] == processing["started_at"]
    assert body["logs"].startswith(processing["logs"])
    assert when(body["completed_at"]) == when(body["deadline"])
    assert body["metrics"]["predict_time"] == pytest.approx(0.3 - fake.timing.starting, abs=1e-6)
    prediction = fake.predictions[pid]
    assert prediction.completed_monotonic == prediction.deadline_monotonic
    # A cancel after the end changes nothing.
    again = await call(session, fake, "POST", f"/v1/predictions/{pid}/cancel")
    assert again.json() == body


async def test_a_cancel_before_the_deadline_wins(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A prediction canceled while starting stays canceled when its deadline passes later."""
    fake = fake_replicate
    fake.timing.starting = 30
    pid = (await create_with_deadline(session, fake, "5s")).json()["id"]
    assert (await call(session, fake, "POST", f"/v1/predictions/{pid}/cancel")).status == 200
    prediction = fake.predictions[pid]
    assert prediction.state(prediction.created_monotonic + 6).status == "canceled"


async def test_a_relay_refusing_cancel_after_answers_400_and_creates_nothing(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """cancel_after_supported=False: a create with the header is refused; without, it works."""
    fake_replicate.cancel_after_supported = False
    answer = await create_with_deadline(session, fake_replicate, "30s")
    assert (answer.status, answer.content_type) == (400, "application/problem+json")
    assert answer.json() == UNSUPPORTED_CANCEL_AFTER
    assert fake_replicate.predictions == {}
    assert (await create(session, fake_replicate)).status == 201
    assert len(fake_replicate.predictions) == 1


# -- the prediction list --------------------------------------------------------------------


async def list_all(
    session: aiohttp.ClientSession, fake: FakeReplicate
) -> list[list[dict[str, Any]]]:
    """Every page of GET /v1/predictions, following `next` (rebuilt on the fake's origin)."""
    pages: list[list[dict[str, Any]]] = []
    path = "/v1/predictions"
    while True:
        answer = await call(session, fake, "GET", path)
        assert (answer.status, answer.content_type) == (200, "application/json")
        body = answer.json()
        assert body["previous"] is None
        pages.append(body["results"])
        if body["next"] is None:
            return pages
        assert body["next"].startswith("https://api.replicate.com/v1/predictions?cursor=")
        path = "/v1/predictions?" + body["next"].split("?", 1)[1]


async def test_the_list_pages_through_many_predictions_newest_first(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Hundreds of predictions come back a page at a time, newest first, each exactly once."""
    now = datetime.now(UTC)
    added = fake_replicate.add_finished_predictions(
        now - timedelta(minutes=minutes) for minutes in range(1, 2 * LIST_PAGE_SIZE + 51)
    )
    pages = await list_all(session, fake_replicate)
    assert [len(page) for page in pages] == [LIST_PAGE_SIZE, LIST_PAGE_SIZE, 50]
    listed = [entry for page in pages for entry in page]
    assert [entry["id"] for entry in listed] == [p.id for p in added]
    assert all(entry["status"] == "succeeded" and "logs" not in entry for entry in listed)
    created = [when(entry["created_at"]) for entry in listed]
    assert created == sorted(created, reverse=True)
    assert created[0] == added[0].created_wall
    assert len({entry["input"]["prompt"] for entry in listed}) == len(listed)


async def test_the_list_cursor_is_not_shifted_by_new_predictions(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """A prediction created between two page reads neither repeats nor hides older entries."""
    now = datetime.now(UTC)
    added = fake_replicate.add_finished_predictions(
        now - timedelta(seconds=seconds) for seconds in range(1, LIST_PAGE_SIZE + 11)
    )
    first = (await call(session, fake_replicate, "GET", "/v1/predictions")).json()
    assert (await create(session, fake_replicate)).status == 201
    path = "/v1/predictions?" + first["next"].split("?", 1)[1]
    second = (await call(session, fake_replicate, "GET", path)).json()
    ids = [entry["id"] for entry in first["results"] + second["results"]]
    assert ids == [p.id for p in added]
    assert second["next"] is None
    bad = await call(session, fake_replicate, "GET", "/v1/predictions?cursor=garbage")
    assert (bad.status, bad.content_type) == (400, "application/problem+json")


async def test_added_predictions_take_the_given_input(fake_replicate: FakeReplicate) -> None:
    """add_finished_predictions copies a chosen input into each and finishes them at once."""
    wanted = {"prompt": "same", "seed": 7}
    a, b = fake_replicate.add_finished_predictions(
        [datetime(2026, 1, 2, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC)], input=wanted
    )
    assert a.input == b.input == wanted and a.input is not b.input
    assert (a.status, a.seed) == ("succeeded", 7)
    assert a.created_monotonic - b.created_monotonic == pytest.approx(86400)
    assert fake_replicate.requests == []


async def test_a_fault_can_match_on_the_query(
    fake_replicate: FakeReplicate, session: aiohttp.ClientSession
) -> None:
    """Fault.query limits a fault to requests whose query matches, e.g. later list pages."""
    fake_replicate.add_finished_predictions(
        datetime.now(UTC) - timedelta(seconds=s) for s in range(1, LIST_PAGE_SIZE + 2)
    )
    fake_replicate.add_fault(Fault("GET", r"/v1/predictions", "status", 503, query="cursor="))
    first = await call(session, fake_replicate, "GET", "/v1/predictions")
    assert first.status == 200
    path = "/v1/predictions?" + first.json()["next"].split("?", 1)[1]
    assert (await call(session, fake_replicate, "GET", path)).status == 503
    assert (await call(session, fake_replicate, "GET", path)).status == 200
