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

    k1:fp:<page>                      a page of /feeds (from 1)                                     (admins)
    k1:fc                             check every feed now
    k1:fr:<feed id>                   ask before removing a feed; k1:frk:<feed id> removes it, k1:fx keeps it
    k1:fpa:<feed id>, k1:fre:<id>     pause, resume a feed

    k1:dv:<m|t|z|f|l|k>               a digest settings view: the card, time, time zone, frequency, languages, keywords
    k1:dt:<HHMM>                      the digest's time
    k1:dz:<Area/City>                 the digest's time zone; k1:dzo: "other", typed next
    k1:df:<d|0-6>                     daily, or weekly on a weekday (0 = Monday)
    k1:dl:<ky|ru|en|all>              switch an article language on or off; all: every language
    k1:dk:<i|e>                       clear the include or exclude keywords
    k1:ds:<p|r|u>                     pause, resume, unsubscribe
    k1:dg:<from>:<upto>:<offset>      the next page of a digest: its article range and the page's offset
                                      (digests sent before this layout say dg:<from>:<upto>:<offset>; still read)

A QueryBook keeps the long queries in memory (bounded); after a restart those few buttons answer "out of date".
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

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
_ZONE = re.compile(r"^[A-Za-z][A-Za-z_]*(?:/[A-Za-z0-9][A-Za-z0-9_+\-]*){1,2}$")
MAX_DIGEST_OFFSET = 500  # a digest considers at most this many articles (handlers/digests.py)


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


# --- feeds (admins) ---


@dataclass(frozen=True, slots=True)
class FeedsPage:
    page: int  # from 1


@dataclass(frozen=True, slots=True)
class CheckFeeds:
    pass


FEED_CHANGES = {"remove": "fr", "confirm_remove": "frk", "pause": "fpa", "resume": "fre"}


@dataclass(frozen=True, slots=True)
class FeedChange:
    action: str  # a key of FEED_CHANGES: "remove" only asks; "confirm_remove" removes
    feed_id: int


@dataclass(frozen=True, slots=True)
class KeepFeed:
    pass


# --- digest settings ---

SETTINGS_VIEWS = {"menu": "m", "time": "t", "timezone": "z", "frequency": "f", "languages": "l", "keywords": "k"}
DIGEST_STATES = {"pause": "p", "resume": "r", "unsubscribe": "u"}


@dataclass(frozen=True, slots=True)
class SettingsView:
    view: str  # a key of SETTINGS_VIEWS


@dataclass(frozen=True, slots=True)
class SetDigestTime:
    hour: int
    minute: int


@dataclass(frozen=True, slots=True)
class SetDigestZone:
    timezone: str  # an IANA name


@dataclass(frozen=True, slots=True)
class TypeDigestZone:
    pass


@dataclass(frozen=True, slots=True)
class SetDigestFrequency:
    weekday: int | None  # None: every day; 0 (Monday) .. 6: once a week


@dataclass(frozen=True, slots=True)
class ToggleDigestLanguage:
    language: str  # "" switches every language on (no filter)


@dataclass(frozen=True, slots=True)
class ClearDigestKeywords:
    which: str  # "include" or "exclude"


@dataclass(frozen=True, slots=True)
class ChangeDigestState:
    state: str  # a key of DIGEST_STATES


@dataclass(frozen=True, slots=True)
class DigestMore:
    from_id: int
    upto_id: int
    offset: int


FeedAction = FeedsPage | CheckFeeds | FeedChange | KeepFeed
SettingsAction = (
    SettingsView | SetDigestTime | SetDigestZone | TypeDigestZone | SetDigestFrequency | ToggleDigestLanguage
    | ClearDigestKeywords | ChangeDigestState
)
Action = (
    OpenArticle | ArticleQuotes | LatestPage | QuotePage | SearchPage | SetLanguage | FeedAction | SettingsAction
    | DigestMore
)


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
        case FeedsPage(page):
            return f"{VERSION}:fp:{page}"
        case CheckFeeds():
            return f"{VERSION}:fc"
        case FeedChange(change, feed_id):
            return f"{VERSION}:{FEED_CHANGES[change]}:{feed_id}"
        case KeepFeed():
            return f"{VERSION}:fx"
        case SettingsView(view):
            return f"{VERSION}:dv:{SETTINGS_VIEWS[view]}"
        case SetDigestTime(hour, minute):
            return f"{VERSION}:dt:{hour:02d}{minute:02d}"
        case SetDigestZone(timezone):
            data = f"{VERSION}:dz:{timezone}"
            if not _fits(data):
                raise ValueError(f"a time zone name too long for a button: {timezone!r}")
            return data
        case TypeDigestZone():
            return f"{VERSION}:dzo"
        case SetDigestFrequency(weekday):
            return f"{VERSION}:df:{'d' if weekday is None else weekday}"
        case ToggleDigestLanguage(language):
            return f"{VERSION}:dl:{language or 'all'}"
        case ClearDigestKeywords(which):
            return f"{VERSION}:dk:{which[0]}"
        case ChangeDigestState(state):
            return f"{VERSION}:ds:{DIGEST_STATES[state]}"
        case DigestMore(from_id, upto_id, offset):
            return f"{VERSION}:dg:{from_id}:{upto_id}:{offset}"
    raise TypeError(f"not a keyboard action: {action!r}")


def parse_callback(data: str | None, *, book: QueryBook | None = None) -> Action | None:
    """Return the action a button's data asks for, or None when it is stale, malformed or forged."""
    if not data or not _fits(data):
        return None
    if data.startswith("dg:"):  # a digest's "more" button from before the k1 layout
        return _digest_more(data[3:])
    if not data.startswith(VERSION + ":"):
        return None
    kind, _, rest = data[len(VERSION) + 1 :].partition(":")
    if kind.startswith("f"):
        return _feed_action(kind, rest)
    if kind.startswith("d"):
        return _digest_action(kind, rest)
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


def _feed_action(kind: str, rest: str) -> FeedAction | None:
    if kind == "fp":
        page = _number(rest, low=1, high=MAX_PAGE + 1)
        return FeedsPage(page) if page is not None else None
    if kind in ("fc", "fx"):
        return (CheckFeeds() if kind == "fc" else KeepFeed()) if not rest else None
    change = next((name for name, code in FEED_CHANGES.items() if code == kind), None)
    feed_id = _number(rest, low=1, high=MAX_ID)
    return FeedChange(change, feed_id) if change is not None and feed_id is not None else None


def _digest_action(kind: str, rest: str) -> SettingsAction | DigestMore | None:
    if kind == "dv":
        view = next((name for name, code in SETTINGS_VIEWS.items() if code == rest), None)
        return SettingsView(view) if view is not None else None
    if kind == "dt":
        if len(rest) != 4 or not rest.isascii() or not rest.isdigit():
            return None
        hour, minute = int(rest[:2]), int(rest[2:])
        return SetDigestTime(hour, minute) if hour <= 23 and minute <= 59 else None
    if kind == "dz":
        return SetDigestZone(rest) if _known_zone(rest) else None
    if kind == "dzo":
        return TypeDigestZone() if not rest else None
    if kind == "df":
        if rest == "d":
            return SetDigestFrequency(None)
        return SetDigestFrequency(int(rest)) if len(rest) == 1 and rest in "0123456" else None
    if kind == "dl":
        if rest == "all":
            return ToggleDigestLanguage("")
        return ToggleDigestLanguage(rest) if rest in LANGUAGES else None
    if kind == "dk":
        return ClearDigestKeywords({"i": "include", "e": "exclude"}[rest]) if rest in ("i", "e") else None
    if kind == "ds":
        state = next((name for name, code in DIGEST_STATES.items() if code == rest), None)
        return ChangeDigestState(state) if state is not None else None
    if kind == "dg":
        return _digest_more(rest)
    return None


def _digest_more(rest: str) -> DigestMore | None:
    parts = rest.split(":")
    if len(parts) != 3:
        return None
    from_id, upto_id = (_number(p, low=0, high=MAX_ID) for p in parts[:2])
    offset = _number(parts[2], low=0, high=MAX_DIGEST_OFFSET)
    if from_id is None or upto_id is None or offset is None or upto_id < from_id:
        return None
    return DigestMore(from_id, upto_id, offset)


def _known_zone(name: str) -> bool:
    if not _ZONE.match(name):
        return False
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


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
