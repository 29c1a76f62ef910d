"""Digest subscribers: one row per chat (and forum topic), with schedule, filters, pause and watermark.

The database is the single source of truth for schedules: the scheduler arms its timer at `earliest_due()` and
moves `next_due_at` as it goes. A change of a subscription is one call and one transaction: given `now` (the
caller's clock), `subscribe` and `update` store the subscription's next slot (news.schedule) with the change, and
`None` while it is paused. The watermark only moves forward.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime, time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiosqlite

from news.models import Frequency, Subscriber
from news.schedule import subscriber_next_due
from storage.chats import check_language
from storage.db import Database, fetch_first
from storage.clock import from_utc_text, to_utc_text

logger = logging.getLogger(__name__)

SUBSCRIBER_COLUMNS = (
    "s.id, s.chat_id, s.thread_id, s.local_time, s.timezone, s.frequency, s.weekday, s.languages,"
    " s.include_keywords, s.exclude_keywords, s.paused, s.watermark_article_id, s.next_due_at, s.last_sent_at,"
    " s.created_at, s.updated_at"
)
MAX_KEYWORDS = 20
MAX_KEYWORD_CHARS = 50  # a word or a short phrase; longer is not a keyword (and would swell every settings card)
_UNSET = object()


def subscriber_from_row(row: tuple) -> Subscriber:
    """Build a Subscriber from a row of SUBSCRIBER_COLUMNS."""
    return Subscriber(
        id=row[0],
        chat_id=row[1],
        thread_id=row[2],
        local_time=time.fromisoformat(row[3]),
        timezone=row[4],
        frequency=Frequency(row[5]),
        weekday=row[6],
        languages=tuple(x for x in row[7].split(",") if x),
        include=tuple(json.loads(row[8])),
        exclude=tuple(json.loads(row[9])),
        paused=bool(row[10]),
        watermark_article_id=row[11],
        next_due_at=from_utc_text(row[12]),
        last_sent_at=from_utc_text(row[13]),
        created_at=from_utc_text(row[14]),  # type: ignore[arg-type]
        updated_at=from_utc_text(row[15]),  # type: ignore[arg-type]
    )


def check_timezone(name: str) -> str:
    """Return an IANA time zone name, or raise ValueError for an unknown one."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {name!r}") from exc
    return name


def _keywords(words: Iterable[str]) -> str:
    cleaned = [" ".join(w.split()) for w in words if isinstance(w, str) and w.strip()]
    cleaned = [w for w in cleaned if len(w) <= MAX_KEYWORD_CHARS]
    return json.dumps(list(dict.fromkeys(cleaned))[:MAX_KEYWORDS], ensure_ascii=False)


def _schedule(frequency: Frequency | str, weekday: int | None) -> tuple[str, int | None]:
    freq = Frequency(frequency)
    if freq is Frequency.WEEKLY:
        if weekday is None or not 0 <= int(weekday) <= 6:
            raise ValueError("a weekly digest needs a weekday from 0 (Monday) to 6")
        return freq.value, int(weekday)
    return freq.value, None


class SubscriberRepository:
    """Subscribers of the digest: subscribe, change, pause, unsubscribe, find the due ones, move watermarks."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    async def subscribe(
        self,
        chat_id: int,
        *,
        thread_id: int = 0,
        local_time: time = time(8, 0),
        timezone: str,
        frequency: Frequency | str = Frequency.DAILY,
        weekday: int | None = None,
        languages: Iterable[str] = (),
        include: Iterable[str] = (),
        exclude: Iterable[str] = (),
        next_due_at: datetime | None = None,
        now: datetime | None = None,
        chat_type: str = "private",
        chat_title: str | None = None,
        language: str | None = None,
    ) -> Subscriber:
        """Subscribe a chat (or a topic) or change its schedule and filters; unpauses it; one transaction.

        The chat is recorded (active again, its title kept up to date). With `now`, the next slot after it is stored
        (else `next_due_at` as given). `language` is the subscriber's (the person who sent /subscribe): the digest's
        language when the chat chose none.

        A new subscriber's watermark starts at the newest stored article, so its first digest holds only news
        that arrives after it subscribed.
        """
        freq, day = _schedule(frequency, weekday)
        langs = ",".join(sorted({check_language(x) for x in languages}))
        reader = check_language(language) if language else None
        stamp = to_utc_text(self._clock())
        due = to_utc_text(next_due_at) if next_due_at else None
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = coalesce(excluded.title, chats.title),"
                " is_active = 1, updated_at = excluded.updated_at",
                (chat_id, chat_type, chat_title, stamp, stamp),
            )
            await conn.execute(
                "INSERT INTO subscribers (chat_id, thread_id, local_time, timezone, frequency, weekday, languages,"
                " include_keywords, exclude_keywords, watermark_article_id, next_due_at, created_at, updated_at,"
                " language) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(id), 0) FROM articles), ?, ?, ?, ?)"
                " ON CONFLICT (chat_id, thread_id) DO UPDATE SET local_time = excluded.local_time,"
                " timezone = excluded.timezone, frequency = excluded.frequency, weekday = excluded.weekday,"
                " languages = excluded.languages, include_keywords = excluded.include_keywords,"
                " exclude_keywords = excluded.exclude_keywords, paused = 0, next_due_at = excluded.next_due_at,"
                " updated_at = excluded.updated_at, language = coalesce(excluded.language, subscribers.language)",
                (
                    chat_id,
                    int(thread_id or 0),
                    local_time.strftime("%H:%M"),
                    check_timezone(timezone),
                    freq,
                    day,
                    langs,
                    _keywords(include),
                    _keywords(exclude),
                    due,
                    stamp,
                    stamp,
                    reader,
                ),
            )
            row = await _one(conn, "s.chat_id = ? AND s.thread_id = ?", (chat_id, int(thread_id or 0)))
            assert row is not None
            if now is not None:
                row = dataclasses.replace(row, next_due_at=subscriber_next_due(row, after=now))
                await conn.execute(
                    "UPDATE subscribers SET next_due_at = ? WHERE id = ?", (to_utc_text(row.next_due_at), row.id)
                )
        return row

    async def get(self, subscriber_id: int) -> Subscriber | None:
        """Return one subscriber, or None."""
        rows = await self._db.fetchall(
            f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s WHERE s.id = ?", (subscriber_id,)
        )
        return subscriber_from_row(rows[0]) if rows else None

    async def for_chat(self, chat_id: int, *, thread_id: int = 0) -> Subscriber | None:
        """Return the subscription of a chat (or one of its topics), or None."""
        rows = await self._db.fetchall(
            f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s WHERE s.chat_id = ? AND s.thread_id = ?",
            (chat_id, int(thread_id or 0)),
        )
        return subscriber_from_row(rows[0]) if rows else None

    async def update(
        self,
        subscriber_id: int,
        *,
        local_time: time | None = None,
        timezone: str | None = None,
        frequency: Frequency | str | None = None,
        weekday: int | None | object = _UNSET,
        languages: Iterable[str] | None = None,
        include: Iterable[str] | None = None,
        exclude: Iterable[str] | None = None,
        paused: bool | None = None,
        next_due_at: datetime | None | object = _UNSET,
        now: datetime | None = None,
    ) -> Subscriber | None:
        """Change some settings of a subscriber in one transaction (arguments left out stay); None when unknown.

        With `now`, the next slot after it is stored with the change (None while paused), so the schedule always
        matches the settings.
        """
        async with self._db.transaction() as conn:
            current = await _one(conn, "s.id = ?", (subscriber_id,))
            if current is None:
                return None
            changed = current
            if local_time is not None:
                changed = dataclasses.replace(changed, local_time=time.fromisoformat(local_time.strftime("%H:%M")))
            if timezone is not None:
                changed = dataclasses.replace(changed, timezone=check_timezone(timezone))
            if frequency is not None or weekday is not _UNSET:
                freq, day = _schedule(
                    frequency if frequency is not None else current.frequency,
                    weekday if weekday is not _UNSET else current.weekday,  # type: ignore[arg-type]
                )
                changed = dataclasses.replace(changed, frequency=Frequency(freq), weekday=day)
            if languages is not None:
                changed = dataclasses.replace(changed, languages=tuple(sorted({check_language(x) for x in languages})))
            if include is not None:
                changed = dataclasses.replace(changed, include=tuple(json.loads(_keywords(include))))
            if exclude is not None:
                changed = dataclasses.replace(changed, exclude=tuple(json.loads(_keywords(exclude))))
            if paused is not None:
                changed = dataclasses.replace(changed, paused=bool(paused))
            if next_due_at is not _UNSET:
                changed = dataclasses.replace(changed, next_due_at=next_due_at)  # type: ignore[arg-type]
            if now is not None:
                due = None if changed.paused else subscriber_next_due(changed, after=now)
                changed = dataclasses.replace(changed, next_due_at=due)
            if changed == current:
                return current
            await conn.execute(
                "UPDATE subscribers SET local_time = ?, timezone = ?, frequency = ?, weekday = ?, languages = ?,"
                " include_keywords = ?, exclude_keywords = ?, paused = ?, next_due_at = ?, updated_at = ? WHERE id = ?",
                (
                    changed.local_time.strftime("%H:%M"),
                    changed.timezone,
                    changed.frequency.value,
                    changed.weekday,
                    ",".join(changed.languages),
                    json.dumps(list(changed.include), ensure_ascii=False),
                    json.dumps(list(changed.exclude), ensure_ascii=False),
                    int(changed.paused),
                    to_utc_text(changed.next_due_at) if changed.next_due_at else None,
                    to_utc_text(self._clock()),
                    subscriber_id,
                ),
            )
            return await _one(conn, "s.id = ?", (subscriber_id,))

    async def set_paused(self, subscriber_id: int, paused: bool) -> bool:
        """Pause or resume a subscriber; return False when unknown."""
        return await self.update(subscriber_id, paused=paused) is not None

    async def unsubscribe(self, chat_id: int, *, thread_id: int = 0) -> bool:
        """Remove a chat's (or topic's) subscription and its delivery history; return False when there was none."""
        changed = await self._db.write(
            "DELETE FROM subscribers WHERE chat_id = ? AND thread_id = ?", (chat_id, int(thread_id or 0))
        )
        return changed > 0

    async def active(self) -> list[Subscriber]:
        """Return every subscriber that should get digests: not paused, in an active chat."""
        rows = await self._db.fetchall(
            f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s JOIN chats c ON c.id = s.chat_id"
            " WHERE s.paused = 0 AND c.is_active = 1 ORDER BY s.id"
        )
        return [subscriber_from_row(r) for r in rows]

    async def due(self, now: datetime, *, limit: int = 1000) -> list[Subscriber]:
        """Return active subscribers whose next digest is due at `now` or earlier, the longest-waiting first."""
        rows = await self._db.fetchall(
            f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s JOIN chats c ON c.id = s.chat_id"
            " WHERE s.paused = 0 AND c.is_active = 1 AND s.next_due_at IS NOT NULL AND s.next_due_at <= ?"
            " ORDER BY s.next_due_at, s.id LIMIT ?",
            (to_utc_text(now), max(1, limit)),
        )
        return [subscriber_from_row(r) for r in rows]

    async def set_next_due(self, subscriber_id: int, when: datetime | None) -> None:
        """Store when a subscriber's next digest is due (None: not scheduled)."""
        await self._db.write(
            "UPDATE subscribers SET next_due_at = ?, updated_at = ? WHERE id = ?",
            (to_utc_text(when) if when else None, to_utc_text(self._clock()), subscriber_id),
        )

    async def advance_watermark(self, subscriber_id: int, article_id: int, *, sent_at: datetime | None = None) -> None:
        """Move a subscriber's watermark forward to `article_id` (never back) and note when a digest went out."""
        await self._db.write(
            "UPDATE subscribers SET watermark_article_id = max(watermark_article_id, ?),"
            " last_sent_at = coalesce(?, last_sent_at), updated_at = ? WHERE id = ?",
            (article_id, to_utc_text(sent_at) if sent_at else None, to_utc_text(self._clock()), subscriber_id),
        )

    # --- digests: the scheduler's view ---------------------------------------------------------------------

    async def unscheduled(self, *, limit: int = 1000) -> list[Subscriber]:
        """Return active subscribers that have no next slot yet (created without one, or resumed)."""
        rows = await self._db.fetchall(
            f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s JOIN chats c ON c.id = s.chat_id"
            " WHERE s.paused = 0 AND c.is_active = 1 AND s.next_due_at IS NULL ORDER BY s.id LIMIT ?",
            (max(1, limit),),
        )
        return [subscriber_from_row(r) for r in rows]

    async def set_next_due_many(self, schedule: Iterable[tuple[int, datetime]]) -> None:
        """Store the next slot of many subscribers in one transaction."""
        now = to_utc_text(self._clock())
        params = [(to_utc_text(when), now, subscriber_id) for subscriber_id, when in schedule]
        if not params:
            return
        async with self._db.transaction() as conn:
            await conn.executemany("UPDATE subscribers SET next_due_at = ?, updated_at = ? WHERE id = ?", params)

    async def earliest_due(self) -> datetime | None:
        """Return when the next digest of any active subscriber is due (None: nobody is scheduled)."""
        row = await self._db.fetchone(
            "SELECT min(s.next_due_at) FROM subscribers s JOIN chats c ON c.id = s.chat_id"
            " WHERE s.paused = 0 AND c.is_active = 1 AND s.next_due_at IS NOT NULL"
        )
        return from_utc_text(row[0]) if row else None

    async def count(self, *, active_only: bool = True) -> int:
        """Return how many subscribers there are (active ones by default)."""
        sql = "SELECT count(*) FROM subscribers s"
        if active_only:
            sql += " JOIN chats c ON c.id = s.chat_id WHERE s.paused = 0 AND c.is_active = 1"
        row = await self._db.fetchone(sql)
        return int(row[0]) if row else 0


async def _one(conn: aiosqlite.Connection, where: str, params: tuple) -> Subscriber | None:
    row = await fetch_first(conn, f"SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s WHERE {where}", params)
    return subscriber_from_row(tuple(row)) if row else None
