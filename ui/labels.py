"""Display names for stored vocabulary values (status, level, severity, kind, category, role, durations)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from ui.text import fill

# Every label goes through translate() at call time, never at import: the translator is installed
# after modules are imported, and a language switch must show up on the next repaint.


# lupdate only sees calls spelled translate("Context", "source"[, "disambiguation"]) with
# literal arguments: a wrapper around it would hide the string from the catalogue.
translate = QCoreApplication.translate


def status_label(status: str) -> str:
    labels = {
        "reported": translate("Labels", "Reported"),
        "escalated": translate("Labels", "Escalated"),
        "accepted": translate("Labels", "Accepted"),
        "in_progress": translate("Labels", "In progress"),
        "resolved": translate("Labels", "Resolved"),
        "verified": translate("Labels", "Verified"),
        "closed": translate("Labels", "Closed"),
        "rejected": translate("Labels", "Rejected"),
        "duplicate": translate("Labels", "Duplicate"),
        "merged": translate("Labels", "Merged"),
    }
    # An unknown value (a newer schema) is shown raw rather than hidden.
    return labels.get(str(status), str(status))


def level_label(level: int) -> str:
    labels = {
        1: translate("Labels", "Village"),
        2: translate("Labels", "Town"),
        3: translate("Labels", "City"),
    }
    return labels.get(int(level), str(level))


def severity_label(severity: int) -> str:
    labels = {
        1: translate("Labels", "General", "severity"),
        2: translate("Labels", "Major", "severity"),
        3: translate("Labels", "Serious", "severity"),
        4: translate("Labels", "Critical", "severity"),
    }
    return labels.get(int(severity), str(severity))


def kind_label(kind: str) -> str:
    labels = {
        "dispute": translate("Labels", "Dispute"),
        "hazard": translate("Labels", "Hazard"),
        "errand": translate("Labels", "Errand"),
    }
    return labels.get(str(kind), str(kind))


def category_label(category: str) -> str:
    labels = {
        "neighbour": translate("Labels", "Neighbour"),
        "family": translate("Labels", "Family"),
        "land": translate("Labels", "Land"),
        "labour": translate("Labels", "Labour"),
        "property": translate("Labels", "Property"),
        "contract": translate("Labels", "Contract"),
        "other": translate("Labels", "Other", "category"),
        "petition_stability": translate("Labels", "Petition & stability"),
        "public_order": translate("Labels", "Public order"),
        "work_safety": translate("Labels", "Work safety"),
        "civil_affairs": translate("Labels", "Civil affairs"),
        "disability": translate("Labels", "Disability"),
        "medical": translate("Labels", "Medical"),
        "housing_permit": translate("Labels", "Housing permit"),
        "family_planning": translate("Labels", "Family planning"),
    }
    return labels.get(str(category), str(category))


def role_label(role: str) -> str:
    labels = {
        "dispatcher": translate("Labels", "Dispatcher"),
        "leader": translate("Labels", "Leader"),
        "town_staff": translate("Labels", "Town staff"),
        "department_staff": translate("Labels", "Department staff"),
        "admin": translate("Labels", "Administrator"),
        "auditor": translate("Labels", "Auditor"),
        "worker": translate("Labels", "Grid worker"),
        "system": translate("Labels", "System"),
        "gateway": translate("Labels", "Gateway service"),
    }
    return labels.get(str(role), str(role))


def duration_label(delta: dt.timedelta) -> str:
    """Time left on a deadline, coarse enough to read at a glance: "2d 4h", "3h 20m", "-3h".

    Overdue time is shown through its own translatable form so that Chinese can say 超时 rather
    than use a minus sign. Placeholders follow Qt's %1/%2 convention used across the UI.
    """
    seconds = int(delta.total_seconds())
    overdue = seconds < 0
    minutes = abs(seconds) // 60
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days >= 3:
        # Beyond a few days the hours are noise for a dispatcher scanning the queue.
        text = fill(translate("Labels", "%1d", "duration"), days)
    elif days:
        text = fill(translate("Labels", "%1d %2h", "duration"), days, hours)
    elif hours:
        text = (
            fill(translate("Labels", "%1h %2m", "duration"), hours, mins)
            if mins
            else fill(translate("Labels", "%1h", "duration"), hours)
        )
    else:
        text = fill(translate("Labels", "%1m", "duration"), mins)
    return fill(translate("Labels", "-%1", "overdue by a duration"), text) if overdue else text
