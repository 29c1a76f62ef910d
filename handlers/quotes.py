"""Quotes: /quotes <words or a name> (the latest key quotes without words), its ◀ ▶ pages, and plain text in private."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import filters

from handlers import keyboards, views
from handlers.articles import MAX_QUERY_CHARS, TEXT_TOO_LONG
from handlers.context import BotContext
from handlers.errors import StaleButtonError, UsageError
from handlers.i18n import N_, translator
from handlers.keyboards import QuotePage
from handlers.render import bold, escape, truncate
from handlers.replies import edit, reply

logger = logging.getLogger(__name__)

PAGE_SIZE = 5
TEXT_QUERY_WORDS = 8  # a pasted text longer than a query is searched by its first words
BUTTONS = r"^k1:(?:q|qt):"  # the CallbackQueryHandler pattern of on_quotes_button
# Any other new text in private (bot/app.py registers this after the article-message handler).
# A quote the user shared "via @bot" is not a question to the bot.
PLAIN_TEXT = (
    filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND & ~filters.VIA_BOT
)

TEXT_LATEST_QUOTES = N_("💬 Latest key quotes")
TEXT_QUOTES_TITLE = N_("💬 Quotes: {query}")
TEXT_NO_QUOTES = N_("No quotes match «{query}». Try another word or a name, or /quotes alone for the latest.")
TEXT_NO_QUOTES_AT_ALL = N_("There are no quotes yet.")


async def quotes_page(
    update: Update, context: BotContext, query: str, page: int
) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """Return the chunks and keyboard of one page of quotes ("" = the latest key quotes)."""
    language = await context.language_for(update)
    _ = translator(language).gettext
    offset = page * PAGE_SIZE
    if query:
        result = await context.store.quotes.search(query, limit=PAGE_SIZE, offset=offset)
        heading = bold(_(TEXT_QUOTES_TITLE).format(query=truncate(query, 60)))
    else:
        result = await context.store.quotes.latest_key(limit=PAGE_SIZE, offset=offset)
        heading = bold(_(TEXT_LATEST_QUOTES))
    if not result.items:
        if page > 0:
            raise StaleButtonError()
        text = _(TEXT_NO_QUOTES).format(query=truncate(query, 60)) if query else _(TEXT_NO_QUOTES_AT_ALL)
        return [escape(text)], None
    chunks = views.quotes_message(heading, result, await context.zone_for(update), language)
    markup = keyboards.markup(
        keyboards.pager_row(
            QuotePage(page - 1, query) if page > 0 else None,
            QuotePage(page + 1, query) if result.has_more and page < keyboards.MAX_PAGE else None,
            book=context.query_book,
        )
    )
    return chunks, markup


async def cmd_quotes(update: Update, context: BotContext) -> None:
    """Reply with the quotes matching the words or a speaker's name, five at a time, with ◀ ▶ buttons."""
    query = " ".join(context.args or []).strip()
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(TEXT_TOO_LONG)
    chunks, markup = await quotes_page(update, context, query, 0)
    await reply(update, chunks, markup)


def text_query(text: str) -> str:
    """Return what to search for in a plain message: itself, or the first words of a text too long to be a query."""
    query = text.strip()
    if len(query) <= MAX_QUERY_CHARS:
        return query
    return truncate(" ".join(query.split()[:TEXT_QUERY_WORDS]), MAX_QUERY_CHARS, ellipsis="")


async def search_text_message(update: Update, context: BotContext, text: str) -> None:
    """Reply to a plain message (of any length) with the quotes matching it."""
    chunks, markup = await quotes_page(update, context, text_query(text), 0)
    await reply(update, chunks, markup)


async def on_text(update: Update, context: BotContext) -> None:
    """Treat a plain message in private as a quote search."""
    message = update.effective_message
    if message is None or not message.text:
        return
    await search_text_message(update, context, message.text)


async def on_quotes_button(update: Update, context: BotContext) -> None:
    """Show another page of a quote search in the same message."""
    query = update.callback_query
    if query is None:
        return
    action = keyboards.parse_callback(query.data, book=context.query_book)
    if not isinstance(action, QuotePage):
        raise StaleButtonError()
    chunks, markup = await quotes_page(update, context, action.query, action.page)
    await query.answer()
    await edit(query, chunks, markup)
