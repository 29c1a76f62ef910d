"""The `kabarchy` command: one argparse tree, one subcommand module per area.

Each module in SUBCOMMANDS exposes `register(subparsers)`, which adds its parsers and sets `handler` to a
function taking the parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import TextIO

SUBCOMMANDS: tuple[str, ...] = (
    "bot.cli.analyze",
    "bot.cli.store",
    "bot.cli.feeds",
    "bot.cli.channels",
    "bot.cli.run",
    "bot.cli.demo",
)

logger = logging.getLogger(__name__)


class CommandError(Exception):
    """An expected failure of a command: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """Build the whole argument tree from the subcommand modules."""
    parser = argparse.ArgumentParser(
        prog="kabarchy",
        description="Kabarchy: a Kyrgyz-first news bot with summaries, quote search and digests.",
    )
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


class RedactingFormatter(logging.Formatter):
    """Format records as usual, then blank out registered secrets (the bot token) wherever they appear.

    Formatting is the last step before a line is written, so this also covers exception texts and tracebacks
    from libraries (a Bot API URL contains the token).
    """

    def __init__(self, fmt: str) -> None:
        super().__init__(fmt)
        self.secrets: set[str] = set()

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, "[secret]")
        return text


_formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")


def configure_logging(verbosity: int, *, stream: TextIO | None = None) -> None:
    """Configure logging once, at start."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_formatter)
    logging.basicConfig(level=level, handlers=[handler])  # a no-op when logging is already set up (tests)
    # httpx logs every request URL at INFO, and a Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def redact_in_logs(secret: str) -> None:
    """Never write this secret (and, for a bot token, its id-less secret part) to the logs."""
    if secret:
        _formatter.secrets.add(secret)
        _, _, tail = secret.partition(":")
        if len(tail) >= 8:
            _formatter.secrets.add(tail)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `kabarchy` command line."""
    # RetryAfter.retry_after is a timedelta from PTB 23 on; opt in now (read by PTB at call time).
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(handler(args) or 0)
    except CommandError as exc:
        print(f"kabarchy: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
