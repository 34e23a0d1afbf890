"""Covering indexes for the analysis pane (desktop.analysis), measured by make bench at 1M cases.

- cases by report time with kind, category and town: trends and anomaly counts read the index
  alone instead of a table row per case;
- cases by resolution time with the resolving level, town, village, score and report time: the
  resolution shares, time to resolve and satisfaction had no index on ``resolved_at`` at all
  (a full scan, ~1.8 s on SQLite at 1M);
- case events by case with action and level: the escalation funnel's per-case probes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_cases_reported_cover": ("cases", ["reported_at", "kind", "category", "town_id"]),
    "ix_cases_resolved_cover": (
        "cases",
        ["resolved_at", "resolved_level", "town_id", "village_id", "satisfaction", "reported_at"],
    ),
    "ix_case_events_case_action": ("case_events", ["case_id", "action", "to_level"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
