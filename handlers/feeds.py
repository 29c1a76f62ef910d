"""Admin commands for feeds: /feeds, /addfeed, /removefeed, /pausefeed, /resumefeed, and the feed alerts' texts.

The poller lives in the bot layer (bot/feeds.py); handlers reach it through the `FeedService` protocol (put in
bot_data in post_init) and see its expected failures as `AddFeedError`. Every command is for admins only; others
get the same polite refusal as every admin command.

Buttons (callback data under "fd:"): /feeds pages ("fd:p:N") and "check now" ("fd:poll"); /removefeed asks before
removing ("fd:rm:ID" -> "fd:rmok:ID" or "fd:x"); /pausefeed and /resumefeed without an argument offer the feeds as
buttons ("fd:pause:ID", "fd:resume:ID").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Protocol

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from handlers.access import refuse
from handlers.context import BotContext
from handlers.i18n import N_, translator
from handlers.render import bold, escape, italic, join_blocks, link, truncate
from news.models import Feed
from storage import Store

logger = logging.getLogger(__name__)

CALLBACK_PREFIX = "fd:"
BUTTONS = r"^fd:"  # the CallbackQueryHandler pattern of on_feeds_button
PAGE_SIZE = 8
MAX_CHOICES = 20  # feeds offered as buttons by /pausefeed, /resumefeed, /removefeed without an argument
ERROR_CHARS = 200
TITLE_CHARS = 80


class AddFeedError(Exception):
    """A feed could not be added, for a reason the admin can act on.

    `reason` is one of "invalid_url", "private", "unreachable", "no_feed", "unsafe", "broken"; `detail` is the
    technical cause (for "private", the refused host).
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class AddedFeed:
    """What adding a feed did: the feed, whether it is new, its items and how many were stored (as backlog)."""

    feed: Feed
    created: bool
    items: int = 0
    stored: int = 0
    discovered_from: str | None = None  # the HTML page whose <link rel="alternate"> named the feed


class FeedService(Protocol):
    """What the feed commands need from the bot's feed poller."""

    async def add_feed(self, url: str, *, added_by: int | None = None) -> AddedFeed:
        """Validate (fetch once), add and ingest a feed; raise AddFeedError."""
        ...

    def wake(self, *, force: bool = False) -> None:
        """Look for due feeds now; `force` polls every unpaused feed."""
        ...


# --- texts ------------------------------------------------------------------------------------------------------

TEXT_NO_FEEDS = N_("No feeds yet. Add one with /addfeed followed by its address.")
TEXT_FEEDS_HEADING = N_("Feeds: {count}")
TEXT_PAGE = N_("Page {page} of {pages}")
TEXT_STATUS_OK = N_("working")
TEXT_STATUS_FAILING = N_("failing: {count} times in a row")
TEXT_STATUS_PAUSED = N_("paused")
TEXT_STATUS_NEW = N_("not checked yet")
TEXT_LAST_SUCCESS = N_("Last success: {when}")
TEXT_NEVER = N_("never")
TEXT_LAST_ERROR = N_("Last error ({when}): {error}")
TEXT_ARTICLES = N_("Articles: {count}")
TEXT_CHECK_NOW = N_("🔄 Check now")
TEXT_CHECKING_ALL = N_("Checking every feed now.")
TEXT_ADD_USAGE = N_(
    "Send the feed's address after the command, for example:\n/addfeed https://example.kg/rss\n"
    "A site's page works too when it links its feed."
)
TEXT_CHECKING = N_("⏳ Checking {url}…")
TEXT_ADDED = N_("✅ Feed added: {title}")
TEXT_ADDED_ITEMS = N_(
    "Items in the feed: {items}. Stored as old news: {stored} (searchable, not sent to subscribers as new)."
)
TEXT_DISCOVERED = N_("The feed was found on the page {page}.")
TEXT_ALREADY = N_("This feed is already followed: #{id} {title}")
TEXT_ERROR_INVALID_URL = N_("That is not a web address. Send a link that starts with http:// or https://.")
TEXT_ERROR_UNREACHABLE = N_("Could not fetch that address: {detail}")
TEXT_ERROR_PRIVATE = N_("Refused: {detail} is a private or local network address, and I only fetch public web pages.")
TEXT_ERROR_NO_FEED = N_("This page is not a feed, and it links no feed I could read.")
TEXT_ERROR_UNSAFE = N_("Refused: this document declares XML entities (an XML bomb or an external entity).")
TEXT_ERROR_BROKEN = N_("This is not a readable feed: {detail}")
TEXT_ERROR_UNEXPECTED = N_("Something went wrong while adding the feed. Please try again later.")
TEXT_FEED_USAGE = N_("Which feed? Give its number or address, for example: {command} 3. Numbers are in /feeds.")
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
TEXT_ALERT_FAILING = N_(
    "⚠️ Feed #{id} {title} has failed {count} times in a row.\nLast error: {error}\n"
    "I keep trying, less often; /feeds shows its status."
)
TEXT_ALERT_RECOVERED = N_("✅ Feed #{id} {title} works again.")
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

_ADD_ERRORS = {
    "invalid_url": TEXT_ERROR_INVALID_URL,
    "unreachable": TEXT_ERROR_UNREACHABLE,
    "private": TEXT_ERROR_PRIVATE,
    "no_feed": TEXT_ERROR_NO_FEED,
    "unsafe": TEXT_ERROR_UNSAFE,
    "broken": TEXT_ERROR_BROKEN,
}


# --- rendering --------------------------------------------------------------------------------------------------


def feed_name(feed: Feed) -> str:
    """Return a feed's title, or its address when it has none yet (plain text)."""
    return truncate(feed.title or feed.url, TITLE_CHARS)


def _when(moment: datetime | None, zone: tzinfo | None, _: object) -> str:
    if moment is None:
        return _(TEXT_NEVER)  # type: ignore[operator]
    return moment.astimezone(zone or UTC).strftime("%d.%m.%Y %H:%M")


def render_feed(feed: Feed, *, articles: int, language: str, zone: tzinfo | None = None) -> str:
    """Render one feed of /feeds: number, status, title (linked), last success, last error, article count."""
    _ = translator(language).gettext
    if feed.paused:
        icon, status = "⏸", _(TEXT_STATUS_PAUSED)
    elif feed.consecutive_failures:
        icon, status = "⚠️", _(TEXT_STATUS_FAILING).format(count=feed.consecutive_failures)
    elif feed.last_success_at is None:
        icon, status = "🆕", _(TEXT_STATUS_NEW)
    else:
        icon, status = "✅", _(TEXT_STATUS_OK)
    lines = [
        f"{icon} <b>#{feed.id}</b> {link(feed.url, feed_name(feed))}",
        italic(status),
        escape(_(TEXT_LAST_SUCCESS).format(when=_when(feed.last_success_at, zone, _))),
    ]
    if feed.last_error and feed.consecutive_failures:
        error = truncate(feed.last_error, ERROR_CHARS)
        lines.append(escape(_(TEXT_LAST_ERROR).format(when=_when(feed.last_error_at, zone, _), error=error)))
    lines.append(escape(_(TEXT_ARTICLES).format(count=articles)))
    return "\n".join(lines)


def feeds_keyboard(page: int, pages: int, *, language: str) -> InlineKeyboardMarkup:
    """Return /feeds' buttons: previous and next page when there are several, and "check now"."""
    _ = translator(language).gettext
    rows = []
    if pages > 1:
        nav = []
        if page > 1:
            nav.append(InlineKeyboardButton("◀", callback_data=f"{CALLBACK_PREFIX}p:{page - 1}"))
        if page < pages:
            nav.append(InlineKeyboardButton("▶", callback_data=f"{CALLBACK_PREFIX}p:{page + 1}"))
        rows.append(nav)
    rows.append([InlineKeyboardButton(_(TEXT_CHECK_NOW), callback_data=f"{CALLBACK_PREFIX}poll")])
    return InlineKeyboardMarkup(rows)


def render_feed_list(
    feeds: list[Feed], counts: dict[int, int], *, page: int = 1, language: str, zone: tzinfo | None = None
) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """Render one page of /feeds as messages under Telegram's limit, and the buttons for the last one."""
    _ = translator(language).gettext
    if not feeds:
        return [escape(_(TEXT_NO_FEEDS))], None
    pages = (len(feeds) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(1, page), pages)
    shown = feeds[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    blocks = [bold(_(TEXT_FEEDS_HEADING).format(count=len(feeds)))]
    blocks += [render_feed(f, articles=counts.get(f.id, 0), language=language, zone=zone) for f in shown]
    if pages > 1:
        blocks.append(italic(_(TEXT_PAGE).format(page=page, pages=pages)))
    return join_blocks(blocks), feeds_keyboard(page, pages, language=language)


def render_added(added: AddedFeed, *, language: str) -> str:
    """Render the answer to /addfeed."""
    _ = translator(language).gettext
    feed = added.feed
    if not added.created:
        return escape(_(TEXT_ALREADY).format(id=feed.id, title=feed_name(feed)))
    lines = [escape(_(TEXT_ADDED).format(title=feed_name(feed))), f"#{feed.id} {link(feed.url, feed.url)}"]
    if added.discovered_from:
        lines.append(escape(_(TEXT_DISCOVERED).format(page=added.discovered_from)))
    lines.append(escape(_(TEXT_ADDED_ITEMS).format(items=added.items, stored=added.stored)))
    return "\n".join(lines)


def render_add_error(error: AddFeedError, *, language: str) -> str:
    """Render why a feed could not be added."""
    _ = translator(language).gettext
    text = _ADD_ERRORS.get(error.reason, TEXT_ERROR_UNEXPECTED)
    return escape(_(text).format(detail=truncate(error.detail, ERROR_CHARS)))


def render_feed_alert(feed: Feed, *, recovered: bool, language: str) -> str:
    """Render the message admins get when a feed keeps failing, or works again."""
    _ = translator(language).gettext
    if recovered:
        return escape(_(TEXT_ALERT_RECOVERED).format(id=feed.id, title=feed_name(feed)))
    return escape(
        _(TEXT_ALERT_FAILING).format(
            id=feed.id,
            title=feed_name(feed),
            count=feed.consecutive_failures,
            error=truncate(feed.last_error or "?", ERROR_CHARS),
        )
    )


def choice_keyboard(feeds: list[Feed], action: str) -> InlineKeyboardMarkup:
    """Return one button per feed ("#3 Title") whose data is "fd:<action>:<id>"."""
    rows = []
    for feed in feeds[:MAX_CHOICES]:
        label = f"#{feed.id} {truncate(feed.title or feed.url, 40)}"
        rows.append([InlineKeyboardButton(label, callback_data=f"{CALLBACK_PREFIX}{action}:{feed.id}")])
    return InlineKeyboardMarkup(rows)


def parse_callback(data: str | None) -> tuple[str, int] | None:
    """Read "fd:<action>[:<number>]"; None for anything else (a forged or stale payload)."""
    if not data or not data.startswith(CALLBACK_PREFIX):
        return None
    action, _, number = data[len(CALLBACK_PREFIX) :].partition(":")
    if action not in {"p", "poll", "rm", "rmok", "x", "pause", "resume"}:
        return None
    if not number:
        return (action, 0) if action in {"poll", "x"} else None
    if not number.isdigit() or len(number) > 18:
        return None
    return action, int(number)


# --- handlers ---------------------------------------------------------------------------------------------------


async def _find(store: Store, reference: str) -> Feed | None:
    """Return the feed named by "3", "#3" or its address."""
    reference = reference.strip()
    number = reference.removeprefix("#")
    if number.isdigit() and len(number) <= 18:
        return await store.feeds.get(int(number))
    return await store.feeds.by_url(reference)


async def _reply(update: Update, chunks: list[str], markup: InlineKeyboardMarkup | None = None) -> None:
    message = update.effective_message
    if message is None:
        return
    for index, chunk in enumerate(chunks):
        await message.reply_text(chunk, reply_markup=markup if index == len(chunks) - 1 else None)


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


async def cmd_feeds(update: Update, context: BotContext) -> None:
    """Reply with every feed's status, last success, last error and article count, a page at a time."""
    if not context.is_admin(update):
        await refuse(update, context)
        return
    language = await context.language_for(update)
    store = context.store
    chunks, markup = render_feed_list(
        await store.feeds.list(), await store.feeds.article_counts(), language=language, zone=context.settings.zone
    )
    await _reply(update, chunks, markup)


async def cmd_addfeed(update: Update, context: BotContext) -> None:
    """Add a feed (or the feed a page links) after fetching it once, and say what was stored."""
    if not context.is_admin(update):
        await refuse(update, context)
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    message, service = update.effective_message, context.feeds
    if message is None:
        return
    if service is None:
        await message.reply_text(escape(_(TEXT_ERROR_UNEXPECTED)))
        return
    if not context.args:
        await message.reply_text(escape(_(TEXT_ADD_USAGE)))
        return
    url = context.args[0]
    progress = await message.reply_text(escape(_(TEXT_CHECKING).format(url=truncate(url, 200))))
    user = update.effective_user
    try:
        added = await service.add_feed(url, added_by=user.id if user else None)
        text = render_added(added, language=language)
    except AddFeedError as error:
        logger.info("adding feed %s refused: %s", url, error)
        text = render_add_error(error, language=language)
    except Exception:
        # Logged here rather than by the error handler, so the "checking" message does not hang there forever.
        logger.exception("adding feed %s failed", url)
        text = escape(_(TEXT_ERROR_UNEXPECTED))
    await progress.edit_text(text)


async def _change(update: Update, context: BotContext, action: str) -> None:
    """Run /removefeed, /pausefeed or /resumefeed: with a reference act on it, without one offer buttons."""
    if not context.is_admin(update):
        await refuse(update, context)
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    store = context.store
    if not context.args:
        feeds = await store.feeds.list()
        if action == "pause":
            feeds = [f for f in feeds if not f.paused]
        elif action == "resume":
            feeds = [f for f in feeds if f.paused]
        if not feeds:
            await _reply(update, [escape(_(TEXT_NOTHING_TO_PICK))])
        else:
            await _reply(update, [escape(_(TEXT_PICK_FEED))], choice_keyboard(feeds, action))
        return
    reference = " ".join(context.args)
    feed = await _find(store, reference)
    if feed is None:
        await _reply(update, [escape(_(TEXT_NOT_FOUND).format(reference=truncate(reference, 100)))])
        return
    text, markup = await _apply(context, feed, action, language)
    await _reply(update, [text], markup)


async def _apply(
    context: BotContext, feed: Feed, action: str, language: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """Do (or, for removal, ask to confirm) an action on a feed; return the answer and its buttons."""
    _ = translator(language).gettext
    store = context.store
    name = feed_name(feed)
    if action == "rm":
        markup = InlineKeyboardMarkup(
            [[
                InlineKeyboardButton(_(TEXT_YES_REMOVE), callback_data=f"{CALLBACK_PREFIX}rmok:{feed.id}"),
                InlineKeyboardButton(_(TEXT_CANCEL), callback_data=f"{CALLBACK_PREFIX}x"),
            ]]
        )
        return escape(_(TEXT_CONFIRM_REMOVE).format(id=feed.id, title=name)), markup
    if action == "rmok":
        await store.feeds.remove(feed.id)
        logger.info("feed %d (%s) removed", feed.id, feed.url)
        return escape(_(TEXT_REMOVED).format(id=feed.id, title=name)), None
    if action == "pause":
        if feed.paused:
            return escape(_(TEXT_ALREADY_PAUSED).format(id=feed.id, title=name)), None
        await store.feeds.set_paused(feed.id, True)
        return escape(_(TEXT_PAUSED).format(id=feed.id, title=name)), None
    if not feed.paused:
        return escape(_(TEXT_NOT_PAUSED).format(id=feed.id, title=name)), None
    await store.feeds.set_paused(feed.id, False)
    service = context.feeds
    if service is not None:
        service.wake()
    return escape(_(TEXT_RESUMED).format(id=feed.id, title=name)), None


async def cmd_removefeed(update: Update, context: BotContext) -> None:
    """Ask to confirm removing a feed (its articles stay)."""
    await _change(update, context, "rm")


async def cmd_pausefeed(update: Update, context: BotContext) -> None:
    """Stop polling a feed for now."""
    await _change(update, context, "pause")


async def cmd_resumefeed(update: Update, context: BotContext) -> None:
    """Poll a paused feed again, at once."""
    await _change(update, context, "resume")


async def on_feeds_button(update: Update, context: BotContext) -> None:
    """Handle the feed buttons: pages, "check now", choices, and the removal confirmation."""
    query = update.callback_query
    if query is None:
        return
    if not context.is_admin(update):
        await refuse(update, context)
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    parsed = parse_callback(query.data)
    if parsed is None:
        await query.answer()
        return
    action, number = parsed
    store = context.store
    if action == "poll":
        service = context.feeds
        if service is not None:
            service.wake(force=True)
        await query.answer(_(TEXT_CHECKING_ALL))
        return
    await query.answer()
    if action == "p":
        chunks, markup = render_feed_list(
            await store.feeds.list(), await store.feeds.article_counts(), page=number, language=language,
            zone=context.settings.zone,
        )
        await _edit(query, chunks[0], markup)
        return
    if action == "x":
        await _edit(query, escape(_(TEXT_CANCELLED)))
        return
    feed = await store.feeds.get(number)
    if feed is None:
        await _edit(query, escape(_(TEXT_NOT_FOUND).format(reference=f"#{number}")))
        return
    text, markup = await _apply(context, feed, action, language)
    await _edit(query, text, markup)
