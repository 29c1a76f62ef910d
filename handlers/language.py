"""/language: choose Kyrgyz, Russian or English for this chat (stored per chat; in groups, by its admins)."""

from __future__ import annotations

import logging

from telegram import Update

from handlers import keyboards
from handlers.access import may_configure_chat, refuse
from handlers.context import BotContext
from handlers.errors import StaleButtonError, UsageError
from handlers.i18n import LANGUAGE_NAMES, LANGUAGES, N_, translator
from handlers.keyboards import SetLanguage
from handlers.render import escape
from handlers.replies import edit, reply

logger = logging.getLogger(__name__)

BUTTONS = r"^k1:lang:"  # the CallbackQueryHandler pattern of on_language_button

TEXT_CHOOSE = N_("Choose the language:")
TEXT_CHOSEN = N_("Done: I will write in English in this chat.")
TEXT_USAGE = N_("Send /language and pick a button, or /language ky, /language ru, /language en.")
TEXT_GROUP_ADMINS_ONLY = N_("Only this group's administrators can change its language.")


async def _store_choice(update: Update, context: BotContext, language: str) -> str:
    """Store the chat's language and return the confirmation, written in that language."""
    chat = update.effective_chat
    assert chat is not None
    await context.store.chats.set_language(chat.id, language, type=chat.type)
    context.remember_language(update, language)
    return escape(translator(language).gettext(TEXT_CHOSEN))


async def cmd_language(update: Update, context: BotContext) -> None:
    """Offer the three languages as buttons, or set the one named ("/language ru")."""
    args = context.args or []
    if not args:
        language = await context.language_for(update)
        text = escape(translator(language).gettext(TEXT_CHOOSE))
        await reply(update, [text], keyboards.language_keyboard(language))
        return
    choice = args[0].lower()
    if len(args) > 1 or choice not in LANGUAGES:
        raise UsageError(TEXT_USAGE)
    if not await may_configure_chat(update, context):
        await refuse(update, context, TEXT_GROUP_ADMINS_ONLY)
        return
    await reply(update, [await _store_choice(update, context, choice)])


async def on_language_button(update: Update, context: BotContext) -> None:
    """Store the language pressed and confirm it in that language, in place."""
    query = update.callback_query
    if query is None:
        return
    action = keyboards.parse_callback(query.data)
    if not isinstance(action, SetLanguage) or update.effective_chat is None:
        raise StaleButtonError()
    if not await may_configure_chat(update, context):
        await refuse(update, context, TEXT_GROUP_ADMINS_ONLY)
        return
    text = await _store_choice(update, context, action.language)
    await query.answer(LANGUAGE_NAMES[action.language])
    await edit(query, [text])
