"""Digest deliveries (intent before sending, result after) and leases (one sender among many processes).

The protocol that makes a digest go out exactly once per slot, even across `kill -9`:
1. `record_intent(subscriber, slot, ...)` before the first message: creates the row, or returns the existing
   one. A row already SENT means "skip". A row left in INTENT by a crash means "send again" (the one message in
   flight at the crash may repeat; `message_ids` shows how far it got).
2. `add_message_ids` after each message of a multi-message digest.
3. `mark_sent` after the last message: in the same transaction the subscriber's watermark moves forward.
   `mark_failed` records an error that will not be retried (e.g. the bot was blocked).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from news.models import Subscriber
from storage.db import Database, fetch_first
from storage.clock import from_utc_text, to_utc_text
from storage.subscribers import SUBSCRIBER_COLUMNS, subscriber_from_row

logger = logging.getLogger(__name__)

DELIVERY_COLUMNS = (
    "id, subscriber_id, chat_id, slot, state, watermark_article_id, message_ids, attempts, error, created_at,"
    " updated_at, sent_at, from_article_id"
)

CLAIM_CHUNK = 500  # intents per INSERT statement (7 parameters each: well under both back ends' limits)

# digests: the same columns, qualified for joins.
_JOB_DELIVERY_COLUMNS = ", ".join(f"d.{c.strip()}" for c in DELIVERY_COLUMNS.split(","))


class DeliveryState(StrEnum):
    """Where one digest delivery stands: intent is written before sending, the result after."""

    INTENT = "intent"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Delivery:
    """One digest (identified by `slot`, e.g. its local due time) for one subscriber."""

    id: int
    subscriber_id: int
    chat_id: int
    slot: str
    state: DeliveryState
    watermark_article_id: int | None
    message_ids: tuple[int, ...]
    attempts: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    # digests: the subscriber's watermark when the intent was written; the digest covers (from, watermark].
    from_article_id: int = 0


@dataclass(frozen=True, slots=True)
class DigestClaim:
    """The scheduler's decision for one due subscriber: write the intent for `slot`, or (`skip`) just move on.

    The digest covers articles in (from_article_id, upto_article_id]; `next_due_at` is the subscriber's next slot.
    A skipped claim (nothing new passed the filters) moves the watermark to `upto_article_id` without a delivery.
    """

    subscriber_id: int
    chat_id: int
    slot: str
    from_article_id: int
    upto_article_id: int
    next_due_at: datetime
    skip: bool = False


@dataclass(frozen=True, slots=True)
class DigestJob:
    """An open delivery with what sending it needs: the subscriber as it is now and its chat's type and language."""

    delivery: Delivery
    subscriber: Subscriber
    chat_type: str
    chat_language: str | None
    chat_active: bool


def delivery_from_row(row: tuple) -> Delivery:
    """Build a Delivery from a row of DELIVERY_COLUMNS."""
    return Delivery(
        id=row[0],
        subscriber_id=row[1],
        chat_id=row[2],
        slot=row[3],
        state=DeliveryState(row[4]),
        watermark_article_id=row[5],
        message_ids=tuple(json.loads(row[6])),
        attempts=row[7],
        error=row[8],
        created_at=from_utc_text(row[9]),  # type: ignore[arg-type]
        updated_at=from_utc_text(row[10]),  # type: ignore[arg-type]
        sent_at=from_utc_text(row[11]),
        from_article_id=row[12],
    )


class DeliveryRepository:
    """What each subscriber was sent: one row per (subscriber, slot)."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    async def record_intent(
        self,
        subscriber_id: int,
        slot: str,
        *,
        chat_id: int,
        watermark_article_id: int | None,
        from_article_id: int = 0,
    ) -> Delivery:
        """Write the intent to send this slot's digest (counting an attempt), or return the row that exists.

        An existing SENT or FAILED row is returned unchanged; an INTENT row (a crash interrupted it) gets
        another attempt counted.
        """
        now = to_utc_text(self._clock())
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO deliveries (subscriber_id, chat_id, slot, state, watermark_article_id, from_article_id,"
                " attempts, created_at, updated_at) VALUES (?, ?, ?, 'intent', ?, ?, 1, ?, ?)"
                " ON CONFLICT (subscriber_id, slot) DO UPDATE SET attempts = deliveries.attempts + 1,"
                " updated_at = excluded.updated_at"
                " WHERE deliveries.state = 'intent'",
                (subscriber_id, chat_id, slot, watermark_article_id, from_article_id, now, now),
            )
            row = await fetch_first(
                conn,
                f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE subscriber_id = ? AND slot = ?",
                (subscriber_id, slot),
            )
        assert row is not None
        return delivery_from_row(tuple(row))

    async def add_message_ids(self, delivery_id: int, message_ids: Iterable[int]) -> None:
        """Append the ids of messages already sent for this delivery."""
        ids = [int(i) for i in message_ids]
        async with self._db.transaction() as conn:
            row = await fetch_first(conn, "SELECT message_ids FROM deliveries WHERE id = ?", (delivery_id,))
            if row is None:
                return
            merged = list(json.loads(row[0])) + ids
            await conn.execute(
                "UPDATE deliveries SET message_ids = ?, updated_at = ? WHERE id = ?",
                (json.dumps(merged), to_utc_text(self._clock()), delivery_id),
            )

    async def mark_sent(self, delivery_id: int, *, message_ids: Iterable[int] = ()) -> bool:
        """Mark a delivery sent and move its subscriber's watermark, in one transaction; False when unknown."""
        now = to_utc_text(self._clock())
        ids = [int(i) for i in message_ids]
        async with self._db.transaction() as conn:
            row = await fetch_first(
                conn,
                "SELECT subscriber_id, watermark_article_id, message_ids FROM deliveries WHERE id = ?",
                (delivery_id,),
            )
            if row is None:
                return False
            subscriber_id, watermark, stored = row
            merged = list(json.loads(stored)) + [i for i in ids if i not in json.loads(stored)]
            await conn.execute(
                "UPDATE deliveries SET state = 'sent', message_ids = ?, error = NULL, sent_at = ?, updated_at = ?"
                " WHERE id = ?",
                (json.dumps(merged), now, now, delivery_id),
            )
            await conn.execute(
                "UPDATE subscribers SET watermark_article_id = max(watermark_article_id, coalesce(?, 0)),"
                " last_sent_at = ?, updated_at = ? WHERE id = ?",
                (watermark, now, now, subscriber_id),
            )
        return True

    async def mark_failed(self, delivery_id: int, error: str) -> bool:
        """Record that a delivery failed for good (it will not be retried); False when unknown."""
        now = to_utc_text(self._clock())
        changed = await self._db.write(
            "UPDATE deliveries SET state = 'failed', error = ?, updated_at = ? WHERE id = ?",
            (error[:500], now, delivery_id),
        )
        return changed > 0

    async def get(self, delivery_id: int) -> Delivery | None:
        """Return one delivery, or None."""
        row = await self._db.fetchone(f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,))
        return delivery_from_row(row) if row else None

    async def pending(self, *, limit: int = 1000) -> list[Delivery]:
        """Return deliveries left in INTENT (interrupted), oldest first: what a restart must finish."""
        rows = await self._db.fetchall(
            f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE state = 'intent' ORDER BY id LIMIT ?", (max(1, limit),)
        )
        return [delivery_from_row(r) for r in rows]

    async def for_subscriber(self, subscriber_id: int, *, limit: int = 20) -> list[Delivery]:
        """Return a subscriber's latest deliveries, newest first."""
        rows = await self._db.fetchall(
            f"SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE subscriber_id = ? ORDER BY id DESC LIMIT ?",
            (subscriber_id, max(1, limit)),
        )
        return [delivery_from_row(r) for r in rows]

    # --- digests: the scheduler's claims and the sender's progress ----------------------------------------

    async def claim(self, claims: Sequence[DigestClaim], *, due_at: datetime | None = None) -> int:
        """Write the intents of due subscribers and move their schedules, in one transaction; return intents written.

        For each claim, an open intent of an older slot is superseded (the bot was down: only the latest digest
        goes out, and it covers everything since the watermark); an intent that exists for the same slot is kept
        as it is. A skipped claim only moves the watermark and the schedule.

        Several processes may claim at once: the subscribers are locked first (on PostgreSQL `FOR UPDATE SKIP
        LOCKED`, so a subscriber another process is claiming right now is left to it), and with `due_at` only
        those still due then are claimed, so a subscriber whose schedule another process has just moved is not
        claimed twice. Only the claims that were written or moved count.
        """
        if not claims:
            return 0
        now = to_utc_text(self._clock())
        written = 0
        async with self._db.transaction(exclusive=False) as conn:
            ids = sorted({c.subscriber_id for c in claims})
            sql = f"SELECT id FROM subscribers WHERE id IN ({','.join('?' * len(ids))})"
            params: list[object] = list(ids)
            if due_at is not None:
                sql += " AND next_due_at IS NOT NULL AND next_due_at <= ?"
                params.append(to_utc_text(due_at))
            if self._db.dialect == "postgresql":
                sql += " ORDER BY id FOR UPDATE SKIP LOCKED"
            mine = {row[0] for row in await conn.execute_fetchall(sql, params)}
            claims = [c for c in claims if c.subscriber_id in mine]
            if not claims:
                return 0
            await conn.executemany(
                "UPDATE deliveries SET state = 'failed', error = 'superseded by ' || ?, updated_at = ?"
                " WHERE subscriber_id = ? AND state = 'intent' AND slot != ?",
                [(c.slot, now, c.subscriber_id, c.slot) for c in claims],
            )
            sends = [c for c in claims if not c.skip]
            for start in range(0, len(sends), CLAIM_CHUNK):
                chunk = sends[start : start + CLAIM_CHUNK]
                # One statement per chunk, RETURNING what it inserted: the count on both back ends.
                rows = await conn.execute_fetchall(
                    "INSERT INTO deliveries (subscriber_id, chat_id, slot, state, watermark_article_id,"
                    " from_article_id, attempts, created_at, updated_at) VALUES "
                    + ", ".join(["(?, ?, ?, 'intent', ?, ?, 0, ?, ?)"] * len(chunk))
                    + " ON CONFLICT (subscriber_id, slot) DO NOTHING RETURNING id",
                    [
                        value
                        for c in chunk
                        for value in (
                            c.subscriber_id, c.chat_id, c.slot, c.upto_article_id, c.from_article_id, now, now
                        )
                    ],
                )
                written += len(rows)
            await conn.executemany(
                "UPDATE subscribers SET next_due_at = ?, updated_at = ?,"
                " watermark_article_id = CASE WHEN ? = 1 THEN max(watermark_article_id, ?)"
                " ELSE watermark_article_id END"
                " WHERE id = ?",
                [(to_utc_text(c.next_due_at), now, int(c.skip), c.upto_article_id, c.subscriber_id) for c in claims],
            )
        return written

    async def open_jobs(self, *, after_id: int = 0, limit: int = 200) -> list[DigestJob]:
        """Return open intents (id > after_id, oldest first) with their subscriber and chat: what is left to send."""
        rows = await self._db.fetchall(
            # The chat's own language, else the language of whoever subscribed it.
            f"SELECT {_JOB_DELIVERY_COLUMNS}, {SUBSCRIBER_COLUMNS}, c.type, coalesce(c.language, s.language),"
            " c.is_active"
            " FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id JOIN chats c ON c.id = s.chat_id"
            " WHERE d.state = 'intent' AND d.id > ? ORDER BY d.id LIMIT ?",
            (after_id, max(1, limit)),
        )
        width = len(DELIVERY_COLUMNS.split(","))
        return [
            DigestJob(
                delivery=delivery_from_row(row[:width]),
                subscriber=subscriber_from_row(row[width:-3]),
                chat_type=row[-3],
                chat_language=row[-2],
                chat_active=bool(row[-1]),
            )
            for row in rows
        ]

    async def record_part(self, delivery_id: int, message_id: int) -> None:
        """Note that one more message of an open delivery went out (the result, written right after sending)."""
        await self._db.write(
            "UPDATE deliveries SET message_ids = json_insert(message_ids, '$[#]', ?), updated_at = ?"
            " WHERE id = ? AND state = 'intent'",
            (int(message_id), to_utc_text(self._clock()), delivery_id),
            exclusive=False,  # one row; the sender must not wait behind an import
        )

    async def complete(self, delivery_id: int, *, message_id: int | None = None) -> bool:
        """Close an open delivery as sent (with its last message id) and move the watermark, in one transaction.

        Returns False when the delivery was no longer open (superseded or closed by another sender).
        """
        now = to_utc_text(self._clock())
        async with self._db.transaction(exclusive=False) as conn:
            rows = await conn.execute_fetchall(
                "UPDATE deliveries SET state = 'sent', sent_at = ?, updated_at = ?, error = NULL,"
                " message_ids = CASE WHEN CAST(? AS INTEGER) IS NULL THEN message_ids"
                " ELSE json_insert(message_ids, '$[#]', ?) END"
                " WHERE id = ? AND state = 'intent' RETURNING subscriber_id, watermark_article_id",
                (now, now, message_id, message_id, delivery_id),
            )
            row = next(iter(rows), None)
            if row is None:
                return False
            await conn.execute(
                "UPDATE subscribers SET watermark_article_id = max(watermark_article_id, coalesce(?, 0)),"
                " last_sent_at = ?, updated_at = ? WHERE id = ?",
                (row[1], now, now, row[0]),
            )
        return True

    async def record_results(
        self, *, parts: Sequence[tuple[int, int]] = (), completions: Sequence[tuple[int, int | None]] = ()
    ) -> None:
        """Record many sends in one transaction: what `record_part` and `complete` do one by one.

        `parts` are (delivery id, message id); `completions` are (delivery id, last message id or None), each closing
        its delivery as sent and moving the watermark. A delivery no longer open is left as it is.
        """
        if not parts and not completions:
            return
        now = to_utc_text(self._clock())
        async with self._db.transaction(exclusive=False) as conn:
            if parts:
                await conn.executemany(
                    "UPDATE deliveries SET message_ids = json_insert(message_ids, '$[#]', ?), updated_at = ?"
                    " WHERE id = ? AND state = 'intent'",
                    [(int(m), now, d) for d, m in parts],
                )
            if completions:
                # The watermark first, while the delivery is still open (that is what says it may move).
                await conn.executemany(
                    "UPDATE subscribers SET watermark_article_id = max(watermark_article_id,"
                    " coalesce((SELECT watermark_article_id FROM deliveries WHERE id = ?), 0)),"
                    " last_sent_at = ?, updated_at = ?"
                    " WHERE id = (SELECT subscriber_id FROM deliveries WHERE id = ? AND state = 'intent')",
                    [(d, now, now, d) for d, _ in completions],
                )
                await conn.executemany(
                    "UPDATE deliveries SET state = 'sent', sent_at = ?, updated_at = ?, error = NULL,"
                    " message_ids = CASE WHEN CAST(? AS INTEGER) IS NULL THEN message_ids"
                    " ELSE json_insert(message_ids, '$[#]', ?) END"
                    " WHERE id = ? AND state = 'intent'",
                    [(now, now, m, m, d) for d, m in completions],
                )

    async def abandon(self, delivery_id: int, error: str) -> bool:
        """Close an open delivery as failed for good (blocked, paused, superseded); False when it was not open."""
        changed = await self._db.write(
            "UPDATE deliveries SET state = 'failed', error = ?, updated_at = ? WHERE id = ? AND state = 'intent'",
            (error[:500], to_utc_text(self._clock()), delivery_id),
            exclusive=False,
        )
        return changed > 0

    async def note_failure(self, delivery_id: int, error: str, *, give_up_after: int) -> bool:
        """Count a pass that failed for a passing reason; after `give_up_after` of them close it as failed.

        Returns True when the delivery was closed.
        """
        async with self._db.transaction(exclusive=False) as conn:
            rows = await conn.execute_fetchall(
                "UPDATE deliveries SET attempts = attempts + 1, error = ?, updated_at = ?,"
                " state = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE state END"
                " WHERE id = ? AND state = 'intent' RETURNING state",
                (error[:500], to_utc_text(self._clock()), give_up_after, delivery_id),
            )
        row = next(iter(rows), None)
        return row is not None and row[0] == "failed"

    async def count_by_state(self) -> dict[str, int]:
        """Return how many deliveries are in each state."""
        rows = await self._db.fetchall("SELECT state, count(*) FROM deliveries GROUP BY state")
        return {str(state): int(n) for state, n in rows}


class LeaseRepository:
    """Named leases in the database: at most one holder at a time, until the lease expires."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    async def acquire(self, name: str, holder: str, *, ttl: timedelta) -> bool:
        """Take or renew the lease `name` for `holder`; False when someone else holds it and it has not expired."""
        now = self._clock()
        changed = await self._db.write(
            "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at"
            " WHERE leases.holder = excluded.holder OR leases.expires_at <= ?",
            (name, holder, to_utc_text(now + ttl), to_utc_text(now)),
            exclusive=False,  # a lease must not wait behind an import's transaction
        )
        return changed > 0

    async def release(self, name: str, holder: str) -> bool:
        """Give the lease up if `holder` has it; return whether it did."""
        changed = await self._db.write(
            "DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder), exclusive=False
        )
        return changed > 0

    async def take_over(self, name: str, holder: str, *, previous: str, ttl: timedelta) -> bool:
        """Take the lease from `previous` even before it expires (it is known to be dead); False if it moved on."""
        now = self._clock()
        changed = await self._db.write(
            "UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND holder = ?",
            (holder, to_utc_text(now + ttl), name, previous),
            exclusive=False,
        )
        return changed > 0

    async def current(self, name: str) -> tuple[str, datetime] | None:
        """Return the lease's holder and expiry as stored (expired or not), or None when nobody ever took it."""
        row = await self._db.fetchone("SELECT holder, expires_at FROM leases WHERE name = ?", (name,))
        return (row[0], from_utc_text(row[1])) if row else None  # type: ignore[return-value]

    async def holder(self, name: str) -> str | None:
        """Return who holds the lease now, or None when it is free or expired."""
        row = await self._db.fetchone(
            "SELECT holder FROM leases WHERE name = ? AND expires_at > ?", (name, to_utc_text(self._clock()))
        )
        return row[0] if row else None
