"""PostgreSQL for the tests: a fresh database per test, on the server named by $KABARCHY_TEST_POSTGRES.

    KABARCHY_TEST_POSTGRES=postgresql://postgres@127.0.0.1:5432/postgres   # a role that may CREATE DATABASE

.ci/run starts a throwaway cluster and sets it; on a machine without it the PostgreSQL cases skip with that reason.
Each test gets its own database, copied from a template migrated once per run (CREATE DATABASE … TEMPLATE), and
dropped after the test; a blank one (`blank=True`) is for the migration tests.
"""

from __future__ import annotations

import asyncio
import itertools
import os
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

ENV = "KABARCHY_TEST_POSTGRES"
SKIP_REASON = f"PostgreSQL is not available: set {ENV} to a postgresql:// URL of a role that may create databases"
_counter = itertools.count()
_template: str | None = None


def admin_dsn() -> str | None:
    """Return the server URL the tests may create databases on, or None."""
    value = os.environ.get(ENV, "").strip()
    return value or None


def require() -> str:
    """Return the server URL, or skip the test with the reason printed."""
    dsn = admin_dsn()
    if dsn is None:
        pytest.skip(SKIP_REASON)
    return dsn


def dsn_for(name: str) -> str:
    """Return the URL of database `name` on the test server."""
    parts = urlsplit(require())
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(require())
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _ensure_template() -> str:
    global _template
    if _template is None:
        from storage import Store

        name = f"kabarchy_template_{os.getpid()}"
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await _admin(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        store = await Store.open(dsn_for(name))
        await store.close()
        _template = name
    return _template


async def create_database(*, blank: bool = False) -> str:
    """Create a database for one test (migrated, or `blank`) and return its URL."""
    name = f"kabarchy_test_{os.getpid()}_{next(_counter)}"
    template = "template0" if blank else await _ensure_template()
    await _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING \'UTF8\'')
    return dsn_for(name)


async def drop_database(dsn: str) -> None:
    """Drop a test database (closing whatever still uses it)."""
    name = urlsplit(dsn).path.lstrip("/")
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def drop_template() -> None:
    """Drop the template at the end of the run (a pytest session finaliser)."""
    global _template
    if _template is not None and admin_dsn() is not None:
        name, _template = _template, None
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
