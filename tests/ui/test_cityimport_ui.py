"""The import wizard and the workers/grids admin screen on a real (SQLite) database, in Chinese:
a check with problems stores nothing and keeps Import disabled; a clean check enables it until
the inputs change; the admin forms save moves and show refusals without changing anything."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.models import CityChange, Grid, Town, Worker
from db.session import make_engine, make_sessionmaker
from db.vocab import Role
from desktop import cityimport
from desktop.cases.ladder import Actor
from tests.ui.language import ui_language
from ui.city_admin_pane import ActiveDialog, CityAdminDialog, WorkerDialog
from ui.cityimport_dialog import CityImportDialog
from ui.tasks import TaskRunner

DATA = Path(__file__).resolve().parent.parent / "data" / "cityimport"
GOOD = ["towns.geojson", "villages.shp", "grids.geojson", "squads.csv", "workers.xlsx", "helpers.csv"]
ADMIN = Actor(None, Role.ADMIN, name="系统管理员")


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(f"sqlite:///{tmp_path / 'city.db'}")
    migrate.upgrade(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def zh(qapp: QApplication) -> Iterator[None]:
    with ui_language(qapp, "zh_CN"):
        yield


def count(sessions: sessionmaker[Session], model: type) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_wizard_checks_then_imports(qtbot: QtBot, sessions: sessionmaker[Session], zh: None) -> None:
    runner = TaskRunner()
    dialog = CityImportDialog(sessions, runner, ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "导入城市数据"
    assert not dialog.import_button.isEnabled() and not dialog.check_button.isEnabled()
    dialog.add_files([DATA / n for n in (*GOOD, "grids_bad.geojson")])
    kinds = [dialog.files.cellWidget(r, 1) for r in range(dialog.files.rowCount())]
    assert all(isinstance(k, QComboBox) for k in kinds)
    assert [k.currentText() for k in kinds if isinstance(k, QComboBox)][:3] == [
        "镇街边界",
        "村居边界",
        "网格边界",
    ]
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    # Two grid files: refused, with the reasons in the problems table; nothing stored.
    problems = [dialog.issues.item(r, 2).text() for r in range(dialog.issues.rowCount())]
    assert "网格边界只能有一个文件" in problems
    assert "问题" in dialog.status.text() and "未写入任何数据" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert count(sessions, Town) == 0

    dialog.files.selectRow(dialog.files.rowCount() - 1)
    dialog.remove_selected()
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.issues.rowCount() == 0
    labels = {
        dialog.counts.item(r, 0).text(): dialog.counts.item(r, 1).text()
        for r in range(dialog.counts.rowCount())
    }
    assert labels["镇街"] == "2" and labels["群工队员"] == "4"
    assert dialog.import_button.isEnabled()
    assert count(sessions, Town) == 0  # a check stores nothing

    # Changing an option asks for a new check first.
    dialog.deactivate_missing.setChecked(True)
    assert not dialog.import_button.isEnabled()
    assert "重新检查" in dialog.status.text()
    dialog.deactivate_missing.setChecked(False)
    dialog.check()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.commit()
    assert dialog.report is not None and dialog.report.committed
    assert count(sessions, Town) == 2 and count(sessions, Worker) == 4
    assert "已导入" in dialog.status.text()
    runner.wait(5000)


@pytest.fixture
def admin_dialog(qtbot: QtBot, sessions: sessionmaker[Session], zh: None) -> Iterator[CityAdminDialog]:
    report = cityimport.run_import(
        sessions, [cityimport.parse_source(str(DATA / n)) for n in GOOD], dry_run=False
    )
    assert report.committed, report.text()
    runner = TaskRunner()
    dialog = CityAdminDialog(sessions, runner, ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20_000)
    yield dialog
    runner.wait(5000)


def test_admin_moves_a_worker(
    qtbot: QtBot, admin_dialog: CityAdminDialog, sessions: sessionmaker[Session]
) -> None:
    d = admin_dialog
    assert d.windowTitle() == "队员与网格"
    assert d.worker_table.rowCount() == 4 and d.grid_table.rowCount() == 4
    assert [d.tabs.tabText(i) for i in range(3)] == ["群工队员", "网格", "变更记录"]
    row = next(i for i, w in enumerate(d.workers) if w["code"] == "W001")
    d.worker_table.selectRow(row)
    form = d.edit_worker(d.selected_worker())
    assert isinstance(form, WorkerDialog) and form.windowTitle() == "编辑或调动队员"
    form.phone.setText("12345")
    form.submit()
    qtbot.waitUntil(lambda: not form.busy, timeout=10_000)
    assert "格式不正确" in form.error.text() and form.isVisible()
    form.phone.setText("13800000001")
    form.grid.setCurrentIndex(form.grid.findText("王家庄村网格（T0100201）"))
    form.reason.setText("支援王家庄村")
    with qtbot.waitSignal(d.changed, timeout=10_000):
        form.submit()
    qtbot.waitUntil(
        lambda: d.loaded and any(w["grid_code"] == "T0100201" and w["code"] == "W001" for w in d.workers),
        timeout=10_000,
    )
    with sessions() as s:
        moved = s.scalars(select(CityChange).where(CityChange.action == "move")).one()
        assert (moved.entity_code, moved.reason, moved.actor_name) == ("W001", "支援王家庄村", "系统管理员")
    assert d.change_table.rowCount() > 0 and d.change_table.item(0, 4).text() == "调动"


def test_deactivating_a_grid_with_workers_is_refused(
    qtbot: QtBot, admin_dialog: CityAdminDialog, sessions: sessionmaker[Session]
) -> None:
    d = admin_dialog
    d.tabs.setCurrentIndex(1)
    row = next(i for i, g in enumerate(d.grids) if g["code"] == "T0100101")
    d.grid_table.selectRow(row)
    assert d.grid_active_button.text() == "停用…"
    form = d.toggle_grid()
    assert isinstance(form, ActiveDialog) and form.windowTitle() == "停用网格"
    form.submit()  # no reason
    qtbot.waitUntil(lambda: not form.busy, timeout=10_000)
    assert form.error.text() == "请填写原因"
    form.reason.setText("并入王家庄村网格")
    form.submit()
    qtbot.waitUntil(lambda: not form.busy, timeout=10_000)
    assert form.error.text() == "网格上还有 1 名在岗队员，请先调走或停用他们"
    with sessions() as s:
        assert s.scalars(select(Grid.active).where(Grid.code == "T0100101")).one() is True
        assert (
            s.scalar(
                select(func.count())
                .select_from(CityChange)
                .where(CityChange.entity == "grid", CityChange.action != "add")
            )
            == 0
        )
    form.reject()


def test_only_administrators_open_the_city_dialogs() -> None:
    from types import SimpleNamespace

    from ui.city_admin_pane import open_city_admin
    from ui.cityimport_dialog import open_city_import

    window = SimpleNamespace(ctx=SimpleNamespace(actor=Actor(None, Role.DISPATCHER, name="值班员")))
    assert open_city_import(window) is None
    assert open_city_admin(window) is None
