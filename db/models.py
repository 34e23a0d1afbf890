"""SQLAlchemy 2 typed models: the one schema Concord runs on SQLite and PostgreSQL.

Alembic migrations in ``db/migrations`` own the schema; these models describe it for queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

# Stable constraint names so that migrations are identical on both engines.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite has no 64-bit autoincrement distinct from INTEGER PRIMARY KEY; PostgreSQL gets BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stores naive UTC, returns aware UTC: the same values on SQLite and PostgreSQL.

    SQLite keeps no time zone, so an aware column would read back naive there; normalising to
    UTC at the boundary makes comparisons and arithmetic identical on both engines.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dt.datetime: UtcDateTime(), dict[str, Any]: JSON()}


# --- geography -------------------------------------------------------------------------------


class _Place:
    """Columns every place has: a code, a name, its pinyin initials, an optional boundary."""

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    # Pinyin initials (平度镇 → pdz) so that users can find places by typing Latin letters.
    pinyin: Mapped[str] = mapped_column(String(64), default="")
    boundary: Mapped[dict[str, Any] | None] = mapped_column(default=None)  # GeoJSON geometry
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lon: Mapped[float | None] = mapped_column(Float, default=None)


class City(_Place, Base):
    __tablename__ = "cities"
    id: Mapped[int] = mapped_column(primary_key=True)
    area_km2: Mapped[float] = mapped_column(Float, default=0.0)
    population: Mapped[int] = mapped_column(Integer, default=0)


class Town(_Place, Base):
    """镇/街道."""

    __tablename__ = "towns"
    id: Mapped[int] = mapped_column(primary_key=True)
    city_id: Mapped[int] = mapped_column(ForeignKey("cities.id"), index=True)
    is_subdistrict: Mapped[bool] = mapped_column(Boolean, default=False)


class Village(_Place, Base):
    """村/社区."""

    __tablename__ = "villages"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    is_community: Mapped[bool] = mapped_column(Boolean, default=False)
    population: Mapped[int] = mapped_column(Integer, default=0)
    households: Mapped[int] = mapped_column(Integer, default=0)


class Grid(_Place, Base):
    """网格: the area one grid worker serves."""

    __tablename__ = "grids"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    households: Mapped[int] = mapped_column(Integer, default=0)
    population: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))  # 0019


# --- people and units ------------------------------------------------------------------------


class Department(Base):
    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))


class Brigade(Base):
    """群众工作大队: one per town."""

    __tablename__ = "brigades"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), unique=True)
    name: Mapped[str] = mapped_column(String(64))


class Squad(Base):
    """中队."""

    __tablename__ = "squads"
    id: Mapped[int] = mapped_column(primary_key=True)
    brigade_id: Mapped[int] = mapped_column(ForeignKey("brigades.id"), index=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    name: Mapped[str] = mapped_column(String(64))


class Worker(Base):
    """群工队员: a grid worker with a phone."""

    __tablename__ = "workers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(32))
    pinyin: Mapped[str] = mapped_column(String(32), default="")
    phone: Mapped[str] = mapped_column(String(20))
    squad_id: Mapped[int] = mapped_column(ForeignKey("squads.id"), index=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(64), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Staff number (工号), the key of roster imports (migration 0019); NULL for older workers.
    code: Mapped[str | None] = mapped_column(String(32), default=None, unique=True, index=True)


class LiaisonOfficer(Base):
    """民情信息联络员 (kind='liaison') and volunteers (kind='volunteer') of a village."""

    __tablename__ = "village_helpers"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    name: Mapped[str] = mapped_column(String(32))
    phone: Mapped[str] = mapped_column(String(20))
    __table_args__ = (CheckConstraint("kind in ('liaison', 'volunteer')", name="kind"),)


class User(Base):
    """A desktop user and the role that decides what they may see and do."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id"), default=None)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    __table_args__ = (
        CheckConstraint(
            "role in ('dispatcher','leader','town_staff','department_staff','admin','auditor','gateway')",
            name="role",
        ),
        CheckConstraint("role <> 'town_staff' or town_id is not null", name="town_staff_has_town"),
        CheckConstraint(
            "role <> 'department_staff' or department_id is not null", name="dept_staff_has_dept"
        ),
    )


# --- reports ---------------------------------------------------------------------------------


class SentimentLog(Base):
    """民情日志: a routine visit note; no workflow, but can be turned into a case."""

    __tablename__ = "sentiment_logs"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"))
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"))
    visited_at: Mapped[dt.datetime] = mapped_column(index=True)
    households_visited: Mapped[int] = mapped_column(Integer, default=1)
    content: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lon: Mapped[float | None] = mapped_column(Float, default=None)
    # The database login that inserted the log, set by trigger on PostgreSQL (migration 0011).
    created_by_login: Mapped[str | None] = mapped_column(String(64), default=None, deferred=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), default=None)


# The open cases (db.vocab.OPEN_STATUSES, sorted), as the partial index ix_cases_open_due_id
# states them; desktop.cases.queue writes its filter on open cases as this same clause.
OPEN_CASES_SQL = "status IN ('accepted', 'escalated', 'in_progress', 'reported', 'resolved')"


class Case(Base):
    """A dispute, hazard or errand moving up the village → town → city ladder."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"))
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id"))
    reporter_worker_id: Mapped[int | None] = mapped_column(ForeignKey("workers.id"), default=None)
    reporter_name: Mapped[str] = mapped_column(String(64), default="")
    # The desk's reporter phone (migration 0012): personal like the party fields, deferred.
    reporter_phone: Mapped[str] = mapped_column(String(20), default="", server_default="", deferred=True)
    parties_count: Mapped[int] = mapped_column(Integer, default=1)
    # Personal fields of the parties: shown only to roles that need them, masked elsewhere. On
    # PostgreSQL only those roles may SELECT them (column privileges, migration 0008), so they are
    # deferred: ordinary loads of a case never ask for them (desktop.cases.detail reads them on purpose).
    party_names: Mapped[str] = mapped_column(String(400), default="", deferred=True)
    party_phones: Mapped[str] = mapped_column(String(400), default="", deferred=True)
    party_id_numbers: Mapped[str] = mapped_column(String(400), default="", deferred=True)
    severity: Mapped[int] = mapped_column(Integer)
    mass_incident: Mapped[bool] = mapped_column(Boolean, default=False)
    sensitive_period: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    owner_unit: Mapped[str] = mapped_column(String(64), default="")
    assignee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reported_at: Mapped[dt.datetime] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column()
    sla_started_at: Mapped[dt.datetime] = mapped_column()
    sla_warn_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    sla_due_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    closed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    resolved_level: Mapped[int | None] = mapped_column(Integer, default=None)
    satisfaction: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5 from 回访
    source_log_id: Mapped[int | None] = mapped_column(BigId, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # The database login that inserted the case, set by trigger on PostgreSQL (migration 0011);
    # deferred like the party fields: not every role may read it.
    created_by_login: Mapped[str | None] = mapped_column(String(64), default=None, deferred=True)
    # How the case came in (db.vocab.Channel, migration 0012): field reports before the desk.
    channel: Mapped[str] = mapped_column(String(16), default="field", server_default="field")
    # The stages the case ever reached (db.vocab.Milestone bits), kept by a trigger on
    # case_events (migration 0014): never written by the app.
    milestones: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    departments: Mapped[list[CaseDepartment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", lazy="selectin"
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (
        CheckConstraint("level between 1 and 3", name="level"),
        CheckConstraint("severity between 1 and 4", name="severity"),
        CheckConstraint(
            "status in ('reported','escalated','accepted','in_progress','resolved','verified',"
            "'closed','rejected','duplicate','merged')",
            name="status",
        ),
        CheckConstraint("kind in ('dispute','hazard','errand')", name="kind"),
        CheckConstraint("channel in ('field','reception','phone','petition')", name="channel"),
        CheckConstraint("parties_count >= 0", name="parties_count"),
        Index("ix_cases_status_level_town", "status", "level", "town_id"),
        Index("ix_cases_town_status", "town_id", "status"),
        # The queue's DUE order (migration 0006): all cases, and the open ones alone, whose
        # deadlines lie far from the old closed cases' (a walk of the full index would pass them).
        Index("ix_cases_sla_due_id", "sla_due_at", "id"),
        Index(
            "ix_cases_open_due_id",
            "sla_due_at",
            "id",
            sqlite_where=text(OPEN_CASES_SQL),
            postgresql_where=text(OPEN_CASES_SQL),
        ),
        Index("ix_cases_updated_at_id", "updated_at", "id"),
        Index("ix_cases_reported_at", "reported_at"),
        # The queue's keyset orders (see desktop.cases.queue): an index per common filter + order, so a
        # page is a range scan instead of a sort of every matching case.
        Index("ix_cases_severity_id", "severity", "id"),
        Index("ix_cases_status_updated_id", "status", "updated_at", "id"),
        Index("ix_cases_town_updated_id", "town_id", "updated_at", "id"),
        # The analysis pane's aggregates read these alone (migration 0013, desktop.analysis).
        Index("ix_cases_reported_cover", "reported_at", "kind", "category", "town_id"),
        # The escalation funnel reads this alone (migration 0014).
        Index("ix_cases_reported_milestones", "reported_at", "town_id", "milestones"),
        Index(
            "ix_cases_resolved_cover",
            "resolved_at",
            "resolved_level",
            "town_id",
            "village_id",
            "satisfaction",
            "reported_at",
        ),
    )


class CaseDepartment(Base):
    """A department involved in (assigned to) a case."""

    __tablename__ = "case_departments"
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), primary_key=True, index=True)
    case: Mapped[Case] = relationship(back_populates="departments")


class CategoryRoute(Base):
    """The department a desk intake of a category is routed to (migration 0012; admins edit)."""

    __tablename__ = "category_routes"
    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"))


class SensitivePeriod(Base):
    """敏感时期: days on which new cases get the sensitive-period flag by default (0012)."""

    __tablename__ = "sensitive_periods"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    starts_on: Mapped[dt.date] = mapped_column(Date, index=True)
    ends_on: Mapped[dt.date] = mapped_column(Date)
    focus: Mapped[str] = mapped_column(Text, default="", server_default="")
    __table_args__ = (CheckConstraint("ends_on >= starts_on", name="span"),)


class CaseLink(Base):
    __tablename__ = "case_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    other_case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    link_type: Mapped[str] = mapped_column(String(16))
    __table_args__ = (
        CheckConstraint("link_type in ('duplicate_of','related','merged_into')", name="link_type"),
        CheckConstraint("case_id <> other_case_id", name="not_self"),
        UniqueConstraint("case_id", "other_case_id", "link_type", name="uq_case_links_triple"),
    )


class SupervisionOrder(Base):
    """督办: an order from the city center or a leader to a unit, with a deadline."""

    __tablename__ = "supervision_orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    issuer_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    issuer_name: Mapped[str] = mapped_column(String(64), default="")
    unit_town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id"), default=None)
    unit_department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), default=None)
    instruction: Mapped[str] = mapped_column(Text)
    issued_at: Mapped[dt.datetime] = mapped_column()
    deadline: Mapped[dt.datetime] = mapped_column(index=True)
    response: Mapped[str | None] = mapped_column(Text, default=None)
    responded_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    signed_off_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    # Hours before the deadline of the last reminder reached (0: overdue, escalated to the issuer;
    # None: no reminder yet). Advanced only by desktop.meetings.supervision.sweep_reminders.
    last_reminder_hours: Mapped[int | None] = mapped_column(default=None)
    __table_args__ = (CheckConstraint("status in ('open','answered','signed_off')", name="status"),)


class CaseEvent(Base):
    """Append-only audit of every change of a case (PostgreSQL refuses UPDATE/DELETE by trigger)."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column()
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    actor_role: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16), default=None)
    to_status: Mapped[str | None] = mapped_column(String(16), default=None)
    from_level: Mapped[int | None] = mapped_column(Integer, default=None)
    to_level: Mapped[int | None] = mapped_column(Integer, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    # The database login that wrote the row: always session_user on PostgreSQL (trigger, 0011).
    actor_login: Mapped[str | None] = mapped_column(String(64), default=None)

    # The escalation funnel's per-case probes (migration 0013, desktop.analysis).
    __table_args__ = (Index("ix_case_events_case_action", "case_id", "action", "to_level"),)


class Change(Base):
    """Transactional outbox: one row per committed change other screens must see."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column()
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int] = mapped_column(BigId)
    op: Mapped[str] = mapped_column(String(32))
    town_id: Mapped[int | None] = mapped_column(Integer, default=None)


class CaseCounter(Base):
    """Per-year counter behind human-readable case numbers (PD-2026-000123)."""

    __tablename__ = "case_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


# --- positions -------------------------------------------------------------------------------


class Position(Base):
    """Position history from the workers' phones: append only.

    On PostgreSQL the table is partitioned by UTC day of ``device_time`` (migration 0007,
    desktop/live/retention.py), so there its primary key is (id, device_time): a partitioned table's
    keys must hold the partition key. ``id`` alone stays unique (one sequence) and is what the
    model maps; alembic does not compare primary keys, and SQLite needs the single-column key for
    its rowid autoincrement.
    """

    __tablename__ = "positions"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"))
    device_time: Mapped[dt.datetime] = mapped_column()
    received_at: Mapped[dt.datetime] = mapped_column()
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    speed: Mapped[float | None] = mapped_column(Float, default=None)  # m/s
    bearing: Mapped[float | None] = mapped_column(Float, default=None)
    accuracy: Mapped[float | None] = mapped_column(Float, default=None)
    battery: Mapped[float | None] = mapped_column(Float, default=None)  # 0..100
    grid_id: Mapped[int | None] = mapped_column(Integer, default=None)
    flags: Mapped[int] = mapped_column(Integer, default=0)
    attributes: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    __table_args__ = (UniqueConstraint("worker_id", "device_time", name="uq_positions_worker_time"),)


class WorkerLatest(Base):
    """One row per worker: the newest fix, with a sequence for "changed since" reads."""

    __tablename__ = "worker_latest"
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigId, index=True)
    device_time: Mapped[dt.datetime] = mapped_column()
    received_at: Mapped[dt.datetime] = mapped_column()
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    speed: Mapped[float | None] = mapped_column(Float, default=None)
    bearing: Mapped[float | None] = mapped_column(Float, default=None)
    battery: Mapped[float | None] = mapped_column(Float, default=None)
    grid_id: Mapped[int | None] = mapped_column(Integer, default=None)


# --- field gateway ---------------------------------------------------------------------------


class DeviceCredential(Base):
    """A field phone's API token (stored as a SHA-256 hash only) and its revocation.

    A device is named by the ``workers.device_id`` its tracker app sends. A revoked device is
    refused by the gateway for positions and reports alike until a new token is issued.
    """

    __tablename__ = "device_credentials"
    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[str] = mapped_column(String(64), unique=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"), index=True)
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough (nothing to brute-force);
    # a slow password hash would only cost every report a few hundred milliseconds.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    issued_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    revoke_reason: Mapped[str] = mapped_column(String(200), default="")


class IdempotencyKey(Base):
    """The stored answer to a report request, so that a retry with the same key changes nothing."""

    __tablename__ = "idempotency_keys"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    __table_args__ = (UniqueConstraint("device_id", "key", name="uq_idempotency_keys_device_key"),)


class ReportPhoto(Base):
    """A photo sent with a field report (a case or a sentiment log), checked to be an image."""

    __tablename__ = "report_photos"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True, default=None)
    log_id: Mapped[int | None] = mapped_column(ForeignKey("sentiment_logs.id"), index=True, default=None)
    worker_id: Mapped[int] = mapped_column(ForeignKey("workers.id"))
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint("case_id is not null or log_id is not null", name="has_owner"),
        CheckConstraint("size >= 0", name="size"),
    )


class SeqCounter(Base):
    """Named counters handed out under a row lock (``worker_latest.seq``).

    Taking the next value locks the row until commit, so transactions that take values commit in
    the order of their values and a reader polling ``seq > last`` never skips a row that commits
    later with a smaller number.
    """

    __tablename__ = "seq_counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    last: Mapped[int] = mapped_column(BigInteger, default=0)


# --- coordination meetings -------------------------------------------------------------------


class Room(Base):
    """A meeting room: a resource that can be double-booked."""

    __tablename__ = "rooms"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Meeting(Base):
    """A coordination meeting convened by a city leader or the city center."""

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    convener_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    convener_name: Mapped[str] = mapped_column(String(64), default="")
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    duration_min: Mapped[int] = mapped_column(Integer)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), index=True, default=None)
    video_link: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint(
            "status in ('draft','scheduled','held','minutes_approved','cancelled','postponed')",
            name="status",
        ),
        CheckConstraint("duration_min > 0", name="duration"),
    )


class MeetingParticipant(Base):
    """A department or a named person invited to a meeting, with the invitation's state."""

    __tablename__ = "meeting_participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True, default=None)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    name: Mapped[str] = mapped_column(String(64), default="")
    state: Mapped[str] = mapped_column(String(16), default="invited")
    reason: Mapped[str] = mapped_column(Text, default="")
    deputy_name: Mapped[str] = mapped_column(String(64), default="")
    __table_args__ = (
        CheckConstraint("state in ('invited','confirmed','declined','deputy')", name="state"),
        CheckConstraint("department_id is not null or user_id is not null", name="who"),
    )


class AgendaItem(Base):
    """An agenda item, usually a case with its summary and timeline frozen as of convening."""

    __tablename__ = "agenda_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    case_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("cases.id"), index=True, default=None)
    title: Mapped[str] = mapped_column(String(200))
    case_summary: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    case_timeline: Mapped[dict[str, Any] | None] = mapped_column(default=None)  # {"events": [...]}
    minutes: Mapped[str] = mapped_column(Text, default="")


class MeetingMinutes(Base):
    """The minutes of a meeting; approving them turns its draft action items into tasks."""

    __tablename__ = "meeting_minutes"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), unique=True)
    text: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column()
    approved_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    approved_by_name: Mapped[str] = mapped_column(String(64), default="")


class ActionItem(Base):
    """A decision of a meeting and the task it gives a department or person, with evidence."""

    __tablename__ = "action_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id"), default=None)
    case_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("cases.id"), index=True, default=None)
    decision: Mapped[str] = mapped_column(Text, default="")
    what: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True, default=None)
    owner_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    owner_name: Mapped[str] = mapped_column(String(64), default="")
    due_at: Mapped[dt.datetime] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(24), default="draft", index=True)
    evidence: Mapped[str] = mapped_column(Text, default="")
    completed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    supervision_order_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_orders.id"), default=None
    )
    created_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint(
            "status in ('draft','awaiting_department','done','cancelled')",
            name="status",
        ),
        CheckConstraint("department_id is not null or owner_user_id is not null", name="owner"),
    )


class MeetingEvent(Base):
    """Append-only audit of every change of a meeting."""

    __tablename__ = "meeting_events"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column()
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_name: Mapped[str] = mapped_column(String(64), default="")
    actor_role: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(20), default=None)
    to_status: Mapped[str | None] = mapped_column(String(20), default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The database login that wrote the row: always session_user on PostgreSQL (trigger, 0011).
    actor_login: Mapped[str | None] = mapped_column(String(64), default=None)


class BusyTime(Base):
    """A busy interval of a department, a person or a room, usually imported from an .ics file."""

    __tablename__ = "busy_times"
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), index=True, default=None)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True, default=None)
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"), index=True, default=None)
    starts_at: Mapped[dt.datetime] = mapped_column(index=True)
    ends_at: Mapped[dt.datetime] = mapped_column()
    summary: Mapped[str] = mapped_column(String(200), default="")
    source_uid: Mapped[str] = mapped_column(String(255), default="")
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="interval"),
        CheckConstraint(
            "department_id is not null or user_id is not null or room_id is not null", name="whose"
        ),
    )


# --- city admin (import, workers and grids) --------------------------------------------------


class CityChange(Base):
    """Append-only audit of the city's workers and grids: the admin screen and city imports."""

    __tablename__ = "city_changes"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    actor_name: Mapped[str] = mapped_column(String(64))
    actor_role: Mapped[str] = mapped_column(String(32))
    # The connected login, set by trigger on PostgreSQL (migration 0019).
    actor_login: Mapped[str | None] = mapped_column(String(64), default=None)
    entity: Mapped[str] = mapped_column(String(16))  # worker, grid, import
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    entity_code: Mapped[str] = mapped_column(String(64))
    town_id: Mapped[int | None] = mapped_column(Integer, default=None)
    action: Mapped[str] = mapped_column(String(16))  # add, edit, move, deactivate, reactivate, import
    detail: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (Index("ix_city_changes_entity", "entity", "entity_id"),)


# --- screening ---------------------------------------------------------------------------------


class ScreeningRound(Base):
    """排查轮次: one round of rolling screening by a village (daily), a town (weekly) or the city
    (half-monthly), with its checklist; what it found is in screening_findings (migration 0015)."""

    __tablename__ = "screening_rounds"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    level: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(16))
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id"), index=True, default=None)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), index=True, default=None)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date, index=True)
    screened_on: Mapped[dt.date] = mapped_column(Date)
    recorded_at: Mapped[dt.datetime] = mapped_column()
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    recorded_by_name: Mapped[str] = mapped_column(String(64), default="")
    focus: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # {"items": [{"code": "family", "checked": true, "note": "..."}, ...]} (codes: db.vocab.SCREENING_ITEMS)
    checklist: Mapped[dict[str, Any]] = mapped_column()
    sensitive_period_id: Mapped[int | None] = mapped_column(ForeignKey("sensitive_periods.id"), default=None)
    __table_args__ = (
        CheckConstraint("level in ('village','town','city')", name="level"),
        CheckConstraint("kind in ('routine','concentrated')", name="kind"),
        CheckConstraint("scope in ('general','focused')", name="scope"),
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint(
            "(level = 'village' AND village_id IS NOT NULL AND town_id IS NOT NULL) OR "
            "(level = 'town' AND village_id IS NULL AND town_id IS NOT NULL) OR "
            "(level = 'city' AND village_id IS NULL AND town_id IS NULL)",
            name="place",
        ),
    )


class ScreeningFinding(Base):
    """A sentiment log or a case that a screening round found (exactly one of the two)."""

    __tablename__ = "screening_findings"
    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    round_id: Mapped[int] = mapped_column(
        BigId, ForeignKey("screening_rounds.id", ondelete="CASCADE"), index=True
    )
    # The round's town (NULL for a city round), kept here so row-level security needs no join.
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id"), default=None)
    log_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("sentiment_logs.id"), default=None)
    case_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("cases.id"), default=None)
    linked_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint("(log_id IS NULL) <> (case_id IS NULL)", name="one"),
        UniqueConstraint("round_id", "log_id", name="uq_screening_findings_round_log"),
        UniqueConstraint("round_id", "case_id", name="uq_screening_findings_round_case"),
    )


class ScreeningTemplate(Base):
    """An administrator's checklist for rounds of one level and kind (item codes of
    db.vocab.SCREENING_ITEMS, in order); without a row the vocabulary's template applies."""

    __tablename__ = "screening_templates"
    level: Mapped[str] = mapped_column(String(8), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    items: Mapped[dict[str, Any]] = mapped_column()  # {"items": ["family", ...]}


# --- accountability and petitions (migration 0017) ---------------------------------------------


class SpotCheck(Base):
    """A spot check (明查暗访) of a town, village, grid or department: what was found and what must
    be put right by when."""

    __tablename__ = "spot_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    checked_on: Mapped[dt.date] = mapped_column(Date, index=True)
    checker: Mapped[str] = mapped_column(String(100))  # checking unit and/or person
    unit_kind: Mapped[str] = mapped_column(String(16))  # db.vocab.CheckedUnit
    # The town of a checked town, village or grid (row-level security scopes on it).
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id"), index=True, default=None)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), default=None)
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id"), default=None)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"), default=None)
    mode: Mapped[str] = mapped_column(String(8))  # db.vocab.CheckMode
    findings: Mapped[str] = mapped_column(Text, default="")
    problems: Mapped[str] = mapped_column(Text, default="")
    rectification: Mapped[str] = mapped_column(Text, default="")
    rectify_by: Mapped[dt.date | None] = mapped_column(Date, default=None)
    rectified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column()
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    __table_args__ = (
        CheckConstraint("unit_kind in ('town','village','grid','department')", name="unit_kind"),
        CheckConstraint("mode in ('overt','covert')", name="mode"),
        CheckConstraint(
            "(unit_kind = 'department' and department_id is not null and town_id is null) or "
            "(unit_kind <> 'department' and town_id is not null and department_id is null)",
            name="unit",
        ),
    )


class OpinionPoll(Base):
    """An opinion poll (民意调查 / 群众满意度测评): how many of a sample were satisfied."""

    __tablename__ = "opinion_polls"
    id: Mapped[int] = mapped_column(primary_key=True)
    period_start: Mapped[dt.date] = mapped_column(Date, index=True)
    period_end: Mapped[dt.date] = mapped_column(Date)
    town_id: Mapped[int | None] = mapped_column(
        ForeignKey("towns.id"), index=True, default=None
    )  # None: city
    place: Mapped[str] = mapped_column(String(100), default="")
    sample_size: Mapped[int] = mapped_column(Integer)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)
    basically_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    dissatisfied: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column()
    created_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    __table_args__ = (
        CheckConstraint("period_end >= period_start", name="period"),
        CheckConstraint(
            "sample_size > 0 and satisfied >= 0 and basically_satisfied >= 0 and dissatisfied >= 0 "
            "and satisfied + basically_satisfied + dissatisfied <= sample_size",
            name="counts",
        ),
    )


class Petition(Base):
    """A petition (信访件) shared by the petition bureau, possibly linked to the case it became or
    came from. The petitioner's name, phone and ID-card tail are personal: column privileges as
    the parties' fields of cases (migration 0017)."""

    __tablename__ = "petitions"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    petitioner_name: Mapped[str] = mapped_column(String(64), default="", deferred=True)
    petitioner_phone: Mapped[str] = mapped_column(String(20), default="", deferred=True)
    petitioner_id_tail: Mapped[str] = mapped_column(String(6), default="", deferred=True)
    level: Mapped[int] = mapped_column(Integer)  # db.vocab.PetitionLevel
    channel: Mapped[str] = mapped_column(String(8))  # db.vocab.PetitionChannel
    category: Mapped[str] = mapped_column(String(32))  # a case category, the matter's kind
    matter: Mapped[str] = mapped_column(Text)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"))
    status: Mapped[str] = mapped_column(String(16), default="registered")
    case_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("cases.id"), index=True, default=None)
    created_at: Mapped[dt.datetime] = mapped_column()
    updated_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint("level between 1 and 5", name="level"),
        CheckConstraint("channel in ('letter','visit','online')", name="channel"),
        CheckConstraint("status in ('registered','transferred','handling','concluded')", name="status"),
        Index("ix_petitions_town_received", "town_id", "received_on"),
        Index("ix_petitions_received_on", "received_on"),
    )


# --- villagedays: 三日合一, leaders' receptions, stability risk assessments, errands (0018) ---


class VillageDaySchedule(Base):
    """How often a village holds its village day (三日合一 or one of the three days)."""

    __tablename__ = "village_day_schedules"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    recurrence: Mapped[str] = mapped_column(String(16))
    day_of_month: Mapped[int | None] = mapped_column(Integer, default=None)
    weekday: Mapped[int | None] = mapped_column(Integer, default=None)  # 0 Monday … 6 Sunday
    starts_on: Mapped[dt.date] = mapped_column(Date)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    place: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint("kind in ('combined','mass_work','deliberation','openness')", name="kind"),
        CheckConstraint(
            "(recurrence = 'monthly' and day_of_month between 1 and 31 and weekday is null) or "
            "(recurrence = 'weekly' and weekday between 0 and 6 and day_of_month is null)",
            name="recurrence",
        ),
        CheckConstraint("ends_on is null or ends_on >= starts_on", name="span"),
    )


class VillageDay(Base):
    """One village day held (or planned) on a date: who came and what happened."""

    __tablename__ = "village_days"
    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int | None] = mapped_column(
        ForeignKey("village_day_schedules.id", ondelete="CASCADE"), default=None
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"))
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")
    attendance: Mapped[int | None] = mapped_column(Integer, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    __table_args__ = (
        CheckConstraint("kind in ('combined','mass_work','deliberation','openness')", name="kind"),
        CheckConstraint("status in ('planned','held','cancelled')", name="status"),
        CheckConstraint("attendance is null or attendance >= 0", name="attendance"),
        UniqueConstraint("schedule_id", "held_on", name="uq_village_days_schedule_day"),
        Index("ix_village_days_town_held_on", "town_id", "held_on"),
    )


class Reception(Base):
    """A leader's reception of visitors: 接访 on a scheduled reception day or 约访 by appointment."""

    __tablename__ = "receptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), default=None)
    village_day_id: Mapped[int | None] = mapped_column(
        ForeignKey("village_days.id", ondelete="SET NULL"), index=True, default=None
    )
    kind: Mapped[str] = mapped_column(String(16))
    leader_name: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[dt.datetime] = mapped_column()
    place: Mapped[str] = mapped_column(String(100), default="")
    visitors: Mapped[str] = mapped_column(String(400), default="")
    topic: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="planned")
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint("kind in ('scheduled','appointment')", name="kind"),
        CheckConstraint("status in ('planned','done','cancelled')", name="status"),
        Index("ix_receptions_town_starts_at", "town_id", "starts_at"),
    )


class VillageIssue(Base):
    """An issue raised at a village day or a reception and the log or case it became."""

    __tablename__ = "village_issues"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    village_day_id: Mapped[int | None] = mapped_column(
        ForeignKey("village_days.id", ondelete="CASCADE"), index=True, default=None
    )
    reception_id: Mapped[int | None] = mapped_column(
        ForeignKey("receptions.id", ondelete="CASCADE"), index=True, default=None
    )
    content: Mapped[str] = mapped_column(Text)
    raised_by: Mapped[str] = mapped_column(String(64), default="")
    log_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("sentiment_logs.id"), default=None)
    case_id: Mapped[int | None] = mapped_column(BigId, ForeignKey("cases.id"), default=None)
    created_at: Mapped[dt.datetime] = mapped_column()
    created_by_name: Mapped[str] = mapped_column(String(64), default="")
    __table_args__ = (
        CheckConstraint("(village_day_id is null) <> (reception_id is null)", name="source"),
        CheckConstraint("log_id is not null or case_id is not null", name="became"),
    )


class RiskAssessment(Base):
    """社会稳定风险评估 of a project: its steps, the risk level found and the decision taken."""

    __tablename__ = "risk_assessments"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"), index=True)
    project: Mapped[str] = mapped_column(String(200))
    project_kind: Mapped[str] = mapped_column(String(24))
    owner_unit: Mapped[str] = mapped_column(String(100))
    started_on: Mapped[dt.date] = mapped_column(Date)
    risk_level: Mapped[str | None] = mapped_column(String(8), default=None)
    measures: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str | None] = mapped_column(String(24), default=None)
    decided_by: Mapped[str] = mapped_column(String(64), default="")
    decided_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    created_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint(
            "project_kind in ('land_acquisition','demolition','factory','renovation','restructuring','other')",
            name="project_kind",
        ),
        CheckConstraint("risk_level is null or risk_level in ('high','medium','low')", name="risk_level"),
        CheckConstraint(
            "decision is null or decision in ('implement','with_measures','postpone','halt')", name="decision"
        ),
        CheckConstraint(
            "decision is null or (risk_level is not null and decided_on is not null and decided_by <> '')",
            name="decided",
        ),
        CheckConstraint("not (risk_level = 'high' and decision = 'implement')", name="high_risk"),
        CheckConstraint("decision is null or decision <> 'with_measures' or measures <> ''", name="measures"),
    )


class RiskStep(Base):
    """One step of an assessment: public notice/hearing, expert consultation, or survey/forum."""

    __tablename__ = "risk_assessment_steps"
    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("risk_assessments.id", ondelete="CASCADE"), index=True
    )
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"))
    kind: Mapped[str] = mapped_column(String(16))
    held_on: Mapped[dt.date] = mapped_column(Date)
    result: Mapped[str] = mapped_column(Text)
    participants: Mapped[int | None] = mapped_column(Integer, default=None)
    votes_for: Mapped[int | None] = mapped_column(Integer, default=None)
    votes_against: Mapped[int | None] = mapped_column(Integer, default=None)
    suggestions: Mapped[int | None] = mapped_column(Integer, default=None)
    __table_args__ = (
        CheckConstraint("kind in ('notice_hearing','expert','survey')", name="kind"),
        CheckConstraint(
            "coalesce(participants, 0) >= 0 and coalesce(votes_for, 0) >= 0 and "
            "coalesce(votes_against, 0) >= 0 and coalesce(suggestions, 0) >= 0",
            name="counts",
        ),
    )


class Errand(Base):
    """代办服务: a matter a worker or office runs for a resident, with its documents and dates."""

    __tablename__ = "errands"
    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id"))
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), default=None)
    applicant: Mapped[str] = mapped_column(String(64))
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    matter: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text, default="")
    documents: Mapped[list[str]] = mapped_column(JSON, default=list)
    office: Mapped[str] = mapped_column(String(64))
    handler: Mapped[str] = mapped_column(String(64))
    accepted_on: Mapped[dt.date] = mapped_column(Date)
    promised_on: Mapped[dt.date] = mapped_column(Date)
    done_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(16), default="accepted")
    created_at: Mapped[dt.datetime] = mapped_column()
    __table_args__ = (
        CheckConstraint("status in ('accepted','in_progress','done','returned')", name="status"),
        CheckConstraint("promised_on >= accepted_on", name="promise"),
        CheckConstraint("done_on is null or done_on >= accepted_on", name="done"),
        CheckConstraint("(status = 'done') = (done_on is not null)", name="done_status"),
        Index("ix_errands_town_status", "town_id", "status"),
        Index("ix_errands_office", "office"),
    )
