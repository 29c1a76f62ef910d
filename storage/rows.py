"""An article's rows: an `ArticleDraft` and its `news.Analysis` become what one save writes, with no database.

    checked = check_draft(draft)                # Rejected for what cannot be news (empty, too big), else None
    rows = article_rows(draft, analysis)        # PreparedArticle (or Rejected): keys, hashes, search words

Pure and CPU-bound, so the ingest use case (bot/ingest.py) runs it in worker processes right after the analysis;
`ArticleRepository.save_prepared` writes the result. Each text is tokenised once, for the search vocabulary and
the duplicate check together.
"""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from news.models import Analysis, ArticleDraft, BlockKind
from news.morph import MAX_WORD, fingerprint, fold, normalise_speaker, tokenize
from news.urls import canonical_url, url_key
from storage.clock import to_utc_text

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000  # a bigger "article" is a mistake (a whole dump or a binary file), not news
MAX_TITLE_CHARS = 300  # a longer title is trimmed: no headline is that long, and every card must fit a message
# Without a title, a text shorter than this (a sentence of half a dozen words) is noise (the "." items of a broken
# feed), not news; "Улуттук банк доллардын эсептик курсун 88,2 сом деп белгиледи." (61) is news.
UNTITLED_MIN_CHARS = 40


# Named tuples, not dataclasses: these cross from analysis processes to the writer by pickle, and a tuple
# unpickles several times faster than a slotted dataclass.


class PreparedQuote(NamedTuple):
    """A quote row before it has an id."""

    position: int
    rank: int
    text: str
    speaker: str | None
    speaker_norm: str | None
    score: float
    sentence: int | None


class PreparedArticle(NamedTuple):
    """Everything one article's rows need, computed away from the database."""

    url: str | None
    canonical_url: str | None
    url_key: str | None
    guid: str | None
    guid_key: str | None
    source: str | None
    feed_id: int | None
    author: str | None
    title: str | None
    lead: str | None
    body: str
    language: str
    published: str | None
    summary: tuple[str, ...]
    quotes: tuple[PreparedQuote, ...]
    # Search vocabulary entries: "key" when the word is its own folded key, else "key\tword".
    terms: tuple[str, ...]
    content_hash: int
    source_hash: int
    # Who stored it (see ArticleDraft.origin): only the same origin, or an admin (None), may update it in place.
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A draft that cannot be stored, and why."""

    reason: str


def source_hash(draft: ArticleDraft) -> int:
    """Return a fingerprint of the draft exactly as received (title and text), to skip re-analysing it."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update((draft.title or "").encode("utf-8", "surrogatepass"))
    digest.update(b"\x00")
    digest.update(draft.text.encode("utf-8", "surrogatepass"))
    return int.from_bytes(digest.digest(), "big") >> 1


def guid_key(draft: ArticleDraft) -> str | None:
    """Return the key a GUID is unique under.

    A GUID that is a URL or URN is global; a bare one ("12345") is only unique within its feed or source.
    """
    guid = (draft.guid or "").strip()
    if not guid:
        return None
    if ":" in guid:
        return guid
    scope = f"feed:{draft.feed_id}" if draft.feed_id is not None else f"source:{(draft.source or '').strip().lower()}"
    return f"{scope}|{guid}"


def origin_of(draft: ArticleDraft) -> str | None:
    """Return who stores a draft: its own origin, "feed:<id>" for a feed's item, or None for an admin."""
    if draft.origin:
        return draft.origin
    return f"feed:{draft.feed_id}" if draft.feed_id is not None else None


def trim_title(title: str | None, limit: int = MAX_TITLE_CHARS) -> str | None:
    """Return a title on one line, cut at a word near `limit` characters (with "…"); None when blank."""
    if not title:
        return None
    text = " ".join(title[: limit * 4].split())
    if len(text) <= limit:
        return text or None
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"


def _published(draft: ArticleDraft) -> str | None:
    if draft.published is None:
        return None
    try:
        return to_utc_text(draft.published)
    except (OverflowError, ValueError):
        return None


def check_draft(draft: ArticleDraft) -> Rejected | None:
    """Return why a draft cannot be an article before any analysis (no text, far too much), or None."""
    text = draft.text if isinstance(draft.text, str) else ""
    if len(text) > MAX_TEXT_CHARS:
        return Rejected(f"text has {len(text)} characters, more than {MAX_TEXT_CHARS}")
    if not text.strip():
        return Rejected("empty text")
    return None


def content_fingerprint(body: str, tokens: list[str]) -> int:
    """Return `news.morph.fingerprint(body)` from the body's tokens, without tokenising it again.

    fingerprint folds the text, then tokenises it; tokenising, then folding each token gives the same words when
    the text is in NFC and has no letter whose lower case is longer (İ): then the tokens are reused.
    """
    if body.isascii() or ("İ" not in body and unicodedata.is_normalized("NFC", body)):
        digest = hashlib.blake2b(" ".join(fold(t) for t in tokens).encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "big") >> 1
    return fingerprint(body)


def article_rows(draft: ArticleDraft, analysis: Analysis) -> PreparedArticle | Rejected:
    """Compute an analysed draft's rows; Rejected when nothing readable is left (or it is untitled noise)."""
    body = "\n\n".join(b.text for b in analysis.blocks if b.kind is not BlockKind.TITLE).strip()
    if not body:
        return Rejected("no readable text")
    title = trim_title(analysis.title)
    if title is None and len(body) < UNTITLED_MIN_CHARS:
        return Rejected(f"no title and only {len(body)} characters of text")
    quotes = tuple(
        PreparedQuote(
            position=q.position,
            rank=rank,
            text=q.text,
            speaker=q.speaker,
            speaker_norm=normalise_speaker(q.speaker),
            score=float(q.score),
            sentence=q.sentence,
        )
        for rank, q in enumerate(analysis.quotes)
    )
    body_tokens = tokenize(body)
    words = set(body_tokens)
    words.update(tokenize(title or ""))
    for q in quotes:
        words.update(tokenize(q.speaker or ""))
    terms = []
    for word in words:
        if len(word) <= MAX_WORD:
            key = fold(word)
            terms.append(key if key == word else f"{key}\t{word}")
    url = draft.url.strip() if draft.url and draft.url.strip() else None
    return PreparedArticle(
        url=url,
        canonical_url=canonical_url(url),
        url_key=url_key(url),
        guid=draft.guid.strip() if draft.guid and draft.guid.strip() else None,
        guid_key=guid_key(draft),
        source=draft.source.strip() if draft.source and draft.source.strip() else None,
        feed_id=draft.feed_id,
        author=draft.author,
        title=title,
        lead=analysis.lead,
        body=body,
        language=analysis.language,
        published=_published(draft),
        summary=tuple(analysis.summary),
        quotes=quotes,
        terms=tuple(sorted(terms)),
        content_hash=content_fingerprint(body, body_tokens),
        source_hash=source_hash(draft),
        origin=origin_of(draft),
    )
