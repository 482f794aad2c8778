"""bot/moderation.py: prompt normalization, blocklist matching, pattern checks and policies.

RE2 refusals, look-alikes, inflections and the time budget in depth: tests/bot/test_blocklist.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.blocklist import CompiledEntry, compile_rule
from bot.errors import InputRejected
from bot.moderation import (
    MAX_ENTRIES,
    MAX_PATTERN_CHARS,
    BlockEntry,
    GuildPolicy,
    Moderation,
    check_pattern,
    normalize,
    prompt_forms,
)
from bot.store import Store, utc_now
from cogs.catalogue import render

GUILD, OTHER_GUILD, MOD = 10, 11, 30


@pytest.fixture
async def store(database: str) -> AsyncIterator[Store]:
    """A real SQLite store."""
    opened = await Store.open(database)
    yield opened
    await opened.close()


@pytest.fixture
async def moderation(store: Store) -> Moderation:
    """A Moderation loaded from the (empty) store."""
    loaded = Moderation(store)
    await loaded.load()
    return loaded


def word(pattern: str) -> CompiledEntry:
    """A plain blocklist entry, compiled."""
    return CompiledEntry(BlockEntry(1, pattern, is_regex=False), compile_rule(pattern, False))


def regex(pattern: str) -> CompiledEntry:
    """A regular-expression blocklist entry, compiled by RE2."""
    return CompiledEntry(BlockEntry(1, pattern, is_regex=True), compile_rule(pattern, True))


# -- normalization -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BAD Dog", "bad dog"),
        ("Bäd dóg", "bad dog"),
        ("b\u200bad\u200d \ufeffdog\u2060", "bad dog"),
        ("bаd", "bad"),  # Cyrillic а
        ("\u0412\u0410D", "bad"),  # Cyrillic capitals В and А
        ("bαd", "bad"),  # Greek alpha
        ("ｂａｄ", "bad"),  # full-width
        ("𝐛𝐚𝐝", "bad"),  # mathematical bold
        ("  bad,,, --dog!! ", "bad dog"),
        ("b.a.d", "b a d"),
        ("Straße", "strasse"),
    ],
    ids=[
        "case",
        "accents",
        "zero-width",
        "cyrillic",
        "cyrillic-capitals",
        "greek",
        "full-width",
        "math-bold",
        "punctuation",
        "dots",
        "casefold",
    ],
)
def test_normalize_undoes_what_evaders_change(text: str, expected: str) -> None:
    """Case, accents, invisible characters, look-alikes and separators are normalized away."""
    assert normalize(text) == expected


@given(st.text())
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    """Any text normalizes, and normalizing again changes nothing."""
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once


# -- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prompt", "blocked"),
    [
        ("a BAD dog", True),
        ("a bäd dog", True),
        ("a b\u200bad dog", True),
        ("a bаd dog", True),
        ("a bαd dog", True),
        ("a b4d dog", True),
        ("a b a d dog", True),
        ("a b.a.d dog", True),
        ("a b. a. d. dog", True),
        ("bad-tempered", True),
        ("abadger", False),
        ("badly drawn", True),  # -ly is one of the inflections a word entry catches
        ("not bad", True),
        ("notbad", False),
        ("a good dog", False),
    ],
)
def test_a_word_entry_matches_disguised_uses_but_respects_word_boundaries(
    prompt: str, blocked: bool
) -> None:
    """'bad' is found through case, accents, look-alikes, leetspeak, spelling-out, endings."""
    assert word("bad").matches(prompt_forms(prompt)) is blocked


@pytest.mark.parametrize(
    ("prompt", "blocked"),
    [
        ("a bad word here", True),
        ("a BAD, word", True),
        ("b a d w o r d", True),
        ("badword", False),
        ("bad words", True),
        ("bad wordsmith", False),
        ("word bad", False),
    ],
)
def test_a_phrase_entry_matches_its_words_in_order(prompt: str, blocked: bool) -> None:
    """A phrase matches with any separators between its words and its last word inflected."""
    assert word("Bad Word").matches(prompt_forms(prompt)) is blocked


@pytest.mark.parametrize(
    ("prompt", "blocked"),
    [("three CATS", True), ("a cät", True), ("a scat", False), ("cat!", True)],
)
def test_a_regex_entry_matches_the_normalized_prompt_ignoring_case(
    prompt: str, blocked: bool
) -> None:
    """Regular expressions run on the normalized text, case-insensitively."""
    assert regex(r"\bcats?\b").matches(prompt_forms(prompt)) is blocked


def test_an_entry_that_normalizes_to_nothing_matches_nothing() -> None:
    """A word of punctuation only cannot block every prompt."""
    assert not word("!!!").matches(prompt_forms("anything at all!!!"))


async def test_blocked_now_checks_the_negative_prompt_and_only_this_server(
    moderation: Moderation,
) -> None:
    """Either text can match; another server's blocklist does not apply."""
    await moderation.add_block(GUILD, "corgi", is_regex=False, actor_id=MOD)
    entry = moderation.blocked_now(GUILD, "a dog", "no CORGIS, no corgi")
    assert entry is not None and entry.pattern == "corgi"
    assert moderation.blocked_now(GUILD, "a dog", "") is None
    assert moderation.blocked_now(OTHER_GUILD, "a corgi", "") is None


# -- pattern checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "is_regex", "key"),
    [
        ("", False, "input.empty"),
        ("   ", True, "input.empty"),
        ("x" * (MAX_PATTERN_CHARS + 1), False, "input.too_long"),
        ("(unclosed", True, "moderation.bad_regex"),
        ("[z-a]", True, "moderation.bad_regex"),
        (r"(a)\1", True, "moderation.regex_backreference"),
        ("a(?=b)", True, "moderation.regex_lookaround"),
        ("a*+", True, "moderation.regex_possessive"),
    ],
)
def test_check_pattern_refuses_unusable_patterns(pattern: str, is_regex: bool, key: str) -> None:
    """Empty, too long, not compiling, or beyond RE2: refused with the reason."""
    with pytest.raises(InputRejected) as refused:
        check_pattern(pattern, is_regex)
    assert refused.value.key == key
    assert refused.value.field == "pattern"


def test_a_regex_refusal_says_what_does_not_compile() -> None:
    """The compiler's own message is passed on to the moderator."""
    with pytest.raises(InputRejected) as refused:
        check_pattern("(unclosed", True)
    assert "missing )" in render(refused.value, "en-US")


@pytest.mark.parametrize(
    ("pattern", "is_regex", "stored"),
    [
        ("  corgi  ", False, "corgi"),
        ("(a+)+", False, "(a+)+"),
        ("(ab)+", True, "(ab)+"),
        ("a+b+", True, "a+b+"),
        ("(a+)+", True, "(a+)+"),  # nested repetition is linear on RE2
        ("(a{1,5})+", True, "(a{1,5})+"),
        ("x" * MAX_PATTERN_CHARS, False, "x" * MAX_PATTERN_CHARS),
    ],
)
def test_check_pattern_accepts_and_trims(pattern: str, is_regex: bool, stored: str) -> None:
    """Usable patterns come back trimmed; a word is never read as a regular expression."""
    assert check_pattern(pattern, is_regex) == stored


# -- policy --------------------------------------------------------------------------------------


async def test_a_server_without_a_policy_gets_the_defaults(moderation: Moderation) -> None:
    """No row: no cap, no moderator role, no mod-log, every channel, checker on, refuse."""
    policy = moderation.policy_now(GUILD)
    assert policy == GuildPolicy(GUILD)
    assert policy.channel_allowed(12345)
    assert await moderation.policy(GUILD) == policy


async def test_policy_updates_round_trip_through_the_store(
    store: Store, moderation: Moderation
) -> None:
    """Every setting written is read back, in memory and by a fresh Moderation."""
    updated = await moderation.update_policy(
        GUILD,
        daily_cap=100,
        moderator_role_id=7,
        mod_log_channel_id=8,
        allowed_channels={3, 1, 2},
        safety_checker_off_ok=1,
        blocklist_mode="review",
    )
    expected = GuildPolicy(
        GUILD,
        daily_cap=100,
        moderator_role_id=7,
        mod_log_channel_id=8,
        allowed_channels=frozenset({1, 2, 3}),
        safety_checker_off_ok=True,
        blocklist_mode="review",
    )
    assert updated == expected == moderation.policy_now(GUILD)
    assert updated.channel_allowed(2) and not updated.channel_allowed(4)
    fresh = Moderation(store)
    await fresh.load()
    assert fresh.policy_now(GUILD) == expected
    assert fresh.policy_now(OTHER_GUILD) == GuildPolicy(OTHER_GUILD)


async def test_a_partial_update_keeps_the_other_settings(moderation: Moderation) -> None:
    """Changing one setting leaves the others; None clears a setting."""
    await moderation.update_policy(GUILD, daily_cap=5, allowed_channels={1})
    await moderation.update_policy(GUILD, mod_log_channel_id=9)
    await moderation.update_policy(GUILD, allowed_channels=None)
    policy = moderation.policy_now(GUILD)
    assert (policy.daily_cap, policy.mod_log_channel_id, policy.allowed_channels) == (5, 9, None)


async def test_unknown_policy_settings_are_refused(moderation: Moderation) -> None:
    """Only known columns can be written (their names end up in SQL)."""
    with pytest.raises(ValueError, match="unknown policy settings"):
        await moderation.update_policy(GUILD, **{"daily_cap = 0; --": 1})
    assert moderation.policy_now(GUILD) == GuildPolicy(GUILD)


# -- the blocklist mirror --------------------------------------------------------------------------


async def test_the_mirror_follows_adds_and_removes_and_survives_a_reload(
    store: Store, moderation: Moderation
) -> None:
    """Writes show at once in memory, and a fresh Moderation over the store loads the same."""
    assert await moderation.add_block(GUILD, "  corgi ", is_regex=False, actor_id=MOD) == "corgi"
    await moderation.add_block(GUILD, r"\bcats?\b", is_regex=True, actor_id=MOD)
    await moderation.add_block(OTHER_GUILD, "fox", is_regex=False, actor_id=MOD)
    assert moderation.blocked_now(GUILD, "a corgi") is not None
    assert [(e.pattern, e.is_regex) for e in await moderation.blocklist(GUILD)] == [
        ("corgi", False),
        (r"\bcats?\b", True),
    ]
    assert await moderation.remove_block(GUILD, " corgi ")
    assert not await moderation.remove_block(GUILD, "corgi")
    assert moderation.blocked_now(GUILD, "a corgi") is None
    fresh = Moderation(store)
    await fresh.load()
    assert await fresh.blocklist(GUILD) == await moderation.blocklist(GUILD)
    assert [e.pattern for e in await fresh.blocklist(OTHER_GUILD)] == ["fox"]
    assert fresh.blocked_now(GUILD, "two CATS") is not None


async def test_adding_the_same_entry_twice_keeps_one(moderation: Moderation) -> None:
    """The store ignores a duplicate; the mirror still holds one entry."""
    await moderation.add_block(GUILD, "corgi", is_regex=False, actor_id=MOD)
    await moderation.add_block(GUILD, "corgi", is_regex=False, actor_id=MOD)
    assert len(await moderation.blocklist(GUILD)) == 1


async def test_a_bad_pattern_is_not_stored(store: Store, moderation: Moderation) -> None:
    """add_block checks the pattern first; nothing reaches the store or the mirror."""
    with pytest.raises(InputRejected):
        await moderation.add_block(GUILD, r"(a)\1", is_regex=True, actor_id=MOD)
    assert await moderation.blocklist(GUILD) == []
    assert await store.fetch_all("SELECT * FROM blocklist") == []


async def test_a_full_blocklist_refuses_more(store: Store) -> None:
    """At MAX_ENTRIES entries, another add is refused."""
    for number in range(MAX_ENTRIES):
        await store.execute(
            "INSERT INTO blocklist (guild_id, pattern, is_regex, added_by, added_at)"
            " VALUES (?, ?, 0, ?, ?)",
            (GUILD, f"word{number}", MOD, utc_now()),
        )
    moderation = Moderation(store)
    await moderation.load()
    with pytest.raises(InputRejected) as refused:
        await moderation.add_block(GUILD, "one more", is_regex=False, actor_id=MOD)
    assert refused.value.key == "moderation.blocklist_full"
    assert len(await moderation.blocklist(GUILD)) == MAX_ENTRIES
