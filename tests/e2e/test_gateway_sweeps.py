"""The gateway sweeps by default: ``python main.py gateway`` as a subprocess escalates a case whose SLA
ran out with nobody running ``main.py sweep`` — as one process and with ``--processes 2`` (where only
the parent sweeps) — and under the gateway's own PostgreSQL login, which may not read cases, says
once where sweeps must run instead and goes on serving.

No speed is asserted: the tests poll with generous deadlines."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from db.models import Case, CaseEvent
from db.session import make_sessionmaker
from db.vocab import Level
from desktop.cases.service import SLA_CLOCK_STATUSES, SWEEP_REASON
from desktop.clock import utcnow
from tests.pg_logins import demo_server, unique_name

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_S = 120.0
INTERVAL = "0.2"  # seconds between sweeps in these tests (CONCORD_SWEEP_INTERVAL_S)


class GatewayProcess:
    """``main.py gateway`` on a free port, its output read into lists as it comes."""

    def __init__(self, url: str, *extra: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "main.py"), "--db", url, "gateway", "--host", "127.0.0.1"]
            + ["--port", "0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, **(env or {})},
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(self.proc.stdout, self.out), daemon=True),
            threading.Thread(target=self._read, args=(self.proc.stderr, self.err), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        line = self.wait_for(self.out, lambda text: text.startswith("gateway listening on "))
        self.base = line.split()[3]

    @staticmethod
    def _read(stream: object, into: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            into.append(line.rstrip("\n"))

    def wait_for(self, lines: list[str], match: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            found = next((line for line in list(lines) if match(line)), None)
            if found is not None:
                return found
            if self.proc.poll() is not None and not any(r.is_alive() for r in self._readers):
                break
            time.sleep(0.1)
        self.stop()
        raise AssertionError("gateway output never matched; stderr:\n" + "\n".join(self.err[-40:]))

    def healthy(self) -> bool:
        with urllib.request.urlopen(self.base + "/api/v1/health", timeout=30) as answer:
            return bool(answer.status == 200)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(timeout=30)
        for reader in self._readers:
            reader.join(10)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return code


def make_overdue(engine: Engine) -> tuple[int, int]:
    """An open case whose SLA is far from running out now runs out an hour ago (id, level)."""
    now = utcnow()
    sessions = make_sessionmaker(engine)
    with sessions.begin() as s:
        case = s.scalars(
            select(Case)
            .where(
                Case.status.in_([str(x) for x in SLA_CLOCK_STATUSES]),
                Case.level < int(Level.CITY),
                Case.sla_due_at > now + dt.timedelta(hours=1),
            )
            .order_by(Case.id)
            .limit(1)
        ).one()
        s.execute(update(Case).where(Case.id == case.id).values(sla_due_at=now - dt.timedelta(hours=1)))
        return case.id, case.level


def sweep_events(engine: Engine, case_id: int) -> list[CaseEvent]:
    with make_sessionmaker(engine)() as s:
        return list(
            s.scalars(
                select(CaseEvent).where(
                    CaseEvent.case_id == case_id,
                    CaseEvent.actor_role == "system",
                    CaseEvent.reason == SWEEP_REASON,
                )
            )
        )


def wait_escalated(engine: Engine, case_id: int) -> Case:
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        with make_sessionmaker(engine)() as s:
            case = s.get(Case, case_id)
            assert case is not None
            if case.status == "escalated":
                return case
        time.sleep(0.2)
    raise AssertionError(f"case {case_id} was not escalated within {DEADLINE_S:.0f} s")


@pytest.mark.parametrize("processes", ["1", "2"])
def test_the_gateway_escalates_an_overdue_case_by_itself(
    demo_url: str, demo_engine: Engine, processes: str
) -> None:
    gateway = GatewayProcess(demo_url, "--processes", processes, env={"CONCORD_SWEEP_INTERVAL_S": INTERVAL})
    try:
        # Made overdue only now, while the gateway runs: escalated by a periodic sweep, not by
        # one at start.
        case_id, level = make_overdue(demo_engine)
        case = wait_escalated(demo_engine, case_id)
        assert case.level == level + 1
        assert gateway.healthy()
    finally:
        code = gateway.stop()
    assert code == 0, "\n".join(gateway.err[-40:])
    (event,) = sweep_events(demo_engine, case_id)
    assert (event.from_level, event.to_level) == (level, level + 1)
    assert not [line for line in gateway.err if "sweep" in line], gateway.err


@pytest.fixture
def pg_demo(_templates: object) -> Iterator[tuple[str, Engine, object]]:
    with demo_server(_templates) as (url, admin, made):
        yield url, admin, made


def test_the_gateway_login_may_not_sweep_and_says_so_once(pg_demo: tuple[str, Engine, object]) -> None:
    _url, admin, made = pg_demo
    login = made.add_user(unique_name("gwsweep"), "网关", "gateway")  # type: ignore[attr-defined]
    gateway = GatewayProcess(login.url, env={"CONCORD_SWEEP_INTERVAL_S": INTERVAL})
    try:
        line = gateway.wait_for(gateway.err, lambda text: "may not sweep" in text)
        assert login.name in line and "main.py sweep" in line and "cron" in line
        case_id, _level = make_overdue(admin)
        # Many intervals later the gateway still serves and has said it once.
        for _ in range(10):
            time.sleep(float(INTERVAL))
            assert gateway.healthy()
    finally:
        code = gateway.stop()
    assert code == 0, "\n".join(gateway.err[-40:])
    assert sum("sweep" in text for text in gateway.err) == 1, gateway.err
    with make_sessionmaker(admin)() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.status != "escalated"
