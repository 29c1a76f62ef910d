"""`kabarchy ingest | quotes | search | stats`: fill the article store from files and look inside it.

    kabarchy ingest FILE...            plain text, HTML, or JSONL lines {"title", "text", "url"?, "published"?,
                                       "source"?, "guid"?, "language"?, "author"?}; a progress bar on a terminal
    kabarchy quotes QUERY [--speaker]  quotes matching the words (or spoken by someone), best first
    kabarchy search QUERY              articles matching the words
    kabarchy stats                     what the store holds

The database is --db, else the KABARCHY_DB environment variable, else ./kabarchy.db. An import is safe to stop
at any moment (Ctrl-C, kill -9): whole batches are committed, and running it again skips what is stored.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.cli import CommandError
from bot.config import DEFAULT_DB
from bot.ingest import ANALYSIS_TIMEOUT, Ingester
from bot.workers import WorkerPool
from news.models import ArticleDraft, SaveStatus
from storage import StorageError, Store

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 20 * 1024 * 1024  # one plain-text or HTML article; JSONL files are streamed and may be any size
MAX_LINE_CHARS = 2_000_000
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_WARNINGS = 10


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the `ingest`, `quotes`, `search` and `stats` subcommands."""
    db_help = "database file or postgresql:// URL (default: $KABARCHY_DB, else ./kabarchy.db)"

    ingest = subparsers.add_parser(
        "ingest",
        help="store articles from text, HTML or JSONL files",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ingest.add_argument("files", nargs="+", metavar="FILE", help="articles: .txt, .html or .jsonl")
    ingest.add_argument("--db", help=db_help)
    ingest.add_argument("--source", help="source name for articles that do not name one (default: the file name)")
    ingest.add_argument("--batch-size", type=int, default=64, metavar="N", help="articles per transaction")
    ingest.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="analysis processes (0: analyse in a thread of this process)",
    )
    ingest.add_argument("--backlog", action="store_true", help="store as old news: searchable, never announced")
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.set_defaults(handler=run_ingest)

    quotes = subparsers.add_parser("quotes", help="search stored quotes by words or by speaker")
    quotes.add_argument("query", nargs="*", help="words or a name (none: the latest key quotes)")
    quotes.add_argument("--speaker", action="store_true", help="match the speaker's name only")
    _paging(quotes)
    quotes.add_argument("--db", help=db_help)
    quotes.set_defaults(handler=run_quotes)

    search = subparsers.add_parser("search", help="search stored articles by words")
    search.add_argument("query", nargs="+", help="words to find")
    _paging(search)
    search.add_argument("--db", help=db_help)
    search.set_defaults(handler=run_search)

    stats = subparsers.add_parser("stats", help="count what the store holds")
    stats.add_argument("--db", help=db_help)
    stats.set_defaults(handler=run_stats)


def _paging(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-n", "--limit", type=int, default=10, metavar="N", help="results per page (default 10)")
    parser.add_argument("-p", "--page", type=int, default=1, metavar="P", help="page number (default 1)")


def db_path(args: argparse.Namespace) -> Path | str:
    """Return the database from --db, KABARCHY_DB or the default: a file path, or a postgresql:// URL as given."""
    raw = str(args.db or os.environ.get("KABARCHY_DB") or DEFAULT_DB).strip()
    return raw if "://" in raw else Path(raw).expanduser()


async def open_store(path: Path | str) -> Store:
    """Open the store for a command, turning a bad database file into a one-line error."""
    try:
        return await Store.open(path)
    except (StorageError, OSError, sqlite3.Error) as exc:
        raise CommandError(f"cannot open the database {path}: {exc}") from None


def _existing_db(args: argparse.Namespace) -> Path | str:
    path = db_path(args)
    if isinstance(path, Path) and not path.is_file():
        raise CommandError(f"no database at {path}; store articles first with `kabarchy ingest FILE`")
    return path


# --- reading input files -------------------------------------------------------------------------------------


@dataclass
class InputReport:
    """What reading the input files skipped, for the closing summary."""

    skipped: int = 0
    warnings: list[str] = field(default_factory=list)

    def skip(self, where: str, why: str) -> None:
        """Count a skipped input and keep the first few reasons."""
        self.skipped += 1
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(f"{where}: {why}")


def decode(data: bytes, name: str) -> str:
    """Decode a file's bytes: UTF-8 (with or without BOM), else the most likely legacy encoding."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CommandError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CommandError(f"{name}: cannot tell the text encoding")
    return str(best)


def _parse_published(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("published must be a date")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), tz=UTC)
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        moment = datetime.fromisoformat(text)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise ValueError("published must be an ISO date or a Unix time")


def _optional_str(record: dict[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{key}" must be a string')
    return value.strip() or None


def draft_from_record(record: Any, *, default_source: str | None) -> ArticleDraft:
    """Build a draft from one JSONL object; ValueError says what is wrong with it."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('no "text"')
    try:
        published = _parse_published(record.get("published"))
    except (ValueError, OverflowError, OSError) as exc:
        raise ValueError(f'bad "published": {exc}') from None
    language = _optional_str(record, "language")
    return ArticleDraft(
        text=text,
        title=_optional_str(record, "title"),
        url=_optional_str(record, "url"),
        guid=_optional_str(record, "guid") or (str(record["id"]) if isinstance(record.get("id"), str | int) else None),
        source=_optional_str(record, "source") or default_source,
        published=published,
        author=_optional_str(record, "author"),
        language=language if language in {"ky", "ru", "en"} else None,
    )


def _jsonl_drafts(path: Path, report: InputReport, *, source: str | None) -> Iterator[ArticleDraft]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path.name}:{number}"
            if len(raw) > MAX_LINE_CHARS:
                report.skip(where, "line too long")
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
                yield draft_from_record(record, default_source=source)
            except UnicodeDecodeError:
                report.skip(where, "not UTF-8")
            except json.JSONDecodeError as exc:
                report.skip(where, f"not JSON ({exc.msg})")
            except ValueError as exc:
                report.skip(where, str(exc))


def _file_draft(path: Path, *, source: str | None) -> ArticleDraft:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1_000_000
        raise CommandError(f"{path} is {size // 1_000_000} MB; an article file is at most {limit} MB")
    data = path.read_bytes()
    text = decode(data, str(path))
    if not text.strip():
        raise CommandError(f"{path} is empty")
    if path.suffix.lower() in HTML_SUFFIXES:
        from news.parse import draft_from_page, extract_page

        try:
            page = extract_page(data, url=f"file://{path.resolve()}")
        except Exception as exc:  # a malformed page still has text for analyse, which reads HTML too
            logger.info("page extraction failed for %s (%s); analysing the raw HTML", path, exc)
        else:
            draft = draft_from_page(page)
            return ArticleDraft(
                text=draft.text,
                title=draft.title,
                source=source,
                published=draft.published,
                author=draft.author,
                language=draft.language,
            )
    return ArticleDraft(text=text, source=source)


def count_inputs(paths: list[Path]) -> int:
    """Count the articles the files hold (JSONL: non-blank lines), for the progress bar."""
    total = 0
    for path in paths:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


def iter_drafts(paths: list[Path], report: InputReport, *, source: str | None) -> Iterator[ArticleDraft]:
    """Yield drafts from every file in order, counting what cannot be read."""
    for path in paths:
        name = source or path.stem
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_drafts(path, report, source=name)
            continue
        try:
            draft = _file_draft(path, source=name)
        except CommandError as exc:
            report.skip(path.name, str(exc))
            continue
        yield draft


def _check_files(files: list[str]) -> list[Path]:
    paths = []
    for name in files:
        path = Path(name).expanduser()
        if not path.exists():
            raise CommandError(f"no such file: {name}")
        if path.is_dir():
            raise CommandError(f"{name} is a directory; give the files inside it")
        try:
            with path.open("rb"):
                pass
        except OSError as exc:
            raise CommandError(f"cannot read {name}: {exc.strerror or exc}") from None
        paths.append(path)
    return paths


# --- commands ------------------------------------------------------------------------------------------------


def run_ingest(args: argparse.Namespace) -> int:
    """Run `kabarchy ingest`; return 0 when every input was stored or recognised, 1 when some were skipped."""
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    if args.workers < 0:
        raise CommandError("--workers cannot be negative")
    paths = _check_files(args.files)
    return asyncio.run(_ingest(args, paths))


async def _ingest(args: argparse.Namespace, paths: list[Path]) -> int:
    from tqdm import tqdm

    total = count_inputs(paths)
    report = InputReport()
    counts: Counter[str] = Counter()
    rejected: list[str] = []
    path = db_path(args)
    store = await open_store(path)
    pool = WorkerPool(args.workers, timeout=ANALYSIS_TIMEOUT)
    bar = tqdm(total=total, unit="article", disable=True if args.quiet else None, file=sys.stderr, dynamic_ncols=True)
    try:
        drafts = iter_drafts(paths, report, source=args.source)
        ingester = Ingester(store, pool)
        async for result in ingester.save_many(drafts, batch_size=args.batch_size, backlog=args.backlog):
            counts[result.status] += 1
            if result.status is SaveStatus.REJECTED and len(rejected) < MAX_WARNINGS:
                rejected.append(result.error or "rejected")
            bar.update(1)
            bar.set_postfix(new=counts[SaveStatus.NEW], dup=counts[SaveStatus.DUPLICATE], refresh=False)
        # Lines skipped as unreadable still moved through the file.
        bar.update(max(0, total - bar.n))
    finally:
        bar.close()
        await pool.aclose()
        await store.close()
    print(
        f"{counts[SaveStatus.NEW]} new, {counts[SaveStatus.UPDATED]} updated, "
        f"{counts[SaveStatus.DUPLICATE]} already stored, {counts[SaveStatus.REJECTED]} rejected, "
        f"{report.skipped} unreadable; database {path}"
    )
    for warning in report.warnings:
        print(f"skipped {warning}", file=sys.stderr)
    for reason in rejected:
        print(f"rejected: {reason}", file=sys.stderr)
    return 1 if report.skipped or counts[SaveStatus.REJECTED] else 0


def _page_args(args: argparse.Namespace) -> tuple[int, int]:
    if not 1 <= args.limit <= 100:
        raise CommandError("--limit must be between 1 and 100")
    if args.page < 1:
        raise CommandError("--page starts at 1")
    return args.limit, (args.page - 1) * args.limit


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment else "undated"


def run_quotes(args: argparse.Namespace) -> int:
    """Run `kabarchy quotes`."""
    limit, offset = _page_args(args)
    query = " ".join(args.query).strip()
    if args.speaker and not query:
        raise CommandError("--speaker needs a name")
    return asyncio.run(_quotes(_existing_db(args), query, limit=limit, offset=offset, speaker=args.speaker))


async def _quotes(path: Path, query: str, *, limit: int, offset: int, speaker: bool) -> int:
    store = await open_store(path)
    try:
        if not query:
            page = await store.quotes.latest_key(limit=limit, offset=offset)
        elif speaker:
            page = await store.quotes.by_speaker(query, limit=limit, offset=offset)
        else:
            page = await store.quotes.search(query, limit=limit, offset=offset)
    finally:
        await store.close()
    if not page.items:
        print("No quotes found." if query else "No quotes stored yet.")
        return 0
    for number, quote in enumerate(page.items, start=offset + 1):
        print(f"{number}. «{quote.text}»")
        print(f"   — {quote.speaker or 'unnamed'} · {quote.article_title or 'untitled'} · {_when(quote.published)}"
              f" · article {quote.article_id}")
    print(_footer(page.total, page.total_exact, page.has_more))
    return 0


def run_search(args: argparse.Namespace) -> int:
    """Run `kabarchy search`."""
    limit, offset = _page_args(args)
    query = " ".join(args.query).strip()
    if not query:
        raise CommandError("give some words to search for")
    return asyncio.run(_search(_existing_db(args), query, limit=limit, offset=offset))


async def _search(path: Path, query: str, *, limit: int, offset: int) -> int:
    store = await open_store(path)
    try:
        page = await store.articles.search(query, limit=limit, offset=offset)
    finally:
        await store.close()
    if not page.items:
        print("No articles found.")
        return 0
    for number, article in enumerate(page.items, start=offset + 1):
        print(f"{number}. [{article.id}] {article.title or 'untitled'} ({article.source or 'unknown source'},"
              f" {_when(article.published or article.fetched)}, {article.language})")
        if article.lead:
            print(f"   {article.lead}")
    print(_footer(page.total, page.total_exact, page.has_more))
    return 0


def _footer(total: int, exact: bool, more: bool) -> str:
    count = f"{total}" if exact else f"more than {total}"
    return f"{count} found" + ("; next page: --page N+1" if more else "")


def run_stats(args: argparse.Namespace) -> int:
    """Run `kabarchy stats`."""
    return asyncio.run(_stats(_existing_db(args)))


async def _stats(path: Path) -> int:
    store = await open_store(path)
    try:
        stats = await store.stats()
    finally:
        await store.close()
    languages = ", ".join(f"{lang} {n}" for lang, n in stats.languages) or "none"
    print(f"database     {path} ({stats.db_bytes / 1_000_000:.1f} MB)")
    print(f"articles     {stats.articles} ({languages})")
    print(f"quotes       {stats.quotes} by {stats.speakers} speakers")
    print(f"sources      {stats.sources}; feeds {stats.feeds}")
    print(f"chats        {stats.chats}; digest subscribers {stats.subscribers}")
    if stats.newest:
        print(f"newest       {stats.newest:%Y-%m-%d %H:%M} UTC; oldest {stats.oldest:%Y-%m-%d %H:%M} UTC")
    return 0
