"""The ingest use case: drafts analysed in worker processes and stored; /add's page from a local web server."""

from __future__ import annotations

import os
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.fetch import Fetcher
from bot.ingest import Ingester, prepare
from bot.workers import WorkerPool
from handlers.errors import IngestError
from news.models import ArticleDraft, SaveStatus
from storage import Store
from tests.storage.samples import EN_WATER, KY_MEETING, RU_TALKS
from tests.webserver import WebServer

PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>В Караколе открыли новую библиотеку</title>
<meta property="og:site_name" content="Иссык-Куль Сегодня">
</head><body><article><h1>В Караколе открыли новую библиотеку</h1>
<p>В Караколе после двух лет ремонта открылась городская библиотека. В её фонде более 40 тысяч книг на
кыргызском, русском и английском языках.</p>
<p>«Мы хотим, чтобы библиотека стала местом, куда дети приходят не только за книгами, но и за общением», —
сказала директор библиотеки Айнура Бейшенова.</p>
<p>Ремонт финансировали городской бюджет и местные предприниматели.</p>
</article></body></html>"""


@pytest.fixture
async def setup(tmp_path: Path) -> AsyncIterator[tuple[Ingester, WebServer, Store]]:
    store = await Store.open(tmp_path / "k.db")
    async with WebServer() as web, Fetcher(allow_private_addresses=True, total_timeout=5) as fetcher:
        yield Ingester(store, fetcher=fetcher), web, store
    await store.close()


async def test_a_page_is_stored_once(setup: tuple[Ingester, WebServer, Store]) -> None:
    ingester, web, store = setup
    url = web.add("/news/library", PAGE)
    result = await ingester.ingest_url(url)
    assert result.status is SaveStatus.NEW and result.quotes == 1
    article = await store.articles.get(result.article_id)
    assert article is not None and article.title == "В Караколе открыли новую библиотеку"
    assert article.source == "Иссык-Куль Сегодня" and article.quotes[0].speaker == "Айнура Бейшенова"
    again = await ingester.ingest_url(url)
    assert again.status is SaveStatus.DUPLICATE and again.article_id == result.article_id
    assert web.hits("/news/library") == 1  # known by its URL: not fetched again


@pytest.mark.parametrize(
    ("path", "body", "status", "content_type", "reason"),
    [
        ("/gone", "gone", 410, "text/html", "unreachable"),
        ("/photo.png", "x", 200, "image/png", "unreachable"),
        ("/empty", "<html><body><p>Кирүү</p></body></html>", 200, "text/html", "not_article"),
    ],
)
async def test_expected_failures_have_reasons(
    setup: tuple[Ingester, WebServer, Store], path: str, body: str, status: int, content_type: str, reason: str
) -> None:
    ingester, web, store = setup
    with pytest.raises(IngestError) as caught:
        await ingester.ingest_url(web.add(path, body, status=status, content_type=content_type))
    assert caught.value.reason == reason
    assert await store.articles.count() == 0


async def test_private_addresses_are_refused_by_default(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "k.db") as store, WebServer() as web, Fetcher() as fetcher:
        with pytest.raises(IngestError) as caught:
            await Ingester(store, fetcher=fetcher).ingest_url(web.add("/news/library", PAGE))
    assert (caught.value.reason, caught.value.detail) == ("private", "127.0.0.1")  # said as it is, not "not a URL"


async def test_analysis_in_a_process_pool_survives_a_dead_worker(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    pool = WorkerPool(1)
    try:
        async with await Store.open(tmp_path / "k.db") as store:
            ingester = Ingester(store, pool)
            assert (await ingester.save(KY_MEETING)).status is SaveStatus.NEW
            # Kill the worker process we started, as the OOM killer would; the pool must start a fresh one.
            processes = pool._pool._processes  # type: ignore[union-attr]  # noqa: SLF001 - the worker, to kill it
            for process in list(processes.values()):
                os.kill(process.pid, signal.SIGKILL)
                process.join()
            assert (await ingester.save(RU_TALKS)).status is SaveStatus.NEW
            results = [r async for r in ingester.save_many([EN_WATER, KY_MEETING])]
            assert [r.status for r in results] == [SaveStatus.NEW, SaveStatus.DUPLICATE]
            assert await store.quotes.count() == 6
        assert "worker process died" in caplog.text
    finally:
        pool.close()


async def test_many_batches_in_flight_keep_the_order_of_the_drafts(tmp_path: Path) -> None:
    drafts = [KY_MEETING, RU_TALKS, EN_WATER, KY_MEETING, RU_TALKS]
    pool = WorkerPool(2)
    try:
        async with await Store.open(tmp_path / "k.db") as store:
            ingester = Ingester(store, pool, in_flight=3)
            results = [r async for r in ingester.save_many(drafts, batch_size=1)]
    finally:
        pool.close()
    assert [r.status for r in results] == [SaveStatus.NEW] * 3 + [SaveStatus.DUPLICATE] * 2
    assert results[3].article_id == results[0].article_id and results[4].article_id == results[1].article_id


def test_an_empty_or_huge_draft_is_rejected_before_analysis() -> None:
    assert prepare(ArticleDraft(text="  ")).reason == "empty text"  # type: ignore[union-attr]
    huge = prepare(ArticleDraft(text="ж" * 1_000_001))
    assert "more than" in huge.reason  # type: ignore[union-attr]
