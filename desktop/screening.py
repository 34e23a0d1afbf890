"""Rolling screening (滚动式排查): rounds by villages (daily), towns (weekly) and the city
(half-monthly), their checklists and findings, and the compliance board of missed rounds.

The cadence and compliance rules are pure functions over dates (tested without a database);
the rest are plain functions over a session, called by the UI off the GUI thread. Town staff
see and record their own town's rounds only: the filters here mirror what PostgreSQL's
row-level security (migration 0015) enforces for their login anyway.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Case,
    Grid,
    ScreeningFinding,
    ScreeningRound,
    ScreeningTemplate,
    SensitivePeriod,
    SentimentLog,
    Town,
    Village,
    Worker,
)
from db.vocab import (
    SCREENING_ITEMS,
    SCREENING_SENSITIVE_ITEMS,
    SCREENING_TEMPLATES,
    Role,
    ScreeningKind,
    ScreeningLevel,
    ScreeningScope,
)
from desktop.cases import intake
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.errors import Refusal
from desktop.live.feed import record_change
from desktop.logbook import local_day_bounds
from desktop.pinyin import sort_key as _pinyin_key

# Who records rounds; the city's own rounds only the city information center and leaders.
RECORDERS = frozenset({Role.DISPATCHER, Role.LEADER, Role.ADMIN, Role.TOWN_STAFF})
CITY_RECORDERS = frozenset({Role.DISPATCHER, Role.LEADER, Role.ADMIN})
# Who sees the screening tab at all: department staff work on their cases, not on the cadence.
READERS = RECORDERS | {Role.AUDITOR}

MAX_NOTES = 4000
MAX_FOCUS = 500
MAX_ITEM_NOTE = 500
MAX_LOG = 4000
# How far back a round may be recorded (补录): a month of the city's half-monthly cadence.
BACKFILL_DAYS = 31


_CHINA_OFFSET = dt.timedelta(hours=8)  # desktop.clock.CHINA_TZ: no daylight saving
# Place names sort in pinyin order; a city has a few thousand, and the board sorts them on every
# read: keep their keys (pypinyin costs ~0.4 ms a name).
sort_key = functools.lru_cache(maxsize=16384)(_pinyin_key)


class ScreeningError(Refusal):
    """A request refused (a ``screening.…`` code and its facts). Nothing was stored."""


def may_read(actor: Actor) -> bool:
    return actor.role in READERS


def may_record(actor: Actor) -> bool:
    return actor.role in RECORDERS


def today_local(now: dt.datetime | None = None) -> dt.date:
    return to_local(now or utcnow()).date()


# --- cadence (pure) ------------------------------------------------------------------------------


def slot_of(level: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The cadence slot ``day`` falls in: the day (village), its Monday–Sunday week (town), or its
    half month, 1st–15th or 16th–end (city)."""
    if level == ScreeningLevel.VILLAGE:
        return day, day
    if level == ScreeningLevel.TOWN:
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if level == ScreeningLevel.CITY:
        if day.day <= 15:
            return day.replace(day=1), day.replace(day=15)
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=16), day.replace(day=last)
    raise ScreeningError("screening.level_required")


def slots_between(level: str, date_from: dt.date, date_to: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The slots of ``level`` that overlap ``date_from``..``date_to`` (both inclusive), in order."""
    out: list[tuple[dt.date, dt.date]] = []
    day = date_from
    while day <= date_to:
        slot = slot_of(level, day)
        out.append(slot)
        day = slot[1] + dt.timedelta(days=1)
    return out


def this_week(today: dt.date) -> tuple[dt.date, dt.date]:
    return slot_of(ScreeningLevel.TOWN, today)


def this_half_month(today: dt.date) -> tuple[dt.date, dt.date]:
    return slot_of(ScreeningLevel.CITY, today)


def checklist_template(
    level: str,
    kind: str,
    sensitive: bool = False,
    templates: dict[tuple[str, str], tuple[str, ...]] | None = None,
) -> tuple[str, ...]:
    """The checklist item codes of a round of ``level`` and ``kind`` (from ``templates``, see
    :func:`templates`, else db.vocab's); a focused round in a sensitive period adds the
    sensitive-period items (稳控、信访、群体性苗头、值班值守、舆情)."""
    key = (str(level), str(kind))
    items = list((templates or {}).get(key) or SCREENING_TEMPLATES[key])
    if sensitive:
        items += [c for c in SCREENING_SENSITIVE_ITEMS if c not in items]
    return tuple(items)


# --- compliance (pure) ---------------------------------------------------------------------------

DONE, LATE, MISSED, PENDING = "done", "late", "missed", "pending"


@dataclass(frozen=True)
class Place:
    """A place that owes rounds: a village, a town or the city (ids None where they do not apply)."""

    level: str
    town_id: int | None
    village_id: int | None
    name: str
    town: str = ""

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return (self.level, self.town_id, self.village_id)


@dataclass(frozen=True)
class RoundFact:
    """What compliance needs of a recorded round."""

    id: int
    level: str
    town_id: int | None
    village_id: int | None
    period_start: dt.date
    period_end: dt.date
    screened_on: dt.date
    recorded_on: dt.date  # local date it was entered
    scope: str

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return (self.level, self.town_id, self.village_id)

    @property
    def done_on(self) -> dt.date:
        """The day the round counts as done: the later of the day screened and the day recorded
        (a round entered after its slot ended is late, whatever date it claims)."""
        return max(self.screened_on, self.recorded_on)


@dataclass(frozen=True)
class DueSlot:
    place: Place
    start: dt.date
    end: dt.date
    status: str  # done | late | missed | pending
    focus_required: bool = False  # a sensitive period: only a focused (重点) round counts
    general_only: bool = False  # in such a slot, only general rounds were recorded
    round_ids: tuple[int, ...] = ()


def _overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def evaluate(
    places: Iterable[Place],
    rounds: Iterable[RoundFact],
    date_from: dt.date,
    date_to: dt.date,
    today: dt.date,
    sensitive: Sequence[tuple[dt.date, dt.date]] = (),
) -> list[DueSlot]:
    """Each place's due slots overlapping ``date_from``..``date_to`` that have begun by ``today``,
    with their status: done (a round covering the slot, done by its last day), late (done or
    recorded after it), pending (the slot is still running and has no round yet) or missed.

    In a town or city slot that overlaps a sensitive period only a focused round counts.
    """
    # Each round under every slot of its level that its period overlaps (usually one): a slot's
    # rounds are then one lookup, not a scan of the place's rounds (a city has ~50,000 slots a month).
    by_slot: dict[tuple[str, int | None, int | None, dt.date], list[RoundFact]] = defaultdict(list)
    for r in rounds:
        for start, _end in slots_between(r.level, r.period_start, r.period_end):
            by_slot[(*r.key, start)].append(r)
    out: list[DueSlot] = []
    slot_cache: dict[str, list[tuple[tuple[dt.date, dt.date], bool]]] = {}
    for place in places:
        slots = slot_cache.get(place.level)
        if slots is None:
            slots = [
                (s, place.level != ScreeningLevel.VILLAGE and any(_overlaps(s, p) for p in sensitive))
                for s in slots_between(place.level, date_from, date_to)
                if s[0] <= today
            ]
            slot_cache[place.level] = slots
        for slot, focus in slots:
            covering = by_slot.get((*place.key, slot[0]), [])
            counting = [r for r in covering if r.scope == ScreeningScope.FOCUSED] if focus else covering
            general_only = focus and bool(covering) and not counting
            if any(r.done_on <= slot[1] for r in counting):
                status = DONE
            elif counting:
                status = LATE
            elif slot[1] >= today:
                status = PENDING
            else:
                status = MISSED
            out.append(
                DueSlot(
                    place,
                    slot[0],
                    slot[1],
                    status,
                    focus,
                    general_only,
                    tuple(sorted(r.id for r in counting)),
                )
            )
    return out


@dataclass(frozen=True)
class PlaceSummary:
    place: Place
    due: int = 0
    done: int = 0
    late: int = 0
    missed: int = 0
    pending: int = 0
    missed_slots: tuple[tuple[dt.date, dt.date], ...] = ()
    focus_pending: bool = False  # its running slot needs a focused round it does not have yet


@dataclass(frozen=True)
class TownSummary:
    town_id: int
    town: str
    villages: int
    village_due: int = 0
    village_missed: int = 0
    village_late: int = 0
    villages_missing: int = 0  # villages that missed at least one day
    town_due: int = 0
    town_missed: int = 0
    town_late: int = 0

    @property
    def missed(self) -> int:
        return self.village_missed + self.town_missed


def summarise(slots: Iterable[DueSlot]) -> list[PlaceSummary]:
    acc: dict[tuple[str, int | None, int | None], dict[str, object]] = {}
    order: list[Place] = []
    for s in slots:
        entry = acc.get(s.place.key)
        if entry is None:
            entry = {DONE: 0, LATE: 0, MISSED: 0, PENDING: 0, "slots": [], "focus": False}
            acc[s.place.key] = entry
            order.append(s.place)
        entry[s.status] = int(entry[s.status]) + 1  # type: ignore[call-overload]
        if s.status == MISSED:
            entry["slots"].append((s.start, s.end))  # type: ignore[attr-defined]
        if s.status == PENDING and s.focus_required:
            entry["focus"] = True
    out = []
    for place in order:
        e = acc[place.key]
        out.append(
            PlaceSummary(
                place,
                due=sum(int(e[k]) for k in (DONE, LATE, MISSED, PENDING)),  # type: ignore[call-overload]
                done=int(e[DONE]),  # type: ignore[call-overload]
                late=int(e[LATE]),  # type: ignore[call-overload]
                missed=int(e[MISSED]),  # type: ignore[call-overload]
                pending=int(e[PENDING]),  # type: ignore[call-overload]
                missed_slots=tuple(e["slots"]),  # type: ignore[arg-type]
                focus_pending=bool(e["focus"]),
            )
        )
    return out


def town_summaries(summaries: Iterable[PlaceSummary], town_names: dict[int, str]) -> list[TownSummary]:
    """Counts per town: its villages' daily rounds and its own weekly rounds; most missed first."""
    acc: dict[int, TownSummary] = {}
    for s in summaries:
        tid = s.place.town_id
        if tid is None:
            continue
        t = acc.get(tid) or TownSummary(tid, town_names.get(tid, s.place.town), 0)
        if s.place.level == ScreeningLevel.VILLAGE:
            t = replace(
                t,
                villages=t.villages + 1,
                village_due=t.village_due + s.due - s.pending,
                village_missed=t.village_missed + s.missed,
                village_late=t.village_late + s.late,
                villages_missing=t.villages_missing + (1 if s.missed else 0),
            )
        else:
            t = replace(
                t,
                town_due=t.town_due + s.due - s.pending,
                town_missed=t.town_missed + s.missed,
                town_late=t.town_late + s.late,
            )
        acc[tid] = t
    return sorted(acc.values(), key=lambda t: (-t.missed, sort_key(t.town), t.town_id))


# --- reading places and rounds -------------------------------------------------------------------


def _town_scope(actor: Actor) -> int | None:
    """The one town a town-staff actor works in (-1 for one without a town), else None."""
    if actor.role == Role.TOWN_STAFF:
        return actor.town_id if actor.town_id is not None else -1
    return None


def _require_reader(actor: Actor) -> None:
    if not may_read(actor):
        raise ScreeningError("screening.read_role")


def places(session: Session, actor: Actor, town_id: int | None = None) -> list[Place]:
    """The places that owe rounds in the actor's scope: villages, towns and (city roles) the city."""
    own = _town_scope(actor)
    towns_q = select(Town.id, Town.name)
    villages_q = select(Village.id, Village.name, Village.town_id, Town.name).join(
        Town, Town.id == Village.town_id
    )
    for tid in (own, town_id):
        if tid is not None:
            towns_q = towns_q.where(Town.id == tid)
            villages_q = villages_q.where(Village.town_id == tid)
    towns = sorted(
        ((int(i), str(n)) for i, n in session.execute(towns_q)), key=lambda t: (sort_key(t[1]), t[0])
    )
    villages = sorted(
        ((int(v), str(vn), int(t), str(tn)) for v, vn, t, tn in session.execute(villages_q)),
        key=lambda v: (sort_key(v[3]), sort_key(v[1]), v[0]),
    )
    out = [Place(ScreeningLevel.VILLAGE, t, v, vn, tn) for v, vn, t, tn in villages]
    out += [Place(ScreeningLevel.TOWN, t, None, tn, tn) for t, tn in towns]
    if own is None and town_id is None:
        out.append(Place(ScreeningLevel.CITY, None, None, "", ""))
    return out


def _round_scope(actor: Actor) -> list[ColumnElement[bool]]:
    own = _town_scope(actor)
    return [] if own is None else [ScreeningRound.town_id == own]


def round_facts(session: Session, actor: Actor, date_from: dt.date, date_to: dt.date) -> list[RoundFact]:
    query = select(
        ScreeningRound.id,
        ScreeningRound.level,
        ScreeningRound.town_id,
        ScreeningRound.village_id,
        ScreeningRound.period_start,
        ScreeningRound.period_end,
        ScreeningRound.screened_on,
        ScreeningRound.recorded_at,
        ScreeningRound.scope,
    ).where(
        *_round_scope(actor),
        ScreeningRound.period_end >= date_from - dt.timedelta(days=16),
        ScreeningRound.period_start <= date_to,
    )
    return [
        RoundFact(
            int(i),
            str(lv),
            None if t is None else int(t),
            None if v is None else int(v),
            ps,
            pe,
            so,
            (ra + _CHINA_OFFSET).date(),  # to_local(ra).date(), without astimezone per row
            str(sc),
        )
        for i, lv, t, v, ps, pe, so, ra, sc in session.execute(query)
    ]


def sensitive_spans(
    session: Session, date_from: dt.date, date_to: dt.date
) -> list[tuple[dt.date, dt.date, str]]:
    rows = session.execute(
        select(SensitivePeriod.starts_on, SensitivePeriod.ends_on, SensitivePeriod.name)
        .where(SensitivePeriod.ends_on >= date_from, SensitivePeriod.starts_on <= date_to)
        .order_by(SensitivePeriod.starts_on)
    )
    return [(s, e, str(n)) for s, e, n in rows]


@dataclass(frozen=True)
class Board:
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    slots: list[DueSlot]
    places: list[PlaceSummary]
    towns: list[TownSummary]
    sensitive: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)

    @property
    def missed(self) -> int:
        return sum(1 for s in self.slots if s.status == MISSED)

    @property
    def late(self) -> int:
        return sum(1 for s in self.slots if s.status == LATE)

    @property
    def pending_focus(self) -> list[DueSlot]:
        """Running town and city slots of a sensitive period still without a focused round."""
        return [s for s in self.slots if s.status == PENDING and s.focus_required]


def check_period(date_from: dt.date, date_to: dt.date) -> None:
    if date_to < date_from:
        raise ScreeningError("screening.end_before_start")
    if (date_to - date_from).days > 366:
        raise ScreeningError("screening.period_too_long")


def compliance(
    session: Session,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    *,
    today: dt.date | None = None,
    town_id: int | None = None,
) -> Board:
    """The compliance board for local days ``date_from``..``date_to``: every due round of every
    place in scope with its status, summaries per place (most missed first) and per town."""
    _require_reader(actor)
    check_period(date_from, date_to)
    today = today or today_local()
    spans = sensitive_spans(session, date_from, date_to)
    all_places = places(session, actor, town_id)
    facts = round_facts(session, actor, date_from, date_to)
    slots = evaluate(all_places, facts, date_from, date_to, today, [(s, e) for s, e, _ in spans])
    summaries = summarise(slots)
    summaries.sort(
        key=lambda s: (
            -s.missed,
            -s.late,
            _level_order(s.place.level),
            sort_key(s.place.town),
            sort_key(s.place.name),
        )
    )
    names = {p.town_id: p.town for p in all_places if p.town_id is not None}
    return Board(date_from, date_to, today, slots, summaries, town_summaries(summaries, names), spans)


def _level_order(level: str) -> int:
    return {ScreeningLevel.CITY: 0, ScreeningLevel.TOWN: 1}.get(ScreeningLevel(level), 2)


# --- alerts --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScreeningAlert:
    """A missed round for the alerts strip: one per town for its villages' missed day, one per
    town for its missed week, one for the city's missed half month, and a running town or city
    slot of a sensitive period still without its focused round."""

    kind: str  # "missed" | "focus_due"
    level: str
    town_id: int | None
    town: str
    start: dt.date
    end: dt.date
    places: tuple[str, ...]  # the villages (village level), else empty

    @property
    def key(self) -> tuple[str, str, int | None, dt.date]:
        return (self.kind, self.level, self.town_id, self.start)


def missed_round_alerts(session: Session, actor: Actor, today: dt.date | None = None) -> list[ScreeningAlert]:
    """The current missed-round alerts in the actor's scope: yesterday's village rounds, last
    week's town rounds and the last half month's city round that nobody recorded, and the
    focused rounds a sensitive period requires now. Empty for roles without the screening tab."""
    if not may_read(actor):
        return []
    today = today or today_local()
    yesterday = today - dt.timedelta(days=1)
    last = {
        ScreeningLevel.VILLAGE: slot_of(ScreeningLevel.VILLAGE, yesterday),
        ScreeningLevel.TOWN: slot_of(ScreeningLevel.TOWN, this_week(today)[0] - dt.timedelta(days=1)),
        ScreeningLevel.CITY: slot_of(ScreeningLevel.CITY, this_half_month(today)[0] - dt.timedelta(days=1)),
    }
    first = min(s[0] for s in last.values())
    spans = [(s, e) for s, e, _ in sensitive_spans(session, first, today)]
    all_places = places(session, actor)
    facts = round_facts(session, actor, first, today)
    alerts: list[ScreeningAlert] = []
    village_misses: dict[int, list[str]] = defaultdict(list)
    names: dict[int, str] = {}
    for level, (start, end) in last.items():
        level_places = [p for p in all_places if p.level == level]
        for s in evaluate(level_places, facts, start, end, today, spans):
            if s.status != MISSED:
                continue
            if level == ScreeningLevel.VILLAGE and s.place.town_id is not None:
                village_misses[s.place.town_id].append(s.place.name)
                names[s.place.town_id] = s.place.town
            else:
                alerts.append(
                    ScreeningAlert("missed", level, s.place.town_id, s.place.town, s.start, s.end, ())
                )
    for tid, villages in village_misses.items():
        start, end = last[ScreeningLevel.VILLAGE]
        alerts.append(
            ScreeningAlert("missed", ScreeningLevel.VILLAGE, tid, names[tid], start, end, tuple(villages))
        )
    running = [p for p in all_places if p.level != ScreeningLevel.VILLAGE]
    for s in evaluate(running, facts, today, today, today, spans):
        if s.status == PENDING and s.focus_required:
            alerts.append(
                ScreeningAlert("focus_due", s.place.level, s.place.town_id, s.place.town, s.start, s.end, ())
            )
    alerts.sort(key=lambda a: (a.kind != "missed", _level_order(a.level), sort_key(a.town), a.start))
    return alerts


# --- rounds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    checked: bool = False
    note: str = ""


@dataclass(frozen=True)
class RoundFilter:
    level: str | None = None
    town_id: int | None = None
    date_from: dt.date | None = None  # rounds whose period overlaps these local days
    date_to: dt.date | None = None


@dataclass(frozen=True)
class RoundRow:
    id: int
    level: str
    kind: str
    scope: str
    town_id: int | None
    town: str
    village_id: int | None
    village: str
    period_start: dt.date
    period_end: dt.date
    screened_on: dt.date
    recorded_at: dt.datetime
    recorded_by: str
    focus: str
    notes: str
    checked: int
    items: int
    findings: int
    late: bool
    sensitive: bool


def _is_late(level: str, period_start: dt.date, screened_on: dt.date, recorded_at: dt.datetime) -> bool:
    return max(screened_on, to_local(recorded_at).date()) > slot_of(level, period_start)[1]


def list_rounds(session: Session, actor: Actor, flt: RoundFilter, limit: int = 500) -> list[RoundRow]:
    """Rounds in scope, newest period first."""
    _require_reader(actor)
    clauses = _round_scope(actor)
    if flt.level:
        clauses.append(ScreeningRound.level == flt.level)
    if flt.town_id is not None:
        clauses.append(ScreeningRound.town_id == flt.town_id)
    if flt.date_from is not None:
        clauses.append(ScreeningRound.period_end >= flt.date_from)
    if flt.date_to is not None:
        clauses.append(ScreeningRound.period_start <= flt.date_to)
    rounds = session.scalars(
        select(ScreeningRound)
        .where(*clauses)
        .order_by(ScreeningRound.period_start.desc(), ScreeningRound.level, ScreeningRound.id.desc())
        .limit(limit)
    ).all()
    ids = [r.id for r in rounds]
    found: dict[int, int] = defaultdict(int)
    for rid in (
        session.scalars(select(ScreeningFinding.round_id).where(ScreeningFinding.round_id.in_(ids)))
        if ids
        else []
    ):
        found[int(rid)] += 1
    towns = {int(i): str(n) for i, n in session.execute(select(Town.id, Town.name))}
    vids = {r.village_id for r in rounds if r.village_id is not None}
    villages = (
        {
            int(i): str(n)
            for i, n in session.execute(select(Village.id, Village.name).where(Village.id.in_(vids)))
        }
        if vids
        else {}
    )
    out = []
    for r in rounds:
        items = list((r.checklist or {}).get("items", []))
        out.append(
            RoundRow(
                id=int(r.id),
                level=r.level,
                kind=r.kind,
                scope=r.scope,
                town_id=r.town_id,
                town=str(towns.get(r.town_id, "")) if r.town_id is not None else "",
                village_id=r.village_id,
                village=str(villages.get(r.village_id, "")) if r.village_id is not None else "",
                period_start=r.period_start,
                period_end=r.period_end,
                screened_on=r.screened_on,
                recorded_at=r.recorded_at,
                recorded_by=r.recorded_by_name,
                focus=r.focus,
                notes=r.notes,
                checked=sum(1 for i in items if i.get("checked")),
                items=len(items),
                findings=found.get(int(r.id), 0),
                late=_is_late(r.level, r.period_start, r.screened_on, r.recorded_at),
                sensitive=r.sensitive_period_id is not None,
            )
        )
    return out


@dataclass(frozen=True)
class Finding:
    id: int
    log_id: int | None
    case_id: int | None
    label: str  # case number and title, or the log's date, worker and first words


@dataclass(frozen=True)
class RoundDetail:
    row: RoundRow
    checklist: tuple[ChecklistItem, ...]
    findings: tuple[Finding, ...]


def _get_round(session: Session, actor: Actor, round_id: int) -> ScreeningRound:
    found = session.scalars(
        select(ScreeningRound).where(ScreeningRound.id == round_id, *_round_scope(actor))
    ).first()
    if found is None:
        raise ScreeningError("screening.no_round")
    return found


def round_detail(session: Session, actor: Actor, round_id: int) -> RoundDetail:
    _require_reader(actor)
    r = _get_round(session, actor, round_id)
    row = next(
        x
        for x in list_rounds(
            session, actor, RoundFilter(date_from=r.period_start, date_to=r.period_end), 10_000
        )
        if x.id == r.id
    )
    items = tuple(
        ChecklistItem(str(i.get("code", "")), bool(i.get("checked")), str(i.get("note", "")))
        for i in (r.checklist or {}).get("items", [])
    )
    findings: list[Finding] = []
    for fid, log_id, case_id in session.execute(
        select(ScreeningFinding.id, ScreeningFinding.log_id, ScreeningFinding.case_id)
        .where(ScreeningFinding.round_id == round_id)
        .order_by(ScreeningFinding.id)
    ):
        findings.append(Finding(int(fid), log_id, case_id, _finding_label(session, log_id, case_id)))
    return RoundDetail(row, items, tuple(findings))


def _finding_label(session: Session, log_id: int | None, case_id: int | None) -> str:
    if case_id is not None:
        found = session.execute(select(Case.number, Case.title).where(Case.id == case_id)).first()
        return f"{found[0]} {found[1]}" if found else f"#{case_id}"
    log = session.execute(
        select(SentimentLog.visited_at, Worker.name, SentimentLog.content)
        .join(Worker, Worker.id == SentimentLog.worker_id)
        .where(SentimentLog.id == log_id)
    ).first()
    if log is None:
        return f"#{log_id}"
    text = " ".join(str(log[2]).split())
    return f"{to_local(log[0]):%m-%d %H:%M} {log[1]}: {text[:40]}"


# --- recording ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundForm:
    """A round as the user typed it; :func:`record_round` checks it."""

    level: str
    kind: str
    scope: str
    period_start: dt.date
    period_end: dt.date
    screened_on: dt.date
    town_id: int | None = None
    village_id: int | None = None
    focus: str = ""
    notes: str = ""
    checklist: tuple[ChecklistItem, ...] = ()
    log_ids: tuple[int, ...] = ()
    case_ids: tuple[int, ...] = ()


def _check_form(session: Session, actor: Actor, form: RoundForm, today: dt.date) -> RoundForm:
    if not may_record(actor):
        raise ScreeningError("screening.write_role")
    if form.level not in set(ScreeningLevel):
        raise ScreeningError("screening.level_required")
    if form.kind not in set(ScreeningKind):
        raise ScreeningError("screening.kind_required")
    if form.scope not in set(ScreeningScope):
        raise ScreeningError("screening.scope_required")
    town_id, village_id = form.town_id, form.village_id
    if form.level == ScreeningLevel.CITY:
        if actor.role not in CITY_RECORDERS:
            raise ScreeningError("screening.city_writers")
        town_id = village_id = None
    elif form.level == ScreeningLevel.TOWN:
        if town_id is None or session.get(Town, town_id) is None:
            raise ScreeningError("screening.town_required")
        village_id = None
    else:
        village = session.get(Village, village_id) if village_id is not None else None
        if village is None:
            raise ScreeningError("screening.village_required")
        if town_id is not None and town_id != village.town_id:
            raise ScreeningError("screening.village_other_town")
        town_id = village.town_id
    own = _town_scope(actor)
    if own is not None and town_id != own:
        raise ScreeningError("screening.own_town")
    if form.period_end < form.period_start:
        raise ScreeningError("screening.period_end_before_start")
    if form.period_start > today:
        raise ScreeningError("screening.period_future")
    if form.period_end > slot_of(form.level, form.period_start)[1]:
        if form.level == ScreeningLevel.VILLAGE:
            raise ScreeningError("screening.village_one_day")
        if form.level == ScreeningLevel.TOWN:
            raise ScreeningError("screening.town_one_week")
        raise ScreeningError("screening.city_half_month")
    if form.screened_on < form.period_start:
        raise ScreeningError("screening.date_before_period")
    if form.screened_on > today:
        raise ScreeningError("screening.date_future")
    if (today - form.period_start).days > BACKFILL_DAYS:
        raise ScreeningError("screening.backfill", days=BACKFILL_DAYS)
    focus = form.focus.strip()
    if form.scope == ScreeningScope.FOCUSED and not focus:
        raise ScreeningError("screening.focus_required")
    if len(focus) > MAX_FOCUS:
        raise ScreeningError("screening.focus_too_long", limit=MAX_FOCUS)
    notes = form.notes.strip()
    if len(notes) > MAX_NOTES:
        raise ScreeningError("screening.notes_too_long", limit=MAX_NOTES)
    if not form.checklist:
        raise ScreeningError("screening.checklist_empty")
    seen: set[str] = set()
    items: list[ChecklistItem] = []
    for item in form.checklist:
        if item.code not in SCREENING_ITEMS or item.code in seen:
            raise ScreeningError("screening.checklist_bad_items")
        seen.add(item.code)
        note = item.note.strip()
        if len(note) > MAX_ITEM_NOTE:
            raise ScreeningError("screening.item_note_too_long", limit=MAX_ITEM_NOTE)
        items.append(ChecklistItem(item.code, bool(item.checked), note))
    if not any(i.checked for i in items):
        raise ScreeningError("screening.nothing_checked")
    return replace(
        form, town_id=town_id, village_id=village_id, focus=focus, notes=notes, checklist=tuple(items)
    )


def record_round(
    sessions: sessionmaker[Session], actor: Actor, form: RoundForm, *, now: dt.datetime | None = None
) -> int:
    """Check and store a round with its findings (existing logs and cases), in one transaction;
    returns its id. ScreeningError (Chinese) and nothing stored on bad input."""
    now = now or utcnow()
    today = today_local(now)
    with sessions.begin() as session:
        form = _check_form(session, actor, form, today)
        period = session.scalars(
            select(SensitivePeriod.id)
            .where(SensitivePeriod.starts_on <= form.period_end, SensitivePeriod.ends_on >= form.period_start)
            .order_by(SensitivePeriod.starts_on)
            .limit(1)
        ).first()
        row = ScreeningRound(
            level=form.level,
            kind=form.kind,
            scope=form.scope,
            town_id=form.town_id,
            village_id=form.village_id,
            period_start=form.period_start,
            period_end=form.period_end,
            screened_on=form.screened_on,
            recorded_at=now,
            recorded_by_user_id=actor.user_id,
            recorded_by_name=actor.name[:64],
            focus=form.focus,
            notes=form.notes,
            checklist={
                "items": [{"code": i.code, "checked": i.checked, "note": i.note} for i in form.checklist]
            },
            sensitive_period_id=period,
        )
        session.add(row)
        session.flush()
        for log_id in dict.fromkeys(form.log_ids):
            _link(session, actor, row, log_id=log_id, now=now)
        for case_id in dict.fromkeys(form.case_ids):
            _link(session, actor, row, case_id=case_id, now=now)
        return int(row.id)


def _visible_log_town(session: Session, actor: Actor, log_id: int) -> int | None:
    clauses: list[ColumnElement[bool]] = [SentimentLog.id == log_id]
    own = _town_scope(actor)
    if own is not None:
        clauses.append(SentimentLog.town_id == own)
    found = session.scalar(select(SentimentLog.town_id).where(*clauses))
    return None if found is None else int(found)


def _visible_case_town(session: Session, actor: Actor, case_id: int) -> int | None:
    clauses: list[ColumnElement[bool]] = [Case.id == case_id]
    own = _town_scope(actor)
    if own is not None:
        clauses.append(Case.town_id == own)
    found = session.scalar(select(Case.town_id).where(*clauses))
    return None if found is None else int(found)


def _link(
    session: Session,
    actor: Actor,
    rnd: ScreeningRound,
    *,
    log_id: int | None = None,
    case_id: int | None = None,
    now: dt.datetime,
) -> int:
    if log_id is not None:
        town = _visible_log_town(session, actor, log_id)
        if town is None:
            raise ScreeningError("screening.no_log", log_id=log_id)
    else:
        assert case_id is not None
        town = _visible_case_town(session, actor, case_id)
        if town is None:
            raise ScreeningError("screening.no_case", case_id=case_id)
    if rnd.town_id is not None and town != rnd.town_id:
        raise ScreeningError("screening.link_other_town")
    exists = session.scalar(
        select(ScreeningFinding.id).where(
            ScreeningFinding.round_id == rnd.id,
            ScreeningFinding.log_id == log_id if log_id is not None else ScreeningFinding.case_id == case_id,
        )
    )
    if exists is not None:
        raise ScreeningError("screening.already_linked")
    finding = ScreeningFinding(
        round_id=rnd.id, town_id=rnd.town_id, log_id=log_id, case_id=case_id, linked_at=now
    )
    session.add(finding)
    session.flush()
    return int(finding.id)


def _check_writer(actor: Actor, rnd: ScreeningRound) -> None:
    if not may_record(actor):
        raise ScreeningError("screening.edit_role")
    if rnd.level == ScreeningLevel.CITY and actor.role not in CITY_RECORDERS:
        raise ScreeningError("screening.city_editors")


def link_finding(
    sessions: sessionmaker[Session],
    actor: Actor,
    round_id: int,
    *,
    log_id: int | None = None,
    case_id: int | None = None,
) -> int:
    """Link an existing sentiment log or case (exactly one) to a round."""
    if (log_id is None) == (case_id is None):
        raise ScreeningError("screening.link_required")
    with sessions.begin() as session:
        rnd = _get_round(session, actor, round_id)
        _check_writer(actor, rnd)
        return _link(session, actor, rnd, log_id=log_id, case_id=case_id, now=utcnow())


def unlink_finding(sessions: sessionmaker[Session], actor: Actor, round_id: int, finding_id: int) -> None:
    with sessions.begin() as session:
        rnd = _get_round(session, actor, round_id)
        _check_writer(actor, rnd)
        session.execute(
            delete(ScreeningFinding).where(
                ScreeningFinding.id == finding_id, ScreeningFinding.round_id == round_id
            )
        )


@dataclass(frozen=True)
class Candidate:
    log_id: int | None
    case_id: int | None
    label: str


def candidates(session: Session, actor: Actor, round_id: int, limit: int = 200) -> list[Candidate]:
    """Logs and cases of the round's place and period (a day around it) not linked to it yet."""
    _require_reader(actor)
    rnd = _get_round(session, actor, round_id)
    return candidates_for(
        session, actor, rnd.town_id, rnd.village_id, rnd.period_start, rnd.period_end, round_id, limit
    )


def candidates_for(
    session: Session,
    actor: Actor,
    town_id: int | None,
    village_id: int | None,
    period_start: dt.date,
    period_end: dt.date,
    round_id: int | None = None,
    limit: int = 200,
) -> list[Candidate]:
    """Logs and cases of a place (a village, a town, or the city with both None) reported in a
    period (and a day around it), newest first, cases first; without those already linked to
    ``round_id``: what the user may link as a round's findings."""
    _require_reader(actor)
    start, end = local_day_bounds(period_start - dt.timedelta(days=1), period_end + dt.timedelta(days=1))
    assert start is not None and end is not None
    rid = -1 if round_id is None else round_id
    linked_logs = select(ScreeningFinding.log_id).where(
        ScreeningFinding.round_id == rid, ScreeningFinding.log_id.is_not(None)
    )
    linked_cases = select(ScreeningFinding.case_id).where(
        ScreeningFinding.round_id == rid, ScreeningFinding.case_id.is_not(None)
    )
    log_where: list[ColumnElement[bool]] = [
        SentimentLog.visited_at >= start,
        SentimentLog.visited_at < end,
        SentimentLog.id.not_in(linked_logs),
    ]
    case_where: list[ColumnElement[bool]] = [
        Case.reported_at >= start,
        Case.reported_at < end,
        Case.id.not_in(linked_cases),
    ]
    own = _town_scope(actor)
    for clauses, town_col, village_col in (
        (log_where, SentimentLog.town_id, SentimentLog.village_id),
        (case_where, Case.town_id, Case.village_id),
    ):
        if own is not None:
            clauses.append(town_col == own)
        if village_id is not None:
            clauses.append(village_col == village_id)
        elif town_id is not None:
            clauses.append(town_col == town_id)
    out = [
        Candidate(None, int(cid), f"{num} {title}")
        for cid, num, title in session.execute(
            select(Case.id, Case.number, Case.title)
            .where(*case_where)
            .order_by(Case.reported_at.desc())
            .limit(limit)
        )
    ]
    for lid, at, worker, content in session.execute(
        select(SentimentLog.id, SentimentLog.visited_at, Worker.name, SentimentLog.content)
        .join(Worker, Worker.id == SentimentLog.worker_id)
        .where(*log_where)
        .order_by(SentimentLog.visited_at.desc())
        .limit(limit)
    ):
        text = " ".join(str(content).split())
        out.append(Candidate(int(lid), None, f"{to_local(at):%m-%d %H:%M} {worker}: {text[:40]}"))
    return out


# --- new logs and cases from a round --------------------------------------------------------------


def log_workers(session: Session, actor: Actor, round_id: int) -> list[tuple[int, str]]:
    """Grid workers who may be named on a log of this round: the round's village's (or town's)."""
    rnd = _get_round(session, actor, round_id)
    if rnd.town_id is None:
        return []
    query = (
        select(Worker.id, Worker.name, Grid.name)
        .join(Grid, Grid.id == Worker.grid_id)
        .where(Worker.town_id == rnd.town_id)
    )
    if rnd.village_id is not None:
        query = query.where(Grid.village_id == rnd.village_id)
    rows = [(int(i), f"{n} · {g}") for i, n, g in session.execute(query)]
    return sorted(rows, key=lambda r: (sort_key(r[1]), r[0]))


def record_log(
    sessions: sessionmaker[Session],
    actor: Actor,
    round_id: int,
    worker_id: int,
    content: str,
    households: int = 1,
    *,
    now: dt.datetime | None = None,
) -> int:
    """File a sentiment log (民情日志) found in a village or town round, in the worker's grid,
    and link it to the round, in one transaction. (Logs from the phones come through the
    gateway; this is the desk's way for what a round found.)"""
    now = now or utcnow()
    content = content.strip()
    if not content:
        raise ScreeningError("screening.log_required")
    if len(content) > MAX_LOG:
        raise ScreeningError("screening.log_too_long", limit=MAX_LOG)
    if not 0 <= households <= 10_000:
        raise ScreeningError("screening.households")
    with sessions.begin() as session:
        rnd = _get_round(session, actor, round_id)
        _check_writer(actor, rnd)
        if rnd.town_id is None:
            raise ScreeningError("screening.city_finds_cases")
        worker = session.execute(
            select(Worker.id, Grid.id, Grid.town_id, Grid.village_id, Grid.lat, Grid.lon)
            .join(Grid, Grid.id == Worker.grid_id)
            .where(Worker.id == worker_id)
        ).first()
        if (
            worker is None
            or worker[2] != rnd.town_id
            or (rnd.village_id is not None and worker[3] != rnd.village_id)
        ):
            raise ScreeningError("screening.worker_required")
        day_end = dt.datetime.combine(rnd.period_end, dt.time(18), CHINA_TZ).astimezone(dt.UTC)
        log = SentimentLog(
            worker_id=worker_id,
            town_id=int(worker[2]),
            village_id=int(worker[3]),
            grid_id=int(worker[1]),
            visited_at=min(now, day_end),
            households_visited=households,
            content=content,
            lat=worker[4],
            lon=worker[5],
        )
        session.add(log)
        session.flush()
        record_change(session, "sentiment_log", int(log.id), "report", int(worker[2]), now)
        _link(session, actor, rnd, log_id=int(log.id), now=now)
        return int(log.id)


def file_case(
    sessions: sessionmaker[Session],
    service: CaseService,
    actor: Actor,
    round_id: int,
    form: intake.IntakeForm,
) -> tuple[int, str]:
    """File a case from a round through the desk-intake rules (desktop.cases.intake.new_case) and link
    it to the round, in one transaction; returns (case id, number)."""
    new = intake.new_case(form, actor)  # its refusals (CaseError) are the intake's own
    with sessions.begin() as session:
        rnd = _get_round(session, actor, round_id)
        _check_writer(actor, rnd)
        case = service.report(new, actor, session=session)  # a CaseError is the case's own refusal
        _link(session, actor, rnd, case_id=int(case.id), now=utcnow())
        return int(case.id), str(case.number)


def delete_round(sessions: sessionmaker[Session], actor: Actor, round_id: int) -> None:
    """Delete a round recorded in error (its findings' links go with it, the logs and cases stay)."""
    with sessions.begin() as session:
        rnd = _get_round(session, actor, round_id)
        _check_writer(actor, rnd)
        session.execute(delete(ScreeningFinding).where(ScreeningFinding.round_id == round_id))
        session.delete(rnd)


def level_choices(actor: Actor) -> list[str]:
    """The levels the actor records rounds at."""
    if actor.role in CITY_RECORDERS:
        return [ScreeningLevel.VILLAGE, ScreeningLevel.TOWN, ScreeningLevel.CITY]
    if actor.role == Role.TOWN_STAFF:
        return [ScreeningLevel.VILLAGE, ScreeningLevel.TOWN]
    return []


def sensitive_on(session: Session, start: dt.date, end: dt.date) -> str | None:
    """The name of a sensitive period overlapping ``start``..``end``, if any."""
    spans = sensitive_spans(session, start, end)
    return spans[0][2] if spans else None


# --- checklist templates (administrators) --------------------------------------------------------

TEMPLATE_EDITORS = frozenset({Role.ADMIN})


def may_edit_templates(actor: Actor) -> bool:
    return actor.role in TEMPLATE_EDITORS


def templates(session: Session) -> dict[tuple[str, str], tuple[str, ...]]:
    """The checklist templates per (level, kind): db.vocab's, with the administrators' changes."""
    out = dict(SCREENING_TEMPLATES)
    for row in session.scalars(select(ScreeningTemplate)):
        codes = tuple(c for c in (row.items or {}).get("items", []) if c in SCREENING_ITEMS)
        if codes and (row.level, row.kind) in out:
            out[(row.level, row.kind)] = codes
    return out


def save_template(
    sessions: sessionmaker[Session], actor: Actor, level: str, kind: str, items: Sequence[str]
) -> tuple[str, ...]:
    """Set the checklist of rounds of ``level`` and ``kind`` (administrators only). Rounds
    already recorded keep the checklist they were recorded with."""
    if not may_edit_templates(actor):
        raise ScreeningError("screening.template_admin")
    if (str(level), str(kind)) not in SCREENING_TEMPLATES:
        raise ScreeningError("screening.template_level_kind")
    codes = tuple(dict.fromkeys(items))
    if not codes:
        raise ScreeningError("screening.template_empty")
    if any(c not in SCREENING_ITEMS for c in codes):
        raise ScreeningError("screening.template_bad_items")
    with sessions.begin() as session:
        session.execute(
            delete(ScreeningTemplate).where(ScreeningTemplate.level == level, ScreeningTemplate.kind == kind)
        )
        session.add(ScreeningTemplate(level=str(level), kind=str(kind), items={"items": list(codes)}))
    return codes
