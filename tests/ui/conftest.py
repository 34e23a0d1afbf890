"""Modal-dialog watchdog: a UI test stuck in a dialog's exec() fails with the dialog's words instead
of hanging the run.

A QMessageBox (static ``warning``/``critical``/``question`` included), QInputDialog, QFileDialog or
any dialog started with ``exec()`` spins its own event loop until someone clicks; offscreen nobody
does. pytest-timeout cannot help there: its SIGALRM handler is Python code, and Python gets no turn
while Qt's C++ loop waits, so the run just hangs. A QTimer does fire inside that nested loop, so
this fixture polls for application-modal windows (what ``exec()`` makes) and, once one has been
open longer than the grace period, writes down its class, title and text, rejects it so ``exec()``
returns, and fails the test with that description.

Dialogs opened with ``open()`` are window-modal and block nothing (the test keeps running), so they
are left alone. Tests that answer a dialog themselves, from a timer, have the grace period to do so:
``CONCORD_TEST_MODAL_GRACE_S`` seconds (default 10).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Generator, Iterator, Mapping

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

GRACE_ENV = "CONCORD_TEST_MODAL_GRACE_S"
DEFAULT_GRACE_S = 10.0
POLL_MS = 250

_GRACE = pytest.StashKey[float]()
_WATCHDOG = pytest.StashKey["ModalWatchdog"]()


def modal_grace_s(environ: Mapping[str, str] = os.environ) -> float:
    """The grace period from ``CONCORD_TEST_MODAL_GRACE_S``; a value that is not a positive number
    is refused rather than read as "never" or "at once"."""
    raw = environ.get(GRACE_ENV, "").strip()
    if not raw:
        return DEFAULT_GRACE_S
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise pytest.UsageError(f"{GRACE_ENV}={raw!r}: expected a positive number of seconds, e.g. 10 or 0.5")
    return value


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_GRACE] = modal_grace_s()


def _class_name(widget: QWidget) -> str:
    cls = type(widget)
    return (
        cls.__qualname__ if cls.__module__.startswith("PySide6") else f"{cls.__module__}.{cls.__qualname__}"
    )


def _words(widget: QWidget) -> list[str]:
    """What the user would read in the dialog."""
    if isinstance(widget, QMessageBox):
        return [t for t in (widget.text(), widget.informativeText()) if t]
    if isinstance(widget, (QInputDialog, QProgressDialog)):
        return [widget.labelText()] if widget.labelText() else []
    labels = [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget) and w.text().strip()]
    return labels[:4]


def describe(widget: QWidget, open_s: float) -> str:
    words = " / ".join(" ".join(t.split()) for t in _words(widget)) or "(no text)"
    return f"{_class_name(widget)} titled {widget.windowTitle()!r}, open {open_s:.1f} s: {words}"


def _dismiss(widget: QWidget) -> None:
    """Close the widget so the exec() waiting on it returns; hide() ends a dialog's loop even when
    its reject() or closeEvent() refuses (a busy form, a box with no escape button)."""
    if isinstance(widget, QDialog):
        widget.reject()
    else:
        widget.close()
    if widget.isVisible():
        widget.hide()


class ModalWatchdog:
    """Polls for application-modal windows and dismisses, and records, those open too long."""

    def __init__(self, grace_s: float) -> None:
        self.grace_s = grace_s
        self.dismissed: list[str] = []
        self._reported = 0
        self._first_seen: dict[QWidget, float] = {}
        self._timer = QTimer()
        self._timer.setInterval(min(POLL_MS, max(10, int(grace_s * 250))))
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._first_seen.clear()

    @staticmethod
    def blocking() -> list[QWidget]:
        """Visible application-modal windows, innermost first: what exec() (or setModal(True) and
        show()) puts up, and what keeps input from every other window."""
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if w.isVisible() and w.windowModality() == Qt.WindowModality.ApplicationModal
        ]
        active = QApplication.activeModalWidget()
        return sorted(found, key=lambda w: w is not active)

    def check(self) -> None:
        now = time.monotonic()
        current = self.blocking()
        self._first_seen = {w: self._first_seen.get(w, now) for w in current}
        for widget in current:
            open_s = now - self._first_seen[widget]
            if open_s < self.grace_s:
                continue
            try:
                self.dismissed.append(describe(widget, open_s))
                _dismiss(widget)
            except RuntimeError:  # deleted on the C++ side meanwhile: nothing left to wait on
                pass
            self._first_seen.pop(widget, None)

    def take_unreported(self) -> list[str]:
        new = self.dismissed[self._reported :]
        self._reported = len(self.dismissed)
        return new

    def message(self, dismissed: list[str]) -> str:
        lines = "\n".join(f"  - {d}" for d in dismissed)
        return (
            f"modal dialog left open longer than {self.grace_s:g} s ({GRACE_ENV}); "
            f"the watchdog rejected it so its exec() returned:\n{lines}"
        )


@pytest.fixture(autouse=True)
def _modal_watchdog(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[ModalWatchdog]:
    """Runs through each UI test's set-up, call and the teardown of its function fixtures."""
    dog = ModalWatchdog(request.config.stash[_GRACE])
    request.node.stash[_WATCHDOG] = dog
    dog.start()
    yield dog
    dog.stop()
    left = dog.take_unreported()  # dismissed during set-up or another fixture's teardown
    if left:
        pytest.fail(dog.message(left), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Fail the test itself (not only its teardown) when a dialog had to be dismissed during it,
    keeping the test's own failure, if any, next to the dialog's words."""
    dog = item.stash.get(_WATCHDOG, None)
    if dog is None:
        return (yield)
    try:
        result = yield
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        dismissed = dog.take_unreported()
        if not dismissed:
            raise
        if isinstance(exc, Exception):
            exc.add_note(dog.message(dismissed))
            raise
        # pytest.skip/xfail/fail after a dismissed dialog: the dialog is the failure to see.
        ended = f"the test then ended with {type(exc).__name__}: {exc}"
        pytest.fail(f"{dog.message(dismissed)}\n{ended}", pytrace=False)
    dismissed = dog.take_unreported()
    if dismissed:
        pytest.fail(dog.message(dismissed), pytrace=False)
    return result
