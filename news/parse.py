"""Turn bytes from the web into article fields: feeds, article pages, feed autodiscovery. Pure: no network, no clock.

Public functions:
    parse_feed(data, *, url=None, content_type=None) -> ParsedFeed      RSS 0.9x/1.0/2.0, Atom, JSON Feed 1.0/1.1
    extract_page(data, *, url, content_type=None, now=None) -> Page     article body and metadata of an HTML page
    find_feed_links(data, *, url, content_type=None) -> list[str]       <link rel="alternate"> autodiscovery
    draft_from_item(item, *, page=None, feed=None, feed_id=None) -> ArticleDraft
    draft_from_page(page) -> ArticleDraft
    decode_bytes(data, *, content_type=None) -> tuple[str, str]         text and the encoding used
    html_to_text(html, *, language=None) -> str                         paragraphs separated by blank lines
    is_full_text(text, *, min_chars=1000) -> bool                       the teaser rule below

Exceptions (all carry a message fit for an admin's log), in the package's one tree (news.errors):
    NewsError
    └── ParseError                   (news.errors, re-exported here; also a ValueError)
        ├── FeedError                (news.errors)
        │   ├── UnsafeXMLError       the feed declares entities (XML bomb, external entity / XXE): refused unread
        │   ├── NotAFeedError        the bytes are not a feed (an HTML page, an image, empty); try find_feed_links
        │   └── MalformedFeedError   looks like a feed but nothing could be recovered from it
        ├── ExtractionError          the page has no article body we can find
        └── OPMLError                (news.opml) not a readable OPML document, or an unsafe one

Encoding: a byte-order mark, then the HTTP charset, the XML declaration, <meta charset> (or http-equiv), then
charset-normalizer's guess, then UTF-8 with replacement. A declared encoding the bytes do not decode with is skipped
(legacy sites often send `charset=utf-8` for windows-1251 pages), so the next source gets its turn.

XML safety: before any XML parser sees a feed, its prolog is scanned (quote- and comment-aware) for the DOCTYPE.
A DOCTYPE with an <!ENTITY declaration is refused (UnsafeXMLError), as defusedxml does by default: that covers the
billion laughs, quadratic blow-up and external entities. Any other DOCTYPE is removed, so no DTD is ever processed.

The teaser rule (`is_full_text`): a feed text is a teaser when it ends in a truncation marker ("…", "...", "[…]",
"Толугу менен", "Кененирээк", "Читать далее", "Подробнее", "Read more", "Continue reading", WordPress's "The post
… appeared first on …"); otherwise it is the full article when it has at least `min_chars` characters, or at least
40% of that in three or more paragraphs (a short but complete brief). Erring towards "teaser" only costs a page
fetch; the feed's text is kept when the page yields less.

Heavy libraries (feedparser, trafilatura, lxml, charset-normalizer) are imported inside the functions that use them,
so `import news` stays fast.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from news.errors import FeedError, ParseError
from news.models import ArticleDraft, FeedItem, Page, ParsedFeed

logger = logging.getLogger(__name__)

__all__ = [
    "ExtractionError",
    "FeedError",
    "MalformedFeedError",
    "NotAFeedError",
    "ParseError",
    "UnsafeXMLError",
    "decode_bytes",
    "draft_from_item",
    "draft_from_page",
    "extract_page",
    "find_feed_links",
    "html_to_text",
    "is_full_text",
    "parse_feed",
]


class UnsafeXMLError(FeedError):
    """The XML declares entities (a bomb or an external entity) and was refused before parsing."""


class NotAFeedError(FeedError):
    """The document is not a feed (for example an HTML page)."""


class MalformedFeedError(FeedError):
    """The document looks like a feed but is too broken to read."""


class ExtractionError(ParseError):
    """The page has no article body that could be extracted."""


# ---------------------------------------------------------------------------------------------------------------
# Encodings

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']""", re.I)
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_LIKELY_CODECS = ("cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic", "cp1252")
# WHATWG: labels for Latin-1 and ASCII mean windows-1252 on the web
_CODEC_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}


def _codec(label: str | None) -> str | None:
    """Return the Python codec name for a charset label, or None when Python does not know it."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None
    return _CODEC_ALIASES.get(name, name)


def charset_from_content_type(content_type: str | None) -> str | None:
    """Return the charset parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type)
    return match.group(1) if match else None


def decode_bytes(data: bytes, *, content_type: str | None = None) -> tuple[str, str]:
    """Decode a web document; return the text and the codec used (order in the module docstring)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, "replace").lstrip("\ufeff"), codec
    head = data[:8192]
    declared: list[tuple[str, str | None]] = [("http", charset_from_content_type(content_type))]
    xml_decl = _XML_DECL_ENCODING.match(head)
    declared.append(("xml", xml_decl.group(1).decode("ascii") if xml_decl else None))
    meta = _META_CHARSET.search(head)
    declared.append(("meta", meta.group(1).decode("ascii") if meta else None))
    for source, label in declared:
        codec = _codec(label)
        if codec is None:
            continue
        # Without a BOM, a UTF-16/32 label on ASCII-looking bytes is a lie (the label itself was readable).
        if codec.startswith(("utf-16", "utf-32")) and b"\x00" not in head:
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            logger.debug("declared %s charset %s does not decode the document; trying the next source", source, label)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    # Guess among the encodings Kyrgyz, Russian and English sites use first: unrestricted, short KOI8-R text
    # looks like Shift JIS to the detector.
    best = from_bytes(data, cp_isolation=list(_LIKELY_CODECS)).best() or from_bytes(data).best()
    if best is not None and best.encoding:
        codec = _codec(best.encoding) or best.encoding
        return data.decode(codec, "replace"), codec
    return data.decode("utf-8", "replace"), "utf-8"


# ---------------------------------------------------------------------------------------------------------------
# HTML to plain text

_SKIP_TAGS = frozenset(
    "script style noscript template iframe frame frameset object embed applet svg math head title button form "
    "select option textarea input nav audio video canvas map graphic".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article header footer main aside blockquote ul ol li dl dt dd table thead tbody tfoot tr pre "
    "figure address hr center details summary body html "
    # trafilatura's output vocabulary
    "doc list item quote row code comments".split()
)
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6 head".split())
_CAPTION_TAGS = frozenset({"figcaption"})
_CELL_TAGS = frozenset({"td", "th", "cell"})
_BREAK_TAGS = frozenset({"br", "lb"})
_CAPTION_MARKER = re.compile(r"\b(сүрөт|фото|photo|image|illustration|иллюстрация|коллаж|скриншот|видео)\w*\s*:", re.I)
_KYRGYZ_LETTERS = re.compile(r"[ңөүҢӨҮ]")
_CYRILLIC = re.compile(r"[а-яА-ЯёЁ]")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_XML_DECLS = re.compile(r"<\?xml[^>]*\?>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean_inline(text: str) -> str:
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _caption_prefix(text: str, language: str | None) -> str:
    """Return the marker that makes a caption recognisable, chosen by language (or script when unknown)."""
    if language == "ky" or (language is None and _KYRGYZ_LETTERS.search(text)):
        return "Сүрөт: "
    if language == "ru" or (language not in ("en", None) and _CYRILLIC.search(text)):
        return "Фото: "
    if language is None and _CYRILLIC.search(text):
        return "Фото: "
    return "Photo: "


class _Blocks:
    """Collect paragraph-level blocks while walking a tree."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        self.blocks: list[tuple[str, str]] = []
        self.parts: list[str] = []
        self.kinds: list[str] = ["body"]

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)

    def close(self) -> None:
        text = _clean_inline("".join(self.parts))
        self.parts = []
        if not text:
            return
        kind = self.kinds[-1]
        if kind == "caption" and not _CAPTION_MARKER.search(text):
            text = _caption_prefix(text, self.language) + text
        self.blocks.append((kind, text))


def _local_tag(element: Any) -> str | None:
    tag = element.tag
    if not isinstance(tag, str):  # comments and processing instructions
        return None
    return tag.rsplit("}", 1)[-1].lower()


def _walk_blocks(root: Any, language: str | None, *, extracted: bool = False) -> list[tuple[str, str]]:
    """Return (kind, text) blocks of an lxml tree: kind is "body", "heading" or "caption".

    `extracted` reads trafilatura's output, where <head> is a subheading rather than the HTML head.
    """
    from lxml import etree

    headings = _HEADING_TAGS if extracted else _HEADING_TAGS - {"head"}
    skipped = _SKIP_TAGS - {"head"} if extracted else _SKIP_TAGS
    sink = _Blocks(language)
    opened: list[Any] = []  # elements that pushed a block kind, closed on their end event
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = _local_tag(element)
        if event == "start":
            if tag is None:
                continue
            if tag in skipped:
                walker.skip_subtree()
                continue
            if tag in headings or tag in _CAPTION_TAGS or tag in _BLOCK_TAGS or tag in _BREAK_TAGS:
                sink.close()
            if tag in headings or tag in _CAPTION_TAGS:
                sink.kinds.append("heading" if tag in headings else "caption")
                opened.append(element)
            elif tag in _CELL_TAGS:
                sink.add(" ")
            sink.add(element.text)
        else:
            if opened and opened[-1] is element:
                sink.close()
                sink.kinds.pop()
                opened.pop()
            elif tag in _BLOCK_TAGS:
                sink.close()
            elif tag in _CELL_TAGS:
                sink.add(" ")
            if element is not root:
                sink.add(element.tail)
    sink.close()
    return sink.blocks


def _html_root(html: str, *, document: bool) -> Any:
    """Parse HTML text with lxml; return the document root (None when empty)."""
    import lxml.html
    from lxml import etree

    # lxml refuses str input that carries an encoding declaration, and NULs end its input early.
    html = _CONTROL.sub("", _XML_DECLS.sub("", html, count=1))
    if not html.strip():
        return None
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, default_doctype=False)
    try:
        if document:
            return lxml.html.document_fromstring(html, parser=parser)
        return lxml.html.fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as error:
        logger.debug("unparseable HTML: %s", error)
        return None


def html_to_text(html: str, *, language: str | None = None) -> str:
    """Return HTML as plain text: blank lines between paragraphs, headings and captions on their own line."""
    if "<" not in html and "&" not in html:
        return "\n\n".join(p for p in (_clean_inline(part) for part in re.split(r"\n\s*\n", html)) if p)
    root = _html_root(html, document=True)
    if root is None:
        return ""
    return "\n\n".join(text for _, text in _walk_blocks(root, language))


# ---------------------------------------------------------------------------------------------------------------
# Teaser or full text

_READ_MORE = re.compile(
    r"""(?:^|[\s(\[«"'|—–-])
    (?:толугу\s+менен(?:\s+оку(?:ңуз|у))?|кененирээк(?:\s+оку(?:ңуз|у))?|улантуусун\s+оку(?:ңуз|у)|
       андан\s+ары\s+оку(?:ңуз|у)|толук\s+оку(?:ңуз|у)|
       читать\s+(?:далее|дальше|полностью|продолжение)|подробнее|далее|
       read\s+more|read\s+the\s+(?:full\s+)?(?:story|article)|continue\s+reading|full\s+story)
    [\s.:!›»>→…\])"'|]*$""",
    re.I | re.X,
)
_APPEARED_FIRST = re.compile(
    r"(?:^|\n)\s*(?:the\s+post\s.{1,400}?\sappeared\s+first\s+on\s.{1,200}|"
    r"(?:сообщение|запись)\s.{1,400}?\sпоявил(?:ась|ось|ись)\s+сначала\s+на\s.{1,200})$",
    re.I | re.S,
)
_ELLIPSIS = re.compile(r"(?:…|\.\.\.|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))[\s»\"')\]]*$")


def _trim_teaser(text: str) -> tuple[str, bool]:
    """Return the text without a trailing "read more" link or footer, and whether it looked truncated."""
    text = text.strip()
    truncated = False
    footer = _APPEARED_FIRST.search(text)
    if footer:
        text, truncated = text[: footer.start()].rstrip(), True
    marker = _READ_MORE.search(text[-80:])
    if marker:
        cut = len(text) - 80 + marker.start() if len(text) > 80 else marker.start()
        text, truncated = text[:cut].rstrip(" \t\n|—–-:"), True
    if _ELLIPSIS.search(text):
        truncated = True
    return text, truncated


def is_full_text(text: str, *, min_chars: int = 1000) -> bool:
    """Return True when a feed's text looks like the whole article, False for a teaser (rule in the docstring)."""
    cleaned, truncated = _trim_teaser(text)
    if truncated or not cleaned:
        return False
    paragraphs = sum(1 for part in re.split(r"\n\s*\n", cleaned) if part.strip())
    return len(cleaned) >= min_chars or (len(cleaned) >= min_chars * 2 // 5 and paragraphs >= 3)


# ---------------------------------------------------------------------------------------------------------------
# Small shared pieces


def _http_url(value: Any, base: str | None = None) -> str | None:
    """Return value as an absolute http(s) URL resolved against base, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        absolute = urljoin(base, value) if base else value
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _language(value: Any) -> str | None:
    """Return the primary language subtag, lowercased ("ky-KG" -> "ky"), or None."""
    if not isinstance(value, str):
        return None
    primary = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_datetime(value: Any) -> datetime | None:
    """Parse an ISO 8601 / RFC 3339 or RFC 2822 date; naive values are taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return _utc(datetime.fromisoformat(value))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime  # pulls in socket: only when a date needs it

    try:
        return _utc(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return None


def _text_or_none(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return _clean_inline(value) or None


# ---------------------------------------------------------------------------------------------------------------
# Feeds


def _skip_prolog_item(text: str, index: int) -> int | None:
    """Return the index after a prolog item (PI or comment) starting at index, or None if there is none."""
    for opener, closer in (("<?", "?>"), ("<!--", "-->")):
        if text.startswith(opener, index):
            end = text.find(closer, index + len(opener))
            return len(text) if end < 0 else end + len(closer)
    return None


def _doctype_span(text: str) -> tuple[int, int] | None:
    """Return (start, end) of the DOCTYPE in the XML prolog, scanning quotes and comments as an XML parser does."""
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace() or text[index] == "\ufeff":
            index += 1
            continue
        after = _skip_prolog_item(text, index)
        if after is not None:
            index = after
            continue
        if text[index : index + 9].upper() != "<!DOCTYPE":
            return None  # the root element (or junk, where an XML parser stops) ends the prolog
        start, index, depth, quote = index, index + 9, 0, ""
        while index < length:
            char = text[index]
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif depth and text.startswith("<!--", index):
                index = (_skip_prolog_item(text, index) or length) - 1
            elif char == "[":
                depth += 1
            elif char == "]":
                depth = max(depth - 1, 0)
            elif char == ">" and not depth:
                return start, index + 1
            index += 1
        return start, length
    return None


_ENTITY_DECL = re.compile(r"<!\s*ENTITY", re.I)
_XML_DECL_ENCODING_TEXT = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[\w.:-]+\2""", re.I)


def _defuse(text: str) -> tuple[str, str]:
    """Refuse entity declarations; return the text without its DOCTYPE, and the DOCTYPE removed."""
    span = _doctype_span(text)
    if span is None:
        return text, ""
    doctype = text[span[0] : span[1]]
    if _ENTITY_DECL.search(doctype):
        raise UnsafeXMLError("the feed declares XML entities (an XML bomb or external entity); refused")
    return text[: span[0]] + text[span[1] :], doctype


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    if re.search(r"<(?:rss|feed|rdf:rdf|channel)\b", text[:8192], re.I):
        return False
    return "<html" in head or "<!doctype html" in head or "<body" in head


def _struct_time_utc(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


_LOOKS_LIKE_MARKUP = re.compile(r"</?[a-zA-Z][\w-]*(?:\s[^<>]*)?/?>")


def _detail_text(value: Any, detail: Any, language: str | None) -> str | None:
    """Return a feed field as plain text, converting it from HTML when the feed says (or shows) it is HTML."""
    if not isinstance(value, str) or not value.strip():
        return None
    kind = (detail or {}).get("type", "") if isinstance(detail, dict) else ""
    # feedparser copies content into a missing summary without saying what type it is: look at it instead.
    if "html" in kind or "xml" in kind or (not kind and _LOOKS_LIKE_MARKUP.search(value)):
        return html_to_text(value, language=language) or None
    return html_to_text(value.replace("<", "&lt;"), language=language) or None


def _ttl_minutes(feed: Any) -> int | None:
    ttl = feed.get("ttl")
    if isinstance(ttl, str) and ttl.strip().isdigit() and int(ttl) > 0:
        return int(ttl)
    period = {"hourly": 60, "daily": 1440, "weekly": 10080, "monthly": 43200, "yearly": 525600}.get(
        str(feed.get("sy_updateperiod", "")).strip().lower()
    )
    if period is None:
        return None
    frequency = str(feed.get("sy_updatefrequency", "1")).strip()
    return max(1, period // int(frequency)) if frequency.isdigit() and int(frequency) > 0 else period


def _make_item(
    *,
    guid: str | None,
    link: str | None,
    title: str | None,
    summary: str | None,
    content: str | None,
    published: datetime | None,
    updated: datetime | None,
    author: str | None,
    language: str | None,
    min_chars: int,
) -> FeedItem:
    """Build a FeedItem, dropping "read more" tails and deciding teaser or full text."""
    full = False
    if content:
        full = is_full_text(content, min_chars=min_chars)
        content = _trim_teaser(content)[0] or None
    if summary:
        if not content:
            full = is_full_text(summary, min_chars=min_chars)
        summary = _trim_teaser(summary)[0] or None
    if content and summary and content == summary:
        summary = None if full else summary
        content = content if full else None
    return FeedItem(
        guid=guid,
        link=link,
        title=title,
        summary=summary,
        content=content,
        published=published,
        updated=updated,
        author=author,
        language=language,
        full_text=full,
    )


def _parse_xml_feed(text: str, *, url: str | None, min_chars: int) -> ParsedFeed:
    import feedparser

    text, doctype = _defuse(text)
    # Hand feedparser UTF-8 with a matching declaration: we already decoded with the right charset.
    text = _XML_DECL_ENCODING_TEXT.sub(r"\1\2utf-8\2", text, count=1)
    # No base URL for feedparser: it would also "resolve" relative GUIDs, which must stay as the feed wrote them.
    headers = {"content-type": "application/xml; charset=utf-8"}
    # A stream, never a str: feedparser.parse fetches a str that looks like a URL or opens it as a file name.
    result = feedparser.parse(
        io.BytesIO(text.encode("utf-8")), response_headers=headers, resolve_relative_uris=False, sanitize_html=False
    )
    feed = result.get("feed", {})
    entries = result.get("entries", [])
    version = result.get("version") or ""
    if not entries and not feed.get("title") and not feed.get("link"):
        if result.get("bozo") and re.search(r"<(?:rss|feed|rdf:rdf|channel|item|entry)\b", text[:8192], re.I):
            raise MalformedFeedError(f"the feed XML is broken beyond repair: {result.get('bozo_exception')}")
        if not version:
            raise NotAFeedError("the document is not an RSS, Atom or JSON feed")
    if "netscape" in doctype.lower():
        version = "rss091n"
    feed_language = _language(feed.get("language")) or _language((feed.get("title_detail") or {}).get("language"))
    base = url or _http_url(feed.get("link"))
    feed_link = _http_url(feed.get("link"), url)
    items = []
    for entry in entries:
        language = _language((entry.get("title_detail") or {}).get("language")) or feed_language
        contents = [c for c in entry.get("content") or [] if isinstance(c.get("value"), str) and c["value"].strip()]
        content_html = max(contents, key=lambda c: len(c["value"]), default=None)
        link = _http_url(entry.get("link"), base)
        if link is None:
            link = next(
                (_http_url(l.get("href"), base) for l in entry.get("links") or [] if l.get("rel") == "alternate"),
                None,
            )
        author = (entry.get("author_detail") or {}).get("name") or entry.get("author")
        # Plain dict access: FeedParserDict.get("updated_parsed") falls back to the published date with a warning.
        updated = dict.get(entry, "updated_parsed")
        items.append(
            _make_item(
                guid=_text_or_none(entry.get("id")),
                link=link,
                title=_detail_text(entry.get("title"), entry.get("title_detail"), language),
                summary=_detail_text(entry.get("summary"), entry.get("summary_detail"), language),
                content=_detail_text(content_html["value"], content_html, language) if content_html else None,
                published=_struct_time_utc(entry.get("published_parsed") or entry.get("created_parsed"))
                or _struct_time_utc(updated),
                updated=_struct_time_utc(updated),
                author=_text_or_none(author),
                language=language,
                min_chars=min_chars,
            )
        )
    return ParsedFeed(
        format=version or "unknown",
        title=_detail_text(feed.get("title"), feed.get("title_detail"), feed_language),
        link=feed_link,
        description=_detail_text(feed.get("subtitle"), feed.get("subtitle_detail"), feed_language),
        language=feed_language,
        ttl=_ttl_minutes(feed),
        items=tuple(items),
        malformed=bool(result.get("bozo")),
    )


def _json_author(item: dict[str, Any]) -> str | None:
    authors = item.get("authors")
    if isinstance(authors, list):
        names = [a.get("name") for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
        if names:
            return _text_or_none(", ".join(names))
    author = item.get("author")
    return _text_or_none(author.get("name")) if isinstance(author, dict) else None


def _parse_json_feed(text: str, *, url: str | None, min_chars: int) -> ParsedFeed:
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise MalformedFeedError(f"the JSON feed is not valid JSON: {error}") from None
    version = document.get("version") if isinstance(document, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise NotAFeedError("the JSON document is not a JSON Feed (no jsonfeed.org version)")
    entries = document.get("items")
    if not isinstance(entries, list):
        raise MalformedFeedError("the JSON feed has no items list")
    feed_language = _language(document.get("language"))
    feed_link = _http_url(document.get("home_page_url"), url)
    base = url or feed_link
    feed_author = _json_author(document)
    items = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        language = _language(entry.get("language")) or feed_language
        html = entry.get("content_html")
        content = html_to_text(html, language=language) if isinstance(html, str) else None
        if not content and isinstance(entry.get("content_text"), str):
            content = html_to_text(entry["content_text"].replace("<", "&lt;"), language=language)
        summary = entry.get("summary")
        guid = entry.get("id")
        items.append(
            _make_item(
                guid=str(guid).strip() or None if isinstance(guid, str | int) and not isinstance(guid, bool) else None,
                link=_http_url(entry.get("url"), base) or _http_url(entry.get("external_url"), base),
                title=_text_or_none(entry.get("title")),
                summary=html_to_text(summary.replace("<", "&lt;")) or None if isinstance(summary, str) else None,
                content=content or None,
                published=_parse_datetime(entry.get("date_published")) or _parse_datetime(entry.get("date_modified")),
                updated=_parse_datetime(entry.get("date_modified")),
                author=_json_author(entry) or feed_author,
                language=language,
                min_chars=min_chars,
            )
        )
    return ParsedFeed(
        format="json11" if version.rstrip("/").endswith("1.1") else "json10",
        title=_text_or_none(document.get("title")),
        link=feed_link,
        description=_text_or_none(document.get("description")),
        language=feed_language,
        ttl=None,
        items=tuple(items),
    )


def parse_feed(
    data: bytes, *, url: str | None = None, content_type: str | None = None, min_chars: int = 1000
) -> ParsedFeed:
    """Parse an RSS, Atom or JSON feed; `url` resolves relative links, `content_type` gives the HTTP charset.

    Raises UnsafeXMLError, NotAFeedError or MalformedFeedError (see the module docstring).
    """
    if not data or not data.strip():
        raise NotAFeedError("the document is empty")
    text, encoding = decode_bytes(data, content_type=content_type)
    stripped = text.lstrip("\ufeff \t\r\n")
    mime = (content_type or "").split(";")[0].strip().lower()
    if stripped.startswith(("{", "[")) or mime.endswith("json"):
        feed = _parse_json_feed(stripped, url=url, min_chars=min_chars)
    elif _looks_like_html(stripped):
        raise NotAFeedError("the document is an HTML page, not a feed; look for the feed it links to")
    else:
        feed = _parse_xml_feed(stripped, url=url, min_chars=min_chars)
    logger.debug("parsed %s feed (%s) with %d items from %s", feed.format, encoding, len(feed.items), url)
    return feed


# ---------------------------------------------------------------------------------------------------------------
# Pages

_FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/xml",
        "text/xml",
        "text/rss+xml",
        "text/atom+xml",
    }
)
_COMMENT_FEED = re.compile(r"comments?|коммент|пикир", re.I)
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "report", "webpage"}
)


def _base_url(root: Any, url: str) -> str:
    for base in root.iter("base"):
        resolved = _http_url(base.get("href"), url)
        if resolved:
            return resolved
    return url


def _feed_links(root: Any, base: str) -> list[str]:
    main: list[str] = []
    comments: list[str] = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        mime = (link.get("type") or "").split(";")[0].strip().lower()
        if ("alternate" not in rels and "feed" not in rels) or mime not in _FEED_TYPES:
            continue
        href = _http_url(link.get("href"), base)
        if href is None or href in main or href in comments:
            continue
        is_comments = bool(_COMMENT_FEED.search(link.get("title") or "")) or "/comments/" in href
        (comments if is_comments else main).append(href)
    # Comment feeds come last: an admin adding a site wants its articles.
    return main + comments


def find_feed_links(data: bytes, *, url: str, content_type: str | None = None) -> list[str]:
    """Return the absolute URLs of the feeds an HTML page links with <link rel="alternate">, in page order."""
    text, _ = decode_bytes(data, content_type=content_type)
    root = _html_root(text, document=True)
    if root is None:
        return []
    return _feed_links(root, _base_url(root, url))


def _meta_values(root: Any) -> dict[str, str]:
    """Return the first content of each <meta> by property/name/itemprop/http-equiv, keys lowercased."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attribute) or "").strip().lower()
            if key and key not in values:
                values[key] = content
    return values


def _json_ld_objects(root: Any) -> Iterator[dict[str, Any]]:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            document = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        stack = [document]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(reversed(node))
            elif isinstance(node, dict):
                yield node
                if isinstance(node.get("@graph"), list):
                    stack.extend(reversed(node["@graph"]))


def _json_ld_article(root: Any) -> dict[str, Any]:
    for node in _json_ld_objects(root):
        types = node.get("@type")
        names = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
        if names & _ARTICLE_TYPES and (node.get("headline") or node.get("datePublished")):
            return node
    return {}


def _names(value: Any) -> str | None:
    """Return author names from a JSON-LD author value (string, Person, or a list of them)."""
    values = value if isinstance(value, list) else [value]
    names = []
    for one in values:
        name = one.get("name") if isinstance(one, dict) else one
        if isinstance(name, str) and _clean_inline(name) and not _http_url(name):
            names.append(_clean_inline(name))
    return ", ".join(dict.fromkeys(names)) or None


def _itemprop_date(root: Any) -> str | None:
    for element in root.iterfind(".//*[@itemprop='datePublished']"):
        value = element.get("datetime") or element.get("content") or element.text
        if value and value.strip():
            return value
    for element in root.iterfind(".//article//time[@datetime]"):
        return element.get("datetime")
    return None


def _prepare_tree(root: Any) -> None:
    """Reshape a page so the extractor keeps captions and finds bodies laid out in tables."""
    for element in list(root.iter("noscript", "template")):
        element.drop_tree()
    # Old CMSes lay the whole page out in a table; the extractor then takes menu and body as one table.
    for table in list(root.iter("table")):
        if any(table.find(f".//{tag}") is not None for tag in ("p", "h1", "h2", "article")):
            for element in [table, *table.iter("thead", "tbody", "tfoot", "tr", "td", "th")]:
                element.tag = "div"
    for caption in list(root.iter("figcaption")):
        caption.tag = "p"
        caption.set("data-kabarchy-caption", "1")
    for figure in list(root.iter("figure")):
        figure.tag = "div"


def _page_blocks(body: Any, language: str | None) -> list[tuple[str, str]]:
    """Return the blocks of trafilatura's output, captions restored from their marker attribute."""
    blocks = []
    caption_texts = {
        _clean_inline("".join(el.itertext())) for el in body.iter("p") if el.get("data-kabarchy-caption")
    }
    for kind, text in _walk_blocks(body, language, extracted=True):
        if kind == "body" and text in caption_texts and not _CAPTION_MARKER.search(text):
            kind, text = "caption", _caption_prefix(text, language) + text
        blocks.append((kind, text))
    return blocks


_MIN_BODY_CHARS = 100  # shorter "bodies" are a "please enable JavaScript" or a cookie notice, not an article


def _site_name(extracted: Any, url: str) -> str | None:
    """Return the extractor's site name unless it is only the host name guessed from the URL."""
    name = _text_or_none(extracted)
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return None if name is None or name.lower().removeprefix("www.") == host else name


def extract_page(
    data: bytes, *, url: str, content_type: str | None = None, now: datetime | None = None
) -> Page:
    """Extract an article page's body (plain text) and metadata; `now` bounds plausible dates (default: none).

    Raises ExtractionError when no article body is found.
    """
    import trafilatura

    text, encoding = decode_bytes(data, content_type=content_type)
    if "\x00" in text[:1024] or text.lstrip().startswith("%PDF"):
        raise ExtractionError("the document is binary, not an HTML page")
    root = _html_root(text, document=True)
    if root is None:
        raise ExtractionError("the page is empty")
    base = _base_url(root, url)
    meta = _meta_values(root)
    article = _json_ld_article(root)
    language = (
        _language(root.get("lang"))
        or _language(root.get("{http://www.w3.org/XML/1998/namespace}lang"))
        or _language(meta.get("content-language"))
        or _language(meta.get("og:locale"))
        or _language(article.get("inLanguage"))
    )
    canonical = next(
        (
            href
            for link in root.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
            and (href := _http_url(link.get("href"), base))
        ),
        None,
    ) or _http_url(meta.get("og:url"), base)
    feed_links = tuple(_feed_links(root, base))
    published = (
        _parse_datetime(meta.get("article:published_time"))
        or _parse_datetime(article.get("datePublished"))
        or _parse_datetime(_itemprop_date(root))
        or _parse_datetime(meta.get("pubdate") or meta.get("date") or meta.get("dc.date.issued"))
    )
    title_tag = next((el.text_content() for el in root.iter("title")), None)
    _prepare_tree(root)
    max_date = (now or datetime(2999, 12, 31, tzinfo=UTC)).strftime("%Y-%m-%d")
    try:
        document = trafilatura.bare_extraction(
            root,
            url=url,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=True,
            with_metadata=True,
            date_extraction_params={"original_date": True, "extensive_search": False, "max_date": max_date},
        )
    except Exception as error:  # trafilatura wraps lxml and several fallbacks; any failure means "no body"
        logger.warning("trafilatura failed on %s: %s", url, error)
        document = None
    body = getattr(document, "body", None)
    blocks = _page_blocks(body, language) if body is not None else []
    title = (
        _text_or_none(meta.get("og:title"))
        or _text_or_none(article.get("headline"))
        or _text_or_none(getattr(document, "title", None))
        or _text_or_none(title_tag)
    )
    # The headline is the title, not the body's first paragraph.
    if title:
        blocks = [
            block for index, block in enumerate(blocks) if index > 2 or block[1].casefold() != title.casefold()
        ]
    body_text = "\n\n".join(text for _, text in blocks)
    if len(body_text) < _MIN_BODY_CHARS:
        raise ExtractionError(f"no article body found on {url}")
    if published is None:
        published = _parse_datetime(getattr(document, "date", None))
    author = (
        _text_or_none(meta.get("author"))
        or _names(article.get("author"))
        or (None if _http_url(meta.get("article:author")) else _text_or_none(meta.get("article:author")))
        or _text_or_none(getattr(document, "author", None))
    )
    logger.debug("extracted %d characters (%s) from %s", len(body_text), encoding, url)
    return Page(
        url=url,
        canonical_url=canonical,
        title=title,
        text=body_text,
        author=author,
        published=published,
        language=language,
        description=_text_or_none(meta.get("og:description") or meta.get("description")),
        site_name=_text_or_none(meta.get("og:site_name")) or _site_name(getattr(document, "sitename", None), url),
        image=_http_url(meta.get("og:image"), base),
        feed_links=feed_links,
    )


# ---------------------------------------------------------------------------------------------------------------
# To the text engine


def draft_from_item(
    item: FeedItem, *, page: Page | None = None, feed: ParsedFeed | None = None, feed_id: int | None = None
) -> ArticleDraft:
    """Combine a feed item with its extracted page (if any) into an article draft; nothing from the feed is lost.

    The page's text wins when it is longer than the feed's; the feed's guid, title and date win over the page's,
    the page's canonical URL over the item link. `extra["text_source"]` says which text was kept.
    """
    use_page = page is not None and len(page.text) > len(item.text)
    text = page.text if use_page and page is not None else item.text
    return ArticleDraft(
        text=text,
        title=item.title or (page.title if page else None),
        url=(page.canonical_url if page else None) or item.link or (page.url if page else None),
        guid=item.guid,
        source=(feed.title if feed else None) or (page.site_name if page else None),
        published=item.published or (page.published if page else None),
        author=item.author or (page.author if page else None),
        language=(page.language if page else None) or item.language or (feed.language if feed else None),
        feed_id=feed_id,
        extra={"text_source": "page" if use_page else "feed"},
    )


def draft_from_page(page: Page) -> ArticleDraft:
    """Return an article draft from a page alone (an admin's /add URL)."""
    return ArticleDraft(
        text=page.text,
        title=page.title,
        url=page.canonical_url or page.url,
        source=page.site_name,
        published=page.published,
        author=page.author,
        language=page.language,
        extra={"text_source": "page"},
    )

