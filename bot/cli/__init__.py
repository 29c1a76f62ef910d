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
import traceback
from collections.abc import Sequence
from typing import TextIO

SUBCOMMANDS: tuple[str, ...] = (
    "bot.cli.analyze",
    "bot.cli.store",
    "bot.cli.feeds",
    "bot.cli.channels",
    "bot.cli.run",
    "bot.cli.migrate",
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
    from libraries (a Bot API URL contains the token). Without `tracebacks` (no -v), an exception is one line.
    """

    def __init__(self, fmt: str) -> None:
        super().__init__(fmt)
        self.secrets: set[str] = set()
        self.tracebacks = True

    def formatException(self, ei) -> str:  # noqa: ANN001, N802 - logging's name and signature
        if self.tracebacks:
            return super().formatException(ei)
        last = "".join(traceback.format_exception_only(ei[0], ei[1])).strip().splitlines()
        return f"  {last[-1] if last else ei[0].__name__} (-v shows the traceback)"

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(super().format(record))

    def redact(self, text: str) -> str:
        """Return the text with every registered secret blanked out."""
        for secret in sorted(self.secrets, key=len, reverse=True):
            text = text.replace(secret, "[secret]")
        return text


_formatter = RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")


def configure_logging(verbosity: int, *, stream: TextIO | None = None) -> None:
    """Configure logging once, at start."""
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = logging.StreamHandler(stream)
    _formatter.tracebacks = verbosity > 0
    handler.setFormatter(_formatter)
    logging.basicConfig(level=level, handlers=[handler])  # a no-op when logging is already set up (tests)
    # Warnings, too, go through the redacting formatter rather than straight to stderr.
    logging.captureWarnings(True)
    # httpx logs every request URL at INFO, and a Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def redact_in_logs(secret: str) -> None:
    """Never write this secret (and, for a bot token, its id-less secret part) to the logs or to stderr."""
    if secret:
        _formatter.secrets.add(secret)
        _, _, tail = secret.partition(":")
        if len(tail) >= 8:
            _formatter.secrets.add(tail)


def redact(text: str) -> str:
    """Return text with the registered secrets blanked, for what a command prints itself."""
    return _formatter.redact(text)


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
        print(redact(f"kabarchy: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # Never Python's own traceback print: a library's error text may hold the token (a Bot API URL).
        if args.verbose:
            logger.error("unexpected error", exc_info=exc)  # the formatter blanks secrets in the traceback too
        print(redact(f"kabarchy: unexpected error: {type(exc).__name__}: {exc}"), file=sys.stderr)
        if not args.verbose:
            print("kabarchy: run with -v for the details", file=sys.stderr)
        return 1
