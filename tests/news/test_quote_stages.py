"""The stages of quote finding one by one: the word lists, the spans and their frames, the article's names."""

from __future__ import annotations

import pytest

from news.quotes.document import Document
from news.quotes.lexicon import LANGS, lexicon
from news.quotes.mentions import build_index
from news.quotes.spans import candidates
from news.structure import split_blocks


def read(text: str, lang: str) -> Document:
    return Document(split_blocks(text), lang)


# ------------------------------------------------------------------------------------------------ lexicons


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_its_word_lists(lang: str) -> None:
    lex = lexicon(lang)
    for kind in ("verbs", "roles", "bodies", "places", "function", "calendar", "media", "kin", "sources"):
        assert getattr(lex, kind), f"{lang}: no {kind}"


@pytest.mark.parametrize(
    ("lang", "place"),
    [("ky", "кыргызстан"), ("ky", "бириккен араб эмираттары"), ("ru", "киргизия"), ("en", "kyrgyzstan"),
     ("ky", "жалал-абад"), ("ru", "бишкек"), ("en", "new york")],
)
def test_places_include_the_country_names_and_the_region(lang: str, place: str) -> None:
    assert tuple(place.split()) in lexicon(lang).places


@pytest.mark.parametrize(
    ("lang", "form"),
    [("ru", "сказала"), ("ru", "признались"), ("en", "says"), ("en", "added"), ("en", "told"), ("ky", "айт")],
)
def test_verbs_of_saying_come_in_all_their_forms(lang: str, form: str) -> None:
    assert form in lexicon(lang).verbs


def test_a_language_without_lists_reads_the_english_ones() -> None:
    assert lexicon("other").lang == "en"


# ------------------------------------------------------------------------------------------------ spans


@pytest.mark.parametrize(
    ("text", "lang", "frames"),
    [
        ("«Биз даярбыз», — деди Садыр Жапаров.", "ky", ["after"]),
        ("«Биз даярбыз, — деди ал. — Бирок убакыт керек».", "ky", ["inside", "inside"]),
        ("Жапаров мындай деди: «Биз даярбыз».", "ky", ["colon"]),
        ("По словам министра, «рынок восстановится к весне».", "ru", ["according"]),
        ('"I think," he said, "we are ready."', "en", ["after", "resumed"]),
        ("«Чечим туура болду», — дейт Азамат Бекназаров. — Бирок ал кечигип кабыл алынды».", "ky", ["after", "reopened"]),
        ("Министр журналисттерге жооп берди. «Жол күзгө чейин бүтөт. Биз аны көзөмөлдөйбүз».", "ky", ["standalone"]),
        # names, titles, naming phrases and scare quotes are no quotes
        ("«Ата Мекен» партиясы «Таза шаар» деп аталган акцияны колдоду.", "ky", []),
        ('The senator called the plan "reckless".', "en", []),
    ],
)
def test_spans_find_quotes_with_their_frames(text: str, lang: str, frames: list[str]) -> None:
    assert [c.frame for c in candidates(read(text, lang))] == frames


def test_the_attribution_inside_a_broken_quote_is_narrative() -> None:
    doc = read("«Биз даярбыз, — деди Садыр Жапаров. — Бирок убакыт керек».", "ky")
    candidates(doc)
    assert [t.text for t in doc.tokens] == ["деди", "Садыр", "Жапаров"]


# ------------------------------------------------------------------------------------------------ mentions


def names(text: str, lang: str) -> list[tuple[str, str, str]]:
    doc = read(text, lang)
    candidates(doc)
    return [(m.kind, m.text, m.case) for m in build_index(doc).mentions]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a case ending closes the name; the genitive owns what follows
        ("Актөбөгө Асел Чынбаева барды.", "ky", [("place", "Актөбө", "obl"), ("person", "Асел Чынбаева", "nom")]),
        ("Садыр Жапаровдун сапары башталды.", "ky", [("person", "Садыр Жапаров", "gen")]),
        ("Бишкекке Владимир Путин келди.", "ky", [("place", "Бишкек", "obl"), ("person", "Владимир Путин", "nom")]),
        # a place after a whole name is someone else
        ("Президент Владимир Путин Бишкекке келди.", "ky", [("person", "Владимир Путин", "nom"), ("place", "Бишкек", "obl")]),
        # a sentence opener is no name; an acronym is
        ("Эгерде УКМК макул болсо, иш башталат.", "ky", [("body", "УКМК", "nom")]),
        # patronymic first, patronymic last
        ("Депутат Жолдош уулу Мирлан сүйлөдү.", "ky", [("person", "Жолдош уулу Мирлан", "nom")]),
        ("Сейтек Абдыкадыр уулу сүйлөдү.", "ky", [("person", "Сейтек Абдыкадыр уулу", "nom")]),
        # a body's name goes on in lowercase to its head
        ("Тышкы иштер министрлиги билдирүү жасады.", "ky", [("body", "Тышкы иштер министрлиги", "nom")]),
        # a Latin run in Kyrgyz or Russian copy is a company or a medium
        ("Компания Front Line Defenders отчет берди.", "ru", [("org", "Front Line Defenders", "nom")]),
        # a name written elsewhere in the nominative gives the nominative of its oblique forms
        ("Вчера Уайт заявил о бое. Заявление Уайта передали все.", "ru", [("single", "Уайт", "nom"), ("single", "Уайт", "obl")]),
        # a Russian name has three words only with a patronymic
        ("Заместитель председателя Нацбанка Елена Корнилова выступила.", "ru",
         [("body", "Нацбанк", "obl"), ("person", "Елена Корнилова", "nom")]),
        # English: titles and roles before a name, an article before a thing
        ("Foreign Minister Aibek Dooronov met Sir Alan Fairley at the Lyric.", "en",
         [("person", "Aibek Dooronov", "nom"), ("person", "Sir Alan Fairley", "nom"), ("org", "Lyric", "nom")]),
    ],
)
def test_mentions_read_names_through_morphology(text: str, lang: str, expected: list[tuple[str, str, str]]) -> None:
    assert names(text, lang) == expected


def test_roles_written_next_to_a_person_are_kept() -> None:
    doc = read("Кара-Көл шаарынын акими Талант Апсаматов жолду ачты. Hollywood star Colin Marsh spoke.", "ky")
    candidates(doc)
    people = {m.text: m.role for m in build_index(doc).mentions if m.kind == "person"}
    assert people["Талант Апсаматов"] == "аким"


def test_the_fullest_form_of_a_name_is_given() -> None:
    doc = read("Кыргызстандын президенти Садыр Жапаров Москвага барды. Жапаровдун сапары эки күнгө созулат.", "ky")
    candidates(doc)
    index = build_index(doc)
    short = next(m for m in index.mentions if m.text == "Жапаров")
    assert index.fullest(short) == "Садыр Жапаров"
