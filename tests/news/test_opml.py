"""news.opml: OPML 1/2 import (defused) and OPML 2.0 export, round trip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from news.models import FeedSource
from news.opml import OPMLError, export_opml, parse_opml
from news.parse import ParseError

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"
BASE = "http://fixtures.invalid"


def test_opml2_with_nested_categories_duplicates_and_junk() -> None:
    feeds = parse_opml((WEB / "feeds.opml").read_bytes())
    assert feeds == [
        FeedSource(f"{BASE}/feeds/ky.xml", "Кабар Ордо — Жаңылыктар", f"{BASE}/ky/", "Кыргызча"),
        FeedSource(f"{BASE}/feeds/tk.xml", "Түштүк Кабар", None, "Кыргызча"),
        FeedSource(f"{BASE}/json/feed.json", "Ала-Тоо Пост (JSON)", f"{BASE}/json/", "Кыргызча"),
        FeedSource(f"{BASE}/feeds/ru.xml", "Вечерний Бишкек", f"{BASE}/ru/", "Бишкек"),
        FeedSource(f"{BASE}/rdf/feed.rdf", "Ош Медиа", None, "Орусча"),  # lower-case xmlurl, feed:// scheme
        FeedSource(f"{BASE}/atom/feed.xml", "Kabar Ordo in English", f"{BASE}/atom/", None),
    ]


def test_opml1_in_windows_1251_with_upper_case_attributes() -> None:
    feeds = parse_opml((WEB / "feeds_v1.opml").read_bytes())
    assert feeds == [
        FeedSource(f"{BASE}/ik/rss.xml", "Иссык-Кульская правда", f"{BASE}/ik/", None),
        FeedSource("https://fixtures.invalid/en/rss091.xml", "Central Asia Wire", None, None),
    ]


@pytest.mark.parametrize(
    "feeds",
    [
        [],
        [FeedSource("https://kabar.example.kg/rss", "Кабар & «Ордо» <жаңылыктар>", "https://kabar.example.kg/")],
        [
            FeedSource("https://a.example/feed", None, None, "Кыргызча"),
            FeedSource("https://b.example/atom.xml", "Вечерний Бишкек", "https://b.example/", "Орусча"),
            FeedSource("https://c.example/feed.json?lang=en&x=1", "English", None, "Кыргызча"),
            FeedSource("https://d.example/rss", "No category", None, None),
        ],
    ],
)
def test_round_trip(feeds: list[FeedSource]) -> None:
    text = export_opml(feeds)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">')
    back = parse_opml(text.encode("utf-8"))
    # A feed without a title is exported with its URL as the label, which is what comes back.
    expected = [FeedSource(f.url, f.title or f.url, f.html_url, f.category) for f in feeds]
    assert sorted(back, key=lambda f: f.url) == sorted(expected, key=lambda f: f.url)


def test_export_groups_by_category_and_writes_the_date() -> None:
    created = datetime(2024, 5, 16, 12, 0, tzinfo=timezone(timedelta(hours=6)))
    text = export_opml(
        [
            FeedSource("https://a.example/rss", "A", category="Кыргызча"),
            FeedSource("https://b.example/rss", "B", category="Кыргызча"),
        ],
        title="Менин булактарым",
        created=created,
    )
    assert text.count('<outline text="Кыргызча"') == 1
    assert "<title>Менин булактарым</title>" in text
    assert "<dateCreated>Thu, 16 May 2024 06:00:00 GMT</dateCreated>" in text
    assert export_opml([], created=datetime(2024, 5, 16, 6, 0, tzinfo=UTC)).count("dateCreated") == 2


@pytest.mark.parametrize(
    "data",
    [
        (WEB / "bomb.opml").read_bytes(),
        (WEB / "xxe.opml").read_bytes(),
        b"",
        b"<opml><body><outline",
        b"<rss version='2.0'><channel/></rss>",
        b"<opml version='2.0'><head/></opml>",
        (WEB / "page_ky_mektep.html").read_bytes(),
    ],
)
def test_bad_or_hostile_opml_raises_opml_error(data: bytes) -> None:
    with pytest.raises(OPMLError) as raised:
        parse_opml(data)
    assert isinstance(raised.value, ParseError) and str(raised.value)
