"""The control room at a glance (issue 16) in the whole window on the demo city: the map's
markers follow the queue's filter and search, a town's staff open on their own town."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import Case
from db.session import make_sessionmaker
from desktop.cases import queue
from desktop.cases.queue import QueueFilter
from desktop.cases.service import CaseService, actor_for
from desktop.clock import utcnow
from tests.ui.test_map import js
from ui.main_window import AppContext, MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _window(engine: Engine, settings_path: Path, user: str) -> MainWindow:
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, user)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    return MainWindow(AppContext(engine, sessions, actor, CaseService(sessions), settings, "test db"))


def _open(qtbot: QtBot, engine: Engine, tmp_path: Path, user: str) -> MainWindow:
    win = _window(engine, tmp_path / f"{user}.ini", user)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    win.start()
    qtbot.waitUntil(lambda: win.map.page_ready, timeout=30000)
    return win


@pytest.fixture
def window(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> Iterator[MainWindow]:
    win = _open(qtbot, demo_engine, tmp_path, "dispatcher")
    yield win
    win.live.stop()
    win.runner.wait(10000)


def _queue_ids(win: MainWindow, flt: QueueFilter) -> set[int]:
    with win.ctx.sessions() as s:
        return {r.id for r in queue.fetch_page(s, win.ctx.actor, flt, now=utcnow(), limit=5000)}


def _map_ids(qtbot: QtBot, win: MainWindow) -> set[int]:
    return set(js(qtbot, win.map, "Concord.caseIds()"))


def test_the_map_follows_the_queues_filter_and_search(window: MainWindow, qtbot: QtBot) -> None:
    everything = _queue_ids(window, window.queue.current_filter())
    assert everything
    qtbot.waitUntil(lambda: _map_ids(qtbot, window) == everything, timeout=15000)
    # A town picked in the filter bar: the map keeps that town's cases only.
    town_id = window.queue.town_combo.itemData(1)
    window.queue.town_combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.queue.current_filter().town_ids == frozenset({town_id}), timeout=5000)
    town = _queue_ids(window, window.queue.current_filter())
    assert town and town < everything
    qtbot.waitUntil(lambda: _map_ids(qtbot, window) == town, timeout=15000)
    assert window.map_cases.filter_sent == window.queue.current_filter()
    # A search: the same rows as the queue lists.
    window.queue.town_combo.setCurrentIndex(0)
    with window.ctx.sessions() as s:
        number = s.scalar(select(Case.number).where(Case.id == min(everything)))
    window.queue.search.setText(number)
    window.queue._apply_filter()
    qtbot.waitUntil(lambda: _map_ids(qtbot, window) == {min(everything)}, timeout=15000)
    # The queue reads its rows on its own task: the map may have them first.
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == 1, timeout=15000)
    window.queue.clear_filters()
    qtbot.waitUntil(
        lambda: _map_ids(qtbot, window) == _queue_ids(window, window.queue.current_filter()), timeout=15000
    )


def test_a_towns_staff_open_on_their_own_town(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> None:
    with make_sessionmaker(demo_engine)() as s:
        town_id = s.scalar(select(Case.town_id).order_by(Case.id).limit(1))
    win = _open(qtbot, demo_engine, tmp_path, f"town{town_id:02d}")
    try:
        assert win.queue.current_filter().town_ids == frozenset({town_id})
        assert win.queue.current_filter().open_only
        home = js(qtbot, win.map, "Concord.home()")
        city = js(
            qtbot,
            win.map,
            "(() => { const b = Concord.map().getBounds(); return [[b.getSouth(), b.getWest()], [b.getNorth(), b.getEast()]]; })()",
        )
        assert home is not None
        # The view holds the town and is not much larger than it.
        (s0, w0), (n0, e0) = home
        (s1, w1), (n1, e1) = city
        assert s1 <= s0 + 1e-6 and w1 <= w0 + 1e-6 and n1 >= n0 - 1e-6 and e1 >= e0 - 1e-6
        assert (n1 - s1) < 3 * (n0 - s0) or (e1 - w1) < 3 * (e0 - w0)
    finally:
        win.live.stop()
        win.runner.wait(10000)
