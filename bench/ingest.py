"""Benchmark feed ingestion end to end with the real bot, and the bot's responsiveness while it ingests.

    .venv/bin/python bench/ingest.py [--feeds 50] [--items 2000] [--samples 60] [--keep]

Serves a generated news web (bench/ingest_site.py: 50 teaser-only RSS feeds in Kyrgyz, Russian and English, 2,000
items and their pages, some in windows-1251) from its own process, starts the Bot API emulator and the real bot
(`kabarchy run`) as processes, and acts as two users through the emulator:

1. baseline: a user sends /latest again and again while nothing is ingested; reply times from sending the update
   to the bot's answer reaching the emulator;
2. ingest: an admin presses "Check now" in /feeds, the poller fetches every feed and every page, extracts,
   analyses and stores the articles, while the user keeps sending /latest.

Prints items per second end to end (fetch, extract, analyse, store), the /latest p50/p95 during the ingest next to
the target (p95 <= 150 ms), and the same p95 with no ingest as the baseline of this run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest_site import article, feed_paths  # noqa: E402  (bench/ is on the path when run as a script)
from botapi_emulator import DEFAULT_TOKEN, EmulatorClient  # noqa: E402

TARGET_P95_MS = 150.0
ADMIN_ID = 5001
USER_ID = 5002
SEED_ARTICLES = 300


def percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of the values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


@asynccontextmanager
async def child(args: list[str], *, env: dict[str, str] | None = None, first_line: bool = True,
                log: Path | None = None) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    """Start a process; yield it and the first line it prints; stop it with SIGTERM at the end."""
    stderr = log.open("wb") if log else subprocess.DEVNULL
    process = await asyncio.create_subprocess_exec(
        *args, cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE if first_line else subprocess.DEVNULL,
        stderr=stderr,
    )
    try:
        line = ""
        if first_line:
            assert process.stdout is not None
            async with asyncio.timeout(60):
                line = (await process.stdout.readline()).decode().strip()
            if not line:
                raise RuntimeError(f"{args[1:3]} did not start (see {log})")
        yield process, line
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(30):
                    await process.wait()
            except TimeoutError:
                process.kill()
                await process.wait()
        if log:
            stderr.close()  # type: ignore[union-attr]


async def seed_database(path: Path, base_url: str, feeds: int) -> None:
    """Store a few hundred articles (so /latest has a page to show) and the feeds, paused until the ingest."""
    import random

    from bot.ingest import Ingester
    from news.models import ArticleDraft
    from storage import Store

    rng = random.Random(3)
    async with await Store.open(path) as store:
        drafts = []
        for number in range(SEED_ARTICLES):
            language = ("ky", "ru", "en")[number % 3]
            title, paragraphs = article(rng, language, 900_000 + number)
            drafts.append(ArticleDraft(text="\n\n".join(paragraphs), title=title, source="Seed", language=language))
        async for _ in Ingester(store).save_many(drafts):
            pass
        for path_ in feed_paths(feeds):
            feed, _created = await store.feeds.add(base_url + path_)
            await store.feeds.set_paused(feed.id, True)


def database_counts(path: Path) -> tuple[int, int, int]:
    """Return (articles from feeds, feeds polled successfully, feeds failing), read without disturbing the bot."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10) as conn:
        stored = conn.execute("SELECT count(*) FROM articles WHERE feed_id IS NOT NULL").fetchone()[0]
        polled = conn.execute("SELECT count(*) FROM feeds WHERE last_success_at IS NOT NULL").fetchone()[0]
        failing = conn.execute("SELECT count(*) FROM feeds WHERE consecutive_failures > 0").fetchone()[0]
    return stored, polled, failing


async def latest_once(client: EmulatorClient) -> float:
    """Send /latest as the user; return seconds until the bot's reply reached the emulator."""
    started = time.perf_counter()
    await client.send_message(USER_ID, "/latest")
    await client.next_bot_message(USER_ID, timeout=30)
    return time.perf_counter() - started


async def measure_latest(client: EmulatorClient, *, samples: int | None, until: asyncio.Event | None = None,
                         pause: float = 0.05) -> list[float]:
    """Send /latest `samples` times (or until `until` is set), one at a time; return the reply times."""
    times: list[float] = []
    while (samples is None or len(times) < samples) and not (until is not None and until.is_set()):
        times.append(await latest_once(client))
        await asyncio.sleep(pause)
    return times


async def run(args: argparse.Namespace) -> int:
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="kabarchy-ingest-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "kabarchy.db"
    for stale in (db, db.with_name("kabarchy.db-wal"), db.with_name("kabarchy.db-shm")):
        stale.unlink(missing_ok=True)
    python = sys.executable
    site_cmd = [python, str(ROOT / "bench" / "ingest_site.py"), "--feeds", str(args.feeds), "--items", str(args.items)]
    print(f"work dir {workdir}; generating {args.feeds} feeds with {args.items} items and their pages…", flush=True)
    async with child(site_cmd, log=workdir / "site.log") as (_site, base_url):
        await seed_database(db, base_url, args.feeds)
        async with child([python, "-m", "botapi_emulator"], log=workdir / "emulator.log") as (_emu, root):
            async with EmulatorClient(root) as client:
                await client.create_user(ADMIN_ID, first_name="Admin", language_code="en")
                await client.create_user(USER_ID, first_name="Айгүл", language_code="ky")
                env = {
                    **os.environ,
                    "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN,
                    "TELEGRAM_API_URL": root,
                    "KABARCHY_DB": str(db),
                    "KABARCHY_ADMINS": str(ADMIN_ID),
                    "KABARCHY_FETCH_PRIVATE": "true",
                    "KABARCHY_MAX_FETCHES": str(args.fetches),
                    "PYTHONUNBUFFERED": "1",
                }
                bot_cmd = [python, "-m", "bot", "-v", "run"]
                async with child(bot_cmd, env=env, first_line=False, log=workdir / "bot.log") as (bot, _):
                    await client.wait_until_polling(timeout=60)
                    await latest_once(client)  # warm up: first-use imports, caches
                    baseline = await measure_latest(client, samples=args.samples)

                    with sqlite3.connect(db, timeout=10) as conn:
                        conn.execute("UPDATE feeds SET paused = 0")
                    await client.send_message(ADMIN_ID, "/feeds")
                    listing = await client.next_bot_message(ADMIN_ID, timeout=30)
                    started = time.perf_counter()
                    await client.press_button(ADMIN_ID, listing.message_id, "🔄 Check now")
                    done = asyncio.Event()
                    probe = asyncio.create_task(measure_latest(client, samples=None, until=done))
                    stored = polled = failing = 0
                    finished = started
                    try:
                        async with asyncio.timeout(args.timeout):
                            while stored < args.items:
                                await asyncio.sleep(0.25)
                                count, polled, failing = await asyncio.to_thread(database_counts, db)
                                if count != stored:
                                    stored, finished = count, time.perf_counter()
                                # Every feed answered and nothing new for a while: some items could not be stored.
                                if polled + failing >= args.feeds and time.perf_counter() - finished > 15:
                                    break
                    except TimeoutError:
                        print(f"ingest did not finish in {args.timeout:g} s", file=sys.stderr)
                    done.set()
                    during = await probe
                    if bot.returncode is not None:
                        print(f"the bot exited with {bot.returncode}; see {workdir / 'bot.log'}", file=sys.stderr)
                        return 1

    elapsed = finished - started
    print()
    print(f"ingest: {stored} of {args.items} items from {polled} feeds ({failing} failing) in {elapsed:.1f} s"
          f" = {stored / elapsed:.1f} items/s end to end (fetch, extract, analyse, store)")
    for label, times in (("/latest during ingest", during), ("/latest baseline, no ingest", baseline)):
        ms = [t * 1000 for t in times]
        if not ms:
            continue
        p95 = percentile(ms, 0.95)
        mark = ""
        if label.endswith("during ingest"):
            mark = f"  (target p95 <= {TARGET_P95_MS:.0f} ms: {'met' if p95 <= TARGET_P95_MS else 'MISSED'})"
        print(f"{label}: p50 {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {max(ms):.0f} ms,"
              f" n={len(ms)}{mark}")
    if not args.keep and not args.workdir:
        for name in ("kabarchy.db", "kabarchy.db-wal", "kabarchy.db-shm"):
            (workdir / name).unlink(missing_ok=True)
    print(f"logs in {workdir}")
    return 0 if stored >= args.items else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=60, help="baseline /latest requests")
    parser.add_argument("--fetches", type=int, default=8, help="KABARCHY_MAX_FETCHES for the bot")
    parser.add_argument("--timeout", type=float, default=900.0, help="give up on the ingest after this many seconds")
    parser.add_argument("--workdir", help="keep the database and logs here")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
