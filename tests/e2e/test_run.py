"""`main.py` with no arguments, as `make run` starts it: first run creates and seeds the embedded
database in the user's data folder, then the window comes up with its map and queue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_first_run_creates_the_demo_city_and_opens_the_window(tmp_path: Path) -> None:
    env = os.environ | {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("CONCORD_DB_URL", None)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "run", "--smoke-seconds", "12"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "map_ready=True" in proc.stdout
    assert "simulated=True" in proc.stdout
    database = tmp_path / "data" / "concord" / "concord.db"
    assert database.exists()
    # The second start reuses it: same file, no second city.
    again = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "stats", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert '"towns": 33' in again.stdout
    assert '"workers_with_position": 0' not in again.stdout  # the simulated phones reported
