"""Fuzzing, for a bounded time: random and hostile input through the real parsers, the real bot and the real poller.

Three phases share a time budget (KABARCHY_FUZZ_SECONDS, default 40; about a quarter each for the parsers and the
feeds, half for the bot), and the test prints how many inputs each phase tried:

1. parsers   feed documents and pages, hand-shaped and mutated fixtures, through news.parse: only the package's
             own ParseError family may come out.
2. bot       commands with hostile arguments, plain texts, forged callback data, inline queries and channel posts,
             from an admin and a stranger, sent in bursts to the real Application (bot/app.py) over the Bot API
             emulator. No update may end in the error handler (no apology to a user, no traceback or ERROR in the
             log), and every message the bot sends or edits must be accepted by the emulator, which checks Telegram's
             HTML and the 4096-character limit like Telegram.
3. feeds     generated feeds (hostile titles, links, GUIDs, dates and teaser pages) served by a local web server and
             polled twice by the real FeedPoller: no errors logged, and nothing is stored twice.

The network is never touched: the bot's fetcher resolves every name to 127.0.0.1 and its sockets reach nothing but
the local web server. The bot runs on an event loop of its own thread, so Hypothesis drives it from plain code.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import threading
import time
from collections.abc import Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import httpcore
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from bot.app import build_application, running
from bot.config import Config
from botapi_emulator import DEFAULT_TOKEN, Emulator
from bot.feeds import FeedPoller
from bot.fetch import Fetcher
from handlers.errors import TEXT_SORRY
from handlers.i18n import translator
from news.errors import ParseError
from news.models import ChannelStatus
from news.parse import draft_from_item, extract_page, find_feed_links, parse_feed
from storage import Store
from tests.webserver import FIXTURES, WebServer

T = TypeVar("T")
BUDGET = float(os.environ.get("KABARCHY_FUZZ_SECONDS", "40"))
ADMIN = 4242
CALL_TIMEOUT = 60.0

# --- what hostile input looks like -----------------------------------------------------------------------------

NASTY = [
    "<b>", "</b>", "<a href=\"javascript:alert(1)\">x</a>", "<i><b>", "&", "&amp;", "&#0;", "&lt;/blockquote&gt;",
    "<blockquote>", "<tg-spoiler>", "<pre><code class=\"x\">", "\u202e", "\u200b", "\ufeff", "\x00", "\x1b[31m",
    "' OR 1=1 --", "\"; DROP TABLE articles; --", "*", "NEAR(", "\"", "title:", "AND", "OR", "^", "-", "—", "…",
    "https://", "http://127.0.0.1/", "file:///etc/passwd", "http://169.254.169.254/latest/", "tg://user?id=1",
    "Жапаров", "Путин", "өлкө", "🇰🇬", "👨‍👩‍👧‍👦", "ﷺ", "𝕏", "Ω≈ç√", "9" * 30, "-1", "0", "1e309", "NaN",
    "/start", "@kabarchy_bot", "#12", "k1:a:1", "sub:z:99", "k1:dz:Asia/Bishkek", "k1:frk:1", "Asia/Bishkek", "../../etc/passwd", "08:00", "25:99",
]
COMMANDS = [
    "start", "help", "latest", "article", "search", "quotes", "language", "add", "stats", "channels", "feeds",
    "addfeed", "removefeed", "pausefeed", "resumefeed", "subscribe", "settings", "digest", "unsubscribe", "pause",
    "resume", "timezone", "include", "exclude", "article_1", "nosuchcommand",
]
PREFIXES = ["k1:", "k1:a:", "k1:ae:", "k1:aq:", "k1:l:", "k1:q:", "k1:qt:", "k1:s:", "k1:st:", "k1:lang:",
            "k1:dv:", "k1:dz:", "k1:dt:", "k1:df:", "k1:dl:", "k1:dk:", "k1:ds:", "k1:dzo", "k1:fp:", "k1:fr:",
            "k1:frk:", "k1:fpa:", "k1:fre:", "k1:fc", "k1:fx", "sub:", "sub:z:", "fd:", "fd:rm:", "ch:a:", "ch:r:",
            "ch:rp:", "am:ok:", "am:no:", "dg:", "dg:0:99999999999:", "k1:dg:", "k1:dg:0:99999999999:", ""]

words = st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=30))
phrases = st.lists(words, min_size=1, max_size=12).map(" ".join)
long_texts = st.builds(lambda piece, times: (piece + " ") * times, phrases, st.integers(1, 400))
texts = st.one_of(phrases, phrases, long_texts, st.text(min_size=1, max_size=200)).map(lambda t: t[:4000]).filter(
    lambda t: t.strip() != "" and len(t.encode("utf-16-le")) // 2 <= 4096
)
commands = st.builds(
    lambda name, args: f"/{name} {args}".strip()[:4000], st.sampled_from(COMMANDS),
    st.one_of(st.just(""), st.integers(-10**20, 10**20).map(str), phrases, long_texts),
)
callback_data = st.builds(lambda prefix, rest: prefix + rest, st.sampled_from(PREFIXES),
                          st.one_of(st.integers(-10**18, 10**18).map(str), st.text(max_size=60), phrases)).map(
    lambda d: d.encode("utf-8")[:64].decode("utf-8", "ignore")).filter(lambda d: d != "")


@st.composite
def actions(draw: st.DrawFn) -> tuple[str, str, Any]:
    """One thing someone does to the bot: (kind, who, payload)."""
    who = draw(st.sampled_from(["admin", "user"]))
    kind = draw(st.sampled_from(["command", "command", "text", "button", "inline", "channel"]))
    if kind == "command":
        return kind, who, draw(commands)
    if kind == "button":
        return kind, who, draw(callback_data)
    if kind == "inline":
        return kind, who, (draw(phrases)[:256], draw(st.one_of(st.just(""), st.text(max_size=8),
                                                              st.integers(0, 10**6).map(str))))
    return kind, who, draw(texts)


# --- feeds and pages ---------------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def feed_items(draw: st.DrawFn, base: str) -> list[dict[str, str | None]]:
    links = [f"{base}/news/{n}" for n in range(4)] + ["not a url", "javascript:alert(1)", "", "http://[::1"]
    items = []
    for _ in range(draw(st.integers(0, 12))):
        items.append({
            "title": draw(st.one_of(st.none(), phrases, long_texts.map(lambda t: t[:3000]))),
            "link": draw(st.one_of(st.none(), st.sampled_from(links))),
            "guid": draw(st.one_of(st.none(), st.sampled_from(["1", "2", "dup", f"{base}/news/1"]), words)),
            "description": draw(st.one_of(st.none(), texts, st.sampled_from(NASTY))),
            "date": draw(st.one_of(st.none(), st.sampled_from(["Thu, 16 May 2024 05:00:00 GMT", "yesterday", "0",
                                                               "Mon, 99 Foo 99999 99:99:99 +9999"]))),
        })
    return items


def rss(items: list[dict[str, str | None]], *, title: str) -> str:
    parts = [f"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>{_esc(title)}</title>"]
    for item in items:
        parts.append("<item>")
        for tag, key in (("title", "title"), ("link", "link"), ("guid", "guid"), ("description", "description"),
                         ("pubDate", "date")):
            if item[key] is not None:
                parts.append(f"<{tag}>{_esc(item[key] or '')}</{tag}>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts)


pages = st.builds(
    lambda title, paragraphs, junk: (
        f"<html><head><title>{title}</title><link rel=\"canonical\" href=\"{junk}\"></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs) + f"</article>{junk}</body></html>"
    ),
    phrases, st.lists(texts, max_size=6), st.sampled_from(NASTY + ["/", "http://x/", "<script>x</script>"]),
)
FIXTURE_BYTES = [path.read_bytes() for path in sorted(FIXTURES.iterdir()) if path.suffix in (".xml", ".json", ".html",
                                                                                                  ".rdf")]


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """A document to parse: shaped, a mutated fixture, or bytes; with a content type, maybe a lying one."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        data = rss(draw(feed_items("http://fixtures.invalid")), title=draw(phrases)).encode("utf-8")
    elif choice == 1:
        data = draw(pages).encode(draw(st.sampled_from(["utf-8", "utf-16"])), "ignore")
    elif choice == 2:
        original = bytearray(draw(st.sampled_from(FIXTURE_BYTES)))
        for _ in range(draw(st.integers(1, 20))):
            position = draw(st.integers(0, max(0, len(original) - 1)))
            original[position:position + 1] = draw(st.binary(max_size=8))
        data = bytes(original)
    else:
        data = draw(st.binary(max_size=2000))
    content_type = draw(st.sampled_from([None, "text/html", "application/rss+xml; charset=windows-1251",
                                         "application/json", "text/plain; charset=koi8-r", "image/png"]))
    return data, content_type


# --- the bot on a thread of its own ------------------------------------------------------------------------------


class NoInternet(httpcore.AsyncNetworkBackend):
    """Sockets that reach the local web server and nothing else."""

    def __init__(self) -> None:
        self.real = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # noqa: ANN001, ANN201
        if host != "127.0.0.1":
            raise httpcore.ConnectError(f"no network in tests: {host}")
        return await self.real.connect_tcp(host, port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await self.real.sleep(seconds)


async def loopback(host: str, port: int) -> list[str]:
    """Resolve every name to 127.0.0.1: a name in hostile input never reaches a real DNS server."""
    return ["127.0.0.1"]


class BotThread:
    """The emulator, the web server, the store and the real Application, on an event loop in another thread."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.stop = asyncio.Event()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._main, name="fuzzed-bot", daemon=True)

    def __enter__(self) -> BotThread:
        self.thread.start()
        if not self.ready.wait(60) or self.error is not None:
            raise RuntimeError(f"the bot did not start: {self.error!r}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(60)

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = CALL_TIMEOUT) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._serve())
        except BaseException as exc:  # noqa: BLE001 - reported to the test
            self.error = exc
            self.ready.set()
        finally:
            self.loop.close()

    async def _serve(self) -> None:
        self.stop = asyncio.Event()
        async with Emulator() as emulator, WebServer() as web:
            store = await Store.open(self.tmp / "fuzz.db")
            fetcher = Fetcher(resolver=loopback, sockets=NoInternet(), connect_timeout=2, read_timeout=2,
                              total_timeout=5)
            try:
                config = Config(token=DEFAULT_TOKEN, api_url=emulator.root, db_path=self.tmp / "fuzz.db",
                                admins=frozenset({ADMIN}))
                application = build_application(config, store=store, fetcher=fetcher)
                async with running(application):
                    await emulator.wait_until_polling()
                    self.emulator, self.web, self.store, self.application = emulator, web, store, application
                    await emulator.create_user(ADMIN, first_name="Admin", language_code="ky")
                    self.user = (await emulator.create_user(first_name="User", language_code="en"))["id"]
                    self.channel = (await emulator.create_chat("channel", title="Fuzz <b>&amp;", username="fz"))["id"]
                    # Allowed, so its posts reach the store (an unknown channel's only ask the admins).
                    await store.channels.decide(self.channel, ChannelStatus.ALLOWED, by=ADMIN)
                    self.ready.set()
                    await self.stop.wait()
            finally:
                await fetcher.aclose()
                await store.close()

    async def settle(self) -> None:
        """Wait until every update was fetched and no handler runs (three quiet looks in a row)."""
        quiet, deadline = 0, time.monotonic() + 30
        while quiet < 3 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
            busy = (
                await self.emulator.pending_updates() > 0
                or not self.application.update_queue.empty()
                or self.application.update_processor.current_concurrent_updates > 0
            )
            quiet = 0 if busy else quiet + 1

    async def act(self, batch: list[tuple[str, str, Any]]) -> None:
        """Do a burst of actions at once, then wait for the bot to be done with them."""
        emulator = self.emulator
        jobs = []
        for kind, who, payload in batch:
            chat = ADMIN if who == "admin" else self.user
            if kind in ("command", "text"):
                jobs.append(emulator.send_message(chat, payload))
            elif kind == "channel":
                jobs.append(emulator.send_message(self.channel, payload))
            elif kind == "inline":
                query, offset = payload
                jobs.append(emulator.send_inline_query(chat, query, offset=offset, timeout=20))
            else:
                under = [m for m in await emulator.bot_messages(chat) if not m.deleted]
                if not under:
                    await emulator.send_message(chat, "/help")
                    await self.settle()
                    under = await emulator.bot_messages(chat)
                jobs.append(emulator.press_button(chat, under[-1].message_id, data=payload))
        results = await asyncio.gather(*jobs, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, TimeoutError):
                raise result
        await self.settle()


# Failed Bot API calls that are the bot's ordinary business, not a malformed message.
BENIGN = ("message is not modified", "query is too old", "query id is invalid", "message to edit not found",
          "there is no text in the message to edit", "message can't be edited")


class Collector(logging.Handler):
    """Keep every record at ERROR, and every record carrying a traceback, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.bad: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.bad.append(record)


def test_fuzz_parsers_bot_and_feeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    start = time.monotonic()
    counts = {"parsers": 0, "bot": 0, "feeds": 0}
    collector = Collector()
    logging.getLogger().addHandler(collector)
    try:
        _fuzz_parsers(counts, until=start + BUDGET * 0.25)
        with BotThread(tmp_path) as bot:
            _fuzz_bot(bot, counts, collector, until=start + BUDGET * 0.75)
            _fuzz_feeds(bot, counts, collector, until=start + BUDGET)
    finally:
        logging.getLogger().removeHandler(collector)
    total = sum(counts.values())
    with capsys.disabled():
        print(f"\nfuzz: {total} inputs in {time.monotonic() - start:.0f} s "
              f"(parsers {counts['parsers']}, bot {counts['bot']}, feeds {counts['feeds']})")
    assert all(counts[key] >= floor for key, floor in FLOORS.items()), counts


# Hypothesis knows no time budget, only a number of examples: each phase runs rounds of CHUNK examples, each round
# with its own seed (so a run is reproducible: the failure report names the round's seed), until its time is up.
CHUNK = 40
FUZZ = settings(max_examples=CHUNK, deadline=None, database=None, suppress_health_check=list(HealthCheck))


# The fewest inputs each phase runs, however busy the machine: a phase goes on past its time until it has run these.
FLOORS = {"parsers": 200, "bot": 50, "feeds": 10}


def done(counts: dict[str, int], key: str, until: float) -> bool:
    """Is a phase's time up and its floor of inputs reached?"""
    return time.monotonic() > until and counts[key] >= FLOORS[key]


def repeat(test: Any, *, until: float, counts: dict[str, int], key: str) -> None:
    """Run a Hypothesis test in seeded rounds until the time is up and the phase has run its floor of inputs."""
    round_number = 0
    while not done(counts, key, until):
        seed(round_number)(test)()
        round_number += 1


def _fuzz_parsers(counts: dict[str, int], *, until: float) -> None:
    @FUZZ
    @given(documents())
    def parse(document: tuple[bytes, str | None]) -> None:
        if done(counts, "parsers", until):
            return
        counts["parsers"] += 1
        data, content_type = document
        try:
            feed = parse_feed(data, url="http://fixtures.invalid/feed", content_type=content_type)
            for item in feed.items:
                assert draft_from_item(item, feed=feed, feed_id=1).text is not None
        except ParseError:
            pass
        try:
            extract_page(data, url="http://fixtures.invalid/page", content_type=content_type,
                         now=datetime(2024, 5, 16, tzinfo=UTC))
        except ParseError:
            pass
        find_feed_links(data, url="http://fixtures.invalid/", content_type=content_type)

    repeat(parse, until=until, counts=counts, key="parsers")


def _fuzz_bot(bot: BotThread, counts: dict[str, int], collector: Collector, *, until: float) -> None:
    sorry = {translator(language).gettext(TEXT_SORRY) for language in ("ky", "ru", "en")}
    start_calls = bot.run(bot.emulator.calls())
    seen = {"seq": start_calls[-1].seq + 1 if start_calls else 0}  # from here on: start-up is not fuzzed input

    @FUZZ
    @given(st.lists(actions(), min_size=1, max_size=8))
    def burst(batch: list[tuple[str, str, Any]]) -> None:
        if done(counts, "bot", until):
            return
        counts["bot"] += len(batch)
        bot.run(bot.act(batch))
        calls = bot.run(bot.emulator.calls(since=seen["seq"]))
        if calls:
            seen["seq"] = calls[-1].seq + 1
        bad_calls = [c for c in calls if not c.ok and not any(b in (c.description or "").lower() for b in BENIGN)]
        assert not bad_calls, [(c.method, c.description, str(c.params)[:300]) for c in bad_calls]
        for call in calls:
            if call.method in ("sendMessage", "editMessageText"):
                assert call.params.get("text") not in sorry, f"an error reached a user after {batch!r}"
        assert not collector.bad, [(r.getMessage(), r.exc_info) for r in collector.bad]
        assert not bot.run(stored_twice(bot.store))  # admins' texts and channel posts, sent twice in a burst

    repeat(burst, until=until, counts=counts, key="bot")


def _fuzz_feeds(bot: BotThread, counts: dict[str, int], collector: Collector, *, until: float) -> None:
    rounds = {"n": 0}

    @FUZZ
    @given(st.data())
    def feeds(data: st.DataObject) -> None:
        web = bot.web
        items = data.draw(feed_items(web.base_url))
        title = data.draw(phrases)
        teasers = [data.draw(pages) for _ in range(4)]
        if done(counts, "feeds", until):
            return
        rounds["n"] += 1
        counts["feeds"] += 1 + len(items)
        path = f"/fuzz/{rounds['n']}.xml"
        web.add(path, rss(items, title=title), content_type="application/rss+xml")
        for n, page in enumerate(teasers):
            web.add(f"/news/{n}", page)
        bot.run(_poll_twice(bot, web.url(path)))
        assert not bot.run(stored_twice(bot.store))
        assert not collector.bad, [(r.getMessage(), r.exc_info) for r in collector.bad]

    repeat(feeds, until=until, counts=counts, key="feeds")


async def stored_twice(store: Store) -> list[tuple]:
    """Return the texts stored as more than one article (the unique indexes already keep URLs and GUIDs single)."""
    return await store.db.fetchall(
        "SELECT content_hash, count(*) FROM articles GROUP BY content_hash HAVING count(*) > 1"
    )


async def _poll_twice(bot: BotThread, url: str) -> None:
    fetcher = Fetcher(allow_private_addresses=True, resolver=loopback, sockets=NoInternet(), total_timeout=5)
    async with fetcher:
        poller = FeedPoller(bot.store, fetcher, page_budget=10, jitter=random.Random(0).random)
        feed, _ = await bot.store.feeds.add(url)
        try:
            first = await poller.poll_feed(feed.id)
            second = await poller.poll_feed(feed.id)
        finally:
            await poller.aclose()
    assert first is not None and second is not None
    # What the first poll stored is known to the second: nothing new, nothing stored again.
    assert second.new == 0, (first, second)
