"""Work shared by several processes on one database: feed claims, digest claims, the sending lease.

Each test opens two stores on the same database (two processes' worth of connections), on each back end.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import time, timedelta
from pathlib import Path

import pytest

from news.schedule import slot_key, subscriber_latest_due, subscriber_next_due
from storage import Store
from storage.deliveries import DigestClaim
from tests.storage.conftest import FakeClock

TTL = timedelta(minutes=15)


@pytest.fixture
async def pair(database: str | Path, clock: FakeClock) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one database, as two bot processes have."""
    first = await Store.open(database, clock=clock)
    second = await Store.open(database, clock=clock)
    try:
        yield first, second
    finally:
        await second.close()
        await first.close()


async def test_processes_claim_different_feeds_and_never_one_being_polled(
    pair: tuple[Store, Store], clock: FakeClock
) -> None:
    a, b = pair
    for i in range(6):
        await a.feeds.add(f"https://news{i}.example/rss")
    now = clock()
    mine = await a.feeds.claim_due(now, "a", ttl=TTL, limit=4)
    theirs = await b.feeds.claim_due(now, "b", ttl=TTL, limit=10)
    assert len(mine) == 4 and len(theirs) == 2
    assert not {f.id for f in mine} & {f.id for f in theirs}
    assert {f.id for f in await b.feeds.claim_due(now, "b", ttl=TTL)} <= {f.id for f in theirs}  # its own again
    assert not await b.feeds.claim(mine[0].id, "b", now=now, ttl=TTL)  # "check now" waits for the other process
    # A poll ends: its next due time is stored, then the claim goes; nobody finds it due again this interval.
    await a.feeds.record_success(mine[0].id, next_due_at=now + timedelta(minutes=10))
    await a.feeds.release(mine[0].id, "a")
    assert mine[0].id not in {f.id for f in await b.feeds.claim_due(now, "b", ttl=TTL)}
    # A process that died leaves claims that run out.
    clock.advance(minutes=16)
    taken = await b.feeds.claim_due(clock(), "b", ttl=TTL)
    assert {f.id for f in mine[1:]} <= {f.id for f in taken}


async def test_processes_claiming_due_digests_at_once_write_each_intent_once(
    pair: tuple[Store, Store], clock: FakeClock
) -> None:
    a, b = pair
    now = clock()
    subscribers = [
        await a.subscribers.subscribe(1000 + i, timezone="Asia/Bishkek", local_time=time(12, 0),
                                      next_due_at=now - timedelta(minutes=1))
        for i in range(60)
    ]

    async def claim_all(store: Store) -> int:
        due = await store.subscribers.due(now)
        claims = [
            DigestClaim(s.id, s.chat_id, slot_key(subscriber_latest_due(s, now=now), s.timezone),
                        s.watermark_article_id, s.watermark_article_id, subscriber_next_due(s, after=now))
            for s in due
        ]
        written = 0
        for start in range(0, len(claims), 7):  # small batches, so the two interleave
            written += await store.deliveries.claim(claims[start : start + 7], due_at=now)
            await asyncio.sleep(0)
        return written

    counts = await asyncio.gather(claim_all(a), claim_all(b))
    assert sum(counts) == len(subscribers)
    assert await a.deliveries.count_by_state() == {"intent": len(subscribers)}
    assert await a.subscribers.due(now) == []  # every schedule moved on, once


async def test_the_lease_moves_to_a_survivor_within_its_time_to_live(
    pair: tuple[Store, Store], clock: FakeClock
) -> None:
    a, b = pair
    ttl = timedelta(seconds=30)
    assert await a.leases.acquire("digests", "process-a", ttl=ttl)
    assert not await b.leases.acquire("digests", "process-b", ttl=ttl)
    clock.advance(seconds=20)
    assert await a.leases.acquire("digests", "process-a", ttl=ttl)  # renewed
    clock.advance(seconds=29)
    assert not await b.leases.acquire("digests", "process-b", ttl=ttl)
    # process-a dies and renews no more: within one time to live the survivor has it.
    clock.advance(seconds=1)
    assert await b.leases.acquire("digests", "process-b", ttl=ttl)
    assert await a.leases.holder("digests") == "process-b"
    assert not await a.leases.acquire("digests", "process-a", ttl=ttl)


async def test_a_lease_renewal_does_not_wait_behind_a_long_write(pair: tuple[Store, Store]) -> None:
    a, b = pair
    if a.db.dialect != "postgresql":
        pytest.skip("SQLite has one writer at a time: a renewal waits for the transaction to end")
    async with a.db.transaction() as conn:
        await conn.execute("UPDATE articles SET title = title")
        assert await asyncio.wait_for(b.leases.acquire("digests", "b", ttl=timedelta(seconds=30)), timeout=5)

