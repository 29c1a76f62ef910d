"""For the bot's admins: /add <url>, articles sent or forwarded in private, channel posts, /stats.

Anyone else gets a polite refusal and nothing is stored. Channel posts need no admin: Telegram only sends them to
a bot that is an administrator of the channel, which is the channel owner's decision.

The URL ingestion itself lives in the bot layer (bot/ingest.py); handlers see it as `IngestService`, put in
bot_data["ingest"] by post_init, and its expected failures as handlers.errors.IngestError.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Protocol

from telegram import (
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.constants import ChatAction
from telegram.ext import filters

from handlers import views
from handlers.access import refuse
from handlers.context import BotContext
from handlers.errors import IngestError, UsageError
from handlers.i18n import N_, translator
from handlers.render import bold, escape, truncate
from handlers.replies import reply
from news.models import ArticleDraft, SaveResult, SaveStatus

logger = logging.getLogger(__name__)

ARTICLE_MIN_CHARS = 280  # a longer message in private is an article (from an admin) rather than a search
FORWARD_MIN_CHARS = 80  # a forwarded message shorter than this is not an article
CHANNEL_MIN_CHARS = 120  # shorter channel posts ("Good morning!") are not stored
TITLE_CHARS = 300
_URL = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)

TEXT_ADD_USAGE = N_("Send /add followed by the article's link, for example /add https://example.kg/news/123")
TEXT_STORED = N_("✅ Stored as article #{id}.")
TEXT_UPDATED = N_("♻️ Article #{id} was updated.")
TEXT_ALREADY = N_("This article is already stored as #{id}.")
TEXT_NOT_AN_ARTICLE = N_("I could not read an article in this text, so nothing was stored.")
TEXT_TOO_SHORT = N_("That is too short to be an article, so nothing was stored.")
TEXT_NO_INGEST = N_("Adding links is not available right now.")


class IngestService(Protocol):
    """What /add needs from the bot layer: fetch a page, extract the article, store it."""

    async def ingest_url(self, url: str) -> SaveResult:
        """Store the article at `url`; raise handlers.errors.IngestError for expected failures."""
        ...


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
    service = context.ingest
    if service is None:
        raise UsageError(TEXT_NO_INGEST)
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    result = await service.ingest_url(url)
    logger.info("/add stored %s as article %s (%s)", url, result.article_id, result.status)
    await _answer_saved(update, context, result)


async def on_article_message(update: Update, context: BotContext) -> None:
    """Store an article an admin sent or forwarded in private; refuse anyone else politely."""
    message = update.effective_message
    if message is None:
        return
    if not context.is_admin(update):
        await refuse(update, context)
        return
    text = message.text or message.caption or ""
    if len(text.strip()) < FORWARD_MIN_CHARS:
        raise UsageError(TEXT_TOO_SHORT)
    result = await context.store.articles.save(draft_from_message(message, text=text))
    logger.info("an admin's message stored as article %s (%s)", result.article_id, result.status)
    await _answer_saved(update, context, result)


async def on_channel_post(update: Update, context: BotContext) -> None:
    """Store a post (or an edit of one) from a channel where the bot is an administrator; reply nothing."""
    message = update.effective_message
    if message is None:
        return
    text = message.text or message.caption or ""
    if len(text.strip()) < CHANNEL_MIN_CHARS:
        logger.debug("a short post in channel %s was not stored", message.chat.id)
        return
    result = await context.store.articles.save(draft_from_channel_post(message, text=text))
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
