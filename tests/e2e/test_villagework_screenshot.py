"""The village work pane renders in the real window (main.py screenshot --panel villagework) at an
office PC's 1280×800 without forcing the window wider."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.test_screenshot import ROOT, _distinct_colours


@pytest.mark.one_engine  # layout, not the database
def test_villagework_panel_renders(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "villagework.png"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", demo_url, "screenshot", str(out)]
        + ["--panel", "villagework", "--size", "1280x800", "--lang", "zh_CN"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert _distinct_colours(image) > 20
