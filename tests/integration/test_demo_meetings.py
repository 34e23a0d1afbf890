"""The demo city's meetings: made through the real services, so the scheduler, the departments'
task lists and the action-item alerts have something to show on first start."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, func, select

from db.models import ActionItem, AgendaItem, CaseEvent, Meeting, MeetingMinutes
from db.session import make_sessionmaker
from desktop.clock import utcnow
from desktop.meetings.service import MeetingService
from desktop.seed.meetings import build_demo_meetings


def test_demo_meetings_held_and_upcoming_with_tracked_action_items(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    now = utcnow()
    made = build_demo_meetings(sessions, now)
    assert made is not None
    with sessions() as s:
        held = s.get(Meeting, made.held_meeting_id)
        upcoming = s.get(Meeting, made.upcoming_meeting_id)
        assert held is not None and upcoming is not None
        assert held.status == "minutes_approved" and held.starts_at < now
        assert upcoming.status == "scheduled" and upcoming.starts_at > now
        assert upcoming.room_id is not None
        assert s.scalar(select(func.count()).where(AgendaItem.meeting_id == held.id)) == 3
        assert s.scalar(select(MeetingMinutes.approved_by_name).where(MeetingMinutes.meeting_id == held.id))
        items = s.scalars(
            select(ActionItem).where(ActionItem.meeting_id == held.id).order_by(ActionItem.id)
        ).all()
        assert [i.status for i in items] == ["done", "awaiting_department", "awaiting_department"]
        assert all(i.case_id is not None and i.department_id is not None for i in items)
        assert items[0].evidence
        # Each action item is on its case's timeline.
        for item in items:
            kinds = s.scalars(select(CaseEvent.action).where(CaseEvent.case_id == item.case_id)).all()
            assert any("action" in str(k) for k in kinds), kinds
    alerts = MeetingService(sessions, clock=lambda: now).overdue_alerts()
    assert [a.action_item_id for a in alerts] == [items[1].id]
    assert alerts[0].overdue_by > dt.timedelta(days=1)
    # Once only: a second run adds nothing.
    assert build_demo_meetings(sessions, now) is None
