"""/start (with deep links), /help, the command menu, and the bot joining or leaving chats.

Deep links (t.me/<bot>?start=<payload>): "article_<id>" opens an article, "quotes_<id>" shows its quotes; any
other payload gets the plain welcome.
"""

from __future__ import annotations

import logging
import re

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType

from handlers import articles, channels
from handlers.context import BotContext
from handlers.i18n import N_, translator
from handlers.render import bold, escape, join_blocks

logger = logging.getLogger(__name__)

_DEEP_LINK = re.compile(r"^(article|quotes)_([1-9][0-9]{0,14})$")

# The command menu (setMyCommands, per language), in the order Telegram shows it. bot/app.py adds other areas'.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("latest", N_("Newest articles")),
    ("quotes", N_("Search quotes by words or a name")),
    ("search", N_("Search articles")),
    ("article", N_("Open an article by its number")),
    ("language", N_("Choose the language")),
    ("help", N_("What I can do")),
)
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("add", N_("Store an article from a link (admins)")),
    ("stats", N_("What is stored (admins)")),
)

TEXT_WELCOME = N_(
    "Hello, {name}! I am Kabarchy, a news bot. I keep news articles and show their short summaries and key "
    "quotes: who said what, and where."
)
TEXT_WELCOME_GROUP = N_(
    "Hello! I am Kabarchy, a news bot: short summaries of news articles and their key quotes. "
    "Address commands to me, for example /latest@{bot}."
)
TEXT_HELP = N_(
    "/latest — the newest articles (/latest 10 for more)\n"
    "/article 12 — one article: summary, quotes and the link\n"
    "/quotes words or a name — find quotes; without words, the latest key quotes\n"
    "/search words — find articles\n"
    "/language — choose the language\n"
    "/help — this list"
)
TEXT_HELP_INLINE = N_("In any chat, type @{bot} and a few words to share a quote.")
TEXT_HELP_ADMIN = N_(
    "For admins:\n"
    "/add link — store an article from the web\n"
    "Send or forward an article's text here to store it (the first line is the title)\n"
    "/stats — what is stored"
)
TEXT_HELP_TITLE = N_("What I can do")
TEXT_START_HINT = N_("Start with /latest.")


def help_blocks(context: BotContext, language: str, *, admin: bool) -> list[str]:
    """Return the help text: the commands, inline mode, other areas' sections and, for admins, admin commands."""
    _ = translator(language).gettext
    bot = context.settings.bot_username or context.bot.username or "bot"
    blocks = [bold(_(TEXT_HELP_TITLE)), escape(_(TEXT_HELP)), escape(_(TEXT_HELP_INLINE).format(bot=bot))]
    # Other areas (digests, feeds) add (text, admins_only) pairs to bot_data["help"] in post_init. Everyone's
    # sections come first and the admins' last, so no section reads as part of an admin heading ("Feeds (admins):").
    sections = list(context.bot_data.get("help", ()))
    blocks.extend(escape(_(text)) for text, admins_only in sections if not admins_only)
    if admin:
        blocks.append(escape(_(TEXT_HELP_ADMIN)))
        blocks.extend(escape(_(text)) for text, admins_only in sections if admins_only)
    return blocks


async def cmd_start(update: Update, context: BotContext) -> None:
    """Welcome the user, or open the article a deep link names."""
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if message is None or chat is None:
        return
    await context.store.chats.upsert(chat.id, type=chat.type, title=chat.title)
    match = _DEEP_LINK.match(context.args[0]) if context.args else None
    if match:
        kind, article_id = match.group(1), int(match.group(2))
        if kind == "article":
            await articles.send_article(update, context, article_id)
        else:
            await articles.send_article_quotes(update, context, article_id)
        return
    language = await context.language_for(update)
    _ = translator(language).gettext
    if chat.type == ChatType.PRIVATE:
        name = user.first_name if user else ""
        # The welcome, then the help without its title.
        helps = help_blocks(context, language, admin=context.is_admin(update))[1:]
        blocks = [escape(_(TEXT_WELCOME).format(name=name)), *helps]
    else:
        bot = context.settings.bot_username or context.bot.username
        blocks = [escape(_(TEXT_WELCOME_GROUP).format(bot=bot)), escape(_(TEXT_START_HINT))]
    for chunk in join_blocks(blocks):
        await message.reply_text(chunk)


async def cmd_help(update: Update, context: BotContext) -> None:
    """Reply with what the bot can do (admin commands for admins)."""
    message = update.effective_message
    if message is None:
        return
    language = await context.language_for(update)
    for chunk in join_blocks(help_blocks(context, language, admin=context.is_admin(update))):
        await message.reply_text(chunk)


async def on_my_chat_member(update: Update, context: BotContext) -> None:
    """Record the chat when the bot joins it (or is unblocked), and mark it inactive when removed or blocked."""
    change = update.my_chat_member
    if change is None:
        return
    chat = change.chat
    status = change.new_chat_member.status
    if status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
        await context.store.chats.set_active(chat.id, False)
        logger.info("the bot was removed from or blocked in chat %s", chat.id)
    else:
        await context.store.chats.upsert(chat.id, type=chat.type, title=chat.title)
        if chat.type == ChatType.CHANNEL:
            await channels.on_channel_membership(update, context)


async def on_migrate(update: Update, context: BotContext) -> None:
    """Move a group's settings to its new id when it becomes a supergroup."""
    message = update.effective_message
    if message is None or message.migrate_to_chat_id is None:
        return
    moved = await context.store.chats.migrate(message.chat.id, message.migrate_to_chat_id)
    logger.info("group %s became %s (settings moved: %s)", message.chat.id, message.migrate_to_chat_id, moved)
