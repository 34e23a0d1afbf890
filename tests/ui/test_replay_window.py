"""The track replay window (轨迹回放) in a real QtWebEngine page (offscreen): it loads the newest
demo worker-day, the slider moves the marker (read back from the page), play advances it, flagged
fixes are drawn and counted, bad input gets a Chinese message and changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.live import tracks
from desktop.seed.tracks import build_demo_tracks
from tests.ui.language import ui_language
from ui.live.replay_window import ReplayWindow, render_replay_page

DISPATCHER = Actor(1, Role.DISPATCHER, name="调度员")
READY_MS = 30_000
# Built on a Saturday: the demo tracks are the Friday's, a full working day.
TRACKS_BUILT = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)


def page_state(qtbot: QtBot, window: ReplayWindow) -> dict[str, Any]:
    box: list[Any] = []
    window.map.evaluate("Replay.state()", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=5000)
    result: dict[str, Any] = json.loads(box[0])
    return result


def opened(qtbot: QtBot, demo_engine: Engine) -> ReplayWindow:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s, s.begin():  # the tests' demo city has no tracks of its own
        build_demo_tracks(s, TRACKS_BUILT)
    window = ReplayWindow(sessions, DISPATCHER)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with qtbot.waitSignal(window.dayLoaded, timeout=READY_MS):
        window.open_newest()
    qtbot.waitUntil(lambda: window.map.page_ready, timeout=READY_MS)
    qtbot.waitUntil(lambda: page_state(qtbot, window)["points"] > 0, timeout=READY_MS)
    return window


def test_page_is_local_only() -> None:
    html = render_replay_page({"mock": "<b>x</b>"})
    head = html.split("Content-Security-Policy")[0]
    assert "https://" not in head and "cdn" not in html
    assert "replay.js" in html and "<b>x</b>" not in html


def test_slider_moves_the_marker(qtbot: QtBot, demo_engine: Engine) -> None:
    window = opened(qtbot, demo_engine)
    day = window.day
    assert day is not None and day.points
    state = page_state(qtbot, window)
    first = day.points[0]
    assert state["points"] == len(day.points)
    assert state["t"] == int(first.t.timestamp())
    assert abs(state["lat"] - first.lat) < 1e-6 and abs(state["lon"] - first.lon) < 1e-6

    # Half way through the day: the marker is where the track was then.
    window.slider.setValue(window.slider.maximum() // 2)
    target = int(day.points[0].t.timestamp()) + window.slider.maximum() // 2
    qtbot.waitUntil(lambda: page_state(qtbot, window)["t"] == target, timeout=5000)
    state = page_state(qtbot, window)
    before = [p for p in day.points if p.t.timestamp() <= target][-1]
    assert state["index"] == day.points.index(before)
    assert tracks.haversine_m(state["lat"], state["lon"], before.lat, before.lon) < 200
    assert (state["lat"], state["lon"]) != (first.lat, first.lon)
    assert window.time_label.text() == dt.datetime.fromtimestamp(target, tracks.CHINA_TZ).strftime("%H:%M:%S")

    # Play at 600×: the marker moves on by itself; pause stops it.
    window.speed_box.setCurrentIndex(window.speed_box.findData(600))
    window.play_button.setChecked(True)
    qtbot.waitUntil(lambda: page_state(qtbot, window)["t"] > target + 60, timeout=5000)
    window.play_button.setChecked(False)
    stopped = window.slider.value()
    qtbot.wait(300)
    assert window.slider.value() == stopped


def test_flagged_fixes_are_marked_and_counted(qtbot: QtBot, demo_engine: Engine) -> None:
    window = opened(qtbot, demo_engine)
    day = window.day
    assert day is not None
    flagged = sum(1 for p in day.points if not p.good)
    assert day.summary.mock > 0
    # One circle marker per flagged fix on the page, and the card says how many.
    assert page_state(qtbot, window)["flagged"] == flagged
    assert window.card_values["mock"].text() == str(day.summary.mock)
    assert window.card_values["coarse"].text() == str(day.summary.low_accuracy)
    assert flagged == day.summary.mock + day.summary.low_accuracy
    # The marker takes the mock style on a mock fix.
    mock = next(p for p in day.points if p.mock)
    window.slider.setValue(int(mock.t.timestamp()) - int(day.points[0].t.timestamp()))
    qtbot.waitUntil(lambda: page_state(qtbot, window)["kind"] == 2, timeout=5000)
    # The stops table lists the day's stops; a click moves the slider to the stop.
    assert window.stops_table.rowCount() == len(day.stops) > 0
    window.stops_table.cellClicked.emit(0, 0)
    assert window.current_time() == day.stops[0].start.replace(microsecond=0)


def test_coverage_tab_and_bad_range(qtbot: QtBot, demo_engine: Engine, qapp: QApplication) -> None:
    window = opened(qtbot, demo_engine)
    day = window.day
    assert day is not None
    qtbot.waitUntil(lambda: window.unit_box.count() > 0, timeout=10_000)
    units = [window.unit_box.itemData(i) for i in range(window.unit_box.count())]
    window.unit_box.setCurrentIndex(units.index(("squad", day.worker.squad_id)))
    for edit in (window.cover_from, window.cover_to):
        edit.setDate(day.day)
    window.compute_coverage()
    qtbot.waitUntil(lambda: window.coverage_table.rowCount() > 0, timeout=15_000)
    assert day.worker.id in {r.worker_id for r in window.coverage_rows}
    rows = window.coverage_table.rowCount()
    with ui_language(qapp, "zh_CN"):
        window.cover_to.setDate(day.day - dt.timedelta(days=1))
        window.compute_coverage()
        assert window.status.text() == "结束日期早于开始日期。"
    assert window.coverage_table.rowCount() == rows  # nothing changed


def test_unknown_worker_text_is_refused(qtbot: QtBot, demo_engine: Engine, qapp: QApplication) -> None:
    window = opened(qtbot, demo_engine)
    shown = window.day
    with ui_language(qapp, "zh_CN"):
        window.worker_box.setEditText("不存在的人")
        window.load_selected()
        assert window.status.text() == "请先从列表中选择一名队员。"
    assert window.day is shown


def test_view_menu_opens_the_replay_on_the_worker_clicked(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Any
) -> None:
    from PySide6.QtCore import QSettings

    from desktop.cases.service import CaseService, actor_for
    from desktop.clock import utcnow
    from ui.main_window import AppContext, MainWindow

    sessions = make_sessionmaker(demo_engine)
    with sessions() as s, s.begin():
        build_demo_tracks(s, TRACKS_BUILT)
    with sessions() as s:
        found = tracks.newest_track(s, DISPATCHER)
        actor = actor_for(s, "dispatcher")
        clicked = tracks.list_workers(s, DISPATCHER)[-1]["id"]  # not the newest track's worker
    assert found is not None and clicked != found[0]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), settings, "test db"))
    qtbot.addWidget(main)
    main.last_worker_id = clicked  # as a click on the worker's map marker leaves it
    before = set(main.findChildren(ReplayWindow))
    main.replay_action.trigger()
    opened_now = set(main.findChildren(ReplayWindow)) - before
    assert len(opened_now) == 1
    replay = opened_now.pop()
    qtbot.waitUntil(lambda: replay.day is not None, timeout=READY_MS)
    assert replay.day is not None and replay.day.worker.id == clicked
    assert replay.day.day == utcnow().astimezone(tracks.CHINA_TZ).date()
    replay.close()
    main.runner.wait(5000)
