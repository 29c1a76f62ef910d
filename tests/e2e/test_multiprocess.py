"""Three `kabarchy run` processes in webhook mode behind one address, on one PostgreSQL database.

The emulator delivers updates to a webhook URL, which is a small round-robin proxy (tests/e2e/roundrobin.py) in
front of the three processes, as README "Several processes" sets them up. The tests show what the setup promises:

- every update is answered once, by whichever process it reached;
- 300 subscribers due at the same minute get exactly one digest each, with one process killed with `kill -9` in the
  middle of the fan-out (at most one message repeated in all: the one in flight), and no second holds more messages
  than the configured global rate;
- a feed is polled once per interval, not once per process.

They need PostgreSQL (tests/postgres.py) and skip, saying so, without it.
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from botapi_emulator import Emulator
from storage import Store
from tests import postgres
from tests.digest_articles import EN_SOLAR, KY_ROADS, KY_WATER, RU_FLOOD
from tests.e2e.conftest import BotProcess, bot_env, free_port, seed_database
from tests.e2e.roundrobin import RoundRobin
from tests.webserver import WebServer

pytestmark = pytest.mark.timeout(240)

PROCESSES = 3
SUBSCRIBERS = 300
RATE = 25  # the configured global rate, messages per second
SECRET = "multi-process-secret"
GLACIERS = "Tien Shan glaciers lost a fifth of their ice in thirty years, study finds"  # a demo article
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Кабар</title><link>http://fixtures.invalid/</link>
<item><title>Нарында жаңы көпүрө ачылды</title><link>http://fixtures.invalid/bridge</link>
<guid>bridge-1</guid><description>Нарын шаарында жаңы көпүрө ачылды. Курулуш эки жылга созулду, деди аким.</description>
</item></channel></rss>"""


@pytest.fixture
async def database() -> AsyncIterator[str]:
    """A fresh, migrated PostgreSQL database (skips when PostgreSQL is not available)."""
    postgres.require()
    dsn = await postgres.create_database()
    try:
        yield dsn
    finally:
        await postgres.drop_database(dsn)


async def query(dsn: str, sql: str, *params: object) -> list[tuple]:
    conn = await asyncpg.connect(dsn)
    try:
        return [tuple(r) for r in await conn.fetch(sql, *params)]
    finally:
        await conn.close()


async def listening(port: int, process: asyncio.subprocess.Process, *, timeout: float = 60.0) -> None:
    """Wait until a process serves its webhook port."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.returncode is not None:
            raise AssertionError(f"a bot process exited with {process.returncode} at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            await asyncio.sleep(0.1)
    raise TimeoutError(f"nothing listened on {port} within {timeout}s")


async def start_processes(
    emulator: Emulator, dsn: str, proxy_ports: list[int], proxy: RoundRobin, tmp_path: Path, env: dict[str, str]
) -> list[BotProcess]:
    """Start one webhook process per port, all on `dsn`, all told the proxy's address."""
    bots = []
    for index, port in enumerate(proxy_ports):
        full = bot_env(emulator, tmp_path / "unused.db")
        full.update(
            KABARCHY_DB=dsn,
            KABARCHY_WEBHOOK_URL=proxy.url("/hook"),
            KABARCHY_WEBHOOK_SECRET=SECRET,
            KABARCHY_WEBHOOK_LISTEN="127.0.0.1",
            KABARCHY_WEBHOOK_PORT=str(port),
            **env,
        )
        log = tmp_path / f"bot-{index}.log"
        with log.open("wb") as output:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "-v", "run",
                cwd=tmp_path, env=full, stdin=asyncio.subprocess.DEVNULL, stdout=output, stderr=output,
            )
        bots.append(BotProcess(process, tmp_path / "unused.db", full, log))
    try:
        for bot, port in zip(bots, proxy_ports, strict=True):
            await listening(port, bot.process)
    except BaseException:
        for bot in bots:
            await bot.stop(signal.SIGKILL)
        raise
    return bots


async def stop_all(bots: list[BotProcess]) -> None:
    for bot in bots:
        await bot.stop()
    for bot in bots:
        if bot.returncode != -signal.SIGKILL:
            bot.assert_clean_exit()


def busiest_second(times: list[float]) -> int:
    times = sorted(times)
    most, low = 0, 0
    for high, moment in enumerate(times):
        while moment - times[low] >= 1.0:
            low += 1
        most = max(most, high - low + 1)
    return most


async def test_updates_through_one_address_are_answered_once_by_any_process(
    emulator: Emulator, database: str, tmp_path: Path
) -> None:
    await seed_database(database)  # type: ignore[arg-type]  # the demo articles, as the conversation tests have
    ports = [free_port() for _ in range(PROCESSES)]
    async with RoundRobin(ports) as proxy:
        bots = await start_processes(emulator, database, ports, proxy, tmp_path, {})
        try:
            users = [(await emulator.create_user(first_name=f"U{i}", language_code="ky"))["id"] for i in range(30)]
            for user in users:
                await emulator.send_message(user, "/start")
            for user in users:
                await emulator.next_bot_message(user, timeout=30)
            await asyncio.sleep(1.0)  # nothing more comes
            replies = Counter({user: len(await emulator.bot_messages(user)) for user in users})
            # Search on PostgreSQL answers as on SQLite (tests/e2e/test_conversation.py), whichever process answers.
            answers = {}
            for user, command in zip(users, ("/quotes Токтосуновдун", "/quotes троллейбус", "/search троллейбус",
                                             "/search glaciers", "/search ледники glaciers",
                                             '/quotes "; DROP TABLE quotes; --'),
                                     strict=False):
                await emulator.send_message(user, command)
                answers[command] = (await emulator.next_bot_message(user, timeout=30)).text
        finally:
            await stop_all(bots)
    assert replies == Counter({user: 1 for user in users})
    assert "Нурлан Токтосунов" in answers["/quotes Токтосуновдун"]
    assert "Гүлнара Осмонова" in answers["/quotes троллейбус"]
    assert "Бишкекте Чүй проспекти боюнча жаңы троллейбус линиясы ачылат" in answers["/search троллейбус"]
    assert GLACIERS in answers["/search glaciers"]
    assert GLACIERS not in answers["/search ледники glaciers"]  # every word must match, in one article
    assert "Токтосунов" not in answers['/quotes "; DROP TABLE quotes; --']  # a hostile query matches nothing
    assert len([port for port in ports if proxy.served[port] > 0]) == PROCESSES  # every process took its turn


async def test_three_processes_one_killed_mid_fan_out_every_subscriber_gets_one_digest(
    emulator: Emulator, database: str, tmp_path: Path
) -> None:
    chats = await emulator.create_users(SUBSCRIBERS, language_code="ky")
    store = await Store.open(database)
    try:
        due = datetime.now(UTC) - timedelta(minutes=1)
        for chat in chats:
            await store.subscribers.subscribe(chat, timezone="Asia/Bishkek", next_due_at=due)
    finally:
        await store.close()
    await seed_database(database, [KY_ROADS, KY_WATER, RU_FLOOD, EN_SOLAR])  # type: ignore[arg-type]
    ports = [free_port() for _ in range(PROCESSES)]
    async with WebServer() as web, RoundRobin(ports) as proxy:
        feed_url = web.add("/rss.xml", FEED, content_type="application/rss+xml")
        store = await Store.open(database)
        try:
            await store.feeds.add(feed_url, interval_minutes=1)
        finally:
            await store.close()
        env = {"KABARCHY_MESSAGES_PER_SECOND": str(RATE), "KABARCHY_FETCH_PRIVATE": "true"}
        started = time.time()
        bots = await start_processes(emulator, database, ports, proxy, tmp_path, env)
        try:
            deadline = time.monotonic() + 60
            while (await emulator.call_count(method="sendMessage", ok=True)) < SUBSCRIBERS // 3:
                assert time.monotonic() < deadline, "the fan-out did not start"
                await asyncio.sleep(0.05)
            holder = (await query(database, "SELECT holder FROM leases WHERE name = 'digests'"))[0][0]
            pid = int(holder.split("|")[-2])
            victim = next(bot for bot in bots if bot.process.pid == pid)
            killed_at = time.time()
            await victim.stop(signal.SIGKILL)
            survivors = [bot for bot in bots if bot is not victim]
            assert (await query(database, "SELECT count(*) FROM deliveries WHERE state = 'intent'"))[0][0] > 0
            deadline = time.monotonic() + 90
            while (await query(database, "SELECT count(*) FROM deliveries WHERE state = 'sent'"))[0][0] < SUBSCRIBERS:
                assert time.monotonic() < deadline, "the survivors did not finish the fan-out"
                await asyncio.sleep(0.2)
            new_holder = (await query(database, "SELECT holder FROM leases WHERE name = 'digests'"))[0][0]
            feed_hits = web.hits("/rss.xml")
            elapsed = time.time() - started
        finally:
            await stop_all(bots)

    assert int(new_holder.split("|")[-2]) in {bot.process.pid for bot in survivors}
    calls = [c for c in await emulator.calls(method="sendMessage", ok=True) if c.chat_id in set(chats)]
    received = Counter(c.chat_id for c in calls)
    assert set(received) == set(chats), "a subscriber got no digest"
    assert sum(received.values()) - SUBSCRIBERS <= 1, f"more than the message in flight was repeated: {received}"
    for chat in [chat for chat, count in received.items() if count > 1]:
        assert min(c.at for c in calls if c.chat_id == chat) <= killed_at, "a repeat of a message not in flight"
    assert busiest_second([c.at for c in calls]) <= RATE
    # Polled once in this minute by one of three processes, though every one of them runs a poller.
    assert 1 <= feed_hits <= 1 + int(elapsed // 60), (feed_hits, elapsed)
    assert (await query(database, "SELECT count(*) FROM articles WHERE url LIKE '%/bridge'"))[0][0] == 1
