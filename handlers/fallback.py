"""What no other handler took (unknown commands, stale buttons, stickers and photos, edits), and what failed.

`on_error` is the one error handler (registered once in bot/app.py). It logs first, then answers: a UserError
(handlers/errors.py) with its own text, anything else with a short apology. It never raises, so a failure while
apologising cannot loop.

`Unhandled` is registered alone in FALLBACK_GROUP (bot/app.py). It accepts an update only when no handler in
groups 0 .. FALLBACK_GROUP-1 would, so every area can register its handlers in group 0 in any order, and the
fallback still answers only what nobody handled. Negative groups hold interceptors that act in some state and
otherwise pass the update on (handlers/subscribe.py's time-zone prompt); they do not count as handling.

What Telegram users expect: in private, a short hint in their language; in groups and channels, silence unless
the command was addressed to this bot by name; a command addressed to another bot (`/cmd@otherbot`), always silence.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut
from telegram.ext import Application, BaseHandler

from handlers.context import BotContext
from handlers.errors import TEXT_SORRY, TEXT_STALE_BUTTON, StaleButtonError, UserError
from handlers.i18n import N_, translator
from handlers.render import escape

logger = logging.getLogger(__name__)

FALLBACK_GROUP = 100

TEXT_UNKNOWN_COMMAND = N_("I don't know the command {command}. /help lists what I can do.")
TEXT_TEXT_ONLY = N_("I read text only. Send a few words to find quotes, or /help.")
TEXT_EDIT_IGNORED = N_("I answer new messages only: send the command again.")

_MEDIA = (
    "sticker", "photo", "video", "animation", "voice", "video_note", "audio", "document", "location", "venue",
    "contact", "poll", "dice", "game", "story", "paid_media",
)


def command_of(message: Message) -> tuple[str, str | None] | None:
    """Return (command, addressed bot username or None) when the message starts with a bot command."""
    entities = message.entities or ()
    if not entities or entities[0].type != MessageEntity.BOT_COMMAND or entities[0].offset != 0:
        return None
    text = message.parse_entity(entities[0])
    command, _, username = text.partition("@")
    return command, username or None


class Unhandled(BaseHandler[Update, BotContext, None]):
    """Accept an update only when no handler in groups 0 .. FALLBACK_GROUP-1 would accept it."""

    def __init__(
        self, application: Application, callback: Callable[[Update, BotContext], Awaitable[None]]
    ) -> None:
        super().__init__(callback, block=True)
        self._application = application

    def check_update(self, update: object) -> bool | None:
        if not isinstance(update, Update):
            return None
        for group, handlers in self._application.handlers.items():
            if group < 0 or group >= FALLBACK_GROUP:
                continue
            for handler in handlers:
                check: Any = handler.check_update(update)
                if check is not None and check is not False:
                    return None
        return True


async def on_unhandled(update: Update, context: BotContext) -> None:
    """Answer what nobody handled: a hint in private, silence where people expect it."""
    if update.callback_query is not None:
        await _stale_button(update, context)
        return
    edited = update.edited_message
    if edited is not None:
        if edited.chat.type == ChatType.PRIVATE and command_of(edited) is not None:
            await _hint(update, context, edited, TEXT_EDIT_IGNORED)
        return
    message = update.message
    if message is None:
        return  # channel posts, inline results, member changes: nothing to say
    command = command_of(message)
    private = message.chat.type == ChatType.PRIVATE
    if command is not None:
        name, addressed = command
        me = (context.bot.username or "").lower()
        if addressed is not None and addressed.lower() != me:
            return  # for another bot
        if private or addressed is not None:
            await _hint(update, context, message, TEXT_UNKNOWN_COMMAND, command=name)
        return
    if private and any(getattr(message, kind, None) for kind in _MEDIA):
        await _hint(update, context, message, TEXT_TEXT_ONLY)


async def _hint(update: Update, context: BotContext, message: Message, text: str, **values: str) -> None:
    _ = translator(await context.language_for(update)).gettext
    await message.reply_text(escape(_(text).format(**values)), do_quote=message.chat.type != ChatType.PRIVATE)


async def _stale_button(update: Update, context: BotContext) -> None:
    query = update.callback_query
    assert query is not None
    _ = translator(await context.language_for(update)).gettext
    await query.answer(_(TEXT_STALE_BUTTON))


# --- the error handler ---------------------------------------------------------------------------------------


async def on_error(update: object, context: BotContext) -> None:
    """Log the error first, then tell the user briefly, in their language; never raise."""
    error = context.error
    if isinstance(error, UserError):
        logger.debug("expected error answered to the user: %s", type(error).__name__)
    elif isinstance(error, Forbidden):
        # The user blocked the bot or it was removed from the chat: nobody to tell.
        logger.info("cannot write to a chat: %s", error)
        return
    elif isinstance(error, (TimedOut, NetworkError)) and not isinstance(error, BadRequest):
        logger.warning("network problem talking to Telegram: %s", error)
        return
    else:
        # Jobs (the digest scheduler's and the feed poller's timers) end up here too, with no update.
        where = f"the job {context.job.name}" if context.job is not None else "an update"
        logger.error("unexpected error while handling %s", where, exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        await _tell(update, context, error)
    except TelegramError as exc:
        logger.warning("could not tell the user about an error: %s", exc)
    except Exception:  # the error handler must never fail: PTB would only log it again
        logger.exception("the error handler failed")


async def _tell(update: Update, context: BotContext, error: BaseException | None) -> None:
    language = await context.language_for(update) if "store" in context.bot_data else context.settings.default_language
    text = error.render(language) if isinstance(error, UserError) else escape(translator(language).gettext(TEXT_SORRY))
    query = update.callback_query
    if query is not None:
        # A toast is enough for a button; it must be answered anyway, or the client spins.
        await query.answer(_plain(text), show_alert=not isinstance(error, StaleButtonError))
        return
    if update.inline_query is not None:
        await update.inline_query.answer([], cache_time=0)
        return
    message = update.effective_message
    chat = update.effective_chat
    # In a channel only its administrators post commands: answer what they can fix, spare readers the apologies.
    if message is None or chat is None or (chat.type == ChatType.CHANNEL and not isinstance(error, UserError)):
        return
    await message.reply_text(text, do_quote=chat.type != ChatType.PRIVATE)


def _plain(html_text: str) -> str:
    """Return text for a callback toast (no markup, at most 200 characters)."""
    text = html.unescape(html_text)
    return text if len(text) <= 200 else text[:199] + "…"
