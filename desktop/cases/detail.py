"""Everything the case panel shows about one case, read in one go and masked for the viewer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session, undefer

from db.models import (
    Case,
    CaseDepartment,
    CaseEvent,
    CaseLink,
    Department,
    Grid,
    SentimentLog,
    SupervisionOrder,
    Town,
    User,
    Village,
    Worker,
)
from db.vocab import Action, Level, Role, Status
from desktop.cases.ladder import Actor, CaseState, allowed_actions
from desktop.cases.queue import scope_clause
from desktop.cases.vocab import PARTY_SEPARATOR
from desktop.errors import Refusal
from desktop.live.tracks import ReportCheck, case_track_check

# Roles that work with the parties directly and so may see their personal data unmasked.
SEES_PERSONAL_DATA = frozenset({Role.DISPATCHER, Role.LEADER, Role.TOWN_STAFF, Role.DEPARTMENT_STAFF})


def mask_name(name: str) -> str:
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_phone(phone: str) -> str:
    phone = phone.strip()
    return phone[:3] + "****" + phone[-4:] if len(phone) >= 8 else "*" * len(phone)


def mask_id_number(number: str) -> str:
    number = number.strip()
    return number[:6] + "*" * (len(number) - 10) + number[-4:] if len(number) > 10 else "*" * len(number)


def _mask_list(value: str, masker: type[str] | object) -> str:
    assert callable(masker)
    parts = value.replace(",", PARTY_SEPARATOR).split(PARTY_SEPARATOR)
    return PARTY_SEPARATOR.join(str(masker(p)) for p in parts if p.strip())


@dataclass(frozen=True)
class SourceLog:
    """The sentiment log a case was filed from, as the case panel shows it (ui words it)."""

    visited_at: dt.datetime
    worker: str
    households_visited: int
    content: str


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    actor: str
    role: str
    action: str
    from_status: str | None
    to_status: str | None
    from_level: int | None
    to_level: int | None
    reason: str
    comment: str


@dataclass(frozen=True)
class SupervisionView:
    id: int
    issuer: str
    unit: str
    instruction: str
    issued_at: dt.datetime
    deadline: dt.datetime
    response: str | None
    status: str
    unit_town_id: int | None = None
    unit_department_id: int | None = None
    issuer_user_id: int | None = None


@dataclass(frozen=True)
class LinkView:
    link_type: str
    other_id: int
    other_number: str
    other_title: str


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    kind: str
    category: str
    title: str
    description: str
    status: Status
    level: Level
    severity: int
    mass_incident: bool
    sensitive_period: bool
    town: str
    village: str
    grid: str
    lat: float
    lon: float
    reporter: str
    parties_count: int
    party_names: str
    party_phones: str
    party_id_numbers: str
    personal_data_masked: bool
    assignee: str
    departments: tuple[str, ...]
    reported_at: dt.datetime
    updated_at: dt.datetime
    sla_due_at: dt.datetime | None
    sla_warn_at: dt.datetime | None
    satisfaction: int | None
    source_log: SourceLog | None
    timeline: tuple[TimelineEntry, ...]
    supervision: tuple[SupervisionView, ...]
    links: tuple[LinkView, ...]
    allowed: tuple[Action, ...]
    # The sentiment log the case was filed from (visible to this user), to open it in the log book.
    source_log_id: int | None = None
    # The case's town: dialogs default to it (a supervision order goes to the case's town).
    town_id: int | None = None
    # A field report's place against its reporter's track at the time (desktop.live.tracks): None when
    # the case is not a worker's field report or the user may not read that worker's positions.
    track_check: ReportCheck | None = None


def _track_check(session: Session, actor: Actor, case: Case) -> ReportCheck | None:
    if case.reporter_worker_id is None or case.channel != "field":
        return None
    if actor.role == Role.TOWN_STAFF:
        # Town staff read their own town's workers' positions only: another town's reporter
        # would look as if the phone had been off.
        worker = session.get(Worker, case.reporter_worker_id)
        if worker is None or worker.town_id != actor.town_id:
            return None
    return case_track_check(session, case.id)


def _log_summary(session: Session, log: SentimentLog) -> SourceLog:
    """The source log as the case panel shows it: when, who, how many households, what."""
    worker = session.get(Worker, log.worker_id)
    who = worker.name if worker is not None else ""
    return SourceLog(log.visited_at, who, int(log.households_visited), log.content)


class CaseNotVisible(Refusal, LookupError):
    """The case does not exist or lies outside what this user may see."""


def _party_fields(session: Session, case: Case, masked: bool) -> tuple[str, str, str]:
    """The parties' names, phones and ID numbers as this viewer may see them.

    On PostgreSQL the roles that see them masked (auditors, administrators) may not read the
    columns at all (column privileges, migration 0008); the database masks them for them.
    """
    if masked and session.get_bind().dialect.name == "postgresql":
        row = session.execute(
            text("select * from concord_case_parties_masked(:id)"), {"id": case.id}
        ).one_or_none()
        return (str(row[0]), str(row[1]), str(row[2])) if row is not None else ("", "", "")
    if masked:
        return (
            _mask_list(case.party_names, mask_name),
            _mask_list(case.party_phones, mask_phone),
            _mask_list(case.party_id_numbers, mask_id_number),
        )
    return case.party_names, case.party_phones, case.party_id_numbers


def load_detail(session: Session, actor: Actor, case_id: int) -> CaseDetail:
    masked = actor.role not in SEES_PERSONAL_DATA
    query = select(Case).where(Case.id == case_id)
    if not masked or session.get_bind().dialect.name != "postgresql":
        query = query.options(
            undefer(Case.party_names), undefer(Case.party_phones), undefer(Case.party_id_numbers)
        )
    scope = scope_clause(actor)
    if scope is not None:
        query = query.where(scope)
    case = session.scalars(query).one_or_none()
    if case is None:
        raise CaseNotVisible("case.not_visible", case_id=case_id)
    town = session.get(Town, case.town_id)
    village = session.get(Village, case.village_id)
    grid = session.get(Grid, case.grid_id)
    assignee = session.get(User, case.assignee_user_id) if case.assignee_user_id else None
    departments = session.execute(
        select(Department.id, Department.name)
        .join(CaseDepartment, CaseDepartment.department_id == Department.id)
        .where(CaseDepartment.case_id == case.id)
        .order_by(Department.id)
    ).all()
    events = session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    ).all()
    orders = session.scalars(
        select(SupervisionOrder).where(SupervisionOrder.case_id == case.id).order_by(SupervisionOrder.id)
    ).all()
    link_rows = session.execute(
        select(CaseLink.link_type, Case.id, Case.number, Case.title)
        .join(
            Case,
            or_(
                (CaseLink.other_case_id == Case.id) & (CaseLink.case_id == case_id),
                (CaseLink.case_id == Case.id) & (CaseLink.other_case_id == case_id),
            ),
        )
        .order_by(CaseLink.id)
    ).all()
    log = session.get(SentimentLog, case.source_log_id) if case.source_log_id else None
    dept_names = {d.id: d.name for d in session.execute(select(Department.id, Department.name)).all()}
    town_names = {t.id: t.name for t in session.execute(select(Town.id, Town.name)).all()}

    party_names, party_phones, party_id_numbers = _party_fields(session, case, masked)
    state = CaseState(
        status=Status(case.status),
        level=Level(case.level),
        town_id=case.town_id,
        department_ids=frozenset(d.id for d in departments),
        assignee_user_id=case.assignee_user_id,
    )
    return CaseDetail(
        id=case.id,
        number=case.number,
        version=case.version,
        kind=case.kind,
        category=case.category,
        title=case.title,
        description=case.description,
        status=Status(case.status),
        level=Level(case.level),
        severity=case.severity,
        mass_incident=case.mass_incident,
        sensitive_period=case.sensitive_period,
        town=town.name if town else "",
        village=village.name if village else "",
        grid=grid.name if grid else "",
        lat=case.lat,
        lon=case.lon,
        reporter=case.reporter_name,
        parties_count=case.parties_count,
        party_names=party_names,
        party_phones=party_phones,
        party_id_numbers=party_id_numbers,
        personal_data_masked=masked,
        assignee=assignee.display_name if assignee else case.owner_unit,
        departments=tuple(d.name for d in departments),
        reported_at=case.reported_at,
        updated_at=case.updated_at,
        sla_due_at=case.sla_due_at,
        sla_warn_at=case.sla_warn_at,
        satisfaction=case.satisfaction,
        source_log=_log_summary(session, log) if log else None,
        timeline=tuple(
            TimelineEntry(
                e.at,
                e.actor_name,
                e.actor_role,
                e.action,
                e.from_status,
                e.to_status,
                e.from_level,
                e.to_level,
                e.reason,
                e.comment,
            )
            for e in events
        ),
        supervision=tuple(
            SupervisionView(
                o.id,
                o.issuer_name,
                dept_names.get(o.unit_department_id or -1) or town_names.get(o.unit_town_id or -1, ""),
                o.instruction,
                o.issued_at,
                o.deadline,
                o.response,
                o.status,
                o.unit_town_id,
                o.unit_department_id,
                o.issuer_user_id,
            )
            for o in orders
        ),
        links=tuple(LinkView(r.link_type, r.id, r.number, r.title) for r in link_rows),
        allowed=tuple(allowed_actions(state, actor)),
        source_log_id=int(log.id) if log else None,
        town_id=int(case.town_id),
        track_check=_track_check(session, actor, case),
    )


# --- choices offered by the case panel's dialogs (the interface writes no SQL) ---

# Who a case may be assigned to.
ASSIGNABLE_ROLES = frozenset({Role.TOWN_STAFF, Role.DEPARTMENT_STAFF, Role.DISPATCHER})


@dataclass(frozen=True)
class Choice:
    """One entry of a choice list: the row's id and the name shown for it."""

    id: int
    name: str


def assignees(session: Session) -> list[Choice]:
    """Active users a case may be assigned to (town and department staff, dispatchers), by id."""
    users = session.scalars(select(User).where(User.active).order_by(User.id))
    return [Choice(int(u.id), u.display_name) for u in users if u.role in ASSIGNABLE_ROLES]


def department_choices(session: Session) -> list[Choice]:
    """Every department, by id."""
    rows = session.execute(select(Department.id, Department.name).order_by(Department.id))
    return [Choice(int(i), str(n)) for i, n in rows]


@dataclass(frozen=True)
class UnitChoice:
    """A unit a supervision order may be addressed to."""

    kind: str  # "town" or "department"
    id: int
    name: str


def supervision_units(session: Session, actor: Actor) -> list[UnitChoice]:
    """The units this actor may address a supervision order to: towns in pinyin order (town staff
    only their own town), then, for everyone but town staff, the departments by id."""
    towns = session.execute(select(Town.id, Town.name).order_by(Town.pinyin)).all()
    units = [
        UnitChoice("town", int(i), str(n))
        for i, n in towns
        if actor.role != Role.TOWN_STAFF or i == actor.town_id
    ]
    if actor.role != Role.TOWN_STAFF:
        units += [UnitChoice("department", c.id, c.name) for c in department_choices(session)]
    return units


def case_id_by_number(session: Session, number: str) -> int | None:
    """The id of the case with this number, or None if there is none (visibility is not checked)."""
    found = session.scalar(select(Case.id).where(Case.number == number))
    return int(found) if found is not None else None
