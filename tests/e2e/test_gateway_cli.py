"""The field gateway as an operator runs it: ``gateway``, curl from "phones", ``workers --json``,
``devices issue|revoke|list`` and ``simulate`` — main.py subprocesses on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Worker, WorkerLatest
from db.session import make_engine, make_sessionmaker
from desktop.clock import utcnow
from desktop.geo import GridIndex

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")


def concord(*args: str, check: bool = True, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"main.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def curl(*args: str) -> tuple[int, str]:
    out = subprocess.run(
        ["curl", "-s", "-o", "-", "-w", "\n%{http_code}", *args], capture_output=True, text=True, timeout=30
    ).stdout
    body, _, code = out.rpartition("\n")
    return int(code), body


def places(url: str, n: int) -> list[tuple[str, float, float]]:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as s:
            index = GridIndex.from_session(s)
            rows = s.execute(select(Worker.device_id, Worker.grid_id).order_by(Worker.id).limit(n)).all()
    finally:
        engine.dispose()
    out = []
    for device, gid in rows:
        p = index.geometry(gid).representative_point()
        out.append((str(device), round(float(p.y), 6), round(float(p.x), 6)))
    return out


def test_positions_by_curl_reach_workers_json_and_devices_cli(demo_url: str) -> None:
    (d1, la1, lo1), (d2, la2, lo2), (d3, la3, lo3), (d4, la4, lo4) = places(demo_url, 4)
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--db",
            demo_url,
            "gateway",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.startswith("gateway listening on "), proc.stderr.read() if proc.stderr else line
        base = line.split()[3]
        now = utcnow().replace(microsecond=0)
        stamp = str(int(now.timestamp()))
        # OsmAnd GET, form POST, Traccar Client JSON, and a JSON array (offline buffer)
        assert curl(f"{base}/?id={d1}&lat={la1}&lon={lo1}&timestamp={stamp}&batt=50")[0] == 200
        assert curl("-d", f"id={d2}&lat={la2}&lon={lo2}&timestamp={stamp}", f"{base}/")[0] == 200
        record: dict[str, Any] = {
            "device_id": d3,
            "location": {"timestamp": now.isoformat(), "coords": {"latitude": la3, "longitude": lo3}},
        }
        assert curl("-H", "Content-Type: application/json", "-d", json.dumps(record), f"{base}/")[0] == 200
        array = [
            {
                **record,
                "device_id": d4,
                "location": {**record["location"], "coords": {"latitude": la4, "longitude": lo4}},
            }
        ]
        assert curl("-H", "Content-Type: application/json", "-d", json.dumps(array), f"{base}/")[0] == 200
        # bad inputs: their 4xx, and nothing changes
        assert curl(f"{base}/?id=nobody&lat=1&lon=2")[0] == 400
        assert (
            curl(
                "-H",
                "Content-Type: application/json",
                "-d",
                json.dumps({**record, "device_id": "nobody"}),
                f"{base}/",
            )[0]
            == 404
        )
        code, reason = curl(f"{base}/?id={d1}&lat=95&lon=2")
        assert code == 400 and "out of range" in reason

        workers = {
            w["device_id"]: w for w in json.loads(concord("--db", demo_url, "workers", "--json").stdout)
        }
        for device, lat in ((d1, la1), (d2, la2), (d3, la3), (d4, la4)):
            assert workers[device]["last_position"]["lat"] == pytest.approx(lat), device
        assert workers[d1]["last_position"]["battery"] == 50

        # reports with a device token; revoke it
        token = concord("--db", demo_url, "devices", "issue", d1).stdout.strip()
        report = {"type": "sentiment_log", "content": "走访2户", "households_visited": 2}
        auth = ["-H", f"Authorization: Bearer {token}", "-H", "Content-Type: application/json"]
        code, body = curl(*auth, "-d", json.dumps(report), f"{base}/api/v1/reports")
        assert code == 201 and json.loads(body)["type"] == "sentiment_log"
        assert "revoked" in concord("--db", demo_url, "devices", "revoke", d1, "--reason", "lost").stdout
        assert curl(*auth, "-d", json.dumps(report), f"{base}/api/v1/reports")[0] == 401
        listed = {
            d["device_id"]: d
            for d in json.loads(concord("--db", demo_url, "devices", "list", "--json").stdout)
        }
        assert listed[d1]["revoked_at"] and listed[d1]["revoke_reason"] == "lost"
        bad = concord("--db", demo_url, "devices", "revoke", "no-such-phone", check=False)
        assert bad.returncode == 2 and "no worker has the device id" in bad.stderr

        # the simulator drives the running gateway in both formats
        summary = json.loads(
            concord(
                "--db", demo_url, "simulate", "--gateway", base, "--workers", "12",
                "--duration", "2", "--interval", "1", "--seed", "5",
            ).stdout
        )  # fmt: skip
        assert summary["fixes_acked"] >= 12 and summary["errors"] == 0
        assert summary["statuses"].get("200", 0) >= 12
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def test_simulate_embedded_with_speedup(demo_url: str) -> None:
    started = time.monotonic()
    summary = json.loads(
        concord(
            "--db", demo_url, "simulate", "--embedded", "--workers", "30", "--duration", "4",
            "--speedup", "60", "--interval", "10", "--seed", "3",
        ).stdout
    )  # fmt: skip
    assert time.monotonic() - started < 60
    assert summary["phones"] == 30 and summary["errors"] == 0
    assert summary["fixes_acked"] > 30
    engine = make_engine(demo_url)
    try:
        with make_sessionmaker(engine)() as s:
            moved = s.scalar(select(func.count()).select_from(WorkerLatest))
    finally:
        engine.dispose()
    assert moved is not None and moved >= 25
