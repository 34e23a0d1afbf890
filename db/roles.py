"""PostgreSQL roles of the central deployment: group roles, personal logins, grants, RLS.

Each desktop user logs in to PostgreSQL as their own LOGIN role, named exactly like
``users.username``. The login is a member of one NOLOGIN *group role* that carries the grants;
row-level security policies (migration 0008) narrow what each group sees to the user's scope by
reading the connected login's ``users`` row through the ``concord_user_*()`` helper functions.

Roles are cluster-wide in PostgreSQL, so group roles are created idempotently and shared by every
Concord database on a server. Nothing here applies to the embedded SQLite shape.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, event, text

# users.role → the group role its login joins.
GROUP_ROLES: Mapping[str, str] = {
    "dispatcher": "concord_dispatcher",
    "leader": "concord_leader",
    "town_staff": "concord_town_staff",
    "department_staff": "concord_department_staff",
    "admin": "concord_admin",
    "auditor": "concord_auditor",
}
GATEWAY_ROLE = "concord_gateway"
ALL_GROUP_ROLES: tuple[str, ...] = (*GROUP_ROLES.values(), GATEWAY_ROLE)

# Lowercase ASCII, starting with a letter: needs no quoting in SQL and is the same in every tool.
USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
RESERVED_PREFIXES = ("pg_", "concord_")
RESERVED_NAMES = frozenset({"postgres", "public", "none", "current_user", "session_user", "current_role"})


def role_name_problem(name: str) -> str | None:
    """Why ``name`` cannot be a login role name: ``"invalid"`` (not lower-case letters, digits and
    underscores from a letter, 2–63 long) or ``"reserved"`` (the system's own names); None when
    it can. The caller words it (desktop.users refuses with ``user.name_…``)."""
    if not USERNAME_RE.match(name):
        return "invalid"
    if name.startswith(RESERVED_PREFIXES) or name in RESERVED_NAMES:
        return "reserved"
    return None


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    # standard_conforming_strings is on (the default since PostgreSQL 9.1): only quotes need doubling.
    if "\x00" in value:
        raise ValueError("NUL character in a SQL literal")
    return "'" + value.replace("'", "''") + "'"


def ddl(conn: Connection, sql: str) -> None:
    """Run one statement verbatim (no bind-parameter parsing: passwords may hold ':' or '%')."""
    conn.exec_driver_sql(sql.replace("%", "%%"), ())


def scram_verifier(password: str, *, iterations: int = 4096, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for ``password``.

    Computed here so that the password itself never travels to the server nor shows in its
    statement log; PostgreSQL accepts a verifier in ``PASSWORD '…'`` as-is.
    """
    salt = salt if salt is not None else os.urandom(16)
    # PostgreSQL SASLprep-normalises the password (NFKC for our purposes).
    raw = unicodedata.normalize("NFKC", password).encode("utf-8")
    salted = hashlib.pbkdf2_hmac("sha256", raw, salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(b: bytes) -> str:
        return base64.b64encode(b).decode("ascii")

    return f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def role_exists(conn: Connection, name: str) -> bool:
    return conn.execute(text("select 1 from pg_roles where rolname = :n"), {"n": name}).first() is not None


def ensure_group_roles(conn: Connection) -> None:
    """Create the NOLOGIN group roles that do not exist yet (safe to run again, and concurrently)."""
    for name in ALL_GROUP_ROLES:
        ensure_nologin_role(conn, name)


def ensure_nologin_role(conn: Connection, name: str) -> None:
    """CREATE ROLE name NOLOGIN unless it exists. A DO block with an exception handler: two
    servers (or two init-server runs) creating it at once must not fail."""
    ddl(
        conn,
        "DO $$ BEGIN "
        f"IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {quote_literal(name)}) THEN "
        f"CREATE ROLE {quote_ident(name)} NOLOGIN; END IF; "
        "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
    )


def connect_role(database: str) -> str:
    """The NOLOGIN role that may CONNECT to ``database`` (``concord_db_role()`` in SQL, 0011).

    Group roles are cluster-wide; this one is per database, so a login of one Concord database
    cannot even connect to another on the same server."""
    if len(database) <= 52:
        return f"concord_db_{database}"
    return f"concord_db_{database[:43]}_{hashlib.md5(database.encode()).hexdigest()[:8]}"


def _verifier(password: str | None) -> str | None:
    return scram_verifier(password) if password is not None else None


def create_login(conn: Connection, name: str, password: str | None) -> None:
    """The login of the ``users`` row ``name`` (inserted first, in the caller's transaction).

    Done by ``concord_create_login`` (migration 0011), an owner-rights function: administrators
    hold no CREATEROLE. It puts the login in the group of the row's role and, on a server set up
    by ``db init-server``, in this database's CONNECT role. Only the SCRAM verifier travels."""
    if (why := role_name_problem(name)) is not None:  # desktop.users refuses it in words before this
        raise ValueError(f"{name!r} cannot be a login role name ({why})")
    conn.execute(text("select concord_create_login(:n, :v)"), {"n": name, "v": _verifier(password)})


def set_login(conn: Connection, name: str, enabled: bool) -> int:
    """LOGIN/NOLOGIN through ``concord_set_login``; disabling ends the user's sessions in this
    database. Returns the number of sessions ended."""
    return int(conn.execute(text("select concord_set_login(:n, :e)"), {"n": name, "e": enabled}).scalar_one())


def set_password(conn: Connection, name: str, password: str) -> None:
    conn.execute(text("select concord_set_password(:n, :v)"), {"n": name, "v": scram_verifier(password)})


def set_role_password(conn: Connection, name: str, password: str) -> None:
    """ALTER ROLE … PASSWORD for a role that is no user (the owner; needs a superuser)."""
    ddl(conn, f"ALTER ROLE {quote_ident(name)} PASSWORD {quote_literal(scram_verifier(password))}")


def drop_login(conn: Connection, name: str) -> None:
    """Drop a login and whatever it owns in this database (tests; not for audited users)."""
    if role_exists(conn, name):
        ddl(conn, f"DROP OWNED BY {quote_ident(name)}")
        ddl(conn, f"DROP ROLE {quote_ident(name)}")


def server_version(conn: Connection) -> int:
    return int(conn.execute(text("show server_version_num")).scalar_one())


# --- writing without reading back ----------------------------------------------------------
# INSERT … RETURNING needs the SELECT privilege and a SELECT policy on the new row. The gateway
# may insert cases, logs, photos and case events but not read them, so on PostgreSQL their ids
# are taken from the table's sequence before the insert: the ORM then inserts without RETURNING.
_PREFETCHED: set[str] = set()


def _prefetch_id(_mapper: Any, connection: Connection, target: Any) -> None:
    if connection.dialect.name != "postgresql" or target.id is not None:
        return
    table = target.__table__.name
    target.id = connection.execute(
        text("select nextval(pg_get_serial_sequence(:t, 'id'))"), {"t": f"public.{table}"}
    ).scalar_one()


def prefetch_ids(*models: type[Any]) -> None:
    """Make the ORM take these models' ids from their sequence first (idempotent)."""
    for model in models:
        key = f"{model.__module__}.{model.__qualname__}"
        if key in _PREFETCHED:
            continue
        event.listen(model, "before_insert", _prefetch_id)
        _PREFETCHED.add(key)


def _adopt_logins(url: Any, database: str, owner: str, log: Callable[[str], None]) -> None:
    """After an upgrade (as the server's administrator): the logins of this database's users join
    its CONNECT role, and administrators lose the CREATEROLE (and, on 16+, the ADMIN OPTION on
    the groups) that earlier versions gave them."""
    from sqlalchemy import create_engine

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    gate = connect_role(database)
    try:
        with engine.connect() as conn:
            names = conn.execute(
                text(
                    "select u.username, u.role, r.rolcreaterole from users u "
                    "join pg_roles r on r.rolname = u.username "
                    "where not r.rolsuper "
                    "and (not pg_has_role(u.username, :g, 'MEMBER') or r.rolcreaterole)"
                ),
                {"g": gate},
            ).all()
            newer = server_version(conn) >= 160000
            for name, role, createrole in names:  # joined with pg_roles: each login exists
                ddl(conn, f"GRANT {quote_ident(gate)} TO {quote_ident(name)}")
                if createrole:
                    ddl(conn, f"ALTER ROLE {quote_ident(name)} NOCREATEROLE")
                    log(f"已收回 {name} 的 CREATEROLE（管理员经由数据库函数管理用户）")
                if newer:
                    # The owner's functions alter the login: on 16+ that needs ADMIN on it.
                    ddl(
                        conn,
                        f"GRANT {quote_ident(name)} TO {quote_ident(owner)} WITH ADMIN TRUE, INHERIT FALSE, SET FALSE",
                    )
                if newer and role == "admin":
                    for group in GROUP_ROLES.values():
                        ddl(conn, f"REVOKE ADMIN OPTION FOR {quote_ident(group)} FROM {quote_ident(name)}")
    finally:
        engine.dispose()


# --- a new central server ------------------------------------------------------------------


def init_server(
    admin_url: str,
    database: str,
    owner: str = "concord_owner",
    owner_password: str | None = None,
    log: Callable[[str], None] = print,
) -> str:
    """Create (or bring up to date) a central Concord database; safe to run again.

    Connected as an administrator (a superuser, e.g. ``postgres``): creates the group roles, the
    owner role, the database owned by it with CONNECT for the group roles only, then runs the
    migrations *as the owner* (``SET ROLE``), so the owner owns every table, function and policy.
    Returns the URL of the new database (with the administrator's credentials).
    """
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from db import migrate
    from db.session import make_engine, resolve_url

    for name in (database, owner):
        if not re.match(r"^[a-z][a-z0-9_]{0,62}$", name):
            raise ValueError(f"“{name}”无效：数据库名和角色名只能使用小写英文字母、数字和下划线")
    url = make_url(resolve_url(admin_url))
    if url.get_backend_name() != "postgresql":
        raise ValueError("db init-server 需要 PostgreSQL 管理员连接（--admin-url postgresql://…）")
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            ensure_group_roles(conn)
            if not role_exists(conn, owner):
                login = "LOGIN" if owner_password is not None else "NOLOGIN"
                ddl(conn, f"CREATE ROLE {quote_ident(owner)} {login}")
                log(f"已创建属主角色 {owner}")
            if owner_password is not None:
                ddl(conn, f"ALTER ROLE {quote_ident(owner)} LOGIN")
                set_role_password(conn, owner, owner_password)
            # The owner runs the user-management functions (migration 0011): it creates and
            # alters logins and ends a disabled user's sessions. Administrators hold neither right.
            ddl(conn, f"ALTER ROLE {quote_ident(owner)} CREATEROLE")
            ddl(conn, f"GRANT pg_signal_backend TO {quote_ident(owner)}")
            gate = connect_role(database)
            ensure_nologin_role(conn, gate)
            if server_version(conn) >= 160000:
                # From PostgreSQL 16 a CREATEROLE role grants only the roles it administers.
                for group in (*ALL_GROUP_ROLES, gate):
                    ddl(
                        conn,
                        f"GRANT {quote_ident(group)} TO {quote_ident(owner)} WITH ADMIN TRUE, INHERIT FALSE, SET FALSE",
                    )
            exists = conn.execute(
                text("select 1 from pg_database where datname = :d"), {"d": database}
            ).first()
            if exists is None:
                ddl(
                    conn,
                    f"CREATE DATABASE {quote_ident(database)} OWNER {quote_ident(owner)} ENCODING 'UTF8'",
                )
                log(f"已创建数据库 {database}")
            else:
                log(f"数据库 {database} 已存在")
            # Before 0011 the shared admin group could end sessions of every database on the server.
            ddl(conn, f"REVOKE pg_signal_backend FROM {quote_ident(GROUP_ROLES['admin'])}")
            # Only the logins of this database may connect to it: the group roles are shared by
            # every Concord database on the server, so CONNECT goes to its own role.
            db = quote_ident(database)
            ddl(conn, f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM PUBLIC")
            shared = ", ".join(quote_ident(g) for g in ALL_GROUP_ROLES)
            ddl(conn, f"REVOKE CONNECT, TEMPORARY ON DATABASE {db} FROM {shared}")
            # TEMPORARY too: the gateway's position writer stages batches in a temporary table.
            ddl(
                conn,
                f"GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {quote_ident(gate)}, {quote_ident(owner)}",
            )
    finally:
        admin.dispose()
    target = url.set(database=database).render_as_string(hide_password=False)
    engine = make_engine(target)

    @event.listens_for(engine, "connect")
    def _as_owner(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"SET ROLE {quote_ident(owner)}")
        cur.close()
        dbapi_conn.commit()

    try:
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        after = migrate.current_revision(engine)
    finally:
        engine.dispose()
    _adopt_logins(url.set(database=database), database, owner, log)
    log(f"数据库结构：{before or '空'} → {after}" if before != after else f"数据库结构已是最新（{after}）")
    return target
