"""cases.milestones (migration 0014) follows the audit trail on every write path, on both engines.

The escalation funnel counts these bits; they are kept by a trigger on case_events, so the ladder,
the SLA sweep, the demo builder and real PostgreSQL logins of every scope must all leave them
equal to what the case's events say.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from db.models import Case, CaseEvent, Grid
from db.session import make_engine, make_sessionmaker
from db.vocab import Action, Kind, Level, Milestone, Status, milestone_of
from desktop.cases.service import ActionRequest, CaseService, NewCase, actor_for
from desktop.users import current_user
from tests.pg_logins import Logins

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in China
M = Milestone


def _stored(sessions: Any, case_id: int) -> int:
    with sessions() as s:
        return int(s.scalar(select(Case.milestones).where(Case.id == case_id)))


def _from_events(s: Session, case_id: int | None = None) -> dict[int, int]:
    """The bits each case's events call for, computed in Python from the audit trail."""
    stmt = select(CaseEvent.case_id, CaseEvent.action, CaseEvent.to_level)
    if case_id is not None:
        stmt = stmt.where(CaseEvent.case_id == case_id)
    bits: dict[int, int] = {}
    for cid, action, level in s.execute(stmt):
        bits[cid] = bits.get(cid, 0) | int(milestone_of(action, level))
    return bits


def _new_case(svc: CaseService, sessions: Any) -> tuple[Case, Any]:
    with sessions() as s:
        grid = s.scalars(select(Grid).order_by(Grid.id).limit(1)).one()
        boss = actor_for(s, "dispatcher")
    case = svc.report(
        NewCase(
            kind=Kind.DISPUTE,
            category="neighbour",
            title="东王家村两户宅基地边界纠纷",
            lat=float(grid.lat or 0),
            lon=float(grid.lon or 0),
        ),
        boss,
    )
    return case, boss


def test_milestone_bits_follow_the_events() -> None:
    assert milestone_of("accept", 1) == M.ACCEPTED
    assert milestone_of("escalate", 2) == M.ESCALATED_TOWN
    assert milestone_of("escalate", 3) == M.ESCALATED_CITY
    assert milestone_of("resolve", 2) == M.RESOLVED
    assert milestone_of("verify", 1) == milestone_of("close", 3) == M.VERIFIED_CLOSED
    for action in ("report", "start", "assign", "reopen", "comment", "supervise", "reject"):
        assert milestone_of(action, 2) == 0


def test_the_demo_city_has_the_milestones_of_its_audit_trail(demo_engine: Engine) -> None:
    """The builder's bulk load (COPY on PostgreSQL) sets the same bits the events call for."""
    with make_sessionmaker(demo_engine)() as s:
        expected = _from_events(s)
        stored = {int(cid): int(m) for cid, m in s.execute(select(Case.id, Case.milestones))}
    assert stored == {cid: expected.get(cid, 0) for cid in stored}
    # The demo city has cases at every stage, so the comparison covers every bit.
    for bit in M:
        assert any(v & bit for v in stored.values()), bit


def test_milestones_follow_the_ladder(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    svc = CaseService(sessions, clock=lambda: NOW)
    case, boss = _new_case(svc, sessions)
    assert _stored(sessions, case.id) == 0
    steps: list[tuple[Action, dict[str, Any], int]] = [
        (Action.ACCEPT, {}, M.ACCEPTED),
        (Action.ESCALATE, {"reason": "涉及多户，村级无法调处"}, M.ACCEPTED | M.ESCALATED_TOWN),
        (Action.ACCEPT, {}, M.ACCEPTED | M.ESCALATED_TOWN),
        (Action.ESCALATE, {"reason": "需要多部门联动"}, M.ACCEPTED | M.ESCALATED_TOWN | M.ESCALATED_CITY),
        (Action.ACCEPT, {}, M.ACCEPTED | M.ESCALATED_TOWN | M.ESCALATED_CITY),
        (
            Action.RESOLVE,
            {"comment": "双方签订调解协议"},
            M.ACCEPTED | M.ESCALATED_TOWN | M.ESCALATED_CITY | M.RESOLVED,
        ),
        # Reopening takes nothing back: the case did reach those stages.
        (
            Action.REOPEN,
            {"reason": "当事人反映协议未履行"},
            M.ACCEPTED | M.ESCALATED_TOWN | M.ESCALATED_CITY | M.RESOLVED,
        ),
        (
            Action.RESOLVE,
            {"comment": "协议已履行"},
            M.ACCEPTED | M.ESCALATED_TOWN | M.ESCALATED_CITY | M.RESOLVED,
        ),
        (
            Action.VERIFY,
            {"satisfaction": 5},
            int(M.ACCEPTED | M.ESCALATED_TOWN | M.ESCALATED_CITY | M.RESOLVED | M.VERIFIED_CLOSED),
        ),
    ]
    for action, extra, bits in steps:
        case = svc.act(case.id, ActionRequest(action, case.version, **extra), boss)
        assert _stored(sessions, case.id) == bits, action
    assert case.status == Status.VERIFIED and case.level == Level.CITY
    with sessions() as s:
        assert _from_events(s, case.id) == {case.id: _stored(sessions, case.id)}


def test_the_sla_sweep_marks_its_escalation(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    svc = CaseService(sessions, clock=lambda: NOW)
    case, _boss = _new_case(svc, sessions)
    with sessions.begin() as s:
        # Only our case is overdue, so the sweep's effect is attributable.
        s.execute(update(Case).values(sla_due_at=NOW + dt.timedelta(days=400)))
        s.execute(update(Case).where(Case.id == case.id).values(sla_due_at=NOW - dt.timedelta(hours=1)))
    assert svc.sweep(NOW).escalated == [case.id]
    assert _stored(sessions, case.id) == M.ESCALATED_TOWN


@pytest.mark.pg
def test_a_town_staff_login_marks_its_case(demo_engine: Engine, logins: Logins) -> None:
    """The trigger writes with the owner's rights: a real town login's events mark the case too."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("logins exist on PostgreSQL only")
    admin_sessions = make_sessionmaker(demo_engine)
    svc_admin = CaseService(admin_sessions, clock=lambda: NOW)
    case, _boss = _new_case(svc_admin, admin_sessions)
    login = logins.add_user(logins.unique("ms_town"), "里程碑测试镇干部", "town_staff", town_id=case.town_id)
    engine = make_engine(login.url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            me = current_user(s)
            assert me is not None
            actor = actor_for(s, me.username)
        svc = CaseService(sessions, clock=lambda: NOW)
        case = svc.act(case.id, ActionRequest(Action.ACCEPT, case.version), actor)
        case = svc.act(case.id, ActionRequest(Action.RESOLVE, case.version, comment="当场调解"), actor)
        assert case.status == Status.RESOLVED
        assert _stored(sessions, case.id) == M.ACCEPTED | M.RESOLVED
        assert _stored(admin_sessions, case.id) == M.ACCEPTED | M.RESOLVED
    finally:
        engine.dispose()
