"""news.analyse end to end: fields, knobs, and bad input that must give a sensible result, never an exception."""

from __future__ import annotations

import subprocess
import sys

import pytest

import news
from news import analyse
from news.models import Analysis, BlockKind
from tests.news.articles import ARTICLES, KY_TAX


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.key)
def test_analysis_fields(article) -> None:
    result = analyse(article.text, title=article.title)
    assert isinstance(result, Analysis)
    assert result.language == article.language
    assert result.title == article.title
    assert result.lead == result.sentences[0].text
    body = {i for i, b in enumerate(result.blocks) if b.kind is BlockKind.BODY}
    for sentence in result.sentences:
        assert sentence.block in body
        block = result.blocks[sentence.block].text
        assert block[sentence.start : sentence.start + len(sentence.text)] == sentence.text
    for quote in result.quotes:
        assert quote.sentence is not None and 0 <= quote.sentence < len(result.sentences)


def test_title_from_the_first_line_when_not_given() -> None:
    text = KY_TAX.title + "\n\n" + KY_TAX.text
    result = analyse(text)
    assert result.title == KY_TAX.title
    assert result.blocks[0].kind is BlockKind.TITLE
    assert KY_TAX.title not in result.summary


def test_language_can_be_given() -> None:
    assert analyse("Бул кыска текст.", language="ky").language == "ky"
    assert analyse("Бул кыска текст.", language="xx").language == "ky"  # unknown codes are detected instead


def test_url_is_accepted_and_not_read() -> None:
    result = analyse("Бишкекте жаан жаады.", url="http://127.0.0.1:9/never-fetched")
    assert result.summary == ("Бишкекте жаан жаады.",)


def test_bytes_are_refused_with_a_type_error() -> None:
    with pytest.raises(TypeError):
        analyse(b"\xd0\x91\xd1\x83\xd0\xbb")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        " \n\t\n ",
        "\x00\x01\x02\x1b[31m",
        "<html><body></body></html>",
        "!!! ??? ... — — «» ()",
        "12345 67890",
    ],
)
def test_empty_or_contentless_input(text: str) -> None:
    result = analyse(text)
    assert result.quotes == ()
    assert len(result.summary) <= 1


@pytest.mark.parametrize(
    "text",
    [
        # no punctuation at all
        "бул текстте эч кандай тыныш белги жок жана ал абдан узун " * 200,
        # control characters inside words and sentences
        "Бишкек\x07те жаан\x00 жаады. «Биз\x1b даярбыз», — деди\x0c Путин.",
        # mixed scripts in one text and in one word
        "Путин met Жапаров в Москве. «We are ready», — деди ал. Kyrgyzstanдын экономикасы өсүүдө.",
        # unbalanced and stray quote marks
        "«Бул тырмакча жабылбайт. Экинчи сүйлөм. " * 50,
        "Жабылган» тырмакча» гана» бар», — деди ал. " * 50,
        '"""""" «««««« »»»»»» „„„„ “““ ”””',
        # invalid surrogates and replacement characters from a bad decode
        "Бул \ufffd\ufffd текст \udcff бузулган. «Бирок цитата бар», — деди ал.",
        # emoji and symbols
        "Бүгүн майрам 🎉🎉! «Баарыбызды куттуктайм 🙂», — деди мэр.",
    ],
)
def test_bad_input_gives_a_sensible_result(text: str) -> None:
    result = analyse(text)
    assert result.language in ("ky", "ru", "en", "other")
    for quote in result.quotes:
        assert quote.text.strip()
    for sentence in result.summary:
        assert sentence.strip()


def test_five_megabytes_is_cut_and_analysed() -> None:
    paragraph = (
        "Жогорку Кеңештин депутаттары бюджетти талкуулашты. "
        "«Биз ар бир сомду эсептейбиз», — деди финансы министри Алмаз Бакетаев.\n"
    )
    text = paragraph * (5 * 1024 * 1024 // len(paragraph.encode("utf-8")))
    assert len(text.encode("utf-8")) > 4_900_000
    result = analyse(text)
    assert result.language == "ky"
    assert result.quotes and result.quotes[0].speaker == "Алмаз Бакетаев"
    assert sum(len(b.text) for b in result.blocks) <= 300_000


def test_max_chars_knob() -> None:
    text = "Биринчи абзац бул жерде.\n" * 100
    assert len(analyse(text, max_chars=250).blocks) < 100
    assert len(analyse(text, max_chars=None).blocks) == 100


def test_public_api() -> None:
    assert {"analyse", "detect_language", "split_sentences", "summarize", "extract_quotes"} <= set(news.__all__)


def test_import_news_stays_light() -> None:
    """`import news` must not pull in heavy or impure modules (speed itself is measured in bench/analyse.py)."""
    code = (
        "import sys, news; "
        "heavy = {'pysbd', 'razdel', 'numpy', 'lxml', 'trafilatura', 'telegram', 'httpx', 'aiosqlite', 'asyncio'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
