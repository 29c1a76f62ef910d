"""Chats (language, deactivation, migration) and the basic subscriber, delivery, lease and feed operations."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from bot.ingest import Ingester
from news.models import Frequency
from news.schedule import next_due
from storage import Store
from storage.deliveries import DeliveryState
from tests.storage.conftest import FakeClock
from tests.storage.samples import KY_MEETING, RU_TALKS


async def test_chat_language_round_trip(store: Store) -> None:
    assert await store.chats.get_language(42) is None
    await store.chats.set_language(42, "ru")
    assert await store.chats.get_language(42) == "ru"
    await store.chats.set_language(42, "ky")
    assert await store.chats.get_language(42) == "ky"
    await store.chats.set_language(42, None)
    assert await store.chats.get_language(42) is None
    chat = await store.chats.get(42)
    assert chat is not None and chat.type == "private" and chat.is_active


async def test_upsert_keeps_language_and_reactivates(store: Store, clock: FakeClock) -> None:
    await store.chats.set_language(-100123, "en", type="supergroup")
    assert await store.chats.set_active(-100123, False)
    clock.advance(minutes=5)
    chat = await store.chats.upsert(-100123, type="supergroup", title="Жаңылыктар")
    assert chat.language == "en" and chat.is_active and chat.title == "Жаңылыктар"
    assert chat.updated_at == clock.now
    assert not await store.chats.set_active(5, False)  # unknown chat


@pytest.mark.parametrize("bad", ["", "russian", "r", "ky'; DROP TABLE chats; --", "12"])
async def test_malformed_language_is_refused(store: Store, bad: str) -> None:
    with pytest.raises(ValueError):
        await store.chats.set_language(1, bad)
    with pytest.raises(ValueError):
        await store.chats.upsert(1, type="galaxy")


async def test_migrate_moves_settings_and_subscriptions(store: Store) -> None:
    await store.chats.set_language(-5, "ky", type="group")
    sub = await store.subscribers.subscribe(-5, timezone="Asia/Bishkek", local_time=time(9, 30), chat_type="group")
    assert await store.chats.migrate(-5, -100555)
    assert await store.chats.get(-5) is None
    assert await store.chats.get_language(-100555) == "ky"
    moved = await store.subscribers.get(sub.id)
    assert moved is not None and moved.chat_id == -100555
    assert not await store.chats.migrate(-5, -100777)
    # Into a chat that already exists: its own language wins, the subscription still moves.
    await store.chats.set_language(-6, "ru", type="group")
    await store.subscribers.subscribe(-6, timezone="Asia/Bishkek", chat_type="group")
    await store.chats.set_language(-100666, "en", type="supergroup")
    assert await store.chats.migrate(-6, -100666)
    assert await store.chats.get_language(-100666) == "en"
    assert (await store.subscribers.for_chat(-100666)) is not None


async def test_subscribe_update_pause_and_unsubscribe(store: Store, clock: FakeClock) -> None:
    await Ingester(store).save(KY_MEETING)
    sub = await store.subscribers.subscribe(
        7, local_time=time(7, 45), timezone="Asia/Bishkek", languages=["ky", "ru"], include=["Жапаров", " "],
        next_due_at=clock.now + timedelta(hours=1),
    )
    assert sub.watermark_article_id == await store.articles.newest_id() == 1
    assert sub.languages == ("ky", "ru") and sub.include == ("Жапаров",) and sub.frequency is Frequency.DAILY
    weekly = await store.subscribers.update(sub.id, frequency="weekly", weekday=4, exclude=["спорт"])
    assert weekly is not None and weekly.weekday == 4 and weekly.exclude == ("спорт",)
    with pytest.raises(ValueError):
        await store.subscribers.update(sub.id, frequency="weekly", weekday=None)
    with pytest.raises(ValueError):
        await store.subscribers.update(sub.id, timezone="Mars/Olympus")
    assert await store.subscribers.due(clock.now) == []
    clock.advance(hours=2)
    assert [s.id for s in await store.subscribers.due(clock.now)] == [sub.id]
    assert await store.subscribers.set_paused(sub.id, True)
    assert await store.subscribers.due(clock.now) == []
    assert await store.subscribers.active() == []
    assert await store.subscribers.set_paused(sub.id, False)
    assert await store.subscribers.unsubscribe(7)
    assert not await store.subscribers.unsubscribe(7)


async def test_one_call_changes_a_subscription_and_its_next_slot_together(store: Store, clock: FakeClock) -> None:
    sub = await store.subscribers.subscribe(
        -42, local_time=time(9, 0), timezone="Asia/Bishkek", now=clock.now, chat_type="group", chat_title="Айыл"
    )
    chat = await store.chats.get(-42)
    assert chat is not None and chat.title == "Айыл" and chat.is_active  # recorded in the same call
    assert sub.next_due_at == next_due(local_time=time(9, 0), timezone="Asia/Bishkek", after=clock.now)
    moved = await store.subscribers.update(sub.id, local_time=time(6, 30), timezone="Europe/London", now=clock.now)
    assert moved is not None
    assert moved.next_due_at == next_due(local_time=time(6, 30), timezone="Europe/London", after=clock.now)
    paused = await store.subscribers.update(sub.id, paused=True, now=clock.now)
    assert paused is not None and paused.paused and paused.next_due_at is None  # nothing due while paused
    weekly = await store.subscribers.update(sub.id, paused=False, frequency="weekly", weekday=2, now=clock.now)
    assert weekly is not None and not weekly.paused
    assert weekly.next_due_at == next_due(
        local_time=time(6, 30), timezone="Europe/London", frequency="weekly", weekday=2, after=clock.now
    )
    assert await store.subscribers.update(999, paused=True, now=clock.now) is None


async def test_delivery_intent_then_sent_moves_the_watermark_once(store: Store) -> None:
    await Ingester(store).save(KY_MEETING)
    sub = await store.subscribers.subscribe(8, timezone="Asia/Bishkek")
    newest = (await Ingester(store).save(RU_TALKS)).article_id
    slot = "2024-05-02T08:00+06:00"
    first = await store.deliveries.record_intent(sub.id, slot, chat_id=8, watermark_article_id=newest)
    assert first.state is DeliveryState.INTENT and first.attempts == 1
    # A restart finds the intent and tries again: the same row, one more attempt.
    again = await store.deliveries.record_intent(sub.id, slot, chat_id=8, watermark_article_id=newest)
    assert again.id == first.id and again.attempts == 2
    assert [d.id for d in await store.deliveries.pending()] == [first.id]
    await store.deliveries.add_message_ids(first.id, [101])
    assert await store.deliveries.mark_sent(first.id, message_ids=[101, 102])
    done = await store.deliveries.get(first.id)
    assert done is not None and done.state is DeliveryState.SENT and done.message_ids == (101, 102)
    subscriber = await store.subscribers.get(sub.id)
    assert subscriber is not None and subscriber.watermark_article_id == newest and subscriber.last_sent_at
    # A sent slot stays sent: asking again returns it unchanged.
    repeat = await store.deliveries.record_intent(sub.id, slot, chat_id=8, watermark_article_id=newest)
    assert repeat.state is DeliveryState.SENT
    assert await store.deliveries.pending() == []
    assert not await store.deliveries.mark_sent(9999)


async def test_lease_has_one_holder_until_it_expires(store: Store, clock: FakeClock) -> None:
    assert await store.leases.acquire("digests", "a", ttl=timedelta(seconds=30))
    assert not await store.leases.acquire("digests", "b", ttl=timedelta(seconds=30))
    assert await store.leases.acquire("digests", "a", ttl=timedelta(seconds=30))  # renew
    assert await store.leases.holder("digests") == "a"
    clock.advance(seconds=31)
    assert await store.leases.acquire("digests", "b", ttl=timedelta(seconds=30))
    assert not await store.leases.release("digests", "a")
    assert await store.leases.release("digests", "b")
    assert await store.leases.holder("digests") is None


async def test_feed_state(store: Store, clock: FakeClock) -> None:
    feed, created = await store.feeds.add("https://www.kabar-test.kg/rss/?utm_source=x", title="Кабар")
    assert created and not feed.backlog_done and feed.next_due_at == clock.now
    same, created = await store.feeds.add("http://kabar-test.kg/rss")
    assert not created and same.id == feed.id
    with pytest.raises(ValueError):
        await store.feeds.add("ftp://nope")
    failed = await store.feeds.record_failure(feed.id, "timeout", next_due_at=clock.now + timedelta(minutes=5))
    assert failed is not None and failed.consecutive_failures == 1 and failed.last_error == "timeout"
    await store.feeds.mark_failure_notified(feed.id)
    before = await store.feeds.record_success(feed.id, next_due_at=clock.now + timedelta(minutes=10), etag='"v1"')
    assert before is not None and before.failure_notified  # the caller sees it recovered from a notified failure
    now = await store.feeds.get(feed.id)
    assert now is not None and now.consecutive_failures == 0 and now.backlog_done and now.etag == '"v1"'
    assert await store.feeds.due(clock.now) == []
    assert await store.feeds.set_paused(feed.id, True)
    clock.advance(hours=1)
    assert await store.feeds.due(clock.now) == []
    assert await store.feeds.remove(feed.id)
    assert await store.feeds.list() == []
