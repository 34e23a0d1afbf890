"""The form dialog: fields in a form layout, a red line for what went wrong, Cancel and a named
accept button, and a save that runs off the GUI thread.

While the save runs the buttons are off (a second click cannot save twice, Cancel cannot close a
dialog whose save may still land). A refusal is said in the user's language through
``ui.errors.explain`` under the fields; the dialog stays open with everything typed still there,
and the buttons come back. A save that succeeds emits ``saved`` with its result and accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ui.errors import explain
from ui.tasks import TaskRunner
from ui.text import plain_label

ERROR_COLOUR = "#b3261e"


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def date_edit(day: dt.date) -> QDateEdit:
    """A date field of a form: ISO format, with a calendar to pick from."""
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class FormDialog(QDialog):
    """Subclasses add their fields with :meth:`add_row` (or to :attr:`form` / :meth:`add_widget`)
    and implement :meth:`submit`, which reads the fields and calls :meth:`save_in_background`
    (or :meth:`show_error` when the input cannot even be sent)."""

    saved = Signal(object)

    def __init__(
        self,
        title: str,
        runner: TaskRunner,
        accept_text: str,
        parent: QWidget | None = None,
        *,
        cancel_text: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._runner = runner
        self.busy = False
        self.body = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.body.addLayout(self.form)
        self.error = plain_label()  # a refusal may quote what the user typed
        self.error.setObjectName("error")
        self.error.setStyleSheet(f"color: {ERROR_COLOUR}")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.body.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button: QPushButton = self.buttons.addButton(
            accept_text, QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.accept_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        self.cancel_button: QPushButton = cancel
        if cancel_text is not None:
            self.cancel_button.setText(cancel_text)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body.addWidget(self.buttons)

    # --- building ---------------------------------------------------------------------------

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        """A labelled field; returns the widget, for one-line construction."""
        self.form.addRow(label, widget)
        return widget

    def add_widget(self, widget: QWidget, stretch: int = 0) -> QWidget:
        """A widget below the form (a table, a list), above the error line and the buttons."""
        self.body.insertWidget(self.body.indexOf(self.error), widget, stretch)
        return widget

    def add_layout(self, layout: QLayout) -> None:
        self.body.insertLayout(self.body.indexOf(self.error), layout)

    # --- saving -----------------------------------------------------------------------------

    def submit(self) -> None:
        """The accept button: read the fields, then :meth:`save_in_background`."""
        raise NotImplementedError

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def save_in_background(
        self, fn: Callable[[], Any], on_saved: Callable[[Any], None] | None = None
    ) -> None:
        """Run ``fn`` on the runner's pool. Its result goes to ``on_saved`` and ``saved``, and the
        dialog accepts; an exception is shown through :func:`ui.errors.explain` and the dialog
        stays as it was. Ignored while a save is already running."""
        if self.busy:
            return
        self.busy = True
        focus = self.focusWidget()  # the field being typed in stays the one typed in
        self.buttons.setEnabled(False)
        self.show_error("")

        def done(result: Any) -> None:
            self.busy = False
            self.buttons.setEnabled(True)
            if on_saved is not None:
                on_saved(result)
            self.saved.emit(result)
            self.accept()

        def failed(exc: Exception) -> None:
            self.busy = False
            self.buttons.setEnabled(True)
            self.refused(exc)
            if focus is not None and isValid(focus) and focus.isEnabled():
                focus.setFocus()

        self._runner.submit(fn, done, failed)

    def refused(self, exc: Exception) -> None:
        """A save that failed: its reason under the fields (subclasses may do more)."""
        self.show_error(explain(exc))

    def reject(self) -> None:
        if not self.busy:  # a save under way still lands; its outcome must be seen
            super().reject()


__all__ = ["ERROR_COLOUR", "FormDialog", "date_edit", "pydate", "qdate"]
