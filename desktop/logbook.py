"""The sentiment-log book (民情日志): filtered keyset pages of logs, visit coverage per grid, village
and town (走访覆盖率), turning a log into a case, and the map's log and case-heat layers.

Plain functions over a session, returning dataclasses and dicts; the UI calls them off the GUI
thread. Town staff see their own town only: the filter here mirrors what PostgreSQL's row-level
security enforces for their login anyway.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Float, cast, func, literal, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CaseDepartment, Grid, SentimentLog, Town, Village, Worker
from db.vocab import CATEGORIES, Kind, Role, Severity
from desktop.cases.ladder import Actor
from desktop.cases.queue import scope_clause
from desktop.cases.service import CaseError, CaseService, NewCase
from desktop.clock import CHINA_TZ, utcnow
from desktop.errors import Refusal
from desktop.live.feed import record_change
from desktop.logbook_vocab import CATEGORY_HINTS, DEFAULT_TITLE, ROUTINE_OPENING, SENTENCE_END
from desktop.pinyin import sort_key

_LIKE_ESCAPE = "/"
# Logs drawn on the map at most (newest first): small canvas markers, but a year of a city's logs
# would only hide the map.
MAX_LOG_MARKERS = 5000
# The heat layer's bin: 0.005° of latitude is ≈ 555 m, of longitude ≈ 445 m at 37°N — finer than
# a grid (a few hundred households), coarse enough that a year of a city's cases is a few thousand
# bins however many cases there are.
HEAT_CELL_DEG = 0.005
TITLE_MAX = 40
# A heat bin's key is y * _BIN_KEY + x: x < 360 / cell (72,000 at 0.005°) always fits below it.
_BIN_KEY = 1_000_000


def _like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards taken literally (escape character ``/``)."""
    for ch in (_LIKE_ESCAPE, "%", "_"):
        text = text.replace(ch, _LIKE_ESCAPE + ch)
    return text


class LogbookError(Refusal):
    """A request about a log that was refused (a code and its facts; ui/refusals words it)."""


class AlreadyConverted(LogbookError):
    def __init__(self, log_id: int, case_id: int, number: str) -> None:
        super().__init__("logbook.already_converted", number=number)
        self.log_id = log_id
        self.case_id = case_id
        self.number = number


@dataclass(frozen=True)
class LogFilter:
    town_ids: frozenset[int] = frozenset()
    village_id: int | None = None
    grid_id: int | None = None
    worker_id: int | None = None
    date_from: dt.date | None = None  # local (China) dates, both inclusive
    date_to: dt.date | None = None
    has_case: bool | None = None  # None: any; True: turned into a case; False: not (yet)
    text: str = ""

    def with_(self, **changes: Any) -> LogFilter:
        return replace(self, **changes)


@dataclass(frozen=True)
class LogRow:
    id: int
    visited_at: dt.datetime
    town_id: int
    town: str
    village_id: int
    village: str
    grid_id: int
    grid: str
    worker_id: int
    worker: str
    households_visited: int
    content: str
    lat: float | None
    lon: float | None
    case_id: int | None
    case_number: str | None


def local_day_bounds(date_from: dt.date | None, date_to: dt.date | None) -> tuple[dt.datetime | None, ...]:
    """UTC instants of the start of ``date_from`` and of the day after ``date_to`` (China time)."""
    start = dt.datetime.combine(date_from, dt.time(), CHINA_TZ).astimezone(dt.UTC) if date_from else None
    end = (
        dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), CHINA_TZ).astimezone(dt.UTC)
        if date_to
        else None
    )
    return start, end


def log_scope(actor: Actor) -> ColumnElement[bool] | None:
    """The logs this actor may see (the central database enforces the same for its login)."""
    if actor.role == Role.TOWN_STAFF:
        return SentimentLog.town_id == (actor.town_id if actor.town_id is not None else -1)
    if actor.role == Role.DEPARTMENT_STAFF:
        return SentimentLog.case_id.in_(
            select(CaseDepartment.case_id).where(CaseDepartment.department_id == actor.department_id)
        )
    return None


def _matching_ids(session: Session, text: str) -> dict[str, list[int]]:
    """Towns, villages, grids and workers whose name contains ``text`` or whose pinyin initials
    start with it (石岭镇 → slz, a worker 王秀英 → wxy); looked up first so the log query gets
    literal id lists (see desktop.cases.queue._place_ids)."""
    lowered = text.lower()
    pinyin = lowered.isascii() and lowered.isalnum()
    pattern = f"%{_like_escape(text)}%"
    out: dict[str, list[int]] = {}
    for key, model in (("town", Town), ("village", Village), ("grid", Grid), ("worker", Worker)):
        by_name = model.name.ilike(pattern, escape=_LIKE_ESCAPE)
        clause = or_(by_name, model.pinyin.startswith(lowered)) if pinyin else by_name
        out[key] = sorted(int(i) for i in session.scalars(select(model.id).where(clause)))
    return out


def _text_clause(session: Session, text: str) -> ColumnElement[bool]:
    """Logs whose content contains ``text`` or whose town, village, grid or worker matches it.

    The content arm is a substring scan (no trigram index on logs yet: that needs a migration);
    within a date range it reads only that range's rows through ix_sentiment_logs_visited_at.
    """
    arms: list[ColumnElement[bool]] = [
        SentimentLog.content.ilike(f"%{_like_escape(text)}%", escape=_LIKE_ESCAPE)
    ]
    if text.isdigit():
        arms.append(SentimentLog.id == int(text))
    ids = _matching_ids(session, text)
    for key, col in (
        ("town", SentimentLog.town_id),
        ("village", SentimentLog.village_id),
        ("grid", SentimentLog.grid_id),
        ("worker", SentimentLog.worker_id),
    ):
        if ids[key]:
            arms.append(col.in_(ids[key]))
    return or_(*arms)


def _where(session: Session, actor: Actor, flt: LogFilter) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    scope = log_scope(actor)
    if scope is not None:
        clauses.append(scope)
    if flt.town_ids:
        clauses.append(SentimentLog.town_id.in_(sorted(flt.town_ids)))
    if flt.village_id is not None:
        clauses.append(SentimentLog.village_id == flt.village_id)
    if flt.grid_id is not None:
        clauses.append(SentimentLog.grid_id == flt.grid_id)
    if flt.worker_id is not None:
        clauses.append(SentimentLog.worker_id == flt.worker_id)
    start, end = local_day_bounds(flt.date_from, flt.date_to)
    if start is not None:
        clauses.append(SentimentLog.visited_at >= start)
    if end is not None:
        clauses.append(SentimentLog.visited_at < end)
    if flt.has_case is True:
        clauses.append(SentimentLog.case_id.is_not(None))
    elif flt.has_case is False:
        clauses.append(SentimentLog.case_id.is_(None))
    text = flt.text.replace("\x00", "").strip()  # PostgreSQL refuses NUL in text
    if text:
        clauses.append(_text_clause(session, text))
    return clauses


def _rows_query(session: Session, actor: Actor, flt: LogFilter) -> Any:
    return (
        select(
            SentimentLog.id,
            SentimentLog.visited_at,
            SentimentLog.town_id,
            Town.name.label("town"),
            SentimentLog.village_id,
            Village.name.label("village"),
            SentimentLog.grid_id,
            Grid.name.label("grid"),
            SentimentLog.worker_id,
            Worker.name.label("worker"),
            SentimentLog.households_visited,
            SentimentLog.content,
            SentimentLog.lat,
            SentimentLog.lon,
            SentimentLog.case_id,
            Case.number.label("case_number"),
        )
        .join(Town, Town.id == SentimentLog.town_id)
        .join(Village, Village.id == SentimentLog.village_id)
        .join(Grid, Grid.id == SentimentLog.grid_id)
        .join(Worker, Worker.id == SentimentLog.worker_id)
        # An outer join: a department's or another town's case stays invisible under RLS, the log
        # still shows (with its case id, without the number).
        .outerjoin(Case, Case.id == SentimentLog.case_id)
        .where(*_where(session, actor, flt))
    )


def fetch_page(
    session: Session, actor: Actor, flt: LogFilter, *, after: LogRow | None = None, limit: int = 200
) -> list[LogRow]:
    """One page of logs, newest visit first, starting after ``after`` (keyset on visited_at, id)."""
    query = _rows_query(session, actor, flt)
    if after is not None:
        query = query.where(
            or_(
                SentimentLog.visited_at < after.visited_at,
                (SentimentLog.visited_at == after.visited_at) & (SentimentLog.id < after.id),
            )
        )
    query = query.order_by(SentimentLog.visited_at.desc(), SentimentLog.id.desc()).limit(limit)
    return [LogRow(**row._asdict()) for row in session.execute(query).all()]


def fetch_log(session: Session, actor: Actor, log_id: int) -> LogRow | None:
    """One log in the actor's scope, or None."""
    query = _rows_query(session, actor, LogFilter()).where(SentimentLog.id == log_id)
    row = session.execute(query).first()
    return None if row is None else LogRow(**row._asdict())


def count(session: Session, actor: Actor, flt: LogFilter) -> int:
    query = select(func.count()).select_from(SentimentLog).where(*_where(session, actor, flt))
    return int(session.scalar(query) or 0)


def matches(session: Session, actor: Actor, flt: LogFilter, log_id: int) -> bool:
    query = select(SentimentLog.id).where(SentimentLog.id == log_id, *_where(session, actor, flt))
    return session.execute(query.limit(1)).first() is not None


# --- filter choices ---------------------------------------------------------------------------


def _pinyin_sorted(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return sorted(rows, key=lambda row: (sort_key(row[1]), row[1], row[0]))


def town_choices(session: Session, actor: Actor) -> list[tuple[int, str]]:
    query = select(Town.id, Town.name)
    if actor.role == Role.TOWN_STAFF:
        query = query.where(Town.id == (actor.town_id if actor.town_id is not None else -1))
    return _pinyin_sorted([(int(i), str(n)) for i, n in session.execute(query)])


def village_choices(session: Session, town_id: int) -> list[tuple[int, str]]:
    query = select(Village.id, Village.name).where(Village.town_id == town_id)
    return _pinyin_sorted([(int(i), str(n)) for i, n in session.execute(query)])


def worker_choices(
    session: Session, actor: Actor, town_id: int, village_id: int | None = None
) -> list[tuple[int, str]]:
    """The grid workers of a town (or of one village's grids), as (id, "name · grid")."""
    query = (
        select(Worker.id, Worker.name, Grid.name)
        .join(Grid, Grid.id == Worker.grid_id)
        .where(Worker.town_id == town_id)
    )
    if village_id is not None:
        query = query.where(Grid.village_id == village_id)
    rows = [(int(i), f"{n} · {g}") for i, n, g in session.execute(query)]
    return _pinyin_sorted(rows)


# --- coverage (走访覆盖率) ----------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    """Households visited in a period against the households of a grid, village or town.

    ``visited`` is the raw sum of the logs' households_visited (a household visited twice counts
    twice); ``covered`` caps each grid at its own households, so that one grid visited over and
    over does not hide a neglected neighbour in its village's or town's figure. ``coverage`` is
    covered / households (0..1), None for a place without recorded households.
    """

    level: str  # "grid", "village" or "town"
    id: int
    name: str
    town: str
    village: str
    households: int
    visited: int
    covered: int
    logs: int
    grids: int = 1
    grids_unvisited: int = 0
    coverage: float | None = field(default=None)


COVERAGE_LEVELS = ("grid", "village", "town")


def coverage(
    session: Session,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    *,
    level: str = "grid",
    town_ids: Sequence[int] = (),
    village_id: int | None = None,
) -> list[CoverageRow]:
    """Coverage per grid, village or town for the local days ``date_from``..``date_to``, lowest first.

    One GROUP BY over the period's logs (a range of ix_sentiment_logs_visited_at) and one read of
    the grids; grids without logs in the period count with 0. Rolled up in Python: a city has a
    few thousand grids.
    """
    if level not in COVERAGE_LEVELS:
        raise LogbookError("logbook.unknown_coverage_level", level_name=level)
    start, end = local_day_bounds(date_from, date_to)
    grid_where: list[ColumnElement[bool]] = []
    log_where: list[ColumnElement[bool]] = [SentimentLog.visited_at >= start, SentimentLog.visited_at < end]
    scope = log_scope(actor)
    if scope is not None:
        log_where.append(scope)
    if actor.role == Role.TOWN_STAFF:
        grid_where.append(Grid.town_id == (actor.town_id if actor.town_id is not None else -1))
    if town_ids:
        grid_where.append(Grid.town_id.in_(sorted(town_ids)))
        log_where.append(SentimentLog.town_id.in_(sorted(town_ids)))
    if village_id is not None:
        grid_where.append(Grid.village_id == village_id)
        log_where.append(SentimentLog.village_id == village_id)
    visits = {
        int(g): (int(v or 0), int(n))
        for g, v, n in session.execute(
            select(SentimentLog.grid_id, func.sum(SentimentLog.households_visited), func.count())
            .where(*log_where)
            .group_by(SentimentLog.grid_id)
        )
    }
    grids = session.execute(
        select(
            Grid.id,
            Grid.name,
            Grid.households,
            Grid.village_id,
            Village.name,
            Grid.town_id,
            Town.name,
        )
        .join(Village, Village.id == Grid.village_id)
        .join(Town, Town.id == Grid.town_id)
        .where(*grid_where)
    ).all()
    # key -> [name, town, village, households, visited, covered, logs, grids, unvisited]
    acc: dict[int, list[Any]] = {}
    for gid, gname, households, vid, vname, tid, tname in grids:
        visited, logs = visits.get(int(gid), (0, 0))
        households = int(households or 0)
        covered = min(visited, households)
        if level == "grid":
            key, name = int(gid), str(gname)
        elif level == "village":
            key, name = int(vid), str(vname)
        else:
            key, name = int(tid), str(tname)
        entry = acc.setdefault(
            key, [name, str(tname), str(vname) if level != "town" else "", 0, 0, 0, 0, 0, 0]
        )
        entry[3] += households
        entry[4] += visited
        entry[5] += covered
        entry[6] += logs
        entry[7] += 1
        entry[8] += 1 if visited == 0 else 0
    out = [
        CoverageRow(
            level=level,
            id=key,
            name=e[0],
            town=e[1],
            village=e[2],
            households=e[3],
            visited=e[4],
            covered=e[5],
            logs=e[6],
            grids=e[7],
            grids_unvisited=e[8],
            coverage=(e[5] / e[3]) if e[3] > 0 else None,
        )
        for key, e in acc.items()
    ]
    # Lowest coverage first; places without households last; then by pinyin.
    out.sort(key=lambda r: (r.coverage is None, r.coverage or 0.0, sort_key(r.town), sort_key(r.name), r.id))
    return out


# --- turning a log into a case --------------------------------------------------------------------


@dataclass(frozen=True)
class CaseDraft:
    """What the confirmation shows before a log is filed as a case."""

    log_id: int
    kind: Kind
    category: str
    title: str
    description: str
    severity: Severity
    lat: float
    lon: float
    place: str  # town village · grid
    reporter_worker_id: int
    reporter_name: str
    case_id: int | None  # set when the log already has a case
    case_number: str | None

    def new_case(self, **changes: Any) -> NewCase:
        """The case to file; ``changes`` are what the user edited (kind, category, title, severity, ...)."""
        base = NewCase(
            kind=self.kind,
            category=self.category,
            title=self.title,
            lat=self.lat,
            lon=self.lon,
            severity=self.severity,
            description=self.description,
            reporter_worker_id=self.reporter_worker_id,
            reporter_name=self.reporter_name,
            source_log_id=self.log_id,
        )
        return replace(base, **changes, source_log_id=self.log_id)


def title_from(content: str, limit: int = TITLE_MAX) -> str:
    """A case title from a log: its first sentence (without the routine "走访N户，了解到"), cut at
    ``limit`` characters."""
    text = " ".join(content.split())
    text = re.sub(ROUTINE_OPENING, "", text)
    first = re.split(SENTENCE_END, text, maxsplit=1)[0].strip() or text.strip()
    return first if len(first) <= limit else first[: limit - 1] + "…"


def guess_category(content: str) -> str:
    for pattern, category in CATEGORY_HINTS:
        if re.search(pattern, content):
            return category
    return "other"


def draft_case(session: Session, actor: Actor, log_id: int) -> CaseDraft:
    """The prefilled case for a log: a dispute, category guessed from its words, title from its
    first sentence, the log's point (or its grid's centre), general severity."""
    row = fetch_log(session, actor, log_id)
    if row is None:
        raise LogbookError("logbook.no_log")
    lat, lon = row.lat, row.lon
    if lat is None or lon is None:
        grid = session.get(Grid, row.grid_id)
        lat, lon = (grid.lat, grid.lon) if grid is not None else (None, None)
    if lat is None or lon is None:
        raise LogbookError("logbook.no_place")
    return CaseDraft(
        log_id=row.id,
        kind=Kind.DISPUTE,
        category=guess_category(row.content),
        title=title_from(row.content) or DEFAULT_TITLE,
        description=row.content,
        severity=Severity.GENERAL,
        lat=float(lat),
        lon=float(lon),
        place=f"{row.town} {row.village} · {row.grid}",
        reporter_worker_id=row.worker_id,
        reporter_name=row.worker,
        case_id=row.case_id,
        case_number=row.case_number,
    )


@dataclass(frozen=True)
class Converted:
    log_id: int
    case_id: int
    number: str
    town_id: int


def _already(session: Session, log_id: int, case_id: int) -> AlreadyConverted:
    number = session.scalar(select(Case.number).where(Case.id == case_id))
    return AlreadyConverted(log_id, case_id, str(number or f"#{case_id}"))


def convert_to_case(
    sessions: sessionmaker[Session],
    service: CaseService,
    actor: Actor,
    log_id: int,
    new: NewCase,
) -> Converted:
    """File ``new`` as a case from log ``log_id`` and link both ways, in one transaction.

    The case gets ``source_log_id``, the log its ``case_id``; a log that has a case already is
    refused (AlreadyConverted) and nothing is written — also when two desks convert it at the
    same moment: the log's update is conditional on ``case_id IS NULL``, and the loser's case
    is rolled back with it.
    """
    new = replace(new, source_log_id=log_id)
    if actor.role in (Role.AUDITOR, Role.DEPARTMENT_STAFF):
        raise LogbookError("logbook.convert_role")
    with sessions.begin() as session:
        log = session.execute(
            select(SentimentLog.id, SentimentLog.case_id, SentimentLog.town_id).where(
                SentimentLog.id == log_id, *([c] if (c := log_scope(actor)) is not None else [])
            )
        ).first()
        if log is None:
            raise LogbookError("logbook.no_log")
        if log.case_id is not None:
            raise _already(session, log_id, int(log.case_id))
        try:
            case = service.report(new, actor, session=session)
        except CaseError as exc:
            raise _case_refused(exc) from exc
        linked = session.execute(
            update(SentimentLog)
            .where(SentimentLog.id == log_id, SentimentLog.case_id.is_(None))
            .values(case_id=case.id)
            .execution_options(synchronize_session=False)
        )
        if getattr(linked, "rowcount", 0) != 1:
            # Someone converted it since we looked: raising rolls our case back.
            other = session.scalar(select(SentimentLog.case_id).where(SentimentLog.id == log_id))
            if other is None:
                raise LogbookError("logbook.not_updated")
            raise _already(session, log_id, int(other))
        record_change(session, "sentiment_log", log_id, "convert", int(log.town_id), utcnow())
        return Converted(log_id, int(case.id), str(case.number), int(case.town_id))


def _case_refused(exc: CaseError) -> LogbookError:
    """Why the case service would not file the log's case, said as the log book's refusal."""
    if exc.code == "case.outside_city":
        return LogbookError("logbook.case_outside_city")
    if exc.code in {"case.title_required", "case.title_too_long"}:
        return LogbookError("logbook.case_title", limit=200)
    if exc.code in {"case.unknown_kind", "case.unknown_category"}:
        return LogbookError("logbook.case_kind")
    return LogbookError("logbook.case_not_filed", also=(exc,))  # the case service's own sentence follows


def log_of_case(session: Session, case_id: int) -> int | None:
    """The log a case came from (cases.source_log_id), if any and visible."""
    log_id = session.scalar(select(Case.source_log_id).where(Case.id == case_id))
    if log_id is None:
        return None
    visible = session.scalar(select(SentimentLog.id).where(SentimentLog.id == log_id))
    return None if visible is None else int(visible)


def valid_categories(kind: Kind) -> tuple[str, ...]:
    return CATEGORIES[kind]


# --- map layers ---------------------------------------------------------------------------------


def log_markers(
    session: Session, actor: Actor, flt: LogFilter, limit: int = MAX_LOG_MARKERS
) -> list[dict[str, Any]]:
    """The filter's logs that have a place, newest first, as small map markers."""
    query = (
        select(
            SentimentLog.id,
            SentimentLog.lat,
            SentimentLog.lon,
            SentimentLog.visited_at,
            SentimentLog.households_visited,
            SentimentLog.case_id,
            Worker.name,
            func.substr(SentimentLog.content, 1, 60),
        )
        .join(Worker, Worker.id == SentimentLog.worker_id)
        .where(*_where(session, actor, flt), SentimentLog.lat.is_not(None), SentimentLog.lon.is_not(None))
        .order_by(SentimentLog.visited_at.desc(), SentimentLog.id.desc())
        .limit(limit)
    )
    return [
        {
            "id": int(i),
            "lat": round(float(lat), 6),
            "lon": round(float(lon), 6),
            "at": visited.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M"),
            "households": int(hh),
            "case": case_id is not None,
            "worker": str(worker),
            "text": str(text),
        }
        for i, lat, lon, visited, hh, case_id, worker, text in session.execute(query)
    ]


def case_heat(
    session: Session,
    actor: Actor,
    since: dt.datetime | None,
    until: dt.datetime | None = None,
    *,
    cell_deg: float = HEAT_CELL_DEG,
) -> list[list[float]]:
    """Cases reported in [since, until) in the actor's scope, binned in SQL on a lat/lon grid of
    ``cell_deg`` degrees: [[lat, lon, count], ...] with each bin at its centre.

    The database returns one row per non-empty bin, never the cases themselves, so the page gets a
    few thousand points at a million cases (13,000 bins for the demo city). Bins are
    y = floor((lat + 90) / cell) and x = floor((lon + 180) / cell), grouped as one integer
    y * 1,000,000 + x: the offsets make both non-negative, so SQLite's integer CAST (which
    truncates) floors as PostgreSQL's floor() does. A window is a range of ix_cases_reported_at;
    all history is one scan of the cases (≈0.4 s on PostgreSQL, ≈0.7 s on SQLite at a million,
    see `make bench`, logbook_query_ms); an index on (reported_at, lat, lon) would make it an
    index-only scan but needs a migration.
    """
    clauses: list[ColumnElement[bool]] = []
    scope = scope_clause(actor)
    if scope is not None:
        clauses.append(scope)
    if since is not None:
        clauses.append(Case.reported_at >= since)
    if until is not None:
        clauses.append(Case.reported_at < until)
    cell = literal(float(cell_deg), Float)
    if session.get_bind().dialect.name == "postgresql":
        by = cast(func.floor((Case.lat + 90) / cell), BigInteger)
        bx = cast(func.floor((Case.lon + 180) / cell), BigInteger)
    else:
        by = cast((Case.lat + 90) / cell, BigInteger)
        bx = cast((Case.lon + 180) / cell, BigInteger)
    # One integer key per bin rather than GROUP BY (y, x): a quarter faster on SQLite at a million.
    key = (by * _BIN_KEY + bx).label("bin")
    query = select(key, func.count().label("n")).where(*clauses).group_by(key)
    out: list[list[float]] = []
    for k, n in session.execute(query):
        y, x = divmod(int(k), _BIN_KEY)
        lat = (y + 0.5) * cell_deg - 90
        lon = (x + 0.5) * cell_deg - 180
        out.append([round(lat, 6), round(lon, 6), int(n)])
    return out


HEAT_WINDOWS_DAYS = (30, 90, 365)


def heat_window(days: int, now: dt.datetime | None = None) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[since, until) of a window of the last ``days`` days; 0: all history."""
    now = now or utcnow()
    if days <= 0:
        return None, None
    return now - dt.timedelta(days=days), None
