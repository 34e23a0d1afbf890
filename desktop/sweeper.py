"""Escalation sweeps and supervision reminders in the background of a long-running process.

``python main.py sweep`` runs one sweep (for cron). The gateway and the desktops of the city
information center run a :class:`Sweeper` instead: the same ``CaseService.sweep`` every
``CONCORD_SWEEP_INTERVAL_S`` seconds (60; 0 turns it off), in a thread of its own with
connections of its own. A sweep is idempotent and safe from several processes at once, so the
sweepers of several processes need no coordination.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from db.vocab import Role
from desktop.errors import Refusal

log = logging.getLogger("concord.sweeper")

INTERVAL_ENV = "CONCORD_SWEEP_INTERVAL_S"
DEFAULT_INTERVAL_S = 60.0
INSUFFICIENT_PRIVILEGE = "42501"  # SQLSTATE of "permission denied"
# On a central database these roles see every case; the others see part of them (row-level
# security) and leave sweeping to them.
SWEEPING_ROLES = frozenset({Role.DISPATCHER, Role.ADMIN})
# How long a fork() waits for a sweep in progress to end (see _before_fork).
FORK_WAIT_S = 30.0
STOP_WAIT_S = 10.0

WHERE_ELSE = (
    "escalation sweeps and supervision reminders must run elsewhere: on a dispatcher's or "
    "administrator's desktop, or `python main.py sweep` from cron as the database owner"
)


class CaseSweeps(Protocol):
    """What the sweeper calls: ``desktop.cases.service.CaseService`` (tests pass a fake)."""

    def sweep(self) -> Any: ...


def interval_setting(env: Mapping[str, str] | None = None) -> float:
    """Seconds between sweeps: ``CONCORD_SWEEP_INTERVAL_S``, default 60; 0 turns sweeps off."""
    raw = (os.environ if env is None else env).get(INTERVAL_ENV, "").strip()
    if not raw:
        return DEFAULT_INTERVAL_S
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise Refusal("sweeper.bad_interval", variable=INTERVAL_ENV, value=raw)
    return value


def sweeps_by_default(dialect: str, role: str) -> bool:
    """Whether a desktop sweeps when not told: an embedded one (SQLite) always — it is the whole
    system; on a central database only the city information center (dispatcher, admin)."""
    return dialect == "sqlite" or role in SWEEPING_ROLES


def desktop_interval(
    requested: bool | None, dialect: str, role: str, env: Mapping[str, str] | None = None
) -> float:
    """Seconds between a desktop's sweeps, 0 for none: ``requested`` (``--sweep``/``--no-sweep``)
    or else the default for its database and role, at the configured interval."""
    if requested is False or (requested is None and not sweeps_by_default(dialect, role)):
        return 0.0
    return interval_setting(env)


def permission_denied(exc: BaseException) -> bool:
    """The login lacks a right (SQLSTATE 42501): psycopg's InsufficientPrivilege, bare or wrapped
    in SQLAlchemy's ProgrammingError."""
    return any(
        getattr(candidate, "sqlstate", None) == INSUFFICIENT_PRIVILEGE
        for candidate in (exc, getattr(exc, "orig", None))
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc.orig) if isinstance(exc, DBAPIError) and exc.orig is not None else str(exc)
    lines = text.strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class Sweeper:
    """Calls ``service.sweep()`` at start and then every ``interval_s`` seconds in a daemon thread.

    A failing sweep never ends the thread: it is logged at most once per interval and tried again.
    A login without the right to sweep (SQLSTATE 42501, e.g. the gateway's role, which may not
    read cases) is logged once, saying where sweeps must run instead, and the sweeper stops.
    ``close`` runs after every sweep: :meth:`for_engine` passes ``engine.dispose``, so no
    connection stays open between sweeps (nothing stale after a server restart, nothing to
    carry across a fork).
    """

    def __init__(
        self,
        service: CaseSweeps,
        interval_s: float = DEFAULT_INTERVAL_S,
        *,
        login: str = "",
        close: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_result: Callable[[Any], None] | None = None,
    ) -> None:
        if not interval_s > 0:
            raise Refusal("sweeper.interval_not_positive", interval_s=interval_s)
        self.interval_s = interval_s
        self._service = service
        self._login = login
        self._close = close
        self._clock = clock
        self._on_result = on_result
        self._stop = threading.Event()
        self._wake = threading.Event()
        # Held during a sweep; a fork() waits for it (see _before_fork).
        self._busy = threading.Lock()
        self._held_for_fork = False
        self._thread: threading.Thread | None = None
        self._logged_at: float | None = None  # when the last failure was logged
        self._unlogged = 0  # failures since then that were not
        self.gave_up = False
        self.sweeps = 0  # sweeps that succeeded
        self.failures = 0
        self.last_result: Any = None

    @classmethod
    def for_engine(cls, engine: Engine, interval_s: float = DEFAULT_INTERVAL_S, **kwargs: Any) -> Sweeper:
        """A sweeper on ``engine``, which it then owns (it disposes of it after every sweep)."""
        from db.session import make_sessionmaker
        from desktop.cases.service import CaseService

        kwargs.setdefault("login", engine.url.username or "")
        return cls(CaseService(make_sessionmaker(engine)), interval_s, close=engine.dispose, **kwargs)

    # --- one sweep ---------------------------------------------------------------------------

    def step(self) -> Any:
        """One sweep. Returns its result, or None when it failed or the sweeper gave up; never
        raises an Exception (the thread must survive a lost database)."""
        if self.gave_up:
            return None
        try:
            result = self._service.sweep()
        except Exception as exc:  # noqa: BLE001 - logged; the next interval tries again
            self._failed(exc)
            return None
        finally:
            if self._close is not None:
                with contextlib.suppress(Exception):
                    self._close()
        if self.failures and self._logged_at is not None:
            log.warning("sweeper: sweeps work again after %d failed attempt(s)", self.failures)
        self.failures, self._logged_at, self._unlogged = 0, None, 0
        self.sweeps += 1
        self.last_result = result
        self._report(result)
        return result

    def _failed(self, exc: Exception) -> None:
        if permission_denied(exc):
            self.gave_up = True
            who = f"the login {self._login!r}" if self._login else "this login"
            log.warning(
                "sweeper: stopped, %s may not sweep (%s); %s",
                who,
                _first_line(exc),
                WHERE_ELSE,
            )
            return
        self.failures += 1
        now = self._clock()
        if self._logged_at is not None and now - self._logged_at < self.interval_s:
            self._unlogged += 1
            return
        more = f" ({self._unlogged} more failure(s) since the last message)" if self._unlogged else ""
        log.warning(
            "sweeper: sweep failed: %s; trying again every %g s%s", _first_line(exc), self.interval_s, more
        )
        self._logged_at, self._unlogged = now, 0

    def _report(self, result: Any) -> None:
        escalated = len(getattr(result, "escalated", ()) or ())
        reminders = len(getattr(getattr(result, "reminders", None), "notices", ()) or ())
        if escalated or reminders:
            log.info("sweeper: %d case(s) escalated, %d supervision reminder(s)", escalated, reminders)
        if self._on_result is not None:
            self._on_result(result)

    # --- the thread --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="concord-sweeper", daemon=True)
        with _live_lock:
            _live.add(self)
        self._thread.start()

    def sweep_now(self) -> None:
        """Sweep at once instead of at the end of the current interval."""
        self._wake.set()

    def stop(self, timeout: float = STOP_WAIT_S) -> bool:
        """Stop and join; a sweep in progress is let finish (up to ``timeout``). True if stopped."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        return not self.running

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                with self._busy:
                    if self._stop.is_set():
                        break
                    self.step()
                if self.gave_up:
                    break
                self._wake.wait(self.interval_s)
                self._wake.clear()
        finally:
            with _live_lock:
                _live.discard(self)

    # --- fork --------------------------------------------------------------------------------

    def _hold_for_fork(self) -> None:
        self._held_for_fork = self._busy.acquire(timeout=FORK_WAIT_S)

    def _release_after_fork(self) -> None:
        if self._held_for_fork:
            self._held_for_fork = False
            self._busy.release()

    def _left_behind_in_child(self) -> None:
        # fork() copies only the calling thread: this process has no sweeper thread, and must not
        # think it has one (stop() here would wait for the parent's thread).
        self._thread = None
        self._held_for_fork = False
        self._busy = threading.Lock()
        self._stop.set()


# Sweepers whose thread runs. A fork (the gateway's --processes) waits until none is in the middle
# of a sweep, so that the child inherits no lock or connection a sweep holds (SQLite's and
# SQLAlchemy's locks included); the sweeper goes on in the parent only.
_live: set[Sweeper] = set()
_live_lock = threading.Lock()


def _before_fork() -> None:
    _live_lock.acquire()
    for sweeper in list(_live):
        sweeper._hold_for_fork()


def _after_fork_in_parent() -> None:
    for sweeper in list(_live):
        sweeper._release_after_fork()
    _live_lock.release()


def _after_fork_in_child() -> None:
    global _live_lock
    for sweeper in list(_live):
        sweeper._left_behind_in_child()
    _live.clear()
    _live_lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(
        before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child
    )


def own_engine(engine: Engine) -> Engine:
    """The same database as ``engine`` (same login) through an engine of its own, for a sweeper."""
    from db.session import make_engine

    return make_engine(engine.url.render_as_string(hide_password=False))


__all__ = [
    "DEFAULT_INTERVAL_S",
    "INTERVAL_ENV",
    "Sweeper",
    "desktop_interval",
    "interval_setting",
    "own_engine",
    "permission_denied",
    "sweeps_by_default",
]
