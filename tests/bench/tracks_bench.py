"""Track replay and patrol coverage figures (issue 15): a year of positions for the demo city's
1,672 grid workers, one worker-day's replay read and its patrol coverage, each beside the raw SQL
read of the same rows.

The data set: the seed-scale demo city without cases (its workers and grids), and for every
worker on every working day of the year before the build day (chinese_calendar), one fix every
5 minutes (Traccar Client's default interval, 300 s) from 08:00 to 18:00 local — 120 fixes a
worker-day, about 50 million rows. Each worker loops around the centre of its own grid (radius
varying over the day), leaves it over the lunch half hour (grid_id NULL, a kilometre away), and
0.5 % of the fixes are mock locations, 2 % coarse (flagged as the gateway flags them). Generated
in the database (generate_series on PostgreSQL, a recursive CTE on SQLite), one statement per
day, into the day's partition on PostgreSQL; cached like the other bench databases (dbs.py): the
database comment (PostgreSQL) or a JSON file beside it (SQLite) says what was built.

Figures (median of warm runs, each a different worker-day, each in a fresh session):
``track_replay_ms``: :func:`desktop.live.tracks.track_day` (fixes, grid outline, geofence events,
stops, day summary with coverage, the day's field reports checked against the track); baseline:
the raw SELECT of the same worker-day's fixes on a plain driver connection.
``patrol_coverage_ms``: :func:`desktop.live.tracks.patrol_coverage` for one worker-day (the same
baseline); a squad-day (about ten workers) is recorded beside it as ``squad_day_ms``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from tests.bench import dbs

FORMAT = 1
DB_NAME = "concord_bench_tracks"
INTERVAL_MIN = 5
FIXES_PER_DAY = 120  # 08:00–18:00 local every 5 minutes
DAYS = 365


def _meta() -> dict[str, Any]:
    return {"format": FORMAT, "seed": dbs.SEED, "interval_min": INTERVAL_MIN, "days": DAYS, "kind": "tracks"}


def _workdays(until: dt.date) -> list[dt.date]:
    from desktop.cases.sla import WorkCalendar

    cal = WorkCalendar()
    days = [until - dt.timedelta(days=k) for k in range(1, DAYS + 1)]
    return sorted(d for d in days if cal.is_workday(d))


# One day's fixes for every worker: 08:00 local is 00:00 UTC. Deterministic noise from hashes of
# (worker, slot, day) keeps both engines' data alike without a random generator in SQL.
_PG_DAY = """
INSERT INTO positions (worker_id, device_time, received_at, lat, lon, speed, bearing, accuracy,
                       battery, grid_id, flags)
SELECT w.id,
       t, t + interval '2 seconds',
       g.lat + r * sin(a) / 110574.0 + CASE WHEN lunch THEN 0.009 ELSE 0 END,
       g.lon + r * cos(a) / (111320.0 * cos(radians(g.lat))),
       1.2, NULL,
       CASE WHEN f = 16 THEN 250 ELSE 8 + (h % 20) END,
       90 - k * 0.5,
       CASE WHEN lunch THEN NULL ELSE w.grid_id END,
       f
FROM workers w JOIN grids g ON g.id = w.grid_id
CROSS JOIN generate_series(0, :n - 1) AS k
CROSS JOIN LATERAL (SELECT
    (:day)::timestamp + k * interval '5 minutes' AS t,
    k BETWEEN 48 AND 53 AS lunch,
    abs(hashint4(w.id * 1000 + k + :dn)) AS h,
    (w.id % 7) + k * 0.13 + :dn AS a,
    120 + 180 * (1 + sin(k * 0.05 + w.id)) AS r) x
CROSS JOIN LATERAL (SELECT CASE WHEN h % 1000 < 5 THEN 64 WHEN h % 1000 < 25 THEN 16 ELSE 0 END AS f) y
"""

_SQLITE_DAY = """
WITH RECURSIVE s(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM s WHERE k < :n - 1)
INSERT INTO positions (worker_id, device_time, received_at, lat, lon, speed, bearing, accuracy,
                       battery, grid_id, flags)
SELECT id, t, t, lat + r * sin(a) / 110574.0 + CASE WHEN lunch THEN 0.009 ELSE 0 END,
       lon + r * cos(a) / (111320.0 * cos(radians(lat))), 1.2, NULL,
       CASE WHEN f = 16 THEN 250 ELSE 8 + (h % 20) END, 90 - k * 0.5,
       CASE WHEN lunch THEN NULL ELSE grid_id END, f
FROM (
  SELECT w.id, g.lat, g.lon, w.grid_id, s.k,
         strftime('%Y-%m-%d %H:%M:%S.000000', :day, '+' || (s.k * 5) || ' minutes') AS t,
         s.k BETWEEN 48 AND 53 AS lunch,
         ((w.id * 1000 + s.k + :dn) * 2654435761) % 4294967296 AS h,
         (w.id % 7) + s.k * 0.13 + :dn AS a,
         120 + 180 * (1 + sin(s.k * 0.05 + w.id)) AS r,
         CASE WHEN ((w.id * 1000 + s.k + :dn) * 2654435761) % 4294967296 % 1000 < 5 THEN 64
              WHEN ((w.id * 1000 + s.k + :dn) * 2654435761) % 4294967296 % 1000 < 25 THEN 16
              ELSE 0 END AS f
  FROM workers w JOIN grids g ON g.id = w.grid_id CROSS JOIN s
)
"""


def _fill(url: str, days: list[dt.date], log: Callable[[str], None]) -> int:
    """The city, then the positions day by day; returns the rows written."""
    from desktop.bootstrap import open_database
    from desktop.live.retention import ensure_partitions
    from desktop.seed.demo import build_demo

    engine, sessions = open_database(url)
    try:
        build_demo(sessions, seed=dbs.SEED, cases=0, logs=0)
        with engine.begin() as conn:  # the demo's own few tracks would collide with the year's
            conn.exec_driver_sql("DELETE FROM positions")
        ensure_partitions(engine, days)
        sql = _PG_DAY if engine.dialect.name == "postgresql" else _SQLITE_DAY
        total = 0
        started = time.monotonic()
        for n, day in enumerate(days):
            with engine.begin() as conn:
                result = conn.execute(
                    text(sql), {"n": FIXES_PER_DAY, "day": day.isoformat() + " 00:00:00", "dn": n}
                )
                total += result.rowcount
            if n % 20 == 0:
                log(f"tracks: {n + 1}/{len(days)} days, {total:,} fixes, {time.monotonic() - started:.0f} s")
        with engine.connect() as conn:
            # SQLite reports no row count for an INSERT with a WITH clause.
            total = int(conn.exec_driver_sql("SELECT count(*) FROM positions").scalar_one())
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("ANALYZE")
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return total
    finally:
        engine.dispose()


def pg_tracks_city(admin_url: str, log: Callable[[str], None], until: dt.date) -> tuple[str, dict[str, Any]]:
    url = make_url(admin_url).set(database=DB_NAME).render_as_string(hide_password=False)
    want = _meta()
    comment = dbs._admin_exec(
        admin_url,
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n",
        {"n": DB_NAME},
    )
    have = json.loads(comment) if comment else {}
    if {k: have.get(k) for k in want} == want:
        dbs.upgrade(url)
        return url, {"cached": True, **have}
    log(f"building the tracks city in PostgreSQL database {DB_NAME} (tens of minutes)")
    dbs._admin_exec(admin_url, f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    dbs._admin_exec(admin_url, f'CREATE DATABASE "{DB_NAME}"')
    started = time.perf_counter()
    rows = _fill(url, _workdays(until), log)
    dbs._admin_exec(url, "VACUUM ANALYZE")
    meta = {**want, "rows": rows, "until": until.isoformat(), "build_s": round(time.perf_counter() - started)}
    dbs._admin_exec(admin_url, f"COMMENT ON DATABASE \"{DB_NAME}\" IS '{json.dumps(meta)}'")
    return url, {"cached": False, **meta}


def sqlite_tracks_city(log: Callable[[str], None], until: dt.date) -> tuple[str, dict[str, Any]]:
    path = dbs.cache_dir() / "tracks.db"
    meta_path = path.with_suffix(".json")
    want = _meta()
    if path.exists() and meta_path.exists():
        have = json.loads(meta_path.read_text())
        if {k: have.get(k) for k in want} == want:
            url = f"sqlite:///{path}"
            dbs.upgrade(url)
            return url, {"cached": True, **have}
    tmp = path.with_name("tracks.building.db")
    for p in (path, meta_path, tmp, *(Path(f"{x}{s}") for x in (path, tmp) for s in ("-wal", "-shm"))):
        p.unlink(missing_ok=True)
    log(f"building the tracks city in SQLite {tmp} (tens of minutes)")
    started = time.perf_counter()
    rows = _fill(f"sqlite:///{tmp}", _workdays(until), log)
    tmp.rename(path)
    meta = {**want, "rows": rows, "until": until.isoformat(), "build_s": round(time.perf_counter() - started)}
    meta_path.write_text(json.dumps(meta))
    return f"sqlite:///{path}", {"cached": False, **meta}


# --- measuring -------------------------------------------------------------------------------


def _raw_sql(dialect: str) -> str:
    mark = (lambda n: f"%({n})s") if dialect == "postgresql" else (lambda n: f":{n}")
    return (
        "SELECT device_time, lat, lon, accuracy, speed, grid_id, flags FROM positions "
        f"WHERE worker_id = {mark('w')} AND device_time >= {mark('a')} AND device_time < {mark('b')} "
        "ORDER BY device_time"
    )


def run_engine(url: str, runs: int, log: Callable[[str], None]) -> dict[str, Any]:
    from sqlalchemy import func, select

    from db.models import Position, Worker
    from db.vocab import Role
    from desktop.bootstrap import open_database
    from desktop.cases.ladder import Actor
    from desktop.live import tracks
    from tests.bench.queue_bench import RawConnection

    engine, sessions = open_database(url)
    actor = Actor(user_id=None, role=Role.DISPATCHER)
    raw = RawConnection(engine)
    try:
        with sessions() as s:
            workers = [
                tuple(r) for r in s.execute(select(Worker.id, Worker.squad_id).order_by(Worker.id)).all()
            ]
            newest = s.scalar(select(func.max(Position.device_time)))
        assert newest is not None
        last_day = newest.astimezone(tracks.CHINA_TZ).date()
        rng = random.Random(15)
        days = _workdays(last_day + dt.timedelta(days=1))
        samples = [(rng.choice(workers), rng.choice(days)) for _ in range(runs + 1)]

        def timed(fn: Callable[[Any, dt.date], Any]) -> tuple[float, Any]:
            out = fn(*samples[0])  # warm-up
            times = []
            for sample in samples[1:]:
                started = time.perf_counter()
                out = fn(*sample)
                times.append((time.perf_counter() - started) * 1000)
            return round(statistics.median(times), 1), out

        def replay(worker: Any, day: dt.date) -> Any:
            with sessions() as s:
                return tracks.track_day(s, actor, worker[0], day)

        def coverage(worker: Any, day: dt.date) -> Any:
            with sessions() as s:
                return tracks.patrol_coverage(s, actor, day, day, worker_ids=[worker[0]])

        def squad(worker: Any, day: dt.date) -> Any:
            with sessions() as s:
                return tracks.patrol_coverage(s, actor, day, day, squad_id=worker[1])

        def baseline(worker: Any, day: dt.date) -> Any:
            a, b = tracks.day_bounds(day)
            params = {"w": worker[0], "a": a.replace(tzinfo=None), "b": b.replace(tzinfo=None)}
            return raw.run([(_raw_sql(raw.dialect), params)])

        replay_ms, day_out = timed(replay)
        coverage_ms, _ = timed(coverage)
        squad_ms, squad_rows = timed(squad)
        base_ms, fixes = timed(baseline)
        log(
            f"  track_replay {replay_ms} ms, patrol_coverage {coverage_ms} ms (squad-day {squad_ms} ms, "
            f"{len(squad_rows)} workers), raw SQL {base_ms} ms for {fixes} fixes"
        )
        with sessions() as s:
            total = (
                s.scalar(select(func.count()).select_from(Position))
                if engine.dialect.name == "sqlite"
                else None
            )
        return {
            "track_replay_ms": replay_ms,
            "patrol_coverage_ms": coverage_ms,
            "squad_day_ms": squad_ms,
            "squad_workers": len(squad_rows),
            "baseline_ms": base_ms,
            "fixes_per_worker_day": fixes,
            "points_in_last_replay": len(day_out.points),
            "positions": total,
        }
    finally:
        raw.conn.close()
        engine.dispose()


if __name__ == "__main__":  # python -m tests.bench.tracks_bench [--only pg|sqlite]: prebuild the caches
    import argparse
    import sys

    p = argparse.ArgumentParser()
    p.add_argument("--only", choices=["sqlite", "pg"], default=None)
    a = p.parse_args()

    def _log(msg: str) -> None:
        print(f"[bench] {msg}", file=sys.stderr, flush=True)

    today = dt.date.today()
    if a.only in (None, "pg"):
        admin = dbs.pg_admin_url(None)
        if admin:
            print(pg_tracks_city(admin, _log, today))
    if a.only in (None, "sqlite"):
        print(sqlite_tracks_city(_log, today))
