"""The calendar grid: half-hour rows by days (day and week views) or six weeks of days (month),
meetings coloured by status, non-working days and imported busy times shaded; a meeting dragged
to another cell asks to be moved there."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desktop.clock import CHINA_TZ, to_local
from desktop.meetings.reads import CalendarData, local_midnight
from desktop.meetings.service import MeetingStatus
from ui.meetings.calendar_range import MONTH_DAYS
from ui.meetings.labels import (
    BUSY,
    FIRST_HOUR,
    MEETING_ROLE,
    NON_WORKING,
    ROWS,
    STATUS_COLOURS,
    meeting_status_label,
)
from ui.text import fill, literal


class CalendarGrid(QTableWidget):
    meetingClicked = Signal(int)
    # A meeting dragged onto another cell of the day or week view: meeting id, the cell's start.
    meetingDropped = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.cellClicked.connect(self._cell_clicked)
        self.viewport().installEventFilter(self)
        self._drag_from: tuple[int, int, int] | None = None  # meeting id, row, column
        self.shown: CalendarData | None = None

    # --- painting ------------------------------------------------------------------------------

    def paint(self, data: CalendarData, anchor: dt.date, *, narrow: bool) -> None:
        """Shows ``data``: the month view for six weeks (days outside ``anchor``'s month greyed),
        otherwise the day or week view (compact when ``narrow``)."""
        self.shown = data
        if data.days == MONTH_DAYS:
            self._paint_month(data, anchor)
        else:
            self._paint_days(data, narrow)

    def day_header(self, day: dt.date) -> str:
        names = (
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        )
        return f"{names[day.weekday()]} {day:%m-%d}"

    def _meeting_item(self, m: dict[str, Any], text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setData(MEETING_ROLE, m["id"])
        colour = QColor(STATUS_COLOURS.get(m["status"], "#757575"))
        item.setBackground(QBrush(colour))
        item.setForeground(QBrush(QColor("#ffffff")))
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.8)
        font.setStrikeOut(m["status"] == MeetingStatus.CANCELLED)
        item.setFont(font)
        start = to_local(dt.datetime.fromisoformat(m["starts_at"]))
        end = to_local(dt.datetime.fromisoformat(m["ends_at"]))
        item.setToolTip(
            literal(
                f"{m['title']}\n{start:%Y-%m-%d %H:%M}–{end:%H:%M}\n"
                f"{m['room'] or m['video_link'] or ''}\n{meeting_status_label(m['status'])}"
            )
        )
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return item

    def _paint_days(self, data: CalendarData, narrow: bool) -> None:
        self.clear()
        self.clearSpans()
        self.setRowCount(ROWS)
        self.setColumnCount(data.days)
        self.verticalHeader().show()
        days = [data.start + dt.timedelta(days=i) for i in range(data.days)]
        if narrow:  # two short lines per day, hours only on the full hour
            self.setHorizontalHeaderLabels([self.day_header(d).replace(" ", "\n") for d in days])
            self.setVerticalHeaderLabels(
                [f"{FIRST_HOUR + r // 2}" if r % 2 == 0 else "" for r in range(ROWS)]
            )
        else:
            self.setHorizontalHeaderLabels([self.day_header(d) for d in days])
            self.setVerticalHeaderLabels(
                [f"{FIRST_HOUR + r // 2:02d}:{30 * (r % 2):02d}" for r in range(ROWS)]
            )
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 6)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col, day in enumerate(days):
            shade = not data.workdays.get(day, True)
            for row in range(ROWS):
                item = QTableWidgetItem()
                if shade:
                    item.setBackground(QBrush(NON_WORKING))
                    item.setToolTip(self.tr("Non-working day"))
                self.setItem(row, col, item)
        day0 = local_midnight(data.start)

        def cells(start: dt.datetime, end: dt.datetime) -> list[tuple[int, int]]:
            out = []
            for col in range(data.days):
                for row in range(ROWS):
                    c0 = day0 + dt.timedelta(days=col, hours=FIRST_HOUR, minutes=30 * row)
                    if c0 < end and c0 + dt.timedelta(minutes=30) > start:
                        out.append((row, col))
            return out

        for b_start, b_end, label in data.busy:
            for row, col in cells(b_start, b_end):
                busy_cell = self.item(row, col)
                if busy_cell is None:
                    continue
                busy_cell.setBackground(QBrush(BUSY))
                busy_cell.setToolTip(literal(fill(self.tr("Busy: %1"), label or "—")))
        taken: set[tuple[int, int]] = set()
        for m in data.meetings:
            start = dt.datetime.fromisoformat(m["starts_at"])
            end = dt.datetime.fromisoformat(m["ends_at"])
            span = cells(start, end)
            if not span:
                continue
            place = m["room"] or m["video_link"] or ""
            text = f"{m['title']}\n{place}".strip()
            row, col = span[0]
            rows = [r for r, c in span if c == col]
            if any(cell in taken for cell in span):
                # Overlapping meetings share the first cell.
                existing = self.item(row, col)
                if existing is not None and existing.data(MEETING_ROLE) is not None:
                    existing.setText(f"{existing.data(Qt.ItemDataRole.DisplayRole)}\n{m['title']}")
                    continue
            self.setItem(row, col, self._meeting_item(m, text))
            if len(rows) > 1:
                self.setSpan(row, col, len(rows), 1)
            taken.update(span)
        # Narrow week: a weekend day without meetings gives its width to the working days.
        used = {c for _r, c in taken}
        for col, day in enumerate(days):
            hide = narrow and data.days == 7 and not data.workdays.get(day, True) and col not in used
            self.setColumnHidden(col, hide)

    def _paint_month(self, data: CalendarData, anchor: dt.date) -> None:
        self.clear()
        self.clearSpans()
        self.setRowCount(6)
        self.setColumnCount(7)
        self.setHorizontalHeaderLabels(
            [self.day_header(data.start + dt.timedelta(days=i)).split()[0] for i in range(7)]
        )
        self.verticalHeader().hide()
        for col in range(7):
            self.setColumnHidden(col, False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        by_day: dict[dt.date, list[dict[str, Any]]] = {}
        for m in data.meetings:
            by_day.setdefault(to_local(dt.datetime.fromisoformat(m["starts_at"])).date(), []).append(m)
        for i in range(MONTH_DAYS):
            day = data.start + dt.timedelta(days=i)
            ms = by_day.get(day, [])
            lines = [f"{day.day}"] + [
                f"{to_local(dt.datetime.fromisoformat(m['starts_at'])):%H:%M} {m['title']}" for m in ms
            ]
            item = QTableWidgetItem("\n".join(lines))
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if ms:
                item.setData(MEETING_ROLE, ms[0]["id"])
                item.setForeground(QBrush(QColor(STATUS_COLOURS.get(ms[0]["status"], "#000000"))))
                item.setToolTip(literal("\n".join(m["title"] for m in ms)))
            if not data.workdays.get(day, True):
                item.setBackground(QBrush(NON_WORKING))
            if day.month != anchor.month:
                item.setForeground(QBrush(QColor("#9e9e9e")))
            self.setItem(i // 7, i % 7, item)

    # --- where the meetings are ----------------------------------------------------------------

    def meeting_at(self, row: int, col: int) -> int | None:
        item = self.item(row, col)
        meeting = item.data(MEETING_ROLE) if item is not None else None
        return int(meeting) if meeting is not None else None

    def meeting_cells(self) -> dict[int, tuple[int, int]]:
        """Where each shown meeting sits in the grid (meeting id → row, column)."""
        out: dict[int, tuple[int, int]] = {}
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                meeting = self.meeting_at(r, c)
                if meeting is not None:
                    out.setdefault(meeting, (r, c))
        return out

    def cell_start(self, row: int, col: int) -> dt.datetime | None:
        """The instant a day/week grid cell starts (None in the month view)."""
        if self.shown is None or self.shown.days == MONTH_DAYS:
            return None
        day = self.shown.start + dt.timedelta(days=col)
        local = dt.datetime.combine(day, dt.time(FIRST_HOUR), tzinfo=CHINA_TZ)
        return (local + dt.timedelta(minutes=30 * row)).astimezone(dt.UTC)

    def _cell_clicked(self, row: int, col: int) -> None:
        meeting = self.meeting_at(row, col)
        if meeting is not None:
            self.meetingClicked.emit(meeting)

    # --- drag to reschedule (day and week views) ----------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.viewport() and isinstance(event, QMouseEvent):
            if event.type() == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                index = self.indexAt(event.position().toPoint())
                meeting = self.meeting_at(index.row(), index.column()) if index.isValid() else None
                self._drag_from = (meeting, index.row(), index.column()) if meeting is not None else None
            elif event.type() == QEvent.Type.MouseButtonRelease and self._drag_from is not None:
                meeting_id, row, col = self._drag_from
                self._drag_from = None
                index = self.indexAt(event.position().toPoint())
                if index.isValid() and (index.row(), index.column()) != (row, col):
                    start = self.cell_start(index.row(), index.column())
                    if start is not None:
                        self.meetingDropped.emit(meeting_id, start)
                        return True
        return super().eventFilter(watched, event)
