"""positions history partitioned by day on PostgreSQL, with retention.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # being written in this session (H-ingest)


def downgrade() -> None:
    pass
