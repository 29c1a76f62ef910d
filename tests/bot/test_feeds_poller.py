"""The feed poller against a real local web server (tests/webserver.py) and a real Store in tmp_path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from telegram import Bot
from telegram.ext import Application

from botapi_emulator import Emulator
from bot.feeds import AlertKind, FeedAlert, FeedPoller, admin_notifier
from bot.fetch import Fetcher
from handlers.errors import AddFeedError
from news.models import Feed
from storage import Store
from tests.webserver import FIXTURES, WebServer, http_date, web  # noqa: F401  (web is a fixture)

START = datetime(2024, 5, 17, 6, 0, tzinfo=UTC)  # the fixtures' news is from mid-May 2024
LAST_MODIFIED = http_date(1715835600)
LEAKS = ("SCRIPT_LEAK", "STYLE_LEAK", "COMMENT_LEAK", "FOOTER_LEAK", "FORM_LEAK", "RELATED_LEAK")


class Clock:
    """A settable clock shared by the store and the poller."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest_asyncio.fixture
async def store(tmp_path: Path, clock: Clock) -> AsyncIterator[Store]:
    async with await Store.open(tmp_path / "kabarchy.db", clock=clock) as opened:
        yield opened


@pytest_asyncio.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(
        allow_private_addresses=True,
        connect_timeout=1,
        read_timeout=1,
        total_timeout=3,
        max_bytes=1024 * 1024,
        max_concurrency=20,
        max_per_host=20,
    ) as client:
        yield client


class Alerts(list[FeedAlert]):
    async def __call__(self, alert: FeedAlert) -> None:
        self.append(alert)


@pytest.fixture
def alerts() -> Alerts:
    return Alerts()


@pytest_asyncio.fixture
async def poller(store: Store, fetcher: Fetcher, clock: Clock, alerts: Alerts) -> AsyncIterator[FeedPoller]:
    feeds = FeedPoller(
        store, fetcher, interval_minutes=10, failure_alert=3, notifier=alerts, clock=clock, jitter=lambda: 0.0
    )
    yield feeds
    await feeds.aclose()


def serve_kabar_ordo(web: WebServer, feed: str = "rss20_ky_teasers.xml", **options: object) -> str:
    """Serve the Kyrgyz teaser feed and the pages its items link (the Naryn item has no page: 404)."""
    web.add_fixture("/ky/news/2024/05/16/mektep", "page_ky_mektep.html")
    web.add_fixture("/ky/news/2024/05/15/issyk-kul", "page_ky_issyk_kul.html")
    web.add_fixture("/ky/news/2024/05/17/osh-bazar", "page_ky_osh_bazar.html")
    return web.add_fixture("/feeds/ky.xml", feed, content_type="application/rss+xml; charset=utf-8", **options)


async def add(store: Store, url: str) -> Feed:
    feed, created = await store.feeds.add(url, interval_minutes=10)
    assert created
    return feed


# --- the first poll: backlog with full text ---------------------------------------------------------------------


async def test_first_poll_stores_the_backlog_with_full_text_and_announces_nothing(
    web: WebServer, store: Store, poller: FeedPoller
) -> None:
    feed = await add(store, serve_kabar_ordo(web))
    report = await poller.poll_once()
    [result] = report.results
    assert (result.status, result.items, result.new, result.backlog) == ("ok", 3, 3, 3)
    assert (result.pages, result.page_failures) == (2, 1)  # the Naryn page is a 404: the feed's text is kept

    page = await store.articles.latest(limit=10)
    assert len(page.items) == 3
    school_id = await store.articles.find(guid="kabarordo-ky-10412", feed_id=feed.id)
    assert school_id is not None
    school = await store.articles.get(school_id)
    assert school is not None and school.backlog
    assert "Окуучулар сентябрда келет" in school.body  # from the page, not the two-line teaser
    assert not any(leak in school.body for leak in LEAKS)
    assert school.url == web.url("/ky/news/2024/05/16/mektep")  # the item's relative link, made absolute
    assert school.author == "Айгүл Сапарова" and school.language == "ky"
    naryn = await store.articles.get(await store.articles.find(guid="kabarordo-ky-10398", feed_id=feed.id) or 0)
    assert naryn is not None and "Торугарт" in naryn.body

    # Stored and searchable, but a digest's "new articles" skip them.
    assert await store.articles.since(0) == []
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.backlog_done and stored.title == "Кабар Ордо — Жаңылыктар"
    assert stored.last_success_at == START and stored.consecutive_failures == 0


async def test_a_changed_feed_stores_its_new_item_with_full_text_summary_and_quotes(
    web: WebServer, store: Store, poller: FeedPoller, clock: Clock
) -> None:
    feed = await add(store, serve_kabar_ordo(web))
    await poller.poll_once()
    watermark = await store.articles.newest_id()

    serve_kabar_ordo(web, "rss20_ky_teasers_v2.xml")
    clock.advance(minutes=16)
    [result] = (await poller.poll_once()).results
    assert (result.status, result.items, result.new, result.backlog, result.skipped) == ("ok", 4, 1, 0, 3)
    assert web.hits("/ky/news/2024/05/16/mektep") == 1  # stored items are not fetched again

    [fresh] = await store.articles.since(watermark)
    article = await store.articles.get(fresh.id)
    assert article is not None and not article.backlog and article.feed_id == feed.id
    assert article.title == "Ош базарында соода түйүнү кайра курулат"
    assert "Сатуучулар эмне дейт" in article.body and "1,2 миллиард" in article.body
    assert not any(leak in article.body for leak in LEAKS)
    assert article.summary and article.summary[0].startswith("Ош шаарынын мэриясы")
    speakers = {quote.speaker for quote in article.quotes}
    assert {"Бакыт Жумабеков", "Гүлнара Ташиева"} <= speakers
    assert article.url == web.url("/ky/news/2024/05/17/osh-bazar")


async def test_an_item_dated_long_before_the_feed_was_added_is_backlog_even_later(
    web: WebServer, store: Store, poller: FeedPoller, clock: Clock
) -> None:
    await add(store, serve_kabar_ordo(web))
    await poller.poll_once()
    old = (FIXTURES / "rss20_ky_teasers_v2.xml").read_text(encoding="utf-8")
    web.add("/feeds/ky.xml", old.replace("Fri, 17 May 2024 09:15:00", "Mon, 06 May 2024 09:15:00"),
            content_type="application/rss+xml")
    clock.advance(minutes=16)
    [result] = (await poller.poll_once()).results
    assert (result.new, result.backlog) == (1, 1)


# --- politeness: conditional GET, TTL, redirects ----------------------------------------------------------------


async def test_conditional_get_sends_the_validators_and_a_304_stores_nothing(
    web: WebServer, store: Store, poller: FeedPoller, clock: Clock
) -> None:
    feed = await add(store, serve_kabar_ordo(web, etag='"v1"', last_modified=LAST_MODIFIED, compress="gzip"))
    await poller.poll_once()
    stored = await store.feeds.get(feed.id)
    assert stored is not None and (stored.etag, stored.last_modified) == ('"v1"', LAST_MODIFIED)
    count = await store.articles.count()

    assert (await poller.poll_once()).results == ()  # not due yet
    clock.advance(minutes=16)
    [result] = (await poller.poll_once()).results
    assert result.status == "not_modified"
    last = web.requests_to("/feeds/ky.xml")[-1]
    assert (last.headers["if-none-match"], last.headers["if-modified-since"]) == ('"v1"', LAST_MODIFIED)
    assert last.status == 304 and web.requests_to("/feeds/ky.xml")[0].served_encoding == "gzip"
    assert await store.articles.count() == count
    after = await store.feeds.get(feed.id)
    assert after is not None and after.last_success_at == clock.now


async def test_the_feed_ttl_is_respected_when_longer_than_the_interval(
    web: WebServer, store: Store, poller: FeedPoller, clock: Clock
) -> None:
    feed = await add(store, serve_kabar_ordo(web))  # <ttl>15</ttl>
    await poller.poll_once()
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.ttl_minutes == 15
    assert stored.next_due_at == START + timedelta(minutes=15)
    clock.advance(minutes=11)
    assert (await poller.poll_once()).results == ()


async def test_a_permanent_redirect_moves_the_feed_to_its_new_address(
    web: WebServer, store: Store, poller: FeedPoller
) -> None:
    new_url = serve_kabar_ordo(web)
    old_url = web.redirect("/rss", "/feeds/ky.xml", status=301)
    feed = await add(store, old_url)
    [result] = (await poller.poll_once()).results
    assert result.moved_to == new_url
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.url == new_url


async def test_a_temporary_redirect_keeps_the_address(web: WebServer, store: Store, poller: FeedPoller) -> None:
    serve_kabar_ordo(web)
    old_url = web.redirect("/rss", "/feeds/ky.xml", status=302)
    feed = await add(store, old_url)
    await poller.poll_once()
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.url == old_url and stored.backlog_done


# --- failures: backoff, alerts once, recovery once --------------------------------------------------------------


async def test_failures_back_off_exponentially_and_honour_retry_after(
    web: WebServer, store: Store, poller: FeedPoller, clock: Clock
) -> None:
    feed = await add(store, web.url("/_/status/500"))
    delays = []
    for _ in range(4):
        [result] = (await poller.poll_once()).results
        assert result.status == "failed" and result.error == "HTTP error: HTTP 500 Internal Server Error"
        stored = await store.feeds.get(feed.id)
        assert stored is not None and stored.next_due_at is not None
        delays.append(stored.next_due_at - clock.now)
        clock.now = stored.next_due_at
    assert delays == [timedelta(minutes=m) for m in (10, 20, 40, 80)]

    slow = await add(store, web.url("/_/status/503?retry_after=7200"))
    await poller.poll_feed(slow.id)
    stored = await store.feeds.get(slow.id)
    assert stored is not None and stored.next_due_at == clock.now + timedelta(hours=2)


async def test_admins_are_told_once_after_n_failures_and_once_on_recovery(
    web: WebServer, store: Store, poller: FeedPoller, clock: Clock, alerts: Alerts
) -> None:
    web.add("/feeds/ky.xml", "down for maintenance", status=503, content_type="text/plain")
    feed = await add(store, web.url("/feeds/ky.xml"))
    for attempt in range(1, 7):
        await poller.poll_once(force=True)
        clock.advance(hours=7)
        assert len(alerts) == (0 if attempt < 3 else 1)
    [failing] = alerts
    assert failing.kind is AlertKind.FAILING and failing.feed.id == feed.id
    assert failing.feed.consecutive_failures == 3 and "503" in (failing.feed.last_error or "")

    serve_kabar_ordo(web)
    for _ in range(3):
        await poller.poll_once(force=True)
    assert [a.kind for a in alerts] == [AlertKind.FAILING, AlertKind.RECOVERED]
    recovered = alerts[-1].feed
    assert recovered.consecutive_failures == 0 and recovered.last_success_at is not None


async def test_a_failing_notifier_is_retried_on_the_next_failure(
    web: WebServer, store: Store, fetcher: Fetcher, clock: Clock
) -> None:
    calls: list[FeedAlert] = []

    async def flaky(alert: FeedAlert) -> None:
        calls.append(alert)
        if len(calls) == 1:
            raise ConnectionError("Telegram is unreachable")

    feed = await add(store, web.url("/_/status/500"))
    async with asyncio.timeout(30):
        poller = FeedPoller(store, fetcher, failure_alert=1, notifier=flaky, clock=clock, jitter=lambda: 0.0)
        try:
            for _ in range(3):
                await poller.poll_once(force=True)
        finally:
            await poller.aclose()
    assert len(calls) == 2
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.failure_notified


# --- concurrency ------------------------------------------------------------------------------------------------


async def test_no_more_feeds_are_fetched_at_once_than_the_bound(
    web: WebServer, store: Store, fetcher: Fetcher, clock: Clock
) -> None:
    for number in range(12):
        await store.feeds.add(web.url(f"/_/hold?delay=0.2&feed={number}"))
    poller = FeedPoller(store, fetcher, max_concurrency=3, clock=clock)
    try:
        report = await poller.poll_once()
    finally:
        await poller.aclose()
    assert len(report.results) == 12 and report.failed == 12  # "<p>held</p>" is not a feed
    assert all((r.error or "").startswith("not a feed") for r in report.results)
    assert 2 <= web.max_in_flight <= 3


async def test_the_job_queue_drives_the_poller_and_it_stops_cleanly(
    web: WebServer, store: Store, fetcher: Fetcher, job_application: Application
) -> None:
    feed = await add(store, serve_kabar_ordo(web))
    poller = FeedPoller(store, fetcher, idle_seconds=0.2)
    poller.start(job_application.job_queue)
    try:
        async with asyncio.timeout(20):
            while (await store.articles.count()) < 3:
                await asyncio.sleep(0.05)
            assert poller.running
            # A feed added elsewhere (the CLI) is found within `idle_seconds`; wake() finds it at once.
            web.add_fixture("/feeds/cp1251.xml", "rss20_cp1251.xml", content_type="application/rss+xml")
            await store.feeds.add(web.url("/feeds/cp1251.xml"))
            poller.wake()
            while (await store.articles.count()) < 6:
                await asyncio.sleep(0.05)
    finally:
        await poller.aclose()
    assert not poller.running and poller.busy == 0
    assert not [job for job in job_application.job_queue.jobs() if job.name == "feed-poller"]
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.backlog_done
    assert job_application.bot_data["job_errors"] == []


async def test_parsing_in_a_process_pool_gives_the_same_articles(
    web: WebServer, store: Store, fetcher: Fetcher, clock: Clock
) -> None:
    feed = await add(store, serve_kabar_ordo(web))
    poller = FeedPoller(store, fetcher, parse_workers=1, clock=clock)
    try:
        [result] = (await poller.poll_once()).results
    finally:
        await poller.aclose()
    assert (result.status, result.new, result.pages) == ("ok", 3, 2)
    school = await store.articles.get(await store.articles.find(guid="kabarordo-ky-10412", feed_id=feed.id) or 0)
    assert school is not None and "Окуучулар сентябрда келет" in school.body


# --- encodings and hostile input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "content_type", "new", "titles"),
    [
        ("rss20_cp1251.xml", "application/rss+xml", 3, ["Баткенде эрте өрүк жыйноо башталды"]),
        ("rss20_cp1251_nodecl.xml", "text/xml", 2, None),  # no declaration, no charset: the bytes tell
        ("rss20_koi8r.xml", "application/rss+xml; charset=koi8-r", 2, None),
        # Recovered from broken XML; its second item lost its text in the breakage (logged, not stored).
        ("malformed.xml", "application/rss+xml", 1, ["Мэрия & шаардык кеңеш жаңы бюджетти талкуулады"]),
        ("rss10_ru.rdf", "application/rdf+xml", 2, None),
        ("atom_en.xml", "application/atom+xml", 3, None),
        ("jsonfeed_ky.json", "application/feed+json", 3, None),
        ("rss20_ru_fulltext.xml", "text/html", 2, None),  # a feed served with the wrong type still works
    ],
)
async def test_feeds_in_every_format_and_encoding_become_correct_articles(
    web: WebServer,
    store: Store,
    poller: FeedPoller,
    fixture: str,
    content_type: str,
    new: int,
    titles: list[str] | None,
) -> None:
    feed = await add(store, web.add_fixture("/feed", fixture, content_type=content_type))
    [result] = (await poller.poll_once()).results
    assert (result.status, result.new) == ("ok", new), result
    page = await store.articles.latest(limit=20)
    stored = [await store.articles.get(brief.id) for brief in page.items]
    for article in stored:
        assert article is not None and article.feed_id == feed.id
        text = (article.title or "") + article.body
        assert "\ufffd" not in text and not any(mojibake in text for mojibake in ("Ð", "Ñ", "Ã", "Р°", "СЃ"))
        assert "<" not in article.body
    if titles:
        assert set(titles) <= {a.title for a in stored if a}


@pytest.mark.parametrize(
    ("feed", "page", "path", "page_type", "guid", "words"),
    [
        ("rss20_cp1251.xml", "page_ky_cp1251.html", "/tk/2024/05/16/kuruch", "text/html",
         "tk-2024-0516-kuruch", "Өзгөн"),
        ("rss20_cp1251_nodecl.xml", "page_ru_cp1251.html", "/ik/2024/05/16/karakol", "text/html; charset=utf-8",
         None, "Каракол"),
        ("rss20_koi8r.xml", "page_ru_koi8r.html", "/chui/2024/05/16/tokmok", "text/html", None, "Токмок"),
    ],
)
async def test_legacy_encoded_feeds_and_pages_give_the_full_text(
    web: WebServer,
    store: Store,
    poller: FeedPoller,
    feed: str,
    page: str,
    path: str,
    page_type: str,
    guid: str | None,
    words: str,
) -> None:
    # The second case's page claims UTF-8 in its header while its bytes are windows-1251, as legacy servers do.
    web.add_fixture(path, page, content_type=page_type)
    stored = await add(store, web.add_fixture("/feed.xml", feed, content_type="application/rss+xml"))
    [result] = (await poller.poll_once()).results
    assert result.status == "ok" and result.pages == 1, result
    article_id = await store.articles.find(url=web.url(path), guid=guid, feed_id=stored.id)
    article = await store.articles.get(article_id or 0)
    assert article is not None and words in article.body and len(article.body) > 400
    assert "\ufffd" not in article.body and not any(bad in article.body for bad in ("Ð", "Ñ", "Р°", "&#"))


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/_/endless", "too large"),
        ("/_/gzip-bomb?mb=64", "too large"),
        ("/_/huge?size=50000000", "too large"),
        ("/_/slow-headers?delay=5", "timeout"),
        ("/_/drip?interval=0.2", "timeout"),
        ("/_/loop", "too many redirects"),
        ("/_/image", "wrong content type"),
        ("/_/status/404", "HTTP error"),
        ("/bomb.xml", "unsafe XML"),
        ("/xxe.xml", "unsafe XML"),
        ("/xxe_hidden.xml", "unsafe XML"),
        ("/broken.xml", "unreadable feed"),
        ("/site_home.html", "not a feed"),
        ("/empty", "not a feed"),
    ],
)
async def test_hostile_feeds_are_a_recorded_bounded_failure(
    web: WebServer, store: Store, poller: FeedPoller, path: str, expected: str
) -> None:
    for name in ("bomb.xml", "xxe.xml", "xxe_hidden.xml", "broken.xml", "site_home.html"):
        web.add_fixture(f"/{name}", name, content_type="application/rss+xml")
    web.add("/empty", b"", content_type="application/rss+xml")
    feed = await add(store, web.url(path))
    async with asyncio.timeout(15):
        [result] = (await poller.poll_once()).results
    assert result.status == "failed" and (result.error or "").startswith(expected), result.error
    stored = await store.feeds.get(feed.id)
    assert stored is not None and stored.last_error == result.error and stored.consecutive_failures == 1
    assert stored.next_due_at is not None and stored.next_due_at > START
    assert await store.articles.count() == 0


@pytest.mark.parametrize(
    "page",
    ["/_/endless", "/_/gzip-bomb?mb=64", "/_/image", "/_/slow-headers?delay=5", "/js-only", "/_/status/500",
     "/feeds/ky.xml"],
)
async def test_a_hostile_page_keeps_the_feed_text(
    web: WebServer, store: Store, poller: FeedPoller, page: str
) -> None:
    web.add_fixture("/js-only", "page_js_only.html")
    feed_text = (FIXTURES / "rss20_ky_teasers.xml").read_text(encoding="utf-8")
    feed_text = feed_text.replace("/ky/news/2024/05/16/mektep", page.replace("&", "&amp;"))
    feed = await add(store, web.add("/feeds/ky.xml", feed_text, content_type="application/rss+xml"))
    async with asyncio.timeout(20):
        [result] = (await poller.poll_once()).results
    assert result.status == "ok" and result.new == 3 and result.page_failures == 3
    school = await store.articles.get(await store.articles.find(guid="kabarordo-ky-10412", feed_id=feed.id) or 0)
    assert school is not None and school.body.startswith("Бишкектин Свердлов районунда 1200 окуучуга")
    assert "Толугу менен" not in school.body


async def test_a_page_with_an_entity_bomb_is_read_without_expanding_it(
    web: WebServer, store: Store, poller: FeedPoller
) -> None:
    web.add_fixture("/page-bomb", "page_bomb.html")
    feed_text = (FIXTURES / "rss20_ky_teasers.xml").read_text(encoding="utf-8")
    feed = await add(store, web.add("/feeds/ky.xml", feed_text.replace("/ky/news/2024/05/16/mektep", "/page-bomb"),
                                    content_type="application/rss+xml"))
    [result] = (await poller.poll_once()).results
    assert (result.status, result.new) == ("ok", 3)
    article = await store.articles.get(await store.articles.find(guid="kabarordo-ky-10412", feed_id=feed.id) or 0)
    assert article is not None and "lollol" not in article.body and len(article.body) < 5000


async def test_a_canonical_url_shared_by_several_pages_is_not_trusted(
    web: WebServer, store: Store, poller: FeedPoller
) -> None:
    # A CMS that names one fixed canonical URL on every page must not make three articles one.
    page = (FIXTURES / "page_ky_osh_bazar.html").read_text(encoding="utf-8")
    items = []
    for number in range(3):
        web.add(f"/news/{number}", page.replace("1,2 миллиард", f"{number + 2},5 миллиард"))
        items.append(f"<item><title>Базар {number}</title><link>/news/{number}</link><guid>bazar-{number}</guid>"
                     "<description>Ош шаарынын мэриясы долбоорду бекитти…</description></item>")
    feed = "<rss version='2.0'><channel><title>Ош</title>" + "".join(items) + "</channel></rss>"
    await add(store, web.add("/feed.xml", feed, content_type="application/rss+xml"))
    [result] = (await poller.poll_once()).results
    assert (result.new, result.updated, result.pages) == (3, 0, 3)
    urls = {brief.url for brief in (await store.articles.latest(limit=5)).items}
    assert urls == {web.url(f"/news/{number}") for number in range(3)}


async def test_page_fetching_stops_at_the_budget_and_keeps_the_feed_text(
    web: WebServer, store: Store, fetcher: Fetcher, clock: Clock
) -> None:
    feed_text = (FIXTURES / "rss20_ky_teasers.xml").read_text(encoding="utf-8")
    feed_text = feed_text.replace("/ky/news/2024/05/16/mektep", "/_/hold?delay=5")
    await add(store, web.add("/feeds/ky.xml", feed_text, content_type="application/rss+xml"))
    web.add_fixture("/ky/news/2024/05/15/issyk-kul", "page_ky_issyk_kul.html")
    async with Fetcher(allow_private_addresses=True, total_timeout=30, read_timeout=30) as slow_fetcher:
        poller = FeedPoller(store, slow_fetcher, page_budget=0.5, clock=clock)
        try:
            async with asyncio.timeout(10):
                [result] = (await poller.poll_once()).results
        finally:
            await poller.aclose()
    assert (result.status, result.new, result.pages, result.page_failures) == ("ok", 3, 1, 2)


# --- adding a feed ----------------------------------------------------------------------------------------------


async def test_add_feed_finds_the_feed_a_page_links_and_stores_its_backlog(
    web: WebServer, store: Store, poller: FeedPoller
) -> None:
    serve_kabar_ordo(web)
    home = web.add_fixture("/", "site_home.html")
    added = await poller.add_feed(home, added_by=42)
    assert added.created and added.discovered_from == home
    assert (added.feed.url, added.feed.added_by) == (web.url("/feeds/ky.xml"), 42)
    assert (added.items, added.stored) == (3, 3)
    assert added.feed.backlog_done and added.feed.title == "Кабар Ордо — Жаңылыктар"
    assert web.hits("/feeds/ky.xml") == 1  # validated and ingested with one fetch
    assert await store.articles.since(0) == []

    again = await poller.add_feed(web.url("/feeds/ky.xml"))
    assert not again.created and again.feed.id == added.feed.id
    assert not (await poller.add_feed(home)).created
    assert (await poller.poll_once()).results == ()  # added feeds are not due again at once


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.org/feed", "invalid_url"),
        ("not a url", "invalid_url"),
        ("/_/status/404", "unreachable"),
        ("/_/image", "unreachable"),
        ("/plain.html", "no_feed"),
        ("/bomb.xml", "unsafe"),
        ("/broken.xml", "broken"),
    ],
)
async def test_add_feed_refuses_what_is_not_a_working_feed(
    web: WebServer, store: Store, poller: FeedPoller, url: str, reason: str
) -> None:
    web.add("/plain.html", "<html><body><h1>Жөн эле бет</h1><p>Бул жерде тасма жок.</p></body></html>")
    web.add_fixture("/bomb.xml", "bomb.xml", content_type="application/rss+xml")
    web.add_fixture("/broken.xml", "broken.xml", content_type="application/rss+xml")
    with pytest.raises(AddFeedError) as caught:
        await poller.add_feed(web.url(url) if url.startswith("/") else url)
    assert caught.value.reason == reason
    assert await store.feeds.count() == 0


# --- telling admins through Telegram ----------------------------------------------------------------------------


async def test_admin_alerts_reach_each_admin_in_their_language(
    web: WebServer, store: Store, fetcher: Fetcher, clock: Clock, emulator: Emulator, emulator_bot: Bot
) -> None:
    ky_admin = await emulator.create_user(first_name="Айбек", language_code="ky")
    ru_admin = await emulator.create_user(first_name="Ольга", language_code="ru")
    stranger = await emulator.create_user(first_name="Never started", private_chat=False)
    await store.chats.set_language(ru_admin["id"], "ru")
    notifier = admin_notifier(
        emulator_bot, store, [ky_admin["id"], ru_admin["id"], stranger["id"]], default_language="ky"
    )
    web.add("/feeds/ky.xml", "gone", status=410, content_type="text/plain")
    feed = await add(store, web.url("/feeds/ky.xml"))
    poller = FeedPoller(store, fetcher, failure_alert=2, notifier=notifier, clock=clock, jitter=lambda: 0.0)
    try:
        for _ in range(3):
            await poller.poll_once(force=True)
        failing_ky = await emulator.next_bot_message(ky_admin["id"])
        failing_ru = await emulator.next_bot_message(ru_admin["id"])
        serve_kabar_ordo(web)
        await poller.poll_once(force=True)
        recovered_ky = await emulator.next_bot_message(ky_admin["id"])
    finally:
        await poller.aclose()
    assert f"#{feed.id}" in failing_ky.text and "катары менен 2 жолу" in failing_ky.text and "410" in failing_ky.text
    assert "2 раз подряд" in failing_ru.text
    assert "кайра иштеп жатат" in recovered_ky.text
    assert await emulator.call_count(method="sendMessage", ok=True) == 4  # once failing, once recovered, each


async def test_a_feed_of_one_character_items_stores_no_untitled_news(
    web: WebServer, store: Store, poller: FeedPoller
) -> None:
    # Ten thousand items of one character each (as much as this fetcher's 1 MB cap lets through), as a broken or
    # hostile feed serves them; the poller reads the first 500, and none of them is news.
    items = "".join(f"<item><guid>junk-{n}</guid><description>{chr(0x430 + n % 32)}</description></item>"
                    for n in range(10_000))
    url = web.add("/junk.xml", f"<rss version='2.0'><channel><title>Junk</title>{items}</channel></rss>",
                  content_type="application/rss+xml")
    feed = await add(store, url)
    result = await poller.poll_feed(feed.id)
    assert result is not None and result.status == "ok" and result.new == 0
    assert await store.articles.count() == 0
    assert (await store.articles.latest(limit=10)).items == ()
