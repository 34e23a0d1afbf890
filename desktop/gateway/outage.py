"""Database failures in the gateway's log: one line per interval, not one per request.

When the database goes away, every batch the writer tries, every request waiting for it, every
report and every device refresh fails; at thousands of requests a second a warning for each buries
the log (and fills the disk) while saying nothing new. :class:`FailureLog` lets the first failure
through at once, then at most one line per ``interval_s`` carrying the number of failures not
logged since the previous line, and a line when writes succeed again (as soon as the interval
allows). Everything else in the log is untouched; the counters in ``/api/v1/health`` still count
every failure.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any


def first_line(exc: BaseException | str) -> str:
    """A database error's first line (SQLAlchemy adds the statement and a link on later ones)."""
    text = str(exc)
    return text.splitlines()[0] if text else type(exc).__name__


class FailureLog(logging.Filter):
    """Rate limit for failure warnings, shared by the event loop and the writer thread.

    ``failed`` logs through ``logger``; as a :class:`logging.Filter` on another logger (the batch
    writer's, whose warnings are failed batches) it applies the same limit to that logger's
    warnings. ``clock`` is replaceable for tests."""

    def __init__(
        self, logger: logging.Logger, interval_s: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.logger = logger
        self.interval_s = interval_s
        self.clock = clock
        self._lock = threading.Lock()
        self._logged_at: float | None = None  # when the last line went out
        self._suppressed = 0  # failures not logged since then
        self._failures = 0  # since writes last succeeded
        self.failing = False

    def _admit(self) -> int | None:
        """Count a failure. None: say nothing; else log a line, with this many left unsaid before."""
        now = self.clock()
        with self._lock:
            self._failures += 1
            self.failing = True
            if self._logged_at is not None and now - self._logged_at < self.interval_s:
                self._suppressed += 1
                return None
            self._logged_at = now
            suppressed, self._suppressed = self._suppressed, 0
            return suppressed

    def _tail(self, suppressed: int) -> str:
        # (No "%" in it: it is appended to format strings.)
        return f" ({suppressed} more failures not logged since the last line)" if suppressed else ""

    def failed(self, message: str, *args: Any) -> None:
        """A failure: ``logger.warning(message, *args)`` unless a line went out too recently."""
        suppressed = self._admit()
        if suppressed is not None:
            self.logger.warning(message + self._tail(suppressed), *args)

    def succeeded(self) -> None:
        """A write committed. Cheap while nothing failed (it runs for every batch)."""
        if not self.failing:
            return
        now = self.clock()
        with self._lock:
            if not self.failing or (self._logged_at is not None and now - self._logged_at < self.interval_s):
                return  # told too recently: a later success says it
            failures, suppressed = self._failures, self._suppressed
            self.failing = False
            self._failures = self._suppressed = 0
            self._logged_at = now
        self.logger.warning(
            "the database takes writes again after %d failures%s", failures, self._tail(suppressed)
        )

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING:
            return True
        suppressed = self._admit()
        if suppressed is None:
            return False
        if isinstance(record.args, tuple):  # an error's first line, as the gateway logs them
            record.args = tuple(first_line(a) if isinstance(a, BaseException) else a for a in record.args)
        if suppressed:
            record.msg = str(record.msg) + self._tail(suppressed)
        return True
