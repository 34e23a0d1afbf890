"""Issue 13, the gateway's part, through the live gateway on SQLite and PostgreSQL (demo city):
forged fixes cannot hold a worker's place on the map, timestamps and numbers a phone cannot mean
are answered 400 and change nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import signal
import sys
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from db.models import DeviceCredential, Position, SentimentLog, Worker, WorkerLatest
from db.session import make_sessionmaker
from desktop.clock import utcnow
from desktop.gateway import devices
from desktop.gateway.filters import distance_m
from desktop.gateway.ingest import Fix, write_fixes
from desktop.gateway.server import GatewayConfig
from tests.integration.test_gateway import count, gateway, json_fix, workers
from tests.integration.test_gateway_process import start_gateway
from tests.pg_logins import Logins


async def _raw_get(base: str, query: str) -> tuple[int, bytes]:
    """One ``GET /?query`` sent as is (the query already percent-encoded), on its own connection:
    the gateway's fast path answers it."""
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(f"GET /?{query} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
    body = await reader.readexactly(length)
    writer.close()
    return int(head.split()[1]), body


def _q(value: str) -> str:
    return quote(value, safe="")


# --- 3. extreme timestamps -------------------------------------------------------------------

EXTREME = [
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00Z",
    "253402300799999",
]


def test_extreme_timestamps_are_400_in_every_shape(demo_url: str, demo_engine: Engine) -> None:
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    before = count(demo_engine, Position)
    answers: list[tuple[str, int, str]] = []

    async def main() -> None:
        for fast in (True, False):
            async with gateway(demo_url, fast_path=fast) as (gw, base, http):
                for stamp in EXTREME:
                    status, body = await _raw_get(base, f"id={dev}&lat={lat}&lon={lon}&timestamp={_q(stamp)}")
                    answers.append((f"get fast={fast} {stamp}", status, body.decode()))
                    form = {"id": dev, "lat": str(lat), "lon": str(lon), "timestamp": stamp}
                    async with http.post(base + "/", data=form) as r:
                        answers.append((f"form {stamp}", r.status, await r.text()))
                    stamp_json: Any = int(stamp) if stamp.isdigit() else stamp
                    fix = json_fix(dev, lat, lon, utcnow())
                    fix["location"]["timestamp"] = stamp_json
                    async with http.post(base + "/", json=fix) as r:
                        answers.append((f"json {stamp}", r.status, await r.text()))
                    # one bad fix in an offline buffer: the whole request is refused
                    async with http.post(base + "/", json=[json_fix(dev, lat, lon, utcnow()), fix]) as r:
                        answers.append((f"json array {stamp}", r.status, await r.text()))
                assert gw.counters["http_400"] == 4 * len(EXTREME)

    asyncio.run(main())
    for what, status, body in answers:
        assert (status, body.strip()) == (400, "timestamp is out of range (1970 to 2099)"), what
    assert count(demo_engine, Position) == before


def _token(engine: Engine, device: str) -> str:
    with make_sessionmaker(engine).begin() as s:
        return devices.issue_token(s, device)


def test_sentiment_logs_out_of_the_window_are_400_and_not_stored(demo_url: str, demo_engine: Engine) -> None:
    (dev, wid, lat, lon), *_ = workers(demo_engine, 1)
    token = _token(demo_engine, dev)
    now = utcnow()
    before = count(demo_engine, SentimentLog, SentimentLog.worker_id == wid)
    refused = {
        "9999-12-31T23:59:59-14:00": "out of range",
        "0001-01-01T00:00:00+14:00": "out of range",
        (now - dt.timedelta(days=31)).isoformat(): "more than 30 days in the past",
        (now + dt.timedelta(hours=1)).isoformat(): "in the future",
        "１７９５１６３４００": "not Unix seconds",
    }

    async def main() -> None:
        async with gateway(demo_url) as (_gw, base, http):
            auth = {"Authorization": f"Bearer {token}"}
            for visited_at, reason in refused.items():
                report = {"type": "sentiment_log", "content": "走访", "visited_at": visited_at,
                          "location": {"lat": lat, "lon": lon}}  # fmt: skip
                async with http.post(base + "/api/v1/reports", json=report, headers=auth) as r:
                    assert r.status == 400, visited_at
                    assert reason in await r.text()
                # the same through a multipart body
                form = aiohttp.FormData()
                form.add_field("report", json.dumps(report), content_type="application/json")
                async with http.post(base + "/api/v1/reports", data=form, headers=auth) as r:
                    assert r.status == 400 and reason in await r.text()
            # a visit written up four weeks late is still a visit
            ok = {
                "type": "sentiment_log",
                "content": "补录",
                "visited_at": (now - dt.timedelta(days=28)).isoformat(),
            }
            async with http.post(base + "/api/v1/reports", json=ok, headers=auth) as r:
                assert r.status == 201

    asyncio.run(main())
    assert count(demo_engine, SentimentLog, SentimentLog.worker_id == wid) == before + 1


# --- 4. numbers that are not numbers, values that cannot be ------------------------------------


def test_non_ascii_digits_and_absurd_values_are_400(demo_url: str, demo_engine: Engine) -> None:
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    before = count(demo_engine, Position)
    stamp = str(int(utcnow().timestamp()) - 60)
    plain = {"id": dev, "lat": str(lat), "lon": str(lon), "timestamp": stamp}
    bad_form = [
        {"lat": "３６.７８"},
        {"lon": "١١٩.٩٥"},
        {"timestamp": "１７９５１６３４００"},
        {"speed": "５"},
        {"batt": "۸۰"},
        {"accuracy": "1e400"},
        {"altitude": "nan"},
        {"speed": "1e300"},
        {"bearing": "720"},
        {"altitude": "12000"},
        {"accuracy": "200000"},
        {"batt": "250"},
    ]
    bad_json: list[tuple[str, dict[str, Any]]] = [
        ("coords", {"speed": 1e300}),
        ("coords", {"heading": 400}),
        ("coords", {"altitude": -1e12}),
        ("coords", {"accuracy": 1e7}),
        ("location", {"battery": {"level": 80}}),
        ("location", {"odometer": 1e300}),
        ("location", {"timestamp": "２０２６-11-20T08:30:00Z"}),
    ]
    statuses: list[tuple[str, int]] = []

    async def main() -> None:
        async with gateway(demo_url) as (gw, base, http):
            for change in bad_form:
                query = "&".join(f"{k}={_q(v)}" for k, v in {**plain, **change}.items())
                status, _body = await _raw_get(base, query)
                statuses.append((f"get {change}", status))
                async with http.post(base + "/", data={**plain, **change}) as r:
                    statuses.append((f"form {change}", r.status))
            for where, change in bad_json:
                fix = json_fix(dev, lat, lon, utcnow() - dt.timedelta(seconds=30))
                target = fix["location"]["coords"] if where == "coords" else fix["location"]
                target.update(change)
                async with http.post(base + "/", json=fix) as r:
                    statuses.append((f"json {change}", r.status))
            assert gw.counters["fixes_received"] == 0

    asyncio.run(main())
    assert [what for what, status in statuses if status != 400] == []
    assert count(demo_engine, Position) == before


@pytest.mark.parametrize("fast", [True, False])
def test_a_plain_fix_still_passes(demo_url: str, demo_engine: Engine, fast: bool) -> None:
    """The bounds refuse nothing a phone really sends: unknowns (-1), a fix at sea level or below."""
    (dev, wid, lat, lon), *_ = workers(demo_engine, 1)
    stamp = int(utcnow().timestamp()) - 120

    async def main() -> None:
        async with gateway(demo_url, fast_path=fast) as (_gw, base, http):
            query = f"id={dev}&lat={lat}&lon={lon}&timestamp={stamp}&speed=-1&bearing=-1&accuracy=12&altitude=-3&batt=-1"
            status, body = await _raw_get(base, query)
            assert (status, body) == (200, b"")
            fix = json_fix(dev, lat, lon, utcnow() - dt.timedelta(seconds=60))
            fix["location"]["coords"].update(speed=-1, heading=-1)
            async with http.post(base + "/", json=fix) as r:
                assert r.status == 200 and "X-Concord-Filtered" not in r.headers

    asyncio.run(main())
    assert count(demo_engine, Position, Position.worker_id == wid) >= 2


# --- 1. a forged fix: outside the city refused, inside the city outvoted ----------------------

BEIJING = (39.9042, 116.4074)  # ~500 km from the demo city: reachable in twelve hours


def _latest(engine: Engine, wid: int) -> WorkerLatest | None:
    with make_sessionmaker(engine)() as s:
        return s.get(WorkerLatest, wid)


def _far_pair(engine: Engine) -> tuple[tuple[str, int, float, float], tuple[float, float]]:
    """A worker and a point of another grid at least 15 km from the worker's."""
    points = workers(engine, 5000)  # every worker: the first ones work close together
    dev, wid, lat, lon = points[0]
    far = max(points[1:], key=lambda p: distance_m(lat, lon, p[2], p[3]))
    assert distance_m(lat, lon, far[2], far[3]) > 15_000
    return (dev, wid, lat, lon), (far[2], far[3])


def _get_params(dev: str, lat: float, lon: float, when: dt.datetime) -> dict[str, str]:
    return {"id": dev, "lat": str(lat), "lon": str(lon), "timestamp": str(int(when.timestamp()))}


def test_a_forged_fix_outside_the_city_is_refused_and_the_phone_goes_on(
    demo_url: str, demo_engine: Engine
) -> None:
    (dev, wid, lat, lon), *_ = workers(demo_engine, 1)
    now = utcnow().replace(microsecond=0)
    headers: list[str | None] = []

    async def main() -> None:
        async with gateway(demo_url) as (gw, base, http):
            for where, when in (
                ((lat, lon), now - dt.timedelta(hours=12)),  # last night, at work
                (BEIJING, now - dt.timedelta(minutes=2)),  # forged with the predictable id
                ((lat, lon), now - dt.timedelta(minutes=1)),  # the real phone
            ):
                async with http.get(base + "/", params=_get_params(dev, *where, when)) as r:
                    assert r.status == 200
                    headers.append(r.headers.get("X-Concord-Filtered"))
            async with http.get(base + "/api/v1/health") as r:
                health = await r.json()
            assert health["filters"]["rejected"] == {"outside": 1}

    asyncio.run(main())
    assert headers == [None, "outside", None]
    latest = _latest(demo_engine, wid)
    assert latest is not None and (latest.lat, latest.device_time) == (lat, now - dt.timedelta(minutes=1))
    assert count(demo_engine, Position, Position.worker_id == wid, Position.lat == BEIJING[0]) == 0


@pytest.mark.parametrize("fast", [True, False])
def test_the_jump_filter_recovers_from_a_forged_fix_inside_the_city(
    demo_url: str, demo_engine: Engine, fast: bool
) -> None:
    (dev, wid, lat, lon), (far_lat, far_lon) = _far_pair(demo_engine)
    now = utcnow().replace(microsecond=0)
    headers: list[str | None] = []
    filters: dict[str, Any] = {}

    async def main() -> None:
        async with gateway(demo_url, fast_path=fast) as (_gw, base, http):
            sequence = [
                ((lat, lon), now - dt.timedelta(hours=2)),
                ((far_lat, far_lon), now - dt.timedelta(minutes=10)),
            ]
            sequence += [
                ((lat, lon), now - dt.timedelta(minutes=9) + dt.timedelta(seconds=10 * i)) for i in range(5)
            ]
            for where, when in sequence:
                async with http.get(base + "/", params=_get_params(dev, *where, when)) as r:
                    assert r.status == 200
                    headers.append(r.headers.get("X-Concord-Filtered"))
            async with http.get(base + "/api/v1/health") as r:
                filters.update((await r.json())["filters"])

    asyncio.run(main())
    # the forged fix 2 h later was plausible; the real phone loses two fixes, then is back
    assert headers == [None, None, "jump", "jump", None, None, None]
    assert filters["rejected"] == {"jump": 2} and filters["reanchored"] == 1
    latest = _latest(demo_engine, wid)
    assert latest is not None and latest.lat == lat
    assert latest.device_time == now - dt.timedelta(minutes=9) + dt.timedelta(seconds=40)


def _store_forged_latest(engine: Engine, wid: int, when: dt.datetime) -> None:
    """A forged fix outside the city stored as the worker's latest before this gateway's time."""
    with engine.begin() as conn:
        write_fixes(
            conn, [Fix(worker_id=wid, device_time=when, received_at=when, lat=BEIJING[0], lon=BEIJING[1])]
        )


def test_a_forged_latest_stored_before_is_no_anchor_after_a_restart(
    demo_url: str, demo_engine: Engine
) -> None:
    (dev, wid, lat, lon), *_ = workers(demo_engine, 1)
    now = utcnow().replace(microsecond=0)
    _store_forged_latest(demo_engine, wid, now - dt.timedelta(minutes=5))

    async def main() -> None:
        async with gateway(demo_url) as (gw, base, http):
            assert wid not in gw.filters.last
            async with http.get(base + "/", params=_get_params(dev, lat, lon, now)) as r:
                assert r.status == 200 and "X-Concord-Filtered" not in r.headers

    asyncio.run(main())
    latest = _latest(demo_engine, wid)
    assert latest is not None and latest.lat == lat


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="--processes forks (Linux here)")
def test_outside_and_recovery_across_gateway_processes(demo_url: str, demo_engine: Engine) -> None:
    """--processes 2, a new connection per request (so they spread over both processes): the
    parent does not seed a forged latest outside the city, and a run of fixes outvotes a forged
    anchor whichever process each fix of the run reaches."""
    (dev, wid, lat, lon), (far_lat, far_lon) = _far_pair(demo_engine)
    (dev2, wid2, lat2, lon2) = workers(demo_engine, 2)[1]
    now = utcnow().replace(microsecond=0)
    _store_forged_latest(demo_engine, wid2, now - dt.timedelta(minutes=5))
    proc, base = start_gateway(demo_url, "--processes", "2", "--rate", "0")
    headers: list[str | None] = []
    pids: set[int] = set()

    async def main() -> None:
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http:
            async with http.get(base + "/", params=_get_params(dev2, lat2, lon2, now)) as r:
                assert r.status == 200 and "X-Concord-Filtered" not in r.headers
            sequence = [
                ((lat, lon), now - dt.timedelta(hours=2)),
                ((far_lat, far_lon), now - dt.timedelta(minutes=10)),
            ]
            sequence += [
                ((lat, lon), now - dt.timedelta(minutes=9) + dt.timedelta(seconds=10 * i)) for i in range(5)
            ]
            for where, when in sequence:
                async with http.get(base + "/", params=_get_params(dev, *where, when)) as r:
                    assert r.status == 200
                    headers.append(r.headers.get("X-Concord-Filtered"))
            for _ in range(30):
                async with http.get(base + "/api/v1/health") as r:
                    pids.add((await r.json())["pid"])

    try:
        asyncio.run(main())
    finally:
        proc.send_signal(signal.SIGTERM)
        out, _err = proc.communicate(timeout=60)
    assert len(pids) == 2
    assert headers == [None, None, "jump", "jump", None, None, None]
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["filters"]["reanchored"] == 1 and summary["filters"]["rejected"] == {"jump": 2}
    latest = _latest(demo_engine, wid)
    assert latest is not None and latest.lat == lat


# --- 2. secret device ids for positions ------------------------------------------------------


def _position_id(engine: Engine, device: str) -> str:
    with make_sessionmaker(engine).begin() as s:
        return devices.issue_position_id(s, device)


def test_a_secret_device_id_replaces_the_plain_one_for_positions(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat1, lon1), (d2, w2, lat2, lon2) = workers(demo_engine, 2)
    token = _token(demo_engine, d1)
    secret = _position_id(demo_engine, d1)
    assert len(secret) >= 32 and secret != d1 and d1 not in secret
    now = utcnow().replace(microsecond=0)
    before = count(demo_engine, Position, Position.worker_id == w1)
    issued = [secret]

    async def main() -> None:
        async with gateway(demo_url) as (gw, base, http):
            # the secret, in both shapes: stored as the worker's
            status, body = await _raw_get(
                base, f"id={secret}&lat={lat1}&lon={lon1}&timestamp={int(now.timestamp()) - 60}"
            )
            assert (status, body) == (200, b"")
            async with http.post(
                base + "/", json=json_fix(secret, lat1, lon1, now - dt.timedelta(seconds=30))
            ) as r:
                assert r.status == 200
            # the plain id of this worker is refused from now on, with a reason
            status, body = await _raw_get(base, f"id={d1}&lat={lat1}&lon={lon1}")
            assert status == 400 and b"must send its secret device id" in body
            async with http.post(base + "/", json=json_fix(d1, lat1, lon1, now)) as r:
                assert r.status == 404
            # other workers' plain ids still work (opt-in per device)
            status, _body = await _raw_get(base, f"id={d2}&lat={lat2}&lon={lon2}")
            assert status == 200
            # the secret is not a report token, nor the token a device id
            report = {"type": "sentiment_log", "content": "走访"}
            async with http.post(
                base + "/api/v1/reports", json=report, headers={"Authorization": f"Bearer {secret}"}
            ) as r:
                assert r.status == 401
            status, _body = await _raw_get(base, f"id={token}&lat={lat1}&lon={lon1}")
            assert status == 400
            assert gw.counters["plain_id_refused"] == 2

            # a new secret: the old one is refused at the next device refresh
            new_secret = _position_id(demo_engine, d1)
            issued.append(new_secret)
            await gw._refresh_devices()
            status, _body = await _raw_get(base, f"id={secret}&lat={lat1}&lon={lon1}")
            assert status == 400
            status, _body = await _raw_get(
                base, f"id={new_secret}&lat={lat1}&lon={lon1}&timestamp={int(now.timestamp())}"
            )
            assert status == 200
            # revoking the device refuses its secret too
            with make_sessionmaker(demo_engine).begin() as s:
                assert devices.revoke(s, d1, "phone lost")
            await gw._refresh_devices()
            status, _body = await _raw_get(base, f"id={new_secret}&lat={lat1}&lon={lon1}")
            assert status == 400

    asyncio.run(main())
    assert count(demo_engine, Position, Position.worker_id == w1) == before + 3
    with make_sessionmaker(demo_engine)() as s:
        stored = " ".join(str(v) for row in s.execute(select(DeviceCredential.__table__)).all() for v in row)
        listed = {r["device_id"]: r for r in devices.list_devices(s)}
    assert len(issued) == 2 and not any(one in stored for one in issued)  # only hashes are kept
    assert listed[d1]["position_id"] is False  # revoked
    assert listed[d2]["position_id"] is False and len(listed) == count(demo_engine, Worker)


def test_require_device_secret_refuses_every_plain_id(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat1, lon1), (d2, _w2, lat2, lon2) = workers(demo_engine, 2)
    secret = _position_id(demo_engine, d1)
    with make_sessionmaker(demo_engine)() as s:
        assert {r["device_id"]: r["position_id"] for r in devices.list_devices(s)}[d1] is True

    async def main() -> None:
        async with gateway(demo_url, require_device_secret=True) as (gw, base, http):
            assert gw.device_count == 1
            status, body = await _raw_get(base, f"id={d2}&lat={lat2}&lon={lon2}")  # the fast path
            assert status == 400 and b"must send its secret device id" in body
            async with http.post(base + "/", data={"id": d2, "lat": str(lat2), "lon": str(lon2)}) as r:
                assert r.status == 400  # aiohttp's route
            async with http.post(base + "/", json=json_fix(d2, lat2, lon2, utcnow())) as r:
                assert r.status == 404  # JSON, as Traccar answers an unknown device
            status, _body = await _raw_get(base, "id=nobody&lat=1&lon=2")
            assert status == 400 and gw.counters["unknown_device"] == 1
            status, _body = await _raw_get(base, f"id={secret}&lat={lat1}&lon={lon1}")
            assert status == 200

    asyncio.run(main())
    latest = _latest(demo_engine, w1)
    assert latest is not None and latest.lat == lat1


def test_require_device_secret_setting_and_cli(demo_url: str, demo_engine: Engine, capsys: Any) -> None:
    assert GatewayConfig.from_env({}).require_device_secret is False
    for value, expected in (("1", True), ("on", True), ("0", False), ("false", False)):
        env = {"CONCORD_GATEWAY_REQUIRE_DEVICE_SECRET": value}
        assert GatewayConfig.from_env(env).require_device_secret is expected
    with pytest.raises(ValueError, match="REQUIRE_DEVICE_SECRET"):
        GatewayConfig.from_env({"CONCORD_GATEWAY_REQUIRE_DEVICE_SECRET": "maybe"})
    (d1, w1, *_), *_ = workers(demo_engine, 1)
    assert devices.cli_position_id(make_sessionmaker(demo_engine), d1) == 0
    out, err = capsys.readouterr()
    secret = out.strip()
    assert len(secret) == 32 and "shown only once" in err
    with make_sessionmaker(demo_engine)() as s:
        assert devices.position_ids(s).secret == {devices.hash_token(secret): w1}
        assert d1 not in devices.position_ids(s).plain and d1 in devices.position_ids(s).refused
        with pytest.raises(devices.DeviceError):
            devices.issue_position_id(s, "nobody")
    with make_sessionmaker(demo_engine).begin() as s:
        devices.revoke(s, d1)
    with make_sessionmaker(demo_engine).begin() as s, pytest.raises(devices.DeviceError, match="revoked"):
        devices.issue_position_id(s, d1)


# --- 5. a database outage: one log line per interval, not one per request -----------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Every warning or worse logged by anyone (the gateway, the writer, SQLAlchemy, aiohttp)."""
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


async def _burst(
    base: str, http: aiohttp.ClientSession, dev: str, lat: float, lon: float, t0: int
) -> list[int]:
    """Positions on both routes (fast-path GETs on several connections at once, so the writer
    batches several requests together; JSON POSTs through aiohttp) and a report."""
    statuses: list[int] = []

    async def phone(k: int) -> None:
        for i in range(10):
            status, _body = await _raw_get(base, f"id={dev}&lat={lat}&lon={lon}&timestamp={t0 + 100 * k + i}")
            statuses.append(status)

    await asyncio.gather(*(phone(k) for k in range(5)))
    for i in range(5):
        fix = json_fix(dev, lat, lon, dt.datetime.fromtimestamp(t0 + 1000 + i, dt.UTC))
        async with http.post(base + "/", json=fix) as r:
            statuses.append(r.status)
    return statuses


def test_a_failing_writer_is_logged_once_per_interval(
    demo_url: str, demo_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    t0 = int(utcnow().timestamp()) - 8 * 3600  # bursts at t0 + 0 … 21_000 s: all in the past
    clock = _Clock()

    async def main() -> None:
        async with gateway(demo_url, failure_log_s=60.0, rate_per_s=0) as (gw, base, http):
            gw.failures.clock = clock
            real = gw.writer._write

            def refused(conn: Any, fixes: Any) -> Any:
                raise OperationalError("INSERT", {}, Exception("connection to server lost"))

            gw.writer._write = refused
            caplog.clear()
            caplog.set_level(logging.WARNING)
            statuses = await _burst(base, http, dev, lat, lon, t0)
            assert statuses == [503] * 55 and gw.counters["write_errors"] == 55
            assert gw.writer.stats.failures >= 55  # each request retried alone after its batch failed
            (first,) = _warnings(caplog)  # a failed batch (the writer) or request (the gateway)
            assert "connection to server lost" in first.getMessage()
            assert "\n" not in first.getMessage()  # the first line of the error: no SQL, no link

            clock.now += 61  # the next interval: one line, with what was not logged
            caplog.clear()
            statuses = await _burst(base, http, dev, lat, lon, t0 + 5000)
            assert statuses == [503] * 55
            (second,) = _warnings(caplog)
            assert "more failures not logged since the last line" in second.getMessage()

            gw.writer._write = real  # the database is back; the interval is not over: quiet
            caplog.clear()
            assert set(await _burst(base, http, dev, lat, lon, t0 + 10_000)) == {200}
            assert _warnings(caplog) == []
            clock.now += 61  # and once it is, one line says so
            assert set(await _burst(base, http, dev, lat, lon, t0 + 15_000)) == {200}
            (back,) = _warnings(caplog)
            assert back.getMessage().startswith("the database takes writes again after 1")
            assert not gw.failures.failing

    asyncio.run(main())


def test_reports_and_device_refreshes_share_the_limit(
    demo_url: str, demo_engine: Engine, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    token = _token(demo_engine, dev)

    def down(*_args: Any, **_kw: Any) -> Any:
        raise OperationalError("SELECT 1", {}, Exception("the database system is shutting down"))

    async def main() -> None:
        async with gateway(demo_url, device_refresh_s=0.01) as (gw, base, http):
            caplog.clear()
            caplog.set_level(logging.WARNING)
            monkeypatch.setattr(gw, "_read_devices", down)
            monkeypatch.setattr(gw, "_authenticate", down)
            report = {"type": "sentiment_log", "content": "走访"}
            for _ in range(20):
                async with http.post(
                    base + "/api/v1/reports", json=report, headers={"Authorization": f"Bearer {token}"}
                ) as r:
                    assert r.status == 503  # not 500
            await asyncio.sleep(0.3)  # the device refresh fails many times meanwhile
            assert len(_warnings(caplog)) == 1

    asyncio.run(main())


@pytest.mark.parametrize(
    "demo_url", [pytest.param("postgresql", id="pg", marks=pytest.mark.pg)], indirect=True
)
def test_a_real_database_outage_is_logged_once(
    demo_url: str, demo_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL refuses connections to the gateway's database and its sessions are ended: every
    request fails (503) and the log says so once; when the database is back the phones are
    answered 200 again. (PostgreSQL only: SQLite has no server to lose; its failures are injected
    in the tests above.)"""
    (dev, _wid, lat, lon), *_ = workers(demo_engine, 1)
    t0 = int(utcnow().timestamp()) - 8 * 3600  # bursts at t0 + 0 … 21_000 s: all in the past
    name = make_url(demo_url).database
    admin = create_engine(make_url(demo_url).set(database="postgres"), isolation_level="AUTOCOMMIT")

    def outage(on: bool) -> None:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"false" if on else "true"}'))
            if on:
                conn.execute(
                    text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :db"),
                    {"db": name},
                )

    clock = _Clock()
    demo_engine.dispose()

    async def main() -> None:
        async with gateway(demo_url, failure_log_s=60.0, rate_per_s=0) as (gw, base, http):
            gw.failures.clock = clock
            assert set(await _burst(base, http, dev, lat, lon, t0)) == {200}
            caplog.clear()
            caplog.set_level(logging.WARNING)
            await asyncio.to_thread(outage, True)
            try:
                statuses = await _burst(base, http, dev, lat, lon, t0 + 5000)
                statuses += await _burst(base, http, dev, lat, lon, t0 + 10_000)
            finally:
                await asyncio.to_thread(outage, False)
            assert statuses == [503] * 110
            assert len(_warnings(caplog)) == 1, [r.getMessage() for r in _warnings(caplog)]
            clock.now += 61
            deadline = asyncio.get_running_loop().time() + 30
            while 503 in await _burst(base, http, dev, lat, lon, t0 + 20_000):
                assert asyncio.get_running_loop().time() < deadline
            assert "takes writes again" in _warnings(caplog)[-1].getMessage()

    try:
        asyncio.run(main())
    finally:
        admin.dispose()


# --- as the gateway's own PostgreSQL login ---------------------------------------------------


@pytest.mark.parametrize(
    "demo_url", [pytest.param("postgresql", id="pg", marks=pytest.mark.pg)], indirect=True
)
def test_the_gateway_login_reads_the_city_and_the_secret_ids(
    demo_url: str, demo_engine: Engine, logins: Logins
) -> None:
    """What the checks above read at start (places, device_credentials) the gateway's role may
    read: with its own login the area is known and a secret device id works."""
    login = logins.add_user(logins.unique("gwh_gateway"), "网关", "gateway")
    (d1, w1, lat1, lon1), *_ = workers(demo_engine, 1)
    secret = _position_id(demo_engine, d1)
    now = utcnow().replace(microsecond=0)

    async def main() -> None:
        async with gateway(login.url) as (gw, base, http):
            assert gw.filters.area is not None and gw.filters.area.contains(lat1, lon1)
            status, body = await _raw_get(base, f"id={d1}&lat={lat1}&lon={lon1}")
            assert status == 400 and b"secret" in body
            async with http.get(base + "/", params=_get_params(secret, *BEIJING, now)) as r:
                assert r.status == 200 and r.headers["X-Concord-Filtered"] == "outside"
            async with http.get(base + "/", params=_get_params(secret, lat1, lon1, now)) as r:
                assert r.status == 200 and "X-Concord-Filtered" not in r.headers

    asyncio.run(main())
    latest = _latest(demo_engine, w1)
    assert latest is not None and (latest.lat, latest.device_time) == (lat1, now)
