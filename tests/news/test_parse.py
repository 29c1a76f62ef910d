"""news.parse: feeds, pages, encodings, hostile XML, teaser rule, autodiscovery. Fixtures in tests/fixtures/web."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from news.errors import FeedError, NewsError
from news.models import FeedItem, Page
from news.parse import (
    ExtractionError,
    MalformedFeedError,
    NotAFeedError,
    ParseError,
    UnsafeXMLError,
    decode_bytes,
    draft_from_item,
    draft_from_page,
    extract_page,
    find_feed_links,
    html_to_text,
    is_full_text,
    parse_feed,
)

WEB = Path(__file__).resolve().parents[1] / "fixtures" / "web"
BASE = "http://fixtures.invalid"


def fixture(name: str) -> bytes:
    return (WEB / name).read_bytes()


def feed(name: str, **options: str) -> object:
    return parse_feed(fixture(name), url=f"{BASE}/feeds/{name}", **options)


# --- feed formats -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "title", "language", "ttl", "count"),
    [
        ("rss20_ky_teasers.xml", "rss20", "Кабар Ордо — Жаңылыктар", "ky", 15, 3),
        ("rss20_ru_fulltext.xml", "rss20", "Вечерний Бишкек", "ru", 30, 2),
        ("rss091_en.xml", "rss091n", "Central Asia Wire", "en", None, 2),
        ("rss092_en.xml", "rss092", "Tien Shan Monitor", None, None, 2),
        ("rss10_ru.rdf", "rss10", "Ош Медиа", "ru", 30, 2),
        ("atom_en.xml", "atom10", "Kabar Ordo in English", "en", None, 3),
        ("jsonfeed_ky.json", "json11", "Ала-Тоо Пост", "ky", None, 3),
        ("rss20_cp1251.xml", "rss20", "Түштүк Кабар — жаңылыктар", "ky", None, 3),
        ("rss20_koi8r.xml", "rss20", "Новости Чуйской долины", "ru", None, 2),
    ],
)
def test_every_feed_format_parses(
    name: str, fmt: str, title: str, language: str | None, ttl: int | None, count: int
) -> None:
    parsed = feed(name)
    assert (parsed.format, parsed.title, parsed.language, parsed.ttl, len(parsed.items)) == (
        fmt,
        title,
        language,
        ttl,
        count,
    )
    assert not parsed.malformed
    for item in parsed.items:
        assert item.link is None or item.link.startswith(("http://", "https://"))
        assert item.published is None or item.published.tzinfo is UTC


def test_rss20_teasers_resolve_links_keep_guids_and_drop_read_more() -> None:
    first, second, third = feed("rss20_ky_teasers.xml").items
    assert first.link == f"{BASE}/ky/news/2024/05/16/mektep"  # written as a relative link
    assert first.guid == "kabarordo-ky-10412"
    assert first.published == datetime(2024, 5, 16, 4, 30, tzinfo=UTC)
    assert first.author == "Айгүл Сапарова"
    assert first.summary is not None and first.summary.endswith("катышты…")
    assert "Толугу менен" not in first.text
    assert second.guid == f"{BASE}/ky/news/2024/05/15/issyk-kul"
    assert second.summary == "Туризм департаменти жайкы сезонго даярдык тууралуу маалымат берди."
    assert [item.full_text for item in (first, second, third)] == [False, False, False]


def test_rss20_content_encoded_is_full_text_with_paragraphs_heading_and_caption() -> None:
    full, teaser = feed("rss20_ru_fulltext.xml").items
    assert full.full_text and full.author == "Марина Ковалёва"
    assert full.summary == "Мэрия столицы утвердила продление троллейбусной линии на 4,2 километра."
    paragraphs = full.text.split("\n\n")
    assert paragraphs[0].startswith("Мэрия Бишкека утвердила проект")
    assert "Троллейбус на проспекте Чуй. Фото: пресс-служба мэрии" in paragraphs
    assert "Интервалы сократятся" in paragraphs
    assert "SCRIPT_IN_FEED" not in full.text and "window.ads" not in full.text
    assert not teaser.full_text
    assert teaser.summary == "На АЗС крупнейших операторов литр бензина АИ-92 теперь стоит 64,4 сома."


def test_rss091_and_092_items_without_dates_or_titles() -> None:
    border, wing = feed("rss091_en.xml").items
    assert border.published is None and border.guid is None
    assert wing.summary is not None and wing.summary.endswith("a year…")
    untitled, leopard = feed("rss092_en.xml").items
    assert untitled.title is None and untitled.link is None and untitled.summary.startswith("Glaciologists")
    assert leopard.link == f"{BASE}/monitor/2024/snow-leopard"


def test_rss10_uses_dc_fields_and_syndication_period() -> None:
    parsed = feed("rss10_ru.rdf")
    bridge, cotton = parsed.items
    assert parsed.ttl == 30  # hourly, twice
    assert bridge.published == datetime(2024, 5, 16, 5, 0, tzinfo=UTC)
    assert bridge.author == "Бакыт Ташиев"
    assert cotton.summary == (
        "Посевная кампания в области завершена, сообщили в районных управлениях сельского хозяйства."
    )


def test_atom_xml_base_html_and_xhtml_content() -> None:
    kambarata, coal, runway = feed("atom_en.xml").items
    assert kambarata.link == f"{BASE}/atom/2024/05/16/kambarata"
    assert kambarata.full_text and kambarata.author == "Daniyar Abdyldaev"
    assert kambarata.published == datetime(2024, 5, 16, 2, 0, tzinfo=UTC)
    assert kambarata.updated == datetime(2024, 5, 16, 3, 30, tzinfo=UTC)
    assert "Water and power" in kambarata.text.split("\n\n")
    assert coal.title == "Bishkek bans coal sales in the city"
    assert not coal.full_text and "Continue reading" not in coal.text
    assert not runway.full_text and runway.published == datetime(2024, 5, 14, 6, 0, tzinfo=UTC)


def test_json_feed_items() -> None:
    parsed = feed("jsonfeed_ky.json")
    tariffs, kymyz, rate = parsed.items  # the string "not an item" is skipped
    assert tariffs.full_text and tariffs.author == "Эльмира Жумабаева"
    assert tariffs.text.split("\n\n")[2] == "Соодагерлер эмне дейт"
    assert tariffs.published == datetime(2024, 5, 16, 7, 20, tzinfo=UTC)
    assert kymyz.guid == "20240515" and kymyz.link == f"{BASE}/json/2024/05/15/kymyz"
    assert not kymyz.full_text and kymyz.author == "Ала-Тоо Пост редакциясы"  # feed-level author
    assert rate.link == f"{BASE}/elsewhere/2024/05/14/kurs" and rate.title is None
    assert rate.published == datetime(2024, 5, 14, tzinfo=UTC)


def test_json_feed_version_1_0_author_object() -> None:
    data = (
        b'{"version": "https://jsonfeed.org/version/1", "title": "Old style", "author": {"name": "Desk"},'
        b' "items": [{"id": "1", "content_text": "Short note.", "author": {"name": "Bermet"}}]}'
    )
    parsed = parse_feed(data)
    assert parsed.format == "json10" and parsed.items[0].author == "Bermet"


# --- encodings ------------------------------------------------------------------------------------------------


def test_windows_1251_feed_with_character_references_for_kyrgyz_letters() -> None:
    kuruch, street, apricots = feed("rss20_cp1251.xml").items
    assert kuruch.title == "Өзгөндө жаңы күрүч тазалоочу цех ишке кирди"
    assert street.summary == (
        "Мэрия «Эски шаар» көчөсүн жайкы мезгилде унааларга жабууну чечти. Үч жүз метрлик бөлүктө жармаңке өтөт."
    )
    assert not apricots.full_text


def test_koi8r_feed_declared_in_xml() -> None:
    tokmok, water = feed("rss20_koi8r.xml").items
    assert tokmok.title == "В Токмоке отремонтируют центральную площадь к юбилею города"
    assert water.summary.endswith("на главной станции «Ёлочка».")


@pytest.mark.parametrize("content_type", ["application/rss+xml; charset=windows-1251", None])
def test_windows_1251_feed_declared_only_in_http_or_not_at_all(content_type: str | None) -> None:
    parsed = feed("rss20_cp1251_nodecl.xml", **({"content_type": content_type} if content_type else {}))
    assert parsed.title == "Иссык-Кульская правда"
    assert parsed.items[1].title == "Рыбоохрана Иссык-Куля провела рейд против браконьеров в Тюпском районе"


KOI8_XML = "<?xml version='1.0' encoding='KOI8-R'?><a>Ёж</a>"


@pytest.mark.parametrize(
    ("data", "content_type", "text", "codec"),
    [
        ("<p>Жаңылык</p>".encode("utf-8-sig"), "text/html; charset=windows-1251", "<p>Жаңылык</p>", "utf-8-sig"),
        ("Жаңы".encode("utf-16"), None, "Жаңы", "utf-16"),
        ("<p>Новости</p>".encode("cp1251"), "text/html; charset=windows-1251", "<p>Новости</p>", "cp1251"),
        ("<p>Новости</p>".encode("koi8_r"), "text/html; charset=KOI8-R", "<p>Новости</p>", "koi8-r"),
        ('<meta charset="koi8-r"><p>Ёж</p>'.encode("koi8_r"), None, '<meta charset="koi8-r"><p>Ёж</p>', "koi8-r"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Новости</p>'.encode("cp1251"),
            "text/html; charset=utf-8",  # the server lies; the bytes are not UTF-8, the page says what they are
            '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><p>Новости</p>',
            "cp1251",
        ),
        (KOI8_XML.encode("koi8_r"), None, KOI8_XML, "koi8-r"),
        (b"plain ascii", "text/plain; charset=x-no-such-charset", "plain ascii", "utf-8"),
    ],
)
def test_decode_bytes_order_of_evidence(data: bytes, content_type: str | None, text: str, codec: str) -> None:
    assert decode_bytes(data, content_type=content_type) == (text, codec)


def test_decode_bytes_guesses_undeclared_cyrillic() -> None:
    text = "Жители Кара-Балты жалуются на перебои с водой, в водоканале объяснили это заменой насосов на станции."
    for codec in ("cp1251", "koi8_r"):
        assert decode_bytes(text.encode(codec))[0] == text


# --- hostile and broken input -----------------------------------------------------------------------------------


def test_billion_laughs_is_refused_without_expanding() -> None:
    tracemalloc.start()
    try:
        with pytest.raises(UnsafeXMLError):
            feed("bomb.xml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # expanded, &lol9; alone would be 3 GB


@pytest.mark.parametrize("name", ["xxe.xml", "xxe_hidden.xml"])
def test_external_entities_are_refused(name: str) -> None:
    with pytest.raises(UnsafeXMLError):
        feed(name)


def test_quadratic_blowup_is_refused() -> None:
    entity = "x" * 10_000
    body = "&big;" * 10_000
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "{entity}">]>'
        f'<rss version="2.0"><channel><title>{body}</title></channel></rss>'
    )
    with pytest.raises(UnsafeXMLError):
        parse_feed(data.encode())


def test_entity_text_inside_content_is_not_a_false_alarm() -> None:
    data = (
        b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://example.invalid/rss.dtd"><rss version="2.0"><channel>'
        b"<title>Security weekly</title><item><title>How XXE works</title><description><![CDATA["
        b'<p>An attacker writes <code>&lt;!ENTITY x SYSTEM "file:///etc/passwd"&gt;</code>'
        b' <!ENTITY y "z"> in a DTD.</p>'
        b"]]></description></item></channel></rss>"
    )
    parsed = parse_feed(data)
    assert parsed.items[0].title == "How XXE works"
    assert "<!ENTITY x SYSTEM" in parsed.items[0].text


def test_malformed_xml_is_recovered_and_flagged() -> None:
    parsed = feed("malformed.xml")
    assert parsed.malformed
    assert parsed.title == "Жалал-Абад Ньюс & Ко"
    assert [item.title for item in parsed.items] == [
        "Мэрия & шаардык кеңеш жаңы бюджетти талкуулады",
        "Базар-Коргондо жаңгак токойлорун коргоо боюнча рейд өттү",
    ]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (fixture("broken.xml"), MalformedFeedError),
        (fixture("page_ky_mektep.html"), NotAFeedError),
        (b"", NotAFeedError),
        (b"   \n ", NotAFeedError),
        (b'{"version": "1", "items": []}', NotAFeedError),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', MalformedFeedError),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', MalformedFeedError),
        (b"[" * 100_000 + b"]" * 100_000, MalformedFeedError),
        (bytes.fromhex("89504e470d0a1a0a0000000d49484452"), NotAFeedError),
        (b"http://127.0.0.1:9/feed.xml", NotAFeedError),  # feedparser would fetch a str like this
        (b"/etc/passwd", NotAFeedError),  # ... or open it as a file
    ],
)
def test_bad_input_raises_one_clear_error(data: bytes, error: type[ParseError]) -> None:
    with pytest.raises(error) as raised:
        parse_feed(data)
    assert str(raised.value)


def test_errors_belong_to_the_news_tree() -> None:
    for error in (UnsafeXMLError, NotAFeedError, MalformedFeedError):
        assert issubclass(error, FeedError)
    for error in (FeedError, ExtractionError):
        assert issubclass(error, ParseError) and issubclass(error, NewsError) and issubclass(error, ValueError)


# --- teaser rule and HTML to text ---------------------------------------------------------------------------------

LONG_KY = " ".join(["Жогорку Кеңештин депутаттары жаңы мыйзам долбоорун биринчи окууда кабыл алышты."] * 14)


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (LONG_KY, True),
        (LONG_KY + " Толугу менен", False),
        (LONG_KY + "\n\nТолугу менен окуңуз »", False),
        (LONG_KY + " Кененирээк...", False),
        (LONG_KY[:-1] + "…", False),
        (LONG_KY + " [...]", False),
        (LONG_KY + " Читать далее →", False),
        (LONG_KY + " Подробнее", False),
        (LONG_KY + " Read more", False),
        (LONG_KY + "\n\nThe post Kyrgyz MPs pass a bill appeared first on Kabar Ordo.", False),
        ("Депутаттар мыйзамды кабыл алышты.", False),
        ("\n\n".join(["Кыска кабар: министрлик жаңы эрежелерди бекитти, алар 1-июндан күчүнө кирет."] * 6), True),
        ("\n\n".join(["Кыска кабар: министрлик жаңы эрежелерди бекитти."] * 3), False),
        ("", False),
    ],
)
def test_is_full_text(text: str, full: bool) -> None:
    assert is_full_text(text) is full


def test_html_to_text_keeps_structure_and_drops_code() -> None:
    html = (
        "<style>.x{}</style><p>Бир <b>эки</b><script>var leak = 1;</script> үч&nbsp;төрт</p><!-- comment -->"
        "<h2>Кичи <i>баш</i> сөз</h2><p>биринчи<br>экинчи</p><ul><li>пункт</li><li>дагы</li></ul>"
        "<figure><img src='x.jpg'><figcaption>Бишкек шаары</figcaption></figure><p>Тамга &laquo;а&raquo;</p>"
    )
    assert html_to_text(html, language="ky").split("\n\n") == [
        "Бир эки үч төрт",
        "Кичи баш сөз",
        "биринчи",
        "экинчи",
        "пункт",
        "дагы",
        "Сүрөт: Бишкек шаары",
        "Тамга «а»",
    ]


@pytest.mark.parametrize(
    ("caption", "language", "expected"),
    [
        ("Бишкек шаары", "ru", "Фото: Бишкек шаары"),
        ("Ош базары", None, "Фото: Ош базары"),
        ("Өзгөн күрүчү", None, "Сүрөт: Өзгөн күрүчү"),
        ("The new terminal", "en", "Photo: The new terminal"),
        ("Жолугушуу. Сүрөт: пресс-кызмат", "ky", "Жолугушуу. Сүрөт: пресс-кызмат"),
    ],
)
def test_captions_get_a_marker_only_when_missing(caption: str, language: str | None, expected: str) -> None:
    assert html_to_text(f"<figcaption>{caption}</figcaption>", language=language) == expected


def test_plain_text_passes_through() -> None:
    assert html_to_text("Биринчи.\n\n  Экинчи   абзац.\n") == "Биринчи.\n\nЭкинчи абзац."
    assert html_to_text("") == ""


# --- pages ------------------------------------------------------------------------------------------------------

LEAKS = ("LEAK", "dataLayer", "gtag", "font-family", "Окшош жаңылыктар", "Пикирлер", "Азамат", "Бөлүшүү", "cookie")


def test_extract_kyrgyz_article_page() -> None:
    page = extract_page(fixture("page_ky_mektep.html"), url=f"{BASE}/ky/news/2024/05/16/mektep?utm_source=tg")
    assert page.title == "Бишкекте 1200 орундуу жаңы мектеп ачылды"
    assert page.canonical_url == f"{BASE}/ky/news/2024/05/16/mektep"
    assert page.author == "Айгүл Сапарова"
    assert page.published == datetime(2024, 5, 16, 4, 30, tzinfo=UTC)
    assert page.language == "ky"
    assert page.image == f"{BASE}/img/2024/05/school-main.jpg"
    assert page.feed_links == (f"{BASE}/feeds/ky.xml",)
    assert page.site_name == "Кабар Ордо"
    paragraphs = page.text.split("\n\n")
    assert paragraphs[0].startswith("Бишкектин Свердлов районунда")  # the headline is not repeated in the body
    assert "Сүрөт: Жаңы мектептин имараты Ахунбаев көчөсүндө жайгашкан" in paragraphs
    assert "Окуучулар сентябрда келет" in paragraphs
    assert paragraphs[-1].startswith("Эске салсак")
    assert not [leak for leak in LEAKS if leak in page.text]


def test_extract_english_page_with_base_href_json_ld_and_table() -> None:
    page = extract_page(fixture("page_en_runway.html"), url=f"{BASE}/atom/2024/05/14/runway?ref=feed")
    assert page.canonical_url == f"{BASE}/atom/2024/05/14/runway"  # og:url, relative to <base href>
    assert page.image == f"{BASE}/atom/img/runway.jpg"
    assert page.author == "Aizada Kutueva, Ruslan Kim"
    assert page.published == datetime(2024, 5, 14, 6, 0, tzinfo=UTC)
    assert page.language == "en"
    assert page.description == "The design work will be finished by March, the airport operator said."
    paragraphs = page.text.split("\n\n")
    assert "Cargo ambitions" in paragraphs and "2023 4.1 million" in paragraphs
    assert not [leak for leak in ("LEAK", "newsletter", "trackPageView", "display:none") if leak in page.text]


def test_extract_windows_1251_page_laid_out_in_tables() -> None:
    page = extract_page(fixture("page_ru_cp1251.html"), url=f"{BASE}/ik/2024/05/16/karakol")
    assert page.title == "В Караколе закрывают горнолыжный сезон: последние выходные с естественным снегом"
    assert page.author == "Ольга Дементьева"
    assert page.published == datetime(2024, 5, 16, 2, 30, tzinfo=UTC)
    assert page.text.startswith("Администрация горнолыжной базы «Каракол» сообщила")
    assert "«Мы хотим, чтобы местные дети вставали на лыжи, а не только приезжие»" in page.text
    assert not [leak for leak in ("LEAK", "Главная", "counter") if leak in page.text]


def test_extract_koi8r_page_when_the_server_claims_utf8() -> None:
    page = extract_page(fixture("page_ru_koi8r.html"), url=f"{BASE}/chui/x", content_type="text/html; charset=utf-8")
    assert page.title == "Площадь в Токмоке отремонтируют к юбилею города"
    assert page.canonical_url == f"{BASE}/chui/2024/05/16/tokmok"
    assert page.author is None  # article:author is a profile URL, not a name
    assert "— сказал мэр Токмока на сессии городского кенеша." in page.text
    assert "LEAK" not in page.text


@pytest.mark.parametrize("content_type", ["text/html; charset=windows-1251", None])
def test_extract_kyrgyz_windows_1251_page_with_character_references(content_type: str | None) -> None:
    page = extract_page(fixture("page_ky_cp1251.html"), url=f"{BASE}/tk/2024/05/16/kuruch", content_type=content_type)
    assert page.title == "Өзгөндө жаңы күрүч тазалоочу цех ишке кирди"
    assert page.text.startswith("Өзгөн районунда жылына 12 миң тонна күрүч")
    assert "LEAK" not in page.text


@pytest.mark.parametrize(
    "data",
    [
        fixture("page_js_only.html"),
        b"",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(64),
    ],
)
def test_pages_without_an_article_raise_extraction_error(data: bytes) -> None:
    with pytest.raises(ExtractionError):
        extract_page(data, url=f"{BASE}/x")


def test_html_page_with_an_entity_bomb_does_not_expand() -> None:
    page = extract_page(fixture("page_bomb.html"), url=f"{BASE}/budget")
    assert page.text.startswith("The Jogorku Kenesh approved a new budget code")
    assert len(page.text) < 2000


def test_find_feed_links_order_dedupe_and_filtering() -> None:
    links = find_feed_links(fixture("site_home.html"), url=f"{BASE}/ky/")
    assert links == [
        f"{BASE}/feeds/ky.xml",
        f"{BASE}/atom/feed.xml",
        f"{BASE}/ky/feeds/ky.json",
        f"{BASE}/comments/feed/",  # comment feeds last
    ]
    assert find_feed_links(b"<html><head><title>No feeds</title></head></html>", url=BASE) == []
    assert find_feed_links(b"", url=BASE) == []


# --- drafts -----------------------------------------------------------------------------------------------------


def _item(**fields: object) -> FeedItem:
    values: dict[str, object] = {
        "guid": "g-1",
        "link": f"{BASE}/a?utm=1",
        "title": "Feed title",
        "summary": "Short teaser…",
        "content": None,
        "published": datetime(2024, 5, 16, tzinfo=UTC),
        "updated": None,
        "author": None,
        "language": "ky",
        "full_text": False,
    }
    values.update(fields)
    return FeedItem(**values)  # type: ignore[arg-type]


def _page(text: str) -> Page:
    return Page(
        url=f"{BASE}/a?utm=1",
        canonical_url=f"{BASE}/a",
        title="Page title",
        text=text,
        author="Page Author",
        published=datetime(2024, 5, 15, tzinfo=UTC),
        language="ru",
        description=None,
        site_name="Site",
        image=None,
    )


def test_draft_from_item_prefers_the_longer_page_text_and_keeps_feed_identity() -> None:
    draft = draft_from_item(_item(), page=_page("A full body.\n\nWith two paragraphs."), feed_id=7)
    assert draft.text == "A full body.\n\nWith two paragraphs."
    assert (draft.guid, draft.url, draft.title) == ("g-1", f"{BASE}/a", "Feed title")
    assert (draft.author, draft.feed_id) == ("Page Author", 7)
    assert draft.published == datetime(2024, 5, 16, tzinfo=UTC)
    assert draft.extra == {"text_source": "page"}


def test_draft_from_item_keeps_the_feed_text_when_the_page_gives_less_or_nothing() -> None:
    assert draft_from_item(_item(), page=_page("Tiny")).text == "Short teaser…"
    draft = draft_from_item(_item())
    assert (draft.text, draft.url, draft.extra) == ("Short teaser…", f"{BASE}/a?utm=1", {"text_source": "feed"})


def test_draft_from_page() -> None:
    draft = draft_from_page(_page("Body text."))
    assert (draft.text, draft.url, draft.title) == ("Body text.", f"{BASE}/a", "Page title")
    assert (draft.source, draft.language) == ("Site", "ru")


def test_importing_news_does_not_load_heavy_libraries() -> None:
    heavy = "{'feedparser', 'trafilatura', 'lxml', 'charset_normalizer', 'defusedxml'}"
    code = f"import sys, news, news.parse, news.opml; print(sorted({heavy} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
