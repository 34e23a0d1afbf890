"""The gateway as a subprocess (``python main.py gateway``) on a free port, SQLite and PostgreSQL:
acknowledged means committed, even when the process is killed with SIGKILL mid-load — as one
process and as several sharing the port (``--processes``), whose per-phone state is shared."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import Engine, select

from db.models import Position, Worker
from db.session import make_sessionmaker
from desktop.clock import utcnow
from desktop.geo import GridIndex

ROOT = Path(__file__).resolve().parents[2]


def start_gateway(
    url: str, *extra: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], str]:
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
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith("gateway listening on "):
            return proc, line.split()[3]
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise AssertionError(f"gateway did not start: {proc.communicate()[1][-2000:]}")


@pytest.fixture
def points(demo_engine: Engine) -> Iterator[list[tuple[str, int, float, float]]]:
    with make_sessionmaker(demo_engine)() as s:
        index = GridIndex.from_session(s)
        rows = s.execute(
            select(Worker.device_id, Worker.id, Worker.grid_id).order_by(Worker.id).limit(40)
        ).all()
    yield [
        (
            d,
            int(w),
            float(index.geometry(g).representative_point().y),
            float(index.geometry(g).representative_point().x),
        )
        for d, w, g in rows
    ]


def _children(pid: int) -> set[int]:
    """Linux: the processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


several = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="--processes forks (Linux here)")


@pytest.mark.parametrize("processes", [1, pytest.param(2, marks=several)])
def test_sigkill_loses_no_acknowledged_fix(
    demo_url: str,
    demo_engine: Engine,
    points: list,
    processes: int,  # type: ignore[type-arg]
) -> None:
    proc, base = start_gateway(demo_url, "--rate", "0", "--processes", str(processes))
    children = _children(proc.pid)
    assert len(children) == (processes if processes > 1 else 0)
    acked: set[tuple[int, dt.datetime]] = set()
    t0 = (utcnow() - dt.timedelta(hours=6)).replace(microsecond=0)

    async def phone(http: aiohttp.ClientSession, slot: int, stop: asyncio.Event) -> None:
        device, wid, lat, lon = points[slot]
        i = 0
        while not stop.is_set():
            batch = [t0 + dt.timedelta(seconds=i + k) for k in range(5 if slot % 2 else 1)]
            i += len(batch)
            try:
                if slot % 2:  # JSON arrays
                    body = [
                        {"device_id": device, "location": {"timestamp": t.isoformat(),
                         "coords": {"latitude": lat, "longitude": lon, "accuracy": 5}}}
                        for t in batch
                    ]  # fmt: skip
                    async with http.post(base + "/", json=body) as r:
                        ok = r.status == 200
                else:  # OsmAnd query
                    params = {
                        "id": device,
                        "lat": str(lat),
                        "lon": str(lon),
                        "timestamp": str(int(batch[0].timestamp())),
                    }
                    async with http.get(base + "/", params=params) as r:
                        ok = r.status == 200
            except (aiohttp.ClientError, OSError):
                await asyncio.sleep(0.01)
                continue
            if ok:
                acked.update((wid, t) for t in batch)

    async def main() -> None:
        stop = asyncio.Event()
        timeout = aiohttp.ClientTimeout(total=5)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            tasks = [asyncio.create_task(phone(http, slot, stop)) for slot in range(len(points))]
            deadline = time.monotonic() + 20
            while len(acked) < 3000 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            os.kill(proc.pid, signal.SIGKILL)  # mid-load: batches are in flight
            await asyncio.sleep(0.5)
            stop.set()
            await asyncio.gather(*tasks)

    try:
        asyncio.run(main())
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    # The processes that served die with the one that was killed: nothing keeps the port.
    deadline = time.monotonic() + 10
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(c) for c in children)
    assert len(acked) >= 1000
    with make_sessionmaker(demo_engine)() as s:
        stored = set(
            s.execute(
                select(Position.worker_id, Position.device_time).where(Position.device_time >= t0)
            ).all()
        )
    missing = acked - {(int(w), t) for w, t in stored}
    assert not missing, f"{len(missing)} acknowledged fixes were lost, e.g. {sorted(missing)[:3]}"


@pytest.mark.parametrize("processes", [1, pytest.param(2, marks=several)])
def test_sigterm_drains_and_reports(demo_url: str, points: list, processes: int) -> None:  # type: ignore[type-arg]
    proc, base = start_gateway(demo_url, "--processes", str(processes))
    pids: set[int] = set()

    async def main() -> None:
        # A new connection per request, so that every process gets some of them.
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:
            for device, _wid, lat, lon in points[:20]:
                params = {"id": device, "lat": str(lat), "lon": str(lon)}
                async with http.get(base + "/", params=params) as r:
                    assert r.status == 200
            for _ in range(30):
                async with http.get(base + "/api/v1/health") as r:
                    health = await r.json()
                    assert health["database"] == "ok"
                    pids.add(health["pid"])

    try:
        asyncio.run(main())
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert len(pids) == processes  # each process answered some of the connections
    stopped = json.loads(out.strip().splitlines()[-1])
    assert stopped["stopped"] is True
    assert stopped["counters"]["fixes_acknowledged"] == 20  # the processes' counters summed
    assert stopped["writer"]["stored"] == 20
    if processes > 1:
        assert stopped["processes"] == processes


@several
def test_processes_share_rate_limits_and_the_speed_filter(demo_url: str, points: list) -> None:  # type: ignore[type-arg]
    """A phone gets its burst once, not once per process, and a jump is caught whichever process
    stored the fix before it. Every request comes on a new connection, so they spread over both
    processes (health answers name the process: both are checked to have served)."""
    proc, base = start_gateway(
        demo_url, "--processes", "2", "--rate", "0.01", env={"CONCORD_GATEWAY_BURST": "3"}
    )
    statuses: list[int] = []
    jumps: list[str] = []
    pids: set[int] = set()
    t0 = utcnow() - dt.timedelta(hours=1)

    async def main() -> None:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:
            device, _wid, lat, lon = points[0]
            for i in range(12):
                params = {
                    "id": device,
                    "lat": str(lat),
                    "lon": str(lon),
                    "timestamp": str(int(t0.timestamp()) + i),
                }
                async with http.get(base + "/", params=params) as r:
                    statuses.append(r.status)
            for device, _wid, lat, lon in points[1:9]:
                first = {
                    "id": device,
                    "lat": str(lat),
                    "lon": str(lon),
                    "timestamp": str(int(t0.timestamp())),
                }
                # 0.15° (~17 km) ten seconds later, still in the city: no grid worker moves like that.
                jumped = lat + (0.15 if lat < 36.8 else -0.15)
                second = {**first, "lat": str(jumped), "timestamp": str(int(t0.timestamp()) + 10)}
                async with http.get(base + "/", params=first) as r:
                    assert r.status == 200 and "X-Concord-Filtered" not in r.headers
                async with http.get(base + "/", params=second) as r:
                    assert r.status == 200
                    jumps.append(r.headers.get("X-Concord-Filtered", ""))
            for _ in range(30):
                async with http.get(base + "/api/v1/health") as r:
                    pids.add((await r.json())["pid"])

    try:
        asyncio.run(main())
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=60)
    assert len(pids) == 2
    assert statuses == [200] * 3 + [429] * 9
    assert jumps == ["jump"] * 8


@several
def test_a_gateway_process_that_dies_is_replaced(demo_url: str, points: list) -> None:  # type: ignore[type-arg]
    proc, base = start_gateway(demo_url, "--processes", "2")
    device, _wid, lat, lon = points[0]
    try:
        first = _children(proc.pid)
        assert len(first) == 2
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = _children(proc.pid)
            if len(now) == 2 and victim not in now and all(_alive(c) for c in now):
                break
            time.sleep(0.1)
        now = _children(proc.pid)
        assert len(now) == 2 and victim not in now

        async def main() -> None:
            # Every connection is answered, whichever process takes it.
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:
                for _ in range(20):
                    async with http.get(
                        base + "/", params={"id": device, "lat": str(lat), "lon": str(lon)}
                    ) as r:
                        assert r.status == 200

        asyncio.run(main())
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert "exited (-9); restarting it" in err
