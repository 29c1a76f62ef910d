"""PostgreSQL's numbered, append-only schema migrations, tracked in the one-row table `schema_version`.

The same rules as SQLite's (storage/migrations.py), with their own files: `storage/pg_migrations/NNNN_name.sql`,
never edited once shipped. `migrate` applies the missing ones in order, each in its own transaction together with
the new version (PostgreSQL's DDL is transactional, so a failed migration leaves nothing behind), under an advisory
lock held for the whole run, so processes starting at the same moment migrate once; on a current database it does
nothing.
"""

from __future__ import annotations

import logging
from typing import Any

import asyncpg

from storage.errors import MigrationError
from storage.migrations import Migration, read_numbered

logger = logging.getLogger(__name__)

MIGRATION_LOCK_KEY = 0x6B61626172636878  # any constant, not the write lock's


def load_migrations() -> tuple[Migration, ...]:
    """Read every PostgreSQL migration shipped with the package, in order, checking the numbering has no gaps.

    Each migration is one script (its functions have semicolons inside), run as one statement.
    """
    return read_numbered("pg_migrations", lambda script: (script,))


async def current_version(conn: Any) -> int:
    """Return the schema version the database is at (0 for a blank database)."""
    rows = await conn.execute_fetchall("SELECT to_regclass('schema_version') IS NOT NULL")
    if not rows[0][0]:
        return 0
    rows = await conn.execute_fetchall("SELECT max(version) FROM schema_version")
    return int(rows[0][0] or 0)


async def migrate(conn: Any, migrations: tuple[Migration, ...] | None = None) -> int:
    """Apply the migrations the database lacks; return the version it ends at.

    `conn` is a storage.postgres.PgConnection (not imported here: that module imports this one).
    """
    migrations = load_migrations() if migrations is None else migrations
    latest = migrations[-1].version if migrations else 0
    encoding = (await conn.execute_fetchall("SHOW server_encoding"))[0][0]
    if encoding.upper() not in ("UTF8", "UTF-8"):
        raise MigrationError(f"the database's encoding is {encoding}; Kabarchy needs UTF8 (createdb -E UTF8)")
    # A session lock, taken before any transaction: each transaction after it sees the catalog as it is then.
    await conn.execute("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK_KEY,))
    try:
        version = await current_version(conn)
        if version > latest:
            raise MigrationError(
                f"the database is at schema version {version}, newer than this code knows ({latest});"
                " upgrade Kabarchy"
            )
        for migration in migrations:
            if migration.version <= version:
                continue
            try:
                async with conn.raw.transaction():
                    for statement in migration.statements:
                        await conn.raw.execute(statement)
                    await conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
                    await conn.execute("DELETE FROM schema_version")
                    await conn.execute("INSERT INTO schema_version (version) VALUES (?)", (migration.version,))
            except asyncpg.PostgresError as exc:
                raise MigrationError(f"migration {migration.version:04d}_{migration.name} failed: {exc}") from exc
            logger.info("migrated the database to version %d (%s)", migration.version, migration.name)
    finally:
        await conn.execute("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK_KEY,))
    return max(version, latest)
