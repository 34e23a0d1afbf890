"""The calendar's header bar: back / today / forward, the range shown, day / week / month, the
calendar files (export, busy-time import) and full screen. Narrow, it is compact."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QToolButton,
    QWidget,
)

from ui.meetings.calendar_range import DAY, MONTH, WEEK
from ui.text import literal


class CalendarBar(QWidget):
    stepped = Signal(int)  # -1 back, 1 forward
    todayRequested = Signal()
    modeChosen = Signal(str)
    exportRequested = Signal()
    importRequested = Signal()
    fullScreenToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        self.prev_button = QToolButton()
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Previous"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Next"))
        self.prev_button.clicked.connect(lambda: self.stepped.emit(-1))
        self.next_button.clicked.connect(lambda: self.stepped.emit(1))
        self.today_button.clicked.connect(lambda: self.todayRequested.emit())
        bar.addWidget(self.prev_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        self.range_label = QLabel()
        bar.addWidget(self.range_label, 1)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[str, QPushButton] = {}
        for mode, text in ((DAY, self.tr("Day")), (WEEK, self.tr("Week")), (MONTH, self.tr("Month"))):
            b = QPushButton(text)
            b.setCheckable(True)
            b.clicked.connect(lambda _c=False, m=mode: self.modeChosen.emit(m))
            self.mode_group.addButton(b)
            self.mode_buttons[mode] = b
            bar.addWidget(b)
        self.mode_buttons[WEEK].setChecked(True)
        # The labels of the buttons that shrink to them when narrow.
        self._labels = {b: b.property("text") for b in (*self.mode_buttons.values(), self.today_button)}
        self.export_button = QPushButton(self.tr("Export .ics…"))
        self.export_button.clicked.connect(lambda: self.exportRequested.emit())
        bar.addWidget(self.export_button)
        self.import_busy_button = QPushButton(self.tr("Import busy times…"))
        self.import_busy_button.setToolTip(
            self.tr("Import a department's busy times from an .ics file (used by the slot search)")
        )
        self.import_busy_button.clicked.connect(lambda: self.importRequested.emit())
        bar.addWidget(self.import_busy_button)
        # Narrow (docked beside the map): the calendar files move into this menu.
        self.more_button = QToolButton()
        self.more_button.setText("⋯")
        self.more_button.setToolTip(self.tr("Calendar files"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.addAction(self.tr("Export .ics…"), lambda: self.exportRequested.emit())
        more.addAction(self.tr("Import busy times…"), lambda: self.importRequested.emit())
        self.more_button.setMenu(more)
        self.more_button.setMinimumWidth(self.more_button.sizeHint().width())
        bar.addWidget(self.more_button)
        self.full_button = QToolButton()
        # The style's maximise icon: the "⛶" glyph is missing from common CJK fonts and drew as a
        # crossed box that read as "close".
        self.full_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.full_button.setCheckable(True)
        self.full_button.setToolTip(self.tr("Full screen scheduler (undock and maximise; again to dock)"))
        self.full_button.toggled.connect(self.fullScreenToggled)
        bar.addWidget(self.full_button)
        self._bar = bar

    def check_mode(self, mode: str) -> None:
        self.mode_buttons[mode].setChecked(True)

    def check_full_screen(self, on: bool) -> None:
        """Shows full screen on or off without asking for it again."""
        if self.full_button.isChecked() != on:
            self.full_button.blockSignals(True)
            self.full_button.setChecked(on)
            self.full_button.blockSignals(False)

    def refuse_import(self, refusal: str) -> None:
        """The import of busy times is organising: a role that may not organise sees why."""
        self.import_busy_button.setEnabled(not refusal)
        self.import_busy_button.setToolTip(
            literal(
                refusal
                or self.tr("Import a department's busy times from an .ics file (used by the slot search)")
            )
        )

    def set_narrow(self, narrow: bool) -> None:
        """Compact header: the calendar files go into the "⋯" menu, the mode buttons shrink."""
        self.export_button.setVisible(not narrow)
        self.import_busy_button.setVisible(not narrow)
        self.more_button.setVisible(narrow)
        for button, label in self._labels.items():
            # As wide as the label needs (日 / 周 / 月 are one character), so that the range
            # beside them keeps room to show both of its dates.
            fit = button.fontMetrics().horizontalAdvance(label) + 16
            button.setMinimumWidth(30 if narrow else 0)
            button.setMaximumWidth(min(max(30, fit), 52) if narrow else 16777215)
        self._bar.setSpacing(2 if narrow else -1)
        # The range may be cut short rather than widen the pane beyond the dock.
        self.range_label.setSizePolicy(
            QSizePolicy.Policy.Ignored if narrow else QSizePolicy.Policy.Preferred,
            QSizePolicy.Policy.Preferred,
        )
        self.range_label.setMinimumWidth(40 if narrow else 0)

    def show_range(self, start: dt.date, days: int, mode: str, anchor: dt.date, *, narrow: bool) -> None:
        last = start + dt.timedelta(days=days - 1)
        # In full where a narrow dock cuts the label short.
        self.range_label.setToolTip(
            f"{start:%Y-%m-%d}" if days == 1 else f"{start:%Y-%m-%d} – {last:%Y-%m-%d}"
        )
        if mode == MONTH:
            self.range_label.setText(f"{anchor:%Y-%m}")
        elif days == 1:
            self.range_label.setText(f"{start:%m-%d}" if narrow else f"{start:%Y-%m-%d}")
        elif narrow:
            self.range_label.setText(f"{start:%m-%d}–{last:%m-%d}")
        else:
            self.range_label.setText(f"{start:%Y-%m-%d} – {last:%Y-%m-%d}")
