"""The ticket queue as a Qt table model: keyset pages from desktop.cases.queue, live updates as narrow signals."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from desktop.cases import queue
from desktop.cases.deadlines import clock_runs, sla_state
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, QueueRow, SortKey
from desktop.cases.sla import SlaState
from desktop.clock import to_local, utcnow
from desktop.store import SessionFactory, SQLAlchemyError
from desktop.vocab import Status
from ui.labels import category_label, duration_label, kind_label, level_label, severity_label, status_label
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import fill, literal

Index = QModelIndex | QPersistentModelIndex


# The direction desktop.cases.queue reads each sort key in; needed to place live rows among a page.
_DESCENDING: dict[SortKey, bool] = {
    SortKey.UPDATED: True,
    SortKey.DUE: False,
    SortKey.SEVERITY: True,
    SortKey.NUMBER: True,
}

SLA_COLOURS: dict[str, QColor] = {
    str(SlaState.BREACHED): QColor("#c62828"),
    str(SlaState.WARNING): QColor("#b26a00"),
}
FLASH_COLOUR = QColor("#fff59d")
FLASH_ESCALATED_COLOUR = QColor("#ffcdd2")


# lupdate only sees calls spelled translate("Context", "source") with literal arguments:
# a wrapper around it would hide the string from the catalogue.
translate = QCoreApplication.translate


def _db_message(exc: SQLAlchemyError) -> str:
    # The driver's own message without SQLAlchemy's SQL dump and background link.
    return str(getattr(exc, "orig", None) or exc).strip()


class CaseQueueModel(QAbstractTableModel):
    """Cases in scope of one actor, filtered and sorted in SQL, read 200 rows at a time.

    Live updates never reset the model: a changed case is replaced, removed or inserted with
    narrow signals, so the view keeps its selection and scroll position.

    With ``background=True`` (the window's queue) every read after the initial first page —
    first pages of new filters, further pages, live updates, counters — runs on a worker thread
    with its own session, and the result is applied on the GUI thread. Each filter change starts a new generation: results of an older one are
    dropped, so a slow page never lands in a newer filter. While a first page is read the old
    rows stay (``loading`` is True, nothing more is fetched); live changes that arrive then are
    merged after it. ``background=False`` reads synchronously (scripts, most tests).
    """

    (
        COL_NUMBER,
        COL_TITLE,
        COL_PLACE,
        COL_KIND,
        COL_SEVERITY,
        COL_LEVEL,
        COL_STATUS,
        COL_SLA,
        COL_ASSIGNEE,
        COL_UPDATED,
    ) = range(10)
    COLUMN_COUNT = 10

    CaseIdRole = int(Qt.ItemDataRole.UserRole) + 1
    VersionRole = int(Qt.ItemDataRole.UserRole) + 2
    SortValueRole = int(Qt.ItemDataRole.UserRole) + 3
    LatLonRole = int(Qt.ItemDataRole.UserRole) + 4
    SeverityRole = int(Qt.ItemDataRole.UserRole) + 5
    StatusRole = int(Qt.ItemDataRole.UserRole) + 6
    LevelRole = int(Qt.ItemDataRole.UserRole) + 7
    SlaStateRole = int(Qt.ItemDataRole.UserRole) + 8
    NumberRole = int(Qt.ItemDataRole.UserRole) + 9
    RowRole = int(Qt.ItemDataRole.UserRole) + 10  # the whole QueueRow

    PAGE_SIZE = 200
    FLASH_MS = 2000
    SLA_TICK_MS = 30_000

    SORT_KEYS: dict[int, SortKey] = {
        COL_NUMBER: SortKey.NUMBER,
        COL_SEVERITY: SortKey.SEVERITY,
        COL_SLA: SortKey.DUE,
        COL_UPDATED: SortKey.UPDATED,
    }

    escalated = Signal(int, str, str)  # case id, number, title: once per escalation
    filterChanged = Signal(object)  # the QueueFilter now shown (also after sort())
    loadFailed = Signal(str)  # a page could not be read; the message is for the user
    loadingChanged = Signal(bool)  # a read is (or is no longer) in flight
    aboutToMergeChanges = Signal()  # live changes are about to be merged (the view anchors its scroll)
    changesMerged = Signal()

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        clock: Callable[[], dt.datetime] = utcnow,
        parent: QObject | None = None,
        *,
        flt: QueueFilter | None = None,
        page_size: int = PAGE_SIZE,
        flash_ms: int = FLASH_MS,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        # Reads off the GUI thread: two workers, so a new filter's first page need not wait for
        # an abandoned one's; pages of one generation are read one at a time (_fetching).
        self._runner: TaskRunner | None = TaskRunner(self, max_threads=2) if background else None
        self._generation = 0
        self._loading = False  # a first page is in flight
        self._fetching = False  # a next page is in flight
        self._pending_changes: list[int] = []  # live changes held back while a first page loads
        self._sessions = sessions
        self._actor = actor
        self._clock = clock
        self._page_size = page_size
        self._flash_ms = flash_ms
        self._filter = flt or QueueFilter()
        self._rows: list[QueueRow] = []
        self._ids: set[int] = set()
        # The last row of the last page read: pages continue after it even when live updates
        # have since moved, replaced or removed that row in the list.
        self._cursor: QueueRow | None = None
        self._exhausted = False
        self._known: dict[int, tuple[str, int]] = {}  # case id → (status, level) last seen
        self._announced: set[tuple[int, int]] = set()  # (case id, level) escalations signalled
        self._flash: dict[int, tuple[float, bool]] = {}  # case id → (monotonic start, escalated)
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._expire_flashes)
        # Time left on the SLA changes with the clock, not with the data: repaint that column only.
        self._sla_timer = QTimer(self)
        self._sla_timer.setInterval(self.SLA_TICK_MS)
        self._sla_timer.timeout.connect(self._sla_tick)
        self._sla_timer.start()
        # The first page is read here, before the window is shown, so that a window opens with
        # its rows (a few ms on the queue's indexes, part of startup_ms); every later read —
        # filter changes, further pages, live updates, counters — goes to the workers.
        self._load_first_page(synchronous=True)

    # --- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        # Not while a first page is read: the rows shown are the old filter's, and the next
        # page must continue the new one.
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._loading or self._fetching:
            return
        if self._runner is None:
            page = self._read_page(self._filter, self._cursor)
            if page is not None:
                self._append_page(page)
            return
        generation, flt, cursor = self._generation, self._filter, self._cursor
        self._set_busy(fetching=True)
        self._runner.submit(
            lambda: self._query_page(flt, cursor),
            lambda page: self._page_read(generation, page),
            lambda exc: self._read_failed(generation, exc),
        )

    def _page_read(self, generation: int, page: list[QueueRow]) -> None:
        if generation != self._generation:
            return  # read for a filter no longer shown
        self._set_busy(fetching=False)
        self._append_page(page)

    def _append_page(self, page: list[QueueRow]) -> None:
        if page:
            self._cursor = page[-1]
        if len(page) < self._page_size:
            self._exhausted = True
        # A loaded row whose sort key a live update moved past the cursor comes back in a later
        # page; it is already shown, so it is skipped rather than listed twice.
        new = [r for r in page if r.id not in self._ids]
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._rows.extend(new)
        self._ids.update(r.id for r in new)
        self.endInsertRows()
        self._remember(new)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.COL_SLA:
                return translate("CaseQueueModel", "Time left until the SLA deadline (negative: overdue)")
            if section not in self.SORT_KEYS:
                return fill(
                    translate("CaseQueueModel", "%1 (this column cannot be sorted)"), self._headers()[section]
                )
        return None

    def _headers(self) -> list[str]:
        return [
            translate("CaseQueueModel", "Number"),
            translate("CaseQueueModel", "Title"),
            translate("CaseQueueModel", "Town / village"),
            translate("CaseQueueModel", "Kind"),
            translate("CaseQueueModel", "Severity"),
            translate("CaseQueueModel", "Level"),
            translate("CaseQueueModel", "Status"),
            translate("CaseQueueModel", "Time left"),
            translate("CaseQueueModel", "Assignee"),
            translate("CaseQueueModel", "Updated"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            flash = self._flash.get(row.id)
            if flash is None:
                return None
            return FLASH_ESCALATED_COLOUR if flash[1] else FLASH_COLOUR
        if role == Qt.ItemDataRole.ForegroundRole:
            return SLA_COLOURS.get(self.sla_state(row)) if col == self.COL_SLA else None
        if role == Qt.ItemDataRole.FontRole:
            if (col == self.COL_SLA and self.sla_state(row) == SlaState.BREACHED) or (
                col == self.COL_TITLE and row.mass_incident
            ):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_SLA:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return self._custom(row, role)

    def _custom(self, row: QueueRow, role: int) -> Any:
        if role == self.CaseIdRole:
            return row.id
        if role == self.VersionRole:
            return row.version
        if role == self.SortValueRole:
            return row.sort_value
        if role == self.LatLonRole:
            return (row.lat, row.lon)
        if role == self.SeverityRole:
            return row.severity
        if role == self.StatusRole:
            return row.status
        if role == self.LevelRole:
            return row.level
        if role == self.SlaStateRole:
            return self.sla_state(row)
        if role == self.NumberRole:
            return row.number
        if role == self.RowRole:
            return row
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role, name in (
            (self.CaseIdRole, b"caseId"),
            (self.VersionRole, b"version"),
            (self.SortValueRole, b"sortValue"),
            (self.LatLonRole, b"latLon"),
            (self.SeverityRole, b"severity"),
            (self.StatusRole, b"status"),
            (self.LevelRole, b"level"),
            (self.SlaStateRole, b"slaState"),
            (self.NumberRole, b"number"),
            (self.RowRole, b"row"),
        ):
            names[role] = QByteArray(name)
        return names

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column SQL can sort on an index; each key has one direction (see sort_order)."""
        key = self.SORT_KEYS.get(column)
        if key is None or key == self._filter.sort:
            return
        self.set_filter(self._filter.with_(sort=key))

    # --- display -----------------------------------------------------------------------------

    def _display(self, row: QueueRow, col: int) -> str:
        if col == self.COL_NUMBER:
            return row.number
        if col == self.COL_TITLE:
            return row.title
        if col == self.COL_PLACE:
            return f"{row.town} / {row.village}"
        if col == self.COL_KIND:
            return f"{kind_label(row.kind)} · {category_label(row.category)}"
        if col == self.COL_SEVERITY:
            return severity_label(row.severity)
        if col == self.COL_LEVEL:
            return level_label(row.level)
        if col == self.COL_STATUS:
            return status_label(row.status)
        if col == self.COL_SLA:
            if not self._clock_runs(row):
                return "—"
            assert row.sla_due_at is not None
            return duration_label(row.sla_due_at - self._clock())
        if col == self.COL_ASSIGNEE:
            return row.assignee or ""
        if col == self.COL_UPDATED:
            return to_local(row.updated_at).strftime("%Y-%m-%d %H:%M")
        return ""

    def _tooltip(self, row: QueueRow, col: int) -> str | None:
        # Titles, places and assignees were typed by people: a tooltip must not read them as HTML.
        if col == self.COL_TITLE:
            return literal(
                row.title + ("\n" + translate("CaseQueueModel", "Mass incident") if row.mass_incident else "")
            )
        if col == self.COL_SLA and self._clock_runs(row):
            assert row.sla_due_at is not None
            return fill(
                translate("CaseQueueModel", "Due %1"), to_local(row.sla_due_at).strftime("%Y-%m-%d %H:%M")
            )
        if col in (self.COL_PLACE, self.COL_KIND, self.COL_ASSIGNEE):
            return literal(self._display(row, col))
        return None

    @staticmethod
    def _clock_runs(row: QueueRow) -> bool:
        # A resolved case keeps its old deadline in the row but waits for the return visit, so
        # showing time left would mislead (desktop.cases.deadlines).
        return clock_runs(row.status) and row.sla_due_at is not None

    def sla_state(self, row: QueueRow) -> str:
        """ "breached", "warning", "ok", or "" when no SLA clock runs for the case: the one
        definition of desktop.cases.deadlines, as the counter and the alerts strip use it."""
        return sla_state(row.status, row.sla_warn_at, row.sla_due_at, self._clock())

    # --- filter, sort, reload ------------------------------------------------------------------

    @property
    def current_filter(self) -> QueueFilter:
        return self._filter

    def set_filter(self, flt: QueueFilter) -> None:
        """Show another filter (or sort): a reset, then the first page."""
        self._filter = flt
        self._load_first_page()
        self.filterChanged.emit(flt)

    def reload(self) -> None:
        self.set_filter(self._filter)

    def sort_column(self) -> int:
        return next(col for col, key in self.SORT_KEYS.items() if key == self._filter.sort)

    def sort_order(self) -> Qt.SortOrder:
        """The direction the current key is read in (the header's indicator should show it)."""
        return Qt.SortOrder.DescendingOrder if _DESCENDING[self._filter.sort] else Qt.SortOrder.AscendingOrder

    @property
    def loading(self) -> bool:
        """Whether a read is in flight (a first page or the next one)."""
        return self._loading or self._fetching

    @property
    def background(self) -> bool:
        return self._runner is not None

    def _set_busy(self, *, loading: bool | None = None, fetching: bool | None = None) -> None:
        before = self.loading
        if loading is not None:
            self._loading = loading
        if fetching is not None:
            self._fetching = fetching
        if self.loading != before:
            self.loadingChanged.emit(self.loading)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the worker threads are idle (tests, shutdown); results still arrive by
        queued signals, so the caller processes events afterwards."""
        return self._runner.wait(msecs) if self._runner is not None else True

    def _load_first_page(self, *, synchronous: bool = False) -> None:
        self._generation += 1
        if self._runner is None or synchronous:
            self._reset_to(self._read_page(self._filter, None))
            return
        generation, flt = self._generation, self._filter
        self._set_busy(loading=True, fetching=False)
        self._runner.submit(
            lambda: self._query_page(flt, None),
            lambda page: self._first_page_read(generation, page),
            lambda exc: self._read_failed(generation, exc),
        )

    def _first_page_read(self, generation: int, page: list[QueueRow]) -> None:
        if generation != self._generation:
            return
        self._reset_to(page)
        self._set_busy(loading=False)
        pending, self._pending_changes = self._pending_changes, []
        if pending:
            self.apply_changes(pending)

    def _read_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        first_page = self._loading
        self._set_busy(loading=False, fetching=False)
        self._report_read_error(exc)
        if first_page:
            self._reset_to(None)

    def _reset_to(self, page: list[QueueRow] | None) -> None:
        self.beginResetModel()
        self._rows = page or []
        self._ids = {r.id for r in self._rows}
        self._cursor = self._rows[-1] if self._rows else None
        # A failed read ends paging until the next reload instead of retrying on every scroll.
        self._exhausted = page is None or len(page) < self._page_size
        self.endResetModel()
        self._remember(self._rows)

    def _query_page(self, flt: QueueFilter, after: QueueRow | None) -> list[QueueRow]:
        """One page from the database (on whichever thread calls it; no Qt objects touched)."""
        with self._sessions() as s:
            return queue.fetch_page(
                s, self._actor, flt, after=after, limit=self._page_size, now=self._clock()
            )

    def _read_page(self, flt: QueueFilter, after: QueueRow | None) -> list[QueueRow] | None:
        try:
            return self._query_page(flt, after)
        except SQLAlchemyError as exc:
            self._report_read_error(exc)
            return None

    def _report_read_error(self, exc: Exception) -> None:
        self._exhausted = True  # a failed read ends paging until the next reload
        message = _db_message(exc) if isinstance(exc, SQLAlchemyError) else describe(exc)
        self.loadFailed.emit(
            translate("CaseQueueModel", "The queue could not be read from the database: %1").replace(
                "%1", message
            )
        )

    # --- lookups -------------------------------------------------------------------------------

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def row_of(self, case_id: int) -> int | None:
        if case_id not in self._ids:
            return None
        return next(i for i, r in enumerate(self._rows) if r.id == case_id)

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def case_id_at(self, row: int) -> int:
        return self._rows[row].id

    def loaded_ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def case_matches(self, case_id: int) -> bool:
        """Whether the case is in the current filter at all (loaded or not)."""
        with self._sessions() as s:
            return queue.matches(s, self._actor, self._filter, case_id, now=self._clock())

    def counters(self) -> dict[str, int]:
        """desktop.cases.queue.counters for the actor: open cases per status and level, overdue, supervised."""
        with self._sessions() as s:
            return queue.counters(s, self._actor, now=self._clock())

    def request_counters(
        self, on_done: Callable[[dict[str, int]], None], on_error: Callable[[Exception], None] | None = None
    ) -> None:
        """The counters, delivered to ``on_done`` on the GUI thread (read on a worker in the
        background mode, at once otherwise)."""
        if self._runner is None:
            try:
                counts = self.counters()
            except SQLAlchemyError as exc:
                if on_error is not None:
                    on_error(exc)
                return
            on_done(counts)
            return
        self._runner.submit(self.counters, on_done, on_error)

    def locate(self, case_id: int, max_pages: int, on_done: Callable[[int | None], None]) -> None:
        """Find a case's row, reading up to ``max_pages`` more pages when it is not loaded yet;
        ``on_done`` gets the row, or None when the case is not in the filter or further down.
        In the background mode the check and the pages are read on a worker."""
        row = self.row_of(case_id)
        if row is not None or self._runner is None:
            if row is None:
                try:
                    if self.case_matches(case_id):
                        pages = 0
                        while row is None and self.canFetchMore() and pages < max_pages:
                            self.fetchMore()
                            pages += 1
                            row = self.row_of(case_id)
                except SQLAlchemyError:
                    row = None
            on_done(row)
            return
        if self._loading or self._fetching:
            # After the read in flight, so that pages continue from the right cursor.
            self.when_idle(lambda: self.locate(case_id, max_pages, on_done))
            return
        generation, flt, cursor, exhausted = self._generation, self._filter, self._cursor, self._exhausted
        actor, now, size = self._actor, self._clock(), self._page_size

        def read() -> list[list[QueueRow]] | None:
            with self._sessions() as s:
                if not queue.matches(s, actor, flt, case_id, now=now):
                    return None
                pages: list[list[QueueRow]] = []
                after = cursor
                while not exhausted and len(pages) < max_pages:
                    page = queue.fetch_page(s, actor, flt, after=after, limit=size, now=now)
                    pages.append(page)
                    if any(r.id == case_id for r in page) or len(page) < size:
                        break
                    after = page[-1] if page else after
                return pages

        def done(pages: list[list[QueueRow]] | None) -> None:
            self._set_busy(fetching=False)
            if generation != self._generation:
                on_done(None)
                return
            for page in pages or []:
                self._append_page(page)
            on_done(self.row_of(case_id))

        def failed(exc: Exception) -> None:
            self._set_busy(fetching=False)
            on_done(None)

        self._set_busy(fetching=True)
        self._runner.submit(read, done, failed)

    def when_idle(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` once no read is in flight (at once when none is)."""
        if not self.loading:
            fn()
            return

        def check(busy: bool) -> None:
            if not busy:
                self.loadingChanged.disconnect(check)
                fn()

        self.loadingChanged.connect(check)

    # --- live updates --------------------------------------------------------------------------

    def apply_changes(self, case_ids: Iterable[int]) -> None:
        """Merge changed cases into the loaded rows with narrow signals (never a reset)."""
        ids = list(dict.fromkeys(int(i) for i in case_ids))
        if not ids:
            return
        if self._loading:
            # The first page in flight may have been read before these changes: merge them after.
            self._pending_changes = list(dict.fromkeys(self._pending_changes + ids))
            return
        now, actor, flt = self._clock(), self._actor, self._filter

        def read() -> tuple[dict[int, QueueRow], set[int]]:
            with self._sessions() as s:
                fresh = {r.id: r for r in queue.fetch_rows(s, actor, ids, now=now, sort=flt.sort)}
                return fresh, {i for i in fresh if queue.matches(s, actor, flt, i, now=now)}

        def failed(exc: Exception) -> None:
            # The live feed calls again with later changes; the rows shown stay as they were.
            message = _db_message(exc) if isinstance(exc, SQLAlchemyError) else describe(exc)
            self.loadFailed.emit(fill(translate("CaseQueueModel", "Live update failed: %1"), message))

        if self._runner is None:
            try:
                fresh, matching = read()
            except SQLAlchemyError as exc:
                failed(exc)
                return
            self._merge(ids, fresh, matching)
            return
        generation = self._generation

        def done(result: tuple[dict[int, QueueRow], set[int]]) -> None:
            if generation == self._generation:
                self._merge(ids, *result)
            elif self._loading:  # a new filter's first page is on its way: merge after it
                self._pending_changes = list(dict.fromkeys(self._pending_changes + ids))
            else:
                self.apply_changes(ids)  # read again for the filter now shown

        self._runner.submit(read, done, failed)

    def _merge(self, ids: list[int], fresh: dict[int, QueueRow], matching: set[int]) -> None:
        self.aboutToMergeChanges.emit()
        self._merge_rows(ids, fresh, matching)
        self.changesMerged.emit()

    def _merge_rows(self, ids: list[int], fresh: dict[int, QueueRow], matching: set[int]) -> None:
        for case_id in ids:
            row = fresh.get(case_id)
            pos = self.row_of(case_id)
            if row is None:  # deleted, or no longer in the actor's scope
                if pos is not None:
                    self._remove(pos)
                continue
            newly_escalated = self._note_state(row)
            if case_id not in matching:
                if pos is not None:
                    self._remove(pos)
            elif pos is not None:
                self._mark_flash(case_id, newly_escalated)
                self._rows[pos] = row
                self.dataChanged.emit(self.index(pos, 0), self.index(pos, self.COLUMN_COUNT - 1))
            else:
                at = self._insert_position(row)
                if at is not None:
                    self._mark_flash(case_id, newly_escalated)
                    self.beginInsertRows(QModelIndex(), at, at)
                    self._rows.insert(at, row)
                    self._ids.add(case_id)
                    self.endInsertRows()
            # Announced whether or not the current filter shows the case: an escalation in the
            # actor's scope needs attention even when the queue is filtered to something else.
            if newly_escalated:
                self.escalated.emit(row.id, row.number, row.title)

    def _remove(self, pos: int) -> None:
        self.beginRemoveRows(QModelIndex(), pos, pos)
        gone = self._rows.pop(pos)
        self._ids.discard(gone.id)
        self.endRemoveRows()

    def _precedes(self, a: QueueRow, b: QueueRow) -> bool:
        a_key, b_key = (a.sort_value, a.id), (b.sort_value, b.id)
        return a_key > b_key if _DESCENDING[self._filter.sort] else a_key < b_key

    def _insert_position(self, row: QueueRow) -> int | None:
        """Where a newly matching row goes, or None when it lies beyond the pages read so far
        (a later fetchMore brings it)."""
        # A linear scan rather than bisect: rows replaced in place may have moved their keys, so
        # the list is only nearly sorted.
        for i, other in enumerate(self._rows):
            if self._precedes(row, other):
                return i
        if self._exhausted or (self._cursor is not None and self._precedes(row, self._cursor)):
            return len(self._rows)
        return None

    def _remember(self, rows: Iterable[QueueRow]) -> None:
        for r in rows:
            self._known[r.id] = (r.status, r.level)

    def _note_state(self, row: QueueRow) -> bool:
        """Record the row's state; True when it has just been escalated (announce it once)."""
        before = self._known.get(row.id)
        self._known[row.id] = (row.status, row.level)
        if row.status != Status.ESCALATED or before == (row.status, row.level):
            return False
        # A case never seen before is announced: missing an escalation is worse than an alert
        # for an escalated case that only got a comment.
        key = (row.id, row.level)
        if key in self._announced:
            return False
        self._announced.add(key)
        return True

    # --- flashing ------------------------------------------------------------------------------

    def flash(self, case_id: int, escalated: bool = False) -> None:
        """Highlight a row for a moment (the caller's own change, an alert clicked...)."""
        self._mark_flash(case_id, escalated)
        pos = self.row_of(case_id)
        if pos is not None:
            self._emit_row(pos, [Qt.ItemDataRole.BackgroundRole])

    def is_flashing(self, case_id: int) -> bool:
        return case_id in self._flash

    def _mark_flash(self, case_id: int, escalated: bool) -> None:
        previous = self._flash.get(case_id)
        self._flash[case_id] = (time.monotonic(), escalated or bool(previous and previous[1]))
        if not self._flash_timer.isActive():
            self._flash_timer.start(self._flash_ms)

    def _expire_flashes(self) -> None:
        now = time.monotonic()
        span = self._flash_ms / 1000
        # A few ms of slack: the single-shot timer may fire a hair before the span is over.
        expired = [cid for cid, (start, _) in self._flash.items() if now - start >= span - 0.005]
        for cid in expired:
            del self._flash[cid]
            pos = self.row_of(cid)
            if pos is not None:
                self._emit_row(pos, [Qt.ItemDataRole.BackgroundRole])
        if self._flash:
            oldest = min(start for start, _ in self._flash.values())
            self._flash_timer.start(max(10, int((oldest + span - now) * 1000)))

    def _emit_row(self, pos: int, roles: list[Qt.ItemDataRole]) -> None:
        self.dataChanged.emit(self.index(pos, 0), self.index(pos, self.COLUMN_COUNT - 1), roles)

    def _sla_tick(self) -> None:
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.COL_SLA),
                self.index(len(self._rows) - 1, self.COL_SLA),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.FontRole,
                    Qt.ItemDataRole.ToolTipRole,
                ],
            )
