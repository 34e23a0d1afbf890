"""The map's case markers follow the queue: its filter and search, live changes, and the clock.

The markers are read in the background by ``desktop.live.mapdata.case_markers`` with the queue's
current filter, the same SQL conditions the queue's own pages use, so the map shows the cases the
queue lists (up to the map's cap, most severe first). A reload also brings each marker's SLA
state up to date: a case turns overdue when its deadline passes, with no change in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter
from desktop.clock import utcnow
from desktop.live.mapdata import case_markers
from desktop.store import SessionFactory
from ui.live.map_view import MapView
from ui.tasks import TaskRunner

# Deadlines pass by the minute: the rings of overdue and due-soon cases are read again this often.
REFRESH_MS = 60_000


class MapCaseFeed(QObject):
    """Sends the map the markers of ``current_filter()``; ``reload`` on a new filter or a new page,
    ``changed`` for cases the live feed reports."""

    def __init__(
        self,
        view: MapView,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        current_filter: Callable[[], QueueFilter],
        on_error: Callable[[Exception], None],
        parent: QObject | None = None,
        *,
        refresh_ms: int = REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._current_filter = current_filter
        self._on_error = on_error
        self._generation = 0  # the newest full reload; older answers are dropped
        self.filter_sent: QueueFilter | None = None  # the filter of the markers on the map
        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.reload)
        if refresh_ms > 0:
            self._timer.start()

    def reload(self, *_args: Any) -> None:
        """All markers again, for the queue's filter now (a new filter, a new page, the clock)."""
        if not self._view.page_ready:
            return  # the page asks for them when it is ready
        self._generation += 1
        generation, flt = self._generation, self._current_filter()
        sessions, actor = self._sessions, self._actor

        def read() -> list[dict[str, Any]]:
            with sessions() as s:
                return case_markers(s, actor, flt=flt, now=utcnow())

        def done(markers: list[dict[str, Any]]) -> None:
            if generation == self._generation:
                self.filter_sent = flt
                self._view.set_cases(markers)

        self._runner.submit(read, done, self._on_error)

    def changed(self, ids: Iterable[int]) -> None:
        """Cases changed: their markers again; one no longer in the filter's set leaves the map."""
        ids = sorted({int(i) for i in ids})
        if not ids or not self._view.page_ready:
            return
        generation, flt = self._generation, self._current_filter()
        sessions, actor = self._sessions, self._actor

        def read() -> list[dict[str, Any]]:
            with sessions() as s:
                return case_markers(s, actor, flt=flt, now=utcnow(), ids=ids)

        def done(found: list[dict[str, Any]]) -> None:
            if generation != self._generation:
                return  # a full reload was asked meanwhile: it brings these too
            gone = set(ids) - {m["id"] for m in found}
            if found:
                self._view.upsert_cases(found)
            if gone:
                self._view.remove_cases(sorted(gone))

        self._runner.submit(read, done, self._on_error)
