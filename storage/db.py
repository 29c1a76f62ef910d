"""Open the SQLite file: one writer connection, a small pool of readers, pragmas, transactions, explicit close.

storage/postgres.py is the PostgreSQL twin, with the same interface; `open_database` picks one by the location.

WAL lets readers see the last committed state while the writer works, so a search never waits for a long
import. Writes go through one connection guarded by an asyncio lock: two coroutines never interleave statements
in one transaction. `":memory:"` uses a single connection for both (an in-memory database is private to its
connection), which is enough for quick tests but not for concurrency.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.errors import StoreClosedError
from storage.migrations import migrate
from storage.postgres import PgDatabase, is_dsn

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
# Per-connection page cache; readers get more because search touches many index pages.
WRITER_CACHE_KIB = 32_000
READER_CACHE_KIB = 16_000


async def _connect(path: str, *, reader: bool) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    try:
        await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute(f"PRAGMA cache_size = -{READER_CACHE_KIB if reader else WRITER_CACHE_KIB}")
        await conn.execute("PRAGMA temp_store = MEMORY")
        if reader:
            await conn.execute("PRAGMA query_only = ON")
        else:
            if path != ":memory:":
                await conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode survives a killed process; only an OS crash can lose the last commits.
            await conn.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        await conn.close()
        raise
    return conn


async def fetch_first(conn: aiosqlite.Connection, sql: str, params: Iterable[Any] = ()) -> tuple[Any, ...] | None:
    """Run a query on `conn` and return its first row, or None (one hop to the connection's thread)."""
    rows = await conn.execute_fetchall(sql, tuple(params))
    for row in rows:
        return tuple(row)
    return None


class Database:
    """A writer connection and a pool of reader connections to one SQLite database."""

    dialect = "sqlite"

    def __init__(self, path: str, writer: aiosqlite.Connection, readers: list[aiosqlite.Connection]) -> None:
        self.path = path
        self._writer = writer
        self._readers = readers
        self._pool: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        for conn in readers or [writer]:
            self._pool.put_nowait(conn)
        self._write_lock = asyncio.Lock()
        self._closed = False

    @classmethod
    async def open(cls, path: str | Path, *, readers: int = 2) -> Database:
        """Open (creating when missing) the database at `path` with `readers` reader connections."""
        name = str(path)
        if name != ":memory:":
            Path(name).expanduser().parent.mkdir(parents=True, exist_ok=True)
            name = str(Path(name).expanduser())
        writer = await _connect(name, reader=False)
        pool: list[aiosqlite.Connection] = []
        try:
            if name != ":memory:":
                for _ in range(max(1, readers)):
                    pool.append(await _connect(name, reader=True))
        except BaseException:
            for conn in pool:
                await conn.close()
            await writer.close()
            raise
        return cls(name, writer, pool)

    @property
    def closed(self) -> bool:
        """Tell whether `close` was called."""
        return self._closed

    async def close(self) -> None:
        """Close every connection; waits for a running transaction to finish first."""
        if self._closed:
            return
        self._closed = True
        async with self._write_lock:
            for conn in self._readers:
                await conn.close()
            if self.path != ":memory:":
                try:
                    # Fold the WAL back into the main file so a copied .db is complete on its own.
                    await self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                except aiosqlite.Error as exc:
                    logger.warning("WAL checkpoint at close failed: %s", exc)
            await self._writer.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError("the store is closed")

    async def migrate(self) -> int:
        """Bring the schema up to date (see storage/migrations.py); return the version it is at."""
        self._check_open()
        async with self._write_lock:
            return await migrate(self._writer)

    @asynccontextmanager
    async def transaction(self, *, exclusive: bool = True) -> AsyncIterator[aiosqlite.Connection]:
        """Run the block in one write transaction (BEGIN IMMEDIATE), committed on success, rolled back on error.

        SQLite has one writer at a time, so every transaction is exclusive; `exclusive=False` (work that relies on
        row locks on PostgreSQL, see storage/postgres.py) is the same here.
        """
        self._check_open()
        async with self._write_lock:
            conn = self._writer
            await conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                # SQLite may already have rolled back by itself (disk full, I/O error).
                if conn.in_transaction:
                    await conn.execute("ROLLBACK")
                raise
            else:
                await conn.execute("COMMIT")

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[aiosqlite.Connection]:
        """Lend a reader connection for the block (the writer itself for an in-memory database)."""
        self._check_open()
        if not self._readers:
            # In memory: the one connection must not be read while a transaction is half done.
            async with self._write_lock:
                yield self._writer
            return
        conn = await self._pool.get()
        try:
            yield conn
        finally:
            self._pool.put_nowait(conn)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query on a reader connection and return every row."""
        async with self.reader() as conn:
            # One hop to the connection's thread, not three (execute, fetch, close).
            return list(await conn.execute_fetchall(sql, tuple(params)))

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        """Run a read query on a reader connection and return its first row, or None."""
        async with self.reader() as conn:
            row = await fetch_first(conn, sql, tuple(params))
        return tuple(row) if row is not None else None

    async def write(self, sql: str, params: Iterable[Any] = (), *, exclusive: bool = True) -> int:
        """Run one write statement in its own transaction; return the number of rows changed."""
        async with self.transaction(exclusive=exclusive) as conn:
            cursor = await conn.execute(sql, tuple(params))
            return cursor.rowcount

    async def size_bytes(self) -> int:
        """Return the database's size on disk, the write-ahead log included."""
        async with self.reader() as conn:
            pages = await fetch_first(conn, "PRAGMA page_count")
            size = await fetch_first(conn, "PRAGMA page_size")
        wal = Path(self.path + "-wal")
        wal_bytes = wal.stat().st_size if self.path != ":memory:" and wal.exists() else 0
        return int(pages[0] if pages else 0) * int(size[0] if size else 0) + wal_bytes


async def open_database(location: str | Path, *, readers: int = 2) -> Database | PgDatabase:
    """Open the database at `location`: a postgresql:// URL opens PostgreSQL, anything else is a SQLite file."""
    if is_dsn(location):
        return await PgDatabase.open(str(location), readers=readers)
    return await Database.open(location, readers=readers)
