"""coordination meetings: rooms, meetings, participants, agenda, minutes, action items, busy times

- ``meetings`` with status draft → scheduled → held → minutes_approved (or cancelled/postponed
  with a reason), audited in ``meeting_events`` and announced on the change feed.
- ``meeting_participants`` (departments and named people, each with an invitation state).
- ``agenda_items`` with the case's summary and timeline frozen as of convening.
- ``meeting_minutes`` and ``action_items`` (decisions: what, owner, due date, status, evidence).
- ``busy_times``: busy intervals of a department, a person or a room (imported from .ics).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 01:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rooms")),
        sa.UniqueConstraint("name", name=op.f("uq_rooms_name")),
    )
    op.create_table(
        "busy_times",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", db.models.UtcDateTime(), nullable=False),
        sa.Column("ends_at", db.models.UtcDateTime(), nullable=False),
        sa.Column("summary", sa.String(length=200), nullable=False),
        sa.Column("source_uid", sa.String(length=255), nullable=False),
        sa.CheckConstraint(
            "department_id is not null or user_id is not null or room_id is not null",
            name=op.f("ck_busy_times_whose"),
        ),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_busy_times_interval")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_busy_times_department_id_departments")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_busy_times_room_id_rooms")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_busy_times_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_busy_times")),
    )
    with op.batch_alter_table("busy_times", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_busy_times_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_busy_times_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_busy_times_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_busy_times_user_id"), ["user_id"], unique=False)

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("convener_user_id", sa.Integer(), nullable=True),
        sa.Column("convener_name", sa.String(length=64), nullable=False),
        sa.Column("starts_at", db.models.UtcDateTime(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("video_link", sa.String(length=300), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("created_at", db.models.UtcDateTime(), nullable=False),
        sa.Column("updated_at", db.models.UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "status in ('draft','scheduled','held','minutes_approved','cancelled','postponed')",
            name=op.f("ck_meetings_status"),
        ),
        sa.CheckConstraint("duration_min > 0", name=op.f("ck_meetings_duration")),
        sa.ForeignKeyConstraint(
            ["convener_user_id"], ["users.id"], name=op.f("fk_meetings_convener_user_id_users")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_meetings_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meetings_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_meetings_status"), ["status"], unique=False)

    op.create_table(
        "meeting_events",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("at", db.models.UtcDateTime(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("actor_name", sa.String(length=64), nullable=False),
        sa.Column("actor_role", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["users.id"], name=op.f("fk_meeting_events_actor_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_events_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_events")),
    )
    with op.batch_alter_table("meeting_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_events_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "meeting_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_at", db.models.UtcDateTime(), nullable=False),
        sa.Column("approved_at", db.models.UtcDateTime(), nullable=True),
        sa.Column("approved_by_user_id", sa.Integer(), nullable=True),
        sa.Column("approved_by_name", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["approved_by_user_id"], ["users.id"], name=op.f("fk_meeting_minutes_approved_by_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_minutes_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_minutes")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_meeting_minutes_meeting_id")),
    )
    op.create_table(
        "meeting_participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("deputy_name", sa.String(length=64), nullable=False),
        sa.CheckConstraint(
            "state in ('invited','confirmed','declined','deputy')", name=op.f("ck_meeting_participants_state")
        ),
        sa.CheckConstraint(
            "department_id is not null or user_id is not null", name=op.f("ck_meeting_participants_who")
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["departments.id"],
            name=op.f("fk_meeting_participants_department_id_departments"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_participants_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_meeting_participants_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_participants")),
    )
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_participants_department_id"), ["department_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_participants_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_participants_user_id"), ["user_id"], unique=False)

    op.create_table(
        "agenda_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("case_id", BigId, nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("case_summary", sa.JSON(), nullable=True),
        sa.Column("case_timeline", sa.JSON(), nullable=True),
        sa.Column("minutes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_agenda_items_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_agenda_items_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_items")),
    )
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agenda_items_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agenda_items_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "action_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("case_id", BigId, nullable=True),
        sa.Column("decision", sa.Text(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("owner_user_id", sa.Integer(), nullable=True),
        sa.Column("owner_name", sa.String(length=64), nullable=False),
        sa.Column("due_at", db.models.UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("completed_at", db.models.UtcDateTime(), nullable=True),
        sa.Column("supervision_order_id", sa.Integer(), nullable=True),
        sa.Column("created_at", db.models.UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "status in ('draft','awaiting_department','done','cancelled')",
            name=op.f("ck_action_items_status"),
        ),
        sa.CheckConstraint(
            "department_id is not null or owner_user_id is not null", name=op.f("ck_action_items_owner")
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"], ["agenda_items.id"], name=op.f("fk_action_items_agenda_item_id_agenda_items")
        ),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_action_items_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["department_id"], ["departments.id"], name=op.f("fk_action_items_department_id_departments")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"], name=op.f("fk_action_items_meeting_id_meetings")
        ),
        sa.ForeignKeyConstraint(
            ["owner_user_id"], ["users.id"], name=op.f("fk_action_items_owner_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["supervision_order_id"],
            ["supervision_orders.id"],
            name=op.f("fk_action_items_supervision_order_id_supervision_orders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_items")),
    )
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_items_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_items_department_id"), ["department_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_items_due_at"), ["due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_items_meeting_id"), ["meeting_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_items_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("action_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_items_status"))
        batch_op.drop_index(batch_op.f("ix_action_items_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_action_items_due_at"))
        batch_op.drop_index(batch_op.f("ix_action_items_department_id"))
        batch_op.drop_index(batch_op.f("ix_action_items_case_id"))

    op.drop_table("action_items")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agenda_items_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_agenda_items_case_id"))

    op.drop_table("agenda_items")
    with op.batch_alter_table("meeting_participants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_participants_user_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_participants_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_participants_department_id"))

    op.drop_table("meeting_participants")
    op.drop_table("meeting_minutes")
    with op.batch_alter_table("meeting_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_events_meeting_id"))

    op.drop_table("meeting_events")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meetings_status"))
        batch_op.drop_index(batch_op.f("ix_meetings_starts_at"))
        batch_op.drop_index(batch_op.f("ix_meetings_room_id"))

    op.drop_table("meetings")
    with op.batch_alter_table("busy_times", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_busy_times_user_id"))
        batch_op.drop_index(batch_op.f("ix_busy_times_starts_at"))
        batch_op.drop_index(batch_op.f("ix_busy_times_room_id"))
        batch_op.drop_index(batch_op.f("ix_busy_times_department_id"))

    op.drop_table("busy_times")
    op.drop_table("rooms")
