"""Two parts of the selected meeting's detail: who is invited (with their answers and the buttons
to confirm, decline or send a deputy) and the agenda (one case per item, its minutes under it).

Each part puts its widgets into the detail's layout, in order, so the detail reads as one column.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.meetings.service import Invitation
from ui.meetings.labels import invitation_label
from ui.text import fill, literal


def invitation_text(participant: dict[str, Any]) -> str:
    """The answer as shown: the label, and the reason of a refusal or the deputy's name."""
    state = invitation_label(participant["state"])
    if participant["state"] == "declined" and participant["reason"]:
        state += f" ({participant['reason']})"
    if participant["state"] == "deputy" and participant["deputy"]:
        state += f" ({participant['deputy']})"
    return state


class ParticipantsSection(QObject):
    selectionChanged = Signal()
    responseChosen = Signal(str)  # an Invitation

    def __init__(self, layout: QVBoxLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._shown: list[dict[str, Any]] = []
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Participant"), self.tr("Invitation")])
        self.tree.setRootIsDecorated(False)
        self.tree.currentItemChanged.connect(lambda *_a: self.selectionChanged.emit())
        layout.addWidget(QLabel(self.tr("Participants")))
        layout.addWidget(self.tree, 1)
        responses = QHBoxLayout()
        self.confirm_button = QPushButton(self.tr("Confirm"))
        self.decline_button = QPushButton(self.tr("Decline…"))
        self.deputy_button = QPushButton(self.tr("Send a deputy…"))
        self.confirm_button.clicked.connect(lambda: self.responseChosen.emit(Invitation.CONFIRMED))
        self.decline_button.clicked.connect(lambda: self.responseChosen.emit(Invitation.DECLINED))
        self.deputy_button.clicked.connect(lambda: self.responseChosen.emit(Invitation.DEPUTY))
        for b in self.buttons():
            responses.addWidget(b)
        layout.addLayout(responses)

    def buttons(self) -> tuple[QPushButton, QPushButton, QPushButton]:
        return self.confirm_button, self.decline_button, self.deputy_button

    def clear(self) -> None:
        """No meeting: no participants, the columns keep their widths."""
        self._shown = []
        self.tree.clear()

    def show(self, participants: list[dict[str, Any]]) -> None:
        self._shown = participants
        self.tree.clear()
        for p in participants:
            part = QTreeWidgetItem(self.tree, [p["name"], invitation_text(p)])
            part.setData(0, Qt.ItemDataRole.UserRole, p["id"])
        self.tree.resizeColumnToContents(0)

    def selected(self) -> dict[str, Any] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        part_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((p for p in self._shown if p["id"] == part_id), None)

    def allow_responses(self, allowed: bool) -> None:
        for b in self.buttons():
            b.setEnabled(allowed)


class AgendaSection(QObject):
    caseSelected = Signal(int)

    def __init__(self, layout: QVBoxLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Case"), self.tr("Agenda item")])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(QLabel(self.tr("Agenda")))
        layout.addWidget(self.tree, 1)
        self.tree.currentItemChanged.connect(self._selected)  # an item's case is shown

    def show(self, agenda: list[dict[str, Any]]) -> None:
        self.tree.clear()
        for a in agenda:
            it = QTreeWidgetItem(self.tree, [a["number"], a["title"]])
            it.setToolTip(1, literal(a["title"]))
            it.setData(0, Qt.ItemDataRole.UserRole, a["case_id"])
            if a["minutes"]:
                child = QTreeWidgetItem(it, [fill(self.tr("Minutes: %1"), a["minutes"])])
                child.setFirstColumnSpanned(True)
                child.setToolTip(0, literal(a["minutes"]))
        self.tree.expandAll()

    def _selected(self, current: QTreeWidgetItem | None, _previous: object = None) -> None:
        case_id = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if case_id is not None:
            self.caseSelected.emit(int(case_id))
