"""Counts and the measures the seed cares about (小事不出村、大事不出镇), as plain queries."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import (
    Brigade,
    Case,
    Department,
    Grid,
    LiaisonOfficer,
    Position,
    SentimentLog,
    Squad,
    SupervisionOrder,
    Town,
    User,
    Village,
    Worker,
    WorkerLatest,
)
from db.vocab import Level, Status

RESOLVED = (str(Status.RESOLVED), str(Status.VERIFIED), str(Status.CLOSED))
LEVEL_NAMES = {int(level): level.name.lower() for level in Level}


def _count(session: Session, entity: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(entity).where(*where)) or 0)


def collect(session: Session) -> dict[str, Any]:
    cases_by_status = {
        str(s): int(n)
        for s, n in session.execute(select(Case.status, func.count()).group_by(Case.status)).all()
    }
    cases_by_level = {
        LEVEL_NAMES[int(lv)]: int(n)
        for lv, n in session.execute(select(Case.level, func.count()).group_by(Case.level)).all()
    }
    users_by_role = {
        str(r): int(n) for r, n in session.execute(select(User.role, func.count()).group_by(User.role)).all()
    }
    total_cases = sum(cases_by_status.values())
    resolved = sum(cases_by_status.get(s, 0) for s in RESOLVED)
    resolved_by_level = {
        LEVEL_NAMES[int(lv or 0)]: int(n)
        for lv, n in session.execute(
            select(Case.resolved_level, func.count())
            .where(Case.status.in_(RESOLVED), Case.resolved_level.is_not(None))
            .group_by(Case.resolved_level)
        ).all()
    }
    village = resolved_by_level.get("village", 0)
    town = resolved_by_level.get("town", 0)
    return {
        "towns": _count(session, Town),
        "villages": _count(session, Village),
        "grids": _count(session, Grid),
        "brigades": _count(session, Brigade),
        "squads": _count(session, Squad),
        "workers": _count(session, Worker),
        "liaison_officers": _count(session, LiaisonOfficer, LiaisonOfficer.kind == "liaison"),
        "volunteers": _count(session, LiaisonOfficer, LiaisonOfficer.kind == "volunteer"),
        "departments": _count(session, Department),
        "users": users_by_role,
        "sentiment_logs": _count(session, SentimentLog),
        "cases": total_cases,
        "cases_by_status": cases_by_status,
        "cases_by_level": cases_by_level,
        "positions": _count(session, Position),
        "workers_with_position": _count(session, WorkerLatest),
        "open_supervision_orders": _count(session, SupervisionOrder, SupervisionOrder.status != "signed_off"),
        "measures": {
            "resolution_rate": round(resolved / total_cases, 4) if total_cases else None,
            "resolved_in_village_share": round(village / resolved, 4) if resolved else None,
            "resolved_within_town_share": round((village + town) / resolved, 4) if resolved else None,
            "resolved_by_level": resolved_by_level,
            "mean_days_to_resolve_by_level": _mean_days_to_resolve(session),
        },
    }


def _mean_days_to_resolve(session: Session) -> dict[str, float]:
    # Done in Python over two columns: interval arithmetic differs between the engines.
    sums: dict[int, float] = {}
    counts: dict[int, int] = {}
    for lv, reported, resolved_at in session.execute(
        select(Case.resolved_level, Case.reported_at, Case.resolved_at).where(
            Case.resolved_at.is_not(None), Case.resolved_level.is_not(None)
        )
    ).yield_per(10000):
        if lv is None or resolved_at is None:  # excluded by the query; narrows the types
            continue
        sums[lv] = sums.get(lv, 0.0) + (resolved_at - reported).total_seconds() / 86400
        counts[lv] = counts.get(lv, 0) + 1
    return {LEVEL_NAMES[int(lv)]: round(sums[lv] / counts[lv], 2) for lv in sorted(sums)}
