"""news.morph: tokens, folding, the Kyrgyz suffix chain, Russian endings and query words."""

from __future__ import annotations

import pytest

from news.morph import (
    fingerprint,
    fold,
    is_suffix_chain,
    ky_forms,
    ky_genitive,
    ky_nominative,
    kyrgyz_stems,
    matches_word,
    normalise_speaker,
    parse_query,
    query_word,
    ru_genitive_phrase,
    russian_stem,
    tokenize,
)


def test_tokenize_lowercases_and_splits_on_everything_but_letters_and_digits() -> None:
    assert tokenize("«Албетте, биз — кичинекей өлкөбүз», — деди Жапаров.") == [
        "албетте",
        "биз",
        "кичинекей",
        "өлкөбүз",
        "деди",
        "жапаров",
    ]
    assert tokenize("АКШнын 16-майдагы иш-чарасы") == ["акшнын", "16", "майдагы", "иш", "чарасы"]
    assert tokenize("Putin's snake_case 😀 x") == ["putin", "s", "snake", "case", "x"]
    assert tokenize("") == []


def test_tokenize_composes_decomposed_letters() -> None:
    decomposed = "и\u0306од"  # й written as и + combining breve
    assert tokenize(decomposed) == ["йод"]


@pytest.mark.parametrize(
    ("word", "folded"),
    [("ещё", "еще"), ("café", "cafe"), ("йод", "йод"), ("өлкө", "өлкө"), ("naïve", "naive")],
)
def test_fold_drops_yo_and_latin_accents_but_keeps_cyrillic_letters(word: str, folded: str) -> None:
    assert fold(word) == folded


@pytest.mark.parametrize(
    "rest",
    ["", "дун", "го", "нын", "лөрдүн", "сынын", "сына", "дагы", "тарбыз", "бүз", "бүзгө", "лары", "ларынан", "н" * 0],
)
def test_valid_kyrgyz_suffix_chains(rest: str) -> None:
    assert is_suffix_chain(rest)


@pytest.mark.parametrize("rest", ["бетте", "ок", "инчи", "ия", "на", "ча", "кактуу", "тардын" + "х"])
def test_invalid_kyrgyz_suffix_chains(rest: str) -> None:
    assert not is_suffix_chain(rest)


@pytest.mark.parametrize(
    ("query", "token"),
    [
        ("Жапаров", "жапаровдун"),
        ("Жапаров", "жапаровго"),
        ("Жапаров", "жапаровдон"),
        ("Орусия", "орусиянын"),
        ("Орусия", "орусияга"),
        ("өлкө", "өлкөлөрдүн"),
        ("өлкө", "өлкөнүн"),
        ("өлкө", "өлкөбүз"),
        ("Путин", "путина"),
        ("Путин", "путиндин"),
        ("Путин", "путину"),
        ("Путина", "путин"),
        ("Россия", "россии"),
        ("России", "россией"),
        ("Москва", "москвы"),
        ("Москва", "москвага"),
        ("АКШ", "акшнын"),
        ("Кыргызстан", "кыргызстандагы"),
        ("кызматташуу", "кызматташууга"),
        ("администрация", "администрациясынын"),
        ("Жапаровдун", "жапаровго"),
        ("Бишкекте", "бишкектеги"),
        ("китеп", "китеби"),
        ("sanction", "sanctions"),
        ("ещё", "еще"),
        ("ал", "ал"),
    ],
)
def test_query_word_finds_inflected_forms(query: str, token: str) -> None:
    (word,) = parse_query(query)
    assert matches_word(word, token)


@pytest.mark.parametrize(
    ("query", "token"),
    [
        ("ал", "албетте"),
        ("ал", "алар"),
        ("ал", "алкактуу"),
        ("орус", "орусия"),
        ("Орусия", "орустар"),
        ("бир", "бирок"),
        ("бир", "биринчи"),
        ("Жапаров", "жапар"),
        ("Путин", "пути"),
        ("Путина", "пути"),
        ("Россия", "российский"),
        ("жана", "жаны"),
        ("китеп", "китебге"),
        ("өлкө", "өлкөчө"),
        ("2024", "20245"),
    ],
)
def test_query_word_rejects_other_words(query: str, token: str) -> None:
    (word,) = parse_query(query)
    assert not matches_word(word, token)


def test_short_words_and_numbers_are_exact() -> None:
    assert query_word("ал").exact
    assert query_word("2024").exact
    assert not query_word("акш").exact


def test_kyrgyz_stems_and_russian_stem() -> None:
    assert "жапаров" in kyrgyz_stems("жапаровдун")
    assert "өлкө" in kyrgyz_stems("өлкөлөрдүн")
    assert kyrgyz_stems("путин") == ()  # a one-letter rest is never cut
    assert russian_stem("путина") == "путин"
    assert russian_stem("жапаров") is None  # surname endings stay
    assert russian_stem("мир") is None


@pytest.mark.parametrize(
    "hostile",
    [
        '"',
        "*",
        "NEAR(",
        "((((",
        "a AND b OR NOT c",
        "'; DROP TABLE quotes; --",
        "😀😀😀",
        "",
        "   ",
        "x" * 10_000,
        "word " * 3000,
        "\x00\x01",
    ],
)
def test_parse_query_reduces_hostile_text_to_plain_words(hostile: str) -> None:
    words = parse_query(hostile)
    assert len(words) <= 8
    for word in words:
        assert word.word.isalnum()
        assert all(base.isalnum() for base in word.bases)


def test_parse_query_dedups_and_limits_words() -> None:
    words = parse_query("Жапаров жапаров ЖАПАРОВ Путин")
    assert [w.word for w in words] == ["жапаров", "путин"]
    assert parse_query(None) == ()  # type: ignore[arg-type]


def test_normalise_speaker() -> None:
    assert normalise_speaker("Садыр  Жапаров") == "садыр жапаров"
    assert normalise_speaker("Пётр") == "петр"
    assert normalise_speaker("  ") is None
    assert normalise_speaker(None) is None


def test_fingerprint_ignores_case_punctuation_and_spacing() -> None:
    a = "Бакыт Осмонов менен Айгүл Токтоева жолугушту.\n\n«Даярбыз», — деди ал."
    b = "бакыт осмонов менен айгүл токтоева жолугушту «даярбыз» - деди ал"
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(a + " кошумча")
    assert 0 <= fingerprint(a) < 2**63


# ------------------------------------------------------------------------------------------------ case reading


@pytest.mark.parametrize(
    ("word", "stem", "case", "possessive"),
    [
        ("Жапаровдун", "Жапаров", "gen", False),
        ("Бишкектин", "Бишкек", "gen", False),
        ("Москванын", "Москва", "gen", False),
        ("Путинге", "Путин", "dat", False),
        ("Трампка", "Трамп", "dat", False),
        ("Москвада", "Москва", "loc", False),
        ("министрлигинин", "министрлик", "gen", True),
        ("министрлиги", "министрлик", "nom", True),
        ("депутатты", "депутат", "acc", False),
        ("окуучулар", "окуучу", "nom", False),  # after у the low vowel is а
        ("АКШнын", "АКШ", "gen", False),
        ("OCCRP’ге", "OCCRP", "dat", False),
    ],
)
def test_ky_forms_read_case_endings(word: str, stem: str, case: str, possessive: bool) -> None:
    first = ky_forms(word)[0]
    assert (first.stem, first.case, first.possessive) == (stem, case, possessive)


@pytest.mark.parametrize("word", ["Зулайка", "Асанова", "Ольга", "Гүлзина", "Бакыт"])
def test_ky_forms_keep_words_whose_ending_breaks_harmony_or_assimilation(word: str) -> None:
    assert [f.case for f in ky_forms(word)] == ["nom"]


def test_ky_forms_mark_the_relative_and_the_oblique_cases() -> None:
    reading = ky_forms("Кыргызстандагы")[0]
    assert (reading.stem, reading.case, reading.relative, reading.oblique) == ("Кыргызстан", "loc", True, True)
    assert not ky_forms("Жапаровдун")[0].oblique


@pytest.mark.parametrize(
    ("word", "genitive"),
    [("министрлиги", "министрлигинин"), ("Бишкек", "Бишкектин"), ("Жапаров", "Жапаровдун"), ("УКМК", "УКМКнын"),
     ("Ысык-Көл", "Ысык-Көлдүн")],
)
def test_ky_genitive(word: str, genitive: str) -> None:
    assert ky_genitive(word) == genitive


@pytest.mark.parametrize(
    ("word", "nominative"),
    [("фонддон", "фонд"), ("башкармалыгынан", "башкармалыгы"), ("УКМКдан", "УКМК"), ("мэриядан", "мэрия"),
     ("өкмөттөн", "өкмөт"), ("министрликтерден", "министрликтер"), ("Асанов", "Асанов"), ("Бакыт", "Бакыт")],
)
def test_ky_nominative_takes_off_the_case_and_keeps_the_possessive(word: str, nominative: str) -> None:
    assert ky_nominative(word) == nominative


@pytest.mark.parametrize(
    ("name", "genitive"),
    [
        ("Дорогомиловский суд Москвы", "Дорогомиловского суда Москвы"),
        ("мэрия Оша", "мэрии Оша"),
        ("Центральная избирательная комиссия", "Центральной избирательной комиссии"),
        ("Министерство здравоохранения", "Министерства здравоохранения"),
        ("Русский музей", "Русского музея"),
        ("Высшая школа экономики", "Высшей школы экономики"),
        # what does not decline, or declines either way, stays as it is
        ("ГУ МВД по Омской области", "ГУ МВД по Омской области"),
        ("Минобороны", "Минобороны"),
        ("Кремль", "Кремль"),
    ],
)
def test_russian_body_names_in_the_genitive(name: str, genitive: str) -> None:
    assert ru_genitive_phrase(name) == genitive
