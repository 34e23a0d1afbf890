"""Meeting conflicts and the first-free-slot search: pure rules, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ
from desktop.meetings.slots import (
    Busy,
    Conflict,
    ConflictKind,
    department,
    find_conflicts,
    first_free_slot,
    person,
    room,
)

CAL = WorkCalendar()
H = dt.timedelta(hours=1)


def local(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=CHINA_TZ)


# 2026-11-24 is a Tuesday, an ordinary working day.
TUE = (2026, 11, 24)


def kinds(conflicts: list[Conflict]) -> list[str]:
    return sorted(str(c.kind) for c in conflicts)


def test_a_free_working_hour_has_no_conflicts() -> None:
    assert find_conflicts(local(*TUE, 9), local(*TUE, 10), [department(1), room(1)], [], CAL) == []


def test_person_department_and_room_double_bookings_are_typed() -> None:
    busy = [
        Busy(person(7), local(*TUE, 9, 30), local(*TUE, 10, 30), "other meeting", meeting_id=5),
        Busy(department(3), local(*TUE, 8, 30), local(*TUE, 9, 15), "imported"),
        Busy(room(2), local(*TUE, 9, 59), local(*TUE, 11), "booked"),
        Busy(room(9), local(*TUE, 9), local(*TUE, 10), "another room: no conflict"),
        Busy(department(3), local(*TUE, 10), local(*TUE, 11), "touching end: no conflict"),
    ]
    found = find_conflicts(local(*TUE, 9), local(*TUE, 10), [person(7), department(3), room(2)], busy, CAL)
    assert kinds(found) == ["department_busy", "person_busy", "room_busy"]
    person_conflict = next(c for c in found if c.kind == ConflictKind.PERSON_BUSY)
    assert person_conflict.meeting_id == 5 and person_conflict.resource == person(7)


def test_the_meeting_itself_is_not_a_conflict_when_rescheduled() -> None:
    busy = [Busy(room(2), local(*TUE, 9), local(*TUE, 10), "me", meeting_id=11)]
    found = find_conflicts(
        local(*TUE, 9, 30), local(*TUE, 10, 30), [room(2)], busy, CAL, ignore_meeting_id=11
    )
    assert found == []


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (local(*TUE, 8), local(*TUE, 9)),  # starts before 08:30
        (local(*TUE, 17), local(*TUE, 18)),  # ends after 17:30
        (local(*TUE, 20), local(*TUE, 21)),
    ],
)
def test_outside_working_hours(start: dt.datetime, end: dt.datetime) -> None:
    assert kinds(find_conflicts(start, end, [], [], CAL)) == ["outside_hours"]


def test_weekend_and_public_holiday_and_make_up_day() -> None:
    saturday = find_conflicts(local(2026, 11, 28, 9), local(2026, 11, 28, 10), [], [], CAL)
    assert kinds(saturday) == ["non_working_day"]
    national_day = find_conflicts(local(2025, 10, 2, 9), local(2025, 10, 2, 10), [], [], CAL)
    assert kinds(national_day) == ["non_working_day"]
    # Sunday 2025-09-28 was a make-up working day (调休) for the National Day holiday.
    assert find_conflicts(local(2025, 9, 28, 9), local(2025, 9, 28, 10), [], [], CAL) == []


def test_utc_input_is_judged_in_china_time() -> None:
    # 01:00 UTC is 09:00 in Beijing: inside working hours.
    start = dt.datetime(2026, 11, 24, 1, 0, tzinfo=dt.UTC)
    assert find_conflicts(start, start + H, [], [], CAL) == []


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError):
        find_conflicts(dt.datetime(2026, 11, 24, 9), dt.datetime(2026, 11, 24, 10), [], [], CAL)


# --- slot search ----------------------------------------------------------------------------


def test_first_slot_is_the_day_opening_when_all_free() -> None:
    slot = first_free_slot([department(1)], [1], H, local(*TUE, 7), local(*TUE, 18), [], CAL)
    assert slot is not None
    assert slot.start == local(*TUE, 8, 30) and slot.end == local(*TUE, 9, 30) and slot.room_id == 1
    assert slot.start.tzinfo == dt.UTC


def test_slot_after_everyones_busy_times_aligned_to_quarter_hours() -> None:
    busy = [
        Busy(department(1), local(*TUE, 8, 30), local(*TUE, 10), "A busy"),
        Busy(department(2), local(*TUE, 10, 30), local(*TUE, 11, 7), "B busy"),
        Busy(person(5), local(*TUE, 11, 30), local(*TUE, 12), "leader busy"),
    ]
    # 10:00–10:30 is too short for an hour; 11:07 rounds to 11:15, then the leader is busy at 11:30.
    slot = first_free_slot(
        [department(1), department(2), person(5)], [], H, local(*TUE, 8), local(*TUE, 17, 30), busy, CAL
    )
    assert slot is not None and slot.start == local(*TUE, 12) and slot.room_id is None


def test_slot_picks_the_room_that_is_free_earliest() -> None:
    busy = [
        Busy(room(1), local(*TUE, 8, 30), local(*TUE, 12), "room 1 booked"),
        Busy(room(2), local(*TUE, 8, 30), local(*TUE, 10), "room 2 booked"),
    ]
    slot = first_free_slot([department(1)], [1, 2], H, local(*TUE, 8), local(*TUE, 17, 30), busy, CAL)
    assert slot is not None and slot.room_id == 2 and slot.start == local(*TUE, 10)


def test_slot_respects_earliest_and_skips_to_next_working_day() -> None:
    busy = [Busy(department(1), local(*TUE, 14), local(*TUE, 17, 30), "afternoon")]
    # Earliest 13:20 → 13:30; only 30 minutes before 14:00, so the next morning.
    slot = first_free_slot([department(1)], [], H, local(*TUE, 13, 20), local(2026, 11, 30, 18), busy, CAL)
    assert slot is not None and slot.start == local(2026, 11, 25, 8, 30)


def test_slot_skips_weekend() -> None:
    friday_afternoon = local(2026, 11, 27, 17)
    slot = first_free_slot([department(1)], [], H, friday_afternoon, local(2026, 12, 5, 18), [], CAL)
    assert slot is not None and slot.start == local(2026, 11, 30, 8, 30)  # Monday


def test_slot_skips_public_holiday_week() -> None:
    # National Day 2025: 1–8 October off; Thursday 9 October is the first working day.
    slot = first_free_slot([department(1)], [], H, local(2025, 9, 30, 17), local(2025, 10, 20, 0), [], CAL)
    assert slot is not None and slot.start == local(2025, 10, 9, 8, 30)


def test_no_slot_before_latest_returns_none() -> None:
    busy = [Busy(department(1), local(*TUE, 8), local(*TUE, 18), "all day")]
    assert first_free_slot([department(1)], [], H, local(*TUE, 8), local(*TUE, 18), busy, CAL) is None
    # A slot that would end after ``latest`` does not count either.
    assert first_free_slot([department(2)], [], H, local(*TUE, 16), local(*TUE, 16, 45), [], CAL) is None


def test_slot_found_is_free_of_conflicts() -> None:
    busy = [
        Busy(
            department(d),
            local(*TUE, 8, 30) + d * 40 * dt.timedelta(minutes=1),
            local(*TUE, 9, 30) + d * H,
            "x",
        )
        for d in range(1, 5)
    ] + [Busy(room(1), local(*TUE, 13), local(*TUE, 17), "r")]
    people = [department(d) for d in range(1, 5)]
    slot = first_free_slot(people, [1], 2 * H, local(*TUE, 8), local(2026, 11, 27, 18), busy, CAL)
    assert slot is not None
    assert find_conflicts(slot.start, slot.end, [*people, room(1)], busy, CAL) == []
