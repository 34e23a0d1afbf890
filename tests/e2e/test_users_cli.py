"""The operator's commands for a central server: db init-server, users add/list/disable (PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from db import roles
from db.session import resolve_url

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("CONCORD_TEST_PG_URL", "")

pytestmark = pytest.mark.pg


def concord(*args: str, stdin: str = "", check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        env={**os.environ, "CONCORD_LANG": "en"},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"main.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


@pytest.fixture
def server() -> Iterator[tuple[str, str, str, list[str]]]:
    """(admin URL, database name, owner role, logins to drop) — all unique to this test."""
    if not PG_URL:
        if os.environ.get("CONCORD_REQUIRE_PG") == "1":
            pytest.fail("CONCORD_REQUIRE_PG=1 but CONCORD_TEST_PG_URL is not set")
        pytest.skip("needs CONCORD_TEST_PG_URL")
    admin_url = (
        make_url(resolve_url(PG_URL)).set(drivername="postgresql").render_as_string(hide_password=False)
    )
    tag = uuid.uuid4().hex[:8]
    database, owner, logins = f"concord_srv_{tag}", f"concord_own_{tag}", []
    yield admin_url, database, owner, logins
    eng = create_engine(resolve_url(PG_URL), isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            for name in [*logins, owner]:
                if roles.role_exists(conn, name):
                    roles.ddl(conn, f'DROP ROLE "{name}"')
    finally:
        eng.dispose()


def test_init_server_then_users(server: tuple[str, str, str, list[str]]) -> None:
    admin_url, database, owner, logins = server
    first = concord("db", "init-server", "--admin-url", admin_url, "--database", database, "--owner", owner)
    assert "Traceback" not in first.stderr
    # Idempotent: a second run changes nothing and succeeds.
    second = concord("db", "init-server", "--admin-url", admin_url, "--database", database, "--owner", owner)
    assert "已是最新" in second.stdout
    db_url = make_url(admin_url).set(database=database).render_as_string(hide_password=False)
    with psycopg.connect(db_url) as conn:
        owners = {
            r[0]
            for r in conn.execute(
                "select distinct tableowner from pg_tables where schemaname = 'public'"
            ).fetchall()
        }
        assert owners == {owner}
        forced = conn.execute(
            "select relforcerowsecurity from pg_class where relname = 'cases' and relkind in ('r', 'p')"
        ).fetchone()
        assert forced == (True,)
        conn.execute(
            "insert into cities (id, code, name, pinyin, area_km2, population) values (1, 'c', '市', 's', 1, 1)"
        )
        conn.execute(
            "insert into towns (id, city_id, code, name, pinyin, is_subdistrict) values (1, 1, 't1', '一镇', 'yz', false)"
        )

    name = f"ops_{uuid.uuid4().hex[:8]}"
    gw = f"gw_{uuid.uuid4().hex[:8]}"
    logins += [name, gw]
    added = concord(
        "--db", db_url, "users", "add", "--name", name, "--role", "town_staff", "--town", "一镇",
        "--display-name", "一镇值班员", "--password-stdin", "--json", stdin="s3cret-pw\n",
    )  # fmt: skip
    assert json.loads(added.stdout)["town_id"] == 1
    concord(
        "--db", db_url, "users", "add", "--name", gw, "--role", "gateway", "--password-stdin", stdin="gw-pw\n"
    )
    dup = concord("--db", db_url, "users", "add", "--name", name, "--role", "dispatcher", check=False)
    # Said from the refusal catalogue, in English here (CONCORD_LANG=en, set by concord()).
    assert dup.returncode == 2 and f"The user “{name}” already exists." in dup.stderr
    assert "Traceback" not in dup.stderr
    bad = concord(
        "--db", db_url, "users", "add", "--name", "x", "--role", "town_staff", "--town", "九镇", check=False
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr

    listed = {u["username"]: u for u in json.loads(concord("--db", db_url, "users", "list", "--json").stdout)}
    assert listed[name]["login"] is True and listed[name]["town"] == "一镇"

    login_url = (
        make_url(db_url).set(username=name, password="s3cret-pw").render_as_string(hide_password=False)
    )
    with psycopg.connect(login_url) as conn:
        assert conn.execute("select count(*) from towns").fetchone() == (1,)
        assert conn.execute("select concord_user_town()").fetchone() == (1,)
    gw_url = make_url(db_url).set(username=gw, password="gw-pw").render_as_string(hide_password=False)
    with psycopg.connect(gw_url) as conn:
        # The position writer stages batches in a temporary table.
        conn.execute("create temporary table staging (i int) on commit drop")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("select id from cases")
    # A disabled user can no longer log in.
    assert "disabled" in concord("--db", db_url, "users", "disable", name).stdout
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(login_url)
    listed = {u["username"]: u for u in json.loads(concord("--db", db_url, "users", "list", "--json").stdout)}
    assert listed[name]["active"] is False and listed[name]["login"] is False
