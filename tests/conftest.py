"""Session-wide isolation and the database fixtures every integration test runs on.

Database tests run on SQLite and on PostgreSQL. PostgreSQL comes from ``CONCORD_TEST_PG_URL``
(a role allowed to create databases); without it the PostgreSQL half is skipped with a reason,
unless ``CONCORD_REQUIRE_PG=1`` (CI), where a missing server fails the run.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.pg_logins import logins  # noqa: F401  (the fixture, for every test)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")
os.environ.pop("CONCORD_DB_URL", None)

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("CONCORD_TEST_PG_URL", "")
REQUIRE_PG = os.environ.get("CONCORD_REQUIRE_PG") == "1"
FOLDER_MARKS = {"unit", "integration", "ui", "e2e"}


def _on_postgresql_by_parameter(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    return callspec is not None and "postgresql" in (
        callspec.params.get("db_url"),
        callspec.params.get("demo_url"),
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Folder marks; and the PostgreSQL half of the tests whose subject is not the database.

    The database's behaviour (queries, locking, RLS, the change feed) is tested on both engines in
    tests/integration and tests/e2e. Widgets (tests/ui) and the screenshots' layout
    (``one_engine``) read through those same tested read models, so they run on SQLite; a widget
    test that depends on the engine (LISTEN wake-ups, logins, a server restart) says so with
    ``both_engines`` and runs on both."""
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts and parts[0] in FOLDER_MARKS:
            item.add_marker(getattr(pytest.mark, parts[0]))
        one_engine = (parts[:1] == ("ui",) or item.get_closest_marker("one_engine") is not None) and (
            item.get_closest_marker("both_engines") is None
        )
        (dropped if one_engine and _on_postgresql_by_parameter(item) else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real data folder or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture(autouse=True)
def _command_language_forgotten() -> Iterator[None]:
    """A command run in-process (``main.main``) installs its language for good, as a command-line
    process may; the next test's window must not start in it."""
    yield
    reports = sys.modules.get("ui.import_reports")
    if reports is not None:
        reports.forget_language()


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_admin_url() -> str:
    from db.session import resolve_url

    if not PG_URL:
        if REQUIRE_PG:
            pytest.fail("CONCORD_REQUIRE_PG=1 but CONCORD_TEST_PG_URL is not set")
        pytest.skip("PostgreSQL half skipped: set CONCORD_TEST_PG_URL to run it")
    return resolve_url(PG_URL)


def _pg_exec(admin_url: str, sql: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            conn.execute(text(sql))
    finally:
        eng.dispose()


def _pg_url_for(admin_url: str, dbname: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(admin_url).set(database=dbname).render_as_string(hide_password=False)


class _Templates:
    """Builds a database once per test session (migrated, optionally with a demo city) and
    hands each test a fresh copy: a file copy on SQLite, ``CREATE DATABASE … TEMPLATE`` on
    PostgreSQL."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.made: dict[tuple[str, str], str] = {}
        self.pg_dbs: list[str] = []

    def template(self, engine_name: str, flavour: str) -> str:
        key = (engine_name, flavour)
        if key not in self.made:
            self.made[key] = self._build(engine_name, flavour)
        return self.made[key]

    def _build(self, engine_name: str, flavour: str) -> str:
        from db.migrate import upgrade
        from db.session import make_engine, make_sessionmaker

        if engine_name == "sqlite":
            path = self.workdir / f"template-{flavour}.db"
            url = f"sqlite:///{path}"
        else:
            admin = _pg_admin_url()
            name = f"concord_tpl_{flavour}_{uuid.uuid4().hex[:8]}"
            _pg_exec(admin, f'CREATE DATABASE "{name}"')
            self.pg_dbs.append(name)
            url = _pg_url_for(admin, name)
        engine = make_engine(url)
        try:
            upgrade(engine)
            if flavour == "demo":
                from tests.demo_day import build_present_demo

                # The same cases open, overdue and supervised whatever day the tests run.
                build_present_demo(make_sessionmaker(engine), seed=7, cases=400, logs=400)
            if engine_name == "sqlite":
                with engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        return url

    def fresh_copy(self, engine_name: str, flavour: str) -> str:
        template = self.template(engine_name, flavour)
        if engine_name == "sqlite":
            src = Path(template.removeprefix("sqlite:///"))
            dst = self.workdir / f"db-{uuid.uuid4().hex[:8]}.db"
            shutil.copyfile(src, dst)
            return f"sqlite:///{dst}"
        admin = _pg_admin_url()
        from sqlalchemy.engine import make_url

        name = f"concord_t_{uuid.uuid4().hex[:10]}"
        _pg_exec(admin, f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template).database}"')
        self.pg_dbs.append(name)
        return _pg_url_for(admin, name)

    def drop_all(self) -> None:
        if not self.pg_dbs or not PG_URL:
            return
        admin = _pg_admin_url()
        for name in reversed(self.pg_dbs):
            _pg_exec(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    t = _Templates(tmp_path_factory.mktemp("dbs"))
    yield t
    t.drop_all()


ENGINES = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="pg", marks=pytest.mark.pg)]


@pytest.fixture(params=ENGINES)
def db_url(request: pytest.FixtureRequest, _templates: _Templates) -> str:
    """URL of an empty, migrated database (one per test)."""
    return _templates.fresh_copy(request.param, "empty")


@pytest.fixture(params=ENGINES)
def demo_url(request: pytest.FixtureRequest, _templates: _Templates) -> str:
    """URL of a database holding a small demo city (seed scale geography, 400 cases)."""
    return _templates.fresh_copy(request.param, "demo")


@pytest.fixture
def engine(db_url: str) -> Iterator[object]:
    from db.session import make_engine

    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def demo_engine(demo_url: str) -> Iterator[object]:
    from db.session import make_engine

    eng = make_engine(demo_url)
    yield eng
    eng.dispose()
