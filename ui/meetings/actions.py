"""What the meetings screen saves, each in the background through the meeting service: schedule
(conflicts checked first), hold, cancel, postpone, minutes, approval, action items done or sent
to supervision, invitation answers, a drag to another time, convening on cases; and the calendar
files (iCalendar export, a department's busy times imported)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox, QWidget

from desktop.cases.ladder import Actor
from desktop.clock import to_local
from desktop.errors import Refusal
from desktop.meetings.reads import active_rooms, department_choices, export_calendar_file, load_meeting
from desktop.meetings.service import ConveneResult, Invitation, MeetingConflicts, MeetingService
from desktop.meetings.slots import Conflict, room
from desktop.store import SessionFactory
from ui.errors import explain
from ui.meetings.dialogs import MinutesDialog, ScheduleDialog
from ui.meetings.host import MeetingsHost
from ui.meetings.labels import conflicts_text, fmt
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import fill, literal

# Only these can be moved to another time (a held, approved or cancelled meeting keeps its time).
MOVABLE = ("draft", "scheduled", "postponed")


class _NotMovable(Exception):
    """A held, approved or cancelled meeting was dragged: it keeps its time."""


class MeetingActions(QObject):
    changed = Signal()  # something was saved: the rest of the window may re-read

    def __init__(
        self,
        host: MeetingsHost,
        widget: QWidget,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        service: MeetingService,
    ) -> None:
        super().__init__(widget)
        self._host = host
        self._widget = widget  # the dialogs' parent
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self.service = service
        self.last_convene: ConveneResult | None = None
        self.last_dialog: QDialog | None = None
        self.last_conflicts: list[Conflict] = []

    # --- saving --------------------------------------------------------------------------------

    def save(self, fn: Callable[[], Any], done: Callable[[Any], None] | None = None) -> None:
        def ok(result: Any) -> None:
            self._host.show_notice("")
            if done is not None:
                done(result)
            self.changed.emit()
            self._host.refresh()

        self._runner.submit(fn, ok, self.save_failed)

    def save_failed(self, exc: Exception) -> None:
        if isinstance(exc, MeetingConflicts):
            text = self.tr("Not saved, conflicts:") + "\n" + conflicts_text(exc.conflicts)
        else:
            text = describe(exc) if isinstance(exc, Refusal) else explain(exc)
        self._host.show_notice(text, error=True)
        QMessageBox.warning(self._widget, self.tr("Meetings"), literal(text))
        self._host.refresh()

    def check_conflicts(self, start: dt.datetime, duration_min: int, room_id: int | None) -> list[Conflict]:
        """Conflicts of moving the selected meeting to this time (a small read, on demand)."""
        detail = self._host.detail
        assert detail is not None
        resources = detail.resources()
        if room_id is not None:
            resources.append(room(room_id))
        return self.service.conflicts_for(start, duration_min, resources, ignore_meeting_id=detail.id)

    def schedule_meeting(self) -> None:
        detail = self._host.detail
        if detail is None:
            return
        dialog = ScheduleDialog(detail, active_rooms(self._sessions), self.check_conflicts, self._widget)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        start, duration, room_id, actor = (
            dialog.starts_at(),
            dialog.duration.value(),
            dialog.room_id(),
            self._actor,
        )
        self.save(
            lambda: self.service.schedule(
                detail.id, actor, starts_at=start, duration_min=duration, room_id=room_id
            )
        )

    def hold(self) -> None:
        detail = self._host.detail
        if detail is None:
            return
        meeting_id, actor = detail.id, self._actor
        self.save(lambda: self.service.hold(meeting_id, actor))

    def _reason(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self._widget, title, self.tr("Reason (recorded in the audit trail):"))
        return text.strip() if ok and text.strip() else None

    def cancel_meeting(self) -> None:
        detail = self._host.detail
        if detail is None:
            return
        reason = self._reason(self.tr("Cancel meeting"))
        if reason is None:
            return
        meeting_id, actor = detail.id, self._actor
        self.save(lambda: self.service.cancel(meeting_id, actor, reason))

    def postpone(self) -> None:
        detail = self._host.detail
        if detail is None:
            return
        reason = self._reason(self.tr("Postpone meeting"))
        if reason is None:
            return
        meeting_id, actor = detail.id, self._actor
        self.save(lambda: self.service.postpone(meeting_id, actor, reason))

    def record_minutes(self) -> None:
        detail = self._host.detail
        if detail is None:
            return
        dialog = MinutesDialog(detail, department_choices(self._sessions), self._widget)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        text, per_item, actions, actor = (
            dialog.text.toPlainText(),
            dialog.item_minutes(),
            dialog.new_actions(),
            self._actor,
        )
        self.save(
            lambda: self.service.record_minutes(
                detail.id, actor, text, item_minutes=per_item, action_items=actions
            )
        )

    def approve_minutes(self) -> None:
        detail = self._host.detail
        if detail is None:
            return
        meeting_id, actor = detail.id, self._actor
        self.save(lambda: self.service.approve_minutes(meeting_id, actor))

    def complete_action_item(self) -> None:
        action = self._host.selected_action()
        if action is None:
            return
        evidence, ok = QInputDialog.getMultiLineText(
            self._widget, self.tr("Action item done"), self.tr("Evidence of completion:")
        )
        if not ok or not evidence.strip():
            return
        item_id, actor = action["id"], self._actor
        self.save(lambda: self.service.complete_action_item(item_id, actor, evidence))

    def to_supervision(self) -> None:
        action = self._host.selected_action()
        if action is None:
            return
        item_id, actor = action["id"], self._actor

        def done(order: Any) -> None:
            self._host.show_notice(fill(self.tr("Supervision order %1 issued."), order.id))

        self.save(lambda: self.service.to_supervision(item_id, actor), done)

    # --- invitation responses ------------------------------------------------------------------

    def respond(self, state: Invitation) -> None:
        """The selected participant confirms, declines (asks the reason) or sends a deputy (asks
        the name)."""
        part = self._host.selected_participant()
        if part is None:
            return
        reason = deputy = ""
        if state == Invitation.DECLINED:
            text, ok = QInputDialog.getText(
                self._widget, self.tr("Decline invitation"), self.tr("Reason for declining:")
            )
            if not ok or not text.strip():
                return
            reason = text.strip()
        elif state == Invitation.DEPUTY:
            text, ok = QInputDialog.getText(
                self._widget, self.tr("Send a deputy"), self.tr("Name of the deputy who attends:")
            )
            if not ok or not text.strip():
                return
            deputy = text.strip()
        part_id, actor, service = part["id"], self._actor, self.service
        self.save(lambda: service.respond(part_id, actor, state, reason, deputy))

    # --- calendar files ----------------------------------------------------------------------

    def export_calendar(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self._widget, self.tr("Export calendar"), "meetings.ics", self.tr("iCalendar (*.ics)")
        )
        if not path:
            return
        start, days = self._host.visible_range()
        sessions = self._sessions
        self._runner.submit(
            lambda: export_calendar_file(sessions, start, days, path),
            lambda n: self._host.show_notice(fill(self.tr("Exported %1 meetings."), n)),
            self.save_failed,
        )

    def import_busy_times(self) -> None:
        """A department's busy times from an .ics file (they replace the ones imported before for
        that department); they shade the calendar and the slot search avoids them."""
        path, _ = QFileDialog.getOpenFileName(
            self._widget, self.tr("Import busy times"), "", self.tr("iCalendar (*.ics)")
        )
        if not path:
            return
        departments = department_choices(self._sessions)
        if not departments:
            return
        names = [name for _id, name in departments]
        name, ok = QInputDialog.getItem(
            self._widget,
            self.tr("Import busy times"),
            self.tr("Department whose busy times these are (replaces its earlier import):"),
            names,
            0,
            False,
        )
        if not ok or name not in names:
            return
        department_id = departments[names.index(name)][0]
        service = self.service

        def done(count: int) -> None:
            self._host.show_notice(fill(self.tr("Imported %1 busy times for %2."), count, name))

        self.save(lambda: service.import_busy_ics(Path(path).read_bytes(), department_id=department_id), done)

    # --- moving and convening ----------------------------------------------------------------

    def move_meeting(self, meeting_id: int, start: dt.datetime) -> None:
        """Reschedule to ``start`` (a drag in the calendar): the conflicts are checked first and,
        if there are any, shown and nothing is saved."""
        sessions, service, actor = self._sessions, self.service, self._actor

        def work() -> list[Conflict]:
            detail = load_meeting(sessions, meeting_id)
            if detail is None:
                return []
            if detail.status not in MOVABLE:
                raise _NotMovable(detail.status)
            resources = detail.resources()
            if detail.room_id is not None:
                resources.append(room(detail.room_id))
            conflicts = service.conflicts_for(
                start, detail.duration_min, resources, ignore_meeting_id=meeting_id
            )
            if conflicts:
                return conflicts
            service.schedule(meeting_id, actor, starts_at=start)
            return []

        def done(conflicts: list[Conflict]) -> None:
            if conflicts:
                text = self.tr("Not moved, conflicts:") + "\n" + conflicts_text(conflicts)
                self._host.show_notice(text, error=True)
                self.last_conflicts = conflicts
                return
            self.last_conflicts = []
            self._host.show_notice("")
            self.changed.emit()
            self._host.refresh()

        def failed(exc: Exception) -> None:
            if isinstance(exc, _NotMovable):
                self._host.show_notice(
                    self.tr("Only a draft, scheduled or postponed meeting can be moved."), error=True
                )
                return
            self.save_failed(exc)

        self._host.meeting_id = meeting_id
        self._runner.submit(work, done, failed)

    def convene_from_cases(self, case_ids: list[int]) -> None:
        """A new draft meeting on these cases at the first free slot; selects it and says when."""
        ids, actor = list(case_ids), self._actor

        def done(result: ConveneResult) -> None:
            self.last_convene = result
            if result.slot is None:
                text = self.tr("Meeting convened; no free slot was found, please schedule it by hand.")
            else:
                when = fmt(result.slot.start)
                text = fill(self.tr("Meeting convened; proposed slot: %1."), when)
                if not result.within_deadline:
                    text += " " + self.tr("This is after the cases' deadline.")
                self._host.anchor = to_local(result.slot.start).date()
            self._host.show_notice(text, error=result.slot is None or not result.within_deadline)
            self._host.meeting_id = result.meeting_id

        self.save(lambda: self.service.convene_from_cases(ids, actor), done)
