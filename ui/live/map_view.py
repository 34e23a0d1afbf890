"""The map pane: a QWebEngineView showing a local folium/Leaflet page, fed through one QWebChannel bridge."""

from __future__ import annotations

import atexit
import base64
import datetime as dt
import hashlib
import json
import logging
import re
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
import numpy as np
import shiboken6
from branca.element import MacroElement
from jinja2 import Template
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QTimer,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.live.basemap import TileReadError, mbtiles_metadata, mbtiles_tile
from desktop.vocab import Level, Severity, Status
from resources import path as resource_path
from ui.labels import level_label, severity_label, status_label
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

MBTILES_SCHEME = b"mbtiles"
MBTILES_URL = "mbtiles://tiles/{z}/{x}/{y}.png"
CENTER = (36.78, 119.96)  # the demo city (平度); the page fits the city's bounds once loaded
WORKER_FLUSH_MS = 1000

RESOURCES = resource_path("map")
LEAFLET_DIR = Path(str(resources.files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"
# Leaflet.heat as folium ships it (folium.plugins.HeatMap): installed with folium, served locally.
LEAFLET_HEAT = Path(folium.__file__).resolve().parent / "templates" / "leaflet_heat.min.js"

_JS_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CASE_CALLS = ("Concord.setCases(", "Concord.upsertCases(", "Concord.removeCases(")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


# --- custom URL scheme -------------------------------------------------------------------------


def register_schemes() -> None:
    """Register the ``mbtiles`` scheme; Qt only accepts this before the QApplication exists.

    Safe to call more than once; called at import of this module and again early by the app.
    """
    if QWebEngineUrlScheme.schemeByName(MBTILES_SCHEME).name() == MBTILES_SCHEME:
        return
    if QCoreApplication.instance() is not None:
        # Qt would refuse with a warning; the map still works without MBTiles.
        log.warning("mbtiles scheme not registered: the application object already exists")
        return
    scheme = QWebEngineUrlScheme(MBTILES_SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    # Local: a file:// page may load it although remote access is off; CORS and fetch so that
    # scripts (and tests) can read tiles, not only <img> tags.
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


register_schemes()


def _sniff_mime(data: bytes) -> bytes:
    if data.startswith(b"\x89PNG"):
        return b"image/png"
    if data.startswith(b"\xff\xd8"):
        return b"image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return b"image/webp"
    return b"application/octet-stream"


class MbtilesSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``mbtiles://tiles/{z}/{x}/{y}.png`` from a local MBTiles (SQLite) file."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None

    def set_path(self, path: Path | None) -> None:
        self._path = path

    def metadata(self) -> dict[str, str]:
        if self._path is None:
            return {}
        try:
            return mbtiles_metadata(self._path)
        except TileReadError as exc:
            log.warning("MBTiles metadata unreadable in %s: %s", self._path, exc)
            return {}

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ coordinates (desktop.live.basemap.mbtiles_tile)."""
        return None if self._path is None else mbtiles_tile(self._path, z, x, y)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        match = re.fullmatch(r"/(\d+)/(\d+)/(\d+)\.\w+", url.path())
        if job.requestMethod() != b"GET" or url.host() != "tiles" or match is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlInvalid)
            return
        z, x, y = (int(g) for g in match.groups())
        try:
            data = self.tile(z, x, y)
        except TileReadError as exc:
            log.warning("MBTiles read failed for %s: %s", url.toString(), exc)
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if data is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        buffer = QBuffer(job)  # the job owns it: Qt reads it after this method returns
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(_sniff_mime(data), buffer)


# --- the page ---------------------------------------------------------------------------------


def _script_json(value: Any) -> str:
    """JSON that is safe inside an inline <script>: no "</script>" or "<!--" can close it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class LocalMap(folium.Map):
    """folium's map with only local scripts: Leaflet from the installed package, our bridge."""

    default_js = [
        ("leaflet", (LEAFLET_DIR / "leaflet.js").as_uri()),
        ("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"),
        ("leaflet_heat", LEAFLET_HEAT.as_uri()),
        ("concord_bridge", (RESOURCES / "bridge.js").as_uri()),
    ]
    default_css = [
        ("leaflet_css", (LEAFLET_DIR / "leaflet.css").as_uri()),
        ("concord_css", (RESOURCES / "map.css").as_uri()),
    ]


class _ConcordInit(MacroElement):
    """Runs after folium created the map: hands it and the embedded data to bridge.js."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "Concord.init({{ this._parent.get_name() }}, {{ this.config }});"
        "{% endmacro %}"
    )

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ConcordInit"
        self.config = _script_json(config)


def render_page(
    base_layers: Mapping[str, Any],
    *,
    tiles: Mapping[str, Any] | None = None,
    labels: Mapping[str, Any] | None = None,
) -> str:
    """The whole map page as HTML; nothing in it refers to the network unless ``tiles`` does."""
    fmap = LocalMap(
        location=list(CENTER),
        zoom_start=10,
        tiles=None,
        prefer_canvas=True,
        # Leaflet's default attribution links to its website: a click would leave the page.
        attribution_control=False,
        control_scale=False,
        # Half steps let the city fill the pane when fitted; the +/- buttons still step by one.
        zoom_snap=0.5,
    )
    fmap.add_child(_ConcordInit({"base": base_layers, "tiles": tiles, "labels": labels or {}}))
    html: str = fmap.get_root().render()
    return _with_csp(html, tile_url=None if tiles is None else str(tiles.get("url") or ""))


def _tile_source(tile_url: str | None) -> str:
    """The CSP source that admits a configured tile server (its origin; ``{s}`` as a wildcard)."""
    if not tile_url or tile_url.startswith("mbtiles:"):
        return ""
    parsed = urlsplit(tile_url)
    if not parsed.scheme:
        return ""
    host = parsed.netloc
    if host.startswith("{s}."):
        host = "*." + host[len("{s}.") :]
    if not host or "{" in host:
        return f"{parsed.scheme}:"
    return f"{parsed.scheme}://{host}"


def _with_csp(html: str, *, tile_url: str | None) -> str:
    """Adds a Content-Security-Policy: only our inline scripts (by hash) and local files run.

    Defence in depth behind the escaping in bridge.js: an injected ``onerror=`` handler or a
    remote script would be refused even if some string slipped through unescaped.
    """
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for body in _INLINE_SCRIPT.findall(html)
        }
    )
    images = " ".join(filter(None, ["file:", "data:", "mbtiles:", _tile_source(tile_url)]))
    policy = (
        f"default-src 'none'; script-src file: qrc: {' '.join(hashes)}; "
        f"style-src file: 'unsafe-inline'; img-src {images}; font-src file: data:; connect-src mbtiles:"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
    charset = '<meta http-equiv="content-type" content="text/html; charset=UTF-8" />'
    if charset in html:
        return html.replace(charset, charset + "\n    " + meta, 1)
    return html.replace("<head>", "<head>\n    " + meta, 1)


# --- bridge and view ---------------------------------------------------------------------------


class MapBridge(QObject):
    """The one object the page sees over QWebChannel: slots only, no properties, no widgets."""

    pageReady = Signal()
    caseActivated = Signal(int)
    workerActivated = Signal(int)
    logActivated = Signal(int)
    heatWanted = Signal(int)  # days of history (0: all)
    pointChosen = Signal(float, float)
    pickAborted = Signal()

    @Slot()
    def jsReady(self) -> None:
        self.pageReady.emit()

    @Slot(int)
    def caseClicked(self, case_id: int) -> None:
        self.caseActivated.emit(int(case_id))

    @Slot(int)
    def workerClicked(self, worker_id: int) -> None:
        self.workerActivated.emit(int(worker_id))

    @Slot(int)
    def logClicked(self, log_id: int) -> None:
        self.logActivated.emit(int(log_id))

    @Slot(int)
    def heatRequested(self, days: int) -> None:
        self.heatWanted.emit(int(days))

    @Slot(float, float)
    def pointPicked(self, lat: float, lon: float) -> None:
        self.pointChosen.emit(float(lat), float(lon))

    @Slot()
    def pickCancelled(self) -> None:
        self.pickAborted.emit()


class _MapPage(QWebEnginePage):
    """Stays on our page: links and scripts cannot navigate the map view anywhere else."""

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.page_url = QUrl()

    def acceptNavigationRequest(
        self, url: QUrl | str, type_: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        if not is_main_frame:
            return False
        allowed = QUrl(url) == self.page_url
        if not allowed:
            log.warning("map page blocked navigation to %s", QUrl(url).toString())
        return allowed


_LIVE_VIEWS: weakref.WeakSet[MapView] = weakref.WeakSet()


@atexit.register
def _release_pages() -> None:
    """QtWebEngine releases its profiles when the application object goes; a page still alive
    then makes it warn ("Expect troubles") and may crash the exit. Delete those pages first."""
    for view in list(_LIVE_VIEWS):
        if shiboken6.isValid(view):
            view.release_page()


class MapView(QWidget):
    """The map pane. Python → page calls are queued until the page says it is ready.

    After every ``ready`` the page holds only its base layers: callers send cases and workers again.
    """

    ready = Signal()
    caseClicked = Signal(int)
    workerClicked = Signal(int)
    logClicked = Signal(int)  # a sentiment log marker
    heatRequested = Signal(int)  # the case heat layer wants data for the last N days (0: all)
    # Pick mode (start_pick): the point clicked on the map, or Esc on the map.
    pointPicked = Signal(float, float)
    pickCancelled = Signal()

    def __init__(self, parent: QWidget | None = None, *, worker_flush_ms: int = WORKER_FLUSH_MS) -> None:
        super().__init__(parent)
        self._ready = False
        self._queue: list[str] = []
        # Worker rows go from the live feed to the page through a thread of their own: merging
        # and encoding 10,000 rows there keeps the GUI thread's share to one runJavaScript of a
        # ready string. Jobs run one at a time, in order; their scripts are sent in that order.
        self._wire = WorkerWire()
        self._pending_batches: list[Iterable[Mapping[str, Any]]] = []
        self._encoder = TaskRunner(self, max_threads=1)
        self._scripts: dict[int, tuple[int, str | None]] = {}  # job number -> (page generation, script)
        self._scripts_lock = threading.Lock()
        self._jobs = 0
        self._jobs_sent = 0
        self._page_generation = 0
        self._need_full = False
        self._page_dir = Path(tempfile.mkdtemp(prefix="concord-map-"))
        # Removed with the widget (or at exit): the page is rebuilt on every start anyway.
        weakref.finalize(self, shutil.rmtree, self._page_dir, ignore_errors=True)
        self._page_count = 0
        self._page_file: Path | None = None
        self.last_build_seconds = 0.0

        self._view = QWebEngineView(self)
        # Our own off-the-record profile: nothing written to disk, and the MBTiles handler
        # installed here cannot clash with another view's.
        self._profile = QWebEngineProfile()
        self._tiles = MbtilesSchemeHandler(self._profile)
        self._profile.installUrlSchemeHandler(MBTILES_SCHEME, self._tiles)
        self._page = _MapPage(self._profile, self._view)
        # A profile must outlive its pages; as the page's child it is deleted right after the
        # page, whichever way the widget tree is torn down.
        self._profile.setParent(self._page)
        settings = self._page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, True)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        self._view.setPage(self._page)

        self._bridge = MapBridge(self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject("bridge", self._bridge)
        self._page.setWebChannel(self._channel)
        self._bridge.pageReady.connect(self._on_js_ready)
        self._bridge.caseActivated.connect(self.caseClicked)
        self._bridge.workerActivated.connect(self.workerClicked)
        self._bridge.logActivated.connect(self.logClicked)
        self._bridge.heatWanted.connect(self.heatRequested)
        self._bridge.pointChosen.connect(self.pointPicked)
        self._bridge.pickAborted.connect(self.pickCancelled)
        self._page.loadFinished.connect(self._on_load_finished)
        self._page.renderProcessTerminated.connect(self._on_render_process_terminated)

        self._worker_timer = QTimer(self)
        self._worker_timer.setSingleShot(True)
        self._worker_timer.setInterval(worker_flush_ms)
        self._worker_timer.timeout.connect(self._flush_workers)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)
        _LIVE_VIEWS.add(self)

    def release_page(self) -> None:
        """Delete the web page (and its profile) now; the view shows nothing afterwards."""
        self._worker_timer.stop()
        self._ready = False
        if shiboken6.isValid(self._page):
            shiboken6.delete(self._page)

    # --- state ---

    @property
    def page_ready(self) -> bool:
        return self._ready

    @property
    def page_file(self) -> Path | None:
        """The HTML file of the current page (written by ``load``)."""
        return self._page_file

    @property
    def web_page(self) -> QWebEnginePage:
        return self._page

    # --- loading ---

    def load(
        self,
        base_layers: Mapping[str, Any],
        *,
        tile_url: str | None = None,
        mbtiles: Path | None = None,
    ) -> None:
        """Build the page from ``mapdata.base_layers`` output, write it to a file and load it.

        ``tile_url`` is an XYZ template of an intranet tile server; ``mbtiles`` a local MBTiles file
        (takes precedence). Without either the map shows boundaries on a plain background.
        """
        started = time.perf_counter()
        self._ready = False
        if tile_url is None and mbtiles is None:
            from ui.live.basemap import configured  # the basemap of the settings (File → Basemap…)

            tile_url, mbtiles = configured()
        self._tiles.set_path(mbtiles)
        tiles: dict[str, Any] | None = None
        if mbtiles is not None:
            tiles = self._mbtiles_config()
        elif tile_url:
            tiles = {"url": tile_url, "minZoom": 0, "maxZoom": 18}
        # A file:// page may not load http(s) resources while this is off, which is what we
        # want offline. Only an operator-configured intranet tile server turns it on, and the
        # page's CSP then admits that one origin for images and nothing else.
        self._page.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls,
            mbtiles is None and bool(tile_url),
        )
        html = render_page(base_layers, tiles=tiles, labels=self._labels())
        self._page_count += 1
        path = self._page_dir / f"map-{self._page_count}.html"
        path.write_text(html, encoding="utf-8")
        self._page_file = path
        # Large pages must not go through setHtml (2 MB limit, folium #1584/#1612): load by URL.
        url = QUrl.fromLocalFile(str(path))
        self._page.page_url = url
        self._page.load(url)
        self.last_build_seconds = time.perf_counter() - started
        log.debug("map page %s built in %.3f s (%d bytes)", path, self.last_build_seconds, len(html))

    def _mbtiles_config(self) -> dict[str, Any]:
        meta = self._tiles.metadata()

        def zoom(key: str, default: int) -> int:
            try:
                return int(meta.get(key, default))
            except ValueError:
                return default

        max_native = zoom("maxzoom", 18)
        return {
            "url": MBTILES_URL,
            "minZoom": zoom("minzoom", 0),
            # Zooming past the file's deepest level stretches its tiles rather than showing none.
            "maxZoom": max(max_native, 18),
            "maxNativeZoom": max_native,
            "attribution": meta.get("attribution", ""),
        }

    def _labels(self) -> dict[str, Any]:
        return {
            "city": self.tr("City"),
            "towns": self.tr("Towns"),
            "villages": self.tr("Villages"),
            "grids": self.tr("Grids"),
            "cases": self.tr("Cases"),
            "workers": self.tr("Workers"),
            "tiles": self.tr("Tiles"),
            "phone": self.tr("Phone"),
            "town": self.tr("Town"),
            "grid": self.tr("Grid"),
            "squad": self.tr("Squad"),
            "lastReport": self.tr("Last report"),
            "battery": self.tr("Battery"),
            "status": self.tr("Status"),
            "level": self.tr("Level"),
            "severity": self.tr("Severity"),
            "online": self.tr("online"),
            "stale": self.tr("stale"),
            "offline": self.tr("offline"),
            "never": self.tr("never"),
            "logs": self.tr("Sentiment logs"),
            "heat": self.tr("Case heat"),
            "heatWindow": self.tr("Heat of cases reported in"),
            "heatDays": {
                "30": self.tr("the last 30 days"),
                "90": self.tr("the last 90 days"),
                "365": self.tr("the last 365 days"),
                "0": self.tr("all history"),
            },
            "households": self.tr("households"),
            "logHasCase": self.tr("turned into a case"),
            # The legend (see bridge.js, LegendControl).
            "legend": self.tr("Legend"),
            "legendHide": self.tr("Hide the legend"),
            "legendShow": self.tr("Show the legend"),
            "legendCases": self.tr("Cases (colour: severity)"),
            "legendEscalated": self.tr("Escalated or above village level"),
            "legendMass": self.tr("Mass incident"),
            "legendSelected": self.tr("Selected case"),
            "overdue": self.tr("Overdue"),
            "dueSoon": self.tr("Due soon"),
            "sla": self.tr("Deadline"),
            "legendWorkers": self.tr("Grid workers (last fix)"),
            "legendOnline": self.tr("online (fix within 10 min)"),
            "legendStale": self.tr("stale (10–60 min)"),
            "legendOffline": self.tr("offline (over 60 min)"),
            "legendLogs": self.tr("Sentiment logs"),
            "legendLogOpen": self.tr("log"),
            "legendLogConverted": self.tr("log turned into a case"),
            "legendLayers": self.tr("Boundaries"),
            "legendContext": self.tr("Village and grid lines up close"),
            "statusNames": {str(s): status_label(str(s)) for s in Status},
            "levelNames": {str(int(v)): level_label(int(v)) for v in Level},
            "severityNames": {str(int(v)): severity_label(int(v)) for v in Severity},
        }

    def _on_load_finished(self, ok: bool) -> None:
        if not ok:
            log.warning("map page failed to load: %s", self._page_file)

    def _on_render_process_terminated(self, status: Any, exit_code: int) -> None:
        # The page and everything sent to it are gone; reload it and let ``ready`` ask for data again.
        log.warning("map renderer ended (%s, exit code %s); reloading the page", status, exit_code)
        self._ready = False
        if self._page_file is not None:
            QTimer.singleShot(0, lambda: self._page.load(QUrl.fromLocalFile(str(self._page_file))))

    def _on_js_ready(self) -> None:
        self._ready = True
        # A new page has no workers: the next worker script is a full snapshot, and scripts
        # encoded for an older page are dropped (the snapshot has what they had).
        self._page_generation += 1
        self._need_full = True
        queued, self._queue = self._queue, []
        for script in queued:
            self._page.runJavaScript(script)
        self._flush_workers()
        self.ready.emit()

    # --- calls into the page ---

    def call(self, fn_name: str, *args: Any) -> None:
        """Call ``Concord.<fn_name>`` in the page with JSON arguments, now or once the page is ready.

        Dicts and lists travel as JSON text (the page parses them); numbers and strings as literals.
        """
        if not _JS_NAME.match(fn_name):
            raise ValueError(f"not a JavaScript function name: {fn_name!r}")
        parts = []
        for arg in args:
            if isinstance(arg, Mapping | list | tuple):
                arg = json.dumps(arg, ensure_ascii=False, separators=(",", ":"), default=_json_default)
            parts.append(json.dumps(arg, ensure_ascii=False))
        script = f"Concord.{fn_name}({','.join(parts)});"
        if self._ready:
            self._page.runJavaScript(script)
            return
        if fn_name == "setCases":
            # A full replacement makes earlier queued case changes moot; the queue stays small
            # however long the page takes.
            self._queue = [q for q in self._queue if not q.startswith(_CASE_CALLS)]
        self._queue.append(script)

    def set_cases(self, cases: Iterable[Mapping[str, Any]]) -> None:
        """Replace all case markers (rows of ``mapdata.case_markers``)."""
        self.call("setCases", list(cases))

    def upsert_cases(self, cases: Iterable[Mapping[str, Any]]) -> None:
        self.call("upsertCases", list(cases))

    def remove_cases(self, ids: Iterable[int]) -> None:
        self.call("removeCases", [int(i) for i in ids])

    def select_case(self, case_id: int) -> None:
        """Highlight the case and centre the map on it."""
        self.call("selectCase", int(case_id))

    def show_worker_card(self, card: Mapping[str, Any]) -> None:
        """Answer to ``workerClicked``: the card of ``mapdata.worker_card`` with today's track."""
        self.call("showWorkerCard", dict(card))

    def start_pick(self, hint: str) -> None:
        """The next click on the map is emitted as ``pointPicked`` (Esc: ``pickCancelled``);
        ``hint`` is shown over the map meanwhile, as plain text."""
        self.call("startPick", hint)

    def stop_pick(self) -> None:
        self.call("stopPick")

    def show_pick(self, lat: float, lon: float) -> None:
        """Mark the place chosen for a case being filed."""
        self.call("showPick", float(lat), float(lon))

    def clear_pick(self) -> None:
        self.call("clearPick")

    def set_logs(self, logs: Iterable[Mapping[str, Any]]) -> None:
        """Replace the sentiment-log layer's markers (rows of ``logbook.log_markers``)."""
        self.call("setLogs", list(logs))

    def set_heat(self, points: Iterable[Sequence[float]], days: int) -> None:
        """The case heat layer: bins [lat, lon, count] of ``logbook.case_heat`` for ``days``."""
        self.call("setHeat", {"days": int(days), "points": [list(p) for p in points]})

    def show_log_layer(self, shown: bool = True) -> None:
        self.call("showLogLayer", bool(shown))

    def show_heat_layer(self, shown: bool = True) -> None:
        self.call("showHeatLayer", bool(shown))

    def show_legend(self, shown: bool = True) -> None:
        """Unfold (or fold) the map's legend."""
        self.call("showLegend", bool(shown))

    def set_context(self, on: bool = True) -> None:
        """Village and grid lines and names up close even with their overlays off."""
        self.call("setContext", bool(on))

    def center_on(self, lat: float, lon: float, zoom: int | None = None) -> None:
        self.call("centerOn", float(lat), float(lon), zoom)

    def apply_worker_diff(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Queue changed workers (rows of ``mapdata.worker_positions`` or ``{"id", "status"}``).

        Cheap on the GUI thread whatever the size: the batch is kept as it is, and merged and
        encoded on the map's encoder thread at the next flush (at most once per flush interval).
        A newer row for the same worker overrides the older one's fields; a row with an older
        ``device_time`` than one waiting with it (a late packet) does not move the worker back.
        Callers must not change ``rows`` afterwards.
        """
        self._pending_batches.append(rows)
        if not self._worker_timer.isActive():
            self._worker_timer.start()

    def flush_workers(self) -> None:
        """Send waiting worker rows now and wait until they are handed to the page (e.g. before a
        screenshot); before ``ready`` they are merged and sent with the page's first snapshot."""
        self._worker_timer.stop()
        self._flush_workers()
        self._encoder.wait()
        self._send_scripts()

    @property
    def worker_count(self) -> int:
        """Workers the map knows (sent to the page or waiting for it), as of the last encoding."""
        return len(self._wire)

    def _flush_workers(self) -> None:
        full = self._ready and self._need_full
        if not self._pending_batches and not full:
            return
        batches, self._pending_batches = self._pending_batches, []
        self._need_full = False
        self._jobs += 1
        job, generation, emit = self._jobs, self._page_generation, self._ready
        wire, scripts, lock = self._wire, self._scripts, self._scripts_lock

        def encode() -> None:  # on the encoder thread
            script: str | None = None
            try:
                wire.merge(batches)
                if emit:
                    script = wire.script(full=full)
            finally:
                with lock:  # always, even after an error: later scripts wait for this number
                    scripts[job] = (generation, script)

        self._encoder.submit(encode, lambda _result: self._send_scripts(), self._encode_failed)

    def _encode_failed(self, exc: Exception) -> None:
        log.error("encoding worker positions for the map failed: %s", getattr(exc, "__traceback_text__", exc))
        self._need_full = True  # what the page has is unknown now: send everything next time
        self._send_scripts()
        if not self._worker_timer.isActive():
            self._worker_timer.start()

    def _send_scripts(self) -> None:
        """Hand finished scripts to the page, in job order."""
        while True:
            with self._scripts_lock:
                done = self._scripts.pop(self._jobs_sent + 1, None)
            if done is None:
                return
            self._jobs_sent += 1
            generation, script = done
            if script is None or not self._ready or generation != self._page_generation:
                continue
            if shiboken6.isValid(self._page):
                self._page.runJavaScript(script)


STATUS_CODES: Mapping[str, int] = {"offline": 0, "stale": 1, "online": 2}
NO_BEARING = -1  # Int16 tenths of a degree
NO_SPEED = 65535  # Uint16 cm/s
_COORD_SCALE = 1e7  # Int32 in 1e-7 degrees (≈1 cm): ±214° fits
# Encoded in chunks: one numpy call over 10,000 rows holds the GIL for a stretch; the GUI thread
# waits for it no longer than one chunk.
_CHUNK = 1000


def _b64(values: Any) -> str:
    return base64.b64encode(values.tobytes()).decode("ascii")


class WorkerWire:
    """Python's copy of the workers the page has, and the compact payloads that update it.

    ``merge`` takes batches of rows (as ``desktop.live.mapdata`` gives them, or status-only rows
    ``{"id", "status"}``): a newer row for a worker overrides the older one's fields, and a row with
    an older ``device_time`` than one merged in the same call (a late packet) is dropped.
    ``payload`` gives what the page lacks: the changed workers that have a position, as base64
    columns of little-endian binary numbers (see bridge.js), names once per page, removed ids; with
    ``full`` everything, for a new page. Workers whose drawn values did not change are not sent.

    Not thread-safe by itself: MapView uses it from one encoder thread at a time.
    """

    def __init__(self) -> None:
        self._state: dict[int, dict[str, Any]] = {}
        self._changed: dict[int, None] = {}  # ids to send, in order of change
        self._removed: dict[int, None] = {}
        # The wire values the page has, one row per worker slot, compared in numpy: no Python
        # object per worker and second (CPU on a thread that shares the GIL with the GUI, and
        # garbage-collector work).
        self._slot: dict[int, int] = {}
        self._page_values = np.zeros((0, 5), dtype=np.int64)
        self._page_has = np.zeros(0, dtype=bool)
        self._page_names: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self._state)

    def merge(self, batches: Iterable[Iterable[Mapping[str, Any]]]) -> None:
        state, changed, removed = self._state, self._changed, self._removed
        times: dict[int, Any] = {}  # device times merged in this call: a late packet loses
        for rows in batches:
            for n, row in enumerate(rows):
                if not n % _CHUNK:
                    time.sleep(0)  # gives the GIL up now and then
                wid = int(row["id"])
                if row.get("removed"):
                    state.pop(wid, None)
                    changed.pop(wid, None)
                    removed[wid] = None
                    continue
                t = row.get("device_time")
                if t is not None:
                    if wid in times and _older(t, times[wid]):
                        continue
                    times[wid] = t
                have = state.get(wid)
                if have is None:
                    state[wid] = dict(row)
                    removed.pop(wid, None)
                else:
                    have.update(row)
                changed[wid] = None

    def _slots(self, ids: list[int]) -> Any:
        slot = self._slot
        for wid in ids:
            if wid not in slot:
                slot[wid] = len(slot)
        if len(slot) > len(self._page_has):
            size = max(1024, 2 * len(slot))
            values = np.zeros((size, 5), dtype=np.int64)
            values[: len(self._page_values)] = self._page_values
            has = np.zeros(size, dtype=bool)
            has[: len(self._page_has)] = self._page_has
            self._page_values, self._page_has = values, has
        return np.fromiter(map(slot.__getitem__, ids), dtype=np.intp, count=len(ids))

    def reset_page(self) -> None:
        """The page is new: it has nothing, so the next payload sends everything."""
        self._page_has[:] = False
        self._page_names = {}
        self._changed = dict.fromkeys(self._state)
        self._removed = {}

    def payload(self, *, full: bool = False) -> dict[str, Any] | None:
        """What the page needs to be up to date, or None when it is."""
        if full:
            self.reset_page()
        ids = [wid for wid in self._changed if wid in self._state]
        self._changed = {}
        removed = []
        if not full:
            for wid in self._removed:
                at = self._slot.get(wid)
                if at is not None and self._page_has[at]:
                    self._page_has[at] = False
                    removed.append(wid)
        self._removed = {}
        keep_ids: list[int] = []
        parts: list[Any] = []
        names: list[list[Any]] = []
        page_names, state = self._page_names, self._state
        for start in range(0, len(ids), _CHUNK):
            time.sleep(0)  # gives the GIL up between chunks (see desktop.live.mapdata.worker_positions)
            chunk = ids[start : start + _CHUNK]
            rows = [state[wid] for wid in chunk]
            lat = np.array([r.get("lat") for r in rows], dtype=np.float64)
            lon = np.array([r.get("lon") for r in rows], dtype=np.float64)
            bearing = np.array([r.get("bearing") for r in rows], dtype=np.float64)
            speed = np.array([r.get("speed") for r in rows], dtype=np.float64)
            status = np.fromiter(
                (STATUS_CODES.get(str(r.get("status")), 0) for r in rows), dtype=np.uint8, count=len(rows)
            )
            placed = ~(
                np.isnan(lat) | np.isnan(lon)
            )  # a status-only row of an unplaced worker: nothing to draw
            with np.errstate(invalid="ignore"):
                lat_i = np.rint(np.nan_to_num(lat) * _COORD_SCALE).astype("<i4")
                lon_i = np.rint(np.nan_to_num(lon) * _COORD_SCALE).astype("<i4")
                bearing_i = np.where(
                    np.isnan(bearing), NO_BEARING, np.rint(np.mod(np.nan_to_num(bearing), 360.0) * 10)
                ).astype("<i2")
                speed_i = np.where(
                    np.isnan(speed) | (speed < 0),
                    NO_SPEED,
                    np.minimum(np.rint(np.nan_to_num(speed) * 100), NO_SPEED - 1),
                ).astype("<u2")
            values = np.stack([lat_i, lon_i, bearing_i, speed_i, status], axis=1).astype(np.int64)
            slots = self._slots(chunk)
            moved = ~self._page_has[slots] | (self._page_values[slots] != values).any(axis=1)
            chunk_names = [r.get("name") for r in rows]
            renamed = np.fromiter(
                (n is not None and page_names.get(w) != n for w, n in zip(chunk, chunk_names, strict=True)),
                dtype=bool,
                count=len(chunk),
            )
            index = np.flatnonzero(placed & (moved | renamed))
            if not len(index):
                continue
            self._page_values[slots[index]] = values[index]
            self._page_has[slots[index]] = True
            for k in np.flatnonzero(placed & renamed).tolist():
                page_names[chunk[k]] = chunk_names[k]
                names.append([chunk[k], chunk_names[k]])
            keep_ids += [chunk[k] for k in index.tolist()]
            parts.append((lat_i[index], lon_i[index], bearing_i[index], speed_i[index], status[index]))
        if not keep_ids and not removed and (not full or not state):
            return None  # (a new page with no workers to show needs no call)

        def joined(i: int, dtype: str) -> str:
            if not parts:
                return ""
            return _b64(np.concatenate([p[i] for p in parts]).astype(dtype))

        return {
            "n": len(keep_ids),
            "id": _b64(np.array(keep_ids, dtype="<i4")),
            "lat": joined(0, "<i4"),
            "lon": joined(1, "<i4"),
            "bearing": joined(2, "<i2"),
            "speed": joined(3, "<u2"),
            "status": joined(4, "u1"),
            "names": names,
            "removed": removed,
            "full": full,
        }

    def script(self, *, full: bool = False) -> str | None:
        """``payload`` as the JavaScript call that applies it, or None."""
        found = self.payload(full=full)
        if found is None:
            return None
        text = json.dumps(found, ensure_ascii=False, separators=(",", ":"))
        return f"Concord.applyWorkerDiff({json.dumps(text, ensure_ascii=False)});"


def _older(a: Any, b: Any) -> bool:
    if not isinstance(a, str) or not isinstance(b, str):
        return False
    try:
        return dt.datetime.fromisoformat(a) < dt.datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return False


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
