"""Analyse one article: language, structure, sentences, summary and key quotes, in one pass."""

from __future__ import annotations

import logging

from news.language import LANGUAGES, detect_language
from news.models import Analysis, BlockKind, Quote, Sentence
from news.quotes import extract
from news.sentences import QuoteSpan, quote_spans, sentence_bounds
from news.structure import split_blocks
from news.summary import summarize

logger = logging.getLogger(__name__)

# About a hundred long articles; analysis time grows linearly, so this keeps any single call under a second.
MAX_CHARS = 300_000


def analyse(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    language: str | None = None,
    max_sentences: int = 3,
    max_chars: int | None = MAX_CHARS,
) -> Analysis:
    """Analyse an article given as plain text (blank lines or line breaks between paragraphs) or as HTML.

    Never raises on a string: empty or unreadable text gives an empty analysis. Text beyond `max_chars` (a
    hundred long articles' worth by default) is not read: it is a mistake or an attack, not one article. `url` is
    accepted for callers that have one; the text engine does not fetch or read it.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if max_chars is not None and len(text) > max_chars:
        cut = text.rfind("\n", max_chars // 2, max_chars)
        logger.warning("text of %d characters cut to the first %d", len(text), cut if cut > 0 else max_chars)
        text = text[: cut if cut > 0 else max_chars]
    title = title.strip() if title and title.strip() else None
    blocks = split_blocks(text, title=title)
    if title is None:
        title = next((b.text for b in blocks if b.kind is BlockKind.TITLE), None)
    body = [i for i, b in enumerate(blocks) if b.kind is BlockKind.BODY]
    body_text = "\n".join(blocks[i].text for i in body)
    if language not in LANGUAGES:
        language = detect_language(body_text or (title or ""))

    bounds: dict[int, list[tuple[int, int]]] = {}
    spans: dict[int, list[QuoteSpan]] = {}
    sentences: list[Sentence] = []
    for i in body:
        block_text = blocks[i].text
        spans[i] = quote_spans(block_text)
        bb = sentence_bounds(block_text, spans[i])
        bounds[i] = bb
        sentences.extend(Sentence(block_text[s:e], i, s) for s, e in bb)

    quotes = extract(blocks, language=language, bounds=bounds, spans=spans)
    # The context of the key quotes (ranked first, with a speaker) is what a summary should carry.
    key_quotes = [q.sentence for q in quotes[:3] if q.speaker and q.sentence is not None]
    summary = summarize(sentences, max_sentences=max_sentences, quote_sentences=key_quotes)
    lead = summary[0] if summary else (sentences[0].text if sentences else None)
    return Analysis(
        language=language,
        title=title,
        lead=lead,
        blocks=blocks,
        sentences=tuple(sentences),
        summary=summary,
        quotes=quotes,
    )


def extract_quotes(text: str, *, language: str | None = None) -> tuple[Quote, ...]:
    """Return the direct quotes of an article (plain text or HTML), ranked best first."""
    return analyse(text, language=language).quotes
