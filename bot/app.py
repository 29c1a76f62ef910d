"""Build the python-telegram-bot Application: the builder chain, the services' lifecycle and every handler.

    application = build_application(config)                    # nothing runs yet, nothing at import time
    application.run_polling(allowed_updates=Update.ALL_TYPES)   # bot/cli/run.py (or run_webhook)

    async with running(application):                            # in process: tests, `kabarchy demo`, bench
        ...

Lifecycle (run_polling / run_webhook / `running` call these in this order):
    post_init      open the Store (unless one was given), the Fetcher, the analysis pool and the services; put
                   them in bot_data (layout: handlers/context.py); arm the feed poller's and the digest
                   scheduler's JobQueue timers; set the command menus per language
    post_stop      stop background services that send messages, while the bot can still send (the JobQueue has
                   stopped by then; a digest pass stops between two messages)
    post_shutdown  close what post_init opened, the Store last

Handler groups (the first handler whose filters accept an update handles it within a group; every group sees it):
    INTERCEPT_GROUP (-1)  handlers that act only in some state (a prompt awaiting typed text) and raise
                          ApplicationHandlerStop when they consumed the update; otherwise it goes on
    MAIN_GROUP (0)        every command, button, inline query and message handler, of every area
    FALLBACK_GROUP (100)  handlers.fallback.Unhandled: whatever no group-0 handler accepts (unknown commands,
                          stale buttons, stickers, edits); it asks the group-0 handlers, so order in group 0 does
                          not decide what counts as unknown

The feeds and digests areas plug in with small blocks marked "# feeds" / "# digests" below: an import, their
handlers in register_handlers, their menu entries in command_menu, a line in post_init / post_stop.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.config import Config
from bot.digests import DigestScheduler  # digests
from bot.feeds import feed_poller  # feeds
from bot.fetch import Fetcher
from bot.ingest import ANALYSIS_TIMEOUT, Ingester
from bot.workers import WorkerPool
from handlers import admin, articles, channels, fallback, inline, language, quotes, start
from handlers import feeds  # feeds
from handlers import subscribe  # digests
from handlers.context import BotContext, Settings
from handlers.i18n import LANGUAGES, N_, translator
from storage import Store

logger = logging.getLogger(__name__)

INTERCEPT_GROUP = -1
MAIN_GROUP = 0
FALLBACK_GROUP = fallback.FALLBACK_GROUP
# A reply that meets a 429 waits retry_after and is sent again, this many times, instead of being dropped.
RATE_LIMIT_RETRIES = 3
MAX_CONCURRENT_UPDATES = 64
ANALYSIS_WORKERS = 1  # feeds: processes analysing articles off the event loop (see post_init)
POLL_TIMEOUT = timedelta(seconds=10)
_OWNED = "_owned"  # bot_data: names of what post_init opened and post_shutdown must close, in opening order

TEXT_DESCRIPTION = N_(
    "Kabarchy keeps news articles in Kyrgyz, Russian and English and shows their short summaries and key quotes. "
    "Search quotes by words or by who said them, and share them in any chat."
)
TEXT_SHORT_DESCRIPTION = N_("News summaries and key quotes, in Kyrgyz, Russian and English.")


def build_application(
    config: Config,
    *,
    store: Store | None = None,
    fetcher: Fetcher | None = None,
    rate_limiter: bool = True,
    concurrent_updates: int = MAX_CONCURRENT_UPDATES,
) -> Application:
    """Build the Application for `config`; a given store or fetcher is used as is and not closed at shutdown."""
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        tzinfo=ZoneInfo(config.timezone),
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        # A reply still goes out when the user deleted the command it quotes.
        allow_sending_without_reply=True,
    )
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .base_url(config.bot_base_url)
        .base_file_url(config.bot_base_file_url)
        .defaults(defaults)
        .context_types(ContextTypes(context=BotContext))
        # Handlers wait on the database and the web; one slow /add must not hold up everyone else's replies.
        .concurrent_updates(concurrent_updates)
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
    )
    if rate_limiter:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=RATE_LIMIT_RETRIES))
    application = builder.build()
    application.bot_data["config"] = config
    application.bot_data[_OWNED] = []
    if store is not None:
        application.bot_data["store"] = store
    if fetcher is not None:
        application.bot_data["fetcher"] = fetcher
    register_handlers(application)
    return application


def _command(name: str, callback) -> CommandHandler:  # noqa: ANN001 - a handler callback
    # New messages only: an edited "/latest" is not a new request (handlers.fallback says so in private).
    return CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE)


def register_handlers(application: Application) -> None:
    """Register every handler and the error handler, in order."""
    add = application.add_handler
    add(_command("start", start.cmd_start))
    add(_command("help", start.cmd_help))
    add(_command("latest", articles.cmd_latest))
    add(_command("article", articles.cmd_article))
    add(MessageHandler(articles.ARTICLE_LINK_MESSAGE, articles.on_article_link))
    add(_command("search", articles.cmd_search))
    add(_command("quotes", quotes.cmd_quotes))
    # A channel chooses its language by a command posted in it (its administrators are the only posters).
    add(
        CommandHandler(
            "language", language.cmd_language, filters=filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
        )
    )
    add(_command("add", admin.cmd_add))
    add(_command("stats", admin.cmd_stats))
    add(_command("channels", channels.cmd_channels))
    add(CallbackQueryHandler(channels.on_channels_button, pattern=channels.BUTTONS))
    add(CallbackQueryHandler(admin.on_article_confirm, pattern=admin.BUTTONS))
    add(CallbackQueryHandler(articles.on_article_button, pattern=articles.BUTTONS))
    add(CallbackQueryHandler(quotes.on_quotes_button, pattern=quotes.BUTTONS))
    add(CallbackQueryHandler(language.on_language_button, pattern=language.BUTTONS))
    add(InlineQueryHandler(inline.on_inline_query))
    add(ChatMemberHandler(start.on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    add(MessageHandler(filters.StatusUpdate.MIGRATE, start.on_migrate))
    add(MessageHandler(admin.CHANNEL_POST, admin.on_channel_post))
    # Order matters: an article in private (forwarded, or long) is tried before the plain-text quote search,
    # which accepts any other text in private.
    add(MessageHandler(admin.ARTICLE_MESSAGE, admin.on_article_message))
    add(MessageHandler(quotes.PLAIN_TEXT, quotes.on_text))
    # feeds: admin commands and their buttons
    add(_command("feeds", feeds.cmd_feeds))
    add(_command("addfeed", feeds.cmd_addfeed))
    add(_command("removefeed", feeds.cmd_removefeed))
    add(_command("pausefeed", feeds.cmd_pausefeed))
    add(_command("resumefeed", feeds.cmd_resumefeed))
    add(CallbackQueryHandler(feeds.on_feeds_button, pattern=feeds.BUTTONS))
    # digests: subscriptions and digests, in private chats, groups, forum topics and channels (a channel's
    # commands arrive as channel posts, which admin.CHANNEL_POST leaves alone)
    for name, callback in (
        ("subscribe", subscribe.cmd_subscribe),
        ("settings", subscribe.cmd_settings),
        ("digest", subscribe.cmd_digest),
        ("unsubscribe", subscribe.cmd_unsubscribe),
        ("pause", subscribe.cmd_pause),
        ("resume", subscribe.cmd_resume),
        ("timezone", subscribe.cmd_timezone),
        ("include", subscribe.cmd_include),
        ("exclude", subscribe.cmd_exclude),
    ):
        add(CommandHandler(name, callback, filters=filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST))
    add(CallbackQueryHandler(subscribe.on_settings_button, pattern=subscribe.BUTTONS))
    add(CallbackQueryHandler(subscribe.on_digest_more, pattern=subscribe.MORE_BUTTONS))
    # digests: a time zone typed after "Other…"; it passes every other text on (see on_timezone_text)
    application.add_handler(
        MessageHandler(subscribe.TIMEZONE_MESSAGE, subscribe.on_timezone_text), group=INTERCEPT_GROUP
    )

    # Last, in its own group: answers only what no handler above (or added by other areas) accepts.
    application.add_handler(fallback.Unhandled(application, fallback.on_unhandled), group=FALLBACK_GROUP)
    application.add_error_handler(fallback.on_error)


def command_menu() -> list[tuple[str, str]]:
    """Return the command menu for everyone: (command, description to translate), in display order."""
    menu = list(start.COMMANDS)
    menu += subscribe.DIGEST_COMMANDS  # digests
    return menu


def admin_menu() -> list[tuple[str, str]]:
    """Return the extra commands shown to the bot's admins."""
    menu = list(start.ADMIN_COMMANDS)
    menu += channels.ADMIN_COMMANDS
    menu += feeds.ADMIN_COMMANDS  # feeds
    return menu


async def set_command_menus(application: Application, config: Config) -> None:
    """Register the command menus and descriptions per language (ky, ru, en, and a default in config.language)."""
    bot = application.bot
    everyone = command_menu()
    admins = everyone + admin_menu()

    def commands(menu: list[tuple[str, str]], lang: str) -> list[BotCommand]:
        _ = translator(lang).gettext
        return [BotCommand(name, _(description)) for name, description in menu]

    for code in (*LANGUAGES, ""):
        lang = code or config.language
        _ = translator(lang).gettext
        await bot.set_my_commands(commands(everyone, lang), language_code=code or None)
        await bot.set_my_description(_(TEXT_DESCRIPTION), language_code=code or None)
        await bot.set_my_short_description(_(TEXT_SHORT_DESCRIPTION), language_code=code or None)
    for admin_id in sorted(config.admins):
        try:
            for code in (*LANGUAGES, ""):
                lang = code or config.language
                await bot.set_my_commands(
                    commands(admins, lang), scope=BotCommandScopeChat(admin_id), language_code=code or None
                )
        except TelegramError as exc:
            # Telegram knows a chat only after the admin has started the bot; the menu is a convenience.
            logger.info("no admin command menu for %s yet: %s", admin_id, exc)


async def post_init(application: Application) -> None:
    """Open the store and services, put them in bot_data, and set the command menus."""
    data = application.bot_data
    config: Config = data["config"]
    owned: list[str] = data[_OWNED]
    settings = Settings(
        admins=config.admins,
        default_language=config.language,
        timezone=config.timezone,
        bot_username=application.bot.username or "",
    )
    data.update(settings=settings, help=[])
    if "store" not in data:
        data["store"] = await Store.open(config.db_path)
        owned.append("store")
    if "fetcher" not in data:
        data["fetcher"] = Fetcher(
            allow_private_addresses=config.fetch_private_addresses, max_concurrency=config.max_concurrent_fetches
        )
        owned.append("fetcher")
    # Analysis in a worker process, not a thread, keeps replies quick while feeds are ingested
    # (bench/ingest.py: /latest p95 during an ingest of 2,000 items 70 ms, against 160-300 ms with threads).
    data["analysis"] = WorkerPool(ANALYSIS_WORKERS, timeout=ANALYSIS_TIMEOUT)
    owned.append("analysis")
    data["ingest"] = Ingester(data["store"], data["analysis"], fetcher=data["fetcher"])
    data["help"].append((channels.TEXT_HELP, True))
    # feeds: the poller's timer is a JobQueue job armed at the earliest due feed (bot/feeds.py)
    data["feeds"] = feed_poller(config, data["store"], data["fetcher"], application.bot, data["ingest"])
    data["help"].append((feeds.TEXT_HELP, True))
    data["feeds"].start(application.job_queue)
    # digests: the scheduler's timer is a JobQueue job armed at the earliest due digest (bot/digests.py); it sends
    # through application.bot, so the AIORateLimiter above also counts digests in the bot's overall rate
    data["digests"] = DigestScheduler(
        data["store"], application.bot, rate=config.messages_per_second, paid_broadcast=config.paid_broadcast,
        language=config.language,
    )
    data["help"].append((subscribe.T_HELP, False))
    await data["digests"].start(application.job_queue)

    await set_command_menus(application, config)
    logger.info("Kabarchy is up as @%s", settings.bot_username)


async def post_stop(application: Application) -> None:
    """Stop background services that send messages, while the bot can still send."""
    # feeds / digests: stop the poller and the scheduler here (each safe to call when it never started).
    if "feeds" in application.bot_data:  # feeds: its alerts are messages
        await application.bot_data["feeds"].stop()
    if "digests" in application.bot_data:  # digests: a message on its way finishes; the lease is released
        await application.bot_data["digests"].stop()


async def post_shutdown(application: Application) -> None:
    """Close what post_init opened, in reverse order (the store last); safe after a failed start."""
    data = application.bot_data
    # feeds: post_stop does not run after a failed start; stop polling (and the parse workers) before the store closes
    poller = data.pop("feeds", None)
    if poller is not None:
        await poller.aclose()
    scheduler = data.pop("digests", None)  # digests: after a failed start post_stop did not stop it
    if scheduler is not None:
        await scheduler.stop()
    for name in reversed(data.get(_OWNED, [])):
        resource = data.pop(name, None)
        try:
            if isinstance(resource, Store):
                await resource.close()
            elif isinstance(resource, (Fetcher, WorkerPool)):
                await resource.aclose()
        except Exception:  # one failed close must not keep the store open
            logger.exception("closing %s failed", name)
    data[_OWNED] = []


@asynccontextmanager
async def running(application: Application, *, poll_timeout: timedelta = POLL_TIMEOUT) -> AsyncIterator[Application]:
    """Run the application with long polling inside the current event loop, with run_polling's lifecycle."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        await application.updater.start_polling(timeout=poll_timeout, allowed_updates=Update.ALL_TYPES)
        await application.start()
        try:
            yield application
        finally:
            if application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()
                if application.post_stop:
                    await application.post_stop(application)
    finally:
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)
