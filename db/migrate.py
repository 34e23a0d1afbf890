"""Schema versioning through Alembic: upgrade, and refuse a database newer than this program."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from db.session import DatabaseError

MIGRATIONS = Path(__file__).parent / "migrations"
# Search indexes are engine-specific and made by hand in 0002 (FTS5 on SQLite, pg_trgm on
# PostgreSQL); they have no model, so autogenerate must not propose dropping them.
HAND_MADE_TABLES = ("cases_fts",)


def include_name(name: str | None, type_: str, _parent: object) -> bool:
    if name is None:
        return True
    if type_ == "table" and name.startswith(HAND_MADE_TABLES):
        return False
    return not (type_ == "index" and name.endswith("_trgm"))


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_compatible(engine: Engine) -> None:
    """Refuse a database whose schema this program does not know (made by a newer release)."""
    rev = current_revision(engine)
    if rev is None:
        return
    script = ScriptDirectory(str(MIGRATIONS))
    known = {s.revision for s in script.walk_revisions()}
    if rev not in known:
        raise DatabaseError(
            f"the database schema (revision {rev}) is newer than this program understands "
            f"(newest known: {head_revision()}); install the Concord release that created it or newer"
        )


def upgrade(engine: Engine) -> None:
    check_compatible(engine)
    command.upgrade(alembic_config(engine), "head")


def is_empty(engine: Engine) -> bool:
    return "cases" not in inspect(engine).get_table_names()


def needs_upgrade(engine: Engine) -> bool:
    return current_revision(engine) != head_revision()
