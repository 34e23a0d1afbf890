"""Concord's data files: translations, the map page's scripts, the app icon.

A package so that a wheel ships them (package data in pyproject.toml). ``root()`` finds them the
same way from a source checkout, an installed wheel and the PyInstaller build (which unpacks them
under ``sys._MEIPASS/resources``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def root() -> Path:
    """The folder holding translations/, map/ and icons/."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    return root().joinpath(*parts)
