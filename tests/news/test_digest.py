"""Composing a digest: filters by language and keywords (plain words, inflected forms), best first, entries."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from news.digest import article_score, compose_digest, make_entry, matches_keyword, passes_filters, rank_articles
from news.models import DigestArticle


def when(hour: int) -> datetime:
    return datetime(2024, 5, 16, hour, 0, tzinfo=UTC)


PARLIAMENT = DigestArticle(
    id=11,
    title="Жогорку Кеңеш жер мыйзамын экинчи окууда кабыл алды",
    url="https://kabar.example/kg/law",
    source="Кабар",
    language="ky",
    published=when(5),
    summary=(
        "Жогорку Кеңештин депутаттары шейшемби күнү жер мыйзамына өзгөртүүлөрдү экинчи окууда колдошту.",
        "Мыйзам долбооруна 68 депутат добуш берди.",
    ),
    quote="Жер сатылбайт, бул мыйзам дыйкандын укугун коргойт",
    speaker="Нурланбек Шакиев",
    quote_score=1.8,
    quote_count=2,
)
FLOOD = DigestArticle(
    id=12,
    title="В Оше после ливня подтопило три улицы",
    url="https://vesti.example/osh-flood",
    source="Вести",
    language="ru",
    published=when(7),
    summary=("Сильный ливень в Оше в ночь на четверг подтопил три улицы в южной части города.",),
    quote="Насосы работают всю ночь, к утру воду откачаем",
    speaker="Айбек Токтосунов",
    quote_count=1,
)
MARKET = DigestArticle(
    id=13,
    title="Dordoi market traders protest new customs rules",
    url="https://news.example/dordoi",
    source="News",
    language="en",
    published=when(9),
    summary=("Several hundred traders gathered at Bishkek's Dordoi bazaar on Thursday.",),
)
WEATHER = DigestArticle(id=14, title=None, url=None, source="Кабар", language="ky", published=when(10),
                        lead="Бишкекте эртең жаан жаайт, деп билдирди Кыргызгидромет.")
ALL = [PARLIAMENT, FLOOD, MARKET, WEATHER]


def test_nothing_new_is_no_digest() -> None:
    assert compose_digest([]) is None
    assert compose_digest(ALL, languages=("uz",)) is None


def test_best_first_quotes_by_named_speakers_lead() -> None:
    ranked = rank_articles(ALL)
    assert [a.id for a in ranked] == [11, 12, 13, 14]
    assert article_score(PARLIAMENT) > article_score(FLOOD) > article_score(MARKET) > article_score(WEATHER)
    # Equal articles: newest first.
    older = DigestArticle(id=20, title="A", url=None, source=None, language="en", published=when(1))
    newer = DigestArticle(id=21, title="B", url=None, source=None, language="en", published=when(2))
    assert [a.id for a in rank_articles([older, newer])] == [21, 20]


@pytest.mark.parametrize(
    ("languages", "expected"),
    [((), {11, 12, 13, 14}), (("ky",), {11, 14}), (("ru", "en"), {12, 13})],
)
def test_language_filter(languages: tuple[str, ...], expected: set[int]) -> None:
    digest = compose_digest(ALL, languages=languages, page_size=10)
    assert digest is not None
    assert {e.article_id for e in digest.entries} == expected


@pytest.mark.parametrize(
    ("keyword", "article", "hit"),
    [
        ("Шакиев", PARLIAMENT, True),  # the speaker
        ("мыйзам", PARLIAMENT, True),  # finds мыйзамын, мыйзамына (Kyrgyz suffix chains)
        ("депутат", PARLIAMENT, True),  # finds депутаттары
        ("Ош", FLOOD, False),  # two-letter words match only themselves, as in search: not Оше
        ("Ош", WEATHER, False),
        ("улица", FLOOD, True),  # Russian: улицы
        ("ливень", FLOOD, True),
        ("trader", MARKET, True),  # English: traders
        ("customs rules", MARKET, True),  # every word of a phrase
        ("customs taxes", MARKET, False),
        ("жаан", WEATHER, True),  # the lead counts when there is no summary
        ("Путин", PARLIAMENT, False),
        (".*", PARLIAMENT, False),  # not a pattern: no words at all
        ("(a+)+$", MARKET, False),
    ],
)
def test_keywords_are_plain_words_in_any_inflected_form(keyword: str, article: DigestArticle, hit: bool) -> None:
    assert matches_keyword(article, keyword) is hit


def test_short_words_match_whole_words() -> None:
    osh = DigestArticle(id=40, title="Ош шаарында жаңы мектеп ачылды", url=None, source=None, language="ky",
                        published=when(4))
    assert matches_keyword(osh, "ош")
    assert not matches_keyword(osh, "ша")  # never a piece of a longer word


def test_include_and_exclude() -> None:
    assert passes_filters(PARLIAMENT, include=("мыйзам",))
    assert not passes_filters(FLOOD, include=("мыйзам",))
    assert passes_filters(FLOOD, include=("мыйзам", "ливень"))  # any include keyword
    assert not passes_filters(PARLIAMENT, include=("мыйзам",), exclude=("депутат",))  # exclude wins
    digest = compose_digest(ALL, exclude=("Бишкек",), page_size=10)  # Бишкекте; Latin "Bishkek's" is another word
    assert digest is not None and {e.article_id for e in digest.entries} == {11, 12, 13}


def test_a_long_hostile_keyword_is_cheap_and_harmless() -> None:
    keyword = "(" * 5000 + "a" * 5000 + ")*" * 5000
    assert not matches_keyword(MARKET, keyword)


def test_entry_has_title_one_or_two_sentences_and_the_key_quote() -> None:
    entry = make_entry(PARLIAMENT)
    assert entry.title == PARLIAMENT.title
    assert entry.url == PARLIAMENT.url
    assert entry.sentences == PARLIAMENT.summary  # two short sentences
    assert entry.quote == PARLIAMENT.quote and entry.speaker == "Нурланбек Шакиев"
    long = DigestArticle(id=30, title="T", url=None, source=None, language="ru", published=when(3),
                         summary=("Первое предложение. " * 25, "Второе предложение, которое уже не влезет."))
    assert len(make_entry(long).sentences) == 1
    repeated = DigestArticle(id=31, title="T", url=None, source=None, language="ru", published=when(3),
                             summary=("«Насосы работают всю ночь, к утру воду откачаем», — сказал мэр.", "Итог."),
                             quote="Насосы работают всю ночь, к утру воду откачаем", speaker="мэр")
    assert make_entry(repeated).sentences == ("Итог.",)  # the quote is not shown twice
    untitled = make_entry(WEATHER)
    assert untitled.title.startswith("Бишкекте эртең") and untitled.sentences == ()


def test_pages() -> None:
    first = compose_digest(ALL, page_size=3)
    assert first is not None and first.total == 4 and first.has_more and len(first.entries) == 3
    second = compose_digest(ALL, page_size=3, offset=3)
    assert second is not None and not second.has_more and [e.article_id for e in second.entries] == [14]
