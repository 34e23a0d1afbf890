"""What the alerts strip shows, in scope: SLA warnings and breaches, supervision deadlines and late
action items of cases; and from the field, missed screening rounds (desktop.screening) and grid
workers out of their grid or not moving (desktop.live.tracks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import ActionItem, Case, SupervisionOrder
from desktop.cases.deadlines import due_soon_clause, overdue_clause
from desktop.cases.ladder import Actor
from desktop.cases.queue import scope_clause
from desktop.clock import CHINA_TZ
from desktop.live.tracks import TrackAlert, tracking_alerts
from desktop.screening import ScreeningAlert, missed_round_alerts, today_local

# Alerts about the field rather than a case: no case to open (case_id 0).
SCREENING_KINDS = frozenset({"round_missed", "focus_due"})
TRACKING_KINDS = frozenset({"out_of_grid", "no_movement"})
FIELD_KINDS = SCREENING_KINDS | TRACKING_KINDS


@dataclass(frozen=True)
class Alert:
    # "breach" | "warning" | "supervision" | "supervision_overdue" | "escalation" | "action_item"
    # and from the field: "round_missed" | "focus_due" | "out_of_grid" | "no_movement"
    kind: str
    case_id: int  # 0 for the field's alerts
    number: str
    title: str
    at: dt.datetime  # the deadline concerned, or when it happened
    # Supervision orders: hours before the deadline of the last reminder reached (the smaller, the
    # more urgent; 0 overdue and escalated to the issuer), None before the first reminder.
    stage: int | None = None
    issuer: str = ""
    # The field's alerts: the worker concerned (tracking) and what desktop.screening or
    # desktop.live.tracks said, for the strip to word it.
    worker_id: int | None = None
    detail: ScreeningAlert | TrackAlert | None = None
    ref: str = ""  # tells apart field alerts of one kind and moment (a town, a worker)

    @property
    def key(self) -> tuple[str, int, dt.datetime, str]:
        return (self.kind, self.case_id, self.at, self.ref)


def current_alerts(session: Session, actor: Actor, now: dt.datetime, limit: int = 100) -> list[Alert]:
    """Breached and warning SLAs of open cases (overdue and due soon as desktop.cases.deadlines defines
    them, as the queue's counter counts them), supervision orders reminded, due within a day or
    overdue, and overdue action items of meetings — in the actor's scope."""
    scope = scope_clause(actor)
    base = [scope] if scope is not None else []
    alerts: list[Alert] = []
    breached = session.execute(
        select(Case.id, Case.number, Case.title, Case.sla_due_at)
        .where(*base, overdue_clause(now))
        .order_by(Case.sla_due_at.desc())
        .limit(limit)
    ).all()
    alerts += [Alert("breach", r.id, r.number, r.title, r.sla_due_at) for r in breached]
    warning = session.execute(
        select(Case.id, Case.number, Case.title, Case.sla_due_at)
        .where(*base, due_soon_clause(now))
        .order_by(Case.sla_due_at)
        .limit(limit)
    ).all()
    alerts += [Alert("warning", r.id, r.number, r.title, r.sla_due_at) for r in warning]
    # Open supervision orders that reached a reminder (the sweep records them, see
    # desktop.meetings.supervision.sweep_reminders) or are due within a day; past the deadline they are
    # escalated to the issuer.
    orders = session.execute(
        select(
            Case.id,
            Case.number,
            Case.title,
            SupervisionOrder.deadline,
            SupervisionOrder.last_reminder_hours,
            SupervisionOrder.issuer_name,
        )
        .join(Case, Case.id == SupervisionOrder.case_id)
        .where(
            *base,
            SupervisionOrder.status == "open",
            or_(
                SupervisionOrder.last_reminder_hours.is_not(None),
                SupervisionOrder.deadline < now + dt.timedelta(days=1),
            ),
        )
        .order_by(SupervisionOrder.deadline)
        .limit(limit)
    ).all()
    alerts += [
        Alert(
            "supervision_overdue" if r.deadline < now else "supervision",
            r.id,
            r.number,
            r.title,
            r.deadline,
            r.last_reminder_hours,
            r.issuer_name,
        )
        for r in orders
    ]
    # Decisions of coordination meetings that a department has let run late.
    late_items = session.execute(
        select(Case.id, Case.number, ActionItem.what, ActionItem.due_at)
        .join(Case, Case.id == ActionItem.case_id)
        .where(*base, ActionItem.status == "awaiting_department", ActionItem.due_at < now)
        .order_by(ActionItem.due_at)
        .limit(limit)
    ).all()
    alerts += [Alert("action_item", r.id, r.number, r.what, r.due_at) for r in late_items]
    return alerts


def round_alerts(session: Session, actor: Actor, now: dt.datetime) -> list[Alert]:
    """Missed screening rounds and the focused rounds a sensitive period requires, for the roles
    that screen, as the screening board shows them. They change once a day or when a round is
    recorded; the strip reads them less often than the rest."""
    alerts: list[Alert] = []
    for r in missed_round_alerts(session, actor, today_local(now)):
        # The moment concerned: the end of the slot that was missed (or is running), China time.
        at = dt.datetime.combine(r.end, dt.time(23, 59), CHINA_TZ).astimezone(dt.UTC)
        kind = "focus_due" if r.kind == "focus_due" else "round_missed"
        ref = f"{r.level}:{r.town_id or 0}:{r.start.isoformat()}"
        alerts.append(Alert(kind, 0, "", r.town, at, detail=r, ref=ref))
    return alerts


def worker_alerts(session: Session, actor: Actor, now: dt.datetime) -> list[Alert]:
    """Grid workers out of their own grid or not moving in working hours (desktop.live.tracks)."""
    return [
        Alert(t.kind, 0, "", t.worker, t.since, worker_id=t.worker_id, detail=t, ref=f"w{t.worker_id}")
        for t in tracking_alerts(session, actor, now)
    ]


def field_alerts(session: Session, actor: Actor, now: dt.datetime) -> list[Alert]:
    """The field's alerts in the actor's scope: missed rounds, then workers."""
    return round_alerts(session, actor, now) + worker_alerts(session, actor, now)
