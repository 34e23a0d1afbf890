"""Petition-bureau sharing (信访信息共享): the petitions (信访件) a user may see, their flags, the
link to a case, CSV/JSON import with a dry-run report and export, and the year-on-year measure.

Flags, computed over the petitions the user sees:

- **repeat petition** (重复访): the same petitioner on the same matter (category) within the 12
  months before — the earlier ones are counted;
- **level-skipping petition** (越级访): received above the town (county-city, province, national)
  while neither a lower-level petition of the same petitioner on the same matter came before it
  nor a linked case was reported on or before its date: the village and town never had it.

The petitioner's name, phone and ID-card tail are personal: roles outside
``detail.SEES_PERSONAL_DATA`` see them masked (on PostgreSQL they may not read the columns at all,
migration 0017; the database masks them and gives a pseudonymous key for the flags).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import ColumnElement, exists, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, CaseDepartment, Petition, Town
from db.vocab import CATEGORIES, PetitionLevel, Role
from desktop.cases.detail import SEES_PERSONAL_DATA, mask_name, mask_phone
from desktop.cases.ladder import Actor
from desktop.cases.queue import scope_clause
from desktop.clock import to_local
from desktop.errors import Refusal
from desktop.petitions_vocab import (  # the bureau's words, re-exported: data, not sentences
    CATEGORY_NAMES as CATEGORY_NAMES,
)
from desktop.petitions_vocab import CHANNEL_NAMES as CHANNEL_NAMES
from desktop.petitions_vocab import DATE_FORMATS, LEVEL_ALIASES, ONLINE_ALIASES
from desktop.petitions_vocab import FIELDS as FIELDS
from desktop.petitions_vocab import LEVEL_NAMES as LEVEL_NAMES
from desktop.petitions_vocab import STATUS_NAMES as STATUS_NAMES
from desktop.problems import Problem

REPEAT_WINDOW_DAYS = 365  # "within 12 months"

ALL_CATEGORIES: tuple[str, ...] = tuple(dict.fromkeys(c for cs in CATEGORIES.values() for c in cs))
_HEADING_TO_KEY = {heading: key for key, heading in FIELDS} | {key: key for key, _ in FIELDS}
MAX_IMPORT_ROWS = 20000


class PetitionError(Refusal):
    """A refused request or an unreadable file: a ``petitions.…`` code and its facts."""


# --- the flags (pure) --------------------------------------------------------------------------


def petitioner_key(name: str, id_tail: str, phone: str) -> str:
    """Who petitioned, without saying who: the same digest as ``concord_petitions_masked()``."""
    who = f"id:{id_tail.strip().upper()}" if id_tail.strip() else f"tel:{phone.strip()}"
    return hashlib.md5(f"{name.strip().lower()}|{who}".encode()).hexdigest()  # noqa: S324 (no security use)


@dataclass(frozen=True)
class FlagInput:
    id: int
    key: str
    category: str
    received_on: dt.date
    level: int
    case_reported_on: dt.date | None = None  # the linked case's report day, if any


@dataclass(frozen=True)
class Flags:
    earlier_same: int = 0  # earlier petitions of the same petitioner and matter within 12 months
    level_skipping: bool = False

    @property
    def repeat(self) -> bool:
        return self.earlier_same > 0


def compute_flags(items: Iterable[FlagInput]) -> dict[int, Flags]:
    """The repeat and level-skipping flags of each petition, from the petitions given."""
    groups: dict[tuple[str, str], list[FlagInput]] = defaultdict(list)
    for item in items:
        groups[(item.key, item.category)].append(item)
    out: dict[int, Flags] = {}
    for group in groups.values():
        group.sort(key=lambda i: (i.received_on, i.id))
        for n, item in enumerate(group):
            earlier = group[:n]
            window = item.received_on - dt.timedelta(days=REPEAT_WINDOW_DAYS)
            same = sum(1 for e in earlier if e.received_on >= window)
            skipping = False
            if item.level > PetitionLevel.TOWN:
                lower_before = any(e.level <= PetitionLevel.TOWN for e in earlier)
                case_before = item.case_reported_on is not None and item.case_reported_on <= item.received_on
                skipping = not lower_before and not case_before
            out[item.id] = Flags(same, skipping)
    return out


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionFilter:
    town_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    flag: str | None = None  # "repeat" | "skipping" | "flagged" (either)
    channel: str | None = None
    level: int | None = None
    text: str = ""


@dataclass(frozen=True)
class PetitionRow:
    id: int
    number: str
    received_on: dt.date
    petitioner_name: str
    petitioner_phone: str
    petitioner_id_tail: str
    level: int
    channel: str
    category: str
    matter: str
    town_id: int
    town: str
    status: str
    case_id: int | None
    case_number: str
    flags: Flags = field(default_factory=Flags)
    personal_data_masked: bool = False


def petition_scope(actor: Actor) -> ColumnElement[bool] | None:
    """The petitions this actor may see (the UI's view; PostgreSQL enforces it too)."""
    if actor.role == Role.TOWN_STAFF:
        return Petition.town_id == (actor.town_id if actor.town_id is not None else -1)
    if actor.role == Role.DEPARTMENT_STAFF:
        return exists().where(
            CaseDepartment.case_id == Petition.case_id, CaseDepartment.department_id == actor.department_id
        )
    return None


def masked_for(actor: Actor) -> bool:
    return actor.role not in SEES_PERSONAL_DATA


def _visible(session: Session, actor: Actor) -> list[PetitionRow]:
    """Every petition the actor sees, with flags computed over them, newest first."""
    masked = masked_for(actor)
    pg = session.get_bind().dialect.name == "postgresql"
    cols = [
        Petition.id,
        Petition.number,
        Petition.received_on,
        Petition.level,
        Petition.channel,
        Petition.category,
        Petition.matter,
        Petition.town_id,
        Town.name.label("town"),
        Petition.status,
        Petition.case_id,
        Case.number.label("case_number"),
        Case.reported_at.label("case_reported_at"),
    ]
    personal = [Petition.petitioner_name, Petition.petitioner_phone, Petition.petitioner_id_tail]
    query = (
        select(*cols, *([] if masked and pg else personal))
        .join(Town, Town.id == Petition.town_id)
        .outerjoin(Case, Case.id == Petition.case_id)
        .order_by(Petition.received_on.desc(), Petition.id.desc())
    )
    scope = petition_scope(actor)
    if scope is not None:
        query = query.where(scope)
    rows = session.execute(query).all()
    people: dict[int, tuple[str, str, str, str]] = {}
    if masked and pg:
        for r in session.execute(text("select * from concord_petitions_masked()")).all():
            people[int(r[0])] = (str(r[1]), str(r[2]), str(r[3]), str(r[4]))
    out: list[PetitionRow] = []
    inputs: list[FlagInput] = []
    for r in rows:
        if masked and pg:
            name, phone, tail, key = people.get(r.id, ("", "", "", f"?{r.id}"))
        else:
            raw_name, raw_phone, raw_tail = r.petitioner_name, r.petitioner_phone, r.petitioner_id_tail
            key = petitioner_key(raw_name, raw_tail, raw_phone)
            if masked:
                name, phone, tail = mask_name(raw_name), mask_phone(raw_phone), "*" * len(raw_tail)
            else:
                name, phone, tail = raw_name, raw_phone, raw_tail
        case_day = to_local(r.case_reported_at).date() if r.case_reported_at is not None else None
        inputs.append(FlagInput(r.id, key, r.category, r.received_on, r.level, case_day))
        out.append(
            PetitionRow(
                r.id,
                r.number,
                r.received_on,
                name,
                phone,
                tail,
                r.level,
                r.channel,
                r.category,
                r.matter,
                r.town_id,
                r.town,
                r.status,
                r.case_id,
                r.case_number or "",
                personal_data_masked=masked,
            )
        )
    flags = compute_flags(inputs)
    return [replace(row, flags=flags.get(row.id, Flags())) for row in out]


def matches(row: PetitionRow, flt: PetitionFilter) -> bool:
    if flt.town_id is not None and row.town_id != flt.town_id:
        return False
    if flt.since is not None and row.received_on < flt.since:
        return False
    if flt.until is not None and row.received_on > flt.until:
        return False
    if flt.channel and row.channel != flt.channel:
        return False
    if flt.level is not None and row.level != flt.level:
        return False
    if flt.flag == "repeat" and not row.flags.repeat:
        return False
    if flt.flag == "skipping" and not row.flags.level_skipping:
        return False
    if flt.flag == "flagged" and not (row.flags.repeat or row.flags.level_skipping):
        return False
    needle = flt.text.strip().lower()
    if needle:
        hay = f"{row.number} {row.matter} {row.petitioner_name} {row.case_number} {row.town}".lower()
        return needle in hay
    return True


def list_petitions(session: Session, actor: Actor, flt: PetitionFilter | None = None) -> list[PetitionRow]:
    """The petitions the actor sees that match ``flt``, newest first, flagged."""
    flt = flt or PetitionFilter()
    return [row for row in _visible(session, actor) if matches(row, flt)]


@dataclass(frozen=True)
class PetitionCounts:
    total: int
    repeat: int
    skipping: int


def counts(rows: Sequence[PetitionRow]) -> PetitionCounts:
    return PetitionCounts(
        len(rows), sum(r.flags.repeat for r in rows), sum(r.flags.level_skipping for r in rows)
    )


def towns_for(session: Session, actor: Actor) -> list[tuple[int, str]]:
    """The towns the actor may filter on (town staff: their own)."""
    query = select(Town.id, Town.name).order_by(Town.code)
    if actor.role == Role.TOWN_STAFF:
        query = query.where(Town.id == (actor.town_id or -1))
    return [(int(r.id), str(r.name)) for r in session.execute(query).all()]


# --- the link to a case ------------------------------------------------------------------------


def may_write(actor: Actor) -> bool:
    """Who imports petitions and links them: the city information center, leaders, town staff."""
    return actor.role in (Role.DISPATCHER, Role.LEADER, Role.TOWN_STAFF)


def link_case(
    session: Session, actor: Actor, petition_id: int, case_number: str | None, now: dt.datetime
) -> None:
    """Link the petition to the case numbered ``case_number`` (None or "": unlink)."""
    if not may_write(actor):
        raise PetitionError("petitions.edit_role")
    query = select(Petition).where(Petition.id == petition_id)
    scope = petition_scope(actor)
    if scope is not None:
        query = query.where(scope)
    petition = session.scalars(query).one_or_none()
    if petition is None:
        raise PetitionError("petitions.no_petition", petition_id=petition_id)
    case_id = None
    if case_number and case_number.strip():
        case_id = _case_id(session, actor, case_number.strip())
        if case_id is None:
            raise PetitionError("petitions.no_case", case_number=case_number.strip())
    petition.case_id = case_id
    petition.updated_at = now
    session.flush()


def _case_id(session: Session, actor: Actor, number: str) -> int | None:
    query = select(Case.id).where(Case.number == number)
    scope = scope_clause(actor)
    if scope is not None:
        query = query.where(scope)
    found = session.scalar(query)
    return int(found) if found is not None else None


# --- import ------------------------------------------------------------------------------------


@dataclass
class RowReport:
    line: int  # the row's line in a CSV file (header = 1), or its position in a JSON list (1-based)
    number: str
    errors: list[Problem] = field(default_factory=list)  # each with its row and column
    action: str = ""  # "new" | "update" when valid
    values: dict[str, object] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[RowReport]
    stored: int = 0
    dry_run: bool = True
    file_error: PetitionError | None = None  # the file could not be read at all

    @property
    def bad(self) -> list[RowReport]:
        return [r for r in self.rows if not r.ok]

    @property
    def good(self) -> list[RowReport]:
        return [r for r in self.rows if r.ok]

    @property
    def new(self) -> int:
        return sum(1 for r in self.good if r.action == "new")

    @property
    def updated(self) -> int:
        return sum(1 for r in self.good if r.action == "update")

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.bad for p in r.errors]

    def text(self) -> str:
        """The report's structure for logs and test messages; ui/import_reports.py says it."""
        head = f"rows={len(self.rows)} new={self.new} updated={self.updated} bad={len(self.bad)} stored={self.stored}"
        if self.file_error is not None:
            head += f" file_error={self.file_error}"
        return "\n".join([head, *(str(p) for p in self.problems)])


def read_file(data: bytes, fmt: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV or JSON file as (line, {key: text}); raises PetitionError for an unreadable file."""
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            raw = data.decode("gb18030")
        except UnicodeDecodeError:
            raise PetitionError("petitions.encoding") from None
    rows: list[tuple[int, dict[str, str]]] = []
    if fmt == "json":
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise PetitionError("petitions.json_syntax", line=exc.lineno) from None
        if isinstance(doc, dict) and isinstance(doc.get("petitions"), list):
            doc = doc["petitions"]
        if not isinstance(doc, list):
            raise PetitionError("petitions.json_not_list")
        for n, item in enumerate(doc, start=1):
            if not isinstance(item, dict):
                rows.append((n, {"__error__": "petitions.not_an_object"}))
                continue
            rows.append((n, _normalise({str(k): v for k, v in item.items()})))
    elif fmt == "csv":
        reader = csv.reader(io.StringIO(raw))
        try:
            header = next(reader)
        except StopIteration:
            raise PetitionError("petitions.empty_file") from None
        except csv.Error as exc:
            raise PetitionError("petitions.csv_syntax", detail=str(exc)) from None
        unknown = [h for h in header if h.strip() and h.strip() not in _HEADING_TO_KEY]
        if unknown:
            raise PetitionError("petitions.unknown_columns", columns=unknown)
        keys = [_HEADING_TO_KEY.get(h.strip(), "") for h in header]
        if "number" not in keys:
            raise PetitionError("petitions.number_column_missing")
        try:
            for record in reader:
                if not any(cell.strip() for cell in record):
                    continue
                line = reader.line_num
                if len(record) > len(keys):
                    rows.append((line, {"__error__": "petitions.extra_cells"}))
                    continue
                rows.append((line, _normalise(dict(zip(keys, record, strict=False)))))
        except csv.Error as exc:
            raise PetitionError("petitions.csv_syntax_at", line=reader.line_num, detail=str(exc)) from None
    else:
        raise PetitionError("petitions.format_unknown", format=fmt)
    if len(rows) > MAX_IMPORT_ROWS:
        raise PetitionError("petitions.too_many_rows", limit=MAX_IMPORT_ROWS)
    return rows


def _normalise(item: Mapping[str, object]) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in item.items():
        key = _HEADING_TO_KEY.get(k.strip(), k.strip())
        value = "" if v is None else str(v).strip()
        # An exported cell that Excel would run as a formula was written with a leading quote.
        if value[:2] in ("'=", "'+", "'-", "'@"):
            value = value[1:]
        out[key] = value
    return out


_PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")
_ID_TAIL = re.compile(r"^[0-9]{3,5}[0-9Xx]$")


def _parse_date(value: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _lookup(value: str, names: Mapping[str, str]) -> str | None:
    if value in names:
        return value
    lowered = value.lower()
    if lowered in names:
        return lowered
    for code, name in names.items():
        if value == name:
            return code
    return None


def validate_rows(
    session: Session, actor: Actor, rows: Sequence[tuple[int, dict[str, str]]], today: dt.date
) -> list[RowReport]:
    """Check every row; each bad one gets all its problems (a code, facts and the column)."""
    towns = session.execute(select(Town.id, Town.name, Town.code)).all()
    town_by = {t.name: t.id for t in towns} | {t.code: t.id for t in towns} | {str(t.id): t.id for t in towns}
    numbers = [r.get("number", "") for _, r in rows if r.get("number")]
    existing: dict[str, int] = {}
    for chunk in range(0, len(numbers), 500):
        part = numbers[chunk : chunk + 500]
        for found in session.execute(
            select(Petition.number, Petition.town_id).where(Petition.number.in_(part))
        ).all():
            existing[found.number] = found.town_id
    seen: set[str] = set()
    reports: list[RowReport] = []
    for line, r in rows:
        rep = RowReport(line, r.get("number", ""))
        reports.append(rep)
        if "__error__" in r:
            rep.errors.append(Problem(r["__error__"], row=line))
            continue

        def err(code: str, column: str, rep: RowReport = rep, line: int = line, **facts: object) -> None:
            rep.errors.append(Problem(code, facts, row=line, column=column))

        number = r.get("number", "")
        if not number:
            err("petitions.number_required", "number")
        elif len(number) > 40:
            err("petitions.number_too_long", "number", limit=40)
        elif number in seen:
            err("petitions.number_repeated", "number", number=number)
        seen.add(number)
        day = _parse_date(r.get("received_on", ""))
        if not r.get("received_on"):
            err("petitions.date_required", "received_on")
        elif day is None:
            err("petitions.date_format", "received_on", value=r["received_on"])
        elif day > today:
            err("petitions.date_future", "received_on", day=day)
        name = r.get("petitioner_name", "")
        if not name:
            err("petitions.name_required", "petitioner_name")
        elif len(name) > 64:
            err("petitions.name_too_long", "petitioner_name", limit=64)
        phone = r.get("petitioner_phone", "")
        if phone and not _PHONE.match(phone):
            err("petitions.phone_format", "petitioner_phone", phone=phone)
        tail = r.get("petitioner_id_tail", "")
        if tail and not _ID_TAIL.match(tail):
            err("petitions.id_tail_format", "petitioner_id_tail", value=tail)
        level = LEVEL_ALIASES.get(r.get("level", "").lower()) or LEVEL_ALIASES.get(r.get("level", ""))
        if level is None:
            err("petitions.level_unknown", "level", value=r.get("level", ""))
        channel = _lookup(r.get("channel", ""), CHANNEL_NAMES)
        if r.get("channel") in ONLINE_ALIASES:
            channel = "online"
        if channel is None:
            err("petitions.channel_unknown", "channel", value=r.get("channel", ""))
        category = _lookup(r.get("category", ""), CATEGORY_NAMES)
        if category is None:
            err("petitions.category_unknown", "category", value=r.get("category", ""))
        matter = r.get("matter", "")
        if not matter:
            err("petitions.matter_required", "matter")
        town_id: int | None = town_by.get(r.get("town", ""))
        if town_id is None:
            err("petitions.town_unknown", "town", town=r.get("town", ""))
        elif actor.role == Role.TOWN_STAFF and town_id != actor.town_id:
            err("petitions.town_not_own", "town")
        status = _lookup(r.get("status", "") or "registered", STATUS_NAMES)
        if status is None:
            err("petitions.status_unknown", "status", value=r.get("status", ""))
        case_id: int | None = None
        case_number = r.get("case_number", "")
        if case_number:
            case_id = _case_id(session, actor, case_number)
            if case_id is None:
                err("petitions.case_unknown", "case_number", case_number=case_number)
        if number in existing and actor.role == Role.TOWN_STAFF and existing[number] != actor.town_id:
            err("petitions.number_other_town", "number", number=number)
        if rep.errors:
            continue
        rep.action = "update" if number in existing else "new"
        rep.values = {
            "number": number,
            "received_on": day,
            "petitioner_name": name,
            "petitioner_phone": phone,
            "petitioner_id_tail": tail.upper(),
            "level": level,
            "channel": channel,
            "category": category,
            "matter": matter,
            "town_id": town_id,
            "status": status,
            "case_id": case_id,
        }
    return reports


def import_petitions(
    session: Session,
    actor: Actor,
    rows: Sequence[tuple[int, dict[str, str]]],
    *,
    now: dt.datetime,
    dry_run: bool = False,
    valid_only: bool = False,
) -> ImportReport:
    """Validate ``rows`` and, unless ``dry_run``, store them in ``session`` (the caller commits).

    Nothing is stored when any row is bad, unless ``valid_only`` (the user chose to import the
    valid rows and leave the bad ones)."""
    if not may_write(actor):
        raise PetitionError("petitions.import_role")
    report = ImportReport(validate_rows(session, actor, rows, to_local(now).date()), dry_run=dry_run)
    if dry_run or (report.bad and not valid_only) or not report.good:
        return report
    try:
        with session.begin_nested():
            for r in report.good:
                values = dict(r.values)
                if r.action == "update":
                    petition = session.scalars(
                        select(Petition).where(Petition.number == values["number"])
                    ).one()
                    for k, v in values.items():
                        setattr(petition, k, v)
                    petition.updated_at = now
                else:
                    session.add(Petition(**values, created_at=now, updated_at=now))
            session.flush()
    except IntegrityError:
        raise PetitionError("petitions.number_clash") from None
    report.stored = len(report.good)
    return report


# --- export ------------------------------------------------------------------------------------


def export_records(rows: Sequence[PetitionRow]) -> list[dict[str, str]]:
    """The rows as import reads them back (codes for the coded fields)."""
    return [
        {
            "number": r.number,
            "received_on": r.received_on.isoformat(),
            "petitioner_name": r.petitioner_name,
            "petitioner_phone": r.petitioner_phone,
            "petitioner_id_tail": r.petitioner_id_tail,
            "level": PetitionLevel(r.level).name.lower(),
            "channel": r.channel,
            "category": r.category,
            "matter": r.matter,
            "town": r.town,
            "status": r.status,
            "case_number": r.case_number,
        }
        for r in rows
    ]


def _cell(value: str) -> str:
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(rows: Sequence[PetitionRow]) -> bytes:
    """CSV with Chinese headings and value names, UTF-8 with BOM (Excel reads it as such)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([heading for _, heading in FIELDS])
    for rec in export_records(rows):
        rec = dict(rec)
        rec["level"] = LEVEL_NAMES[PetitionLevel[rec["level"].upper()]]
        rec["channel"] = CHANNEL_NAMES.get(rec["channel"], rec["channel"])
        rec["category"] = CATEGORY_NAMES.get(rec["category"], rec["category"])
        rec["status"] = STATUS_NAMES.get(rec["status"], rec["status"])
        writer.writerow([_cell(rec[key]) for key, _ in FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_json(rows: Sequence[PetitionRow]) -> bytes:
    return json.dumps({"petitions": export_records(rows)}, ensure_ascii=False, indent=2).encode("utf-8")


# --- year on year ------------------------------------------------------------------------------


@dataclass(frozen=True)
class YoyRow:
    town_id: int | None  # None: the total of the user's scope
    town: str
    this_year: tuple[int, ...]  # per month, oldest first
    last_year: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.this_year)

    @property
    def total_last_year(self) -> int:
        return sum(self.last_year)

    @property
    def change(self) -> float | None:
        """同比 change of the total, -0.267 for "down 26.7 %"; None without last year's."""
        before = self.total_last_year
        return None if before == 0 else (self.total - before) / before


@dataclass(frozen=True)
class YoyTable:
    months: tuple[tuple[int, int], ...]  # (year, month), oldest first
    rows: tuple[YoyRow, ...]  # per town, then the total


def month_window(today: dt.date, months: int = 12) -> tuple[tuple[int, int], ...]:
    """The ``months`` months up to and including today's, oldest first."""
    y, m = today.year, today.month
    out = []
    for _ in range(months):
        out.append((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return tuple(reversed(out))


def yoy_from(
    items: Iterable[tuple[int, dt.date]], towns: Sequence[tuple[int, str]], months: Sequence[tuple[int, int]]
) -> YoyTable:
    """Per town and month: petitions this month and in the same month a year before."""
    index = {ym: i for i, ym in enumerate(months)}
    this: dict[int, list[int]] = defaultdict(lambda: [0] * len(months))
    last: dict[int, list[int]] = defaultdict(lambda: [0] * len(months))
    for town_id, day in items:
        ym = (day.year, day.month)
        if ym in index:
            this[town_id][index[ym]] += 1
        prior = (day.year + 1, day.month)
        if prior in index:
            last[town_id][index[prior]] += 1
    rows = [
        YoyRow(tid, name, tuple(this[tid]), tuple(last[tid]))
        for tid, name in towns
        if tid in this or tid in last
    ]
    total_this = tuple(sum(r.this_year[i] for r in rows) for i in range(len(months)))
    total_last = tuple(sum(r.last_year[i] for r in rows) for i in range(len(months)))
    return YoyTable(tuple(months), (*rows, YoyRow(None, "", total_this, total_last)))


def yoy_measure(session: Session, actor: Actor, today: dt.date, channel: str | None = None) -> YoyTable:
    """The year-on-year measure of the petitions the actor sees (optionally of one channel,
    e.g. ``visit`` for 来访), for the 12 months up to today's."""
    months = month_window(today)
    first = dt.date(months[0][0] - 1, months[0][1], 1)
    query = select(Petition.town_id, Petition.received_on).where(Petition.received_on >= first)
    if channel:
        query = query.where(Petition.channel == channel)
    scope = petition_scope(actor)
    if scope is not None:
        query = query.where(scope)
    items = [(int(r.town_id), r.received_on) for r in session.execute(query).all()]
    return yoy_from(items, towns_for(session, actor), months)


# --- whole files (the UI's dialog and the command line) --------------------------------------


def format_of(path: str) -> str:
    """``csv`` or ``json`` from a file name; raises PetitionError for anything else."""
    lowered = path.lower()
    if lowered.endswith(".csv"):
        return "csv"
    if lowered.endswith(".json"):
        return "json"
    raise PetitionError("petitions.file_kind")


def import_file(
    sessions: sessionmaker[Session],
    actor: Actor,
    data: bytes,
    fmt: str,
    *,
    now: dt.datetime,
    dry_run: bool,
    valid_only: bool = False,
) -> ImportReport:
    """Read, check and (unless ``dry_run``) store a file of petitions in one transaction: all of
    it, or nothing when a row is bad, unless ``valid_only``. An unreadable file is reported in
    ``file_error`` and stores nothing."""
    try:
        rows = read_file(data, fmt)
    except PetitionError as exc:
        return ImportReport([], dry_run=dry_run, file_error=exc)
    with sessions.begin() as session:
        return import_petitions(session, actor, rows, now=now, dry_run=dry_run, valid_only=valid_only)


def export_file(
    sessions: sessionmaker[Session], actor: Actor, flt: PetitionFilter | None, out: Path, fmt: str
) -> int:
    """Write the petitions the actor sees that match ``flt`` to ``out`` (written to ``OUT.part``
    and renamed when complete); returns how many."""
    with sessions() as session:
        rows = list_petitions(session, actor, flt)
    data = to_csv(rows) if fmt == "csv" else to_json(rows)
    part = out.with_name(out.name + ".part")
    try:
        part.write_bytes(data)
        os.replace(part, out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return len(rows)
