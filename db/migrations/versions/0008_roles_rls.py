"""PostgreSQL group roles, grants and forced row-level security for the central deployment.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from __future__ import annotations

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # being written in this session (H-rls)


def downgrade() -> None:
    pass
