"""Localizes command names, descriptions and choices from the catalogue in bot/i18n.py.

Strings opt in with `locale_str(default, key=...)`; Discord shows the default (English) to
every locale without a translation.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.i18n import CATALOG, SUPPORTED_LOCALES

_TRANSLATED = {locale for locale in SUPPORTED_LOCALES if locale != "en-US"}


class CatalogTranslator(app_commands.Translator):
    """Answers Discord's localization questions from the message catalogue."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        """The catalogue's text for the string's key in `locale`, or None to keep the default."""
        key = string.extras.get("key")
        if key is None or str(locale) not in _TRANSLATED:
            return None
        entry = CATALOG.get(key)
        return entry.get(str(locale)) if entry else None
