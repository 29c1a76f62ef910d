"""Ranking: which quotes are worth showing first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from news.models import Quote
from news.quotes.document import WORD_RE


@dataclass(slots=True)
class Found:
    """A quote with its speaker, before ranking."""

    text: str
    speaker: str | None
    named: bool  # the speaker is a person the article names
    attributed: bool  # an attribution frames it (not a quote standing on its own)
    sentence: int


def rank(found: Sequence[Found]) -> tuple[Quote, ...]:
    """Turn found quotes into `Quote`s, ranked best first; `position` keeps the article order.

    A named speaker, an attribution, a length of a sentence or two and an early place in the article make a
    quote worth showing; a fragment of a few words or a whole page of speech less so.
    """
    n = max(len(found), 1)
    quotes: list[Quote] = []
    for pos, f in enumerate(found):
        words = len(WORD_RE.findall(f.text))
        score = 0.0
        if f.speaker:
            score += 1.0 if f.named else 0.6
        if f.attributed:
            score += 0.5
        score += min(words, 40) / 40
        if words < 5:
            score -= 0.6
        if words > 90:
            score -= 0.3 * min((words - 90) / 90, 1.0)
        score += 0.4 * (1 - pos / n)
        quotes.append(Quote(f.text, f.speaker, pos, round(score, 4), f.sentence))
    quotes.sort(key=lambda q: (-q.score, q.position))
    return tuple(quotes)
