"""Position history by day: PostgreSQL partitions and the retention that drops old days.

PostgreSQL
    ``positions`` is ``PARTITION BY RANGE (device_time)`` (migration 0007) with one partition per
    UTC day, ``positions_parts.pYYYYMMDD``, and a DEFAULT partition ``positions_parts.p_default``
    that catches a fix for a day that has no partition yet — nothing is ever refused or lost for
    want of a partition. :func:`maintain_partitions` (run by the gateway at start and every hour,
    and by ``db prune-positions``) creates the partitions of the next few days ahead of need and
    moves any rows the DEFAULT partition caught into partitions of their own days, in one
    transaction per day. Retention then drops whole partitions (no row-by-row delete, no bloat).
    The partitions live in their own schema so that schema comparison (alembic) sees only the
    ``positions`` table the model describes.

SQLite
    One plain table; retention deletes the old rows.

Days are UTC days of ``device_time`` (the column stores naive UTC).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from desktop.clock import utcnow
from desktop.errors import Refusal

log = logging.getLogger("concord.retention")

SCHEMA = "positions_parts"
DEFAULT_PARTITION = "p_default"
DAYS_AHEAD = 3  # partitions made ahead of need (the gateway runs maintenance hourly)
KEEP_DAYS_ENV = "CONCORD_POSITIONS_KEEP_DAYS"
DEFAULT_KEEP_DAYS = 180
_NAME = re.compile(r"p(\d{8})")
# Maintenance takes a short exclusive lock on the DEFAULT partition; it gives up rather than make
# the gateway's writer queue behind it for long (it runs again within the hour).
LOCK_TIMEOUT = "5s"


class RetentionError(Refusal):
    """A retention setting that is not a whole number of days, or fewer than one."""


def keep_days_setting(env: dict[str, str] | None = None) -> int:
    """The retention setting: ``CONCORD_POSITIONS_KEEP_DAYS`` (whole days), default 180."""
    raw = (os.environ if env is None else env).get(KEEP_DAYS_ENV, "").strip()
    if not raw:
        return DEFAULT_KEEP_DAYS
    try:
        days = int(raw)
    except ValueError:
        raise RetentionError("retention.setting_not_days", setting=KEEP_DAYS_ENV, value=raw) from None
    if days < 1:
        raise RetentionError("retention.too_few_days", setting=KEEP_DAYS_ENV)
    return days


def partition_name(day: dt.date) -> str:
    return f"p{day:%Y%m%d}"


def _bounds(day: dt.date) -> tuple[str, str]:
    return day.isoformat(), (day + dt.timedelta(days=1)).isoformat()


def is_partitioned(conn: Connection) -> bool:
    if conn.dialect.name != "postgresql":
        return False
    kind = conn.exec_driver_sql(
        "SELECT c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relname = 'positions' AND n.nspname = current_schema()"
    ).scalar()
    return kind == "p"


def day_partitions(conn: Connection) -> dict[dt.date, str]:
    """The daily partitions of ``positions`` (PostgreSQL), by day."""
    rows = conn.exec_driver_sql(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE i.inhparent = 'positions'::regclass AND n.nspname = %(schema)s",
        {"schema": SCHEMA},
    ).scalars()
    out: dict[dt.date, str] = {}
    for name in rows:
        match = _NAME.fullmatch(name)
        if match:
            out[dt.datetime.strptime(match.group(1), "%Y%m%d").date()] = name
    return out


def create_day_partition(conn: Connection, day: dt.date) -> bool:
    """Create the partition of ``day`` in the caller's transaction, moving the rows of that day
    the DEFAULT partition holds into it (PostgreSQL refuses the new partition otherwise).

    Done by ``concord_make_position_partition`` (migration 0010), which runs with the schema
    owner's rights, so the gateway's login, which may not create tables, can call it. Returns
    False when the partition already existed."""
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
    made = conn.exec_driver_sql("SELECT concord_make_position_partition(%(day)s)", {"day": day}).scalar_one()
    return bool(made)


def ensure_partitions(engine: Engine, days: Iterable[dt.date]) -> list[dt.date]:
    """Create the missing partitions among ``days``, one transaction each; returns those made."""
    made: list[dt.date] = []
    with engine.connect() as conn:
        if not is_partitioned(conn):
            return made
        have = set(day_partitions(conn))
        conn.rollback()
        for day in sorted(set(days) - have):
            try:
                with conn.begin():
                    if create_day_partition(conn, day):
                        made.append(day)
            except DBAPIError as exc:
                # Outside the window a non-owner login may make partitions for (migration 0011):
                # those rows stay in DEFAULT until the owner's maintenance (prune-positions).
                if getattr(exc.orig, "sqlstate", None) != "22023":
                    raise
                log.warning("position partition for %s not made: %s", day, exc.orig)
    return made


def maintain_partitions(
    engine: Engine, today: dt.date | None = None, ahead: int = DAYS_AHEAD
) -> list[dt.date]:
    """Partitions for today and ``ahead`` days after, and for every day the DEFAULT partition
    caught; returns the days whose partitions were made. No-op on SQLite."""
    today = today or utcnow().date()
    with engine.connect() as conn:
        if not is_partitioned(conn):
            return []
        caught = conn.exec_driver_sql("SELECT * FROM concord_position_days_caught()").scalars()
        days = {d for d in caught if isinstance(d, dt.date)}
    days.update(today + dt.timedelta(days=k) for k in range(ahead + 1))
    return ensure_partitions(engine, days)


@dataclass
class PruneResult:
    cutoff: dt.date
    dropped_partitions: list[str]
    deleted_rows: int

    def as_dict(self) -> dict[str, object]:
        return {
            "cutoff": self.cutoff.isoformat(),
            "dropped_partitions": self.dropped_partitions,
            "deleted_rows": self.deleted_rows,
        }


def prune_positions(engine: Engine, keep_days: int, today: dt.date | None = None) -> PruneResult:
    """Remove position history older than ``keep_days`` whole UTC days (today counts as one):
    fixes with ``device_time`` before the cutoff day. PostgreSQL drops whole partitions (and
    deletes the old rows the DEFAULT partition may hold); SQLite deletes rows. ``worker_latest``
    is not touched: a worker's last known position stays known however old it is."""
    if keep_days < 1:
        raise RetentionError("retention.too_few_days", setting="keep_days")
    today = today or utcnow().date()
    cutoff = today - dt.timedelta(days=keep_days - 1)
    stamp = dt.datetime.combine(cutoff, dt.time())
    with engine.connect() as conn:
        partitioned = is_partitioned(conn)
        conn.rollback()
        if not partitioned:
            with conn.begin():
                if conn.dialect.name == "sqlite":
                    value: object = stamp.strftime("%Y-%m-%d %H:%M:%S.%f")
                    sql = "DELETE FROM positions WHERE device_time < ?"
                    deleted = conn.exec_driver_sql(sql, (value,)).rowcount
                else:
                    sql = "DELETE FROM positions WHERE device_time < %(cutoff)s"
                    deleted = conn.exec_driver_sql(sql, {"cutoff": stamp}).rowcount
            return PruneResult(cutoff, [], max(int(deleted), 0))
        dropped: list[str] = []
        for day, name in sorted(day_partitions(conn).items()):
            if day >= cutoff:
                continue
            if conn.in_transaction():
                conn.rollback()
            with conn.begin():
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'")
                conn.exec_driver_sql(f"DROP TABLE {SCHEMA}.{name}")
            dropped.append(name)
        if conn.in_transaction():
            conn.rollback()
        with conn.begin():
            deleted = conn.exec_driver_sql(
                f"DELETE FROM {SCHEMA}.{DEFAULT_PARTITION} WHERE device_time < %(cutoff)s", {"cutoff": stamp}
            ).rowcount
    log.info("positions before %s removed: %d partitions, %d rows", cutoff, len(dropped), deleted)
    return PruneResult(cutoff, dropped, max(int(deleted), 0))
