"""Petitions, spot checks, polls and the responsibility trace on both engines: the demo's flags,
imports that store all or nothing, town staff kept to their town (PostgreSQL: a real town-staff
login and an auditor who sees petitioners masked)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, OpinionPoll, Petition, SpotCheck, SupervisionOrder, Town
from db.session import make_engine, make_sessionmaker
from desktop import accountability as acc
from desktop import petitions as pet
from desktop.cases.service import actor_for
from desktop.cases.trace import TraceNotVisible, load_trace
from desktop.clock import to_local, utcnow
from desktop.users import current_user
from tests.pg_logins import Logins

NOW = utcnow()
TODAY = to_local(NOW).date()


@pytest.fixture
def sessions(demo_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(demo_engine)


def _count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _towns(sessions: sessionmaker[Session]) -> list[tuple[int, str]]:
    with sessions() as s:
        return [(int(r.id), str(r.name)) for r in s.execute(select(Town.id, Town.name).order_by(Town.id))]


def _csv(*rows: str) -> bytes:
    head = "信访件编号,登记日期,信访人,联系电话,身份证后四位,登记层级,信访方式,事项类别,信访事项,所属镇街,办理状态,关联案件编号"
    return ("\n".join([head, *rows]) + "\n").encode("utf-8")


def test_the_demo_has_flagged_petitions_and_a_falling_year_on_year_measure(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as s:
        desk = actor_for(s, "dispatcher")
        rows = pet.list_petitions(s, desk)
        repeat = pet.list_petitions(s, desk, pet.PetitionFilter(flag="repeat"))
        skipping = pet.list_petitions(s, desk, pet.PetitionFilter(flag="skipping"))
        yoy = pet.yoy_measure(s, desk, TODAY)
    assert len(rows) > 50 and any(r.case_id for r in rows)
    assert repeat and all(r.flags.repeat for r in repeat)
    assert skipping and all(r.level_skipping for r in (x.flags for x in skipping))
    assert all(r.level > 2 for r in skipping)
    total = yoy.rows[-1]
    assert total.total > 0 and total.total_last_year > 0
    assert sum(r.total for r in yoy.rows[:-1]) == total.total


def test_town_staff_see_their_town_only(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        town_id = s.scalar(select(Petition.town_id).group_by(Petition.town_id).order_by(func.count().desc()))
        staff = actor_for(s, f"town{town_id:02d}")
        rows = pet.list_petitions(s, staff)
        checks = acc.list_spot_checks(s, staff)
        polls = acc.list_polls(s, staff)
        yoy = pet.yoy_measure(s, staff, TODAY)
    assert rows and {r.town_id for r in rows} == {town_id}
    assert all(c.town_id == town_id for c in checks)
    assert all(p.town_id in (None, town_id) for p in polls)
    assert [r.town_id for r in yoy.rows[:-1]] == [town_id]


def test_a_bad_import_stores_nothing_unless_the_valid_rows_are_chosen(
    sessions: sessionmaker[Session],
) -> None:
    (t1, name1), (_t2, _name2) = _towns(sessions)[:2]
    with sessions() as s:
        desk = actor_for(s, "dispatcher")
        case_number = s.scalar(select(Case.number).where(Case.town_id == t1).limit(1))
    data = _csv(
        f"T-1,2026-01-05,张三,13800001111,123X,县市,来访,土地,征地补偿,{name1},转办,{case_number}",
        "T-2,2099-01-01,,abc,12,火星,飞鸽,xx,,无此镇,未知,PD-0",
        f"T-1,2026-02-05,李四,,,镇,来信,劳资,欠薪,{name1},,",
    )
    before = _count(sessions, Petition)
    report = pet.import_file(sessions, desk, data, "csv", now=NOW, dry_run=False)
    assert report.stored == 0 and len(report.bad) == 2 and len(report.good) == 1
    found = {(p.row, p.column, p.code) for p in report.problems}
    assert {
        (3, "received_on", "petitions.date_future"),
        (3, "petitioner_name", "petitions.name_required"),
        (3, "petitioner_phone", "petitions.phone_format"),
        (3, "petitioner_id_tail", "petitions.id_tail_format"),
        (3, "level", "petitions.level_unknown"),
        (3, "channel", "petitions.channel_unknown"),
        (3, "category", "petitions.category_unknown"),
        (3, "town", "petitions.town_unknown"),
        (3, "status", "petitions.status_unknown"),
        (3, "case_number", "petitions.case_unknown"),
        (4, "number", "petitions.number_repeated"),
    } <= found, report.text()
    facts = {p.code: dict(p.params) for p in report.problems}
    assert facts["petitions.town_unknown"] == {"town": "无此镇"}
    assert facts["petitions.case_unknown"] == {"case_number": "PD-0"}
    assert _count(sessions, Petition) == before
    # The dry run of the same file stores nothing either; then the valid row alone, on request.
    assert pet.import_file(sessions, desk, data, "csv", now=NOW, dry_run=True).stored == 0
    report = pet.import_file(sessions, desk, data, "csv", now=NOW, dry_run=False, valid_only=True)
    assert report.stored == 1 and _count(sessions, Petition) == before + 1
    with sessions() as s:
        stored = s.scalars(select(Petition).where(Petition.number == "T-1")).one()
        assert (stored.level, stored.channel, stored.category, stored.status) == (
            3,
            "visit",
            "land",
            "transferred",
        )
        assert stored.case_id is not None and stored.petitioner_id_tail == "123X"
    # An unreadable file is a report too, and stores nothing.
    broken = pet.import_file(sessions, desk, b"\xff\xfe\x00garbage", "json", now=NOW, dry_run=False)
    assert broken.file_error is not None and broken.file_error.code == "petitions.encoding"
    assert broken.stored == 0 and _count(sessions, Petition) == before + 1


def test_export_and_import_again_round_trip_in_both_formats(
    sessions: sessionmaker[Session], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    with sessions() as s:
        desk = actor_for(s, "dispatcher")
        before = [
            (r.number, r.level, r.channel, r.category, r.status, r.case_number)
            for r in pet.list_petitions(s, desk)
        ]
    for fmt in ("csv", "json"):
        out = tmp_path / f"p.{fmt}"
        assert pet.export_file(sessions, desk, None, out, fmt) == len(before)
        report = pet.import_file(sessions, desk, out.read_bytes(), fmt, now=NOW, dry_run=False)
        assert not report.bad and report.stored == len(before)
        assert {r.action for r in report.rows} == {"update"}
    assert json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["petitions"][0]["number"]
    assert (tmp_path / "p.csv").read_bytes().startswith("\ufeff信访件编号".encode())
    with sessions() as s:
        after = [
            (r.number, r.level, r.channel, r.category, r.status, r.case_number)
            for r in pet.list_petitions(s, desk)
        ]
    assert after == before


def test_town_staff_import_and_link_in_their_own_town_only(sessions: sessionmaker[Session]) -> None:
    (t1, name1), (t2, name2) = _towns(sessions)[:2]
    with sessions() as s:
        staff = actor_for(s, f"town{t1:02d}")
        other_case = s.scalar(select(Case.number).where(Case.town_id == t2).limit(1))
        own_case = s.scalar(select(Case.number).where(Case.town_id == t1).limit(1))
    before = _count(sessions, Petition)
    report = pet.import_file(
        sessions,
        staff,
        _csv(f"T-9,2026-01-05,张三,,,镇,来访,土地,征地,{name2},,"),
        "csv",
        now=NOW,
        dry_run=False,
    )
    assert [p.code for p in report.problems] == ["petitions.town_not_own"]
    assert _count(sessions, Petition) == before
    report = pet.import_file(
        sessions,
        staff,
        _csv(f"T-9,2026-01-05,张三,,,镇,来访,土地,征地,{name1},,"),
        "csv",
        now=NOW,
        dry_run=False,
    )
    assert report.stored == 1
    with sessions() as s:
        pid = s.scalar(select(Petition.id).where(Petition.number == "T-9"))
    assert pid is not None
    with pytest.raises(pet.PetitionError, match="petitions.no_case"), sessions.begin() as s:
        pet.link_case(s, staff, pid, other_case, NOW)
    with sessions.begin() as s:
        pet.link_case(s, staff, pid, own_case, NOW)
    with sessions() as s:
        assert (
            s.scalar(
                select(Case.number).join(Petition, Petition.case_id == Case.id).where(Petition.id == pid)
            )
            == own_case
        )


def test_spot_checks_and_polls_are_checked_before_anything_is_stored(sessions: sessionmaker[Session]) -> None:
    (t1, _), (t2, _) = _towns(sessions)[:2]
    with sessions() as s:
        desk = actor_for(s, "dispatcher")
        staff = actor_for(s, f"town{t1:02d}")
    checks, polls = _count(sessions, SpotCheck), _count(sessions, OpinionPoll)
    bad = acc.SpotCheckDraft(
        TODAY + dt.timedelta(days=1), "", "town", "covert", town_id=t2, rectification="整改"
    )
    with pytest.raises(acc.RecordError) as refused, sessions.begin() as s:
        acc.save_spot_check(s, staff, bad, NOW)
    codes = [refused.value.code, *(e.code for e in refused.value.params["also"])]
    assert {
        "records.check_future",
        "records.checker_required",
        "records.check_own_town",
        "records.rectify_by_required",
    } <= set(codes)
    with pytest.raises(acc.RecordError, match="records.counts_exceed_sample"), sessions.begin() as s:
        acc.save_poll(s, desk, acc.PollDraft(TODAY, TODAY, None, "", 10, 8, 2, 1), NOW)
    assert (_count(sessions, SpotCheck), _count(sessions, OpinionPoll)) == (checks, polls)
    good = acc.SpotCheckDraft(
        TODAY,
        "镇督查组 王某",
        "town",
        "covert",
        town_id=t1,
        problems="脱岗",
        rectification="整改",
        rectify_by=TODAY + dt.timedelta(days=7),
    )
    with sessions.begin() as s:
        cid = acc.save_spot_check(s, staff, good, NOW)
        acc.save_poll(s, staff, acc.PollDraft(TODAY, TODAY, t1, "东村", 100, 80, 15, 5), NOW)
    with sessions() as s:
        rows = acc.list_spot_checks(s, staff, acc.SpotCheckFilter(open_only=True, mode="covert"))
        assert cid in [r.id for r in rows]
        other_check = s.scalar(
            select(SpotCheck.id).where(SpotCheck.town_id != t1, SpotCheck.town_id.is_not(None))
        )
    with pytest.raises(acc.RecordError, match="records.no_check"), sessions.begin() as s:
        acc.mark_rectified(s, staff, other_check)
    with sessions.begin() as s:
        acc.mark_rectified(s, staff, cid)
    with sessions() as s:
        assert cid not in [r.id for r in acc.list_spot_checks(s, staff, acc.SpotCheckFilter(open_only=True))]
        poll = acc.list_polls(s, staff, acc.PollFilter(town_id=t1))[0]
        assert poll.satisfaction == pytest.approx(0.95)


def test_the_trace_of_a_supervised_case(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        case_id = s.scalar(select(SupervisionOrder.case_id).order_by(SupervisionOrder.id).limit(1))
        desk = actor_for(s, "dispatcher")
        trace = load_trace(s, desk, case_id, NOW)
        case = s.get(Case, case_id)
        assert case is not None
        other_town = s.scalar(select(Town.id).where(Town.id != case.town_id).limit(1))
        with pytest.raises(TraceNotVisible):
            load_trace(s, actor_for(s, f"town{other_town:02d}"), case_id, NOW)
    assert trace.number == case.number and trace.orders
    assert trace.stints[0].start == case.reported_at
    assert trace.stints[-1].level == case.level
    assert all(s.unit or s.level == 3 for s in trace.stints)  # the city's unit is named by the UI


@pytest.mark.pg
def test_a_town_login_and_an_auditor_login_on_postgresql(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("logins and row-level security exist on PostgreSQL only")
    admin_sessions = make_sessionmaker(demo_engine)
    (t1, name1), (t2, name2) = _towns(admin_sessions)[:2]
    town = logins.add_user(logins.unique("pet_town"), "镇信访干事", "town_staff", town_id=t1)
    auditor = logins.add_user(logins.unique("pet_audit"), "审计员", "auditor")
    engine = make_engine(town.url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            me = current_user(s)
            assert me is not None
            actor = actor_for(s, me.username)
            # Raw SQL sees the town's rows only: the database scopes them, not the app.
            towns = set(s.scalars(text("select distinct town_id from petitions")))
            assert towns == {t1}
            assert set(s.scalars(text("select distinct town_id from spot_checks"))) <= {t1}
            rows = pet.list_petitions(s, actor)
            assert rows and rows[0].petitioner_name and "*" not in rows[0].petitioner_name
        before = _count(admin_sessions, Petition)
        report = pet.import_file(
            sessions,
            actor,
            _csv(f"P-1,2026-01-05,张三,,,镇,来访,土地,征地,{name1},,"),
            "csv",
            now=NOW,
            dry_run=False,
        )
        assert report.stored == 1 and _count(admin_sessions, Petition) == before + 1
        # Past the app's own checks, the database refuses a row of another town.
        with pytest.raises(DBAPIError, match="row-level security"), sessions.begin() as s:
            s.add(
                Petition(
                    number="P-2",
                    received_on=TODAY,
                    petitioner_name="x",
                    level=2,
                    channel="visit",
                    category="land",
                    matter="x",
                    town_id=t2,
                    status="registered",
                    created_at=NOW,
                    updated_at=NOW,
                )
            )
        with pytest.raises(DBAPIError, match="row-level security"), sessions.begin() as s:
            s.add(
                SpotCheck(
                    checked_on=TODAY,
                    checker="x",
                    unit_kind="town",
                    mode="overt",
                    town_id=t2,
                    findings="",
                    problems="",
                    rectification="",
                    rectified=False,
                    created_at=NOW,
                )
            )
        assert _count(admin_sessions, Petition) == before + 1
    finally:
        engine.dispose()
    engine = make_engine(auditor.url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            actor = actor_for(s, auditor.name)
            rows = pet.list_petitions(s, actor)
            assert rows and all("*" in r.petitioner_name for r in rows if r.petitioner_name)
            assert any(r.flags.repeat for r in rows)  # the flags work on the pseudonymous key
            with pytest.raises(DBAPIError, match="permission denied"):
                s.execute(text("select petitioner_name from petitions limit 1")).all()
        with pytest.raises(pet.PetitionError, match="petitions.import_role"):
            pet.import_file(sessions, actor, _csv(), "csv", now=NOW, dry_run=False)
    finally:
        engine.dispose()
