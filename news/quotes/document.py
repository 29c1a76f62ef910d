"""The article as the quote stages read it: body blocks, their quote spans and sentences, and narrative words.

The narrative is the text around the quotes: names, verbs of saying and their subjects live there. It is cut into
`Token`s on first use, after `spans` has decided which quote marks hold speech: the words inside a quote are left
out, while the attribution inside a broken quote («…, — деди ал. — …») and names or titles in quote marks
(«Ата Мекен» партиясы) are narrative again (`mark_narrative`).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from news.models import Block, BlockKind
from news.quotes.lexicon import Lexicon, fold, lexicon
from news.sentences import QuoteSpan, quote_spans, sentence_bounds

# Words with inner apostrophes, hyphens and dots stay whole: OCCRP’ге, Кара-Балта, Яндекс.Такси, 24.kg.
# The Arabic article written onto a surname in English copy ("al-Tayeb", "el-Sisi"): part of a name, capitalised or
# not (not in Russian copy, where "проспект аль-Фараби" is more often a street than "аль-Асад" a person).
_ARTICLE_RE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ud|ul)-[A-Z]")
WORD_RE = re.compile(r"\w+(?:['’.\-]\w+)*")


_MONTH = r"(?:янв|фев|мар|апр|ма[йя]|июн|июл|авг|сен|окт|ноя|дек)[а-яё]*\.?"
# What opens a wire story's first paragraph and names nobody in it: a dateline ("МОСКВА, 9 августа. /ТАСС/.",
# "Москва. 8 мая. INTERFAX.RU -", "БИШКЕК, 24.kg -", "NAIROBI, Kenya (AP) —", "BISHKEK, June 4 (Reuters) -") or a byline
# run into the text ("By Tom AshdownTechnology reporter", "By Aizada TurgunbaevaBBC World Service, Bishkek").
# A crosshead in quote marks run into the text before a sentence (XL-Sum): "«Я верила не тем людям» Мать …"
_RUN_IN_HEAD_RE = re.compile(r"\s*[«\"“]([^«»\"“”\n]{1,80})[»\"”]\s+(?=[А-ЯЁӨҮҢA-Z])")
PREAMBLE_RE = re.compile(
    r"[A-ZА-ЯЁ][\w-]*(?:[ -][A-ZА-ЯЁ][\w-]*)?"
    r"(?:[.,]\s+\d{1,2}\s+" + _MONTH + r"\s*[.,]?"
    r"(?:\s*/[^/\n]{2,25}/\.?|\s+[A-ZА-ЯЁ][\w.-]*[A-ZА-ЯЁ]\w*)?"
    r"|,\s+24\.kg)"
    r"(?:\s*[-–—]\s*(?:РИА\s+Новости|Sputnik|Спутник)?\.?)?\s+(?=[«\"“A-ZА-ЯЁ])"
    r"|(?:[A-Z]{3,}|[A-Z]{2}\.?(?=[ '-][A-Z]{2}))(?:\.?[ '-][A-Z]{2,})*(?:,(?:\s+[A-Z0-9][\w.]*){1,3})?(?:\s+\([\w .]+\))?\s+[—–-]{1,2}\s+"
    r"|By\s+(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*(?:\s+[A-Z]\w*)?\s+(?:\w+\s+)?"
    r"(?:reporter|correspondent|editor|journalist)\s+"
    # "By Aizada TurgunbaevaBBC World Service, Bishkek": a name glued to the outlet, then where it was filed
    r"|By\s+(?:[A-Z][\w'’-]*\s+){0,2}[A-Z][a-z'’-]+(?=[A-Z])[A-Z][\w ]{1,40}?,\s+[A-Z][\w-]+\s+(?=[A-Z])"
)


@dataclass(slots=True)
class Token:
    """One narrative word of a body block."""

    index: int  # in Document.tokens
    block: int
    start: int
    end: int
    text: str
    low: str  # folded
    sent: int  # index in Document.sents
    initial: bool  # the first word of its sentence
    upper: bool  # written with a capital


@dataclass(frozen=True, slots=True)
class Sentence:
    block: int
    start: int
    end: int


class Document:
    """One article prepared for the quote stages."""

    def __init__(
        self,
        blocks: Sequence[Block],
        lang: str,
        bounds: dict[int, list[tuple[int, int]]] | None = None,
        spans: dict[int, list[QuoteSpan]] | None = None,
    ) -> None:
        self.blocks = blocks
        self.lang = lang
        self.lex: Lexicon = lexicon(lang)
        self.body = [i for i, b in enumerate(blocks) if b.kind is BlockKind.BODY]
        self.spans: dict[int, list[QuoteSpan]] = {}
        self.sents: list[Sentence] = []
        self._sent_starts: dict[int, tuple[int, list[int]]] = {}
        self._narrative: dict[int, list[tuple[int, int]]] = {}
        self._heads: dict[int, int] = {}  # sentence -> where a crosshead run into its start ends
        # The first paragraph's dateline or byline: its words are nobody's, and the word after it opens a sentence.
        self._preamble: dict[int, int] = {}
        if self.body:
            opened = PREAMBLE_RE.match(blocks[self.body[0]].text)
            if opened is not None:
                self._preamble[self.body[0]] = opened.end()
        for b in self.body:
            text = blocks[b].text
            block_spans = spans[b] if spans is not None and b in spans else quote_spans(text)
            self.spans[b] = block_spans
            bb = bounds[b] if bounds is not None and b in bounds else sentence_bounds(text, block_spans)
            self._sent_starts[b] = (len(self.sents), [s for s, _ in bb])
            self.sents.extend(Sentence(b, s, e) for s, e in bb)

    def mark_narrative(self, b: int, start: int, end: int) -> None:
        """Count [start, end) of block `b` as narrative although quote marks hold it."""
        if "tokens" in self.__dict__:
            raise RuntimeError("narrative marked after the words were read")
        self._narrative.setdefault(b, []).append((start, end))

    def in_quoted_name(self, b: int, pos: int) -> bool:
        """Is this place of block `b` inside quote marks that hold a name, read as narrative ("Республика - Ата-Журт")?"""
        return any(start < pos < end for start, end in self._narrative.get(b, ()))

    # ------------------------------------------------------------------------------------------ words

    @functools.cached_property
    def tokens(self) -> list[Token]:
        """Every narrative word of the body, in order."""
        tokens: list[Token] = []
        self._sent_first: list[int] = []
        for si, sent in enumerate(self.sents):
            self._sent_first.append(len(tokens))
            self._tokenize(tokens, si, sent)
        self._sent_first.append(len(tokens))
        return tokens

    @functools.cached_property
    def _quoted(self) -> dict[int, list[tuple[int, int]]]:
        """The stretches of each block that are speech: top-level quotes minus what was marked narrative."""
        out: dict[int, list[tuple[int, int]]] = {}
        for b in self.body:
            cuts = sorted(self._narrative.get(b, ()))
            stretches: list[tuple[int, int]] = []
            for span in self.spans[b]:
                if span.depth:
                    continue
                pieces = [(span.start, span.end)]
                for c1, c2 in cuts:
                    pieces = [p for a, z in pieces for p in ((a, min(z, c1)), (max(a, c2), z)) if p[0] < p[1]]
                stretches.extend(pieces)
            out[b] = stretches
        return out

    def _tokenize(self, tokens: list[Token], si: int, sent: Sentence) -> None:
        b = sent.block
        text = self.blocks[b].text
        quoted = self._quoted[b]
        pos = sent.start
        if sent.start < self._preamble.get(b, 0):
            pos = min(sent.end, self._preamble[b])
        first = WORD_RE.search(text, pos, sent.end)
        first_start = first.start() if first is not None else -1
        head_start = -1
        if self.lang != "en" and (head := _RUN_IN_HEAD_RE.match(text, pos, sent.end)) is not None:
            # "«Я верила не тем людям» Мать одного из …": a crosshead in quote marks run into the text (XL-Sum); the
            # word after it opens the sentence as well
            head_start = self._heads[si] = head.end()
        i = bisect.bisect_right(quoted, (sent.start, len(text) + 1)) - 1
        segments: list[tuple[int, int]] = []
        for q_start, q_end in quoted[max(i, 0) :]:
            if q_start >= sent.end:
                break
            if q_end <= pos:
                continue
            if q_start > pos:
                segments.append((pos, q_start))
            pos = max(pos, q_end)
        if pos < sent.end:
            segments.append((pos, sent.end))
        append = tokens.append
        for a, z in segments:
            for m in WORD_RE.finditer(text, a, z):
                word = m.group()
                head = word[0]
                if head.isdigit() and not any(c.isalpha() for c in word):
                    continue  # numbers are not words for the stages
                start, end = m.span()
                initial = start == first_start or start == head_start
                upper = head.isupper() or _ARTICLE_RE.match(word) is not None  # ("Omar al-Tayeb": a name's part)
                append(Token(len(tokens), b, start, end, word, fold(word), si, initial, upper))

    # ------------------------------------------------------------------------------------------ lookups

    def crosshead_end(self, si: int) -> int:
        """Where a crosshead in quote marks run into the start of sentence `si` ends (Kyrgyz, Russian), or -1."""
        _ = self.tokens  # (found while the words are read)
        return self._heads.get(si, -1)

    def text(self, b: int) -> str:
        return self.blocks[b].text

    def sentence_at(self, b: int, pos: int) -> int:
        """Return the index of the sentence of block `b` that holds offset `pos`."""
        offset, starts = self._sent_starts[b]
        return offset + max(bisect.bisect_right(starts, pos) - 1, 0)

    def tokens_between(self, b: int, start: int, end: int) -> list[Token]:
        """Return the narrative words of block `b` inside [start, end)."""
        tokens = self.tokens
        lo = self._sent_first[self.sentence_at(b, start)]
        hi = self._sent_first[self.sentence_at(b, max(start, end - 1)) + 1]
        return [t for t in tokens[lo:hi] if start <= t.start and t.end <= end]

    def sentence_tokens(self, si: int) -> list[Token]:
        """Return the narrative words of sentence `si`."""
        tokens = self.tokens
        return tokens[self._sent_first[si] : self._sent_first[si + 1]]

    def quoted_text(self) -> list[str]:
        """The words inside quotes, block by block: what the narrative leaves out."""
        return [self.blocks[b].text[s:e] for b, stretches in self._quoted.items() for s, e in stretches]
