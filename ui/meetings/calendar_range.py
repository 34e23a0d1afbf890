"""Which days the calendar shows: a day, the week (Monday first) or the month (six whole weeks)
around an anchor day, and stepping a view's length back or forth. Plain logic, no Qt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

DAY, WEEK, MONTH = "day", "week", "month"
MONTH_DAYS = 42  # six weeks: every month fits, whichever weekday it starts on


@dataclass
class CalendarRange:
    anchor: dt.date
    mode: str = WEEK

    def visible(self) -> tuple[dt.date, int]:
        """The first day shown and how many days."""
        if self.mode == DAY:
            return self.anchor, 1
        if self.mode == WEEK:
            return self.anchor - dt.timedelta(days=self.anchor.weekday()), 7
        first = self.anchor.replace(day=1)
        return first - dt.timedelta(days=first.weekday()), MONTH_DAYS

    def step(self, direction: int) -> None:
        """One view's length forward (1) or back (-1); a month steps to the 1st of the next or
        previous month."""
        if self.mode == DAY:
            self.anchor += dt.timedelta(days=direction)
        elif self.mode == WEEK:
            self.anchor += dt.timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = dt.date(self.anchor.year + month // 12, month % 12 + 1, 1)
