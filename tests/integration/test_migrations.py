"""Migrations and models agree, and every migration runs both ways, on both engines."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

from db.migrate import alembic_config, current_revision, head_revision, include_name
from db.models import Base


def test_models_match_the_migrated_schema(engine: Engine) -> None:
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(engine: Engine) -> None:
    cfg = alembic_config(engine)
    command.downgrade(cfg, "base")
    assert current_revision(engine) is None
    command.upgrade(cfg, "head")
    assert current_revision(engine) == head_revision()
