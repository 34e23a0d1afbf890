"""Field devices: which phone is which worker, their API tokens (hashed) and revocation.

A phone is named by the ``workers.device_id`` its tracker app sends with every position. For the
reports API it also holds a token, issued once (``python main.py devices issue ID``) and stored
here only as its SHA-256. ``python main.py devices revoke ID`` refuses the device from then on:
reports at once, positions within the gateway's device refresh interval (a few seconds).

Device ids are short and predictable (PD00001, …), and positions carry no token (OsmAnd and
Traccar Client send none), so anyone on the network can send positions in a worker's name. A
worker's phone may therefore be given a *secret device id* (:func:`issue_position_id`): a random
id entered as the tracker app's device identifier instead of the plain one, as Traccar's own
unique ids are meant to be unguessable. From then on that worker's plain id is refused for
positions; with the gateway's ``require_device_secret`` setting every plain id is. The secret is
stored only as its SHA-256, in a ``device_credentials`` row of its own named ``~pos:<worker
id>`` (not a device id: the reports API never takes it as a token), so no schema change was
needed. Revoking the device, or issuing a new secret, refuses the old one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import math
import secrets
import sys
from dataclasses import dataclass
from typing import Any

import shapely.errors
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import City, DeviceCredential, Grid, Town, Village, Worker, WorkerLatest
from desktop.clock import utcnow
from desktop.gateway.ingest import DeviceRef
from desktop.gateway.protocol import ProtocolRefusal
from desktop.geo import geometry_from_geojson

log = logging.getLogger("concord.gateway")

TOKEN_BYTES = 32
POSITION_ID_BYTES = 24  # 192 bits, 32 URL-safe characters: fits the 64 a device id may have
_POSITION_ROW = "~pos:"  # device_credentials.device_id of a worker's secret device id: ~pos:<worker id>


class DeviceError(ProtocolRefusal):
    """An unknown device or another refusal meant for the operator (in English, like the gateway's
    log; ``str()`` is the message)."""

    CODE = "gateway.device"


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
    # And the secret device id with it: a phone issued a new token needs a new one too.
    secret = _position_row(session, worker, create=False)
    if secret is not None:
        secret.token_hash = None
        secret.revoked_at = row.revoked_at
        secret.revoke_reason = row.revoke_reason
    session.flush()
    return True


def _position_row(session: Session, worker: Worker, *, create: bool) -> DeviceCredential | None:
    name = f"{_POSITION_ROW}{worker.id}"
    row = session.scalars(select(DeviceCredential).where(DeviceCredential.device_id == name)).one_or_none()
    if row is None and create:
        row = DeviceCredential(device_id=name, worker_id=worker.id, revoke_reason="")
        session.add(row)
    return row


def issue_position_id(session: Session, device_id: str, now: dt.datetime | None = None) -> str:
    """A new secret device id for the worker's phone (replacing any old one), to enter as the
    tracker app's device identifier; shown once. From then on the plain ``device_id`` is refused
    for positions (see the module doc). Reports still use the device's token."""
    worker = _worker_for(session, device_id)
    if device_id.startswith(_POSITION_ROW):
        raise DeviceError(f"device ids starting with {_POSITION_ROW!r} are reserved")
    cred = session.scalars(
        select(DeviceCredential).where(DeviceCredential.device_id == worker.device_id)
    ).one_or_none()
    if cred is not None and cred.revoked_at is not None:
        raise DeviceError(f"device {device_id!r} is revoked; issue it a new token first")
    row = _position_row(session, worker, create=True)
    assert row is not None
    secret = secrets.token_urlsafe(POSITION_ID_BYTES)
    row.worker_id = worker.id
    row.token_hash = hash_token(secret)
    row.issued_at = now or utcnow()
    row.revoked_at = None
    row.revoke_reason = ""
    session.flush()
    return secret


def cli_position_id(sessions: sessionmaker[Session], device_id: str) -> int:
    """``python main.py devices position-id ID``: issue a secret device id and print it once."""
    with sessions.begin() as session:
        secret = issue_position_id(session, device_id)
    print(secret)
    print(
        f"secret device id issued for device {device_id}: enter it as the device identifier of the "
        "phone's tracker app; it is shown only once, and the plain id no longer sends positions",
        file=sys.stderr,
    )
    return 0


@dataclass(frozen=True)
class PositionIds:
    """Which device ids the gateway takes positions from."""

    plain: dict[str, int]  # plain device id → worker id
    secret: dict[str, int]  # SHA-256 of a secret device id → worker id
    refused: frozenset[str]  # plain ids of active devices refused: they must send their secret


def position_ids(session: Session, require_secret: bool = False) -> PositionIds:
    """Active, unrevoked devices: their secret ids, and their plain ids unless they have a secret
    or ``require_secret``."""
    active = active_devices(session)
    workers = set(active.values())
    secret = {
        str(digest): int(worker_id)
        for name, worker_id, digest in session.execute(
            select(DeviceCredential.device_id, DeviceCredential.worker_id, DeviceCredential.token_hash).where(
                DeviceCredential.device_id.startswith(_POSITION_ROW),
                DeviceCredential.token_hash.is_not(None),
                DeviceCredential.revoked_at.is_(None),
            )
        ).all()
        if worker_id in workers and name == f"{_POSITION_ROW}{worker_id}"
    }
    protected = set(secret.values())
    plain = {} if require_secret else {d: w for d, w in active.items() if w not in protected}
    return PositionIds(plain, secret, frozenset(d for d in active if d not in plain))


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
    # (A secret device id's row is named ~pos:<worker id>, never a device id: no report token.)
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
    secret_ids = {
        c.worker_id
        for name, c in creds.items()
        if name == f"{_POSITION_ROW}{c.worker_id}" and c.token_hash is not None and c.revoked_at is None
    }
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
                "position_id": worker.id in secret_ids,
                "issued_at": cred.issued_at.isoformat() if cred and cred.issued_at else None,
                "revoked_at": cred.revoked_at.isoformat() if cred and cred.revoked_at else None,
                "revoke_reason": cred.revoke_reason if cred else "",
            }
        )
    return rows
