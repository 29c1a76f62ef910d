"""Compose a digest from articles: filter by language and keywords, rank best first, pick what each entry shows.

Pure and deterministic: the caller passes the articles (those after the subscriber's watermark) and the filters.

Keywords are plain words, never patterns: a keyword matches an article when each of its words is found, in any
inflected form `news.morph` recognises (`Жапаров` finds `Жапаровдун`, `Путин` finds `Путина`), in the title, lead,
summary or key quote. Nothing typed by a user is ever compiled into a regular expression, so no filter can be a
ReDoS. An article passes when it matches at least one include keyword (if any are set) and none of the exclude ones.

"Best first": an article with a key quote by a named speaker beats one without, then one with a summary and more
quotes; equal articles are ordered newest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache

from news.models import Digest, DigestArticle, DigestEntry, QueryWord
from news.morph import matches_word, parse_query, tokenize

DEFAULT_PAGE_SIZE = 8
MAX_SENTENCES = 2
# One or two sentences: the second only when the two together stay short enough to read at a glance.
MAX_SUMMARY_CHARS = 420
MAX_QUOTE_CHARS = 300
MAX_TITLE_CHARS = 200
_OLDEST = datetime.min.replace(tzinfo=UTC)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"


@lru_cache(maxsize=64)
def keyword_words(keyword: str) -> tuple[QueryWord, ...]:
    """Return the query words of one keyword (a word or a short phrase)."""
    return parse_query(keyword)


@lru_cache(maxsize=4096)
def _article_words(article: DigestArticle) -> frozenset[str]:
    parts = [article.title, article.lead, article.quote, article.speaker, *article.summary]
    return frozenset(tokenize(" ".join(p for p in parts if p)))


def matches_keyword(article: DigestArticle, keyword: str) -> bool:
    """Tell whether every word of `keyword` occurs (in some inflected form) in the article's shown text."""
    words = keyword_words(keyword)
    if not words:
        return False
    tokens = _article_words(article)
    return all(w.word in tokens or any(matches_word(w, t) for t in tokens) for w in words)


def passes_filters(
    article: DigestArticle,
    *,
    languages: Iterable[str] = (),
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> bool:
    """Tell whether a subscriber with these filters wants the article (no filter: every article)."""
    langs = tuple(languages)
    if langs and article.language not in langs:
        return False
    if any(matches_keyword(article, k) for k in exclude):
        return False
    wanted = tuple(include)
    return not wanted or any(matches_keyword(article, k) for k in wanted)


def article_score(article: DigestArticle) -> float:
    """Score how much an article gives a digest reader: a key quote by someone named, a summary, more quotes."""
    score = 0.0
    if article.quote:
        score += 2.0 if article.speaker else 1.0
        score += min(max(article.quote_score, 0.0), 3.0) * 0.2
    if article.summary:
        score += 1.0
    elif article.lead:
        score += 0.5
    if article.title:
        score += 0.5
    score += min(article.quote_count, 5) * 0.1
    return round(score, 6)


def rank_articles(articles: Iterable[DigestArticle]) -> list[DigestArticle]:
    """Order articles best first; equal scores newest first (by time, then by id)."""
    return sorted(articles, key=lambda a: (-article_score(a), -(a.published or _OLDEST).timestamp(), -a.id))


def make_entry(article: DigestArticle) -> DigestEntry:
    """Pick what a digest shows of an article: title, one or two summary sentences, the key quote."""
    quote = _clip(article.quote, MAX_QUOTE_CHARS) if article.quote else None
    sentences: list[str] = []
    source = article.summary or ((article.lead,) if article.lead else ())
    for sentence in source:
        sentence = " ".join(sentence.split())
        if not sentence:
            continue
        # The quote is shown on its own: a summary sentence that merely repeats it is left out.
        if article.quote and article.quote[:60] in sentence:
            continue
        if sentences and (len(sentences) >= MAX_SENTENCES or len(sentences[0]) + len(sentence) > MAX_SUMMARY_CHARS):
            break
        sentences.append(_clip(sentence, MAX_SUMMARY_CHARS))
    title = article.title or (sentences[0] if sentences else None) or article.source or f"#{article.id}"
    return DigestEntry(
        article_id=article.id,
        title=_clip(title, MAX_TITLE_CHARS),
        url=article.url,
        source=article.source,
        sentences=tuple(sentences) if article.title else tuple(sentences[1:]),
        quote=quote,
        speaker=article.speaker if quote else None,
        language=article.language,
    )


def select_articles(
    articles: Iterable[DigestArticle],
    *,
    languages: Iterable[str] = (),
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
) -> list[DigestArticle]:
    """Return the articles a subscriber wants, best first."""
    langs, inc, exc = tuple(languages), tuple(include), tuple(exclude)
    return rank_articles(a for a in articles if passes_filters(a, languages=langs, include=inc, exclude=exc))


def compose_digest(
    articles: Sequence[DigestArticle],
    *,
    languages: Iterable[str] = (),
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    offset: int = 0,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Digest | None:
    """Compose one page of a digest from the articles after a watermark; None when nothing new passes the filters."""
    chosen = select_articles(articles, languages=languages, include=include, exclude=exclude)
    if not chosen:
        return None
    offset = max(0, min(offset, len(chosen)))
    page = chosen[offset : offset + max(1, page_size)]
    return Digest(entries=tuple(make_entry(a) for a in page), total=len(chosen), offset=offset)
