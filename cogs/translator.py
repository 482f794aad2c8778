"""Localizes command names, descriptions and choices from the cogs' catalogue (cogs.catalogue).

Strings opt in with `locale_str(default, key=...)`; the default is the English (en-US) text,
and the name Discord routes by. Every Discord locale gets the text of the closest shipped
catalogue (es-419 gets es-ES, en-GB keeps the English default).
"""

from __future__ import annotations

import discord
from discord import app_commands

from cogs.catalogue import DEFAULT_LOCALE, catalogue, resolve_locale, t


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
        shipped = resolve_locale(str(locale))
        if key is None or shipped == DEFAULT_LOCALE or not catalogue().has(key):
            return None
        return t(key, shipped)
