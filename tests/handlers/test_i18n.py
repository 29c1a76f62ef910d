"""Every text the bot writes exists in Kyrgyz, Russian and English, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages import pofile
from babel.messages.extract import extract_from_dir

from handlers.i18n import LOCALES_DIR, language_from_telegram, translator

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def marked_messages() -> set[str]:
    found: set[str] = set()
    for package in ("handlers", "bot"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.update([message] if isinstance(message, str) else [m for m in message if m])
    return found


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_marked_text_is_translated(language: str) -> None:
    path = LOCALES_DIR / language / "LC_MESSAGES" / "kabarchy.po"
    messages = marked_messages()
    if not messages:
        pytest.skip("no texts are marked for translation yet")
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle)
    missing = []
    wrong_placeholders = []
    for msgid in sorted(messages):
        entry = catalog.get(msgid)
        translated = entry.string if entry is not None else None
        texts = list(translated) if isinstance(translated, tuple) else [translated]
        if not all(texts):
            missing.append(msgid)
            continue
        for text in texts:
            if set(PLACEHOLDER.findall(text)) != set(PLACEHOLDER.findall(msgid)):
                wrong_placeholders.append((msgid, text))
    assert not missing, f"{language}: untranslated: {missing}"
    assert not wrong_placeholders, f"{language}: placeholders differ: {wrong_placeholders}"


def test_catalogs_compile_and_english_is_identity() -> None:
    assert translator("en").gettext("Hello") == "Hello"
    for language in ("ky", "ru"):
        translator(language)  # compiles the .po in memory; a broken catalog raises here


@pytest.mark.parametrize(
    ("code", "expected"),
    [("ky", "ky"), ("ru-RU", "ru"), ("en-GB", "en"), ("kk", "ru"), ("de", "en"), (None, "ky"), ("", "ky")],
)
def test_language_from_telegram(code: str | None, expected: str) -> None:
    assert language_from_telegram(code) == expected
