"""The live feed in the UI: polls the change feed and worker positions off the GUI thread and
turns them into signals (changed case ids, changed workers, connection state).

SQLite is polled every second; on PostgreSQL a LISTEN connection wakes the poll at once and the
timer stays as a safety net. After a lost connection the poll backs off, and when the database
answers again everything is re-read (``resynced``) because changes may have been missed.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.cases.ladder import Actor
from desktop.clock import utcnow
from desktop.database import driver_reason
from desktop.live.feed import FeedReader
from desktop.live.mapdata import all_worker_statuses, status_changes, worker_count, worker_positions
from desktop.store import Engine, SessionFactory
from ui.tasks import TaskRunner

MAX_BACKOFF_MS = 15_000
STATUS_RECHECK_S = 30.0


class LiveFeed(QObject):
    # object, not list: PySide converts a list payload element by element (10,000 workers cost
    # hundreds of milliseconds on the GUI thread); an object is passed as it is.
    casesChanged = Signal(object)  # case ids, in change order, without repeats
    meetingsChanged = Signal(object)  # meeting ids
    logsChanged = Signal(object)  # sentiment log ids (new from the field, or turned into cases)
    workersChanged = Signal(object)  # worker rows as desktop.live.mapdata gives them (don't change them)
    stateChanged = Signal(str, str)  # "live" | "lost", reason
    resynced = Signal()  # the database is back: views must re-read everything
    wake = Signal()  # thread-safe "poll now" (emitted by the PostgreSQL listener thread)

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        interval_ms: int = 1000,
        parent: QObject | None = None,
        engine: Engine | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._interval = interval_ms
        self._reader = FeedReader()
        self._worker_seq = 0
        self._busy = False
        self._again = False
        self._started = False
        self._listener: Any = None
        # Every in-scope worker's status as last sent; touched only inside a poll's work (one poll
        # runs at a time) or while no poll runs.
        self._statuses: dict[int, str] = {}
        self._statuses_at = time.monotonic()
        self.workers_online = 0
        self.workers_total = 0
        self._workers_in_scope = 0  # written once by the first poll's work
        self._engine = engine
        self.state = "starting"
        self.newest_data_at: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self.wake.connect(self.poll)

    def start(self) -> None:
        # 10,000 worker rows a second live long enough (poll → map encoder) to reach the oldest
        # garbage-collector generation, so full collections come every few seconds; each one walks
        # every tracked object while holding the GIL, i.e. stalls the GUI thread for 100-300 ms
        # with the application's startup objects (modules, SQLAlchemy, Qt wrappers) in the heap.
        # Those live as long as the process: freezing them keeps full collections to what changes.
        # (No gc.collect() first: on the GUI thread that would be just such a stall.)
        gc.freeze()
        self._timer.start()
        if self._engine is not None and self._engine.dialect.name == "postgresql":
            from desktop.live.listen import PgListener

            url = self._engine.url.render_as_string(hide_password=False)
            self._listener = PgListener(url, self.wake.emit)
            self._listener.start()
        self.poll()

    def stop(self) -> None:
        self._timer.stop()
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def poll(self) -> None:
        if self._busy:
            self._again = True  # a wake-up during a poll must not be lost
            return
        self._busy = True
        self._again = False
        first = not self._started
        reader, seq, actor, sessions = self._reader, self._worker_seq, self._actor, self._sessions
        statuses = self._statuses
        # A phone that stops reporting sends nothing: its status (online → stale → offline) has to
        # be recomputed from the clock now and then, not only when a fix arrives.
        recheck = time.monotonic() - self._statuses_at > STATUS_RECHECK_S

        # Everything that grows with the number of workers happens here, off the GUI thread: the
        # reads, the status bookkeeping and the newest time. The GUI thread gets the rows as one
        # object and a few numbers.
        def work() -> dict[str, Any]:
            with sessions() as s:
                if first:
                    reader.start_at_end(s)
                    changes = []
                    self._workers_in_scope = worker_count(s, actor)
                else:
                    changes = reader.poll(s)
                workers, new_seq = worker_positions(s, actor, since_seq=seq)
                fresh = all_worker_statuses(s, actor) if recheck else None
            statuses.update([(row["id"], row["status"]) for row in workers])
            aged: list[dict[str, Any]] = []
            if fresh is not None:
                aged = status_changes(statuses, fresh)
                statuses.clear()
                statuses.update(fresh)
            newest = max((w.get("device_time") or "" for w in workers), default="")
            online = list(statuses.values()).count("online") if workers or fresh is not None else None
            return {
                "changes": changes,
                "workers": workers,
                "seq": new_seq,
                "aged": aged,
                "rechecked": fresh is not None,
                "newest": newest,
                "online": online if online is not None or not first else 0,
                "total": max(len(statuses), self._workers_in_scope),
            }

        self._runner.submit(work, self._on_result, self._on_error)

    def _on_result(self, result: dict[str, Any]) -> None:
        self._busy = False
        self._started = True
        self._worker_seq = result["seq"]
        recovered = self.state == "lost"
        self._timer.setInterval(self._interval)
        self._set_state("live", "")
        if recovered:
            self.resynced.emit()
        ids: list[int] = []
        seen: set[int] = set()
        for change in result["changes"]:
            if change.entity == "case" and change.entity_id not in seen:
                seen.add(change.entity_id)
                ids.append(change.entity_id)
        if ids:
            self.newest_data_at = utcnow()
            self.casesChanged.emit(ids)
        meetings = sorted({c.entity_id for c in result["changes"] if c.entity == "meeting"})
        if meetings:
            self.meetingsChanged.emit(meetings)
        logs = sorted({c.entity_id for c in result["changes"] if c.entity == "sentiment_log"})
        if logs:
            self.logsChanged.emit(logs)
        if result["online"] is not None:
            self.workers_online, self.workers_total = result["online"], result["total"]
        if result["rechecked"]:
            self._statuses_at = time.monotonic()
        if result["aged"]:
            self.workersChanged.emit(result["aged"])
        if result["newest"]:
            parsed = dt.datetime.fromisoformat(result["newest"])
            if self.newest_data_at is None or parsed > self.newest_data_at:
                self.newest_data_at = parsed
        if result["workers"]:
            self.workersChanged.emit(result["workers"])
        if self._again:
            self.poll()

    def _on_error(self, exc: Exception) -> None:
        self._busy = False
        reason = driver_reason(exc)
        self._set_state("lost", reason.strip().splitlines()[0] if reason.strip() else type(exc).__name__)
        # Back off while the server is away; the first answer resets the interval.
        self._timer.setInterval(min(self._timer.interval() * 2, MAX_BACKOFF_MS))
        # What we read before may be stale once we are back: start again from a fresh snapshot.
        self._started = False
        self._worker_seq = 0
        self._statuses.clear()

    def _set_state(self, state: str, reason: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state, reason)
