"""Case intake at the desk: the channel a case came in by, category routing, sensitive periods.

- ``cases.channel``: how the case reached us — ``field`` (a grid worker's report, the phones'
  API; every case before this migration), ``reception`` (一站式接待 hall), ``phone`` (a call) or
  ``petition`` (transferred by the petition bureau, 信访局转办).
- ``cases.reporter_phone``: the phone of the person who reported it at the desk. Personal like
  the parties' fields: administrators and auditors get no column privilege on it.
- ``category_routes``: category → the department a desk intake of that category is routed to
  (a ``case_departments`` row). City-wide; administrators edit it.
- ``sensitive_periods``: the calendar of sensitive periods (敏感时期); a case reported on a day
  inside one gets the sensitive-period flag by default. City-wide; dispatchers and
  administrators edit it.

Both settings tables are read by everyone who works with cases (and the gateway, whose reports
go through the same intake rules); they have no row-level security: there is nothing per town in
them.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

CHANNELS = ("field", "reception", "phone", "petition")

DISPATCHER = "concord_dispatcher"
LEADER = "concord_leader"
TOWN = "concord_town_staff"
DEPT = "concord_department_staff"
ADMIN = "concord_admin"
AUDITOR = "concord_auditor"
GATEWAY = "concord_gateway"
READERS = (DISPATCHER, LEADER, TOWN, DEPT, ADMIN, AUDITOR, GATEWAY)


def upgrade() -> None:
    channels = ", ".join(f"'{c}'" for c in CHANNELS)
    # Raw DDL, identical on both engines: a column CHECK that SQLite can drop with the column.
    op.execute(
        "ALTER TABLE cases ADD COLUMN channel VARCHAR(16) DEFAULT 'field' NOT NULL "
        f"CONSTRAINT ck_cases_channel CHECK (channel IN ({channels}))"
    )
    op.add_column("cases", sa.Column("reporter_phone", sa.String(20), nullable=False, server_default=""))
    op.create_table(
        "category_routes",
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name="fk_category_routes_department_id_departments",
        ),
        sa.PrimaryKeyConstraint("category", name="pk_category_routes"),
    )
    op.create_table(
        "sensitive_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("focus", sa.Text(), nullable=False, server_default=""),
        sa.CheckConstraint("ends_on >= starts_on", name="ck_sensitive_periods_span"),
        sa.PrimaryKeyConstraint("id", name="pk_sensitive_periods"),
    )
    op.create_index("ix_sensitive_periods_starts_on", "sensitive_periods", ["starts_on"])

    if op.get_bind().dialect.name != "postgresql":
        return
    readers = ", ".join(READERS)
    op.execute(f"GRANT SELECT ON category_routes, sensitive_periods TO {readers}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON category_routes TO {ADMIN}")
    op.execute(f"GRANT INSERT, UPDATE, DELETE ON sensitive_periods TO {DISPATCHER}, {ADMIN}")
    op.execute(f"GRANT USAGE, SELECT ON SEQUENCE sensitive_periods_id_seq TO {DISPATCHER}, {ADMIN}")
    # Administrators and auditors read cases through a column list (0008): add the channel, not
    # the reporter's phone (personal, like the party fields).
    op.execute(f"GRANT SELECT (channel) ON cases TO {ADMIN}, {AUDITOR}")
    op.execute(f"GRANT UPDATE (channel) ON cases TO {ADMIN}")


def downgrade() -> None:
    op.drop_index("ix_sensitive_periods_starts_on", table_name="sensitive_periods")
    op.drop_table("sensitive_periods")
    op.drop_table("category_routes")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would lose SQLite's FTS and audit triggers.
    op.execute("ALTER TABLE cases DROP COLUMN reporter_phone")
    op.execute("ALTER TABLE cases DROP COLUMN channel")
