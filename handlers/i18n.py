"""Translations: gettext catalogs (`handlers/locales/<lang>/LC_MESSAGES/kabarchy.po`) for ky, ru and en.

Message ids are the English texts, marked in code with `_()` (or `N_()` where the text is defined before a language is
known), with `{named}` placeholders filled by `str.format` after translation. The `.po` files are compiled in memory
with Babel when first used, so no compiled `.mo` files live in the repository.
"""

from __future__ import annotations

import gettext
import io
import logging
from functools import cache
from pathlib import Path

from babel.messages import mofile, pofile

logger = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).parent / "locales"
DOMAIN = "kabarchy"
LANGUAGES = ("ky", "ru", "en")
DEFAULT_LANGUAGE = "ky"
# Telegram sends the user's interface language; these read Russian more readily than English.
_FALLBACKS = {"kk": "ru", "uz": "ru", "tg": "ru", "uk": "ru", "be": "ru", "tk": "ru", "az": "ru", "hy": "ru"}
LANGUAGE_NAMES = {"ky": "Кыргызча", "ru": "Русский", "en": "English"}


def N_(message: str) -> str:
    """Mark a text for translation without translating it (it is translated later, where the language is known)."""
    return message


@cache
def translator(language: str) -> gettext.NullTranslations:
    """Return the translations for a language (ky, ru or en); English is the message ids themselves."""
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    path = LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == "en" or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=language)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def gettext_for(language: str):  # noqa: ANN201 - a bound method
    """Return the `gettext` function of a language, to be bound as `_`."""
    return translator(language).gettext


def language_from_telegram(code: str | None, *, default: str = DEFAULT_LANGUAGE) -> str:
    """Choose ky, ru or en from a Telegram `language_code` such as "ru", "en-US" or "ky"."""
    if not code:
        return default
    base = code.lower().replace("_", "-").split("-")[0]
    if base in LANGUAGES:
        return base
    return _FALLBACKS.get(base, "en")
