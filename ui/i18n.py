"""Translations: Qt Linguist .ts files in resources/, compiled to .qm.

Source strings are English; Simplified Chinese is the default. The .qm files are build output
(kept out of the repository): the packaged build ships them (packaging/build.py compiles them), a
source checkout compiles the .ts into the user's cache on first use and whenever the .ts is newer.
A catalogue that is missing or cannot be loaded never stops the program: it runs in English and
says so in the log.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

import PySide6
from platformdirs import user_cache_dir
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger(__name__)
TRANSLATIONS = resources.path("translations")
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


def catalogue(lang: str, folder: Path | None = None) -> Path:
    """The .qm to load for ``lang``: a shipped one (the packaged build, or one built next to the
    .ts) unless its .ts is newer, else the .ts compiled into the cache. Raises OSError or
    subprocess.CalledProcessError when there is neither, or it cannot be compiled."""
    folder = folder or TRANSLATIONS
    qm, ts = folder / f"concord_{lang}.qm", folder / f"concord_{lang}.ts"
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if ts.is_file():
        return compiled(ts)
    raise FileNotFoundError(f"no translation catalogue for {lang} in {folder}")


def install(app: QApplication, lang: str, folder: Path | None = None) -> list[QTranslator]:
    """Install our catalogue and Qt's own (standard buttons, dialogs) for the language; English
    (with a warning in the log) when ours is missing or unreadable."""
    installed: list[QTranslator] = []
    if lang != "en":
        ours = QTranslator(app)
        try:
            qm = catalogue(lang, folder)
            loaded = ours.load(str(qm))
        except (OSError, subprocess.SubprocessError) as exc:
            loaded = False
            log.warning("translation %s unavailable (%s); the interface stays in English", lang, exc)
        else:
            if not loaded:
                log.warning("translation %s: cannot load %s; the interface stays in English", lang, qm)
        if loaded:
            app.installTranslator(ours)
            installed.append(ours)
        else:
            lang = "en"
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if lang == "zh_CN" else QLocale.Language.English))
    if lang != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            installed.append(qt)
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    app.setFont(font)
    return installed
