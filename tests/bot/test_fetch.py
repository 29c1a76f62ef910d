"""bot.fetch against a real local server (tests/webserver.py), and fetch + news.parse end to end."""

from __future__ import annotations

import asyncio
import socket
import tracemalloc
from collections.abc import AsyncIterator

import httpcore
import pytest
import pytest_asyncio

from bot.fetch import (
    BadContentType,
    PrivateAddress,
    DecodingError,
    Fetcher,
    FetchError,
    HTTPStatusError,
    InvalidURL,
    NetworkError,
    Timeout,
    TooLarge,
    TooManyRedirects,
    default_user_agent,
    next_delay,
    poll_interval,
)
from news.parse import (
    ExtractionError,
    NotAFeedError,
    UnsafeXMLError,
    draft_from_item,
    extract_page,
    find_feed_links,
    parse_feed,
)
from tests.webserver import FIXTURES, WebServer, http_date, web  # noqa: F401  (web is a fixture)

LAST_MODIFIED = http_date(1715835600)  # Thu, 16 May 2024 05:00:00 GMT


@pytest_asyncio.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(
        allow_private_addresses=True, connect_timeout=2, read_timeout=2, total_timeout=5, max_bytes=1024 * 1024
    ) as client:
        yield client


# --- the basics -------------------------------------------------------------------------------------------------


async def test_fetch_feed_returns_body_validators_and_a_clear_user_agent(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add_fixture(
        "/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml; charset=utf-8",
        etag='"v1"', last_modified=LAST_MODIFIED,
    )
    result = await fetcher.fetch_feed(url)
    assert (result.status, result.not_modified) == (200, False)
    assert (result.etag, result.last_modified) == ('"v1"', LAST_MODIFIED)
    assert result.body == web.routes["/feeds/ky.xml"].body
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.final_url == url and not result.permanent_redirect
    request = web.requests_to("/feeds/ky.xml")[0]
    assert request.headers["user-agent"] == default_user_agent()
    assert request.headers["user-agent"].startswith("Kabarchy/") and "(+http" in request.headers["user-agent"]
    assert "application/rss+xml" in request.headers["accept"]
    assert "if-none-match" not in request.headers


async def test_conditional_get_with_etag_gives_not_modified(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add_fixture("/feed.xml", "atom_en.xml", content_type="application/atom+xml", etag='"abc"')
    first = await fetcher.fetch_feed(url)
    second = await fetcher.fetch_feed(url, etag=first.etag, last_modified=first.last_modified)
    assert (second.status, second.not_modified, second.body, second.etag) == (304, True, b"", '"abc"')
    assert web.requests_to("/feed.xml")[1].headers["if-none-match"] == '"abc"'
    assert web.requests_to("/feed.xml")[1].status == 304


async def test_conditional_get_with_last_modified_only(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add_fixture("/feed.rdf", "rss10_ru.rdf", content_type="application/rdf+xml", last_modified=LAST_MODIFIED)
    result = await fetcher.fetch_feed(url, last_modified=LAST_MODIFIED)
    assert result.not_modified and result.last_modified == LAST_MODIFIED
    assert web.requests_to("/feed.rdf")[0].headers["if-modified-since"] == LAST_MODIFIED


async def test_a_changed_feed_is_fetched_in_full(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add_fixture("/feed.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml", etag='"v1"')
    web.add_fixture("/feed.xml", "rss20_cp1251.xml", content_type="application/rss+xml", etag='"v2"')
    result = await fetcher.fetch_feed(url, etag='"v1"')
    assert (result.status, result.etag, result.not_modified) == (200, '"v2"', False)
    assert parse_feed(result.body, url=result.final_url).title == "Түштүк Кабар — жаңылыктар"


@pytest.mark.parametrize(
    ("compress", "encoding"), [("gzip", "gzip"), ("deflate", "deflate"), ("deflate-raw", "deflate")]
)
async def test_compressed_bodies_are_decoded(web: WebServer, fetcher: Fetcher, compress: str, encoding: str) -> None:
    url = web.add_fixture("/feed.json", "jsonfeed_ky.json", content_type="application/feed+json", compress=compress)
    result = await fetcher.fetch_feed(url)
    original = (FIXTURES / "jsonfeed_ky.json").read_bytes()
    assert result.body == original.replace(b"http://fixtures.invalid", web.base_url.encode())
    assert web.requests_to("/feed.json")[0].served_encoding == encoding
    assert "gzip" in web.requests_to("/feed.json")[0].headers["accept-encoding"]


async def test_corrupt_gzip_raises_decoding_error(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add("/bad.xml", b"\x1f\x8b\x08\x00 this is not gzip at all", content_type="application/rss+xml",
                  headers={"Content-Encoding": "gzip"})
    with pytest.raises(DecodingError):
        await fetcher.fetch_feed(url)
    url = web.add("/br.xml", b"...", content_type="application/rss+xml", headers={"Content-Encoding": "br"})
    with pytest.raises(DecodingError):
        await fetcher.fetch_feed(url)


# --- size caps --------------------------------------------------------------------------------------------------


async def test_endless_stream_stops_at_the_cap(web: WebServer, fetcher: Fetcher) -> None:
    with pytest.raises(TooLarge) as raised:
        await fetcher.fetch_feed(web.url("/_/endless"))
    assert raised.value.limit == 1024 * 1024


async def test_declared_huge_body_is_refused_before_reading(web: WebServer, fetcher: Fetcher) -> None:
    with pytest.raises(TooLarge, match="Content-Length"):
        await fetcher.fetch_feed(web.url("/_/huge?size=52428800"))


async def test_gzip_bomb_is_stopped_without_inflating_it(web: WebServer, fetcher: Fetcher) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge, match="decoded"):
            await fetcher.fetch_feed(web.url("/_/gzip-bomb?mb=64"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 24 * 1024 * 1024  # the bomb is 64 MB inflated; the cap is 1 MB


async def test_per_call_cap(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add("/page.html", "<p>" + "а" * 5000 + "</p>")
    with pytest.raises(TooLarge):
        await fetcher.fetch(url, max_bytes=1000)
    assert len((await fetcher.fetch(url)).body) > 1000


# --- redirects --------------------------------------------------------------------------------------------------


async def test_permanent_redirects_are_followed_and_flagged(web: WebServer, fetcher: Fetcher) -> None:
    web.add_fixture("/new/feed.xml", "rss20_ru_fulltext.xml", content_type="application/rss+xml")
    url = web.redirect("/old/feed.xml", "/new/feed.xml", status=301)
    result = await fetcher.fetch_feed(url)
    assert result.final_url == web.url("/new/feed.xml") and result.permanent_redirect
    assert result.url == url
    temporary = await fetcher.fetch_feed(web.url("/_/redirect/2?to=/new/feed.xml"))
    assert temporary.final_url == web.url("/new/feed.xml") and not temporary.permanent_redirect


async def test_redirect_loop_and_long_chains(web: WebServer, fetcher: Fetcher) -> None:
    with pytest.raises(TooManyRedirects):
        await fetcher.fetch_feed(web.url("/_/loop"))
    with pytest.raises(TooManyRedirects):
        await fetcher.fetch_feed(web.url("/_/redirect/9?to=/_/image"))
    assert web.hits("/_/loop") + web.hits("/_/loop/b") == 6  # the first request and max_redirects=5 hops


async def test_redirect_to_another_scheme_is_refused(web: WebServer, fetcher: Fetcher) -> None:
    with pytest.raises(InvalidURL):
        await fetcher.fetch_feed(web.redirect("/sneaky", "file:///etc/passwd"))


# --- timeouts and failures ---------------------------------------------------------------------------------------


async def test_read_timeout_on_a_server_that_never_answers(web: WebServer) -> None:
    async with Fetcher(allow_private_addresses=True, read_timeout=0.2, total_timeout=10) as fetcher:
        with pytest.raises(Timeout):
            await fetcher.fetch_feed(web.url("/_/slow-headers?delay=30"))


async def test_total_deadline_on_a_server_that_drips(web: WebServer) -> None:
    async with Fetcher(allow_private_addresses=True, read_timeout=5, total_timeout=0.5) as fetcher:
        with pytest.raises(Timeout, match="longer than"):
            await fetcher.fetch_feed(web.url("/_/drip?interval=0.05"))


@pytest.mark.parametrize("code", [403, 404, 410, 500, 502])
async def test_http_errors_carry_the_status(web: WebServer, fetcher: Fetcher, code: int) -> None:
    with pytest.raises(HTTPStatusError) as raised:
        await fetcher.fetch_feed(web.url(f"/_/status/{code}"))
    assert raised.value.status_code == code and raised.value.retry_after is None
    assert raised.value.url == web.url(f"/_/status/{code}")


async def test_retry_after_is_read(web: WebServer, fetcher: Fetcher) -> None:
    with pytest.raises(HTTPStatusError) as raised:
        await fetcher.fetch_feed(web.url("/_/status/503?retry_after=120"))
    assert (raised.value.status_code, raised.value.retry_after) == (503, 120.0)


async def test_connection_refused_is_a_network_error(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError):
        await fetcher.fetch_feed(f"http://127.0.0.1:{port}/feed.xml")


async def test_all_failures_share_one_base(web: WebServer, fetcher: Fetcher) -> None:
    for path in ("/_/status/500", "/_/loop", "/_/image", "/_/endless"):
        with pytest.raises(FetchError):
            await fetcher.fetch_feed(web.url(path))


# --- content types and URLs ---------------------------------------------------------------------------------------


async def test_content_types_are_checked(web: WebServer, fetcher: Fetcher) -> None:
    with pytest.raises(BadContentType) as raised:
        await fetcher.fetch_feed(web.url("/_/image"))
    assert raised.value.content_type == "image/png"
    feed_url = web.add_fixture("/feed.xml", "atom_en.xml", content_type="application/atom+xml")
    with pytest.raises(BadContentType):
        await fetcher.fetch_page(feed_url)
    # Feeds served as HTML or without a type still reach the parser, which tells feeds from pages.
    as_html = web.add_fixture("/feed-as-html", "atom_en.xml", content_type="text/html")
    untyped = web.add_fixture("/feed-untyped", "atom_en.xml", content_type=None)
    for url in (as_html, untyped):
        assert parse_feed((await fetcher.fetch_feed(url)).body).format == "atom10"


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml", "javascript:alert(1)", "feed.xml", "http://", "http:///x"]
)
async def test_non_http_urls_are_refused(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(InvalidURL):
        await fetcher.fetch(url)


async def test_private_addresses_are_refused_by_default(web: WebServer) -> None:
    url = web.add("/internal", "<p>secret</p>")
    async with Fetcher() as fetcher:
        for target in (url, url.replace("127.0.0.1", "localhost"), "http://[::1]:9/", "http://169.254.169.254/latest/"):
            with pytest.raises(InvalidURL, match="non-public"):
                await fetcher.fetch(target)
    assert web.hits("/internal") == 0


PUBLIC = "93.184.216.34"  # a public address: in these tests the fake internet routes it to the local web server


class RebindingDNS:
    """A DNS server under an attacker's control: each host's answers change from one question to the next."""

    def __init__(self, **answers: list[str]) -> None:
        self.answers = {host.replace("_", "."): list(values) for host, values in answers.items()}
        self.asked: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        answers = self.answers[host]
        return [answers.pop(0) if len(answers) > 1 else answers[0]]


class FakeInternet(httpcore.AsyncNetworkBackend):
    """The internet, as far as a test may go: PUBLIC is the local web server, every other address is unreachable.

    It records each address a connection was opened to, so a test sees where the fetcher really connected.
    """

    def __init__(self) -> None:
        self.real = httpcore.AnyIOBackend()
        self.connected: list[str] = []

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # noqa: ANN001, ANN201
        self.connected.append(host)
        if host == PUBLIC:
            return await self.real.connect_tcp("127.0.0.1", port, timeout=timeout)
        if host in ("127.0.0.1", "::1"):
            return await self.real.connect_tcp(host, port, timeout=timeout)
        raise httpcore.ConnectError(f"no route to {host} in tests")

    async def sleep(self, seconds: float) -> None:
        await self.real.sleep(seconds)


async def test_a_rebinding_name_is_fetched_from_the_address_that_was_checked(web: WebServer) -> None:
    web.add("/news/1", "<p>public page</p>")
    web.add("/internal", "<p>secret</p>")
    port = web.url("/").split(":")[2].split("/")[0]
    # Public at the check, 127.0.0.1 for whoever asks again: the connection must use the first answer.
    dns = RebindingDNS(news_example=[PUBLIC, "127.0.0.1"])
    internet = FakeInternet()
    async with Fetcher(resolver=dns, sockets=internet) as fetcher:
        result = await fetcher.fetch_page(f"http://news.example:{port}/news/1")
        assert result.body == b"<p>public page</p>"
        assert dns.asked == ["news.example"] and internet.connected == [PUBLIC]
        assert web.requests_to("/news/1")[0].headers["host"] == f"news.example:{port}"
    # A new connection (a new fetcher: the first one would reuse its open one) asks again and gets 127.0.0.1:
    # refused before any connection is opened.
    async with Fetcher(resolver=dns, sockets=internet) as fetcher:
        with pytest.raises(PrivateAddress, match="127.0.0.1") as raised:
            await fetcher.fetch_page(f"http://news.example:{port}/internal")
    assert raised.value.url == f"http://news.example:{port}/internal" and raised.value.host == "news.example"
    assert internet.connected == [PUBLIC] and web.hits("/internal") == 0


async def test_every_redirect_hop_is_resolved_once_and_checked(web: WebServer) -> None:
    web.add("/internal", "<p>secret</p>")
    port = web.url("/").split(":")[2].split("/")[0]
    web.redirect("/go", f"http://inside.example:{port}/internal")
    web.redirect("/go-ip", f"http://[::1]:{port}/internal")
    dns = RebindingDNS(news_example=[PUBLIC], inside_example=["127.0.0.1"])
    internet = FakeInternet()
    async with Fetcher(resolver=dns, sockets=internet) as fetcher:
        for path in ("/go", "/go-ip"):
            with pytest.raises(PrivateAddress):
                await fetcher.fetch_page(f"http://news.example:{port}{path}")
    assert web.hits("/go") == web.hits("/go-ip") == 1 and web.hits("/internal") == 0
    assert set(internet.connected) == {PUBLIC} and dns.asked.count("inside.example") == 1
    # With private addresses allowed (an intranet feed), the same name reaches the address it resolved to.
    async with Fetcher(resolver=dns, sockets=internet, allow_private_addresses=True) as fetcher:
        assert (await fetcher.fetch_page(f"http://news.example:{port}/go")).body == b"<p>secret</p>"
    assert internet.connected[-1] == "127.0.0.1"


async def test_concurrency_is_bounded_overall_and_per_host(web: WebServer) -> None:
    urls = [web.url(f"/_/hold?delay=0.1&n={n}") for n in range(6)]
    async with Fetcher(allow_private_addresses=True, max_concurrency=2, max_per_host=10) as fetcher:
        await asyncio.gather(*(fetcher.fetch_page(url) for url in urls))
    assert 1 <= web.max_in_flight <= 2
    web.max_in_flight = 0
    async with Fetcher(allow_private_addresses=True, max_concurrency=10, max_per_host=1) as fetcher:
        await asyncio.gather(*(fetcher.fetch_page(url) for url in urls))
    assert web.max_in_flight == 1
    assert web.hits("/_/hold") == 12


# --- timing rules -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("failures", "jitter", "delay"),
    [
        (0, 0.0, 0.0),
        (1, 0.0, 60.0),
        (2, 0.0, 120.0),
        (5, 0.0, 960.0),
        (5, 0.25, 1200.0),
        (30, 0.0, 86400.0),
        (10_000, 0.5, 86400.0),
    ],
)
def test_next_delay_is_exponential_and_capped(failures: int, jitter: float, delay: float) -> None:
    assert next_delay(failures, base=60, cap=86400, jitter=jitter) == delay


@pytest.mark.parametrize(
    ("ttl", "seconds"), [(None, 600.0), (0, 600.0), (1, 300.0), (15, 900.0), (60 * 24 * 7, 86400.0)]
)
def test_poll_interval_respects_ttl_within_bounds(ttl: int | None, seconds: float) -> None:
    assert poll_interval(ttl) == seconds


# --- fetch + parse, end to end ----------------------------------------------------------------------------------


async def test_windows_1251_feed_declared_only_in_the_header(web: WebServer, fetcher: Fetcher) -> None:
    url = web.add_fixture(
        "/ik/rss", "rss20_cp1251_nodecl.xml", content_type="application/rss+xml; charset=windows-1251"
    )
    result = await fetcher.fetch_feed(url)
    parsed = parse_feed(result.body, url=result.final_url, content_type=result.content_type)
    assert parsed.items[0].title.startswith("В Караколе открылся сезон на горнолыжной базе «Каракол»: последние")
    assert parsed.items[0].link == web.url("/ik/2024/05/16/karakol")


async def test_koi8r_feed_gzipped_and_koi8r_page_behind_a_lying_header(web: WebServer, fetcher: Fetcher) -> None:
    feed_url = web.add_fixture("/chui/rss", "rss20_koi8r.xml", content_type="text/xml", compress="gzip")
    web.add_fixture("/chui/2024/05/16/tokmok", "page_ru_koi8r.html", content_type="text/html; charset=utf-8")
    result = await fetcher.fetch_feed(feed_url)
    item = parse_feed(result.body, url=result.final_url, content_type=result.content_type).items[0]
    assert item.title == "В Токмоке отремонтируют центральную площадь к юбилею города" and not item.full_text
    page_result = await fetcher.fetch_page(item.link)
    page = extract_page(page_result.body, url=page_result.final_url, content_type=page_result.content_type)
    assert page.canonical_url == web.url("/chui/2024/05/16/tokmok")
    assert "Мэрия Токмока объявила конкурс" in draft_from_item(item, page=page).text


async def test_xml_bomb_and_external_entities_are_neutralised_end_to_end(web: WebServer, fetcher: Fetcher) -> None:
    web.add("/xxe-secret", "<!ENTITY leaked 'yes'>", content_type="text/plain")
    for name in ("bomb.xml", "xxe.xml", "xxe_hidden.xml"):
        url = web.add_fixture(f"/hostile/{name}", name, content_type="application/rss+xml")
        result = await fetcher.fetch_feed(url)
        with pytest.raises(UnsafeXMLError):
            parse_feed(result.body, url=result.final_url, content_type=result.content_type)
    assert web.hits("/xxe-secret") == 0 and web.hits("/xxe-dtd") == 0


async def test_teaser_items_get_their_full_text_from_the_page(web: WebServer, fetcher: Fetcher) -> None:
    feed_url = web.add_fixture("/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml")
    web.add_fixture("/ky/news/2024/05/16/mektep", "page_ky_mektep.html")
    web.add_fixture("/ky/news/2024/05/15/issyk-kul", "page_ky_issyk_kul.html")
    web.add_fixture("/ky/news/2024/05/14/naryn", "page_js_only.html")
    result = await fetcher.fetch_feed(feed_url)
    parsed = parse_feed(result.body, url=result.final_url, content_type=result.content_type)
    drafts = []
    for item in parsed.items:
        assert not item.full_text and item.link is not None
        fetched = await fetcher.fetch_page(item.link)
        try:
            page = extract_page(fetched.body, url=fetched.final_url, content_type=fetched.content_type)
        except ExtractionError:
            page = None
        drafts.append(draft_from_item(item, page=page, feed=parsed))
    school, lake, snow = drafts
    assert school.extra == lake.extra == {"text_source": "page"}
    assert "Сүрөт: Жаңы мектептин имараты Ахунбаев көчөсүндө жайгашкан" in school.text
    assert "— деди мэр ачылыш аземинде." in school.text and "LEAK" not in school.text
    assert school.url == web.url("/ky/news/2024/05/16/mektep") and school.guid == "kabarordo-ky-10412"
    assert lake.url == web.url("/ky/news/2024/05/15/issyk-kul")  # the page's absolute canonical URL
    assert lake.author == "Талант Осмонов" and lake.source == "Кабар Ордо — Жаңылыктар"
    # A page that yields no article keeps the feed's text: nothing is lost.
    assert snow.extra == {"text_source": "feed"} and snow.text.startswith("Долон жана Торугарт ашууларында")


async def test_autodiscovery_from_an_html_page(web: WebServer, fetcher: Fetcher) -> None:
    home = web.add_fixture("/ky/", "site_home.html")
    web.add_fixture("/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml")
    result = await fetcher.fetch_feed(home)  # an admin pasted the site's address
    with pytest.raises(NotAFeedError):
        parse_feed(result.body, url=result.final_url, content_type=result.content_type)
    links = find_feed_links(result.body, url=result.final_url, content_type=result.content_type)
    assert links[0] == web.url("/feeds/ky.xml") and links[-1] == web.url("/comments/feed/")
    feed_result = await fetcher.fetch_feed(links[0])
    assert parse_feed(feed_result.body, url=feed_result.final_url).title == "Кабар Ордо — Жаңылыктар"
