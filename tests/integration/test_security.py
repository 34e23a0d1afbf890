"""Issue 13: a legitimate login of each role, over a real PostgreSQL connection with raw SQL,
tries what it must not do (migration 0011, db.roles.init_server).

Two kinds of server: the module's demo copy (made by the test superuser, like test_rls.py) for
what holds inside one database, and two databases made by ``db init-server`` on the same server
(their own owners, the shared group roles, per-database CONNECT roles) for what must hold
between Concord databases and against an administrator who wants the server.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import errors
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db import roles
from db.session import make_engine
from desktop.users import UserError, add_user, disable_user
from tests.pg_logins import Login, Logins, demo_server, logins_on, unique_name

pytestmark = pytest.mark.pg

DENIED = errors.InsufficientPrivilege.sqlstate


def _try(
    login: Login | str, sql: str, params: dict[str, object] | None = None, *, deferred: bool = False
) -> int | str:
    """One statement as the login, rolled back: rows returned/affected, or the refusal's SQLSTATE.
    ``deferred``: also run the deferred constraint triggers (as a commit would) before rolling back."""
    dsn = login.dsn if isinstance(login, Login) else login
    with psycopg.connect(dsn) as conn:
        try:
            cur = conn.execute(sql, params)  # type: ignore[arg-type]
            count = len(cur.fetchall()) if cur.description is not None else cur.rowcount
            if deferred:
                conn.execute("SET CONSTRAINTS ALL IMMEDIATE")
        except psycopg.Error as exc:
            return str(exc.sqlstate)
        finally:
            conn.rollback()
    return count


# --- one database ---------------------------------------------------------------------------


@dataclass
class World:
    admin_url: str
    town_a: int
    town_b: int
    department: int
    logins: dict[str, Login]


@pytest.fixture(scope="module")
def world(_templates: object) -> Iterator[World]:
    with demo_server(_templates) as (url, admin, made):
        with admin.connect() as conn:
            town_a, town_b = conn.execute(
                text("select town_id from cases group by town_id order by count(*) desc, town_id limit 2")
            ).scalars()
            department, other_dept = conn.execute(
                text("select id from departments order by id limit 2")
            ).scalars()
            # A meeting that invites two departments (the demo city has no meetings).
            meeting = conn.execute(
                text(
                    "insert into meetings (title, convener_name, starts_at, duration_min, status, status_reason, "
                    "created_at, updated_at, video_link) values ('协调会', '调度员', now() + interval '2 days', "
                    "60, 'scheduled', '', now(), now(), '') returning id"
                )
            ).scalar_one()
            for dep in (department, other_dept):
                conn.execute(
                    text(
                        "insert into meeting_participants (meeting_id, department_id, name, state, reason, "
                        "deputy_name) values (:m, :d, '部门', 'invited', '', '')"
                    ),
                    {"m": meeting, "d": dep},
                )
            conn.execute(
                text(
                    "insert into meeting_events (meeting_id, at, actor_name, actor_role, action, reason) "
                    "values (:m, now(), '调度员', 'dispatcher', 'schedule', '')"
                ),
                {"m": meeting},
            )
            conn.commit()
        logins = {
            role: made.add_user(
                unique_name(f"sec_{role[:4]}"),
                f"安全{role}",
                role,
                town_id=town_a if role == "town_staff" else None,
                department_id=department if role == "department_staff" else None,
            )
            for role in (
                "dispatcher",
                "leader",
                "town_staff",
                "department_staff",
                "auditor",
                "admin",
                "gateway",
            )
        }
        yield World(url, town_a, town_b, department, logins)


def test_admin_logins_hold_no_createrole(world: World) -> None:
    admin = world.logins["admin"]
    assert _try(admin, "select 1 from pg_roles where rolname = current_user and not rolcreaterole") == 1
    for sql in (
        f"grant pg_execute_server_program to {admin.name}",
        f"grant pg_read_server_files to {admin.name}",
        f"grant pg_signal_backend to {admin.name}",
        f"alter role {world.logins['dispatcher'].name} password 'taken-over'",
        "create role evil login password 'x'",
        f"grant concord_dispatcher to {world.logins['town_staff'].name}",
    ):
        assert _try(admin, sql) == DENIED, sql


def test_admins_manage_users_only_through_the_checked_functions(world: World) -> None:
    admin = world.logins["admin"]
    verifier = roles.scram_verifier("new-secret")
    # Not a user of this database, a reserved name, the test superuser: all refused.
    for target in ("postgres", "concord_dispatcher", make_url(world.admin_url).username, "nobody_here"):
        got = _try(admin, "select concord_set_password(%(n)s, %(v)s)", {"n": target, "v": verifier})
        assert isinstance(got, str), target
    # A clear-text password is refused: only SCRAM verifiers travel.
    got = _try(admin, "select concord_set_password(%(n)s, 'plain')", {"n": world.logins["dispatcher"].name})
    assert got == errors.InvalidParameterValue.sqlstate
    # Other roles may not call them at all.
    for role in ("dispatcher", "town_staff", "gateway", "auditor"):
        got = _try(
            world.logins[role], "select concord_set_login(%(n)s, false)", {"n": world.logins["admin"].name}
        )
        assert got == DENIED, role


def test_an_admin_cannot_take_over_a_login_by_renaming_a_users_row(world: World) -> None:
    """Admins may UPDATE users; pointing a row at the superuser's login name gains nothing."""
    admin = world.logins["admin"]
    su = make_url(world.admin_url).username
    with psycopg.connect(admin.dsn) as conn:
        conn.execute("update users set username = %s where username = %s", (su, world.logins["leader"].name))
        with pytest.raises(psycopg.Error) as caught:
            conn.execute("select concord_set_password(%s, %s)", (su, roles.scram_verifier("owned")))
        # Refused: a reserved name here (CI's superuser is concord_ci), else not a plain login.
        assert caught.value.sqlstate in {DENIED, errors.InvalidParameterValue.sqlstate}
        conn.rollback()


def test_case_numbers_only_through_the_function(world: World) -> None:
    for role in ("dispatcher", "town_staff", "department_staff", "gateway", "admin"):
        login = world.logins[role]
        assert _try(login, "update case_counters set last = last + 1") == DENIED, role
        assert _try(login, "delete from case_counters") == DENIED, role
        assert _try(login, "insert into case_counters (year, last) values (2099, 1)") == DENIED, role
        assert _try(login, "select concord_next_case_number(2026)") == 1, role
    assert _try(world.logins["auditor"], "select concord_next_case_number(2026)") == DENIED


def _own_town_case(world: World) -> int:
    """A case of the town staff's town, open at town level (set up as the superuser)."""
    eng = make_engine(world.admin_url)
    try:
        with eng.begin() as conn:
            return int(
                conn.execute(
                    text(
                        "update cases set status = 'accepted', level = 2 "
                        "where id = (select min(id) from cases where town_id = :t) returning id"
                    ),
                    {"t": world.town_a},
                ).scalar_one()
            )
    finally:
        eng.dispose()


EVENT = (
    "insert into case_events (case_id, at, actor_user_id, actor_name, actor_role, action, reason, comment) "
    "values (%(c)s, now(), %(uid)s, %(name)s, %(role)s, %(action)s, '', '')"
)


def test_events_name_their_real_author(world: World) -> None:
    town = world.logins["town_staff"]
    case = _own_town_case(world)
    eng = make_engine(world.admin_url)
    try:
        with eng.connect() as conn:
            me = conn.execute(
                text("select id, display_name from users where username = :n"), {"n": town.name}
            ).one()
            boss = conn.execute(
                text("select id, display_name from users where role = 'leader' limit 1")
            ).one()
    finally:
        eng.dispose()
    forged = [
        {"uid": boss.id, "name": boss.display_name, "role": "leader", "action": "close"},
        {"uid": me.id, "name": "市领导", "role": "town_staff", "action": "comment"},
        {"uid": me.id, "name": me.display_name, "role": "dispatcher", "action": "comment"},
        {"uid": None, "name": "SLA", "role": "system", "action": "escalate"},
        {"uid": None, "name": "某网格员", "role": "worker", "action": "report"},
    ]
    for params in forged:
        assert _try(town, EVENT, {"c": case, **params}) == DENIED, params
    honest = {"c": case, "uid": me.id, "name": me.display_name, "role": "town_staff", "action": "comment"}
    assert _try(town, EVENT, honest) == 1
    with psycopg.connect(town.dsn) as conn:
        conn.execute(EVENT, honest)
        row = conn.execute("select actor_login from case_events order by id desc limit 1").fetchone()
        conn.rollback()
    assert row == (town.name,)
    # The sweep's system events: from the city information center, not from a town.
    sweep = {"c": case, "uid": None, "name": "SLA", "role": "system", "action": "escalate"}
    assert _try(world.logins["dispatcher"], EVENT, sweep) == 1
    assert _try(world.logins["dispatcher"], EVENT, {**sweep, "action": "close"}) == DENIED


def test_the_gateway_writes_events_and_photos_only_on_its_own_reports(world: World) -> None:
    gw = world.logins["gateway"]
    case = _own_town_case(world)  # filed by the demo, not by this gateway
    worker_event = {"c": case, "uid": None, "name": "某网格员", "role": "worker", "action": "report"}
    assert _try(gw, EVENT, worker_event) == DENIED
    photo = (
        "insert into report_photos (id, case_id, worker_id, content_type, size, sha256, data, created_at) "
        "values (nextval('report_photos_id_seq'), %(c)s, (select min(id) from workers), 'image/jpeg', 3, 'x', "
        "'\\xffd8ff'::bytea, now())"
    )
    assert _try(gw, photo, {"c": case}) == DENIED
    # Its own report: the case, then its event and photo, in one transaction, as the gateway does.
    with psycopg.connect(gw.dsn) as conn:
        own = conn.execute("select nextval('cases_id_seq')").fetchone()[0]  # type: ignore[index]
        conn.execute(
            "insert into cases (id, number, kind, category, title, description, lat, lon, town_id, "
            "village_id, grid_id, reporter_name, parties_count, party_names, party_phones, "
            "party_id_numbers, severity, mass_incident, sensitive_period, status, level, owner_unit, "
            "reported_at, updated_at, sla_started_at, version, created_by_login) values (%s, %s, 'dispute', "
            "'other', 'gw', '', 36.8, 119.9, %s, (select min(id) from villages where town_id = %s), "
            "(select min(id) from grids where town_id = %s), '', 1, '', '', '', 1, false, false, "
            "'reported', 1, '', now(), now(), now(), 1, 'somebody_else')",
            (own, f"GW-{own}", world.town_a, world.town_a, world.town_a),
        )
        conn.execute(EVENT, {**worker_event, "c": own})
        conn.execute(photo, {"c": own})
        conn.rollback()


def test_meeting_events_are_append_only_even_for_the_owner(world: World) -> None:
    for sql in (
        "update meeting_events set reason = 'x'",
        "delete from meeting_events",
        "truncate meeting_events cascade",
    ):
        assert _try(make_url(world.admin_url).set(drivername="postgresql").render_as_string(False), sql) in {
            DENIED,
            errors.RaiseException.sqlstate,
        }, sql


def test_town_staff_cannot_change_a_case_state_outside_the_ladder(world: World) -> None:
    town = world.logins["town_staff"]
    case = _own_town_case(world)
    for assignment in ("status = 'closed'", "level = 3", "sla_due_at = now() + interval '300 days'"):
        sql = f"update cases set {assignment}, version = version + 1 where id = %(c)s"
        assert _try(town, sql, {"c": case}, deferred=True) == DENIED, assignment
    # Titles and descriptions are no state: still editable directly within the town.
    assert _try(town, "update cases set title = title where id = %(c)s", {"c": case}, deferred=True) == 1


def test_meeting_answers_only_for_oneself(world: World) -> None:
    town, dept = world.logins["town_staff"], world.logins["department_staff"]
    others = (
        "update meeting_participants set state = 'declined', reason = 'x' where department_id is not null"
    )
    assert _try(town, others) == 0
    mine = f"{others} and department_id = {world.department}"
    assert _try(dept, f"{others} and department_id <> {world.department}") == 0
    assert isinstance(_try(dept, mine), int) and _try(dept, mine) > 0  # type: ignore[operator]
    assert _try(town, "select id from meeting_participants") > 0  # type: ignore[operator]


def test_gateway_partitions_only_within_the_window(world: World) -> None:
    gw = world.logins["gateway"]
    for day in ("2001-01-01", "9999-12-31", str(dt.date.today() + dt.timedelta(days=60))):
        got = _try(gw, "select concord_make_position_partition(%(d)s::date)", {"d": day})
        assert got == errors.InvalidParameterValue.sqlstate, day
    assert (
        _try(
            gw,
            "select concord_make_position_partition(%(d)s::date)",
            {"d": str(dt.date.today() + dt.timedelta(days=5))},
        )
        == 1
    )


def test_a_login_without_users_row_sees_nothing(world: World) -> None:
    """A member of a group role with no users row here (another database's user, say)."""
    eng = make_engine(world.admin_url)
    try:
        with logins_on(eng) as made:
            name = made.unique("sec_stray")
            password = "stray-pw"
            made.create_role(name, password=password, member_of=("concord_dispatcher", "concord_gateway"))
            dsn = make_url(world.admin_url).set(drivername="postgresql", username=name, password=password)
            stray = dsn.render_as_string(hide_password=False)
            for table in ("cases", "case_events", "sentiment_logs", "positions", "worker_latest", "workers"):
                assert _try(stray, f"select 1 from {table}") == 0, table
            assert _try(stray, "update cases set title = 'x'") == 0
            assert _try(stray, "select concord_next_case_number(2026)") == DENIED
    finally:
        eng.dispose()


# --- two databases made by db init-server on one server ----------------------------------------


@dataclass
class Server:
    urls: dict[str, str]  # database → URL as the test superuser
    owners: dict[str, str]
    logins: dict[tuple[str, str], Login]  # (database, role) → login
    made: Logins


@pytest.fixture(scope="module")
def two_databases() -> Iterator[Server]:
    from tests.conftest import _pg_admin_url, _pg_exec

    admin_url = _pg_admin_url()
    tag = uuid.uuid4().hex[:6]
    names = {f"concord_sa_{tag}": f"sec_owner_a_{tag}", f"concord_sb_{tag}": f"sec_owner_b_{tag}"}
    urls = {db: roles.init_server(admin_url, db, owner, log=lambda _m: None) for db, owner in names.items()}
    engines = {db: make_engine(url) for db, url in urls.items()}
    made = Logins(engines[next(iter(urls))])
    logins: dict[tuple[str, str], Login] = {}
    try:
        for i, (db, eng) in enumerate(engines.items()):
            for role in ("dispatcher", "auditor", "admin", "leader", "gateway"):
                name = made.unique(f"sec_{'ab'[i]}{role[:3]}")
                password = "pw-" + uuid.uuid4().hex[:10]
                add_user(eng, name, name, role, password=password)
                url = make_url(urls[db]).set(username=name, password=password)
                logins[(db, role)] = Login(
                    name,
                    role,
                    password,
                    url.render_as_string(hide_password=False),
                    url.set(drivername="postgresql").render_as_string(hide_password=False),
                )
        yield Server(urls, names, logins, made)
    finally:
        for eng in engines.values():
            eng.dispose()
        su = make_engine(admin_url)
        try:
            made.admin = su
            made.drop()
        finally:
            su.dispose()
        for db, owner in names.items():
            _pg_exec(admin_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            _pg_exec(admin_url, f'DROP ROLE IF EXISTS "{roles.connect_role(db)}"')
            _pg_exec(admin_url, f'DROP ROLE IF EXISTS "{owner}"')


def _as_in(login: Login, database: str) -> str:
    return make_url(login.dsn).set(database=database).render_as_string(hide_password=False)


def test_a_login_of_one_database_cannot_reach_another(two_databases: Server) -> None:
    a, b = list(two_databases.urls)
    for role in ("dispatcher", "auditor", "admin", "leader", "gateway"):
        login = two_databases.logins[(a, role)]
        assert _try(login, "select 1") == 1, role  # its own database
        with pytest.raises(psycopg.OperationalError, match="permission denied|CONNECT"):
            psycopg.connect(_as_in(login, b), connect_timeout=10).close()


def test_init_server_gives_admins_no_server_rights(two_databases: Server) -> None:
    a, b = list(two_databases.urls)
    admin = two_databases.logins[(a, "admin")]
    owner_a, owner_b = two_databases.owners[a], two_databases.owners[b]
    for sql in (
        f"grant {owner_a} to {admin.name}",
        f"grant {owner_b} to {admin.name}",
        f"grant pg_execute_server_program to {admin.name}",
        f"grant pg_read_server_files to {admin.name}",
        f"alter role {admin.name} createrole",
        f"alter role {two_databases.logins[(b, 'admin')].name} password 'x'",
    ):
        assert _try(admin, sql) == DENIED, sql
    # Through the functions: neither the owner nor the other database's users.
    for target in (owner_a, two_databases.logins[(b, "dispatcher")].name):
        got = _try(admin, "select concord_set_login(%(n)s, false)", {"n": target})
        assert isinstance(got, str), target


def test_an_admin_cannot_end_sessions_of_another_database(two_databases: Server) -> None:
    a, b = list(two_databases.urls)
    admin = two_databases.logins[(a, "admin")]
    with psycopg.connect(two_databases.logins[(b, "dispatcher")].dsn) as victim:
        pid = victim.info.backend_pid
        got = _try(admin, "select pg_terminate_backend(%(p)s)", {"p": pid})
        assert got == DENIED
        assert victim.execute("select 1").fetchone() == (1,)


def test_an_admin_manages_its_own_users_through_the_app(two_databases: Server) -> None:
    a, b = list(two_databases.urls)
    admin = make_engine(two_databases.logins[(a, "admin")].url)
    try:
        name = two_databases.made.unique("sec_new")
        add_user(admin, name, "新调度员", "dispatcher", password="pw-new-123")
        new = make_url(two_databases.urls[a]).set(
            username=name, password="pw-new-123", drivername="postgresql"
        )
        with psycopg.connect(new.render_as_string(hide_password=False)) as conn:
            pid = conn.info.backend_pid
            assert disable_user(admin, name) is True
            with pytest.raises(psycopg.OperationalError):
                conn.execute("select 1")
        assert pid
        # The other database's user is out of reach.
        with pytest.raises(UserError):
            disable_user(admin, two_databases.logins[(b, "dispatcher")].name)
    finally:
        admin.dispose()


def test_init_server_again_takes_the_old_rights_from_an_upgraded_admin(two_databases: Server) -> None:
    """An admin login made before 0011 (CREATEROLE, no CONNECT role): running init-server again,
    as the README says after an upgrade, takes CREATEROLE and lets the login connect."""
    from tests.conftest import _pg_admin_url

    a = next(iter(two_databases.urls))
    name = two_databases.made.unique("sec_old")
    eng = make_engine(two_databases.urls[a])
    try:
        with eng.begin() as conn:
            roles.ddl(conn, f"CREATE ROLE {name} LOGIN CREATEROLE PASSWORD 'old-pw' IN ROLE concord_admin")
            conn.execute(
                text(
                    "insert into users (username, display_name, role, active) values (:n, '老管理员', 'admin', true)"
                ),
                {"n": name},
            )
    finally:
        eng.dispose()
    old = make_url(two_databases.urls[a]).set(username=name, password="old-pw", drivername="postgresql")
    with pytest.raises(psycopg.OperationalError, match="permission denied|CONNECT"):
        psycopg.connect(old.render_as_string(hide_password=False), connect_timeout=10).close()
    roles.init_server(_pg_admin_url(), a, two_databases.owners[a], log=lambda _m: None)
    dsn = old.render_as_string(hide_password=False)
    assert _try(dsn, "select 1 from pg_roles where rolname = current_user and not rolcreaterole") == 1
    assert _try(dsn, f"grant {two_databases.owners[a]} to {name}") == DENIED


def test_scope_checks_keep_the_planner_s_row_estimates(world: World) -> None:
    """The "users row of this database" check must not count as a selective filter: read as
    "= ANY" on the role it made the planner expect 0.5 % of a town's cases, and a town user's
    queue page took 40 times the dispatcher's at a million cases (make bench, rls figure)."""

    def estimate(dsn: str, sql: str) -> float:
        with psycopg.connect(dsn) as conn:
            conn.execute("analyze cases") if dsn == admin else None
            plan = conn.execute(f"explain (format json) {sql}").fetchone()[0]  # type: ignore[index]
        return float(plan[0]["Plan"]["Plan Rows"])

    admin = make_url(world.admin_url).set(drivername="postgresql").render_as_string(hide_password=False)
    # As the policy compares: with a value the planner only knows at run time.
    town_rows = estimate(admin, f"select id from cases where town_id = (select {world.town_a})")
    all_rows = estimate(admin, "select id from cases")
    assert estimate(world.logins["town_staff"].dsn, "select id from cases") >= 0.9 * town_rows
    assert estimate(world.logins["dispatcher"].dsn, "select id from cases") >= 0.9 * all_rows


def test_milestones_follow_the_audit_trail_only(world: World) -> None:
    """cases.milestones (migration 0014) feeds the escalation funnel: a writer may not set it."""
    case = _own_town_case(world)
    for role in ("town_staff", "dispatcher"):
        got = _try(world.logins[role], "update cases set milestones = 31 where id = %(c)s", {"c": case})
        assert got == DENIED, role
    # Its honest path still works for that login: an event sets the bit through the trigger.
    town = world.logins["town_staff"]
    eng = make_engine(world.admin_url)
    try:
        with eng.connect() as conn:
            me = conn.execute(
                text("select id, display_name from users where username = :n"), {"n": town.name}
            ).one()
    finally:
        eng.dispose()
    with psycopg.connect(town.dsn) as conn:
        conn.execute(
            EVENT,
            {"c": case, "uid": me.id, "name": me.display_name, "role": "town_staff", "action": "accept"},
        )
        bits = conn.execute("select milestones from cases where id = %s", (case,)).fetchone()
        conn.rollback()
    assert bits is not None and bits[0] & 1
