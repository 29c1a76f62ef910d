"""Domain types shared by every layer: frozen, slotted, free of I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from typing import Generic, TypeVar


class BlockKind(StrEnum):
    """What a paragraph-level block of an article is."""

    TITLE = "title"
    HEADING = "heading"
    CAPTION = "caption"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level unit of an article, classified."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the body, with the index of the block it came from."""

    text: str
    block: int
    start: int  # character offset of the sentence inside its block


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it.

    `text` is the words inside the quote marks (marks left out); `speaker` is the person or organisation as the
    article names them, in the fullest nearby form, or None when anonymous or passive. `position` is the quote's
    order in the article; `score` orders quotes by how worth showing they are (higher first).
    """

    text: str
    speaker: str | None
    position: int
    score: float = 0.0
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything `news.analyse` learns about one article."""

    language: str  # "ky" | "ru" | "en" | "other"
    title: str | None
    lead: str | None
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]  # ranked: the first ones are the ones worth showing


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as it arrives, before it is analysed and stored.

    `text` is plain text with blank lines between paragraphs (or HTML, which `news.analyse` also reads).
    """

    text: str
    title: str | None = None
    url: str | None = None
    guid: str | None = None
    source: str | None = None
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    feed_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Who stores it, for the right to edit it later: "channel:<chat id>"; a feed's drafts are "feed:<id>" by their
    # feed_id; None is an admin (/add, a message in private, `kabarchy ingest`).
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, its HTML already turned into plain text.

    `summary` is the feed's teaser or description; `content` the fullest body the feed carries (RSS
    content:encoded, Atom content, JSON Feed content_html/content_text), None when the feed has only a summary.
    `full_text` is True when `text` is judged to be the whole article (see `news.parse.is_full_text`); when False,
    fetch `link` and extract the page. Datetimes are aware, in UTC.
    """

    guid: str | None
    link: str | None
    title: str | None
    summary: str | None
    content: str | None
    published: datetime | None
    updated: datetime | None
    author: str | None
    language: str | None
    full_text: bool

    @property
    def text(self) -> str:
        """Return the fullest text the feed gave: content, else summary, else the empty string."""
        return self.content or self.summary or ""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed as parsed: its metadata and items in document order.

    `format` is feedparser's version name ("rss20", "rss10", "rss091n", "atom10" ...) or "json10"/"json11".
    `ttl` is the feed's own polling hint in minutes (RSS <ttl> or the syndication module), None when absent.
    `malformed` is True when the XML was broken and the items come from the lenient parser.
    """

    format: str
    title: str | None
    link: str | None
    description: str | None
    language: str | None
    ttl: int | None
    items: tuple[FeedItem, ...]
    malformed: bool = False


@dataclass(frozen=True, slots=True)
class Page:
    """An article page after extraction: metadata and the body as plain text.

    `text` has blank lines between paragraphs, subheadings on their own line and captions recognisable by a
    leading "Сүрөт:"/"Фото:"/"Photo:" marker when the page did not already name one. URLs are absolute.
    """

    url: str
    canonical_url: str | None
    title: str | None
    text: str
    author: str | None
    published: datetime | None
    language: str | None
    description: str | None
    site_name: str | None
    image: str | None
    feed_links: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A feed to follow, as an OPML outline or an admin's list names it."""

    url: str
    title: str | None = None
    html_url: str | None = None
    category: str | None = None


# --- Stored types: what the article store (storage/) hands back. Datetimes are aware, in UTC. ---

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a search query and the bases whose inflected forms it finds (see `news.morph`)."""

    word: str
    bases: tuple[str, ...]
    exact: bool = False


class SaveStatus(StrEnum):
    """What saving an article did."""

    NEW = "new"
    UPDATED = "updated"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class SaveResult:
    """The outcome of saving one draft.

    `matched_by` says how an existing article was recognised: "guid", "url", "text" (same words from another
    source) or "input" (the very same title and text seen before); None for a new article. A REJECTED draft
    (empty or oversized text) has `article_id` 0 and the reason in `error`.
    """

    status: SaveStatus
    article_id: int
    matched_by: str | None = None
    quotes: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class StoredQuote:
    """A quote as stored, with the article it came from.

    `rank` is 0 for the article's key quote; `published` is the article's time (published, else fetched).
    """

    id: int
    article_id: int
    text: str
    speaker: str | None
    position: int
    rank: int
    score: float
    article_title: str | None
    article_url: str | None
    source: str | None
    language: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class ArticleBrief:
    """An article as lists show it: enough for a line with title, source, time and one summary sentence."""

    id: int
    title: str | None
    lead: str | None
    url: str | None
    source: str | None
    language: str
    published: datetime | None
    fetched: datetime
    quote_count: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """A whole stored article with its summary sentences and quotes (best first)."""

    id: int
    title: str | None
    lead: str | None
    body: str
    url: str | None
    canonical_url: str | None
    guid: str | None
    source: str | None
    author: str | None
    language: str
    published: datetime | None
    fetched: datetime
    updated: datetime | None
    feed_id: int | None
    backlog: bool
    summary: tuple[str, ...]
    quotes: tuple[StoredQuote, ...]


@dataclass(frozen=True, slots=True)
class ResultPage(Generic[T]):
    """One page of results.

    `total` counts every match when `total_exact`, otherwise it is a lower bound (the search looked at a bounded
    set of candidates, and there are more).
    """

    items: tuple[T, ...]
    offset: int
    limit: int
    total: int
    total_exact: bool = True

    @property
    def has_more(self) -> bool:
        """Tell whether a next page exists."""
        return self.offset + len(self.items) < self.total


@dataclass(frozen=True, slots=True)
class Chat:
    """A Telegram chat the bot knows: private, group, supergroup or channel."""

    id: int
    type: str
    title: str | None
    language: str | None
    is_active: bool
    created_at: datetime
    updated_at: datetime


class Frequency(StrEnum):
    """How often a subscriber gets a digest."""

    DAILY = "daily"
    WEEKLY = "weekly"


@dataclass(frozen=True, slots=True)
class Subscriber:
    """A chat (or a forum topic of it) subscribed to digests.

    `local_time` is the wall-clock time in `timezone` (IANA name); `weekday` (0 = Monday) only for weekly
    digests. `watermark_article_id` is the newest article already covered by a digest; the next digest holds
    articles after it. `thread_id` is 0 outside forum topics.
    """

    id: int
    chat_id: int
    thread_id: int
    local_time: time
    timezone: str
    frequency: Frequency
    weekday: int | None
    languages: tuple[str, ...]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    paused: bool
    watermark_article_id: int
    next_due_at: datetime | None
    last_sent_at: datetime | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed the bot polls, with its polling state.

    `backlog_done` turns True after the first successful poll: items found before then are stored as backlog
    (searchable, never announced as new). `failure_notified` is True once admins were told about the current run
    of failures, so they are told once, and again only after a recovery.
    """

    id: int
    url: str
    title: str | None
    site_url: str | None
    interval_minutes: int
    ttl_minutes: int | None
    etag: str | None
    last_modified: str | None
    paused: bool
    added_at: datetime
    added_by: int | None
    last_checked_at: datetime | None
    last_success_at: datetime | None
    last_error_at: datetime | None
    last_error: str | None
    consecutive_failures: int
    failure_notified: bool
    next_due_at: datetime | None
    backlog_done: bool


# --- digests: what a scheduled digest is made of (news/digest.py composes it; handlers render it). ---


@dataclass(frozen=True, slots=True)
class DigestArticle:
    """An article as a digest sees it: enough to filter, rank and show it.

    `summary` holds the article's first summary sentences; `quote` and `speaker` its key quote (rank 0), if any.
    """

    id: int
    title: str | None
    url: str | None
    source: str | None
    language: str
    published: datetime | None
    lead: str | None = None
    summary: tuple[str, ...] = ()
    quote: str | None = None
    speaker: str | None = None
    quote_score: float = 0.0
    quote_count: int = 0


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One article of a digest as it is shown: linked title, one or two summary sentences, one key quote."""

    article_id: int
    title: str
    url: str | None
    source: str | None
    sentences: tuple[str, ...]
    quote: str | None
    speaker: str | None
    language: str = ""


@dataclass(frozen=True, slots=True)
class Digest:
    """One page of a digest, best articles first; `total` counts every article the digest holds."""

    entries: tuple[DigestEntry, ...]
    total: int
    offset: int = 0

    @property
    def has_more(self) -> bool:
        """Tell whether articles follow this page."""
        return self.offset + len(self.entries) < self.total


class ChannelStatus(StrEnum):
    """Whether a channel's posts are stored: only once an admin allowed it."""

    PENDING = "pending"  # the admins were asked
    ALLOWED = "allowed"
    IGNORED = "ignored"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class Channel:
    """A Telegram channel where the bot is (or was) an administrator, and whether its posts become articles."""

    id: int
    title: str | None
    username: str | None
    status: ChannelStatus
    added_by: int | None
    decided_by: int | None
    first_seen_at: datetime
    decided_at: datetime | None
    articles: int = 0  # how many stored articles it published
