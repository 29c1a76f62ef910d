"""Feeds end to end: the real `kabarchy run` process, the Bot API emulator, and news sites on a local web server."""

from __future__ import annotations

import asyncio
import html
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import pytest

from botapi_emulator import Emulator, EmulatorError
from storage import Store
from tests.e2e.conftest import ADMIN_ID, Location, eventually, read_db, start_bot
from tests.webserver import FIXTURES, WebServer

pytestmark = pytest.mark.asyncio(loop_scope="module")

WAIT = 30.0
PRIVATE = {"KABARCHY_FETCH_PRIVATE": "true"}  # the news sites are on 127.0.0.1
LEAKS = ("SCRIPT_LEAK", "STYLE_LEAK", "FOOTER_LEAK", "RELATED_LEAK")


async def ensure_admin(emulator: Emulator) -> None:
    try:
        await emulator.create_user(ADMIN_ID, first_name="Админ", language_code="ky")
    except EmulatorError:
        pass  # another test of this module created it


def serve_kabar_ordo(web: WebServer) -> str:
    web.add_fixture("/ky/news/2024/05/16/mektep", "page_ky_mektep.html")
    web.add_fixture("/ky/news/2024/05/15/issyk-kul", "page_ky_issyk_kul.html")
    web.add_fixture("/ky/news/2024/05/17/osh-bazar", "page_ky_osh_bazar.html")
    web.add_fixture("/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml; charset=utf-8")
    return web.add_fixture("/", "site_home.html")


async def test_an_admin_adds_a_feed_and_its_next_item_is_stored_with_full_text_summary_and_quotes(
    e2e_emulator: Emulator, database: Location, tmp_path: Path
) -> None:
    await ensure_admin(e2e_emulator)
    async with WebServer() as web:
        home = serve_kabar_ordo(web)
        bot = await start_bot(e2e_emulator, db=database, workdir=tmp_path, env=PRIVATE)
        try:
            await e2e_emulator.send_message(ADMIN_ID, f"/addfeed {home}")
            done = await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)
            assert "Тасма кошулду: Кабар Ордо — Жаңылыктар" in done.text, done.text
            assert "Эски жаңылык катары сакталды: 3" in done.text
            assert read_db(database, "SELECT count(*), sum(backlog) FROM articles") == [(3, 3)]

            # The site publishes a new article: the feed gains an item, dated now.
            fresh = (FIXTURES / "rss20_ky_teasers_v2.xml").read_text(encoding="utf-8")
            now = format_datetime(datetime.now(UTC), usegmt=True)
            web.add("/feeds/ky.xml", fresh.replace("Fri, 17 May 2024 09:15:00 +0600", now),
                    content_type="application/rss+xml; charset=utf-8")
            await e2e_emulator.send_message(ADMIN_ID, "/feeds")
            listing = await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)
            assert "иштеп жатат" in listing.text and "Макалалар: 3" in listing.text
            await e2e_emulator.press_button(ADMIN_ID, listing.message_id, "🔄 Азыр текшерүү")

            [(article_id, backlog, body)] = await eventually(
                lambda: read_db(database, "SELECT id, backlog, body FROM articles WHERE guid = 'kabarordo-ky-10431'"),
                timeout=WAIT,
            )
            assert backlog == 0  # new news: digests will carry it
            assert "Сатуучулар эмне дейт" in body and "1,2 миллиард" in body  # the page's text, not the teaser
            assert not any(leak in body for leak in LEAKS)
            summary = read_db(database, "SELECT text FROM summary_sentences WHERE article_id = ? ORDER BY position",
                              (article_id,))
            assert summary and summary[0][0].startswith("Ош шаарынын мэриясы")
            quotes = read_db(database, "SELECT speaker FROM quotes WHERE article_id = ?", (article_id,))
            speakers = {row[0] for row in quotes}
            assert {"Бакыт Жумабеков", "Гүлнара Ташиева"} <= speakers
            assert web.hits("/ky/news/2024/05/16/mektep") == 1  # stored items' pages are not fetched again

            await e2e_emulator.send_message(ADMIN_ID, "/feeds")
            listing = await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)
            assert "✅" in listing.text and "Макалалар: 4" in listing.text and "Акыркы ийгиликтүү" in listing.text

            # Everyone else is refused politely, and nothing is fetched for them.
            stranger = (await e2e_emulator.create_user(first_name="Бекзат", language_code="ky"))["id"]
            for command in ("/feeds", f"/addfeed {web.url('/other.xml')}", "/removefeed 1"):
                await e2e_emulator.send_message(stranger, command)
                refusal = await e2e_emulator.next_bot_message(stranger, timeout=WAIT)
                assert "администраторлору гана" in refusal.text, refusal.text
            assert web.hits("/other.xml") == 0
            assert read_db(database, "SELECT count(*) FROM feeds") == [(1,)]
        finally:
            await bot.stop()
    bot.assert_clean_exit()


FEEDS = 20
ITEMS = 10


def news_site(web: WebServer, gate: asyncio.Event) -> list[str]:
    """Serve FEEDS teaser feeds of ITEMS items each; every page waits for `gate`. Return the feed URLs."""
    page = (FIXTURES / "page_ky_osh_bazar.html").read_text(encoding="utf-8")
    urls = []
    for feed in range(FEEDS):
        items = []
        for number in range(ITEMS):
            serial = feed * ITEMS + number + 1
            path = f"/site{feed}/news/{number}"
            # Every article different (numbers and a place), so deduplication keeps each one.
            text = page.replace("1,2 миллиард", f"{serial},2 миллиард")
            text = text.replace("600 орундуу", f"{600 + serial} орундуу")
            text = text.replace("/ky/news/2024/05/17/osh-bazar", path)  # its own canonical URL
            web.add(path, text.replace("Жайма базарын", f"Жайма базарынын {serial}-бөлүгүн"), gate=gate)
            teaser = html.escape(f"<p>Ош шаарынын мэриясы {serial}-долбоорду бекитти. Иштер күзүндө башталат…</p>")
            items.append(
                f"<item><title>Ош базары: {serial}-долбоор</title><link>{web.url(path)}</link>"
                f"<guid isPermaLink=\"false\">e2e-{serial}</guid><description>{teaser}</description></item>"
            )
        body = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Сайт {feed}</title>'
                f"<link>{web.url('/')}</link>{''.join(items)}</channel></rss>")
        urls.append(web.add(f"/site{feed}/feed.xml", body, content_type="application/rss+xml"))
    return urls


async def test_the_bot_answers_users_while_many_feeds_are_ingested(
    e2e_emulator: Emulator, database: Location, tmp_path: Path
) -> None:
    gate = asyncio.Event()
    async with WebServer() as web:
        async with await Store.open(database) as store:
            for url in news_site(web, gate):
                await store.feeds.add(url)  # due at once: the poller starts on them as the bot starts
        bot = await start_bot(e2e_emulator, db=database, workdir=tmp_path, env=PRIVATE)
        try:
            user = (await e2e_emulator.create_user(first_name="Айгүл", language_code="ky"))["id"]
            # Feeds fetched and parsed, their pages requested and held: the ingest is under way.
            await eventually(lambda: web.waiting("/site") > 0, timeout=WAIT)
            for command in ("/latest", "/start", "/help"):
                await e2e_emulator.send_message(user, command)
                assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text
            assert read_db(database, "SELECT count(*) FROM articles") == [(0,)]  # so the replies came mid-ingest

            gate.set()  # pages flow: extraction, analysis and storage of 200 articles begin
            for _ in range(3):
                await e2e_emulator.send_message(user, "/latest")
                assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text
            from_feeds = "SELECT count(*) FROM articles WHERE feed_id IS NOT NULL"
            await eventually(lambda: read_db(database, from_feeds)[0][0] == FEEDS * ITEMS, timeout=WAIT * 2)
            # a feed's success is written once its last article is saved: a moment after the count above
            succeeded = "SELECT count(*) FROM feeds WHERE last_success_at IS NOT NULL"
            await eventually(lambda: read_db(database, succeeded) == [(FEEDS,)], timeout=WAIT)
        finally:
            await bot.stop()
    bot.assert_clean_exit()
