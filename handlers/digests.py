"""Digests in a chat: compose one from the store, render it as HTML messages under 4096 characters, page it.

The scheduled sender (bot/digests.py, bot/delivery.py) and the `/digest` command render the same way. A digest
covers the articles in (from, upto] after a subscriber's filters; the "more" button (keyboards.DigestMore) carries
that range and the next offset, so any later page shows the same digest, whoever presses it and whenever.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from telegram import InlineKeyboardMarkup

from handlers import keyboards
from handlers.i18n import N_, translator
from handlers.keyboards import DigestMore
from handlers.render import blockquote, escape, italic, join_blocks, link, truncate
from news.digest import DEFAULT_PAGE_SIZE, compose_digest
from news.models import Digest, DigestArticle, Subscriber
from storage import Store

logger = logging.getLogger(__name__)

# A digest considers at most this many of the newest articles after the watermark.
MAX_CANDIDATES = keyboards.MAX_DIGEST_OFFSET
_QUOTE_MARKS = {"en": ("“", "”")}
# news.digest cuts titles, sentences and quotes; names come as stored, so they are cut here.
NAME_CHARS = 100
_DEFAULT_MARKS = ("«", "»")

TEXT_HEADING = N_("News digest")
TEXT_PAGE = N_("Articles {first}–{last} of {total}")
TEXT_MORE = N_("More ▶")


@dataclass(frozen=True, slots=True)
class DigestMessage:
    """One message of a rendered digest: HTML text and, on the last one, the "more" button."""

    text: str
    reply_markup: InlineKeyboardMarkup | None = None


def render_entry(number: int, entry_title: str, *, url: str | None, source: str | None, sentences: tuple[str, ...],
                 quote: str | None, speaker: str | None, language: str) -> str:
    """Render one article of a digest: numbered linked title, source, summary sentences, key quote."""
    lines = [f"<b>{number}. {link(url, truncate(entry_title, 300))}</b>"]
    if source:
        lines.append(italic(truncate(" ".join(source.split()), NAME_CHARS)))
    if sentences:
        lines.append(escape(" ".join(sentences)))
    if quote:
        opening, closing = _QUOTE_MARKS.get(language, _DEFAULT_MARKS)
        said = f"{opening}{truncate(quote, 600)}{closing}" + (f" — {truncate(speaker, NAME_CHARS)}" if speaker else "")
        lines.append(blockquote(said))
    return "\n".join(lines)


def render_digest(
    digest: Digest,
    *,
    language: str,
    day: date | None = None,
    from_id: int = 0,
    upto_id: int = 0,
) -> list[DigestMessage]:
    """Render one page of a digest as messages that each fit Telegram's limit; the last carries "more"."""
    _ = translator(language).gettext
    heading = f"📰 <b>{escape(_(TEXT_HEADING))}</b>"
    if day is not None:
        heading += f" · {day.strftime('%d.%m.%Y')}"
    blocks = [heading]
    for number, entry in enumerate(digest.entries, start=digest.offset + 1):
        blocks.append(
            render_entry(
                number, entry.title, url=entry.url, source=entry.source, sentences=entry.sentences,
                quote=entry.quote, speaker=entry.speaker, language=entry.language,
            )
        )
    markup = None
    if digest.has_more or digest.offset:
        first, last = digest.offset + 1, digest.offset + len(digest.entries)
        blocks.append(italic(_(TEXT_PAGE).format(first=first, last=last, total=digest.total)))
    if digest.has_more:
        following = DigestMore(from_id, upto_id, digest.offset + len(digest.entries))
        markup = keyboards.markup([keyboards.button(_(TEXT_MORE), following)])
    texts = join_blocks(blocks)
    return [DigestMessage(text, markup if i == len(texts) - 1 else None) for i, text in enumerate(texts)]


def filters_of(subscriber: Subscriber | None) -> dict[str, tuple[str, ...]]:
    """Return a subscriber's digest filters as keyword arguments of `compose_digest` (none: every article)."""
    if subscriber is None:
        return {"languages": (), "include": (), "exclude": ()}
    return {"languages": subscriber.languages, "include": subscriber.include, "exclude": subscriber.exclude}


def compose_for(
    articles: list[DigestArticle],
    subscriber: Subscriber | None,
    *,
    from_id: int,
    offset: int = 0,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Digest | None:
    """Compose a subscriber's digest page from candidates (newest first) of a wider range: only those after from_id."""
    mine = [a for a in articles if a.id > from_id]
    return compose_digest(mine, offset=offset, page_size=page_size, **filters_of(subscriber))


async def load_digest(
    store: Store,
    subscriber: Subscriber | None,
    *,
    from_id: int,
    upto_id: int,
    offset: int = 0,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Digest | None:
    """Compose a digest page of the articles in (from_id, upto_id] from the store; None when nothing passes."""
    articles = await store.articles.for_digest(after_id=from_id, upto_id=upto_id, limit=MAX_CANDIDATES)
    return compose_for(articles, subscriber, from_id=from_id, offset=offset, page_size=page_size)
