"""The responsibility trace of a case (责任倒查): who held it at which level and for how long, which
level deadlines were missed and by how much, which supervision orders were answered late or not
at all — read from the audit trail (case_events), the supervision orders and the SLA rules.

A *stint* is the time a case spent at one level: from its report (or the escalation that brought
it there) until it left (the next escalation) or its clock stopped (resolved, closed, rejected …;
a reopened case's clock runs on). Its deadline is the SLA of that level and severity counted in
working days from the stint's start (desktop.cases.sla), as the ladder set it; the current stint uses
the deadline stored on the case.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Case, CaseEvent, Department, SupervisionOrder, Town, Village
from db.vocab import Level, Role, Severity, Status
from desktop.cases.ladder import Actor
from desktop.cases.queue import scope_clause
from desktop.cases.service import SLA_CLOCK_STATUSES
from desktop.cases.sla import SlaPolicy, WorkCalendar
from desktop.clock import to_local
from desktop.errors import Refusal

CLOCK_STATUSES = frozenset(str(s) for s in SLA_CLOCK_STATUSES)


class TraceNotVisible(Refusal, LookupError):
    """The case does not exist or lies outside what this user may see."""


@dataclass(frozen=True)
class TraceEvent:
    at: dt.datetime
    actor: str
    role: str
    action: str
    to_status: str | None
    from_level: int | None
    to_level: int | None
    reason: str = ""


@dataclass(frozen=True)
class TraceOrder:
    id: int
    issuer: str
    unit: str
    instruction: str
    issued_at: dt.datetime
    deadline: dt.datetime
    responded_at: dt.datetime | None
    status: str


@dataclass(frozen=True)
class Stint:
    level: int
    unit: str  # the village or the town that held the case; "" for the city centre
    handlers: tuple[str, ...]  # who acted on it at that level (system steps left out)
    start: dt.datetime
    end: dt.datetime | None  # None: still there and the clock runs
    ended_by: str  # "escalate" | "sla_escalate" | the status that stopped the clock | "open"
    deadline: dt.datetime
    hours: float  # held for, until end (or now)
    overdue_hours: float  # past the deadline at end (or now); 0 when met

    @property
    def missed(self) -> bool:
        return self.overdue_hours > 0


@dataclass(frozen=True)
class OrderTrace:
    order: TraceOrder
    late_hours: float  # answered (or, unanswered, now) this long after the deadline; 0 when in time
    answered: bool

    @property
    def missed(self) -> bool:
        return self.late_hours > 0


@dataclass(frozen=True)
class Trace:
    case_id: int
    number: str
    title: str
    town: str
    village: str
    severity: int
    status: str
    reported_at: dt.datetime
    now: dt.datetime
    stints: tuple[Stint, ...]
    orders: tuple[OrderTrace, ...]
    events: tuple[TraceEvent, ...]

    @property
    def missed_deadlines(self) -> tuple[Stint, ...]:
        return tuple(s for s in self.stints if s.missed)

    @property
    def missed_orders(self) -> tuple[OrderTrace, ...]:
        return tuple(o for o in self.orders if o.missed)

    @property
    def sla_escalations(self) -> int:
        return sum(1 for s in self.stints if s.ended_by == "sla_escalate")


def _hours(delta: dt.timedelta) -> float:
    return round(delta.total_seconds() / 3600, 1)


def build_trace(
    *,
    case_id: int,
    number: str,
    title: str,
    town: str,
    village: str,
    severity: int,
    status: str,
    reported_at: dt.datetime,
    level_now: int,
    due_now: dt.datetime | None,
    events: Sequence[TraceEvent],
    orders: Sequence[TraceOrder],
    now: dt.datetime,
    policy: SlaPolicy | None = None,
) -> Trace:
    """The trace from plain values (no database): see the module docstring."""
    policy = policy or SlaPolicy(WorkCalendar())
    events = sorted(events, key=lambda e: e.at)
    escalations = [e for e in events if e.action == "escalate" and e.to_level is not None]
    first_level = escalations[0].from_level if escalations and escalations[0].from_level else level_now
    for e in events:
        if e.action == "report" and e.to_level is not None:
            first_level = e.to_level
            break
    bounds: list[tuple[int, dt.datetime]] = [(int(first_level or Level.VILLAGE), reported_at)]
    for e in escalations:
        bounds.append((int(e.to_level or 0), e.at))
    stints: list[Stint] = []
    for n, (level, start) in enumerate(bounds):
        leaving = escalations[n] if n < len(escalations) else None
        stop = leaving.at if leaving is not None else None
        inside = [e for e in events if e.at >= start and (stop is None or e.at < stop)]
        if leaving is not None:
            end: dt.datetime | None = leaving.at
            ended_by = "sla_escalate" if leaving.role == Role.SYSTEM else "escalate"
        else:
            # The clock stopped at the last move into a status without a clock, if the case is
            # still in one; a reopened case's clock ran on.
            end, ended_by = None, "open"
            if status not in CLOCK_STATUSES:
                for e in inside:
                    if e.to_status is not None and e.to_status not in CLOCK_STATUSES:
                        end, ended_by = e.at, e.to_status
                        break
                else:
                    end, ended_by = (inside[-1].at if inside else start), status
        if leaving is None and due_now is not None and status in CLOCK_STATUSES:
            deadline = due_now
        else:
            local = to_local(start)
            deadline = policy.due(Level(level), Severity(severity), local).astimezone(dt.UTC)
        until = end or now
        handlers = tuple(
            dict.fromkeys(e.actor for e in inside if e.role not in (Role.SYSTEM, Role.WORKER) and e.actor)
        )
        stints.append(
            Stint(
                level,
                "",
                handlers,
                start,
                end,
                ended_by,
                deadline,
                _hours(until - start),
                max(0.0, _hours(until - deadline)),
            )
        )
    traced_orders = tuple(
        OrderTrace(
            o,
            max(0.0, _hours((o.responded_at or now) - o.deadline)),
            o.responded_at is not None,
        )
        for o in sorted(orders, key=lambda o: o.issued_at)
    )
    return Trace(
        case_id,
        number,
        title,
        town,
        village,
        severity,
        status,
        reported_at,
        now,
        tuple(stints),
        traced_orders,
        tuple(events),
    )


def _with_units(trace: Trace, town: str, village: str) -> Trace:
    from dataclasses import replace

    # The city's unit has no name in the records: "" here, and the user interface names it.
    names = {int(Level.VILLAGE): village, int(Level.TOWN): town, int(Level.CITY): ""}
    return replace(trace, stints=tuple(replace(s, unit=names.get(s.level, "")) for s in trace.stints))


def load_trace(
    session: Session, actor: Actor, case_id: int, now: dt.datetime, policy: SlaPolicy | None = None
) -> Trace:
    """The trace of a case the actor may see; raises TraceNotVisible otherwise."""
    query = select(Case).where(Case.id == case_id)
    scope = scope_clause(actor)
    if scope is not None:
        query = query.where(scope)
    case = session.scalars(query).one_or_none()
    if case is None:
        raise TraceNotVisible("trace.not_visible", case_id=case_id)
    town = session.get(Town, case.town_id)
    village = session.get(Village, case.village_id)
    events = [
        TraceEvent(
            e.at, e.actor_name, e.actor_role, e.action, e.to_status, e.from_level, e.to_level, e.reason
        )
        for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id))
    ]
    dept_names = {int(r.id): str(r.name) for r in session.execute(select(Department.id, Department.name))}
    town_names = {int(r.id): str(r.name) for r in session.execute(select(Town.id, Town.name))}
    orders = [
        TraceOrder(
            o.id,
            o.issuer_name,
            dept_names.get(o.unit_department_id or -1) or town_names.get(o.unit_town_id or -1, ""),
            o.instruction,
            o.issued_at,
            o.deadline,
            o.responded_at,
            o.status,
        )
        for o in session.scalars(
            select(SupervisionOrder).where(SupervisionOrder.case_id == case.id).order_by(SupervisionOrder.id)
        )
    ]
    trace = build_trace(
        case_id=case.id,
        number=case.number,
        title=case.title,
        town=town.name if town else "",
        village=village.name if village else "",
        severity=case.severity,
        status=case.status,
        reported_at=case.reported_at,
        level_now=case.level,
        due_now=case.sla_due_at if Status(case.status) in SLA_CLOCK_STATUSES else None,
        events=events,
        orders=orders,
        now=now,
        policy=policy,
    )
    return _with_units(trace, trace.town, trace.village)
