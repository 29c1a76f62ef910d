"""`kabarchy migrate-db`: a SQLite store copied into PostgreSQL whole, resumably, and searchable the same way."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.ingest import Ingester
from storage import Store
from storage.deliveries import DigestClaim
from storage.transfer import copy_store, source_counts
from tests import postgres
from tests.storage.conftest import FakeClock
from tests.storage.samples import ALL, KY_FORUM, RU_FORUM, generated_draft

ROOT = Path(__file__).resolve().parents[2]
QUERIES = ("Жапаров", "өлкө", "Путин", "ал", "долбоор", "water", "Бишкек шаарында", '"; DROP TABLE quotes; --')


@pytest.fixture
async def target() -> AsyncIterator[str]:
    postgres.require()
    dsn = await postgres.create_database(blank=True)
    try:
        yield dsn
    finally:
        await postgres.drop_database(dsn)


async def filled(path: Path, clock: FakeClock) -> None:
    store = await Store.open(path, clock=clock)
    try:
        await store.feeds.add("https://kabar.example/rss")
        ingester = Ingester(store)
        async for _ in ingester.save_many([*ALL, KY_FORUM, RU_FORUM, *(generated_draft(i) for i in range(120))],
                                          batch_size=25):
            pass
        sub = await store.subscribers.subscribe(77, timezone="Asia/Bishkek", local_time=time(9, 0),
                                                include=["суу"], now=clock())
        await store.deliveries.claim([DigestClaim(sub.id, 77, "2024-05-01T09:00+06:00", 0, 3,
                                                  clock() + timedelta(days=1))])
        await store.channels.seen(-100500, title="Канал")
    finally:
        await store.close()


async def snapshot(store: Store) -> dict[str, object]:
    seen: dict[str, object] = {"counts": await source_counts(store), "quotes": await store.quotes.count()}
    for query in QUERIES:
        seen[f"q:{query}"] = [q.id for q in (await store.quotes.search(query, limit=20)).items]
        seen[f"s:{query}"] = [q.id for q in (await store.quotes.by_speaker(query, limit=20)).items]
        seen[f"a:{query}"] = [a.id for a in (await store.articles.search(query, limit=20)).items]
    seen["article"] = await store.articles.get(3)
    seen["jobs"] = [(j.delivery, j.subscriber) for j in await store.deliveries.open_jobs()]
    return seen


async def test_a_copy_stopped_halfway_finishes_when_run_again(tmp_path: Path, target: str, clock: FakeClock) -> None:
    db = tmp_path / "kabarchy.db"
    await filled(db, clock)
    source = await Store.open(db, clock=clock)
    copy = await Store.open(target, clock=clock)
    try:
        batches = 0
        async for table, _ in copy_store(source, copy, batch=20):
            batches += 1
            if table == "articles" and batches >= 5:
                break  # stopped halfway through the articles
        assert 0 < await copy.articles.count() < await source.articles.count()
        async for _ in copy_store(source, copy, batch=20):
            pass
        assert await snapshot(copy) == await snapshot(source)
        # Nothing more to copy; new rows get ids after the copied ones.
        assert [t async for t in copy_store(source, copy)] == []
        added, _ = await copy.feeds.add("https://new.example/rss")
        assert added.id == 2
    finally:
        await copy.close()
        await source.close()


def test_the_command_copies_and_says_what_it_copied(tmp_path: Path, target: str) -> None:
    import asyncio

    db = tmp_path / "kabarchy.db"
    asyncio.run(filled(db, FakeClock()))
    command = [sys.executable, "-m", "bot", "migrate-db", "--from", str(db), "--to", target, "--batch-size", "50"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "128 of       128 rows in PostgreSQL (128 copied now)" in done.stdout
    again = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "(0 copied now)" in again.stdout
