"""Coordination meetings of the demo city, made through the same services a leader uses.

The demo's history has cases escalated to the city; without meetings the scheduler, the
departments' task lists and the action-item alerts would all be empty on first start. This adds
one meeting held last week on three escalated cases, whose approved minutes gave departments
action items (one done, one running late, one still within its time), and one meeting scheduled
for the coming days on other escalated cases. Every step goes through MeetingService, so the
records, audit events and change feed are those of the real workflow.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import AgendaItem, Case, CaseDepartment, Department, Meeting, User
from db.vocab import OPEN_STATUSES, Level, Role
from desktop.cases.ladder import Actor
from desktop.clock import CHINA_TZ
from desktop.meetings.service import MeetingService, NewActionItem


@dataclass(frozen=True)
class DemoMeetings:
    held_meeting_id: int
    upcoming_meeting_id: int
    action_item_ids: tuple[int, ...]


def _leader(session: Session) -> Actor:
    user = session.scalars(
        select(User).where(User.role == Role.LEADER, User.active).order_by(User.id).limit(1)
    ).one()
    return Actor(user_id=user.id, role=Role.LEADER, name=user.display_name)


def _escalated_cases(session: Session, count: int, skip: int = 0) -> list[int]:
    """Open cases escalated above the village: city level first, then those with departments
    involved, oldest first."""
    has_dept = exists().where(CaseDepartment.case_id == Case.id)
    ids = session.scalars(
        select(Case.id)
        .where(Case.level >= Level.TOWN, Case.status.in_([str(x) for x in OPEN_STATUSES]))
        .order_by(Case.level.desc(), has_dept.desc(), Case.reported_at, Case.id)
        .offset(skip)
        .limit(count)
    ).all()
    return list(ids)


def build_demo_meetings(sessions: sessionmaker[Session], now: dt.datetime) -> DemoMeetings | None:
    """Add the demo meetings; None (nothing added) if the city has meetings already or lacks
    the escalated cases or departments they need."""
    now = now.astimezone(dt.UTC)
    with sessions() as s:
        if s.scalar(select(Meeting.id).limit(1)) is not None:
            return None
        actor = _leader(s)
        held_cases = _escalated_cases(s, 3)
        upcoming_cases = _escalated_cases(s, 2, skip=3)
        departments = list(s.scalars(select(Department.id).order_by(Department.id)))
    if len(held_cases) < 3 or len(upcoming_cases) < 1 or not departments:
        return None

    # Last week: convened, scheduled, held; minutes approved the same afternoon.
    clock = [now - dt.timedelta(days=8)]
    svc = MeetingService(sessions, clock=lambda: clock[0])
    held = svc.convene_from_cases(held_cases, actor, title="城市疑难矛盾纠纷协调会（第一次）")
    meeting = svc.schedule(held.meeting_id, actor)
    clock[0] = meeting.starts_at + dt.timedelta(minutes=meeting.duration_min)
    svc.hold(held.meeting_id, actor)
    with sessions() as s:
        agenda = _agenda(s, held.meeting_id)
    invited = list(held.department_ids) or departments
    plans = [
        ("调取现场监控并出具勘验意见，三个工作日内反馈。", _end_of_day(clock[0], 3)),
        ("牵头组织双方调解，形成书面调解方案。", _end_of_day(now, -2)),
        ("核实补偿标准并答复当事人，报市信息中心备案。", _end_of_day(now, 5)),
    ]
    news = [
        NewActionItem(
            what=what,
            due_at=due,
            department_id=invited[k % len(invited)],
            agenda_item_id=item_id,
            decision="会议议定：由承办部门限期办理，市信息中心跟踪督办。",
        )
        for k, ((item_id, _case), (what, due)) in enumerate(zip(agenda, plans, strict=False))
    ]
    svc.record_minutes(
        held.meeting_id,
        actor,
        "会议听取了三起案件的情况汇报，议定由相关部门分工办理，限期反馈。",
        item_minutes={item_id: "与会部门逐项研究，明确承办责任。" for item_id, _ in agenda},
        action_items=news,
    )
    items = svc.approve_minutes(held.meeting_id, actor)
    # The first department reported its item done two days later.
    if items:
        clock[0] = clock[0] + dt.timedelta(days=2)
        svc.complete_action_item(items[0], actor, "已调取监控并出具勘验意见，书面材料已归档。")

    # Coming days: a second meeting on other escalated cases, in the first free slot.
    clock[0] = now
    upcoming = svc.convene_from_cases(upcoming_cases, actor, title="城市疑难矛盾纠纷协调会（第二次）")
    svc.schedule(upcoming.meeting_id, actor)
    return DemoMeetings(held.meeting_id, upcoming.meeting_id, tuple(items))


def _agenda(session: Session, meeting_id: int) -> list[tuple[int, int | None]]:
    rows = session.execute(
        select(AgendaItem.id, AgendaItem.case_id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(AgendaItem.position)
    )
    return [(int(i), c) for i, c in rows]


def _end_of_day(when: dt.datetime, days: int) -> dt.datetime:
    """17:30 Beijing time, ``days`` days after ``when``: how deadlines are given in minutes."""
    local = (when.astimezone(CHINA_TZ) + dt.timedelta(days=days)).date()
    return dt.datetime.combine(local, dt.time(17, 30), tzinfo=CHINA_TZ).astimezone(dt.UTC)
