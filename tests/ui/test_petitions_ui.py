"""The 信访 pane, its import dialog and forms, and the responsibility trace with its PDF, in
Chinese: what the user sees, that bad input is refused with a Chinese message and stores
nothing, and that the PDF holds the trace's text."""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from shiboken6 import isValid
from sqlalchemy import Engine, func, select

from db.models import Case, Petition, SpotCheck, SupervisionOrder, Town
from db.session import make_sessionmaker
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService, actor_for
from tests.ui.language import ui_language
from ui.cases.trace_dialog import TraceDialog
from ui.main_window import AppContext, MainWindow  # first: it registers the map's URL schemes
from ui.petitions_pane import PetitionsPane
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 20000


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    with ui_language(qapp, "zh_CN"):
        yield


RUNNERS: list[TaskRunner] = []


@pytest.fixture(autouse=True)
def _runners_done() -> Iterator[None]:
    """Background reads still running when a test ends would hold a connection of a database the
    fixtures drop: wait for every runner the test made."""
    yield
    while RUNNERS:
        made = RUNNERS.pop()
        if isValid(made):
            made.wait(20000)
    gc.collect()  # a connection left open would warn here, in this test, not in a later one


def _runner() -> TaskRunner:
    made = TaskRunner()
    RUNNERS.append(made)
    return made


def _actor(engine: Engine, user: str = "dispatcher") -> Actor:
    with make_sessionmaker(engine)() as s:
        return actor_for(s, user)


def _pane(qtbot: QtBot, engine: Engine, actor: Actor) -> PetitionsPane:
    runner = _runner()
    pane = PetitionsPane(make_sessionmaker(engine), actor, runner)
    runner.setParent(pane)
    qtbot.addWidget(pane)
    pane.resize(1200, 800)
    pane.show()
    qtbot.waitUntil(lambda: pane.loaded_once and not pane.is_loading(), timeout=WAIT)
    return pane


def _count(engine: Engine, model: type) -> int:
    with make_sessionmaker(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_the_pane_lists_flagged_petitions_in_chinese(
    qtbot: QtBot, demo_engine: Engine, chinese: None
) -> None:
    pane = _pane(qtbot, demo_engine, _actor(demo_engine))
    assert [pane.tabs.tabText(i) for i in range(4)] == ["信访件", "同比", "明查暗访", "民意调查"]
    headers = [pane.table.horizontalHeaderItem(i).text() for i in range(pane.table.columnCount())]
    assert headers[:4] == ["编号", "日期", "标记", "信访人"]
    assert pane.table.rowCount() == len(pane.rows) > 0
    assert "重复访" in pane.summary.text() and "越级访" in pane.summary.text()
    pane.flag_box.setCurrentIndex(pane.flag_box.findData("skipping"))
    shown = pane.table.rowCount()
    assert 0 < shown < len(pane.rows)
    assert all("越级访" in pane.table.item(r, 2).text() for r in range(shown))
    assert pane.table.item(0, 4).text() in {"县（市）", "省", "国家"}
    # The year-on-year table ends with the total; spot checks and polls are listed.
    assert pane.yoy_table.item(pane.yoy_table.rowCount() - 1, 0).text() == "合计"
    assert "同比" in pane.yoy_summary.text()
    assert pane.checks_table.rowCount() > 0 and "整改逾期" in pane.checks_summary.text()
    assert pane.polls_table.rowCount() > 0 and pane.polls_table.item(0, 7).text().endswith("%")
    town = pane.polls[0].town if pane.polls[0].town_id is not None else pane.polls[1].town
    pane.polls_town.setCurrentIndex(pane.polls_town.findText(town))
    qtbot.waitUntil(lambda: not pane.is_loading() and {p.town for p in pane.polls} == {town}, timeout=WAIT)
    assert pane.polls_table.item(0, 1).text() == town


def test_a_bad_import_is_reported_row_by_row_and_stores_nothing(
    qtbot: QtBot, demo_engine: Engine, chinese: None, tmp_path: Path
) -> None:
    pane = _pane(qtbot, demo_engine, _actor(demo_engine))
    with make_sessionmaker(demo_engine)() as s:
        town = s.scalar(select(Town.name).order_by(Town.id).limit(1))
    path = tmp_path / "in.csv"
    path.write_text(
        "信访件编号,登记日期,信访人,登记层级,信访方式,事项类别,信访事项,所属镇街\n"
        f"U-1,2026-01-05,张三,省,来访,土地,征地补偿,{town}\n"
        "U-2,2026-01-06,李四,火星,来访,土地,征地补偿,无此镇\n",
        encoding="utf-8",
    )
    before = _count(demo_engine, Petition)
    dialog = pane.open_import()
    dialog.choose(str(path))
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.busy, timeout=WAIT)
    report = dialog.report_view.toPlainText()
    assert (
        "第 3 行（U-2）" in report and "登记层级“火星”无法识别" in report and "镇街“无此镇”不存在" in report
    )
    assert "试导入" in report
    assert not dialog.import_button.isEnabled() and dialog.valid_only_button.isEnabled()
    assert _count(demo_engine, Petition) == before
    dialog.run(valid_only=True)
    qtbot.waitUntil(
        lambda: not dialog.busy and dialog.report is not None and dialog.report.stored == 1, timeout=WAIT
    )
    assert "已保存 1 件" in dialog.report_view.toPlainText()
    assert _count(demo_engine, Petition) == before + 1
    qtbot.waitUntil(lambda: any(r.number == "U-1" for r in pane.rows), timeout=WAIT)
    dialog.close()


def test_the_spot_check_form_refuses_in_chinese_then_saves(
    qtbot: QtBot, demo_engine: Engine, chinese: None
) -> None:
    pane = _pane(qtbot, demo_engine, _actor(demo_engine))
    before = _count(demo_engine, SpotCheck)
    form = pane.open_check_form()
    qtbot.waitUntil(lambda: form.unit.count() > 0, timeout=WAIT)
    form.rectification.setPlainText("限期整改")
    form.save()
    qtbot.waitUntil(lambda: bool(form.error.text()), timeout=WAIT)
    assert "请填写检查单位或检查人" in form.error.text() and "整改期限" in form.error.text()
    assert _count(demo_engine, SpotCheck) == before
    form.checker.setText("市群众工作部暗访组 王某")
    form.has_deadline.setChecked(True)
    with qtbot.waitSignal(form.saved, timeout=WAIT):
        form.save()
    assert _count(demo_engine, SpotCheck) == before + 1
    qtbot.waitUntil(lambda: len(pane.checks) == before + 1, timeout=WAIT)
    # The new check is the newest; its rectification is recorded as done from the list.
    pane.checks_table.selectRow(0)
    assert pane.selected_check() is not None and pane.rectified_button.isEnabled()
    assert pane.rectified_button.text() == "标记已整改"
    pane.mark_rectified()
    qtbot.waitUntil(lambda: not pane.is_loading() and pane.checks[0].rectified, timeout=WAIT)
    assert pane.checks_table.item(0, 8).text() == "是" and not pane.rectified_button.isEnabled()


def test_the_trace_dialog_shows_the_trace_and_writes_a_pdf(
    qtbot: QtBot, demo_engine: Engine, chinese: None, tmp_path: Path
) -> None:
    with make_sessionmaker(demo_engine)() as s:
        case_id = s.scalar(select(SupervisionOrder.case_id).order_by(SupervisionOrder.id).limit(1))
    assert case_id is not None
    runner = _runner()
    dialog = TraceDialog(make_sessionmaker(demo_engine), _actor(demo_engine), runner, case_id)
    runner.setParent(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.trace is not None, timeout=WAIT)
    shown = dialog.view.toPlainText()
    assert "责任倒查" in shown and "案件持有情况" in shown and "督办情况" in shown
    assert dialog.trace is not None and dialog.trace.number in shown
    out = dialog.export_pdf(str(tmp_path / "trace.pdf"))
    assert out is not None and out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000
    doc = QPdfDocument()
    assert doc.load(str(out)) == QPdfDocument.Error.None_
    text = unicodedata.normalize("NFKC", "".join(doc.getAllText(i).text() for i in range(doc.pageCount())))
    doc.close()
    assert "责任倒查" in text and dialog.trace.number in text
    assert not (tmp_path / "trace.pdf.part").exists()


def test_the_trace_of_a_case_outside_the_users_town_is_refused(
    qtbot: QtBot, demo_engine: Engine, chinese: None
) -> None:
    with make_sessionmaker(demo_engine)() as s:
        order = s.scalars(select(SupervisionOrder).order_by(SupervisionOrder.id).limit(1)).one()
        case = s.get(Case, order.case_id)
        assert case is not None
        other = s.scalar(select(Town.id).where(Town.id != case.town_id).limit(1))
    runner = _runner()
    dialog = TraceDialog(
        make_sessionmaker(demo_engine), _actor(demo_engine, f"town{other:02d}"), runner, order.case_id
    )
    runner.setParent(dialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.error), timeout=WAIT)
    assert f"案件 {order.case_id} 不存在，或您无权查看" in dialog.view.toPlainText()
    assert not dialog.pdf_button.isEnabled()


def test_the_window_has_the_petitions_tab_and_the_trace_in_the_cases_menu(
    qtbot: QtBot, demo_engine: Engine, chinese: None, tmp_path: Path
) -> None:
    sessions = make_sessionmaker(demo_engine)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(demo_engine, sessions, _actor(demo_engine), CaseService(sessions), settings, "test db")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    try:
        assert win.petitions_dock.windowTitle() == "信访"
        assert win.trace_action.text() == "所选案件的责任倒查…"
        cases_menu = next(a.menu() for a in win.menuBar().actions() if a.text() == "案件(&C)")
        assert win.trace_action in cases_menu.actions()
        assert win.open_trace() is None  # no case selected: a word in the status bar, no dialog
        with sessions() as s:
            case_id = s.scalar(select(Case.id).order_by(Case.id).limit(1))
        dialog = win.open_trace(case_id)
        assert dialog is not None
        qtbot.waitUntil(lambda: dialog.trace is not None, timeout=WAIT)
        assert dialog.trace is not None and dialog.trace.case_id == case_id
        dialog.close()
    finally:
        win.live.stop()
        win.runner.wait(10000)
