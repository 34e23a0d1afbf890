"""The map's sentiment-log layer and case heat layer in a real QtWebEngine page (offscreen): the
log book's logs arrive as markers and a click names the log; the heat layer asks for its period's
bins when turned on or when the period changes, draws them with Leaflet.heat (served locally from
folium's package), and the page stays offline."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from db.models import Case
from db.session import make_sessionmaker
from db.vocab import Role
from desktop import logbook
from desktop.cases.ladder import Actor
from desktop.live.mapdata import base_layers
from desktop.logbook import LogFilter
from tests.ui.test_map import READY_MS, js
from ui.live.map_view import LEAFLET_HEAT, MapView, render_page

DISPATCHER = Actor(1, Role.DISPATCHER, name="调度员")


def test_heat_plugin_is_local_and_from_the_installed_package() -> None:
    assert LEAFLET_HEAT.is_file() and "site-packages" in str(LEAFLET_HEAT)
    html = render_page({"city": None})
    assert LEAFLET_HEAT.as_uri() in html
    assert "cdn.jsdelivr" not in html and "https://" not in html.split("Content-Security-Policy")[0]


def test_log_layer_and_heat_layer_get_their_data(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        base = base_layers(s)
        logs = logbook.log_markers(s, DISPATCHER, LogFilter())
        newest = s.scalar(select(func.max(Case.reported_at)))
    assert logs and newest is not None
    view = MapView()
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(base)
    state = js(qtbot, view, "Concord.overlayState()")
    assert state["heatAvailable"] and not state["logsShown"] and not state["heatShown"]

    # The log layer: every log of the filter, shown on demand; a click names the log.
    view.set_logs(logs)
    qtbot.waitUntil(lambda: js(qtbot, view, "Concord.overlayState()")["logs"] == len(logs))
    view.show_log_layer(True)
    qtbot.waitUntil(lambda: js(qtbot, view, "Concord.overlayState()")["logsShown"])
    assert js(qtbot, view, "Concord.logLayer().getLayers().length") == len(logs)
    with qtbot.waitSignal(view.logClicked, timeout=5000) as clicked:
        js(qtbot, view, "(Concord.logLayer().getLayers()[0].fire('click'), true)")
    assert clicked.args == [logs[0]["id"]]
    # A narrower filter replaces the markers.
    view.set_logs(logs[:3])
    qtbot.waitUntil(lambda: js(qtbot, view, "Concord.logLayer().getLayers().length") == 3)

    # The heat layer asks for the bins of its period (90 days by default) when turned on.
    answered: list[int] = []

    def answer(days: int) -> None:
        answered.append(days)
        since = newest - dt.timedelta(days=days) if days else None
        with sessions() as s:
            view.set_heat(logbook.case_heat(s, DISPATCHER, since), days)

    view.heatRequested.connect(answer)
    with qtbot.waitSignal(view.heatRequested, timeout=5000) as asked:
        view.show_heat_layer(True)
    assert asked.args == [90]
    with sessions() as s:
        bins90 = logbook.case_heat(s, DISPATCHER, newest - dt.timedelta(days=90))
        bins_all = logbook.case_heat(s, DISPATCHER, None)
    assert bins90
    qtbot.waitUntil(lambda: js(qtbot, view, "Concord.overlayState()")["heatPoints"] == len(bins90))
    state = js(qtbot, view, "Concord.overlayState()")
    assert state["heatShown"] and state["heatDays"] == 90 and state["heatCanvas"]
    # The period control: all history.
    with qtbot.waitSignal(view.heatRequested, timeout=5000) as asked:
        js(
            qtbot,
            view,
            "(function(){var s=document.querySelector('.concord-heat-window select');"
            "s.value='0';s.dispatchEvent(new Event('change'));return true;})()",
        )
    assert asked.args == [0]
    qtbot.waitUntil(lambda: js(qtbot, view, "Concord.overlayState()")["heatPoints"] == len(bins_all))
    assert js(qtbot, view, "Concord.overlayState()")["heatDays"] == 0
    # Turned off, the period control goes with it; on again, no new request for the same period.
    view.show_heat_layer(False)
    qtbot.waitUntil(lambda: not js(qtbot, view, "Concord.overlayState()")["heatShown"])
    assert js(qtbot, view, "document.querySelector('.concord-heat-window') === null")
    n = len(answered)
    view.show_heat_layer(True)
    qtbot.waitUntil(lambda: js(qtbot, view, "Concord.overlayState()")["heatShown"])
    qtbot.wait(200)
    assert len(answered) == n
    view.release_page()
