"""Webhook mode: Replicate pushes each prediction's state to the bot instead of being polled.

`WebhookVerifier` checks a delivery the way DESIGN.md §3 says Replicate signs it (Standard
Webhooks): headers `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`
(space-separated `v1,<base64>`), the signature being base64(HMAC-SHA256(key,
"{id}.{timestamp}.{raw body}")) with the key decoded from the `whsec_...` secret of
`GET {base}/webhooks/default/secret`. Stale, future and replayed deliveries are refused too.

`WebhookReceiver` is the aiohttp server Replicate posts to (WEBHOOK_LISTEN, at the path of
WEBHOOK_PUBLIC_URL): it verifies, parses the prediction and hands it to a push callback (the
JobRunner's), answering at once. Polling goes on as a slow safety net (bot/tracking.py).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import heapq
import hmac
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final
from urllib.parse import urlsplit

from aiohttp import web

from bot.config import parse_listen
from bot.errors import ReplicateProtocolError
from bot.replicate import Prediction, parse_prediction

log = logging.getLogger(__name__)

# Everything Replicate can announce; output and logs come at most every 500 ms.
ALL_EVENTS: Final = ("start", "output", "logs", "completed")
SECRET_PREFIX: Final = "whsec_"  # noqa: S105 - the format's prefix, not a secret
DEFAULT_TOLERANCE: Final = 300.0
# A prediction is a few KiB of JSON (its logs included); data: URI outputs are never pushed
# by Replicate's async API, so anything far larger is not a delivery.
MAX_BODY_BYTES: Final = 4 * 1024 * 1024
# Ids are kept for the tolerance window only; this bounds memory under a flood of valid
# deliveries (100 predictions at two deliveries a second for 5 minutes is 60,000).
MAX_REMEMBERED_IDS: Final = 100_000


class RejectReason(StrEnum):
    """Why a delivery was refused."""

    missing_headers = "missing headers"
    bad_timestamp = "unreadable timestamp"
    stale = "stale timestamp"
    future = "timestamp in the future"
    bad_signature = "bad signature"
    replayed = "replayed id"


class WebhookRejected(Exception):
    """A delivery that is not provably Replicate's, or not fresh; never names the secret."""

    def __init__(self, reason: RejectReason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WebhookTarget:
    """Where predictions are told to push their states, and which events."""

    url: str
    events: tuple[str, ...] = ALL_EVENTS


def signing_key(secret: str) -> bytes:
    """The HMAC key of a `whsec_<base64>` secret; ValueError if it is not one."""
    encoded = secret.strip().removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the webhook secret is not whsec_<base64>") from None
    if not key:
        raise ValueError("the webhook secret is empty")
    return key


def sign(key: bytes, webhook_id: str, timestamp: str, body: bytes) -> str:
    """The base64 signature of one delivery (without the `v1,` prefix)."""
    signed = b"%s.%s.%s" % (webhook_id.encode(), timestamp.encode(), body)
    return base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")


class WebhookVerifier:
    """Checks signature, freshness and uniqueness of deliveries signed with one secret."""

    def __init__(
        self,
        secret: str,
        tolerance: float = DEFAULT_TOLERANCE,
        clock: Callable[[], float] = time.time,
        *,
        max_remembered: int = MAX_REMEMBERED_IDS,
    ) -> None:
        self._key = signing_key(secret)
        self._tolerance = tolerance
        self._clock = clock
        self._max_remembered = max_remembered
        # webhook-id -> the Unix time after which its timestamp is stale anyway.
        self._seen: dict[str, float] = {}
        self._expiry: list[tuple[float, str]] = []  # a heap over the same entries

    def __repr__(self) -> str:
        return f"WebhookVerifier(tolerance={self._tolerance})"  # never the key

    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        """Return if the delivery is authentic, fresh and new; raise WebhookRejected if not."""
        webhook_id = _header(headers, "webhook-id")
        stamp = _header(headers, "webhook-timestamp")
        signatures = _header(headers, "webhook-signature")
        if not webhook_id or not stamp or not signatures:
            raise WebhookRejected(RejectReason.missing_headers)
        try:
            sent_at = int(stamp)
        except ValueError:
            raise WebhookRejected(RejectReason.bad_timestamp) from None
        now = self._clock()
        if sent_at < now - self._tolerance:
            raise WebhookRejected(RejectReason.stale)
        if sent_at > now + self._tolerance:
            raise WebhookRejected(RejectReason.future)
        expected = sign(self._key, webhook_id, stamp, body).encode("ascii")
        valid = False
        for entry in signatures.split():
            version, _, given = entry.partition(",")
            # Every candidate is compared in constant time; no early exit reveals which failed.
            if version == "v1" and hmac.compare_digest(expected, given.encode("utf-8", "replace")):
                valid = True
        if not valid:
            raise WebhookRejected(RejectReason.bad_signature)
        # Only authentic ids are remembered, so forged requests cannot fill the memory.
        self._forget_expired(now)
        if webhook_id in self._seen:
            raise WebhookRejected(RejectReason.replayed)
        self._remember(webhook_id, sent_at + self._tolerance)

    def _forget_expired(self, now: float) -> None:
        while self._expiry and self._expiry[0][0] < now:
            _, old = heapq.heappop(self._expiry)
            self._seen.pop(old, None)

    def _remember(self, webhook_id: str, until: float) -> None:
        while len(self._seen) >= self._max_remembered and self._expiry:
            # Full: drop the id closest to going stale, whose replay window is nearly shut.
            _, old = heapq.heappop(self._expiry)
            self._seen.pop(old, None)
        self._seen[webhook_id] = until
        heapq.heappush(self._expiry, (until, webhook_id))


def _header(headers: Mapping[str, str], name: str) -> str:
    value = headers.get(name)
    if value is None:
        # A plain dict may carry any casing; aiohttp's headers are case-insensitive already.
        value = next((v for k, v in headers.items() if k.lower() == name), None)
    return (value or "").strip()


class WebhookReceiver:
    """The HTTP endpoint Replicate posts prediction states to; start() it, close() it."""

    def __init__(
        self,
        verifier: WebhookVerifier,
        push: Callable[[Prediction], None],
        *,
        public_url: str,
        listen: str,
        max_body: int = MAX_BODY_BYTES,
    ) -> None:
        self._verifier = verifier
        self._push = push
        self.public_url = public_url
        self.path = urlsplit(public_url).path or "/"
        self._host, self._port = parse_listen(listen)
        self._max_body = max_body
        self._runner: web.AppRunner | None = None
        self.accepted = 0
        self.rejected = 0

    @property
    def port(self) -> int:
        """The port actually bound (after start)."""
        if self._runner is None or not self._runner.addresses:
            raise RuntimeError("the webhook receiver is not started")
        port: int = self._runner.addresses[0][1]
        return port

    async def start(self) -> None:
        """Bind WEBHOOK_LISTEN; raises OSError if the address is taken."""
        app = web.Application(client_max_size=self._max_body)
        app.router.add_post(self.path, self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, self._host, self._port).start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        log.info("Webhook receiver listening on %s:%s at %s", self._host, self.port, self.path)

    async def close(self) -> None:
        """Stop listening (safe to repeat)."""
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.content_length is not None and request.content_length > self._max_body:
            return web.Response(status=413, text="too large")
        # aiohttp answers 413 itself past client_max_size when the length was not announced.
        body = await request.read()
        try:
            self._verifier.verify(request.headers, body)
        except WebhookRejected as error:
            self.rejected += 1
            # Anyone can reach this endpoint: log at info so a flood cannot drown the warnings.
            log.info("Webhook from %s rejected: %s", request.remote, error.reason.value)
            return web.Response(status=401, text="rejected")
        try:
            prediction = parse_prediction(json.loads(body))
        except (ValueError, ReplicateProtocolError) as error:
            log.warning("Signed webhook with an unreadable prediction: %s", error)
            return web.Response(status=400, text="not a prediction")
        self.accepted += 1
        log.debug("Webhook: prediction %s is %s", prediction.id, prediction.status)
        try:
            self._push(prediction)
        except Exception:
            log.exception("Routing the webhook of prediction %s failed", prediction.id)
            return web.Response(status=500, text="error")
        return web.Response(status=200, text="ok")
