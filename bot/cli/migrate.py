"""`kabarchy migrate-db --from kabarchy.db --to postgresql://…`: move a SQLite store to PostgreSQL.

Resumable: every batch is committed on its own and a run goes on after what the target already holds, so a copy
stopped at any moment (Ctrl-C, kill -9, a lost connection) is finished by running the same command again; a
finished copy finds nothing more to do. A progress bar shows the rows copied. Stop the bot before copying, then
point KABARCHY_DB at the new database (see README, "Moving to PostgreSQL").
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from urllib.parse import urlsplit

from tqdm import tqdm

from bot.cli import CommandError, redact_in_logs
from storage import StorageError, Store
from storage.transfer import copy_store, source_counts


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `kabarchy migrate-db`."""
    parser = subparsers.add_parser(
        "migrate-db",
        help="copy a SQLite store into PostgreSQL (resumable, with a progress bar)",
        description="Copy every article, quote, chat, feed, subscriber and delivery of a SQLite store into a "
        "PostgreSQL database, which is created (migrated) when blank. Safe to stop and run again.",
    )
    parser.add_argument("--from", dest="source", required=True, type=Path, help="the SQLite database file")
    parser.add_argument("--to", dest="target", required=True, help="the PostgreSQL URL, postgresql://user@host/db")
    parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Copy the store; print what was copied."""
    if not args.target.startswith(("postgresql://", "postgres://")):
        raise CommandError(f"--to must be a postgresql:// URL, got {args.target.split(':', 1)[0]}:…")
    password = urlsplit(args.target).password
    if password:
        redact_in_logs(password)
    if not args.source.is_file():
        raise CommandError(f"no database at {args.source}")
    return asyncio.run(_copy(args.source, args.target, batch=max(1, args.batch_size), quiet=args.quiet))


async def _copy(source_path: Path, target_url: str, *, batch: int, quiet: bool) -> int:
    try:
        source = await Store.open(source_path)
    except (StorageError, OSError) as exc:
        raise CommandError(f"cannot open the database {source_path}: {exc}") from None
    try:
        try:
            target = await Store.open(target_url)
        except (StorageError, OSError) as exc:
            raise CommandError(str(exc)) from None
        try:
            counts = await source_counts(source)
            bar = tqdm(total=sum(counts.values()), unit="row", disable=True if quiet else None, file=sys.stderr,
                       dynamic_ncols=True)
            copied: dict[str, int] = {}
            try:
                async for table, rows in copy_store(source, target, batch=batch):
                    copied[table] = copied.get(table, 0) + rows
                    bar.set_postfix_str(table, refresh=False)
                    bar.update(rows)
            finally:
                bar.close()
            in_target = await source_counts(target)
            quotes = (await source.quotes.count(), await target.quotes.count())
        finally:
            await target.close()
    finally:
        await source.close()
    for table, total in counts.items():
        print(f"{table:14} {in_target.get(table, 0):>9} of {total:>9} rows in PostgreSQL"
              f" ({copied.get(table, 0)} copied now)")
    print(f"{'quotes':14} {quotes[1]:>9} of {quotes[0]:>9} rows in PostgreSQL (with their articles)")
    missing = [t for t, n in counts.items() if in_target.get(t, 0) < n] + (["quotes"] if quotes[1] < quotes[0] else [])
    if missing:
        raise CommandError(f"some rows are missing in the target: {', '.join(missing)}")
    return 0
