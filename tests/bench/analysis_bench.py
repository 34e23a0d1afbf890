"""Analysis figures: each chart's query of ``desktop.analysis`` against the same aggregate in raw SQL.

Every query runs as the pane runs it (a fresh session, a dispatcher, the widest preset period:
the default "last 4 weeks" and the widest preset "last 3 months" (about a quarter of a million
cases at 1M), both ending at the city's newest case), once
to warm up, then ``runs`` times timed. The baseline is one hand-written SQL statement computing
the same aggregate, run on a plain driver connection (sqlite3 / psycopg) in the same run, so the
ratio is what the app's layer costs over the database's own work (statement building, result
objects, the percentiles read off bins in Python, the town names it adds).
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

GOAL_MS = 500.0
# The pane's default period and its widest preset.
PERIODS = ("last_4_weeks", "last_3_months")


def _raw_sql(dialect: str) -> dict[str, str]:
    """The baselines: one statement per chart, parameters :start/:end (naive UTC)."""
    pg = dialect == "postgresql"
    week = (
        "to_char(date_trunc('week', reported_at + interval '8 hours'), 'YYYY-MM-DD')"
        if pg
        else "date(reported_at, '+8 hours', 'weekday 0', '-6 days')"
    )
    hours = (
        "extract(epoch from resolved_at - reported_at) / 3600.0"
        if pg
        else "(julianday(resolved_at) - julianday(reported_at)) * 24.0"
    )
    # The funnel reads the stages each case reached off cases.milestones (db.vocab.Milestone,
    # kept from case_events by trigger, migration 0014), no longer joining the audit trail.
    bits = (1, 2, 4, 8, 16)
    period = "c.reported_at >= :start AND c.reported_at < :end"
    sums = ", ".join(f"sum(CASE WHEN (c.milestones & {b}) <> 0 THEN 1 ELSE 0 END)" for b in bits)
    funnel = f"SELECT count(*), {sums} FROM cases c WHERE {period}"
    return {
        "trend": f"SELECT {week} AS b, kind, count(*) FROM cases WHERE reported_at >= :start AND reported_at < :end GROUP BY 1, 2",
        "resolution_shares": (
            "SELECT town_id, count(*), sum(CASE WHEN resolved_level = 1 THEN 1 ELSE 0 END),"
            " sum(CASE WHEN resolved_level = 2 THEN 1 ELSE 0 END), sum(CASE WHEN resolved_level = 3 THEN 1 ELSE 0 END)"
            " FROM cases WHERE resolved_at >= :start AND resolved_at < :end AND resolved_level IS NOT NULL GROUP BY town_id"
        ),
        "time_to_resolve": (
            f"SELECT resolved_level, round(({hours}) / 0.1), count(*) FROM cases"
            " WHERE resolved_at >= :start AND resolved_at < :end AND resolved_level IS NOT NULL GROUP BY 1, 2"
        ),
        "escalation_funnel": funnel,
        "satisfaction": (
            "SELECT town_id, satisfaction, count(*) FROM cases WHERE resolved_at >= :start AND resolved_at < :end"
            " AND satisfaction IS NOT NULL GROUP BY town_id, satisfaction"
        ),
        "anomalies": (
            "SELECT town_id, category, sum(CASE WHEN reported_at >= :latest THEN 1 ELSE 0 END), count(*)"
            " FROM cases WHERE reported_at >= :base AND reported_at < :end GROUP BY town_id, category"
        ),
    }


def _median_ms(fn: Callable[[], Any], runs: int) -> tuple[float, Any]:
    result = fn()  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), result


def run_engine(
    engine: Engine, sessions: sessionmaker[Session], runs: int, log: Callable[[str], None]
) -> dict[str, Any]:
    from db.models import Case
    from db.vocab import Role
    from desktop import analysis
    from desktop.cases.ladder import Actor

    actor = Actor(user_id=None, role=Role.DISPATCHER)
    with sessions() as s:
        newest = s.scalar(select(func.max(Case.reported_at)))
        total = s.scalar(select(func.count()).select_from(Case))
    assert newest is not None
    end = newest + dt.timedelta(seconds=1)
    periods = {p: analysis.preset_period(p, end)[0] for p in PERIODS}
    entries: dict[str, dict[str, Any]] = {}
    raw = RawConnection(engine)
    try:
        for period, start in periods.items():
            log(f"  period {period}: {start.isoformat()} to {end.isoformat()}")
            entries.update(_measure(sessions, raw, actor, start, end, runs, log, suffix=f"@{period}"))
    finally:
        raw.conn.close()
    return {"entries": entries, "cases": total, "end": end.isoformat()}


def _measure(
    sessions: sessionmaker[Session],
    raw: RawConnection,
    actor: Any,
    start: dt.datetime,
    end: dt.datetime,
    runs: int,
    log: Callable[[str], None],
    suffix: str,
) -> dict[str, dict[str, Any]]:
    from desktop import analysis

    calls: dict[str, Callable[[Session], Any]] = {
        "trend": lambda s: analysis.trend(s, actor, start, end, "week", "kind"),
        "resolution_shares": lambda s: analysis.resolution_shares(s, actor, start, end, "town"),
        "time_to_resolve": lambda s: analysis.time_to_resolve(s, actor, start, end),
        "escalation_funnel": lambda s: analysis.escalation_funnel(s, actor, start, end),
        "satisfaction": lambda s: analysis.satisfaction(s, actor, start, end),
        "anomalies": lambda s: analysis.anomalies(s, actor, end),
    }
    naive = {
        "start": start.astimezone(dt.UTC).replace(tzinfo=None),
        "end": end.astimezone(dt.UTC).replace(tzinfo=None),
    }
    latest = end - dt.timedelta(days=7)
    naive_anomaly = {
        "end": naive["end"],
        "latest": latest.astimezone(dt.UTC).replace(tzinfo=None),
        "base": (latest - dt.timedelta(days=7 * analysis.ANOMALY_WEEKS))
        .astimezone(dt.UTC)
        .replace(tzinfo=None),
    }
    sqls = _raw_sql(raw.dialect)
    entries: dict[str, dict[str, Any]] = {}
    for name, call in calls.items():

        def app(call: Callable[[Session], Any] = call) -> Any:
            with sessions() as s:
                return call(s)

        value, result = _median_ms(app, runs)
        params = naive_anomaly if name == "anomalies" else naive
        stmt = sqls[name]
        if raw.dialect != "sqlite":
            stmt = stmt.replace(":start", "%(start)s").replace(":end", "%(end)s")
            stmt = stmt.replace(":latest", "%(latest)s").replace(":base", "%(base)s")
        baseline, rows = _median_ms(lambda stmt=stmt, params=params: raw.run([(stmt, params)]), runs)
        entries[name + suffix] = {
            "value": round(value, 1),
            "baseline": round(baseline, 1),
            "ratio": round(value / baseline, 2) if baseline else None,
            "rows": rows,
        }
        log(f"  {name}{suffix}: {value:.1f} ms (raw SQL {baseline:.1f} ms)")
    return entries
