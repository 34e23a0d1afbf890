"""Logging in to the central server: server profiles, user, password, the OS keyring.

A *profile* (name, host, port, database, TLS mode = libpq ``sslmode``) is kept in the settings;
a password never is. "Remember password" stores it in the operating system's keyring through
``keyring`` (service "Concord", key "<profile>/<user>"); where no usable keyring backend exists
(a headless machine, keyring's ``fail``/``null`` backends) the dialog says so and asks each time.

Connecting runs off the GUI thread with a timeout; what went wrong is said in Chinese (see
ui.errors.explain_connection), never as a stack trace. After login the app acts as the ``users``
row of the connected login (desktop.users.current_user): role, town and department come from it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.database import SignInError, sign_in
from desktop.store import Engine, SessionFactory
from ui.errors import add_error_and_buttons, explain_connection
from ui.settings import (
    CONNECT_TIMEOUT_S,
    KEY_LAST_PROFILE,
    KEY_PROFILES,
    TLS_MODES,
    ServerProfile,
    Settings,
)
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label, typed

KEYRING_SERVICE = "Concord"
SETTINGS_ARRAY = KEY_PROFILES
SETTINGS_LAST = KEY_LAST_PROFILE


# --- profiles in the settings ------------------------------------------------------------------


class ProfileStore:
    """Server profiles kept in the settings (no passwords)."""

    def __init__(self, settings: Settings | QSettings) -> None:
        self.settings = Settings.of(settings)

    def all(self) -> list[ServerProfile]:
        return self.settings.server_profiles

    def get(self, name: str) -> ServerProfile | None:
        return next((p for p in self.all() if p.name == name), None)

    def save(self, profile: ServerProfile, old_name: str | None = None) -> None:
        """Add or replace (by name, or by ``old_name`` when the profile was renamed)."""
        profiles = self.all()
        key = old_name or profile.name
        for i, p in enumerate(profiles):
            if p.name == key:
                profiles[i] = profile
                break
        else:
            profiles.append(profile)
        self.settings.server_profiles = profiles

    def delete(self, name: str) -> None:
        self.settings.server_profiles = [p for p in self.all() if p.name != name]
        if self.last() == name:
            self.settings.last_profile = ""

    def last(self) -> str:
        return self.settings.last_profile

    def set_last(self, name: str) -> None:
        self.settings.last_profile = name


# --- passwords in the OS keyring -----------------------------------------------------------------


class PasswordStore:
    """The OS keyring through ``keyring``; never a file. ``available`` is False without a backend."""

    def _backend(self) -> Any:
        import keyring

        return keyring.get_keyring()

    @property
    def available(self) -> bool:
        try:
            backend = self._backend()
        except Exception:  # a broken keyring installation is the same as none
            return False
        module = type(backend).__module__
        if module.endswith((".fail", ".null")):
            return False
        try:
            return float(getattr(backend, "priority", 1)) > 0
        except Exception:  # priority raises when the backend cannot work here
            return False

    def get(self, profile: ServerProfile, user: str) -> str | None:
        if not user or not self.available:
            return None
        try:
            value = self._backend().get_password(KEYRING_SERVICE, profile.keyring_key(user))
        except Exception:  # a locked or broken keyring: ask for the password instead
            return None
        return str(value) if value else None

    def set(self, profile: ServerProfile, user: str, password: str) -> bool:
        if not self.available:
            return False
        try:
            self._backend().set_password(KEYRING_SERVICE, profile.keyring_key(user), password)
        except Exception:
            return False
        return True

    def delete(self, profile: ServerProfile, user: str) -> None:
        if not self.available:
            return
        with contextlib.suppress(Exception):  # nothing stored: nothing to forget
            self._backend().delete_password(KEYRING_SERVICE, profile.keyring_key(user))


# --- connecting (off the GUI thread) -------------------------------------------------------------


# A refused sign-in the driver does not know about: ``code`` as in ui.errors.
LoginError = SignInError


@dataclass
class LoginResult:
    engine: Engine
    sessions: SessionFactory
    actor: Any  # desktop.cases.ladder.Actor
    profile: ServerProfile
    user: str


def connect(
    profile: ServerProfile, user: str, password: str, timeout_s: int = CONNECT_TIMEOUT_S
) -> LoginResult:
    """Open the profile's database as ``user``: check the schema and find the user's row.

    Runs on a worker thread. Raises the driver's error, a DatabaseError for a too-new schema, or
    LoginError (schema_older, no_account, disabled); nothing is left open on failure.
    """
    signed = sign_in(profile.url(user, password, timeout_s))
    return LoginResult(signed.engine, signed.sessions, signed.actor, profile, user)


def explain_login(exc: BaseException, profile: ServerProfile | None = None) -> str:
    if isinstance(exc, LoginError):
        return explain_connection(exc.code)
    return explain_connection(
        exc, host=profile.host if profile else "", database=profile.database if profile else ""
    )


# --- dialogs -------------------------------------------------------------------------------------


class ProfileDialog(QDialog):
    """Add or edit one server profile."""

    def __init__(self, profile: ServerProfile | None, taken: set[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Server profile"))
        self.setMinimumWidth(380)
        self._taken = taken
        p = profile or ServerProfile(name="")
        form = QFormLayout(self)
        self.name = QLineEdit(p.name)
        self.host = QLineEdit(p.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(p.port)
        self.database = QLineEdit(p.database)
        self.sslmode = QComboBox()
        for mode in TLS_MODES:
            self.sslmode.addItem(tls_label(mode), mode)
        self.sslmode.setCurrentIndex(TLS_MODES.index(p.sslmode))
        self._user = p.user
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Server address"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("TLS mode"), self.sslmode)
        self.error = add_error_and_buttons(form, self, self._check)

    def _check(self) -> None:
        name = typed(self.name).strip()
        if not name or not typed(self.host).strip() or not typed(self.database).strip():
            self.error.setText(self.tr("Name, server address and database are required."))
            return
        if name in self._taken:
            self.error.setText(self.tr("A profile with this name exists already."))
            return
        self.accept()

    def profile(self) -> ServerProfile:
        return ServerProfile(
            name=typed(self.name).strip(),
            host=typed(self.host).strip(),
            port=self.port.value(),
            database=typed(self.database).strip(),
            sslmode=str(self.sslmode.currentData()),
            user=self._user,
        )


def tls_label(mode: str) -> str:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    return {
        "disable": translate("Login", "disable — never encrypted"),
        "allow": translate("Login", "allow — encrypted if the server insists"),
        "prefer": translate("Login", "prefer — encrypted if the server offers it"),
        "require": translate("Login", "require — always encrypted"),
        "verify-ca": translate("Login", "verify-ca — encrypted, certificate checked"),
        "verify-full": translate("Login", "verify-full — encrypted, certificate and name checked"),
    }.get(mode, mode)


class LoginDialog(QDialog):
    """Server profile, user, password, remember — and the connection, off the GUI thread."""

    loggedIn = Signal(object)  # LoginResult

    def __init__(
        self,
        settings: Settings | QSettings,
        parent: QWidget | None = None,
        profile: str | None = None,
        passwords: PasswordStore | None = None,
        timeout_s: int = CONNECT_TIMEOUT_S,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Connect to server") + " — Concord")
        self.setMinimumWidth(460)
        self.store = ProfileStore(settings)
        self.passwords = passwords or PasswordStore()
        self.timeout_s = timeout_s
        self.result_login: LoginResult | None = None
        self.connecting = False
        self._attempt = 0
        self._runner = TaskRunner(self, max_threads=1)
        self._guard = QTimer(self)
        self._guard.setSingleShot(True)
        self._guard.timeout.connect(self._timed_out)

        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        row = QHBoxLayout()
        self.profile_combo = QComboBox()
        self.profile_combo.setMinimumWidth(180)
        self.add_button = QPushButton(self.tr("New…"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        row.addWidget(self.profile_combo, 1)
        for b in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(b)
        form.addRow(self.tr("Server"), row)
        self.where = plain_label()  # the profile's host and database, as typed
        self.where.setStyleSheet("color: palette(mid)")
        form.addRow("", self.where)
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember password (in the system's keyring)"))
        form.addRow(self.tr("User name"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow("", self.remember)
        self.keyring_note = QLabel(
            self.tr(
                "No secure password store (keyring) is available on this computer: "
                "the password cannot be remembered and is asked each time."
            )
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: palette(mid)")
        layout.addWidget(self.keyring_note)
        self.status = plain_label()  # the server's own words when it refuses
        self.status.setWordWrap(True)
        self.status.setObjectName("LoginStatus")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(
            self.tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self.start_connect)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if not self.passwords.available:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
        else:
            self.keyring_note.hide()
        self.add_button.clicked.connect(self.add_profile)
        self.edit_button.clicked.connect(self.edit_profile)
        self.delete_button.clicked.connect(self.delete_profile)
        self.profile_combo.currentIndexChanged.connect(lambda _i: self._profile_chosen())
        self.user.editingFinished.connect(self._fill_password)
        self._reload_profiles(profile or self.store.last())

    # --- profiles ----------------------------------------------------------------------------

    def current_profile(self) -> ServerProfile | None:
        name = self.profile_combo.currentData()
        return self.store.get(str(name)) if name else None

    def _reload_profiles(self, select: str = "") -> None:
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        for p in self.store.all():
            self.profile_combo.addItem(p.name, p.name)
        index = self.profile_combo.findData(select) if select else 0
        self.profile_combo.setCurrentIndex(max(index, 0) if self.profile_combo.count() else -1)
        self.profile_combo.blockSignals(False)
        self._profile_chosen()

    def _profile_chosen(self) -> None:
        p = self.current_profile()
        has = p is not None
        for w in (self.edit_button, self.delete_button, self.connect_button):
            w.setEnabled(has and not self.connecting)
        if p is None:
            self.where.setText(self.tr("No server profile yet: add one with “New…”."))
            return
        self.where.setText(f"{p.host}:{p.port}/{p.database} · TLS {p.sslmode}")
        if p.user and not typed(self.user):
            self.user.setText(p.user)
        self._fill_password()

    def _fill_password(self) -> None:
        p = self.current_profile()
        stored = self.passwords.get(p, typed(self.user).strip()) if p else None
        if stored:
            self.password.setText(stored)
            self.remember.setChecked(True)

    def add_profile(self) -> None:
        dialog = ProfileDialog(None, {p.name for p in self.store.all()}, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.store.save(dialog.profile())
            self._reload_profiles(dialog.profile().name)

    def edit_profile(self) -> None:
        p = self.current_profile()
        if p is None:
            return
        dialog = ProfileDialog(p, {q.name for q in self.store.all()} - {p.name}, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.store.save(dialog.profile(), old_name=p.name)
            self._reload_profiles(dialog.profile().name)

    def delete_profile(self) -> None:
        p = self.current_profile()
        if p is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete profile"), literal(fill(self.tr("Delete the server profile “%1”?"), p.name))
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if p.user:
            self.passwords.delete(p, p.user)
        self.store.delete(p.name)
        self._reload_profiles()

    # --- connecting ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.connecting = busy
        for w in (
            self.profile_combo,
            self.add_button,
            self.edit_button,
            self.delete_button,
            self.user,
            self.password,
        ):
            w.setEnabled(not busy)
        self.remember.setEnabled(not busy and self.passwords.available)
        self.connect_button.setEnabled(not busy and self.current_profile() is not None)

    def show_error(self, text: str) -> None:
        self.status.setStyleSheet("color: #b3261e")
        self.status.setText(text)

    def start_connect(self) -> None:
        if self.connecting:
            return
        profile = self.current_profile()
        user, password = typed(self.user).strip(), typed(self.password)
        if profile is None:
            self.show_error(self.tr("Choose or add a server profile first."))
            return
        if not user:
            self.show_error(self.tr("Please enter your user name."))
            self.user.setFocus()
            return
        self._attempt += 1
        attempt, timeout = self._attempt, self.timeout_s
        self._set_busy(True)
        self.status.setStyleSheet("")
        self.status.setText(
            fill(self.tr("Connecting to %1 …"), f"{profile.host}:{profile.port}/{profile.database}")
        )
        self._guard.start((timeout + 4) * 1000)
        self._runner.submit(
            lambda: connect(profile, user, password, timeout),
            lambda result: self._connected(attempt, result),
            lambda exc: self._failed(attempt, profile, exc),
        )

    def _timed_out(self) -> None:
        self._attempt += 1  # an answer still on its way is no longer wanted
        self._set_busy(False)
        self.show_error(
            explain_connection("timeout expired", host=(self.current_profile() or ServerProfile("")).host)
        )

    def _connected(self, attempt: int, result: LoginResult) -> None:
        if attempt != self._attempt:
            result.engine.dispose()
            return
        self._guard.stop()
        self._set_busy(False)
        profile, user = result.profile, result.user
        if self.remember.isChecked() and self.passwords.available:
            self.passwords.set(profile, user, typed(self.password))
        else:
            self.passwords.delete(profile, user)
        profile = replace(profile, user=user)
        self.store.save(profile)
        self.store.set_last(profile.name)
        result.profile = profile
        self.result_login = result
        self.status.setText("")
        self.loggedIn.emit(result)
        self.accept()

    def _failed(self, attempt: int, profile: ServerProfile, exc: Exception) -> None:
        if attempt != self._attempt:
            return
        self._guard.stop()
        self._set_busy(False)
        self.show_error(explain_login(exc, profile))
        self.password.setFocus()
        self.password.selectAll()

    def auto_connect(self) -> bool:
        """Connect at once when profile, user and a remembered password are all there."""
        if self.current_profile() and typed(self.user).strip() and typed(self.password):
            self.start_connect()
            return True
        return False

    def done(self, code: int) -> None:
        self._guard.stop()
        self._attempt += 1
        super().done(code)
