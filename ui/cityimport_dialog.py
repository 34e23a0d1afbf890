"""File → Import city data…: choose boundary and roster files, check them (dry run), then import.

The import button is enabled only after a check without problems of exactly the files and
options shown; changing anything asks for a new check. Both runs go through the TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import cityimport
from desktop.cases.ladder import Actor
from ui.import_reports import entity_label, kind_label, problem_text
from ui.refusals import describe
from ui.tables import filling
from ui.tasks import TaskRunner
from ui.text import fill, plain_label


class CityImportDialog(QDialog):
    """The import wizard: files → check (dry-run report) → import."""

    imported = Signal(object)  # the committed cityimport.Report

    def __init__(
        self,
        sessions: Callable[[], Any],
        runner: TaskRunner,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CityImportDialog")
        self.setWindowTitle(self.tr("Import city data"))
        self._sessions = sessions
        self._runner = runner
        self._actor = cityimport.Actor(actor.user_id, actor.name, str(actor.role))
        self.report: cityimport.Report | None = None
        self._checked: tuple[Any, ...] | None = None  # the inputs the last clean check was of
        self.busy = False

        intro = QLabel(
            self.tr(
                "Boundaries: GeoJSON or Shapefile (.shp with its .dbf and .prj) in WGS84 longitude/latitude. "
                "Rosters: CSV or Excel (.xlsx) with a header row. Rows are matched by code, so importing "
                "the same files again changes nothing. Check first: nothing is stored while any problem remains."
            )
        )
        intro.setWordWrap(True)

        self.files = QTableWidget(0, 2)
        self.files.setObjectName("CityImportFiles")
        self.files.setHorizontalHeaderLabels([self.tr("File"), self.tr("Contents")])
        self.files.verticalHeader().hide()
        self.files.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.files.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.files.setColumnWidth(1, 190)  # the kind pickers are cell widgets: no size hint
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.clicked.connect(self._browse)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.add_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch(1)

        self.code_field = QLineEdit()
        self.name_field = QLineEdit()
        self.parent_field = QLineEdit()
        self.code_field.setPlaceholderText(self.tr("default: code, 编码, 代码"))
        self.name_field.setPlaceholderText(self.tr("default: name, 名称, 姓名"))
        self.parent_field.setPlaceholderText(self.tr("default: parent_code, town_code, village_code"))
        self.deactivate_missing = QCheckBox(self.tr("Deactivate workers and grids that the files leave out"))
        fields = QGroupBox(self.tr("Columns"))
        form = QFormLayout(fields)
        form.addRow(self.tr("Code column:"), self.code_field)
        form.addRow(self.tr("Name column:"), self.name_field)
        form.addRow(self.tr("Parent code column:"), self.parent_field)
        form.addRow(self.deactivate_missing)
        for edit in (self.code_field, self.name_field, self.parent_field):
            edit.textChanged.connect(self._inputs_changed)
        self.deactivate_missing.toggled.connect(self._inputs_changed)

        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self.files, 1)
        left.addLayout(file_buttons)
        top_layout.addLayout(left, 3)
        top_layout.addWidget(fields, 2)

        self.counts = QTableWidget(0, 6)
        self.counts.setObjectName("CityImportCounts")
        self.counts.setHorizontalHeaderLabels(
            [
                self.tr("What"),
                self.tr("New"),
                self.tr("Updated"),
                self.tr("Deactivated"),
                self.tr("Reactivated"),
                self.tr("Unchanged"),
            ]
        )
        self.counts.verticalHeader().hide()
        self.counts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Every header whole (English ones are long); the table scrolls rather than clips.
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.counts.horizontalHeader().setStretchLastSection(False)
        self.counts.horizontalHeader().setMinimumSectionSize(56)
        self.issues = QTableWidget(0, 3)
        self.issues.setObjectName("CityImportIssues")
        self.issues.setHorizontalHeaderLabels([self.tr("File"), self.tr("Row"), self.tr("Problem")])
        self.issues.verticalHeader().hide()
        self.issues.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.issues.setWordWrap(True)
        ih = self.issues.horizontalHeader()
        ih.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        ih.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        ih.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        report = QSplitter(Qt.Orientation.Horizontal)
        report.addWidget(self.counts)
        report.addWidget(self.issues)
        report.setStretchFactor(0, 1)
        report.setStretchFactor(1, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(report)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)

        self.status = plain_label()
        self.status.setObjectName("CityImportStatus")
        self.status.setWordWrap(True)
        self.check_button = QPushButton(self.tr("Check (dry run)"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self.commit)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1040, 680)
        self._update_buttons()

    # --- files ---

    def add_files(self, paths: list[str | Path]) -> None:
        for p in paths:
            path = Path(p)
            row = self.files.rowCount()
            self.files.insertRow(row)
            item = QTableWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.files.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("(choose)"), None)
            for kind in cityimport.KINDS:
                combo.addItem(kind_label(kind), kind)
            guessed = cityimport.classify(path)
            if guessed is not None:
                combo.setCurrentIndex(combo.findData(guessed))
            combo.currentIndexChanged.connect(self._inputs_changed)
            self.files.setCellWidget(row, 1, combo)
        self._inputs_changed()

    def _browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("City data files"),
            "",
            self.tr("Boundaries and rosters (*.geojson *.json *.shp *.csv *.xlsx);;All files (*)"),
        )
        if paths:
            self.add_files(list(paths))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.files.selectedIndexes()}, reverse=True)
        for row in rows:
            self.files.removeRow(row)
        self._inputs_changed()

    def sources(self) -> list[tuple[str | None, Path]]:
        out: list[tuple[str | None, Path]] = []
        for row in range(self.files.rowCount()):
            item = self.files.item(row, 0)
            combo = self.files.cellWidget(row, 1)
            kind = combo.currentData() if isinstance(combo, QComboBox) else None
            out.append((kind, Path(str(item.data(Qt.ItemDataRole.UserRole)))))
        return out

    def options(self) -> cityimport.ImportOptions:
        return cityimport.ImportOptions(
            code_field=self.code_field.text().strip() or None,
            name_field=self.name_field.text().strip() or None,
            parent_field=self.parent_field.text().strip() or None,
            deactivate_missing=self.deactivate_missing.isChecked(),
        )

    def _inputs(self) -> tuple[Any, ...]:
        return (tuple(self.sources()), self.options())

    def _inputs_changed(self, *_args: object) -> None:
        if self._checked is not None and self._checked != self._inputs():
            self._checked = None
            self.status.setText(self.tr("The files or options changed: check again before importing."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_files = self.files.rowCount() > 0
        self.check_button.setEnabled(has_files and not self.busy)
        self.import_button.setEnabled(self._checked is not None and not self.busy)
        self.add_button.setEnabled(not self.busy)
        self.remove_button.setEnabled(not self.busy and has_files)

    # --- runs ---

    def check(self) -> None:
        self._run(dry_run=True)

    def commit(self) -> None:
        if self._checked is None:
            return
        self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> None:
        sources, options, actor, sessions = self.sources(), self.options(), self._actor, self._sessions
        inputs = self._inputs()
        self.busy = True
        self._update_buttons()
        self.status.setText(self.tr("Checking the files…") if dry_run else self.tr("Importing…"))

        def work() -> cityimport.Report:
            return cityimport.run_import(sessions, sources, options=options, dry_run=dry_run, actor=actor)

        def done(report: cityimport.Report) -> None:
            self.busy = False
            self.show_report(report)
            if report.committed:
                self._checked = None
                self.status.setText(
                    self.tr("Imported. The map and lists show the new data after a refresh (F5).")
                )
                self.imported.emit(report)
            elif report.ok:
                self._checked = inputs
                self.status.setText(
                    self.tr("No problems found. Nothing has been stored yet: press Import to store it.")
                )
            else:
                self._checked = None
                self.status.setText(
                    fill(
                        self.tr("%1 problems found; nothing is stored. Fix the files and check again."),
                        len(report.issues),
                    )
                )
            self._update_buttons()

        def failed(exc: Exception) -> None:
            self.busy = False
            self._checked = None
            self.status.setText(
                fill(self.tr("The import failed and nothing was stored: %1"), describe(exc).splitlines()[0])
            )
            self._update_buttons()

        self._runner.submit(work, done, failed)

    def show_report(self, report: cityimport.Report) -> None:
        self.report = report
        self.counts.setRowCount(0)
        for entity, c in report.counts.items():
            row = self.counts.rowCount()
            self.counts.insertRow(row)
            self.counts.setItem(row, 0, QTableWidgetItem(entity_label(entity)))
            for col, value in enumerate(
                (c.created, c.updated, c.deactivated, c.reactivated, c.unchanged), start=1
            ):
                item = QTableWidgetItem(str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.counts.setItem(row, col, item)
        with filling(self.issues):
            self.issues.setRowCount(0)
            for issue in report.issues:
                row = self.issues.rowCount()
                self.issues.insertRow(row)
                self.issues.setItem(row, 0, QTableWidgetItem(issue.file))
                self.issues.setItem(row, 1, QTableWidgetItem("" if issue.row is None else str(issue.row)))
                self.issues.setItem(row, 2, QTableWidgetItem(problem_text(issue)))
        self.issues.resizeRowsToContents()

    def reject(self) -> None:
        if not self.busy:
            super().reject()


def open_city_import(window: Any) -> CityImportDialog | None:
    """File → Import city data… of the main window (administrators only)."""
    from desktop.vocab import Role

    if window.ctx.actor.role != Role.ADMIN:
        return None
    dialog = CityImportDialog(window.ctx.sessions, window.runner, window.ctx.actor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.imported.connect(lambda _report: window.refresh())
    dialog.show()
    return dialog
