"""Errors handlers expect, and the one error handler for everything else.

    UserError                 an expected problem the user can fix: answered with its text, in their language
    ├── UsageError            missing or malformed arguments ("/article abc")
    ├── NotFoundError         the thing asked for is not stored (any more)
    ├── StaleButtonError      callback data from an old keyboard, or forged
    └── IngestError           /add could not store the page (`reason` says why; raised by bot/ingest.py)

`on_error` is registered once (bot/app.py). It logs first, then answers: a UserError with its own text, anything
else with a short apology. It never raises, so a failure while apologising cannot loop.
"""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut

from handlers.context import BotContext
from handlers.i18n import N_, translator
from handlers.render import escape

logger = logging.getLogger(__name__)

TEXT_SORRY = N_("Sorry, something went wrong on my side. Please try again in a minute.")
TEXT_STALE_BUTTON = N_("This button is out of date. Send the command again.")
TEXT_INGEST = {
    "invalid_url": N_("That does not look like a web address. Send /add followed by a link starting with https://"),
    "private": N_("Refused: {detail} is a private or local network address, and I only fetch public web pages."),
    "unreachable": N_("I could not open that page: {detail}"),
    "not_article": N_("I found no article text on that page."),
    "rejected": N_("That page could not be stored: {detail}"),
}


class UserError(Exception):
    """An expected problem, answered with `text` (a message id, translated later) formatted with `values`."""

    def __init__(self, text: str, **values: object) -> None:
        super().__init__(text)
        self.text = text
        self.values = values

    def render(self, language: str) -> str:
        """Return the escaped, translated message."""
        _ = translator(language).gettext
        return escape(_(self.text).format(**{k: str(v) for k, v in self.values.items()}))


class UsageError(UserError):
    """Missing or malformed arguments."""


class NotFoundError(UserError):
    """The article, quote or page asked for is not stored."""


class StaleButtonError(UserError):
    """A button's callback data is from an older keyboard, or was forged."""

    def __init__(self) -> None:
        super().__init__(TEXT_STALE_BUTTON)


class IngestError(UserError):
    """A URL could not be stored; `reason` is one of TEXT_INGEST's keys, `detail` a short technical cause."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(TEXT_INGEST.get(reason, TEXT_INGEST["rejected"]), detail=detail or reason)
        self.reason = reason
        self.detail = detail


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
        logger.error("unexpected error while handling an update", exc_info=error)
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
    if message is None or chat is None or chat.type == ChatType.CHANNEL:
        return
    await message.reply_text(text, do_quote=chat.type != ChatType.PRIVATE)


def _plain(html_text: str) -> str:
    """Return text for a callback toast (no markup, at most 200 characters)."""
    text = html.unescape(html_text)
    return text if len(text) <= 200 else text[:199] + "…"
