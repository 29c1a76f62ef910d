"""Inline keyboards and their callback data: compact (at most 64 bytes), versioned, validated on the way back.

Callback data is "k1:<kind>:<fields>"; k1 is the version, so keyboards from an older layout are recognised as stale
instead of being misread. `parse_callback` accepts exactly the shapes below, with bounded numbers; anything else
(an old keyboard, a forged payload) gives None, which handlers turn into a polite "out of date" answer.

    k1:a:<article id>                 open an article (a new message)
    k1:ae:<article id>                show the article in the pressed message (back from its quotes)
    k1:aq:<article id>:<page>         a page of an article's quotes
    k1:l:<page>:<size>                a page of the latest articles
    k1:q:<page>:<query>               a page of a quote search ("" = the latest key quotes)
    k1:qt:<page>:<token>              the same, for a query too long to fit: the token names it in a QueryBook
    k1:s:<page>:<query>               a page of an article search
    k1:st:<page>:<token>
    k1:lang:<ky|ru|en>                choose the chat's language

A QueryBook keeps the long queries in memory (bounded); after a restart those few buttons answer "out of date".
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.i18n import LANGUAGE_NAMES, LANGUAGES

VERSION = "k1"
PATTERN = r"^k1:"  # the CallbackQueryHandler pattern for every keyboard here
MAX_DATA_BYTES = 64
MAX_PAGE = 1999
MAX_ID = 2**53
MAX_SIZE = 10
_NUMBER = re.compile(r"^(?:0|[1-9][0-9]{0,15})$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8}$")


@dataclass(frozen=True, slots=True)
class OpenArticle:
    article_id: int
    in_place: bool = False  # edit the pressed message (from an article's quotes) instead of sending a new one


@dataclass(frozen=True, slots=True)
class ArticleQuotes:
    article_id: int
    page: int


@dataclass(frozen=True, slots=True)
class LatestPage:
    page: int
    size: int


@dataclass(frozen=True, slots=True)
class QuotePage:
    page: int
    query: str  # "" for the latest key quotes


@dataclass(frozen=True, slots=True)
class SearchPage:
    page: int
    query: str


@dataclass(frozen=True, slots=True)
class SetLanguage:
    language: str


Action = OpenArticle | ArticleQuotes | LatestPage | QuotePage | SearchPage | SetLanguage


class QueryBook:
    """Remember search texts too long for callback data, under short tokens; the oldest are forgotten first."""

    def __init__(self, *, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._queries: OrderedDict[str, str] = OrderedDict()

    def token(self, query: str) -> str:
        """Return the token for a query, remembering it."""
        digest = hashlib.blake2b(query.encode("utf-8", "surrogatepass"), digest_size=6).digest()
        token = base64.urlsafe_b64encode(digest).decode("ascii")
        self._queries[token] = query
        self._queries.move_to_end(token)
        while len(self._queries) > self.capacity:
            self._queries.popitem(last=False)
        return token

    def query(self, token: str) -> str | None:
        """Return the query behind a token, or None when it was never seen or was forgotten."""
        return self._queries.get(token)


def _number(text: str, *, low: int, high: int) -> int | None:
    if not _NUMBER.match(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def _fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_DATA_BYTES


def encode(action: Action, *, book: QueryBook | None = None) -> str:
    """Return the callback data for an action (always within 64 bytes)."""
    match action:
        case OpenArticle(article_id, in_place):
            return f"{VERSION}:{'ae' if in_place else 'a'}:{article_id}"
        case ArticleQuotes(article_id, page):
            return f"{VERSION}:aq:{article_id}:{page}"
        case LatestPage(page, size):
            return f"{VERSION}:l:{page}:{size}"
        case QuotePage(page, query) | SearchPage(page, query):
            kind = "q" if isinstance(action, QuotePage) else "s"
            data = f"{VERSION}:{kind}:{page}:{query}"
            if _fits(data):
                return data
            if book is None:
                raise ValueError("a long query needs a QueryBook")
            return f"{VERSION}:{kind}t:{page}:{book.token(query)}"
        case SetLanguage(language):
            return f"{VERSION}:lang:{language}"
    raise TypeError(f"not a keyboard action: {action!r}")


def parse_callback(data: str | None, *, book: QueryBook | None = None) -> Action | None:
    """Return the action a button's data asks for, or None when it is stale, malformed or forged."""
    if not data or not _fits(data) or not data.startswith(VERSION + ":"):
        return None
    kind, _, rest = data[len(VERSION) + 1 :].partition(":")
    if kind in ("a", "ae"):
        article_id = _number(rest, low=1, high=MAX_ID)
        return OpenArticle(article_id, kind == "ae") if article_id is not None else None
    if kind == "aq":
        first, _, second = rest.partition(":")
        article_id = _number(first, low=1, high=MAX_ID)
        page = _number(second, low=0, high=MAX_PAGE)
        return ArticleQuotes(article_id, page) if article_id is not None and page is not None else None
    if kind == "l":
        first, _, second = rest.partition(":")
        page = _number(first, low=0, high=MAX_PAGE)
        size = _number(second, low=1, high=MAX_SIZE)
        return LatestPage(page, size) if page is not None and size is not None else None
    if kind in ("q", "s", "qt", "st"):
        first, sep, query = rest.partition(":")
        page = _number(first, low=0, high=MAX_PAGE)
        if page is None or not sep:
            return None
        if kind.endswith("t"):
            if book is None or not _TOKEN.match(query):
                return None
            found = book.query(query)
            if found is None:
                return None
            query = found
        if kind.startswith("s") and not query.strip():
            return None
        return QuotePage(page, query) if kind.startswith("q") else SearchPage(page, query)
    if kind == "lang":
        return SetLanguage(rest) if rest in LANGUAGES else None
    return None


def button(text: str, action: Action, *, book: QueryBook | None = None) -> InlineKeyboardButton:
    """Return one callback button."""
    return InlineKeyboardButton(text, callback_data=encode(action, book=book))


def pager_row(
    previous: Action | None, following: Action | None, *, book: QueryBook | None = None
) -> list[InlineKeyboardButton]:
    """Return the ◀ ▶ row of a paginated message: only the arrows that lead somewhere."""
    row = []
    if previous is not None:
        row.append(button("◀", previous, book=book))
    if following is not None:
        row.append(button("▶", following, book=book))
    return row


def number_buttons(
    article_ids: Sequence[int], *, first_number: int = 1, per_row: int = 5
) -> list[list[InlineKeyboardButton]]:
    """Return buttons "1", "2", ... that open the articles of a list, in rows of `per_row`."""
    buttons = [button(str(first_number + i), OpenArticle(aid)) for i, aid in enumerate(article_ids)]
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def markup(*rows: list[InlineKeyboardButton]) -> InlineKeyboardMarkup | None:
    """Return a keyboard of the non-empty rows, or None when there are none."""
    kept = [row for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def language_keyboard(current: str | None = None) -> InlineKeyboardMarkup:
    """Return the language choice: one button per language, the current one marked."""
    return InlineKeyboardMarkup(
        [[button(("✓ " if code == current else "") + LANGUAGE_NAMES[code], SetLanguage(code)) for code in LANGUAGES]]
    )
