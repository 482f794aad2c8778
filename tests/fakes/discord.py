"""A protocol-level fake of Discord's REST API and gateway, for driving a real discord.py bot.

`FakeDiscord` is one aiohttp server on 127.0.0.1 (random free port) serving the REST API
under /api/v10, the gateway at /gateway (see tests/fakes/discord_gateway.py) and a CDN for
attachments. It holds one guild with a text channel, an age-restricted text channel, the bot,
an ordinary member and a moderator. discord.py is pointed at it with `patch_discord_py()` (or
the bot's DISCORD_API_BASE / DISCORD_GATEWAY_URL set to `rest_base` / `gateway_url`).

More guilds of the same bot come from `add_guild` (`shard=` picks one whose id lands on a
shard); the gateway routes each guild's events to the sessions of its shard, as Discord does
(see tests/fakes/discord_gateway.py), and users act in a guild with `guild=`. GET /gateway/bot
reports the gateway's `recommendation()` and `session_start_limit` (`max_concurrency`).

Tests start threads under a text channel with `add_thread`: announced with THREAD_CREATE
(GUILDS intent) to a connected bot that can see them, listed in GUILD_CREATE's `threads` for
one that connects later, served by GET /channels/{id}, usable for messages like a text
channel (their own rate limit bucket), and carried as the interaction's `channel` (with
`parent_id`) when a command or click happens in them. Permissions in a thread are its
parent's; a private thread the bot is not in is Missing Access (50001) to it, as on Discord.

Discord's rules are enforced where a bot can get them wrong: the interaction callback
deadline (10062) and single acknowledgement (40060), the interaction token lifetime (50027),
webhooks of unacknowledged interactions (10015), the upload limit (40005), message and embed
limits (50035, 50006), component limits, the edit rule for `attachments`, per-token and
per-channel rate limits with Discord's headers (429 with `Via`, which discord.py retries),
bot authentication (401) and unknown routes (404).

Tests play the users (`send_command`, `click`, `submit_modal`), inspect what the bot did
(`interactions`, `messages`, `requests`, `commands`), wait on conditions without polling
(`FakeInteraction.wait_for`, `FakeDiscord.wait_until`), inject failures (`add_fault`) and
move the fake's clock (`advance`) instead of sleeping past deadlines.

discord.py's `guild_ready_timeout` (2 s by default) delays its `on_ready` after the last
GUILD_CREATE whatever the server does; bots under test pass a small one, e.g. 0.05.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import io
import json
import math
import mimetypes
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self
from urllib.parse import quote, unquote

from aiohttp import BodyPartReader, web
from aiohttp.typedefs import Handler
from PIL import Image, UnidentifiedImageError

from tests.fakes import clock
from tests.fakes.discord_gateway import (
    ADD_REACTIONS,
    ADMINISTRATOR,
    ALL_PERMISSIONS,
    ATTACH_FILES,
    BOT_PERMISSIONS,
    CHANGE_NICKNAME,
    CONNECT,
    CREATE_INSTANT_INVITE,
    EMBED_LINKS,
    EVERYONE_PERMISSIONS,
    MANAGE_CHANNELS,
    MANAGE_GUILD,
    MANAGE_MESSAGES,
    MANAGE_THREADS,
    MENTION_EVERYONE,
    PRIVATE_THREAD,
    PUBLIC_THREAD,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    SEND_MESSAGES_IN_THREADS,
    SPEAK,
    USE_APPLICATION_COMMANDS,
    USE_EXTERNAL_EMOJIS,
    VIEW_CHANNEL,
    FakeGateway,
    FakeGuild,
    GatewaySession,
    now_iso,
)

__all__ = [
    "ADD_REACTIONS",
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "ATTACH_FILES",
    "BOT_PERMISSIONS",
    "CHANGE_NICKNAME",
    "CONNECT",
    "CREATE_INSTANT_INVITE",
    "EMBED_LINKS",
    "EVERYONE_PERMISSIONS",
    "MANAGE_CHANNELS",
    "MANAGE_GUILD",
    "MANAGE_MESSAGES",
    "MANAGE_THREADS",
    "MENTION_EVERYONE",
    "PRIVATE_THREAD",
    "PUBLIC_THREAD",
    "READ_MESSAGE_HISTORY",
    "SEND_MESSAGES",
    "SEND_MESSAGES_IN_THREADS",
    "SPEAK",
    "USE_APPLICATION_COMMANDS",
    "USE_EXTERNAL_EMOJIS",
    "VIEW_CHANNEL",
    "FakeDiscord",
    "FakeGuild",
    "FakeInteraction",
    "FakeMessage",
    "FakeUpload",
    "Fault",
    "RecordedRequest",
]

API_PREFIX = "/api/v10"
JSON = "application/json"

# Message flags.
SUPPRESS_EMBEDS = 1 << 2
EPHEMERAL = 1 << 6
LOADING = 1 << 7
SUPPRESS_NOTIFICATIONS = 1 << 12
IS_COMPONENTS_V2 = 1 << 15

# Interaction (callback) types.
APPLICATION_COMMAND = 2
MESSAGE_COMPONENT = 3
MODAL_SUBMIT = 5
CHANNEL_MESSAGE_WITH_SOURCE = 4
DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
MODAL = 9
_CALLBACKS_ALLOWED = {
    APPLICATION_COMMAND: {4, 5, 9},
    MESSAGE_COMPONENT: {4, 5, 6, 7, 9},
    MODAL_SUBMIT: {4, 5, 6, 7},
}

UNKNOWN_INTERACTION = {"message": "Unknown interaction", "code": 10062}
ALREADY_ACKNOWLEDGED = {"message": "Interaction has already been acknowledged.", "code": 40060}
INVALID_WEBHOOK_TOKEN = {"message": "Invalid Webhook Token", "code": 50027}
UNKNOWN_WEBHOOK = {"message": "Unknown Webhook", "code": 10015}
UNKNOWN_MESSAGE = {"message": "Unknown Message", "code": 10008}
UNKNOWN_CHANNEL = {"message": "Unknown Channel", "code": 10003}
UNKNOWN_GUILD = {"message": "Unknown Guild", "code": 10004}
UNKNOWN_MEMBER = {"message": "Unknown Member", "code": 10007}
UNKNOWN_USER = {"message": "Unknown User", "code": 10013}
ENTITY_TOO_LARGE = {"message": "Request entity too large", "code": 40005}
EMPTY_MESSAGE = {"message": "Cannot send an empty message", "code": 50006}
NOT_AUTHOR = {"message": "Cannot edit a message authored by another user", "code": 50005}
MISSING_ACCESS = {"message": "Missing Access", "code": 50001}
INVALID_JSON = {"message": "The request body contains invalid JSON.", "code": 50109}
UNAUTHORIZED = {"message": "401: Unauthorized", "code": 0}
NOT_FOUND = {"message": "404: Not Found", "code": 0}
METHOD_NOT_ALLOWED = {"message": "405: Method Not Allowed", "code": 0}
RATE_LIMITED_MESSAGE = "You are being rate limited."

# Routes that authenticate with the interaction token in the URL, not the bot token.
_TOKEN_ROUTE = re.compile(r"/(?:webhooks/\d+/[^/]+|interactions/\d+/[^/]+/callback)(?:/.*)?")
_CHANNEL_MESSAGES = re.compile(r"/channels/(\d+)/messages(/[^/]+)?")
_MENTION = re.compile(r"<@(!?|&)(\d+)>")
_BODY = web.RequestKey("fake_discord_body", object)
_PARTS = web.RequestKey("fake_discord_parts", list)
_NUMBERS = re.compile(r"/\d+")
_CUSTOM_ID = 100
# Discord: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$, lower-case where the script has case.
_COMMAND_NAME = re.compile(r"[-_'\w\u0900-\u097f\u0e00-\u0e7f]{1,32}")
LOCALES = frozenset(
    "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el "  # noqa: SIM905
    "bg ru uk hi th zh-CN ja zh-TW ko".split()
)


def _json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    # discord.py parses a body only when Content-Type is exactly application/json.
    all_headers = {"Content-Type": JSON, **(headers or {})}
    return web.Response(
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        status=status,
        headers=all_headers,
    )


def _invalid_form(errors: dict[str, Any]) -> web.Response:
    return _json_response(
        {"message": "Invalid Form Body", "code": 50035, "errors": errors}, status=400
    )


def _error(code: str, message: str) -> dict[str, Any]:
    return {"_errors": [{"code": code, "message": message}]}


def _too_long(limit: int) -> dict[str, Any]:
    return _error("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _nest(errors: dict[str, Any], path: list[str], leaf: dict[str, Any]) -> None:
    node = errors
    for key in path:
        node = node.setdefault(key, {})
    node.update(leaf)


def _image_size(data: bytes) -> tuple[int, int, str] | None:
    try:
        with Image.open(io.BytesIO(data)) as image:
            mime = Image.MIME.get(image.format or "")
            return (image.width, image.height, mime or "application/octet-stream")
    except (UnidentifiedImageError, OSError, ValueError):
        return None


@dataclass
class FakeUpload:
    """A file a user attaches to a command option."""

    filename: str
    content_type: str
    data: bytes

    @property
    def width(self) -> int | None:
        """The image width, or None when the data is not an image."""
        size = _image_size(self.data)
        return size[0] if size else None

    @property
    def height(self) -> int | None:
        """The image height, or None when the data is not an image."""
        size = _image_size(self.data)
        return size[1] if size else None


@dataclass
class Fault:
    """The answer for the next `times` requests matching `method` and `path` (re.search)."""

    method: str  # "GET", "PATCH"... or "*"
    path: str  # searched in the full request path, e.g. r"/messages/@original$"
    status: int
    body: dict[str, Any]
    times: int = 1
    via: bool = True  # discord.py retries a 429 only when the answer has a Via header


@dataclass
class RecordedRequest:
    """One REST request as received, before faults, auth and rate limits."""

    method: str
    path: str  # the full path, /api/v10/...
    query: dict[str, str]
    at: float  # the fake clock (the loop's clock + advance()) on arrival
    json: Any  # the JSON body or the parsed payload_json part; None when absent
    files: list[tuple[str, str, bytes]]  # (filename, content type, bytes) of files[N] parts
    headers: dict[str, str]  # lower-case keys


@dataclass
class _Part:
    index: int
    filename: str
    content_type: str
    data: bytes


@dataclass(eq=False)
class FakeMessage:
    """A message as the fake stores it; `payload()` is what Discord would answer."""

    id: int
    channel_id: int
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    deleted: bool = False
    edits: int = 0
    allowed_mentions: dict[str, Any] | None = None  # as sent with the last send or edit
    author_id: int = 0
    interaction_id: int | None = None
    guild_id: int | None = None
    author: dict[str, Any] = field(default_factory=dict)
    type: int = 0
    tts: bool = False
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_metadata: dict[str, Any] | None = None
    interaction: dict[str, Any] | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    mention_roles: list[str] = field(default_factory=list)
    mention_everyone: bool = False
    message_reference: dict[str, Any] | None = None
    timestamp: str = field(default_factory=now_iso)
    edited_timestamp: str | None = None
    blobs: dict[int, bytes] = field(default_factory=dict)  # attachment id -> bytes

    @property
    def files(self) -> dict[str, bytes]:
        """Attachment filename -> bytes, for the attachments the message has now."""
        return {a["filename"]: self.blobs[int(a["id"])] for a in self.attachments}

    @property
    def ephemeral(self) -> bool:
        """Whether only the invoking user sees it."""
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """Whether it is a deferred response still showing "is thinking..."."""
        return bool(self.flags & LOADING)

    def payload(self) -> dict[str, Any]:
        """The message object Discord serves."""
        body: dict[str, Any] = {
            "type": self.type,
            "content": self.content,
            "mentions": copy.deepcopy(self.mentions),
            "mention_roles": list(self.mention_roles),
            "attachments": copy.deepcopy(self.attachments),
            "embeds": copy.deepcopy(self.embeds),
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "flags": self.flags,
            "components": copy.deepcopy(self.components),
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": copy.deepcopy(self.author),
            "pinned": False,
            "mention_everyone": self.mention_everyone,
            "tts": self.tts,
        }
        if self.guild_id is not None:
            body["guild_id"] = str(self.guild_id)
        if self.webhook_id is not None:
            body["webhook_id"] = str(self.webhook_id)
        if self.application_id is not None:
            body["application_id"] = str(self.application_id)
        if self.interaction_metadata is not None:
            body["interaction_metadata"] = copy.deepcopy(self.interaction_metadata)
        if self.interaction is not None:
            body["interaction"] = copy.deepcopy(self.interaction)
        if self.message_reference is not None:
            body["message_reference"] = copy.deepcopy(self.message_reference)
        return body


class FakeInteraction:
    """One interaction the fake dispatched, and everything the bot did with it."""

    def __init__(
        self,
        *,
        id: int,
        token: str,
        type: int,
        name: str,
        user: dict[str, Any],
        channel_id: int,
        payload: dict[str, Any],
        dispatched_at: float,
        message_id: int | None,
        condition: asyncio.Condition,
    ) -> None:
        self.id = id
        self.token = token
        self.type = type
        self.name = name  # the command name, or the component's / modal's custom_id
        self.user = user  # the member payload of whoever triggered it
        self.channel_id = channel_id
        self.payload = payload  # the INTERACTION_CREATE data as dispatched
        self.dispatched_at = dispatched_at
        self.message_id = message_id  # the message a component sits on
        self.callback: dict[str, Any] | None = None
        self.callback_at: float | None = None
        self.original: FakeMessage | None = None
        self.edits: list[tuple[float, dict[str, Any]]] = []  # every PATCH @original
        self.followups: list[FakeMessage] = []
        self.errors: list[tuple[int, dict[str, Any]]] = []  # every error answered for it
        self.modal: dict[str, Any] | None = None  # the data of a MODAL callback
        self._condition = condition

    def __repr__(self) -> str:
        return (
            f"<FakeInteraction id={self.id} type={self.type} name={self.name!r} "
            f"callback={None if self.callback is None else self.callback.get('type')} "
            f"edits={len(self.edits)} followups={len(self.followups)} errors={self.errors}>"
        )

    async def wait_callback(self, timeout: float = 5) -> dict[str, Any]:
        """The callback body, once the bot has acknowledged the interaction."""
        await self.wait_for(lambda interaction: interaction.callback is not None, timeout)
        assert self.callback is not None
        return self.callback

    async def wait_for(
        self, predicate: Callable[[FakeInteraction], bool], timeout: float = 10
    ) -> None:
        """Until `predicate(self)` holds; re-checked on every change the fake sees."""
        async with self._condition:
            try:
                await asyncio.wait_for(self._condition.wait_for(lambda: predicate(self)), timeout)
            except TimeoutError:
                raise TimeoutError(f"condition not met within {timeout} s: {self!r}") from None


class _Bucket:
    """A fixed-window rate limit bucket, reported with Discord's X-RateLimit-* headers."""

    def __init__(self, limit: int, period: float, bucket_hash: str) -> None:
        self.limit = limit
        self.period = period
        self.hash = bucket_hash
        self.started = -math.inf
        self.used = 0

    def take(self, now: float) -> tuple[bool, float, dict[str, str]]:
        if now >= self.started + self.period:
            self.started = now
            self.used = 0
        allowed = self.used < self.limit
        if allowed:
            self.used += 1
        # Rounded up: a client sleeping exactly Reset-After must find the window over.
        reset_after = math.ceil((self.started + self.period - now) * 1000) / 1000
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.limit - self.used),
            "X-RateLimit-Reset": f"{clock.wall() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": self.hash,
        }
        return allowed, reset_after, headers


def _rate_limited_response(retry_after: float, headers: dict[str, str], via: bool) -> web.Response:
    all_headers = {
        **headers,
        "X-RateLimit-Remaining": "0",
        "Retry-After": str(max(1, math.ceil(retry_after))),
        "X-RateLimit-Scope": "user",
    }
    if via:
        all_headers["Via"] = "1.1 google"
    body = {"message": RATE_LIMITED_MESSAGE, "retry_after": retry_after, "global": False}
    return _json_response(body, status=429, headers=all_headers)


async def _read_body(request: web.Request) -> tuple[Any, list[_Part]]:
    """The JSON body (or payload_json) and the files[N] parts; ValueError on bad JSON."""
    if request.content_type.startswith("multipart/"):
        payload: Any = None
        parts: list[_Part] = []
        reader = await request.multipart()
        while True:
            part = await reader.next()
            if part is None:
                break
            if not isinstance(part, BodyPartReader):
                continue
            data = bytes(await part.read())
            name = part.name or ""
            index = re.fullmatch(r"files\[(\d+)\]", name)
            if name == "payload_json":
                payload = json.loads(data)
            elif index is not None:
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                parts.append(_Part(int(index.group(1)), part.filename or "", content_type, data))
        return payload, parts
    raw = await request.read()
    return (json.loads(raw) if raw else None), []


class FakeDiscord:
    """Discord for one bot application in one guild, on a local aiohttp server."""

    def __init__(
        self,
        *,
        token_lifetime: float = 900.0,
        callback_deadline: float = 3.0,
        upload_limit: int = 10 * 1024 * 1024,
        webhook_rate: tuple[int, float] = (5, 2.0),
    ) -> None:
        self.token_lifetime = token_lifetime
        self.callback_deadline = callback_deadline
        self.upload_limit = upload_limit
        self.webhook_rate = webhook_rate
        self.channel_rate: tuple[int, float] = (5, 5.0)
        self.route_rate: tuple[int, float] = (50, 1.0)
        self.bot_token = "fake.discord-bot.token"
        self._offset = 0.0
        self._condition = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._origin: str | None = None
        self._buckets: dict[tuple[str, ...], _Bucket] = {}
        self.faults: list[Fault] = []
        self.requests: list[RecordedRequest] = []
        self.interactions: list[FakeInteraction] = []
        self._by_token: dict[str, FakeInteraction] = {}
        self.messages: dict[int, FakeMessage] = {}
        self.commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self._command_ids: dict[tuple[int | None, str, int], int] = {}
        self._blobs: dict[int, tuple[str, str | None, bytes]] = {}
        self.rate_limited = 0
        self._pending: list[asyncio.Task[int | None]] = []  # gateway events queued by sync methods

        self.guild = FakeGuild()
        self.application_id = self.guild.application_id
        self.bot_user = self.guild.bot_user
        self.guild_id = self.guild.id
        self.channel_id = self.guild.channel_id
        self.nsfw_channel_id = self.guild.nsfw_channel_id
        self.roles = self.guild.roles
        self.channels = self.guild.channels
        self.threads = self.guild.threads
        self.members = self.guild.members
        self.member = self.guild.member
        self.moderator = self.guild.moderator
        # Every guild of the bot, the first one (`guild`) included.
        self.guilds: dict[int, FakeGuild] = {self.guild.id: self.guild}
        self._gateway = FakeGateway(
            token=self.bot_token,
            ready=self._ready_payload,
            guilds=lambda: [guild.payload() for guild in self.guilds.values()],
            members=lambda guild_id: (
                [copy.deepcopy(m) for m in self.guilds[guild_id].members.values()]
                if guild_id in self.guilds
                else []
            ),
            on_change=self._changed,
            now=self.now,
        )

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def origin(self) -> str:
        """`http://127.0.0.1:PORT`, also the origin of attachment URLs."""
        if self._origin is None:
            raise RuntimeError("FakeDiscord is not started")
        return self._origin

    @property
    def rest_base(self) -> str:
        """What discord.http.Route.BASE (or DISCORD_API_BASE) is set to."""
        return f"{self.origin}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """What DiscordWebSocket.DEFAULT_GATEWAY (or DISCORD_GATEWAY_URL) is set to."""
        return f"{self.origin.replace('http://', 'ws://', 1)}/gateway"

    @property
    def gateway(self) -> FakeGateway:
        """The gateway: counters (identifies, resumes, heartbeats), `received` frames."""
        return self._gateway

    @property
    def resumes(self) -> int:
        """How many RESUMEs succeeded."""
        return self._gateway.resumes

    @property
    def identifies(self) -> int:
        """How many IDENTIFYs were answered with READY and GUILD_CREATE."""
        return self._gateway.identifies

    async def start(self) -> None:
        """Listen on a random free port of 127.0.0.1."""
        app = web.Application(
            middlewares=[self._middleware], client_max_size=max(64 << 20, 4 * self.upload_limit)
        )
        router = app.router
        router.add_get("/gateway", self._gateway.handle)
        cdn = r"/{kind:(?:media/)?(?:ephemeral-)?attachments}/{scope:\d+}/{id:\d+}/{name}"
        router.add_get(cdn, self._cdn)
        api = API_PREFIX
        router.add_get(f"{api}/gateway", self._get_gateway)
        router.add_get(f"{api}/gateway/bot", self._get_gateway_bot)
        router.add_get(f"{api}/users/@me", self._get_me)
        router.add_get(f"{api}/users/{{user:\\d+}}", self._get_user)
        router.add_get(f"{api}/oauth2/applications/@me", self._get_application)
        router.add_get(f"{api}/applications/@me", self._get_application)
        commands = f"{api}/applications/{{app:\\d+}}/commands"
        guild_commands = f"{api}/applications/{{app:\\d+}}/guilds/{{guild:\\d+}}/commands"
        for path in (commands, guild_commands):
            router.add_get(path, self._get_commands)
            router.add_put(path, self._put_commands)
        router.add_post(f"{api}/interactions/{{id:\\d+}}/{{token}}/callback", self._callback)
        webhook = f"{api}/webhooks/{{app:\\d+}}/{{token}}"
        router.add_post(webhook, self._followup)
        message = webhook + "/messages/{message:@original|\\d+}"
        router.add_get(message, self._webhook_get)
        router.add_patch(message, self._webhook_patch)
        router.add_delete(message, self._webhook_delete)
        channel = f"{api}/channels/{{channel:\\d+}}"
        router.add_get(channel, self._get_channel)
        router.add_post(f"{channel}/typing", self._typing)
        router.add_post(f"{channel}/messages", self._channel_post)
        router.add_get(f"{channel}/messages/{{message:\\d+}}", self._channel_get)
        router.add_patch(f"{channel}/messages/{{message:\\d+}}", self._channel_patch)
        router.add_delete(f"{channel}/messages/{{message:\\d+}}", self._channel_delete)
        guild = f"{api}/guilds/{{guild:\\d+}}"
        router.add_get(guild, self._get_guild)
        router.add_get(f"{guild}/channels", self._get_guild_channels)
        router.add_get(f"{guild}/roles", self._get_guild_roles)
        router.add_get(f"{guild}/members/{{user:\\d+}}", self._get_guild_member)
        # A short shutdown_timeout: close() must not wait long for a bot's open sockets.
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.2)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        host, port = runner.addresses[0][:2]
        self._origin = f"http://{host}:{port}"

    async def close(self) -> None:
        """Close gateway sockets and stop listening."""
        if self._runner is not None:
            await self._gateway.close()
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

    @contextlib.contextmanager
    def patch_discord_py(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway at the fake; restored on exit."""
        import yarl
        from discord.gateway import DiscordWebSocket
        from discord.http import Route

        saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        Route.BASE = self.rest_base
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = saved

    # -- clock, waiting, faults ------------------------------------------------------------------

    def now(self) -> float:
        """The fake's clock: the loop's (clock.loop_time()) plus everything passed to advance()."""
        return clock.loop_time() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the fake's clock forward: deadlines, token lifetimes and rate windows see it."""
        self._offset += seconds

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 10) -> None:
        """Until `predicate()` holds; re-checked on every change (request, gateway event)."""
        async with self._condition:
            try:
                await asyncio.wait_for(self._condition.wait_for(predicate), timeout)
            except TimeoutError:
                raise TimeoutError(f"condition not met within {timeout} s") from None

    async def wait_ready(self, timeout: float = 10) -> None:
        """Until a client has identified and received READY and GUILD_CREATE."""
        await self.wait_until(lambda: self._gateway.identifies > 0, timeout)

    async def disconnect(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        """Close the bot's gateway sockets (or only `shard_id`'s) with `code`; the sessions
        stay resumable."""
        await self._gateway.disconnect(code, shard_id=shard_id)

    def add_fault(
        self,
        method: str,
        path_regex: str,
        status: int,
        body: dict[str, Any],
        times: int = 1,
        via: bool = True,
    ) -> Fault:
        """Answer the next `times` requests matching with `status` and `body`, doing nothing.

        A 429 gets Retry-After (from body["retry_after"]), X-RateLimit-Scope and, with `via`,
        the Via header discord.py needs to retry it; it counts in `rate_limited`.
        """
        fault = Fault(method.upper(), path_regex, status, body, times, via)
        self.faults.append(fault)
        return fault

    def count(self, method: str, path_regex: str) -> int:
        """How many recorded requests match `method` ("*" for any) and re.search(path_regex)."""
        pattern = re.compile(path_regex)
        return sum(1 for r in self.requests if method in ("*", r.method) and pattern.search(r.path))

    async def _changed(self) -> None:
        async with self._condition:
            self._condition.notify_all()

    # -- the guild ------------------------------------------------------------------------------

    def _snowflake(self) -> int:
        return self.guild.snowflake()

    def add_guild(
        self, *, shard: tuple[int, int] | None = None, name: str = "SDXL Test Guild"
    ) -> FakeGuild:
        """Another guild with the bot in it (its own channels, members, moderator); with
        `shard` (shard_id, num_shards), one whose id lands on that shard.

        A connected session of its shard gets its GUILD_CREATE (the bot joined it) before the
        next interaction; a session identifying later finds it in READY.
        """
        guild = FakeGuild(sibling=self.guild, shard=shard, name=name)
        self.guilds[guild.id] = guild
        if self._gateway.sessions:
            self._pending.append(
                asyncio.get_running_loop().create_task(
                    self._gateway.dispatch("GUILD_CREATE", guild.payload())
                )
            )
        return guild

    def guild_of(self, channel_id: int | None) -> FakeGuild | None:
        """The guild a channel or thread is in (None: no such channel)."""
        if channel_id is None:
            return None
        for guild in self.guilds.values():
            if guild.channel(channel_id) is not None:
                return guild
        return None

    def _ready_payload(self, session: GatewaySession) -> dict[str, Any]:
        """READY, every guild unavailable (the gateway keeps the session's shard's)."""
        payload = self.guild.ready_payload(session.session_id, self.gateway_url)
        payload["guilds"] = [{"id": str(gid), "unavailable": True} for gid in self.guilds]
        return payload

    def add_user(
        self, name: str, *, permissions: int = EVERYONE_PERMISSIONS, roles: list[int] | None = None
    ) -> dict[str, Any]:
        """A new guild member; its member payload (with "user") is returned.

        Permissions beyond @everyone's come from a role made for the member (announced with
        GUILD_ROLE_CREATE when a bot is connected); fewer than @everyone's are reported as is
        in the member's interaction payloads.
        """
        member, role = self.guild.add_user(name, permissions=permissions, roles=roles)
        if role is not None and self._gateway.sessions:
            payload = {"guild_id": str(self.guild_id), "role": copy.deepcopy(role)}
            self._pending.append(
                asyncio.get_running_loop().create_task(
                    self._gateway.dispatch("GUILD_ROLE_CREATE", payload)
                )
            )
        return member

    def permissions(self, user_id: int, channel_id: int | None = None) -> int:
        """A member's permissions in a channel, computed like Discord (overwrites included)."""
        return self.guild.permissions(user_id, channel_id)

    def add_thread(
        self,
        parent_id: int,
        name: str,
        *,
        owner: dict[str, Any] | None = None,
        private: bool = False,
        members: list[dict[str, Any]] | None = None,
        auto_archive_duration: int = 1440,
    ) -> int:
        """A member (`owner`, by default the ordinary member) starts a thread under a text
        channel; its id is returned. `members` (payloads) are added to it with the owner.

        A connected bot that can see it gets THREAD_CREATE (`newly_created`, its own thread
        member when it is in it) before the next interaction; a bot connecting later finds
        it in GUILD_CREATE. A private thread is seen only by its members and by those with
        MANAGE_THREADS.
        """
        owner_id = int((owner if owner is not None else self.member)["user"]["id"])
        member_ids = tuple(int(m["user"]["id"]) for m in members or [])
        thread = self.guild.add_thread(
            parent_id,
            name,
            owner_id=owner_id,
            private=private,
            member_ids=member_ids,
            auto_archive_duration=auto_archive_duration,
        )
        thread_id = int(thread["id"])
        if self._gateway.sessions and self.guild.can_view(self.application_id, thread_id):
            payload = {**self.guild.thread_payload(thread_id), "newly_created": True}
            self._pending.append(
                asyncio.get_running_loop().create_task(
                    self._gateway.dispatch("THREAD_CREATE", payload)
                )
            )
        return thread_id

    def _bot_channel(self, channel_id: int) -> tuple[dict[str, Any] | None, web.Response | None]:
        """A channel or thread the bot addresses by id: 404 Unknown Channel when there is none,
        403 Missing Access for a private thread it cannot see."""
        guild = self.guild_of(channel_id)
        channel = guild.channel(channel_id) if guild is not None else None
        if guild is None or channel is None:
            return None, _json_response(UNKNOWN_CHANNEL, status=404)
        if guild.thread(channel_id) is not None and not guild.can_view(
            self.application_id, channel_id
        ):
            return None, _json_response(MISSING_ACCESS, status=403)
        return channel, None

    def _channel_payload(self, channel_id: int) -> dict[str, Any]:
        """A channel as Discord serves it to the bot (a thread with the bot's thread member)."""
        guild = self.guild_of(channel_id) or self.guild
        if guild.thread(channel_id) is not None:
            return guild.thread_payload(channel_id)
        return copy.deepcopy(guild.channels[channel_id])

    def _thread_count(self, message: FakeMessage, event: str) -> None:
        """Keep a thread's counters: message_count less deleted messages, total_message_sent
        not, last_message_id the newest."""
        guild = self.guild_of(message.channel_id)
        thread = guild.thread(message.channel_id) if guild is not None else None
        if thread is None:
            return
        if event == "MESSAGE_CREATE":
            thread["message_count"] += 1
            thread["total_message_sent"] += 1
            thread["last_message_id"] = str(message.id)
        elif event == "MESSAGE_DELETE":
            thread["message_count"] = max(0, thread["message_count"] - 1)

    # -- plumbing ----------------------------------------------------------------------------

    def _needs_bot_auth(self, rel: str) -> bool:
        return not (_TOKEN_ROUTE.fullmatch(rel) or rel == "/gateway")

    def _bucket(self, method: str, rel: str) -> _Bucket:
        webhook = re.fullmatch(r"/webhooks/(\d+)/([^/]+)(?:/.*)?", rel)
        callback = re.fullmatch(r"/interactions/(\d+)/([^/]+)/callback", rel)
        channel = _CHANNEL_MESSAGES.fullmatch(rel)
        key: tuple[str, ...]
        limit, period = self.route_rate
        # Discord: one bucket per interaction token for all its webhook routes.
        if webhook is not None:
            key, template, (limit, period) = ("webhook", webhook[2]), "webhook", self.webhook_rate
        elif callback is not None:
            key, template = ("callback", callback[1]), "callback"
            limit, period = self.webhook_rate
        elif channel is not None:
            template = f"{method} /channels/messages{'/id' if channel[2] else ''}"
            key, (limit, period) = ("channel", template, channel[1]), self.channel_rate
        else:
            template = f"{method} {_NUMBERS.sub('/id', rel)}"
            key = ("route", template)
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket_hash = hashlib.sha256(template.encode()).hexdigest()[:32]
            bucket = self._buckets[key] = _Bucket(limit, period, bucket_hash)
        return bucket

    def _take_fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.method in ("*", method) and re.search(fault.path, path):
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    @web.middleware
    async def _middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.path.startswith(f"{API_PREFIX}/"):
            try:
                return await handler(request)
            except web.HTTPNotFound:
                return web.Response(status=404, text="404: Not Found")
        rel = request.path[len(API_PREFIX) :]
        parse_failed = False
        try:
            body, parts = await _read_body(request)
        except ValueError:
            body, parts, parse_failed = None, [], True
        self.requests.append(
            RecordedRequest(
                method=request.method,
                path=request.path,
                query=dict(request.query),
                at=self.now(),
                json=body,
                files=[(p.filename, p.content_type, p.data) for p in parts],
                headers={k.lower(): v for k, v in request.headers.items()},
            )
        )
        request[_BODY], request[_PARTS] = body, parts
        try:
            return await self._answer(request, handler, rel, parse_failed)
        finally:
            await self._changed()

    async def _answer(
        self, request: web.Request, handler: Handler, rel: str, parse_failed: bool
    ) -> web.StreamResponse:
        fault = self._take_fault(request.method, request.path)
        if fault is not None:
            return self._fault_response(fault, self._bucket(request.method, rel))
        authorized = request.headers.get("Authorization") == f"Bot {self.bot_token}"
        if self._needs_bot_auth(rel) and not authorized:
            return _json_response(UNAUTHORIZED, status=401)
        allowed, reset_after, headers = self._bucket(request.method, rel).take(self.now())
        if not allowed:
            self.rate_limited += 1
            return _rate_limited_response(reset_after, headers, via=True)
        response: web.StreamResponse
        if parse_failed:
            response = _json_response(INVALID_JSON, status=400)
        else:
            try:
                response = await handler(request)
            except web.HTTPNotFound:
                response = _json_response(NOT_FOUND, status=404)
            except web.HTTPMethodNotAllowed:
                response = _json_response(METHOD_NOT_ALLOWED, status=405)
        response.headers.update(headers)
        # Every answer from Discord passes Google's load balancer.
        response.headers["Via"] = "1.1 google"
        return response

    def _fault_response(self, fault: Fault, bucket: _Bucket) -> web.Response:
        if fault.status == 429:
            self.rate_limited += 1
            retry_after = float(fault.body.get("retry_after", 1.0))
            headers = {
                "X-RateLimit-Limit": str(bucket.limit),
                "X-RateLimit-Reset": f"{clock.wall() + retry_after:.3f}",
                "X-RateLimit-Reset-After": f"{retry_after:.3f}",
                "X-RateLimit-Bucket": bucket.hash,
            }
            response = _rate_limited_response(retry_after, headers, via=fault.via)
            response.body = json.dumps(fault.body).encode()
            return response
        headers = {"Via": "1.1 google"} if fault.via else {}
        return _json_response(fault.body, status=fault.status, headers=headers)

    @staticmethod
    def _payload(request: web.Request) -> dict[str, Any]:
        body = request[_BODY]
        return body if isinstance(body, dict) else {}

    @staticmethod
    def _parts(request: web.Request) -> list[_Part]:
        parts: list[_Part] = request[_PARTS]
        return parts

    def _fail(
        self, interaction: FakeInteraction | None, status: int, body: dict[str, Any]
    ) -> web.Response:
        if interaction is not None:
            interaction.errors.append((status, body))
        return _json_response(body, status=status)

    async def _dispatch(self, event: str, data: dict[str, Any]) -> None:
        if self._gateway.sessions:
            await self._gateway.dispatch(event, data)

    # -- messages ---------------------------------------------------------------------------------

    def _check_message(
        self, data: dict[str, Any], parts: list[_Part], prefix: list[str]
    ) -> web.Response | None:
        """Discord's checks of a message body; `prefix` nests errors ("data" in callbacks)."""
        for part in parts:
            if len(part.data) > self.upload_limit:
                return _json_response(ENTITY_TOO_LARGE, status=413)
        errors: dict[str, Any] = {}
        content = data.get("content")
        if isinstance(content, str) and len(content) > 2000:
            _nest(errors, [*prefix, "content"], _too_long(2000))
        embeds = data.get("embeds") or []
        if len(embeds) > 10:
            _nest(errors, [*prefix, "embeds"], _too_long(10))
        total = 0
        for index, embed in enumerate(embeds[:10]):
            where = [*prefix, "embeds", str(index)]
            for key, limit in (("title", 256), ("description", 4096)):
                text = embed.get(key) or ""
                total += len(text)
                if len(text) > limit:
                    _nest(errors, [*where, key], _too_long(limit))
            for key, inner, limit in (("footer", "text", 2048), ("author", "name", 256)):
                text = (embed.get(key) or {}).get(inner) or ""
                total += len(text)
                if len(text) > limit:
                    _nest(errors, [*where, key, inner], _too_long(limit))
            fields = embed.get("fields") or []
            if len(fields) > 25:
                _nest(errors, [*where, "fields"], _too_long(25))
            for number, item in enumerate(fields):
                for key, limit in (("name", 256), ("value", 1024)):
                    text = item.get(key) or ""
                    total += len(text)
                    if len(text) > limit:
                        _nest(errors, [*where, "fields", str(number), key], _too_long(limit))
        if total > 6000:
            _nest(
                errors,
                [*prefix, "embeds"],
                _error("MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"),
            )
        attachments = data.get("attachments")
        if len(parts) > 10 or (isinstance(attachments, list) and len(attachments) > 10):
            _nest(errors, [*prefix, "attachments"], _too_long(10))
        components = data.get("components")
        if isinstance(components, list):
            v2 = bool((data.get("flags") or 0) & IS_COMPONENTS_V2)
            self._check_components(components, [*prefix, "components"], errors, v2, set())
        return _invalid_form(errors) if errors else None

    def _check_components(
        self,
        components: list[Any],
        path: list[str],
        errors: dict[str, Any],
        v2: bool,
        seen: set[str],
    ) -> None:
        # Legacy messages: at most 5 action rows of at most 5 buttons (or one select).
        if not v2 and len(path) == 1 + path.index("components") and len(components) > 5:
            _nest(errors, path, _too_long(5))
        for index, component in enumerate(components):
            if not isinstance(component, dict):
                continue
            where = [*path, str(index)]
            custom_id = component.get("custom_id")
            if isinstance(custom_id, str):
                if len(custom_id) > _CUSTOM_ID:
                    _nest(errors, [*where, "custom_id"], _too_long(_CUSTOM_ID))
                elif custom_id in seen:
                    _nest(
                        errors,
                        [*where, "custom_id"],
                        _error(
                            "COMPONENT_CUSTOM_ID_DUPLICATED",
                            "Component custom id cannot be duplicated",
                        ),
                    )
                seen.add(custom_id)
            label = component.get("label")
            if isinstance(label, str) and len(label) > 80:
                _nest(errors, [*where, "label"], _too_long(80))
            children = component.get("components")
            if isinstance(children, list):
                if component.get("type") == 1 and len(children) > 5:
                    _nest(errors, [*where, "components"], _too_long(5))
                self._check_components(children, [*where, "components"], errors, v2, seen)
            for key in ("accessory", "component"):
                child = component.get(key)
                if isinstance(child, dict):
                    self._check_components([child], [*where, key], errors, v2, seen)

    def _attachment(
        self, scope: int, part: _Part, meta: dict[str, Any], *, ephemeral: bool
    ) -> dict[str, Any]:
        attachment_id = self._snowflake()
        filename = str(meta.get("filename") or part.filename or "unknown").rsplit("/", 1)[-1]
        image = _image_size(part.data)
        content_type = image[2] if image else mimetypes.guess_type(filename)[0]
        kind = "ephemeral-attachments" if ephemeral else "attachments"
        # Discord's CDN URLs are signed: ex (expiry), is (issued), hm (HMAC), all hex.
        issued = int(clock.wall())
        signature = secrets.token_hex(32)
        query = f"?ex={issued + 86400:x}&is={issued:x}&hm={signature}&"
        path = f"{scope}/{attachment_id}/{quote(filename)}"
        attachment: dict[str, Any] = {
            "id": str(attachment_id),
            "filename": filename,
            "size": len(part.data),
            "url": f"{self.origin}/{kind}/{path}{query}",
            "proxy_url": f"{self.origin}/media/{kind}/{path}{query}",
        }
        if content_type:
            attachment["content_type"] = content_type
        if image:
            attachment["width"], attachment["height"] = image[0], image[1]
        if meta.get("description"):
            attachment["description"] = meta["description"]
        if ephemeral:
            attachment["ephemeral"] = True
        attachment["flags"] = 0
        self._blobs[attachment_id] = (filename, content_type, part.data)
        return attachment

    def _apply(
        self, message: FakeMessage, data: dict[str, Any], parts: list[_Part], *, edit: bool
    ) -> None:
        """Apply a create or edit body to `message` (fields absent are left alone)."""
        if "content" in data:
            message.content = str(data["content"] or "")
        if "embeds" in data:
            message.embeds = [{"type": "rich", **e} for e in data["embeds"] or []]
        if "components" in data:
            message.components = copy.deepcopy(data["components"] or [])
            next_id = [1]
            self._number_components(message.components, next_id)
        if data.get("flags") is not None:
            # Only these flags can be set by a bot; EPHEMERAL only when a message is created.
            settable = SUPPRESS_EMBEDS | IS_COMPONENTS_V2
            if not edit:
                settable |= SUPPRESS_NOTIFICATIONS
            message.flags = (message.flags & ~settable) | (int(data["flags"]) & settable)
        if "allowed_mentions" in data or not edit:
            message.allowed_mentions = copy.deepcopy(data.get("allowed_mentions"))
        if "tts" in data and not edit:
            message.tts = bool(data["tts"])
        listed = data.get("attachments")
        by_index = {p.index: p for p in parts}
        if isinstance(listed, list):
            # Discord's rule: after an edit the message has exactly the listed attachments,
            # existing ones by id and new files by their files[N] index.
            existing = {a["id"]: a for a in message.attachments}
            kept: list[dict[str, Any]] = []
            used: set[int] = set()
            for entry in listed:
                entry_id = str(entry.get("id"))
                if entry_id in existing:
                    kept.append(existing[entry_id])
                elif entry_id.isdigit() and int(entry_id) in by_index:
                    used.add(int(entry_id))
                    part = by_index[int(entry_id)]
                    kept.append(self._new_attachment(message, part, entry))
            for part in parts:
                if part.index not in used:
                    kept.append(self._new_attachment(message, part, {}))
            message.attachments = kept
        elif parts:
            message.attachments = message.attachments + [
                self._new_attachment(message, part, {}) for part in parts
            ]
        self._resolve_embed_attachments(message)
        self._mentions(message)
        if edit:
            message.flags &= ~LOADING
            message.edits += 1
            message.edited_timestamp = now_iso()

    def _new_attachment(
        self, message: FakeMessage, part: _Part, meta: dict[str, Any]
    ) -> dict[str, Any]:
        attachment = self._attachment(message.channel_id, part, meta, ephemeral=message.ephemeral)
        message.blobs[int(attachment["id"])] = part.data
        return attachment

    def _number_components(self, components: list[Any], next_id: list[int]) -> None:
        # Discord numbers every component that has no id, depth first.
        for component in components:
            if not isinstance(component, dict):
                continue
            if "id" not in component:
                component["id"] = next_id[0]
            next_id[0] = max(next_id[0], int(component["id"])) + 1
            self._number_components(component.get("components") or [], next_id)
            for key in ("accessory", "component"):
                if isinstance(component.get(key), dict):
                    self._number_components([component[key]], next_id)

    def _resolve_embed_attachments(self, message: FakeMessage) -> None:
        by_name = {a["filename"]: a for a in message.attachments}
        for embed in message.embeds:
            for key in ("image", "thumbnail"):
                media = embed.get(key)
                if not isinstance(media, dict):
                    continue
                url = str(media.get("url", ""))
                if not url.startswith("attachment://"):
                    continue
                found = by_name.get(url.removeprefix("attachment://"))
                if found is None:
                    del embed[key]
                    continue
                media.update(
                    url=found["url"],
                    proxy_url=found["proxy_url"],
                    width=found.get("width", 0),
                    height=found.get("height", 0),
                    content_type=found.get("content_type"),
                    flags=0,
                )

    def _mentions(self, message: FakeMessage) -> None:
        # allowed_mentions absent means every mention in the content pings.
        allowed = message.allowed_mentions
        parse = set(allowed.get("parse", [])) if allowed else {"users", "roles", "everyone"}
        users = {str(u) for u in allowed.get("users", [])} if allowed else set()
        roles = {str(r) for r in allowed.get("roles", [])} if allowed else set()
        mentioned_users: list[dict[str, Any]] = []
        mentioned_roles: list[str] = []
        guild = self.guilds.get(message.guild_id or 0, self.guild)
        for kind, raw_id in _MENTION.findall(message.content):
            if kind == "&":
                known = int(raw_id) in guild.roles and raw_id not in mentioned_roles
                if known and ("roles" in parse or raw_id in roles):
                    mentioned_roles.append(raw_id)
            elif ("users" in parse or raw_id in users) and int(raw_id) in guild.members:
                user = guild.members[int(raw_id)]["user"]
                if user not in mentioned_users:
                    mentioned_users.append(copy.deepcopy(user))
        message.mentions = mentioned_users
        message.mention_roles = mentioned_roles
        pinged = "@everyone" in message.content or "@here" in message.content
        message.mention_everyone = pinged and "everyone" in parse

    def _create_message(
        self,
        channel_id: int,
        data: dict[str, Any],
        parts: list[_Part],
        *,
        interaction: FakeInteraction | None = None,
        flags: int = 0,
    ) -> FakeMessage:
        in_guild = self.guild_of(channel_id) or self.guild
        message = FakeMessage(
            id=self._snowflake(),
            channel_id=channel_id,
            guild_id=in_guild.id,
            author=copy.deepcopy(self.bot_user),
            author_id=self.application_id,
            flags=flags,
        )
        if interaction is not None:
            message.interaction_id = interaction.id
            message.webhook_id = self.application_id
            message.application_id = self.application_id
            user = copy.deepcopy(interaction.user["user"])
            owners = {"0": str(in_guild.id)}
            metadata: dict[str, Any] = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": user,
                "authorizing_integration_owners": owners,
            }
            if interaction.type == APPLICATION_COMMAND:
                message.type = 20  # CHAT_INPUT_COMMAND
                metadata["name"] = interaction.name
                metadata["command_type"] = 1
            else:
                metadata["interacted_message_id"] = str(interaction.message_id)
            message.interaction_metadata = metadata
            message.interaction = {
                "id": str(interaction.id),
                "type": interaction.type,
                "name": interaction.name,
                "user": user,
            }
        self._apply(message, data, parts, edit=False)
        self.messages[message.id] = message
        return message

    def _is_empty(self, message: FakeMessage) -> bool:
        return not (
            message.content.strip()
            or message.embeds
            or message.attachments
            or message.components
            or message.loading
        )

    def _trial_edit(
        self, message: FakeMessage, data: dict[str, Any], parts: list[_Part]
    ) -> web.Response | None:
        """Apply an edit only if the edited message is still a valid message."""
        trial = copy.deepcopy(message)
        self._apply(trial, data, parts, edit=True)
        if self._is_empty(trial):
            return _json_response(EMPTY_MESSAGE, status=400)
        message.__dict__.update(trial.__dict__)
        return None

    def _gateway_message(self, message: FakeMessage) -> dict[str, Any]:
        body = message.payload()
        member = self.guilds.get(message.guild_id or 0, self.guild).members.get(message.author_id)
        if member is not None:
            body["member"] = {k: v for k, v in copy.deepcopy(member).items() if k != "user"}
        return body

    async def _announce(self, message: FakeMessage, event: str) -> None:
        # Ephemeral messages exist only for their user: no gateway event for the bot.
        if message.ephemeral:
            return
        self._thread_count(message, event)
        if message.loading and event == "MESSAGE_UPDATE":
            return
        if event == "MESSAGE_DELETE":
            data = {
                "id": str(message.id),
                "channel_id": str(message.channel_id),
                "guild_id": str(message.guild_id or self.guild_id),
            }
            await self._dispatch(event, data)
        else:
            await self._dispatch(event, self._gateway_message(message))

    # -- users of the guild act -----------------------------------------------------------------

    async def send_command(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: dict[str, Any] | None = None,
        channel_id: int | None = None,
        locale: str = "en-US",
        attachments: dict[str, FakeUpload] | None = None,
        subcommand: list[str] | None = None,
        guild: FakeGuild | None = None,
    ) -> FakeInteraction:
        """A user runs a synced slash command: INTERACTION_CREATE type 2 goes to the bot.

        Options are typed by the registered schema; users may be member payloads or ids,
        channels and roles ids, attachments FakeUpload (in `options` or `attachments`).
        `guild` (default: the first) is where it runs: its member, its general channel, its
        commands or the global ones. Raises ValueError for what Discord's client would not
        let a user send.
        """
        where = guild if guild is not None else self.guild
        command = self._find_command(name, where.id)
        given: dict[str, Any] = {**(options or {}), **(attachments or {})}
        resolved: dict[str, dict[str, Any]] = {}
        schema: list[dict[str, Any]] = command.get("options") or []
        path: list[dict[str, Any]] = []
        for part in subcommand or []:
            found = next(
                (o for o in schema if o["name"] == part and o["type"] in (1, 2)),
                None,
            )
            if found is None:
                raise ValueError(f"/{name} has no subcommand {part!r}")
            path.append(found)
            schema = found.get("options") or []
        if any(o["type"] in (1, 2) for o in schema):
            raise ValueError(f"/{name} needs a subcommand: pass subcommand=[...]")
        leaf = self._typed_options(name, schema, given, resolved, where)
        for group in reversed(path):
            leaf = [{"type": group["type"], "name": group["name"], "options": leaf}]
        data: dict[str, Any] = {
            "id": command["id"],
            "name": command["name"],
            "type": command.get("type", 1),
        }
        if leaf:
            data["options"] = leaf
        if resolved:
            data["resolved"] = resolved
        if "guild_id" in command:
            data["guild_id"] = command["guild_id"]
        return await self._interact(
            APPLICATION_COMMAND,
            data,
            name,
            user=user,
            channel_id=channel_id,
            locale=locale,
            guild=where,
        )

    def _find_command(self, name: str, guild_id: int) -> dict[str, Any]:
        for command in self.guild_commands.get(guild_id, []) + self.commands:
            if command["name"] == name and command.get("type", 1) == 1:
                return command
        known = sorted(
            {c["name"] for c in self.commands}
            | {c["name"] for cs in self.guild_commands.values() for c in cs}
        )
        raise ValueError(f"no synced command /{name}; synced: {known}")

    def _typed_options(
        self,
        command: str,
        schema: list[dict[str, Any]],
        given: dict[str, Any],
        resolved: dict[str, dict[str, Any]],
        guild: FakeGuild,
    ) -> list[dict[str, Any]]:
        by_name = {option["name"]: option for option in schema}
        out: list[dict[str, Any]] = []
        for key, value in given.items():
            option = by_name.get(key)
            if option is None:
                raise ValueError(f"/{command} has no option {key!r}; it has {sorted(by_name)}")
            out.append(
                {
                    "name": key,
                    "type": option["type"],
                    "value": self._typed(option, value, resolved, guild),
                }
            )
        missing = [o["name"] for o in schema if o.get("required") and o["name"] not in given]
        if missing:
            raise ValueError(f"/{command} needs the required options {missing}")
        return out

    def _typed(
        self,
        option: dict[str, Any],
        value: Any,
        resolved: dict[str, dict[str, Any]],
        guild: FakeGuild,
    ) -> Any:
        kind = option["type"]
        name = option["name"]
        if kind == 3:
            typed: Any = str(value)
            lengths = (option.get("min_length", 0), option.get("max_length", 6000))
            if not lengths[0] <= len(typed) <= lengths[1]:
                raise ValueError(f"option {name!r}: length outside {lengths}")
        elif kind in (4, 10):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"option {name!r} takes a number, got {value!r}")
            if kind == 4 and int(value) != value:
                raise ValueError(f"option {name!r} takes an integer, got {value!r}")
            typed = int(value) if kind == 4 else float(value)
            low, high = option.get("min_value"), option.get("max_value")
            if (low is not None and typed < low) or (high is not None and typed > high):
                raise ValueError(f"option {name!r}: {typed} outside [{low}, {high}]")
        elif kind == 5:
            if not isinstance(value, bool):
                raise ValueError(f"option {name!r} takes a bool, got {value!r}")
            typed = value
        elif kind in (6, 9) and _member_id(value, guild.members) is not None:
            user_id = str(_member_id(value, guild.members))
            member = guild.members[int(user_id)]
            resolved.setdefault("users", {})[user_id] = copy.deepcopy(member["user"])
            public = {k: v for k, v in copy.deepcopy(member).items() if k != "user"}
            public["permissions"] = str(guild.permissions(int(user_id), guild.channel_id))
            resolved.setdefault("members", {})[user_id] = public
            typed = user_id
        elif kind in (8, 9) and _as_id(value) in guild.roles:
            typed = str(value)
            resolved.setdefault("roles", {})[typed] = copy.deepcopy(guild.roles[int(value)])
        elif kind == 7 and guild.channel(_as_id(value)) is not None:
            typed = str(value)
            channel = self._channel_payload(int(value))
            channel["permissions"] = str(guild.permissions(self.application_id, int(value)))
            resolved.setdefault("channels", {})[typed] = channel
        elif kind == 11 and isinstance(value, FakeUpload):
            part = _Part(0, value.filename, value.content_type, value.data)
            attachment = self._attachment(
                self.application_id, part, {"filename": value.filename}, ephemeral=True
            )
            # What the user's client uploaded is what Discord reports.
            attachment["content_type"] = value.content_type
            typed = attachment["id"]
            resolved.setdefault("attachments", {})[typed] = attachment
        else:
            raise ValueError(f"option {name!r} (type {kind}) cannot take {value!r}")
        choices = option.get("choices")
        if choices and typed not in [choice["value"] for choice in choices]:
            raise ValueError(f"option {name!r}: {typed!r} is not one of its choices")
        return typed

    async def click(
        self,
        message_id: int,
        custom_id: str,
        *,
        user: dict[str, Any] | None = None,
        locale: str = "en-US",
        values: list[str] | None = None,
    ) -> FakeInteraction:
        """A user clicks a button (or picks `values` in a select) on a message."""
        message = self.messages.get(message_id)
        if message is None or message.deleted:
            raise ValueError(f"no message {message_id}")
        component = _find_component(message.components, custom_id)
        if component is None:
            raise ValueError(f"message {message_id} has no component {custom_id!r}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component.get("id") is not None:
            data["id"] = component["id"]
        if component["type"] in (3, 5, 6, 7, 8):
            data["values"] = list(values or [])
        elif values is not None:
            raise ValueError(f"component {custom_id!r} is not a select")
        return await self._interact(
            MESSAGE_COMPONENT,
            data,
            custom_id,
            user=user,
            channel_id=message.channel_id,
            locale=locale,
            message=message,
            guild=self.guild_of(message.channel_id),
        )

    async def submit_modal(
        self,
        interaction: FakeInteraction,
        values: dict[str, str | list[str]],
        *,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """The user of `interaction` fills the modal the bot answered it with and submits."""
        if interaction.modal is None:
            raise ValueError(f"{interaction!r} was not answered with a modal")
        components = _submitted(interaction.modal.get("components") or [], values)
        data = {"custom_id": interaction.modal["custom_id"], "components": components}
        message = self.messages.get(interaction.message_id or 0)
        return await self._interact(
            MODAL_SUBMIT,
            data,
            str(interaction.modal["custom_id"]),
            user=interaction.user,
            channel_id=interaction.channel_id,
            locale=locale,
            message=message,
            guild=self.guild_of(interaction.channel_id),
        )

    async def _interact(
        self,
        kind: int,
        data: dict[str, Any],
        name: str,
        *,
        user: dict[str, Any] | None,
        channel_id: int | None,
        locale: str,
        message: FakeMessage | None = None,
        guild: FakeGuild | None = None,
    ) -> FakeInteraction:
        where = guild if guild is not None else self.guild
        member = user if user is not None else where.member
        user_id = int(member["user"]["id"])
        channel = channel_id if channel_id is not None else where.channel_id
        if where.channel(channel) is None:
            raise ValueError(f"no channel or thread {channel} in guild {where.id}")
        if where.thread(channel) is not None and not where.can_view(user_id, channel):
            raise ValueError(f"user {user_id} is not in the private thread {channel}")
        interaction_id = self._snowflake()
        token = "aW50ZXJhY3Rpb246" + secrets.token_urlsafe(96)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "guild_id": str(where.id),
            "guild": {"id": str(where.id), "locale": "en-US", "features": []},
            "channel_id": str(channel),
            # In a thread: the thread (type 11/12, parent_id, thread_metadata...).
            "channel": {
                **self._channel_payload(channel),
                "permissions": str(where.permissions(self.application_id, channel)),
            },
            "member": {
                **copy.deepcopy(where.members.get(user_id, member)),
                "permissions": str(where.permissions(user_id, channel)),
            },
            "token": token,
            "version": 1,
            "locale": locale,
            "guild_locale": "en-US",
            "app_permissions": str(where.permissions(self.application_id, channel)),
            "entitlements": [],
            "entitlement_sku_ids": [],
            "authorizing_integration_owners": {"0": str(where.id)},
            "context": 0,
            "attachment_size_limit": self.upload_limit,
        }
        if message is not None:
            payload["message"] = message.payload()
        interaction = FakeInteraction(
            id=interaction_id,
            token=token,
            type=kind,
            name=name,
            user=payload["member"],
            channel_id=channel,
            payload=payload,
            dispatched_at=self.now(),
            message_id=message.id if message is not None else None,
            condition=self._condition,
        )
        self.interactions.append(interaction)
        self._by_token[token] = interaction
        pending, self._pending = self._pending, []
        await asyncio.gather(*pending)
        await self._gateway.dispatch("INTERACTION_CREATE", copy.deepcopy(payload))
        await self._changed()
        return interaction

    # -- REST: login, gateway, users, guild --------------------------------------------------------

    async def _get_gateway(self, request: web.Request) -> web.StreamResponse:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request) -> web.StreamResponse:
        gateway = self._gateway
        return _json_response(
            {
                "url": self.gateway_url,
                "shards": gateway.recommendation(),
                "session_start_limit": gateway.session_start_limit(),
            }
        )

    async def _get_me(self, request: web.Request) -> web.StreamResponse:
        me = {**self.bot_user, "verified": True, "mfa_enabled": False, "email": None}
        return _json_response(me)

    async def _get_user(self, request: web.Request) -> web.StreamResponse:
        user_id = int(request.match_info["user"])
        member = next(
            (g.members[user_id] for g in self.guilds.values() if user_id in g.members), None
        )
        if member is None:
            return _json_response(UNKNOWN_USER, status=404)
        return _json_response(member["user"])

    async def _get_application(self, request: web.Request) -> web.StreamResponse:
        application = self.guild.application_payload()
        application["approximate_guild_count"] = len(self.guilds)
        return _json_response(application)

    async def _get_guild(self, request: web.Request) -> web.StreamResponse:
        found = self.guilds.get(int(request.match_info["guild"]))
        if found is None:
            return _json_response(UNKNOWN_GUILD, status=404)
        guild = found.payload()
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            guild.pop(key, None)
        return _json_response(guild)

    async def _get_guild_channels(self, request: web.Request) -> web.StreamResponse:
        found = self.guilds.get(int(request.match_info["guild"]))
        if found is None:
            return _json_response(UNKNOWN_GUILD, status=404)
        return _json_response(list(found.channels.values()))

    async def _get_guild_roles(self, request: web.Request) -> web.StreamResponse:
        found = self.guilds.get(int(request.match_info["guild"]))
        if found is None:
            return _json_response(UNKNOWN_GUILD, status=404)
        return _json_response(list(found.roles.values()))

    async def _get_guild_member(self, request: web.Request) -> web.StreamResponse:
        found = self.guilds.get(int(request.match_info["guild"]))
        if found is None:
            return _json_response(UNKNOWN_GUILD, status=404)
        member = found.members.get(int(request.match_info["user"]))
        if member is None:
            return _json_response(UNKNOWN_MEMBER, status=404)
        return _json_response(member)

    async def _get_channel(self, request: web.Request) -> web.StreamResponse:
        channel_id = int(request.match_info["channel"])
        _, failure = self._bot_channel(channel_id)
        if failure is not None:
            return failure
        return _json_response(self._channel_payload(channel_id))

    async def _typing(self, request: web.Request) -> web.StreamResponse:
        _, failure = self._bot_channel(int(request.match_info["channel"]))
        if failure is not None:
            return failure
        return web.Response(status=204)

    # -- REST: application commands ----------------------------------------------------------

    def _scope(self, request: web.Request) -> tuple[int | None, web.Response | None]:
        if int(request.match_info["app"]) != self.application_id:
            return None, _json_response(MISSING_ACCESS, status=403)
        guild = request.match_info.get("guild")
        if guild is not None and int(guild) not in self.guilds:
            return None, _json_response(MISSING_ACCESS, status=403)
        return (int(guild) if guild is not None else None), None

    async def _get_commands(self, request: web.Request) -> web.StreamResponse:
        guild, failure = self._scope(request)
        if failure is not None:
            return failure
        stored = self.commands if guild is None else self.guild_commands.get(guild, [])
        return _json_response(stored)

    async def _put_commands(self, request: web.Request) -> web.StreamResponse:
        guild, failure = self._scope(request)
        if failure is not None:
            return failure
        body = request[_BODY]
        if not isinstance(body, list):
            return _invalid_form(
                _error("LIST_TYPE_CONVERT", "Only iterables may be used in a ListType")
            )
        errors = _command_errors(body)
        if errors:
            return _invalid_form(errors)
        stored: list[dict[str, Any]] = []
        for command in body:
            kind = int(command.get("type", 1))
            key = (guild, command["name"], kind)
            command_id = self._command_ids.setdefault(key, self._snowflake())
            entry: dict[str, Any] = {
                "id": str(command_id),
                "application_id": str(self.application_id),
                "version": str(self._snowflake()),
                "default_member_permissions": command.get("default_member_permissions"),
                "type": kind,
                "name": command["name"],
                "name_localizations": command.get("name_localizations"),
                "description": command.get("description", ""),
                "description_localizations": command.get("description_localizations"),
                "dm_permission": command.get("dm_permission", True),
                "contexts": command.get("contexts"),
                "integration_types": command.get("integration_types", [0]),
                "nsfw": command.get("nsfw", False),
            }
            if command.get("options"):
                entry["options"] = copy.deepcopy(command["options"])
            if guild is not None:
                entry["guild_id"] = str(guild)
            stored.append(entry)
        if guild is None:
            self.commands = stored
        else:
            self.guild_commands[guild] = stored
        return _json_response(stored)

    # -- REST: interaction callback and webhooks -----------------------------------------------

    async def _callback(self, request: web.Request) -> web.StreamResponse:
        interaction = self._by_token.get(request.match_info["token"])
        if interaction is None or interaction.id != int(request.match_info["id"]):
            return _json_response(UNKNOWN_INTERACTION, status=404)
        if interaction.callback is not None:
            return self._fail(interaction, 400, ALREADY_ACKNOWLEDGED)
        # Discord: an interaction not acknowledged within 3 s is gone.
        if self.now() - interaction.dispatched_at > self.callback_deadline:
            return self._fail(interaction, 404, UNKNOWN_INTERACTION)
        body = self._payload(request)
        parts = self._parts(request)
        kind = body.get("type")
        if kind not in _CALLBACKS_ALLOWED.get(interaction.type, set()):
            errors = _error(
                "INTERACTION_RESPONSE_TYPE_INVALID", "Invalid interaction response type"
            )
            response = _invalid_form({"type": errors})
            interaction.errors.append((400, {"code": 50035, "errors": {"type": errors}}))
            return response
        data = body.get("data") or {}
        if kind in (CHANNEL_MESSAGE_WITH_SOURCE, UPDATE_MESSAGE):
            failure = self._check_message(data, parts, ["data"])
            if failure is not None:
                return self._record_failure(interaction, failure)
        result: dict[str, Any] = {"id": str(interaction.id), "type": interaction.type}
        resource: dict[str, Any] | None = {"type": kind}
        announce: tuple[FakeMessage, str] | None = None
        if kind == CHANNEL_MESSAGE_WITH_SOURCE:
            flags = int(data.get("flags") or 0) & EPHEMERAL
            message = self._create_message(
                interaction.channel_id, data, parts, interaction=interaction, flags=flags
            )
            if self._is_empty(message):
                del self.messages[message.id]
                return self._fail(interaction, 400, EMPTY_MESSAGE)
            interaction.original = message
            result.update(
                response_message_id=str(message.id),
                response_message_loading=False,
                response_message_ephemeral=message.ephemeral,
            )
            assert resource is not None
            resource["message"] = message.payload()
            announce = (message, "MESSAGE_CREATE")
        elif kind == DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
            flags = LOADING | (int(data.get("flags") or 0) & EPHEMERAL)
            message = self._create_message(
                interaction.channel_id, {}, [], interaction=interaction, flags=flags
            )
            interaction.original = message
            result.update(
                response_message_id=str(message.id),
                response_message_loading=True,
                response_message_ephemeral=message.ephemeral,
            )
            announce = (message, "MESSAGE_CREATE")
        elif kind in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE):
            target = self.messages.get(interaction.message_id or 0)
            # A modal submitted from a slash command has no message: type 6 only acknowledges.
            bare_ack = kind == DEFERRED_UPDATE_MESSAGE and interaction.message_id is None
            if (target is None or target.deleted) and not bare_ack:
                return self._fail(interaction, 404, UNKNOWN_MESSAGE)
            if kind == UPDATE_MESSAGE and target is not None:
                failure = self._trial_edit(target, data, parts)
                if failure is not None:
                    return self._record_failure(interaction, failure)
                result["response_message_id"] = str(target.id)
                assert resource is not None
                resource["message"] = target.payload()
                announce = (target, "MESSAGE_UPDATE")
            interaction.original = target if not bare_ack else None
        else:
            modal_errors = _modal_errors(data)
            if modal_errors is not None:
                return self._record_failure(interaction, _invalid_form({"data": modal_errors}))
            interaction.modal = copy.deepcopy(data)
            self._number_components(interaction.modal["components"], [1])
            resource = None
        interaction.callback = copy.deepcopy(body)
        interaction.callback_at = self.now()
        if announce is not None:
            await self._announce(*announce)
        if request.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        answer: dict[str, Any] = {"interaction": result}
        if resource is not None:
            answer["resource"] = resource
        return _json_response(answer)

    def _record_failure(self, interaction: FakeInteraction, response: web.Response) -> web.Response:
        assert isinstance(response.body, bytes)
        interaction.errors.append((response.status, json.loads(response.body)))
        return response

    def _token_interaction(
        self, request: web.Request
    ) -> tuple[FakeInteraction | None, web.Response | None]:
        if int(request.match_info["app"]) != self.application_id:
            return None, _json_response(UNKNOWN_WEBHOOK, status=404)
        interaction = self._by_token.get(request.match_info["token"])
        if interaction is None:
            return None, _json_response(INVALID_WEBHOOK_TOKEN, status=401)
        # Interaction tokens are valid for 15 minutes after the interaction was created.
        if self.now() - interaction.dispatched_at > self.token_lifetime:
            return interaction, self._fail(interaction, 401, INVALID_WEBHOOK_TOKEN)
        # The interaction webhook exists only once the interaction was acknowledged.
        if interaction.callback is None:
            return interaction, self._fail(interaction, 404, UNKNOWN_WEBHOOK)
        return interaction, None

    def _webhook_message(self, interaction: FakeInteraction, key: str) -> FakeMessage | None:
        if key == "@original":
            message = interaction.original
        else:
            message = self.messages.get(int(key))
            mine = message is interaction.original or message in interaction.followups
            shared = (
                message is not None
                and message.webhook_id == self.application_id
                and not message.ephemeral
                and message.channel_id == interaction.channel_id
            )
            if not (mine or shared):
                message = None
        if message is None or message.deleted:
            return None
        return message

    async def _followup(self, request: web.Request) -> web.StreamResponse:
        interaction, failure = self._token_interaction(request)
        if failure is not None:
            return failure
        assert interaction is not None
        data = self._payload(request)
        parts = self._parts(request)
        failure = self._check_message(data, parts, [])
        if failure is not None:
            return self._record_failure(interaction, failure)
        original = interaction.original
        if original is not None and original.loading and not original.deleted:
            # The first follow-up of a deferred ("thinking") response replaces that message.
            failure = self._trial_edit(original, data, parts)
            if failure is not None:
                return self._record_failure(interaction, failure)
            message = original
            await self._announce(message, "MESSAGE_UPDATE")
        else:
            flags = int(data.get("flags") or 0) & EPHEMERAL
            message = self._create_message(
                interaction.channel_id, data, parts, interaction=interaction, flags=flags
            )
            if self._is_empty(message):
                del self.messages[message.id]
                return self._fail(interaction, 400, EMPTY_MESSAGE)
            interaction.followups.append(message)
            await self._announce(message, "MESSAGE_CREATE")
        if request.query.get("wait", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        return _json_response(message.payload())

    async def _webhook_get(self, request: web.Request) -> web.StreamResponse:
        interaction, failure = self._token_interaction(request)
        if failure is not None:
            return failure
        assert interaction is not None
        message = self._webhook_message(interaction, request.match_info["message"])
        if message is None:
            return self._fail(interaction, 404, UNKNOWN_MESSAGE)
        return _json_response(message.payload())

    async def _webhook_patch(self, request: web.Request) -> web.StreamResponse:
        interaction, failure = self._token_interaction(request)
        if failure is not None:
            return failure
        assert interaction is not None
        key = request.match_info["message"]
        message = self._webhook_message(interaction, key)
        if message is None:
            return self._fail(interaction, 404, UNKNOWN_MESSAGE)
        data = self._payload(request)
        parts = self._parts(request)
        failure = self._check_message(data, parts, []) or self._trial_edit(message, data, parts)
        if failure is not None:
            return self._record_failure(interaction, failure)
        if key == "@original":
            interaction.edits.append((self.now(), copy.deepcopy(data)))
        await self._announce(message, "MESSAGE_UPDATE")
        return _json_response(message.payload())

    async def _webhook_delete(self, request: web.Request) -> web.StreamResponse:
        interaction, failure = self._token_interaction(request)
        if failure is not None:
            return failure
        assert interaction is not None
        message = self._webhook_message(interaction, request.match_info["message"])
        if message is None:
            return self._fail(interaction, 404, UNKNOWN_MESSAGE)
        message.deleted = True
        await self._announce(message, "MESSAGE_DELETE")
        return web.Response(status=204)

    # -- REST: channel messages ----------------------------------------------------------------

    def _channel_message(
        self, request: web.Request
    ) -> tuple[FakeMessage | None, web.Response | None]:
        channel_id = int(request.match_info["channel"])
        _, failure = self._bot_channel(channel_id)
        if failure is not None:
            return None, failure
        message = self.messages.get(int(request.match_info["message"]))
        # Ephemeral messages are reachable only through their interaction's webhook.
        if (
            message is None
            or message.deleted
            or message.ephemeral
            or message.channel_id != channel_id
        ):
            return None, _json_response(UNKNOWN_MESSAGE, status=404)
        return message, None

    async def _channel_post(self, request: web.Request) -> web.StreamResponse:
        channel_id = int(request.match_info["channel"])
        _, failure = self._bot_channel(channel_id)
        if failure is not None:
            return failure
        data = self._payload(request)
        parts = self._parts(request)
        failure = self._check_message(data, parts, [])
        if failure is not None:
            return failure
        reference = data.get("message_reference")
        message = self._create_message(channel_id, data, parts)
        if self._is_empty(message):
            del self.messages[message.id]
            return _json_response(EMPTY_MESSAGE, status=400)
        if isinstance(reference, dict) and reference.get("message_id"):
            referenced = self.messages.get(int(reference["message_id"]))
            if referenced is not None:
                message.type = 19  # REPLY
                message.message_reference = {
                    "type": 0,
                    "message_id": str(referenced.id),
                    "channel_id": str(referenced.channel_id),
                    "guild_id": str(referenced.guild_id or self.guild_id),
                }
        await self._announce(message, "MESSAGE_CREATE")
        return _json_response(message.payload())

    async def _channel_get(self, request: web.Request) -> web.StreamResponse:
        message, failure = self._channel_message(request)
        if failure is not None:
            return failure
        assert message is not None
        return _json_response(message.payload())

    async def _channel_patch(self, request: web.Request) -> web.StreamResponse:
        message, failure = self._channel_message(request)
        if failure is not None:
            return failure
        assert message is not None
        if message.author_id != self.application_id:
            return _json_response(NOT_AUTHOR, status=403)
        data = self._payload(request)
        parts = self._parts(request)
        failure = self._check_message(data, parts, []) or self._trial_edit(message, data, parts)
        if failure is not None:
            return failure
        await self._announce(message, "MESSAGE_UPDATE")
        return _json_response(message.payload())

    async def _channel_delete(self, request: web.Request) -> web.StreamResponse:
        message, failure = self._channel_message(request)
        if failure is not None:
            return failure
        assert message is not None
        message.deleted = True
        await self._announce(message, "MESSAGE_DELETE")
        return web.Response(status=204)

    # -- CDN ------------------------------------------------------------------------------------

    async def _cdn(self, request: web.Request) -> web.StreamResponse:
        blob = self._blobs.get(int(request.match_info["id"]))
        if blob is None or unquote(request.match_info["name"]) != blob[0]:
            return web.Response(status=404, text="This content is no longer available.")
        _, content_type, data = blob
        return web.Response(body=data, content_type=content_type or "application/octet-stream")


def _as_id(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _member_id(value: Any, members: dict[int, dict[str, Any]]) -> int | None:
    if isinstance(value, dict) and isinstance(value.get("user"), dict):
        value = value["user"].get("id")
    user_id = _as_id(value)
    return user_id if user_id in members else None


def _find_component(components: list[Any], custom_id: str) -> dict[str, Any] | None:
    for component in components:
        if not isinstance(component, dict):
            continue
        if component.get("custom_id") == custom_id:
            return component
        children = list(component.get("components") or [])
        children += [component[k] for k in ("accessory", "component") if k in component]
        found = _find_component(children, custom_id)
        if found is not None:
            return found
    return None


def _submitted(components: list[Any], values: dict[str, str | list[str]]) -> list[dict[str, Any]]:
    """A modal's components as Discord sends them back on submit, with the user's values."""
    out: list[dict[str, Any]] = []
    for component in components:
        if not isinstance(component, dict):
            continue
        kind = component.get("type")
        if kind == 1:
            out.append(
                {"type": 1, "components": _submitted(component.get("components") or [], values)}
            )
        elif kind == 18 and isinstance(component.get("component"), dict):
            inner = _submitted([component["component"]], values)
            if inner:
                out.append({"type": 18, "id": component.get("id"), "component": inner[0]})
        elif kind == 4:
            value = values.get(component["custom_id"], component.get("value", ""))
            out.append(
                {
                    "type": 4,
                    "id": component.get("id"),
                    "custom_id": component["custom_id"],
                    "value": value,
                }
            )
        elif kind in (3, 5, 6, 7, 8):
            picked = values.get(component["custom_id"], [])
            out.append(
                {
                    "type": kind,
                    "id": component.get("id"),
                    "custom_id": component["custom_id"],
                    "values": [picked] if isinstance(picked, str) else list(picked),
                }
            )
    return out


def _modal_errors(data: dict[str, Any]) -> dict[str, Any] | None:
    errors: dict[str, Any] = {}
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= 45:
        _nest(
            errors, ["title"], _error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.")
        )
    custom_id = data.get("custom_id")
    if not isinstance(custom_id, str) or not 1 <= len(custom_id) <= _CUSTOM_ID:
        _nest(
            errors,
            ["custom_id"],
            _error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."),
        )
    components = data.get("components")
    if not isinstance(components, list) or not 1 <= len(components) <= 5:
        _nest(
            errors,
            ["components"],
            _error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length."),
        )
    return errors or None


def _command_errors(commands: list[Any]) -> dict[str, Any]:
    """Discord's checks of a bulk command overwrite (names, descriptions, option order)."""
    errors: dict[str, Any] = {}
    seen: set[tuple[str, int]] = set()
    for index, command in enumerate(commands):
        if not isinstance(command, dict):
            _nest(
                errors,
                [str(index)],
                _error("DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType"),
            )
            continue
        kind = int(command.get("type", 1))
        key = (str(command.get("name")), kind)
        if key in seen:
            _nest(
                errors,
                [str(index), "name"],
                _error(
                    "APPLICATION_COMMANDS_DUPLICATE_NAME",
                    "Application command names must be unique",
                ),
            )
        seen.add(key)
        _check_named(command, [str(index)], errors, slash=kind == 1)
        if kind == 1:
            _check_options(command.get("options") or [], [str(index), "options"], errors)
    return errors


def _check_named(
    item: dict[str, Any], path: list[str], errors: dict[str, Any], *, slash: bool
) -> None:
    _check_name(item.get("name"), [*path, "name"], errors, slash=slash)
    description = item.get("description", "")
    if slash:
        _check_description(description, [*path, "description"], errors)
    for key, check in (("name_localizations", "name"), ("description_localizations", "text")):
        localized = item.get(key) or {}
        for locale, text in localized.items():
            where = [*path, key, locale]
            if locale not in LOCALES:
                message = f'Value "{locale}" is not a valid enum value.'
                _nest(errors, where, _error("ENUM_TYPE_COERCE", message))
            elif check == "name":
                _check_name(text, where, errors, slash=slash)
            elif slash:
                _check_description(text, where, errors)


def _check_name(name: Any, path: list[str], errors: dict[str, Any], *, slash: bool) -> None:
    if slash:
        valid = isinstance(name, str) and bool(_COMMAND_NAME.fullmatch(name))
        valid = valid and name == name.lower()
    else:
        valid = isinstance(name, str) and 1 <= len(name) <= 32
    if not valid:
        _nest(
            errors,
            path,
            _error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid"),
        )


def _check_description(description: Any, path: list[str], errors: dict[str, Any]) -> None:
    if not isinstance(description, str) or not 1 <= len(description) <= 100:
        _nest(
            errors,
            path,
            _error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."),
        )


def _check_options(options: list[Any], path: list[str], errors: dict[str, Any]) -> None:
    if len(options) > 25:
        _nest(errors, path, _too_long(25))
    optional_seen = False
    for index, option in enumerate(options):
        where = [*path, str(index)]
        _check_named(option, where, errors, slash=True)
        if option.get("type") in (1, 2):
            _check_options(option.get("options") or [], [*where, "options"], errors)
            continue
        # Required options must come before optional ones.
        if option.get("required"):
            if optional_seen:
                _nest(
                    errors,
                    [*where, "required"],
                    _error(
                        "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                        "Required options must be placed before non-required options",
                    ),
                )
        else:
            optional_seen = True
        choices = option.get("choices") or []
        if len(choices) > 25:
            _nest(errors, [*where, "choices"], _too_long(25))
        for number, choice in enumerate(choices):
            at = [*where, "choices", str(number)]
            name = choice.get("name")
            if not isinstance(name, str) or not 1 <= len(name) <= 100:
                message = "Must be between 1 and 100 in length."
                _nest(errors, [*at, "name"], _error("BASE_TYPE_BAD_LENGTH", message))
            for locale, text in (choice.get("name_localizations") or {}).items():
                if locale not in LOCALES or not 1 <= len(str(text)) <= 100:
                    message = f'Value "{locale}" is not a valid enum value.'
                    _nest(
                        errors,
                        [*at, "name_localizations", locale],
                        _error("ENUM_TYPE_COERCE", message),
                    )
            value = choice.get("value")
            if isinstance(value, str) and len(value) > 100:
                _nest(errors, [*at, "value"], _too_long(100))
