"""ui.tables.filling: rows go in unmeasured and unpainted; each column's sizing comes back after."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot

from ui.tables import filling

Mode = QHeaderView.ResizeMode


def _table(qtbot: QtBot) -> QTableWidget:
    table = QTableWidget(0, 3)
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(Mode.ResizeToContents)
    header.setSectionResizeMode(1, Mode.Stretch)
    table.show()
    return table


def _modes(table: QTableWidget) -> list[QHeaderView.ResizeMode]:
    header = table.horizontalHeader()
    return [header.sectionResizeMode(i) for i in range(header.count())]


def test_columns_are_measured_after_the_fill_not_during_it(qtbot: QtBot) -> None:
    table = _table(qtbot)
    with filling(table):
        assert _modes(table) == [Mode.Fixed] * 3 and not table.updatesEnabled()
        table.setRowCount(50)
        for r in range(50):
            table.setItem(r, 0, QTableWidgetItem("一个相当长的名字" * (1 + r % 3)))
    assert _modes(table) == [Mode.ResizeToContents, Mode.Stretch, Mode.ResizeToContents]
    assert table.updatesEnabled()
    # Measured once on the way out: the first column fits its longest text.
    fm = table.fontMetrics()
    assert table.columnWidth(0) >= fm.horizontalAdvance("一个相当长的名字" * 3)


def test_a_fill_that_fails_still_gives_the_columns_back(qtbot: QtBot) -> None:
    table = _table(qtbot)
    with pytest.raises(RuntimeError), filling(table):
        raise RuntimeError("a row could not be read")
    assert _modes(table) == [Mode.ResizeToContents, Mode.Stretch, Mode.ResizeToContents]
    assert table.updatesEnabled()
