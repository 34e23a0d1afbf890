"""The desk's "new case" form in the real window: Ctrl+N, a place picked on the map, the
duplicate suggestion, filing into the queue; bad input refused in Chinese with nothing stored;
the routing and sensitive-period dialogs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from db.models import Case, CaseEvent, CaseLink, Department, SensitivePeriod
from db.session import make_sessionmaker
from db.vocab import OPEN_STATUSES
from desktop.cases.intake import place_at
from desktop.cases.service import CaseError, CaseService, actor_for
from desktop.geo import GridIndex
from ui.cases.intake_dialog import IntakeDialog, PeriodsDialog, RoutesDialog
from ui.main_window import AppContext, MainWindow
from ui.refusals import describe
from ui.tasks import TaskRunner

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
    if win.intake_dialog is not None:
        win.intake_dialog.close()
    win.live.stop()
    win.runner.wait(10000)


def _counts(engine: Engine) -> tuple[int, int]:
    with make_sessionmaker(engine)() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Case)) or 0),
            int(s.scalar(select(func.count()).select_from(CaseEvent)) or 0),
        )


def _recent_open_case(engine: Engine) -> Case:
    """An open case reported in the last 30 days: the duplicate the form must suggest."""
    with make_sessionmaker(engine)() as s:
        since = dt.datetime.now(dt.UTC) - dt.timedelta(days=20)
        case = s.scalars(
            select(Case)
            .where(Case.status.in_([str(x) for x in OPEN_STATUSES]), Case.reported_at >= since)
            .order_by(Case.id)
            .limit(1)
        ).one()
        s.expunge(case)
        return case


def test_ctrl_n_pick_on_map_duplicate_and_file_into_the_queue(
    window: MainWindow, qtbot: QtBot, demo_engine: Engine
) -> None:
    assert ("Ctrl+N", window.tr("New case (desk intake)")) in window.shortcut_table
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: window.intake_dialog is not None and window.intake_dialog.isVisible(), timeout=5000
    )
    dialog = window.intake_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10000)

    # The routed department follows the category.
    dialog.kind.setCurrentIndex(dialog.kind.findData("dispute"))
    dialog.category.setCurrentIndex(dialog.category.findData("land"))
    with make_sessionmaker(demo_engine)() as s:
        land = s.scalars(select(Department).where(Department.code == "land")).one()
    assert dialog.department.currentData() == land.id
    assert dialog.department.currentText() == land.name

    dialog.channel.setCurrentIndex(dialog.channel.findData("phone"))
    dialog.reporter_name.setText("王秀英")
    dialog.reporter_phone.setText("13905321234")
    dialog.parties.item(0, 0).setText("王秀英")
    dialog.parties.item(0, 1).setText("13905321234")
    dialog.title.setText("电话反映承包地界桩被移动")

    # Pick on the map: the form steps aside, the page's next click comes back as the place.
    existing = _recent_open_case(demo_engine)
    qtbot.waitUntil(lambda: window.map.page_ready, timeout=30000)
    qtbot.mouseClick(dialog.pick_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    page = window.map.web_page
    state: list[object] = []
    qtbot.waitUntil(
        lambda: (
            page.runJavaScript("Concord.pickState().picking", 0, state.append) or bool(state and state[-1])
        ),
        timeout=10000,
    )
    page.runJavaScript(f"Concord.map().fire('click', {{latlng: L.latLng({existing.lat}, {existing.lon})}})")
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.place is not None, timeout=10000)
    assert dialog.place is not None and dialog.place.grid_id == existing.grid_id
    assert "·" in dialog.place_label.text()

    # The open case at the same place is suggested before saving; the desk links it.
    qtbot.waitUntil(lambda: existing.id in {c.case_id for c in dialog.duplicates}, timeout=10000)
    row = [c.case_id for c in dialog.duplicates].index(existing.id)
    assert dialog.dup_table.item(row, 1).text() == existing.number
    assert (
        "同一网格" in dialog.dup_table.item(row, 5).text()
        or "same grid" in dialog.dup_table.item(row, 5).text()
    )
    dialog.dup_table.item(row, 0).setCheckState(Qt.CheckState.Checked)

    before = _counts(demo_engine)
    with qtbot.waitSignal(dialog.caseFiled, timeout=15000) as filed:
        dialog.save()
    case_id = int(filed.args[0])
    qtbot.waitUntil(lambda: window.intake_dialog is None, timeout=5000)
    assert _counts(demo_engine) == (before[0] + 1, before[1] + 1)
    with make_sessionmaker(demo_engine)() as s:
        case = s.get(Case, case_id)
        assert case is not None
        assert (case.channel, case.grid_id, case.reporter_phone) == ("phone", existing.grid_id, "13905321234")
        assert [d.department_id for d in case.departments] == [land.id]
        link = s.scalars(select(CaseLink).where(CaseLink.case_id == case_id)).one()
        assert (link.other_case_id, link.link_type) == (existing.id, "related")
    # The new case is in the queue, selected, and in the case panel.
    qtbot.waitUntil(lambda: window.queue.model.row_of(case_id) is not None, timeout=10000)
    qtbot.waitUntil(lambda: window.queue.current_case_id() == case_id, timeout=10000)
    qtbot.waitUntil(lambda: window.case_panel.case_id == case_id, timeout=10000)


@pytest.fixture
def dialog(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> Iterator[IntakeDialog]:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "town01")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    runner = TaskRunner()
    form = IntakeDialog(sessions, CaseService(sessions), actor, settings, runner)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.save_button.isEnabled(), timeout=10000)
    yield form
    form.close()
    runner.wait(10000)


def _point_in_town(engine: Engine, town_id: int) -> tuple[float, float]:
    with make_sessionmaker(engine)() as s:
        index = GridIndex.from_session(s)
        grid_id = min(h.grid_id for h in index._hits if h.town_id == town_id)
        inner = index.geometry(grid_id).representative_point()
        assert place_at(s, index, inner.y, inner.x) is not None
        return float(inner.y), float(inner.x)


def test_bad_input_is_refused_in_words_and_stores_nothing(
    dialog: IntakeDialog, qtbot: QtBot, demo_engine: Engine
) -> None:
    before = _counts(demo_engine)
    dialog.reporter_name.setText("李建国")
    dialog.save()
    assert dialog.error.text() == describe(CaseError("intake.title_required"))
    dialog.title.setText("邻里噪音纠纷")
    dialog.save()
    assert dialog.error.text() == describe(CaseError("intake.place_required"))

    # A place found by pinyin initials of the village.
    with make_sessionmaker(demo_engine)() as s:
        from db.models import Village

        village = s.scalars(select(Village).where(Village.town_id == 1).order_by(Village.id)).first()
        assert village is not None
    dialog.place_search.setText(village.pinyin)
    qtbot.waitUntil(
        lambda: dialog.place_results.count() > 0 and dialog.place_results.item(0).data(256) is not None,
        timeout=10000,
    )
    match = next(
        dialog.place_results.item(i)
        for i in range(dialog.place_results.count())
        if village.name in dialog.place_results.item(i).text()
    )
    dialog.place_results.itemClicked.emit(match)
    qtbot.waitUntil(lambda: dialog.place is not None, timeout=10000)
    assert dialog.place is not None and dialog.place.village_id == village.id

    dialog.parties.item(0, 0).setText("张三")
    dialog.parties.item(0, 2).setText("110105194912310021")
    dialog.save()
    assert dialog.error.text() == describe(
        CaseError("intake.party_id_check_digit", name="张三", number="110105194912310021")
    )
    assert _counts(demo_engine) == before

    # Another town's point: the town's desk cannot file there (the service refuses, the dialog says why).
    dialog.parties.item(0, 2).setText("")
    lat, lon = _point_in_town(demo_engine, 2)
    dialog.set_point(lat, lon)
    qtbot.waitUntil(lambda: dialog.place is not None and dialog.place.town_id == 2, timeout=10000)
    assert "outside your town" in dialog.error.text() or "不属于您" in dialog.error.text()
    for _attempt in range(2):  # the first save may stop to show newly found duplicates
        dialog.save()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=10000)
        if "your own town" in dialog.error.text():
            break
    assert "your own town (subdistrict)" in dialog.error.text()
    assert dialog.isVisible()
    assert _counts(demo_engine) == before


def test_admin_routes_and_dispatcher_periods_dialogs(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    runner = TaskRunner()
    with sessions() as s:
        admin, leader, desk = (actor_for(s, n) for n in ("admin", "leader", "dispatcher"))
        petition = s.scalars(select(Department.id).where(Department.code == "petition")).one()
    routes = RoutesDialog(sessions, admin, runner)
    qtbot.addWidget(routes)
    qtbot.waitUntil(lambda: "land" in routes.combos, timeout=10000)
    combo = routes.combos["land"]
    combo.setCurrentIndex(combo.findData(petition))
    routes.save()
    qtbot.waitUntil(lambda: routes.result() == RoutesDialog.DialogCode.Accepted, timeout=10000)
    with sessions() as s:
        from desktop.cases.intake import routed_department

        assert routed_department(s, "land") == petition
    readonly = RoutesDialog(sessions, leader, runner)
    qtbot.addWidget(readonly)
    qtbot.waitUntil(lambda: "land" in readonly.combos, timeout=10000)
    assert not readonly.combos["land"].isEnabled() and not readonly.save_button.isVisibleTo(readonly)

    periods = PeriodsDialog(sessions, desk, runner)
    qtbot.addWidget(periods)
    qtbot.waitUntil(lambda: periods.table.rowCount() > 0, timeout=10000)
    shown = periods.table.rowCount()
    periods.name.setText("岁末年初")
    periods.ends.setDate(periods.starts.date().addDays(-1))
    periods.add_button.click()
    refused = describe(CaseError("intake.period_end_before_start"))
    qtbot.waitUntil(lambda: periods.error.text() == refused, timeout=10000)
    periods.ends.setDate(periods.starts.date().addDays(10))
    periods.add_button.click()
    qtbot.waitUntil(lambda: periods.table.rowCount() == shown + 1, timeout=10000)
    with sessions() as s:
        assert s.scalars(select(SensitivePeriod).where(SensitivePeriod.name == "岁末年初")).one()
    runner.wait(10000)
