"""UrlIngester: a page on a local web server becomes a stored article, or an IngestError with a reason."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.fetch import Fetcher
from bot.ingest import UrlIngester
from handlers.errors import IngestError
from news.models import SaveStatus
from storage import Store
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
async def setup(tmp_path: Path) -> AsyncIterator[tuple[UrlIngester, WebServer, Store]]:
    store = await Store.open(tmp_path / "k.db")
    async with WebServer() as web, Fetcher(allow_private_addresses=True, total_timeout=5) as fetcher:
        yield UrlIngester(store, fetcher), web, store
    await store.close()


async def test_a_page_is_stored_once(setup: tuple[UrlIngester, WebServer, Store]) -> None:
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
    setup: tuple[UrlIngester, WebServer, Store], path: str, body: str, status: int, content_type: str, reason: str
) -> None:
    ingester, web, store = setup
    with pytest.raises(IngestError) as caught:
        await ingester.ingest_url(web.add(path, body, status=status, content_type=content_type))
    assert caught.value.reason == reason
    assert await store.articles.count() == 0


async def test_private_addresses_are_refused_by_default(tmp_path: Path) -> None:
    async with await Store.open(tmp_path / "k.db") as store, WebServer() as web, Fetcher() as fetcher:
        with pytest.raises(IngestError) as caught:
            await UrlIngester(store, fetcher).ingest_url(web.add("/news/library", PAGE))
    assert (caught.value.reason, caught.value.detail) == ("private", "127.0.0.1")  # said as it is, not "not a URL"
