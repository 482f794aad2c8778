"""The cogs' message catalogue: every member-facing text, in Fluent, in ten languages.

The text lives in `cogs/locales/<locale>/sdxl.ftl` (Project Fluent: plurals and selectors
where a language needs them). Code names a message by its key, the same dotted key the core's
errors carry as data (`quota.exceeded`); the Fluent message id is that key with dots as dashes
(`quota-exceeded`), since Fluent ids cannot hold dots. Fields are Fluent variables (`$asked`).

`t(key, locale, **fields)` renders one message; `render(error, locale)` renders a core error
(its key and fields). Any Discord locale resolves to one of the shipped ones (`resolve_locale`);
a message missing in a locale falls back to en-US. Nothing is read at import time: each
locale's file is parsed on first use.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Iterable, Mapping
from decimal import Decimal
from importlib import resources
from typing import Any, Final

from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import fluent_number
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor

from bot.errors import OperatorError, SdxlBotError

log = logging.getLogger(__name__)

DEFAULT_LOCALE: Final = "en-US"
# The shipped catalogues, in Discord's locale codes.
LOCALES: Final = ("en-US", "zh-CN", "zh-TW", "ja", "ko", "es-ES", "pt-BR", "de", "fr", "ru")
FILENAME: Final = "sdxl.ftl"

# Locales (lowercase, "-" separated) that are not shipped but have a close one. Chinese goes by
# script: the traditional-script regions read zh-TW, every other Chinese reads zh-CN.
_REGIONAL: Final[Mapping[str, str]] = {
    "zh-hk": "zh-TW",
    "zh-mo": "zh-TW",
    "zh-hant": "zh-TW",
    "zh-hant-tw": "zh-TW",
    "zh-hant-hk": "zh-TW",
    "zh-hant-mo": "zh-TW",
}
# A language without its region (Discord sends "en-GB", "es-419", "pt-PT", POSIX "zh_SG"...).
_BY_LANGUAGE: Final[Mapping[str, str]] = {
    "en": "en-US",
    "zh": "zh-CN",
    "ja": "ja",
    "ko": "ko",
    "es": "es-ES",
    "pt": "pt-BR",
    "de": "de",
    "fr": "fr",
    "ru": "ru",
}


def resolve_locale(locale: str | None) -> str:
    """The shipped locale closest to `locale` ("es-419" -> "es-ES", "it" -> "en-US")."""
    if not locale:
        return DEFAULT_LOCALE
    normalized = locale.replace("_", "-").strip().lower()
    for shipped in LOCALES:
        if normalized == shipped.lower():
            return shipped
    if normalized in _REGIONAL:
        return _REGIONAL[normalized]
    return _BY_LANGUAGE.get(normalized.split("-")[0], DEFAULT_LOCALE)


def message_id(key: str) -> str:
    """The Fluent id of a code key: `status.queued` -> `status-queued`."""
    return key.replace(".", "-")


def source(locale: str) -> str:
    """The Fluent source of one shipped locale."""
    return (resources.files("cogs") / "locales" / locale / FILENAME).read_text(encoding="utf-8")


def _fluent_value(value: Any) -> Any:
    """A field as Fluent takes it: integers stay numbers (plural rules select on them) but
    print without grouping (`<t:1700000000:R>` must stay intact); anything else not a number
    prints as Python would."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return fluent_number(value, useGrouping=False)
    if isinstance(value, float | Decimal) and math.isfinite(value):
        return fluent_number(value, useGrouping=False)
    return value if isinstance(value, str) else str(value)


class _Variables(Visitor):
    """Collects the `$names` a message uses (in its text and its selectors)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ftl.VariableReference) -> None:
        self.names.add(node.id.name)


class Catalogue:
    """The bundles of the shipped locales, each parsed on first use."""

    def __init__(self, locales: Iterable[str] = LOCALES) -> None:
        self.locales = tuple(locales)
        self._bundles: dict[str, FluentBundle] = {}
        self._messages: dict[str, dict[str, ftl.Message]] = {}

    def bundle(self, locale: str) -> FluentBundle:
        """The parsed catalogue of a shipped locale."""
        if locale not in self._bundles:
            resource = FluentResource(source(locale))
            # use_isolating=False: no Unicode isolation marks around fields, which would
            # break Discord's mention and timestamp syntax (`<t:{ $resets }:R>`).
            bundle = FluentBundle([locale], use_isolating=False)
            bundle.add_resource(resource)
            self._bundles[locale] = bundle
            self._messages[locale] = {
                entry.id.name: entry for entry in resource.body if isinstance(entry, ftl.Message)
            }
        return self._bundles[locale]

    def messages(self, locale: str) -> dict[str, ftl.Message]:
        """The messages of a shipped locale by Fluent id, as parsed (for checks and tools)."""
        self.bundle(locale)
        return self._messages[locale]

    def variables(self, key: str, locale: str = DEFAULT_LOCALE) -> frozenset[str]:
        """The fields (`$names`) the message of `key` uses in `locale`."""
        found = _Variables()
        found.visit(self.messages(locale)[message_id(key)])
        return frozenset(found.names)

    def has(self, key: str, locale: str = DEFAULT_LOCALE) -> bool:
        """Whether `locale`'s catalogue holds `key`."""
        return self.bundle(locale).has_message(message_id(key))

    def format(
        self, key: str, locale: str, fields: Mapping[str, Any]
    ) -> tuple[str, list[Exception]]:
        """The message of `key` in the shipped `locale` (else en-US), and Fluent's complaints."""
        bundle = self.bundle(locale)
        ident = message_id(key)
        if not bundle.has_message(ident):
            bundle = self.bundle(DEFAULT_LOCALE)
        message = bundle.get_message(ident)
        if message.value is None:
            return key, [LookupError(f"{ident} has no value")]
        args = {name: _fluent_value(value) for name, value in fields.items()}
        text, errors = bundle.format_pattern(message.value, args)
        return str(text), errors


@functools.cache
def catalogue() -> Catalogue:
    """The process's one catalogue (parsed lazily, locale by locale)."""
    return Catalogue()


def t(key: str, locale: str | None = None, /, **fields: Any) -> str:
    """The text of `key` in the member's `locale` (or the closest shipped one), with `fields`.

    A key no catalogue knows is a bug the catalogue test catches; at run time it shows as
    the key itself rather than failing the member's interaction.
    """
    shipped = resolve_locale(locale)
    books = catalogue()
    if not books.has(key):
        log.error("No message %r in the catalogue", key)
        return key
    text, errors = books.format(key, shipped, fields)
    if errors:
        log.warning("Message %r in %s: %s", key, shipped, "; ".join(map(str, errors)))
    return text


def render(error: SdxlBotError, locale: str | None = None) -> str:
    """A core error (a key and fields) as a sentence for the member, in their language.

    Operator errors (configuration, database) are not Discord text: they keep their English.
    """
    if isinstance(error, OperatorError):
        return error.message()
    return t(error.key, locale, **error.params)
