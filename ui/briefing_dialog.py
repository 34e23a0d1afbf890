"""The briefing dialog (研判简报): period, formats and folder; writes the files with progress and cancel.

The figures are read in the background behind a progress dialog with Cancel
(desktop.briefing.collect, ui.cases.exports.run_with_progress); the charts and files are then made on
the GUI thread (pyqtgraph plots are widgets, and printing a QTextDocument while the GUI paints
could deadlock on the font database), which takes about a second.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.briefing import Briefing, BriefingError, PeriodKind, briefing_period, check_period, collect
from desktop.cases.ladder import Actor
from desktop.clock import to_local, utcnow
from desktop.progress import Progress
from desktop.store import SessionFactory
from ui.briefing import render_charts, write_outputs
from ui.cases.exports import default_folder, run_with_progress
from ui.errors import first_line
from ui.refusals import describe
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.text import fill, literal


def _local_start(day: QDate) -> dt.datetime:
    from desktop.briefing import local_day_start

    return local_day_start(dt.date(day.year(), day.month(), day.day()))


class BriefingDialog(QDialog):
    """Pick the period (last week, last half month, or from–to) and the formats; Generate."""

    written = Signal(list)  # the paths written

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        settings: Settings | QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Analysis briefing"))
        self._sessions, self._actor, self._runner = sessions, actor, runner
        self._settings = settings = Settings.maybe(settings)
        today = to_local(utcnow()).date()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.week = QRadioButton(self.tr("Weekly: last week (Monday to Sunday)"))
        self.half = QRadioButton(self.tr("Half-monthly: the last whole half month"))
        self.custom = QRadioButton(self.tr("From – to"))
        self.kinds = QButtonGroup(self)
        for button in (self.week, self.half, self.custom):
            self.kinds.addButton(button)
        self.week.setChecked(True)
        period = QVBoxLayout()
        period.addWidget(self.week)
        period.addWidget(self.half)
        dates = QHBoxLayout()
        dates.addWidget(self.custom)
        self.date_from = QDateEdit(QDate(today.year, today.month, 1))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.custom.setChecked(True))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        period.addLayout(dates)
        form.addRow(self.tr("Period"), period)
        self.period_label = QLabel()
        form.addRow("", self.period_label)
        formats = QHBoxLayout()
        self.pdf = QCheckBox(self.tr("PDF with charts"))
        self.xlsx = QCheckBox(self.tr("Excel workbook"))
        self.pdf.setChecked(True)
        self.xlsx.setChecked(True)
        formats.addWidget(self.pdf)
        formats.addWidget(self.xlsx)
        formats.addStretch(1)
        form.addRow(self.tr("Formats"), formats)
        folder = QHBoxLayout()
        saved = settings.briefing_folder if settings is not None else None
        self.folder = QLineEdit(str(saved) if saved is not None else default_folder())
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder.addWidget(self.folder, 1)
        folder.addWidget(browse)
        form.addRow(self.tr("Folder"), folder)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.generate = buttons.addButton(self.tr("Generate"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.generate.clicked.connect(self.start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for button in (self.week, self.half, self.custom):
            button.toggled.connect(self._show_period)
        self.date_from.dateChanged.connect(self._show_period)
        self.date_to.dateChanged.connect(self._show_period)
        self._show_period()
        self.setMinimumWidth(560)

    # --- choices ------------------------------------------------------------------------------

    def kind(self) -> PeriodKind | None:
        if self.week.isChecked():
            return "week"
        if self.half.isChecked():
            return "half_month"
        return None

    def period(self) -> tuple[dt.datetime, dt.datetime]:
        kind = self.kind()
        if kind is not None:
            return briefing_period(kind, to_local(utcnow()).date())
        return _local_start(self.date_from.date()), _local_start(self.date_to.date().addDays(1))

    def _show_period(self, *_args: object) -> None:
        start, end = self.period()
        last = to_local(end) - dt.timedelta(seconds=1)
        self.period_label.setText(
            fill(
                self.tr("%1 to %2 (%3 days)"),
                f"{to_local(start):%Y-%m-%d}",
                f"{last:%Y-%m-%d}",
                (end - start).days,
            )
        )

    def outputs(self) -> list[Path]:
        start, end = self.period()
        last = to_local(end) - dt.timedelta(seconds=1)
        stem = f"研判简报-{to_local(start):%Y%m%d}-{last:%Y%m%d}"
        folder = Path(self.folder.text().strip() or default_folder())
        suffixes = [s for s, box in ((".pdf", self.pdf), (".xlsx", self.xlsx)) if box.isChecked()]
        return [folder / f"{stem}{suffix}" for suffix in suffixes]

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the briefing"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _refuse(self, text: str) -> None:
        QMessageBox.warning(self, self.windowTitle(), literal(text))

    # --- the job ------------------------------------------------------------------------------

    def start(self) -> None:
        """Check the choices (a clear message, nothing written), then collect, draw and write."""
        outs = self.outputs()
        if not outs:
            self._refuse(self.tr("Choose at least one format."))
            return
        if not outs[0].parent.is_dir():
            self._refuse(fill(self.tr("The folder %1 does not exist."), str(outs[0].parent)))
            return
        start, end = self.period()
        try:
            check_period(start, end)
        except BriefingError as exc:
            self._refuse(describe(exc))
            return
        if self._settings is not None:
            self._settings.briefing_folder = outs[0].parent
        self.generate.setEnabled(False)
        title = self.tr("Analysis briefing")
        sessions, actor, kind = self._sessions, self._actor, self.kind()

        def gather(progress: Progress) -> Briefing:
            return collect(sessions, actor, start, end, kind=kind, progress=progress)

        def drawn(briefing: Briefing) -> None:
            # Charts (pyqtgraph widgets) and the PDF (QTextDocument, fonts) on the GUI thread: about a
            # second. Printing a document in a worker thread while the GUI thread paints could
            # deadlock on the font database.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                paths = write_outputs(briefing, render_charts(briefing), outs)
            except Exception as exc:  # a full disk, a file open in Excel: say so, keep the dialog
                stopped()
                self._refuse(fill(self.tr("The briefing was not written: %1"), first_line(exc)))
                return
            finally:
                QApplication.restoreOverrideCursor()
            self._finished(paths)

        def stopped() -> None:
            self.generate.setEnabled(True)

        self.progress_dialog = run_with_progress(self, self._runner, title, gather, drawn, stopped)

    def _finished(self, paths: Any) -> None:
        self.generate.setEnabled(True)
        self.written.emit([str(p) for p in paths])
        self.accept()


__all__ = ["BriefingDialog"]
