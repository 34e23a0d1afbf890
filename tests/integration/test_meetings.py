"""Coordination meetings on a real database (SQLite and PostgreSQL): lifecycle, conflicts,
convening from cases, minutes → action items in one transaction, overdue → supervision, .ics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest
from sqlalchemy import Engine, func, select, update

from db.models import (
    ActionItem,
    AgendaItem,
    BusyTime,
    Case,
    CaseDepartment,
    CaseEvent,
    Change,
    Department,
    Meeting,
    MeetingEvent,
    MeetingParticipant,
    Room,
    SupervisionOrder,
)
from db.session import make_sessionmaker
from desktop.cases.ladder import Actor
from desktop.cases.service import actor_for
from desktop.clock import CHINA_TZ
from desktop.live.alerts import current_alerts
from desktop.live.feed import record_change
from desktop.meetings import service as meetings_mod
from desktop.meetings.service import (
    Invitation,
    Invitees,
    MeetingConflicts,
    MeetingError,
    MeetingNotPermitted,
    MeetingService,
    NewActionItem,
    export_ics,
    meetings_between,
)
from desktop.meetings.slots import department, room

# Monday 2026-11-23, 08:00 China time.
NOW = dt.datetime(2026, 11, 23, 8, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)


def local(d: int, hh: int, mm: int = 0) -> dt.datetime:
    """A time in the week of 2026-11-23 (Mon) to 11-29 (Sun), China time."""
    return dt.datetime(2026, 11, d, hh, mm, tzinfo=CHINA_TZ)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def sessions(demo_engine: Engine) -> Any:
    s = make_sessionmaker(demo_engine)
    with s.begin() as session:
        session.add_all(
            [Room(name="市政府第一会议室", capacity=30), Room(name="市信息中心会商室", capacity=12)]
        )
    return s


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def svc(sessions: Any, clock: Clock) -> MeetingService:
    return MeetingService(sessions, clock=clock)


def _leader(sessions: Any) -> Actor:
    with sessions() as s:
        return actor_for(s, "leader")


TEST_ROOMS = ("市政府第一会议室", "市信息中心会商室")


def _rooms(sessions: Any) -> list[int]:
    """The two rooms this module adds (the demo city has rooms of its own)."""
    with sessions() as s:
        return list(s.scalars(select(Room.id).where(Room.name.in_(TEST_ROOMS)).order_by(Room.id)))


def _departments(sessions: Any, n: int) -> list[int]:
    with sessions() as s:
        return list(s.scalars(select(Department.id).order_by(Department.id).limit(n)))


def _count(sessions: Any, model: Any, *where: Any) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _open_cases(sessions: Any, n: int, deps: list[int]) -> list[int]:
    """``n`` open cases, each given one of ``deps`` and a deadline on Friday evening."""
    with sessions.begin() as s:
        ids = list(
            s.scalars(
                select(Case.id)
                .where(Case.status.in_(["escalated", "accepted", "in_progress"]))
                .order_by(Case.id)
                .limit(n)
            )
        )
        for i, cid in enumerate(ids):
            dep = deps[i % len(deps)]
            if s.get(CaseDepartment, (cid, dep)) is None:
                s.add(CaseDepartment(case_id=cid, department_id=dep))
        s.execute(update(Case).where(Case.id.in_(ids)).values(sla_due_at=local(27, 18).astimezone(dt.UTC)))
    assert len(ids) == n
    return ids


def _held_meeting_with_items(
    svc: MeetingService, sessions: Any, clock: Clock
) -> tuple[int, list[int], list[int]]:
    leader = _leader(sessions)
    deps = _departments(sessions, 3)
    cases = _open_cases(sessions, 3, deps)
    result = svc.convene_from_cases(cases, leader, room_candidates=_rooms(sessions))
    assert result.slot is not None
    svc.schedule(result.meeting_id, leader)
    clock.now = result.slot.end
    svc.hold(result.meeting_id, leader)
    with sessions() as s:
        agenda = list(
            s.scalars(
                select(AgendaItem)
                .where(AgendaItem.meeting_id == result.meeting_id)
                .order_by(AgendaItem.position)
            )
        )
        case_deps = {
            a.case_id: s.scalars(
                select(CaseDepartment.department_id).where(CaseDepartment.case_id == a.case_id)
            ).first()
            for a in agenda
        }
    items = [
        NewActionItem(
            what=f"落实第{a.position}项化解措施",
            due_at=clock.now + dt.timedelta(days=3),
            department_id=case_deps[a.case_id],
            agenda_item_id=a.id,
            decision="会议决定由责任部门牵头处理",
        )
        for a in agenda
    ]
    svc.record_minutes(
        result.meeting_id,
        leader,
        "会议纪要正文",
        item_minutes={agenda[0].id: "第一项讨论情况"},
        action_items=items,
    )
    return result.meeting_id, cases, [case_deps[a.case_id] for a in agenda]


# --- lifecycle --------------------------------------------------------------------------------


def test_lifecycle_draft_scheduled_held_approved_with_audit_and_feed(
    svc: MeetingService, sessions: Any, clock: Clock
) -> None:
    meeting_id, cases, _deps = _held_meeting_with_items(svc, sessions, clock)
    changes_before = _count(sessions, Change)
    created = svc.approve_minutes(meeting_id, _leader(sessions))
    assert len(created) == 3
    with sessions() as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting is not None and meeting.status == "minutes_approved"
        actions = list(
            s.scalars(
                select(MeetingEvent.action)
                .where(MeetingEvent.meeting_id == meeting_id)
                .order_by(MeetingEvent.id)
            )
        )
        assert actions == ["convene", "schedule", "hold", "minutes", "approve_minutes"]
        transitions = list(
            s.execute(
                select(MeetingEvent.from_status, MeetingEvent.to_status)
                .where(MeetingEvent.meeting_id == meeting_id)
                .order_by(MeetingEvent.id)
            )
        )
        assert [tuple(t) for t in transitions] == [
            (None, "draft"),
            ("draft", "scheduled"),
            ("scheduled", "held"),
            ("held", "held"),
            ("held", "minutes_approved"),
        ]
        meeting_changes = list(
            s.scalars(select(Change.op).where(Change.entity == "meeting", Change.entity_id == meeting_id))
        )
        assert meeting_changes == actions
    # 3 action items + 3 case timelines + the meeting itself.
    assert _count(sessions, Change) == changes_before + 7
    with pytest.raises(MeetingError):
        svc.hold(meeting_id, _leader(sessions))


def test_cancel_and_postpone_need_a_reason_and_follow_the_rules(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    deps = _departments(sessions, 1)
    m = svc.create(leader, title="专题会", starts_at=local(24, 9), duration_min=60, invitees=Invitees(deps))
    with pytest.raises(MeetingError, match="meeting.postpone_reason_required"):
        svc.postpone(m.id, leader, "  ")
    svc.schedule(m.id, leader)
    postponed = svc.postpone(m.id, leader, "分管领导临时出差")
    assert postponed.status == "postponed" and postponed.status_reason == "分管领导临时出差"
    with pytest.raises(MeetingError, match="to_meeting_status='held'"):
        svc.hold(m.id, leader)
    again = svc.schedule(m.id, leader, starts_at=local(25, 14))
    assert again.status == "scheduled" and again.status_reason == ""
    cancelled = svc.cancel(m.id, leader, "问题已在部门层面解决")
    assert cancelled.status == "cancelled"
    with pytest.raises(MeetingError):
        svc.schedule(m.id, leader)
    with sessions() as s:
        rows = list(
            s.execute(
                select(MeetingEvent.action, MeetingEvent.reason)
                .where(MeetingEvent.meeting_id == m.id)
                .order_by(MeetingEvent.id)
            )
        )
    assert [r.action for r in rows] == ["create", "schedule", "postpone", "schedule", "cancel"]
    assert rows[2].reason == "分管领导临时出差"


def test_invitation_states(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    deps = _departments(sessions, 3)
    m = svc.create(leader, title="专题会", starts_at=local(24, 9), duration_min=60, invitees=Invitees(deps))
    with sessions() as s:
        parts = list(
            s.scalars(
                select(MeetingParticipant)
                .where(MeetingParticipant.meeting_id == m.id)
                .order_by(MeetingParticipant.id)
            )
        )
    assert [p.state for p in parts] == ["invited"] * 3
    svc.respond(parts[0].id, leader, Invitation.CONFIRMED)
    with pytest.raises(MeetingError):
        svc.respond(parts[1].id, leader, Invitation.DECLINED)
    svc.respond(parts[1].id, leader, Invitation.DECLINED, reason="同时段有上级检查")
    with pytest.raises(MeetingError):
        svc.respond(parts[2].id, leader, Invitation.DEPUTY)
    svc.respond(parts[2].id, leader, Invitation.DEPUTY, deputy_name="王副局长")
    with sessions() as s:
        states = list(
            s.execute(
                select(MeetingParticipant.state, MeetingParticipant.reason, MeetingParticipant.deputy_name)
                .where(MeetingParticipant.meeting_id == m.id)
                .order_by(MeetingParticipant.id)
            )
        )
    assert [tuple(r) for r in states] == [
        ("confirmed", "", ""),
        ("declined", "同时段有上级检查", ""),
        ("deputy", "", "王副局长"),
    ]
    assert (
        _count(sessions, MeetingEvent, MeetingEvent.meeting_id == m.id, MeetingEvent.action == "invitation")
        == 3
    )


# --- conflicts --------------------------------------------------------------------------------


def test_schedule_refuses_double_bookings_and_bad_times(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
    d1, d2, d3 = _departments(sessions, 3)
    r1, r2 = _rooms(sessions)
    first = svc.create(
        leader, title="A", starts_at=local(24, 9), duration_min=60, room_id=r1, invitees=Invitees([d1])
    )
    svc.schedule(first.id, leader)

    clash = svc.create(
        dispatcher,
        title="B",
        starts_at=local(24, 9, 30),
        duration_min=60,
        room_id=r1,
        invitees=Invitees([d1, d2]),
    )
    with pytest.raises(MeetingConflicts) as exc:
        svc.schedule(clash.id, dispatcher)
    kinds = sorted(str(c.kind) for c in exc.value.conflicts)
    assert kinds == ["department_busy", "room_busy"]
    assert all(c.meeting_id == first.id for c in exc.value.conflicts)
    with sessions() as s:
        still = s.get(Meeting, clash.id)
        assert still is not None and still.status == "draft"

    # The leader convenes both: a person double-booked.
    other = svc.create(
        leader, title="C", starts_at=local(24, 9, 45), duration_min=30, room_id=r2, invitees=Invitees([d3])
    )
    with pytest.raises(MeetingConflicts) as exc2:
        svc.schedule(other.id, leader)
    assert [str(c.kind) for c in exc2.value.conflicts] == ["person_busy"]

    # Saturday, and the evening.
    with pytest.raises(MeetingConflicts) as exc3:
        svc.schedule(other.id, leader, starts_at=local(28, 10))
    assert [str(c.kind) for c in exc3.value.conflicts] == ["non_working_day"]
    with pytest.raises(MeetingConflicts) as exc4:
        svc.schedule(other.id, leader, starts_at=local(24, 17, 15))
    assert [str(c.kind) for c in exc4.value.conflicts] == ["outside_hours"]

    # Before saving: the same check for a proposed time (dragging in the calendar).
    proposed = svc.conflicts_for(local(24, 9, 15), 30, [room(r1), department(d2)])
    assert [str(c.kind) for c in proposed] == ["room_busy"]
    assert svc.conflicts_for(local(24, 9, 15), 30, [room(r1)], ignore_meeting_id=first.id) == []

    # A free time and room works; the meeting moving onto itself is no conflict.
    assert svc.schedule(clash.id, dispatcher, starts_at=local(24, 10, 30), room_id=r2).status == "scheduled"
    assert svc.schedule(first.id, leader, starts_at=local(24, 9, 15)).status == "scheduled"


def test_declined_and_cancelled_do_not_block(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    (d1,) = _departments(sessions, 1)
    a = svc.create(leader, title="A", starts_at=local(24, 9), duration_min=60, invitees=Invitees([d1]))
    svc.schedule(a.id, leader)
    with sessions() as s:
        part = s.scalars(select(MeetingParticipant).where(MeetingParticipant.meeting_id == a.id)).one()
    svc.respond(part.id, leader, Invitation.DECLINED, reason="另有安排")
    assert svc.conflicts_for(local(24, 9), 60, [department(d1)]) == []
    assert [
        str(c.kind)
        for c in svc.conflicts_for(local(24, 9), 60, [department(d1), *[]])
        + svc.conflicts_for(local(24, 9), 60, [])
    ] == []
    svc.cancel(a.id, leader, "取消")
    from desktop.meetings.slots import person

    assert leader.user_id is not None
    assert svc.conflicts_for(local(24, 9), 60, [person(leader.user_id)]) == []


# --- busy times from .ics ----------------------------------------------------------------------


def _ics(*events: tuple[dt.datetime, dt.datetime, str]) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//")
    cal.add("version", "2.0")
    for i, (start, end, summary) in enumerate(events):
        ev = icalendar.Event()
        ev.add("uid", f"busy-{i}@dept")
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("summary", summary)
        cal.add_component(ev)
    return bytes(cal.to_ical())


def test_import_busy_ics_replaces_and_blocks(svc: MeetingService, sessions: Any) -> None:
    (d1,) = _departments(sessions, 1)
    assert svc.import_busy_ics(_ics((local(24, 8), local(24, 12), "省厅检查")), department_id=d1) == 1
    assert [str(c.kind) for c in svc.conflicts_for(local(24, 10), 60, [department(d1)])] == [
        "department_busy"
    ]
    # A new import replaces the department's earlier one.
    data = _ics(
        (local(25, 8, 30), local(25, 10), "党组会"),
        (local(25, 14).astimezone(dt.UTC), local(25, 15).astimezone(dt.UTC), "视频会"),
    )
    assert svc.import_busy_ics(data, department_id=d1) == 2
    assert svc.conflicts_for(local(24, 10), 60, [department(d1)]) == []
    assert _count(sessions, BusyTime, BusyTime.department_id == d1) == 2
    with pytest.raises(MeetingError):
        svc.import_busy_ics(b"not a calendar", department_id=d1)


# --- convene from cases ---------------------------------------------------------------------------


def test_convene_from_cases_freezes_agenda_invites_departments_and_finds_slot(
    svc: MeetingService, sessions: Any, clock: Clock
) -> None:
    leader = _leader(sessions)
    deps = _departments(sessions, 3)
    cases = _open_cases(sessions, 3, deps)
    r1, r2 = _rooms(sessions)
    with sessions() as s:
        involved = sorted(
            set(s.scalars(select(CaseDepartment.department_id).where(CaseDepartment.case_id.in_(cases))))
        )
    # Monday is blocked for one department (imported), Tuesday morning room 1 and room 2 are booked.
    svc.import_busy_ics(_ics((local(23, 8), local(23, 18), "全天外出")), department_id=involved[0])
    svc.import_busy_ics(_ics((local(24, 8, 30), local(24, 11), "占用")), room_id=r1)
    busy_room = svc.create(
        leader.__class__(None, leader.role, name="值班"),
        title="X",
        starts_at=local(24, 8, 30),
        duration_min=150,
        room_id=r2,
    )
    svc.schedule(busy_room.id, leader)

    result = svc.convene_from_cases(cases, leader, duration_min=90, room_candidates=[r1, r2])
    assert result.within_deadline and result.slot is not None
    assert result.slot.start == local(24, 11) and result.slot.room_id == r1
    assert list(result.department_ids) == involved
    with sessions() as s:
        meeting = s.get(Meeting, result.meeting_id)
        assert meeting is not None and meeting.status == "draft" and meeting.room_id == r1
        assert meeting.starts_at == local(24, 11)
        invited = sorted(
            s.scalars(
                select(MeetingParticipant.department_id).where(MeetingParticipant.meeting_id == meeting.id)
            )
        )
        assert invited == involved
        agenda = list(
            s.scalars(
                select(AgendaItem).where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position)
            )
        )
        assert [a.case_id for a in agenda] == cases
        for a in agenda:
            case = s.get(Case, a.case_id)
            assert case is not None and a.case_summary is not None and a.case_timeline is not None
            assert a.case_summary["number"] == case.number and a.case_summary["status"] == case.status
            n_events = s.scalar(
                select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id)
            )
            assert len(a.case_timeline["events"]) == n_events > 0
    # The proposed slot is conflict-free, so it can be scheduled as is.
    assert svc.schedule(result.meeting_id, leader).status == "scheduled"

    # Deadline already too close: the first slot after it, flagged.
    with sessions.begin() as s:
        s.execute(update(Case).where(Case.id.in_(cases)).values(sla_due_at=local(23, 9).astimezone(dt.UTC)))
    clock.now = local(23, 8, 30).astimezone(dt.UTC)
    late = svc.convene_from_cases(cases, leader, duration_min=90, room_candidates=[r1, r2])
    assert not late.within_deadline and late.slot is not None and late.slot.start > local(23, 9)


# --- minutes → action items ---------------------------------------------------------------------


def test_approving_minutes_creates_action_items_on_cases(
    svc: MeetingService, sessions: Any, clock: Clock
) -> None:
    meeting_id, cases, deps = _held_meeting_with_items(svc, sessions, clock)
    with sessions() as s:
        assert set(s.scalars(select(ActionItem.status).where(ActionItem.meeting_id == meeting_id))) == {
            "draft"
        }
    assert svc.department_items(deps[0]) == []  # drafts are not the department's yet
    ids = svc.approve_minutes(meeting_id, _leader(sessions))
    with sessions() as s:
        items = list(s.scalars(select(ActionItem).where(ActionItem.id.in_(ids)).order_by(ActionItem.id)))
        assert [i.status for i in items] == ["awaiting_department"] * 3
        assert [i.case_id for i in items] == cases
        for cid in cases:
            ev = s.scalars(
                select(CaseEvent).where(CaseEvent.case_id == cid).order_by(CaseEvent.id.desc())
            ).first()
            assert ev is not None and ev.action == "action_item" and "落实" in ev.comment
            assert (
                s.scalar(
                    select(func.count())
                    .select_from(Change)
                    .where(Change.entity == "case", Change.entity_id == cid, Change.op == "action_item")
                )
                == 1
            )
    mine = svc.department_items(deps[0])
    assert {i.id for i in mine} >= {ids[0]} and all(i.department_id == deps[0] for i in mine)
    done = svc.complete_action_item(ids[0], _leader(sessions), "已组织双方调解并签订协议")
    assert done.status == "done" and done.evidence
    assert ids[0] not in {i.id for i in svc.department_items(deps[0])}
    assert ids[0] in {i.id for i in svc.department_items(deps[0], open_only=False)}


def test_approval_is_all_or_nothing(
    svc: MeetingService, sessions: Any, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting_id, cases, _deps = _held_meeting_with_items(svc, sessions, clock)
    events_before = _count(sessions, CaseEvent)
    changes_before = _count(sessions, Change)
    real = record_change
    calls = {"n": 0}

    def failing(*args: Any, **kwargs: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(meetings_mod, "record_change", failing)
    with pytest.raises(RuntimeError):
        svc.approve_minutes(meeting_id, _leader(sessions))
    assert _count(sessions, CaseEvent) == events_before
    assert _count(sessions, Change) == changes_before
    with sessions() as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting is not None and meeting.status == "held"
        assert set(s.scalars(select(ActionItem.status).where(ActionItem.meeting_id == meeting_id))) == {
            "draft"
        }
    monkeypatch.setattr(meetings_mod, "record_change", real)
    assert len(svc.approve_minutes(meeting_id, _leader(sessions))) == 3


def test_minutes_need_a_held_meeting_and_valid_items(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    (d1,) = _departments(sessions, 1)
    m = svc.create(leader, title="A", starts_at=local(24, 9), duration_min=60, invitees=Invitees([d1]))
    with pytest.raises(MeetingError, match="meeting.minutes_before_held"):
        svc.record_minutes(m.id, leader, "x")
    svc.schedule(m.id, leader)
    svc.hold(m.id, leader)
    with pytest.raises(MeetingError, match="meeting.minutes_required"):
        svc.approve_minutes(m.id, leader)
    with pytest.raises(MeetingError, match="meeting.action_owner_required"):
        svc.record_minutes(m.id, leader, "x", action_items=[NewActionItem(what="做", due_at=local(27, 17))])
    assert _count(sessions, ActionItem) == 0


# --- overdue → alerts → supervision ------------------------------------------------------------


def test_overdue_action_item_alerts_and_becomes_supervision_order(
    svc: MeetingService, sessions: Any, clock: Clock
) -> None:
    meeting_id, cases, deps = _held_meeting_with_items(svc, sessions, clock)
    leader = _leader(sessions)
    ids = svc.approve_minutes(meeting_id, leader)
    assert svc.overdue_alerts() == []
    with pytest.raises(MeetingError, match="meeting.supervise_not_overdue"):
        svc.to_supervision(ids[0], leader)
    clock.now = clock.now + dt.timedelta(days=5)
    svc.complete_action_item(ids[2], leader, "已办结")
    alerts = svc.overdue_alerts()
    assert [a.action_item_id for a in alerts] == ids[:2]
    # The control room's alerts strip lists them too, for the dispatcher (and in scope only).
    with sessions() as s:
        strip = current_alerts(s, actor_for(s, "dispatcher"), clock.now)
    assert {a.case_id for a in strip if a.kind == "action_item"} == {cases[0], cases[1]}
    assert all(a.overdue_by > dt.timedelta(0) for a in alerts)
    order = svc.to_supervision(ids[0], leader)
    assert order.case_id == cases[0] and order.unit_department_id == deps[0] and order.status == "open"
    assert order.deadline > clock.now
    with sessions() as s:
        item = s.get(ActionItem, ids[0])
        assert item is not None and item.supervision_order_id == order.id
        ev = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == cases[0]).order_by(CaseEvent.id.desc())
        ).first()
        assert ev is not None and ev.action == "supervise"
    assert svc.overdue_alerts()[0].supervision_order_id == order.id
    with pytest.raises(MeetingError, match="meeting.already_supervised"):
        svc.to_supervision(ids[0], leader)
    assert (
        _count(
            sessions,
            SupervisionOrder,
            SupervisionOrder.case_id == cases[0],
            SupervisionOrder.unit_department_id == deps[0],
        )
        >= 1
    )


# --- iCalendar export ---------------------------------------------------------------------------


def test_export_ics_parses_back(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    deps = _departments(sessions, 2)
    r1, _ = _rooms(sessions)
    m = svc.create(
        leader,
        title="矛盾纠纷协调会",
        starts_at=local(24, 9),
        duration_min=90,
        room_id=r1,
        invitees=Invitees(deps),
    )
    svc.schedule(m.id, leader)
    with sessions() as s:
        rows = meetings_between(s, local(23, 0), local(30, 0))
    cal = icalendar.Calendar.from_ical(export_ics(rows))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    ev = events[0]
    assert str(ev["SUMMARY"]) == "矛盾纠纷协调会"
    assert ev.decoded("DTSTART") == local(24, 9)
    assert ev.decoded("DTEND") == local(24, 10, 30)
    assert str(ev["LOCATION"]) == "市政府第一会议室"
    assert str(ev["STATUS"]) == "CONFIRMED"
    attendees = ev.get("ATTENDEE")
    assert isinstance(attendees, list) and len(attendees) == 2
    assert "分管副市长" in str(ev["DESCRIPTION"])


# --- who may do what -------------------------------------------------------------------------------


def _actor(sessions: Any, username: str) -> Actor:
    with sessions() as s:
        return actor_for(s, username)


def _dept_user(sessions: Any, department_id: int, same: bool = True) -> str:
    from db.models import User

    cond = User.department_id == department_id if same else User.department_id != department_id
    with sessions() as s:
        return str(
            s.scalars(
                select(User.username).where(User.role == "department_staff", cond).order_by(User.id).limit(1)
            ).one()
        )


def _totals(sessions: Any) -> tuple[int, ...]:
    return tuple(_count(sessions, m) for m in (Meeting, MeetingEvent, Change, CaseEvent, ActionItem))


def test_only_leaders_dispatchers_and_admins_organise_meetings(svc: MeetingService, sessions: Any) -> None:
    leader = _leader(sessions)
    (d1,) = _departments(sessions, 1)
    m = svc.create(leader, title="专题会", starts_at=local(24, 9), duration_min=60, invitees=Invitees([d1]))
    cases = _open_cases(sessions, 1, [d1])
    before = _totals(sessions)
    for username in ("auditor", _dept_user(sessions, d1)):
        outsider = _actor(sessions, username)
        attempts = [
            lambda a=outsider: svc.create(a, title="越权", starts_at=local(24, 9), duration_min=60),
            lambda a=outsider: svc.convene_from_cases(cases, a),
            lambda a=outsider: svc.schedule(m.id, a),
            lambda a=outsider: svc.cancel(m.id, a, "不开了"),
            lambda a=outsider: svc.postpone(m.id, a, "推迟"),
        ]
        for attempt in attempts:
            with pytest.raises(MeetingNotPermitted, match="meeting.organise_role"):
                attempt()
    assert _totals(sessions) == before  # nothing changed
    with sessions() as s:
        meeting = s.get(Meeting, m.id)
        assert meeting is not None and meeting.status == "draft"
    # The city center and an administrator may.
    assert svc.schedule(m.id, _actor(sessions, "dispatcher")).status == "scheduled"
    assert svc.postpone(m.id, _actor(sessions, "admin"), "领导出差").status == "postponed"


def test_minutes_are_approved_by_the_convener_or_a_leader(
    svc: MeetingService, sessions: Any, clock: Clock
) -> None:
    meeting_id, _cases, _deps = _held_meeting_with_items(svc, sessions, clock)
    before = _totals(sessions)
    for username in ("dispatcher", "admin"):  # organisers, but neither the convener nor a leader
        with pytest.raises(MeetingNotPermitted, match="meeting.approve_role"):
            svc.approve_minutes(meeting_id, _actor(sessions, username))
    assert _totals(sessions) == before
    with sessions() as s:
        meeting = s.get(Meeting, meeting_id)
        assert meeting is not None and meeting.status == "held"
    # A dispatcher who convened the meeting approves its minutes.
    dispatcher = _actor(sessions, "dispatcher")
    (d1,) = _departments(sessions, 1)
    m = svc.create(
        dispatcher, title="调度会", starts_at=local(26, 9), duration_min=30, invitees=Invitees([d1])
    )
    svc.schedule(m.id, dispatcher)
    svc.hold(m.id, dispatcher)
    svc.record_minutes(m.id, dispatcher, "纪要")
    assert svc.approve_minutes(m.id, dispatcher) == []
    assert len(svc.approve_minutes(meeting_id, _leader(sessions))) == 3


def test_action_items_are_completed_by_their_department_the_convener_or_the_center(
    svc: MeetingService, sessions: Any, clock: Clock
) -> None:
    meeting_id, _cases, _deps = _held_meeting_with_items(svc, sessions, clock)
    ids = svc.approve_minutes(meeting_id, _leader(sessions))
    with sessions() as s:
        owners = [s.get(ActionItem, i).department_id for i in ids]  # type: ignore[union-attr]
    assert owners[0] is not None
    before = _totals(sessions)
    for username in (_dept_user(sessions, owners[0], same=False), "auditor", "admin"):
        with pytest.raises(MeetingNotPermitted, match="meeting.complete_role"):
            svc.complete_action_item(ids[0], _actor(sessions, username), "已处理")
    assert _totals(sessions) == before
    with sessions() as s:
        item = s.get(ActionItem, ids[0])
        assert item is not None and item.status == "awaiting_department" and item.evidence == ""
    done = svc.complete_action_item(ids[0], _actor(sessions, _dept_user(sessions, owners[0])), "已清理积水点")
    assert done.status == "done" and done.evidence == "已清理积水点"
    assert svc.complete_action_item(ids[1], _actor(sessions, "dispatcher"), "电话核实").status == "done"
    assert svc.complete_action_item(ids[2], _leader(sessions), "现场核实").status == "done"  # the convener


# --- refusals name what clashes (the interface words them) -----------------------------------------


def test_conflicts_and_transition_refusals_carry_the_resources_names_and_the_states(
    svc: MeetingService, sessions: Any
) -> None:
    leader = _leader(sessions)
    d1, d2 = _departments(sessions, 2)
    r1, _r2 = _rooms(sessions)
    with sessions() as s:
        dep_name = s.get(Department, d1).name  # type: ignore[union-attr]
    first = svc.create(
        leader, title="防汛会", starts_at=local(24, 9), duration_min=60, room_id=r1, invitees=Invitees([d1])
    )
    svc.schedule(first.id, leader)
    clash = svc.create(
        leader,
        title="另一会",
        starts_at=local(24, 9, 30),
        duration_min=60,
        room_id=r1,
        invitees=Invitees([d1]),
    )
    with pytest.raises(MeetingConflicts) as info:
        svc.schedule(clash.id, leader)
    assert info.value.code == "meeting.conflicts"
    found = info.value.conflicts
    assert {c.name for c in found} >= {dep_name, "市政府第一会议室"}
    assert all(c.label == "防汛会" and c.meeting_id == first.id for c in found)
    late = svc.conflicts_for(local(28, 17), 60, [department(d2)])  # a Saturday, after hours
    assert {str(c.kind) for c in late} == {"non_working_day", "outside_hours"}
    assert [c.day for c in late if c.day is not None] == [dt.date(2026, 11, 28)]
    svc.cancel(clash.id, leader, "重复")
    with pytest.raises(MeetingError) as refused:
        svc.schedule(clash.id, leader)
    assert refused.value.code == "meeting.invalid_transition"
    assert refused.value.params == {"meeting_status": "cancelled", "to_meeting_status": "scheduled"}


# --- recurring busy times ------------------------------------------------------------------------


WEEKLY_ICS = b"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//weekly//ZH
BEGIN:VEVENT
UID:weekly-party-meeting@dept
DTSTART;TZID=Asia/Shanghai:20261103T083000
DTEND;TZID=Asia/Shanghai:20261103T120000
RRULE:FREQ=WEEKLY;BYDAY=TU,TH
EXDATE;TZID=Asia/Shanghai:20261126T083000
RDATE;TZID=Asia/Shanghai:20261127T140000
SUMMARY:\xe5\x91\xa8\xe4\xbe\x8b\xe4\xbc\x9a
END:VEVENT
BEGIN:VEVENT
UID:standup@dept
DTSTART:20261123T083000
DURATION:PT30M
RRULE:FREQ=DAILY;COUNT=2
SUMMARY:early
END:VEVENT
END:VCALENDAR
"""


def test_recurring_busy_times_are_expanded_and_block_slots(svc: MeetingService, sessions: Any) -> None:
    from desktop.meetings.slots import first_free_slot

    d1, d2 = _departments(sessions, 2)
    # Expanded from a day before NOW (Mon 11-23) over the default horizon: Tuesdays and Thursdays
    # from 11-24 (not 11-26, excluded), the extra 11-27 afternoon, two floating 08:30 stand-ups.
    count = svc.import_busy_ics(WEEKLY_ICS, department_id=d1)
    with sessions() as s:
        rows = list(
            s.scalars(select(BusyTime).where(BusyTime.department_id == d1).order_by(BusyTime.starts_at))
        )
    starts = [r.starts_at.astimezone(CHINA_TZ) for r in rows]
    assert count == len(rows) and len(rows) > 40  # about half a year of Tuesdays and Thursdays
    first_week = [t for t in starts if t < local(30, 0)]
    assert first_week == [local(23, 8, 30), local(24, 8, 30), local(24, 8, 30), local(27, 14)]
    assert {r.summary for r in rows} == {"周例会", "early"}
    assert len({r.source_uid for r in rows}) == len(rows)
    # The weekly meeting blocks Tuesday mornings for the department, week after week.
    for week in range(4):
        tue = local(24, 9) + dt.timedelta(weeks=week)
        kinds = [str(c.kind) for c in svc.conflicts_for(tue, 60, [department(d1)])]
        assert kinds == ["department_busy"], tue
    assert svc.conflicts_for(local(26, 9), 60, [department(d1)]) == []  # the excluded Thursday
    # The slot search for both departments, four hours from Tuesday 12-01 08:00: the weekly
    # meeting takes the morning, so the first free slot starts when it ends, at 12:00.
    from desktop.cases.sla import WorkCalendar
    from desktop.meetings.service import load_busy

    earliest = local(24, 8).replace(day=1, month=12)
    with sessions() as s:
        busy = load_busy(s, earliest, earliest + dt.timedelta(days=7))
    slot = first_free_slot(
        [department(d1), department(d2)],
        [],
        dt.timedelta(hours=4),
        earliest,
        earliest + dt.timedelta(days=7),
        busy,
        WorkCalendar(),
    )
    assert slot is not None
    assert slot.start.astimezone(CHINA_TZ) == earliest.replace(hour=12)
