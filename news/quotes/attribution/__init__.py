"""Attribution: where the verb of saying and its subject sit, one module per language.

Each language reads the clause that frames a quote and returns the `Subject` it names, as the grammar gives it:
a person (a mention), a pronoun, a role (`— деди аким`, `the spokesman said`), a body (`— сообщили в
Минобороны`, `— деп айтылат министрликтин билдирүүсүндө`), a medium, a group, the first person of an interview,
an impersonal report (`деп айтылган`, `говорится` with no owner) or a relaying medium (`— передает ТАСС`). What a
pronoun or a role points back to is for `resolution`.

- `ky`: SOV. The subject follows `— деди` / `— деп VERB` (inverted), or sits between `деп` and its verb, or opens
  the sentence before the quote (`X «…» деп билдирди`, `X билдирди: «…»`). Genitives own the noun after them.
- `ru`: the subject follows the verb after a dash (`— заявил X`, `— сообщили в X`, `— цитирует X Y-а`) or opens
  the clause before a colon; `по словам X-а` and `как заявил X` stand before the quote.
- `en`: `"…," X said` / `"…," said X` / `X said: "…"`, with appositions (`said Hope Well, a local farmer`).
"""

from __future__ import annotations

from news.quotes.attribution import en, ky, ru
from news.quotes.attribution.subject import Grammar, Subject

__all__ = ["Grammar", "Subject", "grammar"]

_GRAMMARS: dict[str, Grammar] = {"ky": ky.GRAMMAR, "ru": ru.GRAMMAR, "en": en.GRAMMAR}


def grammar(lang: str) -> Grammar:
    """Return the attribution grammar of a language (English for any other)."""
    return _GRAMMARS.get(lang, en.GRAMMAR)
