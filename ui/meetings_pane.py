"""The coordination-meeting scheduler, now the ``ui.meetings`` package; this module keeps the
names the window, the departments' task list and the tests import from here."""

from __future__ import annotations

from desktop.meeting_reads import CalendarData, MeetingDetail, load_calendar, load_meeting
from ui.meetings.calendar_range import DAY, MONTH, WEEK
from ui.meetings.dialogs import MinutesDialog, ScheduleDialog
from ui.meetings.labels import action_status_label, invitation_label, meeting_status_label
from ui.meetings.pane import MeetingsPane

__all__ = [
    "DAY",
    "MONTH",
    "WEEK",
    "CalendarData",
    "MeetingDetail",
    "MeetingsPane",
    "MinutesDialog",
    "ScheduleDialog",
    "action_status_label",
    "invitation_label",
    "load_calendar",
    "load_meeting",
    "meeting_status_label",
]
