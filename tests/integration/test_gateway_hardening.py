"""Issue 13, the gateway's part, through the live gateway on SQLite and PostgreSQL (demo city):
timestamps and numbers a phone cannot mean are answered 400 and change nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any
from urllib.parse import quote

import aiohttp
import pytest
from sqlalchemy import Engine

from db.models import Position, SentimentLog
from db.session import make_sessionmaker
from desktop.clock import utcnow
from desktop.gateway import devices
from tests.integration.test_gateway import count, gateway, json_fix, workers


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
    for what, status, text in answers:
        assert (status, text.strip()) == (400, "timestamp is out of range (1970 to 2099)"), what
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
