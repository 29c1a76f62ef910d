"""Callback data: compact, versioned, and strict on the way back."""

from __future__ import annotations

import pytest

from handlers.keyboards import (
    MAX_DATA_BYTES,
    ArticleQuotes,
    ChangeDigestState,
    CheckFeeds,
    ClearDigestKeywords,
    DigestMore,
    FeedChange,
    FeedsPage,
    KeepFeed,
    SetDigestFrequency,
    SetDigestTime,
    SetDigestZone,
    SettingsView,
    ToggleDigestLanguage,
    TypeDigestZone,
    LatestPage,
    OpenArticle,
    QueryBook,
    QuotePage,
    SearchPage,
    SetLanguage,
    encode,
    language_keyboard,
    number_buttons,
    pager_row,
    parse_callback,
)


@pytest.mark.parametrize(
    "action",
    [
        OpenArticle(1),
        OpenArticle(9_007_199_254_740_992, in_place=True),
        ArticleQuotes(12, 0),
        ArticleQuotes(12, 1999),
        LatestPage(3, 10),
        QuotePage(0, ""),
        QuotePage(4, "Жапаров"),
        QuotePage(1, "a:b:c"),
        SearchPage(2, "Бишкек мэриясы"),
        SetLanguage("ru"),
        FeedsPage(1),
        FeedsPage(2000),
        CheckFeeds(),
        FeedChange("remove", 3),
        FeedChange("confirm_remove", 3),
        FeedChange("pause", 9_007_199_254_740_992),
        FeedChange("resume", 12),
        KeepFeed(),
        *(SettingsView(view) for view in ("menu", "time", "timezone", "frequency", "languages", "keywords")),
        SetDigestTime(0, 0),
        SetDigestTime(23, 59),
        SetDigestZone("Asia/Bishkek"),
        SetDigestZone("America/Argentina/Buenos_Aires"),
        TypeDigestZone(),
        SetDigestFrequency(None),
        SetDigestFrequency(6),
        ToggleDigestLanguage("ky"),
        ToggleDigestLanguage(""),
        ClearDigestKeywords("include"),
        ClearDigestKeywords("exclude"),
        ChangeDigestState("pause"),
        ChangeDigestState("resume"),
        ChangeDigestState("unsubscribe"),
        DigestMore(0, 9_007_199_254_740_992, 500),
    ],
)
def test_actions_survive_the_round_trip(action: object) -> None:
    book = QueryBook()
    data = encode(action, book=book)  # type: ignore[arg-type]
    assert data.startswith("k1:")
    assert len(data.encode("utf-8")) <= MAX_DATA_BYTES
    assert parse_callback(data, book=book) == action


def test_long_queries_travel_as_tokens() -> None:
    book = QueryBook()
    query = "Кыргызстандын Жогорку Кеңеши бюджет боюнча мыйзам долбоорун кабыл алды"
    data = encode(QuotePage(3, query), book=book)
    assert data.startswith("k1:qt:3:") and len(data.encode()) <= 64
    assert parse_callback(data, book=book) == QuotePage(3, query)
    # After a restart (a new book) the token means nothing: the button is stale, not misread.
    assert parse_callback(data, book=QueryBook()) is None
    with pytest.raises(ValueError):
        encode(SearchPage(0, query))


def test_the_book_forgets_the_oldest_queries() -> None:
    book = QueryBook(capacity=2)
    first, second, third = (book.token(f"query number {n}") for n in range(3))
    assert book.query(first) is None
    assert book.query(second) == "query number 1" and book.query(third) == "query number 2"


@pytest.mark.parametrize(
    "data",
    [
        None, "", "k1", "k1:", "k2:a:1", "k0:a:1", "k1:a:", "k1:a:abc", "k1:a:0", "k1:a:-1", "k1:a:+1", "k1:a:01",
        "k1:a:1 ", "k1:a:99999999999999999", "k1:aq:1", "k1:aq:1:2000", "k1:aq:x:1", "k1:l:0:0", "k1:l:0:11",
        "k1:l:-1:5", "k1:q:1", "k1:q:x:word", "k1:s:0:", "k1:s:0:   ", "k1:qt:0:short", "k1:qt:0:AAAAAAAA",
        "k1:lang:de", "k1:lang:", "k1:zz:1", "fd:p:1", "x" * 65, "k1:a:１",
        # feeds and digest settings
        "k1:fp:0", "k1:fp:x", "k1:fc:1", "k1:fx:1", "k1:fr:", "k1:fr:0", "k1:frk:1;DROP", "k1:fdrop:1",
        "k1:fr:" + "9" * 40, "sub:time", "sub:z:0", "k1:dv:x", "k1:dv:", "k1:dt:2400", "k1:dt:0760", "k1:dt:730",
        "k1:dt:０７３０", "k1:dz:Mars/Olympus", "k1:dz:../../etc/passwd", "k1:dz:UTC", "k1:dzo:1", "k1:df:7",
        "k1:df:w1", "k1:df:", "k1:dl:de", "k1:dl:", "k1:dk:x", "k1:ds:x", "k1:ds:", "k1:dg:5:4:0", "k1:dg:1:2",
        "k1:dg:1:2:501", "dg:1:2:x", "dg:", "k1:dq:1",
    ],
)
def test_stale_or_forged_data_is_refused(data: str | None) -> None:
    assert parse_callback(data, book=QueryBook()) is None


def test_keyboards() -> None:
    rows = number_buttons(list(range(101, 108)), first_number=6)
    assert [[b.text for b in row] for row in rows] == [["6", "7", "8", "9", "10"], ["11", "12"]]
    assert rows[0][0].callback_data == "k1:a:101"
    assert [b.text for b in pager_row(None, LatestPage(1, 5))] == ["▶"]
    assert pager_row(None, None) == []
    keyboard = language_keyboard("en")
    assert [b.text for b in keyboard.inline_keyboard[0]] == ["Кыргызча", "Русский", "✓ English"]
    assert keyboard.inline_keyboard[0][1].callback_data == "k1:lang:ru"


def test_digest_more_buttons_sent_before_the_k1_layout_still_work() -> None:
    assert parse_callback("dg:10:25:5") == DigestMore(10, 25, 5)
