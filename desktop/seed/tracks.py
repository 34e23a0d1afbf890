"""Demo position history for the track replay (轨迹回放): the workers of the demo city's first town
patrol their grids on the last working day before the build (and today up to now, if a working
day), one fix every two minutes from 08:00 to 18:00, with household visits, a lunch trip out of the
grid for some, coarse fixes now and then, and one worker whose phone sends mock locations in the
afternoon. Called once by :func:`desktop.seed.demo.build_demo`.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

import shapely
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import Position, Town, Worker
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ
from desktop.gateway.filters import Flag
from desktop.geo import GridIndex, random_point_in

STEP = dt.timedelta(minutes=2)
WALK_MPS = 1.2
_M_PER_DEG_LAT = 110_574.0


def _demo_days(now: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """(08:00, end) in UTC of the last working day before ``now`` and of today so far."""
    cal = WorkCalendar()
    local = now.astimezone(CHINA_TZ)
    out = []
    day = local.date() - dt.timedelta(days=1)
    while not cal.is_workday(day):
        day -= dt.timedelta(days=1)
    for d, end_local in ((day, dt.time(18, 0)), (local.date(), None)):
        start = dt.datetime.combine(d, dt.time(8, 0), CHINA_TZ)
        end = dt.datetime.combine(d, end_local, CHINA_TZ) if end_local else min(local, start.replace(hour=18))
        if d == local.date() and not cal.is_workday(d):
            continue
        if end > start:
            out.append((start.astimezone(dt.UTC), end.astimezone(dt.UTC)))
    return out


def _toward(lat: float, lon: float, tlat: float, tlon: float, metres: float) -> tuple[float, float, bool]:
    dy = (tlat - lat) * _M_PER_DEG_LAT
    dx = (tlon - lon) * _M_PER_DEG_LAT * math.cos(math.radians(lat))
    d = math.hypot(dx, dy)
    if d <= metres:
        return tlat, tlon, True
    f = metres / d
    return lat + (tlat - lat) * f, lon + (tlon - lon) * f, False


def _worker_day(
    rng: random.Random,
    geom: Any,
    start: dt.datetime,
    end: dt.datetime,
    *,
    lunch_out: bool,
    mock_from: dt.datetime | None,
) -> list[dict[str, Any]]:
    lat, lon = random_point_in(geom, rng)
    target = random_point_in(geom, rng)
    pause_until = start
    home = (lat + rng.choice((-1, 1)) * 0.012, lon + rng.choice((-1, 1)) * 0.012)  # ~1.3 km away
    rows: list[dict[str, Any]] = []
    t = start + dt.timedelta(seconds=rng.randrange(0, 120))
    local_noon = start + dt.timedelta(hours=4)  # 12:00 local
    while t < end:
        at_lunch = lunch_out and local_noon <= t < local_noon + dt.timedelta(minutes=50)
        if at_lunch:
            lat, lon, _ = _toward(lat, lon, *home, 6.0 * STEP.total_seconds())  # by e-bike
        elif t >= pause_until:
            lat, lon, arrived = _toward(lat, lon, *target, WALK_MPS * STEP.total_seconds())
            if arrived:  # a household: a visit of 6 to 24 minutes, then the next one
                pause_until = t + dt.timedelta(minutes=rng.randrange(6, 25))
                target = random_point_in(geom, rng)
        flags, accuracy = 0, round(rng.uniform(4, 25), 1)
        fix_lat = lat + rng.gauss(0, 5) / _M_PER_DEG_LAT
        fix_lon = lon + rng.gauss(0, 5) / (_M_PER_DEG_LAT * math.cos(math.radians(lat)))
        if rng.random() < 0.03:  # indoors: a coarse fix from the cell network
            accuracy = round(rng.uniform(150, 600), 1)
            fix_lat += rng.gauss(0, accuracy / 2) / _M_PER_DEG_LAT
            if accuracy > 200:
                flags |= int(Flag.ACCURACY)
        if mock_from is not None and t >= mock_from:
            # A fake-GPS app: a fixed point in the grid while the phone stays at home.
            flags |= int(Flag.MOCK)
            fix_lat, fix_lon = geom.centroid.y, geom.centroid.x
        rows.append(
            {
                "device_time": t,
                "received_at": t + dt.timedelta(seconds=rng.randrange(1, 5)),
                "lat": round(fix_lat, 7),
                "lon": round(fix_lon, 7),
                "speed": 0.0 if t < pause_until else WALK_MPS,
                "accuracy": accuracy,
                "battery": round(max(5.0, 100 - (t - start).total_seconds() / 600), 1),
                "flags": flags,
            }
        )
        t += STEP
    return rows


def build_demo_tracks(
    session: Session, now: dt.datetime, moved_by: dt.timedelta = dt.timedelta(0), seed: int = 15
) -> int:
    """Insert the demo tracks; returns the number of fixes.

    Not for a city moved in time (``moved_by``, the tests' fixed-day city): moved by a part of a
    day, working-hours tracks would fall at night, and the tests that count a demo worker's
    positions expect none. Tests that want tracks call this on their copy."""
    if moved_by:
        return 0
    rng = random.Random(seed)
    town = session.scalar(select(Town.id).order_by(Town.id).limit(1))
    if town is None:
        return 0
    grids = GridIndex.from_session(session)
    workers = session.execute(
        select(Worker.id, Worker.grid_id).where(Worker.town_id == town).order_by(Worker.id)
    ).all()
    total = 0
    for n_day, (start, end) in enumerate(_demo_days(now)):
        rows: list[dict[str, Any]] = []
        for n, (wid, grid_id) in enumerate(workers):
            try:
                geom = grids.geometry(grid_id)
            except KeyError:
                continue
            mock_from = start + dt.timedelta(hours=6) if (n == 2 and n_day == 0) else None
            for row in _worker_day(rng, geom, start, end, lunch_out=n % 4 == 1, mock_from=mock_from):
                inside = shapely.intersects_xy(geom, row["lon"], row["lat"])
                hit = None if inside else grids.locate(row["lat"], row["lon"])
                row["grid_id"] = grid_id if inside else (hit.grid_id if hit else None)
                row["worker_id"] = wid
                rows.append(row)
        for k in range(0, len(rows), 5000):
            session.execute(insert(Position), rows[k : k + 5000])
        total += len(rows)
    return total
