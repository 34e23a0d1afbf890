"""The handles the interface holds on the database, without reaching into it.

The interface never writes SQL: it keeps an engine and a session factory, passes them to the
read models and use cases of ``desktop/``, and catches the database's errors by these names. This
module is the one place ``ui/`` gets them from (the layering test forbids ``ui/`` to import
SQLAlchemy or ``db`` itself).
"""

from __future__ import annotations

from typing import TypeAlias

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

SessionFactory: TypeAlias = sessionmaker[Session]

__all__ = ["DBAPIError", "Engine", "OperationalError", "SQLAlchemyError", "Session", "SessionFactory"]
