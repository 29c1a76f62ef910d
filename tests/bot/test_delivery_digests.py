"""Scheduled digests sent through the real sender to the Bot API emulator, with an injected clock.

Each Telegram error the emulator can give is met as the issue asks: 429 -> sent after the wait; 5xx and dropped
connections -> retried; 403 -> subscriber deactivated; migrate_to_chat_id -> moved and delivered.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from telegram import Bot
from telegram.ext import Application

from bot.delivery import BroadcastLimiter, Outcome, effective_rate
from bot.digests import LEASE_NAME, DigestScheduler, holder_is_dead, make_holder
from bot.ingest import Ingester
from botapi_emulator import Emulator
from handlers.digests import compose_for, render_digest
from news.models import ArticleDraft, Frequency
from storage.deliveries import DeliveryState
from news.schedule import next_due
from storage import Store
from tests.digest_articles import (
    EN_SOLAR,
    EN_TRADE,
    KY_ROADS,
    KY_SPORT,
    KY_WATER,
    RU_BUDGET,
    RU_FLOOD,
    numbered,
)

FAST = {"private_interval": 0.02, "group_interval": 0.05, "backoff": 0.02}
# Thursday 2024-05-16, 07:00 in Bishkek (UTC+6): the 08:00 digests are an hour away.
START = datetime(2024, 5, 16, 1, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
async def store(tmp_path: Path, clock: Clock) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "kabarchy.db", clock=clock)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def scheduler(store: Store, emulator_bot: Bot, clock: Clock) -> AsyncIterator[DigestScheduler]:
    running = DigestScheduler(store, emulator_bot, clock=clock, rate=30, **FAST)
    assert await running.hold_lease()
    yield running
    await running.stop()


async def subscribe(store: Store, chat_id: int, clock: Clock, **options) -> int:
    options.setdefault("local_time", time(8, 0))
    options.setdefault("timezone", "Asia/Bishkek")
    sub = await store.subscribers.subscribe(chat_id, **options)
    due = next_due(local_time=sub.local_time, timezone=sub.timezone, frequency=sub.frequency,
                   weekday=sub.weekday, after=clock.now)
    await store.subscribers.set_next_due(sub.id, due)
    return sub.id


async def save(store: Store, *drafts) -> list[int]:
    return [(await Ingester(store).save(d)).article_id for d in drafts]


async def test_digest_goes_out_at_the_local_hour_once_with_the_watermark(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    user = await emulator.create_user(first_name="Айгүл", language_code="ky")
    sub_id = await subscribe(store, user["id"], clock)
    ids = await save(store, KY_ROADS, RU_FLOOD, EN_TRADE)

    report = await scheduler.run_once()  # 07:00 local: not yet
    assert report.claimed == 0 and await emulator.call_count(method="sendMessage") == 0

    clock.now = START + timedelta(hours=1)  # 08:00 in Bishkek
    report = await scheduler.run_once()
    assert report.claimed == 1 and report.outcomes == {Outcome.SENT: 1}
    (message,) = await emulator.bot_messages(user["id"])
    assert KY_ROADS.title in message.text and RU_FLOOD.title in message.text and EN_TRADE.title in message.text
    assert "Эрмек Жумабаев" in message.text  # a key quote with its speaker
    assert 'href="https://kabar.example/ky/roads-2024"' in message.source
    (delivery,) = await store.deliveries.for_subscriber(sub_id)
    assert delivery.state is DeliveryState.SENT and delivery.message_ids == (message.message_id,)
    assert delivery.slot == "2024-05-16T08:00+06:00"
    sub = await store.subscribers.get(sub_id)
    assert sub is not None and sub.watermark_article_id == max(ids)
    assert sub.next_due_at == datetime(2024, 5, 17, 2, 0, tzinfo=UTC)

    clock.now += timedelta(minutes=30)  # a second pass within the hour sends nothing again
    assert (await scheduler.run_once()).claimed == 0
    clock.now = datetime(2024, 5, 17, 2, 0, tzinfo=UTC)  # next morning, nothing new: no digest at all
    report = await scheduler.run_once()
    assert report.claimed == 0 and report.skipped == 1
    assert len(await emulator.bot_messages(user["id"])) == 1

    await save(store, EN_SOLAR)  # a new article: the next day's digest holds only it
    clock.now = datetime(2024, 5, 18, 2, 0, tzinfo=UTC)
    await scheduler.run_once()
    latest = (await emulator.bot_messages(user["id"]))[-1]
    assert EN_SOLAR.title in latest.text and KY_ROADS.title not in latest.text


async def test_time_zones_each_at_their_own_local_hour(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    zones = {"Asia/Bishkek": None, "Europe/Moscow": None, "Europe/London": None, "America/New_York": None}
    for name in zones:
        user = await emulator.create_user(first_name=name)
        zones[name] = user["id"]
        await subscribe(store, user["id"], clock, timezone=name)
    await save(store, KY_WATER)
    sent_at: dict[str, datetime] = {}
    for hour in range(30):  # step through the day hour by hour from 01:00 UTC
        clock.now = START + timedelta(hours=hour)
        await scheduler.run_once()
        for name, chat in zones.items():
            if name not in sent_at and await emulator.bot_messages(chat):
                sent_at[name] = clock.now
    assert sent_at == {
        "Asia/Bishkek": datetime(2024, 5, 16, 2, 0, tzinfo=UTC),
        "Europe/Moscow": datetime(2024, 5, 16, 5, 0, tzinfo=UTC),
        "Europe/London": datetime(2024, 5, 16, 7, 0, tzinfo=UTC),  # BST
        "America/New_York": datetime(2024, 5, 16, 12, 0, tzinfo=UTC),  # EDT
    }


async def test_dst_change_days_send_exactly_one_digest_per_day(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    london = await emulator.create_user(first_name="London")
    clock.now = datetime(2024, 10, 26, 12, 0, tzinfo=UTC)
    sub_id = await subscribe(store, london["id"], clock, timezone="Europe/London", local_time=time(1, 30))
    for step in range(3 * 72):  # three days, in 20-minute steps, across the fall-back night
        clock.now = datetime(2024, 10, 26, 12, 0, tzinfo=UTC) + timedelta(minutes=20 * step)
        if step % 12 == 0:
            await save(store, numbered(RU_BUDGET, step))
        await scheduler.run_once()
    slots = sorted(d.slot for d in await store.deliveries.for_subscriber(sub_id))
    assert slots == ["2024-10-27T01:30+01:00", "2024-10-28T01:30+00:00", "2024-10-29T01:30+00:00"]


async def test_down_at_the_hour_gets_one_catch_up_digest_only(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    user = await emulator.create_user()
    sub_id = await subscribe(store, user["id"], clock)
    await save(store, KY_ROADS)
    clock.now = START + timedelta(days=3, hours=5)  # the bot was down Thursday to Sunday 12:00 Bishkek time
    report = await scheduler.run_once()
    assert report.claimed == 1
    assert len(await emulator.bot_messages(user["id"])) == 1
    (delivery,) = await store.deliveries.for_subscriber(sub_id)
    assert delivery.slot == "2024-05-19T08:00+06:00"  # the latest missed one
    sub = await store.subscribers.get(sub_id)
    assert sub is not None and sub.next_due_at == datetime(2024, 5, 20, 2, 0, tzinfo=UTC)


async def test_pause_filters_and_weekly(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    paused, russian, keyword, weekly = [(await emulator.create_user())["id"] for _ in range(4)]
    paused_id = await subscribe(store, paused, clock)
    await subscribe(store, russian, clock, languages=["ru"])
    await subscribe(store, keyword, clock, include=["суу"], exclude=["Ош шаары"])
    await subscribe(store, weekly, clock, frequency=Frequency.WEEKLY, weekday=0)
    await store.subscribers.set_paused(paused_id, True)
    await save(store, KY_ROADS, KY_WATER, RU_FLOOD, EN_TRADE)
    clock.now = START + timedelta(hours=1)
    await scheduler.run_once()
    assert await emulator.bot_messages(paused) == []
    (ru,) = await emulator.bot_messages(russian)
    assert RU_FLOOD.title in ru.text and KY_ROADS.title not in ru.text and EN_TRADE.title not in ru.text
    (water,) = await emulator.bot_messages(keyword)
    assert KY_WATER.title in water.text and KY_ROADS.title not in water.text
    assert await emulator.bot_messages(weekly) == []  # Thursday
    clock.now = datetime(2024, 5, 20, 2, 0, tzinfo=UTC)  # Monday 08:00
    await scheduler.run_once()
    assert len(await emulator.bot_messages(weekly)) == 1


async def test_long_digest_is_split_with_a_more_button_and_resumes_after_a_crash(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    user = await emulator.create_user()
    sub_id = await subscribe(store, user["id"], clock)
    await save(store, *[long_story(n) for n in range(10)])
    clock.now = START + timedelta(hours=1)
    await scheduler.claim_due()
    (job,) = await store.deliveries.open_jobs()
    # A crash after the first message: it was sent and recorded, the rest was not.
    first = await emulator_bot_send(scheduler, job)
    report = await scheduler.send_open()
    assert report.outcomes == {Outcome.SENT: 1}
    messages = await emulator.bot_messages(user["id"])
    assert len(messages) >= 2 and messages[0].message_id == first
    assert all(len(m.text) <= 4096 for m in messages)
    assert messages[-1].button_texts and messages[-1].buttons[0]["callback_data"].startswith("k1:dg:")
    assert all(not m.button_texts for m in messages[:-1])
    (delivery,) = await store.deliveries.for_subscriber(sub_id)
    assert delivery.message_ids == tuple(m.message_id for m in messages)  # nothing sent twice


def long_story(number: int) -> ArticleDraft:
    """Return a long Russian report whose digest entry fills a good part of a message."""
    district = ["Ленинском", "Октябрьском", "Свердловском", "Первомайском"][number % 4]
    return ArticleDraft(
        title=f"В {district} районе Бишкека отремонтируют {number + 10} дворов и построят новые детские площадки",
        url=f"https://vesti.example/ru/yards-{number}",
        source="Вести",
        language="ru",
        text=f"""Мэрия Бишкека утвердила программу благоустройства дворов в {district} районе на нынешний год, по которой до конца октября подрядчики отремонтируют {number + 10} дворов многоэтажных домов, заменят освещение и установят новые скамейки.

На программу из городского бюджета выделено {number + 120} миллионов сомов, а ещё часть расходов возьмут на себя жители, которые согласились собрать деньги на озеленение и ограждения вокруг детских площадок.

«Мы впервые спросили самих жителей, что им нужно во дворе, и почти везде первым пунктом стояли детские площадки, а вторым — нормальное освещение вечером», — рассказал заместитель мэра Бишкека Тимур Абдыкадыров, отвечая на вопросы журналистов в четверг.

Работы начнутся в июне, а список дворов опубликуют на сайте мэрии.""",
    )


async def emulator_bot_send(scheduler: DigestScheduler, job) -> int:
    """Send the first message of a job's digest and record it, as a pass that then crashed would have."""
    candidates = await scheduler.store.articles.for_digest(
        after_id=job.delivery.from_article_id, upto_id=job.delivery.watermark_article_id
    )
    digest = compose_for(candidates, job.subscriber, from_id=job.delivery.from_article_id)
    messages = render_digest(digest, language="ky", day=None, from_id=job.delivery.from_article_id,
                             upto_id=job.delivery.watermark_article_id)
    assert len(messages) >= 2
    sent = await scheduler.sender.bot.send_message(job.subscriber.chat_id, messages[0].text, parse_mode="HTML")
    await scheduler.store.deliveries.record_part(job.delivery.id, sent.message_id)
    return sent.message_id


async def test_429_is_honoured_and_the_message_sent_after_the_wait(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    users = [(await emulator.create_user())["id"] for _ in range(3)]
    for chat in users:
        await subscribe(store, chat, clock)
    await save(store, KY_ROADS)
    await emulator.inject_retry_after(2, retry_after=1)
    clock.now = START + timedelta(hours=1)
    report = await scheduler.run_once()
    assert report.outcomes == {Outcome.SENT: 3}
    for chat in users:
        assert len(await emulator.bot_messages(chat)) == 1
    calls = await emulator.calls(method="sendMessage")
    refused = [c for c in calls if c.error_code == 429]
    accepted = [c for c in calls if c.ok]
    assert len(refused) == 2 and len(accepted) == 3
    assert min(c.at for c in accepted) >= max(c.at for c in refused) + 0.9  # waited retry_after
    assert scheduler.sender.stats.retry_after == 2


@pytest.mark.parametrize("fault", [{"error_code": 502, "description": "Bad Gateway"},
                                   {"error_code": 500, "description": "Internal Server Error"},
                                   {"disconnect": True}])
async def test_server_errors_and_dropped_connections_are_retried(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock, fault: dict
) -> None:
    user = (await emulator.create_user())["id"]
    sub_id = await subscribe(store, user, clock)
    await save(store, RU_FLOOD)
    await emulator.inject_error(2, **fault)
    clock.now = START + timedelta(hours=1)
    report = await scheduler.run_once()
    assert report.outcomes == {Outcome.SENT: 1}
    assert len(await emulator.bot_messages(user)) == 1
    assert scheduler.sender.stats.transient == 2
    (delivery,) = await store.deliveries.for_subscriber(sub_id)
    assert delivery.state is DeliveryState.SENT


async def test_an_outage_longer_than_the_retries_leaves_the_digest_for_the_next_pass(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    user = (await emulator.create_user())["id"]
    sub_id = await subscribe(store, user, clock)
    await save(store, RU_FLOOD)
    await emulator.inject_error(scheduler.sender.max_attempts, error_code=503, description="Service Unavailable")
    clock.now = START + timedelta(hours=1)
    assert (await scheduler.run_once()).outcomes == {Outcome.RETRY: 1}
    (delivery,) = await store.deliveries.for_subscriber(sub_id)
    assert delivery.state is DeliveryState.INTENT and delivery.attempts == 1
    clock.now += timedelta(minutes=1)
    assert (await scheduler.run_once()).outcomes == {Outcome.SENT: 1}
    assert len(await emulator.bot_messages(user)) == 1


async def test_blocked_user_is_deactivated_and_others_still_get_theirs(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    blocked, fine = (await emulator.create_user())["id"], (await emulator.create_user())["id"]
    blocked_sub = await subscribe(store, blocked, clock)
    await subscribe(store, fine, clock)
    await emulator.block_bot(blocked)
    await save(store, EN_TRADE)
    clock.now = START + timedelta(hours=1)
    report = await scheduler.run_once()
    assert report.outcomes == {Outcome.STOPPED: 1, Outcome.SENT: 1}
    assert len(await emulator.bot_messages(fine)) == 1
    chat = await store.chats.get(blocked)
    assert chat is not None and not chat.is_active
    (delivery,) = await store.deliveries.for_subscriber(blocked_sub)
    assert delivery.state is DeliveryState.FAILED and "blocked" in (delivery.error or "")
    clock.now += timedelta(days=1)
    await save(store, EN_SOLAR)
    await scheduler.run_once()
    assert await emulator.call_count(method="sendMessage", chat_id=blocked) == 1  # never tried again


async def test_migrated_group_is_moved_and_delivered(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    admin = (await emulator.create_user())["id"]
    group = await emulator.create_chat("group", title="Айыл кабарлары", owner_id=admin)
    sub_id = await subscribe(store, group["id"], clock, chat_type="group")
    upgraded = await emulator.migrate_group(group["id"])
    await save(store, KY_WATER)
    clock.now = START + timedelta(hours=1)
    report = await scheduler.run_once()
    assert report.outcomes == {Outcome.SENT: 1}
    (message,) = [m for m in await emulator.bot_messages(upgraded["id"]) if m.method == "sendMessage"]
    assert KY_WATER.title in message.text
    sub = await store.subscribers.get(sub_id)
    assert sub is not None and sub.chat_id == upgraded["id"]
    assert await store.chats.get(group["id"]) is None
    assert scheduler.sender.stats.migrated == 1


async def test_forum_topic_gets_its_digest_in_its_thread(
    store: Store, scheduler: DigestScheduler, emulator: Emulator, clock: Clock
) -> None:
    owner = (await emulator.create_user())["id"]
    forum = await emulator.create_chat("supergroup", title="Жаңылыктар", is_forum=True, owner_id=owner)
    topic = await emulator.create_topic(forum["id"], "Күнүмдүк дайджест")
    await subscribe(store, forum["id"], clock, chat_type="supergroup", thread_id=topic)
    await save(store, KY_SPORT)
    clock.now = START + timedelta(hours=1)
    await scheduler.run_once()
    (message,) = await emulator.bot_messages(forum["id"], message_thread_id=topic)
    assert message.message_thread_id == topic


async def test_two_processes_on_one_database_never_both_send(
    tmp_path: Path, emulator: Emulator, emulator_bot: Bot, clock: Clock
) -> None:
    first_store = await Store.open(tmp_path / "shared.db", clock=clock)
    second_store = await Store.open(tmp_path / "shared.db", clock=clock)
    try:
        users = [(await emulator.create_user())["id"] for _ in range(6)]
        for chat in users:
            await subscribe(first_store, chat, clock)
        await save(first_store, KY_ROADS)
        one = DigestScheduler(first_store, emulator_bot, clock=clock, rate=30, **FAST)
        two = DigestScheduler(second_store, emulator_bot, clock=clock, rate=30, **FAST)
        clock.now = START + timedelta(hours=1)
        held = [await one.hold_lease(), await two.hold_lease()]
        assert held == [True, False]
        assert not two.may_send()
        reports = [await two.run_once(), await one.run_once(), await two.run_once()]
        assert reports[0].claimed == 0 and reports[2].claimed == 0 and not reports[2].outcomes
        assert reports[1].outcomes == {Outcome.SENT: 6}
        for chat in users:
            assert len(await emulator.bot_messages(chat)) == 1
        await one.stop()  # releases the lease: the other may take over
        assert await two.hold_lease()
        await two.stop()
    finally:
        await first_store.close()
        await second_store.close()


async def test_a_dead_holder_on_this_machine_is_taken_over_at_once(store: Store, emulator_bot: Bot) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    machine = make_holder().rsplit("|", 2)[0]
    dead = f"{machine}|{child.pid}|deadbeef"
    assert holder_is_dead(dead)
    assert not holder_is_dead(make_holder())
    assert not holder_is_dead(f"otherhost|boot|ns|{child.pid}|x")
    await store.leases.acquire(LEASE_NAME, dead, ttl=timedelta(minutes=5))
    scheduler = DigestScheduler(store, emulator_bot)
    assert scheduler.sender.limiter.paused_for == 0
    assert await scheduler.hold_lease()
    assert await store.leases.holder(LEASE_NAME) == scheduler.holder
    # the dead holder may have sent a full second's worth just before it died: the new one starts a window later
    assert scheduler.sender.limiter.paused_for > 0.9


async def test_pacing_never_exceeds_the_rate(
    store: Store, emulator: Emulator, emulator_bot: Bot, clock: Clock
) -> None:
    users = await emulator.create_users(40)
    for chat in users:
        await subscribe(store, chat, clock)
    await save(store, KY_ROADS)
    scheduler = DigestScheduler(store, emulator_bot, clock=clock, rate=20, **FAST)
    assert await scheduler.hold_lease()
    clock.now = START + timedelta(hours=1)
    report = await scheduler.run_once()
    await scheduler.stop()
    assert report.outcomes == {Outcome.SENT: 40}
    stats = await emulator.call_stats()
    assert stats["ok"] == 40 and stats["max_per_second"] <= 20


async def test_limiter_pause_holds_every_start() -> None:
    limiter = BroadcastLimiter(100)
    loop = asyncio.get_running_loop()
    limiter.pause(0.2)
    started = loop.time()
    async with limiter.slot():
        pass
    assert loop.time() - started >= 0.19


def test_effective_rate_is_capped_by_the_broadcast_mode() -> None:
    assert effective_rate(25, paid_broadcast=False) == 25
    assert effective_rate(200, paid_broadcast=False) == 30  # free broadcasts: about 30 per second
    assert effective_rate(200, paid_broadcast=True) == 200
    assert effective_rate(5000, paid_broadcast=True) == 1000


async def test_paid_broadcasts_ask_for_it_on_every_digest_message(
    store: Store, emulator: Emulator, emulator_bot: Bot, clock: Clock
) -> None:
    users = await emulator.create_users(5)
    for chat in users:
        await subscribe(store, chat, clock)
    await save(store, EN_TRADE)
    scheduler = DigestScheduler(store, emulator_bot, clock=clock, rate=200, paid_broadcast=True, **FAST)
    assert await scheduler.hold_lease()
    clock.now = START + timedelta(hours=1)
    assert (await scheduler.run_once()).outcomes == {Outcome.SENT: 5}
    await scheduler.stop()
    calls = await emulator.calls(method="sendMessage", ok=True)
    assert len(calls) == 5 and all(c.params.get("allow_paid_broadcast") in (True, "true", "True") for c in calls)


async def wait_for_sent(store: Store, count: int, *, timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while (await store.deliveries.count_by_state()).get("sent", 0) < count:
            await asyncio.sleep(0.05)


async def test_the_job_queue_drives_the_scheduler_and_wake_rearms_it(
    store: Store, emulator: Emulator, job_application: Application, clock: Clock
) -> None:
    users = await emulator.create_users(3)
    for chat in users[:2]:
        await subscribe(store, chat, clock)
    await save(store, KY_ROADS)
    clock.now = START + timedelta(hours=1)  # 08:00 in Bishkek: both are due
    jobs = job_application.job_queue
    # An hour between looks at the database: only the armed timer and wake() can explain a prompt digest.
    scheduler = DigestScheduler(store, job_application.bot, clock=clock, rate=30, tick=3600, **FAST)
    await scheduler.start(jobs)
    try:
        await wait_for_sent(store, 2)  # nobody called run_once: the JobQueue ran the pass
        assert {job.name for job in jobs.jobs()} == {"digest-pass", "digest-lease"}
        pass_job = next(job for job in jobs.jobs() if job.name == "digest-pass")
        assert pass_job.next_t is not None and pass_job.next_t > datetime.now(UTC) + timedelta(minutes=30)
        # A new subscriber due now, and news since it subscribed: wake() re-arms the timer at once.
        sub_id = await subscribe(store, users[2], clock)
        await save(store, RU_FLOOD)
        await store.subscribers.set_next_due(sub_id, clock.now)
        scheduler.wake()
        await wait_for_sent(store, 3, timeout=10)
    finally:
        await scheduler.stop()
    assert not [job for job in jobs.jobs() if job.name.startswith("digest")]
    assert job_application.bot_data["job_errors"] == []
    assert await emulator.call_count(method="sendMessage", ok=True) == 3


async def test_the_lease_holder_sends_what_another_process_claimed_at_its_next_renewal(
    store: Store, emulator: Emulator, job_application: Application, clock: Clock
) -> None:
    """Another process claims the due digests (every process claims; only the lease holder sends) right after the
    holder's pass: nothing wakes the holder, whose timer is an hour away, but its lease renewal finds the claims."""
    users = await emulator.create_users(2)
    for chat in users:
        await subscribe(store, chat, clock)
    await save(store, KY_ROADS)
    jobs = job_application.job_queue
    holder = DigestScheduler(store, job_application.bot, clock=clock, rate=30, tick=3600,
                             lease_ttl=timedelta(seconds=1.5), **FAST)
    await holder.start(jobs)
    try:
        async with asyncio.timeout(5):
            while not holder.may_send():  # its first pass took the lease; nothing was due yet
                await asyncio.sleep(0.02)
        clock.now = START + timedelta(hours=1)
        other = DigestScheduler(store, job_application.bot, clock=clock, rate=30, **FAST)
        assert (await other.claim_due()).claimed == 2  # it claims; it never takes the lease, so it sends nothing
        await wait_for_sent(store, 2, timeout=5)  # within a renewal (half a second), not the hour's tick
    finally:
        await holder.stop()
    assert job_application.bot_data["job_errors"] == []
    assert await emulator.call_count(method="sendMessage", ok=True) == 2


async def test_a_failing_pass_reaches_the_error_handler_and_the_timer_is_armed_again(
    tmp_path: Path, job_application: Application, clock: Clock
) -> None:
    broken = await Store.open(tmp_path / "closed.db", clock=clock)
    await broken.close()  # every pass fails: the database is gone
    scheduler = DigestScheduler(broken, job_application.bot, clock=clock, tick=3600, **FAST)
    await scheduler.start(job_application.job_queue)
    errors = job_application.bot_data["job_errors"]
    async with asyncio.timeout(10):
        while not errors:
            await asyncio.sleep(0.02)
    assert type(errors[0]).__name__ == "StoreClosedError"
    # Armed again, a tick (an hour) on: the schedule does not stop at an error.
    assert "digest-pass" in [job.name for job in job_application.job_queue.jobs()]
    await scheduler.stop()


async def test_limiter_reaches_the_rate_and_never_passes_it_in_any_second() -> None:
    """With a 50 ms round trip and 20 senders: at least 95 % of the rate, never more than it in any one second."""
    rate, count = 100, 250
    limiter = BroadcastLimiter(rate)
    loop = asyncio.get_running_loop()
    arrivals: list[float] = []
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)

    async def sender() -> None:
        while not queue.empty():
            queue.get_nowait()
            async with limiter.slot():
                await asyncio.sleep(0.025)  # on its way to the server
                arrivals.append(loop.time())
                await asyncio.sleep(0.025)  # the answer on its way back

    await asyncio.gather(*(sender() for _ in range(20)))
    arrivals.sort()
    achieved = (count - 1) / (arrivals[-1] - arrivals[0])
    busiest = max(sum(1 for t in arrivals[i:] if t < start + 1.0) for i, start in enumerate(arrivals))
    assert achieved >= 0.95 * rate
    assert busiest <= rate


async def test_a_paid_broadcast_sends_through_several_small_clients_and_closes_them(
    store: Store, emulator: Emulator, emulator_bot: Bot, clock: Clock
) -> None:
    users = await emulator.create_users(60)
    for chat in users:
        await subscribe(store, chat, clock)
    await save(store, EN_TRADE)
    scheduler = DigestScheduler(store, emulator_bot, clock=clock, rate=400, paid_broadcast=True, **FAST)
    assert scheduler.concurrency == 64 and scheduler.sender.clients.count == 8
    assert await scheduler.hold_lease()
    clock.now = START + timedelta(hours=1)
    assert (await scheduler.run_once()).outcomes == {Outcome.SENT: 60}
    assert len(scheduler.sender.clients._bots) == 8  # opened on first use
    await scheduler.stop()
    assert scheduler.sender.clients._bots == []
    received = Counter(c.chat_id for c in await emulator.calls(method="sendMessage", ok=True))
    assert received == Counter({chat: 1 for chat in users})
