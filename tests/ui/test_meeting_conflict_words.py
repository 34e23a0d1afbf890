"""The meetings' conflicts and refusals as the user reads them: the core gives facts (a day, the
hours, who is busy with what), the interface words them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from desktop.clock import CHINA_TZ
from desktop.meetings.service import MeetingError, MeetingNotPermitted
from desktop.meetings.slots import Conflict, ConflictKind, department, room
from ui.meetings.labels import conflict_text, conflicts_text
from ui.refusals import describe


def _at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, 28, hour, minute, tzinfo=CHINA_TZ).astimezone(dt.UTC)


def test_conflicts_name_the_day_the_hours_and_who_is_busy(qapp: QApplication) -> None:
    day_off = Conflict(ConflictKind.NON_WORKING_DAY, day=dt.date(2026, 11, 28))
    assert conflict_text(day_off) == "2026-11-28 (Saturday) is a day off (weekend or public holiday)"
    late = Conflict(ConflictKind.OUTSIDE_HOURS, start=_at(17), end=_at(18))
    assert conflict_text(late) == "17:00–18:00 is outside working hours (08:30–17:30)"
    booked = Conflict(
        ConflictKind.ROOM_BUSY, room(3), _at(9), _at(10), meeting_id=7, name="第一会议室", label="防汛会"
    )
    assert conflict_text(booked) == "第一会议室 is already booked: 11-28 09:00–10:00 (防汛会)"
    unnamed = Conflict(ConflictKind.DEPARTMENT_BUSY, department(5), _at(9), _at(10))
    assert conflict_text(unnamed) == "Department 5 is already booked: 11-28 09:00–10:00 (Busy)"
    assert conflicts_text([day_off, late]).count("\n") == 1


def test_meeting_refusals_show_the_meeting_states_by_their_labels(qapp: QApplication) -> None:
    refused = MeetingError(
        "meeting.invalid_transition", meeting_status="cancelled", to_meeting_status="scheduled"
    )
    assert describe(refused) == "The meeting is “Cancelled”; it cannot become “Scheduled”."
    item = MeetingError("meeting.action_not_awaiting", action_item_id=4, item_status="done")
    assert describe(item) == "Action item 4 is “Done”, not awaiting the department."
    assert "city leaders" in describe(MeetingNotPermitted("meeting.organise_role"))
    assert (
        describe(MeetingError("meeting.cases_missing", case_ids=[3, 9])) == "These cases do not exist: 3, 9."
    )


def test_supervision_refusals_read_as_sentences_where_the_case_panel_shows_them(qapp: QApplication) -> None:
    from desktop.meetings.supervision import SupervisionError
    from ui.errors import explain

    refused = SupervisionError("supervision.not_found", order_id=12)
    assert explain(refused) == "Supervision order 12 does not exist."
