"""PostgreSQL LISTEN on a dedicated connection: wakes the live feed the moment a change commits.

The change feed stays the source of truth; a wake-up only says "poll now". The listener
reconnects by itself with backoff, so a server restart costs a few seconds of polling only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import psycopg
from sqlalchemy.engine import make_url

from desktop.live.feed import CHANNEL


def libpq_conninfo(sqlalchemy_url: str) -> str:
    url = make_url(sqlalchemy_url)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


class PgListener:
    """Calls ``on_notify`` (from its own thread) for every NOTIFY on the change channel."""

    def __init__(
        self,
        sqlalchemy_url: str,
        on_notify: Callable[[], None],
        on_state: Callable[[bool, str], None] | None = None,
        max_backoff: float = 15.0,
    ) -> None:
        self._conninfo = libpq_conninfo(sqlalchemy_url)
        self._on_notify = on_notify
        self._on_state = on_state or (lambda _up, _why: None)
        self._max_backoff = max_backoff
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="concord-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                with psycopg.connect(self._conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._on_state(True, "")
                    backoff = 0.5
                    # Wake once after (re)connecting: changes made while we were away need a poll.
                    self._on_notify()
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0):
                            self._on_notify()
            except psycopg.Error as exc:
                self._on_state(
                    False, str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                )
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self._max_backoff)
