"""Accountability records (责任倒查): spot checks (明查暗访) and opinion polls (民意调查), read and
written in the user's scope (town staff: their town; city roles: everything; PostgreSQL enforces
it too, migration 0017)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from db.models import Department, Grid, OpinionPoll, SpotCheck, Town, Village
from db.vocab import CheckedUnit, CheckMode, Role
from desktop.cases.ladder import Actor
from desktop.clock import to_local
from desktop.errors import Refusal


class RecordError(Refusal):
    """A refused record (``records.…`` code and facts); nothing was stored."""


class RecordProblems(RecordError):
    """Every problem of a form at once: the first one's code and facts, the others in ``also``."""

    def __init__(self, problems: Sequence[RecordError]) -> None:
        first = problems[0]
        super().__init__(first.code, **first.params, also=tuple(problems[1:]))


CITY_WRITERS = frozenset({Role.DISPATCHER, Role.LEADER, Role.ADMIN})


def may_write(actor: Actor) -> bool:
    return actor.role in CITY_WRITERS or actor.role == Role.TOWN_STAFF


# --- spot checks -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpotCheckDraft:
    checked_on: dt.date
    checker: str
    unit_kind: str
    mode: str
    town_id: int | None = None
    village_id: int | None = None
    grid_id: int | None = None
    department_id: int | None = None
    findings: str = ""
    problems: str = ""
    rectification: str = ""
    rectify_by: dt.date | None = None
    rectified: bool = False


@dataclass(frozen=True)
class SpotCheckRow:
    id: int
    checked_on: dt.date
    checker: str
    unit_kind: str
    unit: str  # the checked unit as read: 石岭镇 / 石岭镇 · 东村 / … / 人社局
    town_id: int | None
    mode: str
    findings: str
    problems: str
    rectification: str
    rectify_by: dt.date | None
    rectified: bool

    def overdue(self, today: dt.date) -> bool:
        """Rectification required, not done, and its deadline passed."""
        return not self.rectified and self.rectify_by is not None and self.rectify_by < today


@dataclass(frozen=True)
class SpotCheckFilter:
    town_id: int | None = None
    mode: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    open_only: bool = False  # rectification not done


def _check_scope(actor: Actor) -> ColumnElement[bool] | None:
    if actor.role == Role.TOWN_STAFF:
        return SpotCheck.town_id == (actor.town_id if actor.town_id is not None else -1)
    if actor.role == Role.DEPARTMENT_STAFF:
        return SpotCheck.department_id == (actor.department_id if actor.department_id is not None else -1)
    return None


def list_spot_checks(
    session: Session, actor: Actor, flt: SpotCheckFilter | None = None
) -> list[SpotCheckRow]:
    flt = flt or SpotCheckFilter()
    query = (
        select(SpotCheck, Town.name, Village.name, Grid.name, Department.name)
        .outerjoin(Town, Town.id == SpotCheck.town_id)
        .outerjoin(Village, Village.id == SpotCheck.village_id)
        .outerjoin(Grid, Grid.id == SpotCheck.grid_id)
        .outerjoin(Department, Department.id == SpotCheck.department_id)
        .order_by(SpotCheck.checked_on.desc(), SpotCheck.id.desc())
    )
    scope = _check_scope(actor)
    if scope is not None:
        query = query.where(scope)
    if flt.town_id is not None:
        query = query.where(SpotCheck.town_id == flt.town_id)
    if flt.mode:
        query = query.where(SpotCheck.mode == flt.mode)
    if flt.since is not None:
        query = query.where(SpotCheck.checked_on >= flt.since)
    if flt.until is not None:
        query = query.where(SpotCheck.checked_on <= flt.until)
    if flt.open_only:
        query = query.where(SpotCheck.rectified.is_(False), SpotCheck.rectification != "")
    out = []
    for check, town, village, grid, dept in session.execute(query).all():
        unit = dept or " · ".join(x for x in (town, village, grid) if x)
        out.append(
            SpotCheckRow(
                check.id,
                check.checked_on,
                check.checker,
                check.unit_kind,
                unit,
                check.town_id,
                check.mode,
                check.findings,
                check.problems,
                check.rectification,
                check.rectify_by,
                check.rectified,
            )
        )
    return out


def _validate_check(session: Session, actor: Actor, d: SpotCheckDraft, today: dt.date) -> dict[str, object]:
    if not may_write(actor):
        raise RecordError("records.check_role")
    errors: list[RecordError] = []
    if d.checked_on > today:
        errors.append(RecordError("records.check_future"))
    if not d.checker.strip():
        errors.append(RecordError("records.checker_required"))
    elif len(d.checker.strip()) > 100:
        errors.append(RecordError("records.checker_too_long", limit=100))
    if d.mode not in {m.value for m in CheckMode}:
        errors.append(RecordError("records.mode_required"))
    town_id, village_id, grid_id, dept_id = d.town_id, d.village_id, d.grid_id, d.department_id
    if d.unit_kind == CheckedUnit.DEPARTMENT:
        if dept_id is None or session.get(Department, dept_id) is None:
            errors.append(RecordError("records.department_required"))
        if actor.role == Role.TOWN_STAFF:
            errors.append(RecordError("records.check_own_town"))
        town_id = village_id = grid_id = None
    elif d.unit_kind in (CheckedUnit.TOWN, CheckedUnit.VILLAGE, CheckedUnit.GRID):
        dept_id = None
        if d.unit_kind == CheckedUnit.GRID:
            grid = session.get(Grid, grid_id) if grid_id is not None else None
            if grid is None:
                errors.append(RecordError("records.grid_required"))
            else:
                town_id, village_id = grid.town_id, grid.village_id
        elif d.unit_kind == CheckedUnit.VILLAGE:
            grid_id = None
            village = session.get(Village, village_id) if village_id is not None else None
            if village is None:
                errors.append(RecordError("records.village_required"))
            else:
                town_id = village.town_id
        else:
            grid_id = village_id = None
            if town_id is None or session.get(Town, town_id) is None:
                errors.append(RecordError("records.town_required"))
        if actor.role == Role.TOWN_STAFF and town_id is not None and town_id != actor.town_id:
            errors.append(RecordError("records.check_own_town"))
    else:
        errors.append(RecordError("records.unit_kind_required"))
    if d.rectification.strip() and d.rectify_by is None:
        errors.append(RecordError("records.rectify_by_required"))
    if d.rectify_by is not None and d.rectify_by < d.checked_on:
        errors.append(RecordError("records.rectify_before_check"))
    if errors:
        raise RecordProblems(errors)
    return {
        "checked_on": d.checked_on,
        "checker": d.checker.strip(),
        "unit_kind": d.unit_kind,
        "mode": d.mode,
        "town_id": town_id,
        "village_id": village_id,
        "grid_id": grid_id,
        "department_id": dept_id,
        "findings": d.findings.strip(),
        "problems": d.problems.strip(),
        "rectification": d.rectification.strip(),
        "rectify_by": d.rectify_by,
        "rectified": d.rectified,
    }


def save_spot_check(
    session: Session, actor: Actor, draft: SpotCheckDraft, now: dt.datetime, check_id: int | None = None
) -> int:
    """Add (or, with ``check_id``, change) a spot check; raises RecordProblems naming every problem."""
    values = _validate_check(session, actor, draft, to_local(now).date())
    if check_id is None:
        check = SpotCheck(**values, created_at=now, created_by_user_id=actor.user_id)
        session.add(check)
    else:
        query = select(SpotCheck).where(SpotCheck.id == check_id)
        scope = _check_scope(actor)
        if scope is not None:
            query = query.where(scope)
        found = session.scalars(query).one_or_none()
        if found is None:
            raise RecordError("records.no_check", check_id=check_id)
        check = found
        for k, v in values.items():
            setattr(check, k, v)
    session.flush()
    return int(check.id)


def mark_rectified(session: Session, actor: Actor, check_id: int) -> None:
    """Record that the rectification a spot check required has been done."""
    if not may_write(actor):
        raise RecordError("records.check_edit_role")
    query = select(SpotCheck).where(SpotCheck.id == check_id)
    scope = _check_scope(actor)
    if scope is not None:
        query = query.where(scope)
    check = session.scalars(query).one_or_none()
    if check is None:
        raise RecordError("records.no_check", check_id=check_id)
    if not check.rectification:
        raise RecordError("records.no_rectification")
    check.rectified = True
    session.flush()


# --- opinion polls -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PollDraft:
    period_start: dt.date
    period_end: dt.date
    town_id: int | None  # None: the whole city
    place: str
    sample_size: int
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    notes: str = ""


@dataclass(frozen=True)
class PollRow:
    id: int
    period_start: dt.date
    period_end: dt.date
    town_id: int | None
    town: str
    place: str
    sample_size: int
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    notes: str

    @property
    def answered(self) -> int:
        return self.satisfied + self.basically_satisfied + self.dissatisfied

    @property
    def satisfaction(self) -> float | None:
        """满意率 as the seed's surveys count it: satisfied plus basically satisfied, of those answering."""
        return None if self.answered == 0 else (self.satisfied + self.basically_satisfied) / self.answered


@dataclass(frozen=True)
class PollFilter:
    town_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def list_polls(session: Session, actor: Actor, flt: PollFilter | None = None) -> list[PollRow]:
    flt = flt or PollFilter()
    query = (
        select(OpinionPoll, Town.name)
        .outerjoin(Town, Town.id == OpinionPoll.town_id)
        .order_by(OpinionPoll.period_start.desc(), OpinionPoll.id.desc())
    )
    if actor.role == Role.TOWN_STAFF:
        query = query.where(or_(OpinionPoll.town_id == (actor.town_id or -1), OpinionPoll.town_id.is_(None)))
    if flt.town_id is not None:
        query = query.where(OpinionPoll.town_id == flt.town_id)
    if flt.since is not None:
        query = query.where(OpinionPoll.period_end >= flt.since)
    if flt.until is not None:
        query = query.where(OpinionPoll.period_start <= flt.until)
    return [
        PollRow(
            p.id,
            p.period_start,
            p.period_end,
            p.town_id,
            town or "",
            p.place,
            p.sample_size,
            p.satisfied,
            p.basically_satisfied,
            p.dissatisfied,
            p.notes,
        )
        for p, town in session.execute(query).all()
    ]


def save_poll(session: Session, actor: Actor, d: PollDraft, now: dt.datetime) -> int:
    """Add a poll; raises RecordProblems naming every problem."""
    if not may_write(actor):
        raise RecordError("records.poll_role")
    errors: list[RecordError] = []
    today = to_local(now).date()
    if d.period_end < d.period_start:
        errors.append(RecordError("records.poll_end_before_start"))
    if d.period_start > today:
        errors.append(RecordError("records.poll_future"))
    if d.sample_size <= 0:
        errors.append(RecordError("records.sample_size"))
    if min(d.satisfied, d.basically_satisfied, d.dissatisfied) < 0:
        errors.append(RecordError("records.negative_counts"))
    elif d.satisfied + d.basically_satisfied + d.dissatisfied > d.sample_size:
        errors.append(RecordError("records.counts_exceed_sample"))
    if len(d.place.strip()) > 100:
        errors.append(RecordError("records.place_too_long", limit=100))
    if actor.role == Role.TOWN_STAFF and d.town_id != actor.town_id:
        errors.append(RecordError("records.poll_own_town"))
    if d.town_id is not None and session.get(Town, d.town_id) is None:
        errors.append(RecordError("records.no_town"))
    if errors:
        raise RecordProblems(errors)
    poll = OpinionPoll(
        period_start=d.period_start,
        period_end=d.period_end,
        town_id=d.town_id,
        place=d.place.strip(),
        sample_size=d.sample_size,
        satisfied=d.satisfied,
        basically_satisfied=d.basically_satisfied,
        dissatisfied=d.dissatisfied,
        notes=d.notes.strip(),
        created_at=now,
        created_by_user_id=actor.user_id,
    )
    session.add(poll)
    session.flush()
    return int(poll.id)


def units(session: Session, actor: Actor) -> dict[str, list[tuple[int, str]]]:
    """What a spot check may be of, for the form: towns, villages, grids (in the actor's town for
    town staff) and departments (city roles only)."""
    towns = select(Town.id, Town.name).order_by(Town.code)
    villages = select(Village.id, Town.name, Village.name).join(Town, Town.id == Village.town_id)
    grids = select(Grid.id, Village.name, Grid.name).join(Village, Village.id == Grid.village_id)
    if actor.role == Role.TOWN_STAFF:
        mine = actor.town_id if actor.town_id is not None else -1
        towns = towns.where(Town.id == mine)
        villages = villages.where(Village.town_id == mine)
        grids = grids.where(Grid.town_id == mine)
    out = {
        "town": [(int(r[0]), str(r[1])) for r in session.execute(towns).all()],
        "village": [
            (int(r[0]), f"{r[1]} · {r[2]}") for r in session.execute(villages.order_by(Village.code))
        ],
        "grid": [(int(r[0]), f"{r[1]} · {r[2]}") for r in session.execute(grids.order_by(Grid.code))],
        "department": [],
    }
    if actor.role != Role.TOWN_STAFF:
        out["department"] = [
            (int(r[0]), str(r[1]))
            for r in session.execute(select(Department.id, Department.name).order_by(Department.id))
        ]
    return out
