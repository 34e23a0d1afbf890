"""Translations: Qt Linguist .ts files in resources/, compiled to .qm on first use.

Source strings are English; Simplified Chinese is the default. The .qm files are build output
(kept out of the repository) and are rebuilt whenever the .ts is newer.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import PySide6
from platformdirs import user_cache_dir
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
DEFAULT_LANG = "zh_CN"
# Fonts that carry Chinese glyphs on the machines we run on: Windows office PCs, Debian, macOS.
FONT_FAMILIES = [
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "PingFang SC",
    "WenQuanYi Micro Hei",
]


LANGUAGES = {"zh_CN": "简体中文", "en": "English"}


def choose_language(explicit: str | None = None, saved: str | None = None) -> str:
    """The command line wins, then the environment, then the user's setting, then Chinese."""
    for lang in (explicit, os.environ.get("CONCORD_LANG"), saved):
        if lang in LANGUAGES:
            return lang
    return DEFAULT_LANG


def lrelease_binary() -> Path:
    base = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        if (base / name).exists():
            return base / name
    raise FileNotFoundError("Qt's lrelease is missing from the PySide6 installation")


def compiled(ts: Path) -> Path:
    """The .qm for a .ts, compiling it when missing or out of date."""
    qm = Path(user_cache_dir("concord", "Concord")) / "translations" / (ts.stem + ".qm")
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(lrelease_binary()), "-silent", str(ts), "-qm", str(qm)], check=True)
    return qm


def install(app: QApplication, lang: str) -> list[QTranslator]:
    """Install our catalogue and Qt's own (standard buttons, dialogs) for the language."""
    installed: list[QTranslator] = []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English))
    if lang != "en":
        ts = TRANSLATIONS / f"concord_{lang}.ts"
        ours = QTranslator(app)
        if ts.exists() and ours.load(str(compiled(ts))):
            app.installTranslator(ours)
            installed.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    app.setFont(font)
    return installed
