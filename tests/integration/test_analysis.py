"""desktop.analysis against a small hand-made city whose answers are worked out by hand, on both engines.

Two towns (A: villages A1, A2; B: village B1), cases placed around the period's edges in China's
local time (a case at 06:00 on a Monday is still Sunday in UTC; one at 05:00 on 1 April is still
31 March in UTC), each with the audit trail its path would leave.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session

from db.models import Case, CaseEvent, City, Grid, Town, Village
from db.session import make_sessionmaker
from db.vocab import Role
from desktop import analysis
from desktop.cases.ladder import Actor
from desktop.clock import CHINA_TZ

DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
START = dt.datetime(2026, 3, 1, tzinfo=CHINA_TZ)
END = dt.datetime(2026, 4, 1, tzinfo=CHINA_TZ)
TOWN_A, TOWN_B = 1, 2
V_A1, V_A2, V_B1 = 11, 12, 21


def local(month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=CHINA_TZ)


# id, reported (local), kind, category, village, hours to resolve, resolved level, score, actions
# (actions: (action, to_level) in order; "escalate" moves the level).
CASES: list[tuple[int, dt.datetime, str, str, int, float | None, int | None, int | None, list[Any]]] = [
    (
        1,
        local(3, 2, 10),
        "dispute",
        "neighbour",
        V_A1,
        2,
        1,
        5,
        ["report", "accept", "resolve", "verify", "close"],
    ),
    (2, local(3, 2, 6), "dispute", "neighbour", V_A1, 4, 1, 4, ["report", "accept", "resolve", "verify"]),
    (
        3,
        local(3, 10, 9),
        "dispute",
        "land",
        V_A2,
        10,
        2,
        3,
        ["report", "accept", ("escalate", 2), "accept", "resolve", "verify"],
    ),
    (
        4,
        local(3, 16, 9),
        "hazard",
        "public_order",
        V_A2,
        30,
        3,
        None,
        ["report", "accept", ("escalate", 2), ("escalate", 3), "accept", "resolve"],
    ),
    (5, local(3, 9, 14), "errand", "medical", V_B1, None, None, None, ["report"]),
    (
        6,
        local(3, 1, 23, 30),
        "dispute",
        "neighbour",
        V_B1,
        1.5,
        1,
        5,
        ["report", "accept", "resolve", "verify", "close"],
    ),
    # Outside the period by local time, inside it by UTC's date: reported 1 April 05:00.
    (7, local(4, 1, 5), "dispute", "family", V_A1, None, None, None, ["report", "accept"]),
    # Reported before the period, resolved inside it (counts for resolution, not for reports).
    (8, local(2, 28, 23), "dispute", "family", V_B1, 2, 1, 2, ["report", "accept", "resolve", "verify"]),
]
TOWN_OF = {V_A1: TOWN_A, V_A2: TOWN_A, V_B1: TOWN_B}


def _geography(s: Session) -> None:
    s.add(City(id=1, code="C", name="平度市"))
    s.flush()
    s.add_all(
        [
            Town(id=TOWN_A, city_id=1, code="TA", name="甲镇"),
            Town(id=TOWN_B, city_id=1, code="TB", name="乙镇"),
        ]
    )
    s.flush()
    for vid, name in ((V_A1, "甲一村"), (V_A2, "甲二村"), (V_B1, "乙一村")):
        s.add(Village(id=vid, town_id=TOWN_OF[vid], code=f"V{vid}", name=name))
    s.flush()
    for vid in (V_A1, V_A2, V_B1):
        s.add(Grid(id=vid, town_id=TOWN_OF[vid], village_id=vid, code=f"G{vid}", name=f"网格{vid}"))
    s.flush()


def _case_row(
    cid: int, reported: dt.datetime, kind: str, category: str, village: int, **extra: Any
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": cid,
        "number": f"T-{cid:06d}",
        "kind": kind,
        "category": category,
        "title": f"案件{cid}",
        "lat": 36.7,
        "lon": 119.9,
        "town_id": TOWN_OF[village],
        "village_id": village,
        "grid_id": village,
        "severity": 1,
        "status": "reported",
        "level": 1,
        "reported_at": reported,
        "updated_at": reported,
        "sla_started_at": reported,
        "resolved_at": None,
        "resolved_level": None,
        "satisfaction": None,
    }
    row.update(extra)
    return row


def _fill(engine: Engine) -> None:
    with make_sessionmaker(engine).begin() as s:
        _geography(s)
        cases, events = [], []
        for cid, reported, kind, category, village, hours, level, score, actions in CASES:
            resolved = reported + dt.timedelta(hours=hours) if hours is not None else None
            cases.append(
                _case_row(
                    cid,
                    reported,
                    kind,
                    category,
                    village,
                    status="verified" if score else ("resolved" if resolved else "accepted"),
                    level=level or 1,
                    resolved_at=resolved,
                    resolved_level=level,
                    satisfaction=score,
                )
            )
            lvl = 1
            for i, act in enumerate(actions):
                name, to = (act, lvl) if isinstance(act, str) else act
                lvl = to
                events.append(
                    {
                        "case_id": cid,
                        "at": reported + dt.timedelta(minutes=i),
                        "actor_role": "town_staff",
                        "action": name,
                        "to_level": to,
                    }
                )
        s.execute(insert(Case), cases)
        s.execute(insert(CaseEvent), events)


@pytest.fixture
def city(engine: Engine) -> Iterator[Engine]:
    _fill(engine)
    yield engine


def _session(engine: Engine) -> Session:
    return make_sessionmaker(engine)()


def test_trend_per_local_week_and_kind(city: Engine) -> None:
    with _session(city) as s:
        t = analysis.trend(s, DISPATCHER, START, END, "week", "kind")
    # Weeks overlapping March (local): from Monday 23 February to Monday 30 March.
    assert t.buckets == tuple(dt.date(2026, 2, 23) + dt.timedelta(days=7 * i) for i in range(6))
    got = {x.key: x.counts for x in t.series}
    # Case 6 (Sunday 1 March 23:30) is in the week of 23 Feb; case 2 (Monday 06:00 local, Sunday
    # in UTC) in the week of 2 March; case 7 (1 April local) is outside the period.
    assert got == {
        "dispute": (1, 2, 1, 0, 0, 0),
        "errand": (0, 0, 1, 0, 0, 0),
        "hazard": (0, 0, 0, 1, 0, 0),
    }
    assert [x.key for x in t.series] == ["dispute", "errand", "hazard"]  # largest first, then by key
    assert t.totals == (1, 2, 2, 1, 0, 0) and t.total == 6


def test_trend_per_month_and_town_with_names(city: Engine) -> None:
    with _session(city) as s:
        t = analysis.trend(s, DISPATCHER, START, END, "month", "town")
        cat = analysis.trend(s, DISPATCHER, START, END, "month", "category")
    assert t.buckets == (dt.date(2026, 3, 1),)
    assert [(x.key, x.name, x.counts) for x in t.series] == [("1", "甲镇", (4,)), ("2", "乙镇", (2,))]
    assert {x.key: x.total for x in cat.series} == {
        "neighbour": 3,
        "land": 1,
        "public_order": 1,
        "medical": 1,
    }


def test_trend_of_town_staff_is_their_town_only(city: Engine) -> None:
    staff = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=TOWN_B)
    with _session(city) as s:
        t = analysis.trend(s, staff, START, END, "week", "town")
    assert [(x.name, x.counts) for x in t.series] == [("乙镇", (1, 0, 1, 0, 0, 0))]


def test_resolution_shares_per_town_and_village(city: Engine) -> None:
    with _session(city) as s:
        towns = analysis.resolution_shares(s, DISPATCHER, START, END, "town")
        villages = analysis.resolution_shares(s, DISPATCHER, START, END, "village", town_id=TOWN_A)
        staff = analysis.resolution_shares(
            s, Actor(None, Role.TOWN_STAFF, town_id=TOWN_A), START, END, "town"
        )
    a, b = towns.rows
    assert (a.name, a.resolved, a.at_village, a.at_town, a.at_city) == ("甲镇", 4, 2, 1, 1)
    assert a.village_share == 0.5 and a.village_or_town_share == 0.75
    assert a.meets_village_target is False
    # Town B: case 6 and case 8 (reported in February, resolved on 1 March) at the village.
    assert (b.name, b.resolved, b.village_share, b.village_or_town_share) == ("乙镇", 2, 1.0, 1.0)
    assert b.meets_village_target is True and b.meets_village_or_town_target is True
    assert (towns.overall.resolved, towns.overall.at_village, towns.overall.at_town) == (6, 4, 1)
    assert towns.village_target == analysis.VILLAGE_SHARE_TARGET
    assert [(v.name, v.resolved, v.village_share, v.village_or_town_share) for v in villages.rows] == [
        ("甲一村", 2, 1.0, 1.0),
        ("甲二村", 2, 0.0, 0.5),
    ]
    assert [r.name for r in staff.rows] == ["甲镇"]


def test_resolution_shares_list_units_without_cases(city: Engine) -> None:
    later = (END, END + dt.timedelta(days=7))
    with _session(city) as s:
        empty = analysis.resolution_shares(s, DISPATCHER, *later, "town")
    assert [(r.name, r.resolved, r.village_share) for r in empty.rows] == [
        ("甲镇", 0, None),
        ("乙镇", 0, None),
    ]


def test_time_to_resolve_per_level(city: Engine) -> None:
    with _session(city) as s:
        t = analysis.time_to_resolve(s, DISPATCHER, START, END)
        staff = analysis.time_to_resolve(s, Actor(None, Role.TOWN_STAFF, town_id=TOWN_B), START, END)
    # Village: cases 1 (2 h), 2 (4 h), 6 (1.5 h), 8 (2 h) → sorted 1.5, 2, 2, 4.
    assert [(r.level, r.count, r.median_hours, r.p90_hours) for r in t.rows] == [
        (1, 4, 2.0, 4.0),
        (2, 1, 10.0, 10.0),
        (3, 1, 30.0, 30.0),
    ]
    assert [(r.level, r.count, r.median_hours) for r in staff.rows] == [
        (1, 2, 1.5),
        (2, 0, None),
        (3, 0, None),
    ]


def test_escalation_funnel_from_the_audit_trail(city: Engine) -> None:
    with _session(city) as s:
        f = analysis.escalation_funnel(s, DISPATCHER, START, END)
        a = analysis.escalation_funnel(s, Actor(None, Role.TOWN_STAFF, town_id=TOWN_A), START, END)
    assert [st.key for st in f.stages] == list(analysis.FUNNEL_STAGES)
    # Reported 1-6; accepted 1,2,3,4,6; to town 3,4; to city 4; resolved 1,2,3,4,6; verified/closed 1,2,3,6.
    assert [st.count for st in f.stages] == [6, 5, 2, 1, 5, 4]
    assert f.count("escalated_city") == 1 and f.stages[1].share == pytest.approx(5 / 6)
    assert [st.count for st in a.stages] == [4, 4, 2, 1, 4, 3]


def test_satisfaction_per_town(city: Engine) -> None:
    with _session(city) as s:
        sat = analysis.satisfaction(s, DISPATCHER, START, END)
        b_only = analysis.satisfaction(s, Actor(None, Role.TOWN_STAFF, town_id=TOWN_B), START, END)
    a, b = sat.rows
    assert (a.name, a.counts, a.total, a.mean) == ("甲镇", (0, 0, 1, 1, 1), 3, 4.0)
    assert (b.name, b.counts, b.total, b.mean) == ("乙镇", (0, 1, 0, 0, 1), 2, 3.5)
    assert sat.overall.counts == (0, 1, 1, 1, 2) and sat.overall.mean == pytest.approx(3.8)
    assert sat.overall.satisfied_share == pytest.approx(3 / 5)
    assert [r.name for r in b_only.rows] == ["乙镇"] and b_only.overall.total == 2


def test_bad_periods_are_refused(city: Engine) -> None:
    with _session(city) as s:
        with pytest.raises(analysis.AnalysisError, match="analysis.period_reversed"):
            analysis.trend(s, DISPATCHER, END, START)
        with pytest.raises(analysis.AnalysisError, match="analysis.naive_period"):
            analysis.trend(s, DISPATCHER, START.replace(tzinfo=None), END)
        with pytest.raises(analysis.AnalysisError, match="analysis.unknown_bucket"):
            analysis.trend(s, DISPATCHER, START, END, "day", "kind")  # type: ignore[arg-type]


# --- anomalies -------------------------------------------------------------------------------

ANOMALY_END = local(3, 30, 0)  # the latest period is 23 March 00:00 - 30 March 00:00 local


def _anomaly_city(engine: Engine) -> None:
    """Town A land: one case a week for 8 weeks, then 8 in the latest week (flagged).
    Town B neighbour: one a week, then 2 (ordinary). Town A labour: none, then 3 (flagged).
    Town B family: none, then 2 (below the minimum count)."""
    rows: list[dict[str, Any]] = []
    latest = ANOMALY_END - dt.timedelta(days=7)

    def add(village: int, kind: str, category: str, at: dt.datetime) -> None:
        rows.append(_case_row(len(rows) + 1, at, kind, category, village))

    for week in range(1, 9):
        add(V_A1, "dispute", "land", latest - dt.timedelta(days=7 * week - 2))
        add(V_B1, "dispute", "neighbour", latest - dt.timedelta(days=7 * week - 3))
    # Older than the baseline: must not count.
    for i in range(20):
        add(V_B1, "dispute", "family", latest - dt.timedelta(days=7 * 9 + i))
    for i in range(8):
        add(V_A2, "dispute", "land", latest + dt.timedelta(hours=5 + 12 * i))
    for i in range(2):
        add(V_B1, "dispute", "neighbour", latest + dt.timedelta(days=1 + i))
    for i in range(3):
        add(V_A1, "dispute", "labour", latest + dt.timedelta(days=2, hours=i))
    for i in range(2):
        add(V_B1, "dispute", "family", latest + dt.timedelta(days=3, hours=i))
    add(V_A1, "dispute", "labour", ANOMALY_END)  # at the end: outside
    with make_sessionmaker(engine).begin() as s:
        _geography(s)
        s.execute(insert(Case), rows)


def _poisson_tail(k: int, lam: float) -> float:
    return 1 - sum(math.exp(-lam) * lam**i / math.factorial(i) for i in range(k))


def test_anomalies_flag_improbable_weeks(engine: Engine) -> None:
    _anomaly_city(engine)
    with _session(engine) as s:
        found = analysis.anomalies(s, DISPATCHER, ANOMALY_END, weeks=8)
        staff_b = analysis.anomalies(s, Actor(None, Role.TOWN_STAFF, town_id=TOWN_B), ANOMALY_END, weeks=8)
    assert found.period_start == ANOMALY_END - dt.timedelta(days=7)
    assert found.tests == 4  # A land, A labour, B neighbour, B family (in the window)
    # Smallest p first: 8 against ~1 a week (p ≈ 1.5e-5) before 3 against none (p ≈ 4e-5).
    assert [(a.town, a.category, a.observed, a.expected, a.baseline_total) for a in found.items] == [
        ("甲镇", "land", 8, 1.0, 8),
        ("甲镇", "labour", 3, 0.0, 0),
    ]
    by_cat = {a.category: a for a in found.items}
    assert by_cat["land"].p_value == pytest.approx(_poisson_tail(8, 8.5 / 8), rel=1e-9)
    assert by_cat["labour"].p_value == pytest.approx(_poisson_tail(3, 0.5 / 8), rel=1e-9)
    assert [a.p_value for a in found.items] == sorted(a.p_value for a in found.items)
    assert by_cat["land"].kind == "dispute"
    assert by_cat["land"].weeks == 8
    assert staff_b.items == () and staff_b.tests == 2


def test_poisson_tail_matches_the_plain_sum() -> None:
    for k, lam in ((1, 0.3), (5, 2.0), (12, 3.5), (40, 20.0), (3, 0.0625)):
        assert analysis.poisson_sf(k, lam) == pytest.approx(_poisson_tail(k, lam), rel=1e-9, abs=1e-15)
    assert analysis.poisson_sf(0, 1.0) == 1.0
    assert 0 < analysis.poisson_sf(200, 5.0) < 1e-100  # far tail, no cancellation to zero
