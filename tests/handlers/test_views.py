"""Rendering: every stored value escaped, every message under Telegram's limit, dates in the reader's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from handlers import views
from handlers.render import visible_length
from news.models import ArticleBrief, ResultPage, StoredArticle, StoredQuote
from storage.store import StoreStats

BISHKEK = ZoneInfo("Asia/Bishkek")
WHEN = datetime(2026, 11, 27, 6, 40, tzinfo=UTC)
HOSTILE = '<script>alert("x")</script> & <b>bold</b> <a href="javascript:x">'


def quote(
    text: str = "Биз бул маселени чечебиз", speaker: str | None = "Нурлан Токтосунов", **kw: object
) -> StoredQuote:
    values: dict[str, object] = dict(
        id=1, article_id=7, text=text, speaker=speaker, position=0, rank=0, score=1.0,
        article_title="Бишкекте жаңы линия", article_url="https://kabar.example/1", source="Кабар",
        language="ky", published=WHEN,
    )
    values.update(kw)
    return StoredQuote(**values)  # type: ignore[arg-type]


def article(**kw: object) -> StoredArticle:
    values: dict[str, object] = dict(
        id=7, title="Бишкекте жаңы линия", lead="Лид.", body="Текст.", url="https://kabar.example/1",
        canonical_url=None, guid=None, source="Кабар", author=None, language="ky", published=WHEN, fetched=WHEN,
        updated=None, feed_id=None, backlog=False, summary=("Биринчи сүйлөм.", "Экинчи сүйлөм."),
        quotes=(quote(),),
    )
    values.update(kw)
    return StoredArticle(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ky", "27-ноябрь, 12:40"), ("ru", "27 ноября, 12:40"), ("en", "27 November, 12:40")],
)
def test_dates_are_local_and_in_the_readers_language(language: str, expected: str) -> None:
    assert views.when(WHEN, BISHKEK, language, now=WHEN) == expected
    assert views.when(WHEN, BISHKEK, language, now=datetime(2027, 1, 2, tzinfo=UTC)).endswith("2026, 12:40")
    assert views.when(None, BISHKEK, language) == ""


def test_quotation_marks_follow_the_language() -> None:
    assert views.quoted("Салам", "ky") == "«Салам»"
    assert views.quoted("Hello", "en") == "\u201cHello\u201d"
    assert views.quoted('<b>"x"</b>', "ru") == "«&lt;b&gt;&quot;x&quot;&lt;/b&gt;»"


def test_every_stored_value_is_escaped() -> None:
    hostile = article(
        title=HOSTILE, source=HOSTILE, url="javascript:alert(1)", summary=(HOSTILE,),
        quotes=(quote(text=HOSTILE, speaker=HOSTILE, article_title=HOSTILE, source=HOSTILE),),
    )
    html = "".join(views.article_message(hostile, BISHKEK, "en"))
    assert "<script>" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    listing = "".join(views.quotes_message("<b>Quotes</b>", ResultPage((hostile.quotes[0],), 0, 5, 1), BISHKEK, "ky"))
    assert "<script>" not in listing and 'href="javascript' not in listing


def test_a_huge_article_is_split_under_the_limit() -> None:
    long_quotes = tuple(quote(text="Сөз " * 400, id=i, rank=i) for i in range(20))
    huge = article(summary=("Узун сүйлөм. " * 600,), quotes=long_quotes)
    chunks = views.article_message(huge, BISHKEK, "ky", quotes=20)
    assert len(chunks) > 1
    assert all(visible_length(c) <= 4096 for c in chunks)


def test_lists_number_their_items_and_say_the_range() -> None:
    briefs = tuple(
        ArticleBrief(id=i, title=f"Макала {i}", lead="Бир сүйлөм.", url=None, source="Кабар", language="ky",
                     published=WHEN, fetched=WHEN, quote_count=0)
        for i in (11, 12)
    )
    page = ResultPage(briefs, 5, 5, 12, total_exact=False)
    text = "\n".join(views.briefs_message("<b>Акыркы</b>", page, BISHKEK, "en"))
    assert "6. <b>Макала 11</b>" in text and "7. <b>Макала 12</b>" in text
    assert "6–7 of 12+" in text


def test_unknown_speaker_and_title() -> None:
    text = views.quote_block(quote(speaker=None, article_title=None), BISHKEK, "en")
    assert "unnamed source" in text and "(untitled)" in text and "/article_7" in text


def test_stats() -> None:
    stats = StoreStats(articles=10, quotes=20, speakers=19, sources=7, feeds=1, chats=3, subscribers=2,
                       languages=(("ky", 4), ("ru", 3), ("en", 3)), newest=WHEN, oldest=WHEN, db_bytes=512_000)
    text = "\n".join(views.stats_message(stats, BISHKEK, "en"))
    assert "Articles: 10" in text and "ky: 4, ru: 3, en: 3" in text and "0.5 MB" in text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (ResultPage(("a", "b", "c"), 0, 3, 3, total_exact=True), "1–3 of 3"),
        # The newest articles only know there is at least one more: no made-up total.
        (ResultPage(("a", "b", "c"), 3, 3, 7, total_exact=False), "4–6"),
        # A search that looked at a bounded set of candidates knows a lower bound worth telling.
        (ResultPage(("a", "b"), 0, 2, 150, total_exact=False), "1–2 of 150+"),
        (ResultPage((), 0, 5, 0), ""),
    ],
)
def test_page_range_tells_only_what_it_knows(page: ResultPage, expected: str) -> None:
    assert views.page_range(page, "en") == expected
