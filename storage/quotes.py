"""Quotes: search by words or by speaker, the latest key quotes, one article's quotes.

A quote search matches every query word in the quote's text or its speaker. Candidates are the newest matches
plus the newest matches by speaker (see storage/search.py for why candidates are bounded); they are ranked by
relevance — a query word naming the speaker counts most, then words in the text (more often, uninflected, or as
a phrase count more), then the quote's rank in its article — and then by recency.
"""

from __future__ import annotations

import logging

import aiosqlite

from news.models import ResultPage, StoredQuote
from storage import search
from storage.db import Database
from storage.clock import from_utc_text

logger = logging.getLogger(__name__)

QUOTE_COLUMNS = (
    "q.id, q.article_id, q.text, q.speaker, q.position, q.rank, q.score, a.title, a.url, a.source, a.language,"
    " a.sort_time"
)


def quote_from_row(row: tuple) -> StoredQuote:
    """Build a StoredQuote from a row of QUOTE_COLUMNS."""
    return StoredQuote(
        id=row[0],
        article_id=row[1],
        text=row[2],
        speaker=row[3],
        position=row[4],
        rank=row[5],
        score=row[6],
        article_title=row[7],
        article_url=row[8],
        source=row[9],
        language=row[10],
        published=from_utc_text(row[11]),
    )


# Ranking needs only these columns; the page's rows are read in full afterwards (storage/search.py).
# `{index}` is quotes_fts (text and speaker) or quote_speakers_fts (the speaker alone, a much smaller index).
_CANDIDATE_SQL = (
    "SELECT q.id, q.rank, q.text, q.speaker, a.sort_time FROM (SELECT rowid AS id FROM {index}"
    " WHERE {index} MATCH ? ORDER BY rowid DESC LIMIT ?) c JOIN quotes q ON q.id = c.id"
    " JOIN articles a ON a.id = q.article_id"
)


# PostgreSQL: the same columns for the ids storage.search.newest_matches found in a tsvector column of quotes
# (search_all: text and speaker; search_speaker) through its GIN index.
_PG_CANDIDATE_SQL = (
    "SELECT q.id, q.rank, q.text, q.speaker, a.sort_time FROM quotes q JOIN articles a ON a.id = q.article_id"
    " WHERE q.id = ANY(?::bigint[])"
)


class QuoteRepository:
    """Stored quotes and their search."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def search(self, query: str, *, limit: int = 10, offset: int = 0) -> ResultPage[StoredQuote]:
        """Return quotes whose text or speaker matches every query word, by relevance, then recency."""
        return await self._search(query, limit=limit, offset=offset, speaker_only=False)

    async def by_speaker(self, name: str, *, limit: int = 10, offset: int = 0) -> ResultPage[StoredQuote]:
        """Return quotes whose speaker matches every word of `name` (inflected too), key quotes and newest first."""
        return await self._search(name, limit=limit, offset=offset, speaker_only=True)

    async def _search(self, query: str, *, limit: int, offset: int, speaker_only: bool) -> ResultPage[StoredQuote]:
        postgres = self._db.dialect == "postgresql"
        speakers = search.Index(
            "search_speaker" if postgres else "quote_speakers_fts", search.FOCUSED_CANDIDATES, focused=True
        )
        whole = search.Index("search_all" if postgres else "quotes_fts", search.CANDIDATES)
        indexes = [speakers] if speaker_only else [whole, speakers]
        async with self._db.reader() as conn:
            return await search.search(
                conn, query, limit=limit, offset=offset, candidates=_PG_CANDIDATE_SQL if postgres else _CANDIDATE_SQL,
                indexes=indexes, rank=_quote_rank, load=_rows, dialect=self._db.dialect,
                table="quotes",
            )

    async def latest_key(
        self, *, limit: int = 10, offset: int = 0, language: str | None = None
    ) -> ResultPage[StoredQuote]:
        """Return the key quote (rank 0) of each of the newest articles that have one."""
        limit, offset = search.page_args(limit, offset)
        clause, params = ("AND a.language = ?", [language]) if language else ("", [])
        rows = await self._db.fetchall(
            f"SELECT {QUOTE_COLUMNS} FROM articles a JOIN quotes q ON q.article_id = a.id AND q.rank = 0"
            f" WHERE a.quote_count > 0 {clause} ORDER BY a.sort_time DESC, a.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset],
        )
        return search.open_page([quote_from_row(r) for r in rows], offset=offset, limit=limit)

    async def for_article(self, article_id: int) -> tuple[StoredQuote, ...]:
        """Return one article's quotes, best first."""
        rows = await self._db.fetchall(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
            " WHERE q.article_id = ? ORDER BY q.rank",
            (article_id,),
        )
        return tuple(quote_from_row(r) for r in rows)

    async def get(self, quote_id: int) -> StoredQuote | None:
        """Return one quote, or None."""
        row = await self._db.fetchone(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ?",
            (quote_id,),
        )
        return quote_from_row(row) if row else None

    async def count(self) -> int:
        """Return how many quotes are stored."""
        row = await self._db.fetchone("SELECT count(*) FROM quotes")
        return int(row[0]) if row else 0


async def _rows(conn: aiosqlite.Connection, ids: list[int]) -> tuple[StoredQuote, ...]:
    """Read whole quotes by id, keeping the order of `ids`."""
    if not ids:
        return ()
    rows = await conn.execute_fetchall(
        f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
        f" WHERE q.id IN ({','.join('?' * len(ids))})",
        ids,
    )
    found = {r[0]: quote_from_row(tuple(r)) for r in rows}
    return tuple(found[i] for i in ids if i in found)


def _quote_rank(match: search.Matcher, row: tuple, speaker_matched: bool) -> tuple[float, str, int]:
    """Sort key: relevance in coarse steps (so recency decides between near-equals), then newest first."""
    text = row[2].lower()
    counts = match.hits(text)
    score = 2.0 if speaker_matched else 0.0
    score += sum(1.0 + 0.25 * min(c - 1, 2) for c in counts if c) / len(counts)
    if match.has_phrase(text):
        score += 1.0
    if match.has_exact(text) or (speaker_matched and match.has_exact((row[3] or "").lower())):
        score += 0.25
    score += 0.5 / (1 + row[1])  # the article's key quote first
    relevance = round(score * 2) / 2
    return (-relevance, search.newest_first(row[4]), -row[0])
