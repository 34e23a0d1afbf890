"""The worker list's read model (desktop.live.worker_list) on both engines: status by the age of the
last fix as the map draws it, last seen, search by name, pinyin initials and phone (only for
those who may read phones), masking, scope, status filter and limit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Town, Worker, WorkerLatest
from db.session import make_sessionmaker
from db.vocab import Role
from desktop.cases.ladder import Actor
from desktop.errors import Refusal
from desktop.live.mapdata import mask_phone
from desktop.live.worker_list import worker_list

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
DISPATCHER = Actor(user_id=None, role=Role.DISPATCHER)
DEPARTMENT = Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=1)


@pytest.fixture
def sessions(demo_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(demo_engine)


def _setup(s: Session) -> dict[str, Worker]:
    s.execute(delete(WorkerLatest))
    town = s.scalars(select(Town.id).order_by(Town.id)).first()
    workers = list(s.scalars(select(Worker).where(Worker.town_id == town).order_by(Worker.id).limit(4)))
    ages = {
        "online": dt.timedelta(minutes=2),
        "stale": dt.timedelta(minutes=30),
        "offline": dt.timedelta(hours=3),
    }
    named = {}
    for seq, (state, worker) in enumerate(
        zip(["online", "stale", "offline"], workers, strict=False), start=1
    ):
        s.add(
            WorkerLatest(
                worker_id=worker.id,
                seq=seq,
                device_time=NOW - ages[state],
                received_at=NOW - ages[state],
                lat=36.8,
                lon=119.9 + seq * 0.01,
                battery=15.0 * seq,
                grid_id=worker.grid_id,
            )
        )
        named[state] = worker
    named["never"] = workers[3]
    # A distinctive name, pinyin and phone to search for.
    named["online"].name, named["online"].pinyin, named["online"].phone = "欧阳娜娜", "oynn", "13912345678"
    s.commit()
    return named


def test_statuses_last_seen_and_order(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        w = _setup(s)
        found = worker_list(s, DISPATCHER, now=NOW, limit=10_000)
    by_id = {r.id: r for r in found.rows}
    assert by_id[w["online"].id].status == "online"
    assert by_id[w["stale"].id].status == "stale"
    assert by_id[w["offline"].id].status == "offline"
    assert by_id[w["never"].id].status == "offline" and by_id[w["never"].id].last_seen is None
    assert by_id[w["online"].id].last_seen == NOW - dt.timedelta(minutes=2)
    assert by_id[w["online"].id].battery == 15.0 and by_id[w["online"].id].lat == 36.8
    assert by_id[w["online"].id].town and by_id[w["online"].id].grid
    assert found.counts == {"online": 1, "stale": 1, "offline": found.total - 2}
    assert found.total == len(found.rows)
    # Reachable first: newest fix first, never-seen last.
    assert [r.id for r in found.rows[:3]] == [w["online"].id, w["stale"].id, w["offline"].id]


def test_search_by_name_pinyin_and_phone(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        w = _setup(s)
        target = w["online"].id
        assert [r.id for r in worker_list(s, DISPATCHER, "欧阳", now=NOW).rows] == [target]
        assert [r.id for r in worker_list(s, DISPATCHER, "OYN", now=NOW).rows] == [target]
        assert [r.id for r in worker_list(s, DISPATCHER, "1234567", now=NOW).rows] == [target]
        dispatcher_row = worker_list(s, DISPATCHER, "欧阳", now=NOW).rows[0]
        # Department staff see masked numbers and cannot search by them.
        masked = worker_list(s, DEPARTMENT, "欧阳", now=NOW).rows[0]
        assert worker_list(s, DEPARTMENT, "1234567", now=NOW).rows == []
        # Wildcards are taken literally; nothing matches.
        assert worker_list(s, DISPATCHER, "%", now=NOW).total == 0
        assert worker_list(s, DISPATCHER, "没有这个人", now=NOW).rows == []
    assert dispatcher_row.phone == "13912345678"
    assert masked.phone == mask_phone("13912345678") != "13912345678"


def test_scope_status_filter_and_limit(sessions: sessionmaker[Session]) -> None:
    with sessions() as s:
        w = _setup(s)
        town = w["online"].town_id
        other = s.scalar(select(Town.id).where(Town.id != town).limit(1))
        staff = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=town)
        mine = worker_list(s, staff, now=NOW, limit=10_000)
        towns = set(s.scalars(select(Worker.town_id).where(Worker.id.in_([r.id for r in mine.rows]))))
        elsewhere = Actor(user_id=None, role=Role.TOWN_STAFF, town_id=other)
        # Another town's staff do not find this worker, not even by phone.
        assert worker_list(s, elsewhere, "1234567", now=NOW).rows == []
        assert worker_list(s, elsewhere, "欧阳", now=NOW).rows == []
        online = worker_list(s, DISPATCHER, status="online", now=NOW)
        stale = worker_list(s, DISPATCHER, status="stale", now=NOW)
        limited = worker_list(s, DISPATCHER, now=NOW, limit=5)
        with pytest.raises(Refusal) as caught:
            worker_list(s, DISPATCHER, status="asleep", now=NOW)
        assert caught.value.code == "workers.unknown_status"
    assert towns == {town}
    assert [r.id for r in online.rows] == [w["online"].id] and online.total == 1
    assert [r.id for r in stale.rows] == [w["stale"].id]
    assert len(limited.rows) == 5 and limited.total > 5
