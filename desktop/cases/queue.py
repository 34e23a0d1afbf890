"""The ticket queue's query: filters and sorting in SQL on indexed columns, read in keyset pages.

The UI never holds all cases: it asks for the next page after the last row it has
(``after``), so a million cases cost one index range scan per page.

Free text is answered from indexes too (migration 0002): on SQLite the FTS5 trigram table
``cases_fts``, on PostgreSQL GIN trigram indexes that serve ``ILIKE '%…%'``. Both find any
substring of three or more characters, Chinese included; shorter queries (纠纷) fall back to a
plain substring scan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    column,
    exists,
    func,
    literal,
    or_,
    select,
    table,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from db.models import ActionItem, Case, CaseDepartment, SupervisionOrder, Town, User, Village
from db.vocab import OPEN_STATUSES, Kind, Level, Role, Severity, Status
from desktop.cases.deadlines import due_soon_clause, overdue_clause
from desktop.cases.ladder import Actor
from desktop.pinyin import sort_key

# The SQLite full-text table of migration 0002 (title, description, number); not a mapped model.
_CASES_FTS = table("cases_fts", column("rowid"), column("cases_fts"))
# Trigram indexes (FTS5 trigram, pg_trgm) only answer substrings of at least this many characters.
TRIGRAM_MIN = 3
_LIKE_ESCAPE = "/"


class SortKey(StrEnum):
    UPDATED = "updated"  # newest change first
    DUE = "due"  # least time left first
    SEVERITY = "severity"  # most severe first
    NUMBER = "number"  # newest number first


@dataclass(frozen=True)
class QueueFilter:
    statuses: frozenset[Status] = frozenset()
    levels: frozenset[Level] = frozenset()
    town_ids: frozenset[int] = frozenset()
    kinds: frozenset[Kind] = frozenset()
    min_severity: Severity | None = None
    overdue: bool = False
    near_due: bool = False
    supervised: bool = False
    mine: bool = False  # assigned to me (or, for town/department staff, to my unit)
    # Open cases waiting on a department (待部门办理): an action item sent to a department and
    # not yet done, or a department assigned to the case; ``department_id`` narrows both to one.
    awaiting_department: bool = False
    department_id: int | None = None
    open_only: bool = False
    text: str = ""
    sort: SortKey = SortKey.UPDATED

    def with_(self, **changes: Any) -> QueueFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class QueueRow:
    id: int
    number: str
    title: str
    town: str
    village: str
    kind: str
    category: str
    severity: int
    level: int
    status: str
    sla_due_at: dt.datetime | None
    sla_warn_at: dt.datetime | None
    assignee: str
    updated_at: dt.datetime
    lat: float
    lon: float
    mass_incident: bool
    version: int
    sort_value: Any = field(default=None, compare=False)


def scope_clause(actor: Actor) -> ColumnElement[bool] | None:
    """What this actor may see at all (the UI's view; the central database enforces it too)."""
    if actor.role == Role.TOWN_STAFF:
        return Case.town_id == (actor.town_id if actor.town_id is not None else -1)
    if actor.role == Role.DEPARTMENT_STAFF:
        return exists().where(
            CaseDepartment.case_id == Case.id, CaseDepartment.department_id == actor.department_id
        )
    return None


# The sort value of a case without an SLA clock in the DUE order: such cases come last.
NO_DUE = dt.datetime(9999, 1, 1)


def _sort_column(key: SortKey) -> tuple[Any, bool]:
    """The column a row's ``sort_value`` holds and whether the order runs descending.

    For DUE that is ``coalesce(sla_due_at, NO_DUE)``, one comparable key for the UI; the SQL
    itself reads DUE in two index-ordered parts (see ``_fetch_due``), as no plain index serves
    an ORDER BY on the coalesce.
    """
    if key == SortKey.DUE:
        return func.coalesce(Case.sla_due_at, NO_DUE), False
    if key == SortKey.SEVERITY:
        return Case.severity, True
    if key == SortKey.NUMBER:
        return Case.id, True
    return Case.updated_at, True


def _where(
    session: Session, flt: QueueFilter, actor: Actor, now: dt.datetime, *, walk_due: bool = False
) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    scope = scope_clause(actor)
    if scope is not None:
        clauses.append(scope)
    if flt.statuses:
        clauses.append(_status_in(flt.statuses))
    elif flt.open_only or flt.overdue or flt.near_due or flt.awaiting_department:
        is_open = _status_in(OPEN_STATUSES)
        if walk_due and session.get_bind().dialect.name == "sqlite":
            # SQLite without ANALYZE statistics believes the status index finds few rows, reads
            # every open case through it and sorts them (~60 ms at a million). likely() tells
            # it the clause filters little, so it walks the partial index of open cases, already
            # in deadline order (<1 ms); the clause inside still proves that index applies.
            is_open = func.likely(is_open)
        clauses.append(is_open)
    if flt.levels:
        clauses.append(Case.level.in_(sorted(int(v) for v in flt.levels)))
    if flt.town_ids:
        clauses.append(Case.town_id.in_(sorted(flt.town_ids)))
    if flt.kinds:
        clauses.append(Case.kind.in_(sorted(str(k) for k in flt.kinds)))
    if flt.min_severity is not None:
        clauses.append(Case.severity >= int(flt.min_severity))
    # One definition of overdue and due soon for the filter, the counter and the alerts strip.
    if flt.overdue:
        clauses.append(overdue_clause(now))
    if flt.near_due:
        clauses.append(due_soon_clause(now))
    if flt.supervised:
        # IN over the (few) open orders rather than EXISTS per case: SQLite ran the correlated
        # subquery for every one of a million cases (~480 ms); this reads the orders' index.
        clauses.append(
            Case.id.in_(select(SupervisionOrder.case_id).where(SupervisionOrder.status != "signed_off"))
        )
    if flt.awaiting_department:
        clauses.append(awaiting_department(flt.department_id))
    if flt.mine:
        mine: ColumnElement[bool] = Case.assignee_user_id == (actor.user_id or -1)
        if actor.role == Role.TOWN_STAFF and actor.town_id is not None:
            mine = or_(mine, Case.town_id == actor.town_id)
        elif actor.role == Role.DEPARTMENT_STAFF and actor.department_id is not None:
            mine = or_(
                mine,
                exists().where(
                    CaseDepartment.case_id == Case.id, CaseDepartment.department_id == actor.department_id
                ),
            )
        clauses.append(mine)
    text = flt.text.replace("\x00", "").strip()  # PostgreSQL refuses NUL in text
    if text:
        clauses.append(_text_clause(session, text))
    return clauses


def filter_clauses(
    session: Session, flt: QueueFilter, actor: Actor, now: dt.datetime
) -> list[ColumnElement[bool]]:
    """The WHERE conditions of the queue for ``flt`` (scope included): what the queue shows,
    for others that must show the same cases (the map's markers)."""
    return _where(session, flt, actor, now)


def own_department(actor: Actor) -> int | None:
    """The department the awaiting-department filter narrows to for this actor: a department's
    own staff see what waits on their department, everyone else what waits on any."""
    return actor.department_id if actor.role == Role.DEPARTMENT_STAFF else None


def awaiting_department(department_id: int | None = None) -> ColumnElement[bool]:
    """Cases a department has work on (待部门办理): an action item of a meeting sent to it and
    not yet done (status ``awaiting_department``), or the department assigned to the case
    (``case_departments``); of one department when ``department_id`` is given.

    Two EXISTS probes per case rather than an IN over both tables: the filter goes with the
    open-case clause, and probing the few open cases (action_items.case_id, the assignment's
    primary key) is cheaper than looking up every assigned case, most of them long closed
    (PostgreSQL: 0.5 s for the IN at a million cases).
    """
    items = exists().where(ActionItem.case_id == Case.id, ActionItem.status == "awaiting_department")
    assigned = exists().where(CaseDepartment.case_id == Case.id)
    if department_id is not None:
        items = items.where(ActionItem.department_id == department_id)
        assigned = assigned.where(CaseDepartment.department_id == department_id)
    return or_(items, assigned)


def _status_in(statuses: Iterable[str]) -> ColumnElement[bool]:
    """``status IN ('a', 'b', ...)`` with the values written into the SQL, sorted.

    Literals, not parameters: only then can the planners prove that the query lies inside the
    partial index of open cases (ix_cases_open_due_id, whose WHERE is this very clause for
    OPEN_STATUSES) — SQLite matches the clause's text, PostgreSQL needs constants, which a
    prepared statement's generic plan would not have. The values are the Status vocabulary.
    """
    return Case.status.in_([literal(str(s), literal_execute=True) for s in sorted(str(v) for v in statuses)])


def _like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards taken literally (escape character ``/``)."""
    for ch in (_LIKE_ESCAPE, "%", "_"):
        text = text.replace(ch, _LIKE_ESCAPE + ch)
    return text


def fts5_phrase(text: str) -> str:
    """``text`` as one FTS5 string literal: quotes doubled, so that ``"``, ``*``, ``AND``,
    ``NEAR(``, ``-`` or ``:`` in user input are searched for, never parsed as query syntax."""
    return '"' + text.replace('"', '""') + '"'


def _place_ids(session: Session, text: str, pattern: str) -> tuple[list[int], list[int]]:
    """Ids of the towns and of the villages whose name contains ``text`` or whose pinyin
    initials start with it (东阁街道 → dgjd): a few dozen towns, a couple of thousand villages.

    Looked up first, so that the case query gets literal id lists: both planners then know how
    few cases these arms select (usually none) and keep to the text indexes. A sub-select there
    would be planned blind, and PostgreSQL would walk the whole table filtering each row.
    """
    lowered = text.lower()
    pinyin = lowered.isascii() and lowered.isalnum()  # initials are letters (and digits)

    def match(place: type[Town] | type[Village]) -> ColumnElement[bool]:
        by_name = place.name.ilike(pattern, escape=_LIKE_ESCAPE)
        return or_(by_name, place.pinyin.startswith(lowered)) if pinyin else by_name

    towns = select(literal("t").label("kind"), Town.id).where(match(Town))
    villages = select(literal("v").label("kind"), Village.id).where(match(Village))
    found = session.execute(towns.union_all(villages)).all()
    return (
        sorted(int(i) for kind, i in found if kind == "t"),
        sorted(int(i) for kind, i in found if kind == "v"),
    )


def _text_clause(session: Session, text: str) -> ColumnElement[bool]:
    """Cases whose number, title or description contains ``text`` (any case), whose number is
    ``text``, or whose town or village name contains it or has pinyin initials starting with it.

    From three characters on, every arm is an index lookup on both engines.
    """
    pattern = f"%{_like_escape(text)}%"
    arms: list[ColumnElement[bool]] = [Case.number.in_(sorted({text, text.upper()}))]
    if session.get_bind().dialect.name == "sqlite" and len(text) >= TRIGRAM_MIN:
        hits = select(_CASES_FTS.c.rowid).where(_CASES_FTS.c.cases_fts.match(fts5_phrase(text)))
        arms.append(Case.id.in_(hits))
    else:
        # PostgreSQL: the trigram indexes serve these from three characters on. Shorter texts,
        # on either engine, are a substring scan: no trigram index can answer them.
        arms += [
            col.ilike(pattern, escape=_LIKE_ESCAPE) for col in (Case.title, Case.description, Case.number)
        ]
    town_ids, village_ids = _place_ids(session, text, pattern)
    if town_ids:
        arms.append(Case.town_id.in_(town_ids))
    if village_ids:
        arms.append(Case.village_id.in_(village_ids))
    return or_(*arms)


def _base(
    session: Session, actor: Actor, flt: QueueFilter, now: dt.datetime, *, walk_due: bool = False
) -> Select[*tuple[Any, ...]]:
    assignee = aliased(User)
    sort_col, _desc = _sort_column(flt.sort)
    return (
        select(
            Case.id,
            Case.number,
            Case.title,
            Town.name.label("town"),
            Village.name.label("village"),
            Case.kind,
            Case.category,
            Case.severity,
            Case.level,
            Case.status,
            Case.sla_due_at,
            Case.sla_warn_at,
            func.coalesce(assignee.display_name, Case.owner_unit).label("assignee"),
            Case.updated_at,
            Case.lat,
            Case.lon,
            Case.mass_incident,
            Case.version,
            sort_col.label("sort_value"),
        )
        .join(Town, Town.id == Case.town_id)
        .join(Village, Village.id == Case.village_id)
        .outerjoin(assignee, assignee.id == Case.assignee_user_id)
        .where(*_where(session, flt, actor, now, walk_due=walk_due))
    )


def fetch_page(
    session: Session,
    actor: Actor,
    flt: QueueFilter,
    *,
    after: QueueRow | None = None,
    limit: int = 200,
    now: dt.datetime | None = None,
) -> list[QueueRow]:
    """One page of the queue in the filter's order, starting after ``after``."""
    now = now or dt.datetime.now(dt.UTC)
    sort_col, desc = _sort_column(flt.sort)
    if flt.sort == SortKey.DUE and _walks_due_index(actor, flt):
        return _fetch_due(session, flt, _base(session, actor, flt, now, walk_due=True), after, limit)
    query = _base(session, actor, flt, now)
    if after is not None:
        key = tuple_(sort_col, Case.id)
        # A plain tuple, not tuple_(): SQLAlchemy then binds each value with the type of the
        # column it is compared to (UtcDateTime → naive UTC). An aware datetime bound untyped
        # reaches PostgreSQL as timestamptz and is shifted by the session TimeZone when compared
        # with the naive column, so pages skipped or repeated rows outside UTC servers.
        marker = (after.sort_value, after.id)
        query = query.where(key < marker if desc else key > marker)
    query = query.order_by(
        sort_col.desc() if desc else sort_col.asc(), Case.id.desc() if desc else Case.id.asc()
    )
    rows = session.execute(query.limit(limit)).all()
    return [QueueRow(**row._asdict()) for row in rows]


def count_matching(session: Session, actor: Actor, flt: QueueFilter, now: dt.datetime | None = None) -> int:
    """How many cases the queue shows for ``flt`` (all pages)."""
    now = now or dt.datetime.now(dt.UTC)
    query = select(func.count()).select_from(Case).where(*_where(session, flt, actor, now))
    return int(session.execute(query).scalar_one())


def _walks_due_index(actor: Actor, flt: QueueFilter) -> bool:
    """Whether a DUE page walks a deadline index (``_fetch_due``) rather than sorting its rows.

    Filters on the case's own columns (status, level, town, kind, severity, deadlines) keep a
    share of cases along the whole deadline order, so a walk finds a page soon; open cases have
    a partial index of their own. Filters answered through other tables or the text indexes
    (supervised, awaiting a department, mine, text, a department's scope) select a small set
    that the planner cannot place along that order: both engines would walk far, so those pages
    read their set and sort it by ``coalesce(sla_due_at, NO_DUE)`` instead.
    """
    return not (
        flt.supervised
        or flt.awaiting_department
        or flt.mine
        or flt.text.strip()
        or actor.role == Role.DEPARTMENT_STAFF
    )


def _fetch_due(
    session: Session, flt: QueueFilter, query: Select[*tuple[Any, ...]], after: QueueRow | None, limit: int
) -> list[QueueRow]:
    """A DUE page: cases with a deadline in (sla_due_at, id) order, then those without one in id
    order. Each part is a range of the index ix_cases_sla_due_id (sla_due_at, id) or of the
    primary key, so both planners stop after ``limit`` rows instead of sorting every case by
    ``coalesce(sla_due_at, NO_DUE)`` (2.4 s on SQLite, 0.7 s on PostgreSQL at a million cases)."""
    rows: list[Any] = []
    if after is None or after.sla_due_at is not None:
        dated = query.where(Case.sla_due_at.is_not(None))
        if after is not None:
            # A plain tuple: each value is bound with its column's type (see fetch_page).
            dated = dated.where(tuple_(Case.sla_due_at, Case.id) > (after.sla_due_at, after.id))
        rows = list(session.execute(dated.order_by(Case.sla_due_at, Case.id).limit(limit)).all())
        after_id = None
    else:
        after_id = after.id
    # Overdue and near-due cases all have a deadline: the undated part would be empty.
    if len(rows) < limit and not (flt.overdue or flt.near_due):
        undated = query.where(Case.sla_due_at.is_(None))
        if after_id is not None:
            undated = undated.where(Case.id > after_id)
        rows += session.execute(undated.order_by(Case.id).limit(limit - len(rows))).all()
    return [QueueRow(**row._asdict()) for row in rows]


def fetch_rows(
    session: Session,
    actor: Actor,
    ids: Sequence[int],
    now: dt.datetime | None = None,
    *,
    sort: SortKey = SortKey.UPDATED,
) -> list[QueueRow]:
    """Fresh rows for changed cases (live updates); cases outside the actor's scope are absent.

    ``sort`` picks what ``sort_value`` holds: a row merged into a page read in another order must
    carry that order's key, or it cannot be placed among them nor serve as the next keyset cursor.
    """
    if not ids:
        return []
    now = now or dt.datetime.now(dt.UTC)
    query = _base(session, actor, QueueFilter(sort=sort), now).where(Case.id.in_(list(ids)))
    return [QueueRow(**row._asdict()) for row in session.execute(query).all()]


def matches(
    session: Session, actor: Actor, flt: QueueFilter, case_id: int, now: dt.datetime | None = None
) -> bool:
    now = now or dt.datetime.now(dt.UTC)
    query = _base(session, actor, flt, now).where(Case.id == case_id)
    return session.execute(query.limit(1)).first() is not None


def counters(session: Session, actor: Actor, now: dt.datetime | None = None) -> dict[str, int]:
    """Counts per status and per level of open cases, plus overdue, supervised and awaiting a
    department, in scope."""
    now = now or dt.datetime.now(dt.UTC)
    scope = scope_clause(actor)
    base = [scope] if scope is not None else []
    open_statuses = sorted(str(s) for s in OPEN_STATUSES)
    out: dict[str, int] = {}
    for status, n in session.execute(
        select(Case.status, func.count()).where(*base, Case.status.in_(open_statuses)).group_by(Case.status)
    ):
        out[f"status:{status}"] = int(n)
    for level, n in session.execute(
        select(Case.level, func.count()).where(*base, Case.status.in_(open_statuses)).group_by(Case.level)
    ):
        out[f"level:{int(level)}"] = int(n)
    out["overdue"] = int(
        session.scalar(select(func.count()).select_from(Case).where(*base, overdue_clause(now))) or 0
    )
    out["supervised"] = int(
        session.scalar(
            select(func.count(func.distinct(SupervisionOrder.case_id)))
            .join(Case, Case.id == SupervisionOrder.case_id)
            .where(*base, SupervisionOrder.status != "signed_off")
        )
        or 0
    )
    # The queue's own awaiting-department filter, counted: the counter and the rows it leads to
    # share one definition (open, in scope, awaiting_department(), the actor's department).
    awaiting = QueueFilter(awaiting_department=True, department_id=own_department(actor))
    out["awaiting_department"] = int(
        session.scalar(select(func.count()).select_from(Case).where(*_where(session, awaiting, actor, now)))
        or 0
    )
    return out


def town_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """Towns the actor may filter the queue by, as (id, name), in pinyin order (then name).

    Full toneless pinyin, sorted here rather than in SQL: neither engine collates Chinese by
    pinyin (SQLite has no such collation, PostgreSQL's depends on the server's locale), and a
    city has a few dozen towns.
    """
    query = select(Town.id, Town.name)
    if actor.role == Role.TOWN_STAFF:
        query = query.where(Town.id == (actor.town_id if actor.town_id is not None else -1))
    rows = [(int(town_id), str(name)) for town_id, name in session.execute(query)]
    return sorted(rows, key=lambda row: (sort_key(row[1]), row[1], row[0]))
