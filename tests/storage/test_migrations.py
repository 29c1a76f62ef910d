"""Migrations: a blank database reaches the latest version; running them again changes nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import aiosqlite
import pytest

from storage import MigrationError, Store
from storage.migrations import Migration, load_migrations, migrate, split_statements


def schema(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    conn.close()
    return rows


async def test_blank_database_migrates_to_the_latest_version(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    latest = load_migrations()[-1].version
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()
    for table in ("articles", "quotes", "summary_sentences", "articles_fts", "quotes_fts", "quote_speakers_fts",
                  "article_titles_fts", "search_terms", "chats", "subscribers", "deliveries", "leases", "feeds"):
        assert table in tables


async def test_migrating_again_is_a_no_op(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    before = schema(db_path)
    async with aiosqlite.connect(db_path, isolation_level=None) as conn:
        assert await migrate(conn) == load_migrations()[-1].version
    store = await Store.open(db_path)
    await store.close()
    assert schema(db_path) == before


async def test_a_newer_database_is_refused(db_path: Path) -> None:
    store = await Store.open(db_path)
    await store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(MigrationError, match="newer"):
        await Store.open(db_path)


async def test_a_failing_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    good = Migration(1, "one", ("CREATE TABLE a (x INTEGER)",))
    bad = Migration(2, "two", ("CREATE TABLE b (y INTEGER)", "THIS IS NOT SQL"))
    async with aiosqlite.connect(tmp_path / "m.db", isolation_level=None) as conn:
        with pytest.raises(MigrationError, match="0002_two"):
            await migrate(conn, (good, bad))
        rows = await conn.execute_fetchall("PRAGMA user_version")
        assert list(rows)[0][0] == 1
        tables = {r[0] for r in await conn.execute_fetchall("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}  # table b was rolled back with its migration


def test_split_statements_keeps_triggers_whole() -> None:
    script = (
        "-- a comment\nCREATE TABLE t (x);\n\nCREATE TRIGGER g AFTER INSERT ON t BEGIN\n"
        "  INSERT INTO t VALUES (1);\n  INSERT INTO t VALUES (2);\nEND;\n"
    )
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_shipped_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in load_migrations()]
    assert versions == list(range(1, len(versions) + 1))
