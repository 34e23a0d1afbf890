"""The queue's filters and sorting give exactly the rows (and order) of plain hand-written SQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, text

from db.session import make_sessionmaker
from db.vocab import Kind, Level, Role, Severity, Status
from desktop.ladder import Actor
from desktop.queue import QueueFilter, SortKey, fetch_page

NOW = dt.datetime.now(dt.UTC)
NAIVE_NOW = NOW.replace(tzinfo=None)  # timestamps are stored as naive UTC (db.models.UtcDateTime)
DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
OPEN = "('reported','escalated','accepted','in_progress','resolved')"


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
