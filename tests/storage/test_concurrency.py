"""Readers are never blocked by the writer, and never see half an article."""

from __future__ import annotations

import asyncio

from bot.ingest import Ingester
from storage import Store
from tests.storage.samples import KY_MEETING, generated_draft

WHOLE_ARTICLES = (
    "SELECT count(*) FROM articles a WHERE a.quote_count != (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"
)


async def test_a_reader_answers_during_an_open_write_transaction(store: Store) -> None:
    await Ingester(store).save(KY_MEETING)
    async with store.db.transaction() as conn:
        await conn.execute("UPDATE articles SET title = 'черновик' WHERE id = 1")
        # The write transaction is open and holds the writer; a search still answers, from the last commit.
        page = await asyncio.wait_for(store.articles.search("Жапаров"), timeout=30)
        assert [a.title for a in page.items] == [KY_MEETING.title]
        latest = await asyncio.wait_for(store.articles.latest(), timeout=30)
        assert latest.items[0].title == KY_MEETING.title
    assert (await store.articles.latest()).items[0].title == "черновик"


async def test_readers_see_only_whole_articles_while_an_import_runs(store: Store) -> None:
    drafts = [generated_draft(i) for i in range(240)]
    done = asyncio.Event()

    async def writer() -> int:
        count = 0
        async for _ in Ingester(store).save_many(drafts, batch_size=20):
            count += 1
        done.set()
        return count

    task = asyncio.create_task(writer())
    reads_during_import = 0
    counts: list[int] = []
    while not done.is_set():
        page = await store.quotes.search("долбоор", limit=5)
        assert len(page.items) <= 5
        row = await store.db.fetchone(WHOLE_ARTICLES)
        assert row == (0,)
        counts.append(await store.articles.count())
        if not done.is_set():
            reads_during_import += 1
        await asyncio.sleep(0)
    assert await task == len(drafts)
    assert reads_during_import > 0
    assert counts == sorted(counts)  # committed batches only ever add articles
    assert await store.articles.count() == len(drafts)
    assert await store.db.fetchone(WHOLE_ARTICLES) == (0,)
