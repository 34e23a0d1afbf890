"""The worker list (like Traccar's device list): who is online, stale or offline by the age of their
last fix, when they were last seen, where they belong, their battery; searchable by name, pinyin
initials or phone.

Statuses are desktop.live.mapdata's (online under 10 minutes, stale under 60, offline beyond or never),
so the list and the map's dots agree. Phones are masked as on the map's cards, and only those
who may read a number may search by it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from db.models import Grid, Squad, Town, Worker, WorkerLatest
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.clock import utcnow
from desktop.errors import Refusal
from desktop.live.mapdata import (
    OFFLINE_AFTER,
    STALE_AFTER,
    _may_see_phone,
    _worker_scope,
    mask_phone,
    worker_status,
)

STATUSES = ("online", "stale", "offline")
LIMIT = 500
_LIKE_ESCAPE = "/"


@dataclass(frozen=True)
class WorkerRow:
    id: int
    name: str
    phone: str  # masked unless the actor may read it
    town: str
    grid: str
    squad: str
    status: str  # "online" | "stale" | "offline"
    last_seen: dt.datetime | None
    battery: float | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class WorkerList:
    rows: list[WorkerRow]
    total: int  # matching the search and status (the rows stop at the limit)
    counts: dict[str, int]  # by status, of the search's matches


def _escape(text: str) -> str:
    for ch in (_LIKE_ESCAPE, "%", "_"):
        text = text.replace(ch, _LIKE_ESCAPE + ch)
    return text


def _search(actor: Actor, text: str) -> ColumnElement[bool] | None:
    text = text.replace("\x00", "").strip()
    if not text:
        return None
    arms: list[ColumnElement[bool]] = [Worker.name.ilike(f"%{_escape(text)}%", escape=_LIKE_ESCAPE)]
    lowered = text.lower()
    if lowered.isascii() and lowered.isalpha():
        arms.append(Worker.pinyin.startswith(lowered, autoescape=True))
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and len(digits) == len(text.replace(" ", "").replace("-", "")):
        # A number only for those who may read numbers: a masked list must not be searchable by them.
        phone = Worker.phone.contains(digits, autoescape=True)
        if _may_see_phone(actor, -1):  # dispatchers and leaders: every worker
            arms.append(phone)
        elif actor.role == Role.TOWN_STAFF and actor.town_id is not None:  # their own town's workers
            arms.append(and_(phone, Worker.town_id == actor.town_id))
    return or_(*arms)


def _status_clause(status: str, now: dt.datetime) -> ColumnElement[bool]:
    stale_at, offline_at = now - STALE_AFTER, now - OFFLINE_AFTER
    if status == "online":
        return WorkerLatest.device_time > stale_at
    if status == "stale":
        return and_(WorkerLatest.device_time <= stale_at, WorkerLatest.device_time > offline_at)
    return or_(WorkerLatest.device_time.is_(None), WorkerLatest.device_time <= offline_at)


def worker_list(
    session: Session,
    actor: Actor,
    text: str = "",
    status: str | None = None,
    *,
    now: dt.datetime | None = None,
    limit: int = LIMIT,
) -> WorkerList:
    """Active workers in the actor's scope matching ``text`` (and ``status``), online first, then
    by name's pinyin initials; at most ``limit`` rows, with the totals."""
    if status is not None and status not in STATUSES:
        raise Refusal("workers.unknown_status", value=status)
    now = now or utcnow()
    where: list[ColumnElement[bool]] = list(_worker_scope(actor))
    found = _search(actor, text)
    if found is not None:
        where.append(found)
    base = (
        select(Worker.id)
        .select_from(Worker)
        .outerjoin(WorkerLatest, WorkerLatest.worker_id == Worker.id)
        .where(*where)
        .subquery()
    )
    counts = dict.fromkeys(STATUSES, 0)
    for key in STATUSES:
        counts[key] = int(
            session.scalar(
                select(func.count())
                .select_from(Worker)
                .outerjoin(WorkerLatest, WorkerLatest.worker_id == Worker.id)
                .where(Worker.id.in_(select(base.c.id)), _status_clause(key, now))
            )
            or 0
        )
    total = counts[status] if status is not None else sum(counts.values())
    query = (
        select(
            Worker.id,
            Worker.name,
            Worker.phone,
            Worker.town_id,
            Town.name.label("town"),
            Grid.name.label("grid"),
            Squad.name.label("squad"),
            WorkerLatest.device_time,
            WorkerLatest.battery,
            WorkerLatest.lat,
            WorkerLatest.lon,
        )
        .select_from(Worker)
        .join(Town, Town.id == Worker.town_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .join(Squad, Squad.id == Worker.squad_id)
        .outerjoin(WorkerLatest, WorkerLatest.worker_id == Worker.id)
        .where(*where)
    )
    if status is not None:
        query = query.where(_status_clause(status, now))
    # Reachable first: newest fix first (never-seen last), then by name.
    query = query.order_by(
        WorkerLatest.device_time.is_(None), WorkerLatest.device_time.desc(), Worker.pinyin, Worker.id
    ).limit(limit)
    rows = [
        WorkerRow(
            id=int(r.id),
            name=r.name,
            phone=r.phone if _may_see_phone(actor, int(r.town_id)) else mask_phone(r.phone),
            town=r.town,
            grid=r.grid,
            squad=r.squad,
            status=worker_status(r.device_time, now),
            last_seen=r.device_time,
            battery=None if r.battery is None else float(r.battery),
            lat=None if r.lat is None else float(r.lat),
            lon=None if r.lon is None else float(r.lon),
        )
        for r in session.execute(query).all()
    ]
    return WorkerList(rows, total, counts)
