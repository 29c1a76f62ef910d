"""The feed admin commands in a real Application against the Bot API emulator, with a real poller and store."""

from __future__ import annotations

import contextlib
import re
import datetime as dtm
from collections.abc import AsyncIterator
from pathlib import Path

import pytest_asyncio
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from botapi_emulator import DEFAULT_TOKEN, Emulator
from bot.feeds import FeedPoller
from bot.fetch import Fetcher
from handlers import feeds as feed_handlers
from handlers import fallback
from handlers.context import BotContext, Settings
from handlers.errors import AddFeedError, UserError
from handlers.feeds import PAGE_SIZE
from handlers.keyboards import CheckFeeds, FeedsPage, encode
from handlers.render import TELEGRAM_LIMIT, visible_length
from handlers.services import AddedFeed
from handlers.views import added_feed_message, feed_alert_message, feeds_message
from news.models import Feed
from storage import Store
from tests.webserver import WebServer, web  # noqa: F401  (web is a fixture)

NOW = dtm.datetime(2024, 5, 17, 6, 0, tzinfo=dtm.UTC)


def make_feed(number: int, **changes: object) -> Feed:
    values: dict[str, object] = dict(
        id=number, url=f"https://kabar{number}.example.kg/rss", title=f"Кабар {number}", site_url=None,
        interval_minutes=10, ttl_minutes=None, etag=None, last_modified=None, paused=False, added_at=NOW,
        added_by=None, last_checked_at=NOW, last_success_at=NOW, last_error_at=None, last_error=None,
        consecutive_failures=0, failure_notified=False, next_due_at=NOW, backlog_done=True,
    )
    values.update(changes)
    return Feed(**values)  # type: ignore[arg-type]


def render_feed_list(feeds: list[Feed], counts: dict[int, int], *, page: int = 1, language: str,
                     zone: dtm.tzinfo | None = None) -> list[str]:
    pages = max(1, (len(feeds) + PAGE_SIZE - 1) // PAGE_SIZE)
    shown = feeds[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return feeds_message(shown, counts, total=len(feeds), page=page, pages=pages, language=language, zone=zone)


# --- rendering --------------------------------------------------------------------------------------------------


def test_the_feed_list_shows_status_last_success_last_error_and_articles() -> None:
    feeds = [
        make_feed(1),
        make_feed(2, consecutive_failures=4, last_error="timeout: fetching took longer than 60 s", last_error_at=NOW),
        make_feed(3, paused=True),
        make_feed(4, title=None, last_success_at=None, url="https://new.example.kg/feed?a=1&b=<2>"),
    ]
    [text] = render_feed_list(feeds, {1: 120, 2: 7}, language="ky", zone=dtm.timezone(dtm.timedelta(hours=6)))
    assert "Тасмалар: 4" in text and "✅ <b>#1</b>" in text and "иштеп жатат" in text
    assert "катары менен 4 жолу" in text and "timeout: fetching took longer than 60 s" in text
    assert "Акыркы ийгиликтүү текшерүү: 17.05.2024 12:00" in text  # in the bot's time zone
    assert "⏸ <b>#3</b>" in text and "Макалалар: 120" in text and "Макалалар: 0" in text
    assert "🆕" in text and "эч качан" in text and "&amp;b=&lt;2&gt;" in text  # escaped, never raw


def test_a_long_feed_list_is_paged_and_each_page_fits_one_message() -> None:
    feeds = [
        make_feed(n, title="Жаңылыктар " * 20, consecutive_failures=9, last_error="HTTP error: " + "x" * 500)
        for n in range(1, 58)
    ]
    pages = (len(feeds) + PAGE_SIZE - 1) // PAGE_SIZE
    for page in range(1, pages + 1):
        chunks = render_feed_list(feeds, {}, page=page, language="ru")
        assert len(chunks) == 1 and visible_length(chunks[0]) <= TELEGRAM_LIMIT
        assert f"Страница {page} из {pages}" in chunks[0]
    empty = ["No feeds yet. Add one with /addfeed followed by its address."]
    assert render_feed_list([], {}, language="en") == empty


def test_add_results_and_errors_are_explained_in_the_admins_language() -> None:
    added = AddedFeed(make_feed(5, title="Кабар <Ордо>"), created=True, items=30, stored=28,
                      discovered_from="https://kabar.example.kg/")
    text = added_feed_message(added, language="ru")
    assert "Лента добавлена: Кабар &lt;Ордо&gt;" in text and "Записей в ленте: 30" in text
    assert "https://kabar.example.kg/" in text and "28" in text
    assert "уже добавлена" in added_feed_message(AddedFeed(make_feed(5), created=False), language="ru")
    error = AddFeedError("unreachable", "HTTP error: HTTP 404 Not Found")
    assert error.render("ky") == "Бул даректи ачуу мүмкүн болгон жок: HTTP error: HTTP 404 Not Found"
    assert "XML" in AddFeedError("unsafe", "entities").render("en")
    assert isinstance(error, UserError) and error.reason == "unreachable"


def test_feed_alerts_in_three_languages() -> None:
    failing = make_feed(7, consecutive_failures=5, last_error="network error: ConnectError")
    assert "5 раз подряд" in feed_alert_message(failing, recovered=False, language="ru")
    assert "has failed 5 times in a row" in feed_alert_message(failing, recovered=False, language="en")
    assert "кайра иштеп жатат" in feed_alert_message(failing, recovered=True, language="ky")


def test_feed_buttons_are_keyboard_actions() -> None:
    assert encode(FeedsPage(2)) == "k1:fp:2" and encode(CheckFeeds()) == "k1:fc"
    assert all(re.match(feed_handlers.BUTTONS, data) for data in ("k1:fp:2", "k1:fc", "k1:frk:3", "k1:fx"))
    assert not re.match(feed_handlers.BUTTONS, "k1:a:1")


# --- the commands in a running Application ----------------------------------------------------------------------


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    async with await Store.open(tmp_path / "kabarchy.db") as opened:
        yield opened


@contextlib.asynccontextmanager
async def running_bot(
    emulator: Emulator, store: Store, poller: FeedPoller, admins: set[int]
) -> AsyncIterator[Application]:
    errors: list[BaseException] = []

    async def on_error(update: object, context: BotContext) -> None:
        if not isinstance(context.error, UserError):  # expected failures are answered, as in the real bot
            errors.append(context.error)  # type: ignore[arg-type]
        await fallback.on_error(update, context)

    app = (
        ApplicationBuilder()
        .token(DEFAULT_TOKEN)
        .base_url(emulator.bot_base_url)
        .context_types(ContextTypes(context=BotContext))
        .build()
    )
    app.bot_data.update(store=store, feeds=poller, settings=Settings(admins=frozenset(admins), default_language="ky"))
    app.add_handler(CommandHandler("feeds", feed_handlers.cmd_feeds))
    app.add_handler(CommandHandler("addfeed", feed_handlers.cmd_addfeed, block=False))
    app.add_handler(CommandHandler("removefeed", feed_handlers.cmd_removefeed))
    app.add_handler(CommandHandler("pausefeed", feed_handlers.cmd_pausefeed))
    app.add_handler(CommandHandler("resumefeed", feed_handlers.cmd_resumefeed))
    app.add_handler(CallbackQueryHandler(feed_handlers.on_feeds_button, pattern=feed_handlers.BUTTONS))
    app.add_error_handler(on_error)
    async with app:
        await app.start()
        await app.updater.start_polling(timeout=dtm.timedelta(seconds=1), allowed_updates=Update.ALL_TYPES)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    assert not errors, errors


async def test_admins_add_list_pause_resume_and_remove_feeds(
    web: WebServer, store: Store, emulator: Emulator
) -> None:
    web.add_fixture("/ky/news/2024/05/16/mektep", "page_ky_mektep.html")
    web.add_fixture("/ky/news/2024/05/15/issyk-kul", "page_ky_issyk_kul.html")
    web.add_fixture("/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml")
    home = web.add_fixture("/", "site_home.html")
    admin = await emulator.create_user(first_name="Айбек", language_code="ky")
    async with Fetcher(allow_private_addresses=True, total_timeout=5) as fetcher:
        poller = FeedPoller(store, fetcher)
        try:
            async with running_bot(emulator, store, poller, {admin["id"]}):
                chat = admin["id"]
                await emulator.send_message(chat, "/addfeed")
                assert "/addfeed https://example.kg/rss" in (await emulator.next_bot_message(chat)).text

                await emulator.send_message(chat, f"/addfeed {home}")
                done = await emulator.next_bot_message(chat, timeout=20)
                assert "Тасма кошулду: Кабар Ордо — Жаңылыктар" in done.text
                assert "Эски жаңылык катары сакталды: 3" in done.text and home in done.text
                assert await emulator.call_count(method="sendChatAction") >= 1  # "typing" while it fetched

                await emulator.send_message(chat, "/addfeed ftp://example.kg/feed")
                refusal = await emulator.next_bot_message(chat)
                assert "веб-дарек эмес" in refusal.text

                await emulator.send_message(chat, "/feeds")
                listing = await emulator.next_bot_message(chat)
                assert "#1" in listing.text and "иштеп жатат" in listing.text and "Макалалар: 3" in listing.text
                await emulator.press_button(chat, listing.message_id, "🔄 Азыр текшерүү")

                await emulator.send_message(chat, "/pausefeed 1")
                assert "тындырылды" in (await emulator.next_bot_message(chat)).text
                assert (await store.feeds.get(1)).paused  # type: ignore[union-attr]
                await emulator.send_message(chat, "/resumefeed")
                choice = await emulator.next_bot_message(chat)
                await emulator.press_button(chat, choice.message_id, 0)
                assert "кайра текшерилет" in (await emulator.next_bot_edit(chat, message_id=choice.message_id)).text
                assert not (await store.feeds.get(1)).paused  # type: ignore[union-attr]

                await emulator.send_message(chat, "/removefeed 99")
                assert "99 деген тасма жок" in (await emulator.next_bot_message(chat)).text
                await emulator.send_message(chat, f"/removefeed {web.url('/feeds/ky.xml')}")
                confirm = await emulator.next_bot_message(chat)
                await emulator.press_button(chat, confirm.message_id, "Жокко чыгаруу")
                cancelled = await emulator.next_bot_edit(chat, message_id=confirm.message_id)
                assert "Эч нерсе өзгөргөн жок" in cancelled.text
                await emulator.send_message(chat, "/removefeed #1")
                confirm = await emulator.next_bot_message(chat)
                await emulator.press_button(chat, confirm.message_id, "Ооба, өчүрүү")
                assert "өчүрүлдү" in (await emulator.next_bot_edit(chat, message_id=confirm.message_id)).text
                assert await store.feeds.count() == 0 and await store.articles.count() == 3
        finally:
            await poller.aclose()


async def test_non_admins_are_refused_politely(web: WebServer, store: Store, emulator: Emulator) -> None:
    admin = await emulator.create_user(first_name="Admin")
    user = await emulator.create_user(first_name="Ольга", language_code="ru")
    feed, _ = await store.feeds.add(web.url("/feeds/ky.xml"))
    async with Fetcher(allow_private_addresses=True) as fetcher:
        poller = FeedPoller(store, fetcher)
        try:
            async with running_bot(emulator, store, poller, {admin["id"]}):
                commands = ("/feeds", f"/addfeed {web.url('/x')}", "/removefeed 1", "/pausefeed 1", "/resumefeed 1")
                for command in commands:
                    await emulator.send_message(user["id"], command)
                    reply = await emulator.next_bot_message(user["id"])
                    assert "администратор" in reply.text, (command, reply.text)
                query = await emulator.press_button(user["id"], reply.message_id, data=f"k1:frk:{feed.id}")
                answer = await emulator.callback_answer(query["id"])
                assert answer["show_alert"] and "администратор" in answer["text"]
        finally:
            await poller.aclose()
    assert await store.feeds.count() == 1 and web.hits("/x") == 0
