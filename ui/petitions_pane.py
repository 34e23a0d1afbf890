"""The 信访 pane: petitions shared with the petition bureau (flags, filters, link to a case,
import/export), the year-on-year measure, and the accountability records — spot checks (明查暗访)
and opinion polls (民意调查) — with their forms.

Every read and write is a desktop function run in the background (ui.tasks.TaskRunner); the pane
reads nothing until it is first shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import accountability as acc
from desktop import petitions as pet
from desktop.cases.ladder import Actor
from desktop.clock import to_local, utcnow
from desktop.store import Session, SessionFactory
from desktop.vocab import Role
from ui.forms import FormDialog, date_edit, pydate
from ui.import_reports import petition_import_text
from ui.labels import category_label
from ui.refusals.records import describe_all
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

translate = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole
FLAG_BRUSH = QBrush(QColor("#c62828"))
WARN_BRUSH = QBrush(QColor("#ef6c00"))


def level_name(level: int) -> str:
    names = {
        1: translate("Petitions", "Village"),
        2: translate("Petitions", "Town"),
        3: translate("Petitions", "County-level city"),
        4: translate("Petitions", "Province"),
        5: translate("Petitions", "National"),
    }
    return names.get(int(level), str(level))


def channel_name(channel: str) -> str:
    names = {
        "letter": translate("Petitions", "Letter"),
        "visit": translate("Petitions", "Visit"),
        "online": translate("Petitions", "Online"),
    }
    return names.get(channel, channel)


def status_name(status: str) -> str:
    names = {
        "registered": translate("Petitions", "Registered"),
        "transferred": translate("Petitions", "Transferred"),
        "handling": translate("Petitions", "Being handled"),
        "concluded": translate("Petitions", "Concluded"),
    }
    return names.get(status, status)


def mode_name(mode: str) -> str:
    return translate("Petitions", "Covert") if mode == "covert" else translate("Petitions", "Overt")


def flags_text(flags: pet.Flags) -> str:
    parts = []
    if flags.repeat:
        parts.append(fill(translate("Petitions", "Repeat (%1 before)"), flags.earlier_same))
    if flags.level_skipping:
        parts.append(translate("Petitions", "Level-skipping"))
    return "、".join(parts)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _today() -> dt.date:
    return to_local(utcnow()).date()


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill_rows(
    table: QTableWidget, rows: Sequence[Sequence[object]], ids: Sequence[int] | None = None
) -> None:
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))  # plain text as typed
            item.setToolTip(literal(str(value)) if value is not None else "")
            if ids is not None:
                item.setData(ID_ROLE, ids[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for c in range(table.columnCount()):
        table.setColumnWidth(c, min(table.columnWidth(c), 260))


class PetitionsPane(QWidget):
    """Petitions, year on year, spot checks and polls, as tabs."""

    caseRequested = Signal(int)  # open a linked case in the queue and case panel
    message = Signal(str)

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PetitionsPane")
        self.sessions = sessions
        self.actor = actor
        self.runner = runner
        self.loaded_once = False
        self.pending = 0
        self.rows: list[pet.PetitionRow] = []
        self.checks: list[acc.SpotCheckRow] = []
        self.polls: list[acc.PollRow] = []
        self.yoy: pet.YoyTable | None = None
        self._towns: list[tuple[int, str]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_petitions_tab(), self.tr("Petitions"))
        self.tabs.addTab(self._build_yoy_tab(), self.tr("Year on year"))
        self.tabs.addTab(self._build_checks_tab(), self.tr("Spot checks"))
        self.tabs.addTab(self._build_polls_tab(), self.tr("Opinion polls"))
        layout.addWidget(self.tabs)
        for label in (self.summary, self.yoy_summary, self.checks_summary, self.polls_summary):
            label.setMinimumWidth(1)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for box in self.findChildren(QComboBox):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(7)

    # --- construction ----------------------------------------------------------------------

    def _build_petitions_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row1 = QHBoxLayout()
        self.town_box = QComboBox()
        self.town_box.addItem(self.tr("All towns"), None)
        self.flag_box = QComboBox()
        for text, value in (
            (self.tr("All petitions"), None),
            (self.tr("Flagged"), "flagged"),
            (self.tr("Repeat petitions"), "repeat"),
            (self.tr("Level-skipping petitions"), "skipping"),
        ):
            self.flag_box.addItem(text, value)
        self.channel_box = QComboBox()
        self.channel_box.addItem(self.tr("All channels"), None)
        for code in ("letter", "visit", "online"):
            self.channel_box.addItem(channel_name(code), code)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Number, matter, petitioner, case"))
        self.search.setClearButtonEnabled(True)
        for w in (self.town_box, self.flag_box, self.channel_box):
            row1.addWidget(w)
        row1.addStretch(1)
        v.addLayout(row1)
        row2 = QHBoxLayout()
        row2.addWidget(self.search, 1)
        self.since = date_edit(_today() - dt.timedelta(days=730))
        self.until = date_edit(_today())
        row2.addWidget(QLabel(self.tr("From")))
        row2.addWidget(self.since)
        row2.addWidget(QLabel(self.tr("to")))
        row2.addWidget(self.until)
        v.addLayout(row2)
        row3 = QHBoxLayout()
        row3.addStretch(1)
        self.import_button = QPushButton(self.tr("Import…"))
        self.export_button = QPushButton(self.tr("Export…"))
        self.link_button = QPushButton(self.tr("Link to case…"))
        self.open_case_button = QPushButton(self.tr("Open case"))
        writable = pet.may_write(self.actor)
        self.import_button.setVisible(writable)
        self.link_button.setVisible(writable)
        for b in (self.import_button, self.export_button, self.link_button, self.open_case_button):
            row3.addWidget(b)
        v.addLayout(row3)
        self.summary = plain_label()
        v.addWidget(self.summary)
        self.table = _table(
            [
                self.tr("Number"),
                self.tr("Date"),
                self.tr("Flags"),
                self.tr("Petitioner"),
                self.tr("Received at"),
                self.tr("Channel"),
                self.tr("Category"),
                self.tr("Matter"),
                self.tr("Town"),
                self.tr("Status"),
                self.tr("Case"),
            ]
        )
        v.addWidget(self.table, 1)
        for box in (self.town_box, self.flag_box, self.channel_box):
            box.currentIndexChanged.connect(self._show_petitions)
        self.search.textChanged.connect(self._show_petitions)
        self.since.dateChanged.connect(self._show_petitions)
        self.until.dateChanged.connect(self._show_petitions)
        self.import_button.clicked.connect(lambda: self.open_import())
        self.export_button.clicked.connect(lambda: self.export())
        self.link_button.clicked.connect(lambda: self.link_selected())
        self.open_case_button.clicked.connect(self._open_case)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self._open_case())
        self._update_buttons()
        return tab

    def _build_yoy_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.yoy_channel = QComboBox()
        self.yoy_channel.addItem(self.tr("All petitions"), None)
        self.yoy_channel.addItem(self.tr("Visits only"), "visit")
        row.addWidget(QLabel(self.tr("Count")))
        row.addWidget(self.yoy_channel)
        row.addStretch(1)
        v.addLayout(row)
        self.yoy_summary = plain_label()
        self.yoy_summary.setWordWrap(True)
        v.addWidget(self.yoy_summary)
        self.yoy_table = _table([])
        v.addWidget(self.yoy_table, 1)
        note = QLabel(self.tr("Each cell: petitions in the month (same month last year)."))
        note.setStyleSheet("color: #555")
        v.addWidget(note)
        self.yoy_channel.currentIndexChanged.connect(lambda _i: self._load_yoy())
        return tab

    def _build_checks_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.checks_town = QComboBox()
        self.checks_town.addItem(self.tr("All towns"), None)
        self.mode_box = QComboBox()
        self.mode_box.addItem(self.tr("Overt and covert"), None)
        self.mode_box.addItem(mode_name("overt"), "overt")
        self.mode_box.addItem(mode_name("covert"), "covert")
        self.open_only = QCheckBox(self.tr("Rectification outstanding"))
        self.new_check_button = QPushButton(self.tr("New spot check…"))
        self.new_check_button.setVisible(acc.may_write(self.actor))
        row.addWidget(self.checks_town)
        row.addWidget(self.mode_box)
        row.addWidget(self.open_only)
        row.addStretch(1)
        self.rectified_button = QPushButton(self.tr("Mark rectified"))
        self.rectified_button.setToolTip(self.tr("Record that the selected check's rectification is done"))
        self.rectified_button.setVisible(acc.may_write(self.actor))
        self.rectified_button.setEnabled(False)
        row.addWidget(self.rectified_button)
        row.addWidget(self.new_check_button)
        v.addLayout(row)
        self.checks_summary = plain_label()
        v.addWidget(self.checks_summary)
        self.checks_table = _table(
            [
                self.tr("Date"),
                self.tr("Checked by"),
                self.tr("Checked unit"),
                self.tr("Kind"),
                self.tr("Findings"),
                self.tr("Problems"),
                self.tr("Rectification"),
                self.tr("Deadline"),
                self.tr("Rectified"),
            ]
        )
        v.addWidget(self.checks_table, 1)
        self.mode_box.currentIndexChanged.connect(lambda _i: self._load_checks())
        self.checks_town.currentIndexChanged.connect(lambda _i: self._load_checks())
        self.open_only.toggled.connect(lambda _b: self._load_checks())
        self.new_check_button.clicked.connect(lambda: self.open_check_form())
        self.rectified_button.clicked.connect(lambda: self.mark_rectified())
        self.checks_table.itemSelectionChanged.connect(self._update_check_buttons)
        return tab

    def _build_polls_tab(self) -> QWidget:
        tab = QWidget()
        v = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.polls_town = QComboBox()
        self.polls_town.addItem(self.tr("All towns"), None)
        self.polls_town.currentIndexChanged.connect(lambda _i: self._load_polls())
        row.addWidget(self.polls_town)
        self.new_poll_button = QPushButton(self.tr("New opinion poll…"))
        self.new_poll_button.setVisible(acc.may_write(self.actor))
        self.polls_summary = plain_label()
        row.addWidget(self.polls_summary, 1)
        row.addWidget(self.new_poll_button)
        v.addLayout(row)
        self.polls_table = _table(
            [
                self.tr("Period"),
                self.tr("Town"),
                self.tr("Place"),
                self.tr("Sample"),
                self.tr("Satisfied"),
                self.tr("Basically satisfied"),
                self.tr("Dissatisfied"),
                self.tr("Satisfaction"),
                self.tr("Notes"),
            ]
        )
        v.addWidget(self.polls_table, 1)
        self.new_poll_button.clicked.connect(lambda: self.open_poll_form())
        return tab

    # --- loading ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.reload()

    def is_loading(self) -> bool:
        return self.pending > 0

    def _submit(self, fn: Callable[[Session], Any], done: Callable[[Any], None]) -> None:
        sessions = self.sessions
        self.pending += 1

        def read() -> Any:
            with sessions() as s:
                return fn(s)

        def ok(value: Any) -> None:
            self.pending -= 1
            done(value)

        def failed(exc: Exception) -> None:
            self.pending -= 1
            self.message.emit(describe_all(exc))

        self.runner.submit(read, ok, failed)

    def reload(self) -> None:
        self.loaded_once = True
        actor = self.actor
        if not self._towns:
            self._submit(lambda s: pet.towns_for(s, actor), self._towns_loaded)
        self._submit(lambda s: pet.list_petitions(s, actor), self._petitions_loaded)
        self._load_yoy()
        self._load_checks()
        self._load_polls()

    def _towns_loaded(self, towns: list[tuple[int, str]]) -> None:
        self._towns = towns
        for box in (self.town_box, self.checks_town, self.polls_town):
            box.blockSignals(True)
            for tid, name in towns:
                box.addItem(name, tid)  # names typed by people: plain item text
            box.blockSignals(False)

    def _petitions_loaded(self, rows: list[pet.PetitionRow]) -> None:
        self.rows = rows
        self._show_petitions()

    def current_filter(self) -> pet.PetitionFilter:
        return pet.PetitionFilter(
            town_id=self.town_box.currentData(),
            since=pydate(self.since.date()),
            until=pydate(self.until.date()),
            flag=self.flag_box.currentData(),
            channel=self.channel_box.currentData(),
            text=self.search.text(),
        )

    def shown_rows(self) -> list[pet.PetitionRow]:
        flt = self.current_filter()
        return [r for r in self.rows if pet.matches(r, flt)]

    def _show_petitions(self, *_args: object) -> None:
        rows = self.shown_rows()
        c = pet.counts(rows)
        self.summary.setText(
            fill(self.tr("%1 petitions shown · repeat %2 · level-skipping %3"), c.total, c.repeat, c.skipping)
        )
        _fill_rows(
            self.table,
            [
                [
                    r.number,
                    r.received_on.isoformat(),
                    flags_text(r.flags),
                    r.petitioner_name,
                    level_name(r.level),
                    channel_name(r.channel),
                    category_label(r.category),
                    r.matter,
                    r.town,
                    status_name(r.status),
                    r.case_number,
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )
        for n, r in enumerate(rows):
            if r.flags.repeat or r.flags.level_skipping:
                flag_item = self.table.item(n, 2)
                if flag_item is not None:
                    flag_item.setForeground(FLAG_BRUSH)
        self._update_buttons()

    def _load_yoy(self) -> None:
        actor, channel = self.actor, self.yoy_channel.currentData()
        today = _today()
        self._submit(lambda s: pet.yoy_measure(s, actor, today, channel), self._yoy_loaded)

    def _yoy_loaded(self, table: pet.YoyTable) -> None:
        self.yoy = table
        headers = [self.tr("Town")] + [f"{y}-{m:02d}" for y, m in table.months]
        headers += [self.tr("12 months"), self.tr("Year before"), self.tr("Change")]
        self.yoy_table.setColumnCount(len(headers))
        self.yoy_table.setHorizontalHeaderLabels(headers)
        rows = []
        for r in table.rows:
            name = r.town or self.tr("Total")
            cells: list[object] = [name]
            cells += [f"{a} ({b})" for a, b in zip(r.this_year, r.last_year, strict=True)]
            change = "—" if r.change is None else f"{r.change * 100:+.1f}%"
            cells += [r.total, r.total_last_year, change]
            rows.append(cells)
        _fill_rows(self.yoy_table, rows)
        total = table.rows[-1]
        if total.change is None:
            self.yoy_summary.setText(fill(self.tr("%1 petitions in the last 12 months."), total.total))
        else:
            self.yoy_summary.setText(
                fill(
                    self.tr("%1 petitions in the last 12 months, %2 the year before: %3 year on year."),
                    total.total,
                    total.total_last_year,
                    f"{total.change * 100:+.1f}%",
                )
            )

    def _load_checks(self) -> None:
        actor = self.actor
        flt = acc.SpotCheckFilter(
            town_id=self.checks_town.currentData(),
            mode=self.mode_box.currentData(),
            open_only=self.open_only.isChecked(),
        )
        self._submit(lambda s: acc.list_spot_checks(s, actor, flt), self._checks_loaded)

    def _checks_loaded(self, rows: list[acc.SpotCheckRow]) -> None:
        self.checks = rows
        today = _today()
        overdue = sum(r.overdue(today) for r in rows)
        self.checks_summary.setText(
            fill(self.tr("%1 spot checks · %2 rectifications overdue"), len(rows), overdue)
        )
        _fill_rows(
            self.checks_table,
            [
                [
                    r.checked_on.isoformat(),
                    r.checker,
                    r.unit,
                    mode_name(r.mode),
                    r.findings,
                    r.problems,
                    r.rectification,
                    r.rectify_by.isoformat() if r.rectify_by else "",
                    (self.tr("Yes") if r.rectified else (self.tr("No") if r.rectification else "")),
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )
        for n, r in enumerate(rows):
            if r.overdue(today):
                for c in (7, 8):
                    item = self.checks_table.item(n, c)
                    if item is not None:
                        item.setForeground(FLAG_BRUSH)
        self._update_check_buttons()

    def selected_check(self) -> acc.SpotCheckRow | None:
        items = self.checks_table.selectedItems()
        if not items:
            return None
        cid = items[0].data(ID_ROLE)
        return next((r for r in self.checks if r.id == cid), None)

    def _update_check_buttons(self) -> None:
        row = self.selected_check()
        self.rectified_button.setEnabled(row is not None and bool(row.rectification) and not row.rectified)

    def mark_rectified(self) -> None:
        row = self.selected_check()
        if row is None:
            return
        sessions, actor, cid = self.sessions, self.actor, row.id

        def write() -> None:
            with sessions.begin() as s:
                acc.mark_rectified(s, actor, cid)

        self.runner.submit(
            write, lambda _v: self._load_checks(), lambda exc: self._refused(describe_all(exc))
        )

    def _load_polls(self) -> None:
        actor, flt = self.actor, acc.PollFilter(town_id=self.polls_town.currentData())
        self._submit(lambda s: acc.list_polls(s, actor, flt), self._polls_loaded)

    def _polls_loaded(self, rows: list[acc.PollRow]) -> None:
        self.polls = rows
        self.polls_summary.setText(fill(self.tr("%1 opinion polls"), len(rows)))
        _fill_rows(
            self.polls_table,
            [
                [
                    f"{r.period_start:%Y-%m-%d} – {r.period_end:%Y-%m-%d}",
                    r.town or self.tr("Whole city"),
                    r.place,
                    r.sample_size,
                    r.satisfied,
                    r.basically_satisfied,
                    r.dissatisfied,
                    percent(r.satisfaction),
                    r.notes,
                ]
                for r in rows
            ],
            [r.id for r in rows],
        )

    # --- actions ---------------------------------------------------------------------------

    def selected_petition(self) -> pet.PetitionRow | None:
        items = self.table.selectedItems()
        if not items:
            return None
        pid = items[0].data(ID_ROLE)
        return next((r for r in self.rows if r.id == pid), None)

    def _update_buttons(self) -> None:
        row = self.selected_petition()
        self.link_button.setEnabled(row is not None)
        self.open_case_button.setEnabled(row is not None and row.case_id is not None)

    def _open_case(self) -> None:
        row = self.selected_petition()
        if row is not None and row.case_id is not None:
            self.caseRequested.emit(row.case_id)

    def link_selected(self, case_number: str | None = None) -> None:
        """Link the selected petition to a case by its number (asks unless given; empty: unlink)."""
        row = self.selected_petition()
        if row is None:
            return
        if case_number is None:
            text, ok = QInputDialog.getText(
                self,
                self.tr("Link to case"),
                self.tr("Case number (empty: remove the link):"),
                text=row.case_number,
            )
            if not ok:
                return
            case_number = text
        sessions, actor, pid, number = self.sessions, self.actor, row.id, case_number
        now = utcnow()

        def write() -> None:
            with sessions.begin() as s:
                pet.link_case(s, actor, pid, number, now)

        def done(_v: object) -> None:
            self.message.emit(self.tr("Petition linked."))
            self.reload()

        self.runner.submit(write, done, lambda exc: self._refused(describe_all(exc)))

    def _refused(self, text: str) -> None:
        self.message.emit(text)
        QMessageBox.warning(self, self.tr("Not saved"), literal(text))

    def export(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export petitions"), "信访件.csv", self.tr("CSV (*.csv);;JSON (*.json)")
            )
            if not path:
                return
        try:
            fmt = pet.format_of(path)
        except pet.PetitionError as exc:
            self._refused(describe_all(exc))
            return
        sessions, actor, flt, out = self.sessions, self.actor, self.current_filter(), Path(path)
        self.runner.submit(
            lambda: pet.export_file(sessions, actor, flt, out, fmt),
            lambda n: self.message.emit(fill(self.tr("%1 petitions exported to %2"), n, str(out))),
            lambda exc: self._refused(describe_all(exc)),
        )

    def open_import(self) -> ImportDialog:
        dialog = ImportDialog(self.sessions, self.actor, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(lambda _n: self.reload())
        dialog.show()
        return dialog

    def open_check_form(self) -> SpotCheckDialog:
        dialog = SpotCheckDialog(self.sessions, self.actor, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _i: self._load_checks())
        dialog.show()
        return dialog

    def open_poll_form(self) -> PollDialog:
        dialog = PollDialog(self.sessions, self.actor, self.runner, self._towns, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _i: self._load_polls())
        dialog.show()
        return dialog


class ImportDialog(QDialog):
    """Import petitions from CSV or JSON: a dry run first, its row-level report, then the import —
    all rows, or, when some are bad and the user chooses so, only the valid ones."""

    imported = Signal(int)

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import petitions"))
        self.sessions, self.actor, self.runner = sessions, actor, runner
        self.data: bytes | None = None
        self.fmt = ""
        self.report: pet.ImportReport | None = None
        self.busy = False
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.path_label = plain_label(self.tr("No file chosen"))
        choose = QPushButton(self.tr("Choose file…"))
        choose.clicked.connect(lambda: self.choose())
        row.addWidget(self.path_label, 1)
        row.addWidget(choose)
        v.addLayout(row)
        hint = QLabel(
            self.tr(
                "CSV with the export's Chinese headings, or JSON: a list of petitions. "
                "The file is checked first; nothing is stored while a row is wrong unless you import the valid rows only."
            )
        )
        hint.setWordWrap(True)
        v.addWidget(hint)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        v.addWidget(self.report_view, 1)
        buttons = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import"))
        self.valid_only_button = QPushButton(self.tr("Import the valid rows only"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.import_button.clicked.connect(lambda: self.run(valid_only=False))
        self.valid_only_button.clicked.connect(lambda: self.run(valid_only=True))
        buttons.addStretch(1)
        for b in (self.import_button, self.valid_only_button, close):
            buttons.addWidget(b)
        v.addLayout(buttons)
        self._update()
        self.resize(680, 460)

    def choose(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import petitions"), "", self.tr("Petition files (*.csv *.json)")
            )
            if not path:
                return
        try:
            self.fmt = pet.format_of(path)
            self.data = Path(path).read_bytes()
        except (OSError, pet.PetitionError) as exc:
            self.data = None
            self.report_view.setPlainText(describe_all(exc))
            self._update()
            return
        self.path_label.setText(path)
        self.check()

    def check(self) -> None:
        """The dry run: every row checked, nothing stored."""
        self._start(dry_run=True, valid_only=False)

    def run(self, valid_only: bool) -> None:
        self._start(dry_run=False, valid_only=valid_only)

    def _start(self, *, dry_run: bool, valid_only: bool) -> None:
        if self.data is None or self.busy:
            return
        sessions, actor, data, fmt, now = self.sessions, self.actor, self.data, self.fmt, utcnow()
        self.busy = True
        self._update()
        self.runner.submit(
            lambda: pet.import_file(
                sessions, actor, data, fmt, now=now, dry_run=dry_run, valid_only=valid_only
            ),
            self._done,
            self._failed,
        )

    def _done(self, report: pet.ImportReport) -> None:
        self.busy = False
        self.report = report
        self.report_view.setPlainText(petition_import_text(report))
        if report.stored:
            self.imported.emit(report.stored)
            self.data = None  # stored: importing the same file again is a new decision
        self._update()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.report_view.setPlainText(describe_all(exc))
        self._update()

    def _update(self) -> None:
        r = self.report
        ready = self.data is not None and not self.busy and r is not None and r.file_error is None
        self.import_button.setEnabled(bool(ready and r is not None and r.good and not r.bad))
        self.valid_only_button.setEnabled(bool(ready and r is not None and r.good and r.bad))


class SpotCheckDialog(FormDialog):
    """The form of a spot check (明查暗访)."""

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            QCoreApplication.translate("SpotCheckDialog", "New spot check"),
            runner,
            QCoreApplication.translate("SpotCheckDialog", "Save"),
            parent,
        )
        self.sessions, self.actor, self.runner = sessions, actor, runner
        self.units: dict[str, list[tuple[int, str]]] = {}
        self.day = date_edit(_today())
        self.checker = QLineEdit()
        self.checker.setPlaceholderText(self.tr("Checking unit and person"))
        self.mode = QComboBox()
        self.mode.addItem(mode_name("overt"), "overt")
        self.mode.addItem(mode_name("covert"), "covert")
        self.kind = QComboBox()
        for text, code in (
            (self.tr("Town"), "town"),
            (self.tr("Village"), "village"),
            (self.tr("Grid"), "grid"),
            (self.tr("Department"), "department"),
        ):
            if code != "department" or actor.role != Role.TOWN_STAFF:
                self.kind.addItem(text, code)
        self.unit = QComboBox()
        # Thousands of villages and grids: type part of the name to find one.
        self.unit.setEditable(True)
        self.unit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.unit.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.findings = QPlainTextEdit()
        self.problems = QPlainTextEdit()
        self.rectification = QPlainTextEdit()
        for edit in (self.findings, self.problems, self.rectification):
            edit.setFixedHeight(60)
        self.has_deadline = QCheckBox(self.tr("Rectify by"))
        self.rectify_by = date_edit(_today() + dt.timedelta(days=15))
        self.rectify_by.setEnabled(False)
        self.has_deadline.toggled.connect(self.rectify_by.setEnabled)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.has_deadline)
        deadline_row.addWidget(self.rectify_by, 1)
        self.rectified = QCheckBox(self.tr("Rectified"))
        form = self.form
        form.addRow(self.tr("Date"), self.day)
        form.addRow(self.tr("Checked by"), self.checker)
        form.addRow(self.tr("Kind"), self.mode)
        form.addRow(self.tr("Checked unit"), self.kind)
        form.addRow("", self.unit)
        form.addRow(self.tr("Findings"), self.findings)
        form.addRow(self.tr("Problems found"), self.problems)
        form.addRow(self.tr("Rectification required"), self.rectification)
        form.addRow("", deadline_row)
        form.addRow("", self.rectified)
        self.kind.currentIndexChanged.connect(self._fill_units)
        self.setMinimumWidth(520)
        runner.submit(self._read_units(actor), self._units_loaded, self.refused)

    def _read_units(self, actor: Actor) -> Callable[[], dict[str, list[tuple[int, str]]]]:
        sessions = self.sessions

        def read() -> dict[str, list[tuple[int, str]]]:
            with sessions() as s:
                return acc.units(s, actor)

        return read

    def _units_loaded(self, units: dict[str, list[tuple[int, str]]]) -> None:
        self.units = units
        self._fill_units()

    def _fill_units(self, *_args: object) -> None:
        self.unit.clear()
        for uid, name in self.units.get(self.kind.currentData() or "", []):
            self.unit.addItem(name, uid)

    def draft(self) -> acc.SpotCheckDraft:
        kind = self.kind.currentData()
        # The typed text must name a unit of the list (an editable box keeps any text).
        found = self.unit.findText(self.unit.currentText())
        uid = self.unit.itemData(found) if found >= 0 else None
        return acc.SpotCheckDraft(
            checked_on=pydate(self.day.date()),
            checker=self.checker.text(),
            unit_kind=kind,
            mode=self.mode.currentData(),
            town_id=uid if kind == "town" else None,
            village_id=uid if kind == "village" else None,
            grid_id=uid if kind == "grid" else None,
            department_id=uid if kind == "department" else None,
            findings=self.findings.toPlainText(),
            problems=self.problems.toPlainText(),
            rectification=self.rectification.toPlainText(),
            rectify_by=pydate(self.rectify_by.date()) if self.has_deadline.isChecked() else None,
            rectified=self.rectified.isChecked(),
        )

    def submit(self) -> None:
        sessions, actor, draft, now = self.sessions, self.actor, self.draft(), utcnow()

        def write() -> int:
            with sessions.begin() as s:
                return acc.save_spot_check(s, actor, draft, now)

        self.save_in_background(write)

    save = submit


class PollDialog(FormDialog):
    """The form of an opinion poll (民意调查 / 群众满意度测评)."""

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        towns: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("PollDialog", "New opinion poll"),
            runner,
            QCoreApplication.translate("PollDialog", "Save"),
            parent,
        )
        self.sessions, self.actor, self.runner = sessions, actor, runner
        self.start = date_edit(_today() - dt.timedelta(days=14))
        self.end = date_edit(_today())
        self.town = QComboBox()
        if actor.role != Role.TOWN_STAFF:
            self.town.addItem(self.tr("Whole city"), None)
        for tid, name in towns:
            self.town.addItem(name, tid)
        self.place = QLineEdit()
        self.sample = QSpinBox()
        self.satisfied = QSpinBox()
        self.basically = QSpinBox()
        self.dissatisfied = QSpinBox()
        for box in (self.sample, self.satisfied, self.basically, self.dissatisfied):
            box.setRange(0, 1_000_000)
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(60)
        form = self.form
        form.addRow(self.tr("From"), self.start)
        form.addRow(self.tr("to"), self.end)
        form.addRow(self.tr("Town"), self.town)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Sample size"), self.sample)
        form.addRow(self.tr("Satisfied"), self.satisfied)
        form.addRow(self.tr("Basically satisfied"), self.basically)
        form.addRow(self.tr("Dissatisfied"), self.dissatisfied)
        form.addRow(self.tr("Notes"), self.notes)
        self.setMinimumWidth(420)

    def draft(self) -> acc.PollDraft:
        return acc.PollDraft(
            period_start=pydate(self.start.date()),
            period_end=pydate(self.end.date()),
            town_id=self.town.currentData(),
            place=self.place.text(),
            sample_size=self.sample.value(),
            satisfied=self.satisfied.value(),
            basically_satisfied=self.basically.value(),
            dissatisfied=self.dissatisfied.value(),
            notes=self.notes.toPlainText(),
        )

    def submit(self) -> None:
        sessions, actor, draft, now = self.sessions, self.actor, self.draft(), utcnow()

        def write() -> int:
            with sessions.begin() as s:
                return acc.save_poll(s, actor, draft, now)

        self.save_in_background(write)

    save = submit
