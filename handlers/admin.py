"""For the bot's admins: /add <url>, articles sent or forwarded in private, channel posts, /stats.

Anyone else gets a polite refusal and nothing is stored; a long text from anyone else is a search, as a short one
is. A channel's posts are stored only when an admin allowed the channel (handlers/channels.py): anyone can make the
bot an administrator of their own channel. An admin's message that does not look like an article (one line, or no
title line) is stored only after the admin confirms it with a button ("am:ok:<token>"; "am:no:<token>" drops it).

Storing lives in the bot layer (bot/ingest.py: analysis in a worker process, then one transaction); handlers see it
as `IngestService` (handlers/services.py), put in bot_data["ingest"] by post_init, and its expected failures as
handlers.errors.IngestError.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections import OrderedDict
from datetime import datetime

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.constants import ChatAction
from telegram.ext import filters

from handlers import channels, quotes, views
from handlers.access import refuse
from handlers.context import BotContext
from handlers.errors import IngestError, StaleButtonError, UsageError
from handlers.i18n import N_, translator
from handlers.render import bold, escape, truncate
from handlers.replies import reply
from handlers.services import IngestService
from news.models import ArticleDraft, SaveResult, SaveStatus
from storage.channels import channel_origin

logger = logging.getLogger(__name__)

ARTICLE_MIN_CHARS = 280  # a longer message in private is an article (from an admin) rather than a search
FORWARD_MIN_CHARS = 80  # a forwarded message shorter than this is not an article
CHANNEL_MIN_CHARS = 120  # shorter channel posts ("Good morning!") are not stored
TITLE_CHARS = 300
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)
CONFIRM_PREFIX = "am:"
BUTTONS = r"^am:"  # the CallbackQueryHandler pattern of on_article_confirm
_CONFIRM_DATA = re.compile(r"^am:(ok|no):([A-Za-z0-9_-]{8})$")
_PENDING = "admin.pending_articles"  # user_data: token -> ArticleDraft waiting for the admin's yes
MAX_PENDING = 5

TEXT_ADD_USAGE = N_("Send /add followed by the article's link, for example /add https://example.kg/news/123")
TEXT_STORED = N_("✅ Stored as article #{id}.")
TEXT_UPDATED = N_("♻️ Article #{id} was updated.")
TEXT_ALREADY = N_("This article is already stored as #{id}.")
TEXT_NOT_AN_ARTICLE = N_("I could not read an article in this text, so nothing was stored.")
TEXT_TOO_SHORT = N_("That is too short to be an article, so nothing was stored.")
TEXT_NO_INGEST = N_("Adding links is not available right now.")
TEXT_CONFIRM_UNTITLED = N_(
    "This text has no title line, so it may not be an article: an article starts with its title on a line of its "
    "own, then its text. Store it as an article anyway?"
)
TEXT_STORE_ANYWAY = N_("Store it")
TEXT_DONT_STORE = N_("Don't store")
TEXT_NOT_STORED = N_("Nothing was stored.")


class _LongText(filters.MessageFilter):
    """Messages whose text or caption is at least ARTICLE_MIN_CHARS long."""

    def filter(self, message: Message) -> bool:
        return len(message.text or message.caption or "") >= ARTICLE_MIN_CHARS


# A message in private that is an article rather than a search: forwarded, or long. Registered before the
# plain-text search handler (bot/app.py).
ARTICLE_MESSAGE = (
    filters.ChatType.PRIVATE
    & filters.UpdateType.MESSAGE
    & ~filters.COMMAND
    & ~filters.VIA_BOT
    & (filters.TEXT | filters.CAPTION)
    & (filters.FORWARDED | _LongText())
)
CHANNEL_POST = filters.UpdateType.CHANNEL_POSTS & ~filters.COMMAND & (filters.TEXT | filters.CAPTION)


def ingest_service(context: BotContext) -> IngestService:
    """Return the service that stores articles; raise UsageError when this bot runs none."""
    if context.ingest is None:
        raise UsageError(TEXT_NO_INGEST)
    return context.ingest


def draft_from_message(message: Message, *, text: str) -> ArticleDraft:
    """Return an article from a message: the first line is the title; a forward keeps its origin as source and link."""
    title, _, rest = text.strip().partition("\n")
    body = rest.strip()
    if not body:
        title, body = "", text.strip()
    source = url = guid = None
    published: datetime | None = message.date
    origin = message.forward_origin
    if isinstance(origin, MessageOriginChannel):
        source = origin.chat.title
        guid = f"tg:{origin.chat.id}:{origin.message_id}"
        if origin.chat.username:
            url = f"https://t.me/{origin.chat.username}/{origin.message_id}"
    elif isinstance(origin, MessageOriginChat):
        source = origin.sender_chat.title
    elif isinstance(origin, MessageOriginUser):
        source = origin.sender_user.full_name
    elif isinstance(origin, MessageOriginHiddenUser):
        source = origin.sender_user_name
    if origin is not None:
        published = origin.date
    return ArticleDraft(
        text=body, title=truncate(title.strip(), TITLE_CHARS) or None, url=url, guid=guid, source=source,
        published=published,
    )


def looks_like_a_mistake(text: str) -> bool:
    """Tell whether a message is unlike an article: one line only, or a first line too long to be a title."""
    first, _, rest = text.strip().partition("\n")
    return not rest.strip() or len(first.strip()) > TITLE_CHARS


def draft_from_channel_post(message: Message, *, text: str) -> ArticleDraft:
    """Return an article from a channel post: source is the channel, the link is t.me/<channel>/<id> when public."""
    title, _, rest = text.strip().partition("\n")
    body = rest.strip()
    if not body:
        title, body = "", text.strip()
    chat = message.chat
    return ArticleDraft(
        text=body,
        title=truncate(title.strip(), TITLE_CHARS) or None,
        url=f"https://t.me/{chat.username}/{message.message_id}" if chat.username else None,
        guid=f"tg:{chat.id}:{message.message_id}",
        source=chat.title,
        published=message.date,
        origin=channel_origin(chat.id),
    )


async def _answer_saved(update: Update, context: BotContext, result: SaveResult) -> None:
    """Reply with what saving did and the article's card."""
    language = await context.language_for(update)
    _ = translator(language).gettext
    if result.status is SaveStatus.REJECTED:
        await reply(update, [escape(_(TEXT_NOT_AN_ARTICLE))])
        return
    heading = {
        SaveStatus.NEW: TEXT_STORED,
        SaveStatus.UPDATED: TEXT_UPDATED,
        SaveStatus.DUPLICATE: TEXT_ALREADY,
    }[result.status]
    article = await context.store.articles.get(result.article_id)
    if article is None:  # removed in between: say what happened anyway
        await reply(update, [escape(_(heading).format(id=result.article_id))])
        return
    zone = await context.zone_for(update)
    chunks = views.article_message(article, zone, language, quotes=5, heading=bold(_(heading).format(id=article.id)))
    await reply(update, chunks)


async def cmd_add(update: Update, context: BotContext) -> None:
    """Fetch, extract and store the article at a link (admins only); answer with its summary and quotes."""
    if not context.is_admin(update):
        await refuse(update, context)
        return
    args = context.args or []
    if len(args) != 1:
        raise UsageError(TEXT_ADD_USAGE)
    url = args[0].strip("<>")
    if not _URL.match(url):
        raise IngestError("invalid_url")
    service = ingest_service(context)
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    result = await service.ingest_url(url)
    logger.info("/add stored %s as article %s (%s)", url, result.article_id, result.status)
    await _answer_saved(update, context, result)


async def on_article_message(update: Update, context: BotContext) -> None:
    """Store an article an admin sent or forwarded in private (asking first when it looks like a mistake)."""
    message = update.effective_message
    if message is None:
        return
    if not context.is_admin(update):
        if message.text and message.forward_origin is None:
            # Someone pasted a long text: a search, as a short one is, not a refusal of what they never asked.
            await quotes.search_text_message(update, context, message.text)
            return
        await refuse(update, context)
        return
    text = message.text or message.caption or ""
    if len(text.strip()) < FORWARD_MIN_CHARS:
        raise UsageError(TEXT_TOO_SHORT)
    draft = draft_from_message(message, text=text)
    if looks_like_a_mistake(text):
        await _ask_first(update, context, draft)
        return
    result = await ingest_service(context).save(draft)
    logger.info("an admin's message stored as article %s (%s)", result.article_id, result.status)
    await _answer_saved(update, context, result)


async def _ask_first(update: Update, context: BotContext, draft: ArticleDraft) -> None:
    """Keep the draft and ask the admin, with buttons, whether to store it."""
    pending: OrderedDict[str, ArticleDraft] = context.user_data.setdefault(_PENDING, OrderedDict())
    token = secrets.token_urlsafe(6)
    pending[token] = draft
    while len(pending) > MAX_PENDING:
        pending.popitem(last=False)
    _ = translator(await context.language_for(update)).gettext
    keyboard = InlineKeyboardMarkup([[
        InlineKeyboardButton(_(TEXT_STORE_ANYWAY), callback_data=f"{CONFIRM_PREFIX}ok:{token}"),
        InlineKeyboardButton(_(TEXT_DONT_STORE), callback_data=f"{CONFIRM_PREFIX}no:{token}"),
    ]])
    await reply(update, [escape(_(TEXT_CONFIRM_UNTITLED))], keyboard)


async def on_article_confirm(update: Update, context: BotContext) -> None:
    """Store (or drop) the message an admin was asked about."""
    query = update.callback_query
    if query is None:
        return
    if not context.is_admin(update):
        await refuse(update, context)
        return
    match = _CONFIRM_DATA.match(query.data or "")
    pending = context.user_data.get(_PENDING) if context.user_data is not None else None
    draft = pending.pop(match.group(2), None) if match and pending else None
    if match is None or draft is None:
        raise StaleButtonError()  # another button of the same question was pressed, or the bot restarted
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    if match.group(1) == "no":
        _ = translator(await context.language_for(update)).gettext
        await reply(update, [escape(_(TEXT_NOT_STORED))])
        return
    result = await ingest_service(context).save(draft)
    logger.info("an admin's confirmed message stored as article %s (%s)", result.article_id, result.status)
    await _answer_saved(update, context, result)


async def on_channel_post(update: Update, context: BotContext) -> None:
    """Store a post (or an edit of one) from a channel an admin allowed; reply nothing."""
    message = update.effective_message
    if message is None:
        return
    if not await channels.may_publish(update, context, message):
        return
    text = message.text or message.caption or ""
    if len(text.strip()) < CHANNEL_MIN_CHARS:
        logger.debug("a short post in channel %s was not stored", message.chat.id)
        return
    result = await ingest_service(context).save(draft_from_channel_post(message, text=text))
    logger.info("channel %s post %s: article %s (%s)", message.chat.id, message.message_id, result.article_id,
                result.status)


async def cmd_stats(update: Update, context: BotContext) -> None:
    """Reply with what is stored (admins only)."""
    if not context.is_admin(update):
        await refuse(update, context)
        return
    language = await context.language_for(update)
    stats = await context.store.stats()
    await reply(update, views.stats_message(stats, await context.zone_for(update), language))
