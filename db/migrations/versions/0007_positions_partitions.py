"""positions history partitioned by day on PostgreSQL, with retention.

PostgreSQL only (SQLite keeps its plain table; retention deletes rows there). ``positions``
becomes ``PARTITION BY RANGE (device_time)`` with one partition per UTC day in the schema
``positions_parts`` (``pYYYYMMDD``) plus a DEFAULT partition (``p_default``) so that a fix for a
day without a partition is stored all the same (see desktop/live/retention.py, which makes partitions
ahead of need and drops old ones). A partitioned table's unique constraints must contain the
partition key: the primary key becomes (id, device_time); ``uq_positions_worker_time``
(worker_id, device_time) keeps its name and meaning, so a resent fix stays a harmless duplicate.
Existing rows move into the partitions of their days; ids and the id sequence are kept.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

import datetime as dt

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

SCHEMA = "positions_parts"  # desktop.live.retention.SCHEMA (a migration must not import app code)
DAYS_AHEAD = 3


def _constraints(pk: str) -> str:
    return (
        f"CONSTRAINT pk_positions PRIMARY KEY ({pk}), "
        "CONSTRAINT uq_positions_worker_time UNIQUE (worker_id, device_time), "
        "CONSTRAINT fk_positions_worker_id_workers FOREIGN KEY (worker_id) REFERENCES workers (id)"
    )


def _set_aside(old: str) -> None:
    """Rename the current table and its constraints (their indexes' names are schema-wide) and
    detach the id sequence so that dropping the old table keeps it."""
    op.execute(f"ALTER TABLE positions RENAME TO {old}")
    for name in ("pk_positions", "uq_positions_worker_time", "fk_positions_worker_id_workers"):
        op.execute(f"ALTER TABLE {old} RENAME CONSTRAINT {name} TO {name}_old")
    op.execute("ALTER SEQUENCE positions_id_seq OWNED BY NONE")


def _finish(old: str) -> None:
    op.execute(f"INSERT INTO positions SELECT * FROM {old}")
    op.execute(f"DROP TABLE {old}")
    op.execute("ALTER SEQUENCE positions_id_seq OWNED BY positions.id")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    old = "positions_unpartitioned"
    _set_aside(old)
    op.execute(
        f"CREATE TABLE positions (LIKE {old} INCLUDING DEFAULTS, {_constraints('id, device_time')}) "
        "PARTITION BY RANGE (device_time)"
    )
    op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    op.execute(f"CREATE TABLE {SCHEMA}.p_default PARTITION OF positions DEFAULT")
    days = {row[0] for row in bind.exec_driver_sql(f"SELECT DISTINCT CAST(device_time AS date) FROM {old}")}
    today = dt.datetime.now(dt.UTC).date()
    days.update(today + dt.timedelta(days=k) for k in range(DAYS_AHEAD + 1))
    for day in sorted(days):
        op.execute(
            f"CREATE TABLE {SCHEMA}.p{day:%Y%m%d} PARTITION OF positions "
            f"FOR VALUES FROM ('{day.isoformat()}') TO ('{(day + dt.timedelta(days=1)).isoformat()}')"
        )
    _finish(old)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    old = "positions_partitioned"
    _set_aside(old)
    op.execute(f"CREATE TABLE positions (LIKE {old} INCLUDING DEFAULTS, {_constraints('id')})")
    _finish(old)  # dropping the partitioned table drops its partitions
    op.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
