"""The catalogue lint: cogs/locales/*/sdxl.ftl against each other, the code and Discord's rules.

Every locale holds every message with the same variables; every message renders in every locale
with sample fields; every key the code names exists and every message is used; and the commands
as synced to Discord carry names, descriptions and choices Discord accepts in every locale.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from discord.app_commands.commands import VALID_SLASH_COMMAND_NAME
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl

from bot.errors import (
    ConfigError,
    InputRejected,
    JobCrashed,
    OperatorError,
    PromptBlocked,
    QuotaExceeded,
    ReplicateRateLimited,
    SdxlBotError,
)
from bot.sdxl import ImagineRequest
from cogs.catalogue import (
    DEFAULT_LOCALE,
    LOCALES,
    Catalogue,
    catalogue,
    message_id,
    render,
    resolve_locale,
    source,
    t,
)
from tests.cogs.conftest import Stack

ROOT = Path(__file__).resolve().parents[2]
# Where the code names catalogue keys: the core's errors carry them as data, the cogs render.
CODE = [ROOT / "bot", ROOT / "cogs", ROOT / "sdxl_bot"]
# Dotted string constants in the code that look like keys but are not.
NOT_KEYS = frozenset({"usage.png", "replicate.delivery"})
TRANSLATED = [locale for locale in LOCALES if locale != DEFAULT_LOCALE]
DESCRIPTION_LIMIT = CHOICE_LIMIT = 100


def english_ids() -> list[str]:
    return sorted(catalogue().messages(DEFAULT_LOCALE))


def key_of(ident: str) -> str:
    """The code's key of a message id (ids never hold a dash of their own)."""
    return ident.replace("-", ".")


# --- the files --------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_each_file_parses_cleanly_with_unique_ids(locale: str) -> None:
    """No junk (a syntax error would silently drop a message), no id given twice."""
    resource = FluentParser().parse(source(locale))
    junk = [entry.content for entry in resource.body if isinstance(entry, ftl.Junk)]
    assert junk == []
    ids = [entry.id.name for entry in resource.body if isinstance(entry, ftl.Message)]
    assert len(ids) == len(set(ids))
    assert not [entry for entry in resource.body if isinstance(entry, ftl.Term)]


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_locale_has_every_message_and_no_other(locale: str) -> None:
    """The same message ids in every locale as in en-US."""
    books = catalogue()
    assert set(books.messages(locale)) == set(books.messages(DEFAULT_LOCALE))


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_message_uses_the_same_variables_in_every_locale(locale: str) -> None:
    """A translation may select on a variable differently, but uses exactly the same ones."""
    books = catalogue()
    shared = sorted(set(english_ids()) & set(books.messages(locale)))
    different = {
        ident: (books.variables(key_of(ident)), books.variables(key_of(ident), locale))
        for ident in shared
        if books.variables(key_of(ident)) != books.variables(key_of(ident), locale)
    }
    assert different == {}


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_are_translated(locale: str) -> None:
    """Most messages differ from the English (names may stay, e.g. `seed` or `prompt`)."""
    books = catalogue()
    same = [
        ident
        for ident in english_ids()
        if t(key_of(ident), locale, **sample_fields(ident, 3))
        == t(key_of(ident), DEFAULT_LOCALE, **sample_fields(ident, 3))
    ]
    assert len(same) < len(books.messages(DEFAULT_LOCALE)) // 10, same


def sample_fields(ident: str, value: Any) -> dict[str, Any]:
    return {name: value for name in catalogue().variables(key_of(ident))}


SAMPLES = [0, 1, 2, 3, 5, 11, 21, 22, 25, 101, 1_000_000, 1.5, "text", "`x` <@1>"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_message_renders_in_every_locale_with_sample_fields(locale: str) -> None:
    """Numbers of every plural category, floats and text: no Fluent error, no field left
    unfilled, no isolation marks, no escape braces shown."""
    books = Catalogue()
    for ident in english_ids():
        for sample in SAMPLES:
            text, errors = books.format(key_of(ident), locale, sample_fields(ident, sample))
            assert errors == [], (ident, sample)
            assert text.strip(), (ident, sample)
            assert "{$" not in text and "{ $" not in text and '{"' not in text, (ident, text)
            assert "\u2068" not in text and "\u2069" not in text


def test_integers_keep_discord_syntax_intact() -> None:
    """Large numbers print without grouping: timestamps, ids and counts stay machine-readable."""
    for locale in LOCALES:
        text = t("quota.view.resets", locale, resets=1_700_000_000)
        assert "<t:1700000000:R>" in text
        assert "4096" in t("errors.unexpected", locale, reference=4096)


# --- plurals ----------------------------------------------------------------------------------


def test_english_plurals() -> None:
    """A number that drives the wording picks its form."""
    assert t("history.images", "en-US", count=1) == "1 image"
    assert t("history.images", "en-US", count=3) == "3 images"
    assert t("history.images", "en-US", count=0) == "0 images"
    assert "1 entry;" in t("mod.blocklist.title", "en-US", count=1, mode="refuse")
    assert "2 entries;" in t("mod.blocklist.title", "en-US", count=2, mode="refuse")


def test_russian_has_one_few_and_many() -> None:
    """Russian: 1 and 21 take `one`, 2-4 and 22 `few`, 0, 5-20 and 25 `many`."""
    forms = {n: t("history.images", "ru", count=n) for n in (1, 21, 2, 22, 5, 11, 25, 0)}
    assert forms[1] == "1 изображение" and forms[21] == "21 изображение"
    assert forms[2] == "2 изображения" and forms[22] == "22 изображения"
    assert forms[5] == "5 изображений" and forms[11] == "11 изображений"
    assert forms[25] == "25 изображений" and forms[0] == "0 изображений"
    assert "2 минуты" in t("status.queued_long", "ru", position=3, minutes=2)
    assert "5 минут" in t("status.queued_long", "ru", position=3, minutes=5)


def test_languages_without_plurals_keep_one_form() -> None:
    """Chinese, Japanese and Korean count without changing the noun."""
    for locale in ("zh-CN", "zh-TW", "ja", "ko"):
        one = t("history.images", locale, count=1)
        assert one.replace("1", "7") == t("history.images", locale, count=7)


# --- the code ---------------------------------------------------------------------------------


def code_strings() -> Iterator[ast.Constant | ast.JoinedStr]:
    """String constants and f-strings of the code (an f-string's own parts only within it)."""
    for folder in CODE:
        for path in sorted(folder.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            inner = {
                id(part)
                for node in ast.walk(tree)
                if isinstance(node, ast.JoinedStr)
                for part in node.values
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant | ast.JoinedStr) and id(node) not in inner:
                    yield node


def keys_named_by_the_code() -> tuple[set[str], list[re.Pattern[str]]]:
    """Literal keys, and the patterns of keys built in f-strings (`f"status.phase.{phase}"`)."""
    namespaces = {key_of(ident).split(".")[0] for ident in english_ids()}
    shaped = re.compile(r"[a-z_]+(\.[a-z0-9_]+)+")
    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for node in code_strings():
        if isinstance(node, ast.Constant):
            value = node.value
            if (
                isinstance(value, str)
                and shaped.fullmatch(value)
                and value not in NOT_KEYS
                and value.split(".")[0] in namespaces
            ):
                literals.add(value)
            continue
        parts = [
            re.escape(str(part.value)) if isinstance(part, ast.Constant) else "[a-z0-9_.]+"
            for part in node.values
        ]
        head = node.values[0]
        lead = str(head.value) if isinstance(head, ast.Constant) else ""
        if "." in lead and lead.split(".")[0] in namespaces:
            patterns.append(re.compile("".join(parts)))
    return literals, patterns


def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    """A key in the code (an error's, or one a cog renders) that no message has is a bug."""
    literals, _ = keys_named_by_the_code()
    missing = sorted(key for key in literals if not catalogue().has(key))
    assert missing == []


def test_every_message_is_used_by_the_code() -> None:
    """No message is dead: each key appears in the code, literally or as an f-string's shape."""
    literals, patterns = keys_named_by_the_code()
    unused = [
        key_of(ident)
        for ident in english_ids()
        if key_of(ident) not in literals
        and not any(pattern.fullmatch(key_of(ident)) for pattern in patterns)
    ]
    assert unused == []


def test_every_error_class_has_a_message() -> None:
    """Each member-facing error's own key renders; operator errors keep their English."""
    seen: set[type[SdxlBotError]] = set()
    todo: list[type[SdxlBotError]] = [SdxlBotError]
    while todo:
        kind = todo.pop()
        seen.add(kind)
        todo.extend(sub for sub in kind.__subclasses__() if sub not in seen)
    for kind in seen - {OperatorError}:
        if not issubclass(kind, OperatorError):
            assert catalogue().has(kind.key), kind


@pytest.mark.parametrize("field", list(ImagineRequest.model_fields))
def test_every_sdxl_option_has_a_short_description_and_a_name(field: str) -> None:
    """Each input has a description within Discord's 100 characters, and a display name."""
    for locale in LOCALES:
        assert 1 <= len(t(f"option.{field}", locale)) <= DESCRIPTION_LIMIT
        assert VALID_SLASH_COMMAND_NAME.fullmatch(t(f"option_name.{field}", locale))
    assert t(f"option_name.{field}", DEFAULT_LOCALE) == field


# --- errors as data ---------------------------------------------------------------------------


def test_errors_are_data_rendered_in_the_members_language() -> None:
    """An error keeps its key and fields; str() is an English line for logs; the cogs render."""
    error = QuotaExceeded(asked=3, left=1, limit=25, resets=1_700_000_000)
    assert (error.key, error.params["asked"]) == ("quota.exceeded", 3)
    assert "quota.exceeded" in str(error) and "asked=3" in str(error)
    assert "<t:1700000000:R>" in render(error, "de")
    assert render(error, "de") != render(error, "en-US") != render(error, "ja")
    assert render(error, "es-419") == render(error, "es-ES")
    assert "30" in render(ReplicateRateLimited(status=429, retry_after=30), "fr")
    refused = InputRejected("width", "input.range", min="64", max="2048", value="9000")
    assert "`width`" in render(refused, "ko") and "9000" in render(refused, "ru")
    assert "99" in render(JobCrashed(reference=99), "pt-BR")
    assert render(PromptBlocked(entry="x", unfinished=False), "zh-TW")


def test_operator_errors_stay_english() -> None:
    """Configuration and database errors speak to the operator, in English, everywhere."""
    error = ConfigError(["REPLICATE_API_TOKEN is required"])
    assert error.message() == str(error) == render(error, "ja")
    assert "REPLICATE_API_TOKEN is required" in error.message()


# --- locales ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "en-US"),
        ("en-GB", "en-US"),
        ("zh-CN", "zh-CN"),
        ("zh-TW", "zh-TW"),
        ("zh_CN", "zh-CN"),
        ("zh-HK", "zh-TW"),
        ("zh-Hant", "zh-TW"),
        ("zh-SG", "zh-CN"),
        ("es-ES", "es-ES"),
        ("es-419", "es-ES"),
        ("pt-BR", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("ja", "ja"),
        ("ko", "ko"),
        ("de", "de"),
        ("de-AT", "de"),
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("ru", "ru"),
        ("it", "en-US"),
        ("uk", "en-US"),
        (None, "en-US"),
        ("", "en-US"),
    ],
)
def test_locales_fall_back_to_the_closest_shipped_one(locale: str | None, expected: str) -> None:
    """Discord's locales map onto a shipped one by language, then onto en-US."""
    assert resolve_locale(locale) == expected


def test_a_message_id_is_the_key_with_dashes() -> None:
    """Fluent ids cannot hold dots: the one mapping, used everywhere."""
    assert message_id("status.queued") == "status-queued"
    assert message_id("command.mod.allowance.member.description") == (
        "command-mod-allowance-member-description"
    )


# --- the commands as Discord receives them -----------------------------------------------------


def options_of(command: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every command, subcommand group, subcommand and option, depth first."""
    yield command
    for option in command.get("options", []):
        yield from options_of(option)


def assert_name(name: str) -> None:
    assert VALID_SLASH_COMMAND_NAME.fullmatch(name), name
    assert name == name.lower(), name


def shown_names(siblings: list[dict[str, Any]], locale: str) -> list[str]:
    """The names a member with `locale` sees for `siblings` (the English where not localized)."""
    return [(item.get("name_localizations") or {}).get(locale, item["name"]) for item in siblings]


async def test_synced_commands_follow_discords_rules_in_every_locale(stack: Stack) -> None:
    """Names: lowercase, 1-32, no spaces; descriptions and choices within 100; localized
    names unique among their siblings; every shipped language present."""
    commands = stack.discord.guild_commands[stack.discord.guild_id]
    assert {command["name"] for command in commands} >= {"imagine", "mod", "quota", "usage"}
    for locale in [DEFAULT_LOCALE, *TRANSLATED]:
        shown = shown_names(commands, locale)
        assert len(shown) == len(set(shown)), (locale, shown)
    for command in commands:
        for item in options_of(command):
            assert_name(item["name"])
            for name in (item.get("name_localizations") or {}).values():
                assert_name(name)
            descriptions = [item["description"], *(item.get("description_localizations") or {})]
            for locale, text in (item.get("description_localizations") or {}).items():
                assert 1 <= len(text) <= DESCRIPTION_LIMIT, (item["name"], locale, text)
            assert 1 <= len(item["description"]) <= DESCRIPTION_LIMIT
            assert set(item.get("description_localizations") or {}) >= set(TRANSLATED), descriptions
            for choice in item.get("choices", []):
                assert 1 <= len(choice["name"]) <= CHOICE_LIMIT
                for text in (choice.get("name_localizations") or {}).values():
                    assert 1 <= len(text) <= CHOICE_LIMIT
            siblings = item.get("options", [])
            for locale in TRANSLATED:
                shown = shown_names(siblings, locale)
                assert len(shown) == len(set(shown)), (item["name"], locale, shown)


async def test_every_name_is_localized_in_every_shipped_language(stack: Stack) -> None:
    """Each command, group, subcommand and option name Discord receives has its own name in
    every translated locale (from the catalogue: the translator adds nothing else), and the
    English one is still the name Discord routes by."""
    commands = stack.discord.guild_commands[stack.discord.guild_id]
    unlocalized = [
        (command["name"], item["name"], locale)
        for command in commands
        for item in options_of(command)
        for locale in TRANSLATED
        if locale not in (item.get("name_localizations") or {})
    ]
    assert unlocalized == []
    names = [item for command in commands for item in options_of(command)]
    assert len(names) >= 60
    # Most names read differently from the English in each language (a few words are shared,
    # as `prompt` in German or `mode` in French).
    for locale in TRANSLATED:
        same = [n["name"] for n in names if n["name_localizations"][locale] == n["name"]]
        assert len(same) <= len(names) // 10, (locale, same)


async def test_mod_quota_and_history_keep_english_names_and_show_localized_ones(
    stack: Stack,
) -> None:
    """The English names stay what members and moderators type; each locale sees its own."""
    by_name = {c["name"]: c for c in stack.discord.guild_commands[stack.discord.guild_id]}
    assert by_name["quota"]["name_localizations"]["de"] == t("command.quota", "de")
    assert by_name["history"]["name_localizations"]["ja"] == "履歴"
    mod = by_name["mod"]
    assert mod["name_localizations"]["ru"] == "модерация"
    children = {option["name"]: option for option in mod["options"]}
    ban, safety = children["ban"], children["safety-checker"]
    assert ban["name_localizations"]["fr"] == "bannir"
    assert safety["name_localizations"]["es-ES"] == t("command.mod.safety_checker", "es-ES")
    assert [o["name"] for o in ban["options"]] == ["member", "reason"]
    assert [o["name_localizations"]["de"] for o in ban["options"]] == ["mitglied", "grund"]
    assert [o["name_localizations"]["zh-CN"] for o in ban["options"]] == ["成员", "原因"]
    blocklist = {o["name"]: o for o in children["blocklist"]["options"]}
    assert blocklist["add"]["name_localizations"]["ko"] == "추가"
    assert children["blocklist"]["name_localizations"]["pt-BR"] == "lista_de_bloqueio"


async def test_imagine_keeps_the_sdxl_input_names_and_shows_localized_ones(stack: Stack) -> None:
    """The option names are the SDXL inputs (DESIGN.md §2); each locale shows its own."""
    [imagine] = [
        c for c in stack.discord.guild_commands[stack.discord.guild_id] if c["name"] == "imagine"
    ]
    names = {option["name"] for option in imagine["options"]}
    assert names <= set(ImagineRequest.model_fields) and "prompt" in names
    assert imagine["name_localizations"]["ja"] == t("command.imagine", "ja")
    [prompt] = [o for o in imagine["options"] if o["name"] == "prompt"]
    assert prompt["name_localizations"]["ru"] == t("option_name.prompt", "ru")
    assert prompt["description_localizations"]["es-419"] == t("option.prompt", "es-ES")
    assert "en-GB" not in prompt["description_localizations"]
