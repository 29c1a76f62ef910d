"""Chats the bot knows and their settings (the interface language first)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

from news.models import Chat
from storage.db import Database, fetch_first
from storage.clock import from_utc_text, to_utc_text

logger = logging.getLogger(__name__)

CHAT_COLUMNS = "id, type, title, language, is_active, created_at, updated_at"
CHAT_TYPES = frozenset({"private", "group", "supergroup", "channel"})
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")


def chat_from_row(row: tuple) -> Chat:
    """Build a Chat from a row of CHAT_COLUMNS."""
    return Chat(
        id=row[0],
        type=row[1],
        title=row[2],
        language=row[3],
        is_active=bool(row[4]),
        created_at=from_utc_text(row[5]),  # type: ignore[arg-type]
        updated_at=from_utc_text(row[6]),  # type: ignore[arg-type]
    )


def check_language(language: str) -> str:
    """Return a language code as stored, or raise ValueError for something that is not one."""
    if not isinstance(language, str) or not _LANGUAGE.match(language):
        raise ValueError(f"not a language code: {language!r}")
    return language.lower()


class ChatRepository:
    """Chats: upsert on contact, language get/set, deactivation (blocked bot) and migration (group upgrade)."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock

    async def upsert(self, chat_id: int, *, type: str = "private", title: str | None = None) -> Chat:
        """Record a chat the bot heard from (marking it active again); keep its language."""
        if type not in CHAT_TYPES:
            raise ValueError(f"unknown chat type: {type!r}")
        now = to_utc_text(self._clock())
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO chats (id, type, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO UPDATE SET type = excluded.type, title = coalesce(excluded.title, chats.title),"
                " is_active = 1, updated_at = excluded.updated_at",
                (chat_id, type, title, now, now),
            )
            row = await fetch_first(conn, f"SELECT {CHAT_COLUMNS} FROM chats WHERE id = ?", (chat_id,))
        assert row is not None
        return chat_from_row(tuple(row))

    async def get(self, chat_id: int) -> Chat | None:
        """Return a chat, or None when the bot never recorded it."""
        row = await self._db.fetchone(f"SELECT {CHAT_COLUMNS} FROM chats WHERE id = ?", (chat_id,))
        return chat_from_row(row) if row else None

    async def get_language(self, chat_id: int) -> str | None:
        """Return the language chosen for a chat, or None when it never chose one."""
        row = await self._db.fetchone("SELECT language FROM chats WHERE id = ?", (chat_id,))
        return row[0] if row else None

    async def set_language(self, chat_id: int, language: str | None, *, type: str = "private") -> None:
        """Store a chat's language (None forgets the choice); records the chat when it is new."""
        value = check_language(language) if language is not None else None
        if type not in CHAT_TYPES:
            raise ValueError(f"unknown chat type: {type!r}")
        now = to_utc_text(self._clock())
        await self._db.write(
            "INSERT INTO chats (id, type, language, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET language = excluded.language, updated_at = excluded.updated_at",
            (chat_id, type, value, now, now),
        )

    async def set_active(self, chat_id: int, active: bool) -> bool:
        """Mark a chat active or not (blocked the bot, kicked it); return False when the chat is unknown."""
        now = to_utc_text(self._clock())
        changed = await self._db.write(
            "UPDATE chats SET is_active = ?, updated_at = ? WHERE id = ?", (int(active), now, chat_id)
        )
        return changed > 0

    async def migrate(self, old_id: int, new_id: int) -> bool:
        """Move a chat to its new id (a group became a supergroup), with its settings and subscriptions.

        Returns False when the old chat is unknown. When the new id already exists, the old chat's settings fill
        what the new one lacks and its subscriptions move over unless the new chat has one for the same topic.
        """
        now = to_utc_text(self._clock())
        async with self._db.transaction() as conn:
            if await fetch_first(conn, "SELECT 1 FROM chats WHERE id = ?", (old_id,)) is None:
                return False
            exists = await fetch_first(conn, "SELECT 1 FROM chats WHERE id = ?", (new_id,)) is not None
            if not exists:
                # ON UPDATE CASCADE carries the subscribers along.
                await conn.execute(
                    "UPDATE chats SET id = ?, type = 'supergroup', updated_at = ? WHERE id = ?", (new_id, now, old_id)
                )
            else:
                await conn.execute(
                    "UPDATE chats SET language = coalesce(language, (SELECT language FROM chats WHERE id = ?)),"
                    " is_active = 1, updated_at = ? WHERE id = ?",
                    (old_id, now, new_id),
                )
                # A topic the new chat already subscribes stays; the old one's row goes with the old chat.
                await conn.execute(
                    "UPDATE subscribers SET chat_id = ? WHERE chat_id = ?"
                    " AND thread_id NOT IN (SELECT thread_id FROM subscribers WHERE chat_id = ?)",
                    (new_id, old_id, new_id),
                )
                await conn.execute("DELETE FROM chats WHERE id = ?", (old_id,))
            await conn.execute("UPDATE deliveries SET chat_id = ? WHERE chat_id = ?", (new_id, old_id))
        return True

    async def count(self, *, active_only: bool = True) -> int:
        """Return how many chats are known (active ones by default)."""
        row = await self._db.fetchone(
            "SELECT count(*) FROM chats" + (" WHERE is_active = 1" if active_only else "")
        )
        return int(row[0]) if row else 0
