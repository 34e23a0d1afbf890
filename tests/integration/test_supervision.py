"""Supervision orders (督办) on a real database: issue, answer, sign off, and refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from db.models import Case, CaseEvent, Change, SupervisionOrder, User
from db.session import make_sessionmaker
from desktop.cases.ladder import NotPermitted
from desktop.cases.service import CaseError, actor_for
from desktop.meetings.supervision import SupervisionService

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
    with pytest.raises(CaseError, match="supervision.instruction_required"):
        svc.issue(case.id, leader, instruction="  ", deadline=future, unit_town_id=case.town_id)
    with pytest.raises(CaseError, match="supervision.deadline_past"):
        svc.issue(
            case.id, leader, instruction="x", deadline=NOW - dt.timedelta(hours=1), unit_town_id=case.town_id
        )
    with pytest.raises(CaseError, match="supervision.one_unit"):
        svc.issue(case.id, leader, instruction="x", deadline=future)
    assert (_count(sessions, SupervisionOrder), _count(sessions, CaseEvent)) == before
    order = svc.issue(case.id, leader, instruction="督办", deadline=future, unit_town_id=case.town_id)
    with pytest.raises(CaseError, match="supervision.respond_role"):
        svc.respond(order.id, stranger, "不是我们镇的")
    with pytest.raises(CaseError, match="supervision.sign_off_before_answer"):
        svc.sign_off(order.id, leader)


# --- escalating reminders before the deadline ------------------------------------------------------


def _reminder_events(sessions: Any, case_id: int) -> list[tuple[str, str]]:
    with sessions() as s:
        rows = s.execute(
            select(CaseEvent.action, CaseEvent.comment)
            .where(
                CaseEvent.case_id == case_id,
                CaseEvent.action.in_(["supervision_reminder", "supervision_overdue"]),
            )
            .order_by(CaseEvent.id)
        ).all()
    return [(r.action, r.comment) for r in rows]


def _issue(sessions: Any, hours: float) -> tuple[int, int]:
    case = _open_case(sessions)
    with sessions() as s:
        leader = actor_for(s, "leader")
    order = SupervisionService(sessions, clock=lambda: NOW).issue(
        case.id,
        leader,
        instruction="限期化解",
        deadline=NOW + dt.timedelta(hours=hours),
        unit_town_id=case.town_id,
    )
    return order.id, case.id


def test_reminders_escalate_once_each_then_overdue_goes_to_the_issuer(sessions: Any) -> None:
    from desktop.live.alerts import current_alerts
    from desktop.meetings.supervision import sweep_reminders

    order_id, case_id = _issue(sessions, 100)
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")

    def sweep(after_hours: float) -> Any:
        return sweep_reminders(sessions, NOW + dt.timedelta(hours=after_hours), (72, 24, 4))

    def mine(result: Any) -> list[Any]:
        return [r for r in result.reminded if r[0] == order_id] + [o for o in result.overdue if o == order_id]

    assert mine(sweep(20)) == []  # 80 h left: no reminder yet
    assert mine(sweep(30)) == [(order_id, 72)]
    assert mine(sweep(31)) == []  # the same stage is not recorded twice
    assert mine(sweep(80)) == [(order_id, 24)]
    # Two stages passed between sweeps (3.5 h left): only the most urgent is recorded.
    assert mine(sweep(96.5)) == [(order_id, 4)]
    assert mine(sweep(99)) == []
    events = _reminder_events(sessions, case_id)
    assert [a for a, _ in events] == ["supervision_reminder"] * 3
    texts = [c for _, c in events]
    assert texts[0].startswith("督办提醒") and "72 小时" in texts[0]
    assert texts[1].startswith("督办催办") and texts[2].startswith("督办紧急催办")
    with sessions() as s:
        strip = current_alerts(s, dispatcher, NOW + dt.timedelta(hours=99))
    mine_alerts = [a for a in strip if a.case_id == case_id and a.kind.startswith("supervision")]
    assert [(a.kind, a.stage) for a in mine_alerts] == [("supervision", 4)]
    # Past the deadline: escalated to the issuer, once.
    assert mine(sweep(101)) == [order_id]
    assert mine(sweep(120)) == []
    events = _reminder_events(sessions, case_id)
    assert events[-1][0] == "supervision_overdue" and "分管副市长" in events[-1][1]
    with sessions() as s:
        strip = current_alerts(s, dispatcher, NOW + dt.timedelta(hours=101))
        order = s.get(SupervisionOrder, order_id)
        assert order is not None and order.last_reminder_hours == 0
        feed = s.scalars(
            select(Change.op).where(Change.entity == "supervision_order", Change.entity_id == order_id)
        ).all()
    assert list(feed) == ["supervision_reminder"] * 3 + ["supervision_overdue"]
    overdue = [a for a in strip if a.case_id == case_id and a.kind == "supervision_overdue"]
    assert len(overdue) == 1 and overdue[0].issuer == "分管副市长" and overdue[0].stage == 0


def test_answered_orders_get_no_reminders_and_concurrent_sweeps_record_once(sessions: Any) -> None:
    import threading

    from desktop.cases.service import CaseService
    from desktop.meetings.supervision import sweep_reminders

    order_id, case_id = _issue(sessions, 10)
    answered_id, answered_case = _issue(sessions, 10)
    with sessions() as s:
        leader = actor_for(s, "leader")
    SupervisionService(sessions, clock=lambda: NOW).respond(answered_id, leader, "已答复")
    at = NOW + dt.timedelta(hours=7)  # 3 h left: the 4 h stage
    results: list[Any] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        barrier.wait()
        results.append(sweep_reminders(sessions, at, (72, 24, 4)))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    recorded = [r for res in results for r in res.reminded if r[0] in (order_id, answered_id)]
    assert recorded == [(order_id, 4)]
    # One event in all: both orders are on the same case, the answered one is not reminded.
    assert answered_case == case_id and len(_reminder_events(sessions, case_id)) == 1
    # The SLA sweep (python main.py sweep) runs the reminders too.
    result = CaseService(sessions).sweep(NOW + dt.timedelta(hours=11))
    assert result.reminders is not None and order_id in result.reminders.overdue  # type: ignore[attr-defined]


def test_reminder_points_are_a_setting() -> None:
    from desktop.meetings.supervision import DEFAULT_REMINDER_HOURS, reminder_hours_setting

    assert reminder_hours_setting({}) == DEFAULT_REMINDER_HOURS == (72, 24, 4)
    assert reminder_hours_setting({"CONCORD_SUPERVISION_REMINDER_HOURS": "2, 48,12"}) == (48, 12, 2)
    for bad in ("soon", "0", "-3"):
        with pytest.raises(ValueError, match="CONCORD_SUPERVISION_REMINDER_HOURS"):
            reminder_hours_setting({"CONCORD_SUPERVISION_REMINDER_HOURS": bad})
