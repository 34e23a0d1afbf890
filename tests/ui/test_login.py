"""Logging in to a real PostgreSQL server: profiles, the keyring, and clear refusals.

Each test logs in over a real connection as a personal login created with desktop.users.add_user
(through tests.pg_logins, which drops it again).
The keyring is an in-memory backend (keyring.set_keyring), or keyring's own ``fail`` backend for
the "no keyring here" case; passwords must never reach the settings file.
"""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.engine import make_url

from db.session import make_engine
from desktop.users import disable_user
from tests.pg_logins import demo_server, logins_on, unique_name
from ui.app import window_for_login  # before any QApplication: registers the map's URL scheme
from ui.errors import connection_problem
from ui.login import KEYRING_SERVICE, LoginDialog, PasswordStore, ProfileStore, ServerProfile

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.pg]


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@dataclass
class Server:
    url: str  # admin URL of the test database
    database: str
    username: str
    password: str
    display_name: str


@pytest.fixture(scope="module")
def server(_templates: Any) -> Iterator[Server]:
    with demo_server(_templates) as (url, _admin, made):
        login = made.add_user(unique_name("login"), "登录测试调度员", "dispatcher")
        yield Server(url, str(make_url(url).database), login.name, login.password, "登录测试调度员")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _profile(server: Server, name: str = "市中心") -> ServerProfile:
    return ServerProfile(name=name, host="localhost", port=5432, database=server.database, sslmode="prefer")


def _dialog(qtbot: QtBot, settings: QSettings, profile: ServerProfile) -> LoginDialog:
    ProfileStore(settings).save(profile)
    dialog = LoginDialog(settings, profile=profile.name, timeout_s=5)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _try(qtbot: QtBot, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.start_connect()
    qtbot.waitUntil(lambda: not dialog.connecting, timeout=20000)


def test_wrong_password_says_so_and_nothing_else_happens(
    qtbot: QtBot, server: Server, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = _settings(tmp_path)
    dialog = _dialog(qtbot, settings, _profile(server))
    dialog.remember.setChecked(True)
    _try(qtbot, dialog, server.username, "not-the-password")
    text_shown = dialog.status.text()
    assert "Wrong user name or password" in text_shown or "用户名或密码错误" in text_shown
    assert "Traceback" not in text_shown and "File " not in text_shown
    assert dialog.result_login is None and dialog.isVisible()
    assert memory_keyring.store == {}  # a wrong password is never remembered


def test_right_password_opens_the_window_as_that_user(
    qtbot: QtBot, server: Server, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = _settings(tmp_path)
    dialog = _dialog(qtbot, settings, _profile(server))
    _try(qtbot, dialog, server.username, server.password)
    result = dialog.result_login
    assert result is not None, dialog.status.text()
    assert result.actor.name == server.display_name and result.actor.role == "dispatcher"
    window = window_for_login(result, settings)
    qtbot.addWidget(window)
    window.show()
    window.start()
    try:
        assert server.display_name in window.status_user.text()
        assert server.username in window.status_db.text()
        with window.ctx.sessions() as s:
            assert s.execute(text("select session_user")).scalar() == server.username
        qtbot.waitUntil(lambda: window.queue.model.rowCount() > 0, timeout=20000)
    finally:
        window.close()
        window.runner.wait(10000)
        result.engine.dispose()
    # Not asked to remember: nothing in the keyring; the profile remembers the user name only.
    assert memory_keyring.store == {}
    assert ProfileStore(settings).get("市中心").user == server.username  # type: ignore[union-attr]


def test_remember_stores_the_password_in_the_keyring_never_in_a_file(
    qtbot: QtBot, server: Server, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = _settings(tmp_path)
    profile = _profile(server)
    dialog = _dialog(qtbot, settings, profile)
    assert dialog.remember.isEnabled() and dialog.keyring_note.isHidden()
    dialog.remember.setChecked(True)
    _try(qtbot, dialog, server.username, server.password)
    assert dialog.result_login is not None, dialog.status.text()
    dialog.result_login.engine.dispose()
    assert memory_keyring.store == {(KEYRING_SERVICE, f"{profile.name}/{server.username}"): server.password}
    settings.sync()
    assert server.password not in Path(settings.fileName()).read_text(encoding="utf-8")
    # Next start: profile, user and password are filled in; connecting needs no typing.
    again = LoginDialog(settings, profile=profile.name, timeout_s=5)
    qtbot.addWidget(again)
    assert again.user.text() == server.username and again.password.text() == server.password
    assert again.remember.isChecked()
    assert again.auto_connect()
    qtbot.waitUntil(lambda: again.result_login is not None, timeout=20000)
    again.result_login.engine.dispose()  # type: ignore[union-attr]
    # Unticking "remember" forgets it.
    third = LoginDialog(settings, profile=profile.name, timeout_s=5)
    qtbot.addWidget(third)
    third.remember.setChecked(False)
    third.start_connect()
    qtbot.waitUntil(lambda: third.result_login is not None, timeout=20000)
    third.result_login.engine.dispose()  # type: ignore[union-attr]
    assert memory_keyring.store == {}


def test_without_a_keyring_backend_the_dialog_says_so_and_asks_each_time(
    qtbot: QtBot, tmp_path: Path
) -> None:
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not PasswordStore().available
        settings = _settings(tmp_path)
        ProfileStore(settings).save(ServerProfile("本机", database="concord"))
        dialog = LoginDialog(settings)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.keyring_note.isVisible() and "keyring" in dialog.keyring_note.text()
        assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()
    finally:
        keyring.set_keyring(before)


def test_disabled_account_missing_database_and_unreachable_server(
    qtbot: QtBot, server: Server, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    settings = _settings(tmp_path)
    # A database that is not there.
    dialog = _dialog(qtbot, settings, ServerProfile("无库", database=f"nodb_{uuid.uuid4().hex[:6]}"))
    _try(qtbot, dialog, server.username, server.password)
    assert dialog.result_login is None and "no database named" in dialog.status.text()
    # Nothing listens on the port.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dialog = _dialog(qtbot, settings, ServerProfile("关机", host="127.0.0.1", port=port))
    _try(qtbot, dialog, server.username, server.password)
    assert dialog.result_login is None and "cannot be reached" in dialog.status.text()
    # TLS required by the profile, not offered by the server (the test server has no TLS).
    dialog = _dialog(qtbot, settings, ServerProfile("加密", database=server.database, sslmode="require"))
    _try(qtbot, dialog, server.username, server.password)
    assert dialog.result_login is None and "TLS" in dialog.status.text()
    admin = make_engine(server.url)
    try:
        with logins_on(admin) as made:
            # A PostgreSQL login that is nobody in Concord.
            stranger = made.create_role(
                unique_name("stranger"), password="pw-stranger-1", member_of=["concord_dispatcher"]
            )
            dialog = _dialog(qtbot, settings, _profile(server, "陌生"))
            _try(qtbot, dialog, stranger, "pw-stranger-1")
            assert dialog.result_login is None and "no Concord account" in dialog.status.text()
            # A disabled account (its own login, so the module's user stays usable).
            gone = made.add_user(unique_name("gone"), "已停用", "leader", password="pw-gone-123")
            disable_user(admin, gone.name)
            dialog = _dialog(qtbot, settings, _profile(server, "停用"))
            _try(qtbot, dialog, gone.name, "pw-gone-123")
            assert dialog.result_login is None and "disabled" in dialog.status.text()
    finally:
        admin.dispose()


def test_profiles_are_added_edited_and_deleted_in_the_settings(tmp_path: Path) -> None:
    store = ProfileStore(_settings(tmp_path))
    store.save(ServerProfile("市中心", host="10.0.0.5", database="concord", sslmode="require"))
    store.save(ServerProfile("备用", host="10.0.0.6"))
    store.save(
        ServerProfile("市中心-主", host="10.0.0.7", port=6432, sslmode="verify-full"), old_name="市中心"
    )
    assert [p.name for p in store.all()] == ["市中心-主", "备用"]
    assert store.get("市中心-主") == ServerProfile(
        "市中心-主", host="10.0.0.7", port=6432, sslmode="verify-full"
    )
    store.delete("备用")
    assert [p.name for p in store.all()] == ["市中心-主"]
    url = make_url(store.all()[0].url("zhang", "p@ss/word"))
    assert url.password == "p@ss/word" and url.query["sslmode"] == "verify-full" and url.port == 6432


@pytest.mark.parametrize(
    ("message", "code"),
    [
        ('FATAL:  password authentication failed for user "x"', "auth"),
        ('FATAL:  role "x" is not permitted to log in', "disabled"),
        (
            'FATAL:  no pg_hba.conf entry for host "1.2.3.4", user "x", database "c", no encryption',
            "tls_required",
        ),
        ("server does not support SSL, but SSL was required", "tls_unsupported"),
        ("SSL error: certificate verify failed", "tls_failed"),
        ('FATAL:  database "nodb" does not exist', "no_database"),
        ("failed to resolve host 'no-such-host.invalid': [Errno -2] Name or service not known", "dns"),
        ('connection to server at "127.0.0.1", port 5999 failed: Connection refused', "refused"),
        ('connection to server at "10.0.0.1", port 5432 failed: timeout expired', "timeout"),
        ("the database schema (revision 9999) is newer than this program understands", "schema_newer"),
    ],
)
def test_connection_problems_are_recognised(message: str, code: str) -> None:
    assert connection_problem(message) == code


def test_file_connect_to_server_replaces_the_window_with_the_logged_in_one(
    qtbot: QtBot,
    server: Server,
    tmp_path: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.app
    from ui.login import connect

    settings = _settings(tmp_path)
    first = connect(_profile(server), server.username, server.password)
    old = window_for_login(first, settings)
    qtbot.addWidget(old)
    ui.app.offer_reconnect(old)
    old.show()
    second = connect(_profile(server, "备用"), server.username, server.password)
    asked: list[Any] = []

    def fake_login(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs.get("parent"))
        return second

    monkeypatch.setattr(ui.app, "ask_login", fake_login)
    old.connect_action.trigger()
    try:
        assert asked == [old]
        new = ui.app._open_windows[-1]
        qtbot.addWidget(new)
        assert new is not old and new.isVisible() and not old.isVisible()
        assert "备用" in new.status_db.text() and server.display_name in new.status_user.text()
    finally:
        for w in list(ui.app._open_windows):
            w.close()
            w.runner.wait(10000)
        ui.app._open_windows.clear()
        old.runner.wait(10000)
        first.engine.dispose()
        second.engine.dispose()
