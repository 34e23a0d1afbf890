"""The one way to run slow work off the GUI thread: a plain function, its result by signal.

Workers never touch widgets; they return data, and the callbacks run on the GUI thread.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from desktop.progress import Progress


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Steps(QObject):
    """Carries a worker's progress steps to the GUI thread (queued: it lives in the GUI thread)."""

    stepped = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the caller, who decides what the user sees
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Runs functions on a small thread pool and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._alive: set[_Signals] = set()

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        signals = _Signals()  # lives in the GUI thread, so its slots run there

        def finish() -> None:
            self._alive.discard(signals)
            signals.deleteLater()

        def owner_alive(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            # The runner dies with its owner (a window, a model); work that ends after that must
            # not call back into deleted widgets. (A bound method of a deleted QObject is skipped
            # too, as a direct connection to it would have been.)
            receiver = getattr(callback, "__self__", None)

            def call(value: Any) -> None:
                if isValid(self) and (not isinstance(receiver, QObject) or isValid(receiver)):
                    callback(value)

            return call

        if on_done is not None:
            signals.done.connect(owner_alive(on_done))
        if on_error is not None:
            signals.failed.connect(owner_alive(on_error))
        signals.done.connect(finish)
        signals.failed.connect(finish)
        self._alive.add(signals)
        self._pool.start(_Job(fn, signals))

    def submit_with_progress(
        self,
        fn: Callable[[Progress], Any],
        on_progress: Callable[[int, int, str], None] | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Progress:
        """Like :meth:`submit` for long work that reports progress: ``fn`` gets a
        :class:`desktop.progress.Progress` and calls its ``step``; each step reaches
        ``on_progress`` on the GUI thread. Returns the Progress: its ``cancel()`` makes the work
        stop at its next step, and ``on_error`` then gets :class:`desktop.progress.Cancelled`."""
        steps = _Steps()
        if on_progress is not None:
            steps.stepped.connect(on_progress)
        progress = Progress(lambda done, total, label: steps.stepped.emit(done, total, label))

        def run() -> Any:
            return fn(progress)

        def release(_value: object) -> None:
            steps.deleteLater()

        def done(value: Any) -> None:
            release(value)
            if on_done is not None:
                on_done(value)

        def failed(exc: Exception) -> None:
            release(exc)
            if on_error is not None:
                on_error(exc)

        self.submit(run, done, failed)
        return progress

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
