"""Open a PostgreSQL database through asyncpg, behind the same small interface as storage/db.py's SQLite one.

The repositories write their SQL once, with `?` placeholders; `PgConnection` turns them into `$1, $2 …` (outside
quoted text) and runs them on an asyncpg connection, so `execute`, `execute_fetchall` and `executemany` mean what
they mean on aiosqlite. The few SQLite scalar functions the SQL uses (two-argument `max`/`min`, `json_insert`
appending to a list) exist in PostgreSQL as functions of the same name, made by migration 0001
(storage/pg_migrations/); the one thing that differs, the full-text index, is `storage/search.py`'s concern.

Transactions: `transaction()` is exclusive by default, as SQLite's `BEGIN IMMEDIATE` is: it takes one advisory
lock for the database (`pg_advisory_xact_lock`), so a read-modify-write of a repository (deduplicating a batch,
merging a chat) never interleaves with another process's. Work designed to run in several processes at once
(claiming due digests and feeds with `FOR UPDATE SKIP LOCKED`, writing delivery results, leases) asks for
`transaction(exclusive=False)` and relies on row locks instead. Readers come from the same pool and see the last
committed state (READ COMMITTED).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from storage.errors import StorageError, StoreClosedError
from storage.pg_migrations import migrate

logger = logging.getLogger(__name__)

DIALECT = "postgresql"
# One key for the database-wide write lock (any constant; "kabarchy" in ASCII, folded to fit a bigint).
WRITE_LOCK_KEY = 0x6B61626172636879 & 0x7FFFFFFFFFFFFFFF
CONNECT_TIMEOUT = 10.0
STATEMENT_CACHE = 256

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|\?")


def is_dsn(location: object) -> bool:
    """Tell whether a database location is a PostgreSQL URL rather than a file path."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def redact_dsn(dsn: str) -> str:
    """Return the URL with its password blanked, for logs and messages."""
    parts = urlsplit(dsn)
    if parts.password is None:
        return dsn
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit((parts.scheme, user + host, parts.path, parts.query, parts.fragment))


@lru_cache(maxsize=1024)
def numbered(sql: str) -> str:
    """Return the statement with each `?` outside quotes and comments as `$1`, `$2` …"""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        if match.group(0) != "?":
            return match.group(0)
        count += 1
        return f"${count}"

    return _TOKEN.sub(replace, sql)


def _rowcount(status: str) -> int:
    # asyncpg returns the command tag: "INSERT 0 3", "UPDATE 2", "DELETE 0", "SELECT 5".
    tail = status.rsplit(" ", 1)[-1]
    return int(tail) if tail.isdigit() else -1


class PgResult:
    """What `PgConnection.execute` returns: the number of rows the statement changed (aiosqlite's cursor.rowcount)."""

    __slots__ = ("rowcount",)

    def __init__(self, rowcount: int) -> None:
        self.rowcount = rowcount


class PgConnection:
    """An asyncpg connection that takes `?` placeholders, like the aiosqlite connections of storage/db.py."""

    dialect = DIALECT

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.raw = conn

    async def execute(self, sql: str, params: Iterable[Any] = ()) -> PgResult:
        """Run one statement; the result's rowcount is how many rows it changed."""
        status = await self.raw.execute(numbered(sql), *tuple(params)) if params else await self.raw.execute(sql)
        return PgResult(_rowcount(status))

    async def execute_fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a query (or a statement with RETURNING) and return every row as a tuple."""
        rows = await self.raw.fetch(numbered(sql), *tuple(params))
        return [tuple(row) for row in rows]

    async def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> PgResult:
        """Run one statement for each parameter row (pipelined); the row count is not known (-1)."""
        await self.raw.executemany(numbered(sql), [tuple(r) for r in rows])
        return PgResult(-1)


async def _init_connection(conn: asyncpg.Connection) -> None:
    # asyncpg prepares every statement; a search's plan depends on how common its words are (a rare word: read the
    # GIN index; a common one: walk the newest rows until enough match), so plan each execution with its values
    # rather than once for all (PostgreSQL's generic plan). JIT compiling a plan costs tens of milliseconds, more
    # than any of the store's queries runs; the planner's cost estimates of a search can still cross its threshold.
    await conn.execute("SET TIME ZONE 'UTC'; SET plan_cache_mode = force_custom_plan; SET jit = off")


class PgDatabase:
    """A pool of asyncpg connections to one PostgreSQL database, with SQLite's Database interface."""

    dialect = DIALECT

    def __init__(self, dsn: str, pool: asyncpg.Pool) -> None:
        self.dsn = dsn
        self.path = redact_dsn(dsn)  # what messages and logs may show
        self._pool = pool
        self._local_writer = asyncio.Lock()  # in this process, exclusive writers queue here, not on the server
        self._closed = False

    @classmethod
    async def open(cls, dsn: str, *, readers: int = 2) -> PgDatabase:
        """Connect to the database at `dsn` (a postgresql:// URL) with a pool for `readers` readers and the writers."""
        try:
            pool = await asyncpg.create_pool(
                dsn,
                min_size=1,
                max_size=max(2, readers) + 4,
                timeout=CONNECT_TIMEOUT,
                command_timeout=120,
                statement_cache_size=STATEMENT_CACHE,
                init=_init_connection,
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as exc:
            raise StorageError(f"cannot connect to {redact_dsn(dsn)}: {exc}") from None
        return cls(dsn, pool)

    @property
    def closed(self) -> bool:
        """Tell whether `close` was called."""
        return self._closed

    async def close(self) -> None:
        """Close the pool, waiting for connections in use to come back (up to a few seconds)."""
        if self._closed:
            return
        self._closed = True
        async with self._local_writer:
            try:
                await asyncio.wait_for(self._pool.close(), timeout=10)
            except TimeoutError:
                logger.warning("closing the PostgreSQL pool timed out; terminating its connections")
                self._pool.terminate()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosedError("the store is closed")

    async def migrate(self) -> int:
        """Bring the schema up to date (storage/pg_migrations.py); return the version it is at."""
        self._check_open()
        async with self._pool.acquire() as conn:
            return await migrate(PgConnection(conn))

    @asynccontextmanager
    async def transaction(self, *, exclusive: bool = True) -> AsyncIterator[PgConnection]:
        """Run the block in one transaction, committed on success, rolled back on error.

        Exclusive (the default) takes the database-wide write lock first, like SQLite's BEGIN IMMEDIATE.
        """
        self._check_open()
        if exclusive:
            async with self._local_writer:
                async with self._pool.acquire() as conn, conn.transaction():
                    await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK_KEY)
                    yield PgConnection(conn)
        else:
            async with self._pool.acquire() as conn, conn.transaction():
                yield PgConnection(conn)

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[PgConnection]:
        """Lend a connection for reading (autocommit: each query sees the last committed state)."""
        self._check_open()
        async with self._pool.acquire() as conn:
            yield PgConnection(conn)

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a read query and return every row."""
        async with self.reader() as conn:
            return await conn.execute_fetchall(sql, params)

    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> tuple[Any, ...] | None:
        """Run a read query and return its first row, or None."""
        self._check_open()
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(numbered(sql), *tuple(params))
        return tuple(row) if row is not None else None

    async def write(self, sql: str, params: Iterable[Any] = (), *, exclusive: bool = True) -> int:
        """Run one write statement in its own transaction; return the number of rows changed."""
        async with self.transaction(exclusive=exclusive) as conn:
            return (await conn.execute(sql, params)).rowcount

    async def size_bytes(self) -> int:
        """Return the database's size on disk (tables, indexes, TOAST)."""
        row = await self.fetchone("SELECT pg_database_size(current_database())")
        return int(row[0]) if row else 0
