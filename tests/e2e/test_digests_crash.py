"""kill -9 in the middle of a digest fan-out: the real `kabarchy run` process, restarted, loses nothing.

Every subscriber is due when the bot starts. The bot is killed (SIGKILL) after a third of the digests went out,
then started again on the same database: it takes the lease over from its dead predecessor at once, resumes the
open deliveries, and every subscriber ends with its digest, twice at most for the one message in flight at the
moment of the kill.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from botapi_emulator import Emulator
from storage import Store
from tests.digest_articles import EN_SOLAR, KY_ROADS, KY_WATER, RU_FLOOD
from tests.e2e.conftest import ROOT, Location, bot_env, read_db, seed_database, start_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

SUBSCRIBERS = 24
RATE = 6  # messages per second: a message is in flight for milliseconds, the next starts 1/6 s later


async def make_subscribers(db: Location, chats: list[int]) -> None:
    """Store one subscriber per chat, due a minute ago, before any article (so every article is new to them)."""
    store = await Store.open(db)
    try:
        due = datetime.now(UTC) - timedelta(minutes=1)
        for chat in chats:
            await store.subscribers.subscribe(chat, timezone="Asia/Bishkek", next_due_at=due)
    finally:
        await store.close()


async def wait_until(predicate, *, timeout: float) -> None:  # noqa: ANN001 - a callable returning bool
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the condition did not come true in time")
        await asyncio.sleep(0.1)


async def test_kill_9_during_the_fan_out_then_restart_delivers_everything_once(
    e2e_emulator: Emulator, database: Location, tmp_path: Path
) -> None:
    emulator = e2e_emulator
    chats = await emulator.create_users(SUBSCRIBERS, language_code="ky")
    await make_subscribers(database, chats)
    await seed_database(database, [KY_ROADS, KY_WATER, RU_FLOOD, EN_SOLAR])
    env = {"KABARCHY_MESSAGES_PER_SECOND": str(RATE)}
    before = await emulator.call_count(method="sendMessage", ok=True)

    first = await start_bot(emulator, db=database, workdir=tmp_path, env=env)
    await emulator.wait_for_calls(before + SUBSCRIBERS // 3, method="sendMessage", ok=True, timeout=30)
    killed_at = time.time()
    await first.stop(signal.SIGKILL)
    states = dict(read_db(database, "SELECT state, count(*) FROM deliveries GROUP BY state"))
    assert states.get("intent", 0) > 0, states  # the kill left digests unfinished

    second = await start_bot(emulator, db=database, workdir=tmp_path, env=env)
    try:
        # Well within the lease's 30 s time to live: the dead holder's lease was taken over at once.
        await wait_until(
            lambda: read_db(database, "SELECT count(*) FROM deliveries WHERE state = 'sent'")[0][0] == SUBSCRIBERS,
            timeout=25,
        )
    finally:
        await second.stop()
    second.assert_clean_exit()

    calls = [c for c in await emulator.calls(method="sendMessage", ok=True) if c.chat_id in set(chats)]
    received = Counter(c.chat_id for c in calls)
    assert set(received) == set(chats), "a subscriber got no digest"
    twice = [chat for chat, count in received.items() if count > 1]
    assert max(received.values()) <= 2
    assert len(twice) <= 1, f"more than the one message in flight was repeated: {twice}"
    for chat in twice:
        first_copy = min(c.at for c in calls if c.chat_id == chat)
        assert killed_at - 2.0 <= first_copy <= killed_at, "a repeat of a message that was not in flight"
    rows = read_db(database, "SELECT state, count(*) FROM deliveries GROUP BY state")
    assert dict(rows) == {"sent": SUBSCRIBERS}
    watermarks = read_db(database, "SELECT DISTINCT watermark_article_id FROM subscribers")
    newest = read_db(database, "SELECT max(id) FROM articles")[0][0]
    assert watermarks == [(newest,)]


# A bot process reduced to its digest scheduler: the same lease, the same database, the same sender.
SCHEDULER_PROCESS = """
import asyncio, os, sys
from telegram.ext import ApplicationBuilder
from bot.digests import DigestScheduler
from storage import Store

async def main(db, root, expected):
    store = await Store.open(db)
    application = ApplicationBuilder().token(os.environ["TELEGRAM_BOT_TOKEN"]).base_url(root + "/bot").build()
    try:
        async with application:
            await application.start()  # its JobQueue is the scheduler's timer, as in the bot
            scheduler = DigestScheduler(store, application.bot, rate=20)
            await scheduler.start(application.job_queue)
            for _ in range(300):  # until every digest is sent, whoever sends them (30 s at most)
                if (await store.deliveries.count_by_state()).get("sent", 0) >= expected:
                    break
                await asyncio.sleep(0.1)
            await scheduler.stop()
            await application.stop()
            print(scheduler.sender.stats.messages, flush=True)
    finally:
        await store.close()

asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
"""


async def test_two_processes_on_one_database_never_both_send(
    e2e_emulator: Emulator, database: Location, tmp_path: Path
) -> None:
    emulator = e2e_emulator
    chats = await emulator.create_users(30, language_code="ru")
    await make_subscribers(database, chats)
    await seed_database(database, [RU_FLOOD, EN_SOLAR])
    env = {**bot_env(emulator, database), "PYTHONPATH": str(ROOT)}
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", SCHEDULER_PROCESS, str(database), emulator.root, str(len(chats)),
            env=env, cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
        )
        for _ in range(2)
    ]
    outputs = [await p.communicate() for p in processes]
    assert [p.returncode for p in processes] == [0, 0]
    sent = sorted(int(out.strip() or 0) for out, _ in outputs)
    assert sent == [0, 30]  # one held the lease and sent everything; the other never sent
    calls = await emulator.calls(method="sendMessage", ok=True)
    received = Counter(c.chat_id for c in calls if c.chat_id in set(chats))
    assert received == Counter({chat: 1 for chat in chats})
