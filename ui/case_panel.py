"""The case panel: detail (masked per role), timeline, supervision orders, links, and the
actions this user may take at this level."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, Department, User
from db.vocab import Action, Role
from desktop.cases import ActionRequest, CaseError, CaseService, ConflictError
from desktop.clock import to_local
from desktop.detail import CaseDetail, CaseNotVisible, load_detail
from desktop.ladder import Actor, LadderError
from ui.labels import category_label, kind_label, level_label, severity_label, status_label
from ui.tasks import TaskRunner

# Actions whose reason is recorded in the audit trail and must be given.
NEEDS_REASON = {Action.ESCALATE, Action.REJECT, Action.MARK_DUPLICATE, Action.MERGE, Action.REOPEN}
# What the panel offers as buttons (supervise is issued from the supervision workflow).
BUTTON_ACTIONS = (
    Action.ACCEPT,
    Action.START,
    Action.ASSIGN,
    Action.ESCALATE,
    Action.RESOLVE,
    Action.VERIFY,
    Action.REOPEN,
    Action.CLOSE,
    Action.REJECT,
    Action.MARK_DUPLICATE,
    Action.MERGE,
    Action.COMMENT,
)


def action_label(action: str) -> str:
    tr = QCoreApplication.translate
    labels = {
        "report": tr("Actions", "Reported"),
        "accept": tr("Actions", "Accept"),
        "start": tr("Actions", "Start handling"),
        "assign": tr("Actions", "Assign"),
        "escalate": tr("Actions", "Escalate"),
        "resolve": tr("Actions", "Resolve"),
        "verify": tr("Actions", "Return visit"),
        "reopen": tr("Actions", "Reopen"),
        "close": tr("Actions", "Close"),
        "reject": tr("Actions", "Reject"),
        "mark_duplicate": tr("Actions", "Mark duplicate"),
        "merge": tr("Actions", "Merge"),
        "supervise": tr("Actions", "Supervise"),
        "comment": tr("Actions", "Comment"),
    }
    return labels.get(action, action)


def fmt_time(value: dt.datetime | None) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else "—"


class ActionDialog(QDialog):
    """Asks for what an action needs (reason, comment, assignee, satisfaction, other case).

    The dialog object outlives a failed save so that the user's words survive a conflict.
    """

    def __init__(
        self, action: Action, detail: CaseDetail, sessions: sessionmaker[Session], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(f"{action_label(action)} — {detail.number}")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.reason = QLineEdit()
        self.comment = QPlainTextEdit()
        self.comment.setMaximumHeight(90)
        self.satisfaction = QSpinBox()
        self.satisfaction.setRange(1, 5)
        self.satisfaction.setValue(5)
        self.assignee = QComboBox()
        self.departments = QListWidget()
        self.other_number = QLineEdit()
        if action in NEEDS_REASON:
            self.reason.setPlaceholderText(self.tr("Required: recorded in the audit trail"))
            form.addRow(self.tr("Reason"), self.reason)
        if action == Action.ASSIGN:
            with sessions() as s:
                self.assignee.addItem(self.tr("(nobody)"), None)
                for user in s.scalars(select(User).where(User.active).order_by(User.id)):
                    if user.role in (Role.TOWN_STAFF, Role.DEPARTMENT_STAFF, Role.DISPATCHER):
                        self.assignee.addItem(user.display_name, user.id)
                for dep in s.scalars(select(Department).order_by(Department.id)):
                    item = QListWidgetItem(dep.name)
                    item.setData(Qt.ItemDataRole.UserRole, dep.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(
                        Qt.CheckState.Checked if dep.name in detail.departments else Qt.CheckState.Unchecked
                    )
                    self.departments.addItem(item)
            form.addRow(self.tr("Person"), self.assignee)
            form.addRow(self.tr("Departments"), self.departments)
        if action == Action.VERIFY:
            form.addRow(self.tr("Satisfaction (1–5)"), self.satisfaction)
        if action in (Action.MARK_DUPLICATE, Action.MERGE):
            self.other_number.setPlaceholderText("PD-2026-000123")
            form.addRow(self.tr("Other case number"), self.other_number)
        form.addRow(self.tr("Comment"), self.comment)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _check(self) -> None:
        if self.action in NEEDS_REASON and not self.reason.text().strip():
            self.error.setText(self.tr("Please give a reason."))
            return
        if self.action in (Action.MARK_DUPLICATE, Action.MERGE) and not self.other_number.text().strip():
            self.error.setText(self.tr("Please name the other case."))
            return
        self.accept()

    def request(self, version: int, other_case_id: int | None) -> ActionRequest:
        deps = tuple(
            int(self.departments.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.departments.count())
            if self.departments.item(i).checkState() == Qt.CheckState.Checked
        )
        return ActionRequest(
            action=self.action,
            expected_version=version,
            reason=self.reason.text().strip(),
            comment=self.comment.toPlainText().strip(),
            assignee_user_id=self.assignee.currentData() if self.action == Action.ASSIGN else None,
            department_ids=deps if self.action == Action.ASSIGN else (),
            satisfaction=self.satisfaction.value() if self.action == Action.VERIFY else None,
            other_case_id=other_case_id,
        )


class CasePanel(QWidget):
    caseChanged = Signal(int)
    message = Signal(str)

    def __init__(
        self,
        sessions: sessionmaker[Session],
        service: CaseService,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CasePanel")
        self._sessions = sessions
        self._service = service
        self._actor = actor
        self._runner = runner
        self.detail: CaseDetail | None = None
        self._pending: ActionDialog | None = None
        self.saving_enabled = True
        self._saving_reason = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.header = QLabel(self.tr("Select a case in the queue or on the map."))
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.header.setFont(font)
        layout.addWidget(self.header)
        self.badges = QLabel()
        self.badges.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.badges)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        detail_page = QWidget()
        self.form = QFormLayout(detail_page)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("kind", self.tr("Kind")),
            ("place", self.tr("Place")),
            ("reported", self.tr("Reported")),
            ("reporter", self.tr("Reporter")),
            ("sla", self.tr("Deadline at this level")),
            ("assignee", self.tr("Assignee")),
            ("departments", self.tr("Departments")),
            ("parties", self.tr("Parties")),
            ("party_phones", self.tr("Phones")),
            ("party_ids", self.tr("ID numbers")),
            ("satisfaction", self.tr("Satisfaction")),
            ("description", self.tr("Description")),
            ("source_log", self.tr("From sentiment log")),
        ):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextFormat(Qt.TextFormat.PlainText)  # case text is user input: never rich text
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            self.form.addRow(label, value)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(detail_page)
        self.tabs.addTab(scroll, self.tr("Detail"))

        self.timeline = QTreeWidget()
        self.timeline.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Who"),
                self.tr("Action"),
                self.tr("Change"),
                self.tr("Reason / comment"),
            ]
        )
        self.timeline.setRootIsDecorated(False)
        self.timeline.setAlternatingRowColors(True)
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.supervision = QTreeWidget()
        self.supervision.setHeaderLabels(
            [
                self.tr("Issued"),
                self.tr("By"),
                self.tr("To"),
                self.tr("Deadline"),
                self.tr("Instruction"),
                self.tr("Response"),
            ]
        )
        self.supervision.setRootIsDecorated(False)
        self.tabs.addTab(self.supervision, self.tr("Supervision"))
        self.links = QTreeWidget()
        self.links.setHeaderLabels([self.tr("Link"), self.tr("Number"), self.tr("Title")])
        self.links.setRootIsDecorated(False)
        self.tabs.addTab(self.links, self.tr("Links"))

        self.actions_row = QHBoxLayout()
        self.actions_row.setSpacing(4)
        self.buttons: dict[Action, QPushButton] = {}
        for action in BUTTON_ACTIONS:
            button = QPushButton(action_label(action))
            button.setObjectName(f"action-{action}")
            button.clicked.connect(lambda _=False, a=action: self.trigger(a))
            button.setVisible(False)
            self.buttons[action] = button
            self.actions_row.addWidget(button)
        self.actions_row.addStretch(1)
        layout.addLayout(self.actions_row)
        self.readonly_note = QLabel()
        self.readonly_note.setStyleSheet("color: palette(mid)")
        layout.addWidget(self.readonly_note)

    # --- loading ---------------------------------------------------------------------------

    @property
    def case_id(self) -> int | None:
        return self.detail.id if self.detail else None

    def set_case(self, case_id: int) -> None:
        sessions, actor = self._sessions, self._actor

        def work() -> CaseDetail:
            with sessions() as s:
                return load_detail(s, actor, case_id)

        self._runner.submit(work, self.show_detail, self._load_failed)

    def reload(self) -> None:
        if self.detail is not None:
            self.set_case(self.detail.id)

    def _load_failed(self, exc: Exception) -> None:
        if isinstance(exc, CaseNotVisible):
            self.message.emit(self.tr("This case is not visible to you."))
        else:
            self.message.emit(self.tr("Could not load the case: %1").replace("%1", str(exc)))

    def show_detail(self, d: CaseDetail) -> None:
        self.detail = d
        self.header.setText(f"{d.number}  {d.title}")
        flags = []
        if d.mass_incident:
            flags.append(self.tr("Mass-incident risk"))
        if d.sensitive_period:
            flags.append(self.tr("Sensitive period"))
        self.badges.setText(
            "  ·  ".join(
                [status_label(d.status), level_label(int(d.level)), severity_label(d.severity), *flags]
            )
        )
        f = self.fields
        f["kind"].setText(f"{kind_label(d.kind)} / {category_label(d.category)}")
        f["place"].setText(f"{d.town} {d.village} · {d.grid}")
        f["reported"].setText(fmt_time(d.reported_at))
        f["reporter"].setText(d.reporter)
        f["sla"].setText(fmt_time(d.sla_due_at))
        f["assignee"].setText(d.assignee or "—")
        f["departments"].setText("、".join(d.departments) or "—")
        masked = self.tr(" (masked for your role)") if d.personal_data_masked else ""
        f["parties"].setText(f"{d.parties_count} · {d.party_names}{masked}")
        f["party_phones"].setText(d.party_phones or "—")
        f["party_ids"].setText(d.party_id_numbers or "—")
        f["satisfaction"].setText("—" if d.satisfaction is None else f"{d.satisfaction}/5")
        f["description"].setText(d.description or "—")
        f["source_log"].setText(d.source_log or "—")

        self.timeline.clear()
        for e in d.timeline:
            change = ""
            if e.from_status != e.to_status and e.to_status:
                change = (
                    f"{status_label(e.from_status) if e.from_status else ''} → {status_label(e.to_status)}"
                )
            if e.from_level != e.to_level and e.to_level:
                lv = f"{level_label(e.from_level) if e.from_level else ''} → {level_label(e.to_level)}"
                change = f"{change}; {lv}" if change else lv
            text = "; ".join(t for t in (e.reason, e.comment) if t)
            QTreeWidgetItem(self.timeline, [fmt_time(e.at), e.actor, action_label(e.action), change, text])
        for col in range(4):
            self.timeline.resizeColumnToContents(col)
        self.timeline.scrollToBottom()
        self.supervision.clear()
        for o in d.supervision:
            QTreeWidgetItem(
                self.supervision,
                [
                    fmt_time(o.issued_at),
                    o.issuer,
                    o.unit,
                    fmt_time(o.deadline),
                    o.instruction,
                    o.response or "—",
                ],
            )
        self.tabs.setTabText(2, self.tr("Supervision (%n)", "", len(d.supervision)))
        self.links.clear()
        for link in d.links:
            QTreeWidgetItem(self.links, [link.link_type, link.other_number, link.other_title])
        self._update_buttons()

    def _update_buttons(self) -> None:
        allowed = set(self.detail.allowed) if self.detail else set()
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
            button.setEnabled(self.saving_enabled)
            button.setToolTip("" if self.saving_enabled else self._saving_reason)
        if self.detail and not allowed:
            self.readonly_note.setText(self.tr("Read-only for your role at this level."))
        elif not self.saving_enabled:
            self.readonly_note.setText(self._saving_reason)
        else:
            self.readonly_note.setText("")

    def set_saving_enabled(self, enabled: bool, reason: str = "") -> None:
        self.saving_enabled = enabled
        self._saving_reason = reason
        self._update_buttons()

    # --- actions ---------------------------------------------------------------------------

    def can(self, action: Action) -> bool:
        return bool(self.detail and action in self.detail.allowed and self.saving_enabled)

    def trigger(self, action: Action) -> None:
        if not self.can(action):
            return
        assert self.detail is not None
        dialog = self._pending if self._pending and self._pending.action == action else None
        if dialog is None:
            dialog = ActionDialog(action, self.detail, self._sessions, self)
        self._pending = dialog
        dialog.open()
        dialog.accepted.connect(lambda: self._save(dialog))
        dialog.rejected.connect(lambda: self._forget(dialog))

    def _forget(self, dialog: ActionDialog) -> None:
        if self._pending is dialog:
            self._pending = None

    def _save(self, dialog: ActionDialog) -> None:
        dialog.accepted.disconnect()
        dialog.rejected.disconnect()
        assert self.detail is not None
        case_id, version = self.detail.id, self.detail.version
        other = dialog.other_number.text().strip()
        service, actor, sessions = self._service, self._actor, self._sessions

        def work() -> Any:
            other_id = None
            if other:
                with sessions() as s:
                    other_id = s.scalar(select(Case.id).where(Case.number == other))
                if other_id is None:
                    raise CaseError(f"no case numbered {other}")
            return service.act(case_id, dialog.request(version, other_id), actor)

        self._runner.submit(
            work, lambda _case: self._saved(dialog, case_id), lambda exc: self._failed(dialog, exc)
        )

    def _saved(self, dialog: ActionDialog, case_id: int) -> None:
        self._forget(dialog)
        self.message.emit(self.tr("Saved: %1").replace("%1", action_label(dialog.action)))
        self.caseChanged.emit(case_id)
        if self.detail and self.detail.id == case_id:
            self.reload()

    def _failed(self, dialog: ActionDialog, exc: Exception) -> None:
        if isinstance(exc, ConflictError):
            QMessageBox.warning(
                self,
                self.tr("Someone else changed this case"),
                self.tr(
                    "Your change was not saved, and nothing was overwritten.\n\n"
                    "The other change: %1\n\nThe case has been reloaded; your input is kept — "
                    "check the case and try again."
                ).replace("%1", exc.last_change),
            )
            self.reload()
            self._pending = dialog  # reopening the same action brings the user's text back
            return
        if isinstance(exc, LadderError | CaseError):
            dialog.error.setText(str(exc))
            dialog.open()
            dialog.accepted.connect(lambda: self._save(dialog))
            dialog.rejected.connect(lambda: self._forget(dialog))
            return
        self._pending = dialog
        self.message.emit(self.tr("Not saved: %1").replace("%1", str(exc)))
