"""Coordination meetings: convene, schedule without conflicts, hold, approve minutes → action items.

Every change writes the meeting row, a ``meeting_events`` audit row and a ``changes`` row in one
transaction; approving the minutes also writes each action item's ``case_events`` row and
``changes`` row on its case, all together or nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import icalendar
import recurring_ical_events
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    ActionItem,
    AgendaItem,
    BusyTime,
    Case,
    CaseDepartment,
    CaseEvent,
    Department,
    Meeting,
    MeetingEvent,
    MeetingMinutes,
    MeetingParticipant,
    Room,
    SupervisionOrder,
    User,
)
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseError, add_case_event
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.errors import Refusal
from desktop.live.feed import record_change
from desktop.meetings import vocab
from desktop.meetings.slots import (
    Busy,
    Conflict,
    Resource,
    ResourceKind,
    Slot,
    department,
    find_conflicts,
    first_free_slot,
    person,
    room,
)
from desktop.meetings.supervision import SupervisionService


class MeetingStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    HELD = "held"
    MINUTES_APPROVED = "minutes_approved"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"


class Invitation(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    DEPUTY = "deputy"


class ActionStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_DEPARTMENT = "awaiting_department"
    DONE = "done"
    CANCELLED = "cancelled"


# How far ahead imported recurring busy times are expanded (the slot search looks up to a few
# weeks ahead; re-import the calendar for later dates).
BUSY_HORIZON = dt.timedelta(days=180)

# Meetings that occupy their participants' and room's time (a draft or postponed one does not,
# so an abandoned draft blocks no one; its own conflicts are checked when it is scheduled).
BLOCKING = (MeetingStatus.SCHEDULED, MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
# Which status may follow which (cancel and postpone are allowed from draft and scheduled).
_NEXT: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.DRAFT: frozenset(
        {MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED, MeetingStatus.POSTPONED}
    ),
    MeetingStatus.SCHEDULED: frozenset(
        {MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.POSTPONED}
    ),
    MeetingStatus.POSTPONED: frozenset({MeetingStatus.SCHEDULED, MeetingStatus.CANCELLED}),
    MeetingStatus.HELD: frozenset({MeetingStatus.MINUTES_APPROVED}),
    MeetingStatus.MINUTES_APPROVED: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}


class MeetingError(CaseError, Refusal):
    """A request about a meeting that was refused: a ``meeting.…`` code and its facts (worded in
    ``ui/refusals/meetings.py``)."""


class MeetingNotPermitted(MeetingError):
    """The actor's role may not do this to a meeting or action item; nothing was changed."""


# --- who may do what ------------------------------------------------------------------------------
# Each check returns why the actor may not (a ``MeetingNotPermitted`` refusal, not raised), or None
# if they may; the service raises it and the pane shows its sentence on the disabled button.

# City leaders, the city information center (dispatchers) and administrators run meetings.
ORGANISERS = frozenset({Role.LEADER, Role.DISPATCHER, Role.ADMIN})


def organise_refusal(actor: Actor) -> MeetingNotPermitted | None:
    """Convene, schedule, reschedule, hold, postpone or cancel a meeting, record its minutes."""
    if actor.role in ORGANISERS:
        return None
    return MeetingNotPermitted("meeting.organise_role")


def approve_refusal(actor: Actor, convener_user_id: int | None) -> MeetingNotPermitted | None:
    """Approve the minutes: the meeting's convener or a city leader."""
    if actor.role == Role.LEADER:
        return None
    if actor.user_id is not None and actor.user_id == convener_user_id:
        return None
    return MeetingNotPermitted("meeting.approve_role")


def complete_refusal(
    actor: Actor,
    *,
    department_id: int | None,
    owner_user_id: int | None,
    convener_user_id: int | None,
) -> MeetingNotPermitted | None:
    """Mark an action item done: its department's staff (or its named owner), the meeting's
    convener, or the city information center (dispatchers)."""
    if actor.role == Role.DISPATCHER:
        return None
    if actor.user_id is not None and actor.user_id in (convener_user_id, owner_user_id):
        return None
    if (
        actor.role == Role.DEPARTMENT_STAFF
        and actor.department_id is not None
        and actor.department_id == department_id
    ):
        return None
    return MeetingNotPermitted("meeting.complete_role")


def _require(refusal: MeetingNotPermitted | None) -> None:
    if refusal is not None:
        raise refusal


class MeetingConflicts(MeetingError):
    """The proposed time has conflicts (``conflicts``, worded by the interface); nothing was saved."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        super().__init__("meeting.conflicts", count=len(conflicts))
        self.conflicts = list(conflicts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (MeetingConflicts, (self.conflicts,))


@dataclass(frozen=True)
class ConveneResult:
    meeting_id: int
    slot: Slot | None
    within_deadline: bool
    department_ids: tuple[int, ...]


@dataclass(frozen=True)
class ActionAlert:
    action_item_id: int
    case_id: int | None
    department_id: int | None
    what: str
    due_at: dt.datetime
    overdue_by: dt.timedelta
    supervision_order_id: int | None


@dataclass
class NewActionItem:
    what: str
    due_at: dt.datetime
    department_id: int | None = None
    owner_user_id: int | None = None
    owner_name: str = ""
    case_id: int | None = None
    agenda_item_id: int | None = None
    decision: str = ""


@dataclass
class Invitees:
    department_ids: list[int] = field(default_factory=list)
    user_ids: list[int] = field(default_factory=list)


def _resources(participants: Iterable[MeetingParticipant]) -> list[Resource]:
    out: list[Resource] = []
    for p in participants:
        if p.department_id is not None:
            out.append(department(p.department_id))
        if p.user_id is not None:
            out.append(person(p.user_id))
    return out


def load_busy(session: Session, start: dt.datetime, end: dt.datetime) -> list[Busy]:
    """Busy intervals of every person, department and room overlapping [start, end)."""
    busy: list[Busy] = []
    margin = dt.timedelta(days=1)  # meetings are shorter than a day; filter exactly below
    meetings = session.scalars(
        select(Meeting).where(
            Meeting.status.in_([str(s) for s in BLOCKING]),
            Meeting.starts_at < end,
            Meeting.starts_at > start - margin,
        )
    ).all()
    by_id = {m.id: m for m in meetings}
    for m in meetings:
        m_end = m.starts_at + dt.timedelta(minutes=m.duration_min)
        if m_end <= start:
            continue
        if m.room_id is not None:
            busy.append(Busy(room(m.room_id), m.starts_at, m_end, m.title, m.id))
        if m.convener_user_id is not None:
            busy.append(Busy(person(m.convener_user_id), m.starts_at, m_end, m.title, m.id))
    if by_id:
        parts = session.scalars(
            select(MeetingParticipant).where(
                MeetingParticipant.meeting_id.in_(list(by_id)),
                MeetingParticipant.state != str(Invitation.DECLINED),
            )
        ).all()
        for p in parts:
            m = by_id[p.meeting_id]
            m_end = m.starts_at + dt.timedelta(minutes=m.duration_min)
            if m_end <= start:
                continue
            for r in _resources([p]):
                busy.append(Busy(r, m.starts_at, m_end, m.title, m.id))
    for bt in session.scalars(select(BusyTime).where(BusyTime.starts_at < end, BusyTime.ends_at > start)):
        label = bt.summary or ""
        if bt.department_id is not None:
            busy.append(Busy(department(bt.department_id), bt.starts_at, bt.ends_at, label))
        if bt.user_id is not None:
            busy.append(Busy(person(bt.user_id), bt.starts_at, bt.ends_at, label))
        if bt.room_id is not None:
            busy.append(Busy(room(bt.room_id), bt.starts_at, bt.ends_at, label))
    return busy


def resource_names(session: Session, resources: Iterable[Resource]) -> dict[Resource, str]:
    """The names of people, departments and rooms, for the conflict messages."""
    wanted = set(resources)
    ids: dict[ResourceKind, list[int]] = {k: [] for k in ResourceKind}
    for r in wanted:
        ids[r.kind].append(r.id)
    out: dict[Resource, str] = {}
    if ids[ResourceKind.DEPARTMENT]:
        for dep_id, dep_name in session.execute(
            select(Department.id, Department.name).where(Department.id.in_(ids[ResourceKind.DEPARTMENT]))
        ):
            out[department(dep_id)] = dep_name
    if ids[ResourceKind.PERSON]:
        for user_id, user_name in session.execute(
            select(User.id, User.display_name).where(User.id.in_(ids[ResourceKind.PERSON]))
        ):
            out[person(user_id)] = user_name
    if ids[ResourceKind.ROOM]:
        for room_id, room_name in session.execute(
            select(Room.id, Room.name).where(Room.id.in_(ids[ResourceKind.ROOM]))
        ):
            out[room(room_id)] = room_name
    return out


class MeetingService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        calendar: WorkCalendar | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        self._calendar = calendar or WorkCalendar()
        self._clock = clock

    # --- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _event(
        session: Session,
        meeting: Meeting,
        actor: Actor,
        action: str,
        at: dt.datetime,
        from_status: str | None,
        reason: str = "",
    ) -> None:
        session.add(
            MeetingEvent(
                meeting_id=meeting.id,
                at=at,
                actor_user_id=actor.user_id,
                actor_name=actor.name,
                actor_role=str(actor.role),
                action=action,
                from_status=from_status,
                to_status=meeting.status,
                reason=reason,
            )
        )
        record_change(session, "meeting", meeting.id, action, None, at)

    @staticmethod
    def _get(session: Session, meeting_id: int) -> Meeting:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise MeetingError("meeting.not_found", meeting_id=meeting_id)
        return meeting

    def _move(self, session: Session, meeting: Meeting, to: MeetingStatus) -> str:
        current = MeetingStatus(meeting.status)
        if to not in _NEXT[current]:
            raise MeetingError(
                "meeting.invalid_transition", meeting_status=str(current), to_meeting_status=str(to)
            )
        meeting.status = str(to)
        return str(current)

    def _conflicts_in(self, session: Session, meeting: Meeting) -> list[Conflict]:
        start = meeting.starts_at
        end = start + dt.timedelta(minutes=meeting.duration_min)
        parts = session.scalars(
            select(MeetingParticipant).where(
                MeetingParticipant.meeting_id == meeting.id,
                MeetingParticipant.state != str(Invitation.DECLINED),
            )
        ).all()
        resources = _resources(parts)
        if meeting.room_id is not None:
            resources.append(room(meeting.room_id))
        if meeting.convener_user_id is not None:
            resources.append(person(meeting.convener_user_id))
        busy = load_busy(session, start, end)
        return find_conflicts(
            start,
            end,
            resources,
            busy,
            self._calendar,
            ignore_meeting_id=meeting.id,
            names=resource_names(session, resources),
        )

    # --- use cases -------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        title: str,
        starts_at: dt.datetime,
        duration_min: int,
        room_id: int | None = None,
        video_link: str = "",
        invitees: Invitees | None = None,
    ) -> Meeting:
        """A draft meeting with its invitations (conflicts are checked when it is scheduled)."""
        _require(organise_refusal(actor))
        if not title.strip():
            raise MeetingError("meeting.title_required")
        if duration_min <= 0:
            raise MeetingError("meeting.duration_not_positive")
        now = self._clock()
        invitees = invitees or Invitees()
        with self._sessions.begin() as session:
            if room_id is not None and session.get(Room, room_id) is None:
                raise MeetingError("meeting.no_room", room_id=room_id)
            meeting = Meeting(
                title=title.strip(),
                convener_user_id=actor.user_id,
                convener_name=actor.name,
                starts_at=starts_at,
                duration_min=duration_min,
                room_id=room_id,
                video_link=video_link,
                status=str(MeetingStatus.DRAFT),
                status_reason="",
                created_at=now,
                updated_at=now,
            )
            session.add(meeting)
            session.flush()
            self._invite(session, meeting, invitees)
            self._event(session, meeting, actor, "create", now, None)
        return meeting

    @staticmethod
    def _invite(session: Session, meeting: Meeting, invitees: Invitees) -> None:
        for dep_id in dict.fromkeys(invitees.department_ids):
            dep = session.get(Department, dep_id)
            if dep is None:
                raise MeetingError("meeting.no_department", department_id=dep_id)
            session.add(MeetingParticipant(meeting_id=meeting.id, department_id=dep_id, name=dep.name))
        for user_id in dict.fromkeys(invitees.user_ids):
            user = session.get(User, user_id)
            if user is None:
                raise MeetingError("meeting.no_user", user_id=user_id)
            session.add(MeetingParticipant(meeting_id=meeting.id, user_id=user_id, name=user.display_name))
        session.flush()

    def conflicts(self, meeting_id: int) -> list[Conflict]:
        with self._sessions() as session:
            return self._conflicts_in(session, self._get(session, meeting_id))

    def conflicts_for(
        self,
        start: dt.datetime,
        duration_min: int,
        resources: Iterable[Resource],
        ignore_meeting_id: int | None = None,
    ) -> list[Conflict]:
        """Conflicts of a proposed time before anything is saved (e.g. while dragging)."""
        end = start + dt.timedelta(minutes=duration_min)
        resources = list(resources)
        with self._sessions() as session:
            busy = load_busy(session, start, end)
            names = resource_names(session, resources)
        return find_conflicts(
            start, end, resources, busy, self._calendar, ignore_meeting_id=ignore_meeting_id, names=names
        )

    def schedule(
        self,
        meeting_id: int,
        actor: Actor,
        *,
        starts_at: dt.datetime | None = None,
        duration_min: int | None = None,
        room_id: int | None = None,
    ) -> Meeting:
        """Fix the time (optionally a new one): refused with ``MeetingConflicts`` if anything clashes.

        Also reschedules a scheduled meeting (drag in the calendar) with the same checks."""
        _require(organise_refusal(actor))
        now = self._clock()
        with self._sessions.begin() as session:
            meeting = self._get(session, meeting_id)
            current = MeetingStatus(meeting.status)
            if current != MeetingStatus.SCHEDULED and MeetingStatus.SCHEDULED not in _NEXT[current]:
                self._move(session, meeting, MeetingStatus.SCHEDULED)  # refused, with the reason
            if starts_at is not None:
                meeting.starts_at = starts_at
            if duration_min is not None:
                if duration_min <= 0:
                    raise MeetingError("meeting.duration_not_positive")
                meeting.duration_min = duration_min
            if room_id is not None:
                meeting.room_id = room_id
            session.flush()
            conflicts = self._conflicts_in(session, meeting)
            if conflicts:
                raise MeetingConflicts(conflicts)
            if meeting.status == MeetingStatus.SCHEDULED:
                from_status, action = meeting.status, "reschedule"
            else:
                from_status, action = self._move(session, meeting, MeetingStatus.SCHEDULED), "schedule"
            meeting.status_reason = ""
            meeting.updated_at = now
            self._event(session, meeting, actor, action, now, from_status)
        return meeting

    def hold(self, meeting_id: int, actor: Actor) -> Meeting:
        return self._transition(meeting_id, actor, MeetingStatus.HELD, "hold")

    def cancel(self, meeting_id: int, actor: Actor, reason: str) -> Meeting:
        return self._transition(
            meeting_id, actor, MeetingStatus.CANCELLED, "cancel", reason, need_reason=True
        )

    def postpone(self, meeting_id: int, actor: Actor, reason: str) -> Meeting:
        return self._transition(
            meeting_id, actor, MeetingStatus.POSTPONED, "postpone", reason, need_reason=True
        )

    def _transition(
        self,
        meeting_id: int,
        actor: Actor,
        to: MeetingStatus,
        action: str,
        reason: str = "",
        need_reason: bool = False,
    ) -> Meeting:
        _require(organise_refusal(actor))
        if need_reason and not reason.strip():
            if action == "cancel":
                raise MeetingError("meeting.cancel_reason_required")
            raise MeetingError("meeting.postpone_reason_required")
        now = self._clock()
        with self._sessions.begin() as session:
            meeting = self._get(session, meeting_id)
            from_status = self._move(session, meeting, to)
            meeting.status_reason = reason.strip()
            meeting.updated_at = now
            self._event(session, meeting, actor, action, now, from_status, reason.strip())
        return meeting

    def respond(
        self, participant_id: int, actor: Actor, state: Invitation, reason: str = "", deputy_name: str = ""
    ) -> MeetingParticipant:
        """An invitee confirms, declines (with a reason) or sends a deputy (named)."""
        if state == Invitation.DECLINED and not reason.strip():
            raise MeetingError("meeting.decline_reason_required")
        if state == Invitation.DEPUTY and not deputy_name.strip():
            raise MeetingError("meeting.deputy_name_required")
        now = self._clock()
        with self._sessions.begin() as session:
            part = session.get(MeetingParticipant, participant_id)
            if part is None:
                raise MeetingError("meeting.no_participant", participant_id=participant_id)
            meeting = self._get(session, part.meeting_id)
            before = part.state
            part.state, part.reason, part.deputy_name = str(state), reason.strip(), deputy_name.strip()
            self._event(
                session, meeting, actor, "invitation", now, meeting.status, f"{part.name}: {before} → {state}"
            )
        return part

    def convene_from_cases(
        self,
        case_ids: Sequence[int],
        actor: Actor,
        *,
        title: str = "",
        duration_min: int = 60,
        room_candidates: Sequence[int] = (),
        earliest: dt.datetime | None = None,
        horizon: dt.timedelta = dt.timedelta(days=14),
    ) -> ConveneResult:
        """A draft meeting with the cases as agenda items (summary and timeline frozen now), the
        departments involved invited, at the first slot free for all of them and a room before the
        earliest case deadline (if none is free by then, the first one after, flagged)."""
        _require(organise_refusal(actor))
        if not case_ids:
            raise MeetingError("meeting.no_cases_chosen")
        now = self._clock()
        earliest = max(earliest or now, now)
        with self._sessions.begin() as session:
            cases = [session.get(Case, cid) for cid in dict.fromkeys(case_ids)]
            missing = [cid for cid, c in zip(dict.fromkeys(case_ids), cases, strict=True) if c is None]
            if missing:
                raise MeetingError("meeting.cases_missing", case_ids=missing)
            found = [c for c in cases if c is not None]
            dep_ids = tuple(
                sorted(
                    set(
                        session.scalars(
                            select(CaseDepartment.department_id).where(
                                CaseDepartment.case_id.in_([c.id for c in found])
                            )
                        )
                    )
                )
            )
            dues = [c.sla_due_at for c in found if c.sla_due_at is not None and c.sla_due_at > earliest]
            deadline = min(dues) if dues else earliest + horizon
            resources = [department(d) for d in dep_ids]
            if actor.user_id is not None:
                resources.append(person(actor.user_id))
            if not room_candidates:
                room_candidates = list(session.scalars(select(Room.id).where(Room.active).order_by(Room.id)))
            duration = dt.timedelta(minutes=duration_min)
            far = max(deadline, earliest) + horizon
            busy = load_busy(session, earliest, far)
            slot = first_free_slot(
                resources, room_candidates, duration, earliest, deadline, busy, self._calendar
            )
            within = slot is not None
            if slot is None:
                slot = first_free_slot(
                    resources, room_candidates, duration, earliest, far, busy, self._calendar
                )
            start = slot.start if slot else earliest
            meeting = Meeting(
                title=title.strip()
                or vocab.CONVENE_TITLE.format(numbers=vocab.LIST_SEP.join(c.number for c in found)),
                convener_user_id=actor.user_id,
                convener_name=actor.name,
                starts_at=start,
                duration_min=duration_min,
                room_id=slot.room_id if slot else None,
                video_link="",
                status=str(MeetingStatus.DRAFT),
                status_reason="",
                created_at=now,
                updated_at=now,
            )
            session.add(meeting)
            session.flush()
            self._invite(session, meeting, Invitees(department_ids=list(dep_ids)))
            for pos, case in enumerate(found, start=1):
                session.add(
                    AgendaItem(
                        meeting_id=meeting.id,
                        position=pos,
                        case_id=case.id,
                        title=case.title,
                        case_summary=case_summary(case, now),
                        case_timeline={"events": case_timeline(session, case.id)},
                        minutes="",
                    )
                )
            self._event(session, meeting, actor, "convene", now, None, ",".join(c.number for c in found))
            return ConveneResult(meeting.id, slot, within, dep_ids)

    def record_minutes(
        self,
        meeting_id: int,
        actor: Actor,
        text: str,
        *,
        item_minutes: dict[int, str] | None = None,
        action_items: Sequence[NewActionItem] = (),
    ) -> Meeting:
        """Minutes of a held meeting, per agenda item, and its decisions as draft action items."""
        _require(organise_refusal(actor))
        now = self._clock()
        with self._sessions.begin() as session:
            meeting = self._get(session, meeting_id)
            if meeting.status != MeetingStatus.HELD:
                raise MeetingError("meeting.minutes_before_held")
            minutes = session.scalars(
                select(MeetingMinutes).where(MeetingMinutes.meeting_id == meeting_id)
            ).first()
            if minutes is None:
                session.add(
                    MeetingMinutes(meeting_id=meeting_id, text=text, recorded_at=now, approved_by_name="")
                )
            else:
                minutes.text, minutes.recorded_at = text, now
            items = {
                a.id: a
                for a in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id))
            }
            for item_id, body in (item_minutes or {}).items():
                if item_id not in items:
                    raise MeetingError("meeting.item_not_on_agenda", agenda_item_id=item_id)
                items[item_id].minutes = body
            for new in action_items:
                if not new.what.strip():
                    raise MeetingError("meeting.action_what_required")
                if new.department_id is None and new.owner_user_id is None:
                    raise MeetingError("meeting.action_owner_required")
                if new.department_id is not None and session.get(Department, new.department_id) is None:
                    raise MeetingError("meeting.no_department", department_id=new.department_id)
                case_id = new.case_id
                if new.agenda_item_id is not None:
                    if new.agenda_item_id not in items:
                        raise MeetingError("meeting.item_not_on_agenda", agenda_item_id=new.agenda_item_id)
                    case_id = case_id or items[new.agenda_item_id].case_id
                if case_id is not None and session.get(Case, case_id) is None:
                    raise MeetingError("meeting.no_case", case_id=case_id)
                session.add(
                    ActionItem(
                        meeting_id=meeting_id,
                        agenda_item_id=new.agenda_item_id,
                        case_id=case_id,
                        decision=new.decision,
                        what=new.what.strip(),
                        department_id=new.department_id,
                        owner_user_id=new.owner_user_id,
                        owner_name=new.owner_name,
                        due_at=new.due_at,
                        status=str(ActionStatus.DRAFT),
                        evidence="",
                        created_at=now,
                    )
                )
            meeting.updated_at = now
            self._event(session, meeting, actor, "minutes", now, meeting.status)
        return meeting

    def approve_minutes(self, meeting_id: int, actor: Actor) -> list[int]:
        """Approve the minutes: every draft action item goes to its department, on its case's
        timeline and the change feed — in one transaction. Returns the action items' ids."""
        now = self._clock()
        with self._sessions.begin() as session:
            meeting = self._get(session, meeting_id)
            _require(approve_refusal(actor, meeting.convener_user_id))
            minutes = session.scalars(
                select(MeetingMinutes).where(MeetingMinutes.meeting_id == meeting_id)
            ).first()
            if minutes is None:
                raise MeetingError("meeting.minutes_required")
            from_status = self._move(session, meeting, MeetingStatus.MINUTES_APPROVED)
            minutes.approved_at = now
            minutes.approved_by_user_id = actor.user_id
            minutes.approved_by_name = actor.name
            items = session.scalars(
                select(ActionItem)
                .where(ActionItem.meeting_id == meeting_id, ActionItem.status == str(ActionStatus.DRAFT))
                .order_by(ActionItem.id)
            ).all()
            for item in items:
                item.status = str(ActionStatus.AWAITING_DEPARTMENT)
                record_change(session, "action_item", item.id, "create", None, now)
                if item.case_id is None:
                    continue
                case = session.get(Case, item.case_id)
                assert case is not None
                add_case_event(
                    session,
                    case,
                    actor,
                    "action_item",
                    now,
                    case.status,
                    case.level,
                    comment=vocab.ACTION_ITEM_COMMENT.format(
                        what=item.what, due=f"{to_local(item.due_at):%Y-%m-%d}"
                    ),
                )
                record_change(session, "case", case.id, "action_item", case.town_id, now)
            meeting.updated_at = now
            self._event(session, meeting, actor, "approve_minutes", now, from_status)
            return [i.id for i in items]

    def complete_action_item(self, item_id: int, actor: Actor, evidence: str) -> ActionItem:
        """The department reports the item done, with evidence of completion."""
        if not evidence.strip():
            raise MeetingError("meeting.evidence_required")
        now = self._clock()
        with self._sessions.begin() as session:
            item = session.get(ActionItem, item_id)
            if item is None:
                raise MeetingError("meeting.no_action_item", action_item_id=item_id)
            if item.status != ActionStatus.AWAITING_DEPARTMENT:
                raise MeetingError(
                    "meeting.action_not_awaiting", action_item_id=item_id, item_status=item.status
                )
            meeting = self._get(session, item.meeting_id)
            _require(
                complete_refusal(
                    actor,
                    department_id=item.department_id,
                    owner_user_id=item.owner_user_id,
                    convener_user_id=meeting.convener_user_id,
                )
            )
            item.status, item.evidence, item.completed_at = str(ActionStatus.DONE), evidence.strip(), now
            record_change(session, "action_item", item.id, "done", None, now)
            if item.case_id is not None:
                case = session.get(Case, item.case_id)
                assert case is not None
                add_case_event(
                    session,
                    case,
                    actor,
                    "action_item_done",
                    now,
                    case.status,
                    case.level,
                    comment=evidence.strip(),
                )
                record_change(session, "case", case.id, "action_item_done", case.town_id, now)
        return item

    def department_items(self, department_id: int, *, open_only: bool = True) -> list[ActionItem]:
        """A department's view: its action items, the earliest due first."""
        with self._sessions() as session:
            q = select(ActionItem).where(ActionItem.department_id == department_id)
            if open_only:
                q = q.where(ActionItem.status == str(ActionStatus.AWAITING_DEPARTMENT))
            else:
                q = q.where(ActionItem.status != str(ActionStatus.DRAFT))
            return list(session.scalars(q.order_by(ActionItem.due_at, ActionItem.id)))

    def overdue_alerts(self, now: dt.datetime | None = None) -> list[ActionAlert]:
        """Action items past their due date and still awaiting the department, most overdue first."""
        now = now or self._clock()
        with self._sessions() as session:
            rows = session.scalars(
                select(ActionItem)
                .where(
                    ActionItem.status == str(ActionStatus.AWAITING_DEPARTMENT),
                    ActionItem.due_at < now,
                )
                .order_by(ActionItem.due_at, ActionItem.id)
            ).all()
            return [
                ActionAlert(
                    r.id, r.case_id, r.department_id, r.what, r.due_at, now - r.due_at, r.supervision_order_id
                )
                for r in rows
            ]

    def to_supervision(
        self, action_item_id: int, actor: Actor, *, deadline: dt.datetime | None = None, instruction: str = ""
    ) -> SupervisionOrder:
        """Turn an overdue action item into a supervision order (督办) on its case, addressed to
        the owning department (deadline: two working days from now unless given)."""
        now = self._clock()
        with self._sessions() as session:
            item = session.get(ActionItem, action_item_id)
            if item is None:
                raise MeetingError("meeting.no_action_item", action_item_id=action_item_id)
            if item.case_id is None or item.department_id is None:
                raise MeetingError("meeting.supervise_needs_case_and_department")
            if item.status != ActionStatus.AWAITING_DEPARTMENT or item.due_at >= now:
                raise MeetingError("meeting.supervise_not_overdue")
            if item.supervision_order_id is not None:
                raise MeetingError("meeting.already_supervised", action_item_id=action_item_id)
            case_id, dep_id, what = item.case_id, item.department_id, item.what
        if deadline is None:
            deadline = self._calendar.add_working_days(to_local(now), 2).astimezone(dt.UTC)
        order = SupervisionService(self._sessions, clock=self._clock).issue(
            case_id,
            actor,
            instruction=instruction or vocab.OVERDUE_ACTION_INSTRUCTION.format(what=what),
            deadline=deadline,
            unit_department_id=dep_id,
        )
        with self._sessions.begin() as session:
            item = session.get(ActionItem, action_item_id)
            assert item is not None
            item.supervision_order_id = order.id
            record_change(session, "action_item", item.id, "supervise", None, now)
        return order

    # --- calendars -------------------------------------------------------------------------

    def import_busy_ics(
        self,
        data: bytes,
        *,
        department_id: int | None = None,
        user_id: int | None = None,
        room_id: int | None = None,
        window: tuple[dt.datetime, dt.datetime] | None = None,
    ) -> int:
        """Replace the owner's imported busy times with the events of an .ics file; returns the count.

        Recurring events (RRULE, RDATE, EXDATE and moved occurrences) are expanded over ``window``,
        by default from a day ago to ``BUSY_HORIZON`` ahead — the span the slot search looks at.
        Events without a time (all-day) block the whole day; transparent events are skipped."""
        if (department_id, user_id, room_id).count(None) != 2:
            raise MeetingError("meeting.busy_one_owner")
        try:
            cal = icalendar.Calendar.from_ical(data)
        except ValueError as exc:
            raise MeetingError("meeting.ics_invalid", error=str(exc)) from exc
        if window is None:
            now = self._clock()
            window = (now - dt.timedelta(days=1), now + BUSY_HORIZON)
        try:
            occurrences = recurring_ical_events.of(cal).between(*window)
        except (ValueError, recurring_ical_events.InvalidCalendar) as exc:
            raise MeetingError("meeting.ics_rrule_invalid", error=str(exc)) from exc
        rows: list[BusyTime] = []
        for ev in occurrences:
            if str(ev.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
                continue
            raw_start = ev.decoded("DTSTART")
            start = _as_aware(raw_start, start=True)
            if "DTEND" in ev:
                end = _as_aware(ev.decoded("DTEND"), start=False)
            elif "DURATION" in ev:
                end = start + ev.decoded("DURATION")
            else:
                end = start + dt.timedelta(days=1) if not isinstance(raw_start, dt.datetime) else start
            if end <= start:
                continue
            uid = str(ev.get("UID", ""))
            rows.append(
                BusyTime(
                    department_id=department_id,
                    user_id=user_id,
                    room_id=room_id,
                    starts_at=start,
                    ends_at=end,
                    summary=str(ev.get("SUMMARY", ""))[:200],
                    # One row per occurrence: the series' UID and the occurrence's start.
                    source_uid=f"{uid}#{start.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"[:255],
                )
            )
        with self._sessions.begin() as session:
            owner = (
                BusyTime.department_id == department_id
                if department_id is not None
                else BusyTime.user_id == user_id
                if user_id is not None
                else BusyTime.room_id == room_id
            )
            for old in session.scalars(select(BusyTime).where(owner)):
                session.delete(old)
            session.add_all(rows)
            record_change(
                session, "busy_times", department_id or user_id or room_id or 0, "import", None, self._clock()
            )
        return len(rows)


def _as_aware(value: dt.date | dt.datetime, *, start: bool) -> dt.datetime:
    """An .ics time as an aware datetime: floating times are China time, dates are midnight."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=CHINA_TZ)
    return dt.datetime.combine(value, dt.time(), tzinfo=CHINA_TZ)


def case_summary(case: Case, frozen_at: dt.datetime) -> dict[str, Any]:
    return {
        "number": case.number,
        "title": case.title,
        "kind": case.kind,
        "category": case.category,
        "status": case.status,
        "level": case.level,
        "severity": case.severity,
        "town_id": case.town_id,
        "owner_unit": case.owner_unit,
        "description": case.description,
        "reported_at": case.reported_at.isoformat(),
        "sla_due_at": case.sla_due_at.isoformat() if case.sla_due_at else None,
        "frozen_at": frozen_at.isoformat(),
    }


def case_timeline(session: Session, case_id: int) -> list[dict[str, Any]]:
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
    ).all()
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "actor": e.actor_name or e.actor_role,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "level": e.to_level,
            "reason": e.reason,
            "comment": e.comment,
        }
        for e in events
    ]


# --- read side: listings and iCalendar export ------------------------------------------------


def meetings_between(
    session: Session, start: dt.datetime | None, end: dt.datetime | None, *, include_cancelled: bool = False
) -> list[dict[str, Any]]:
    """Meetings starting in [start, end) with their agenda and participants, as plain data."""
    q = select(Meeting)
    if start is not None:
        q = q.where(Meeting.starts_at >= start)
    if end is not None:
        q = q.where(Meeting.starts_at < end)
    if not include_cancelled:
        q = q.where(Meeting.status != str(MeetingStatus.CANCELLED))
    meetings = session.scalars(q.order_by(Meeting.starts_at, Meeting.id)).all()
    rooms = {r.id: r.name for r in session.scalars(select(Room))}
    out: list[dict[str, Any]] = []
    for m in meetings:
        parts = session.scalars(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == m.id)
            .order_by(MeetingParticipant.id)
        ).all()
        agenda = session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == m.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ).all()
        out.append(
            {
                "id": m.id,
                "title": m.title,
                "status": m.status,
                "status_reason": m.status_reason,
                "convener": m.convener_name,
                "starts_at": m.starts_at.isoformat(),
                "ends_at": (m.starts_at + dt.timedelta(minutes=m.duration_min)).isoformat(),
                "duration_min": m.duration_min,
                "room": rooms.get(m.room_id) if m.room_id is not None else None,
                "video_link": m.video_link,
                "participants": [
                    {
                        "kind": "department" if p.department_id is not None else "person",
                        "id": p.department_id if p.department_id is not None else p.user_id,
                        "name": p.name,
                        "state": p.state,
                        "reason": p.reason,
                        "deputy": p.deputy_name,
                    }
                    for p in parts
                ],
                "agenda": [
                    {
                        "position": a.position,
                        "case_id": a.case_id,
                        "case_number": (a.case_summary or {}).get("number"),
                        "title": a.title,
                    }
                    for a in agenda
                ],
            }
        )
    return out


def action_items_view(
    session: Session,
    actor: Actor,
    *,
    department_id: int | None = None,
    open_only: bool = False,
    limit: int = 2000,
) -> list[dict[str, Any]]:
    """The departments' view of their action items (approved ones: awaiting, done or cancelled):
    what, case, meeting, due date, status, evidence, and whether the actor may mark it done.

    Department staff see only their own department's items; everyone else sees all of them, or
    one department's with ``department_id``. Open items come first, the earliest due first."""
    q = (
        select(
            ActionItem,
            Meeting.title,
            Meeting.convener_user_id,
            Case.number,
            Case.title.label("case_title"),
            Department.name.label("department"),
        )
        # Outer joins: under row-level security a department may see its item but not every row
        # it hangs off.
        .outerjoin(Meeting, Meeting.id == ActionItem.meeting_id)
        .outerjoin(Case, Case.id == ActionItem.case_id)
        .outerjoin(Department, Department.id == ActionItem.department_id)
        .where(ActionItem.status != str(ActionStatus.DRAFT))
    )
    if actor.role == Role.DEPARTMENT_STAFF:
        q = q.where(ActionItem.department_id == (actor.department_id or -1))
    elif department_id is not None:
        q = q.where(ActionItem.department_id == department_id)
    if open_only:
        q = q.where(ActionItem.status == str(ActionStatus.AWAITING_DEPARTMENT))
    is_open = (ActionItem.status == str(ActionStatus.AWAITING_DEPARTMENT)).desc()
    rows = session.execute(q.order_by(is_open, ActionItem.due_at, ActionItem.id).limit(limit)).all()
    out: list[dict[str, Any]] = []
    for item, meeting_title, convener_id, number, case_title, dep_name in rows:
        refusal = complete_refusal(
            actor,
            department_id=item.department_id,
            owner_user_id=item.owner_user_id,
            convener_user_id=convener_id,
        )
        out.append(
            {
                "id": item.id,
                "what": item.what,
                "decision": item.decision,
                "case_id": item.case_id,
                "case_number": number,
                "case_title": case_title,
                "meeting_id": item.meeting_id,
                "meeting": meeting_title or "",
                "department_id": item.department_id,
                "department": dep_name or item.owner_name,
                "due_at": item.due_at,
                "status": item.status,
                "evidence": item.evidence,
                "completed_at": item.completed_at,
                "supervision_order_id": item.supervision_order_id,
                "refusal": refusal,
            }
        )
    return out


def upcoming(session: Session, now: dt.datetime) -> list[dict[str, Any]]:
    """Meetings not yet over and not cancelled (drafts, scheduled, postponed), soonest first."""
    rows = meetings_between(session, now - dt.timedelta(days=1), None)
    return [
        r
        for r in rows
        if dt.datetime.fromisoformat(r["ends_at"]) > now
        and r["status"] in (MeetingStatus.DRAFT, MeetingStatus.SCHEDULED, MeetingStatus.POSTPONED)
    ]


def export_ics(meetings: Sequence[dict[str, Any]], *, domain: str = "concord.local") -> bytes:
    """An iCalendar file (one VEVENT per meeting) that participants import into their calendars."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Concord//Coordination meetings//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    stamp = utcnow()
    for m in meetings:
        ev = icalendar.Event()
        ev.add("uid", f"meeting-{m['id']}@{domain}")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", dt.datetime.fromisoformat(m["starts_at"]))
        ev.add("dtend", dt.datetime.fromisoformat(m["ends_at"]))
        ev.add("summary", m["title"])
        if m.get("room") or m.get("video_link"):
            ev.add("location", m.get("room") or m["video_link"])
        lines = [vocab.ICS_CONVENER.format(name=m["convener"])]
        lines += [
            vocab.ICS_AGENDA_ITEM.format(
                position=a["position"], case_number=a["case_number"] or "", title=a["title"]
            ).strip()
            for a in m["agenda"]
        ]
        lines.append(
            vocab.ICS_PARTICIPANTS.format(names=vocab.LIST_SEP.join(p["name"] for p in m["participants"]))
        )
        ev.add("description", "\n".join(lines))
        ev.add(
            "status",
            {"cancelled": "CANCELLED", "draft": "TENTATIVE", "postponed": "TENTATIVE"}.get(
                m["status"], "CONFIRMED"
            ),
        )
        for p in m["participants"]:
            ev.add(
                "attendee",
                f"urn:concord:{p['kind']}:{p['id']}",
                parameters={"CN": p["name"], "PARTSTAT": _PARTSTAT[p["state"]]},
            )
        cal.add_component(ev)
    return bytes(cal.to_ical())


_PARTSTAT = {
    "invited": "NEEDS-ACTION",
    "confirmed": "ACCEPTED",
    "declined": "DECLINED",
    "deputy": "DELEGATED",
}


__all__ = [
    "ActionAlert",
    "ActionStatus",
    "ConveneResult",
    "Invitation",
    "Invitees",
    "MeetingConflicts",
    "MeetingError",
    "MeetingService",
    "MeetingStatus",
    "MeetingNotPermitted",
    "NewActionItem",
    "ResourceKind",
    "action_items_view",
    "approve_refusal",
    "complete_refusal",
    "organise_refusal",
    "export_ics",
    "load_busy",
    "meetings_between",
    "upcoming",
]
