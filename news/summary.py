"""Pick the sentences that summarise an article: the lead, then the most central ones, in article order.

Centrality is the overlap of a sentence's word stems with the whole article (a TF centroid, which picked the same
sentences as TextRank and LexRank on our samples at a tenth of the cost), damped by position, because news puts
what matters first. A sentence that carries a key quote's context (the one that brings the speaker in, or the
quote's own) counts more: that is where news says who said what. The summary stops once it is long enough for the
article (a share of its words, within bounds), so a short story gets one or two sentences and a long one three.
Sentences that only name a source ("Бул тууралуу … басма сөз кызматы билдирди.", "Об этом сообщает ТАСС.") and
very short or very long ones are passed over. Deterministic: ties go to the earlier.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from itertools import chain

from news.models import Sentence

logger = logging.getLogger(__name__)

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_STEM = 6
_STOPWORDS = frozenset(
    """
    жана менен деп деди дейт деген үчүн боюнча тууралуу жөнүндө бул ал алар анын аны ага бирок дагы деле эле эмес
    жок бар болуп болгон болот кийин чейин мындан ошондой ошол биз мен сиз да же ар бир эки башка ошону андан
    и в во на что не по с со он она оно они это этот эта эти как для от из к о об у за был была были было который
    которая которые также но а же бы ли его ее её их при до после или уже только так еще ещё все всё чтобы если
    the of and to in is that for it was on with as he she they his her by at be this are from have has had not
    but or an which were said says will would their who been there its also more about after than them we you i
    """.split()
)
# Sentences that only say where the news came from.
_ATTRIBUTION_ONLY_RE = re.compile(
    r"^(?:бул\s+(?:тууралуу|боюнча|жөнүндө|маалыматты)|мындай\s+маалыматты|об\s+этом|как\s+(?:сообщ|переда|пишет|отмеча)|"
    r"это\s+(?:сообщ|заяви)|(?:this|the news|the information)\s+was\s+(?:reported|announced|confirmed)|"
    r"according\s+to\s+[^,]{0,60}$)",
    re.IGNORECASE,
)
_SOURCE_VERBS = (
    "билдирди билдиришти маалымдады маалымдашты кабарлады кабарлашты жазды жарыялады сообщил сообщила сообщили "
    "сообщает сообщают передает передаёт пишет reported reports said says"
).split()
_SOURCE_TAIL_RE = re.compile(f"(?:{'|'.join(_SOURCE_VERBS)})\\W*$", re.IGNORECASE)
# A source verb ends where the sentence's closing punctuation starts, so the search for it starts this far before
# that instead of at every position of the sentence (slow with twenty case-insensitive alternatives).
_LONGEST_SOURCE_VERB = max(map(len, _SOURCE_VERBS))
_MIN_WORDS = 5
_MAX_WORDS = 70


def is_attribution_only(sentence: str) -> bool:
    """Tell whether a sentence only names a source ("Бул тууралуу … билдирди.", "Об этом сообщает ТАСС.")."""
    return _attribution_only(sentence.strip(), len(_WORD_RE.findall(sentence)))


def _attribution_only(text: str, words: int) -> bool:
    if not words or words > 22:
        return False
    if _ATTRIBUTION_ONLY_RE.match(text):
        return True
    return words <= 8 and _ends_with_source_verb(text) and not any(ch in text for ch in "«\"“")


def _ends_with_source_verb(text: str) -> bool:
    """Tell whether `_SOURCE_TAIL_RE` matches, searching only where a match can start."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # the \W* of _SOURCE_TAIL_RE
        end -= 1
    return bool(_SOURCE_TAIL_RE.search(text, max(0, end - _LONGEST_SOURCE_VERB)))


# A sentence that carries a key quote's context weighs this much more.
QUOTE_CONTEXT = 1.3
# The summary stops growing past this share of the article's words, kept within these bounds.
LENGTH_SHARE = 0.12
MIN_LENGTH = 45
MAX_LENGTH = 120


def summarize(
    sentences: Sequence[str | Sentence],
    *,
    max_sentences: int = 3,
    quote_sentences: Collection[int] = (),
    max_words: int | None = None,
) -> tuple[str, ...]:
    """Return up to `max_sentences` sentences of the body in article order, the lead always first.

    `quote_sentences` are the indexes of the sentences that hold the article's key quotes: they and the sentences
    right before them (which bring the speaker in) count more. The summary takes no more sentences once it has
    `max_words` words (by default a share of the article's, between MIN_LENGTH and MAX_LENGTH).
    """
    texts = [(s.text if isinstance(s, Sentence) else s).strip() for s in sentences]
    if max_sentences <= 0 or not texts:
        return ()
    words = [_WORD_RE.findall(t.lower()) for t in texts]
    if max_words is None:
        max_words = round(min(MAX_LENGTH, max(MIN_LENGTH, LENGTH_SHARE * sum(map(len, words)))))
    context = {j for i in quote_sentences for j in (i, i - 1)}
    stems = [{w[:_STEM] for w in ws if len(w) > 1 and w not in _STOPWORDS} for ws in words]
    centroid = Counter(chain.from_iterable(stems))
    eligible = [
        i
        for i, t in enumerate(texts)
        if _MIN_WORDS <= len(words[i]) <= _MAX_WORDS and not t.endswith("?") and not _attribution_only(t, len(words[i]))
    ]
    if not eligible:
        eligible = [i for i, t in enumerate(texts) if t]
        if not eligible:
            return ()
    lead = eligible[0]
    scores: dict[int, float] = {}
    for i in eligible:
        toks = stems[i]
        if toks:
            # Each stem counts the sentences it appears in, minus this one: what the sentence shares with the rest.
            overlap = sum(map(centroid.__getitem__, toks)) - len(toks)
            scores[i] = overlap / math.sqrt(len(toks)) * (1.0 + 1.5 / (1 + i)) * (QUOTE_CONTEXT if i in context else 1.0)
    chosen = [lead]
    length = len(words[lead])
    for i in sorted(scores, key=lambda k: (-scores[k], k)):
        if len(chosen) >= max_sentences or length >= max_words:
            break
        if i in chosen or _near_duplicate(stems[i], [stems[c] for c in chosen]):
            continue
        chosen.append(i)
        length += len(words[i])
    return tuple(texts[i] for i in sorted(chosen))


def _near_duplicate(a: set[str], others: list[set[str]]) -> bool:
    for b in others:
        if a and b and len(a & b) / len(a | b) > 0.8:
            return True
    return False
