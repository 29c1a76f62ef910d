"""Subscribers and deliveries as the digest scheduler uses them: claims, open jobs, results, watermark, lease."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.ingest import Ingester
from storage.deliveries import DeliveryState, DigestClaim
from storage import Store
from tests.digest_articles import EN_TRADE, KY_ROADS, KY_WATER, RU_FLOOD


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """This module's clock; conftest's `store` (on each back end) runs on it."""
    return Clock(datetime(2024, 5, 16, 1, 0, tzinfo=UTC))


def claim(sub, *, slot: str, upto: int, next_due: datetime, skip: bool = False) -> DigestClaim:
    return DigestClaim(
        subscriber_id=sub.id, chat_id=sub.chat_id, slot=slot, from_article_id=sub.watermark_article_id,
        upto_article_id=upto, next_due_at=next_due, skip=skip,
    )


async def test_new_subscriber_starts_at_the_newest_article_and_digest_candidates_skip_backlog(store: Store) -> None:
    first = await Ingester(store).save(KY_ROADS)
    sub = await store.subscribers.subscribe(1001, local_time=time(8, 0), timezone="Asia/Bishkek")
    assert sub.watermark_article_id == first.article_id
    backlog = await Ingester(store).save(RU_FLOOD, backlog=True)
    fresh = await Ingester(store).save(EN_TRADE)
    found = await store.articles.for_digest(after_id=sub.watermark_article_id)
    assert [a.id for a in found] == [fresh.article_id]  # the backlog article is never news
    article = found[0]
    assert article.title == EN_TRADE.title and article.url == EN_TRADE.url and article.language == "en"
    assert article.summary and article.quote and "paperwork" in article.quote
    assert article.speaker and "Isaeva" in article.speaker
    assert await store.articles.for_digest(after_id=0, upto_id=first.article_id) != []
    assert backlog.article_id not in {a.id for a in await store.articles.for_digest(after_id=0)}


async def test_claim_writes_intents_moves_schedules_and_skips_what_has_nothing_new(store: Store, clock: Clock) -> None:
    a = await store.subscribers.subscribe(1001, timezone="Asia/Bishkek", next_due_at=clock.now)
    b = await store.subscribers.subscribe(1002, timezone="Asia/Bishkek", next_due_at=clock.now)
    article = await Ingester(store).save(KY_WATER)
    tomorrow = clock.now + timedelta(days=1)
    written = await store.deliveries.claim([
        claim(a, slot="2024-05-16T08:00+06:00", upto=article.article_id, next_due=tomorrow),
        claim(b, slot="2024-05-16T08:00+06:00", upto=article.article_id, next_due=tomorrow, skip=True),
    ])
    assert written == 1
    assert await store.subscribers.due(clock.now) == []
    b_now = await store.subscribers.get(b.id)
    assert b_now is not None and b_now.watermark_article_id == article.article_id  # skipped: watermark moved
    a_now = await store.subscribers.get(a.id)
    assert a_now is not None and a_now.watermark_article_id == a.watermark_article_id  # not before it is sent
    jobs = await store.deliveries.open_jobs()
    assert len(jobs) == 1
    job = jobs[0]
    assert job.subscriber.id == a.id and job.chat_type == "private" and job.chat_active
    assert job.delivery.from_article_id == a.watermark_article_id
    assert job.delivery.watermark_article_id == article.article_id
    # The same slot claimed again (a second pass before sending) keeps the one intent.
    assert await store.deliveries.claim([claim(a, slot="2024-05-16T08:00+06:00", upto=99, next_due=tomorrow)]) == 0
    assert len(await store.deliveries.open_jobs()) == 1


async def test_a_newer_slot_supersedes_an_unfinished_older_one(store: Store, clock: Clock) -> None:
    sub = await store.subscribers.subscribe(1001, timezone="Asia/Bishkek")
    later = clock.now + timedelta(days=3)
    await store.deliveries.claim([claim(sub, slot="2024-05-16T08:00+06:00", upto=5, next_due=later)])
    await store.deliveries.claim([claim(sub, slot="2024-05-19T08:00+06:00", upto=7, next_due=later)])
    history = await store.deliveries.for_subscriber(sub.id)
    states = {d.slot: (d.state, d.error) for d in history}
    assert states["2024-05-19T08:00+06:00"] == (DeliveryState.INTENT, None)
    assert states["2024-05-16T08:00+06:00"][0] is DeliveryState.FAILED
    assert "superseded" in states["2024-05-16T08:00+06:00"][1]


async def test_results_are_recorded_per_message_and_close_with_the_watermark(store: Store, clock: Clock) -> None:
    sub = await store.subscribers.subscribe(1001, timezone="Asia/Bishkek")
    await store.deliveries.claim([claim(sub, slot="s1", upto=42, next_due=clock.now + timedelta(days=1))])
    (job,) = await store.deliveries.open_jobs()
    await store.deliveries.record_part(job.delivery.id, 501)
    await store.deliveries.record_part(job.delivery.id, 502)
    (resumed,) = await store.deliveries.open_jobs()
    assert resumed.delivery.message_ids == (501, 502)  # a restart knows how far it got
    clock.now += timedelta(minutes=1)
    assert await store.deliveries.complete(job.delivery.id, message_id=503)
    assert not await store.deliveries.complete(job.delivery.id, message_id=504)  # closed once
    done = await store.deliveries.get(job.delivery.id)
    assert done is not None and done.state is DeliveryState.SENT and done.message_ids == (501, 502, 503)
    after = await store.subscribers.get(sub.id)
    assert after is not None and after.watermark_article_id == 42 and after.last_sent_at == clock.now
    assert await store.deliveries.open_jobs() == []
    # The watermark never moves back.
    await store.subscribers.advance_watermark(sub.id, 10)
    again = await store.subscribers.get(sub.id)
    assert again is not None and again.watermark_article_id == 42


async def test_many_results_in_one_transaction(store: Store, clock: Clock) -> None:
    subs = [await store.subscribers.subscribe(1000 + n, timezone="Asia/Bishkek") for n in range(3)]
    await store.deliveries.claim([claim(s, slot="s1", upto=9, next_due=clock.now + timedelta(days=1)) for s in subs])
    one, two, three = await store.deliveries.open_jobs()
    await store.deliveries.abandon(three.delivery.id, "paused")
    await store.deliveries.record_results(
        parts=[(one.delivery.id, 11)],
        completions=[(one.delivery.id, 12), (two.delivery.id, None), (three.delivery.id, 31)],
    )
    done = {d.id: d for s in subs for d in await store.deliveries.for_subscriber(s.id)}
    assert done[one.delivery.id].state is DeliveryState.SENT and done[one.delivery.id].message_ids == (11, 12)
    assert done[two.delivery.id].state is DeliveryState.SENT and done[two.delivery.id].message_ids == ()
    assert done[three.delivery.id].state is DeliveryState.FAILED  # no longer open: left as it was
    marks = [(await store.subscribers.get(s.id)).watermark_article_id for s in subs]  # type: ignore[union-attr]
    assert marks == [9, 9, 0]


async def test_transient_failures_give_up_after_a_few_passes_and_abandon_closes(store: Store, clock: Clock) -> None:
    sub = await store.subscribers.subscribe(1001, timezone="Asia/Bishkek")
    other = await store.subscribers.subscribe(1002, timezone="Asia/Bishkek")
    await store.deliveries.claim([
        claim(sub, slot="s1", upto=3, next_due=clock.now + timedelta(days=1)),
        claim(other, slot="s1", upto=3, next_due=clock.now + timedelta(days=1)),
    ])
    first, second = await store.deliveries.open_jobs()
    assert not await store.deliveries.note_failure(first.delivery.id, "502", give_up_after=3)
    assert not await store.deliveries.note_failure(first.delivery.id, "502", give_up_after=3)
    assert await store.deliveries.note_failure(first.delivery.id, "502", give_up_after=3)
    assert await store.deliveries.abandon(second.delivery.id, "forbidden: bot was blocked by the user")
    assert not await store.deliveries.abandon(second.delivery.id, "again")
    assert await store.deliveries.count_by_state() == {"failed": 2}


async def test_open_jobs_follow_chat_state_and_migration(store: Store, clock: Clock) -> None:
    group = await store.subscribers.subscribe(-500, timezone="Asia/Bishkek", chat_type="group", thread_id=0)
    await store.deliveries.claim([claim(group, slot="s1", upto=3, next_due=clock.now + timedelta(days=1))])
    assert await store.chats.migrate(-500, -100500)
    (job,) = await store.deliveries.open_jobs()
    assert job.subscriber.chat_id == -100500 and job.chat_type == "supergroup"
    await store.chats.set_active(-100500, False)
    (job,) = await store.deliveries.open_jobs()
    assert not job.chat_active
    assert await store.subscribers.due(clock.now + timedelta(days=9)) == []


async def test_unscheduled_subscribers_get_a_schedule_and_the_earliest_due_is_known(store: Store, clock: Clock) -> None:
    a = await store.subscribers.subscribe(1001, timezone="Asia/Bishkek")
    b = await store.subscribers.subscribe(1002, timezone="Asia/Bishkek")
    assert {s.id for s in await store.subscribers.unscheduled()} == {a.id, b.id}
    await store.subscribers.set_next_due_many([(a.id, clock.now + timedelta(hours=2)), (b.id, clock.now)])
    assert await store.subscribers.unscheduled() == []
    assert await store.subscribers.earliest_due() == clock.now
    await store.subscribers.set_paused(b.id, True)
    assert await store.subscribers.earliest_due() == clock.now + timedelta(hours=2)


async def test_lease_one_holder_until_it_expires_or_is_taken_over(store: Store, clock: Clock) -> None:
    leases = store.leases
    ttl = timedelta(seconds=30)
    assert await leases.acquire("digests", "A", ttl=ttl)
    assert not await leases.acquire("digests", "B", ttl=ttl)
    assert await leases.acquire("digests", "A", ttl=ttl)  # renewal
    assert await leases.holder("digests") == "A"
    assert not await leases.take_over("digests", "B", previous="C", ttl=ttl)
    assert await leases.take_over("digests", "B", previous="A", ttl=ttl)
    assert await leases.holder("digests") == "B"
    clock.now += timedelta(seconds=31)
    assert await leases.holder("digests") is None
    current = await leases.current("digests")
    assert current is not None and current[0] == "B"
    assert await leases.acquire("digests", "A", ttl=ttl)  # expired: anyone may take it
    assert not await leases.release("digests", "B")
    assert await leases.release("digests", "A")
