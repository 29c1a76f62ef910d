import html
import re

import pytest

from handlers.render import (
    TELEGRAM_LIMIT,
    escape,
    join_blocks,
    link,
    split_html,
    truncate,
    visible_length,
)

ALLOWED = {"b", "i", "u", "s", "a", "code", "pre", "blockquote"}


def balanced(fragment: str) -> bool:
    stack: list[str] = []
    for closing, name in re.findall(r"<(/?)([a-z]+)[^>]*>", fragment):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def test_escape_neutralises_markup() -> None:
    assert escape('<b>"Жапаров" & Co</b>') == "&lt;b&gt;&quot;Жапаров&quot; &amp; Co&lt;/b&gt;"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kabar.kg/a?x=1&y=2", '<a href="https://kabar.kg/a?x=1&amp;y=2">Кабар</a>'),
        ("javascript:alert(1)", "Кабар"),
        (None, "Кабар"),
    ],
)
def test_link_escapes_and_refuses_unsafe_schemes(url: str | None, expected: str) -> None:
    assert link(url, "Кабар") == expected


def test_visible_length_counts_text_after_entities_in_utf16() -> None:
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("😀") == 2


def test_short_message_is_one_part() -> None:
    assert split_html("<b>Салам</b>") == ["<b>Салам</b>"]
    assert split_html("   ") == []


def test_long_text_splits_at_paragraphs_and_every_part_fits() -> None:
    paragraph = "Өкмөт жаңы мыйзам долбоорун талкуулады. " * 20
    text = "\n\n".join(f"<b>{i}</b> {escape(paragraph)}" for i in range(30))
    parts = split_html(text)
    assert len(parts) > 1
    for part in parts:
        assert visible_length(part) <= TELEGRAM_LIMIT
        assert balanced(part)
    joined = "".join(html.unescape(re.sub(r"<[^>]+>", "", p)) for p in parts)
    assert joined.replace(" ", "").replace("\n", "") == html.unescape(re.sub(r"<[^>]+>", "", text)).replace(
        " ", ""
    ).replace("\n", "")


def test_a_tag_open_across_the_cut_is_closed_and_reopened() -> None:
    sentence = "Президент өлкөнүн экономикасы тууралуу сүйлөдү. "
    text = '<a href="https://x.kg/1"><b>' + escape(sentence * 200) + "</b></a>"
    parts = split_html(text, limit=1000)
    assert len(parts) > 2
    for part in parts:
        assert visible_length(part) <= 1000
        assert balanced(part)
        assert part.startswith('<a href="https://x.kg/1"><b>')
        assert part.endswith("</b></a>")
        # Cut at a sentence end, not mid-word.
        assert re.sub(r"<[^>]+>", "", part).rstrip().endswith(".")


def test_no_cut_inside_an_entity_or_tag() -> None:
    text = ("&amp;&lt;&gt;" * 3000)
    parts = split_html(text, limit=100)
    for part in parts:
        assert not re.search(r"&[a-z]*$", part)
        assert visible_length(part) <= 100


def test_text_without_spaces_is_cut_hard_but_fits() -> None:
    parts = split_html("ы" * 10_000)
    assert [visible_length(p) for p in parts] == [4096, 4096, 1808]


def test_join_blocks_packs_and_splits() -> None:
    blocks = [f"<b>Макала {i}</b>\n" + escape("Сөз " * 300) for i in range(10)]
    messages = join_blocks(blocks)
    assert 2 <= len(messages) <= 4
    assert all(visible_length(m) <= TELEGRAM_LIMIT and balanced(m) for m in messages)
    assert join_blocks(["x" * 5000]) and all(visible_length(m) <= TELEGRAM_LIMIT for m in join_blocks(["x" * 5000]))


def test_truncate_at_word_boundary() -> None:
    assert truncate("Бишкекте жаан жаады", 100) == "Бишкекте жаан жаады"
    assert truncate("Бишкекте жаан жаады жана шамал болду", 20) == "Бишкекте жаан жаады…"
