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
        "import sys, desktop.cases, desktop.stats, desktop.bootstrap, db.models;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
