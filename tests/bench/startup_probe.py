"""Cold start of the control room, run as its own process by the benchmark.

Does what ``main.py run`` does up to an interactive window (like ``ui.app.screenshot``, without
grabbing): application, database, main window shown and started; then waits until the map page
is ready and the queue model has rows, prints ``READY`` with the phase times (ms since this
script began) and exits. The parent times the whole process from its spawn to that line.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


def _ms() -> float:
    return round((time.perf_counter() - T0) * 1000, 1)


def main() -> int:
    url = sys.argv[1]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
    marks: dict[str, float] = {}
    from PySide6.QtCore import QSettings

    from ui.app import build_window, make_application

    marks["imported"] = _ms()
    app = make_application()
    marks["application"] = _ms()
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "startup.ini"), QSettings.Format.IniFormat)
        window = build_window(url, "dispatcher", app, False, settings)
        marks["window_built"] = _ms()
        window.resize(1600, 1000)
        window.show()
        window.start()
        marks["shown"] = _ms()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            app.processEvents()
            if window.map.page_ready and window.queue.model.rowCount() > 0:
                break
            time.sleep(0.002)
        ok = window.map.page_ready and window.queue.model.rowCount() > 0
        marks["ready"] = _ms()
        print(("READY " if ok else "TIMEOUT ") + json.dumps(marks), flush=True)
        window.live.stop()
        window.runner.wait(5000)
        window.close()
    sys.stdout.flush()
    os._exit(0 if ok else 1)  # QtWebEngine's teardown is slow and not part of the figure


if __name__ == "__main__":
    sys.exit(main())
