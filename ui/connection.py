"""Is the database server still there? A monitor that asks every two seconds, off the GUI thread.

The monitor keeps one small connection of its own and runs ``SELECT 1`` on it with short
timeouts, so a stopped server or a dead network shows in the window within seconds, even when
the user is only reading. While the server is away it retries by itself with backoff (1, 2, 4, 8
seconds); the first answer says "online" again, and the window catches up.

Only PostgreSQL is watched: the embedded SQLite file cannot go away under a running program.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from desktop.database import Probe
from desktop.store import Engine
from ui.errors import explain_connection

CHECK_INTERVAL_S = 2.0
TIMEOUT_S = 2.0
MAX_BACKOFF_S = 8.0


class ConnectionMonitor(QObject):
    """Emits ``stateChanged(online, reason)`` on the GUI thread when the server goes or comes back."""

    stateChanged = Signal(bool, str)  # online, reason in the user's language ("" when online)
    _probed = Signal(bool, object)  # from the monitor thread: online, the exception or None

    def __init__(
        self,
        engine: Engine,
        interval_s: float = CHECK_INTERVAL_S,
        timeout_s: float = TIMEOUT_S,
        max_backoff_s: float = MAX_BACKOFF_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._interval = interval_s
        self._timeout = timeout_s
        self._max_backoff = max_backoff_s
        self.online = True
        self.reason = ""
        self.lost_at: float | None = None  # monotonic time the server went away
        self.checks = 0
        self._stop = threading.Event()
        self._kick = threading.Event()
        self._thread: threading.Thread | None = None
        self._probe = Probe(engine, timeout_s)
        self._probed.connect(self._on_probe)

    @property
    def watched(self) -> bool:
        return self._engine.dialect.name == "postgresql"

    def start(self) -> None:
        if not self.watched or self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="concord-connection", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._kick.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self._close()

    def check_now(self) -> None:
        """Ask again at once (e.g. after a save failed) instead of waiting for the next turn."""
        self._kick.set()

    # --- the monitor thread ----------------------------------------------------------------

    def _close(self) -> None:
        self._probe.close()

    def probe(self) -> BaseException | None:
        """One check: None when the server answered, else what went wrong."""
        return self._probe.check()

    def _run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            self.checks += 1
            problem = self.probe()
            if self._stop.is_set():
                break
            self._probed.emit(problem is None, problem)
            if problem is None:
                backoff = 1.0
                wait = self._interval
            else:
                wait = backoff
                backoff = min(backoff * 2, self._max_backoff)
            self._kick.wait(wait)
            self._kick.clear()
        self._close()

    # --- GUI thread ------------------------------------------------------------------------

    def _on_probe(self, online: bool, problem: object) -> None:
        if online == self.online:
            return
        self.online = online
        if online:
            self.reason = ""
            self.lost_at = None
            # Pooled connections died with the server: drop them instead of failing on each.
            self._engine.dispose()
        else:
            url = self._engine.url
            exc = problem if isinstance(problem, BaseException) else str(problem)
            self.reason = explain_connection(exc, host=url.host or "", database=url.database or "")
            self.lost_at = time.monotonic()
        self.stateChanged.emit(online, self.reason)
