"""Inline mode: "@bot words" in any chat offers matching quotes to share (an empty query: the latest key quotes)."""

from __future__ import annotations

import logging
import re

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)

from handlers import views
from handlers.context import BotContext
from handlers.i18n import N_, translator
from handlers.render import bold, italic, link, truncate
from news.models import StoredQuote

logger = logging.getLogger(__name__)

PAGE_SIZE = 10
MAX_OFFSET = 1000
CACHE_SECONDS = 10

TEXT_MORE_QUOTES = N_("💬 More quotes")
TEXT_NO_MATCH = N_("No quotes found. Open Kabarchy")


def parse_offset(offset: str) -> int | None:
    """Return the paging offset Telegram sent back (our own next_offset), or None for a forged one."""
    if not offset:
        return 0
    if not re.fullmatch(r"[0-9]{1,5}", offset):
        return None
    value = int(offset)
    return value if value <= MAX_OFFSET else None


def quote_result(quote: StoredQuote, *, language: str, zone, bot_username: str) -> InlineQueryResultArticle:
    """Return one quote as an inline result: speaker as title, the quote as description, a shareable message."""
    _ = translator(language).gettext
    speaker = views.name_of(quote.speaker) or _(views.TEXT_UNNAMED)
    title = views.title_of(quote.article_title, language)
    meta = [p for p in (views.name_of(quote.source), views.when(quote.published, zone, language)) if p]
    lines = [
        f"<blockquote>{views.quoted(quote.text, quote.language)}</blockquote>",
        f"— {bold(speaker)}",
        link(quote.article_url, truncate(title, 150)) + (f" · {italic(' · '.join(meta))}" if meta else ""),
    ]
    markup = None
    if bot_username:
        deep_link = f"https://t.me/{bot_username}?start=quotes_{quote.article_id}"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton(_(TEXT_MORE_QUOTES), url=deep_link)]])
    return InlineQueryResultArticle(
        id=f"q{quote.id}",
        title=truncate(speaker, 60),
        description=truncate(quote.text, 160) + (f"\n{truncate(title, 80)}" if title else ""),
        input_message_content=InputTextMessageContent("\n".join(lines)),
        reply_markup=markup,
    )


async def on_inline_query(update: Update, context: BotContext) -> None:
    """Answer "@bot words" with matching quotes, ten at a time (Telegram asks again with next_offset)."""
    inline = update.inline_query
    if inline is None:
        return
    offset = parse_offset(inline.offset)
    if offset is None:
        await inline.answer([], cache_time=CACHE_SECONDS, is_personal=True)
        return
    text = inline.query.strip()
    if text:
        page = await context.store.quotes.search(text, limit=PAGE_SIZE, offset=offset)
    else:
        page = await context.store.quotes.latest_key(limit=PAGE_SIZE, offset=offset)
    language = await context.language_for(update)
    username = context.settings.bot_username or context.bot.username or ""
    results = [
        quote_result(q, language=language, zone=context.settings.zone, bot_username=username) for q in page.items
    ]
    more = page.has_more and offset + len(results) <= MAX_OFFSET
    button = None
    if not results and offset == 0:
        button = InlineQueryResultsButton(text=translator(language).gettext(TEXT_NO_MATCH), start_parameter="inline")
    await inline.answer(
        results,
        cache_time=CACHE_SECONDS,
        is_personal=True,
        # None, not "": PTB 22.8's Defaults handling turns an empty string into "[]".
        next_offset=str(offset + len(results)) if more else None,
        button=button,
    )
