"""The meetings calendar grid on its own (ui/meetings/calendar_grid.py), from plain data: where a
meeting is drawn, what a cell's time is, and a drag to another cell asking for that time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.clock import CHINA_TZ
from desktop.meetings.reads import CalendarData
from ui.meetings.calendar_grid import CalendarGrid

MONDAY = dt.date(2026, 11, 30)


def _meeting(
    meeting_id: int, title: str, local_start: dt.datetime, minutes: int, status: str
) -> dict[str, object]:
    start = local_start.astimezone(dt.UTC)
    return {
        "id": meeting_id,
        "title": title,
        "status": status,
        "starts_at": start.isoformat(),
        "ends_at": (start + dt.timedelta(minutes=minutes)).isoformat(),
        "room": "第一会议室",
        "video_link": "",
    }


def _week() -> CalendarData:
    tuesday_nine = dt.datetime(2026, 12, 1, 9, tzinfo=CHINA_TZ)
    return CalendarData(
        start=MONDAY,
        days=7,
        meetings=[
            _meeting(1, "防汛协调会", tuesday_nine, 90, "scheduled"),
            _meeting(2, "重叠的会", tuesday_nine, 30, "draft"),
        ],
        busy=[
            (
                tuesday_nine.astimezone(dt.UTC) + dt.timedelta(hours=4),
                tuesday_nine.astimezone(dt.UTC) + dt.timedelta(hours=5),
                "局务会",
            )
        ],
        workdays={MONDAY + dt.timedelta(days=i): i < 5 for i in range(7)},
    )


def test_a_week_drawn_and_a_meeting_dropped_on_another_cell(qtbot: QtBot) -> None:
    grid = CalendarGrid()
    qtbot.addWidget(grid)
    grid.resize(900, 700)
    grid.show()
    grid.paint(_week(), MONDAY, narrow=False)
    assert (grid.rowCount(), grid.columnCount()) == (20, 7)
    # 09:00 is row 2 (from 08:00 in half hours); 90 minutes span three rows; a meeting at the same time
    # shares its cell.
    assert grid.meeting_cells() == {1: (2, 1)}
    assert grid.rowSpan(2, 1) == 3
    assert "重叠的会" in grid.item(2, 1).text()  # type: ignore[union-attr]
    assert "局务会" in grid.item(10, 1).toolTip()  # type: ignore[union-attr]  13:00 busy
    assert grid.item(0, 5).background().color().name() == "#eeeeee"  # type: ignore[union-attr]  Saturday
    assert grid.cell_start(2, 1) == dt.datetime(2026, 12, 1, 9, tzinfo=CHINA_TZ).astimezone(dt.UTC)

    clicked: list[int] = []
    grid.meetingClicked.connect(clicked.append)
    grid.cellClicked.emit(3, 1)  # a plain cell: nothing
    grid.cellClicked.emit(2, 1)
    assert clicked == [1]

    viewport = grid.viewport()
    source = grid.visualRect(grid.model().index(2, 1)).center()
    target = grid.visualRect(grid.model().index(4, 3)).center()
    with qtbot.waitSignal(grid.meetingDropped) as dropped:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=source)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)
    assert dropped.args == [1, dt.datetime(2026, 12, 3, 10, tzinfo=CHINA_TZ).astimezone(dt.UTC)]


def test_the_month_has_no_cell_times_and_greys_other_months(qtbot: QtBot) -> None:
    grid = CalendarGrid()
    qtbot.addWidget(grid)
    week = _week()
    month = CalendarData(
        MONDAY, 42, week.meetings, [], {MONDAY + dt.timedelta(days=i): True for i in range(42)}
    )
    grid.paint(month, dt.date(2026, 12, 1), narrow=False)
    assert (grid.rowCount(), grid.columnCount()) == (6, 7)
    assert grid.meeting_cells() == {1: (0, 1)}
    assert grid.cell_start(0, 1) is None
    assert grid.item(0, 0).foreground().color().name() == "#9e9e9e"  # type: ignore[union-attr]  30 November
    assert grid.item(0, 1).text().splitlines() == ["1", "09:00 防汛协调会", "09:00 重叠的会"]  # type: ignore[union-attr]
