"""Run the Bot API emulator standalone: `python -m botapi_emulator --port 8081`.

The first line on stdout is the root URL (http://127.0.0.1:PORT), so a parent process can read the port it got.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence

from botapi_emulator.model import FloodLimits
from botapi_emulator.server import DEFAULT_TOKEN, Emulator


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m botapi_emulator",
        description="A local Telegram Bot API emulator on 127.0.0.1, with a /control API to act as users.",
    )
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free port)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the one bot token the emulator accepts")
    parser.add_argument("--username", default="kabarchy_test_bot", help="the bot's username")
    parser.add_argument("--first-name", default="Kabarchy", help="the bot's display name")
    parser.add_argument("--no-privacy", action="store_true", help="the bot sees every group message")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every Bot API answer")
    parser.add_argument("--flood", action="store_true", help="enforce Telegram's limits with 429 answers")
    parser.add_argument("--global-rate", type=float, default=30.0, help="messages/s overall with --flood")
    parser.add_argument("--paid-rate", type=float, default=1000.0, help="paid broadcast messages/s with --flood")
    parser.add_argument("--chat-rate", type=float, default=1.0, help="messages/s per chat with --flood")
    parser.add_argument("--chat-burst", type=int, default=3, help="burst per chat with --flood")
    parser.add_argument("--group-rate", type=int, default=20, help="messages/min per group with --flood")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    return parser


async def serve(args: argparse.Namespace) -> None:
    """Start the emulator, print its root URL, and run until SIGINT or SIGTERM."""
    flood = (
        FloodLimits(
            global_per_second=args.global_rate, paid_per_second=args.paid_rate, per_chat_per_second=args.chat_rate,
            per_chat_burst=args.chat_burst, per_group_per_minute=args.group_rate,
        )
        if args.flood
        else None
    )
    emulator = Emulator(
        args.token, username=args.username, first_name=args.first_name, privacy_mode=not args.no_privacy,
        flood=flood, latency=args.latency,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    root = await emulator.start(port=args.port)
    print(root, flush=True)
    try:
        await stop.wait()
    finally:
        await emulator.stop()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.WARNING if args.verbose <= 0 else logging.INFO if args.verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        asyncio.run(serve(args))
    except OSError as exc:
        print(f"emulator: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
