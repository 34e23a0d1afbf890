"""Qt bindings that must leave the reference counts of ``True`` and ``None`` alone.

PySide6 6.12.0's ``SignalInstance.emit()`` and ``.disconnect()`` return ``True`` without taking a
reference to it, and every method returning nothing drops one to ``None``. On Python 3.11 neither
object is immortal: enough calls and the interpreter dies ("Fatal Python error: bool_dealloc" /
"none_dealloc") — at the end of a test run, or after a few hours of the live window. So
pyproject.toml keeps PySide6 below 6.12; these tests run the app's emitting paths and plain Qt calls
many times and fail if a PySide6 with either bug is installed again.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from desktop.cases.queue import SortKey
from desktop.cases.service import actor_for
from ui.cases.queue_model import CaseQueueModel
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


def true_refs_lost(run: Callable[[], None]) -> int:
    """How many references to True ``run`` took away and did not give back: the least over three
    runs, because other objects freed meanwhile (left by earlier tests) move the count once, while
    a binding that drops a reference per call does it every time."""
    losses = []
    for _ in range(3):
        gc.collect()
        before = sys.getrefcount(True)
        run()
        gc.collect()
        losses.append(before - sys.getrefcount(True))
    return min(losses)


# Each emission through a broken SignalInstance.emit loses one reference; a tenth of the
# emissions tells that apart from noise.
def assert_kept(lost: int, emissions: int) -> None:
    assert lost < emissions // 10, f"{lost} references to True lost over {emissions} emissions"


class _Source(QObject):
    flag = Signal(bool)
    value = Signal(object)
    pair = Signal(bool, str)
    ping = Signal()


def test_signal_emit_and_disconnect_keep_true(qtbot: QtBot) -> None:
    source = _Source()
    model = QStandardItemModel(3, 2)
    got: list[Any] = []
    source.flag.connect(got.append)
    source.value.connect(got.append)
    source.pair.connect(lambda b, s: got.append((b, s)))
    source.ping.connect(lambda: got.append("ping"))
    model.dataChanged.connect(lambda tl, br, roles: got.append((tl.row(), br.row(), list(roles))))
    n = 300

    def run() -> None:
        for i in range(n):
            source.flag.emit(i % 2 == 0)
            source.value.emit({"i": i})
            source.pair.emit(True, "x")
            source.ping.emit()
            model.dataChanged.emit(model.index(1, 0), model.index(1, 1), [int(Qt.ItemDataRole.DisplayRole)])
            slot = got.append
            source.value.connect(slot)
            source.value.disconnect(slot)

    assert_kept(true_refs_lost(run), 6 * n)
    assert got[:5] == [True, {"i": 0}, (True, "x"), "ping", (1, 1, [0])]
    assert len(got) == 3 * 5 * n  # three runs


def test_void_methods_keep_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 also dropped a reference to None on every call of a method returning
    nothing (setText, setVisible, update, QSettings.setValue…): hours of a live window, then
    "deallocating None". pyproject.toml keeps PySide6 below 6.12 for both bugs."""
    label = QLabel()
    qtbot.addWidget(label)
    n = 1000
    gc.collect()
    before = sys.getrefcount(None)
    for i in range(n):
        label.setText(str(i % 7))
        label.setVisible(False)
        label.update()
    gc.collect()
    lost = before - sys.getrefcount(None)
    assert lost < n // 10, f"{lost} references to None lost over {3 * n} calls"


def test_task_runner_results_keep_true(qtbot: QtBot) -> None:
    """A worker hands back each result (or error) by signal, from its own thread."""
    runner = TaskRunner(max_threads=2)
    done: list[int] = []
    failed: list[Exception] = []
    n = 300

    def boom() -> int:
        raise ValueError("no")

    def run() -> None:
        done_before, failed_before = len(done), len(failed)
        for i in range(n):
            runner.submit(lambda i=i: i, done.append, failed.append)
        runner.submit(boom, done.append, failed.append)
        assert runner.wait(WAIT)
        qtbot.waitUntil(
            lambda: len(done) == done_before + n and len(failed) == failed_before + 1, timeout=WAIT
        )

    assert_kept(true_refs_lost(run), n)
    assert sorted(done) == sorted(list(range(n)) * 3)
    assert len(failed) == 3 and all(isinstance(e, ValueError) for e in failed)


def test_queue_model_reloads_keep_true(qtbot: QtBot, demo_engine: Engine) -> None:
    """Filter changes read on workers: loadingChanged on and off, filterChanged, the worker's
    result signal, and when_idle connecting and dropping its one-shot slot, each time."""
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
    model = CaseQueueModel(sessions, dispatcher, background=True)
    idle: list[int] = []
    cycles = 40

    def run() -> None:
        for i in range(cycles):
            sort = SortKey.NUMBER if i % 2 == 0 else SortKey.UPDATED
            model.set_filter(model.current_filter.with_(sort=sort))
            assert model.loading
            model.when_idle(lambda i=i: idle.append(i))
            qtbot.waitUntil(lambda i=i: idle[-1:] == [i], timeout=WAIT)
        model.wait(WAIT)

    # Each cycle emits loadingChanged twice, filterChanged and the worker's done, and disconnects:
    # four references or more a cycle before the fix.
    assert_kept(true_refs_lost(run), 4 * cycles)
    assert idle == list(range(cycles)) * 3
    assert model.rowCount() > 0
