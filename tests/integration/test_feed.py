"""The change-feed reader must not skip ids that commit out of order (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, insert

from db.models import Change
from db.session import make_sessionmaker
from desktop.live.feed import FeedReader

AT = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)


def _commit(engine: Engine, change_id: int) -> None:
    with make_sessionmaker(engine).begin() as s:
        s.execute(insert(Change).values(id=change_id, at=AT, entity="case", entity_id=change_id, op="x"))


def test_gap_is_filled_when_the_slow_transaction_commits(engine: Engine) -> None:
    now = [0.0]
    reader = FeedReader(clock=lambda: now[0])
    sessions = make_sessionmaker(engine)
    _commit(engine, 1)
    _commit(engine, 3)  # id 2 was handed out first but its transaction commits later
    with sessions() as s:
        assert [r.id for r in reader.poll(s)] == [1, 3]
    assert set(reader.gaps) == {2}
    _commit(engine, 2)
    now[0] = 1.0
    with sessions() as s:
        assert [r.id for r in reader.poll(s)] == [2]
    assert reader.gaps == {}


def test_gap_is_given_up_after_the_timeout(engine: Engine) -> None:
    now = [0.0]
    reader = FeedReader(clock=lambda: now[0], gap_timeout=5)
    sessions = make_sessionmaker(engine)
    _commit(engine, 1)
    _commit(engine, 3)
    with sessions() as s:
        reader.poll(s)
        now[0] = 6.0
        assert reader.poll(s) == []
    assert reader.gaps == {}
