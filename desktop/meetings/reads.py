"""What the meetings screen reads: the calendar of a range of days, one meeting in full, and the
rooms and departments its dialogs offer; and the calendar written to an iCalendar file.

The interface calls these in the background with its session factory (it writes no SQL itself);
they return plain data.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import (
    ActionItem,
    AgendaItem,
    BusyTime,
    Department,
    Meeting,
    MeetingMinutes,
    MeetingParticipant,
    Room,
)
from desktop.cases.defaults import routed_departments
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ
from desktop.meetings.service import export_ics, meetings_between
from desktop.meetings.slots import Resource, department, person
from desktop.store import SessionFactory


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of a local (China) day."""
    return dt.datetime.combine(day, dt.time(), tzinfo=CHINA_TZ)


@dataclass
class CalendarData:
    start: dt.date
    days: int
    meetings: list[dict[str, Any]]
    busy: list[tuple[dt.datetime, dt.datetime, str]]
    workdays: dict[dt.date, bool]


@dataclass
class MeetingDetail:
    id: int
    title: str
    status: str
    status_reason: str
    starts_at: dt.datetime
    duration_min: int
    room_id: int | None
    room: str
    video_link: str
    convener: str
    convener_user_id: int | None
    participants: list[dict[str, Any]] = field(default_factory=list)
    agenda: list[dict[str, Any]] = field(default_factory=list)
    minutes: str = ""
    minutes_approved: bool = False
    actions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_min)

    def resources(self) -> list[Resource]:
        """Who must be free for it: the participants who did not decline (their department and
        person) and the convener."""
        out: list[Resource] = []
        for p in self.participants:
            if p["state"] == "declined":
                continue
            if p["department_id"] is not None:
                out.append(department(p["department_id"]))
            if p["user_id"] is not None:
                out.append(person(p["user_id"]))
        if self.convener_user_id is not None:
            out.append(person(self.convener_user_id))
        return out


def load_calendar(
    sessions: SessionFactory, start: dt.date, days: int, calendar: WorkCalendar
) -> CalendarData:
    """The meetings (cancelled ones too), the imported busy times and the working days of the
    ``days`` local days from ``start``."""
    lo, hi = local_midnight(start), local_midnight(start + dt.timedelta(days=days))
    with sessions() as s:
        meetings = meetings_between(s, lo, hi, include_cancelled=True)
        busy = [
            (b.starts_at, b.ends_at, b.summary)
            for b in s.scalars(select(BusyTime).where(BusyTime.starts_at < hi, BusyTime.ends_at > lo))
        ]
    workdays = {
        start + dt.timedelta(days=i): calendar.is_workday(start + dt.timedelta(days=i)) for i in range(days)
    }
    return CalendarData(start, days, meetings, busy, workdays)


def load_meeting(sessions: SessionFactory, meeting_id: int) -> MeetingDetail | None:
    """One meeting with its participants, agenda (each item with its case's routed department),
    minutes and action items; None if there is no such meeting."""
    with sessions() as s:
        m = s.get(Meeting, meeting_id)
        if m is None:
            return None
        room_row = s.get(Room, m.room_id) if m.room_id is not None else None
        deps = {d.id: d.name for d in s.scalars(select(Department))}
        detail = MeetingDetail(
            id=m.id,
            title=m.title,
            status=m.status,
            status_reason=m.status_reason,
            starts_at=m.starts_at,
            duration_min=m.duration_min,
            room_id=m.room_id,
            room=room_row.name if room_row else "",
            video_link=m.video_link,
            convener=m.convener_name,
            convener_user_id=m.convener_user_id,
        )
        for p in s.scalars(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == m.id)
            .order_by(MeetingParticipant.id)
        ):
            detail.participants.append(
                {
                    "id": p.id,
                    "name": p.name,
                    "department_id": p.department_id,
                    "user_id": p.user_id,
                    "state": p.state,
                    "reason": p.reason,
                    "deputy": p.deputy_name,
                }
            )
        for a in s.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == m.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ):
            detail.agenda.append(
                {
                    "id": a.id,
                    "position": a.position,
                    "case_id": a.case_id,
                    "number": (a.case_summary or {}).get("number") or "",
                    "title": a.title,
                    "summary": (a.case_summary or {}).get("description") or "",
                    "minutes": a.minutes,
                }
            )
        routed = routed_departments(s, [a["case_id"] for a in detail.agenda])  # action items default to it
        for entry in detail.agenda:
            entry["department_id"] = routed.get(entry["case_id"])
        minutes = s.scalars(select(MeetingMinutes).where(MeetingMinutes.meeting_id == m.id)).first()
        if minutes is not None:
            detail.minutes = minutes.text
            detail.minutes_approved = minutes.approved_at is not None
        for i in s.scalars(select(ActionItem).where(ActionItem.meeting_id == m.id).order_by(ActionItem.id)):
            detail.actions.append(
                {
                    "id": i.id,
                    "what": i.what,
                    "department": deps.get(i.department_id, i.owner_name)
                    if i.department_id
                    else i.owner_name,
                    "department_id": i.department_id,
                    "owner_user_id": i.owner_user_id,
                    "case_id": i.case_id,
                    "agenda_item_id": i.agenda_item_id,
                    "due_at": i.due_at,
                    "status": i.status,
                    "evidence": i.evidence,
                    "supervision_order_id": i.supervision_order_id,
                }
            )
        return detail


def active_rooms(sessions: SessionFactory) -> list[tuple[int, str]]:
    """The rooms a meeting may be booked into: (id, name), in the order they were added."""
    with sessions() as s:
        return [(r.id, r.name) for r in s.scalars(select(Room).where(Room.active).order_by(Room.id))]


def department_choices(sessions: SessionFactory) -> list[tuple[int, str]]:
    """Every department as (id, name), in the order they were added."""
    with sessions() as s:
        return [(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]


def export_calendar_file(sessions: SessionFactory, start: dt.date, days: int, path: str | Path) -> int:
    """The meetings of ``days`` local days from ``start`` (not the cancelled ones) as an iCalendar
    file at ``path``; returns how many. Whole or not at all: a calendar program watching the file
    never reads half of it."""
    with sessions() as s:
        rows = meetings_between(s, local_midnight(start), local_midnight(start + dt.timedelta(days=days)))
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(export_ics(rows))
    os.replace(partial, target)
    return len(rows)
