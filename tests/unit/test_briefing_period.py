"""desktop.briefing.briefing_period: the last whole week / half month in China's calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.briefing import BriefingError, briefing_period, check_period
from desktop.clock import CHINA_TZ


def local(value: dt.datetime) -> tuple[dt.date, dt.time]:
    lv = value.astimezone(CHINA_TZ)
    return lv.date(), lv.time()


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (dt.date(2026, 12, 4), dt.date(2026, 11, 23), dt.date(2026, 11, 29)),  # a Friday
        (dt.date(2026, 11, 30), dt.date(2026, 11, 23), dt.date(2026, 11, 29)),  # a Monday
        (dt.date(2026, 11, 29), dt.date(2026, 11, 16), dt.date(2026, 11, 22)),  # a Sunday
        (dt.date(2027, 1, 2), dt.date(2026, 12, 21), dt.date(2026, 12, 27)),  # across the year
    ],
)
def test_last_whole_week(today: dt.date, first: dt.date, last: dt.date) -> None:
    start, end = briefing_period("week", today)
    assert local(start) == (first, dt.time(0)) and local(end) == (last + dt.timedelta(days=1), dt.time(0))
    assert start.tzinfo is not None and start.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (dt.date(2026, 12, 4), dt.date(2026, 11, 16), dt.date(2026, 11, 30)),
        (dt.date(2026, 12, 16), dt.date(2026, 12, 1), dt.date(2026, 12, 15)),
        (dt.date(2026, 12, 15), dt.date(2026, 11, 16), dt.date(2026, 11, 30)),
        (dt.date(2026, 3, 1), dt.date(2026, 2, 16), dt.date(2026, 2, 28)),  # February's second half
        (dt.date(2027, 1, 10), dt.date(2026, 12, 16), dt.date(2026, 12, 31)),
    ],
)
def test_last_whole_half_month(today: dt.date, first: dt.date, last: dt.date) -> None:
    start, end = briefing_period("half_month", today)
    assert local(start)[0] == first and local(end)[0] == last + dt.timedelta(days=1)


def test_refused_periods() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    with pytest.raises(BriefingError) as refused:
        check_period(now, now)
    assert refused.value.code == "briefing.end_before_start"
    with pytest.raises(BriefingError) as refused:
        check_period(now - dt.timedelta(days=400), now)
    assert (refused.value.code, refused.value.params) == ("briefing.period_too_long", {"limit": 366})
    with pytest.raises(BriefingError) as refused:
        check_period(now.replace(tzinfo=None), now)
    assert refused.value.code == "briefing.naive_period"
