"""desktop.briefing.collect on SQLite and PostgreSQL: the headline counts against a hand count,
the previous period for 环比, scope, and cancel."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select

from db.models import Case, CaseEvent
from db.session import make_sessionmaker
from desktop.briefing import collect, headline
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from desktop.progress import Cancelled, Progress


def _period() -> tuple[dt.datetime, dt.datetime]:
    end = utcnow().replace(microsecond=0)
    return end - dt.timedelta(days=60), end


def test_headline_matches_a_hand_count(demo_engine: Engine) -> None:
    start, end = _period()
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        head = headline(s, actor, start, end)
        reported = s.scalar(select(func.count()).where(Case.reported_at >= start, Case.reported_at < end))
        resolved = s.scalar(select(func.count()).where(Case.resolved_at >= start, Case.resolved_at < end))
        escalations = s.scalar(
            select(func.count()).where(
                CaseEvent.action == "escalate", CaseEvent.at >= start, CaseEvent.at < end
            )
        )
    assert head.reported == reported > 0
    assert head.resolved == resolved > 0
    assert head.escalations == escalations > 0
    assert 0 <= head.overdue_at_end <= head.open_at_end


def test_collect_reports_progress_and_the_previous_period(demo_engine: Engine) -> None:
    start, end = _period()
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        before = headline(s, actor, start - (end - start), start)
    steps: list[int] = []
    b = collect(sessions, actor, start, end, kind=None, progress=Progress(lambda d, _t, _l: steps.append(d)))
    assert b.previous == before
    assert steps == list(range(10))
    assert b.trend_kind.total == b.headline.reported
    assert b.scope == ""


def test_a_town_user_gets_a_briefing_of_their_town(demo_engine: Engine) -> None:
    start, end = _period()
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town = actor_for(s, "town01")
        city = actor_for(s, "dispatcher")
        in_town = s.scalar(
            select(func.count()).where(
                Case.town_id == town.town_id, Case.reported_at >= start, Case.reported_at < end
            )
        )
    b = collect(sessions, town, start, end)
    assert b.headline.reported == in_town
    assert b.scope and b.headline.reported < collect(sessions, city, start, end).headline.reported


def test_cancel_stops_collecting(demo_engine: Engine) -> None:
    start, end = _period()
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    progress = Progress(lambda done, _t, _l: progress.cancel() if done == 3 else None)
    with pytest.raises(Cancelled):
        collect(sessions, actor, start, end, progress=progress)
