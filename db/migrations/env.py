"""Alembic environment: runs migrations on the engine handed over by db.migrate (or a URL)."""

from __future__ import annotations

from alembic import context

from db.migrate import include_name
from db.models import Base
from db.session import make_engine

config = context.config
engine = config.attributes.get("engine") or make_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
