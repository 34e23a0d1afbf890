"""The ticket queue pane: filter bar, presets, counters strip and the table over CaseQueueModel."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.cases import queue
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, SortKey
from desktop.clock import utcnow
from desktop.store import SessionFactory, SQLAlchemyError
from desktop.vocab import OPEN_STATUSES, Kind, Level, Role, Severity, Status
from ui.cases.queue_model import CaseQueueModel
from ui.flow import FlowLayout
from ui.labels import duration_label, kind_label, level_label, severity_label, status_label
from ui.settings import Settings
from ui.text import fill, menu_text

_OPEN = "open"  # the status combo's "any open status" entry
_TOGGLES = ("overdue", "near_due", "supervised", "awaiting_department", "mine")
# Open statuses in ladder order for the counters strip (OPEN_STATUSES is an unordered set).
_COUNTER_STATUSES = [s for s in Status if s in OPEN_STATUSES]


def filter_to_dict(flt: QueueFilter) -> dict[str, Any]:
    """A JSON-safe form of a filter, for settings and presets."""
    return {
        "statuses": sorted(str(s) for s in flt.statuses),
        "levels": sorted(int(v) for v in flt.levels),
        "town_ids": sorted(int(t) for t in flt.town_ids),
        "kinds": sorted(str(k) for k in flt.kinds),
        "min_severity": None if flt.min_severity is None else int(flt.min_severity),
        "overdue": flt.overdue,
        "near_due": flt.near_due,
        "supervised": flt.supervised,
        "mine": flt.mine,
        "awaiting_department": flt.awaiting_department,
        "department_id": flt.department_id,
        "open_only": flt.open_only,
        "text": flt.text,
        "sort": str(flt.sort),
    }


def filter_state_from_json(text: str) -> dict[str, Any] | None:
    """A saved filter state, or None for a damaged setting (the default filter applies)."""
    try:
        state = json.loads(text)
    except ValueError:
        return None
    return state if isinstance(state, dict) else None


def filter_from_dict(data: Mapping[str, Any]) -> QueueFilter:
    """The filter a saved dict describes; values this version does not know are dropped, so an
    old or hand-edited setting never stops the window from opening."""

    def members(key: str, convert: Callable[[Any], Any]) -> frozenset[Any]:
        out = set()
        raw = data.get(key)
        for value in raw if isinstance(raw, list) else []:
            try:
                out.add(convert(value))
            except (ValueError, TypeError):
                continue
        return frozenset(out)

    def enum_or_none(convert: Callable[[Any], Any], value: Any) -> Any:
        try:
            return None if value is None else convert(value)
        except (ValueError, TypeError):
            return None

    return QueueFilter(
        statuses=members("statuses", Status),
        levels=members("levels", Level),
        town_ids=members("town_ids", int),
        kinds=members("kinds", Kind),
        min_severity=enum_or_none(Severity, data.get("min_severity")),
        overdue=bool(data.get("overdue", False)),
        near_due=bool(data.get("near_due", False)),
        supervised=bool(data.get("supervised", False)),
        mine=bool(data.get("mine", False)),
        awaiting_department=bool(data.get("awaiting_department", False)),
        department_id=enum_or_none(int, data.get("department_id")),
        open_only=bool(data.get("open_only", False)),
        text=str(data.get("text", "") or ""),
        sort=enum_or_none(SortKey, data.get("sort")) or SortKey.UPDATED,
    )


class QueuePane(QWidget):
    """Filter bar, preset menu and counters above the queue table.

    Filters run in SQL through the model; the search box waits for a pause in typing before it
    queries. Live updates reach the model as narrow signals, and the pane keeps the rows the user
    is looking at in place when rows are inserted above them.
    """

    caseSelected = Signal(int)  # the current row's case changed
    selectionChangedIds = Signal(list)  # all selected case ids, for bulk actions
    filterChanged = Signal(object)  # the QueueFilter now applied

    SEARCH_DEBOUNCE_MS = 300
    COUNTERS_DELAY_MS = 1000
    SELECT_MAX_PAGES = 10  # select_case reads at most this many more pages to find a case

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        settings: Settings | QSettings | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
        model: CaseQueueModel | None = None,
        background: bool = True,
        initial_filter: QueueFilter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("QueuePane")
        self._sessions = sessions
        self._actor = actor
        self._settings = Settings.maybe(settings)
        self._memory_presets: list[dict[str, Any]] = []  # used when no settings object is given
        self._last_case_id: int | None = None
        self._reselect_id: int | None = None
        self._select_first_on_load = False  # next_case() asked while the first page was read
        self._scroll_anchor: tuple[int, int] | None = None  # (case id, y) held during a live merge
        # The window reads the queue on worker threads (see CaseQueueModel); the GUI never waits.
        # ``initial_filter`` is the filter the window opens on, so the first page read (before
        # the window shows) is the right one and restoring it costs no second read.
        self.model = model or CaseQueueModel(
            sessions, actor, clock, self, flt=initial_filter, background=background
        )

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        # Live updates can arrive every second; counting once after a burst is enough.
        self._counters_timer = QTimer(self)
        self._counters_timer.setSingleShot(True)
        self._counters_timer.setInterval(self.COUNTERS_DELAY_MS)
        self._counters_timer.timeout.connect(self.refresh_counters)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(self._build_search_row())
        # Three short lines instead of one long one: the pane must fit beside the map at 1280 px.
        # Filters, toggles and counters wrap onto another line rather than widen the pane: the
        # queue, map and case panel must fit side by side on a 1280-pixel screen in any language.
        self.toggle_row = FlowLayout()
        layout.addLayout(self._build_filter_row())
        layout.addLayout(self.toggle_row)
        self.counters_strip = QWidget(self)
        self.counters_strip.setObjectName("QueueCounters")
        counter_lines = QVBoxLayout(self.counters_strip)
        counter_lines.setContentsMargins(0, 0, 0, 0)
        counter_lines.setSpacing(2)
        self._counter_lines = (FlowLayout(spacing=2), FlowLayout(spacing=2))
        for line in self._counter_lines:
            counter_lines.addLayout(line)
        self.counter_buttons: dict[str, QToolButton] = {}
        self._build_counters()
        layout.addWidget(self.counters_strip)
        self.loading_label = QLabel(self.tr("Loading…"), self)
        self.loading_label.setObjectName("QueueLoading")
        self.loading_label.setStyleSheet("color: palette(mid)")
        # The label keeps its space when hidden, so the table does not jump as reads come and go.
        policy = self.loading_label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.loading_label.setSizePolicy(policy)
        self.loading_label.setVisible(self.model.loading)
        layout.addWidget(self.loading_label)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)

        self.model.filterChanged.connect(self._model_filter_changed)
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.loadingChanged.connect(self._loading_changed)
        self.model.aboutToMergeChanges.connect(self._hold_scroll)
        self.model.changesMerged.connect(self._restore_scroll)
        self._set_widgets(self.model.current_filter)
        self.refresh_counters()

    # --- construction ----------------------------------------------------------------------

    def _build_search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("QueueSearch")
        self.search.setPlaceholderText(self.tr("Search number, title, place or pinyin initials (e.g. dgjd)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._apply_filter)
        row.addWidget(self.search, 1)

        self.presets_button = QToolButton(self)
        self.presets_button.setText(self.tr("Presets"))
        self.presets_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.presets_menu = QMenu(self.presets_button)
        self.presets_menu.aboutToShow.connect(self._fill_presets_menu)
        self.presets_button.setMenu(self.presets_menu)
        # Never narrower than its text and the menu arrow.
        self.presets_button.setMinimumWidth(self.presets_button.sizeHint().width())
        row.addWidget(self.presets_button)

        clear = QToolButton(self)
        clear.setText(self.tr("Clear filters"))
        clear.clicked.connect(self.clear_filters)
        row.addWidget(clear)
        return row

    def _combo(self, items: Iterable[tuple[str, Any]], tip: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setToolTip(tip)
        for label, value in items:
            combo.addItem(label, value)
        # As wide as its longest entry, never clipped: the filter row wraps instead (FlowLayout).
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.currentIndexChanged.connect(self._apply_filter)
        return combo

    def _build_filter_row(self) -> FlowLayout:
        row = FlowLayout()
        self.status_combo = self._combo(
            [(self.tr("All statuses"), None), (self.tr("Open"), _OPEN)]
            + [(status_label(s), str(s)) for s in Status],
            self.tr("Status"),
        )
        self.level_combo = self._combo(
            [(self.tr("All levels"), None)] + [(level_label(v), int(v)) for v in Level], self.tr("Level")
        )
        self.town_combo = self._combo([(self.tr("All towns"), None)], self.tr("Town"))
        self._fill_towns()
        self.kind_combo = self._combo(
            [(self.tr("All kinds"), None)] + [(kind_label(k), str(k)) for k in Kind], self.tr("Kind")
        )
        self.severity_combo = self._combo(
            [(self.tr("Any severity"), None)]
            + [
                (fill(self.tr("%1 or above"), severity_label(s)), int(s))
                for s in Severity
                if s not in (Severity.GENERAL, Severity.CRITICAL)
            ]
            + [(severity_label(Severity.CRITICAL), int(Severity.CRITICAL))],
            self.tr("Minimum severity"),
        )
        for combo in (
            self.status_combo,
            self.level_combo,
            self.town_combo,
            self.kind_combo,
            self.severity_combo,
        ):
            row.addWidget(combo)
        texts = {
            "overdue": (self.tr("Overdue"), self.tr("Open cases past their SLA deadline")),
            "near_due": (self.tr("Near due"), self.tr("Open cases in the SLA warning period")),
            "supervised": (self.tr("Supervised"), self.tr("Cases under an open supervision order")),
            "awaiting_department": (
                self.tr("Awaiting department"),
                self.tr("Open cases with a department's work outstanding: an action item or an assignment"),
            ),
            "mine": (self.tr("Mine"), self.tr("Assigned to me or to my unit")),
        }
        self.toggles: dict[str, QToolButton] = {}
        for key in _TOGGLES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setText(texts[key][0])
            button.setToolTip(texts[key][1])
            button.toggled.connect(self._apply_filter)
            self.toggles[key] = button
            self.toggle_row.addWidget(button)
        return row

    def _fill_towns(self) -> None:
        try:
            with self._sessions() as s:
                towns = queue.town_choices(s, self._actor)
        except SQLAlchemyError:
            towns = []  # the filter still works without the list; the queue reports the error
        current = self.town_combo.currentData()
        with QSignalBlocker(self.town_combo):
            while self.town_combo.count() > 1:
                self.town_combo.removeItem(1)
            for town_id, name in towns:
                self.town_combo.addItem(name, town_id)
            found = self.town_combo.findData(current)
            self.town_combo.setCurrentIndex(max(found, 0))
        # Town staff see one town only; a choice of one is noise.
        self.town_combo.setVisible(self._actor.role != Role.TOWN_STAFF)

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("QueueTable")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Pixel scrolling lets apply_changes hold the visible rows still when rows arrive above.
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        fm = table.fontMetrics()
        table.verticalHeader().setDefaultSectionSize(fm.height() + 8)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        m = CaseQueueModel
        pad = 24
        widths = {
            m.COL_NUMBER: fm.horizontalAdvance("PD-2026-000000") + pad,
            m.COL_TITLE: fm.horizontalAdvance("M") * 16,
            m.COL_PLACE: fm.horizontalAdvance("M") * 12,
            m.COL_KIND: fm.horizontalAdvance("M") * 9,
            m.COL_SEVERITY: fm.horizontalAdvance("Critical") + pad,
            m.COL_LEVEL: fm.horizontalAdvance("Village") + pad,
            m.COL_STATUS: fm.horizontalAdvance("In progress") + pad,
            m.COL_SLA: max(
                fm.horizontalAdvance(duration_label(-dt.timedelta(days=2, hours=23))),
                fm.horizontalAdvance(duration_label(-dt.timedelta(days=999))),
            )
            + pad,
            m.COL_ASSIGNEE: fm.horizontalAdvance("M") * 8,
            m.COL_UPDATED: fm.horizontalAdvance("2026-11-20 10:00") + pad,
        }
        for col, width in widths.items():
            header.resizeSection(col, width)
        # What a dispatcher scans first — time left and state — comes right after the title, so
        # it stays in view on a narrow screen; the user may still drag columns around.
        for visual, col in enumerate(
            (m.COL_NUMBER, m.COL_TITLE, m.COL_SLA, m.COL_STATUS, m.COL_LEVEL, m.COL_SEVERITY)
        ):
            header.moveSection(header.visualIndex(col), visual)
        # The indicator is set before sorting is enabled: enabling sorts by the indicator at once.
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        table.setSortingEnabled(True)
        # Connected after the view's own handler, so it runs once the model has (or has not) sorted.
        header.sortIndicatorChanged.connect(self._sync_sort_indicator)
        selection = table.selectionModel()
        selection.currentRowChanged.connect(self._current_row_changed)
        selection.selectionChanged.connect(self._selection_changed)
        return table

    # --- filter ----------------------------------------------------------------------------

    def current_filter(self) -> QueueFilter:
        return self.model.current_filter

    def _filter_from_widgets(self) -> QueueFilter:
        status = self.status_combo.currentData()
        level = self.level_combo.currentData()
        town = self.town_combo.currentData()
        kind = self.kind_combo.currentData()
        severity = self.severity_combo.currentData()
        return QueueFilter(
            statuses=frozenset({Status(status)}) if status not in (None, _OPEN) else frozenset(),
            levels=frozenset({Level(level)}) if level is not None else frozenset(),
            town_ids=frozenset({int(town)}) if town is not None else frozenset(),
            kinds=frozenset({Kind(kind)}) if kind is not None else frozenset(),
            min_severity=Severity(severity) if severity is not None else None,
            overdue=self.toggles["overdue"].isChecked(),
            near_due=self.toggles["near_due"].isChecked(),
            supervised=self.toggles["supervised"].isChecked(),
            mine=self.toggles["mine"].isChecked(),
            awaiting_department=self.toggles["awaiting_department"].isChecked(),
            # A department's own staff see what waits on their department, not on any.
            department_id=queue.own_department(self._actor)
            if self.toggles["awaiting_department"].isChecked()
            else None,
            open_only=status == _OPEN,
            text=self.search.text().strip(),
            sort=self.model.current_filter.sort,
        )

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        flt = self._filter_from_widgets()
        if flt != self.model.current_filter:
            self.model.set_filter(flt)

    def set_filter(self, flt: QueueFilter) -> None:
        """Show a filter (sort included), updating the filter bar to match."""
        self._search_timer.stop()
        self._set_widgets(flt)
        self.model.set_filter(self._filter_from_widgets().with_(sort=flt.sort))

    def clear_filters(self) -> None:
        self.set_filter(QueueFilter(sort=self.model.current_filter.sort))

    def _set_widgets(self, flt: QueueFilter) -> None:
        """Put a filter into the widgets without querying; sets of several values (only possible
        from a hand-edited setting) keep their first value, as the combos pick one."""

        def pick(combo: QComboBox, value: Any) -> None:
            with QSignalBlocker(combo):
                combo.setCurrentIndex(max(combo.findData(value), 0))

        status: Any = min(str(s) for s in flt.statuses) if flt.statuses else None
        pick(self.status_combo, _OPEN if status is None and flt.open_only else status)
        pick(self.level_combo, min(int(v) for v in flt.levels) if flt.levels else None)
        pick(self.town_combo, min(flt.town_ids) if flt.town_ids else None)
        pick(self.kind_combo, min(str(k) for k in flt.kinds) if flt.kinds else None)
        pick(self.severity_combo, None if flt.min_severity is None else int(flt.min_severity))
        for key, button in self.toggles.items():
            with QSignalBlocker(button):
                button.setChecked(bool(getattr(flt, key)))
        with QSignalBlocker(self.search):
            self.search.setText(flt.text)

    def _model_filter_changed(self, flt: QueueFilter) -> None:
        self._sync_sort_indicator()
        self.filterChanged.emit(flt)

    def _sync_sort_indicator(self, *_args: object) -> None:
        """Show the order the model really uses: each key has one direction, and columns SQL
        cannot sort on an index are not sorted at all."""
        header = self.table.horizontalHeader()
        col, order = self.model.sort_column(), self.model.sort_order()
        if header.sortIndicatorSection() != col or header.sortIndicatorOrder() != order:
            with QSignalBlocker(header):
                header.setSortIndicator(col, order)
            header.viewport().update()

    def filter_state(self) -> dict[str, Any]:
        """The filter as shown in the bar (including text still waiting for the debounce)."""
        return filter_to_dict(self._filter_from_widgets())

    def restore_filter_state(self, state: Mapping[str, Any]) -> None:
        self.set_filter(filter_from_dict(state))

    def filter_state_json(self) -> str:
        return json.dumps(self.filter_state(), ensure_ascii=False)

    def restore_filter_state_json(self, text: str) -> None:
        state = filter_state_from_json(text)
        if state is not None:
            self.restore_filter_state(state)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- presets ---------------------------------------------------------------------------

    def builtin_presets(self) -> list[tuple[str, QueueFilter]]:
        if self._actor.town_id is not None:
            overdue = (
                self.tr("My town's overdue"),
                QueueFilter(town_ids=frozenset({self._actor.town_id}), overdue=True, sort=SortKey.DUE),
            )
        else:
            overdue = (self.tr("My overdue"), QueueFilter(mine=True, overdue=True, sort=SortKey.DUE))
        return [
            overdue,
            (
                self.tr("City-level supervision"),
                QueueFilter(levels=frozenset({Level.CITY}), supervised=True, sort=SortKey.DUE),
            ),
            # QueueFilter has no time window, so "escalated today" reads as newest escalations first.
            (
                self.tr("Escalated, newest first"),
                QueueFilter(statuses=frozenset({Status.ESCALATED}), sort=SortKey.UPDATED),
            ),
            (
                self.tr("Serious and critical, open"),
                QueueFilter(min_severity=Severity.SERIOUS, open_only=True, sort=SortKey.DUE),
            ),
            (self.tr("Near due"), QueueFilter(near_due=True, sort=SortKey.DUE)),
            (self.tr("Awaiting department"), self.awaiting_preset()),
        ]

    def awaiting_preset(self) -> QueueFilter:
        """The built-in "Awaiting department" preset (also what its counter applies)."""
        return QueueFilter(
            awaiting_department=True, department_id=queue.own_department(self._actor), sort=SortKey.DUE
        )

    def saved_presets(self) -> list[tuple[str, QueueFilter]]:
        return [(str(p["name"]), filter_from_dict(p.get("filter", {}))) for p in self._load_presets()]

    def _load_presets(self) -> list[dict[str, Any]]:
        if self._settings is None:
            return list(self._memory_presets)
        return self._settings.queue_presets

    def _store_presets(self, presets: list[dict[str, Any]]) -> None:
        if self._settings is None:
            self._memory_presets = presets
            return
        self._settings.queue_presets = presets

    def save_preset(self, name: str) -> None:
        """Save the current filter under a name (replacing a preset of the same name)."""
        name = name.strip()
        if not name:
            return
        presets = [p for p in self._load_presets() if p["name"] != name]
        presets.append({"name": name, "filter": self.filter_state()})
        self._store_presets(presets)

    def delete_preset(self, name: str) -> None:
        self._store_presets([p for p in self._load_presets() if p["name"] != name])

    def _fill_presets_menu(self) -> None:
        menu = self.presets_menu
        menu.clear()
        for name, flt in self.builtin_presets():
            menu.addAction(name).triggered.connect(lambda _=False, f=flt: self.set_filter(f))
        saved = self.saved_presets()
        if saved:
            menu.addSeparator()
            for name, flt in saved:  # named by users
                menu.addAction(menu_text(name)).triggered.connect(lambda _=False, f=flt: self.set_filter(f))
        menu.addSeparator()
        save = QAction(self.tr("Save current filter as preset…"), menu)
        save.triggered.connect(self._ask_preset_name)
        menu.addAction(save)
        if saved:
            delete = menu.addMenu(self.tr("Delete preset"))
            for name, _flt in saved:
                delete.addAction(menu_text(name)).triggered.connect(
                    lambda _=False, n=name: self.delete_preset(n)
                )

    def _ask_preset_name(self) -> None:
        # open() rather than exec(): a nested event loop breaks under qasync (see ARCHITECTURE).
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save preset"))
        dialog.setLabelText(self.tr("Name of the preset:"))
        dialog.textValueSelected.connect(self.save_preset)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- counters --------------------------------------------------------------------------

    def _build_counters(self) -> None:
        entries: list[tuple[str, str]] = [
            (f"status:{s}", fill(self.tr("Show only cases that are %1"), status_label(s)))
            for s in _COUNTER_STATUSES
        ]
        entries += [
            (
                f"level:{int(v)}",
                fill(self.tr("Show only open cases at %1 level"), level_label(v)),
            )
            for v in Level
        ]
        entries += [
            ("overdue", self.tr("Show only overdue cases")),
            ("supervised", self.tr("Show only supervised cases")),
            ("awaiting_department", self.tr("Show only open cases awaiting a department")),
        ]
        for key, tip in entries:
            button = QToolButton(self.counters_strip)
            button.setAutoRaise(True)
            button.setToolTip(tip)
            button.clicked.connect(lambda _=False, k=key: self._counter_clicked(k))
            if key == "overdue":
                button.setStyleSheet("color: #c62828")
            # Statuses on the first line, levels, the two alarms and awaiting on the second (each
            # wraps when the pane is narrow).
            self._counter_lines[0 if key.startswith("status:") else 1].addWidget(button)
            self.counter_buttons[key] = button

    def _counter_label(self, key: str) -> str:
        kind, _, value = key.partition(":")
        if kind == "status":
            return status_label(value)
        if kind == "level":
            return level_label(int(value))
        if kind == "overdue":
            return self.tr("Overdue")
        if kind == "awaiting_department":
            return self.tr("Awaiting department")
        return self.tr("Supervised")

    def refresh_counters(self) -> None:
        # On a worker in the window; on failure the last counts stay (the queue reports trouble).
        self.model.request_counters(self._show_counters, lambda _exc: None)

    def _show_counters(self, counts: dict[str, int]) -> None:
        for key, button in self.counter_buttons.items():
            button.setText(f"{self._counter_label(key)} {counts.get(key, 0)}")

    def _counter_clicked(self, key: str) -> None:
        """Counters are shortcuts into the filter bar; a second click on the same one clears it."""
        kind, _, value = key.partition(":")
        if kind == "status":
            target = self.status_combo.findData(value)
            same = self.status_combo.currentIndex() == target
            self.status_combo.setCurrentIndex(0 if same else target)
        elif kind == "level":
            # The counts are of open cases, so the filter they lead to shows open cases too.
            target = self.level_combo.findData(int(value))
            same = self.level_combo.currentIndex() == target
            with QSignalBlocker(self.level_combo):
                self.level_combo.setCurrentIndex(0 if same else target)
            if not same and self.status_combo.currentData() is None:
                with QSignalBlocker(self.status_combo):
                    self.status_combo.setCurrentIndex(self.status_combo.findData(_OPEN))
            self._apply_filter()
        elif kind == "awaiting_department" and not self.toggles[kind].isChecked():
            # Its count is of all open cases in scope awaiting a department, so the click shows
            # exactly those: the built-in preset, not the toggle added to whatever is filtered.
            self.set_filter(self.awaiting_preset())
        else:
            self.toggles[kind].toggle()

    # --- selection -------------------------------------------------------------------------

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        case_id = self.model.case_id_at(current.row())
        if case_id != self._last_case_id:
            self._last_case_id = case_id
            self.caseSelected.emit(case_id)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.selectionChangedIds.emit(self.selected_ids())

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.case_id_at(r) for r in rows]

    def current_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.case_id_at(index.row()) if index.isValid() else None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def select_case(self, case_id: int) -> bool:
        """Select a case's row, reading further pages (up to SELECT_MAX_PAGES) when it is not
        loaded yet; a case the filter hides reads no pages. True when the row is selected by
        the time this returns; with a background model the pages are read on a worker and the
        row is selected when they arrive (unless the user has moved on to another case)."""
        result: list[int | None] = []
        before = self.current_case_id()

        def found(row: int | None) -> None:
            result.append(row)
            # A late answer must not pull the selection away from where the user went since.
            if row is not None and self.current_case_id() == before:
                self._select_row(row)

        self.model.locate(case_id, self.SELECT_MAX_PAGES, found)
        return bool(result) and result[0] is not None

    def next_case(self) -> None:
        """Move the selection one row down (reading the next page at the end of the loaded rows)."""
        if self.model.loading and self.model.rowCount() == 0:
            self._select_first_on_load = True  # the first page is on its way
            return
        current = self.table.currentIndex()
        row = current.row() + 1 if current.isValid() else 0
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
            if self.model.loading:  # the page is read on a worker: select when it comes
                self.model.when_idle(lambda r=row: self._select_if_loaded(r))
                return
        if row < self.model.rowCount():
            self._select_row(row)

    def _select_if_loaded(self, row: int) -> None:
        if row < self.model.rowCount():
            self._select_row(row)

    def _before_reset(self) -> None:
        self._reselect_id = self.current_case_id()

    def _after_reset(self) -> None:
        # A new filter or sort keeps the case the user was on, when it is still in the first page.
        case_id, self._reselect_id = self._reselect_id, None
        row = self.model.row_of(case_id) if case_id is not None else None
        if row is not None:
            self._select_row(row)
        elif self._select_first_on_load and self.model.rowCount() > 0:
            self._select_row(0)
        self._select_first_on_load = False

    def _loading_changed(self, busy: bool) -> None:
        self.loading_label.setVisible(busy)
        # The table stays usable: the rows shown are the last ones read until the new ones arrive.
        self.table.setProperty("loading", busy)

    # --- live updates and reloads ----------------------------------------------------------

    def apply_changes(self, case_ids: Iterable[int]) -> None:
        """Pass changed cases to the model; the rows in view are held still while it merges them
        (_hold_scroll / _restore_scroll run around the merge, whenever its read comes back)."""
        self.model.apply_changes(list(case_ids))
        self._counters_timer.start()

    def _hold_scroll(self) -> None:
        self._scroll_anchor = None
        if self.table.verticalScrollBar().value() > 0:
            top = self.table.rowAt(0)
            if top >= 0:
                self._scroll_anchor = (self.model.case_id_at(top), self.table.rowViewportPosition(top))

    def _restore_scroll(self) -> None:
        anchor, self._scroll_anchor = self._scroll_anchor, None
        if anchor is None:
            return
        row = self.model.row_of(anchor[0])
        if row is not None:
            shift = self.table.rowViewportPosition(row) - anchor[1]
            if shift:
                scrollbar = self.table.verticalScrollBar()
                scrollbar.setValue(scrollbar.value() + shift)

    def reload(self) -> None:
        self._fill_towns()
        self.model.reload()
        self.refresh_counters()
