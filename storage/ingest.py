"""Turn an `ArticleDraft` into rows ready to store: analysis, identity keys, hashes and search words.

`prepare` is the CPU half of saving an article (it runs `news.analyse`); it touches no database, so it can run
in a worker thread or a worker process. `Analyser` runs it off the event loop:

- `workers=0`: `asyncio.to_thread`. No start-up cost, but analysis holds the GIL, so a busy import slows the
  event loop's other work.
- `workers=N`: a pool of N processes (started lazily with "spawn", because forking a process that runs
  aiosqlite threads is unsafe; they die with their parent, see storage/workers.py). Analysis then runs in parallel
  with the event loop and with SQLite.

See bench/storage.py for the measured difference.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from concurrent.futures import Executor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import NamedTuple

from news import analyse
from news.models import Analysis, ArticleDraft, BlockKind
from news.morph import MAX_WORD, fingerprint, fold, normalise_speaker, tokenize
from news.urls import canonical_url, url_key
from storage.clock import to_utc_text
from storage.workers import worker_pool

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 1_000_000  # a bigger "article" is a mistake (a whole dump or a binary file), not news
MAX_TITLE_CHARS = 300  # a longer title is trimmed: no headline is that long, and every card must fit a message
# Without a title, a text shorter than this (a sentence of half a dozen words) is noise (the "." items of a broken
# feed), not news; "Улуттук банк доллардын эсептик курсун 88,2 сом деп белгиледи." (61) is news.
UNTITLED_MIN_CHARS = 40


# Named tuples, not dataclasses: these cross from analysis processes to the writer by pickle, and a tuple
# unpickles several times faster than a slotted dataclass. They never leave the storage package.


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


def prepare(draft: ArticleDraft) -> PreparedArticle | Rejected:
    """Analyse a draft and compute its rows; a draft with nothing to store, or that breaks analysis, is Rejected."""
    try:
        return _prepare(draft)
    except Exception as exc:  # one odd article must not stop an import of thousands
        logger.exception("analysis failed for an article (url=%s)", draft.url)
        return Rejected(f"analysis failed: {type(exc).__name__}")


def _prepare(draft: ArticleDraft) -> PreparedArticle | Rejected:
    text = draft.text if isinstance(draft.text, str) else ""
    if len(text) > MAX_TEXT_CHARS:
        return Rejected(f"text has {len(text)} characters, more than {MAX_TEXT_CHARS}")
    if not text.strip():
        return Rejected("empty text")
    analysis: Analysis = analyse(text, title=trim_title(draft.title), url=draft.url, language=draft.language)
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
    words = set(tokenize(title or ""))
    words.update(tokenize(body))
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
        content_hash=fingerprint(body),
        source_hash=source_hash(draft),
        origin=origin_of(draft),
    )


class Analyser:
    """Run `prepare` off the event loop, in threads (`workers=0`) or in a lazily started process pool."""

    def __init__(self, *, workers: int = 0) -> None:
        self.workers = max(0, workers)
        self._pool: Executor | None = None

    def _executor(self) -> Executor | None:
        if self.workers == 0:
            return None
        if self._pool is None:
            self._pool = worker_pool(self.workers)
        return self._pool

    async def prepare(self, draft: ArticleDraft) -> PreparedArticle | Rejected:
        """Prepare one draft off the event loop."""
        return (await self.prepare_many([draft]))[0]

    async def prepare_many(self, drafts: Sequence[ArticleDraft]) -> list[PreparedArticle | Rejected]:
        """Prepare a batch, in parallel when there is a process pool."""
        pool = self._executor()
        if pool is None:
            return await asyncio.to_thread(prepare_chunk, list(drafts))
        loop = asyncio.get_running_loop()
        # A few drafts per task keeps the pickling overhead small without starving a worker.
        size = max(1, len(drafts) // (self.workers * 4))
        chunks = [list(drafts[i : i + size]) for i in range(0, len(drafts), size)]
        try:
            results = await asyncio.gather(*(loop.run_in_executor(pool, prepare_chunk, c) for c in chunks))
        except BrokenProcessPool:
            # A worker died (killed, out of memory): start a fresh pool next time, do this batch here.
            logger.error("an analysis worker process died; restarting the pool")
            self.close()
            return await asyncio.to_thread(prepare_chunk, list(drafts))
        return [item for chunk in results for item in chunk]

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def prepare_chunk(drafts: list[ArticleDraft]) -> list[PreparedArticle | Rejected]:
    """Prepare several drafts in one worker call."""
    return [prepare(d) for d in drafts]
