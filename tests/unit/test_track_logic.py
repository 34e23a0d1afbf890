"""desktop.live.tracks without a database: geofence events, stops, distance, coverage, reports far
from the reporter's track."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from shapely.geometry import box

from desktop.live import tracks
from desktop.live.tracks import TrackPoint

T0 = dt.datetime(2026, 12, 1, 0, 0, tzinfo=dt.UTC)  # 08:00 in Pingdu
LAT0, LON0 = 36.78, 119.96
M_LAT = 1 / 110_574.0
M_LON = 1 / (111_320.0 * math.cos(math.radians(LAT0)))
OWN = 7
# The own grid: a 1 km square with its south-west corner at (LAT0, LON0).
GRID = box(LON0, LAT0, LON0 + 1000 * M_LON, LAT0 + 1000 * M_LAT)


def at(minute: float, east_m: float, north_m: float, **kw: object) -> TrackPoint:
    lat, lon = LAT0 + north_m * M_LAT, LON0 + east_m * M_LON
    inside = 0 <= east_m <= 1000 and 0 <= north_m <= 1000
    grid = kw.pop("grid_id", OWN if inside else 99)
    return TrackPoint(T0 + dt.timedelta(minutes=minute), lat, lon, grid_id=grid, **kw)  # type: ignore[arg-type]


def test_haversine_is_metres() -> None:
    assert tracks.haversine_m(LAT0, LON0, LAT0 + 1000 * M_LAT, LON0) == pytest.approx(1000, rel=0.01)


def test_flags_decide_what_counts() -> None:
    assert at(0, 10, 10, flags=64).mock and not at(0, 10, 10, flags=64).good
    assert at(0, 10, 10, flags=16).low_accuracy
    assert at(0, 10, 10, accuracy=150).low_accuracy
    assert at(0, 10, 10, accuracy=30).good


def test_exit_and_enter_events() -> None:
    points = [at(m, 500, 500) for m in range(0, 30)]  # in the grid
    points += [at(m, 1500, 500) for m in range(30, 50)]  # out for 20 minutes
    points += [at(m, 500, 500) for m in range(50, 60)]  # back
    events = tracks.geofence_events(points, OWN, GRID)
    assert [(e.kind, e.at) for e in events] == [
        ("exit", T0 + dt.timedelta(minutes=30)),
        ("enter", T0 + dt.timedelta(minutes=50)),
    ]
    assert events[0].grid_id == 99  # where the worker went


def test_a_minute_across_the_boundary_is_no_exit() -> None:
    points = [at(m, 990, 500) for m in range(0, 20)]
    points[10] = at(10, 1010, 500)  # one fix outside
    points[11] = at(11, 1010, 500)  # and another, two minutes in all
    assert tracks.geofence_events(points, OWN, GRID) == []


def test_mock_fixes_do_not_enter_the_grid() -> None:
    points = [at(m, 1500, 500) for m in range(0, 10)]
    points += [at(m, 500, 500, flags=64) for m in range(10, 40)]  # a fake location in the grid
    assert tracks.geofence_events(points, OWN, GRID) == []
    in_s, total_s = tracks.time_in_grid(points, OWN, GRID)
    assert in_s == 0 and total_s == 9 * 60


def test_polygon_decides_when_the_gateway_gave_no_grid() -> None:
    inside = at(0, 500, 500, grid_id=None)
    outside = at(0, 1500, 500, grid_id=None)
    assert tracks.inside_own_grid([inside, outside], OWN, GRID) == [True, False]


def test_time_in_grid_skips_gaps() -> None:
    points = [at(0, 500, 500), at(10, 500, 500), at(60, 500, 500), at(65, 1500, 500), at(70, 1500, 500)]
    in_s, total_s = tracks.time_in_grid(points, OWN, GRID)
    assert in_s == (10 + 5) * 60  # the 50-minute gap counts for nothing
    assert total_s == (10 + 5 + 5) * 60


def test_stops() -> None:
    points = [at(m, 100 + m * 80, 500) for m in range(0, 5)]  # walking east
    points += [at(m, 420 + (m % 2) * 10, 500) for m in range(5, 25)]  # 20 minutes at a house
    points += [at(m, 420 + (m - 24) * 80, 500) for m in range(25, 30)]
    stops = tracks.find_stops(points)
    assert len(stops) == 1
    assert stops[0].start == T0 + dt.timedelta(minutes=4)
    assert stops[0].minutes >= 19
    assert tracks.haversine_m(stops[0].lat, stops[0].lon, LAT0 + 500 * M_LAT, LON0 + 425 * M_LON) < 20


def test_distance_ignores_jitter() -> None:
    still = [at(m, 500 + (m % 3) * 8, 500 + (m % 2) * 8) for m in range(120)]
    assert tracks.travel_distance_m(still) == 0
    walk = [at(m, 100 + m * 50, 500) for m in range(17)]  # 800 m east
    assert tracks.travel_distance_m(walk) == pytest.approx(800, rel=0.02)
    walk.insert(5, at(5.5, 5000, 5000, flags=64))  # a mock jump adds nothing
    assert tracks.travel_distance_m(walk) == pytest.approx(800, rel=0.02)


def test_coverage_share_of_a_walked_line() -> None:
    raster = tracks.grid_raster(GRID)
    assert raster.cells == pytest.approx(400, abs=25)  # 20 × 20 cells of 50 m
    # A walk along the middle, west to east, one fix a minute (80 m apart): the cells whose centre
    # lies within 30 m of the line are the two rows beside it (centres 25 m off; the next 75 m).
    walk = [at(m, m * 80, 500) for m in range(13)]
    share = tracks.coverage_share(raster, walk)
    assert share == pytest.approx(40 / raster.cells, abs=3 / raster.cells)
    # Only the fixes would have covered fewer than half of those cells.
    lonely = [at(m * 20, m * 80, 500) for m in range(13)]  # 20 minutes apart: not joined
    assert tracks.coverage_share(raster, lonely) < share / 1.5
    assert tracks.coverage_share(raster, []) == 0


def test_report_near_the_track_is_ok_and_far_is_flagged() -> None:
    points = [at(m, m * 60, 500) for m in range(0, 20)]
    report = T0 + dt.timedelta(minutes=10, seconds=30)
    # Between the fixes at 600 m and 660 m east: interpolated to 630 m.
    near = tracks.check_report(points, report, LAT0 + 500 * M_LAT, LON0 + 640 * M_LON)
    assert near.status == "ok" and near.distance_m is not None and near.distance_m < 15
    far = tracks.check_report(points, report, LAT0 + 500 * M_LAT, LON0 + 2000 * M_LON)
    assert far.status == "far" and far.distance_m == pytest.approx(1370, rel=0.02)


def test_report_without_good_fixes_around_it() -> None:
    points = [at(m, 500, 500) for m in range(0, 10)]
    late = T0 + dt.timedelta(hours=2)
    assert tracks.check_report(points, late, LAT0, LON0).status == "no_track"
    mocked = [at(m, 500, 500, flags=64) for m in range(110, 130)]
    check = tracks.check_report(points + mocked, late, LAT0, LON0)
    assert check.status == "no_track" and check.mock_nearby


def test_summary_counts_flagged_fixes() -> None:
    # Standing 7 m from the centre of one cell: that cell alone is visited; the mock fix elsewhere
    # visits nothing.
    points = [at(m, 520, 520) for m in range(10)] + [at(10, 100, 100, flags=64), at(11, 520, 520, flags=16)]
    summary = tracks.summarize(points, OWN, GRID)
    assert (summary.fixes, summary.good, summary.mock, summary.low_accuracy) == (12, 10, 1, 1)
    assert summary.coverage == pytest.approx(1 / tracks.grid_raster(GRID).cells)


def test_day_bounds_are_local_days() -> None:
    start, end = tracks.day_bounds(dt.date(2026, 12, 1))
    assert start == dt.datetime(2026, 11, 30, 16, 0, tzinfo=dt.UTC)
    assert end - start == dt.timedelta(days=1)


def test_working_hours() -> None:
    assert tracks.in_working_hours(dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC))  # Tue 10:00
    assert not tracks.in_working_hours(dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC))  # 20:00
    assert not tracks.in_working_hours(dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC))  # Saturday
