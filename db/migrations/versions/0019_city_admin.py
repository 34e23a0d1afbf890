"""A real city: grids that can be taken out of service, workers' staff numbers, and the audit of
who changed the city's workers and grids.

- ``grids.active``: a grid taken out of service (merged, redrawn) keeps its history (cases and
  logs point at it) but gets no new workers; true for every existing grid.
- ``workers.code``: the worker's staff number (工号), the key a roster import updates by. NULL
  for workers made before it (the demo city): an import adopts such a worker by its device id.
- ``city_changes``: append-only audit of every change made through the city admin screen or a
  city import — who (user id, name, role and, on PostgreSQL, the connected login set by trigger),
  when, what (entity, id, code, action) and the values before and after. UPDATE and DELETE are
  refused by trigger on both engines.

On PostgreSQL administrators write it (they also edit places, units and workers, 0008);
dispatchers, leaders, administrators and auditors read every row, town staff their town's.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

DISPATCHER = "concord_dispatcher"
LEADER = "concord_leader"
TOWN = "concord_town_staff"
ADMIN = "concord_admin"
AUDITOR = "concord_auditor"
GROUP_OF = {
    DISPATCHER: "dispatcher",
    LEADER: "leader",
    TOWN: "town_staff",
    ADMIN: "admin",
    AUDITOR: "auditor",
}

SQLITE_APPEND_ONLY = """
CREATE TRIGGER city_changes_append_only_{verb} BEFORE {verb} ON city_changes
BEGIN SELECT RAISE(ABORT, 'city_changes is append-only'); END
"""

PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION concord_city_changes_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.actor_login := session_user;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'city_changes is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER city_changes_guard BEFORE INSERT OR UPDATE OR DELETE ON city_changes
  FOR EACH ROW EXECUTE FUNCTION concord_city_changes_guard();
CREATE TRIGGER city_changes_no_truncate BEFORE TRUNCATE ON city_changes
  FOR EACH STATEMENT EXECUTE FUNCTION concord_city_changes_guard();
"""


def _scope(*groups: str) -> str:
    roles = ",".join(sorted(GROUP_OF[g] for g in groups))
    return f"((SELECT concord_user_role_in('{{{roles}}}'::text[])) IS NOT NULL)"


def upgrade() -> None:
    op.add_column("grids", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column("workers", sa.Column("code", sa.String(32), nullable=True))
    op.create_index("ix_workers_code", "workers", ["code"], unique=True)
    op.create_table(
        "city_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(64), nullable=False),
        sa.Column("actor_role", sa.String(32), nullable=False),
        sa.Column("actor_login", sa.String(64), nullable=True),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("entity_code", sa.String(64), nullable=False),
        sa.Column("town_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["actor_user_id"], ["users.id"], name="fk_city_changes_actor_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_city_changes"),
    )
    op.create_index("ix_city_changes_at", "city_changes", ["at"])
    op.create_index("ix_city_changes_entity", "city_changes", ["entity", "entity_id"])
    if op.get_bind().dialect.name != "postgresql":
        for verb in ("UPDATE", "DELETE"):
            op.execute(SQLITE_APPEND_ONLY.format(verb=verb))
        return
    op.execute(PG_FUNCTIONS)
    op.execute("REVOKE ALL ON FUNCTION concord_city_changes_guard() FROM PUBLIC")
    op.execute(f"GRANT SELECT ON city_changes TO {DISPATCHER}, {LEADER}, {TOWN}, {ADMIN}, {AUDITOR}")
    op.execute(f"GRANT INSERT ON city_changes TO {ADMIN}")
    op.execute(f"GRANT USAGE, SELECT ON SEQUENCE city_changes_id_seq TO {ADMIN}")
    op.execute("ALTER TABLE city_changes ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE city_changes FORCE ROW LEVEL SECURITY")
    op.execute("CREATE POLICY owner_all ON city_changes TO CURRENT_USER USING (true) WITH CHECK (true)")
    readers = (DISPATCHER, LEADER, ADMIN, AUDITOR)
    op.execute(
        f"CREATE POLICY all_read ON city_changes AS PERMISSIVE FOR SELECT TO {', '.join(readers)} "
        f"USING ({_scope(*readers)} AND (true))"
    )
    op.execute(
        f"CREATE POLICY town_read ON city_changes AS PERMISSIVE FOR SELECT TO {TOWN} "
        f"USING ({_scope(TOWN)} AND (town_id = concord_user_town()))"
    )
    # An administrator writes rows in their own name only.
    op.execute(
        f"CREATE POLICY admin_insert ON city_changes AS PERMISSIVE FOR INSERT TO {ADMIN} "
        f"WITH CHECK ({_scope(ADMIN)} AND (actor_user_id = concord_user_id()))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE city_changes")
        op.execute("DROP FUNCTION concord_city_changes_guard()")
    else:
        op.drop_index("ix_city_changes_entity", table_name="city_changes")
        op.drop_index("ix_city_changes_at", table_name="city_changes")
        op.drop_table("city_changes")
    op.drop_index("ix_workers_code", table_name="workers")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would lose SQLite's triggers.
    op.execute("ALTER TABLE workers DROP COLUMN code")
    op.execute("ALTER TABLE grids DROP COLUMN active")
