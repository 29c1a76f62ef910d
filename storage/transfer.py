"""Copy a SQLite store into PostgreSQL (`kabarchy migrate-db`), resumably, batch by batch.

    source = await Store.open("kabarchy.db"); target = await Store.open("postgresql://…")
    async for table, copied in copy_store(source, target):   # progress as it goes
        ...

Tables go in the order their references need, each by its key, ascending; every batch is one transaction on the
target, and a table resumes after the highest key the target already has. So a copy stopped at any moment (Ctrl-C,
kill -9, a lost connection) goes on where it stopped when run again, and a finished one finds nothing to do. An
article travels with its summary sentences and quotes in one transaction, and gets its search index columns as it is
written. Ids are kept, so every reference (a subscriber's watermark, a delivery's articles) still holds; the
identity sequences are moved past them at the end. Leases are not copied: they belong to running processes.
The source should not change while it is copied (stop the bot first).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from storage.articles import index_words
from storage.store import Store

logger = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True, slots=True)
class Table:
    """A table to copy: its columns and the key it is copied in order of."""

    name: str
    columns: tuple[str, ...]
    key: str = "id"


_ARTICLE_COLUMNS = (
    "id", "url", "canonical_url", "url_key", "guid", "guid_key", "source", "feed_id", "author", "title", "lead",
    "body", "language", "published", "fetched", "updated", "sort_time", "content_hash", "source_hash", "backlog",
    "quote_count", "origin",
)
_QUOTE_COLUMNS = ("id", "article_id", "position", "rank", "text", "speaker", "speaker_norm", "score", "sentence")
TABLES = (
    Table("feeds", (
        "id", "url", "url_key", "title", "site_url", "interval_minutes", "ttl_minutes", "etag", "last_modified",
        "paused", "added_at", "added_by", "last_checked_at", "last_success_at", "last_error_at", "last_error",
        "consecutive_failures", "failure_notified", "next_due_at", "backlog_done",
    )),
    Table("chats", ("id", "type", "title", "language", "is_active", "created_at", "updated_at")),
    Table("channels", (
        "id", "title", "username", "status", "added_by", "decided_by", "first_seen_at", "decided_at", "updated_at",
    )),
    Table("articles", _ARTICLE_COLUMNS),
    Table("search_terms", ("key", "term"), key="key"),
    Table("subscribers", (
        "id", "chat_id", "thread_id", "local_time", "timezone", "frequency", "weekday", "languages",
        "include_keywords", "exclude_keywords", "paused", "watermark_article_id", "next_due_at", "last_sent_at",
        "created_at", "updated_at", "language",
    )),
    Table("deliveries", (
        "id", "subscriber_id", "chat_id", "slot", "state", "watermark_article_id", "from_article_id", "message_ids",
        "attempts", "error", "created_at", "updated_at", "sent_at",
    )),
)
_SEQUENCES = ("feeds", "articles", "quotes", "subscribers", "deliveries")


async def source_counts(source: Store) -> dict[str, int]:
    """Return how many rows each table to copy holds in the source (for a progress bar)."""
    counts = {}
    for table in TABLES:
        row = await source.db.fetchone(f"SELECT count(*) FROM {table.name}")
        counts[table.name] = int(row[0]) if row else 0
    return counts


async def copy_store(source: Store, target: Store, *, batch: int = BATCH) -> AsyncIterator[tuple[str, int]]:
    """Copy what the target lacks, table by table; yield (table, rows copied) after each committed batch."""
    if target.db.dialect != "postgresql":
        raise ValueError("the target of a copy must be a PostgreSQL database")
    for table in TABLES:
        async for copied in _copy_table(source, target, table, batch=batch):
            yield table.name, copied
    async with target.db.transaction() as conn:
        for name in _SEQUENCES:
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), coalesce((SELECT max(id) FROM {name}), 0) + 1,"
                " false)"
            )


async def _copy_table(source: Store, target: Store, table: Table, *, batch: int) -> AsyncIterator[int]:
    keys = ("key", "term") if table.name == "search_terms" else (table.key,)
    order = ", ".join(keys)
    row = await target.db.fetchone(
        f"SELECT {order} FROM {table.name} ORDER BY {', '.join(k + ' DESC' for k in keys)} LIMIT 1"
    )
    after = tuple(row) if row else None
    columns = ", ".join(table.columns)
    positions = [table.columns.index(k) for k in keys]
    while True:
        where, params = "", []
        if after is not None and len(keys) == 1:
            where, params = f" WHERE {keys[0]} > ?", [after[0]]
        elif after is not None:  # (key, term) after the last pair copied
            where, params = " WHERE key > ? OR (key = ? AND term > ?)", [after[0], after[0], after[1]]
        rows = await source.db.fetchall(
            f"SELECT {columns} FROM {table.name}{where} ORDER BY {order} LIMIT ?", [*params, batch]
        )
        if not rows:
            return
        async with target.db.transaction() as conn:
            if table.name == "articles":
                await _write_articles(source, conn, rows)
            else:
                marks = ", ".join("?" * len(table.columns))
                await conn.executemany(
                    f"INSERT INTO {table.name} ({columns}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows
                )
        after = tuple(rows[-1][i] for i in positions)
        yield len(rows)


async def _write_articles(source: Store, conn, rows: list[tuple]) -> None:  # noqa: ANN001 - a PgConnection
    """Write a batch of articles with their index columns, summary sentences and quotes."""
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    title, lead, body = (_ARTICLE_COLUMNS.index(c) for c in ("title", "lead", "body"))
    await conn.executemany(
        f"INSERT INTO articles ({', '.join(_ARTICLE_COLUMNS)}, search_all, search_title) VALUES"
        f" ({', '.join('?' * len(_ARTICLE_COLUMNS))}, array_to_tsvector(?::text[]), array_to_tsvector(?::text[]))"
        " ON CONFLICT DO NOTHING",
        [(*r, index_words(r[title], r[lead], r[body]), index_words(r[title])) for r in rows],
    )
    sentences = await source.db.fetchall(
        f"SELECT article_id, position, text FROM summary_sentences WHERE article_id IN ({marks})", ids
    )
    if sentences:
        await conn.executemany(
            "INSERT INTO summary_sentences (article_id, position, text) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            sentences,
        )
    quotes = await source.db.fetchall(
        f"SELECT {', '.join(_QUOTE_COLUMNS)} FROM quotes WHERE article_id IN ({marks}) ORDER BY id", ids
    )
    if quotes:
        text, speaker = _QUOTE_COLUMNS.index("text"), _QUOTE_COLUMNS.index("speaker")
        await conn.executemany(
            f"INSERT INTO quotes ({', '.join(_QUOTE_COLUMNS)}, search_all, search_speaker) VALUES"
            f" ({', '.join('?' * len(_QUOTE_COLUMNS))}, array_to_tsvector(?::text[]), array_to_tsvector(?::text[]))"
            " ON CONFLICT DO NOTHING",
            [(*q, index_words(q[text], q[speaker]), index_words(q[speaker])) for q in quotes],
        )
