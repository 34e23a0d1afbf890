"""The administrator's screen for the city's workers and grids: add, edit, move, deactivate.

Every change is checked first (a refusal raises :class:`CityAdminError` with a Chinese message
and changes nothing) and is recorded in ``city_changes`` in the same transaction: who (user id,
name, role; on PostgreSQL also the connected login, by trigger), when, the action (add, edit,
move, deactivate, reactivate), the values before and after, and the reason given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.models import CityChange, Grid, Squad, Town, Village, Worker
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.cityimport import (
    OUTSIDE_TOLERANCE,
    boundary_of,
    grid_state,
    outside_share,
    valid_phone,
    worker_state,
)
from desktop.clock import utcnow
from desktop.errors import Refusal
from desktop.pinyin import initials


class CityAdminError(Refusal):
    """A refused change of a worker or grid: a ``cityadmin.…`` code and its facts."""


@dataclass(frozen=True)
class WorkerForm:
    code: str
    name: str
    phone: str
    device_id: str
    grid_id: int
    squad_id: int


@dataclass(frozen=True)
class GridForm:
    code: str
    name: str
    village_id: int
    households: int = 0
    population: int = 0


def _require_admin(actor: Actor) -> None:
    if actor.role != Role.ADMIN:
        raise CityAdminError("cityadmin.admin_only")


# --- reading ---------------------------------------------------------------------------------


def list_workers(session: Session, search: str = "", town_id: int | None = None) -> list[dict[str, Any]]:
    """Workers with their town, grid and squad, by town then name; ``search`` matches name,
    pinyin initials, staff number, phone, device id or grid name."""
    q = (
        select(Worker, Town.name, Grid.code, Grid.name, Squad.name)
        .join(Town, Town.id == Worker.town_id)
        .join(Grid, Grid.id == Worker.grid_id)
        .join(Squad, Squad.id == Worker.squad_id)
    )
    if town_id is not None:
        q = q.where(Worker.town_id == town_id)
    if search.strip():
        like = f"%{search.strip()}%"
        q = q.where(
            or_(
                Worker.name.like(like),
                Worker.pinyin.like(like.lower()),
                Worker.code.like(like),
                Worker.phone.like(like),
                Worker.device_id.like(like),
                Grid.name.like(like),
                Grid.code.like(like),
            )
        )
    rows = session.execute(q.order_by(Worker.town_id, Worker.name, Worker.id).limit(5000)).all()
    return [
        {
            "id": w.id,
            "code": w.code or "",
            "name": w.name,
            "phone": w.phone,
            "device_id": w.device_id,
            "active": w.active,
            "town_id": w.town_id,
            "town": town,
            "grid_id": w.grid_id,
            "grid_code": gcode,
            "grid": gname,
            "squad_id": w.squad_id,
            "squad": squad,
        }
        for w, town, gcode, gname, squad in rows
    ]


def list_grids(session: Session, search: str = "", town_id: int | None = None) -> list[dict[str, Any]]:
    """Grids with village, town and the number of active workers."""
    workers = (
        select(Worker.grid_id, func.count().label("n"))
        .where(Worker.active)
        .group_by(Worker.grid_id)
        .subquery()
    )
    q = (
        select(Grid, Village.name, Town.name, func.coalesce(workers.c.n, 0))
        .join(Village, Village.id == Grid.village_id)
        .join(Town, Town.id == Grid.town_id)
        .outerjoin(workers, workers.c.grid_id == Grid.id)
    )
    if town_id is not None:
        q = q.where(Grid.town_id == town_id)
    if search.strip():
        like = f"%{search.strip()}%"
        q = q.where(
            or_(
                Grid.name.like(like),
                Grid.code.like(like),
                Grid.pinyin.like(like.lower()),
                Village.name.like(like),
            )
        )
    rows = session.execute(q.order_by(Grid.town_id, Grid.code).limit(5000)).all()
    return [
        {
            "id": g.id,
            "code": g.code,
            "name": g.name,
            "village_id": g.village_id,
            "village": village,
            "town_id": g.town_id,
            "town": town,
            "active": g.active,
            "households": g.households,
            "population": g.population,
            "workers": int(n),
        }
        for g, village, town, n in rows
    ]


def choices(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Towns, villages, grids and squads for the edit forms' pickers."""
    return {
        "towns": [
            {"id": i, "name": n} for i, n in session.execute(select(Town.id, Town.name).order_by(Town.id))
        ],
        "villages": [
            {"id": i, "name": n, "town_id": t}
            for i, n, t in session.execute(
                select(Village.id, Village.name, Village.town_id).order_by(Village.code)
            )
        ],
        "grids": [
            {"id": i, "code": c, "name": n, "town_id": t, "active": a}
            for i, c, n, t, a in session.execute(
                select(Grid.id, Grid.code, Grid.name, Grid.town_id, Grid.active).order_by(Grid.code)
            )
        ],
        "squads": [
            {"id": i, "name": n, "town_id": t}
            for i, n, t in session.execute(
                select(Squad.id, Squad.name, Squad.town_id).order_by(Squad.town_id, Squad.id)
            )
        ],
    }


def recent_changes(session: Session, limit: int = 300) -> list[dict[str, Any]]:
    """The newest audit rows of workers, grids and imports."""
    rows = session.scalars(select(CityChange).order_by(CityChange.id.desc()).limit(limit))
    return [
        {
            "id": c.id,
            "at": c.at,
            "actor": c.actor_name,
            "actor_login": c.actor_login or "",
            "entity": c.entity,
            "code": c.entity_code,
            "action": c.action,
            "detail": c.detail or {},
            "reason": c.reason,
        }
        for c in rows
    ]


# --- changing --------------------------------------------------------------------------------


def _audit(
    session: Session,
    actor: Actor,
    entity: str,
    obj: Any,
    code: str,
    action: str,
    before: Any,
    after: Any,
    reason: str,
) -> None:
    session.add(
        CityChange(
            at=utcnow(),
            actor_user_id=actor.user_id,
            actor_name=actor.name[:64],
            actor_role=str(actor.role),
            entity=entity,
            entity_id=obj.id,
            entity_code=code[:64],
            town_id=obj.town_id,
            action=action,
            detail={"before": before, "after": after},
            reason=reason.strip(),
        )
    )


def _check_worker(session: Session, form: WorkerForm, worker_id: int | None) -> tuple[Grid, Squad]:
    if not form.name.strip() or len(form.name.strip()) > 32:
        raise CityAdminError("cityadmin.worker_name", limit=32)
    if not form.code.strip() or len(form.code.strip()) > 32:
        raise CityAdminError("cityadmin.worker_code", limit=32)
    if not valid_phone(form.phone.strip()):
        raise CityAdminError("cityadmin.bad_phone", phone=form.phone)
    if not form.device_id.strip() or len(form.device_id.strip()) > 64:
        raise CityAdminError("cityadmin.device_id", limit=64)
    grid = session.get(Grid, form.grid_id)
    if grid is None:
        raise CityAdminError("cityadmin.no_grid")
    squad = session.get(Squad, form.squad_id)
    if squad is None:
        raise CityAdminError("cityadmin.no_squad")
    if squad.town_id != grid.town_id:
        raise CityAdminError("cityadmin.squad_other_town")
    same_code = session.scalars(select(Worker.id).where(Worker.code == form.code.strip())).first()
    if same_code is not None and same_code != worker_id:
        raise CityAdminError("cityadmin.code_taken", code=form.code.strip())
    same_device = session.scalars(select(Worker.id).where(Worker.device_id == form.device_id.strip())).first()
    if same_device is not None and same_device != worker_id:
        raise CityAdminError("cityadmin.device_taken", device=form.device_id.strip())
    return grid, squad


def save_worker(
    session: Session, actor: Actor, form: WorkerForm, worker_id: int | None = None, reason: str = ""
) -> int:
    """Add a worker (``worker_id`` None) or change one (name, phone, device, grid, squad)."""
    _require_admin(actor)
    grid, squad = _check_worker(session, form, worker_id)
    values = {
        "code": form.code.strip(),
        "name": form.name.strip(),
        "pinyin": initials(form.name.strip()),
        "phone": form.phone.strip(),
        "device_id": form.device_id.strip(),
        "grid_id": grid.id,
        "squad_id": squad.id,
        "town_id": grid.town_id,
    }
    if worker_id is None:
        if not grid.active:
            raise CityAdminError("cityadmin.grid_inactive_add", grid=grid.name)
        worker = Worker(active=True, **values)
        session.add(worker)
        session.flush()
        _audit(session, actor, "worker", worker, worker.code or "", "add", None, worker_state(worker), reason)
    else:
        found = session.get(Worker, worker_id)
        if found is None:
            raise CityAdminError("cityadmin.no_worker")
        worker = found
        before = worker_state(worker)
        if worker.grid_id != grid.id and not grid.active:
            raise CityAdminError("cityadmin.grid_inactive_move", grid=grid.name)
        for key, value in values.items():
            setattr(worker, key, value)
        session.flush()
        after = worker_state(worker)
        if before == after:
            session.rollback()
            return worker_id
        moved = before is not None and (before["grid_id"] != grid.id or before["squad_id"] != squad.id)
        _audit(
            session,
            actor,
            "worker",
            worker,
            worker.code or "",
            "move" if moved else "edit",
            before,
            after,
            reason,
        )
    session.commit()
    return worker.id


def set_worker_active(session: Session, actor: Actor, worker_id: int, active: bool, reason: str) -> None:
    """Deactivate (离岗) or reactivate a worker; a reason is required."""
    _require_admin(actor)
    if not reason.strip():
        raise CityAdminError("cityadmin.reason_required")
    worker = session.get(Worker, worker_id)
    if worker is None:
        raise CityAdminError("cityadmin.no_worker")
    if worker.active == active:
        if active:
            raise CityAdminError("cityadmin.worker_already_active")
        raise CityAdminError("cityadmin.worker_already_inactive")
    if active:
        grid = session.get(Grid, worker.grid_id)
        if grid is not None and not grid.active:
            raise CityAdminError("cityadmin.grid_inactive_reactivate", grid=grid.name)
    before = worker_state(worker)
    worker.active = active
    session.flush()
    action = "reactivate" if active else "deactivate"
    _audit(
        session,
        actor,
        "worker",
        worker,
        worker.code or worker.device_id,
        action,
        before,
        worker_state(worker),
        reason,
    )
    session.commit()


def save_grid(
    session: Session, actor: Actor, form: GridForm, grid_id: int | None = None, reason: str = ""
) -> int:
    """Add a grid (no boundary: draw it in a GIS and import it) or change one; moving it to a
    village of another town is refused while it has active workers."""
    _require_admin(actor)
    code, name = form.code.strip(), form.name.strip()
    if not code or len(code) > 32:
        raise CityAdminError("cityadmin.grid_code", limit=32)
    if not name or len(name) > 64:
        raise CityAdminError("cityadmin.grid_name", limit=64)
    if form.households < 0 or form.population < 0:
        raise CityAdminError("cityadmin.negative_counts")
    village = session.get(Village, form.village_id)
    if village is None:
        raise CityAdminError("cityadmin.no_village")
    same = session.scalars(select(Grid.id).where(Grid.code == code)).first()
    if same is not None and same != grid_id:
        raise CityAdminError("cityadmin.grid_code_taken", code=code)
    values = {
        "code": code,
        "name": name,
        "pinyin": initials(name),
        "village_id": village.id,
        "town_id": village.town_id,
        "households": form.households,
        "population": form.population,
    }
    if grid_id is None:
        grid = Grid(active=True, lat=village.lat, lon=village.lon, **values)
        session.add(grid)
        session.flush()
        _audit(session, actor, "grid", grid, code, "add", None, grid_state(grid), reason)
        session.commit()
        return grid.id
    found = session.get(Grid, grid_id)
    if found is None:
        raise CityAdminError("cityadmin.no_grid_record")
    grid = found
    if village.town_id != grid.town_id:
        n = session.scalar(
            select(func.count()).select_from(Worker).where(Worker.grid_id == grid.id, Worker.active)
        )
        if n:
            raise CityAdminError("cityadmin.grid_has_workers_move", count=n)
    if village.id != grid.village_id:
        town = session.get(Town, village.town_id)
        shape_now, town_shape = boundary_of(grid), boundary_of(town)
        if (
            shape_now is not None
            and town_shape is not None
            and outside_share(shape_now, town_shape) > OUTSIDE_TOLERANCE
        ):
            raise CityAdminError("cityadmin.grid_outside_town", town=town.name if town else "")
    before = grid_state(grid)
    for key, value in values.items():
        setattr(grid, key, value)
    session.flush()
    after = grid_state(grid)
    if before == after and grid.code == code:
        session.commit()
        return grid.id
    if village.town_id != (before or {}).get("town_id"):
        # Workers follow their grid's town (none active, checked above).
        for w in session.scalars(select(Worker).where(Worker.grid_id == grid.id)):
            w.town_id = village.town_id
    moved = before is not None and before["village_id"] != village.id
    _audit(session, actor, "grid", grid, code, "move" if moved else "edit", before, after, reason)
    session.commit()
    return grid.id


def set_grid_active(session: Session, actor: Actor, grid_id: int, active: bool, reason: str) -> None:
    """Take a grid out of service (only without active workers) or back into service."""
    _require_admin(actor)
    if not reason.strip():
        raise CityAdminError("cityadmin.reason_required")
    grid = session.get(Grid, grid_id)
    if grid is None:
        raise CityAdminError("cityadmin.no_grid_record")
    if grid.active == active:
        if active:
            raise CityAdminError("cityadmin.grid_already_active")
        raise CityAdminError("cityadmin.grid_already_inactive")
    if not active:
        n = session.scalar(
            select(func.count()).select_from(Worker).where(Worker.grid_id == grid.id, Worker.active)
        )
        if n:
            raise CityAdminError("cityadmin.grid_has_workers", count=n)
    before = grid_state(grid)
    grid.active = active
    session.flush()
    _audit(
        session,
        actor,
        "grid",
        grid,
        grid.code,
        "reactivate" if active else "deactivate",
        before,
        grid_state(grid),
        reason,
    )
    session.commit()


def worker_form(row: dict[str, Any]) -> WorkerForm:
    """The form of a listed worker (from :func:`list_workers`), for editing."""
    return WorkerForm(
        row["code"], row["name"], row["phone"], row["device_id"], row["grid_id"], row["squad_id"]
    )


def grid_form(row: dict[str, Any]) -> GridForm:
    return GridForm(row["code"], row["name"], row["village_id"], row["households"], row["population"])
