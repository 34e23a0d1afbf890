"""Row-level security and grants (migration 0008) over real PostgreSQL logins of every role.

The test server's own role is a superuser, which bypasses RLS; so these tests create a login per
role (as ``users add`` does), connect as it with its password and try to read and write beyond
its scope with raw SQL and through the app's own read and write paths. Roles are cluster-wide:
the logins get unique names and are dropped at the end (tests.pg_logins); the group roles stay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from db.session import make_engine, make_sessionmaker
from db.vocab import Action, Role, Status
from desktop.cases import detail, queue
from desktop.cases.ladder import Actor, LadderError
from desktop.cases.service import ActionRequest, CaseService, actor_for
from desktop.live import alerts, mapdata
from desktop.live.feed import FeedReader
from desktop.meetings.service import upcoming
from desktop.users import current_user
from tests.pg_logins import Login, demo_server, unique_name

pytestmark = pytest.mark.pg

ROLES = ("dispatcher", "leader", "town_staff", "department_staff", "auditor", "admin")
NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


@dataclass
class World:
    admin_url: str
    town_a: int
    town_b: int
    department: int
    dept_cases: frozenset[int]
    logins: dict[str, Login]


def _scalar(url: str, sql: str) -> object:
    eng = make_engine(url)
    try:
        with eng.connect() as conn:
            return conn.execute(text(sql)).scalar()
    finally:
        eng.dispose()


@pytest.fixture(scope="module")
def world(_templates: object) -> Iterator[World]:
    with demo_server(_templates) as (url, admin, made):
        with admin.connect() as conn:
            town_a, town_b = conn.execute(
                text("select town_id from cases group by town_id order by count(*) desc, town_id limit 2")
            ).scalars()
            department = conn.execute(
                text(
                    "select department_id from case_departments group by department_id "
                    "order by count(*) desc, department_id limit 1"
                )
            ).scalar_one()
        logins = {
            role: made.add_user(
                unique_name(f"rls_{role[:4]}"),
                f"测试{role}",
                role,
                town_id=town_a if role == "town_staff" else None,
                department_id=department if role == "department_staff" else None,
            )
            for role in (*ROLES, "gateway")
        }
        with admin.connect() as conn:
            dept_cases = frozenset(
                conn.execute(
                    text(
                        "select case_id from case_departments where department_id = :d union "
                        "select case_id from action_items where department_id = :d and case_id is not null"
                    ),
                    {"d": department},
                ).scalars()
            )
        yield World(url, town_a, town_b, department, dept_cases, logins)


@pytest.fixture(scope="module")
def engines(world: World) -> Iterator[dict[str, Engine]]:
    made = {role: make_engine(login.url) for role, login in world.logins.items()}
    yield made
    for eng in made.values():
        eng.dispose()


def _try(login: Login, sql: str, params: dict[str, object] | None = None) -> int | str:
    """Run one statement as the login in a transaction that is rolled back.

    Returns the rows returned (SELECT) or affected (writes), or the SQLSTATE of the refusal.
    """
    with psycopg.connect(login.dsn) as conn:
        try:
            cur = conn.execute(sql, params)  # type: ignore[arg-type]
            count = len(cur.fetchall()) if cur.description is not None else cur.rowcount
        except psycopg.Error as exc:
            return str(exc.sqlstate)
        finally:
            conn.rollback()
    return count


DENIED = errors.InsufficientPrivilege.sqlstate  # 42501: no grant, or an RLS WITH CHECK violation
NOT_OWNER = DENIED
AUDIT_REFUSED = {DENIED, errors.RaiseException.sqlstate}  # grant missing, or the append-only trigger


# --- role × table × verb ----------------------------------------------------------------------

# (role, statement, expectation): 0 = returns/affects nothing; "denied" = refused.
OUT_OF_SCOPE: list[tuple[str, str, str | int]] = [
    # town staff: another town's rows are invisible and unwritable
    ("town_staff", "select id from cases where town_id = %(b)s", 0),
    ("town_staff", "update cases set title = 'x' where town_id = %(b)s", 0),
    ("town_staff", "delete from cases where town_id = %(b)s", "denied"),
    ("town_staff", "update cases set town_id = %(b)s where town_id = %(a)s", "denied"),
    (
        "town_staff",
        "insert into cases (number, kind, category, title, description, lat, lon, town_id, village_id, "
        "grid_id, reporter_name, parties_count, party_names, party_phones, party_id_numbers, severity, "
        "mass_incident, sensitive_period, status, level, owner_unit, reported_at, updated_at, "
        "sla_started_at, version) select 'X-1', kind, category, title, '', lat, lon, %(b)s, village_id, "
        "grid_id, '', 1, '', '', '', severity, false, false, 'reported', 1, '', now(), now(), now(), 1 "
        "from cases where town_id = %(a)s limit 1",
        "denied",
    ),
    ("town_staff", "select id from sentiment_logs where town_id = %(b)s", 0),
    ("town_staff", "update sentiment_logs set content = 'x' where town_id = %(b)s", 0),
    ("town_staff", "select id from workers where town_id = %(b)s", 0),
    ("town_staff", "select id from village_helpers where town_id = %(b)s", 0),
    ("town_staff", "update village_helpers set phone = '1'", "denied"),
    ("town_staff", "update workers set phone = '1' where town_id = %(b)s", 0),
    (
        "town_staff",
        "select p.id from positions p where p.worker_id in (select id from workers where town_id <> %(a)s)",
        0,
    ),
    ("town_staff", "select worker_id from worker_latest where worker_id not in (select id from workers)", 0),
    ("town_staff", "select count(*) from worker_latest having count(*) > (select count(*) from workers)", 0),
    ("town_staff", "select e.id from case_events e where e.case_id not in (select id from cases)", 0),
    ("town_staff", "select o.id from supervision_orders o where o.case_id not in (select id from cases)", 0),
    (
        "town_staff",
        "select d.case_id from case_departments d where d.case_id not in (select id from cases)",
        0,
    ),
    ("town_staff", "select l.id from case_links l where l.case_id not in (select id from cases)", 0),
    ("town_staff", "select a.id from agenda_items a where a.case_id not in (select id from cases)", 0),
    (
        "town_staff",
        "insert into case_events (case_id, at, actor_name, actor_role, action, reason, comment) "
        "select id, now(), 'x', 'town_staff', 'comment', '', '' from cases where town_id = %(b)s limit 1",
        0,  # the other town's case is not even visible to pick
    ),
    ("town_staff", "update users set town_id = %(b)s where username = session_user", "denied"),
    ("town_staff", "update users set role = 'dispatcher' where username = session_user", "denied"),
    ("town_staff", "select id from idempotency_keys", "denied"),
    ("town_staff", "select token_hash from device_credentials", "denied"),
    # department staff: only the cases of their department
    ("department_staff", "select id from cases where not (id = any(%(dept)s))", 0),
    ("department_staff", "update cases set title = 'x' where not (id = any(%(dept)s))", 0),
    ("department_staff", "delete from cases", "denied"),
    ("department_staff", "insert into cases (number) values ('X-2')", "denied"),
    ("department_staff", "select e.id from case_events e where not (e.case_id = any(%(dept)s))", 0),
    ("department_staff", "select id from sentiment_logs where case_id is null", 0),
    ("department_staff", "select id from supervision_orders where not (case_id = any(%(dept)s))", 0),
    ("department_staff", "update action_items set evidence = 'x' where department_id <> %(d)s", 0),
    ("department_staff", "update users set department_id = null where username = session_user", "denied"),
    # auditors: read everything but the parties' personal fields, write nothing
    ("auditor", "select party_names from cases limit 1", "denied"),
    ("auditor", "select party_phones from cases limit 1", "denied"),
    ("auditor", "select party_id_numbers from cases limit 1", "denied"),
    ("auditor", "select * from cases limit 1", "denied"),
    ("auditor", "update cases set title = 'x'", "denied"),
    ("auditor", "insert into cases (number) values ('X-3')", "denied"),
    ("auditor", "delete from cases", "denied"),
    ("auditor", "update sentiment_logs set content = 'x'", "denied"),
    (
        "auditor",
        "insert into case_events (case_id, at, actor_role, action) values (1, now(), 'x', 'x')",
        "denied",
    ),
    ("auditor", "update workers set phone = '1'", "denied"),
    ("auditor", "update meetings set title = 'x'", "denied"),
    ("auditor", "insert into changes (at, entity, entity_id, op) values (now(), 'case', 1, 'x')", "denied"),
    ("auditor", "update users set active = false", "denied"),
    # administrators manage users, not the parties' personal data
    ("admin", "select party_names from cases limit 1", "denied"),
    ("admin", "update cases set party_names = 'x'", "denied"),
    # the gateway files reports; it cannot read or change cases
    ("gateway", "select id from cases limit 1", "denied"),
    ("gateway", "select count(*) from cases", "denied"),
    ("gateway", "update cases set title = 'x'", "denied"),
    ("gateway", "delete from cases", "denied"),
    ("gateway", "select id from case_events limit 1", "denied"),
    ("gateway", "select id from sentiment_logs limit 1", "denied"),
    ("gateway", "select id from report_photos limit 1", "denied"),
    ("gateway", "select id from users limit 1", "denied"),
    ("gateway", "select id from meetings limit 1", "denied"),
    ("gateway", "select id from supervision_orders limit 1", "denied"),
    ("gateway", "update workers set town_id = 1", "denied"),
    ("gateway", "update device_credentials set revoked_at = null", "denied"),
    ("gateway", "delete from positions", "denied"),
    (
        "gateway",
        "insert into cases (id, number, kind, category, title, description, lat, lon, town_id, village_id, "
        "grid_id, reporter_name, parties_count, party_names, party_phones, party_id_numbers, severity, "
        "mass_incident, sensitive_period, status, level, owner_unit, reported_at, updated_at, "
        "sla_started_at, version) values (nextval('cases_id_seq'), 'X-4', 'dispute', 'other', 't', '', "
        "36.8, 119.9, 1, (select min(id) from villages where town_id = 1), (select min(id) from grids "
        "where town_id = 1), '', 1, '', '', '', 1, false, false, 'closed', 3, '', now(), now(), now(), 1)",
        "denied",  # only new reports
    ),
]
# Nobody but the table owner may alter audit rows.
for _role in ("dispatcher", "leader", "town_staff", "department_staff", "auditor", "admin", "gateway"):
    OUT_OF_SCOPE += [
        (_role, "update case_events set reason = 'x'", "denied"),
        (_role, "delete from case_events", "denied"),
        (_role, "truncate case_events", "denied"),
        (_role, "update meeting_events set reason = 'x'", "denied"),
        (_role, "delete from meeting_events", "denied"),
        (_role, "alter table cases disable row level security", "denied"),
        (_role, "alter table cases no force row level security", "denied"),
        (_role, "drop policy town_scope on cases", "denied"),
        (
            _role,
            "select concord_case_parties_masked(1)",
            "denied" if _role not in ("admin", "auditor") else 1,
        ),
        (_role, "set role postgres", "denied"),
    ]


@pytest.mark.parametrize(
    ("role", "sql", "expected"),
    OUT_OF_SCOPE,
    ids=[f"{r}:{' '.join(s.split()[:4])}" for r, s, _ in OUT_OF_SCOPE],
)
def test_beyond_scope_fails_or_sees_nothing(world: World, role: str, sql: str, expected: str | int) -> None:
    params = {
        "a": world.town_a,
        "b": world.town_b,
        "d": world.department,
        "dept": sorted(world.dept_cases),
    }
    got = _try(world.logins[role], sql, params)
    if expected == "denied":
        assert isinstance(got, str), f"{role} was allowed: {sql} → {got} row(s)"
        assert got in AUDIT_REFUSED | {NOT_OWNER}, got
    else:
        assert got == expected, f"{role}: {sql} → {got}"


def test_each_role_sees_exactly_its_scope(world: World) -> None:
    admin = make_engine(world.admin_url)
    try:
        with admin.connect() as conn:
            total = conn.execute(text("select count(*) from cases")).scalar_one()
            in_town = conn.execute(
                text("select count(*) from cases where town_id = :t"), {"t": world.town_a}
            ).scalar_one()
            town_logs = conn.execute(
                text("select count(*) from sentiment_logs where town_id = :t"), {"t": world.town_a}
            ).scalar_one()
            town_workers = conn.execute(
                text("select count(*) from workers where town_id = :t"), {"t": world.town_a}
            ).scalar_one()
    finally:
        admin.dispose()
    assert 0 < in_town < total and world.dept_cases
    count = "select id from cases"
    for role in ("dispatcher", "leader", "auditor", "admin"):
        assert _try(world.logins[role], count) == total, role
    town = world.logins["town_staff"]
    assert _try(town, count) == in_town
    assert _try(town, "select id from sentiment_logs") == town_logs
    assert _try(town, "select id from workers") == town_workers
    assert _try(town, "select worker_id from worker_latest") <= town_workers  # type: ignore[operator]
    assert _try(world.logins["department_staff"], count) == len(world.dept_cases)
    # Everyone may read the places, the units and the users (names shown in the queue).
    for role in ROLES:
        assert _try(world.logins[role], "select id from towns") == 33
        assert _try(world.logins[role], "select id from users") > 0  # type: ignore[operator]


def test_parties_are_readable_by_those_who_work_with_them(world: World) -> None:
    sql = "select party_names, party_phones, party_id_numbers from cases limit 1"
    for role in ("dispatcher", "leader", "town_staff", "department_staff"):
        assert _try(world.logins[role], sql) == 1, role


def test_gateway_files_a_report_it_cannot_read_back(world: World) -> None:
    """As the gateway does: the case id from the sequence, then a plain INSERT (no RETURNING)."""
    gw = world.logins["gateway"]
    with psycopg.connect(gw.dsn) as conn:
        case_id = conn.execute("select nextval('cases_id_seq')").fetchone()[0]  # type: ignore[index]
        conn.execute(
            "insert into cases (id, number, kind, category, title, description, lat, lon, town_id, "
            "village_id, grid_id, reporter_name, parties_count, party_names, party_phones, "
            "party_id_numbers, severity, mass_incident, sensitive_period, status, level, owner_unit, "
            "reported_at, updated_at, sla_started_at, version) values (%s, %s, 'dispute', 'other', "
            "'gw', '', 36.8, 119.9, %s, (select min(id) from villages where town_id = %s), "
            "(select min(id) from grids where town_id = %s), '', 1, '', '', '', 1, false, false, "
            "'reported', 1, '', now(), now(), now(), 1)",
            (case_id, f"GW-{case_id}", world.town_a, world.town_a, world.town_a),
        )
        conn.execute(
            "insert into case_events (case_id, at, actor_name, actor_role, action, reason, comment) "
            "values (%s, now(), 'w', 'worker', 'report', '', '')",
            (case_id,),
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("insert into cases (id) values (1) returning id")
        conn.rollback()


# --- the app's own paths, as each role -------------------------------------------------------


def _actor(sessions: sessionmaker[Session]) -> Actor:
    with sessions() as s:
        me = current_user(s)
        assert me is not None
        return actor_for(s, me.username)


@pytest.mark.parametrize("role", ["dispatcher", "leader", "town_staff", "department_staff", "auditor"])
def test_app_read_paths_work_for_every_role(world: World, engines: dict[str, Engine], role: str) -> None:
    sessions = make_sessionmaker(engines[role])
    actor = _actor(sessions)
    assert actor.role == Role(role)
    with sessions() as s:
        page = queue.fetch_page(s, actor, queue.QueueFilter(), limit=500, now=NOW)
        counts = queue.counters(s, actor, NOW)
        assert page and counts
        for sort in queue.SortKey:
            queue.fetch_page(s, actor, queue.QueueFilter(sort=sort), limit=20, now=NOW)
        towns = {r.town for r in page}
        if role == "town_staff":
            assert len(towns) == 1
        if role == "department_staff":
            assert {r.id for r in page} <= world.dept_cases
        shown = detail.load_detail(s, actor, page[0].id)
        assert shown.id == page[0].id
        assert shown.personal_data_masked is (role == "auditor")
        if role == "auditor" and shown.party_names:
            assert "*" in shown.party_names
        markers = mapdata.case_markers(s, actor)
        if role == "town_staff":
            ids = {m["id"] for m in markers}
            assert ids <= {r.id for r in queue.fetch_page(s, actor, queue.QueueFilter(), limit=5000, now=NOW)}
        mapdata.base_layers(s)
        mapdata.worker_positions(s, actor, now=NOW)
        mapdata.all_worker_statuses(s, actor, NOW)
        alerts.current_alerts(s, actor, NOW)
        upcoming(s, NOW - dt.timedelta(days=400))
        reader = FeedReader()
        reader.start_at_end(s)
        reader.poll(s)


def test_town_staff_acts_on_its_town_only(world: World, engines: dict[str, Engine]) -> None:
    sessions = make_sessionmaker(engines["town_staff"])
    actor = _actor(sessions)
    admin = make_engine(world.admin_url)
    try:
        with admin.connect() as conn:

            def waiting(town: int) -> tuple[int, int]:
                # A case of the town waiting at town level (set up as the superuser).
                row = conn.execute(
                    text(
                        "update cases set status = 'reported', level = 2, version = version + 1 "
                        "where id = (select min(id) from cases where town_id = :t) returning id, version"
                    ),
                    {"t": town},
                ).one()
                return int(row[0]), int(row[1])

            mine, mine_v = waiting(world.town_a)
            other, other_v = waiting(world.town_b)
            conn.commit()
    finally:
        admin.dispose()
    svc = CaseService(sessions, clock=lambda: NOW)
    case = svc.act(mine, ActionRequest(Action.ACCEPT, mine_v), actor)
    assert case.status == Status.ACCEPTED
    case = svc.act(mine, ActionRequest(Action.ESCALATE, case.version, reason="需要市级协调"), actor)
    assert case.level == 3
    # Another town's case: refused by the app, and invisible to the database for this login.
    with pytest.raises((LadderError, LookupError, ValueError)):
        svc.act(other, ActionRequest(Action.ACCEPT, other_v), actor)
    with sessions() as s:
        assert s.execute(text("select count(*) from cases where id = :i"), {"i": other}).scalar_one() == 0
    # Even a forged actor claiming the other town gets nothing from the database.
    forged = Actor(actor.user_id, Role.TOWN_STAFF, world.town_b, None, actor.name)
    with pytest.raises((LadderError, LookupError, ValueError)):
        svc.act(other, ActionRequest(Action.ACCEPT, other_v), forged)


def test_gateway_app_paths_as_the_gateway_login(world: World, engines: dict[str, Engine]) -> None:
    """Device lookup, positions, a case report with a photo and a log, as the gateway does them."""
    import desktop.gateway.reports  # noqa: F401  (installs the id prefetch the gateway relies on)
    from db.vocab import Kind
    from desktop.gateway import devices
    from desktop.gateway.ingest import CaseReport, DeviceRef, Fix, LogReport, Photo, store_report, write_fixes

    admin = make_engine(world.admin_url)
    try:
        with make_sessionmaker(admin).begin() as s:
            worker_id, device_id, grid_id = s.execute(
                text("select id, device_id, grid_id from workers where town_id = :t order by id limit 1"),
                {"t": world.town_a},
            ).one()
            token = devices.issue_token(s, device_id)
            lat, lon = s.execute(
                text("select lat, lon from cases where town_id = :t order by id limit 1"), {"t": world.town_a}
            ).one()
    finally:
        admin.dispose()
    gw = engines["gateway"]
    sessions = make_sessionmaker(gw)
    with sessions() as s:
        device = devices.authenticate(s, token)
        assert device is not None and device.worker_id == worker_id
        assert device_id in devices.active_devices(s)
        devices.latest_fixes(s)
    with gw.begin() as conn:
        fix = Fix(worker_id, NOW, NOW, float(lat), float(lon), grid_id=grid_id)
        assert write_fixes(conn, [fix]).stored == 1
    ref = DeviceRef(device_id, worker_id, "队员", grid_id, world.town_a)
    jpeg = Photo("image/jpeg", b"\xff\xd8\xff" + b"0" * 64)
    svc = CaseService(sessions, clock=lambda: NOW)
    report = CaseReport(
        Kind.DISPUTE, "neighbour", "邻里纠纷（网关测试）", float(lat), float(lon), photos=(jpeg,)
    )
    out = store_report(
        sessions, svc, None, ref, report, idempotency_key="k-1", request_hash="h", clock=lambda: NOW
    )
    assert out.status == 201 and out.body["type"] == "case"
    again = store_report(
        sessions, svc, None, ref, report, idempotency_key="k-1", request_hash="h", clock=lambda: NOW
    )
    assert again.replayed and again.body["id"] == out.body["id"]
    log = LogReport(
        content="走访三户", visited_at=NOW, households_visited=3, lat=None, lon=None, photos=(jpeg,)
    )
    assert store_report(sessions, svc, None, ref, log, clock=lambda: NOW).status == 201
    # The case is there for its town, and still not readable by the gateway.
    assert _try(world.logins["town_staff"], f"select id from cases where id = {out.body['id']}") == 1
    assert _try(world.logins["gateway"], f"select id from cases where id = {out.body['id']}") == DENIED


def test_units_answer_what_is_addressed_to_them(world: World, engines: dict[str, Engine]) -> None:
    """Town staff answer a supervision order on their town's case; department staff complete an
    action item of their department (each as its own login)."""
    from desktop.meetings.service import MeetingService
    from desktop.meetings.supervision import SupervisionService

    admin = make_engine(world.admin_url)
    try:
        with admin.begin() as conn:
            order_id = conn.execute(
                text(
                    "insert into supervision_orders (case_id, issuer_name, unit_town_id, instruction, "
                    "issued_at, deadline, status) select min(id), '市中心', :t, '请三日内答复', now(), "
                    "now() + interval '3 days', 'open' from cases where town_id = :t returning id"
                ),
                {"t": world.town_a},
            ).scalar_one()
            meeting_id = conn.execute(
                text(
                    "insert into meetings (title, convener_name, starts_at, duration_min, video_link, "
                    "status, status_reason, created_at, updated_at) values ('协调会', '分管副市长', "
                    "now(), 60, '', 'held', '', now(), now()) returning id"
                )
            ).scalar_one()
            case_id = min(world.dept_cases)
            item_id = conn.execute(
                text(
                    "insert into action_items (meeting_id, case_id, decision, what, department_id, "
                    "owner_name, due_at, status, evidence, created_at) values (:m, :c, '', '入户核查', :d, "
                    "'', now() + interval '5 days', 'awaiting_department', '', now()) returning id"
                ),
                {"m": meeting_id, "c": case_id, "d": world.department},
            ).scalar_one()
    finally:
        admin.dispose()
    town = make_sessionmaker(engines["town_staff"])
    order = SupervisionService(town, clock=lambda: NOW).respond(
        order_id, _actor(town), "已约谈双方，达成和解"
    )
    assert order.response
    dept = make_sessionmaker(engines["department_staff"])
    item = MeetingService(dept, clock=lambda: NOW).complete_action_item(
        item_id, _actor(dept), "已办结，附照片"
    )
    assert item.status == "done"
