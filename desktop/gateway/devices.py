"""Field devices: which phone is which worker, their API tokens (hashed) and revocation.

A phone is named by the ``workers.device_id`` its tracker app sends with every position. For the
reports API it also holds a token, issued once (``python main.py devices issue ID``) and stored
here only as its SHA-256. ``python main.py devices revoke ID`` refuses the device from then on:
reports at once, positions within the gateway's device refresh interval (a few seconds).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import math
import secrets
from typing import Any

import shapely.errors
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import City, DeviceCredential, Grid, Town, Village, Worker, WorkerLatest
from desktop.clock import utcnow
from desktop.geo import geometry_from_geojson
from desktop.ingest import DeviceRef

log = logging.getLogger("concord.gateway")

TOKEN_BYTES = 32


class DeviceError(ValueError):
    """An unknown device or another refusal meant for the operator."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _worker_for(session: Session, device_id: str) -> Worker:
    worker = session.scalars(select(Worker).where(Worker.device_id == device_id)).one_or_none()
    if worker is None:
        raise DeviceError(f"no worker has the device id {device_id!r}")
    return worker


def _credential(session: Session, worker: Worker) -> DeviceCredential:
    row = session.scalars(
        select(DeviceCredential).where(DeviceCredential.device_id == worker.device_id)
    ).one_or_none()
    if row is None:
        row = DeviceCredential(device_id=worker.device_id, worker_id=worker.id, revoke_reason="")
        session.add(row)
    return row


def issue_token(session: Session, device_id: str, now: dt.datetime | None = None) -> str:
    """A new token for the device (replacing any old one, lifting a revocation); shown once."""
    worker = _worker_for(session, device_id)
    row = _credential(session, worker)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    row.worker_id = worker.id
    row.token_hash = hash_token(token)
    row.issued_at = now or utcnow()
    row.revoked_at = None
    row.revoke_reason = ""
    session.flush()
    return token


def revoke(session: Session, device_id: str, reason: str = "", now: dt.datetime | None = None) -> bool:
    """Refuse the device from now on. False if it was already revoked."""
    worker = _worker_for(session, device_id)
    row = _credential(session, worker)
    if row.revoked_at is not None:
        return False
    row.revoked_at = now or utcnow()
    row.revoke_reason = reason[:200]
    # The hash is dropped too: a revoked token can never match again, even if re-enabled by hand.
    row.token_hash = None
    session.flush()
    return True


def authenticate(session: Session, token: str) -> DeviceRef | None:
    """The device holding this token, if it is neither revoked nor its worker inactive."""
    if not token or len(token) > 256:
        return None
    digest = hash_token(token)
    row = session.execute(
        select(DeviceCredential, Worker)
        .join(Worker, Worker.id == DeviceCredential.worker_id)
        .where(DeviceCredential.token_hash == digest)
    ).one_or_none()
    if row is None:
        return None
    cred, worker = row
    # The lookup was by hash already; compare again in constant time for good measure.
    if cred.token_hash is None or not hmac.compare_digest(cred.token_hash, digest):
        return None
    if cred.revoked_at is not None or not worker.active or worker.device_id != cred.device_id:
        return None
    return DeviceRef(
        device_id=cred.device_id,
        worker_id=worker.id,
        worker_name=worker.name,
        grid_id=worker.grid_id,
        town_id=worker.town_id,
    )


def active_devices(session: Session) -> dict[str, int]:
    """device id → worker id for every active worker whose device is not revoked."""
    revoked = set(
        session.scalars(select(DeviceCredential.device_id).where(DeviceCredential.revoked_at.is_not(None)))
    )
    return {
        device: int(worker_id)
        for device, worker_id in session.execute(
            select(Worker.device_id, Worker.id).where(Worker.active.is_(True))
        ).all()
        if device not in revoked
    }


def latest_fixes(session: Session) -> list[tuple[int, dt.datetime, float, float]]:
    """Each worker's newest stored fix (seeds the speed-jump filter after a restart)."""
    return [
        (int(w), t, float(lat), float(lon))
        for w, t, lat, lon in session.execute(
            select(WorkerLatest.worker_id, WorkerLatest.device_time, WorkerLatest.lat, WorkerLatest.lon)
        ).all()
    ]


def place_bounds(session: Session) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of every place — cities, towns, villages, grids: their boundaries
    and their points — or None when no place has either (then fixes cannot be checked against
    the city). Read by the gateway once at start (its role may read the places)."""
    west = south = math.inf
    east = north = -math.inf
    for model in (City, Town, Village, Grid):
        for boundary, lat, lon in session.execute(select(model.boundary, model.lat, model.lon)):
            boxes: list[tuple[float, float, float, float]] = []
            if boundary:
                try:
                    w, s_, e, n = geometry_from_geojson(boundary).bounds
                    boxes.append((float(w), float(s_), float(e), float(n)))
                except (ValueError, TypeError, KeyError, AttributeError, shapely.errors.ShapelyError):
                    log.warning("a %s boundary is not valid GeoJSON; its point is used", model.__tablename__)
            if lat is not None and lon is not None:
                boxes.append((float(lon), float(lat), float(lon), float(lat)))
            for w, s_, e, n in boxes:
                if all(math.isfinite(v) for v in (w, s_, e, n)):
                    west, south, east, north = min(west, w), min(south, s_), max(east, e), max(north, n)
    if west > east:
        return None
    return west, south, east, north


def list_devices(session: Session) -> list[dict[str, Any]]:
    creds = {c.device_id: c for c in session.scalars(select(DeviceCredential))}
    rows: list[dict[str, Any]] = []
    for worker in session.scalars(select(Worker).order_by(Worker.id)):
        cred = creds.get(worker.device_id)
        rows.append(
            {
                "device_id": worker.device_id,
                "worker_id": worker.id,
                "worker": worker.name,
                "active": worker.active,
                "token": cred is not None and cred.token_hash is not None,
                "issued_at": cred.issued_at.isoformat() if cred and cred.issued_at else None,
                "revoked_at": cred.revoked_at.isoformat() if cred and cred.revoked_at else None,
                "revoke_reason": cred.revoke_reason if cred else "",
            }
        )
    return rows
