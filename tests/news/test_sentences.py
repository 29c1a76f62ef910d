"""Sentence splitting: quotes stay whole, abbreviations, initials and dates do not break sentences."""

from __future__ import annotations

import pytest

from news import split_sentences
from news.sentences import quote_spans, sentence_bounds


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A multi-sentence quote and its attribution are one sentence, in every language and every mark style.
        (
            "«Биз даярбыз. Бул маселе эки өлкө үчүн тең маанилүү. Сүйлөшүүлөр улантылат», — деди Путин. "
            "Президенттер кайсы маселелерди талкуулаганы белгисиз.",
            [
                "«Биз даярбыз. Бул маселе эки өлкө үчүн тең маанилүү. Сүйлөшүүлөр улантылат», — деди Путин.",
                "Президенттер кайсы маселелерди талкуулаганы белгисиз.",
            ],
        ),
        (
            "“Мисалы, фермер 80 миң сом иштесе, анын 30% жер ижарасына кетет. Бул оор”, - деди Бермет Асанова.",
            ["“Мисалы, фермер 80 миң сом иштесе, анын 30% жер ижарасына кетет. Бул оор”, - деди Бермет Асанова."],
        ),
        (
            "«Мы готовы к переговорам. Это очень важно», — сказал Путин. Он добавил, что встреча пройдет в мае.",
            ["«Мы готовы к переговорам. Это очень важно», — сказал Путин.", "Он добавил, что встреча пройдет в мае."],
        ),
        (
            '"We are ready. It is important," he said. The talks resume on Monday.',
            ['"We are ready. It is important," he said.', "The talks resume on Monday."],
        ),
        # A quote that ends its sentence, then a new sentence.
        (
            "Он заявил: «Санкции не работают!» Он добавил, что экономика растет.",
            ["Он заявил: «Санкции не работают!»", "Он добавил, что экономика растет."],
        ),
        # The attribution after a quote ending in ! or ? is not cut off.
        ("«Бизге ким жардам берет?» — деп сурады ал. Жооп болгон жок.", ["«Бизге ким жардам берет?» — деп сурады ал.", "Жооп болгон жок."]),
        # A dash inside a quote is not an attribution.
        (
            "Ал «Ош — жаш шаар, ал эч качан токтобойт. Ал өсө берет» деп жазылган уранга кол койду.",
            ["Ал «Ош — жаш шаар, ал эч качан токтобойт. Ал өсө берет» деп жазылган уранга кол койду."],
        ),
    ],
)
def test_quotes_stay_whole(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # Kyrgyz abbreviations, dates and acronyms with case endings
        "Президент 2022-ж. 9-мартта АКШнын жана БУУнун өкүлдөрү менен жолукту.",
        "Жыйынга министрликтер, агенттиктер ж.б. мекемелер катышты.",
        "Б.а. бул маселе азырынча чечиле элек.",
        "Жаңы эрежелер 2025-ж. 1-январдан тартып күчүнө кирет.",
        "Уюмдун (ЖККУ) жыйыны Бишкекте өттү.",
        # Russian
        "В. В. Путин 16 мая 2023 г. провел встречу в Кремле.",
        "На ремонт выделено 5 млн руб., в т.ч. на закупку оборудования.",
        "Исследование провели ученые МГУ им. Ломоносова и их коллеги.",
        "Он живет на ул. Ленина, т.е. в самом центре.",
        # English
        "Mr. Smith met U.S. officials in Washington.",
        "The report is due on Jan. 13 at 5 p.m. local time.",
        "Dr. Jones and Prof. Brown spoke at the U.N. General Assembly.",
        "George W. Bush visited the U.K. in 2003.",
    ],
)
def test_no_break_inside_abbreviations(sentence: str) -> None:
    assert split_sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Бул биринчи сүйлөм. Бул экинчи сүйлөм! Бул үчүнчүбү? Ооба.", 4),
        ("Первое предложение. Второе предложение. Третье.", 3),
        ("The first one. The second one... The third one?", 3),
        ("Выделено 10 млн. Деньги поступят в мае.", 2),
        ("The talks were held in the U.S. The president was there.", 2),
        ("Ал 2022-ж. Бишкекке келген. Андан кийин кетти.", 3),
    ],
)
def test_real_boundaries_are_kept(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count


def test_paragraphs_never_join() -> None:
    text = "Путин менен жолугушуу\n\nЖапаров менен Путин Москвада жолугушту."
    assert split_sentences(text) == ["Путин менен жолугушуу", "Жапаров менен Путин Москвада жолугушту."]


def test_english_quote_running_over_paragraphs_splits_at_each_reopening() -> None:
    text = (
        'She told reporters: "I live in a hostel now. The hostel is full of nurses. '
        '"Leaving home was hard." Prices rose on Tuesday.'
    )
    assert split_sentences(text) == [
        'She told reporters: "I live in a hostel now. The hostel is full of nurses.',
        '"Leaving home was hard."',
        "Prices rose on Tuesday.",
    ]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("«Биз „Газпром“ менен иштейбиз», — деди ал.", ["Биз „Газпром“ менен иштейбиз", "Газпром"]),
        ('He said: "They called it \'reckless\' and left."', ["They called it 'reckless' and left."]),
        ('Она сказала: "Хотите назвать это "реформой" - называйте".', ['Хотите назвать это "реформой" - называйте', "реформой"]),
        ("“Мен азыр “Алмурутта” иштейм”, - деди Канат.", ["Мен азыр “Алмурутта” иштейм", "Алмурутта"]),
    ],
)
def test_nested_quote_marks_pair(text: str, inner: list[str]) -> None:
    assert [text[s.start : s.end] for s in quote_spans(text)] == inner


@pytest.mark.parametrize(
    "text",
    [
        "«Бул жабылбаган тырмакча. Андан кийин дагы сүйлөм бар.",
        "Жабылган» тырмакча гана бар. Дагы бир сүйлөм.",
        '" " " """ «« »» „',
        "«" * 500 + "текст" + "»" * 3,
    ],
)
def test_unbalanced_marks_do_not_break_anything(text: str) -> None:
    spans = quote_spans(text)
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
    bounds = sentence_bounds(text, spans)
    assert all(0 <= a < b <= len(text) for a, b in bounds)


def test_unpunctuated_text_is_one_sentence() -> None:
    text = "бул текстте эч кандай тыныш белги жок " * 100
    assert split_sentences(text) == [text.strip()]
