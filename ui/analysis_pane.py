"""Analysis and judgement (分析研判): trends, 小事不出村/大事不出镇 shares, time to resolve, the
escalation funnel, return-visit satisfaction and anomaly flags, drawn with pyqtgraph.

Each chart reads its own aggregate (desktop.analysis) in the background and shows "Loading…"
until it arrives; a change of period reloads them all, a chart's own switches reload that chart.
Clicking an anomaly asks the window to filter the queue to that town and kind.
"""

from __future__ import annotations

import datetime as dt
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedLayout,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop import analysis
from desktop.cases.ladder import Actor
from desktop.clock import CHINA_TZ, utcnow
from desktop.store import Session, SessionFactory
from desktop.vocab import Role
from ui.errors import explain
from ui.labels import category_label, kind_label, level_label
from ui.tasks import TaskRunner
from ui.text import fill, literal

# pyqtgraph may wrap sys.excepthook (pyqtgraph.exceptionHandling, imported by some of its
# modules), which would swallow exceptions raised in our slots: keep the hooks we had.
_hooks = (sys.excepthook, threading.excepthook)
import pyqtgraph as pg  # noqa: E402

sys.excepthook, threading.excepthook = _hooks

ITEM_ROLE = Qt.ItemDataRole.UserRole
# Series colours: the app's alert colours and a few calm ones, distinct on a white background.
SERIES_COLOURS = (
    "#1565c0",
    "#c62828",
    "#00695c",
    "#ef6c00",
    "#6a1b9a",
    "#2e7d32",
    "#ad1457",
    "#4e342e",
    "#00838f",
    "#757575",
)
TARGET_COLOUR = "#c62828"
MAX_SERIES = 8  # more lines than this are unreadable: the rest are drawn as one "other" line
CJK_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "sans-serif"]


def chart_font(point_size: int = 9) -> QFont:
    font = QFont()
    font.setFamilies(CJK_FAMILIES)
    font.setPointSize(point_size)
    return font


class Chart(QFrame):
    """A titled pyqtgraph plot with a loading / empty / error message over it."""

    def __init__(self, title: str, parent: QWidget | None = None, *, height: int = 260) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        head = QHBoxLayout()
        self.title = QLabel(title)
        bold = self.title.font()
        bold.setBold(True)
        self.title.setFont(bold)
        self.title.setWordWrap(True)  # a long title wraps rather than widening the column
        self.title.setMinimumWidth(60)
        head.addWidget(self.title, 1)
        head.addStretch(1)
        self.controls = head
        layout.addLayout(head)
        self.stack = QStackedLayout()
        palette = self.palette()
        self.plot = pg.PlotWidget(background=palette.color(QPalette.ColorRole.Base))
        self.plot.setMinimumHeight(height)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        fg = palette.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setTickFont(chart_font())
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(height)
        self.stack.addWidget(self.plot)
        self.stack.addWidget(self.message)
        layout.addLayout(self.stack)
        self.state = "empty"

    def set_loading(self) -> None:
        self.state = "loading"
        self.message.setText(self.tr("Loading…"))
        self.stack.setCurrentWidget(self.message)

    def set_error(self, text: str) -> None:
        self.state = "error"
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def set_empty(self, text: str) -> None:
        self.state = "empty"
        self.plot.clear()
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def show_plot(self) -> None:
        self.state = "ready"
        self.stack.setCurrentWidget(self.plot)

    def set_plot_height(self, height: int) -> None:
        self.plot.setMinimumHeight(height)
        self.message.setMinimumHeight(min(height, 260))


def _text_item(text: str, anchor: tuple[float, float] = (0, 0.5), colour: str | None = None) -> pg.TextItem:
    item = pg.TextItem(text, color=colour or "#333333", anchor=anchor)
    item.setFont(chart_font(8))
    return item


def _hbars(
    chart: Chart,
    labels: list[str],
    values: list[float],
    brushes: list[Any],
    *,
    offset: float = 0.0,
    height: float = 0.6,
) -> pg.BarGraphItem:
    """Horizontal bars, the first label at the top."""
    ys = [len(labels) - 1 - i + offset for i in range(len(labels))]
    bars = pg.BarGraphItem(
        x0=[0.0] * len(values), y=ys, height=height, width=values, brushes=brushes, pen=pg.mkPen(None)
    )
    chart.plot.addItem(bars)
    axis = chart.plot.getAxis("left")
    axis.setTicks([[(len(labels) - 1 - i, lab) for i, lab in enumerate(labels)], []])
    return bars


class AnalysisPane(QWidget):
    """The analysis pane; ``anomalyActivated(town_id, kind, category)`` when an anomaly is clicked."""

    anomalyActivated = Signal(int, str, str)

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
        self.setObjectName("AnalysisPane")
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._clock = clock
        self._generation: dict[str, int] = {}
        self.data: dict[str, Any] = {}
        self.loaded_once = False
        self.period: tuple[dt.datetime, dt.datetime] | None = None
        self._columns = 0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(self._build_period_bar())
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.grid = QGridLayout(body)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.scroll.setWidget(body)
        outer.addWidget(self.scroll, 1)
        self._build_charts()
        self._relayout()

    # --- construction ----------------------------------------------------------------------

    def _build_period_bar(self) -> QVBoxLayout:
        # Two rows: docked beside the map at 1280 px the pane has about 400 px.
        rows = QVBoxLayout()
        bar = QHBoxLayout()
        dates = QHBoxLayout()
        rows.addLayout(bar)
        rows.addLayout(dates)
        bar.addWidget(QLabel(self.tr("Period:")))
        self.period_combo = QComboBox()
        for key, text in (
            ("this_week", self.tr("This week")),
            ("last_4_weeks", self.tr("Last 4 weeks")),
            ("this_month", self.tr("This month")),
            ("last_3_months", self.tr("Last 3 months")),
            ("custom", self.tr("Custom")),
        ):
            self.period_combo.addItem(text, key)
        self.period_combo.setCurrentIndex(1)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        bar.addWidget(self.period_combo)
        today = QDate.currentDate()
        self.from_date = QDateEdit(today.addDays(-27))
        self.to_date = QDateEdit(today)
        for edit in (self.from_date, self.to_date):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._custom_changed)
        dates.addWidget(self.from_date)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.to_date)
        dates.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        self.status = QLabel()
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # The status may be long ("读取中…", errors): it is cut, never widens the pane.
        self.status.setMinimumWidth(0)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar.addWidget(self.status, 1)
        self._sync_custom_enabled()
        return rows

    def _build_charts(self) -> None:
        # Trend, with its week/month switch and what the lines are.
        self.trend_chart = Chart(self.tr("Cases reported"))
        self.bucket_group = QButtonGroup(self)
        self.bucket_buttons: dict[str, QToolButton] = {}
        for key, text in (("week", self.tr("Week")), ("month", self.tr("Month"))):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setChecked(key == "week")
            self.bucket_group.addButton(button)
            self.bucket_buttons[key] = button
            self.trend_chart.controls.addWidget(button)
        self.bucket_group.buttonToggled.connect(lambda _b, on: on and self._load("trend"))
        self.by_combo = QComboBox()
        for key, text in (
            ("kind", self.tr("By kind")),
            ("category", self.tr("By category")),
            ("town", self.tr("By town")),
        ):
            if key == "town" and self._actor.role == Role.TOWN_STAFF:
                continue  # one town: a single line says nothing the total does not
            self.by_combo.addItem(text, key)
        self.by_combo.currentIndexChanged.connect(lambda _i: self._load("trend"))
        self.trend_chart.controls.addWidget(self.by_combo)
        self.trend_chart.plot.addLegend(offset=(-10, 10), labelTextSize="8pt")

        self.shares_chart = Chart(self.tr("Settled in the village / in the village or town, per town"))
        self.villages_chart = Chart(self.tr("Settled in the village, per village"))
        self.village_town_combo = QComboBox()
        self.village_town_combo.setMinimumContentsLength(6)
        self.village_town_combo.currentIndexChanged.connect(lambda _i: self._load("villages"))
        self.villages_chart.controls.addWidget(QLabel(self.tr("Town:")))
        self.villages_chart.controls.addWidget(self.village_town_combo)

        self.time_chart = Chart(self.tr("Hours to resolve, per level"))
        self.funnel_chart = Chart(self.tr("Escalation funnel"))
        self.satisfaction_chart = Chart(self.tr("Return-visit satisfaction"))

        self.anomaly_box = QFrame()
        self.anomaly_box.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.anomaly_box)
        box.setContentsMargins(8, 6, 8, 6)
        title = QLabel(self.tr("Unusual rises (last 7 days against the 8 weeks before)"))
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        box.addWidget(title)
        self.anomaly_list = QTreeWidget()
        self.anomaly_list.setRootIsDecorated(False)
        self.anomaly_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.anomaly_list.setHeaderLabels(
            [
                self.tr("Town"),
                self.tr("Category"),
                self.tr("Last 7 days"),
                self.tr("Usual per week"),
                self.tr("Chance"),
            ]
        )
        header = self.anomaly_list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.anomaly_list.setMinimumHeight(180)
        self.anomaly_list.itemActivated.connect(self._anomaly_clicked)
        self.anomaly_list.itemClicked.connect(self._anomaly_clicked)
        box.addWidget(self.anomaly_list)
        self.anomaly_note = QLabel()
        self.anomaly_note.setWordWrap(True)
        box.addWidget(self.anomaly_note)

        self.charts: dict[str, QWidget] = {
            "trend": self.trend_chart,
            "shares": self.shares_chart,
            "villages": self.villages_chart,
            "time": self.time_chart,
            "funnel": self.funnel_chart,
            "satisfaction": self.satisfaction_chart,
            "anomalies": self.anomaly_box,
        }

    def _relayout(self) -> None:
        columns = 2 if self.scroll.viewport().width() >= 820 else 1
        if columns == self._columns:
            return
        self._columns = columns
        for widget in self.charts.values():
            self.grid.removeWidget(widget)
        order = ["trend", "anomalies", "shares", "villages", "time", "funnel", "satisfaction"]
        for i, key in enumerate(order):
            # Top-aligned: a long village list must not stretch the town chart beside it.
            self.grid.addWidget(self.charts[key], i // columns, i % columns, Qt.AlignmentFlag.AlignTop)
        for c in range(2):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._relayout()
        if not self.loaded_once:
            self.reload()  # read only once somebody looks: nothing at start-up

    # --- period ----------------------------------------------------------------------------

    def _sync_custom_enabled(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        self.from_date.setEnabled(custom)
        self.to_date.setEnabled(custom)

    def _period_changed(self, _index: int) -> None:
        self._sync_custom_enabled()
        self.reload()

    def _custom_changed(self, _date: QDate) -> None:
        if self.period_combo.currentData() == "custom":
            self.reload()

    def set_period(self, key: str) -> None:
        index = self.period_combo.findData(key)
        if index >= 0:
            self.period_combo.setCurrentIndex(index)

    def set_custom_period(self, first: dt.date, last: dt.date) -> None:
        for edit, day in ((self.from_date, first), (self.to_date, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        if self.period_combo.currentData() == "custom":
            self.reload()
        else:
            self.set_period("custom")

    def current_period(self) -> tuple[dt.datetime, dt.datetime] | None:
        key = str(self.period_combo.currentData())
        if key != "custom":
            return analysis.preset_period(key, self._clock())
        first, last = self.from_date.date().toPython(), self.to_date.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        if last < first:
            return None
        return analysis.day_period(first, last)

    # --- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        period = self.current_period()
        if period is None:
            self.status.setText(self.tr("The period ends before it starts: pick a later end date."))
            return
        self.period = period
        self.loaded_once = True
        start, end = period
        last = (end - dt.timedelta(microseconds=1)).astimezone(CHINA_TZ).date()
        self.status.setText(
            fill(self.tr("%1 to %2"), start.astimezone(CHINA_TZ).date().isoformat(), last.isoformat())
        )
        for key in ("trend", "shares", "villages", "time", "funnel", "satisfaction", "anomalies"):
            self._load(key)

    def _query(self, key: str) -> Callable[[Session], Any] | None:
        assert self.period is not None
        start, end = self.period
        actor = self._actor
        if key == "trend":
            bucket = "month" if self.bucket_buttons["month"].isChecked() else "week"
            by = str(self.by_combo.currentData() or "kind")
            return lambda s: analysis.trend(s, actor, start, end, bucket, by)  # type: ignore[arg-type]
        if key == "shares":
            return lambda s: analysis.resolution_shares(s, actor, start, end, "town")
        if key == "villages":
            town = self._village_town()
            if town is None:
                return None
            return lambda s: analysis.resolution_shares(s, actor, start, end, "village", town_id=town)
        if key == "time":
            return lambda s: analysis.time_to_resolve(s, actor, start, end)
        if key == "funnel":
            return lambda s: analysis.escalation_funnel(s, actor, start, end)
        if key == "satisfaction":
            return lambda s: analysis.satisfaction(s, actor, start, end)
        if key == "anomalies":
            return lambda s: analysis.anomalies(s, actor, end)
        raise KeyError(key)

    def _village_town(self) -> int | None:
        data = self.village_town_combo.currentData()
        if data is not None:
            return int(data)
        if self._actor.role == Role.TOWN_STAFF:
            return self._actor.town_id
        return None

    def _load(self, key: str) -> None:
        if self.period is None:
            return
        read = self._query(key)
        generation = self._generation.get(key, 0) + 1
        self._generation[key] = generation
        widget = self.charts[key]
        if read is None:  # the village chart waits for the town list
            if isinstance(widget, Chart):
                widget.set_loading()
            return
        if isinstance(widget, Chart):
            widget.set_loading()
        else:
            self.anomaly_note.setText(self.tr("Loading…"))
        sessions = self._sessions

        def work() -> Any:
            with sessions() as session:
                return read(session)

        self._runner.submit(
            work,
            lambda result: self._loaded(key, generation, result),
            lambda exc: self._failed(key, generation, exc),
        )

    def _failed(self, key: str, generation: int, exc: Exception) -> None:
        if not isValid(self) or self._generation.get(key) != generation:
            return
        text = fill(self.tr("Could not read this chart: %1"), explain(exc))
        widget = self.charts[key]
        if isinstance(widget, Chart):
            widget.set_error(text)
        else:
            self.anomaly_note.setText(text)

    def _loaded(self, key: str, generation: int, result: Any) -> None:
        # The callbacks are closures, which TaskRunner cannot tie to this widget's life.
        if not isValid(self) or self._generation.get(key) != generation:
            return  # an older answer, overtaken by a newer request
        self.data[key] = result
        getattr(self, f"_draw_{key}")(result)

    def is_loading(self) -> bool:
        return any(isinstance(w, Chart) and w.state == "loading" for w in self.charts.values()) or (
            self.anomaly_note.text() == self.tr("Loading…")
        )

    # --- drawing ---------------------------------------------------------------------------

    def _series_name(self, by: str, series: analysis.TrendSeries) -> str:
        if by == "kind":
            return kind_label(series.key)
        if by == "category":
            return category_label(series.key)
        return series.name

    def _draw_trend(self, t: analysis.Trend) -> None:
        chart = self.trend_chart
        chart.plot.clear()
        legend = chart.plot.plotItem.legend
        if legend is not None:
            legend.clear()
        if t.total == 0:
            chart.set_empty(self.tr("No cases were reported in this period."))
            return
        xs = list(range(len(t.buckets)))
        shown = list(t.series[:MAX_SERIES])
        rest = t.series[MAX_SERIES:]
        lines: list[tuple[str, tuple[int, ...]]] = [(self._series_name(t.by, s), s.counts) for s in shown]
        if rest:
            other = tuple(sum(s.counts[i] for s in rest) for i in xs)
            lines.append((fill(self.tr("Others (%1)"), len(rest)), other))
        for i, (name, counts) in enumerate(lines):
            colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
            chart.plot.plot(
                xs,
                list(counts),
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=5,
                symbolBrush=colour,
                symbolPen=None,
                name=name,
            )
        fmt = "%m-%d" if t.bucket == "week" else "%Y-%m"
        step = max(1, len(xs) // 8)
        chart.plot.getAxis("bottom").setTicks([[(x, t.buckets[x].strftime(fmt)) for x in xs[::step]], []])
        chart.plot.setYRange(0, max(max(c) for _, c in lines) * 1.15 + 1, padding=0)
        chart.plot.setXRange(-0.3, len(xs) - 0.7, padding=0)
        chart.show_plot()

    def _share_bars(
        self, chart: Chart, rows: tuple[analysis.ResolutionShare, ...], targets: tuple[float, float]
    ) -> None:
        chart.plot.clear()
        labels = [r.name for r in rows]
        village = [100 * (r.village_share or 0.0) for r in rows]
        both = [100 * (r.village_or_town_share or 0.0) for r in rows]
        # The wider pale bar is village-or-town, the narrow strong one inside it village alone.
        chart.outer_bars = _hbars(chart, labels, both, [pg.mkBrush("#90caf9")] * len(rows), height=0.75)  # type: ignore[attr-defined]
        brushes = [
            pg.mkBrush("#1565c0" if (r.village_share or 0.0) >= targets[0] else "#ef6c00") for r in rows
        ]
        chart.inner_bars = _hbars(chart, labels, village, brushes, height=0.4)  # type: ignore[attr-defined]
        chart.target_lines = []  # type: ignore[attr-defined]
        for value, style in ((targets[0], Qt.PenStyle.DashLine), (targets[1], Qt.PenStyle.DotLine)):
            line = pg.InfiniteLine(
                pos=100 * value, angle=90, pen=pg.mkPen(TARGET_COLOUR, width=1.5, style=style)
            )
            chart.plot.addItem(line)
            chart.target_lines.append(line)  # type: ignore[attr-defined]
        for i, r in enumerate(rows):
            if r.resolved == 0:
                item = _text_item(self.tr("none resolved"), colour="#757575")
                item.setPos(1, len(rows) - 1 - i)
                chart.plot.addItem(item)
        chart.plot.setXRange(0, 105, padding=0)
        chart.plot.setYRange(-0.6, len(rows) - 0.4, padding=0)
        chart.plot.getAxis("bottom").setTicks([[(x, f"{x}%") for x in range(0, 101, 20)], []])
        chart.set_plot_height(max(200, 22 * len(rows) + 50))
        chart.show_plot()

    def _draw_shares(self, shares: analysis.ResolutionShares) -> None:
        targets = (shares.village_target, shares.village_or_town_target)
        chart = self.shares_chart
        chart.title.setText(
            fill(
                self.tr("Settled in the village (target %1) / in the village or town (target %2), per town"),
                f"{shares.village_target:.0%}",
                f"{shares.village_or_town_target:.0%}",
            )
        )
        self._fill_town_combo(shares.rows)
        if shares.overall.resolved == 0:
            chart.set_empty(self.tr("No case was resolved in this period."))
            return
        self._share_bars(chart, shares.rows, targets)

    def _fill_town_combo(self, rows: tuple[analysis.ResolutionShare, ...]) -> None:
        combo = self.village_town_combo
        current = combo.currentData()
        if not rows:
            self.villages_chart.set_empty(self.tr("There is no town to show."))
            return
        wanted = [(r.unit_id, r.name) for r in rows]
        have = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        if have == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        for uid, name in wanted:
            combo.addItem(name, uid)
        if current is not None and combo.findData(current) >= 0:
            combo.setCurrentIndex(combo.findData(current))
        elif rows:
            # The town with the weakest village share is the one worth opening first.
            weakest = min(
                (r for r in rows if r.resolved), key=lambda r: r.village_share or 0.0, default=rows[0]
            )
            combo.setCurrentIndex(combo.findData(weakest.unit_id))
        combo.blockSignals(False)
        if current != combo.currentData():
            self._load("villages")

    def _draw_villages(self, shares: analysis.ResolutionShares) -> None:
        chart = self.villages_chart
        if shares.overall.resolved == 0:
            chart.set_empty(self.tr("No case of this town was resolved in this period."))
            return
        # Weakest first; villages with nothing resolved have no share to show, only a count.
        rows = tuple(
            sorted((r for r in shares.rows if r.resolved), key=lambda r: (r.village_share or 0.0, r.unit_id))
        )
        idle = len(shares.rows) - len(rows)
        title = self.tr("Settled in the village, per village")
        if idle:
            title += fill(self.tr(" (%1 more with nothing resolved)"), idle)
        chart.title.setText(title)
        self._share_bars(chart, rows, (shares.village_target, shares.village_or_town_target))

    def _draw_time(self, t: analysis.TimeToResolve) -> None:
        chart = self.time_chart
        chart.plot.clear()
        if not any(r.count for r in t.rows):
            chart.set_empty(self.tr("No case was resolved in this period."))
            return
        xs = [float(i) for i in range(len(t.rows))]
        median = [r.median_hours or 0.0 for r in t.rows]
        p90 = [r.p90_hours or 0.0 for r in t.rows]
        chart.median_bars = pg.BarGraphItem(  # type: ignore[attr-defined]
            x=[x - 0.18 for x in xs], height=median, width=0.34, brush="#1565c0", pen=pg.mkPen(None)
        )
        chart.p90_bars = pg.BarGraphItem(  # type: ignore[attr-defined]
            x=[x + 0.18 for x in xs], height=p90, width=0.34, brush="#90caf9", pen=pg.mkPen(None)
        )
        chart.plot.addItem(chart.median_bars)  # type: ignore[attr-defined]
        chart.plot.addItem(chart.p90_bars)  # type: ignore[attr-defined]
        top = max(p90 + median) or 1.0
        for x, r in zip(xs, t.rows, strict=True):
            if r.count:
                for dx, value in ((-0.18, r.median_hours or 0.0), (0.18, r.p90_hours or 0.0)):
                    item = _text_item(f"{value:.0f}", anchor=(0.5, 1))
                    item.setPos(x + dx, value)
                    chart.plot.addItem(item)
        chart.plot.getAxis("bottom").setTicks(
            [
                [
                    (x, fill(self.tr("%1 (%2 cases)"), level_label(r.level), r.count))
                    for x, r in zip(xs, t.rows, strict=True)
                ],
                [],
            ]
        )
        chart.plot.getAxis("left").setLabel(self.tr("hours"))
        legend = chart.plot.plotItem.legend or chart.plot.addLegend(offset=(10, 10), labelTextSize="8pt")
        legend.clear()
        legend.addItem(chart.median_bars, self.tr("Median"))  # type: ignore[attr-defined]
        legend.addItem(chart.p90_bars, self.tr("90% within"))  # type: ignore[attr-defined]
        chart.plot.setYRange(0, top * 1.2, padding=0)
        chart.plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        chart.show_plot()

    def funnel_label(self, key: str) -> str:
        labels = {
            "reported": self.tr("Reported"),
            "accepted": self.tr("Accepted"),
            "escalated_town": self.tr("Escalated to the town"),
            "escalated_city": self.tr("Escalated to the city"),
            "resolved": self.tr("Resolved"),
            "verified_closed": self.tr("Return visit / closed"),
        }
        return labels.get(key, key)

    def _draw_funnel(self, f: analysis.Funnel) -> None:
        chart = self.funnel_chart
        chart.plot.clear()
        if f.reported == 0:
            chart.set_empty(self.tr("No cases were reported in this period."))
            return
        labels = [self.funnel_label(s.key) for s in f.stages]
        values = [float(s.count) for s in f.stages]
        brushes = [pg.mkBrush(SERIES_COLOURS[i % len(SERIES_COLOURS)]) for i in range(len(values))]
        chart.bars = _hbars(chart, labels, values, brushes)  # type: ignore[attr-defined]
        top = max(values) or 1.0
        for i, s in enumerate(f.stages):
            share = f"{s.share:.1%}" if s.share is not None else ""
            item = _text_item(f" {s.count:,}  {share}")
            item.setPos(s.count, len(values) - 1 - i)
            chart.plot.addItem(item)
        chart.plot.setXRange(0, top * 1.35, padding=0)
        chart.plot.setYRange(-0.6, len(values) - 0.4, padding=0)
        chart.show_plot()

    def _draw_satisfaction(self, sat: analysis.Satisfaction) -> None:
        chart = self.satisfaction_chart
        chart.plot.clear()
        overall = sat.overall
        if overall.total == 0:
            chart.set_empty(self.tr("No return visit was scored in this period."))
            return
        xs = [1.0, 2.0, 3.0, 4.0, 5.0]
        colours = ["#c62828", "#ef6c00", "#9e9d24", "#2e7d32", "#1565c0"]
        chart.bars = pg.BarGraphItem(  # type: ignore[attr-defined]
            x=xs,
            height=[float(n) for n in overall.counts],
            width=0.6,
            brushes=[pg.mkBrush(c) for c in colours],
            pen=pg.mkPen(None),
        )
        chart.plot.addItem(chart.bars)  # type: ignore[attr-defined]
        for x, n in zip(xs, overall.counts, strict=True):
            item = _text_item(f"{n:,} ({n / overall.total:.0%})", anchor=(0.5, 1))
            item.setPos(x, n)
            chart.plot.addItem(item)
        chart.plot.getAxis("bottom").setTicks([[(x, fill(self.tr("%1 points"), int(x))) for x in xs], []])
        chart.plot.setYRange(0, max(overall.counts) * 1.2, padding=0)
        chart.plot.setXRange(0.4, 5.6, padding=0)
        lowest = min((r for r in sat.rows if r.total >= 5), key=lambda r: r.mean or 0.0, default=None)
        note = fill(
            self.tr("Mean %1 of %2 return visits; %3 satisfied (4–5 points)"),
            f"{overall.mean or 0:.2f}",
            f"{overall.total:,}",
            f"{overall.satisfied_share or 0:.0%}",
        )
        if lowest is not None and len(sat.rows) > 1:
            note += fill(self.tr("; lowest: %1 (%2)"), lowest.name, f"{lowest.mean or 0:.2f}")
        chart.title.setText(fill(self.tr("Return-visit satisfaction — %1"), note))
        chart.show_plot()

    def _draw_anomalies(self, found: analysis.Anomalies) -> None:
        self.anomaly_list.clear()
        for a in found.items:
            chance = "<0.01%" if a.p_value < 1e-4 else f"{a.p_value:.2%}"
            item = QTreeWidgetItem(
                [a.town, category_label(a.category), str(a.observed), f"{a.expected:.1f}", chance]
            )
            item.setData(0, ITEM_ROLE, (a.town_id, a.kind, a.category))
            tip = fill(
                self.tr(
                    "%1 in %2: %3 cases in the last 7 days, usually %4 a week. Click to see them in the queue."
                ),
                category_label(a.category),
                a.town,
                a.observed,
                f"{a.expected:.1f}",
            )
            for col in range(5):
                item.setToolTip(col, literal(tip))
            item.setForeground(2, QColor("#c62828"))
            self.anomaly_list.addTopLevelItem(item)
        if found.items:
            self.anomaly_note.setText(
                fill(
                    self.tr(
                        "%1 of %2 town and category pairs rose improbably (chance under %3 at the usual rate)."
                    ),
                    len(found.items),
                    found.tests,
                    f"{found.alpha:.1%}",
                )
            )
        else:
            self.anomaly_note.setText(
                fill(self.tr("No unusual rise among %1 town and category pairs."), found.tests)
            )

    def _anomaly_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, ITEM_ROLE)
        if data:
            town, kind, category = data
            self.anomalyActivated.emit(int(town), str(kind), str(category))
