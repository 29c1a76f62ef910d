"""The feed poller: fetch due feeds politely, take full text from teaser items' pages, store what is new.

    poller = FeedPoller(store, fetcher, interval_minutes=10, failure_alert=5, max_concurrency=8, notifier=notify)
    poller.start(job_queue)              # the bot's JobQueue (post_init); `await poller.aclose()` in post_shutdown
    report = await poller.poll_once()    # one pass over the due feeds (tests, `kabarchy feeds poll`)
    added = await poller.add_feed(url)   # validate by fetching once (autodiscovery for HTML pages), store backlog

Scheduling lives in the database (`feeds.next_due_at`), so it survives restarts: after a success a feed is next due
after its own interval, or its TTL when that is longer (capped at a day); after a failure, after an exponential
backoff (`bot.fetch.next_delay`, starting at the interval, capped at six hours, with jitter, and never sooner than a
server's Retry-After).

The timer is PTB's JobQueue (APScheduler), armed from the database: one `run_once` job at the earliest
`next_due_at` (at most `idle_seconds` away: another process, the CLI, may have added feeds), armed again after each
round, after each feed's poll (its next due time is known then) and at once on `wake()` (a feed added, resumed,
"check now"). A round only starts the due feeds, each as its own task, so one slow feed never holds back the others
and a round never outlasts its job. A round that fails reaches the application's error handler and the timer is
armed again all the same; a feed's own failure is caught, logged and recorded on it.

One feed's poll: conditional GET with the stored ETag / Last-Modified (a 304 stores nothing); a permanent redirect
moves the feed to its new URL; the feed is parsed off the event loop; items already stored are skipped before any
page is fetched; teaser items get their page fetched and extracted (a failure keeps the feed's text, so nothing is
lost); the drafts go through the store's deduplication (GUID, canonical URL, content) oldest first. Items found
before the feed's first successful poll (and items dated more than a day before the feed was added) are stored as
backlog: searchable, never announced as new (`articles.backlog`, which `ArticleRepository.since` skips).

Several processes on one database share the polling: a round claims its due feeds in the database
(`FeedRepository.claim_due`, `FOR UPDATE SKIP LOCKED` on PostgreSQL) and releases each claim once the feed's next
due time is stored, so a feed is fetched once per interval, by one process, whatever the number of processes.

Concurrency: at most `max_concurrency` feeds are polled at once, and the shared Fetcher bounds the HTTP requests
(feeds and pages together) and the requests per host. CPU work never runs on the event loop: feed parsing and page
extraction in a `WorkerPool` (bot/workers.py: threads, or `parse_workers` processes, each call with a deadline),
analysis and storing in the `Ingester` (bot/ingest.py).

Failures: every fetch or parse error is caught, logged and recorded as the feed's `last_error`; admins are told once
when a feed has failed `failure_alert` times in a row, and once when it recovers (`notifier`, provided by the bot).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import CallbackContext, JobQueue

from bot.config import Config
from bot.digests import make_holder
from bot.fetch import FetchError, Fetcher, FetchResult, HTTPStatusError, PrivateAddress, next_delay, poll_interval
from bot.ingest import Ingester
from bot.timers import Timer
from bot.workers import WorkerPool
from handlers.errors import AddFeedError
from handlers.services import AddedFeed
from handlers.views import feed_alert_message
from news.errors import ParseError
from news.models import ArticleDraft, Feed, FeedItem, Page, ParsedFeed, SaveStatus
from news.parse import (
    FeedError,
    NotAFeedError,
    UnsafeXMLError,
    draft_from_item,
    extract_page,
    find_feed_links,
    parse_feed,
)
from news.urls import url_key
from storage import Store
from storage.clock import utc_now

logger = logging.getLogger(__name__)

# How long a feed's claim lasts: longer than any poll (the page budget is 5 minutes); a process that died while
# polling leaves a claim that runs out after this.
CLAIM_TTL = timedelta(minutes=15)
BACKOFF_CAP_SECONDS = 6 * 3600.0  # a broken feed is still tried four times a day, so a recovery is noticed
MAX_INTERVAL_SECONDS = 86400.0
BACKLOG_SLACK = timedelta(days=1)  # an item dated this long before the feed was added is old news, whatever the poll


class AlertKind(StrEnum):
    """What admins are told about a feed."""

    FAILING = "failing"
    RECOVERED = "recovered"


@dataclass(frozen=True, slots=True)
class FeedAlert:
    """A feed crossed the failure threshold, or recovered after admins were told it failed."""

    kind: AlertKind
    feed: Feed


Notifier = Callable[[FeedAlert], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class FeedPollResult:
    """What one poll of one feed did. `status` is "ok", "not_modified" or "failed"."""

    feed_id: int
    url: str
    status: str
    items: int = 0
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: int = 0  # items already stored, not fetched again
    pages: int = 0  # pages fetched and extracted
    page_failures: int = 0  # teaser items whose page failed: stored with the feed's text
    backlog: int = 0  # of `new`, how many were stored as backlog
    error: str | None = None
    moved_to: str | None = None


@dataclass(frozen=True, slots=True)
class PollReport:
    """One pass over the due feeds."""

    results: tuple[FeedPollResult, ...] = ()

    @property
    def failed(self) -> int:
        """Return how many feeds failed."""
        return sum(r.status == "failed" for r in self.results)

    @property
    def new(self) -> int:
        """Return how many new articles were stored."""
        return sum(r.new for r in self.results)

    @property
    def items(self) -> int:
        """Return how many feed items were seen."""
        return sum(r.items for r in self.results)


def describe_error(error: BaseException) -> str:
    """Return a one-line description of a poll failure, fit for `/feeds` and the log."""
    if isinstance(error, FetchError):
        kind = {
            "InvalidURL": "invalid URL",
            "Timeout": "timeout",
            "NetworkError": "network error",
            "TooManyRedirects": "too many redirects",
            "HTTPStatusError": "HTTP error",
            "BadContentType": "wrong content type",
            "TooLarge": "too large",
            "DecodingError": "bad compression",
        }.get(type(error).__name__, "fetch error")
        return f"{kind}: {error}"
    if isinstance(error, UnsafeXMLError):
        return f"unsafe XML: {error}"
    if isinstance(error, NotAFeedError):
        return f"not a feed: {error}"
    if isinstance(error, ParseError):
        return f"unreadable feed: {error}"
    if isinstance(error, TimeoutError):
        return "parsing took too long"
    return f"internal error: {type(error).__name__}"


def admin_notifier(bot: Bot, store: Store, admins: Iterable[int], *, default_language: str) -> Notifier:
    """Return a notifier that sends each alert to every admin, in the language the admin chose (else the default).

    It raises (so the poller tells admins again after the next failure) only when no admin got the message and a
    failure was transient; an admin who never started the bot cannot be reached and is only logged.
    """
    recipients = sorted(set(admins))

    async def notify(alert: FeedAlert) -> None:
        delivered, transient = 0, None
        for admin in recipients:
            language = await store.chats.get_language(admin) or default_language
            text = feed_alert_message(alert.feed, recovered=alert.kind is AlertKind.RECOVERED, language=language)
            try:
                await bot.send_message(admin, text)
                delivered += 1
            except Forbidden:
                logger.warning("admin %d has not started the bot (or blocked it): feed alert not delivered", admin)
            except BadRequest as error:  # a NetworkError subclass in PTB, but not a transient one
                logger.warning("feed alert to admin %d refused: %s", admin, error)
            except (NetworkError, RetryAfter) as error:
                logger.warning("feed alert to admin %d failed: %s", admin, error)
                transient = error
            except TelegramError as error:
                logger.warning("feed alert to admin %d refused: %s", admin, error)
        if not delivered and transient is not None:
            raise transient

    return notify


# ---------------------------------------------------------------------------------------------------------------
# Parsing off the event loop


def _parse_feed_job(data: bytes, url: str, content_type: str | None) -> ParsedFeed:
    return parse_feed(data, url=url, content_type=content_type)


def _extract_page_job(data: bytes, url: str, content_type: str | None, now: datetime | None) -> Page:
    return extract_page(data, url=url, content_type=content_type, now=now)


def _feed_links_job(data: bytes, url: str, content_type: str | None) -> list[str]:
    return find_feed_links(data, url=url, content_type=content_type)


def _warm_up() -> None:
    """Import the parsing libraries once in a fresh worker, so the first real job does not pay for it."""
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401


# ---------------------------------------------------------------------------------------------------------------
# The poller



@dataclass
class _Claim:
    """A feed being polled; others wanting it wait for `done`."""

    done: asyncio.Event = field(default_factory=asyncio.Event)


class FeedPoller:
    """Poll feeds on their schedules and store their articles; see the module docstring."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        *,
        interval_minutes: int = 10,
        failure_alert: int = 5,
        max_concurrency: int = 8,
        notifier: Notifier | None = None,
        parse_workers: int = 0,
        parse_timeout: float = 60.0,
        ingester: Ingester | None = None,
        max_items: int = 500,
        max_pages: int = 200,
        page_budget: float = 300.0,
        idle_seconds: float = 60.0,
        save_batch: int = 32,
        clock: Callable[[], datetime] = utc_now,
        jitter: Callable[[], float] = random.random,
        holder: str | None = None,
        claim_ttl: timedelta = CLAIM_TTL,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.interval_minutes = max(1, interval_minutes)
        self.failure_alert = max(1, failure_alert)
        self.notifier = notifier
        self.parser = WorkerPool(parse_workers, timeout=parse_timeout, initializer=_warm_up)
        self.ingester = ingester or Ingester(store)
        self.max_items = max_items
        self.max_pages = max_pages
        self.page_budget = page_budget
        self.idle_seconds = idle_seconds
        self.save_batch = save_batch
        self.clock = clock
        self.jitter = jitter
        self.holder = holder or make_holder()  # this process, in the feeds' claims
        self.claim_ttl = claim_ttl
        self._slots = asyncio.Semaphore(max(1, max_concurrency))
        self._claims: dict[int, _Claim] = {}
        self._tasks: set[asyncio.Task[FeedPollResult]] = set()
        self._timer = Timer(self.job_round, name="feed-poller")
        self._force = False

    # --- running -------------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Tell whether the poller's timer runs on a JobQueue."""
        return self._timer.running

    @property
    def busy(self) -> int:
        """Return how many feeds are being polled right now."""
        return len(self._claims)

    def start(self, job_queue: JobQueue) -> None:
        """Poll due feeds on the JobQueue's timer, from now on."""
        self._timer.start(job_queue)
        logger.info("feed poller started")
        self._timer.arm(0.0)

    def wake(self, *, force: bool = False) -> None:
        """Look for due feeds now; `force` polls every unpaused feed, due or not ("check now")."""
        self._force = self._force or force
        self._timer.arm(0.0)

    async def stop(self) -> None:
        """Disarm the timer and stop every poll in flight (their transactions roll back); safe to call twice."""
        self._timer.stop()
        pending = [t for t in self._tasks if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    async def aclose(self) -> None:
        """Stop, and stop the parse workers (the store, the fetcher and the ingester belong to the caller)."""
        await self.stop()
        await self.parser.aclose()

    async def job_round(self, context: CallbackContext) -> None:
        """Start polling every due feed (the timer's job), then arm the timer for the next one due."""
        delay = self.idle_seconds
        try:
            force, self._force = self._force, False
            for feed in await self._due(self.clock(), force=force):
                self._spawn(feed)
            delay = await self._idle_delay()
        finally:
            # Armed again whatever happened (a briefly locked database): an error goes on to the error handler.
            self._timer.arm(delay)

    async def _idle_delay(self) -> float:
        due = await self.store.feeds.next_due_at()
        seconds = (due - self.clock()).total_seconds() if due is not None else self.idle_seconds
        # A feed already due is being polled right now; its end arms the timer again (see _poll_claimed).
        return self.idle_seconds if seconds <= 0 else min(self.idle_seconds, max(0.5, seconds))

    async def _due(self, now: datetime, *, force: bool) -> list[Feed]:
        # Claimed in the database: another process polling the same store takes other feeds, never these.
        feeds = await self.store.feeds.claim_due(now, self.holder, ttl=self.claim_ttl, limit=1000, force=force)
        return [f for f in feeds if f.id not in self._claims]

    def _spawn(self, feed: Feed) -> asyncio.Task[FeedPollResult] | None:
        if feed.id in self._claims:
            return None
        self._claims[feed.id] = _Claim()
        task = asyncio.create_task(self._poll_claimed(feed), name=f"kabarchy-feed-{feed.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def poll_once(
        self,
        now: datetime | None = None,
        *,
        force: bool = False,
        progress: Callable[[FeedPollResult], None] | None = None,
    ) -> PollReport:
        """Poll every feed due at `now` (every unpaused feed with `force`) and wait for all of them."""
        tasks = [t for t in (self._spawn(f) for f in await self._due(now or self.clock(), force=force)) if t]
        results = []
        for finished in asyncio.as_completed(tasks):
            result = await finished
            results.append(result)
            if progress is not None:
                progress(result)
        return PollReport(tuple(sorted(results, key=lambda r: r.feed_id)))

    async def poll_feed(self, feed_id: int) -> FeedPollResult | None:
        """Poll one feed now, whatever its schedule (paused or not); None when it does not exist."""
        feed = await self.store.feeds.get(feed_id)
        if feed is None:
            return None
        claim = self._claims.get(feed_id)
        if claim is not None or not await self._claim(feed_id):
            if claim is not None:
                await claim.done.wait()
            else:
                await self._wait_for_other_process(feed_id)
            feed = await self.store.feeds.get(feed_id)
            if feed is None:
                return None
            return FeedPollResult(feed.id, feed.url, "failed" if feed.consecutive_failures else "ok")
        task = self._spawn(feed)
        assert task is not None
        return await task

    async def _claim(self, feed_id: int) -> bool:
        return await self.store.feeds.claim(feed_id, self.holder, now=self.clock(), ttl=self.claim_ttl)

    async def _wait_for_other_process(self, feed_id: int, *, timeout: float = 60.0) -> None:
        """Wait (a while at most) until another process has finished polling a feed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if await self._claim(feed_id):
                await self.store.feeds.release(feed_id, self.holder)
                return
            await asyncio.sleep(0.25)

    # --- one feed ------------------------------------------------------------------------------------------

    async def _poll_claimed(
        self, feed: Feed, prefetched: tuple[FetchResult, ParsedFeed] | None = None
    ) -> FeedPollResult:
        """Poll a feed this poller has claimed; release the claim at the end, whatever happens."""
        try:
            async with self._slots:
                return await self._poll(feed, prefetched)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            # Only the bookkeeping itself can get here (the database went away mid-poll); never let it kill the runner.
            logger.exception("polling feed %d failed", feed.id)
            return FeedPollResult(feed.id, feed.url, "failed", error=describe_error(error))
        finally:
            try:
                await asyncio.shield(self.store.feeds.release(feed.id, self.holder))
            except Exception:  # the claim runs out by itself
                logger.warning("could not release the claim on feed %d", feed.id, exc_info=True)
            claim = self._claims.pop(feed.id, None)
            if claim is not None:
                claim.done.set()
            self._timer.arm(0.0)  # its next poll is scheduled now: the timer is armed for the earliest due feed

    async def _poll(self, feed: Feed, prefetched: tuple[FetchResult, ParsedFeed] | None) -> FeedPollResult:
        started = self.clock()
        try:
            if prefetched is not None:
                fetched, parsed = prefetched
            else:
                fetched = await self.fetcher.fetch_feed(feed.url, etag=feed.etag, last_modified=feed.last_modified)
                parsed = None
                if not fetched.not_modified:
                    parsed = await self.parser.run(_parse_feed_job, fetched.body, fetched.final_url, fetched.content_type)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # FetchError, the FeedError tree, a parse timeout, or a surprise
            return await self._failed(feed, error)
        moved_to = await self._follow_redirect(feed, fetched)
        if parsed is None:
            logger.debug("feed %d not modified", feed.id)
            await self._succeeded(feed, fetched, None)
            return FeedPollResult(feed.id, feed.url, "not_modified", moved_to=moved_to)
        try:
            result = await self._ingest(feed, parsed, now=started)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            # Storing failed (disk full, a locked database): keep the validators unchanged so the items come again.
            logger.exception("storing items of feed %d failed", feed.id)
            return await self._failed(feed, error)
        await self._succeeded(feed, fetched, parsed)
        if parsed.malformed:
            logger.info("feed %d (%s) is malformed XML; %d items recovered", feed.id, feed.url, len(parsed.items))
        logger.info(
            "feed %d: %d items, %d new (%d backlog), %d updated, %d pages, %d page failures",
            feed.id, result.items, result.new, result.backlog, result.updated, result.pages, result.page_failures,
        )
        return replace(result, moved_to=moved_to)

    async def _follow_redirect(self, feed: Feed, fetched: FetchResult) -> str | None:
        if not fetched.permanent_redirect or fetched.final_url == feed.url:
            return None
        if url_key(fetched.final_url) == url_key(feed.url):
            return None
        if await self.store.feeds.set_url(feed.id, fetched.final_url):
            logger.info("feed %d moved permanently: %s -> %s", feed.id, feed.url, fetched.final_url)
            return fetched.final_url
        logger.warning("feed %d redirects to %s, which another feed already has", feed.id, fetched.final_url)
        return None

    def _interval(self, feed: Feed, ttl: int | None) -> float:
        own = max(1, feed.interval_minutes) * 60.0
        # A TTL longer than our interval is the publisher asking us to come less often; a shorter one is not an
        # invitation to come more often.
        return poll_interval(ttl, default=own, minimum=own, maximum=max(own, MAX_INTERVAL_SECONDS))

    async def _succeeded(self, feed: Feed, fetched: FetchResult, parsed: ParsedFeed | None) -> None:
        ttl = parsed.ttl if parsed is not None else None
        seconds = self._interval(feed, ttl if ttl is not None else feed.ttl_minutes)
        before = await self.store.feeds.record_success(
            feed.id,
            next_due_at=self.clock() + timedelta(seconds=seconds),
            etag=fetched.etag,
            last_modified=fetched.last_modified,
            title=parsed.title if parsed is not None else None,
            ttl_minutes=ttl,
        )
        if before is not None and before.failure_notified:
            logger.info("feed %d (%s) recovered after %d failures", feed.id, feed.url, before.consecutive_failures)
            after = await self.store.feeds.get(feed.id)
            await self._notify(AlertKind.RECOVERED, after or before)

    async def _failed(self, feed: Feed, error: BaseException) -> FeedPollResult:
        message = describe_error(error)
        failures = feed.consecutive_failures + 1
        own = max(1, feed.interval_minutes) * 60.0
        delay = next_delay(failures, base=own, cap=max(own, BACKOFF_CAP_SECONDS), jitter=0.2 * self.jitter())
        if isinstance(error, HTTPStatusError) and error.retry_after:
            delay = max(delay, min(error.retry_after, MAX_INTERVAL_SECONDS))
        if isinstance(error, FetchError | ParseError | TimeoutError):
            logger.warning("feed %d (%s) failed (%d in a row): %s", feed.id, feed.url, failures, message)
        else:
            logger.error("feed %d (%s) failed unexpectedly", feed.id, feed.url, exc_info=error)
        try:
            updated = await self.store.feeds.record_failure(
                feed.id, message, next_due_at=self.clock() + timedelta(seconds=delay)
            )
        except Exception:
            logger.exception("could not record the failure of feed %d", feed.id)
            updated = None
        if updated is not None and updated.consecutive_failures >= self.failure_alert and not updated.failure_notified:
            if await self._notify(AlertKind.FAILING, updated):
                await self.store.feeds.mark_failure_notified(feed.id)
        return FeedPollResult(feed.id, feed.url, "failed", error=message)

    async def _notify(self, kind: AlertKind, feed: Feed) -> bool:
        """Tell admins; return False when the notifier failed (then a later poll tries again)."""
        if self.notifier is None:
            return True
        try:
            await self.notifier(FeedAlert(kind, feed))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("telling admins that feed %d is %s failed", feed.id, kind)
            return False
        return True

    # --- items ---------------------------------------------------------------------------------------------

    def _is_backlog(self, feed: Feed, item: FeedItem) -> bool:
        if not feed.backlog_done:
            return True
        published = item.published or item.updated
        return published is not None and published < feed.added_at - BACKLOG_SLACK

    async def _ingest(self, feed: Feed, parsed: ParsedFeed, *, now: datetime) -> FeedPollResult:
        items = list(parsed.items[: self.max_items])
        if len(parsed.items) > self.max_items:
            logger.warning("feed %d has %d items; reading the first %d", feed.id, len(parsed.items), self.max_items)
        # Oldest first, so article ids grow with time (digests follow ids).
        items.reverse()
        fresh: list[FeedItem] = []
        skipped = 0
        for item in items:
            known = await self.store.articles.find(url=item.link, guid=item.guid, feed_id=feed.id)
            # A stored teaser item is done (its page was read, or failed, once); a full-text item goes on to the
            # store, which sees an unchanged one without analysing it and updates an edited one.
            if known is not None and not item.full_text:
                skipped += 1
            else:
                fresh.append(item)
        pages, failures, drafts = await self._drafts(feed, parsed, fresh, now=now)
        counts = {status: 0 for status in SaveStatus}
        backlog_new = 0
        for backlog in (True, False):
            group = [draft for item, draft in drafts if self._is_backlog(feed, item) == backlog]
            if not group:
                continue
            async for saved in self.ingester.save_many(group, batch_size=self.save_batch, backlog=backlog):
                counts[saved.status] += 1
                if saved.status is SaveStatus.NEW and backlog:
                    backlog_new += 1
                if saved.status is SaveStatus.REJECTED:
                    logger.info("feed %d: an item was not stored: %s", feed.id, saved.error)
        return FeedPollResult(
            feed.id,
            feed.url,
            "ok",
            items=len(parsed.items),
            new=counts[SaveStatus.NEW],
            updated=counts[SaveStatus.UPDATED],
            duplicates=counts[SaveStatus.DUPLICATE],
            rejected=counts[SaveStatus.REJECTED],
            skipped=skipped,
            pages=pages,
            page_failures=failures,
            backlog=backlog_new,
        )

    async def _drafts(
        self, feed: Feed, parsed: ParsedFeed, items: Sequence[FeedItem], *, now: datetime
    ) -> tuple[int, int, list[tuple[FeedItem, ArticleDraft]]]:
        """Return (pages read, pages failed, drafts) for the items, fetching teaser items' pages in parallel."""
        wanted = [i for i, item in enumerate(items) if not item.full_text and item.link]
        if len(wanted) > self.max_pages:
            logger.info("feed %d: fetching %d of %d teaser pages this time", feed.id, self.max_pages, len(wanted))
            wanted = wanted[-self.max_pages :]  # the newest ones (items are oldest first here)
        pages: dict[int, Page | None] = {}
        if wanted:
            tasks = {
                asyncio.create_task(self._page(feed, items[i].link or "", now=now)): i for i in wanted
            }
            done, pending = await asyncio.wait(tasks, timeout=self.page_budget)
            for task in pending:
                task.cancel()
            if pending:
                logger.warning("feed %d: %d pages ran past the %g s budget", feed.id, len(pending), self.page_budget)
                await asyncio.gather(*pending, return_exceptions=True)
            for task, index in tasks.items():
                pages[index] = task.result() if task in done else None
        _distrust_shared_canonicals(pages)
        drafts = []
        for index, item in enumerate(items):
            draft = draft_from_item(item, page=pages.get(index), feed=parsed, feed_id=feed.id)
            if not draft.text.strip():
                # A title alone is not an article the store can analyse; it comes again with the next poll.
                logger.info("feed %d: item %r has no text and no readable page", feed.id, item.link or item.guid)
                continue
            drafts.append((item, draft))
        read = sum(page is not None for page in pages.values())
        return read, len(pages) - read, drafts

    async def _page(self, feed: Feed, url: str, *, now: datetime) -> Page | None:
        """Fetch and extract one article page; None (logged) when either fails."""
        try:
            fetched = await self.fetcher.fetch_page(url)
            return await self.parser.run(_extract_page_job, fetched.body, fetched.final_url, fetched.content_type, now)
        except asyncio.CancelledError:
            raise
        except (FetchError, ParseError, TimeoutError) as error:
            logger.info("feed %d: keeping the feed's text for %s: %s", feed.id, url, describe_error(error))
        except Exception:
            logger.exception("feed %d: extracting %s failed", feed.id, url)
        return None

    # --- adding --------------------------------------------------------------------------------------------

    async def add_feed(self, url: str, *, added_by: int | None = None) -> AddedFeed:
        """Validate a feed by fetching it once (an HTML page: the feed it links), add it and store its backlog.

        Raises AddFeedError with a reason the admin can act on.
        """
        url = url.strip()
        if "://" not in url and "." in url.split("/", 1)[0]:
            url = "https://" + url  # "kabar.kg/rss", as people type it
        if url_key(url) is None:
            raise AddFeedError("invalid_url", url)
        existing = await self.store.feeds.by_url(url)
        if existing is not None:
            return AddedFeed(existing, created=False)
        fetched = await self._fetch_for_add(url)
        discovered_from = None
        try:
            parsed = await self.parser.run(_parse_feed_job, fetched.body, fetched.final_url, fetched.content_type)
        except NotAFeedError as error:
            links = await self._feed_links(fetched)
            if not links:
                raise AddFeedError("no_feed", str(error)) from None
            found = await self._first_working_feed(links)
            if isinstance(found, Feed):
                return AddedFeed(found, created=False, discovered_from=url)
            discovered_from = url
            url, fetched, parsed = found
        except UnsafeXMLError as error:
            raise AddFeedError("unsafe", str(error)) from None
        except (FeedError, ParseError, TimeoutError) as error:
            raise AddFeedError("broken", describe_error(error)) from None
        return await self._add_parsed(url, fetched, parsed, added_by=added_by, discovered_from=discovered_from)

    async def _fetch_for_add(self, url: str) -> FetchResult:
        try:
            return await self.fetcher.fetch_feed(url)
        except PrivateAddress as error:
            raise AddFeedError("private", error.host) from None
        except FetchError as error:
            raise AddFeedError("unreachable", describe_error(error)) from None

    async def _feed_links(self, fetched: FetchResult) -> list[str]:
        try:
            return await self.parser.run(_feed_links_job, fetched.body, fetched.final_url, fetched.content_type)
        except (ParseError, TimeoutError):
            return []

    async def _first_working_feed(self, links: list[str]) -> Feed | tuple[str, FetchResult, ParsedFeed]:
        """Return the first linked feed that is already followed, or that fetches and parses; else raise."""
        last: BaseException | None = None
        for link in links[:4]:
            existing = await self.store.feeds.by_url(link)
            if existing is not None:
                return existing
            try:
                fetched = await self.fetcher.fetch_feed(link)
                parsed = await self.parser.run(_parse_feed_job, fetched.body, fetched.final_url, fetched.content_type)
                return link, fetched, parsed
            except (FetchError, ParseError, TimeoutError) as error:
                logger.info("linked feed %s does not work: %s", link, describe_error(error))
                last = error
        raise AddFeedError("no_feed", describe_error(last) if last else "")

    async def _add_parsed(
        self, url: str, fetched: FetchResult, parsed: ParsedFeed, *, added_by: int | None, discovered_from: str | None
    ) -> AddedFeed:
        feed_url = fetched.final_url if fetched.permanent_redirect else url
        feed, created = await self.store.feeds.add(
            feed_url,
            title=parsed.title,
            site_url=parsed.link,
            interval_minutes=self.interval_minutes,
            added_by=added_by,
        )
        if not created:
            return AddedFeed(feed, created=False, discovered_from=discovered_from)
        claim = self._claims.get(feed.id)
        if claim is not None or not await self._claim(feed.id):
            # The runner (or another process) picked the new feed up first (it is due at once): its poll stores
            # the backlog.
            if claim is not None:
                await claim.done.wait()
            else:
                await self._wait_for_other_process(feed.id)
            result = None
        else:
            self._claims[feed.id] = _Claim()
            result = await self._poll_claimed(feed, prefetched=(fetched, parsed))
        stored = await self.store.feeds.get(feed.id)
        return AddedFeed(
            stored or feed,
            created=True,
            items=len(parsed.items),
            stored=result.new if result is not None else 0,
            discovered_from=discovered_from,
        )



def _distrust_shared_canonicals(pages: dict[int, Page | None]) -> None:
    """Drop canonical URLs that cannot be one article's: the site's root, or one URL named by several pages.

    Some CMSes give every page the same canonical link (the home page, or a template's fixed path); trusted, it
    would make the store take every new article for an update of the first one.
    """
    keys = [url_key(page.canonical_url) if page and page.canonical_url else None for page in pages.values()]
    shared = {key for key in keys if key is not None and keys.count(key) > 1}
    for index, page in pages.items():
        if page is None or not page.canonical_url:
            continue
        key = url_key(page.canonical_url)
        if key in shared or urlsplit(page.canonical_url).path in ("", "/"):
            logger.info("ignoring the canonical URL %s of %s: not one article's", page.canonical_url, page.url)
            pages[index] = replace(page, canonical_url=None)


# How many processes parse feeds and extract pages for the bot. One keeps the event loop free on a small server
# (threads made /latest wait behind the parsers: see bench/ingest.py); more only pays off with spare cores.
PARSE_WORKERS = 1


def feed_poller(config: Config, store: Store, fetcher: Fetcher, bot: Bot, ingester: Ingester) -> FeedPoller:
    """Build the bot's feed poller from the configuration; alerts go to the admins through `bot`."""
    return FeedPoller(
        store,
        fetcher,
        ingester=ingester,
        interval_minutes=config.feed_interval_minutes,
        failure_alert=config.feed_failure_alert,
        max_concurrency=config.max_concurrent_fetches,
        notifier=admin_notifier(bot, store, config.admins, default_language=config.language),
        parse_workers=PARSE_WORKERS,
    )
