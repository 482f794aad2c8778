"""The message catalogue: every key in every language, with the same placeholders."""

from __future__ import annotations

import pytest

from bot.i18n import CATALOG, SUPPORTED_LOCALES, placeholders, resolve_locale, t
from bot.sdxl import ImagineRequest


@pytest.mark.parametrize("key", sorted(CATALOG))
def test_every_key_has_every_language_with_the_same_placeholders(key: str) -> None:
    """A message exists in en-US and zh-CN and both expect the same {names}."""
    entry = CATALOG[key]
    assert set(entry) == set(SUPPORTED_LOCALES)
    assert placeholders(entry["en-US"]) == placeholders(entry["zh-CN"])
    assert entry["en-US"] != entry["zh-CN"]


@pytest.mark.parametrize(
    "key", sorted(k for k in CATALOG if k.startswith(("command.imagine", "option_name.")))
)
def test_localized_names_follow_discords_rules(key: str) -> None:
    """Command and option names: 1-32 characters, lowercase, no spaces (Discord's name rule)."""
    if key.endswith(".description"):
        return
    for text in CATALOG[key].values():
        assert 1 <= len(text) <= 32
        assert text == text.lower() and " " not in text


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en-US", "en-US"),
        ("en-GB", "en-US"),
        ("zh-CN", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("zh_CN", "zh-CN"),
        ("fr", "en-US"),
        (None, "en-US"),
        ("", "en-US"),
    ],
)
def test_locales_fall_back_to_the_closest_shipped_one(locale: str | None, expected: str) -> None:
    """Discord's locales map onto en-US or zh-CN."""
    assert resolve_locale(locale) == expected


def test_t_fills_placeholders_in_the_chosen_language() -> None:
    """t() renders the template of the resolved locale with the parameters."""
    assert "42" in t("replicate.rate_limited", "en-US", seconds=42)
    assert "42" in t("replicate.rate_limited", "zh-CN", seconds=42)
    assert t("replicate.rate_limited", "zh-CN", seconds=1) != t(
        "replicate.rate_limited", "en-US", seconds=1
    )


@pytest.mark.parametrize("field", list(ImagineRequest.model_fields))
def test_every_sdxl_option_has_a_short_description(field: str) -> None:
    """Each input has a description in both languages that fits Discord's 100-character limit."""
    for locale in SUPPORTED_LOCALES:
        description = t(f"option.{field}", locale)
        assert 1 <= len(description) <= 100
