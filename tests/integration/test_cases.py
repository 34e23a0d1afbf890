"""The case ladder on a real database (SQLite and PostgreSQL): report, act, conflicts, sweeps."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from db.models import Case, CaseEvent, Change, Grid, Town, User
from db.session import make_sessionmaker
from db.vocab import Action, Kind, Level, Role, Severity, Status
from desktop.cases.ladder import Actor, InvalidTransition, NotPermitted, ReasonRequired
from desktop.cases.service import (
    SWEEP_REASON,
    ActionRequest,
    CaseError,
    CaseService,
    ConflictError,
    NewCase,
    actor_for,
)
from desktop.live.feed import FeedReader

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in China


def _clock() -> dt.datetime:
    return NOW


@pytest.fixture
def svc(demo_engine: Engine) -> CaseService:
    return CaseService(make_sessionmaker(demo_engine), clock=_clock)


@pytest.fixture
def sessions(demo_engine: Engine) -> Any:
    return make_sessionmaker(demo_engine)


def _counts(sessions: Any) -> tuple[int, int, int]:
    with sessions() as s:
        return (
            s.scalar(select(func.count()).select_from(Case)),
            s.scalar(select(func.count()).select_from(CaseEvent)),
            s.scalar(select(func.count()).select_from(Change)),
        )


def _grid_point(sessions: Any, town_index: int = 0) -> tuple[float, float, int, int]:
    with sessions() as s:
        grid = s.scalars(select(Grid).order_by(Grid.id).offset(town_index * 40).limit(1)).one()
        return float(grid.lat or 0), float(grid.lon or 0), grid.id, grid.town_id


def _dispatcher(sessions: Any) -> Actor:
    with sessions() as s:
        return actor_for(s, "dispatcher")


def _new(lat: float, lon: float, **kw: Any) -> NewCase:
    return NewCase(
        kind=Kind.DISPUTE, category="neighbour", title="东王家村两户宅基地边界纠纷", lat=lat, lon=lon, **kw
    )


def test_report_creates_case_event_and_change_in_its_grid(svc: CaseService, sessions: Any) -> None:
    lat, lon, grid_id, town_id = _grid_point(sessions)
    before = _counts(sessions)
    case = svc.report(_new(lat, lon), _dispatcher(sessions))
    assert (case.grid_id, case.town_id) == (grid_id, town_id)
    assert case.level == Level.VILLAGE and case.status == Status.REPORTED
    assert case.number.startswith("PD-2026-") and len(case.number) == len("PD-2026-000123")
    assert case.sla_due_at is not None and case.sla_due_at > NOW
    assert _counts(sessions) == (before[0] + 1, before[1] + 1, before[2] + 1)
    second = svc.report(_new(lat, lon), _dispatcher(sessions))
    assert int(second.number[-6:]) == int(case.number[-6:]) + 1


@pytest.mark.parametrize(
    ("severity", "mass", "level"),
    [
        (Severity.GENERAL, False, Level.VILLAGE),
        (Severity.MAJOR, False, Level.VILLAGE),
        (Severity.SERIOUS, False, Level.CITY),
        (Severity.CRITICAL, False, Level.CITY),
        (Severity.GENERAL, True, Level.CITY),
    ],
)
def test_serious_or_mass_cases_go_straight_to_the_city(
    svc: CaseService, sessions: Any, severity: Severity, mass: bool, level: Level
) -> None:
    lat, lon, *_ = _grid_point(sessions)
    case = svc.report(_new(lat, lon, severity=severity, mass_incident=mass), _dispatcher(sessions))
    assert case.level == level


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"lat": 40.0, "lon": 116.4}, "case.outside_city"),
        ({"lat": 95.0}, "case.bad_coordinate"),
        ({"title": "   "}, "case.title_required"),
        ({"category": "alien"}, "case.unknown_category"),
        ({"parties_count": -1}, "case.parties_negative"),
    ],
)
def test_bad_reports_are_refused_and_change_nothing(
    svc: CaseService, sessions: Any, overrides: dict[str, Any], code: str
) -> None:
    lat, lon, *_ = _grid_point(sessions)
    fields: dict[str, Any] = {"lat": lat, "lon": lon} | overrides
    before = _counts(sessions)
    with pytest.raises(CaseError) as refused:
        svc.report(
            NewCase(
                kind=Kind.DISPUTE,
                category=fields.pop("category", "neighbour"),
                title=fields.pop("title", "标题"),
                **fields,
            ),
            _dispatcher(sessions),
        )
    assert refused.value.code == code
    assert _counts(sessions) == before


def test_full_ladder_village_to_city_and_closed(svc: CaseService, sessions: Any) -> None:
    lat, lon, *_ = _grid_point(sessions)
    boss = _dispatcher(sessions)
    case = svc.report(_new(lat, lon), boss)
    steps: list[tuple[Action, dict[str, Any]]] = [
        (Action.ACCEPT, {}),
        (Action.ESCALATE, {"reason": "涉及多户，村级无法调处"}),
        (Action.ACCEPT, {}),
        (Action.ESCALATE, {"reason": "需要多部门联动"}),
        (Action.ACCEPT, {}),
        (Action.ASSIGN, {"department_ids": (1, 2)}),
        (Action.RESOLVE, {"comment": "双方签订调解协议"}),
        (Action.VERIFY, {"satisfaction": 5}),
        (Action.CLOSE, {}),
    ]
    for action, extra in steps:
        case = svc.act(case.id, ActionRequest(action, case.version, **extra), boss)
    assert case.status == Status.CLOSED and case.level == Level.CITY and case.satisfaction == 5
    assert case.resolved_level == Level.CITY
    with sessions() as s:
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)).all()
    assert [e.action for e in events] == ["report"] + [str(a) for a, _ in steps]
    assert [e.to_level for e in events if e.action == "escalate"] == [2, 3]
    assert events[2].reason == "涉及多户，村级无法调处"


def test_stale_version_gets_conflict_and_nothing_is_overwritten(svc: CaseService, sessions: Any) -> None:
    lat, lon, *_ = _grid_point(sessions)
    boss = _dispatcher(sessions)
    case = svc.report(_new(lat, lon), boss)
    read_by_a = read_by_b = case.version
    svc.act(case.id, ActionRequest(Action.ACCEPT, read_by_a), boss)
    before = _counts(sessions)
    with pytest.raises(ConflictError) as err:
        svc.act(case.id, ActionRequest(Action.REJECT, read_by_b, reason="重复上报"), boss)
    assert err.value.code == "case.conflict"
    assert err.value.last_action == "accept"
    assert _counts(sessions) == before
    with sessions() as s:
        assert s.get(Case, case.id).status == Status.ACCEPTED  # type: ignore[union-attr]


def test_two_orm_sessions_racing_on_one_case_raise_stale_data(sessions: Any) -> None:
    with sessions() as s1, sessions() as s2:
        c1 = s1.scalars(select(Case).order_by(Case.id).limit(1)).one()
        c2 = s2.get(Case, c1.id)
        c1.title = "A 的修改"
        s1.commit()
        c2.title = "B 的修改"
        with pytest.raises(StaleDataError):
            s2.commit()
    with sessions() as s:
        assert s.get(Case, c1.id).title == "A 的修改"  # type: ignore[union-attr]


def test_town_staff_cannot_touch_another_towns_case(svc: CaseService, sessions: Any) -> None:
    lat, lon, _grid, town_id = _grid_point(sessions, town_index=0)
    case = svc.report(_new(lat, lon), _dispatcher(sessions))
    with sessions() as s:
        other = s.scalars(
            select(User).where(User.role == "town_staff", User.town_id != town_id).limit(1)
        ).one()
        own = s.scalars(select(User).where(User.role == "town_staff", User.town_id == town_id)).one()
        stranger, local = actor_for(s, other.username), actor_for(s, own.username)
    before = _counts(sessions)
    with pytest.raises(NotPermitted):
        svc.act(case.id, ActionRequest(Action.ACCEPT, case.version), stranger)
    assert _counts(sessions) == before
    accepted = svc.act(case.id, ActionRequest(Action.ACCEPT, case.version), local)
    assert accepted.status == Status.ACCEPTED


def test_invalid_transition_and_missing_reason_change_nothing(svc: CaseService, sessions: Any) -> None:
    lat, lon, *_ = _grid_point(sessions)
    boss = _dispatcher(sessions)
    case = svc.report(_new(lat, lon), boss)
    before = _counts(sessions)
    with pytest.raises(InvalidTransition) as invalid:
        svc.act(case.id, ActionRequest(Action.VERIFY, case.version, satisfaction=5), boss)
    with pytest.raises(ReasonRequired):
        svc.act(case.id, ActionRequest(Action.ESCALATE, case.version, reason="  "), boss)
    with pytest.raises(ValueError):
        Action("teleport")
    assert invalid.value.code == "case.invalid_transition" and invalid.value.status == "reported"
    with pytest.raises(CaseError) as missing:
        svc.act(10**9, ActionRequest(Action.ACCEPT, 1), boss)
    assert missing.value.code == "case.not_found"
    assert _counts(sessions) == before


def test_sweep_escalates_overdue_cases_once(svc: CaseService, sessions: Any) -> None:
    lat, lon, *_ = _grid_point(sessions)
    boss = _dispatcher(sessions)
    case = svc.report(_new(lat, lon), boss)
    with sessions.begin() as s:
        # Only our case is overdue, so the sweep's effect is attributable.
        s.execute(update(Case).values(sla_due_at=NOW + dt.timedelta(days=400)))
        s.execute(update(Case).where(Case.id == case.id).values(sla_due_at=NOW - dt.timedelta(hours=1)))
    first = svc.sweep(NOW)
    assert first.escalated == [case.id]
    assert svc.sweep(NOW).escalated == []
    with sessions() as s:
        swept = s.get(Case, case.id)
        assert swept is not None
        assert (swept.level, swept.status) == (Level.TOWN, Status.ESCALATED)
        assert swept.sla_due_at is not None and swept.sla_due_at > NOW
        ev = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc())
        ).first()
        assert ev is not None and ev.actor_role == Role.SYSTEM and ev.reason == SWEEP_REASON


def test_concurrent_sweeps_escalate_each_case_exactly_once(svc: CaseService, sessions: Any) -> None:
    lat, lon, *_ = _grid_point(sessions)
    boss = _dispatcher(sessions)
    ids = [svc.report(_new(lat, lon), boss).id for _ in range(6)]
    with sessions.begin() as s:
        s.execute(update(Case).values(sla_due_at=NOW + dt.timedelta(days=400)))
        s.execute(update(Case).where(Case.id.in_(ids)).values(sla_due_at=NOW - dt.timedelta(hours=1)))
    results: list[list[int]] = []
    barrier = threading.Barrier(3)

    def run() -> None:
        barrier.wait()
        results.append(svc.sweep(NOW).escalated)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    escalated = sorted(i for r in results for i in r)
    assert escalated == sorted(ids)
    with sessions() as s:
        n = s.scalar(
            select(func.count())
            .select_from(CaseEvent)
            .where(CaseEvent.case_id.in_(ids), CaseEvent.action == "escalate")
        )
    assert n == len(ids)


def test_change_feed_reader_sees_new_changes_in_order(svc: CaseService, sessions: Any) -> None:
    reader = FeedReader()
    with sessions() as s:
        reader.start_at_end(s)
    lat, lon, *_ = _grid_point(sessions)
    case = svc.report(_new(lat, lon), _dispatcher(sessions))
    svc.act(case.id, ActionRequest(Action.ACCEPT, case.version), _dispatcher(sessions))
    with sessions() as s:
        rows = reader.poll(s)
    assert [(r.entity_id, r.op) for r in rows] == [(case.id, "report"), (case.id, "accept")]
    with sessions() as s:
        assert reader.poll(s) == []


def test_case_events_refuse_update_and_delete(demo_engine: Engine) -> None:
    for sql in ("UPDATE case_events SET reason = 'x'", "DELETE FROM case_events"):
        with demo_engine.connect() as conn, pytest.raises(DBAPIError, match="append-only"):
            conn.execute(text(sql))


def test_town_of_case_matches_its_grid(sessions: Any) -> None:
    with sessions() as s:
        mismatched = s.scalar(
            select(func.count())
            .select_from(Case)
            .join(Grid, Grid.id == Case.grid_id)
            .where(Grid.town_id != Case.town_id)
        )
        towns = s.scalar(select(func.count()).select_from(Town))
    assert mismatched == 0 and towns == 33


def test_bulk_escalation_writes_one_event_per_case_and_reports_refusals(
    svc: CaseService, sessions: Any
) -> None:
    lat, lon, *_ = _grid_point(sessions)
    boss = _dispatcher(sessions)
    fresh = [svc.report(_new(lat, lon), boss) for _ in range(3)]
    closed = svc.report(_new(lat, lon), boss)
    closed = svc.act(closed.id, ActionRequest(Action.REJECT, closed.version, reason="误报"), boss)
    stale = fresh[2]
    svc.act(stale.id, ActionRequest(Action.ACCEPT, stale.version), boss)  # someone got there first
    targets = [(c.id, c.version) for c in fresh] + [(closed.id, closed.version)]
    result = svc.act_many(targets, ActionRequest(Action.ESCALATE, 0, reason="批量上报：涉及多部门"), boss)
    assert result.done == [fresh[0].id, fresh[1].id]
    failed = dict(result.failed)
    assert failed[stale.id].code == "case.conflict"
    assert failed[closed.id].code == "case.invalid_transition"
    assert failed[closed.id].params["status"] in ("closed", "rejected")
    with sessions() as s:
        for case_id in result.done:
            events = s.scalars(
                select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.action == "escalate")
            ).all()
            assert [e.reason for e in events] == ["批量上报：涉及多部门"]
