"""What the map pane shows, as plain JSON-ready data: boundaries, case markers, worker positions and cards."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import numpy as np
import shapely
from sqlalchemy import DateTime, func, select, type_coerce
from sqlalchemy.orm import Session

from db.models import Case, City, Grid, Position, Squad, Town, Village, Worker, WorkerLatest
from db.vocab import OPEN_STATUSES, Role, Status
from desktop.cases.deadlines import sla_state
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, filter_clauses, scope_clause
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.errors import Refusal

STALE_AFTER = dt.timedelta(minutes=10)
OFFLINE_AFTER = dt.timedelta(minutes=60)
MAX_TRACK_POINTS = 500

# Simplification tolerance in degrees (1e-4° ≈ 11 m north-south, 9 m east-west at 37°N): coarse
# outlines for big units seen at city zoom, finer ones for villages and grids seen up close.
TOLERANCE: Mapping[str, float] = {"city": 4e-4, "towns": 2.5e-4, "villages": 1e-4, "grids": 8e-5}
# Five decimals ≈ 1 m: finer digits only make the page heavier.
COORD_DECIMALS = 5

_OPEN = sorted(str(s) for s in OPEN_STATUSES)
# Who may read a worker's full phone number; town staff only for their own town's workers.
_PHONE_ROLES = frozenset({Role.DISPATCHER, Role.LEADER})

PlaceModel = type[City] | type[Town] | type[Village] | type[Grid]


class WorkerNotVisible(Refusal, LookupError):
    """The worker does not exist or lies outside what this user may see."""


# --- base layers -----------------------------------------------------------------------------


def _feature_collection(
    rows: Sequence[tuple[int, str, str, dict[str, Any]]], tolerance: float
) -> dict[str, Any]:
    """Simplified, rounded GeoJSON features; each carries a label point inside its polygon."""
    if not rows:
        return {"type": "FeatureCollection", "features": []}
    geoms = shapely.from_geojson([json.dumps(row[3]) for row in rows])
    simple = shapely.simplify(geoms, tolerance, preserve_topology=True)
    # A sliver can simplify to nothing; keep the original shape rather than lose the place.
    simple = np.where(shapely.is_empty(simple), geoms, simple)
    rounded = shapely.transform(simple, lambda xy: np.round(xy, COORD_DECIMALS))
    labels = shapely.get_coordinates(shapely.point_on_surface(simple))
    features = []
    for (place_id, name, code, _), text, (lon, lat) in zip(
        rows, shapely.to_geojson(rounded), labels, strict=True
    ):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": place_id,
                    "name": name,
                    "code": code,
                    "label": [round(float(lat), COORD_DECIMALS), round(float(lon), COORD_DECIMALS)],
                },
                "geometry": json.loads(text),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _places(session: Session, model: PlaceModel) -> list[tuple[int, str, str, dict[str, Any]]]:
    query = (
        select(model.id, model.name, model.code, model.boundary)
        .where(model.boundary.is_not(None))
        .order_by(model.id)
    )
    return [(int(i), str(n), str(c), dict(b)) for i, n, c, b in session.execute(query).all() if b]


def base_layers(session: Session, actor: Actor | None = None) -> dict[str, Any]:
    """The boundary layers of the (first) city and the bounds to fit the map to.

    Keys: ``city``, ``towns``, ``villages``, ``grids`` (GeoJSON FeatureCollections whose features
    have ``id``, ``name``, ``code`` and a ``label`` point [lat, lon]), ``bounds``
    ([[south, west], [north, east]], or None when no place has a boundary) and ``home``: where
    this ``actor``'s map opens — a town's staff on their own town, everyone else (None) on the city.
    """
    layers: dict[str, Any] = {}
    for key, model in (("city", City), ("towns", Town), ("villages", Village), ("grids", Grid)):
        places = _places(session, model)
        if key == "city":
            places = places[:1]
        layers[key] = _feature_collection(places, TOLERANCE[key])
    layers["bounds"] = _bounds(layers["city"]) or _bounds(layers["towns"])
    layers["home"] = home_bounds(layers, actor)
    return layers


def home_bounds(layers: Mapping[str, Any], actor: Actor | None) -> list[list[float]] | None:
    """The bounds a town's staff open the map on (their town), or None: the whole city."""
    if actor is None or actor.role != Role.TOWN_STAFF or actor.town_id is None:
        return None
    own = [f for f in layers.get("towns", {}).get("features", []) if f["properties"]["id"] == actor.town_id]
    return _bounds({"features": own}) if own else None


def _bounds(collection: Mapping[str, Any]) -> list[list[float]] | None:
    features = collection["features"]
    if not features:
        return None
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    west, south, east, north = (float(v) for v in shapely.total_bounds(geoms))
    return [[south, west], [north, east]]


# --- cases -----------------------------------------------------------------------------------


def case_markers(
    session: Session,
    actor: Actor,
    limit: int = 5000,
    *,
    ids: Collection[int] | None = None,
    flt: QueueFilter | None = None,
    now: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Open cases in the actor's scope, most severe and newest first.

    With ``flt``, the cases the queue shows for that filter and search instead (the same SQL
    conditions, desktop.cases.queue.filter_clauses), so the map and the queue show one set. With
    ``ids``, only those cases (for live updates): an id missing from the answer is out of the
    set (closed, filtered out, out of scope) and should leave the map.

    Each marker carries ``sla``: "breached" (overdue), "warning" (due soon), "ok" or "" (no
    clock running), as desktop.cases.deadlines defines them for the queue and the alerts strip.
    """
    now = now or utcnow()
    query = select(
        Case.id,
        Case.number,
        Case.title,
        Case.lat,
        Case.lon,
        Case.severity,
        Case.level,
        Case.status,
        Case.mass_incident,
        Case.sla_warn_at,
        Case.sla_due_at,
    )
    if flt is None:
        query = query.where(Case.status.in_(_OPEN))
        scope = scope_clause(actor)
        if scope is not None:
            query = query.where(scope)
    else:
        query = query.where(*filter_clauses(session, flt, actor, now))
    if ids is not None:
        if not ids:
            return []
        query = query.where(Case.id.in_(sorted(ids)))
    query = query.order_by(Case.severity.desc(), Case.id.desc()).limit(limit)
    return [
        {
            "id": int(row.id),
            "number": row.number,
            "title": row.title,
            "lat": float(row.lat),
            "lon": float(row.lon),
            "severity": int(row.severity),
            "level": int(row.level),
            "status": row.status,
            "escalated": row.status == Status.ESCALATED or int(row.level) > 1,
            "mass_incident": bool(row.mass_incident),
            "sla": sla_state(row.status, row.sla_warn_at, row.sla_due_at, now),
        }
        for row in session.execute(query).all()
    ]


# --- workers ---------------------------------------------------------------------------------


def worker_status(
    device_time: dt.datetime | None,
    now: dt.datetime,
    stale_after: dt.timedelta = STALE_AFTER,
    offline_after: dt.timedelta = OFFLINE_AFTER,
) -> str:
    """'online', 'stale' or 'offline' by the age of the last fix (Traccar's notion: no report for N minutes)."""
    if device_time is None:
        return "offline"
    age = now - device_time
    if age >= offline_after:
        return "offline"
    if age >= stale_after:
        return "stale"
    # A phone clock running ahead gives a negative age: it did just report, so it is online.
    return "online"


def _worker_scope(actor: Actor) -> list[Any]:
    clauses: list[Any] = [Worker.active.is_(True)]
    if actor.role == Role.TOWN_STAFF:
        clauses.append(Worker.town_id == (actor.town_id if actor.town_id is not None else -1))
    return clauses


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def worker_positions(
    session: Session, actor: Actor, since_seq: int = 0, *, now: dt.datetime | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Latest fixes changed since ``since_seq`` (in scope) and the new high-water mark."""
    now = now or utcnow()
    # Plain columns, not entities: at 10,000 moving workers a second, loading ORM objects cost
    # more than the query itself.
    query = (
        select(
            WorkerLatest.worker_id,
            WorkerLatest.seq,
            WorkerLatest.lat,
            WorkerLatest.lon,
            WorkerLatest.bearing,
            WorkerLatest.speed,
            WorkerLatest.battery,
            # Naive UTC as stored, without the UTC type's per-row conversion (10,000 rows a
            # second): compared with a naive "now" and written out with "+00:00" below.
            type_coerce(WorkerLatest.device_time, DateTime()),
            Worker.name,
        )
        .join(Worker, Worker.id == WorkerLatest.worker_id)
        .where(WorkerLatest.seq > since_seq, *_worker_scope(actor))
        .order_by(WorkerLatest.seq)
    )
    rows: list[dict[str, Any]] = []
    high = since_seq
    naive_now = now.astimezone(dt.UTC).replace(tzinfo=None)
    stale_at, offline_at = naive_now - STALE_AFTER, naive_now - OFFLINE_AFTER
    # Core, not the ORM's row loading (twice as fast here), in slices of 500 rows.
    result = session.connection().execute(query)
    for part in result.partitions(500):
        # Give the GIL up between slices: a thread that pauses every few milliseconds is seldom
        # preempted by the OS while holding it (which would stall the GUI thread until it runs).
        time.sleep(0)
        for wid, seq, lat, lon, bearing, speed, battery, device_time, name in part:
            if seq > high:
                high = seq
            if device_time is None or device_time <= offline_at:
                status = "offline"
            elif device_time <= stale_at:
                status = "stale"
            else:
                status = "online"
            rows.append(
                {
                    "id": wid,
                    "name": name,
                    "lat": lat,
                    "lon": lon,
                    "bearing": bearing,
                    "speed": speed,
                    "battery": battery,
                    "device_time": None if device_time is None else device_time.isoformat() + "+00:00",
                    "status": status,
                }
            )
    return rows, int(high)


def all_worker_statuses(session: Session, actor: Actor, now: dt.datetime | None = None) -> dict[int, str]:
    """Every in-scope worker's status now: statuses age without new fixes, so recompute them."""
    now = now or utcnow()
    query = (
        select(WorkerLatest.worker_id, WorkerLatest.device_time)
        .join(Worker, Worker.id == WorkerLatest.worker_id)
        .where(*_worker_scope(actor))
    )
    return {int(wid): worker_status(t, now) for wid, t in session.execute(query).all()}


def worker_count(session: Session, actor: Actor) -> int:
    """How many active workers the actor's scope has (those who never reported count as offline)."""
    return int(session.scalar(select(func.count(Worker.id)).where(*_worker_scope(actor))) or 0)


def status_changes(before: Mapping[int, str], after: Mapping[int, str]) -> list[dict[str, Any]]:
    """The partial worker rows (id and status only) to send to the map for statuses that changed."""
    return [{"id": wid, "status": status} for wid, status in after.items() if before.get(wid) != status]


def mask_phone(phone: str) -> str:
    """138****1234: enough to recognise a number, not enough to call it."""
    if len(phone) >= 8:
        return phone[:3] + "****" + phone[-4:]
    return "*" * max(len(phone) - 2, 0) + phone[-2:]


def _may_see_phone(actor: Actor, town_id: int) -> bool:
    if actor.role in _PHONE_ROLES:
        return True
    return actor.role == Role.TOWN_STAFF and actor.town_id == town_id


def thin(points: Sequence[list[float]], max_points: int = MAX_TRACK_POINTS) -> list[list[float]]:
    """At most ``max_points`` evenly spaced points, always keeping the first and the last."""
    n = len(points)
    if n <= max_points:
        return list(points)
    if max_points < 2:
        return [points[-1]] if max_points == 1 else []
    step = (n - 1) / (max_points - 1)
    return [points[round(i * step)] for i in range(max_points)]


def _local_midnight_utc(now: dt.datetime) -> dt.datetime:
    local = now.astimezone(CHINA_TZ)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(dt.UTC)


def worker_card(
    session: Session, actor: Actor, worker_id: int, now: dt.datetime | None = None
) -> dict[str, Any]:
    """The popup card of one worker with today's (China local day) patrol track.

    Raises :class:`WorkerNotVisible` (a LookupError) when the worker does not exist or is outside the actor's scope.
    """
    now = now or utcnow()
    query = (
        select(Worker, Town.name, Grid.name, Squad.name, WorkerLatest)
        .join(Town, Town.id == Worker.town_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .join(Squad, Squad.id == Worker.squad_id)
        .outerjoin(WorkerLatest, WorkerLatest.worker_id == Worker.id)
        .where(Worker.id == worker_id, *_worker_scope(actor))
    )
    row = session.execute(query).first()
    if row is None:
        raise WorkerNotVisible("map.worker_not_visible", worker_id=worker_id)
    worker, town, grid, squad, latest = row
    visible = _may_see_phone(actor, worker.town_id)
    start = _local_midnight_utc(now)
    track_query = (
        select(Position.lat, Position.lon)
        .where(
            Position.worker_id == worker_id,
            Position.device_time >= start,
            Position.device_time < start + dt.timedelta(days=1),
        )
        .order_by(Position.device_time)
    )
    track = [[round(float(lat), 6), round(float(lon), 6)] for lat, lon in session.execute(track_query).all()]
    return {
        "id": worker.id,
        "name": worker.name,
        "town": town,
        "grid": grid,
        "squad": squad,
        "phone": worker.phone if visible else mask_phone(worker.phone),
        "phone_masked": not visible,
        "last_report": None if latest is None else to_local(latest.device_time).isoformat(),
        "battery": None if latest is None else latest.battery,
        "status": worker_status(None if latest is None else latest.device_time, now),
        "lat": None if latest is None else latest.lat,
        "lon": None if latest is None else latest.lon,
        "track": thin(track),
        "track_points": len(track),
    }
