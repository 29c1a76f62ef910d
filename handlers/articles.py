"""Articles: /latest, /article (and /article_12 links), /search, and their buttons."""

from __future__ import annotations

import logging
import re

from telegram import Message, Update
from telegram.ext import filters

from handlers import keyboards, views
from handlers.context import BotContext
from handlers.errors import NotFoundError, StaleButtonError, UsageError
from handlers.i18n import N_, translator
from handlers.keyboards import ArticleQuotes, LatestPage, OpenArticle, SearchPage
from handlers.render import bold, escape, italic, truncate
from handlers.replies import Page, edit, reply
from news.models import ResultPage

logger = logging.getLogger(__name__)

DEFAULT_LATEST = 5
MAX_LATEST = keyboards.MAX_SIZE
SEARCH_PAGE = 5
QUOTES_PAGE = 5
CARD_QUOTES = 3
MAX_QUERY_CHARS = 200
ARTICLE_LINK = re.compile(r"^/article_([0-9]{1,15})(?:@(\w+))?(?:\s|$)")


class _ArticleLink(filters.MessageFilter):
    """Messages "/article_12", alone or addressed to this bot ("/article_12@this_bot"), as a tapped link sends."""

    def filter(self, message: Message) -> bool:
        match = ARTICLE_LINK.match(message.text or "")
        if match is None:
            return False
        addressed = match.group(2)
        return addressed is None or addressed.lower() == (message.get_bot().username or "").lower()


ARTICLE_LINK_MESSAGE = filters.UpdateType.MESSAGE & _ArticleLink()

TEXT_LATEST_TITLE = N_("📰 Latest news")
TEXT_LATEST_USAGE = N_("Send /latest, or /latest with a number from 1 to {max}, for example /latest 3.")
TEXT_LATEST_CAPPED = N_("I show at most {max} articles at a time.")
TEXT_NO_ARTICLES = N_("There are no articles yet.")
TEXT_ARTICLE_USAGE = N_("Send /article with an article's number, for example /article 12. /latest shows the numbers.")
TEXT_NO_ARTICLE = N_("There is no article #{id}. /latest shows the newest ones.")
TEXT_QUOTES_BUTTON = N_("💬 Quotes ({count})")
TEXT_ARTICLE_BUTTON = N_("📰 Article")
TEXT_ARTICLE_QUOTES_TITLE = N_("💬 Quotes from: {title}")
TEXT_NO_QUOTES_IN_ARTICLE = N_("This article has no quotes.")
TEXT_SEARCH_USAGE = N_("Send /search with a few words, for example /search Бишкек.")
TEXT_SEARCH_TITLE = N_("🔎 Articles: {query}")
TEXT_NOTHING_FOUND = N_("No articles match «{query}». Try other words.")
TEXT_TOO_LONG = N_("That is too long to search for. Use a few words.")


def parse_count(args: list[str]) -> tuple[int, bool]:
    """Return how many articles /latest should show and whether the number asked for was capped."""
    if not args:
        return DEFAULT_LATEST, False
    if len(args) > 1 or not re.fullmatch(r"[0-9]{1,9}", args[0]):
        raise UsageError(TEXT_LATEST_USAGE, max=MAX_LATEST)
    count = int(args[0])
    if count < 1:
        raise UsageError(TEXT_LATEST_USAGE, max=MAX_LATEST)
    return min(count, MAX_LATEST), count > MAX_LATEST


def parse_article_id(args: list[str]) -> int:
    """Return the article number in "/article 12" (or "#12"); raise UsageError for anything else."""
    if len(args) != 1:
        raise UsageError(TEXT_ARTICLE_USAGE)
    text = args[0].removeprefix("#")
    if not re.fullmatch(r"[1-9][0-9]{0,14}", text):
        raise UsageError(TEXT_ARTICLE_USAGE)
    return int(text)


def search_text(args: list[str], *, usage: str) -> str:
    """Return the words of a search command; raise UsageError when there are none or too many."""
    query = " ".join(args).strip()
    if not query:
        raise UsageError(usage)
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(TEXT_TOO_LONG)
    return query


# --- /latest ----------------------------------------------------------------------------------------------------


BUTTONS = r"^k1:(?:a|ae|aq|l|s|st):"  # the CallbackQueryHandler pattern of on_article_button


async def latest_page(
    update: Update, context: BotContext, page: int, size: int, *, note: str | None = None
) -> Page:
    """Return the chunks and keyboard of one page of the latest articles."""
    language = await context.language_for(update)
    _ = translator(language).gettext
    result = await context.store.articles.latest(limit=size, offset=page * size)
    if not result.items:
        if page > 0:
            raise StaleButtonError()
        return [escape(_(TEXT_NO_ARTICLES))], None
    zone = await context.zone_for(update)
    heading = bold(_(TEXT_LATEST_TITLE))
    if note:
        heading += "\n" + italic(note)
    chunks = views.briefs_message(heading, result, zone, language)
    markup = keyboards.markup(
        *keyboards.number_buttons([b.id for b in result.items], first_number=result.offset + 1),
        keyboards.pager_row(
            LatestPage(page - 1, size) if page > 0 else None,
            LatestPage(page + 1, size) if result.has_more and page < keyboards.MAX_PAGE else None,
        ),
    )
    return chunks, markup


async def cmd_latest(update: Update, context: BotContext) -> None:
    """Reply with the newest articles: title, source, time and one sentence each, and buttons to open them."""
    size, capped = parse_count(context.args or [])
    note = None
    if capped:
        note = translator(await context.language_for(update)).gettext(TEXT_LATEST_CAPPED).format(max=MAX_LATEST)
    chunks, markup = await latest_page(update, context, 0, size, note=note)
    await reply(update, chunks, markup)


# --- /article ---------------------------------------------------------------------------------------------------


async def article_card(update: Update, context: BotContext, article_id: int) -> Page:
    """Return the chunks and keyboard of an article card; raise NotFoundError when it is not stored."""
    article = await context.store.articles.get(article_id)
    if article is None:
        raise NotFoundError(TEXT_NO_ARTICLE, id=article_id)
    language = await context.language_for(update)
    _ = translator(language).gettext
    chunks = views.article_message(article, await context.zone_for(update), language, quotes=CARD_QUOTES)
    markup = None
    if article.quotes:
        label = _(TEXT_QUOTES_BUTTON).format(count=len(article.quotes))
        markup = keyboards.markup([keyboards.button(label, ArticleQuotes(article.id, 0))])
    return chunks, markup


async def send_article(update: Update, context: BotContext, article_id: int) -> None:
    """Send an article card as a new message."""
    chunks, markup = await article_card(update, context, article_id)
    await reply(update, chunks, markup)


async def cmd_article(update: Update, context: BotContext) -> None:
    """Reply with one article: linked title, source, date, summary, key quotes and the link."""
    await send_article(update, context, parse_article_id(context.args or []))


async def on_article_link(update: Update, context: BotContext) -> None:
    """Open the article of a tapped "/article_12" link."""
    message = update.effective_message
    match = ARTICLE_LINK.match(message.text or "") if message else None
    if match is None:
        return
    await send_article(update, context, int(match.group(1)))


async def article_quotes(update: Update, context: BotContext, article_id: int, page: int) -> Page:
    """Return the chunks and keyboard of one page of an article's quotes."""
    article = await context.store.articles.get(article_id)
    if article is None:
        raise NotFoundError(TEXT_NO_ARTICLE, id=article_id)
    language = await context.language_for(update)
    _ = translator(language).gettext
    start = page * QUOTES_PAGE
    if page > 0 and start >= len(article.quotes):
        raise StaleButtonError()
    title = truncate(views.title_of(article.title, language), 120)
    heading = bold(_(TEXT_ARTICLE_QUOTES_TITLE).format(title=title))
    result = ResultPage(article.quotes[start : start + QUOTES_PAGE], start, QUOTES_PAGE, len(article.quotes))
    if not result.items:
        chunks = [heading + "\n\n" + escape(_(TEXT_NO_QUOTES_IN_ARTICLE))]
    else:
        chunks = views.quotes_message(heading, result, await context.zone_for(update), language, with_article=False)
    markup = keyboards.markup(
        keyboards.pager_row(
            ArticleQuotes(article_id, page - 1) if page > 0 else None,
            ArticleQuotes(article_id, page + 1) if result.has_more else None,
        ),
        [keyboards.button(_(TEXT_ARTICLE_BUTTON), OpenArticle(article_id, in_place=True))],
    )
    return chunks, markup


async def send_article_quotes(update: Update, context: BotContext, article_id: int) -> None:
    """Send the first page of an article's quotes as a new message (the quotes_<id> deep link)."""
    chunks, markup = await article_quotes(update, context, article_id, 0)
    await reply(update, chunks, markup)


# --- /search ----------------------------------------------------------------------------------------------------


async def search_page(update: Update, context: BotContext, query: str, page: int) -> Page:
    """Return the chunks and keyboard of one page of an article search."""
    language = await context.language_for(update)
    _ = translator(language).gettext
    result = await context.store.articles.search(query, limit=SEARCH_PAGE, offset=page * SEARCH_PAGE)
    if not result.items:
        if page > 0:
            raise StaleButtonError()
        return [escape(_(TEXT_NOTHING_FOUND).format(query=truncate(query, 60)))], None
    heading = bold(_(TEXT_SEARCH_TITLE).format(query=truncate(query, 60)))
    chunks = views.briefs_message(heading, result, await context.zone_for(update), language)
    book = context.query_book
    markup = keyboards.markup(
        *keyboards.number_buttons([b.id for b in result.items], first_number=result.offset + 1),
        keyboards.pager_row(
            SearchPage(page - 1, query) if page > 0 else None,
            SearchPage(page + 1, query) if result.has_more and page < keyboards.MAX_PAGE else None,
            book=book,
        ),
    )
    return chunks, markup


async def cmd_search(update: Update, context: BotContext) -> None:
    """Reply with the articles matching the words, five at a time, with ◀ ▶ buttons."""
    query = search_text(context.args or [], usage=TEXT_SEARCH_USAGE)
    chunks, markup = await search_page(update, context, query, 0)
    await reply(update, chunks, markup)


# --- buttons ----------------------------------------------------------------------------------------------------


async def on_article_button(update: Update, context: BotContext) -> None:
    """Carry out an article button: open a card, page through its quotes, the latest articles or a search."""
    query = update.callback_query
    if query is None:
        return
    action = keyboards.parse_callback(query.data, book=context.query_book)
    match action:
        case OpenArticle(article_id, in_place):
            chunks, markup = await article_card(update, context, article_id)
            await query.answer()
            if in_place:
                await edit(query, chunks, markup)
            else:
                await reply(update, chunks, markup)
        case ArticleQuotes(article_id, page):
            chunks, markup = await article_quotes(update, context, article_id, page)
            await query.answer()
            await edit(query, chunks, markup)
        case LatestPage(page, size):
            chunks, markup = await latest_page(update, context, page, size)
            await query.answer()
            await edit(query, chunks, markup)
        case SearchPage(page, text):
            chunks, markup = await search_page(update, context, text, page)
            await query.answer()
            await edit(query, chunks, markup)
        case _:
            raise StaleButtonError()
