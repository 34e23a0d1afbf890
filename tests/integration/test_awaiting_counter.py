"""The queue's "awaiting department" counter (待部门办理) counts exactly the rows the queue's
awaiting-department filter shows, for each role's scope, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select, text

from db.models import ActionItem, Case, CaseDepartment, Department, Meeting
from db.session import make_sessionmaker
from db.vocab import OPEN_STATUSES, Role
from desktop.cases import queue
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, SortKey, fetch_page

NOW = dt.datetime.now(dt.UTC)
OPEN_LIST = sorted(str(s) for s in OPEN_STATUSES)


def _prepare(engine: Engine) -> tuple[int, int, int]:
    """Work waiting on two departments, as action items and as assignments, on open and closed
    cases, with finished and unsent items beside it: rows each arm of the definition must count
    and rows it must not. Returns the two departments and the town of the first case."""
    with make_sessionmaker(engine).begin() as s:
        dept_a, dept_b = s.scalars(select(Department.id).order_by(Department.id).limit(2)).all()
        # Cases the demo's meetings gave no action items, so that ours alone decide them.
        untouched = ~select(ActionItem.id).where(ActionItem.case_id == Case.id).exists()
        open_cases = s.scalars(
            select(Case).where(Case.status.in_(OPEN_LIST), untouched).order_by(Case.id).limit(8)
        ).all()
        closed_ids = s.scalars(
            select(Case.id).where(Case.status == "closed", untouched).order_by(Case.id).limit(2)
        ).all()
        assert len(open_cases) == 8 and len(closed_ids) == 2
        ids = [c.id for c in open_cases]
        meeting = Meeting(
            title="协调会", starts_at=NOW, duration_min=60, status="held", created_at=NOW, updated_at=NOW
        )
        s.add(meeting)
        s.flush()
        for case_id, dept, status in [
            (ids[0], dept_a, "awaiting_department"),
            (ids[1], dept_b, "awaiting_department"),
            (ids[2], dept_a, "done"),  # finished: waits for no one
            (ids[3], dept_a, "draft"),  # minutes not approved: not sent yet
            (closed_ids[0], dept_a, "awaiting_department"),  # a closed case waits for no one
        ]:
            s.add(
                ActionItem(
                    meeting_id=meeting.id,
                    case_id=case_id,
                    what="核实并答复",
                    department_id=dept,
                    due_at=NOW,
                    status=status,
                    created_at=NOW,
                )
            )
        s.execute(delete(CaseDepartment).where(CaseDepartment.case_id.in_([*ids, *closed_ids])))
        for case_id, dept in [(ids[4], dept_a), (ids[5], dept_b), (ids[0], dept_b), (closed_ids[1], dept_a)]:
            s.add(CaseDepartment(case_id=case_id, department_id=dept))
        town = open_cases[0].town_id
    return dept_a, dept_b, town


def _filter_rows(engine: Engine, actor: Actor) -> list[int]:
    """Every row of the queue's awaiting-department filter as the pane builds it for ``actor``."""
    flt = QueueFilter(awaiting_department=True, department_id=queue.own_department(actor), sort=SortKey.DUE)
    ids: list[int] = []
    after = None
    with make_sessionmaker(engine)() as s:
        while True:
            page = fetch_page(s, actor, flt, after=after, limit=97, now=NOW)
            ids += [r.id for r in page]
            if len(page) < 97:
                return ids
            after = page[-1]


def _counter(engine: Engine, actor: Actor) -> int:
    with make_sessionmaker(engine)() as s:
        return queue.counters(s, actor, NOW)["awaiting_department"]


def _actors(dept_a: int, dept_b: int, town: int) -> list[Actor]:
    return [
        Actor(user_id=None, role=Role.DISPATCHER),
        Actor(user_id=None, role=Role.LEADER),
        Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town),
        Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=dept_a),
        Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=dept_b),
    ]


def test_counter_equals_the_filters_rows_for_every_scope(demo_engine: Engine) -> None:
    dept_a, dept_b, town = _prepare(demo_engine)
    for actor in _actors(dept_a, dept_b, town):
        rows = _filter_rows(demo_engine, actor)
        assert len(rows) == len(set(rows))
        assert _counter(demo_engine, actor) == len(rows), actor
    # Not a count of nothing: the city sees the work we made, a department only its own.
    with demo_engine.connect() as conn:
        every = conn.execute(
            text(
                "SELECT count(*) FROM cases c WHERE c.status IN ({}) AND ("
                " EXISTS (SELECT 1 FROM action_items a WHERE a.case_id = c.id"
                "  AND a.status = 'awaiting_department')"
                " OR EXISTS (SELECT 1 FROM case_departments d WHERE d.case_id = c.id))".format(
                    ", ".join(f"'{s}'" for s in OPEN_LIST)
                )
            )
        ).scalar_one()
    dispatcher, *_rest, staff_a, _staff_b = _actors(dept_a, dept_b, town)
    assert _counter(demo_engine, dispatcher) == every >= 4  # our four, and any of the demo's
    assert 0 < _counter(demo_engine, staff_a) < every


@pytest.mark.parametrize("status", ["done", "cancelled"])
def test_counter_follows_the_work_as_it_is_finished(demo_engine: Engine, status: str) -> None:
    dept_a, dept_b, town = _prepare(demo_engine)
    dispatcher = Actor(user_id=None, role=Role.DISPATCHER)
    before = _counter(demo_engine, dispatcher)
    with make_sessionmaker(demo_engine).begin() as s:
        # The item whose case has no assignment: finishing it takes the case off the count.
        item: Any = s.scalars(
            select(ActionItem)
            .where(
                ActionItem.status == "awaiting_department",
                ActionItem.department_id == dept_b,
                ~select(CaseDepartment.case_id).where(CaseDepartment.case_id == ActionItem.case_id).exists(),
            )
            .order_by(ActionItem.id.desc())
            .limit(1)
        ).one()
        item.status = status
    assert _counter(demo_engine, dispatcher) == before - 1 == len(_filter_rows(demo_engine, dispatcher))
    for actor in _actors(dept_a, dept_b, town):
        assert _counter(demo_engine, actor) == len(_filter_rows(demo_engine, actor)), actor
