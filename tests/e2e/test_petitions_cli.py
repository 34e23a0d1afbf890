"""`main.py petitions import|export` as an operator runs it, on both engines: a file with a bad
row is refused with the Chinese row report and stores nothing; an export imports back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Petition
from db.session import make_engine

ROOT = Path(__file__).resolve().parents[2]


def concord(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(Petition)) or 0)
    finally:
        engine.dispose()


def test_import_refuses_a_bad_file_and_export_round_trips(demo_url: str, tmp_path: Path) -> None:
    before = _count(demo_url)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "信访件编号,登记日期,信访人,登记层级,信访方式,事项类别,信访事项,所属镇街\n"
        "C-1,2026-01-05,张三,省,来访,土地,征地补偿,石岭镇\n"
        "C-2,2026-02-30,李四,镇,来访,土地,征地补偿,石岭镇\n",
        encoding="utf-8",
    )
    done = concord("--db", demo_url, "petitions", "import", str(bad))
    assert done.returncode == 2
    assert "第 3 行（C-2）：登记日期“2026-02-30”格式错误" in done.stdout and "未保存任何数据" in done.stdout
    assert _count(demo_url) == before

    out = tmp_path / "all.json"
    done = concord("--db", demo_url, "petitions", "export", str(out))
    assert done.returncode == 0, done.stderr
    assert f"{before} petition(s)" in done.stdout
    done = concord("--db", demo_url, "petitions", "import", str(out), "--dry-run")
    assert done.returncode == 0 and f"有效 {before} 行" in done.stdout and "试导入" in done.stdout
    done = concord("--db", demo_url, "petitions", "import", str(bad), "--valid-only")
    assert done.returncode == 2 and "已保存 1 件" in done.stdout
    assert _count(demo_url) == before + 1
    done = concord("--db", demo_url, "petitions", "export", str(tmp_path / "x.txt"))
    assert done.returncode == 2 and ".csv 或 .json" in done.stderr


@pytest.mark.one_engine  # layout, not the database
def test_the_petitions_panel_fits_a_1280_pixel_screen(demo_url: str, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "petitions.png"
    args = ("--db", demo_url, "screenshot", str(out), "--panel", "petitions", "--size", "1280x800")
    done = concord(*args, "--lang", "zh_CN")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
