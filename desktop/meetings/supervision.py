"""Supervision orders (督办): issued on a case to a unit, answered by the unit, signed off by
the issuer — each step audited on the case and announced on the change feed."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import CursorResult, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CaseDepartment, Department, SupervisionOrder, Town
from db.vocab import Action, Level, Role, Status
from desktop.cases.ladder import Actor, CaseState, apply
from desktop.cases.service import CaseError, CaseNotFound, add_case_event
from desktop.clock import to_local, utcnow
from desktop.errors import Refusal
from desktop.live.feed import record_change
from desktop.meetings import vocab


class SupervisionError(CaseError, Refusal):
    """A request about a supervision order that was refused: a ``supervision.…`` code and its
    facts (worded in ``ui/refusals/meetings.py``)."""


class SupervisionCaseNotFound(CaseNotFound, Refusal):
    """The case to supervise does not exist."""


# --- escalating reminders before the deadline ----------------------------------------------------

REMINDER_HOURS_ENV = "CONCORD_SUPERVISION_REMINDER_HOURS"
DEFAULT_REMINDER_HOURS = (72, 24, 4)
OVERDUE = 0  # ``last_reminder_hours`` once the deadline has passed and the issuer was told


def reminder_hours_setting(env: Mapping[str, str] | None = None) -> tuple[int, ...]:
    """The reminder points, hours before the deadline, most distant first: the setting
    ``CONCORD_SUPERVISION_REMINDER_HOURS`` (comma-separated whole hours), default 72,24,4."""
    raw = (os.environ if env is None else env).get(REMINDER_HOURS_ENV, "").strip()
    if not raw:
        return DEFAULT_REMINDER_HOURS
    try:
        # A full-width comma (U+FF0C), as a Chinese input method types it, separates too.
        hours = {int(part) for part in raw.replace(chr(0xFF0C), ",").split(",") if part.strip()}
    except ValueError:
        raise SupervisionError(
            "supervision.reminder_hours_not_numbers", setting=REMINDER_HOURS_ENV, value=raw
        ) from None
    if not hours or min(hours) < 1:
        raise SupervisionError("supervision.reminder_hours_too_small", setting=REMINDER_HOURS_ENV)
    return tuple(sorted(hours, reverse=True))


def reminder_text(hours: int, deadline: dt.datetime, points: Sequence[int]) -> str:
    """The timeline text of a reminder: each point nearer the deadline reads more urgently."""
    when = f"{to_local(deadline):%Y-%m-%d %H:%M}"
    if hours == OVERDUE:
        return vocab.OVERDUE_TEXT.format(when=when)
    rank = sorted(points, reverse=True).index(hours) if hours in points else 0
    prefix = vocab.REMINDER_PREFIXES[min(rank, 2)]
    return vocab.REMINDER_TEXT.format(prefix=prefix, hours=hours, when=when)


@dataclass(frozen=True)
class ReminderNotice:
    """One reminder a sweep recorded, as an operator reads it: which order on which case, which
    stage, and to whom it went (the addressed unit; the issuer once the order is overdue)."""

    order_id: int
    case_id: int
    case_number: str
    hours: int  # the stage: hours before the deadline, OVERDUE (0) past it
    recipient_kind: str  # "unit" (the addressed town or department) | "issuer"
    recipient: str  # its name ("" when an issuer was recorded without one)
    deadline: dt.datetime

    @property
    def stage(self) -> str:
        """``72h``, ``24h``, ``4h`` … or ``overdue``."""
        return "overdue" if self.hours == OVERDUE else f"{self.hours}h"

    def as_dict(self) -> dict[str, object]:
        return {
            "order_id": self.order_id,
            "case_id": self.case_id,
            "case_number": self.case_number,
            "stage": self.stage,
            "hours": self.hours,
            "to": self.recipient_kind,
            "recipient": self.recipient,
            "deadline": self.deadline.isoformat(),
        }


@dataclass
class ReminderResult:
    """What one sweep recorded: (order id, hours) per reminder; overdue orders escalated;
    ``notices`` the same reminders in recording order, with case and recipient."""

    reminded: list[tuple[int, int]] = field(default_factory=list)
    overdue: list[int] = field(default_factory=list)
    skipped: int = 0
    notices: list[ReminderNotice] = field(default_factory=list)


def sweep_reminders(
    sessions: sessionmaker[Session],
    now: dt.datetime,
    points: Sequence[int] | None = None,
) -> ReminderResult:
    """Record, once each, the reminders that open supervision orders have reached: at each point
    (hours before the deadline) a timeline event on the case and a change on the feed, more urgent
    the nearer the deadline; past the deadline the order is escalated to its issuer.

    If a sweep finds several points passed at once it records only the most urgent one. Each
    stage is a conditional UPDATE on ``last_reminder_hours`` guarded by the value it read, so
    running the sweep twice, or from two processes at once, records every stage exactly once."""
    points = tuple(sorted(set(points if points is not None else reminder_hours_setting()), reverse=True))
    result = ReminderResult()
    system = Actor(user_id=None, role=Role.SYSTEM, name=vocab.REMINDER_ACTOR)
    if not points:
        return result
    horizon = now + dt.timedelta(hours=max(points))
    with sessions() as session:
        rows = session.execute(
            select(
                SupervisionOrder.id, SupervisionOrder.deadline, SupervisionOrder.last_reminder_hours
            ).where(
                SupervisionOrder.status == "open",
                SupervisionOrder.deadline <= horizon,
                or_(
                    SupervisionOrder.last_reminder_hours.is_(None),
                    SupervisionOrder.last_reminder_hours > OVERDUE,
                ),
            )
        ).all()
    for row in rows:
        left = row.deadline - now
        if left <= dt.timedelta(0):
            stage = OVERDUE
        else:
            reached = [h for h in points if left <= dt.timedelta(hours=h)]
            if not reached:
                continue
            stage = min(reached)
        if row.last_reminder_hours is not None and row.last_reminder_hours <= stage:
            continue
        with sessions.begin() as session:
            guard = (
                SupervisionOrder.last_reminder_hours.is_(None)
                if row.last_reminder_hours is None
                else SupervisionOrder.last_reminder_hours == row.last_reminder_hours
            )
            hit: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
                update(SupervisionOrder)
                .where(SupervisionOrder.id == row.id, SupervisionOrder.status == "open", guard)
                .values(last_reminder_hours=stage)
                .execution_options(synchronize_session=False)
            )
            if hit.rowcount != 1:
                result.skipped += 1
                continue
            order = session.get(SupervisionOrder, row.id)
            assert order is not None
            case = session.get(Case, order.case_id)
            assert case is not None
            action = "supervision_overdue" if stage == OVERDUE else "supervision_reminder"
            text = reminder_text(stage, order.deadline, points)
            if stage == OVERDUE and order.issuer_name:
                text += vocab.OVERDUE_ISSUER.format(issuer=order.issuer_name)
            add_case_event(session, case, system, action, now, case.status, case.level, comment=text)
            record_change(session, "case", case.id, action, case.town_id, now)
            record_change(session, "supervision_order", order.id, action, case.town_id, now)
            if stage == OVERDUE:
                result.overdue.append(order.id)
                kind, recipient = "issuer", order.issuer_name
            else:
                result.reminded.append((order.id, stage))
                kind, recipient = "unit", _unit_name(session, order)
            result.notices.append(
                ReminderNotice(order.id, case.id, case.number, stage, kind, recipient, order.deadline)
            )
    return result


def _unit_name(session: Session, order: SupervisionOrder) -> str:
    """The name of the town or department an order is addressed to."""
    unit: Town | Department | None
    if order.unit_department_id is not None:
        unit = session.get(Department, order.unit_department_id)
    else:
        unit = session.get(Town, order.unit_town_id) if order.unit_town_id is not None else None
    return unit.name if unit is not None else ""


class SupervisionService:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def issue(
        self,
        case_id: int,
        actor: Actor,
        *,
        instruction: str,
        deadline: dt.datetime,
        unit_town_id: int | None = None,
        unit_department_id: int | None = None,
    ) -> SupervisionOrder:
        now = self._clock()
        if not instruction.strip():
            raise SupervisionError("supervision.instruction_required")
        if (unit_town_id is None) == (unit_department_id is None):
            raise SupervisionError("supervision.one_unit")
        if deadline <= now:
            raise SupervisionError("supervision.deadline_past")
        with self._sessions.begin() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise SupervisionCaseNotFound("supervision.no_case", case_id=case_id)
            departments = frozenset(
                d.department_id for d in session.query(CaseDepartment).filter_by(case_id=case_id)
            )
            state = CaseState(Status(case.status), Level(case.level), case.town_id, departments)
            apply(state, Action.SUPERVISE, actor)  # validity and jurisdiction, same rules as buttons
            if unit_town_id is not None and session.get(Town, unit_town_id) is None:
                raise SupervisionError("supervision.no_town", town_id=unit_town_id)
            if unit_department_id is not None and session.get(Department, unit_department_id) is None:
                raise SupervisionError("supervision.no_department", department_id=unit_department_id)
            if actor.role == Role.TOWN_STAFF and unit_town_id != actor.town_id:
                raise SupervisionError("supervision.own_town")
            order = SupervisionOrder(
                case_id=case_id,
                issuer_user_id=actor.user_id,
                issuer_name=actor.name,
                unit_town_id=unit_town_id,
                unit_department_id=unit_department_id,
                instruction=instruction.strip(),
                issued_at=now,
                deadline=deadline,
                status="open",
            )
            session.add(order)
            session.flush()
            add_case_event(
                session,
                case,
                actor,
                str(Action.SUPERVISE),
                now,
                case.status,
                case.level,
                comment=instruction.strip(),
            )
            record_change(session, "case", case.id, "supervise", case.town_id, now)
        return order

    def respond(self, order_id: int, actor: Actor, response: str) -> SupervisionOrder:
        """The addressed unit answers; dispatchers and leaders may record an answer for it."""
        now = self._clock()
        if not response.strip():
            raise SupervisionError("supervision.response_required")
        with self._sessions.begin() as session:
            order = session.get(SupervisionOrder, order_id)
            if order is None:
                raise SupervisionError("supervision.not_found", order_id=order_id)
            if order.status == "signed_off":
                raise SupervisionError("supervision.already_signed_off")
            addressed = (
                (
                    actor.role == Role.TOWN_STAFF
                    and actor.town_id is not None
                    and actor.town_id == order.unit_town_id
                )
                or (
                    actor.role == Role.DEPARTMENT_STAFF
                    and actor.department_id is not None
                    and actor.department_id == order.unit_department_id
                )
                or actor.role in (Role.DISPATCHER, Role.LEADER)
            )
            if not addressed:
                raise SupervisionError("supervision.respond_role")
            order.response = response.strip()
            order.responded_at = now
            order.status = "answered"
            case = session.get(Case, order.case_id)
            assert case is not None
            add_case_event(
                session,
                case,
                actor,
                "supervision_response",
                now,
                case.status,
                case.level,
                comment=response.strip(),
            )
            record_change(session, "case", case.id, "supervision_response", case.town_id, now)
        return order

    def sign_off(self, order_id: int, actor: Actor) -> SupervisionOrder:
        now = self._clock()
        with self._sessions.begin() as session:
            order = session.get(SupervisionOrder, order_id)
            if order is None:
                raise SupervisionError("supervision.not_found", order_id=order_id)
            if order.status != "answered":
                raise SupervisionError("supervision.sign_off_before_answer")
            if actor.user_id != order.issuer_user_id and actor.role not in (Role.DISPATCHER, Role.LEADER):
                raise SupervisionError("supervision.sign_off_role")
            order.status = "signed_off"
            order.signed_off_at = now
            case = session.get(Case, order.case_id)
            assert case is not None
            add_case_event(
                session, case, actor, "supervision_signed_off", now, case.status, case.level, comment=""
            )
            record_change(session, "case", case.id, "supervision_signed_off", case.town_id, now)
        return order
