"""Accountability from the workers' phones (轨迹回放、电子围栏、巡查覆盖): a worker-day's track with
its stops and grid enter/exit events, out-of-grid and no-movement alerts, field reports made far
from the reporter's own track, and patrol coverage (time in grid, distance, share of grid visited).

The logic is plain functions over lists of :class:`TrackPoint` (tested without a database); the
``session`` functions at the end read what they need and call them. Days are China local days.

Which fixes count: the gateway stores mock-location and coarse fixes flagged (``positions.flags``,
see :mod:`desktop.gateway.filters`). They are shown and counted, but never count as presence:
geofence events, stops, distance and coverage use the *good* fixes only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from sqlalchemy import DateTime, case, func, select, type_coerce
from sqlalchemy.orm import Session

from db.models import Case, Grid, Position, Squad, Town, Worker, WorkerLatest
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ
from desktop.errors import Refusal
from desktop.gateway.filters import Flag
from desktop.geo import geometry_from_geojson

# --- thresholds (the reasoning is beside each) ------------------------------------------------

# Coarser than this is not evidence of where someone was (a grid is ~1–2 km across; 100 m is what
# a phone gives indoors on Wi-Fi); the gateway flags beyond 200 m, we are stricter for presence.
LOW_ACCURACY_M = 100.0
# Consecutive fixes further apart than this are not joined: the phone was off or out of signal,
# and the time between is neither "in the grid" nor "patrolling".
MAX_GAP = dt.timedelta(minutes=15)
# An enter/exit must hold this long: a walk along the boundary with GPS noise of a few tens of
# metres would otherwise produce an event every minute.
MIN_DWELL = dt.timedelta(minutes=3)
# A stop (停留点): fixes within STOP_RADIUS_M of its first fix for at least STOP_MIN (a household
# visit lasts a quarter of an hour; five minutes separates a visit from a traffic light).
STOP_RADIUS_M = 50.0
STOP_MIN = dt.timedelta(minutes=5)
# Distance counts a move only once the worker is this far from the last counted point: standing
# still, GPS jitter of ±10 m per fix would add kilometres over a day.
JITTER_M = 20.0
# Coverage raster (the share of the grid visited): cells of COVER_CELL_M, a cell visited when its
# centre lies within COVER_REACH_M of the walked track (segments between good fixes, not only the
# fixes: at one fix a minute a walker's fixes are ~80 m apart).
COVER_CELL_M = 50.0
COVER_REACH_M = 30.0
_DENSIFY_M = 15.0
# A field report is compared with the reporter's position at its time: the track interpolated
# between the good fixes around it within REPORT_WINDOW; beyond FAR_M (plus the fix's accuracy)
# the report is flagged. 500 m: farther than GPS error and than "across the street" can explain.
REPORT_WINDOW = dt.timedelta(minutes=15)
FAR_M = 500.0
# Alerts. Working hours (local) on working days: outside them nobody is expected in the grid.
WORK_START = dt.time(8, 0)
WORK_END = dt.time(18, 0)
OUT_OF_GRID_MIN = 30  # N: the latest fix outside the own grid for longer than this
STILL_MIN = 60  # K: no movement for longer than this …
STILL_M = 30.0  # M: … beyond this many metres (bounding box of the good fixes)
# A worker counts as reporting while the newest fix is younger than this (desktop.live.mapdata's stale).
REPORTING_WITHIN = dt.timedelta(minutes=10)
MAX_RANGE_DAYS = 31

_MOCK = int(Flag.MOCK)
_ACCURACY = int(Flag.ACCURACY)
_M_PER_DEG_LAT = 110_574.0
_M_PER_DEG_LON_EQ = 111_320.0
_CALENDAR = WorkCalendar()


class TrackError(Refusal):
    """Bad input (no such worker in scope, a reversed or too long range); nothing was read."""


# --- points --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackPoint:
    t: dt.datetime  # aware UTC
    lat: float
    lon: float
    accuracy: float | None = None
    speed: float | None = None
    grid_id: int | None = None
    flags: int = 0

    @property
    def mock(self) -> bool:
        return bool(self.flags & _MOCK)

    @property
    def low_accuracy(self) -> bool:
        return bool(self.flags & _ACCURACY) or (self.accuracy is not None and self.accuracy > LOW_ACCURACY_M)

    @property
    def good(self) -> bool:
        return not self.mock and not self.low_accuracy


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(a)))


def good_points(points: Iterable[TrackPoint]) -> list[TrackPoint]:
    return [p for p in points if p.good]


# --- geofence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GeofenceEvent:
    kind: str  # "enter" | "exit"
    at: dt.datetime
    lat: float
    lon: float
    grid_id: int | None  # the grid entered (own grid) or the one the worker went to (None: none)


def inside_own_grid(points: Sequence[TrackPoint], own_grid_id: int, own_geom: Any | None) -> list[bool]:
    """Per point: inside the worker's own grid. The gateway's ``grid_id`` decides; a fix without
    one (stored before the grids had boundaries, or outside every grid) is tested against the
    grid's polygon, when known."""
    out: list[bool] = []
    for p in points:
        if p.grid_id is not None:
            out.append(p.grid_id == own_grid_id)
        elif own_geom is not None:
            out.append(bool(shapely.intersects_xy(own_geom, p.lon, p.lat)))
        else:
            out.append(False)
    return out


def geofence_events(
    points: Sequence[TrackPoint],
    own_grid_id: int,
    own_geom: Any | None = None,
    *,
    min_dwell: dt.timedelta = MIN_DWELL,
) -> list[GeofenceEvent]:
    """Enter/exit events of the own grid over a day's good fixes, debounced by ``min_dwell``.

    The day's first good fix sets the state without an event when it is inside (the worker starts
    in the grid); starting outside yields nothing until the worker enters. A change of state counts
    only when the new state holds for ``min_dwell`` (or until the day's last fix, if it is longer
    than ``min_dwell`` after the change): a minute across the boundary is no exit.
    """
    pts = good_points(points)
    if not pts:
        return []
    inside = inside_own_grid(pts, own_grid_id, own_geom)
    events: list[GeofenceEvent] = []
    state = inside[0]
    i, n = 1, len(pts)
    while i < n:
        if inside[i] == state:
            i += 1
            continue
        # A candidate change at i: does the new state hold for min_dwell?
        j = i
        while j + 1 < n and inside[j + 1] == inside[i] and pts[j + 1].t - pts[i].t < min_dwell:
            j += 1
        held = pts[j].t - pts[i].t >= min_dwell or (
            j + 1 < n and inside[j + 1] == inside[i]
        )  # the run goes on past min_dwell
        if held:
            state = inside[i]
            p = pts[i]
            events.append(
                GeofenceEvent(
                    "enter" if state else "exit", p.t, p.lat, p.lon, own_grid_id if state else p.grid_id
                )
            )
            i = j + 1
        else:
            i = j + 1
    return events


def time_in_grid(
    points: Sequence[TrackPoint],
    own_grid_id: int,
    own_geom: Any | None = None,
    *,
    max_gap: dt.timedelta = MAX_GAP,
) -> tuple[float, float]:
    """(seconds in the own grid, seconds reporting) over the good fixes: each interval between
    consecutive good fixes no more than ``max_gap`` apart counts for the state of its first fix."""
    pts = good_points(points)
    inside = inside_own_grid(pts, own_grid_id, own_geom)
    in_s = total_s = 0.0
    for k in range(len(pts) - 1):
        gap = pts[k + 1].t - pts[k].t
        if gap > max_gap:
            continue
        seconds = gap.total_seconds()
        total_s += seconds
        if inside[k]:
            in_s += seconds
    return in_s, total_s


# --- movement ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Stop:
    start: dt.datetime
    end: dt.datetime
    lat: float
    lon: float
    fixes: int

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60


def find_stops(
    points: Sequence[TrackPoint],
    *,
    radius_m: float = STOP_RADIUS_M,
    min_duration: dt.timedelta = STOP_MIN,
    max_gap: dt.timedelta = MAX_GAP,
) -> list[Stop]:
    """Stay points (Li et al. 2008): a maximal run of good fixes within ``radius_m`` of its first
    fix lasting at least ``min_duration``; a gap longer than ``max_gap`` ends a run."""
    pts = good_points(points)
    stops: list[Stop] = []
    i, n = 0, len(pts)
    while i < n:
        j = i + 1
        while (
            j < n
            and pts[j].t - pts[j - 1].t <= max_gap
            and haversine_m(pts[i].lat, pts[i].lon, pts[j].lat, pts[j].lon) <= radius_m
        ):
            j += 1
        if pts[j - 1].t - pts[i].t >= min_duration:
            run = pts[i:j]
            stops.append(
                Stop(
                    run[0].t,
                    run[-1].t,
                    sum(p.lat for p in run) / len(run),
                    sum(p.lon for p in run) / len(run),
                    len(run),
                )
            )
            i = j
        else:
            i += 1
    return stops


def travel_distance_m(points: Sequence[TrackPoint], *, jitter_m: float = JITTER_M) -> float:
    """Metres travelled along the good fixes, counting a move only once it leaves ``jitter_m`` of
    the last counted point (gaps included: a worker who switched the phone off still moved)."""
    pts = good_points(points)
    if not pts:
        return 0.0
    total = 0.0
    anchor = pts[0]
    for p in pts[1:]:
        d = haversine_m(anchor.lat, anchor.lon, p.lat, p.lon)
        if d > jitter_m:
            total += d
            anchor = p
    return total


# --- coverage ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Raster:
    """A grid polygon's coverage cells in local metres around ``origin`` (lat, lon)."""

    origin: tuple[float, float]
    x0: float
    y0: float
    cell: float
    inside: Any  # bool array [rows, cols]

    @property
    def cells(self) -> int:
        return int(self.inside.sum())


def _to_metres(lat0: float, lon0: float, lat: Any, lon: Any) -> tuple[Any, Any]:
    kx = _M_PER_DEG_LON_EQ * math.cos(math.radians(lat0))
    return (np.asarray(lon, dtype=float) - lon0) * kx, (np.asarray(lat, dtype=float) - lat0) * _M_PER_DEG_LAT


def grid_raster(geom: Any, cell_m: float = COVER_CELL_M) -> Raster:
    """The cells of ``cell_m`` whose centres lie in ``geom`` (lon/lat)."""
    minx, miny, maxx, maxy = geom.bounds
    lat0, lon0 = (miny + maxy) / 2, (minx + maxx) / 2
    kx = _M_PER_DEG_LON_EQ * math.cos(math.radians(lat0))
    metric = shapely.transform(
        geom, lambda xy: np.column_stack(((xy[:, 0] - lon0) * kx, (xy[:, 1] - lat0) * _M_PER_DEG_LAT))
    )
    bx0, by0, bx1, by1 = metric.bounds
    cols = max(1, math.ceil((bx1 - bx0) / cell_m))
    rows = max(1, math.ceil((by1 - by0) / cell_m))
    xs = bx0 + (np.arange(cols) + 0.5) * cell_m
    ys = by0 + (np.arange(rows) + 0.5) * cell_m
    gx, gy = np.meshgrid(xs, ys)
    shapely.prepare(metric)
    inside = shapely.contains_xy(metric, gx, gy)
    return Raster((lat0, lon0), bx0, by0, cell_m, inside)


def _densified(points: Sequence[TrackPoint], raster: Raster, max_gap: dt.timedelta) -> tuple[Any, Any]:
    """The walked track in the raster's metres: good fixes, and points every ~15 m along the
    segments between consecutive good fixes no more than ``max_gap`` apart."""
    pts = good_points(points)
    if not pts:
        return np.zeros(0), np.zeros(0)
    x, y = _to_metres(*raster.origin, [p.lat for p in pts], [p.lon for p in pts])
    xs, ys = [x], [y]
    for k in range(len(pts) - 1):
        if pts[k + 1].t - pts[k].t > max_gap:
            continue
        d = math.hypot(x[k + 1] - x[k], y[k + 1] - y[k])
        steps = int(d // _DENSIFY_M)
        if steps:
            f = np.arange(1, steps + 1) / (steps + 1)
            xs.append(x[k] + (x[k + 1] - x[k]) * f)
            ys.append(y[k] + (y[k + 1] - y[k]) * f)
    return np.concatenate(xs), np.concatenate(ys)


def visited_cells(
    raster: Raster,
    points: Sequence[TrackPoint],
    *,
    reach_m: float = COVER_REACH_M,
    max_gap: dt.timedelta = MAX_GAP,
) -> Any:
    """Bool array like ``raster.inside``: cells in the grid whose centre lies within ``reach_m``
    of the walked track."""
    rows, cols = raster.inside.shape
    visited = np.zeros((rows, cols), dtype=bool)
    x, y = _densified(points, raster, max_gap)
    if not len(x):
        return visited
    ci = np.floor((x - raster.x0) / raster.cell).astype(np.int64)
    cj = np.floor((y - raster.y0) / raster.cell).astype(np.int64)
    span = math.ceil(reach_m / raster.cell)
    for di in range(-span, span + 1):
        for dj in range(-span, span + 1):
            i, j = ci + di, cj + dj
            ok = (i >= 0) & (i < cols) & (j >= 0) & (j < rows)
            cx = raster.x0 + (i + 0.5) * raster.cell
            cy = raster.y0 + (j + 0.5) * raster.cell
            ok &= np.hypot(cx - x, cy - y) <= reach_m
            visited[j[ok], i[ok]] = True
    return visited & raster.inside


def coverage_share(raster: Raster, points: Sequence[TrackPoint], **kwargs: Any) -> float:
    """Share (0..1) of the grid's cells visited; 0 for a grid without cells."""
    total = raster.cells
    if not total:
        return 0.0
    return float(visited_cells(raster, points, **kwargs).sum()) / total


# --- reports far from the track -------------------------------------------------------------


@dataclass(frozen=True)
class ReportCheck:
    """Where the reporter's track was when a field report was made.

    ``status``: "ok" (near), "far" (more than FAR_M plus accuracy away), "no_track" (no good fix
    within REPORT_WINDOW of the report: the phone was off, or only mock/coarse fixes).
    """

    status: str
    distance_m: float | None = None
    track_lat: float | None = None
    track_lon: float | None = None
    fix_at: dt.datetime | None = None
    mock_nearby: bool = False


def position_at(
    points: Sequence[TrackPoint], at: dt.datetime, window: dt.timedelta = REPORT_WINDOW
) -> tuple[float, float, dt.datetime, float] | None:
    """(lat, lon, nearest fix time, accuracy) on the good track at ``at``: interpolated between the
    good fixes around it when both lie within ``window``, else the nearer one within it."""
    pts = [p for p in good_points(points) if abs(p.t - at) <= window]
    if not pts:
        return None
    before = [p for p in pts if p.t <= at]
    after = [p for p in pts if p.t >= at]
    if before and after:
        a, b = before[-1], after[0]
        span = (b.t - a.t).total_seconds()
        f = 0.0 if span <= 0 else (at - a.t).total_seconds() / span
        near = a if f <= 0.5 else b
        return (
            a.lat + (b.lat - a.lat) * f,
            a.lon + (b.lon - a.lon) * f,
            near.t,
            max(a.accuracy or 0, b.accuracy or 0),
        )
    p = before[-1] if before else after[0]
    return p.lat, p.lon, p.t, p.accuracy or 0.0


def check_report(
    points: Sequence[TrackPoint],
    at: dt.datetime,
    lat: float,
    lon: float,
    *,
    window: dt.timedelta = REPORT_WINDOW,
    far_m: float = FAR_M,
) -> ReportCheck:
    """A field report made at (lat, lon) at time ``at`` against the reporter's track."""
    mock = any(p.mock and abs(p.t - at) <= window for p in points)
    found = position_at(points, at, window)
    if found is None:
        return ReportCheck("no_track", mock_nearby=mock)
    tlat, tlon, fix_at, accuracy = found
    d = haversine_m(lat, lon, tlat, tlon)
    return ReportCheck("far" if d > far_m + accuracy else "ok", round(d, 1), tlat, tlon, fix_at, mock)


# --- day summary ---------------------------------------------------------------------------


@dataclass
class DaySummary:
    fixes: int = 0
    good: int = 0
    mock: int = 0
    low_accuracy: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    distance_m: float = 0.0
    in_grid_s: float = 0.0
    reporting_s: float = 0.0
    coverage: float | None = None  # share of the own grid visited, 0..1 (None: grid has no boundary)
    stops: int = 0
    exits: int = 0
    far_reports: int = 0


def summarize(
    points: Sequence[TrackPoint], own_grid_id: int, own_geom: Any | None, raster: Raster | None = None
) -> DaySummary:
    s = DaySummary(fixes=len(points))
    s.mock = sum(1 for p in points if p.mock)
    s.low_accuracy = sum(1 for p in points if p.low_accuracy and not p.mock)
    s.good = sum(1 for p in points if p.good)
    if points:
        s.first, s.last = points[0].t, points[-1].t
    s.distance_m = travel_distance_m(points)
    s.in_grid_s, s.reporting_s = time_in_grid(points, own_grid_id, own_geom)
    if raster is None and own_geom is not None:
        raster = grid_raster(own_geom)
    if raster is not None:
        s.coverage = coverage_share(raster, points)
    return s


# --- days and scope ------------------------------------------------------------------------


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The UTC instants a China local day starts and ends at."""
    start = dt.datetime.combine(day, dt.time(), CHINA_TZ).astimezone(dt.UTC)
    return start, start + dt.timedelta(days=1)


def in_working_hours(now: dt.datetime, calendar: WorkCalendar = _CALENDAR) -> bool:
    local = now.astimezone(CHINA_TZ)
    return calendar.is_workday(local.date()) and WORK_START <= local.time() < WORK_END


def _worker_scope(actor: Actor) -> list[Any]:
    """Like the map's: town staff see their town's workers only (the database enforces it too)."""
    clauses: list[Any] = []
    if actor.role == Role.TOWN_STAFF:
        clauses.append(Worker.town_id == (actor.town_id if actor.town_id is not None else -1))
    return clauses


def _naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def read_points(
    session: Session, worker_ids: Sequence[int], start: dt.datetime, end: dt.datetime
) -> dict[int, list[TrackPoint]]:
    """The fixes of these workers in [start, end), in time order, per worker."""
    out: dict[int, list[TrackPoint]] = {int(w): [] for w in worker_ids}
    if not worker_ids:
        return out
    query = (
        select(
            Position.worker_id,
            # Naive UTC as stored: the UTC type's per-row conversion is done once below.
            type_coerce(Position.device_time, DateTime()),
            Position.lat,
            Position.lon,
            Position.accuracy,
            Position.speed,
            Position.grid_id,
            Position.flags,
        )
        .where(
            Position.worker_id.in_([int(w) for w in worker_ids]),
            Position.device_time >= start,
            Position.device_time < end,
        )
        .order_by(Position.worker_id, Position.device_time)
    )
    utc = dt.UTC
    for wid, t, lat, lon, acc, speed, grid, flags in session.connection().execute(query):
        out[wid].append(TrackPoint(t.replace(tzinfo=utc), lat, lon, acc, speed, grid, flags or 0))
    return out


@dataclass(frozen=True)
class WorkerInfo:
    id: int
    name: str
    town_id: int
    town: str
    squad_id: int
    squad: str
    grid_id: int
    grid: str
    boundary: dict[str, Any] | None


def worker_info(session: Session, actor: Actor, worker_id: int) -> WorkerInfo:
    row = session.execute(
        select(
            Worker.id,
            Worker.name,
            Worker.town_id,
            Town.name,
            Worker.squad_id,
            Squad.name,
            Worker.grid_id,
            Grid.name,
            Grid.boundary,
        )
        .join(Town, Town.id == Worker.town_id)
        .join(Squad, Squad.id == Worker.squad_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .where(Worker.id == worker_id, *_worker_scope(actor))
    ).first()
    if row is None:
        raise TrackError("track.no_worker", worker_id=worker_id)
    wid, name, town_id, town, squad_id, squad, grid_id, grid, boundary = row
    return WorkerInfo(
        int(wid),
        name,
        int(town_id),
        town,
        int(squad_id),
        squad,
        int(grid_id),
        grid,
        dict(boundary) if boundary else None,
    )


def list_workers(session: Session, actor: Actor, town_id: int | None = None) -> list[dict[str, Any]]:
    """In-scope workers for the replay's picker: id, name, town, squad, grid (by town, name)."""
    query = (
        select(Worker.id, Worker.name, Worker.pinyin, Town.id, Town.name, Squad.id, Squad.name, Grid.name)
        .join(Town, Town.id == Worker.town_id)
        .join(Squad, Squad.id == Worker.squad_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .where(Worker.active.is_(True), *_worker_scope(actor))
        .order_by(Town.id, Squad.id, Worker.id)
    )
    if town_id is not None:
        query = query.where(Worker.town_id == town_id)
    return [
        {"id": w, "name": n, "pinyin": p, "town_id": t, "town": tn, "squad_id": s, "squad": sn, "grid": g}
        for w, n, p, t, tn, s, sn, g in session.execute(query).all()
    ]


def list_units(session: Session, actor: Actor) -> list[dict[str, Any]]:
    """Towns and their squads in scope, for the coverage table's unit picker."""
    query = (
        select(Town.id, Town.name, Squad.id, Squad.name)
        .join(Squad, Squad.town_id == Town.id)
        .order_by(Town.id, Squad.id)
    )
    if actor.role == Role.TOWN_STAFF:
        query = query.where(Town.id == (actor.town_id if actor.town_id is not None else -1))
    towns: dict[int, dict[str, Any]] = {}
    for tid, tname, sid, sname in session.execute(query).all():
        towns.setdefault(tid, {"id": tid, "name": tname, "squads": []})["squads"].append(
            {"id": sid, "name": sname}
        )
    return list(towns.values())


# --- the replay read -----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseOnTrack:
    case_id: int
    number: str
    title: str
    reported_at: dt.datetime
    lat: float
    lon: float
    check: ReportCheck


@dataclass
class TrackDay:
    worker: WorkerInfo
    day: dt.date
    points: list[TrackPoint]
    events: list[GeofenceEvent]
    stops: list[Stop]
    cases: list[CaseOnTrack]
    summary: DaySummary
    grid_names: dict[int, str] = field(default_factory=dict)

    def page_data(self) -> dict[str, Any]:
        """What the replay page draws, JSON-ready: points as [lat, lon, epoch s, kind] with kind
        0 good, 1 coarse, 2 mock; the own grid's outline; stops; events; reports."""

        def kind(p: TrackPoint) -> int:
            return 2 if p.mock else 1 if p.low_accuracy else 0

        return {
            "worker": self.worker.name,
            "points": [
                [round(p.lat, 6), round(p.lon, 6), int(p.t.timestamp()), kind(p)] for p in self.points
            ],
            "grid": self.worker.boundary,
            "stops": [
                [round(s.lat, 6), round(s.lon, 6), int(s.start.timestamp()), int(s.end.timestamp())]
                for s in self.stops
            ],
            "events": [
                [e.kind, round(e.lat, 6), round(e.lon, 6), int(e.at.timestamp())] for e in self.events
            ],
            "cases": [
                [c.number, round(c.lat, 6), round(c.lon, 6), int(c.reported_at.timestamp()), c.check.status]
                for c in self.cases
            ],
        }


def _field_cases(
    session: Session, worker_id: int, start: dt.datetime, end: dt.datetime
) -> list[tuple[int, str, str, dt.datetime, float, float]]:
    rows = session.execute(
        select(Case.id, Case.number, Case.title, Case.reported_at, Case.lat, Case.lon)
        .where(
            Case.reporter_worker_id == worker_id,
            Case.channel == "field",
            Case.reported_at >= start,
            Case.reported_at < end,
        )
        .order_by(Case.reported_at)
    ).all()
    return [(int(i), n, t, at, float(la), float(lo)) for i, n, t, at, la, lo in rows]


def track_day(session: Session, actor: Actor, worker_id: int, day: dt.date) -> TrackDay:
    """Everything the replay window shows for one worker and one local day. TrackError when the
    worker is not in the actor's scope."""
    info = worker_info(session, actor, worker_id)
    start, end = day_bounds(day)
    points = read_points(session, [worker_id], start, end)[worker_id]
    geom = geometry_from_geojson(info.boundary) if info.boundary else None
    if geom is not None:
        shapely.prepare(geom)
    events = geofence_events(points, info.grid_id, geom)
    stops = find_stops(points)
    summary = summarize(points, info.grid_id, geom)
    summary.stops = len(stops)
    summary.exits = sum(1 for e in events if e.kind == "exit")
    # Reports near the day's edges are checked against the fixes of the day only (a report at
    # 00:05 has no fix of the previous evening here): enough for a working day.
    cases = [
        CaseOnTrack(cid, number, title, at, lat, lon, check_report(points, at, lat, lon))
        for cid, number, title, at, lat, lon in _field_cases(session, worker_id, start, end)
    ]
    summary.far_reports = sum(1 for c in cases if c.check.status == "far")
    grid_ids = {e.grid_id for e in events if e.grid_id is not None}
    names: dict[int, str] = {}
    if grid_ids:
        names = {
            int(i): str(n)
            for i, n in session.execute(select(Grid.id, Grid.name).where(Grid.id.in_(grid_ids)))
        }
    return TrackDay(info, day, points, events, stops, cases, summary, names)


def case_track_check(session: Session, case_id: int) -> ReportCheck | None:
    """For the case panel: a field report's place against its reporter's track at the time
    (None when the case was not reported by a worker from the field, or does not exist)."""
    row = session.execute(
        select(Case.reporter_worker_id, Case.reported_at, Case.lat, Case.lon, Case.channel).where(
            Case.id == case_id
        )
    ).first()
    if row is None or row.reporter_worker_id is None or row.channel != "field":
        return None
    at = row.reported_at
    points = read_points(session, [row.reporter_worker_id], at - REPORT_WINDOW, at + REPORT_WINDOW)[
        row.reporter_worker_id
    ]
    return check_report(points, at, float(row.lat), float(row.lon))


# --- alerts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackAlert:
    kind: str  # "out_of_grid" | "no_movement"
    worker_id: int
    worker: str
    town_id: int
    since: dt.datetime  # when the condition began (last fix in the grid / first still fix)
    minutes: int
    lat: float
    lon: float

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.worker_id)


def tracking_alerts(
    session: Session,
    actor: Actor,
    now: dt.datetime,
    *,
    out_minutes: int = OUT_OF_GRID_MIN,
    still_minutes: int = STILL_MIN,
    still_m: float = STILL_M,
    working_hours_only: bool = True,
) -> list[TrackAlert]:
    """Workers reporting now (newest fix younger than REPORTING_WITHIN) who are out of their own
    grid for more than ``out_minutes`` (no good fix in it since), or have not moved beyond
    ``still_m`` metres for more than ``still_minutes``. Empty outside working hours unless
    ``working_hours_only`` is off. For the alerts strip and the replay window."""
    if working_hours_only and not in_working_hours(now):
        return []
    fresh = _naive(now - REPORTING_WITHIN)
    latest = session.execute(
        select(
            WorkerLatest.worker_id,
            Worker.name,
            Worker.town_id,
            Worker.grid_id,
            WorkerLatest.grid_id,
            WorkerLatest.lat,
            WorkerLatest.lon,
        )
        .join(Worker, Worker.id == WorkerLatest.worker_id)
        .where(
            Worker.active.is_(True),
            type_coerce(WorkerLatest.device_time, DateTime()) >= fresh,
            *_worker_scope(actor),
        )
    ).all()
    alerts: list[TrackAlert] = []
    day_start, _ = day_bounds(now.astimezone(CHINA_TZ).date())
    # Out of grid: the newest fix elsewhere (worker_latest holds unflagged fixes only).
    outside = [r for r in latest if r[4] != r[3]]
    if outside:
        own_geoms = _grid_geoms(session, {r[3] for r in outside if r[4] is None})
        outside = [
            r
            for r in outside
            if not (r[4] is None and r[3] in own_geoms and shapely.intersects_xy(own_geoms[r[3]], r[6], r[5]))
        ]
    for wid, name, town_id, own, _grid, lat, lon in outside:
        last_in = session.scalar(
            select(func.max(type_coerce(Position.device_time, DateTime()))).where(
                Position.worker_id == wid,
                Position.device_time >= day_start,
                Position.grid_id == own,
                Position.flags == 0,
            )
        )
        since = last_in.replace(tzinfo=dt.UTC) if last_in is not None else day_start
        minutes = int((now - since).total_seconds() // 60)
        if minutes > out_minutes:
            alerts.append(TrackAlert("out_of_grid", wid, name, town_id, since, minutes, lat, lon))
    # No movement: the good fixes of the last K minutes span at most M metres and K minutes.
    window_start = now - dt.timedelta(minutes=still_minutes)
    ids = [r[0] for r in latest]
    by_id = {r[0]: r for r in latest}
    for chunk_start in range(0, len(ids), 1000):
        chunk = ids[chunk_start : chunk_start + 1000]
        rows = session.execute(
            select(
                Position.worker_id,
                func.min(Position.lat),
                func.max(Position.lat),
                func.min(Position.lon),
                func.max(Position.lon),
                func.min(type_coerce(Position.device_time, DateTime())),
            )
            .where(Position.worker_id.in_(chunk), Position.device_time >= window_start, Position.flags == 0)
            .group_by(Position.worker_id)
        ).all()
        for wid, lat0, lat1, lon0, lon1, first in rows:
            # The window must be covered: a fix at its start (within one reporting interval).
            if first is None or first > _naive(window_start + REPORTING_WITHIN):
                continue
            spread = haversine_m(lat0, lon0, lat1, lon1)
            if spread > still_m:
                continue
            # When did the stillness start? At least the window's start; good enough for an alert.
            r = by_id[wid]
            alerts.append(
                TrackAlert(
                    "no_movement",
                    wid,
                    r[1],
                    r[2],
                    first.replace(tzinfo=dt.UTC),
                    int((now - first.replace(tzinfo=dt.UTC)).total_seconds() // 60),
                    r[5],
                    r[6],
                )
            )
    alerts.sort(key=lambda a: (a.kind, -a.minutes, a.worker_id))
    return alerts


def _grid_geoms(session: Session, grid_ids: Iterable[int]) -> dict[int, Any]:
    ids = sorted(set(grid_ids))
    if not ids:
        return {}
    out: dict[int, Any] = {}
    for gid, boundary in session.execute(select(Grid.id, Grid.boundary).where(Grid.id.in_(ids))).all():
        if boundary:
            geom = geometry_from_geojson(boundary)
            shapely.prepare(geom)
            out[int(gid)] = geom
    return out


# --- patrol coverage -----------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    worker_id: int
    worker: str
    squad: str
    grid: str
    days_reported: int
    in_grid_s: float
    reporting_s: float
    distance_m: float
    coverage: float | None  # share of the grid visited over the whole range
    mock: int
    low_accuracy: int


def patrol_coverage(
    session: Session,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    *,
    town_id: int | None = None,
    squad_id: int | None = None,
    worker_ids: Sequence[int] | None = None,
) -> list[CoverageRow]:
    """Per worker of a town, a squad or a list (in scope), over local days ``date_from`` ..
    ``date_to`` (both included, at most MAX_RANGE_DAYS): time in the own grid, time reporting,
    distance, share of the grid visited over the range, mock and coarse fixes."""
    if date_to < date_from:
        raise TrackError("track.range_reversed")
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise TrackError("track.range_too_long", limit=MAX_RANGE_DAYS)
    query = (
        select(Worker.id, Worker.name, Squad.name, Worker.grid_id, Grid.name, Grid.boundary)
        .join(Squad, Squad.id == Worker.squad_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .where(Worker.active.is_(True), *_worker_scope(actor))
        .order_by(Squad.id, Worker.id)
    )
    if town_id is not None:
        query = query.where(Worker.town_id == town_id)
    if squad_id is not None:
        query = query.where(Worker.squad_id == squad_id)
    if worker_ids is not None:
        query = query.where(Worker.id.in_([int(w) for w in worker_ids]))
    workers = session.execute(query).all()
    start, _ = day_bounds(date_from)
    _, end = day_bounds(date_to)
    points = read_points(session, [w[0] for w in workers], start, end)
    rows: list[CoverageRow] = []
    for wid, name, squad, grid_id, grid_name, boundary in workers:
        pts = points[wid]
        geom = geometry_from_geojson(boundary) if boundary else None
        if geom is not None:
            shapely.prepare(geom)
        by_day: dict[dt.date, list[TrackPoint]] = {}
        for p in pts:
            by_day.setdefault(p.t.astimezone(CHINA_TZ).date(), []).append(p)
        # Time and distance day by day (the night between two days is no patrol); the share of
        # the grid visited over the whole range.
        in_s = total_s = distance = 0.0
        for day_points in by_day.values():
            a, b = time_in_grid(day_points, grid_id, geom)
            in_s, total_s = in_s + a, total_s + b
            distance += travel_distance_m(day_points)
        share = coverage_share(grid_raster(geom), pts) if geom is not None else None
        rows.append(
            CoverageRow(
                wid,
                name,
                squad,
                grid_name,
                len(by_day),
                in_s,
                total_s,
                distance,
                share,
                sum(1 for p in pts if p.mock),
                sum(1 for p in pts if p.low_accuracy and not p.mock),
            )
        )
    return rows


def newest_track(session: Session, actor: Actor) -> tuple[int, dt.date] | None:
    """A worker-day worth opening first: the newest day with fixes in scope, and on it the worker
    with the most flagged fixes (then the most fixes). None when there are no fixes at all."""
    newest = session.scalar(
        select(func.max(Position.device_time))
        .join(Worker, Worker.id == Position.worker_id)
        .where(*_worker_scope(actor))
    )
    if newest is None:
        return None
    day = newest.astimezone(CHINA_TZ).date()
    start, end = day_bounds(day)
    row = session.execute(
        select(Position.worker_id)
        .join(Worker, Worker.id == Position.worker_id)
        .where(Position.device_time >= start, Position.device_time < end, *_worker_scope(actor))
        .group_by(Position.worker_id)
        .order_by(
            func.sum(case((Position.flags > 0, 1), else_=0)).desc(), func.count().desc(), Position.worker_id
        )
        .limit(1)
    ).first()
    return None if row is None else (int(row[0]), day)
