"""Server policy and the prompt blocklist, as moderators set them.

How prompts are read and entries matched is bot/blocklist.py; this module keeps each
server's policy and blocklist in memory over the store, and runs the matching off the event
loop within a time budget (`Moderation.blocked`).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from bot.blocklist import MAX_PATTERN_CHARS as MAX_PATTERN_CHARS
from bot.blocklist import BlockEntry as BlockEntry
from bot.blocklist import (
    Blocklist,
    CompiledEntry,
    Matcher,
    Rule,
    RuleKey,
    first_match,
    prepare,
)
from bot.blocklist import PromptForms as PromptForms
from bot.blocklist import check_pattern as check_pattern
from bot.blocklist import normalize as normalize
from bot.blocklist import prompt_forms as prompt_forms
from bot.errors import InputRejected
from bot.store import Store, utc_now

log = logging.getLogger(__name__)

BlocklistMode = Literal["refuse", "review"]
MAX_ENTRIES: Final = 500
# Seconds a prompt's blocklist check may take before the prompt counts as matched. RE2 keeps
# one entry's matching linear, so only a long list on a loaded machine comes near it.
BLOCKLIST_BUDGET: Final = 0.5


def unfinished_entry(budget: float) -> BlockEntry:
    """The stand-in for the entry a prompt matched when its check ran out of time.

    Its pattern is an English line for logs and the stored review; the cogs show moderators
    their own text for it (`unfinished` is what they look at)."""
    text = f"(the blocklist check did not finish within {budget:g} s)"
    return BlockEntry(0, text, is_regex=False, unfinished=True)


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
    before its defer, without I/O. Blocklist entries are compiled when loaded or added.

    `matcher` finds the entry a prompt matches and `budget` bounds the seconds `blocked`
    waits for it; the defaults are the real ones (tests pass a deliberately slow matcher).
    """

    def __init__(
        self,
        store: Store,
        *,
        budget: float = BLOCKLIST_BUDGET,
        matcher: Matcher = first_match,
    ) -> None:
        self._store = store
        self._budget = budget
        self._matcher = matcher
        self._policies: dict[int, GuildPolicy] = {}
        self._blocklists: dict[int, Blocklist] = {}
        self._reported: set[int] = set()  # ids of stored entries already logged as unusable

    async def load(self) -> None:
        """Read every server's policy and blocklist into memory (at start)."""
        rows = await self._store.fetch_all("SELECT guild_id FROM guild_policy")
        for (guild_id,) in rows:
            self._policies[int(guild_id)] = await self._read_policy(int(guild_id))
        entries = await self._store.fetch_all(
            "SELECT guild_id, id, pattern, is_regex FROM blocklist ORDER BY id"
        )
        by_guild: dict[int, list[BlockEntry]] = {}
        for guild_id, entry_id, pattern, is_regex in entries:
            by_guild.setdefault(int(guild_id), []).append(
                BlockEntry(int(entry_id), str(pattern), bool(is_regex))
            )
        self._blocklists = {
            guild_id: self._build(guild_id, listed) for guild_id, listed in by_guild.items()
        }

    def _build(
        self,
        guild_id: int,
        entries: list[BlockEntry],
        known: Mapping[RuleKey, Rule] | None = None,
    ) -> Blocklist:
        """Compile a server's entries, logging once each stored one RE2 cannot compile."""

        def unusable(entry: BlockEntry, refused: InputRejected) -> None:
            if entry.id in self._reported:
                return
            self._reported.add(entry.id)
            log.warning(
                "blocklist entry %s of guild %s is skipped: RE2 cannot compile %r (%s)",
                entry.id,
                guild_id,
                entry.pattern,
                refused.params.get("detail", refused.key),
            )

        return Blocklist.build(entries, known=known, unusable=unusable)

    def policy_now(self, guild_id: int) -> GuildPolicy:
        """The server's policy from memory (defaults when none was set)."""
        return self._policies.get(guild_id) or GuildPolicy(guild_id)

    def blocked_now(self, guild_id: int, *texts: str) -> BlockEntry | None:
        """The first blocklist entry any of `texts` matches, on the calling thread."""
        return self._matcher(self._compiled(guild_id), texts)

    async def blocked(self, guild_id: int, *texts: str) -> BlockEntry | None:
        """The first blocklist entry any of `texts` matches, found off the event loop.

        Fails closed: when the check takes longer than the budget, a warning names the
        server and a stand-in entry (`unfinished=True`) is returned, so the caller refuses
        the prompt or holds it for review. The abandoned check ends on its own thread.
        """
        compiled = self._compiled(guild_id)
        if not compiled:
            return None
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(self._matcher, compiled, texts), self._budget
            )
        except TimeoutError:
            log.warning(
                "blocklist check for guild %s did not finish within %s s;"
                " treating the prompt as matched",
                guild_id,
                self._budget,
            )
            return unfinished_entry(self._budget)

    def _compiled(self, guild_id: int) -> tuple[CompiledEntry, ...]:
        blocklist = self._blocklists.get(guild_id)
        return blocklist.compiled if blocklist is not None else ()

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
        blocklist = self._blocklists.get(guild_id)
        return list(blocklist.entries) if blocklist is not None else []

    async def _reload_blocklist(
        self, guild_id: int, added: Mapping[RuleKey, Rule] | None = None
    ) -> None:
        """Read the server's entries again, compiling only those not compiled yet."""
        rows = await self._store.fetch_all(
            "SELECT id, pattern, is_regex FROM blocklist WHERE guild_id = ? ORDER BY id",
            (guild_id,),
        )
        entries = [BlockEntry(int(i), str(p), bool(r)) for i, p, r in rows]
        current = self._blocklists.get(guild_id)
        known = {**(current.rules() if current is not None else {}), **(added or {})}
        self._blocklists[guild_id] = self._build(guild_id, entries, known)

    async def add_block(self, guild_id: int, pattern: str, *, is_regex: bool, actor_id: int) -> str:
        """Add an entry (checked and compiled); returns it as stored."""
        pattern, rule = prepare(pattern, is_regex)
        if len(await self.blocklist(guild_id)) >= MAX_ENTRIES:
            raise InputRejected("pattern", "moderation.blocklist_full", max=MAX_ENTRIES)
        await self._store.execute(
            "INSERT INTO blocklist (guild_id, pattern, is_regex, added_by, added_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (guild_id, pattern, int(is_regex), actor_id, utc_now()),
        )
        await self._reload_blocklist(guild_id, {(pattern, is_regex): rule})
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
