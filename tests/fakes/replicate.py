"""A protocol-level fake of Replicate's HTTP API, serving Stable Diffusion XL predictions.

`FakeReplicate` is a real aiohttp server on 127.0.0.1 (random free port) that answers what
Replicate answers, byte for byte where the recordings in tests/fixtures/replicate/ show it:
status codes, problem+json error bodies, Content-Type, the prediction JSON and its lifecycle
(starting -> processing with growing tqdm logs -> succeeded / failed / canceled), the
`Cancel-After` header (a deadline: `aborted` if it passes before the run started, `canceled`
if while it runs) and the account's prediction list, newest first, paged by an opaque cursor.

A prediction's state is a pure function of the time since its creation, computed on every
request from the event loop's clock (tests/fakes/clock.py: it fast-forwards with the bot's
under virtual time). The one thing that runs in the background is webhook delivery: a
prediction created with a `webhook` gets a task (owned by the fake, cancelled by `close()`)
that watches that same computed state and POSTs each event its filter allows,
signed like Replicate signs them, recording each in `webhook_deliveries`. Its `urls` point at
api.replicate.com, as a relay passes Replicate's answer through, so a client that follows
`urls.get` instead of building URLs from its configured base is caught.

Tests steer it with `timing` (how fast predictions advance), `scenario` (how the next
predictions end) and `add_fault` (what goes wrong with the next matching requests), and
inspect it through `requests`, `predictions` and `count`; `webhooks_supported = False` makes
it a relay without webhooks (no secret endpoint, no deliveries), `list_supported = False` one
without the list endpoint, `cancel_after_supported = False` one that refuses the Cancel-After
header. `add_finished_predictions` fills the account's history cheaply, for paging tests.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import hashlib
import hmac
import io
import json
import math
import random
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import aiohttp
from aiohttp import web
from aiohttp.typedefs import Handler
from PIL import Image

from tests.fakes import clock

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "replicate"

MODEL = "stability-ai/sdxl"
VERSION_ID = "7762fd07cf82c948538e41f63f77d685e02b063e37e496e96eefd46c929f9bdc"
ACCEPTED_VERSIONS = frozenset({f"{MODEL}:{VERSION_ID}", VERSION_ID, MODEL})
API_ORIGIN = "https://api.replicate.com"
WEB_ORIGIN = "https://replicate.com"

NSFW_ERROR = "NSFW content detected. Try running it again, or try a different prompt."
JSON = "application/json"
PROBLEM_JSON = "application/problem+json"

NOT_FOUND: dict[str, Any] = {
    "title": "Not found",
    "detail": "The requested resource could not be found.",
    "status": 404,
}
INVALID_VERSION: dict[str, Any] = {
    "title": "Invalid version or not permitted",
    "detail": (
        "The specified version does not exist (or perhaps you don't have permission to use it?)"
    ),
    "status": 422,
}
THROTTLED: dict[str, Any] = {
    "title": "Request was throttled",
    "detail": "Request was throttled. Your rate limit resets in ~30s.",
    "status": 429,
}
# What a relay that does not pass the Cancel-After header on answers a create carrying it.
UNSUPPORTED_CANCEL_AFTER: dict[str, Any] = {
    "title": "Bad Request",
    "detail": "Unsupported header: Cancel-After",
    "status": 400,
}
# Replicate refuses a Cancel-After below this many seconds.
MIN_CANCEL_AFTER = 5.0
INSUFFICIENT_CREDIT: dict[str, Any] = {
    "title": "Insufficient credit",
    "detail": (
        "You have insufficient credit to run this model. Go to "
        "https://replicate.com/account/billing#billing to purchase credit. Once you purchase "
        "credit, please wait a few minutes before trying again."
    ),
    "status": 402,
}

# Crockford's base32 alphabet, lower-cased: ids look like the recorded ones ([0-9a-z]{26}).
_ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
# tqdm's unicode bar: 10 cells, each split in eighths.
_TQDM_CHARSET = " ▏▎▍▌▋▊▉█"
_TQDM_WIDTH = 10
_SYNC_WAIT_CAP = 60
_TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "/root/.pyenv/versions/3.11.9/lib/python3.11/site-packages/cog/server/worker.py",'
    " line 349, in _predict\n"
    "    result = predict(**payload)\n"
    '  File "/src/predict.py", line 382, in predict\n'
    "    raise Exception(error)\n"
)


# What Replicate's `GET /v1/webhooks/default/secret` returns: whsec_ + base64 of the key.
WEBHOOK_SECRET = "whsec_" + base64.b64encode(b"fake-replicate-webhook-signing-k").decode("ascii")
# Without a webhook_events_filter Replicate sends new outputs and the end only.
DEFAULT_WEBHOOK_EVENTS = frozenset({"output", "completed"})
# Replicate sends output and logs events at most this often.
WEBHOOK_THROTTLE = 0.5
# How often a delivery task looks at its prediction's (computed) state.
WEBHOOK_TICK = 0.02


def _load_fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


VERSION_FIXTURE: dict[str, Any] = _load_fixture("sdxl-version-7762fd07.json")
UNAUTHENTICATED: dict[str, Any] = _load_fixture("error-401.json")["body"]
_SCHEMAS: dict[str, Any] = VERSION_FIXTURE["openapi_schema"]["components"]["schemas"]
INPUT_SCHEMA: dict[str, Any] = _SCHEMAS["Input"]


@dataclass
class Timing:
    """How fast predictions advance; mutable, captured by each prediction at creation."""

    starting: float = 0.05  # seconds in "starting"
    step: float = 0.01  # seconds per diffusion step
    finishing: float = 0.05  # seconds after the last bar before "succeeded"


@dataclass
class Scenario:
    """How the NEXT predictions behave; each prediction keeps a copy taken at its creation."""

    nsfw: Literal["none", "some", "all"] = "none"  # "some": every odd-indexed image dropped
    fail_with: str | None = None  # model error text -> status failed, halfway through the steps
    output_kind: Literal["url", "data"] = "url"
    output_base: str | None = None  # output URLs are f"{output_base}/files/{id}/out-{i}.png"
    openai_style: bool = False  # create answers 200 {"created", "data": [{"url"}]}, finished
    cancel_supported: bool = True  # False: cancel answers 404 like a relay without the endpoint


@dataclass
class Fault:
    """A failure injected into the next `times` requests matching `method` and `path`."""

    method: str  # "GET", "POST" or "*"
    path: str  # re.fullmatch against the request path, e.g. r"/v1/predictions/[^/]+"
    kind: Literal["status", "drop", "slow", "malformed"]
    status: int = 500  # kind="status": answered with the matching problem+json body
    retry_after: float | None = None  # adds Retry-After to a "status" answer
    delay: float = 0.0  # kind="slow": sleep this long, then answer normally
    # The real handler runs first (a create really creates), then the fault replaces or
    # delays its answer. Without it a faulted request leaves the fake's state untouched.
    after_effect: bool = False
    times: int = 1  # counts down on this object as the fault is consumed
    query: str | None = None  # re.search against the raw query string; None matches any


@dataclass
class RecordedRequest:
    """One request as the fake received it, recorded before any fault or auth check."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case keys
    json: Any  # the parsed body, or None when empty or not JSON
    at: float  # the loop's clock on arrival (clock.loop_time())
    query: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class WebhookDelivery:
    """One webhook POST the fake sent, with what the receiver answered."""

    prediction_id: str
    event: Literal["start", "output", "logs", "completed"]
    url: str
    headers: dict[str, str]  # as sent: webhook-id, webhook-timestamp, webhook-signature...
    body: bytes  # the raw prediction JSON that was signed
    sent_monotonic: float
    status: int | None = None  # None until answered, or when no answer came
    error: str | None = None  # the exception's type name when the POST failed

    def json(self) -> Any:
        """The delivered prediction."""
        return json.loads(self.body)


@dataclass
class _State:
    status: str
    logs: str
    output: list[str] | None
    error: str | None
    started: float | None  # seconds after creation
    completed: float | None  # seconds after creation


@dataclass
class FakePrediction:
    """One prediction; every public view of it is computed from the clock when asked."""

    id: str
    input: dict[str, Any]  # exactly as the client sent it
    seed: int
    timing: Timing  # a copy of the fake's timing at creation
    scenario: Scenario  # a copy of the fake's scenario at creation
    created_monotonic: float
    created_wall: datetime
    output_base: str
    webhook: str | None = None
    webhook_events_filter: list[str] | None = None
    canceled_monotonic: float | None = None
    # Seconds after creation at which Cancel-After ends it (None: no deadline).
    cancel_after: float | None = None
    # When the `completed` webhook was sent (monotonic), for measuring notice delays.
    webhook_sent_monotonic: float | None = None

    @property
    def mode(self) -> str:
        """txt2img, img2img or inpaint, chosen like the SDXL predictor does."""
        if self.input.get("image") and self.input.get("mask"):
            return "inpaint"
        return "img2img" if self.input.get("image") else "txt2img"

    @property
    def bars(self) -> list[int]:
        """The totals of the tqdm bars the run prints, in order (empty bars are skipped)."""
        steps = int(self.input.get("num_inference_steps", 50))
        base = steps
        if self.mode != "txt2img":
            base = int(steps * float(self.input.get("prompt_strength", 0.8)))
        refine = self.input.get("refine", "no_refiner")
        if refine == "expert_ensemble_refiner":
            high = round(base * float(self.input.get("high_noise_frac", 0.8)))
            bars = [high, base - high]
        elif refine == "base_image_refiner":
            refine_steps = self.input.get("refine_steps") or steps
            bars = [base, int(int(refine_steps) * 0.3)]
        else:
            bars = [base]
        return [total for total in bars if total > 0]

    @property
    def size(self) -> tuple[int, int]:
        """Output width x height; img2img and inpaint keep the (unknown) input's 1024x1024."""
        if self.mode != "txt2img":
            return (1024, 1024)
        return (int(self.input.get("width", 1024)), int(self.input.get("height", 1024)))

    @property
    def kept(self) -> list[int]:
        """Indexes of the images that survive the safety checker."""
        count = int(self.input.get("num_outputs", 1))
        if self.input.get("disable_safety_checker") is True or self.scenario.nsfw == "none":
            return list(range(count))
        if self.scenario.nsfw == "all":
            return []
        return [i for i in range(count) if i % 2 == 0]

    @property
    def error_text(self) -> str | None:
        """The error the run ends with, or None if it succeeds (when not canceled)."""
        if self.scenario.fail_with is not None:
            return self.scenario.fail_with
        return NSFW_ERROR if not self.kept else None

    @property
    def _steps_run(self) -> int:
        total = sum(self.bars)
        return total // 2 if self.scenario.fail_with is not None else total

    @property
    def natural_end_offset(self) -> float:
        """Seconds after creation at which the run ends by itself (ignoring cancel)."""
        timing = self.timing
        offset = timing.starting + self._steps_run * timing.step
        return offset if self.scenario.fail_with is not None else offset + timing.finishing

    @property
    def deadline_monotonic(self) -> float | None:
        """When Cancel-After ends the prediction (monotonic), or None without a deadline."""
        if self.cancel_after is None:
            return None
        return self.created_monotonic + self.cancel_after

    @property
    def deadline_wall(self) -> datetime | None:
        """The `deadline` Replicate reports: creation time plus Cancel-After."""
        if self.cancel_after is None:
            return None
        return self.created_wall + timedelta(seconds=self.cancel_after)

    @property
    def end_monotonic(self) -> float:
        """When the run ends as things stand: its natural end, or an earlier cancel or deadline."""
        end = self.created_monotonic + self.natural_end_offset
        for stop in (self.canceled_monotonic, self.deadline_monotonic):
            if stop is not None and stop < end:
                end = stop
        return end

    @property
    def completed_monotonic(self) -> float | None:
        """The exact monotonic time the prediction became terminal, or None if it is not."""
        end = self.end_monotonic
        return end if clock.loop_time() >= end else None

    @property
    def status(self) -> str:
        """The current status."""
        return self.state(clock.loop_time()).status

    @property
    def output(self) -> list[str] | None:
        """The current output."""
        return self.state(clock.loop_time()).output

    def output_url(self, index: int) -> str:
        """Where image `index` is served."""
        return f"{self.output_base}/files/{self.id}/out-{index}.png"

    def png(self, index: int) -> bytes:
        """The bytes of image `index`: a flat colour derived from the seed and the index."""
        digest = hashlib.sha256(f"{self.seed}:{index}".encode()).digest()
        return _png(*self.size, (digest[0], digest[1], digest[2]))

    def _output(self) -> list[str]:
        if self.scenario.output_kind == "data":
            return [
                "data:image/png;base64," + base64.b64encode(self.png(i)).decode("ascii")
                for i in self.kept
            ]
        return [self.output_url(i) for i in self.kept]

    def state(self, now: float) -> _State:
        """Everything visible about the prediction at monotonic time `now`."""
        timing = self.timing
        # A cancel and a passed deadline both stop the run; the earlier one counts. A deadline
        # that passes before the run started aborts it (never billed), like Replicate does.
        stop: float | None = None
        by_deadline = False
        if self.canceled_monotonic is not None and self.canceled_monotonic <= now:
            stop = self.canceled_monotonic
        deadline = self.deadline_monotonic
        if deadline is not None and deadline <= now and (stop is None or deadline < stop):
            stop, by_deadline = deadline, True
        canceled = stop is not None
        elapsed = (now if stop is None else stop) - self.created_monotonic
        natural_end = self.natural_end_offset
        if elapsed >= natural_end:
            canceled = False
            elapsed = natural_end
        if elapsed < timing.starting:
            if canceled:
                status = "aborted" if by_deadline else "canceled"
                return _State(status, "", None, None, None, elapsed)
            return _State("starting", "", None, None, None, None)

        if timing.step > 0:
            steps_done = math.floor((elapsed - timing.starting) / timing.step + 1e-9)
        else:
            steps_done = self._steps_run
        steps_done = min(steps_done, self._steps_run)
        logs = self._logs(steps_done)
        started = timing.starting
        if canceled:
            return _State("canceled", logs, None, None, started, elapsed)
        if elapsed < natural_end:
            return _State("processing", logs, None, None, started, None)

        for i in range(int(self.input.get("num_outputs", 1))):
            if i not in self.kept:
                logs += f"NSFW content detected in image {i}\n"
        error = self.error_text
        if error is not None:
            logs += f"{_TRACEBACK}Exception: {error}\n"
            return _State("failed", logs, None, error, started, natural_end)
        return _State("succeeded", logs, self._output(), None, started, natural_end)

    def _logs(self, steps_done: int) -> str:
        prompt = self.input.get("prompt", INPUT_SCHEMA["properties"]["prompt"]["default"])
        lines = [f"Using seed: {self.seed}", f"Prompt: {prompt}", f"{self.mode} mode"]
        first = 0
        for total in self.bars:
            if steps_done < first:
                break
            done = min(total, steps_done - first)
            lines.extend(_tqdm_line(n, total, self.timing.step) for n in range(done + 1))
            if done == total and steps_done >= first + total:
                # tqdm prints the final state once more when the bar is closed.
                lines.append(_tqdm_line(total, total, self.timing.step))
            first += total
        return "".join(f"{line}\n" for line in lines)

    def to_json(self, now: float, *, created: bool = False) -> dict[str, Any]:
        """The prediction as Replicate serialises it (the create answer has fewer keys)."""
        state = self.state(now)
        body: dict[str, Any] = {
            "id": self.id,
            "model": MODEL,
            "version": VERSION_ID,
            "input": copy.deepcopy(self.input),
            "logs": state.logs,
            "output": state.output,
            "data_removed": False,
            "error": state.error,
            "status": state.status,
            "created_at": _iso(self.created_wall),
        }
        deadline = self.deadline_wall
        if deadline is not None:
            body["deadline"] = _iso(deadline)
        if not created:
            body["started_at"] = self._wall(state.started)
            body["completed_at"] = self._wall(state.completed)
        body["urls"] = {
            "cancel": f"{API_ORIGIN}/v1/predictions/{self.id}/cancel",
            "get": f"{API_ORIGIN}/v1/predictions/{self.id}",
            "web": f"{WEB_ORIGIN}/p/{self.id}",
        }
        if not created:
            metrics: dict[str, float] = {}
            if state.completed is not None:
                if state.started is not None:
                    metrics["predict_time"] = round(state.completed - state.started, 6)
                metrics["total_time"] = round(state.completed, 6)
            body["metrics"] = metrics
        return body

    def _wall(self, offset: float | None) -> str | None:
        if offset is None:
            return None
        return _iso(self.created_wall + timedelta(seconds=offset))


_DURATION_PART = r"(\d+(?:\.\d+)?)([hms])"
_UNIT_SECONDS = {"h": 3600.0, "m": 60.0, "s": 1.0}


def parse_cancel_after(value: str) -> float:
    """Seconds in a Cancel-After value: `30`, `30s`, `5m`, `1h30m45s` (Go-style h/m/s units).

    Raises ValueError for anything else (no sign, no spaces, no other units).
    """
    text = value.strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not re.fullmatch(f"(?:{_DURATION_PART})+", text):
        raise ValueError(f"not a duration: {value!r}")
    return sum(float(n) * _UNIT_SECONDS[unit] for n, unit in re.findall(_DURATION_PART, text))


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _interval(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:d}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def _tqdm_line(n: int, total: int, step: float) -> str:
    """One tqdm progress line, e.g. `  4%|▍         | 2/50 [00:00<00:02, 16.47it/s]`."""
    frac = n / total
    nsyms = len(_TQDM_CHARSET) - 1
    full, partial = divmod(int(frac * _TQDM_WIDTH * nsyms), nsyms)
    bar = _TQDM_CHARSET[-1] * full
    if full < _TQDM_WIDTH:
        bar += _TQDM_CHARSET[partial] + _TQDM_CHARSET[0] * (_TQDM_WIDTH - full - 1)
    head = f"{frac * 100:3.0f}%|{bar}| {n}/{total}"
    if n == 0 or step <= 0:
        return f"{head} [00:00<?, ?it/s]"
    rate = f"{1 / step:.2f}it/s" if step <= 1 else f"{step:.2f}s/it"
    return f"{head} [{_interval(n * step)}<{_interval((total - n) * step)}, {rate}]"


@lru_cache(maxsize=64)
def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), rgb).save(buffer, format="PNG")
    return buffer.getvalue()


def _new_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(26))


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _resolve(prop: dict[str, Any]) -> dict[str, Any]:
    for part in prop.get("allOf", []):
        ref = part.get("$ref", "")
        prop = {**_SCHEMAS[ref.rsplit("/", 1)[-1]], **prop}
    return prop


def validate_input(value: Any) -> list[dict[str, str]]:
    """The problems Replicate reports for `value` against the SDXL Input schema, in order.

    Messages follow gojsonschema (what Replicate's API uses); each problem is
    {"type", "field", "description"} with type one of less_than_equal, greater_than_equal,
    enum, type, additional_property.
    """
    if not isinstance(value, dict):
        given = _json_type(value)
        return [_problem("type", "input", f"Invalid type. Expected: object, given: {given}")]
    problems: list[dict[str, str]] = []
    properties: dict[str, Any] = INPUT_SCHEMA["properties"]
    for key, item in value.items():
        if key not in properties:
            problems.append(
                _problem(
                    "additional_property", "input", f"Additional property {key} is not allowed"
                )
            )
            continue
        prop = _resolve(properties[key])
        name = f"input.{key}"
        expected = prop["type"]
        given = _json_type(item)
        whole = isinstance(item, float) and item.is_integer()
        if not (
            given == expected
            or (expected == "number" and given == "integer")
            or (expected == "integer" and whole)
        ):
            message = f"Invalid type. Expected: {expected}, given: {given}"
            problems.append(_problem("type", name, message))
            continue
        if "enum" in prop and item not in prop["enum"]:
            allowed = ", ".join(json.dumps(choice) for choice in prop["enum"])
            message = f"{name} must be one of the following: {allowed}"
            problems.append(_problem("enum", name, message))
        if "maximum" in prop and item > prop["maximum"]:
            message = f"Must be less than or equal to {_number_text(prop['maximum'])}"
            problems.append(_problem("less_than_equal", name, message))
        if "minimum" in prop and item < prop["minimum"]:
            message = f"Must be greater than or equal to {_number_text(prop['minimum'])}"
            problems.append(_problem("greater_than_equal", name, message))
    return problems


def _problem(kind: str, name: str, description: str) -> dict[str, str]:
    return {"type": kind, "field": name, "description": description}


def problem_body(status: int) -> dict[str, Any]:
    """The problem+json body Replicate sends with `status` (used by status faults)."""
    known = {401: UNAUTHENTICATED, 402: INSUFFICIENT_CREDIT, 404: NOT_FOUND, 429: THROTTLED}
    if status in known:
        return dict(known[status])
    if status >= 500:
        title = "Internal Server Error"
        return {"title": title, "detail": title, "status": status}
    try:
        title = HTTPStatus(status).phrase
    except ValueError:
        title = "Error"
    return {"title": title, "detail": title, "status": status}


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None


def _dump(body: Any) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def _json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(body=_dump(body), status=status, content_type=JSON, headers=headers)


def _problem_response(body: dict[str, Any], headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(
        body=_dump(body), status=int(body["status"]), content_type=PROBLEM_JSON, headers=headers
    )


class FakeReplicate:
    """Replicate's predictions API for stability-ai/sdxl, on a local aiohttp server."""

    def __init__(self, *, token: str = "r8_fake_test_token", timing: Timing | None = None) -> None:
        self.token = token
        self.timing = timing if timing is not None else Timing()
        self.scenario = Scenario()
        self.faults: list[Fault] = []
        self.requests: list[RecordedRequest] = []
        self.predictions: dict[str, FakePrediction] = {}
        self.webhook_secret = WEBHOOK_SECRET
        # False: like a relay without webhooks, the secret endpoint answers 404 and creates
        # ignore `webhook`.
        self.webhooks_supported = True
        self.webhook_deliveries: list[WebhookDelivery] = []
        # False: like a relay that refuses the header, a create carrying Cancel-After is
        # answered 400 (UNSUPPORTED_CANCEL_AFTER) and nothing is created.
        self.cancel_after_supported = True
        # Replicate's minimum; tests may lower it to watch deadlines pass quickly.
        self.min_cancel_after = MIN_CANCEL_AFTER
        self._runner: web.AppRunner | None = None
        self._origin: str | None = None
        self._webhook_tasks: set[asyncio.Task[None]] = set()
        self._webhook_wakes: dict[str, asyncio.Event] = {}
        self._webhook_session: aiohttp.ClientSession | None = None

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT`, what the official client takes as base_url."""
        if self._origin is None:
            raise RuntimeError("FakeReplicate is not started")
        return self._origin

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT/v1`, what the bot takes as REPLICATE_API_BASE."""
        return f"{self.origin}/v1"

    # GET /v1/predictions; False answers 404 like a relay without the endpoint.
    list_supported: bool = True

    async def start(self) -> None:
        """Listen on a random free port of 127.0.0.1."""
        # Inputs may carry images as data: URIs, well past aiohttp's 1 MiB default.
        app = web.Application(middlewares=[self._middleware], client_max_size=64 * 1024 * 1024)
        app.router.add_post("/v1/predictions", self._create)
        app.router.add_get("/v1/predictions", self._list)
        app.router.add_get("/v1/predictions/{id}", self._get)
        app.router.add_post("/v1/predictions/{id}/cancel", self._cancel)
        app.router.add_get("/v1/models/{owner}/{name}/versions/{version}", self._version)
        app.router.add_get("/v1/webhooks/default/secret", self._webhook_secret)
        app.router.add_get("/files/{id}/{name}", self._file)
        # A short shutdown_timeout: close() must not wait for handlers sleeping in slow faults.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self._origin = f"http://{host}:{port}"

    async def close(self) -> None:
        """Stop delivering webhooks, stop listening and drop open connections."""
        tasks = list(self._webhook_tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._webhook_session is not None:
            await self._webhook_session.close()
            self._webhook_session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def add_fault(self, fault: Fault) -> None:
        """Inject `fault` into the next `fault.times` matching requests."""
        self.faults.append(fault)

    def add_finished_predictions(
        self, created: Iterable[datetime], *, input: Mapping[str, Any] | None = None
    ) -> list[FakePrediction]:
        """Put one succeeded prediction per creation time into the account, without requests.

        For paging tests: they are listed by GET /v1/predictions by creation time like any
        other, finished the moment they were created, and send no webhooks. Each gets a copy
        of `input`, or by default an input of its own (a distinct prompt and seed).
        """
        now_monotonic, now_wall = clock.loop_time(), datetime.fromtimestamp(clock.wall(), UTC)
        added: list[FakePrediction] = []
        for index, created_wall in enumerate(created):
            given = (
                copy.deepcopy(dict(input))
                if input is not None
                else {"prompt": f"an older prediction {len(self.predictions)}", "seed": index}
            )
            seed = given.get("seed")
            prediction = FakePrediction(
                id=_new_id(),
                input=given,
                seed=int(seed) if isinstance(seed, int) else index % 65536,
                timing=Timing(0.0, 0.0, 0.0),
                scenario=Scenario(),
                created_monotonic=now_monotonic - (now_wall - created_wall).total_seconds(),
                created_wall=created_wall,
                output_base=self.origin,
            )
            self.predictions[prediction.id] = prediction
            added.append(prediction)
        return added

    def deliveries(self, prediction_id: str) -> list[WebhookDelivery]:
        """The webhook deliveries sent for one prediction, in order."""
        return [d for d in self.webhook_deliveries if d.prediction_id == prediction_id]

    def count(self, method: str, path_regex: str) -> int:
        """How many recorded requests match `method` ("*" for any) and `path_regex`."""
        pattern = re.compile(path_regex)
        return sum(
            1
            for request in self.requests
            if method in ("*", request.method) and pattern.fullmatch(request.path)
        )

    # -- plumbing ---------------------------------------------------------------------------

    def _take_fault(self, method: str, path: str, query: str) -> Fault | None:
        for fault in self.faults:
            if (
                fault.method.upper() in ("*", method)
                and re.fullmatch(fault.path, path)
                and (fault.query is None or re.search(fault.query, query))
            ):
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        # The body is read in full before any fault: closing a socket with unread input
        # makes the kernel send RST, which the client would see as a reset, not a disconnect.
        arrived = clock.loop_time()
        raw = await request.read()
        parsed = _parse(raw)
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                headers={key.lower(): value for key, value in request.headers.items()},
                json=parsed,
                at=arrived,
                query=dict(request.query),
                body=raw,
            )
        )
        fault = self._take_fault(request.method, request.path, request.query_string)
        if fault is None:
            return await self._answer(request, handler)

        answer = await self._answer(request, handler) if fault.after_effect else None
        if fault.kind == "slow":
            await asyncio.sleep(fault.delay)
            return answer if answer is not None else await self._answer(request, handler)
        if fault.kind == "drop":
            if request.transport is not None:
                request.transport.close()
            # Writing to the closed transport fails quietly inside aiohttp; nothing is sent.
            return web.Response(status=204)
        if fault.kind == "malformed":
            if isinstance(answer, web.Response) and isinstance(answer.body, bytes):
                whole = answer.body
            else:
                whole = _dump(_placeholder_prediction())
            return web.Response(body=whole[: len(whole) // 2], status=200, content_type=JSON)
        headers: dict[str, str] = {}
        if fault.retry_after is not None:
            headers["Retry-After"] = _number_text(fault.retry_after)
        return _problem_response(problem_body(fault.status), headers)

    async def _answer(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        # Output files stand in for replicate.delivery, which needs no token.
        authorized = request.headers.get("Authorization", "") == f"Bearer {self.token}"
        if request.path.startswith("/v1/") and not authorized:
            return _problem_response(UNAUTHENTICATED)
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return _problem_response(NOT_FOUND)
        except web.HTTPMethodNotAllowed:
            return _problem_response(problem_body(405))

    # -- endpoints --------------------------------------------------------------------------

    async def _create(self, request: web.Request) -> web.StreamResponse:
        # aiohttp caches the body read by the middleware.
        body = _parse(await request.read())
        cancel_after: float | None = None
        header = request.headers.get("Cancel-After")
        if header is not None:
            if not self.cancel_after_supported:
                return _problem_response(UNSUPPORTED_CANCEL_AFTER)
            try:
                cancel_after = parse_cancel_after(header)
            except ValueError:
                return _problem_response(
                    {
                        "title": "Bad Request",
                        "detail": f"Invalid Cancel-After header: {header!r}",
                        "status": 400,
                    }
                )
            if cancel_after < self.min_cancel_after:
                return _problem_response(
                    {
                        "title": "Bad Request",
                        "detail": (
                            f"Cancel-After must be at least {_number_text(self.min_cancel_after)}s"
                        ),
                        "status": 400,
                    }
                )
        if not isinstance(body, dict):
            return _problem_response(
                {
                    "title": "Bad request",
                    "detail": "Request body must be a JSON object",
                    "status": 400,
                }
            )
        if body.get("version") not in ACCEPTED_VERSIONS:
            return _problem_response(INVALID_VERSION)
        problems = validate_input(body.get("input"))
        if problems:
            detail = "".join(f"- {p['field']}: {p['description']}\n" for p in problems)
            return _problem_response(
                {
                    "title": "Input validation failed",
                    "detail": detail,
                    "status": 422,
                    "invalid_fields": problems,
                }
            )
        scenario = replace(self.scenario)
        timing = Timing(0.0, 0.0, 0.0) if scenario.openai_style else replace(self.timing)
        given: dict[str, Any] = body["input"]
        seed = given.get("seed")
        prediction = FakePrediction(
            id=_new_id(),
            input=copy.deepcopy(given),
            seed=int(seed) if seed is not None else random.randint(0, 65535),
            timing=timing,
            scenario=scenario,
            created_monotonic=clock.loop_time(),
            created_wall=datetime.fromtimestamp(clock.wall(), UTC),
            output_base=(scenario.output_base or self.origin).rstrip("/"),
            webhook=body.get("webhook"),
            webhook_events_filter=body.get("webhook_events_filter"),
            cancel_after=cancel_after,
        )
        self.predictions[prediction.id] = prediction
        if prediction.webhook and self.webhooks_supported and not scenario.openai_style:
            self._start_webhooks(prediction)

        if scenario.openai_style:
            state = prediction.state(clock.loop_time())
            if state.output is None:
                error = {
                    "message": state.error,
                    "type": "server_error",
                    "param": None,
                    "code": None,
                }
                return _json_response({"error": error}, status=500)
            data = [{"url": url} for url in state.output]
            return _json_response({"created": int(clock.wall()), "data": data})

        headers: dict[str, str] = {}
        prefer = re.fullmatch(r"\s*wait(?:=(\d+))?\s*", request.headers.get("Prefer", ""))
        if prefer:
            seconds = min(max(int(prefer.group(1) or _SYNC_WAIT_CAP), 1), _SYNC_WAIT_CAP)
            await self._hold(prediction, clock.loop_time() + seconds)
            headers["Preference-Applied"] = prefer.group(0).strip()
        body_out = prediction.to_json(clock.loop_time(), created=True)
        return _json_response(body_out, status=201, headers=headers)

    async def _hold(self, prediction: FakePrediction, deadline: float) -> None:
        # Cancel can end the prediction early, so the natural end is only an upper bound.
        while prediction.completed_monotonic is None:
            left = deadline - clock.loop_time()
            if left <= 0:
                return
            until_end = prediction.end_monotonic
            await asyncio.sleep(max(0.0, min(left, 0.02, until_end - clock.loop_time())))

    async def _list(self, request: web.Request) -> web.StreamResponse:
        # Replicate lists the account's predictions newest first, a page at a time, with
        # `next` holding the URL of the following page (an opaque cursor naming the last entry
        # served, so predictions created meanwhile do not shift the pages), and omits logs.
        if not self.list_supported:
            return _problem_response(NOT_FOUND)
        now = clock.loop_time()
        newest_first = sorted(self.predictions.values(), key=_list_key, reverse=True)
        cursor = request.query.get("cursor")
        if cursor:
            after = _cursor_key(cursor)
            if after is None:
                return _problem_response(
                    {"title": "Bad Request", "detail": "Invalid cursor", "status": 400}
                )
            newest_first = [p for p in newest_first if _list_key(p) < after]
        page = newest_first[:LIST_PAGE_SIZE]
        results = []
        for prediction in page:
            body = prediction.to_json(now)
            body.pop("logs", None)
            results.append(body)
        next_url = None
        if len(newest_first) > LIST_PAGE_SIZE:
            token = _cursor_text(_list_key(page[-1]))
            next_url = f"{API_ORIGIN}/v1/predictions?cursor={token}"
        return _json_response({"previous": None, "next": next_url, "results": results})

    async def _get(self, request: web.Request) -> web.StreamResponse:
        prediction = self.predictions.get(request.match_info["id"])
        if prediction is None:
            return _problem_response(NOT_FOUND)
        return _json_response(prediction.to_json(clock.loop_time()))

    async def _cancel(self, request: web.Request) -> web.StreamResponse:
        prediction = self.predictions.get(request.match_info["id"])
        if prediction is None or not prediction.scenario.cancel_supported:
            return _problem_response(NOT_FOUND)
        now = clock.loop_time()
        if prediction.completed_monotonic is None:
            prediction.canceled_monotonic = now
            wake = self._webhook_wakes.get(prediction.id)
            if wake is not None:
                wake.set()  # the completed event goes out at the cancel, not a tick later
        return _json_response(prediction.to_json(now))

    async def _webhook_secret(self, request: web.Request) -> web.StreamResponse:
        if not self.webhooks_supported:
            return _problem_response(NOT_FOUND)
        return _json_response({"key": self.webhook_secret})

    # -- webhook deliveries -----------------------------------------------------------------

    def _start_webhooks(self, prediction: FakePrediction) -> None:
        wake = asyncio.Event()
        self._webhook_wakes[prediction.id] = wake
        task = asyncio.create_task(
            self._watch(prediction, wake), name=f"fake-webhooks-{prediction.id}"
        )
        self._webhook_tasks.add(task)

        def done(finished: asyncio.Task[None]) -> None:
            self._webhook_tasks.discard(finished)
            self._webhook_wakes.pop(prediction.id, None)

        task.add_done_callback(done)

    async def _watch(self, prediction: FakePrediction, wake: asyncio.Event) -> None:
        """Send the events of one prediction as its computed state changes, then stop."""
        given = prediction.webhook_events_filter
        events = DEFAULT_WEBHOOK_EVENTS if given is None else frozenset(given)
        started = False
        sent_logs: str = ""
        sent_output: list[str] | None = None
        last_progress = -math.inf  # when the last output/logs event went out
        while True:
            wake.clear()
            if prediction.completed_monotonic is not None:
                at = clock.loop_time()
                if "completed" in events:
                    prediction.webhook_sent_monotonic = at
                    await self._deliver(prediction, "completed", at)
                elif "output" in events and prediction.state(at).output != sent_output:
                    await self._deliver(prediction, "output", at)  # the final images
                return
            now = clock.loop_time()
            state = prediction.state(now)
            if state.status == "processing" and not started:
                started = True
                if "start" in events:
                    await self._deliver(prediction, "start", now)
                    # The start event carried the state so far: no logs event repeats it.
                    sent_logs, sent_output = state.logs, state.output
                continue  # the POST took time: look again with a fresh clock
            logs_changed = "logs" in events and state.logs != sent_logs
            output_changed = "output" in events and state.output != sent_output
            if (logs_changed or output_changed) and now - last_progress >= WEBHOOK_THROTTLE:
                last_progress = now
                sent_logs, sent_output = state.logs, state.output
                await self._deliver(prediction, "output" if output_changed else "logs", now)
                continue
            # Wake for the next tick, or exactly at the end (natural or deadline), or at a cancel.
            end = prediction.end_monotonic
            delay = max(0.0, min(WEBHOOK_TICK, end - clock.loop_time()))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), delay)

    async def _deliver(
        self,
        prediction: FakePrediction,
        event: Literal["start", "output", "logs", "completed"],
        at: float,
    ) -> None:
        """POST the prediction as it stands at monotonic time `at` (now), signed."""
        assert prediction.webhook is not None
        body = _dump(prediction.to_json(at))
        webhook_id = f"msg_{secrets.token_hex(12)}"
        timestamp = str(int(clock.wall()))
        key = base64.b64decode(self.webhook_secret.removeprefix("whsec_"))
        signed = f"{webhook_id}.{timestamp}.".encode() + body
        signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        headers = {
            "Content-Type": JSON,
            "User-Agent": "Replicate-Webhook/1.0",
            "webhook-id": webhook_id,
            "webhook-timestamp": timestamp,
            "webhook-signature": f"v1,{signature}",
        }
        delivery = WebhookDelivery(
            prediction_id=prediction.id,
            event=event,
            url=prediction.webhook,
            headers=headers,
            body=body,
            sent_monotonic=at,
        )
        self.webhook_deliveries.append(delivery)
        if self._webhook_session is None:
            self._webhook_session = aiohttp.ClientSession()
        try:
            async with self._webhook_session.post(
                prediction.webhook,
                data=body,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=10),
                allow_redirects=False,
            ) as response:
                await response.read()
                delivery.status = response.status
        except (aiohttp.ClientError, TimeoutError) as error:
            delivery.error = type(error).__name__

    async def _version(self, request: web.Request) -> web.StreamResponse:
        info = request.match_info
        if f"{info['owner']}/{info['name']}" != MODEL or info["version"] != VERSION_ID:
            return _problem_response(NOT_FOUND)
        return _json_response(VERSION_FIXTURE)

    async def _file(self, request: web.Request) -> web.StreamResponse:
        prediction = self.predictions.get(request.match_info["id"])
        name = re.fullmatch(r"out-(\d+)\.png", request.match_info["name"])
        if prediction is None or name is None:
            return _problem_response(NOT_FOUND)
        index = int(name.group(1))
        state = prediction.state(clock.loop_time())
        if state.status != "succeeded" or index not in prediction.kept:
            return _problem_response(NOT_FOUND)
        return web.Response(body=prediction.png(index), content_type="image/png")


LIST_PAGE_SIZE = 100


def _list_key(prediction: FakePrediction) -> tuple[float, str]:
    return (prediction.created_monotonic, prediction.id)


def _cursor_text(key: tuple[float, str]) -> str:
    raw = json.dumps([key[0], key[1]]).encode()
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _cursor_key(cursor: str) -> tuple[float, str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        created, prediction_id = json.loads(raw)
        return (float(created), str(prediction_id))
    except (ValueError, TypeError):
        return None


def _placeholder_prediction() -> dict[str, Any]:
    return {
        "id": _new_id(),
        "model": MODEL,
        "version": VERSION_ID,
        "input": {"prompt": "An astronaut riding a rainbow unicorn"},
        "logs": "",
        "status": "starting",
    }
