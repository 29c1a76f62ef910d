"""Digest subscriptions in a chat: /subscribe, /settings (buttons for everything), /digest, pause, /unsubscribe.

Commands: `/subscribe [HH:MM] [Area/City]` (default 08:00), `/settings`, `/digest`, `/pause`, `/resume`,
`/unsubscribe`, `/timezone Area/City`, `/include word, word` and `/exclude word, word` (`-` clears; at most
MAX_KEYWORDS of at most MAX_KEYWORD_CHARS characters each). A new subscription asks for the time zone with buttons
(Bishkek, Osh, Almaty, Tashkent, Moscow, London, New York, ..., in the chat's language); "Other…" lets the chat
type any IANA name. Everything else is changed from the /settings card's buttons, keyboards.py's SettingsAction.

Groups, supergroups and channels subscribe like people, but only their administrators may change anything
(checked with getChatMember; an anonymous admin and a channel post speak for the chat). A forum topic has its own
subscription: its `message_thread_id` is stored and the digest is posted there.

Every change is one storage call that also stores the next due moment (storage/subscribers.py); then the scheduler
is woken. The database stays the only source of truth.
"""

from __future__ import annotations

import logging
import re
from datetime import time

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, filters

from handlers import keyboards, views
from handlers.access import may_configure_chat
from handlers.context import BotContext
from handlers.digests import load_digest, render_digest
from handlers.errors import DeniedError, NotFoundError, StaleButtonError, UsageError, UserError
from handlers.i18n import LANGUAGE_NAMES, LANGUAGES, N_, translator
from handlers.keyboards import (
    ChangeDigestState,
    ClearDigestKeywords,
    DigestMore,
    SetDigestFrequency,
    SetDigestTime,
    SetDigestZone,
    SettingsAction,
    SettingsView,
    ToggleDigestLanguage,
    TypeDigestZone,
)
from handlers.render import escape
from handlers.replies import Page, edit, reply
from news.models import Frequency, Subscriber
from news.schedule import zone
from storage.subscribers import MAX_KEYWORD_CHARS, MAX_KEYWORDS, check_timezone

logger = logging.getLogger(__name__)

BUTTONS = r"^k1:d(?:v|t|z|zo|f|l|k|s)(?::|$)"  # the CallbackQueryHandler pattern of on_settings_button
MORE_BUTTONS = r"^(?:k1:)?dg:"  # the pattern of on_digest_more (digests sent before the k1 layout say "dg:")
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
TIME_BUTTONS = ("06:00", "07:00", "08:00", "09:00", "10:00", "12:00", "18:00", "20:00", "21:00")
ARTICLE_LANGUAGES = LANGUAGES
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


# --- parsing ----------------------------------------------------------------------------------------------------


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


def parse_schedule(args: list[str], *, at: time, timezone: str | None) -> tuple[time, str | None]:
    """Read "/subscribe [HH:MM] [Area/City]" over the current time and zone; raise UsageError for anything else."""
    for arg in args:
        parsed_time = parse_time(arg)
        if parsed_time is not None:
            at = parsed_time
            continue
        parsed_zone = resolve_timezone(arg)
        if parsed_zone is None:
            raise UsageError(T_BAD_TIME if any(ch.isdigit() for ch in arg) else T_BAD_TIMEZONE, value=arg[:64])
        timezone = parsed_zone
    return at, timezone


def split_keywords(text: str) -> list[str]:
    """Split `/include` arguments into keywords: comma- or line-separated, each a word or a short phrase."""
    return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()][: MAX_KEYWORDS + 1]


def thread_of(message: Message) -> int:
    """Return the forum topic a message was posted in (0 outside topics): each topic has its own subscription."""
    return message.message_thread_id if message.is_topic_message and message.message_thread_id else 0


# --- the subscription here --------------------------------------------------------------------------------------


async def subscription_here(update: Update, context: BotContext) -> Subscriber | None:
    """Return this chat's (or topic's) subscription, or None."""
    message = update.effective_message
    if message is None:
        return None
    return await context.store.subscribers.for_chat(message.chat.id, thread_id=thread_of(message))


async def require_subscription(update: Update, context: BotContext) -> Subscriber:
    """Return this chat's (or topic's) subscription; raise NotFoundError when it has none."""
    subscriber = await subscription_here(update, context)
    if subscriber is None:
        raise NotFoundError(T_NOT_SUBSCRIBED)
    return subscriber


async def require_chat_admin(update: Update, context: BotContext) -> None:
    """Raise DeniedError unless the sender may change this chat's digest: anyone in private, admins elsewhere."""
    if update.effective_chat is None or not await may_configure_chat(update, context):
        raise DeniedError(T_ADMINS_ONLY)


async def change(context: BotContext, subscriber: Subscriber, **changes: object) -> Subscriber:
    """Store a change of a subscription with its next slot (one storage call), wake the scheduler; return it."""
    changed = await context.store.subscribers.update(subscriber.id, now=context.now(), **changes)
    if changed is None:  # unsubscribed in between, by another admin or another button
        raise NotFoundError(T_NOT_SUBSCRIBED)
    if context.digests is not None:
        context.digests.wake()
    return changed


# --- keyboards --------------------------------------------------------------------------------------------------


def settings_keyboard(subscriber: Subscriber, language: str) -> InlineKeyboardMarkup | None:
    """Return the settings card's buttons."""
    _ = translator(language).gettext
    button = keyboards.button
    state = ("resume", T_BUTTON_RESUME) if subscriber.paused else ("pause", T_BUTTON_PAUSE)
    return keyboards.markup(
        [button(_(T_BUTTON_TIME), SettingsView("time")), button(_(T_BUTTON_TIMEZONE), SettingsView("timezone"))],
        [button(_(T_BUTTON_FREQUENCY), SettingsView("frequency")),
         button(_(T_BUTTON_LANGUAGES), SettingsView("languages"))],
        [button(_(T_BUTTON_KEYWORDS), SettingsView("keywords"))],
        [button(_(state[1]), ChangeDigestState(state[0])),
         button(_(T_BUTTON_UNSUBSCRIBE), ChangeDigestState("unsubscribe"))],
    )


def _rows(buttons: list, per_row: int = 3) -> list[list]:
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


def settings_view(subscriber: Subscriber, view: str, language: str) -> Page:
    """Return one view of the settings: the card, or the choices for the time, zone, days, languages or keywords."""
    _ = translator(language).gettext
    button = keyboards.button
    back = [button(_(T_BUTTON_BACK), SettingsView("menu"))]
    if view == "time":
        times = [button(value, SetDigestTime(int(value[:2]), int(value[3:]))) for value in TIME_BUTTONS]
        return [escape(_(T_CHOOSE_TIME))], keyboards.markup(*_rows(times), back)
    if view == "timezone":
        zones = [button(_(label), SetDigestZone(name)) for label, name in TIMEZONE_BUTTONS]
        return [escape(_(T_CHOOSE_TIMEZONE))], keyboards.markup(
            *_rows(zones), [button(_(T_BUTTON_OTHER), TypeDigestZone()), *back]
        )
    if view == "frequency":
        days = [button(_(name), SetDigestFrequency(index)) for index, name in enumerate(WEEKDAYS)]
        return [escape(_(T_CHOOSE_FREQUENCY))], keyboards.markup(
            [button(_(T_BUTTON_EVERY_DAY), SetDigestFrequency(None))], days[:4], days[4:], back
        )
    if view == "languages":
        toggles = [
            button(("✅ " if code in subscriber.languages else "") + LANGUAGE_NAMES[code], ToggleDigestLanguage(code))
            for code in ARTICLE_LANGUAGES
        ]
        every = ("✅ " if not subscriber.languages else "") + _(T_BUTTON_ALL_LANGUAGES)
        return [escape(_(T_CHOOSE_LANGUAGES))], keyboards.markup(
            toggles, [button(every, ToggleDigestLanguage(""))], back
        )
    if view == "keywords":
        return [escape(_(T_KEYWORDS_HELP))], keyboards.markup(
            [button(_(T_BUTTON_CLEAR_INCLUDE), ClearDigestKeywords("include")),
             button(_(T_BUTTON_CLEAR_EXCLUDE), ClearDigestKeywords("exclude"))],
            back,
        )
    return [views.settings_message(subscriber, language)], settings_keyboard(subscriber, language)


# --- commands ---------------------------------------------------------------------------------------------------


async def cmd_subscribe(update: Update, context: BotContext) -> None:
    """Subscribe this chat (or topic) to the digest at HH:MM (default 08:00), or change its hour."""
    await require_chat_admin(update, context)
    message = update.effective_message
    if message is None:
        return
    existing = await subscription_here(update, context)
    at, timezone = parse_schedule(
        context.args or [],
        at=existing.local_time if existing else DEFAULT_TIME,
        timezone=existing.timezone if existing else None,
    )
    language = await context.language_for(update)
    chat = message.chat
    subscriber = await context.store.subscribers.subscribe(
        chat.id,
        thread_id=thread_of(message),
        local_time=at,
        timezone=timezone or context.settings.timezone,
        frequency=existing.frequency if existing else Frequency.DAILY,
        weekday=existing.weekday if existing else None,
        languages=existing.languages if existing else (),
        include=existing.include if existing else (),
        exclude=existing.exclude if existing else (),
        now=context.now(),
        chat_type=chat.type,
        chat_title=chat.title or chat.full_name,
        # The digest's language when the chat chose none: the language this person is answered in.
        language=language,
    )
    if context.digests is not None:
        context.digests.wake()
    _ = translator(language).gettext
    if existing is None and timezone is None:
        text = _(T_SUBSCRIBED).format(time=at.strftime("%H:%M"))
        await reply(update, [escape(text)], settings_view(subscriber, "timezone", language)[1])
        return
    done = _(T_SUBSCRIBED_AGAIN).format(time=at.strftime("%H:%M"), timezone=subscriber.timezone)
    await reply(update, [escape(done)])
    await reply(update, *settings_view(subscriber, "menu", language))


async def cmd_settings(update: Update, context: BotContext) -> None:
    """Show this chat's digest settings with buttons to change them."""
    subscriber = await require_subscription(update, context)
    await reply(update, *settings_view(subscriber, "menu", await context.language_for(update)))


async def change_state(update: Update, context: BotContext, subscriber: Subscriber, state: str) -> str:
    """Pause, resume or end a subscription; return the confirmation (plain text)."""
    _ = translator(await context.language_for(update)).gettext
    if state == "unsubscribe":
        await context.store.subscribers.unsubscribe(subscriber.chat_id, thread_id=subscriber.thread_id)
        if context.digests is not None:
            context.digests.wake()
        return _(T_UNSUBSCRIBED)
    changed = await change(context, subscriber, paused=state == "pause")
    if changed.paused or changed.next_due_at is None:
        return _(T_PAUSED)
    return _(T_RESUMED).format(when=views.local_due(changed.next_due_at, changed.timezone))


async def state_command(update: Update, context: BotContext, state: str) -> None:
    """Carry out /pause, /resume or /unsubscribe here."""
    subscriber = await require_subscription(update, context)
    await require_chat_admin(update, context)
    await reply(update, [escape(await change_state(update, context, subscriber, state))])


async def cmd_unsubscribe(update: Update, context: BotContext) -> None:
    """Remove this chat's (or topic's) digest subscription."""
    await state_command(update, context, "unsubscribe")


async def cmd_pause(update: Update, context: BotContext) -> None:
    """Pause this chat's digest without forgetting its settings."""
    await state_command(update, context, "pause")


async def cmd_resume(update: Update, context: BotContext) -> None:
    """Resume a paused digest."""
    await state_command(update, context, "resume")


async def set_timezone(update: Update, context: BotContext, text: str) -> None:
    """Set the digest's time zone from a typed name and show the card."""
    subscriber = await require_subscription(update, context)
    await require_chat_admin(update, context)
    name = resolve_timezone(text)
    if name is None:
        raise UsageError(T_BAD_TIMEZONE, value=text.strip()[:64])
    subscriber = await change(context, subscriber, timezone=name)
    await reply(update, *settings_view(subscriber, "menu", await context.language_for(update)))


async def cmd_timezone(update: Update, context: BotContext) -> None:
    """Set the digest's time zone from a typed IANA name, or offer the buttons."""
    if context.args:
        await set_timezone(update, context, " ".join(context.args))
        return
    subscriber = await require_subscription(update, context)
    await reply(update, *settings_view(subscriber, "timezone", await context.language_for(update)))


async def on_timezone_text(update: Update, context: BotContext) -> None:
    """Take a typed time-zone name after "Other…" was pressed here; other texts go on to other handlers."""
    message = update.effective_message
    if message is None or context.chat_data is None:
        return
    if context.chat_data.get(_AWAITING_TZ) != thread_of(message):
        return
    context.chat_data.pop(_AWAITING_TZ, None)
    try:
        await set_timezone(update, context, message.text or "")
    except UserError as error:
        # Answered here rather than by the error handler: after an error the other groups would still see the
        # text, and take it for a search.
        await reply(update, [error.render(await context.language_for(update))])
    raise ApplicationHandlerStop


async def set_keywords(update: Update, context: BotContext, which: str) -> None:
    """Carry out /include or /exclude: store the words (or clear them with "-"), or explain keywords."""
    subscriber = await require_subscription(update, context)
    await require_chat_admin(update, context)
    language = await context.language_for(update)
    _ = translator(language).gettext
    raw = " ".join(context.args or []).strip()
    if not raw:
        await reply(update, *settings_view(subscriber, "keywords", language))
        return
    words = [] if raw == "-" else split_keywords(raw)
    kept = [word for word in words if len(" ".join(word.split())) <= MAX_KEYWORD_CHARS]
    subscriber = await change(context, subscriber, **{which: kept})
    text = _(T_KEYWORDS_SAVED).format(
        include=views.shown_keywords(subscriber.include, _(views.T_NONE)),
        exclude=views.shown_keywords(subscriber.exclude, _(views.T_NONE)),
    )
    if len(kept) < len(words):
        text += "\n" + _(T_KEYWORD_TOO_LONG).format(count=MAX_KEYWORD_CHARS)
    if len(kept) > MAX_KEYWORDS:
        text += "\n" + _(T_TOO_MANY_KEYWORDS).format(count=MAX_KEYWORDS)
    await reply(update, [escape(text)])


async def cmd_include(update: Update, context: BotContext) -> None:
    """Set the words an article must have (any of them) to be in the digest; `-` clears them."""
    await set_keywords(update, context, "include")


async def cmd_exclude(update: Update, context: BotContext) -> None:
    """Set the words that keep an article out of the digest; `-` clears them."""
    await set_keywords(update, context, "exclude")


# --- /digest ----------------------------------------------------------------------------------------------------


async def cmd_digest(update: Update, context: BotContext) -> None:
    """Show the digest as it stands now (since the last one), without moving the watermark."""
    language = await context.language_for(update)
    _ = translator(language).gettext
    store = context.store
    subscriber = await subscription_here(update, context)
    upto = await store.articles.newest_id()
    if upto == 0:
        raise NotFoundError(T_NOTHING_AT_ALL)
    # Without a subscription there is no watermark: show the digest of the latest articles.
    from_id = subscriber.watermark_article_id if subscriber else max(0, upto - 50)
    digest = await load_digest(store, subscriber, from_id=from_id, upto_id=upto)
    if digest is None:
        if subscriber is not None and subscriber.last_sent_at is None and subscriber.next_due_at is not None:
            # None was ever sent: "since your last digest" would be untrue; say when the first one comes.
            when = views.local_due(subscriber.next_due_at, subscriber.timezone)
            await reply(update, [escape(_(T_FIRST_DIGEST).format(when=when))])
            return
        await reply(update, [escape(_(T_NOTHING_NEW))])
        return
    timezone = subscriber.timezone if subscriber else context.settings.timezone
    day = context.now().astimezone(zone(timezone)).date()
    parts = render_digest(digest, language=language, day=day, from_id=from_id, upto_id=upto)
    await reply(update, [part.text for part in parts], parts[-1].reply_markup)


async def on_digest_more(update: Update, context: BotContext) -> None:
    """Send the next page of a digest when its "more" button is pressed."""
    query = update.callback_query
    if query is None:
        return
    action = keyboards.parse_callback(query.data)
    if not isinstance(action, DigestMore):
        raise StaleButtonError()
    subscriber = await subscription_here(update, context)
    digest = await load_digest(
        context.store, subscriber, from_id=action.from_id, upto_id=action.upto_id, offset=action.offset
    )
    await query.answer()
    if digest is None or not digest.entries:
        return
    try:
        await query.edit_message_reply_markup(reply_markup=None)  # the next page carries the next button
    except TelegramError as exc:
        logger.debug("could not remove the more button: %s", exc)
    parts = render_digest(
        digest, language=await context.language_for(update), from_id=action.from_id, upto_id=action.upto_id
    )
    await reply(update, [part.text for part in parts], parts[-1].reply_markup)


# --- the settings card's buttons --------------------------------------------------------------------------------


async def apply_setting(update: Update, context: BotContext, subscriber: Subscriber, action: SettingsAction) -> Page:
    """Carry out a settings button on the subscription; return the view to show in the pressed message."""
    language = await context.language_for(update)
    match action:
        case SettingsView(view):
            return settings_view(subscriber, view, language)
        case SetDigestTime(hour, minute):
            subscriber = await change(context, subscriber, local_time=time(hour, minute))
        case SetDigestZone(timezone):
            subscriber = await change(context, subscriber, timezone=timezone)
        case SetDigestFrequency(weekday):
            frequency = Frequency.DAILY if weekday is None else Frequency.WEEKLY
            subscriber = await change(context, subscriber, frequency=frequency, weekday=weekday)
        case ToggleDigestLanguage(code):
            chosen = set(subscriber.languages) ^ {code} if code else set()
            subscriber = await change(context, subscriber, languages=sorted(chosen))
            return settings_view(subscriber, "languages", language)
        case ClearDigestKeywords(which):
            subscriber = await change(context, subscriber, **{which: []})
        case _:
            raise StaleButtonError()
    return settings_view(subscriber, "menu", language)


async def on_settings_button(update: Update, context: BotContext) -> None:
    """Change a digest setting from the settings card's buttons."""
    query = update.callback_query
    if query is None:
        return
    action = keyboards.parse_callback(query.data)
    if action is None:
        raise StaleButtonError()
    subscriber = await require_subscription(update, context)
    await require_chat_admin(update, context)
    match action:
        case TypeDigestZone():
            if context.chat_data is not None and update.effective_message is not None:
                context.chat_data[_AWAITING_TZ] = thread_of(update.effective_message)
            await query.answer()
            _ = translator(await context.language_for(update)).gettext
            await reply(update, [escape(_(T_TYPE_TIMEZONE))])
            return
        case ChangeDigestState(state):
            confirmation = await change_state(update, context, subscriber, state)
            await query.answer(confirmation)
            stored = await subscription_here(update, context)
            if stored is None:
                await edit(query, [escape(confirmation)])
                return
            chunks, markup = settings_view(stored, "menu", await context.language_for(update))
        case _:
            chunks, markup = await apply_setting(update, context, subscriber, action)
            await query.answer()
    await edit(query, chunks, markup)
