"""desktop.users: users and their PostgreSQL logins, created and disabled together."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import Engine, text

from db import roles
from desktop.users import UserError, add_user, current_user, disable_user, enable_user, list_users
from tests.pg_logins import Logins, connect_as, login_url, unique_name


def test_add_list_disable_town_staff(demo_engine: Engine, logins: Logins) -> None:
    name = logins.unique("town", 10)
    row = add_user(demo_engine, name, "张三", "town_staff", town_id=1, password="pa:ss%'word")
    assert row["username"] == name and row["town_id"] == 1 and row["role"] == "town_staff"
    listed = {u["username"]: u for u in list_users(demo_engine)}
    assert listed[name]["active"] is True
    if demo_engine.dialect.name == "postgresql":
        assert listed[name]["login"] is True
        with demo_engine.connect() as conn:
            member = conn.execute(
                text("select pg_has_role(:n, 'concord_town_staff', 'member')"), {"n": name}
            ).scalar_one()
        assert member is True
        # The password works (it was sent as a SCRAM verifier, never in clear).
        with connect_as(demo_engine, name, "pa:ss%'word") as conn:
            assert conn.execute("select session_user").fetchone() == (name,)
    assert disable_user(demo_engine, name) is True
    assert disable_user(demo_engine, name) is False
    listed = {u["username"]: u for u in list_users(demo_engine)}
    assert listed[name]["active"] is False
    if demo_engine.dialect.name == "postgresql":
        assert listed[name]["login"] is False
        with pytest.raises(psycopg.OperationalError):
            connect_as(demo_engine, name, "pa:ss%'word")
    enable_user(demo_engine, name)
    assert {u["username"]: u for u in list_users(demo_engine)}[name]["active"] is True


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"username": "Bad-Name", "role": "dispatcher"}, "user.name_invalid"),
        ({"username": "pg_x1", "role": "dispatcher"}, "user.name_reserved"),
        ({"username": "concord_owner", "role": "dispatcher"}, "user.name_reserved"),
        ({"username": "dispatcher", "role": "dispatcher"}, "user.exists"),
        ({"username": "okname1", "role": "king"}, "user.role_invalid"),
        ({"username": "okname2", "role": "town_staff"}, "user.town_required"),
        ({"username": "okname3", "role": "town_staff", "town_id": "不存在镇"}, "user.no_town"),
        ({"username": "okname4", "role": "department_staff", "department_id": "nope"}, "user.no_department"),
    ],
)
def test_refusals_create_nothing(demo_engine: Engine, kwargs: dict[str, object], code: str) -> None:
    before = len(list_users(demo_engine))
    with pytest.raises(UserError) as caught:
        add_user(demo_engine, display_name="x", **kwargs)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert len(list_users(demo_engine)) == before
    if demo_engine.dialect.name == "postgresql" and str(kwargs["username"]).startswith("okname"):
        with demo_engine.connect() as conn:
            assert not roles.role_exists(conn, str(kwargs["username"]))


def test_existing_login_role_is_refused_without_a_row(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("login roles exist on PostgreSQL only")
    name = logins.create_role(unique_name("taken", 10), login=False)
    with pytest.raises(UserError) as caught:
        add_user(demo_engine, name, "x", "dispatcher")
    assert caught.value.code == "user.login_role_exists" and caught.value.params == {"username": name}
    assert name not in {u["username"] for u in list_users(demo_engine)}


def test_department_by_code_and_current_user(demo_engine: Engine, logins: Logins) -> None:
    name = logins.unique("dept", 10)
    with demo_engine.connect() as conn:
        code = conn.execute(text("select code from departments order by id limit 1")).scalar_one()
    row = add_user(demo_engine, name, "李四", "department_staff", department_id=code, password="s3cret")
    assert row["department_id"] is not None
    if demo_engine.dialect.name != "postgresql":
        assert current_user(demo_engine) is None
        return
    from db.session import make_engine

    login = make_engine(login_url(demo_engine, name, "s3cret"))
    try:
        me = current_user(login)
        assert me is not None and me.username == name and me.role == "department_staff"
    finally:
        login.dispose()


def test_an_admin_login_manages_users(demo_engine: Engine, logins: Logins) -> None:
    """An administrator (not a superuser) adds a user and disables one with an open session."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("logins exist on PostgreSQL only")
    from db.session import make_engine

    boss = logins.add_user(unique_name("boss", 10), "管理员", "admin", password="boss-pw")
    clerk = logins.unique("clerk", 10)
    # No server rights for the administrator: the owner's functions do it (migration 0011).
    admin = make_engine(boss.url)
    try:
        add_user(admin, clerk, "办事员", "town_staff", town_id=1, password="clerk-pw")
        session = connect_as(demo_engine, clerk, "clerk-pw")
        try:
            assert session.execute("select count(*) from cases").fetchone() is not None
            assert disable_user(admin, clerk) is True
            with pytest.raises(psycopg.OperationalError):
                session.execute("select 1")  # the open session was ended
        finally:
            session.close()
        with pytest.raises(psycopg.OperationalError):
            connect_as(demo_engine, clerk, "clerk-pw")
    finally:
        admin.dispose()
