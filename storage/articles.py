"""Articles: write prepared rows (dedup + one transaction per batch), get, latest, search.

The rows come from the ingest use case (bot/ingest.py), which analyses drafts in worker processes
(storage/rows.py computes the rows); this module only decides and writes.

Deduplication, in this order, inside the write transaction:
1. the same GUID (a URL-like GUID is global; a bare one is scoped to its feed or source),
2. the same canonical URL (`news.urls.url_key`: scheme, `www.`, trailing slash, tracking parameters ignored),
3. the same normalised text (`news.morph.fingerprint` of the body) from anywhere.
A match by GUID or URL whose text changed updates that article in place (same id; summary and quotes replaced),
when the draft comes from the source that stored it (the same feed or channel) or from an admin; from any other
source it is a duplicate, so one feed cannot rewrite another's article by reusing its URL.
A draft identical to one already seen (same title and text as received) is recognised before analysis
(`known_inputs`), so re-running an import costs almost nothing.

A save is one transaction holding the article, its summary sentences, its quotes, the search index (kept by
triggers) and the vocabulary; a bulk import commits one transaction per batch, so a killed import leaves only
whole articles and the next run skips what is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import aiosqlite

from news.models import ArticleBrief, ArticleDraft, DigestArticle, ResultPage, SaveResult, SaveStatus, StoredArticle
from news.morph import MAX_WORD, tokenize
from news.urls import url_key
from storage import search
from storage.db import Database, fetch_first
from storage.clock import from_utc_text, to_utc_text
from storage.rows import PreparedArticle, Rejected, guid_key, source_hash
from storage.quotes import QUOTE_COLUMNS, quote_from_row

logger = logging.getLogger(__name__)

BRIEF_COLUMNS = "a.id, a.title, a.lead, a.url, a.source, a.language, a.published, a.fetched, a.quote_count"
ARTICLE_COLUMNS = (
    "a.id, a.title, a.lead, a.body, a.url, a.canonical_url, a.guid, a.source, a.author, a.language, "
    "a.published, a.fetched, a.updated, a.feed_id, a.backlog"
)
# Forget the vocabulary cache past this size; the database keeps the real vocabulary either way.
TERM_CACHE_LIMIT = 500_000


def brief_from_row(row: tuple) -> ArticleBrief:
    """Build an ArticleBrief from a row of BRIEF_COLUMNS."""
    return ArticleBrief(
        id=row[0],
        title=row[1],
        lead=row[2],
        url=row[3],
        source=row[4],
        language=row[5],
        published=from_utc_text(row[6]),
        fetched=from_utc_text(row[7]),  # type: ignore[arg-type]
        quote_count=row[8],
    )


class ArticleRepository:
    """Stored articles: the write path (save, save_many) and the read path (get, latest, search)."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self._db = db
        self._clock = clock
        # Vocabulary entries known to be stored, so a batch inserts only the new ones.
        self._known_terms: set[str] = set()

    # --- writing -------------------------------------------------------------------------------------------

    async def known_inputs(self, drafts: Sequence[ArticleDraft]) -> dict[int, int]:
        """Map the source hashes of drafts already stored exactly as received to their article ids."""
        hashes = sorted({source_hash(d) for d in drafts if isinstance(d.text, str)})
        if not hashes:
            return {}
        marks = ",".join("?" * len(hashes))
        rows = await self._db.fetchall(
            f"SELECT source_hash, min(id) FROM articles WHERE source_hash IN ({marks}) GROUP BY source_hash", hashes
        )
        return {h: i for h, i in rows}

    async def save_prepared(
        self, items: Sequence[SaveResult | PreparedArticle | Rejected], *, backlog: bool = False
    ) -> list[SaveResult]:
        """Store a batch of prepared articles in one transaction, whatever its size; one result per item, in order.

        A SaveResult passes through (decided before analysis), a Rejected becomes REJECTED; each article is new,
        a duplicate, or an update of a stored one (see the module docstring). `backlog=True` stores new ones as old
        news: searchable, but never announced as new.
        """
        now = to_utc_text(self._clock())
        prepared = [item for item in items if isinstance(item, PreparedArticle)]
        fresh_terms: set[str] = set()
        decided: dict[int, SaveResult] = {}
        if prepared:
            async with self._db.transaction() as conn:
                decided = await self._write_prepared(conn, prepared, now=now, backlog=backlog, fresh_terms=fresh_terms)
            # Only after the commit: a rolled-back batch must not leave terms marked as stored.
            if len(self._known_terms) + len(fresh_terms) > TERM_CACHE_LIMIT:
                self._known_terms.clear()
            self._known_terms |= fresh_terms
        results: list[SaveResult] = []
        for item in items:
            if isinstance(item, SaveResult):
                results.append(item)
            elif isinstance(item, Rejected):
                results.append(SaveResult(SaveStatus.REJECTED, 0, error=item.reason))
            else:
                results.append(decided[id(item)])
        return results

    async def _write_prepared(
        self,
        conn: aiosqlite.Connection,
        batch: list[PreparedArticle],
        *,
        now: str,
        backlog: bool,
        fresh_terms: set[str],
    ) -> dict[int, SaveResult]:
        # 1. Everything stored that any draft of the batch could be a copy of, in one query.
        guids = sorted({p.guid_key for p in batch if p.guid_key})
        urls = sorted({p.url_key for p in batch if p.url_key})
        hashes = sorted({p.content_hash for p in batch})
        by_guid: dict[str, list] = {}
        by_url: dict[str, list] = {}
        by_hash: dict[int, int] = {}
        parts, params = [], []
        for column, values in (("guid_key", guids), ("url_key", urls), ("content_hash", hashes)):
            if values:
                marks = ",".join("?" * len(values))
                parts.append(
                    f"SELECT id, guid_key, url_key, content_hash, origin FROM articles WHERE {column} IN ({marks})"
                )
                params += values
        for article_id, gk, uk, ch, origin in await conn.execute_fetchall(" UNION ".join(parts), params):
            entry = [article_id, ch, origin]  # shared, so an update seen through the GUID is seen through the URL too
            if gk is not None:
                by_guid[gk] = entry
            if uk is not None:
                by_url[uk] = entry
            if ch not in by_hash or article_id < by_hash[ch]:
                by_hash[ch] = article_id
        row = await fetch_first(conn, "SELECT coalesce(max(id), 0) FROM articles")
        next_id = int(row[0]) + 1 if row else 1

        # 2. Decide each draft in order; later drafts of the batch see the earlier ones.
        decided: dict[int, SaveResult] = {}
        # Keyed by article id: a draft that changes an article written earlier in the same batch replaces it.
        inserts: dict[int, PreparedArticle] = {}
        updates: dict[int, PreparedArticle] = {}
        seen_inputs: list[tuple[int, int]] = []
        for p in batch:
            entry, how = None, None
            if p.guid_key and p.guid_key in by_guid:
                entry, how = by_guid[p.guid_key], "guid"
            elif p.url_key and p.url_key in by_url:
                entry, how = by_url[p.url_key], "url"
            if entry is not None:
                article_id, stored_hash, owner = entry
                if stored_hash == p.content_hash:
                    decided[id(p)] = SaveResult(SaveStatus.DUPLICATE, article_id, matched_by=how)
                    seen_inputs.append((p.source_hash, article_id))
                elif p.origin is not None and p.origin != owner:
                    # Another source carrying this article's URL or GUID: a copy, never an edit.
                    logger.info("%s has the %s of article %s (%s): not an edit", p.origin, how, article_id, owner)
                    decided[id(p)] = SaveResult(SaveStatus.DUPLICATE, article_id, matched_by=how)
                else:
                    entry[1] = p.content_hash
                    by_hash.setdefault(p.content_hash, article_id)
                    if article_id in inserts:
                        inserts[article_id] = p
                    else:
                        updates[article_id] = p
                    decided[id(p)] = SaveResult(SaveStatus.UPDATED, article_id, matched_by=how, quotes=len(p.quotes))
                continue
            if p.content_hash in by_hash:
                article_id = by_hash[p.content_hash]
                decided[id(p)] = SaveResult(SaveStatus.DUPLICATE, article_id, matched_by="text")
                seen_inputs.append((p.source_hash, article_id))
                continue
            article_id, next_id = next_id, next_id + 1
            entry = [article_id, p.content_hash, p.origin]
            if p.guid_key:
                by_guid[p.guid_key] = entry
            if p.url_key:
                by_url[p.url_key] = entry
            by_hash[p.content_hash] = article_id
            inserts[article_id] = p
            decided[id(p)] = SaveResult(SaveStatus.NEW, article_id, quotes=len(p.quotes))

        # 3. Write: updates first (their old quotes and summary go), then every new row in bulk.
        for article_id, p in updates.items():
            await self._update(conn, article_id, p, now=now)
        if seen_inputs:
            # Remember these exact inputs so the next identical one skips analysis.
            await conn.executemany(
                "UPDATE articles SET source_hash = ? WHERE id = ? AND source_hash != ?",
                [(h, i, h) for h, i in seen_inputs],
            )
        postgres = self._db.dialect == "postgresql"
        if inserts:
            await conn.executemany(
                "INSERT INTO articles (id, url, canonical_url, url_key, guid, guid_key, source, feed_id, author, title,"
                " lead, body, language, published, fetched, sort_time, content_hash, source_hash, backlog, quote_count,"
                " origin) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM feeds WHERE id = ?),"
                " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                if not postgres
                else _PG_INSERT_ARTICLE,
                [
                    (
                        article_id,
                        p.url,
                        p.canonical_url,
                        p.url_key,
                        p.guid,
                        p.guid_key,
                        p.source,
                        p.feed_id,
                        p.author,
                        p.title,
                        p.lead,
                        p.body,
                        p.language,
                        p.published,
                        now,
                        min(p.published, now) if p.published else now,
                        p.content_hash,
                        p.source_hash,
                        int(backlog),
                        len(p.quotes),
                        p.origin,
                        *(_article_words(p) if postgres else ()),
                    )
                    for article_id, p in inserts.items()
                ],
            )
        children = [*inserts.items(), *updates.items()]
        summaries = [(aid, i, text) for aid, p in children for i, text in enumerate(p.summary)]
        if summaries:
            await conn.executemany(
                "INSERT INTO summary_sentences (article_id, position, text) VALUES (?, ?, ?)", summaries
            )
        quotes = [
            (
                aid, q.position, q.rank, q.text, q.speaker, q.speaker_norm, q.score, q.sentence,
                *(_quote_words(q.text, q.speaker) if postgres else ()),
            )
            for aid, p in children
            for q in p.quotes
        ]
        if quotes:
            await conn.executemany(
                "INSERT INTO quotes (article_id, position, rank, text, speaker, speaker_norm, score, sentence)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                if not postgres
                else _PG_INSERT_QUOTE,
                quotes,
            )
        for _, p in children:
            fresh_terms.update(p.terms)
        fresh_terms -= self._known_terms
        if fresh_terms:
            await conn.executemany(
                "INSERT INTO search_terms (key, term) VALUES (?, ?) ON CONFLICT DO NOTHING",
                sorted((*entry.split("\t"), "")[:2] for entry in fresh_terms),
            )
        return decided

    async def _update(self, conn: aiosqlite.Connection, article_id: int, p: PreparedArticle, *, now: str) -> None:
        postgres = self._db.dialect == "postgresql"
        # The old summary and quotes go; their index entries go with them (triggers).
        await conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        await conn.execute("DELETE FROM summary_sentences WHERE article_id = ?", (article_id,))
        await conn.execute(
            "UPDATE articles SET title = ?, lead = ?, body = ?, language = ?,"
            " published = coalesce(?, published), author = coalesce(?, author), updated = ?,"
            " sort_time = min(coalesce(?, published, fetched), fetched),"
            " content_hash = ?, source_hash = ?, quote_count = ?,"
            # Fill identifiers the article lacked, unless another article already owns them.
            " url = coalesce(url, ?), canonical_url = coalesce(canonical_url, ?),"
            " url_key = coalesce(url_key, (SELECT ? WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url_key = ?))),"
            " guid = coalesce(guid, ?),"
            " guid_key = coalesce(guid_key, (SELECT ? WHERE NOT EXISTS (SELECT 1 FROM articles WHERE guid_key = ?)))"
            + (", search_all = array_to_tsvector(?::text[]), search_title = array_to_tsvector(?::text[])" if postgres
               else "")
            + " WHERE id = ?",
            (
                p.title,
                p.lead,
                p.body,
                p.language,
                p.published,
                p.author,
                now,
                p.published,
                p.content_hash,
                p.source_hash,
                len(p.quotes),
                p.url,
                p.canonical_url,
                p.url_key,
                p.url_key,
                p.guid,
                p.guid_key,
                p.guid_key,
                *(_article_words(p) if postgres else ()),
                article_id,
            ),
        )

    # --- reading -------------------------------------------------------------------------------------------

    async def get(self, article_id: int) -> StoredArticle | None:
        """Return one article with its summary sentences and quotes (best first), or None."""
        async with self._db.reader() as conn:
            rows = await conn.execute_fetchall(
                f"SELECT {ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
            )
            row = next(iter(rows), None)
            if row is None:
                return None
            sentences = await conn.execute_fetchall(
                "SELECT text FROM summary_sentences WHERE article_id = ? ORDER BY position", (article_id,)
            )
            summary = tuple(r[0] for r in sentences)
            quote_rows = await conn.execute_fetchall(
                f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
                " WHERE q.article_id = ? ORDER BY q.rank",
                (article_id,),
            )
            quotes = tuple(quote_from_row(tuple(r)) for r in quote_rows)
        return StoredArticle(
            id=row[0],
            title=row[1],
            lead=row[2],
            body=row[3],
            url=row[4],
            canonical_url=row[5],
            guid=row[6],
            source=row[7],
            author=row[8],
            language=row[9],
            published=from_utc_text(row[10]),
            fetched=from_utc_text(row[11]),  # type: ignore[arg-type]
            updated=from_utc_text(row[12]),
            feed_id=row[13],
            backlog=bool(row[14]),
            summary=summary,
            quotes=quotes,
        )

    async def find(
        self, *, url: str | None = None, guid: str | None = None, feed_id: int | None = None, source: str | None = None
    ) -> int | None:
        """Return the id of the stored article with this GUID or URL (as deduplication sees them), or None."""
        key = guid_key(ArticleDraft(text="", guid=guid, feed_id=feed_id, source=source)) if guid else None
        ukey = url_key(url)
        if key is None and ukey is None:
            return None
        row = await self._db.fetchone(
            "SELECT id FROM articles WHERE guid_key = ? UNION ALL SELECT id FROM articles WHERE url_key = ? LIMIT 1",
            (key, ukey),
        )
        return row[0] if row else None

    async def latest(
        self, *, limit: int = 10, offset: int = 0, language: str | None = None, include_backlog: bool = True
    ) -> ResultPage[ArticleBrief]:
        """Return the newest articles (by published time, else fetch time), optionally of one language."""
        limit, offset = search.page_args(limit, offset)
        where = []
        params: list[object] = []
        if language:
            where.append("a.language = ?")
            params.append(language)
        if not include_backlog:
            where.append("a.backlog = 0")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = await self._db.fetchall(
            f"SELECT {BRIEF_COLUMNS} FROM articles a {clause} ORDER BY a.sort_time DESC, a.id DESC LIMIT ? OFFSET ?",
            [*params, limit + 1, offset],
        )
        return search.open_page([brief_from_row(r) for r in rows], offset=offset, limit=limit)

    async def since(
        self,
        article_id: int,
        *,
        limit: int = 200,
        languages: Iterable[str] = (),
        include_backlog: bool = False,
    ) -> list[ArticleBrief]:
        """Return articles stored after `article_id` (a digest watermark), oldest first, up to `limit`."""
        langs = sorted(set(languages))
        params: list[object] = [article_id]
        clause = ""
        if langs:
            clause += f" AND a.language IN ({','.join('?' * len(langs))})"
            params += langs
        if not include_backlog:
            clause += " AND a.backlog = 0"
        rows = await self._db.fetchall(
            f"SELECT {BRIEF_COLUMNS} FROM articles a WHERE a.id > ?{clause} ORDER BY a.id LIMIT ?",
            [*params, max(1, limit)],
        )
        return [brief_from_row(r) for r in rows]

    async def newest_id(self) -> int:
        """Return the highest article id (0 when the store is empty): a new subscriber's starting watermark."""
        row = await self._db.fetchone("SELECT coalesce(max(id), 0) FROM articles")
        return int(row[0]) if row else 0

    async def for_digest(self, *, after_id: int, upto_id: int | None = None, limit: int = 500) -> list[DigestArticle]:
        """Return the articles a digest may hold: after `after_id` up to `upto_id`, newest first, no backlog.

        Each comes with its first summary sentences and its key quote, read in three queries whatever the count.
        """
        clause, params = ("AND a.id <= ?", [upto_id]) if upto_id is not None else ("", [])
        async with self._db.reader() as conn:
            rows = await conn.execute_fetchall(
                "SELECT a.id, a.title, a.url, a.source, a.language, a.sort_time, a.lead, a.quote_count"
                f" FROM articles a WHERE a.id > ? {clause} AND a.backlog = 0 ORDER BY a.id DESC LIMIT ?",
                [after_id, *params, max(1, limit)],
            )
            if not rows:
                return []
            ids = [r[0] for r in rows]
            marks = ",".join("?" * len(ids))
            summaries: dict[int, list[str]] = {}
            for article_id, text in await conn.execute_fetchall(
                f"SELECT article_id, text FROM summary_sentences WHERE article_id IN ({marks}) AND position < 3"
                " ORDER BY article_id, position",
                ids,
            ):
                summaries.setdefault(article_id, []).append(text)
            quotes = {
                r[0]: r[1:]
                for r in await conn.execute_fetchall(
                    f"SELECT article_id, text, speaker, score FROM quotes WHERE article_id IN ({marks}) AND rank = 0",
                    ids,
                )
            }
        articles = []
        for r in rows:
            quote = quotes.get(r[0])
            articles.append(
                DigestArticle(
                    id=r[0],
                    title=r[1],
                    url=r[2],
                    source=r[3],
                    language=r[4],
                    published=from_utc_text(r[5]),
                    lead=r[6],
                    summary=tuple(summaries.get(r[0], ())),
                    quote=quote[0] if quote else None,
                    speaker=quote[1] if quote else None,
                    quote_score=float(quote[2] or 0.0) if quote else 0.0,
                    quote_count=r[7],
                )
            )
        return articles

    async def count(self) -> int:
        """Return how many articles are stored."""
        row = await self._db.fetchone("SELECT count(*) FROM articles")
        return int(row[0]) if row else 0

    async def summary(self, article_id: int) -> tuple[str, ...]:
        """Return an article's summary sentences in order (empty when unknown)."""
        rows = await self._db.fetchall(
            "SELECT text FROM summary_sentences WHERE article_id = ? ORDER BY position", (article_id,)
        )
        return tuple(r[0] for r in rows)

    async def search(self, query: str, *, limit: int = 10, offset: int = 0) -> ResultPage[ArticleBrief]:
        """Return articles matching every word of the query, by relevance (title > lead > body), then recency."""
        postgres = self._db.dialect == "postgresql"
        indexes = [
            # title, lead, body; on PostgreSQL an article row is wide, so the first look is narrower
            search.Index("search_all" if postgres else "articles_fts", search.CANDIDATES, first=ARTICLES_FIRST),
            # titles: a small index
            search.Index(
                "search_title" if postgres else "article_titles_fts", search.FOCUSED_CANDIDATES, focused=True,
                first=ARTICLES_FIRST,
            ),
        ]
        async with self._db.reader() as conn:
            return await search.search(
                conn, query, limit=limit, offset=offset, candidates=_PG_CANDIDATE_SQL if postgres else _CANDIDATE_SQL,
                indexes=indexes, rank=_article_rank, load=_briefs, dialect=self._db.dialect,
                table="articles",
            )


# PostgreSQL: the share of search.FIRST_WINDOW newest ids a search looks at first (search.newest_matches). Each
# match is read from its row, and an article's row is kilobytes (its words are kept in the row), ten times a
# quote's, so the first look is narrower.
ARTICLES_FIRST = 1 / 8

# Ranking needs only these columns; the page's rows are read in full afterwards (storage/search.py).
_CANDIDATE_SQL = (
    "SELECT a.id, a.title, a.lead, a.sort_time FROM (SELECT rowid AS id FROM {index}"
    " WHERE {index} MATCH ? ORDER BY rowid DESC LIMIT ?) c JOIN articles a ON a.id = c.id"
)


# PostgreSQL: the same columns for the ids storage.search.newest_matches found in a tsvector column of articles
# (search_all: title, lead and body; search_title) through its GIN index.
_PG_CANDIDATE_SQL = "SELECT a.id, a.title, a.lead, a.sort_time FROM articles a WHERE a.id = ANY(?::bigint[])"
_PG_INSERT_ARTICLE = (
    "INSERT INTO articles (id, url, canonical_url, url_key, guid, guid_key, source, feed_id, author, title,"
    " lead, body, language, published, fetched, sort_time, content_hash, source_hash, backlog, quote_count,"
    " origin, search_all, search_title) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM feeds WHERE id = ?),"
    " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array_to_tsvector(?::text[]), array_to_tsvector(?::text[]))"
)
_PG_INSERT_QUOTE = (
    "INSERT INTO quotes (article_id, position, rank, text, speaker, speaker_norm, score, sentence, search_all,"
    " search_speaker) VALUES (?, ?, ?, ?, ?, ?, ?, ?, array_to_tsvector(?::text[]), array_to_tsvector(?::text[]))"
)
# A tsvector holds at most 1 MB; a text with more distinct words than this is a dump, and its rarest words go.
MAX_INDEXED_WORDS = 40_000


def index_words(*texts: str | None) -> list[str]:
    """Return the distinct words of the texts as the search index holds them (PostgreSQL's tsvector columns).

    The same words, split the same way, as the vocabulary (storage/rows.py), so a query's forms find them exactly.
    """
    words: set[str] = set()
    for text in texts:
        if text:
            words.update(w for w in tokenize(text) if len(w) <= MAX_WORD)
    ordered = sorted(words)
    if len(ordered) > MAX_INDEXED_WORDS:
        ordered = sorted(sorted(ordered, key=len)[:MAX_INDEXED_WORDS])
    return ordered


def _article_words(p: PreparedArticle) -> tuple[list[str], list[str]]:
    return index_words(p.title, p.lead, p.body), index_words(p.title)


def _quote_words(text: str, speaker: str | None) -> tuple[list[str], list[str]]:
    return index_words(text, speaker), index_words(speaker)


async def _briefs(conn: aiosqlite.Connection, ids: list[int]) -> tuple[ArticleBrief, ...]:
    """Read article briefs by id, keeping the order of `ids`."""
    if not ids:
        return ()
    rows = await conn.execute_fetchall(
        f"SELECT {BRIEF_COLUMNS} FROM articles a WHERE a.id IN ({','.join('?' * len(ids))})", ids
    )
    found = {r[0]: brief_from_row(tuple(r)) for r in rows}
    return tuple(found[i] for i in ids if i in found)


def _article_rank(match: search.Matcher, row: tuple, _in_titles: bool) -> tuple[float, str, int]:
    """Sort key: a word in the title counts most, then in the lead, then only in the body; then newest first."""
    title = (row[1] or "").lower()
    in_title = match.present(title)
    in_lead = match.present((row[2] or "").lower()) if not all(in_title) else in_title
    score = sum(3.0 if t else 1.5 if l else 1.0 for t, l in zip(in_title, in_lead, strict=True)) / len(in_title)
    if match.has_phrase(title):
        score += 1.0
    if match.has_exact(title):
        score += 0.25
    relevance = round(score * 2) / 2
    return (-relevance, search.newest_first(row[3]), -row[0])
