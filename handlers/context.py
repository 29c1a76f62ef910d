"""The typed context every handler receives: properties over `bot_data`, which post_init (bot/app.py) fills.

bot_data layout (the only place that knows it; other modules use these properties):

    "store"             storage.Store, open for the whole run
    "settings"          Settings: admins, default language, the configured default time zone, the bot's username
    "ingest"            handlers.services.IngestService (bot/ingest.py): /add <url>, admins' messages, channel posts
    "analysis"          bot.workers.WorkerPool the ingester analyses in (kept for the bot layer)
    "fetcher"           bot.fetch.Fetcher shared by every service that fetches (kept for the bot layer)
    "feeds"             handlers.services.FeedService (bot/feeds.py), when the feed poller runs
    "digests"           handlers.services.DigestService (bot/digests.py), when the digest scheduler runs
    "search_queries"    QueryBook: long search texts behind pagination buttons (handlers/keyboards.py)
    "help"              list of (text, admins only) /help sections the areas add in post_init (handlers/start.py)

chat_data / user_data: "language" caches the language stored for the chat ("" when it never chose one).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackContext, ExtBot

from handlers.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_from_telegram
from handlers.keyboards import QueryBook
from handlers.services import DigestService, FeedService, IngestService
from news.schedule import DEFAULT_TIMEZONE
from storage.clock import utc_now

if TYPE_CHECKING:
    from storage import Store

logger = logging.getLogger(__name__)

LANGUAGE_KEY = "language"


@dataclass(frozen=True, slots=True)
class Settings:
    """What handlers need to know about the deployment (from bot.config.Config and getMe)."""

    admins: frozenset[int] = frozenset()
    default_language: str = DEFAULT_LANGUAGE
    timezone: str = DEFAULT_TIMEZONE
    bot_username: str = ""
    zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", ZoneInfo(self.timezone))

    def is_admin(self, user_id: int | None) -> bool:
        """Tell whether a Telegram user id is one of the bot's admins."""
        return user_id is not None and user_id in self.admins


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with typed access to the store, the settings and the services in bot_data."""

    @property
    def store(self) -> Store:
        """Return the open Store."""
        return self.bot_data["store"]

    @property
    def settings(self) -> Settings:
        """Return the deployment settings."""
        return self.bot_data.get("settings") or Settings()

    @property
    def ingest(self) -> IngestService | None:
        """Return the URL ingestion service (/add), if the bot layer put one in."""
        return self.bot_data.get("ingest")

    @property
    def feeds(self) -> FeedService | None:
        """Return the feed poller (/addfeed, /resumefeed, "check now"), if the bot layer put one in."""
        return self.bot_data.get("feeds")

    @property
    def digests(self) -> DigestService | None:
        """Return the digest scheduler (its clock, and `wake()` after a schedule changed), if the bot runs one."""
        return self.bot_data.get("digests")

    def now(self) -> datetime:
        """Return the current time (aware, UTC) as the digest scheduler sees it, so schedules follow one clock."""
        return self.digests.now() if self.digests is not None else utc_now()

    @property
    def query_book(self) -> QueryBook:
        """Return the book of search texts that pagination buttons refer to."""
        book = self.bot_data.get("search_queries")
        if book is None:
            book = self.bot_data["search_queries"] = QueryBook()
        return book

    def is_admin(self, update: Update) -> bool:
        """Tell whether the update comes from one of the bot's admins."""
        user = update.effective_user
        return self.settings.is_admin(user.id if user else None)

    async def language_for(self, update: Update) -> str:
        """Return the language to answer in: the chat's choice, else the user's Telegram language, else the default."""
        stored = await self._stored_language(update)
        if stored:
            return stored
        user = update.effective_user
        return language_from_telegram(user.language_code if user else None, default=self.settings.default_language)

    async def _stored_language(self, update: Update) -> str | None:
        chat = update.effective_chat
        # Inline queries and buttons under inline messages have no chat: the user's private chat decides.
        chat_id, cache = (chat.id, self.chat_data) if chat is not None else (None, self.user_data)
        if chat_id is None and update.effective_user is not None:
            chat_id = update.effective_user.id
        if chat_id is None:
            return None
        if cache is not None and LANGUAGE_KEY in cache:
            return cache[LANGUAGE_KEY] or None
        stored = await self.store.chats.get_language(chat_id)
        if stored not in LANGUAGES:
            stored = None
        if cache is not None:
            cache[LANGUAGE_KEY] = stored or ""
        return stored

    def remember_language(self, update: Update, language: str) -> None:
        """Update the cached language after /language stored a new choice."""
        if self.chat_data is not None:
            self.chat_data[LANGUAGE_KEY] = language
        chat = update.effective_chat
        if chat is not None and chat.type == ChatType.PRIVATE and self.user_data is not None:
            self.user_data[LANGUAGE_KEY] = language

    async def zone_for(self, update: Update) -> ZoneInfo:
        """Return the time zone to show times in: the chat's digest time zone, else the configured default."""
        chat = update.effective_chat
        if chat is not None:
            try:
                subscriber = await self.store.subscribers.for_chat(chat.id)
            except Exception:  # the digest tables are someone else's; a time zone is not worth a failed reply
                logger.exception("could not read the time zone of chat %s", chat.id)
                subscriber = None
            if subscriber is not None:
                try:
                    return ZoneInfo(subscriber.timezone)
                except (KeyError, ValueError):
                    pass
        return self.settings.zone
