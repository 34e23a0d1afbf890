"""The meetings calendar's range (ui/meetings/calendar_range.py) and who a meeting needs free
(desktop.meetings.reads.MeetingDetail.resources): plain logic, no Qt, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.meetings.reads import MeetingDetail
from desktop.meetings.slots import department, person
from ui.meetings.calendar_range import DAY, MONTH, WEEK, CalendarRange

WEDNESDAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("mode", "first", "days"),
    [
        (DAY, WEDNESDAY, 1),
        (WEEK, dt.date(2026, 11, 30), 7),  # from Monday
        (MONTH, dt.date(2026, 11, 30), 42),  # six weeks from the Monday before the 1st
    ],
)
def test_the_visible_days(mode: str, first: dt.date, days: int) -> None:
    assert CalendarRange(WEDNESDAY, mode).visible() == (first, days)


def test_a_month_starting_on_monday_starts_its_view_on_the_first() -> None:
    assert CalendarRange(dt.date(2026, 6, 20), MONTH).visible() == (dt.date(2026, 6, 1), 42)


@pytest.mark.parametrize(
    ("mode", "anchor", "direction", "expected"),
    [
        (DAY, WEDNESDAY, 1, dt.date(2026, 12, 3)),
        (DAY, WEDNESDAY, -1, dt.date(2026, 12, 1)),
        (WEEK, WEDNESDAY, 1, dt.date(2026, 12, 9)),
        (WEEK, WEDNESDAY, -1, dt.date(2026, 11, 25)),
        (MONTH, WEDNESDAY, 1, dt.date(2027, 1, 1)),  # across the year
        (MONTH, dt.date(2026, 1, 31), -1, dt.date(2025, 12, 1)),
        (MONTH, dt.date(2026, 1, 31), 1, dt.date(2026, 2, 1)),  # no 31 February
    ],
)
def test_stepping(mode: str, anchor: dt.date, direction: int, expected: dt.date) -> None:
    calendar = CalendarRange(anchor, mode)
    calendar.step(direction)
    assert calendar.anchor == expected


def _detail(participants: list[dict[str, object]], convener_user_id: int | None) -> MeetingDetail:
    return MeetingDetail(
        id=1,
        title="协调会",
        status="draft",
        status_reason="",
        starts_at=dt.datetime(2026, 12, 2, 2, tzinfo=dt.UTC),
        duration_min=90,
        room_id=None,
        room="",
        video_link="",
        convener="王主任",
        convener_user_id=convener_user_id,
        participants=participants,  # type: ignore[arg-type]
    )


def test_who_must_be_free_for_a_meeting() -> None:
    detail = _detail(
        [
            {"department_id": 3, "user_id": None, "state": "confirmed"},
            {"department_id": 4, "user_id": 40, "state": "invited"},
            {"department_id": 5, "user_id": 50, "state": "declined"},  # not needed
            {"department_id": None, "user_id": 60, "state": "deputy"},
        ],
        convener_user_id=7,
    )
    assert detail.resources() == [department(3), department(4), person(40), person(60), person(7)]
    assert detail.ends_at == dt.datetime(2026, 12, 2, 3, 30, tzinfo=dt.UTC)
    assert _detail([], convener_user_id=None).resources() == []
