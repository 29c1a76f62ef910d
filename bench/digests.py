"""Benchmark the digest fan-out: N subscribers due at once, against the Bot API emulator in its own process.

    .venv/bin/python bench/digests.py [--subscribers 10000] [--rate 25] [--burst 5 --burst-wait 3] [--paid] [--inline]

For each of two runs, a fresh database gets N private-chat subscribers, all due now, and a handful of new articles
(written for the tests, tests/digest_articles.py), so every subscriber is owed exactly one digest message:
1. steady: the fan-out as it is;
2. 429 burst: the same, with `--burst` 429 answers (retry_after `--burst-wait` s) injected after a tenth of it.

The bot is the real `kabarchy run` process (unless --inline, which runs the scheduler inside this process, without
the conversation), talking to `python -m botapi_emulator` in another process, so what is measured is the bot alone.
While the fan-out runs, a user sends /latest about twice a second and the reply time is measured.

Printed per run: total time, achieved digest messages/s against the configured limit (target: at least 90% of it),
the busiest second seen by the emulator (never above the limit), 429s answered, whether every subscriber got
exactly one message, the bot's peak memory (VmHWM, i.e. ru_maxrss) and the p50/p95 /latest reply time.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PTB_TIMEDELTA", "1")

from bench.storage import Generator  # noqa: E402
from bot.ingest import Ingester  # noqa: E402
from botapi_emulator import DEFAULT_TOKEN, EmulatorClient  # noqa: E402
from storage import Store  # noqa: E402

FIRST_USER = 50_000_001
DIGEST_ARTICLES = 12  # news for every subscriber's digest (generated, as bench/storage.py writes them)


@dataclass
class RunResult:
    name: str
    subscribers: int
    rate: float
    seconds: float = 0.0
    digest_messages: int = 0
    achieved: float = 0.0
    achieved_outside_waits: float = 0.0
    busiest_second: int = 0
    busiest_all_sends: int = 0
    answered_429: int = 0
    errors: dict = field(default_factory=dict)
    missing: int = 0
    duplicates: int = 0
    states: dict = field(default_factory=dict)
    peak_mb: float = 0.0
    latest_ms: list[float] = field(default_factory=list)
    latest_timeouts: int = 0


def start_emulator() -> tuple[subprocess.Popen, str]:
    """Start `python -m botapi_emulator` on a free port; return the process and its root URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "botapi_emulator", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    root = process.stdout.readline().strip()
    if not root.startswith("http://127.0.0.1:"):
        process.kill()
        raise SystemExit(f"the emulator did not start: {root!r}")
    return process, root


async def prepare_database(path: Path, users: list[int]) -> None:
    """Create a database with one due subscriber per user and new articles for all of them."""
    store = await Store.open(path)
    try:
        now = datetime.now(UTC)
        async with store.db.transaction() as conn:
            stamp = now.isoformat(timespec="seconds")
            await conn.executemany(
                "INSERT INTO chats (id, type, created_at, updated_at) VALUES (?, 'private', ?, ?)",
                [(u, stamp, stamp) for u in users],
            )
            await conn.executemany(
                "INSERT INTO subscribers (chat_id, local_time, timezone, next_due_at, created_at, updated_at)"
                " VALUES (?, '08:00', 'Asia/Bishkek', ?, ?, ?)",
                [(u, stamp, stamp, stamp) for u in users],
            )
        async for _ in Ingester(store).save_many(Generator().drafts(DIGEST_ARTICLES)):
            pass
    finally:
        await store.close()


def peak_memory_mb(pid: int) -> float:
    """Return a process's peak resident memory (VmHWM, what ru_maxrss reports) in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


async def probe_latest(client: EmulatorClient, reader: int, stop: asyncio.Event, result: RunResult) -> None:
    """Send /latest about twice a second while the fan-out runs; record the reply times."""
    await client.mark_read(reader)
    while not stop.is_set():
        started = time.perf_counter()
        await client.send_message(reader, "/latest")
        try:
            await client.next_bot_message(reader, timeout=15)
            result.latest_ms.append((time.perf_counter() - started) * 1000)
        except TimeoutError:
            result.latest_timeouts += 1
        await client.mark_read(reader)
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        except TimeoutError:
            pass


async def delivered(path: Path) -> dict[str, int]:
    store = await Store.open(path, readers=1)
    try:
        return await store.deliveries.count_by_state()
    finally:
        await store.close()


def busiest(times: list[float]) -> int:
    """Return the most answers within any one second (the emulator's own measure)."""
    best, left = 0, 0
    for right, at in enumerate(times):
        while at - times[left] >= 1.0:
            left += 1
        best = max(best, right - left + 1)
    return best


async def run_once(
    client: EmulatorClient, root: str, users: list[int], reader: int, args: argparse.Namespace, *, burst: int
) -> RunResult:
    name = "429 burst" if burst else "steady"
    result = RunResult(name, len(users), args.rate)
    workdir = Path(tempfile.mkdtemp(prefix="kabarchy-bench-"))
    db = workdir / "bench.db"
    await prepare_database(db, users)
    since = await client.call_count()
    ok_before = await client.call_count(method="sendMessage", ok=True)
    stop = asyncio.Event()
    started = time.perf_counter()
    bot_process: subprocess.Popen | None = None
    inline_task: asyncio.Task | None = None
    if args.inline:
        inline_task = asyncio.create_task(run_inline(db, root, args))
    else:
        env = dict(os.environ, TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN, TELEGRAM_API_URL=root, KABARCHY_DB=str(db),
                   KABARCHY_MESSAGES_PER_SECOND=str(args.rate), KABARCHY_ADMINS=str(reader),
                   KABARCHY_PAID_BROADCAST="1" if args.paid else "0")
        bot_process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env)
    prober = None
    if bot_process is not None:
        await client.wait_until_polling(timeout=60)  # probe the conversation once it is up
        prober = asyncio.create_task(probe_latest(client, reader, stop, result))
    try:
        if burst:
            await client.wait_for_calls(ok_before + len(users) // 10, timeout=3600)
            await client.inject_retry_after(burst, retry_after=args.burst_wait)
        while True:
            states = await delivered(db)
            if states.get("sent", 0) + states.get("failed", 0) >= len(users):
                break
            if bot_process is not None and bot_process.poll() is not None:
                raise SystemExit(f"the bot exited with {bot_process.returncode}")
            await asyncio.sleep(0.5)
        result.seconds = time.perf_counter() - started
        result.states = states
        if bot_process is not None:
            result.peak_mb = peak_memory_mb(bot_process.pid)
    finally:
        stop.set()
        if prober is not None:
            await prober
        if bot_process is not None:
            bot_process.send_signal(signal.SIGTERM)
            try:
                bot_process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                bot_process.kill()
                bot_process.wait()
        if inline_task is not None:
            inline_task.cancel()
            await asyncio.gather(inline_task, return_exceptions=True)
            result.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shutil.rmtree(workdir, ignore_errors=True)
    calls = await client.calls(method="sendMessage", since=since)
    wanted = set(users)
    per_chat: dict[int, int] = {}
    digest_times = []
    all_ok = []
    for call in calls:
        if call.ok:
            all_ok.append(call.at)
        if call.chat_id in wanted:
            if call.ok:
                per_chat[call.chat_id] = per_chat.get(call.chat_id, 0) + 1
                digest_times.append(call.at)
            else:
                result.errors[str(call.error_code)] = result.errors.get(str(call.error_code), 0) + 1
    digest_times.sort()
    all_ok.sort()
    result.digest_messages = len(digest_times)
    result.answered_429 = result.errors.get("429", 0)
    if len(digest_times) > 1:
        span = digest_times[-1] - digest_times[0]
        result.achieved = (len(digest_times) - 1) / span
        # The flood waits a 429 imposes are Telegram's orders, not the sender's pace: leave those gaps out.
        waits = sum(b - a for a, b in zip(digest_times, digest_times[1:]) if b - a > 0.5)
        result.achieved_outside_waits = (len(digest_times) - 1) / max(span - waits, 1e-9)
    result.busiest_second = busiest(digest_times)
    result.busiest_all_sends = busiest(all_ok)
    result.missing = sum(1 for u in users if per_chat.get(u, 0) == 0)
    result.duplicates = sum(1 for u in users if per_chat.get(u, 0) > 1)
    return result


async def run_inline(db: Path, root: str, args: argparse.Namespace) -> None:
    """Run the scheduler inside this process (no conversation): the sender's own numbers."""
    from telegram import Bot

    from bot.digests import DigestScheduler

    store = await Store.open(db)
    try:
        async with Bot(DEFAULT_TOKEN, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as bot:
            scheduler = DigestScheduler(store, bot, rate=args.rate, paid_broadcast=args.paid)
            await scheduler.start()
            try:
                await asyncio.Event().wait()
            finally:
                await scheduler.stop()
    finally:
        await store.close()


def report(result: RunResult) -> None:
    share = result.achieved / result.rate if result.rate else 0
    print(f"--- {result.name}: {result.subscribers} subscribers, limit {result.rate:g} messages/s")
    print(f"  total time            {result.seconds:8.1f} s")
    print(f"  digest messages       {result.digest_messages:8d}   missing {result.missing}, duplicates "
          f"{result.duplicates}   deliveries {result.states}")
    print(f"  achieved rate         {result.achieved:8.2f} /s = {share:.1%} of the limit "
          f"({'OK' if share >= 0.9 else 'BELOW 90%'})")
    if result.answered_429:
        outside = result.achieved_outside_waits / result.rate if result.rate else 0
        print(f"  ... outside 429 waits {result.achieved_outside_waits:8.2f} /s = {outside:.1%} of the limit "
              f"({'OK' if outside >= 0.9 else 'BELOW 90%'})")
    print(f"  busiest second        {result.busiest_second:8d}   digests only "
          f"({'OK' if result.busiest_second <= result.rate else 'ABOVE THE LIMIT'}); "
          f"{result.busiest_all_sends} counting every sendMessage")
    print(f"  429 answered          {result.answered_429:8d}   other errors "
          f"{ {k: v for k, v in result.errors.items() if k != '429'} }")
    print(f"  bot peak memory       {result.peak_mb:8.1f} MB (VmHWM / ru_maxrss)")
    if result.latest_ms:
        ordered = sorted(result.latest_ms)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        print(f"  /latest during it     p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, "
              f"max {ordered[-1]:.0f} ms over {len(ordered)} probes ({result.latest_timeouts} timed out)")


async def main(args: argparse.Namespace) -> None:
    emulator, root = start_emulator()
    try:
        async with EmulatorClient(root, request_timeout=120) as client:
            users = await client.create_users(args.subscribers, first_id=FIRST_USER, language_code="ky")
            reader = (await client.create_user(first_name="Reader", language_code="ky"))["id"]
            mode = "inline scheduler" if args.inline else "kabarchy run"
            print(f"emulator {root}; {len(users)} subscribers; mode: {mode}")
            results = [await run_once(client, root, users, reader, args, burst=0)]
            report(results[0])
            if args.burst:
                results.append(await run_once(client, root, users, reader, args, burst=args.burst))
                report(results[1])
                extra = results[1].seconds - results[0].seconds
                print(f"  the burst cost        {extra:8.1f} s more (injected {args.burst} x {args.burst_wait} s)")
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait(timeout=10)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=25.0, help="KABARCHY_MESSAGES_PER_SECOND")
    parser.add_argument("--burst", type=int, default=5, help="429 answers injected in the second run (0: skip it)")
    parser.add_argument("--burst-wait", type=int, default=3, help="retry_after of each injected 429, seconds")
    parser.add_argument("--paid", action="store_true", help="allow_paid_broadcast: rates above 30/s, up to 1000/s")
    parser.add_argument("--inline", action="store_true", help="run the scheduler in this process, not `kabarchy run`")
    return parser.parse_args()


if __name__ == "__main__":
    logging.basicConfig(level=logging.ERROR, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(main(parse_args()))
