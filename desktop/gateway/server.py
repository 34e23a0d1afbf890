"""The field gateway: an aiohttp service phones talk to (positions and reports).

Routes
    ``GET|POST /`` (any path outside ``/api``): positions, OsmAnd protocol as Traccar Client
    sends it (query, form or JSON; see :mod:`desktop.gateway.protocol`). 200 once stored (or a
    duplicate, or filtered: see :mod:`desktop.gateway.filters`); 400 with a one-line reason for
    malformed input; an unknown or revoked device, or a plain device id where a secret one is
    required (see :mod:`desktop.gateway.devices`), gets 400 (query/form) or 404 (JSON) as Traccar
    answers; 413 too large, 429 over the device's rate, 503 when the database cannot keep up.

    ``POST /api/v1/reports``: a case or a sentiment log from a device token (header
    ``Authorization: Bearer …``), with an optional ``Idempotency-Key``. 201 created (or replayed),
    400 malformed, 401 bad token, 422 refused by the rules.

    ``GET /api/v1/health``: database reachability, queue depth and counters, for monitoring.

Concurrency
    Parsing, filters and grid lookup run on the event loop; every position write goes through one
    :class:`~desktop.gateway.ingest.BatchWriter` thread; reports (rare, a few queries each) run in a small
    thread pool. The plain ``GET /?id=…`` a phone sends every few seconds is answered by
    :class:`_FastHttp` without aiohttp's per-request objects; any other request hands its
    connection to aiohttp for good (``CONCORD_GATEWAY_FAST_PATH=0``: aiohttp for everything). A
    slow client only holds its own connection: bodies are read with a timeout and nothing waits
    on a client while holding a lock. One process uses one core at most; ``--processes N`` runs
    N of them on one port (:mod:`desktop.gateway.prefork`), sharing per-phone state
    (:mod:`desktop.gateway.shared`).
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import datetime as dt
import email.parser
import email.policy
import functools
import gc
import json
import logging
import os
import re
import signal
import socket
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import shapely
from aiohttp import web
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from desktop.cases.service import CaseService
from desktop.clock import utcnow
from desktop.gateway import devices
from desktop.gateway.filters import Area, FilterConfig, Filters, LastFix, parse_modes
from desktop.gateway.ingest import (
    BatchWriter,
    DeviceRef,
    Fix,
    IdempotencyConflict,
    Overloaded,
    Photo,
    ReportRefused,
    WriterStopped,
    purge_idempotency_keys,
    store_report,
)
from desktop.gateway.outage import FailureLog, first_line
from desktop.gateway.protocol import (
    ProtocolError,
    RawFix,
    load_json,
    looks_like_json,
    parse_form,
    parse_json,
    parse_query_string,
)
from desktop.gateway.reports import (
    PhotoLimits,
    check_idempotency_key,
    check_photo,
    parse_report,
    request_fingerprint,
)
from desktop.gateway.shared import BUCKET_POSITIONS, BUCKET_REPORTS, SharedState
from desktop.geo import GridIndex
from desktop.live.retention import maintain_partitions

log = logging.getLogger("concord.gateway")

FILTERED_HEADER = "X-Concord-Filtered"
KEEPALIVE_S = 75.0


@dataclass(frozen=True)
class GatewayConfig:
    host: str = "0.0.0.0"
    port: int = 5055
    max_batch: int = 500
    flush_ms: float = 5.0  # longest wait for more fixes after the first (see BatchWriter)
    max_queued: int = 50_000
    filters: FilterConfig = field(default_factory=FilterConfig)
    rate_per_s: float = 10.0  # requests per second per device (0: no limit)
    burst: float = 40.0  # a phone flushing its buffer sends a few requests at once
    max_position_body: int = 1024 * 1024
    max_report_body: int = 16 * 1024 * 1024
    max_fixes_per_request: int = 1000
    body_timeout_s: float = 15.0
    write_timeout_s: float = 30.0
    device_refresh_s: float = 5.0
    report_threads: int = 4
    # Plain position GETs answered without aiohttp's request machinery (_FastHttp); 0 to turn off.
    fast_path: bool = True
    # Processes accepting on the same port (see desktop.gateway.prefork); one per core at most.
    processes: int = 1
    idempotency_days: float = 7.0  # how long a report's answer is kept for retries
    failure_log_s: float = 60.0  # at most one warning per this many seconds while the database fails
    # Positions only from secret device ids (devices.issue_position_id), none from plain ones.
    require_device_secret: bool = False
    photos: PhotoLimits = field(default_factory=PhotoLimits)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> GatewayConfig:
        """Defaults, then ``CONCORD_GATEWAY_*`` variables, then explicit overrides (CLI flags)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        numeric: dict[str, type] = {
            "port": int,
            "max_batch": int,
            "flush_ms": float,
            "max_queued": int,
            "rate_per_s": float,
            "burst": float,
            "max_position_body": int,
            "max_report_body": int,
            "max_fixes_per_request": int,
            "body_timeout_s": float,
            "write_timeout_s": float,
            "device_refresh_s": float,
            "failure_log_s": float,
        }
        if "CONCORD_GATEWAY_FAST_PATH" in env:
            values["fast_path"] = env["CONCORD_GATEWAY_FAST_PATH"].strip().lower() not in (
                "0",
                "false",
                "no",
                "off",
            )
        if "CONCORD_GATEWAY_REQUIRE_DEVICE_SECRET" in env:
            values["require_device_secret"] = _flag(
                "CONCORD_GATEWAY_REQUIRE_DEVICE_SECRET", env["CONCORD_GATEWAY_REQUIRE_DEVICE_SECRET"]
            )
        if "CONCORD_GATEWAY_PROCESSES" in env:
            values["processes"] = parse_processes(env["CONCORD_GATEWAY_PROCESSES"])
        if "CONCORD_GATEWAY_HOST" in env:
            values["host"] = env["CONCORD_GATEWAY_HOST"]
        for name, kind in numeric.items():
            key = f"CONCORD_GATEWAY_{name.upper()}"
            if key in env:
                try:
                    values[name] = kind(env[key])
                except ValueError:
                    raise ValueError(f"{key}={env[key]!r} is not a number") from None
        filters = FilterConfig()
        if "CONCORD_GATEWAY_FILTERS" in env:
            filters = replace(filters, modes=parse_modes(env["CONCORD_GATEWAY_FILTERS"]))
        limits: dict[str, Any] = {
            name: float(env[f"CONCORD_GATEWAY_{name.upper()}"])
            for name in ("future_s", "past_s", "accuracy_m", "max_speed_mps", "area_margin_m")
            if f"CONCORD_GATEWAY_{name.upper()}" in env
        }
        if "CONCORD_GATEWAY_JUMP_RECOVER_AFTER" in env:
            try:
                limits["jump_recover_after"] = int(env["CONCORD_GATEWAY_JUMP_RECOVER_AFTER"])
            except ValueError:
                raise ValueError("CONCORD_GATEWAY_JUMP_RECOVER_AFTER is not a whole number") from None
        filters = replace(filters, **limits)
        values["filters"] = filters
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)


def _flag(name: str, value: str) -> bool:
    text = value.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{name}={value!r} is not 1/0, true/false, yes/no or on/off")


def parse_processes(value: str | int) -> int:
    """``--processes``: a count from 1, or ``auto`` (one per core)."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return max(1, os.cpu_count() or 1)
    try:
        count = int(value)
    except ValueError:
        raise ValueError(f"processes must be a whole number or 'auto', not {value!r}") from None
    if count < 1:
        raise ValueError(f"processes must be at least 1, not {count}")
    return count


# A point closer than this (degrees, ~1 mm) to a grid's border is left to the index, which alone
# decides shared borders; so is every grid with holes or many vertices.
_EDGE_EPS = 1e-8
_MAX_RING = 256


# An edge as _strictly_inside reads it: x1, y1, x2, y2, then its bounding box grown by _EDGE_EPS
# (minx, maxx, miny, maxy) and dx, dy, squared length, all computed once per grid.
_Edge = tuple[float, float, float, float, float, float, float, float, float, float, float]


def _ring_edges(geom: Any) -> tuple[_Edge, ...] | None:
    """The exterior edges of a simple polygon, for :func:`_strictly_inside`."""
    if geom.geom_type != "Polygon" or len(geom.interiors) or len(geom.exterior.coords) > _MAX_RING:
        return None
    pts = list(geom.exterior.coords)
    return tuple(
        (
            x1,
            y1,
            x2,
            y2,
            min(x1, x2) - _EDGE_EPS,
            max(x1, x2) + _EDGE_EPS,
            min(y1, y2) - _EDGE_EPS,
            max(y1, y2) + _EDGE_EPS,
            x2 - x1,
            y2 - y1,
            (x2 - x1) ** 2 + (y2 - y1) ** 2,
        )
        for (x1, y1), (x2, y2) in zip(pts, pts[1:], strict=False)
    )


def _strictly_inside(edges: tuple[_Edge, ...], x: float, y: float) -> bool:
    """Ray casting, and False near any edge: pure Python, so the event loop keeps the GIL (a GEOS
    call releases it and then waits for the writer thread to hand it back). The distance to an
    edge is only worked out when the point is inside the edge's grown bounding box: for a point
    well inside its grid that is rarely any edge, and this runs for every fix."""
    inside = False
    eps2 = _EDGE_EPS * _EDGE_EPS
    for x1, y1, _x2, y2, lox, hix, loy, hiy, dx, dy, length2 in edges:
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * dx / dy:
            inside = not inside
        if lox <= x <= hix and loy <= y <= hiy and length2 > 0.0:
            t = ((x - x1) * dx + (y - y1) * dy) / length2
            t = 0.0 if t < 0.0 else 1.0 if t > 1.0 else t
            ex, ey = x1 + t * dx - x, y1 + t * dy - y
            if ex * ex + ey * ey < eps2:
                return False
    return inside


class GridLocator:
    """Grid per fix: first the grid the worker was last in (a point-in-polygon test), else the
    full index. Workers patrol one grid, so the fast path almost always hits."""

    def __init__(self, index: GridIndex) -> None:
        self.index = index
        self._last: dict[int, int] = {}
        self._edges: dict[int, tuple[_Edge, ...] | None] = {}

    def _inside(self, gid: int, lat: float, lon: float) -> bool:
        try:
            edges = self._edges[gid]
        except KeyError:
            edges = self._edges[gid] = _ring_edges(self.index.geometry(gid))
        if edges is not None:
            return _strictly_inside(edges, lon, lat)
        return bool(shapely.contains_xy(self.index.geometry(gid), lon, lat))

    def locate(self, worker_id: int, lat: float, lon: float) -> int | None:
        gid = self._last.get(worker_id)
        # "contains" (strict interior) so a point on a shared border falls through to the index,
        # whose lowest-id tie-break then decides exactly as everywhere else.
        if gid is not None and self._inside(gid, lat, lon):
            return gid
        hit = self.index.locate(lat, lon)
        if hit is None:
            return None
        self._last[worker_id] = hit.grid_id
        return hit.grid_id


def _expire(future: asyncio.Future[Any]) -> None:
    if not future.done():
        future.set_exception(TimeoutError())


_SWEEP_S = 0.25  # how often fast-path requests are checked against write_timeout_s


@dataclass(slots=True)
class _Tick:
    """The fast-path requests of one event-loop iteration, handed to the writer together."""

    requests: list[list[Fix]] = field(default_factory=list)
    count: int = 0  # fixes in all of them, for the queue limit
    replies: list[tuple[Callable[[bytes], None], bytes]] = field(default_factory=list)  # reply, its 200
    deadline: float = 0.0
    answered: bool = False


class _Reply(Exception):
    """Ends a request early with a status and a one-line reason."""

    def __init__(self, status: int, reason: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.headers = dict(headers or {})


def _text_reply(status: int, reason: str = "", headers: Mapping[str, str] | None = None) -> web.Response:
    body = (reason.replace("\r", " ").replace("\n", " ") + "\n") if reason else ""
    return web.Response(status=status, text=body, headers=headers)


_STATUS_TEXT = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    408: "Request Timeout",
    413: "Payload Too Large",
    429: "Too Many Requests",
    503: "Service Unavailable",
}
_OK = b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"


def _raw_reply(status: int, reason: str = "", headers: Mapping[str, str] | None = None) -> bytes:
    """The bytes of an answer of the fast path, like :func:`_text_reply`'s."""
    body = (reason.replace("\r", " ").replace("\n", " ") + "\n").encode() if reason else b""
    lines = [f"HTTP/1.1 {status} {_STATUS_TEXT.get(status, 'Error')}", f"Content-Length: {len(body)}"]
    if body:
        lines.append("Content-Type: text/plain; charset=utf-8")
    for key, value in (headers or {}).items():
        lines.append(f"{key}: {value}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace") + body


# Header names that make a request anything but the plain GET the fast path answers.
_NOT_SIMPLE = re.compile(
    rb"\r\n(?:content-length|transfer-encoding|connection|expect|upgrade):", re.IGNORECASE
)
_MAX_HEAD = 8192


def simple_position_query(head: bytes) -> bytes | None:
    """The query of ``GET /<path>?<query> HTTP/1.1`` outside ``/api`` with no body and no
    connection options, from a request head (without its final blank line); None for anything
    else, which aiohttp then handles in full."""
    end = head.find(b"\r\n")
    line = head if end < 0 else head[:end]
    if not (line.startswith(b"GET /") and line.endswith(b" HTTP/1.1")):
        return None
    target = line[4:-9]
    mark = target.find(b"?")
    if mark < 0 or mark == len(target) - 1 or target.startswith(b"/api") or not target.isascii():
        return None
    if b" " in target or b"#" in target:
        return None
    if end >= 0 and _NOT_SIMPLE.search(head, end):
        return None
    return target[mark + 1 :]


class _FastHttp(asyncio.Protocol):
    """One client connection. Plain position GETs are answered here (see
    :meth:`Gateway.fast_position`), in request order; on the first request that is anything else
    the connection is handed, for good, to aiohttp's request handler, once the answers still owed
    have been sent (so answers never overtake each other)."""

    def __init__(self, gateway: Gateway, inner: Callable[[], asyncio.Protocol]) -> None:
        self.gateway = gateway
        self.make_inner = inner
        self.inner: asyncio.Protocol | None = None
        self.transport: asyncio.Transport | None = None
        self.buffer = b""
        self.owed: collections.deque[list[bytes | None]] = collections.deque()
        self.handing_over = False
        self.last_active = time.monotonic()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.gateway._fast_conns.add(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.gateway._fast_conns.discard(self)
        self.transport = None
        self.owed.clear()
        if self.inner is not None:
            self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        if self.inner is not None:
            self.inner.pause_writing()

    def resume_writing(self) -> None:
        if self.inner is not None:
            self.inner.resume_writing()

    def eof_received(self) -> bool | None:
        if self.inner is not None:
            return self.inner.eof_received()
        return None

    def data_received(self, data: bytes) -> None:
        if self.inner is not None:
            self.inner.data_received(data)
            return
        self.buffer += data
        if self.handing_over:
            return
        self.last_active = time.monotonic()
        while self.buffer:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self.buffer) > _MAX_HEAD:
                    self._hand_over()
                return
            query = simple_position_query(self.buffer[:end])
            if query is None:
                self._hand_over()
                return
            self.buffer = self.buffer[end + 4 :]
            slot: list[bytes | None] = [None]
            self.owed.append(slot)
            self.gateway.fast_position(query, functools.partial(self._answer, slot))

    def _answer(self, slot: list[bytes | None], answer: bytes) -> None:
        slot[0] = answer
        owed = self.owed
        while owed and owed[0][0] is not None:
            ready = owed.popleft()[0]
            if self.transport is not None and ready is not None:
                self.transport.write(ready)
        self.last_active = time.monotonic()
        if self.handing_over and not owed:
            self._start_inner()

    def _hand_over(self) -> None:
        self.handing_over = True
        if not self.owed:
            self._start_inner()

    def _start_inner(self) -> None:
        if self.inner is not None or self.transport is None:
            return
        self.inner = self.make_inner()
        self.inner.connection_made(self.transport)
        pending, self.buffer = self.buffer, b""
        if pending:
            self.inner.data_received(pending)

    def idle_for(self, now: float) -> float:
        return 0.0 if self.inner is not None or self.owed else now - self.last_active


def city_area(bounds: tuple[float, float, float, float] | None, config: FilterConfig) -> Area | None:
    """Where fixes may be (see desktop.gateway.filters): the places' extent and the margin."""
    if bounds is None:
        log.warning("no place has a boundary or a point: fixes are not checked against the city")
        return None
    area = Area.around(bounds, config.area_margin_m)
    log.info(
        "fixes outside lat %.4f..%.4f, lon %.4f..%.4f are refused",
        area.south,
        area.north,
        area.west,
        area.east,
    )
    return area


def prepare_partitions(engine: Engine) -> None:
    """Day partitions of ``positions`` ahead of need (PostgreSQL; see desktop.live.retention). A
    failure costs nothing but a warning: fixes for a day without partition land in the DEFAULT
    partition, and a database role that may not create tables leaves this to ``db
    prune-positions``."""
    try:
        made = maintain_partitions(engine)
    except SQLAlchemyError as exc:
        log.warning("could not prepare position partitions: %s", str(exc).splitlines()[0])
        return
    if made:
        log.info("position partitions made for %s", ", ".join(d.isoformat() for d in made))


class Gateway:
    """The gateway's state and handlers; :meth:`start` serves it on a host and port."""

    def __init__(
        self,
        engine: Engine,
        config: GatewayConfig | None = None,
        *,
        shared: SharedState | None = None,
        housekeeping: bool = True,
    ) -> None:
        """``shared``: per-worker state shared with sibling processes (see
        :mod:`desktop.gateway.prefork`); ``housekeeping``: this process makes position partitions
        and purges old idempotency keys (one process of several does, so they do not race)."""
        self.config = config or GatewayConfig()
        self.shared = shared
        self.housekeeping = housekeeping
        self.engine = engine
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self.writer = BatchWriter(
            engine,
            max_batch=self.config.max_batch,
            max_delay=self.config.flush_ms / 1000.0,
            max_queued=self.config.max_queued,
        )
        self.filters = Filters(
            self.config.filters,
            last=shared.last if shared is not None else None,
            runs=shared.runs if shared is not None else None,
        )
        self.counters: Counter[str] = Counter()
        # Database failures: at most one warning per interval (see desktop.gateway.outage).
        self.failures = FailureLog(log, self.config.failure_log_s)
        # Device id → worker for positions: the plain ids taken (see desktop.gateway.devices) and
        # the secret ids seen since the last refresh; secrets are known by their hash only.
        self.devices: dict[str, int] = {}
        self._secret_ids: dict[str, int] = {}
        self._refused_ids: frozenset[str] = frozenset()
        self.device_count = 0
        self.grids: GridLocator | None = None
        self.cases: CaseService | None = None
        self._rates: dict[tuple[int, int], tuple[float, float]] = {}
        self._report_pool = concurrent.futures.ThreadPoolExecutor(
            self.config.report_threads, thread_name_prefix="concord-reports"
        )
        self._devices_at = 0.0
        self._refresh_lock = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []
        self._runner: web.ServerRunner | None = None
        self._listener: asyncio.AbstractServer | None = None
        self._fast_conns: set[_FastHttp] = set()
        self._fast_tasks: set[asyncio.Task[None]] = set()
        self._tick: _Tick | None = None  # this loop iteration's fast-path requests
        self._ticks: collections.deque[_Tick] = collections.deque()  # handed over, not yet answered
        self._started = time.monotonic()
        self.url = ""

    # --- lifecycle ---------------------------------------------------------------------------

    def _load(
        self,
    ) -> tuple[
        GridIndex,
        devices.PositionIds,
        list[tuple[int, dt.datetime, float, float]],
        tuple[float, float, float, float] | None,
    ]:
        with self.sessions() as session:
            return (
                GridIndex.from_session(session),
                devices.position_ids(session, self.config.require_device_secret),
                devices.latest_fixes(session),
                devices.place_bounds(session),
            )

    async def start(
        self,
        host: str | None = None,
        port: int | None = None,
        *,
        sock: socket.socket | None = None,
        seed: bool = True,
    ) -> str:
        """Load devices and grids, start the writer, listen (on ``sock`` when given: a socket
        bound and listening already, shared by sibling processes). ``seed``: fill the speed-jump
        filter's last fixes from ``worker_latest`` (not needed when a parent did it in shared
        memory). Returns the base URL."""
        index, known, latest, bounds = await asyncio.to_thread(self._load)
        self.filters.area = city_area(bounds, self.config.filters)
        if self.housekeeping:
            await asyncio.to_thread(self._maintain_partitions)
        self.grids = GridLocator(index)
        self.cases = CaseService(self.sessions, grids=index)
        self._take_devices(known)
        self._devices_at = time.monotonic()
        if seed:
            for worker_id, when, lat, lon in latest:
                self.filters.seed(worker_id, LastFix(when, lat, lon, None))
        # The writer's warnings are failed batches: the same limit (removed again in stop()).
        logging.getLogger("concord.ingest").addFilter(self.failures)
        self.writer.start()
        server = web.Server(self.handle, access_log=None, keepalive_timeout=KEEPALIVE_S)
        self._runner = web.ServerRunner(server, handle_signals=False)
        await self._runner.setup()
        host = host if host is not None else self.config.host
        port = self.config.port if port is None else port
        if self.config.fast_path:
            loop = asyncio.get_running_loop()
            if sock is not None:
                self._listener = await loop.create_server(
                    lambda: _FastHttp(self, server), sock=sock, backlog=1024
                )
            else:
                self._listener = await loop.create_server(
                    lambda: _FastHttp(self, server), host, port, backlog=1024, reuse_address=True
                )
            address = self._listener.sockets[0].getsockname()
        else:
            site: web.BaseSite = (
                web.SockSite(self._runner, sock, backlog=1024)
                if sock is not None
                else web.TCPSite(self._runner, host, port, backlog=1024, reuse_address=True)
            )
            await site.start()
            address = self._runner.addresses[0]
        shown = "127.0.0.1" if address[0] in ("0.0.0.0", "::") else address[0]
        self.url = f"http://{shown}:{address[1]}"
        self._tasks.append(asyncio.create_task(self._refresh_loop()))
        self._tasks.append(asyncio.create_task(self._sweep_loop()))
        return self.url

    async def stop(self) -> None:
        """Stop listening, then write what was accepted, then release the threads."""
        for task in self._tasks:
            task.cancel()
        if self._listener is not None:
            self._listener.close()  # no wait_closed: since 3.12 it waits for every connection
            self._listener = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._submit_tick()  # requests read in this loop iteration are written, not refused
        await asyncio.to_thread(self.writer.stop)
        logging.getLogger("concord.ingest").removeFilter(self.failures)
        await asyncio.sleep(0)  # the writer's last answers reach their connections
        for conn in list(self._fast_conns):
            if conn.transport is not None:
                conn.transport.close()
        self._report_pool.shutdown(wait=True)

    def _maintain_partitions(self) -> None:
        prepare_partitions(self.engine)

    async def _refresh_loop(self) -> None:
        hourly_at = 0.0
        while True:
            await asyncio.sleep(self.config.device_refresh_s)
            self._close_idle()
            try:
                await self._refresh_devices()
                if self.housekeeping and time.monotonic() - hourly_at > 3600:
                    hourly_at = time.monotonic()
                    cutoff = utcnow() - dt.timedelta(days=self.config.idempotency_days)
                    await asyncio.to_thread(purge_idempotency_keys, self.sessions, cutoff)
                    await asyncio.to_thread(self._maintain_partitions)
            except SQLAlchemyError as exc:
                self.failures.failed("could not refresh devices: %s", first_line(exc))

    def _close_idle(self) -> None:
        """Keep-alive connections of the fast path idle past aiohttp's 75 s are closed, as it does."""
        now = time.monotonic()
        for conn in list(self._fast_conns):
            if conn.idle_for(now) > KEEPALIVE_S and conn.transport is not None:
                conn.transport.close()

    async def _refresh_devices(self, min_age: float = 0.0) -> None:
        async with self._refresh_lock:
            # Requests that queued on the lock behind a reload need not reload again.
            if time.monotonic() - self._devices_at < min_age:
                return
            self._take_devices(await asyncio.to_thread(self._read_devices))
            self._devices_at = time.monotonic()

    def _read_devices(self) -> devices.PositionIds:
        with self.sessions() as session:
            return devices.position_ids(session, self.config.require_device_secret)

    def _take_devices(self, ids: devices.PositionIds) -> None:
        self.devices = dict(ids.plain)  # secret ids seen before are looked up again (revocation)
        self._secret_ids = ids.secret
        self._refused_ids = ids.refused
        self.device_count = len(ids.plain) + len(ids.secret)

    def _secret_worker(self, device_id: str) -> int | None:
        """The worker whose secret device id this is; remembered until the next refresh."""
        if not self._secret_ids:
            return None
        worker = self._secret_ids.get(devices.hash_token(device_id))
        if worker is not None:
            self.devices[device_id] = worker
        return worker

    async def _worker_for(self, device_id: str) -> int | None:
        worker = self.devices.get(device_id)
        if worker is None:
            worker = self._secret_worker(device_id)
        # A worker added a moment ago should not wait for the next refresh; but a stream of
        # unknown ids must not turn into a query per request, so at most one reload a second.
        if worker is None and time.monotonic() - self._devices_at > 1.0:
            try:
                await self._refresh_devices(min_age=1.0)
            except SQLAlchemyError:
                return None
            worker = self.devices.get(device_id)
            if worker is None:
                worker = self._secret_worker(device_id)
        return worker

    # --- app -----------------------------------------------------------------------------------

    async def handle(self, request: web.BaseRequest) -> web.StreamResponse:
        """Every request starts here. Three routes need no router: aiohttp's low-level server
        without the Application machinery costs noticeably less per request, and phones send
        thousands of requests a second."""
        path = request.path
        if path.startswith("/api/"):
            if path == "/api/v1/reports" and request.method == "POST":
                return await self.reports(request)
            if path == "/api/v1/health" and request.method in ("GET", "HEAD"):
                return await self.health(request)
            return _text_reply(404, "no such API endpoint")
        if request.method in ("GET", "POST"):
            return await self.positions(request)
        return _text_reply(405, "use GET or POST", {"Allow": "GET, POST"})

    # --- helpers -------------------------------------------------------------------------------

    def _allow(self, worker_id: int, bucket: int = BUCKET_POSITIONS) -> bool:
        """Token bucket per device (keyed by its worker: one device, one worker), one for
        positions and one for reports: ``rate_per_s`` sustained, ``burst`` at once; shared with
        sibling processes if any."""
        rate, burst = self.config.rate_per_s, self.config.burst
        if rate <= 0:
            return True
        now = time.monotonic()
        if self.shared is not None:
            return self.shared.take_token(worker_id, rate, burst, now, bucket)
        key = (worker_id, bucket)
        tokens, last = self._rates.get(key, (burst, now))
        tokens = min(burst, tokens + (now - last) * rate)
        if tokens < 1.0:
            self._rates[key] = (tokens, now)
            return False
        self._rates[key] = (tokens - 1.0, now)
        if len(self._rates) > 100_000:  # forget idle devices rather than grow without bound
            self._rates = {k: v for k, v in self._rates.items() if now - v[1] < 60}
        return True

    async def _read_body(self, request: web.BaseRequest, limit: int) -> bytes:
        """The whole body, refused past ``limit`` bytes (as soon as that is known, before it is all
        read) and past ``body_timeout_s`` (a client that stalls only holds its own connection)."""
        if request.content_length is not None and request.content_length > limit:
            raise _Reply(413, f"body larger than {limit} bytes")

        async def read() -> bytes:
            chunks: list[bytes] = []
            size = 0
            while chunk := await request.content.readany():
                size += len(chunk)
                if size > limit:
                    raise _Reply(413, f"body larger than {limit} bytes")
                chunks.append(chunk)
            return b"".join(chunks)

        try:
            async with asyncio.timeout(self.config.body_timeout_s):  # no extra task, unlike wait_for
                return await read()
        except TimeoutError:
            self.counters["slow_clients"] += 1
            raise _Reply(408, "body not received in time") from None

    async def _run_handler(self, work: Callable[[], Awaitable[web.Response]]) -> web.Response:
        try:
            return await work()
        except _Reply as reply:
            self.counters[f"http_{reply.status}"] += 1
            return _text_reply(reply.status, reply.reason, reply.headers)
        except ProtocolError as exc:
            self.counters["http_400"] += 1
            return _text_reply(400, str(exc))

    # --- positions -----------------------------------------------------------------------------

    async def positions(self, request: web.BaseRequest) -> web.Response:
        return await self._run_handler(lambda: self._positions(request))

    async def _decode(self, request: web.BaseRequest) -> list[RawFix]:
        raw_query = request.rel_url.raw_query_string
        if request.method == "GET" or raw_query:
            # Traccar reads the URI's parameters first and the body only when there are none.
            return [parse_form(parse_query_string(raw_query))]
        body = await self._read_body(request, self.config.max_position_body)
        if not body.strip():
            raise ProtocolError("empty request")
        if looks_like_json(request.content_type, body):
            return parse_json(body, self.config.max_fixes_per_request)
        try:
            form = body.decode("ascii")
        except UnicodeDecodeError:
            raise ProtocolError("a form body must be URL-encoded ASCII") from None
        return [parse_form(parse_query_string(form))]

    async def _positions(self, request: web.BaseRequest) -> web.Response:
        self.counters["position_requests"] += 1
        raws = await self._decode(request)
        return web.Response(status=200, headers=await self._ingest(raws))

    async def _ingest(self, raws: list[RawFix]) -> dict[str, str] | None:
        """Resolve, check and store decoded fixes; returns the headers of the 200 answer (raises
        :class:`_Reply` for any other)."""
        workers = self._known(raws)
        if workers is None:
            workers = {}
            for raw in raws:
                if raw.device_id in workers:
                    continue
                worker = await self._worker_for(raw.device_id)
                if worker is None:
                    status = 404 if raw.source == "json" else 400  # as Traccar answers
                    if raw.device_id in self._refused_ids:
                        self.counters["plain_id_refused"] += 1
                        raise _Reply(status, f"device {raw.device_id!r} must send its secret device id")
                    self.counters["unknown_device"] += 1
                    raise _Reply(status, f"unknown device {raw.device_id!r}")
                workers[raw.device_id] = worker
        fixes, headers = self._admit(raws, workers)
        if fixes:
            await self._write(fixes)
            self.counters["fixes_acknowledged"] += len(fixes)
        return headers

    def _known(self, raws: list[RawFix]) -> dict[str, int] | None:
        """Device → worker for every fix from the cached map, or None if one is not in it."""
        workers: dict[str, int] = {}
        for raw in raws:
            worker = self.devices.get(raw.device_id)
            if worker is None:
                return None
            workers[raw.device_id] = worker
        return workers

    def _admit(self, raws: list[RawFix], workers: dict[str, int]) -> tuple[list[Fix], dict[str, str] | None]:
        """Rate limit, filters and grid: the fixes to store and the 200 answer's headers."""
        for worker_id in workers.values():
            if not self._allow(worker_id):
                self.counters["rate_limited"] += 1
                raise _Reply(429, "too many requests from this device", {"Retry-After": "1"})
        now = utcnow()
        assert self.grids is not None
        fixes: list[Fix] = []
        reasons: set[str] = set()
        for raw in raws:
            worker_id = workers[raw.device_id]
            when = raw.time or now
            verdict = self.filters.check(
                worker_id, when, raw.lat, raw.lon, raw.accuracy, raw.valid, raw.mock, now
            )
            self.counters["fixes_received"] += 1
            if not verdict.stored:
                self.counters["fixes_filtered"] += 1
                reasons.update(verdict.reasons())
                continue
            attributes = raw.attributes
            if raw.mock:
                attributes = {**attributes, "mock": True}
            fixes.append(
                Fix(
                    worker_id=worker_id,
                    device_time=when,
                    received_at=now,
                    lat=raw.lat,
                    lon=raw.lon,
                    speed=raw.speed,
                    bearing=raw.bearing,
                    accuracy=raw.accuracy,
                    battery=raw.battery,
                    grid_id=self.grids.locate(worker_id, raw.lat, raw.lon),
                    flags=int(verdict.flags),
                    attributes=attributes or None,
                )
            )
        headers = {FILTERED_HEADER: ",".join(sorted(reasons))} if reasons else None
        return fixes, headers

    # --- the fast path ---------------------------------------------------------------------------

    def fast_position(self, query: bytes, reply: Callable[[bytes], None]) -> None:
        """A simple ``GET /?id=…&lat=…`` (the request a phone sends every few seconds) read by
        :class:`_FastHttp`: same checks and answers as the aiohttp route, without its request and
        response objects or a task per request. ``reply`` gets the raw HTTP response."""
        self.counters["position_requests"] += 1
        try:
            raws = [parse_form(parse_query_string(query))]
            workers = self._known(raws)
            if workers is None:  # a device not in the cached map: the async route may reload it
                task = asyncio.get_running_loop().create_task(self._fast_slow(raws, reply))
                self._fast_tasks.add(task)
                task.add_done_callback(self._fast_tasks.discard)
                return
            fixes, headers = self._admit(raws, workers)
        except _Reply as exc:
            self.counters[f"http_{exc.status}"] += 1
            reply(_raw_reply(exc.status, exc.reason, exc.headers))
            return
        except ProtocolError as exc:
            self.counters["http_400"] += 1
            reply(_raw_reply(400, str(exc)))
            return
        if not fixes:
            reply(_raw_reply(200, "", headers))
            return
        writer = self.writer
        tick = self._tick
        if writer.stopping:
            self.counters["http_503"] += 1
            reply(_raw_reply(503, "the gateway is shutting down", {"Retry-After": "5"}))
            return
        waiting = tick.count if tick is not None else 0
        if writer.queued + waiting + len(fixes) > writer.max_queued:
            self.counters["overloaded"] += 1
            self.counters["http_503"] += 1
            reply(_raw_reply(503, "the gateway is busy; retry later", {"Retry-After": "1"}))
            return
        if tick is None:
            tick = self._tick = _Tick()
            asyncio.get_running_loop().call_soon(self._submit_tick)
        tick.requests.append(fixes)
        tick.count += len(fixes)
        tick.replies.append((reply, _OK if headers is None else _raw_reply(200, "", headers)))

    def _submit_tick(self) -> None:
        """Hand this loop iteration's fast-path requests to the writer in one go (see
        BatchWriter.submit_group); their answers go out when their transactions settle."""
        tick, self._tick = self._tick, None
        if tick is None:
            return
        try:
            self.writer.submit_group(tick.requests, functools.partial(self._settle_tick, tick))
        except (Overloaded, WriterStopped) as exc:
            busy = isinstance(exc, Overloaded)
            if busy:
                self.counters["overloaded"] += 1
            answer = (
                _raw_reply(503, "the gateway is busy; retry later", {"Retry-After": "1"})
                if busy
                else _raw_reply(503, "the gateway is shutting down", {"Retry-After": "5"})
            )
            self.counters["http_503"] += len(tick.replies)
            tick.answered = True
            for reply, _ok in tick.replies:
                reply(answer)
            return
        # No timer per request: the sweep (see _expire_ticks) answers what waited too long.
        tick.deadline = time.monotonic() + self.config.write_timeout_s
        self._ticks.append(tick)

    def _settle_tick(self, tick: _Tick, outcomes: list[BaseException | None]) -> None:
        if tick.answered:  # timed out meanwhile: the phones got their 503 already
            return
        tick.answered = True
        counters = self.counters
        for (reply, ok), fixes, outcome in zip(tick.replies, tick.requests, outcomes, strict=True):
            if outcome is None:
                counters["fixes_acknowledged"] += len(fixes)
                reply(ok)
                continue
            counters["http_503"] += 1
            counters["write_errors"] += 1
            self.failures.failed("write failed: %s", first_line(outcome))
            reply(_raw_reply(503, "the database refused the write; retry later", {"Retry-After": "5"}))
        if self.failures.failing and None in outcomes:
            self.failures.succeeded()

    def _expire_ticks(self) -> None:
        """Fast-path requests whose write has not committed within ``write_timeout_s`` get 503
        (the fixes stay queued and may still commit; the phone resends and the duplicate is
        harmless). Answered iterations are dropped from the front as they go."""
        now = time.monotonic()
        ticks = self._ticks
        while ticks and (ticks[0].answered or ticks[0].deadline <= now):
            tick = ticks.popleft()
            if tick.answered:
                continue
            tick.answered = True
            self.counters["http_503"] += len(tick.replies)
            self.counters["write_timeouts"] += len(tick.replies)
            answer = _raw_reply(503, "the database did not answer in time", {"Retry-After": "5"})
            for reply, _ok in tick.replies:
                reply(answer)

    async def _sweep_loop(self) -> None:
        while True:
            await asyncio.sleep(_SWEEP_S)
            self._expire_ticks()

    async def _fast_slow(self, raws: list[RawFix], reply: Callable[[bytes], None]) -> None:
        try:
            headers = await self._ingest(raws)
        except _Reply as exc:
            self.counters[f"http_{exc.status}"] += 1
            reply(_raw_reply(exc.status, exc.reason, exc.headers))
            return
        reply(_OK if headers is None else _raw_reply(200, "", headers))

    async def _write(self, fixes: Sequence[Fix]) -> None:
        try:
            future = self.writer.submit_async(fixes)
        except Overloaded:
            self.counters["overloaded"] += 1
            raise _Reply(503, "the gateway is busy; retry later", {"Retry-After": "1"}) from None
        except WriterStopped:
            raise _Reply(503, "the gateway is shutting down", {"Retry-After": "5"}) from None
        # A timer rather than wait_for: nothing to cancel (the unit stays queued and may still
        # commit; the phone then resends it and the duplicate is harmless), and no extra task.
        timer = asyncio.get_running_loop().call_later(self.config.write_timeout_s, _expire, future)
        try:
            await future
        except TimeoutError:
            self.counters["write_timeouts"] += 1
            raise _Reply(503, "the database did not answer in time", {"Retry-After": "5"}) from None
        except Exception as exc:
            self.counters["write_errors"] += 1
            self.failures.failed("write failed: %s", first_line(exc))
            raise _Reply(503, "the database refused the write; retry later", {"Retry-After": "5"}) from None
        finally:
            timer.cancel()
        self.failures.succeeded()

    # --- reports -------------------------------------------------------------------------------

    async def reports(self, request: web.BaseRequest) -> web.Response:
        return await self._run_handler(lambda: self._reports(request))

    @staticmethod
    def _token(request: web.BaseRequest) -> str:
        auth = request.headers.get("Authorization", "")
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        return request.headers.get("X-Device-Token", "").strip()

    def _authenticate(self, token: str) -> DeviceRef | None:
        with self.sessions() as session:
            return devices.authenticate(session, token)

    def _multipart(self, content_type: str, body: bytes) -> tuple[Any, list[Any]]:
        """The ``report`` JSON part and the photo parts of a multipart/form-data body."""
        parser = email.parser.BytesParser(policy=email.policy.HTTP)
        message = parser.parsebytes(b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body)
        if not message.is_multipart():
            raise ProtocolError("malformed multipart body")
        report: Any = None
        photos: list[Photo] = []
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):
                raise ProtocolError("malformed multipart part")
            if name == "report":
                report = load_json(payload)
            elif len(photos) >= self.config.photos.max_photos:
                raise ProtocolError(f"more than {self.config.photos.max_photos} photos")
            else:
                photos.append(check_photo(payload, part.get_content_type(), self.config.photos))
        if report is None:
            raise ProtocolError("multipart body has no 'report' part")
        return report, photos

    async def _reports(self, request: web.BaseRequest) -> web.Response:
        self.counters["report_requests"] += 1
        token = self._token(request)
        if not token:
            raise _Reply(401, "missing device token (Authorization: Bearer …)")
        try:
            device = await asyncio.get_running_loop().run_in_executor(
                self._report_pool, self._authenticate, token
            )
        except SQLAlchemyError as exc:  # the database is away: not a 500 (and its traceback) each
            self.failures.failed("report failed: %s", first_line(exc))
            self.counters["write_errors"] += 1
            raise _Reply(503, "the database is not reachable; retry later", {"Retry-After": "5"}) from None
        if device is None:
            self.counters["bad_token"] += 1
            raise _Reply(401, "unknown or revoked device token")
        if not self._allow(device.worker_id, BUCKET_REPORTS):
            self.counters["rate_limited"] += 1
            raise _Reply(429, "too many requests from this device", {"Retry-After": "1"})
        key = check_idempotency_key(request.headers.get("Idempotency-Key"))
        body = await self._read_body(request, self.config.max_report_body)
        now = utcnow()
        if request.content_type.startswith("multipart/"):
            data, photos = self._multipart(request.headers.get("Content-Type", ""), body)
        else:
            data, photos = load_json(body), []
        window = self.config.filters
        report = parse_report(
            data, photos, now=now, limits=self.config.photos, future_s=window.future_s, past_s=window.past_s
        )
        fingerprint = request_fingerprint(data, photos)
        assert self.cases is not None and self.grids is not None
        cases, index = self.cases, self.grids.index

        def work() -> Any:
            return store_report(
                self.sessions, cases, index, device, report, idempotency_key=key, request_hash=fingerprint
            )

        try:
            outcome = await asyncio.get_running_loop().run_in_executor(self._report_pool, work)
        except ReportRefused as exc:
            self.counters["reports_refused"] += 1
            raise _Reply(422, str(exc)) from None
        except IdempotencyConflict as exc:
            raise _Reply(422, str(exc)) from None
        except SQLAlchemyError as exc:
            self.failures.failed("report failed: %s", first_line(exc))
            self.counters["write_errors"] += 1
            raise _Reply(503, "the database refused the report; retry later", {"Retry-After": "5"}) from None
        self.failures.succeeded()
        self.counters["reports_replayed" if outcome.replayed else f"reports_{outcome.body['type']}"] += 1
        headers = {"Idempotent-Replayed": "true"} if outcome.replayed else None
        return web.json_response(outcome.body, status=outcome.status, headers=headers)

    # --- health --------------------------------------------------------------------------------

    def _ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def snapshot(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),  # with several processes, health answers for the one it reached
            "uptime_s": round(time.monotonic() - self._started, 1),
            "devices": self.device_count,
            "queue_fixes": self.writer.queued,
            "writer": self.writer.stats.as_dict(),
            "counters": dict(self.counters),
            "filters": self.filters.counters.as_dict(),
        }

    async def health(self, request: web.BaseRequest) -> web.Response:
        data = self.snapshot()
        try:
            await asyncio.wait_for(asyncio.to_thread(self._ping), 3.0)
            data["database"] = "ok"
        except (TimeoutError, SQLAlchemyError) as exc:
            data["database"] = f"unavailable: {type(exc).__name__}"
        data["status"] = "ok" if data["database"] == "ok" else "degraded"
        return web.json_response(data, status=200 if data["status"] == "ok" else 503)


def settle_memory() -> None:
    """Once a gateway process serves. Everything loaded so far (grids, devices, modules) lives as
    long as the process: keep it out of the garbage collector's full passes, which otherwise stall
    every request at once. And collect the young generation every 50,000 allocations instead of
    700: a request's objects (parsed fix, callbacks) form no cycles and die by reference count,
    so at thousands of requests a second the default only rescanned objects about to go anyway
    (~5% of the gateway's CPU in the ingest bench)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (Linux, macOS; not Windows) unless ``CONCORD_GATEWAY_UVLOOP=0``:
    it roughly halves the event loop's share of the cost of a request. None: asyncio's own loop."""
    if os.environ.get("CONCORD_GATEWAY_UVLOOP", "1") == "0":
        return None
    try:
        import uvloop
    except ImportError:
        return None
    factory: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return factory


async def serve(
    engine: Engine,
    config: GatewayConfig,
    stop: asyncio.Event,
    ready: Callable[[Gateway], None] | None = None,
    *,
    sock: socket.socket | None = None,
    shared: SharedState | None = None,
    housekeeping: bool = True,
) -> Gateway:
    """Run a gateway until ``stop`` is set; then drain and return it (for its counters).
    ``sock``/``shared``/``housekeeping``: one of several processes (see desktop.gateway.prefork)."""
    gateway = Gateway(engine, config, shared=shared, housekeeping=housekeeping)
    await gateway.start(sock=sock, seed=shared is None)
    if ready is not None:
        ready(gateway)
    try:
        await stop.wait()
    finally:
        await gateway.stop()
    return gateway


def run_gateway(url: str | None, config: GatewayConfig) -> int:
    """The ``python main.py gateway`` command: serve until SIGINT/SIGTERM, then drain."""
    from desktop.bootstrap import open_database

    engine, sessions = open_database(url)
    if config.processes > 1:
        from desktop.gateway import prefork

        if prefork.available():
            try:
                return prefork.run_prefork(engine, sessions, config, config.processes)
            finally:
                engine.dispose()
        log.warning("several gateway processes need fork(); running one")

    def announce(gateway: Gateway) -> None:
        settle_memory()
        # Tests and scripts wait for this exact line to know the port (useful with --port 0).
        print(f"gateway listening on {gateway.url} ({gateway.device_count} devices)", flush=True)

    async def main() -> Gateway:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            # Windows has no add_signal_handler: Ctrl+C raises KeyboardInterrupt there instead.
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.add_signal_handler(sig, stop.set)
        return await serve(engine, config, stop, announce)

    try:
        with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
            gateway = runner.run(main())
    except KeyboardInterrupt:
        return 0
    finally:
        engine.dispose()
    print(json.dumps({"stopped": True, **gateway.snapshot()}, ensure_ascii=False), flush=True)
    return 0
