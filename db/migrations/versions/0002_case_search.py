"""case search: index-backed, CJK-capable free-text search over cases

SQLite: an external-content FTS5 table ``cases_fts`` (trigram tokenizer: substring search that
works for Chinese, which has no spaces between words) over cases.title, description and number,
kept in step by triggers and filled from the existing rows. The parties' personal fields are
deliberately not indexed: roles that may not see them must not be able to find cases by them.

PostgreSQL: pg_trgm and GIN trigram indexes on the same three columns, which serve
``ILIKE '%…%'`` for patterns of three or more characters.

Both: an index on cases.village_id, so that "cases in the villages whose name or pinyin matches"
is an index lookup too and the whole search condition can be answered from indexes.

Note for later migrations: on SQLite a batch ("move and copy") rebuild of ``cases`` drops the
table's triggers; such a migration must create the three ``cases_fts_*`` triggers again and
rebuild ``cases_fts``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy.exc import DBAPIError

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

FTS_COLUMNS = ("title", "description", "number")
TRGM_INDEXES = {f"ix_cases_{col}_trgm": col for col in FTS_COLUMNS}
SQLITE_MIN_TRIGRAM = (3, 34, 0)


def _sqlite_fts() -> None:
    bind = op.get_bind()
    version = str(bind.exec_driver_sql("SELECT sqlite_version()").scalar())
    if tuple(int(p) for p in version.split(".")[:3]) < SQLITE_MIN_TRIGRAM:
        raise RuntimeError(
            f"SQLite {version} has no FTS5 trigram tokenizer; case search needs SQLite 3.34 or newer"
        )
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    op.execute(
        f"CREATE VIRTUAL TABLE cases_fts USING fts5({cols}, "
        "content='cases', content_rowid='id', tokenize='trigram')"
    )
    # The external-content pattern: FTS5 removes a row's old tokens only when given the old values.
    op.execute(
        f"CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN "
        f"INSERT INTO cases_fts(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN "
        f"INSERT INTO cases_fts(cases_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); END"
    )
    # Only when an indexed column is written: status changes (most updates) cost nothing here.
    op.execute(
        f"CREATE TRIGGER cases_fts_au AFTER UPDATE OF id, {cols} ON cases BEGIN "
        f"INSERT INTO cases_fts(cases_fts, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO cases_fts(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute("INSERT INTO cases_fts(cases_fts) VALUES ('rebuild')")


def _postgres_trgm() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    bind = op.get_bind()
    # pg_trgm indexes only the characters the server's LC_CTYPE calls letters or digits: Chinese
    # under a UTF-8 locale (C.UTF-8, zh_CN.UTF-8, en_US.UTF-8), nothing under plain "C".
    # Searching stays correct either way (ILIKE rechecks); only the index would not help.
    if not bind.exec_driver_sql("SELECT cardinality(show_trgm('纠纷调解')) > 0").scalar():
        log.warning(
            "the server's locale (LC_CTYPE) does not treat Chinese characters as letters: "
            "Chinese case search works but cannot use the trigram indexes"
        )
    for name, col in TRGM_INDEXES.items():
        op.create_index(name, "cases", [col], postgresql_using="gin", postgresql_ops={col: "gin_trgm_ops"})


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_village_id"), ["village_id"], unique=False)
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        _sqlite_fts()
    elif dialect == "postgresql":
        _postgres_trgm()


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for trigger in ("cases_fts_au", "cases_fts_ad", "cases_fts_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS cases_fts")
    elif dialect == "postgresql":
        for name in TRGM_INDEXES:
            op.drop_index(name, table_name="cases")
        # Drop pg_trgm unless something else in the database uses it (then it stays, untouched).
        bind = op.get_bind()
        savepoint = bind.begin_nested()
        try:
            bind.exec_driver_sql("DROP EXTENSION IF EXISTS pg_trgm RESTRICT")
        except DBAPIError:
            savepoint.rollback()
            log.info("pg_trgm is used by other objects in this database; it is kept")
        else:
            savepoint.commit()
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_village_id"))
