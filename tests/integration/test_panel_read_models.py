"""The small read models the case panel, the action items pane and the users pane fill their
choice lists from (the interface writes no SQL), on both engines."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from db.models import Case, Department, Town, User
from db.session import make_sessionmaker
from desktop.cases.detail import (
    ASSIGNABLE_ROLES,
    Choice,
    UnitChoice,
    assignees,
    case_id_by_number,
    department_choices,
    supervision_units,
)
from desktop.cases.ladder import Actor
from desktop.users import unit_choices
from desktop.vocab import Role


@pytest.fixture
def sessions(demo_engine: Engine) -> Any:
    return make_sessionmaker(demo_engine)


def test_assignees_are_the_active_staff_and_dispatchers_by_id(sessions: Any) -> None:
    with sessions() as s:
        users = s.scalars(select(User).order_by(User.id)).all()
        leader = next(u for u in users if u.role == Role.LEADER)
        staff = next(u for u in users if u.role == Role.TOWN_STAFF)
        s.execute(update(User).where(User.id == staff.id).values(active=False))
        s.commit()
        chosen = assignees(s)
    ids = [c.id for c in chosen]
    assert ids == sorted(ids) and ids
    assert staff.id not in ids  # disabled
    assert leader.id not in ids  # not someone a case is assigned to
    by_id = {u.id: u for u in users}
    assert all(by_id[c.id].role in ASSIGNABLE_ROLES and by_id[c.id].display_name == c.name for c in chosen)
    assert {by_id[i].role for i in ids} >= {Role.TOWN_STAFF, Role.DISPATCHER}


def test_department_choices_are_every_department_by_id(sessions: Any) -> None:
    with sessions() as s:
        expected = [Choice(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]
        assert department_choices(s) == expected
    assert len(expected) > 1


def test_supervision_units_for_the_city_and_for_a_town(sessions: Any) -> None:
    with sessions() as s:
        towns = s.scalars(select(Town).order_by(Town.pinyin)).all()
        departments = department_choices(s)
        city = supervision_units(s, Actor(1, Role.LEADER))
        town = supervision_units(s, Actor(2, Role.TOWN_STAFF, town_id=towns[1].id))
    assert city == [UnitChoice("town", t.id, t.name) for t in towns] + [
        UnitChoice("department", d.id, d.name) for d in departments
    ]
    # Town staff address only their own town, never a department.
    assert town == [UnitChoice("town", towns[1].id, towns[1].name)]


def test_case_id_by_number(sessions: Any) -> None:
    with sessions() as s:
        case = s.scalars(select(Case).order_by(Case.id.desc()).limit(1)).one()
        assert case_id_by_number(s, case.number) == case.id
        assert case_id_by_number(s, "PD-1999-999999") is None
        assert case_id_by_number(s, "") is None


def test_unit_choices_in_code_order(sessions: Any) -> None:
    with sessions() as s:
        towns, departments = unit_choices(s)
        assert towns == [(t.id, t.name) for t in s.scalars(select(Town).order_by(Town.code, Town.id))]
        assert departments == [
            (d.id, d.name) for d in s.scalars(select(Department).order_by(Department.code, Department.id))
        ]
    assert towns and departments
