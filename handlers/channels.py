"""Channels publish only when an admin allowed them: asking the admins, /channels, and their buttons.

Anyone can make the bot an administrator of their own channel, so a channel's posts are stored only once one of the
bot's admins allowed that channel. When the bot is added to a channel it does not know (or a post comes from one),
the channel is recorded as pending and every admin is asked in private, with buttons to allow or ignore it; until one
allows it, nothing of it is stored (handlers/admin.py's on_channel_post asks `may_publish`). /channels lists the
known channels with buttons to allow the others or revoke an allowed one; a revoke asks whether the channel's
articles stay searchable or go. `kabarchy channels` (bot/cli/channels.py) does the same from the command line.

Buttons (callback data under "ch:"): "ch:a:<id>" allow, "ch:i:<id>" ignore, "ch:r:<id>" revoke (asks first),
"ch:rk:<id>" revoke and keep its articles, "ch:rp:<id>" revoke and remove them, "ch:l" the list again.
"""

from __future__ import annotations

import logging
import re

from telegram import Bot, Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from handlers.access import refuse
from handlers.context import BotContext, Settings
from handlers.errors import StaleButtonError
from handlers.i18n import N_, translator
from handlers.render import bold, escape, join_blocks, truncate
from handlers.replies import edit, reply
from news.models import Channel, ChannelStatus
from storage import Store

logger = logging.getLogger(__name__)

CALLBACK_PREFIX = "ch:"
BUTTONS = r"^ch:"  # the CallbackQueryHandler pattern of on_channels_button
_DATA = re.compile(r"^ch:(?:(a|i|r|rk|rp):(-?[1-9][0-9]{0,15})|(l))$")
NAME_CHARS = 60
MAX_LISTED = 30  # channels with buttons in /channels (the list text names them all, split over messages)

TEXT_ASK_ADDED = N_(
    "📢 {who} made me an administrator of the channel {channel}. Should its posts be stored as news articles? "
    "Nothing from it is stored until you allow it."
)
TEXT_ASK_POSTED = N_(
    "📢 A post came from the channel {channel}, where I am an administrator. Should its posts be stored as news "
    "articles? Nothing from it is stored until you allow it."
)
TEXT_SOMEONE = N_("Someone")
TEXT_ALLOW = N_("✅ Allow")
TEXT_IGNORE = N_("🚫 Ignore")
TEXT_ALLOWED = N_("✅ The channel {channel} is allowed: its new posts are stored as articles.")
TEXT_IGNORED = N_("🚫 The channel {channel} is ignored: nothing from it is stored. /channels can allow it later.")
TEXT_HEADING = N_("📢 Channels: {count}")
TEXT_NONE = N_("No channel has made me an administrator yet.")
TEXT_STATUS = {
    ChannelStatus.ALLOWED: N_("allowed"),
    ChannelStatus.PENDING: N_("waiting for a decision"),
    ChannelStatus.IGNORED: N_("ignored"),
    ChannelStatus.REVOKED: N_("revoked"),
}
TEXT_ARTICLES = N_("articles: {count}")
TEXT_ALLOW_BUTTON = N_("✅ Allow: {channel}")
TEXT_REVOKE_BUTTON = N_("⛔ Revoke: {channel}")
TEXT_CONFIRM_REVOKE = N_(
    "Revoke the channel {channel}? Its new posts will not be stored. What about its {count} stored articles?"
)
TEXT_KEEP = N_("Keep them searchable")
TEXT_REMOVE = N_("Remove them")
TEXT_BACK = N_("◀ Back")
TEXT_REVOKED_KEPT = N_("⛔ The channel {channel} is revoked; its {count} articles stay searchable.")
TEXT_REVOKED_REMOVED = N_("⛔ The channel {channel} is revoked; its {count} articles were removed.")
TEXT_HELP = N_("/channels — the channels I am an administrator of: allow their posts as articles, or revoke them")

ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (("channels", N_("Channels and whether their posts are stored (admins)")),)


def channel_name(channel: Channel | Chat) -> str:
    """Return a channel as people know it: its title (and @username), else its id; plain text, bounded."""
    title = truncate(" ".join((channel.title or "").split()), NAME_CHARS)
    username = f"@{channel.username}" if channel.username else ""
    if title and username:
        return f"«{title}» ({username})"
    return f"«{title}»" if title else username or str(channel.id)


def _button(text: str, action: str, channel_id: int | None = None) -> InlineKeyboardButton:
    data = f"{CALLBACK_PREFIX}{action}" + (f":{channel_id}" if channel_id is not None else "")
    return InlineKeyboardButton(text, callback_data=data)


def decision_keyboard(channel_id: int, language: str) -> InlineKeyboardMarkup:
    """Return the allow / ignore buttons of the question to the admins."""
    _ = translator(language).gettext
    return InlineKeyboardMarkup([[_button(_(TEXT_ALLOW), "a", channel_id), _button(_(TEXT_IGNORE), "i", channel_id)]])


async def ask_admins(bot: Bot, store: Store, settings: Settings, chat: Chat, *, added_by: str | None) -> int:
    """Ask every admin in private whether this channel may publish; return how many were asked."""
    asked = 0
    for admin_id in sorted(settings.admins):
        language = await store.chats.get_language(admin_id) or settings.default_language
        _ = translator(language).gettext
        if added_by is not None:
            text = _(TEXT_ASK_ADDED).format(who=added_by or _(TEXT_SOMEONE), channel=channel_name(chat))
        else:
            text = _(TEXT_ASK_POSTED).format(channel=channel_name(chat))
        try:
            await bot.send_message(admin_id, escape(text), reply_markup=decision_keyboard(chat.id, language))
            asked += 1
        except TelegramError as exc:
            # An admin who never started the bot cannot be written to; another admin may decide.
            logger.info("could not ask admin %s about channel %s: %s", admin_id, chat.id, exc)
    if not asked:
        logger.warning("channel %s waits for an admin's decision, but no admin could be asked", chat.id)
    return asked


async def may_publish(update: Update, context: BotContext, message: Message) -> bool:
    """Tell whether this channel's posts may be stored; a channel never seen before is recorded and asked about."""
    chat = message.chat
    status = await context.store.channels.status(chat.id)
    if status is ChannelStatus.ALLOWED:
        return True
    if status is None:
        _channel, created = await context.store.channels.seen(chat.id, title=chat.title, username=chat.username)
        if created:
            await ask_admins(context.bot, context.store, context.settings, chat, added_by=None)
    logger.info("a post of channel %s (%s) was not stored", chat.id, status or "new")
    return False


async def on_channel_membership(update: Update, context: BotContext) -> None:
    """Ask the admins about a channel when the bot becomes its administrator (and was not allowed there yet)."""
    change = update.my_chat_member
    if change is None or change.new_chat_member.status != ChatMemberStatus.ADMINISTRATOR:
        return
    chat = change.chat
    who = change.from_user
    channel, created = await context.store.channels.seen(
        chat.id, title=chat.title, username=chat.username, added_by=who.id if who else None
    )
    if created or channel.status is ChannelStatus.PENDING:
        name = f"{who.full_name} (id {who.id})" if who else ""
        await ask_admins(context.bot, context.store, context.settings, chat, added_by=name)


def list_message(channels: list[Channel], language: str) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """Return the /channels reply: every channel with its status and articles, and a button for each."""
    _ = translator(language).gettext
    if not channels:
        return [escape(_(TEXT_NONE))], None
    blocks = [bold(_(TEXT_HEADING).format(count=len(channels)))]
    rows = []
    for number, channel in enumerate(channels, start=1):
        status = _(TEXT_STATUS[channel.status])
        articles = _(TEXT_ARTICLES).format(count=channel.articles)
        blocks.append(f"{number}. {bold(channel_name(channel))}\n{escape(f'{channel.id} · {status} · {articles}')}")
        if number > MAX_LISTED:
            continue
        short = truncate(channel.title or channel.username or str(channel.id), 24)
        if channel.status is ChannelStatus.ALLOWED:
            rows.append([_button(_(TEXT_REVOKE_BUTTON).format(channel=short), "r", channel.id)])
        else:
            rows.append([_button(_(TEXT_ALLOW_BUTTON).format(channel=short), "a", channel.id)])
    return join_blocks(blocks), InlineKeyboardMarkup(rows) if rows else None


async def cmd_channels(update: Update, context: BotContext) -> None:
    """List the channels the bot administers, with buttons to allow or revoke them (admins only)."""
    if not context.is_admin(update):
        await refuse(update, context)
        return
    language = await context.language_for(update)
    chunks, markup = list_message(await context.store.channels.list(), language)
    await reply(update, chunks, markup)


async def on_channels_button(update: Update, context: BotContext) -> None:
    """Allow, ignore or revoke a channel from a button (admins only)."""
    query = update.callback_query
    if query is None:
        return
    if not context.is_admin(update):
        await refuse(update, context)
        return
    match = _DATA.match(query.data or "")
    if match is None:
        raise StaleButtonError()
    action, channel_id = match.group(1) or match.group(3), int(match.group(2) or 0)
    language = await context.language_for(update)
    _ = translator(language).gettext
    store = context.store
    user = update.effective_user
    by = user.id if user else None
    if action == "l":
        chunks, markup = list_message(await store.channels.list(), language)
        await query.answer()
        await edit(query, chunks, markup)
        return
    channel = await store.channels.get(channel_id)
    if channel is None:
        raise StaleButtonError()
    name = channel_name(channel)
    back = InlineKeyboardMarkup([[_button(_(TEXT_BACK), "l")]])
    if action == "r":
        text = _(TEXT_CONFIRM_REVOKE).format(channel=name, count=channel.articles)
        keyboard = InlineKeyboardMarkup([
            [_button(_(TEXT_KEEP), "rk", channel.id), _button(_(TEXT_REMOVE), "rp", channel.id)],
            [_button(_(TEXT_BACK), "l")],
        ])
        await query.answer()
        await edit(query, [escape(text)], keyboard)
        return
    if action in ("a", "i"):
        status = ChannelStatus.ALLOWED if action == "a" else ChannelStatus.IGNORED
        await store.channels.decide(channel.id, status, by=by)
        logger.info("admin %s %s channel %s", by, status, channel.id)
        template = TEXT_ALLOWED if status is ChannelStatus.ALLOWED else TEXT_IGNORED
        text = _(template).format(channel=name)
    else:
        await store.channels.decide(channel.id, ChannelStatus.REVOKED, by=by)
        removed = await store.channels.remove_articles(channel.id) if action == "rp" else 0
        logger.info("admin %s revoked channel %s (%d articles removed)", by, channel.id, removed)
        template = TEXT_REVOKED_REMOVED if action == "rp" else TEXT_REVOKED_KEPT
        text = _(template).format(channel=name, count=removed if action == "rp" else channel.articles)
    await query.answer()
    await edit(query, [escape(text)], back)
