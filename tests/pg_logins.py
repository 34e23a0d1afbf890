"""PostgreSQL logins for tests: make a fresh login (a Concord user or a bare role), connect as
it, and drop it again.

Login roles are cluster-global and outlive the test database, so every name is unique —
``<prefix>_<hex>`` with a test's own prefix, never ``concord_…``, which the app reserves (CI's
superuser is ``concord_ci``) — and every login a test makes is dropped afterwards, also when the
test fails: through the ``logins`` fixture (registered in tests/conftest.py) or ``logins_on``.

Heavy imports are made inside the functions: tests/conftest.py imports this module for every
test, unit tests included.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL


def unique_name(prefix: str, digits: int = 8) -> str:
    """A login name no other test run uses: ``<prefix>_<digits hex>``."""
    return f"{prefix}_{uuid.uuid4().hex[:digits]}"


def new_password() -> str:
    return f"pw-{uuid.uuid4().hex[:12]}"


def _as(base: Engine | URL | str, name: str, password: str) -> URL:
    from sqlalchemy import Engine
    from sqlalchemy.engine import make_url

    url = base.url if isinstance(base, Engine) else make_url(base)
    return url.set(username=name, password=password)


def login_url(base: Engine | URL | str, name: str, password: str) -> str:
    """SQLAlchemy URL of ``base``'s database, logged in as ``name``."""
    return _as(base, name, password).render_as_string(hide_password=False)


def login_dsn(base: Engine | URL | str, name: str, password: str) -> str:
    """libpq URL (for psycopg) of ``base``'s database, logged in as ``name``."""
    url = _as(base, name, password).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def connect_as(base: Engine | URL | str, name: str, password: str) -> psycopg.Connection[Any]:
    """A real psycopg connection as ``name`` (raises psycopg.OperationalError when refused)."""
    import psycopg

    return psycopg.connect(login_dsn(base, name, password), connect_timeout=10)


def current_user_as(base: Engine | URL | str, name: str, password: str) -> str:
    """Log in as ``name`` over a real connection; returns current_user."""
    with connect_as(base, name, password) as conn:
        row = conn.execute("select current_user").fetchone()
        assert row is not None
        return str(row[0])


@dataclass(frozen=True)
class Login:
    name: str
    role: str
    password: str
    url: str  # SQLAlchemy URL
    dsn: str  # libpq URL, for psycopg


class Logins:
    """The logins made on ``admin``'s server; ``drop()`` removes them all (PostgreSQL only: on
    SQLite there are no logins and the names are only collected)."""

    def __init__(self, admin: Engine) -> None:
        self.admin = admin
        self.names: list[str] = []

    def track(self, name: str) -> str:
        """Note a login to drop (one the code under test makes); returns ``name``."""
        self.names.append(name)
        return name

    def unique(self, prefix: str, digits: int = 8) -> str:
        """A fresh name (see unique_name), dropped afterwards if a login of that name is made."""
        return self.track(unique_name(prefix, digits))

    def add_user(
        self,
        name: str,
        display_name: str,
        role: str,
        *,
        password: str | None = None,
        town_id: int | str | None = None,
        department_id: int | str | None = None,
    ) -> Login:
        """A Concord user with its login, made by desktop.users.add_user, ready to log in as."""
        from desktop.users import add_user

        password = password or new_password()
        self.track(name)
        add_user(
            self.admin,
            name,
            display_name,
            role,
            town_id=town_id,
            department_id=department_id,
            password=password,
        )
        return Login(
            name,
            role,
            password,
            login_url(self.admin, name, password),
            login_dsn(self.admin, name, password),
        )

    def create_role(
        self, name: str, *, login: bool = True, password: str | None = None, member_of: Sequence[str] = ()
    ) -> str:
        """A bare PostgreSQL role that is no Concord user; returns ``name``."""
        from db import roles

        self.track(name)
        sql = f"CREATE ROLE {roles.quote_ident(name)} {'LOGIN' if login else 'NOLOGIN'}"
        if password is not None:
            sql += f" PASSWORD {roles.quote_literal(password)}"
        with self.admin.begin() as conn:
            roles.ddl(conn, sql)
            for group in member_of:
                roles.ddl(conn, f"GRANT {roles.quote_ident(group)} TO {roles.quote_ident(name)}")
        return name

    def drop(self) -> None:
        from db import roles

        if not self.names or self.admin.dialect.name != "postgresql":
            return
        with self.admin.begin() as conn:
            for name in self.names:
                roles.drop_login(conn, name)
        self.names.clear()


@contextmanager
def logins_on(admin: Engine) -> Iterator[Logins]:
    """Logins made on ``admin``'s server inside the block; all dropped when it ends, however."""
    made = Logins(admin)
    try:
        yield made
    finally:
        made.drop()


@contextmanager
def demo_server(templates: Any) -> Iterator[tuple[str, Engine, Logins]]:
    """For a module fixture: a fresh copy of the PostgreSQL demo database (``templates`` is the
    ``_templates`` fixture of tests/conftest.py), as its admin URL, an engine on it and the logins
    made there; when the block ends the logins are dropped and the engine disposed."""
    from db.session import make_engine

    url = templates.fresh_copy("postgresql", "demo")
    admin = make_engine(url)
    try:
        with logins_on(admin) as made:
            yield url, admin, made
    finally:
        admin.dispose()


@pytest.fixture
def logins(demo_engine: Engine) -> Iterator[Logins]:
    """Logins a test makes on the demo database's server; dropped at teardown."""
    with logins_on(demo_engine) as made:
        yield made
