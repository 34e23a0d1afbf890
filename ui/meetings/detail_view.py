"""The selected meeting's detail: title and facts, participants, agenda, minutes and action items,
and the buttons of what its state and the user's role allow (a refused button says why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from desktop.cases.ladder import Actor
from desktop.clock import to_local
from desktop.errors import Refusal
from desktop.meetings.reads import MeetingDetail
from desktop.meetings.service import ActionStatus, approve_refusal, complete_refusal, organise_refusal
from ui.meetings.labels import fmt, meeting_status_label
from ui.meetings.minutes_actions import MinutesActionsSection
from ui.meetings.participants_agenda import AgendaSection, ParticipantsSection
from ui.refusals import describe
from ui.text import fill, literal, plain_label

# The states in which a meeting can still be (re)scheduled, cancelled or answered.
OPEN = ("draft", "scheduled", "postponed")


class MeetingDetailView(QWidget):
    caseSelected = Signal(int)
    # Enabling the buttons: the import of busy times (in the calendar's bar) follows the role too.
    organiseRefusal = Signal(str)

    def __init__(self, actor: Actor, clock: Callable[[], dt.datetime], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._clock = clock
        self.detail: MeetingDetail | None = None
        sl = QVBoxLayout(self)
        sl.setContentsMargins(4, 0, 0, 0)
        self.title_label = plain_label(self.tr("No meeting selected"))
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)
        sl.addWidget(self.title_label)
        self.info_label = plain_label()
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sl.addWidget(self.info_label)
        self.participants = ParticipantsSection(sl, self)
        self.participants.selectionChanged.connect(self.update_buttons)
        self.agenda = AgendaSection(sl, self)
        self.agenda.caseSelected.connect(self.caseSelected)
        self.minutes_actions = MinutesActionsSection(sl, self)
        self.minutes_actions.selectionChanged.connect(self.update_buttons)
        self.minutes_actions.caseSelected.connect(self.caseSelected)

        buttons = QGridLayout()
        self.schedule_button = QPushButton(self.tr("Schedule…"))
        self.hold_button = QPushButton(self.tr("Hold"))
        self.cancel_button = QPushButton(self.tr("Cancel meeting…"))
        self.postpone_button = QPushButton(self.tr("Postpone…"))
        self.minutes_button = QPushButton(self.tr("Record minutes…"))
        self.approve_button = QPushButton(self.tr("Approve minutes"))
        self.done_button = QPushButton(self.tr("Action item done…"))
        self.supervise_button = QPushButton(self.tr("Supervision order"))
        self.notice_pdf_button = QPushButton(self.tr("Export notice (PDF)…"))
        self.minutes_pdf_button = QPushButton(self.tr("Export minutes (PDF)…"))
        for i, b in enumerate(
            (
                self.schedule_button,
                self.hold_button,
                self.cancel_button,
                self.postpone_button,
                self.minutes_button,
                self.approve_button,
                self.done_button,
                self.supervise_button,
                self.notice_pdf_button,
                self.minutes_pdf_button,
            )
        ):
            buttons.addWidget(b, i // 2, i % 2)
        sl.addLayout(buttons)

    def show_detail(self, detail: MeetingDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.participants.clear()
            self.agenda.show([])
            self.minutes_actions.show("", [], self._clock())
            self.title_label.setText(self.tr("No meeting selected"))
            self.info_label.setText(self.tr("Click a meeting in the calendar."))
            self.update_buttons()
            return
        self.title_label.setText(detail.title)
        place = detail.room or detail.video_link or self.tr("(no room)")
        lines = [
            fill(self.tr("Time: %1 – %2"), fmt(detail.starts_at), to_local(detail.ends_at).strftime("%H:%M")),
            fill(self.tr("Place: %1"), place),
            fill(self.tr("Status: %1"), meeting_status_label(detail.status)),
            fill(self.tr("Convener: %1"), detail.convener or "—"),
        ]
        if detail.status_reason:
            lines.append(fill(self.tr("Reason: %1"), detail.status_reason))
        self.info_label.setText("\n".join(lines))
        self.participants.show(detail.participants)
        self.agenda.show(detail.agenda)
        self.minutes_actions.show(detail.minutes, detail.actions, self._clock())
        self.update_buttons()

    def selected_participant(self) -> dict[str, Any] | None:
        return self.participants.selected() if self.detail is not None else None

    def selected_action(self) -> dict[str, Any] | None:
        return self.minutes_actions.selected() if self.detail is not None else None

    def update_buttons(self) -> None:
        status = self.detail.status if self.detail else None
        self.schedule_button.setEnabled(status in OPEN)
        self.schedule_button.setText(
            self.tr("Reschedule…") if status == "scheduled" else self.tr("Schedule…")
        )
        self.hold_button.setEnabled(status == "scheduled")
        self.cancel_button.setEnabled(status in OPEN)
        self.postpone_button.setEnabled(status in ("draft", "scheduled"))
        self.minutes_button.setEnabled(status == "held")
        self.approve_button.setEnabled(status == "held" and bool(self.detail and self.detail.minutes))
        self.notice_pdf_button.setEnabled(self.detail is not None)
        self.minutes_pdf_button.setEnabled(status in ("held", "minutes_approved"))
        self.participants.allow_responses(self.selected_participant() is not None and status in OPEN)
        action = self.selected_action()
        self.minutes_actions.describe(action)
        open_item = action is not None and action["status"] == ActionStatus.AWAITING_DEPARTMENT
        self.done_button.setEnabled(open_item)
        self.supervise_button.setEnabled(
            open_item
            and action is not None
            and action["due_at"] < self._clock()
            and action["supervision_order_id"] is None
            and action["case_id"] is not None
        )
        self._apply_roles(action)

    def _apply_roles(self, action: dict[str, Any] | None) -> None:
        """Disable what the user's role may not do, the button saying why (the core refuses too)."""
        actor = self._actor
        refusals: dict[QPushButton, Refusal | None] = {}
        organise = organise_refusal(actor)
        for b in (
            self.schedule_button,
            self.hold_button,
            self.cancel_button,
            self.postpone_button,
            self.minutes_button,
        ):
            refusals[b] = organise
        refusals[self.approve_button] = approve_refusal(
            actor, self.detail.convener_user_id if self.detail else None
        )
        refusals[self.done_button] = (
            complete_refusal(
                actor,
                department_id=action.get("department_id"),
                owner_user_id=action.get("owner_user_id"),
                convener_user_id=self.detail.convener_user_id if self.detail else None,
            )
            if action is not None
            else None
        )
        for button, refusal in refusals.items():
            if refusal is not None:
                button.setEnabled(False)
            button.setToolTip(literal(describe(refusal) if refusal is not None else ""))
        self.organiseRefusal.emit(describe(organise) if organise is not None else "")
