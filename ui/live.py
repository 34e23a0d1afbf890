"""The live feed in the UI: polls the change feed and worker positions off the GUI thread and
turns them into signals (changed case ids, changed workers, connection state)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.clock import utcnow
from desktop.feed import FeedReader
from desktop.ladder import Actor
from desktop.mapdata import worker_positions
from ui.tasks import TaskRunner


class LiveFeed(QObject):
    casesChanged = Signal(list)  # case ids, in change order, without repeats
    workersChanged = Signal(list)  # worker rows as desktop.mapdata gives them
    stateChanged = Signal(str, str)  # "live" | "lost", reason

    def __init__(
        self,
        sessions: sessionmaker[Session],
        actor: Actor,
        runner: TaskRunner,
        interval_ms: int = 1000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._reader = FeedReader()
        self._worker_seq = 0
        self._busy = False
        self._started = False
        self.state = "starting"
        self.newest_data_at: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._timer.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> None:
        if self._busy:
            return  # a slow database must not pile up overlapping polls
        self._busy = True
        first = not self._started
        reader, seq, actor, sessions = self._reader, self._worker_seq, self._actor, self._sessions

        def work() -> dict[str, Any]:
            with sessions() as s:
                if first:
                    reader.start_at_end(s)
                    changes = []
                else:
                    changes = reader.poll(s)
                workers, new_seq = worker_positions(s, actor, since_seq=seq)
            return {"changes": changes, "workers": workers, "seq": new_seq, "first": first}

        self._runner.submit(work, self._on_result, self._on_error)

    def _on_result(self, result: dict[str, Any]) -> None:
        self._busy = False
        self._started = True
        self._worker_seq = result["seq"]
        self._set_state("live", "")
        ids: list[int] = []
        seen: set[int] = set()
        for change in result["changes"]:
            if change.entity == "case" and change.entity_id not in seen:
                seen.add(change.entity_id)
                ids.append(change.entity_id)
        if ids:
            self.newest_data_at = utcnow()
            self.casesChanged.emit(ids)
        if result["workers"]:
            newest = max((w.get("device_time") or "" for w in result["workers"]), default="")
            if newest:
                parsed = dt.datetime.fromisoformat(newest)
                if self.newest_data_at is None or parsed > self.newest_data_at:
                    self.newest_data_at = parsed
            self.workersChanged.emit(result["workers"])

    def _on_error(self, exc: Exception) -> None:
        self._busy = False
        if isinstance(exc, OperationalError | DBAPIError):
            self._set_state("lost", str(exc.orig) if getattr(exc, "orig", None) else str(exc))
        else:
            self._set_state("lost", str(exc))

    def _set_state(self, state: str, reason: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state, reason)
