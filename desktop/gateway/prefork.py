"""Several gateway processes on one port (``python main.py gateway --processes N``).

One Python process answers at most about one core's worth of requests: parsing, filters and the
event loop all hold the GIL. On a server with more cores, ``--processes N`` runs N copies of the
gateway that accept from one listening socket (the kernel hands each new connection to one of
them), the way pre-forking servers do:

- the parent binds the socket, fills the shared per-worker state (:mod:`desktop.gateway.shared`:
  last fixes for the speed filter, rate-limit buckets) from ``worker_latest``, makes the position
  partitions once, then forks the N children and serves nothing itself;
- each child runs an ordinary :class:`~desktop.gateway.server.Gateway` with its own event loop,
  batch writer and database connection (the writers of several processes already coordinate
  through the ``seq_counters`` row lock, see :mod:`desktop.gateway.ingest`); child 0 alone does the hourly
  housekeeping (partitions, old idempotency keys);
- the parent prints the usual ``gateway listening on …`` line when every child is ready, restarts
  a child that dies (giving up after repeated deaths), forwards SIGTERM/SIGINT, and on stop prints
  the children's counters summed;
- children die with the parent (``PR_SET_PDEATHSIG``), so a killed gateway leaves no stray
  process holding the port. Every fix answered 200 was committed by the child that answered.

POSIX only (it forks); elsewhere the command runs one process.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import json
import logging
import os
import select
import signal
import socket
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from desktop.gateway import devices
from desktop.gateway.filters import Filters, LastFix
from desktop.gateway.server import (
    Gateway,
    GatewayConfig,
    city_area,
    event_loop_factory,
    prepare_partitions,
    serve,
    settle_memory,
)
from desktop.gateway.shared import SharedState

log = logging.getLogger("concord.gateway")

READY_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 60.0
# A child that dies more often than this is not going to get better by restarting.
MAX_RESTARTS, RESTART_WINDOW_S = 5, 60.0


def available() -> bool:
    return hasattr(os, "fork")


def listening_socket(host: str, port: int) -> socket.socket:
    """A bound, listening, non-blocking TCP socket (IPv6 when ``host`` is an IPv6 address)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family, backlog=1024, reuse_port=False)
    sock.setblocking(False)
    return sock


def _die_with_parent() -> None:
    """Linux: SIGKILL this process when its parent dies (a no-op elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)


@dataclass
class _Child:
    index: int
    pid: int
    ready_fd: int  # the parent's read end: one byte when the child listens
    result_fd: int  # the parent's read end: the child's counters as JSON when it stops
    ready: bool = False
    result: bytes = b""


@dataclass
class _Supervisor:
    engine: Engine
    config: GatewayConfig
    sock: socket.socket
    shared: SharedState
    url: str
    processes: int
    children: dict[int, _Child] = field(default_factory=dict)  # by pid
    deaths: list[float] = field(default_factory=list)
    stopping: bool = False
    results: list[dict[str, Any]] = field(default_factory=list)

    # --- children ----------------------------------------------------------------------------

    def spawn(self, index: int) -> _Child:
        ready_r, ready_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                os.close(ready_r)
                os.close(result_r)
                for fd in [fd for c in self.children.values() for fd in (c.ready_fd, c.result_fd)]:
                    with contextlib.suppress(OSError):  # siblings' pipes are not ours
                        os.close(fd)
                code = _child_main(self, index, ready_w, result_w)
            except BaseException:  # noqa: BLE001 - nothing may escape into the parent's code
                log.exception("gateway process %d failed", index)
            finally:
                os._exit(code)
        os.close(ready_w)
        os.close(result_w)
        child = _Child(index, pid, ready_r, result_r)
        self.children[pid] = child
        return child

    def wait_ready(self) -> bool:
        """Every child listening (True), or one died or the time ran out (False)."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not all(c.ready for c in self.children.values()):
            if self.reap(restart=False):
                return False
            waiting = [c.ready_fd for c in self.children.values() if not c.ready]
            readable, _w, _x = select.select(waiting, [], [], 0.2)
            for child in self.children.values():
                if child.ready_fd in readable and os.read(child.ready_fd, 1) == b"R":
                    child.ready = True
            if time.monotonic() > deadline:
                return False
        return True

    def reap(self, *, restart: bool) -> bool:
        """Collect children that exited; restart them when ``restart``. True if one died."""
        died = False
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            child = self.children.pop(pid, None)
            if child is None:
                continue
            died = True
            self._collect(child)
            if self.stopping or not restart:
                continue
            code = os.waitstatus_to_exitcode(status)
            now = time.monotonic()
            self.deaths = [t for t in self.deaths if now - t < RESTART_WINDOW_S] + [now]
            if len(self.deaths) > MAX_RESTARTS:
                print(
                    f"gateway process {child.index} exited ({code}) again: "
                    f"{len(self.deaths)} deaths in {RESTART_WINDOW_S:.0f} s, stopping",
                    file=sys.stderr,
                    flush=True,
                )
                self.stopping = True
                continue
            print(
                f"gateway process {child.index} exited ({code}); restarting it", file=sys.stderr, flush=True
            )
            self.spawn(child.index)
        return died

    def _collect(self, child: _Child) -> None:
        chunks = []
        with contextlib.suppress(OSError):
            while chunk := os.read(child.result_fd, 65536):
                chunks.append(chunk)
        for fd in (child.ready_fd, child.result_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ValueError):
            if chunks:
                self.results.append(json.loads(b"".join(chunks)))

    def stop_all(self) -> None:
        self.stopping = True
        for pid in list(self.children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while self.children and time.monotonic() < deadline:
            self.reap(restart=False)
            time.sleep(0.05)
        for pid in list(self.children):  # did not drain in time
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        while self.children:
            try:
                pid, _status = os.waitpid(-1, 0)
            except ChildProcessError:
                break
            child = self.children.pop(pid, None)
            if child is not None:
                self._collect(child)


def _child_main(sup: _Supervisor, index: int, ready_w: int, result_w: int) -> int:
    _die_with_parent()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    sup.engine.dispose(close=False)  # the parent's pooled connections are not this process's

    def announce(gateway: Gateway) -> None:
        settle_memory()
        os.write(ready_w, b"R")
        os.close(ready_w)

    async def main() -> Gateway:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        return await serve(
            sup.engine,
            sup.config,
            stop,
            announce,
            sock=sup.sock,
            shared=sup.shared,
            housekeeping=index == 0,
        )

    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        gateway = runner.run(main())
    snapshot = {"process": index, "pid": os.getpid(), **gateway.snapshot()}
    os.write(result_w, json.dumps(snapshot).encode())
    os.close(result_w)
    sup.engine.dispose()
    return 0


def _seed(sessions: sessionmaker[Any], shared: SharedState, config: GatewayConfig) -> int:
    with sessions() as session:
        latest = devices.latest_fixes(session)
        known = devices.position_ids(session, config.require_device_secret)
        bounds = devices.place_bounds(session)
    # The same rule as one gateway's: a stored fix outside the city does not become the last good one.
    filters = Filters(
        config.filters, last=shared.last, runs=shared.runs, area=city_area(bounds, config.filters)
    )
    for worker_id, when, lat, lon in latest:
        filters.seed(worker_id, LastFix(when, lat, lon, None))
    return len(known.plain) + len(known.secret)


def merge_snapshots(results: list[dict[str, Any]], uptime_s: float) -> dict[str, Any]:
    """The children's counters as one gateway's: sums, except sizes and maxima."""
    counters: Counter[str] = Counter()
    writer: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    reanchored = 0
    largest = 0
    for result in results:
        counters.update(result.get("counters", {}))
        stats = dict(result.get("writer", {}))
        largest = max(largest, int(stats.pop("largest_batch", 0) or 0))
        writer.update({k: v for k, v in stats.items() if isinstance(v, int) and not isinstance(v, bool)})
        filters = result.get("filters", {})
        rejected.update(filters.get("rejected", {}))
        flagged.update(filters.get("flagged", {}))
        reanchored += int(filters.get("reanchored", 0))
    return {
        "uptime_s": round(uptime_s, 1),
        "processes": len(results),
        "devices": max((int(r.get("devices", 0)) for r in results), default=0),
        "queue_fixes": sum(int(r.get("queue_fixes", 0)) for r in results),
        "writer": {
            **dict(writer),
            "largest_batch": largest,
            "mean_batch_ms": round(writer["busy_ms"] / writer["batches"], 2) if writer["batches"] else 0.0,
        },
        "counters": dict(counters),
        "filters": {"rejected": dict(rejected), "flagged": dict(flagged), "reanchored": reanchored},
    }


def run_prefork(engine: Engine, sessions: sessionmaker[Any], config: GatewayConfig, processes: int) -> int:
    """Serve with ``processes`` children until SIGINT/SIGTERM (see the module doc)."""
    started = time.monotonic()
    sock = listening_socket(config.host, config.port)
    address = sock.getsockname()
    shown = "127.0.0.1" if address[0] in ("0.0.0.0", "::") else address[0]
    url = f"http://{shown}:{address[1]}"
    shared = SharedState()
    known = _seed(sessions, shared, config)
    prepare_partitions(engine)  # once, before the children could race for it
    engine.dispose()  # no connection may be open across fork
    sup = _Supervisor(engine, config, sock, shared, url, processes)

    stop_requested = False

    def request_stop(_sig: int, _frame: Any) -> None:
        nonlocal stop_requested
        stop_requested = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for index in range(processes):
            sup.spawn(index)
        if not sup.wait_ready():
            print("gateway: a gateway process did not start", file=sys.stderr, flush=True)
            sup.stop_all()
            return 1
        print(f"gateway listening on {url} ({known} devices, {processes} processes)", flush=True)
        while not stop_requested and not sup.stopping:
            sup.reap(restart=True)
            time.sleep(0.2)
        failed = sup.stopping and not stop_requested
        sup.stop_all()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        sock.close()
    summary = merge_snapshots(sup.results, time.monotonic() - started)
    print(json.dumps({"stopped": True, **summary}, ensure_ascii=False), flush=True)
    return 1 if failed else 0
