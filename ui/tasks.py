"""The one way to run slow work off the GUI thread: a plain function, its result by signal.

Workers never touch widgets; they return data, and the callbacks run on the GUI thread.

``submit`` returns a :class:`TaskHandle`: ``cancel()`` drops the callbacks still to come and,
for work that takes a :class:`desktop.progress.Progress` (``on_progress`` or
``cancellable=True``), stops the work at its next step. Progress steps reach ``on_progress`` on
the GUI thread. A failure nobody handles (no ``on_error``) is not lost: it is logged with its
traceback and sent to the one default sink, :func:`unhandled_failures`, whose ``failed`` signal
the main window shows in its status bar (ui.errors.explain).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

from desktop.progress import Cancelled, Progress

log = logging.getLogger(__name__)


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


class FailureSink(QObject):
    """Where failures nobody handled go: ``failed(exc)`` on the GUI thread."""

    failed = Signal(object)


_SINK: list[FailureSink] = []


def unhandled_failures() -> FailureSink:
    """The application's one sink for failures of background work without an ``on_error``."""
    if not _SINK or not isValid(_SINK[0]):
        _SINK[:] = [FailureSink()]
    return _SINK[0]


def report_unhandled(exc: BaseException) -> None:
    """Log a failure with its traceback and hand it to the default sink."""
    text = getattr(exc, "__traceback_text__", None) or "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    log.error("background task failed with nobody to tell: %s\n%s", exc, text)
    unhandled_failures().failed.emit(exc)


class TaskHandle:
    """A submitted task: ``cancel()`` drops its callbacks still to come and stops work that
    takes a Progress at its next step. Safe to call more than once, and after the work ended."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress
        self._cancelled = False
        self.finished = False

    def cancel(self) -> None:
        self._cancelled = True
        if self.progress is not None:
            self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled


class TaskRunner(QObject):
    """Runs functions on a small thread pool and calls back on the GUI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._alive: set[QObject] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        *,
        cancellable: bool = False,
    ) -> TaskHandle:
        """Run ``fn`` on the pool; ``on_done(result)`` or ``on_error(exc)`` on the GUI thread.

        With ``on_progress`` (or ``cancellable=True``) ``fn`` is called with a
        :class:`desktop.progress.Progress`: its ``step`` calls reach ``on_progress`` on the GUI
        thread, and cancelling the returned handle makes the next ``step`` raise Cancelled.
        Without ``on_error`` a failure goes to :func:`report_unhandled`; a cancelled task calls
        back nothing at all."""
        signals = _Signals()  # lives in the GUI thread, so its slots run there
        progress: Progress | None = None
        steps: _Steps | None = None
        if on_progress is not None or cancellable:
            steps = _Steps()
            if on_progress is not None:
                steps.stepped.connect(self._live(on_progress, lambda: handle.cancelled))
            emit = steps.stepped.emit
            progress = Progress(lambda done, total, label: emit(done, total, label))
        handle = TaskHandle(progress)

        def finish(_value: object) -> None:
            handle.finished = True
            self._alive.discard(signals)
            signals.deleteLater()
            if steps is not None:
                self._alive.discard(steps)
                steps.deleteLater()

        def failed(exc: Exception) -> None:
            if handle.cancelled or not isValid(self):
                return
            if on_error is None:
                if not isinstance(exc, Cancelled):
                    report_unhandled(exc)
                return
            on_error(exc)

        if on_done is not None:
            signals.done.connect(self._live(on_done, lambda: handle.cancelled))
        signals.failed.connect(failed if on_error is None else self._live(failed, lambda: False, on_error))
        signals.done.connect(finish)
        signals.failed.connect(finish)
        self._alive.add(signals)
        if steps is not None:
            self._alive.add(steps)
        work: Callable[[], Any] = fn if progress is None else (lambda: fn(progress))
        self._pool.start(_Job(work, signals))
        return handle

    def _live(
        self,
        callback: Callable[..., None],
        cancelled: Callable[[], bool],
        owner_of: Callable[..., None] | None = None,
    ) -> Callable[..., None]:
        """``callback``, skipped once the task was cancelled or the runner or the callback's
        receiver was deleted. The runner dies with its owner (a window, a model); work that ends
        after that must not call back into deleted widgets. (A bound method of a deleted QObject
        is skipped too, as a direct connection to it would have been.)"""
        receiver = getattr(owner_of or callback, "__self__", None)

        def call(*values: Any) -> None:
            if cancelled() or not isValid(self):
                return
            if isinstance(receiver, QObject) and not isValid(receiver):
                return
            callback(*values)

        return call

    def submit_with_progress(
        self,
        fn: Callable[[Progress], Any],
        on_progress: Callable[[int, int, str], None] | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> Progress:
        """:meth:`submit` for work taking a Progress, returning the Progress itself (its
        ``cancel()`` stops the work at its next step; ``on_error`` then gets Cancelled)."""
        handle = self.submit(fn, on_done, on_error, on_progress, cancellable=True)
        assert handle.progress is not None
        return handle.progress

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)
