"""Language detection for whole articles and single sentences."""

from __future__ import annotations

import pytest

from news import detect_language
from tests.news.articles import ARTICLES


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.key)
def test_articles(article) -> None:
    assert detect_language(article.text) == article.language


@pytest.mark.parametrize(
    ("sentence", "language"),
    [
        # Kyrgyz with ң ө ү
        ("Эки өлкөнүн башчылары Москвада жолугушту.", "ky"),
        ("Бүгүн шаарда жаан жаайт деп күтүлүүдө.", "ky"),
        # Kyrgyz without ң ө ү: spelling (кы, гы, жы, шы, long vowels) and function words decide
        ("Мыйзам долбоору экинчи окууда кабыл алынды.", "ky"),
        ("УКМК кылмыш ишин козгоду.", "ky"),
        ("Ал эми министр макул эмес экенин айтты.", "ky"),
        ("Кыргызстан менен Казакстан макулдашты.", "ky"),
        ("Депутаттар мыйзам долбоорун кабыл алышты.", "ky"),
        ("Бишкекте жаан жаады.", "ky"),
        # Russian, also about Kyrgyzstan and with Kyrgyz names
        ("Министр заявил, что переговоры продолжатся.", "ru"),
        ("Путин встретился с Жапаровым в Москве.", "ru"),
        ("Мэр Бишкека подписал указ о ремонте дорог.", "ru"),
        ("Депутат Жогорку Кенеша Гүлшаар Асылбаева выступила против законопроекта.", "ru"),
        # English
        ("Putin met Japarov in Moscow.", "en"),
        ("The central bank kept its key rate unchanged on Thursday.", "en"),
        ("Elizabeth Warren called him a murderer.", "en"),
        # Kazakh is not Kyrgyz; and text without letters is nothing
        ("Қазақстан Республикасының Президенті мәлімдеме жасады.", "other"),
        ("Ол бүгін Астанада келіссөздер жүргізді және мәлімдеме жасады.", "other"),
        ("12345 — 678 !!! ???", "other"),
        ("", "other"),
        ("   \n\t ", "other"),
        ("Der Präsident sprach heute über die Wirtschaft und die Zukunft.", "other"),
    ],
)
def test_sentences(sentence: str, language: str) -> None:
    assert detect_language(sentence) == language


def test_a_kazakh_name_does_not_make_kyrgyz_kazakh() -> None:
    text = "Казакстандын тышкы иштер министри Мурат Нұртілеу Бишкекке келип, кыргыз тарап менен жолугушту."
    assert detect_language(text) == "ky"


def test_long_text_is_sampled_and_still_right() -> None:
    text = "Жогорку Кеңештин депутаттары мыйзам долбоорун талкуулашты. " * 5000
    assert detect_language(text) == "ky"


@pytest.mark.parametrize(
    ("sentence", "language"),
    [("Бул узун текст.", "ky"), ("Бирок ал текст эле.", "ky"), ("Но это был текст.", "ru")],
)
def test_function_words_that_open_sentences_count_in_a_long_text(sentence: str, language: str) -> None:
    # The same sentence, alone and repeated: the text comes out as the sentence does.
    assert detect_language(sentence) == language
    assert detect_language((sentence + " ") * 40) == language
