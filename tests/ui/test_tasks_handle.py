"""ui.tasks: a failure nobody handles goes to the one default sink (logged with its traceback,
shown by the main window); a cancelled task calls back nothing and stops work that takes a
Progress; progress steps arrive on the GUI thread."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from desktop.cases.service import CaseService, actor_for
from desktop.progress import Cancelled, Progress
from tests.ui.language import ui_language
from ui.errors import explain
from ui.main_window import AppContext, MainWindow
from ui.tasks import TaskRunner, unhandled_failures

WAIT = 10000


def test_a_failure_without_on_error_reaches_the_default_sink_with_its_traceback(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    seen: list[object] = []
    unhandled_failures().failed.connect(seen.append)

    def broken() -> None:
        raise RuntimeError("the disk is full")

    with caplog.at_level(logging.ERROR, logger="ui.tasks"):
        runner.submit(broken, lambda _r: None)
        qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert isinstance(seen[0], RuntimeError) and str(seen[0]) == "the disk is full"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "the disk is full" in logged and "in broken" in logged  # the traceback, not only the text


def test_a_handled_failure_does_not_reach_the_sink(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    sunk: list[object] = []
    handled: list[object] = []
    unhandled_failures().failed.connect(sunk.append)
    runner.submit(lambda: 1 / 0, None, handled.append)
    qtbot.waitUntil(lambda: bool(handled), timeout=WAIT)
    qtbot.wait(50)
    assert isinstance(handled[0], ZeroDivisionError) and sunk == []


def test_cancel_drops_the_callbacks(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    release = threading.Event()
    done: list[object] = []
    failed: list[object] = []
    sunk: list[object] = []
    unhandled_failures().failed.connect(sunk.append)

    def slow(value: int) -> int:
        release.wait(WAIT / 1000)
        return value

    def slow_failure() -> None:
        release.wait(WAIT / 1000)
        raise RuntimeError("too late to matter")

    first = runner.submit(lambda: slow(1), done.append, failed.append)
    second = runner.submit(slow_failure)  # no on_error: would go to the sink
    kept = runner.submit(lambda: slow(2), done.append, failed.append)
    first.cancel()
    second.cancel()
    release.set()
    assert runner.wait(WAIT)
    qtbot.waitUntil(lambda: kept.finished and first.finished and second.finished, timeout=WAIT)
    assert done == [2] and failed == [] and sunk == []
    assert first.cancelled and not kept.cancelled


def test_cancel_stops_work_that_takes_a_progress(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    started = threading.Event()
    steps_taken: list[int] = []
    calls: list[object] = []

    def long_work(progress: Progress) -> str:
        for i in range(1000):
            started.set()
            progress.step(i, 1000)
            steps_taken.append(i)
            threading.Event().wait(0.005)
        return "finished"

    handle = runner.submit(long_work, calls.append, calls.append, cancellable=True)
    assert started.wait(WAIT / 1000)
    handle.cancel()
    assert runner.wait(WAIT)
    qtbot.waitUntil(lambda: handle.finished, timeout=WAIT)
    assert calls == []
    assert len(steps_taken) < 1000  # stopped at a step, not run to the end
    assert handle.progress is not None and handle.progress.cancelled


def test_progress_arrives_on_the_gui_thread(qtbot: QtBot, qapp: QApplication) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    seen: list[tuple[int, int, str, bool]] = []
    done: list[object] = []
    workers: list[bool] = []

    def work(progress: Progress) -> int:
        workers.append(QThread.currentThread() is qapp.thread())
        for i in range(1, 4):
            progress.step(i, 3, f"part {i}")
        return 3

    def stepped(done_: int, total: int, label: str) -> None:
        seen.append((done_, total, label, QThread.currentThread() is qapp.thread()))

    runner.submit(work, done.append, None, stepped)
    qtbot.waitUntil(lambda: bool(done) and len(seen) == 3, timeout=WAIT)
    assert workers == [False]  # the work itself ran off the GUI thread
    assert seen == [(1, 3, "part 1", True), (2, 3, "part 2", True), (3, 3, "part 3", True)]
    assert done == [3]


def test_a_cancelled_progress_task_with_an_error_handler_hears_cancelled(qtbot: QtBot) -> None:
    """submit_with_progress keeps its contract: cancelling its Progress gives on_error Cancelled."""
    owner = QObject()
    runner = TaskRunner(owner)
    started = threading.Event()
    errors: list[object] = []

    def work(progress: Progress) -> None:
        while True:
            started.set()
            progress.step(1, 2)
            threading.Event().wait(0.005)

    progress = runner.submit_with_progress(work, None, None, errors.append)
    assert started.wait(WAIT / 1000)
    progress.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)
    assert isinstance(errors[0], Cancelled)


def test_the_main_window_shows_an_unhandled_failure_in_its_status_bar(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine, tmp_path: Path
) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), settings, "test db"))
    qtbot.addWidget(window)
    failure = RuntimeError("导出目录不可写")
    with ui_language(qapp, "zh_CN"):

        def broken() -> None:
            raise failure

        window.runner.submit(broken)  # nobody handles it: the default sink does
        bar = window.statusBar()
        qtbot.waitUntil(lambda: bar.currentMessage() != "", timeout=WAIT)
        assert bar.currentMessage() == explain(failure)
