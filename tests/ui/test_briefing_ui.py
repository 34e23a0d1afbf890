"""Briefings as files: the PDF (with charts) and the workbook (with native charts) in Chinese,
and the dialog that writes them from the window; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from desktop.analysis import Anomaly
from desktop.briefing import Briefing, collect
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from tests.ui.language import ui_language
from ui.briefing import anomaly_sentence, render_charts, write_outputs
from ui.briefing_dialog import BriefingDialog
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    with ui_language(qapp, "zh_CN"):
        yield


def _briefing(engine: Engine) -> Briefing:
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    end = utcnow()
    return collect(sessions, actor, end - dt.timedelta(days=45), end, kind="half_month")


def _pdf_text(path: Path) -> tuple[int, str]:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    text = "".join(doc.getAllText(i).text() for i in range(doc.pageCount()))
    pages = doc.pageCount()
    doc.close()
    # Text taken back out of a PDF maps some CJK glyphs to their compatibility forms (⽉ for 月).
    return pages, unicodedata.normalize("NFKC", text)


def test_pdf_and_workbook_in_chinese(demo_engine: Engine, chinese: None, tmp_path: Path) -> None:
    b = _briefing(demo_engine)
    charts = render_charts(b)
    assert set(charts) == {"trend", "shares", "funnel"}
    assert all(img.width() == 1400 and img.height() == 560 for img in charts.values())
    pdf, xlsx = write_outputs(b, charts, [tmp_path / "b.pdf", tmp_path / "b.xlsx"])
    pages, text = _pdf_text(pdf)
    assert pages >= 2
    compact = "".join(text.split())
    for words in ("研判简报（半月报）", "一、总体情况", "三、小事不出村、大事不出镇", "八、研判建议"):
        assert unicodedata.normalize("NFKC", words) in compact, words
    assert f"受理案件{b.headline.reported}" in compact
    wb = load_workbook(xlsx)
    assert wb.sheetnames[:3] == ["概况", "趋势", "各镇街趋势"]
    overview = {row[0]: row[1] for row in wb["概况"].iter_rows(min_row=5, max_row=12, values_only=True)}
    assert overview["受理案件"] == b.headline.reported
    assert overview["其中超期"] == b.headline.overdue_at_end
    assert len(wb["趋势"]._charts) == 1 and len(wb["分级化解"]._charts) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf", "b.xlsx"]


def test_user_text_in_a_briefing_is_not_markup(demo_engine: Engine, tmp_path: Path) -> None:
    """A town or an anomaly sentence is data: markup in it must show as typed in the PDF."""
    from dataclasses import replace

    from ui.briefing import briefing_html

    b = _briefing(demo_engine)
    b = replace(b, scope="<b>石岭镇</b>")
    assert "&lt;b&gt;石岭镇&lt;/b&gt;" in briefing_html(b) and "<b>石岭镇" not in briefing_html(b)


def test_the_dialog_writes_the_chosen_period(
    demo_engine: Engine, chinese: None, qtbot: QtBot, tmp_path: Path
) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    runner = TaskRunner()
    dialog = BriefingDialog(sessions, actor, runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.custom.setChecked(True)
    dialog.date_from.setDate(dialog.date_from.date().addMonths(-2))
    dialog.folder.setText(str(tmp_path))
    dialog.xlsx.setChecked(False)
    with qtbot.waitSignal(dialog.written, timeout=60000) as written:
        dialog.generate.click()
    (path,) = written.args[0]
    assert Path(path).parent == tmp_path and path.endswith(".pdf") and "研判简报-" in path
    assert [p.name for p in tmp_path.iterdir()] == [Path(path).name]
    runner.wait(10000)


def test_the_dialog_refuses_a_missing_folder_and_writes_nothing(
    demo_engine: Engine, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: said.append(text))
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    dialog = BriefingDialog(sessions, actor, TaskRunner())
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "nowhere"))
    dialog.generate.click()
    assert said and "nowhere" in said[0]
    dialog.folder.setText(str(tmp_path))
    dialog.pdf.setChecked(False)
    dialog.xlsx.setChecked(False)
    dialog.generate.click()
    assert len(said) == 2
    assert list(tmp_path.iterdir()) == []


def _anomaly(observed: int, expected: float, p: float) -> Anomaly:
    now = utcnow()
    return Anomaly(1, "甲镇", "land", "dispute", observed, expected, 8, p, now, now, 8)


def test_a_warning_is_worded_from_its_figures(qapp: QApplication) -> None:
    assert anomaly_sentence(_anomaly(8, 1.0, 1e-5)) == (
        "甲镇 reported 8 cases of land disputes in the last 7 days, against 1.0 a week on average in the "
        "8 weeks before, 8.0 times the usual; at the usual rate the chance of so many is less than one "
        "in a thousand. Worth watching."
    )


def test_a_warning_reads_in_chinese_as_briefings_always_said_it(chinese: None) -> None:
    assert anomaly_sentence(_anomaly(8, 1.0, 1e-5)) == (
        "甲镇近7天上报土地纠纷8件，前8周平均每周1.0件，是平时的8.0倍；按以往发生率出现这么多的概率不足千分之一，建议关注。"
    )
    assert anomaly_sentence(_anomaly(3, 0.0, 0.0123)) == (
        "甲镇近7天上报土地纠纷3件，前8周平均每周0.0件，此前未见此类案件；按以往发生率出现这么多的概率约1.2%，建议关注。"
    )
