"""The one definition of "overdue" (超期) and "due soon" (临期) the whole desk uses.

The queue's counter and filter, the alerts strip, the queue's SLA column and the map's markers
all ask here, so a case is never overdue in one place and on time in another:

* the SLA clock runs only while the case waits on the current level: reported, escalated,
  accepted or in progress (``CLOCK_STATUSES``); a resolved case keeps its last deadline but waits
  for the return visit, and closed ones are done;
* **overdue**: the clock runs and the deadline has passed (``sla_due_at < now``);
* **due soon**: the clock runs, the warning time has come and the deadline has not passed
  (``sla_warn_at <= now <= sla_due_at``).

The SQL clauses and the Python test below say the same thing, boundaries included.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ColumnElement, and_, literal

from db.models import Case
from db.vocab import Status
from desktop.cases.sla import SlaState

CLOCK_STATUSES: frozenset[Status] = frozenset(
    {Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS}
)


def clock_runs_clause() -> ColumnElement[bool]:
    # Literal values (as desktop.cases.queue._status_in): the planners see constants.
    return Case.status.in_([literal(s, literal_execute=True) for s in sorted(str(v) for v in CLOCK_STATUSES)])


def overdue_clause(now: dt.datetime) -> ColumnElement[bool]:
    """Cases that are overdue at ``now``."""
    return and_(clock_runs_clause(), Case.sla_due_at < now)


def due_soon_clause(now: dt.datetime) -> ColumnElement[bool]:
    """Cases that are due soon (warned, not yet overdue) at ``now``."""
    return and_(clock_runs_clause(), Case.sla_warn_at <= now, Case.sla_due_at >= now)


def clock_runs(status: str) -> bool:
    return str(status) in {str(s) for s in CLOCK_STATUSES}


def sla_state(status: str, warn_at: dt.datetime | None, due_at: dt.datetime | None, now: dt.datetime) -> str:
    """``"breached"`` (overdue), ``"warning"`` (due soon), ``"ok"``, or ``""`` when no clock runs."""
    if not clock_runs(status) or due_at is None:
        return ""
    if due_at < now:
        return str(SlaState.BREACHED)
    if warn_at is not None and warn_at <= now:
        return str(SlaState.WARNING)
    return str(SlaState.OK)
