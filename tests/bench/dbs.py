"""The benchmark databases: demo cities of a given size, built once and cached between runs.

SQLite files live in ``~/.cache/concord-bench/`` (``$XDG_CACHE_HOME`` respected), each with a
small JSON file saying what was built into it; PostgreSQL gets scratch databases on the given
server (``concord_bench`` for the default million cases, ``concord_bench_<N>`` for other sizes, so
that a ``--quick`` run does not throw the big one away), described in the database's comment.
A cache entry is reused only when its description matches exactly; a build is one transaction
and a cache entry is only marked once it has finished.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

DEFAULT_CASES = 1_000_000
SEED = 2026
LOGS = 14_000
SEED_SCALE_CASES = 1700  # `main.py demo` without --cases: the seed-scale city
PG_DB = "concord_bench"
FORMAT = 1  # bump to invalidate every cache entry


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "concord-bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _meta(cases: int) -> dict[str, Any]:
    return {"format": FORMAT, "seed": SEED, "cases": cases, "logs": LOGS}


def _log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def _progress(label: str) -> Any:
    last = [0.0]

    def report(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 15 or done >= total:
            last[0] = now
            _log(f"{label}: {stage} {done}/{total}")

    return report


def _build(url: str, cases: int, label: str) -> float:
    from desktop.bootstrap import open_database
    from desktop.seed.demo import build_demo

    started = time.perf_counter()
    engine, sessions = open_database(url)
    try:
        summary = build_demo(sessions, seed=SEED, cases=cases, logs=LOGS, progress=_progress(label))
        _log(f"{label}: built {summary.cases} cases in {summary.seconds} s")
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    return time.perf_counter() - started


def upgrade(url: str) -> None:
    """Bring a cached database to the program's schema (a no-op when it is current)."""
    from desktop.bootstrap import open_database

    engine, _ = open_database(url)
    engine.dispose()


# --- SQLite ------------------------------------------------------------------------------------


def sqlite_city(cases: int) -> tuple[str, dict[str, Any]]:
    """URL of a cached SQLite demo city with ``cases`` cases (built if missing) and build facts."""
    path = cache_dir() / f"city-{cases}.db"
    meta_path = path.with_suffix(".json")
    want = _meta(cases)
    if path.exists() and meta_path.exists():
        try:
            have = json.loads(meta_path.read_text())
        except ValueError:
            have = {}
        if {k: have.get(k) for k in want} == want:
            url = f"sqlite:///{path}"
            upgrade(url)
            return url, {"cached": True, "path": str(path), "build_s": have.get("build_s")}
    for p in (path, meta_path, *(Path(f"{path}{s}") for s in ("-wal", "-shm"))):
        p.unlink(missing_ok=True)
    tmp = path.with_name(path.stem + ".building.db")
    for s in ("", "-wal", "-shm"):
        Path(f"{tmp}{s}").unlink(missing_ok=True)
    _log(f"building SQLite demo city with {cases} cases in {tmp} (this takes a while at 1M)")
    seconds = _build(f"sqlite:///{tmp}", cases, f"sqlite {cases}")
    for s in ("-wal", "-shm"):
        Path(f"{tmp}{s}").unlink(missing_ok=True)
    tmp.rename(path)
    meta_path.write_text(json.dumps({**want, "build_s": round(seconds, 1)}))
    return f"sqlite:///{path}", {"cached": False, "path": str(path), "build_s": round(seconds, 1)}


# --- PostgreSQL --------------------------------------------------------------------------------


def pg_admin_url(explicit: str | None) -> str | None:
    """The server to use: --pg, then $CONCORD_BENCH_PG_URL, then $CONCORD_TEST_PG_URL."""
    from db.session import resolve_url

    chosen = explicit or os.environ.get("CONCORD_BENCH_PG_URL") or os.environ.get("CONCORD_TEST_PG_URL")
    return resolve_url(chosen) if chosen else None


def _pg_name(cases: int) -> str:
    return PG_DB if cases == DEFAULT_CASES else f"{PG_DB}_{cases}"


def _admin_exec(admin_url: str, sql: str, params: dict[str, Any] | None = None) -> Any:
    eng = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with eng.connect() as conn:
            result = conn.execute(text(sql), params or {})
            return result.scalar() if result.returns_rows else None
    finally:
        eng.dispose()


def pg_cached(admin_url: str, cases: int) -> bool:
    """Whether a finished PostgreSQL city of this size is there already."""
    comment = _admin_exec(
        admin_url,
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n",
        {"n": _pg_name(cases)},
    )
    try:
        have = json.loads(comment) if comment else {}
    except ValueError:
        have = {}
    want = _meta(cases)
    return {k: have.get(k) for k in want} == want


def start_pg_build(admin_url: str, cases: int) -> subprocess.Popen[bytes] | None:
    """Build the PostgreSQL city in a process of its own (alongside the SQLite one), if missing."""
    if pg_cached(admin_url, cases):
        return None
    cmd = [sys.executable, "-m", "tests.bench.dbs", str(cases), "--only", "pg", "--pg", admin_url]
    return subprocess.Popen(cmd, cwd=Path(__file__).resolve().parents[2], stdout=subprocess.DEVNULL)


def pg_city(admin_url: str, cases: int) -> tuple[str, dict[str, Any]]:
    """URL of a cached PostgreSQL demo city with ``cases`` cases (built if missing) and build facts."""
    name = _pg_name(cases)
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    want = _meta(cases)
    comment = _admin_exec(
        admin_url,
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = :n",
        {"n": name},
    )
    if comment:
        try:
            have = json.loads(comment)
        except ValueError:
            have = {}
        if {k: have.get(k) for k in want} == want:
            upgrade(url)
            return url, {"cached": True, "database": name, "build_s": have.get("build_s")}
    _log(f"building PostgreSQL demo city with {cases} cases in database {name} (minutes at 1M)")
    _admin_exec(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin_exec(admin_url, f'CREATE DATABASE "{name}"')
    seconds = _build(url, cases, f"pg {cases}")
    # As autovacuum would do shortly after a bulk load: statistics and visibility map.
    _admin_exec(url, "VACUUM ANALYZE")
    meta = json.dumps({**want, "build_s": round(seconds, 1)})
    _admin_exec(admin_url, f"COMMENT ON DATABASE \"{name}\" IS '{meta}'")
    return url, {"cached": False, "database": name, "build_s": round(seconds, 1)}


if __name__ == "__main__":  # python -m tests.bench.dbs [N] [--pg URL]: prebuild the caches
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("cases", type=int, nargs="?", default=DEFAULT_CASES)
    p.add_argument("--pg", default=None)
    p.add_argument("--only", choices=["sqlite", "pg"], default=None)
    a = p.parse_args()
    if a.only in (None, "sqlite"):
        print(sqlite_city(a.cases))
    admin = pg_admin_url(a.pg)
    if admin and a.only in (None, "pg"):
        print(pg_city(admin, a.cases))
