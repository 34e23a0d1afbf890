"""Case use cases: report, act on the ladder, sweep SLA breaches — each in one transaction.

Every change writes the case row (optimistic locking on ``version``), an append-only
``case_events`` row and a ``changes`` row together, or nothing at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import CursorResult, and_, select, text, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from db.models import (
    Case,
    CaseCounter,
    CaseDepartment,
    CaseEvent,
    CaseLink,
    CategoryRoute,
    Department,
    SensitivePeriod,
    Town,
    User,
)
from db.vocab import CATEGORIES, Action, Channel, Kind, Level, LinkType, Role, Severity, Status
from desktop.cases.ladder import Actor, CaseState, LadderError, apply, initial_level
from desktop.cases.sla import SlaPolicy, WorkCalendar
from desktop.clock import to_local, utcnow
from desktop.errors import Refusal
from desktop.geo import GridIndex
from desktop.live.feed import record_change

NUMBER_PREFIX = "PD"
# The audit reason of the SLA sweep's escalations and the comment of a report linked to other
# cases at intake are stored as stable keys, not sentences: the case panel and the trace say them
# in the reader's language (ui.cases.panel.event_note); rows written before keep their old text.
SWEEP_REASON = "sla_overdue"
LINKED_AT_REPORT = "linked_at_report:"
SLA_CLOCK_STATUSES = (Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS)


class CaseError(Refusal):
    """A request about a case that was refused (``case.…`` and ``intake.…`` codes)."""


class CaseNotFound(CaseError):
    pass


class ConflictError(CaseError):
    """Someone else saved the case since it was read: nothing was overwritten."""

    def __init__(
        self,
        case_id: int,
        expected: int,
        current: int,
        last_actor: str = "",
        last_action: str = "",
        last_at: dt.datetime | None = None,
    ) -> None:
        if last_action:
            super().__init__(
                "case.conflict",
                case_id=case_id,
                expected=expected,
                current=current,
                last_actor=last_actor or "?",
                last_action=last_action,
                last_at=last_at if last_at is not None else "?",
            )
        else:
            super().__init__("case.conflict_unknown", case_id=case_id, expected=expected, current=current)
        self.case_id = case_id
        self.expected = expected
        self.current = current
        # The parts, so that a user interface can say it in the user's language.
        self.last_actor = last_actor
        self.last_action = last_action
        self.last_at = last_at

    def __reduce__(self) -> tuple[Any, ...]:  # rebuilt with its parts, not only its code
        return (
            type(self),
            (self.case_id, self.expected, self.current, self.last_actor, self.last_action, self.last_at),
        )


@dataclass(frozen=True)
class NewCase:
    kind: Kind
    category: str
    title: str
    lat: float
    lon: float
    severity: Severity = Severity.GENERAL
    description: str = ""
    mass_incident: bool = False
    sensitive_period: bool | None = None
    parties_count: int = 1
    party_names: str = ""
    party_phones: str = ""
    party_id_numbers: str = ""
    reporter_worker_id: int | None = None
    reporter_name: str = ""
    source_log_id: int | None = None
    # Desk intake (migration 0012). ``sensitive_period`` None: on when the report's local date
    # falls in a sensitive period of the calendar. ``route``: with no ``department_ids``, assign
    # the department the category is routed to (category_routes), if any.
    channel: Channel = Channel.FIELD
    reporter_phone: str = ""
    department_ids: tuple[int, ...] = ()
    route: bool = False
    related_case_ids: tuple[int, ...] = ()

    def validate(self) -> None:
        if self.kind not in CATEGORIES:
            raise CaseError("case.unknown_kind", kind=str(self.kind))
        if self.category not in CATEGORIES[Kind(self.kind)]:
            raise CaseError("case.unknown_category", category=self.category, kind=str(self.kind))
        if not self.title.strip():
            raise CaseError("case.title_required")
        if len(self.title) > 200:
            raise CaseError("case.title_too_long", limit=200)
        if self.parties_count < 0:
            raise CaseError("case.parties_negative")
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise CaseError("case.bad_coordinate", lat=self.lat, lon=self.lon)
        if self.channel not in set(Channel):
            raise CaseError("case.unknown_channel", channel=str(self.channel))
        if len(self.reporter_phone) > 20:
            raise CaseError("case.reporter_phone_too_long", limit=20)
        if len(self.reporter_name) > 64:
            raise CaseError("case.reporter_name_too_long", limit=64)
        if len(self.party_names) > 400:
            raise CaseError("case.party_names_too_long", limit=400)
        if len(self.party_phones) > 400:
            raise CaseError("case.party_phones_too_long", limit=400)
        if len(self.party_id_numbers) > 400:
            raise CaseError("case.party_ids_too_long", limit=400)


@dataclass(frozen=True)
class ActionRequest:
    action: Action
    expected_version: int
    reason: str = ""
    comment: str = ""
    assignee_user_id: int | None = None
    department_ids: tuple[int, ...] = ()
    satisfaction: int | None = None
    other_case_id: int | None = None


@dataclass
class BulkResult:
    done: list[int] = field(default_factory=list)
    # Each refused case with its refusal (ui.refusals.describe says it).
    failed: list[tuple[int, Refusal]] = field(default_factory=list)


@dataclass
class SweepResult:
    escalated: list[int] = field(default_factory=list)
    skipped: int = 0
    # Supervision reminders recorded by the same sweep (desktop.meetings.supervision.ReminderResult).
    reminders: object = None


def add_case_event(
    session: Session,
    case: Case,
    actor: Actor,
    action: str,
    at: dt.datetime,
    from_status: str | None,
    from_level: int | None,
    reason: str = "",
    comment: str = "",
) -> None:
    """Append the audit row for a change of ``case`` (its new status and level are the "to")."""
    session.add(
        CaseEvent(
            case_id=case.id,
            at=at,
            actor_user_id=actor.user_id,
            actor_name=actor.name,
            actor_role=str(actor.role),
            action=action,
            from_status=from_status,
            to_status=case.status,
            from_level=from_level,
            to_level=case.level,
            reason=reason,
            comment=comment,
        )
    )


class CaseService:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        policy: SlaPolicy | None = None,
        clock: Callable[[], dt.datetime] = utcnow,
        grids: GridIndex | None = None,
    ) -> None:
        self._sessions = sessions
        self._policy = policy or SlaPolicy(WorkCalendar())
        self._clock = clock
        self._grids = grids

    # --- helpers ---------------------------------------------------------------------------

    def _grid_index(self, session: Session) -> GridIndex:
        if self._grids is None:
            self._grids = GridIndex.from_session(session)
        return self._grids

    def _sla(self, level: Level, severity: Severity, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        local = to_local(start)
        due = self._policy.due(level, severity, local)
        warn = self._policy.warning_at(level, severity, local)
        return warn.astimezone(dt.UTC), due.astimezone(dt.UTC)

    @staticmethod
    def _next_number(session: Session, year: int) -> str:
        if session.get_bind().dialect.name == "postgresql":
            # Only through the owner-rights function (migration 0011): no role may UPDATE the
            # counters, so nobody can stop the city's case intake by breaking them.
            n = session.execute(
                text("select concord_next_case_number(CAST(:y AS integer))"), {"y": year}
            ).scalar_one()
            return f"{NUMBER_PREFIX}-{year}-{int(n):06d}"
        # A conditional increment is atomic on both engines; the insert covers a year's first case.
        bumped = session.execute(
            update(CaseCounter)
            .where(CaseCounter.year == year)
            .values(last=CaseCounter.last + 1)
            .returning(CaseCounter.last)
        ).scalar()
        if bumped is None:
            session.add(CaseCounter(year=year, last=1))
            session.flush()
            bumped = 1
        return f"{NUMBER_PREFIX}-{year}-{int(bumped):06d}"

    # --- use cases -------------------------------------------------------------------------

    def report(self, new: NewCase, actor: Actor, session: Session | None = None) -> Case:
        """Create a case at the level the ladder gives it, in the grid its point falls in.

        With ``session`` the case joins the caller's open transaction (the field gateway stores
        the report and its idempotency record together) and the caller commits; without it the
        case is committed here.
        """
        new.validate()
        if session is not None:
            return self._report_in(session, new, actor)
        with self._sessions.begin() as own:
            return self._report_in(own, new, actor)

    def _report_in(self, session: Session, new: NewCase, actor: Actor) -> Case:
        now = self._clock()
        hit = self._grid_index(session).locate(new.lat, new.lon)
        if hit is None:
            raise CaseError("case.outside_city", lat=round(new.lat, 5), lon=round(new.lon, 5))
        if actor.role == Role.TOWN_STAFF and hit.town_id != actor.town_id:
            # The central database refuses it too (RLS); this says why in words.
            town = session.get(Town, hit.town_id)
            if town is None:
                raise CaseError("case.other_town_unknown")
            raise CaseError("case.other_town", town=town.name)
        department_ids = self._intake_departments(session, new)
        related = self._related_cases(session, new)
        sensitive = new.sensitive_period
        if sensitive is None:
            sensitive = sensitive_period_on(session, to_local(now).date()) is not None
        severity = Severity(new.severity)
        level = initial_level(severity, new.mass_incident)
        warn, due = self._sla(level, severity, now)
        case = Case(
            number=self._next_number(session, to_local(now).year),
            kind=str(new.kind),
            category=new.category,
            title=new.title.strip(),
            description=new.description,
            lat=new.lat,
            lon=new.lon,
            town_id=hit.town_id,
            village_id=hit.village_id,
            grid_id=hit.grid_id,
            reporter_worker_id=new.reporter_worker_id,
            reporter_name=new.reporter_name or actor.name,
            parties_count=new.parties_count,
            party_names=new.party_names,
            party_phones=new.party_phones,
            party_id_numbers=new.party_id_numbers,
            severity=int(severity),
            mass_incident=new.mass_incident,
            sensitive_period=sensitive,
            channel=str(new.channel),
            reporter_phone=new.reporter_phone.strip(),
            status=str(Status.REPORTED),
            level=int(level),
            reported_at=now,
            updated_at=now,
            sla_started_at=now,
            sla_warn_at=warn,
            sla_due_at=due,
            source_log_id=new.source_log_id,
        )
        for dep_id in department_ids:
            case.departments.append(CaseDepartment(department_id=dep_id))
        session.add(case)
        session.flush()
        for other in related:
            session.add(CaseLink(case_id=case.id, other_case_id=other.id, link_type=str(LinkType.RELATED)))
        comment = ""
        if related:
            # A stable key and the numbers; the timeline says it in the reader's language.
            comment = LINKED_AT_REPORT + ",".join(other.number for other in related)
        add_case_event(session, case, actor, "report", now, None, None, comment=comment)
        record_change(session, "case", case.id, "report", case.town_id, now)
        return case

    @staticmethod
    def _intake_departments(session: Session, new: NewCase) -> tuple[int, ...]:
        wanted = tuple(dict.fromkeys(new.department_ids))
        if not wanted and new.route:
            routed = route_for(session, new.category)
            wanted = (routed,) if routed is not None else ()
        if wanted:
            known = set(session.scalars(select(Department.id).where(Department.id.in_(wanted))))
            if set(wanted) - known:
                raise CaseError("case.department_unknown")
        return wanted

    @staticmethod
    def _related_cases(session: Session, new: NewCase) -> list[Case]:
        related = []
        for other_id in dict.fromkeys(new.related_case_ids):
            other = session.get(Case, other_id)
            if other is None:
                raise CaseError("case.related_not_visible", case_id=other_id)
            related.append(other)
        return related

    def act(self, case_id: int, request: ActionRequest, actor: Actor) -> Case:
        """Apply one ladder action. Raises LadderError, ConflictError or CaseError; on any error
        nothing is written."""
        now = self._clock()
        try:
            with self._sessions.begin() as session:
                case = session.get(Case, case_id)
                if case is None:
                    raise CaseNotFound("case.not_found", case_id=case_id)
                if case.version != request.expected_version:
                    raise self._conflict(session, case, request.expected_version)
                state = CaseState(
                    status=Status(case.status),
                    level=Level(case.level),
                    town_id=case.town_id,
                    department_ids=frozenset(d.department_id for d in case.departments),
                    assignee_user_id=case.assignee_user_id,
                )
                outcome = apply(state, request.action, actor, request.reason)
                from_status, from_level = case.status, case.level
                self._apply_side_effects(session, case, request, actor, now)
                case.status = str(outcome.status)
                case.level = int(outcome.level)
                case.updated_at = now
                if outcome.reset_sla:
                    warn, due = self._sla(outcome.level, Severity(case.severity), now)
                    case.sla_started_at, case.sla_warn_at, case.sla_due_at = now, warn, due
                if outcome.status == Status.RESOLVED:
                    case.resolved_at = now
                    case.resolved_level = case.level
                elif request.action == Action.REOPEN:
                    case.resolved_at = None
                    case.resolved_level = None
                if outcome.status in (Status.CLOSED, Status.REJECTED, Status.DUPLICATE, Status.MERGED):
                    case.closed_at = now
                session.flush()  # the version check happens here: StaleDataError on a race
                add_case_event(
                    session,
                    case,
                    actor,
                    str(request.action),
                    now,
                    from_status,
                    from_level,
                    request.reason,
                    request.comment,
                )
                record_change(session, "case", case.id, str(request.action), case.town_id, now)
        except StaleDataError:
            with self._sessions() as session:
                fresh = session.get(Case, case_id)
                assert fresh is not None
                raise self._conflict(session, fresh, request.expected_version) from None
        return case

    def act_many(
        self, targets: Iterable[tuple[int, int]], request: ActionRequest, actor: Actor
    ) -> BulkResult:
        """Apply one action to several cases (id, version read), each in its own transaction
        with its own audit event: one refusal does not undo the others, and each is reported."""
        result = BulkResult()
        for case_id, version in targets:
            try:
                self.act(case_id, replace(request, expected_version=version), actor)
            except (LadderError, CaseError) as exc:
                result.failed.append((case_id, exc))
            else:
                result.done.append(case_id)
        return result

    def _apply_side_effects(
        self, session: Session, case: Case, request: ActionRequest, actor: Actor, now: dt.datetime
    ) -> None:
        action = request.action
        if action == Action.ASSIGN:
            if request.assignee_user_id is None and not request.department_ids:
                raise CaseError("case.assign_needs_target")
            if request.assignee_user_id is not None:
                user = session.get(User, request.assignee_user_id)
                if user is None or not user.active:
                    raise CaseError("case.assignee_unknown", user_id=request.assignee_user_id)
                case.assignee_user_id = user.id
                case.owner_unit = user.display_name
            if request.department_ids:
                known = set(
                    session.scalars(select(Department.id).where(Department.id.in_(request.department_ids)))
                )
                unknown = set(request.department_ids) - known
                if unknown:
                    raise CaseError("case.departments_unknown", department_ids=sorted(unknown))
                have = {d.department_id for d in case.departments}
                for dep_id in request.department_ids:
                    if dep_id not in have:
                        case.departments.append(CaseDepartment(department_id=dep_id))
        elif action == Action.VERIFY:
            if request.satisfaction is None or not 1 <= request.satisfaction <= 5:
                raise CaseError("case.satisfaction_range")
            case.satisfaction = request.satisfaction
        elif action in (Action.MARK_DUPLICATE, Action.MERGE):
            other_id = request.other_case_id
            if other_id is None or other_id == case.id or session.get(Case, other_id) is None:
                raise CaseError("case.other_case_required")
            link = LinkType.DUPLICATE_OF if action == Action.MARK_DUPLICATE else LinkType.MERGED_INTO
            session.add(CaseLink(case_id=case.id, other_case_id=other_id, link_type=str(link)))

    def _conflict(self, session: Session, case: Case, expected: int) -> ConflictError:
        last = session.execute(
            select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id.desc()).limit(1)
        ).scalar_one_or_none()
        if last is None:
            return ConflictError(case.id, expected, case.version)
        return ConflictError(
            case.id, expected, case.version, last.actor_name or last.actor_role, last.action, last.at
        )

    def sweep(self, now: dt.datetime | None = None) -> SweepResult:
        """Escalate every open case whose SLA has run out, one level, once.

        Each escalation is a conditional UPDATE guarded by the version it read, so several
        processes sweeping at once escalate each case exactly once.
        """
        now = now or self._clock()
        result = SweepResult()
        system = Actor(user_id=None, role=Role.SYSTEM, name="SLA")
        with self._sessions() as session:
            due = session.execute(
                select(Case.id, Case.version, Case.level, Case.severity, Case.status, Case.town_id).where(
                    and_(
                        Case.sla_due_at < now,
                        Case.level < int(Level.CITY),
                        Case.status.in_([str(s) for s in SLA_CLOCK_STATUSES]),
                    )
                )
            ).all()
        for row in due:
            new_level = Level(row.level + 1)
            warn, due_at = self._sla(new_level, Severity(row.severity), now)
            with self._sessions.begin() as session:
                hit: CursorResult[tuple[()]] = session.execute(  # type: ignore[assignment]
                    update(Case)
                    .where(
                        Case.id == row.id,
                        Case.version == row.version,
                        Case.sla_due_at < now,
                        Case.level == row.level,
                    )
                    .values(
                        level=int(new_level),
                        status=str(Status.ESCALATED),
                        version=Case.version + 1,
                        updated_at=now,
                        sla_started_at=now,
                        sla_warn_at=warn,
                        sla_due_at=due_at,
                    )
                    .execution_options(synchronize_session=False)
                )
                if hit.rowcount != 1:
                    result.skipped += 1
                    continue
                session.add(
                    CaseEvent(
                        case_id=row.id,
                        at=now,
                        actor_role=str(Role.SYSTEM),
                        actor_name=system.name,
                        action=str(Action.ESCALATE),
                        from_status=row.status,
                        to_status=str(Status.ESCALATED),
                        from_level=row.level,
                        to_level=int(new_level),
                        # A stable key: the timeline says it in the reader's language.
                        reason=SWEEP_REASON,
                    )
                )
                record_change(session, "case", row.id, "escalate", row.town_id, now)
                result.escalated.append(row.id)
        # The same periodic sweep sends the supervision orders' escalating reminders.
        from desktop.meetings.supervision import sweep_reminders  # imported here: it imports this module

        result.reminders = sweep_reminders(self._sessions, now)
        return result


def route_for(session: Session, category: str) -> int | None:
    """The department a case of ``category`` is routed to (category_routes), or None."""
    return session.scalar(select(CategoryRoute.department_id).where(CategoryRoute.category == category))


def sensitive_period_on(session: Session, day: dt.date) -> SensitivePeriod | None:
    """The sensitive period (敏感时期) ``day`` falls in, the one starting first if several."""
    return session.scalars(
        select(SensitivePeriod)
        .where(SensitivePeriod.starts_on <= day, SensitivePeriod.ends_on >= day)
        .order_by(SensitivePeriod.starts_on, SensitivePeriod.id)
        .limit(1)
    ).first()


def actor_for(session: Session, username: str) -> Actor:
    user = session.scalars(select(User).where(User.username == username)).one_or_none()
    if user is None or not user.active:
        raise CaseError("case.no_active_user", username=username)
    return Actor(
        user_id=user.id,
        role=Role(user.role),
        town_id=user.town_id,
        department_id=user.department_id,
        name=user.display_name,
    )


__all__ = [
    "ActionRequest",
    "BulkResult",
    "CaseError",
    "CaseNotFound",
    "LINKED_AT_REPORT",
    "SWEEP_REASON",
    "CaseService",
    "ConflictError",
    "LadderError",
    "NewCase",
    "SweepResult",
    "actor_for",
    "add_case_event",
    "route_for",
    "sensitive_period_on",
]
