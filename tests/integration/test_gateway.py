"""The field gateway in-process on a free port, against SQLite and PostgreSQL (demo city)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

from db.models import (
    Case,
    CaseEvent,
    Change,
    IdempotencyKey,
    Position,
    ReportPhoto,
    SentimentLog,
    Worker,
    WorkerLatest,
)
from db.session import make_engine, make_sessionmaker
from desktop.clock import utcnow
from desktop.gateway import devices
from desktop.gateway.server import Gateway, GatewayConfig
from desktop.geo import GridIndex

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@contextlib.asynccontextmanager
async def gateway(url: str, **config: Any) -> AsyncIterator[tuple[Gateway, str, aiohttp.ClientSession]]:
    engine = make_engine(url)
    gw = Gateway(engine, GatewayConfig(host="127.0.0.1", port=0, **config))
    base = await gw.start()
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
            yield gw, base, http
    finally:
        await gw.stop()
        engine.dispose()


def run(
    url: str, body: Callable[[Gateway, str, aiohttp.ClientSession], Awaitable[None]], **config: Any
) -> None:
    async def main() -> None:
        async with gateway(url, **config) as (gw, base, http):
            await body(gw, base, http)

    asyncio.run(main())


def workers(engine: Engine, n: int = 3) -> list[tuple[str, int, float, float]]:
    """(device id, worker id, lat, lon inside the worker's grid) of the first n workers."""
    with make_sessionmaker(engine)() as s:
        index = GridIndex.from_session(s)
        rows = s.execute(
            select(Worker.device_id, Worker.id, Worker.grid_id).order_by(Worker.id).limit(n)
        ).all()
    out = []
    for device, wid, gid in rows:
        point = index.geometry(gid).representative_point()
        out.append((device, int(wid), float(point.y), float(point.x)))
    return out


def count(engine: Engine, model: Any, *where: Any) -> int:
    with make_sessionmaker(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def json_fix(device: str, lat: float, lon: float, when: dt.datetime, **extra: Any) -> dict[str, Any]:
    return {
        "device_id": device,
        "location": {
            "timestamp": iso(when),
            "coords": {
                "latitude": lat,
                "longitude": lon,
                "accuracy": 5,
                "speed": 1.2,
                "heading": 80,
                "altitude": 9,
            },
            "battery": {"level": 0.8, "is_charging": False},
            "is_moving": True,
            **extra,
        },
    }


# --- positions -------------------------------------------------------------------------------


def test_every_format_is_stored_with_grid_and_latest(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat1, lon1), (d2, w2, lat2, lon2), (d3, w3, lat3, lon3) = workers(demo_engine)
    now = utcnow().replace(microsecond=0)

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        params = {"id": d1, "lat": str(lat1), "lon": str(lon1), "timestamp": str(int(now.timestamp())),
                  "speed": "10", "batt": "66", "custom": "x"}  # fmt: skip
        async with http.get(base + "/", params=params) as r:
            assert r.status == 200
        form = {"deviceid": d2, "location": f"{lat2},{lon2}", "timestamp": now.strftime("%Y-%m-%d %H:%M:%S")}
        async with http.post(base + "/", data=form) as r:
            assert r.status == 200
        async with http.post(base + "/", json=json_fix(d3, lat3, lon3, now)) as r:
            assert r.status == 200
        # Traccar Client's offline buffer: an array, older fixes included
        batch = [json_fix(d3, lat3, lon3, now - dt.timedelta(minutes=m)) for m in (3, 2, 1)]
        async with http.post(base + "/", json=batch) as r:
            assert r.status == 200

    run(demo_url, body)
    with make_sessionmaker(demo_engine)() as s:
        pos = {p.worker_id: p for p in s.scalars(select(Position).where(Position.device_time == now))}
        latest = {r.worker_id: r for r in s.scalars(select(WorkerLatest))}
        grids = dict(s.execute(select(Worker.id, Worker.grid_id)).all())
    assert set(pos) == {w1, w2, w3}
    assert pos[w1].speed == pytest.approx(10 * 1852 / 3600) and pos[w1].battery == 66
    assert pos[w1].attributes == {"custom": "x"}
    assert pos[w3].speed == pytest.approx(1.2) and pos[w3].battery == pytest.approx(80)
    for wid in (w1, w2, w3):
        assert pos[wid].grid_id == grids[wid]
        assert latest[wid].device_time == now  # the older buffered fixes did not move "latest"
    assert count(demo_engine, Position, Position.worker_id == w3) == 4


def test_unknown_and_malformed_get_traccar_answers_and_change_nothing(
    demo_url: str, demo_engine: Engine
) -> None:
    (d1, _w1, lat, lon), *_ = workers(demo_engine, 1)
    before = count(demo_engine, Position)

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        async def status(method: str, **kw: Any) -> tuple[int, str]:
            async with http.request(method, base + "/", **kw) as r:
                return r.status, await r.text()

        assert (await status("GET", params={"id": "nobody", "lat": "1", "lon": "2"}))[0] == 400
        unknown = json_fix("nobody", lat, lon, utcnow())
        assert (await status("POST", json=unknown))[0] == 404
        # one unknown device in an array: nothing of the array is stored
        assert (await status("POST", json=[json_fix(d1, lat, lon, utcnow()), unknown]))[0] == 404
        code, text = await status("GET", params={"id": d1, "lat": "abc", "lon": "2"})
        assert code == 400 and text.strip() == "lat is not a number"
        assert (await status("POST", data=b"\x00\xff garbage", headers={"Content-Type": "text/plain"}))[
            0
        ] == 400
        assert (await status("POST", data=b"{not json", headers={"Content-Type": "application/json"}))[
            0
        ] == 400
        bad_array = [json_fix(d1, lat, lon, utcnow()), {"device_id": d1, "location": {}}]
        assert (await status("POST", json=bad_array))[0] == 400  # whole request refused
        async with http.get(base + "/api/v1/nothing") as r:
            assert r.status == 404

    run(demo_url, body)
    assert count(demo_engine, Position) == before


def test_duplicates_are_idempotent_and_filters_count(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat, lon), *_ = workers(demo_engine, 1)
    now = utcnow().replace(microsecond=0)

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        fix = json_fix(d1, lat, lon, now)
        for _ in range(3):
            async with http.post(base + "/", json=fix) as r:
                assert r.status == 200
        cases = {
            "zero": json_fix(d1, 0.0, 0.0, now + dt.timedelta(seconds=1)),
            "future": json_fix(d1, lat, lon, now + dt.timedelta(days=1)),
            # 11 km in 2 s, still inside the city (a fix outside it is "outside", not a jump)
            "jump": json_fix(d1, lat + (0.1 if lat < 36.8 else -0.1), lon, now + dt.timedelta(seconds=2)),
        }
        for reason, item in cases.items():
            async with http.post(base + "/", json=item) as r:
                assert r.status == 200  # a phone must not resend a refused fix forever
                assert r.headers["X-Concord-Filtered"] == reason
        mock = json_fix(d1, lat, lon, now + dt.timedelta(seconds=3), mock=True)
        async with http.post(base + "/", json=mock) as r:
            assert r.status == 200 and "X-Concord-Filtered" not in r.headers  # stored, flagged
        async with http.get(base + "/api/v1/health") as r:
            health = await r.json()
        assert health["status"] == "ok" and health["database"] == "ok"
        assert health["filters"]["rejected"] == {"zero": 1, "future": 1, "jump": 1}
        assert health["filters"]["flagged"] == {"mock": 1}
        assert health["writer"]["duplicates"] == 2

    run(demo_url, body)
    with make_sessionmaker(demo_engine)() as s:
        rows = s.execute(select(Position.device_time, Position.flags).where(Position.worker_id == w1)).all()
        latest = s.get(WorkerLatest, w1)
    assert sorted(r.flags for r in rows) == [0, 64]  # the original and the flagged mock fix
    assert latest is not None and latest.device_time == now  # a flagged fix never becomes "latest"


def test_latest_moves_forward_only_and_seq_increases(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat, lon), (d2, w2, lat2, lon2), *_ = workers(demo_engine, 2)
    t = utcnow().replace(microsecond=0) - dt.timedelta(minutes=10)
    seqs: list[int] = []

    def latest(wid: int) -> WorkerLatest:
        with make_sessionmaker(demo_engine)() as s:
            row = s.get(WorkerLatest, wid)
            assert row is not None
            return row

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        for minutes, device, la, lo in (
            (5, d1, lat, lon),
            (1, d1, lat, lon),
            (3, d1, lat, lon),
            (2, d2, lat2, lon2),
        ):
            async with http.post(
                base + "/", json=json_fix(device, la, lo, t + dt.timedelta(minutes=minutes))
            ) as r:
                assert r.status == 200
            seqs.append(latest(w1).seq)
        assert latest(w1).device_time == t + dt.timedelta(minutes=5)
        assert latest(w2).seq > latest(w1).seq

    run(demo_url, body)
    assert seqs == sorted(seqs) and seqs[0] == seqs[1] == seqs[2]  # old fixes did not bump w1


def test_rate_limit_and_size_limit(demo_url: str, demo_engine: Engine) -> None:
    (d1, _w, lat, lon), *_ = workers(demo_engine, 1)

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        start = utcnow().replace(microsecond=0)
        statuses = []
        for i in range(8):
            params = {
                "id": d1,
                "lat": str(lat),
                "lon": str(lon),
                "timestamp": str(int(start.timestamp()) - i),
            }
            async with http.get(base + "/", params=params) as r:
                statuses.append(r.status)
        assert statuses[:3] == [200, 200, 200] and 429 in statuses
        big = json.dumps([json_fix(d1, lat, lon, start)] * 50).encode()
        async with http.post(base + "/", data=big, headers={"Content-Type": "application/json"}) as r:
            assert r.status == 413

    run(demo_url, body, rate_per_s=1.0, burst=3.0, max_position_body=2000)


def test_a_slow_client_does_not_stall_others(demo_url: str, demo_engine: Engine) -> None:
    (d1, _w, lat, lon), *_ = workers(demo_engine, 1)

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        # Promise a body and send a few bytes of it, then stall.
        writer.write(
            b"POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"
        )
        await writer.drain()
        loop = asyncio.get_running_loop()
        started = loop.time()
        for i in range(5):
            params = {"id": d1, "lat": str(lat), "lon": str(lon), "timestamp": str(1_790_000_000 + i)}
            async with http.get(base + "/", params=params) as r:
                assert r.status == 200
        assert loop.time() - started < 2.0
        answer = await asyncio.wait_for(reader.read(200), 5)  # the stalled one times out: 408
        assert b" 408 " in answer.split(b"\r\n")[0]
        writer.close()
        await writer.wait_closed()

    run(demo_url, body, body_timeout_s=1.0)


# --- reports ---------------------------------------------------------------------------------


def _token(engine: Engine, device: str) -> str:
    with make_sessionmaker(engine).begin() as s:
        return devices.issue_token(s, device)


def test_case_report_with_photo_and_idempotency(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat, lon), *_ = workers(demo_engine, 1)
    token = _token(demo_engine, d1)
    cases_before = count(demo_engine, Case)
    report = {
        "type": "case", "kind": "dispute", "category": "land", "title": "宅基地边界争议 <b>'; drop table cases;--",
        "description": "两户因宅基地边界发生争执", "location": {"lat": lat, "lon": lon}, "severity": 2,
        "parties_count": 2, "photos": [{"content_type": "image/png", "data": base64.b64encode(PNG).decode()}],
    }  # fmt: skip
    answers: list[dict[str, Any]] = []

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"}
        for _ in range(2):
            async with http.post(base + "/api/v1/reports", json=report, headers=headers) as r:
                assert r.status == 201
                answers.append(await r.json())
                replayed = r.headers.get("Idempotent-Replayed")
        assert replayed == "true"
        changed = {**report, "title": "another"}
        async with http.post(base + "/api/v1/reports", json=changed, headers=headers) as r:
            assert r.status == 422  # same key, different request
        async with http.post(
            base + "/api/v1/reports", json=report, headers={"Authorization": "Bearer nope"}
        ) as r:
            assert r.status == 401
        async with http.post(base + "/api/v1/reports", json=report) as r:
            assert r.status == 401
        outside = {**report, "location": {"lat": 10.0, "lon": 10.0}}
        async with http.post(
            base + "/api/v1/reports", json=outside, headers={"Authorization": f"Bearer {token}"}
        ) as r:
            said = await r.text()
            assert r.status == 422 and "the point (10.0, 10.0) is outside the city's grids" in said
            assert "case.outside_city" not in said  # a sentence, not the refusal's code
        # multipart: the JSON part plus a photo file
        form = aiohttp.FormData()
        form.add_field("report", json.dumps({k: v for k, v in report.items() if k != "photos"}),
                       content_type="application/json")  # fmt: skip
        form.add_field("photo", PNG, filename="a.png", content_type="image/png")
        async with http.post(
            base + "/api/v1/reports", data=form, headers={"Authorization": f"Bearer {token}"}
        ) as r:
            assert r.status == 201
            answers.append(await r.json())

    run(demo_url, body)
    assert answers[0] == answers[1] and answers[0]["type"] == "case"
    assert count(demo_engine, Case) == cases_before + 2
    with make_sessionmaker(demo_engine)() as s:
        case = s.get(Case, answers[0]["id"])
        assert case is not None and case.reporter_worker_id == w1 and case.level == 1 and case.sla_due_at
        assert case.title.startswith("宅基地边界争议 <b>")  # stored as text, never interpreted
        assert s.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.case_id == case.id)) == 1
        assert s.scalar(
            select(func.count())
            .select_from(Change)
            .where(Change.entity_id == case.id, Change.entity == "case")
        )
        photos = s.scalars(
            select(ReportPhoto).where(ReportPhoto.case_id.in_([a["id"] for a in answers]))
        ).all()
        assert [p.data for p in photos] == [PNG, PNG]
        assert s.scalar(select(func.count()).select_from(IdempotencyKey)) == 1


def test_log_report_and_revocation(demo_url: str, demo_engine: Engine) -> None:
    (d1, w1, lat, lon), *_ = workers(demo_engine, 1)
    token = _token(demo_engine, d1)

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        auth = {"Authorization": f"Bearer {token}"}
        log = {
            "type": "sentiment_log",
            "content": "走访3户",
            "households_visited": 3,
            "location": {"lat": lat, "lon": lon},
        }
        async with http.post(base + "/api/v1/reports", json=log, headers=auth) as r:
            assert r.status == 201 and (await r.json())["type"] == "sentiment_log"
        with make_sessionmaker(demo_engine).begin() as s:
            assert devices.revoke(s, d1, "phone lost")
        async with http.post(base + "/api/v1/reports", json=log, headers=auth) as r:
            assert r.status == 401  # at once
        await gw._refresh_devices()  # positions: at the next device refresh (a few seconds)
        params = {"id": d1, "lat": str(lat), "lon": str(lon)}
        async with http.get(base + "/", params=params) as r:
            assert r.status == 400

    run(demo_url, body)
    assert (
        count(demo_engine, SentimentLog, SentimentLog.worker_id == w1, SentimentLog.content == "走访3户") == 1
    )


# --- bad input of any shape against the live server --------------------------------------------


_garbage = st.one_of(
    st.binary(max_size=300),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
        max_leaves=8,
    ).map(lambda v: json.dumps(v).encode()),
)


def test_bad_input_never_crashes_nor_stores(demo_url: str, demo_engine: Engine) -> None:
    before = count(demo_engine, Position)
    statuses: set[int] = set()

    async def body(gw: Gateway, base: str, http: aiohttp.ClientSession) -> None:
        loop = asyncio.get_running_loop()

        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        @given(payload=_garbage, path=st.sampled_from(["/", "/api/v1/reports", "/?id=PD00001"]),
               ctype=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]))  # fmt: skip
        def probe(payload: bytes, path: str, ctype: str) -> None:
            async def send() -> int:
                headers = {"Content-Type": ctype, "Authorization": "Bearer x"}
                async with http.post(base + path, data=payload, headers=headers) as r:
                    await r.read()
                    return r.status

            statuses.add(asyncio.run_coroutine_threadsafe(send(), loop).result(10))

        await asyncio.to_thread(probe)
        async with http.get(base + "/api/v1/health") as r:
            assert r.status == 200

    run(demo_url, body)
    assert statuses and all(400 <= s < 500 for s in statuses), statuses
    assert count(demo_engine, Position) == before
