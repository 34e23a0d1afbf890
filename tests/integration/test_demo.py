"""The demo city: seed-scale counts, determinism, points inside their grids, histories the ladder allows."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from db.migrate import upgrade
from db.models import (
    Brigade,
    Case,
    CaseCounter,
    CaseDepartment,
    CaseEvent,
    CaseLink,
    City,
    Department,
    Grid,
    LiaisonOfficer,
    SentimentLog,
    Squad,
    SupervisionOrder,
    Town,
    User,
    Village,
    Worker,
)
from db.session import make_engine, make_sessionmaker
from db.vocab import Action, Level, Role, Status
from desktop.cases.ladder import Actor, CaseState, apply
from desktop.errors import Refusal
from desktop.geo import GridIndex
from desktop.seed.demo import DemoSummary, build_demo

NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)  # a Friday, 11:00 in Pingdu
RESOLVED = {Status.RESOLVED, Status.VERIFIED, Status.CLOSED}
OPEN = {Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS}


def _build(engine: Engine, **kwargs: Any) -> DemoSummary:
    kwargs.setdefault("now", NOW)
    return build_demo(make_sessionmaker(engine), **kwargs)


def _count(session: Session, model: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# --- the full seed-scale city: one build, several checks --------------------------------------


def test_seed_scale_city_is_complete_and_consistent(engine: Engine) -> None:
    summary = _build(engine)  # the defaults: seed 2026, 1,700 cases, 14,000 logs
    with make_sessionmaker(engine)() as s:
        _check_organisation(s, summary)
        _check_geography(s)
        _check_cases(s, summary)
        _check_points(s)
        _check_histories(s)
        _check_supervision_and_links(s)
        _check_new_rows_get_fresh_ids(s)


def _check_organisation(s: Session, summary: DemoSummary) -> None:
    assert _count(s, City) == 1
    assert _count(s, Town) == summary.towns == 33
    assert _count(s, Town, Town.is_subdistrict.is_(True)) == 5
    assert _count(s, Village) == summary.villages == 1788
    assert _count(s, Grid) == summary.grids == 1672
    assert _count(s, Brigade) == summary.brigades == 33
    assert _count(s, Squad) == summary.squads == 173
    assert _count(s, Worker) == summary.workers == 1672
    assert _count(s, LiaisonOfficer, LiaisonOfficer.kind == "liaison") == 6877
    assert _count(s, LiaisonOfficer, LiaisonOfficer.kind == "volunteer") == 6769
    codes = set(s.scalars(select(Department.code)))
    assert len(codes) == summary.departments >= 10
    assert {"labour", "land", "construction", "education", "civil_affairs", "legal_aid", "petition"} <= codes

    roles = Counter(s.scalars(select(User.role)))
    assert roles[Role.TOWN_STAFF] == 33
    assert roles[Role.DEPARTMENT_STAFF] == len(codes)
    for role in (Role.DISPATCHER, Role.LEADER, Role.ADMIN, Role.AUDITOR):
        assert roles[role] >= 1
    names = set(s.scalars(select(User.username)))
    assert {"dispatcher", "leader", "admin", "auditor", "town01", "town33", "dept_labour"} <= names

    # Every squad has workers; each worker has a grid of their own, in their squad's town.
    rows = s.execute(
        select(Worker.grid_id, Worker.town_id, Squad.town_id, Grid.town_id, Worker.device_id, Worker.pinyin)
        .join(Squad, Squad.id == Worker.squad_id)
        .join(Grid, Grid.id == Worker.grid_id)
    ).all()
    assert len({r[0] for r in rows}) == 1672
    assert all(r[1] == r[2] == r[3] for r in rows)
    assert len({r[4] for r in rows}) == 1672
    assert all(r[5] and r[5].isascii() for r in rows)
    assert _count(s, Squad, ~Squad.id.in_(select(Worker.squad_id))) == 0
    assert _count(s, Brigade, Brigade.name.not_like("%群众工作大队")) == 0


def _check_geography(s: Session) -> None:
    city = s.scalars(select(City)).one()
    assert (city.code, city.name) == ("370283", "平度市")
    assert city.area_km2 == pytest.approx(3166, rel=0.01)
    assert s.scalar(select(func.sum(Village.population))) == 1_380_000
    assert s.scalar(select(func.sum(Village.households))) == 440_000
    assert s.scalar(select(func.sum(Grid.population))) == 1_380_000
    assert s.scalar(select(func.sum(Grid.households))) == 440_000
    # A grid lies in one village's town; village names are unique within their town.
    mismatched = s.scalar(
        select(func.count())
        .select_from(Grid)
        .join(Village, Village.id == Grid.village_id)
        .where(Village.town_id != Grid.town_id)
    )
    assert mismatched == 0
    per_town = s.execute(select(Village.town_id, Village.name)).all()
    assert len(set(per_town)) == len(per_town)
    assert all(re.fullmatch(r"370283\d{3}", code) for code in s.scalars(select(Town.code)))
    assert _count(s, Town, Town.pinyin == "") == 0


def _check_cases(s: Session, summary: DemoSummary) -> None:
    assert _count(s, Case) == summary.cases == 1700
    assert _count(s, SentimentLog) == summary.sentiment_logs == 14000
    assert _count(s, CaseEvent) == summary.case_events
    statuses = Counter(Status(x) for x in s.scalars(select(Case.status)))
    resolved = sum(statuses[x] for x in RESOLVED)
    assert resolved == summary.resolved_cases
    assert 0.95 <= resolved / 1700 <= 0.985  # the seed reports 96.9 %
    assert 0 < statuses[Status.REJECTED] + statuses[Status.DUPLICATE] <= 0.02 * 1700
    assert sum(statuses[x] for x in OPEN) == summary.open_cases > 0

    # 小事不出村、大事不出镇: most resolve in the village, few reach the city.
    levels = Counter(
        s.scalars(select(Case.resolved_level).where(Case.status.in_([str(x) for x in RESOLVED])))
    )
    assert levels[Level.VILLAGE] / resolved > 0.65
    assert levels[Level.CITY] / resolved < 0.12

    # Old cases are settled; open ones are recent or the hard ones under supervision.
    old_open = _count(
        s, Case, Case.status.in_([str(x) for x in OPEN]), Case.reported_at < NOW - dt.timedelta(days=30)
    )
    assert old_open <= 0.01 * 1700

    numbers = list(s.execute(select(Case.number, Case.reported_at).order_by(Case.id)))
    per_year: dict[int, list[int]] = defaultdict(list)
    for number, _at in numbers:
        m = re.fullmatch(r"PD-(\d{4})-(\d{6})", number)
        assert m, number
        per_year[int(m[1])].append(int(m[2]))
    assert all(seq == list(range(1, len(seq) + 1)) for seq in per_year.values())
    counters = dict(s.execute(select(CaseCounter.year, CaseCounter.last)).all())
    assert counters == {year: len(seq) for year, seq in per_year.items()}
    assert [at for _, at in numbers] == sorted(at for _, at in numbers)
    assert all(NOW - dt.timedelta(days=366) <= at <= NOW for _, at in numbers)

    kinds = Counter(s.scalars(select(Case.kind)))
    assert 0.6 < kinds["dispute"] / 1700 < 0.8
    # Resolved cases say when and where; verified and closed ones carry the return-visit score.
    assert _count(s, Case, Case.status.in_([str(x) for x in RESOLVED]), Case.resolved_at.is_(None)) == 0
    assert _count(s, Case, Case.status.in_(["verified", "closed"]), Case.satisfaction.is_(None)) == 0
    assert (
        _count(s, Case, Case.status.in_(["closed", "rejected", "duplicate"]), Case.closed_at.is_(None)) == 0
    )
    assert _count(s, Case, Case.sla_due_at.is_(None)) == 0
    overdue = _count(s, Case, Case.status.in_([str(x) for x in OPEN]), Case.sla_due_at < NOW)
    assert overdue > 0


def _check_points(s: Session) -> None:
    index = GridIndex.from_session(s)
    for grid_id, village_id, town_id, lat, lon in s.execute(
        select(Case.grid_id, Case.village_id, Case.town_id, Case.lat, Case.lon)
    ):
        hit = index.locate_or_raise(lat, lon)
        assert (hit.grid_id, hit.village_id, hit.town_id) == (grid_id, village_id, town_id)
    logs = s.execute(
        select(SentimentLog.grid_id, SentimentLog.worker_id, SentimentLog.lat, SentimentLog.lon)
    ).all()
    workers = dict(s.execute(select(Worker.id, Worker.grid_id)).all())
    for grid_id, worker_id, lat, lon in logs[::7]:
        assert lat is not None and lon is not None
        assert index.locate_or_raise(lat, lon).grid_id == grid_id == workers[worker_id]


def _check_histories(s: Session) -> None:
    users = {u.id: u for u in s.scalars(select(User))}
    departments: dict[int, set[int]] = defaultdict(set)
    for case_id, dept_id in s.execute(select(CaseDepartment.case_id, CaseDepartment.department_id)):
        departments[case_id].add(dept_id)
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for event in s.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.id)):
        events[event.case_id].append(event)
    cases = list(s.scalars(select(Case)))
    assert len(events) == len(cases)
    for case in cases:
        history = events[case.id]
        first = history[0]
        assert (first.action, first.from_status, first.to_status) == ("report", None, "reported")
        assert first.actor_role == Role.WORKER and first.at == case.reported_at
        status, level = Status.REPORTED, Level(first.to_level or 0)
        for prev, ev in zip(history, history[1:], strict=False):
            assert prev.at <= ev.at <= NOW
            assert (ev.from_status, ev.from_level) == (prev.to_status, prev.to_level)
            user = users.get(ev.actor_user_id) if ev.actor_user_id is not None else None
            actor = Actor(
                user_id=ev.actor_user_id,
                role=Role(ev.actor_role),
                town_id=user.town_id if user else None,
                department_id=user.department_id if user else None,
            )
            state = CaseState(status, level, case.town_id, frozenset(departments[case.id]))
            outcome = apply(state, Action(ev.action), actor, ev.reason)  # raises if the ladder forbids it
            assert (outcome.status, outcome.level) == (ev.to_status, ev.to_level), (case.number, ev.action)
            status, level = outcome.status, outcome.level
        assert (status, level) == (case.status, case.level), case.number
        assert history[-1].at == case.updated_at
        assert bool(departments[case.id]) == any(e.action == Action.ASSIGN for e in history)
        if departments[case.id]:
            assert any(e.to_level == Level.CITY for e in history)


def _check_supervision_and_links(s: Session) -> None:
    orders = s.execute(
        select(SupervisionOrder, Case.status).join(Case, Case.id == SupervisionOrder.case_id)
    ).all()
    assert orders
    for order, status in orders:
        assert order.issued_at <= NOW and order.instruction
        assert order.unit_town_id is not None or order.unit_department_id is not None
        if order.status == "open":
            assert status in OPEN
    open_deadlines = [o.deadline for o, _ in orders if o.status == "open"]
    assert open_deadlines, "some open cases should be under supervision"

    linked = s.execute(
        select(
            Case.id,
            Case.grid_id,
            Case.reported_at,
            SentimentLog.case_id,
            SentimentLog.grid_id,
            SentimentLog.visited_at,
        ).join(SentimentLog, SentimentLog.id == Case.source_log_id)
    ).all()
    assert 0.05 * 1700 < len(linked) < 0.15 * 1700
    assert all(
        cid == log_case and grid == log_grid and seen <= at
        for cid, grid, at, log_case, log_grid, seen in linked
    )
    for case_id, other_id, link_type in s.execute(
        select(CaseLink.case_id, CaseLink.other_case_id, CaseLink.link_type)
    ):
        assert other_id < case_id
        if link_type == "duplicate_of":
            assert s.get(Case, case_id).status == Status.DUPLICATE  # type: ignore[union-attr]


def _check_new_rows_get_fresh_ids(s: Session) -> None:
    # The demo writes explicit ids; PostgreSQL sequences must have been moved past them.
    s.rollback()
    top_user, top_log = s.scalar(select(func.max(User.id))), s.scalar(select(func.max(SentimentLog.id)))
    user = User(username="new_dispatcher", display_name="新值班员", role=str(Role.DISPATCHER))
    log = SentimentLog(worker_id=1, town_id=1, village_id=1, grid_id=1, visited_at=NOW, content="走访1户")
    s.add_all([user, log])
    s.flush()
    assert top_user is not None and top_log is not None
    assert user.id > top_user and log.id > top_log
    s.rollback()


# --- determinism and refusal -------------------------------------------------------------------


def _digest(engine: Engine) -> str:
    h = hashlib.sha256()
    with make_sessionmaker(engine)() as s:
        for row in s.execute(
            select(
                Case.number, Case.title, Case.status, Case.level, Case.lat, Case.lon, Case.reported_at
            ).order_by(Case.id)
        ):
            h.update(repr(tuple(row)).encode())
        for row in s.execute(
            select(CaseEvent.case_id, CaseEvent.action, CaseEvent.at, CaseEvent.actor_name).order_by(
                CaseEvent.id
            )
        ):
            h.update(repr(tuple(row)).encode())
        for row in s.execute(
            select(Worker.name, Worker.phone, SentimentLog.content)
            .join(SentimentLog)
            .order_by(SentimentLog.id)
        ):
            h.update(repr(tuple(row)).encode())
        for boundary in s.scalars(select(Grid.boundary).order_by(Grid.id).limit(50)):
            h.update(json.dumps(boundary).encode())
    return h.hexdigest()


def test_same_seed_builds_the_same_city(engine: Engine, tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    summary = _build(engine, seed=11, cases=200, logs=500, progress=lambda *a: seen.append(a))
    assert (summary.cases, summary.sentiment_logs) == (200, 500)
    # Each stage reports its start and its end.
    for stage in {stage for stage, _, _ in seen}:
        ticks = [(done, total) for st, done, total in seen if st == stage]
        assert ticks[0][0] == 0 and ticks[-1][0] == ticks[-1][1]
        assert all(0 <= done <= total for done, total in ticks)

    # A second build on SQLite (whatever engine the first ran on) must match row for row.
    other = make_engine(f"sqlite:///{tmp_path / 'again.db'}")
    different = make_engine(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        upgrade(other)
        upgrade(different)
        _build(other, seed=11, cases=200, logs=500)
        _build(different, seed=12, cases=200, logs=500)
        assert _digest(engine) == _digest(other)
        assert _digest(engine) != _digest(different)
    finally:
        other.dispose()
        different.dispose()


def _times(engine: Engine) -> list[tuple[Any, ...]]:
    """Every case's state and times, its events' times and the supervision orders' times."""
    with make_sessionmaker(engine)() as s:
        cases = s.execute(
            select(
                Case.number,
                Case.status,
                Case.reported_at,
                Case.updated_at,
                Case.sla_due_at,
                Case.resolved_at,
                Case.closed_at,
            ).order_by(Case.id)
        ).all()
        events = s.execute(select(CaseEvent.case_id, CaseEvent.at).order_by(CaseEvent.id)).all()
        orders = s.execute(
            select(SupervisionOrder.issued_at, SupervisionOrder.deadline).order_by(SupervisionOrder.id)
        ).all()
        logs = s.scalars(select(SentimentLog.visited_at).order_by(SentimentLog.id)).all()
    return (
        [tuple(r) for r in cases]
        + [tuple(r) for r in events]
        + [tuple(r) for r in orders]
        + [(t,) for t in logs]
    )


def test_moved_city_is_the_same_city_later(engine: Engine, tmp_path: Path) -> None:
    """``moved_by``: the same cases in the same states, every time written later by exactly that."""
    moved_by = dt.timedelta(days=9, hours=5, microseconds=7)
    _build(engine, seed=5, cases=120, logs=60, moved_by=moved_by)
    plain = make_engine(f"sqlite:///{tmp_path / 'plain.db'}")
    try:
        upgrade(plain)
        _build(plain, seed=5, cases=120, logs=60)
        expected = [
            tuple(v + moved_by if isinstance(v, dt.datetime) else v for v in row) for row in _times(plain)
        ]
    finally:
        plain.dispose()
    got = _times(engine)
    assert len(got) > 120 and any(row[1] in OPEN for row in got[:120])
    assert got == expected


def test_refuses_a_database_that_already_has_a_city(engine: Engine) -> None:
    _build(engine, cases=20, logs=20)
    with make_sessionmaker(engine)() as s:
        before = _count(s, Case), _count(s, Town)
    with pytest.raises(Refusal) as caught:
        _build(engine, cases=20, logs=20)
    assert caught.value.code == "demo.has_city"
    with make_sessionmaker(engine)() as s:
        assert (_count(s, Case), _count(s, Town)) == before


def test_refuses_a_naive_now(engine: Engine) -> None:
    with pytest.raises(Refusal) as caught:
        _build(engine, now=dt.datetime(2026, 11, 20), cases=1, logs=1)
    assert caught.value.code == "demo.naive_now"
