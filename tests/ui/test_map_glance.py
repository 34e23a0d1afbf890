"""The map read at a glance (issue 16): the legend, overdue and due-soon rings, context up close,
a town's staff opening on their town — checked in the page's own state in a real QtWebEngine."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.language import ui_language
from tests.ui.test_map import BASE, READY_MS, _case, counts, exec_js, js
from ui.live.map_view import MapView


@pytest.fixture
def view(qtbot: QtBot) -> MapView:
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(900, 650)
    widget.show()
    return widget


@pytest.fixture
def loaded(qtbot: QtBot, view: MapView) -> MapView:
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    return view


def test_legend_explains_every_marker_and_folds(qtbot: QtBot, loaded: MapView) -> None:
    state = js(qtbot, loaded, "Concord.legendState()")
    assert state["present"] and state["open"]
    keys = set(state["rows"])
    assert {"severity-1", "severity-4", "escalated", "mass", "selected", "overdue", "due-soon"} <= keys
    assert {"online", "stale", "offline", "log", "log-case"} <= keys
    assert {"line-city", "line-towns", "line-villages", "line-grids"} <= keys
    loaded.show_legend(False)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.legendState().open") is False)
    # The button folds it too.
    exec_js(qtbot, loaded, "document.querySelector('.concord-legend-toggle').click(); true")
    assert js(qtbot, loaded, "Concord.legendState().open") is True


def test_legend_is_translated(qtbot: QtBot, qapp: object) -> None:
    with ui_language(qapp, "zh_CN"):
        widget = MapView()
        qtbot.addWidget(widget)
        widget.resize(900, 650)
        widget.show()
        with qtbot.waitSignal(widget.ready, timeout=READY_MS):
            widget.load(BASE)
        state = js(qtbot, widget, "Concord.legendState()")
    assert state["toggle"].endswith("图例")
    assert state["rows"]["overdue"] == "超期"
    assert state["rows"]["due-soon"] == "临期"
    assert "在线" in state["rows"]["online"]


def test_overdue_cases_wear_a_red_ring_and_due_soon_ones_amber(qtbot: QtBot, loaded: MapView) -> None:
    loaded.set_cases([_case(1, sla="breached"), _case(2, sla="warning"), _case(3, sla="ok"), _case(4)])
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["cases"] == 4)
    red = js(qtbot, loaded, "Concord.caseRing(1)")
    amber = js(qtbot, loaded, "Concord.caseRing(2)")
    assert red["state"] == "breached" and red["colour"] == "#d50000" and red["halo"] and red["shown"]
    assert amber["state"] == "warning" and amber["colour"] == "#ffab00" and not amber["halo"]
    assert js(qtbot, loaded, "Concord.caseRing(3)") is None
    assert js(qtbot, loaded, "Concord.caseRing(4)") is None
    assert js(qtbot, loaded, "Concord.rings()") == 2
    # Around the marker, not over it, and never in the way of a click on it.
    assert red["radius"] > red["markerRadius"] and not red["interactive"]
    with qtbot.waitSignal(loaded.caseClicked, timeout=5000) as blocker:
        js(qtbot, loaded, "(Concord.caseMarker(1).fire('click'), true)")
    assert blocker.args == [1]
    # The ring follows the case's state.
    loaded.upsert_cases([_case(1, sla="ok"), _case(3, sla="breached")])
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.caseRing(1)") is None)
    assert js(qtbot, loaded, "Concord.caseRing(3).state") == "breached"
    # Hiding the cases overlay hides the rings; a removed case takes its ring along.
    exec_js(qtbot, loaded, "Concord.map().removeLayer(Concord.layer('cases')); true")
    assert js(qtbot, loaded, "Concord.caseRing(3).shown") is False
    exec_js(qtbot, loaded, "Concord.map().addLayer(Concord.layer('cases')); true")
    assert js(qtbot, loaded, "Concord.caseRing(3).shown") is True
    loaded.remove_cases([3])
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.rings()") == 1)


def test_zooming_to_a_case_shows_its_village_and_grid(qtbot: QtBot, loaded: MapView) -> None:
    # Villages and grids are off in the layers control; the case sits in 福泰社区 / 网格一.
    loaded.set_cases([_case(9, lat=36.717, lon=119.818)])
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["cases"] == 1)
    assert js(qtbot, loaded, "Concord.map().hasLayer(Concord.layer('villages'))") is False
    loaded.select_case(9)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.map().getZoom()") >= 15)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.legendState().contextShown.grids") is True)
    assert js(qtbot, loaded, "Concord.legendState().contextShown.villages") is True
    qtbot.waitUntil(lambda: "网格一" in _labels(qtbot, loaded))
    assert "福泰社区" in _labels(qtbot, loaded)
    # The switch in the legend turns the context off.
    loaded.set_context(False)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.legendState().contextShown.grids") is False)
    qtbot.waitUntil(lambda: "网格一" not in _labels(qtbot, loaded))
    assert "福泰社区" not in _labels(qtbot, loaded)
    assert js(qtbot, loaded, "Concord.legendState().contextShown.villages") is False
    # Zoomed out to the city, no context either way.
    loaded.set_context(True)
    loaded.center_on(36.9, 120.0, 10)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.map().getZoom()") == 10)
    assert js(qtbot, loaded, "Concord.legendState().contextShown") == {"villages": False, "grids": False}


def _labels(qtbot: QtBot, view: MapView) -> list[str]:
    """The place names on the map (the page's scripts hold them too: read the labels only)."""
    found: list[str] = js(
        qtbot, view, "Array.from(document.querySelectorAll('.concord-label')).map(e => e.textContent)"
    )
    return found


def test_a_town_opens_on_its_town(qtbot: QtBot, view: MapView) -> None:
    town = [[36.7, 120.0], [36.9, 120.2]]
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load({**BASE, "home": town})
    assert js(qtbot, view, "Concord.home()") == town
    inside = js(
        qtbot,
        view,
        "(() => { const b = Concord.map().getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()",
    )
    south, west, north, east = inside
    # The town fills the view; the other town (west of 120.0) is mostly out of it.
    assert south <= 36.7 and north >= 36.9 and west <= 120.0 and east >= 120.2
    assert west > 119.85


def test_a_case_selected_before_its_marker_arrives_is_selected_when_it_does(
    qtbot: QtBot, loaded: MapView
) -> None:
    loaded.select_case(21)
    loaded.set_cases([_case(20), _case(21, lat=36.717, lon=119.818)])
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.caseMarker(21).options.weight") == 4)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.map().getZoom()") >= 15)


def test_a_small_map_opens_with_the_legend_folded(qtbot: QtBot) -> None:
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(480, 640)
    widget.show()
    with qtbot.waitSignal(widget.ready, timeout=READY_MS):
        widget.load(BASE)
    state = js(qtbot, widget, "Concord.legendState()")
    assert state["present"] and not state["open"]
    widget.show_legend(True)
    qtbot.waitUntil(lambda: js(qtbot, widget, "Concord.legendState().open") is True)
