"""Rolling screening on both engines: recording rounds, refusing bad input with nothing stored,
findings (links, new logs and cases), the board and alerts, and town logins on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from db.models import Case, ScreeningFinding, ScreeningRound, SentimentLog, Village, Worker
from db.session import make_engine, make_sessionmaker
from db.vocab import Channel, Kind, Role
from desktop import screening
from desktop.cases import intake
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseError, CaseService, actor_for
from desktop.screening import ChecklistItem, RoundFilter, RoundForm, ScreeningError
from tests.pg_logins import Logins

DISPATCHER = Actor(1, Role.DISPATCHER, name="市信息中心值班员")


def _two_towns(engine: Engine) -> tuple[tuple[int, int], tuple[int, int]]:
    """(town, village) of two different towns."""
    with make_sessionmaker(engine)() as s:
        rows = s.execute(
            select(Village.town_id, func.min(Village.id)).group_by(Village.town_id).order_by(Village.town_id)
        ).all()
    return (int(rows[0][0]), int(rows[0][1])), (int(rows[1][0]), int(rows[1][1]))


def _form(**changes: Any) -> RoundForm:
    today = screening.today_local()
    base = RoundForm(
        level="village",
        kind="routine",
        scope="general",
        period_start=today,
        period_end=today,
        screened_on=today,
        checklist=(ChecklistItem("family", True, "无"), ChecklistItem("land", False)),
        notes="入户走访",
    )
    return replace(base, **changes)


def _count(engine: Engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(text("select count(*) from screening_rounds")).scalar_one(),
            conn.execute(text("select count(*) from screening_findings")).scalar_one(),
        )


def test_record_a_round_and_see_it_on_the_board(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    (town, village), _ = _two_towns(demo_engine)
    today = screening.today_local()
    with sessions() as s:
        log_id = s.scalar(select(func.max(SentimentLog.id)).where(SentimentLog.village_id == village))
    rid = screening.record_round(
        sessions, DISPATCHER, _form(village_id=village, log_ids=(log_id,) if log_id else ())
    )
    with sessions() as s:
        rows = screening.list_rounds(
            s, DISPATCHER, RoundFilter(level="village", town_id=town, date_from=today)
        )
        row = next(r for r in rows if r.id == rid)
        assert (row.town_id, row.village_id, row.checked, row.items, row.late) == (town, village, 1, 2, False)
        detail = screening.round_detail(s, DISPATCHER, rid)
        assert detail.checklist[0] == ChecklistItem("family", True, "无")
        assert len(detail.findings) == (1 if log_id else 0)
        board = screening.compliance(s, DISPATCHER, today, today, town_id=town)
        mine = [x for x in board.slots if x.place.village_id == village]
        assert [x.status for x in mine] == ["done"] and rid in mine[0].round_ids
        # The demo's villages screen daily with gaps: the last week has missed days, per town too.
        week = screening.compliance(s, DISPATCHER, today - dt.timedelta(days=7), today)
        assert week.missed > 0 and any(t.village_missed for t in week.towns)
        assert any(p.place.level == "city" for p in week.places)
        alerts = screening.missed_round_alerts(s, DISPATCHER, today)
        assert any(a.level == "village" and a.places for a in alerts)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"village_id": None}, "screening.village_required"),
        ({"level": "county"}, "screening.level_required"),
        ({"scope": "focused", "focus": "  "}, "screening.focus_required"),
        ({"period_end_delta": 1}, "screening.village_one_day"),
        ({"screened_delta": 1}, "screening.date_future"),
        ({"checklist": (ChecklistItem("family", False),)}, "screening.nothing_checked"),
        ({"checklist": (ChecklistItem("nonsense", True),)}, "screening.checklist_bad_items"),
        ({"notes": "长" * 4001}, "screening.notes_too_long"),
        ({"log_ids": (10**9,)}, "screening.no_log"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(
    demo_engine: Engine, changes: dict[str, object], message: str
) -> None:
    sessions = make_sessionmaker(demo_engine)
    (_town, village), _ = _two_towns(demo_engine)
    today = screening.today_local()
    changes = dict(changes)
    if "period_end_delta" in changes:
        changes = {"period_start": today - dt.timedelta(days=2), "period_end": today - dt.timedelta(days=1)}
    if "screened_delta" in changes:
        changes = {"screened_on": today + dt.timedelta(days=1)}
    before = _count(demo_engine)
    with pytest.raises(ScreeningError, match=message):
        screening.record_round(sessions, DISPATCHER, _form(**{"village_id": village, **changes}))
    assert _count(demo_engine) == before


def test_roles_town_staff_only_their_town_and_no_city_round(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    (town_a, village_a), (town_b, village_b) = _two_towns(demo_engine)
    staff = Actor(None, Role.TOWN_STAFF, town_id=town_a, name="镇干部")
    before = _count(demo_engine)
    with pytest.raises(ScreeningError, match="screening.own_town"):
        screening.record_round(sessions, staff, _form(village_id=village_b))
    with pytest.raises(ScreeningError, match="screening.city_writers"):
        screening.record_round(sessions, staff, _form(level="city"))
    with pytest.raises(ScreeningError, match="screening.write_role"):
        screening.record_round(sessions, Actor(9, Role.AUDITOR, name="审计"), _form(village_id=village_a))
    assert _count(demo_engine) == before
    with sessions() as s:
        assert {r.town_id for r in screening.list_rounds(s, staff, RoundFilter())} == {town_a}
        assert not any(p.level == "city" for p in screening.places(s, staff))
        assert screening.missed_round_alerts(s, Actor(5, Role.DEPARTMENT_STAFF, department_id=1)) == []


def test_findings_new_log_and_case_from_a_round(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    service = CaseService(sessions)
    (town, village), (_town_b, village_b) = _two_towns(demo_engine)
    rid = screening.record_round(sessions, DISPATCHER, _form(village_id=village))
    with sessions() as s:
        workers = screening.log_workers(s, DISPATCHER, rid)
        other_worker = s.scalar(
            select(Worker.id)
            .where(Worker.grid_id.in_(select(Village.id).where(Village.id == village_b)))
            .limit(1)
        )
    assert workers
    log_id = screening.record_log(sessions, DISPATCHER, rid, workers[0][0], "走访发现邻里因排水沟发生争执", 3)
    before = _count(demo_engine)
    with pytest.raises(ScreeningError, match="screening.log_required"):
        screening.record_log(sessions, DISPATCHER, rid, workers[0][0], "   ")
    if other_worker is not None:
        with pytest.raises(ScreeningError, match="screening.worker_required"):
            screening.record_log(sessions, DISPATCHER, rid, int(other_worker), "别村的网格员")
    with pytest.raises(ScreeningError, match="screening.already_linked"):
        screening.link_finding(sessions, DISPATCHER, rid, log_id=log_id)
    assert _count(demo_engine) == before
    with sessions() as s:
        grid = s.execute(select(SentimentLog.lat, SentimentLog.lon).where(SentimentLog.id == log_id)).one()
    form = intake.IntakeForm(
        channel=Channel.RECEPTION,
        kind=Kind.DISPUTE,
        category="neighbour",
        title="排水沟纠纷",
        lat=grid.lat,
        lon=grid.lon,
        reporter_name="村委会",
    )
    case_id, number = screening.file_case(sessions, service, DISPATCHER, rid, form)
    bad = intake.IntakeForm(Channel.RECEPTION, Kind.DISPUTE, "neighbour", "", grid.lat, grid.lon, "村委会")
    with pytest.raises(CaseError):
        screening.file_case(sessions, service, DISPATCHER, rid, bad)
    with sessions() as s:
        detail = screening.round_detail(s, DISPATCHER, rid)
        assert {(f.log_id, f.case_id) for f in detail.findings} == {(log_id, None), (None, case_id)}
        assert number in next(f.label for f in detail.findings if f.case_id == case_id)
        assert s.scalar(select(SentimentLog.town_id).where(SentimentLog.id == log_id)) == town
        assert s.scalar(select(func.count()).select_from(Case).where(Case.title == "排水沟纠纷")) == 1
    screening.delete_round(sessions, DISPATCHER, rid)
    with sessions() as s:
        assert s.get(ScreeningRound, rid) is None
        assert (
            s.scalar(
                select(func.count()).select_from(ScreeningFinding).where(ScreeningFinding.round_id == rid)
            )
            == 0
        )
        assert s.get(Case, case_id) is not None  # the case stays


@pytest.mark.pg
def test_town_login_sees_and_records_only_its_town(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("real logins exist on PostgreSQL only")
    (town_a, village_a), (town_b, village_b) = _two_towns(demo_engine)
    login = logins.add_user(logins.unique("screening_town"), "镇干部", "town_staff", town_id=town_a)
    staff_engine = make_engine(login.url)
    try:
        sessions = make_sessionmaker(staff_engine)
        with sessions() as s:
            actor = actor_for(s, login.name)
            # Even a forged dispatcher actor reads this town's rounds only: the database decides.
            forged = Actor(actor.user_id, Role.DISPATCHER, name=actor.name)
            towns = {r.town_id for r in screening.list_rounds(s, forged, RoundFilter(), limit=100_000)}
            assert towns == {town_a}
            assert (
                s.scalar(
                    select(func.count()).select_from(ScreeningRound).where(ScreeningRound.town_id == town_b)
                )
                == 0
            )
            assert (
                s.scalar(
                    select(func.count()).select_from(ScreeningRound).where(ScreeningRound.level == "city")
                )
                == 0
            )
        rid = screening.record_round(sessions, actor, _form(village_id=village_a))
        # Its findings: a new log of the round's village, an existing log of its town.
        with sessions() as s:
            worker = screening.log_workers(s, actor, rid)[0][0]
            own_log = s.scalar(select(func.min(SentimentLog.id)).where(SentimentLog.village_id == village_a))
        new_log = screening.record_log(sessions, actor, rid, worker, "走访了解到两户因宅基地边界争执")
        if own_log is not None:
            screening.link_finding(sessions, actor, rid, log_id=own_log)
        with demo_engine.connect() as conn:
            other_log = conn.execute(
                text("select min(id) from sentiment_logs where town_id = :t"), {"t": town_b}
            ).scalar_one()
            other_round = conn.execute(
                text("select min(id) from screening_rounds where town_id = :t"), {"t": town_b}
            ).scalar_one()
        before = _count(demo_engine)
        with pytest.raises(ScreeningError):  # another town's log is not there for this login
            screening.link_finding(sessions, forged, rid, log_id=other_log)
        with pytest.raises(ScreeningError):  # nor another town's round
            screening.link_finding(sessions, forged, other_round, log_id=new_log)
        with staff_engine.begin() as conn, pytest.raises(Exception, match="row-level security"):
            conn.execute(
                text(
                    "insert into screening_findings (round_id, town_id, log_id, linked_at) "
                    "values (:r, :t, :l, now())"
                ),
                {"r": other_round, "t": town_a, "l": new_log},
            )
        # The forged actor passes the app's checks; PostgreSQL refuses the other town's round.
        with pytest.raises(Exception, match="row-level security|violates"):
            screening.record_round(sessions, forged, _form(village_id=village_b))
        # Raw SQL too, and a finding for another town's round.
        with staff_engine.begin() as conn, pytest.raises(Exception, match="row-level security"):
            conn.execute(
                text(
                    "insert into screening_rounds (level, kind, scope, town_id, village_id, period_start, "
                    "period_end, screened_on, recorded_at, recorded_by_user_id, recorded_by_name, focus, notes, "
                    "checklist) values ('town','routine','general', :t, null, current_date, current_date, "
                    "current_date, now(), :u, 'x', '', '', '{}')"
                ),
                {"t": town_b, "u": actor.user_id},
            )
        assert _count(demo_engine) == before
        with demo_engine.connect() as conn:
            assert (
                conn.execute(
                    text("select town_id from screening_rounds where id = :r"), {"r": rid}
                ).scalar_one()
                == town_a
            )
    finally:
        staff_engine.dispose()


@pytest.mark.pg
def test_department_login_sees_no_rounds(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("real logins exist on PostgreSQL only")
    with demo_engine.connect() as conn:
        dept = conn.execute(text("select min(id) from departments")).scalar_one()
    login = logins.add_user(logins.unique("screening_dept"), "部门", "department_staff", department_id=dept)
    staff_engine = make_engine(login.url)
    try:
        with staff_engine.connect() as conn, pytest.raises(Exception, match="permission denied"):
            conn.execute(text("select count(*) from screening_rounds"))
    finally:
        staff_engine.dispose()


def test_a_sensitive_period_makes_a_focused_town_round_due(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    (town, _village), _ = _two_towns(demo_engine)
    today = screening.today_local()
    week = screening.this_week(today)
    intake.save_period(sessions, DISPATCHER, intake.PeriodRow(None, "测试敏感期", today, today, "信访稳定"))
    with sessions() as s:
        due = {
            a.town_id for a in screening.missed_round_alerts(s, DISPATCHER, today) if a.kind == "focus_due"
        }
        assert town in due and None in due  # the town and the city
        assert screening.checklist_template("town", "routine", True)[-1] == "online"
    general = _form(level="town", town_id=town, period_start=week[0], period_end=week[1])
    screening.record_round(sessions, DISPATCHER, general)
    with sessions() as s:
        due = {
            a.town_id for a in screening.missed_round_alerts(s, DISPATCHER, today) if a.kind == "focus_due"
        }
        assert town in due  # a general round does not count in a sensitive period
        [row] = [
            r
            for r in screening.list_rounds(
                s, DISPATCHER, RoundFilter(level="town", town_id=town, date_from=today)
            )
            if r.id
            == max(
                x.id for x in screening.list_rounds(s, DISPATCHER, RoundFilter(level="town", town_id=town))
            )
        ]
        assert row.sensitive
    focused = _form(
        level="town",
        town_id=town,
        period_start=week[0],
        period_end=week[1],
        scope="focused",
        focus="信访稳定",
    )
    screening.record_round(sessions, DISPATCHER, focused)
    with sessions() as s:
        due = {
            a.town_id for a in screening.missed_round_alerts(s, DISPATCHER, today) if a.kind == "focus_due"
        }
        assert town not in due
        board = screening.compliance(s, DISPATCHER, week[0], today, town_id=town)
        [slot] = [x for x in board.slots if x.place.level == "town"]
        assert slot.focus_required and slot.status == "done"


def test_administrators_edit_the_checklist_templates(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    admin = Actor(2, Role.ADMIN, name="管理员")

    def stored() -> int:
        with demo_engine.connect() as conn:
            return int(conn.execute(text("select count(*) from screening_templates")).scalar_one())

    for actor, level, kind, items, message in (
        (DISPATCHER, "village", "routine", ["family"], "screening.template_admin"),
        (admin, "county", "routine", ["family"], "screening.template_level_kind"),
        (admin, "village", "routine", [], "screening.template_empty"),
        (admin, "village", "routine", ["family", "nonsense"], "screening.template_bad_items"),
    ):
        with pytest.raises(ScreeningError, match=message):
            screening.save_template(sessions, actor, level, kind, items)
    assert stored() == 0
    assert screening.save_template(
        sessions, admin, "village", "routine", ["petition", "family", "petition"]
    ) == (
        "petition",
        "family",
    )
    screening.save_template(sessions, admin, "village", "routine", ["land", "family"])
    assert stored() == 1
    with sessions() as s:
        found = screening.templates(s)
    assert found[("village", "routine")] == ("land", "family")
    assert found[("town", "routine")] == screening.checklist_template("town", "routine")
