"""Saving articles: one transaction, deduplication by GUID, canonical URL and text, updates in place."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from bot.ingest import Ingester
from news.models import ArticleDraft, SaveStatus
from news.morph import fingerprint, tokenize
from storage import Store
from storage.rows import content_fingerprint
from tests.storage.conftest import FakeClock
from tests.storage.samples import ALL, EN_WATER, KY_AL, KY_COUNTRIES, KY_MEETING, RU_TALKS, generated_draft


async def test_save_stores_article_summary_and_quotes(store: Store) -> None:
    result = await Ingester(store).save(KY_MEETING)
    assert result.status is SaveStatus.NEW
    assert result.quotes == 2
    article = await store.articles.get(result.article_id)
    assert article is not None
    assert article.title == KY_MEETING.title
    assert article.language == "ky"
    assert article.canonical_url == "https://kabar-test.kg/news/japarov-putin-moscow"
    assert article.published == KY_MEETING.published
    assert article.summary and article.summary[0].startswith("Кыргызстандын президенти")
    assert [q.speaker for q in article.quotes] == ["Садыр Жапаров", "Владимир Путин"]
    assert [q.rank for q in article.quotes] == [0, 1]
    assert article.quotes[0].article_title == KY_MEETING.title
    assert "Орусия биздин негизги" in article.quotes[0].text
    assert await store.articles.get(result.article_id + 100) is None


async def test_same_guid_is_a_duplicate(store: Store) -> None:
    first = await Ingester(store).save(dataclasses.replace(KY_MEETING, guid="https://kabar-test.kg/?p=1"))
    # Another URL and another headline, but the feed says it is the same item, and the text is the same.
    again = await Ingester(store).save(
        dataclasses.replace(
            KY_MEETING, guid="https://kabar-test.kg/?p=1", url="https://kabar-test.kg/other", title="Жолугушуу"
        )
    )
    assert again.status is SaveStatus.DUPLICATE
    assert again.article_id == first.article_id
    assert again.matched_by == "guid"


async def test_bare_guids_are_scoped_to_their_source(store: Store) -> None:
    a = await Ingester(store).save(dataclasses.replace(KY_MEETING, guid="1001", url=None, source="Кабар"))
    b = await Ingester(store).save(dataclasses.replace(RU_TALKS, guid="1001", url=None, source="РИА Тест"))
    assert a.status is b.status is SaveStatus.NEW
    assert a.article_id != b.article_id


async def test_spellings_of_one_url_are_one_article(store: Store) -> None:
    first = await Ingester(store).save(KY_MEETING)
    spellings = [
        "http://kabar-test.kg/news/japarov-putin-moscow",
        "https://KABAR-TEST.kg/news/japarov-putin-moscow/",
        "https://kabar-test.kg/news/japarov-putin-moscow?utm_medium=social&fbclid=abc#top",
    ]
    for number, url in enumerate(spellings):
        # A retouched headline each time, so it is the URL (not the identical input) that recognises it.
        retouched = dataclasses.replace(KY_MEETING, url=url, title=f"{KY_MEETING.title} ({number})")
        result = await Ingester(store).save(retouched)
        assert result.status is SaveStatus.DUPLICATE, url
        assert result.article_id == first.article_id
        assert result.matched_by == "url"
    assert await store.articles.count() == 1


async def test_same_text_from_another_source_is_a_duplicate(store: Store) -> None:
    first = await Ingester(store).save(KY_COUNTRIES)
    reprint = dataclasses.replace(
        KY_COUNTRIES,
        url="https://another-site-test.kg/reprint/77",
        source="Башка сайт",
        # Different line breaks, quote marks and spacing; the same words.
        text=KY_COUNTRIES.text.replace("\n\n", "\n").replace("«", '"').replace("»", '"').replace(", ", " , "),
    )
    result = await Ingester(store).save(reprint)
    assert result.status is SaveStatus.DUPLICATE
    assert result.article_id == first.article_id
    assert result.matched_by == "text"
    assert await store.articles.count() == 1


async def test_identical_input_is_recognised_before_analysis(store: Store) -> None:
    first = await Ingester(store).save(EN_WATER)
    again = await Ingester(store).save(EN_WATER)
    assert again.status is SaveStatus.DUPLICATE
    assert again.matched_by == "input"
    assert again.article_id == first.article_id


async def test_changed_text_at_the_same_url_updates_in_place(store: Store, clock: FakeClock) -> None:
    first = await Ingester(store).save(KY_MEETING)
    old = await store.articles.get(first.article_id)
    assert old is not None
    clock.advance(hours=2)
    corrected = dataclasses.replace(
        KY_MEETING,
        url="http://kabar-test.kg/news/japarov-putin-moscow",
        text=KY_MEETING.text.replace(
            "«Эки өлкөнүн ортосундагы соода быйыл дагы өсөт деп ишенебиз», — деди Владимир Путин.",
            "«Биз Кыргызстандагы мигранттардын укуктарын коргойбуз», — деди Владимир Путин.",
        ),
    )
    result = await Ingester(store).save(corrected)
    assert result.status is SaveStatus.UPDATED
    assert result.article_id == first.article_id
    assert result.matched_by == "url"
    article = await store.articles.get(first.article_id)
    assert article is not None
    assert article.updated == clock.now
    assert article.fetched == old.fetched
    texts = [q.text for q in article.quotes]
    assert any("мигранттардын" in t for t in texts)
    assert not any("соода быйыл" in t for t in texts)
    assert await store.articles.count() == 1
    assert await store.quotes.count() == 2
    # The search index follows the update: the old quote is gone, the new one is found.
    assert (await store.quotes.search("мигранттар")).total == 1
    assert (await store.quotes.search("быйыл")).total == 0


async def test_empty_and_oversized_drafts_are_rejected(store: Store) -> None:
    for draft in (ArticleDraft(text=""), ArticleDraft(text="   \n\n  "), ArticleDraft(text="ж" * 1_000_001)):
        result = await Ingester(store).save(draft)
        assert result.status is SaveStatus.REJECTED
        assert result.article_id == 0 and result.error
    assert await store.articles.count() == 0


async def test_save_many_yields_results_in_order_and_dedups_within_a_batch(store: Store) -> None:
    tracked = dataclasses.replace(RU_TALKS, url=RU_TALKS.url + "?utm_source=x")
    drafts = [*ALL, KY_MEETING, ArticleDraft(text=""), tracked]
    results = [r async for r in Ingester(store).save_many(drafts, batch_size=4)]
    assert [r.status for r in results] == [SaveStatus.NEW] * len(ALL) + [
        SaveStatus.DUPLICATE,
        SaveStatus.REJECTED,
        SaveStatus.DUPLICATE,
    ]
    assert results[len(ALL)].article_id == results[0].article_id
    assert len({r.article_id for r in results[: len(ALL)]}) == len(ALL)
    assert await store.articles.count() == len(ALL)


async def test_an_update_within_one_batch_replaces_the_new_article(store: Store) -> None:
    first = generated_draft(1)
    changed = dataclasses.replace(first, text=first.text.replace("башталат", "кийинкиге жылдырылды"))
    results = [r async for r in Ingester(store).save_many([first, changed], batch_size=10)]
    assert [r.status for r in results] == [SaveStatus.NEW, SaveStatus.UPDATED]
    article = await store.articles.get(results[0].article_id)
    assert article is not None and "жылдырылды" in article.body
    assert await store.quotes.count() == len(article.quotes) == 2


async def test_latest_orders_by_publication_and_clamps_future_dates(store: Store, clock: FakeClock) -> None:
    for draft in ALL:
        await Ingester(store).save(draft)
    future = dataclasses.replace(
        generated_draft(5), published=datetime(2030, 1, 1, tzinfo=UTC), url="https://future-test.kg/1"
    )
    await Ingester(store).save(future)
    page = await store.articles.latest(limit=3)
    # The wrong future date cannot pin the article on top for years: it sorts at its fetch time (clock.now),
    # which is after every sample's publication date.
    assert page.items[0].title == future.title
    assert page.items[0].published == datetime(2030, 1, 1, tzinfo=UTC)
    assert [a.title for a in page.items[1:]] == [ALL[5].title, ALL[4].title]
    assert page.has_more and not page.total_exact
    clock.advance(days=1)
    later = dataclasses.replace(generated_draft(6), published=None)
    await Ingester(store).save(later)
    assert (await store.articles.latest(limit=1)).items[0].title == later.title
    second = await store.articles.latest(limit=3, offset=3)
    assert len(second.items) == 3
    ky_only = await store.articles.latest(limit=50, language="ru")
    assert [a.title for a in ky_only.items] == [RU_TALKS.title]


async def test_backlog_articles_are_stored_but_not_new(store: Store) -> None:
    watermark = await store.articles.newest_id()
    assert watermark == 0
    old = await Ingester(store).save(KY_MEETING, backlog=True)
    fresh = await Ingester(store).save(RU_TALKS)
    since = await store.articles.since(watermark)
    assert [a.id for a in since] == [fresh.article_id]
    everything = await store.articles.since(watermark, include_backlog=True)
    assert [a.id for a in everything] == [old.article_id, fresh.article_id]
    assert (await store.articles.get(old.article_id)).backlog  # type: ignore[union-attr]
    assert (await store.quotes.search("Жапаров")).total >= 1  # backlog is searchable


async def test_find_by_url_or_guid(store: Store) -> None:
    saved = await Ingester(store).save(dataclasses.replace(EN_WATER, guid="tt-42", feed_id=None, source="Test Times"))
    assert await store.articles.find(url="http://www.times-test.com/asia/water-talks/") == saved.article_id
    assert await store.articles.find(guid="tt-42", source="Test Times") == saved.article_id
    assert await store.articles.find(guid="tt-42", source="Other") is None
    assert await store.articles.find(url="https://times-test.com/other") is None
    assert await store.articles.find() is None


async def test_unknown_feed_id_does_not_break_saving(store: Store) -> None:
    result = await Ingester(store).save(dataclasses.replace(KY_AL, feed_id=999))
    article = await store.articles.get(result.article_id)
    assert article is not None and article.feed_id is None



async def test_stats_count_everything(store: Store) -> None:
    for draft in ALL:
        await Ingester(store).save(draft)
    stats = await store.stats()
    assert stats.articles == len(ALL)
    assert stats.quotes == await store.quotes.count() == 10
    assert dict(stats.languages) == {"ky": 4, "ru": 1, "en": 1}
    assert stats.sources == 5
    assert stats.newest is not None and stats.db_bytes > 0




@pytest.mark.parametrize(
    "body",
    [
        "Жапаров: «Биз суу маселесин чечебиз», — деди.",
        "Путин заявил: «Всё идёт по плану». ЁЛКА и Ёж.",
        "Café, naïve, ÉCOLE, Łódź, Ærø — İstanbul'da İSTANBUL.",
        "Cafe\u0301 decomposed, and e\u0301 again",
        "plain ascii text, with punctuation!",
        "",
    ],
)
def test_the_duplicate_check_reuses_the_vocabulary_tokens(body: str) -> None:
    # One tokenisation feeds the search words and the duplicate check; the fingerprint must not change for it,
    # or a text stored before would no longer be recognised.
    assert content_fingerprint(body, tokenize(body)) == fingerprint(body)
