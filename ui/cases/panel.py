"""The case panel: detail (masked per role), timeline, supervision orders, links, and the
actions this user may take at this level."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
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

from desktop.cases.detail import (
    CaseDetail,
    CaseNotVisible,
    SourceLog,
    assignees,
    case_id_by_number,
    department_choices,
    load_detail,
    supervision_units,
)
from desktop.cases.ladder import Actor, LadderError
from desktop.cases.service import (
    LINKED_AT_REPORT,
    SWEEP_REASON,
    ActionRequest,
    CaseError,
    CaseService,
    ConflictError,
)
from desktop.clock import to_local
from desktop.live.tracks import REPORT_WINDOW
from desktop.meetings.supervision import SupervisionService
from desktop.store import SessionFactory
from desktop.vocab import Action, Role
from ui.errors import add_error_and_buttons, explain, explain_connection, first_line, is_connection_error
from ui.labels import category_label, kind_label, level_label, severity_label, status_label
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

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
    translate = QCoreApplication.translate
    labels = {
        "report": translate("Actions", "Reported"),
        "accept": translate("Actions", "Accept"),
        "start": translate("Actions", "Start handling"),
        "assign": translate("Actions", "Assign"),
        "escalate": translate("Actions", "Escalate"),
        "resolve": translate("Actions", "Resolve"),
        "verify": translate("Actions", "Return visit"),
        "reopen": translate("Actions", "Reopen"),
        "close": translate("Actions", "Close"),
        "reject": translate("Actions", "Reject"),
        "mark_duplicate": translate("Actions", "Mark duplicate"),
        "merge": translate("Actions", "Merge"),
        "supervise": translate("Actions", "Supervise"),
        "supervision_response": translate("Actions", "Supervision answered"),
        "supervision_signed_off": translate("Actions", "Supervision signed off"),
        "supervision_reminder": translate("Actions", "Supervision reminder"),
        "supervision_overdue": translate("Actions", "Supervision overdue"),
        "action_item": translate("Actions", "Meeting task assigned"),
        "action_item_done": translate("Actions", "Meeting task done"),
        "comment": translate("Actions", "Comment"),
    }
    return labels.get(action, action)


def link_label(link_type: str) -> str:
    translate = QCoreApplication.translate
    return {
        "duplicate_of": translate("Links", "Duplicate of"),
        "related": translate("Links", "Related"),
        "merged_into": translate("Links", "Merged into"),
    }.get(link_type, link_type)


def fmt_time(value: dt.datetime | None) -> str:
    return to_local(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def event_note(text: str) -> str:
    """A case event's reason or comment as the reader reads it: what the system stores as a key
    (the SLA sweep's escalation, the cases linked at intake) in words; people's text, and the
    system's notes in rows written before the keys, as they are."""
    translate = QCoreApplication.translate
    if text == SWEEP_REASON:
        return translate(
            "CasePanel", "The time limit (SLA) of this level ran out: the system escalated it one level up"
        )
    if text.startswith(LINKED_AT_REPORT):
        numbers = [n for n in text.removeprefix(LINKED_AT_REPORT).split(",") if n]
        return fill(
            translate("CasePanel", "Linked when reported: %1"), translate("CasePanel", ", ").join(numbers)
        )
    return text


def source_log_text(log: SourceLog | None) -> str:
    """The sentiment log a case was filed from: when, who, how many households, then what."""
    if log is None:
        return "—"
    return fill(
        QCoreApplication.translate("CasePanel", "%1 · %2 · %3 households\n%4"),
        fmt_time(log.visited_at),
        log.worker,
        log.households_visited,
        log.content,
    )


class ActionDialog(QDialog):
    """Asks for what an action needs (reason, comment, assignee, satisfaction, other case).

    The dialog object outlives a failed save so that the user's words survive a conflict.
    """

    def __init__(
        self,
        action: Action,
        subject: str,
        departments: tuple[str, ...],
        sessions: SessionFactory,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.action = action
        # The case version the user saw when deciding: a save against a newer version is a
        # conflict even when the panel has meanwhile reloaded the case from the live feed.
        self.base_version: int | None = None
        self.setWindowTitle(f"{action_label(action)} — {subject}")
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
                for user in assignees(s):
                    self.assignee.addItem(user.name, user.id)
                for dep in department_choices(s):
                    item = QListWidgetItem(dep.name)
                    item.setData(Qt.ItemDataRole.UserRole, dep.id)
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(
                        Qt.CheckState.Checked if dep.name in departments else Qt.CheckState.Unchecked
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
        self.error = add_error_and_buttons(form, self, self._check)

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


class SupervisionDialog(QDialog):
    """Issue a supervision order: to which unit, what to do, by when."""

    def __init__(
        self, sessions: SessionFactory, actor: Actor, parent: QWidget, *, town_id: int | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Issue supervision order"))
        self.setMinimumWidth(440)
        form = QFormLayout(self)
        self.unit_combo = QComboBox()
        with sessions() as s:
            for unit in supervision_units(s, actor):
                self.unit_combo.addItem(unit.name, (unit.kind, unit.id))
        # The case's own town first: the usual addressee of a supervision order.
        for i in range(self.unit_combo.count()):
            if tuple(self.unit_combo.itemData(i) or ()) == ("town", town_id):
                self.unit_combo.setCurrentIndex(i)
                break
        self.instruction = QPlainTextEdit()
        self.instruction.setMaximumHeight(100)
        self.deadline = QDateTimeEdit(QDateTime.currentDateTime().addDays(3))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd HH:mm")
        form.addRow(self.tr("To"), self.unit_combo)
        form.addRow(self.tr("Instruction"), self.instruction)
        form.addRow(self.tr("Deadline"), self.deadline)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def unit(self) -> tuple[int | None, int | None]:
        kind, unit_id = self.unit_combo.currentData()
        return (unit_id, None) if kind == "town" else (None, unit_id)

    def deadline_utc(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.deadline.dateTime().toSecsSinceEpoch(), dt.UTC)


REASON_ROLE = Qt.ItemDataRole.UserRole + 1  # a timeline reason row's whole text


def wrap_text(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """``text`` in lines no wider than ``width`` pixels: Chinese breaks between any characters,
    other text at its last space where it has one."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for ch in paragraph:
            if line and metrics.horizontalAdvance(line + ch) > width:
                cut = line.rfind(" ")
                if cut > 0 and not ch.isspace():
                    lines.append(line[:cut])
                    line = line[cut + 1 :]
                else:
                    lines.append(line)
                    line = ""
                if ch.isspace() and not line:
                    continue
            line += ch
        lines.append(line)
    return lines


class CasePanel(QWidget):
    caseChanged = Signal(int)
    message = Signal(str)
    saveFailed = Signal(object)  # an exception that was not the user's fault (e.g. server gone)
    logRequested = Signal(int)  # open this sentiment log (the case's source) in the log book

    def __init__(
        self,
        sessions: SessionFactory,
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
        self._supervision = SupervisionService(sessions)
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
            ("track", self.tr("Reporter's track")),
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
        self.source_log_id: int | None = None
        self.source_log_button = QPushButton(self.tr("Open in the log book"))
        self.source_log_button.setObjectName("OpenSourceLog")
        self.source_log_button.clicked.connect(
            lambda: self.logRequested.emit(self.source_log_id) if self.source_log_id is not None else None
        )
        self.source_log_button.hide()
        self.form.addRow("", self.source_log_button)
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
        # The reasons under the rows wrap to the panel's width, and again when it changes.
        self.timeline.viewport().installEventFilter(self)
        self.timeline.setIndentation(0)  # the reason's own spaces indent it
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
        supervision_page = QWidget()
        sup_layout = QVBoxLayout(supervision_page)
        sup_layout.setContentsMargins(0, 0, 0, 0)
        sup_layout.addWidget(self.supervision, 1)
        sup_buttons = QHBoxLayout()
        self.issue_button = QPushButton(self.tr("Issue supervision order…"))
        self.answer_button = QPushButton(self.tr("Answer…"))
        self.signoff_button = QPushButton(self.tr("Sign off"))
        self.issue_button.clicked.connect(self.issue_supervision)
        self.answer_button.clicked.connect(self.answer_supervision)
        self.signoff_button.clicked.connect(self.sign_off_supervision)
        for button in (self.issue_button, self.answer_button, self.signoff_button):
            sup_buttons.addWidget(button)
        sup_buttons.addStretch(1)
        sup_layout.addLayout(sup_buttons)
        self.supervision.currentItemChanged.connect(lambda *_: self._update_supervision_buttons())
        self.tabs.addTab(supervision_page, self.tr("Supervision"))
        self.links = QTreeWidget()
        self.links.setHeaderLabels([self.tr("Link"), self.tr("Number"), self.tr("Title")])
        self.links.setRootIsDecorated(False)
        self.tabs.addTab(self.links, self.tr("Links"))

        # A grid rather than a row: a case rarely offers more than six actions, and a grid keeps
        # the panel narrow enough for a 1280-pixel screen.
        self.actions_grid = QGridLayout()
        self.actions_grid.setSpacing(4)
        self.buttons: dict[Action, QPushButton] = {}
        for action in BUTTON_ACTIONS:
            button = QPushButton(action_label(action))
            button.setObjectName(f"action-{action}")
            button.clicked.connect(lambda _=False, a=action: self.trigger(a))
            button.setVisible(False)
            self.buttons[action] = button
        layout.addLayout(self.actions_grid)
        self.readonly_note = plain_label()  # the saving reason quotes the server's error
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
            self.message.emit(fill(self.tr("Could not load the case: %1"), explain(exc)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.timeline.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_reasons()
        return super().eventFilter(watched, event)

    def _fit_reasons(self) -> None:
        """Each reason wrapped to what can be read without scrolling sideways (the row spans every
        column, wider than the view when the columns are)."""
        width = max(120, self.timeline.viewport().width() - 24)
        metrics = self.timeline.fontMetrics()
        for i in range(self.timeline.topLevelItemCount()):
            row = self.timeline.topLevelItem(i)
            for c in range(row.childCount()):
                note = row.child(c)
                text = note.data(0, REASON_ROLE)
                if isinstance(text, str):
                    note.setText(0, "    " + "\n    ".join(wrap_text(text, metrics, width)))

    def _show_track_check(self, d: CaseDetail) -> None:
        """A field report against its reporter's track: far from it stands out (责任倒查)."""
        label, check = self.fields["track"], d.track_check
        self.form.setRowVisible(label, check is not None)
        if check is None:
            return
        distance = round(check.distance_m) if check.distance_m is not None else 0
        if check.status == "far":
            text = fill(self.tr("%1 m from where the reporter's phone was at the time: check it"), distance)
        elif check.status == "no_track":
            minutes = int(REPORT_WINDOW.total_seconds() // 60)
            text = fill(self.tr("No reliable fix of the reporter within %1 minutes of the report"), minutes)
        else:
            text = fill(self.tr("Matches the reporter's track (%1 m)"), distance)
        if check.mock_nearby:
            text += "  " + self.tr("(a mock-location fix nearby)")
        label.setText(text)
        # Only a report far from the track stands out: a phone that was off (or positions older
        # than the retention) proves nothing either way.
        label.setStyleSheet("color: #c62828; font-weight: bold" if check.status == "far" else "")

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
        self._show_track_check(d)
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
        f["source_log"].setText(source_log_text(d.source_log))
        self.source_log_id = d.source_log_id
        self.source_log_button.setVisible(d.source_log_id is not None)

        self.timeline.clear()
        for e in d.timeline:
            change = ""
            if e.from_status != e.to_status and e.to_status:
                change = (
                    f"{status_label(e.from_status) if e.from_status else ''} → {status_label(e.to_status)}"
                )
            if e.from_level != e.to_level and e.to_level:
                lv = f"{level_label(e.from_level) if e.from_level else ''} → {level_label(e.to_level)}"
                change = fill(self.tr("%1; %2"), change, lv) if change else lv
            reason, comment = event_note(e.reason), event_note(e.comment)
            text = fill(self.tr("%1; %2"), reason, comment) if reason and comment else (reason or comment)
            row = QTreeWidgetItem(
                self.timeline, [fmt_time(e.at), e.actor, action_label(e.action), change, text]
            )
            if text:
                # The reason of an escalation, a return, a supervision order... is what a reader
                # needs most, and the last column is out of sight in a narrow panel: it goes
                # under the row too, across the whole width, wrapped.
                row.setToolTip(4, literal(text))
                note = QTreeWidgetItem(row)
                note.setFirstColumnSpanned(True)
                note.setFlags(Qt.ItemFlag.ItemIsEnabled)
                note.setToolTip(0, literal(text))
                note.setForeground(0, QBrush(QColor("#37474f")))
                # Wrapped by _fit_reasons: an item's text does not wrap across a spanned row.
                note.setData(0, REASON_ROLE, fill(self.tr("Reason: %1"), text) if e.reason else text)
                row.setExpanded(True)
        for col in range(4):
            self.timeline.resizeColumnToContents(col)
        self._fit_reasons()
        self.timeline.scrollToBottom()
        self.supervision.clear()
        for o in d.supervision:
            item = QTreeWidgetItem(
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
            item.setData(0, Qt.ItemDataRole.UserRole, o.id)
        self.tabs.setTabText(2, self.tr("Supervision (%n)", "", len(d.supervision)))
        self._update_supervision_buttons()
        self.links.clear()
        for link in d.links:
            QTreeWidgetItem(self.links, [link_label(link.link_type), link.other_number, link.other_title])
        self._update_buttons()

    def _update_buttons(self) -> None:
        allowed = set(self.detail.allowed) if self.detail else set()
        for button in self.buttons.values():
            self.actions_grid.removeWidget(button)
        shown = [a for a in BUTTON_ACTIONS if a in allowed]
        for i, action in enumerate(shown):
            self.actions_grid.addWidget(self.buttons[action], i // 4, i % 4)
        for action, button in self.buttons.items():
            button.setVisible(action in allowed)
            button.setEnabled(self.saving_enabled)
            button.setToolTip("" if self.saving_enabled else literal(self._saving_reason))
        if self.detail and not allowed:
            self.readonly_note.setText(self.tr("Read-only for your role at this level."))
        elif not self.saving_enabled:
            self.readonly_note.setText(self._saving_reason)
        else:
            self.readonly_note.setText("")

    # --- supervision (督办) ------------------------------------------------------------------

    def _selected_order(self) -> Any:
        item = self.supervision.currentItem()
        if item is None or self.detail is None:
            return None
        order_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((o for o in self.detail.supervision if o.id == order_id), None)

    def _update_supervision_buttons(self) -> None:
        a = self._actor
        order = self._selected_order()
        can_issue = bool(self.detail and Action.SUPERVISE in self.detail.allowed)
        city = a.role in (Role.DISPATCHER, Role.LEADER)
        addressed = order is not None and (
            city
            or (a.role == Role.TOWN_STAFF and a.town_id == order.unit_town_id)
            or (a.role == Role.DEPARTMENT_STAFF and a.department_id == order.unit_department_id)
        )
        self.issue_button.setVisible(can_issue)
        self.answer_button.setVisible(bool(addressed and order.status != "signed_off"))
        self.signoff_button.setVisible(
            bool(order and order.status == "answered" and (city or a.user_id == order.issuer_user_id))
        )
        for button in (self.issue_button, self.answer_button, self.signoff_button):
            button.setEnabled(self.saving_enabled)

    def issue_supervision(self) -> None:
        if self.detail is None:
            return
        dialog = SupervisionDialog(self._sessions, self._actor, self, town_id=self.detail.town_id)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        case_id, actor, svc = self.detail.id, self._actor, self._supervision
        town_id, dept_id = dialog.unit()
        instruction, deadline = dialog.instruction.toPlainText(), dialog.deadline_utc()
        self._run(
            lambda: svc.issue(
                case_id,
                actor,
                instruction=instruction,
                deadline=deadline,
                unit_town_id=town_id,
                unit_department_id=dept_id,
            ),
            self.tr("Supervision order issued"),
        )

    def answer_supervision(self) -> None:
        order = self._selected_order()
        if order is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("Answer the supervision order"), literal(order.instruction)
        )
        if not ok or not text.strip():
            return
        svc, actor = self._supervision, self._actor
        self._run(lambda: svc.respond(order.id, actor, text), self.tr("Answer recorded"))

    def sign_off_supervision(self) -> None:
        order = self._selected_order()
        if order is None:
            return
        svc, actor = self._supervision, self._actor
        self._run(lambda: svc.sign_off(order.id, actor), self.tr("Supervision order signed off"))

    def _run(self, work: Any, done_text: str) -> None:
        case_id = self.detail.id if self.detail else None

        def done(_result: Any) -> None:
            self.message.emit(done_text)
            if case_id is not None:
                self.caseChanged.emit(case_id)
                self.reload()

        def failed(exc: Exception) -> None:
            if is_connection_error(exc):
                self.saveFailed.emit(exc)
                QMessageBox.warning(self, self.tr("Not saved"), literal(explain_connection(exc)))
                return
            QMessageBox.warning(self, self.tr("Not saved"), literal(explain(exc)))

        self._runner.submit(work, done, failed)

    @property
    def saving_reason(self) -> str:
        return self._saving_reason

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
            dialog = ActionDialog(action, self.detail.number, self.detail.departments, self._sessions, self)
            # Connected once: a dialog reopened after a conflict or refusal keeps its wiring.
            dialog.accepted.connect(lambda d=dialog: self._save(d))
            dialog.rejected.connect(lambda d=dialog: self._forget(d))
        self._pending = dialog
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: ActionDialog) -> None:
        if dialog.base_version is None and self.detail is not None:
            dialog.base_version = self.detail.version
        dialog.open()

    def _forget(self, dialog: ActionDialog) -> None:
        if self._pending is dialog:
            self._pending = None

    def _save(self, dialog: ActionDialog) -> None:
        assert self.detail is not None
        if not self.saving_enabled:
            # The server went away while the dialog was open: keep everything typed, say why.
            self._pending = dialog
            dialog.error.setText(self._saving_reason)
            self._show_dialog(dialog)
            return
        case_id = self.detail.id
        version = dialog.base_version if dialog.base_version is not None else self.detail.version
        other = dialog.other_number.text().strip()
        service, actor, sessions = self._service, self._actor, self._sessions

        def work() -> Any:
            other_id = None
            if other:
                with sessions() as s:
                    other_id = case_id_by_number(s, other)
                if other_id is None:
                    raise CaseError("case.no_number", number=other)
            return service.act(case_id, dialog.request(version, other_id), actor)

        self._runner.submit(
            work, lambda _case: self._saved(dialog, case_id), lambda exc: self._failed(dialog, exc)
        )

    def _saved(self, dialog: ActionDialog, case_id: int) -> None:
        self._forget(dialog)
        self.message.emit(fill(self.tr("Saved: %1"), action_label(dialog.action)))
        self.caseChanged.emit(case_id)
        if self.detail and self.detail.id == case_id:
            self.reload()

    def _failed(self, dialog: ActionDialog, exc: Exception) -> None:
        if isinstance(exc, ConflictError):
            QMessageBox.warning(
                self,
                self.tr("Someone else changed this case"),
                literal(
                    fill(
                        self.tr(
                            "Your change was not saved, and nothing was overwritten.\n\n"
                            "The other change: %1\n\nThe case has been reloaded; your input is kept — "
                            "check the case and try again."
                        ),
                        explain(exc),
                    )
                ),
            )
            self.reload()
            # Reopening the same action brings the user's text back, now against the case as
            # reloaded (the user has seen the other change).
            dialog.base_version = None
            dialog.error.setText("")
            self._pending = dialog
            return
        if isinstance(exc, LadderError | CaseError):
            dialog.error.setText(explain(exc))
            self._show_dialog(dialog)
            return
        # Not the user's fault (most often: the server went away). The dialog comes back with
        # everything typed and the reason; saving again works once the connection is back.
        self._pending = dialog
        text = explain_connection(exc) if is_connection_error(exc) else first_line(exc)
        dialog.error.setText(fill(self.tr("Not saved: %1"), text))
        self._show_dialog(dialog)
        self.saveFailed.emit(exc)
        self.message.emit(fill(self.tr("Not saved: %1"), text))
