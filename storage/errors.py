"""One exception tree for the `storage` package.

    StorageError             base: catch this to handle any failure of the store
    ├── MigrationError       the database file cannot be brought to the schema this code expects
    └── StoreClosedError     the store was used after `close()`

Invalid arguments (an unknown time zone, a malformed language code) raise `ValueError`; database failures that
are not ours (disk full, a corrupt file) surface as `aiosqlite`/`sqlite3` errors.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every error the `storage` package raises on purpose."""


class MigrationError(StorageError):
    """The database cannot be migrated to the schema this code expects."""


class StoreClosedError(StorageError):
    """The store was used after it was closed."""
