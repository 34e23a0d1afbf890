"""`main.py briefing` as an operator (or cron) runs it: the files, the refusals, on both engines."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]


def concord(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_briefing_writes_pdf_and_workbook(demo_url: str, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "周报.pdf", tmp_path / "周报.xlsx"
    done = concord("--db", demo_url, "briefing", "--period", "week", "--out", str(pdf), "--out", str(xlsx))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(pdf), str(xlsx)]
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    assert load_workbook(xlsx).sheetnames[0] == "概况"


def test_briefing_for_dates_as_a_town_user(demo_url: str, tmp_path: Path) -> None:
    out = tmp_path / "town.xlsx"
    done = concord(
        "--db",
        demo_url,
        "briefing",
        "--from",
        "2026-10-01",
        "--to",
        "2026-11-30",
        "--user",
        "town01",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    title = load_workbook(out)["概况"]["A1"].value
    assert "2026-10-01 至 2026-11-30" in title and "全市" not in title


def test_bad_requests_are_refused_and_write_nothing(demo_url: str, tmp_path: Path) -> None:
    cases = [
        (["--out", str(tmp_path / "b.doc")], "pdf 或 .xlsx"),
        (["--from", "2026-11-30", "--to", "2026-11-01", "--out", str(tmp_path / "b.pdf")], "晚于"),
        (["--out", str(tmp_path / "missing" / "b.pdf")], "不存在"),
        (["--user", "nobody", "--out", str(tmp_path / "b.pdf")], "nobody"),
    ]
    for extra, words in cases:
        done = concord("--db", demo_url, "briefing", *extra)
        assert done.returncode == 2, (extra, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr, (extra, done.stderr)
    assert list(tmp_path.iterdir()) == []
