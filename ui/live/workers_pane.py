"""The worker list, a dock tab beside the queue (like Traccar's device list): status by the age of
the last fix, last seen, town and grid, battery; search by name, pinyin initials or phone; a click
locates the worker on the map. Read by ``desktop.live.worker_list`` in the background."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.ladder import Actor
from desktop.clock import to_local, utcnow
from desktop.live.worker_list import WorkerList, WorkerRow, worker_list
from desktop.store import SessionFactory
from ui.tables import filling
from ui.tasks import TaskRunner
from ui.text import fill, literal

translate = QCoreApplication.translate
# The map's colours for the three states (resources/map/bridge.js, STATUS_COLOURS).
STATUS_COLOURS = {"online": "#2e7d32", "stale": "#f9a825", "offline": "#9e9e9e"}
ID_ROLE = Qt.ItemDataRole.UserRole


def worker_status_label(status: str) -> str:
    return {
        "online": translate("Workers", "online"),
        "stale": translate("Workers", "stale"),
        "offline": translate("Workers", "offline"),
    }.get(status, status)


def seen_ago(last: dt.datetime | None, now: dt.datetime) -> str:
    """How long ago a worker last reported, in words a dispatcher reads at a glance."""
    if last is None:
        return translate("Workers", "never")
    minutes = max(0, int((now - last).total_seconds() // 60))
    if minutes < 1:
        return translate("Workers", "just now")
    if minutes < 60:
        return fill(translate("Workers", "%1 min ago"), minutes)
    if minutes < 48 * 60:
        return fill(translate("Workers", "%1 h ago"), minutes // 60)
    return to_local(last).strftime("%Y-%m-%d %H:%M")


class WorkersPane(QWidget):
    # A worker picked in the list: id and last position (None: never reported).
    workerActivated = Signal(int, object, object)

    SEARCH_DEBOUNCE_MS = 300
    REFRESH_MS = 30_000
    COLUMNS = 6

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
        self.setObjectName("WorkersPane")
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._clock = clock
        self._generation = 0
        self.rows: list[WorkerRow] = []
        self.last: WorkerList | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, pinyin initials or phone"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        bar.addWidget(self.search, 1)
        self.status_combo = QComboBox()
        self.status_combo.addItem(self.tr("All states"), None)
        for status in ("online", "stale", "offline"):
            self.status_combo.addItem(worker_status_label(status), status)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(self.status_combo)
        layout.addLayout(bar)
        self.summary = QLabel()
        self.summary.setObjectName("WorkersSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # an error may quote the server
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("State"),
                self.tr("Name"),
                self.tr("Last seen"),
                self.tr("Town / grid"),
                self.tr("Battery"),
                self.tr("Phone"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemClicked.connect(lambda item: self._activate(item.row()))
        self.table.itemActivated.connect(lambda item: self._activate(item.row()))
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh)
        # Statuses age without new fixes: read again now and then while the list is shown.
        self._timer = QTimer(self)
        self._timer.setInterval(self.REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)  # type: ignore[arg-type]
        self._timer.start()
        self.refresh()

    def hideEvent(self, event: object) -> None:  # noqa: N802
        super().hideEvent(event)  # type: ignore[arg-type]
        self._timer.stop()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        sessions, actor, now = self._sessions, self._actor, self._clock()
        text, status = self.search.text(), self.status_combo.currentData()

        def read() -> WorkerList:
            with sessions() as s:
                return worker_list(s, actor, text, status, now=now)

        def done(found: WorkerList) -> None:
            if generation == self._generation:  # a newer search is on its way
                self._show(found, now)

        self._runner.submit(read, done, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.summary.setText(fill(self.tr("The worker list could not be read: %1"), str(exc)))

    def _show(self, found: WorkerList, now: dt.datetime) -> None:
        self.last = found
        self.rows = found.rows
        counts = found.counts
        text = fill(
            self.tr("Online %1 · stale %2 · offline %3"), counts["online"], counts["stale"], counts["offline"]
        )
        if found.total > len(found.rows):
            text += "  " + fill(
                self.tr("(first %1 of %2 shown: search to narrow)"), len(found.rows), found.total
            )
        self.summary.setText(text)
        with filling(self.table):
            self._fill(found, now)

    def _fill(self, found: WorkerList, now: dt.datetime) -> None:
        self.table.setRowCount(len(found.rows))
        for r, row in enumerate(found.rows):
            state = QTableWidgetItem("● " + worker_status_label(row.status))
            state.setForeground(QBrush(QColor(STATUS_COLOURS.get(row.status, "#000"))))
            state.setData(ID_ROLE, row.id)
            battery = "—" if row.battery is None else f"{round(row.battery)}%"
            cells = [
                state,
                QTableWidgetItem(row.name),
                QTableWidgetItem(seen_ago(row.last_seen, now)),
                QTableWidgetItem(f"{row.town} · {row.grid}"),
                QTableWidgetItem(battery),
                QTableWidgetItem(row.phone),
            ]
            if row.last_seen is not None:
                cells[2].setToolTip(to_local(row.last_seen).strftime("%Y-%m-%d %H:%M:%S"))
            cells[3].setToolTip(literal(f"{row.town} · {row.grid} · {row.squad}"))
            if row.battery is not None and row.battery < 20:
                cells[4].setForeground(QBrush(QColor("#c62828")))
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, cell)

    def row_of(self, worker_id: int) -> int | None:
        for r, row in enumerate(self.rows):
            if row.id == worker_id:
                return r
        return None

    def _activate(self, r: int) -> None:
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            self.workerActivated.emit(row.id, row.lat, row.lon)
