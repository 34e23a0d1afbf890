"""Ingest benchmark: positions into SQLite and PostgreSQL through the real gateway over loopback
HTTP with keep-alive, against a raw batched INSERT/COPY of the same rows, and request latency at
a fixed 1,000 requests/s.

``run()`` returns a dict (wired into ``make bench`` elsewhere). Each engine gets a fresh database
with the demo city (its 1,672 workers and grids, so the grid lookup is realistic); the gateway runs
as a subprocess (``python main.py gateway --processes <cores>``) exactly as deployed. The load
comes from wrk (Debian package ``wrk``: C, epoll, requests prepared before the clock starts) when it
is installed, else from a minimal asyncio HTTP/1.1 client (pre-built requests, no HTTP library):
on a 2-core machine the load generator, the gateway and PostgreSQL compete for the cores, so the
cheaper the generator, the more the figure says about the gateway (phones are other machines).

Measured per engine:

- ``ingest_positions_per_s``: one fix per request (the OsmAnd query a phone sends), closed loop
  over ``connections`` (1,000: one per phone driven) keep-alive connections for ``duration_s``;
  counted from 200 answers and checked against the rows in the database afterwards.
- ``json_batch_positions_per_s``: Traccar Client JSON arrays of ``batch`` fixes per request
  (the offline-buffer flush) — the gateway's own ceiling with HTTP overhead amortised.
- ``copy_rows_per_s`` (the baseline): the same kind of rows written raw, without HTTP and without
  the gateway's code, 500 per transaction, into the same tables — positions with its unique key
  (PostgreSQL: COPY into a staging table, INSERT … SELECT … ON CONFLICT DO NOTHING into the
  partitioned table; SQLite: executemany INSERT … ON CONFLICT) and one worker_latest upsert per
  batch; the median of three samples (all in ``copy_rows_per_s_samples``); ``baseline_measures``
  says so in the output. ``bare_copy_rows_per_s``: for reference, a
  bare COPY (SQLite: executemany INSERT) into an unpartitioned copy of positions, nothing else.
- ``ingest_ratio_to_copy`` = ``ingest_positions_per_s`` / ``copy_rows_per_s`` (and
  ``json_batch_ratio_to_copy`` for the batched figure).
- ``p50/p99_latency_ms_at_1000rps``: open loop at 1,000 requests/s; latency counted from each
  request's scheduled time, so queueing delay is included (no coordinated omission).

The load generator, the gateway and the database share the machine's cores: ``cpu_s_during_ingest_run``
gives each one's CPU seconds during the one-fix run, with the load average beside.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select, text  # noqa: E402

from db.migrate import upgrade  # noqa: E402
from db.models import Position, Worker  # noqa: E402
from db.session import make_engine, make_sessionmaker, resolve_url  # noqa: E402
from desktop.geo import GridIndex  # noqa: E402

# --- a minimal keep-alive HTTP client --------------------------------------------------------


class _Conn(asyncio.Protocol):
    """One keep-alive connection; one request in flight at a time."""

    def __init__(self) -> None:
        self.buf = b""
        self.waiter: asyncio.Future[int] | None = None
        self.transport: Any = None  # uvloop's transports are not asyncio.Transport subclasses

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.buf += data
        end = self.buf.find(b"\r\n\r\n")
        if end < 0:
            return
        head = self.buf[:end]
        length = 0
        for line in head.split(b"\r\n")[1:]:
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        if len(self.buf) < end + 4 + length:
            return
        status = int(head[9:12])
        self.buf = self.buf[end + 4 + length :]
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(status)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(0)

    async def request(self, raw: bytes) -> int:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(raw)
        return await self.waiter


async def _connect(host: str, port: int, n: int) -> list[_Conn]:
    loop = asyncio.get_running_loop()
    conns = []
    for _ in range(n):
        _t, proto = await loop.create_connection(_Conn, host, port)
        conns.append(proto)
    return conns


def _get(path_query: str) -> bytes:
    return f"GET {path_query} HTTP/1.1\r\nHost: bench\r\n\r\n".encode()


def _post_json(body: bytes) -> bytes:
    return (
        b"POST / HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\nContent-Length: "
        + str(len(body)).encode()
        + b"\r\n\r\n"
        + body
    )


@dataclass
class _Phones:
    """Devices with a point in their grid and a per-device clock of distinct timestamps."""

    devices: list[tuple[str, float, float]]
    t0: float
    counter: int = 0

    def next_time(self) -> float:
        self.counter += 1
        return self.t0 + self.counter * 0.001  # distinct per fix: never a duplicate

    def query(self, i: int) -> bytes:
        device, lat, lon = self.devices[i % len(self.devices)]
        t = self.next_time()
        return _get(
            "/?" + urlencode({"id": device, "lat": lat, "lon": lon, "timestamp": f"{t:.3f}", "accuracy": 8})
        )

    def json_batch(self, i: int, size: int) -> bytes:
        device, lat, lon = self.devices[i % len(self.devices)]
        items = []
        for _ in range(size):
            stamp = dt.datetime.fromtimestamp(self.next_time(), dt.UTC).isoformat()
            items.append(
                {
                    "device_id": device,
                    "location": {
                        "timestamp": stamp,
                        "coords": {"latitude": lat, "longitude": lon, "accuracy": 8},
                    },
                }
            )
        return _post_json(json.dumps(items).encode())


async def _closed_loop(
    host: str, port: int, make: Any, per_request: int, connections: int, duration_s: float
) -> dict[str, float]:
    conns = await _connect(host, port, connections)
    ok = failed = 0
    stop_at = time.perf_counter() + duration_s

    async def drive(k: int, conn: _Conn) -> None:
        nonlocal ok, failed
        i = k
        while time.perf_counter() < stop_at:
            status = await conn.request(make(i))
            i += connections
            if status == 200:
                ok += 1
            else:
                failed += 1
                if status == 0:
                    return

    started = time.perf_counter()
    await asyncio.gather(*(drive(k, c) for k, c in enumerate(conns)))
    elapsed = time.perf_counter() - started
    for c in conns:
        if c.transport is not None:
            c.transport.close()
    return {"requests_ok": ok, "requests_failed": failed, "fixes": ok * per_request, "seconds": elapsed}


_WRK_SCRIPT = """
local devices = {%(devices)s}
local t0, threads, pool_size = %(t0)s, %(threads)d, %(pool)d
local id, counter, made, pool = 0, 0, 0, {}
function setup(thread)
  thread:set("id", made)
  made = made + 1
end
local function make(c)
  local k = c * threads + id
  local d = devices[(k %% #devices) + 1]
  return wrk.format("GET", "/?id=" .. d[1] .. "&lat=" .. d[2] .. "&lon=" .. d[3]
    .. "&timestamp=" .. string.format("%%.3f", t0 + k * 0.001) .. "&accuracy=8")
end
function init(args)
  -- Requests are made before the clock starts (wrk times from after init), so the run spends
  -- its CPU on sending them, not on formatting strings.
  id = tonumber(wrk.thread:get("id"))
  for c = 1, pool_size do pool[c] = make(c) end
end
function request()
  counter = counter + 1
  return pool[counter] or make(counter)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %%d, "seconds": %%f, "status": %%d, "connect": %%d, '
    .. '"read": %%d, "write": %%d, "timeout": %%d}\\n', summary.requests, summary.duration / 1e6,
    e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def _wrk_closed_loop(
    host: str, port: int, phones: _Phones, connections: int, duration_s: float, threads: int = 1
) -> dict[str, float] | None:
    """The one-fix closed loop driven by wrk (C, epoll; Debian package ``wrk``) instead of the
    Python client, when it is installed: it costs the shared cores several times less per request,
    so more of them are left to the gateway and the database. Each request is the same OsmAnd GET
    the Python client sends (a script picks the device and a distinct timestamp). None: no wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return None
    devices = ", ".join(f'{{"{d}", "{lat}", "{lon}"}}' for d, lat, lon in phones.devices)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        # Enough prepared requests for 30,000 a second per thread; beyond that they are made as sent.
        pool = int(30_000 * duration_s)
        script.write(
            _WRK_SCRIPT % {"devices": devices, "t0": repr(phones.t0), "threads": threads, "pool": pool}
        )
    try:
        proc = subprocess.Popen(
            [
                wrk,
                "-t",
                str(threads),
                "-c",
                str(connections),
                "-d",
                f"{max(1, round(duration_s))}s",
                "-s",
                script.name,
                f"http://{host}:{port}/",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        out, _ = proc.communicate(timeout=duration_s + 60)
    finally:
        os.unlink(script.name)
    line = next((x for x in out.splitlines() if x.startswith("WRK ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed: {out[-500:]}")
    stats = json.loads(line[4:])
    failed = stats["status"] + stats["connect"] + stats["read"] + stats["write"] + stats["timeout"]
    ok = stats["requests"] - stats["status"]
    # Later runs take timestamps after every one wrk may have used.
    phones.counter += (stats["requests"] + connections) * threads + threads
    return {
        "requests_ok": ok,
        "requests_failed": failed,
        "fixes": ok,
        "seconds": stats["seconds"],
        "client": "wrk",
    }


async def _open_loop(
    host: str, port: int, phones: _Phones, rate: float, duration_s: float, connections: int
) -> dict[str, float]:
    conns = await _connect(host, port, connections)
    free: asyncio.Queue[_Conn] = asyncio.Queue()
    for c in conns:
        free.put_nowait(c)
    latencies: list[float] = []
    failures = 0
    tasks = []

    async def one(i: int, scheduled: float) -> None:
        nonlocal failures
        conn = await free.get()
        status = await conn.request(phones.query(i))
        latencies.append((time.perf_counter() - scheduled) * 1000)
        failures += status != 200
        free.put_nowait(conn)

    start = time.perf_counter()
    n = int(rate * duration_s)
    for i in range(n):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(i, scheduled)))
    await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    for c in conns:
        if c.transport is not None:
            c.transport.close()
    latencies.sort()
    return {
        "requests": n,
        "failures": failures,
        "achieved_rps": n / elapsed,
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[min(n - 1, int(n * 0.99))],
        "max_ms": latencies[-1],
    }


# --- databases -------------------------------------------------------------------------------


def _fresh_database(kind: str, pg_admin: str | None, workdir: Path) -> tuple[str, Any]:
    """A migrated database with the demo city; returns (url, cleanup)."""
    from desktop.seed.demo import build_demo

    if kind == "sqlite":
        url = f"sqlite:///{workdir / 'bench.db'}"
        cleanup = lambda: None  # noqa: E731
    else:
        assert pg_admin
        admin = create_engine(resolve_url(pg_admin), isolation_level="AUTOCOMMIT")
        name = f"concord_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        from sqlalchemy.engine import make_url

        url = make_url(resolve_url(pg_admin)).set(database=name).render_as_string(hide_password=False)

        def cleanup() -> None:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

    engine = make_engine(url)
    upgrade(engine)
    build_demo(make_sessionmaker(engine), seed=7, cases=50, logs=50)
    engine.dispose()
    return url, cleanup


def _devices(url: str, n: int) -> list[tuple[str, float, float]]:
    engine = make_engine(url)
    with make_sessionmaker(engine)() as s:
        index = GridIndex.from_session(s)
        rows = s.execute(select(Worker.device_id, Worker.grid_id).order_by(Worker.id).limit(n)).all()
    engine.dispose()
    out = []
    for device, gid in rows:
        p = index.geometry(gid).representative_point()
        out.append((str(device), round(float(p.y), 6), round(float(p.x), 6)))
    return out


def _count_positions(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as c:
        n = int(c.execute(select(func.count()).select_from(Position)).scalar_one())
    engine.dispose()
    return n


BASELINE_IS = (
    "the same kind of rows written without HTTP or gateway code, {batch} rows per transaction, into the "
    "same tables the gateway writes: positions (PostgreSQL: COPY into a temporary staging table, then "
    "INSERT … SELECT … ON CONFLICT (worker_id, device_time) DO NOTHING into the day-partitioned table; "
    "SQLite: executemany INSERT … ON CONFLICT DO NOTHING) plus, per batch, one seq reservation and one "
    "set-based worker_latest upsert of each worker's newest row; measured right after the HTTP runs, same database, "
    "median of three samples of 50,000 rows (copy_rows_per_s_samples)"
)
_COLS = "worker_id, device_time, received_at, lat, lon, speed, bearing, accuracy, battery, grid_id, flags, attributes"
_LATEST_SET = (
    "ON CONFLICT (worker_id) DO UPDATE SET seq = excluded.seq, device_time = excluded.device_time, "
    "received_at = excluded.received_at, lat = excluded.lat, lon = excluded.lon, speed = excluded.speed, "
    "bearing = excluded.bearing, battery = excluded.battery, grid_id = excluded.grid_id "
    "WHERE worker_latest.device_time < excluded.device_time"
)
_TAKE_SEQS = "UPDATE seq_counters SET last = last + {n} WHERE name = 'worker_latest' RETURNING last"


def _baseline_rows(url: str, rows: int, sample: int = 0) -> list[tuple[Any, ...]]:
    """Rows like the gateway's for the first 1,000 workers, newer than anything the HTTP runs sent
    (so worker_latest moves, as it does for live phones) and all on today's partition; each
    ``sample`` gets its own span of times (no collisions with an earlier sample's rows)."""
    engine = make_engine(url)
    with engine.connect() as c:
        wids = [int(w) for w in c.execute(select(Worker.id).order_by(Worker.id).limit(1000)).scalars()]
    engine.dispose()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    start = max(now - dt.timedelta(minutes=30), now.replace(hour=0, minute=0, second=0, microsecond=0))
    start += dt.timedelta(milliseconds=sample * (rows + 1000))
    return [
        (
            wids[i % len(wids)],
            start + dt.timedelta(milliseconds=i),
            now,
            36.7 + (i % 97) * 1e-4,
            119.9,
            1.2,
            90.0,
            8.0,
            80.0,
            101,
            0,
            None,
        )
        for i in range(rows)
    ]


def _latest_of(chunk: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    newest: dict[int, tuple[Any, ...]] = {}
    for row in chunk:
        have = newest.get(row[0])
        if have is None or row[1] > have[1]:
            newest[row[0]] = row
    return [newest[w] for w in sorted(newest)]


def _copy_rate(url: str, rows: int, batch: int = 500, sample: int = 0) -> dict[str, float]:
    """Rows/s of the raw batched write described by ``BASELINE_IS`` (``copy_rows_per_s``) and, for
    reference, of a bare ``COPY``/``executemany`` into an empty copy of the positions table with
    only its unique key (``bare_copy_rows_per_s``: no partition routing, no worker_latest)."""
    data = _baseline_rows(url, rows, sample)
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=10000")
        stamp = lambda t: t.strftime("%Y-%m-%d %H:%M:%S.%f")  # noqa: E731 - as the ORM writes it
        rows_txt = [(r[0], stamp(r[1]), stamp(r[2]), *r[3:]) for r in data]
        started = time.perf_counter()
        for k in range(0, rows, batch):
            chunk = rows_txt[k : k + batch]
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO positions ({_COLS}) VALUES ({','.join('?' * 12)}) "
                "ON CONFLICT (worker_id, device_time) DO NOTHING",
                chunk,
            )
            latest = _latest_of(chunk)
            last = conn.execute(_TAKE_SEQS.format(n=len(latest))).fetchone()[0]
            conn.executemany(
                "INSERT INTO worker_latest (worker_id, seq, device_time, received_at, lat, lon, speed, "
                f"bearing, battery, grid_id) VALUES (?,?,?,?,?,?,?,?,?,?) {_LATEST_SET}",
                [(r[0], last - len(latest) + 1 + i, *r[1:7], r[8], r[9]) for i, r in enumerate(latest)],
            )
            conn.execute("COMMIT")
        same_tables = rows / (time.perf_counter() - started)
        conn.execute("CREATE TABLE bench_copy AS SELECT * FROM positions WHERE 0")
        conn.execute("CREATE UNIQUE INDEX bench_copy_key ON bench_copy(worker_id, device_time)")
        started = time.perf_counter()
        for k in range(0, rows, batch):
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO bench_copy ({_COLS}) VALUES ({','.join('?' * 12)})", rows_txt[k : k + batch]
            )
            conn.execute("COMMIT")
        bare = rows / (time.perf_counter() - started)
        conn.execute("DROP TABLE bench_copy")
        conn.close()
        return {"same_tables": same_tables, "bare": bare}
    import psycopg

    dsn = resolve_url(url).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "CREATE TEMPORARY TABLE stage (worker_id int, device_time timestamp, received_at timestamp, "
            "lat float8, lon float8, speed float8, bearing float8, accuracy float8, battery float8, "
            "grid_id int, flags int, attributes json) ON COMMIT DELETE ROWS"
        )
        conn.commit()
        started = time.perf_counter()
        for k in range(0, rows, batch):
            chunk = data[k : k + batch]
            with conn.cursor() as cur:
                with cur.copy(f"COPY stage ({_COLS}) FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(row)
                cur.execute(
                    f"INSERT INTO positions ({_COLS}) SELECT {_COLS} FROM stage "
                    "ON CONFLICT (worker_id, device_time) DO NOTHING"
                )
                workers = len({row[0] for row in chunk})
                last = cur.execute(_TAKE_SEQS.format(n=workers)).fetchone()
                assert last is not None
                # The newest row per worker, set-based from the staged rows: one statement.
                cur.execute(
                    "INSERT INTO worker_latest (worker_id, seq, device_time, received_at, lat, lon, speed, "
                    "bearing, battery, grid_id) SELECT worker_id, %s + row_number() OVER (ORDER BY worker_id) "
                    "- 1, device_time, received_at, lat, lon, speed, bearing, battery, grid_id FROM ("
                    "SELECT DISTINCT ON (worker_id) * FROM stage ORDER BY worker_id, device_time DESC) AS n "
                    + _LATEST_SET,
                    (int(last[0]) - workers + 1,),
                )
            conn.commit()
        same_tables = rows / (time.perf_counter() - started)
        conn.execute(
            "CREATE TABLE bench_copy (LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
        )
        conn.commit()
        bare_rows = [(r[0], r[1] - dt.timedelta(days=1), *r[2:]) for r in data]
        started = time.perf_counter()
        for k in range(0, rows, batch):
            with conn.cursor() as cur, cur.copy(f"COPY bench_copy ({_COLS}) FROM STDIN") as copy:
                for row in bare_rows[k : k + batch]:
                    copy.write_row(row)
            conn.commit()
        bare = rows / (time.perf_counter() - started)
        conn.execute("DROP TABLE bench_copy")
        conn.commit()
    return {"same_tables": same_tables, "bare": bare}


# --- one engine ------------------------------------------------------------------------------


def _start_gateway(url: str, processes: int = 1) -> tuple[subprocess.Popen[str], str, int]:
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            url,
            "gateway",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--rate",
            "0",
            "--processes",
            str(processes),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("gateway listening on "):
        proc.kill()
        raise RuntimeError(f"the gateway did not start: {line!r}")
    base = line.split()[3]
    host, port = base.removeprefix("http://").split(":")
    return proc, host, int(port)


def _arun(coro: Any) -> Any:
    """Run the load generator on uvloop when installed: the client shares the CPU with the
    gateway and the database, so the cheaper it is, the more the figures say about the gateway."""
    from desktop.gateway.server import event_loop_factory

    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        return runner.run(coro)


def _cpu_seconds(gateway_pid: int) -> dict[str, float]:
    """CPU seconds so far of the gateway process (with its child processes), of the load
    generator (this process, plus wrk once it has ended) and of all PostgreSQL server processes
    (Linux /proc; empty elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    times = os.times()
    # Ended children (wrk) count as the client; the gateway is still running, so it is not in them.
    out = {"gateway": 0.0, "postgres": 0.0, "client": times[0] + times[1] + times[2] + times[3]}
    proc = Path("/proc")
    if not proc.is_dir():
        return out
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        used = (int(stat[11]) + int(stat[12])) / tick
        if int(entry.name) == gateway_pid or int(stat[1]) == gateway_pid:  # its processes too
            out["gateway"] += used
        elif cmd.startswith(b"postgres"):
            out["postgres"] += used
    return out


def _cpu_delta(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    # Processes that ended in between take their CPU time with them: never below zero.
    return {k: max(0.0, after[k] - before.get(k, 0.0)) for k in after}


def bench_engine(
    kind: str,
    pg_admin: str | None = None,
    *,
    duration_s: float = 10.0,
    connections: int = 1000,
    batch: int = 50,
    processes: int | None = None,
) -> dict[str, Any]:
    """One engine. ``connections`` keep-alive connections for the one-fix-per-request run, one per
    phone of the 1,000 driven (a city has ~1,700 phones, each its own connection): with a commit
    per batch a closed loop's rate is bounded by connections / commit latency, so too few
    connections would measure that instead of the gateway's capacity. ``processes``: the
    gateway's ``--processes`` (default one per core, as ``--processes auto`` deploys it)."""
    processes = processes or max(1, os.cpu_count() or 1)
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = _fresh_database(kind, pg_admin, Path(tmp))
        try:
            phones = _Phones(_devices(url, 1000), t0=time.time() - 3 * 86400)
            proc, host, port = _start_gateway(url, processes)
            try:
                cpu_before = _cpu_seconds(proc.pid)
                single = _wrk_closed_loop(host, port, phones, connections, duration_s) or _arun(
                    _closed_loop(host, port, phones.query, 1, connections, duration_s)
                )
                cpu_after = _cpu_seconds(proc.pid)
                load = os.getloadavg()
                batched = _arun(
                    _closed_loop(
                        host,
                        port,
                        lambda i: phones.json_batch(i, batch),
                        batch,
                        64 // 4,
                        duration_s / 2,
                    )
                )
                # Fresh timestamps near now for the latency run: nothing filtered, latest moves.
                phones.t0, phones.counter = time.time() - 3600, 0
                latency = _arun(_open_loop(host, port, phones, 1000.0, min(duration_s, 10.0), 64))
            finally:
                proc.terminate()
                proc.communicate(timeout=60)
            stored = _count_positions(url)
            # The baseline is short (~1.5 s a sample) and moves with whatever else the machine
            # does: three samples, the median used, all reported.
            samples = [_copy_rate(url, 50_000, sample=k) for k in range(3)]
            copy_rate = statistics.median(b["same_tables"] for b in samples)
            baseline = {"bare": statistics.median(b["bare"] for b in samples)}
        finally:
            cleanup()
    rate = single["fixes"] / single["seconds"]
    expected = single["fixes"] + batched["fixes"] + latency["requests"] - latency["failures"]
    return {
        "ingest_positions_per_s": round(rate),
        "json_batch_positions_per_s": round(batched["fixes"] / batched["seconds"]),
        "copy_rows_per_s": round(copy_rate),
        "json_batch_ratio_to_copy": round(batched["fixes"] / batched["seconds"] / copy_rate, 3),
        "ingest_ratio_to_copy": round(rate / copy_rate, 3),
        "p50_latency_ms_at_1000rps": round(latency["p50_ms"], 2),
        "p99_latency_ms_at_1000rps": round(latency["p99_ms"], 2),
        "max_latency_ms_at_1000rps": round(latency["max_ms"], 2),
        "achieved_rps_latency_run": round(latency["achieved_rps"]),
        "failed_requests": single["requests_failed"] + batched["requests_failed"] + latency["failures"],
        "acknowledged_fixes_all_stored": stored >= expected,
        "connections": connections,
        "duration_s": duration_s,
        "gateway_processes": processes,
        "load_generator": single.get("client", "python asyncio client"),
        # What the denominator of the ratios is (run.py names its own field baseline_is).
        "baseline_measures": BASELINE_IS.format(batch=500),
        "bare_copy_rows_per_s": round(baseline["bare"]),
        "copy_rows_per_s_samples": [round(b["same_tables"]) for b in samples],
        # CPU seconds spent during the one-fix run by each party: the load generator, the gateway
        # and PostgreSQL share the machine's cores (and other work on it: load average beside).
        "cpu_s_during_ingest_run": {k: round(v, 2) for k, v in _cpu_delta(cpu_before, cpu_after).items()},
        "ingest_run_seconds": round(single["seconds"], 2),
        "load_avg_after_ingest_run": [round(x, 2) for x in load],
    }


def run(pg_admin_url: str | None = None, *, duration_s: float = 10.0) -> dict[str, Any]:
    """Both engines (PostgreSQL when a URL is given or in ``CONCORD_TEST_PG_URL``)."""
    pg_admin_url = (
        pg_admin_url or os.environ.get("CONCORD_BENCH_PG_URL") or os.environ.get("CONCORD_TEST_PG_URL")
    )
    random.seed(1)
    results: dict[str, Any] = {"cpus": os.cpu_count()}
    engines = ["sqlite"] + (["pg"] if pg_admin_url else [])
    for kind in engines:
        for key, value in bench_engine(kind, pg_admin_url, duration_s=duration_s).items():
            results[f"{key}_{kind}"] = value
    head = "pg" if pg_admin_url else "sqlite"
    # The headline figures the issue asks for: PostgreSQL when it was measured.
    for key in ("ingest_positions_per_s", "ingest_ratio_to_copy", "p99_latency_ms_at_1000rps"):
        results[key] = results[f"{key}_{head}"]
    return results


if __name__ == "__main__":
    out = run(duration_s=float(os.environ.get("CONCORD_BENCH_SECONDS", "10")))
    print(json.dumps(out, indent=2))
