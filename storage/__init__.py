"""The article store: aiosqlite, numbered migrations, one module per aggregate."""
