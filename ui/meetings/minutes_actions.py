"""A part of the selected meeting's detail: its minutes and the action items decided there (due
date, status — overdue and supervised said so — and the department under each), with the
selected item described below the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from desktop.clock import to_local
from desktop.meetings.service import ActionStatus
from ui.meetings.labels import action_status_label
from ui.text import fill, literal, plain_label


class MinutesActionsSection(QObject):
    selectionChanged = Signal()
    caseSelected = Signal(int)

    def __init__(self, layout: QVBoxLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[dict[str, Any]] = []
        self.minutes_label = plain_label()
        self.minutes_label.setWordWrap(True)
        layout.addWidget(self.minutes_label)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("What"), self.tr("Due"), self.tr("Status")])
        self.tree.setRootIsDecorated(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # First the detail's buttons follow the selection, then the window shows its case.
        self.tree.currentItemChanged.connect(lambda *_a: self.selectionChanged.emit())
        self.tree.currentItemChanged.connect(self._selected)
        layout.addWidget(QLabel(self.tr("Action items")))
        layout.addWidget(self.tree, 1)
        self.action_detail = plain_label()
        self.action_detail.setWordWrap(True)
        layout.addWidget(self.action_detail)

    def show(self, minutes: str, actions: list[dict[str, Any]], now: dt.datetime) -> None:
        self._shown = actions
        self.tree.clear()
        self.minutes_label.setText(fill(self.tr("Minutes: %1"), minutes) if minutes else "")
        for a in actions:
            status = action_status_label(a["status"])
            overdue = a["status"] == ActionStatus.AWAITING_DEPARTMENT and a["due_at"] < now
            if overdue:
                status = fill(self.tr("%1, overdue"), status)
            if a["supervision_order_id"] is not None:
                status = fill(self.tr("%1, supervised"), status)
            it = QTreeWidgetItem(self.tree, [a["what"], to_local(a["due_at"]).strftime("%Y-%m-%d"), status])
            it.setData(0, Qt.ItemDataRole.UserRole, a["id"])
            it.setToolTip(0, literal(a["what"]))
            owner = QTreeWidgetItem(it, [fill(self.tr("Department: %1"), a["department"] or "—")])
            owner.setFirstColumnSpanned(True)
            owner.setData(0, Qt.ItemDataRole.UserRole, a["id"])
            if overdue:
                it.setForeground(2, QBrush(QColor("#b71c1c")))
        self.tree.expandAll()

    def selected(self) -> dict[str, Any] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        item_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((a for a in self._shown if a["id"] == item_id), None)

    def describe(self, action: dict[str, Any] | None) -> None:
        """The selected item in a line: what, the department, the evidence of completion."""
        self.action_detail.setText(
            fill(
                self.tr("%1 — %2; evidence: %3"),
                action["what"],
                action["department"] or "—",
                action["evidence"] or "—",
            )
            if action is not None
            else ""
        )

    def _selected(self, _current: QTreeWidgetItem | None, _previous: object = None) -> None:
        action = self.selected()
        if action is not None and action["case_id"] is not None:
            self.caseSelected.emit(int(action["case_id"]))
