"""Admin commands for feeds: /feeds, /addfeed, /removefeed, /pausefeed, /resumefeed, and their buttons.

The poller lives in the bot layer (bot/feeds.py); handlers reach it as `FeedService` (handlers/services.py) and see
its expected failures as `AddFeedError`. Every command and button is for the bot's admins only (DeniedError for
anyone else). Cards are rendered in views.py; buttons are keyboards.py actions: FeedsPage, CheckFeeds, FeedChange
(pause, resume, ask to remove, remove) and KeepFeed.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatAction

from handlers import keyboards, views
from handlers.context import BotContext
from handlers.errors import AddFeedError, DeniedError, NotFoundError, StaleButtonError, UsageError
from handlers.i18n import N_, translator
from handlers.keyboards import CheckFeeds, FeedChange, FeedsPage, KeepFeed
from handlers.render import escape, truncate
from handlers.replies import Page, edit, reply
from handlers.services import FeedService
from news.models import Feed
from storage import Store

logger = logging.getLogger(__name__)

BUTTONS = r"^k1:f[a-z]*(?::|$)"  # the CallbackQueryHandler pattern of on_feeds_button
PAGE_SIZE = 8
MAX_CHOICES = 20  # feeds offered as buttons by /pausefeed, /resumefeed, /removefeed without an argument
MAX_REFERENCE_CHARS = 2000

TEXT_CHECK_NOW = N_("🔄 Check now")
TEXT_CHECKING_ALL = N_("Checking every feed now.")
TEXT_ADD_USAGE = N_(
    "Send the feed's address after the command, for example:\n/addfeed https://example.kg/rss\n"
    "A site's page works too when it links its feed."
)
TEXT_PICK_FEED = N_("Which feed?")
TEXT_NOTHING_TO_PICK = N_("There is no feed to choose from.")
TEXT_NOT_FOUND = N_("There is no feed {reference}. See /feeds.")
TEXT_CONFIRM_REMOVE = N_("Remove feed #{id} {title}? Its articles stay searchable.")
TEXT_YES_REMOVE = N_("Yes, remove")
TEXT_CANCEL = N_("Cancel")
TEXT_CANCELLED = N_("Nothing was changed.")
TEXT_REMOVED = N_("Feed #{id} {title} was removed. Its articles stay searchable.")
TEXT_PAUSED = N_("⏸ Feed #{id} {title} is paused. /resumefeed {id} polls it again.")
TEXT_ALREADY_PAUSED = N_("Feed #{id} {title} is already paused.")
TEXT_RESUMED = N_("▶️ Feed #{id} {title} is polled again; checking it now.")
TEXT_NOT_PAUSED = N_("Feed #{id} {title} is not paused.")
TEXT_HELP = N_(
    "Feeds (admins):\n"
    "/feeds — every feed's status, last success and last error\n"
    "/addfeed address — follow a feed (or the feed a site's page links)\n"
    "/pausefeed, /resumefeed, /removefeed — with a feed's number, or choose from buttons"
)

ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("feeds", N_("Feeds and their status (admins)")),
    ("addfeed", N_("Follow a feed by its address (admins)")),
    ("pausefeed", N_("Pause a feed (admins)")),
    ("resumefeed", N_("Resume a paused feed (admins)")),
    ("removefeed", N_("Stop following a feed (admins)")),
)


def require_admin(update: Update, context: BotContext) -> None:
    """Raise DeniedError unless the update comes from one of the bot's admins."""
    if not context.is_admin(update):
        raise DeniedError()


def feed_service(context: BotContext) -> FeedService:
    """Return the feed poller; raise AddFeedError when this bot runs none."""
    if context.feeds is None:
        raise AddFeedError("unexpected", "no feed poller")
    return context.feeds


def parse_feed_url(args: list[str]) -> str:
    """Return the address in "/addfeed URL"; raise UsageError without one."""
    if len(args) != 1:
        raise UsageError(TEXT_ADD_USAGE)
    return args[0].strip("<>")


async def find_feed(store: Store, reference: str) -> Feed:
    """Return the feed named by "3", "#3" or its address; raise NotFoundError."""
    reference = reference.strip()[:MAX_REFERENCE_CHARS]
    number = reference.removeprefix("#")
    feed = await store.feeds.get(int(number)) if number.isdigit() and len(number) <= 18 else None
    if feed is None and not number.isdigit():
        feed = await store.feeds.by_url(reference)
    if feed is None:
        raise NotFoundError(TEXT_NOT_FOUND, reference=truncate(reference, 100))
    return feed


# --- /feeds -----------------------------------------------------------------------------------------------------


async def feeds_page(update: Update, context: BotContext, page: int) -> Page:
    """Return the chunks and keyboard of one page of /feeds (pages count from 1)."""
    language = await context.language_for(update)
    _ = translator(language).gettext
    feeds = await context.store.feeds.list()
    pages = max(1, (len(feeds) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(max(1, page), pages)
    shown = feeds[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    chunks = views.feeds_message(
        shown, await context.store.feeds.article_counts(), total=len(feeds), page=page, pages=pages,
        language=language, zone=context.settings.zone,
    )
    if not feeds:
        return chunks, None
    markup = keyboards.markup(
        keyboards.pager_row(FeedsPage(page - 1) if page > 1 else None, FeedsPage(page + 1) if page < pages else None),
        [keyboards.button(_(TEXT_CHECK_NOW), CheckFeeds())],
    )
    return chunks, markup


async def cmd_feeds(update: Update, context: BotContext) -> None:
    """Reply with every feed's status, last success, last error and article count, a page at a time."""
    require_admin(update, context)
    chunks, markup = await feeds_page(update, context, 1)
    await reply(update, chunks, markup)


# --- /addfeed ---------------------------------------------------------------------------------------------------


async def cmd_addfeed(update: Update, context: BotContext) -> None:
    """Add a feed (or the feed a page links) after fetching it once, and say what was stored."""
    require_admin(update, context)
    url = parse_feed_url(context.args or [])
    service = feed_service(context)
    chat, user = update.effective_chat, update.effective_user
    if chat is not None:
        # Fetching and reading a feed takes seconds: show that the bot is at it.
        await context.bot.send_chat_action(chat.id, ChatAction.TYPING)
    added = await service.add_feed(url, added_by=user.id if user else None)
    logger.info("/addfeed %s: feed %d (%s)", url, added.feed.id, "new" if added.created else "known")
    await reply(update, [views.added_feed_message(added, language=await context.language_for(update))])


# --- /removefeed, /pausefeed, /resumefeed -----------------------------------------------------------------------


async def feed_choice(update: Update, context: BotContext, action: str) -> Page:
    """Return the question "Which feed?" with a button per feed the action applies to."""
    _ = translator(await context.language_for(update)).gettext
    feeds = await context.store.feeds.list()
    if action == "pause":
        feeds = [f for f in feeds if not f.paused]
    elif action == "resume":
        feeds = [f for f in feeds if f.paused]
    if not feeds:
        return [escape(_(TEXT_NOTHING_TO_PICK))], None
    rows = [
        [keyboards.button(f"#{feed.id} {truncate(feed.title or feed.url, 40)}", FeedChange(action, feed.id))]
        for feed in feeds[:MAX_CHOICES]
    ]
    return [escape(_(TEXT_PICK_FEED))], keyboards.markup(*rows)


async def change_feed(update: Update, context: BotContext, feed: Feed, action: str) -> Page:
    """Pause, resume or remove a feed (asking first before removing); return the answer and its buttons."""
    _ = translator(await context.language_for(update)).gettext
    store = context.store
    values = {"id": feed.id, "title": views.feed_name(feed)}
    if action == "remove":
        markup = keyboards.markup([
            keyboards.button(_(TEXT_YES_REMOVE), FeedChange("confirm_remove", feed.id)),
            keyboards.button(_(TEXT_CANCEL), KeepFeed()),
        ])
        return [escape(_(TEXT_CONFIRM_REMOVE).format(**values))], markup
    if action == "confirm_remove":
        await store.feeds.remove(feed.id)
        logger.info("feed %d (%s) removed", feed.id, feed.url)
        return [escape(_(TEXT_REMOVED).format(**values))], None
    if action == "pause":
        if feed.paused:
            return [escape(_(TEXT_ALREADY_PAUSED).format(**values))], None
        await store.feeds.set_paused(feed.id, True)
        return [escape(_(TEXT_PAUSED).format(**values))], None
    if not feed.paused:
        return [escape(_(TEXT_NOT_PAUSED).format(**values))], None
    await store.feeds.set_paused(feed.id, False)
    if context.feeds is not None:
        context.feeds.wake()
    return [escape(_(TEXT_RESUMED).format(**values))], None


async def feed_command(update: Update, context: BotContext, action: str) -> None:
    """Carry out /removefeed, /pausefeed or /resumefeed: on the feed named, or offer the feeds as buttons."""
    require_admin(update, context)
    if context.args:
        feed = await find_feed(context.store, " ".join(context.args))
        chunks, markup = await change_feed(update, context, feed, action)
    else:
        chunks, markup = await feed_choice(update, context, action)
    await reply(update, chunks, markup)


async def cmd_removefeed(update: Update, context: BotContext) -> None:
    """Ask to confirm removing a feed (its articles stay)."""
    await feed_command(update, context, "remove")


async def cmd_pausefeed(update: Update, context: BotContext) -> None:
    """Stop polling a feed for now."""
    await feed_command(update, context, "pause")


async def cmd_resumefeed(update: Update, context: BotContext) -> None:
    """Poll a paused feed again, at once."""
    await feed_command(update, context, "resume")


# --- buttons ----------------------------------------------------------------------------------------------------


async def on_feeds_button(update: Update, context: BotContext) -> None:
    """Carry out a feed button: a page of /feeds, "check now", a feed's pause, resume or removal."""
    query = update.callback_query
    if query is None:
        return
    require_admin(update, context)
    match keyboards.parse_callback(query.data):
        case FeedsPage(page):
            chunks, markup = await feeds_page(update, context, page)
        case CheckFeeds():
            feed_service(context).wake(force=True)
            await query.answer(translator(await context.language_for(update)).gettext(TEXT_CHECKING_ALL))
            return
        case KeepFeed():
            chunks, markup = [escape(translator(await context.language_for(update)).gettext(TEXT_CANCELLED))], None
        case FeedChange(action, feed_id):
            feed = await context.store.feeds.get(feed_id)
            if feed is None:
                raise NotFoundError(TEXT_NOT_FOUND, reference=f"#{feed_id}")
            chunks, markup = await change_feed(update, context, feed, action)
        case _:
            raise StaleButtonError()
    await query.answer()
    await edit(query, chunks, markup)
