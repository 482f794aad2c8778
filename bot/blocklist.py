"""The prompt blocklist's matcher: how prompts are read, and how entries are compiled and matched.

A prompt is read after undoing what evaders change (`prompt_forms`): width and compatibility
forms (NFKC), invisible characters, accents, letters of other scripts that look like Latin
ones (Unicode TR39 confusables), case, leetspeak digits, and spacing or punctuation between
letters ("b.a-d" and "b a d" read as "bad").

Entries are compiled once, when added or loaded (`compile_rule`), never per prompt:

- A regular expression runs on Google's RE2, whose matching time is linear in the prompt's
  length whatever the pattern, case-insensitively. A pattern RE2 cannot compile
  (backreferences, look-around, possessive or atomic groups, conditionals, repetition counts
  over 1000) is refused with InputRejected naming the construct and a simpler form.
- A word (or phrase) matches whole words only, starting at a word's start, and also catches
  the English inflections of its last word (`word_forms`).

Look-alike folding uses the TR39 confusables data shipped by the `disarm` package (Unicode
17.0 tables): `normalize_confusables` gives a character's TR39 prototype toward Latin with
its case kept, and `skeleton_key` the full TR39 skeleton. Only non-ASCII characters are
folded, and only into Latin: the skeleton also maps ASCII letters onto each other (`m` to
`rn`, `I` and `1` to `l`, `0` to `O`), which would make an entry `corn` refuse "com", so
ordinary Latin text is left exactly as typed while Cyrillic `соrn` or Greek `κill` read as
`corn` and `kill`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Protocol

import re2
from disarm import normalize_confusables, skeleton_key

from bot.errors import InputRejected

MAX_PATTERN_CHARS: Final = 200

_ZERO_WIDTH: Final = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_LEET: Final = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
# Runs of non-word characters become one space (a fixed pattern, linear on Python's re).
_SEPARATORS: Final = re.compile(r"[\W_]+", re.UNICODE)


# -- reading a prompt ------------------------------------------------------------------------------


def _strip_marks(text: str) -> str:
    """Decomposed (NFKD), combining marks dropped; case kept."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=8192)
def _latin_lookalike(char: str) -> str:
    """The Latin letters a non-ASCII `char` imitates under TR39, or `char` when none.

    The prototype with its case comes first, so a look-alike of capital I reads `I` (then
    `i`, as ASCII `I` does) rather than the skeleton's `l`; the full skeleton, which folds
    case itself, covers the rest (Greek `Ω` reads `w`).
    """
    if char.isspace():
        return char
    for folded in (normalize_confusables(char), skeleton_key(char)):
        # Invisible characters fold to nothing; a letter or digit never vanishes.
        if folded.isascii() and (folded or not char.isalnum()):
            return folded.lower()
    return char


def _lookalikes(text: str) -> str:
    """Every non-ASCII character of `text` replaced by the Latin letters it imitates."""
    if text.isascii():
        return text
    return "".join(ch if ch.isascii() else _latin_lookalike(ch) for ch in text)


def _fold(text: str, *, as_shown: bool = False) -> str:
    """Width, invisibles, accents, look-alikes and case folded; punctuation still in place.

    Case is folded first, so a word reads the same in capitals and in small letters (an
    entry in Cyrillic matches whatever case the prompt uses). `as_shown` also folds each
    character as the capital it is before that: Greek `Μ` is Latin `M` while its small
    `μ` is `u`, so "ΜILK" reads "milk" only this way.
    """
    folded = _strip_marks(unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH))
    if as_shown:
        folded = _lookalikes(folded)
    return _lookalikes(_strip_marks(folded.casefold()))


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

    texts: tuple[str, ...]  # normalized (also as shown, see _fold), and read as leetspeak
    spelled: tuple[str, ...]  # letter-by-letter runs, joined
    words: frozenset[str] = field(default=frozenset())  # every word of every text


def prompt_forms(text: str) -> PromptForms:
    """Every reading of `text` an entry is matched against."""
    readings: list[str] = []
    for folded in {_fold(text): None, _fold(text, as_shown=True): None}:
        readings.append(_SEPARATORS.sub(" ", folded).strip())
        # Leetspeak before punctuation goes: "@" and "$" stand for letters.
        readings.append(_SEPARATORS.sub(" ", folded.translate(_LEET)).strip())
    texts = tuple(dict.fromkeys(readings))
    spelled = tuple(dict.fromkeys(run for reading in texts for run in _spelled_out(reading)))
    return PromptForms(texts, spelled, frozenset(word for t in texts for word in t.split()))


# -- words and their inflections -------------------------------------------------------------------

# A word entry catches the word followed by one of these English endings.
INFLECTIONS: Final = ("s", "es", "ed", "ing", "er", "ers", "ly", "ish", "y")
# The endings that start with a vowel: before them a final `e` drops (rape -> raping) and a
# final consonant after a single vowel may double (cut -> cutting).
_VOWEL_INFLECTIONS: Final = ("ed", "ing", "er", "ers", "ish", "y")
# After a consonant, a final `y` turns into `i` (puppy -> puppies, bully -> bullied).
_Y_INFLECTIONS: Final = ("ies", "ied", "ier", "iers", "ily")
# Shorter words match exactly: `on` must not catch "only", nor `as` "ashy".
MIN_INFLECTED_CHARS: Final = 3
_VOWELS: Final = frozenset("aeiou")


def word_forms(word: str) -> frozenset[str]:
    """`word` (normalized, one word) and every inflection of it the blocklist also catches.

    The rule: an ASCII word of three letters or more, followed by s, es, ed, ing, er, ers,
    ly, ish or y, with the English spelling changes: a final consonant + `y` becomes `i`
    before es/ed/er/ers/ly (puppies, bullied), a final `e` drops before a vowel ending
    (raping), a final consonant after a single vowel may double (cutting, hotter), and a
    final `f`/`fe` takes `ves` (wolves, knives). The word must stand at a word's start:
    `ass` never matches inside "class", nor "assassin" (not an inflection). Other words
    (shorter, with digits, or in another script) match as they are.
    """
    if len(word) < MIN_INFLECTED_CHARS or not (word.isascii() and word.isalpha()):
        return frozenset({word})
    forms = {word, *(word + ending for ending in INFLECTIONS)}
    last, before = word[-1], word[-2]
    if last == "y" and before not in _VOWELS:
        forms.update(word[:-1] + ending for ending in _Y_INFLECTIONS)
    if last == "e":
        forms.update(word[:-1] + ending for ending in _VOWEL_INFLECTIONS)
    if last == "f":
        forms.add(word[:-1] + "ves")
    if word.endswith("fe"):
        forms.add(word[:-2] + "ves")
    if last not in _VOWELS and last not in "wxy" and before in _VOWELS and word[-3] not in _VOWELS:
        forms.update(word + last + ending for ending in _VOWEL_INFLECTIONS)
    return frozenset(forms)


# -- RE2 -------------------------------------------------------------------------------------------


class _Regex(Protocol):
    """The part of a compiled RE2 pattern the blocklist uses."""

    def search(self, text: str) -> object | None:
        """A match object, or None."""


def _re2_options() -> object:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # a refused pattern is reported to the moderator, not stderr
    options_typed: object = options
    return options_typed


_RE2_OPTIONS: Final = _re2_options()


def _re2_compile(pattern: str) -> _Regex:
    """`pattern` compiled by RE2 (case-insensitive); raises re2.error when RE2 refuses it."""
    compiled: _Regex = re2.compile(pattern, _RE2_OPTIONS)
    return compiled


# RE2's error text -> the reason shown to the moderator, each with a simpler form to use.
_RE2_REFUSALS: Final = (
    (re.compile(r"invalid escape sequence: \\[1-9]|\(\?P[=>]?$"), "moderation.regex_backreference"),
    (re.compile(r"\(\?<?[=!]$"), "moderation.regex_lookaround"),
    (re.compile(r"\(\?>$|bad repetition operator: [*+?}]\+$"), "moderation.regex_possessive"),
    (re.compile(r"\(\?\($"), "moderation.regex_conditional"),
    (re.compile(r"invalid repetition size|pattern too large"), "moderation.regex_too_big"),
)


def _refusal(error: Exception) -> InputRejected:
    """InputRejected naming what RE2 could not compile, and why."""
    raw = error.args[0] if error.args else str(error)
    detail = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    key = next((key for found, key in _RE2_REFUSALS if found.search(detail)), None)
    return InputRejected("pattern", key or "moderation.bad_regex", detail=detail)


def _fold_literals(pattern: str) -> str:
    """The regex with each non-ASCII letter folded the way prompts are.

    A letter that folds to one letter or digit is replaced (Cyrillic `х` by `x`, `é` by
    `e`), so an entry written with accents or look-alikes still finds them; anything else
    is left as written, which keeps the pattern's syntax unchanged.
    """
    if pattern.isascii():
        return pattern
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", pattern):
        folded = ch if ch.isascii() else _fold(ch)
        out.append(folded if len(folded) == 1 and folded.isalnum() else ch)
    return "".join(out)


# -- compiled entries ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BlockEntry:
    """One blocklist entry, as stored.

    `unfinished` marks the stand-in `Moderation.blocked` returns when matching did not end
    within its time budget: the prompt is treated as matched (refused or held).
    """

    id: int
    pattern: str
    is_regex: bool
    unfinished: bool = False


class Rule(Protocol):
    """A compiled entry: whether a prompt, as read, contains it."""

    def matches(self, forms: PromptForms) -> bool:
        """True when any reading of the prompt contains the entry."""


@dataclass(frozen=True, slots=True)
class RegexRule:
    """A regular expression, compiled by RE2."""

    regex: _Regex

    def matches(self, forms: PromptForms) -> bool:
        """The pattern is found in the normalized or the leetspeak reading."""
        return any(self.regex.search(text) is not None for text in forms.texts)


@dataclass(frozen=True, slots=True)
class WordRule:
    """A word or phrase, with the inflections of its last word.

    A single word is looked up in the prompt's set of words; a phrase is an RE2 pattern of
    its words between word edges (readings are words joined by single spaces).
    """

    words: frozenset[str]  # a single word: it and its inflections
    phrase: _Regex | None  # several words
    squeezed: frozenset[str]  # every accepted form with its spaces removed

    def matches(self, forms: PromptForms) -> bool:
        """The word (or phrase) stands in a reading, or a spelled-out run spells it."""
        if self.phrase is None:
            found = not self.words.isdisjoint(forms.words)
        else:
            found = any(self.phrase.search(text) is not None for text in forms.texts)
        return found or any(
            run in self.squeezed or (run[0] in "ai" and run[1:] in self.squeezed)
            for run in forms.spelled
        )


def _word_rule(pattern: str) -> WordRule:
    words = normalize(pattern).split()
    if not words:
        return WordRule(frozenset(), None, frozenset())
    *head, last = words
    lasts = word_forms(last)
    squeezed = frozenset("".join(head) + form for form in lasts)
    if not head:
        return WordRule(lasts, None, squeezed)
    alternatives = "|".join(re2.escape(form) for form in sorted(lasts))
    phrase = f"(?:^| ){re2.escape(' '.join(head))} (?:{alternatives})(?: |$)"
    return WordRule(frozenset(), _re2_compile(phrase), squeezed)


def compile_rule(pattern: str, is_regex: bool) -> Rule:
    """The entry compiled for matching; InputRejected when RE2 cannot compile a regex."""
    if not is_regex:
        return _word_rule(pattern)
    try:
        written = _re2_compile(pattern)
        folded = _fold_literals(pattern)
        return RegexRule(written if folded == pattern else _re2_compile(folded))
    except re2.error as error:
        raise _refusal(error) from None


def check_pattern(pattern: str, is_regex: bool) -> str:
    """The pattern as stored, or InputRejected saying why it cannot be used."""
    return prepare(pattern, is_regex)[0]


def prepare(pattern: str, is_regex: bool) -> tuple[str, Rule]:
    """The pattern as stored and compiled, or InputRejected saying why it cannot be used."""
    pattern = pattern.strip()
    if not pattern:
        raise InputRejected("pattern", "input.empty")
    if len(pattern) > MAX_PATTERN_CHARS:
        raise InputRejected("pattern", "input.too_long", length=len(pattern), max=MAX_PATTERN_CHARS)
    return pattern, compile_rule(pattern, is_regex)


@dataclass(frozen=True, slots=True)
class CompiledEntry:
    """A stored entry beside its compiled rule."""

    entry: BlockEntry
    rule: Rule

    def matches(self, forms: PromptForms) -> bool:
        """Whether any reading of a prompt contains this entry."""
        return self.rule.matches(forms)


# Finds the first entry any of the texts matches; `Moderation` takes another for its tests.
Matcher = Callable[[Sequence[CompiledEntry], Sequence[str]], BlockEntry | None]


def first_match(entries: Sequence[CompiledEntry], texts: Sequence[str]) -> BlockEntry | None:
    """The first entry any of `texts` (prompt, negative prompt) matches, or None."""
    if not entries:
        return None
    for text in texts:
        if not text:
            continue
        forms = prompt_forms(text)
        for compiled in entries:
            if compiled.matches(forms):
                return compiled.entry
    return None


RuleKey = tuple[str, bool]


@dataclass(frozen=True, slots=True)
class Blocklist:
    """A server's entries as stored (oldest first) and the usable ones compiled.

    An entry RE2 cannot compile (stored before RE2 was the engine) stays listed, so
    moderators can see and remove it, but matches nothing.
    """

    entries: tuple[BlockEntry, ...] = ()
    compiled: tuple[CompiledEntry, ...] = ()

    def rules(self) -> dict[RuleKey, Rule]:
        """Compiled rules by (pattern, is_regex), to reuse when the list is read again."""
        return {(c.entry.pattern, c.entry.is_regex): c.rule for c in self.compiled}

    @classmethod
    def build(
        cls,
        entries: Iterable[BlockEntry],
        *,
        known: Mapping[RuleKey, Rule] | None = None,
        unusable: Callable[[BlockEntry, InputRejected], None] | None = None,
    ) -> Blocklist:
        """Compile every entry not in `known`; `unusable` hears of each that cannot be."""
        stored = tuple(entries)
        compiled: list[CompiledEntry] = []
        for entry in stored:
            rule = (known or {}).get((entry.pattern, entry.is_regex))
            if rule is None:
                try:
                    rule = compile_rule(entry.pattern, entry.is_regex)
                except InputRejected as refused:
                    if unusable is not None:
                        unusable(entry, refused)
                    continue
            compiled.append(CompiledEntry(entry, rule))
        return cls(stored, tuple(compiled))
