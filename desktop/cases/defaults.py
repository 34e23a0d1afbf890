"""Defaults that dialogs take from a case: the department a case was routed to.

A case can involve several departments (``case_departments``); the one a decision about it
most likely goes to is the one the case was routed to for its category (``category_routes``)
when that department is among them, otherwise the first assigned (lowest id, a stable choice).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Case, CaseDepartment, CategoryRoute


def routed_departments(session: Session, case_ids: Iterable[int | None]) -> dict[int, int]:
    """case id -> the department an action item about it defaults to (cases with none: absent)."""
    ids = sorted({int(i) for i in case_ids if i is not None})
    if not ids:
        return {}
    assigned: dict[int, list[int]] = {}
    for case_id, department_id in session.execute(
        select(CaseDepartment.case_id, CaseDepartment.department_id)
        .where(CaseDepartment.case_id.in_(ids))
        .order_by(CaseDepartment.case_id, CaseDepartment.department_id)
    ):
        assigned.setdefault(int(case_id), []).append(int(department_id))
    routes = dict(
        session.execute(
            select(Case.id, CategoryRoute.department_id)
            .join(CategoryRoute, CategoryRoute.category == Case.category)
            .where(Case.id.in_(list(assigned)))
        ).all()
    )
    out: dict[int, int] = {}
    for case_id, departments in assigned.items():
        route = routes.get(case_id)
        out[case_id] = int(route) if route in departments else departments[0]
    return out
