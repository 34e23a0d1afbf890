"""研判简报: the figures of a weekly or half-monthly briefing, gathered for the PDF and XLSX writers.

``collect`` runs the analysis queries (desktop.analysis) and a few headline counts for one period
and the period before it (for the 环比 comparison), reporting progress and stopping when cancelled
(desktop.progress). It returns data only; the writers (ui.briefing) word and draw it in the
user's language. ``briefing_period`` gives the standard periods: the last whole week (Monday to
Sunday) or the last whole half month (1st–15th, 16th–end), in China's local calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CaseEvent, SupervisionOrder, Town
from db.vocab import OPEN_STATUSES, Action, Role
from desktop import analysis
from desktop.cases.ladder import Actor
from desktop.cases.queue import scope_clause
from desktop.clock import CHINA_TZ
from desktop.errors import Refusal
from desktop.progress import Progress

PeriodKind = Literal["week", "half_month"]
MAX_DAYS = 366


class BriefingError(Refusal):
    """A period a briefing cannot cover (a code and its facts; ui/refusals words it)."""


@dataclass(frozen=True)
class Headline:
    """The counts a briefing opens with, for one period ``[start, end)``."""

    reported: int  # cases reported in the period
    resolved: int  # cases resolved in the period (resolved_at)
    escalations: int  # escalation events in the period (by people and by the SLA sweep)
    mass_incident: int  # reported in the period with a mass-incident risk
    sensitive_period: int  # reported in the period during a sensitive period
    supervision_orders: int  # supervision orders issued in the period
    open_at_end: int  # cases open at the end of the period (status now, reported before the end)
    overdue_at_end: int  # of those, past their deadline at the end


@dataclass(frozen=True)
class Briefing:
    kind: PeriodKind | None  # None: a custom period
    start: dt.datetime
    end: dt.datetime
    generated_at: dt.datetime
    scope: str  # "" for the whole city, else the town's name
    headline: Headline
    previous: Headline  # the period of the same length just before
    trend_kind: analysis.Trend  # daily buckets are too fine for a month: weeks always
    trend_town: analysis.Trend
    shares: analysis.ResolutionShares
    resolve_time: analysis.TimeToResolve
    funnel: analysis.Funnel
    satisfaction: analysis.Satisfaction
    anomalies: analysis.Anomalies


def briefing_period(kind: PeriodKind, today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The last whole period before ``today`` (local dates), as aware UTC ``[start, end)``."""
    if kind == "week":
        this_monday = today - dt.timedelta(days=today.weekday())
        first, after = this_monday - dt.timedelta(days=7), this_monday
    elif kind == "half_month":
        if today.day > 15:
            first, after = today.replace(day=1), today.replace(day=16)
        else:
            last_month_end = today.replace(day=1) - dt.timedelta(days=1)
            first, after = last_month_end.replace(day=16), today.replace(day=1)
    else:
        raise BriefingError("briefing.unknown_period", period=kind)
    return local_day_start(first), local_day_start(after)


def local_day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), CHINA_TZ).astimezone(dt.UTC)


def check_period(start: dt.datetime, end: dt.datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise BriefingError("briefing.naive_period")
    if end <= start:
        raise BriefingError("briefing.end_before_start")
    if end - start > dt.timedelta(days=MAX_DAYS):
        raise BriefingError("briefing.period_too_long", limit=MAX_DAYS)


def _count(session: Session, actor: Actor, *where: object) -> int:
    clauses = [w for w in where if w is not None]
    scope = scope_clause(actor)
    if scope is not None:
        clauses.append(scope)
    return int(session.execute(select(func.count()).select_from(Case).where(*clauses)).scalar_one())  # type: ignore[arg-type]


def headline(session: Session, actor: Actor, start: dt.datetime, end: dt.datetime) -> Headline:
    """The opening counts of a briefing for ``[start, end)``, in the actor's scope."""
    in_period = and_(Case.reported_at >= start, Case.reported_at < end)
    scope = scope_clause(actor)
    escalations = select(func.count()).select_from(CaseEvent).join(Case, Case.id == CaseEvent.case_id)
    escalations = escalations.where(
        CaseEvent.action == str(Action.ESCALATE), CaseEvent.at >= start, CaseEvent.at < end
    )
    orders = (
        select(func.count()).select_from(SupervisionOrder).join(Case, Case.id == SupervisionOrder.case_id)
    )
    orders = orders.where(SupervisionOrder.issued_at >= start, SupervisionOrder.issued_at < end)
    if scope is not None:
        escalations, orders = escalations.where(scope), orders.where(scope)
    open_statuses = [str(s) for s in OPEN_STATUSES]
    # "Open at the end" from today's status: a case resolved after the end counts as resolved.
    # Close enough for a briefing written a day or two after its period, and said so in its notes.
    open_at_end = and_(Case.reported_at < end, Case.status.in_(open_statuses))
    return Headline(
        reported=_count(session, actor, in_period),
        resolved=_count(session, actor, Case.resolved_at >= start, Case.resolved_at < end),
        escalations=int(session.execute(escalations).scalar_one()),
        mass_incident=_count(session, actor, in_period, Case.mass_incident.is_(True)),
        sensitive_period=_count(session, actor, in_period, Case.sensitive_period.is_(True)),
        supervision_orders=int(session.execute(orders).scalar_one()),
        open_at_end=_count(session, actor, open_at_end),
        overdue_at_end=_count(session, actor, open_at_end, Case.sla_due_at < end),
    )


def _scope_name(session: Session, actor: Actor) -> str:
    if actor.role == Role.TOWN_STAFF and actor.town_id is not None:
        return str(session.get(Town, actor.town_id).name)  # type: ignore[union-attr]
    return ""


def collect(
    sessions: sessionmaker[Session],
    actor: Actor,
    start: dt.datetime,
    end: dt.datetime,
    *,
    kind: PeriodKind | None = None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Every figure of the briefing for ``[start, end)``; raises desktop.progress.Cancelled when
    cancelled and :class:`BriefingError` for a period it cannot cover."""
    check_period(start, end)
    progress = progress or Progress()
    now = now or dt.datetime.now(dt.UTC)
    length = end - start
    steps = 9
    with sessions() as s:
        progress.step(0, steps, "headline")
        head = headline(s, actor, start, end)
        progress.step(1, steps, "previous")
        previous = headline(s, actor, start - length, start)
        progress.step(2, steps, "trend")
        trend_kind = analysis.trend(s, actor, start, end, "week", "kind")
        progress.step(3, steps, "trend")
        trend_town = analysis.trend(s, actor, start, end, "week", "town")
        progress.step(4, steps, "shares")
        shares = analysis.resolution_shares(s, actor, start, end, "town")
        progress.step(5, steps, "resolve_time")
        resolve_time = analysis.time_to_resolve(s, actor, start, end)
        progress.step(6, steps, "funnel")
        funnel = analysis.escalation_funnel(s, actor, start, end)
        progress.step(7, steps, "satisfaction")
        satisfaction = analysis.satisfaction(s, actor, start, end)
        progress.step(8, steps, "anomalies")
        found = analysis.anomalies(s, actor, end)
        progress.step(9, steps, "")
        scope = _scope_name(s, actor)
    return Briefing(
        kind=kind,
        start=start,
        end=end,
        generated_at=now,
        scope=scope,
        headline=head,
        previous=previous,
        trend_kind=trend_kind,
        trend_town=trend_town,
        shares=shares,
        resolve_time=resolve_time,
        funnel=funnel,
        satisfaction=satisfaction,
        anomalies=found,
    )


__all__ = [
    "Briefing",
    "BriefingError",
    "Headline",
    "PeriodKind",
    "briefing_period",
    "check_period",
    "collect",
    "headline",
    "local_day_start",
]
