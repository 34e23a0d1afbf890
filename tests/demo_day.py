"""The demo city the tests use: the city of one fixed day, moved to the present.

Which demo cases are open, overdue or under supervision follows from the working days around the
day it is built for, so a city built for "now" differs from day to day and a test that needs,
say, an open supervised case would pass on some days only. Built for DEMO_DAY and moved by
``now - DEMO_DAY`` (see ``build_demo``'s ``moved_by``), it has the same cases in the same states
every day, with deadlines as near or as far from the present as on that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from desktop.seed.demo import DemoSummary, build_demo

# A Saturday, 10:00 in Pingdu.
DEMO_DAY = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


def build_present_demo(sessions: sessionmaker[Session], **kwargs: Any) -> DemoSummary:
    return build_demo(sessions, now=DEMO_DAY, moved_by=dt.datetime.now(dt.UTC) - DEMO_DAY, **kwargs)
