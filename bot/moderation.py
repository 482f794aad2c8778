"""Server policy and the prompt blocklist, as moderators set them.

Blocklist entries are words or regular expressions, matched against prompts after
normalizing what evaders change: case, width and accents (NFKC, casefold), zero-width
characters, look-alike letters from other scripts, leetspeak digits, and spacing or
punctuation between letters ("b.a-d" and "b a d" match "bad").
"""

from __future__ import annotations

import json
import re
import re._parser as _re_parser  # type: ignore[import-not-found]  # the stdlib parser re uses
import unicodedata
from dataclasses import dataclass
from typing import Any, Final, Literal

from bot.errors import InputRejected
from bot.store import Store, utc_now

BlocklistMode = Literal["refuse", "review"]
MAX_PATTERN_CHARS: Final = 200
MAX_ENTRIES: Final = 500

_ZERO_WIDTH: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Letters of other scripts that render like Latin ones, and leetspeak digits and symbols.
_LOOKALIKES: Final = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "к": "k",
        "м": "m",
        "т": "t",
        "в": "b",
        "н": "h",
        "α": "a",
        "ο": "o",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
    }
)
_LEET: Final = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_SEPARATORS: Final = re.compile(r"[\W_]+", re.UNICODE)


def _fold(text: str) -> str:
    """Case, width, accents and look-alike letters folded; punctuation still in place."""
    folded = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).casefold()
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(ch)
    )
    return folded.translate(_LOOKALIKES)


def normalize(text: str) -> str:
    """Lower-case words separated by single spaces, accents dropped, look-alikes made Latin."""
    return _SEPARATORS.sub(" ", _fold(text)).strip()


def _spelled_out(text: str) -> list[str]:
    """Runs of three or more one-letter words, joined: `a b a d dog` -> [`abad`].

    Members spell words out letter by letter to dodge a blocklist; such a run counts as the
    word it spells, once an ordinary leading `a` or `i` is set aside.
    """
    runs: list[str] = []
    run = ""
    for token in [*text.split(), ""]:
        if len(token) == 1:
            run += token
            continue
        if len(run) >= 3:
            runs.append(run)
        run = ""
    return runs


@dataclass(frozen=True, slots=True)
class PromptForms:
    """A prompt as the blocklist reads it."""

    texts: tuple[str, ...]  # normalized, and read as leetspeak
    spelled: tuple[str, ...]  # letter-by-letter runs, joined


def prompt_forms(text: str) -> PromptForms:
    """Every reading of `text` an entry is matched against."""
    folded = _fold(text)
    plain = _SEPARATORS.sub(" ", folded).strip()
    # Leetspeak before punctuation goes: "@" and "$" stand for letters.
    leet = _SEPARATORS.sub(" ", folded.translate(_LEET)).strip()
    return PromptForms((plain, leet), (*_spelled_out(plain), *_spelled_out(leet)))


@dataclass(frozen=True, slots=True)
class BlockEntry:
    """One blocklist entry."""

    id: int
    pattern: str
    is_regex: bool

    def matches(self, forms: PromptForms) -> bool:
        """Whether any reading of a prompt contains this entry."""
        if self.is_regex:
            compiled = re.compile(self.pattern, re.IGNORECASE)
            return any(compiled.search(text) for text in forms.texts)
        word = normalize(self.pattern)
        if not word:
            return False
        bounded = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])")
        squeezed = word.replace(" ", "")
        return any(bounded.search(text) for text in forms.texts) or any(
            run == squeezed or (run[0] in "ai" and run[1:] == squeezed) for run in forms.spelled
        )


_REPEATS: Final = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})


def _may_backtrack_badly(pattern: str) -> bool:
    """True for a repetition that holds another repetition or an alternation: (a+)+,
    (\\w+\\s?)+, (a|aa)+. Python's re may take exponential time on those, and a blocklist
    runs on every prompt."""
    parsed = _re_parser.parse(pattern)

    def walk(items: Any, inside_repeat: bool) -> bool:
        for op, value in items:
            name = str(op)
            if name in _REPEATS:
                _, high, body = value
                unbounded_or_many = high is _re_parser.MAXREPEAT or high > 1
                if inside_repeat and unbounded_or_many:
                    return True
                if walk(body, inside_repeat or unbounded_or_many):
                    return True
            elif name == "BRANCH":
                if inside_repeat:
                    return True
                if any(walk(branch, inside_repeat) for branch in value[1]):
                    return True
            elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
                body = value[-1]
                if walk(body, inside_repeat):
                    return True
            elif name in ("ASSERT", "ASSERT_NOT") and walk(value[1], inside_repeat):
                return True
        return False

    return walk(parsed, False)


def check_pattern(pattern: str, is_regex: bool) -> str:
    """The pattern as stored, or InputRejected saying why it cannot be used."""
    pattern = pattern.strip()
    if not pattern:
        raise InputRejected("pattern", "input.empty")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise InputRejected("pattern", "input.too_long", length=len(pattern), max=MAX_PATTERN_CHARS)
    if is_regex:
        try:
            re.compile(pattern)
        except re.error as error:
            raise InputRejected("pattern", "moderation.bad_regex", detail=str(error)) from None
        if _may_backtrack_badly(pattern):
            raise InputRejected("pattern", "moderation.slow_regex")
    return pattern


@dataclass(frozen=True, slots=True)
class GuildPolicy:
    """A server's settings; the defaults apply where moderators set nothing."""

    guild_id: int
    daily_cap: int | None = None
    moderator_role_id: int | None = None
    mod_log_channel_id: int | None = None
    allowed_channels: frozenset[int] | None = None  # None: every channel
    safety_checker_off_ok: bool = False
    blocklist_mode: BlocklistMode = "refuse"

    def channel_allowed(self, channel_id: int | None) -> bool:
        """Whether /imagine may be used in this channel."""
        return self.allowed_channels is None or channel_id in self.allowed_channels


_POLICY_COLUMNS: Final = (
    "daily_cap",
    "moderator_role_id",
    "mod_log_channel_id",
    "allowed_channels",
    "safety_checker_off_ok",
    "blocklist_mode",
)


class Moderation:
    """Policies and blocklists on the shared store, mirrored in memory.

    This process is the database's only writer, so the mirror stays exact: it is loaded once
    by `load()` and updated on every write. That lets /imagine check channel and blocklist
    before its defer, without I/O.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._policies: dict[int, GuildPolicy] = {}
        self._blocklists: dict[int, list[BlockEntry]] = {}

    async def load(self) -> None:
        """Read every server's policy and blocklist into memory (at start)."""
        rows = await self._store.fetch_all("SELECT guild_id FROM guild_policy")
        for (guild_id,) in rows:
            self._policies[int(guild_id)] = await self._read_policy(int(guild_id))
        entries = await self._store.fetch_all(
            "SELECT guild_id, id, pattern, is_regex FROM blocklist ORDER BY id"
        )
        self._blocklists = {}
        for guild_id, entry_id, pattern, is_regex in entries:
            self._blocklists.setdefault(int(guild_id), []).append(
                BlockEntry(int(entry_id), str(pattern), bool(is_regex))
            )

    def policy_now(self, guild_id: int) -> GuildPolicy:
        """The server's policy from memory (defaults when none was set)."""
        return self._policies.get(guild_id) or GuildPolicy(guild_id)

    def blocked_now(self, guild_id: int, *texts: str) -> BlockEntry | None:
        """The first blocklist entry any of `texts` matches, from memory."""
        return _first_match(self._blocklists.get(guild_id, []), texts)

    async def policy(self, guild_id: int) -> GuildPolicy:
        """The server's policy (defaults when none was set)."""
        return self.policy_now(guild_id)

    async def _read_policy(self, guild_id: int) -> GuildPolicy:
        row = await self._store.fetch_one(
            f"SELECT {', '.join(_POLICY_COLUMNS)} FROM guild_policy WHERE guild_id = ?",  # noqa: S608
            (guild_id,),
        )
        if row is None:
            return GuildPolicy(guild_id)
        cap, role, log_channel, channels, safety_off, mode = row
        return GuildPolicy(
            guild_id,
            daily_cap=cap,
            moderator_role_id=role,
            mod_log_channel_id=log_channel,
            allowed_channels=frozenset(json.loads(channels)) if channels is not None else None,
            safety_checker_off_ok=bool(safety_off),
            blocklist_mode=mode,
        )

    async def update_policy(self, guild_id: int, **changes: object) -> GuildPolicy:
        """Change some settings of a server's policy; returns the new policy."""
        unknown = set(changes) - set(_POLICY_COLUMNS)
        if unknown:
            raise ValueError(f"unknown policy settings: {sorted(unknown)}")
        if "allowed_channels" in changes and changes["allowed_channels"] is not None:
            channels = changes["allowed_channels"]
            assert isinstance(channels, frozenset | set | list | tuple)
            changes["allowed_channels"] = json.dumps(sorted(int(c) for c in channels))
        names = list(changes)
        assignments = ", ".join(f"{name} = excluded.{name}" for name in names)
        query = (
            f"INSERT INTO guild_policy (guild_id, {', '.join(names)})"  # noqa: S608 - checked names
            f" VALUES (?{', ?' * len(names)}) ON CONFLICT (guild_id) DO UPDATE SET {assignments}"
        )
        await self._store.execute(query, (guild_id, *changes.values()))
        self._policies[guild_id] = await self._read_policy(guild_id)
        return self._policies[guild_id]

    async def blocklist(self, guild_id: int) -> list[BlockEntry]:
        """Every entry of the server's blocklist, oldest first."""
        return list(self._blocklists.get(guild_id, []))

    async def _reload_blocklist(self, guild_id: int) -> None:
        rows = await self._store.fetch_all(
            "SELECT id, pattern, is_regex FROM blocklist WHERE guild_id = ? ORDER BY id",
            (guild_id,),
        )
        self._blocklists[guild_id] = [BlockEntry(int(i), str(p), bool(r)) for i, p, r in rows]

    async def add_block(self, guild_id: int, pattern: str, *, is_regex: bool, actor_id: int) -> str:
        """Add an entry (checked); returns it as stored."""
        pattern = check_pattern(pattern, is_regex)
        if len(await self.blocklist(guild_id)) >= MAX_ENTRIES:
            raise InputRejected("pattern", "moderation.blocklist_full", max=MAX_ENTRIES)
        await self._store.execute(
            "INSERT OR IGNORE INTO blocklist (guild_id, pattern, is_regex, added_by, added_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (guild_id, pattern, int(is_regex), actor_id, utc_now()),
        )
        await self._reload_blocklist(guild_id)
        return pattern

    async def remove_block(self, guild_id: int, pattern: str) -> bool:
        """Remove an entry by its text; False if there was none."""
        row = await self._store.fetch_one(
            "SELECT id FROM blocklist WHERE guild_id = ? AND pattern = ?",
            (guild_id, pattern.strip()),
        )
        if row is None:
            return False
        await self._store.execute("DELETE FROM blocklist WHERE id = ?", (row[0],))
        await self._reload_blocklist(guild_id)
        return True


def _first_match(entries: list[BlockEntry], texts: tuple[str, ...]) -> BlockEntry | None:
    """The first entry any of `texts` (prompt, negative prompt) matches, or None."""
    if not entries:
        return None
    for text in texts:
        if not text:
            continue
        forms = prompt_forms(text)
        for entry in entries:
            if entry.matches(forms):
                return entry
    return None
