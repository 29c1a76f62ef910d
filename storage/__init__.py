"""The article store: SQLite (aiosqlite) or PostgreSQL (asyncpg), numbered migrations, one module per aggregate,
one facade (`Store`).

`Store.open(location)` chooses the back end: a `postgresql://` URL opens PostgreSQL (storage/postgres.py, its own
migrations in storage/pg_migrations/), anything else a SQLite file (storage/db.py). The repositories write their
SQL once for both; the few places that differ ask `db.dialect` (the search index, row locks when claiming).
Nothing above this package knows which back end runs. storage/transfer.py copies a SQLite store into PostgreSQL.

Above news, below handlers and bot. It does no analysis and runs no processes: articles arrive as prepared rows
(storage/rows.py computes them, in the bot's worker processes) and `ArticleRepository.save_prepared` writes a batch
in one transaction. storage/search.py is the one search pipeline; storage/clock.py the one clock and the stored
time format; deliveries.py holds the scheduler's state types (Delivery, DigestClaim, DigestJob).
"""

from storage.errors import MigrationError, StorageError, StoreClosedError
from storage.store import Store

__all__ = ["MigrationError", "StorageError", "Store", "StoreClosedError"]
