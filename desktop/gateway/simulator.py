"""Simulated field phones: grid workers who patrol, report and move, talking to the gateway.

Each simulated phone walks (or cycles) between random points inside its worker's grid, pauses
at households, and sends a fix every ``interval_s`` simulated seconds over HTTP exactly as a phone
would: some phones speak Traccar Client 9's JSON, others the OsmAnd query (GET) or form (POST).
Now and then a phone goes offline and later flushes its buffer (as one JSON array, or fix by
fix in the query format), sends a fix with poor accuracy or a mock location, files a sentiment log
or a new case through the reports API. So it is the demo city's heartbeat and the gateway's load
generator at once.

Time: with ``speedup`` K, simulated time runs K times faster than real time. Device timestamps
must never lie in the future (the gateway would filter them), so a sped-up run *starts in the
past* and ends at the present: that needs a duration.

``python main.py simulate`` runs :func:`run_simulation`; the desktop app can make the demo city
alive with :func:`start_embedded_simulation` (gateway and phones in a background thread).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import logging
import math
import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import shapely
from shapely.geometry import LineString
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Worker, WorkerLatest
from db.vocab import CATEGORIES, Kind
from desktop.clock import utcnow
from desktop.errors import Refusal
from desktop.gateway import devices
from desktop.geo import GridIndex, random_point_in

log = logging.getLogger("concord.simulator")

KNOT_MPS = 1852.0 / 3600.0
DEFAULT_GATEWAY = "http://127.0.0.1:5055"

# A 1×1 PNG: enough for the gateway's image check, small enough to send often.
TINY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

CASE_TITLES: dict[str, list[str]] = {
    "neighbour": ["邻里因排水沟堵塞发生争执", "邻居违建遮挡采光引发矛盾", "楼上漏水殃及楼下住户"],
    "family": ["子女赡养老人责任分歧", "夫妻离婚财产分割纠纷", "兄弟分家析产争议"],
    "land": ["宅基地边界争议", "承包地界址不清引发纠纷", "土地流转租金纠纷"],
    "labour": ["农民工工资拖欠", "工伤赔偿协商未果", "劳务费结算争议"],
    "property": ["物业费收缴纠纷", "小区停车位归属争议", "房屋买卖过户纠纷"],
    "contract": ["土地承包合同纠纷", "农资买卖合同纠纷", "借款合同纠纷"],
    "other": ["养殖异味扰民", "广场舞噪音扰民", "红白事占道纠纷"],
    "petition_stability": ["群众拟集体上访", "征地补偿诉求反复信访", "重复信访人员动态异常"],
    "public_order": ["夜间聚众喧哗", "村民酒后滋事", "集市秩序混乱"],
    "work_safety": ["施工现场安全隐患", "违规储存液化气罐", "河道护栏缺失"],
    "civil_affairs": ["低保申请代办", "高龄补贴申领代办", "临时救助申请代办"],
    "disability": ["残疾证办理代办", "残疾人补贴申领代办"],
    "medical": ["医保报销材料代办", "慢性病证申领代办"],
    "housing_permit": ["农房建设审批代办", "危房改造申请代办"],
    "family_planning": ["生育登记代办", "独生子女奖励申领代办"],
}
LOG_TOPICS = ["邻里关系", "土地流转", "物业管理", "工资发放", "赡养老人", "环境卫生", "道路维修", "医保政策"]


@dataclass(frozen=True)
class SimulatorConfig:
    workers: int = 50
    duration_s: float | None = 60.0  # real seconds; None or 0 runs until stopped
    speedup: float = 1.0
    interval_s: float = 5.0  # simulated seconds between fixes (Traccar Client's default is 300)
    seed: int | None = None
    json_share: float = 0.5  # phones on Traccar Client 9+ (JSON); the rest send the query format
    offline_chance: float = 0.004  # per fix: the phone loses the network for a while
    offline_s: tuple[float, float] = (60.0, 600.0)
    poor_accuracy_chance: float = 0.03
    mock_chance: float = 0.002
    log_chance: float = 0.004  # per household visit
    case_chance: float = 0.0015  # per fix
    cycle_share: float = 0.3
    reports: bool = True
    max_batch: int = 100  # fixes per buffered JSON flush


@dataclass
class SimStats:
    fixes_made: int = 0
    fixes_acked: int = 0
    fixes_filtered: int = 0
    requests: int = 0
    buffered_flushes: int = 0
    offline_spells: int = 0
    poor_accuracy: int = 0
    mock: int = 0
    logs: int = 0
    cases: int = 0
    retries: int = 0
    errors: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        return {
            "fixes_made": self.fixes_made,
            "fixes_acked": self.fixes_acked,
            "fixes_filtered": self.fixes_filtered,
            "requests": self.requests,
            "buffered_flushes": self.buffered_flushes,
            "offline_spells": self.offline_spells,
            "poor_accuracy": self.poor_accuracy,
            "mock": self.mock,
            "logs": self.logs,
            "cases": self.cases,
            "retries": self.retries,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "latency_p50_ms": round(lat[len(lat) // 2], 2) if lat else None,
            "latency_p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 2) if lat else None,
        }


@dataclass
class Phone:
    worker_id: int
    device_id: str
    grid: Any  # shapely geometry (lon, lat), prepared
    fmt: str  # "json", "get" or "form"
    lat: float
    lon: float
    speed_mps: float
    token: str = ""
    target: tuple[float, float] | None = None
    dwell_until: float = 0.0
    battery: float = 100.0
    heading: float = 0.0
    offline_until: float = 0.0
    buffer: list[dict[str, Any]] = field(default_factory=list)


class SimClock:
    """Simulated time: K× real time, ending at the present when the run has a duration."""

    def __init__(self, speedup: float, duration_s: float | None) -> None:
        if speedup <= 0:
            raise Refusal("simulator.speedup_not_positive", speedup=speedup)
        if speedup > 1 and not duration_s:
            raise Refusal("simulator.speedup_needs_duration", speedup=speedup)
        self.speedup = speedup
        self._real0 = time.monotonic()
        self._sim0 = utcnow().timestamp() - (duration_s or 0.0) * (speedup - 1.0)

    def now(self) -> float:
        return self._sim0 + (time.monotonic() - self._real0) * self.speedup

    def real_delay(self, sim_seconds: float) -> float:
        return max(0.0, sim_seconds / self.speedup)


def _local_step(lat: float, lon: float, bearing_deg: float, metres: float) -> tuple[float, float]:
    # Equirectangular is exact enough across a grid a few hundred metres wide.
    dlat = metres * math.cos(math.radians(bearing_deg)) / 111_320.0
    dlon = metres * math.sin(math.radians(bearing_deg)) / (111_320.0 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """(distance m, bearing deg) between two close points."""
    dy = (lat2 - lat1) * 111_320.0
    dx = (lon2 - lon1) * 111_320.0 * math.cos(math.radians(lat1))
    return math.hypot(dx, dy), (math.degrees(math.atan2(dx, dy)) + 360.0) % 360.0


def load_phones(
    sessions: sessionmaker[Session], count: int, rng: random.Random, json_share: float, cycle_share: float
) -> list[Phone]:
    """Pick ``count`` active workers spread over the city and place them in their grids."""
    with sessions() as session:
        index = GridIndex.from_session(session)
        active = devices.active_devices(session)
        rows = session.execute(
            select(Worker.id, Worker.device_id, Worker.grid_id)
            .where(Worker.active.is_(True))
            .order_by(Worker.id)
        ).all()
        latest = {
            int(w): (float(lat), float(lon))
            for w, lat, lon in session.execute(
                select(WorkerLatest.worker_id, WorkerLatest.lat, WorkerLatest.lon)
            )
        }
    candidates = [r for r in rows if r.device_id in active]
    if len(index) == 0 or not candidates:
        raise Refusal("simulator.no_workers")
    chosen = candidates if count >= len(candidates) else rng.sample(candidates, count)
    phones: list[Phone] = []
    for row in sorted(chosen, key=lambda r: r.id):
        try:
            grid = index.geometry(int(row.grid_id))
        except KeyError:
            continue
        start = latest.get(int(row.id))
        # Start where the worker was last seen if that is in their grid: jumping across town
        # would (rightly) be refused by the gateway's speed filter.
        if start is None or not shapely.contains_xy(grid, start[1], start[0]):
            start = random_point_in(grid, rng)
        roll = rng.random()
        fmt = "json" if roll < json_share else ("get" if roll < json_share + (1 - json_share) / 2 else "form")
        phones.append(
            Phone(
                worker_id=int(row.id),
                device_id=str(row.device_id),
                grid=grid,
                fmt=fmt,
                lat=start[0],
                lon=start[1],
                speed_mps=rng.uniform(3.5, 5.0) if rng.random() < cycle_share else rng.uniform(1.0, 1.5),
                battery=rng.uniform(40, 100),
            )
        )
    return phones


def issue_tokens(sessions: sessionmaker[Session], phones: list[Phone]) -> None:
    """Give every simulated phone a fresh reports token (demo and test databases only: this
    replaces the tokens of the devices it drives)."""
    with sessions.begin() as session:
        for phone in phones:
            phone.token = devices.issue_token(session, phone.device_id)


class Simulator:
    """Runs the phones against one gateway URL until the duration ends or :meth:`stop`."""

    def __init__(self, gateway_url: str, phones: list[Phone], config: SimulatorConfig) -> None:
        self.url = gateway_url.rstrip("/")
        self.phones = phones
        self.config = config
        self.rng = random.Random(config.seed)
        self.stats = SimStats()
        self.clock = SimClock(config.speedup, config.duration_s)
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    # --- movement ------------------------------------------------------------------------------

    def _pick_target(self, phone: Phone) -> tuple[float, float]:
        for _ in range(20):
            lat, lon = random_point_in(phone.grid, self.rng)
            # Prefer a leg that stays inside the grid (grids are not always convex).
            if phone.grid.contains(LineString([(phone.lon, phone.lat), (lon, lat)])):
                return lat, lon
        return lat, lon

    def _advance(self, phone: Phone, sim_now: float, seconds: float) -> float:
        """Move the phone ``seconds`` along its patrol; returns its speed (m/s) now."""
        if sim_now < phone.dwell_until:
            return 0.0
        if phone.target is None:
            phone.target = self._pick_target(phone)
        distance, bearing = _metres(phone.lat, phone.lon, *phone.target)
        step = phone.speed_mps * seconds
        phone.heading = bearing
        if step >= distance:
            phone.lat, phone.lon = phone.target
            phone.target = None
            # At a household: stay a few minutes, and now and then write up the visit.
            phone.dwell_until = sim_now + self.rng.uniform(60, 600)
            return 0.0
        phone.lat, phone.lon = _local_step(phone.lat, phone.lon, bearing, step)
        return phone.speed_mps

    # --- wire formats --------------------------------------------------------------------------

    def _make_fix(self, phone: Phone, sim_now: float, speed: float) -> dict[str, Any]:
        lat, lon, accuracy = phone.lat, phone.lon, self.rng.uniform(3.0, 25.0)
        if self.rng.random() < self.config.poor_accuracy_chance:
            accuracy = self.rng.uniform(300.0, 1500.0)
            # A coarse (cell tower) fix lands somewhere within its accuracy.
            lat, lon = _local_step(lat, lon, self.rng.uniform(0, 360), self.rng.uniform(0, accuracy))
            self.stats.poor_accuracy += 1
        mock = self.rng.random() < self.config.mock_chance
        self.stats.mock += mock
        phone.battery = max(5.0, phone.battery - self.rng.uniform(0.0, 0.02))
        self.stats.fixes_made += 1
        return {
            "t": sim_now,
            "lat": round(lat, 7),
            "lon": round(lon, 7),
            "accuracy": round(accuracy, 1),
            "speed": round(speed, 2),
            "heading": round(phone.heading, 1),
            "altitude": round(self.rng.uniform(20, 60), 1),
            "battery": round(phone.battery, 1),
            "moving": speed > 0,
            "mock": mock,
        }

    @staticmethod
    def _json_record(phone: Phone, fix: dict[str, Any]) -> dict[str, Any]:
        stamp = (
            dt.datetime.fromtimestamp(fix["t"], dt.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z")
        )
        record: dict[str, Any] = {
            "device_id": phone.device_id,
            "location": {
                "timestamp": stamp,
                "coords": {
                    "latitude": fix["lat"],
                    "longitude": fix["lon"],
                    "accuracy": fix["accuracy"],
                    "speed": fix["speed"],
                    "heading": fix["heading"],
                    "altitude": fix["altitude"],
                },
                "is_moving": fix["moving"],
                "odometer": 0,
                "battery": {"level": round(fix["battery"] / 100.0, 3), "is_charging": False},
                "activity": {"type": "on_foot" if fix["moving"] else "still"},
            },
        }
        if fix["mock"]:
            record["location"]["mock"] = True
        return record

    @staticmethod
    def _query(phone: Phone, fix: dict[str, Any]) -> dict[str, str]:
        return {
            "id": phone.device_id,
            "timestamp": str(int(fix["t"])),
            "lat": str(fix["lat"]),
            "lon": str(fix["lon"]),
            "speed": f"{fix['speed'] / KNOT_MPS:.2f}",  # OsmAnd sends knots
            "bearing": str(fix["heading"]),
            "altitude": str(fix["altitude"]),
            "accuracy": str(fix["accuracy"]),
            "batt": str(fix["battery"]),
            **({"mock": "true"} if fix["mock"] else {}),
        }

    # --- HTTP ----------------------------------------------------------------------------------

    async def _request(self, http: aiohttp.ClientSession, method: str, path: str, **kwargs: Any) -> int:
        started = time.perf_counter()
        self.stats.requests += 1
        try:
            async with http.request(method, self.url + path, **kwargs) as response:
                await response.read()
                status = response.status
                if status == 200 and response.headers.get("X-Concord-Filtered"):
                    self.stats.fixes_filtered += 1
        except (aiohttp.ClientError, TimeoutError):
            status = 0
        self.stats.latencies_ms.append((time.perf_counter() - started) * 1000)
        if len(self.stats.latencies_ms) > 200_000:
            del self.stats.latencies_ms[:100_000]
        self.stats.statuses[status] += 1
        return status

    async def _send(self, http: aiohttp.ClientSession, phone: Phone, fixes: list[dict[str, Any]]) -> bool:
        """Send fixes as this phone's app would; True once the gateway took them all."""
        if phone.fmt == "json":
            body: Any = [self._json_record(phone, f) for f in fixes]
            if len(body) == 1:
                body = body[0]
            else:
                self.stats.buffered_flushes += 1
            status = await self._request(http, "POST", "/", json=body)
            ok = self._judge(status)
            if ok:
                self.stats.fixes_acked += len(fixes)
            return ok
        if len(fixes) > 1:
            self.stats.buffered_flushes += 1
        for i, fix in enumerate(fixes):
            params = self._query(phone, fix)
            if phone.fmt == "get":
                status = await self._request(http, "GET", "/", params=params)
            else:
                status = await self._request(http, "POST", "/", data=params)
            if not self._judge(status):
                del fixes[:i]
                return False
            self.stats.fixes_acked += 1
        return True

    def _judge(self, status: int) -> bool:
        if status == 200:
            return True
        if status in (0, 429, 503):
            self.stats.retries += 1  # kept in the phone's buffer, as a real phone does
            return False
        self.stats.errors += 1
        log.warning("gateway answered %s", status)
        return True  # a 4xx will not get better by resending: drop it, as the apps do

    async def _report(self, http: aiohttp.ClientSession, phone: Phone, body: dict[str, Any]) -> None:
        headers = {"Authorization": f"Bearer {phone.token}", "Idempotency-Key": uuid.uuid4().hex}
        for _attempt in range(2):  # one retry with the same key: safe by design
            status = await self._request(http, "POST", "/api/v1/reports", json=body, headers=headers)
            if status == 201:
                if body["type"] == "case":
                    self.stats.cases += 1
                else:
                    self.stats.logs += 1
                return
            if status not in (0, 503):
                break
        self.stats.errors += 1

    def _case_body(self, phone: Phone) -> dict[str, Any]:
        kind = self.rng.choices([Kind.DISPUTE, Kind.HAZARD, Kind.ERRAND], weights=[6, 2, 2])[0]
        category = self.rng.choice(CATEGORIES[kind])
        severity = self.rng.choices([1, 2, 3, 4], weights=[70, 22, 7, 1])[0]
        body: dict[str, Any] = {
            "type": "case",
            "kind": str(kind),
            "category": category,
            "title": self.rng.choice(CASE_TITLES.get(category, ["群众反映问题"])),
            "description": "网格员巡查发现，现场已初步了解情况。",
            "location": {"lat": round(phone.lat, 6), "lon": round(phone.lon, 6)},
            "severity": severity,
            "parties_count": self.rng.randint(1, 6) if kind == Kind.DISPUTE else 1,
        }
        if self.rng.random() < 0.3:
            body["photos"] = [{"content_type": "image/png", "data": base64.b64encode(TINY_PNG).decode()}]
        return body

    def _log_body(self, phone: Phone, sim_now: float) -> dict[str, Any]:
        households = self.rng.randint(1, 8)
        topic = self.rng.choice(LOG_TOPICS)
        return {
            "type": "sentiment_log",
            "content": f"走访{households}户，群众反映{topic}方面的问题，已记录并做好政策解释。",
            "households_visited": households,
            "visited_at": dt.datetime.fromtimestamp(sim_now, dt.UTC).isoformat(),
            "location": {"lat": round(phone.lat, 6), "lon": round(phone.lon, 6)},
        }

    # --- the phone's loop ----------------------------------------------------------------------

    async def _phone(self, http: aiohttp.ClientSession, phone: Phone) -> None:
        cfg = self.config
        # Spread the phones over one interval so they do not all report in the same instant.
        await self._sleep(self.clock.real_delay(self.rng.uniform(0, cfg.interval_s)))
        last = self.clock.now()
        while not self._stop.is_set():
            sim_now = self.clock.now()
            speed = self._advance(phone, sim_now, sim_now - last)
            last = sim_now
            fix = self._make_fix(phone, sim_now, speed)
            if sim_now < phone.offline_until:
                phone.buffer.append(fix)
            else:
                if self.rng.random() < cfg.offline_chance:
                    phone.offline_until = sim_now + self.rng.uniform(*cfg.offline_s)
                    self.stats.offline_spells += 1
                    phone.buffer.append(fix)
                else:
                    pending = [*phone.buffer, fix]
                    phone.buffer.clear()
                    while pending and not self._stop.is_set():
                        chunk = pending[: cfg.max_batch]
                        if not await self._send(http, phone, chunk):
                            phone.buffer = chunk + pending[cfg.max_batch :]
                            break
                        pending = pending[cfg.max_batch :]
                    if cfg.reports and phone.token:
                        if speed == 0 and self.rng.random() < cfg.log_chance * cfg.interval_s:
                            await self._report(http, phone, self._log_body(phone, sim_now))
                        if self.rng.random() < cfg.case_chance:
                            await self._report(http, phone, self._case_body(phone))
            await self._sleep(self.clock.real_delay(cfg.interval_s * self.rng.uniform(0.9, 1.1)))

    async def _sleep(self, seconds: float) -> None:
        # Sleeping on the stop event makes stop() take effect at once, not after the interval.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    async def run(self) -> SimStats:
        connector = aiohttp.TCPConnector(limit=64, keepalive_timeout=30)
        timeout = aiohttp.ClientTimeout(total=30)
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
            tasks = [asyncio.create_task(self._phone(http, p)) for p in self.phones]
            if self.config.duration_s:
                await self._sleep(self.config.duration_s)
                self._stop.set()
            await asyncio.gather(*tasks)
        return self.stats


# --- entry points ----------------------------------------------------------------------------


def _prepare(sessions: sessionmaker[Session], config: SimulatorConfig) -> tuple[list[Phone], random.Random]:
    rng = random.Random(config.seed)
    phones = load_phones(sessions, config.workers, rng, config.json_share, config.cycle_share)
    if config.reports:
        issue_tokens(sessions, phones)
    return phones, rng


async def _check_gateway(url: str) -> None:
    """Fail early, in words, when nothing answers at the gateway URL."""
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http,
            http.get(url.rstrip("/") + "/api/v1/health") as response,
        ):
            await response.read()
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise Refusal("simulator.no_gateway", url=url, problem=type(exc).__name__) from None


def run_simulation(
    db_url: str | None, gateway_url: str | None, config: SimulatorConfig, *, embedded: bool = False
) -> dict[str, Any]:
    """The ``python main.py simulate`` command; returns a summary."""
    from desktop.bootstrap import open_database

    engine, sessions = open_database(db_url)

    SimClock(config.speedup, config.duration_s)  # refuse bad settings before starting anything

    async def main() -> dict[str, Any]:
        gateway = None
        url = gateway_url or DEFAULT_GATEWAY
        if embedded:
            from desktop.gateway.server import Gateway, GatewayConfig

            gateway = Gateway(engine, GatewayConfig(host="127.0.0.1", port=0))
            url = await gateway.start()
        else:
            await _check_gateway(url)  # before touching the database's device tokens
        try:
            phones, _rng = await asyncio.to_thread(_prepare, sessions, config)
            stats = await Simulator(url, phones, config).run()
        finally:
            if gateway is not None:
                await gateway.stop()
        return {"gateway": url, "phones": len(phones), **stats.as_dict()}

    from desktop.gateway.server import event_loop_factory

    try:
        with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
            return runner.run(main())
    finally:
        engine.dispose()


class EmbeddedSimulation:
    """Gateway and phones running in a background thread of the calling process.

    Made by :func:`start_embedded_simulation`; call :meth:`stop` before the app exits.
    """

    def __init__(self, engine: Engine, config: SimulatorConfig, owns_engine: bool) -> None:
        self._engine = engine
        self._owns_engine = owns_engine
        self.config = config
        self.gateway_url = ""
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sim: Simulator | None = None
        self._gateway: Any = None
        self._stop_requested = threading.Event()
        self._thread = threading.Thread(target=self._main, name="concord-embedded-sim", daemon=True)

    def _main(self) -> None:
        from desktop.gateway.server import event_loop_factory

        try:
            with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
                runner.run(self._run())
        except BaseException as exc:  # reported through .error; a thread must not die silently
            self.error = exc
            log.exception("embedded simulation failed")
        finally:
            self._ready.set()

    async def _run(self) -> None:
        from desktop.gateway.server import Gateway, GatewayConfig

        self._loop = asyncio.get_running_loop()
        sessions = sessionmaker(self._engine, expire_on_commit=False)
        phones, _rng = await asyncio.to_thread(_prepare, sessions, self.config)
        if self._stop_requested.is_set():  # stopped while the phones were being set up
            return
        self._gateway = Gateway(self._engine, GatewayConfig(host="127.0.0.1", port=0))
        self.gateway_url = await self._gateway.start()
        try:
            self._sim = Simulator(self.gateway_url, phones, self.config)
            self._ready.set()
            if self._stop_requested.is_set():  # stop() came before the simulator existed
                self._sim.stop()
            await self._sim.run()
        finally:
            await self._gateway.stop()

    def start(self, timeout: float = 60.0) -> EmbeddedSimulation:
        self._thread.start()
        self._ready.wait(timeout)
        if self.error is not None:
            raise RuntimeError(f"the embedded simulation did not start: {self.error}") from self.error
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stats(self) -> dict[str, Any]:
        """Phone-side and gateway-side counters (a snapshot; safe to call from any thread)."""
        out: dict[str, Any] = {"gateway": self.gateway_url, "running": self.running}
        if self._sim is not None:
            out["phones"] = self._sim.stats.as_dict()
        if self._gateway is not None:
            out["gateway_counters"] = dict(self._gateway.counters)
        return out

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the phones, drain the gateway's writer, join the thread."""
        self._stop_requested.set()
        loop, sim = self._loop, self._sim
        if loop is not None and sim is not None and loop.is_running():
            loop.call_soon_threadsafe(sim.stop)
        self._thread.join(timeout)
        if self._owns_engine:
            self._engine.dispose()


def start_embedded_simulation(
    url_or_sessions: str | Engine | sessionmaker[Session] | None,
    workers: int = 50,
    interval_s: float = 5.0,
    *,
    seed: int | None = None,
    reports: bool = True,
    on_error: Callable[[BaseException], None] | None = None,
) -> EmbeddedSimulation:
    """Make the demo city alive inside the calling process (the desktop app).

    Starts, in one background thread, a field gateway on a free loopback port and ``workers``
    simulated phones that patrol and report through it every ``interval_s`` seconds, until
    :meth:`EmbeddedSimulation.stop`. Positions reach ``worker_latest`` (the live map polls it) and
    cases/logs reach the change feed, exactly as from real phones. Takes a database URL (None: the
    configured default), an Engine, or the app's sessionmaker (its engine is then shared).
    Returns once the gateway listens; raises RuntimeError if it could not start.
    """
    if isinstance(url_or_sessions, sessionmaker):
        bind = url_or_sessions.kw.get("bind")
        if not isinstance(bind, Engine):
            raise Refusal("simulator.unbound_sessions")
        engine, owns = bind, False
    elif isinstance(url_or_sessions, Engine):
        engine, owns = url_or_sessions, False
    else:
        from db.session import make_engine

        engine, owns = make_engine(url_or_sessions), True
    config = SimulatorConfig(
        workers=workers, duration_s=None, speedup=1.0, interval_s=interval_s, seed=seed, reports=reports
    )
    sim = EmbeddedSimulation(engine, config, owns)
    try:
        return sim.start()
    except RuntimeError as exc:
        if on_error is not None:
            on_error(exc)
        raise


__all__ = [
    "EmbeddedSimulation",
    "SimulatorConfig",
    "Simulator",
    "run_simulation",
    "start_embedded_simulation",
]
