"""The queue's filters and sorting give exactly the rows (and order) of plain hand-written SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select, text, update

from db.models import OPEN_CASES_SQL, ActionItem, Case, CaseDepartment, Department, Meeting
from db.session import make_sessionmaker
from db.vocab import OPEN_STATUSES, Kind, Level, Role, Severity, Status
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, SortKey, fetch_page

NOW = dt.datetime.now(dt.UTC)
NAIVE_NOW = NOW.replace(tzinfo=None)  # timestamps are stored as naive UTC (db.models.UtcDateTime)
DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
OPEN = "('reported','escalated','accepted','in_progress','resolved')"
OPEN_LIST = sorted(str(s) for s in OPEN_STATUSES)


def _all_pages(engine: Engine, actor: Actor, flt: QueueFilter) -> list[int]:
    ids: list[int] = []
    after = None
    with make_sessionmaker(engine)() as s:
        while True:
            page = fetch_page(s, actor, flt, after=after, limit=97, now=NOW)
            ids += [r.id for r in page]
            if len(page) < 97:
                return ids
            after = page[-1]


def _sql(engine: Engine, where: str, params: dict[str, Any] | None = None, order: str = "c.id") -> list[int]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                text(f"SELECT c.id FROM cases c WHERE {where} ORDER BY {order}"),
                params or {},
            ).scalars()
        )


def _town(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(
            conn.execute(text("SELECT town_id FROM cases GROUP BY town_id ORDER BY count(*) DESC")).first()[0]
        )


CASES = [
    ("status", QueueFilter(statuses=frozenset({Status.CLOSED})), "c.status = 'closed'"),
    ("open", QueueFilter(open_only=True), f"c.status IN {OPEN}"),
    ("level", QueueFilter(levels=frozenset({Level.TOWN})), "c.level = 2"),
    ("kind", QueueFilter(kinds=frozenset({Kind.HAZARD})), "c.kind = 'hazard'"),
    ("severity", QueueFilter(min_severity=Severity.MAJOR), "c.severity >= 2"),
    ("overdue", QueueFilter(overdue=True), f"c.status IN {OPEN} AND c.sla_due_at < :naive"),
    (
        "supervised",
        QueueFilter(supervised=True),
        "EXISTS (SELECT 1 FROM supervision_orders o WHERE o.case_id = c.id AND o.status <> 'signed_off')",
    ),
]


@pytest.mark.parametrize(("name", "flt", "where"), CASES, ids=[c[0] for c in CASES])
def test_filter_matches_plain_sql(demo_engine: Engine, name: str, flt: QueueFilter, where: str) -> None:
    got = sorted(_all_pages(demo_engine, DISPATCHER, flt))
    expected = _sql(demo_engine, where, {"naive": NAIVE_NOW})
    assert got == expected
    assert name == "overdue" or expected, f"the demo should have rows for {name}"


def test_town_filter_and_town_staff_scope_match_plain_sql(demo_engine: Engine) -> None:
    town = _town(demo_engine)
    expected = _sql(demo_engine, "c.town_id = :t", {"t": town})
    assert sorted(_all_pages(demo_engine, DISPATCHER, QueueFilter(town_ids=frozenset({town})))) == expected
    staff = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town)
    assert sorted(_all_pages(demo_engine, staff, QueueFilter())) == expected


@pytest.mark.parametrize(
    ("key", "order"),
    [
        (SortKey.UPDATED, "c.updated_at DESC, c.id DESC"),
        (SortKey.SEVERITY, "c.severity DESC, c.id DESC"),
        (SortKey.NUMBER, "c.id DESC"),
        (SortKey.DUE, "CASE WHEN c.sla_due_at IS NULL THEN 1 ELSE 0 END, c.sla_due_at, c.id"),
    ],
)
def test_sort_order_matches_plain_sql(demo_engine: Engine, key: SortKey, order: str) -> None:
    assert _all_pages(demo_engine, DISPATCHER, QueueFilter(sort=key)) == _sql(
        demo_engine, "1 = 1", order=order
    )


def _awaiting_fixture(engine: Engine) -> tuple[int, int]:
    """Action items and department assignments on a few cases, open and closed, of two
    departments: each arm of the filter has rows it must show and rows it must not."""
    with make_sessionmaker(engine).begin() as s:
        dept_a, dept_b = s.scalars(select(Department.id).order_by(Department.id).limit(2)).all()
        open_ids = s.scalars(
            select(Case.id).where(Case.status.in_(OPEN_LIST)).order_by(Case.id).limit(12)
        ).all()
        closed_ids = s.scalars(
            select(Case.id).where(Case.status == "closed").order_by(Case.id).limit(4)
        ).all()
        assert len(open_ids) == 12 and len(closed_ids) == 4
        meeting = Meeting(
            title="协调会",
            starts_at=NOW,
            duration_min=60,
            status="held",
            created_at=NOW,
            updated_at=NOW,
        )
        s.add(meeting)
        s.flush()
        items = [
            (open_ids[0], dept_a, "awaiting_department"),
            (open_ids[1], dept_b, "awaiting_department"),
            (open_ids[2], dept_a, "done"),  # finished: not waiting
            (open_ids[3], dept_a, "draft"),  # minutes not approved yet: not sent
            (open_ids[4], dept_a, "cancelled"),
            (closed_ids[0], dept_a, "awaiting_department"),  # a closed case waits for no one
        ]
        for case_id, dept, status in items:
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
        s.execute(delete(CaseDepartment).where(CaseDepartment.case_id.in_(open_ids + closed_ids)))
        for case_id, dept in [
            (open_ids[5], dept_a),
            (open_ids[6], dept_b),
            (open_ids[0], dept_b),
            (closed_ids[1], dept_b),
        ]:
            s.add(CaseDepartment(case_id=case_id, department_id=dept))
    return dept_a, dept_b


AWAITING_SQL = f"""c.status IN {OPEN} AND (
    EXISTS (SELECT 1 FROM action_items a WHERE a.case_id = c.id AND a.status = 'awaiting_department'{{a}})
    OR EXISTS (SELECT 1 FROM case_departments d WHERE d.case_id = c.id{{d}}))"""


@pytest.mark.parametrize("sort", list(SortKey))
def test_awaiting_department_matches_plain_sql(demo_engine: Engine, sort: SortKey) -> None:
    dept_a, dept_b = _awaiting_fixture(demo_engine)
    every = _sql(demo_engine, AWAITING_SQL.format(a="", d=""))
    assert (
        sorted(_all_pages(demo_engine, DISPATCHER, QueueFilter(awaiting_department=True, sort=sort))) == every
    )
    for dept in (dept_a, dept_b):
        one = _sql(
            demo_engine,
            AWAITING_SQL.format(a=" AND a.department_id = :dept", d=" AND d.department_id = :dept"),
            {"dept": dept},
        )
        assert one, "each department should wait on something"
        flt = QueueFilter(awaiting_department=True, department_id=dept, sort=sort)
        assert sorted(_all_pages(demo_engine, DISPATCHER, flt)) == one
        # A department's own staff: their scope (cases assigned to them) and their work.
        staff = Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=dept)
        scoped = _sql(
            demo_engine,
            AWAITING_SQL.format(a=" AND a.department_id = :dept", d=" AND d.department_id = :dept")
            + " AND EXISTS (SELECT 1 FROM case_departments s WHERE s.case_id = c.id AND s.department_id = :dept)",
            {"dept": dept},
        )
        assert sorted(_all_pages(demo_engine, staff, flt)) == scoped


def test_open_case_index_states_the_open_statuses() -> None:
    # The partial index and the queue's open filter must name the same statuses (db.vocab).
    assert "status IN ({})".format(", ".join(f"'{s}'" for s in OPEN_LIST)) == OPEN_CASES_SQL


@pytest.mark.parametrize(
    "flt",
    [
        QueueFilter(open_only=True, sort=SortKey.DUE),
        QueueFilter(overdue=True, sort=SortKey.DUE),
        QueueFilter(statuses=frozenset({Status.CLOSED}), sort=SortKey.DUE),
        QueueFilter(supervised=True, sort=SortKey.DUE),
        QueueFilter(levels=frozenset({Level.TOWN}), open_only=True, sort=SortKey.DUE),
    ],
    ids=["open", "overdue", "closed", "supervised", "town_level_open"],
)
def test_due_order_of_filters_matches_plain_sql(demo_engine: Engine, flt: QueueFilter) -> None:
    # Cases without a deadline last: the undated part of the two-part read comes after.
    with make_sessionmaker(demo_engine).begin() as s:
        some = s.scalars(select(Case.id).where(Case.status.in_(OPEN_LIST)).order_by(Case.id).limit(30)).all()
        s.execute(update(Case).where(Case.id.in_(some[::3])).values(sla_due_at=None, sla_warn_at=None))
    where = [f"c.status IN {OPEN}"] if flt.open_only or flt.overdue else []
    if flt.statuses:
        where = ["c.status = 'closed'"]
    if flt.overdue:
        where.append("c.sla_due_at < :naive")
    if flt.levels:
        where.append("c.level = 2")
    if flt.supervised:
        where.append(CASES[-1][2])
    order = "CASE WHEN c.sla_due_at IS NULL THEN 1 ELSE 0 END, c.sla_due_at, c.id"
    expected = _sql(demo_engine, " AND ".join(where) or "1 = 1", {"naive": NAIVE_NOW}, order=order)
    assert _all_pages(demo_engine, DISPATCHER, flt) == expected
    assert expected
