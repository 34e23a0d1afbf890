"""The coordination-meeting scheduler: a day / week / month calendar of meetings, the selected
meeting's detail, and the actions its state allows (schedule, hold, cancel, postpone, minutes,
approval, action items, supervision, invitation responses, iCalendar export and busy-time import,
notice and minutes as PDF).

The pane wires the parts: the calendar's bar and grid (``calendar_bar``, ``calendar_grid``), the
detail (``detail_view``), the actions that save (``actions``) and the documents (``documents``);
it reads the calendar and the selected meeting in the background (``desktop.meetings.reads``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.ladder import Actor
from desktop.cases.sla import WorkCalendar
from desktop.clock import to_local, utcnow
from desktop.errors import Refusal
from desktop.meetings.reads import CalendarData, MeetingDetail, load_calendar, load_meeting
from desktop.meetings.service import ConveneResult, Invitation, MeetingService
from desktop.meetings.slots import Conflict
from desktop.store import SessionFactory
from desktop.vocab import Role
from ui.errors import explain
from ui.meetings.action_items_pane import ActionItemsPane
from ui.meetings.actions import MeetingActions
from ui.meetings.calendar_bar import CalendarBar
from ui.meetings.calendar_grid import CalendarGrid
from ui.meetings.calendar_range import MONTH_DAYS, WEEK, CalendarRange
from ui.meetings.detail_view import MeetingDetailView
from ui.meetings.documents import MeetingDocuments
from ui.meetings.labels import NARROW
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import plain_label


class MeetingsPane(QWidget):
    meetingsChanged = Signal()
    # A case was selected in the pane (an agenda item or an action item): the window shows it.
    caseSelected = Signal(int)

    def __init__(
        self,
        sessions: SessionFactory,
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
        self.calendar_range = CalendarRange(to_local(clock()).date(), WEEK)
        self.data: CalendarData | None = None
        self.meeting_id: int | None = None
        self._loading = False
        self._pending = False
        self._narrow: bool | None = None
        self.operations = MeetingActions(self, self, sessions, actor, runner, self.service)
        self.operations.changed.connect(self.meetingsChanged)
        self.documents = MeetingDocuments(self, self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        self.bar = CalendarBar()
        self.bar.stepped.connect(self.step)
        self.bar.todayRequested.connect(self.go_today)
        self.bar.modeChosen.connect(self.set_mode)
        self.bar.exportRequested.connect(self.export_calendar)
        self.bar.importRequested.connect(self.import_busy_times)
        self.bar.fullScreenToggled.connect(self.set_full_screen)
        outer.addWidget(self.bar)
        self.notice = plain_label()  # names and titles in conflicts and errors
        self.notice.setWordWrap(True)
        self.notice.hide()
        outer.addWidget(self.notice)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.grid = CalendarGrid()
        self.grid.meetingClicked.connect(self.select_meeting)
        self.grid.meetingDropped.connect(self.move_meeting)
        splitter.addWidget(self.grid)

        self.detail_view = MeetingDetailView(actor, clock)
        self.detail_view.caseSelected.connect(self.caseSelected)
        self.detail_view.organiseRefusal.connect(self.bar.refuse_import)
        self._wire_detail_buttons()
        # The detail scrolls rather than squeezing the calendar when the pane is short.
        detail_scroll = QScrollArea()
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        detail_scroll.setWidget(self.detail_view)
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
        self._expose_parts()
        self._show_detail(None)
        self.refresh()
        if self.side_tabs.currentWidget() is self.tasks:
            self.tasks.refresh()

    def _wire_detail_buttons(self) -> None:
        view, actions, documents = self.detail_view, self.operations, self.documents
        view.schedule_button.clicked.connect(actions.schedule_meeting)
        view.hold_button.clicked.connect(actions.hold)
        view.cancel_button.clicked.connect(actions.cancel_meeting)
        view.postpone_button.clicked.connect(actions.postpone)
        view.minutes_button.clicked.connect(actions.record_minutes)
        view.approve_button.clicked.connect(actions.approve_minutes)
        view.done_button.clicked.connect(actions.complete_action_item)
        view.supervise_button.clicked.connect(actions.to_supervision)
        view.notice_pdf_button.clicked.connect(documents.export_notice_pdf)
        view.minutes_pdf_button.clicked.connect(documents.export_minutes_pdf)
        view.participants.responseChosen.connect(lambda state: actions.respond(Invitation(state)))

    def _expose_parts(self) -> None:
        """The parts' widgets under the names the window and the tests have always used."""
        bar, view = self.bar, self.detail_view
        self.range_label = bar.range_label
        self.mode_buttons = bar.mode_buttons
        self.today_button, self.prev_button, self.next_button = (
            bar.today_button,
            bar.prev_button,
            bar.next_button,
        )
        self.export_button, self.import_busy_button = bar.export_button, bar.import_busy_button
        self.more_button, self.full_button = bar.more_button, bar.full_button
        self.title_label, self.info_label = view.title_label, view.info_label
        self.participants, self.agenda = view.participants.tree, view.agenda.tree
        self.confirm_button, self.decline_button, self.deputy_button = view.participants.buttons()
        self.minutes_label = view.minutes_actions.minutes_label
        self.action_items, self.action_detail = view.minutes_actions.tree, view.minutes_actions.action_detail
        self.schedule_button, self.hold_button = view.schedule_button, view.hold_button
        self.cancel_button, self.postpone_button = view.cancel_button, view.postpone_button
        self.minutes_button, self.approve_button = view.minutes_button, view.approve_button
        self.done_button, self.supervise_button = view.done_button, view.supervise_button
        self.notice_pdf_button, self.minutes_pdf_button = view.notice_pdf_button, view.minutes_pdf_button

    # --- navigation ----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        return self.calendar_range.mode

    @property
    def anchor(self) -> dt.date:
        return self.calendar_range.anchor

    @anchor.setter
    def anchor(self, day: dt.date) -> None:
        self.calendar_range.anchor = day

    def visible_range(self) -> tuple[dt.date, int]:
        return self.calendar_range.visible()

    def set_mode(self, mode: str) -> None:
        self.calendar_range.mode = mode
        self.bar.check_mode(mode)
        self.refresh()

    def step(self, direction: int) -> None:
        self.calendar_range.step(direction)
        self.refresh()

    def go_today(self) -> None:
        self.anchor = to_local(self._clock()).date()
        self.refresh()

    def go_to(self, day: dt.date) -> None:
        self.anchor = day
        self.refresh()

    # --- width and full screen ---------------------------------------------------------------

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
        self.bar.set_narrow(narrow)
        self._show_range()
        if self.data is not None and self.data.days != MONTH_DAYS:
            self.grid.paint(self.data, self.anchor, narrow=narrow)

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
        self.bar.check_full_screen(on)

    def _dock(self) -> QDockWidget | None:
        w = self.parentWidget()
        while w is not None and not isinstance(w, QDockWidget):
            w = w.parentWidget()
        return w

    # --- reading -------------------------------------------------------------------------------

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
        self.show_notice(describe(exc) if isinstance(exc, Refusal) else explain(exc), error=True)

    def _show_calendar(self, data: CalendarData) -> None:
        self._loading = False
        if self._pending:
            self._pending = False
            self.refresh()
            return
        self.data = data
        self.grid.paint(data, self.anchor, narrow=self.narrow)
        self._show_range()

    def _show_range(self) -> None:
        if self.data is not None:
            self.bar.show_range(self.data.start, self.data.days, self.mode, self.anchor, narrow=self.narrow)

    def meeting_cells(self) -> dict[int, tuple[int, int]]:
        """Where each shown meeting sits in the grid (meeting id → row, column)."""
        return self.grid.meeting_cells()

    def _cell_clicked(self, row: int, col: int) -> None:
        meeting = self.grid.meeting_at(row, col)
        if meeting is not None:
            self.select_meeting(meeting)

    def select_meeting(self, meeting_id: int) -> None:
        self.meeting_id = meeting_id
        sessions = self._sessions

        def shown(detail: MeetingDetail | None) -> None:
            if detail is None or detail.id == self.meeting_id:
                self._show_detail(detail)

        self._runner.submit(lambda: load_meeting(sessions, meeting_id), shown, self._load_failed)

    def _show_detail(self, detail: MeetingDetail | None) -> None:
        if detail is None:
            self.meeting_id = None
        self.detail_view.show_detail(detail)

    @property
    def detail(self) -> MeetingDetail | None:
        return self.detail_view.detail

    def selected_participant(self) -> dict[str, Any] | None:
        return self.detail_view.selected_participant()

    def selected_action(self) -> dict[str, Any] | None:
        return self.detail_view.selected_action()

    def _tab_changed(self, _index: int) -> None:
        if self.side_tabs.currentWidget() is self.tasks and not self.tasks.loaded:
            self.tasks.refresh()

    def _tasks_changed(self) -> None:
        self.meetingsChanged.emit()
        if self.meeting_id is not None:
            self.select_meeting(self.meeting_id)

    def show_notice(self, text: str, *, error: bool = False) -> None:
        self.notice.setText(text)
        self.notice.setStyleSheet("color: #b71c1c" if error else "color: #1b5e20")
        self.notice.setVisible(bool(text))

    # --- what the actions and documents do, under the pane's names ----------------------------

    @property
    def last_convene(self) -> ConveneResult | None:
        return self.operations.last_convene

    @property
    def last_dialog(self) -> QDialog | None:
        return self.operations.last_dialog

    @property
    def last_conflicts(self) -> list[Conflict]:
        return self.operations.last_conflicts

    def schedule_meeting(self) -> None:
        self.operations.schedule_meeting()

    def hold(self) -> None:
        self.operations.hold()

    def cancel_meeting(self) -> None:
        self.operations.cancel_meeting()

    def postpone(self) -> None:
        self.operations.postpone()

    def record_minutes(self) -> None:
        self.operations.record_minutes()

    def approve_minutes(self) -> None:
        self.operations.approve_minutes()

    def complete_action_item(self) -> None:
        self.operations.complete_action_item()

    def to_supervision(self) -> None:
        self.operations.to_supervision()

    def respond(self, state: Invitation) -> None:
        self.operations.respond(state)

    def export_calendar(self) -> None:
        self.operations.export_calendar()

    def import_busy_times(self) -> None:
        self.operations.import_busy_times()

    def move_meeting(self, meeting_id: int, start: dt.datetime) -> None:
        self.operations.move_meeting(meeting_id, start)

    def convene_from_cases(self, case_ids: list[int]) -> None:
        self.operations.convene_from_cases(case_ids)

    def check_conflicts(self, start: dt.datetime, duration_min: int, room_id: int | None) -> list[Conflict]:
        return self.operations.check_conflicts(start, duration_min, room_id)

    def notice_html(self) -> str:
        return self.documents.notice_html()

    def minutes_html(self) -> str:
        return self.documents.minutes_html()

    def export_notice_pdf(self) -> None:
        self.documents.export_notice_pdf()

    def export_minutes_pdf(self) -> None:
        self.documents.export_minutes_pdf()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return QSize(1100, 700)
