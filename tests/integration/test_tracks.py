"""desktop.live.tracks on a real database (SQLite and PostgreSQL): the replay read, geofence events,
alerts, far-from-track reports and patrol coverage."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select

from db.models import Grid, Position, Worker, WorkerLatest
from db.session import make_engine, make_sessionmaker
from db.vocab import Kind, Role
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService, NewCase, actor_for
from desktop.clock import CHINA_TZ
from desktop.live import tracks
from desktop.seed.tracks import build_demo_tracks
from tests.pg_logins import Logins

DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
# A Tuesday, 10:00 in China: working hours.
NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 12, 1)
M_LAT = 1 / 110_574.0
# The demo tracks: built on a Saturday, for the Friday before (a full working day).
TRACKS_BUILT = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
TRACKS_DAY = dt.date(2026, 11, 27)


@pytest.fixture
def sessions(demo_engine: Engine) -> Any:
    """The demo city with the demo tracks of its first town on TRACKS_DAY (the tests' city is
    built without them, see desktop.seed.tracks)."""
    made = make_sessionmaker(demo_engine)
    with made() as s, s.begin():
        assert build_demo_tracks(s, TRACKS_BUILT) > 1000
    return made


def _worker(sessions: Any, offset: int = 0) -> tuple[int, int, int, float, float, int]:
    """(worker, own grid, town, grid centre lat, lon, a neighbouring grid of another worker)."""
    with sessions() as s:
        w = s.scalars(select(Worker).order_by(Worker.id.desc()).offset(offset).limit(1)).one()
        grid = s.get(Grid, w.grid_id)
        assert grid is not None and grid.lat is not None and grid.lon is not None
        other = s.scalar(select(Grid.id).where(Grid.id != grid.id).order_by(Grid.id).limit(1))
        return w.id, grid.id, w.town_id, float(grid.lat), float(grid.lon), int(other)


def _insert(
    sessions: Any, worker_id: int, fixes: list[tuple[dt.datetime, float, float, int | None, int]]
) -> None:
    with sessions() as s, s.begin():
        s.execute(
            insert(Position),
            [
                {
                    "worker_id": worker_id,
                    "device_time": t,
                    "received_at": t,
                    "lat": lat,
                    "lon": lon,
                    "accuracy": 10.0,
                    "grid_id": grid,
                    "flags": flags,
                }
                for t, lat, lon, grid, flags in fixes
            ],
        )


def _minutes(m: float) -> dt.datetime:
    return NOW - dt.timedelta(hours=2) + dt.timedelta(minutes=m)  # 08:00 local + m


def test_replay_read_of_a_demo_worker_day(sessions: Any) -> None:
    with sessions() as s:
        found = tracks.newest_track(s, DISPATCHER)
        assert found is not None
        worker_id, day = found
        assert day == TRACKS_DAY
        result = tracks.track_day(s, DISPATCHER, worker_id, day)
        start, end = tracks.day_bounds(day)
        stored = s.scalar(
            select(func.count()).where(
                Position.worker_id == worker_id, Position.device_time >= start, Position.device_time < end
            )
        )
    assert len(result.points) == stored > 50
    # The demo's worker with a mock-location app: its mock fixes are counted and marked.
    assert result.summary.mock > 0
    page = result.page_data()
    assert sum(1 for p in page["points"] if p[3] == 2) == result.summary.mock
    assert page["grid"]["type"] in ("Polygon", "MultiPolygon")
    times = [p.t for p in result.points]
    assert times == sorted(times)
    assert result.summary.coverage is not None and 0 < result.summary.coverage <= 1
    assert result.stops  # household visits


def test_geofence_events_from_stored_fixes(sessions: Any) -> None:
    worker_id, own, _town, lat, lon, other = _worker(sessions)
    fixes = [(_minutes(m), lat, lon, own, 0) for m in range(0, 20)]
    fixes += [(_minutes(m), lat + 0.02, lon, other, 0) for m in range(20, 40)]
    fixes += [(_minutes(m), lat, lon, own, 0) for m in range(40, 50)]
    fixes += [(_minutes(50), lat + 0.02, lon, other, int(tracks.Flag.MOCK))]
    _insert(sessions, worker_id, fixes)
    with sessions() as s:
        result = tracks.track_day(s, DISPATCHER, worker_id, DAY)
    assert [(e.kind, e.at) for e in result.events] == [("exit", _minutes(20)), ("enter", _minutes(40))]
    assert result.events[0].grid_id == other and other in result.grid_names
    assert result.summary.exits == 1 and result.summary.mock == 1
    assert result.summary.in_grid_s == 29 * 60 and result.summary.reporting_s == 49 * 60


def test_town_staff_cannot_replay_another_towns_worker(sessions: Any) -> None:
    worker_id, _own, town, *_ = _worker(sessions)
    stranger = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town + 1)
    with sessions() as s, pytest.raises(tracks.TrackError, match="track.no_worker"):
        tracks.track_day(s, stranger, worker_id, DAY)
    with sessions() as s:
        assert all(w["town_id"] == town + 1 for w in tracks.list_workers(s, stranger))


def test_report_far_from_the_reporters_track_is_flagged(sessions: Any, demo_engine: Engine) -> None:
    worker_id, _own, _town, lat, lon, _other = _worker(sessions)
    service = CaseService(sessions, clock=lambda: NOW)
    actor = Actor(user_id=None, role=Role.WORKER, name="网格员")

    def report(dlat: float) -> int:
        new = NewCase(
            kind=Kind.DISPUTE,
            category="neighbour",
            title="邻里因排水沟堵塞发生争执",
            lat=lat + dlat,
            lon=lon,
            reporter_worker_id=worker_id,
        )
        return service.report(new, actor).id

    near_id, far_id = report(0.0005), report(0.015)  # 55 m and 1.7 km from the track
    # Walking north through the grid centre at report time.
    _insert(
        sessions,
        worker_id,
        [(NOW + dt.timedelta(minutes=m), lat + m * 60 * M_LAT, lon, None, 0) for m in range(-10, 11, 2)],
    )
    with sessions() as s:
        near, far = tracks.case_track_check(s, near_id), tracks.case_track_check(s, far_id)
        day = tracks.track_day(s, DISPATCHER, worker_id, DAY)
    assert near is not None and near.status == "ok"
    assert far is not None and far.status == "far" and far.distance_m is not None and far.distance_m > 1500
    assert {c.case_id: c.check.status for c in day.cases} == {near_id: "ok", far_id: "far"}
    assert day.summary.far_reports == 1


def test_desk_cases_are_not_checked(sessions: Any) -> None:
    from db.vocab import Channel

    worker_id, _own, _town, lat, lon, _other = _worker(sessions)
    service = CaseService(sessions, clock=lambda: NOW)
    desk = Actor(user_id=None, role=Role.DISPATCHER, name="接待")
    new = NewCase(
        kind=Kind.DISPUTE, category="neighbour", title="来访", lat=lat, lon=lon, channel=Channel.RECEPTION
    )
    case_id = service.report(new, desk).id
    with sessions() as s:
        assert tracks.case_track_check(s, case_id) is None
        assert tracks.case_track_check(s, 10**9) is None


def _latest(sessions: Any, worker_id: int, t: dt.datetime, lat: float, lon: float, grid: int | None) -> None:
    with sessions() as s, s.begin():
        seq = (s.scalar(select(func.max(WorkerLatest.seq))) or 0) + 1
        s.execute(
            insert(WorkerLatest),
            [
                {
                    "worker_id": worker_id,
                    "seq": seq,
                    "device_time": t,
                    "received_at": t,
                    "lat": lat,
                    "lon": lon,
                    "grid_id": grid,
                }
            ],
        )


def test_out_of_grid_and_no_movement_alerts(sessions: Any) -> None:
    wanderer, own, _town, lat, lon, other = _worker(sessions, 0)
    sitter, own2, _t2, lat2, lon2, _o2 = _worker(sessions, 1)
    walker, own3, _t3, lat3, lon3, _o3 = _worker(sessions, 2)
    # Left the grid at 09:10, reporting from elsewhere since.
    _insert(sessions, wanderer, [(_minutes(m), lat, lon, own, 0) for m in range(0, 71, 5)])
    _insert(sessions, wanderer, [(_minutes(m), lat + 0.02, lon, other, 0) for m in range(75, 121, 5)])
    _latest(sessions, wanderer, _minutes(120), lat + 0.02, lon, other)
    # In the own grid, standing still for the last 90 minutes.
    _insert(
        sessions,
        sitter,
        [(_minutes(m), lat2 + (m % 2) * 5 * M_LAT, lon2, own2, 0) for m in range(30, 121, 5)],
    )
    _latest(sessions, sitter, _minutes(120), lat2, lon2, own2)
    # In the own grid and walking: no alert.
    _insert(sessions, walker, [(_minutes(m), lat3 + m * 4 * M_LAT, lon3, own3, 0) for m in range(0, 121, 5)])
    _latest(sessions, walker, _minutes(120), lat3 + 480 * M_LAT, lon3, own3)
    with sessions() as s:
        alerts = tracks.tracking_alerts(s, DISPATCHER, NOW)
        evening = tracks.tracking_alerts(s, DISPATCHER, NOW + dt.timedelta(hours=10))
    got = {(a.kind, a.worker_id) for a in alerts}
    assert got == {("out_of_grid", wanderer), ("no_movement", sitter)}
    out = next(a for a in alerts if a.kind == "out_of_grid")
    assert out.since == _minutes(70) and out.minutes == 50
    assert evening == []  # after working hours


def test_patrol_coverage_for_a_squad(sessions: Any) -> None:
    with sessions() as s:
        found = tracks.newest_track(s, DISPATCHER)
        assert found is not None
        worker_id, day = found
        squad = s.scalar(select(Worker.squad_id).where(Worker.id == worker_id))
        rows = tracks.patrol_coverage(s, DISPATCHER, day, day, squad_id=squad)
        single = tracks.patrol_coverage(s, DISPATCHER, day, day, worker_ids=[worker_id])
    assert worker_id in {r.worker_id for r in rows}
    mine = next(r for r in rows if r.worker_id == worker_id)
    assert mine == single[0]
    assert mine.days_reported == 1 and mine.distance_m > 500 and mine.mock > 0
    assert all(r.coverage is None or 0 <= r.coverage <= 1 for r in rows)
    assert any(r.in_grid_s > 3600 for r in rows)


def test_patrol_coverage_refuses_bad_ranges(sessions: Any) -> None:
    with sessions() as s:
        with pytest.raises(tracks.TrackError, match="track.range_reversed"):
            tracks.patrol_coverage(s, DISPATCHER, DAY, DAY - dt.timedelta(days=1))
        with pytest.raises(tracks.TrackError, match="track.range_too_long"):
            tracks.patrol_coverage(s, DISPATCHER, DAY, DAY + dt.timedelta(days=tracks.MAX_RANGE_DAYS))


def test_day_boundaries_are_china_days(sessions: Any) -> None:
    worker_id, own, _town, lat, lon, _other = _worker(sessions)
    # 23:50 local on 30 November and 00:10 local on 1 December.
    before = dt.datetime(2026, 11, 30, 15, 50, tzinfo=dt.UTC)
    after = dt.datetime(2026, 11, 30, 16, 10, tzinfo=dt.UTC)
    _insert(sessions, worker_id, [(before, lat, lon, own, 0), (after, lat, lon, own, 0)])
    with sessions() as s:
        result = tracks.track_day(s, DISPATCHER, worker_id, DAY)
    assert [p.t for p in result.points] == [after]
    assert after.astimezone(CHINA_TZ).date() == DAY
    assert math.isclose(result.points[0].lat, lat)


@pytest.mark.pg
def test_town_staff_login_replays_its_own_town_only(
    sessions: Any, demo_engine: Engine, logins: Logins
) -> None:
    """Over a real town login (forced row-level security): the own town's worker-day reads whole,
    another town's worker is not there even for a forged dispatcher actor."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("real logins exist on PostgreSQL only")
    with sessions() as s:
        found = tracks.newest_track(s, DISPATCHER)
        assert found is not None
        worker_id, day = found
        town = s.scalar(select(Worker.town_id).where(Worker.id == worker_id))
        stranger = s.scalar(select(Worker.id).where(Worker.town_id != town).order_by(Worker.id).limit(1))
        full = tracks.track_day(s, DISPATCHER, worker_id, day)
    login = logins.add_user(logins.unique("tracks_town"), "镇干部", "town_staff", town_id=town)
    staff_engine = make_engine(login.url)
    try:
        staff = make_sessionmaker(staff_engine)
        with staff() as s:
            actor = actor_for(s, login.name)
            mine = tracks.track_day(s, actor, worker_id, day)
            assert len(mine.points) == len(full.points) and mine.summary == full.summary
            rows = tracks.patrol_coverage(s, actor, day, day, town_id=town)
            assert worker_id in {r.worker_id for r in rows}
            forged = Actor(actor.user_id, Role.DISPATCHER, name=actor.name)
            with pytest.raises(tracks.TrackError):
                tracks.track_day(s, forged, int(stranger), day)
            assert tracks.patrol_coverage(s, forged, day, day, worker_ids=[int(stranger)]) == []
    finally:
        staff_engine.dispose()
