"""``main.py sweep`` reports the supervision reminders it recorded (72/24/4 h, then overdue to the
issuer), once: run as an operator or a cron job runs it, in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from db.models import Case, Change, Department, Town
from db.session import make_sessionmaker
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from desktop.meetings.supervision import SupervisionService

ROOT = Path(__file__).resolve().parents[2]


def concord(*args: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, f"main.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}"
    return proc.stdout


@dataclass(frozen=True)
class Order:
    id: int
    case_id: int
    case_number: str
    stage: str
    recipient: str

    @property
    def line(self) -> str:
        """The line the human output gives this order's reminder."""
        where = f"case {self.case_number} supervision #{self.id}"
        if self.stage == "overdue":
            return f"  {where}: overdue, escalated to the issuer {self.recipient}"
        return f"  {where}: {self.stage} reminder to {self.recipient}"


def _issue_orders(engine: Engine) -> list[Order]:
    """Four open orders, one at each stage by the time the sweep runs: deadlines 60 h, 20 h and
    3 h away (the 72, 24 and 4 h reminders, to the addressed unit) and 1 h past (to the issuer)."""
    sessions = make_sessionmaker(engine)
    now = utcnow()
    with sessions() as s:
        leader = actor_for(s, "leader")
        cases = list(s.scalars(select(Case).where(Case.status == "in_progress").order_by(Case.id).limit(4)))
        department = s.scalars(select(Department).order_by(Department.id).limit(1)).one()
        towns = {t.id: t.name for t in s.scalars(select(Town))}
    assert len(cases) == 4
    # Issued five days ago, so that the overdue order's deadline could lie in the future then.
    svc = SupervisionService(sessions, clock=lambda: now - dt.timedelta(days=5))
    plan = [(60, "72h", None), (20, "24h", department), (3, "4h", None), (-1, "overdue", None)]
    orders = []
    for case, (hours, stage, dept) in zip(cases, plan, strict=True):
        unit = {"unit_department_id": dept.id} if dept else {"unit_town_id": case.town_id}
        order = svc.issue(
            case.id, leader, instruction="限期化解并答复", deadline=now + dt.timedelta(hours=hours), **unit
        )
        recipient = leader.name if stage == "overdue" else dept.name if dept else towns[case.town_id]
        orders.append(Order(order.id, case.id, case.number, stage, recipient))
    return orders


def _recorded(engine: Engine, orders: list[Order]) -> dict[int, int]:
    """Reminders recorded per order (the change feed's rows for it; one per stage reached)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Change.entity_id, func.count())
            .where(
                Change.entity == "supervision_order",
                Change.entity_id.in_([o.id for o in orders]),
                Change.op.in_(["supervision_reminder", "supervision_overdue"]),
            )
            .group_by(Change.entity_id)
        ).all()
    return {int(order_id): int(n) for order_id, n in rows}


def _mine(notices: list[dict[str, Any]], orders: list[Order]) -> list[dict[str, Any]]:
    ids = {o.id for o in orders}
    return [n for n in notices if n["order_id"] in ids]


def test_sweep_prints_each_reminder_once(demo_url: str, demo_engine: Engine) -> None:
    engine = demo_engine
    orders = _issue_orders(engine)
    first = concord("--db", demo_url, "sweep")
    lines = first.splitlines()
    assert lines[0].startswith("escalated ")
    assert lines[1].startswith("recorded ") and "supervision reminder(s)" in lines[1]
    for order in orders:
        assert lines.count(order.line) == 1, f"{order.line!r} not printed once in:\n{first}"
    # The count on the summary line is the number of reminder lines below it.
    reminder_lines = [line for line in lines if line.startswith("  case ")]
    assert int(lines[1].split()[1]) == len(reminder_lines) >= 4
    assert _recorded(engine, orders) == {o.id: 1 for o in orders}

    # A second sweep finds nothing new for these orders: nothing recorded, nothing printed.
    second = concord("--db", demo_url, "sweep")
    for order in orders:
        assert f"supervision #{order.id}:" not in second, second
    assert _recorded(engine, orders) == {o.id: 1 for o in orders}


def test_sweep_json_lists_reminders_with_case_stage_and_recipient(demo_url: str, demo_engine: Engine) -> None:
    engine = demo_engine
    orders = _issue_orders(engine)
    data = json.loads(concord("--db", demo_url, "sweep", "--json"))
    assert set(data) == {"escalated", "skipped", "reminders", "reminders_skipped"}
    assert all(isinstance(i, int) for i in data["escalated"])
    mine = sorted(_mine(data["reminders"], orders), key=lambda n: n["order_id"])
    assert [
        (n["order_id"], n["case_id"], n["case_number"], n["stage"], n["to"], n["recipient"]) for n in mine
    ] == [
        (o.id, o.case_id, o.case_number, o.stage, "issuer" if o.stage == "overdue" else "unit", o.recipient)
        for o in sorted(orders, key=lambda o: o.id)
    ]
    assert [n["hours"] for n in mine] == [72, 24, 4, 0]
    again = json.loads(concord("--db", demo_url, "sweep", "--json"))
    assert _mine(again["reminders"], orders) == []
