"""Feeds to poll and their polling state: validators, failures, backoff schedule, backlog handling.

The poller (issue 5) decides intervals and backoff; the store keeps the state so it survives restarts:
`record_success` / `record_failure` after each poll, `due(now)` to find what to poll next. `record_failure`
returns the updated feed so the caller can tell admins once, when `consecutive_failures` reaches its threshold
and `failure_notified` is still False (then `mark_failure_notified`); `record_success` returns the feed as it was
before, so a caller sees it recovered from a notified failure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from news.models import Feed
from news.urls import url_key
from storage.db import Database, fetch_first
from storage.clock import from_utc_text, to_utc_text

logger = logging.getLogger(__name__)

FEED_COLUMNS = (
    "id, url, title, site_url, interval_minutes, ttl_minutes, etag, last_modified, paused, added_at, added_by,"
    " last_checked_at, last_success_at, last_error_at, last_error, consecutive_failures, failure_notified,"
    " next_due_at, backlog_done"
)


def feed_from_row(row: tuple) -> Feed:
    """Build a Feed from a row of FEED_COLUMNS."""
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        site_url=row[3],
        interval_minutes=row[4],
        ttl_minutes=row[5],
        etag=row[6],
        last_modified=row[7],
        paused=bool(row[8]),
        added_at=from_utc_text(row[9]),  # type: ignore[arg-type]
        added_by=row[10],
        last_checked_at=from_utc_text(row[11]),
        last_success_at=from_utc_text(row[12]),
        last_error_at=from_utc_text(row[13]),
        last_error=row[14],
        consecutive_failures=row[15],
        failure_notified=bool(row[16]),
        next_due_at=from_utc_text(row[17]),
        backlog_done=bool(row[18]),
    )


def _key(url: str) -> str:
    key = url_key(url)
    if key is None:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return key


class FeedRepository:
    """Feeds: add, list, pause, remove, and the polling state."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    async def add(
        self,
        url: str,
        *,
        title: str | None = None,
        site_url: str | None = None,
        interval_minutes: int = 10,
        added_by: int | None = None,
    ) -> tuple[Feed, bool]:
        """Add a feed (due at once); return it and whether it is new (an existing one is returned unchanged)."""
        key = _key(url)
        if interval_minutes < 1:
            raise ValueError("interval_minutes must be at least 1")
        now = to_utc_text(self._clock())
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO feeds (url, url_key, title, site_url, interval_minutes, added_at, added_by, next_due_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url_key) DO NOTHING",
                (url.strip(), key, title, site_url, interval_minutes, now, added_by, now),
            )
            created = cursor.rowcount > 0
            row = await fetch_first(conn, f"SELECT {FEED_COLUMNS} FROM feeds WHERE url_key = ?", (key,))
        assert row is not None
        return feed_from_row(tuple(row)), created

    async def get(self, feed_id: int) -> Feed | None:
        """Return one feed, or None."""
        row = await self._db.fetchone(f"SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,))
        return feed_from_row(row) if row else None

    async def by_url(self, url: str) -> Feed | None:
        """Return the feed at this URL (any spelling of it), or None."""
        key = url_key(url)
        if key is None:
            return None
        row = await self._db.fetchone(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url_key = ?", (key,))
        return feed_from_row(row) if row else None

    async def list(self, *, include_paused: bool = True) -> list[Feed]:
        """Return every feed, in the order they were added."""
        where = "" if include_paused else " WHERE paused = 0"
        rows = await self._db.fetchall(f"SELECT {FEED_COLUMNS} FROM feeds{where} ORDER BY id")
        return [feed_from_row(r) for r in rows]

    async def remove(self, feed_id: int) -> bool:
        """Remove a feed (its articles stay); return False when unknown."""
        return await self._db.write("DELETE FROM feeds WHERE id = ?", (feed_id,)) > 0

    async def set_paused(self, feed_id: int, paused: bool) -> bool:
        """Pause or resume polling a feed; resuming makes it due at once. False when unknown."""
        now = to_utc_text(self._clock())
        return (
            await self._db.write(
                "UPDATE feeds SET paused = ?, next_due_at = CASE WHEN ? = 1 THEN next_due_at ELSE ? END WHERE id = ?",
                (int(paused), int(paused), now, feed_id),
            )
            > 0
        )

    async def due(self, now: datetime, *, limit: int = 100) -> list[Feed]:
        """Return unpaused feeds due at `now` or earlier, the longest-waiting first."""
        rows = await self._db.fetchall(
            f"SELECT {FEED_COLUMNS} FROM feeds WHERE paused = 0 AND (next_due_at IS NULL OR next_due_at <= ?)"
            " ORDER BY next_due_at, id LIMIT ?",
            (to_utc_text(now), max(1, limit)),
        )
        return [feed_from_row(r) for r in rows]

    # --- claims: several processes share the polling, none fetches a feed another is polling -------------------

    async def claim_due(
        self, now: datetime, holder: str, *, ttl: timedelta, limit: int = 100, force: bool = False
    ) -> list[Feed]:
        """Claim unpaused feeds due at `now` (every unpaused one with `force`) that nobody else is polling.

        A claim lasts `ttl` or until `release`; one left by a process that died runs out by itself. On PostgreSQL
        the rows are locked with `FOR UPDATE SKIP LOCKED`, so processes claiming at the same moment split the
        feeds between them instead of waiting for each other.
        """
        stamp = to_utc_text(now)
        due = "" if force else " AND (next_due_at IS NULL OR next_due_at <= ?)"
        lock = " FOR UPDATE SKIP LOCKED" if self._db.dialect == "postgresql" else ""
        async with self._db.transaction(exclusive=False) as conn:
            rows = await conn.execute_fetchall(
                "SELECT id FROM feeds WHERE paused = 0 AND (claimed_until IS NULL OR claimed_until <= ?"
                f" OR claimed_by = ?){due} ORDER BY next_due_at, id LIMIT ?{lock}",
                [stamp, holder, *([] if force else [stamp]), max(1, limit)],
            )
            ids = [r[0] for r in rows]
            if not ids:
                return []
            marks = ",".join("?" * len(ids))
            await conn.execute(
                f"UPDATE feeds SET claimed_by = ?, claimed_until = ? WHERE id IN ({marks})",
                [holder, to_utc_text(now + ttl), *ids],
            )
            claimed = await conn.execute_fetchall(
                f"SELECT {FEED_COLUMNS} FROM feeds WHERE id IN ({marks}) ORDER BY next_due_at, id", ids
            )
        return [feed_from_row(r) for r in claimed]

    async def claim(self, feed_id: int, holder: str, *, now: datetime, ttl: timedelta) -> bool:
        """Claim one feed (paused or not) unless another process is polling it; False when it is taken or unknown."""
        changed = await self._db.write(
            "UPDATE feeds SET claimed_by = ?, claimed_until = ? WHERE id = ?"
            " AND (claimed_until IS NULL OR claimed_until <= ? OR claimed_by = ?)",
            (holder, to_utc_text(now + ttl), feed_id, to_utc_text(now), holder),
            exclusive=False,
        )
        return changed > 0

    async def release(self, feed_id: int, holder: str) -> None:
        """End `holder`'s claim on a feed (its poll is over, and its next due time is stored)."""
        await self._db.write(
            "UPDATE feeds SET claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
            (feed_id, holder),
            exclusive=False,
        )

    async def record_success(
        self,
        feed_id: int,
        *,
        next_due_at: datetime,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        ttl_minutes: int | None = None,
    ) -> Feed | None:
        """Record a successful poll (resetting failures, ending the backlog phase); return the feed as it WAS."""
        before = await self.get(feed_id)
        if before is None:
            return None
        now = to_utc_text(self._clock())
        await self._db.write(
            "UPDATE feeds SET last_checked_at = ?, last_success_at = ?, consecutive_failures = 0,"
            " failure_notified = 0, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified),"
            " title = coalesce(title, ?), ttl_minutes = coalesce(?, ttl_minutes), next_due_at = ?, backlog_done = 1"
            " WHERE id = ?",
            (now, now, etag, last_modified, title, ttl_minutes, to_utc_text(next_due_at), feed_id),
        )
        return before

    async def record_failure(self, feed_id: int, error: str, *, next_due_at: datetime) -> Feed | None:
        """Record a failed poll and when to try again; return the updated feed."""
        now = to_utc_text(self._clock())
        await self._db.write(
            "UPDATE feeds SET last_checked_at = ?, last_error_at = ?, last_error = ?,"
            " consecutive_failures = consecutive_failures + 1, next_due_at = ? WHERE id = ?",
            (now, now, error[:500], to_utc_text(next_due_at), feed_id),
        )
        return await self.get(feed_id)

    async def mark_failure_notified(self, feed_id: int) -> None:
        """Note that admins were told about the current run of failures."""
        await self._db.write("UPDATE feeds SET failure_notified = 1 WHERE id = ?", (feed_id,))

    async def set_url(self, feed_id: int, url: str) -> bool:
        """Move a feed to a new address (after a permanent redirect); False when unknown or taken by another feed."""
        key = _key(url)
        async with self._db.transaction() as conn:
            if await fetch_first(conn, "SELECT id FROM feeds WHERE url_key = ? AND id != ?", (key, feed_id)):
                return False
            cursor = await conn.execute(
                "UPDATE feeds SET url = ?, url_key = ? WHERE id = ?", (url.strip(), key, feed_id)
            )
            return cursor.rowcount > 0

    async def set_interval(self, feed_id: int, minutes: int) -> bool:
        """Change how often a feed is polled; False when unknown."""
        if minutes < 1:
            raise ValueError("minutes must be at least 1")
        return await self._db.write("UPDATE feeds SET interval_minutes = ? WHERE id = ?", (minutes, feed_id)) > 0

    async def count(self) -> int:
        """Return how many feeds there are."""
        row = await self._db.fetchone("SELECT count(*) FROM feeds")
        return int(row[0]) if row else 0

    # --- added for the feed poller (issue 5) ---

    async def next_due_at(self) -> datetime | None:
        """Return when the next unpaused feed falls due, or None when no feed is waiting."""
        row = await self._db.fetchone("SELECT min(coalesce(next_due_at, '')) FROM feeds WHERE paused = 0")
        if row is None or row[0] is None:
            return None
        # A feed never scheduled ('' sorts first) is due at once.
        return from_utc_text(row[0]) or datetime.min.replace(tzinfo=UTC)

    async def article_counts(self) -> dict[int, int]:
        """Map each feed id to how many stored articles came from it (feeds with none are left out)."""
        rows = await self._db.fetchall(
            "SELECT feed_id, count(*) FROM articles WHERE feed_id IS NOT NULL GROUP BY feed_id"
        )
        return {int(feed_id): int(count) for feed_id, count in rows}
