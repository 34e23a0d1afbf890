"""Supervision orders remember the last reminder reached, so each is recorded once.

``last_reminder_hours``: how many hours before the deadline the last reminder fired (72, 24, 4 …
as configured), 0 once the order went overdue and was escalated to its issuer, NULL before any.
The sweep advances it with a conditional UPDATE, so two sweeps (or two processes) record each
stage once.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("supervision_orders", sa.Column("last_reminder_hours", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("supervision_orders") as batch:
        batch.drop_column("last_reminder_hours")
