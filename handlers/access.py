"""Who may do what: the bot's admins (KABARCHY_ADMINS) and a group's own administrators."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import TelegramError

from handlers.context import BotContext
from handlers.errors import TEXT_ADMINS_ONLY
from handlers.i18n import translator
from handlers.render import escape

logger = logging.getLogger(__name__)


def is_admin(update: Update, context: BotContext) -> bool:
    """Tell whether the update comes from one of the bot's admins."""
    return context.is_admin(update)


async def may_configure_chat(update: Update, context: BotContext) -> bool:
    """Tell whether the sender may change this chat's settings: anyone in private, administrators in groups."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    if is_admin(update, context):
        return True
    message = update.effective_message
    # A channel post or an anonymous group admin speaks for the chat itself. A button press is judged by who
    # pressed it: the message under a button is the bot's own post, whose sender may be the channel itself.
    if (
        update.callback_query is None
        and message is not None
        and message.sender_chat is not None
        and message.sender_chat.id == chat.id
    ):
        return True
    user = update.effective_user
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        logger.info("could not check a member's rights in chat %s: %s", chat.id, exc)
        return False
    return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


async def refuse(update: Update, context: BotContext, text: str = TEXT_ADMINS_ONLY) -> None:
    """Answer politely that this is not allowed (a toast for a button, a reply otherwise)."""
    _ = translator(await context.language_for(update)).gettext
    if update.callback_query is not None:
        await update.callback_query.answer(_(text), show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(escape(_(text)))
