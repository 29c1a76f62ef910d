"""When a subscriber's digests are due: local wall-clock time in an IANA time zone, daily or weekly.

Pure: `now`/`after` are passed in (aware datetimes); results are aware datetimes in UTC.

A slot is one local calendar day (for weekly digests, one day of the chosen weekday) at the chosen local time, so a
day has exactly one slot whatever its clocks do:
- a time skipped by a spring-forward change (01:30 in London on the last Sunday of March) is due when the clocks
  jump, at the first local moment after the gap (02:00 BST): as soon as the wall clock has passed the chosen time;
- a time that happens twice when the clocks go back (01:30 in London on the last Sunday of October) is due at the
  first of the two moments, and only then.

If the bot was down at the hour, `latest_due(now)` is the one slot to catch up with: the latest that has passed,
never a pile of the older ones.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from news.models import Frequency, Subscriber

_DAY = timedelta(days=1)
# The zone dates are shown in and subscriptions start in, unless the deployment configures another
# (KABARCHY_TIMEZONE, read by bot/config.py); everything else takes the configured one.
DEFAULT_TIMEZONE = "Asia/Bishkek"


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """Return the time zone of an IANA name (ZoneInfoNotFoundError for an unknown one)."""
    return ZoneInfo(name)


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("pass an aware datetime (with tzinfo)")
    return moment.astimezone(UTC)


def local_moment(day: date, at: time, tz: ZoneInfo) -> datetime:
    """Return the UTC instant at which `day` `at` happens in `tz` (gaps: the end of the gap; folds: the first)."""
    wall = datetime.combine(day, at.replace(tzinfo=None, fold=0))
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first  # the wall time exists; with fold=0 it is the earlier of two when it repeats
    # A gap: fold=1 reads the wall time with the offset after the change, fold=0 with the one before, so the
    # change happened between the two readings; find the first second whose wall time is past the chosen one.
    low, high = sorted((wall.replace(tzinfo=tz, fold=1).astimezone(UTC), first))
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high.replace(microsecond=0)


def _slot_days(start: date, count: int, frequency: Frequency | str, weekday: int | None) -> list[date]:
    days = [start + timedelta(days=i) for i in range(count)]
    if Frequency(frequency) is Frequency.WEEKLY:
        day = 0 if weekday is None else weekday
        days = [d for d in days if d.weekday() == day]
    return days


def next_due(
    *,
    local_time: time,
    timezone: str,
    frequency: Frequency | str = Frequency.DAILY,
    weekday: int | None = None,
    after: datetime,
) -> datetime:
    """Return the first slot strictly after `after`, in UTC."""
    tz = zone(timezone)
    after = _aware(after)
    start = after.astimezone(tz).date() - _DAY
    for day in _slot_days(start, 10, frequency, weekday):
        moment = local_moment(day, local_time, tz)
        if moment > after:
            return moment
    raise AssertionError("a slot exists within any ten days")  # pragma: no cover


def latest_due(
    *,
    local_time: time,
    timezone: str,
    frequency: Frequency | str = Frequency.DAILY,
    weekday: int | None = None,
    now: datetime,
) -> datetime:
    """Return the latest slot at or before `now`, in UTC: the one digest to send after downtime."""
    tz = zone(timezone)
    now = _aware(now)
    start = now.astimezone(tz).date() - timedelta(days=8)
    latest: datetime | None = None
    for day in _slot_days(start, 10, frequency, weekday):
        moment = local_moment(day, local_time, tz)
        if moment <= now:
            latest = moment
    assert latest is not None, "a slot exists within any eight days"
    return latest


def slot_key(moment: datetime, timezone: str) -> str:
    """Name a slot by its local time with the offset, e.g. '2024-05-16T08:00+06:00' (unique per subscriber)."""
    return _aware(moment).astimezone(zone(timezone)).isoformat(timespec="minutes")


def subscriber_next_due(subscriber: Subscriber, *, after: datetime) -> datetime:
    """Return a subscriber's first slot strictly after `after`."""
    return next_due(
        local_time=subscriber.local_time,
        timezone=subscriber.timezone,
        frequency=subscriber.frequency,
        weekday=subscriber.weekday,
        after=after,
    )


def subscriber_latest_due(subscriber: Subscriber, *, now: datetime) -> datetime:
    """Return a subscriber's latest slot at or before `now`."""
    return latest_due(
        local_time=subscriber.local_time,
        timezone=subscriber.timezone,
        frequency=subscriber.frequency,
        weekday=subscriber.weekday,
        now=now,
    )
