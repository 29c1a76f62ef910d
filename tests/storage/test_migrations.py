"""Migrations, on SQLite and on PostgreSQL: a blank database reaches the latest version; running them again changes
nothing; a failing one rolls back."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from storage import MigrationError, Store, pg_migrations
from storage.migrations import Migration, load_migrations, migrate, split_statements
from storage.postgres import PgConnection
from tests import postgres


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


# --- PostgreSQL: its own numbered migrations, the same guarantees -----------------------------------------------

PG_TABLES = ("articles", "quotes", "summary_sentences", "search_terms", "chats", "subscribers", "deliveries",
             "leases", "feeds", "channels", "schema_version")


@pytest.fixture
async def blank_postgres() -> AsyncIterator[str]:
    """The URL of a new, empty PostgreSQL database (skips when no server is configured)."""
    postgres.require()
    dsn = await postgres.create_database(blank=True)
    try:
        yield dsn
    finally:
        await postgres.drop_database(dsn)


async def pg_schema(dsn: str) -> list[tuple]:
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns"
            " WHERE table_schema = 'public' ORDER BY table_name, column_name"
        )
        indexes = await conn.fetch("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")
        version = await conn.fetchval("SELECT max(version) FROM schema_version")
    finally:
        await conn.close()
    return [tuple(r) for r in rows] + [tuple(r) for r in indexes] + [("version", version)]


async def test_blank_postgres_database_migrates_to_the_latest_version(blank_postgres: str) -> None:
    store = await Store.open(blank_postgres)
    await store.close()
    schema = await pg_schema(blank_postgres)
    assert ("version", pg_migrations.load_migrations()[-1].version) in schema
    tables = {row[0] for row in schema}
    assert set(PG_TABLES) <= tables
    indexes = {row[0]: row[1] for row in schema if len(row) == 2 and isinstance(row[1], str)}
    assert "USING gin (search_all, recency)" in indexes["quotes_search_all"]  # words and blocks of ids, one index
    # Every text column sorts by code point, as SQLite's do.
    assert {row[3] for row in schema if len(row) == 4 and row[2] == "text"} == {"C"}


async def test_migrating_postgres_again_is_a_no_op(blank_postgres: str) -> None:
    store = await Store.open(blank_postgres)
    await store.close()
    before = await pg_schema(blank_postgres)
    conn = await asyncpg.connect(blank_postgres)
    try:
        assert await pg_migrations.migrate(PgConnection(conn)) == pg_migrations.load_migrations()[-1].version
    finally:
        await conn.close()
    store = await Store.open(blank_postgres)
    await store.close()
    assert await pg_schema(blank_postgres) == before


async def test_a_newer_postgres_database_is_refused(blank_postgres: str) -> None:
    store = await Store.open(blank_postgres)
    await store.close()
    conn = await asyncpg.connect(blank_postgres)
    await conn.execute("UPDATE schema_version SET version = 999")
    await conn.close()
    with pytest.raises(MigrationError, match="newer"):
        await Store.open(blank_postgres)


async def test_a_failing_postgres_migration_leaves_the_previous_version(blank_postgres: str) -> None:
    good = Migration(1, "one", ("CREATE TABLE a (x integer);",))
    bad = Migration(2, "two", ("CREATE TABLE b (y integer); THIS IS NOT SQL;",))
    conn = await asyncpg.connect(blank_postgres)
    try:
        with pytest.raises(MigrationError, match="0002_two"):
            await pg_migrations.migrate(PgConnection(conn), (good, bad))
        assert await pg_migrations.current_version(PgConnection(conn)) == 1
        tables = {r[0] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    finally:
        await conn.close()
    assert tables == {"a", "schema_version"}  # table b was rolled back with its migration


async def test_processes_migrating_at_once_migrate_once(blank_postgres: str) -> None:
    stores = await asyncio.gather(*(Store.open(blank_postgres) for _ in range(3)))
    for store in stores:
        await store.close()
    assert ("version", pg_migrations.load_migrations()[-1].version) in await pg_schema(blank_postgres)


def test_shipped_postgres_migrations_are_numbered_without_gaps() -> None:
    versions = [m.version for m in pg_migrations.load_migrations()]
    assert versions == list(range(1, len(versions) + 1))
