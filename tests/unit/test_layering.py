"""Imports point one way (ui → desktop → db): the core never touches Qt widgets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_CORE = ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtWebEngine", "PyQt", "pyqtgraph", "ui")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            if node.module == "PySide6":
                names.extend(f"PySide6.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("package", ["desktop", "db"])
def test_core_packages_import_no_widgets_and_no_ui(package: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in _imports(path)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN_IN_CORE)
    ]
    assert offenders == []


def test_db_does_not_import_desktop() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "db").rglob("*.py"))
        if any(n == "desktop" or n.startswith("desktop.") for n in _imports(path))
    ]
    assert offenders == []


def test_importing_the_core_loads_no_qt_at_runtime() -> None:
    code = (
        "import sys, desktop.cases.service, desktop.stats, desktop.bootstrap, db.models;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the interface writes no SQL -------------------------------------------------------------

FORBIDDEN_IN_UI = ("sqlalchemy", "db", "psycopg", "sqlite3")
# Calls that only a query makes: the interface hands a session factory to desktop/ instead.
QUERY_CALLS = {"execute", "scalars", "scalar", "scalar_one", "scalar_one_or_none", "query", "select", "text"}


def sql_in_ui(source: str) -> list[str]:
    """What in a module of ui/ reaches into the database: imports of SQLAlchemy, db, a driver,
    or calls that build or run a query."""
    tree = ast.parse(source)
    found: list[str] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [
            f"line {node.lineno}: import {n}"
            for n in names
            if any(n == bad or n.startswith(bad + ".") for bad in FORBIDDEN_IN_UI)
        ]
        if isinstance(node, ast.Call):
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else func.id
                if isinstance(func, ast.Name)
                else ""
            )
            # Qt's text getters (edit.text(), item.text(0)) are not SQLAlchemy's text("SELECT …"):
            # a text() call is SQL when it is a bare name or is given a string.
            is_qt_getter = (
                name == "text"
                and isinstance(func, ast.Attribute)
                and not (
                    node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                )
            )
            if name in QUERY_CALLS and not is_qt_getter:
                found.append(f"line {node.lineno}: {name}()")
    return found


UI_MODULES = sorted((ROOT / "ui").rglob("*.py"))


@pytest.mark.parametrize("path", UI_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_interface_writes_no_sql(path: Path) -> None:
    assert sql_in_ui(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from sqlalchemy import select\n",
        "import sqlalchemy.orm\n",
        "from db.models import Case\n",
        "from db import migrate\n",
        "def f(session):\n    return session.execute(q)\n",
        "def f(session):\n    return session.scalars(q).all()\n",
        "import psycopg\n",
        "def f(session, sql):\n    return session.execute(text('SELECT 1'))\n",
        "q = text('SELECT 1')\n",
        "q = sa.text('SELECT 1')\n",
        "q = text(sql)\n",
    ],
)
def test_the_layering_check_catches_sql_in_the_interface(source: str) -> None:
    assert sql_in_ui(source) != []


def test_the_layering_check_passes_the_interface_using_desktop() -> None:
    ok = (
        "from desktop.store import SessionFactory\nfrom desktop.vocab import Role\ndialog.exec()\n"
        "name = self.name_edit.text().strip()\nlabel = item.text(0)\n"
    )
    assert sql_in_ui(ok) == []
