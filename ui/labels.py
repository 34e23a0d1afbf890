"""Display names for stored vocabulary values (status, level, severity, kind, category, role, durations)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

# Every label goes through translate() at call time, never at import: the translator is installed
# after modules are imported, and a language switch must show up on the next repaint.
_CTX = "Labels"


def _tr(source: str, disambiguation: str | None = None) -> str:
    return QCoreApplication.translate(_CTX, source, disambiguation)


def status_label(status: str) -> str:
    labels = {
        "reported": _tr("Reported"),
        "escalated": _tr("Escalated"),
        "accepted": _tr("Accepted"),
        "in_progress": _tr("In progress"),
        "resolved": _tr("Resolved"),
        "verified": _tr("Verified"),
        "closed": _tr("Closed"),
        "rejected": _tr("Rejected"),
        "duplicate": _tr("Duplicate"),
        "merged": _tr("Merged"),
    }
    # An unknown value (a newer schema) is shown raw rather than hidden.
    return labels.get(str(status), str(status))


def level_label(level: int) -> str:
    labels = {1: _tr("Village"), 2: _tr("Town"), 3: _tr("City")}
    return labels.get(int(level), str(level))


def severity_label(severity: int) -> str:
    labels = {
        1: _tr("General", "severity"),
        2: _tr("Major", "severity"),
        3: _tr("Serious", "severity"),
        4: _tr("Critical", "severity"),
    }
    return labels.get(int(severity), str(severity))


def kind_label(kind: str) -> str:
    labels = {"dispute": _tr("Dispute"), "hazard": _tr("Hazard"), "errand": _tr("Errand")}
    return labels.get(str(kind), str(kind))


def category_label(category: str) -> str:
    labels = {
        "neighbour": _tr("Neighbour"),
        "family": _tr("Family"),
        "land": _tr("Land"),
        "labour": _tr("Labour"),
        "property": _tr("Property"),
        "contract": _tr("Contract"),
        "other": _tr("Other", "category"),
        "petition_stability": _tr("Petition & stability"),
        "public_order": _tr("Public order"),
        "work_safety": _tr("Work safety"),
        "civil_affairs": _tr("Civil affairs"),
        "disability": _tr("Disability"),
        "medical": _tr("Medical"),
        "housing_permit": _tr("Housing permit"),
        "family_planning": _tr("Family planning"),
    }
    return labels.get(str(category), str(category))


def role_label(role: str) -> str:
    labels = {
        "dispatcher": _tr("Dispatcher"),
        "leader": _tr("Leader"),
        "town_staff": _tr("Town staff"),
        "department_staff": _tr("Department staff"),
        "admin": _tr("Administrator"),
        "auditor": _tr("Auditor"),
        "worker": _tr("Grid worker"),
        "system": _tr("System"),
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
    if days:
        text = _tr("%1d %2h", "duration").replace("%1", str(days)).replace("%2", str(hours))
    elif hours:
        text = (
            _tr("%1h %2m", "duration").replace("%1", str(hours)).replace("%2", str(mins))
            if mins
            else _tr("%1h", "duration").replace("%1", str(hours))
        )
    else:
        text = _tr("%1m", "duration").replace("%1", str(mins))
    return _tr("-%1", "overdue by a duration").replace("%1", text) if overdue else text
