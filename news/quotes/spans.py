"""Spans: which pairs of quote marks hold a quote, and where its attribution sits.

Every top-level pair of quote marks is a candidate. It is a quote when its attribution says so (the frame):

- `after`: a clause after the marks that reports it: `«…», — деди X.`, `«…» деп билдирди`, `"…," she said`;
- `inside`: the quote is broken by its attribution, `«…, — деди ал. — …»`, and gives two quotes;
- `colon`: a clause before a colon, `X билдирди: «…»`, `He told the BBC: "…"`;
- `according`: `По словам X, «…»`, `Ташиевдин айтымында, «…»`, `According to X, "…"`;
- `resumed`: the second part after an attribution, `"I think," he said, "we are ready."`;
- `reopened`: a quote that goes on after its attribution with a dash instead of a mark, `«…», — дейт X. — …»`;
- `standalone`: one or more whole sentences of their own, next to the person who says them.

Anything else in quote marks is a name, a title, a slogan, a scare quote or a fragment inside reported speech,
and is no quote: a few capitalised words (`"Жесткая реальность"`), fewer than three words with no attribution,
a naming phrase (`«…» деп аталган`), words inside a sentence that runs on (`«…экенин» белгиледи`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

from news.quotes.cues import is_cue, is_de, pronoun
from news.quotes.document import WORD_RE, Document
from news.quotes.lexicon import fold
from news.sentences import QuoteSpan

# How far from a quote its attribution is read; keeps broken, unpunctuated text linear.
WINDOW = 600
_SENT_END_RE = re.compile(r"[.!?…]")
_ENDS_SENTENCE_RE = re.compile(r"^\s*(?:[.!?…]|$)")
_SPLIT_RE = re.compile(r"(?<=[,.!?…])\s*[—–-]{1,2}\s*(?=[a-zа-яёөүң])")
_REOPEN_RE = re.compile(r"[.,:!?…]\s*[—–-]{1,2}\s+(?=\S)")
_DASH_ONLY_RE = re.compile(r"\s*[—–\-•*]\s*")
_AFTER_QUOTE_RE = re.compile(r"\s*(,?)\s*([—–-]{0,2})\s*")
_SPEECH_NEAR_RE = re.compile(r"\s*(?:[,:—–-]|де[пдйгш]|said|says|told|added)", re.IGNORECASE)
# A dash and nothing but a name (with a role) to the end of the sentence: "…" — Coach Marco Silva
_BARE_NAME_RE = re.compile(r"(?:[^\W\d_][\w'’.-]*\s+){0,5}[^\W\d_][\w'’-]+\s*[.!?]?\s*$")
# A sentence that opens "according to X," and goes on with a quote.
_ACCORDING_RE = re.compile(
    r"(?:^|\s)(?:\w+(?:нын|нин|нун|нүн|дын|дин|дун|дүн|тын|тин|тун|түн)\s+(?:айтымында|сөзүнө\s+караганда|"
    r"пикиринде|эсебинде|билдиргениндей|билдиргендей|айткандай|белгилегендей|эсептегендей|маалыматында|жазгандай|"
    r"маалыматына\s+караганда)|"
    r"\w+(?:дан|ден|дон|дөн|тан|тен|тон|төн|нан|нен|нон|нөн)\s+(?:билдиришкендей|маалымдашкандай|кабарлашкандай|"
    r"айтышкандай|билдиргендей|маалымдагандай)|"
    r"[Кк]ак\s+(?:заявил|сказал|отметил|подчеркнул|пояснил|написал|сообщил|рассказал|считает|говорит|пишет)\w*\s.{1,200}|"
    r"[Пп]о\s+(?:(?:его|ее|её|их)\s+)?(?:словам|мнению|данным|информации|оценке|признанию)(?:\s.{1,200})?|"
    r"[Aa]ccording\s+to\s.{1,120}|[Aa]s\s.{1,80}\s(?:said|put\s+it|noted|told\s+\w+|wrote))\s*,\s*$"
)
_QUOTE_BEFORE_RE = re.compile(r"[»\"”“][^«»\"“”]{1,60},\s*$")


@dataclass(slots=True)
class Candidate:
    """A quote found in the text, with the frame that made it one and where its attribution is."""

    block: int
    start: int  # the quote's words, marks left out
    end: int
    sent: int
    frame: str  # "after", "inside", "colon", "according", "resumed", "reopened", "standalone"
    clause: tuple[int, int] = (0, 0)  # the attribution's offsets in the block, when it has one
    before: tuple[int, int] = (0, 0)  # the sentence before the quote: where a subject may sit
    mark_start: int = 0


def candidates(doc: Document) -> list[Candidate]:
    """Return the quotes of the article in order, each with its frame."""
    out: list[Candidate] = []
    splits = _splits(doc)
    for bi, b in enumerate(doc.body):
        text = doc.text(b)
        top = [s for s in doc.spans[b] if s.depth == 0]
        next_opens = bi + 1 < len(doc.body) and doc.text(doc.body[bi + 1]).lstrip()[:1] in "\"“«„"
        for si, span in enumerate(top):
            following = top[si + 1] if si + 1 < len(top) else None
            if span.unclosed:
                closed = _shared_close(doc, b, text, span)
                if closed is not span:
                    doc.mark_narrative(b, closed.mark_end, span.mark_end)
                span = closed
            after_quote = bool(out) and out[-1].block == b
            found = _read(doc, b, text, span, following, next_opens, splits.get((b, span.mark_start)), after_quote)
            # Broken text can leave a piece with no words (a dash reopening nothing): no quote.
            found = [c for c in found if WORD_RE.search(text, c.start, c.end)]
            if not found and not span.unclosed and _count_words(text, span.start, span.end, limit=7) <= 6:
                # Not speech: a name or a title, and part of the narrative around it.
                doc.mark_narrative(b, span.start, span.end)
            out.extend(found)
    return out


def _shared_close(doc: Document, b: int, text: str, span: QuoteSpan) -> QuoteSpan:
    """«… «сапожник без сапог», — сказал X: one closing mark ends the inner quote and the outer one."""
    for inner in doc.spans[b]:
        if inner.depth and span.start <= inner.mark_start and inner.mark_end <= span.end:
            outer = span._replace(end=inner.end, mark_end=inner.mark_end, unclosed=False)
            end = doc.sents[doc.sentence_at(b, inner.mark_end)].end
            if isinstance(_attribution_after(doc, text, outer, end), tuple):
                return outer
    return span


def _splits(doc: Document) -> dict[tuple[int, int], tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]:
    """Find the quotes broken by their attribution, and mark the attribution as narrative."""
    found = {}
    for b in doc.body:
        text = doc.text(b)
        for span in doc.spans[b]:
            if span.depth:
                continue
            split = _split_inside(doc, text, span)
            if split is not None:
                found[(b, span.mark_start)] = split
                doc.mark_narrative(b, split[1][0], split[1][1])
    return found


def _split_inside(
    doc: Document, text: str, span: QuoteSpan
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    if all(text.find(dash, span.start, span.end) < 0 for dash in "—–-"):
        return None  # no dash, no attribution inside: spare the regex a scan of the whole quote
    for tries, m in enumerate(_SPLIT_RE.finditer(text, span.start, span.end)):
        if tries >= 5:
            return None
        reopen = _REOPEN_RE.search(text, m.end(), min(span.end, m.end() + 400))
        if not reopen:
            return None
        clause = [fold(w) for w in islice((x.group() for x in WORD_RE.finditer(text, m.end(), reopen.start())), 41)]
        if not clause or len(clause) > 40:
            continue
        if not any(is_cue(doc.lex, w) for w in clause[:4]):
            continue
        return (span.start, m.start()), (m.end(), reopen.start() + 1), (reopen.end(), span.end)
    return None


def _may_be_speech(text: str, span: QuoteSpan) -> bool:
    """A cheap first look: could this quote be speech rather than a name or a title in quote marks?"""
    if span.virtual or span.unclosed or span.end - span.start > 40:
        return True
    if _SPEECH_NEAR_RE.match(text, span.mark_end) or text[max(0, span.mark_start - 3) : span.mark_start].rstrip().endswith(":"):
        return True
    if text[span.start : span.end].rstrip()[-1:] in (",", "!", "?", "."):
        return True
    return len(WORD_RE.findall(text, span.start, span.end)) >= 3


def _count_words(text: str, start: int, end: int, *, limit: int) -> int:
    return sum(1 for _ in islice(WORD_RE.finditer(text, start, end), limit))


def _read(
    doc: Document,
    b: int,
    text: str,
    span: QuoteSpan,
    following: QuoteSpan | None,
    next_opens: bool,
    split: tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None,
    after_quote: bool = False,
) -> list[Candidate]:
    """Decide one pair of marks; `after_quote` tells that a quote came just before in the paragraph, so a
    short sentence of its own in marks goes on with it («…», — деди X. «Бирок …»)."""
    si = doc.sentence_at(b, span.mark_start)
    sent = doc.sents[si]
    s_start = max(sent.start, span.mark_start - WINDOW)
    s_end = sent.end
    before = (s_start, span.mark_start)
    pre = text[s_start : span.mark_start]
    post_end = max(min(s_end, span.mark_end + WINDOW), span.mark_end)
    if following is not None and following.mark_start < post_end:
        # The attribution runs to the end of the sentence, past quoted names, but not into the next quote.
        if text[: following.mark_start].rstrip()[-1:] in ".!?…:":
            post_end = following.mark_start

    if split is not None:
        (a1, a2), clause, (b1, b2) = split
        return [
            _make(text, b, a1, a2, si, "inside", clause, before, span.mark_start),
            _make(text, b, b1, b2, si, "inside", clause, before, span.mark_start),
        ]
    if not _may_be_speech(text, span):
        return []
    inner = text[span.start : span.end]
    starts_sentence = not pre.strip() or bool(_DASH_ONLY_RE.fullmatch(pre))
    colon = pre.rstrip().endswith(":")
    words = _count_words(text, span.start, span.end, limit=6)  # the rules tell 0, 2, 3 and 6 words apart
    if words == 0:
        return []

    attribution = _attribution_after(doc, text, span, post_end)
    if attribution == "naming":
        return []
    if isinstance(attribution, tuple):
        kind, c1, c2 = attribution
        if kind == "de" and words < 3 and not starts_sentence and not colon:
            return []  # "«банктын кызматкерибиз» деп чалып": a fragment of one or two words inside a sentence
        if kind == "de" and words < 3 and re.search(r"\bдобуш", text[c1 : c1 + 60]):
            return []  # "«Макул» деп 58 депутат добуш берди": a vote cast, no words said
        if kind in ("dash", "de") or starts_sentence or colon:
            return [_make(text, b, span.start, span.end, si, "after", (c1, c2), before, span.mark_start)]
        return []
    if span.virtual:
        return [_make(text, b, span.start, span.end, si, "reopened", (0, 0), before, span.mark_start)]
    post = text[span.mark_end : post_end]
    ends_sentence = bool(_ENDS_SENTENCE_RE.match(post)) or (
        _SENT_END_RE.search(inner[-2:]) is not None
        and (not post.strip() or post.lstrip()[:1].isupper() or post.lstrip()[:1] in "«\"“„")
    )
    if span.unclosed and not (next_opens or _SENT_END_RE.search(inner[-3:])):
        return []
    if colon and ends_sentence and (words >= 2 or _SENT_END_RE.search(inner)):
        return [_make(text, b, span.start, span.end, si, "colon", (s_start, span.mark_start), before, span.mark_start)]
    if pre.rstrip().endswith(",") and _cue_before_comma(doc, pre) and (ends_sentence or _SENT_END_RE.search(inner[-2:])):
        return [_make(text, b, span.start, span.end, si, "resumed", (0, 0), before, span.mark_start)]
    if ends_sentence and words >= 2 and _ACCORDING_RE.search(pre):
        return [_make(text, b, span.start, span.end, si, "according", (s_start, span.mark_start), before, span.mark_start)]
    if starts_sentence and ends_sentence and words >= 3 and (_SENT_END_RE.search(inner) or words >= 6 or after_quote):
        if not _looks_like_title(inner):
            return [_make(text, b, span.start, span.end, si, "standalone", (0, 0), before, span.mark_start)]
    return []


def _make(
    text: str, b: int, start: int, end: int, si: int, frame: str, clause: tuple[int, int], before: tuple[int, int],
    mark_start: int,
) -> Candidate:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
        end -= 1
    while end > start + 1 and text[end - 1] == "-" and text[end - 2].isspace():
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return Candidate(b, start, end, si, frame, clause, before, mark_start)


def _looks_like_title(inner: str) -> bool:
    # A title is a few capitalised words: nine words tell, however long the quote.
    words = [w.group() for w in islice(WORD_RE.finditer(inner), 9)]
    return len(words) <= 8 and all(w[0].isupper() for w in words)


def _attribution_after(doc: Document, text: str, span: QuoteSpan, end: int) -> tuple[str, int, int] | str | None:
    """Classify what follows a quote: ("dash"|"comma"|"de", clause start, clause end), "naming", or None."""
    lex = doc.lex
    lang = doc.lang
    m = _AFTER_QUOTE_RE.match(text, span.mark_end, end)
    assert m is not None
    comma, dash = m.group(1), m.group(2)
    if not comma and not span.unclosed and text[span.start : span.end].rstrip()[-1:] == ",":
        comma = ","  # "…," he said: English puts the comma inside the marks
    c1 = m.end()
    words = list(islice(WORD_RE.finditer(text, c1, end), 14))
    if not words or words[0].start() - c1 > 2:
        return None
    folded = [fold(w.group()) for w in words]
    first = folded[0]
    if lang == "ky" and is_de(lex, first):
        if first == "деп" and len(folded) > 1 and folded[1] in lex.naming:
            return "naming"
        if first == "деген" and not dash and not comma and (len(words) < 2 or not words[1].group()[:1].isupper()):
            return "naming"  # «…» деген сөз, «…» деген компания
        return ("de", c1, end)
    if not dash and not comma:
        # English attribution without a comma after "!" or "?": "…is sad!" he wrote.
        if lang == "en" and any(is_cue(lex, w) for w in folded[:3]) and (
            text[span.end - 1 : span.end] in "!?." or pronoun("en", first) is not None or words[0].group()[0].isupper()
        ):
            return ("comma", c1, end)
        return None
    if lang != "en" and not words[0].group()[0].islower():
        # "«…», — Путин заявил." is rare; a capital after the dash is mostly a new line of dialogue.
        if not (len(folded) > 1 and is_cue(lex, folded[1])):
            return None
    if lang == "en":
        # The subject may be long before its verb: "a spokeswoman for the Foreign Office told", "one resident,
        # who did not want to be named, said".
        cue_window = folded[:14]
    elif lang == "ky":
        # «…», — депутат X деген пикирин билдирди: the subject may come before the де- form.
        cue_window = folded[:2] if not dash else folded[:6]
        if dash and any(is_de(lex, w) for w in cue_window):
            return ("dash", c1, end)
        cue_window = folded[:2]
    else:
        cue_window = folded[:3]
    if any(is_cue(lex, w) for w in cue_window) or (lang == "ru" and _looks_like_ru_verb(folded[:2])):
        return ("dash" if dash else "comma", c1, end)
    if dash and _BARE_NAME_RE.match(text, c1, end):
        return ("dash", c1, end)  # sports and interview style: "…" — Coach Marco Silva
    return None


_RU_VERB_RE = re.compile(r"(?:ил|ила|ал|ала|ял|яла|ел|ела|ул|ула|ует|ает|яет|ирует|ется|ится)(?:ся|сь)?$")


def _looks_like_ru_verb(words: list[str]) -> bool:
    return any(_RU_VERB_RE.search(w) for w in words)


def _cue_before_comma(doc: Document, pre: str) -> bool:
    """Does the text before a quote end with an attribution and a comma ("…," he said, "…")?"""
    words = [fold(w) for w in WORD_RE.findall(pre[-60:])][-4:]
    return bool(words) and any(is_cue(doc.lex, w) for w in words) and bool(_QUOTE_BEFORE_RE.search(pre))
