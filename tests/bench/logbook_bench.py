"""Log book and map-layer figures: the case heat layer's binned query for each period the map
offers (30, 90, 365 days, all history), and the log book's own reads (first page, pinyin search,
the map's log markers, coverage per grid for a month), each as the app runs it (a fresh session,
a dispatcher), once to warm up, then ``runs`` times timed.

The heat baseline is the same GROUP BY written by hand on a plain driver connection, so the ratio
is what the app's layer costs over the database's own work; ``naive_ms`` is what the page would
cost if it were sent the cases themselves (reading every case's point in the period), which is
what binning in SQL avoids.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.bench.queue_bench import RawConnection

HEAT_DAYS = (30, 90, 365, 0)


def _heat_sql(dialect: str, cell: float, with_since: bool) -> str:
    if dialect == "postgresql":
        by, bx = f"floor((lat + 90) / {cell})::bigint", f"floor((lon + 180) / {cell})::bigint"
        since = "reported_at >= %(since)s" if with_since else "true"
    else:
        by, bx = f"CAST((lat + 90) / {cell} AS INTEGER)", f"CAST((lon + 180) / {cell} AS INTEGER)"
        since = "reported_at >= :since" if with_since else "1"
    return f"SELECT {by} * 1000000 + {bx} AS bin, count(*) FROM cases WHERE {since} GROUP BY bin"


def _naive_sql(dialect: str, with_since: bool) -> str:
    mark = "%(since)s" if dialect == "postgresql" else ":since"
    where = f" WHERE reported_at >= {mark}" if with_since else ""
    return f"SELECT lat, lon FROM cases{where}"


def _median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    out = fn()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1), out


def run_engine(
    engine: Engine, sessions: sessionmaker[Session], runs: int, log: Callable[[str], None]
) -> dict[str, Any]:
    from db.models import Case, SentimentLog
    from db.vocab import Role
    from desktop import logbook
    from desktop.cases.ladder import Actor
    from desktop.clock import CHINA_TZ
    from desktop.logbook import LogFilter

    actor = Actor(user_id=None, role=Role.DISPATCHER)
    with sessions() as s:
        newest = s.scalar(select(func.max(Case.reported_at)))
        total = s.scalar(select(func.count()).select_from(Case))
        newest_log = s.scalar(select(func.max(SentimentLog.visited_at)))
    assert newest is not None and newest_log is not None
    raw = RawConnection(engine)
    entries: dict[str, dict[str, Any]] = {}

    def in_session(fn: Callable[[Session], Any]) -> Callable[[], Any]:
        def call() -> Any:
            with sessions() as s:
                return fn(s)

        return call

    try:
        for days in HEAT_DAYS:
            since = newest - dt.timedelta(days=days) if days else None
            value, bins = _median_ms(
                in_session(lambda s, since=since: logbook.case_heat(s, actor, since)), runs
            )
            params: dict[str, Any] = {}
            if since is not None:
                params["since"] = since.replace(tzinfo=None)
            sql = _heat_sql(raw.dialect, logbook.HEAT_CELL_DEG, since is not None)
            baseline, _ = _median_ms(lambda sql=sql, params=params: raw.run([(sql, params)]), runs)
            naive, _ = _median_ms(
                lambda p=params, w=since is not None: raw.run([(_naive_sql(raw.dialect, w), p)]),
                max(1, runs // 2),
            )
            name = f"heat_{days or 'all'}d"
            entries[name] = {
                "value": value,
                "baseline": baseline,
                "naive_ms": naive,
                "bins": len(bins),
                "cases_binned": sum(int(b[2]) for b in bins),
            }
            log(f"  {name}: {value} ms (raw SQL {baseline} ms, all points {naive} ms), {len(bins)} bins")
        day = newest_log.astimezone(CHINA_TZ).date()
        month = (day - dt.timedelta(days=29), day)
        calls: dict[str, Callable[[Session], Any]] = {
            "logs_first_page": lambda s: logbook.fetch_page(
                s, actor, LogFilter(date_from=month[0], date_to=day)
            ),
            "logs_pinyin_search": lambda s: logbook.fetch_page(s, actor, LogFilter(text="wxy")),
            "log_markers": lambda s: logbook.log_markers(
                s, actor, LogFilter(date_from=month[0], date_to=day)
            ),
            "coverage_grid_month": lambda s: logbook.coverage(s, actor, *month, level="grid"),
        }
        for name, fn in calls.items():
            value, rows = _median_ms(in_session(fn), runs)
            entries[name] = {"value": value, "baseline": None, "rows": len(rows)}
            log(f"  {name}: {value} ms ({len(rows)} rows)")
    finally:
        raw.conn.close()
    return {"entries": entries, "cases": total}
