"""The stages each case ever reached, kept on the case: ``cases.milestones`` (db.vocab.Milestone).

The escalation funnel (desktop.analysis.escalation_funnel) counts, per stage, the cases that ever
reached it. Reading that from the audit trail joined ~1.6M case_events for the quarter of a
million cases of a 3-month period at 1M cases (0.57 s SQLite, 0.86 s PostgreSQL). Now:

- ``cases.milestones``: integer bitmask, 0 by default — accept 1, escalate to the town 2, escalate
  to the city 4, resolve 8, verify or close 16;
- kept by the database itself: an AFTER INSERT trigger on ``case_events`` ORs the event's bit into
  its case, so every write path (the ladder, the SLA sweep, the gateway, desk intake, the demo
  builder's COPY) keeps it right. It writes only when the bit is new, so events whose bits the case
  already has (the demo builder computes them itself) cost a lookup and no write. On PostgreSQL the
  trigger function runs with the owner's rights (pinned search_path): town, department and gateway
  logins may not update every case row, yet their events must still mark their case. Milestones is
  no state column: the deferred ``cases_state_needs_event`` check (0011) does not fire for it, and
  SQLite's FTS update trigger (0002) fires only for the searched columns;
- filled from the existing events (one UPDATE … FROM, both engines);
- ``ix_cases_reported_milestones`` (reported_at, town_id, milestones): the funnel reads the index
  alone.

Administrators and auditors read cases through a column list (0008/0011): they get the column.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# Frozen here (a migration must not change with the app): db.vocab.Milestone / milestone_of.
MILESTONE_ACTIONS = "('accept', 'escalate', 'resolve', 'verify', 'close')"


def _bit(action: str, to_level: str) -> str:
    return (
        f"CASE WHEN {action} = 'accept' THEN 1 "
        f"WHEN {action} = 'escalate' AND {to_level} = 2 THEN 2 "
        f"WHEN {action} = 'escalate' AND {to_level} = 3 THEN 4 "
        f"WHEN {action} = 'resolve' THEN 8 "
        f"WHEN {action} IN ('verify', 'close') THEN 16 "
        "ELSE 0 END"
    )


PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION concord_mark_case_milestone() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  v_bit integer := {_bit("NEW.action", "NEW.to_level")};
BEGIN
  IF v_bit <> 0 THEN
    UPDATE public.cases SET milestones = milestones | v_bit
     WHERE id = NEW.case_id AND (milestones & v_bit) = 0;
  END IF;
  RETURN NULL;
END $$;
"""


def upgrade() -> None:
    op.add_column("cases", sa.Column("milestones", sa.Integer(), nullable=False, server_default="0"))
    dialect = op.get_bind().dialect.name
    # Backfill from the audit trail: one pass over the relevant events, grouped per case.
    bits = " + ".join(
        f"max(CASE WHEN ({_bit('action', 'to_level')}) = {b} THEN {b} ELSE 0 END)" for b in (1, 2, 4, 8, 16)
    )
    op.execute(
        f"UPDATE cases SET milestones = m.bits FROM ("
        f"SELECT case_id, {bits} AS bits FROM case_events WHERE action IN {MILESTONE_ACTIONS} "
        "GROUP BY case_id) AS m WHERE m.case_id = cases.id AND m.bits <> 0"
    )
    op.create_index("ix_cases_reported_milestones", "cases", ["reported_at", "town_id", "milestones"])
    if dialect == "postgresql":
        op.execute(PG_FUNCTION)
        # Writers may UPDATE cases; the milestones follow the audit trail only: set by the
        # owner-rights function above (current_user is then the owner), never by hand.
        op.execute(
            """
            CREATE FUNCTION concord_guard_milestones() RETURNS trigger
            LANGUAGE plpgsql SET search_path = pg_catalog AS $$
            BEGIN
              IF NEW.milestones IS DISTINCT FROM OLD.milestones
                 AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')
              THEN
                RAISE EXCEPTION 'cases.milestones follows the audit trail and cannot be set'
                  USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NEW;
            END $$
            """
        )
        op.execute(
            "CREATE TRIGGER cases_milestones_guard BEFORE UPDATE OF milestones ON cases "
            "FOR EACH ROW EXECUTE FUNCTION concord_guard_milestones()"
        )
        op.execute("REVOKE ALL ON FUNCTION concord_mark_case_milestone() FROM PUBLIC")
        op.execute(
            "CREATE TRIGGER case_events_milestones AFTER INSERT ON case_events FOR EACH ROW "
            f"WHEN (NEW.action IN {MILESTONE_ACTIONS}) EXECUTE FUNCTION concord_mark_case_milestone()"
        )
        op.execute("GRANT SELECT (milestones) ON cases TO concord_admin, concord_auditor")
    else:
        op.execute(
            "CREATE TRIGGER case_events_milestones AFTER INSERT ON case_events "
            f"WHEN NEW.action IN {MILESTONE_ACTIONS} BEGIN "
            f"UPDATE cases SET milestones = milestones | ({_bit('NEW.action', 'NEW.to_level')}) "
            f"WHERE id = NEW.case_id AND (milestones & ({_bit('NEW.action', 'NEW.to_level')})) = 0; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS cases_milestones_guard ON cases")
        op.execute("DROP FUNCTION IF EXISTS concord_guard_milestones()")
        op.execute("DROP TRIGGER IF EXISTS case_events_milestones ON case_events")
        op.execute("DROP FUNCTION IF EXISTS concord_mark_case_milestone()")
    else:
        op.execute("DROP TRIGGER IF EXISTS case_events_milestones")
    op.drop_index("ix_cases_reported_milestones", table_name="cases")
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild would lose SQLite's FTS and audit triggers.
    op.execute("ALTER TABLE cases DROP COLUMN milestones")
