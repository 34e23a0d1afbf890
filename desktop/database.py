"""The database as the interface sees it: where it is, opening it, signing in to a server, and
asking whether the server is still there.

The interface never imports ``db`` or a driver (tests/unit/test_layering.py). What it needs of
them is here, as operations rather than re-exported machinery: open the embedded or named
database (migrating and seeding it), describe an open one for the status bar, sign a user in to a
server profile, probe a server with a small connection of its own, and tell a lost connection
from a refused request.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from db import migrate
from db.session import (
    ENV_URL,
    DatabaseError,
    default_sqlite_path,
    make_engine,
    make_sessionmaker,
    resolve_url,
)
from desktop.cases.ladder import Actor
from desktop.store import SessionFactory

__all__ = [
    "DatabaseError",
    "Location",
    "Probe",
    "SignInError",
    "SignedIn",
    "embedded_exists",
    "is_connection_error",
    "locate",
    "named_by_environment",
    "open_for_window",
    "resolve_url",
    "server_url",
    "sign_in",
]


# --- which database --------------------------------------------------------------------------


def named_by_environment() -> bool:
    """Whether ``CONCORD_DB_URL`` names the database to open."""
    return bool(os.environ.get(ENV_URL))


def embedded_exists() -> bool:
    """Whether the embedded (SQLite) database of this PC has been created."""
    return default_sqlite_path().exists()


def embedded_path() -> Path:
    return default_sqlite_path()


@dataclass(frozen=True)
class Location:
    """An open database as the status bar names it."""

    embedded: bool
    name: str  # the embedded file's name, or the server database's
    host: str  # "" for the embedded database
    revision: str  # the schema revision, "?" when none


def locate(engine: Engine) -> Location:
    url = make_url(str(engine.url))
    rev = migrate.current_revision(engine) or "?"
    if url.get_backend_name() == "sqlite":
        return Location(True, Path(url.database or "").name, "", rev)
    return Location(False, url.database or "", url.host or "", rev)


# --- opening ----------------------------------------------------------------------------------


def open_for_window(
    url: str | None, progress: Callable[[str, int, int], None] | None = None
) -> tuple[Engine, SessionFactory]:
    """The database at ``url`` (None: ``CONCORD_DB_URL``, else the embedded one), checked,
    upgraded, and on its first opening seeded with the demo city. Raises DatabaseError when the
    schema is newer than this program, ValueError for a URL it cannot use."""
    from desktop.bootstrap import open_database

    return open_database(url, seed_demo=True, progress=progress)


# --- signing in to a server ---------------------------------------------------------------------


def server_url(
    host: str, port: int, database: str, sslmode: str, user: str, password: str, timeout_s: int
) -> str:
    """A PostgreSQL URL for psycopg with TLS mode and connect timeout, password included."""
    query = {"sslmode": sslmode, "connect_timeout": str(max(1, int(timeout_s)))}
    return URL.create(
        "postgresql+psycopg",
        username=user,
        password=password or None,
        host=host,
        port=port,
        database=database,
        query=query,
    ).render_as_string(hide_password=False)


class SignInError(Exception):
    """A sign-in the server accepted but Concord refuses: ``code`` is ``schema_older``,
    ``no_account`` or ``disabled`` (the interface words them, ui.errors.explain_connection)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code = code


@dataclass(frozen=True)
class SignedIn:
    engine: Engine
    sessions: SessionFactory
    actor: Actor


def sign_in(url: str) -> SignedIn:
    """Open the server database at ``url`` as its user: check the schema, find the user's row.

    Runs on a worker thread. Raises the driver's error, DatabaseError for a too-new schema, or
    SignInError; nothing is left open on failure."""
    from desktop.users import current_user
    from desktop.vocab import Role

    engine = make_engine(url)
    try:
        migrate.check_compatible(engine)
        if migrate.needs_upgrade(engine):
            raise SignInError("schema_older")
        sessions = make_sessionmaker(engine)
        with sessions() as s:
            row = current_user(s)
            if row is None:
                raise SignInError("no_account")
            if not row.active:
                raise SignInError("disabled")
            actor = Actor(
                user_id=row.id,
                role=Role(row.role),
                town_id=row.town_id,
                department_id=row.department_id,
                name=row.display_name,
            )
    except BaseException:
        engine.dispose()
        raise
    return SignedIn(engine, sessions, actor)


# --- is the server there? ------------------------------------------------------------------------


def is_connection_error(exc: BaseException) -> bool:
    """A failure of the connection itself (server gone, network), not a refusal of the request."""
    if isinstance(exc, OperationalError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(exc, psycopg.OperationalError)


def driver_reason(exc: BaseException) -> str:
    """The driver's own words for a failure (the text the connection patterns are matched on)."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return str(exc.orig)
    return str(exc)


class Probe:
    """One small connection of its own to a PostgreSQL server, asked ``SELECT 1`` with short
    timeouts: a stopped server or a dead network is noticed within seconds."""

    def __init__(self, engine: Engine, timeout_s: float) -> None:
        self._url = engine.url.render_as_string(hide_password=False)
        self._timeout = timeout_s
        self._conn: Any = None

    def _connect(self) -> Any:
        import psycopg

        from desktop.live.listen import libpq_conninfo

        ms = int(self._timeout * 1000)
        return psycopg.connect(
            libpq_conninfo(self._url),
            autocommit=True,
            connect_timeout=max(1, int(round(self._timeout))),
            # A dead network must not hang a check: give up on a silent peer within seconds.
            keepalives=1,
            keepalives_idle=max(1, int(self._timeout)),
            keepalives_interval=1,
            keepalives_count=2,
            tcp_user_timeout=ms,
            options=f"-c statement_timeout={ms}",
            application_name="concord-monitor",
        )

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # already broken: nothing to release
                conn.close()

    def check(self) -> BaseException | None:
        """None when the server answered, else what went wrong."""
        import psycopg

        for attempt in range(2):
            try:
                if self._conn is None or self._conn.closed:
                    self._conn = self._connect()
                self._conn.execute("SELECT 1").fetchone()
                return None
            except psycopg.Error as exc:
                self.close()
                # A connection killed while idle (server restart, idle timeout) deserves one
                # fresh try before the user is told anything.
                if attempt == 1:
                    return exc
        return None
