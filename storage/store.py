"""The store facade: open the database, migrate it, and expose one repository per aggregate.

    store = await Store.open("kabarchy.db")
    try:
        results = await store.articles.save_prepared(rows)       # rows: bot/ingest.py prepares them
        page = await store.quotes.search("Жапаров", limit=5, offset=0)
    finally:
        await store.close()

`clock` (returning an aware UTC datetime, storage/clock.py) is injectable for tests. The store does no analysis:
articles arrive as prepared rows from the ingest use case (bot/ingest.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from storage.articles import ArticleRepository
from storage.channels import ChannelRepository
from storage.chats import ChatRepository
from storage.db import Database, fetch_first, open_database
from storage.postgres import PgDatabase
from storage.deliveries import DeliveryRepository, LeaseRepository
from storage.feeds import FeedRepository
from storage.clock import from_utc_text, utc_now
from storage.quotes import QuoteRepository
from storage.subscribers import SubscriberRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts and extremes of the store, for `/stats` and `kabarchy stats`."""

    articles: int
    quotes: int
    speakers: int
    sources: int
    feeds: int
    chats: int
    subscribers: int
    languages: tuple[tuple[str, int], ...]
    newest: datetime | None
    oldest: datetime | None
    db_bytes: int



class Store:
    """Kabarchy's database: articles, quotes, chats, channels, feeds, subscribers, deliveries and leases."""

    def __init__(self, db: Database | PgDatabase, *, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.articles = ArticleRepository(db, clock)
        self.quotes = QuoteRepository(db)
        self.chats = ChatRepository(db, clock)
        self.channels = ChannelRepository(db, clock)
        self.feeds = FeedRepository(db, clock)
        self.subscribers = SubscriberRepository(db, clock)
        self.deliveries = DeliveryRepository(db, clock)
        self.leases = LeaseRepository(db, clock)

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        readers: int = 2,
        clock: Callable[[], datetime] = utc_now,
    ) -> Store:
        """Open (creating and migrating when needed) the database at `path`: a SQLite file, or a postgresql:// URL."""
        db = await open_database(path, readers=readers)
        try:
            await db.migrate()
        except BaseException:
            await db.close()
            raise
        return cls(db, clock=clock)

    async def close(self) -> None:
        """Close every connection."""
        await self.db.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def stats(self) -> StoreStats:
        """Return counts for `/stats` and `kabarchy stats`."""
        async with self.db.reader() as conn:

            async def scalar(sql: str) -> int:
                row = await fetch_first(conn, sql)
                return int(row[0] or 0) if row else 0

            articles = await scalar("SELECT count(*) FROM articles")
            quotes = await scalar("SELECT count(*) FROM quotes")
            speakers = await scalar("SELECT count(DISTINCT speaker_norm) FROM quotes WHERE speaker_norm IS NOT NULL")
            sources = await scalar("SELECT count(DISTINCT source) FROM articles WHERE source IS NOT NULL")
            feeds = await scalar("SELECT count(*) FROM feeds")
            chats = await scalar("SELECT count(*) FROM chats WHERE is_active = 1")
            subscribers = await scalar(
                "SELECT count(*) FROM subscribers s JOIN chats c ON c.id = s.chat_id"
                " WHERE s.paused = 0 AND c.is_active = 1"
            )
            rows = await conn.execute_fetchall(
                "SELECT language, count(*) FROM articles GROUP BY language ORDER BY count(*) DESC, language"
            )
            languages = tuple((str(r[0]), int(r[1])) for r in rows)
            newest, oldest = await fetch_first(conn, "SELECT max(sort_time), min(sort_time) FROM articles") or (
                None,
                None,
            )
        db_bytes = await self.db.size_bytes()
        return StoreStats(
            articles=articles,
            quotes=quotes,
            speakers=speakers,
            sources=sources,
            feeds=feeds,
            chats=chats,
            subscribers=subscribers,
            languages=languages,
            newest=from_utc_text(newest),
            oldest=from_utc_text(oldest),
            db_bytes=db_bytes,
        )
