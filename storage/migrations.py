"""Numbered, append-only schema migrations, tracked in `PRAGMA user_version`.

Each migration is a file `storage/migrations/NNNN_name.sql`; `NNNN` is its version. Shipped files are never
edited: a change to the schema is a new file with the next number. `migrate` applies the missing ones in order,
each in its own transaction together with the new `user_version`, so a crash leaves the database at the last
whole version, and running it again on a current database does nothing.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from storage.errors import MigrationError

logger = logging.getLogger(__name__)

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: its version number, name and SQL statements."""

    version: int
    name: str
    statements: tuple[str, ...]


def split_statements(script: str) -> tuple[str, ...]:
    """Split an SQL script into whole statements (triggers with inner semicolons stay whole)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise MigrationError(f"incomplete SQL statement at the end of a migration: {buffer.strip()[:80]!r}")
    return tuple(statements)


def load_migrations() -> tuple[Migration, ...]:
    """Read every migration shipped with the package, in version order, checking the numbering has no gaps."""
    return read_numbered("migrations", split_statements)


def read_numbered(folder: str, statements: Callable[[str], tuple[str, ...]]) -> tuple[Migration, ...]:
    """Read the `NNNN_name.sql` files of a folder of the storage package, in version order, each cut into
    statements by `statements`; the numbering must have no gaps (the PostgreSQL series uses it too)."""
    found: list[Migration] = []
    for entry in resources.files("storage").joinpath(folder).iterdir():
        match = _NAME.match(entry.name)
        if match is not None:
            found.append(Migration(int(match.group(1)), match.group(2), statements(entry.read_text(encoding="utf-8"))))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise MigrationError(
                f"migration numbering has a gap: expected {expected:04d}, found {migration.version:04d}"
            )
    return tuple(found)


async def current_version(conn: aiosqlite.Connection) -> int:
    """Return the schema version the database is at (0 for a blank database)."""
    rows = await conn.execute_fetchall("PRAGMA user_version")
    row = next(iter(rows), None)
    return int(row[0]) if row else 0


async def migrate(conn: aiosqlite.Connection, migrations: tuple[Migration, ...] | None = None) -> int:
    """Apply the migrations the database lacks; return the version it ends at.

    `conn` must be in autocommit mode (isolation_level=None). Another process migrating at the same moment is
    safe: the version is read again inside the write transaction.
    """
    migrations = load_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    version = await current_version(conn)
    if version > latest:
        raise MigrationError(
            f"the database is at schema version {version}, newer than this code knows ({latest}); upgrade Kabarchy"
        )
    for migration in migrations:
        if migration.version <= version:
            continue
        await conn.execute("BEGIN IMMEDIATE")
        try:
            if await current_version(conn) >= migration.version:
                await conn.execute("ROLLBACK")
                continue
            for statement in migration.statements:
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {migration.version:d}")
            await conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                await conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise MigrationError(f"migration {migration.version:04d}_{migration.name} failed: {exc}") from exc
            raise
        logger.info("migrated the database to version %d (%s)", migration.version, migration.name)
    return max(version, latest)
