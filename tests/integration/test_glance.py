"""Reading at a glance (issue 16), on both engines: one definition of overdue shared by the
queue's counter, its filter, the alerts strip and the map; the map's markers are the queue's
result set; a town's staff open on their town."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case
from db.session import make_sessionmaker
from db.vocab import OPEN_STATUSES, Role, Status
from desktop.cases import queue
from desktop.cases.deadlines import sla_state
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter
from desktop.live.alerts import current_alerts
from desktop.live.mapdata import base_layers, case_markers

DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


@pytest.fixture
def sessions(demo_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(demo_engine)


def _set_deadlines(s: Session) -> dict[str, list[int]]:
    """Open cases with deadlines on every side of NOW, and the resolved and closed cases with
    old deadlines that the queue's counter once counted as overdue and the strip did not."""
    open_ids = list(
        s.scalars(select(Case.id).where(Case.status.in_([str(x) for x in OPEN_STATUSES])).order_by(Case.id))
    )
    closed_ids = list(s.scalars(select(Case.id).where(Case.status == "closed").order_by(Case.id).limit(6)))
    assert len(open_ids) >= 12 and len(closed_ids) == 6
    # Everything else: far from due, so only these cases decide.
    s.execute(update(Case).values(sla_warn_at=NOW + 100 * HOUR, sla_due_at=NOW + 200 * HOUR))
    groups = {
        "overdue": open_ids[:4],
        "due_now": open_ids[4:5],  # due exactly now: due soon, not yet overdue
        "warning": open_ids[5:8],
        "resolved_late": open_ids[8:10],
        "closed_late": closed_ids[:3],
    }
    s.execute(
        update(Case)
        .where(Case.id.in_(groups["overdue"]))
        .values(status=str(Status.ACCEPTED), sla_warn_at=NOW - 5 * HOUR, sla_due_at=NOW - HOUR)
    )
    s.execute(
        update(Case)
        .where(Case.id.in_(groups["due_now"]))
        .values(status=str(Status.IN_PROGRESS), sla_warn_at=NOW - HOUR, sla_due_at=NOW)
    )
    s.execute(
        update(Case)
        .where(Case.id.in_(groups["warning"]))
        .values(status=str(Status.REPORTED), sla_warn_at=NOW - HOUR, sla_due_at=NOW + HOUR)
    )
    s.execute(
        update(Case)
        .where(Case.id.in_(groups["resolved_late"]))
        .values(status=str(Status.RESOLVED), sla_warn_at=NOW - 9 * HOUR, sla_due_at=NOW - 8 * HOUR)
    )
    s.execute(
        update(Case)
        .where(Case.id.in_(groups["closed_late"]))
        .values(sla_warn_at=NOW - 9 * HOUR, sla_due_at=NOW - 8 * HOUR)
    )
    s.commit()
    return groups


def test_counter_filter_strip_and_map_agree_on_overdue(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        groups = _set_deadlines(s)
        counted = queue.counters(s, DISPATCHER, NOW)["overdue"]
        filtered = {
            r.id for r in queue.fetch_page(s, DISPATCHER, QueueFilter(overdue=True), now=NOW, limit=500)
        }
        near = {r.id for r in queue.fetch_page(s, DISPATCHER, QueueFilter(near_due=True), now=NOW, limit=500)}
        alerts = current_alerts(s, DISPATCHER, NOW, limit=500)
        markers = case_markers(s, DISPATCHER, now=NOW)
        rows = queue.fetch_rows(s, DISPATCHER, groups["overdue"] + groups["resolved_late"], NOW)
    breaches = {a.case_id for a in alerts if a.kind == "breach"}
    warnings = {a.case_id for a in alerts if a.kind == "warning"}
    overdue = set(groups["overdue"])
    assert counted == len(overdue) == len(breaches)
    assert filtered == breaches == overdue
    assert near == warnings == set(groups["warning"] + groups["due_now"])
    by_id = {m["id"]: m["sla"] for m in markers}
    assert {i for i, state in by_id.items() if state == "breached"} == overdue
    assert {i for i, state in by_id.items() if state == "warning"} == warnings
    assert all(by_id[i] == "" for i in groups["resolved_late"])  # no clock runs: no ring
    # The queue's SLA column says the same (the Python side of the one definition).
    assert {
        r.id for r in rows if sla_state(r.status, r.sla_warn_at, r.sla_due_at, NOW) == "breached"
    } == overdue


def test_sla_state_boundaries_match_the_sql() -> None:
    assert sla_state("accepted", NOW - HOUR, NOW, NOW) == "warning"  # due now: not yet overdue
    assert sla_state("accepted", NOW - HOUR, NOW - dt.timedelta(seconds=1), NOW) == "breached"
    assert sla_state("accepted", NOW, NOW + HOUR, NOW) == "warning"
    assert sla_state("accepted", NOW + HOUR, NOW + 2 * HOUR, NOW) == "ok"
    assert sla_state("resolved", NOW - 2 * HOUR, NOW - HOUR, NOW) == ""
    assert sla_state("reported", None, None, NOW) == ""


def test_markers_are_the_queues_result_set(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        groups = _set_deadlines(s)
        town_id = s.scalar(select(Case.town_id).where(Case.id == groups["warning"][0]))
        some_title = s.scalar(select(Case.title).where(Case.id == groups["overdue"][0]))
        filters = [
            QueueFilter(open_only=True),
            QueueFilter(overdue=True),
            QueueFilter(near_due=True),
            QueueFilter(town_ids=frozenset({town_id}), open_only=True),
            QueueFilter(text=some_title[:6]),
            QueueFilter(statuses=frozenset({Status.CLOSED})),
            QueueFilter(text="没有这样的案件标题"),
        ]
        for flt in filters:
            shown = {r.id for r in queue.fetch_page(s, DISPATCHER, flt, now=NOW, limit=5000)}
            markers = {m["id"] for m in case_markers(s, DISPATCHER, flt=flt, now=NOW)}
            assert markers == shown, flt
        # Live updates keep to the filter: a changed case outside it is absent (leaves the map).
        flt = QueueFilter(overdue=True)
        some = case_markers(
            s, DISPATCHER, flt=flt, now=NOW, ids=groups["overdue"][:1] + groups["warning"][:1]
        )
        assert [m["id"] for m in some] == groups["overdue"][:1]
        # Town staff see their own town only, filter or not.
        other = s.scalar(select(Case.town_id).where(Case.town_id != town_id).limit(1))
        staff = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town_id)
        assert all(
            s.scalar(select(Case.town_id).where(Case.id == m["id"])) == town_id
            for m in case_markers(s, staff, flt=QueueFilter(town_ids=frozenset({other})), now=NOW)
        )


def test_a_towns_staff_open_on_their_town(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        town_id = s.scalar(select(Case.town_id).limit(1))
        city = base_layers(s)
        staff = base_layers(s, Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town_id))
        dispatcher = base_layers(s, DISPATCHER)
    assert city["home"] is None and dispatcher["home"] is None
    (south, west), (north, east) = staff["home"]
    (c_south, c_west), (c_north, c_east) = city["bounds"]
    assert c_south <= south < north <= c_north and c_west <= west < east <= c_east
    assert (north - south) * (east - west) < (c_north - c_south) * (c_east - c_west) / 2
    # The town's label point lies inside its home bounds.
    (feature,) = [f for f in staff["towns"]["features"] if f["properties"]["id"] == town_id]
    lat, lon = feature["properties"]["label"]
    assert south <= lat <= north and west <= lon <= east
