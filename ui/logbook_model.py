"""Table models of the sentiment-log book: the logs (keyset pages from desktop.logbook) and the
visit coverage table (走访覆盖率)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from desktop import logbook
from desktop.cases.ladder import Actor
from desktop.clock import to_local
from desktop.logbook import CoverageRow, LogFilter, LogRow
from desktop.pinyin import sort_key
from desktop.store import SessionFactory, SQLAlchemyError
from ui.tasks import TaskRunner
from ui.text import fill, literal

Index = QModelIndex | QPersistentModelIndex

translate = QCoreApplication.translate

LOW_COVERAGE = 0.3  # below this share a place is shown in red
LOW_COLOUR = QColor("#c62828")
CONVERTED_COLOUR = QColor("#1565c0")


def _db_message(exc: Exception) -> str:
    if isinstance(exc, SQLAlchemyError):
        return str(getattr(exc, "orig", None) or exc).strip()
    return str(exc)


class LogBookModel(QAbstractTableModel):
    """Logs in the actor's scope, filtered in SQL, newest visit first, read 200 at a time.

    With ``background=True`` every read runs on a worker thread; each filter change starts a new
    generation, and answers of older generations are dropped. ``background=False`` reads at once
    (tests, scripts).
    """

    # Content last: it takes whatever width the pane has left.
    (
        COL_TIME,
        COL_PLACE,
        COL_GRID,
        COL_WORKER,
        COL_HOUSEHOLDS,
        COL_CASE,
        COL_CONTENT,
    ) = range(7)
    COLUMN_COUNT = 7

    LogIdRole = int(Qt.ItemDataRole.UserRole) + 1
    CaseIdRole = int(Qt.ItemDataRole.UserRole) + 2
    CaseNumberRole = int(Qt.ItemDataRole.UserRole) + 3
    LatLonRole = int(Qt.ItemDataRole.UserRole) + 4
    RowRole = int(Qt.ItemDataRole.UserRole) + 5  # the whole LogRow

    PAGE_SIZE = 200

    loadFailed = Signal(str)
    loadingChanged = Signal(bool)
    filterChanged = Signal(object)  # the LogFilter now shown

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        parent: QObject | None = None,
        *,
        flt: LogFilter | None = None,
        page_size: int = PAGE_SIZE,
        background: bool = False,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._actor = actor
        self._page_size = page_size
        self._runner: TaskRunner | None = TaskRunner(self, max_threads=1) if background else None
        self._filter = flt or LogFilter()
        self._rows: list[LogRow] = []
        self._ids: dict[int, int] = {}
        self._exhausted = True
        self._generation = 0
        self._busy = False
        self._loaded = False

    # --- Qt model interface ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded and not self._exhausted and not self._busy

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        after = self._rows[-1] if self._rows else None
        self._read(after)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        return None

    def _headers(self) -> list[str]:
        return [
            translate("LogBookModel", "Visited"),
            translate("LogBookModel", "Village"),
            translate("LogBookModel", "Grid"),
            translate("LogBookModel", "Worker"),
            translate("LogBookModel", "Households"),
            translate("LogBookModel", "Case"),
            translate("LogBookModel", "Content"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.COL_TIME:
                return to_local(row.visited_at).strftime("%Y-%m-%d %H:%M")
            if col == self.COL_PLACE:
                return literal(f"{row.town} / {row.village} · {row.grid}")
            if col == self.COL_CONTENT:
                return literal(row.content)  # typed by a worker: never rich text
            if col == self.COL_CASE and row.case_id is not None:
                return translate("LogBookModel", "Turned into this case; double-click to open it")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == self.COL_CASE and row.case_id is not None:
            return CONVERTED_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_HOUSEHOLDS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.LogIdRole:
            return row.id
        if role == self.CaseIdRole:
            return row.case_id
        if role == self.CaseNumberRole:
            return row.case_number
        if role == self.LatLonRole:
            return (row.lat, row.lon)
        if role == self.RowRole:
            return row
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role, name in (
            (self.LogIdRole, b"logId"),
            (self.CaseIdRole, b"caseId"),
            (self.CaseNumberRole, b"caseNumber"),
            (self.LatLonRole, b"latLon"),
            (self.RowRole, b"row"),
        ):
            names[role] = QByteArray(name)
        return names

    def _display(self, row: LogRow, col: int) -> str:
        if col == self.COL_TIME:
            return to_local(row.visited_at).strftime("%m-%d %H:%M")
        if col == self.COL_PLACE:
            return row.village  # the town is in the filter, the tooltip and the detail line
        if col == self.COL_GRID:
            return row.grid
        if col == self.COL_WORKER:
            return row.worker
        if col == self.COL_HOUSEHOLDS:
            return str(row.households_visited)
        if col == self.COL_CONTENT:
            return " ".join(row.content.split())
        if col == self.COL_CASE:
            if row.case_id is None:
                return ""
            return row.case_number or fill(translate("LogBookModel", "#%1"), row.case_id)
        return ""

    # --- reading ---

    @property
    def filter(self) -> LogFilter:
        return self._filter

    @property
    def loading(self) -> bool:
        return self._busy

    @property
    def exhausted(self) -> bool:
        return self._exhausted

    def set_filter(self, flt: LogFilter) -> None:
        self._filter = flt
        self.reload()
        self.filterChanged.emit(flt)

    def reload(self) -> None:
        self._generation += 1
        self._read(None)

    def _read(self, after: LogRow | None) -> None:
        generation, flt, actor, size = self._generation, self._filter, self._actor, self._page_size

        def fetch() -> list[LogRow]:
            with self._sessions() as s:
                return logbook.fetch_page(s, actor, flt, after=after, limit=size)

        def done(page: list[LogRow]) -> None:
            if generation != self._generation:
                return
            # Still busy while the rows go in: a view or tester reacting to the insert signals must
            # not fetch a page in the middle of this one.
            if after is None:
                self._reset_to(page)
            else:
                self._append(page)
            self._set_busy(False)

        def failed(exc: Exception) -> None:
            if generation != self._generation:
                return
            self._set_busy(False)
            self._exhausted = True  # until the next reload, rather than retrying on every scroll
            if after is None:
                self._reset_to([])
                self._exhausted = True
            self.loadFailed.emit(
                fill(translate("LogBookModel", "The sentiment logs could not be read: %1"), _db_message(exc))
            )

        self._set_busy(True)
        if self._runner is None:
            try:
                page = fetch()
            except SQLAlchemyError as exc:
                failed(exc)
                return
            done(page)
            return
        self._runner.submit(fetch, done, failed)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.loadingChanged.emit(busy)

    def _reset_to(self, page: list[LogRow]) -> None:
        self.beginResetModel()
        self._rows = list(page)
        self._ids = {r.id: i for i, r in enumerate(self._rows)}
        self._exhausted = len(page) < self._page_size
        self._loaded = True
        self.endResetModel()

    def _append(self, page: list[LogRow]) -> None:
        self._exhausted = len(page) < self._page_size
        new = [r for r in page if r.id not in self._ids]
        if not new:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        for r in new:
            self._ids[r.id] = len(self._rows)
            self._rows.append(r)
        self.endInsertRows()

    def row_of(self, log_id: int) -> int | None:
        return self._ids.get(log_id)

    def row_at(self, row: int) -> LogRow:
        return self._rows[row]

    def replace_row(self, row: LogRow) -> None:
        """A log changed (e.g. it became a case): update its row in place (narrow dataChanged)."""
        pos = self._ids.get(row.id)
        if pos is None:
            return
        self._rows[pos] = row
        self.dataChanged.emit(self.index(pos, 0), self.index(pos, self.COLUMN_COUNT - 1))

    def wait(self, msecs: int = 30000) -> bool:
        return True if self._runner is None else self._runner.wait(msecs)


class CoverageModel(QAbstractTableModel):
    """Visit coverage rows (a few thousand at most), sorted in memory; lowest coverage first."""

    # Visited and households share a column ("135 / 230"): the pane is narrow beside the map.
    (
        COL_NAME,
        COL_PARENT,
        COL_COVERAGE,
        COL_VISITED,
        COL_LOGS,
        COL_UNVISITED,
    ) = range(6)
    COLUMN_COUNT = 6

    PlaceIdRole = int(Qt.ItemDataRole.UserRole) + 1
    CoverageRole = int(Qt.ItemDataRole.UserRole) + 2
    RowRole = int(Qt.ItemDataRole.UserRole) + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CoverageRow] = []
        self._level = "grid"
        self._sort = (self.COL_COVERAGE, Qt.SortOrder.AscendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            if section == self.COL_COVERAGE:
                return translate(
                    "CoverageModel",
                    "Households visited in the period over the households of the place; each grid "
                    "counts at most 100 %",
                )
            if section == self.COL_VISITED:
                return translate(
                    "CoverageModel",
                    "Sum of the households visited in the period's logs (repeat visits count again)",
                )
        return None

    def _headers(self) -> list[str]:
        name = {
            "grid": translate("CoverageModel", "Grid"),
            "village": translate("CoverageModel", "Village"),
            "town": translate("CoverageModel", "Town"),
        }[self._level]
        parent = (
            translate("CoverageModel", "Town")
            if self._level == "village"
            else (
                translate("CoverageModel", "Village")
                if self._level == "grid"
                else translate("CoverageModel", "Grids")
            )
        )
        return [
            name,
            parent,
            translate("CoverageModel", "Coverage"),
            translate("CoverageModel", "Visited / households"),
            translate("CoverageModel", "Logs"),
            translate("CoverageModel", "Grids not visited"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.COL_COVERAGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col == self.COL_COVERAGE
            and row.coverage is not None
            and row.coverage < LOW_COVERAGE
        ):
            return LOW_COLOUR
        if role == self.PlaceIdRole:
            return row.id
        if role == self.CoverageRole:
            return row.coverage
        if role == self.RowRole:
            return row
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names[self.PlaceIdRole] = QByteArray(b"placeId")
        names[self.CoverageRole] = QByteArray(b"coverage")
        names[self.RowRole] = QByteArray(b"row")
        return names

    def _display(self, row: CoverageRow, col: int) -> str:
        if col == self.COL_NAME:
            return row.name
        if col == self.COL_PARENT:
            if row.level == "grid":
                return row.village
            if row.level == "village":
                return row.town
            return str(row.grids)
        if col == self.COL_COVERAGE:
            if row.coverage is None:
                return "—"
            share = row.coverage * 100
            # One decimal under 10 %: 0.4 % and 0 % are different news for a town.
            return f"{share:.1f}%" if share < 10 else f"{share:.0f}%"
        if col == self.COL_VISITED:
            return f"{row.visited} / {row.households}"
        if col == self.COL_LOGS:
            return str(row.logs)
        if col == self.COL_UNVISITED:
            return f"{row.grids_unvisited} / {row.grids}"
        return ""

    def set_rows(self, rows: list[CoverageRow], level: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._level = level
        self._sort_rows()
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        column, order = self._sort
        keys: dict[int, Callable[[CoverageRow], Any]] = {
            self.COL_NAME: lambda r: (sort_key(r.name), r.name),
            self.COL_PARENT: lambda r: (sort_key(r.town), sort_key(r.village), r.grids),
            # Places without households sort after every known share, whichever direction.
            self.COL_COVERAGE: lambda r: (r.coverage is None, r.coverage or 0.0),
            self.COL_VISITED: lambda r: (r.visited, r.households),
            self.COL_LOGS: lambda r: r.logs,
            self.COL_UNVISITED: lambda r: (r.grids_unvisited, r.grids),
        }
        key = keys[column]
        self._rows.sort(key=lambda r: (key(r), r.id), reverse=order == Qt.SortOrder.DescendingOrder)
        if column == self.COL_COVERAGE and order == Qt.SortOrder.DescendingOrder:
            # Unknown shares stay last.
            self._rows.sort(key=lambda r: r.coverage is None)

    def row_at(self, row: int) -> CoverageRow:
        return self._rows[row]
