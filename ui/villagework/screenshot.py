"""``main.py screenshot --panel villagework``: the village work pane docked beside the map, wide
enough to read, on this month's village days with one that raised issues selected."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt

from ui.app import pump_events
from ui.main_window import MainWindow


def _wait(window: MainWindow, until: float = 20.0) -> None:
    pane = window.villagework
    deadline = time.monotonic() + until
    while time.monotonic() < deadline and (not pane.loaded_once or pane.is_loading()):
        pump_events()
        time.sleep(0.02)


def show_villagework(window: MainWindow, size: tuple[int, int], tab: int = 0) -> None:
    window.villagework_dock.show()
    window.villagework_dock.raise_()
    window.resizeDocks(
        [window.queue_dock, window.villagework_dock],
        [int(size[0] * 0.30), int(size[0] * 0.45)],
        Qt.Orientation.Horizontal,
    )
    pane = window.villagework
    _wait(window)
    pane.tabs.setCurrentIndex(tab)
    _wait(window)
    if tab == 0:
        # Last month has held days and, in the demo, issues raised at them.
        pane.shift_month(-1)
        _wait(window)
        best = max(range(len(pane.entries)), key=lambda i: pane.entries[i].issues, default=None)
        if best is not None:
            entry = pane.entries[best]
            pane.select_entry(entry.what, entry.id)
            _wait(window, 5.0)
