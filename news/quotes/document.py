"""The article as the quote stages read it: body blocks, their quote spans and sentences, and word tokens.

Every word of the body is a `Token` with its block, offsets, sentence and whether it sits inside quote marks
(speech) or in the narrative around them. The later stages look for names, verbs and their subjects in the
narrative tokens only; the attribution inside a broken quote («…, — деди ал. — …») is narrative too, and
`spans` marks it so.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from news.models import Block, BlockKind
from news.quotes.lexicon import Lexicon, fold, lexicon
from news.sentences import QuoteSpan, quote_spans, sentence_bounds

# Words with inner apostrophes, hyphens and dots stay whole: OCCRP’ге, Кара-Балта, Яндекс.Такси, 24.kg.
WORD_RE = re.compile(r"\w+(?:['’.\-]\w+)*")
_OPENERS = "«„“\"'‘(—–-•*[ "


@dataclass(slots=True)
class Token:
    """One word of a body block."""

    index: int  # in Document.tokens
    block: int
    start: int
    end: int
    text: str
    low: str  # folded
    sent: int  # index in Document.sents
    quoted: bool  # inside quote marks: speech, not narrative
    initial: bool  # the first word of its sentence

    @property
    def upper(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True, slots=True)
class Sentence:
    block: int
    start: int
    end: int
    first: int  # index of its first token (== last when it has none)
    last: int  # one past its last token


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
        self.tokens: list[Token] = []
        self._sent_starts: dict[int, tuple[int, list[int]]] = {}
        for b in self.body:
            text = blocks[b].text
            block_spans = spans[b] if spans is not None and b in spans else quote_spans(text)
            self.spans[b] = block_spans
            bb = bounds[b] if bounds is not None and b in bounds else sentence_bounds(text, block_spans)
            top = [(s.mark_start, s.mark_end) for s in block_spans if s.depth == 0]
            self._sent_starts[b] = (len(self.sents), [s for s, _ in bb])
            for s, e in bb:
                first = len(self.tokens)
                self._tokenize(b, text, s, e, top)
                self.sents.append(Sentence(b, s, e, first, len(self.tokens)))

    def _tokenize(self, b: int, text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> None:
        si = len(self.sents)
        starts = [q[0] for q in quoted]
        first = True
        for m in WORD_RE.finditer(text, start, end):
            s = m.start()
            i = bisect.bisect_right(starts, s) - 1
            inside = i >= 0 and quoted[i][0] < s < quoted[i][1]
            word = m.group()
            if word[0].isdigit() and not any(c.isalpha() for c in word):
                # Numbers are not words for the stages, but they break a sentence's first position.
                first = False
                continue
            self.tokens.append(Token(len(self.tokens), b, s, m.end(), word, fold(word), si, inside, first))
            first = False

    # ------------------------------------------------------------------------------------------ lookups

    def text(self, b: int) -> str:
        return self.blocks[b].text

    def sentence_at(self, b: int, pos: int) -> int:
        """Return the index of the sentence of block `b` that holds offset `pos`."""
        offset, starts = self._sent_starts[b]
        return offset + max(bisect.bisect_right(starts, pos) - 1, 0)

    def tokens_between(self, b: int, start: int, end: int, *, narrative: bool = True) -> list[Token]:
        """Return the tokens of block `b` inside [start, end), the narrative ones only unless told otherwise."""
        si, sj = self.sentence_at(b, start), self.sentence_at(b, max(start, end - 1))
        lo, hi = self.sents[si].first, self.sents[sj].last
        return [
            t
            for t in self.tokens[lo:hi]
            if start <= t.start and t.end <= end and (not narrative or not t.quoted)
        ]

    def sentence_tokens(self, si: int, *, narrative: bool = True) -> list[Token]:
        s = self.sents[si]
        return [t for t in self.tokens[s.first : s.last] if not narrative or not t.quoted]

    def mark_narrative(self, b: int, start: int, end: int) -> None:
        """Mark the words in [start, end) of block `b` as narrative: the attribution inside a broken quote."""
        for t in self.tokens_between(b, start, end, narrative=False):
            t.quoted = False

    def paragraph_of(self, si: int) -> int:
        return self.sents[si].block

    def opens(self, b: int, pos: int) -> bool:
        """Does nothing but dashes, bullets or quote marks come before `pos` in its sentence?"""
        s = self.sents[self.sentence_at(b, pos)]
        return not self.text(b)[s.start : pos].strip(_OPENERS)
