"""Meeting-time rules without a database: conflicts of a proposed time, and the first free slot.

A *resource* is a person, a department or a room; its calendar is a list of busy intervals
(other meetings, and busy times imported from .ics). Meetings happen on working days of the
official calendar (``WorkCalendar``), between 08:30 and 17:30 China time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ
from desktop.errors import Refusal

DAY_START = dt.time(8, 30)
DAY_END = dt.time(17, 30)
STEP = dt.timedelta(minutes=15)


class ResourceKind(StrEnum):
    PERSON = "person"
    DEPARTMENT = "department"
    ROOM = "room"


@dataclass(frozen=True, order=True)
class Resource:
    kind: ResourceKind
    id: int


def person(user_id: int) -> Resource:
    return Resource(ResourceKind.PERSON, user_id)


def department(department_id: int) -> Resource:
    return Resource(ResourceKind.DEPARTMENT, department_id)


def room(room_id: int) -> Resource:
    return Resource(ResourceKind.ROOM, room_id)


@dataclass(frozen=True)
class Busy:
    """``resource`` is busy from ``start`` to ``end`` (aware datetimes), because of ``label``."""

    resource: Resource
    start: dt.datetime
    end: dt.datetime
    label: str = ""
    meeting_id: int | None = None


class ConflictKind(StrEnum):
    PERSON_BUSY = "person_busy"
    DEPARTMENT_BUSY = "department_busy"
    ROOM_BUSY = "room_busy"
    OUTSIDE_HOURS = "outside_hours"
    NON_WORKING_DAY = "non_working_day"


_BUSY_KIND = {
    ResourceKind.PERSON: ConflictKind.PERSON_BUSY,
    ResourceKind.DEPARTMENT: ConflictKind.DEPARTMENT_BUSY,
    ResourceKind.ROOM: ConflictKind.ROOM_BUSY,
}


@dataclass(frozen=True)
class Conflict:
    """One thing wrong with a proposed time, as facts the interface words (``ui.meetings.labels``):
    a non-working ``day``; the meeting's local ``start``–``end`` outside working hours; or a
    ``resource`` (named ``name`` when known) busy from ``start`` to ``end`` with ``label``."""

    kind: ConflictKind
    resource: Resource | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    meeting_id: int | None = None
    day: dt.date | None = None
    name: str = ""
    label: str = ""


@dataclass(frozen=True)
class Slot:
    start: dt.datetime
    end: dt.datetime
    room_id: int | None


def _check_aware(*values: dt.datetime) -> None:
    for v in values:
        if v.tzinfo is None:
            raise Refusal("slots.naive_time")


def _window(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime.combine(day, DAY_START, tzinfo=CHINA_TZ),
        dt.datetime.combine(day, DAY_END, tzinfo=CHINA_TZ),
    )


def find_conflicts(
    start: dt.datetime,
    end: dt.datetime,
    resources: Iterable[Resource],
    busy: Iterable[Busy],
    calendar: WorkCalendar,
    *,
    ignore_meeting_id: int | None = None,
    names: Mapping[Resource, str] | None = None,
) -> list[Conflict]:
    """Everything wrong with holding a meeting from ``start`` to ``end`` with ``resources``.

    ``names`` gives the resources' names; the interface words the conflicts."""
    _check_aware(start, end)
    if end <= start:
        raise Refusal("slots.end_not_after_start")
    conflicts: list[Conflict] = []
    local_start, local_end = start.astimezone(CHINA_TZ), end.astimezone(CHINA_TZ)
    day = local_start.date()
    while day <= local_end.date():
        if not calendar.is_workday(day):
            conflicts.append(Conflict(ConflictKind.NON_WORKING_DAY, day=day))
        day += dt.timedelta(days=1)
    open_at, close_at = _window(local_start.date())
    if local_start < open_at or local_end > close_at:
        conflicts.append(Conflict(ConflictKind.OUTSIDE_HOURS, start=local_start, end=local_end))
    wanted = set(resources)
    for b in busy:
        if b.resource not in wanted or (ignore_meeting_id is not None and b.meeting_id == ignore_meeting_id):
            continue
        if b.start < end and start < b.end:
            conflicts.append(
                Conflict(
                    _BUSY_KIND[b.resource.kind],
                    b.resource,
                    b.start,
                    b.end,
                    b.meeting_id,
                    name=(names or {}).get(b.resource, ""),
                    label=b.label,
                )
            )
    return conflicts


def _round_up(value: dt.datetime, origin: dt.datetime) -> dt.datetime:
    """``value`` moved forward to the next ``STEP`` boundary counted from ``origin``."""
    steps = -((origin - value) // STEP)  # ceiling division on timedeltas
    return origin + steps * STEP if value > origin else origin


def _first_gap(
    open_at: dt.datetime,
    close_at: dt.datetime,
    intervals: Sequence[tuple[dt.datetime, dt.datetime]],
    need: dt.timedelta,
) -> dt.datetime | None:
    """Earliest step-aligned start in [open_at, close_at - need] that overlaps no interval."""
    candidate = open_at
    for b_start, b_end in sorted(intervals):
        if b_end <= candidate:
            continue
        if candidate + need <= b_start:
            break
        candidate = _round_up(max(candidate, b_end), open_at)
    return candidate if candidate + need <= close_at else None


def first_free_slot(
    participants: Iterable[Resource],
    room_candidates: Sequence[int],
    duration: dt.timedelta,
    earliest: dt.datetime,
    latest: dt.datetime,
    busy: Iterable[Busy],
    calendar: WorkCalendar,
) -> Slot | None:
    """The earliest slot of ``duration`` that ends by ``latest``, free for every participant and
    for one of the rooms (the first listed wins a tie; no rooms: a video meeting), on a working
    day within working hours. Starts fall on quarter hours counted from 08:30."""
    _check_aware(earliest, latest)
    if duration <= dt.timedelta(0):
        raise Refusal("slots.duration_not_positive")
    if duration > dt.datetime.combine(dt.date.min, DAY_END) - dt.datetime.combine(dt.date.min, DAY_START):
        return None
    people = set(participants)
    rooms: list[int | None] = list(room_candidates) or [None]
    people_busy: list[tuple[dt.datetime, dt.datetime]] = []
    room_busy: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {r: [] for r in room_candidates}
    for b in busy:
        if b.end <= earliest or b.start >= latest:
            continue
        if b.resource in people:
            people_busy.append((b.start, b.end))
        elif b.resource.kind == ResourceKind.ROOM and b.resource.id in room_busy:
            room_busy[b.resource.id].append((b.start, b.end))
    day = earliest.astimezone(CHINA_TZ).date()
    last_day = latest.astimezone(CHINA_TZ).date()
    while day <= last_day:
        if calendar.is_workday(day):
            open_at, close_at = _window(day)
            close_at = min(close_at, latest)
            floor = _round_up(earliest, open_at)
            best: Slot | None = None
            for r in rooms:
                intervals = people_busy + (room_busy[r] if r is not None else [])
                # Time before ``earliest`` counts as taken.
                start = _first_gap(open_at, close_at, [*intervals, (open_at, floor)], duration)
                if start is not None and (best is None or start < best.start):
                    best = Slot(start, start + duration, r)
            if best is not None:
                return Slot(best.start.astimezone(dt.UTC), best.end.astimezone(dt.UTC), best.room_id)
        day += dt.timedelta(days=1)
    return None
