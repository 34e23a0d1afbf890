"""Our signal emissions leave the reference count of ``True`` alone.

PySide6 6.12's ``SignalInstance.emit()`` (and ``.disconnect()``) return ``True`` without taking a
reference to it. On Python 3.11 ``True`` is not immortal: enough emissions and the interpreter dies
at exit with "Fatal Python error: bool_dealloc: deallocating True or False" (a long session of the
app, or a test run, once the count it is short exceeds the references still held). ``ui.signals``
emits through ``QObject.emit`` instead; these tests run the emitting paths many times and check
that ``sys.getrefcount(True)`` does not drop with them.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from desktop.cases import actor_for
from desktop.queue import SortKey
from ui.queue_model import CaseQueueModel
from ui.signals import emit
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


def true_refs_lost(run: Callable[[], None]) -> int:
    """How many references to True ``run`` took away and did not give back."""
    gc.collect()
    before = sys.getrefcount(True)
    run()
    gc.collect()
    return before - sys.getrefcount(True)


# Each emission through SignalInstance.emit loses one reference; what other objects make and free
# meanwhile moves the count by a few at most. A tenth of the emissions tells the two apart.
def assert_kept(lost: int, emissions: int) -> None:
    assert lost < emissions // 10, f"{lost} references to True lost over {emissions} emissions"


class _Source(QObject):
    flag = Signal(bool)
    value = Signal(object)
    pair = Signal(bool, str)
    ping = Signal()


def test_emit_delivers_and_keeps_true(qtbot: QtBot) -> None:
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
            emit(source, "flag", i % 2 == 0)
            emit(source, "value", {"i": i})
            emit(source, "pair", True, "x")
            emit(source, "ping")
            emit(model, "dataChanged", model.index(0, 0), model.index(2, 1))  # the built-in overload
            emit(
                model, "dataChanged", model.index(1, 0), model.index(1, 1), [int(Qt.ItemDataRole.DisplayRole)]
            )

    assert_kept(true_refs_lost(run), 6 * n)
    assert got[:6] == [True, {"i": 0}, (True, "x"), "ping", (0, 2, []), (1, 1, [0])]
    assert len(got) == 6 * n


def test_emit_refuses_what_is_not_a_signal_of_the_sender(qtbot: QtBot) -> None:
    source = _Source()
    got: list[Any] = []
    source.flag.connect(got.append)
    with pytest.raises(AttributeError, match="no signal 'flg'"):
        emit(source, "flg", True)
    with pytest.raises(TypeError, match=r"no signal takes 2 argument\(s\), only flag\(bool\)"):
        emit(source, "flag", True, False)
    with pytest.raises(TypeError, match="takes 0 argument"):
        emit(source, "flag")
    assert got == []


def test_task_runner_results_keep_true(qtbot: QtBot) -> None:
    """A worker hands back each result (or error) by signal, from its own thread."""
    runner = TaskRunner(max_threads=2)
    done: list[int] = []
    failed: list[Exception] = []
    n = 300

    def boom() -> int:
        raise ValueError("no")

    def run() -> None:
        for i in range(n):
            runner.submit(lambda i=i: i, done.append, failed.append)
        runner.submit(boom, done.append, failed.append)
        assert runner.wait(WAIT)
        qtbot.waitUntil(lambda: len(done) == n and len(failed) == 1, timeout=WAIT)

    assert_kept(true_refs_lost(run), n)
    assert sorted(done) == list(range(n))
    assert isinstance(failed[0], ValueError)


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
    assert idle == list(range(cycles))
    assert model.rowCount() > 0
