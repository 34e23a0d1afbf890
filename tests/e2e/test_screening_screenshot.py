"""The screening tab renders in the real window (main.py screenshot --panel screening), in
Chinese, without forcing the window wider than a 1280-pixel screen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.e2e.test_screenshot import ROOT, _distinct_colours


@pytest.mark.one_engine  # layout, not the database
@pytest.mark.parametrize(("panel", "size"), [("screening", "1280x800"), ("screening-rounds", "1600x1000")])
def test_screening_panels_render(demo_url: str, tmp_path: Path, panel: str, size: str) -> None:
    out = tmp_path / f"{panel}.png"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", demo_url, "screenshot", str(out)]
        + ["--panel", panel, "--size", size, "--lang", "zh_CN"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    width, height = (int(v) for v in size.split("x"))
    assert (image.width(), image.height()) == (width, height)
    assert _distinct_colours(image) > 20
