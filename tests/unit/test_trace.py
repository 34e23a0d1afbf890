"""The responsibility trace from plain values: stints per level, deadlines met and missed,
supervision orders answered late or not at all."""

from __future__ import annotations

import datetime as dt

from db.vocab import Level, Severity
from desktop.cases.sla import SlaPolicy, WorkCalendar
from desktop.cases.trace import TraceEvent, TraceOrder, build_trace

UTC = dt.UTC
# Mon 2026-11-02 .. : plain working weeks (no holidays) in the official calendar.
T0 = dt.datetime(2026, 11, 2, 1, 0, tzinfo=UTC)  # Monday 09:00 in China
POLICY = SlaPolicy(WorkCalendar())


def h(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def test_a_case_missed_at_the_village_escalated_by_the_system_and_resolved_in_time_at_the_town() -> None:
    village_due = POLICY.due(Level.VILLAGE, Severity.GENERAL, T0)
    events = [
        TraceEvent(T0, "网格员甲", "worker", "report", "reported", None, 1),
        TraceEvent(h(2), "村干部乙", "town_staff", "accept", "accepted", 1, 1),
        TraceEvent(village_due + dt.timedelta(minutes=30), "SLA", "system", "escalate", "escalated", 1, 2),
        TraceEvent(village_due + dt.timedelta(hours=5), "镇干部丙", "town_staff", "accept", "accepted", 2, 2),
        TraceEvent(
            village_due + dt.timedelta(hours=30), "镇干部丙", "town_staff", "resolve", "resolved", 2, 2
        ),
    ]
    orders = [
        TraceOrder(1, "市领导", "石岭镇", "抓紧办理", h(10), h(30), h(40), "answered"),
        TraceOrder(2, "市领导", "石岭镇", "再次督办", h(50), h(60), None, "open"),
        TraceOrder(3, "市领导", "人社局", "配合", h(50), h(80), h(70), "signed_off"),
    ]
    now = village_due + dt.timedelta(days=10)
    t = build_trace(
        case_id=1,
        number="PD-1",
        title="t",
        town="石岭镇",
        village="东村",
        severity=int(Severity.GENERAL),
        status="resolved",
        reported_at=T0,
        level_now=2,
        due_now=None,
        events=events,
        orders=orders,
        now=now,
        policy=POLICY,
    )
    village, town = t.stints
    assert (village.level, village.handlers, village.ended_by) == (1, ("村干部乙",), "sla_escalate")
    assert village.deadline == village_due and village.missed and village.overdue_hours == 0.5
    assert town.level == 2 and town.start == events[2].at and town.ended_by == "resolved"
    assert town.end == events[4].at and not town.missed and town.hours == 29.5
    assert town.deadline == POLICY.due(Level.TOWN, Severity.GENERAL, events[2].at)
    assert [o.late_hours for o in t.orders] == [10.0, round((now - h(60)).total_seconds() / 3600, 1), 0.0]
    assert [o.answered for o in t.orders] == [True, False, True]
    assert len(t.missed_deadlines) == 1 and len(t.missed_orders) == 2 and t.sla_escalations == 1


def test_an_open_case_runs_against_the_deadline_stored_on_it() -> None:
    due = h(20)
    t = build_trace(
        case_id=2,
        number="PD-2",
        title="t",
        town="",
        village="",
        severity=int(Severity.MAJOR),
        status="in_progress",
        reported_at=T0,
        level_now=3,
        due_now=due,
        events=[TraceEvent(T0, "值班员", "dispatcher", "report", "reported", None, 3)],
        orders=[],
        now=h(26),
        policy=POLICY,
    )
    (only,) = t.stints
    assert only.level == 3 and only.end is None and only.ended_by == "open"
    assert only.deadline == due and only.hours == 26.0 and only.overdue_hours == 6.0
    assert only.handlers == ("值班员",)
