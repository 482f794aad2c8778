"""Fetch a prediction's output images safely.

Outputs are URLs chosen by the far side, so each one is checked before any byte is requested:
only https (plain http only to this machine), only hosts in OUTPUT_HOSTS or the API's own host,
redirects followed by hand and checked the same way, the size capped while streaming, and the
bytes must be an image. `data:` URIs (sync mode, relays) are decoded under the same cap.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, NoReturn
from urllib.parse import urljoin, urlsplit

import aiohttp
from PIL import Image, UnidentifiedImageError
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_incrementing,
)

from bot.config import is_loopback
from bot.errors import OutputRejected, SdxlBotError

log = logging.getLogger(__name__)

_MAX_REDIRECTS: Final = 3
# Far above any SDXL output (1536×1024 here), far below a decompression bomb.
MAX_DECODE_PIXELS: Final = 4096 * 4096
_ATTEMPTS: Final = 3
# Rounds of downloads of one job's outputs before a failing one is given up (and refunded).
FETCH_ROUNDS: Final = 2
_TIMEOUT: Final = aiohttp.ClientTimeout(total=120, connect=10, sock_read=30)
_SIGNATURES: Final = (
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


@dataclass(frozen=True, slots=True)
class OutputImage:
    """One downloaded output."""

    data: bytes
    media_type: str
    extension: str


def sniff_image(data: bytes) -> tuple[str, str] | None:
    """(media type, extension) from the file's first bytes, or None if it is no known image."""
    for signature, media_type, extension in _SIGNATURES:
        if data.startswith(signature):
            return media_type, extension
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def check_dimensions(data: bytes) -> None:
    """Refuse an image whose header claims more pixels than any output could have.

    Only the header is read: a decompression bomb is refused before anything decodes it,
    here or in the Discord clients it would be uploaded to.
    """
    try:
        with Image.open(io.BytesIO(data)) as opened:
            width, height = opened.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        raise OutputRejected(detail=f"unreadable image ({type(error).__name__})") from None
    if width * height > MAX_DECODE_PIXELS:
        raise OutputRejected(detail=f"the image claims {width}×{height} pixels")


def host_allowed(host: str, patterns: Iterable[str]) -> bool:
    """Whether `host` matches one of `patterns` (exact, or `*.example.com` for any subdomain)."""
    host = host.lower().rstrip(".")
    for pattern in patterns:
        if pattern.startswith("*."):
            if host.endswith(pattern[1:]):
                return True
        elif host == pattern:
            return True
    return False


class OutputFetcher:
    """Downloads outputs through the shared session, within the allow-list and the size cap."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        *,
        allowed_hosts: Sequence[str],
        api_host: str,
        max_bytes: int,
        timeout: aiohttp.ClientTimeout = _TIMEOUT,
    ) -> None:
        self._session = session
        self._patterns = tuple(host.lower() for host in allowed_hosts)
        self._api_host = api_host.lower()
        self._max_bytes = max_bytes
        self._timeout = timeout

    def check_url(self, url: str) -> None:
        """Raise OutputRejected unless `url` may be fetched (data: URIs always may)."""
        if url.startswith("data:"):
            return
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme == "http" and is_loopback(host):
            pass
        elif parts.scheme != "https":
            raise OutputRejected("output.insecure", scheme=parts.scheme or "?")
        if not host or not (host == self._api_host or host_allowed(host, self._patterns)):
            raise OutputRejected("output.host_not_allowed", host=host or "?")

    async def fetch_all(self, urls: Sequence[str]) -> list[OutputImage]:
        """Every output, in order; all URLs are checked before the first download starts."""
        for url in urls:
            self.check_url(url)
        return list(await asyncio.gather(*(self.fetch(url) for url in urls)))

    async def fetch_available(
        self, urls: Sequence[str], rounds: int = FETCH_ROUNDS
    ) -> tuple[tuple[OutputImage, ...], int]:
        """The outputs that could be downloaded, in order, and how many could not.

        Every URL is checked before the first download. A failed download is tried again in a
        later round; one that still fails is left out (its image is refunded alone). Raises
        the last error when none arrives at all.
        """
        for url in urls:
            self.check_url(url)
        got: dict[int, OutputImage] = {}
        last: SdxlBotError | None = None
        pending = list(range(len(urls)))
        for _ in range(rounds):
            results = await asyncio.gather(
                *(self.fetch(urls[index]) for index in pending), return_exceptions=True
            )
            for index, result in zip(pending, results, strict=True):
                if isinstance(result, OutputImage):
                    got[index] = result
                elif isinstance(result, SdxlBotError):
                    last = result
                elif isinstance(result, BaseException):
                    raise result
            pending = [index for index in pending if index not in got]
            if not pending:
                break
        if not got:
            assert last is not None
            raise last
        if pending:
            log.warning(
                "%d of %d outputs could not be downloaded: %s", len(pending), len(urls), last
            )
        return tuple(got[index] for index in sorted(got)), len(pending)

    async def fetch(self, url: str) -> OutputImage:
        """One output image, checked, capped and identified."""
        self.check_url(url)
        if url.startswith("data:"):
            data = self._decode_data_uri(url)
        else:
            data = await self._download(url)
        kind = sniff_image(data)
        if kind is None:
            raise OutputRejected(detail="the file is not a PNG, JPEG, GIF or WebP image")
        check_dimensions(data)
        return OutputImage(data, *kind)

    def _decode_data_uri(self, uri: str) -> bytes:
        header, _, payload = uri.partition(",")
        if not header.endswith(";base64"):
            raise OutputRejected(detail="a data: URI that is not base64")
        # base64 grows data by 4/3: reject before decoding anything too large.
        if len(payload) * 3 // 4 > self._max_bytes:
            raise OutputRejected("output.too_large", limit_mib=self._max_bytes // 2**20)
        try:
            return base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise OutputRejected(detail="a data: URI with broken base64") from None

    async def _download(self, url: str) -> bytes:
        # _ATTEMPTS tries on connection errors, time-outs and 5xx, 0.5 s * attempt between;
        # anything else (a 4xx, a refused redirect, the size cap) is final at once.
        retrying = AsyncRetrying(
            retry=retry_if_exception_type((aiohttp.ClientError, TimeoutError, _ServerError)),
            stop=stop_after_attempt(_ATTEMPTS),
            wait=wait_incrementing(start=0.5, increment=0.5),
            after=_log_failed_download,
            retry_error_callback=_give_up_download,
        )
        data: bytes = await retrying(self._download_once, url)
        return data

    async def _download_once(self, url: str) -> bytes:
        for _ in range(_MAX_REDIRECTS + 1):
            async with self._session.get(
                url, allow_redirects=False, timeout=self._timeout
            ) as response:
                if response.status in (301, 302, 303, 307, 308):
                    target = urljoin(url, response.headers.get("Location", ""))
                    self.check_url(target)
                    url = target
                    continue
                if response.status >= 500:
                    raise _ServerError(f"HTTP {response.status}")
                if response.status != 200:
                    raise OutputRejected(detail=f"HTTP {response.status}")
                return await self._read_capped(response)
        raise OutputRejected(detail="too many redirects")

    async def _read_capped(self, response: aiohttp.ClientResponse) -> bytes:
        too_large = OutputRejected("output.too_large", limit_mib=self._max_bytes // 2**20)
        if response.content_length is not None and response.content_length > self._max_bytes:
            raise too_large
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(256 * 1024):
            size += len(chunk)
            if size > self._max_bytes:
                raise too_large
            chunks.append(chunk)
        return b"".join(chunks)


class _ServerError(Exception):
    """A 5xx from the file host: worth another attempt."""


def _download_problem(retry_state: RetryCallState) -> str:
    """What went wrong with the attempt just made, as told in logs and to the member."""
    outcome = retry_state.outcome
    error = outcome.exception() if outcome is not None else None
    if isinstance(error, _ServerError):
        return str(error)
    return type(error).__name__


def _log_failed_download(retry_state: RetryCallState) -> None:
    log.info(
        "Output download failed (%s), attempt %d/%d",
        _download_problem(retry_state),
        retry_state.attempt_number,
        _ATTEMPTS,
    )


def _give_up_download(retry_state: RetryCallState) -> NoReturn:
    raise OutputRejected(detail=_download_problem(retry_state))


@dataclass(frozen=True, slots=True)
class Upload:
    """A file ready to attach to a message."""

    filename: str
    data: bytes
    reencoded: bool = False


def fit_for_upload(image: OutputImage, stem: str, limit: int) -> Upload:
    """The image as a file of at most `limit` bytes: as it is if it fits, else re-encoded.

    PNG is kept when it fits (lossless); otherwise a high-quality JPEG, then smaller ones,
    then downscaled, so a member always gets the picture rather than an error.
    """
    if len(image.data) <= limit:
        return Upload(f"{stem}.{image.extension}", image.data)
    check_dimensions(image.data)
    try:
        with Image.open(io.BytesIO(image.data)) as opened:
            picture = opened.convert("RGB")
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as error:
        raise OutputRejected(
            detail=f"cannot re-encode the image ({type(error).__name__})"
        ) from None
    scale = 1.0
    while True:
        candidate = picture
        if scale < 1.0:
            size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
            candidate = picture.resize(size, Image.Resampling.LANCZOS)
        for quality in (92, 85, 75):
            buffer = io.BytesIO()
            candidate.save(buffer, format="JPEG", quality=quality, optimize=True)
            if buffer.tell() <= limit:
                return Upload(f"{stem}.jpg", buffer.getvalue(), reencoded=True)
        if candidate.width <= 64 or candidate.height <= 64:
            raise OutputRejected("output.too_large", limit_mib=max(1, limit // 2**20))
        scale *= 0.75
