"""ui.tasks: work that ends after the runner's owner (a window, a model) was deleted does not call
back into it. A closed window's queue read used to land on the deleted model ("Signal source has
been deleted"), e.g. after its sweeper's escalations had set the live feed reading."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from ui.tasks import TaskRunner


def test_callbacks_of_a_deleted_owner_are_dropped(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    called: list[object] = []
    runner.submit(lambda: 1, called.append, called.append)
    runner.submit(lambda: 1 / 0, called.append, called.append)
    assert runner.wait(10000)  # done in the pool; the answers wait in the event queue
    shiboken6.delete(owner)
    qtbot.wait(100)
    assert called == []


def test_callbacks_of_a_living_owner_arrive(qtbot: QtBot) -> None:
    owner = QObject()
    runner = TaskRunner(owner)
    done: list[object] = []
    failed: list[object] = []
    runner.submit(lambda: 1, done.append, failed.append)
    runner.submit(lambda: 1 / 0, done.append, failed.append)
    qtbot.waitUntil(lambda: bool(done and failed), timeout=10000)
    assert done == [1] and isinstance(failed[0], ZeroDivisionError)
