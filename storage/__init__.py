"""The article store: aiosqlite, numbered migrations, one module per aggregate, one facade (`Store`).

Above news, below handlers and bot. It does no analysis and runs no processes: articles arrive as prepared rows
(storage/rows.py computes them, in the bot's worker processes) and `ArticleRepository.save_prepared` writes a batch
in one transaction. storage/search.py is the one search pipeline; storage/clock.py the one clock and the stored
time format; deliveries.py holds the scheduler's state types (Delivery, DigestClaim, DigestJob).
"""

from storage.errors import MigrationError, StorageError, StoreClosedError
from storage.store import Store

__all__ = ["MigrationError", "StorageError", "Store", "StoreClosedError"]
