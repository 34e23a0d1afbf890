"""Position partitions made through owner-rights functions, so the gateway's login can make them.

0007 partitions ``positions`` by day and the gateway makes the coming days' partitions at start
and hourly; under 0008's roles the gateway login may insert positions but may not create tables,
so partitions were only made when an administrator ran ``db prune-positions``. Two SECURITY
DEFINER functions, owned by the migration's role (the schema owner), do the two privileged steps:
``concord_position_days_caught()`` lists the days the DEFAULT partition holds, and
``concord_make_position_partition(day)`` locks ``positions`` against writers, moves that day's
rows out of DEFAULT and creates the day's partition. EXECUTE is granted to the gateway and the
administrator groups only. PostgreSQL only.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

SCHEMA = "positions_parts"  # desktop.live.retention.SCHEMA
GRANTEES = ("concord_gateway", "concord_admin")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    app_schema = bind.exec_driver_sql("SELECT current_schema()").scalar_one()
    # search_path pinned: the schema of the tables, then pg_temp last (its objects can't shadow).
    path = f"SET search_path = {app_schema}, pg_temp"
    op.execute(
        f"""
        CREATE FUNCTION concord_position_days_caught() RETURNS SETOF date
        LANGUAGE sql STABLE SECURITY DEFINER {path} AS $$
            SELECT DISTINCT CAST(device_time AS date) FROM {SCHEMA}.p_default
        $$
        """
    )
    op.execute(
        f"""
        CREATE FUNCTION concord_make_position_partition(day date) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER {path} AS $$
        DECLARE
            part text := 'p' || to_char(day, 'YYYYMMDD');
            moved bigint;
        BEGIN
            IF EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = '{SCHEMA}' AND c.relname = part) THEN
                RETURN false;
            END IF;
            -- Writers wait from here to commit: a fix of that day committed between the move and
            -- the new partition would stay in DEFAULT and make PostgreSQL refuse the partition.
            LOCK TABLE positions IN SHARE ROW EXCLUSIVE MODE;
            CREATE TEMPORARY TABLE concord_moving (LIKE {SCHEMA}.p_default) ON COMMIT DROP;
            WITH gone AS (
                DELETE FROM {SCHEMA}.p_default
                WHERE device_time >= day AND device_time < day + 1 RETURNING *
            ) INSERT INTO concord_moving SELECT * FROM gone;
            GET DIAGNOSTICS moved = ROW_COUNT;
            EXECUTE format(
                'CREATE TABLE {SCHEMA}.%I PARTITION OF positions FOR VALUES FROM (%L) TO (%L)',
                part, day, day + 1
            );
            IF moved > 0 THEN
                INSERT INTO positions SELECT * FROM concord_moving;
            END IF;
            DROP TABLE concord_moving;
            RETURN true;
        END
        $$
        """
    )
    for fn in ("concord_position_days_caught()", "concord_make_position_partition(date)"):
        op.execute(f"REVOKE ALL ON FUNCTION {fn} FROM PUBLIC")
        for grantee in GRANTEES:
            op.execute(
                f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = '{grantee}') THEN "
                f"GRANT EXECUTE ON FUNCTION {fn} TO {grantee}; END IF; END $$"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS concord_make_position_partition(date)")
    op.execute("DROP FUNCTION IF EXISTS concord_position_days_caught()")
