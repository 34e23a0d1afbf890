"""Accountability records (责任倒查) and the petition bureau's records (信访信息共享).

- ``spot_checks``: 明查暗访 of a town, village, grid or department — findings, problems, the
  rectification required and by when, whether it was done;
- ``opinion_polls``: 民意调查 / 群众满意度测评 — period, place (a town or the whole city), sample
  size and the satisfied / basically satisfied / dissatisfied counts;
- ``petitions``: 信访件 shared by the petition bureau — number, date, petitioner, the level it was
  received at (village … national), channel (来信/来访/网上信访), matter, town, status and the case
  it is linked to (many petitions to one case).

On PostgreSQL all three have forced row-level security like 0008/0011: dispatchers, leaders and
administrators read and write every row, auditors read every row; town staff read and write their
town's rows (spot checks of departments and city-wide polls are not theirs to write; they read
city-wide polls); department staff read the spot checks of their department, every poll, and
the petitions linked to the cases they work on. Every group policy is ANDed with "the login has an
active users row here of that group" (0011). The petitioner's name, phone and ID-card tail are
personal like the parties' fields of cases: administrators and auditors get no column privilege on
them and read them masked through ``concord_petitions_masked()``.

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0015"
branch_labels = None
depends_on = None

DISPATCHER = "concord_dispatcher"
LEADER = "concord_leader"
TOWN = "concord_town_staff"
DEPT = "concord_department_staff"
ADMIN = "concord_admin"
AUDITOR = "concord_auditor"
GROUP_OF = {
    DISPATCHER: "dispatcher",
    LEADER: "leader",
    TOWN: "town_staff",
    DEPT: "department_staff",
    ADMIN: "admin",
    AUDITOR: "auditor",
}
CITY_WRITERS = (DISPATCHER, LEADER, ADMIN)
TABLES = ("spot_checks", "opinion_polls", "petitions")
PETITION_PUBLIC_COLUMNS = (
    "id, number, received_on, level, channel, category, matter, town_id, status, case_id, "
    "created_at, updated_at"
)
MY_TOWN = "(SELECT concord_user_town())"
MY_DEPT = "(SELECT concord_user_department())"
DEPT_CASES = "(SELECT concord_department_case_ids())::bigint[]"

MASKED_FUNCTION = """
CREATE OR REPLACE FUNCTION concord_petitions_masked()
RETURNS TABLE (id integer, petitioner_name text, petitioner_phone text, petitioner_id_tail text,
               petitioner_key text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT p.id, concord_mask_list(p.petitioner_name, 'name'), concord_mask_list(p.petitioner_phone, 'phone'),
         repeat('*', length(p.petitioner_id_tail)),
         -- who petitioned, without saying who: for the repeat and level-skipping flags
         md5(lower(btrim(p.petitioner_name)) || '|' ||
             CASE WHEN p.petitioner_id_tail <> '' THEN 'id:' || upper(p.petitioner_id_tail)
                  ELSE 'tel:' || p.petitioner_phone END)
    FROM public.petitions p
$$;
"""


def _scoped(groups: tuple[str, ...], expr: str) -> str:
    """``expr`` for a policy of ``groups``, ANDed with 0011's "a users row here of that group"."""
    roles = ",".join(sorted(GROUP_OF[g] for g in groups))
    return f"((SELECT concord_user_role_in('{{{roles}}}'::text[])) IS NOT NULL) AND ({expr})"


def _policy(
    table: str, name: str, verb: str, groups: tuple[str, ...], using: str | None, check: str | None
) -> None:
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {verb} TO {', '.join(groups)}"
    if using is not None:
        sql += f" USING ({_scoped(groups, using)})"
    if check is not None:
        sql += f" WITH CHECK ({_scoped(groups, check)})"
    op.execute(sql)


def upgrade() -> None:
    op.create_table(
        "spot_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("checker", sa.String(100), nullable=False),
        sa.Column("unit_kind", sa.String(16), nullable=False),
        sa.Column("town_id", sa.Integer(), nullable=True),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("grid_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("rectification", sa.Text(), nullable=False),
        sa.Column("rectify_by", sa.Date(), nullable=True),
        sa.Column("rectified", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "unit_kind in ('town','village','grid','department')", name="ck_spot_checks_unit_kind"
        ),
        sa.CheckConstraint("mode in ('overt','covert')", name="ck_spot_checks_mode"),
        sa.CheckConstraint(
            "(unit_kind = 'department' and department_id is not null and town_id is null) or "
            "(unit_kind <> 'department' and town_id is not null and department_id is null)",
            name="ck_spot_checks_unit",
        ),
        sa.ForeignKeyConstraint(["town_id"], ["towns.id"], name="fk_spot_checks_town_id_towns"),
        sa.ForeignKeyConstraint(["village_id"], ["villages.id"], name="fk_spot_checks_village_id_villages"),
        sa.ForeignKeyConstraint(["grid_id"], ["grids.id"], name="fk_spot_checks_grid_id_grids"),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name="fk_spot_checks_department_id_departments"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"], ["users.id"], name="fk_spot_checks_created_by_user_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_spot_checks"),
    )
    op.create_index("ix_spot_checks_checked_on", "spot_checks", ["checked_on"])
    op.create_index("ix_spot_checks_town_id", "spot_checks", ["town_id"])
    op.create_table(
        "opinion_polls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("town_id", sa.Integer(), nullable=True),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("sample_size", sa.Integer(), nullable=False),
        sa.Column("satisfied", sa.Integer(), nullable=False),
        sa.Column("basically_satisfied", sa.Integer(), nullable=False),
        sa.Column("dissatisfied", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("period_end >= period_start", name="ck_opinion_polls_period"),
        sa.CheckConstraint(
            "sample_size > 0 and satisfied >= 0 and basically_satisfied >= 0 and dissatisfied >= 0 "
            "and satisfied + basically_satisfied + dissatisfied <= sample_size",
            name="ck_opinion_polls_counts",
        ),
        sa.ForeignKeyConstraint(["town_id"], ["towns.id"], name="fk_opinion_polls_town_id_towns"),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"], ["users.id"], name="fk_opinion_polls_created_by_user_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_opinion_polls"),
    )
    op.create_index("ix_opinion_polls_period_start", "opinion_polls", ["period_start"])
    op.create_index("ix_opinion_polls_town_id", "opinion_polls", ["town_id"])
    big = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "petitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("petitioner_name", sa.String(64), nullable=False),
        sa.Column("petitioner_phone", sa.String(20), nullable=False),
        sa.Column("petitioner_id_tail", sa.String(6), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("matter", sa.Text(), nullable=False),
        sa.Column("town_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("case_id", big, nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("level between 1 and 5", name="ck_petitions_level"),
        sa.CheckConstraint("channel in ('letter','visit','online')", name="ck_petitions_channel"),
        sa.CheckConstraint(
            "status in ('registered','transferred','handling','concluded')", name="ck_petitions_status"
        ),
        sa.ForeignKeyConstraint(["town_id"], ["towns.id"], name="fk_petitions_town_id_towns"),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_petitions_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_petitions"),
        sa.UniqueConstraint("number", name="uq_petitions_number"),
    )
    op.create_index("ix_petitions_case_id", "petitions", ["case_id"])
    op.create_index("ix_petitions_town_received", "petitions", ["town_id", "received_on"])
    op.create_index("ix_petitions_received_on", "petitions", ["received_on"])

    if op.get_bind().dialect.name != "postgresql":
        return
    city = ", ".join(CITY_WRITERS)
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true)")
        op.execute(f"GRANT USAGE, SELECT ON SEQUENCE {table}_id_seq TO {city}, {TOWN}")
        _policy(table, "all_rows", "ALL", CITY_WRITERS, "true", "true")
        _policy(table, "all_read", "SELECT", (AUDITOR,), "true", None)
        _policy(table, "town_scope", "ALL", (TOWN,), f"town_id = {MY_TOWN}", f"town_id = {MY_TOWN}")

    # spot checks and polls: nothing personal in them
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON spot_checks, opinion_polls TO {city}, {TOWN}")
    op.execute(f"GRANT SELECT ON spot_checks, opinion_polls TO {AUDITOR}, {DEPT}")
    _policy("spot_checks", "dept_read", "SELECT", (DEPT,), f"department_id = {MY_DEPT}", None)
    _policy("opinion_polls", "city_read", "SELECT", (TOWN, DEPT), "town_id IS NULL", None)
    _policy("opinion_polls", "dept_read", "SELECT", (DEPT,), "true", None)

    # petitions: the petitioner's fields only for the roles that work with petitioners
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON petitions TO {DISPATCHER}, {LEADER}, {TOWN}")
    op.execute(f"GRANT SELECT ON petitions TO {DEPT}")
    op.execute(f"GRANT SELECT ({PETITION_PUBLIC_COLUMNS}) ON petitions TO {ADMIN}, {AUDITOR}")
    op.execute(f"GRANT UPDATE (status, case_id, updated_at) ON petitions TO {ADMIN}")
    _policy("petitions", "dept_read", "SELECT", (DEPT,), f"case_id = ANY ({DEPT_CASES})", None)
    op.execute(MASKED_FUNCTION)
    op.execute("REVOKE ALL ON FUNCTION concord_petitions_masked() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION concord_petitions_masked() TO {ADMIN}, {AUDITOR}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS concord_petitions_masked()")
    op.drop_index("ix_petitions_received_on", table_name="petitions")
    op.drop_index("ix_petitions_town_received", table_name="petitions")
    op.drop_index("ix_petitions_case_id", table_name="petitions")
    op.drop_table("petitions")
    op.drop_index("ix_opinion_polls_town_id", table_name="opinion_polls")
    op.drop_index("ix_opinion_polls_period_start", table_name="opinion_polls")
    op.drop_table("opinion_polls")
    op.drop_index("ix_spot_checks_town_id", table_name="spot_checks")
    op.drop_index("ix_spot_checks_checked_on", table_name="spot_checks")
    op.drop_table("spot_checks")
