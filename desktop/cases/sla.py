"""Working-day SLA deadlines on the official Chinese calendar (public holidays and 调休 make-up days).

A working day counts as a full 24 hours of clock and other days count nothing: easy to explain to
staff, and a deadline lands at the same time of day as the report when no holiday intervenes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

import chinese_calendar

from db.vocab import Level, Severity
from desktop.errors import Refusal

_DAY = dt.timedelta(days=1)

SLA_DAYS: Mapping[tuple[Level, Severity], float] = MappingProxyType(
    {
        (Level.VILLAGE, Severity.GENERAL): 3,
        (Level.VILLAGE, Severity.MAJOR): 2,
        (Level.VILLAGE, Severity.SERIOUS): 1,
        (Level.VILLAGE, Severity.CRITICAL): 1,
        (Level.TOWN, Severity.GENERAL): 7,
        (Level.TOWN, Severity.MAJOR): 5,
        (Level.TOWN, Severity.SERIOUS): 3,
        (Level.TOWN, Severity.CRITICAL): 2,
        (Level.CITY, Severity.GENERAL): 15,
        (Level.CITY, Severity.MAJOR): 10,
        (Level.CITY, Severity.SERIOUS): 5,
        (Level.CITY, Severity.CRITICAL): 3,
    }
)

WARNING_FRACTION = 0.75


class SlaState(StrEnum):
    OK = "ok"
    WARNING = "warning"
    BREACHED = "breached"


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())


class WorkCalendar:
    """Which days are working days: local overrides, then the State Council calendar, then Mon–Fri."""

    def __init__(self, overrides: Mapping[dt.date, bool] | None = None) -> None:
        self._overrides: dict[dt.date, bool] = dict(overrides or {})

    def is_workday(self, d: dt.date) -> bool:
        if isinstance(d, dt.datetime):
            d = d.date()
        override = self._overrides.get(d)
        if override is not None:
            return override
        try:
            return bool(chinese_calendar.is_workday(d))
        except NotImplementedError:
            # The holiday schedule is published year by year (usually in November for the next
            # year), so the package cannot know future years; an SLA must still have a deadline, and
            # Monday–Friday is the best guess until the package is updated or an override is added.
            return d.weekday() < 5

    def _first_working_midnight(self, day: dt.date) -> dt.datetime:
        while not self.is_workday(day):
            day += _DAY
        return _midnight(day)

    def add_working_days(self, start: dt.datetime, days: float) -> dt.datetime:
        """The instant ``days`` working days after ``start``; the clock waits for the next working day."""
        if days < 0:
            raise Refusal("sla.negative_days", days=days)
        # Wall-clock arithmetic so that a working day is always 24 hours, whatever the zone; the
        # input's tzinfo is put back on the result.
        remaining = dt.timedelta(days=days)
        cursor = start.replace(tzinfo=None)
        if not self.is_workday(cursor.date()):
            cursor = self._first_working_midnight(cursor.date())
        while True:
            left_today = _midnight(cursor.date() + _DAY) - cursor
            if remaining <= left_today:
                return (cursor + remaining).replace(tzinfo=start.tzinfo)
            remaining -= left_today
            cursor = self._first_working_midnight(cursor.date() + _DAY)

    def working_time_between(self, a: dt.datetime, b: dt.datetime) -> float:
        """Working days elapsed from ``a`` to ``b`` (negative when ``b`` is earlier)."""
        if (a.tzinfo is None) != (b.tzinfo is None):
            raise TypeError("cannot mix naive and timezone-aware datetimes")
        if a.tzinfo is not None:
            b = b.astimezone(a.tzinfo)
        a_wall, b_wall = a.replace(tzinfo=None), b.replace(tzinfo=None)
        if b_wall < a_wall:
            return -self.working_time_between(b, a)
        total = dt.timedelta()
        day = a_wall.date()
        while day <= b_wall.date():
            if self.is_workday(day):
                total += min(b_wall, _midnight(day + _DAY)) - max(a_wall, _midnight(day))
            day += _DAY
        return total / _DAY


@dataclass(frozen=True)
class SlaPolicy:
    calendar: WorkCalendar
    # A factory because dataclasses refuse a mapping default; hash=False because a mappingproxy
    # cannot be hashed and a policy should still be usable as a cache key.
    days: Mapping[tuple[Level, Severity], float] = field(default_factory=lambda: SLA_DAYS, hash=False)
    warning_fraction: float = WARNING_FRACTION

    def due(self, level: Level, severity: Severity, start: dt.datetime) -> dt.datetime:
        return self.calendar.add_working_days(start, self.days[(level, severity)])

    def warning_at(self, level: Level, severity: Severity, start: dt.datetime) -> dt.datetime:
        return self.calendar.add_working_days(start, self.days[(level, severity)] * self.warning_fraction)

    def state(self, level: Level, severity: Severity, start: dt.datetime, now: dt.datetime) -> SlaState:
        if now >= self.due(level, severity, start):
            return SlaState.BREACHED
        if now >= self.warning_at(level, severity, start):
            return SlaState.WARNING
        return SlaState.OK
