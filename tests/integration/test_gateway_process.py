"""The gateway as a subprocess (``python main.py gateway``) on a free port, SQLite and PostgreSQL:
acknowledged means committed, even when the process is killed with SIGKILL mid-load."""

from __future__ import annotations

import asyncio
import datetime as dt
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


def start_gateway(url: str, *extra: str) -> tuple[subprocess.Popen[str], str]:
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


def test_sigkill_loses_no_acknowledged_fix(demo_url: str, demo_engine: Engine, points: list) -> None:  # type: ignore[type-arg]
    proc, base = start_gateway(demo_url, "--rate", "0")
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
    assert len(acked) >= 1000
    with make_sessionmaker(demo_engine)() as s:
        stored = set(
            s.execute(
                select(Position.worker_id, Position.device_time).where(Position.device_time >= t0)
            ).all()
        )
    missing = acked - {(int(w), t) for w, t in stored}
    assert not missing, f"{len(missing)} acknowledged fixes were lost, e.g. {sorted(missing)[:3]}"


def test_sigterm_drains_and_reports(demo_url: str, points: list) -> None:  # type: ignore[type-arg]
    proc, base = start_gateway(demo_url)
    device, _wid, lat, lon = points[0]

    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/", params={"id": device, "lat": str(lat), "lon": str(lon)}) as r:
                assert r.status == 200
            async with http.get(base + "/api/v1/health") as r:
                assert (await r.json())["database"] == "ok"

    try:
        asyncio.run(main())
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    assert '"stopped": true' in out and '"fixes_acknowledged": 1' in out
