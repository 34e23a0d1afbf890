"""Village work (三日合一与代办): the village days and leaders' receptions of a month with the issues
raised there, the social-stability risk assessments of projects, and the service errands with
their counts per town and office.

Every read and write runs off the GUI thread through the window's TaskRunner on the functions of
desktop.villagedays. Town staff see and write their own town; city roles every town (and the
database holds them to that anyway). Forms are window-modal dialogs that stay open on a refusal
and show its reason; nothing is stored then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session, sessionmaker

from db.vocab import (
    CATEGORIES,
    ErrandStatus,
    Kind,
    ProjectKind,
    ReceptionKind,
    ReceptionStatus,
    Recurrence,
    RiskDecision,
    RiskLevel,
    RiskStepKind,
    Role,
    VillageDayKind,
    VillageDayStatus,
)
from desktop import villagedays as vd
from desktop.cases import CaseService
from desktop.clock import CHINA_TZ
from desktop.errors import Refusal
from desktop.ladder import Actor
from ui.labels import category_label, kind_label
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

ROW = Qt.ItemDataRole.UserRole
ALL = -1
LATE = QColor("#b71c1c")
MUTED = QColor("#607d8b")


translate = QCoreApplication.translate


# --- labels -----------------------------------------------------------------------------------


def day_kind_label(kind: str) -> str:
    return {
        "combined": translate("VillageWork", "Three days in one"),
        "mass_work": translate("VillageWork", "Mass work day"),
        "deliberation": translate("VillageWork", "Democratic deliberation day"),
        "openness": translate("VillageWork", "Village affairs openness day"),
    }.get(kind, kind)


def reception_kind_label(kind: str) -> str:
    return {
        "scheduled": translate("VillageWork", "Leader's reception day"),
        "appointment": translate("VillageWork", "Leader's appointment"),
    }.get(kind, kind)


def day_status_label(status: str) -> str:
    return {
        "planned": translate("VillageWork", "Planned"),
        "held": translate("VillageWork", "Held"),
        "cancelled": translate("VillageWork", "Cancelled"),
        "done": translate("VillageWork", "Received"),
    }.get(status, status)


def project_kind_label(kind: str) -> str:
    return {
        "land_acquisition": translate("VillageWork", "Land acquisition"),
        "demolition": translate("VillageWork", "Demolition"),
        "factory": translate("VillageWork", "Factory project"),
        "renovation": translate("VillageWork", "Old town renewal"),
        "restructuring": translate("VillageWork", "Enterprise restructuring"),
        "other": translate("VillageWork", "Other project"),
    }.get(kind, kind)


def step_label(kind: str) -> str:
    return {
        "notice_hearing": translate("VillageWork", "Public notice and hearing"),
        "expert": translate("VillageWork", "Expert consultation"),
        "survey": translate("VillageWork", "Survey and forum"),
    }.get(kind, kind)


def risk_label(level: str | None) -> str:
    if level is None:
        return translate("VillageWork", "Not assessed")
    return {
        "high": translate("VillageWork", "High"),
        "medium": translate("VillageWork", "Medium"),
        "low": translate("VillageWork", "Low"),
    }.get(level, level)


def decision_label(decision: str | None) -> str:
    if decision is None:
        return translate("VillageWork", "Under assessment")
    return {
        "implement": translate("VillageWork", "Implement"),
        "with_measures": translate("VillageWork", "Implement with measures"),
        "postpone": translate("VillageWork", "Postpone"),
        "halt": translate("VillageWork", "Halt the project"),
    }.get(decision, decision)


def errand_status_label(status: str) -> str:
    return {
        "accepted": translate("VillageWork", "Accepted"),
        "in_progress": translate("VillageWork", "In progress"),
        "done": translate("VillageWork", "Done"),
        "returned": translate("VillageWork", "Returned"),
    }.get(status, status)


def weekday_label(day: int) -> str:
    return (
        translate("VillageWork", "Monday"),
        translate("VillageWork", "Tuesday"),
        translate("VillageWork", "Wednesday"),
        translate("VillageWork", "Thursday"),
        translate("VillageWork", "Friday"),
        translate("VillageWork", "Saturday"),
        translate("VillageWork", "Sunday"),
    )[day]


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _optional_count(spin: QSpinBox) -> int | None:
    """A spin box whose minimum (-1, shown as "—") means "not given"."""
    return None if spin.value() < 0 else spin.value()


def _count_spin(optional: bool = True) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1 if optional else 0, 1_000_000)
    if optional:
        spin.setSpecialValueText("—")
        spin.setValue(-1)
    return spin


def _tree(headers: list[str], stretch: int = 0) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        mode = (
            QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return tree


# --- the form dialog --------------------------------------------------------------------------


class FormDialog(QDialog):
    """A form whose OK runs ``work(form)`` in the background: it closes when that succeeds and
    shows the refusal (in Chinese from the core) when it does not, keeping what was typed."""

    saved = Signal(object)

    def __init__(self, title: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._runner = runner
        self.build: Callable[[], Any] = lambda: None
        self.work: Callable[[Any], Any] = lambda form: form
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.error = plain_label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.busy = False
        self.setMinimumWidth(420)

    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.form.addRow(label, widget)
        return widget

    def submit(self) -> None:
        if self.busy:
            return
        try:
            form = self.build()
        except vd.VillageWorkError as exc:
            self.error.setText(describe(exc))
            return
        self.busy = True
        self.buttons.setEnabled(False)
        self.error.setText(translate("VillageWork", "Saving…"))
        work = self.work
        self._runner.submit(lambda: work(form), self._done, self._failed)

    def _done(self, result: Any) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        self.error.setText("")
        self.saved.emit(result)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        self.buttons.setEnabled(True)
        if isinstance(exc, Refusal):
            self.error.setText(describe(exc))
        else:
            self.error.setText(
                fill(translate("VillageWork", "Not saved: %1"), str(getattr(exc, "orig", None) or exc))
            )


# --- the pane ---------------------------------------------------------------------------------


class VillageWorkPane(QWidget):
    """Three tabs: village days and receptions, risk assessments, errands. Reads nothing until it
    is first shown."""

    changed = Signal()  # after any save: other panes may show new logs and cases

    def __init__(
        self,
        sessions: sessionmaker[Session],
        service: CaseService,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = vd.today_local,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("VillageWorkPane")
        self._sessions = sessions
        self._service = service
        self._actor = actor
        self._runner = runner
        self._today = today
        self.may_write = vd.may_write(actor)
        self.loaded_once = False
        self.loading: set[str] = set()
        self.towns: list[tuple[int, str]] = []
        self.generated = False
        first = today()
        self.month = dt.date(first.year, first.month, 1)
        self.entries: list[vd.CalendarEntry] = []
        self.assessments: list[vd.AssessmentRow] = []
        self.errand_rows: list[vd.ErrandRow] = []
        self.counts: list[vd.ErrandCount] = []
        self.dialog: FormDialog | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.town_combo = QComboBox()
        self.town_combo.setMinimumContentsLength(6)
        self.town_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.town_combo.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(plain_label(self.tr("Town")))
        bar.addWidget(self.town_combo, 1)
        self.status = plain_label()
        self.status.setStyleSheet("color: #546e7a")
        bar.addWidget(self.status, 1)
        outer.addLayout(bar)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_days(), self.tr("Village days"))
        self.tabs.addTab(self._build_risks(), self.tr("Risk assessments"))
        self.tabs.addTab(self._build_errands(), self.tr("Errands"))
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        outer.addWidget(self.tabs, 1)
        for button in self.write_buttons:
            button.setEnabled(self.may_write)
            if not self.may_write:
                button.setToolTip(self.tr("Your role may only read village work."))

    # --- building ----------------------------------------------------------------------------

    def _buttons(self, *pairs: tuple[str, Callable[[], object]]) -> tuple[QHBoxLayout, list[QPushButton]]:
        row = QHBoxLayout()
        made = []
        for text, slot in pairs:
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(button)
            made.append(button)
        row.addStretch(1)
        return row, made

    def _build_days(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        nav = QHBoxLayout()
        self.prev_month = QPushButton("◀")
        self.prev_month.setToolTip(self.tr("Previous month"))
        self.prev_month.setFixedWidth(36)
        self.prev_month.clicked.connect(lambda: self.shift_month(-1))
        self.month_label = plain_label()
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_month = QPushButton("▶")
        self.next_month.setToolTip(self.tr("Next month"))
        self.next_month.setFixedWidth(36)
        self.next_month.clicked.connect(lambda: self.shift_month(1))
        self.this_month = QPushButton(self.tr("This month"))
        self.this_month.clicked.connect(self.go_this_month)
        for w in (self.prev_month, self.month_label, self.next_month, self.this_month):
            nav.addWidget(w, 1 if w is self.month_label else 0)
        layout.addLayout(nav)
        split = QSplitter(Qt.Orientation.Vertical)
        self.day_tree = _tree(
            [self.tr("Date"), self.tr("What"), self.tr("Village"), self.tr("Status"), self.tr("Issues")],
            stretch=1,
        )
        self.day_tree.currentItemChanged.connect(lambda *_a: self._day_selected())
        split.addWidget(self.day_tree)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.day_detail = plain_label()
        self.day_detail.setWordWrap(True)
        self.day_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.day_detail)
        self.issue_tree = _tree([self.tr("Issue raised"), self.tr("Raised by"), self.tr("Became")], stretch=0)
        dl.addWidget(self.issue_tree, 1)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row, made = self._buttons(
            (self.tr("New schedule…"), self.new_schedule),
            (self.tr("New reception…"), self.new_reception),
        )
        layout.addLayout(row)
        row2, made2 = self._buttons(
            (self.tr("Record…"), self.record_selected),
            (self.tr("Raise issue…"), self.raise_issue),
        )
        layout.addLayout(row2)
        self.record_button, self.issue_button = made2
        self.write_buttons = [*made, *made2]
        return page

    def _build_risks(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        split = QSplitter(Qt.Orientation.Vertical)
        self.risk_tree = _tree(
            [self.tr("Project"), self.tr("Town"), self.tr("Steps"), self.tr("Risk"), self.tr("Decision")],
            stretch=0,
        )
        self.risk_tree.currentItemChanged.connect(lambda *_a: self._risk_selected())
        split.addWidget(self.risk_tree)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.risk_detail = plain_label()
        self.risk_detail.setWordWrap(True)
        self.risk_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addWidget(self.risk_detail)
        self.step_tree = _tree(
            [self.tr("Date"), self.tr("Step"), self.tr("Result"), self.tr("For / against")], 2
        )
        self.step_tree.setWordWrap(True)
        self.step_tree.setUniformRowHeights(False)
        dl.addWidget(self.step_tree, 1)
        split.addWidget(detail)
        layout.addWidget(split, 1)
        row, made = self._buttons(
            (self.tr("New assessment…"), self.new_assessment),
            (self.tr("Add step…"), self.add_step),
            (self.tr("Decide…"), self.decide),
        )
        layout.addLayout(row)
        self.write_buttons += made
        return page

    def _build_errands(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.count_tree = _tree(
            [
                self.tr("Town or office"),
                self.tr("All"),
                self.tr("Open"),
                self.tr("Overdue"),
                self.tr("Done late"),
            ],
            stretch=0,
        )
        self.count_tree.setMaximumHeight(150)
        layout.addWidget(self.count_tree)
        filters = QHBoxLayout()
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.toggled.connect(lambda _c: self._load("errands"))
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.toggled.connect(lambda _c: self._load("errands"))
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.open_only)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.errand_tree = _tree(
            [
                self.tr("Applicant"),
                self.tr("Matter"),
                self.tr("Office"),
                self.tr("Promised"),
                self.tr("Status"),
            ],
            stretch=0,
        )
        self.errand_tree.currentItemChanged.connect(lambda *_a: self._errand_selected())
        layout.addWidget(self.errand_tree, 1)
        self.errand_detail = plain_label()
        self.errand_detail.setWordWrap(True)
        self.errand_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.errand_detail)
        row, made = self._buttons(
            (self.tr("New errand…"), self.new_errand),
            (self.tr("In progress"), lambda: self.set_errand(ErrandStatus.IN_PROGRESS)),
            (self.tr("Done…"), lambda: self.set_errand(ErrandStatus.DONE)),
            (self.tr("Return"), lambda: self.set_errand(ErrandStatus.RETURNED)),
        )
        layout.addLayout(row)
        self.write_buttons += made
        self.errand_status_buttons = made[1:]
        return page

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.reload()

    def is_loading(self) -> bool:
        return bool(self.loading)

    def town_id(self) -> int | None:
        value = self.town_combo.currentData()
        return None if value in (None, ALL) else int(value)

    def reload(self) -> None:
        self.loaded_once = True
        if not self.towns:
            self._load_towns()
            return
        self._load_tab()

    def _load_towns(self) -> None:
        sessions, actor = self._sessions, self._actor
        until = self._today() + dt.timedelta(days=vd.HORIZON_DAYS)
        self.loading.add("towns")

        def read() -> list[tuple[int, str]]:
            if self.may_write:
                # Dates of the schedules as time passes: the pane keeps the horizon filled.
                vd.generate_days(sessions, actor, until)
            with sessions() as s:
                return vd.town_choices(s, actor)

        self._runner.submit(read, self._towns_loaded, self._failed("towns"))

    def _towns_loaded(self, towns: list[tuple[int, str]]) -> None:
        self.loading.discard("towns")
        self.towns = towns
        self.town_combo.blockSignals(True)
        self.town_combo.clear()
        if self._actor.role != Role.TOWN_STAFF:
            self.town_combo.addItem(self.tr("All towns"), ALL)
        for town_id, name in towns:
            self.town_combo.addItem(name, town_id)
        self.town_combo.setEnabled(self.town_combo.count() > 1)
        self.town_combo.blockSignals(False)
        self._load_tab()

    def _load_tab(self) -> None:
        if not self.towns:
            return
        self._load(("days", "risks", "errands")[self.tabs.currentIndex()])

    def _failed(self, key: str) -> Callable[[Exception], None]:
        def show(exc: Exception) -> None:
            self.loading.discard(key)
            self.status.setText(fill(self.tr("Could not read: %1"), str(getattr(exc, "orig", None) or exc)))

        return show

    def _load(self, key: str) -> None:
        sessions, actor, town, today = self._sessions, self._actor, self.town_id(), self._today()
        self.loading.add(key)
        self.status.setText(self.tr("Loading…"))
        if key == "days":
            start = self.month
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
            self.month_label.setText(fill(self.tr("%1-%2"), start.year, f"{start.month:02d}"))

            def read_days() -> list[vd.CalendarEntry]:
                with sessions() as s:
                    return vd.calendar_entries(s, actor, start, end, town)

            self._runner.submit(read_days, self._days_loaded, self._failed(key))
        elif key == "risks":

            def read_risks() -> list[vd.AssessmentRow]:
                with sessions() as s:
                    return vd.assessments(s, actor, town)

            self._runner.submit(read_risks, self._risks_loaded, self._failed(key))
        else:
            overdue, open_only = self.overdue_only.isChecked(), self.open_only.isChecked()

            def read_errands() -> tuple[list[vd.ErrandCount], list[vd.ErrandRow]]:
                with sessions() as s:
                    return (
                        vd.errand_counts(s, actor, today, town, by="town" if town is None else "office"),
                        vd.errands(s, actor, today, town, overdue_only=overdue, open_only=open_only),
                    )

            self._runner.submit(read_errands, self._errands_loaded, self._failed(key))

    def _loaded(self, key: str, text: str) -> None:
        self.loading.discard(key)
        self.status.setText(text)

    # --- village days and receptions ---------------------------------------------------------

    def shift_month(self, step: int) -> None:
        year, month = self.month.year, self.month.month + step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        self.month = dt.date(year, month, 1)
        self._load("days")

    def go_this_month(self) -> None:
        today = self._today()
        self.month = dt.date(today.year, today.month, 1)
        self._load("days")

    def _days_loaded(self, entries: list[vd.CalendarEntry]) -> None:
        selected = self.selected_entry()
        keep = (selected.what, selected.id) if selected else None
        self.entries = entries
        self.day_tree.clear()
        today = self._today()
        current = None
        for i, e in enumerate(entries):
            reception = e.what == "reception"
            what = reception_kind_label(e.kind) if reception else day_kind_label(e.kind)
            status = day_status_label(e.status)
            if e.attendance is not None:
                status = fill(self.tr("%1 · %2 people"), status, e.attendance)
            date_text = f"{e.day:%m-%d}" + (f" {e.time}" if e.time else "")
            village = e.village or e.town
            item = QTreeWidgetItem([date_text, what, village, status, str(e.issues) if e.issues else ""])
            item.setData(0, ROW, i)
            tip = f"{e.town} {e.village}\n{e.place}\n{e.title}".strip()
            for column in range(5):
                item.setToolTip(column, literal(tip))
            if e.day < today and e.status == VillageDayStatus.PLANNED:
                item.setForeground(3, QBrush(LATE))  # past and not recorded
            elif e.status == VillageDayStatus.CANCELLED:
                item.setForeground(3, QBrush(MUTED))
            if e.day == today:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.day_tree.addTopLevelItem(item)
            if keep == (e.what, e.id):
                current = item
        if current is not None:
            self.day_tree.setCurrentItem(current)
        days = sum(e.what == "day" for e in entries)
        self._loaded("days", fill(self.tr("%1 village days, %2 receptions"), days, len(entries) - days))
        self._day_selected()

    def selected_entry(self) -> vd.CalendarEntry | None:
        item = self.day_tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW)
        return self.entries[index] if isinstance(index, int) and index < len(self.entries) else None

    def select_entry(self, what: str, entry_id: int) -> bool:
        for i in range(self.day_tree.topLevelItemCount()):
            item = self.day_tree.topLevelItem(i)
            if item is None:
                continue
            e = self.entries[item.data(0, ROW)]
            if (e.what, e.id) == (what, entry_id):
                self.day_tree.setCurrentItem(item)
                return True
        return False

    def _day_selected(self) -> None:
        e = self.selected_entry()
        self.record_button.setEnabled(self.may_write and e is not None)
        self.issue_button.setEnabled(
            self.may_write and e is not None and e.status != VillageDayStatus.CANCELLED
        )
        self.issue_tree.clear()
        if e is None:
            self.day_detail.setText(self.tr("Select a village day or a reception."))
            return
        kind = reception_kind_label(e.kind) if e.what == "reception" else day_kind_label(e.kind)
        lines = [f"{e.day.isoformat()} {e.time} {kind} · {e.town} {e.village}".replace("  ", " ")]
        if e.place:
            lines.append(fill(self.tr("Place: %1"), e.place))
        if e.title and e.what == "reception":
            lines.append(e.title)
        elif e.title:
            lines.append(fill(self.tr("Notes: %1"), e.title))
        if e.visitors:
            lines.append(fill(self.tr("Visitors: %1"), e.visitors))
        if e.outcome:
            lines.append(fill(self.tr("Outcome: %1"), e.outcome))
        self.day_detail.setText("\n".join(lines))
        sessions, actor = self._sessions, self._actor
        what, entry_id = e.what, e.id

        def read() -> tuple[str, int, list[vd.IssueRow]]:
            with sessions() as s:
                if what == "day":
                    return what, entry_id, vd.issues_of(s, actor, village_day_id=entry_id)
                return what, entry_id, vd.issues_of(s, actor, reception_id=entry_id)

        self.loading.add("issues")
        self._runner.submit(read, self._issues_loaded, self._failed("issues"))

    def _issues_loaded(self, result: tuple[str, int, list[vd.IssueRow]]) -> None:
        what, entry_id, rows = result
        self.loading.discard("issues")
        e = self.selected_entry()
        if e is None or (e.what, e.id) != (what, entry_id):
            return
        self.issue_tree.clear()
        for r in rows:
            became = (
                fill(self.tr("Case %1"), r.case_number or r.case_id)
                if r.case_id is not None
                else fill(self.tr("Sentiment log #%1"), r.log_id)
            )
            item = QTreeWidgetItem([r.content, r.raised_by, became])
            item.setToolTip(0, literal(r.content))
            self.issue_tree.addTopLevelItem(item)

    # --- risk assessments --------------------------------------------------------------------

    def _risks_loaded(self, rows: list[vd.AssessmentRow]) -> None:
        selected = self.selected_assessment()
        self.assessments = rows
        self.risk_tree.clear()
        current = None
        for i, a in enumerate(rows):
            item = QTreeWidgetItem(
                [
                    a.project,
                    a.town,
                    f"{len(a.steps_done)}/{len(vd.REQUIRED_STEPS)}",
                    risk_label(a.risk_level),
                    decision_label(a.decision),
                ]
            )
            item.setData(0, ROW, i)
            item.setToolTip(0, literal(f"{a.project}\n{a.owner_unit}"))
            if a.risk_level == RiskLevel.HIGH:
                item.setForeground(3, QBrush(LATE))
            if a.decision == RiskDecision.HALT:
                item.setForeground(4, QBrush(LATE))
            self.risk_tree.addTopLevelItem(item)
            if selected is not None and selected.id == a.id:
                current = item
        if current is None and self.risk_tree.topLevelItemCount():
            current = self.risk_tree.topLevelItem(0)
        if current is not None:
            self.risk_tree.setCurrentItem(current)
        decided = sum(a.decision is not None for a in rows)
        halted = sum(a.decision == RiskDecision.HALT for a in rows)
        self._loaded(
            "risks",
            fill(self.tr("%1 assessments: %2 decided, %3 halted"), len(rows), decided, halted),
        )
        self._risk_selected()

    def selected_assessment(self) -> vd.AssessmentRow | None:
        item = self.risk_tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW)
        return self.assessments[index] if isinstance(index, int) and index < len(self.assessments) else None

    def _risk_selected(self) -> None:
        a = self.selected_assessment()
        self.step_tree.clear()
        if a is None:
            self.risk_detail.setText(self.tr("Select an assessment."))
            return
        lines = [
            fill(
                self.tr("%1 · %2 · owner %3 · started %4"),
                project_kind_label(a.project_kind),
                a.town,
                a.owner_unit,
                a.started_on.isoformat(),
            )
        ]
        if a.decision is not None:
            lines.append(
                fill(
                    self.tr("Risk %1, decision: %2 — %3, %4"),
                    risk_label(a.risk_level),
                    decision_label(a.decision),
                    a.decided_by,
                    a.decided_on.isoformat() if a.decided_on else "",
                )
            )
            if a.measures:
                lines.append(fill(self.tr("Measures: %1"), a.measures))
        else:
            missing = [step_label(k) for k in vd.REQUIRED_STEPS if k not in a.steps_done]
            if missing:
                lines.append(fill(self.tr("Still to do before a decision: %1"), "、".join(missing)))
            else:
                lines.append(self.tr("Every step is recorded: ready for a decision."))
        self.risk_detail.setText("\n".join(lines))
        sessions, actor, aid = self._sessions, self._actor, a.id

        def read() -> tuple[int, list[vd.StepRow]]:
            with sessions() as s:
                return aid, vd.steps_of(s, actor, aid)

        self.loading.add("steps")
        self._runner.submit(read, self._steps_loaded, self._failed("steps"))

    def _steps_loaded(self, result: tuple[int, list[vd.StepRow]]) -> None:
        aid, steps = result
        self.loading.discard("steps")
        a = self.selected_assessment()
        if a is None or a.id != aid:
            return
        self.step_tree.clear()
        for st in steps:
            votes = ""
            if st.votes_for is not None or st.votes_against is not None:
                votes = f"{st.votes_for or 0} / {st.votes_against or 0}"
            item = QTreeWidgetItem([st.held_on.isoformat(), step_label(st.kind), st.result, votes])
            item.setToolTip(2, literal(st.result))
            self.step_tree.addTopLevelItem(item)

    # --- errands -----------------------------------------------------------------------------

    def _errands_loaded(self, result: tuple[list[vd.ErrandCount], list[vd.ErrandRow]]) -> None:
        counts, rows = result
        self.counts, self.errand_rows = counts, rows
        self.count_tree.clear()
        for c in counts:
            item = QTreeWidgetItem(
                [c.town or c.office, str(c.total), str(c.open), str(c.overdue), str(c.done_late)]
            )
            if c.overdue:
                item.setForeground(3, QBrush(LATE))
            self.count_tree.addTopLevelItem(item)
        self.errand_tree.clear()
        for i, r in enumerate(rows):
            status = errand_status_label(r.status)
            if r.overdue:
                status = fill(self.tr("%1, overdue"), status)
            item = QTreeWidgetItem(
                [r.applicant, category_label(r.matter), r.office, f"{r.promised_on:%m-%d}", status]
            )
            item.setData(0, ROW, i)
            if r.overdue:
                for column in range(5):
                    item.setForeground(column, QBrush(LATE))
            self.errand_tree.addTopLevelItem(item)
        overdue = sum(c.overdue for c in counts)
        total = sum(c.total for c in counts)
        self._loaded("errands", fill(self.tr("%1 errands, %2 overdue"), total, overdue))
        self._errand_selected()

    def selected_errand(self) -> vd.ErrandRow | None:
        item = self.errand_tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW)
        return self.errand_rows[index] if isinstance(index, int) and index < len(self.errand_rows) else None

    def _errand_selected(self) -> None:
        r = self.selected_errand()
        # Only an open errand moves on; a done or returned one stays as it is.
        for button in self.errand_status_buttons:
            button.setEnabled(self.may_write and r is not None and r.status in vd.OPEN_ERRAND)
        if r is None:
            self.errand_detail.setText("")
            return
        done = fill(self.tr(", done %1"), r.done_on.isoformat()) if r.done_on else ""
        self.errand_detail.setText(
            fill(
                self.tr("%1 %2 · handler %3 · accepted %4, promised %5%6\nDocuments: %7"),
                r.town,
                r.village,
                r.handler,
                r.accepted_on.isoformat(),
                r.promised_on.isoformat(),
                done,
                "、".join(r.documents) or "—",
            )
        )

    # --- forms -------------------------------------------------------------------------------

    def _dialog(self, title: str, on_saved: Callable[[Any], None]) -> FormDialog:
        dialog = FormDialog(title, self._runner, self)
        dialog.saved.connect(on_saved)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        return dialog

    def _town_field(self, dialog: FormDialog) -> QComboBox:
        combo = QComboBox()
        for town_id, name in self.towns:
            combo.addItem(name, town_id)
        current = self.town_id()
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setEnabled(combo.count() > 1)
        dialog.add_row(self.tr("Town"), combo)
        return combo

    def _village_field(
        self, dialog: FormDialog, towns: QComboBox, optional: bool = False, preselect: int | None = None
    ) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(False)
        dialog.add_row(self.tr("Village"), combo)
        sessions = self._sessions

        def load() -> None:
            town = towns.currentData()
            combo.clear()
            if town is None:
                return

            def read() -> list[tuple[int, str]]:
                with sessions() as s:
                    return vd.village_choices(s, int(town))

            def fill_in(villages: list[tuple[int, str]]) -> None:
                if towns.currentData() != town:
                    return
                combo.clear()
                if optional:
                    combo.addItem(self.tr("(whole town)"), None)
                for vid, name in villages:
                    combo.addItem(name, vid)
                if preselect is not None and combo.findData(preselect) >= 0:
                    combo.setCurrentIndex(combo.findData(preselect))

            self._runner.submit(read, fill_in)

        towns.currentIndexChanged.connect(lambda _i: load())
        load()
        return combo

    def _after_save(self, key: str) -> Callable[[Any], None]:
        def done(_result: Any) -> None:
            self.changed.emit()
            self._load(key)

        return done

    def new_schedule(self) -> FormDialog:
        dialog = self._dialog(self.tr("New village day schedule"), self._after_save("days"))
        towns = self._town_field(dialog)
        villages = self._village_field(dialog, towns)
        kind = QComboBox()
        for k in VillageDayKind:
            kind.addItem(day_kind_label(k), str(k))
        dialog.add_row(self.tr("Kind"), kind)
        recurrence = QComboBox()
        recurrence.addItem(self.tr("Monthly on a day"), str(Recurrence.MONTHLY))
        recurrence.addItem(self.tr("Weekly on a weekday"), str(Recurrence.WEEKLY))
        dialog.add_row(self.tr("Repeats"), recurrence)
        day_of_month = QSpinBox()
        day_of_month.setRange(1, 31)
        day_of_month.setValue(15)
        day_of_month.setToolTip(self.tr("A day past the month's end means its last day."))
        dialog.add_row(self.tr("Day of month"), day_of_month)
        weekday = QComboBox()
        for d in range(7):
            weekday.addItem(weekday_label(d), d)
        dialog.add_row(self.tr("Weekday"), weekday)

        def sync() -> None:
            monthly = recurrence.currentData() == Recurrence.MONTHLY
            day_of_month.setEnabled(monthly)
            weekday.setEnabled(not monthly)

        recurrence.currentIndexChanged.connect(lambda _i: sync())
        sync()
        starts = dialog.add_row(self.tr("From"), _date_edit(self._today()))
        place = QLineEdit()
        place.setPlaceholderText(self.tr("e.g. the village's mass work room"))
        dialog.add_row(self.tr("Place"), place)
        sessions, actor = self._sessions, self._actor

        def build() -> vd.ScheduleForm:
            if villages.currentData() is None:
                raise vd.VillageWorkError("请选择村（社区）。")
            monthly = recurrence.currentData() == Recurrence.MONTHLY
            return vd.ScheduleForm(
                town_id=int(towns.currentData()),
                village_id=int(villages.currentData()),
                kind=VillageDayKind(kind.currentData()),
                rule=vd.Rule(
                    Recurrence(recurrence.currentData()),
                    starts_on=_pydate(starts.date()),  # type: ignore[attr-defined]
                    day_of_month=day_of_month.value() if monthly else None,
                    weekday=None if monthly else int(weekday.currentData()),
                ),
                place=place.text(),
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_schedule(sessions, actor, form)
        dialog.open()
        return dialog

    def new_reception(self) -> FormDialog:
        dialog = self._dialog(self.tr("New leader's reception"), self._after_save("days"))
        # With a village day selected, the reception is held at it (领导下基层接访): prefilled.
        selected = self.selected_entry()
        day = selected if selected is not None and selected.what == "day" else None
        towns = self._town_field(dialog)
        if day is not None and towns.findData(day.town_id) >= 0:
            towns.setCurrentIndex(towns.findData(day.town_id))
        villages = self._village_field(
            dialog, towns, optional=True, preselect=day.village_id if day is not None else None
        )
        at_day = QCheckBox(
            fill(self.tr("At the village day of %1 in %2"), day.day.isoformat(), day.village) if day else ""
        )
        at_day.setChecked(day is not None)
        at_day.setVisible(day is not None)
        if day is not None:
            dialog.add_row("", at_day)
        kind = QComboBox()
        for k in ReceptionKind:
            kind.addItem(reception_kind_label(k), str(k))
        dialog.add_row(self.tr("Kind"), kind)
        leader = QLineEdit()
        leader.setPlaceholderText(self.tr("e.g. town party secretary Liu"))
        dialog.add_row(self.tr("Leader"), leader)
        when = QDateTimeEdit(QDateTime(_qdate(day.day if day is not None else self._today()), QTime(9, 0)))
        when.setCalendarPopup(True)
        when.setDisplayFormat("yyyy-MM-dd HH:mm")
        dialog.add_row(self.tr("Date and time"), when)
        place = QLineEdit()
        dialog.add_row(self.tr("Place"), place)
        visitors = QLineEdit()
        visitors.setPlaceholderText(self.tr("Names, separated by 、"))
        dialog.add_row(self.tr("Visitors"), visitors)
        topic = QLineEdit()
        dialog.add_row(self.tr("Topic"), topic)
        sessions, actor = self._sessions, self._actor

        def build() -> vd.ReceptionForm:
            moment = when.dateTime()
            d, t = moment.date(), moment.time()
            starts = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ)
            return vd.ReceptionForm(
                town_id=int(towns.currentData()),
                kind=ReceptionKind(kind.currentData()),
                leader_name=leader.text(),
                starts_at=starts,
                topic=topic.text(),
                place=place.text(),
                visitors=visitors.text(),
                village_id=villages.currentData(),
                village_day_id=day.id if day is not None and at_day.isChecked() else None,
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_reception(sessions, actor, form)
        dialog.open()
        return dialog

    def record_selected(self) -> FormDialog | None:
        e = self.selected_entry()
        if e is None:
            return None
        sessions, actor = self._sessions, self._actor
        if e.what == "day":
            dialog = self._dialog(self.tr("Record the village day"), self._after_save("days"))
            dialog.add_row(
                self.tr("Day"), plain_label(f"{e.day.isoformat()} {e.village} {day_kind_label(e.kind)}")
            )
            status = QComboBox()
            for s in VillageDayStatus:
                status.addItem(day_status_label(s), str(s))
            status.setCurrentIndex(
                status.findData(VillageDayStatus.HELD if e.status == "planned" else e.status)
            )
            dialog.add_row(self.tr("Status"), status)
            attendance = _count_spin()
            if e.attendance is not None:
                attendance.setValue(e.attendance)
            dialog.add_row(self.tr("Attendance"), attendance)
            notes = QPlainTextEdit(e.title)
            notes.setPlaceholderText(self.tr("What was publicised, deliberated and decided"))
            dialog.add_row(self.tr("Notes"), notes)
            day_id = e.id

            def build_day() -> vd.DayRecord:
                return vd.DayRecord(
                    day_id,
                    VillageDayStatus(status.currentData()),
                    _optional_count(attendance),
                    notes.toPlainText(),
                )

            dialog.build = build_day
            dialog.work = lambda form: vd.record_day(sessions, actor, form)
        else:
            dialog = self._dialog(self.tr("Record the reception"), self._after_save("days"))
            dialog.add_row(self.tr("Reception"), plain_label(f"{e.day.isoformat()} {e.time} {e.title}"))
            rstatus = QComboBox()
            for rs in ReceptionStatus:
                rstatus.addItem(day_status_label(rs), str(rs))
            rstatus.setCurrentIndex(rstatus.findData(ReceptionStatus.DONE))
            dialog.add_row(self.tr("Status"), rstatus)
            outcome = QPlainTextEdit()
            outcome.setPlaceholderText(self.tr("The answer given and what was agreed"))
            dialog.add_row(self.tr("Outcome"), outcome)
            reception_id = e.id

            def build_rec() -> tuple[ReceptionStatus, str]:
                return ReceptionStatus(rstatus.currentData()), outcome.toPlainText()

            dialog.build = build_rec
            dialog.work = lambda form: vd.record_reception(sessions, actor, reception_id, form[0], form[1])
        dialog.open()
        return dialog

    def raise_issue(self) -> FormDialog | None:
        e = self.selected_entry()
        if e is None:
            return None
        dialog = self._dialog(self.tr("Issue raised"), self._after_save("days"))
        dialog.add_row(
            self.tr("Raised at"), plain_label(f"{e.day.isoformat()} {e.village or e.town} {e.title}"[:80])
        )
        content = QPlainTextEdit()
        content.setPlaceholderText(self.tr("What the resident raised"))
        dialog.add_row(self.tr("Issue"), content)
        raised_by = QLineEdit()
        dialog.add_row(self.tr("Raised by"), raised_by)
        phone = QLineEdit()
        dialog.add_row(self.tr("Phone"), phone)
        village: QComboBox | None = None
        if e.what == "reception" and not e.village:
            towns = QComboBox()
            towns.addItem(e.town, e.town_id)
            village = self._village_field(dialog, towns)
        as_case = QComboBox()
        as_case.addItem(self.tr("Record as a sentiment log"), False)
        as_case.addItem(self.tr("File as a case"), True)
        dialog.add_row(self.tr("Becomes"), as_case)
        kind = QComboBox()
        for k in CATEGORIES:
            kind.addItem(kind_label(k), str(k))
        dialog.add_row(self.tr("Case kind"), kind)
        category = QComboBox()
        dialog.add_row(self.tr("Category"), category)

        def categories() -> None:
            category.clear()
            for c in CATEGORIES[Kind(kind.currentData())]:
                category.addItem(category_label(c), c)

        def sync() -> None:
            case = bool(as_case.currentData())
            kind.setEnabled(case)
            category.setEnabled(case)

        kind.currentIndexChanged.connect(lambda _i: categories())
        as_case.currentIndexChanged.connect(lambda _i: sync())
        categories()
        sync()
        sessions, service, actor = self._sessions, self._service, self._actor
        what, entry_id = e.what, e.id

        def build() -> vd.IssueForm:
            return vd.IssueForm(
                content=content.toPlainText(),
                raised_by=raised_by.text(),
                raised_phone=phone.text(),
                village_day_id=entry_id if what == "day" else None,
                reception_id=entry_id if what == "reception" else None,
                village_id=village.currentData() if village is not None else None,
                as_case=bool(as_case.currentData()),
                kind=Kind(kind.currentData()),
                category=str(category.currentData() or ""),
            )

        dialog.build = build
        dialog.work = lambda form: vd.raise_issue(sessions, service, actor, form)
        dialog.open()
        return dialog

    def new_assessment(self) -> FormDialog:
        dialog = self._dialog(self.tr("New stability risk assessment"), self._after_save("risks"))
        towns = self._town_field(dialog)
        project = QLineEdit()
        dialog.add_row(self.tr("Project"), project)
        kind = QComboBox()
        for k in ProjectKind:
            kind.addItem(project_kind_label(k), str(k))
        dialog.add_row(self.tr("Project kind"), kind)
        owner = QLineEdit()
        dialog.add_row(self.tr("Owner unit"), owner)
        started = dialog.add_row(self.tr("Started"), _date_edit(self._today()))
        sessions, actor = self._sessions, self._actor

        def build() -> vd.AssessmentForm:
            return vd.AssessmentForm(
                int(towns.currentData()),
                project.text(),
                ProjectKind(kind.currentData()),
                owner.text(),
                _pydate(started.date()),  # type: ignore[attr-defined]
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_assessment(sessions, actor, form)
        dialog.open()
        return dialog

    def add_step(self) -> FormDialog | None:
        a = self.selected_assessment()
        if a is None:
            return None
        dialog = self._dialog(self.tr("Assessment step"), self._after_save("risks"))
        dialog.add_row(self.tr("Project"), plain_label(a.project))
        kind = QComboBox()
        for k in RiskStepKind:
            kind.addItem(step_label(k), str(k))
        missing = next((k for k in vd.REQUIRED_STEPS if k not in a.steps_done), None)
        if missing is not None:
            kind.setCurrentIndex(kind.findData(str(missing)))
        dialog.add_row(self.tr("Step"), kind)
        held = dialog.add_row(self.tr("Date"), _date_edit(self._today()))
        result = QPlainTextEdit()
        result.setPlaceholderText(self.tr("What was published, heard or advised, and the conclusion"))
        dialog.add_row(self.tr("Result"), result)
        participants, votes_for, votes_against, suggestions = (_count_spin() for _ in range(4))
        dialog.add_row(self.tr("Participants"), participants)
        dialog.add_row(self.tr("For"), votes_for)
        dialog.add_row(self.tr("Against"), votes_against)
        dialog.add_row(self.tr("Suggestions"), suggestions)
        sessions, actor, aid = self._sessions, self._actor, a.id

        def build() -> vd.StepForm:
            return vd.StepForm(
                aid,
                RiskStepKind(kind.currentData()),
                _pydate(held.date()),  # type: ignore[attr-defined]
                result.toPlainText(),
                _optional_count(participants),
                _optional_count(votes_for),
                _optional_count(votes_against),
                _optional_count(suggestions),
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_step(sessions, actor, form)
        dialog.open()
        return dialog

    def decide(self) -> FormDialog | None:
        a = self.selected_assessment()
        if a is None:
            return None
        dialog = self._dialog(self.tr("Decision on the project"), self._after_save("risks"))
        dialog.add_row(self.tr("Project"), plain_label(a.project))
        level = QComboBox()
        for lv in RiskLevel:
            level.addItem(risk_label(lv), str(lv))
        dialog.add_row(self.tr("Risk level"), level)
        decision = QComboBox()
        for d in RiskDecision:
            decision.addItem(decision_label(d), str(d))
        dialog.add_row(self.tr("Decision"), decision)
        measures = QPlainTextEdit()
        measures.setPlaceholderText(self.tr("Measures to defuse the risk (required with measures)"))
        dialog.add_row(self.tr("Measures"), measures)
        who = QLineEdit()
        dialog.add_row(self.tr("Decided by"), who)
        on = dialog.add_row(self.tr("Decided on"), _date_edit(self._today()))
        sessions, actor, aid = self._sessions, self._actor, a.id

        def build() -> vd.DecisionForm:
            return vd.DecisionForm(
                aid,
                RiskLevel(level.currentData()),
                RiskDecision(decision.currentData()),
                who.text(),
                _pydate(on.date()),  # type: ignore[attr-defined]
                measures.toPlainText(),
            )

        dialog.build = build
        dialog.work = lambda form: vd.decide(sessions, actor, form)
        dialog.open()
        return dialog

    def new_errand(self) -> FormDialog:
        dialog = self._dialog(self.tr("New errand"), self._after_save("errands"))
        towns = self._town_field(dialog)
        villages = self._village_field(dialog, towns, optional=True)
        applicant = QLineEdit()
        dialog.add_row(self.tr("Applicant"), applicant)
        phone = QLineEdit()
        dialog.add_row(self.tr("Phone"), phone)
        matter = QComboBox()
        for m in vd.ERRAND_MATTERS:
            matter.addItem(category_label(m), m)
        dialog.add_row(self.tr("Matter"), matter)
        documents = QLineEdit()
        documents.setPlaceholderText(self.tr("Documents received, separated by 、"))
        dialog.add_row(self.tr("Documents"), documents)
        office = QLineEdit()
        dialog.add_row(self.tr("Handling office"), office)
        handler = QLineEdit()
        dialog.add_row(self.tr("Handler"), handler)
        accepted = dialog.add_row(self.tr("Accepted"), _date_edit(self._today()))
        promised = dialog.add_row(self.tr("Promised by"), _date_edit(self._today() + dt.timedelta(days=7)))
        detail = QPlainTextEdit()
        dialog.add_row(self.tr("Details"), detail)

        def defaults() -> None:
            m = str(matter.currentData())
            office.setText(vd.DEFAULT_OFFICE.get(m, ""))
            documents.setText("、".join(vd.TYPICAL_DOCUMENTS.get(m, ())))

        matter.currentIndexChanged.connect(lambda _i: defaults())
        defaults()
        sessions, actor = self._sessions, self._actor

        def build() -> vd.ErrandForm:
            return vd.ErrandForm(
                town_id=int(towns.currentData()),
                applicant=applicant.text(),
                matter=str(matter.currentData()),
                office=office.text(),
                handler=handler.text(),
                accepted_on=_pydate(accepted.date()),  # type: ignore[attr-defined]
                promised_on=_pydate(promised.date()),  # type: ignore[attr-defined]
                documents=vd.parse_documents(documents.text()),
                applicant_phone=phone.text(),
                detail=detail.toPlainText(),
                village_id=villages.currentData(),
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_errand(sessions, actor, form)
        dialog.open()
        return dialog

    def set_errand(self, status: ErrandStatus) -> FormDialog | None:
        r = self.selected_errand()
        if r is None:
            self.status.setText(self.tr("Select an errand first."))
            return None
        labels = {
            ErrandStatus.IN_PROGRESS: self.tr("Errand in progress"),
            ErrandStatus.DONE: self.tr("Errand done"),
            ErrandStatus.RETURNED: self.tr("Return the errand"),
        }
        dialog = self._dialog(labels.get(status, self.tr("Errand")), self._after_save("errands"))
        dialog.add_row(
            self.tr("Errand"), plain_label(f"{r.applicant} · {category_label(r.matter)} · {r.office}")
        )
        done = _date_edit(self._today())
        if status == ErrandStatus.DONE:
            dialog.add_row(self.tr("Done on"), done)
        sessions, actor, eid = self._sessions, self._actor, r.id

        def build() -> dt.date | None:
            return _pydate(done.date()) if status == ErrandStatus.DONE else None

        dialog.build = build
        dialog.work = lambda day: vd.set_errand_status(sessions, actor, eid, status, day)
        dialog.open()
        return dialog
