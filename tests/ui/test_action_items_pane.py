"""The departments' view of action items (任务 tab of the scheduler), the role checks reflected in
the buttons, and the scheduler docked narrow beside the map (1280×800) — on a demo database."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import ActionItem, Case, Department, User
from db.session import make_sessionmaker
from desktop.cases.ladder import Actor
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from desktop.meetings.service import MeetingService, NewActionItem
from tests.ui.language import ui_language
from ui.meetings.pane import MeetingsPane
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


def _setup(demo_engine: Engine) -> tuple[Any, list[int], list[int], list[int]]:
    """Approved minutes with three action items on three cases for two departments, the first
    of them due yesterday (overdue). Returns sessions, item ids, department ids, case ids."""
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        leader = actor_for(s, "leader")
        cases = list(
            s.scalars(select(Case.id).where(Case.status == "in_progress").order_by(Case.id).limit(3))
        )
        deps = list(
            s.scalars(
                select(Department.id)
                .where(Department.id.in_(select(User.department_id).where(User.role == "department_staff")))
                .order_by(Department.id)
                .limit(2)
            )
        )
    svc = MeetingService(sessions)
    result = svc.convene_from_cases(cases, leader, title="任务测试协调会")
    svc.schedule(result.meeting_id, leader)
    svc.hold(result.meeting_id, leader)
    now = utcnow()
    svc.record_minutes(
        result.meeting_id,
        leader,
        "纪要",
        action_items=[
            NewActionItem("逾期的清淤任务", now - dt.timedelta(days=1), deps[0], case_id=cases[0]),
            NewActionItem("排查隐患点", now + dt.timedelta(days=2), deps[0], case_id=cases[1]),
            NewActionItem("走访当事人", now + dt.timedelta(days=3), deps[1], case_id=cases[2]),
        ],
    )
    # Approved "yesterday morning" so the first item is already late.
    ids = MeetingService(sessions, clock=lambda: now - dt.timedelta(days=2)).approve_minutes(
        result.meeting_id, leader
    )
    return sessions, ids, deps, cases


def _actor(sessions: Any, *, role: str, department_id: int | None = None) -> Actor:
    with sessions() as s:
        q = select(User.username).where(User.role == role)
        if department_id is not None:
            q = q.where(User.department_id == department_id)
        return actor_for(s, s.scalars(q.order_by(User.id).limit(1)).one())


def _pane(qtbot: QtBot, sessions: Any, actor: Actor, size: tuple[int, int] = (1280, 800)) -> MeetingsPane:
    runner = TaskRunner()
    pane = MeetingsPane(sessions, actor, runner)
    qtbot.addWidget(pane)
    pane.resize(*size)
    pane.show()
    qtbot.waitUntil(lambda: pane.data is not None, timeout=WAIT)
    pane._test_runner = runner  # type: ignore[attr-defined]
    return pane


def _open_tasks(qtbot: QtBot, pane: MeetingsPane) -> None:
    pane.side_tabs.setCurrentWidget(pane.tasks)
    qtbot.waitUntil(lambda: pane.tasks.loaded, timeout=WAIT)


def _mine(pane: MeetingsPane, ids: list[int]) -> list[dict[str, Any]]:
    return [a for a in pane.tasks.items if a["id"] in ids]


def _row_of(pane: MeetingsPane, item_id: int) -> Any:
    assert pane.tasks.select_item(item_id)
    return pane.tasks.tree.currentItem()


def test_department_staff_see_only_their_items_and_mark_one_done(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions, ids, deps, cases = _setup(demo_engine)
    staff = _actor(sessions, role="department_staff", department_id=deps[0])
    pane = _pane(qtbot, sessions, staff)
    # A department works from its task list: the tab opens by itself, without a department filter.
    qtbot.waitUntil(lambda: pane.tasks.loaded, timeout=WAIT)
    assert pane.side_tabs.currentWidget() is pane.tasks
    assert not pane.tasks.department_filter.isVisibleTo(pane)
    assert {a["department_id"] for a in pane.tasks.items} == {deps[0]}
    assert {a["id"] for a in _mine(pane, ids)} == set(ids[:2])
    # The overdue one is highlighted (red, "Overdue" in the status).
    late = _row_of(pane, ids[0])
    assert "Overdue" in late.text(4) and late.foreground(4).color().name() == "#b71c1c"
    assert late.text(1) and late.text(2) == "任务测试协调会"
    assert "Overdue" not in _row_of(pane, ids[1]).text(4)
    # Selecting an item selects its case (the window shows it in the case panel).
    seen: list[int] = []
    pane.caseSelected.connect(seen.append)
    _row_of(pane, ids[0])
    _row_of(pane, ids[1])
    assert seen[-2:] == [cases[0], cases[1]]
    # Marked done with evidence: it leaves the open list and the evidence is stored.
    pane.tasks.select_item(ids[0])
    assert pane.tasks.done_button.isEnabled()
    monkeypatch.setattr(
        "ui.meetings.action_items_pane.QInputDialog.getMultiLineText",
        lambda *a, **k: ("已清淤并拍照存档", True),
    )
    pane.tasks.mark_done()
    qtbot.waitUntil(lambda: ids[0] not in {a["id"] for a in pane.tasks.items}, timeout=WAIT)
    with sessions() as s:
        item = s.get(ActionItem, ids[0])
        assert item is not None and item.status == "done" and item.evidence == "已清淤并拍照存档"
    pane.tasks.open_only.setChecked(False)
    qtbot.waitUntil(lambda: ids[0] in {a["id"] for a in pane.tasks.items}, timeout=WAIT)
    assert _row_of(pane, ids[0]).text(5) == "已清淤并拍照存档"
    pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_leaders_see_every_department_grouped_and_filterable(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions, ids, deps, _cases = _setup(demo_engine)
    with sessions() as s:
        leader = actor_for(s, "leader")
        names = {d: s.get(Department, d).name for d in deps}  # type: ignore[union-attr]
    pane = _pane(qtbot, sessions, leader)
    _open_tasks(qtbot, pane)
    assert {a["id"] for a in _mine(pane, ids)} == set(ids)
    groups = {pane.tasks.tree.topLevelItem(i).text(0) for i in range(pane.tasks.tree.topLevelItemCount())}
    assert any(g.startswith(names[deps[0]]) for g in groups) and any(
        g.startswith(names[deps[1]]) for g in groups
    )
    assert "1" in pane.tasks.summary.text()  # "… action items, 1 overdue" at least
    # Filter to the second department.
    combo = pane.tasks.department_filter
    qtbot.waitUntil(lambda: combo.findData(deps[1]) >= 0, timeout=WAIT)
    combo.setCurrentIndex(combo.findData(deps[1]))
    qtbot.waitUntil(lambda: {a["department_id"] for a in pane.tasks.items} == {deps[1]}, timeout=WAIT)
    # The leader convened the meeting, so may mark items done; a dispatcher may too.
    pane.tasks.select_item(ids[2])
    assert pane.tasks.done_button.isEnabled()
    pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_buttons_say_why_a_role_may_not(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions, ids, deps, _cases = _setup(demo_engine)
    other = _actor(sessions, role="department_staff", department_id=deps[1])
    pane = _pane(qtbot, sessions, other)
    with sessions() as s:
        meeting_id = s.get(ActionItem, ids[0]).meeting_id  # type: ignore[union-attr]
    pane.select_meeting(meeting_id)
    qtbot.waitUntil(lambda: pane.detail is not None, timeout=WAIT)
    for button in (pane.schedule_button, pane.cancel_button, pane.postpone_button, pane.hold_button):
        assert not button.isEnabled() and "city leaders" in button.toolTip()
    assert (
        not pane.approve_button.isEnabled() and "convener or a city leader" in pane.approve_button.toolTip()
    )
    assert not pane.import_busy_button.isEnabled()
    # Another department's action item: not theirs to mark done, and the button says so.
    item = next(
        pane.action_items.topLevelItem(i)
        for i in range(pane.action_items.topLevelItemCount())
        if pane.action_items.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == ids[0]
    )
    pane.action_items.setCurrentItem(item)
    assert not pane.done_button.isEnabled() and "owning department" in pane.done_button.toolTip()
    # In the task list the other department's items are not even shown.
    _open_tasks(qtbot, pane)
    assert ids[0] not in {a["id"] for a in pane.tasks.items}
    pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


# The offscreen platform cannot raise a window (a floating dock asks it to): not our warning.
@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")
def test_scheduler_fits_a_narrow_dock_and_goes_full_screen(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        leader = actor_for(s, "leader")
    window = QMainWindow()
    window.setCentralWidget(QWidget())  # the map's place
    qtbot.addWidget(window)
    runner = TaskRunner()
    pane = MeetingsPane(sessions, leader, runner)
    dock = QDockWidget("协调会", window)
    dock.setWidget(pane)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1280, 800)
    window.show()
    window.resizeDocks([dock], [330], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: pane.data is not None and pane.narrow, timeout=WAIT)
    # Docked beside the map (about 330 px): nothing forces the pane wider than the dock.
    assert pane.minimumSizeHint().width() <= 330
    assert pane.splitter.orientation() == Qt.Orientation.Vertical
    assert pane.more_button.isVisibleTo(pane) and not pane.export_button.isVisibleTo(pane)
    data = pane.data
    assert data is not None
    if data.days == 7:  # empty weekend days give their width to the working days
        hidden = [c for c in range(7) if pane.grid.isColumnHidden(c)]
        assert all(not data.workdays[data.start + dt.timedelta(days=c)] for c in hidden)
    # Full screen: the dock floats, as large as the screen; again: docked.
    pane.full_button.setChecked(True)
    assert dock.isFloating()
    screen = dock.screen().availableGeometry()
    qtbot.waitUntil(lambda: dock.width() >= screen.width() - 40, timeout=WAIT)
    if screen.width() >= 900:  # (the offscreen test screen may be smaller)
        qtbot.waitUntil(lambda: not pane.narrow, timeout=WAIT)
        assert pane.splitter.orientation() == Qt.Orientation.Horizontal
        assert pane.export_button.isVisibleTo(pane)
    pane.full_button.setChecked(False)
    assert not dock.isFloating()
    runner.wait(WAIT)


def test_narrow_scheduler_shows_its_whole_range_in_chinese(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine
) -> None:
    """Docked beside the map at 1280×800, in Chinese: the week's two dates are not cut short
    (日 / 周 / 月 take only their width), and the full-screen button is an icon, not a glyph
    the fonts may lack."""
    with ui_language(qapp, "zh_CN"):
        sessions = make_sessionmaker(demo_engine)
        with sessions() as s:
            leader = actor_for(s, "leader")
        runner = TaskRunner()
        pane = MeetingsPane(sessions, leader, runner)
        qtbot.addWidget(pane)
        pane.resize(330, 760)  # the dock's size beside the map at 1280×800
        pane.show()
        qtbot.waitUntil(lambda: pane.data is not None and pane.narrow, timeout=WAIT)
        pane.resize(330, 760)  # again: the compact header now lets it be that narrow
        qtbot.waitUntil(lambda: pane.width() <= 340, timeout=WAIT)
        assert pane.mode_buttons["week"].text() == "周"
        label = pane.range_label
        assert "–" in label.text()
        qtbot.waitUntil(
            lambda: label.width() >= label.fontMetrics().horizontalAdvance(label.text()), timeout=WAIT
        )
        assert label.toolTip().count("-") == 4  # both dates in full, YYYY-MM-DD
        assert not pane.full_button.icon().isNull() and pane.full_button.text() == ""
        runner.wait(WAIT)
