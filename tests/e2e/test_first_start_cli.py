"""The screenshot command on a fresh profile (no settings, no database) never stops at the first
start's choice (ui.first_run): it renders the embedded demo as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_screenshot_on_a_fresh_profile_does_not_ask(tmp_path: Path) -> None:
    env = os.environ | {"XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("CONCORD_DB_URL", None)
    out = tmp_path / "fresh.png"
    shot = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "screenshot", str(out), "--size", "1280x800"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert shot.returncode == 0, shot.stderr
    assert QImage(str(out)).size().toTuple() == (1280, 800)
    assert (tmp_path / "data" / "concord" / "concord.db").exists()  # the demo, without a question
