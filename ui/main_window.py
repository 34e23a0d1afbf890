"""The dispatcher's main window: map in the centre, queue, case panel and alerts as docks."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QScrollArea,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from desktop import logbook
from desktop.cases.intake import may_edit_routes, may_file
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, SortKey
from desktop.cases.service import ActionRequest, BulkResult, CaseService
from desktop.clock import CHINA_TZ, utcnow
from desktop.live.mapdata import base_layers, worker_card
from desktop.screening import may_read as may_read_screening
from desktop.store import Engine, SessionFactory
from desktop.sweeper import Sweeper, own_engine
from desktop.vocab import Action, Kind, Role
from ui import i18n
from ui.about import show_about
from ui.analysis_pane import AnalysisPane
from ui.briefing_dialog import BriefingDialog
from ui.cases.exports import export_queue
from ui.cases.intake_dialog import IntakeDialog, PeriodsDialog, RoutesDialog
from ui.cases.panel import ActionDialog, CasePanel, action_label
from ui.cases.queue_view import QueuePane, filter_from_dict, filter_state_from_json
from ui.cases.trace_dialog import TraceDialog
from ui.connection import ConnectionMonitor
from ui.errors import explain
from ui.labels import category_label, kind_label, role_label
from ui.live.alerts import AlertsPane
from ui.live.feed import LiveFeed
from ui.live.map_cases import MapCaseFeed
from ui.live.map_view import MapView
from ui.live.replay_window import ReplayWindow
from ui.live.workers_pane import WorkersPane
from ui.logbook_pane import LogBookPane
from ui.meetings.pane import MeetingsPane
from ui.petitions_pane import PetitionsPane
from ui.refusals import describe
from ui.screening_pane import ScreeningPane
from ui.settings import Settings
from ui.tasks import TaskRunner, unhandled_failures
from ui.text import fill, literal, plain_label, typed
from ui.users_pane import UsersDialog


@dataclass
class AppContext:
    engine: Engine
    sessions: SessionFactory
    actor: Actor
    service: CaseService
    settings: Settings  # a QSettings given here is wrapped (see __post_init__)
    db_label: str
    # Seconds between the background sweeps (SLA escalations, supervision reminders) this window
    # runs; 0: none. ui.app decides (desktop.sweeper.desktop_interval); a bare context sweeps not.
    sweep_interval_s: float = 0.0

    def __post_init__(self) -> None:
        self.settings = Settings.of(self.settings)


class HelpOverlay(QTextBrowser):
    """Keyboard shortcuts, shown over the window (F1 or ?)."""

    def __init__(self, parent: QWidget, shortcuts: list[tuple[str, str]]) -> None:
        super().__init__(parent)
        self.setObjectName("HelpOverlay")
        self.setStyleSheet(
            "#HelpOverlay { background: rgba(20, 24, 33, 225); color: white; border-radius: 10px;"
            " padding: 16px; font-size: 15px; }"
        )
        rows = "".join(
            f"<tr><td style='padding:4px 18px 4px 0'><b>{key}</b></td><td>{text}</td></tr>"
            for key, text in shortcuts
        )
        title = self.tr("Keyboard shortcuts")  # outside the f-string, where lupdate can see it
        self.setHtml(f"<h2>{title}</h2><table>{rows}</table>")
        self.hide()

    def place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None
        w, h = 520, 420
        self.setGeometry((parent.width() - w) // 2, (parent.height() - h) // 2, w, h)
        self.raise_()


class MainWindow(QMainWindow):
    connectRequested = Signal()  # File → Connect to server… (handled by ui.app)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Dispute Screening and Resolution Command Center") + " — Concord")
        self.runner = TaskRunner(self)
        # Background work whose failure nobody handles (any runner's) is told here, once.
        unhandled_failures().failed.connect(self._show_error)
        self.sweeper: Sweeper | None = None
        self._wall = False
        self._log_generation = 0  # the log layer's newest request
        self.last_worker_id: int | None = None  # clicked on the map: Track replay… opens on it

        self.map = MapView(self)
        self.setCentralWidget(self.map)
        self.queue = QueuePane(
            ctx.sessions, ctx.actor, ctx.settings, parent=self, initial_filter=self._initial_filter()
        )
        # The map's case markers are the queue's result set (its filter and search).
        self.map_cases = MapCaseFeed(
            self.map, ctx.sessions, ctx.actor, self.runner, self.queue.current_filter, self._show_error, self
        )
        self.queue.filterChanged.connect(self.map_cases.reload)
        self.case_panel = CasePanel(ctx.sessions, ctx.service, ctx.actor, self.runner, self)
        self.alerts = AlertsPane(ctx.sessions, ctx.actor, self.runner, self, settings=ctx.settings)
        self.meetings = MeetingsPane(ctx.sessions, ctx.actor, self.runner, self)
        self.queue_dock = self._dock(
            "QueueDock", self.tr("Ticket queue"), self.queue, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        # The sentiment-log book (民情日志) is a tab beside the queue.
        self.logbook = LogBookPane(ctx.sessions, ctx.service, ctx.actor, self.runner, self)
        self.logbook_dock = self._dock(
            "LogBookDock", self.tr("Sentiment logs"), self.logbook, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.queue_dock, self.logbook_dock)
        # Rolling screening (排查) is a tab there too, for the roles that screen or audit it.
        self.screening = ScreeningPane(ctx.sessions, ctx.service, ctx.actor, self.runner, ctx.settings, self)
        self.screening_dock = self._dock(
            "ScreeningDock", self.tr("Screening"), self.screening, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.logbook_dock, self.screening_dock)
        self.screening_dock.toggleViewAction().setVisible(may_read_screening(ctx.actor))
        self.screening_dock.setVisible(may_read_screening(ctx.actor))
        self.screening.caseRequested.connect(self._alert_activated)
        self.screening.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # The worker list (status, last seen, search; a click locates the worker on the map).
        self.workers = WorkersPane(ctx.sessions, ctx.actor, self.runner, self)
        self.workers_dock = self._dock(
            "WorkersDock", self.tr("Workers"), self.workers, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.tabifyDockWidget(self.logbook_dock, self.workers_dock)
        self.workers.workerActivated.connect(self.locate_worker)
        self.queue_dock.raise_()
        self.case_dock = self._dock(
            "CaseDock", self.tr("Case"), self.case_panel, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.alerts_dock = self._dock(
            "AlertsDock", self.tr("Alerts"), self.alerts, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        # The scheduler shares the case panel's place as a tab; a leader can detach it and work
        # in it full screen.
        # In a scroll area: the calendar's own minimum width must not force the whole window
        # wider than a 1280-pixel screen.
        meetings_scroll = QScrollArea()
        meetings_scroll.setWidgetResizable(True)
        meetings_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        meetings_scroll.setWidget(self.meetings)
        self.meetings_dock = self._dock(
            "MeetingsDock", self.tr("Meetings"), meetings_scroll, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.case_dock, self.meetings_dock)
        # Analysis (分析研判) is a tab there too; it reads nothing until it is first shown.
        self.analysis = AnalysisPane(ctx.sessions, ctx.actor, self.runner, self)
        self.analysis_dock = self._dock(
            "AnalysisDock", self.tr("Analysis"), self.analysis, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.case_dock, self.analysis_dock)
        # Petitions (信访) and the accountability records (责任倒查): a tab there too, read when shown.
        # In a scroll area, as the meetings: its filter rows must not force the window past 1280 px.
        self.petitions = PetitionsPane(ctx.sessions, ctx.actor, self.runner, self)
        petitions_scroll = QScrollArea()
        petitions_scroll.setWidgetResizable(True)
        petitions_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        petitions_scroll.setWidget(self.petitions)
        self.petitions_dock = self._dock(
            "PetitionsDock", self.tr("Petitions"), petitions_scroll, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.case_dock, self.petitions_dock)
        self.petitions.caseRequested.connect(self._alert_activated)
        self.petitions.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        # Village work (三日合一, risk assessments, errands) is a tab there too, read when first shown.
        from ui.villagework.pane import VillageWorkPane

        self.villagework = VillageWorkPane(ctx.sessions, ctx.service, ctx.actor, self.runner, self)
        self.villagework_dock = self._dock(
            "VillageWorkDock",
            self.tr("Village work"),
            self.villagework,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.tabifyDockWidget(self.case_dock, self.villagework_dock)
        self.case_dock.raise_()
        # The alerts strip sits under the map only; queue and case panel keep the full height.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.map.setMinimumWidth(320)
        self._layout_restored = False
        self.tabifiedDockWidgetActivated.connect(lambda _dock: QTimer.singleShot(0, self.tidy_dock_tab_bars))

        self.live = LiveFeed(ctx.sessions, ctx.actor, self.runner, parent=self, engine=ctx.engine)
        self.connection = ConnectionMonitor(ctx.engine, parent=self)
        self._build_status_bar()
        self._build_menus_and_shortcuts()
        self._connect()
        self._restore()
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(1000)
        self._age_timer.timeout.connect(self._update_status)

    # --- construction ----------------------------------------------------------------------

    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        # The profile name and the user's display name were typed by people.
        self.status_db = plain_label(self.ctx.db_label)
        self.status_live = plain_label()
        self.status_user = plain_label(f"{self.ctx.actor.name} · {role_label(str(self.ctx.actor.role))}")
        self.status_workers = plain_label()
        # Room for a city's worth of workers from the start: the count grows after the first read,
        # and a status bar does not always widen a permanent label for its new text.
        widest = fill(self.tr("Workers online: %1 / %2"), 88888, 88888)
        self.status_workers.setMinimumWidth(self.status_workers.fontMetrics().horizontalAdvance(widest) + 4)
        for label in (self.status_db, self.status_live, self.status_workers, self.status_user):
            bar.addPermanentWidget(label)

    def _build_menus_and_shortcuts(self) -> None:
        self.shortcut_table: list[tuple[str, str]] = []

        def bind(keys: list[str], text: str, slot: Any) -> None:
            for key in keys:
                sc = QShortcut(QKeySequence(key), self)
                sc.activated.connect(slot)
            self.shortcut_table.append((" / ".join(keys), text))

        bind(["N"], self.tr("Next case in the queue"), self.queue.next_case)
        bind(["A"], self.tr("Accept the selected case"), lambda: self.case_panel.trigger(Action.ACCEPT))
        bind(["E"], self.tr("Escalate the selected case"), lambda: self.case_panel.trigger(Action.ESCALATE))
        bind(["S"], self.tr("Assign the selected case"), lambda: self.case_panel.trigger(Action.ASSIGN))
        bind(["R"], self.tr("Resolve the selected case"), lambda: self.case_panel.trigger(Action.RESOLVE))
        bind(["Ctrl+F", "/"], self.tr("Search the queue"), self.queue.focus_search)
        bind(["F5"], self.tr("Refresh"), self.refresh)
        bind(["F11"], self.tr("Wall display (map and alerts, full screen)"), self.toggle_wall)
        bind(["F1", "?"], self.tr("Show or hide this help"), self.toggle_help)
        if may_file(self.ctx.actor):
            # The menu entry below carries the shortcut itself (a QShortcut too would be ambiguous).
            self.shortcut_table.append(("Ctrl+N", self.tr("New case (desk intake)")))
        self.help = HelpOverlay(self, self.shortcut_table)
        QShortcut(QKeySequence("Esc"), self, activated=self._escape)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.connect_action = QAction(self.tr("Connect to server…"), self)
        self.connect_action.triggered.connect(self.connectRequested.emit)
        file_menu.addAction(self.connect_action)
        # Administrators only: add, disable and enable users (and their server logins).
        self.users_action = QAction(self.tr("Users and logins…"), self)
        self.users_action.triggered.connect(self.open_users)
        self.users_action.setVisible(self.ctx.actor.role == Role.ADMIN)
        self.users_action.setEnabled(self.ctx.actor.role == Role.ADMIN)
        file_menu.addAction(self.users_action)
        self.users_dialog: UsersDialog | None = None
        # A real city: import boundaries and rosters, keep workers and grids (administrators);
        # the basemap (intranet tiles or an MBTiles file) is a setting of this desktop.
        from ui.city_admin_pane import open_city_admin
        from ui.cityimport_dialog import open_city_import
        from ui.live.basemap import open_basemap

        self.city_import_action = QAction(self.tr("Import city data…"), self)
        self.city_import_action.triggered.connect(lambda: open_city_import(self))
        self.city_admin_action = QAction(self.tr("Workers and grids…"), self)
        self.city_admin_action.triggered.connect(lambda: open_city_admin(self))
        for action in (self.city_import_action, self.city_admin_action):
            action.setVisible(self.ctx.actor.role == Role.ADMIN)
            action.setEnabled(self.ctx.actor.role == Role.ADMIN)
            file_menu.addAction(action)
        self.basemap_action = QAction(self.tr("Basemap…"), self)
        self.basemap_action.triggered.connect(lambda: open_basemap(self))
        file_menu.addAction(self.basemap_action)
        file_menu.addSeparator()
        # What the queue shows now (filter, search, order, the user's scope), for a spreadsheet.
        self.export_queue_action = QAction(self.tr("Export the queue (CSV)…"), self)
        self.export_queue_action.triggered.connect(lambda: self.export_queue())
        file_menu.addAction(self.export_queue_action)
        self.briefing_action = QAction(self.tr("Analysis briefing (PDF / Excel)…"), self)
        self.briefing_action.triggered.connect(lambda: self.open_briefing())
        file_menu.addAction(self.briefing_action)
        view = self.menuBar().addMenu(self.tr("&View"))
        for dock in (
            self.queue_dock,
            self.case_dock,
            self.meetings_dock,
            self.analysis_dock,
            self.petitions_dock,
            self.villagework_dock,
            self.alerts_dock,
        ):
            view.addAction(dock.toggleViewAction())
        view.addAction(self.logbook_dock.toggleViewAction())
        view.addAction(self.screening_dock.toggleViewAction())
        view.addAction(self.workers_dock.toggleViewAction())
        language = view.addMenu(self.tr("Language"))
        current = self.ctx.settings.language or i18n.choose_language()
        group = QActionGroup(self)
        for code, name in i18n.LANGUAGES.items():
            item = QAction(name, group)
            item.setCheckable(True)
            item.setChecked(code == current)
            item.triggered.connect(lambda _=False, c=code: self.set_language(c))
            language.addAction(item)
        wall = QAction(self.tr("Wall display"), self)
        wall.triggered.connect(self.toggle_wall)
        view.addAction(wall)
        # Track replay (轨迹回放): its own window, with geofence events, alerts and patrol coverage.
        self.replay_action = QAction(self.tr("Track replay…"), self)
        self.replay_action.triggered.connect(lambda: self.open_replay())
        view.addAction(self.replay_action)
        cases = self.menuBar().addMenu(self.tr("&Cases"))
        self.saving_actions: list[QAction] = []  # disabled while the server is away
        # Desk intake (reception hall, phone, petition bureau): roles that file cases only.
        self.new_case_action = QAction(self.tr("New case…"), self)
        self.new_case_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_case_action.triggered.connect(lambda: self.open_intake())
        self.new_case_action.setVisible(may_file(self.ctx.actor))
        self.new_case_action.setEnabled(may_file(self.ctx.actor))
        cases.addAction(self.new_case_action)
        if may_file(self.ctx.actor):
            self.saving_actions.append(self.new_case_action)
        self.periods_action = QAction(self.tr("Sensitive periods…"), self)
        self.periods_action.triggered.connect(lambda: self.open_periods())
        cases.addAction(self.periods_action)
        self.routes_action = QAction(self.tr("Category routing…"), self)
        self.routes_action.triggered.connect(lambda: self.open_routes())
        self.routes_action.setVisible(may_edit_routes(self.ctx.actor))
        cases.addAction(self.routes_action)
        self.intake_dialog: IntakeDialog | None = None
        cases.addSeparator()
        for action in (Action.ACCEPT, Action.ESCALATE, Action.ASSIGN, Action.RESOLVE):
            item = QAction(action_label(action), self)
            item.triggered.connect(lambda _=False, a=action: self.case_panel.trigger(a))
            cases.addAction(item)
            self.saving_actions.append(item)
        cases.addSeparator()
        self.bulk_actions: dict[Action, QAction] = {}
        for action, text in (
            (Action.ASSIGN, self.tr("Assign selected cases…")),
            (Action.ESCALATE, self.tr("Escalate selected cases…")),
        ):
            item = QAction(text, self)
            item.triggered.connect(lambda _=False, a=action: self.bulk(a))
            cases.addAction(item)
            self.bulk_actions[action] = item
            self.saving_actions.append(item)
        self.convene_action = QAction(self.tr("Convene a meeting on the selected cases…"), self)
        self.convene_action.triggered.connect(self.convene_selected)
        cases.addAction(self.convene_action)
        self.saving_actions.append(self.convene_action)
        self.trace_action = QAction(self.tr("Responsibility trace of the selected case…"), self)
        self.trace_action.triggered.connect(lambda: self.open_trace())
        cases.addAction(self.trace_action)
        self.queue.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.queue.table.customContextMenuRequested.connect(self._queue_menu)
        helpmenu = self.menuBar().addMenu(self.tr("&Help"))
        keys = QAction(self.tr("Keyboard shortcuts"), self)
        keys.triggered.connect(self.toggle_help)
        helpmenu.addAction(keys)
        self.about_action = QAction(self.tr("About Concord"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: show_about(self, self.ctx.db_label))
        helpmenu.addAction(self.about_action)

    def open_replay(self, worker_id: int | None = None, day: Any = None) -> ReplayWindow:
        """The track replay window: a worker-day when given; else today of the worker last clicked
        on the map; else the newest day with fixes."""
        window = ReplayWindow(self.ctx.sessions, self.ctx.actor, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        worker_id = worker_id if worker_id is not None else self.last_worker_id
        if worker_id is not None:
            window.open_day(worker_id, day or utcnow().astimezone(CHINA_TZ).date())
        else:
            window.open_newest()
        window.refresh_alerts()
        return window

    def open_briefing(self) -> BriefingDialog:
        """The briefing dialog (研判简报): period, formats, folder; the files in the status bar."""
        dialog = BriefingDialog(self.ctx.sessions, self.ctx.actor, self.runner, self.ctx.settings, self)

        def written(paths: list[str]) -> None:
            self.statusBar().showMessage(fill(self.tr("Briefing written: %1"), "；".join(paths)), 15000)

        dialog.written.connect(written)
        dialog.setModal(True)
        dialog.show()
        return dialog

    def export_queue(self, path: str | None = None) -> QProgressDialog | None:
        """Write the rows the queue shows now as CSV (asks where unless ``path`` is given)."""

        def written(out: Path, count: int) -> None:
            self.statusBar().showMessage(fill(self.tr("%1 cases exported to %2"), count, str(out)), 10000)

        return export_queue(
            self, self.runner, self.ctx.sessions, self.ctx.actor, self.queue.current_filter(), path, written
        )

    # --- desk intake -----------------------------------------------------------------------

    def open_intake(self) -> IntakeDialog | None:
        """The "new case" form (Ctrl+N); one at a time, raised when already open."""
        if not may_file(self.ctx.actor):
            self.statusBar().showMessage(self.tr("Your role does not file cases."), 6000)
            return None
        if self.intake_dialog is None:
            dialog = IntakeDialog(
                self.ctx.sessions, self.ctx.service, self.ctx.actor, self.ctx.settings, self.runner, self
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.pickRequested.connect(self._intake_pick)
            dialog.caseFiled.connect(self._intake_filed)
            dialog.openCase.connect(self._alert_activated)
            dialog.finished.connect(self._intake_closed)
            self.intake_dialog = dialog
        if self.intake_dialog.isVisible():
            self.intake_dialog.raise_()
            self.intake_dialog.activateWindow()
        else:
            self.intake_dialog.show()  # a window being shown comes up on top by itself
        return self.intake_dialog

    def _intake_pick(self) -> None:
        if self.intake_dialog is not None:
            self.intake_dialog.hide()  # out of the map's way until the desk has clicked
        self.map.start_pick(self.tr("Click the place of the case on the map · Esc cancels"))

    def _intake_point(self, lat: float, lon: float) -> None:
        if self.intake_dialog is None:
            return
        self.map.show_pick(lat, lon)
        self.intake_dialog.set_point(lat, lon)
        self.intake_dialog.show()

    def _intake_pick_cancelled(self) -> None:
        if self.intake_dialog is not None:
            self.intake_dialog.show()

    def _intake_filed(self, case_id: int) -> None:
        self.statusBar().showMessage(self.tr("Case filed."), 8000)
        self._cases_changed([case_id])
        self.case_panel.set_case(case_id)
        if self.queue.select_case(case_id):
            return
        # Not in the queue's rows yet: the live change above inserts it in a moment.
        model = self.queue.model

        def inserted(*_args: object) -> None:
            if model.row_of(case_id) is not None:
                stop()
                self.queue.select_case(case_id)

        def stop() -> None:
            with contextlib.suppress(RuntimeError, TypeError):
                model.rowsInserted.disconnect(inserted)

        model.rowsInserted.connect(inserted)
        QTimer.singleShot(10000, stop)

    def _intake_closed(self, _result: int) -> None:
        self.intake_dialog = None
        self.map.stop_pick()
        self.map.clear_pick()

    def _escape(self) -> None:
        self.help.hide()
        if self.intake_dialog is not None and not self.intake_dialog.isVisible():
            self.map.stop_pick()
            self._intake_pick_cancelled()

    def open_periods(self) -> PeriodsDialog:
        dialog = PeriodsDialog(self.ctx.sessions, self.ctx.actor, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_routes(self) -> RoutesDialog:
        dialog = RoutesDialog(self.ctx.sessions, self.ctx.actor, self.runner, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_trace(self, case_id: int | None = None) -> TraceDialog | None:
        """The responsibility trace (责任倒查) of the case in the case panel, with its PDF."""
        case_id = case_id if case_id is not None else self.case_panel.case_id
        if case_id is None:
            self.statusBar().showMessage(self.tr("Select a case first."), 5000)
            return None
        dialog = TraceDialog(self.ctx.sessions, self.ctx.actor, self.runner, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def open_users(self) -> UsersDialog | None:
        if self.ctx.actor.role != Role.ADMIN:
            return None
        if self.users_dialog is None:
            self.users_dialog = UsersDialog(self.ctx.engine, self.runner, self, actor=self.ctx.actor)
        elif self.users_dialog.isVisible():
            self.users_dialog.raise_()
        else:
            self.users_dialog.refresh()
        self.users_dialog.show()
        return self.users_dialog

    def _connect(self) -> None:
        self.queue.caseSelected.connect(self._case_selected)
        self.queue.model.escalated.connect(self.alerts.add_escalation)
        self.map.caseClicked.connect(self.queue.select_case)
        self.map.caseClicked.connect(self.case_panel.set_case)
        self.map.workerClicked.connect(self._worker_clicked)
        self.map.pointPicked.connect(self._intake_point)
        self.map.pickCancelled.connect(self._intake_pick_cancelled)
        self.map.ready.connect(self._map_ready)
        self.alerts.caseActivated.connect(self._alert_activated)
        self.alerts.workerActivated.connect(self.locate_worker)
        self.alerts.screeningActivated.connect(self._show_screening_board)
        self.case_panel.caseChanged.connect(lambda cid: self._cases_changed([cid]))
        self.case_panel.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.live.casesChanged.connect(self._cases_changed)
        self.live.meetingsChanged.connect(lambda _ids: self.meetings.refresh())
        self.meetings.meetingsChanged.connect(self.alerts.refresh)
        self.meetings.caseSelected.connect(self._case_selected)
        self.live.workersChanged.connect(self._workers_changed)
        self.live.stateChanged.connect(self._live_state)
        self.live.resynced.connect(self._resync)
        self.connection.stateChanged.connect(self._connection_state)
        self.case_panel.saveFailed.connect(lambda _exc: self.connection.check_now())
        self.logbook.caseRequested.connect(self._alert_activated)
        self.logbook.caseFiled.connect(self._case_filed_from_log)
        self.logbook.locateRequested.connect(lambda lat, lon: self.map.center_on(lat, lon, 16))
        self.logbook.markersFilterChanged.connect(self._send_log_markers)
        self.logbook.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.map.logClicked.connect(self.show_log)
        self.map.heatRequested.connect(self._send_heat)
        self.case_panel.logRequested.connect(self.show_log)
        self.live.logsChanged.connect(self.logbook.apply_changes)
        self.analysis.anomalyActivated.connect(self.show_anomaly)

    # --- start -----------------------------------------------------------------------------

    def start(self) -> None:
        sessions = self.ctx.sessions

        def layers() -> dict[str, Any]:
            with sessions() as s:
                return base_layers(s, self.ctx.actor)  # a town's staff open on their town

        self.runner.submit(layers, lambda data: self.map.load(data), self._show_error)
        self.alerts.start()
        self.live.start()
        self.connection.start()
        self._age_timer.start()
        self._update_status()
        self._start_sweeper()

    def _start_sweeper(self) -> None:
        """Sweeps in a thread of their own, through connections of their own. Nothing here shows
        their outcome: an escalation or reminder is a change like any other, and reaches the queue,
        the alerts and the map through the live feed."""
        if self.ctx.sweep_interval_s <= 0 or self.sweeper is not None:
            return
        self.sweeper = Sweeper.for_engine(own_engine(self.ctx.engine), self.ctx.sweep_interval_s)
        self.sweeper.start()

    def stop_sweeper(self) -> None:
        if self.sweeper is not None:
            self.sweeper.stop()

    def _map_ready(self) -> None:
        self.map_cases.reload()
        self._send_log_markers(self.logbook.model.filter)
        # Workers need nothing here: the map sends a new page everything it knows itself.

    # --- the sentiment-log book on the map ----------------------------------------------------

    def _send_log_markers(self, flt: logbook.LogFilter) -> None:
        """The log book's filter as the map's log layer (newest logs first, capped)."""
        sessions, actor = self.ctx.sessions, self.ctx.actor
        self._log_generation += 1
        generation = self._log_generation

        def read() -> list[dict[str, Any]]:
            with sessions() as s:
                return logbook.log_markers(s, actor, flt)

        def done(rows: list[dict[str, Any]]) -> None:
            if generation == self._log_generation:  # a newer filter's markers are on their way
                self.map.set_logs(rows)

        self.runner.submit(read, done, self._show_error)

    def _send_heat(self, days: int) -> None:
        """Bins of the cases reported in the last ``days`` days (0: all), for the heat layer."""
        sessions, actor = self.ctx.sessions, self.ctx.actor

        def read() -> list[list[float]]:
            since, until = logbook.heat_window(days)
            with sessions() as s:
                return logbook.case_heat(s, actor, since, until)

        self.runner.submit(read, lambda points: self.map.set_heat(points, days), self._show_error)

    def show_log(self, log_id: int) -> None:
        """Open a log in the log book (a log marker clicked, a case's source log)."""
        self.logbook_dock.show()
        self.logbook_dock.raise_()
        self.logbook.tabs.setCurrentIndex(0)
        self.logbook.select_log(log_id)

    def _case_filed_from_log(self, case_id: int) -> None:
        self._cases_changed([case_id])
        self.case_panel.set_case(case_id)
        self.map.select_case(case_id)

    def _show_error(self, exc: Exception) -> None:
        self.statusBar().showMessage(explain(exc), 10000)

    # --- reactions -------------------------------------------------------------------------

    def _case_selected(self, case_id: int) -> None:
        self.case_panel.set_case(case_id)
        self.map.select_case(case_id)

    def _alert_activated(self, case_id: int) -> None:
        self.queue.select_case(case_id)
        self.case_panel.set_case(case_id)
        self.map.select_case(case_id)

    def _show_screening_board(self) -> None:
        """A missed-round alert: the screening tab, on its compliance board."""
        if not self.screening_dock.toggleViewAction().isVisible():
            return  # a role without the screening tab (it gets no such alerts either)
        self.screening_dock.show()
        self.screening_dock.raise_()
        self.screening.tabs.setCurrentIndex(0)

    def _worker_clicked(self, worker_id: int) -> None:
        self.last_worker_id = worker_id
        sessions, actor = self.ctx.sessions, self.ctx.actor

        def card() -> dict[str, Any]:
            with sessions() as s:
                return worker_card(s, actor, worker_id, utcnow())

        self.runner.submit(card, self.map.show_worker_card, self._show_error)

    def locate_worker(self, worker_id: int, lat: float | None, lon: float | None) -> None:
        """A worker picked in the worker list: the map centres on them and shows their card."""
        if lat is not None and lon is not None:
            self.map.center_on(lat, lon, 16)
        self._worker_clicked(worker_id)

    def _cases_changed(self, ids: list[int]) -> None:
        self.queue.apply_changes(ids)
        if self.case_panel.case_id in ids:
            self.case_panel.reload()
        # A changed case that left the queue's set (closed, filtered out, out of scope) leaves the map.
        self.map_cases.changed(ids)

    def _workers_changed(self, rows: list[dict[str, Any]]) -> None:
        # 10,000 rows a second: nothing here may loop over them on the GUI thread. The map queues
        # them for its encoder thread; the live feed counted the statuses off this thread.
        self.map.apply_worker_diff(rows)
        self._update_status()

    def _live_state(self, state: str, reason: str) -> None:
        if state == "lost":
            text = self.tr("Database connection lost — saving is disabled until it is back")
            self.statusBar().showMessage(f"{text}: {reason}", 15000)
        self._update_saving()
        self._update_status()

    def _connection_state(self, online: bool, reason: str) -> None:
        """The server went away or came back (ui.connection watches it every two seconds)."""
        if online:
            self.statusBar().showMessage(self.tr("Connected to the server again — catching up"), 8000)
            # Catch up at once instead of waiting for the feed's backoff: the first answer after a
            # loss re-reads everything (LiveFeed.resynced).
            self.live.poll()
        else:
            text = self.tr("Server unreachable — saving is disabled until it is back")
            self.statusBar().showMessage(f"{text}: {reason}", 15000)
        self._update_saving()
        self._update_status()

    def _update_saving(self) -> None:
        if not self.connection.online:
            reason = fill(
                self.tr("Saving is disabled: the server cannot be reached (%1). Your input is kept."),
                self.connection.reason,
            )
        elif self.live.state == "lost":
            reason = self.tr("Database connection lost — saving is disabled until it is back")
        else:
            reason = ""
        self.case_panel.set_saving_enabled(not reason, reason)
        for item in self.saving_actions:
            item.setEnabled(not reason)
            item.setToolTip(literal(reason))

    def _resync(self) -> None:
        """Back after a lost connection: re-read queue, alerts, case and map markers."""
        self.refresh()
        if self.map.page_ready:
            self._map_ready()

    def _update_status(self) -> None:
        state = self.live.state
        self.status_live.setToolTip("")
        if not self.connection.online:
            self.status_live.setText(self.tr("Server unreachable — reconnecting"))
            self.status_live.setToolTip(literal(self.connection.reason))
            self.status_live.setStyleSheet("color: #c62828; font-weight: bold")
        elif state == "live":
            age = ""
            if self.live.newest_data_at is not None:
                seconds = max(0, int((utcnow() - self.live.newest_data_at).total_seconds()))
                age = fill(self.tr(" · newest data %1 s ago"), seconds) if seconds < 3600 else ""
            self.status_live.setText(self.tr("Live") + age)
            self.status_live.setStyleSheet("color: #2e7d32")
        elif state == "lost":
            self.status_live.setText(self.tr("Connection lost — reconnecting"))
            self.status_live.setStyleSheet("color: #c62828; font-weight: bold")
        else:
            self.status_live.setText(self.tr("Connecting…"))
            self.status_live.setStyleSheet("")
        self.status_workers.setText(
            fill(self.tr("Workers online: %1 / %2"), self.live.workers_online, self.live.workers_total)
        )

    def refresh(self) -> None:
        self.queue.reload()
        self.alerts.refresh()
        self.case_panel.reload()
        if self.analysis.isVisible():
            self.analysis.reload()

    def show_analysis(self) -> None:
        self.analysis_dock.show()
        self.analysis_dock.raise_()

    def show_anomaly(self, town_id: int, kind: str, category: str) -> None:
        """An anomaly clicked in the analysis pane: the queue shows that town's cases of that kind
        (the queue filters by kind, not category), newest change first."""
        self.queue.set_filter(
            QueueFilter(town_ids=frozenset({town_id}), kinds=frozenset({Kind(kind)}), sort=SortKey.UPDATED)
        )
        self.queue_dock.show()
        self.queue_dock.raise_()
        self.statusBar().showMessage(
            fill(
                self.tr("Queue: %1 cases of this town; the rise was in %2."),
                kind_label(kind),
                category_label(category),
            ),
            10000,
        )

    def set_language(self, code: str) -> None:
        self.ctx.settings.language = code
        self.statusBar().showMessage(self.tr("The language changes the next time Concord starts."), 8000)

    # --- bulk actions ----------------------------------------------------------------------

    def _queue_menu(self, pos: QPoint) -> None:
        n = len(self.queue.selected_ids())
        if n == 0:
            return
        menu = QMenu(self)
        for action, item in self.bulk_actions.items():
            entry = menu.addAction(f"{typed(item)} ({n})")
            entry.triggered.connect(lambda _=False, a=action: self.bulk(a))
        entry = menu.addAction(f"{typed(self.convene_action)} ({n})")
        entry.triggered.connect(self.convene_selected)
        menu.popup(self.queue.table.viewport().mapToGlobal(pos))

    def convene_selected(self) -> None:
        """The selected cases become the agenda of a new meeting in the first free slot."""
        ids = self.queue.selected_ids()
        if not ids:
            self.statusBar().showMessage(self.tr("Select cases in the queue first."), 5000)
            return
        self.meetings_dock.show()
        self.meetings_dock.raise_()
        self.meetings.convene_from_cases(ids)

    def bulk_targets(self) -> list[tuple[int, int]]:
        """(case id, version as read) of the selected rows."""
        model = self.queue.model
        targets: list[tuple[int, int]] = []
        for case_id in self.queue.selected_ids():
            row = model.row_of(case_id)
            if row is not None:
                targets.append((case_id, model.row_at(row).version))
        return targets

    def bulk(self, action: Action) -> None:
        """One dialog and one confirmation for the whole selection; one audit event per case."""
        if not self.case_panel.saving_enabled:
            self.statusBar().showMessage(self.case_panel.saving_reason, 8000)
            return
        targets = self.bulk_targets()
        if not targets:
            self.statusBar().showMessage(self.tr("Select cases in the queue first."), 5000)
            return
        subject = self.tr("%n case(s)", "", len(targets))
        dialog = ActionDialog(action, subject, (), self.ctx.sessions, self)
        if dialog.exec() != ActionDialog.DialogCode.Accepted:
            return
        question = self.tr(
            "%1 the %n selected case(s)? Each gets its own entry in the audit trail.", "", len(targets)
        )
        confirm = QMessageBox.question(
            self, action_label(action), literal(fill(question, action_label(action)))
        )
        if confirm != QMessageBox.StandardButton.Yes:
            return
        self.run_bulk(targets, dialog.request(0, None))

    def run_bulk(self, targets: list[tuple[int, int]], request: ActionRequest) -> None:
        service, actor = self.ctx.service, self.ctx.actor
        self.runner.submit(
            lambda: service.act_many(targets, request, actor), self._bulk_done, self._show_error
        )

    def _bulk_done(self, result: BulkResult) -> None:
        self._cases_changed(result.done)
        text = fill(self.tr("Done: %1. Refused: %2."), len(result.done), len(result.failed))
        if result.failed:
            details = "\n".join(f"#{case_id}: {describe(refusal)}" for case_id, refusal in result.failed[:20])
            QMessageBox.information(self, self.tr("Bulk action"), literal(f"{text}\n\n{details}"))
        self.statusBar().showMessage(text, 8000)

    # --- modes -----------------------------------------------------------------------------

    def toggle_help(self) -> None:
        if self.help.isVisible():
            self.help.hide()
        else:
            self.help.place()
            self.help.show()

    def toggle_wall(self, full_screen: bool = True) -> None:
        """Map and alerts only; full screen on the wall display, windowed for a screenshot."""
        self._wall = not self._wall
        self.queue_dock.setVisible(not self._wall)
        if self._wall:
            self.logbook_dock.setVisible(False)
            self.screening_dock.setVisible(False)
            self.workers_dock.setVisible(False)
        self.case_dock.setVisible(not self._wall)
        if self._wall:
            self.meetings_dock.setVisible(False)
            self.analysis_dock.setVisible(False)
            self.petitions_dock.setVisible(False)
            self.villagework_dock.setVisible(False)
        self.alerts_dock.setVisible(True)
        if self._wall and full_screen:
            self.showFullScreen()
        elif not self._wall and self.isFullScreen():
            self.showNormal()

    @property
    def wall_mode(self) -> bool:
        return self._wall

    # --- persistence -----------------------------------------------------------------------

    def _restore(self) -> None:
        geometry, state = self.ctx.settings.window_geometry, self.ctx.settings.window_state
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self._layout_restored = self.restoreState(state)
        # The queue filter was restored when the pane was built on it (see _initial_filter).

    def _initial_filter(self) -> QueueFilter:
        """The saved queue filter, or what a dispatcher starts on: open cases, least time left
        first (a town's staff: their own town's)."""
        saved = self.ctx.settings.queue_filter
        state = filter_state_from_json(saved) if saved else None
        if state is not None:
            return filter_from_dict(state)
        actor = self.ctx.actor
        if actor.role == Role.TOWN_STAFF and actor.town_id is not None:
            return QueueFilter(open_only=True, town_ids=frozenset({actor.town_id}), sort=SortKey.DUE)
        return QueueFilter(open_only=True, sort=SortKey.DUE)

    def save_settings(self) -> None:
        s = self.ctx.settings
        s.window_geometry = self.saveGeometry()
        s.window_state = self.saveState()
        s.queue_filter = self.queue.filter_state_json()
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        self.connection.stop()
        self.live.stop()
        self.stop_sweeper()
        self.runner.wait(5000)
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self.default_layout()
        QTimer.singleShot(0, self.tidy_dock_tab_bars)

    def tidy_dock_tab_bars(self) -> None:
        """Hide the dock tab bars Qt forgot (a QMainWindow bug also seen in PySide6 6.11).

        When a second area gets a tabbed group, Qt leaves the group's first tab bar visible at a
        stale place, over the queue ("Case | Meetings"). A tab bar in use touches a docked dock it
        names; one that touches none is such a leftover.
        """
        docks = [d for d in self.findChildren(QDockWidget) if d.isVisible() and not d.isFloating()]
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if not bar.isVisible():
                continue
            titles = {bar.tabText(i) for i in range(bar.count())}
            reach = bar.geometry().adjusted(-8, -8, 8, 8)
            if not any(d.windowTitle() in titles and d.geometry().intersects(reach) for d in docks):
                bar.hide()

    def default_layout(self) -> None:
        """Proportions that work from a 1280-pixel office PC to a wall display."""
        width = max(self.width(), 1024)
        self.resizeDocks(
            [self.queue_dock, self.case_dock],
            [int(width * 0.38), int(width * 0.27)],
            Qt.Orientation.Horizontal,
        )
        self.resizeDocks([self.alerts_dock], [max(180, int(self.height() * 0.24))], Qt.Orientation.Vertical)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._layout_restored and self.isVisible():
            self.default_layout()
        if self.help.isVisible():
            self.help.place()
