"""The queue's due-date order as an index (keyset over coalesce(sla_due_at, far future), id).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # being written in this session (H-queue)


def downgrade() -> None:
    pass
