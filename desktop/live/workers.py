"""Grid workers and their newest positions, as plain rows for the CLI and the UI."""

from __future__ import annotations

from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from db.models import Grid, Town, Worker, WorkerLatest


def list_workers(session: Session, town: str | None = None) -> list[dict[str, Any]]:
    query = (
        select(Worker, Town.name, Grid.name, WorkerLatest)
        .join(Town, Town.id == Worker.town_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .outerjoin(WorkerLatest, WorkerLatest.worker_id == Worker.id)
        .order_by(Worker.id)
    )
    if town:
        query = query.where(or_(Town.name == town, Town.code == town))
    rows: list[dict[str, Any]] = []
    for worker, town_name, grid_name, latest in session.execute(query).all():
        rows.append(
            {
                "id": worker.id,
                "name": worker.name,
                "town": town_name,
                "grid": grid_name,
                "device_id": worker.device_id,
                "last_position": None
                if latest is None
                else {
                    "lat": latest.lat,
                    "lon": latest.lon,
                    "time": latest.device_time.isoformat(),
                    "battery": latest.battery,
                },
            }
        )
    return rows
