"""The program's version, one number for Help → About, ``concord --version`` and the package.

From a source checkout: pyproject.toml beside the code (the number being edited). From an
installed wheel: the package metadata. From the PyInstaller build: resources/VERSION, written by
packaging/build.py from pyproject.toml.
"""

from __future__ import annotations

import sys
import tomllib
from importlib import metadata
from pathlib import Path

import resources

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
UNKNOWN = "0+unknown"


def version() -> str:
    if getattr(sys, "frozen", False):
        shipped = resources.path("VERSION")
        if shipped.is_file():
            return shipped.read_text(encoding="utf-8").strip() or UNKNOWN
    if PYPROJECT.is_file():
        with PYPROJECT.open("rb") as fh:
            project = tomllib.load(fh).get("project", {})
        if project.get("name") == "concord" and project.get("version"):
            return str(project["version"])
    try:
        return metadata.version("concord")
    except metadata.PackageNotFoundError:
        return UNKNOWN
