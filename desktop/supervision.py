"""Supervision orders (督办): issued on a case to a unit, answered by the unit, signed off by
the issuer — each step audited on the case and announced on the change feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CaseDepartment, Department, SupervisionOrder, Town
from db.vocab import Action, Level, Role, Status
from desktop.cases import CaseError, CaseNotFound, add_case_event
from desktop.clock import utcnow
from desktop.feed import record_change
from desktop.ladder import Actor, CaseState, apply


class SupervisionService:
    def __init__(self, sessions: sessionmaker[Session], clock: Callable[[], dt.datetime] = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def issue(
        self,
        case_id: int,
        actor: Actor,
        *,
        instruction: str,
        deadline: dt.datetime,
        unit_town_id: int | None = None,
        unit_department_id: int | None = None,
    ) -> SupervisionOrder:
        now = self._clock()
        if not instruction.strip():
            raise CaseError("a supervision order needs an instruction")
        if (unit_town_id is None) == (unit_department_id is None):
            raise CaseError("address a supervision order to exactly one town or one department")
        if deadline <= now:
            raise CaseError("the deadline of a supervision order must lie in the future")
        with self._sessions.begin() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise CaseNotFound(f"case {case_id} does not exist")
            departments = frozenset(
                d.department_id for d in session.query(CaseDepartment).filter_by(case_id=case_id)
            )
            state = CaseState(Status(case.status), Level(case.level), case.town_id, departments)
            apply(state, Action.SUPERVISE, actor)  # validity and jurisdiction, same rules as buttons
            if unit_town_id is not None and session.get(Town, unit_town_id) is None:
                raise CaseError(f"unknown town {unit_town_id}")
            if unit_department_id is not None and session.get(Department, unit_department_id) is None:
                raise CaseError(f"unknown department {unit_department_id}")
            if actor.role == Role.TOWN_STAFF and unit_town_id != actor.town_id:
                raise CaseError("town staff may only supervise their own town's units")
            order = SupervisionOrder(
                case_id=case_id,
                issuer_user_id=actor.user_id,
                issuer_name=actor.name,
                unit_town_id=unit_town_id,
                unit_department_id=unit_department_id,
                instruction=instruction.strip(),
                issued_at=now,
                deadline=deadline,
                status="open",
            )
            session.add(order)
            session.flush()
            add_case_event(
                session,
                case,
                actor,
                str(Action.SUPERVISE),
                now,
                case.status,
                case.level,
                comment=instruction.strip(),
            )
            record_change(session, "case", case.id, "supervise", case.town_id, now)
        return order

    def respond(self, order_id: int, actor: Actor, response: str) -> SupervisionOrder:
        """The addressed unit answers; dispatchers and leaders may record an answer for it."""
        now = self._clock()
        if not response.strip():
            raise CaseError("an answer to a supervision order cannot be empty")
        with self._sessions.begin() as session:
            order = session.get(SupervisionOrder, order_id)
            if order is None:
                raise CaseError(f"supervision order {order_id} does not exist")
            if order.status == "signed_off":
                raise CaseError("this supervision order is already signed off")
            addressed = (
                (
                    actor.role == Role.TOWN_STAFF
                    and actor.town_id is not None
                    and actor.town_id == order.unit_town_id
                )
                or (
                    actor.role == Role.DEPARTMENT_STAFF
                    and actor.department_id is not None
                    and actor.department_id == order.unit_department_id
                )
                or actor.role in (Role.DISPATCHER, Role.LEADER)
            )
            if not addressed:
                raise CaseError("only the unit the order is addressed to may answer it")
            order.response = response.strip()
            order.responded_at = now
            order.status = "answered"
            case = session.get(Case, order.case_id)
            assert case is not None
            add_case_event(
                session,
                case,
                actor,
                "supervision_response",
                now,
                case.status,
                case.level,
                comment=response.strip(),
            )
            record_change(session, "case", case.id, "supervision_response", case.town_id, now)
        return order

    def sign_off(self, order_id: int, actor: Actor) -> SupervisionOrder:
        now = self._clock()
        with self._sessions.begin() as session:
            order = session.get(SupervisionOrder, order_id)
            if order is None:
                raise CaseError(f"supervision order {order_id} does not exist")
            if order.status != "answered":
                raise CaseError("a supervision order is signed off after the unit has answered")
            if actor.user_id != order.issuer_user_id and actor.role not in (Role.DISPATCHER, Role.LEADER):
                raise CaseError("only the issuer or the city center may sign off a supervision order")
            order.status = "signed_off"
            order.signed_off_at = now
            case = session.get(Case, order.case_id)
            assert case is not None
            add_case_event(
                session, case, actor, "supervision_signed_off", now, case.status, case.level, comment=""
            )
            record_change(session, "case", case.id, "supervision_signed_off", case.town_id, now)
        return order
