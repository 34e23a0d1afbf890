"""The screening tab (pytest-qt), in Chinese: the board shows the demo's missed rounds and alerts,
the rounds list filters by level, the form refuses bad input in Chinese with nothing stored, then records."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Engine, text

from db.session import make_sessionmaker
from db.vocab import Role
from desktop.cases.service import CaseService, actor_for
from tests.ui.language import ui_language
from ui.main_window import AppContext, MainWindow  # noqa: F401 (imported early: it registers the map's URL scheme)
from ui.screening_pane import RoundDialog, ScreeningPane
from ui.tasks import TaskRunner

WAIT_MS = 20_000


def _rounds(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("select count(*) from screening_rounds")).scalar_one())


@pytest.fixture
def pane(demo_engine: Engine, qapp: Any, qtbot: Any) -> Iterator[ScreeningPane]:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    assert actor.role == Role.DISPATCHER
    with ui_language(qapp, "zh_CN"):
        widget = ScreeningPane(sessions, CaseService(sessions), actor, TaskRunner())
        qtbot.addWidget(widget)
        widget.resize(900, 800)
        widget.show()
        qtbot.waitUntil(lambda: widget.loaded_once and widget.loading == 0, timeout=WAIT_MS)
        yield widget
        qtbot.waitUntil(lambda: widget.loading == 0, timeout=WAIT_MS)


def test_the_board_in_chinese_shows_missed_rounds(pane: ScreeningPane) -> None:
    assert pane.tabs.tabText(0) == "排查落实" and pane.tabs.tabText(1) == "排查记录"
    assert pane.board is not None
    assert "应排查" in pane.summary.text() and "漏排" in pane.summary.text()
    assert pane.towns_table.rowCount() > 0
    assert pane.towns_table.horizontalHeaderItem(2).text() == "村级漏排"
    assert pane.alert_list.count() > 0
    texts = [pane.alert_list.item(i).text() for i in range(pane.alert_list.count())]
    assert any("未开展每日排查" in t for t in texts) or texts == ["没有漏排。"]
    assert pane.rounds_table.rowCount() > 0
    levels = {pane.rounds_table.item(r, 1).text() for r in range(pane.rounds_table.rowCount())}
    assert "村（社区）· 每日" in levels


def test_rounds_filter_by_level(pane: ScreeningPane, qtbot: Any) -> None:
    pane.level_filter.setCurrentIndex(pane.level_filter.findData("town"))
    qtbot.waitUntil(
        lambda: pane.loading == 0 and all(r.level == "town" for r in pane.rounds), timeout=WAIT_MS
    )
    assert pane.rounds and {
        pane.rounds_table.item(r, 1).text() for r in range(pane.rounds_table.rowCount())
    } == {"镇（街道）· 每周"}
    pane.rounds_table.selectRow(0)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.loading == 0, timeout=WAIT_MS)
    assert pane.checklist_view.count() > 0


def test_the_form_refuses_bad_input_in_chinese_then_records(
    pane: ScreeningPane, demo_engine: Engine, qapp: Any, qtbot: Any
) -> None:
    with ui_language(qapp, "zh_CN"):
        dialog = pane.open_record()
        assert isinstance(dialog, RoundDialog)
        qtbot.waitUntil(lambda: dialog.town.count() > 0 and dialog.village.count() > 0, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: dialog.checklist.rowCount() > 0, timeout=WAIT_MS)
        assert dialog.windowTitle() == "登记排查"
        before = _rounds(demo_engine)
        dialog.save()  # nothing ticked
        qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=WAIT_MS)
        assert "至少勾选" in dialog.error.text()
        assert _rounds(demo_engine) == before
        dialog.checklist.item(0, 0).setCheckState(Qt.CheckState.Checked)
        dialog.scope.setCurrentIndex(dialog.scope.findData("focused"))  # the tick stays
        dialog.focus.setText("")
        dialog.save()
        qtbot.waitUntil(lambda: "排查重点" in dialog.error.text(), timeout=WAIT_MS)
        assert _rounds(demo_engine) == before
        dialog.focus.setText("土地承包")
        dialog.save()

        def saved() -> None:
            assert dialog.saved_id is not None, dialog.error.text()

        qtbot.waitUntil(saved, timeout=WAIT_MS)
        assert _rounds(demo_engine) == before + 1
        qtbot.waitUntil(lambda: pane.loading == 0 and bool(pane.rounds), timeout=WAIT_MS)
        assert pane.tabs.currentIndex() == 1


def test_an_administrator_edits_a_template_in_chinese(demo_engine: Engine, qapp: Any, qtbot: Any) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        admin = actor_for(s, "admin")
    assert admin.role == Role.ADMIN
    with ui_language(qapp, "zh_CN"):
        widget = ScreeningPane(sessions, CaseService(sessions), admin, TaskRunner())
        qtbot.addWidget(widget)
        widget.show()
        qtbot.waitUntil(lambda: widget.loaded_once and widget.loading == 0, timeout=WAIT_MS)
        assert not widget.templates_button.isHidden() and widget.templates_button.text() == "清单模板…"
        dialog = widget.open_templates()
        assert dialog is not None and dialog.windowTitle() == "排查清单模板"
        qtbot.waitUntil(lambda: dialog.items.count() > 0 and bool(dialog.chosen()), timeout=WAIT_MS)
        for i in range(dialog.items.count()):
            dialog.items.item(i).setCheckState(Qt.CheckState.Unchecked)
        dialog.save()
        qtbot.waitUntil(lambda: "至少" in dialog.error.text(), timeout=WAIT_MS)
        with demo_engine.connect() as conn:
            assert conn.execute(text("select count(*) from screening_templates")).scalar_one() == 0
        dialog.items.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.save()
        qtbot.waitUntil(lambda: dialog.error.text() == "模板已保存。", timeout=WAIT_MS)
        with demo_engine.connect() as conn:
            assert conn.execute(text("select count(*) from screening_templates")).scalar_one() == 1
        dialog.close()
    # Other roles do not see the button.
    with sessions() as s:
        dispatcher = actor_for(s, "dispatcher")
    other = ScreeningPane(sessions, CaseService(sessions), dispatcher, TaskRunner())
    qtbot.addWidget(other)
    assert other.templates_button.isHidden() and other.open_templates() is None
