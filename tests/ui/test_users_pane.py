"""The administrator's "Users and logins" dialog on a real database (SQLite and PostgreSQL).

On PostgreSQL a user made through the form is a real login: the test logs in as it with psycopg.
Login roles are cluster-global, so every name is unique and dropped again at teardown (the
``logins`` fixture of tests.pg_logins).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db import roles
from db.session import make_engine, make_sessionmaker
from desktop.cases.service import CaseService, actor_for
from desktop.users import add_user, list_users
from tests.pg_logins import Logins, current_user_as, unique_name
from tests.ui.language import ui_language
from ui.app import window_for_login  # noqa: F401  (before any QApplication: registers the map's URL scheme)
from ui.main_window import AppContext, MainWindow
from ui.users_pane import NewUserForm, UsersDialog

# Users are PostgreSQL logins on a server and rows on SQLite: both engines.
pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.both_engines]

PASSWORD = "Secret-pass-1"


def _pg(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@pytest.fixture
def dialog(qtbot: QtBot, demo_engine: Engine) -> Iterator[UsersDialog]:
    dlg = UsersDialog(demo_engine)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.loaded, timeout=20000)
    yield dlg
    dlg._runner.wait(20000)


def _fill(
    form: NewUserForm, name: str, role: str, *, display: str = "测试用户", password: str = PASSWORD
) -> None:
    form.username.setText(name)
    form.display_name.setText(display)
    form.role.setCurrentIndex(form.role.findData(role))
    if form.is_pg:
        form.password.setText(password)
        form.password_again.setText(password)


def test_add_town_staff_through_the_form(
    qtbot: QtBot, dialog: UsersDialog, demo_engine: Engine, logins: Logins
) -> None:
    pg = _pg(demo_engine)
    assert dialog.table.rowCount() == len(list_users(demo_engine)) > 0
    assert dialog.table.isColumnHidden(5) is (not pg)  # "login works" only where there are logins
    form = dialog.new_user()
    name = logins.unique("ts")
    _fill(form, name, "town_staff", display="王镇街")
    assert form.town.isVisibleTo(form) and not form.department.isVisibleTo(form)
    assert form.password.isVisibleTo(form) is pg and form.password_again.isVisibleTo(form) is pg
    if not pg:
        assert "embedded database" in form.note.text()
    form.town.setCurrentIndex(2)
    town_name = form.town.currentText()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=20000)
    qtbot.waitUntil(lambda: dialog.user(name) is not None, timeout=20000)
    user = dialog.user(name)
    assert user is not None
    assert (user["role"], user["town"], user["display_name"], user["active"]) == (
        "town_staff",
        town_name,
        "王镇街",
        True,
    )
    assert dialog.selected_username() == name
    assert name in dialog.status.text()
    # The filter narrows the list to the new user.
    dialog.filter.setText(name)
    assert dialog.visible_usernames() == [name]
    dialog.filter.setText(town_name)
    assert name in dialog.visible_usernames() and len(dialog.visible_usernames()) < dialog.table.rowCount()
    if pg:
        assert user["login"] is True
        assert current_user_as(demo_engine, name, PASSWORD) == name
        with pytest.raises(psycopg.OperationalError):
            current_user_as(demo_engine, name, "wrong-password")


def test_department_combo_for_department_staff_only(qtbot: QtBot, dialog: UsersDialog) -> None:
    form = dialog.new_user()
    form.role.setCurrentIndex(form.role.findData("department_staff"))
    assert form.department.isVisibleTo(form) and not form.town.isVisibleTo(form)
    assert form.department.count() > 0
    form.role.setCurrentIndex(form.role.findData("dispatcher"))
    assert not form.department.isVisibleTo(form) and not form.town.isVisibleTo(form)
    form.reject()


def test_bad_or_taken_names_show_the_refusal_and_create_nothing(
    qtbot: QtBot, dialog: UsersDialog, demo_engine: Engine, logins: Logins
) -> None:
    before = list_users(demo_engine)
    form = dialog.new_user()
    # The refusals are said from the catalogue (English here: no translator is installed).
    attempts = [("Bad Name", "not valid"), ("dispatcher", "already exists")]
    if _pg(demo_engine):
        # A login role of the cluster that is not a Concord user (made here: the test's own
        # superuser may have a reserved name, as concord_ci has in CI).
        stranger = logins.create_role(unique_name("stranger"))
        attempts.append((stranger, "already has a login role"))
    for name, needle in attempts:
        _fill(form, name, "dispatcher", display="重复")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: form.error.isVisibleTo(form) and not form.busy, timeout=20000)
        assert needle in form.error.text() and name in form.error.text()
        assert form.isVisible() and form.username.text() == name  # the input stays
        assert form.display_name.text() == "重复"
    if _pg(demo_engine):
        _fill(form, unique_name("pw"), "dispatcher", password="short")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        assert "8" in form.error.text() and form.isVisible()
        form.password_again.setText("something-else")
        form.password.setText("something-other")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        assert form.error.isVisibleTo(form) and form.isVisible()
    dialog._runner.wait(20000)
    assert list_users(demo_engine) == before
    form.reject()


def test_disable_then_enable(qtbot: QtBot, demo_engine: Engine, logins: Logins) -> None:
    pg = _pg(demo_engine)
    name = logins.unique("dis")
    add_user(demo_engine, name, "待停用", "leader", password=PASSWORD if pg else None)
    dialog = UsersDialog(demo_engine)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20000)
    assert not dialog.disable_button.isEnabled()
    assert dialog.select_user(name)
    assert dialog.disable_button.isEnabled() and not dialog.enable_button.isEnabled()

    # Disabling asks first; Cancel leaves the user alone.
    box = dialog.disable_selected()
    assert box is not None and name in box.text()
    cancel = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    dialog._runner.wait(20000)
    assert next(u for u in list_users(demo_engine) if u["username"] == name)["active"]

    box = dialog.disable_selected()
    assert box is not None
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (u := dialog.user(name)) is not None and not u["active"], timeout=20000)
    assert dialog.selected_username() == name
    assert dialog.enable_button.isEnabled() and not dialog.disable_button.isEnabled()
    if pg:
        assert dialog.user(name)["login"] is False  # type: ignore[index]
        with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
            current_user_as(demo_engine, name, PASSWORD)

    form = dialog.enable_selected()
    assert form is not None
    assert form.password.isVisibleTo(form) is pg
    new_password = "Another-pass-2"
    if pg:
        form.password.setText(new_password)
        form.password_again.setText("mismatch-pass-3")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        assert form.error.isVisibleTo(form) and form.isVisible()
        form.password_again.setText(new_password)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (u := dialog.user(name)) is not None and u["active"], timeout=20000)
    assert not form.isVisible()
    if pg:
        assert dialog.user(name)["login"] is True  # type: ignore[index]
        assert current_user_as(demo_engine, name, new_password) == name
    dialog._runner.wait(20000)


@pytest.mark.pg
def test_a_login_without_the_right_sees_the_servers_refusal_in_chinese(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine, logins: Logins
) -> None:
    if not _pg(demo_engine):
        pytest.skip("the embedded database has no logins or server rights")
    nopriv = logins.add_user(unique_name("nopriv"), "调度员", "dispatcher", password=PASSWORD)
    other = make_engine(nopriv.url)
    try:
        with ui_language(qapp, "zh_CN"):
            dialog = UsersDialog(other)
            qtbot.addWidget(dialog)
            qtbot.waitUntil(lambda: not dialog.loading, timeout=20000)
            form = dialog.new_user()
            target = unique_name("never")
            _fill(form, target, "dispatcher")
            qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: form.error.isVisibleTo(form) and not form.busy, timeout=20000)
            assert "数据库服务器拒绝" in form.error.text(), form.error.text()
            assert "Traceback" not in form.error.text() and form.username.text() == target
            dialog._runner.wait(20000)
    finally:
        other.dispose()
    assert all(u["username"] != target for u in list_users(demo_engine))
    with demo_engine.connect() as conn:
        assert not roles.role_exists(conn, target)


@pytest.mark.parametrize("username", ["dispatcher", "admin"])
def test_menu_action_only_for_administrators(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path, username: str
) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, username)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), settings, "test db"))
    qtbot.addWidget(win)
    try:
        file_menu = win.menuBar().actions()[0].menu()
        assert win.users_action in file_menu.actions()  # type: ignore[union-attr]
        is_admin = username == "admin"
        assert win.users_action.isVisible() is is_admin and win.users_action.isEnabled() is is_admin
        dlg = win.open_users()
        if not is_admin:
            assert dlg is None
            return
        assert dlg is not None and dlg.isVisible()
        qtbot.waitUntil(lambda: dlg.loaded, timeout=20000)
        assert "admin" in dlg.visible_usernames()
        # An administrator cannot lock themselves out.
        dlg.select_user("admin")
        assert dlg.disable_selected() is None and dlg.user("admin")["active"]  # type: ignore[index]
        dlg.close()
    finally:
        win.connection.stop()
        win.live.stop()
        win.runner.wait(20000)
        win.queue.model.wait(20000)  # the queue reads on its own threads


@pytest.mark.pg
def test_enable_gives_a_user_without_a_login_one_and_needs_a_password(
    qtbot: QtBot, dialog: UsersDialog, demo_engine: Engine, logins: Logins
) -> None:
    if not _pg(demo_engine):
        pytest.skip("the embedded database has no logins")
    # Demo users have a users row but no login role (roles are cluster-global).
    name = next(u["username"] for u in dialog.users if u["active"] and not u["login"])
    with demo_engine.connect() as conn:
        if roles.role_exists(conn, name):
            pytest.skip(f"a login named {name} already exists on this server")
    logins.track(name)
    assert dialog.select_user(name) and dialog.enable_button.isEnabled()
    form = dialog.enable_selected()
    assert form is not None and form.needs_password
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisibleTo(form) and form.isVisible()  # no password: refused in the form
    form.password.setText(PASSWORD)
    form.password_again.setText(PASSWORD)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (u := dialog.user(name)) is not None and bool(u["login"]), timeout=20000)
    assert current_user_as(demo_engine, name, PASSWORD) == name
