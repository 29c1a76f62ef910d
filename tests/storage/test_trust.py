"""What the store trusts: an article belongs to its source, channels publish only once allowed, bounded writes."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime, time
from pathlib import Path

import aiosqlite

from bot.ingest import Ingester
from news.models import ArticleDraft, ChannelStatus, SaveStatus
from storage.deliveries import DigestClaim
from storage import Store
from storage.rows import MAX_TITLE_CHARS, UNTITLED_MIN_CHARS
from storage.migrations import load_migrations, migrate
from storage.subscribers import MAX_KEYWORD_CHARS
from tests.storage.samples import EN_WATER, KY_MEETING, RU_TALKS

URL = "https://trusted-news.example/2024/05/budget"


async def test_one_feed_cannot_rewrite_another_feeds_article(store: Store) -> None:
    trusted, _ = await store.feeds.add("https://trusted-news.example/rss", title="Trusted News")
    other, _ = await store.feeds.add("https://copycat.example/rss", title="Copycat")
    first = await Ingester(store).save(dataclasses.replace(KY_MEETING, url=URL, source="Trusted News", feed_id=trusted.id))
    # Feed B carries feed A's URL (and even its GUID) with other words: a copy, not an edit.
    for guid in (None, URL):
        forged = dataclasses.replace(RU_TALKS, url=URL, guid=guid, source="Copycat", feed_id=other.id)
        result = await Ingester(store).save(forged)
        assert (result.status, result.article_id) == (SaveStatus.DUPLICATE, first.article_id)
    stored = await store.articles.get(first.article_id)
    assert stored is not None and stored.title == KY_MEETING.title and stored.language == "ky"
    assert stored.quotes[0].speaker == "Садыр Жапаров"
    # A channel is a source of its own too.
    channel = dataclasses.replace(EN_WATER, url=URL, origin="channel:-1001")
    assert (await Ingester(store).save(channel)).status is SaveStatus.DUPLICATE
    # The same feed edits its own article in place; so may an admin (no origin), e.g. `/add` of the page.
    edited = dataclasses.replace(KY_MEETING, url=URL, feed_id=trusted.id, text=KY_MEETING.text + "\n\nЖаңы абзац.")
    assert (await Ingester(store).save(edited)).status is SaveStatus.UPDATED
    by_admin = dataclasses.replace(EN_WATER, url=URL)
    assert (await Ingester(store).save(by_admin)).status is SaveStatus.UPDATED
    assert (await store.articles.get(first.article_id)).language == "en"  # type: ignore[union-attr]
    assert await store.articles.count() == 1


async def test_a_channels_edit_updates_only_its_own_post(store: Store) -> None:
    post = dataclasses.replace(KY_MEETING, url=None, guid="tg:-1001:7", origin="channel:-1001")
    first = await Ingester(store).save(post)
    edited = await Ingester(store).save(dataclasses.replace(post, text=post.text + "\n\nТолукталды."))
    assert (edited.status, edited.article_id) == (SaveStatus.UPDATED, first.article_id)
    forged = dataclasses.replace(RU_TALKS, url=None, guid="tg:-1001:7", origin="channel:-1002")
    assert (await Ingester(store).save(forged)).status is SaveStatus.DUPLICATE


async def test_titles_are_trimmed_and_untitled_scraps_are_not_news(store: Store) -> None:
    huge = dataclasses.replace(KY_MEETING, title="Жапаров " * 150_000)  # a 1.2 MB "title"
    result = await Ingester(store).save(huge)
    stored = await store.articles.get(result.article_id)
    assert stored is not None and stored.title is not None
    assert len(stored.title) <= MAX_TITLE_CHARS and stored.title.endswith("…")
    # A feed of a thousand one-character items stores none of them.
    scraps = [ArticleDraft(text=chr(0x430 + n % 32), guid=f"item-{n}", feed_id=None, source="Junk") for n in range(1000)]
    results = [r async for r in Ingester(store).save_many(scraps)]
    assert {r.status for r in results} == {SaveStatus.REJECTED}
    short = ArticleDraft(text="Бүгүн жаан жаайт.")
    assert len(short.text) < UNTITLED_MIN_CHARS
    assert (await Ingester(store).save(short)).status is SaveStatus.REJECTED
    # A short text with a title is still news ("Breaking: ..."), and so is a long untitled one.
    assert (await Ingester(store).save(dataclasses.replace(short, title="Жаан"))).status is SaveStatus.NEW
    untitled = ArticleDraft(text=EN_WATER.text)
    assert (await Ingester(store).save(untitled)).status is SaveStatus.NEW
    assert await store.articles.count() == 3


async def test_channels_are_pending_until_decided_and_their_articles_can_be_removed(store: Store) -> None:
    channel, created = await store.channels.seen(-1001, title="Ош Жаңылыктары", username="osh_news", added_by=77)
    assert created and channel.status is ChannelStatus.PENDING and channel.added_by == 77
    again, created = await store.channels.seen(-1001, title="Ош Жаңылыктары 2")
    assert not created and again.status is ChannelStatus.PENDING and again.title == "Ош Жаңылыктары 2"
    assert again.username == "osh_news"
    assert await store.channels.status(-2002) is None
    allowed = await store.channels.decide(-1001, ChannelStatus.ALLOWED, by=4242)
    assert allowed is not None and allowed.status is ChannelStatus.ALLOWED and allowed.decided_by == 4242
    await store.channels.decide(-2002, ChannelStatus.IGNORED, by=4242)  # unknown until now: recorded
    await Ingester(store).save(dataclasses.replace(KY_MEETING, guid="tg:-1001:1", origin="channel:-1001"))
    await Ingester(store).save(dataclasses.replace(RU_TALKS, guid="tg:-1001:2", origin="channel:-1001"))
    await Ingester(store).save(EN_WATER)
    listed = await store.channels.list()
    assert [(c.id, c.status, c.articles) for c in listed] == [
        (-1001, ChannelStatus.ALLOWED, 2), (-2002, ChannelStatus.IGNORED, 0)
    ]
    assert await store.channels.remove_articles(-1001) == 2
    assert await store.articles.count() == 1 and await store.quotes.count() > 0
    assert (await store.quotes.search("Жапаров", limit=5, offset=0)).items == ()


async def test_keywords_are_bounded_and_the_subscribers_language_is_the_digests_fallback(store: Store) -> None:
    sub = await store.subscribers.subscribe(
        555, timezone="Asia/Bishkek", local_time=time(8, 0), include=["суу", "ж" * 12_000, "  Садыр   Жапаров "], language="en"
    )
    assert sub.include == ("суу", "Садыр Жапаров")
    assert all(len(word) <= MAX_KEYWORD_CHARS for word in sub.include)
    article = await Ingester(store).save(KY_MEETING)
    claim = DigestClaim(sub.id, 555, "2024-05-16T08:00+06:00", sub.watermark_article_id, article.article_id,
                        datetime(2024, 5, 17, 2, 0, tzinfo=UTC))
    assert await store.deliveries.claim([claim]) == 1
    assert [job.chat_language for job in await store.deliveries.open_jobs()] == ["en"]
    await store.chats.set_language(555, "ru")  # the chat's own choice wins
    assert [job.chat_language for job in await store.deliveries.open_jobs()] == ["ru"]


async def test_migration_gives_existing_articles_their_origin(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await migrate(conn, load_migrations()[:2])
        await conn.execute("INSERT INTO feeds (id, url, url_key, added_at) VALUES (3, 'u', 'k', 'now')")
        for guid, feed in (("tg:-100123:45", None), ("https://a.example/1", 3), ("x", None)):
            await conn.execute(
                "INSERT INTO articles (guid, feed_id, body, language, fetched, sort_time, content_hash, source_hash)"
                " VALUES (?, ?, 'text', 'ky', 'now', 'now', 1, 1)",
                (guid, feed),
            )
    store = await Store.open(path)
    await store.close()
    with sqlite3.connect(path) as conn:
        origins = conn.execute("SELECT guid, origin FROM articles ORDER BY id").fetchall()
    conn.close()
    assert origins == [("tg:-100123:45", "channel:-100123"), ("https://a.example/1", "feed:3"), ("x", None)]
