"""Time as the store keeps it, and the one clock.

Everything that reads the time takes a `clock` (a function returning an aware UTC datetime) that defaults to
`utc_now`, so tests inject their own and step through days without sleeping. Times are stored as fixed-width UTC
ISO texts, which sort as they compare.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def to_utc_text(moment: datetime) -> str:
    """Format a datetime as fixed-width UTC ISO text; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_utc_text(value: str | None) -> datetime | None:
    """Parse what `to_utc_text` wrote."""
    return datetime.fromisoformat(value) if value else None
