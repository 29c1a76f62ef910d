"""Search, written once: parse -> expand -> FTS candidates -> merge -> rank -> page (`search`), for quotes and articles.

Each repository says only what differs: its candidate query, its indexes and how a candidate ranks
(storage/quotes.py, storage/articles.py).

Why it is shaped this way (numbers in ../shared/notes/sqlite-fts-at-scale.md and bench/storage.py):

- FTS5's bm25 scores every matching row, so a common word over a million quotes costs up to a second. Instead a
  search takes the newest `CANDIDATES` matches (an exact-term lookup in rowid order stops early and costs well
  under a millisecond), plus a focused set (matches in the small title-only or speaker-only index, see migration
  0002), and ranks those in Python by relevance, then recency. Pages beyond that bounded set are not reachable;
  `ResultPage.total_exact` is False then.
- Prefix queries (`"жапар"*`) scan many terms and find false hits (`ал*` finds `Албетте`). Instead the query word
  is expanded against the `search_terms` vocabulary by a range scan on its bases, each term is kept only when
  `news.morph.matches_word` accepts it (a whole suffix chain after the base), and the FTS query becomes an OR of
  exact terms.
- User text never reaches the FTS query parser: the expression is built only from vocabulary terms (letters and
  digits), each double-quoted. Anything else a user types (operators, quotes, parentheses, SQL, emoji) is a
  separator, so a query never raises and never matches everything.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import aiosqlite

from news.models import QueryWord, ResultPage
from news.morph import matches_word, parse_query

logger = logging.getLogger(__name__)

T = TypeVar("T")

CANDIDATES = 150  # newest matches ranked per search
FOCUSED_CANDIDATES = 75  # newest matches in the title/speaker column, added to the candidates
MAX_FORMS = 120  # indexed forms kept per query word (shortest first)
RANGE_LIMIT = 4000  # vocabulary rows read per base


@dataclass(frozen=True, slots=True)
class Expansion:
    """The query words and, for each, the indexed terms that are its forms."""

    words: tuple[QueryWord, ...]
    forms: tuple[frozenset[str], ...]

    def expression(self) -> str:
        """Return an FTS5 query requiring every word (any of its forms)."""
        groups = []
        for forms in self.forms:
            terms = " OR ".join('"' + term.replace('"', '""') + '"' for term in sorted(forms))
            groups.append(f"({terms})")
        return " AND ".join(groups)

    def tsqueries(self) -> list[str]:
        """Return the same query as PostgreSQL tsquery texts, one per word (any of its forms), each form quoted."""
        return [
            " | ".join("'" + term.replace("\\", "\\\\").replace("'", "''") + "'" for term in sorted(forms))
            for forms in self.forms
        ]


async def expand(conn: aiosqlite.Connection, words: Sequence[QueryWord]) -> Expansion | None:
    """Find the indexed forms of every query word; None when some word has none (nothing can match)."""
    if not words:
        return None
    parts: list[str] = []
    params: list[object] = []
    for index, word in enumerate(words):
        if word.exact:
            parts.append("SELECT CAST(? AS INTEGER), key, term FROM search_terms WHERE key = ?")
            params += [index, word.word]
            continue
        for base in word.bases:
            parts.append(
                "SELECT * FROM (SELECT CAST(? AS INTEGER), key, term FROM search_terms WHERE key >= ? AND key < ?"
                " ORDER BY key, term LIMIT ?) AS base"
            )
            params += [index, base, base + "\U0010ffff", RANGE_LIMIT]
    rows = await conn.execute_fetchall(" UNION ALL ".join(parts), params)
    found: list[set[str]] = [set() for _ in words]
    for index, key, term in rows:
        if matches_word(words[index], key):
            found[index].add(term or key)
    if not all(found):
        return None
    forms = tuple(frozenset(sorted(f, key=lambda t: (len(t), t))[:MAX_FORMS]) for f in found)
    return Expansion(tuple(words), forms)


@dataclass(frozen=True, slots=True)
class Matcher:
    """Compiled patterns that find a query's words in lowercase text, for ranking candidates cheaply."""

    words: tuple[re.Pattern[str], ...]  # one per query word: any of its forms, as a whole word
    phrase: re.Pattern[str] | None  # the words one after another (None for a one-word query)
    exact: re.Pattern[str]  # any query word exactly as typed

    def hits(self, text: str) -> list[int]:
        """Count, per query word, how often its forms occur in `text` (already lowercase)."""
        return [len(p.findall(text)) for p in self.words]

    def present(self, text: str) -> list[bool]:
        """Tell, per query word, whether its forms occur in `text` at all (cheaper than counting)."""
        return [p.search(text) is not None for p in self.words]

    def has_phrase(self, text: str) -> bool:
        """Tell whether the words occur in order, next to each other."""
        return self.phrase is not None and self.phrase.search(text) is not None

    def has_exact(self, text: str) -> bool:
        """Tell whether some word occurs exactly as typed (not inflected)."""
        return self.exact.search(text) is not None


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_EDGE_L = r"(?<![^\W_])"
_EDGE_R = r"(?![^\W_])"


@lru_cache(maxsize=512)
def matcher(expansion: Expansion) -> Matcher:
    """Compile (once per distinct query) the patterns that rank candidates."""
    groups = [f"(?:{_alternation(forms)})" for forms in expansion.forms]
    words = tuple(re.compile(f"{_EDGE_L}{g}{_EDGE_R}") for g in groups)
    phrase = re.compile(_EDGE_L + r"[\W_]+".join(groups) + _EDGE_R) if len(groups) > 1 else None
    exact = re.compile(f"{_EDGE_L}(?:{_alternation(w.word for w in expansion.words)}){_EDGE_R}")
    return Matcher(words, phrase, exact)


def newest_first(value: str) -> str:
    """Return a sort key that orders fixed-width UTC time texts newest first in an ascending sort."""
    return value.translate(_INVERT_DIGITS)


_INVERT_DIGITS = str.maketrans("0123456789", "9876543210")

MAX_LIMIT = 100
MAX_OFFSET = 10_000


def page_args(limit: int, offset: int) -> tuple[int, int]:
    """Clamp paging arguments to sane bounds (a forged callback cannot ask for a million rows)."""
    return max(1, min(int(limit), MAX_LIMIT)), max(0, min(int(offset), MAX_OFFSET))


def open_page(items: list[T], *, offset: int, limit: int) -> ResultPage[T]:
    """Build a page from `limit + 1` fetched rows: the extra row only says there is more."""
    more = len(items) > limit
    kept = tuple(items[:limit])
    return ResultPage(kept, offset, limit, offset + len(kept) + (1 if more else 0), total_exact=not more)


FIRST_WINDOW = 2048  # PostgreSQL: the newest ids a search looks at first
WINDOW_MARGIN = 2  # … how much wider than the rate of matches so far predicts each next window is
# The blocks of ids each row's `recency` names (PostgreSQL migration 0003): 'a<id >> 8>' and 'b<id >> 13>'.
SMALL_BLOCK, BIG_BLOCK = 8, 13
MAX_BLOCKS = 96  # a window needing more blocks than this is read without them (a rare word: its few matches)


def _conditions(column: str, words: int) -> str:
    # One tsquery per query word (its forms OR-ed), not one tsquery AND-ing them: GIN then intersects the words as
    # separate scan keys and skips through the longer posting lists, 3x faster for two common words than one
    # query whose consistent function it would call for every posting of every form. `words` is at most
    # news.morph.MAX_QUERY_WORDS, so each index has a handful of statement texts (asyncpg prepares each once).
    return " AND ".join(f"{column} @@ ?::tsquery" for _ in range(words))


def recency_cover(low: int, high: int) -> str | None:
    """Return a tsquery naming blocks of ids that together cover [low, high): the big blocks inside it and small
    ones at its edges; None when that takes more than MAX_BLOCKS."""
    small, big = 1 << SMALL_BLOCK, 1 << BIG_BLOCK
    first_big, end_big = -(-low // big), high // big  # the big blocks wholly inside
    if first_big >= end_big:  # none: small blocks from low to high
        bigs, smalls = range(0), [*range(low // small, -(-high // small))]
    else:
        bigs = range(first_big, end_big)
        smalls = [*range(low // small, first_big * big // small), *range(end_big * big // small, -(-high // small))]
    if len(bigs) + len(smalls) > MAX_BLOCKS:
        return None
    return " | ".join([*(f"b{k}" for k in bigs), *(f"a{k}" for k in smalls)])


async def newest_matches(
    conn: Any, table: str, column: str, tsqueries: Sequence[str], limit: int, newest: int, *, first: float = 1.0
) -> list[int]:
    """Return the ids of the newest `limit` rows of `table` (whose newest id is `newest`) whose tsvector `column`
    matches every tsquery.

    A GIN index returns its matches in no order, and reading every match to sort them is slow for a common word
    (tens of thousands of rows), while reading the newest rows until enough match is slow for a rare one (the whole
    table). So windows of ids are read from the newest back: the first of `first` times FIRST_WINDOW ids; the share
    that matched predicts how far back the rest lie, and that window is read next, until enough matched or the
    oldest id was reached. Each window is a condition on the `recency` blocks, in the same GIN index as the words,
    so the index visits only the window's postings; a window too wide for that (a rare word) is read through the
    words alone. `id + 0` keeps the primary key out of every plan: only the GIN index is used.
    """
    conds = _conditions(column, len(tsqueries))
    ids: list[int] = []
    high = newest + 1
    low = max(0, high - max(1, int(FIRST_WINDOW * first)))
    while True:
        cover = recency_cover(low, high)
        blocks, args = (" AND recency @@ ?::tsquery", (cover,)) if cover is not None else ("", ())
        ids += [r[0] for r in await conn.execute_fetchall(
            f"SELECT id FROM {table} WHERE {conds}{blocks} AND id + 0 >= ? AND id + 0 < ? ORDER BY id + 0 DESC LIMIT ?",
            (*tsqueries, *args, low, high, limit - len(ids)),
        )]
        if len(ids) >= limit or low <= 0:
            return ids
        share = (len(ids) + 1) / (newest + 1 - low)
        high, low = low, max(0, low - int(WINDOW_MARGIN * (limit - len(ids)) / share))


@dataclass(frozen=True, slots=True)
class Index:
    """An FTS5 index a search takes its newest matches from: the whole text, or a focused column (title, speaker)."""

    name: str
    limit: int
    focused: bool = False
    first: float = 1.0  # PostgreSQL: the share of FIRST_WINDOW newest ids looked at first (newest_matches)


async def search(
    conn: aiosqlite.Connection,
    query: str,
    *,
    limit: int,
    offset: int,
    candidates: str,
    indexes: Sequence[Index],
    rank: Callable[[Matcher, tuple, bool], Any],
    load: Callable[[aiosqlite.Connection, list[int]], Awaitable[tuple[T, ...]]],
    dialect: str = "sqlite",
    table: str = "",
) -> ResultPage[T]:
    """Return one page of what matches every word of the query, best first.

    `candidates` is the SQL that reads the ranking columns of an index's newest matches (`{index}` stands for the
    index, the parameters are the FTS expression and a limit; the first column is the id). Candidates of a focused
    index are merged in after the others; `rank(matcher, row, in_focused_index)` gives each a sort key; `load`
    reads the page's rows in full, in the order of the ids it gets. On PostgreSQL (`dialect`) the index is a
    tsvector column of `table`, its newest matches are found by `newest_matches` (one tsquery per word), and
    `candidates` reads the ranking columns of all of them at once (the parameter is the list of ids); the rest
    is the same.
    """
    limit, offset = page_args(limit, offset)
    words = parse_query(query)
    if not words:
        return ResultPage((), offset, limit, 0)
    expansion = await expand(conn, words)
    if expansion is None:
        return ResultPage((), offset, limit, 0)
    try:
        if dialect == "postgresql":
            tsqueries = expansion.tsqueries()
            newest = (await conn.execute_fetchall(f"SELECT coalesce(max(id), 0) FROM {table}"))[0][0]
            ids = [
                await newest_matches(conn, table, index.name, tsqueries, index.limit + 1, newest, first=index.first)
                for index in indexes
            ]
            wanted = {i for found_ids in ids for i in found_ids}
            columns = {r[0]: r for r in await conn.execute_fetchall(candidates, (sorted(wanted),))} if wanted else {}
            found = [[columns[i] for i in found_ids if i in columns] for found_ids in ids]
        else:
            expression = expansion.expression()
            found = [
                list(await conn.execute_fetchall(candidates.format(index=index.name), (expression, index.limit + 1)))
                for index in indexes
            ]
    except aiosqlite.OperationalError as exc:
        logger.warning("search of %s failed for a %d-word query: %s", indexes[0].name, len(words), exc)
        return ResultPage((), offset, limit, 0)
    exact = all(len(rows) <= index.limit for rows, index in zip(found, indexes, strict=True))
    focused: set[int] = set()
    rows: dict[int, tuple] = {}
    for index, matches in sorted(zip(indexes, found, strict=True), key=lambda pair: pair[0].focused):
        kept = matches[: index.limit]
        rows.update((r[0], tuple(r)) for r in kept)
        if index.focused:
            focused.update(r[0] for r in matches)
    match = matcher(expansion)
    ranked = sorted(rows.values(), key=lambda r: rank(match, r, r[0] in focused))
    items = await load(conn, [r[0] for r in ranked[offset : offset + limit]])
    return ResultPage(items, offset, limit, len(ranked), total_exact=exact)
