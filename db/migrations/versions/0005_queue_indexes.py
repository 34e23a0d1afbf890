"""Indexes for the queue's common filter and sort combinations (measured by make bench).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_cases_severity_id": ["severity", "id"],
    "ix_cases_status_updated_id": ["status", "updated_at", "id"],
    "ix_cases_town_updated_id": ["town_id", "updated_at", "id"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "cases", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="cases")
