"""Case intake at the desk on both engines: routing, the sensitive-period default, duplicate
suggestions, refusals that store nothing, and town staff kept to their own town (PostgreSQL: a
real town-staff login)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Case,
    CaseDepartment,
    CaseEvent,
    CaseLink,
    CategoryRoute,
    Change,
    Department,
    Grid,
    SensitivePeriod,
    Town,
)
from db.session import make_engine, make_sessionmaker
from db.vocab import CATEGORIES, Action, Channel, Kind, Role, Severity
from desktop.cases import intake
from desktop.cases.intake import IntakeForm, Party, PeriodRow
from desktop.cases.ladder import Actor
from desktop.cases.service import ActionRequest, CaseError, CaseService, actor_for
from desktop.clock import to_local
from desktop.geo import GridIndex
from desktop.users import current_user
from tests.pg_logins import Logins

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in China
ID_NUMBER = "11010519491231002X"  # a valid check digit


@pytest.fixture
def sessions(demo_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(demo_engine)


def _svc(sessions: sessionmaker[Session], now: dt.datetime = NOW) -> CaseService:
    return CaseService(sessions, clock=lambda: now)


def _actor(sessions: sessionmaker[Session], name: str = "dispatcher") -> Actor:
    with sessions() as s:
        return actor_for(s, name)


def _place(sessions: sessionmaker[Session], town_index: int = 0) -> intake.PlaceChoice:
    """A point inside a grid of the ``town_index``-th town (by id)."""
    with sessions() as s:
        town_id = s.scalars(select(Town.id).order_by(Town.id).offset(town_index).limit(1)).one()
        grid = s.scalars(select(Grid).where(Grid.town_id == town_id).order_by(Grid.id).limit(1)).one()
        index = GridIndex.from_session(s)
        inner = index.geometry(grid.id).representative_point()
        found = intake.place_at(s, index, float(inner.y), float(inner.x))
        assert found is not None and found.grid_id == grid.id
        return found


def _form(place: intake.PlaceChoice | None, **kw: Any) -> IntakeForm:
    base: dict[str, Any] = {
        "channel": Channel.RECEPTION,
        "kind": Kind.DISPUTE,
        "category": "land",
        "title": "两户承包地边界纠纷",
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "reporter_name": "王秀英",
        "reporter_phone": "13905321234",
        "parties": (Party("王秀英", "13905321234", ID_NUMBER), Party("李建国", "0532-88881234", "")),
        "description": "来访反映与邻户承包地界桩被移动。",
    }
    base.update(kw)
    return IntakeForm(**base)


def _counts(sessions: sessionmaker[Session]) -> tuple[int, ...]:
    with sessions() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Case, CaseEvent, Change, CaseDepartment, CaseLink)
        )


def _dept(sessions: sessionmaker[Session], code: str) -> int:
    with sessions() as s:
        return int(s.scalars(select(Department.id).where(Department.code == code)).one())


# --- routing -----------------------------------------------------------------------------------


def test_demo_routes_every_category_and_the_desk_case_goes_to_the_routed_department(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as s:
        table = {r.category: r.department_id for r in intake.routes(s)}
    assert set(table) == {c for cs in CATEGORIES.values() for c in cs}
    assert all(d is not None for d in table.values())
    assert table["land"] == _dept(sessions, "land")

    case = intake.file_case(_svc(sessions), _form(_place(sessions)), _actor(sessions))
    with sessions() as s:
        stored = s.get(Case, case.id)
        assert stored is not None
        assert [d.department_id for d in stored.departments] == [_dept(sessions, "land")]
        assert stored.channel == "reception"
        assert stored.reporter_phone == "13905321234"
        assert stored.party_names == "王秀英、李建国"
        assert stored.party_phones == "13905321234、0532-88881234".replace("-", "")
        assert stored.party_id_numbers == f"{ID_NUMBER}、"
        assert stored.parties_count == 2
        assert stored.status == "reported" and stored.version == 1
        event = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).one()
        assert event.action == "report"


def test_the_desk_may_pick_another_department_and_an_unrouted_category_gets_none(
    sessions: sessionmaker[Session],
) -> None:
    admin, desk = _actor(sessions, "admin"), _actor(sessions, "dispatcher")
    place = _place(sessions)
    chosen = _dept(sessions, "petition")
    case = intake.file_case(_svc(sessions), _form(place, department_id=chosen), desk)
    intake.save_routes(sessions, admin, {"land": None})
    unrouted = intake.file_case(_svc(sessions), _form(place), desk)
    with sessions() as s:
        assert [d.department_id for d in s.get(Case, case.id).departments] == [chosen]  # type: ignore[union-attr]
        assert s.get(Case, unrouted.id).departments == []  # type: ignore[union-attr]
        assert intake.routed_department(s, "land") is None
    intake.save_routes(sessions, admin, {"land": _dept(sessions, "agriculture")})
    with sessions() as s:
        assert intake.routed_department(s, "land") == _dept(sessions, "agriculture")


def test_only_administrators_change_routes_and_bad_routes_change_nothing(
    sessions: sessionmaker[Session],
) -> None:
    with sessions() as s:
        before = {r.category: r.department_id for r in intake.routes(s)}
    with pytest.raises(CaseError, match="^intake.routes_role"):
        intake.save_routes(sessions, _actor(sessions, "dispatcher"), {"land": None})
    with pytest.raises(CaseError, match="^intake.unknown_categories"):
        intake.save_routes(sessions, _actor(sessions, "admin"), {"land": None, "alien": 1})
    with pytest.raises(CaseError, match="^intake.route_department_unknown"):
        intake.save_routes(sessions, _actor(sessions, "admin"), {"land": 99999})
    with sessions() as s:
        assert {r.category: r.department_id for r in intake.routes(s)} == before


# --- sensitive periods -------------------------------------------------------------------------


def test_the_flag_defaults_on_inside_a_sensitive_period_and_off_outside(
    sessions: sessionmaker[Session],
) -> None:
    desk, place = _actor(sessions, "dispatcher"), _place(sessions)
    today = to_local(NOW).date()
    with sessions() as s:
        assert intake.period_on(s, today) is None  # the demo's periods are March and October
    outside = intake.file_case(_svc(sessions), _form(place), desk)
    saved = intake.save_period(
        sessions, desk, PeriodRow(None, "进博会期间", today - dt.timedelta(days=2), today, "重点人员稳控")
    )
    assert saved.id is not None
    inside = intake.file_case(_svc(sessions), _form(place), desk)
    overridden = intake.file_case(_svc(sessions), _form(place, sensitive_period=False), desk)
    next_day = NOW + dt.timedelta(days=1)
    after = intake.file_case(_svc(sessions, next_day), _form(place), desk)
    with sessions() as s:
        assert intake.period_for(s, NOW) == saved
        flags = {c: s.get(Case, c.id).sensitive_period for c in (outside, inside, overridden, after)}  # type: ignore[union-attr]
    assert flags == {outside: False, inside: True, overridden: False, after: False}


def test_periods_are_kept_by_dispatchers_and_admins_with_checked_dates(
    sessions: sessionmaker[Session],
) -> None:
    day = dt.date(2027, 3, 20)
    with pytest.raises(CaseError, match="^intake.periods_role"):
        intake.save_period(sessions, _actor(sessions, "leader"), PeriodRow(None, "x", day, day))
    desk = _actor(sessions, "dispatcher")
    with pytest.raises(CaseError, match="^intake.period_end_before_start"):
        intake.save_period(sessions, desk, PeriodRow(None, "清明节", day, day - dt.timedelta(days=1)))
    with pytest.raises(CaseError, match="^intake.period_name_required"):
        intake.save_period(sessions, desk, PeriodRow(None, "  ", day, day))
    with sessions() as s:
        before = len(intake.periods(s))
    row = intake.save_period(sessions, _actor(sessions, "admin"), PeriodRow(None, "清明节", day, day))
    changed = intake.save_period(sessions, desk, dataclasses.replace(row, ends_on=day + dt.timedelta(days=3)))
    with sessions() as s:
        assert len(intake.periods(s)) == before + 1
        assert intake.period_on(s, day + dt.timedelta(days=3)) == changed
    intake.delete_period(sessions, desk, row.id or 0)
    with sessions() as s:
        assert len(intake.periods(s)) == before
        assert intake.periods(s, since=dt.date(2099, 1, 1)) == []


# --- duplicate suggestion ----------------------------------------------------------------------


def _probe(place: intake.PlaceChoice | None, *parties: Party) -> intake.DuplicateProbe:
    return intake.probe_for(place, parties)


def test_duplicates_by_place_and_by_party_in_the_last_days(sessions: sessionmaker[Session]) -> None:
    desk = _actor(sessions, "dispatcher")
    here, far = _place(sessions, 0), _place(sessions, 5)
    first = intake.file_case(_svc(sessions), _form(here), desk)
    elsewhere = intake.file_case(
        _svc(sessions),
        _form(far, parties=(Party("赵丽娟", "13800001111"),), reporter_name="赵丽娟", reporter_phone=""),
        desk,
    )
    old = intake.file_case(_svc(sessions, NOW - dt.timedelta(days=40)), _form(here), desk)
    with sessions() as s:
        same_place = intake.find_duplicates(s, desk, _probe(here), NOW)
        by_name = intake.find_duplicates(s, desk, _probe(None, Party("赵丽娟")), NOW)
        by_phone = intake.find_duplicates(s, desk, _probe(None, Party("某某", "138-0000-1111")), NOW)
        not_whole_name = intake.find_duplicates(s, desk, _probe(None, Party("丽娟")), NOW)
        longer = intake.find_duplicates(s, desk, _probe(here), NOW, days=60)
    hit = {c.case_id: c for c in same_place}
    assert first.id in hit and {"grid", "near"} <= set(hit[first.id].reasons)
    assert hit[first.id].distance_m == pytest.approx(0.0, abs=1e-6)
    assert elsewhere.id not in hit and old.id not in hit
    assert [c.case_id for c in by_name] == [elsewhere.id] and by_name[0].reasons == ("name",)
    assert by_name[0].matched == ("赵丽娟",)
    assert [c.case_id for c in by_phone] == [elsewhere.id] and by_phone[0].reasons == ("phone",)
    assert elsewhere.id not in {c.case_id for c in not_whole_name}
    assert old.id in {c.case_id for c in longer}


def test_duplicates_leave_out_closed_cases_and_other_towns_for_town_staff(
    sessions: sessionmaker[Session],
) -> None:
    desk = _actor(sessions, "dispatcher")
    here = _place(sessions, 0)
    kept = intake.file_case(_svc(sessions), _form(here, title="保留"), desk)
    gone = intake.file_case(_svc(sessions), _form(here, title="已驳回"), desk)
    _svc(sessions).act(gone.id, ActionRequest(Action.REJECT, gone.version, reason="重复来访"), desk)
    with sessions() as s:
        found = {c.case_id for c in intake.find_duplicates(s, desk, _probe(here, Party("王秀英")), NOW)}
        own_town = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=here.town_id)
        other_town = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=_place(sessions, 5).town_id)
        own = {c.case_id for c in intake.find_duplicates(s, own_town, _probe(here), NOW)}
        other = {c.case_id for c in intake.find_duplicates(s, other_town, _probe(here, Party("王秀英")), NOW)}
    assert kept.id in found and gone.id not in found
    assert kept.id in own and kept.id not in other


def test_linking_a_suggestion_as_related_in_the_same_transaction(sessions: sessionmaker[Session]) -> None:
    desk, here = _actor(sessions, "dispatcher"), _place(sessions)
    first = intake.file_case(_svc(sessions), _form(here), desk)
    second = intake.file_case(_svc(sessions), _form(here, related_case_ids=(first.id,)), desk)
    with sessions() as s:
        link = s.scalars(select(CaseLink).where(CaseLink.case_id == second.id)).one()
        assert (link.other_case_id, link.link_type) == (first.id, "related")
        event = s.scalars(select(CaseEvent).where(CaseEvent.case_id == second.id)).one()
        assert first.number in event.comment
    before = _counts(sessions)
    with pytest.raises(CaseError, match="^case.related_not_visible"):
        intake.file_case(_svc(sessions), _form(here, related_case_ids=(first.id, 10**9)), desk)
    assert _counts(sessions) == before


# --- places ------------------------------------------------------------------------------------


def test_places_by_name_and_pinyin_initials_in_the_actor_scope(sessions: sessionmaker[Session]) -> None:
    here = _place(sessions, 0)
    desk = _actor(sessions, "dispatcher")
    with sessions() as s:
        from desktop.pinyin import initials

        by_name = intake.search_places(s, desk, here.village)
        by_pinyin = intake.search_places(s, desk, initials(here.village), limit=200)
        town_staff = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=_place(sessions, 5).town_id)
        hidden = intake.search_places(s, town_staff, here.village)
        index = GridIndex.from_session(s)
        resolved = intake.resolve_choice(s, index, by_name[0])
        assert intake.place_at(s, index, 10.0, 10.0) is None
    assert any(p.village_id == here.village_id and p.grid_id is None for p in by_name)
    assert any(p.village_id == here.village_id for p in by_pinyin)
    assert all(p.town_id == town_staff.town_id for p in hidden)
    assert resolved.grid_id is not None and resolved.village_id == by_name[0].village_id


# --- refusals store nothing ----------------------------------------------------------------------


BAD: list[tuple[dict[str, Any], str]] = [
    ({"title": "  "}, "intake.title_required"),
    ({"title": "长" * 201}, "intake.title_too_long"),
    ({"lat": None, "lon": None}, "intake.place_required"),
    ({"category": "family_planning"}, "intake.category_required"),
    ({"reporter_name": "", "reporter_phone": ""}, "intake.reporter_required"),
    ({"channel": Channel.PHONE, "reporter_phone": ""}, "intake.caller_phone_required"),
    ({"reporter_phone": "12ab"}, "intake.reporter_phone_invalid"),
    ({"parties": (Party("张三", "", "110105194912310021"),)}, "intake.party_id_check_digit"),
    ({"parties": (Party("张三", "", "12345"),)}, "intake.party_id_length"),
    ({"parties": (Party("", "13800001111"),)}, "intake.party_name_required"),
    ({"parties": (Party("张三、李四"),)}, "intake.party_name_separator"),
    ({"parties_count": 1}, "intake.parties_count_below"),
    ({"mass_incident": True, "parties_count": 3}, "intake.mass_incident_parties"),
    ({"department_id": 99999}, "case.department_unknown"),
    ({"lat": 40.0, "lon": 116.4}, "case.outside_city"),
]


@pytest.mark.parametrize(("change", "code"), BAD, ids=[c for _c, c in BAD])
def test_bad_input_is_refused_with_a_code_and_stores_nothing(
    sessions: sessionmaker[Session], change: dict[str, Any], code: str
) -> None:
    place = _place(sessions)
    before = _counts(sessions)
    with pytest.raises(CaseError) as refused:
        intake.file_case(_svc(sessions), _form(place, **change), _actor(sessions))
    assert refused.value.code == code
    assert _counts(sessions) == before


def test_roles_that_do_not_file_are_refused(sessions: sessionmaker[Session]) -> None:
    place = _place(sessions)
    before = _counts(sessions)
    for name in ("admin", "auditor", "dept_land"):
        with pytest.raises(CaseError, match="^intake.role"):
            intake.file_case(_svc(sessions), _form(place), _actor(sessions, name))
    assert _counts(sessions) == before


def test_town_staff_file_in_their_own_town_only(sessions: sessionmaker[Session]) -> None:
    own, other = _place(sessions, 0), _place(sessions, 5)
    staff = _actor(sessions, f"town{own.town_id:02d}")
    before = _counts(sessions)
    with pytest.raises(CaseError, match="^case.other_town"):
        intake.file_case(_svc(sessions), _form(other), staff)
    assert _counts(sessions) == before
    case = intake.file_case(_svc(sessions), _form(own), staff)
    assert case.town_id == own.town_id


@pytest.mark.pg
def test_a_town_staff_login_cannot_file_in_another_town(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("logins and row-level security exist on PostgreSQL only")
    admin_sessions = make_sessionmaker(demo_engine)
    own, other = _place(admin_sessions, 0), _place(admin_sessions, 5)
    login = logins.add_user(logins.unique("intake_town"), "石岭镇接待窗口", "town_staff", town_id=own.town_id)
    engine = make_engine(login.url)
    try:
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            me = current_user(s)
            assert me is not None
            actor = actor_for(s, me.username)
        before = _counts(admin_sessions)
        with pytest.raises(CaseError, match="^case.other_town"):
            intake.file_case(_svc(sessions), _form(other), actor)
        # Past the app's own check (a forged town on the actor), the database refuses the row.
        forged = dataclasses.replace(actor, town_id=other.town_id)
        with pytest.raises(DBAPIError, match="row-level security"):
            intake.file_case(_svc(sessions), _form(other), forged)
        assert _counts(admin_sessions) == before
        # The routes and the calendar are readable, and filing at home works, departments included.
        case = intake.file_case(_svc(sessions), _form(own, severity=Severity.MAJOR), actor)
        with sessions() as s:
            stored = s.get(Case, case.id)
            assert stored is not None and stored.town_id == own.town_id
            assert [d.department_id for d in stored.departments] == [_dept(admin_sessions, "land")]
            assert intake.periods(s)
        # The calendar and the routes are for dispatchers and administrators to keep.
        with pytest.raises(DBAPIError, match="permission denied"), sessions.begin() as s:
            s.add(SensitivePeriod(name="x", starts_on=NOW.date(), ends_on=NOW.date()))
        with pytest.raises(DBAPIError, match="permission denied"), sessions.begin() as s:
            s.add(CategoryRoute(category="land", department_id=1))
    finally:
        engine.dispose()
