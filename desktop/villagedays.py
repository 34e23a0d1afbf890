"""Village work: "three days in one" (三日合一) village days and leaders' receptions (接访/约访),
the issues raised there turned into sentiment logs or cases, social-stability risk assessments
(社会稳定风险评估) of projects, and service errands (代办服务) with their counts.

Qt-free plain functions over a session (reads) or a sessionmaker (writes, one transaction each);
the UI calls them off the GUI thread. Refusals are :class:`VillageWorkError` with a Chinese
sentence saying what to fix, and nothing is stored. Town staff see and write their own town only:
the filters here mirror what PostgreSQL's row-level security (migration 0018) enforces anyway.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Case,
    Errand,
    Grid,
    Reception,
    RiskAssessment,
    RiskStep,
    SentimentLog,
    Town,
    Village,
    VillageDay,
    VillageDaySchedule,
    VillageIssue,
    Worker,
)
from db.vocab import (
    CATEGORIES,
    Channel,
    ErrandStatus,
    Kind,
    ProjectKind,
    ReceptionKind,
    ReceptionStatus,
    Recurrence,
    RiskDecision,
    RiskLevel,
    RiskStepKind,
    Role,
    Severity,
    VillageDayKind,
    VillageDayStatus,
)
from desktop.cases.intake import IntakeForm, check_phone, new_case
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseError, CaseService
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.errors import Refusal
from desktop.live.feed import record_change
from desktop.logbook import town_choices as town_choices  # the log book's place choices serve here too
from desktop.logbook import village_choices as village_choices
from desktop.villagework_data import (
    DEFAULT_OFFICE as DEFAULT_OFFICE,  # the errand form's defaults, data in Chinese
)
from desktop.villagework_data import (
    DOCUMENT_JOIN,
    DOCUMENT_SEPARATORS,
    SOURCE_APPOINTMENT,
    SOURCE_SCHEDULED_RECEPTION,
    SOURCE_VILLAGE_DAY,
    case_description,
    log_content,
    reception_title,
)
from desktop.villagework_data import TYPICAL_DOCUMENTS as TYPICAL_DOCUMENTS

WRITERS = frozenset({Role.DISPATCHER, Role.LEADER, Role.TOWN_STAFF, Role.ADMIN})
# How far ahead a new schedule's dates are generated at once (the pane adds more as time passes).
HORIZON_DAYS = 92
# One schedule yields at most this many dates per call: a weekly rule over years stays bounded.
MAX_GENERATED = 400
# Every step an assessment must have before it may be decided (公示听证、专家咨询、问卷座谈).
REQUIRED_STEPS: tuple[RiskStepKind, ...] = (
    RiskStepKind.NOTICE_HEARING,
    RiskStepKind.EXPERT,
    RiskStepKind.SURVEY,
)
ERRAND_MATTERS: tuple[str, ...] = CATEGORIES[Kind.ERRAND]
MAX_DOCUMENTS = 30
OPEN_ERRAND = (ErrandStatus.ACCEPTED, ErrandStatus.IN_PROGRESS)


class VillageWorkError(Refusal):
    """A refused request (a ``villagework.…`` code and its facts); nothing was stored."""


class FieldRefused(VillageWorkError):
    """A field left empty, too long or out of range; the code names the field and the problem:
    ``villagework.<field>.required``, ``.too_long`` (fact ``limit``) or ``.count``."""

    def __init__(self, field: str, problem: str, /, **params: Any) -> None:
        super().__init__(f"villagework.{field}.{problem}", **params)


def today_local() -> dt.date:
    return to_local(utcnow()).date()


def may_write(actor: Actor) -> bool:
    return actor.role in WRITERS


def _writer(actor: Actor) -> None:
    if not may_write(actor):
        raise VillageWorkError("villagework.read_only")


def _own_town(actor: Actor, town_id: int) -> None:
    if actor.role == Role.TOWN_STAFF and town_id != actor.town_id:
        raise VillageWorkError("villagework.own_town")


def _scope(column: ColumnElement[int] | object, actor: Actor) -> list[ColumnElement[bool]]:
    """``town_id = mine`` for town staff (what RLS enforces for their login), nothing for others."""
    if actor.role == Role.TOWN_STAFF:
        return [column == (actor.town_id if actor.town_id is not None else -1)]  # type: ignore[list-item]
    return []


def _text(value: str, field: str, limit: int, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise FieldRefused(field, "required")
    if len(value) > limit:
        raise FieldRefused(field, "too_long", limit=limit)
    return value


def _count(value: int | None, field: str) -> int | None:
    if value is None:
        return None
    if value < 0 or value > 1_000_000:
        raise FieldRefused(field, "count", limit=1_000_000)
    return int(value)


def _village_in_town(session: Session, village_id: int, town_id: int) -> Village:
    village = session.get(Village, village_id)
    if village is None or village.town_id != town_id:
        raise VillageWorkError("villagework.village_other_town")
    return village


# --- recurrence ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """Monthly on ``day_of_month`` (a day past the month's end means its last day: "the 31st" is
    30 April and 28 or 29 February), or weekly on ``weekday`` (0 Monday … 6 Sunday), from
    ``starts_on`` to ``ends_on`` (included; None: open-ended)."""

    recurrence: Recurrence
    starts_on: dt.date
    day_of_month: int | None = None
    weekday: int | None = None
    ends_on: dt.date | None = None


def check_rule(rule: Rule) -> Rule:
    if rule.recurrence == Recurrence.MONTHLY:
        if rule.day_of_month is None or not 1 <= rule.day_of_month <= 31:
            raise VillageWorkError("villagework.day_of_month")
        if rule.weekday is not None:
            raise VillageWorkError("villagework.monthly_weekday")
    elif rule.recurrence == Recurrence.WEEKLY:
        if rule.weekday is None or not 0 <= rule.weekday <= 6:
            raise VillageWorkError("villagework.weekday_required")
        if rule.day_of_month is not None:
            raise VillageWorkError("villagework.weekly_day_of_month")
    else:
        raise VillageWorkError("villagework.recurrence_required")
    if rule.ends_on is not None and rule.ends_on < rule.starts_on:
        raise VillageWorkError("villagework.end_before_start")
    return rule


def occurrences(rule: Rule, start: dt.date, end: dt.date, limit: int = MAX_GENERATED) -> list[dt.date]:
    """The dates of ``rule`` within ``start``..``end`` (both included), at most ``limit``."""
    check_rule(rule)
    first = max(start, rule.starts_on)
    last = min(end, rule.ends_on) if rule.ends_on is not None else end
    out: list[dt.date] = []
    if first > last:
        return out
    if rule.recurrence == Recurrence.WEEKLY:
        assert rule.weekday is not None
        day = first + dt.timedelta(days=(rule.weekday - first.weekday()) % 7)
        while day <= last and len(out) < limit:
            out.append(day)
            day += dt.timedelta(days=7)
        return out
    assert rule.day_of_month is not None
    year, month = first.year, first.month
    while len(out) < limit:
        length = calendar.monthrange(year, month)[1]
        day = dt.date(year, month, min(rule.day_of_month, length))
        if day > last:
            break
        if day >= first:
            out.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# --- village days and receptions ------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleForm:
    town_id: int
    village_id: int
    kind: VillageDayKind
    rule: Rule
    place: str = ""


def add_schedule(
    sessions: sessionmaker[Session], actor: Actor, form: ScheduleForm, until: dt.date | None = None
) -> tuple[int, int]:
    """Store the schedule and generate its dates up to ``until`` (default: today + HORIZON_DAYS);
    returns (schedule id, dates made)."""
    _writer(actor)
    _own_town(actor, form.town_id)
    if form.kind not in set(VillageDayKind):
        raise VillageWorkError("villagework.day_kind_required")
    rule = check_rule(form.rule)
    place = _text(form.place, "place", 100, required=False)
    until = until or today_local() + dt.timedelta(days=HORIZON_DAYS)
    with sessions.begin() as session:
        _village_in_town(session, form.village_id, form.town_id)
        schedule = VillageDaySchedule(
            town_id=form.town_id,
            village_id=form.village_id,
            kind=str(form.kind),
            recurrence=str(rule.recurrence),
            day_of_month=rule.day_of_month,
            weekday=rule.weekday,
            starts_on=rule.starts_on,
            ends_on=rule.ends_on,
            place=place,
            created_at=utcnow(),
        )
        session.add(schedule)
        session.flush()
        made = _generate(session, schedule, until)
        return int(schedule.id), made


def _rule_of(schedule: VillageDaySchedule) -> Rule:
    return Rule(
        recurrence=Recurrence(schedule.recurrence),
        starts_on=schedule.starts_on,
        day_of_month=schedule.day_of_month,
        weekday=schedule.weekday,
        ends_on=schedule.ends_on,
    )


def _generate(session: Session, schedule: VillageDaySchedule, until: dt.date) -> int:
    have = set(session.scalars(select(VillageDay.held_on).where(VillageDay.schedule_id == schedule.id)))
    made = 0
    for day in occurrences(_rule_of(schedule), schedule.starts_on, until):
        if day in have:
            continue
        session.add(
            VillageDay(
                schedule_id=schedule.id,
                town_id=schedule.town_id,
                village_id=schedule.village_id,
                kind=schedule.kind,
                held_on=day,
                place=schedule.place,
                status=str(VillageDayStatus.PLANNED),
                notes="",
            )
        )
        made += 1
    session.flush()
    return made


def generate_days(sessions: sessionmaker[Session], actor: Actor, until: dt.date) -> int:
    """Make the missing dates of every schedule in the actor's scope up to ``until``; idempotent."""
    if not may_write(actor):
        return 0
    made = 0
    with sessions.begin() as session:
        for schedule in session.scalars(
            select(VillageDaySchedule).where(*_scope(VillageDaySchedule.town_id, actor))
        ):
            made += _generate(session, schedule, until)
    return made


@dataclass(frozen=True)
class CalendarEntry:
    """A village day or a reception, as the calendar list shows it."""

    what: str  # "day" or "reception"
    id: int
    day: dt.date
    time: str  # "HH:MM" for receptions, "" for village days
    town_id: int
    town: str
    village: str
    kind: str
    status: str
    place: str
    title: str  # a reception's topic and leader; a village day's notes
    attendance: int | None
    issues: int
    visitors: str = ""  # receptions only
    outcome: str = ""
    village_id: int | None = None


def calendar_entries(
    session: Session, actor: Actor, start: dt.date, end: dt.date, town_id: int | None = None
) -> list[CalendarEntry]:
    """Village days and receptions from ``start`` to ``end`` (included), by date and time."""
    issues_of_day = (
        select(VillageIssue.village_day_id, func.count().label("n"))
        .where(VillageIssue.village_day_id.is_not(None))
        .group_by(VillageIssue.village_day_id)
        .subquery()
    )
    days = session.execute(
        select(VillageDay, Town.name, Village.name, func.coalesce(issues_of_day.c.n, 0))
        .join(Town, Town.id == VillageDay.town_id)
        .join(Village, Village.id == VillageDay.village_id)
        .outerjoin(issues_of_day, issues_of_day.c.village_day_id == VillageDay.id)
        .where(
            VillageDay.held_on >= start,
            VillageDay.held_on <= end,
            *_scope(VillageDay.town_id, actor),
            *([VillageDay.town_id == town_id] if town_id is not None else []),
        )
    ).all()
    out = [
        CalendarEntry(
            "day",
            d.id,
            d.held_on,
            "",
            d.town_id,
            str(town),
            str(village),
            d.kind,
            d.status,
            d.place,
            d.notes,
            d.attendance,
            int(n),
            village_id=d.village_id,
        )
        for d, town, village, n in days
    ]
    issues_of_rec = (
        select(VillageIssue.reception_id, func.count().label("n"))
        .where(VillageIssue.reception_id.is_not(None))
        .group_by(VillageIssue.reception_id)
        .subquery()
    )
    lo = dt.datetime.combine(start, dt.time(), CHINA_TZ).astimezone(dt.UTC)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), CHINA_TZ).astimezone(dt.UTC)
    receptions = session.execute(
        select(Reception, Town.name, Village.name, func.coalesce(issues_of_rec.c.n, 0))
        .join(Town, Town.id == Reception.town_id)
        .outerjoin(Village, Village.id == Reception.village_id)
        .outerjoin(issues_of_rec, issues_of_rec.c.reception_id == Reception.id)
        .where(
            Reception.starts_at >= lo,
            Reception.starts_at < hi,
            *_scope(Reception.town_id, actor),
            *([Reception.town_id == town_id] if town_id is not None else []),
        )
    ).all()
    for r, town, village, n in receptions:
        local = to_local(r.starts_at)
        out.append(
            CalendarEntry(
                "reception",
                r.id,
                local.date(),
                local.strftime("%H:%M"),
                r.town_id,
                str(town),
                str(village or ""),
                r.kind,
                r.status,
                r.place,
                reception_title(r.leader_name, r.topic),
                None,
                int(n),
                r.visitors,
                r.outcome,
                r.village_id,
            )
        )
    out.sort(key=lambda e: (e.day, e.time or "00:00", e.what, e.town, e.village, e.id))
    return out


@dataclass(frozen=True)
class DayRecord:
    day_id: int
    status: VillageDayStatus
    attendance: int | None
    notes: str


def record_day(sessions: sessionmaker[Session], actor: Actor, record: DayRecord) -> None:
    """What happened at a village day: held (with attendance) or cancelled, and notes."""
    _writer(actor)
    if record.status not in set(VillageDayStatus):
        raise VillageWorkError("villagework.day_status_required")
    attendance = _count(record.attendance, "attendance")
    notes = _text(record.notes, "notes", 4000, required=False)
    if record.status == VillageDayStatus.HELD and attendance is None:
        raise VillageWorkError("villagework.attendance_required")
    if record.status == VillageDayStatus.CANCELLED and not notes:
        raise VillageWorkError("villagework.cancel_reason")
    with sessions.begin() as session:
        day = session.scalar(
            select(VillageDay).where(VillageDay.id == record.day_id, *_scope(VillageDay.town_id, actor))
        )
        if day is None:
            raise VillageWorkError("villagework.no_day")
        if record.status == VillageDayStatus.HELD and day.held_on > today_local():
            raise VillageWorkError("villagework.day_not_yet")
        day.status = str(record.status)
        day.attendance = attendance if record.status == VillageDayStatus.HELD else None
        day.notes = notes
        day.recorded_at = utcnow()


@dataclass(frozen=True)
class ReceptionForm:
    town_id: int
    kind: ReceptionKind
    leader_name: str
    starts_at: dt.datetime
    topic: str
    place: str = ""
    visitors: str = ""
    village_id: int | None = None
    village_day_id: int | None = None


def add_reception(sessions: sessionmaker[Session], actor: Actor, form: ReceptionForm) -> int:
    _writer(actor)
    _own_town(actor, form.town_id)
    if form.kind not in set(ReceptionKind):
        raise VillageWorkError("villagework.reception_kind_required")
    leader = _text(form.leader_name, "leader", 64)
    topic = _text(form.topic, "topic", 200)
    place = _text(form.place, "place", 100, required=False)
    visitors = _text(form.visitors, "visitors", 400, required=False)
    if form.kind == ReceptionKind.APPOINTMENT and not visitors:
        raise VillageWorkError("villagework.visitors_required")
    if form.starts_at.tzinfo is None:
        raise VillageWorkError("villagework.reception_time")
    with sessions.begin() as session:
        if form.village_id is not None:
            _village_in_town(session, form.village_id, form.town_id)
        if form.village_day_id is not None:
            day = session.get(VillageDay, form.village_day_id)
            if day is None or day.town_id != form.town_id:
                raise VillageWorkError("villagework.day_other_town")
        reception = Reception(
            town_id=form.town_id,
            village_id=form.village_id,
            village_day_id=form.village_day_id,
            kind=str(form.kind),
            leader_name=leader,
            starts_at=form.starts_at,
            place=place,
            visitors=visitors,
            topic=topic,
            status=str(ReceptionStatus.PLANNED),
            outcome="",
            created_at=utcnow(),
        )
        session.add(reception)
        session.flush()
        return int(reception.id)


def record_reception(
    sessions: sessionmaker[Session], actor: Actor, reception_id: int, status: ReceptionStatus, outcome: str
) -> None:
    """The outcome of a reception (接谈结果、答复意见) or why it was cancelled."""
    _writer(actor)
    if status not in set(ReceptionStatus):
        raise VillageWorkError("villagework.reception_status_required")
    outcome = _text(outcome, "outcome", 4000, required=status != ReceptionStatus.PLANNED)
    with sessions.begin() as session:
        reception = session.scalar(
            select(Reception).where(Reception.id == reception_id, *_scope(Reception.town_id, actor))
        )
        if reception is None:
            raise VillageWorkError("villagework.no_reception")
        if status == ReceptionStatus.DONE and reception.starts_at > utcnow():
            raise VillageWorkError("villagework.reception_not_yet")
        reception.status = str(status)
        reception.outcome = outcome


# --- issues raised → sentiment log or case ---------------------------------------------------


@dataclass(frozen=True)
class IssueForm:
    """An issue raised at a village day (``village_day_id``) or a reception (``reception_id``),
    recorded as a sentiment log (``as_case`` False) or filed as a case."""

    content: str
    raised_by: str = ""
    raised_phone: str = ""
    village_day_id: int | None = None
    reception_id: int | None = None
    village_id: int | None = None  # for a reception held for the whole town
    as_case: bool = False
    title: str = ""
    kind: Kind = Kind.DISPUTE
    category: str = "other"
    severity: Severity = Severity.GENERAL


@dataclass(frozen=True)
class RaisedIssue:
    issue_id: int
    log_id: int | None
    case_id: int | None
    case_number: str | None
    town_id: int


def _village_point(session: Session, village_id: int) -> tuple[float, float]:
    """A point inside the village: its first grid's centre."""
    grid = session.execute(
        select(Grid.id, Grid.lat, Grid.lon)
        .where(Grid.village_id == village_id, Grid.lat.is_not(None), Grid.lon.is_not(None))
        .order_by(Grid.id)
        .limit(1)
    ).first()
    if grid is None:
        raise VillageWorkError("villagework.village_no_grid")
    return float(grid.lat), float(grid.lon)


def raise_issue(
    sessions: sessionmaker[Session], service: CaseService, actor: Actor, form: IssueForm
) -> RaisedIssue:
    """Record the issue and the log or case it becomes, linked, in one transaction.

    A case goes through the desk intake's own rules (desktop.cases.intake.new_case, channel 接待) and
    CaseService.report; a log is written for the village's grid worker like a visit note.
    """
    _writer(actor)
    if (form.village_day_id is None) == (form.reception_id is None):
        raise VillageWorkError("villagework.issue_source_required")
    content = _text(form.content, "content", 4000)
    raised_by = _text(form.raised_by, "raised_by", 64, required=False)
    now = utcnow()
    with sessions.begin() as session:
        if form.village_day_id is not None:
            day = session.scalar(
                select(VillageDay).where(
                    VillageDay.id == form.village_day_id, *_scope(VillageDay.town_id, actor)
                )
            )
            if day is None:
                raise VillageWorkError("villagework.no_day")
            town_id, village_id, source = day.town_id, day.village_id, SOURCE_VILLAGE_DAY
        else:
            reception = session.scalar(
                select(Reception).where(Reception.id == form.reception_id, *_scope(Reception.town_id, actor))
            )
            if reception is None:
                raise VillageWorkError("villagework.no_reception")
            town_id = reception.town_id
            village_id = reception.village_id or form.village_id  # type: ignore[assignment]
            source = (
                SOURCE_SCHEDULED_RECEPTION
                if reception.kind == ReceptionKind.SCHEDULED
                else SOURCE_APPOINTMENT
            )
            if village_id is None:
                raise VillageWorkError("villagework.reception_no_village")
            _village_in_town(session, village_id, town_id)
        _own_town(actor, town_id)
        lat, lon = _village_point(session, village_id)
        log_id: int | None = None
        case: Case | None = None
        if form.as_case:
            intake = IntakeForm(
                channel=Channel.RECEPTION,
                kind=form.kind,
                category=form.category,
                title=form.title.strip() or _title(content),
                lat=lat,
                lon=lon,
                reporter_name=raised_by or source,
                reporter_phone=form.raised_phone,
                description=case_description(source, content),
                severity=form.severity,
            )
            try:
                case = service.report(new_case(intake, actor), actor, session=session)
            except CaseError as exc:
                if getattr(exc, "code", "") == "case.outside_city" or "outside the city" in str(exc):
                    raise VillageWorkError("villagework.outside_city") from exc
                raise  # the intake's own refusal, said as it is
        else:
            worker = session.execute(
                select(Worker.id, Worker.grid_id)
                .join(Grid, Grid.id == Worker.grid_id)
                .where(Grid.village_id == village_id, Worker.active)
                .order_by(Worker.id)
                .limit(1)
            ).first()
            if worker is None:
                raise VillageWorkError("villagework.village_no_worker")
            log = SentimentLog(
                worker_id=int(worker.id),
                town_id=town_id,
                village_id=village_id,
                grid_id=int(worker.grid_id),
                visited_at=now,
                households_visited=1,
                content=log_content(source, raised_by, content),
                lat=lat,
                lon=lon,
            )
            session.add(log)
            session.flush()
            log_id = int(log.id)
            record_change(session, "sentiment_log", log_id, "report", town_id, now)
        issue = VillageIssue(
            town_id=town_id,
            village_day_id=form.village_day_id,
            reception_id=form.reception_id,
            content=content,
            raised_by=raised_by,
            log_id=log_id,
            case_id=int(case.id) if case is not None else None,
            created_at=now,
            created_by_name=actor.name,
        )
        session.add(issue)
        session.flush()
        return RaisedIssue(
            int(issue.id),
            log_id,
            int(case.id) if case is not None else None,
            str(case.number) if case is not None else None,
            town_id,
        )


def _title(content: str, limit: int = 40) -> str:
    text = " ".join(content.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class IssueRow:
    id: int
    content: str
    raised_by: str
    created_at: dt.datetime
    log_id: int | None
    case_id: int | None
    case_number: str | None


def issues_of(
    session: Session, actor: Actor, *, village_day_id: int | None = None, reception_id: int | None = None
) -> list[IssueRow]:
    where = (
        VillageIssue.village_day_id == village_day_id
        if village_day_id is not None
        else VillageIssue.reception_id == reception_id
    )
    rows = session.execute(
        select(VillageIssue, Case.number)
        .outerjoin(Case, Case.id == VillageIssue.case_id)
        .where(where, *_scope(VillageIssue.town_id, actor))
        .order_by(VillageIssue.created_at, VillageIssue.id)
    ).all()
    return [
        IssueRow(
            i.id, i.content, i.raised_by, i.created_at, i.log_id, i.case_id, None if n is None else str(n)
        )
        for i, n in rows
    ]


# --- social-stability risk assessments -------------------------------------------------------


@dataclass(frozen=True)
class AssessmentForm:
    town_id: int
    project: str
    project_kind: ProjectKind
    owner_unit: str
    started_on: dt.date


def add_assessment(sessions: sessionmaker[Session], actor: Actor, form: AssessmentForm) -> int:
    _writer(actor)
    _own_town(actor, form.town_id)
    project = _text(form.project, "project", 200)
    owner = _text(form.owner_unit, "owner", 100)
    if form.project_kind not in set(ProjectKind):
        raise VillageWorkError("villagework.project_kind_required")
    if form.started_on > today_local():
        raise VillageWorkError("villagework.assessment_future")
    with sessions.begin() as session:
        if session.get(Town, form.town_id) is None:
            raise VillageWorkError("villagework.project_town_required")
        row = RiskAssessment(
            town_id=form.town_id,
            project=project,
            project_kind=str(form.project_kind),
            owner_unit=owner,
            started_on=form.started_on,
            measures="",
            decided_by="",
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return int(row.id)


@dataclass(frozen=True)
class StepForm:
    assessment_id: int
    kind: RiskStepKind
    held_on: dt.date
    result: str
    participants: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    suggestions: int | None = None


def check_step(step: StepForm, started_on: dt.date, today: dt.date) -> StepForm:
    if step.kind not in set(RiskStepKind):
        raise VillageWorkError("villagework.step_kind_required")
    if step.held_on < started_on:
        raise VillageWorkError("villagework.step_before_start")
    if step.held_on > today:
        raise VillageWorkError("villagework.step_future")
    _text(step.result, "step_result", 4000)
    for value, what in (
        (step.participants, "participants"),
        (step.votes_for, "votes_for"),
        (step.votes_against, "votes_against"),
        (step.suggestions, "suggestions"),
    ):
        _count(value, what)
    if step.kind == RiskStepKind.SURVEY and (step.votes_for is None or step.votes_against is None):
        raise VillageWorkError("villagework.survey_votes_required")
    if (
        step.participants is not None
        and (step.votes_for or 0) + (step.votes_against or 0) > step.participants
    ):
        raise VillageWorkError("villagework.votes_exceed")
    return step


def add_step(sessions: sessionmaker[Session], actor: Actor, step: StepForm) -> int:
    _writer(actor)
    with sessions.begin() as session:
        assessment = _assessment(session, actor, step.assessment_id)
        if assessment.decision is not None:
            raise VillageWorkError("villagework.decided_no_steps")
        check_step(step, assessment.started_on, today_local())
        row = RiskStep(
            assessment_id=assessment.id,
            town_id=assessment.town_id,
            kind=str(step.kind),
            held_on=step.held_on,
            result=step.result.strip(),
            participants=step.participants,
            votes_for=step.votes_for,
            votes_against=step.votes_against,
            suggestions=step.suggestions,
        )
        session.add(row)
        session.flush()
        return int(row.id)


@dataclass(frozen=True)
class DecisionForm:
    assessment_id: int
    risk_level: RiskLevel
    decision: RiskDecision
    decided_by: str
    decided_on: dt.date
    measures: str = ""


def check_decision(
    form: DecisionForm, steps: Iterable[tuple[str, dt.date]], started_on: dt.date, today: dt.date
) -> DecisionForm:
    """The rules of a decision, given the assessment's steps as (kind, date)."""
    steps = list(steps)
    kinds = {k for k, _ in steps}
    missing = [k for k in REQUIRED_STEPS if k not in kinds]
    if RiskStepKind.NOTICE_HEARING in missing:
        raise VillageWorkError("villagework.missing_notice_hearing")
    if RiskStepKind.EXPERT in missing:
        raise VillageWorkError("villagework.missing_expert")
    if missing:
        raise VillageWorkError("villagework.missing_survey")
    if form.risk_level not in set(RiskLevel):
        raise VillageWorkError("villagework.risk_level_required")
    if form.decision not in set(RiskDecision):
        raise VillageWorkError("villagework.decision_required")
    if form.risk_level == RiskLevel.HIGH and form.decision == RiskDecision.IMPLEMENT:
        raise VillageWorkError("villagework.high_risk_implement")
    _text(form.measures, "measures", 4000, required=form.decision == RiskDecision.WITH_MEASURES)
    _text(form.decided_by, "decided_by", 64)
    last = max(d for _, d in steps)
    if form.decided_on < max(last, started_on):
        raise VillageWorkError("villagework.decision_before_steps")
    if form.decided_on > today:
        raise VillageWorkError("villagework.decision_future")
    return form


def decide(sessions: sessionmaker[Session], actor: Actor, form: DecisionForm) -> None:
    _writer(actor)
    with sessions.begin() as session:
        assessment = _assessment(session, actor, form.assessment_id)
        if assessment.decision is not None:
            raise VillageWorkError("villagework.already_decided")
        steps = session.execute(
            select(RiskStep.kind, RiskStep.held_on).where(RiskStep.assessment_id == assessment.id)
        ).all()
        check_decision(form, [(str(k), d) for k, d in steps], assessment.started_on, today_local())
        assessment.risk_level = str(form.risk_level)
        assessment.decision = str(form.decision)
        assessment.measures = form.measures.strip()
        assessment.decided_by = form.decided_by.strip()
        assessment.decided_on = form.decided_on


def _assessment(session: Session, actor: Actor, assessment_id: int) -> RiskAssessment:
    row = session.scalar(
        select(RiskAssessment).where(
            RiskAssessment.id == assessment_id, *_scope(RiskAssessment.town_id, actor)
        )
    )
    if row is None:
        raise VillageWorkError("villagework.no_assessment")
    _own_town(actor, row.town_id)
    return row


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    town_id: int
    town: str
    project: str
    project_kind: str
    owner_unit: str
    started_on: dt.date
    risk_level: str | None
    decision: str | None
    decided_by: str
    decided_on: dt.date | None
    measures: str
    steps_done: tuple[str, ...]


@dataclass(frozen=True)
class StepRow:
    id: int
    kind: str
    held_on: dt.date
    result: str
    participants: int | None
    votes_for: int | None
    votes_against: int | None
    suggestions: int | None


def assessments(session: Session, actor: Actor, town_id: int | None = None) -> list[AssessmentRow]:
    rows = session.execute(
        select(RiskAssessment, Town.name)
        .join(Town, Town.id == RiskAssessment.town_id)
        .where(
            *_scope(RiskAssessment.town_id, actor),
            *([RiskAssessment.town_id == town_id] if town_id is not None else []),
        )
        .order_by(RiskAssessment.decision.is_not(None), RiskAssessment.started_on.desc(), RiskAssessment.id)
    ).all()
    ids = [a.id for a, _ in rows]
    kinds: dict[int, set[str]] = {}
    if ids:
        for aid, kind in session.execute(
            select(RiskStep.assessment_id, RiskStep.kind).where(RiskStep.assessment_id.in_(ids))
        ):
            kinds.setdefault(int(aid), set()).add(str(kind))
    return [
        AssessmentRow(
            a.id,
            a.town_id,
            str(town),
            a.project,
            a.project_kind,
            a.owner_unit,
            a.started_on,
            a.risk_level,
            a.decision,
            a.decided_by,
            a.decided_on,
            a.measures,
            tuple(k for k in REQUIRED_STEPS if k in kinds.get(a.id, set())),
        )
        for a, town in rows
    ]


def steps_of(session: Session, actor: Actor, assessment_id: int) -> list[StepRow]:
    rows = session.scalars(
        select(RiskStep)
        .where(RiskStep.assessment_id == assessment_id, *_scope(RiskStep.town_id, actor))
        .order_by(RiskStep.held_on, RiskStep.id)
    )
    return [
        StepRow(
            s.id, s.kind, s.held_on, s.result, s.participants, s.votes_for, s.votes_against, s.suggestions
        )
        for s in rows
    ]


# --- service errands (代办服务) ----------------------------------------------------------------


def _one_separator(text: str) -> str:
    for sep in DOCUMENT_SEPARATORS:
        text = text.replace(sep, DOCUMENT_JOIN)
    return text


def parse_documents(text: str) -> list[str]:
    """The documents typed as one line, separated by 、，, ; or new lines; duplicates dropped."""
    out: list[str] = []
    for part in _one_separator(text).split(DOCUMENT_JOIN):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return out


@dataclass(frozen=True)
class ErrandForm:
    town_id: int
    applicant: str
    matter: str
    office: str
    handler: str
    accepted_on: dt.date
    promised_on: dt.date
    documents: Sequence[str] = ()
    applicant_phone: str = ""
    detail: str = ""
    village_id: int | None = None


def check_errand(form: ErrandForm, today: dt.date) -> list[str]:
    """The errand's documents, cleaned; VillageWorkError when something must be fixed."""
    _text(form.applicant, "applicant", 64)
    if form.matter not in ERRAND_MATTERS:
        raise VillageWorkError("villagework.matter_required")
    _text(form.office, "office", 64)
    _text(form.handler, "handler", 64)
    _text(form.detail, "detail", 4000, required=False)
    if form.applicant_phone.strip():
        try:
            check_phone(form.applicant_phone, form.applicant.strip())
        except CaseError as exc:
            raise VillageWorkError("villagework.applicant_phone", phone=form.applicant_phone.strip()) from exc
    if form.accepted_on > today:
        raise VillageWorkError("villagework.accepted_future")
    if form.promised_on < form.accepted_on:
        raise VillageWorkError("villagework.promised_before_accepted")
    documents = [d.strip() for d in form.documents if d.strip()]
    if len(documents) > MAX_DOCUMENTS:
        raise VillageWorkError("villagework.too_many_documents", limit=MAX_DOCUMENTS)
    for d in documents:
        if len(d) > 64:
            raise VillageWorkError("villagework.document_too_long", document=d[:10], limit=64)
    return list(dict.fromkeys(documents))


def add_errand(sessions: sessionmaker[Session], actor: Actor, form: ErrandForm) -> int:
    _writer(actor)
    _own_town(actor, form.town_id)
    documents = check_errand(form, today_local())
    with sessions.begin() as session:
        if session.get(Town, form.town_id) is None:
            raise VillageWorkError("villagework.errand_town_required")
        if form.village_id is not None:
            _village_in_town(session, form.village_id, form.town_id)
        row = Errand(
            town_id=form.town_id,
            village_id=form.village_id,
            applicant=form.applicant.strip(),
            applicant_phone=form.applicant_phone.strip(),
            matter=form.matter,
            detail=form.detail.strip(),
            documents=documents,
            office=form.office.strip(),
            handler=form.handler.strip(),
            accepted_on=form.accepted_on,
            promised_on=form.promised_on,
            status=str(ErrandStatus.ACCEPTED),
            created_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return int(row.id)


def set_errand_status(
    sessions: sessionmaker[Session],
    actor: Actor,
    errand_id: int,
    status: ErrandStatus,
    done_on: dt.date | None = None,
) -> None:
    _writer(actor)
    if status not in set(ErrandStatus):
        raise VillageWorkError("villagework.errand_status_required")
    with sessions.begin() as session:
        row = session.scalar(select(Errand).where(Errand.id == errand_id, *_scope(Errand.town_id, actor)))
        if row is None:
            raise VillageWorkError("villagework.no_errand")
        _own_town(actor, row.town_id)
        if row.status in (ErrandStatus.DONE, ErrandStatus.RETURNED):
            raise VillageWorkError("villagework.errand_closed")
        if status == ErrandStatus.DONE:
            done_on = done_on or today_local()
            if done_on < row.accepted_on:
                raise VillageWorkError("villagework.done_before_accepted")
            if done_on > today_local():
                raise VillageWorkError("villagework.done_future")
            row.done_on = done_on
        row.status = str(status)


def is_overdue(status: str, promised_on: dt.date, done_on: dt.date | None, today: dt.date) -> bool:
    """Open past its promised day (a late errand already done counts as done late, not overdue)."""
    return status in OPEN_ERRAND and promised_on < today


@dataclass(frozen=True)
class ErrandRow:
    id: int
    town_id: int
    town: str
    village: str
    applicant: str
    matter: str
    office: str
    handler: str
    documents: tuple[str, ...]
    accepted_on: dt.date
    promised_on: dt.date
    done_on: dt.date | None
    status: str
    overdue: bool
    detail: str


def errands(
    session: Session,
    actor: Actor,
    today: dt.date,
    town_id: int | None = None,
    overdue_only: bool = False,
    open_only: bool = False,
    limit: int = 500,
) -> list[ErrandRow]:
    """Errands newest first (overdue ones first of all), at most ``limit``."""
    where = [*_scope(Errand.town_id, actor), *([Errand.town_id == town_id] if town_id is not None else [])]
    open_ = Errand.status.in_([str(s) for s in OPEN_ERRAND])
    if overdue_only:
        where += [open_, Errand.promised_on < today]
    elif open_only:
        where.append(open_)
    late = open_ & (Errand.promised_on < today)
    rows = session.execute(
        select(Errand, Town.name, Village.name)
        .join(Town, Town.id == Errand.town_id)
        .outerjoin(Village, Village.id == Errand.village_id)
        .where(*where)
        .order_by(late.desc(), Errand.accepted_on.desc(), Errand.id.desc())
        .limit(limit)
    ).all()
    return [
        ErrandRow(
            e.id,
            e.town_id,
            str(town),
            str(village or ""),
            e.applicant,
            e.matter,
            e.office,
            e.handler,
            tuple(e.documents or ()),
            e.accepted_on,
            e.promised_on,
            e.done_on,
            e.status,
            is_overdue(e.status, e.promised_on, e.done_on, today),
            e.detail,
        )
        for e, town, village in rows
    ]


@dataclass(frozen=True)
class ErrandCount:
    town: str
    office: str
    total: int
    open: int
    done: int
    done_late: int
    overdue: int


def errand_counts(
    session: Session, actor: Actor, today: dt.date, town_id: int | None = None, by: str = "town_office"
) -> list[ErrandCount]:
    """Per town and office (``by`` "town_office"), per town ("town": office left empty) or per
    office across the towns ("office": town left empty): all, open, done, done after the promised
    day, and overdue now; most overdue first."""
    if by not in ("town", "office", "town_office"):
        raise VillageWorkError("villagework.count_grouping", by=by)
    open_ = Errand.status.in_([str(s) for s in OPEN_ERRAND])
    done = Errand.status == str(ErrandStatus.DONE)

    def n(cond: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    town_col = Town.name if by != "office" else literal("")
    office_col = Errand.office if by != "town" else literal("")
    groups = [c for c, keep in ((Town.name, by != "office"), (Errand.office, by != "town")) if keep]
    rows = session.execute(
        select(
            town_col,
            office_col,
            func.count(),
            n(open_),
            n(done),
            n(done & (Errand.done_on > Errand.promised_on)),
            n(open_ & (Errand.promised_on < today)),
        )
        .join(Town, Town.id == Errand.town_id)
        .where(*_scope(Errand.town_id, actor), *([Errand.town_id == town_id] if town_id is not None else []))
        .group_by(*groups)
    ).all()
    out = [
        ErrandCount(str(t), str(o), int(a), int(b), int(c), int(d), int(e)) for t, o, a, b, c, d, e in rows
    ]
    out.sort(key=lambda r: (-r.overdue, -r.open, r.town, r.office))
    return out
