"""Store the article at a URL (an admin's /add): fetch, extract, analyse, save. handlers.admin.IngestService.

    ingester = UrlIngester(store, fetcher)
    result = await ingester.ingest_url("https://kabar.example/news/123")   # SaveResult, or IngestError

Fetching is async (bot.fetch.Fetcher: timeouts, size cap, private addresses refused unless allowed); page
extraction is CPU work and runs in a thread; analysis runs off the loop inside `store.articles.save`. Expected
failures become handlers.errors.IngestError with a reason the handler can put into words:

    invalid_url   not an http(s) URL
    private       a private, loopback or link-local address (or a name resolving to one) while those are refused
    unreachable   timeout, network error, HTTP error status, redirect loop, too large, not an HTML page
    not_article   the page has no article body
    rejected      the store refused the text (empty, or unreadable)
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from bot.fetch import BadContentType, Fetcher, FetchError, HTTPStatusError, InvalidURL, PrivateAddress, TooLarge
from handlers.errors import IngestError
from news.errors import ParseError
from news.models import SaveResult, SaveStatus
from news.parse import draft_from_page, extract_page
from storage import Store
from storage.clock import utc_now

logger = logging.getLogger(__name__)



def _describe(error: FetchError) -> str:
    """Return a short cause fit for an admin: no URLs (they already know it), no stack."""
    if isinstance(error, HTTPStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, BadContentType):
        return f"not a web page ({error.content_type})"
    if isinstance(error, TooLarge):
        return f"larger than {error.limit // (1024 * 1024)} MB"
    return str(error)


class UrlIngester:
    """Fetch a page, extract its article and store it; one URL at a time per ingester is enough for /add."""

    def __init__(self, store: Store, fetcher: Fetcher, *, clock: Callable[[], datetime] = utc_now) -> None:
        self.store = store
        self.fetcher = fetcher
        self.clock = clock

    async def ingest_url(self, url: str) -> SaveResult:
        """Store the article at `url` and return what saving did; raise IngestError for expected failures."""
        existing = await self.store.articles.find(url=url)
        if existing is not None:
            return SaveResult(SaveStatus.DUPLICATE, existing, matched_by="url")
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
            page = await asyncio.to_thread(
                extract_page, fetched.body, url=fetched.final_url, content_type=fetched.content_type, now=self.clock()
            )
        except ParseError as exc:
            logger.info("/add found no article on a page: %s", exc)
            raise IngestError("not_article", str(exc)) from None
        result = await self.store.articles.save(draft_from_page(page))
        if result.status is SaveStatus.REJECTED:
            raise IngestError("rejected", result.error or "")
        return result
