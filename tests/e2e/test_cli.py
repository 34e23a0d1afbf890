"""The command line as an operator uses it: main.py in a subprocess, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from db.session import make_engine

ROOT = Path(__file__).resolve().parents[2]


def concord(
    *args: str, env: dict[str, str] | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    full_env = os.environ | (env or {})
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"main.py {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def test_demo_then_stats_reports_seed_scale_counts(db_url: str) -> None:
    concord("--db", db_url, "demo", "--quiet")
    stats = json.loads(concord("--db", db_url, "stats", "--json").stdout)
    assert stats["towns"] == 33
    assert stats["villages"] == 1788
    assert stats["grids"] == 1672
    assert stats["squads"] == 173
    assert stats["workers"] == 1672
    assert stats["liaison_officers"] == 6877
    assert stats["volunteers"] == 6769
    assert stats["cases"] == 1700
    assert stats["sentiment_logs"] == 14000
    assert 0.96 <= stats["measures"]["resolution_rate"] <= 0.98
    assert set(stats["cases_by_level"]) == {"village", "town", "city"}
    workers = json.loads(concord("--db", db_url, "workers", "--json").stdout)
    assert len(workers) == 1672
    assert {"id", "name", "town", "grid", "device_id", "last_position"} <= set(workers[0])


def test_demo_refuses_a_database_that_already_has_a_city(demo_url: str) -> None:
    proc = concord("--db", demo_url, "demo", "--quiet", check=False)
    assert proc.returncode == 2
    assert "数据库中已有城市：演示城市只能建在空数据库中。" in proc.stderr  # the CLI's default language
    english = concord("--db", demo_url, "demo", "--quiet", env={"CONCORD_LANG": "en"}, check=False)
    assert english.returncode == 2
    assert "already has a city" in english.stderr
    assert "Traceback" not in proc.stderr


def test_sweep_runs_and_reports(demo_url: str) -> None:
    out = concord("--db", demo_url, "sweep").stdout
    assert "escalated" in out


def test_output_cut_short_by_its_reader_ends_quietly(demo_url: str) -> None:
    """`concord workers --json | head -c 100`: the reader closes the pipe while the list (far more
    than a pipe holds) is still being written; the command stops without a traceback."""
    with subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", demo_url, "workers", "--json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100).startswith(b"[")
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "Exception ignored" not in err, err


def test_db_upgrade_and_refusal_of_a_newer_schema(db_url: str) -> None:
    assert "schema at revision" in concord("--db", db_url, "db", "upgrade").stdout
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    proc = concord("--db", db_url, "stats", "--json", check=False)
    assert proc.returncode == 2
    assert "newer than this program understands" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unreachable_database_gives_a_clear_error() -> None:
    proc = concord("--db", "postgresql://nobody:wrong@127.0.0.1:1/none", "stats", check=False)
    assert proc.returncode == 2
    assert "concord: error:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_unknown_command_is_refused() -> None:
    proc = concord("teleport", check=False)
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


@pytest.mark.parametrize("url", ["mysql://x@y/z"])
def test_unsupported_url_scheme(url: str) -> None:
    proc = concord("--db", url, "stats", check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
