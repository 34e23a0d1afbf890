"""Rolling screening (滚动式排查): screening rounds and what they found.

- ``screening_rounds``: one round by a village (daily), a town (weekly) or the city
  (half-monthly): kind (routine 常规 / concentrated 集中), scope (general 普遍 / focused 重点, with
  its focus), the period it covers, the day it was done, who recorded it and when, notes, and
  its checklist as JSON (item codes of db.vocab.SCREENING_ITEMS, checked, note).
- ``screening_findings``: a sentiment log or a case linked to a round; carries the round's town
  so that row-level security needs no join.
- ``screening_templates``: administrators' checklists per level and kind (without a row, the
  template of db.vocab applies); city-wide, read by all who screen, written by administrators.

On PostgreSQL: dispatchers, leaders and administrators read and write every round (and record
the city's); town staff only their own town's village and town rounds; auditors read all;
department staff and the gateway get nothing. A round's recorder must be the login's own user.
Every group policy is ANDed with the login's active users row of that group (as 0011 does).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

DISPATCHER = "concord_dispatcher"
LEADER = "concord_leader"
TOWN = "concord_town_staff"
ADMIN = "concord_admin"
AUDITOR = "concord_auditor"
CITY_WRITERS = (DISPATCHER, LEADER, ADMIN)
ALL_READERS = (DISPATCHER, LEADER, ADMIN, AUDITOR)
ROLE_OF = {
    DISPATCHER: "dispatcher",
    LEADER: "leader",
    TOWN: "town_staff",
    ADMIN: "admin",
    AUDITOR: "auditor",
}
MY_TOWN = "(SELECT concord_user_town())"
ME = "(SELECT concord_user_id())"
TABLES = ("screening_rounds", "screening_findings")


def _policy(
    table: str, name: str, verb: str, groups: tuple[str, ...], using: str | None, check: str | None
) -> None:
    roles = ",".join(sorted(ROLE_OF[g] for g in groups))
    scope = f"((SELECT concord_user_role_in('{{{roles}}}'::text[])) IS NOT NULL)"
    sql = f"CREATE POLICY {name} ON {table} AS PERMISSIVE FOR {verb} TO {', '.join(groups)}"
    if using is not None:
        sql += f" USING ({scope} AND ({using}))"
    if check is not None:
        sql += f" WITH CHECK ({scope} AND ({check}))"
    op.execute(sql)


def upgrade() -> None:
    op.create_table(
        "screening_rounds",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("town_id", sa.Integer(), nullable=True),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("screened_on", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_name", sa.String(64), nullable=False),
        sa.Column("focus", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("sensitive_period_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("level in ('village','town','city')", name="ck_screening_rounds_level"),
        sa.CheckConstraint("kind in ('routine','concentrated')", name="ck_screening_rounds_kind"),
        sa.CheckConstraint("scope in ('general','focused')", name="ck_screening_rounds_scope"),
        sa.CheckConstraint("period_end >= period_start", name="ck_screening_rounds_period"),
        sa.CheckConstraint(
            "(level = 'village' AND village_id IS NOT NULL AND town_id IS NOT NULL) OR "
            "(level = 'town' AND village_id IS NULL AND town_id IS NOT NULL) OR "
            "(level = 'city' AND village_id IS NULL AND town_id IS NULL)",
            name="ck_screening_rounds_place",
        ),
        sa.ForeignKeyConstraint(["town_id"], ["towns.id"], name="fk_screening_rounds_town_id_towns"),
        sa.ForeignKeyConstraint(
            ["village_id"], ["villages.id"], name="fk_screening_rounds_village_id_villages"
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_user_id"], ["users.id"], name="fk_screening_rounds_recorded_by_user_id_users"
        ),
        sa.ForeignKeyConstraint(
            ["sensitive_period_id"],
            ["sensitive_periods.id"],
            name="fk_screening_rounds_sensitive_period_id_sensitive_periods",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_screening_rounds"),
    )
    op.create_index("ix_screening_rounds_town_id", "screening_rounds", ["town_id"])
    op.create_index("ix_screening_rounds_village_id", "screening_rounds", ["village_id"])
    op.create_index("ix_screening_rounds_period_end", "screening_rounds", ["period_end"])
    op.create_table(
        "screening_findings",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("round_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("town_id", sa.Integer(), nullable=True),
        sa.Column("log_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("case_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("(log_id IS NULL) <> (case_id IS NULL)", name="ck_screening_findings_one"),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["screening_rounds.id"],
            name="fk_screening_findings_round_id_screening_rounds",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["town_id"], ["towns.id"], name="fk_screening_findings_town_id_towns"),
        sa.ForeignKeyConstraint(
            ["log_id"], ["sentiment_logs.id"], name="fk_screening_findings_log_id_sentiment_logs"
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_screening_findings_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_screening_findings"),
        sa.UniqueConstraint("round_id", "log_id", name="uq_screening_findings_round_log"),
        sa.UniqueConstraint("round_id", "case_id", name="uq_screening_findings_round_case"),
    )
    op.create_index("ix_screening_findings_round_id", "screening_findings", ["round_id"])
    op.create_table(
        "screening_templates",
        sa.Column("level", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("level", "kind", name="pk_screening_templates"),
    )

    if op.get_bind().dialect.name != "postgresql":
        return
    writers = ", ".join((*CITY_WRITERS, TOWN))
    readers = ", ".join((*ALL_READERS, TOWN))
    op.execute(f"GRANT SELECT ON {', '.join(TABLES)} TO {readers}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(TABLES)} TO {writers}")
    op.execute(
        f"GRANT USAGE, SELECT ON SEQUENCE screening_rounds_id_seq, screening_findings_id_seq TO {writers}"
    )
    # Checklist templates: city-wide settings like category_routes (no row-level security).
    op.execute(f"GRANT SELECT ON screening_templates TO {readers}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON screening_templates TO {ADMIN}")
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true)")
        _policy(table, "all_read", "SELECT", ALL_READERS, "true", None)
        _policy(table, "all_update", "UPDATE", CITY_WRITERS, "true", "true")
        _policy(table, "all_delete", "DELETE", CITY_WRITERS, "true", None)
        _policy(table, "town_read", "SELECT", (TOWN,), f"town_id = {MY_TOWN}", None)
        _policy(table, "town_update", "UPDATE", (TOWN,), f"town_id = {MY_TOWN}", f"town_id = {MY_TOWN}")
        _policy(table, "town_delete", "DELETE", (TOWN,), f"town_id = {MY_TOWN}", None)
    # A round names its recorder: the login's own user, whoever records it.
    _policy("screening_rounds", "all_insert", "INSERT", CITY_WRITERS, None, f"recorded_by_user_id = {ME}")
    _policy(
        "screening_rounds",
        "town_insert",
        "INSERT",
        (TOWN,),
        None,
        f"town_id = {MY_TOWN} AND recorded_by_user_id = {ME}",
    )
    # A finding carries its round's town, and names a log or case the login can see (the
    # subqueries read through those tables' own row-level security).
    same_town = (
        "EXISTS (SELECT 1 FROM screening_rounds r WHERE r.id = round_id "
        "AND r.town_id IS NOT DISTINCT FROM screening_findings.town_id)"
    )
    visible = (
        "(log_id IS NULL OR EXISTS (SELECT 1 FROM sentiment_logs l WHERE l.id = log_id)) AND "
        "(case_id IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.id = case_id))"
    )
    _policy("screening_findings", "all_insert", "INSERT", CITY_WRITERS, None, same_town)
    _policy(
        "screening_findings",
        "town_insert",
        "INSERT",
        (TOWN,),
        None,
        f"town_id = {MY_TOWN} AND {same_town} AND {visible}",
    )


def downgrade() -> None:
    op.drop_table("screening_templates")
    op.drop_index("ix_screening_findings_round_id", table_name="screening_findings")
    op.drop_table("screening_findings")
    op.drop_index("ix_screening_rounds_period_end", table_name="screening_rounds")
    op.drop_index("ix_screening_rounds_village_id", table_name="screening_rounds")
    op.drop_index("ix_screening_rounds_town_id", table_name="screening_rounds")
    op.drop_table("screening_rounds")
