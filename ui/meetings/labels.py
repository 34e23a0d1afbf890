"""The meetings screen's words and colours: the labels of meeting, invitation and action-item
states, the calendar's constants, and how an instant is shown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from desktop.clock import to_local
from desktop.meetings.slots import DAY_END, DAY_START, Conflict, ConflictKind, Resource, ResourceKind
from ui.text import fill

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


def resource_label(resource: Resource, names: dict[Resource, str] | None = None) -> str:
    """A person, department or room by its name if known, else by its kind and number."""
    name = (names or {}).get(resource)
    if name:
        return name
    translate = QCoreApplication.translate
    kinds = {
        ResourceKind.PERSON: translate("Meetings", "Person %1"),
        ResourceKind.DEPARTMENT: translate("Meetings", "Department %1"),
        ResourceKind.ROOM: translate("Meetings", "Room %1"),
    }
    return fill(kinds[resource.kind], resource.id)


def weekday_label(day: dt.date) -> str:
    translate = QCoreApplication.translate
    return (
        translate("Meetings", "Monday"),
        translate("Meetings", "Tuesday"),
        translate("Meetings", "Wednesday"),
        translate("Meetings", "Thursday"),
        translate("Meetings", "Friday"),
        translate("Meetings", "Saturday"),
        translate("Meetings", "Sunday"),
    )[day.weekday()]


def conflict_text(conflict: Conflict) -> str:
    """What is wrong with a proposed time, in a sentence: a day off, outside working hours, or a
    participant or room already booked (with what, when known)."""
    translate = QCoreApplication.translate
    c = conflict
    if c.kind == ConflictKind.NON_WORKING_DAY and c.day is not None:
        return fill(
            translate("Meetings", "%1 (%2) is a day off (weekend or public holiday)"),
            c.day.isoformat(),
            weekday_label(c.day),
        )
    if c.kind == ConflictKind.OUTSIDE_HOURS and c.start is not None and c.end is not None:
        return fill(
            translate("Meetings", "%1–%2 is outside working hours (%3–%4)"),
            f"{to_local(c.start):%H:%M}",
            f"{to_local(c.end):%H:%M}",
            f"{DAY_START:%H:%M}",
            f"{DAY_END:%H:%M}",
        )
    if c.resource is not None and c.start is not None and c.end is not None:
        who = resource_label(c.resource, {c.resource: c.name} if c.name else None)
        start, end = f"{to_local(c.start):%m-%d %H:%M}", f"{to_local(c.end):%H:%M}"
        label = c.label or (translate("Meetings", "Busy") if c.meeting_id is None else "")
        if label:
            return fill(translate("Meetings", "%1 is already booked: %2–%3 (%4)"), who, start, end, label)
        return fill(translate("Meetings", "%1 is already booked: %2–%3"), who, start, end)
    return str(c.kind)


def conflicts_text(conflicts: list[Conflict]) -> str:
    """Every conflict, one a line."""
    return "\n".join(conflict_text(c) for c in conflicts)
