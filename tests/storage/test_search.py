"""Search: inflected forms, short words, relevance then recency, pagination, hostile input."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest import Ingester
from news.models import ArticleDraft, StoredQuote
from news.morph import tokenize
from storage import Store
from storage.articles import index_words
from storage import search as search_module
from storage.search import CANDIDATES
from tests.storage.samples import ALL, KY_FORUM, KY_MEETING, RU_FORUM, RU_TALKS, generated_draft


@pytest.fixture
async def filled(store: Store) -> Store:
    for draft in (*ALL, KY_FORUM, RU_FORUM):
        await Ingester(store).save(draft)
    return store


def texts(items: tuple[StoredQuote, ...]) -> list[str]:
    return [q.text for q in items]


async def all_quotes(store: Store, query: str) -> list[str]:
    page = await store.quotes.search(query, limit=100)
    assert page.total_exact
    return texts(page.items)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Жапаров", "Жапаровдун сапары"),
        ("Жапаров", "Жапаровго бул маселе"),
        ("Орусия", "Орусиянын рыногу"),
        ("өлкө", "Бардык өлкөлөрдүн өкүлдөрү"),
        ("Путин", "Мы ждем визита Путина"),
        ("жапаровдун", "Жапаровго бул маселе"),
        ("ал", "Ал эртең Ташкентке"),
    ],
)
async def test_inflected_forms_are_found(filled: Store, query: str, expected: str) -> None:
    assert any(t.startswith(expected) for t in await all_quotes(filled, query))


async def test_short_words_match_only_themselves(filled: Store) -> None:
    found = await all_quotes(filled, "ал")
    assert not any(t.startswith("Албетте") for t in found)
    assert all("ал" in tokenize(t) for t in found)
    assert any(t.startswith("Ал эртең") for t in found)


async def test_a_stem_does_not_find_a_longer_word(filled: Store) -> None:
    # орус (Russian, the adjective) is not Орусия (Russia).
    assert not any("Орусиянын" in t for t in await all_quotes(filled, "орус"))


async def test_every_word_must_match(filled: Store) -> None:
    found = await all_quotes(filled, "Жапаров сапары")
    assert found and all("сапар" in t for t in found)
    assert await all_quotes(filled, "Жапаров жоктонбутонсоз") == []


async def test_the_speaker_ranks_above_a_mention(filled: Store) -> None:
    page = await filled.quotes.search("Жапаров", limit=10)
    speakers = [q.speaker or "" for q in page.items]
    mentions = [i for i, q in enumerate(page.items) if "Жапаров" in q.text]
    spoken = [i for i, s in enumerate(speakers) if "Жапаров" in s]
    assert spoken and mentions
    assert max(spoken) < min(mentions)


async def test_equal_relevance_is_ordered_newest_first(store: Store) -> None:
    base = generated_draft(7)
    older = dataclasses.replace(base, published=datetime(2024, 1, 1, tzinfo=UTC))
    newer = dataclasses.replace(
        generated_draft(15),  # same place and people, another project
        published=datetime(2024, 3, 1, tzinfo=UTC),
    )
    await Ingester(store).save(newer)  # stored first, so insertion order disagrees with publication order
    await Ingester(store).save(older)
    page = await store.quotes.search("жарымын өкмөт берет", limit=10)
    assert len(page.items) == 2
    assert [q.published for q in page.items] == [newer.published, older.published]


async def test_pages_cover_the_results_once(filled: Store) -> None:
    for i in range(12):
        await Ingester(filled).save(generated_draft(100 + i))
    full = await filled.quotes.search("долбоор", limit=100)
    assert full.total == len(full.items) >= 12
    seen: list[int] = []
    offset = 0
    while True:
        page = await filled.quotes.search("долбоор", limit=5, offset=offset)
        seen.extend(q.id for q in page.items)
        if not page.has_more:
            break
        offset += 5
    assert seen == [q.id for q in full.items]
    beyond = await filled.quotes.search("долбоор", limit=5, offset=10_000)
    assert beyond.items == () and not beyond.has_more


async def test_search_by_speaker(filled: Store) -> None:
    page = await filled.quotes.by_speaker("Жапаров", limit=20)
    assert page.items
    assert all("Жапаров" in (q.speaker or "") for q in page.items)
    putin = await filled.quotes.by_speaker("Владимир Путин")
    assert {q.article_title for q in putin.items} == {KY_MEETING.title, RU_TALKS.title}
    assert (await filled.quotes.by_speaker("Бакиевдин")).items[0].speaker == "Эрлан Бакиев"
    assert (await filled.quotes.by_speaker("Орусия")).total == 0


async def test_latest_key_quotes(filled: Store) -> None:
    page = await filled.quotes.latest_key(limit=3)
    assert all(q.rank == 0 for q in page.items)
    dates = [q.published for q in page.items]
    assert dates == sorted(dates, reverse=True)
    assert page.items[0].article_title == RU_FORUM.title
    assert page.has_more
    ru = await filled.quotes.latest_key(limit=10, language="ru")
    assert {q.language for q in ru.items} == {"ru"}


async def test_article_search_ranks_titles_first(filled: Store) -> None:
    page = await filled.articles.search("Путин", limit=10)
    titles = [a.title or "" for a in page.items]
    assert KY_MEETING.title in titles and RU_TALKS.title in titles
    in_title = [i for i, t in enumerate(titles) if "Путин" in t]
    elsewhere = [i for i, t in enumerate(titles) if "Путин" not in t]
    assert elsewhere, "Путин appears in the body of other articles too"
    assert max(in_title) < min(elsewhere)
    water = await filled.articles.search("water")
    assert [a.source for a in water.items] == ["Test Times"]
    assert (await filled.articles.search("Жапаровдун сапары")).items[0].title == KY_FORUM.title


async def test_a_wide_match_is_bounded(store: Store) -> None:
    async for _ in Ingester(store).save_many([generated_draft(i) for i in range(260)], batch_size=100):
        pass
    wide = await store.quotes.search("миллион", limit=10)
    assert wide.total >= CANDIDATES and len(wide.items) == 10
    assert wide.has_more
    articles = await store.articles.search("жыйын", limit=10)
    assert not articles.total_exact and articles.has_more


HOSTILE = [
    "",
    "   ",
    '"',
    '""',
    "*",
    "**",
    "NEAR(",
    "NEAR(a b",
    "(((",
    ")))",
    "a AND b",
    "OR",
    "NOT",
    "AND OR NOT",
    "'; DROP TABLE quotes; --",
    "1=1 OR 1=1",
    "' OR '1'='1",
    "speaker : Жапаров",
    "{text}: x",
    "^жапаров",
    "жапаров*",
    "😀",
    "😀 🇰🇬 ❤️",
    "\x00",
    "Ж" * 10_000,
    "Жапаров " * 2_000,
    "x" * 10_240,
    "\u202e\u200b",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_queries_never_raise_nor_match_everything(filled: Store, query: str) -> None:
    total_quotes = await filled.quotes.count()
    total_articles = await filled.articles.count()
    for page in (
        await filled.quotes.search(query),
        await filled.quotes.by_speaker(query),
        await filled.articles.search(query),
    ):
        assert len(page.items) <= 10
        assert page.total < max(total_quotes, total_articles)
    # Pure syntax finds nothing at all.
    if not any(ch.isalnum() for ch in query):
        assert (await filled.quotes.search(query)).total == 0
        assert (await filled.articles.search(query)).total == 0


async def test_hostile_paging_arguments_are_clamped(filled: Store) -> None:
    page = await filled.quotes.search("Жапаров", limit=10**9, offset=-5)
    assert page.offset == 0 and page.limit == 100
    page = await filled.articles.latest(limit=0, offset=10**12)
    assert page.limit == 1 and page.items == ()


async def test_search_sees_new_words_at_once(store: Store) -> None:
    assert (await store.quotes.search("фермерлер")).total == 0
    await Ingester(store).save(KY_FORUM)
    assert (await store.quotes.search("фермер")).total == 1


async def test_future_article_time_does_not_affect_search_order(store: Store) -> None:
    a = dataclasses.replace(generated_draft(3), published=datetime.now(UTC) + timedelta(days=3650))
    await Ingester(store).save(a)
    page = await store.articles.search("долбоор")
    assert page.items


async def test_yo_and_accents_do_not_hide_words(store: Store) -> None:
    await Ingester(store).save(
        ArticleDraft(
            title="Переговоры продолжатся",
            text=(
                "Министры встретились в Бишкеке.\n\n"
                "«Нам ещё предстоит согласовать все детали», — заявил Пётр Ковалёв."
            ),
            url="https://yo-test.kg/1",
        )
    )
    await Ingester(store).save(
        ArticleDraft(
            title="Cafés reopen in Bishkek",
            text=(
                "Cafés in central Bishkek reopened on Monday after the renovation of the square.\n\n"
                "\u201cThe café owners will get their permits this week,\u201d said José Müller, the city adviser."
            ),
            url="https://yo-test.kg/2",
        )
    )
    assert (await store.quotes.search("еще предстоит")).total == 1
    assert (await store.quotes.by_speaker("Петр Ковалев")).total == 1
    assert (await store.quotes.search("cafe")).total == 1
    assert (await store.quotes.by_speaker("Jose Muller")).total == 1


async def test_integrity_after_updates_and_deletes(store: Store) -> None:
    for draft in (*ALL, KY_FORUM):
        await Ingester(store).save(draft)
    changed = dataclasses.replace(KY_FORUM, text=KY_FORUM.text.replace("Ташкентке", "Алматыга"), title="Жаңы аталыш")
    assert (await Ingester(store).save(changed)).status.value == "updated"
    async with store.db.transaction() as conn:
        await conn.execute("DELETE FROM articles WHERE id = 1")
        if store.db.dialect == "sqlite":
            for index in ("articles_fts", "quotes_fts", "quote_speakers_fts", "article_titles_fts"):
                await conn.execute(f"INSERT INTO {index} ({index}) VALUES ('integrity-check')")
        else:  # each row's index columns hold exactly the words of its text, as they would be written now
            for row in await conn.execute_fetchall(
                "SELECT title, lead, body, search_all::text, search_title::text FROM articles"
            ):
                assert row[3:] == tuple(await tsvectors(conn, index_words(*row[:3]), index_words(row[0])))
            for row in await conn.execute_fetchall("SELECT text, speaker, search_all::text, search_speaker::text FROM quotes"):
                assert row[2:] == tuple(await tsvectors(conn, index_words(*row[:2]), index_words(row[1])))
    assert (await store.articles.search("Жаңы аталыш")).items[0].title == "Жаңы аталыш"
    assert (await store.quotes.search("Алматыга")).total == 1
    assert (await store.quotes.search("Ташкентке")).total == 0
    assert (await store.quotes.by_speaker("Садыр Жапаров")).total == 1  # KY_MEETING (id 1) is gone


async def tsvectors(conn, *word_lists: list[str]) -> list[str]:  # noqa: ANN001 - a PostgreSQL connection
    """Return the tsvector texts PostgreSQL makes of these word lists."""
    return [(await conn.execute_fetchall("SELECT array_to_tsvector(?::text[])::text", (words,)))[0][0]
            for words in word_lists]


async def test_looking_at_the_newest_rows_first_changes_no_result(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # PostgreSQL reads the newest rows first, then windows of older ones predicted from the share that matched
    # (storage.search.newest_matches); a tiny first look makes this small store take every step, and the answers
    # must be those of one look at all.
    first = await Ingester(store).save(KY_MEETING)
    for i in range(40):
        await Ingester(store).save(generated_draft(i))

    async def answers() -> list[list[int]]:
        found = []
        for query in ("Жапаров", "долбоор", "Талас долбоор", "жыйын", "Садыр Жапаров"):
            found.append([q.id for q in (await store.quotes.search(query, limit=50)).items])
            found.append([q.id for q in (await store.quotes.by_speaker(query, limit=50)).items])
            found.append([a.id for a in (await store.articles.search(query, limit=50)).items])
        return found

    # Few candidates, so that the common words have more matches than are ranked: the newest must be the ones.
    monkeypatch.setattr(search_module, "CANDIDATES", 12)
    monkeypatch.setattr(search_module, "FOCUSED_CANDIDATES", 6)
    whole = await answers()
    monkeypatch.setattr(search_module, "FIRST_WINDOW", 2)
    assert await answers() == whole
    assert [a.id for a in (await store.articles.search("Жапаров")).items] == [first.article_id]
    assert sum(map(len, whole)) > 50


@pytest.mark.parametrize(("low", "high", "expected"), [
    (0, 256, "a0"),
    (100, 300, "a0 | a1"),
    (8000, 3 * 8192 + 10, "b1 | b2 | a31 | a96"),
    (0, 2 * 8192, "b0 | b1"),
])
def test_recency_cover_names_the_blocks_of_a_window(low: int, high: int, expected: str) -> None:
    assert search_module.recency_cover(low, high) == expected


def test_recency_cover_covers_every_id_and_no_block_outside() -> None:
    small, big = 1 << search_module.SMALL_BLOCK, 1 << search_module.BIG_BLOCK
    rng = __import__("random").Random(5)
    for _ in range(500):
        low = rng.randrange(0, 400_000)
        high = low + rng.randrange(1, 200_000)
        cover = search_module.recency_cover(low, high)
        if cover is None:  # too many blocks: only for wide windows, which are read without them
            assert high - low > search_module.MAX_BLOCKS * small
            continue
        blocks = [(int(b[1:]) * (big if b[0] == "b" else small), big if b[0] == "b" else small) for b in cover.split(" | ")]
        assert all(start < high and start + size > low for start, size in blocks)  # none wholly outside
        for probe in (low, high - 1, rng.randrange(low, high)):
            assert any(start <= probe < start + size for start, size in blocks)
    assert search_module.recency_cover(0, 10_000_000) is None


async def test_postgres_windows_of_blocks_find_the_newest_matches(store: Store) -> None:
    # ids spread over many blocks of both sizes (migration 0003 computes each row's blocks from its id): the windows
    # newest_matches reads through them must find exactly the newest matches, as one look at every row does.
    if store.db.dialect != "postgresql":
        pytest.skip("PostgreSQL's recency blocks")
    saved = await Ingester(store).save(KY_MEETING)
    ids = sorted({7, 300, 8191, 8192, 9000, 20_000, 70_001, 70_002, 150_000, 400_000, 400_300, 1_000_000} |
                 set(range(500_000, 500_000 + 40 * 37, 37)))
    words = [["жыйын"], ["жыйын", "талас"], ["талас"]]
    async with store.db.transaction() as conn:
        for k, quote_id in enumerate(ids):
            await conn.execute_fetchall(
                "INSERT INTO quotes (id, article_id, position, rank, text, search_all, search_speaker)"
                " VALUES (?, ?, ?, ?, ?, array_to_tsvector(?::text[]), array_to_tsvector(?::text[]))",
                (quote_id, saved.article_id, 1000 + k, 1000 + k, "сөз", words[k % 3], ["асанов"]),
            )
    async with store.db.reader() as conn:
        newest = (await conn.execute_fetchall("SELECT max(id) FROM quotes"))[0][0]
        for tsqueries in (["'жыйын'"], ["'жыйын'", "'талас'"], ["'талас'"], ["'асанов'"], ["'жок'"]):
            conds = " AND ".join("search_all @@ ?::tsquery" for _ in tsqueries)
            every = [r[0] for r in await conn.execute_fetchall(
                f"SELECT id FROM quotes WHERE {conds} ORDER BY id DESC", tsqueries)]
            for limit in (1, 3, 10, 100):
                for first in (1 / 1024, 1 / 64, 1.0):
                    found = await search_module.newest_matches(
                        conn, "quotes", "search_all", tsqueries, limit, newest, first=first)
                    assert found == every[:limit], (tsqueries, limit, first)
