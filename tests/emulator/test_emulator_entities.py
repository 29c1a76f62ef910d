"""The emulator's text engine: Telegram's HTML and MarkdownV2 parsing, entities it finds itself, trimming."""

from __future__ import annotations

import pytest

from botapi_emulator.entities import (
    EntityParseError,
    detect_entities,
    finish_text,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    utf16_len,
)


def kinds(entities: list[dict]) -> list[tuple[str, int, int]]:
    return [(e["type"], e["offset"], e["length"]) for e in entities]


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        ("<b>Бишкек</b> шаары", "Бишкек шаары", [("bold", 0, 6)]),
        ("<strong>a</strong><em>b</em><ins>c</ins><del>d</del>", "abcd",
         [("bold", 0, 1), ("italic", 1, 1), ("underline", 2, 1), ("strikethrough", 3, 1)]),
        ("<s>x</s><strike>y</strike><u>z</u><i>w</i>", "xyzw",
         [("strikethrough", 0, 1), ("strikethrough", 1, 1), ("underline", 2, 1), ("italic", 3, 1)]),
        ("<b>жирный <i>и курсив</i></b>", "жирный и курсив", [("bold", 0, 15), ("italic", 7, 8)]),
        ("<tg-spoiler>сюрприз</tg-spoiler> <span class=\"tg-spoiler\">тоже</span>", "сюрприз тоже",
         [("spoiler", 0, 7), ("spoiler", 8, 4)]),
        ("<blockquote>Цитата</blockquote>", "Цитата", [("blockquote", 0, 6)]),
        ("<blockquote expandable>Long quote</blockquote>", "Long quote", [("expandable_blockquote", 0, 10)]),
        ("<code>x = 1</code>", "x = 1", [("code", 0, 5)]),
        ("<b></b>empty bold", "empty bold", []),
        ("&lt;tag&gt; &amp; &quot;q&quot; &#1050;&#x44B;", '<tag> & "q" Кы', []),
        ("AT&T &nbsp; &amp", "AT&T &nbsp; &", []),
        ("<B>upper</B>", "upper", [("bold", 0, 5)]),
        ("<b>x</>", "x", [("bold", 0, 1)]),
    ],
)
def test_html_tags_become_entities(source: str, text: str, expected: list) -> None:
    parsed_text, entities = parse_html(source)
    assert parsed_text == text
    assert sorted(kinds(entities)) == sorted(expected)


def test_offsets_are_utf16_code_units() -> None:
    text, entities = parse_html("😀 <b>Кабар</b> 🇰🇬 <i>news</i>")
    assert text == "😀 Кабар 🇰🇬 news"
    assert kinds(entities) == [("bold", 3, 5), ("italic", 14, 4)]
    assert utf16_len(text) == 18


def test_links_pre_and_code_language() -> None:
    text, entities = parse_html(
        '<a href="https://24.kg/news?id=1&amp;x=2">24.kg</a> <a href=\'kaktus.media\'>K</a> '
        '<a href="javascript:alert(1)">bad</a> <a href="tg://user?id=42">Aida</a> '
        '<pre><code class="language-python">print(1)</code></pre> <pre>raw</pre>'
    )
    assert text == "24.kg K bad Aida print(1) raw"
    by_type = {}
    for entity in entities:
        by_type.setdefault(entity["type"], []).append(entity)
    assert [e["url"] for e in by_type["text_link"]] == [
        "https://24.kg/news?id=1&x=2", "http://kaktus.media", "tg://user?id=42",
    ]
    assert by_type["pre"][0] == {"type": "pre", "offset": 17, "length": 8, "language": "python"}
    assert by_type["pre"][1] == {"type": "pre", "offset": 26, "length": 3}
    assert "code" not in by_type


def test_mention_of_known_user_becomes_text_mention() -> None:
    user = {"id": 42, "is_bot": False, "first_name": "Aida"}
    _, entities = parse_html('<a href="tg://user?id=42">Aida</a>', resolve_user=lambda i: user if i == 42 else None)
    assert entities == [{"type": "text_mention", "offset": 0, "length": 4, "user": user}]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Салам <br> дүйнө", 'Unsupported start tag "br" at byte offset 11'),
        ("<b>bold", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<a href="x>y</a>', "Unclosed end of attribute value at byte offset 8"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a href>x</a>", 'Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0'),
        ("<i><b>x</i></b>", 'Unmatched end tag at byte offset 7, expected "</b>", found "</i>"'),
    ],
)
def test_html_errors_read_like_telegram(source: str, message: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_html(source)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (r"*жирный* _курсив_ __подчёркнутый__ ~зачёркнутый~ ||спойлер||",
         "жирный курсив подчёркнутый зачёркнутый спойлер",
         [("bold", 0, 6), ("italic", 7, 6), ("underline", 14, 12), ("strikethrough", 27, 11), ("spoiler", 39, 7)]),
        (r"[24\.kg](https://24.kg/) и `код` 1\.5", "24.kg и код 1.5", [("text_link", 0, 5), ("code", 8, 3)]),
        ("```python\nprint(1)\n```", "print(1)\n", [("pre", 0, 9)]),
        (">цитата\n>дальше\nпосле", "цитата\nдальше\nпосле", [("blockquote", 0, 13)]),
    ],
)
def test_markdown_v2(source: str, text: str, expected: list) -> None:
    parsed_text, entities = parse_markdown_v2(source)
    assert parsed_text == text
    assert sorted(kinds(entities)) == sorted(expected)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("Баасы 1.5 сом", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("a `code", "Can't find end of Code entity at byte offset 2"),
    ],
)
def test_markdown_v2_errors(source: str, message: str) -> None:
    with pytest.raises(EntityParseError) as caught:
        parse_markdown_v2(source)
    assert str(caught.value) == message


def test_legacy_markdown() -> None:
    text, entities = parse_markdown("*bold* _it_ `c` [link](https://akipress.org)")
    assert text == "bold it c link"
    assert kinds(entities) == [("bold", 0, 4), ("italic", 5, 2), ("code", 8, 1), ("text_link", 10, 4)]
    with pytest.raises(EntityParseError, match="Can't find end of the entity starting at byte offset 0"):
        parse_markdown("*open")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start", [("bot_command", 0, 6)]),
        ("/start quotes_12", [("bot_command", 0, 6)]),
        ("/latest@kabarchy_test_bot 5", [("bot_command", 0, 25)]),
        ("/quotes@other_bot Атамбаев", [("bot_command", 0, 17)]),
        ("see /help, or 24.kg and https://kaktus.media/doc/1.html.", [
            ("bot_command", 4, 5), ("url", 14, 5), ("url", 24, 31)]),
        ("@aida_k wrote to news@24.kg #Бишкек", [("mention", 0, 7), ("email", 17, 10), ("hashtag", 28, 7)]),
        ("a/b and 1/2 are not commands", []),
    ],
)
def test_detect_entities(text: str, expected: list) -> None:
    assert kinds(detect_entities(text)) == expected


def test_finish_text_trims_and_shifts_entities() -> None:
    text, entities = finish_text("\n  <hello> /start  \n", [{"type": "bold", "offset": 1, "length": 8}])
    assert text == "<hello> /start"
    assert kinds(entities) == [("bold", 0, 6), ("bot_command", 8, 6)]


def test_nothing_new_is_found_inside_code() -> None:
    text, entities = parse_html("<code>/start https://24.kg</code>")
    _, finished = finish_text(text, entities)
    assert kinds(finished) == [("code", 0, 20)]
