"""The queue's due-date order as indexes: (sla_due_at, id) replaces (sla_due_at), and the same
over open cases only.

The queue reads DUE pages as keyset ranges over (sla_due_at, id) for cases with a deadline, then
over id for those without (desktop.cases.queue._fetch_due); PostgreSQL needs ``id`` in the index to
serve that order and the row comparison without a sort. The old one-column index is a prefix of
the new one, so it goes: every query it served, the new one serves.

Open cases are a few percent of a city's and their deadlines lie after nearly all closed cases',
so a walk of the full index in deadline order for open cases passes hundreds of thousands of
closed ones first; the partial index over open cases (the queue's default view) holds only them.

Plain CREATE/DROP INDEX, no table rebuild, so SQLite keeps migration 0002's FTS triggers.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

# As db.models.OPEN_CASES_SQL at this revision (a migration does not follow later model edits).
OPEN_CASES_SQL = "status IN ('accepted', 'escalated', 'in_progress', 'reported', 'resolved')"

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_sla_due_id", "cases", ["sla_due_at", "id"])
    op.drop_index("ix_cases_sla_due_at", table_name="cases")
    op.create_index(
        "ix_cases_open_due_id",
        "cases",
        ["sla_due_at", "id"],
        sqlite_where=text(OPEN_CASES_SQL),
        postgresql_where=text(OPEN_CASES_SQL),
    )


def downgrade() -> None:
    op.drop_index("ix_cases_open_due_id", table_name="cases")
    op.create_index("ix_cases_sla_due_at", "cases", ["sla_due_at"])
    op.drop_index("ix_cases_sla_due_id", table_name="cases")
