"""The map pane in a real QtWebEngine (offscreen): offline page, ready handshake, bridge calls, escaping, MBTiles."""

from __future__ import annotations

import base64
import functools
import http.server
import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWebEngineCore import QWebEngineSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.live.mapdata import base_layers, case_markers
from ui.live.map_view import NO_BEARING, NO_SPEED, MapView, MbtilesSchemeHandler, WorkerWire, render_page

READY_MS = 20_000
XSS = "<img src=x onerror=alert(1)>"


def _square(west: float, south: float, size: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [
            [
                [west, south],
                [west + size, south],
                [west + size, south + size],
                [west, south + size],
                [west, south],
            ]
        ],
    }


def _fc(*features: tuple[int, str, dict[str, Any]]) -> dict[str, Any]:
    out = []
    for fid, name, geom in features:
        ring = geom["coordinates"][0]
        lat = (ring[0][1] + ring[2][1]) / 2
        lon = (ring[0][0] + ring[2][0]) / 2
        out.append(
            {
                "type": "Feature",
                "properties": {"id": fid, "name": name, "code": f"c{fid}", "label": [lat, lon]},
                "geometry": geom,
            }
        )
    return {"type": "FeatureCollection", "features": out}


# A hand-made city: two towns, two villages, one grid; one town's name tries to inject markup.
BASE: dict[str, Any] = {
    "city": _fc((1, "平度市", _square(119.8, 36.7, 0.4))),
    "towns": _fc((1, "东阁街道", _square(119.8, 36.7, 0.2)), (2, "<b>城关</b>", _square(120.0, 36.7, 0.2))),
    "villages": _fc((1, "福泰社区", _square(119.8, 36.7, 0.05)), (2, "南村", _square(119.85, 36.7, 0.05))),
    "grids": _fc((1, "网格一", _square(119.8, 36.7, 0.02))),
    "bounds": [[36.7, 119.8], [37.1, 120.2]],
}


def _case(case_id: int, **kw: Any) -> dict[str, Any]:
    row = {
        "id": case_id,
        "number": f"PD-2026-{case_id:06d}",
        "title": f"纠纷 {case_id}",
        "lat": 36.75 + case_id * 0.01,
        "lon": 119.85 + case_id * 0.01,
        "severity": 1 + case_id % 4,
        "level": 1,
        "status": "reported",
        "escalated": False,
        "mass_incident": False,
    }
    row.update(kw)
    return row


def _fix(worker_id: int, minute: int, **kw: Any) -> dict[str, Any]:
    row = {
        "id": worker_id,
        "name": f"队员{worker_id}",
        "lat": 36.8 + minute * 0.001,
        "lon": 119.9 + worker_id * 0.01,
        "bearing": 90.0,
        "speed": 1.2,
        "battery": 80.0,
        "device_time": f"2026-11-20T02:{minute:02d}:00+00:00",
        "status": "online",
    }
    row.update(kw)
    return row


def _sent(row: dict[str, Any], *, name: bool = True) -> dict[str, Any]:
    """A worker row as the page gets it: what it draws (and its name once); no battery, no time."""
    keys = ("id", "lat", "lon", "status", "bearing", "speed") + (("name",) if name else ())
    return {k: pytest.approx(row[k], abs=1e-6) if isinstance(row[k], float) else row[k] for k in keys}


def _column(text: str, dtype: str) -> list[Any]:
    return np.frombuffer(base64.b64decode(text), dtype=dtype).tolist()


def _decode(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Worker rows back from the compact payload WorkerWire builds (base64 binary columns)."""
    names = {wid: name for wid, name in payload["names"]}
    columns = zip(
        _column(payload["id"], "<i4"),
        _column(payload["lat"], "<i4"),
        _column(payload["lon"], "<i4"),
        _column(payload["status"], "u1"),
        _column(payload["bearing"], "<i2"),
        _column(payload["speed"], "<u2"),
        strict=True,
    )
    rows = []
    for wid, lat, lon, status, bearing, speed in columns:
        row = {
            "id": wid,
            "lat": lat / 1e7,
            "lon": lon / 1e7,
            "status": ["offline", "stale", "online"][status],
            "bearing": None if bearing == NO_BEARING else bearing / 10,
            "speed": None if speed == NO_SPEED else speed / 100,
        }
        if wid in names:
            row["name"] = names[wid]
        rows.append(row)
    return rows


def last_diff(qtbot: QtBot, view: MapView) -> list[dict[str, Any]]:
    """The rows of the last worker batch the page received."""
    rows: list[dict[str, Any]] = js(qtbot, view, "Concord.lastWorkerDiff().rows")
    return sorted(rows, key=lambda r: r["id"])


# A real mouse event at a worker's dot (container pixels), on the markers' canvas.
MOUSE_AT_WORKER = """(() => {
    const dot = Concord.workerDot(%d), map = Concord.map();
    const box = map.getContainer().getBoundingClientRect();
    const canvas = map.getPane('concordMarkers').querySelector('canvas');
    canvas.dispatchEvent(new MouseEvent('%s', {clientX: box.left + dot.x + %d, clientY: box.top + dot.y, bubbles: true}));
    return true;
})()"""


def mouse_at_worker(qtbot: QtBot, view: MapView, worker_id: int, event: str, dx: int = 0) -> None:
    exec_js(qtbot, view, MOUSE_AT_WORKER % (worker_id, event, dx))


def exec_js(qtbot: QtBot, view: MapView, script: str, timeout: int = 5000) -> Any:
    """Run a script in the page and wait until it has run; returns its completion value."""
    box: list[Any] = []
    view.web_page.runJavaScript(script, 0, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return box[0]


def js(qtbot: QtBot, view: MapView, expr: str, timeout: int = 5000) -> Any:
    """The value of a JavaScript expression, through JSON (arrays and objects do not survive
    runJavaScript's own conversion in PySide6 6.12: they arrive as empty strings)."""
    return json.loads(exec_js(qtbot, view, f"JSON.stringify(({expr}) ?? null)", timeout))


def counts(qtbot: QtBot, view: MapView) -> dict[str, int]:
    result: dict[str, int] = js(qtbot, view, "Concord.counts()")
    return result


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


# --- the page -----------------------------------------------------------------------------------


def test_rendered_page_is_offline_with_a_csp() -> None:
    html = render_page(BASE)
    assert "http://" not in html and "https://" not in html
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(s.startswith(("file:///", "qrc:///")) for s in sources), sources
    assert any(s.endswith("js_lib_leaflet/leaflet.js") for s in sources)
    assert '"preferCanvas": true' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "'unsafe-inline'" not in html.split("script-src", 1)[1].split(";", 1)[0]
    # Embedded names cannot close the script element they live in.
    assert "<b>城关</b>" not in html and "\\u003cb\\u003e城关" in html


def test_configured_tile_server_is_the_only_remote_origin() -> None:
    html = render_page(BASE, tiles={"url": "http://10.1.2.3:8080/t/{z}/{x}/{y}.png"})
    assert "img-src file: data: mbtiles: http://10.1.2.3:8080;" in html
    assert re.findall(r"https?://[^\"'\s;,)]+", html) == [
        "http://10.1.2.3:8080",
        "http://10.1.2.3:8080/t/{z}/{x}/{y}.png",
    ]


def test_page_loads_from_a_file_and_says_ready(qtbot: QtBot, view: MapView) -> None:
    assert not view.page_ready
    started = time.perf_counter()
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    elapsed = time.perf_counter() - started
    assert view.page_ready
    assert view.page_file is not None and view.page_file.exists()
    text = view.page_file.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert view.web_page.url().isLocalFile()
    assert js(qtbot, view, "typeof L.version === 'string' && L.version") == "1.9.4"
    shown = js(
        qtbot,
        view,
        "['city','towns','villages','grids'].map(k => Concord.map().hasLayer(Concord.layer(k)))",
    )
    assert shown == [True, True, False, False]  # villages and grids hidden by default
    assert js(qtbot, view, "Concord.map().options.preferCanvas") is True
    assert elapsed < 10


def test_remote_access_is_off_unless_a_tile_server_is_configured(qtbot: QtBot, view: MapView) -> None:
    attr = QWebEngineSettings.WebAttribute
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    settings = view.web_page.settings()
    assert settings.testAttribute(attr.LocalContentCanAccessFileUrls)
    assert not settings.testAttribute(attr.LocalContentCanAccessRemoteUrls)


def test_page_cannot_navigate_away(qtbot: QtBot, loaded: MapView) -> None:
    url = loaded.web_page.url()
    exec_js(qtbot, loaded, "location.href = 'https://example.invalid/'; true")
    qtbot.wait(300)
    assert loaded.web_page.url() == url


def test_calls_before_ready_are_queued_and_delivered_in_order(qtbot: QtBot, view: MapView) -> None:
    view.set_cases([_case(i) for i in range(1, 11)])
    view.remove_cases([3, 4])
    view.upsert_cases([_case(20)])
    assert not view.page_ready
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    qtbot.waitUntil(lambda: counts(qtbot, view)["cases"] == 9, timeout=5000)
    assert js(qtbot, view, "Concord.caseMarker(3) === null && Concord.caseMarker(20) !== null") is True


def test_set_cases_replaces_and_escalated_cases_stand_out(qtbot: QtBot, loaded: MapView) -> None:
    loaded.set_cases([_case(1), _case(2, escalated=True, level=2, severity=4)])
    loaded.set_cases([_case(2, escalated=True, level=2, severity=4), _case(3)])
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["cases"] == 2)
    plain = js(qtbot, loaded, "[Concord.caseMarker(3).getRadius(), Concord.caseMarker(3).options.weight]")
    ring = js(qtbot, loaded, "[Concord.caseMarker(2).getRadius(), Concord.caseMarker(2).options.weight]")
    assert ring[0] > plain[0] and ring[1] > plain[1]
    assert js(qtbot, loaded, "Concord.caseMarker(2).options.fillColor") == "#d32f2f"


def test_clicking_a_case_marker_emits_case_clicked(qtbot: QtBot, loaded: MapView) -> None:
    loaded.set_cases([_case(7), _case(8)])
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["cases"] == 2)
    with qtbot.waitSignal(loaded.caseClicked, timeout=5000) as blocker:
        js(qtbot, loaded, "(Concord.caseMarker(7).fire('click'), true)")
    assert blocker.args == [7]


def test_select_case_highlights_and_centres(qtbot: QtBot, loaded: MapView) -> None:
    loaded.set_cases([_case(5)])
    loaded.select_case(5)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.caseMarker(5).options.weight") == 4)
    qtbot.waitUntil(lambda: _centre(qtbot, loaded) == pytest.approx([36.8, 119.9], abs=1e-3))
    assert js(qtbot, loaded, "Concord.map().getZoom()") >= 14


def _centre(qtbot: QtBot, view: MapView) -> list[float]:
    centre: list[float] = js(qtbot, view, "[Concord.map().getCenter().lat, Concord.map().getCenter().lng]")
    return centre


def test_center_on(qtbot: QtBot, loaded: MapView) -> None:
    loaded.center_on(36.95, 120.05, 12)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.map().getZoom()") == 12)
    qtbot.waitUntil(lambda: _centre(qtbot, loaded) == pytest.approx([36.95, 120.05], abs=1e-3))


def test_center_on_is_not_lost_during_a_zoom_animation(qtbot: QtBot, loaded: MapView) -> None:
    # Leaflet itself drops setView while a zoom animates (as after a wheel zoom by the user). Its
    # animation starts in the next frame: call centerOn from a frame callback queued after it.
    script = """
        const map = Concord.map();
        map.setZoom(map.getZoom() + 1);
        requestAnimationFrame(() => {
            window.__wasAnimating = map._animatingZoom;
            Concord.centerOn(36.75, 119.85, 13);
        });
        true
    """
    exec_js(qtbot, loaded, script)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "window.__wasAnimating") is not None)
    assert js(qtbot, loaded, "window.__wasAnimating") is True
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.map().getZoom()") == 13)
    qtbot.waitUntil(lambda: _centre(qtbot, loaded) == pytest.approx([36.75, 119.85], abs=1e-3))


def test_labels_follow_zoom_and_are_text(qtbot: QtBot, loaded: MapView) -> None:
    loaded.center_on(36.8, 120.0, 9)
    # The zoom animates: labels follow at its end.
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["labels"] == 0)
    # Leaflet fades removed tooltips out before taking them from the DOM.
    qtbot.waitUntil(lambda: js(qtbot, loaded, "document.querySelectorAll('.concord-label').length") == 0)
    loaded.center_on(36.8, 120.0, 10)
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["labels"] == 2)  # the two towns, no villages yet
    texts = js(
        qtbot, loaded, "Array.from(document.querySelectorAll('.concord-label')).map(e => e.textContent)"
    )
    assert sorted(texts) == sorted(["东阁街道", "<b>城关</b>"])
    assert js(qtbot, loaded, "document.querySelectorAll('.concord-label b').length") == 0
    exec_js(qtbot, loaded, "Concord.map().addLayer(Concord.layer('villages')); true")
    loaded.center_on(36.72, 119.85, 13)
    qtbot.waitUntil(lambda: "南村" in js(qtbot, loaded, "document.body.textContent"))


def test_strings_from_the_database_are_shown_as_text(qtbot: QtBot, loaded: MapView) -> None:
    exec_js(
        qtbot, loaded, "window.__alerted = false; window.alert = () => { window.__alerted = true; }; true"
    )
    loaded.set_cases([_case(9, title=XSS, number='PD"><img src=y>')])
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["cases"] == 1)
    with qtbot.waitSignal(loaded.caseClicked, timeout=5000):
        exec_js(
            qtbot, loaded, "Concord.caseMarker(9).fire('click'); Concord.caseMarker(9).openTooltip(); true"
        )
    qtbot.waitUntil(lambda: js(qtbot, loaded, "document.querySelectorAll('.leaflet-popup').length") == 1)
    popup = js(qtbot, loaded, "document.querySelector('.leaflet-popup').textContent")
    tooltip = js(qtbot, loaded, "document.querySelector('.concord-case-tooltip').textContent")
    assert XSS in popup and XSS in tooltip and 'PD"><img src=y>' in popup
    assert js(qtbot, loaded, "document.querySelectorAll('.leaflet-popup img').length") == 0
    assert js(qtbot, loaded, "document.querySelectorAll('.leaflet-tooltip img').length") == 0
    assert js(qtbot, loaded, "document.querySelectorAll('img[src=x], img[src=y]').length") == 0

    loaded.apply_worker_diff([_fix(1, 0, name=XSS)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 1)
    exec_js(qtbot, loaded, "Concord.map().closePopup(); true")
    qtbot.wait(100)  # past the canvas's hover throttle
    mouse_at_worker(qtbot, loaded, 1, "mousemove")
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.workerTooltip()") == 1)
    tip = "document.querySelector('.concord-worker-tooltip').textContent"
    qtbot.waitUntil(lambda: js(qtbot, loaded, tip) == XSS)
    assert js(qtbot, loaded, "document.querySelectorAll('.leaflet-tooltip img').length") == 0
    loaded.show_worker_card(
        {"id": 1, "name": XSS, "town": XSS, "grid": "g", "squad": "s", "phone": "138****1234",
         "last_report": None, "battery": None, "status": "online", "lat": 36.8, "lon": 119.91, "track": []}
    )  # fmt: skip
    qtbot.waitUntil(lambda: XSS in js(qtbot, loaded, "document.querySelector('.leaflet-popup').textContent"))
    assert js(qtbot, loaded, "document.querySelectorAll('.leaflet-popup img').length") == 0
    qtbot.wait(200)
    assert js(qtbot, loaded, "window.__alerted") is False


def test_worker_click_and_card_with_track(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(1, 0), _fix(2, 0, status="stale"), _fix(3, 0, status="offline")])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 3)
    colours = js(qtbot, loaded, "[1,2,3].map(i => Concord.workerDot(i).colour)")
    assert colours == ["#2e7d32", "#f9a825", "#9e9e9e"]
    # Workers are drawn on the canvas, not DOM elements: a click is hit-tested to the nearest dot.
    with qtbot.waitSignal(loaded.workerClicked, timeout=5000) as blocker:
        mouse_at_worker(qtbot, loaded, 2, "click")
    assert blocker.args == [2]
    with qtbot.waitSignal(loaded.workerClicked, timeout=5000) as blocker:
        mouse_at_worker(qtbot, loaded, 3, "click", dx=2)  # a little off the centre still hits
    assert blocker.args == [3]
    with qtbot.assertNotEmitted(loaded.workerClicked, wait=300):
        mouse_at_worker(qtbot, loaded, 3, "click", dx=60)  # open map: nobody
    card = {
        "id": 2, "name": "李伟", "town": "东阁街道", "grid": "网格一", "squad": "一中队",
        "phone": "138****1234", "phone_masked": True, "last_report": "2026-11-20T10:00:00+08:00",
        "battery": 76.0, "status": "stale", "lat": 36.8, "lon": 119.92,
        "track": [[36.79, 119.91], [36.795, 119.915], [36.8, 119.92]],
    }  # fmt: skip
    loaded.show_worker_card(card)
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["track"] == 1)
    text = js(qtbot, loaded, "document.querySelector('.leaflet-popup').textContent")
    assert "李伟" in text and "138****1234" in text and "2026-11-20 10:00" in text and "76%" in text
    exec_js(qtbot, loaded, "Concord.map().closePopup(); true")
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["track"] == 0)


def test_worker_diffs_are_coalesced_into_one_call_per_second(qtbot: QtBot, loaded: MapView) -> None:
    started = time.perf_counter()
    for minute in range(5):  # five diffs within 100 ms
        rows = [_fix(1, minute)]
        if minute in (1, 3):
            rows.append(_fix(2, minute, status="stale" if minute == 3 else "online"))
        loaded.apply_worker_diff(rows)
        qtbot.wait(20)
    assert time.perf_counter() - started < 0.5
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.stats.calls.applyWorkerDiff || 0") == 1, timeout=3000)
    qtbot.wait(1300)  # nothing more arrives after the merged batch
    assert js(qtbot, loaded, "Concord.stats.calls.applyWorkerDiff") == 1
    assert last_diff(qtbot, loaded) == [_sent(_fix(1, 4)), _sent(_fix(2, 3, status="stale"))]
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 2)
    assert js(qtbot, loaded, "Concord.worker(1).lat") == pytest.approx(36.804)


def test_worker_names_are_sent_once_per_page(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(1, 0), _fix(2, 0)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.stats.calls.applyWorkerDiff || 0") == 1)
    assert [r.get("name") for r in last_diff(qtbot, loaded)] == ["队员1", "队员2"]
    loaded.apply_worker_diff([_fix(1, 1), _fix(2, 1, name="王芳")])  # 2 was renamed
    loaded.flush_workers()
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.stats.calls.applyWorkerDiff || 0") == 2)
    assert [r.get("name") for r in last_diff(qtbot, loaded)] == [None, "王芳"]
    qtbot.waitUntil(lambda: js(qtbot, loaded, "(Concord.worker(1) || {}).lat") == pytest.approx(36.801))
    assert js(qtbot, loaded, "[Concord.worker(1).name, Concord.worker(2).name]") == ["队员1", "王芳"]


def test_headings_only_up_close(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(1, 0), _fix(2, 0, speed=0.1), _fix(3, 0, bearing=None)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workersDrawn"] == 3)
    assert counts(qtbot, loaded)["headings"] == 0  # city zoom: no heading ticks at all
    loaded.center_on(36.8, 119.92, 14)
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.map().getZoom()") == 14)
    # Only the moving worker (speed and bearing known) gets one.
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["headings"] == 1)
    assert js(qtbot, loaded, "[1,2,3].map(i => Concord.workerDot(i).heading)") == [True, False, False]
    loaded.apply_worker_diff([_fix(2, 1, speed=2.0)])  # starts walking
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["headings"] == 2)
    loaded.center_on(36.8, 119.92, 10)
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["headings"] == 0)


def test_workers_overlay_can_be_hidden(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(1, 0)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workersDrawn"] == 1)
    # As the layers control does it.
    exec_js(qtbot, loaded, "Concord.map().removeLayer(Concord.layer('workers')); true")
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workersDrawn"] == 0)
    assert js(qtbot, loaded, "Concord.workerDot(1).shown") is False
    with qtbot.assertNotEmitted(loaded.workerClicked, wait=300):
        mouse_at_worker(qtbot, loaded, 1, "click")


def test_cases_stay_drawn_above_workers(qtbot: QtBot, loaded: MapView) -> None:
    loaded.set_cases([_case(1, escalated=True, level=2), _case(2)])
    loaded.apply_worker_diff([_fix(i, 0) for i in range(1, 30)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 29)
    # One canvas draws in order: the last drawn is the escalated case, then the plain one.
    order = "(() => { const r = Concord.caseMarker(1).options.renderer; return [r._drawLast.layer === Concord.caseMarker(1), r._drawLast.prev.layer === Concord.caseMarker(2)]; })()"
    assert js(qtbot, loaded, order) == [True, True]
    # Workers are drawn first, in the same canvas: a worker right under a case leaves it visible.
    c2 = _case(2)
    loaded.apply_worker_diff([_fix(30, 1, lat=c2["lat"], lon=c2["lon"])])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 30)
    pixel = "(() => { const m = Concord.caseMarker(2), r = m.options.renderer, p = m._point; return Array.from(r._ctx.getImageData(p.x - r._bounds.min.x, p.y - r._bounds.min.y, 1, 1).data).slice(0, 3); })()"
    qtbot.waitUntil(lambda: js(qtbot, loaded, pixel)[0] > 200)  # the case's orange, not the worker's green


def test_a_late_fix_does_not_move_a_worker_back(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(1, 5)])
    loaded.apply_worker_diff([_fix(1, 2)])  # arrived late
    loaded.apply_worker_diff([{"id": 1, "status": "stale"}])  # status aged, no new fix
    loaded.flush_workers()
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.stats.calls.applyWorkerDiff || 0") == 1)
    assert last_diff(qtbot, loaded) == [_sent(_fix(1, 5, status="stale"))]
    qtbot.wait(300)
    assert js(qtbot, loaded, "Concord.stats.calls.applyWorkerDiff") == 1


def test_before_ready_workers_wait_merged_and_cases_collapse(qtbot: QtBot, view: MapView) -> None:
    for minute in range(3):
        view.apply_worker_diff([_fix(1, minute), _fix(2, minute)])
        view.flush_workers()
    view.upsert_cases([_case(1)])
    view.set_cases([_case(2), _case(3)])  # supersedes the upsert queued before it
    view.upsert_cases([_case(4)])
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    qtbot.waitUntil(lambda: counts(qtbot, view)["workers"] == 2)
    calls = js(qtbot, view, "Concord.stats.calls")
    assert calls == {"applyWorkerDiff": 1, "setCases": 1, "upsertCases": 1}
    assert js(qtbot, view, "Concord.worker(1).lat") == pytest.approx(36.802)
    assert counts(qtbot, view)["cases"] == 3


def test_status_only_rows_recolour_without_moving(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(4, 0)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 1)
    loaded.apply_worker_diff([{"id": 4, "status": "offline"}, {"id": 99, "status": "offline"}])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: js(qtbot, loaded, "Concord.workerDot(4).colour") == "#9e9e9e")
    assert js(qtbot, loaded, "Concord.worker(4).lat") == pytest.approx(36.8)
    assert counts(qtbot, loaded)["workers"] == 1  # no position, nothing to draw for 99


# --- MBTiles ------------------------------------------------------------------------------------


def _png(size: int, colour: str) -> bytes:
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub wants bytes, the binding a str
    return bytes(QByteArray(buffer.data()).data())


@pytest.fixture
def mbtiles(tmp_path: Path) -> Iterator[tuple[Path, bytes, bytes]]:
    north, south = _png(4, "#336699"), _png(8, "#993366")
    path = tmp_path / "tiny.mbtiles"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE metadata (name TEXT, value TEXT);"
        "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);"
        "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);"
    )
    conn.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [("name", "tiny"), ("format", "png"), ("minzoom", "0"), ("maxzoom", "1"), ("attribution", XSS)],
    )
    # TMS rows count from the south: XYZ y=0 (north) at z=1 is row 1.
    conn.execute("INSERT INTO tiles VALUES (1, 0, 1, ?)", (north,))
    conn.execute("INSERT INTO tiles VALUES (1, 0, 0, ?)", (south,))
    conn.commit()
    conn.close()
    yield path, north, south


def test_scheme_handler_flips_tms_rows(mbtiles: tuple[Path, bytes, bytes]) -> None:
    path, north, south = mbtiles
    handler = MbtilesSchemeHandler()
    assert handler.tile(1, 0, 0) is None and handler.metadata() == {}  # no file configured
    handler.set_path(path)
    assert handler.tile(1, 0, 0) == north
    assert handler.tile(1, 0, 1) == south
    assert handler.tile(1, 1, 1) is None
    assert handler.tile(1, 5, 0) is None  # outside the zoom level's range
    assert handler.metadata()["maxzoom"] == "1"


FETCH = """
window.__fetched = null;
Promise.all(%s.map(u => fetch(u).then(
    r => r.ok ? r.arrayBuffer().then(b => [r.status, b.byteLength, r.headers.get('content-type')])
              : [r.status, 0, null],
    e => ['error', String(e)])))
  .then(x => { window.__fetched = x; });
true
"""


def test_mbtiles_tiles_are_served_by_the_scheme_handler(
    qtbot: QtBot, view: MapView, mbtiles: tuple[Path, bytes, bytes]
) -> None:
    path, north, south = mbtiles
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE, mbtiles=path)
    assert "http://" not in view.page_file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    urls = ["mbtiles://tiles/1/0/0.png", "mbtiles://tiles/1/0/1.png", "mbtiles://tiles/1/1/1.png"]
    exec_js(qtbot, view, FETCH % json.dumps(urls))
    qtbot.waitUntil(lambda: js(qtbot, view, "window.__fetched") is not None, timeout=5000)
    assert js(qtbot, view, "window.__fetched") == [
        [200, len(north), "image/png"],
        [200, len(south), "image/png"],
        [404, 0, None],
    ]
    # Leaflet's tile layer asks for tiles through the same scheme; the attribution is text.
    qtbot.waitUntil(
        lambda: (
            js(qtbot, view, "document.querySelectorAll('img.leaflet-tile[src^=\"mbtiles://\"]').length") > 0
        )
    )
    assert js(qtbot, view, "Concord.map().getZoom() > 1") is True
    attribution = js(qtbot, view, "document.querySelector('.leaflet-control-attribution').textContent")
    assert attribution == XSS
    assert js(qtbot, view, "document.querySelectorAll('.leaflet-control-attribution *').length") == 0


# The probe below is meant to be refused; Chromium reports that on the console.
@pytest.mark.qt_log_ignore(r"^Refused to load the image 'http://127\.0\.0\.2:\d+/t\.png'")
def test_intranet_tile_server_loads_through_the_csp(
    qtbot: QtBot, qtlog: Any, view: MapView, tmp_path: Path
) -> None:
    """The one case where remote loads are on: an operator-configured tile server (here on loopback)."""
    (tmp_path / "t.png").write_bytes(_png(256, "#88aa88"))
    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with qtbot.waitSignal(view.ready, timeout=READY_MS):
            view.load(BASE, tile_url=f"http://127.0.0.1:{port}/t.png?z={{z}}&x={{x}}&y={{y}}")
        loaded_tiles = "Array.from(document.querySelectorAll('img.leaflet-tile-loaded')).length"
        qtbot.waitUntil(lambda: js(qtbot, view, loaded_tiles) > 0, timeout=10_000)
        remote = QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls
        assert view.web_page.settings().testAttribute(remote)
        # Any other origin stays blocked by the page's CSP.
        probe = "new Promise(r => { const i = new Image(); i.onload = () => r('loaded'); i.onerror = () => r('blocked'); i.src = 'http://127.0.0.2:%d/t.png'; })"
        exec_js(
            qtbot, view, f"window.__probe = null; {probe % port}.then(v => {{ window.__probe = v; }}); true"
        )
        qtbot.waitUntil(lambda: js(qtbot, view, "window.__probe") is not None)
        assert js(qtbot, view, "window.__probe") == "blocked"
        assert any("Content Security Policy" in r.message for r in qtlog.records)
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib signature)
        pass


# --- the demo city ------------------------------------------------------------------------------


def test_demo_city_page(qtbot: QtBot, view: MapView, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    dispatcher = Actor(user_id=None, role=Role.DISPATCHER)
    with sessions() as s:
        started = time.perf_counter()
        layers = base_layers(s)
        markers = case_markers(s, dispatcher)
        query_seconds = time.perf_counter() - started
    assert len(layers["towns"]["features"]) == 33
    started = time.perf_counter()
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(layers)
        build_seconds = view.last_build_seconds
    ready_seconds = time.perf_counter() - started
    view.set_cases(markers)
    qtbot.waitUntil(lambda: counts(qtbot, view)["cases"] == len(markers))
    # Generous bounds against slow CI machines; the report gives the measured numbers.
    assert query_seconds + build_seconds < 2.0, (query_seconds, build_seconds)
    assert ready_seconds < 10
    assert "http://" not in view.page_file.read_text(encoding="utf-8")  # type: ignore[union-attr]
    zoom = js(qtbot, view, "Concord.map().getZoom()")
    assert 8 <= zoom <= 11  # fitted to the city
    qtbot.waitUntil(lambda: counts(qtbot, view)["labels"] > 0)  # town names at city zoom

    def colours() -> set[str]:
        image = view.grab().toImage()
        assert not image.isNull() and image.width() >= 800
        step = 23
        return {
            image.pixelColor(x, y).name()
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }

    # Something was drawn (once the compositor has produced a frame): not one flat colour.
    qtbot.waitUntil(lambda: len(colours()) > 3, timeout=5000)


# --- worker wire format and the encoder thread -------------------------------------------------


def test_wire_sends_changes_only_and_names_once() -> None:
    wire = WorkerWire()
    assert wire.payload() is None
    wire.merge([[_fix(1, 0), _fix(2, 0, bearing=None, speed=None)]])
    first = wire.payload()
    assert first is not None and first["n"] == 2 and not first["full"]
    assert _decode(first) == [_sent(_fix(1, 0)), _sent(_fix(2, 0, bearing=None, speed=None))]
    # The same fix again (a worker standing still) and an unplaced worker's status: nothing to send.
    wire.merge([[_fix(1, 0), {"id": 99, "status": "offline"}]])
    assert wire.payload() is None
    wire.merge([[{"id": 2, "status": "offline"}]])
    aged = wire.payload()
    assert aged is not None and _decode(aged) == [
        _sent(_fix(2, 0, bearing=None, speed=None, status="offline"), name=False)
    ]
    wire.merge([[{"id": 1, "removed": True}]])
    gone = wire.payload()
    assert gone is not None and gone["n"] == 0 and gone["removed"] == [1]
    # A new page gets everything, names included.
    full = wire.payload(full=True)
    assert full is not None and full["full"] and [r["name"] for r in _decode(full)] == ["队员2"]
    assert len(wire) == 2  # 2 and the unplaced 99


def test_wire_keeps_the_newest_of_rows_merged_together() -> None:
    wire = WorkerWire()
    wire.merge([[_fix(1, 5)], [_fix(1, 2)], [{"id": 1, "status": "stale"}]])
    payload = wire.payload()
    assert payload is not None and _decode(payload) == [_sent(_fix(1, 5, status="stale"))]


def test_overlapping_batches_lose_no_update(qtbot: QtBot) -> None:
    """Batches arriving while earlier ones are still being encoded all reach the page, in order."""
    view = MapView(worker_flush_ms=5)
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    with qtbot.waitSignal(view.ready, timeout=READY_MS):
        view.load(BASE)
    n = 3000
    for step in range(12):
        # Every worker moves; every third step also recolours a few; batches overlap the encoder.
        rows = [_fix(i, step, lat=36.7 + (i % 97) * 0.003 + step * 1e-5) for i in range(1, n + 1)]
        view.apply_worker_diff(rows)
        if step % 3 == 0:
            view.apply_worker_diff([{"id": i, "status": "stale"} for i in range(1, 50)])
        qtbot.wait(3)
    last = 11
    want_lat = [36.7 + (i % 97) * 0.003 + last * 1e-5 for i in (1, 500, n)]
    probe = f"[1, 500, {n}].map(i => Concord.worker(i).lat)"
    qtbot.waitUntil(lambda: counts(qtbot, view)["workers"] == n, timeout=10_000)
    qtbot.waitUntil(lambda: js(qtbot, view, probe) == pytest.approx(want_lat, abs=1e-6), timeout=10_000)
    # The status rows of step 9 were overridden by step 10's and 11's fixes (online again).
    assert js(qtbot, view, "Concord.worker(7).status") == "online"
    assert js(qtbot, view, "Concord.stats.calls.applyWorkerDiff") >= 2


def test_a_new_page_gets_every_worker_again(qtbot: QtBot, loaded: MapView) -> None:
    loaded.apply_worker_diff([_fix(i, 0) for i in range(1, 6)])
    loaded.flush_workers()
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 5)
    # A reload (or a renderer that died) starts with base layers only; nobody has moved since.
    with qtbot.waitSignal(loaded.ready, timeout=READY_MS):
        loaded.load(BASE)
    qtbot.waitUntil(lambda: counts(qtbot, loaded)["workers"] == 5, timeout=5000)
    assert js(qtbot, loaded, "Concord.worker(3).name") == "队员3"
    assert js(qtbot, loaded, "Concord.lastWorkerDiff().full") is True
