"""Progress and cancellation for long work (exports, briefings), without Qt.

Long work is a plain function that takes a :class:`Progress` and calls ``step`` as it goes; the
caller reads the fraction done and asks it to stop with ``cancel``. The UI passes a callback that
forwards steps to the GUI thread; tests and the command line pass none, or a list to record them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The work was cancelled; whatever it was writing is discarded."""


class Progress:
    """How far long work has got (``done`` of ``total`` steps, with a short label) and whether it
    has been asked to stop. ``step`` raises :class:`Cancelled` once ``cancel`` was called, so work
    stops at its next step. Safe to cancel from another thread."""

    def __init__(self, on_step: Callable[[int, int, str], None] | None = None) -> None:
        self._on_step = on_step
        self._cancelled = threading.Event()
        self.done = 0
        self.total = 0
        self.label = ""

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the work was asked to stop."""
        if self._cancelled.is_set():
            raise Cancelled

    def step(self, done: int, total: int, label: str = "") -> None:
        self.check()
        self.done, self.total, self.label = done, max(total, done, 0), label
        if self._on_step is not None:
            self._on_step(self.done, self.total, label)


__all__ = ["Cancelled", "Progress"]
