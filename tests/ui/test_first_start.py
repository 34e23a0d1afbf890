"""First start on an office PC (ui.first_run), Help → About, and a UI that starts in English when
its catalogue is missing or broken (ui.i18n)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import default_sqlite_path, make_sessionmaker
from desktop.cases.service import CaseService, actor_for
from desktop.version import version
from ui import first_run, i18n
from ui.about import AboutDialog
from ui.first_run import DEMO, SERVER, FirstRunDialog, choose_start, remembered, should_ask
from ui.login import ProfileStore, ServerProfile
from ui.main_window import AppContext, MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def _no_database_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CONCORD_DB_URL", raising=False)


class Script:
    """Stands in for the choice dialog and the login dialog: answers from lists, records calls."""

    def __init__(self, choices: list[str | None], logins: list[str | None]) -> None:
        self.choices, self.logins = choices, logins
        self.asked: list[str | None] = []
        self.login_calls = 0

    def ask(self, current: str | None) -> str | None:
        self.asked.append(current)
        return self.choices.pop(0)

    def login(self) -> str | None:
        self.login_calls += 1
        return self.logins.pop(0)


# --- the choice --------------------------------------------------------------------------------


def test_a_fresh_install_asks_and_remembers_the_demo(settings: QSettings) -> None:
    assert should_ask(settings, None)
    script = Script([DEMO], [])
    start = choose_start(settings, None, script.login, ask=script.ask)
    assert not start.quit and start.login is None  # the embedded demo
    assert script.asked == [None] and script.login_calls == 0
    assert remembered(settings) == DEMO
    # Next start: no question.
    again = Script([], [])
    assert choose_start(settings, None, again.login, ask=again.ask).login is None
    assert again.asked == [] and again.login_calls == 0


def test_choosing_a_server_logs_in_and_is_remembered_only_once_logged_in(settings: QSettings) -> None:
    script = Script([SERVER, SERVER], [None, "login-result"])  # first login cancelled, then made
    start = choose_start(settings, None, script.login, ask=script.ask)
    assert start.login == "login-result" and not start.quit
    assert script.asked == [None, SERVER]  # the cancelled login came back to the choice
    assert remembered(settings) == SERVER
    # Next start goes straight to the login dialog.
    again = Script([], ["login-result"])
    assert choose_start(settings, None, again.login, ask=again.ask).login == "login-result"
    assert again.asked == [] and again.login_calls == 1


def test_a_server_pc_can_still_open_the_demo_by_cancelling_the_login(settings: QSettings) -> None:
    first_run.remember(settings, SERVER)
    script = Script([DEMO], [None])
    start = choose_start(settings, None, script.login, ask=script.ask)
    assert start.login is None and not start.quit
    assert remembered(settings) == DEMO


def test_cancelling_the_choice_quits_and_remembers_nothing(settings: QSettings) -> None:
    script = Script([None], [])
    assert choose_start(settings, None, script.login, ask=script.ask).quit
    assert remembered(settings) is None


@pytest.mark.parametrize("how", ["url", "env", "automated", "profile", "embedded_db"])
def test_no_question_when_something_already_says_what_to_open(
    settings: QSettings, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    url = "sqlite:///elsewhere.db" if how == "url" else None
    if how == "env":
        monkeypatch.setenv("CONCORD_DB_URL", "sqlite:///elsewhere.db")
    if how == "profile":
        ProfileStore(settings).save(ServerProfile(name="城区", host="db.example"))
    if how == "embedded_db":
        default_sqlite_path().parent.mkdir(parents=True, exist_ok=True)
        default_sqlite_path().write_bytes(b"")
    script = Script([], [])
    start = choose_start(settings, url, script.login, automated=how == "automated", ask=script.ask)
    assert not start.quit and start.login is None
    assert script.asked == [] and script.login_calls == 0
    assert remembered(settings) is None


def test_a_bad_remembered_value_is_ignored(settings: QSettings) -> None:
    settings.setValue(first_run.MODE_KEY, "somewhere")
    assert remembered(settings) is None and should_ask(settings, None)
    with pytest.raises(ValueError):
        first_run.remember(settings, "somewhere")


def test_the_dialog_offers_both_and_reports_the_click(qtbot: QtBot) -> None:
    dialog = FirstRunDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.demo_button.isDefault()
    dialog.server_button.click()
    assert dialog.choice == SERVER and dialog.result() == FirstRunDialog.DialogCode.Accepted
    other = FirstRunDialog(current=SERVER)
    qtbot.addWidget(other)
    assert other.server_button.isDefault()
    other.show()
    other.reject()
    assert other.choice is None


def test_ask_choice_runs_the_dialog_modally(qtbot: QtBot) -> None:
    def click() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog))
        dialog.demo_button.click()

    QTimer.singleShot(100, click)
    assert first_run.ask_choice() == DEMO


def test_the_dialog_speaks_chinese(qtbot: QtBot, qapp: QApplication) -> None:
    from tests.ui.language import ui_language

    with ui_language(qapp, "zh_CN"):
        dialog = FirstRunDialog()
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "欢迎使用 Concord"
        assert dialog.demo_button.text() == "打开内置演示城市"


# --- Help → About ------------------------------------------------------------------------------


def test_about_shows_the_version(qtbot: QtBot) -> None:
    dialog = AboutDialog(None, "PostgreSQL db.example/concord")
    qtbot.addWidget(dialog)
    assert version() in dialog.version_label.text()
    assert version() != "0+unknown"
    assert "db.example" in dialog.details.text()


def test_help_menu_opens_about(qtbot: QtBot, demo_engine: Engine, tmp_path: Path) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    ini = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    window = MainWindow(AppContext(demo_engine, sessions, actor, CaseService(sessions), ini, "test db"))
    qtbot.addWidget(window)
    window.about_action.trigger()
    about = window.findChild(AboutDialog)
    assert about is not None and about.isVisible()
    assert version() in about.version_label.text()
    about.close()
    # Closed here, before the engine is disposed: the window's background reads hold connections.
    window.close()
    window.runner.wait(10000)


# --- translations that are missing or broken ---------------------------------------------------


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    for tr in list(_ours):
        qapp.removeTranslator(tr)
    _ours.clear()
    i18n.install(qapp, "en")


_ours: list[object] = []


def _install(qapp: QApplication, folder: Path) -> list[object]:
    installed = i18n.install(qapp, "zh_CN", folder)
    _ours.extend(installed)
    return list(installed)


def _is_english(qapp: QApplication) -> bool:
    return (
        QCoreApplication.translate("MainWindow", "&Help") == "&Help"
        and QLocale().language() == QLocale.Language.English
    )


def test_missing_catalogue_starts_in_english_with_a_log_line(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture, english_after: None
) -> None:
    with caplog.at_level(logging.WARNING, logger="ui.i18n"):
        assert _install(qapp, tmp_path / "nothing-here") == []
    assert _is_english(qapp)
    assert "stays in English" in caplog.text


def test_broken_catalogue_starts_in_english(
    qapp: QApplication, tmp_path: Path, caplog: pytest.LogCaptureFixture, english_after: None
) -> None:
    (tmp_path / "concord_zh_CN.qm").write_bytes(b"not a Qt catalogue")
    with caplog.at_level(logging.WARNING, logger="ui.i18n"):
        assert _install(qapp, tmp_path) == []
    assert _is_english(qapp)
    assert "cannot load" in caplog.text


def test_no_lrelease_and_no_shipped_catalogue_starts_in_english(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    english_after: None,
) -> None:
    shutil.copy(ROOT / "resources" / "translations" / "concord_zh_CN.ts", tmp_path)

    def missing() -> Path:
        raise FileNotFoundError("Qt's lrelease is missing from the PySide6 installation")

    monkeypatch.setattr(i18n, "lrelease_binary", missing)
    with caplog.at_level(logging.WARNING, logger="ui.i18n"):
        assert _install(qapp, tmp_path) == []
    assert _is_english(qapp)
    assert "lrelease is missing" in caplog.text


def test_a_shipped_catalogue_is_used_without_lrelease(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, english_after: None
) -> None:
    shipped = tmp_path / "concord_zh_CN.qm"
    subprocess.run(
        [
            str(i18n.lrelease_binary()),
            "-silent",
            str(ROOT / "resources/translations/concord_zh_CN.ts"),
            "-qm",
            str(shipped),
        ],
        check=True,
    )

    def missing() -> Path:
        raise AssertionError("a shipped catalogue must not need lrelease")

    monkeypatch.setattr(i18n, "lrelease_binary", missing)
    assert i18n.catalogue("zh_CN", tmp_path) == shipped
    assert len(_install(qapp, tmp_path)) >= 1
    assert QCoreApplication.translate("MainWindow", "&Help") == "帮助(&H)"


def test_a_source_checkout_compiles_a_newer_ts_into_the_cache(tmp_path: Path) -> None:
    ts = tmp_path / "concord_zh_CN.ts"
    stale = tmp_path / "concord_zh_CN.qm"
    stale.write_bytes(b"old")
    shutil.copy(ROOT / "resources" / "translations" / "concord_zh_CN.ts", ts)
    os.utime(stale, (1_000_000, 1_000_000))  # older than the .ts
    chosen = i18n.catalogue("zh_CN", tmp_path)
    assert chosen != stale and chosen.is_file() and chosen.stat().st_size > 1000


# --- the program's start -----------------------------------------------------------------------


def test_a_plain_first_start_asks_before_opening_anything(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.app import run_app

    asked: list[str | None] = []

    def cancel(current: str | None) -> str | None:
        asked.append(current)
        return None

    monkeypatch.setattr(first_run, "ask_choice", cancel)
    # run_app installs the user's language (Chinese by default): take it out again afterwards, or
    # every later test would see Chinese where it expects English.
    real_install, installed = i18n.install, []

    def install(app: QApplication, lang: str, folder: Path | None = None) -> list[object]:
        made = real_install(app, lang, folder)
        installed.extend(made)
        return list(made)

    monkeypatch.setattr(i18n, "install", install)
    try:
        assert run_app(None) == 0  # cancelled: the program ends
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)
        real_install(qapp, "en")
    assert asked == [None]
    assert not default_sqlite_path().exists()  # no demo city made behind the question
