"""The rolling-screening cadence and compliance rules (desktop.screening), without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from db.vocab import SCREENING_ITEMS, SCREENING_TEMPLATES
from desktop.screening import (
    LATE,
    MISSED,
    PENDING,
    Place,
    RoundFact,
    checklist_template,
    evaluate,
    slot_of,
    slots_between,
    summarise,
    town_summaries,
)

D = dt.date
VILLAGE = Place("village", 1, 10, "东村", "甲镇")
VILLAGE2 = Place("village", 1, 11, "西村", "甲镇")
TOWN = Place("town", 1, None, "甲镇", "甲镇")
CITY = Place("city", None, None, "", "")


def fact(
    i: int, place: Place, start: D, end: D, screened: D, recorded: D | None = None, scope: str = "general"
) -> RoundFact:
    return RoundFact(
        i, place.level, place.town_id, place.village_id, start, end, screened, recorded or screened, scope
    )


def test_slots_follow_the_cadence() -> None:
    assert slot_of("village", D(2026, 12, 3)) == (D(2026, 12, 3), D(2026, 12, 3))
    assert slot_of("town", D(2026, 12, 3)) == (D(2026, 11, 30), D(2026, 12, 6))  # Monday–Sunday
    assert slot_of("city", D(2026, 12, 15)) == (D(2026, 12, 1), D(2026, 12, 15))
    assert slot_of("city", D(2026, 2, 16)) == (D(2026, 2, 16), D(2026, 2, 28))
    assert slot_of("city", D(2028, 2, 20)) == (D(2028, 2, 16), D(2028, 2, 29))  # leap year
    assert len(slots_between("village", D(2026, 12, 1), D(2026, 12, 7))) == 7
    assert slots_between("town", D(2026, 12, 1), D(2026, 12, 7)) == [
        (D(2026, 11, 30), D(2026, 12, 6)),
        (D(2026, 12, 7), D(2026, 12, 13)),
    ]
    with pytest.raises(ValueError):
        slot_of("county", D(2026, 1, 1))


def test_each_day_is_done_late_missed_or_pending() -> None:
    today = D(2026, 12, 5)
    rounds = [
        fact(1, VILLAGE, D(2026, 12, 1), D(2026, 12, 1), D(2026, 12, 1)),
        fact(
            2, VILLAGE, D(2026, 12, 2), D(2026, 12, 2), D(2026, 12, 2), recorded=D(2026, 12, 3)
        ),  # entered late
        # 12-03 missed; 12-04 screened on the day; 12-05 (today) not yet
        fact(3, VILLAGE, D(2026, 12, 4), D(2026, 12, 4), D(2026, 12, 4)),
        fact(4, VILLAGE2, D(2026, 12, 3), D(2026, 12, 3), D(2026, 12, 3)),  # another village's round
    ]
    slots = evaluate([VILLAGE], rounds, D(2026, 12, 1), D(2026, 12, 7), today)
    assert [(s.start.day, s.status) for s in slots] == [
        (1, "done"),
        (2, LATE),
        (3, MISSED),
        (4, "done"),
        (5, PENDING),
    ]  # 12-06 and 12-07 have not begun: not due
    [summary] = summarise(slots)
    assert (summary.due, summary.done, summary.late, summary.missed, summary.pending) == (5, 2, 1, 1, 1)
    assert summary.missed_slots == ((D(2026, 12, 3), D(2026, 12, 3)),)


def test_a_weekly_round_counts_for_its_week_and_a_sensitive_period_wants_a_focused_one() -> None:
    today = D(2026, 12, 16)
    rounds = [
        fact(1, TOWN, D(2026, 11, 30), D(2026, 12, 6), D(2026, 12, 4)),  # general, outside the period
        fact(2, TOWN, D(2026, 12, 7), D(2026, 12, 13), D(2026, 12, 11)),  # general inside: does not count
        fact(3, CITY, D(2026, 12, 1), D(2026, 12, 15), D(2026, 12, 12), scope="focused"),
    ]
    sensitive = [(D(2026, 12, 8), D(2026, 12, 20))]
    slots = evaluate([TOWN, CITY], rounds, D(2026, 11, 30), D(2026, 12, 16), today, sensitive)
    town = [s for s in slots if s.place.level == "town"]
    assert [(s.start.day, s.status, s.focus_required, s.general_only) for s in town] == [
        (30, "done", False, False),
        (7, MISSED, True, True),
        (14, PENDING, True, False),
    ]
    city = [s for s in slots if s.place.level == "city"]
    # 11-30 lies in the half month of 11-16..11-30, which has no round.
    assert [(s.start, s.status) for s in city] == [
        (D(2026, 11, 16), MISSED),
        (D(2026, 12, 1), "done"),
        (D(2026, 12, 16), PENDING),
    ]
    # Villages owe their daily round as usual in a sensitive period (no focused one required).
    [day] = evaluate([VILLAGE], [], D(2026, 12, 10), D(2026, 12, 10), today, sensitive)
    assert (day.status, day.focus_required) == (MISSED, False)


def test_counts_per_town_add_the_villages_days_and_the_towns_weeks() -> None:
    today = D(2026, 12, 8)
    rounds = [fact(1, VILLAGE, D(2026, 12, 1), D(2026, 12, 1), D(2026, 12, 1))]
    slots = evaluate([VILLAGE, VILLAGE2, TOWN, CITY], rounds, D(2026, 12, 1), D(2026, 12, 2), today)
    [town] = town_summaries(summarise(slots), {1: "甲镇"})
    assert (town.villages, town.village_due, town.village_missed, town.villages_missing) == (2, 4, 3, 2)
    assert (town.town_due, town.town_missed) == (1, 1)
    assert town.missed == 4


def test_checklist_templates_use_known_items() -> None:
    for (level, kind), codes in SCREENING_TEMPLATES.items():
        assert codes and set(codes) <= set(SCREENING_ITEMS), (level, kind)
        assert len(set(codes)) == len(codes)
    assert "key_persons" in checklist_template("village", "routine")
    sensitive = checklist_template("town", "routine", sensitive=True)
    assert "duty" in sensitive and "online" in sensitive and len(set(sensitive)) == len(sensitive)


def test_an_administrators_template_replaces_the_vocabularys() -> None:
    mine = {("village", "routine"): ("family", "petition")}
    assert checklist_template("village", "routine", templates=mine) == ("family", "petition")
    assert checklist_template("town", "routine", templates=mine) == SCREENING_TEMPLATES[("town", "routine")]
