"""`kabarchy feeds`: add, list, pause, resume, remove, import and export feeds, and poll them once.

    kabarchy feeds add URL                 fetch once to check it (an HTML page: the feed it links), store the backlog
    kabarchy feeds list [--json]           status, last success, last error and article count of each feed
    kabarchy feeds remove ID|URL           stop following a feed (its articles stay)
    kabarchy feeds pause ID|URL            stop polling for now
    kabarchy feeds resume ID|URL           poll again (due at once)
    kabarchy feeds import FILE.opml        add every feed of an OPML list (checked on their first poll)
    kabarchy feeds export [-o FILE]        the feeds as OPML 2.0 (stdout by default)
    kabarchy feeds poll [--all]            poll the due feeds (every unpaused one with --all), with a progress line

The database comes from --db or KABARCHY_DB (default kabarchy.db); the polling settings from the environment, as
for `kabarchy run` (KABARCHY_FEED_INTERVAL, KABARCHY_MAX_FETCHES, KABARCHY_FETCH_PRIVATE ...).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.cli import CommandError
from bot.cli.store import db_path
from bot.config import Config
from storage.clock import utc_now

logger = logging.getLogger(__name__)

MAX_OPML_BYTES = 10 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `feeds` subcommand and its actions."""
    parser = subparsers.add_parser(
        "feeds",
        help="follow RSS/Atom/JSON feeds: add, list, remove, pause, import/export OPML, poll",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a feed (or a site page that links one) and store its backlog")
    add.add_argument("url")
    _db_option(add)
    add.set_defaults(handler=lambda args: _run(cmd_add(args)))

    listing = actions.add_parser("list", help="list the feeds and their status")
    listing.add_argument("--json", action="store_true", help="one JSON object per feed")
    _db_option(listing)
    listing.set_defaults(handler=lambda args: _run(cmd_list(args)))

    for name, help_text in (
        ("remove", "stop following a feed (its articles stay)"),
        ("pause", "stop polling a feed for now"),
        ("resume", "poll a paused feed again"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("feed", metavar="ID|URL")
        _db_option(action)
        action.set_defaults(handler=lambda args, name=name: _run(cmd_change(args, name)))

    importing = actions.add_parser("import", help="add the feeds of an OPML file")
    importing.add_argument("file", metavar="FILE.opml")
    _db_option(importing)
    importing.set_defaults(handler=lambda args: _run(cmd_import(args)))

    exporting = actions.add_parser("export", help="write the feeds as OPML")
    exporting.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    _db_option(exporting)
    exporting.set_defaults(handler=lambda args: _run(cmd_export(args)))

    poll = actions.add_parser("poll", help="poll the due feeds once")
    poll.add_argument("--all", action="store_true", help="poll every unpaused feed, due or not")
    _db_option(poll)
    poll.set_defaults(handler=lambda args: _run(cmd_poll(args)))


def _db_option(parser: argparse.ArgumentParser) -> None:
    # Read by bot.cli.store.db_path, like the store commands' --db.
    parser.add_argument("--db", help="database file (default: $KABARCHY_DB, else ./kabarchy.db)")


def _run(coroutine: Coroutine[Any, Any, int]) -> int:
    return asyncio.run(coroutine)


def _config() -> Config:
    from bot.config import ConfigError

    try:
        return Config.from_env(os.environ, require_token=False)
    except ConfigError as error:
        raise CommandError(str(error)) from None


@asynccontextmanager
async def _store(args: argparse.Namespace) -> AsyncIterator[Any]:
    import sqlite3

    from storage import StorageError, Store

    try:
        store = await Store.open(db_path(args))
    except (OSError, sqlite3.Error, StorageError) as error:
        raise CommandError(f"cannot open the database {db_path(args)}: {error}") from None
    try:
        yield store
    finally:
        await store.close()


@asynccontextmanager
async def _poller(store: Any) -> AsyncIterator[Any]:
    from bot.feeds import FeedPoller
    from bot.fetch import Fetcher

    config = _config()
    async with Fetcher(
        max_concurrency=config.max_concurrent_fetches,
        allow_private_addresses=config.fetch_private_addresses,
    ) as fetcher:
        poller = FeedPoller(
            store,
            fetcher,
            interval_minutes=config.feed_interval_minutes,
            failure_alert=config.feed_failure_alert,
            max_concurrency=config.max_concurrent_fetches,
        )
        try:
            yield poller
        finally:
            await poller.aclose()


async def _find(store: Any, reference: str) -> Any:
    """Return the feed named by an id or a URL, or raise CommandError."""
    feed = await store.feeds.get(int(reference)) if reference.isdigit() else await store.feeds.by_url(reference)
    if feed is None:
        raise CommandError(f"no feed {reference!r}; see `kabarchy feeds list`")
    return feed


def _when(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "never"


def feed_status(feed: Any) -> str:
    """Return a one-word status: paused, new, failing (n), or ok."""
    if feed.paused:
        return "paused"
    if feed.consecutive_failures:
        return f"failing ({feed.consecutive_failures})"
    if feed.last_success_at is None:
        return "new"
    return "ok"


async def cmd_add(args: argparse.Namespace) -> int:
    """Add one feed, validated by fetching it, and store its backlog."""
    from handlers.errors import AddFeedError

    async with _store(args) as store, _poller(store) as poller:
        try:
            added = await poller.add_feed(args.url)
        except AddFeedError as error:
            raise CommandError(_add_error_text(error)) from None
    feed = added.feed
    if not added.created:
        print(f"already following #{feed.id} {feed.title or feed.url}")
        return 0
    if added.discovered_from:
        print(f"found the feed {feed.url} on {added.discovered_from}")
    print(
        f"added #{feed.id} {feed.title or feed.url}: {added.items} items, {added.stored} stored as backlog"
        " (searchable, not announced as new)"
    )
    return 0


def _add_error_text(error: Any) -> str:
    reasons = {
        "invalid_url": "not an http(s) URL",
        "private": "refused: a private or local network address (KABARCHY_FETCH_PRIVATE allows those)",
        "unreachable": "could not fetch it",
        "no_feed": "this page is not a feed and links no working feed",
        "unsafe": "refused: the XML declares entities (an XML bomb or an external entity)",
        "broken": "this is not a readable feed",
    }
    text = reasons.get(error.reason, error.reason)
    return f"{text}: {error.detail}" if error.detail else text


async def cmd_list(args: argparse.Namespace) -> int:
    """Print every feed with its status."""
    async with _store(args) as store:
        feeds = await store.feeds.list()
        counts = await store.feeds.article_counts()
    if args.json:
        for feed in feeds:
            print(json.dumps({
                "id": feed.id, "url": feed.url, "title": feed.title, "status": feed_status(feed),
                "paused": feed.paused, "articles": counts.get(feed.id, 0),
                "last_success": feed.last_success_at.isoformat() if feed.last_success_at else None,
                "last_error": feed.last_error,
                "last_error_at": feed.last_error_at.isoformat() if feed.last_error_at else None,
                "consecutive_failures": feed.consecutive_failures,
                "next_due": feed.next_due_at.isoformat() if feed.next_due_at else None,
            }, ensure_ascii=False))
        return 0
    if not feeds:
        print("no feeds yet; add one with `kabarchy feeds add URL`")
        return 0
    for feed in feeds:
        print(f"#{feed.id} [{feed_status(feed)}] {feed.title or '(no title yet)'}")
        print(f"    {feed.url}")
        line = f"    articles: {counts.get(feed.id, 0)}, last success: {_when(feed.last_success_at)} UTC"
        if feed.last_error and feed.consecutive_failures:
            line += f", last error ({_when(feed.last_error_at)} UTC): {feed.last_error}"
        print(line)
    return 0


async def cmd_change(args: argparse.Namespace, action: str) -> int:
    """Remove, pause or resume one feed."""
    async with _store(args) as store:
        feed = await _find(store, args.feed)
        if action == "remove":
            await store.feeds.remove(feed.id)
            print(f"removed #{feed.id} {feed.title or feed.url} (its articles stay)")
        else:
            await store.feeds.set_paused(feed.id, action == "pause")
            print(f"{'paused' if action == 'pause' else 'resumed'} #{feed.id} {feed.title or feed.url}")
    return 0


async def cmd_import(args: argparse.Namespace) -> int:
    """Add the feeds of an OPML file; they are checked, and their backlog stored, on their first poll."""
    from news.opml import OPMLError, parse_opml

    path = Path(args.file)
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise CommandError(f"{path} is larger than {MAX_OPML_BYTES // (1024 * 1024)} MB; is it really OPML?")
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        sources = parse_opml(data)
    except OPMLError as error:
        raise CommandError(f"{path}: {error}") from None
    config = _config()
    added = known = 0
    async with _store(args) as store:
        for source in sources:
            try:
                _feed, created = await store.feeds.add(
                    source.url,
                    title=source.title,
                    site_url=source.html_url,
                    interval_minutes=config.feed_interval_minutes,
                )
            except ValueError as error:
                print(f"skipped {source.url}: {error}", file=sys.stderr)
                continue
            added += created
            known += not created
    print(f"{added} feeds added, {known} already followed ({len(sources)} in {path.name});"
          " the next poll checks them and stores their backlog")
    return 0


async def cmd_export(args: argparse.Namespace) -> int:
    """Write the feeds as OPML."""
    from news.models import FeedSource
    from news.opml import export_opml

    async with _store(args) as store:
        feeds = await store.feeds.list()
    text = export_opml(
        [FeedSource(url=f.url, title=f.title, html_url=f.site_url) for f in feeds],
        title="Kabarchy feeds",
        created=utc_now(),
    )
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"cannot write {args.output}: {error.strerror or error}") from None
        print(f"{len(feeds)} feeds written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _progress_printer(total: int) -> tuple[Callable[[Any], None], Callable[[], None]]:
    """Return (on_result, finish): one line rewritten in place on a terminal, a line per feed otherwise."""
    tty = sys.stderr.isatty()
    state = {"done": 0, "new": 0, "failed": 0}

    def on_result(result: Any) -> None:
        state["done"] += 1
        state["new"] += result.new
        state["failed"] += result.status == "failed"
        line = f"polled {state['done']}/{total} feeds: {state['new']} new articles, {state['failed']} failed"
        if tty:
            sys.stderr.write("\r" + line)
        else:
            outcome = result.error if result.status == "failed" else f"{result.status}, {result.new} new"
            sys.stderr.write(f"{line}  (#{result.feed_id}: {outcome})\n")
        sys.stderr.flush()

    def finish() -> None:
        if tty and state["done"]:
            sys.stderr.write("\n")

    return on_result, finish


async def cmd_poll(args: argparse.Namespace) -> int:
    """Poll the due feeds once and print what happened."""
    async with _store(args) as store, _poller(store) as poller:
        due = await store.feeds.list(include_paused=False) if args.all else await store.feeds.due(poller.clock())
        on_result, finish = _progress_printer(len(due))
        try:
            report = await poller.poll_once(force=args.all, progress=on_result)
        finally:
            finish()
    print(f"{len(report.results)} feeds polled: {report.items} items, {report.new} new articles"
          f" ({sum(r.backlog for r in report.results)} backlog), {report.failed} failed")
    for result in report.results:
        if result.status == "failed":
            print(f"  #{result.feed_id} {result.url}: {result.error}")
    return 1 if report.results and report.failed == len(report.results) else 0
