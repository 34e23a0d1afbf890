"""The sentiment-log book (民情日志): filters, the list of logs, a log's detail with "turn into a
case", and the visit coverage table (走访覆盖率). Reads run in the background (ui.tasks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QModelIndex, QPoint, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import logbook
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService
from desktop.clock import CHINA_TZ, utcnow
from desktop.errors import Refusal
from desktop.logbook import CaseDraft, Converted, CoverageRow, LogbookError, LogFilter, LogRow
from desktop.store import SessionFactory
from desktop.vocab import CATEGORIES, Kind, Role, Severity
from ui.forms import FormDialog
from ui.labels import category_label, kind_label, severity_label
from ui.logbook_model import CoverageModel, LogBookModel
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import fill, plain_label

DEFAULT_DAYS = 30  # the book opens on the last 30 days


def _today() -> dt.date:
    return utcnow().astimezone(CHINA_TZ).date()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ConvertLogDialog(FormDialog):
    """The prefilled case a log becomes: kind, category, title, severity; the place is the log's.
    "File the case" files it in the background through ``file(draft, changes)``; a refusal stays
    in the dialog."""

    failed = Signal(object)  # the exception of a refused filing

    def __init__(
        self,
        draft: CaseDraft,
        file: Callable[[CaseDraft, dict[str, Any]], Converted],
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            QCoreApplication.translate("ConvertLogDialog", "Turn the sentiment log into a case"),
            runner,
            QCoreApplication.translate("ConvertLogDialog", "File the case"),
            parent,
        )
        self.file_button = self.accept_button
        self.draft = draft
        self._file = file
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind_label(str(kind)), str(kind))
        self.kind.setCurrentIndex(max(0, self.kind.findData(str(draft.kind))))
        self.category = QComboBox()
        self.kind.currentIndexChanged.connect(self._fill_categories)
        self._fill_categories()
        self.category.setCurrentIndex(max(0, self.category.findData(draft.category)))
        self.title_edit = QLineEdit(draft.title)
        self.title_edit.setMaxLength(200)
        self.severity = QComboBox()
        for severity in Severity:
            self.severity.addItem(severity_label(int(severity)), int(severity))
        self.severity.setCurrentIndex(max(0, self.severity.findData(int(draft.severity))))
        self.place = plain_label(draft.place)
        self.reporter = plain_label(draft.reporter_name)
        self.content = QPlainTextEdit(draft.description)
        self.content.setReadOnly(True)
        self.content.setMaximumHeight(110)
        form = self.form
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow(self.tr("Place"), self.place)
        form.addRow(self.tr("Reported by"), self.reporter)
        form.addRow(self.tr("Log"), self.content)
        self.resize(520, self.sizeHint().height())

    def _fill_categories(self) -> None:
        kind = Kind(self.kind.currentData())
        self.category.clear()
        for category in CATEGORIES[kind]:
            self.category.addItem(category_label(category), category)

    def submit(self) -> None:
        if not self.title_edit.text().strip():
            self.show_error(self.tr("The case needs a title."))
            return
        draft, changes, file = self.draft, self.changes(), self._file
        self.save_in_background(lambda: file(draft, changes))

    def refused(self, exc: Exception) -> None:
        super().refused(exc)
        self.failed.emit(exc)

    def changes(self) -> dict[str, Any]:
        """The user's choices, as NewCase fields."""
        return {
            "kind": Kind(self.kind.currentData()),
            "category": str(self.category.currentData()),
            "title": self.title_edit.text().strip(),
            "severity": Severity(int(self.severity.currentData())),
        }


class LogBookPane(QWidget):
    """Filters and list of sentiment logs, the selected log, and the coverage table."""

    caseRequested = Signal(int)  # open this case (the log's case, or one just filed)
    caseFiled = Signal(int)  # a log became this case
    logSelected = Signal(int)  # the current log changed
    locateRequested = Signal(float, float)  # show this point on the map
    markersFilterChanged = Signal(object)  # the LogFilter the map's log layer should show
    message = Signal(str)  # for the status bar

    SEARCH_DEBOUNCE_MS = 300

    def __init__(
        self,
        sessions: SessionFactory,
        service: CaseService,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        background: bool = True,
        today: Callable[[], dt.date] = _today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LogBookPane")
        self._sessions = sessions
        self._service = service
        self._actor = actor
        self._runner = runner
        self._today = today
        self._current: LogRow | None = None
        self._count_text = ""
        self._new_logs: set[int] = set()  # arrived since the list was read, in the filter
        self._select_after_load: int | None = None
        self.dialog: ConvertLogDialog | None = None
        start = today() - dt.timedelta(days=DEFAULT_DAYS - 1)
        # Town staff open on their own town (the database shows them nothing else anyway).
        towns = frozenset({actor.town_id}) if actor.role == Role.TOWN_STAFF and actor.town_id else frozenset()
        self.model = LogBookModel(
            sessions,
            actor,
            self,
            flt=LogFilter(town_ids=towns, date_from=start, date_to=today()),
            background=background,
        )
        self.coverage_model = CoverageModel(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.apply_filter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._build_logs_tab(start), self.tr("Logs"))
        self.tabs.addTab(self._build_coverage_tab(start), self.tr("Visit coverage"))
        self.model.loadFailed.connect(self._show_error)
        self.model.modelReset.connect(self._after_reset)
        self.model.loadingChanged.connect(self._loading)
        self._load_towns()
        self._update_detail()

    # --- construction ---

    def _build_logs_tab(self, start: dt.date) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 4, 0, 0)
        v.setSpacing(4)
        row1 = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("LogSearch")
        self.search.setPlaceholderText(self.tr("Search content, place or worker (pinyin initials too)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.has_case = QComboBox()
        self.has_case.addItem(self.tr("All logs"), None)
        self.has_case.addItem(self.tr("Turned into cases"), True)
        self.has_case.addItem(self.tr("Not turned into cases"), False)
        self.has_case.currentIndexChanged.connect(self.apply_filter)
        row1.addWidget(self.search, 1)
        row1.addWidget(self.has_case)
        v.addLayout(row1)
        row2 = QHBoxLayout()
        self.town = QComboBox()
        self.town.currentIndexChanged.connect(self._town_changed)
        self.village = QComboBox()
        self.village.currentIndexChanged.connect(self._village_changed)
        self.worker = QComboBox()
        self.worker.currentIndexChanged.connect(self.apply_filter)
        for combo in (self.town, self.village, self.worker):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(4)
            row2.addWidget(combo, 1)
        v.addLayout(row2)
        row3 = QHBoxLayout()
        self.date_from = self._date_edit(start)
        self.date_to = self._date_edit(self._today())
        row3.addWidget(QLabel(self.tr("From")))
        row3.addWidget(self.date_from)
        row3.addWidget(QLabel(self.tr("to")))
        row3.addWidget(self.date_to)
        row3.addStretch(1)
        # Logs that arrived from the field since the list was read: shown on request, so that
        # the rows do not move under the reader's eyes.
        self.new_logs_button = QPushButton()
        self.new_logs_button.setObjectName("NewLogs")
        self.new_logs_button.setStyleSheet("color: #1565c0")
        self.new_logs_button.setFlat(True)
        self.new_logs_button.clicked.connect(self.apply_filter)
        self.new_logs_button.hide()
        row3.addWidget(self.new_logs_button)
        self.count_label = plain_label()
        self.count_label.setObjectName("LogCount")
        row3.addWidget(self.count_label)
        v.addLayout(row3)

        split = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setObjectName("LogTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LogBookModel.COL_CONTENT, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (LogBookModel.COL_TIME, 84),
            (LogBookModel.COL_PLACE, 90),
            (LogBookModel.COL_GRID, 96),
            (LogBookModel.COL_WORKER, 54),
            (LogBookModel.COL_HOUSEHOLDS, 40),
            (LogBookModel.COL_CASE, 112),
        ):
            self.table.setColumnWidth(col, width)
        # The grid is in the detail line under the table; the content needs the width more.
        self.table.setColumnHidden(LogBookModel.COL_GRID, True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        split.addWidget(self.table)

        detail = QWidget()
        d = QVBoxLayout(detail)
        d.setContentsMargins(0, 0, 0, 0)
        self.detail_header = plain_label()
        self.detail_header.setWordWrap(True)
        font = self.detail_header.font()
        font.setBold(True)
        self.detail_header.setFont(font)
        self.detail_text = QPlainTextEdit()
        self.detail_text.setReadOnly(True)
        self.detail_text.setObjectName("LogDetail")
        self.detail_text.setMaximumHeight(140)
        buttons = QHBoxLayout()
        self.convert_button = QPushButton(self.tr("Turn into a case…"))
        self.convert_button.setObjectName("ConvertLog")
        self.convert_button.clicked.connect(self.convert_current)
        self.case_button = QPushButton()
        self.case_button.setObjectName("OpenLogCase")
        self.case_button.clicked.connect(self._open_case)
        self.map_button = QPushButton(self.tr("Show on map"))
        self.map_button.clicked.connect(self._locate)
        buttons.addWidget(self.convert_button)
        buttons.addWidget(self.case_button)
        buttons.addWidget(self.map_button)
        buttons.addStretch(1)
        self.detail_message = plain_label()
        self.detail_message.setWordWrap(True)
        self.detail_message.setStyleSheet("color: #c62828")
        d.addWidget(self.detail_header)
        d.addWidget(self.detail_text, 1)
        d.addLayout(buttons)
        d.addWidget(self.detail_message)
        split.addWidget(detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        v.addWidget(split, 1)
        return page

    def _date_edit(self, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(lambda _d: self.apply_filter())
        return edit

    def _build_coverage_tab(self, start: dt.date) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.coverage_level = QComboBox()
        self.coverage_level.addItem(self.tr("Per grid"), "grid")
        self.coverage_level.addItem(self.tr("Per village"), "village")
        self.coverage_level.addItem(self.tr("Per town"), "town")
        self.coverage_level.currentIndexChanged.connect(lambda _i: self.refresh_coverage())
        self.coverage_from = QDateEdit(_qdate(start))
        self.coverage_to = QDateEdit(_qdate(self._today()))
        for edit in (self.coverage_from, self.coverage_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.refresh_coverage())
        row.addWidget(self.coverage_level)
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.coverage_from)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.coverage_to)
        row.addStretch(1)
        v.addLayout(row)
        self.coverage_summary = plain_label()
        self.coverage_summary.setWordWrap(True)
        v.addWidget(self.coverage_summary)
        self.coverage_table = QTableView()
        self.coverage_table.setObjectName("CoverageTable")
        self.coverage_table.setModel(self.coverage_model)
        self.coverage_table.setSortingEnabled(True)
        self.coverage_table.horizontalHeader().setSortIndicator(
            CoverageModel.COL_COVERAGE, Qt.SortOrder.AscendingOrder
        )
        self.coverage_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.coverage_table.setAlternatingRowColors(True)
        self.coverage_table.verticalHeader().hide()
        header = self.coverage_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Names share what the figures leave.
        header.setSectionResizeMode(CoverageModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CoverageModel.COL_PARENT, QHeaderView.ResizeMode.Stretch)
        for col, width in (
            (CoverageModel.COL_COVERAGE, 70),
            (CoverageModel.COL_VISITED, 100),
            (CoverageModel.COL_LOGS, 58),
            (CoverageModel.COL_UNVISITED, 78),
        ):
            self.coverage_table.setColumnWidth(col, width)
        v.addWidget(self.coverage_table, 1)
        self.tabs.currentChanged.connect(lambda i: self.refresh_coverage() if i == 1 else None)
        return page

    NARROW_PX = 520  # below this table width, worker and households give their room to the content

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Beside the map on a 1280-pixel screen the content would get no width at all; the worker
        # and the households are in the detail line under the table anyway.
        narrow = self.table.width() < self.NARROW_PX
        for col in (LogBookModel.COL_WORKER, LogBookModel.COL_HOUSEHOLDS):
            self.table.setColumnHidden(col, narrow)

    # --- filter choices ---

    def _load_towns(self) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> list[tuple[int, str]]:
            with sessions() as s:
                return logbook.town_choices(s, actor)

        self._runner.submit(read, self._towns_loaded, self._show_error)

    def _towns_loaded(self, towns: list[tuple[int, str]]) -> None:
        with QSignalBlocker(self.town):
            self.town.clear()
            if self._actor.role != Role.TOWN_STAFF:
                self.town.addItem(self.tr("All towns"), None)
            for town_id, name in towns:
                self.town.addItem(name, town_id)
            wanted = next(iter(self.model.filter.town_ids), None)
            if wanted is not None and self.town.findData(wanted) >= 0:
                self.town.setCurrentIndex(self.town.findData(wanted))
        self._town_changed(reload=False)
        self.apply_filter()

    def _town_changed(self, _index: int = 0, *, reload: bool = True) -> None:
        town_id = self.town.currentData()
        with QSignalBlocker(self.village), QSignalBlocker(self.worker):
            self.village.clear()
            self.village.addItem(self.tr("All villages"), None)
            self.worker.clear()
            self.worker.addItem(self.tr("All workers"), None)
        self.village.setEnabled(town_id is not None)
        self.worker.setEnabled(town_id is not None)
        if town_id is not None:
            self._load_places(int(town_id), None)
        if reload:
            self.apply_filter()

    def _village_changed(self, _index: int = 0) -> None:
        town_id = self.town.currentData()
        if town_id is not None:
            self._load_places(int(town_id), self.village.currentData(), villages=False)
        self.apply_filter()

    def _load_places(self, town_id: int, village_id: int | None, *, villages: bool = True) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
            with sessions() as s:
                vs = logbook.village_choices(s, town_id) if villages else []
                return vs, logbook.worker_choices(s, actor, town_id, village_id)

        def done(result: tuple[list[tuple[int, str]], list[tuple[int, str]]]) -> None:
            if self.town.currentData() != town_id:
                return  # another town was picked meanwhile
            vs, ws = result
            if villages:
                with QSignalBlocker(self.village):
                    for vid, name in vs:
                        self.village.addItem(name, vid)
            with QSignalBlocker(self.worker):
                keep = self.worker.currentData()
                self.worker.clear()
                self.worker.addItem(self.tr("All workers"), None)
                for wid, name in ws:
                    self.worker.addItem(name, wid)
                if keep is not None and self.worker.findData(keep) >= 0:
                    self.worker.setCurrentIndex(self.worker.findData(keep))

        self._runner.submit(read, done, self._show_error)

    # --- filtering ---

    def current_filter(self) -> LogFilter:
        town_id = self.town.currentData()
        towns = frozenset({int(town_id)}) if town_id is not None else frozenset()
        if not towns and self._actor.role == Role.TOWN_STAFF and self._actor.town_id:
            towns = frozenset({self._actor.town_id})
        d_from, d_to = _pydate(self.date_from.date()), _pydate(self.date_to.date())
        if d_to < d_from:
            d_from, d_to = d_to, d_from
        return LogFilter(
            town_ids=towns,
            village_id=self.village.currentData() if town_id is not None else None,
            worker_id=self.worker.currentData() if town_id is not None else None,
            date_from=d_from,
            date_to=d_to,
            has_case=self.has_case.currentData(),
            text=self.search.text().strip(),
        )

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self._new_logs.clear()
        self.new_logs_button.hide()
        flt = self.current_filter()
        self._count_text = ""
        self.model.set_filter(flt)
        self.markersFilterChanged.emit(flt)
        self._count(flt)

    def _count(self, flt: LogFilter) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> int:
            with sessions() as s:
                return logbook.count(s, actor, flt)

        def done(n: int) -> None:
            if self.model.filter == flt:
                self._count_text = fill(self.tr("%1 logs"), n)
                if not self.model.loading:
                    self.count_label.setText(self._count_text)

        self._runner.submit(read, done, self._show_error)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _loading(self, busy: bool) -> None:
        self.count_label.setText(self.tr("Loading…") if busy else self._count_text)

    def _after_reset(self) -> None:
        wanted = self._select_after_load
        if wanted is not None:
            pos = self.model.row_of(wanted)
            if pos is not None:
                self._select_after_load = None
                self.table.selectRow(pos)
                return
        self._current = None
        self._update_detail()

    # --- the current log ---

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._current = self.model.row_at(current.row()) if current.isValid() else None
        self.detail_message.clear()
        self._update_detail()
        if self._current is not None:
            self.logSelected.emit(self._current.id)

    @property
    def current_log(self) -> LogRow | None:
        return self._current

    def _update_detail(self) -> None:
        row = self._current
        may_convert = self._actor.role not in (Role.AUDITOR, Role.DEPARTMENT_STAFF)
        if row is None:
            self.detail_header.setText(self.tr("Select a log to read it."))
            self.detail_text.clear()
            self.convert_button.setEnabled(False)
            self.convert_button.setVisible(may_convert)
            self.case_button.hide()
            self.map_button.setEnabled(False)
            return
        when = row.visited_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
        self.detail_header.setText(
            fill(
                self.tr("%1 · %2 %3 · %4 · %5 · %6 households"),
                when,
                row.town,
                row.village,
                row.grid,
                row.worker,
                row.households_visited,
            )
        )
        self.detail_text.setPlainText(row.content)
        self.map_button.setEnabled(row.lat is not None and row.lon is not None)
        self.convert_button.setVisible(may_convert)
        if row.case_id is not None:
            # The case's button takes its place: one log, one case.
            self.convert_button.setEnabled(False)
            self.convert_button.setVisible(False)
            self.convert_button.setToolTip(self.tr("This log has already been turned into a case."))
            self.case_button.setText(fill(self.tr("Open case %1"), row.case_number or f"#{row.case_id}"))
            self.case_button.show()
        else:
            self.convert_button.setEnabled(may_convert)
            self.convert_button.setToolTip("")
            self.case_button.hide()

    def _double_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.case_id is not None:
            self.caseRequested.emit(row.case_id)
        elif row.lat is not None and row.lon is not None:
            self.locateRequested.emit(row.lat, row.lon)

    def _open_case(self) -> None:
        if self._current is not None and self._current.case_id is not None:
            self.caseRequested.emit(self._current.case_id)

    def _locate(self) -> None:
        row = self._current
        if row is not None and row.lat is not None and row.lon is not None:
            self.locateRequested.emit(row.lat, row.lon)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        self.table.selectRow(index.row())
        row = self.model.row_at(index.row())
        menu = QMenu(self)
        if row.case_id is None:
            entry = menu.addAction(self.convert_button.text())
            entry.setEnabled(self.convert_button.isEnabled())
            entry.triggered.connect(self.convert_current)
        else:
            menu.addAction(self.case_button.text()).triggered.connect(self._open_case)
        if row.lat is not None:
            menu.addAction(self.map_button.text()).triggered.connect(self._locate)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def select_log(self, log_id: int) -> None:
        """Show a log (clicked on the map): select its row, or read it and show it alone."""
        pos = self.model.row_of(log_id)
        if pos is not None:
            self.table.selectRow(pos)
            self.table.scrollTo(self.model.index(pos, 0))
            return
        sessions, actor = self._sessions, self._actor

        def read() -> LogRow | None:
            with sessions() as s:
                return logbook.fetch_log(s, actor, log_id)

        def done(row: LogRow | None) -> None:
            if row is None:
                return
            self.table.clearSelection()
            self._current = row
            self._update_detail()

        self._runner.submit(read, done, self._show_error)

    # --- turning a log into a case ---

    def convert_current(self) -> None:
        """Open the prefilled confirmation for the current log (window-modal, never blocking)."""
        row = self._current
        if row is None:
            return
        if row.case_id is not None:
            self._refuse(
                fill(
                    self.tr("This log has already been turned into case %1."), row.case_number or row.case_id
                )
            )
            return
        sessions, actor = self._sessions, self._actor

        def read() -> CaseDraft:
            with sessions() as s:
                return logbook.draft_case(s, actor, row.id)

        self._runner.submit(read, self._draft_ready, self._convert_failed)

    def _draft_ready(self, draft: CaseDraft) -> None:
        if draft.case_id is not None:
            self._refuse(
                fill(
                    self.tr("This log has already been turned into case %1."),
                    draft.case_number or draft.case_id,
                )
            )
            self._refresh_row(draft.log_id)
            return
        sessions, service, actor = self._sessions, self._service, self._actor

        def file(draft: CaseDraft, changes: dict[str, Any]) -> Converted:
            return logbook.convert_to_case(sessions, service, actor, draft.log_id, draft.new_case(**changes))

        self.dialog = dialog = ConvertLogDialog(draft, file, self._runner, self)
        dialog.saved.connect(self._filed)
        dialog.failed.connect(self._filing_refused)
        dialog.finished.connect(lambda _r: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ConvertLogDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _filing_refused(self, exc: Exception) -> None:
        if isinstance(exc, logbook.AlreadyConverted):
            self._refresh_row(exc.log_id)

    def _filed(self, done: Converted) -> None:
        self.message.emit(fill(self.tr("Case %1 filed from the sentiment log."), done.number))
        self.detail_message.clear()
        self._refresh_row(done.log_id)
        self.caseFiled.emit(done.case_id)

    def _convert_failed(self, exc: Exception) -> None:
        if isinstance(exc, LogbookError):
            self._refuse(describe(exc))
            if isinstance(exc, logbook.AlreadyConverted):
                self._refresh_row(exc.log_id)
            return
        self._refuse(fill(self.tr("The case could not be filed: %1"), str(getattr(exc, "orig", None) or exc)))

    def _refuse(self, text: str) -> None:
        self.detail_message.setText(text)
        self.message.emit(text)

    def _refresh_row(self, log_id: int) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> LogRow | None:
            with sessions() as s:
                return logbook.fetch_log(s, actor, log_id)

        def done(row: LogRow | None) -> None:
            if row is None:
                return
            self.model.replace_row(row)
            if self._current is not None and self._current.id == row.id:
                self._current = row
                self._update_detail()

        self._runner.submit(read, done, self._show_error)

    # --- live changes ---

    def apply_changes(self, log_ids: list[int]) -> None:
        """Logs changed elsewhere (the live feed): rows shown are refreshed in place; new logs in
        the filter are counted on the "new logs" button until the user shows them."""
        sessions, actor, flt = self._sessions, self._actor, self.model.filter
        shown = [i for i in log_ids if self.model.row_of(i) is not None]
        fresh = [i for i in log_ids if self.model.row_of(i) is None]
        for log_id in shown:
            self._refresh_row(log_id)
        if not fresh:
            return

        def read() -> list[int]:
            with sessions() as s:
                return [i for i in fresh if logbook.matches(s, actor, flt, i)]

        def done(matching: list[int]) -> None:
            if self.model.filter != flt or not matching:
                return
            self._new_logs.update(matching)
            self.new_logs_button.setText(fill(self.tr("%1 new — show"), len(self._new_logs)))
            self.new_logs_button.show()

        self._runner.submit(read, done, self._show_error)

    # --- coverage ---

    def refresh_coverage(self) -> None:
        sessions, actor = self._sessions, self._actor
        level = str(self.coverage_level.currentData())
        d_from, d_to = sorted((_pydate(self.coverage_from.date()), _pydate(self.coverage_to.date())))
        town_id = self.town.currentData()
        towns = [int(town_id)] if town_id is not None else []

        def read() -> list[CoverageRow]:
            with sessions() as s:
                return logbook.coverage(s, actor, d_from, d_to, level=level, town_ids=towns)

        def done(rows: list[CoverageRow]) -> None:
            self.coverage_model.set_rows(rows, level)
            # A grid is one grid: "grids not visited" says something only for villages and towns.
            self.coverage_table.setColumnHidden(CoverageModel.COL_UNVISITED, level == "grid")
            households = sum(r.households for r in rows)
            covered = sum(r.covered for r in rows)
            visited = sum(r.visited for r in rows)
            share = f"{covered / households * 100:.0f}%" if households else "—"
            self.coverage_summary.setText(
                fill(
                    self.tr("%1 to %2: %3 of %4 households covered (%5); %6 household visits in the logs."),
                    d_from.isoformat(),
                    d_to.isoformat(),
                    covered,
                    households,
                    share,
                    visited,
                )
            )

        self._runner.submit(read, done, self._show_error)

    def _show_error(self, exc: Exception | str) -> None:
        if isinstance(exc, str):
            text = exc
        elif isinstance(exc, Refusal):
            text = describe(exc)
        else:
            text = str(getattr(exc, "orig", None) or exc)
        self.message.emit(text)
