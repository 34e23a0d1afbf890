"""The sweeper under real PostgreSQL logins: a dispatcher's login sweeps (row-level security lets the
city information center see every case); the gateway's login may not read cases, so its sweeper
gives up after one try with one line saying where sweeps must run."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from db.models import Case
from db.session import make_engine, make_sessionmaker
from db.vocab import Level
from desktop.cases.service import SLA_CLOCK_STATUSES
from desktop.clock import utcnow
from desktop.sweeper import Sweeper
from tests.pg_logins import Logins, demo_server, unique_name


@pytest.fixture
def server(_templates: Any) -> Iterator[tuple[Engine, Logins]]:
    with demo_server(_templates) as (_url, admin, made):
        yield admin, made


def _make_overdue(engine: Engine) -> int:
    now = utcnow()
    with make_sessionmaker(engine).begin() as s:
        case_id = s.scalars(
            select(Case.id)
            .where(
                Case.status.in_([str(x) for x in SLA_CLOCK_STATUSES]),
                Case.level < int(Level.CITY),
                Case.sla_due_at > now + dt.timedelta(hours=1),
            )
            .order_by(Case.id)
            .limit(1)
        ).one()
        s.execute(update(Case).where(Case.id == case_id).values(sla_due_at=now - dt.timedelta(hours=1)))
        return int(case_id)


def test_a_dispatcher_login_sweeps(server: tuple[Engine, Logins]) -> None:
    admin, made = server
    case_id = _make_overdue(admin)
    login = made.add_user(unique_name("swdisp"), "调度员", "dispatcher")
    sweeper = Sweeper.for_engine(make_engine(login.url), 60)
    result = sweeper.step()
    assert not sweeper.gave_up and sweeper.failures == 0
    assert case_id in result.escalated
    with make_sessionmaker(admin)() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.status == "escalated"


def test_the_gateway_login_gives_up_with_one_line(
    server: tuple[Engine, Logins], caplog: pytest.LogCaptureFixture
) -> None:
    admin, made = server
    case_id = _make_overdue(admin)
    login = made.add_user(unique_name("swgate"), "网关", "gateway")
    caplog.set_level(logging.WARNING, logger="concord.sweeper")
    sweeper = Sweeper.for_engine(make_engine(login.url), 60)
    assert sweeper.step() is None
    assert sweeper.gave_up
    assert sweeper.step() is None
    (line,) = [r.getMessage() for r in caplog.records if r.name == "concord.sweeper"]
    assert login.name in line and "permission denied" in line and "main.py sweep" in line
    with make_sessionmaker(admin)() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.status != "escalated"
