"""Ingest benchmark: positions into SQLite and PostgreSQL through the real gateway over loopback
HTTP with keep-alive, against a raw batched INSERT/COPY of the same rows, and request latency at
a fixed 1,000 requests/s.

``run()`` returns a dict (wired into ``make bench`` elsewhere). Each engine gets a fresh database
with the demo city (its 1,672 workers and grids, so the grid lookup is realistic); the gateway runs
as a subprocess (``python main.py gateway``) exactly as deployed; the load comes from a minimal
asyncio HTTP/1.1 client (pre-built requests, no HTTP library), so it costs the shared CPU as little
as possible — on a 2-core machine the client, the gateway and PostgreSQL compete for the cores.

Measured per engine:

- ``ingest_positions_per_s``: one fix per request (the OsmAnd query a phone sends), closed loop
  over ``connections`` keep-alive connections for ``duration_s``; counted from 200 answers and
  checked against the rows in the database afterwards.
- ``json_batch_positions_per_s``: Traccar Client JSON arrays of ``batch`` fixes per request
  (the offline-buffer flush) — the gateway's own ceiling with HTTP overhead amortised.
- ``copy_rows_per_s``: the same rows written directly: PostgreSQL ``COPY`` into a copy of the
  positions table, SQLite ``executemany`` INSERT, 500 rows per transaction.
- ``ingest_ratio_to_copy`` = ``ingest_positions_per_s`` / ``copy_rows_per_s`` (and
  ``json_batch_ratio_to_copy`` for the batched figure).
- ``p50/p99_latency_ms_at_1000rps``: open loop at 1,000 requests/s; latency counted from each
  request's scheduled time, so queueing delay is included (no coordinated omission).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import sqlite3
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
    from desktop.demo import build_demo

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


def _copy_rate(url: str, rows: int, batch: int = 500) -> float:
    """Rows/s of a raw batched write of position rows like the gateway's (one transaction per
    ``batch`` rows) into a copy of the positions table with the same unique key."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    data = [
        (
            1 + i % 1000,
            now - dt.timedelta(milliseconds=i),
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
    cols = "worker_id, device_time, received_at, lat, lon, speed, bearing, accuracy, battery, grid_id, flags, attributes"
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE bench_copy AS SELECT * FROM positions WHERE 0")
        conn.execute("CREATE UNIQUE INDEX bench_copy_key ON bench_copy(worker_id, device_time)")
        started = time.perf_counter()
        for k in range(0, rows, batch):
            conn.execute("BEGIN")
            conn.executemany(
                f"INSERT INTO bench_copy ({cols}) VALUES ({','.join('?' * 12)})", data[k : k + batch]
            )
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
        conn.close()
        return rows / elapsed
    import psycopg

    dsn = resolve_url(url).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        conn.execute(
            "CREATE TABLE bench_copy (LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)"
        )
        conn.commit()
        started = time.perf_counter()
        for k in range(0, rows, batch):
            with conn.cursor() as cur, cur.copy(f"COPY bench_copy ({cols}) FROM STDIN") as copy:
                for row in data[k : k + batch]:
                    copy.write_row(row)
            conn.commit()
        elapsed = time.perf_counter() - started
        conn.execute("DROP TABLE bench_copy")
        conn.commit()
    return rows / elapsed


# --- one engine ------------------------------------------------------------------------------


def _start_gateway(url: str) -> tuple[subprocess.Popen[str], str, int]:
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


def bench_engine(
    kind: str,
    pg_admin: str | None = None,
    *,
    duration_s: float = 10.0,
    connections: int = 64,
    batch: int = 50,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url, cleanup = _fresh_database(kind, pg_admin, Path(tmp))
        try:
            phones = _Phones(_devices(url, 1000), t0=time.time() - 3 * 86400)
            proc, host, port = _start_gateway(url)
            try:
                single = _arun(_closed_loop(host, port, phones.query, 1, connections, duration_s))
                batched = _arun(
                    _closed_loop(
                        host,
                        port,
                        lambda i: phones.json_batch(i, batch),
                        batch,
                        connections // 4,
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
            copy_rate = _copy_rate(url, 50_000)
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
