"""The analysis pane: every chart gets the figures of desktop.analysis (read off the plot items, not
pixels), a period change reloads them, an anomaly click filters the queue; and pyqtgraph leaves
sys.excepthook alone, so an exception in a slot still fails a test."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import Town
from db.session import make_sessionmaker
from db.vocab import Kind, Role
from desktop import analysis
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService, actor_for
from desktop.clock import CHINA_TZ
from tests.integration.test_analysis import ANOMALY_END, TOWN_A, TOWN_B, _anomaly_city, _fill
from ui.analysis_pane import AnalysisPane, Chart
from ui.main_window import AppContext, MainWindow
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 15000
DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)


def _pane(qtbot: QtBot, engine: Engine, actor: Actor, now: dt.datetime) -> AnalysisPane:
    runner = TaskRunner()
    pane = AnalysisPane(make_sessionmaker(engine), actor, runner, clock=lambda: now)
    runner.setParent(pane)  # dies with the pane, as the window's runner dies with the window
    qtbot.addWidget(pane)
    pane.resize(1200, 900)
    return pane


def _wait_loaded(qtbot: QtBot, pane: AnalysisPane) -> None:
    qtbot.waitUntil(lambda: pane.loaded_once and not pane.is_loading(), timeout=WAIT)


def _lines(chart: Chart) -> dict[str, list[float]]:
    return {item.name(): list(item.getData()[1]) for item in chart.plot.listDataItems()}


@pytest.fixture
def city(engine: Engine) -> Iterator[Engine]:
    _fill(engine)
    yield engine


def test_an_exception_in_a_slot_still_reaches_the_test(qtbot: QtBot, engine: Engine) -> None:
    """pyqtgraph's own excepthook would print and swallow it; pytest-qt's must still get it."""
    pane = _pane(qtbot, engine, DISPATCHER, dt.datetime(2026, 4, 2, 12, tzinfo=CHINA_TZ))
    pane.show()  # plots built, pyqtgraph fully imported
    hook_module = getattr(getattr(sys.excepthook, "func", sys.excepthook), "__module__", "")
    assert not hook_module.startswith("pyqtgraph")

    def boom() -> None:
        raise RuntimeError("slot failed")

    with qtbot.capture_exceptions() as caught:
        QTimer.singleShot(0, boom)
        qtbot.waitUntil(lambda: bool(caught), timeout=WAIT)
    assert "slot failed" in str(caught[0][1])
    _wait_loaded(qtbot, pane)


def test_charts_show_the_figures_of_the_period(qtbot: QtBot, city: Engine) -> None:
    pane = _pane(qtbot, city, DISPATCHER, dt.datetime(2026, 4, 2, 12, tzinfo=CHINA_TZ))
    pane.show()
    pane.set_custom_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    _wait_loaded(qtbot, pane)
    assert pane.period == (
        dt.datetime(2026, 3, 1, tzinfo=CHINA_TZ),
        dt.datetime(2026, 4, 1, tzinfo=CHINA_TZ),
    )
    # Trend per week by kind (the integration test's hand count).
    assert _lines(pane.trend_chart) == {
        "Dispute": [1, 2, 1, 0, 0, 0],
        "Errand": [0, 0, 1, 0, 0, 0],
        "Hazard": [0, 0, 0, 1, 0, 0],
    }
    # Month, by town: one point per line.
    pane.bucket_buttons["month"].setChecked(True)
    pane.by_combo.setCurrentIndex(pane.by_combo.findData("town"))
    qtbot.waitUntil(
        lambda: pane.trend_chart.state == "ready" and pane.data["trend"].by == "town", timeout=WAIT
    )
    assert _lines(pane.trend_chart) == {"甲镇": [4], "乙镇": [2]}

    shares = pane.shares_chart
    assert list(shares.inner_bars.opts["width"]) == [50.0, 100.0]  # type: ignore[attr-defined]
    assert list(shares.outer_bars.opts["width"]) == [75.0, 100.0]  # type: ignore[attr-defined]
    assert [line.value() for line in shares.target_lines] == [  # type: ignore[attr-defined]
        100 * analysis.VILLAGE_SHARE_TARGET,
        100 * analysis.VILLAGE_OR_TOWN_SHARE_TARGET,
    ]
    # Villages of the town with the weakest village share (甲镇), weakest first.
    assert pane.village_town_combo.currentData() == TOWN_A
    assert list(pane.villages_chart.inner_bars.opts["width"]) == [0.0, 100.0]  # type: ignore[attr-defined]

    time_chart = pane.time_chart
    assert list(time_chart.median_bars.opts["height"]) == [2.0, 10.0, 30.0]  # type: ignore[attr-defined]
    assert list(time_chart.p90_bars.opts["height"]) == [4.0, 10.0, 30.0]  # type: ignore[attr-defined]
    assert list(pane.funnel_chart.bars.opts["width"]) == [6, 5, 2, 1, 5, 4]  # type: ignore[attr-defined]
    assert list(pane.satisfaction_chart.bars.opts["height"]) == [0, 1, 1, 1, 2]  # type: ignore[attr-defined]
    assert pane.anomaly_list.topLevelItemCount() == 0


def test_a_period_change_reloads_every_chart(qtbot: QtBot, city: Engine) -> None:
    # Tuesday 17 March: "this week" is Monday 16 March onwards, where only case 4 (a hazard) was
    # reported and nothing was resolved yet (case 4 resolves on the 17th at 15:00).
    pane = _pane(qtbot, city, DISPATCHER, dt.datetime(2026, 3, 17, 12, tzinfo=CHINA_TZ))
    pane.show()
    _wait_loaded(qtbot, pane)
    assert pane.period_combo.currentData() == "last_4_weeks"
    assert pane.data["funnel"].reported == 7  # 18 Feb - 17 Mar: cases 1-6 and 8
    pane.set_period("this_week")
    qtbot.waitUntil(lambda: pane.data["funnel"].reported == 1 and not pane.is_loading(), timeout=WAIT)
    assert _lines(pane.trend_chart) == {"Hazard": [1]}
    assert pane.shares_chart.state == "empty" and pane.satisfaction_chart.state == "empty"
    assert not pane.from_date.isEnabled()
    pane.set_period("custom")
    assert pane.from_date.isEnabled()


def test_town_staff_see_their_town_only(qtbot: QtBot, city: Engine) -> None:
    staff = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=TOWN_B)
    pane = _pane(qtbot, city, staff, dt.datetime(2026, 4, 2, 12, tzinfo=CHINA_TZ))
    pane.show()
    pane.set_custom_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    _wait_loaded(qtbot, pane)
    assert pane.by_combo.findData("town") == -1
    assert [pane.village_town_combo.itemText(i) for i in range(pane.village_town_combo.count())] == ["乙镇"]
    assert list(pane.funnel_chart.bars.opts["width"]) == [2, 1, 0, 0, 1, 1]  # type: ignore[attr-defined]


def test_anomalies_are_listed_and_a_click_names_town_and_category(qtbot: QtBot, engine: Engine) -> None:
    _anomaly_city(engine)
    pane = _pane(qtbot, engine, DISPATCHER, ANOMALY_END)
    pane.show()
    _wait_loaded(qtbot, pane)
    rows = [
        [pane.anomaly_list.topLevelItem(i).text(c) for c in range(3)]
        for i in range(pane.anomaly_list.topLevelItemCount())
    ]
    assert rows == [["甲镇", "Land", "8"], ["甲镇", "Labour", "3"]]
    with qtbot.waitSignal(pane.anomalyActivated, timeout=WAIT) as blocker:
        item = pane.anomaly_list.topLevelItem(0)
        pane.anomaly_list.itemClicked.emit(item, 0)
    assert blocker.args == [TOWN_A, "dispute", "land"]


def test_anomaly_click_in_the_window_filters_the_queue(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path
) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        town = s.scalars(select(Town).order_by(Town.id)).first()
        assert town is not None
        town_id, town_name = town.id, town.name
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), settings, "test db"))
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.show_analysis()
    qtbot.waitUntil(lambda: win.analysis.loaded_once and not win.analysis.is_loading(), timeout=WAIT)
    assert win.analysis_dock.toggleViewAction() in win.menuBar().actions()[1].menu().actions()
    now = dt.datetime.now(dt.UTC)
    found = analysis.Anomalies(
        now - dt.timedelta(days=7),
        now,
        now - dt.timedelta(days=63),
        8,
        0.001,
        1,
        (
            analysis.Anomaly(
                town_id,
                town_name,
                "land",
                "dispute",
                9,
                1.0,
                8,
                1e-6,
                now - dt.timedelta(days=7),
                now,
                8,
            ),
        ),
    )
    win.analysis._draw_anomalies(found)
    win.analysis.anomaly_list.itemClicked.emit(win.analysis.anomaly_list.topLevelItem(0), 0)
    flt = win.queue.current_filter()
    assert flt.town_ids == frozenset({town_id}) and flt.kinds == frozenset({Kind.DISPUTE})
    assert win.queue_dock.isVisible()
    win.live.stop()
    win.runner.wait(10000)
