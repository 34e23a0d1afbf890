"""The screening tab (排查): the compliance board of due and missed rounds (滚动式排查), the list of
rounds with their checklist and findings, and the form to record a round. Reads and writes run in
the background (ui.tasks); the rules live in desktop.screening."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import logbook, screening
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService
from desktop.screening import (
    Board,
    Candidate,
    ChecklistItem,
    RoundDetail,
    RoundFilter,
    RoundForm,
    RoundRow,
    ScreeningAlert,
)
from desktop.store import SessionFactory
from desktop.vocab import SCREENING_ITEMS, Role, ScreeningKind, ScreeningLevel, ScreeningScope
from ui.errors import explain
from ui.forms import FormDialog, pydate, qdate
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.text import fill, plain_label


def _words() -> dict[str, dict[str, str]]:
    """The screening vocabulary in the language now installed: level, kind, scope, checklist item
    and status, each code to its words."""
    return {
        "level": {
            "village": QCoreApplication.translate("Screening", "Village (daily)"),
            "town": QCoreApplication.translate("Screening", "Town (weekly)"),
            "city": QCoreApplication.translate("Screening", "City (half-monthly)"),
        },
        "kind": {
            "routine": QCoreApplication.translate("Screening", "Routine"),
            "concentrated": QCoreApplication.translate("Screening", "Concentrated"),
        },
        "scope": {
            "general": QCoreApplication.translate("Screening", "General"),
            "focused": QCoreApplication.translate("Screening", "Focused"),
        },
        "item": {
            "family": QCoreApplication.translate("Screening", "Marriage and family disputes"),
            "neighbour": QCoreApplication.translate("Screening", "Neighbour disputes"),
            "land": QCoreApplication.translate("Screening", "Land and forest rights"),
            "labour": QCoreApplication.translate("Screening", "Labour disputes (unpaid wages)"),
            "demolition": QCoreApplication.translate("Screening", "Land requisition and demolition"),
            "property": QCoreApplication.translate("Screening", "Property and housing"),
            "contract": QCoreApplication.translate("Screening", "Contracts and debts"),
            "key_persons": QCoreApplication.translate("Screening", "Stability of key persons"),
            "petition": QCoreApplication.translate("Screening", "Petition backlog and signs"),
            "mass": QCoreApplication.translate("Screening", "Signs of mass incidents"),
            "public_order": QCoreApplication.translate("Screening", "Public order hazards"),
            "safety": QCoreApplication.translate("Screening", "Work safety and fire hazards"),
            "enterprise": QCoreApplication.translate("Screening", "Enterprise restructuring"),
            "projects": QCoreApplication.translate("Screening", "Risk assessment of major projects"),
            "village_reports": QCoreApplication.translate("Screening", "Villages' screening reports"),
            "town_reports": QCoreApplication.translate("Screening", "Towns' screening reports"),
            "hard_cases": QCoreApplication.translate("Screening", "Analysis of hard cases"),
            "duty": QCoreApplication.translate("Screening", "Duty watch and reporting"),
            "online": QCoreApplication.translate("Screening", "Online public opinion"),
        },
        "status": {
            "done": QCoreApplication.translate("Screening", "Done"),
            "late": QCoreApplication.translate("Screening", "Late"),
            "missed": QCoreApplication.translate("Screening", "Missed"),
            "pending": QCoreApplication.translate("Screening", "Due"),
        },
    }


def screening_label(field: str, code: str) -> str:
    """``code`` of ``field`` (level, kind, scope, item, status) in words; an unknown code as it is."""
    return _words()[field].get(code, code)


def level_label(level: str) -> str:
    return screening_label("level", level)


def kind_label(kind: str) -> str:
    return screening_label("kind", kind)


def scope_label(scope: str) -> str:
    return screening_label("scope", scope)


def item_label(code: str) -> str:
    return screening_label("item", code)


def status_label(status: str) -> str:
    return screening_label("status", status)


def _span(start: dt.date, end: dt.date) -> str:
    return f"{start:%m-%d}" if start == end else f"{start:%m-%d}—{end:%m-%d}"


def _item(text: str, data: Any = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    return item


def _num(n: int) -> QTableWidgetItem:
    item = _item(str(n))
    item.setData(Qt.ItemDataRole.DisplayRole, n)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    # Sized once after each fill (_fit): ResizeToContents would measure every column again on
    # every setItem, minutes for a few hundred rows.
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fit(table: QTableWidget) -> None:
    table.resizeColumnsToContents()
    table.setUpdatesEnabled(True)


def alert_text(alert: ScreeningAlert) -> str:
    """One line for the alerts strip or the board."""
    if alert.kind == "focus_due":
        where = alert.town or QCoreApplication.translate("Screening", "City")
        return fill(
            QCoreApplication.translate(
                "Screening", "%1: a focused screening is due in this sensitive period (%2)"
            ),
            where,
            _span(alert.start, alert.end),
        )
    if alert.level == ScreeningLevel.VILLAGE:
        names = "、".join(alert.places[:6]) + ("…" if len(alert.places) > 6 else "")
        return fill(
            QCoreApplication.translate("Screening", "%1: %2 villages missed the daily screening of %3: %4"),
            alert.town,
            len(alert.places),
            _span(alert.start, alert.end),
            names,
        )
    if alert.level == ScreeningLevel.TOWN:
        return fill(
            QCoreApplication.translate("Screening", "%1 missed the weekly screening of %2"),
            alert.town,
            _span(alert.start, alert.end),
        )
    return fill(
        QCoreApplication.translate("Screening", "The city missed the half-monthly screening of %1"),
        _span(alert.start, alert.end),
    )


class RoundDialog(FormDialog):
    """记录排查: level, place, kind, scope, the period and day, the checklist and the findings."""

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            QCoreApplication.translate("RoundDialog", "Record a screening round"),
            runner,
            QCoreApplication.translate("RoundDialog", "Save the round"),
            parent,
        )
        self.setObjectName("ScreeningRoundDialog")
        self.save_button = self.accept_button
        self._sessions, self._actor, self._runner = sessions, actor, runner
        self.saved_id: int | None = None
        self._sensitive = False
        self._templates: dict[tuple[str, str], tuple[str, ...]] = {}
        today = screening.today_local()
        form = self.form
        self.level = QComboBox()
        for level in screening.level_choices(actor):
            self.level.addItem(level_label(level), str(level))
        self.town = QComboBox()
        self.village = QComboBox()
        self.kind = QComboBox()
        for kind in ScreeningKind:
            self.kind.addItem(kind_label(kind), str(kind))
        self.scope = QComboBox()
        for scope in ScreeningScope:
            self.scope.addItem(scope_label(scope), str(scope))
        self.focus = QLineEdit()
        self.focus.setPlaceholderText(self.tr("Categories, places or parties screened with priority"))
        self.period_start = QDateEdit(qdate(today))
        self.period_end = QDateEdit(qdate(today))
        self.screened_on = QDateEdit(qdate(today))
        for edit in (self.period_start, self.period_end, self.screened_on):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period = QHBoxLayout()
        period.addWidget(self.period_start)
        period.addWidget(QLabel("—"))
        period.addWidget(self.period_end)
        self.sensitive_note = plain_label()
        self.sensitive_note.setStyleSheet("color: #b45309")
        self.sensitive_note.setWordWrap(True)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        form.addRow(self.tr("Level"), self.level)
        form.addRow(self.tr("Town"), self.town)
        form.addRow(self.tr("Village"), self.village)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Scope"), self.scope)
        form.addRow(self.tr("Focus"), self.focus)
        form.addRow(self.tr("Period covered"), period)
        form.addRow(self.tr("Screened on"), self.screened_on)
        form.addRow(self.tr("Notes"), self.notes)
        self.add_widget(self.sensitive_note)
        self.checklist = QTableWidget(0, 2)
        self.checklist.setHorizontalHeaderLabels([self.tr("Checklist item"), self.tr("Note")])
        self.checklist.verticalHeader().hide()
        self.checklist.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.checklist.horizontalHeader().setStretchLastSection(True)
        self.add_widget(plain_label(self.tr("Checklist (tick what was screened)")))
        self.add_widget(self.checklist, 2)
        self.add_widget(plain_label(self.tr("Findings: logs and cases of the place and period to link")))
        self.findings = QListWidget()
        self.add_widget(self.findings, 1)
        self.level.currentIndexChanged.connect(self._level_changed)
        self.kind.currentIndexChanged.connect(self._fill_checklist)
        self.scope.currentIndexChanged.connect(self._fill_checklist)
        self.town.currentIndexChanged.connect(self._town_changed)
        self.village.currentIndexChanged.connect(self._load_candidates)
        self.period_start.dateChanged.connect(self._period_changed)
        self.period_end.dateChanged.connect(self._load_candidates)
        self.resize(560, 720)
        runner.submit(lambda: self._read_towns(), self._towns_loaded, self.refused)

    # --- reading ---------------------------------------------------------------------------

    def _read_towns(self) -> tuple[list[tuple[int, str]], dict[tuple[str, str], tuple[str, ...]]]:
        with self._sessions() as s:
            return logbook.town_choices(s, self._actor), screening.templates(s)

    def _towns_loaded(
        self, read: tuple[list[tuple[int, str]], dict[tuple[str, str], tuple[str, ...]]]
    ) -> None:
        towns, self._templates = read
        self.town.blockSignals(True)
        self.town.clear()
        for tid, name in towns:
            self.town.addItem(name, tid)
        self.town.blockSignals(False)
        self._level_changed()

    def _level_changed(self) -> None:
        level = self.level.currentData()
        self.town.setEnabled(level != ScreeningLevel.CITY)
        self.village.setEnabled(level == ScreeningLevel.VILLAGE)
        self._period_changed()
        self._town_changed()

    def _town_changed(self) -> None:
        tid = self.town.currentData()
        if self.level.currentData() != ScreeningLevel.VILLAGE or tid is None:
            self.village.clear()
            self._load_candidates()
            return
        sessions = self._sessions

        def read() -> list[tuple[int, str]]:
            with sessions() as s:
                return logbook.village_choices(s, int(tid))

        self._runner.submit(read, self._villages_loaded, self.refused)

    def _villages_loaded(self, villages: list[tuple[int, str]]) -> None:
        self.village.blockSignals(True)
        self.village.clear()
        for vid, name in villages:
            self.village.addItem(name, vid)
        self.village.blockSignals(False)
        self._load_candidates()

    def _period_changed(self) -> None:
        level = self.level.currentData() or ScreeningLevel.VILLAGE
        start = pydate(self.period_start.date())
        slot_end = screening.slot_of(level, start)[1]
        self.period_end.blockSignals(True)
        self.period_end.setDate(qdate(min(slot_end, max(start, screening.today_local()))))
        self.period_end.blockSignals(False)
        sessions, end = self._sessions, pydate(self.period_end.date())

        def read() -> str | None:
            with sessions() as s:
                return screening.sensitive_on(s, start, end)

        self._runner.submit(read, self._sensitive_loaded, self.refused)
        self._load_candidates()

    def _sensitive_loaded(self, name: str | None) -> None:
        self._sensitive = name is not None and self.level.currentData() != ScreeningLevel.VILLAGE
        self.sensitive_note.setText(
            fill(self.tr("Sensitive period %1: the town and city rounds must be focused."), name)
            if name
            else ""
        )
        self.sensitive_note.setVisible(bool(name))
        if self._sensitive:
            self.scope.setCurrentIndex(max(0, self.scope.findData(str(ScreeningScope.FOCUSED))))
        self._fill_checklist()

    def _fill_checklist(self) -> None:
        level = self.level.currentData() or ScreeningLevel.VILLAGE
        kind = self.kind.currentData() or ScreeningKind.ROUTINE
        focused = self.scope.currentData() == ScreeningScope.FOCUSED
        codes = screening.checklist_template(level, kind, self._sensitive and focused, self._templates)
        self.focus.setEnabled(focused)
        # What was ticked and noted stays when the template changes (level, kind, scope).
        kept = {
            str(head.data(Qt.ItemDataRole.UserRole)): (
                head.checkState(),
                cell.text() if (cell := self.checklist.item(row, 1)) is not None else "",
            )
            for row in range(self.checklist.rowCount())
            if (head := self.checklist.item(row, 0)) is not None
        }
        self.checklist.setRowCount(len(codes))
        for row, code in enumerate(codes):
            item = QTableWidgetItem(item_label(code))
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            state, note = kept.get(code, (Qt.CheckState.Unchecked, ""))
            item.setCheckState(state)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.checklist.setItem(row, 0, item)
            self.checklist.setItem(row, 1, QTableWidgetItem(note))

    def _place(self) -> tuple[int | None, int | None]:
        level = self.level.currentData()
        if level == ScreeningLevel.CITY:
            return None, None
        town = self.town.currentData()
        village = self.village.currentData() if level == ScreeningLevel.VILLAGE else None
        return (None if town is None else int(town)), (None if village is None else int(village))

    def _load_candidates(self) -> None:
        town, village = self._place()
        if self.level.currentData() == ScreeningLevel.VILLAGE and village is None:
            self.findings.clear()
            return
        start, end = pydate(self.period_start.date()), pydate(self.period_end.date())
        sessions, actor = self._sessions, self._actor

        def read() -> list[Candidate]:
            with sessions() as s:
                return screening.candidates_for(s, actor, town, village, start, end, limit=50)

        self._runner.submit(read, self._candidates_loaded, self.refused)

    def _candidates_loaded(self, found: list[Candidate]) -> None:
        self.findings.clear()
        for c in found:
            prefix = self.tr("Case") if c.case_id is not None else self.tr("Log")
            item = QListWidgetItem(f"{prefix} · {c.label}")
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, (c.log_id, c.case_id))
            self.findings.addItem(item)

    # --- saving ----------------------------------------------------------------------------

    def round_form(self) -> RoundForm:
        town, village = self._place()
        items = []
        for row in range(self.checklist.rowCount()):
            head, note = self.checklist.item(row, 0), self.checklist.item(row, 1)
            if head is None:
                continue
            items.append(
                ChecklistItem(
                    str(head.data(Qt.ItemDataRole.UserRole)),
                    head.checkState() == Qt.CheckState.Checked,
                    note.text() if note is not None else "",
                )
            )
        logs, cases = [], []
        for i in range(self.findings.count()):
            item = self.findings.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                log_id, case_id = item.data(Qt.ItemDataRole.UserRole)
                (logs.append(log_id) if log_id is not None else cases.append(case_id))
        return RoundForm(
            level=str(self.level.currentData() or ""),
            kind=str(self.kind.currentData() or ""),
            scope=str(self.scope.currentData() or ""),
            period_start=pydate(self.period_start.date()),
            period_end=pydate(self.period_end.date()),
            screened_on=pydate(self.screened_on.date()),
            town_id=town,
            village_id=village,
            focus=self.focus.text() if self.focus.isEnabled() else "",
            notes=self.notes.toPlainText(),
            checklist=tuple(items),
            log_ids=tuple(logs),
            case_ids=tuple(cases),
        )

    def submit(self) -> None:
        self.save()

    def save(self) -> None:
        form, sessions, actor = self.round_form(), self._sessions, self._actor
        self.save_in_background(lambda: screening.record_round(sessions, actor, form), self._saved)

    def _saved(self, round_id: int) -> None:
        self.saved_id = round_id
        self.accept()


class LogDialog(QDialog):
    """A sentiment log (民情日志) found in a round: the grid worker, households visited, content."""

    def __init__(self, workers: list[tuple[int, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New sentiment log from the round"))
        form = QFormLayout(self)
        self.worker = QComboBox()
        for wid, name in workers:
            self.worker.addItem(name, wid)
        self.households = QSpinBox()
        self.households.setRange(0, 10_000)
        self.households.setValue(1)
        self.content = QPlainTextEdit()
        form.addRow(self.tr("Grid worker"), self.worker)
        form.addRow(self.tr("Households visited"), self.households)
        form.addRow(self.tr("Content"), self.content)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, 300)


class TemplateDialog(QDialog):
    """排查清单模板 (administrators): which items a round of each level and kind lists."""

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScreeningTemplateDialog")
        self.setWindowTitle(self.tr("Screening checklist templates"))
        self._sessions, self._actor, self._runner = sessions, actor, runner
        self._templates: dict[tuple[str, str], tuple[str, ...]] = {}
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.level = QComboBox()
        for level in ScreeningLevel:
            self.level.addItem(level_label(level), str(level))
        self.kind = QComboBox()
        for kind in ScreeningKind:
            self.kind.addItem(kind_label(kind), str(kind))
        bar.addWidget(self.level)
        bar.addWidget(self.kind)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.items = QListWidget()
        layout.addWidget(self.items, 1)
        self.error = plain_label()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton(
            self.tr("Save the template"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.level.currentIndexChanged.connect(self._show)
        self.kind.currentIndexChanged.connect(self._show)
        self.resize(420, 560)
        runner.submit(self._read, self._loaded, self._failed)

    def _read(self) -> dict[tuple[str, str], tuple[str, ...]]:
        with self._sessions() as s:
            return screening.templates(s)

    def _loaded(self, found: dict[tuple[str, str], tuple[str, ...]]) -> None:
        self._templates = found
        self._show()

    def _show(self) -> None:
        chosen = self._templates.get((str(self.level.currentData()), str(self.kind.currentData())), ())
        self.items.clear()
        for code in SCREENING_ITEMS:
            item = QListWidgetItem(item_label(code))
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.items.addItem(item)

    def chosen(self) -> list[str]:
        return [
            str(self.items.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.items.count())
            if self.items.item(i).checkState() == Qt.CheckState.Checked
        ]

    def save(self) -> None:
        level, kind, codes = str(self.level.currentData()), str(self.kind.currentData()), self.chosen()
        sessions, actor = self._sessions, self._actor
        self._runner.submit(
            lambda: screening.save_template(sessions, actor, level, kind, codes),
            lambda saved: self._saved(level, kind, saved),
            self._failed,
        )

    def _saved(self, level: str, kind: str, codes: tuple[str, ...]) -> None:
        self._templates[(level, kind)] = codes
        self.error.setText(self.tr("Template saved."))

    def _failed(self, exc: Exception) -> None:
        self.error.setText(explain(exc))


class ScreeningPane(QWidget):
    """排查: the compliance board and the rounds."""

    message = Signal(str)
    caseRequested = Signal(int)  # open a case in the case panel

    def __init__(
        self,
        sessions: SessionFactory,
        service: CaseService,
        actor: Actor,
        runner: TaskRunner,
        settings: Settings | QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ScreeningPane")
        self._sessions, self._service, self._actor, self._runner = sessions, service, actor, runner
        self._settings = settings
        self.board: Board | None = None
        self.rounds: list[RoundRow] = []
        self.detail: RoundDetail | None = None
        self.alerts: list[ScreeningAlert] = []
        self.loading = 0
        self.loaded_once = False
        self._may_record = screening.may_record(actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_board(), self.tr("Compliance"))
        self.tabs.addTab(self._build_rounds(), self.tr("Rounds"))
        self._towns_requested = False

    # --- construction ----------------------------------------------------------------------

    def _build_board(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.period = QComboBox()
        self.period.addItem(self.tr("This week"), "week")
        self.period.addItem(self.tr("This half-month"), "half")
        self.period.addItem(self.tr("Last 30 days"), "30")
        self.period.addItem(self.tr("Custom"), "custom")
        today = screening.today_local()
        self.board_from = QDateEdit(qdate(screening.this_week(today)[0]))
        self.board_to = QDateEdit(qdate(today))
        for edit in (self.board_from, self.board_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
        bar.addWidget(self.period)
        bar.addWidget(self.board_from)
        bar.addWidget(QLabel("—"))
        bar.addWidget(self.board_to)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        v.addLayout(bar)
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        v.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Vertical)
        self.alert_list = QListWidget()
        self.alert_list.setWordWrap(True)
        self.towns_table = _table(
            [
                self.tr("Town"),
                self.tr("Villages"),
                self.tr("Village days missed"),
                self.tr("Villages with gaps"),
                self.tr("Late"),
                self.tr("Town weeks missed"),
            ]
        )
        self.places_table = _table(
            [
                self.tr("Level"),
                self.tr("Place"),
                self.tr("Town"),
                self.tr("Due"),
                self.tr("Done"),
                self.tr("Late"),
                self.tr("Missed"),
                self.tr("Missed dates"),
            ]
        )
        split.addWidget(self._titled(self.tr("Missed-round alerts"), self.alert_list))
        split.addWidget(self._titled(self.tr("Per town"), self.towns_table))
        split.addWidget(self._titled(self.tr("Places with missed or late rounds"), self.places_table))
        split.setSizes([120, 260, 300])
        v.addWidget(split, 1)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.refresh_button.clicked.connect(self.reload)
        self.board_from.dateChanged.connect(lambda _d: self._custom_changed())
        self.board_to.dateChanged.connect(lambda _d: self._custom_changed())
        self.towns_table.cellDoubleClicked.connect(self._town_activated)
        return page

    def _titled(self, title: str, widget: QWidget) -> QWidget:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        label = plain_label(title)
        label.setStyleSheet("font-weight: bold")
        v.addWidget(label)
        v.addWidget(widget)
        return box

    def _build_rounds(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.level_filter = QComboBox()
        self.level_filter.addItem(self.tr("All levels"), "")
        for level in ScreeningLevel:
            self.level_filter.addItem(level_label(level), str(level))
        self.town_filter = QComboBox()
        self.town_filter.addItem(self.tr("All towns"), None)
        today = screening.today_local()
        self.rounds_from = QDateEdit(qdate(today - dt.timedelta(days=13)))
        self.rounds_to = QDateEdit(qdate(today))
        for edit in (self.rounds_from, self.rounds_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        for w in (self.level_filter, self.town_filter, self.rounds_from, self.rounds_to):
            bar.addWidget(w)
        bar.addStretch(1)
        v.addLayout(bar)
        actions = QHBoxLayout()
        self.record_button = QPushButton(self.tr("Record a round…"))
        self.record_button.setVisible(self._may_record)
        self.log_button = QPushButton(self.tr("New log…"))
        self.case_button = QPushButton(self.tr("New case…"))
        self.link_button = QPushButton(self.tr("Link findings…"))
        for b in (self.record_button, self.log_button, self.case_button, self.link_button):
            actions.addWidget(b)
            if b is not self.record_button:
                b.setVisible(self._may_record)
                b.setEnabled(False)
        actions.addStretch(1)
        self.templates_button = QPushButton(self.tr("Checklist templates…"))
        self.templates_button.setVisible(screening.may_edit_templates(self._actor))
        self.templates_button.clicked.connect(lambda: self.open_templates())
        actions.addWidget(self.templates_button)
        v.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical)
        self.rounds_table = _table(
            [
                self.tr("Period"),
                self.tr("Level"),
                self.tr("Place"),
                self.tr("Kind"),
                self.tr("Scope"),
                self.tr("Checked"),
                self.tr("Findings"),
                self.tr("Recorded by"),
            ]
        )
        split.addWidget(self.rounds_table)
        detail = QWidget()
        dv = QVBoxLayout(detail)
        dv.setContentsMargins(0, 0, 0, 0)
        self.detail_label = plain_label()
        self.detail_label.setWordWrap(True)
        dv.addWidget(self.detail_label)
        self.checklist_view = QListWidget()
        self.findings_view = QListWidget()
        lists = QHBoxLayout()
        lists.addWidget(self._titled(self.tr("Checklist"), self.checklist_view))
        lists.addWidget(self._titled(self.tr("Findings"), self.findings_view))
        dv.addLayout(lists, 1)
        split.addWidget(detail)
        split.setSizes([380, 260])
        v.addWidget(split, 1)
        self.level_filter.currentIndexChanged.connect(lambda _i: self.reload_rounds())
        self.town_filter.currentIndexChanged.connect(lambda _i: self.reload_rounds())
        self.rounds_from.dateChanged.connect(lambda _d: self.reload_rounds())
        self.rounds_to.dateChanged.connect(lambda _d: self.reload_rounds())
        self.rounds_table.itemSelectionChanged.connect(self._round_selected)
        self.findings_view.itemDoubleClicked.connect(self._finding_activated)
        self.record_button.clicked.connect(lambda: self.open_record())
        self.log_button.clicked.connect(self.new_log)
        self.case_button.clicked.connect(self.new_case)
        self.link_button.clicked.connect(self.link_findings)
        return page

    # --- the board -------------------------------------------------------------------------

    def _period_changed(self) -> None:
        mode = self.period.currentData()
        today = screening.today_local()
        custom = mode == "custom"
        for edit in (self.board_from, self.board_to):
            edit.setEnabled(custom)
        if not custom:
            if mode == "week":
                start = screening.this_week(today)[0]
            elif mode == "half":
                start = screening.this_half_month(today)[0]
            else:
                start = today - dt.timedelta(days=29)
            for edit, day in ((self.board_from, start), (self.board_to, today)):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.reload_board()

    def _custom_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.reload_board()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self.loaded_once:
            self.reload()

    def reload(self) -> None:
        self.loaded_once = True
        if not self._towns_requested:
            self._towns_requested = True
            sessions, actor = self._sessions, self._actor

            def towns() -> list[tuple[int, str]]:
                with sessions() as s:
                    return logbook.town_choices(s, actor)

            self._submit(towns, self._towns_loaded)
        self.reload_board()
        self.reload_rounds()
        self.reload_alerts()

    def _submit(self, fn: Any, done: Any) -> None:
        self.loading += 1

        def finish(value: Any) -> None:
            self.loading -= 1
            done(value)

        def failed(exc: Exception) -> None:
            self.loading -= 1
            self._error(exc)

        self._runner.submit(fn, finish, failed)

    def _error(self, exc: Exception) -> None:
        text = explain(exc)
        self.summary.setText(text)
        self.message.emit(text)

    def _towns_loaded(self, towns: list[tuple[int, str]]) -> None:
        self.town_filter.blockSignals(True)
        for tid, name in towns:
            self.town_filter.addItem(name, tid)
        if self._actor.role == Role.TOWN_STAFF and len(towns) == 1:
            self.town_filter.setCurrentIndex(1)
        self.town_filter.blockSignals(False)

    def reload_board(self) -> None:
        start, end = pydate(self.board_from.date()), pydate(self.board_to.date())
        sessions, actor = self._sessions, self._actor
        if end < start:
            self.summary.setText(self.tr("The end date is before the start date."))
            return
        self.summary.setText(self.tr("Loading…"))

        def read() -> Board:
            with sessions() as s:
                return screening.compliance(s, actor, start, end)

        self._submit(read, self._board_loaded)

    def _board_loaded(self, board: Board) -> None:
        self.board = board
        places = [p for p in board.places if p.missed or p.late]
        due = sum(1 for s in board.slots if s.status != "pending")
        text = fill(
            self.tr("%1 — %2: %3 rounds due, %4 missed, %5 late."),
            f"{board.date_from:%Y-%m-%d}",
            f"{board.date_to:%Y-%m-%d}",
            due,
            board.missed,
            board.late,
        )
        if board.sensitive:
            names = "、".join(n for _s, _e, n in board.sensitive)
            text += " " + fill(
                self.tr("Sensitive period (%1): towns and the city owe focused rounds."), names
            )
        focus = board.pending_focus
        if focus:
            text += " " + fill(self.tr("Focused rounds due now: %1."), len(focus))
        self.summary.setText(text)
        self.towns_table.setUpdatesEnabled(False)
        self.towns_table.setSortingEnabled(False)
        self.towns_table.setRowCount(len(board.towns))
        for row, t in enumerate(board.towns):
            self.towns_table.setItem(row, 0, _item(t.town, t.town_id))
            self.towns_table.setItem(row, 1, _num(t.villages))
            self.towns_table.setItem(row, 2, _num(t.village_missed))
            self.towns_table.setItem(row, 3, _num(t.villages_missing))
            self.towns_table.setItem(row, 4, _num(t.village_late + t.town_late))
            self.towns_table.setItem(row, 5, _num(t.town_missed))
        self.towns_table.setSortingEnabled(True)
        self.towns_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        _fit(self.towns_table)
        shown = places[:500]
        self.places_table.setUpdatesEnabled(False)
        self.places_table.setSortingEnabled(False)
        self.places_table.setRowCount(len(shown) + len(focus))
        row = 0
        for slot in focus:
            name = slot.place.name or self.tr("City")
            cells = [level_label(slot.place.level), name, slot.place.town, "", "", "", "", ""]
            for col, text_ in enumerate(cells):
                self.places_table.setItem(row, col, _item(text_))
            self.places_table.setItem(
                row, 7, _item(fill(self.tr("Focused round due %1"), _span(slot.start, slot.end)))
            )
            row += 1
        for p in shown:
            self.places_table.setItem(row, 0, _item(level_label(p.place.level)))
            self.places_table.setItem(row, 1, _item(p.place.name or self.tr("City")))
            self.places_table.setItem(row, 2, _item(p.place.town))
            self.places_table.setItem(row, 3, _num(p.due))
            self.places_table.setItem(row, 4, _num(p.done))
            self.places_table.setItem(row, 5, _num(p.late))
            self.places_table.setItem(row, 6, _num(p.missed))
            self.places_table.setItem(row, 7, _item("、".join(_span(s, e) for s, e in p.missed_slots)))
            row += 1
        _fit(self.places_table)

    def _town_activated(self, row: int, _col: int) -> None:
        item = self.towns_table.item(row, 0)
        if item is None:
            return
        index = self.town_filter.findData(item.data(Qt.ItemDataRole.UserRole))
        if index >= 0:
            self.town_filter.setCurrentIndex(index)
            self.tabs.setCurrentIndex(1)

    # --- alerts ----------------------------------------------------------------------------

    def reload_alerts(self) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> list[ScreeningAlert]:
            with sessions() as s:
                return screening.missed_round_alerts(s, actor)

        self._submit(read, self._alerts_loaded)

    def _alerts_loaded(self, alerts: list[ScreeningAlert]) -> None:
        self.alerts = alerts
        self.alert_list.clear()
        for alert in alerts:
            self.alert_list.addItem(alert_text(alert))
        if not alerts:
            self.alert_list.addItem(self.tr("No missed rounds."))

    # --- rounds ----------------------------------------------------------------------------

    def round_filter(self) -> RoundFilter:
        town = self.town_filter.currentData()
        return RoundFilter(
            level=self.level_filter.currentData() or None,
            town_id=None if town is None else int(town),
            date_from=pydate(self.rounds_from.date()),
            date_to=pydate(self.rounds_to.date()),
        )

    def reload_rounds(self, select_id: int | None = None) -> None:
        flt, sessions, actor = self.round_filter(), self._sessions, self._actor

        def read() -> list[RoundRow]:
            with sessions() as s:
                return screening.list_rounds(s, actor, flt)

        self._submit(read, lambda rows: self._rounds_loaded(rows, select_id))

    def _rounds_loaded(self, rows: list[RoundRow], select_id: int | None = None) -> None:
        self.rounds = rows
        table = self.rounds_table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            period = _span(r.period_start, r.period_end)
            if r.late:
                period += " " + self.tr("(late)")
            place = r.village or r.town or self.tr("City")
            if r.village:
                place = f"{r.town} {r.village}"
            table.setItem(i, 0, _item(period, r.id))
            table.setItem(i, 1, _item(level_label(r.level)))
            table.setItem(i, 2, _item(place))
            table.setItem(i, 3, _item(kind_label(r.kind)))
            scope = scope_label(r.scope) + (f"：{r.focus}" if r.focus else "")
            table.setItem(i, 4, _item(scope))
            table.setItem(i, 5, _item(f"{r.checked}/{r.items}"))
            table.setItem(i, 6, _num(r.findings))
            table.setItem(i, 7, _item(r.recorded_by))
        _fit(table)
        if select_id is not None:
            for i, r in enumerate(rows):
                if r.id == select_id:
                    table.selectRow(i)
                    break

    def selected_round(self) -> RoundRow | None:
        rows = self.rounds_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.rounds_table.item(rows[0].row(), 0)
        rid = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.rounds if r.id == rid), None)

    def _round_selected(self) -> None:
        row = self.selected_round()
        for b in (self.log_button, self.case_button, self.link_button):
            writable = row is not None and (
                row.level != ScreeningLevel.CITY or self._actor.role != Role.TOWN_STAFF
            )
            b.setEnabled(writable)
        self.log_button.setEnabled(row is not None and row.level != ScreeningLevel.CITY)
        if row is None:
            self.detail = None
            self.detail_label.setText("")
            self.checklist_view.clear()
            self.findings_view.clear()
            return
        sessions, actor, rid = self._sessions, self._actor, row.id

        def read() -> RoundDetail:
            with sessions() as s:
                return screening.round_detail(s, actor, rid)

        self._submit(read, self._detail_loaded)

    def _detail_loaded(self, detail: RoundDetail) -> None:
        self.detail = detail
        r = detail.row
        text = fill(
            self.tr("%1 · screened on %2 · recorded %3 by %4"),
            f"{kind_label(r.kind)} · {scope_label(r.scope)}",
            f"{r.screened_on:%Y-%m-%d}",
            f"{r.recorded_at.astimezone(dt.timezone(dt.timedelta(hours=8))):%Y-%m-%d %H:%M}",
            r.recorded_by,
        )
        if r.notes:
            text += "\n" + r.notes
        self.detail_label.setText(text)
        self.checklist_view.clear()
        for item in detail.checklist:
            mark = "☑" if item.checked else "☐"
            line = f"{mark} {item_label(item.code)}" + (f"：{item.note}" if item.note else "")
            self.checklist_view.addItem(line)
        self.findings_view.clear()
        for f in detail.findings:
            prefix = self.tr("Case") if f.case_id is not None else self.tr("Log")
            entry = QListWidgetItem(f"{prefix} · {f.label}")
            entry.setData(Qt.ItemDataRole.UserRole, (f.log_id, f.case_id))
            self.findings_view.addItem(entry)
        if not detail.findings:
            self.findings_view.addItem(self.tr("Nothing linked yet."))

    def _finding_activated(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data and data[1] is not None:
            self.caseRequested.emit(int(data[1]))

    # --- writing ---------------------------------------------------------------------------

    def open_record(self) -> RoundDialog | None:
        if not self._may_record:
            return None
        dialog = RoundDialog(self._sessions, self._actor, self._runner, self)
        dialog.accepted.connect(lambda: self._recorded(dialog.saved_id))
        dialog.open()
        return dialog

    def open_templates(self) -> TemplateDialog | None:
        if not screening.may_edit_templates(self._actor):
            return None
        dialog = TemplateDialog(self._sessions, self._actor, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _recorded(self, round_id: int | None) -> None:
        self.message.emit(self.tr("Screening round saved."))
        self.tabs.setCurrentIndex(1)
        self.reload_rounds(select_id=round_id)
        self.reload_board()
        self.reload_alerts()

    def new_log(self) -> None:
        row = self.selected_round()
        if row is None:
            return
        sessions, actor, rid = self._sessions, self._actor, row.id

        def read() -> list[tuple[int, str]]:
            with sessions() as s:
                return screening.log_workers(s, actor, rid)

        self._submit(read, lambda workers: self._ask_log(rid, workers))

    def _ask_log(self, round_id: int, workers: list[tuple[int, str]]) -> None:
        dialog = LogDialog(workers, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        wid = dialog.worker.currentData()
        content, households = dialog.content.toPlainText(), dialog.households.value()
        sessions, actor = self._sessions, self._actor
        self._submit(
            lambda: screening.record_log(
                sessions, actor, round_id, int(wid) if wid is not None else -1, content, households
            ),
            lambda _id: self._changed(round_id, self.tr("Sentiment log filed and linked to the round.")),
        )

    def new_case(self) -> None:
        """The desk-intake form (ui.cases.intake_dialog); the case it files is linked to the round."""
        row = self.selected_round()
        if row is None or self._settings is None:
            return
        from ui.cases.intake_dialog import IntakeDialog

        dialog = IntakeDialog(self._sessions, self._service, self._actor, self._settings, self._runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        rid = row.id
        dialog.caseFiled.connect(lambda case_id: self._link(rid, None, int(case_id)))
        dialog.show()

    def _link(self, round_id: int, log_id: int | None, case_id: int | None) -> None:
        sessions, actor = self._sessions, self._actor
        self._submit(
            lambda: screening.link_finding(sessions, actor, round_id, log_id=log_id, case_id=case_id),
            lambda _id: self._changed(round_id, self.tr("Linked to the round.")),
        )

    def link_findings(self) -> None:
        row = self.selected_round()
        if row is None:
            return
        sessions, actor, rid = self._sessions, self._actor, row.id

        def read() -> list[Candidate]:
            with sessions() as s:
                return screening.candidates(s, actor, rid)

        self._submit(read, lambda found: self._ask_links(rid, found))

    def _ask_links(self, round_id: int, found: list[Candidate]) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Link findings to the round"))
        v = QVBoxLayout(dialog)
        lst = QListWidget()
        for c in found:
            prefix = self.tr("Case") if c.case_id is not None else self.tr("Log")
            item = QListWidgetItem(f"{prefix} · {c.label}")
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, (c.log_id, c.case_id))
            lst.addItem(item)
        if not found:
            v.addWidget(plain_label(self.tr("No logs or cases of this place and period to link.")))
        v.addWidget(lst)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        v.addWidget(buttons)
        dialog.resize(520, 400)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        for i in range(lst.count()):
            item = lst.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                log_id, case_id = item.data(Qt.ItemDataRole.UserRole)
                self._link(round_id, log_id, case_id)

    def _changed(self, round_id: int, text: str) -> None:
        self.message.emit(text)
        self.reload_rounds(select_id=round_id)
