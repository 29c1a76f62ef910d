"""Quote finding never fails on text: thousands of random and broken inputs, the same every run (fixed seeds)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from news import analyse

_ALPHABET = list(
    "абвгдежзийклмнопрстуфхцчшщыэюяңөү АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЫЭЮЯҢӨҮ abcdefghij ABCDEFG "
    "«»“”\"'‘’„—–-.,:;!?()[]\n\n0123456789"
)
# Words the stages react to, to make random text that looks like attribution.
_WORDS = (
    "деди дейт деп деген билдирди жазылган айтылат министрлиги Жапаров Жапаровдун ал алар заявил сказал сообщили "
    "в говорится said says told he she the spokesman a депутат аким уулу кызы по словам According to Mr Ms Sir "
    "Ким Ли The of Ministry OCCRP’ге Kloop'тун X’ Бишкекке Москвада ведомство пресс-службе"
).split() + ["«", "»", '"', "—", ",", ".", "\n", ":"]
_ARTICLES = [
    json.loads(line)["text"]
    for line in (Path(__file__).parent / "fixtures" / "quote_articles.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
]


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _inputs(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:
            yield "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 400)))
        elif kind < 0.7:
            yield " ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 150)))
        else:
            # A cut of a real article, sometimes with its closing marks or its dashes and commas gone.
            article = rng.choice(_ARTICLES)
            a = rng.randint(0, len(article))
            text = article[a : rng.randint(a, len(article))]
            if rng.random() < 0.3:
                text = text.replace("»", "«").replace("”", "“")
            if rng.random() < 0.3:
                text = text.replace("—", "").replace(",", "")
            yield text


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_and_broken_text_gives_quotes_from_the_text(seed: int) -> None:
    tried = 0
    for text in _inputs(seed, 700):
        for language in (None, "ky", "ru", "en"):
            for quote in analyse(text, language=language).quotes:
                assert quote.text.strip(), text
                assert _spaces(quote.text) in _spaces(text), (text, quote)
                assert quote.speaker is None or quote.speaker.strip(), (text, quote)
            tried += 1
    assert tried == 700 * 4
