"""Read and write OPML subscription lists (OPML 1.0 and 2.0). Pure: bytes in, text out.

    parse_opml(data) -> list[FeedSource]        every outline with an xmlUrl, nested categories flattened
    export_opml(feeds, *, title=..., created=None) -> str     OPML 2.0, UTF-8 text

Parsing goes through defusedxml, so a DTD with entities (XML bomb, external entity) is refused.
Exceptions: OPMLError(ParseError) for anything that is not a readable OPML document (see news.parse).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import urlsplit, urlunsplit

from news.models import FeedSource
from news.parse import ParseError

logger = logging.getLogger(__name__)

__all__ = ["OPMLError", "export_opml", "parse_opml"]


class OPMLError(ParseError):
    """The document is not a readable OPML subscription list."""


def _attribute(element: ElementTree.Element, name: str) -> str | None:
    """Return an attribute by case-insensitive name (exporters write xmlUrl, xmlurl and XMLURL)."""
    wanted = name.lower()
    for key, value in element.attrib.items():
        if key.lower() == wanted and value.strip():
            return value.strip()
    return None


def _feed_url(value: str | None) -> str | None:
    """Return an http(s) feed URL, turning the old feed:// scheme into http://; None for anything else."""
    if not value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme == "feed":
        # Both feed://host/path and feed:https://host/path were in use.
        rest = value[len("feed:") :]
        if not rest.lower().startswith(("http://", "https://")):
            rest = "http:" + rest if rest.startswith("//") else "http://" + rest
        parts = urlsplit(rest)
        scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit(parts)


def parse_opml(data: bytes) -> list[FeedSource]:
    """Return the feeds of an OPML document in document order, without duplicates."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException as error:
        reason = type(error).__name__
        raise OPMLError(f"the OPML declares entities or a DTD we do not read ({reason}); refused") from None
    except ElementTree.ParseError as error:
        raise OPMLError(f"the OPML is not well-formed XML: {error}") from None
    if root.tag.lower() != "opml":
        raise OPMLError(f"not an OPML document (root element <{root.tag}>)")
    body = next((child for child in root if child.tag.lower() == "body"), None)
    if body is None:
        raise OPMLError("the OPML has no <body>")
    feeds: list[FeedSource] = []
    seen: set[str] = set()
    stack: list[tuple[ElementTree.Element, str | None]] = [(child, None) for child in reversed(list(body))]
    while stack:
        element, category = stack.pop()
        if element.tag.lower() != "outline":
            continue
        label = _attribute(element, "title") or _attribute(element, "text")
        raw_url = _attribute(element, "xmlUrl")
        url = _feed_url(raw_url)
        if url is not None and url not in seen:
            seen.add(url)
            feeds.append(
                FeedSource(url=url, title=label, html_url=_feed_url(_attribute(element, "htmlUrl")), category=category)
            )
        elif raw_url and url is None:
            logger.info("skipping OPML outline with an unusable feed URL: %r", raw_url[:200])
        children = list(element)
        if children:
            inner = label if raw_url is None else category
            stack.extend((child, inner) for child in reversed(children))
    return feeds


def export_opml(feeds: Iterable[FeedSource], *, title: str = "Kabarchy feeds", created: datetime | None = None) -> str:
    """Return an OPML 2.0 document listing the feeds, grouped under their categories."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    if created is not None:
        aware = created.tzinfo is not None
        ElementTree.SubElement(head, "dateCreated").text = format_datetime(
            created.astimezone(UTC) if aware else created, usegmt=aware
        )
    body = ElementTree.SubElement(root, "body")
    groups: dict[str, ElementTree.Element] = {}
    for feed in feeds:
        parent = body
        if feed.category:
            parent = groups.get(feed.category) or groups.setdefault(
                feed.category, ElementTree.SubElement(body, "outline", text=feed.category, title=feed.category)
            )
        label = feed.title or feed.url
        attributes = {"type": "rss", "text": label, "title": label, "xmlUrl": feed.url}
        if feed.html_url:
            attributes["htmlUrl"] = feed.html_url
        ElementTree.SubElement(parent, "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
