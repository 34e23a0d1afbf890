"""Track replay (轨迹回放): a window with its own map replaying one worker's day, its stops, grid
enter/exit events and field reports checked against the track, a day summary card, the current
out-of-grid / no-movement alerts, and the patrol coverage table of a town or squad."""

from __future__ import annotations

import atexit
import base64
import datetime as dt
import hashlib
import json
import re
import shutil
import tempfile
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import folium
import shiboken6
from branca.element import MacroElement
from jinja2 import Template
from PySide6.QtCore import QDate, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.ladder import Actor
from desktop.clock import CHINA_TZ, utcnow
from desktop.live import tracks
from desktop.store import SessionFactory
from ui.live.map_view import LEAFLET_DIR, RESOURCES
from ui.refusals import describe
from ui.tables import filling
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

SPEEDS = (1, 5, 10, 30, 60, 300, 600)
_LIVE: weakref.WeakSet[ReplayMap] = weakref.WeakSet()
TICK_MS = 100
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


# --- the page ---------------------------------------------------------------------------------


class _ReplayMap(folium.Map):
    """folium's map with local scripts only: Leaflet from the installed package and replay.js."""

    default_js = [
        ("leaflet", (LEAFLET_DIR / "leaflet.js").as_uri()),
        ("concord_replay", (RESOURCES / "replay.js").as_uri()),
    ]
    default_css = [
        ("leaflet_css", (LEAFLET_DIR / "leaflet.css").as_uri()),
        ("concord_css", (RESOURCES / "map.css").as_uri()),
    ]


class _ReplayInit(MacroElement):
    _template = Template(
        "{% macro script(this, kwargs) %}Replay.init({{ this._parent.get_name() }}, {{ this.config }});{% endmacro %}"
    )

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ReplayInit"
        text = json.dumps(config, ensure_ascii=False)
        self.config = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_replay_page(labels: dict[str, str]) -> str:
    """The page as HTML with a Content-Security-Policy: only local files and our inline scripts."""
    fmap = _ReplayMap(
        location=[36.78, 119.96],
        zoom_start=13,
        tiles=None,
        prefer_canvas=True,
        attribution_control=False,
        zoom_snap=0.5,
    )
    fmap.add_child(_ReplayInit({"labels": labels}))
    html: str = fmap.get_root().render()
    hashes = " ".join(
        sorted(
            {
                "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
                for body in _INLINE_SCRIPT.findall(html)
            }
        )
    )
    policy = (
        f"default-src 'none'; script-src file: {hashes}; style-src file: 'unsafe-inline'; "
        "img-src file: data:; font-src file: data:"
    )
    return html.replace(
        "<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" content="{policy}" />', 1
    )


class _Page(QWebEnginePage):
    """Stays on its page: no link or script navigates the replay map anywhere else."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.page_url = QUrl()

    def acceptNavigationRequest(
        self, url: QUrl | str, type_: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        return is_main_frame and QUrl(url) == self.page_url


class ReplayMap(QWidget):
    """The replay's own map: calls into the page queued until it has loaded."""

    ready = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ready = False
        self._queue: list[str] = []
        self._dir = Path(tempfile.mkdtemp(prefix="concord-replay-"))
        weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        self.view = QWebEngineView(self)
        self._profile = QWebEngineProfile()  # off the record: nothing on disk
        self.page = _Page(self._profile, self.view)
        self._profile.setParent(self.page)
        settings = self.page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        self.view.setPage(self.page)
        self.page.loadFinished.connect(self._loaded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        _LIVE.add(self)

    @property
    def page_ready(self) -> bool:
        return self._ready

    def load(self, labels: dict[str, str]) -> None:
        path = self._dir / "replay.html"
        path.write_text(render_replay_page(labels), encoding="utf-8")
        url = QUrl.fromLocalFile(str(path))
        self.page.page_url = url
        self.page.load(url)

    def _loaded(self, ok: bool) -> None:
        if not ok:
            return
        self._ready = True
        queued, self._queue = self._queue, []
        for script in queued:
            self.page.runJavaScript(script)
        self.ready.emit()

    def call(self, fn: str, *args: Any) -> None:
        script = f"Replay.{fn}({','.join(json.dumps(a, ensure_ascii=False) for a in args)});"
        if self._ready:
            self.page.runJavaScript(script)
        else:
            self._queue.append(script)

    def evaluate(self, script: str, callback: Callable[[Any], None]) -> None:
        self.page.runJavaScript(script, 0, callback)

    def release(self) -> None:
        self._ready = False
        if shiboken6.isValid(self.page):
            shiboken6.delete(self.page)


@atexit.register
def _release_pages() -> None:
    """A page still alive when the application object goes makes QtWebEngine warn (and may crash
    the exit); delete them first, as ui.live.map_view does for the main map."""
    for view in list(_LIVE):
        if shiboken6.isValid(view):
            view.release()


# --- formatting ---------------------------------------------------------------------------------


def _clock(value: dt.datetime | None) -> str:
    return "—" if value is None else value.astimezone(CHINA_TZ).strftime("%H:%M")


def _hours(seconds: float) -> str:
    minutes = int(round(seconds / 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def _item(text: str, data: Any = None, colour: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if colour:
        item.setForeground(QColor(colour))
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


# --- the window ---------------------------------------------------------------------------------


class ReplayWindow(QWidget):
    """轨迹回放. Reads run in the background (desktop.live.tracks); the map is driven by a timer."""

    dayLoaded = Signal()
    message = Signal(str)

    def __init__(self, sessions: SessionFactory, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("ReplayWindow")
        self.setWindowTitle(self.tr("Track replay"))
        self._sessions = sessions
        self._actor = actor
        self.runner = TaskRunner(self)
        self.day: tracks.TrackDay | None = None
        self._start = self._end = 0
        self._generation = 0
        self.loading = False
        self.coverage_rows: list[tracks.CoverageRow] = []
        self.alerts: list[tracks.TrackAlert] = []
        self.workers: list[dict[str, Any]] = []
        self.no_positions = False  # open_newest found none in scope

        # Top bar: worker, day, load.
        self.worker_box = QComboBox()
        self.worker_box.setEditable(True)
        self.worker_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.worker_box.setMinimumWidth(360)
        completer = self.worker_box.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        today = utcnow().astimezone(CHINA_TZ).date()
        self.date_edit.setDate(QDate(today.year, today.month, today.day))
        self.load_button = QPushButton(self.tr("Show track"))
        self.load_button.clicked.connect(lambda: self.load_selected())
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Worker")))
        top.addWidget(self.worker_box)
        top.addWidget(QLabel(self.tr("Day")))
        top.addWidget(self.date_edit)
        top.addWidget(self.load_button)
        top.addStretch(1)

        # The map and the player under it.
        self.map = ReplayMap(self)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setCheckable(True)
        self.play_button.toggled.connect(self._play_toggled)
        self.speed_box = QComboBox()
        for speed in SPEEDS:
            self.speed_box.addItem(f"{speed}×", speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(60))
        self.speed_box.currentIndexChanged.connect(self._speed_changed)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 0)
        self.slider.valueChanged.connect(self._slider_moved)
        self.time_label = plain_label("--:--:--")
        player = QHBoxLayout()
        player.addWidget(self.play_button)
        player.addWidget(QLabel(self.tr("Speed")))
        player.addWidget(self.speed_box)
        player.addWidget(self.slider, 1)
        player.addWidget(self.time_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.map, 1)
        left_layout.addLayout(player)

        # Beside the map: the day summary card, then the tabs.
        self.card = QGroupBox(self.tr("Day summary"))
        form = QFormLayout(self.card)
        form.setContentsMargins(8, 4, 8, 4)
        form.setVerticalSpacing(2)
        self.card_values: dict[str, QLabel] = {}
        for key, label in (
            ("worker", self.tr("Worker")),
            ("fixes", self.tr("Fixes (valid)")),
            ("mock", self.tr("Mock locations")),
            ("coarse", self.tr("Low accuracy")),
            ("span", self.tr("First – last fix")),
            ("distance", self.tr("Distance")),
            ("in_grid", self.tr("In own grid / reporting")),
            ("coverage", self.tr("Grid visited")),
            ("stops", self.tr("Stops / grid exits")),
            ("far", self.tr("Reports off the track")),
        ):
            value = plain_label("—")
            value.setWordWrap(True)
            self.card_values[key] = value
            form.addRow(label, value)
        self.tabs = QTabWidget()
        self.events_table = _table([self.tr("Time"), self.tr("Event"), self.tr("Grid")])
        self.stops_table = _table([self.tr("From"), self.tr("To"), self.tr("Minutes")])
        self.cases_table = _table(
            [self.tr("Case"), self.tr("Reported"), self.tr("Distance"), self.tr("Check")]
        )
        for table in (self.events_table, self.stops_table, self.cases_table):
            table.cellDoubleClicked.connect(lambda row, _col, t=table: self._jump(t, row))
            table.cellClicked.connect(lambda row, _col, t=table: self._jump(t, row))
        self.tabs.addTab(self.events_table, self.tr("Grid enter/exit"))
        self.tabs.addTab(self.stops_table, self.tr("Stops"))
        self.tabs.addTab(self.cases_table, self.tr("Reports"))
        self.tabs.addTab(self._alerts_tab(), self.tr("Alerts"))
        self.tabs.addTab(self._coverage_tab(), self.tr("Patrol coverage"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.card)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.status = plain_label()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status)

        self._sized = False
        self._play_from = (0, 0.0)  # (slider value, monotonic time) the current play runs from
        self._ticking = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.resize(1400, 860)
        self.map.load(self._labels())
        self._load_choices()

    # --- construction ---

    def _labels(self) -> dict[str, str]:
        return {
            "mock": self.tr("Mock location"),
            "coarse": self.tr("Low accuracy"),
            "stop": self.tr("Stop"),
            "minutes": self.tr("min"),
            "exit": self.tr("Left the grid"),
            "enter": self.tr("Entered the grid"),
            "far": self.tr("far from the track"),
            "no_track": self.tr("no track at that time"),
        }

    def _alerts_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        hint = plain_label(
            fill(
                self.tr(
                    "During working hours: out of the own grid for more than %1 min, or no movement "
                    "beyond %2 m for more than %3 min while reporting."
                ),
                tracks.OUT_OF_GRID_MIN,
                int(tracks.STILL_M),
                tracks.STILL_MIN,
            )
        )
        hint.setWordWrap(True)
        self.alerts_table = _table(
            [self.tr("Alert"), self.tr("Worker"), self.tr("Since"), self.tr("Minutes")]
        )
        self.alerts_table.cellDoubleClicked.connect(self._alert_activated)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(lambda: self.refresh_alerts())
        layout.addWidget(hint)
        layout.addWidget(self.alerts_table, 1)
        layout.addWidget(refresh, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    def _coverage_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.unit_box = QComboBox()
        self.cover_from = QDateEdit()
        self.cover_to = QDateEdit()
        for edit in (self.cover_from, self.cover_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(self.date_edit.date())
        self.cover_button = QPushButton(self.tr("Compute"))
        self.cover_button.clicked.connect(lambda: self.compute_coverage())
        row1 = QHBoxLayout()
        row1.addWidget(QLabel(self.tr("Unit")))
        row1.addWidget(self.unit_box, 1)
        row2 = QHBoxLayout()
        row2.addWidget(QLabel(self.tr("From")))
        row2.addWidget(self.cover_from)
        row2.addWidget(QLabel(self.tr("to")))
        row2.addWidget(self.cover_to)
        row2.addStretch(1)
        row2.addWidget(self.cover_button)
        self.coverage_table = _table(
            [
                self.tr("Worker"),
                self.tr("Squad"),
                self.tr("Days"),
                self.tr("In grid"),
                self.tr("Reporting"),
                self.tr("km"),
                self.tr("Grid visited"),
                self.tr("Mock"),
                self.tr("Low acc."),
            ]
        )
        self.coverage_table.cellDoubleClicked.connect(self._coverage_activated)
        layout.addLayout(row1)
        layout.addLayout(row2)
        layout.addWidget(self.coverage_table, 1)
        return tab

    def _load_choices(self) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            with sessions() as s:
                return tracks.list_workers(s, actor), tracks.list_units(s, actor)

        self.runner.submit(read, self._choices_loaded, self._failed)

    def _choices_loaded(self, found: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        workers, units = found
        self.workers = workers
        wanted = self.worker_box.currentData()
        self.worker_box.blockSignals(True)
        self.worker_box.clear()
        for w in workers:
            # Pinyin initials in the text: the completer finds 刘金文 by typing "ljw" too.
            initials = f" {w['pinyin']}" if w["pinyin"] else ""
            self.worker_box.addItem(
                f"{w['name']}{initials} · {w['town']} · {w['squad']} · {w['grid']}", w["id"]
            )
        if wanted is not None:
            self.select_worker(int(wanted))
        self.worker_box.blockSignals(False)
        self.unit_box.clear()
        for town in units:
            self.unit_box.addItem(town["name"], ("town", town["id"]))
            for squad in town["squads"]:
                self.unit_box.addItem(f"    {squad['name']}", ("squad", squad["id"]))

    # --- loading a worker-day ---

    def select_worker(self, worker_id: int) -> bool:
        index = self.worker_box.findData(worker_id)
        if index < 0:
            return False
        self.worker_box.setCurrentIndex(index)
        return True

    def open_day(self, worker_id: int, day: dt.date) -> None:
        """Show ``worker_id``'s track of local day ``day`` (the picker follows once it is filled)."""
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        if not self.select_worker(worker_id):
            self.worker_box.addItem(str(worker_id), worker_id)
            self.worker_box.setCurrentIndex(self.worker_box.count() - 1)
        self._load(worker_id, day)

    def open_newest(self) -> None:
        """The newest day with fixes, on the worker with the most flagged fixes (a first look)."""
        sessions, actor = self._sessions, self._actor

        def read() -> tuple[int, dt.date] | None:
            with sessions() as s:
                return tracks.newest_track(s, actor)

        def done(found: tuple[int, dt.date] | None) -> None:
            if found is None:
                self.no_positions = True
                self._say(self.tr("No positions have been recorded yet."))
                return
            self.open_day(*found)

        self.runner.submit(read, done, self._failed)

    def load_selected(self) -> None:
        worker_id = self.worker_box.currentData()
        if (
            worker_id is None
            or self.worker_box.currentIndex() < 0
            or (self.worker_box.currentText() != self.worker_box.itemText(self.worker_box.currentIndex()))
        ):
            self._say(self.tr("Choose a worker from the list first."), error=True)
            return
        d = self.date_edit.date()
        self._load(int(worker_id), dt.date(d.year(), d.month(), d.day()))

    def _load(self, worker_id: int, day: dt.date) -> None:
        self._generation += 1
        generation = self._generation
        self.loading = True
        self.play_button.setChecked(False)
        sessions, actor = self._sessions, self._actor

        def read() -> tracks.TrackDay:
            with sessions() as s:
                return tracks.track_day(s, actor, worker_id, day)

        def done(result: tracks.TrackDay) -> None:
            if generation == self._generation:
                self._show_day(result)

        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self.loading = False
                self._failed(exc)

        self.runner.submit(read, done, failed)

    def _show_day(self, day: tracks.TrackDay) -> None:
        self.day = day
        self.loading = False
        self.map.call("setDay", json.dumps(day.page_data(), ensure_ascii=False))
        points = day.points
        self._start = int(points[0].t.timestamp()) if points else 0
        self._end = int(points[-1].t.timestamp()) if points else 0
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, self._end - self._start))
        self.slider.setValue(0)
        self.slider.blockSignals(False)
        self._show_time(self._start if points else None)
        self._fill_card(day)
        self._fill_tables(day)
        if not points:
            self._say(fill(self.tr("%1 has no fixes on %2."), day.worker.name, day.day.isoformat()))
        else:
            self._say("")
        self.dayLoaded.emit()

    def _fill_card(self, day: tracks.TrackDay) -> None:
        s = day.summary
        v = self.card_values
        v["worker"].setText(f"{day.worker.name} · {day.worker.town} · {day.worker.grid}")
        v["fixes"].setText(f"{s.fixes} ({s.good})")
        v["mock"].setText(str(s.mock))
        v["mock"].setStyleSheet("color: #6a1b9a; font-weight: bold" if s.mock else "")
        v["coarse"].setText(str(s.low_accuracy))
        v["coarse"].setStyleSheet("color: #ef6c00; font-weight: bold" if s.low_accuracy else "")
        v["span"].setText(f"{_clock(s.first)} – {_clock(s.last)}")
        v["distance"].setText(fill(self.tr("%1 km"), f"{s.distance_m / 1000:.1f}"))
        v["in_grid"].setText(f"{_hours(s.in_grid_s)} / {_hours(s.reporting_s)}")
        v["coverage"].setText("—" if s.coverage is None else f"{s.coverage * 100:.0f}%")
        v["stops"].setText(f"{s.stops} / {s.exits}")
        v["far"].setText(str(s.far_reports))
        v["far"].setStyleSheet("color: #b71c1c; font-weight: bold" if s.far_reports else "")

    def _fill_tables(self, day: tracks.TrackDay) -> None:
        self.events_table.setRowCount(0)
        for e in day.events:
            r = self.events_table.rowCount()
            self.events_table.insertRow(r)
            exit_ = e.kind == "exit"
            self.events_table.setItem(r, 0, _item(_clock(e.at), (e.lat, e.lon, e.at)))
            self.events_table.setItem(
                r,
                1,
                _item(
                    self.tr("Left the grid") if exit_ else self.tr("Entered the grid"),
                    None,
                    "#c62828" if exit_ else "#2e7d32",
                ),
            )
            # Where the worker went (exit) or the own grid (enter); no grid: outside every grid.
            grid = day.grid_names.get(e.grid_id, "") if e.grid_id is not None else ""
            self.events_table.setItem(r, 2, _item(grid or "—"))
        self.stops_table.setRowCount(0)
        for stop in day.stops:
            r = self.stops_table.rowCount()
            self.stops_table.insertRow(r)
            self.stops_table.setItem(r, 0, _item(_clock(stop.start), (stop.lat, stop.lon, stop.start)))
            self.stops_table.setItem(r, 1, _item(_clock(stop.end)))
            self.stops_table.setItem(r, 2, _item(str(round(stop.minutes))))
        self.cases_table.setRowCount(0)
        for c in day.cases:
            r = self.cases_table.rowCount()
            self.cases_table.insertRow(r)
            self.cases_table.setItem(r, 0, _item(c.number, (c.lat, c.lon, c.reported_at)))
            self.cases_table.item(r, 0).setToolTip(literal(c.title))
            self.cases_table.setItem(r, 1, _item(_clock(c.reported_at)))
            dist = "—" if c.check.distance_m is None else f"{c.check.distance_m:.0f} m"
            self.cases_table.setItem(r, 2, _item(dist))
            text, colour = {
                "ok": (self.tr("Near the track"), "#2e7d32"),
                "far": (self.tr("Far from the track"), "#b71c1c"),
                "no_track": (self.tr("No track at that time"), "#ef6c00"),
            }[c.check.status]
            if c.check.mock_nearby:
                text += " · " + self.tr("mock location")
            self.cases_table.setItem(r, 3, _item(text, None, colour))

    def _jump(self, table: QTableWidget, row: int) -> None:
        item = table.item(row, 0)
        data = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        lat, lon, at = data
        self.map.call("focus", float(lat), float(lon), 17)
        if self._start <= at.timestamp() <= self._end:
            self.slider.setValue(int(at.timestamp()) - self._start)

    # --- the player ---

    def _play_toggled(self, playing: bool) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing and self.slider.value() >= self.slider.maximum():
            self.slider.setValue(0)
        if playing and self.day is not None and self.day.points:
            self._play_from = (self.slider.value(), time.monotonic())
            self._timer.start()
        else:
            self._timer.stop()

    def _speed_changed(self, _index: int) -> None:
        self._play_from = (self.slider.value(), time.monotonic())

    def _tick(self) -> None:
        # Day time runs ``speed`` times the wall clock since play (or the last speed change or
        # slider move): a 1× replay advances a second a second, whatever the timer's jitter.
        speed = int(self.speed_box.currentData() or 1)
        start_value, started = self._play_from
        value = start_value + int((time.monotonic() - started) * speed)
        if value == self.slider.value():
            return
        if value >= self.slider.maximum():
            value = self.slider.maximum()
            self.play_button.setChecked(False)
        self._ticking = True
        try:
            self.slider.setValue(value)
        finally:
            self._ticking = False

    def _slider_moved(self, value: int) -> None:
        if self.day is None or not self.day.points:
            return
        if not self._ticking:
            self._play_from = (value, time.monotonic())  # a move by hand: play on from there
        t = self._start + value
        self.map.call("setTime", t)
        self._show_time(t)

    def _show_time(self, epoch: int | None) -> None:
        if epoch is None:
            self.time_label.setText("--:--:--")
            return
        self.time_label.setText(dt.datetime.fromtimestamp(epoch, CHINA_TZ).strftime("%H:%M:%S"))

    def current_time(self) -> dt.datetime | None:
        if self.day is None or not self.day.points:
            return None
        return dt.datetime.fromtimestamp(self._start + self.slider.value(), dt.UTC)

    # --- alerts ---

    def refresh_alerts(self) -> None:
        sessions, actor = self._sessions, self._actor

        def read() -> list[tracks.TrackAlert]:
            with sessions() as s:
                return tracks.tracking_alerts(s, actor, utcnow())

        self.runner.submit(read, self._show_alerts, self._failed)

    def _show_alerts(self, alerts: list[tracks.TrackAlert]) -> None:
        self.alerts = alerts
        with filling(self.alerts_table):
            self.alerts_table.setRowCount(0)
            for a in alerts:
                r = self.alerts_table.rowCount()
                self.alerts_table.insertRow(r)
                out = a.kind == "out_of_grid"
                self.alerts_table.setItem(
                    r,
                    0,
                    _item(
                        self.tr("Out of grid") if out else self.tr("No movement"),
                        a.worker_id,
                        "#c62828" if out else "#ef6c00",
                    ),
                )
                self.alerts_table.setItem(r, 1, _item(a.worker))
                self.alerts_table.setItem(r, 2, _item(_clock(a.since)))
                self.alerts_table.setItem(r, 3, _item(str(a.minutes)))

    def _alert_activated(self, row: int, _col: int) -> None:
        item = self.alerts_table.item(row, 0)
        if item is not None:
            self.open_day(int(item.data(Qt.ItemDataRole.UserRole)), utcnow().astimezone(CHINA_TZ).date())

    # --- coverage ---

    def compute_coverage(self) -> None:
        unit = self.unit_box.currentData()
        a, b = self.cover_from.date(), self.cover_to.date()
        first, last = dt.date(a.year(), a.month(), a.day()), dt.date(b.year(), b.month(), b.day())
        if unit is None:
            self._say(self.tr("Choose a town or squad first."), error=True)
            return
        if last < first:
            self._say(self.tr("The range ends before it starts."), error=True)
            return
        if (last - first).days + 1 > tracks.MAX_RANGE_DAYS:
            self._say(fill(self.tr("Choose at most %1 days at a time."), tracks.MAX_RANGE_DAYS), error=True)
            return
        kind, unit_id = unit
        sessions, actor = self._sessions, self._actor

        def read() -> list[tracks.CoverageRow]:
            with sessions() as s:
                if kind == "town":
                    return tracks.patrol_coverage(s, actor, first, last, town_id=unit_id)
                return tracks.patrol_coverage(s, actor, first, last, squad_id=unit_id)

        self.cover_button.setEnabled(False)

        def done(rows: list[tracks.CoverageRow]) -> None:
            self.cover_button.setEnabled(True)
            self._show_coverage(rows)

        def failed(exc: Exception) -> None:
            self.cover_button.setEnabled(True)
            self._failed(exc)

        self.runner.submit(read, done, failed)

    def _show_coverage(self, rows: list[tracks.CoverageRow]) -> None:
        self.coverage_rows = rows
        table = self.coverage_table
        with filling(table):
            table.setRowCount(0)
            for row in rows:
                r = table.rowCount()
                table.insertRow(r)
                share = "—" if row.coverage is None else f"{row.coverage * 100:.0f}%"
                values = [
                    row.worker,
                    row.squad,
                    str(row.days_reported),
                    _hours(row.in_grid_s),
                    _hours(row.reporting_s),
                    f"{row.distance_m / 1000:.1f}",
                    share,
                    str(row.mock),
                    str(row.low_accuracy),
                ]
                for c, text in enumerate(values):
                    colour = (
                        "#6a1b9a"
                        if c == 7 and row.mock
                        else "#ef6c00"
                        if c == 8 and row.low_accuracy
                        else None
                    )
                    table.setItem(r, c, _item(text, row.worker_id if c == 0 else None, colour))

    def _coverage_activated(self, row: int, _col: int) -> None:
        item = self.coverage_table.item(row, 0)
        if item is not None:
            d = self.cover_from.date()
            self.open_day(int(item.data(Qt.ItemDataRole.UserRole)), dt.date(d.year(), d.month(), d.day()))

    # --- messages ---

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c62828" if error else "")
        if text:
            self.message.emit(text)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, tracks.TrackError):
            self._say(describe(exc), error=True)
        else:
            self._say(fill(self.tr("Reading the track failed: %1"), str(exc)), error=True)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if not self._sized and self.isVisible():
            # The map takes what the summary card and the tables leave (they need ~480 px).
            width = self.splitter.width()
            side = max(440, min(620, int(width * 0.36)))
            self.splitter.setSizes([width - side, side])
            self._sized = True

    def closeEvent(self, event: Any) -> None:
        self._timer.stop()
        self.runner.wait(5000)
        # The page goes with the window (or at exit, see _release_pages): deleted here, the view
        # would make itself a new default page on its next paint.
        super().closeEvent(event)
