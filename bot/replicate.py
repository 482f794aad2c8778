"""An async client of Replicate's prediction API (or a relay serving the same API elsewhere).

One request choke point (`_request`) builds every URL from the configured base, sends the
token, bounds every call in time, turns non-2xx answers into typed errors carrying the
problem+json fields, and retries only what is safe to retry:
- GET and cancel (idempotent) on 429, 5xx, dropped connections, timeouts and unreadable JSON;
- create only when the answer proves nothing was created (a 429, or a connection that failed
  before the request left), because a duplicate prediction costs money.

Creates may carry Replicate's `Cancel-After` header, so a prediction nobody watches any more
still ends at its deadline; an API that refuses the header (some relays) is used without it.
A create whose outcome is unknown is resolved with `find_prediction`, which pages back through
the account's predictions by time.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import json
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any, Final, Literal, NoReturn
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    TypeAdapter,
    ValidationError,
    field_validator,
)
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)
from tenacity.stop import stop_base
from tenacity.wait import wait_base

from bot import __version__
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

log = logging.getLogger(__name__)

TERMINAL_STATUSES: Final = frozenset({"succeeded", "failed", "canceled", "aborted"})
USER_AGENT: Final = f"sdxl-bot/{__version__} aiohttp/{aiohttp.__version__}"
# Predictions with data: URI outputs carry a few MiB of base64; far more is not a prediction.
MAX_BODY_BYTES: Final = 64 * 1024 * 1024
DEFAULT_TIMEOUT: Final = aiohttp.ClientTimeout(total=30, connect=10, sock_read=25)

# Replicate refuses a Cancel-After below this many seconds.
MIN_CANCEL_AFTER: Final = 5
# find_prediction stops by time, not by a page count; this bound only stops a list that never
# reaches `since` (a cursor that loops, a relay that ignores it). Hitting it is undecidable.
MAX_LIST_PAGES: Final = 1000

RetryMode = Literal["idempotent", "create"]

# Parses times exactly as the Prediction model does.
_DATETIME: Final = TypeAdapter(datetime)


class PredictionUrls(BaseModel):
    """Links the API returns; informational only: they may name a host a relay key cannot call."""

    model_config = ConfigDict(extra="allow", frozen=True)

    get: str | None = None
    cancel: str | None = None
    stream: str | None = None
    web: str | None = None


class PredictionMetrics(BaseModel):
    """Timing reported by Replicate once a prediction ends."""

    model_config = ConfigDict(extra="allow", frozen=True)

    predict_time: float | None = None
    total_time: float | None = None


class Prediction(BaseModel):
    """A prediction as the API reports it; unknown fields and statuses are tolerated."""

    model_config = ConfigDict(extra="allow", frozen=True)

    id: str
    status: str
    model: str | None = None
    version: str | None = None
    input: dict[str, Any] = Field(default_factory=dict)
    logs: str | None = None
    output: Any = None
    error: str | None = None
    created_at: datetime | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    # When Replicate ends it by itself (set by Cancel-After): `canceled` if it was running,
    # `aborted` if it had not started.
    deadline: datetime | None = None
    urls: PredictionUrls | None = None
    metrics: PredictionMetrics | None = None
    data_removed: bool = False

    @field_validator("id")
    @classmethod
    def _id_is_plain(cls, value: str) -> str:
        # The id goes into URL paths and file names: letters, digits, - and _ only.
        return _safe_id(value)

    @field_validator("error", mode="before")
    @classmethod
    def _error_as_text(cls, value: Any) -> str | None:
        if value is None or isinstance(value, str):
            return value
        return json.dumps(value)

    @property
    def is_terminal(self) -> bool:
        """True once the prediction can change no more (`aborted` included)."""
        return self.status in TERMINAL_STATUSES

    @property
    def output_urls(self) -> list[str]:
        """The output as a list of URIs (SDXL returns a list; other models a single string)."""
        if self.output is None:
            return []
        if isinstance(self.output, str):
            return [self.output]
        if isinstance(self.output, list):
            return [item for item in self.output if isinstance(item, str)]
        return []


def parse_prediction(payload: Any) -> Prediction:
    """A Prediction from a Replicate answer, or from a relay's OpenAI-images-style answer.

    Relays may answer a create with `{"created": ..., "data": [{"url": ...}, ...]}`: a finished
    prediction whose outputs are those images.
    """
    if (
        isinstance(payload, Mapping)
        and "id" not in payload
        and isinstance(payload.get("data"), list)
    ):
        return _from_openai_images(payload)
    try:
        return Prediction.model_validate(payload)
    except ValidationError as error:
        fields = ", ".join(str(item["loc"][0]) for item in error.errors() if item["loc"])
        raise ReplicateProtocolError(detail=f"not a prediction; bad fields: {fields}") from None


def _from_openai_images(payload: Mapping[str, Any]) -> Prediction:
    outputs: list[str] = []
    for item in payload["data"]:
        if isinstance(item, Mapping) and isinstance(item.get("url"), str):
            outputs.append(item["url"])
        elif isinstance(item, Mapping) and isinstance(item.get("b64_json"), str):
            outputs.append(f"data:image/png;base64,{item['b64_json']}")
    if not outputs:
        raise ReplicateProtocolError(detail="the relay answered with no images")
    created = payload.get("created")
    digest = hashlib.sha256("\n".join(outputs).encode()).hexdigest()[:16]
    completed = (
        datetime.fromtimestamp(created).astimezone() if isinstance(created, int | float) else None
    )
    return Prediction(
        id=f"relay-{digest}",
        status="succeeded",
        output=outputs,
        created_at=completed,
        completed_at=completed,
    )


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Bounds on retries of one call: attempts, exponential backoff with full jitter, total time."""

    attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_total: float = 30.0

    def stop(self) -> stop_base:
        """Stop after `attempts` tries, or rather than wait past `max_total` since the first."""
        return stop_after_attempt(self.attempts) | stop_before_delay(self.max_total)

    def wait(self) -> wait_base:
        """Full jitter up to base_delay * 2**(n-1), at most max_delay; a longer Retry-After wins."""
        return _AtLeastRetryAfter(
            wait_random_exponential(multiplier=self.base_delay, max=self.max_delay)
        )


class _Retryable(Exception):
    """Internal: the attempt failed in a way that is safe to try again."""

    def __init__(self, error: ReplicateError, retry_after: float | None = None) -> None:
        super().__init__(error.detail)
        self.error = error
        self.retry_after = retry_after


class _AtLeastRetryAfter(wait_base):
    """The backoff's wait, or the failed attempt's Retry-After when the server asks for longer."""

    def __init__(self, backoff: wait_base) -> None:
        self._backoff = backoff

    def __call__(self, retry_state: RetryCallState) -> float:
        wait = self._backoff(retry_state)
        retry_after = _failure(retry_state).retry_after
        return wait if retry_after is None else max(wait, retry_after)


def _failure(retry_state: RetryCallState) -> _Retryable:
    """The retryable failure of the attempt just made (the only outcome retries look at)."""
    outcome = retry_state.outcome
    failure = outcome.exception() if outcome is not None else None
    assert isinstance(failure, _Retryable)
    return failure


class ReplicateClient:
    """Create, get and cancel predictions through one injected aiohttp session."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        base_url: str,
        token: SecretStr,
        retry: RetryPolicy | None = None,
        timeout: aiohttp.ClientTimeout = DEFAULT_TIMEOUT,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._token = token
        self._retry = retry or RetryPolicy()
        self._timeout = timeout
        self._sleep = sleep
        self.requests_sent = 0
        # False once the API refused the Cancel-After header; never sent again on this client.
        self.cancel_after_supported = True

    @property
    def base_url(self) -> str:
        """The API base every URL is built from."""
        return self._base

    async def create(
        self,
        version: str,
        input: Mapping[str, Any],
        *,
        webhook: str | None = None,
        webhook_events_filter: Sequence[str] | None = None,
        cancel_after: float | None = None,
    ) -> Prediction:
        """Start a prediction. Raises CreateOutcomeUnknown when it may or may not exist.

        `cancel_after` (seconds) asks Replicate to end the prediction by itself once that long
        has passed since its creation (rounded up to whole seconds, at least 5). An API that
        answers 400/422 naming the header gets the same create once more without it, and never
        sees the header again from this client.
        """
        body: dict[str, Any] = {"version": version, "input": dict(input)}
        if webhook is not None:
            body["webhook"] = webhook
            if webhook_events_filter is not None:
                body["webhook_events_filter"] = list(webhook_events_filter)
        if cancel_after is None or not self.cancel_after_supported:
            payload = await self._request("POST", "/predictions", body=body, mode="create")
            return parse_prediction(payload)
        headers = {"Cancel-After": cancel_after_header(cancel_after)}
        try:
            payload = await self._request(
                "POST", "/predictions", body=body, mode="create", headers=headers
            )
        except ReplicateError as error:
            if not _rejects_cancel_after(error):
                raise
            # A 4xx answer proves nothing was created, so sending again cannot duplicate.
            if self.cancel_after_supported:
                self.cancel_after_supported = False
                log.warning(
                    "The API at %s rejects the Cancel-After header (%s %s); going on without"
                    " it: predictions end only when the bot cancels them",
                    self._base,
                    error.status,
                    error.detail,
                )
            payload = await self._request("POST", "/predictions", body=body, mode="create")
        return parse_prediction(payload)

    async def get(self, prediction_id: str) -> Prediction:
        """The prediction's current state."""
        payload = await self._request("GET", f"/predictions/{_safe_id(prediction_id)}")
        return parse_prediction(payload)

    async def find_prediction(
        self, input: Mapping[str, Any], *, since: datetime
    ) -> Prediction | None:
        """The newest prediction created at or after `since` whose input is exactly `input`.

        The lost-create lookup: pages back through the account's predictions (newest first)
        until a page reaches back before `since` or the list ends. None means the listing
        proves there is no such prediction. Raises a ReplicateError when that cannot be told:
        the list cannot be read (a relay without the endpoint, errors past the usual GET
        retries, a page that is not a list) or never reaches `since` within MAX_LIST_PAGES.
        Entries without a creation time count as recent. `since` must be timezone-aware.
        """
        if since.tzinfo is None:
            raise ValueError("since must be timezone-aware")
        wanted = dict(input)
        path = "/predictions"
        seen_cursors: set[str] = set()
        for _ in range(MAX_LIST_PAGES):
            payload = await self._request("GET", path)
            results = payload.get("results") if isinstance(payload, Mapping) else None
            if not isinstance(results, list):
                raise ReplicateProtocolError(detail="a page of the prediction list has no results")
            reached_since = False
            for item in results:
                created = _created_at(item)
                if created is not None and created < since:
                    reached_since = True
                    continue
                if isinstance(item, Mapping) and item.get("input") == wanted:
                    # Newest first: the first match is the newest one.
                    return _listed_prediction(item)
            if reached_since:
                return None
            following = payload.get("next")
            if following is None or following == "":
                return None
            cursor = _list_cursor(following)
            if cursor is None or cursor in seen_cursors:
                raise ReplicateProtocolError(
                    detail=f"the prediction list has a next page that cannot be followed:"
                    f" {str(following)[:200]!r}"
                )
            seen_cursors.add(cursor)
            path = f"/predictions?{urlencode({'cursor': cursor})}"
        raise ReplicateProtocolError(
            detail=f"the prediction list gave up after {MAX_LIST_PAGES} pages without reaching"
            f" {since.isoformat()}"
        )

    async def cancel(self, prediction_id: str) -> Prediction:
        """Ask Replicate to stop the prediction (safe to repeat)."""
        payload = await self._request("POST", f"/predictions/{_safe_id(prediction_id)}/cancel")
        return parse_prediction(payload)

    async def webhook_secret(self) -> str:
        """The account's webhook signing secret (`whsec_...`); relays may answer 404."""
        payload = await self._request("GET", "/webhooks/default/secret")
        key = payload.get("key") if isinstance(payload, Mapping) else None
        if not isinstance(key, str) or not key.strip():
            raise ReplicateProtocolError(detail="the webhook secret answer has no key")
        return key.strip()

    async def _request(
        self,
        method: str,
        path: str,
        *,
        body: Mapping[str, Any] | None = None,
        mode: RetryMode = "idempotent",
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        url = self._base + path

        def log_retry(retry_state: RetryCallState) -> None:
            log.info(
                "Replicate %s %s: %s; retry %d/%d in %.2f s",
                method,
                path,
                _failure(retry_state).error.detail,
                retry_state.attempt_number,
                self._retry.attempts - 1,
                retry_state.upcoming_sleep,
            )

        def give_up(retry_state: RetryCallState) -> NoReturn:
            error = _failure(retry_state).error
            log.warning(
                "Replicate %s %s failed after %d attempts: %s",
                method,
                path,
                retry_state.attempt_number,
                error.detail,
            )
            raise error from None

        # Only _Retryable is retried; for a create, _attempt raises it only when nothing can
        # have been created (a 429, or a connection that never opened).
        # A fresh AsyncRetrying per call: its per-call state is not safe to share between tasks.
        retrying = AsyncRetrying(
            retry=retry_if_exception_type(_Retryable),
            stop=self._retry.stop(),
            wait=self._retry.wait(),
            sleep=self._sleep,
            before_sleep=log_retry,
            retry_error_callback=give_up,
        )
        return await retrying(self._attempt, method, url, path, body, mode, headers or {})

    async def _attempt(
        self,
        method: str,
        url: str,
        path: str,
        body: Mapping[str, Any] | None,
        mode: RetryMode,
        extra_headers: Mapping[str, str],
    ) -> Any:
        headers = {
            **extra_headers,
            "Authorization": f"Bearer {self._token.get_secret_value()}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }
        self.requests_sent += 1
        try:
            async with self._session.request(
                method,
                url,
                json=body,
                headers=headers,
                timeout=self._timeout,
                # A redirect could carry the token elsewhere; the API never redirects.
                allow_redirects=False,
            ) as response:
                raw = await _read_capped(response)
                status = response.status
                retry_after = _retry_after(response.headers.get("Retry-After"))
                content_type = response.content_type
        except aiohttp.ClientConnectorError as error:
            # The connection was never made, so the request never left: safe even for a create.
            raise _Retryable(ReplicateUnavailable(detail=_describe_network(error))) from None
        except (aiohttp.ClientError, TimeoutError) as error:
            detail = _describe_network(error)
            if mode == "create":
                raise CreateOutcomeUnknown(detail=detail) from None
            raise _Retryable(ReplicateUnavailable(detail=detail)) from None

        log.debug("Replicate %s %s -> %d", method, path, status)
        if 200 <= status < 300:
            try:
                return json.loads(raw)
            except ValueError:
                detail = f"unreadable JSON in a {status} answer"
                if mode == "create":
                    raise CreateOutcomeUnknown(detail=detail) from None
                raise _Retryable(ReplicateProtocolError(detail=detail)) from None

        failure = self._error_for(status, raw, content_type, retry_after)
        if status == 429:
            raise _Retryable(failure, retry_after)
        if status >= 500:
            if mode == "create":
                # A server error after the body arrived does not prove nothing was created.
                raise CreateOutcomeUnknown(
                    status=status, title=failure.title, detail=failure.detail
                )
            raise _Retryable(failure, retry_after)
        raise failure

    def _error_for(
        self, status: int, raw: bytes, content_type: str, retry_after: float | None
    ) -> ReplicateError:
        problem: dict[str, Any] = {}
        if "json" in content_type or raw.lstrip().startswith(b"{"):
            try:
                decoded = json.loads(raw)
                if isinstance(decoded, dict):
                    problem = decoded
            except ValueError:
                pass
        title = self._scrub(str(problem.get("title") or _reason(status)))
        detail = problem.get("detail")
        if not isinstance(detail, str) or not detail.strip():
            detail = raw.decode("utf-8", "replace").strip()[:200] if not problem else title
        detail = self._scrub(detail.strip())
        invalid_fields = problem.get("invalid_fields")
        fields = (
            [f for f in invalid_fields if isinstance(f, dict)]
            if isinstance(invalid_fields, list)
            else []
        )
        if fields:
            detail = "; ".join(_describe_field(field) for field in fields)
        kwargs: dict[str, Any] = {
            "status": status,
            "title": title,
            "detail": detail,
            "invalid_fields": fields,
            "retry_after": retry_after,
        }
        if status in (401, 403):
            return ReplicateAuthError(**kwargs)
        if status == 402:
            return ReplicatePaymentRequired(**kwargs)
        if status == 422:
            if "version" in title.lower():
                return ReplicateInputError(key="replicate.invalid_version", **kwargs)
            return ReplicateInputError(**kwargs)
        if status == 429:
            return ReplicateRateLimited(**kwargs)
        if status >= 500:
            return ReplicateUnavailable(**kwargs)
        return ReplicateError(**kwargs)

    def _scrub(self, text: str) -> str:
        """Error text comes from the far side; make sure it cannot echo our token back."""
        secret = self._token.get_secret_value()
        return text.replace(secret, "[redacted]") if secret else text


def cancel_after_header(seconds: float) -> str:
    """The Cancel-After value for a lifetime of `seconds`: whole seconds, rounded up, at least 5."""
    if not math.isfinite(seconds):
        raise ValueError(f"not a duration: {seconds!r}")
    return f"{max(MIN_CANCEL_AFTER, math.ceil(seconds))}s"


def _rejects_cancel_after(error: ReplicateError) -> bool:
    """A 400/422 whose problem names the Cancel-After header: the API does not take it."""
    if error.status not in (400, 422):
        return False
    return "cancel-after" in f"{error.title} {error.detail}".lower()


def _created_at(item: Any) -> datetime | None:
    """A list entry's creation time (naive times taken as UTC), None when absent or unreadable."""
    if not isinstance(item, Mapping):
        return None
    raw = item.get("created_at")
    if raw is None:
        return None
    try:
        created = _DATETIME.validate_python(raw)
    except ValidationError:
        return None
    return created if created.tzinfo is not None else created.replace(tzinfo=UTC)


def _listed_prediction(item: Mapping[str, Any]) -> Prediction:
    try:
        return Prediction.model_validate(item)
    except ValidationError:
        # It is the prediction looked for, but it cannot be used: undecidable, not absent.
        raise ReplicateProtocolError(
            detail="the matching entry of the prediction list is not a prediction"
        ) from None


def _list_cursor(next_url: Any) -> str | None:
    """The cursor of a list page's `next` link (its host may not be ours: only this is kept)."""
    if not isinstance(next_url, str):
        return None
    cursor = parse_qs(urlsplit(next_url).query).get("cursor")
    return cursor[0] if cursor and cursor[0] else None


def _safe_id(prediction_id: str) -> str:
    if not prediction_id or not all(ch.isalnum() or ch in "-_" for ch in prediction_id):
        raise ValueError(f"not a prediction id: {prediction_id!r}")
    return prediction_id


async def _read_capped(response: aiohttp.ClientResponse) -> bytes:
    if response.content_length is not None and response.content_length > MAX_BODY_BYTES:
        raise ReplicateProtocolError(
            detail=f"answer of {response.content_length} bytes is too large"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(64 * 1024):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ReplicateProtocolError(detail="answer is too large")
        chunks.append(chunk)
    return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), None if absent or bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe_field(field: Mapping[str, Any]) -> str:
    name = str(field.get("field", "?")).removeprefix("input.")
    return f"{name}: {field.get('description', field.get('type', 'invalid'))}"


def _describe_network(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return "the connection was closed without an answer"
    if isinstance(error, aiohttp.ClientConnectorError):
        return f"cannot connect to {error.host}:{error.port}"
    # aiohttp errors name the URL at most, never the headers, so the token cannot leak here.
    return type(error).__name__


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return f"HTTP {status}"
