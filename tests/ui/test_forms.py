"""The form dialog every feature's forms are built on (ui/forms.py): a refused save keeps the
dialog open with the reason in the user's language, what was typed and working buttons; a good
save accepts once."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.cases.ladder import ReasonRequired
from desktop.vocab import Action
from tests.ui.language import ui_language
from ui.forms import FormDialog
from ui.tasks import TaskRunner

WAIT = 10_000


class NameForm(FormDialog):
    def __init__(self, runner: TaskRunner, store: Any) -> None:
        super().__init__("Name", runner, "Save the name")
        self.name = QLineEdit()
        self.add_row("Name", self.name)
        self.store = store
        self.results: list[int] = []

    def submit(self) -> None:
        name, store = self.name.text(), self.store
        self.save_in_background(lambda: store(name), self.results.append)


def test_a_refused_save_keeps_the_dialog_open_with_the_translated_reason(
    qapp: QApplication, qtbot: QtBot
) -> None:
    runner = TaskRunner()
    release = threading.Event()

    def refuse(_name: str) -> int:
        release.wait(WAIT / 1000)
        raise ReasonRequired(Action.ESCALATE)

    with ui_language(qapp, "zh_CN"):
        dialog = NameForm(runner, refuse)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.name.setText("张三")
        assert not dialog.error.isVisible()
        dialog.accept_button.click()
        # While the save runs: nothing to click, and Cancel cannot close the dialog under it.
        assert dialog.busy and not dialog.accept_button.isEnabled() and not dialog.cancel_button.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
        release.set()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error.isVisible() and dialog.error.text() == "“上报”需要填写原因。"
        assert dialog.name.text() == "张三" and dialog.results == []
        assert dialog.accept_button.isEnabled() and dialog.cancel_button.isEnabled()
    runner.wait()


def test_a_good_save_accepts_once(qtbot: QtBot) -> None:
    runner = TaskRunner()
    calls: list[str] = []
    release = threading.Event()

    def store(name: str) -> int:
        release.wait(WAIT / 1000)
        calls.append(name)
        return 7

    dialog = NameForm(runner, store)
    qtbot.addWidget(dialog)
    accepted: list[int] = []
    dialog.accepted.connect(lambda: accepted.append(1))
    dialog.open()
    dialog.name.setText("李四")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.accept_button.click()
        dialog.accept_button.click()  # disabled: a second click saves nothing
        dialog.buttons.accepted.emit()  # nor does a second submit while the first runs
        release.set()
    assert saved.args == [7]
    runner.wait()
    qtbot.wait(50)
    assert calls == ["李四"] and dialog.results == [7] and accepted == [1]
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.error.text() == "" and not dialog.error.isVisible()
