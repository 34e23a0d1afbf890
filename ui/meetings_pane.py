"""The coordination-meeting scheduler: a day / week / month calendar of meetings, the selected
meeting's detail, and the actions its state allows (schedule, hold, cancel, postpone, minutes,
approval, action items, supervision, invitation responses, iCalendar export and busy-time import,
notice and minutes as PDF)."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, QSize, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    ActionItem,
    AgendaItem,
    BusyTime,
    Department,
    Meeting,
    MeetingMinutes,
    MeetingParticipant,
    Room,
)
from db.vocab import Role
from desktop.case_defaults import routed_departments
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.ladder import Actor
from desktop.meeting_docs import DocLabels, minutes_html, notice_html
from desktop.meetings import (
    ActionStatus,
    ConveneResult,
    Invitation,
    MeetingConflicts,
    MeetingService,
    MeetingStatus,
    NewActionItem,
    approve_refusal,
    complete_refusal,
    export_ics,
    meetings_between,
    organise_refusal,
)
from desktop.sla import WorkCalendar
from desktop.slots import Conflict, Resource, department, person, room
from ui.action_items_pane import ActionItemsPane
from ui.errors import explain
from ui.meeting_print import write_pdf
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

DAY, WEEK, MONTH = "day", "week", "month"
# Below this width (docked beside the map) the pane is compact: calendar above the detail, the
# week's empty weekend hidden, short headers, secondary actions in a menu.
NARROW = 900
FIRST_HOUR, LAST_HOUR = 8, 18
ROWS = (LAST_HOUR - FIRST_HOUR) * 2  # half-hours
STATUS_COLOURS = {
    "draft": "#757575",
    "scheduled": "#1565c0",
    "held": "#2e7d32",
    "minutes_approved": "#00695c",
    "cancelled": "#b71c1c",
    "postponed": "#ef6c00",
}
NON_WORKING = QColor("#eeeeee")
BUSY = QColor("#ffe0b2")
MEETING_ROLE = Qt.ItemDataRole.UserRole + 1


def meeting_status_label(status: str) -> str:
    translate = QCoreApplication.translate
    return {
        "draft": translate("Meetings", "Draft"),
        "scheduled": translate("Meetings", "Scheduled"),
        "held": translate("Meetings", "Held"),
        "minutes_approved": translate("Meetings", "Minutes approved"),
        "cancelled": translate("Meetings", "Cancelled"),
        "postponed": translate("Meetings", "Postponed"),
    }.get(status, status)


def invitation_label(state: str) -> str:
    translate = QCoreApplication.translate
    return {
        "invited": translate("Meetings", "Invited"),
        "confirmed": translate("Meetings", "Confirmed"),
        "declined": translate("Meetings", "Declined"),
        "deputy": translate("Meetings", "Sends a deputy"),
    }.get(state, state)


def action_status_label(status: str) -> str:
    translate = QCoreApplication.translate
    return {
        "draft": translate("Meetings", "Draft"),
        "awaiting_department": translate("Meetings", "Awaiting department"),
        "done": translate("Meetings", "Done"),
        "cancelled": translate("Meetings", "Cancelled"),
    }.get(status, status)


def _fmt(value: dt.datetime | None) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=CHINA_TZ)


# --- data read in the background ---------------------------------------------------------------


@dataclass
class CalendarData:
    start: dt.date
    days: int
    meetings: list[dict[str, Any]]
    busy: list[tuple[dt.datetime, dt.datetime, str]]
    workdays: dict[dt.date, bool]


@dataclass
class MeetingDetail:
    id: int
    title: str
    status: str
    status_reason: str
    starts_at: dt.datetime
    duration_min: int
    room_id: int | None
    room: str
    video_link: str
    convener: str
    convener_user_id: int | None
    participants: list[dict[str, Any]] = field(default_factory=list)
    agenda: list[dict[str, Any]] = field(default_factory=list)
    minutes: str = ""
    minutes_approved: bool = False
    actions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ends_at(self) -> dt.datetime:
        return self.starts_at + dt.timedelta(minutes=self.duration_min)

    def resources(self) -> list[Resource]:
        out: list[Resource] = []
        for p in self.participants:
            if p["state"] == "declined":
                continue
            if p["department_id"] is not None:
                out.append(department(p["department_id"]))
            if p["user_id"] is not None:
                out.append(person(p["user_id"]))
        if self.convener_user_id is not None:
            out.append(person(self.convener_user_id))
        return out


def load_calendar(
    sessions: sessionmaker[Session], start: dt.date, days: int, calendar: WorkCalendar
) -> CalendarData:
    lo, hi = _local_midnight(start), _local_midnight(start + dt.timedelta(days=days))
    with sessions() as s:
        meetings = meetings_between(s, lo, hi, include_cancelled=True)
        busy = [
            (b.starts_at, b.ends_at, b.summary)
            for b in s.scalars(select(BusyTime).where(BusyTime.starts_at < hi, BusyTime.ends_at > lo))
        ]
    workdays = {
        start + dt.timedelta(days=i): calendar.is_workday(start + dt.timedelta(days=i)) for i in range(days)
    }
    return CalendarData(start, days, meetings, busy, workdays)


def load_meeting(sessions: sessionmaker[Session], meeting_id: int) -> MeetingDetail | None:
    with sessions() as s:
        m = s.get(Meeting, meeting_id)
        if m is None:
            return None
        room_row = s.get(Room, m.room_id) if m.room_id is not None else None
        deps = {d.id: d.name for d in s.scalars(select(Department))}
        detail = MeetingDetail(
            id=m.id,
            title=m.title,
            status=m.status,
            status_reason=m.status_reason,
            starts_at=m.starts_at,
            duration_min=m.duration_min,
            room_id=m.room_id,
            room=room_row.name if room_row else "",
            video_link=m.video_link,
            convener=m.convener_name,
            convener_user_id=m.convener_user_id,
        )
        for p in s.scalars(
            select(MeetingParticipant)
            .where(MeetingParticipant.meeting_id == m.id)
            .order_by(MeetingParticipant.id)
        ):
            detail.participants.append(
                {
                    "id": p.id,
                    "name": p.name,
                    "department_id": p.department_id,
                    "user_id": p.user_id,
                    "state": p.state,
                    "reason": p.reason,
                    "deputy": p.deputy_name,
                }
            )
        for a in s.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == m.id)
            .order_by(AgendaItem.position, AgendaItem.id)
        ):
            detail.agenda.append(
                {
                    "id": a.id,
                    "position": a.position,
                    "case_id": a.case_id,
                    "number": (a.case_summary or {}).get("number") or "",
                    "title": a.title,
                    "summary": (a.case_summary or {}).get("description") or "",
                    "minutes": a.minutes,
                }
            )
        routed = routed_departments(s, [a["case_id"] for a in detail.agenda])  # action items default to it
        for a in detail.agenda:
            a["department_id"] = routed.get(a["case_id"])
        minutes = s.scalars(select(MeetingMinutes).where(MeetingMinutes.meeting_id == m.id)).first()
        if minutes is not None:
            detail.minutes = minutes.text
            detail.minutes_approved = minutes.approved_at is not None
        for i in s.scalars(select(ActionItem).where(ActionItem.meeting_id == m.id).order_by(ActionItem.id)):
            detail.actions.append(
                {
                    "id": i.id,
                    "what": i.what,
                    "department": deps.get(i.department_id, i.owner_name)
                    if i.department_id
                    else i.owner_name,
                    "department_id": i.department_id,
                    "owner_user_id": i.owner_user_id,
                    "case_id": i.case_id,
                    "agenda_item_id": i.agenda_item_id,
                    "due_at": i.due_at,
                    "status": i.status,
                    "evidence": i.evidence,
                    "supervision_order_id": i.supervision_order_id,
                }
            )
        return detail


class _NotMovable(Exception):
    """A held, approved or cancelled meeting was dragged: it keeps its time."""


# --- dialogs -------------------------------------------------------------------------------------


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
            self.conflicts.addItem(c.message)
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
            if not what.text().strip():
                continue
            d = due.date()
            # Due at the end of that local working day.
            due_at = dt.datetime(d.year(), d.month(), d.day(), 17, 30, tzinfo=CHINA_TZ).astimezone(dt.UTC)
            out.append(
                NewActionItem(
                    what=what.text().strip(),
                    due_at=due_at,
                    department_id=deps.currentData(),
                    agenda_item_id=agenda.currentData(),
                    decision=what.text().strip(),
                )
            )
        return out


# --- the pane ------------------------------------------------------------------------------------


class MeetingsPane(QWidget):
    meetingsChanged = Signal()
    # A case was selected in the pane (an agenda item or an action item): the window shows it.
    caseSelected = Signal(int)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MeetingsPane")
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._clock = clock
        self._work_calendar = WorkCalendar()
        self.service = MeetingService(sessions, self._work_calendar, clock=clock)
        self.mode = WEEK
        self.anchor: dt.date = to_local(clock()).date()
        self.data: CalendarData | None = None
        self.detail: MeetingDetail | None = None
        self.meeting_id: int | None = None
        self.last_convene: ConveneResult | None = None
        self.last_dialog: QDialog | None = None
        self.last_conflicts: list[Conflict] = []
        self._loading = False
        self._pending = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next"))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        bar.addWidget(self.prev_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        self.range_label = QLabel()
        bar.addWidget(self.range_label, 1)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QPushButton] = {}
        for mode, text in ((DAY, self.tr("Day")), (WEEK, self.tr("Week")), (MONTH, self.tr("Month"))):
            b = QPushButton(text)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, m=mode: self.set_mode(m))
            self.mode_group.addButton(b)
            self.mode_buttons[mode] = b
            bar.addWidget(b)
        self.mode_buttons[WEEK].setChecked(True)
        self.export_button = QPushButton(self.tr("Export .ics…"))
        self.export_button.clicked.connect(self.export_calendar)
        bar.addWidget(self.export_button)
        self.import_busy_button = QPushButton(self.tr("Import busy times…"))
        self.import_busy_button.setToolTip(
            self.tr("Import a department's busy times from an .ics file (used by the slot search)")
        )
        self.import_busy_button.clicked.connect(self.import_busy_times)
        bar.addWidget(self.import_busy_button)
        # Narrow (docked beside the map): the calendar files move into this menu.
        self.more_button = QToolButton()
        self.more_button.setText("⋯")
        self.more_button.setToolTip(self.tr("Calendar files"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.addAction(self.tr("Export .ics…"), self.export_calendar)
        more.addAction(self.tr("Import busy times…"), self.import_busy_times)
        self.more_button.setMenu(more)
        bar.addWidget(self.more_button)
        self.full_button = QToolButton()
        # The style's maximise icon: the "⛶" glyph is missing from common CJK fonts and drew as a
        # crossed box that read as "close".
        self.full_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.full_button.setCheckable(True)
        self.full_button.setToolTip(self.tr("Full screen scheduler (undock and maximise; again to dock)"))
        self.full_button.toggled.connect(self.set_full_screen)
        bar.addWidget(self.full_button)
        outer.addLayout(bar)
        self._bar = bar
        self._narrow: bool | None = None
        self.notice = plain_label()  # names and titles in conflicts and errors
        self.notice.setWordWrap(True)
        self.notice.hide()
        outer.addWidget(self.notice)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.grid = QTableWidget()
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setWordWrap(True)
        self.grid.cellClicked.connect(self._cell_clicked)
        self.grid.viewport().installEventFilter(self)
        self._drag_from: tuple[int, int, int] | None = None  # meeting id, row, column
        splitter.addWidget(self.grid)

        side = QWidget()
        sl = QVBoxLayout(side)
        sl.setContentsMargins(4, 0, 0, 0)
        self.title_label = plain_label(self.tr("No meeting selected"))
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        sl.addWidget(self.title_label)
        self.info_label = plain_label()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sl.addWidget(self.info_label)
        self.participants = QTreeWidget()
        self.participants.setHeaderLabels([self.tr("Participant"), self.tr("Invitation")])
        self.participants.setRootIsDecorated(False)
        self.participants.currentItemChanged.connect(lambda *_a: self._update_buttons())
        sl.addWidget(QLabel(self.tr("Participants")))
        sl.addWidget(self.participants, 1)
        responses = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.decline_button = QPushButton(self.tr("Decline…"))
        self.deputy_button = QPushButton(self.tr("Send a deputy…"))
        self.confirm_button.clicked.connect(lambda: self.respond(Invitation.CONFIRMED))
        self.decline_button.clicked.connect(lambda: self.respond(Invitation.DECLINED))
        self.deputy_button.clicked.connect(lambda: self.respond(Invitation.DEPUTY))
        for b in (self.confirm_button, self.decline_button, self.deputy_button):
            responses.addWidget(b)
        sl.addLayout(responses)
        self.agenda = QTreeWidget()
        self.agenda.setHeaderLabels([self.tr("Case"), self.tr("Agenda item")])
        self.agenda.setRootIsDecorated(False)
        self.agenda.setWordWrap(True)
        self.agenda.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        sl.addWidget(QLabel(self.tr("Agenda")))
        sl.addWidget(self.agenda, 1)
        self.minutes_label = plain_label()
        self.minutes_label.setWordWrap(True)
        sl.addWidget(self.minutes_label)
        self.action_items = QTreeWidget()
        self.action_items.setHeaderLabels([self.tr("What"), self.tr("Due"), self.tr("Status")])
        self.action_items.setRootIsDecorated(False)
        header = self.action_items.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.action_items.currentItemChanged.connect(lambda *_a: self._update_buttons())
        sl.addWidget(QLabel(self.tr("Action items")))
        sl.addWidget(self.action_items, 1)
        self.action_detail = plain_label()
        self.action_detail.setWordWrap(True)
        sl.addWidget(self.action_detail)

        buttons = QGridLayout()
        self.schedule_button = QPushButton(self.tr("Schedule…"))
        self.hold_button = QPushButton(self.tr("Hold"))
        self.cancel_button = QPushButton(self.tr("Cancel meeting…"))
        self.postpone_button = QPushButton(self.tr("Postpone…"))
        self.minutes_button = QPushButton(self.tr("Record minutes…"))
        self.approve_button = QPushButton(self.tr("Approve minutes"))
        self.done_button = QPushButton(self.tr("Action item done…"))
        self.supervise_button = QPushButton(self.tr("Supervision order"))
        self.notice_pdf_button = QPushButton(self.tr("Export notice (PDF)…"))
        self.minutes_pdf_button = QPushButton(self.tr("Export minutes (PDF)…"))
        self.notice_pdf_button.clicked.connect(self.export_notice_pdf)
        self.minutes_pdf_button.clicked.connect(self.export_minutes_pdf)
        self.schedule_button.clicked.connect(self.schedule_meeting)
        self.hold_button.clicked.connect(self.hold)
        self.cancel_button.clicked.connect(self.cancel_meeting)
        self.postpone_button.clicked.connect(self.postpone)
        self.minutes_button.clicked.connect(self.record_minutes)
        self.approve_button.clicked.connect(self.approve_minutes)
        self.done_button.clicked.connect(self.complete_action_item)
        self.supervise_button.clicked.connect(self.to_supervision)
        for i, b in enumerate(
            (
                self.schedule_button,
                self.hold_button,
                self.cancel_button,
                self.postpone_button,
                self.minutes_button,
                self.approve_button,
                self.done_button,
                self.supervise_button,
                self.notice_pdf_button,
                self.minutes_pdf_button,
            )
        ):
            buttons.addWidget(b, i // 2, i % 2)
        sl.addLayout(buttons)
        self.agenda.currentItemChanged.connect(self._agenda_selected)
        self.action_items.currentItemChanged.connect(self._action_selected)
        # The detail scrolls rather than squeezing the calendar when the pane is short.
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setWidget(side)
        self.tasks = ActionItemsPane(sessions, actor, runner, self.service, clock=clock)
        self.tasks.caseSelected.connect(self.caseSelected)
        self.tasks.itemsChanged.connect(self._tasks_changed)
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(detail_scroll, self.tr("Meeting"))
        self.side_tabs.addTab(self.tasks, self.tr("Tasks"))
        self.side_tabs.currentChanged.connect(self._tab_changed)
        if actor.role == Role.DEPARTMENT_STAFF:
            self.side_tabs.setCurrentWidget(self.tasks)  # a department works from its task list
        splitter.addWidget(self.side_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 440])
        splitter.setChildrenCollapsible(False)
        self.grid.setMinimumHeight(260)
        self.splitter = splitter
        outer.addWidget(splitter, 1)
        self._show_detail(None)
        self.refresh()
        if self.side_tabs.currentWidget() is self.tasks:
            self.tasks.refresh()

    # --- navigation ----------------------------------------------------------------------------

    def visible_range(self) -> tuple[dt.date, int]:
        if self.mode == DAY:
            return self.anchor, 1
        if self.mode == WEEK:
            return self.anchor - dt.timedelta(days=self.anchor.weekday()), 7
        first = self.anchor.replace(day=1)
        return first - dt.timedelta(days=first.weekday()), 42

    def set_mode(self, mode: str) -> None:
        self.mode = mode
        self.mode_buttons[mode].setChecked(True)
        self.refresh()

    def step(self, direction: int) -> None:
        if self.mode == DAY:
            self.anchor += dt.timedelta(days=direction)
        elif self.mode == WEEK:
            self.anchor += dt.timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = dt.date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = to_local(self._clock()).date()
        self.refresh()

    def go_to(self, day: dt.date) -> None:
        self.anchor = day
        self.refresh()

    # --- reading -------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        # Docked beside the map the pane is tall and narrow: the calendar goes above the detail.
        # Detached or full screen it is wide: side by side.
        super().resizeEvent(event)
        self._apply_width(event.size().width(), event.size().height())

    @property
    def narrow(self) -> bool:
        return bool(self._narrow)

    def _apply_width(self, width: int, height: int) -> None:
        narrow = width < NARROW
        orientation = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            total = height if narrow else width
            share = 0.58 if narrow else 0.64
            self.splitter.setSizes([int(total * share), int(total * (1 - share))])
        if narrow == self._narrow:
            return
        self._narrow = narrow
        # Compact header: the calendar files go into the "⋯" menu, the mode buttons shrink.
        self.export_button.setVisible(not narrow)
        self.import_busy_button.setVisible(not narrow)
        self.more_button.setVisible(narrow)
        for button in (*self.mode_buttons.values(), self.today_button):
            # As wide as the label needs (日 / 周 / 月 are one character), so that the range
            # beside them keeps room to show both of its dates.
            fit = button.fontMetrics().horizontalAdvance(button.text()) + 16
            button.setMinimumWidth(30 if narrow else 0)
            button.setMaximumWidth(min(max(30, fit), 52) if narrow else 16777215)
        self._bar.setSpacing(2 if narrow else -1)
        # The range may be cut short rather than widen the pane beyond the dock.
        self.range_label.setSizePolicy(
            QSizePolicy.Policy.Ignored if narrow else QSizePolicy.Policy.Preferred,
            QSizePolicy.Policy.Preferred,
        )
        self.range_label.setMinimumWidth(40 if narrow else 0)
        self._show_range()
        if self.data is not None and self.data.days != 42:
            self._paint_days(self.data)

    def set_full_screen(self, on: bool) -> None:
        """A leader works in the scheduler full screen: undock it and maximise it (again: dock).
        Outside a dock the pane's own window is maximised and restored."""
        dock = self._dock()
        if dock is not None:
            if on:
                dock.setFloating(True)
                screen = dock.screen() or QApplication.primaryScreen()
                if screen is not None:
                    dock.setGeometry(screen.availableGeometry())
            else:
                dock.setFloating(False)
        else:
            window = self.window()
            if on:
                window.showMaximized()
            else:
                window.showNormal()
        if self.full_button.isChecked() != on:
            self.full_button.blockSignals(True)
            self.full_button.setChecked(on)
            self.full_button.blockSignals(False)

    def _dock(self) -> QDockWidget | None:
        w = self.parentWidget()
        while w is not None and not isinstance(w, QDockWidget):
            w = w.parentWidget()
        return w

    def refresh(self) -> None:
        """Re-read the visible range and the selected meeting (call on live changes of meetings)."""
        if self._loading:
            self._pending = True
            return
        self._loading = True
        start, days = self.visible_range()
        sessions, cal = self._sessions, self._work_calendar
        self._runner.submit(
            lambda: load_calendar(sessions, start, days, cal), self._show_calendar, self._load_failed
        )
        if self.meeting_id is not None:
            self.select_meeting(self.meeting_id)
        if self.tasks.loaded:
            self.tasks.refresh()

    def _load_failed(self, exc: Exception) -> None:
        self._loading = False
        self._show_notice(explain(exc), error=True)

    def _show_calendar(self, data: CalendarData) -> None:
        self._loading = False
        if self._pending:
            self._pending = False
            self.refresh()
            return
        self.data = data
        if data.days == 42:
            self._paint_month(data)
        else:
            self._paint_days(data)
        self._show_range()

    def _show_range(self) -> None:
        data = self.data
        if data is None:
            return
        last = data.start + dt.timedelta(days=data.days - 1)
        # In full where a narrow dock cuts the label short.
        self.range_label.setToolTip(
            f"{data.start:%Y-%m-%d}" if data.days == 1 else f"{data.start:%Y-%m-%d} – {last:%Y-%m-%d}"
        )
        if self.mode == MONTH:
            self.range_label.setText(f"{self.anchor:%Y-%m}")
        elif data.days == 1:
            self.range_label.setText(f"{data.start:%m-%d}" if self.narrow else f"{data.start:%Y-%m-%d}")
        elif self.narrow:
            self.range_label.setText(f"{data.start:%m-%d}–{last:%m-%d}")
        else:
            self.range_label.setText(f"{data.start:%Y-%m-%d} – {last:%Y-%m-%d}")

    def _day_header(self, day: dt.date) -> str:
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        return f"{names[day.weekday()]} {day:%m-%d}"

    def _meeting_item(self, m: dict[str, Any], text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setData(MEETING_ROLE, m["id"])
        colour = QColor(STATUS_COLOURS.get(m["status"], "#757575"))
        item.setBackground(QBrush(colour))
        item.setForeground(QBrush(QColor("#ffffff")))
        font = self.grid.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setStrikeOut(m["status"] == MeetingStatus.CANCELLED)
        item.setFont(font)
        start = to_local(dt.datetime.fromisoformat(m["starts_at"]))
        end = to_local(dt.datetime.fromisoformat(m["ends_at"]))
        item.setToolTip(
            literal(
                f"{m['title']}\n{start:%Y-%m-%d %H:%M}–{end:%H:%M}\n"
                f"{m['room'] or m['video_link'] or ''}\n{meeting_status_label(m['status'])}"
            )
        )
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return item

    def _paint_days(self, data: CalendarData) -> None:
        g = self.grid
        g.clear()
        g.clearSpans()
        g.setRowCount(ROWS)
        g.setColumnCount(data.days)
        g.verticalHeader().show()
        days = [data.start + dt.timedelta(days=i) for i in range(data.days)]
        narrow = self.narrow
        if narrow:  # two short lines per day, hours only on the full hour
            g.setHorizontalHeaderLabels([self._day_header(d).replace(" ", "\n") for d in days])
            g.setVerticalHeaderLabels([f"{FIRST_HOUR + r // 2}" if r % 2 == 0 else "" for r in range(ROWS)])
        else:
            g.setHorizontalHeaderLabels([self._day_header(d) for d in days])
            g.setVerticalHeaderLabels([f"{FIRST_HOUR + r // 2:02d}:{30 * (r % 2):02d}" for r in range(ROWS)])
        g.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        g.verticalHeader().setMinimumSectionSize(g.fontMetrics().height() + 6)
        g.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col, day in enumerate(days):
            shade = not data.workdays.get(day, True)
            for row in range(ROWS):
                item = QTableWidgetItem()
                if shade:
                    item.setBackground(QBrush(NON_WORKING))
                    item.setToolTip(self.tr("Non-working day"))
                g.setItem(row, col, item)
        day0 = _local_midnight(data.start)

        def cells(start: dt.datetime, end: dt.datetime) -> list[tuple[int, int]]:
            out = []
            for col in range(data.days):
                for row in range(ROWS):
                    c0 = day0 + dt.timedelta(days=col, hours=FIRST_HOUR, minutes=30 * row)
                    if c0 < end and c0 + dt.timedelta(minutes=30) > start:
                        out.append((row, col))
            return out

        for b_start, b_end, label in data.busy:
            for row, col in cells(b_start, b_end):
                busy_cell = g.item(row, col)
                if busy_cell is None:
                    continue
                busy_cell.setBackground(QBrush(BUSY))
                busy_cell.setToolTip(literal(fill(self.tr("Busy: %1"), label or "—")))
        taken: set[tuple[int, int]] = set()
        for m in data.meetings:
            start = dt.datetime.fromisoformat(m["starts_at"])
            end = dt.datetime.fromisoformat(m["ends_at"])
            span = cells(start, end)
            if not span:
                continue
            place = m["room"] or m["video_link"] or ""
            text = f"{m['title']}\n{place}".strip()
            row, col = span[0]
            rows = [r for r, c in span if c == col]
            if any(cell in taken for cell in span):
                # Overlapping meetings share the first cell.
                existing = g.item(row, col)
                if existing is not None and existing.data(MEETING_ROLE) is not None:
                    existing.setText(existing.text() + "\n" + m["title"])
                    continue
            g.setItem(row, col, self._meeting_item(m, text))
            if len(rows) > 1:
                g.setSpan(row, col, len(rows), 1)
            taken.update(span)
        # Narrow week: a weekend day without meetings gives its width to the working days.
        used = {c for _r, c in taken}
        for col, day in enumerate(days):
            hide = narrow and data.days == 7 and not data.workdays.get(day, True) and col not in used
            g.setColumnHidden(col, hide)

    def _paint_month(self, data: CalendarData) -> None:
        g = self.grid
        g.clear()
        g.clearSpans()
        g.setRowCount(6)
        g.setColumnCount(7)
        g.setHorizontalHeaderLabels(
            [self._day_header(data.start + dt.timedelta(days=i)).split()[0] for i in range(7)]
        )
        g.verticalHeader().hide()
        for col in range(7):
            g.setColumnHidden(col, False)
        g.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        g.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        by_day: dict[dt.date, list[dict[str, Any]]] = {}
        for m in data.meetings:
            by_day.setdefault(to_local(dt.datetime.fromisoformat(m["starts_at"])).date(), []).append(m)
        for i in range(42):
            day = data.start + dt.timedelta(days=i)
            ms = by_day.get(day, [])
            lines = [f"{day.day}"] + [
                f"{to_local(dt.datetime.fromisoformat(m['starts_at'])):%H:%M} {m['title']}" for m in ms
            ]
            item = QTableWidgetItem("\n".join(lines))
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if ms:
                item.setData(MEETING_ROLE, ms[0]["id"])
                item.setForeground(QBrush(QColor(STATUS_COLOURS.get(ms[0]["status"], "#000000"))))
                item.setToolTip(literal("\n".join(m["title"] for m in ms)))
            if not data.workdays.get(day, True):
                item.setBackground(QBrush(NON_WORKING))
            if day.month != self.anchor.month:
                item.setForeground(QBrush(QColor("#9e9e9e")))
            g.setItem(i // 7, i % 7, item)

    def meeting_cells(self) -> dict[int, tuple[int, int]]:
        """Where each shown meeting sits in the grid (meeting id → row, column)."""
        out: dict[int, tuple[int, int]] = {}
        for r in range(self.grid.rowCount()):
            for c in range(self.grid.columnCount()):
                item = self.grid.item(r, c)
                if item is not None and item.data(MEETING_ROLE) is not None:
                    out.setdefault(int(item.data(MEETING_ROLE)), (r, c))
        return out

    # --- drag to reschedule (day and week views) ----------------------------------------------

    def cell_start(self, row: int, col: int) -> dt.datetime | None:
        """The instant a day/week grid cell starts (None in the month view)."""
        if self.data is None or self.data.days == 42:
            return None
        day = self.data.start + dt.timedelta(days=col)
        local = dt.datetime.combine(day, dt.time(FIRST_HOUR), tzinfo=CHINA_TZ)
        return (local + dt.timedelta(minutes=30 * row)).astimezone(dt.UTC)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.grid.viewport() and isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                index = self.grid.indexAt(event.position().toPoint())
                item = self.grid.item(index.row(), index.column()) if index.isValid() else None
                meeting = item.data(MEETING_ROLE) if item is not None else None
                self._drag_from = (int(meeting), index.row(), index.column()) if meeting is not None else None
            elif event.type() == QEvent.Type.MouseButtonRelease and self._drag_from is not None:
                meeting_id, row, col = self._drag_from
                self._drag_from = None
                index = self.grid.indexAt(event.position().toPoint())
                if index.isValid() and (index.row(), index.column()) != (row, col):
                    start = self.cell_start(index.row(), index.column())
                    if start is not None:
                        self.move_meeting(meeting_id, start)
                        return True
        return super().eventFilter(watched, event)

    def move_meeting(self, meeting_id: int, start: dt.datetime) -> None:
        """Reschedule to ``start`` (a drag in the calendar): the conflicts are checked first and,
        if there are any, shown and nothing is saved."""
        sessions, service, actor = self._sessions, self.service, self._actor

        def work() -> list[Conflict]:
            detail = load_meeting(sessions, meeting_id)
            if detail is None:
                return []
            if detail.status not in ("draft", "scheduled", "postponed"):
                raise _NotMovable(detail.status)
            resources = detail.resources()
            if detail.room_id is not None:
                resources.append(room(detail.room_id))
            conflicts = service.conflicts_for(
                start, detail.duration_min, resources, ignore_meeting_id=meeting_id
            )
            if conflicts:
                return conflicts
            service.schedule(meeting_id, actor, starts_at=start)
            return []

        def done(conflicts: list[Conflict]) -> None:
            if conflicts:
                text = self.tr("Not moved, conflicts:") + "\n" + "\n".join(c.message for c in conflicts)
                self._show_notice(text, error=True)
                self.last_conflicts = conflicts
                return
            self.last_conflicts = []
            self._show_notice("")
            self.meetingsChanged.emit()
            self.refresh()

        def failed(exc: Exception) -> None:
            if isinstance(exc, _NotMovable):
                self._show_notice(
                    self.tr("Only a draft, scheduled or postponed meeting can be moved."), error=True
                )
                return
            self._save_failed(exc)

        self.meeting_id = meeting_id
        self._runner.submit(work, done, failed)

    def _cell_clicked(self, row: int, col: int) -> None:
        item = self.grid.item(row, col)
        if item is not None and item.data(MEETING_ROLE) is not None:
            self.select_meeting(int(item.data(MEETING_ROLE)))

    def select_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        sessions = self._sessions

        def shown(detail: MeetingDetail | None) -> None:
            if detail is None or detail.id == self.meeting_id:
                self._show_detail(detail)

        self._runner.submit(lambda: load_meeting(sessions, meeting_id), shown, self._load_failed)

    def _show_detail(self, detail: MeetingDetail | None) -> None:
        self.detail = detail
        self.participants.clear()
        self.agenda.clear()
        self.action_items.clear()
        if detail is None:
            self.meeting_id = None
            self.title_label.setText(self.tr("No meeting selected"))
            self.info_label.setText(self.tr("Click a meeting in the calendar."))
            self.minutes_label.clear()
            self._update_buttons()
            return
        self.title_label.setText(detail.title)
        place = detail.room or detail.video_link or self.tr("(no room)")
        lines = [
            fill(
                self.tr("Time: %1 – %2"), _fmt(detail.starts_at), to_local(detail.ends_at).strftime("%H:%M")
            ),
            fill(self.tr("Place: %1"), place),
            fill(self.tr("Status: %1"), meeting_status_label(detail.status)),
            fill(self.tr("Convener: %1"), detail.convener or "—"),
        ]
        if detail.status_reason:
            lines.append(fill(self.tr("Reason: %1"), detail.status_reason))
        self.info_label.setText("\n".join(lines))
        for p in detail.participants:
            state = invitation_label(p["state"])
            if p["state"] == "declined" and p["reason"]:
                state += f" ({p['reason']})"
            if p["state"] == "deputy" and p["deputy"]:
                state += f" ({p['deputy']})"
            part = QTreeWidgetItem(self.participants, [p["name"], state])
            part.setData(0, Qt.ItemDataRole.UserRole, p["id"])
        for a in detail.agenda:
            it = QTreeWidgetItem(self.agenda, [a["number"], a["title"]])
            it.setToolTip(1, literal(a["title"]))
            it.setData(0, Qt.ItemDataRole.UserRole, a["case_id"])
            if a["minutes"]:
                child = QTreeWidgetItem(it, [fill(self.tr("Minutes: %1"), a["minutes"])])
                child.setFirstColumnSpanned(True)
                child.setToolTip(0, literal(a["minutes"]))
        self.agenda.expandAll()
        self.participants.resizeColumnToContents(0)
        self.minutes_label.setText(fill(self.tr("Minutes: %1"), detail.minutes) if detail.minutes else "")
        now = self._clock()
        for a in detail.actions:
            status = action_status_label(a["status"])
            overdue = a["status"] == ActionStatus.AWAITING_DEPARTMENT and a["due_at"] < now
            if overdue:
                status = fill(self.tr("%1, overdue"), status)
            if a["supervision_order_id"] is not None:
                status = fill(self.tr("%1, supervised"), status)
            it = QTreeWidgetItem(
                self.action_items, [a["what"], to_local(a["due_at"]).strftime("%Y-%m-%d"), status]
            )
            it.setData(0, Qt.ItemDataRole.UserRole, a["id"])
            it.setToolTip(0, literal(a["what"]))
            owner = QTreeWidgetItem(it, [fill(self.tr("Department: %1"), a["department"] or "—")])
            owner.setFirstColumnSpanned(True)
            owner.setData(0, Qt.ItemDataRole.UserRole, a["id"])
            if overdue:
                it.setForeground(2, QBrush(QColor("#b71c1c")))
        self.action_items.expandAll()
        self._update_buttons()

    def selected_participant(self) -> dict[str, Any] | None:
        item = self.participants.currentItem()
        if item is None or self.detail is None:
            return None
        part_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((p for p in self.detail.participants if p["id"] == part_id), None)

    def selected_action(self) -> dict[str, Any] | None:
        item = self.action_items.currentItem()
        if item is None or self.detail is None:
            return None
        item_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in self.detail.actions if a["id"] == item_id), None)

    def _update_buttons(self) -> None:
        status = self.detail.status if self.detail else None
        self.schedule_button.setEnabled(status in ("draft", "scheduled", "postponed"))
        self.schedule_button.setText(
            self.tr("Reschedule…") if status == "scheduled" else self.tr("Schedule…")
        )
        self.hold_button.setEnabled(status == "scheduled")
        self.cancel_button.setEnabled(status in ("draft", "scheduled", "postponed"))
        self.postpone_button.setEnabled(status in ("draft", "scheduled"))
        self.minutes_button.setEnabled(status == "held")
        self.approve_button.setEnabled(status == "held" and bool(self.detail and self.detail.minutes))
        self.notice_pdf_button.setEnabled(self.detail is not None)
        self.minutes_pdf_button.setEnabled(status in ("held", "minutes_approved"))
        can_respond = self.selected_participant() is not None and status in (
            "draft",
            "scheduled",
            "postponed",
        )
        for b in (self.confirm_button, self.decline_button, self.deputy_button):
            b.setEnabled(can_respond)
        action = self.selected_action()
        self.action_detail.setText(
            fill(
                self.tr("%1 — %2; evidence: %3"),
                action["what"],
                action["department"] or "—",
                action["evidence"] or "—",
            )
            if action is not None
            else ""
        )
        open_item = action is not None and action["status"] == ActionStatus.AWAITING_DEPARTMENT
        self.done_button.setEnabled(open_item)
        self.supervise_button.setEnabled(
            open_item
            and action is not None
            and action["due_at"] < self._clock()
            and action["supervision_order_id"] is None
            and action["case_id"] is not None
        )
        self._apply_roles(action)

    def _apply_roles(self, action: dict[str, Any] | None) -> None:
        """Disable what the user's role may not do, the button saying why (the core refuses too)."""
        actor = self._actor
        refusals: dict[QPushButton, str | None] = {}
        organise = organise_refusal(actor)
        for b in (
            self.schedule_button,
            self.hold_button,
            self.cancel_button,
            self.postpone_button,
            self.minutes_button,
        ):
            refusals[b] = organise
        refusals[self.approve_button] = approve_refusal(
            actor, self.detail.convener_user_id if self.detail else None
        )
        refusals[self.done_button] = (
            complete_refusal(
                actor,
                department_id=action.get("department_id"),
                owner_user_id=action.get("owner_user_id"),
                convener_user_id=self.detail.convener_user_id if self.detail else None,
            )
            if action is not None
            else None
        )
        for button, refusal in refusals.items():
            if refusal is not None:
                button.setEnabled(False)
            button.setToolTip(literal(refusal or ""))
        self.import_busy_button.setEnabled(organise is None)
        self.import_busy_button.setToolTip(
            literal(
                organise
                or self.tr("Import a department's busy times from an .ics file (used by the slot search)")
            )
        )

    def _agenda_selected(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        case_id = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if case_id is not None:
            self.caseSelected.emit(int(case_id))

    def _action_selected(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        action = self.selected_action()
        if action is not None and action["case_id"] is not None:
            self.caseSelected.emit(int(action["case_id"]))

    def _tab_changed(self, _index: int) -> None:
        if self.side_tabs.currentWidget() is self.tasks and not self.tasks.loaded:
            self.tasks.refresh()

    def _tasks_changed(self) -> None:
        self.meetingsChanged.emit()
        if self.meeting_id is not None:
            self.select_meeting(self.meeting_id)

    def _show_notice(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet("color: #b71c1c" if error else "color: #1b5e20")
        self.notice.setVisible(bool(text))

    # --- saving --------------------------------------------------------------------------------

    def _save(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        def ok(result: Any) -> None:
            self._show_notice("")
            if done is not None:
                done(result)
            self.meetingsChanged.emit()
            self.refresh()

        self._runner.submit(fn, ok, self._save_failed)

    def _save_failed(self, exc: Exception) -> None:
        if isinstance(exc, MeetingConflicts):
            text = self.tr("Not saved, conflicts:") + "\n" + "\n".join(c.message for c in exc.conflicts)
        else:
            text = explain(exc)
        self._show_notice(text, error=True)
        QMessageBox.warning(self, self.tr("Meetings"), literal(text))
        self.refresh()

    def _rooms(self) -> list[tuple[int, str]]:
        with self._sessions() as s:
            return [(r.id, r.name) for r in s.scalars(select(Room).where(Room.active).order_by(Room.id))]

    def _departments(self) -> list[tuple[int, str]]:
        with self._sessions() as s:
            return [(d.id, d.name) for d in s.scalars(select(Department).order_by(Department.id))]

    def check_conflicts(self, start: dt.datetime, duration_min: int, room_id: int | None) -> list[Conflict]:
        """Conflicts of moving the selected meeting to this time (a small read, on demand)."""
        assert self.detail is not None
        resources = self.detail.resources()
        if room_id is not None:
            resources.append(room(room_id))
        return self.service.conflicts_for(start, duration_min, resources, ignore_meeting_id=self.detail.id)

    def schedule_meeting(self) -> None:
        detail = self.detail
        if detail is None:
            return
        dialog = ScheduleDialog(detail, self._rooms(), self.check_conflicts, self)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start, duration, room_id, actor = (
            dialog.starts_at(),
            dialog.duration.value(),
            dialog.room_id(),
            self._actor,
        )
        self._save(
            lambda: self.service.schedule(
                detail.id, actor, starts_at=start, duration_min=duration, room_id=room_id
            )
        )

    def hold(self) -> None:
        if self.detail is None:
            return
        meeting_id, actor = self.detail.id, self._actor
        self._save(lambda: self.service.hold(meeting_id, actor))

    def _reason(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("Reason (recorded in the audit trail):"))
        return text.strip() if ok and text.strip() else None

    def cancel_meeting(self) -> None:
        if self.detail is None:
            return
        reason = self._reason(self.tr("Cancel meeting"))
        if reason is None:
            return
        meeting_id, actor = self.detail.id, self._actor
        self._save(lambda: self.service.cancel(meeting_id, actor, reason))

    def postpone(self) -> None:
        if self.detail is None:
            return
        reason = self._reason(self.tr("Postpone meeting"))
        if reason is None:
            return
        meeting_id, actor = self.detail.id, self._actor
        self._save(lambda: self.service.postpone(meeting_id, actor, reason))

    def record_minutes(self) -> None:
        detail = self.detail
        if detail is None:
            return
        dialog = MinutesDialog(detail, self._departments(), self)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        text, per_item, actions, actor = (
            dialog.text.toPlainText(),
            dialog.item_minutes(),
            dialog.new_actions(),
            self._actor,
        )
        self._save(
            lambda: self.service.record_minutes(
                detail.id, actor, text, item_minutes=per_item, action_items=actions
            )
        )

    def approve_minutes(self) -> None:
        if self.detail is None:
            return
        meeting_id, actor = self.detail.id, self._actor
        self._save(lambda: self.service.approve_minutes(meeting_id, actor))

    def complete_action_item(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        evidence, ok = QInputDialog.getMultiLineText(
            self, self.tr("Action item done"), self.tr("Evidence of completion:")
        )
        if not ok or not evidence.strip():
            return
        item_id, actor = action["id"], self._actor
        self._save(lambda: self.service.complete_action_item(item_id, actor, evidence))

    def to_supervision(self) -> None:
        action = self.selected_action()
        if action is None:
            return
        item_id, actor = action["id"], self._actor

        def done(order: Any) -> None:
            self._show_notice(fill(self.tr("Supervision order %1 issued."), order.id))

        self._save(lambda: self.service.to_supervision(item_id, actor), done)

    def export_calendar(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export calendar"), "meetings.ics", self.tr("iCalendar (*.ics)")
        )
        if not path:
            return
        start, days = self.visible_range()
        sessions = self._sessions

        def work() -> int:
            with sessions() as s:
                rows = meetings_between(
                    s, _local_midnight(start), _local_midnight(start + dt.timedelta(days=days))
                )
            # Whole or not at all: a calendar program watching the file never reads half of it.
            target = Path(path)
            partial = target.with_name(target.name + ".part")
            partial.write_bytes(export_ics(rows))
            os.replace(partial, target)
            return len(rows)

        self._runner.submit(
            work,
            lambda n: self._show_notice(fill(self.tr("Exported %1 meetings."), n)),
            self._save_failed,
        )

    def import_busy_times(self) -> None:
        """A department's busy times from an .ics file (they replace the ones imported before for
        that department); they shade the calendar and the slot search avoids them."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import busy times"), "", self.tr("iCalendar (*.ics)")
        )
        if not path:
            return
        departments = self._departments()
        if not departments:
            return
        names = [name for _id, name in departments]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Import busy times"),
            self.tr("Department whose busy times these are (replaces its earlier import):"),
            names,
            0,
            False,
        )
        if not ok or name not in names:
            return
        department_id = departments[names.index(name)][0]
        service = self.service

        def done(count: int) -> None:
            self._show_notice(fill(self.tr("Imported %1 busy times for %2."), count, name))

        self._save(
            lambda: service.import_busy_ics(Path(path).read_bytes(), department_id=department_id), done
        )

    # --- invitation responses ------------------------------------------------------------------

    def respond(self, state: Invitation) -> None:
        """The selected participant confirms, declines (asks the reason) or sends a deputy (asks
        the name)."""
        part = self.selected_participant()
        if part is None:
            return
        reason = deputy = ""
        if state == Invitation.DECLINED:
            text, ok = QInputDialog.getText(
                self, self.tr("Decline invitation"), self.tr("Reason for declining:")
            )
            if not ok or not text.strip():
                return
            reason = text.strip()
        elif state == Invitation.DEPUTY:
            text, ok = QInputDialog.getText(
                self, self.tr("Send a deputy"), self.tr("Name of the deputy who attends:")
            )
            if not ok or not text.strip():
                return
            deputy = text.strip()
        part_id, actor, service = part["id"], self._actor, self.service
        self._save(lambda: service.respond(part_id, actor, state, reason, deputy))

    # --- notice and minutes as PDF ---------------------------------------------------------------

    def doc_labels(self) -> DocLabels:
        return DocLabels(
            notice=self.tr("Meeting notice"),
            minutes=self.tr("Meeting minutes"),
            time=self.tr("Time"),
            place=self.tr("Place"),
            convener=self.tr("Convener"),
            participants=self.tr("Participants"),
            agenda=self.tr("Agenda"),
            case=self.tr("Case"),
            item=self.tr("Agenda item"),
            summary=self.tr("Summary"),
            general=self.tr("General minutes"),
            decisions=self.tr("Decisions and action items"),
            what=self.tr("What"),
            owner=self.tr("Owner"),
            due=self.tr("Due"),
            status=self.tr("Status"),
            whole_meeting=self.tr("Whole meeting"),
        )

    @staticmethod
    def doc_data(detail: MeetingDetail) -> dict[str, Any]:
        """The meeting as the plain data ``desktop.meeting_docs`` builds the documents from."""
        return {
            "title": detail.title,
            "starts_at": detail.starts_at,
            "ends_at": detail.ends_at,
            "room": detail.room,
            "video_link": detail.video_link,
            "convener": detail.convener,
            "participants": [{**p, "state_label": invitation_label(p["state"])} for p in detail.participants],
            "agenda": detail.agenda,
            "minutes": detail.minutes,
            "actions": [{**a, "status_label": action_status_label(a["status"])} for a in detail.actions],
        }

    def notice_html(self) -> str:
        assert self.detail is not None
        return notice_html(self.doc_data(self.detail), self.doc_labels())

    def minutes_html(self) -> str:
        assert self.detail is not None
        return minutes_html(self.doc_data(self.detail), self.doc_labels())

    def export_notice_pdf(self) -> None:
        if self.detail is not None:
            self._export_pdf(
                self.tr("Export notice (PDF)"), f"notice-{self.detail.id}.pdf", self.notice_html()
            )

    def export_minutes_pdf(self) -> None:
        if self.detail is not None:
            self._export_pdf(
                self.tr("Export minutes (PDF)"), f"minutes-{self.detail.id}.pdf", self.minutes_html()
            )

    def _export_pdf(self, caption: str, default_name: str, html: str) -> None:
        # Rendering stays on the GUI thread (QTextDocument lays text out with fonts); the meeting
        # was already read in the background, so this is a short, local job.
        path, _ = QFileDialog.getSaveFileName(self, caption, default_name, self.tr("PDF (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        title = self.detail.title if self.detail is not None else ""
        try:
            write_pdf(html, path, title=title)
            if not Path(path).is_file() or Path(path).stat().st_size == 0:
                raise OSError(fill(self.tr("Could not write %1."), path))
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self._show_notice(explain(exc), error=True)
            QMessageBox.warning(self, self.tr("Meetings"), literal(explain(exc)))
            return
        self._show_notice(fill(self.tr("Saved %1."), path))

    # --- convening ---------------------------------------------------------------------------

    def convene_from_cases(self, case_ids: list[int]) -> None:
        """A new draft meeting on these cases at the first free slot; selects it and says when."""
        ids, actor = list(case_ids), self._actor

        def done(result: ConveneResult) -> None:
            self.last_convene = result
            if result.slot is None:
                text = self.tr("Meeting convened; no free slot was found, please schedule it by hand.")
            else:
                when = _fmt(result.slot.start)
                text = fill(self.tr("Meeting convened; proposed slot: %1."), when)
                if not result.within_deadline:
                    text += " " + self.tr("This is after the cases' deadline.")
                self.anchor = to_local(result.slot.start).date()
            self._show_notice(text, error=result.slot is None or not result.within_deadline)
            self.meeting_id = result.meeting_id

        self._save(lambda: self.service.convene_from_cases(ids, actor), done)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(1100, 700)
