"""Dialogs take their defaults from the case (issue 16): a supervision order goes to the case's
town, an action item to the agenda case's routed department; and the timeline shows the reason
recorded with each escalation, return or supervision under its row."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QComboBox, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import Case, CaseDepartment, CategoryRoute, Department, Town
from db.session import make_sessionmaker
from db.vocab import Action
from desktop.cases.defaults import routed_departments
from desktop.cases.service import ActionRequest, CaseService, actor_for
from desktop.meetings.reads import MeetingDetail
from tests.ui.language import ui_language
from ui.cases import panel as case_panel_module
from ui.cases.panel import CasePanel, SupervisionDialog
from ui.meetings.dialogs import MinutesDialog
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


def _open_case(engine: Engine) -> tuple[int, int]:
    with make_sessionmaker(engine)() as s:
        # A town other than the first in pinyin order: the default cannot be the combo's first row.
        first_town = s.scalars(select(Town.id).order_by(Town.pinyin)).first()
        row = s.execute(
            select(Case.id, Case.town_id)
            .where(Case.status.in_(["accepted", "in_progress"]), Case.town_id != first_town, Case.level < 3)
            .order_by(Case.id)
        ).first()
        assert row is not None
        return int(row.id), int(row.town_id)


def test_a_supervision_order_defaults_to_the_cases_town(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    case_id, town_id = _open_case(demo_engine)
    with sessions() as s:
        leader = actor_for(s, "leader")
    plain = SupervisionDialog(sessions, leader, None)  # type: ignore[arg-type]
    qtbot.addWidget(plain)
    assert tuple(plain.unit_combo.currentData()) != ("town", town_id)
    runner = TaskRunner()
    panel = CasePanel(sessions, CaseService(sessions), leader, runner)
    qtbot.addWidget(panel)
    panel.set_case(case_id)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=WAIT)
    assert panel.detail is not None and panel.detail.town_id == town_id
    seen: list[tuple[int | None, int | None]] = []

    def fake_exec(dialog: SupervisionDialog) -> int:
        seen.append(dialog.unit())
        return int(QDialog.DialogCode.Rejected)

    original = case_panel_module.SupervisionDialog.exec
    case_panel_module.SupervisionDialog.exec = fake_exec  # type: ignore[method-assign,assignment]
    try:
        panel.issue_supervision()
    finally:
        case_panel_module.SupervisionDialog.exec = original  # type: ignore[method-assign]
    assert seen == [(town_id, None)]
    runner.wait(WAIT)


def test_routed_department_of_agenda_cases(demo_engine: Engine) -> None:
    with make_sessionmaker(demo_engine)() as s:
        rows = s.execute(select(CaseDepartment.case_id, CaseDepartment.department_id)).all()
        assert rows
        case_id = rows[0].case_id
        deps = sorted(s.scalars(select(Department.id)).all())
        # Two departments on one case; the category's route picks one of them.
        extra = next(d for d in deps if d != rows[0].department_id)
        s.add(CaseDepartment(case_id=case_id, department_id=extra))
        category = s.scalar(select(Case.category).where(Case.id == case_id))
        route = s.get(CategoryRoute, category)
        if route is None:
            s.add(CategoryRoute(category=category, department_id=extra))
        else:
            route.department_id = extra
        s.commit()
        unassigned = s.scalar(select(Case.id).where(~Case.id.in_(select(CaseDepartment.case_id))).limit(1))
        found = routed_departments(s, [case_id, unassigned, None])
    assert found == {case_id: extra}


def _detail(agenda: list[dict[str, object]]) -> MeetingDetail:
    return MeetingDetail(
        id=1,
        title="协调会",
        status="scheduled",
        status_reason="",
        starts_at=dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC),
        duration_min=60,
        room_id=None,
        room="",
        video_link="",
        convener="",
        convener_user_id=None,
        agenda=agenda,  # type: ignore[arg-type]
    )


def test_an_action_item_defaults_to_the_agenda_cases_department(qtbot: QtBot) -> None:
    agenda = [
        {
            "id": 11,
            "position": 1,
            "case_id": 5,
            "number": "PD-1",
            "title": "甲",
            "minutes": "",
            "department_id": 3,
        },
        {
            "id": 12,
            "position": 2,
            "case_id": 6,
            "number": "PD-2",
            "title": "乙",
            "minutes": "",
            "department_id": 2,
        },
        {
            "id": 13,
            "position": 3,
            "case_id": 7,
            "number": "PD-3",
            "title": "丙",
            "minutes": "",
            "department_id": None,
        },
    ]
    dialog = MinutesDialog(_detail(agenda), [(1, "司法局"), (2, "住建局"), (3, "人社局")], None)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)

    def cell(row: int, col: int) -> QComboBox:
        widget = dialog.action_items.cellWidget(row, col)
        assert isinstance(widget, QComboBox)
        return widget

    dialog.add_action("补发工资", agenda_row=1)
    assert cell(0, 1).currentData() == 3
    dialog.add_action("核查", department_id=1, agenda_row=2)  # the caller's choice wins
    assert cell(1, 1).currentData() == 1
    dialog.add_action("另议")
    assert cell(2, 1).currentData() == 1  # whole meeting: no case, the first department
    cell(2, 3).setCurrentIndex(2)  # the second agenda item picked afterwards
    assert cell(2, 1).currentData() == 2
    cell(2, 3).setCurrentIndex(3)  # a case routed nowhere leaves the choice alone
    assert cell(2, 1).currentData() == 2


def test_the_timeline_shows_reasons_under_their_rows(qtbot: QtBot, qapp: object, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    case_id, _town = _open_case(demo_engine)
    service = CaseService(sessions)
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
        version = s.scalar(select(Case.version).where(Case.id == case_id))
    reason = "当事人情绪激动，双方分歧较大，需上级协调有关部门共同化解，防止矛盾激化"
    service.act(case_id, ActionRequest(Action.ESCALATE, version, reason=reason), dispatcher)
    with ui_language(qapp, "zh_CN"):
        runner = TaskRunner()
        panel = CasePanel(sessions, service, dispatcher, runner)
        qtbot.addWidget(panel)
        panel.set_case(case_id)
        qtbot.waitUntil(lambda: panel.detail is not None, timeout=WAIT)
        rows = [panel.timeline.topLevelItem(i) for i in range(panel.timeline.topLevelItemCount())]
        (escalation,) = [r for r in rows if r.text(4) == reason]
        assert escalation.childCount() == 1 and escalation.isExpanded()
        note = escalation.child(0)
        assert note.isFirstColumnSpanned()
        assert "".join(line.strip() for line in note.text(0).split("\n")) == f"理由：{reason}"
        # Narrow, it wraps to the view's width; wide again, it is one line.
        panel.tabs.setCurrentIndex(1)
        panel.resize(300, 600)
        panel.show()
        qtbot.waitUntil(lambda: note.text(0).count("\n") >= 1, timeout=WAIT)
        width = panel.timeline.viewport().width()
        metrics = panel.timeline.fontMetrics()
        assert all(metrics.horizontalAdvance(line) <= width for line in note.text(0).split("\n"))
        panel.resize(1200, 600)
        qtbot.waitUntil(lambda: "\n" not in note.text(0), timeout=WAIT)
        assert escalation.toolTip(4) == reason
        # Rows without a reason have no note.
        assert all(r.childCount() == 0 for r in rows if not r.text(4))
        runner.wait(WAIT)
