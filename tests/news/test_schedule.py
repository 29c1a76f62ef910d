"""Digest slots: local hour in an IANA time zone, daily and weekly, DST gaps and folds, catch-up after downtime."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest

from news.models import Frequency
from news.schedule import latest_due, local_moment, next_due, slot_key, zone


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("timezone", "after", "expected"),
    [
        # Bishkek is UTC+6 all year: 08:00 local is 02:00 UTC.
        ("Asia/Bishkek", utc(2024, 5, 16, 1, 0), utc(2024, 5, 16, 2, 0)),
        ("Asia/Bishkek", utc(2024, 5, 16, 2, 0), utc(2024, 5, 17, 2, 0)),  # strictly after
        ("Asia/Tashkent", utc(2024, 5, 16, 12, 0), utc(2024, 5, 17, 3, 0)),
        ("Europe/Moscow", utc(2024, 1, 10, 4, 59), utc(2024, 1, 10, 5, 0)),
        ("Asia/Almaty", utc(2024, 5, 16, 1, 0), utc(2024, 5, 16, 3, 0)),  # UTC+5 since March 2024
        ("America/New_York", utc(2024, 7, 1, 11, 0), utc(2024, 7, 1, 12, 0)),  # EDT
        ("America/New_York", utc(2024, 12, 1, 12, 30), utc(2024, 12, 1, 13, 0)),  # EST
        # A local day that starts the day before in UTC: Auckland 08:00 is 20:00 UTC the previous day.
        ("Pacific/Auckland", utc(2024, 6, 1, 0, 0), utc(2024, 6, 1, 20, 0)),
    ],
)
def test_next_daily_slot_in_time_zones(timezone: str, after: datetime, expected: datetime) -> None:
    assert next_due(local_time=time(8, 0), timezone=timezone, after=after) == expected


def test_london_spring_forward_gap_is_sent_when_the_clocks_jump() -> None:
    # 2024-03-31: 01:00 GMT jumps to 02:00 BST, so 01:30 never shows on London clocks that day.
    day_before = next_due(local_time=time(1, 30), timezone="Europe/London", after=utc(2024, 3, 30, 0, 0))
    assert day_before == utc(2024, 3, 30, 1, 30)
    gap_day = next_due(local_time=time(1, 30), timezone="Europe/London", after=day_before)
    assert gap_day == utc(2024, 3, 31, 1, 0)  # 02:00 BST, the first local moment past 01:30
    assert gap_day.astimezone(zone("Europe/London")).strftime("%H:%M %Z") == "02:00 BST"
    day_after = next_due(local_time=time(1, 30), timezone="Europe/London", after=gap_day)
    assert day_after == utc(2024, 4, 1, 0, 30)  # 01:30 BST
    # The 08:00 digest on the same day is simply an hour earlier in UTC than the day before.
    assert next_due(local_time=time(8, 0), timezone="Europe/London", after=utc(2024, 3, 31, 0, 0)) == utc(
        2024, 3, 31, 7, 0
    )


def test_london_fall_back_fold_is_sent_once_at_the_first_moment() -> None:
    # 2024-10-27: 02:00 BST goes back to 01:00 GMT, so 01:30 happens twice.
    first = next_due(local_time=time(1, 30), timezone="Europe/London", after=utc(2024, 10, 26, 12, 0))
    assert first == utc(2024, 10, 27, 0, 30)  # 01:30 BST
    following = next_due(local_time=time(1, 30), timezone="Europe/London", after=first)
    assert following == utc(2024, 10, 28, 1, 30)  # the next day, not the second 01:30 an hour later


@pytest.mark.parametrize(
    ("at", "day", "expected"),
    [
        (time(2, 30), 10, utc(2024, 3, 10, 7, 0)),  # spring forward gap 02:00-03:00 -> 03:00 EDT
        (time(1, 30), 3, utc(2024, 11, 3, 5, 30)),  # fall back: first 01:30 (EDT)
        (time(8, 0), 10, utc(2024, 3, 10, 12, 0)),  # an ordinary hour on the change day: EDT
        (time(8, 0), 3, utc(2024, 11, 3, 13, 0)),  # ... and EST
    ],
)
def test_new_york_change_days(at: time, day: int, expected: datetime) -> None:
    month = 3 if day == 10 else 11
    start = utc(2024, month, day, 0, 0)
    assert next_due(local_time=at, timezone="America/New_York", after=start) == expected


def test_every_day_has_exactly_one_slot_through_a_year_with_changes() -> None:
    for timezone in ("Europe/London", "America/New_York", "Asia/Bishkek", "Australia/Lord_Howe"):
        for at in (time(0, 0), time(1, 30), time(2, 30), time(8, 0), time(23, 59)):
            moment = utc(2024, 1, 1, 0, 0)
            days = []
            for _ in range(366):
                moment = next_due(local_time=at, timezone=timezone, after=moment)
                days.append(moment.astimezone(zone(timezone)).date())
            assert len(set(days)) == 366, (timezone, at)
            assert all((b - a).days == 1 for a, b in zip(days, days[1:], strict=False)), (timezone, at)


def test_weekly_slots_fall_on_the_weekday() -> None:
    after = utc(2024, 5, 16, 0, 0)  # a Thursday
    monday = next_due(local_time=time(9, 0), timezone="Asia/Bishkek", frequency=Frequency.WEEKLY, weekday=0,
                      after=after)
    assert monday == utc(2024, 5, 20, 3, 0)
    again = next_due(local_time=time(9, 0), timezone="Asia/Bishkek", frequency="weekly", weekday=0, after=monday)
    assert again - monday == timedelta(days=7)
    thursday = next_due(local_time=time(9, 0), timezone="Asia/Bishkek", frequency="weekly", weekday=3, after=after)
    assert thursday == utc(2024, 5, 16, 3, 0)


def test_latest_due_is_the_one_catch_up_after_downtime() -> None:
    # Down from Monday 07:00 to Thursday 10:00 Bishkek time: only Thursday's 08:00 digest is owed.
    now = utc(2024, 5, 16, 4, 0)  # Thursday 10:00 in Bishkek
    assert latest_due(local_time=time(8, 0), timezone="Asia/Bishkek", now=now) == utc(2024, 5, 16, 2, 0)
    # Before today's hour, the latest slot is yesterday's.
    early = utc(2024, 5, 16, 1, 0)
    assert latest_due(local_time=time(8, 0), timezone="Asia/Bishkek", now=early) == utc(2024, 5, 15, 2, 0)
    # Weekly: the last Monday.
    assert latest_due(local_time=time(8, 0), timezone="Asia/Bishkek", frequency="weekly", weekday=0,
                      now=now) == utc(2024, 5, 13, 2, 0)
    # A slot exactly at now is due.
    assert latest_due(local_time=time(8, 0), timezone="Asia/Bishkek", now=utc(2024, 5, 16, 2, 0)) == utc(
        2024, 5, 16, 2, 0
    )


def test_slot_key_names_the_local_time_with_its_offset() -> None:
    assert slot_key(utc(2024, 5, 16, 2, 0), "Asia/Bishkek") == "2024-05-16T08:00+06:00"
    assert slot_key(utc(2024, 10, 27, 0, 30), "Europe/London") == "2024-10-27T01:30+01:00"


def test_local_moment_and_naive_input() -> None:
    assert local_moment(datetime(2024, 5, 16).date(), time(8, 0), zone("Asia/Bishkek")) == utc(2024, 5, 16, 2, 0)
    with pytest.raises(ValueError):
        next_due(local_time=time(8, 0), timezone="Asia/Bishkek", after=datetime(2024, 5, 16))
