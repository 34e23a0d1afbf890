"""Tests for desktop.cases.sla on the real 2026 calendar, local overrides and the Monday–Friday fallback.

2026 facts used (State Council schedule, as shipped in chinesecalendar): Mid-autumn 09-25..27,
National Day 10-01..07; Sunday 09-20 and Saturday 10-10 are make-up working days (调休).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from db.vocab import Level, Severity
from desktop.cases.sla import SLA_DAYS, WARNING_FRACTION, SlaPolicy, SlaState, WorkCalendar

D, T = dt.date, dt.datetime
REPORTED = T(2026, 9, 30, 9, 0)  # Wednesday before the National Day week
CAL = WorkCalendar()
POLICY = SlaPolicy(CAL)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 9, 30), True),
        (D(2026, 10, 1), False),  # National Day
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday, make-up day
        (D(2026, 10, 11), False),
        (D(2026, 9, 20), True),  # Sunday, make-up day
        (D(2026, 9, 25), False),  # Mid-autumn, a Friday
        (D(2027, 3, 5), True),  # fallback: Friday
        (D(2027, 3, 6), False),  # fallback: Saturday
        (D(2027, 3, 7), False),
        (D(2003, 6, 2), True),  # before the package's range too
    ],
)
def test_is_workday(day: dt.date, working: bool) -> None:
    assert CAL.is_workday(day) is working


def test_general_village_case_skips_national_day_and_uses_the_make_up_saturday() -> None:
    # 15 h on 09-30, holiday 10-01..07, 24 h on 10-08 and 10-09, then 9 h of Saturday 10-10.
    due = POLICY.due(Level.VILLAGE, Severity.GENERAL, REPORTED)
    assert due == T(2026, 10, 10, 9, 0)
    assert CAL.working_time_between(REPORTED, due) == pytest.approx(3.0)


def test_make_up_sunday_counts() -> None:
    # Friday 17:00 + 1 day: 7 h on Friday, Saturday off, Sunday 09-20 is a working day.
    assert CAL.add_working_days(T(2026, 9, 18, 17, 0), 1) == T(2026, 9, 20, 17, 0)


def test_override_makes_a_day_non_working() -> None:
    cal = WorkCalendar({D(2026, 10, 9): False})
    assert not cal.is_workday(D(2026, 10, 9))
    # 10-09 off, 10-10 works, Sunday 10-11 off: the last 9 h fall on Monday 10-12.
    assert cal.add_working_days(REPORTED, 3) == T(2026, 10, 12, 9, 0)


def test_override_makes_a_day_working() -> None:
    cal = WorkCalendar({D(2026, 10, 1): True})
    assert cal.add_working_days(REPORTED, 1) == T(2026, 10, 1, 9, 0)


def test_fallback_skips_weekends_in_2027() -> None:
    friday = T(2027, 3, 5, 9, 0)
    assert CAL.add_working_days(friday, 1) == T(2027, 3, 8, 9, 0)
    assert CAL.add_working_days(friday, 6) == T(2027, 3, 15, 9, 0)
    assert CAL.working_time_between(friday, T(2027, 3, 8, 9, 0)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (REPORTED, 0.5, T(2026, 9, 30, 21, 0)),
        (REPORTED, 0.625, T(2026, 10, 1, 0, 0)),  # exactly the rest of the day
        (T(2026, 9, 30, 18, 0), 1.5, T(2026, 10, 9, 6, 0)),
        (REPORTED, 0.25 / 24, T(2026, 9, 30, 9, 15)),
        (REPORTED, 0, REPORTED),
    ],
)
def test_fractional_days(start: dt.datetime, days: float, due: dt.datetime) -> None:
    assert CAL.add_working_days(start, days) == due


def test_clock_starts_at_the_next_working_midnight() -> None:
    assert CAL.add_working_days(T(2026, 10, 3, 10, 0), 1) == T(2026, 10, 9, 0, 0)
    assert CAL.add_working_days(T(2026, 10, 3, 10, 0), 0) == T(2026, 10, 8, 0, 0)
    assert CAL.working_time_between(T(2026, 10, 3, 10, 0), T(2026, 10, 8, 6, 0)) == pytest.approx(0.25)


@pytest.mark.parametrize("days", [0.1, 0.625, 1, 2.25, 3, 7.5, 15])
def test_working_time_between_inverts_add_working_days(days: float) -> None:
    for start in (REPORTED, T(2026, 9, 25, 12, 0), T(2026, 12, 31, 23, 0)):
        assert CAL.working_time_between(start, CAL.add_working_days(start, days)) == pytest.approx(days)


def test_working_time_between_is_signed_and_zero_over_holidays() -> None:
    a, b = T(2026, 10, 1, 8, 0), T(2026, 10, 7, 20, 0)
    assert CAL.working_time_between(a, b) == 0
    assert CAL.working_time_between(REPORTED, T(2026, 10, 8, 9, 0)) == pytest.approx(1.0)
    assert CAL.working_time_between(T(2026, 10, 8, 9, 0), REPORTED) == pytest.approx(-1.0)


def test_timezone_is_kept() -> None:
    beijing = dt.timezone(dt.timedelta(hours=8))
    start = REPORTED.replace(tzinfo=beijing)
    due = CAL.add_working_days(start, 3)
    assert due == T(2026, 10, 10, 9, 0, tzinfo=beijing)
    assert due.tzinfo is beijing
    # The same instant given in UTC is read on the Beijing calendar.
    assert CAL.working_time_between(start, due.astimezone(dt.UTC)) == pytest.approx(3.0)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="negative"):
        CAL.add_working_days(REPORTED, -1)
    with pytest.raises(TypeError):
        CAL.working_time_between(REPORTED, REPORTED.replace(tzinfo=dt.UTC))


def test_sla_table() -> None:
    assert set(SLA_DAYS) == set(itertools.product(Level, Severity))
    expected = {
        Level.VILLAGE: (3, 2, 1, 1),
        Level.TOWN: (7, 5, 3, 2),
        Level.CITY: (15, 10, 5, 3),
    }
    for level, days in expected.items():
        assert tuple(SLA_DAYS[(level, s)] for s in Severity) == days
    assert WARNING_FRACTION == 0.75


def test_warning_at_75_percent() -> None:
    # 2.25 working days: 0.625 on 09-30, 1 on 10-08, then 15 h into 10-09.
    assert POLICY.warning_at(Level.VILLAGE, Severity.GENERAL, REPORTED) == T(2026, 10, 9, 15, 0)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (REPORTED, SlaState.OK),
        (T(2026, 10, 5, 12, 0), SlaState.OK),
        (T(2026, 10, 9, 14, 59), SlaState.OK),
        (T(2026, 10, 9, 15, 0), SlaState.WARNING),
        (T(2026, 10, 10, 8, 59), SlaState.WARNING),
        (T(2026, 10, 10, 9, 0), SlaState.BREACHED),
        (T(2026, 11, 1), SlaState.BREACHED),
    ],
)
def test_state(now: dt.datetime, expected: SlaState) -> None:
    assert POLICY.state(Level.VILLAGE, Severity.GENERAL, REPORTED, now) is expected


def test_custom_policy() -> None:
    policy = SlaPolicy(WorkCalendar(), days={(Level.CITY, Severity.CRITICAL): 2}, warning_fraction=0.5)
    assert policy.due(Level.CITY, Severity.CRITICAL, REPORTED) == T(2026, 10, 9, 9, 0)
    assert policy.warning_at(Level.CITY, Severity.CRITICAL, REPORTED) == T(2026, 10, 8, 9, 0)
    assert policy.state(Level.CITY, Severity.CRITICAL, REPORTED, T(2026, 10, 8, 10)) is SlaState.WARNING
