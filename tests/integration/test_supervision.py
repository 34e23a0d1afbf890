"""Supervision orders (督办) on a real database: issue, answer, sign off, and refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from db.models import Case, CaseEvent, Change, SupervisionOrder, User
from db.session import make_sessionmaker
from desktop.cases import CaseError, actor_for
from desktop.ladder import NotPermitted
from desktop.supervision import SupervisionService

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def sessions(demo_engine: Engine) -> Any:
    return make_sessionmaker(demo_engine)


def _open_case(sessions: Any) -> Case:
    with sessions() as s:
        return s.scalars(select(Case).where(Case.status == "in_progress").order_by(Case.id)).first()


def _town_user(sessions: Any, town_id: int, same: bool = True) -> str:
    with sessions() as s:
        cond = User.town_id == town_id if same else User.town_id != town_id
        return s.scalars(select(User.username).where(User.role == "town_staff", cond).limit(1)).one()


def _count(sessions: Any, model: Any) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


def test_issue_answer_sign_off(sessions: Any) -> None:
    svc = SupervisionService(sessions, clock=lambda: NOW)
    case = _open_case(sessions)
    with sessions() as s:
        leader, town = actor_for(s, "leader"), actor_for(s, _town_user(sessions, case.town_id))
    order = svc.issue(
        case.id,
        leader,
        instruction="请于三日内化解并回复",
        deadline=NOW + dt.timedelta(days=3),
        unit_town_id=case.town_id,
    )
    assert order.status == "open"
    answered = svc.respond(order.id, town, "已约谈双方，达成初步协议")
    assert answered.status == "answered"
    signed = svc.sign_off(order.id, leader)
    assert signed.status == "signed_off"
    with sessions() as s:
        actions = s.scalars(
            select(CaseEvent.action).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
        ).all()
        changes = s.scalars(select(Change.op).where(Change.entity_id == case.id).order_by(Change.id)).all()
    assert actions[-3:] == ["supervise", "supervision_response", "supervision_signed_off"]
    assert changes[-3:] == ["supervise", "supervision_response", "supervision_signed_off"]


def test_refusals_change_nothing(sessions: Any) -> None:
    svc = SupervisionService(sessions, clock=lambda: NOW)
    case = _open_case(sessions)
    with sessions() as s:
        leader = actor_for(s, "leader")
        auditor = actor_for(s, "auditor")
        stranger = actor_for(s, _town_user(sessions, case.town_id, same=False))
    before = (_count(sessions, SupervisionOrder), _count(sessions, CaseEvent))
    future = NOW + dt.timedelta(days=2)
    with pytest.raises(NotPermitted):
        svc.issue(case.id, auditor, instruction="x", deadline=future, unit_town_id=case.town_id)
    with pytest.raises(CaseError, match="instruction"):
        svc.issue(case.id, leader, instruction="  ", deadline=future, unit_town_id=case.town_id)
    with pytest.raises(CaseError, match="future"):
        svc.issue(
            case.id, leader, instruction="x", deadline=NOW - dt.timedelta(hours=1), unit_town_id=case.town_id
        )
    with pytest.raises(CaseError, match="exactly one"):
        svc.issue(case.id, leader, instruction="x", deadline=future)
    assert (_count(sessions, SupervisionOrder), _count(sessions, CaseEvent)) == before
    order = svc.issue(case.id, leader, instruction="督办", deadline=future, unit_town_id=case.town_id)
    with pytest.raises(CaseError, match="addressed"):
        svc.respond(order.id, stranger, "不是我们镇的")
    with pytest.raises(CaseError, match="after the unit has answered"):
        svc.sign_off(order.id, leader)
