"""Fetching outputs: the allow-list, https, redirects, size caps, data: URIs, image sniffing."""

from __future__ import annotations

import asyncio
import base64
import io
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from PIL import Image

from bot.errors import OutputRejected
from bot.images import (
    OutputFetcher,
    OutputImage,
    check_dimensions,
    fit_for_upload,
    host_allowed,
    sniff_image,
)

pytestmark = pytest.mark.virtual_time


def png_bytes(width: int = 8, height: int = 8) -> bytes:
    """A small real PNG."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


class FileHost:
    """A tiny file server on loopback, counting the requests it gets."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self.app = web.Application()
        self.app.router.add_get("/{name}", self.serve)
        self.runner = web.AppRunner(self.app)
        self.origin = ""

    async def serve(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.hits.append(name)
        if name == "image.png":
            return web.Response(body=png_bytes(), content_type="image/png")
        if name == "huge.png":
            # No Content-Length: the cap must hold while streaming.
            response = web.StreamResponse()
            await response.prepare(request)
            await response.write(png_bytes())
            for _ in range(40):
                await response.write(b"\0" * 65536)
            await response.write_eof()
            return response
        if name == "page.html":
            return web.Response(text="<html>not an image</html>", content_type="text/html")
        if name == "hop":
            raise web.HTTPFound("/image.png")
        if name == "away":
            raise web.HTTPFound("https://evil.example/steal.png")
        if name == "broken":
            return web.Response(status=503)
        return web.Response(status=404)

    async def __aenter__(self) -> FileHost:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.origin = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.runner.cleanup()


@pytest.fixture
async def host() -> AsyncIterator[FileHost]:
    """A running file host."""
    async with FileHost() as file_host:
        yield file_host


@pytest.fixture
async def fetcher() -> AsyncIterator[OutputFetcher]:
    """A fetcher allowing replicate.delivery and the loopback API host, capped at 1 MiB."""
    async with aiohttp.ClientSession() as session:
        yield OutputFetcher(
            session,
            allowed_hosts=("replicate.delivery", "*.replicate.delivery"),
            api_host="127.0.0.1",
            max_bytes=1024 * 1024,
        )


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("replicate.delivery", True),
        ("pbxt.replicate.delivery", True),
        ("REPLICATE.DELIVERY.", True),
        ("evilreplicate.delivery", False),
        ("replicate.delivery.evil.example", False),
        ("delivery", False),
    ],
)
def test_host_patterns(host: str, allowed: bool) -> None:
    """`*.x` matches subdomains only; an exact pattern matches only itself."""
    assert host_allowed(host, ("replicate.delivery", "*.replicate.delivery")) is allowed


def test_sniffing_knows_images_from_other_files() -> None:
    """PNG, JPEG, GIF and WebP are recognized by their bytes; HTML is not an image."""
    assert sniff_image(png_bytes()) == ("image/png", "png")
    assert sniff_image(b"\xff\xd8\xff\xe0rest") == ("image/jpeg", "jpg")
    assert sniff_image(b"RIFF\0\0\0\0WEBPVP8 ") == ("image/webp", "webp")
    assert sniff_image(b"<html>") is None


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://evil.example/x.png", "output.host_not_allowed"),
        ("http://replicate.delivery/x.png", "output.insecure"),
        ("ftp://replicate.delivery/x.png", "output.insecure"),
        ("http://127.0.0.2:80/x.png", "output.host_not_allowed"),
        ("file:///etc/passwd", "output.insecure"),
    ],
)
async def test_disallowed_urls_are_refused_before_any_request(
    fetcher: OutputFetcher, host: FileHost, url: str, key: str
) -> None:
    """Hosts off the list, plain http off loopback and other schemes are refused outright."""
    with pytest.raises(OutputRejected) as caught:
        await fetcher.fetch_all([host.origin + "/image.png", url])
    assert caught.value.key == key
    assert host.hits == []


async def test_allowed_output_is_downloaded_and_identified(
    fetcher: OutputFetcher, host: FileHost
) -> None:
    """An output on the API's host downloads as a PNG."""
    [image] = await fetcher.fetch_all([host.origin + "/image.png"])
    assert image.media_type == "image/png" and image.extension == "png"
    assert Image.open(io.BytesIO(image.data)).size == (8, 8)


async def test_redirects_are_followed_only_to_allowed_hosts(
    fetcher: OutputFetcher, host: FileHost
) -> None:
    """A redirect within the allow-list is followed; one elsewhere is refused."""
    image = await fetcher.fetch(host.origin + "/hop")
    assert image.extension == "png"
    with pytest.raises(OutputRejected) as caught:
        await fetcher.fetch(host.origin + "/away")
    assert caught.value.key == "output.host_not_allowed"


async def test_the_size_cap_holds_while_streaming(fetcher: OutputFetcher, host: FileHost) -> None:
    """A body past the cap without a Content-Length is cut off, not buffered whole."""
    with pytest.raises(OutputRejected) as caught:
        await fetcher.fetch(host.origin + "/huge.png")
    assert caught.value.key == "output.too_large"


async def test_a_non_image_is_refused(fetcher: OutputFetcher, host: FileHost) -> None:
    """An HTML page where an image should be is refused."""
    with pytest.raises(OutputRejected, match="not a PNG"):
        await fetcher.fetch(host.origin + "/page.html")


async def test_a_flaky_host_is_retried_a_bounded_number_of_times(
    fetcher: OutputFetcher, host: FileHost
) -> None:
    """A 503 is retried, three attempts in all, then reported."""
    with pytest.raises(OutputRejected, match="503"):
        await fetcher.fetch(host.origin + "/broken")
    assert host.hits == ["broken"] * 3


async def test_a_client_error_is_final_at_once(fetcher: OutputFetcher, host: FileHost) -> None:
    """A 404 will not change by asking again: one request, then reported."""
    with pytest.raises(OutputRejected, match="404"):
        await fetcher.fetch(host.origin + "/missing.png")
    assert host.hits == ["missing.png"]


async def test_a_refused_connection_is_retried_with_growing_waits(
    fetcher: OutputFetcher,
) -> None:
    """Three attempts with 0.5 s, then 1 s between them, then the error is reported."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(OutputRejected, match="ClientConnectorError"):
        await fetcher.fetch(f"http://127.0.0.1:{port}/image.png")
    # A lower bound only: a slow machine can make it longer, never shorter.
    assert loop.time() - started >= 1.5


async def test_data_uris_are_decoded_under_the_cap(fetcher: OutputFetcher) -> None:
    """A base64 PNG data: URI decodes; a broken or oversized one is refused."""
    uri = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    assert (await fetcher.fetch(uri)).extension == "png"
    with pytest.raises(OutputRejected, match="broken base64"):
        await fetcher.fetch("data:image/png;base64,@@@@")
    oversized = "data:image/png;base64," + "A" * (2 * 1024 * 1024)
    with pytest.raises(OutputRejected) as caught:
        await fetcher.fetch(oversized)
    assert caught.value.key == "output.too_large"


def test_an_image_that_fits_is_kept_as_it_is() -> None:
    """Under the limit the original bytes go out untouched."""
    image = OutputImage(png_bytes(), "image/png", "png")
    upload = fit_for_upload(image, "job-0", 10 * 1024 * 1024)
    assert upload.filename == "job-0.png" and upload.data == image.data and not upload.reencoded


def test_an_image_too_large_is_reencoded_under_the_limit() -> None:
    """A PNG over the limit becomes a JPEG that fits, downscaled if it must."""
    noisy = Image.effect_noise((512, 512), 100).convert("RGB")
    buffer = io.BytesIO()
    noisy.save(buffer, format="PNG")
    image = OutputImage(buffer.getvalue(), "image/png", "png")
    for limit in (len(image.data) // 2, 20_000):
        upload = fit_for_upload(image, "job-1", limit)
        assert upload.reencoded and upload.filename == "job-1.jpg"
        assert len(upload.data) <= limit
        assert Image.open(io.BytesIO(upload.data)).format == "JPEG"


def test_garbage_that_cannot_fit_is_refused() -> None:
    """Bytes that are not an image cannot be re-encoded: a typed error, not a crash."""
    with pytest.raises(OutputRejected):
        fit_for_upload(OutputImage(b"\x89PNG\r\n\x1a\nbroken", "image/png", "png"), "x", 4)


@pytest.mark.parametrize(("side", "why"), [(8000, "8000×8000"), (50_000, "DecompressionBombError")])
def test_a_decompression_bomb_is_refused_before_decoding(side: int, why: str) -> None:
    """A small file claiming huge dimensions is refused from its header alone.

    8000x8000 passes Pillow's own bomb limit but not ours; 50000x50000 trips Pillow's.
    """
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )
    assert len(bomb) < 2000
    with pytest.raises(OutputRejected, match=why):
        check_dimensions(bomb)
    with pytest.raises(OutputRejected, match=why):
        fit_for_upload(OutputImage(bomb, "image/png", "png"), "bomb", 10)


async def test_a_bomb_among_the_outputs_is_refused_at_download(fetcher: OutputFetcher) -> None:
    """The fetcher checks every output's claimed size: a bomb never reaches Discord."""
    import base64
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 8000, 8000, 8, 2, 0, 0, 0)
    bomb = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )
    with pytest.raises(OutputRejected, match="8000×8000"):
        await fetcher.fetch("data:image/png;base64," + base64.b64encode(bomb).decode())
