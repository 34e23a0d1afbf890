"""The whole control-room window on a real database: docks, shortcuts, modes, actions, live."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import Case, CaseEvent
from db.session import make_sessionmaker
from db.vocab import Action, Status
from desktop.cases.service import ActionRequest, CaseService, actor_for
from ui.main_window import AppContext, MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _window(engine: Engine, settings_path: Path, user: str = "dispatcher") -> MainWindow:
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, user)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    return MainWindow(AppContext(engine, sessions, actor, CaseService(sessions), settings, "test db"))


@pytest.fixture
def window(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> Iterator[MainWindow]:
    win = _window(demo_engine, tmp_path / "settings.ini")
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    win.start()
    yield win
    win.live.stop()
    win.runner.wait(10000)


def _open_case_id(engine: Engine) -> int:
    with make_sessionmaker(engine)() as s:
        return int(
            s.scalars(
                select(Case.id)
                .where(Case.status.in_(["reported", "accepted", "in_progress"]))
                .order_by(Case.id)
            ).first()
        )


def test_window_has_docks_status_bar_and_defaults_to_open_cases(window: MainWindow) -> None:
    assert window.queue_dock.isVisible() and window.case_dock.isVisible() and window.alerts_dock.isVisible()
    flt = window.queue.model.current_filter
    assert flt.open_only
    assert window.queue.model.rowCount() > 0
    statuses = {window.queue.model.row_at(r).status for r in range(window.queue.model.rowCount())}
    assert statuses <= {"reported", "escalated", "accepted", "in_progress", "resolved"}
    assert "test db" in window.status_db.text()


def test_map_becomes_ready_and_gets_case_markers(window: MainWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: window.map.page_ready, timeout=30000)


def test_help_overlay_and_wall_mode(window: MainWindow, qtbot: QtBot) -> None:
    window.toggle_help()
    assert window.help.isVisible()
    assert any("F11" in keys for keys, _ in window.shortcut_table)
    window.toggle_help()
    assert not window.help.isVisible()
    window.toggle_wall()
    assert window.wall_mode and not window.queue_dock.isVisible() and not window.case_dock.isVisible()
    assert window.alerts_dock.isVisible()
    window.toggle_wall()
    assert window.queue_dock.isVisible() and window.case_dock.isVisible()


def test_layout_and_filter_are_restored_on_start(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> None:
    first = _window(demo_engine, tmp_path / "s.ini")
    qtbot.addWidget(first)
    first.show()
    first.alerts_dock.close()
    first.queue.search.setText("纠纷")
    first.queue._apply_filter()
    first.save_settings()
    second = _window(demo_engine, tmp_path / "s.ini")
    qtbot.addWidget(second)
    second.show()
    assert second.queue.model.current_filter.text == "纠纷"
    assert not second.alerts_dock.isVisible()


def test_selecting_a_case_fills_the_panel_and_accept_writes_an_event(
    window: MainWindow, qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _open_case_id(demo_engine)
    with make_sessionmaker(demo_engine).begin() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.status = "reported"
    window.case_panel.set_case(case_id)
    qtbot.waitUntil(lambda: window.case_panel.case_id == case_id, timeout=10000)
    assert window.case_panel.buttons[Action.ACCEPT].isVisibleTo(window.case_panel)
    assert window.case_panel.timeline.topLevelItemCount() >= 1

    def accept_at_once(dialog: Any) -> None:
        dialog.comment.setPlainText("已受理，安排调解")
        dialog.accept()

    monkeypatch.setattr("ui.cases.panel.ActionDialog.open", accept_at_once)
    window.case_panel.trigger(Action.ACCEPT)
    qtbot.waitUntil(
        lambda: window.case_panel.detail is not None and window.case_panel.detail.status == "accepted",
        timeout=10000,
    )
    with make_sessionmaker(demo_engine)() as s:
        last = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id.desc())
        ).first()
    assert last is not None and last.action == "accept" and last.comment == "已受理，安排调解"


def test_conflicting_edit_shows_the_other_change_and_keeps_input(
    window: MainWindow, qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _open_case_id(demo_engine)
    sessions = make_sessionmaker(demo_engine)
    window.case_panel.set_case(case_id)
    qtbot.waitUntil(lambda: window.case_panel.case_id == case_id, timeout=10000)
    # Another dispatcher saves first.
    with sessions() as s:
        other = actor_for(s, "leader")
        version = s.get(Case, case_id).version  # type: ignore[union-attr]
    CaseService(sessions).act(
        case_id, ActionRequest(Action.COMMENT, version, comment="领导批示：尽快化解"), other
    )
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))

    def type_and_accept(dialog: Any) -> None:
        if not dialog.comment.toPlainText():
            dialog.comment.setPlainText("我的备注")
        dialog.accept()

    monkeypatch.setattr("ui.cases.panel.ActionDialog.open", type_and_accept)
    window.case_panel.trigger(Action.COMMENT)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert other.name in warnings[0] and "Comment" in warnings[0]  # who did what, in the UI's words
    assert window.case_panel._pending is not None
    assert window.case_panel._pending.comment.toPlainText() == "我的备注"
    with sessions() as s:
        comments = s.scalars(select(CaseEvent.comment).where(CaseEvent.case_id == case_id)).all()
    assert "领导批示：尽快化解" in comments and "我的备注" not in comments
    # After the reload, trying again saves the kept input.
    qtbot.waitUntil(
        lambda: window.case_panel.detail is not None and window.case_panel.detail.version == version + 1,
        timeout=10000,
    )
    window.case_panel.trigger(Action.COMMENT)
    qtbot.waitUntil(lambda: window.case_panel._pending is None, timeout=10000)
    with sessions() as s:
        comments = s.scalars(select(CaseEvent.comment).where(CaseEvent.case_id == case_id)).all()
    assert "我的备注" in comments


def test_auditor_sees_masked_parties_and_no_actions(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path
) -> None:
    win = _window(demo_engine, tmp_path / "a.ini", user="auditor")
    qtbot.addWidget(win)
    case_id = _open_case_id(demo_engine)
    win.case_panel.set_case(case_id)
    qtbot.waitUntil(lambda: win.case_panel.case_id == case_id, timeout=10000)
    assert not any(b.isVisibleTo(win.case_panel) for b in win.case_panel.buttons.values())
    assert "*" in win.case_panel.fields["party_phones"].text()
    win.runner.wait(5000)


def test_live_change_from_another_pc_updates_the_queue_row(
    window: MainWindow, qtbot: QtBot, demo_engine: Engine
) -> None:
    model = window.queue.model
    qtbot.waitUntil(lambda: window.live.state == "live", timeout=10000)
    row = model.row_at(0)
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        other = actor_for(s, "leader")
    CaseService(sessions).act(
        row.id,
        ActionRequest(Action.ESCALATE if row.level < 3 else Action.COMMENT, row.version, reason="跨镇纠纷"),
        other,
    )
    qtbot.waitUntil(
        lambda: (
            model.row_of(row.id) is not None and model.row_at(model.row_of(row.id)).version == row.version + 1
        ),
        timeout=10000,
    )


def test_bulk_escalation_from_the_queue(window: MainWindow, qtbot: QtBot, demo_engine: Engine) -> None:
    model = window.queue.model
    village_rows = [model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).level == 1][:2]
    assert len(village_rows) == 2
    window.run_bulk(
        [(r.id, r.version) for r in village_rows],
        ActionRequest(Action.ESCALATE, 0, reason="联合上报"),
    )
    sessions = make_sessionmaker(demo_engine)

    def escalated() -> bool:
        with sessions() as s:
            return all(s.get(Case, r.id).status == Status.ESCALATED for r in village_rows)  # type: ignore[union-attr]

    qtbot.waitUntil(escalated, timeout=10000)


def test_shortcut_n_moves_to_the_next_case(window: MainWindow, qtbot: QtBot) -> None:
    window.queue.table.setFocus()
    window.queue.next_case()
    first = window.queue.current_case_id()
    qtbot.keyClick(window.queue.table, Qt.Key.Key_N)
    assert window.queue.current_case_id() != first


def test_supervision_issue_answer_and_sign_off_from_the_panel(
    window: MainWindow, qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.cases.panel import SupervisionDialog

    case_id = _open_case_id(demo_engine)
    panel = window.case_panel
    panel.set_case(case_id)
    qtbot.waitUntil(lambda: panel.case_id == case_id, timeout=10000)
    assert not panel.issue_button.isHidden()
    before = len(panel.detail.supervision)  # type: ignore[union-attr]

    def fill_and_accept(dialog: SupervisionDialog) -> int:
        dialog.instruction.setPlainText("请三日内办结并回复")
        return int(SupervisionDialog.DialogCode.Accepted)

    monkeypatch.setattr(SupervisionDialog, "exec", fill_and_accept)
    panel.issue_supervision()
    qtbot.waitUntil(lambda: len(panel.detail.supervision) == before + 1, timeout=10000)  # type: ignore[union-attr]
    panel.supervision.setCurrentItem(panel.supervision.topLevelItem(before))
    assert not panel.answer_button.isHidden()
    monkeypatch.setattr("ui.cases.panel.QInputDialog.getMultiLineText", lambda *a: ("已落实", True))
    panel.answer_supervision()
    qtbot.waitUntil(lambda: panel.detail.supervision[-1].status == "answered", timeout=10000)  # type: ignore[union-attr]
    panel.supervision.setCurrentItem(panel.supervision.topLevelItem(before))
    assert not panel.signoff_button.isHidden()
    panel.sign_off_supervision()
    qtbot.waitUntil(lambda: panel.detail.supervision[-1].status == "signed_off", timeout=10000)  # type: ignore[union-attr]


SECOND_PC = """
import sys
from db.session import make_engine, make_sessionmaker
from db.vocab import Action
from desktop.cases.service import ActionRequest, CaseService, actor_for
from db.models import Case

sessions = make_sessionmaker(make_engine(sys.argv[1]))
case_id = int(sys.argv[2])
with sessions() as s:
    version = s.get(Case, case_id).version
    leader = actor_for(s, "leader")
CaseService(sessions).act(case_id, ActionRequest(Action.ESCALATE, version, reason="另一台电脑上报"), leader)
"""


def test_an_escalation_saved_by_another_process_reaches_queue_and_map(
    window: MainWindow, qtbot: QtBot, demo_url: str
) -> None:
    import json
    import subprocess
    import sys

    model = window.queue.model
    qtbot.waitUntil(lambda: window.map.page_ready and window.live.state == "live", timeout=30000)
    row = next(model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).level < 3)
    root = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-c", SECOND_PC, demo_url, str(row.id)], cwd=root, check=True, timeout=120
    )
    qtbot.waitUntil(
        lambda: model.row_of(row.id) is not None and model.row_at(model.row_of(row.id)).status == "escalated",
        timeout=10000,
    )

    def marker_status() -> str | None:
        box: list[Any] = []
        window.map.web_page.runJavaScript(
            f"JSON.stringify((Concord.caseData({row.id}) || {{}}).status || null)", 0, box.append
        )
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        return json.loads(box[0]) if box[0] else None

    qtbot.waitUntil(lambda: marker_status() == "escalated", timeout=10000)


def test_server_loss_disables_saving_with_the_reason_and_keeps_the_open_dialog(
    window: MainWindow, qtbot: QtBot, demo_engine: Engine
) -> None:
    """What the connection monitor reports (tests/ui/test_server_restart.py stops a real server)."""
    assert window.connect_action.text() and window.saving_actions
    case_id = _open_case_id(demo_engine)
    panel = window.case_panel
    panel.set_case(case_id)
    qtbot.waitUntil(lambda: panel.case_id == case_id, timeout=10000)
    panel.trigger(Action.COMMENT)
    dialog = panel._pending
    assert dialog is not None
    dialog.comment.setPlainText("断线时写的备注")
    window.connection._on_probe(False, "connection failed: Connection refused")
    assert not window.connection.online and not panel.saving_enabled
    assert "reach" in panel.saving_reason or "连接" in panel.saving_reason
    assert all(not a.isEnabled() and a.toolTip() for a in window.saving_actions)
    assert not any(b.isEnabled() for b in panel.buttons.values())
    dialog.accept()  # refused locally, input kept, reason shown in the dialog
    assert dialog.isVisible() and dialog.comment.toPlainText() == "断线时写的备注" and dialog.error.text()
    window.connection._on_probe(True, None)
    assert panel.saving_enabled and all(a.isEnabled() for a in window.saving_actions)
    dialog.accept()
    qtbot.waitUntil(lambda: panel._pending is None, timeout=10000)
    with make_sessionmaker(demo_engine)() as s:
        comments = s.scalars(select(CaseEvent.comment).where(CaseEvent.case_id == case_id)).all()
    assert "断线时写的备注" in comments
