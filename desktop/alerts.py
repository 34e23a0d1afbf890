"""What the alerts strip shows: SLA warnings and breaches and supervision deadlines, in scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import ActionItem, Case, SupervisionOrder
from desktop.deadlines import due_soon_clause, overdue_clause
from desktop.ladder import Actor
from desktop.queue import scope_clause


@dataclass(frozen=True)
class Alert:
    # "breach" | "warning" | "supervision" | "supervision_overdue" | "escalation" | "action_item"
    kind: str
    case_id: int
    number: str
    title: str
    at: dt.datetime  # the deadline concerned, or when it happened
    # Supervision orders: hours before the deadline of the last reminder reached (the smaller, the
    # more urgent; 0 overdue and escalated to the issuer), None before the first reminder.
    stage: int | None = None
    issuer: str = ""

    @property
    def key(self) -> tuple[str, int, dt.datetime]:
        return (self.kind, self.case_id, self.at)


def current_alerts(session: Session, actor: Actor, now: dt.datetime, limit: int = 100) -> list[Alert]:
    """Breached and warning SLAs of open cases (overdue and due soon as desktop.deadlines defines
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
    # desktop.supervision.sweep_reminders) or are due within a day; past the deadline they are
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
