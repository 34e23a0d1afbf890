"""Load a real city: boundaries (GeoJSON, Shapefile) and rosters (CSV, XLSX), checked first.

:func:`plan_import` reads the files, checks every row against the files and the database and
returns a :class:`Report`: row-level problems in Chinese and the counts of what would be
created, updated, deactivated or left unchanged. :func:`run_import` stores it — in one
transaction, only when there is no problem and ``dry_run`` is off. Everything is keyed by code
(towns, villages, grids, departments), staff number (workers), user name, town + name (squads)
or village + kind + name (liaison officers), so importing the same files again changes nothing.

Boundaries must be WGS84 longitude/latitude (EPSG:4326; CGCS2000, EPSG:4490, differs from it by
centimetres and is taken as is). Any other coordinate system is refused with its name: convert
first (e.g. ``ogr2ogr -t_srs EPSG:4326``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Brigade,
    City,
    CityChange,
    Department,
    Grid,
    LiaisonOfficer,
    Squad,
    Town,
    User,
    Village,
    Worker,
)
from desktop.cityimport_headings import (
    BOUNDARY_SUFFIXES,
    BRIGADE_SUFFIX,
    COMMAND_LINE_ACTOR,
    COMMUNITY_SUFFIX,
    DEFAULT_CITY_NAME,
    DEFAULT_FIELDS,
    FALSE_WORDS,
    HELPER_KINDS,
    IMPORT_REASON,
    IMPORT_RUN_REASON,
    NAME_HINTS,
    ROLE_NAMES,
    ROSTER_SUFFIXES,
    SUBDISTRICT_SUFFIX,
    TRUE_WORDS,
)
from desktop.errors import Refusal
from desktop.pinyin import initials
from desktop.problems import Problem

BOUNDARY_KINDS = ("towns", "villages", "grids")
ROSTER_KINDS = ("departments", "squads", "workers", "devices", "helpers", "users")
KINDS = BOUNDARY_KINDS + ROSTER_KINDS
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
USERNAME_RE = re.compile(r"^[a-z][a-z0-9_]{1,62}$")
# A child may stick out of its parent by this share of its area (boundaries drawn separately
# rarely agree to the metre); beyond it the child is reported as outside.
OUTSIDE_TOLERANCE = 0.02
WGS84_NAMES = ("wgs_1984", "wgs 84", "wgs84", "crs84", "epsg:4326", "epsg::4326")
CGCS2000_NAMES = ("cgcs2000", "cgcs_2000", "china_geodetic_coordinate_system_2000", "epsg:4490", "epsg::4490")


class ImportRefused(Refusal):
    """A file that cannot be read at all (format, coordinate system), or a boundary that cannot
    be used: a ``cityimport.…`` code and its facts."""


# A problem of the import: its file (``file``), row (feature number or spreadsheet row, header =
# row 1; None for the whole file) and column, a ``cityimport.…`` code and its facts.
Issue = Problem


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    reactivated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "deactivated": self.deactivated,
            "reactivated": self.reactivated,
            "unchanged": self.unchanged,
        }


@dataclass
class Report:
    """What an import found and would do (or did, when ``committed``)."""

    counts: dict[str, Counts] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)  # (kind, file name)
    committed: bool = False
    dry_run: bool = True

    @property
    def ok(self) -> bool:
        return not self.issues

    def count(self, entity: str) -> Counts:
        return self.counts.setdefault(entity, Counts())

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "committed": self.committed,
            "dry_run": self.dry_run,
            "files": [{"kind": k, "file": f} for k, f in self.files],
            "counts": {k: c.as_dict() for k, c in self.counts.items()},
            "issues": [i.as_dict() for i in self.issues],
        }

    def text(self) -> str:
        """The report's structure for logs and test messages; ui/import_reports.py says it."""
        lines = [f"{kind}={name}" for kind, name in self.files]
        lines += [f"{entity}: {c.as_dict()}" for entity, c in self.counts.items()]
        lines += [str(i) for i in self.issues]
        lines.append("committed" if self.committed else "not committed")
        return "\n".join(lines)


@dataclass(frozen=True)
class ImportOptions:
    """Field names (None: the defaults of :data:`DEFAULT_FIELDS`) and what to do with rows
    missing from the files."""

    code_field: str | None = None
    name_field: str | None = None
    parent_field: str | None = None
    # Workers and grids in the database but absent from the files are deactivated.
    deactivate_missing: bool = False
    city_name: str = DEFAULT_CITY_NAME
    city_code: str = "CITY"


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    name: str
    role: str


# --- reading files ---------------------------------------------------------------------------


def classify(path: Path) -> str | None:
    """The kind of data a file holds, from its name (``grids.geojson``, ``网格.shp`` …)."""
    name = path.stem.lower()
    suffix = path.suffix.lower()
    for kind, words in NAME_HINTS:
        if any(w in name for w in words):
            boundary = kind in BOUNDARY_KINDS
            if (boundary and suffix in BOUNDARY_SUFFIXES) or (not boundary and suffix in ROSTER_SUFFIXES):
                return kind
    return None


def parse_source(spec: str) -> tuple[str | None, Path]:
    """``kind=path`` or a bare path (kind then guessed from the name, None when it cannot be)."""
    kind, sep, rest = spec.partition("=")
    if sep and kind in KINDS:
        return kind, Path(rest)
    path = Path(spec)
    return classify(path), path


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]
    geometry: Mapping[str, Any] | None = None


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise(props: Mapping[str, Any]) -> dict[str, str]:
    return {str(k).strip().lower(): _cell(v) for k, v in props.items() if k is not None}


def read_table(path: Path) -> list[Row]:
    """Rows of a CSV (UTF-8, with or without BOM, or GB18030) or the first sheet of an XLSX."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise ImportRefused(
                "cityimport.excel_unreadable", file=path.name, detail=exc.__class__.__name__
            ) from exc
        try:
            sheet = book.worksheets[0]
            it = sheet.iter_rows(values_only=True)
            header = [_cell(h).lower() for h in next(it, ())]
            rows = []
            for n, values in enumerate(it, start=2):
                if all(v is None or _cell(v) == "" for v in values):
                    continue
                rows.append(Row(n, {h: _cell(v) for h, v in zip(header, values, strict=False) if h}))
            return rows
        finally:
            book.close()
    if suffix != ".csv":
        raise ImportRefused("cityimport.roster_format", file=path.name)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise ImportRefused("cityimport.encoding", file=path.name)
    reader = csv.DictReader(content.splitlines())
    out = []
    for n, rec in enumerate(reader, start=2):
        values = _normalise({k: v for k, v in rec.items() if k is not None})
        if any(values.values()):
            out.append(Row(n, values))
    return out


def _crs_name_ok(text: str) -> bool:
    low = text.lower().replace(" ", "_")
    spaced = text.lower()
    if "projcs" in low or "projcrs" in low:
        return False
    return any(n.replace(" ", "_") in low or n in spaced for n in WGS84_NAMES + CGCS2000_NAMES)


def _crs_label(text: str) -> str:
    m = re.search(r'(?:PROJCS|PROJCRS|GEOGCS|GEOGCRS)\["([^"]+)"', text)
    return m.group(1) if m else text[:60]


def read_features(path: Path) -> list[Row]:
    """Features of a GeoJSON FeatureCollection or a Shapefile, with their properties."""
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        try:
            doc = json.loads(path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportRefused("cityimport.geojson_invalid", file=path.name, detail=str(exc)) from exc
        if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
            raise ImportRefused("cityimport.geojson_not_collection", file=path.name)
        crs = doc.get("crs")
        if isinstance(crs, dict):
            name = str((crs.get("properties") or {}).get("name", ""))
            if name and not _crs_name_ok(name):
                raise ImportRefused("cityimport.crs_unsupported", file=path.name, crs=name)
        rows = []
        for n, feat in enumerate(doc.get("features") or [], start=1):
            if not isinstance(feat, dict):
                continue
            geom = feat.get("geometry")
            rows.append(
                Row(n, _normalise(feat.get("properties") or {}), geom if isinstance(geom, dict) else None)
            )
        return rows
    if suffix == ".shp":
        import shapefile

        prj = path.with_suffix(".prj")
        if not prj.exists():
            prj = path.with_suffix(".PRJ")
        if prj.exists():
            wkt = prj.read_text(encoding="utf-8", errors="replace")
            if not _crs_name_ok(wkt):
                raise ImportRefused("cityimport.crs_unsupported", file=path.name, crs=_crs_label(wkt))
        rows = []
        try:
            encoding = "utf-8"
            cpg = path.with_suffix(".cpg")
            if cpg.exists():
                encoding = cpg.read_text(errors="replace").strip() or "utf-8"
            with shapefile.Reader(str(path), encoding=encoding, encodingErrors="replace") as reader:
                for n, rec in enumerate(reader.iterShapeRecords(), start=1):
                    geom = rec.shape.__geo_interface__ if rec.shape.shapeType != 0 else None
                    rows.append(Row(n, _normalise(rec.record.as_dict()), geom))
        except shapefile.ShapefileException as exc:
            raise ImportRefused("cityimport.shapefile_unreadable", file=path.name, detail=str(exc)) from exc
        return rows
    raise ImportRefused("cityimport.boundary_format", file=path.name)


# --- checking --------------------------------------------------------------------------------


def _pick(row: Row, key: str, override: str | None = None) -> str:
    names = (override.lower(),) if override else DEFAULT_FIELDS[key]
    for name in names:
        if name in row.values:
            return row.values[name]
    return ""


def _has(rows: Sequence[Row], key: str, override: str | None = None) -> bool:
    names = (override.lower(),) if override else DEFAULT_FIELDS[key]
    return any(any(n in r.values for n in names) for r in rows[:1])


def _bool(value: str) -> bool | None:
    low = value.strip().lower()
    if low in TRUE_WORDS:
        return True
    if low in FALSE_WORDS:
        return False
    return None


def valid_phone(phone: str) -> bool:
    return bool(MOBILE_RE.match(phone) or LANDLINE_RE.match(phone))


def _int(value: str) -> int | None:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return None


def check_geometry(geojson: Mapping[str, Any] | None) -> tuple[Any, ImportRefused | None]:
    """A shapely (multi)polygon from a GeoJSON geometry, or why it is unusable (not raised)."""
    if not geojson:
        return None, ImportRefused("cityimport.geometry_missing")
    try:
        geom = shape(geojson)
    except Exception:
        return None, ImportRefused("cityimport.geometry_unparsable")
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None, ImportRefused("cityimport.geometry_not_polygon", geom_type=geom.geom_type)
    if geom.is_empty:
        return None, ImportRefused("cityimport.geometry_empty")
    minx, miny, maxx, maxy = geom.bounds
    if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
        return None, ImportRefused("cityimport.geometry_projected")
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        if "Self-intersection" in reason or "Ring Self-intersection" in reason:
            where = reason[reason.find("[") :] if "[" in reason else ""
            return None, ImportRefused("cityimport.geometry_self_intersection", where=where)
        return None, ImportRefused("cityimport.geometry_invalid", reason=reason)
    return geom, None


def outside_share(child: Any, parent: Any) -> float:
    area = float(child.area)
    if area <= 0:
        return 0.0
    return float(child.difference(parent).area) / area


def boundary_of(obj: Any) -> Any:
    if obj is None or not obj.boundary:
        return None
    try:
        geom = shape(obj.boundary)
    except Exception:
        return None
    return geom if geom.is_valid else geom.buffer(0)


@dataclass
class _Place:
    row: int
    code: str
    name: str
    geom: Any
    parent: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Plan:
    """The checked contents of the files, ready to store."""

    towns: list[_Place] = field(default_factory=list)
    villages: list[_Place] = field(default_factory=list)
    grids: list[_Place] = field(default_factory=list)
    departments: list[dict[str, Any]] = field(default_factory=list)
    squads: list[dict[str, Any]] = field(default_factory=list)
    workers: list[dict[str, Any]] = field(default_factory=list)
    devices: dict[str, str] = field(default_factory=dict)  # worker code → device id
    helpers: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)


class _Checker:
    def __init__(self, session: Session, options: ImportOptions, report: Report) -> None:
        self.s = session
        self.o = options
        self.r = report
        self.plan = _Plan()
        self.db_towns = {t.code: t for t in session.scalars(select(Town))}
        self.db_villages = {v.code: v for v in session.scalars(select(Village))}
        self.db_grids = {g.code: g for g in session.scalars(select(Grid))}
        self.db_city = session.scalars(select(City).order_by(City.id).limit(1)).first()
        self.town_geom: dict[str, Any] = {}
        self.village_town: dict[str, str] = {v.code: "" for v in self.db_villages.values()}
        towns_by_id = {t.id: t for t in self.db_towns.values()}
        for v in self.db_villages.values():
            self.village_town[v.code] = towns_by_id[v.town_id].code
        self.grid_town: dict[str, str] = {g.code: towns_by_id[g.town_id].code for g in self.db_grids.values()}
        self.grid_active = {g.code: g.active for g in self.db_grids.values()}

    def issue(self, source: str, row: int | None, code: str, column: str = "", **facts: Any) -> None:
        self.r.issues.append(Problem(code, facts, source, row, column))

    # boundaries

    def places(self, kind: str, source: str, rows: Sequence[Row]) -> list[_Place]:
        o = self.o
        out: list[_Place] = []
        seen: dict[str, int] = {}
        parent_key = {"villages": "town", "grids": "village"}.get(kind)
        for row in rows:
            code = _pick(row, "code", o.code_field)
            name = _pick(row, "name", o.name_field)
            parent = ""
            if parent_key is not None:
                parent = _pick(row, "parent", o.parent_field) or (
                    "" if o.parent_field else _pick(row, parent_key)
                )
            if not code:
                self.issue(source, row.number, "cityimport.code_missing", "code")
                continue
            if len(code) > 32:
                self.issue(source, row.number, "cityimport.code_too_long", "code", item=code, limit=32)
                continue
            if not name:
                self.issue(source, row.number, "cityimport.name_missing", "name", item=code)
                continue
            if code in seen:
                self.issue(
                    source, row.number, "cityimport.code_repeated", "code", item=code, first_row=seen[code]
                )
                continue
            seen[code] = row.number
            if parent_key is not None and not parent:
                self.issue(source, row.number, "cityimport.parent_missing", "parent", name=name, item=code)
                continue
            geom, why = check_geometry(row.geometry)
            if why is not None:
                self.issue(source, row.number, why.code, "geometry", name=name, item=code, **why.params)
                continue
            extra: dict[str, Any] = {}
            for key in ("population", "households"):
                raw = _pick(row, key)
                n = _int(raw)
                if n is None or n < 0:
                    self.issue(
                        source, row.number, f"cityimport.{key}_invalid", key, name=name, item=code, value=raw
                    )
                    n = 0
                extra[key] = n
            if kind == "towns":
                flag = _bool(_pick(row, "subdistrict"))
                extra["is_subdistrict"] = flag if flag is not None else name.endswith(SUBDISTRICT_SUFFIX)
            if kind == "villages":
                flag = _bool(_pick(row, "community"))
                extra["is_community"] = flag if flag is not None else name.endswith(COMMUNITY_SUFFIX)
            if kind == "grids":
                flag = _bool(_pick(row, "active"))
                extra["active"] = True if flag is None else flag
            out.append(_Place(row.number, code, name, geom, parent, extra))
        return out

    def check_boundaries(self, files: Mapping[str, tuple[str, Sequence[Row]]]) -> None:
        if "towns" in files:
            source, rows = files["towns"]
            self.plan.towns = self.places("towns", source, rows)
            city = boundary_of(self.db_city)
            for t in self.plan.towns:
                if city is not None and outside_share(t.geom, city) > OUTSIDE_TOLERANCE:
                    self.issue(
                        source, t.row, "cityimport.town_outside_city", "geometry", name=t.name, item=t.code
                    )
        for code, town in self.db_towns.items():
            geom = boundary_of(town)
            if geom is not None:
                self.town_geom[code] = geom
        for t in self.plan.towns:
            self.town_geom[t.code] = t.geom
        known_towns = set(self.db_towns) | {t.code for t in self.plan.towns}
        if "villages" in files:
            source, rows = files["villages"]
            self.plan.villages = self.places("villages", source, rows)
            for v in self.plan.villages:
                if v.parent not in known_towns:
                    self.issue(
                        source,
                        v.row,
                        "cityimport.village_town_unknown",
                        "parent",
                        name=v.name,
                        item=v.code,
                        town=v.parent,
                    )
                    continue
                parent = self.town_geom.get(v.parent)
                if parent is not None and outside_share(v.geom, parent) > OUTSIDE_TOLERANCE:
                    self.issue(
                        source,
                        v.row,
                        "cityimport.village_outside_town",
                        "geometry",
                        name=v.name,
                        item=v.code,
                        town=v.parent,
                    )
                self.village_town[v.code] = v.parent
        if "grids" in files:
            source, rows = files["grids"]
            self.plan.grids = self.places("grids", source, rows)
            for g in self.plan.grids:
                town_code = self.village_town.get(g.parent)
                if town_code is None:
                    self.issue(
                        source,
                        g.row,
                        "cityimport.grid_village_unknown",
                        "parent",
                        name=g.name,
                        item=g.code,
                        village=g.parent,
                    )
                    continue
                self.grid_town[g.code] = town_code
                self.grid_active[g.code] = bool(g.extra["active"])
                parent = self.town_geom.get(town_code)
                if parent is not None and outside_share(g.geom, parent) > OUTSIDE_TOLERANCE:
                    self.issue(
                        source,
                        g.row,
                        "cityimport.grid_outside_town",
                        "geometry",
                        name=g.name,
                        item=g.code,
                        town=town_code,
                    )
        if self.o.deactivate_missing and "grids" in files:
            listed = {g.code for g in self.plan.grids}
            self.missing_grids = [c for c, g in self.db_grids.items() if c not in listed and g.active]
            for code in self.missing_grids:
                self.grid_active[code] = False
        else:
            self.missing_grids = []

    # rosters

    def departments(self, source: str, rows: Sequence[Row]) -> None:
        seen: dict[str, int] = {}
        for row in rows:
            code, name = _pick(row, "code", self.o.code_field), _pick(row, "name", self.o.name_field)
            if not code or not name:
                self.issue(source, row.number, "cityimport.department_incomplete")
                continue
            if code in seen:
                self.issue(
                    source,
                    row.number,
                    "cityimport.department_repeated",
                    "code",
                    item=code,
                    first_row=seen[code],
                )
                continue
            seen[code] = row.number
            self.plan.departments.append({"code": code, "name": name})

    def squads(self, source: str, rows: Sequence[Row]) -> None:
        known_towns = set(self.db_towns) | {t.code for t in self.plan.towns}
        seen: dict[tuple[str, str], int] = {}
        for row in rows:
            town = _pick(row, "town") or _pick(row, "parent", self.o.parent_field)
            name = _pick(row, "squad") or _pick(row, "name", self.o.name_field)
            if not town or not name:
                self.issue(source, row.number, "cityimport.squad_incomplete")
                continue
            if town not in known_towns:
                self.issue(source, row.number, "cityimport.squad_town_unknown", "town", name=name, town=town)
                continue
            if (town, name) in seen:
                self.issue(
                    source,
                    row.number,
                    "cityimport.squad_repeated",
                    "squad",
                    name=name,
                    town=town,
                    first_row=seen[town, name],
                )
                continue
            seen[town, name] = row.number
            self.plan.squads.append({"town": town, "name": name, "brigade": _pick(row, "brigade")})

    def _squad_exists(self, town_code: str, name: str) -> bool:
        if any(s["town"] == town_code and s["name"] == name for s in self.plan.squads):
            return True
        town = self.db_towns.get(town_code)
        if town is None:
            return False
        return (
            self.s.scalars(select(Squad.id).where(Squad.town_id == town.id, Squad.name == name)).first()
            is not None
        )

    def workers(self, source: str, rows: Sequence[Row]) -> None:
        seen: dict[str, int] = {}
        for row in rows:
            code = _pick(row, "worker") or _pick(row, "code", self.o.code_field)
            name = _pick(row, "name", self.o.name_field)
            phone = _pick(row, "phone").replace(" ", "")
            grid = _pick(row, "grid")
            squad = _pick(row, "squad")
            device = _pick(row, "device")
            flag = _bool(_pick(row, "active")) if _pick(row, "active") else True
            if not code or not name:
                self.issue(source, row.number, "cityimport.worker_incomplete")
                continue
            if code in seen:
                self.issue(
                    source,
                    row.number,
                    "cityimport.worker_repeated",
                    "worker",
                    item=code,
                    first_row=seen[code],
                )
                continue
            seen[code] = row.number
            bad = False
            if not valid_phone(phone):
                self.issue(source, row.number, "cityimport.worker_phone", "phone", name=name, phone=phone)
                bad = True
            if grid not in self.grid_town:
                self.issue(source, row.number, "cityimport.worker_grid_unknown", "grid", name=name, grid=grid)
                continue
            if flag is None:
                self.issue(
                    source,
                    row.number,
                    "cityimport.worker_active_unknown",
                    "active",
                    name=name,
                    value=_pick(row, "active"),
                )
                bad = True
            if flag and not self.grid_active.get(grid, True):
                self.issue(
                    source, row.number, "cityimport.worker_grid_inactive", "grid", name=name, grid=grid
                )
                bad = True
            town = self.grid_town[grid]
            if not squad or not self._squad_exists(town, squad):
                self.issue(
                    source,
                    row.number,
                    "cityimport.worker_squad_unknown",
                    "squad",
                    name=name,
                    squad=squad,
                    town=town,
                )
                bad = True
            if not bad:
                self.plan.workers.append(
                    {
                        "row": row.number,
                        "code": code,
                        "name": name,
                        "phone": phone,
                        "grid": grid,
                        "town": town,
                        "squad": squad,
                        "device": device,
                        "active": bool(flag),
                    }
                )

    def devices(self, source: str, rows: Sequence[Row]) -> None:
        listed = {w["code"] for w in self.plan.workers}
        known = listed | {c for c in self.s.scalars(select(Worker.code).where(Worker.code.is_not(None))) if c}
        for row in rows:
            device = _pick(row, "device")
            worker = _pick(row, "worker")
            if not device or not worker:
                self.issue(source, row.number, "cityimport.device_incomplete")
                continue
            if worker not in known:
                self.issue(
                    source,
                    row.number,
                    "cityimport.device_worker_unknown",
                    "worker",
                    device=device,
                    worker=worker,
                )
                continue
            if worker in self.plan.devices:
                self.issue(source, row.number, "cityimport.device_twice", "worker", worker=worker)
                continue
            self.plan.devices[worker] = device

    def check_device_ids(self, source: str) -> None:
        """Every worker ends with one device id, used by no other worker."""
        for w in self.plan.workers:
            if w["code"] in self.plan.devices:
                w["device"] = self.plan.devices[w["code"]]
        db_workers = list(self.s.scalars(select(Worker)))
        by_code = {w.code: w for w in db_workers if w.code}
        by_device = {w.device_id: w for w in db_workers}
        final: dict[str, str] = {}  # device → worker code (or "#id")
        listed = {w["code"] for w in self.plan.workers}
        for dbw in db_workers:
            key = dbw.code or f"#{dbw.id}"
            if dbw.code not in listed:
                final[self.plan.devices.get(dbw.code or "", dbw.device_id)] = key
        for w in self.plan.workers:
            if not w["device"]:
                old = by_code.get(w["code"])
                if old is None:
                    self.issue(source, w["row"], "cityimport.worker_no_device", "device", name=w["name"])
                    continue
                w["device"] = old.device_id
            if len(w["device"]) > 64:
                self.issue(
                    source, w["row"], "cityimport.device_too_long", "device", device=w["device"], limit=64
                )
                continue
            holder = final.get(w["device"])
            adopt = by_device.get(w["device"])
            if (
                holder is not None
                and holder != w["code"]
                and not (
                    adopt is not None
                    and adopt.code is None
                    and holder == f"#{adopt.id}"
                    and w["code"] not in by_code
                )
            ):
                self.issue(source, w["row"], "cityimport.device_taken", "device", device=w["device"])
                continue
            final[w["device"]] = w["code"]

    def helpers(self, source: str, rows: Sequence[Row]) -> None:
        seen: dict[tuple[str, str, str], int] = {}
        for row in rows:
            village = _pick(row, "village") or _pick(row, "parent", self.o.parent_field)
            name = _pick(row, "name", self.o.name_field)
            phone = _pick(row, "phone").replace(" ", "")
            kind = HELPER_KINDS.get(_pick(row, "kind").lower() or "liaison")
            if not village or not name:
                self.issue(source, row.number, "cityimport.helper_incomplete")
                continue
            if village not in self.village_town:
                self.issue(
                    source,
                    row.number,
                    "cityimport.helper_village_unknown",
                    "village",
                    name=name,
                    village=village,
                )
                continue
            if kind is None:
                self.issue(
                    source,
                    row.number,
                    "cityimport.helper_kind_invalid",
                    "kind",
                    name=name,
                    value=_pick(row, "kind"),
                )
                continue
            if not valid_phone(phone):
                self.issue(source, row.number, "cityimport.helper_phone", "phone", name=name, phone=phone)
                continue
            key = (village, kind, name)
            if key in seen:
                self.issue(
                    source,
                    row.number,
                    "cityimport.helper_repeated",
                    "name",
                    name=name,
                    village=village,
                    first_row=seen[key],
                )
                continue
            seen[key] = row.number
            self.plan.helpers.append({"village": village, "kind": kind, "name": name, "phone": phone})

    def users(self, source: str, rows: Sequence[Row]) -> None:
        known_towns = set(self.db_towns) | {t.code for t in self.plan.towns}
        known_depts = {d.code for d in self.s.scalars(select(Department))} | {
            d["code"] for d in self.plan.departments
        }
        existing = {u.username: u for u in self.s.scalars(select(User))}
        seen: dict[str, int] = {}
        for row in rows:
            username = _pick(row, "username").lower()
            display = _pick(row, "display_name") or username
            role = ROLE_NAMES.get(_pick(row, "role").lower())
            town = _pick(row, "town")
            dept = _pick(row, "department")
            if not USERNAME_RE.match(username):
                self.issue(source, row.number, "cityimport.username_invalid", "username", username=username)
                continue
            if username in seen:
                self.issue(
                    source,
                    row.number,
                    "cityimport.username_repeated",
                    "username",
                    username=username,
                    first_row=seen[username],
                )
                continue
            seen[username] = row.number
            if role is None:
                self.issue(
                    source,
                    row.number,
                    "cityimport.user_role_invalid",
                    "role",
                    username=username,
                    value=_pick(row, "role"),
                )
                continue
            if role == "town_staff" and town not in known_towns:
                self.issue(
                    source, row.number, "cityimport.user_town_unknown", "town", username=username, town=town
                )
                continue
            if role == "department_staff" and dept not in known_depts:
                self.issue(
                    source,
                    row.number,
                    "cityimport.user_department_unknown",
                    "department",
                    username=username,
                    department=dept,
                )
                continue
            old = existing.get(username)
            if old is None and self.s.get_bind().dialect.name == "postgresql":
                from db import roles

                if roles.role_exists(self.s.connection(), username):
                    self.issue(
                        source, row.number, "cityimport.login_role_exists", "username", username=username
                    )
                    continue
            if old is not None and old.role != role:
                self.issue(source, row.number, "cityimport.user_role_differs", "role", username=username)
                continue
            self.plan.users.append(
                {
                    "username": username,
                    "display_name": display[:64],
                    "role": role,
                    "town": town if role == "town_staff" else "",
                    "department": dept if role == "department_staff" else "",
                }
            )


def load_files(
    sources: Iterable[tuple[str | None, Path]], report: Report
) -> dict[str, tuple[str, list[Row]]]:
    """Read every file; problems (unknown kind, unreadable, two files of one kind) go to the report."""
    files: dict[str, tuple[str, list[Row]]] = {}
    for kind, path in sources:
        if kind is None:
            report.issues.append(Problem("cityimport.kind_unknown", {}, path.name))
            continue
        report.files.append((kind, path.name))
        if kind in files:
            report.issues.append(Problem("cityimport.kind_twice", {"kind": kind}, path.name))
            continue
        if not path.exists():
            report.issues.append(Problem("cityimport.file_missing", {}, path.name))
            continue
        try:
            rows = read_features(path) if kind in BOUNDARY_KINDS else read_table(path)
        except ImportRefused as exc:
            report.issues.append(Problem.of(exc, path.name))
            continue
        except OSError as exc:
            report.issues.append(
                Problem("cityimport.file_unreadable", {"detail": str(exc.strerror or exc)}, path.name)
            )
            continue
        if not rows:
            report.issues.append(Problem("cityimport.file_empty", {}, path.name))
            continue
        files[kind] = (path.name, rows)
    return files


def _check(
    session: Session, files: Mapping[str, tuple[str, Sequence[Row]]], options: ImportOptions, report: Report
) -> _Checker:
    c = _Checker(session, options, report)
    c.check_boundaries(files)
    if "departments" in files:
        c.departments(*files["departments"])
    if "squads" in files:
        c.squads(*files["squads"])
    if "workers" in files:
        c.workers(*files["workers"])
    if "devices" in files:
        c.devices(*files["devices"])
    if "workers" in files or "devices" in files:
        c.check_device_ids(files.get("workers", files.get("devices", ("", [])))[0])
    if "helpers" in files:
        c.helpers(*files["helpers"])
    if "users" in files:
        c.users(*files["users"])
    return c


# --- storing ---------------------------------------------------------------------------------


def _differs(obj: Any, values: Mapping[str, Any]) -> bool:
    return any(getattr(obj, k) != v for k, v in values.items())


class _Writer:
    def __init__(
        self, session: Session, checker: _Checker, actor: Actor, now: dt.datetime, report: Report
    ) -> None:
        self.s = session
        self.c = checker
        self.actor = actor
        self.now = now
        self.r = report
        self.write = False

    def audit(
        self, entity: str, obj: Any, code: str, action: str, before: Any, after: Any, town_id: int | None
    ) -> None:
        if not self.write:
            return
        self.s.add(
            CityChange(
                at=self.now,
                actor_user_id=self.actor.user_id,
                actor_name=self.actor.name,
                actor_role=self.actor.role,
                entity=entity,
                entity_id=obj.id if obj is not None else None,
                entity_code=code,
                town_id=town_id,
                action=action,
                detail={"before": before, "after": after},
                reason=IMPORT_REASON,
            )
        )

    def upsert(self, entity: str, model: type[Any], existing: Any, values: dict[str, Any]) -> Any:
        """Create or update one row; counts it. Returns the row (None on a dry run of a new one)."""
        counts = self.r.count(entity)
        if existing is None:
            counts.created += 1
            if not self.write:
                return None
            obj = model(**values)
            self.s.add(obj)
            self.s.flush()
            return obj
        if _differs(existing, values):
            if "active" in values and existing.active != values["active"]:
                if values["active"]:
                    counts.reactivated += 1
                else:
                    counts.deactivated += 1
            else:
                counts.updated += 1
            if self.write:
                for k, v in values.items():
                    setattr(existing, k, v)
        else:
            counts.unchanged += 1
        return existing

    def run(self) -> None:
        s, p = self.s, self.c.plan
        city = self.c.db_city
        if city is None and p.towns:
            outline = shapely.union_all([t.geom for t in p.towns])
            centre = outline.representative_point()
            self.r.count("city").created += 1
            if self.write:
                city = City(
                    code=self.c.o.city_code,
                    name=self.c.o.city_name,
                    pinyin=initials(self.c.o.city_name),
                    boundary=_geojson(outline),
                    lat=centre.y,
                    lon=centre.x,
                )
                s.add(city)
                s.flush()
        towns = dict(self.c.db_towns)
        for t in p.towns:
            centre = t.geom.representative_point()
            values = {
                "code": t.code,
                "name": t.name,
                "pinyin": initials(t.name),
                "boundary": _geojson(t.geom),
                "lat": centre.y,
                "lon": centre.x,
                "is_subdistrict": t.extra["is_subdistrict"],
            }
            old_town = towns.get(t.code)
            if old_town is None and city is not None:
                values["city_id"] = city.id
            obj = self.upsert("towns", Town, old_town, values)
            if obj is not None:
                towns[t.code] = obj
        villages = dict(self.c.db_villages)
        for v in p.villages:
            centre = v.geom.representative_point()
            town = towns.get(v.parent)
            values = {
                "code": v.code,
                "name": v.name,
                "pinyin": initials(v.name),
                "boundary": _geojson(v.geom),
                "lat": centre.y,
                "lon": centre.x,
                "is_community": v.extra["is_community"],
                "population": v.extra["population"],
                "households": v.extra["households"],
                "town_id": town.id if town is not None else None,
            }
            obj = self.upsert("villages", Village, villages.get(v.code), values)
            if obj is not None:
                villages[v.code] = obj
        grids = dict(self.c.db_grids)
        for g in p.grids:
            centre = g.geom.representative_point()
            village = villages.get(g.parent)
            old = grids.get(g.code)
            values = {
                "code": g.code,
                "name": g.name,
                "pinyin": initials(g.name),
                "boundary": _geojson(g.geom),
                "lat": centre.y,
                "lon": centre.x,
                "population": g.extra["population"],
                "households": g.extra["households"],
                "active": g.extra["active"],
                "village_id": village.id if village is not None else None,
                "town_id": village.town_id if village is not None else None,
            }
            before = grid_state(old)
            obj = self.upsert("grids", Grid, old, values)
            if obj is not None:
                grids[g.code] = obj
                after = grid_state(obj) if self.write else None
                if old is None:
                    self.audit("grid", obj, g.code, "add", None, after, obj.town_id)
                elif before != after:
                    self.audit("grid", obj, g.code, _action(before, after), before, after, obj.town_id)
        for code in self.c.missing_grids:
            obj = grids[code]
            self.r.count("grids").deactivated += 1
            if self.write:
                before = grid_state(obj)
                obj.active = False
                self.audit("grid", obj, code, "deactivate", before, grid_state(obj), obj.town_id)
        depts = {d.code: d for d in s.scalars(select(Department))}
        for d in p.departments:
            obj = self.upsert("departments", Department, depts.get(d["code"]), dict(d))
            if obj is not None:
                depts[d["code"]] = obj
        brigades = {b.town_id: b for b in s.scalars(select(Brigade))}
        squads = {(sq.town_id, sq.name): sq for sq in s.scalars(select(Squad))}
        for sq in p.squads:
            town = towns.get(sq["town"])
            tid = town.id if town is not None else None
            brigade = brigades.get(tid) if tid is not None else None
            bname = sq["brigade"] or (
                brigade.name if brigade is not None else f"{town.name if town else ''}{BRIGADE_SUFFIX}"
            )
            bobj = self.upsert("brigades", Brigade, brigade, {"town_id": tid, "name": bname})
            if bobj is not None and tid is not None:
                brigades[tid] = bobj
            values = {"town_id": tid, "name": sq["name"], "brigade_id": bobj.id if bobj is not None else None}
            obj = self.upsert("squads", Squad, squads.get((tid, sq["name"])) if tid else None, values)
            if obj is not None and tid is not None:
                squads[tid, sq["name"]] = obj
        self._workers(towns, grids, squads)
        helpers = {(h.village_id, h.kind, h.name): h for h in s.scalars(select(LiaisonOfficer))}
        for h in p.helpers:
            village = villages.get(h["village"])
            vid = village.id if village is not None else None
            values = {
                "village_id": vid,
                "town_id": village.town_id if village is not None else None,
                "kind": h["kind"],
                "name": h["name"],
                "phone": h["phone"],
            }
            self.upsert(
                "helpers", LiaisonOfficer, helpers.get((vid, h["kind"], h["name"])) if vid else None, values
            )
        self._users(towns, depts)

    def _workers(
        self, towns: Mapping[str, Any], grids: Mapping[str, Any], squads: Mapping[tuple[int, str], Any]
    ) -> None:
        s, p = self.s, self.c.plan
        db = list(s.scalars(select(Worker)))
        by_code = {w.code: w for w in db if w.code}
        by_device = {w.device_id: w for w in db}
        listed = set()
        # Device ids move between workers: free the ones about to be taken before assigning.
        pending: list[tuple[Any, dict[str, Any], dict[str, Any] | None]] = []
        for w in p.workers:
            listed.add(w["code"])
            old = by_code.get(w["code"])
            if old is None:
                adopt = by_device.get(w["device"])
                if adopt is not None and adopt.code is None:
                    old = adopt
            grid = grids.get(w["grid"])
            town = towns.get(w["town"])
            tid = town.id if town is not None else None
            squad = squads.get((tid, w["squad"])) if tid is not None else None
            values = {
                "code": w["code"],
                "name": w["name"],
                "pinyin": initials(w["name"]),
                "phone": w["phone"],
                "grid_id": grid.id if grid is not None else None,
                "town_id": tid,
                "squad_id": squad.id if squad is not None else None,
                "device_id": w["device"],
                "active": w["active"],
            }
            pending.append((old, values, worker_state(old)))
        for code, device in p.devices.items():
            if code in listed:
                continue
            old = by_code.get(code)
            if old is not None:
                pending.append((old, {"device_id": device}, worker_state(old)))
        if self.write:
            for old, values, _ in pending:
                if old is not None and old.device_id != values["device_id"]:
                    old.device_id = f"~{old.id}"
            s.flush()
        for old, values, before in pending:
            obj = self.upsert("workers", Worker, old, values)
            if obj is not None and self.write:
                after = worker_state(obj)
                if old is None:
                    self.audit("worker", obj, obj.code or "", "add", None, after, obj.town_id)
                elif before != after:
                    self.audit(
                        "worker", obj, obj.code or "", _action(before, after), before, after, obj.town_id
                    )
        if self.c.o.deactivate_missing and p.workers:
            for dbw in db:
                if dbw.active and (dbw.code or "") not in listed and not any(o is dbw for o, _, _ in pending):
                    self.r.count("workers").deactivated += 1
                    if self.write:
                        before = worker_state(dbw)
                        dbw.active = False
                        self.audit(
                            "worker",
                            dbw,
                            dbw.code or dbw.device_id,
                            "deactivate",
                            before,
                            worker_state(dbw),
                            dbw.town_id,
                        )

    def _users(self, towns: Mapping[str, Any], depts: Mapping[str, Any]) -> None:
        existing = {u.username: u for u in self.s.scalars(select(User))}
        created: list[str] = []
        for u in self.c.plan.users:
            town = towns.get(u["town"]) if u["town"] else None
            dept = depts.get(u["department"]) if u["department"] else None
            values = {
                "username": u["username"],
                "display_name": u["display_name"],
                "role": u["role"],
                "town_id": town.id if town is not None else None,
                "department_id": dept.id if dept is not None else None,
            }
            old = existing.get(u["username"])
            obj = self.upsert("users", User, old, values)
            if old is None and obj is not None:
                created.append(u["username"])
        if self.write and created and self.s.get_bind().dialect.name == "postgresql":
            from db import roles

            conn = self.s.connection()
            for name in created:
                # No password yet: the administrator sets it with ``users enable NAME --password-stdin``.
                roles.create_login(conn, name, None)


def _geojson(geom: Any) -> dict[str, Any]:
    """The boundary as stored (lists, not tuples), so that an unchanged one compares equal."""
    value: dict[str, Any] = json.loads(json.dumps(mapping(geom)))
    return value


def grid_state(g: Any) -> dict[str, Any] | None:
    if g is None:
        return None
    return {
        "name": g.name,
        "village_id": g.village_id,
        "town_id": g.town_id,
        "active": g.active,
        "households": g.households,
        "population": g.population,
    }


def worker_state(w: Any) -> dict[str, Any] | None:
    if w is None:
        return None
    return {
        "code": w.code,
        "name": w.name,
        "phone": w.phone,
        "grid_id": w.grid_id,
        "squad_id": w.squad_id,
        "town_id": w.town_id,
        "device_id": w.device_id,
        "active": w.active,
    }


def _action(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> str:
    if before is None or after is None:
        return "edit"
    if before.get("active") and not after.get("active"):
        return "deactivate"
    if not before.get("active") and after.get("active"):
        return "reactivate"
    moved = any(before.get(k) != after.get(k) for k in ("grid_id", "squad_id", "village_id"))
    return "move" if moved else "edit"


def run_import(
    session_factory: Callable[[], Session],
    sources: Iterable[tuple[str | None, Path]],
    *,
    options: ImportOptions | None = None,
    dry_run: bool = True,
    actor: Actor | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Check the files and, unless ``dry_run`` or a problem was found, store them in one transaction.

    The report counts what would be (dry run, problems) or was (``committed``) created, updated,
    deactivated and left alone. Nothing is written unless it is committed.
    """
    options = options or ImportOptions()
    actor = actor or Actor(None, COMMAND_LINE_ACTOR, "admin")
    now = now or dt.datetime.now(dt.UTC)
    report = Report(dry_run=dry_run)
    files = load_files(list(sources), report)
    if not files and not report.issues:
        report.issues.append(Problem("cityimport.no_files"))
    with session_factory() as session:
        checker = _check(session, files, options, report)
        # Counts come from the same code as the writes: run it without writing first.
        dry = _Writer(session, checker, actor, now, report)
        dry.run()
        # Problems in file order, then row order (the checks run by kind, not by row).
        order = {name: i for i, (_kind, name) in enumerate(report.files)}
        report.issues.sort(key=lambda i: (order.get(i.file, -1), i.row or 0))
        if dry_run or report.issues:
            session.rollback()
            return report
        try:
            # The counts stay those of the check above (made before anything changed).
            writer = _Writer(session, checker, actor, now, Report())
            writer.write = True
            writer.run()
            session.add(
                CityChange(
                    at=now,
                    actor_user_id=actor.user_id,
                    actor_name=actor.name,
                    actor_role=actor.role,
                    entity="import",
                    entity_id=None,
                    entity_code=",".join(f for _, f in report.files)[:64],
                    town_id=None,
                    action="import",
                    detail={
                        "files": [f for _, f in report.files],
                        "counts": {k: c.as_dict() for k, c in report.counts.items()},
                    },
                    reason=IMPORT_RUN_REASON,
                )
            )
            session.commit()
        except Exception:
            session.rollback()
            raise
        report.committed = True
        return report


def actor_for(session: Session, username: str | None = None) -> Actor:
    """Who an import is recorded as: the connected login's user on PostgreSQL, else ``username``."""
    from desktop.users import current_user, user_by_name

    user = current_user(session)
    if user is None and username:
        user = user_by_name(session, username)
    if user is None:
        return Actor(None, COMMAND_LINE_ACTOR, "admin")
    return Actor(user.id, user.display_name, user.role)
