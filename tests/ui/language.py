"""The UI language for one test: ``with ui_language(qapp, "zh_CN"): …`` installs the catalogue
and takes it out again afterwards, back to English, so later tests see the language they expect."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtWidgets import QApplication

from ui import i18n


@contextmanager
def ui_language(app: QApplication, lang: str) -> Iterator[None]:
    translators = i18n.install(app, lang)
    try:
        yield
    finally:
        for tr in translators:
            app.removeTranslator(tr)
        i18n.install(app, "en")
