"""Benchmark the conversation: reply times of the real bot with 100,000 stored articles, over the local emulator.

    .venv/bin/python bench/conversation.py [--articles 100000] [--samples 200] [--users 10]

Builds (once; cached as bench/out/articles-<N>.db, keyed by size) a database of N generated articles with
bench/storage.py's generator, starts the emulator in this process and the real `kabarchy run` process on that
database, then measures, as a user sees it, the time from sending a message to the bot's reply reaching the emulator:

    /latest               the newest articles
    /quotes <word>        a quote search (varied words: common, inflected, rare, names, misses, hostile syntax)
    inline "@bot <word>"  an inline query, until answerInlineQuery arrives

one request at a time with --pause between them (p50, p95, max; target p95 <= 100 ms), then the same mix from
--users users at once, back to back. As a baseline in the same run it times the store calls alone for the same
requests, so the bot's own overhead shows.

The pause matters: the bot's AIORateLimiter keeps all its messages under Telegram's ~30 per second, so requests
sent back to back are answered one every 33 ms by design (the crowd phase shows that ceiling).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.storage import Generator, percentile, queries  # noqa: E402
from bot.ingest import Ingester  # noqa: E402
from bot.workers import WorkerPool  # noqa: E402
from botapi_emulator import DEFAULT_TOKEN, Emulator  # noqa: E402
from storage import Store  # noqa: E402

OUT = ROOT / "bench" / "out"
TARGET_P95_MS = 100.0
WARMUP = 20


async def build_database(path: Path, count: int, *, workers: int) -> None:
    """Store `count` generated articles at `path` (through a temporary file, so a killed build leaves nothing)."""
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    gen = Generator()
    started = time.perf_counter()
    store = await Store.open(partial)
    pool = WorkerPool(workers)
    try:
        done = 0
        async for _ in Ingester(store, pool).save_many(gen.drafts(count), batch_size=64):
            done += 1
            if done % 10_000 == 0:
                rate = done / (time.perf_counter() - started)
                print(f"  seeded {done:>7} articles ({rate:.0f}/s)", flush=True)
    finally:
        pool.close()
        await store.close()
    partial.rename(path)
    print(f"seeded {count} articles in {time.perf_counter() - started:.0f} s -> {path}")


async def database(count: int, *, workers: int) -> Path:
    """Return the cached database of `count` articles, building it when missing."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"articles-{count}.db"
    if path.exists():
        print(f"using cached {path}")
    else:
        print(f"building {path} (a few minutes for 100,000; cached for the next run)")
        await build_database(path, count, workers=workers)
    return path


def stats(times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    p50, p95 = percentile(ms, 50), percentile(ms, 95)
    return f"p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {max(ms):6.1f} ms   (n={len(ms)})"


async def start_bot(emulator: Emulator, db: Path, workdir: Path) -> asyncio.subprocess.Process:
    """Start `kabarchy run` on the database and wait until it polls."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KABARCHY_"))}
    env.update(TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN, TELEGRAM_API_URL=emulator.root, KABARCHY_DB=str(db),
               KABARCHY_ADMINS="", PTB_TIMEDELTA="1")
    log = (workdir / "bot.log").open("wb")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=workdir, env=env, stdin=asyncio.subprocess.DEVNULL,
        stdout=log, stderr=log,
    )
    log.close()
    await emulator.wait_until_polling(timeout=120)
    return process


async def measure(run: Callable[[str], Awaitable[None]], inputs: list[str], *, pause: float = 0.0) -> list[float]:
    """Time run(text) for each input, one at a time, `pause` seconds apart."""
    times = []
    for text in inputs:
        started = time.perf_counter()
        await run(text)
        times.append(time.perf_counter() - started)
        if pause:
            await asyncio.sleep(pause)
    return times


async def main(args: argparse.Namespace) -> int:
    db = await database(args.articles, workers=args.workers)
    rng = random.Random(5)
    words = queries(Generator(), rng)
    word_mix = [w for w in words["quotes by words"] if len(w) < 200] + words["quotes by speaker"]
    rng.shuffle(word_mix)
    quote_inputs = word_mix[: args.samples]
    inline_inputs = [w for w in word_mix[args.samples :] if len(w) <= 64][: args.samples] or quote_inputs

    # Baseline: the store calls alone, in this process, on the same database.
    async with await Store.open(db) as store:
        for q in quote_inputs[:WARMUP]:
            await store.quotes.search(q, limit=5)
        base_latest = await measure(lambda _: store.articles.latest(limit=5), ["" for _ in range(args.samples)])
        base_quotes = await measure(lambda q: store.quotes.search(q, limit=5), quote_inputs)
        base_inline = await measure(lambda q: store.quotes.search(q, limit=10), inline_inputs)

    workdir = Path(tempfile.mkdtemp(prefix="kabarchy-bench-conversation-"))
    async with Emulator() as emulator:
        process = await start_bot(emulator, db, workdir)
        try:
            user = (await emulator.create_user(first_name="Bench", language_code="ky"))["id"]

            async def command(text: str, chat: int = user) -> None:
                await emulator.send_message(chat, text)
                await emulator.next_bot_message(chat, timeout=30)

            async def inline(text: str, who: int = user) -> None:
                await emulator.send_inline_query(who, text, timeout=30)

            for q in quote_inputs[:WARMUP]:
                await command(f"/quotes {q}")
                await inline(q)
            for _ in range(WARMUP):
                await command("/latest")
            latest = await measure(lambda _: command("/latest"), ["" for _ in range(args.samples)], pause=args.pause)
            quotes_times = await measure(lambda q: command(f"/quotes {q}"), quote_inputs, pause=args.pause)
            inline_times = await measure(inline, inline_inputs, pause=args.pause)

            # Many people at once: each user sends the three kinds in turn.
            users = [(await emulator.create_user(first_name=f"U{n}", language_code="ru"))["id"]
                     for n in range(args.users)]
            together: list[float] = []

            async def person(who: int, index: int) -> None:
                for step in range(max(3, args.samples // args.users)):
                    q = quote_inputs[(index * 31 + step) % len(quote_inputs)]
                    started = time.perf_counter()
                    match step % 3:
                        case 0:
                            await command("/latest", who)
                        case 1:
                            await command(f"/quotes {q}", who)
                        case _:
                            await inline(q, who)
                    together.append(time.perf_counter() - started)

            crowd_started = time.perf_counter()
            await asyncio.gather(*(person(u, i) for i, u in enumerate(users)))
            crowd_seconds = time.perf_counter() - crowd_started
        finally:
            process.send_signal(signal.SIGTERM)
            await process.wait()

    print()
    print(f"database: {args.articles} articles ({db.stat().st_size / 1e6:.0f} MB)")
    print(f"reply time, message sent -> reply received by the emulator, one request at a time, {args.pause:g} s apart:")
    print(f"  /latest          {stats(latest)}")
    print(f"  /quotes <word>   {stats(quotes_times)}")
    print(f"  inline query     {stats(inline_times)}")
    print("baseline, the store call alone in this process:")
    print(f"  latest(5)        {stats(base_latest)}")
    print(f"  quotes.search    {stats(base_quotes)}")
    print(f"  search (10)      {stats(base_inline)}")
    print(f"{args.users} users at once, back to back: {stats(together)};"
          f" {len(together) / crowd_seconds:.0f} replies/s (the rate limiter allows 30 messages/s)")
    worst = max(percentile([t * 1000 for t in xs], 95) for xs in (latest, quotes_times, inline_times))
    ok = worst <= TARGET_P95_MS
    verdict = "PASS" if ok else "FAIL"
    print(f"{verdict}  p95 <= {TARGET_P95_MS:.0f} ms for /latest, /quotes and inline: worst {worst:.1f} ms")
    print(f"bot process exit code {process.returncode}; its log: {workdir / 'bot.log'}")
    if process.returncode == 0:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if ok else 1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000, help="stored articles (default 100,000)")
    parser.add_argument("--samples", type=int, default=200, help="requests of each kind (default 200)")
    parser.add_argument("--users", type=int, default=10, help="users at once in the crowd phase (default 10)")
    parser.add_argument("--pause", type=float, default=0.05, help="seconds between sequential requests (0.05)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="analysis processes for seeding")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
