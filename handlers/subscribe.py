"""Digest subscriptions in a chat: /subscribe, /settings (buttons for everything), /digest, pause, /unsubscribe.

Commands: `/subscribe [HH:MM] [Area/City]` (default 08:00), `/settings`, `/digest`, `/pause`, `/resume`,
`/unsubscribe`, `/timezone Area/City`, `/include word, word` and `/exclude word, word` (`-` clears; at most
MAX_KEYWORDS of at most MAX_KEYWORD_CHARS characters each). A new subscription asks for the time zone with buttons
(Bishkek, Osh, Almaty, Tashkent, Moscow, London, New York, ..., in the chat's language);
"Other" lets the chat type any IANA name. Everything else is changed from the /settings card's buttons
(callback data `sub:<action>[:<value>]`).

Groups, supergroups and channels subscribe like people, but only their administrators may change anything
(checked with getChatMember; an anonymous admin and a channel post speak for the chat). A forum topic has its own
subscription: its `message_thread_id` is stored and the digest is posted there.

Every schedule change stores the next due moment (news.schedule) and wakes the scheduler; the database stays the
only source of truth.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

from telegram import (
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, filters

from handlers.access import may_configure_chat
from handlers.context import BotContext
from handlers.digests import load_digest, parse_more_callback, render_digest
from handlers.i18n import LANGUAGE_NAMES, LANGUAGES, N_, translator
from handlers.render import bold, escape, truncate
from news.models import Frequency, Subscriber
from news.schedule import subscriber_next_due, zone
from storage.subscribers import MAX_KEYWORD_CHARS, MAX_KEYWORDS, check_timezone

logger = logging.getLogger(__name__)

CALLBACK_PREFIX = "sub:"
DEFAULT_TIME = time(8, 0)
# The time-zone buttons: label (translated), IANA name. Osh shares Bishkek's zone, but people look for their own city.
TIMEZONE_BUTTONS: tuple[tuple[str, str], ...] = (
    (N_("Bishkek"), "Asia/Bishkek"),
    (N_("Osh"), "Asia/Bishkek"),
    (N_("Almaty"), "Asia/Almaty"),
    (N_("Tashkent"), "Asia/Tashkent"),
    (N_("Dushanbe"), "Asia/Dushanbe"),
    (N_("Moscow"), "Europe/Moscow"),
    (N_("Istanbul"), "Europe/Istanbul"),
    (N_("Dubai"), "Asia/Dubai"),
    (N_("Seoul"), "Asia/Seoul"),
    (N_("Berlin"), "Europe/Berlin"),
    (N_("London"), "Europe/London"),
    (N_("New York"), "America/New_York"),
)
# What keywords and typed values look like on a card or in a reply, at most.
SHOWN_KEYWORDS_CHARS = 1200
SHOWN_VALUE_CHARS = 64
TIME_BUTTONS = ("06:00", "07:00", "08:00", "09:00", "10:00", "12:00", "18:00", "20:00", "21:00")
ARTICLE_LANGUAGES = ("ky", "ru", "en")
# What a typed time-zone name looks like: Area/City, with at most one more level (America/Argentina/Salta).
TIMEZONE_TEXT = re.compile(r"^\s*[A-Za-z][A-Za-z_]*(?:/[A-Za-z0-9][A-Za-z0-9_+\-]*){1,2}\s*$")
# A message that may be a typed time-zone name (on_timezone_text takes it only when one was asked for).
TIMEZONE_MESSAGE = (
    filters.TEXT & ~filters.COMMAND & filters.Regex(TIMEZONE_TEXT)
    & (filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST)
)
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?$")
_AWAITING_TZ = "digests.awaiting_timezone"  # chat_data key: the thread whose time zone is being typed

# The command menu entries of this area (bot/app.py adds them to the menu) and its /help section.
DIGEST_COMMANDS: tuple[tuple[str, str], ...] = (
    ("subscribe", N_("Daily news digest at your hour")),
    ("digest", N_("The digest as it stands now")),
    ("settings", N_("Digest settings")),
)
T_HELP = N_(
    "/subscribe 08:00 — a news digest every day at your hour (groups and channels too)\n"
    "/digest — the digest as it stands now\n"
    "/settings — time, time zone, days, languages, keywords\n"
    "/pause, /resume, /unsubscribe"
)
WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"))
EVERY_WEEKDAY = (
    N_("every Monday"), N_("every Tuesday"), N_("every Wednesday"), N_("every Thursday"), N_("every Friday"),
    N_("every Saturday"), N_("every Sunday"),
)
T_ADMINS_ONLY = N_("Only the chat's administrators can change its digest.")
T_BAD_TIME = N_("I could not read the time “{value}”. Write it as HH:MM, for example /subscribe 07:30")
T_BAD_TIMEZONE = N_(
    "“{value}” is not a time zone I know. Write it as Area/City, for example Asia/Bishkek or Europe/Berlin."
)
T_SUBSCRIBED = N_("Subscribed! Your digest will come every day at {time}. Which time zone are you in?")
T_SUBSCRIBED_AGAIN = N_("Done: your digest comes at {time} ({timezone}).")
T_NOT_SUBSCRIBED = N_("This chat has no digest subscription. Send /subscribe to get one every morning.")
T_UNSUBSCRIBED = N_("Unsubscribed: no more digests here. /subscribe brings them back.")
T_PAUSED = N_("Digest paused. /resume turns it back on.")
T_RESUMED = N_("Digest resumed. The next one comes {when}.")
T_SETTINGS = N_("Digest settings")
T_TIME = N_("Time")
T_TIMEZONE = N_("Time zone")
T_EVERY_DAY = N_("every day")
T_LANGUAGES = N_("Article languages")
T_ALL_LANGUAGES = N_("all languages")
T_INCLUDE = N_("Only with the words")
T_EXCLUDE = N_("Without the words")
T_NONE = N_("none")
T_STATE_PAUSED = N_("Paused")
T_NEXT = N_("Next digest")
T_BUTTON_TIME = N_("⏰ Time")
T_BUTTON_TIMEZONE = N_("🌍 Time zone")
T_BUTTON_FREQUENCY = N_("📅 How often")
T_BUTTON_LANGUAGES = N_("🌐 Languages")
T_BUTTON_KEYWORDS = N_("🔎 Keywords")
T_BUTTON_PAUSE = N_("⏸ Pause")
T_BUTTON_RESUME = N_("▶ Resume")
T_BUTTON_UNSUBSCRIBE = N_("✖ Unsubscribe")
T_BUTTON_BACK = N_("◀ Back")
T_BUTTON_OTHER = N_("Other…")
T_BUTTON_EVERY_DAY = N_("Every day")
T_BUTTON_ALL_LANGUAGES = N_("All languages")
T_BUTTON_CLEAR_INCLUDE = N_("Clear “only with”")
T_BUTTON_CLEAR_EXCLUDE = N_("Clear “without”")
T_CHOOSE_TIME = N_("When should the digest come? Choose an hour, or send /subscribe HH:MM for any other time.")
T_CHOOSE_TIMEZONE = N_("Choose your time zone:")
T_TYPE_TIMEZONE = N_("Type the name of your time zone as Area/City, for example Europe/Berlin or Asia/Almaty.")
T_CHOOSE_FREQUENCY = N_("Every day, or once a week on which day?")
T_CHOOSE_LANGUAGES = N_("Articles in which languages? Tap to switch a language on or off.")
T_KEYWORDS_HELP = N_(
    "Keywords filter the digest by plain words (any form of the word counts).\n"
    "/include word, word: only articles with at least one of them\n"
    "/exclude word, word: never articles with any of them\n"
    "/include - or /exclude - clears the list."
)
T_KEYWORDS_SAVED = N_("Saved. Only with: {include}. Without: {exclude}.")
T_TOO_MANY_KEYWORDS = N_("At most {count} keywords; I kept the first ones.")
T_KEYWORD_TOO_LONG = N_("A keyword has at most {count} characters; I left out the longer ones.")
T_NOTHING_NEW = N_("Nothing new since your last digest.")
T_FIRST_DIGEST = N_("Your first digest comes {when}, with the news that arrives until then.")
T_NOTHING_AT_ALL = N_("There are no news articles yet.")
T_EXPIRED = N_("This button is out of date.")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a subscription lives: a chat and, in a forum, a topic (0 outside topics)."""

    chat: Chat
    thread_id: int


def _now(context: BotContext) -> datetime:
    service = context.digests
    return service.now() if service is not None else datetime.now(UTC)


def _wake(context: BotContext) -> None:
    service = context.digests
    if service is not None:
        service.wake()


def place_of(message: Message) -> Place:
    """Return where a message was posted: its chat and its forum topic (0 outside topics)."""
    thread = message.message_thread_id if message.is_topic_message and message.message_thread_id else 0
    return Place(message.chat, thread)


async def may_change(update: Update, context: BotContext) -> bool:
    """Tell whether the sender may change this chat's digest: anyone in private, administrators elsewhere."""
    return update.effective_chat is not None and await may_configure_chat(update, context)


def parse_time(value: str) -> time | None:
    """Read 7, 07:30, 7.30 or 7h30 as a time of day; None when it is not one."""
    match = _TIME.match(value.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def resolve_timezone(value: str) -> str | None:
    """Return the IANA name for a typed zone or a button's city label; None when unknown."""
    text = value.strip()
    for label, name in TIMEZONE_BUTTONS:
        # A city typed in any of the bot's languages: Бишкек, Bishkek.
        if any(text.casefold() == translator(code).gettext(label).casefold() for code in LANGUAGES):
            return name
    if not TIMEZONE_TEXT.match(text):
        return None
    try:
        return check_timezone(text)
    except ValueError:
        # People type the city in lower case: europe/berlin.
        candidate = "/".join(part[:1].upper() + part[1:] for part in text.split("/"))
        try:
            return check_timezone(candidate)
        except ValueError:
            return None


def split_keywords(text: str) -> list[str]:
    """Split `/include` arguments into keywords: comma- or line-separated, each a word or a short phrase."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()][: MAX_KEYWORDS + 1]


def shown_keywords(words: tuple[str, ...] | list[str], empty: str) -> str:
    """Return keywords as a card shows them, bounded whatever is stored (older versions stored any length)."""
    return truncate(", ".join(truncate(w, MAX_KEYWORD_CHARS) for w in words), SHOWN_KEYWORDS_CHARS) or empty


def next_due_for(subscriber: Subscriber, now: datetime) -> datetime:
    """Return a subscriber's next slot after now."""
    return subscriber_next_due(subscriber, after=now)


def describe(subscriber: Subscriber, language: str, now: datetime) -> str:
    """Render the settings card of a subscription."""
    _ = translator(language).gettext
    when = _(T_EVERY_DAY) if subscriber.frequency is Frequency.DAILY else _(EVERY_WEEKDAY[subscriber.weekday or 0])
    languages = ", ".join(LANGUAGE_NAMES.get(x, x) for x in subscriber.languages) or _(T_ALL_LANGUAGES)
    lines = [
        f"📰 {bold(_(T_SETTINGS))}",
        f"⏰ {escape(_(T_TIME))}: {subscriber.local_time.strftime('%H:%M')}, {escape(when)}",
        f"🌍 {escape(_(T_TIMEZONE))}: {escape(truncate(subscriber.timezone, SHOWN_VALUE_CHARS))}",
        f"🌐 {escape(_(T_LANGUAGES))}: {escape(languages)}",
        f"➕ {escape(_(T_INCLUDE))}: {escape(shown_keywords(subscriber.include, _(T_NONE)))}",
        f"➖ {escape(_(T_EXCLUDE))}: {escape(shown_keywords(subscriber.exclude, _(T_NONE)))}",
    ]
    if subscriber.paused:
        lines.append(f"⏸ {escape(_(T_STATE_PAUSED))}")
    else:
        due = next_due_for(subscriber, now).astimezone(zone(subscriber.timezone))
        lines.append(f"⏭ {escape(_(T_NEXT))}: {due.strftime('%d.%m.%Y %H:%M')}")
    return "\n".join(lines)


def _button(text: str, action: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=f"{CALLBACK_PREFIX}{action}")


def settings_keyboard(subscriber: Subscriber, language: str) -> InlineKeyboardMarkup:
    """Return the settings card's buttons."""
    _ = translator(language).gettext
    pause = _button(_(T_BUTTON_RESUME), "resume") if subscriber.paused else _button(_(T_BUTTON_PAUSE), "pause")
    return InlineKeyboardMarkup([
        [_button(_(T_BUTTON_TIME), "time"), _button(_(T_BUTTON_TIMEZONE), "tz")],
        [_button(_(T_BUTTON_FREQUENCY), "freq"), _button(_(T_BUTTON_LANGUAGES), "lang")],
        [_button(_(T_BUTTON_KEYWORDS), "kw")],
        [pause, _button(_(T_BUTTON_UNSUBSCRIBE), "unsub")],
    ])


def timezone_keyboard(language: str) -> InlineKeyboardMarkup:
    """Return the time-zone buttons, three to a row, with "Other…" and "Back"."""
    _ = translator(language).gettext
    buttons = [_button(_(label), f"z:{index}") for index, (label, _name) in enumerate(TIMEZONE_BUTTONS)]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([_button(_(T_BUTTON_OTHER), "zother"), _button(_(T_BUTTON_BACK), "menu")])
    return InlineKeyboardMarkup(rows)


def time_keyboard(language: str) -> InlineKeyboardMarkup:
    """Return the hour buttons."""
    _ = translator(language).gettext
    buttons = [_button(value, f"t:{value.replace(':', '')}") for value in TIME_BUTTONS]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([_button(_(T_BUTTON_BACK), "menu")])
    return InlineKeyboardMarkup(rows)


def frequency_keyboard(language: str) -> InlineKeyboardMarkup:
    """Return "every day" and the seven weekdays."""
    _ = translator(language).gettext
    days = [_button(_(name), f"f:w{index}") for index, name in enumerate(WEEKDAYS)]
    return InlineKeyboardMarkup([
        [_button(_(T_BUTTON_EVERY_DAY), "f:d")], days[:4], days[4:], [_button(_(T_BUTTON_BACK), "menu")],
    ])


def languages_keyboard(subscriber: Subscriber, language: str) -> InlineKeyboardMarkup:
    """Return a toggle per article language and "all languages"."""
    _ = translator(language).gettext
    toggles = [
        _button(("✅ " if code in subscriber.languages else "") + LANGUAGE_NAMES[code], f"l:{code}")
        for code in ARTICLE_LANGUAGES
    ]
    everything = ("✅ " if not subscriber.languages else "") + _(T_BUTTON_ALL_LANGUAGES)
    return InlineKeyboardMarkup([toggles, [_button(everything, "l:all")], [_button(_(T_BUTTON_BACK), "menu")]])


def keywords_keyboard(language: str) -> InlineKeyboardMarkup:
    """Return the buttons that clear the keyword lists."""
    _ = translator(language).gettext
    return InlineKeyboardMarkup([
        [_button(_(T_BUTTON_CLEAR_INCLUDE), "kc:i"), _button(_(T_BUTTON_CLEAR_EXCLUDE), "kc:e")],
        [_button(_(T_BUTTON_BACK), "menu")],
    ])


async def _reply(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> Message:
    return await message.reply_text(
        text, parse_mode=ParseMode.HTML, reply_markup=markup, do_quote=False,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )


async def _settings_reply(message: Message, subscriber: Subscriber, language: str, now: datetime) -> None:
    await _reply(message, describe(subscriber, language, now), settings_keyboard(subscriber, language))


async def _denied(update: Update, language: str) -> None:
    _ = translator(language).gettext
    if update.callback_query is not None:
        await update.callback_query.answer(_(T_ADMINS_ONLY), show_alert=True)
    elif update.effective_message is not None:
        await _reply(update.effective_message, escape(_(T_ADMINS_ONLY)))


async def _reschedule(context: BotContext, subscriber: Subscriber, **changes: object) -> Subscriber:
    """Apply changes to a subscription, store its next slot, wake the scheduler; return it as stored."""
    store = context.store
    now = _now(context)
    changed = await store.subscribers.update(subscriber.id, **changes)
    assert changed is not None
    if not changed.paused:
        changed = await store.subscribers.update(changed.id, next_due_at=next_due_for(changed, now)) or changed
    _wake(context)
    return changed


# --- commands ---------------------------------------------------------------------------------------------


async def cmd_subscribe(update: Update, context: BotContext) -> None:
    """Subscribe this chat (or topic) to the digest at HH:MM (default 08:00), or change its hour."""
    message = update.effective_message
    language = await context.language_for(update)
    _ = translator(language).gettext
    if message is None or not await may_change(update, context):
        await _denied(update, language)
        return
    place = place_of(message)
    store = context.store
    existing = await store.subscribers.for_chat(place.chat.id, thread_id=place.thread_id)
    at, timezone = (existing.local_time, existing.timezone) if existing else (DEFAULT_TIME, None)
    for arg in context.args or []:
        parsed_time = parse_time(arg)
        if parsed_time is not None:
            at = parsed_time
            continue
        parsed_zone = resolve_timezone(arg)
        if parsed_zone is None:
            text = T_BAD_TIME if any(ch.isdigit() for ch in arg) else T_BAD_TIMEZONE
            await _reply(message, escape(_(text).format(value=arg[:64])))
            return
        timezone = parsed_zone
    chat = place.chat
    await store.chats.upsert(chat.id, type=chat.type, title=chat.title or chat.full_name)
    default_zone = context.settings.timezone
    subscriber = await store.subscribers.subscribe(
        chat.id,
        thread_id=place.thread_id,
        local_time=at,
        timezone=timezone or default_zone,
        frequency=existing.frequency if existing else Frequency.DAILY,
        weekday=existing.weekday if existing else None,
        languages=existing.languages if existing else (),
        include=existing.include if existing else (),
        exclude=existing.exclude if existing else (),
        chat_type=chat.type,
        # The digest's language when the chat chose none: the language this person is answered in.
        language=language,
    )
    subscriber = await _reschedule(context, subscriber)
    if existing is None and timezone is None:
        await _reply(message, escape(_(T_SUBSCRIBED).format(time=at.strftime("%H:%M"))), timezone_keyboard(language))
        return
    await _reply(message, escape(_(T_SUBSCRIBED_AGAIN).format(time=at.strftime("%H:%M"), timezone=subscriber.timezone)))
    await _settings_reply(message, subscriber, language, _now(context))


async def _subscription_here(message: Message, context: BotContext, language: str) -> Subscriber | None:
    """Return this chat's (or topic's) subscription; when there is none, say so and return None."""
    place = place_of(message)
    subscriber = await context.store.subscribers.for_chat(place.chat.id, thread_id=place.thread_id)
    if subscriber is None:
        await _reply(message, escape(translator(language).gettext(T_NOT_SUBSCRIBED)))
    return subscriber


async def cmd_settings(update: Update, context: BotContext) -> None:
    """Show this chat's digest settings with buttons to change them."""
    message = update.effective_message
    if message is None:
        return
    language = await context.language_for(update)
    subscriber = await _subscription_here(message, context, language)
    if subscriber is None:
        return
    await _settings_reply(message, subscriber, language, _now(context))


async def cmd_unsubscribe(update: Update, context: BotContext) -> None:
    """Remove this chat's (or topic's) digest subscription."""
    await _simple_change(update, context, "unsub")


async def cmd_pause(update: Update, context: BotContext) -> None:
    """Pause this chat's digest without forgetting its settings."""
    await _simple_change(update, context, "pause")


async def cmd_resume(update: Update, context: BotContext) -> None:
    """Resume a paused digest."""
    await _simple_change(update, context, "resume")


async def _simple_change(update: Update, context: BotContext, action: str) -> None:
    message = update.effective_message
    if message is None:
        return
    language = await context.language_for(update)
    subscriber = await _subscription_here(message, context, language)
    if subscriber is None:
        return
    if not await may_change(update, context):
        await _denied(update, language)
        return
    await _reply(message, escape(await _apply_state(context, subscriber, action, language)))


async def _apply_state(context: BotContext, subscriber: Subscriber, action: str, language: str) -> str:
    """Pause, resume or unsubscribe; return the confirmation text."""
    _ = translator(language).gettext
    store = context.store
    if action == "unsub":
        await store.subscribers.unsubscribe(subscriber.chat_id, thread_id=subscriber.thread_id)
        _wake(context)
        return _(T_UNSUBSCRIBED)
    if action == "pause":
        await store.subscribers.update(subscriber.id, paused=True, next_due_at=None)
        _wake(context)
        return _(T_PAUSED)
    resumed = await _reschedule(context, subscriber, paused=False)
    due = next_due_for(resumed, _now(context)).astimezone(zone(resumed.timezone))
    return _(T_RESUMED).format(when=due.strftime("%d.%m.%Y %H:%M"))


async def cmd_timezone(update: Update, context: BotContext) -> None:
    """Set the digest's time zone from a typed IANA name, or offer the buttons."""
    message = update.effective_message
    if message is None:
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    if not context.args:
        await _reply(message, escape(_(T_CHOOSE_TIMEZONE)), timezone_keyboard(language))
        return
    await _set_timezone_from_text(update, context, " ".join(context.args), language)


async def _set_timezone_from_text(update: Update, context: BotContext, text: str, language: str) -> None:
    message = update.effective_message
    assert message is not None
    _ = translator(language).gettext
    subscriber = await _subscription_here(message, context, language)
    if subscriber is None:
        return
    if not await may_change(update, context):
        await _denied(update, language)
        return
    name = resolve_timezone(text)
    if name is None:
        await _reply(message, escape(_(T_BAD_TIMEZONE).format(value=text.strip()[:64])))
        return
    subscriber = await _reschedule(context, subscriber, timezone=name)
    await _settings_reply(message, subscriber, language, _now(context))


async def on_timezone_text(update: Update, context: BotContext) -> None:
    """Take a typed time-zone name after "Other…" was pressed here; other texts go on to other handlers."""
    message = update.effective_message
    if message is None or context.chat_data is None:
        return
    place = place_of(message)
    if context.chat_data.get(_AWAITING_TZ) != place.thread_id:
        return
    context.chat_data.pop(_AWAITING_TZ, None)
    language = await context.language_for(update)
    await _set_timezone_from_text(update, context, message.text or "", language)
    raise ApplicationHandlerStop


async def cmd_include(update: Update, context: BotContext) -> None:
    """Set the words an article must have (any of them) to be in the digest; `-` clears them."""
    await _set_keywords(update, context, "include")


async def cmd_exclude(update: Update, context: BotContext) -> None:
    """Set the words that keep an article out of the digest; `-` clears them."""
    await _set_keywords(update, context, "exclude")


async def _set_keywords(update: Update, context: BotContext, which: str) -> None:
    message = update.effective_message
    if message is None:
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    subscriber = await _subscription_here(message, context, language)
    if subscriber is None:
        return
    if not await may_change(update, context):
        await _denied(update, language)
        return
    raw = " ".join(context.args or []).strip()
    if not raw:
        await _reply(message, escape(_(T_KEYWORDS_HELP)), keywords_keyboard(language))
        return
    words = [] if raw == "-" else split_keywords(raw)
    kept = [word for word in words if len(" ".join(word.split())) <= MAX_KEYWORD_CHARS]
    subscriber = await _reschedule(context, subscriber, **{which: kept})
    text = _(T_KEYWORDS_SAVED).format(
        include=shown_keywords(subscriber.include, _(T_NONE)), exclude=shown_keywords(subscriber.exclude, _(T_NONE))
    )
    if len(kept) < len(words):
        text += "\n" + _(T_KEYWORD_TOO_LONG).format(count=MAX_KEYWORD_CHARS)
    if len(kept) > MAX_KEYWORDS:
        text += "\n" + _(T_TOO_MANY_KEYWORDS).format(count=MAX_KEYWORDS)
    await _reply(message, escape(text))


async def cmd_digest(update: Update, context: BotContext) -> None:
    """Show the digest as it stands now (since the last one), without moving the watermark."""
    message = update.effective_message
    if message is None:
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    place = place_of(message)
    store = context.store
    subscriber = await store.subscribers.for_chat(place.chat.id, thread_id=place.thread_id)
    upto = await store.articles.newest_id()
    if upto == 0:
        await _reply(message, escape(_(T_NOTHING_AT_ALL)))
        return
    # Without a subscription there is no watermark: show the digest of the latest articles.
    from_id = subscriber.watermark_article_id if subscriber else max(0, upto - 50)
    digest = await load_digest(store, subscriber, from_id=from_id, upto_id=upto)
    if digest is None:
        if subscriber is not None and subscriber.last_sent_at is None and not subscriber.paused:
            # None was ever sent: "since your last digest" would be untrue; say when the first one comes.
            due = next_due_for(subscriber, _now(context)).astimezone(zone(subscriber.timezone))
            await _reply(message, escape(_(T_FIRST_DIGEST).format(when=due.strftime("%d.%m.%Y %H:%M"))))
            return
        await _reply(message, escape(_(T_NOTHING_NEW)))
        return
    day = _now(context).astimezone(zone(subscriber.timezone if subscriber else "Asia/Bishkek")).date()
    for part in render_digest(digest, language=language, day=day, from_id=from_id, upto_id=upto):
        await _reply(message, part.text, part.reply_markup)


async def on_digest_more(update: Update, context: BotContext) -> None:
    """Send the next page of a digest when its "more" button is pressed."""
    query = update.callback_query
    if query is None or query.message is None or not isinstance(query.message, Message):
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    parsed = parse_more_callback(query.data)
    if parsed is None:
        await query.answer(_(T_EXPIRED))
        return
    from_id, upto_id, offset = parsed
    place = place_of(query.message)
    store = context.store
    subscriber = await store.subscribers.for_chat(place.chat.id, thread_id=place.thread_id)
    digest = await load_digest(store, subscriber, from_id=from_id, upto_id=upto_id, offset=offset)
    await query.answer()
    if digest is None or not digest.entries:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=None)  # the next page carries the next button
    except TelegramError as exc:
        logger.debug("could not remove the more button: %s", exc)
    for part in render_digest(digest, language=language, from_id=from_id, upto_id=upto_id):
        await _reply(query.message, part.text, part.reply_markup)


async def on_settings_button(update: Update, context: BotContext) -> None:
    """Change a digest setting from the settings card's buttons."""
    query = update.callback_query
    if query is None or query.message is None or not isinstance(query.message, Message) or not query.data:
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    action, _sep, value = query.data[len(CALLBACK_PREFIX) :].partition(":")
    place = place_of(query.message)
    store = context.store
    subscriber = await store.subscribers.for_chat(place.chat.id, thread_id=place.thread_id)
    if subscriber is None:
        await query.answer(_(T_NOT_SUBSCRIBED), show_alert=True)
        return
    if not await may_change(update, context):
        await _denied(update, language)
        return
    keyboard: InlineKeyboardMarkup | None = None
    text: str | None = None
    if action == "time":
        text, keyboard = _(T_CHOOSE_TIME), time_keyboard(language)
    elif action == "t" and parse_time(value[:2] + ":" + value[2:]) is not None:
        subscriber = await _reschedule(context, subscriber, local_time=parse_time(value[:2] + ":" + value[2:]))
    elif action == "tz":
        text, keyboard = _(T_CHOOSE_TIMEZONE), timezone_keyboard(language)
    elif action == "z" and value.isdigit() and int(value) < len(TIMEZONE_BUTTONS):
        subscriber = await _reschedule(context, subscriber, timezone=TIMEZONE_BUTTONS[int(value)][1])
    elif action == "zother":
        if context.chat_data is not None:
            context.chat_data[_AWAITING_TZ] = place.thread_id
        await query.answer()
        await _reply(query.message, escape(_(T_TYPE_TIMEZONE)))
        return
    elif action == "freq":
        text, keyboard = _(T_CHOOSE_FREQUENCY), frequency_keyboard(language)
    elif action == "f" and value == "d":
        subscriber = await _reschedule(context, subscriber, frequency=Frequency.DAILY, weekday=None)
    elif action == "f" and value[:1] == "w" and value[1:].isdigit() and int(value[1:]) < 7:
        subscriber = await _reschedule(context, subscriber, frequency=Frequency.WEEKLY, weekday=int(value[1:]))
    elif action == "lang":
        text, keyboard = _(T_CHOOSE_LANGUAGES), languages_keyboard(subscriber, language)
    elif action == "l" and (value == "all" or value in ARTICLE_LANGUAGES):
        chosen = set(subscriber.languages) ^ {value} if value != "all" else set()
        subscriber = await _reschedule(context, subscriber, languages=sorted(chosen))
        text, keyboard = _(T_CHOOSE_LANGUAGES), languages_keyboard(subscriber, language)
    elif action == "kw":
        text, keyboard = _(T_KEYWORDS_HELP), keywords_keyboard(language)
    elif action == "kc" and value in ("i", "e"):
        subscriber = await _reschedule(context, subscriber, **{"include" if value == "i" else "exclude": []})
    elif action in ("pause", "resume", "unsub"):
        confirmation = await _apply_state(context, subscriber, action, language)
        await query.answer(confirmation)
        if action == "unsub":
            await query.edit_message_text(escape(confirmation), parse_mode=ParseMode.HTML)
            return
        subscriber = await store.subscribers.get(subscriber.id) or subscriber
        await _edit_card(query, describe(subscriber, language, _now(context)), settings_keyboard(subscriber, language))
        return
    elif action != "menu":
        await query.answer(_(T_EXPIRED))
        return
    await query.answer()
    if text is None:
        await _edit_card(query, describe(subscriber, language, _now(context)), settings_keyboard(subscriber, language))
    else:
        await _edit_card(query, escape(text), keyboard)


async def _edit_card(query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard)
    except TelegramError as exc:  # "message is not modified" when the same button is pressed twice
        logger.debug("settings card not edited: %s", exc)
