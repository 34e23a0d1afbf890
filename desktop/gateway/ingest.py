"""Writing field data: batched positions (history + ``worker_latest``) and single reports.

Used by the field gateway and by anything else that ingests in-process (the embedded demo
simulation, tests, benchmarks).

Positions
    :class:`BatchWriter` owns one thread and one connection. Callers :meth:`~BatchWriter.submit`
    a unit (the fixes of one request) and get a future that completes after the transaction
    holding that unit has **committed** — the gateway answers 200 only then, so an acknowledged fix
    survives a crash. A transaction takes the first queued unit and whatever else arrives within
    ``max_delay`` of it (default 5 ms), up to ``max_batch`` (500) fixes. Units queue up while a
    transaction commits, so under load the next batch is already full when it starts (group
    commit): big batches at high load, a few milliseconds of latency when idle. A unit is never
    split across transactions, so a request is stored whole or not at all.

``worker_latest.seq``
    Readers poll ``seq > last_seen``. Seqs come from the ``seq_counters`` row, taken *inside* the
    batch transaction by a conditional ``UPDATE … RETURNING``: the row stays locked until commit,
    so a second writer (another gateway process, the desktop's embedded simulation) waits and takes
    larger seqs and commits after. Seqs therefore become visible in increasing order on both
    engines and a reader never skips one (rolled-back batches leave harmless gaps). The row is taken
    last, just before the upsert and commit, so the lock is held for milliseconds. A single writer
    task per process alone would not be enough: several processes may write.

Reports
    :func:`store_report` writes a case (through :class:`~desktop.cases.service.CaseService`, so SLA,
    audit event and change row follow the ladder's rules) or a sentiment log, its photos and its
    idempotency record in one transaction.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import datetime as dt
import hashlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Grid,
    IdempotencyKey,
    ReportPhoto,
    SentimentLog,
    SeqCounter,
    WorkerLatest,
)
from db.vocab import Kind, Role, Severity
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseError, CaseService, NewCase
from desktop.clock import utcnow
from desktop.gateway.protocol import ProtocolRefusal
from desktop.geo import GridIndex
from desktop.live.feed import record_change

log = logging.getLogger("concord.ingest")

SEQ_NAME = "worker_latest"


@dataclass(slots=True)
class Fix:
    """One position ready to store: device resolved to a worker, filters run, grid assigned."""

    worker_id: int
    device_time: dt.datetime
    received_at: dt.datetime
    lat: float
    lon: float
    speed: float | None = None
    bearing: float | None = None
    accuracy: float | None = None
    battery: float | None = None
    grid_id: int | None = None
    flags: int = 0
    attributes: dict[str, Any] | None = None

    def row(self) -> dict[str, Any]:
        return {
            "worker_id": self.worker_id,
            "device_time": self.device_time,
            "received_at": self.received_at,
            "lat": self.lat,
            "lon": self.lon,
            "speed": self.speed,
            "bearing": self.bearing,
            "accuracy": self.accuracy,
            "battery": self.battery,
            "grid_id": self.grid_id,
            "flags": self.flags,
            "attributes": self.attributes or None,
        }


@dataclass
class WriteResult:
    stored: int = 0
    duplicates: int = 0
    latest_moved: int = 0


class Overloaded(RuntimeError):
    """The writer's queue is full: the caller should answer 503 and the phone retry later."""


class WriterStopped(RuntimeError):
    pass


def _dialect_insert(conn: Connection) -> Any:
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def reserve_seq(conn: Connection, count: int) -> int:
    """Take ``count`` consecutive seqs; returns the first. Locks the counter row until commit.

    The ``MAX(seq)`` guard keeps the counter ahead of rows written without it (a demo builder, a
    restored backup); it is one index lookup.
    """
    greatest = func.greatest if conn.dialect.name == "postgresql" else func.max
    current_max = select(func.coalesce(func.max(WorkerLatest.seq), 0)).scalar_subquery()
    stmt = (
        update(SeqCounter)
        .where(SeqCounter.name == SEQ_NAME)
        .values(last=greatest(SeqCounter.last, current_max) + count)
        .returning(SeqCounter.last)
    )
    last = conn.execute(stmt).scalar()
    if last is None:
        # A schema made by create_all has no counter row yet; make it and take again.
        conn.execute(_dialect_insert(conn)(SeqCounter).values(name=SEQ_NAME, last=0).on_conflict_do_nothing())
        last = conn.execute(stmt).scalar_one()
    return int(last) - count + 1


_POSITION_COLUMNS = "worker_id, device_time, received_at, lat, lon, speed, bearing, accuracy, battery, grid_id, flags, attributes"
_LATEST_COLUMNS = "worker_id, seq, device_time, received_at, lat, lon, speed, bearing, battery, grid_id"
_LATEST_UPDATE = (
    "ON CONFLICT (worker_id) DO UPDATE SET seq = excluded.seq, device_time = excluded.device_time, "
    "received_at = excluded.received_at, lat = excluded.lat, lon = excluded.lon, speed = excluded.speed, "
    "bearing = excluded.bearing, battery = excluded.battery, grid_id = excluded.grid_id "
    # "Latest" only moves forward in device time: an old buffered fix goes to history only.
    "WHERE worker_latest.device_time < excluded.device_time"
)
# PostgreSQL: the batch is COPY'd (psycopg formats COPY rows in C) into a per-session temporary
# staging table, then moved with one INSERT … SELECT … ON CONFLICT (COPY alone cannot skip
# duplicates). Parameter arrays, the earlier way, were adapted element by element in Python and
# cost the writer thread ~50 µs a fix, which it took from the event loop through the GIL.
_PG_STAGE = "concord_positions_stage"
_PG_STAGE_CREATE = (
    f"CREATE TEMPORARY TABLE IF NOT EXISTS {_PG_STAGE} (worker_id int, device_time timestamp, "
    "received_at timestamp, lat float8, lon float8, speed float8, bearing float8, accuracy float8, "
    "battery float8, grid_id int, flags int, attributes json) ON COMMIT DELETE ROWS"
)
_PG_STAGE_COPY = f"COPY {_PG_STAGE} ({_POSITION_COLUMNS}) FROM STDIN"
_PG_POSITIONS = (
    f"INSERT INTO positions ({_POSITION_COLUMNS}) SELECT {_POSITION_COLUMNS} FROM {_PG_STAGE} "
    "ON CONFLICT (worker_id, device_time) DO NOTHING"
)
# The newest unflagged fix per worker, straight from the staged rows; seqs follow worker order,
# as they did when computed in Python. %s: the first reserved seq.
_PG_LATEST = (
    f"INSERT INTO worker_latest ({_LATEST_COLUMNS}) "
    "SELECT worker_id, %s + row_number() OVER (ORDER BY worker_id) - 1, device_time, received_at, "
    "lat, lon, speed, bearing, battery, grid_id FROM ("
    f"SELECT DISTINCT ON (worker_id) * FROM {_PG_STAGE} WHERE flags = 0 "
    "ORDER BY worker_id, device_time DESC) AS newest " + _LATEST_UPDATE
)
# SQLite: a prepared statement run by the driver's C executemany.
_SQLITE_POSITIONS = (
    f"INSERT INTO positions ({_POSITION_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
    "ON CONFLICT (worker_id, device_time) DO NOTHING"
)
_SQLITE_LATEST = (
    f"INSERT INTO worker_latest ({_LATEST_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?) " + _LATEST_UPDATE
)


def _naive_utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is dt.UTC:  # the gateway's parsers give UTC: skip the conversion
        return moment.replace(tzinfo=None)
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def _sqlite_time(moment: dt.datetime) -> str:
    # Exactly the text SQLAlchemy's SQLite DATETIME writes, so that rows written here and rows
    # written through the ORM compare and collide (unique key) as equal values.
    return _naive_utc(moment).strftime("%Y-%m-%d %H:%M:%S.%f")


def write_fixes(conn: Connection, fixes: Sequence[Fix]) -> WriteResult:
    """Store fixes in the caller's transaction: history rows (duplicates skipped) and, for each
    worker, the newest unflagged fix into ``worker_latest`` if it is newer than what is there.

    This is the hot path of the gateway, so it speaks the driver's SQL directly (two statements
    per batch) instead of going through SQLAlchemy's per-row parameter processing.
    """
    result = WriteResult()
    if not fixes:
        return result
    # Duplicates inside one batch would make the multi-row insert trip over itself on some
    # drivers; keep the first of each (worker, time) as the database would.
    unique: dict[tuple[int, dt.datetime], Fix] = {}
    for fix in fixes:
        unique.setdefault((fix.worker_id, fix.device_time), fix)
    batch = list(unique.values())
    postgres = conn.dialect.name == "postgresql"
    stamp = _naive_utc if postgres else _sqlite_time
    rows = [
        (
            f.worker_id,
            stamp(f.device_time),
            stamp(f.received_at),
            f.lat,
            f.lon,
            f.speed,
            f.bearing,
            f.accuracy,
            f.battery,
            f.grid_id,
            f.flags,
            json.dumps(f.attributes) if f.attributes else None,
        )
        for f in batch
    ]
    inserted = _pg_stage_and_insert(conn, rows) if postgres else conn.exec_driver_sql(_SQLITE_POSITIONS, rows)
    result.stored = max(int(inserted.rowcount), 0)
    result.duplicates = len(fixes) - result.stored

    if postgres:
        # The newest fix per worker is picked in SQL from the staged rows; only the count of
        # workers is needed here, for the seqs.
        moved = len({f.worker_id for f in batch if not f.flags})
        if moved:
            # Taken last, right before commit: the counter row stays locked only for this statement.
            conn.exec_driver_sql(_PG_LATEST, (reserve_seq(conn, moved),))
        result.latest_moved = moved
        return result
    newest: dict[int, Fix] = {}
    for fix in batch:
        if fix.flags:
            continue
        have = newest.get(fix.worker_id)
        if have is None or fix.device_time > have.device_time:
            newest[fix.worker_id] = fix
    if not newest:
        return result
    first = reserve_seq(conn, len(newest))  # last, right before commit (see above)
    latest = [
        (
            f.worker_id,
            first + i,
            stamp(f.device_time),
            stamp(f.received_at),
            f.lat,
            f.lon,
            f.speed,
            f.bearing,
            f.battery,
            f.grid_id,
        )
        for i, f in enumerate(sorted(newest.values(), key=lambda f: f.worker_id))
    ]
    conn.exec_driver_sql(_SQLITE_LATEST, latest)
    result.latest_moved = len(newest)
    return result


def _pg_stage_and_insert(conn: Connection, rows: list[tuple[Any, ...]]) -> Any:
    """COPY the rows into the session's staging table and move them into ``positions``."""
    # IF NOT EXISTS every time: a rolled-back first batch takes a just-created table with it,
    # so remembering "created" per connection would be wrong exactly when it matters. It is one
    # quick statement per batch, not per fix.
    conn.exec_driver_sql(_PG_STAGE_CREATE)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(_PG_STAGE_COPY) as copy:
        for row in rows:
            copy.write_row(row)
    return conn.exec_driver_sql(_PG_POSITIONS)


# --- the batching writer ---------------------------------------------------------------------


class _Group:
    """Requests handed over together (:meth:`BatchWriter.submit_group`): an outcome per request
    (None: committed, else the exception), one call back on the loop when all are settled."""

    __slots__ = ("callback", "loop", "outcomes", "remaining")

    def __init__(
        self,
        size: int,
        callback: Callable[[list[BaseException | None]], None],
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self.outcomes: list[BaseException | None] = [None] * size
        self.remaining = size
        self.callback = callback
        self.loop = loop


@dataclass(slots=True)
class _Unit:
    fixes: Sequence[Fix]
    # Exactly one of these: a thread-safe future (submit), an asyncio one (submit_async), or a
    # place in a group (submit_group).
    future: concurrent.futures.Future[WriteResult] | None = None
    afuture: asyncio.Future[WriteResult] | None = None
    group: _Group | None = None
    index: int = 0


def _settle(outcomes: list[tuple[_Unit, WriteResult | BaseException]]) -> None:
    """Runs on the event loop: completes the asyncio futures of one batch."""
    for unit, outcome in outcomes:
        fut = unit.afuture
        if fut is None or fut.done():  # timed out meanwhile; the phone was answered 503 already
            continue
        if isinstance(outcome, BaseException):
            fut.set_exception(outcome)
        else:
            fut.set_result(outcome)


@dataclass
class WriterStats:
    batches: int = 0
    fixes: int = 0
    stored: int = 0
    duplicates: int = 0
    failures: int = 0
    last_batch_ms: float = 0.0
    busy_ms: float = 0.0  # time spent in transactions, all batches: busy_ms / batches = mean
    largest_batch: int = 0
    last_error: str = ""
    queued: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "batches": self.batches,
            "fixes": self.fixes,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "failures": self.failures,
            "last_batch_ms": round(self.last_batch_ms, 2),
            "mean_batch_ms": round(self.busy_ms / self.batches, 2) if self.batches else 0.0,
            "busy_ms": round(self.busy_ms),
            "largest_batch": self.largest_batch,
            "last_error": self.last_error,
            "queued": self.queued,
        }


class BatchWriter:
    """One thread that stores submitted units in batched transactions (see the module doc)."""

    def __init__(
        self,
        engine: Engine,
        *,
        max_batch: int = 500,
        max_delay: float = 0.005,
        max_queued: int = 50_000,
        write: Callable[[Connection, Sequence[Fix]], WriteResult] = write_fixes,
    ) -> None:
        self._engine = engine
        self.max_batch = max_batch
        self.max_delay = max_delay
        self.max_queued = max_queued
        self._write = write
        # Items are bundles of units: a loop hands over everything submitted during one of its
        # iterations in one put (see submit_async). None: stop.
        self._queue: queue.SimpleQueue[list[_Unit] | None] = queue.SimpleQueue()
        self._queued = 0
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._stopping = False
        # Units submitted on an event loop and not yet handed to the thread, per loop.
        self._pending: dict[asyncio.AbstractEventLoop, list[_Unit]] = {}
        self._carry: collections.deque[_Unit] = collections.deque()  # the writer thread's own
        self.stats = WriterStats()

    # --- public --------------------------------------------------------------------------

    def start(self) -> BatchWriter:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="concord-ingest-writer", daemon=True)
            self._thread.start()
        return self

    def _admit(self, unit: _Unit) -> None:
        """Count the unit against ``max_queued`` (caller holds the lock)."""
        if self._stopping:
            raise WriterStopped("the writer is stopping")
        if self._queued + len(unit.fixes) > self.max_queued:
            raise Overloaded(f"{self._queued} fixes are waiting to be written")
        self._queued += len(unit.fixes)

    def submit(self, fixes: Sequence[Fix]) -> concurrent.futures.Future[WriteResult]:
        """Queue one unit; the future completes after its transaction committed (or failed)."""
        future: concurrent.futures.Future[WriteResult] = concurrent.futures.Future()
        if not fixes:
            future.set_result(WriteResult())
            return future
        unit = _Unit(fixes, future=future)
        with self._lock:
            self._admit(unit)
        self._queue.put([unit])
        return future

    def submit_async(self, fixes: Sequence[Fix]) -> asyncio.Future[WriteResult]:
        """Like :meth:`submit`, for the calling event loop. Units submitted while the loop runs
        one iteration (all the requests that arrived together) reach the writer thread in one
        hand-over at the end of it, and the writer wakes the loop once per batch: at thousands of
        requests a second, waking the other thread per request would cost more than the request
        (each wake-up passes the GIL back and forth)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[WriteResult] = loop.create_future()
        if not fixes:
            future.set_result(WriteResult())
            return future
        self._submit_on_loop(loop, _Unit(fixes, afuture=future))
        return future

    def submit_group(
        self, requests: Sequence[Sequence[Fix]], callback: Callable[[list[BaseException | None]], None]
    ) -> None:
        """The fixes of several requests (each non-empty), handed to the writer in one go: each
        request is a unit of its own (stored whole or not at all, never split, retried alone if its
        batch fails), and ``callback`` runs once on the calling loop, when every one has committed
        or failed, with their outcomes in order (None: committed). The gateway's fast path hands
        over the requests of one loop iteration this way: one lock, one queue put and one wake-up
        of the loop for all of them. Raises like :meth:`submit` (then none is queued)."""
        if not requests:
            callback([])
            return
        group = _Group(len(requests), callback, asyncio.get_running_loop())
        units = [_Unit(fixes, group=group, index=i) for i, fixes in enumerate(requests)]
        total = sum(len(fixes) for fixes in requests)
        with self._lock:
            if self._stopping:
                raise WriterStopped("the writer is stopping")
            if self._queued + total > self.max_queued:
                raise Overloaded(f"{self._queued} fixes are waiting to be written")
            self._queued += total
        self._queue.put(units)

    @property
    def stopping(self) -> bool:
        return self._stopping

    def _submit_on_loop(self, loop: asyncio.AbstractEventLoop, unit: _Unit) -> None:
        with self._lock:
            self._admit(unit)
            pending = self._pending.get(loop)
            if pending is None:
                self._pending[loop] = [unit]
                loop.call_soon(self._hand_over, loop)
            else:
                pending.append(unit)

    def _hand_over(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            units = self._pending.pop(loop, None)
        if units:
            self._queue.put(units)

    @property
    def queued(self) -> int:
        return self._queued

    def stop(self, timeout: float = 30.0) -> None:
        """Write what is queued, then stop the thread. Units still waiting for their loop's
        hand-over are handed over here (a loop that stops its writer has finished submitting)."""
        with self._lock:
            self._stopping = True
            waiting = [unit for units in self._pending.values() for unit in units]
            self._pending.clear()
        if waiting:
            self._queue.put(waiting)
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    # --- the thread ----------------------------------------------------------------------

    def _next(self, timeout: float | None) -> list[_Unit] | None:
        """Units from the carry-over of the last bundle, else the next bundle (None: stop).
        Raises queue.Empty when nothing comes within ``timeout`` (0: don't wait)."""
        if self._carry:
            carried = list(self._carry)
            self._carry.clear()
            return carried
        if timeout == 0:
            return self._queue.get_nowait()
        return self._queue.get(timeout=timeout)

    def _collect(self, first: list[_Unit]) -> tuple[list[_Unit], bool]:
        """The first units plus whatever arrives within ``max_delay``, up to ``max_batch``
        fixes (a unit is never split; what does not fit waits for the next batch). While a
        transaction commits, new units queue up, so under load the next batch is already full
        when it starts: batches grow with the load and latency stays low when idle."""
        units: list[_Unit] = []
        count = 0
        deadline = time.monotonic() + self.max_delay
        stop = False
        bundle: list[_Unit] | None = first
        while True:
            assert bundle is not None
            for i, unit in enumerate(bundle):
                if units and count + len(unit.fixes) > self.max_batch:
                    self._carry.extend(bundle[i:])
                    return units, stop
                units.append(unit)
                count += len(unit.fixes)
            if count >= self.max_batch:
                return units, stop
            try:
                bundle = self._next(0)
            except queue.Empty:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    bundle = self._next(remaining)
                except queue.Empty:
                    break
            if bundle is None:
                stop = True
                break
        return units, stop

    def _run(self) -> None:
        conn: Connection | None = None
        stop = False
        while not stop or self._carry:
            first = self._next(None)
            if first is None:
                stop = True
                continue
            units, stop_now = self._collect(first)
            stop = stop or stop_now
            conn = self._flush(conn, units)
        # Drain anything that raced with stop().
        leftovers: list[_Unit] = []
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is not None:
                leftovers.extend(item)
        if leftovers:
            conn = self._flush(conn, leftovers)
        if conn is not None:
            conn.close()

    def _transaction(self, conn: Connection | None, fixes: list[Fix]) -> tuple[Connection, WriteResult]:
        if conn is None or conn.closed or conn.invalidated:
            conn = self._engine.connect()
        try:
            with conn.begin():
                result = self._write(conn, fixes)
        except BaseException:
            # Rolled back; the next transaction starts on a fresh connection (this one may be
            # the reason it failed), and a connection nobody holds any more must not stay open.
            conn.close()
            raise
        return conn, result

    def _flush(self, conn: Connection | None, units: list[_Unit]) -> Connection | None:
        fixes = [fix for unit in units for fix in unit.fixes]
        started = time.perf_counter()
        try:
            conn, result = self._transaction(conn, fixes)
        except Exception as exc:
            self.stats.last_error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            if len(units) == 1:
                # Counted before the answer goes out, so whoever got the answer sees the count.
                self.stats.failures += 1
                self._finish(units, exc=exc)
                return None
            # One bad unit must not fail its neighbours: store each on its own.
            log.warning("batch of %d units failed (%s); retrying one by one", len(units), exc)
            for unit in units:
                conn = self._flush(conn, [unit])
            return conn
        self.stats.batches += 1
        self.stats.fixes += len(fixes)
        self.stats.stored += result.stored
        self.stats.duplicates += result.duplicates
        self.stats.largest_batch = max(self.stats.largest_batch, len(fixes))
        self.stats.last_batch_ms = (time.perf_counter() - started) * 1000
        self.stats.busy_ms += self.stats.last_batch_ms
        self._finish(units, result=result)
        return conn

    def _finish(
        self, units: list[_Unit], *, result: WriteResult | None = None, exc: BaseException | None = None
    ) -> None:
        with self._lock:
            self._queued -= sum(len(u.fixes) for u in units)
            self.stats.queued = self._queued
        by_loop: dict[asyncio.AbstractEventLoop, list[tuple[_Unit, WriteResult | BaseException]]] = {}
        settled: list[_Group] = []
        for unit in units:
            group = unit.group
            if group is not None:  # only this thread touches a group until it is settled
                group.outcomes[unit.index] = exc
                group.remaining -= 1
                if not group.remaining:
                    settled.append(group)
                continue
            # Per-unit counts are not tracked separately: every unit in the batch committed.
            outcome: WriteResult | BaseException = (
                exc if exc is not None else WriteResult(stored=len(unit.fixes))
            )
            if unit.afuture is not None:
                by_loop.setdefault(unit.afuture.get_loop(), []).append((unit, outcome))
            elif unit.future is not None and unit.future.set_running_or_notify_cancel():
                if isinstance(outcome, BaseException):
                    unit.future.set_exception(outcome)
                else:
                    unit.future.set_result(outcome)
        for loop, outcomes in by_loop.items():
            # A loop that has closed has nobody left to answer; the data is stored regardless.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_settle, outcomes)
        for group in settled:
            with contextlib.suppress(RuntimeError):
                group.loop.call_soon_threadsafe(group.callback, group.outcomes)


# --- reports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class DeviceRef:
    """The device a report came from, as its token identified it."""

    device_id: str
    worker_id: int
    worker_name: str
    grid_id: int
    town_id: int


@dataclass(frozen=True)
class CaseReport:
    kind: Kind
    category: str
    title: str
    lat: float
    lon: float
    severity: Severity = Severity.GENERAL
    description: str = ""
    parties_count: int = 1
    mass_incident: bool = False
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class LogReport:
    content: str
    visited_at: dt.datetime
    households_visited: int = 1
    lat: float | None = None
    lon: float | None = None
    photos: tuple[Photo, ...] = ()


@dataclass(frozen=True)
class ReportOutcome:
    status: int
    body: dict[str, Any]
    replayed: bool = False


class ReportRefused(ProtocolRefusal):
    """A report the rules refuse (unknown category, outside the city, …): 422 with the message."""

    CODE = "ingest.refused"


# The phone's answer when the case service refuses a report: English, like the rest of the
# protocol (the app shows it as it comes); the facts in the refusal fill the sentence.
_CASE_REFUSAL_WORDS = {
    "case.outside_city": "the point ({lat}, {lon}) is outside the city's grids",
    "case.unknown_kind": "unknown kind {kind!r}",
    "case.unknown_category": "category {category!r} is not a category of {kind!r} cases",
    "case.title_required": "the title is empty",
    "case.title_too_long": "the title is longer than {limit} characters",
    "case.parties_negative": "the number of parties is negative",
    "case.bad_coordinate": "({lat}, {lon}) is not a coordinate",
    "case.other_town": "the point is in another town ({town})",
    "case.other_town_unknown": "the point is in another town",
}


def _case_refusal_words(exc: CaseError) -> str:
    template = _CASE_REFUSAL_WORDS.get(exc.code)
    if template is None:
        return f"the case was refused ({exc.code})"
    try:
        return "case refused: " + template.format(**exc.params)
    except (KeyError, IndexError, ValueError):
        return f"the case was refused ({exc.code})"


class IdempotencyConflict(ProtocolRefusal):
    """The key was used before for a different request: 422, nothing stored."""

    CODE = "ingest.idempotency_conflict"


def _photo_rows(photos: Sequence[Photo], worker_id: int, now: dt.datetime, **owner: int) -> list[ReportPhoto]:
    return [
        ReportPhoto(
            worker_id=worker_id,
            content_type=p.content_type,
            size=len(p.data),
            sha256=p.sha256,
            data=p.data,
            created_at=now,
            **owner,
        )
        for p in photos
    ]


def _replay(session: Session, device_id: str, key: str, request_hash: str) -> ReportOutcome | None:
    row = session.scalars(
        select(IdempotencyKey).where(IdempotencyKey.device_id == device_id, IdempotencyKey.key == key)
    ).one_or_none()
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise IdempotencyConflict("this Idempotency-Key was already used for a different report")
    return ReportOutcome(row.status, dict(row.response), replayed=True)


def _store_case(
    session: Session, cases: CaseService, device: DeviceRef, report: CaseReport, now: dt.datetime
) -> dict[str, Any]:
    actor = Actor(user_id=None, role=Role.WORKER, town_id=device.town_id, name=device.worker_name)
    new = NewCase(
        kind=report.kind,
        category=report.category,
        title=report.title,
        lat=report.lat,
        lon=report.lon,
        severity=report.severity,
        description=report.description,
        parties_count=report.parties_count,
        mass_incident=report.mass_incident,
        reporter_worker_id=device.worker_id,
        reporter_name=device.worker_name,
    )
    try:
        case = cases.report(new, actor, session=session)
    except CaseError as exc:
        raise ReportRefused(_case_refusal_words(exc)) from None
    session.add_all(_photo_rows(report.photos, device.worker_id, now, case_id=case.id))
    return {
        "type": "case",
        "id": case.id,
        "number": case.number,
        "status": case.status,
        "level": case.level,
        "town_id": case.town_id,
        "village_id": case.village_id,
        "grid_id": case.grid_id,
        "sla_due_at": case.sla_due_at.isoformat() if case.sla_due_at else None,
        "photos": len(report.photos),
    }


def _store_log(
    session: Session, grids: GridIndex | None, device: DeviceRef, report: LogReport, now: dt.datetime
) -> dict[str, Any]:
    # A visit is filed in the grid its point falls in; without a usable point, the worker's grid.
    grid_id = device.grid_id
    if report.lat is not None and report.lon is not None and grids is not None:
        hit = grids.locate(report.lat, report.lon)
        if hit is not None:
            grid_id = hit.grid_id
    grid = session.get(Grid, grid_id)
    if grid is None:
        raise ReportRefused(f"grid {grid_id} does not exist")
    entry = SentimentLog(
        worker_id=device.worker_id,
        town_id=grid.town_id,
        village_id=grid.village_id,
        grid_id=grid.id,
        visited_at=report.visited_at,
        households_visited=report.households_visited,
        content=report.content,
        lat=report.lat,
        lon=report.lon,
    )
    session.add(entry)
    session.flush()
    session.add_all(_photo_rows(report.photos, device.worker_id, now, log_id=entry.id))
    record_change(session, "sentiment_log", entry.id, "report", grid.town_id, now)
    return {
        "type": "sentiment_log",
        "id": entry.id,
        "town_id": grid.town_id,
        "village_id": grid.village_id,
        "grid_id": grid.id,
        "photos": len(report.photos),
    }


def store_report(
    sessions: sessionmaker[Session],
    cases: CaseService,
    grids: GridIndex | None,
    device: DeviceRef,
    report: CaseReport | LogReport,
    *,
    idempotency_key: str | None = None,
    request_hash: str = "",
    clock: Callable[[], dt.datetime] = utcnow,
) -> ReportOutcome:
    """Store one report and its idempotency record in one transaction.

    The idempotency row is inserted *first*: a concurrent retry with the same key then waits on
    the unique index (PostgreSQL) or the write lock (SQLite) and, once the first commits, fails
    on it and replays the stored answer instead of creating a second case.
    """
    now = clock()
    if idempotency_key:
        with sessions() as session:
            replay = _replay(session, device.device_id, idempotency_key, request_hash)
            if replay is not None:
                return replay
    try:
        with sessions.begin() as session:
            claim: IdempotencyKey | None = None
            if idempotency_key:
                claim = IdempotencyKey(
                    device_id=device.device_id,
                    key=idempotency_key,
                    request_hash=request_hash,
                    status=0,
                    response={},
                    created_at=now,
                )
                session.add(claim)
                session.flush()
            if isinstance(report, CaseReport):
                body = _store_case(session, cases, device, report, now)
            else:
                body = _store_log(session, grids, device, report, now)
            if claim is not None:
                claim.status = 201
                claim.response = body
            return ReportOutcome(201, body)
    except IntegrityError:
        if not idempotency_key:
            raise
        with sessions() as session:
            replay = _replay(session, device.device_id, idempotency_key, request_hash)
        if replay is None:
            raise
        return replay


def purge_idempotency_keys(sessions: sessionmaker[Session], older_than: dt.datetime) -> int:
    """Forget stored report answers older than ``older_than`` (a phone retries within minutes or
    hours, not weeks); returns how many were removed."""
    with sessions.begin() as session:
        result = session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < older_than))
        return int(getattr(result, "rowcount", 0) or 0)
