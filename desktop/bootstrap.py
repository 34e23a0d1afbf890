"""Opening a database for use: check the schema version, migrate, seed the demo city once."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.models import City
from db.session import make_engine, make_sessionmaker
from desktop.clock import utcnow


def open_database(
    url: str | None,
    *,
    seed_demo: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[Engine, sessionmaker[Session]]:
    """Connect, refuse a too-new schema, upgrade an older one; optionally seed an empty database."""
    engine = make_engine(url)
    migrate.check_compatible(engine)
    if migrate.needs_upgrade(engine):
        migrate.upgrade(engine)
    sessions = make_sessionmaker(engine)
    if seed_demo:
        with sessions() as s:
            has_city = s.scalar(select(City.id).limit(1)) is not None
        if not has_city:
            from desktop.seed.demo import build_demo

            build_demo(sessions, progress=progress)
            from desktop.meetings.service import MeetingError
            from desktop.seed.meetings import build_demo_meetings

            try:
                build_demo_meetings(sessions, utcnow())
            except MeetingError as exc:  # the city is there; a demo without meetings still runs
                logging.getLogger(__name__).warning("demo meetings not made: %s", exc)
    return engine, sessions
