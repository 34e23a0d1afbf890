"""The village work pane in Chinese: its three tabs read the demo city in the user's scope, forms
refuse bad input with the reason in Chinese and store nothing, an issue raised at a village day
becomes a case and shows the link, and a reader's buttons are off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from db.models import Errand, Reception, RiskAssessment, VillageDay, VillageIssue
from db.session import make_sessionmaker
from db.vocab import Role
from desktop import villagedays as vd
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService
from desktop.clock import to_local
from tests.ui.language import ui_language
from ui.tasks import TaskRunner
from ui.villagework.common import WorkForm
from ui.villagework.pane import VillageWorkPane

WAIT = 20000
DISPATCHER = Actor(1, Role.DISPATCHER, name="调度员")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    with ui_language(qapp, "zh_CN"):
        yield


@pytest.fixture
def runners(demo_engine: Engine) -> Iterator[list[TaskRunner]]:
    """The panes' runners, drained before the database goes: no read outlives its engine."""
    made: list[TaskRunner] = []
    yield made
    for runner in made:
        runner.wait(WAIT)


def _pane(qtbot: QtBot, engine: Engine, actor: Actor, runners: list[TaskRunner]) -> VillageWorkPane:
    sessions = make_sessionmaker(engine)
    runner = TaskRunner()
    runners.append(runner)
    pane = VillageWorkPane(sessions, CaseService(sessions), actor, runner)
    runner.setParent(pane)
    qtbot.addWidget(pane)
    pane.resize(900, 800)
    pane.show()
    _wait(qtbot, pane)
    return pane


def _wait(qtbot: QtBot, pane: VillageWorkPane) -> None:
    qtbot.waitUntil(lambda: pane.loaded_once and not pane.is_loading() and bool(pane.towns), timeout=WAIT)


def _field(dialog: WorkForm, label: str) -> object:
    for row in range(dialog.form.rowCount()):
        item = dialog.form.itemAt(row, dialog.form.ItemRole.LabelRole)
        if item is not None and item.widget() is not None and item.widget().text() == label:  # type: ignore[attr-defined]
            field = dialog.form.itemAt(row, dialog.form.ItemRole.FieldRole)
            assert field is not None
            return field.widget()
    raise AssertionError(f"no field {label!r}")


def _submit_and_wait(qtbot: QtBot, dialog: WorkForm) -> None:
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT)


def _count(engine: Engine, model: object) -> int:
    with make_sessionmaker(engine)() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


def test_three_tabs_in_chinese_read_the_city(
    qtbot: QtBot, demo_engine: Engine, chinese: None, runners: list[TaskRunner]
) -> None:
    pane = _pane(qtbot, demo_engine, DISPATCHER, runners)
    assert [pane.tabs.tabText(i) for i in range(3)] == ["三日合一与接访", "稳定风险评估", "代办服务"]
    assert pane.town_combo.itemText(0) == "全部镇街" and pane.town_combo.isEnabled()
    # Last month: village days held in the demo, with their Chinese labels.
    pane.shift_month(-1)
    _wait(qtbot, pane)
    assert pane.day_tree.topLevelItemCount() == len(pane.entries) > 10
    whats = {pane.day_tree.topLevelItem(i).text(1) for i in range(pane.day_tree.topLevelItemCount())}  # type: ignore[union-attr]
    assert whats & {"三日合一", "群众工作日"} and whats & {"领导接访", "领导约访"}
    assert "活动" in pane.status.text() and "领导接访" in pane.status.text()

    pane.tabs.setCurrentIndex(1)
    _wait(qtbot, pane)
    assert pane.risk_tree.topLevelItemCount() == len(pane.assessments) >= 5
    decisions = {pane.risk_tree.topLevelItem(i).text(4) for i in range(pane.risk_tree.topLevelItemCount())}  # type: ignore[union-attr]
    assert {"停止实施", "评估中"} <= decisions
    assert "叫停 1 项" in pane.status.text()

    pane.tabs.setCurrentIndex(2)
    _wait(qtbot, pane)
    assert pane.count_tree.topLevelItemCount() >= 30  # one row per town with "all towns"
    assert sum(c.total for c in pane.counts) == _count(demo_engine, Errand)
    pane.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: not pane.is_loading() and all(r.overdue for r in pane.errand_rows), timeout=WAIT)
    assert pane.errand_rows and "已超期" in pane.errand_tree.topLevelItem(0).text(4)  # type: ignore[union-attr]
    pane.errand_tree.setCurrentItem(pane.errand_tree.topLevelItem(0))
    assert all(b.isEnabled() for b in pane.errand_status_buttons)  # an open errand moves on
    pane.overdue_only.setChecked(False)
    qtbot.waitUntil(
        lambda: not pane.is_loading() and any(r.status == "done" for r in pane.errand_rows), timeout=WAIT
    )
    done = next(i for i, r in enumerate(pane.errand_rows) if r.status == "done")
    pane.errand_tree.setCurrentItem(pane.errand_tree.topLevelItem(done))
    assert not any(b.isEnabled() for b in pane.errand_status_buttons)


def test_bad_errand_is_refused_in_chinese_and_nothing_is_stored(
    qtbot: QtBot, demo_engine: Engine, chinese: None, runners: list[TaskRunner]
) -> None:
    pane = _pane(qtbot, demo_engine, DISPATCHER, runners)
    pane.tabs.setCurrentIndex(2)
    _wait(qtbot, pane)
    before = _count(demo_engine, Errand)
    dialog = pane.new_errand()
    assert dialog.windowTitle() == "登记代办事项"
    # The matter's usual office and documents are filled in.
    office = _field(dialog, "承办科室")
    assert isinstance(office, QLineEdit) and office.text()
    _submit_and_wait(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text() == "请填写申请人。"
    applicant, handler = _field(dialog, "申请人"), _field(dialog, "经办人")
    assert isinstance(applicant, QLineEdit) and isinstance(handler, QLineEdit)
    applicant.setText("李桂兰")
    handler.setText("张敏")
    promised = _field(dialog, "承诺办结日期")
    promised.setDate(promised.date().addDays(-30))  # type: ignore[attr-defined]
    _submit_and_wait(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text() == "承诺办结日期不能早于受理日期。"
    assert _count(demo_engine, Errand) == before

    promised.setDate(promised.date().addDays(40))  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        dialog.buttons.accepted.emit()
    assert _count(demo_engine, Errand) == before + 1
    qtbot.waitUntil(lambda: any(r.applicant == "李桂兰" for r in pane.errand_rows), timeout=WAIT)


def test_no_decision_before_the_steps(
    qtbot: QtBot, demo_engine: Engine, chinese: None, runners: list[TaskRunner]
) -> None:
    pane = _pane(qtbot, demo_engine, DISPATCHER, runners)
    pane.tabs.setCurrentIndex(1)
    _wait(qtbot, pane)
    undecided = next(i for i, a in enumerate(pane.assessments) if a.decision is None)
    pane.risk_tree.setCurrentItem(pane.risk_tree.topLevelItem(undecided))
    assert "作出决策前还需完成" in pane.risk_detail.text()
    aid = pane.assessments[undecided].id
    dialog = pane.decide()
    assert dialog is not None
    who = _field(dialog, "决策人")
    assert isinstance(who, QLineEdit)
    who.setText("王副市长")
    _submit_and_wait(qtbot, dialog)
    assert dialog.isVisible() and dialog.error.text().startswith("评估步骤尚未完成，不能作出决策：还缺")
    with make_sessionmaker(demo_engine)() as s:
        row = s.get(RiskAssessment, aid)
        assert row is not None and row.decision is None and row.risk_level is None
    dialog.reject()


def test_an_issue_at_a_village_day_becomes_a_case(
    qtbot: QtBot, demo_engine: Engine, chinese: None, runners: list[TaskRunner]
) -> None:
    pane = _pane(qtbot, demo_engine, DISPATCHER, runners)
    pane.shift_month(-1)
    _wait(qtbot, pane)
    index = next(i for i, e in enumerate(pane.entries) if e.what == "day" and e.status == "held")
    entry = pane.entries[index]
    assert pane.select_entry("day", entry.id)
    dialog = pane.raise_issue()
    assert dialog is not None
    content, raised_by, becomes, category = (
        _field(dialog, "问题"),
        _field(dialog, "反映人"),
        _field(dialog, "处理方式"),
        _field(dialog, "类别"),
    )
    assert isinstance(content, QPlainTextEdit) and isinstance(raised_by, QLineEdit)
    assert isinstance(becomes, QComboBox) and isinstance(category, QComboBox)
    before = _count(demo_engine, VillageIssue)
    _submit_and_wait(qtbot, dialog)  # nothing typed
    assert dialog.error.text() == "请填写反映的问题。" and _count(demo_engine, VillageIssue) == before
    content.setPlainText("村南两户因宅基地界址争执")
    raised_by.setText("李四")
    becomes.setCurrentIndex(becomes.findData(True))
    category.setCurrentIndex(category.findData("land"))
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.buttons.accepted.emit()
    result = saved.args[0]
    assert isinstance(result, vd.RaisedIssue) and result.case_number
    _wait(qtbot, pane)
    assert pane.select_entry("day", entry.id)
    qtbot.waitUntil(lambda: pane.issue_tree.topLevelItemCount() > 0, timeout=WAIT)
    texts = [pane.issue_tree.topLevelItem(i).text(2) for i in range(pane.issue_tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert f"案件 {result.case_number}" in texts


def test_town_staff_see_their_town_and_readers_cannot_write(
    qtbot: QtBot, demo_engine: Engine, chinese: None, runners: list[TaskRunner]
) -> None:
    with make_sessionmaker(demo_engine)() as s:
        town = int(s.scalar(select(VillageDay.town_id).order_by(VillageDay.id).limit(1)) or 0)
    staff = Actor(2, Role.TOWN_STAFF, town_id=town, name="镇干部")
    pane = _pane(qtbot, demo_engine, staff, runners)
    assert pane.town_combo.count() == 1 and not pane.town_combo.isEnabled()
    pane.shift_month(-1)
    _wait(qtbot, pane)
    assert pane.entries and {e.town_id for e in pane.entries} == {town}
    pane.tabs.setCurrentIndex(2)
    _wait(qtbot, pane)
    assert len(pane.counts) >= 1 and all(r.town_id == town for r in pane.errand_rows)

    auditor = _pane(qtbot, demo_engine, Actor(3, Role.AUDITOR, name="审计"), runners)
    assert auditor.write_buttons and not any(b.isEnabled() for b in auditor.write_buttons)
    assert auditor.write_buttons[0].toolTip() == "您的角色只能查看，不能登记或修改。"


def test_a_reception_at_the_selected_village_day(
    qtbot: QtBot, demo_engine: Engine, chinese: None, runners: list[TaskRunner]
) -> None:
    pane = _pane(qtbot, demo_engine, DISPATCHER, runners)
    pane.shift_month(1)  # next month: planned days only
    _wait(qtbot, pane)
    entry = next(e for e in pane.entries if e.what == "day")
    assert pane.select_entry("day", entry.id)
    dialog = pane.new_reception()
    village = _field(dialog, "村（社区）")
    assert isinstance(village, QComboBox)
    qtbot.waitUntil(lambda: village.currentData() == entry.village_id, timeout=WAIT)
    leader, topic, visitors = (
        _field(dialog, "接访领导"),
        _field(dialog, "接访事由"),
        _field(dialog, "来访群众"),
    )
    assert isinstance(leader, QLineEdit) and isinstance(topic, QLineEdit) and isinstance(visitors, QLineEdit)
    leader.setText("镇党委书记 刘建国")
    topic.setText("村内道路硬化")
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        dialog.buttons.accepted.emit()
    with make_sessionmaker(demo_engine)() as s:
        row = s.get(Reception, saved.args[0])
        assert row is not None
        assert (row.village_day_id, row.village_id, row.town_id) == (
            entry.id,
            entry.village_id,
            entry.town_id,
        )
        assert to_local(row.starts_at).date() == entry.day
