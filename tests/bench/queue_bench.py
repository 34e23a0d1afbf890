"""Queue figures: ``desktop.cases.queue.fetch_page`` through the ORM against the same SQL run raw.

Each scenario runs the public ``fetch_page`` in a fresh session (as the queue model does), once to
warm up and to capture the statements it sends, then ``runs`` times timed. The baseline replays
exactly those captured statements with their parameters on a plain driver connection (sqlite3 /
psycopg, no SQLAlchemy), timed the same way, so that the ratio is the cost the ORM layer adds
over the database's own work. A scenario at half its goal or more also gets the plan of its main query.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

GOALS = {"queue_first_page_ms": 150.0, "queue_filter_sort_ms": 300.0, "queue_search_ms": 500.0}


@dataclass
class Scenario:
    figure: str
    name: str
    actor: Any
    flt: Any
    note: str = ""


@contextmanager
def captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    """The (statement, parameters) pairs the engine sends to the driver while inside."""
    seen: list[tuple[str, Any]] = []

    def listener(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", listener)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", listener)


class RawConnection:
    """A plain driver connection to the same database, set up as the app's engine sets its own."""

    def __init__(self, engine: Engine) -> None:
        url = make_url(str(engine.url.render_as_string(hide_password=False)))
        self.dialect = engine.dialect.name
        if self.dialect == "sqlite":
            self.conn: Any = sqlite3.connect(url.database or "")
            for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000", "synchronous=NORMAL"):
                self.conn.execute(f"PRAGMA {pragma}")
        else:
            import psycopg

            self.conn = psycopg.connect(
                url.set(drivername="postgresql").render_as_string(hide_password=False)
            )

    def run(self, statements: list[tuple[str, Any]]) -> int:
        rows = 0
        cur = self.conn.cursor()
        try:
            for stmt, params in statements:
                cur.execute(stmt, params)
                if cur.description is not None:
                    rows = len(cur.fetchall())
        finally:
            cur.close()
            self.conn.rollback()  # the ORM session ends its (read) transaction the same way
        return rows

    def plan(self, stmt: str, params: Any) -> str:
        cur = self.conn.cursor()
        try:
            if self.dialect == "sqlite":
                cur.execute("EXPLAIN QUERY PLAN " + stmt, params)
                return "\n".join(f"{r[0]}|{r[1]}| {r[3]}" for r in cur.fetchall())
            cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + stmt, params)
            return "\n".join(r[0] for r in cur.fetchall())
        finally:
            cur.close()
            self.conn.rollback()

    def close(self) -> None:
        self.conn.close()


def _timed(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    out = None
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times, out


def scenarios(sessions: sessionmaker[Session]) -> list[Scenario]:
    """The queue views a dispatcher and town staff use, on whatever demo city is there."""
    from db.models import Case, CaseDepartment, Town
    from db.vocab import Kind, Level, Severity, Status
    from desktop.cases.queue import QueueFilter, SortKey
    from desktop.cases.service import actor_for

    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
        # The busiest town: the worst case for a town filter and for that town's own staff.
        town_id, _n = s.execute(
            select(Case.town_id, func.count()).group_by(Case.town_id).order_by(func.count().desc()).limit(1)
        ).one()
        town = s.get(Town, town_id)
        assert town is not None
        staff = actor_for(s, f"town{int(town_id):02d}")
        total = int(s.scalar(select(func.count()).select_from(Case)) or 0)
        department_id = s.scalar(
            select(CaseDepartment.department_id)
            .group_by(CaseDepartment.department_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        # A number in the middle of the table, as a user would paste it from a phone call.
        number = s.scalar(select(Case.number).order_by(Case.id).offset(total // 2).limit(1))
    q = QueueFilter
    fp, fs, se = "queue_first_page_ms", "queue_filter_sort_ms", "queue_search_ms"
    return [
        Scenario(
            fp, "dispatcher_open_due", dispatcher, q(open_only=True, sort=SortKey.DUE), "open cases, DUE"
        ),
        Scenario(fp, "dispatcher_all_updated", dispatcher, q(), "all cases, UPDATED (model default)"),
        Scenario(fp, "town_staff_all_updated", staff, q(), f"{town.name} staff, all cases, UPDATED"),
        Scenario(fp, "town_staff_open_due", staff, q(open_only=True, sort=SortKey.DUE), f"{town.name} staff"),
        Scenario(fs, "status_escalated", dispatcher, q(statuses=frozenset({Status.ESCALATED}))),
        Scenario(
            fs,
            "status_in_progress_due",
            dispatcher,
            q(statuses=frozenset({Status.IN_PROGRESS}), sort=SortKey.DUE),
        ),
        Scenario(fs, "status_closed", dispatcher, q(statuses=frozenset({Status.CLOSED}))),
        Scenario(fs, "level_city", dispatcher, q(levels=frozenset({Level.CITY}))),
        Scenario(
            fs,
            "level_town_open_due",
            dispatcher,
            q(levels=frozenset({Level.TOWN}), open_only=True, sort=SortKey.DUE),
        ),
        Scenario(fs, "town", dispatcher, q(town_ids=frozenset({int(town_id)})), town.name),
        Scenario(
            fs,
            "town_open_due",
            dispatcher,
            q(town_ids=frozenset({int(town_id)}), open_only=True, sort=SortKey.DUE),
        ),
        Scenario(fs, "kind_hazard", dispatcher, q(kinds=frozenset({Kind.HAZARD}))),
        Scenario(
            fs,
            "kind_errand_open_due",
            dispatcher,
            q(kinds=frozenset({Kind.ERRAND}), open_only=True, sort=SortKey.DUE),
        ),
        Scenario(fs, "overdue_due", dispatcher, q(overdue=True, sort=SortKey.DUE)),
        Scenario(fs, "near_due_due", dispatcher, q(near_due=True, sort=SortKey.DUE)),
        Scenario(fs, "supervised_due", dispatcher, q(supervised=True, sort=SortKey.DUE)),
        Scenario(
            fs,
            "city_supervision_preset",
            dispatcher,
            q(levels=frozenset({Level.CITY}), supervised=True, sort=SortKey.DUE),
        ),
        Scenario(fs, "mine_overdue_preset", dispatcher, q(mine=True, overdue=True, sort=SortKey.DUE)),
        Scenario(
            fs,
            "town_staff_overdue_preset",
            staff,
            q(town_ids=frozenset({int(town_id)}), overdue=True, sort=SortKey.DUE),
        ),
        Scenario(
            fs,
            "min_severity_serious_open_due",
            dispatcher,
            q(min_severity=Severity.SERIOUS, open_only=True, sort=SortKey.DUE),
        ),
        Scenario(fs, "awaiting_department_due", dispatcher, q(awaiting_department=True, sort=SortKey.DUE)),
        Scenario(fs, "awaiting_department_updated", dispatcher, q(awaiting_department=True)),
        Scenario(
            fs,
            "awaiting_one_department_due",
            dispatcher,
            q(awaiting_department=True, department_id=department_id, sort=SortKey.DUE),
            "the department with the most assigned cases",
        ),
        Scenario(fs, "sort_severity_all", dispatcher, q(sort=SortKey.SEVERITY)),
        Scenario(fs, "sort_severity_open", dispatcher, q(open_only=True, sort=SortKey.SEVERITY)),
        Scenario(fs, "sort_due_all", dispatcher, q(sort=SortKey.DUE)),
        Scenario(fs, "sort_number_all", dispatcher, q(sort=SortKey.NUMBER)),
        Scenario(se, "zh3_common", dispatcher, q(text="继承纠"), "3-char Chinese, common"),
        Scenario(se, "zh3_rare", dispatcher, q(text="越级上"), "3-char Chinese, rarer"),
        Scenario(se, "zh2_common", dispatcher, q(text="纠纷"), "2-char Chinese (below trigram length)"),
        Scenario(se, "zh2_rare", dispatcher, q(text="赌博"), "2-char Chinese, rarer"),
        Scenario(se, "case_number", dispatcher, q(text=str(number)), str(number)),
        Scenario(se, "town_pinyin_initials", dispatcher, q(text=town.pinyin), f"{town.pinyin} = {town.name}"),
        Scenario(
            se,
            "zh3_open_due",
            dispatcher,
            q(text="继承纠", open_only=True, sort=SortKey.DUE),
            "with the default dispatcher filter",
        ),
        Scenario(se, "town_staff_zh3", staff, q(text="继承纠"), "town staff"),
    ]


def run_engine(
    engine: Engine, sessions: sessionmaker[Session], runs: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Per figure: sub-entries with ORM and raw medians; plus extras (counters)."""
    from desktop.cases.queue import counters, fetch_page

    now = dt.datetime.now(dt.UTC)
    raw = RawConnection(engine)
    results: dict[str, dict[str, Any]] = {}
    try:
        for sc in scenarios(sessions):

            def orm(sc: Scenario = sc) -> int:
                with sessions() as s:
                    return len(fetch_page(s, sc.actor, sc.flt, now=now))

            with captured(engine) as statements:
                rows = orm()  # warm-up, and the SQL it sends
            orm_ms, _ = _timed(orm, runs)
            raw.run(statements)  # warm-up
            raw_ms, raw_rows = _timed(lambda st=statements: raw.run(st), runs)
            value, baseline = statistics.median(orm_ms), statistics.median(raw_ms)
            entry: dict[str, Any] = {
                "value": round(value, 2),
                "baseline": round(baseline, 2),
                "ratio": round(value / baseline, 2) if baseline > 0 else None,
                "min": round(min(orm_ms), 2),
                "max": round(max(orm_ms), 2),
                "runs": runs,
                "rows": rows,
                "statements": len(statements),
                "note": sc.note,
            }
            if raw_rows != rows:
                entry["warning"] = f"raw replay returned {raw_rows} rows, fetch_page {rows}"
            # The plan of anything at half its goal or more: what to look at first.
            if max(value, baseline) >= GOALS[sc.figure] / 2:
                main = max(statements, key=lambda p: len(p[0]))
                try:
                    entry["plan"] = raw.plan(*main)
                except Exception as exc:  # a plan is a diagnostic: never fail the run for it
                    entry["plan"] = f"(no plan: {exc})"
            results.setdefault(sc.figure, {})[sc.name] = entry
            log(f"  {sc.figure:<22} {sc.name:<30} {value:9.1f} ms  raw {baseline:9.1f} ms  rows {rows}")

        def count() -> int:
            with sessions() as s:
                return len(counters(s, scenarios_dispatcher(sessions), now=now))

        with captured(engine) as statements:
            count()
        c_ms, _ = _timed(count, runs)
        raw.run(statements)
        c_raw, _ = _timed(lambda: raw.run(statements), runs)
        extras = {
            "queue_counters_ms": {
                "value": round(statistics.median(c_ms), 2),
                "baseline": round(statistics.median(c_raw), 2),
                "ratio": round(statistics.median(c_ms) / statistics.median(c_raw), 2),
                "runs": runs,
                "note": "desktop.cases.queue.counters for the dispatcher (runs on the GUI thread at start and after changes)",
            }
        }
    finally:
        raw.close()
    return {"figures": results, "extras": extras}


def scenarios_dispatcher(sessions: sessionmaker[Session]) -> Any:
    from desktop.cases.service import actor_for

    with sessions() as s:
        return actor_for(s, "dispatcher")
