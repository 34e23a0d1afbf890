"""The clipped-text check behind `screenshot --strict` finds cut texts and passes fitting ones."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.clipping import clipped
from ui.flow import FlowLayout


def _shown(qtbot: QtBot, widget: QWidget, width: int, height: int) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_label_and_a_button_too_narrow_are_found(qtbot: QtBot) -> None:
    root = QWidget()
    label = QLabel("Awaiting department 10", root)
    label.setGeometry(0, 0, 40, 20)
    button = QPushButton("Mark duplicate", root)
    button.setGeometry(0, 30, 30, 24)
    _shown(qtbot, root, 200, 100)
    found = clipped(root)
    assert any("Awaiting department" in line for line in found)
    assert any("Mark duplicate" in line for line in found)


def test_a_wrapped_label_without_the_height_is_found(qtbot: QtBot) -> None:
    root = QWidget()
    label = QLabel("Not acknowledged: 5  Overdue: 5  Due soon: 4  Supervision overdue: 3", root)
    label.setWordWrap(True)
    label.setGeometry(0, 0, 80, 18)
    _shown(qtbot, root, 200, 100)
    assert any("needs more height" in line for line in clipped(root))


def test_a_window_laid_out_by_qt_has_nothing_cut(qtbot: QtBot) -> None:
    root = QWidget()
    layout = QVBoxLayout(root)
    row = QHBoxLayout()
    row.addWidget(QLabel("Ticket queue"))
    row.addWidget(QPushButton("Acknowledge all"))
    layout.addLayout(row)
    tabs = QTabWidget()
    for name in ("Case", "Meetings", "Analysis"):
        tabs.addTab(QWidget(), name)
    layout.addWidget(tabs)
    _shown(qtbot, root, 400, 200)
    assert clipped(root) == []


def test_a_flow_layout_wraps_instead_of_widening(qtbot: QtBot) -> None:
    root = QWidget()
    flow = FlowLayout(root)
    buttons = [QPushButton(f"Filter number {i}") for i in range(6)]
    for b in buttons:
        flow.addWidget(b)
    widest = max(b.sizeHint().width() for b in buttons)
    assert root.minimumSizeHint().width() <= widest + 2  # one button is all it insists on
    _shown(qtbot, root, widest + 10, 300)
    qtbot.waitUntil(lambda: buttons[-1].y() > buttons[0].y())
    assert clipped(root) == []
    assert len({b.y() for b in buttons}) > 1  # wrapped onto several lines
    assert flow.heightForWidth(widest + 10) > buttons[0].height()
