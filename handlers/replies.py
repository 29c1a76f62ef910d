"""Sending rendered chunks: replies (quoting the command in groups) and edits in place for paginated messages."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest

logger = logging.getLogger(__name__)

# What a handler renders before it replies or edits: message chunks and the keyboard under the last one.
Page = tuple[list[str], InlineKeyboardMarkup | None]


async def reply(update: Update, chunks: list[str], markup: InlineKeyboardMarkup | None = None) -> Message | None:
    """Send the chunks in order, the keyboard under the last; in groups the first quotes the command."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or not chunks:
        return None
    quote = chat is not None and chat.type != ChatType.PRIVATE
    sent = None
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        sent = await message.reply_text(chunk, reply_markup=markup if last else None, do_quote=quote and index == 0)
    return sent


async def edit(query: CallbackQuery, chunks: list[str], markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the pressed message with the first chunk (and send any further ones); an unchanged page is fine."""
    if not chunks:
        return
    first_markup = markup if len(chunks) == 1 else None
    try:
        await query.edit_message_text(chunks[0], reply_markup=first_markup)
    except BadRequest as exc:
        # A double tap asks for the page already shown.
        if "not modified" not in str(exc).lower():
            raise
        return
    message = query.message  # None under an inline message: further chunks have nowhere to go
    if len(chunks) > 1 and isinstance(message, Message):
        for index, chunk in enumerate(chunks[1:], start=1):
            await message.reply_text(chunk, reply_markup=markup if index == len(chunks) - 1 else None,
                                     do_quote=False)
