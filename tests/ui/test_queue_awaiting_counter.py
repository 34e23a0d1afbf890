"""The "awaiting department" counter above the queue (待部门办理): shows the count, and a click
applies the built-in preset, whose rows are as many as the counter says; a second click clears it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import ActionItem, Case, CaseDepartment, Department, Meeting
from db.session import make_sessionmaker
from db.vocab import OPEN_STATUSES, Role, Status
from desktop.cases import queue
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, SortKey
from desktop.cases.service import actor_for
from tests.ui.language import ui_language
from ui.cases.queue_view import QueuePane

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")
OPEN_LIST = sorted(str(s) for s in OPEN_STATUSES)


def _wait_on_departments(engine: Engine, now: dt.datetime) -> None:
    """Two open cases waiting on a department (an action item, an assignment) and a closed one
    with an action item that must not count."""
    with make_sessionmaker(engine).begin() as s:
        dept = s.scalars(select(Department.id).order_by(Department.id).limit(1)).one()
        open_ids = s.scalars(
            select(Case.id).where(Case.status.in_(OPEN_LIST)).order_by(Case.id).limit(2)
        ).all()
        closed = s.scalars(select(Case.id).where(Case.status == "closed").order_by(Case.id).limit(1)).one()
        meeting = Meeting(
            title="协调会", starts_at=now, duration_min=60, status="held", created_at=now, updated_at=now
        )
        s.add(meeting)
        s.flush()
        for case_id in (open_ids[0], closed):
            s.add(
                ActionItem(
                    meeting_id=meeting.id,
                    case_id=case_id,
                    what="核实并答复",
                    department_id=dept,
                    due_at=now,
                    status="awaiting_department",
                    created_at=now,
                )
            )
        if s.get(CaseDepartment, (open_ids[1], dept)) is None:
            s.add(CaseDepartment(case_id=open_ids[1], department_id=dept))


@pytest.fixture
def pane(demo_engine: Engine, qtbot: QtBot, tmp_path: Path) -> Iterator[QueuePane]:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _wait_on_departments(demo_engine, now)
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
    settings = QSettings(str(tmp_path / "concord.ini"), QSettings.Format.IniFormat)
    widget = QueuePane(sessions, dispatcher, settings, clock=lambda: now, background=False)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


def _expected(pane: QueuePane) -> int:
    with pane._sessions() as s:
        return queue.counters(s, pane._actor)["awaiting_department"]


def _all_rows(pane: QueuePane) -> int:
    for _ in range(1000):
        if not pane.model.canFetchMore():
            return pane.model.rowCount()
        pane.model.fetchMore()
    raise AssertionError("paging did not end")


def test_counter_shows_the_count_and_a_click_applies_the_preset(pane: QueuePane, qtbot: QtBot) -> None:
    button = pane.counter_buttons["awaiting_department"]
    count = _expected(pane)
    assert count >= 2
    assert button.text() == f"Awaiting department {count}"
    assert button.isVisibleTo(pane) and button.toolTip()
    # Other filters in place: the click replaces them with the preset, so the rows shown are
    # exactly the ones counted.
    pane.status_combo.setCurrentIndex(pane.status_combo.findData(str(Status.ESCALATED)))
    pane.search.setText("纠纷")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    flt = pane.model.current_filter
    assert flt == pane.awaiting_preset()
    assert flt == QueueFilter(awaiting_department=True, sort=SortKey.DUE)
    assert pane.toggles["awaiting_department"].isChecked() and pane.search.text() == ""
    assert _all_rows(pane) == count
    # A second click clears it, as with the other counters.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not pane.model.current_filter.awaiting_department
    assert not pane.toggles["awaiting_department"].isChecked()


def test_department_staff_counter_and_click_are_of_their_department(
    demo_engine: Engine, qtbot: QtBot, tmp_path: Path
) -> None:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _wait_on_departments(demo_engine, now)
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        dept = s.scalars(select(Department.id).order_by(Department.id).limit(1)).one()
    staff = Actor(user_id=None, role=Role.DEPARTMENT_STAFF, department_id=dept)
    widget = QueuePane(sessions, staff, None, clock=lambda: now, background=False)
    qtbot.addWidget(widget)
    # The department's own work only: fewer than the city sees.
    city = QueuePane(sessions, Actor(user_id=None, role=Role.DISPATCHER), None, background=False)
    qtbot.addWidget(city)
    count = _expected(widget)
    assert 1 <= count < _expected(city)
    assert widget.counter_buttons["awaiting_department"].text().endswith(f" {count}")
    widget.counter_buttons["awaiting_department"].click()
    assert widget.model.current_filter.department_id == dept
    assert _all_rows(widget) == count


def test_counter_reads_in_chinese(
    pane: QueuePane, qapp: QApplication, demo_engine: Engine, tmp_path: Path
) -> None:
    with ui_language(qapp, "zh_CN"):
        sessions = make_sessionmaker(demo_engine)
        with sessions() as s:
            dispatcher = actor_for(s, "dispatcher")
        widget = QueuePane(sessions, dispatcher, None, background=False)
        widget.refresh_counters()
        button = widget.counter_buttons["awaiting_department"]
        assert button.text().startswith("待部门办理 ")
        assert button.toolTip() == "仅显示待部门办理的在办案件"
        widget.deleteLater()
