"""The article store: aiosqlite, numbered migrations, one module per aggregate, one facade (`Store`)."""

from storage.errors import MigrationError, StorageError, StoreClosedError
from storage.store import Store

__all__ = ["MigrationError", "StorageError", "Store", "StoreClosedError"]
