"""Engine and session factory for both engines: SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_URL = "CONCORD_DB_URL"


class DatabaseError(RuntimeError):
    """A database problem explained in words a user can act on."""


def default_sqlite_path() -> Path:
    return Path(user_data_dir("concord", "Concord")) / "concord.db"


def resolve_url(url: str | None) -> str:
    """The URL to use: the explicit one, then ``CONCORD_DB_URL``, then the embedded default."""
    chosen = url or os.environ.get(ENV_URL)
    if chosen:
        if chosen.startswith("postgresql://") or chosen.startswith("postgres://"):
            # psycopg 3 is our driver; accept the plain libpq spelling users copy from docs.
            chosen = "postgresql+psycopg://" + chosen.split("://", 1)[1]
        return chosen
    path = default_sqlite_path()
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys and a busy timeout on every connection."""
    resolved = make_url(resolve_url(url))
    if resolved.get_backend_name() == "sqlite":
        db = resolved.database
        if db and db != ":memory:":
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if resolved.get_backend_name() == "postgresql":
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(resolved, **kwargs)
    raise DatabaseError(f"unsupported database URL scheme: {resolved.drivername}")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
