"""Map data on the demo city (SQLite and PostgreSQL): boundaries, case markers in scope, worker fixes and cards."""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from typing import Any

import pytest
import shapely
from shapely.geometry import shape
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CaseDepartment, City, Grid, Position, Town, Village, Worker, WorkerLatest
from db.session import make_sessionmaker
from db.vocab import OPEN_STATUSES, Role
from desktop.cases.ladder import Actor
from desktop.errors import Refusal
from desktop.live.mapdata import (
    MAX_TRACK_POINTS,
    all_worker_statuses,
    base_layers,
    case_markers,
    mask_phone,
    status_changes,
    thin,
    worker_card,
    worker_positions,
    worker_status,
)

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # 10:00 in China
LOCAL_MIDNIGHT = dt.datetime(2026, 11, 19, 16, 0, tzinfo=dt.UTC)  # 00:00 on 20 Nov in China
DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
LEADER = Actor(user_id=None, role=Role.LEADER)
AUDITOR = Actor(user_id=None, role=Role.AUDITOR)
OPEN = sorted(str(s) for s in OPEN_STATUSES)
CASE_KEYS = {
    "id",
    "number",
    "title",
    "lat",
    "lon",
    "severity",
    "level",
    "status",
    "escalated",
    "mass_incident",
    "sla",
}
WORKER_KEYS = {"id", "name", "lat", "lon", "bearing", "speed", "battery", "device_time", "status"}


@pytest.fixture
def sessions(demo_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(demo_engine)


def _town_staff(town_id: int) -> Actor:
    return Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town_id)


def _workers_of_two_towns(s: Session) -> tuple[list[Worker], list[Worker]]:
    towns = s.scalars(select(Town.id).order_by(Town.id).limit(2)).all()
    first = list(s.scalars(select(Worker).where(Worker.town_id == towns[0]).order_by(Worker.id).limit(3)))
    second = list(s.scalars(select(Worker).where(Worker.town_id == towns[1]).order_by(Worker.id).limit(2)))
    return first, second


def _latest(worker: Worker, seq: int, age: dt.timedelta, **kw: Any) -> WorkerLatest:
    values: dict[str, Any] = {
        "worker_id": worker.id,
        "seq": seq,
        "device_time": NOW - age,
        "received_at": NOW - age + dt.timedelta(seconds=2),
        "lat": 36.8 + seq * 0.001,
        "lon": 119.9 + seq * 0.001,
        "speed": 1.1,
        "bearing": 45.0,
        "battery": 77.0,
        "grid_id": worker.grid_id,
    }
    values.update(kw)
    return WorkerLatest(**values)


# --- base layers ------------------------------------------------------------------------------


def test_base_layers_of_the_demo_city(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        started = time.perf_counter()
        layers = base_layers(s)
        seconds = time.perf_counter() - started
        originals = {
            name: {pid: shape(b) for pid, b in s.execute(select(model.id, model.boundary))}
            for name, model in (("city", City), ("towns", Town), ("villages", Village), ("grids", Grid))
        }
    counts = {k: len(layers[k]["features"]) for k in ("city", "towns", "villages", "grids")}
    assert counts == {"city": 1, "towns": 33, "villages": 1788, "grids": 1672}
    assert seconds < 2.0, seconds  # ~0.2 s measured; generous for slow CI
    for name in ("city", "towns", "villages", "grids"):
        for feature in layers[name]["features"]:
            props = feature["properties"]
            assert set(props) == {"id", "name", "code", "label"} and props["name"] and props["code"]
            geom = shape(feature["geometry"])
            assert geom.geom_type in ("Polygon", "MultiPolygon") and not geom.is_empty
            original = originals[name][props["id"]]
            # Simplified, not distorted: area within 3 %, and the label inside the place.
            assert geom.area == pytest.approx(original.area, rel=0.03)
            lat, lon = props["label"]
            assert original.buffer(1e-4).contains(shapely.Point(lon, lat))
    some_coordinates = layers["villages"]["features"][0]["geometry"]["coordinates"][0]
    assert all(round(c, 5) == c for point in some_coordinates for c in point)
    (south, west), (north, east) = layers["bounds"]
    assert south < north and west < east
    assert 36 < south < 37.2 and 119 < west < 121
    town_bounds = shapely.total_bounds([shape(f["geometry"]) for f in layers["towns"]["features"]])
    assert west <= town_bounds[0] + 1e-3 and east >= town_bounds[2] - 1e-3
    # Light enough to embed in the page.
    assert len(json.dumps(layers, ensure_ascii=False)) < 2_000_000


# --- cases ------------------------------------------------------------------------------------


def test_case_markers_are_the_open_cases_in_scope(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        # Make the picture richer than the demo's few open cases: reopen some closed ones.
        closed = s.scalars(select(Case.id).where(Case.status == "closed").order_by(Case.id).limit(30)).all()
        s.execute(update(Case).where(Case.id.in_(closed[:10])).values(status="escalated", level=2))
        s.execute(update(Case).where(Case.id.in_(closed[10:20])).values(status="accepted", level=1))
        s.execute(update(Case).where(Case.id == closed[20]).values(status="in_progress", level=3))
        s.execute(update(Case).where(Case.id == closed[21]).values(title="<img src=x onerror=alert(1)>"))
        s.commit()
        open_rows = s.execute(select(Case.id, Case.town_id).where(Case.status.in_(OPEN))).all()
        markers = case_markers(s, DISPATCHER)
        town_id = open_rows[0].town_id
        town_markers = case_markers(s, _town_staff(town_id))
        department_id = s.scalar(select(CaseDepartment.department_id).limit(1))
        department_cases = set(
            s.scalars(
                select(CaseDepartment.case_id)
                .join(Case, Case.id == CaseDepartment.case_id)
                .where(CaseDepartment.department_id == department_id, Case.status.in_(OPEN))
            )
        )
        department_markers = case_markers(
            s, Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=department_id)
        )
        limited = case_markers(s, DISPATCHER, limit=5)
        some = case_markers(s, DISPATCHER, ids=[closed[0], closed[25]])
        assert case_markers(s, DISPATCHER, ids=[]) == []

    assert {m["id"] for m in markers} == {r.id for r in open_rows}
    assert all(set(m) == CASE_KEYS for m in markers)
    assert {m["id"] for m in town_markers} == {r.id for r in open_rows if r.town_id == town_id}
    assert {m["id"] for m in department_markers} == department_cases
    by_id = {m["id"]: m for m in markers}
    assert all(by_id[i]["escalated"] and by_id[i]["status"] == "escalated" for i in closed[:10])
    assert not any(by_id[i]["escalated"] for i in closed[10:20])
    assert by_id[closed[20]]["escalated"]  # at city level, though its status is in_progress
    assert closed[21] not in by_id  # still closed
    # Most severe first, so that a limit keeps what matters.
    severities = [m["severity"] for m in markers]
    assert severities == sorted(severities, reverse=True)
    assert [m["id"] for m in limited] == [m["id"] for m in markers[:5]]
    assert [m["id"] for m in some] == [closed[0]]  # the closed one is absent: remove it from the map
    marker = by_id[closed[0]]
    assert isinstance(marker["lat"], float) and isinstance(marker["mass_incident"], bool)


# --- workers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age_minutes", "status"),
    [(-2, "online"), (0, "online"), (9.9, "online"), (10, "stale"), (59, "stale"), (60, "offline")],
)
def test_worker_status_by_age_of_the_last_fix(age_minutes: float, status: str) -> None:
    assert worker_status(NOW - dt.timedelta(minutes=age_minutes), NOW) == status


def test_worker_status_thresholds_are_configurable() -> None:
    fix = NOW - dt.timedelta(minutes=3)
    assert worker_status(fix, NOW, stale_after=dt.timedelta(minutes=2)) == "stale"
    assert worker_status(fix, NOW, offline_after=dt.timedelta(minutes=3)) == "offline"
    assert worker_status(None, NOW) == "offline"


def test_worker_positions_changed_since_and_in_scope(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        first, second = _workers_of_two_towns(s)
        ages = [dt.timedelta(minutes=1), dt.timedelta(minutes=30), dt.timedelta(hours=3)]
        for seq, (worker, age) in enumerate(zip(first, ages, strict=True), start=1):
            s.add(_latest(worker, seq, age))
        s.add(_latest(second[0], 4, dt.timedelta(minutes=2)))
        # An inactive worker's last fix stays off the map.
        second[1].active = False
        s.add(_latest(second[1], 5, dt.timedelta(minutes=2)))
        s.commit()

        rows, high = worker_positions(s, DISPATCHER, now=NOW)
        assert high == 4
        assert [r["id"] for r in rows] == [w.id for w in first] + [second[0].id]
        assert [r["status"] for r in rows] == ["online", "stale", "offline", "online"]
        assert all(set(r) == WORKER_KEYS for r in rows)
        assert rows[0]["name"] == first[0].name
        assert dt.datetime.fromisoformat(rows[0]["device_time"]) == NOW - dt.timedelta(minutes=1)

        assert worker_positions(s, DISPATCHER, since_seq=high, now=NOW) == ([], high)

        town_rows, town_high = worker_positions(s, _town_staff(first[0].town_id), now=NOW)
        assert [r["id"] for r in town_rows] == [w.id for w in first] and town_high == 3

        # A new fix for one worker: only that worker comes back, with the new mark.
        latest = s.get(WorkerLatest, first[2].id)
        assert latest is not None
        latest.seq, latest.device_time, latest.lat = 6, NOW, 36.9
        s.commit()
        rows, new_high = worker_positions(s, DISPATCHER, since_seq=high, now=NOW)
        assert [(r["id"], r["status"], r["lat"]) for r in rows] == [(first[2].id, "online", 36.9)]
        assert new_high == 6


def test_statuses_age_without_new_fixes(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        first, second = _workers_of_two_towns(s)
        s.add(_latest(first[0], 1, dt.timedelta(minutes=1)))
        s.add(_latest(first[1], 2, dt.timedelta(minutes=8)))
        s.add(_latest(second[0], 3, dt.timedelta(minutes=57)))
        s.commit()
        before = all_worker_statuses(s, DISPATCHER, NOW)
        after = all_worker_statuses(s, DISPATCHER, NOW + dt.timedelta(minutes=5))
        town_only = all_worker_statuses(s, _town_staff(first[0].town_id), NOW)
    assert before == {first[0].id: "online", first[1].id: "online", second[0].id: "stale"}
    assert after == {first[0].id: "online", first[1].id: "stale", second[0].id: "offline"}
    assert set(town_only) == {first[0].id, first[1].id}
    assert status_changes(before, after) == [
        {"id": first[1].id, "status": "stale"},
        {"id": second[0].id, "status": "offline"},
    ]
    assert status_changes(after, after) == []


def test_mask_phone() -> None:
    assert mask_phone("13812341234") == "138****1234"
    assert mask_phone("053288001234") == "053****1234"
    assert mask_phone("12345") == "***45"
    assert mask_phone("") == ""


def test_thin_keeps_ends_and_spacing() -> None:
    points = [[float(i), 0.0] for i in range(1234)]
    thinned = thin(points)
    assert len(thinned) == MAX_TRACK_POINTS
    assert thinned[0] == points[0] and thinned[-1] == points[-1]
    xs = [p[0] for p in thinned]
    assert xs == sorted(set(xs))
    assert thin(points[:10]) == points[:10]


def _add_track(s: Session, worker: Worker, rng: random.Random) -> list[tuple[float, float]]:
    """Yesterday's fixes, then 1,300 of today's (China day) every 20 s, inserted in random order."""
    s.add(Position(worker_id=worker.id, device_time=LOCAL_MIDNIGHT - dt.timedelta(minutes=1),
                   received_at=LOCAL_MIDNIGHT, lat=1.0, lon=1.0))  # fmt: skip
    today = [
        (LOCAL_MIDNIGHT + dt.timedelta(seconds=20 * i), 36.7 + i * 1e-4, 119.9 + i * 1e-4)
        for i in range(1300)
    ]
    shuffled = today[:]
    rng.shuffle(shuffled)
    s.add_all(
        Position(worker_id=worker.id, device_time=t, received_at=t, lat=lat, lon=lon)
        for t, lat, lon in shuffled
    )
    return [(lat, lon) for _, lat, lon in today]


def test_worker_card_with_todays_track_and_masked_phone(sessions: sessionmaker[Session]) -> None:
    rng = random.Random(5)
    with sessions() as s:
        first, second = _workers_of_two_towns(s)
        worker, other = first[0], first[1]
        today = _add_track(s, worker, rng)
        s.add(Position(worker_id=other.id, device_time=NOW, received_at=NOW, lat=2.0, lon=2.0))
        s.add(_latest(worker, 1, dt.timedelta(minutes=12), battery=55.0))
        s.commit()
        phone = worker.phone
        town = s.get(Town, worker.town_id)
        assert town is not None

        card = worker_card(s, DISPATCHER, worker.id, NOW)
        assert card["name"] == worker.name and card["town"] == town.name
        assert card["grid"] and card["squad"]
        assert card["phone"] == phone and card["phone_masked"] is False
        assert card["battery"] == 55.0 and card["status"] == "stale"
        assert card["last_report"] == "2026-11-20T09:48:00+08:00"
        track = card["track"]
        assert card["track_points"] == 1300 and len(track) <= MAX_TRACK_POINTS
        assert track[0] == pytest.approx(list(today[0])) and track[-1] == pytest.approx(list(today[-1]))
        lats = [p[0] for p in track]
        assert lats == sorted(lats)  # in time order, whatever order they were stored in
        assert [1.0, 1.0] not in track and [2.0, 2.0] not in track

        masked = "138****1234" if phone == "13812341234" else phone[:3] + "****" + phone[-4:]
        assert worker_card(s, LEADER, worker.id, NOW)["phone"] == phone
        assert worker_card(s, _town_staff(worker.town_id), worker.id, NOW)["phone"] == phone
        for actor in (AUDITOR, Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=1)):
            seen = worker_card(s, actor, worker.id, NOW)
            assert seen["phone"] == masked and seen["phone_masked"] is True
        with pytest.raises(LookupError) as caught:
            worker_card(s, _town_staff(second[0].town_id), worker.id, NOW)
        assert isinstance(caught.value, Refusal) and caught.value.code == "map.worker_not_visible"
        with pytest.raises(LookupError):
            worker_card(s, DISPATCHER, 10**9, NOW)

        # Tomorrow (China day) the track starts empty; a worker without fixes has no last report.
        assert worker_card(s, DISPATCHER, worker.id, NOW + dt.timedelta(days=1))["track"] == []
        fresh = worker_card(s, DISPATCHER, second[0].id, NOW)
        assert fresh["last_report"] is None and fresh["status"] == "offline" and fresh["track"] == []
        assert s.scalar(select(func.count()).select_from(Position)) == 1302
