"""The background sweeper (desktop.sweeper) with a fake case service: it sweeps, stops, survives
failures while logging them at most once per interval, gives up once (one line) on a login that may
not sweep, and stays in the parent of a fork. No timing assertions: steps are driven directly, with
a fake clock, or by waiting for what the fake saw."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from typing import Any

import psycopg
import pytest
from sqlalchemy.exc import OperationalError, ProgrammingError

from desktop.errors import Refusal
from desktop.sweeper import (
    DEFAULT_INTERVAL_S,
    Sweeper,
    desktop_interval,
    interval_setting,
    permission_denied,
    sweeps_by_default,
)

WAIT_S = 30.0  # generous: only a broken sweeper ever waits this long

# Python 3.12+ warns on fork() in a process with threads; the test forks on purpose, with the
# sweeper's thread running, to show the child does not get it.
FORK_WARNING = "ignore:This process .* is multi-threaded, use of fork:DeprecationWarning"


def denied() -> ProgrammingError:
    return ProgrammingError(
        "SELECT cases.id FROM cases",
        {},
        psycopg.errors.InsufficientPrivilege("permission denied for table cases"),
    )


def lost() -> OperationalError:
    return OperationalError("SELECT 1", {}, psycopg.OperationalError("connection refused"))


@dataclass
class Result:
    escalated: list[int] = field(default_factory=list)
    reminders: Any = None


class FakeService:
    """Answers sweep() from a script of results and exceptions (then empty results), counting calls."""

    def __init__(self, *script: Any) -> None:
        self.script = list(script)
        self.calls = 0
        self.called = threading.Condition()

    def sweep(self) -> Any:
        with self.called:
            self.calls += 1
            self.called.notify_all()
        item = self.script.pop(0) if self.script else Result()
        if isinstance(item, BaseException):
            raise item
        return item

    def wait_calls(self, n: int) -> None:
        with self.called:
            assert self.called.wait_for(lambda: self.calls >= n, WAIT_S), f"{self.calls} sweep(s), wanted {n}"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def records(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The sweeper's warnings: what an operator sees without any logging set up."""
    return [
        r.getMessage() for r in caplog.records if r.name == "concord.sweeper" and r.levelno >= logging.WARNING
    ]


# --- settings --------------------------------------------------------------------------------------


def test_interval_setting_defaults_to_a_minute_and_zero_turns_sweeps_off() -> None:
    assert interval_setting({}) == DEFAULT_INTERVAL_S == 60
    assert interval_setting({"CONCORD_SWEEP_INTERVAL_S": " 0 "}) == 0
    assert interval_setting({"CONCORD_SWEEP_INTERVAL_S": "0.25"}) == 0.25
    for bad in ("-1", "soon", "nan", "inf"):
        with pytest.raises(Refusal) as caught:
            interval_setting({"CONCORD_SWEEP_INTERVAL_S": bad})
        assert caught.value.code == "sweeper.bad_interval"
        assert caught.value.params == {"variable": "CONCORD_SWEEP_INTERVAL_S", "value": bad}


def test_who_sweeps_by_default() -> None:
    # Embedded: the desktop is the whole system, whoever uses it.
    assert all(sweeps_by_default("sqlite", role) for role in ("dispatcher", "town_staff", "auditor"))
    # Central: the city information center only.
    assert sweeps_by_default("postgresql", "dispatcher") and sweeps_by_default("postgresql", "admin")
    for role in ("leader", "town_staff", "department_staff", "auditor"):
        assert not sweeps_by_default("postgresql", role)
    env = {"CONCORD_SWEEP_INTERVAL_S": "5"}
    assert desktop_interval(None, "postgresql", "dispatcher", env) == 5
    assert desktop_interval(None, "postgresql", "town_staff", env) == 0
    assert desktop_interval(True, "postgresql", "town_staff", env) == 5  # --sweep
    assert desktop_interval(False, "sqlite", "dispatcher", env) == 0  # --no-sweep
    assert desktop_interval(None, "sqlite", "dispatcher", {"CONCORD_SWEEP_INTERVAL_S": "0"}) == 0


def test_permission_denied_is_sqlstate_42501_bare_or_wrapped() -> None:
    assert permission_denied(denied())
    assert permission_denied(psycopg.errors.InsufficientPrivilege("permission denied"))
    assert not permission_denied(lost())
    assert not permission_denied(ValueError("x"))


# --- one step --------------------------------------------------------------------------------------


def test_a_step_sweeps_reports_and_closes_its_connections() -> None:
    closed: list[int] = []
    seen: list[Any] = []
    done = Result(escalated=[7])
    service = FakeService(done)
    sweeper = Sweeper(service, 60, close=lambda: closed.append(1), on_result=seen.append)
    assert sweeper.step() is done
    assert service.calls == 1 and sweeper.sweeps == 1 and sweeper.last_result is done
    assert seen == [done]
    assert closed == [1]  # no connection stays open between sweeps


def test_failures_are_logged_at_most_once_per_interval_and_recovery_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="concord.sweeper")
    clock = FakeClock()
    closed: list[int] = []
    sweeper = Sweeper(
        FakeService(lost(), lost(), lost(), lost()), 60, clock=clock, close=lambda: closed.append(1)
    )
    assert sweeper.step() is None
    assert len(records(caplog)) == 1 and "connection refused" in records(caplog)[0]
    clock.now += 30
    sweeper.step()
    clock.now += 29
    sweeper.step()
    assert len(records(caplog)) == 1  # twice more within the interval: silent
    clock.now += 1  # an interval after the first message
    sweeper.step()
    assert len(records(caplog)) == 2 and "2 more failure(s)" in records(caplog)[1]
    assert not sweeper.gave_up and sweeper.failures == 4
    assert len(closed) == 4  # a failed sweep leaves no connection behind either
    assert sweeper.step() is not None  # the database is back
    assert len(records(caplog)) == 3 and "work again" in records(caplog)[2]
    sweeper.step()
    assert len(records(caplog)) == 3


def test_a_login_that_may_not_sweep_gives_up_with_one_line(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="concord.sweeper")
    service = FakeService(denied(), denied())
    sweeper = Sweeper(service, 60, login="gateway1")
    assert sweeper.step() is None
    assert sweeper.gave_up
    assert sweeper.step() is None and sweeper.step() is None
    assert service.calls == 1  # stopped trying
    (line,) = records(caplog)
    assert "gateway1" in line and "permission denied for table cases" in line
    assert "main.py sweep" in line and "cron" in line and "dispatcher" in line


# --- the thread ------------------------------------------------------------------------------------


def test_the_thread_sweeps_at_start_and_when_woken_and_stop_joins_it() -> None:
    service = FakeService()
    sweeper = Sweeper(service, 3600)  # the interval never runs out in this test
    sweeper.start()
    try:
        service.wait_calls(1)  # at start
        sweeper.sweep_now()
        service.wait_calls(2)
        assert sweeper.running
    finally:
        assert sweeper.stop(timeout=WAIT_S)
    assert not sweeper.running
    calls = service.calls
    sweeper.sweep_now()
    assert service.calls == calls


def test_the_thread_survives_a_lost_database(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="concord.sweeper")
    service = FakeService(lost(), lost(), Result(escalated=[1]))
    sweeper = Sweeper(service, 3600)
    sweeper.start()
    try:
        service.wait_calls(1)
        sweeper.sweep_now()
        service.wait_calls(2)
        sweeper.sweep_now()
        service.wait_calls(3)
        assert sweeper.running
    finally:
        assert sweeper.stop(timeout=WAIT_S)
    assert sweeper.sweeps == 1 and sweeper.failures == 0
    # The second failure came within the interval of the first: one message, then the recovery.
    messages = records(caplog)
    assert len(messages) == 2
    assert "sweep failed" in messages[0] and "work again" in messages[1]


def test_the_thread_ends_by_itself_when_the_login_may_not_sweep(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="concord.sweeper")
    service = FakeService(denied())
    sweeper = Sweeper(service, 3600, login="gateway1")
    sweeper.start()
    service.wait_calls(1)
    assert sweeper._thread is not None
    sweeper._thread.join(WAIT_S)
    assert not sweeper.running and sweeper.gave_up
    sweeper.sweep_now()
    assert service.calls == 1
    assert len(records(caplog)) == 1
    assert sweeper.stop()


def test_a_sweeper_needs_an_interval() -> None:
    with pytest.raises(Refusal) as caught:
        Sweeper(FakeService(), 0)
    assert caught.value.code == "sweeper.interval_not_positive"


# --- fork ------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
@pytest.mark.filterwarnings(FORK_WARNING)
def test_a_forked_child_has_no_sweeper_and_the_parent_keeps_its_own() -> None:
    service = FakeService()
    sweeper = Sweeper(service, 3600)
    sweeper.start()
    try:
        service.wait_calls(1)
        pid = os.fork()
        if pid == 0:  # the child: report through the exit code only
            code = 0 if not sweeper.running and sweeper.stop(timeout=0) else 3
            os._exit(code)
        _pid, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert sweeper.running
        sweeper.sweep_now()
        service.wait_calls(2)  # the parent's sweeper still works after the fork
    finally:
        assert sweeper.stop(timeout=WAIT_S)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
@pytest.mark.filterwarnings(FORK_WARNING)
def test_a_fork_waits_for_the_sweep_in_progress() -> None:
    entered, release, forked = threading.Event(), threading.Event(), threading.Event()

    class Slow(FakeService):
        def sweep(self) -> Any:
            entered.set()
            release.wait(WAIT_S)
            return super().sweep()

    service = Slow()
    sweeper = Sweeper(service, 3600)
    sweeper.start()
    child: list[int] = []

    def fork() -> None:
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        child.append(pid)
        forked.set()

    forker = threading.Thread(target=fork)
    try:
        assert entered.wait(WAIT_S)
        forker.start()
        assert not forked.wait(0.3)  # held while the sweep runs
        release.set()
        assert forked.wait(WAIT_S)
        forker.join(WAIT_S)
        _pid, status = os.waitpid(child[0], 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        release.set()
        assert sweeper.stop(timeout=WAIT_S)
    assert service.calls == 1
