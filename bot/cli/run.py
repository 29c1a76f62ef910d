"""`kabarchy run`: the bot, configured from the environment (and .env), by long polling or on a webhook.

Long polling by default; webhook mode when KABARCHY_WEBHOOK_URL is set (with KABARCHY_WEBHOOK_SECRET, served on
KABARCHY_WEBHOOK_LISTEN:KABARCHY_WEBHOOK_PORT at the URL's path). SIGINT and SIGTERM stop it cleanly: the poll
stops, running handlers finish, services stop, and the store closes after its last transaction (exit code 0).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
from urllib.parse import urlsplit

from telegram import Bot, Update
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut

from bot.cli import CommandError, redact_in_logs
from bot.config import Config, ConfigError, load_dotenv_file
from storage import StorageError

logger = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `kabarchy run`."""
    parser = subparsers.add_parser(
        "run",
        help="run the bot (long polling, or a webhook when KABARCHY_WEBHOOK_URL is set)",
        description="Run the bot with the configuration in the environment and in .env (see .env.example).",
    )
    parser.add_argument("--env-file", default=".env", help="read variables from this file first (default: .env)")
    parser.set_defaults(handler=run)


async def check_token(config: Config) -> str:
    """Return the bot's username; raise CommandError when the token is rejected or the Bot API is unreachable.

    PTB would report the same failures at start-up with a logged traceback; one clear line is more useful.
    """
    try:
        async with Bot(config.token, base_url=config.bot_base_url, base_file_url=config.bot_base_file_url) as bot:
            return bot.username
    except InvalidToken:
        raise CommandError(
            "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather"
        ) from None
    except (TimedOut, NetworkError) as exc:
        raise CommandError(f"cannot reach the Bot API at {config.api_url}: {exc}") from None
    except TelegramError as exc:
        # 403, 409 ...: whatever the server (or a proxy before it) said, as one line; main() blanks the token.
        raise CommandError(f"the Bot API at {config.api_url} refused the bot: {exc}") from None


def run(args: argparse.Namespace) -> int:
    """Run the bot until SIGINT or SIGTERM."""
    load_dotenv_file(args.env_file)
    try:
        config = Config.from_env(os.environ)
    except ConfigError as exc:
        raise CommandError(str(exc)) from None
    redact_in_logs(config.token)
    if config.webhook_secret:
        redact_in_logs(config.webhook_secret)
    database_password = urlsplit(str(config.db_path)).password if "://" in str(config.db_path) else None
    if database_password:
        redact_in_logs(database_password)
    username = asyncio.run(check_token(config))
    logger.info("starting as @%s", username)
    # Imported here so `kabarchy --help` stays fast.
    from bot.app import build_application

    application = build_application(config)
    # run_polling uses the current event loop; give it a fresh one rather than rely on a deprecated implicit one.
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        if config.webhook_url:
            path = urlsplit(config.webhook_url).path.lstrip("/")
            logger.info("serving a webhook on %s:%s/%s", config.webhook_listen, config.webhook_port, path)
            application.run_webhook(
                listen=config.webhook_listen,
                port=config.webhook_port,
                url_path=path,
                webhook_url=config.webhook_url,
                secret_token=config.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        raise CommandError(
            "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather"
        ) from None
    except (TimedOut, NetworkError) as exc:
        raise CommandError(f"cannot reach the Bot API at {config.api_url}: {exc}") from None
    except (StorageError, sqlite3.Error) as exc:
        raise CommandError(f"cannot open the database {config.db_path}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"cannot start: {exc.strerror or exc}") from None
    return 0
