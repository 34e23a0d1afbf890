"""main.py import-city as a subprocess: dry run, import, idempotent re-import, a refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data" / "cityimport"


def run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "import-city", *args],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )


def test_import_city_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'city.db'}"
    boundaries = [
        "--boundaries",
        *(str(DATA / n) for n in ("towns.geojson", "villages.shp", "grids.geojson")),
    ]
    roster = ["--roster", *(str(DATA / n) for n in ("squads.csv", "workers.xlsx", "helpers.csv"))]
    dry = run(db, *boundaries, *roster, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "群工队员：新增 4" in dry.stdout and "试运行，未写入任何数据" in dry.stdout
    done = run(db, *boundaries, *roster, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["committed"] and report["counts"]["grids"]["created"] == 4
    again = json.loads(run(db, *boundaries, *roster, "--json").stdout)
    assert all(c["created"] == c["updated"] == 0 for c in again["counts"].values())
    bad = run(db, "--boundaries", str(DATA / "grids_bad.geojson"), "--roster", str(DATA / "workers_bad.csv"))
    assert bad.returncode == 2
    assert "自相交" in bad.stdout and "未导入任何数据" in bad.stdout
    stats = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "stats", "--json"],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert json.loads(stats.stdout)["grids"] == 4


def test_import_city_prints_its_problems_in_the_chosen_language(tmp_path: Path) -> None:
    """The report is worded by the interface's catalogue: Chinese by default, English on request."""
    import os

    db = f"sqlite:///{tmp_path / 'city.db'}"
    files = ("--roster", str(DATA / "workers_bad.csv"), "--dry-run")
    env = {k: v for k, v in os.environ.items() if k != "CONCORD_LANG"}
    zh = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "import-city", *files],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env=env,
    )
    assert zh.returncode == 2, zh.stderr
    assert "workers_bad.csv 第 " in zh.stdout and "格式不正确" in zh.stdout
    assert "个问题，未导入任何数据：" in zh.stdout
    assert "cityimport." not in zh.stdout  # no code leaks through untranslated
    en = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", db, "import-city", *files],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
        env={**env, "CONCORD_LANG": "en"},
    )
    assert en.returncode == 2, en.stderr
    assert "problems found; nothing was imported:" in en.stdout and "workers_bad.csv row " in en.stdout
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en.stdout.split("nothing was imported:")[0])
