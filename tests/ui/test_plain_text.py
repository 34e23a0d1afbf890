"""Text people typed is shown as typed: a case, a meeting and an action item titled with markup and a
Qt placeholder (``<b>bold</b> %2 <a href=…>``) appear literally in labels, tooltips, dialog texts
and list entries — never as rich text, and never with ``%2`` replaced by another value."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from db.models import Case, Department, User
from db.session import make_sessionmaker
from db.vocab import Action
from desktop.cases.service import ActionRequest, CaseService, actor_for
from desktop.clock import to_local, utcnow
from desktop.meetings.service import MeetingService, NewActionItem
from desktop.meetings.supervision import SupervisionService
from desktop.users import add_user
from tests.pg_logins import Logins
from ui.app import window_for_login  # noqa: F401  (before any QApplication: registers the map's URL scheme)
from ui.cases import panel as case_panel
from ui.cases.panel import CasePanel
from ui.cases.queue_model import CaseQueueModel
from ui.live.alerts import AlertsPane
from ui.main_window import AppContext, MainWindow
from ui.meetings import action_items_pane
from ui.meetings.pane import MeetingsPane
from ui.tasks import TaskRunner
from ui.text import fill, literal, menu_text, plain_label
from ui.users_pane import UsersDialog

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TITLE = '<b>bold</b> %2 <a href="https://example.com/x">link</a>'
WAIT = 20000


def shown(text: str) -> str:
    """What Qt shows for a tooltip, a message box's text or an input dialog's label: rich text
    when ``Qt.mightBeRichText`` says so, else the text itself."""
    if not GuiQt.mightBeRichText(text):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def assert_plain(label: QLabel, text: str) -> None:
    assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
    assert label.text() == text


# --- the helpers -----------------------------------------------------------------------------------


def test_fill_replaces_every_placeholder_in_one_pass() -> None:
    # A chain of .replace() would put the second value into the first one's "%2".
    assert fill("%1 — meeting “%2”", TITLE, "协调会") == f"{TITLE} — meeting “协调会”"
    assert fill("%2 before %1", "a", "b") == "b before a"
    assert fill("%1%2%1", "%1", "%2") == "%1%2%1"
    assert fill("%1 of %3", "x") == "x of %3"  # no value: left as written
    assert fill("%n case(s), %1", 5) == "%n case(s), 5"  # Qt's plural count is not ours
    assert fill("%1d %2h", 3, 4) == "3d 4h"
    assert fill("%10 %1", "a") == "%10 a"  # two digits name one placeholder, as in Qt


def test_literal_text_is_shown_as_written() -> None:
    for text in (
        TITLE,
        "  <b>indented</b>\n  second  line\n<img src=x.png>",
        "&lt;not an entity&gt; <i>x</i>",
        "&lt;b&gt;",
        "a < b > c",  # Qt takes "< b >" for a bold tag
    ):
        tip = literal(text)
        assert GuiQt.mightBeRichText(tip)  # rich text on purpose …
        assert shown(tip) == text  # … that shows the text itself
        assert "<b>" not in tip and "<a " not in tip and "<img" not in tip
    for text in ("纠纷 %2 调解", "a < 5, b > 3", "PD-2026-000001 x"):
        assert literal(text) == text  # what Qt shows as plain stays untouched


def test_menu_text_keeps_ampersands_and_plain_label_is_plain(qtbot: QtBot) -> None:
    assert menu_text("R&D <b>") == "R&&D <b>"
    label = plain_label(TITLE)
    qtbot.addWidget(label)
    assert_plain(label, TITLE)


# --- widgets on a demo database ---------------------------------------------------------------------


def _titled_world(engine: Engine) -> dict[str, Any]:
    """Three in-progress cases titled TITLE, a held meeting titled TITLE with approved minutes and
    action items whose text is TITLE (the first overdue), a supervision order with TITLE as its
    instruction, and a case event whose reason is TITLE with a comment."""
    sessions = make_sessionmaker(engine)
    with sessions.begin() as s:
        cases = list(
            s.scalars(select(Case.id).where(Case.status == "in_progress").order_by(Case.id).limit(3))
        )
        s.execute(update(Case).where(Case.id.in_(cases)).values(title=TITLE))
        deps = list(
            s.scalars(
                select(Department.id)
                .where(Department.id.in_(select(User.department_id).where(User.role == "department_staff")))
                .order_by(Department.id)
                .limit(1)
            )
        )
    with sessions() as s:
        leader = actor_for(s, "leader")
        dispatcher = actor_for(s, "dispatcher")
    svc = MeetingService(sessions)
    convened = svc.convene_from_cases(cases, leader, title=TITLE)
    svc.schedule(convened.meeting_id, leader)
    svc.hold(convened.meeting_id, leader)
    now = utcnow()
    svc.record_minutes(
        convened.meeting_id,
        leader,
        TITLE,
        action_items=[
            NewActionItem(TITLE, now - dt.timedelta(days=1), deps[0], case_id=cases[0]),
            NewActionItem(TITLE, now + dt.timedelta(days=2), deps[0], case_id=cases[1]),
        ],
    )
    items = MeetingService(sessions, clock=lambda: now - dt.timedelta(days=2)).approve_minutes(
        convened.meeting_id, leader
    )
    order = SupervisionService(sessions).issue(
        cases[2], leader, instruction=TITLE, deadline=now + dt.timedelta(days=3), unit_department_id=deps[0]
    )
    with sessions() as s:
        version = s.get(Case, cases[2]).version  # type: ignore[union-attr]
    CaseService(sessions).act(
        cases[2], ActionRequest(Action.ESCALATE, version, reason=TITLE, comment="备注"), leader
    )
    return {
        "sessions": sessions,
        "cases": cases,
        "meeting": convened.meeting_id,
        "items": items,
        "order": order.id,
        "leader": leader,
        "dispatcher": dispatcher,
    }


def test_action_items_and_meeting_show_titles_literally(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _titled_world(demo_engine)
    runner = TaskRunner()
    pane = MeetingsPane(world["sessions"], world["dispatcher"], runner)
    qtbot.addWidget(pane)
    pane.resize(1280, 800)
    pane.show()
    qtbot.waitUntil(lambda: pane.data is not None, timeout=WAIT)

    # The departments' task list (任务).
    pane.side_tabs.setCurrentWidget(pane.tasks)
    qtbot.waitUntil(lambda: pane.tasks.loaded, timeout=WAIT)
    tasks = pane.tasks
    assert tasks.select_item(world["items"][0])
    row = tasks.tree.currentItem()
    assert row.text(0) == TITLE and row.text(2) == TITLE
    assert shown(row.toolTip(0)) == TITLE  # the decision (none here) or the text
    assert shown(row.toolTip(1)) == TITLE  # the case title
    expected = fill(tasks.tr("%1 — meeting “%2”; evidence: %3"), TITLE, TITLE, "—")
    assert_plain(tasks.detail, expected)
    assert tasks.detail.text().count("%2") == 2  # each title keeps its own "%2"
    assert tasks.summary.textFormat() == Qt.TextFormat.PlainText
    asked: list[str] = []
    monkeypatch.setattr(
        action_items_pane.QInputDialog,
        "getMultiLineText",
        lambda _parent, _title, label, *a: (asked.append(label), ("", False))[1],
    )
    assert tasks.done_button.isEnabled()
    tasks.mark_done()
    assert [shown(text) for text in asked] == [fill(tasks.tr("Evidence of completion for “%1”:"), TITLE)]

    # The meeting's own panel.
    pane.select_meeting(world["meeting"])
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == world["meeting"], timeout=WAIT)
    assert_plain(pane.title_label, TITLE)
    assert pane.info_label.textFormat() == Qt.TextFormat.PlainText
    assert_plain(pane.minutes_label, fill(pane.tr("Minutes: %1"), TITLE))
    agenda = pane.agenda.topLevelItem(0)
    assert agenda.text(1) == TITLE and shown(agenda.toolTip(1)) == TITLE
    action = pane.action_items.topLevelItem(0)
    assert shown(action.toolTip(0)) == TITLE
    pane.action_items.setCurrentItem(action)
    assert pane.action_detail.textFormat() == Qt.TextFormat.PlainText
    assert pane.action_detail.text().startswith(TITLE + " — ")
    assert pane.action_detail.text().count("%2") == 1
    # The calendar cell's tooltip names the meeting (the week shown is the meeting's).
    pane.anchor = to_local(pane.detail.starts_at).date()
    pane.refresh()
    qtbot.waitUntil(lambda: world["meeting"] in pane.meeting_cells(), timeout=WAIT)
    cell = pane.grid.item(*pane.meeting_cells()[world["meeting"]])
    assert cell is not None and shown(cell.toolTip()).startswith(TITLE + "\n")
    runner.wait(WAIT)


def test_case_panel_queue_and_alerts_show_titles_literally(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _titled_world(demo_engine)
    sessions, case_id = world["sessions"], world["cases"][2]
    runner = TaskRunner()
    panel = CasePanel(sessions, CaseService(sessions), world["dispatcher"], runner)
    qtbot.addWidget(panel)
    panel.set_case(case_id)
    qtbot.waitUntil(lambda: panel.detail is not None, timeout=WAIT)
    assert panel.detail is not None
    assert_plain(panel.header, f"{panel.detail.number}  {TITLE}")
    # Reason and comment of the escalation: the reason's "%2" is not the comment's place.
    texts = [panel.timeline.topLevelItem(i).text(4) for i in range(panel.timeline.topLevelItemCount())]
    assert fill(panel.tr("%1; %2"), TITLE, "备注") in texts
    assert panel.readonly_note.textFormat() == Qt.TextFormat.PlainText
    # Answering the supervision order shows its instruction as the dialog's label.
    panel.tabs.setCurrentIndex(2)
    panel.supervision.setCurrentItem(panel.supervision.topLevelItem(0))
    asked: list[str] = []
    monkeypatch.setattr(
        case_panel.QInputDialog,
        "getMultiLineText",
        lambda _parent, _title, label, *a: (asked.append(label), ("", False))[1],
    )
    panel.answer_supervision()
    assert [shown(text) for text in asked] == [TITLE]

    # The queue's tooltip of the title column.
    model = CaseQueueModel(sessions, world["dispatcher"])
    model.reload()
    qtbot.waitUntil(lambda: model.row_of(case_id) is not None or not model.canFetchMore(), timeout=WAIT)
    while model.row_of(case_id) is None and model.canFetchMore():
        model.fetchMore(model.index(0, 0).parent())
        qtbot.waitUntil(lambda: not model.loading, timeout=WAIT)
    row = model.row_of(case_id)
    assert row is not None
    index = model.index(row, model.COL_TITLE)
    assert model.data(index) == TITLE
    assert shown(model.data(index, Qt.ItemDataRole.ToolTipRole)).startswith(TITLE)

    # The alerts strip lists the escalation with its title as typed.
    alerts = AlertsPane(sessions, world["dispatcher"], runner)
    qtbot.addWidget(alerts)
    alerts.add_escalation(case_id, "PD-1", TITLE)
    assert TITLE in alerts.list.item(0).text()
    assert alerts.summary.textFormat() == Qt.TextFormat.PlainText
    runner.wait(WAIT)


@pytest.mark.both_engines  # server logins on PostgreSQL, users' rows on SQLite
def test_names_in_the_status_bar_and_the_users_dialog_are_plain(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path, logins: Logins
) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        admin = actor_for(s, "admin")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    named = dataclasses.replace(admin, name=TITLE)
    window = MainWindow(
        AppContext(demo_engine, sessions, named, CaseService(sessions), settings, f"PostgreSQL · {TITLE}")
    )
    qtbot.addWidget(window)
    assert window.status_user.textFormat() == Qt.TextFormat.PlainText
    assert window.status_user.text().startswith(TITLE + " · ")
    assert_plain(window.status_db, f"PostgreSQL · {TITLE}")

    name = logins.unique("plain")
    if demo_engine.dialect.name == "postgresql":
        logins.add_user(name, TITLE, "dispatcher")
    else:
        add_user(demo_engine, name, TITLE, "dispatcher")
    dialog = UsersDialog(demo_engine, actor=admin)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded and dialog.user(name) is not None, timeout=WAIT)
    assert dialog.select_user(name)
    box = dialog.disable_selected()
    assert box is not None
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert f"“{name}” ({TITLE})" in box.text() and box.text().count("%2") == 1
    box.reject()
    dialog._runner.wait(WAIT)
