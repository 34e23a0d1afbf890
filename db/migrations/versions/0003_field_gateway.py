"""field gateway: device credentials, idempotency keys, report photos, the worker_latest sequence

- ``device_credentials``: one row per field phone (``workers.device_id``) with its API token's
  SHA-256 and its revocation; a revoked device is refused for positions and reports.
- ``idempotency_keys``: the stored answer to a report, so a retried request changes nothing.
- ``report_photos``: photos sent with a report (case or sentiment log), size-checked images.
- ``seq_counters``: the counter behind ``worker_latest.seq``, started past the newest seq already
  stored. Taking a value locks its row until commit, so seqs become visible in order.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import db.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "device_credentials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=True),
        sa.Column("issued_at", db.models.UtcDateTime(), nullable=True),
        sa.Column("revoked_at", db.models.UtcDateTime(), nullable=True),
        sa.Column("revoke_reason", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_device_credentials_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_credentials")),
        sa.UniqueConstraint("device_id", name=op.f("uq_device_credentials_device_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_device_credentials_token_hash")),
    )
    with op.batch_alter_table("device_credentials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_credentials_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "idempotency_keys",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        sa.Column("created_at", db.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_keys")),
        sa.UniqueConstraint("device_id", "key", name="uq_idempotency_keys_device_key"),
    )
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_idempotency_keys_created_at"), ["created_at"], unique=False)

    op.create_table(
        "report_photos",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("case_id", BigId, nullable=True),
        sa.Column("log_id", BigId, nullable=True),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", db.models.UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "case_id is not null or log_id is not null", name=op.f("ck_report_photos_has_owner")
        ),
        sa.CheckConstraint("size >= 0", name=op.f("ck_report_photos_size")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_report_photos_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["log_id"], ["sentiment_logs.id"], name=op.f("fk_report_photos_log_id_sentiment_logs")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_report_photos_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_photos")),
    )
    with op.batch_alter_table("report_photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_photos_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_photos_log_id"), ["log_id"], unique=False)

    op.create_table(
        "seq_counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_seq_counters")),
    )
    # Start past every seq already handed out, so readers holding a high-water mark miss nothing.
    op.execute(
        "INSERT INTO seq_counters (name, last) "
        "SELECT 'worker_latest', COALESCE(MAX(seq), 0) FROM worker_latest"
    )


def downgrade() -> None:
    op.drop_table("seq_counters")
    with op.batch_alter_table("report_photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_photos_log_id"))
        batch_op.drop_index(batch_op.f("ix_report_photos_case_id"))
    op.drop_table("report_photos")
    with op.batch_alter_table("idempotency_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_idempotency_keys_created_at"))
    op.drop_table("idempotency_keys")
    with op.batch_alter_table("device_credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_credentials_worker_id"))
    op.drop_table("device_credentials")
