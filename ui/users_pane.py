"""Users and logins (用户与登录): the administrator's list of desktop users, with adding, disabling
and enabling them.

On PostgreSQL every user is a login role of the central server (see :mod:`desktop.users`), so a new
user gets a password here and disabling one locks the login at once. The embedded SQLite database
has no logins: the form then asks for no password and says why.

All database work runs on the TaskRunner; refusals (a bad or taken user name, the server denying
the administrator a right) are shown in the user's language inside the form, which keeps what
was typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.ladder import Actor
from desktop.store import Engine, Session
from desktop.users import (
    USER_ROLES,
    UserError,
    add_user,
    disable_user,
    enable_user,
    list_users,
    unit_choices,
)
from desktop.vocab import Role
from ui.errors import explain_connection, first_line, is_connection_error
from ui.labels import role_label
from ui.refusals import describe
from ui.tasks import TaskRunner
from ui.text import fill, plain_label

MIN_PASSWORD = 8
ERROR_STYLE = "color: #b71c1c;"
NOTE_STYLE = "color: #555;"
USERNAME_ROLE = Qt.ItemDataRole.UserRole


def explain_user_error(exc: Exception) -> str:
    """What went wrong with a user-management request, in the user's language, no stack trace."""
    translate = QCoreApplication.translate
    if isinstance(exc, UserError):
        return describe(exc)
    if is_connection_error(exc):
        return explain_connection(exc)
    text = str(getattr(exc, "orig", None) or exc).lower()
    if "permission denied" in text or "administrator" in text or "insufficient" in text:
        return fill(
            translate(
                "UsersDialog",
                "The database server refused: your login lacks the right to manage users "
                "(only an administrator of this database may; see “python main.py db init-server”). (%1)",
            ),
            first_line(exc),
        )
    return fill(translate("UsersDialog", "The change failed: %1"), first_line(exc))


def _load(engine: Engine) -> dict[str, Any]:
    """Users, towns and departments (worker thread)."""
    with Session(engine) as session:
        towns, departments = unit_choices(session)
    return {"users": list_users(engine), "towns": towns, "departments": departments}


class _TaskForm(QDialog):
    """A small modal form whose OK runs one database task; a failure is shown in the form,
    which stays open with its input."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.busy = False
        self.error = plain_label()  # errors quote the names typed
        self.error.setObjectName("FormError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        # Texts are set by the subclasses: lupdate files a base class's tr() under the base.
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def submit(self) -> None:  # overridden
        raise NotImplementedError

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        self.busy = True
        self.show_error("")
        self.ok_button.setEnabled(False)
        self.cancel_button.setEnabled(False)

        def done(result: Any) -> None:
            self.busy = False
            self.ok_button.setEnabled(True)
            self.cancel_button.setEnabled(True)
            on_done(result)
            self.accept()

        def failed(exc: Exception) -> None:
            self.busy = False
            self.ok_button.setEnabled(True)
            self.cancel_button.setEnabled(True)
            self.show_error(explain_user_error(exc))

        self._runner.submit(fn, done, failed)

    def reject(self) -> None:
        if not self.busy:  # a running change finishes and reports here
            super().reject()


class NewUserForm(_TaskForm):
    """新增用户: user name, display name, role, its town or department, and (PostgreSQL) a password."""

    created = Signal(object)  # the new user as a dict (desktop.users)

    def __init__(
        self,
        engine: Engine,
        runner: TaskRunner,
        towns: list[tuple[int, str]],
        departments: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("NewUserForm")
        self.setWindowTitle(self.tr("New user"))
        self._engine = engine
        self.is_pg = engine.dialect.name == "postgresql"
        self.ok_button.setText(self.tr("Create"))
        self.cancel_button.setText(self.tr("Cancel"))

        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("lower-case letters, digits and _, e.g. zhang_wei"))
        self.username.setMaxLength(63)
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("the name shown in case histories, e.g. 张伟"))
        self.display_name.setMaxLength(64)
        self.role = QComboBox()
        for role in USER_ROLES:
            self.role.addItem(role_label(role), role)
        self.town = QComboBox()
        for tid, name in towns:
            self.town.addItem(name, tid)
        self.department = QComboBox()
        for did, name in departments:
            self.department.addItem(name, did)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)

        self.form = QFormLayout()
        self.form.addRow(self.tr("User name"), self.username)
        self.form.addRow(self.tr("Display name"), self.display_name)
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Town"), self.town)
        self.form.addRow(self.tr("Department"), self.department)
        self.form.addRow(self.tr("Password"), self.password)
        self.form.addRow(self.tr("Confirm password"), self.password_again)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        if self.is_pg:
            self.note.setText(
                fill(
                    self.tr(
                        "The user logs in to the central database with this user name and password "
                        "(at least %1 characters). Tell them the password in person."
                    ),
                    MIN_PASSWORD,
                )
            )
        else:
            self.note.setText(
                self.tr(
                    "The embedded database has no logins, so no password is set: on this PC the "
                    "program acts as the user chosen when it starts."
                )
            )
        self.form.setRowVisible(self.password, self.is_pg)
        self.form.setRowVisible(self.password_again, self.is_pg)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.setMinimumWidth(460)

    def current_role(self) -> str:
        return str(self.role.currentData())

    def _role_changed(self) -> None:
        role = self.current_role()
        self.form.setRowVisible(self.town, role == Role.TOWN_STAFF)
        self.form.setRowVisible(self.department, role == Role.DEPARTMENT_STAFF)
        self.adjustSize()

    def submit(self) -> None:
        if self.busy:
            return
        username = self.username.text().strip()
        display = self.display_name.text().strip()
        role = self.current_role()
        if not username:
            self.show_error(self.tr("Enter a user name."))
            self.username.setFocus()
            return
        town_id = self.town.currentData() if role == Role.TOWN_STAFF else None
        department_id = self.department.currentData() if role == Role.DEPARTMENT_STAFF else None
        if role == Role.TOWN_STAFF and town_id is None:
            self.show_error(self.tr("Choose the town this user works for."))
            return
        if role == Role.DEPARTMENT_STAFF and department_id is None:
            self.show_error(self.tr("Choose the department this user works for."))
            return
        password: str | None = None
        if self.is_pg:
            password = self.password.text()
            if len(password) < MIN_PASSWORD:
                self.show_error(fill(self.tr("The password needs at least %1 characters."), MIN_PASSWORD))
                self.password.setFocus()
                return
            if password != self.password_again.text():
                self.show_error(self.tr("The two passwords differ."))
                self.password_again.setFocus()
                return
        engine = self._engine
        self._run(
            lambda: add_user(
                engine,
                username,
                display or username,
                role,
                town_id=town_id,
                department_id=department_id,
                password=password,
            ),
            self.created.emit,
        )


class EnableForm(_TaskForm):
    """启用: confirm, and on PostgreSQL optionally give a new password."""

    enabled = Signal(str)

    def __init__(
        self, engine: Engine, runner: TaskRunner, user: dict[str, Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(runner, parent)
        self.setObjectName("EnableForm")
        self.setWindowTitle(self.tr("Enable user"))
        self._engine = engine
        self.username = str(user["username"])
        self.is_pg = engine.dialect.name == "postgresql"
        # A user whose login role is missing (made on another server, or restored) gets a new
        # login here, which is useless without a password.
        self.needs_password = self.is_pg and bool(user.get("active")) and not user.get("login")
        self.ok_button.setText(self.tr("Enable"))
        self.cancel_button.setText(self.tr("Cancel"))
        question = plain_label(
            fill(
                self.tr("Enable “%1” (%2) again? They can log in and work as before."),
                self.username,
                user.get("display_name") or "",
            )
        )
        question.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            self.tr("required: this user has no login yet")
            if self.needs_password
            else self.tr("leave empty to keep the old password")
        )
        self.password_again = QLineEdit()
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.password)
        form.addRow(self.tr("Confirm password"), self.password_again)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        if self.is_pg:
            layout.addLayout(form)
        else:
            self.password.hide()
            self.password_again.hide()
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        if self.busy:
            return
        password: str | None = None
        if self.is_pg and (self.needs_password or self.password.text() or self.password_again.text()):
            password = self.password.text()
            if len(password) < MIN_PASSWORD:
                self.show_error(fill(self.tr("The password needs at least %1 characters."), MIN_PASSWORD))
                return
            if password != self.password_again.text():
                self.show_error(self.tr("The two passwords differ."))
                return
        engine, name = self._engine, self.username
        self._run(lambda: enable_user(engine, name, password), lambda _: self.enabled.emit(name))


class UsersDialog(QDialog):
    """用户与登录: the list of users with a filter, and the add / disable / enable actions.

    ``usersChanged`` after any change (the list refreshes itself)."""

    usersChanged = Signal()
    COLUMNS = 6

    def __init__(
        self,
        engine: Engine,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
        *,
        actor: Actor | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("UsersDialog")
        self.setWindowTitle(self.tr("Users and logins"))
        self._engine = engine
        self._runner = runner or TaskRunner(self)
        self._actor = actor
        self.is_pg = engine.dialect.name == "postgresql"
        self.users: list[dict[str, Any]] = []
        self.towns: list[tuple[int, str]] = []
        self.departments: list[tuple[int, str]] = []
        self.loaded = False
        self.loading = False
        self.form: NewUserForm | None = None
        self.enable_form: EnableForm | None = None
        self.confirm_box: QMessageBox | None = None

        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by user name, name, role, town or department"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.new_button = QPushButton(self.tr("New user…"))
        self.disable_button = QPushButton(self.tr("Disable"))
        self.enable_button = QPushButton(self.tr("Enable…"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.new_button.clicked.connect(self.new_user)
        self.disable_button.clicked.connect(self.disable_selected)
        self.enable_button.clicked.connect(self.enable_selected)
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        for button in (self.new_button, self.disable_button, self.enable_button, self.refresh_button):
            bar.addWidget(button)

        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Display name"),
                self.tr("Role"),
                self.tr("Town / department"),
                self.tr("Status"),
                self.tr("Login"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        # Embedded database: there are no logins to show (the note below says so).
        self.table.setColumnHidden(self.COLUMNS - 1, not self.is_pg)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._double_clicked())

        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setText(
            self.tr(
                "Each user is a login of the central database; a disabled user cannot log in and "
                "their open sessions are ended. Their cases and history stay."
            )
            if self.is_pg
            else self.tr(
                "Embedded database: users have no logins or passwords here; the program acts as "
                "the user chosen when it starts. Disabled users cannot be chosen."
            )
        )
        self.status = plain_label()  # messages quote user and display names
        self.status.setObjectName("UsersStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.NoButton)
        close_button = close.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close_button.clicked.connect(self.reject)
        layout.addWidget(close)
        self.resize(900, 560)
        self._update_buttons()
        self.refresh()

    # --- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.loading:
            return
        self.loading = True
        self._set_status(self.tr("Loading users…"))
        engine = self._engine
        self._runner.submit(lambda: _load(engine), self._loaded, self._load_failed)

    def _loaded(self, data: dict[str, Any]) -> None:
        self.loading = False
        self.loaded = True
        self.users = data["users"]
        self.towns = data["towns"]
        self.departments = data["departments"]
        self._fill()
        active = sum(1 for u in self.users if u["active"])
        self._set_status(fill(self.tr("%1 users, %2 active."), len(self.users), active))

    def _load_failed(self, exc: Exception) -> None:
        self.loading = False
        self._set_status(explain_user_error(exc), error=True)

    def _set_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")

    def _fill(self) -> None:
        selected = self.selected_username()
        self.table.setRowCount(len(self.users))
        grey = QColor("#888")
        for row, user in enumerate(self.users):
            unit = user.get("town") or user.get("department") or ""
            login = self._login_text(user)
            cells = [
                str(user["username"]),
                str(user.get("display_name") or ""),
                role_label(str(user["role"])),
                str(unit),
                self.tr("Active") if user["active"] else self.tr("Disabled"),
                login,
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(USERNAME_ROLE, user["username"])
                if not user["active"]:
                    item.setForeground(grey)
                self.table.setItem(row, col, item)
        self._apply_filter()
        if selected is not None:
            self.select_user(selected)
        self._update_buttons()

    def _login_text(self, user: dict[str, Any]) -> str:
        if not self.is_pg:
            return "—"
        if user.get("login"):
            return self.tr("Works") if user["active"] else self.tr("Locked")
        return self.tr("Locked") if user.get("active") is False else self.tr("No login")

    def _apply_filter(self) -> None:
        needle = self.filter.text().strip().lower()
        for row in range(self.table.rowCount()):
            texts = " ".join(
                (item.text() if (item := self.table.item(row, col)) is not None else "")
                for col in range(self.COLUMNS)
            ).lower()
            self.table.setRowHidden(row, bool(needle) and needle not in texts)

    # --- selection ---------------------------------------------------------------------------

    def visible_usernames(self) -> list[str]:
        names = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and not self.table.isRowHidden(row):
                names.append(item.text())
        return names

    def select_user(self, username: str) -> bool:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text() == username:
                self.table.selectRow(row)
                return True
        return False

    def selected_username(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(USERNAME_ROLE)) if items else None

    def selected_user(self) -> dict[str, Any] | None:
        name = self.selected_username()
        return next((u for u in self.users if u["username"] == name), None)

    def user(self, username: str) -> dict[str, Any] | None:
        return next((u for u in self.users if u["username"] == username), None)

    def _update_buttons(self) -> None:
        user = self.selected_user()
        self.new_button.setEnabled(self.loaded)
        self.disable_button.setEnabled(user is not None and bool(user["active"]))
        can_enable = user is not None and (not user["active"] or (self.is_pg and not user.get("login")))
        self.enable_button.setEnabled(can_enable)

    def _double_clicked(self) -> None:
        user = self.selected_user()
        if user is not None and not user["active"]:
            self.enable_selected()

    # --- actions -----------------------------------------------------------------------------

    def new_user(self) -> NewUserForm:
        self.form = NewUserForm(self._engine, self._runner, self.towns, self.departments, self)
        self.form.created.connect(self._created)
        self.form.open()
        return self.form

    def _created(self, user: dict[str, Any]) -> None:
        self._set_status(fill(self.tr("User “%1” created."), user["username"]))
        self._changed(select=str(user["username"]))

    def disable_selected(self) -> QMessageBox | None:
        user = self.selected_user()
        if user is None or not user["active"]:
            return None
        name = str(user["username"])
        if self._actor is not None and self._actor.user_id == user.get("id"):
            self._set_status(
                self.tr("You cannot disable your own account: ask another administrator."), error=True
            )
            return None
        box = QMessageBox(self)
        box.setObjectName("DisableConfirm")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Disable user"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the display name is as typed
        box.setText(
            fill(
                self.tr(
                    "Disable “%1” (%2)? They can no longer log in and their open sessions are ended. "
                    "Their cases and history stay."
                ),
                name,
                user.get("display_name") or "",
            )
        )
        yes = box.addButton(self.tr("Disable"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)

        def clicked(button: QAbstractButton) -> None:
            if button is yes:
                self._disable(name)

        box.buttonClicked.connect(clicked)
        self.confirm_box = box
        box.open()
        return box

    def _disable(self, name: str) -> None:
        self.disable_button.setEnabled(False)
        engine = self._engine

        def done(_was_active: Any) -> None:
            self._set_status(fill(self.tr("User “%1” disabled."), name))
            self._changed(select=name)

        def failed(exc: Exception) -> None:
            self._set_status(explain_user_error(exc), error=True)
            self._update_buttons()

        self._runner.submit(lambda: disable_user(engine, name), done, failed)

    def enable_selected(self) -> EnableForm | None:
        user = self.selected_user()
        if user is None:
            return None
        self.enable_form = EnableForm(self._engine, self._runner, user, self)
        self.enable_form.enabled.connect(self._enabled)
        self.enable_form.open()
        return self.enable_form

    def _enabled(self, name: str) -> None:
        self._set_status(fill(self.tr("User “%1” enabled."), name))
        self._changed(select=name)

    def _changed(self, select: str) -> None:
        """Reload the list after a change, keep the change's message and select its row."""
        self.usersChanged.emit()
        message = self.status.text()
        engine = self._engine
        self.loading = True

        def loaded(data: dict[str, Any]) -> None:
            self._loaded(data)
            self.select_user(select)
            self._set_status(message)

        self._runner.submit(lambda: _load(engine), loaded, self._load_failed)
