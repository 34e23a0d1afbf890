"""Row-level security cost: a town user's queue against a dispatcher's, as real logins.

On the PostgreSQL benchmark city (1,000,000 cases by default) two temporary logins are made, a
dispatcher and a town staff member of the town with the most cases. Each runs the app's own
``desktop.cases.queue.fetch_page`` (first page, newest first; and an open-cases page in due order) and
``desktop.cases.queue.counters`` through its own connection, where the database's forced RLS applies;
the logins take turns run by run (interleaved), so the machine's load falls on both alike.
The figure ``rls_town_queue_ratio`` is the town user's median first-page time over the
dispatcher's (goal < 1.5); both milliseconds are recorded, and the town's page as the superuser
(no RLS) for reference. The logins and their ``users`` rows are removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

GOAL_RATIO = 1.5


def _interleaved_medians(calls: dict[str, Callable[[], Any]], runs: int) -> dict[str, float]:
    """Median milliseconds of each call; one warm-up each, then ``runs`` rounds of all in turn."""
    for fn in calls.values():
        fn()  # warm: plan caches, buffers, pooled connection
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, fn in calls.items():
            started = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: round(statistics.median(t), 2) for name, t in times.items()}


def run(pg_url: str, runs: int, log: Callable[[str], None]) -> dict[str, Any]:
    from db import roles
    from db.session import make_engine, make_sessionmaker
    from db.vocab import Status
    from desktop.cases import queue
    from desktop.cases.service import actor_for
    from desktop.users import add_user

    admin = make_engine(pg_url)
    tag = uuid.uuid4().hex[:8]
    names = {"dispatcher": f"bench_disp_{tag}", "town_staff": f"bench_town_{tag}"}
    engines: dict[str, Any] = {}
    now = dt.datetime.now(dt.UTC)
    try:
        with admin.connect() as conn:
            town, town_cases = conn.execute(
                text("select town_id, count(*) from cases group by town_id order by 2 desc limit 1")
            ).one()
            total = conn.execute(text("select count(*) from cases")).scalar_one()
        log(f"rls: {total} cases; town {town} has {town_cases}")
        for role, name in names.items():
            password = uuid.uuid4().hex
            add_user(
                admin,
                name,
                f"基准{role}",
                role,
                town_id=town if role == "town_staff" else None,
                password=password,
            )
            url = make_url(pg_url).set(username=name, password=password)
            engines[role] = make_engine(url.render_as_string(hide_password=False))
        engines["superuser"] = admin

        flt_first = queue.QueueFilter()
        flt_due = queue.QueueFilter(
            statuses=frozenset({Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS}),
            sort=queue.SortKey.DUE,
        )
        # Interleaved: one run of each login in turn, so that the machine's load (other jobs)
        # falls on both sides alike; medians of the warm runs.
        calls: dict[str, Callable[[], Any]] = {}
        for who, role in (("dispatcher", "dispatcher"), ("town", "town_staff"), ("town_no_rls", "superuser")):
            sessions = make_sessionmaker(engines[role])
            with sessions() as s:
                actor = actor_for(s, names["town_staff" if role == "superuser" else role])

            def first(sessions: Any = sessions, actor: Any = actor) -> None:
                with sessions() as s:
                    assert queue.fetch_page(s, actor, flt_first, limit=200, now=now)

            def due(sessions: Any = sessions, actor: Any = actor) -> None:
                with sessions() as s:
                    queue.fetch_page(s, actor, flt_due, limit=200, now=now)

            def counts(sessions: Any = sessions, actor: Any = actor) -> None:
                with sessions() as s:
                    queue.counters(s, actor, now)

            calls[f"{who}_first_page_ms"] = first
            calls[f"{who}_due_page_ms"] = due
            calls[f"{who}_counters_ms"] = counts
        results = _interleaved_medians(calls, runs)
        log(f"rls: {results}")
        ratio = round(results["town_first_page_ms"] / max(results["dispatcher_first_page_ms"], 0.01), 2)
        return {
            "ratio": ratio,
            "town_ms": results["town_first_page_ms"],
            "dispatcher_ms": results["dispatcher_first_page_ms"],
            "cases": total,
            "town_cases": town_cases,
            "runs": runs,
            "entries": results,
        }
    finally:
        for role, eng in engines.items():
            if role != "superuser":
                eng.dispose()
        with admin.connect() as conn:
            for name in names.values():
                conn.execute(text("delete from users where username = :n"), {"n": name})
                roles.drop_login(conn, name)
            conn.commit()
        admin.dispose()
