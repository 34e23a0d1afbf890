"""The gateway's fast path for plain position GETs (desktop.gateway.server._FastHttp): same answers
as the aiohttp route, answers in request order on a pipelined keep-alive connection, and the
hand-over to aiohttp for anything else on the same connection."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import Engine

from db.models import Position
from desktop.gateway.server import Gateway, GatewayConfig, parse_processes, simple_position_query
from tests.integration.test_gateway import count, gateway, workers


@pytest.mark.parametrize(
    ("head", "query"),
    [
        (b"GET /?id=1&lat=2 HTTP/1.1\r\nHost: x", b"id=1&lat=2"),
        (b"GET /osmand?id=1 HTTP/1.1\r\nHost: x\r\nUser-Agent: t", b"id=1"),
        (b"GET /?id=1 HTTP/1.1", b"id=1"),
        (b"GET / HTTP/1.1\r\nHost: x", None),  # no query
        (b"GET /? HTTP/1.1\r\nHost: x", None),
        (b"POST /?id=1 HTTP/1.1\r\nHost: x", None),
        (b"GET /?id=1 HTTP/1.0\r\nHost: x", None),
        (b"GET /api/v1/health?x=1 HTTP/1.1\r\nHost: x", None),
        (b"GET /?id=1 HTTP/1.1\r\nContent-Length: 3", None),
        (b"GET /?id=1 HTTP/1.1\r\nConnection: close", None),
        (b"GET /?id=1 HTTP/1.1\r\nTransfer-Encoding: chunked", None),
        (b"GET /?id=\xc3\xa9 HTTP/1.1\r\nHost: x", None),
        (b"GET /?id=1 2 HTTP/1.1\r\nHost: x", None),
    ],
)
def test_which_requests_take_the_fast_path(head: bytes, query: bytes | None) -> None:
    assert simple_position_query(head) == query


async def _exchange(port: int, raw: bytes, answers: int) -> list[tuple[int, dict[str, str], bytes]]:
    """Send ``raw`` at once on one connection; read ``answers`` responses in order."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    await writer.drain()
    out = []
    for _ in range(answers):
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        out.append((status, headers, body))
    writer.close()
    return out


def _get(**params: Any) -> bytes:
    return f"GET /?{urlencode(params)} HTTP/1.1\r\nHost: t\r\n\r\n".encode()


def test_pipelined_answers_keep_their_order_and_hand_over(demo_url: str, demo_engine: Engine) -> None:
    (dev, _wid, lat, lon), (dev2, _w2, lat2, lon2) = workers(demo_engine, 2)
    t0 = int(time.time()) - 600
    before = count(demo_engine, Position)

    async def main() -> None:
        async with gateway(demo_url) as (gw, base, _http):
            port = int(base.rsplit(":", 1)[1])
            body = json.dumps(
                {
                    "device_id": dev2,
                    "location": {
                        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t0 + 5)),
                        "coords": {"latitude": lat2, "longitude": lon2, "accuracy": 5},
                    },
                }
            ).encode()
            raw = (
                _get(id=dev, lat=lat, lon=lon, timestamp=t0)
                + _get(id="nobody-has-this", lat=lat, lon=lon, timestamp=t0)  # answered at once...
                + _get(id=dev, lat=lat, lon=lon, timestamp=t0 + 1)  # ...but after the first
                + _get(id=dev, lat="north", lon=lon)
                # Not a plain GET: aiohttp takes the connection once the four are answered.
                + b"POST / HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                + str(len(body)).encode()
                + b"\r\n\r\n"
                + body
                + _get(id=dev, lat=lat, lon=lon, timestamp=t0 + 2)  # aiohttp answers this one
            )
            answers = await _exchange(port, raw, 6)
            assert [a[0] for a in answers] == [200, 400, 200, 400, 200, 200]
            assert b"unknown device" in answers[1][2]
            assert answers[0][2] == b"" and answers[2][2] == b""
            assert gw.counters["fixes_acknowledged"] == 4
            assert gw.counters["unknown_device"] == 1

    asyncio.run(main())
    assert count(demo_engine, Position) == before + 4


def test_fast_and_aiohttp_routes_answer_alike(demo_url: str, demo_engine: Engine) -> None:
    """The same requests with the fast path on and off: same statuses, headers that matter, bodies."""
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    t0 = int(time.time()) - 300
    requests = [
        dict(id=dev, lat=lat, lon=lon, timestamp=t0),
        dict(id=dev, lat=lat, lon=lon, timestamp=t0),  # duplicate: still 200
        dict(id=dev, lat=lat, lon=lon, timestamp=t0 + 10, accuracy=5000),  # flagged or filtered
        dict(id=dev, lat=91, lon=lon),
        dict(id=dev),
        dict(id="unknown-device", lat=lat, lon=lon),
    ]
    seen: dict[bool, list[tuple[int, str | None, bytes]]] = {}

    async def main(fast: bool, offset: int) -> None:
        async with gateway(demo_url, fast_path=fast) as (_gw, base, _http):
            port = int(base.rsplit(":", 1)[1])
            out = []
            for params in requests:
                shifted = dict(params)
                if "timestamp" in shifted:
                    shifted["timestamp"] = int(shifted["timestamp"]) + offset
                ((status, headers, body),) = await _exchange(port, _get(**shifted), 1)
                out.append((status, headers.get("x-concord-filtered"), body))
            seen[fast] = out

    asyncio.run(main(True, 0))
    asyncio.run(main(False, 100))
    assert seen[True] == seen[False]


def test_idle_fast_connections_are_closed(demo_url: str, demo_engine: Engine) -> None:
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)

    async def main() -> None:
        gw = Gateway(demo_engine, GatewayConfig(host="127.0.0.1", port=0))
        base = await gw.start()
        try:
            port = int(base.rsplit(":", 1)[1])
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(_get(id=dev, lat=lat, lon=lon))
            await reader.readuntil(b"\r\n\r\n")
            (conn,) = gw._fast_conns
            conn.last_active -= 3600
            gw._close_idle()
            assert await asyncio.wait_for(reader.read(), 5) == b""  # closed by the gateway
            writer.close()
        finally:
            await gw.stop()

    asyncio.run(main())


def test_fast_path_setting() -> None:
    assert GatewayConfig.from_env({}).fast_path is True
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_FAST_PATH": "0"}).fast_path is False
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_FAST_PATH": "off"}).fast_path is False
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_FAST_PATH": "1"}).fast_path is True


@pytest.mark.parametrize("fast", [True, False])
def test_a_write_that_hangs_is_answered_503_in_time_and_later_commits(
    demo_url: str, demo_engine: Engine, fast: bool
) -> None:
    """The database stops answering: the phone gets 503 after write_timeout_s, not a hang; when
    the database comes back the fix is stored all the same (the phone's resend is a duplicate),
    and no second answer reaches the connection (the next request gets its own)."""
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    t0 = int(time.time()) - 900 + (0 if fast else 100)
    before = count(demo_engine, Position)
    release = threading.Event()

    async def main() -> None:
        async with gateway(demo_url, write_timeout_s=0.5, fast_path=fast) as (gw, base, _http):
            real = gw.writer._write

            def stalled(conn: Any, fixes: Any) -> Any:
                release.wait(30)
                return real(conn, fixes)

            gw.writer._write = stalled
            port = int(base.rsplit(":", 1)[1])
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            started = time.monotonic()
            writer.write(_get(id=dev, lat=lat, lon=lon, timestamp=t0))
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            waited = time.monotonic() - started
            assert head.startswith(b"HTTP/1.1 503"), head
            assert 0.4 <= waited < 3.0
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            assert b"did not answer in time" in await reader.readexactly(length)
            assert gw.counters["write_timeouts"] == 1
            release.set()
            # The same connection: the next answer is for the next request, 200 once stored.
            writer.write(_get(id=dev, lat=lat, lon=lon, timestamp=t0 + 1))
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
            assert head.startswith(b"HTTP/1.1 200"), head
            writer.close()

    asyncio.run(main())
    assert count(demo_engine, Position) == before + 2


def test_a_failed_write_is_answered_503_on_the_fast_path(demo_url: str, demo_engine: Engine) -> None:
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    before = count(demo_engine, Position)

    async def main() -> None:
        async with gateway(demo_url) as (gw, base, _http):

            def refused(conn: Any, fixes: Any) -> Any:
                raise RuntimeError("disk full")

            gw.writer._write = refused
            port = int(base.rsplit(":", 1)[1])
            ((status, _headers, body),) = await _exchange(port, _get(id=dev, lat=lat, lon=lon), 1)
            assert status == 503 and b"refused the write" in body
            assert gw.counters["write_errors"] == 1 and gw.counters["fixes_acknowledged"] == 0

    asyncio.run(main())
    assert count(demo_engine, Position) == before


def test_processes_setting() -> None:
    assert GatewayConfig.from_env({}).processes == 1
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_PROCESSES": "3"}).processes == 3
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_PROCESSES": "auto"}).processes == max(
        1, os.cpu_count() or 1
    )
    assert parse_processes(" AUTO ") == max(1, os.cpu_count() or 1) and parse_processes(2) == 2
    for bad in ("0", "-1", "two", "1.5", ""):
        with pytest.raises(ValueError, match="processes"):
            GatewayConfig.from_env({"CONCORD_GATEWAY_PROCESSES": bad})


def test_a_bad_processes_flag_is_refused_before_anything_starts(tmp_path: Any) -> None:
    out = subprocess.run(
        [sys.executable, "main.py", "--db", f"sqlite:///{tmp_path / 'x.db'}", "gateway", "--processes", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.returncode != 0
    assert "processes must be at least 1" in out.stderr
    assert not (tmp_path / "x.db").exists()  # refused before the database was touched
