"""Channels the bot administers, and whether their posts may become articles (only once an admin allowed them).

A channel is recorded the first time the bot hears of it (made an administrator, or a post), as `pending`; an admin
then allows or ignores it, and may revoke it later. Its articles carry the origin "channel:<chat id>", so a revoke
can keep them searchable or remove them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from news.models import Channel, ChannelStatus
from storage.db import Database, fetch_first
from storage.clock import from_utc_text, to_utc_text

logger = logging.getLogger(__name__)

CHANNEL_COLUMNS = (
    "c.id, c.title, c.username, c.status, c.added_by, c.decided_by, c.first_seen_at, c.decided_at,"
    " (SELECT count(*) FROM articles a WHERE a.origin = 'channel:' || c.id)"
)


def channel_origin(chat_id: int) -> str:
    """Return the origin an article published by this channel carries."""
    return f"channel:{int(chat_id)}"


def channel_from_row(row: tuple) -> Channel:
    """Build a Channel from a row of CHANNEL_COLUMNS."""
    return Channel(
        id=row[0],
        title=row[1],
        username=row[2],
        status=ChannelStatus(row[3]),
        added_by=row[4],
        decided_by=row[5],
        first_seen_at=from_utc_text(row[6]),  # type: ignore[arg-type]
        decided_at=from_utc_text(row[7]),
        articles=int(row[8] or 0),
    )


class ChannelRepository:
    """Known channels: record one, decide on it (allow, ignore, revoke), list them, remove a channel's articles."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    async def seen(
        self, chat_id: int, *, title: str | None = None, username: str | None = None, added_by: int | None = None
    ) -> tuple[Channel, bool]:
        """Record a channel the bot heard of (pending when new; title and username refreshed); return it and
        whether it is new."""
        now = to_utc_text(self._clock())
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO channels (id, title, username, added_by, first_seen_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (chat_id, title, username, added_by, now, now),
            )
            created = cursor.rowcount > 0
            if not created:
                await conn.execute(
                    "UPDATE channels SET title = coalesce(?, title), username = coalesce(?, username),"
                    " added_by = coalesce(?, added_by), updated_at = ? WHERE id = ?",
                    (title, username, added_by, now, chat_id),
                )
            row = await fetch_first(conn, f"SELECT {CHANNEL_COLUMNS} FROM channels c WHERE c.id = ?", (chat_id,))
        assert row is not None
        return channel_from_row(tuple(row)), created

    async def get(self, chat_id: int) -> Channel | None:
        """Return a channel, or None when the bot never heard of it."""
        row = await self._db.fetchone(f"SELECT {CHANNEL_COLUMNS} FROM channels c WHERE c.id = ?", (chat_id,))
        return channel_from_row(row) if row else None

    async def status(self, chat_id: int) -> ChannelStatus | None:
        """Return a channel's status (None when unknown), without counting its articles."""
        row = await self._db.fetchone("SELECT status FROM channels WHERE id = ?", (chat_id,))
        return ChannelStatus(row[0]) if row else None

    async def decide(self, chat_id: int, status: ChannelStatus, *, by: int | None = None) -> Channel | None:
        """Allow, ignore or revoke a channel (recording it when unknown); None when it is unknown and only pending."""
        now = to_utc_text(self._clock())
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO channels (id, status, decided_by, first_seen_at, decided_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status,"
                " decided_by = excluded.decided_by, decided_at = excluded.decided_at, updated_at = excluded.updated_at",
                (chat_id, str(status), by, now, now, now),
            )
            row = await fetch_first(conn, f"SELECT {CHANNEL_COLUMNS} FROM channels c WHERE c.id = ?", (chat_id,))
        return channel_from_row(tuple(row)) if row else None

    async def list(self) -> list[Channel]:
        """Return every known channel: allowed first, then pending, then the rest; by title within each."""
        rows = await self._db.fetchall(
            f"SELECT {CHANNEL_COLUMNS} FROM channels c ORDER BY"
            " CASE c.status WHEN 'allowed' THEN 0 WHEN 'pending' THEN 1 ELSE 2 END, lower(coalesce(c.title, '')), c.id"
        )
        return [channel_from_row(r) for r in rows]

    async def remove_articles(self, chat_id: int) -> int:
        """Delete the articles a channel published (their quotes and index entries go with them); return how many."""
        return await self._db.write("DELETE FROM articles WHERE origin = ?", (channel_origin(chat_id),))
