"""Is this word a verb of saying? The tests every stage asks of a folded word, per language."""

from __future__ import annotations

import functools

from news.quotes.lexicon import Lexicon

PRONOUNS = {
    "ky": {"ал": "", "алар": "+", "өзү": ""},
    "ru": {"он": "m", "она": "f", "они": "+"},
    "en": {"he": "m", "she": "f", "they": "+"},
}
FIRST_PERSON = {"ky": frozenset(("мен", "биз")), "ru": frozenset(("я", "мы")), "en": frozenset(("i", "we"))}


@functools.lru_cache(maxsize=65536)
def _ky_verb(verbs: frozenset[str], low: str) -> bool:
    for size in range(min(len(low), 12), 2, -1):
        if low[:size] in verbs:
            return True
    return False


def is_speech_verb(lex: Lexicon, low: str) -> bool:
    """A verb of saying in any of its forms (билдирди, деп, заявила, says)."""
    if lex.lang == "ky":
        return low in lex.de or _ky_verb(lex.verbs, low)
    return low in lex.verbs


def is_cue(lex: Lexicon, low: str) -> bool:
    """A word that makes the clause it opens an attribution: a verb of saying or an impersonal report."""
    return is_speech_verb(lex, low) or low in lex.passive


def is_de(lex: Lexicon, low: str) -> bool:
    return low in lex.de


def pronoun(lang: str, low: str) -> str | None:
    """The gender a third-person pronoun asks for ("" any, "+" a group), or None for any other word."""
    return PRONOUNS.get(lang, PRONOUNS["en"]).get(low)


def verb_gender(lang: str, low: str) -> str:
    """Russian past tense tells the gender of its subject: сказала -> f, сказал -> m; plural -> "+"."""
    if lang != "ru":
        return ""
    if low.endswith(("ла", "лась")):
        return "f"
    if low.endswith(("ли", "лись")):
        return "+"
    if low.endswith(("л", "лся")):
        return "m"
    return ""
