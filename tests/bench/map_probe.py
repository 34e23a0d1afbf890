"""Map figures, run in a subprocess of their own (QtWebEngine, offscreen).

``python -m tests.bench.map_probe batch --db URL`` → ``map_batch_apply_ms``: a MapView with the
demo city's base layers and open cases, 10,000 synthetic workers inside the city, every worker
moving in each batch. The page is instrumented from outside: the time of the
``Concord.applyWorkerDiff`` call (JSON.parse and merge), of the animation-frame callback that
applies the batch (``flushWorkers``) and of Leaflet's canvas redraw it causes in the next frame.
Baseline: JSON.parse of the batch's rows as plain JSON objects (1.9 MB) and a loop over them, in
the same page: what the simplest page-side handling of such a batch costs. (The page now gets
the batch as base64 binary columns, ~230 kB; ``python_send_ms`` is the merge + encode on the
map's encoder thread plus the hand-over, as ``flush_workers`` waits for both.)

``python -m tests.bench.map_probe stall --db URL`` → ``gui_max_stall_ms``: a 5 ms QTimer on the
GUI thread records the gaps between its ticks, first with nothing happening (baseline), then for
``--seconds`` while 10,000 workers move at 1 Hz: a writer process upserts ``worker_latest`` like
the gateway does, the real ``ui.live.feed.LiveFeed`` polls it and feeds ``MapView.apply_worker_diff``
(with the real one-second flush timer), as the main window wires them. The figure is the
largest gap from the feed's start (the first poll sends every worker with its name) through the
steady state; both parts are also reported on their own.

Prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if "--no-sandbox" not in flags:
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()

ROOT = Path(__file__).resolve().parents[2]

INSTRUMENT = r"""
(function () {
  if (window.__bench) return true;
  var B = window.__bench = {};
  window.__benchReset = function () {
    B.apply = 0; B.flush = 0; B.redraw = 0; B.flushes = 0; B.redraws = 0; B.nested = 0;
    B.t0 = 0; B.tFlush = 0; B.tFlushStart = 0; B.tRedraw = 0; B.tRedrawStart = 0; B.inFlush = false;
  };
  window.__benchReset();
  // The flush frame may redraw the canvas itself: that time is counted once, as redraw.
  function timedCallback(cb) {
    return function () {
      var t = performance.now(), nested = B.nested;
      B.inFlush = true; B.tFlushStart = t;
      try { return cb.apply(this, arguments); } finally {
        B.inFlush = false;
        B.flush += performance.now() - t - (B.nested - nested); B.flushes += 1; B.tFlush = performance.now();
      }
    };
  }
  var C = window.Concord, orig = C.applyWorkerDiff;
  // The batch is applied in an animation frame (or a fallback timeout) scheduled from inside
  // applyWorkerDiff: wrap what it schedules, only while it runs.
  C.applyWorkerDiff = function (payload) {
    var raf = window.requestAnimationFrame, st = window.setTimeout;
    window.requestAnimationFrame = function (cb) { return raf.call(window, timedCallback(cb)); };
    window.setTimeout = function (cb, ms) { return st.call(window, timedCallback(cb), ms); };
    var t = performance.now();
    B.t0 = t;
    try { return orig.call(C, payload); } finally {
      B.apply += performance.now() - t;
      window.requestAnimationFrame = raf; window.setTimeout = st;
    }
  };
  // Markers move on a canvas: Leaflet redraws it in the frame after the one that moved them.
  var proto = L.Canvas.prototype, redraw = proto._redraw;
  proto._redraw = function () {
    var t = performance.now();
    B.tRedrawStart = t;
    try { return redraw.apply(this, arguments); } finally {
      var d = performance.now() - t;
      B.redraw += d; B.redraws += 1; B.tRedraw = performance.now();
      if (B.inFlush) B.nested += d;
    }
  };
  window.__benchNoop = function (payload) {
    var t = performance.now();
    var list = JSON.parse(payload), n = 0;
    for (var i = 0; i < list.length; i++) n += list[i].id;
    window.__benchSink = n;
    return performance.now() - t;
  };
  return true;
})()
"""


def _js_literal(rows: list[dict[str, Any]]) -> str:
    """The payload exactly as MapView.call sends it: JSON text inside a JS string literal."""
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(text, ensure_ascii=False)


class Page:
    """A loaded MapView and helpers to evaluate JavaScript in it synchronously."""

    def __init__(self, url: str, size: tuple[int, int] = (1200, 800)) -> None:
        from desktop.bootstrap import open_database
        from desktop.cases.service import actor_for
        from desktop.live.mapdata import base_layers, case_markers
        from ui.app import make_application
        from ui.live.map_view import MapView

        self.app = make_application()
        self.engine, self.sessions = open_database(url)
        with self.sessions() as s:
            self.layers = base_layers(s)
            self.actor = actor_for(s, "dispatcher")
            self.cases = case_markers(s, self.actor)
        self.view = MapView()
        self.view.resize(*size)
        self.view.show()
        started = time.monotonic()
        self.view.load(self.layers)
        self.wait(lambda: self.view.page_ready, 60, "the map page to be ready")
        self.ready_s = time.monotonic() - started
        self.view.set_cases(self.cases)
        assert self.js(INSTRUMENT) is True

    def wait(self, cond: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not cond():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {what}")
            self.app.processEvents()
            time.sleep(0.002)

    def js(self, script: str, timeout: float = 30) -> Any:
        box: list[Any] = []
        self.view.web_page.runJavaScript(script, 0, box.append)
        self.wait(lambda: bool(box), timeout, "a script")
        return box[0]

    def js_json(self, expr: str) -> Any:
        return json.loads(self.js(f"JSON.stringify(({expr}) ?? null)"))

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.002)


def city_points(layers: dict[str, Any], n: int, rng: random.Random) -> list[tuple[float, float]]:
    """``n`` random (lat, lon) points inside the city outline."""
    import shapely

    city = shapely.from_geojson(json.dumps(layers["city"]["features"][0]["geometry"]))
    west, south, east, north = city.bounds
    out: list[tuple[float, float]] = []
    while len(out) < n:
        lons = [rng.uniform(west, east) for _ in range(n)]
        lats = [rng.uniform(south, north) for _ in range(n)]
        inside = shapely.contains_xy(city, lons, lats)
        out += [(la, lo) for la, lo, ok in zip(lats, lons, inside, strict=True) if ok]
    return out[:n]


class Walkers:
    """Synthetic workers walking at 1–4 m/s; ``step()`` moves them all by one second."""

    def __init__(self, points: list[tuple[float, float]], rng: random.Random, first_id: int = 1) -> None:
        self.rng = rng
        self.ids = list(range(first_id, first_id + len(points)))
        self.lat = [p[0] for p in points]
        self.lon = [p[1] for p in points]
        self.bearing = [rng.uniform(0, 360) for _ in points]
        self.speed = [rng.uniform(1.0, 4.0) for _ in points]
        self.t = 1_800_000_000

    def step(self) -> None:
        import math

        self.t += 1
        for i in range(len(self.ids)):
            self.bearing[i] = (self.bearing[i] + self.rng.uniform(-20, 20)) % 360
            rad = math.radians(self.bearing[i])
            self.lat[i] += self.speed[i] * math.cos(rad) / 111_320
            self.lon[i] += self.speed[i] * math.sin(rad) / (111_320 * 0.8)

    def rows(self) -> list[dict[str, Any]]:
        import datetime as dt

        when = dt.datetime.fromtimestamp(self.t, dt.UTC).isoformat()
        return [
            {
                "id": wid,
                "name": f"队员{wid}",
                "lat": round(self.lat[i], 6),
                "lon": round(self.lon[i], 6),
                "bearing": round(self.bearing[i], 1),
                "speed": round(self.speed[i], 2),
                "battery": 80.0,
                "device_time": when,
                "status": "online",
            }
            for i, wid in enumerate(self.ids)
        ]


def _payload_kb(walkers: Walkers) -> int:
    """The size of the script that sends one batch where every worker moved (names already sent)."""
    from ui.live.map_view import WorkerWire

    wire = WorkerWire()
    wire.merge([walkers.rows()])
    wire.script()
    walkers.step()
    wire.merge([walkers.rows()])
    return round(len((wire.script() or "").encode()) / 1024)


def batch(args: argparse.Namespace) -> dict[str, Any]:
    page = Page(args.db)
    rng = random.Random(7)
    walkers = Walkers(city_points(page.layers, args.workers, rng), rng)
    view = page.view
    per_batch: list[dict[str, float]] = []
    first: dict[str, float] | None = None
    for i in range(args.batches + 1):
        started = time.monotonic()
        if i:
            walkers.step()
        rows = walkers.rows()
        page.js("window.__benchReset(); true")
        t = time.perf_counter()
        view.apply_worker_diff(rows)
        view.flush_workers()  # now rather than after the one-second timer: the batch is what we time
        py_send_ms = (time.perf_counter() - t) * 1000
        # Done when the frame that applied it and the canvas redraw after it have both run.
        deadline = time.monotonic() + 10
        stats: dict[str, float] = {}
        while time.monotonic() < deadline:
            stats = page.js_json("window.__bench")
            # (the redraw may run inside the flush frame or in the frame after it)
            if (
                stats["flushes"] >= 1
                and stats["redraws"] >= 1
                and stats["tRedrawStart"] >= stats["tFlushStart"]
            ):
                break
            page.pump(0.005)
        noop = float(page.js(f"window.__benchNoop({_js_literal(rows)})"))
        entry = {
            "apply_ms": stats["apply"],
            "flush_ms": stats["flush"],
            "redraw_ms": stats["redraw"],
            "total_ms": stats["apply"] + stats["flush"] + stats["redraw"],
            "wall_ms": max(stats["tRedraw"], stats["tFlush"]) - stats["t0"],
            "redraws": stats["redraws"],
            "noop_ms": noop,
            "py_send_ms": py_send_ms,
        }
        if i == 0:
            first = entry
        else:
            per_batch.append(entry)
        print(f"batch {i}: " + " ".join(f"{k}={v:.1f}" for k, v in entry.items()), file=sys.stderr)
        page.pump(max(0.0, 1.0 - (time.monotonic() - started)))  # 1 Hz
    counts = page.js_json("Concord.counts()")

    def med(key: str) -> float:
        return round(statistics.median(e[key] for e in per_batch), 2)

    result = {
        "value": med("total_ms"),
        "baseline": med("noop_ms"),
        "max": round(max(e["total_ms"] for e in per_batch), 2),
        "apply_call_ms": med("apply_ms"),
        "flush_frame_ms": med("flush_ms"),
        "canvas_redraw_ms": med("redraw_ms"),
        "wall_to_redrawn_ms": med("wall_ms"),
        "python_send_ms": med("py_send_ms"),
        "first_batch_ms": round(first["total_ms"], 2) if first else None,
        "batches": len(per_batch),
        "workers": args.workers,
        "payload_kb": _payload_kb(walkers),
        "page_counts": counts,
        "open_case_markers": len(page.cases),
        "page_ready_s": round(page.ready_s, 2),
    }
    view.release_page()
    return result


# --- stall ----------------------------------------------------------------------------------


class GapTimer:
    """A 5 ms precise timer on the GUI thread; records the gaps between its ticks."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[float] = []
        self.long: list[tuple[float, float]] = []  # gaps over 50 ms: (start, end)
        self.last: float | None = None
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last is not None:
            self.gaps.append((now - self.last) * 1000)
            if now - self.last > 0.05:
                self.long.append((self.last, now))
        self.last = now

    def start(self) -> None:
        self.gaps, self.last, self.long = [], None, []
        self.timer.start()

    def stop(self) -> dict[str, float]:
        self.timer.stop()
        gaps = sorted(self.gaps)
        if not gaps:
            return {"max": 0.0, "p99": 0.0, "ticks": 0}
        return {
            "max": round(gaps[-1], 2),
            "p99": round(gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))], 2),
            "ticks": len(gaps),
            "over_50ms": sum(1 for g in gaps if g > 50),
        }


def _run_loop(page: Page, seconds: float) -> None:
    """Let the Qt event loop run (as app.exec would), for ``seconds``."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def _add_workers(url: str, total: int) -> list[int]:
    """Synthetic grid workers up to ``total`` (copies of the demo's, in the same grids)."""
    from sqlalchemy import func, insert, select

    from db.models import Worker
    from desktop.bootstrap import open_database

    engine, sessions = open_database(url)
    with sessions() as s, s.begin():
        have = s.execute(select(Worker.id, Worker.squad_id, Worker.town_id, Worker.grid_id)).all()
        top = int(s.scalar(select(func.max(Worker.id))) or 0)
        rows = []
        for k in range(max(0, total - len(have))):
            src = have[k % len(have)]
            wid = top + 1 + k
            rows.append(
                {
                    "id": wid,
                    "name": f"压测{wid}",
                    "pinyin": "",
                    "phone": f"139{wid:08d}",
                    "squad_id": src.squad_id,
                    "town_id": src.town_id,
                    "grid_id": src.grid_id,
                    "device_id": f"bench-{wid}",
                    "active": True,
                }
            )
        if rows:
            s.execute(insert(Worker), rows)
        ids = [
            int(i) for i in s.scalars(select(Worker.id).where(Worker.active.is_(True)).order_by(Worker.id))
        ]
    engine.dispose()
    return ids[:total]


def writer(args: argparse.Namespace) -> None:
    """The gateway's part: every second, one transaction moving every worker's latest fix.

    Plain sqlite3 (the values as SQLAlchemy stores them: naive UTC text), so that this stand-in
    for the gateway takes as little of the shared CPU as it can.
    """
    import datetime as dt
    import sqlite3

    from desktop.bootstrap import open_database
    from desktop.live.mapdata import base_layers

    engine, sessions = open_database(args.db)
    with sessions() as s:
        layers = base_layers(s)
    engine.dispose()
    ids = [int(i) for i in args.ids.split(",")] if args.ids else []
    conn = sqlite3.connect(args.db.removeprefix("sqlite:///"), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA synchronous=NORMAL")
    seq = int(conn.execute("SELECT coalesce(max(seq), 0) FROM worker_latest").fetchone()[0])
    sql = (
        "INSERT INTO worker_latest (worker_id, seq, device_time, received_at, lat, lon, speed, bearing,"
        " battery, grid_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (worker_id) DO UPDATE SET"
        " seq = excluded.seq, device_time = excluded.device_time, received_at = excluded.received_at,"
        " lat = excluded.lat, lon = excluded.lon, speed = excluded.speed, bearing = excluded.bearing"
    )
    rng = random.Random(11)
    walkers = Walkers(city_points(layers, len(ids), rng), rng)
    walkers.ids = ids
    end = time.monotonic() + args.seconds
    durations = []
    while time.monotonic() < end:
        tick = time.monotonic()
        walkers.step()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
        rows = []
        for i, wid in enumerate(ids):
            seq += 1
            rows.append(
                (
                    wid,
                    seq,
                    now,
                    now,
                    walkers.lat[i],
                    walkers.lon[i],
                    walkers.speed[i],
                    walkers.bearing[i],
                    80.0,
                )
            )
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
        durations.append(time.monotonic() - tick)
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    conn.close()
    median_ms = round(statistics.median(durations) * 1000, 1) if durations else None
    print(json.dumps({"batches": len(durations), "write_ms_median": median_ms}))


def stall(args: argparse.Namespace) -> dict[str, Any]:
    from ui.live.feed import LiveFeed
    from ui.tasks import TaskRunner

    tmp = Path(tempfile.mkdtemp(prefix="concord-bench-stall-"))
    try:
        src = Path(args.db.removeprefix("sqlite:///"))
        db = tmp / "live.db"
        shutil.copyfile(src, db)
        url = f"sqlite:///{db}"
        ids = _add_workers(url, args.workers)
        page = Page(url)
        gaps = GapTimer()
        page.pump(2)  # let the page settle after loading
        gaps.start()
        _run_loop(page, args.baseline_seconds)
        baseline = gaps.stop()

        runner = TaskRunner()
        feed = LiveFeed(page.sessions, page.actor, runner, engine=page.engine)
        received: list[int] = []
        spans: dict[str, list[float]] = {
            "on_result": [],
            "slot": [],
            "send": [],
            "poll_thread": [],
            "encode_thread": [],
            "gc": [],
            "gc_full": [],
        }
        measuring = [False]
        intervals: list[tuple[str, float, float]] = []  # (what, start, end) while measuring

        def timed(key: str, fn: Any) -> Any:
            def wrapper(*a: Any, **k: Any) -> Any:
                t = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    if measuring[0]:
                        spans[key].append((time.perf_counter() - t) * 1000)
                        intervals.append((key, t, time.perf_counter()))

            return wrapper

        def workers_changed(rows: list[dict[str, Any]]) -> None:
            # What MainWindow._workers_changed does with them (less the status-bar label, which
            # reads two numbers the feed counted).
            t = time.perf_counter()
            received.append(len(rows))
            page.view.apply_worker_diff(rows)
            _ = (feed.workers_online, feed.workers_total)
            if measuring[0]:
                spans["slot"].append((time.perf_counter() - t) * 1000)

        # Diagnostics only, to say where a stall comes from: the GUI-thread handler of a poll
        # result (signal delivery included), the hand-over of encoded scripts to the page
        # (runJavaScript), the poll's query and the map's encoding on their threads, and the
        # garbage collector's pauses (on any thread; they hold the GIL). Instance attributes:
        # the classes are untouched.
        feed._on_result = timed("on_result", feed._on_result)  # type: ignore[method-assign]
        page.view._send_scripts = timed("send", page.view._send_scripts)  # type: ignore[method-assign]
        page.view._wire.script = timed("encode_thread", page.view._wire.script)  # type: ignore[method-assign]
        import gc

        import ui.live.feed

        ui.live.feed.worker_positions = timed("poll_thread", ui.live.feed.worker_positions)  # type: ignore[attr-defined]
        gc_started = [0.0]

        def on_gc(phase: str, info: dict[str, Any]) -> None:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            elif measuring[0]:
                spans["gc"].append((time.perf_counter() - gc_started[0]) * 1000)
                intervals.append((f"gc{info.get('generation')}", gc_started[0], time.perf_counter()))
                if info.get("generation") == 2:
                    spans["gc_full"].append((time.perf_counter() - gc_started[0]) * 1000)

        gc.callbacks.append(on_gc)
        feed.workersChanged.connect(workers_changed)
        cmd = [sys.executable, "-m", "tests.bench.map_probe", "writer", "--db", url]
        cmd += ["--seconds", str(args.seconds + 4), "--ids", ",".join(map(str, ids))]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        # The start counts too: the first poll reads every worker and the page gets them all
        # (names included) while the writer already moves them. Measured until the page has all.
        gaps.start()
        feed.start()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            _run_loop(page, 0.5)
            have_all = received and page.view.worker_count >= len(ids)
            if have_all and page.js_json("Concord.counts().workers") >= len(ids):
                break
        startup = gaps.stop()
        warmup_s = round(60 - (deadline - time.monotonic()), 1)
        # Then the steady state.
        received.clear()
        measuring[0] = True
        gaps.start()
        _run_loop(page, args.seconds)
        live = gaps.stop()
        long_gaps = list(gaps.long)
        measuring[0] = False
        gc.callbacks.remove(on_gc)
        feed.stop()
        out, _ = proc.communicate(timeout=60)
        runner.wait(5000)
        counts = page.js_json("Concord.counts()")
        frames = page.js_json("Concord.stats.workerFrames")
        page.view.release_page()
        writer_stats = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}

        def summary(values: list[float]) -> dict[str, float]:
            if not values:
                return {"n": 0}
            return {
                "n": len(values),
                "median": round(statistics.median(values), 1),
                "max": round(max(values), 1),
            }

        return {
            "value": max(live["max"], startup["max"]),
            "steady_max": live["max"],
            "startup_max": startup["max"],
            "startup_over_50ms": startup.get("over_50ms", 0),
            "p99": live["p99"],
            "over_50ms": live["over_50ms"],
            "ticks": live["ticks"],
            "baseline": baseline["max"],
            "baseline_p99": baseline["p99"],
            "seconds": args.seconds,
            "warmup_s": warmup_s,
            "workers": len(ids),
            "feed_batches": len(received),
            "feed_rows_median": statistics.median(received) if received else 0,
            "map_worker_frames": frames,
            "map_workers": counts.get("workers"),
            "writer": writer_stats,
            "gui_thread_ms": {
                "LiveFeed._on_result (incl. workersChanged delivery)": summary(spans["on_result"]),
                "slot: apply_worker_diff + status": summary(spans["slot"]),
                "MapView._send_scripts (runJavaScript of encoded batches)": summary(spans["send"]),
            },
            "worker_thread_ms": {
                "worker_positions": summary(spans["poll_thread"]),
                "WorkerWire.script (encode)": summary(spans["encode_thread"]),
            },
            # What ran (on any thread) during each gap over 50 ms: where the stalls come from.
            "long_gaps": [
                {
                    "ms": round((end - start) * 1000, 1),
                    "during": sorted({k for k, a, b in intervals if a < end and b > start}),
                }
                for start, end in long_gaps
            ],
            "gc_pause_ms": summary(spans["gc"]),
            "gc_full_collection_ms": summary(spans["gc_full"]),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["batch", "stall", "writer"])
    p.add_argument("--db", required=True)
    p.add_argument("--workers", type=int, default=10_000)
    p.add_argument("--batches", type=int, default=10)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--baseline-seconds", type=float, default=10)
    p.add_argument("--ids", default="")
    args = p.parse_args(argv)
    if args.mode == "writer":
        writer(args)
        return 0
    result = batch(args) if args.mode == "batch" else stall(args)
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # QtWebEngine's teardown at exit is slow and noisy; everything is reported


if __name__ == "__main__":
    sys.exit(main())
