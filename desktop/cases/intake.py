"""Case intake at the desk (一站式接待, phone calls, petition-bureau transfers): the form's rules.

Qt-free: the intake dialog (ui/cases/intake_dialog.py) calls these in the background. What is here:
checking what the desk typed (refusals as codes, nothing stored on a refusal), places found by
name or pinyin initials or by a point on the map, the category → department routing table, the
calendar of sensitive periods (敏感时期), and the open cases that look like the one being filed
(same place or same party in the last days), so the desk links instead of filing twice.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, delete, false, or_, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CategoryRoute, Department, Grid, SensitivePeriod, Town, Village
from db.vocab import CATEGORIES, OPEN_STATUSES, Channel, Kind, Role, Severity
from desktop.cases.detail import SEES_PERSONAL_DATA
from desktop.cases.ladder import Actor
from desktop.cases.queue import scope_clause
from desktop.cases.service import CaseError, CaseService, NewCase, route_for, sensitive_period_on
from desktop.cases.vocab import PARTY_SEPARATOR
from desktop.clock import to_local
from desktop.geo import GridIndex
from desktop.pinyin import sort_key

# Who files cases at a desk. Department staff have no INSERT on cases; administrators and
# auditors may not read the parties' details a desk must check for duplicates.
FILING_ROLES = frozenset({Role.DISPATCHER, Role.LEADER, Role.TOWN_STAFF})
ROUTE_EDITORS = frozenset({Role.ADMIN})
PERIOD_EDITORS = frozenset({Role.DISPATCHER, Role.ADMIN})
# The desk's channels in the order the form offers them (field reports come from the phones,
# but a grid worker may also phone one in or bring it to the hall).
DESK_CHANNELS = (Channel.RECEPTION, Channel.PHONE, Channel.PETITION, Channel.FIELD)

DUPLICATE_DAYS = 30  # default look-back of the duplicate suggestion (a setting in the form)
DUPLICATE_RADIUS_M = 300.0
MAX_PARTIES = 50
_EARTH_M = 6_371_000.0
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,22}[0-9]$")


def may_file(actor: Actor) -> bool:
    return actor.role in FILING_ROLES


def may_edit_routes(actor: Actor) -> bool:
    return actor.role in ROUTE_EDITORS


def may_edit_periods(actor: Actor) -> bool:
    return actor.role in PERIOD_EDITORS


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_M * math.asin(min(1.0, math.sqrt(a)))


# --- what the desk typed ---------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    name: str = ""
    phone: str = ""
    id_number: str = ""

    @property
    def empty(self) -> bool:
        return not (self.name.strip() or self.phone.strip() or self.id_number.strip())


@dataclass(frozen=True)
class IntakeForm:
    """The desk's input, as typed. :func:`new_case` checks it and makes the NewCase."""

    channel: Channel
    kind: Kind
    category: str
    title: str
    lat: float | None
    lon: float | None
    reporter_name: str = ""
    reporter_phone: str = ""
    parties: tuple[Party, ...] = ()
    parties_count: int = 0
    description: str = ""
    severity: Severity = Severity.GENERAL
    mass_incident: bool = False
    sensitive_period: bool | None = None
    department_id: int | None = None
    related_case_ids: tuple[int, ...] = ()
    # With no department_id: route by category (True) or assign none (the desk chose "none").
    route: bool = True


def normalise_phone(phone: str) -> str:
    return re.sub(r"[\s-]", "", phone.strip())


def _bad_phone(phone: str, party: str) -> CaseError:
    if party:
        return CaseError("intake.party_phone_invalid", name=party, phone=phone)
    return CaseError("intake.reporter_phone_invalid", phone=phone)


def check_phone(phone: str, party: str = "") -> str:
    """``phone`` without spaces and dashes, or CaseError: the reporter's phone, or with ``party``
    the phone of the party of that name."""
    phone = phone.strip()
    if not _PHONE.match(phone):
        raise _bad_phone(phone, party)
    digits = normalise_phone(phone)
    if not 7 <= len(digits.lstrip("+")) <= 15:
        raise _bad_phone(phone, party)
    return digits


def check_id_number(number: str, party: str) -> str:
    """A resident ID number (18 characters with its check digit, or the old 15 digits) of the
    party named ``party``."""
    number = number.strip().upper()
    if len(number) == 15 and number.isdigit():
        return number
    if len(number) != 18 or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise CaseError("intake.party_id_length", name=party, number=number)
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17]:
        raise CaseError("intake.party_id_check_digit", name=party, number=number)
    try:
        dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise CaseError("intake.party_id_birth_date", name=party, number=number) from None
    return number


def _no_separator(value: str) -> str:
    value = value.strip()
    if PARTY_SEPARATOR in value or "," in value:
        raise CaseError("intake.party_name_separator", name=value)
    return value


def new_case(form: IntakeForm, actor: Actor) -> NewCase:
    """The NewCase for ``form``, or CaseError with the code of what to fix."""
    if not may_file(actor):
        raise CaseError("intake.role")
    if form.channel not in set(Channel):
        raise CaseError("intake.channel_required")
    if form.kind not in CATEGORIES:
        raise CaseError("intake.kind_required")
    if form.category not in CATEGORIES[Kind(form.kind)]:
        raise CaseError("intake.category_required")
    title = form.title.strip()
    if not title:
        raise CaseError("intake.title_required")
    if len(title) > 200:
        raise CaseError("intake.title_too_long", limit=200)
    if form.lat is None or form.lon is None:
        raise CaseError("intake.place_required")
    reporter_name = form.reporter_name.strip()
    if len(reporter_name) > 64:
        raise CaseError("intake.reporter_name_too_long", limit=64)
    reporter_phone = check_phone(form.reporter_phone) if form.reporter_phone.strip() else ""
    if form.channel != Channel.FIELD and not (reporter_name or reporter_phone):
        raise CaseError("intake.reporter_required")
    if form.channel == Channel.PHONE and not reporter_phone:
        raise CaseError("intake.caller_phone_required")
    parties = [p for p in form.parties if not p.empty]
    if len(parties) > MAX_PARTIES:
        raise CaseError("intake.too_many_parties", limit=MAX_PARTIES)
    names, phones, ids = [], [], []
    for i, party in enumerate(parties, start=1):
        name = _no_separator(party.name)
        if not name:
            raise CaseError("intake.party_name_required", number=i)
        if len(name) > 32:
            raise CaseError("intake.party_name_too_long", name=name[:8], limit=32)
        names.append(name)
        phones.append(check_phone(party.phone, name) if party.phone.strip() else "")
        ids.append(check_id_number(party.id_number, name) if party.id_number.strip() else "")
    count = form.parties_count or len(parties)
    if count < len(parties):
        raise CaseError("intake.parties_count_below", count=count, listed=len(parties))
    if count > 100000:
        raise CaseError("intake.parties_count_unreasonable")
    if form.mass_incident and count < 5:
        raise CaseError("intake.mass_incident_parties", minimum=5)
    sep = PARTY_SEPARATOR
    joined = (sep.join(names), sep.join(phones) if any(phones) else "", sep.join(ids) if any(ids) else "")
    if len(joined[0]) > 400:
        raise CaseError("intake.party_names_too_long", limit=400)
    if len(joined[1]) > 400:
        raise CaseError("intake.party_phones_too_long", limit=400)
    if len(joined[2]) > 400:
        raise CaseError("intake.party_ids_too_long", limit=400)
    description = form.description.strip()
    if len(description) > 4000:
        raise CaseError("intake.description_too_long", limit=4000)
    return NewCase(
        kind=Kind(form.kind),
        category=form.category,
        title=title,
        lat=float(form.lat),
        lon=float(form.lon),
        severity=Severity(form.severity),
        description=description,
        mass_incident=form.mass_incident,
        sensitive_period=form.sensitive_period,
        parties_count=count,
        party_names=joined[0],
        party_phones=joined[1],
        party_id_numbers=joined[2],
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        channel=Channel(form.channel),
        department_ids=(form.department_id,) if form.department_id is not None else (),
        route=form.department_id is None and form.route,
        related_case_ids=tuple(form.related_case_ids),
    )


def file_case(service: CaseService, form: IntakeForm, actor: Actor) -> Case:
    """Check ``form`` and file it as one transaction (case, departments, links, event, change)."""
    return service.report(new_case(form, actor), actor)


# --- places ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceChoice:
    """A place a case can be filed at: a grid (with its village and town), and a point in it."""

    town_id: int
    town: str
    village_id: int
    village: str
    grid_id: int | None
    grid: str
    lat: float
    lon: float

    @property
    def label(self) -> str:
        return " · ".join(p for p in (self.town, self.village, self.grid) if p)


def _like(text: str) -> str:
    return "%" + text.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"


def search_places(session: Session, actor: Actor, text: str, limit: int = 30) -> list[PlaceChoice]:
    """Villages (communities) and grids whose name contains ``text`` or whose pinyin initials
    start with it (东阁街道 → dgjd), in the actor's scope; villages first, in pinyin order."""
    text = text.strip()
    if not text:
        return []
    lowered = text.lower()
    pattern = _like(text)
    initials = lowered.isascii() and lowered.isalnum()

    def match(place: type[Village] | type[Grid] | type[Town]) -> ColumnElement[bool]:
        by_name = place.name.ilike(pattern, escape="/")
        return or_(by_name, place.pinyin.startswith(lowered)) if initials else by_name

    town_scope: ColumnElement[bool] | None = None
    if actor.role == Role.TOWN_STAFF:
        town_scope = Village.town_id == (actor.town_id if actor.town_id is not None else -1)
    villages = (
        select(Village.id, Village.name, Village.lat, Village.lon, Town.id, Town.name)
        .join(Town, Town.id == Village.town_id)
        .where(or_(match(Village), match(Town)))
    )
    if town_scope is not None:
        villages = villages.where(town_scope)
    found: list[PlaceChoice] = []
    for vid, vname, vlat, vlon, tid, tname in session.execute(villages.limit(limit * 4)).all():
        if vlat is None or vlon is None:
            continue
        found.append(PlaceChoice(tid, tname, vid, vname, None, "", float(vlat), float(vlon)))
    found.sort(key=lambda p: (sort_key(p.town), sort_key(p.village), p.village_id))
    grids = (
        select(Grid.id, Grid.name, Grid.lat, Grid.lon, Village.id, Village.name, Town.id, Town.name)
        .join(Village, Village.id == Grid.village_id)
        .join(Town, Town.id == Grid.town_id)
        .where(match(Grid))
    )
    if town_scope is not None:
        grids = grids.where(town_scope)
    grid_rows: list[PlaceChoice] = []
    for gid, gname, glat, glon, vid, vname, tid, tname in session.execute(grids.limit(limit * 4)).all():
        if glat is None or glon is None:
            continue
        grid_rows.append(PlaceChoice(tid, tname, vid, vname, gid, gname, float(glat), float(glon)))
    grid_rows.sort(key=lambda p: (sort_key(p.town), sort_key(p.grid), p.grid_id or 0))
    return (found + grid_rows)[:limit]


def place_at(session: Session, grids: GridIndex, lat: float, lon: float) -> PlaceChoice | None:
    """The place the point (``lat``, ``lon``) falls in, with the point itself; None outside."""
    hit = grids.locate(lat, lon)
    if hit is None:
        return None
    row = session.execute(
        select(Grid.name, Village.name, Town.name)
        .join(Village, Village.id == Grid.village_id)
        .join(Town, Town.id == Grid.town_id)
        .where(Grid.id == hit.grid_id)
    ).one()
    return PlaceChoice(hit.town_id, row[2], hit.village_id, row[1], hit.grid_id, row[0], lat, lon)


def resolve_choice(session: Session, grids: GridIndex, choice: PlaceChoice) -> PlaceChoice:
    """A searched place as a point inside a grid: a village's seat may lie in any of its grids,
    and a grid's stored point may miss an odd-shaped grid; the case is filed where the point is."""
    found = place_at(session, grids, choice.lat, choice.lon)
    if found is not None and (choice.grid_id is None or found.grid_id == choice.grid_id):
        return found
    if choice.grid_id is not None:
        try:
            inner = grids.geometry(choice.grid_id).representative_point()
        except KeyError:
            inner = None
        if inner is not None:
            inside = place_at(session, grids, float(inner.y), float(inner.x))
            if inside is not None:
                return inside
    raise CaseError("intake.place_no_boundary", place=choice.label)


# --- routing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteRow:
    kind: Kind
    category: str
    department_id: int | None


def departments(session: Session) -> list[tuple[int, str]]:
    """Every department as (id, name), in pinyin order of the name."""
    rows = session.execute(select(Department.id, Department.name)).all()
    return sorted(((int(i), str(n)) for i, n in rows), key=lambda r: (sort_key(r[1]), r[0]))


def routes(session: Session) -> list[RouteRow]:
    """Every category of the vocabulary with the department it is routed to (None: not routed)."""
    table = {
        str(c): int(d)
        for c, d in session.execute(select(CategoryRoute.category, CategoryRoute.department_id))
    }
    return [
        RouteRow(kind, category, table.get(category))
        for kind, categories in CATEGORIES.items()
        for category in categories
    ]


def routed_department(session: Session, category: str) -> int | None:
    return route_for(session, category)


def save_routes(sessions: sessionmaker[Session], actor: Actor, table: Mapping[str, int | None]) -> None:
    """Replace the routes of the categories in ``table`` (None removes a route); one transaction."""
    if not may_edit_routes(actor):
        raise CaseError("intake.routes_role")
    known = {c for cs in CATEGORIES.values() for c in cs}
    unknown = sorted(set(table) - known)
    if unknown:
        raise CaseError("intake.unknown_categories", categories=unknown)
    with sessions.begin() as session:
        wanted = {d for d in table.values() if d is not None}
        have = set(session.scalars(select(Department.id).where(Department.id.in_(wanted))))
        if wanted - have:
            raise CaseError("intake.route_department_unknown")
        session.execute(delete(CategoryRoute).where(CategoryRoute.category.in_(list(table))))
        session.flush()
        session.add_all(
            CategoryRoute(category=c, department_id=d) for c, d in sorted(table.items()) if d is not None
        )


# --- sensitive periods -------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodRow:
    id: int | None
    name: str
    starts_on: dt.date
    ends_on: dt.date
    focus: str = ""


def _period_row(p: SensitivePeriod) -> PeriodRow:
    return PeriodRow(p.id, p.name, p.starts_on, p.ends_on, p.focus)


def periods(session: Session, since: dt.date | None = None) -> list[PeriodRow]:
    """The calendar, in date order; with ``since`` only periods that end on or after it."""
    q = select(SensitivePeriod).order_by(SensitivePeriod.starts_on, SensitivePeriod.id)
    if since is not None:
        q = q.where(SensitivePeriod.ends_on >= since)
    return [_period_row(p) for p in session.scalars(q)]


def period_on(session: Session, day: dt.date) -> PeriodRow | None:
    """The sensitive period ``day`` falls in (the flag's default for a case reported that day)."""
    found = sensitive_period_on(session, day)
    return _period_row(found) if found is not None else None


def period_for(session: Session, at: dt.datetime) -> PeriodRow | None:
    """The sensitive period of the local (China) date of ``at``."""
    return period_on(session, to_local(at).date())


def _check_period(row: PeriodRow) -> PeriodRow:
    name = row.name.strip()
    if not name:
        raise CaseError("intake.period_name_required")
    if len(name) > 64:
        raise CaseError("intake.period_name_too_long", limit=64)
    if row.ends_on < row.starts_on:
        raise CaseError("intake.period_end_before_start")
    if (row.ends_on - row.starts_on).days > 366:
        raise CaseError("intake.period_too_long")
    if len(row.focus) > 2000:
        raise CaseError("intake.period_focus_too_long", limit=2000)
    return PeriodRow(row.id, name, row.starts_on, row.ends_on, row.focus.strip())


def save_period(sessions: sessionmaker[Session], actor: Actor, row: PeriodRow) -> PeriodRow:
    """Add (``id`` None) or change a sensitive period."""
    if not may_edit_periods(actor):
        raise CaseError("intake.periods_role")
    row = _check_period(row)
    with sessions.begin() as session:
        if row.id is None:
            period = SensitivePeriod(
                name=row.name, starts_on=row.starts_on, ends_on=row.ends_on, focus=row.focus
            )
            session.add(period)
        else:
            found = session.get(SensitivePeriod, row.id)
            if found is None:
                raise CaseError("intake.period_gone")
            period = found
            period.name, period.starts_on, period.ends_on, period.focus = (
                row.name,
                row.starts_on,
                row.ends_on,
                row.focus,
            )
        session.flush()
        return _period_row(period)


def delete_period(sessions: sessionmaker[Session], actor: Actor, period_id: int) -> None:
    if not may_edit_periods(actor):
        raise CaseError("intake.periods_role")
    with sessions.begin() as session:
        session.execute(delete(SensitivePeriod).where(SensitivePeriod.id == period_id))


# --- duplicate suggestion ----------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateProbe:
    """What the new case is about: its place and its parties."""

    lat: float | None = None
    lon: float | None = None
    grid_id: int | None = None
    village_id: int | None = None
    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return (
            self.lat is None
            and self.grid_id is None
            and self.village_id is None
            and not (self.names or self.phones)
        )


@dataclass(frozen=True)
class DuplicateCandidate:
    case_id: int
    number: str
    title: str
    status: str
    level: int
    town: str
    village: str
    reported_at: dt.datetime
    distance_m: float | None
    # Why it was suggested: "grid", "village", "near", "name", "phone" (most telling first).
    reasons: tuple[str, ...] = field(default=())
    matched: tuple[str, ...] = field(default=())  # the names / phones that matched


def probe_for(
    place: PlaceChoice | None, parties: Iterable[Party], reporter_phone: str = ""
) -> DuplicateProbe:
    names = tuple(dict.fromkeys(p.name.strip() for p in parties if len(p.name.strip()) >= 2))
    phones = [normalise_phone(p.phone) for p in parties] + [normalise_phone(reporter_phone)]
    return DuplicateProbe(
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        grid_id=place.grid_id if place else None,
        village_id=place.village_id if place else None,
        names=names,
        phones=tuple(dict.fromkeys(p for p in phones if len(p) >= 7)),
    )


def _tokens(value: str | None) -> set[str]:
    parts = (value or "").replace(",", PARTY_SEPARATOR).split(PARTY_SEPARATOR)
    return {t.strip() for t in parts if t.strip()}


def find_duplicates(
    session: Session,
    actor: Actor,
    probe: DuplicateProbe,
    now: dt.datetime,
    *,
    days: int = DUPLICATE_DAYS,
    radius_m: float = DUPLICATE_RADIUS_M,
    limit: int = 20,
) -> list[DuplicateCandidate]:
    """Open cases reported in the last ``days`` days, in the actor's scope, at the same place
    (same grid or village, or within ``radius_m``) or with the same party (name or phone)."""
    if probe.empty or days <= 0:
        return []
    parties = actor.role in SEES_PERSONAL_DATA  # nobody else may read the party columns
    arms: list[ColumnElement[bool]] = []
    if probe.grid_id is not None:
        arms.append(Case.grid_id == probe.grid_id)
    if probe.village_id is not None:
        arms.append(Case.village_id == probe.village_id)
    if probe.lat is not None and probe.lon is not None:
        dlat = radius_m / 111_320.0
        dlon = radius_m / (111_320.0 * max(0.1, math.cos(math.radians(probe.lat))))
        arms.append(
            Case.lat.between(probe.lat - dlat, probe.lat + dlat)
            & Case.lon.between(probe.lon - dlon, probe.lon + dlon)
        )
    if parties:
        arms += [Case.party_names.contains(n, autoescape=True) for n in probe.names]
        arms += [Case.party_phones.contains(p, autoescape=True) for p in probe.phones]
        arms += [Case.reporter_phone == p for p in probe.phones]
    if not arms:
        return []
    columns: list[object] = [
        Case.id,
        Case.number,
        Case.title,
        Case.status,
        Case.level,
        Case.lat,
        Case.lon,
        Case.grid_id,
        Case.village_id,
        Case.reported_at,
        Town.name,
        Village.name,
    ]
    if parties:
        columns += [Case.party_names, Case.party_phones, Case.reporter_phone]
    q = (
        select(*columns)  # type: ignore[call-overload]
        .join(Town, Town.id == Case.town_id)
        .join(Village, Village.id == Case.village_id)
        .where(
            Case.status.in_(sorted(str(s) for s in OPEN_STATUSES)),
            Case.reported_at >= now - dt.timedelta(days=days),
            or_(*arms) if arms else false(),
        )
        .order_by(Case.reported_at.desc(), Case.id.desc())
        .limit(500)
    )
    scope = scope_clause(actor)
    if scope is not None:
        q = q.where(scope)
    found: list[DuplicateCandidate] = []
    for row in session.execute(q).all():
        reasons: list[str] = []
        matched: list[str] = []
        if parties:
            names = _tokens(row[12]) & set(probe.names)
            phones = (
                {normalise_phone(p) for p in _tokens(row[13])} | {normalise_phone(row[14] or "")}
            ) & set(probe.phones)
            if names:
                reasons.append("name")
                matched += sorted(names)
            if phones:
                reasons.append("phone")
                matched += sorted(phones)
        distance = None
        if probe.lat is not None and probe.lon is not None:
            distance = distance_m(probe.lat, probe.lon, float(row[5]), float(row[6]))
        if probe.grid_id is not None and row[7] == probe.grid_id:
            reasons.append("grid")
        elif probe.village_id is not None and row[8] == probe.village_id:
            reasons.append("village")
        if distance is not None and distance <= radius_m:
            reasons.append("near")
        if not reasons:
            continue  # a party substring that was no whole name, or a box corner past the radius
        found.append(
            DuplicateCandidate(
                case_id=int(row[0]),
                number=row[1],
                title=row[2],
                status=row[3],
                level=int(row[4]),
                town=row[10],
                village=row[11],
                reported_at=row[9],
                distance_m=distance,
                reasons=tuple(reasons),
                matched=tuple(matched),
            )
        )

    def rank(c: DuplicateCandidate) -> tuple[int, int, float, float]:
        party = 0 if {"name", "phone"} & set(c.reasons) else 1
        place = 0 if "grid" in c.reasons or "near" in c.reasons else 1
        return (party, place, c.distance_m if c.distance_m is not None else 1e12, -c.reported_at.timestamp())

    found.sort(key=rank)
    return found[:limit]


def form_probe(form: IntakeForm, place: PlaceChoice | None) -> DuplicateProbe:
    return probe_for(place, form.parties, form.reporter_phone)


__all__ = [
    "DESK_CHANNELS",
    "DUPLICATE_DAYS",
    "DuplicateCandidate",
    "DuplicateProbe",
    "IntakeForm",
    "Party",
    "PeriodRow",
    "PlaceChoice",
    "RouteRow",
    "check_id_number",
    "check_phone",
    "delete_period",
    "departments",
    "file_case",
    "find_duplicates",
    "may_edit_periods",
    "may_edit_routes",
    "may_file",
    "new_case",
    "period_for",
    "period_on",
    "periods",
    "place_at",
    "probe_for",
    "resolve_choice",
    "routed_department",
    "routes",
    "save_period",
    "save_routes",
    "search_places",
]
