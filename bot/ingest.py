"""Ingest: drafts in, stored articles out. The one place where analysis meets the store (handlers.services.IngestService).

    ingester = Ingester(store, WorkerPool(2), fetcher=fetcher)
    result = await ingester.save(draft)                 # one article: an admin's message, a channel post
    async for result in ingester.save_many(drafts):     # many, in order: a feed poll, `kabarchy ingest`
        ...
    result = await ingester.ingest_url(url)             # /add: fetch, extract, analyse, store (or IngestError)

A draft already stored exactly as received (same title and text) is recognised before any analysis. Every other
one is analysed in the pool (`prepare`: news.analyse, then storage.rows for the keys, hashes and search words, with
each text tokenised once), and storage writes a batch in one transaction (ArticleRepository.save_prepared).
`save_many` keeps up to `in_flight` batches in the pool while it writes the oldest, so the workers never wait for
the database and the database never waits for a whole batch to finish analysing.

A draft whose analysis fails or runs past the pool's deadline is REJECTED (logged); the others of its batch are
tried again one by one, so one odd article never costs its neighbours.

/add's expected failures become handlers.errors.IngestError with a reason the handler can put into words:

    invalid_url   not an http(s) URL
    private       a private, loopback or link-local address (or a name resolving to one) while those are refused
    unreachable   timeout, network error, HTTP error status, redirect loop, too large, not an HTML page
    not_article   the page has no article body
    rejected      the store refused the text (empty, or unreadable)
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Sequence
from datetime import datetime

from bot.fetch import BadContentType, Fetcher, FetchError, HTTPStatusError, InvalidURL, PrivateAddress, TooLarge
from bot.workers import PoolRestarted, WorkerPool
from handlers.errors import IngestError
from news import analyse
from news.errors import ParseError
from news.models import ArticleDraft, Page, SaveResult, SaveStatus
from news.parse import draft_from_page, extract_page
from storage import Store
from storage.clock import utc_now
from storage.rows import PreparedArticle, Rejected, article_rows, check_draft, source_hash, trim_title

logger = logging.getLogger(__name__)

BATCH_SIZE = 64  # articles per transaction
IN_FLIGHT = 3  # batches being analysed while one is written
CHUNKS_PER_WORKER = 4  # a batch is cut into this many chunks per worker: small enough that no worker waits long
ANALYSIS_TIMEOUT = 120.0  # seconds for one chunk (a few articles; news.analyse reads at most 300,000 characters)

Item = SaveResult | PreparedArticle | Rejected


def prepare(draft: ArticleDraft) -> PreparedArticle | Rejected:
    """Analyse a draft and compute its rows (CPU only; runs in a worker); Rejected when it cannot be stored."""
    try:
        rejected = check_draft(draft)
        if rejected is not None:
            return rejected
        analysis = analyse(draft.text, title=trim_title(draft.title), url=draft.url, language=draft.language)
        return article_rows(draft, analysis)
    except Exception as exc:  # one odd article must not stop an import of thousands
        logger.exception("analysis failed for an article (url=%s)", draft.url)
        return Rejected(f"analysis failed: {type(exc).__name__}")


def prepare_chunk(drafts: list[ArticleDraft]) -> list[PreparedArticle | Rejected]:
    """Prepare several drafts in one worker call (fewer round trips than one call each)."""
    return [prepare(d) for d in drafts]


def _extract_page_job(data: bytes, url: str, content_type: str | None, now: datetime) -> Page:
    return extract_page(data, url=url, content_type=content_type, now=now)


def _describe(error: FetchError) -> str:
    """Return a short cause fit for an admin: no URLs (they already know it), no stack."""
    if isinstance(error, HTTPStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, BadContentType):
        return f"not a web page ({error.content_type})"
    if isinstance(error, TooLarge):
        return f"larger than {error.limit // (1024 * 1024)} MB"
    return str(error)


async def _batches(
    drafts: Iterable[ArticleDraft] | AsyncIterable[ArticleDraft], size: int
) -> AsyncIterator[list[ArticleDraft]]:
    batch: list[ArticleDraft] = []
    if isinstance(drafts, AsyncIterable):
        async for draft in drafts:
            batch.append(draft)
            if len(batch) >= size:
                yield batch
                batch = []
    else:
        for draft in drafts:
            batch.append(draft)
            if len(batch) >= size:
                yield batch
                batch = []
    if batch:
        yield batch


class Ingester:
    """Store drafts: skip what is stored as received, analyse the rest in the pool, write in batches."""

    def __init__(
        self,
        store: Store,
        pool: WorkerPool | None = None,
        *,
        fetcher: Fetcher | None = None,
        in_flight: int = IN_FLIGHT,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.store = store
        self.pool = pool or WorkerPool(0, timeout=ANALYSIS_TIMEOUT)
        self.fetcher = fetcher
        self.in_flight = max(1, in_flight)
        self.clock = clock

    async def save(self, draft: ArticleDraft, *, backlog: bool = False) -> SaveResult:
        """Analyse and store one article, or recognise it as a duplicate or an update of a stored one.

        `backlog=True` stores it as old news: searchable, but never announced as new.
        """
        (result,) = await self._write(await self._prepare([draft]), backlog=backlog)
        return result

    async def save_many(
        self,
        drafts: Iterable[ArticleDraft] | AsyncIterable[ArticleDraft],
        *,
        batch_size: int = BATCH_SIZE,
        backlog: bool = False,
    ) -> AsyncIterator[SaveResult]:
        """Store many articles, one transaction per batch, yielding one result per draft in order."""
        pending: deque[asyncio.Task[list[Item]]] = deque()
        try:
            async for batch in _batches(drafts, max(1, batch_size)):
                pending.append(asyncio.create_task(self._prepare(batch)))
                if len(pending) > self.in_flight:
                    for result in await self._write(await pending.popleft(), backlog=backlog):
                        yield result
            while pending:
                for result in await self._write(await pending.popleft(), backlog=backlog):
                    yield result
        finally:
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _prepare(self, batch: list[ArticleDraft]) -> list[Item]:
        """Recognise the drafts stored as received, and analyse the others in the pool (chunks in parallel)."""
        known = await self.store.articles.known_inputs(batch)
        items: list[Item | None] = []
        todo: list[ArticleDraft] = []
        for draft in batch:
            existing = known.get(source_hash(draft)) if isinstance(draft.text, str) else None
            if existing is not None:
                items.append(SaveResult(SaveStatus.DUPLICATE, existing, matched_by="input"))
            else:
                items.append(None)
                todo.append(draft)
        prepared = iter(await self._analyse(todo) if todo else [])
        return [item if item is not None else next(prepared) for item in items]

    async def _analyse(self, drafts: Sequence[ArticleDraft]) -> list[PreparedArticle | Rejected]:
        size = max(1, len(drafts) // (max(1, self.pool.workers) * CHUNKS_PER_WORKER))
        chunks = [list(drafts[i : i + size]) for i in range(0, len(drafts), size)]
        results = await asyncio.gather(*(self._analyse_chunk(chunk) for chunk in chunks))
        return [item for chunk in results for item in chunk]

    async def _analyse_chunk(
        self, chunk: list[ArticleDraft], *, retried: bool = False
    ) -> list[PreparedArticle | Rejected]:
        try:
            return await self.pool.run(prepare_chunk, chunk)
        except PoolRestarted:
            if not retried:  # a worker died, or a neighbour's stuck article restarted the pool: once more
                return await self._analyse_chunk(chunk, retried=True)
        except TimeoutError:
            pass
        if len(chunk) == 1:
            logger.error("analysis of an article (url=%s) ran past its deadline", chunk[0].url)
            return [Rejected("analysis took too long")]
        # One article of the chunk is stuck: one by one, so only that one is rejected.
        return [item for draft in chunk for item in await self._analyse_chunk([draft], retried=True)]

    async def _write(self, items: list[Item], *, backlog: bool) -> list[SaveResult]:
        return await self.store.articles.save_prepared(items, backlog=backlog)

    # --- /add ----------------------------------------------------------------------------------------------

    async def ingest_url(self, url: str) -> SaveResult:
        """Store the article at `url` and return what saving did; raise IngestError for expected failures."""
        existing = await self.store.articles.find(url=url)
        if existing is not None:
            return SaveResult(SaveStatus.DUPLICATE, existing, matched_by="url")
        if self.fetcher is None:
            raise IngestError("unreachable", "this bot fetches no pages")
        try:
            fetched = await self.fetcher.fetch_page(url)
        except PrivateAddress as exc:
            raise IngestError("private", exc.host) from None
        except InvalidURL as exc:
            raise IngestError("invalid_url", str(exc)) from None
        except FetchError as exc:
            logger.info("/add could not fetch a page: %s", exc)
            raise IngestError("unreachable", _describe(exc)) from None
        try:
            page = await self.pool.run(
                _extract_page_job, fetched.body, fetched.final_url, fetched.content_type, self.clock()
            )
        except ParseError as exc:
            logger.info("/add found no article on a page: %s", exc)
            raise IngestError("not_article", str(exc)) from None
        except TimeoutError:
            raise IngestError("not_article", "reading the page took too long") from None
        result = await self.save(draft_from_page(page))
        if result.status is SaveStatus.REJECTED:
            raise IngestError("rejected", result.error or "")
        return result
