"""The departments' view of the meetings' action items (任务): what each department has been given
to do, on which case and by which meeting, by when, and how it was done.

A department's staff see their own items; dispatchers and leaders see every department's, grouped
by department and filterable. Overdue items stand out. Whoever may mark an item done (its
department's staff, the meeting's convener, the city information center) does so with evidence;
for anyone else the button says why not. Selecting an item selects its case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.detail import department_choices
from desktop.cases.ladder import Actor
from desktop.clock import to_local, utcnow
from desktop.meetings.service import ActionStatus, MeetingService, action_items_view
from desktop.store import SessionFactory
from desktop.vocab import Role
from ui.errors import explain
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

ITEM_ROLE = Qt.ItemDataRole.UserRole
OVERDUE = QColor("#b71c1c")
ALL = -1


class ActionItemsPane(QWidget):
    """Action items by department; ``caseSelected`` when an item on a case is selected,
    ``itemsChanged`` after one was marked done."""

    caseSelected = Signal(int)
    itemsChanged = Signal()

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        service: MeetingService,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], dt.datetime] = utcnow,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ActionItemsPane")
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._service = service
        self._clock = clock
        self.items: list[dict[str, Any]] = []
        self.loaded = False
        self._loading = False
        self._pending = False
        self.own_department_only = actor.role == Role.DEPARTMENT_STAFF

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        bar = QHBoxLayout()
        self.department_filter = QComboBox()
        self.department_filter.setToolTip(self.tr("Show one department's action items"))
        self.department_filter.addItem(self.tr("All departments"), ALL)
        self.department_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.department_filter.setVisible(not self.own_department_only)
        bar.addWidget(self.department_filter, 1)
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(lambda _c: self.refresh())
        bar.addWidget(self.open_only)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Filter: what, case, meeting"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self._fill())
        bar.addWidget(self.search, 1)
        layout.addLayout(bar)
        self.summary = plain_label()  # error texts may quote what users typed
        layout.addWidget(self.summary)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            [
                self.tr("What"),
                self.tr("Case"),
                self.tr("Meeting"),
                self.tr("Due"),
                self.tr("Status"),
                self.tr("Evidence"),
            ]
        )
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        for column in (1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(2, 140)
        self.tree.currentItemChanged.connect(lambda *_a: self._selected())
        layout.addWidget(self.tree, 1)

        buttons = QHBoxLayout()
        self.detail = plain_label()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons.addWidget(self.detail, 1)
        self.done_button = QPushButton(self.tr("Mark done…"))
        self.done_button.clicked.connect(lambda: self.mark_done())
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)
        self._load_departments()
        self._selected()

    # --- reading -----------------------------------------------------------------------------

    def _load_departments(self) -> None:
        if self.own_department_only:
            return
        sessions = self._sessions

        def work() -> list[tuple[int, str]]:
            with sessions() as s:
                return [(d.id, d.name) for d in department_choices(s)]

        def done(departments: list[tuple[int, str]]) -> None:
            self.department_filter.blockSignals(True)
            for dep_id, name in departments:
                self.department_filter.addItem(name, dep_id)
            self.department_filter.blockSignals(False)

        self._runner.submit(work, done, lambda _e: None)

    def refresh(self) -> None:
        if self._loading:
            self._pending = True
            return
        self._loading = True
        sessions, actor = self._sessions, self._actor
        chosen = self.department_filter.currentData()
        department_id = None if chosen in (None, ALL) else int(chosen)
        open_only = self.open_only.isChecked()

        def work() -> list[dict[str, Any]]:
            with sessions() as s:
                return action_items_view(s, actor, department_id=department_id, open_only=open_only)

        self._runner.submit(work, self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.summary.setText(explain(exc))

    def _show(self, items: list[dict[str, Any]]) -> None:
        self._loading = False
        if self._pending:
            self._pending = False
            self.refresh()
            return
        self.items = items
        self.loaded = True
        self._fill()

    def is_overdue(self, item: dict[str, Any]) -> bool:
        return bool(item["status"] == ActionStatus.AWAITING_DEPARTMENT and item["due_at"] < self._clock())

    def _fill(self) -> None:
        current = self.selected()
        needle = self.search.text().strip().lower()
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        shown = overdue = 0
        for a in self.items:
            haystack = " ".join(
                str(a.get(k) or "") for k in ("what", "case_number", "case_title", "meeting", "department")
            ).lower()
            if needle and needle not in haystack:
                continue
            dep = a["department"] or self.tr("(no department)")
            group = groups.get(dep)
            if group is None:
                group = QTreeWidgetItem(self.tree, [dep])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                groups[dep] = group
            late = self.is_overdue(a)
            status = action_status_text(a["status"])
            if late:
                status = fill(self.tr("Overdue (%1)"), status)
                overdue += 1
            if a["supervision_order_id"] is not None:
                status = fill(self.tr("%1, supervised"), status)
            row = QTreeWidgetItem(
                group,
                [
                    a["what"],
                    a["case_number"] or "—",
                    a["meeting"],
                    to_local(a["due_at"]).strftime("%Y-%m-%d"),
                    status,
                    a["evidence"] or "",
                ],
            )
            row.setData(0, ITEM_ROLE, a["id"])
            row.setToolTip(0, literal(a["decision"] or a["what"]))
            row.setToolTip(1, literal(a["case_title"] or ""))
            if late:
                for column in range(6):
                    row.setForeground(column, QBrush(OVERDUE))
                font = row.font(4)
                font.setBold(True)
                row.setFont(4, font)
            shown += 1
        for group in groups.values():
            group.setText(0, f"{group.text(0)} ({group.childCount()})")
        self.tree.expandAll()
        self.summary.setText(fill(self.tr("%1 action items, %2 overdue"), shown, overdue))
        if current is not None:
            self.select_item(int(current["id"]))
        self._selected()

    # --- selection and completion --------------------------------------------------------------

    def selected(self) -> dict[str, Any] | None:
        item = self.tree.currentItem()
        item_id = item.data(0, ITEM_ROLE) if item is not None else None
        return next((a for a in self.items if a["id"] == item_id), None) if item_id is not None else None

    def select_item(self, item_id: int) -> bool:
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                child = group.child(j)
                if child.data(0, ITEM_ROLE) == item_id:
                    self.tree.setCurrentItem(child)
                    return True
        return False

    def _selected(self) -> None:
        a = self.selected()
        if a is None:
            self.detail.clear()
            self.done_button.setEnabled(False)
            self.done_button.setToolTip(self.tr("Select an action item."))
            return
        self.detail.setText(
            fill(self.tr("%1 — meeting “%2”; evidence: %3"), a["what"], a["meeting"], a["evidence"] or "—")
        )
        if a["status"] != ActionStatus.AWAITING_DEPARTMENT:
            self.done_button.setEnabled(False)
            self.done_button.setToolTip(self.tr("Only an open action item can be marked done."))
        elif a["refusal"]:
            self.done_button.setEnabled(False)
            self.done_button.setToolTip(literal(a["refusal"]))
        else:
            self.done_button.setEnabled(True)
            self.done_button.setToolTip(self.tr("Report the item done, with evidence of completion."))
        if a["case_id"] is not None:
            self.caseSelected.emit(int(a["case_id"]))

    def mark_done(self, evidence: str | None = None) -> None:
        a = self.selected()
        if a is None or not self.done_button.isEnabled():
            return
        if not evidence:
            text, ok = QInputDialog.getMultiLineText(
                self,
                self.tr("Action item done"),
                literal(fill(self.tr("Evidence of completion for “%1”:"), a["what"])),
            )
            if not ok or not text.strip():
                return
            evidence = text
        service, actor, item_id = self._service, self._actor, int(a["id"])

        def done(_result: Any) -> None:
            self.itemsChanged.emit()
            self.refresh()

        def failed(exc: Exception) -> None:
            self.summary.setText(explain(exc))
            self.summary.setStyleSheet("color: #b71c1c")
            self.refresh()

        self.summary.setStyleSheet("")
        self._runner.submit(lambda: service.complete_action_item(item_id, actor, evidence), done, failed)


def action_status_text(status: str) -> str:
    # The pane's labels for action statuses (the same words as in the meetings pane).
    from ui.meetings.labels import action_status_label

    return action_status_label(status)
