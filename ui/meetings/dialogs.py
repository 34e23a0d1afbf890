"""The meetings screen's dialogs: scheduling a meeting (with its conflicts checked before saving)
and recording its minutes (general text, text per agenda item, decisions as action items)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.meetings.reads import MeetingDetail
from desktop.meetings.service import NewActionItem
from desktop.meetings.slots import Conflict
from ui.meetings.labels import conflict_text
from ui.text import plain_label


class ScheduleDialog(QDialog):
    """Date/time, duration and room; the conflicts are shown before saving and saving with
    conflicts is refused (the dialog stays open with the list)."""

    def __init__(
        self,
        detail: MeetingDetail,
        rooms: list[tuple[int, str]],
        check: Callable[[dt.datetime, int, int | None], list[Conflict]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Schedule meeting"))
        self.setMinimumWidth(460)
        self._check = check
        self.found: list[Conflict] = []
        form = QFormLayout(self)
        form.addRow(plain_label(detail.title))
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        local = to_local(detail.starts_at)
        self.when.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        form.addRow(self.tr("Starts"), self.when)
        self.duration = QSpinBox()
        self.duration.setRange(15, 480)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setValue(detail.duration_min)
        form.addRow(self.tr("Duration"), self.duration)
        self.room = QComboBox()
        self.room.addItem(self.tr("(no room)"), None)
        for room_id, name in rooms:
            self.room.addItem(name, room_id)
        if detail.room_id is not None:
            self.room.setCurrentIndex(max(0, self.room.findData(detail.room_id)))
        form.addRow(self.tr("Room"), self.room)
        check_button = QPushButton(self.tr("Check conflicts"))
        check_button.clicked.connect(self.check_conflicts)
        form.addRow(check_button)
        self.status = plain_label()
        self.status.setWordWrap(True)
        form.addRow(self.status)
        self.conflicts = QListWidget()
        self.conflicts.setMinimumHeight(90)
        form.addRow(self.conflicts)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def starts_at(self) -> dt.datetime:
        q = self.when.dateTime()
        d, t = q.date(), q.time()
        return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ).astimezone(
            dt.UTC
        )

    def room_id(self) -> int | None:
        value = self.room.currentData()
        return int(value) if value is not None else None

    def check_conflicts(self) -> list[Conflict]:
        self.found = self._check(self.starts_at(), self.duration.value(), self.room_id())
        self.conflicts.clear()
        for c in self.found:
            self.conflicts.addItem(conflict_text(c))
        if self.found:
            self.status.setText(self.tr("Conflicts: this time cannot be saved."))
            self.status.setStyleSheet("color: #b71c1c")
        else:
            self.status.setText(self.tr("No conflicts."))
            self.status.setStyleSheet("color: #2e7d32")
        return self.found

    def accept(self) -> None:
        if self.check_conflicts():
            return  # refused: the list says why
        super().accept()


class MinutesDialog(QDialog):
    """The minutes: general text, text per agenda item, and decisions as action items."""

    def __init__(self, detail: MeetingDetail, departments: list[tuple[int, str]], parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record minutes"))
        self.setMinimumWidth(640)
        self._departments = departments
        self._agenda = detail.agenda
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Minutes")))
        self.text = QPlainTextEdit(detail.minutes)
        self.text.setMaximumHeight(80)
        layout.addWidget(self.text)
        self.item_texts: dict[int, QPlainTextEdit] = {}
        grid = QGridLayout()
        for row, a in enumerate(detail.agenda):
            label = plain_label(f"{a['position']}. {a['number']} {a['title']}".strip())
            label.setWordWrap(True)
            edit = QPlainTextEdit(a["minutes"])
            edit.setMaximumHeight(60)
            grid.addWidget(label, row, 0)
            grid.addWidget(edit, row, 1)
            self.item_texts[a["id"]] = edit
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("Action items")))
        self.action_items = QTableWidget(0, 4)
        self.action_items.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Department"), self.tr("Due"), self.tr("Agenda item")]
        )
        self.action_items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.action_items.setMinimumHeight(120)
        layout.addWidget(self.action_items)
        add = QPushButton(self.tr("Add action item"))
        add.clicked.connect(lambda: self.add_action())
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def add_action(
        self,
        what: str = "",
        department_id: int | None = None,
        due: dt.date | None = None,
        agenda_row: int = 0,
    ) -> None:
        row = self.action_items.rowCount()
        self.action_items.insertRow(row)
        self.action_items.setCellWidget(row, 0, QLineEdit(what))
        deps = QComboBox()
        for dep_id, name in self._departments:
            deps.addItem(name, dep_id)
        if department_id is None and 0 < agenda_row <= len(self._agenda):
            # The agenda case's routed department, unless the caller said otherwise.
            department_id = self._agenda[agenda_row - 1].get("department_id")
        if department_id is not None:
            deps.setCurrentIndex(max(0, deps.findData(department_id)))
        self.action_items.setCellWidget(row, 1, deps)
        due_edit = QDateEdit()
        due_edit.setCalendarPopup(True)
        due_edit.setDisplayFormat("yyyy-MM-dd")
        d = due or (to_local(utcnow()).date() + dt.timedelta(days=7))
        due_edit.setDate(QDate(d.year, d.month, d.day))
        self.action_items.setCellWidget(row, 2, due_edit)
        agenda = QComboBox()
        agenda.addItem(self.tr("(whole meeting)"), None)
        for a in self._agenda:
            agenda.addItem(f"{a['position']}. {a['number']}", a["id"])
        agenda.setCurrentIndex(min(agenda_row, agenda.count() - 1))
        agenda.currentIndexChanged.connect(lambda i, combo=deps: self._department_from_agenda(combo, i))
        self.action_items.setCellWidget(row, 3, agenda)
        self.action_items.resizeColumnsToContents()
        self.action_items.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _department_from_agenda(self, deps: QComboBox, agenda_index: int) -> None:
        """An agenda item picked for an action item: its case's routed department is the default."""
        if 0 < agenda_index <= len(self._agenda):
            department_id = self._agenda[agenda_index - 1].get("department_id")
            if department_id is not None and deps.findData(department_id) >= 0:
                deps.setCurrentIndex(deps.findData(department_id))

    def item_minutes(self) -> dict[int, str]:
        return {item_id: edit.toPlainText() for item_id, edit in self.item_texts.items()}

    def new_actions(self) -> list[NewActionItem]:
        out: list[NewActionItem] = []
        for row in range(self.action_items.rowCount()):
            what = self.action_items.cellWidget(row, 0)
            deps = self.action_items.cellWidget(row, 1)
            due = self.action_items.cellWidget(row, 2)
            agenda = self.action_items.cellWidget(row, 3)
            assert isinstance(what, QLineEdit) and isinstance(deps, QComboBox)
            assert isinstance(due, QDateEdit) and isinstance(agenda, QComboBox)
            text = what.displayText().strip()  # a normal line edit: the text as typed
            if not text:
                continue
            d = due.date()
            # Due at the end of that local working day.
            due_at = dt.datetime(d.year(), d.month(), d.day(), 17, 30, tzinfo=CHINA_TZ).astimezone(dt.UTC)
            out.append(
                NewActionItem(
                    what=text,
                    due_at=due_at,
                    department_id=deps.currentData(),
                    agenda_item_id=agenda.currentData(),
                    decision=text,
                )
            )
        return out
