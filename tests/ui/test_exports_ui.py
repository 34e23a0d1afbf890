"""Exports from the window: File → Export the queue (CSV) writes what the queue shows, with a
progress dialog whose Cancel stops the work and leaves nothing behind."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from db.vocab import Level
from desktop.cases import queue
from desktop.cases.queue import QueueFilter
from desktop.cases.service import CaseService, actor_for
from desktop.clock import utcnow
from desktop.progress import Progress
from tests.ui.language import ui_language
from ui.cases.exports import run_with_progress
from ui.main_window import AppContext, MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def window(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> Iterator[MainWindow]:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), settings, "test db"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    yield win
    win.runner.wait(10000)


def test_export_writes_the_queue_filter_in_chinese(
    window: MainWindow, qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    flt = QueueFilter(levels=frozenset({Level.CITY}))
    window.queue.set_filter(flt)
    out = tmp_path / "city"
    with ui_language(qapp, "zh_CN"):
        window.export_queue(str(out))
        qtbot.waitUntil(lambda: (tmp_path / "city.csv").exists(), timeout=20000)
    with open(tmp_path / "city.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["编号", "标题", "镇街"]
    with window.ctx.sessions() as s:
        expected = queue.count_matching(s, window.ctx.actor, window.queue.current_filter(), utcnow())
    assert len(rows) - 1 == expected > 0
    assert {r[7] for r in rows[1:]} == {"市级"}
    qtbot.waitUntil(lambda: "city.csv" in window.statusBar().currentMessage(), timeout=5000)


def test_cancel_stops_the_work_and_nothing_is_delivered(window: MainWindow, qtbot: QtBot) -> None:
    gate = threading.Event()
    delivered: list[object] = []

    def work(progress: Progress) -> str:
        gate.wait(10)
        for i in range(100):
            progress.step(i, 100)
        return "done"

    dialog = run_with_progress(window, window.runner, "导出", work, delivered.append)
    # As the user does: the dialog's Cancel button.
    dialog.findChild(QPushButton).click()
    gate.set()
    assert window.runner.wait(10000)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    qtbot.wait(50)
    assert delivered == []
