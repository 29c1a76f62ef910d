"""Storage fixtures: a real database, on each back end, and a clock the test controls.

`store` runs each test twice: on a SQLite file in tmp_path, and on a fresh PostgreSQL database (tests/postgres.py;
skipped, with the reason, when no server is configured). `db_path` is the SQLite file for SQLite-only tests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage import Store
from tests import postgres


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime = datetime(2024, 5, 1, 6, 0, tzinfo=UTC)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kabarchy.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """The back end a `store` test runs on."""
    if request.param == "postgresql":
        postgres.require()
    return request.param


@pytest.fixture
async def database(backend: str, db_path: Path) -> AsyncIterator[str | Path]:
    """Where a fresh, migrated database is: a SQLite file, or the URL of a new PostgreSQL database."""
    if backend == "sqlite":
        yield db_path
        return
    dsn = await postgres.create_database()
    try:
        yield dsn
    finally:
        await postgres.drop_database(dsn)


@pytest.fixture
async def store(database: str | Path, clock: FakeClock) -> AsyncIterator[Store]:
    """A migrated store on a fresh database; analysis runs in threads (no process start-up in unit tests)."""
    opened = await Store.open(database, clock=clock)
    try:
        yield opened
    finally:
        await opened.close()
