"""`kabarchy demo`: chat with the bot in the terminal; no token, no network.

It starts the Bot API emulator on 127.0.0.1 and the bot in this process, on a temporary database (or --db) holding
the sample articles, makes you an admin, and reads what you type as your messages to the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.cli import CommandError, redact_in_logs
from bot.config import DEFAULT_TIMEZONE, LANGUAGES

DEMO_USER_ID = 1001
BOT_USERNAME = "kabarchy_demo_bot"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `kabarchy demo`."""
    parser = subparsers.add_parser(
        "demo",
        help="chat with the bot in the terminal (no token needed)",
        description="Start a local Bot API emulator and the bot with sample articles, and chat with it here. "
        "Numbers pick buttons; '@%s words' is inline mode; Ctrl-D (or /quit) leaves." % BOT_USERNAME,
    )
    parser.add_argument("--db", type=Path, help="database file to use and keep (default: a temporary one)")
    parser.add_argument("--language", choices=LANGUAGES, default=None,
                        help="your Telegram app's language (default: from $LANG, else ky)")
    parser.add_argument("--name", default=None, help="your first name in the chat (default: $USER)")
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE, help=f"the bot's time zone ({DEFAULT_TIMEZONE})")
    parser.add_argument("--no-color", action="store_true", help="plain text output (also when NO_COLOR is set)")
    parser.set_defaults(handler=demo)


def emulator_installed() -> bool:
    """Tell whether the emulator and its aiohttp are importable (the `emulator` extra)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in ("aiohttp", "botapi_emulator"))
    except (ImportError, ValueError):  # a module blocked in sys.modules, or a broken install
        return False


def _language_from_locale() -> str:
    code = (os.environ.get("LC_ALL") or os.environ.get("LANG") or "").split(".")[0].split("_")[0].lower()
    return code if code in LANGUAGES else "ky"


def demo(args: argparse.Namespace) -> int:
    """Run the demo until the end of input, /quit or Ctrl-C."""
    if not emulator_installed():
        raise CommandError(
            "the demo needs the Bot API emulator, which a plain install leaves out: "
            "pip install 'kabarchy[emulator]' (make demo does it)"
        )
    try:
        ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise CommandError(f"--timezone is not a known IANA time zone: {args.timezone!r}") from None
    try:
        asyncio.run(_demo(args))
    except KeyboardInterrupt:
        print(file=sys.stderr)
    return 0


async def _demo(args: argparse.Namespace) -> None:
    from bot.app import build_application, running
    from bot.config import Config
    from bot.demo import seed
    from bot.demo.chat import TerminalChat, stdin_lines
    from botapi_emulator import DEFAULT_TOKEN, Emulator
    from storage import Store

    # The emulator's token is no secret, but the demo keeps the habit (and its logs look like the real bot's).
    redact_in_logs(DEFAULT_TOKEN)

    interactive = sys.stdin.isatty()
    color = sys.stdout.isatty() and not args.no_color and not os.environ.get("NO_COLOR")
    language = args.language or _language_from_locale()
    name = args.name or os.environ.get("USER") or "Demo"
    with tempfile.TemporaryDirectory(prefix="kabarchy-demo-") as scratch:
        db_path = args.db or Path(scratch) / "demo.db"
        async with Emulator(DEFAULT_TOKEN, username=BOT_USERNAME, first_name="Kabarchy") as emulator:
            store = await Store.open(db_path)
            try:
                if await store.articles.count() == 0:
                    await seed(store)
                await emulator.create_user(DEMO_USER_ID, first_name=name, language_code=language)
                config = Config(
                    token=DEFAULT_TOKEN,
                    api_url=emulator.root,
                    db_path=db_path,
                    admins=frozenset({DEMO_USER_ID}),
                    timezone=args.timezone,
                    language=language,
                )
                application = build_application(config, store=store)
                async with running(application):
                    await emulator.wait_until_polling()
                    chat = TerminalChat(emulator, application, DEMO_USER_ID, color=color, echo=not interactive)
                    chat.say(
                        f"Kabarchy demo: you are {name} (an admin), in a private chat with @{BOT_USERNAME}.\n"
                        f"Try /start, /latest, /quotes, /language. Numbers pick buttons; '@{BOT_USERNAME} words' "
                        "searches quotes inline. Ctrl-D or /quit leaves.\n"
                    )
                    await chat.run(stdin_lines("you> ", interactive=interactive))
            finally:
                await store.close()
