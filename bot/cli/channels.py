"""`kabarchy channels`: which channels may publish articles, as the bot's admins decide with /channels.

    kabarchy channels list [--json]        every channel the bot heard of: status, articles, who added the bot
    kabarchy channels allow ID|@NAME       store the channel's new posts as articles
    kabarchy channels revoke ID|@NAME      stop storing its posts; its articles stay searchable...
                    [--purge]              ...unless --purge removes them

A channel is known once the bot was made its administrator or it posted (the bot then asked the admins). The
database comes from --db or KABARCHY_DB (default kabarchy.db).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import UTC, datetime
from typing import Any

from bot.cli import CommandError
from bot.cli.feeds import _db_option, _store


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `channels` subcommand and its actions."""
    parser = subparsers.add_parser(
        "channels",
        help="channels whose posts are stored as articles: list, allow, revoke",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="list the known channels and their status")
    listing.add_argument("--json", action="store_true", help="one JSON object per channel")
    _db_option(listing)
    listing.set_defaults(handler=lambda args: asyncio.run(cmd_list(args)))

    allow = actions.add_parser("allow", help="store the channel's new posts as articles")
    allow.add_argument("channel", metavar="ID|@NAME")
    _db_option(allow)
    allow.set_defaults(handler=lambda args: asyncio.run(cmd_allow(args)))

    revoke = actions.add_parser("revoke", help="stop storing the channel's posts (its articles stay unless --purge)")
    revoke.add_argument("channel", metavar="ID|@NAME")
    revoke.add_argument("--purge", action="store_true", help="also remove the articles it published")
    _db_option(revoke)
    revoke.set_defaults(handler=lambda args: asyncio.run(cmd_revoke(args)))


async def _find(store: Any, reference: str) -> Any:
    """Return the channel named by its chat id or @username, or raise CommandError."""
    text = reference.strip()
    if text.lstrip("-").isdigit():
        channel = await store.channels.get(int(text))
    else:
        wanted = text.removeprefix("@").lower()
        channel = next((c for c in await store.channels.list() if (c.username or "").lower() == wanted), None)
    if channel is None:
        raise CommandError(f"no channel {reference!r}; see `kabarchy channels list`")
    return channel


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "-"


def _name(channel: Any) -> str:
    title = " ".join((channel.title or "").split())[:60]
    username = f"@{channel.username}" if channel.username else ""
    return " ".join(part for part in (title, username) if part) or str(channel.id)


async def cmd_list(args: argparse.Namespace) -> int:
    """Print every known channel with its status."""
    async with _store(args) as store:
        channels = await store.channels.list()
    if args.json:
        for c in channels:
            print(json.dumps({
                "id": c.id, "title": c.title, "username": c.username, "status": str(c.status), "articles": c.articles,
                "added_by": c.added_by, "decided_by": c.decided_by, "first_seen": _when(c.first_seen_at),
                "decided": _when(c.decided_at),
            }, ensure_ascii=False))
        return 0
    if not channels:
        print("no channel has made the bot an administrator yet")
        return 0
    for c in channels:
        print(f"{c.id}  {c.status:<8}  {c.articles:>6} articles  {_name(c)}  (seen {_when(c.first_seen_at)})")
    return 0


async def cmd_allow(args: argparse.Namespace) -> int:
    """Allow a channel's posts."""
    from news.models import ChannelStatus

    reference = args.channel.strip()
    async with _store(args) as store:
        # A channel id may be allowed ahead of time, before the bot is added to it; a @name must be known.
        chat_id = int(reference) if reference.lstrip("-").isdigit() else (await _find(store, reference)).id
        channel = await store.channels.decide(chat_id, ChannelStatus.ALLOWED)
    print(f"allowed {_name(channel)}: its new posts are stored as articles")
    return 0


async def cmd_revoke(args: argparse.Namespace) -> int:
    """Revoke a channel, keeping its articles unless --purge."""
    from news.models import ChannelStatus

    async with _store(args) as store:
        channel = await _find(store, args.channel)
        await store.channels.decide(channel.id, ChannelStatus.REVOKED)
        removed = await store.channels.remove_articles(channel.id) if args.purge else 0
    if args.purge:
        print(f"revoked {_name(channel)}; removed its {removed} articles")
    else:
        print(f"revoked {_name(channel)}; its {channel.articles} articles stay searchable (--purge removes them)")
    return 0
