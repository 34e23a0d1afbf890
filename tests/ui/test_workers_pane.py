"""The worker list dock (issue 16): states coloured as on the map, last seen in words, search,
and a click that locates the worker on the map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, delete, select

from db.models import Worker, WorkerLatest
from db.session import make_sessionmaker
from desktop.cases.service import CaseService, actor_for
from desktop.clock import utcnow
from tests.ui.language import ui_language
from tests.ui.test_map import js
from ui.live.workers_pane import WorkersPane, seen_ago
from ui.main_window import AppContext, MainWindow
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


def _place_workers(engine: Engine) -> list[int]:
    now = utcnow()
    with make_sessionmaker(engine)() as s:
        s.execute(delete(WorkerLatest))
        workers = list(s.scalars(select(Worker).order_by(Worker.id).limit(3)))
        for seq, (worker, minutes) in enumerate(zip(workers, (1, 25, 200), strict=True), start=1):
            s.add(
                WorkerLatest(
                    worker_id=worker.id,
                    seq=seq,
                    device_time=now - dt.timedelta(minutes=minutes),
                    received_at=now,
                    lat=36.80 + seq * 0.01,
                    lon=119.95 + seq * 0.01,
                    battery=10.0 + 30 * seq,
                    grid_id=worker.grid_id,
                )
            )
        workers[0].name = "欧阳娜娜"
        workers[0].pinyin = "oynn"
        s.commit()
        return [w.id for w in workers]


@pytest.fixture
def pane(qtbot: QtBot, demo_engine: Engine) -> Iterator[WorkersPane]:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
    runner = TaskRunner()
    widget = WorkersPane(sessions, dispatcher, runner)
    qtbot.addWidget(widget)
    yield widget
    runner.wait(WAIT)


def test_states_last_seen_and_search(
    qtbot: QtBot, qapp: object, pane: WorkersPane, demo_engine: Engine
) -> None:
    ids = _place_workers(demo_engine)
    with ui_language(qapp, "zh_CN"):
        pane.show()
        qtbot.waitUntil(lambda: pane.table.rowCount() > 3, timeout=WAIT)
        assert [pane.rows[i].id for i in range(3)] == ids
        assert pane.table.item(0, 0).text() == "● 在线"
        assert pane.table.item(0, 0).foreground().color().name() == "#2e7d32"
        assert pane.table.item(1, 0).text() == "● 信号延迟"
        assert pane.table.item(2, 0).text() == "● 离线"
        assert pane.table.item(0, 2).text() in {"1分钟前", "2分钟前"}
        assert pane.table.item(2, 2).text() == "3小时前"
        assert pane.table.item(0, 4).text() == "40%"
        assert pane.summary.text().startswith("在线 1 · 信号延迟 1 · 离线 ")
        pane.search.setText("oyn")
        qtbot.waitUntil(lambda: pane.table.rowCount() == 1, timeout=WAIT)
        assert pane.table.item(0, 1).text() == "欧阳娜娜"
        pane.search.setText("没有这个人")
        qtbot.waitUntil(lambda: pane.table.rowCount() == 0, timeout=WAIT)
        pane.search.clear()
        pane.status_combo.setCurrentIndex(pane.status_combo.findData("stale"))
        qtbot.waitUntil(lambda: pane.table.rowCount() == 1, timeout=WAIT)
        assert pane.rows[0].id == ids[1]


def test_seen_ago_in_words() -> None:
    now = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
    assert seen_ago(None, now) == "never"
    assert seen_ago(now - dt.timedelta(seconds=20), now) == "just now"
    assert seen_ago(now - dt.timedelta(minutes=9), now) == "9 min ago"
    assert seen_ago(now - dt.timedelta(hours=5), now) == "5 h ago"
    assert seen_ago(now - dt.timedelta(days=3), now) == "2026-11-17 10:00"  # China time


def test_a_click_locates_the_worker_on_the_map(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> None:
    ids = _place_workers(demo_engine)
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), settings, "test db"))
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    win.start()
    try:
        qtbot.waitUntil(lambda: win.map.page_ready, timeout=120000)
        win.workers_dock.show()
        win.workers_dock.raise_()
        qtbot.waitUntil(lambda: win.workers.table.rowCount() > 3, timeout=WAIT)
        with qtbot.waitSignal(win.workers.workerActivated, timeout=WAIT) as blocker:
            win.workers.table.itemClicked.emit(win.workers.table.item(1, 1))
        assert blocker.args[0] == ids[1]

        def centre() -> list[float]:
            script = "[Concord.map().getCenter().lat, Concord.map().getCenter().lng, Concord.map().getZoom()]"
            found: list[float] = js(qtbot, win.map, script, 20000)
            return found

        qtbot.waitUntil(lambda: centre()[2] == 16, timeout=120000)
        lat, lon, _zoom = centre()
        assert lat == pytest.approx(36.82, abs=2e-3) and lon == pytest.approx(119.97, abs=2e-3)
        # The worker's card opens too.
        cards = "document.querySelectorAll('.concord-worker').length"
        qtbot.waitUntil(lambda: js(qtbot, win.map, cards, 20000) == 1, timeout=120000)
    finally:
        win.live.stop()
        win.runner.wait(10000)
