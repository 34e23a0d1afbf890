"""Village work: 三日合一 village days, leaders' receptions, stability risk assessments, errands.

- ``village_day_schedules``: a village's recurring village day (三日合一, or one of 群众工作日,
  民主议事日, 村务公开日), monthly on a day of the month or weekly on a weekday;
  ``village_days`` the dates generated from it (or added by hand), with attendance and notes.
- ``receptions``: a leader's reception of visitors, 接访 (scheduled day) or 约访 (appointment).
- ``village_issues``: an issue raised at a village day or reception and the sentiment log or case
  it became (the link kept both ways by id).
- ``risk_assessments`` / ``risk_assessment_steps``: 社会稳定风险评估 of a project, its public
  notice/hearing, expert and survey steps, the risk level and the decision. The checks that can
  be said per row are constraints (a high risk is never simply "implement"; a decision names who
  and when); "no decision before every step is recorded" is checked by desktop.villagedays.
- ``errands``: 代办服务, with documents received and accepted/promised/done dates.

Every table carries ``town_id``: on PostgreSQL town staff read and write their own town's rows
only (forced RLS, policies ANDed with the users-row check of 0011); dispatchers, leaders and
administrators every row; auditors and department staff read every row.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

DAY_KINDS = "kind in ('combined','mass_work','deliberation','openness')"
TABLES = (
    "village_day_schedules",
    "village_days",
    "receptions",
    "village_issues",
    "risk_assessments",
    "risk_assessment_steps",
    "errands",
)
WRITERS = ("concord_dispatcher", "concord_leader", "concord_town_staff", "concord_admin")
READERS = (*WRITERS, "concord_department_staff", "concord_auditor")
MY_TOWN = "town_id = (SELECT concord_user_town())"


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _town() -> sa.Column[int]:
    return sa.Column("town_id", sa.Integer(), nullable=False)


def _fk(table: str, column: str, target: str, ondelete: str | None = None) -> sa.ForeignKeyConstraint:
    ref_table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column], [target], name=f"fk_{table}_{column}_{ref_table}", ondelete=ondelete
    )


def _check(table: str, name: str, sql: str) -> sa.CheckConstraint:
    return sa.CheckConstraint(sql, name=f"ck_{table}_{name}")


def upgrade() -> None:
    t = "village_day_schedules"
    op.create_table(
        t,
        _id(),
        _town(),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("recurrence", sa.String(16), nullable=False),
        sa.Column("day_of_month", sa.Integer(), nullable=True),
        sa.Column("weekday", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _check(t, "kind", DAY_KINDS),
        _check(
            t,
            "recurrence",
            "(recurrence = 'monthly' and day_of_month between 1 and 31 and weekday is null) or "
            "(recurrence = 'weekly' and weekday between 0 and 6 and day_of_month is null)",
        ),
        _check(t, "span", "ends_on is null or ends_on >= starts_on"),
        _fk(t, "town_id", "towns.id"),
        _fk(t, "village_id", "villages.id"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_town_id", t, ["town_id"])
    op.create_index(f"ix_{t}_village_id", t, ["village_id"])

    t = "village_days"
    op.create_table(
        t,
        _id(),
        sa.Column("schedule_id", sa.Integer(), nullable=True),
        _town(),
        sa.Column("village_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attendance", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        _check(t, "kind", DAY_KINDS),
        _check(t, "status", "status in ('planned','held','cancelled')"),
        _check(t, "attendance", "attendance is null or attendance >= 0"),
        _fk(t, "schedule_id", "village_day_schedules.id", "CASCADE"),
        _fk(t, "town_id", "towns.id"),
        _fk(t, "village_id", "villages.id"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
        sa.UniqueConstraint("schedule_id", "held_on", name="uq_village_days_schedule_day"),
    )
    op.create_index(f"ix_{t}_village_id", t, ["village_id"])
    op.create_index("ix_village_days_town_held_on", t, ["town_id", "held_on"])

    t = "receptions"
    op.create_table(
        t,
        _id(),
        _town(),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("village_day_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("leader_name", sa.String(64), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("visitors", sa.String(400), nullable=False),
        sa.Column("topic", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _check(t, "kind", "kind in ('scheduled','appointment')"),
        _check(t, "status", "status in ('planned','done','cancelled')"),
        _fk(t, "town_id", "towns.id"),
        _fk(t, "village_id", "villages.id"),
        _fk(t, "village_day_id", "village_days.id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_village_day_id", t, ["village_day_id"])
    op.create_index("ix_receptions_town_starts_at", t, ["town_id", "starts_at"])

    t = "village_issues"
    big = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        t,
        _id(),
        _town(),
        sa.Column("village_day_id", sa.Integer(), nullable=True),
        sa.Column("reception_id", sa.Integer(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("raised_by", sa.String(64), nullable=False),
        sa.Column("log_id", big, nullable=True),
        sa.Column("case_id", big, nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_name", sa.String(64), nullable=False),
        _check(t, "source", "(village_day_id is null) <> (reception_id is null)"),
        _check(t, "became", "log_id is not null or case_id is not null"),
        _fk(t, "town_id", "towns.id"),
        _fk(t, "village_day_id", "village_days.id", "CASCADE"),
        _fk(t, "reception_id", "receptions.id", "CASCADE"),
        _fk(t, "log_id", "sentiment_logs.id"),
        _fk(t, "case_id", "cases.id"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_town_id", t, ["town_id"])
    op.create_index(f"ix_{t}_village_day_id", t, ["village_day_id"])
    op.create_index(f"ix_{t}_reception_id", t, ["reception_id"])

    t = "risk_assessments"
    op.create_table(
        t,
        _id(),
        _town(),
        sa.Column("project", sa.String(200), nullable=False),
        sa.Column("project_kind", sa.String(24), nullable=False),
        sa.Column("owner_unit", sa.String(100), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("risk_level", sa.String(8), nullable=True),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(24), nullable=True),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _check(
            t,
            "project_kind",
            "project_kind in ('land_acquisition','demolition','factory','renovation','restructuring','other')",
        ),
        _check(t, "risk_level", "risk_level is null or risk_level in ('high','medium','low')"),
        _check(
            t, "decision", "decision is null or decision in ('implement','with_measures','postpone','halt')"
        ),
        _check(
            t,
            "decided",
            "decision is null or (risk_level is not null and decided_on is not null and decided_by <> '')",
        ),
        _check(t, "high_risk", "not (risk_level = 'high' and decision = 'implement')"),
        _check(t, "measures", "decision is null or decision <> 'with_measures' or measures <> ''"),
        _fk(t, "town_id", "towns.id"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_town_id", t, ["town_id"])

    t = "risk_assessment_steps"
    op.create_table(
        t,
        _id(),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        _town(),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=True),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("suggestions", sa.Integer(), nullable=True),
        _check(t, "kind", "kind in ('notice_hearing','expert','survey')"),
        _check(
            t,
            "counts",
            "coalesce(participants, 0) >= 0 and coalesce(votes_for, 0) >= 0 and "
            "coalesce(votes_against, 0) >= 0 and coalesce(suggestions, 0) >= 0",
        ),
        _fk(t, "assessment_id", "risk_assessments.id", "CASCADE"),
        _fk(t, "town_id", "towns.id"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index(f"ix_{t}_assessment_id", t, ["assessment_id"])

    t = "errands"
    op.create_table(
        t,
        _id(),
        _town(),
        sa.Column("village_id", sa.Integer(), nullable=True),
        sa.Column("applicant", sa.String(64), nullable=False),
        sa.Column("applicant_phone", sa.String(20), nullable=False),
        sa.Column("matter", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("documents", sa.JSON(), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("handler", sa.String(64), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=False),
        sa.Column("promised_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _check(t, "status", "status in ('accepted','in_progress','done','returned')"),
        _check(t, "promise", "promised_on >= accepted_on"),
        _check(t, "done", "done_on is null or done_on >= accepted_on"),
        _check(t, "done_status", "(status = 'done') = (done_on is not null)"),
        _fk(t, "town_id", "towns.id"),
        _fk(t, "village_id", "villages.id"),
        sa.PrimaryKeyConstraint("id", name=f"pk_{t}"),
    )
    op.create_index("ix_errands_town_status", t, ["town_id", "status"])
    op.create_index("ix_errands_office", t, ["office"])

    if op.get_bind().dialect.name == "postgresql":
        _secure()


def _role_check(*roles: str) -> str:
    """The 0011 rule: the login needs an active users row of this database in one of ``roles``."""
    return f"((SELECT concord_user_role_in('{{{','.join(sorted(roles))}}}'::text[])) IS NOT NULL)"


def _secure() -> None:
    tables = ", ".join(TABLES)
    op.execute(f"GRANT SELECT ON {tables} TO {', '.join(READERS)}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON {tables} TO {', '.join(WRITERS)}")
    sequences = ", ".join(f"{t}_id_seq" for t in TABLES)
    op.execute(f"GRANT USAGE, SELECT ON SEQUENCE {sequences} TO {', '.join(WRITERS)}")
    everyone = _role_check("dispatcher", "leader", "admin")
    readers = _role_check("auditor", "department_staff")
    town = f"{_role_check('town_staff')} AND {MY_TOWN}"
    for table in TABLES:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY owner_all ON {table} TO CURRENT_USER USING (true) WITH CHECK (true)")
        op.execute(
            f"CREATE POLICY all_rows ON {table} AS PERMISSIVE FOR ALL "
            f"TO concord_dispatcher, concord_leader, concord_admin USING ({everyone}) WITH CHECK ({everyone})"
        )
        op.execute(
            f"CREATE POLICY all_read ON {table} AS PERMISSIVE FOR SELECT "
            f"TO concord_auditor, concord_department_staff USING ({readers})"
        )
        op.execute(
            f"CREATE POLICY town_scope ON {table} AS PERMISSIVE FOR ALL "
            f"TO concord_town_staff USING ({town}) WITH CHECK ({town})"
        )


def downgrade() -> None:
    # Policies and grants go with the tables.
    for table in reversed(TABLES):
        op.drop_table(table)
