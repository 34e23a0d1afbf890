"""The meetings screen's words and colours: the labels of meeting, invitation and action-item
states, the calendar's constants, and how an instant is shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.clock import to_local

# Below this width (docked beside the map) the pane is compact: calendar above the detail, the
# week's empty weekend hidden, short headers, secondary actions in a menu.
NARROW = 900
FIRST_HOUR, LAST_HOUR = 8, 18
ROWS = (LAST_HOUR - FIRST_HOUR) * 2  # half-hours
STATUS_COLOURS = {
    "draft": "#757575",
    "scheduled": "#1565c0",
    "held": "#2e7d32",
    "minutes_approved": "#00695c",
    "cancelled": "#b71c1c",
    "postponed": "#ef6c00",
}
NON_WORKING = QColor("#eeeeee")
BUSY = QColor("#ffe0b2")
MEETING_ROLE = Qt.ItemDataRole.UserRole + 1


def meeting_status_label(status: str) -> str:
    translate = QCoreApplication.translate
    return {
        "draft": translate("Meetings", "Draft"),
        "scheduled": translate("Meetings", "Scheduled"),
        "held": translate("Meetings", "Held"),
        "minutes_approved": translate("Meetings", "Minutes approved"),
        "cancelled": translate("Meetings", "Cancelled"),
        "postponed": translate("Meetings", "Postponed"),
    }.get(status, status)


def invitation_label(state: str) -> str:
    translate = QCoreApplication.translate
    return {
        "invited": translate("Meetings", "Invited"),
        "confirmed": translate("Meetings", "Confirmed"),
        "declined": translate("Meetings", "Declined"),
        "deputy": translate("Meetings", "Sends a deputy"),
    }.get(state, state)


def action_status_label(status: str) -> str:
    translate = QCoreApplication.translate
    return {
        "draft": translate("Meetings", "Draft"),
        "awaiting_department": translate("Meetings", "Awaiting department"),
        "done": translate("Meetings", "Done"),
        "cancelled": translate("Meetings", "Cancelled"),
    }.get(status, status)


def fmt(value: dt.datetime | None) -> str:
    """A local date and time to the minute, or a dash."""
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else "—"
