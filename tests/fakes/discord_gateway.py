"""The gateway half of FakeDiscord, and the guild it announces.

`FakeGateway` is a WebSocket speaking Discord's gateway protocol (v10, JSON); `FakeGuild` is
the state READY and GUILD_CREATE describe (users, roles, channels, threads, members,
permissions).

HELLO on connect, IDENTIFY answered by READY (s=1) and one GUILD_CREATE per guild of the
session's shard, heartbeats acknowledged, RESUME answered by the replay of every dispatch the
client missed and then RESUMED. Frames are plain TEXT: discord.py asks for zlib-stream, but
that only applies to BINARY frames.

Sharding is Discord's (https://discord.com/developers/docs/events/gateway#sharding): IDENTIFY
may carry `shard: [shard_id, num_shards]` (absent: [0, 1]); a guild belongs to shard
`(guild_id >> 22) % num_shards`, and a session gets READY's `guilds`, GUILD_CREATE and every
other event of a guild (INTERACTION_CREATE included) only for its shard's guilds; events of no
guild (DMs) go to shard 0. READY carries `shard` when IDENTIFY did. Several sessions live at
once, one per (shard_id, num_shards); a new IDENTIFY for the same pair replaces the old session.
Identifies are recorded (`identify_log`, on the fake's clock) with their rate-limit bucket
`shard_id % max_concurrency`; with `identify_rate_limited` set, a second IDENTIFY in a bucket
within 5 s gets op 9 INVALID_SESSION (d=false), as Discord answers one past max_concurrency.

Close codes are Discord's: 4001 unknown opcode, 4002 decode error, 4003 not authenticated,
4004 authentication failed, 4005 already authenticated, 4010 invalid shard (shard_id not
below num_shards, a malformed array, or a count that is not a multiple of
`shard_count_multiple`, Discord's large bot sharding), 4011 sharding required (the session
would hold more than `max_guilds_per_session` guilds, 2,500 on Discord), 4013 invalid
intents, 4014 disallowed (privileged) intents. Dispatches made while no socket is attached
stay in the session log, so a client that RESUMEs gets them, exactly as from Discord.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import json
import math
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes import clock

HEARTBEAT_INTERVAL_MS = 41250
# GUILD_MEMBERS, GUILD_PRESENCES and MESSAGE_CONTENT must be switched on in the developer
# portal; identifying with one that is not gets close code 4014.
PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15)
GUILDS_INTENT = 1 << 0
GUILD_MESSAGES_INTENT = 1 << 9
DIRECT_MESSAGES_INTENT = 1 << 12


def intent_of(event: str, data: dict[str, Any]) -> int | None:
    """The intent a session needs to receive `event` (None: sent to every session).

    From Discord's gateway docs: GUILD_* and CHANNEL_* need GUILDS; MESSAGE_* need
    GUILD_MESSAGES in a server and DIRECT_MESSAGES in DMs; interactions need none.
    """
    if event.startswith("MESSAGE_"):
        return GUILD_MESSAGES_INTENT if data.get("guild_id") else DIRECT_MESSAGES_INTENT
    if event.startswith(("GUILD_ROLE_", "CHANNEL_", "THREAD_")) or event in (
        "GUILD_CREATE",
        "GUILD_UPDATE",
        "GUILD_DELETE",
    ):
        return GUILDS_INTENT
    return None


OP_DISPATCH = 0
OP_HEARTBEAT = 1
OP_IDENTIFY = 2
OP_PRESENCE = 3
OP_VOICE_STATE = 4
OP_RESUME = 6
OP_REQUEST_MEMBERS = 8
OP_INVALID_SESSION = 9
OP_HELLO = 10
OP_HEARTBEAT_ACK = 11

CLOSE_UNKNOWN_OPCODE = 4001
CLOSE_DECODE_ERROR = 4002
CLOSE_NOT_AUTHENTICATED = 4003
CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_ALREADY_AUTHENTICATED = 4005
CLOSE_INVALID_SHARD = 4010
CLOSE_SHARDING_REQUIRED = 4011
CLOSE_INVALID_INTENTS = 4013
CLOSE_DISALLOWED_INTENTS = 4014

DISCORD_EPOCH_MS = 1_420_070_400_000
# GATEWAY_MESSAGE_CONTENT_LIMITED and APPLICATION_COMMAND_BADGE.
APPLICATION_FLAGS = (1 << 19) | (1 << 23)

# Permission bits (https://discord.com/developers/docs/topics/permissions).
CREATE_INSTANT_INVITE = 1 << 0
ADMINISTRATOR = 1 << 3
MANAGE_CHANNELS = 1 << 4
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_THREADS = 1 << 34
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1
EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | USE_EXTERNAL_EMOJIS
    | CONNECT
    | SPEAK
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | SEND_MESSAGES_IN_THREADS
)
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | MANAGE_MESSAGES | MENTION_EVERYONE

# Channel types (https://discord.com/developers/docs/resources/channel#channel-object-channel-types).
GUILD_TEXT = 0
PUBLIC_THREAD = 11
PRIVATE_THREAD = 12
# A thread's member_count stops counting here.
THREAD_MEMBER_COUNT_CAP = 50

_TRACE = ["fake-gateway-prd-1"]

# Discord: a session may hold at most 2,500 guilds (more: close code 4011).
MAX_GUILDS_PER_SESSION = 2500
# One IDENTIFY per rate-limit bucket every 5 s (max_concurrency buckets).
IDENTIFY_WINDOW = 5.0
# Discord recommends about one shard per 1,000 guilds.
GUILDS_PER_RECOMMENDED_SHARD = 1000
_GUILD_EVENTS = ("GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE")


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard a guild's events go to (Discord's formula)."""
    return (guild_id >> 22) % shard_count


def guild_of_event(event: str, data: dict[str, Any]) -> int | None:
    """The guild an event belongs to (None: no guild, e.g. a DM), for routing to a shard."""
    raw = data.get("id") if event in _GUILD_EVENTS else data.get("guild_id")
    try:
        return int(raw) if raw is not None else None
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class IdentifyRecord:
    """One IDENTIFY the fake accepted: when (fake clock), for which shard, in which bucket."""

    at: float
    shard_id: int
    shard_count: int
    bucket: int


@dataclass(eq=False)
class GatewaySession:
    """A gateway session: what a RESUME needs to continue it."""

    session_id: str
    intents: int
    shard: tuple[int, int] = (0, 1)  # (shard_id, num_shards)
    sharded: bool = False  # whether IDENTIFY carried `shard` (READY then does too)
    seq: int = 0
    log: list[dict[str, Any]] = field(default_factory=list)  # every dispatch frame sent
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def holds(self, guild_id: int | None) -> bool:
        """Whether this session gets the events of `guild_id` (None: DMs, shard 0's)."""
        shard_id, shard_count = self.shard
        if guild_id is None:
            return shard_id == 0
        return shard_of(guild_id, shard_count) == shard_id


class FakeGateway:
    """Discord's gateway for one bot; FakeDiscord mounts `handle` at /gateway."""

    def __init__(
        self,
        *,
        token: str,
        ready: Callable[[GatewaySession], dict[str, Any]],
        guilds: Callable[[], list[dict[str, Any]]],
        members: Callable[[int], list[dict[str, Any]]],
        on_change: Callable[[], Awaitable[None]],
        now: Callable[[], float] = clock.loop_time,
    ) -> None:
        self.token = token
        self._now = now
        self._ready = ready
        self._guilds = guilds
        self._members = members
        self._on_change = on_change
        self.privileged_intents = 0  # which privileged intents the application may use
        self.withheld: dict[str, int] = {}  # events not sent for want of an intent
        # The live sessions, one per (shard_id, num_shards); the latest identified first to find.
        self.sessions: dict[tuple[int, int], GatewaySession] = {}
        self._latest: GatewaySession | None = None
        # What GET /gateway/bot reports, and the limits IDENTIFY is held to.
        self.recommended_shards: int | None = None  # None: one per 1,000 guilds
        self.max_concurrency = 1
        self.session_start_total = 1000
        self.session_start_remaining = 1000
        self.max_guilds_per_session = MAX_GUILDS_PER_SESSION
        self.shard_count_multiple = 1  # large bot sharding: counts must be multiples of this
        self.identify_rate_limited = False  # True: answer a too-early IDENTIFY with op 9
        self.identify_log: list[IdentifyRecord] = []
        self.invalidated = 0  # op 9 INVALID_SESSION sent
        self.sockets: set[web.WebSocketResponse] = set()
        self.received: list[dict[str, Any]] = []  # every frame a client sent, in order
        self.connects = 0
        self.identifies = 0  # READY + GUILD_CREATE fully sent
        self.resumes = 0  # RESUMED sent
        self.replayed = 0  # dispatches sent again on RESUME
        self.heartbeats = 0
        self.close_codes: list[int] = []  # codes the fake closed sockets with

    @property
    def session(self) -> GatewaySession | None:
        """The session identified last (the only one of an unsharded bot), while it lives."""
        latest = self._latest
        return latest if latest is not None and latest in self.sessions.values() else None

    @property
    def connected(self) -> bool:
        """Whether a client socket is attached to some session."""
        return any(session.ws is not None for session in self.sessions.values())

    def session_for(self, shard_id: int) -> GatewaySession | None:
        """The live session of `shard_id` (of any shard count; the latest if several)."""
        found = [s for s in self.sessions.values() if s.shard[0] == shard_id]
        return found[-1] if found else None

    def recommendation(self) -> int:
        """GET /gateway/bot's `shards`: the test's figure, else one per 1,000 guilds."""
        if self.recommended_shards is not None:
            return self.recommended_shards
        wanted = max(1, math.ceil(len(self._guilds()) / GUILDS_PER_RECOMMENDED_SHARD))
        return math.ceil(wanted / self.shard_count_multiple) * self.shard_count_multiple

    def session_start_limit(self) -> dict[str, int]:
        """GET /gateway/bot's `session_start_limit` (reset_after in milliseconds)."""
        return {
            "total": self.session_start_total,
            "remaining": self.session_start_remaining,
            "reset_after": 86_400_000,
            "max_concurrency": self.max_concurrency,
        }

    def identifies_by_bucket(self) -> dict[int, list[float]]:
        """When each rate-limit bucket's IDENTIFYs were accepted, in order."""
        buckets: dict[int, list[float]] = {}
        for record in self.identify_log:
            buckets.setdefault(record.bucket, []).append(record.at)
        return buckets

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """The WebSocket endpoint (query ?v=10&encoding=json&compress=... is accepted)."""
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        self.sockets.add(ws)
        self.connects += 1
        session: GatewaySession | None = None
        try:
            await self._send(
                ws,
                {
                    "op": OP_HELLO,
                    "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS, "_trace": _TRACE},
                    "s": None,
                    "t": None,
                },
            )
            async for message in ws:
                if message.type is not WSMsgType.TEXT:
                    await self._close(ws, CLOSE_DECODE_ERROR, "Error while decoding payload.")
                    break
                try:
                    frame = json.loads(message.data)
                except ValueError:
                    await self._close(ws, CLOSE_DECODE_ERROR, "Error while decoding payload.")
                    break
                if not isinstance(frame, dict):
                    await self._close(ws, CLOSE_DECODE_ERROR, "Error while decoding payload.")
                    break
                self.received.append(frame)
                session = await self._on_frame(ws, frame, session)
                if ws.closed:
                    break
        finally:
            self.sockets.discard(ws)
            for current in self.sessions.values():
                if current.ws is ws:
                    current.ws = None
            await self._on_change()
        return ws

    async def _on_frame(
        self, ws: web.WebSocketResponse, frame: dict[str, Any], session: GatewaySession | None
    ) -> GatewaySession | None:
        op = frame.get("op")
        data = frame.get("d")
        if op == OP_HEARTBEAT:
            self.heartbeats += 1
            await self._send(ws, {"op": OP_HEARTBEAT_ACK, "d": None, "s": None, "t": None})
            return session
        if op == OP_IDENTIFY:
            if session is not None:
                await self._close(ws, CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.")
                return session
            return await self._identify(ws, data if isinstance(data, dict) else {})
        if op == OP_RESUME:
            if session is not None:
                await self._close(ws, CLOSE_ALREADY_AUTHENTICATED, "Already authenticated.")
                return session
            return await self._resume(ws, data if isinstance(data, dict) else {})
        if op in (OP_PRESENCE, OP_VOICE_STATE, OP_REQUEST_MEMBERS):
            if session is None:
                await self._close(ws, CLOSE_NOT_AUTHENTICATED, "Not authenticated.")
            elif op == OP_REQUEST_MEMBERS and isinstance(data, dict):
                await self._members_chunk(session, data)
            return session
        await self._close(ws, CLOSE_UNKNOWN_OPCODE, "Unknown opcode.")
        return session

    async def _identify(
        self, ws: web.WebSocketResponse, data: dict[str, Any]
    ) -> GatewaySession | None:
        if data.get("token") != self.token:
            await self._close(ws, CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return None
        intents = data.get("intents")
        # Gateway v10 requires intents in IDENTIFY.
        if not isinstance(intents, int) or isinstance(intents, bool) or intents < 0:
            await self._close(ws, CLOSE_INVALID_INTENTS, "Invalid intent(s).")
            return None
        if intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            await self._close(ws, CLOSE_DISALLOWED_INTENTS, "Disallowed intent(s).")
            return None
        shard = self._shard(data.get("shard", [0, 1]))
        if shard is None:
            await self._close(ws, CLOSE_INVALID_SHARD, "Invalid shard.")
            return None
        session = GatewaySession(
            session_id=secrets.token_hex(16), intents=intents, shard=shard, sharded="shard" in data
        )
        guilds = [g for g in self._guilds() if session.holds(int(g["id"]))]
        if len(guilds) > self.max_guilds_per_session:
            await self._close(ws, CLOSE_SHARDING_REQUIRED, "Sharding required.")
            return None
        bucket = shard[0] % self.max_concurrency
        now = self._now()
        earlier = [r.at for r in self.identify_log if r.bucket == bucket]
        if self.identify_rate_limited and earlier and now - earlier[-1] < IDENTIFY_WINDOW:
            # Discord's answer to an IDENTIFY past max_concurrency: identify again later.
            self.invalidated += 1
            await self._send(ws, {"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        self.identify_log.append(IdentifyRecord(now, shard[0], shard[1], bucket))
        self.session_start_remaining = max(0, self.session_start_remaining - 1)
        self.sessions.pop(shard, None)  # a new session for the same shard replaces the old
        self.sessions[shard] = session
        self._latest = session
        async with session.lock:
            session.ws = ws
            await self._emit(session, "READY", self._ready_for(session))
            # Without GUILDS, Discord sends READY's unavailable guilds and nothing more.
            for guild in guilds if session.intents & GUILDS_INTENT else []:
                await self._emit(session, "GUILD_CREATE", guild)
        self.identifies += 1
        await self._on_change()
        return session

    def _shard(self, value: Any) -> tuple[int, int] | None:
        """IDENTIFY's `shard` as (shard_id, num_shards), or None when Discord would close 4010."""
        if not isinstance(value, list) or len(value) != 2:
            return None
        if not all(isinstance(part, int) and not isinstance(part, bool) for part in value):
            return None
        shard_id, shard_count = value
        if shard_count < 1 or not 0 <= shard_id < shard_count:
            return None
        if shard_count % self.shard_count_multiple:
            return None
        return shard_id, shard_count

    def _ready_for(self, session: GatewaySession) -> dict[str, Any]:
        payload = self._ready(session)
        payload["guilds"] = [g for g in payload["guilds"] if session.holds(int(g["id"]))]
        if session.sharded:
            payload["shard"] = list(session.shard)
        return payload

    async def _resume(
        self, ws: web.WebSocketResponse, data: dict[str, Any]
    ) -> GatewaySession | None:
        if data.get("token") != self.token:
            await self._close(ws, CLOSE_AUTHENTICATION_FAILED, "Authentication failed.")
            return None
        session = next(
            (s for s in self.sessions.values() if s.session_id == data.get("session_id")), None
        )
        if session is None:
            # d=false: the session cannot be resumed; the client must IDENTIFY afresh.
            await self._send(ws, {"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        seq = data.get("seq")
        last = seq if isinstance(seq, int) else 0
        async with session.lock:
            session.ws = ws
            for frame in session.log:
                if frame["s"] > last:
                    self.replayed += 1
                    await self._send_attached(session, frame)
            await self._emit(session, "RESUMED", {"_trace": _TRACE})
        self.resumes += 1
        await self._on_change()
        return session

    async def _members_chunk(self, session: GatewaySession, data: dict[str, Any]) -> None:
        try:
            guild_id = int(data.get("guild_id", 0))
        except (TypeError, ValueError):
            return
        members = self._members(guild_id)
        wanted = data.get("user_ids")
        if isinstance(wanted, list):
            ids = {str(value) for value in wanted}
            members = [member for member in members if member["user"]["id"] in ids]
        query = data.get("query")
        if isinstance(query, str) and query:
            members = [
                member
                for member in members
                if member["user"]["username"].lower().startswith(query.lower())
            ]
        limit = data.get("limit")
        if isinstance(limit, int) and limit > 0:
            members = members[:limit]
        chunk: dict[str, Any] = {
            "guild_id": str(guild_id),
            "members": members,
            "chunk_index": 0,
            "chunk_count": 1,
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        async with session.lock:
            await self._emit(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def dispatch(self, event: str, data: dict[str, Any]) -> int | None:
        """Send (or, while disconnected, keep for RESUME) one dispatch; returns its seq.

        Like Discord, an event goes only to the sessions of its guild's shard (shard 0 for
        events of no guild) that asked for its intent: None when no session got it.
        """
        if not self.sessions:
            raise RuntimeError("no bot has identified on the fake gateway yet")
        guild_id = guild_of_event(event, data)
        needed = intent_of(event, data)
        targets = []
        for session in self.sessions.values():
            if not session.holds(guild_id):
                continue
            if needed is not None and not session.intents & needed:
                self.withheld[event] = self.withheld.get(event, 0) + 1
                continue
            targets.append(session)
        seq: int | None = None
        for index, session in enumerate(targets):
            # Each session logs its own frame (a RESUME replays it); the first takes `data`.
            frame_data = data if index == 0 else copy.deepcopy(data)
            async with session.lock:
                sent = await self._emit(session, event, frame_data)
            seq = sent if seq is None else seq
        return seq

    async def disconnect(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        """Close bot sockets from the server side, keeping the sessions resumable: the one of
        `shard_id`, or (None) every attached one."""
        chosen = [
            session
            for session in self.sessions.values()
            if session.ws is not None and (shard_id is None or session.shard[0] == shard_id)
        ]
        if not chosen:
            raise RuntimeError("no bot is connected to the fake gateway")
        for session in chosen:
            ws = session.ws
            async with session.lock:
                session.ws = None
            if ws is not None:
                await self._close(ws, code, "Fake disconnect.")

    async def invalidate_session(self, *, shard_id: int | None = None) -> None:
        """End sessions as Discord may at any time: op 9 INVALID_SESSION (d=false) on their
        sockets; the client must IDENTIFY afresh (a RESUME of them fails). `shard_id` picks
        one shard's session; None: every session."""
        chosen = [
            (key, session)
            for key, session in self.sessions.items()
            if shard_id is None or session.shard[0] == shard_id
        ]
        if not chosen:
            raise RuntimeError("no session to invalidate on the fake gateway")
        for key, session in chosen:
            del self.sessions[key]
            self.invalidated += 1
            async with session.lock:
                ws, session.ws = session.ws, None
            if ws is not None and not ws.closed:
                with contextlib.suppress(ConnectionError, RuntimeError):
                    await self._send(
                        ws, {"op": OP_INVALID_SESSION, "d": False, "s": None, "t": None}
                    )

    async def close(self) -> None:
        """Close every socket (1001 going away)."""
        for ws in list(self.sockets):
            await self._close(ws, 1001, "Server shutting down.")

    async def _emit(self, session: GatewaySession, event: str, data: dict[str, Any]) -> int:
        # Called with session.lock held: sequence numbers go out strictly in order.
        session.seq += 1
        frame = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
        session.log.append(frame)
        await self._send_attached(session, frame)
        return session.seq

    async def _send_attached(self, session: GatewaySession, frame: dict[str, Any]) -> None:
        ws = session.ws
        if ws is None:
            return
        try:
            await self._send(ws, frame)
        except (ConnectionError, RuntimeError):
            session.ws = None

    @staticmethod
    async def _send(ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        if ws.closed:
            raise ConnectionResetError("socket closed")
        await ws.send_str(json.dumps(frame, ensure_ascii=False))

    async def _close(self, ws: web.WebSocketResponse, code: int, reason: str) -> None:
        self.close_codes.append(code)
        if not ws.closed:
            await ws.close(code=code, message=reason.encode())


def now_iso() -> str:
    """Now as Discord writes timestamps (ISO 8601, microseconds, +00:00)."""
    return datetime.fromtimestamp(clock.wall(), UTC).isoformat(timespec="microseconds")


class Snowflakes:
    """Discord ids: milliseconds since Discord's epoch (2015) shifted left 22 bits, unique."""

    def __init__(self) -> None:
        self.last = 0

    def next(self, *, shard: tuple[int, int] | None = None) -> int:
        """A new id; with `shard` (shard_id, num_shards), one whose guild would be on it."""
        value = max((int(clock.wall() * 1000) - DISCORD_EPOCH_MS) << 22, self.last + 1)
        if shard is not None:
            shard_id, shard_count = shard
            if not 0 <= shard_id < shard_count:
                raise ValueError(f"shard {shard_id} is not below the shard count {shard_count}")
            # The next millisecond (the 22 low bits zero) that lands on the shard.
            millis = (value >> 22) + (1 if value & ((1 << 22) - 1) else 0)
            millis += (shard_id - millis) % shard_count
            value = millis << 22
        self.last = value
        return value


class FakeGuild:
    """A guild (two text channels, their threads, roles, members) and the bot in it.

    The first guild makes the application and its bot user; more guilds of the same bot are
    made with `sibling=` the first (sharing its bot and its source of ids) and,
    to land on a shard, `shard=(shard_id, num_shards)`.

    Threads are kept apart from `channels`, as Discord keeps them: GUILD_CREATE lists them
    under `threads` (the active ones the bot can see) and GET /guilds/{id}/channels never
    does. A thread has no overwrites of its own: permissions in it are its parent's, and it
    is gone when its parent is.
    """

    def __init__(
        self,
        *,
        sibling: FakeGuild | None = None,
        shard: tuple[int, int] | None = None,
        name: str = "SDXL Test Guild",
    ) -> None:
        self._ids: Snowflakes = sibling._ids if sibling is not None else Snowflakes()
        self.name = name
        if sibling is None:
            self.application_id = self.snowflake()
            self.bot_user: dict[str, Any] = {
                **self._user("SDXL Bot", user_id=self.application_id),
                "discriminator": "4821",
                "bot": True,
                "global_name": None,
            }
        else:
            self.application_id = sibling.application_id
            self.bot_user = sibling.bot_user
        self.owner = self._user("guild-owner")
        self.id = self._ids.next(shard=shard)
        self.channel_id = self.snowflake()
        self.nsfw_channel_id = self.snowflake()
        self.roles: dict[int, dict[str, Any]] = {}
        self._role(self.id, "@everyone", EVERYONE_PERMISSIONS, position=0)
        bot_role = self._role(self.snowflake(), "SDXL Bot", BOT_PERMISSIONS, position=1)
        bot_role["managed"] = True
        bot_role["tags"] = {"bot_id": str(self.application_id)}
        self.channels: dict[int, dict[str, Any]] = {
            self.channel_id: self._channel(self.channel_id, "general", 0, nsfw=False),
            self.nsfw_channel_id: self._channel(self.nsfw_channel_id, "after-dark", 1, nsfw=True),
        }
        self.threads: dict[int, dict[str, Any]] = {}
        self.thread_members: dict[int, dict[int, dict[str, Any]]] = {}  # thread -> user -> member
        self.members: dict[int, dict[str, Any]] = {}
        self._permission_overrides: dict[int, int] = {}
        self.bot_member = self._add_member(self.bot_user, [int(bot_role["id"])])
        self.owner_member = self._add_member(self.owner, [])
        self.member = self.add_user("alice")[0]
        self.moderator = self.add_user(
            "mod-maria", permissions=EVERYONE_PERMISSIONS | MANAGE_GUILD | MANAGE_MESSAGES
        )[0]

    def snowflake(self) -> int:
        """A new id: milliseconds since Discord's epoch (2015) shifted left 22 bits."""
        return self._ids.next()

    def _user(self, name: str, *, user_id: int | None = None) -> dict[str, Any]:
        return {
            "id": str(user_id if user_id is not None else self.snowflake()),
            "username": name.lower().replace(" ", "_"),
            "discriminator": "0",
            "global_name": name,
            "avatar": None,
            "public_flags": 0,
            "flags": 0,
            "bot": False,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
        }

    def _role(self, role_id: int, name: str, permissions: int, *, position: int) -> dict[str, Any]:
        role: dict[str, Any] = {
            "id": str(role_id),
            "name": name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": position,
            "permissions": str(permissions),
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        self.roles[role_id] = role
        return role

    def _channel(self, channel_id: int, name: str, position: int, *, nsfw: bool) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "guild_id": str(self.id),
            "name": name,
            "position": position,
            "permission_overwrites": [],
            "nsfw": nsfw,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "parent_id": None,
            "flags": 0,
        }

    def add_thread(
        self,
        parent_id: int,
        name: str,
        *,
        owner_id: int,
        private: bool = False,
        member_ids: tuple[int, ...] = (),
        auto_archive_duration: int = 1440,
    ) -> dict[str, Any]:
        """A new active thread under a text channel, started by `owner_id` (its first member).

        Discord's shape: PUBLIC_THREAD (11) or PRIVATE_THREAD (12), `parent_id`, `owner_id`,
        `thread_metadata` (archive_timestamp set at creation, `invitable` on private threads
        only), message and member counts. No `nsfw`, `position` or overwrites: those are the
        parent's.
        """
        parent = self.channels.get(parent_id)
        if parent is None or parent["type"] != GUILD_TEXT:
            raise ValueError(f"no text channel {parent_id} to start a thread in")
        if name == "" or len(name) > 100:
            raise ValueError("a thread name is 1 to 100 characters")
        if auto_archive_duration not in (60, 1440, 4320, 10080):
            raise ValueError(
                f"auto_archive_duration {auto_archive_duration} is not one of Discord's"
            )
        thread_id = self.snowflake()
        created = now_iso()
        metadata: dict[str, Any] = {
            "archived": False,
            "archive_timestamp": created,
            "auto_archive_duration": auto_archive_duration,
            "locked": False,
            "create_timestamp": created,
        }
        if private:
            metadata["invitable"] = True
        thread: dict[str, Any] = {
            "id": str(thread_id),
            "type": PRIVATE_THREAD if private else PUBLIC_THREAD,
            "guild_id": str(self.id),
            "name": name,
            "parent_id": str(parent_id),
            "owner_id": str(owner_id),
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
            "thread_metadata": metadata,
            "message_count": 0,
            "member_count": 0,
            "total_message_sent": 0,
        }
        self.threads[thread_id] = thread
        self.thread_members[thread_id] = {}
        for user_id in dict.fromkeys((owner_id, *member_ids)):
            self.thread_members[thread_id][user_id] = {
                "id": str(thread_id),
                "user_id": str(user_id),
                "join_timestamp": created,
                "flags": 0,
            }
        thread["member_count"] = min(len(self.thread_members[thread_id]), THREAD_MEMBER_COUNT_CAP)
        return thread

    def thread(self, thread_id: int | None) -> dict[str, Any] | None:
        """The thread with this id, while its parent channel exists (None otherwise)."""
        thread = self.threads.get(thread_id) if thread_id is not None else None
        if thread is None or int(thread["parent_id"]) not in self.channels:
            return None
        return thread

    def channel(self, channel_id: int | None) -> dict[str, Any] | None:
        """A channel or a thread of the guild, by id (None when there is none)."""
        if channel_id is None:
            return None
        return self.channels.get(channel_id) or self.thread(channel_id)

    def can_view(self, user_id: int, channel_id: int) -> bool:
        """Whether a member sees a channel: VIEW_CHANNEL, and for a private thread being in it
        or having MANAGE_THREADS (Discord's rule: private threads are like group DMs)."""
        permissions = self.permissions(user_id, channel_id)
        if not permissions & VIEW_CHANNEL:
            return False
        thread = self.thread(channel_id)
        if thread is None or thread["type"] != PRIVATE_THREAD:
            return True
        return user_id in self.thread_members[channel_id] or bool(permissions & MANAGE_THREADS)

    def thread_payload(self, thread_id: int, *, in_guild_create: bool = False) -> dict[str, Any]:
        """The thread as served to the bot: with the bot's own thread member when it is in
        the thread (in GUILD_CREATE without its `id` and `user_id`, as Discord sends it)."""
        thread = copy.deepcopy(self.threads[thread_id])
        mine = self.thread_members[thread_id].get(self.application_id)
        if mine is not None:
            member = copy.deepcopy(mine)
            if in_guild_create:
                del member["id"], member["user_id"]
            thread["member"] = member
        return thread

    def _add_member(self, user: dict[str, Any], roles: list[int]) -> dict[str, Any]:
        member: dict[str, Any] = {
            "user": user,
            "nick": None,
            "avatar": None,
            "banner": None,
            "roles": [str(role) for role in roles],
            "joined_at": now_iso(),
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "communication_disabled_until": None,
        }
        self.members[int(user["id"])] = member
        return member

    def add_user(
        self, name: str, *, permissions: int = EVERYONE_PERMISSIONS, roles: list[int] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """A new member and, when it has permissions beyond @everyone's, the role made for it."""
        role_ids = list(roles or [])
        extra = permissions & ~EVERYONE_PERMISSIONS
        role = None
        if extra:
            role = self._role(self.snowflake(), f"{name}-role", extra, position=len(self.roles))
            role_ids.append(int(role["id"]))
        member = self._add_member(self._user(name), role_ids)
        if permissions & EVERYONE_PERMISSIONS != EVERYONE_PERMISSIONS:
            self._permission_overrides[int(member["user"]["id"])] = permissions
        return member, role

    def permissions(self, user_id: int, channel_id: int | None = None) -> int:
        """A member's permissions in a channel, computed like Discord (overwrites included)."""
        if user_id in self._permission_overrides:
            return self._permission_overrides[user_id]
        member = self.members[user_id]
        # The owner has every permission, whatever its roles and the overwrites.
        if user_id == int(self.owner["id"]):
            return ALL_PERMISSIONS
        role_ids = [int(role) for role in member["roles"]]
        base = int(self.roles[self.id]["permissions"])
        for role_id in role_ids:
            if role_id in self.roles:
                base |= int(self.roles[role_id]["permissions"])
        if base & ADMINISTRATOR:
            return ALL_PERMISSIONS
        # A thread has no overwrites of its own: permissions in it are its parent's.
        thread = self.thread(channel_id)
        if thread is not None:
            channel_id = int(thread["parent_id"])
        channel = self.channels.get(channel_id) if channel_id is not None else None
        if channel is None:
            return base
        overwrites = {int(o["id"]): o for o in channel["permission_overwrites"]}
        for applicable in ([self.id], role_ids, [user_id]):
            allow = deny = 0
            for target in applicable:
                if target in overwrites:
                    allow |= int(overwrites[target]["allow"])
                    deny |= int(overwrites[target]["deny"])
            base = (base & ~deny) | allow
        return base

    def payload(self) -> dict[str, Any]:
        """The GUILD_CREATE payload."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": self.owner["id"],
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 2,
            "roles": [copy.deepcopy(role) for role in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": str(self.channel_id),
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "premium_progress_bar_enabled": False,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "max_members": 500000,
            "max_video_channel_users": 25,
            "max_stage_video_channel_users": 50,
            "joined_at": self.bot_member["joined_at"],
            "large": False,
            "lazy": True,
            "unavailable": False,
            "member_count": len(self.members),
            # Without the privileged GUILD_MEMBERS intent only the bot's own member comes.
            "members": [copy.deepcopy(self.bot_member)],
            "channels": [
                {k: v for k, v in copy.deepcopy(c).items() if k != "guild_id"}
                for c in self.channels.values()
            ],
            # The active threads the bot can see (threads are never archived here).
            "threads": [
                self.thread_payload(thread_id, in_guild_create=True)
                for thread_id in self.threads
                if self.thread(thread_id) is not None
                and self.can_view(self.application_id, thread_id)
            ],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "embedded_activities": [],
            "activity_instances": [],
            "incidents_data": None,
        }

    def ready_payload(self, session_id: str, resume_gateway_url: str) -> dict[str, Any]:
        """The READY payload: the guild comes unavailable, GUILD_CREATE follows."""
        return {
            "v": 10,
            "user_settings": {},
            "user": {
                **copy.deepcopy(self.bot_user),
                "verified": True,
                "mfa_enabled": False,
                "email": None,
            },
            "guilds": [{"id": str(self.id), "unavailable": True}],
            "session_id": session_id,
            "session_type": "normal",
            "resume_gateway_url": resume_gateway_url,
            "relationships": [],
            "private_channels": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": ["rotterdam", "frankfurt"],
            "auth": {},
            "application": {"id": str(self.application_id), "flags": APPLICATION_FLAGS},
            "_trace": ["fake-gateway-prd-1"],
        }

    def application_payload(self) -> dict[str, Any]:
        """GET /oauth2/applications/@me."""
        return {
            "id": str(self.application_id),
            "name": "SDXL Bot",
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "hook": True,
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": hashlib.sha256(str(self.application_id).encode()).hexdigest(),
            "flags": APPLICATION_FLAGS,
            "owner": copy.deepcopy(self.owner),
            "team": None,
            "bot": copy.deepcopy(self.bot_user),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "tags": [],
            "install_params": None,
            "integration_types_config": {"0": {}},
            "approximate_guild_count": 1,
            "rpc_origins": [],
        }
