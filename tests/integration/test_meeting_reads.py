"""What the meetings screen reads (desktop/meetings/reads.py), on both engines: the calendar of a
range (cancelled meetings and busy times in it, nothing outside), one meeting in full, the rooms
and departments the dialogs offer, and the iCalendar file of a range."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
from sqlalchemy import Engine, select

from db.models import ActionItem, AgendaItem, BusyTime, Department, Meeting, MeetingParticipant, Room
from db.session import make_sessionmaker
from desktop.cases.defaults import routed_departments
from desktop.cases.service import actor_for
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.meetings.reads import (
    active_rooms,
    department_choices,
    export_calendar_file,
    load_calendar,
    load_meeting,
    local_midnight,
)
from desktop.meetings.service import MeetingService
from desktop.seed.meetings import build_demo_meetings


def _monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def test_one_meeting_in_full(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    made = build_demo_meetings(sessions, utcnow())
    assert made is not None
    detail = load_meeting(sessions, made.held_meeting_id)
    assert detail is not None
    with sessions() as s:
        meeting = s.get(Meeting, made.held_meeting_id)
        assert meeting is not None
        agenda = s.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)
        ).all()
        items = s.scalars(
            select(ActionItem).where(ActionItem.meeting_id == meeting.id).order_by(ActionItem.id)
        ).all()
        invited = s.scalars(
            select(MeetingParticipant.name).where(MeetingParticipant.meeting_id == meeting.id)
        ).all()
        departments = {d.id: d.name for d in s.scalars(select(Department))}
        routed = routed_departments(s, [a.case_id for a in agenda])
        assert (detail.title, detail.status, detail.duration_min) == (
            meeting.title,
            "minutes_approved",
            meeting.duration_min,
        )
        assert detail.ends_at - detail.starts_at == dt.timedelta(minutes=meeting.duration_min)
    assert sorted(p["name"] for p in detail.participants) == sorted(invited)
    assert [a["id"] for a in detail.agenda] == [a.id for a in agenda]
    assert [a["position"] for a in detail.agenda] == sorted(a["position"] for a in detail.agenda)
    assert all(a["number"] for a in detail.agenda)
    # Each agenda item carries its case's routed department: the minutes' action items default to it.
    assert [a["department_id"] for a in detail.agenda] == [routed.get(a.case_id) for a in agenda]
    assert any(a["department_id"] is not None for a in detail.agenda)
    assert detail.minutes and detail.minutes_approved
    assert [a["id"] for a in detail.actions] == [i.id for i in items]
    assert [a["status"] for a in detail.actions] == ["done", "awaiting_department", "awaiting_department"]
    assert [a["department"] for a in detail.actions] == [
        departments[i.department_id] for i in items if i.department_id
    ]
    assert detail.actions[0]["evidence"]

    upcoming = load_meeting(sessions, made.upcoming_meeting_id)
    assert upcoming is not None and upcoming.status == "scheduled"
    assert upcoming.room_id is not None and upcoming.room  # the room's name
    assert not upcoming.minutes and not upcoming.minutes_approved and upcoming.actions == []
    assert load_meeting(sessions, 10**9) is None


def test_the_calendar_of_a_week(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    now = utcnow()
    with sessions() as s:
        leader = actor_for(s, "leader")
        department_id = s.scalars(select(Department.id).order_by(Department.id)).first()
    service = MeetingService(sessions, WorkCalendar(), clock=lambda: now)
    monday = _monday_of(to_local(now).date() + dt.timedelta(days=14))
    tuesday_ten = dt.datetime.combine(monday + dt.timedelta(days=1), dt.time(10), tzinfo=CHINA_TZ)
    kept = service.create(
        leader, title="周二协调会", starts_at=tuesday_ten.astimezone(dt.UTC), duration_min=60
    )
    called_off = service.create(
        leader,
        title="周三协调会",
        starts_at=(tuesday_ten + dt.timedelta(days=1)).astimezone(dt.UTC),
        duration_min=30,
    )
    service.cancel(called_off.id, leader, "领导出差")
    later = service.create(
        leader,
        title="下周协调会",
        starts_at=(tuesday_ten + dt.timedelta(days=7)).astimezone(dt.UTC),
        duration_min=30,
    )
    with sessions.begin() as s:
        s.add(
            BusyTime(
                department_id=department_id,
                starts_at=tuesday_ten.astimezone(dt.UTC) + dt.timedelta(hours=4),
                ends_at=tuesday_ten.astimezone(dt.UTC) + dt.timedelta(hours=5),
                summary="局务会",
            )
        )
        s.add(
            BusyTime(
                department_id=department_id,
                starts_at=local_midnight(monday) - dt.timedelta(hours=3),
                ends_at=local_midnight(monday) - dt.timedelta(hours=1),
                summary="上周的会",
            )
        )

    data = load_calendar(sessions, monday, 7, WorkCalendar())
    assert (data.start, data.days) == (monday, 7)
    shown = {m["id"]: m for m in data.meetings}
    assert kept.id in shown and called_off.id in shown  # the cancelled one is drawn struck out
    assert shown[called_off.id]["status"] == "cancelled"
    assert later.id not in shown
    assert [label for _start, _end, label in data.busy] == ["局务会"]
    assert sorted(data.workdays) == [monday + dt.timedelta(days=i) for i in range(7)]
    calendar = WorkCalendar()
    assert data.workdays == {day: calendar.is_workday(day) for day in data.workdays}
    assert data.workdays[monday + dt.timedelta(days=6)] is calendar.is_workday(monday + dt.timedelta(days=6))


def test_rooms_and_departments_offered(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions.begin() as s:
        s.add(Room(name="停用会议室", active=False))
    with sessions() as s:
        rooms = [(r.id, r.name) for r in s.scalars(select(Room).order_by(Room.id)) if r.active]
        departments = [(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]
    assert rooms and "停用会议室" not in [name for _id, name in active_rooms(sessions)]
    assert active_rooms(sessions) == rooms
    assert departments and department_choices(sessions) == departments


def test_the_calendar_file_of_a_range(demo_engine: Engine, tmp_path: Path) -> None:
    sessions = make_sessionmaker(demo_engine)
    now = utcnow()
    with sessions() as s:
        leader = actor_for(s, "leader")
    service = MeetingService(sessions, WorkCalendar(), clock=lambda: now)
    monday = _monday_of(to_local(now).date() + dt.timedelta(days=21))
    at = dt.datetime.combine(monday, dt.time(9), tzinfo=CHINA_TZ).astimezone(dt.UTC)
    first = service.create(leader, title="导出一", starts_at=at, duration_min=60)
    service.create(leader, title="导出二", starts_at=at + dt.timedelta(days=2), duration_min=60)
    dropped = service.create(leader, title="取消的会", starts_at=at + dt.timedelta(days=3), duration_min=60)
    service.cancel(dropped.id, leader, "改期另议")
    service.create(leader, title="范围外", starts_at=at + dt.timedelta(days=8), duration_min=60)

    out = tmp_path / "week.ics"
    assert export_calendar_file(sessions, monday, 7, out) == 2
    events = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == ["导出一", "导出二"]
    assert list(tmp_path.iterdir()) == [out]  # no partial file left behind
    # Written again over the old file, whole.
    assert export_calendar_file(sessions, monday, 1, out) == 1
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == first.title
