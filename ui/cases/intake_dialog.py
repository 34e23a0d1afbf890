"""The desk's "new case" form (reception hall, phone, petition-bureau transfers), and the small
dialogs that keep its settings: category → department routing (administrators) and the calendar
of sensitive periods (dispatchers, administrators).

The form is not modal: the desk picks the place on the map behind it (the main window relays
the clicked point) and can open a suggested duplicate in the case panel while it stays open.
Everything that reads or writes the database runs through the window's TaskRunner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.cases import intake
from desktop.cases.intake import DuplicateCandidate, IntakeForm, Party, PeriodRow, PlaceChoice
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseError, CaseService
from desktop.clock import to_local, utcnow
from desktop.geo import GridIndex
from desktop.store import Session, SessionFactory
from desktop.vocab import CATEGORIES, Channel, Kind, Role, Severity
from ui.labels import category_label, kind_label, level_label, severity_label, status_label
from ui.refusals import describe
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.text import fill, literal, plain_label

SEARCH_DELAY_MS = 250
DUPLICATE_DELAY_MS = 400


def channel_label(channel: str) -> str:
    from PySide6.QtCore import QCoreApplication

    translate = QCoreApplication.translate
    labels = {
        "reception": translate("Intake", "Reception hall visit"),
        "phone": translate("Intake", "Phone call"),
        "petition": translate("Intake", "Petition bureau transfer"),
        "field": translate("Intake", "Grid worker report"),
    }
    return labels.get(str(channel), str(channel))


def _date_text(day: dt.date) -> str:
    return QDate(day.year, day.month, day.day).toString("yyyy-MM-dd")


@dataclass(frozen=True)
class _Meta:
    """What the form needs before the desk can file: units, routes, today's sensitive period."""

    departments: list[tuple[int, str]]
    routes: dict[str, int | None]
    period: PeriodRow | None


@dataclass(frozen=True)
class _Outcome:
    case_id: int | None
    number: str
    duplicates: list[DuplicateCandidate]


class IntakeDialog(QDialog):
    """登记新案件: everything a desk records about a case that arrives at the desk."""

    pickRequested = Signal()  # the main window puts the map in pick mode
    caseFiled = Signal(int)
    openCase = Signal(int)

    def __init__(
        self,
        sessions: SessionFactory,
        service: CaseService,
        actor: Actor,
        settings: Settings | QSettings,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IntakeDialog")
        self.setWindowTitle(self.tr("New case — desk intake"))
        self.setModal(False)
        self._sessions = sessions
        self._service = service
        self._actor = actor
        self._settings = Settings.of(settings)
        self._runner = runner
        self._grids: GridIndex | None = None
        self._place: PlaceChoice | None = None
        self._meta: _Meta | None = None
        self._search_gen = 0
        self._dup_gen = 0
        self._duplicates: list[DuplicateCandidate] = []
        self._acknowledged: set[int] = set()
        self._saving = False
        self._department_touched = False
        self.filed_case_id: int | None = None

        # Typing waits a moment before asking the database (search, duplicates).
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self._dup_timer = QTimer(self, singleShot=True, interval=DUPLICATE_DELAY_MS)
        self._dup_timer.timeout.connect(self._find_duplicates)
        self._build()
        # Room for both columns on a 1280×800 office screen, more on a larger one.
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width = min(1180, screen.width() - 60) if screen is not None else 1100
        height = min(720, screen.height() - 80) if screen is not None else 680
        self.resize(max(width, 900), max(height, 600))
        self._load_meta()

    # --- construction ----------------------------------------------------------------------

    def _build(self) -> None:
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(14)
        grid.addWidget(self._who_box(), 0, 0)
        grid.addWidget(self._parties_box(), 1, 0)
        grid.addWidget(self._place_box(), 2, 0)
        grid.addWidget(self._matter_box(), 0, 1, 2, 1)
        grid.addWidget(self._duplicates_box(), 2, 1)
        grid.setColumnStretch(0, 5)
        grid.setColumnStretch(1, 6)
        grid.setRowStretch(2, 1)
        self.error = plain_label()  # may quote what the desk typed
        self.error.setObjectName("IntakeError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        grid.addWidget(self.error, 3, 0, 1, 2)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("File the case"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.save_button.setEnabled(False)  # until the routes and departments are loaded
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        grid.addWidget(self.buttons, 4, 0, 1, 2)

    def _who_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Received by"))
        form = QFormLayout(box)
        self.channel = QComboBox()
        for channel in intake.DESK_CHANNELS:
            self.channel.addItem(channel_label(channel), str(channel))
        self.reporter_name = QLineEdit()
        self.reporter_name.setMaxLength(64)
        self.reporter_phone = QLineEdit()
        self.reporter_phone.setMaxLength(20)
        self.reporter_phone.textChanged.connect(lambda _t: self._dup_timer.start())
        form.addRow(self.tr("Channel"), self.channel)
        row = QHBoxLayout()
        self.reporter_name.setPlaceholderText(self.tr("Name"))
        self.reporter_phone.setPlaceholderText(self.tr("Phone"))
        row.addWidget(self.reporter_name, 1)
        row.addWidget(self.reporter_phone, 1)
        form.addRow(self.tr("Reporter"), row)
        return box

    def _parties_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Parties"))
        layout = QVBoxLayout(box)
        self.parties = QTableWidget(0, 3)
        self.parties.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Phone"), self.tr("ID number")])
        header = self.parties.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.parties.verticalHeader().setVisible(False)
        self.parties.setMinimumHeight(96)
        self.parties.itemChanged.connect(lambda _item: self._dup_timer.start())
        self.add_party()
        layout.addWidget(self.parties)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add a party"))
        add.clicked.connect(self.add_party)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_party)
        self.parties_count = QSpinBox()
        self.parties_count.setRange(0, 100000)
        self.parties_count.setSpecialValueText(self.tr("as listed"))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Number of people")))
        row.addWidget(self.parties_count)
        layout.addLayout(row)
        return box

    def _place_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Place"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.place_search = QLineEdit()
        self.place_search.setPlaceholderText(self.tr("Village, community or grid — name or pinyin initials"))
        self.place_search.setClearButtonEnabled(True)
        self.place_search.textChanged.connect(lambda _t: self._search_timer.start())
        self.pick_button = QPushButton(self.tr("Pick on the map"))
        self.pick_button.clicked.connect(self.pickRequested.emit)
        row.addWidget(self.place_search, 1)
        row.addWidget(self.pick_button)
        layout.addLayout(row)
        self.place_results = QListWidget()
        self.place_results.setMinimumHeight(72)
        self.place_results.itemActivated.connect(self._choose_result)
        self.place_results.itemClicked.connect(self._choose_result)
        layout.addWidget(self.place_results, 1)
        self.place_label = plain_label(self.tr("No place chosen yet"))
        self.place_label.setObjectName("IntakePlace")
        self.place_label.setWordWrap(True)
        layout.addWidget(self.place_label)
        return box

    def _matter_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The matter"))
        form = QFormLayout(box)
        self.kind = QComboBox()
        for kind in Kind:
            self.kind.addItem(kind_label(kind), str(kind))
        self.category = QComboBox()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.category.currentIndexChanged.connect(self._category_changed)
        row = QHBoxLayout()
        row.addWidget(self.kind, 1)
        row.addWidget(self.category, 2)
        form.addRow(self.tr("Kind and category"), row)
        self.department = QComboBox()
        self.department.activated.connect(lambda _i: self._touch_department())
        self.route_hint = plain_label()
        self.route_hint.setStyleSheet("color: #546e7a")
        form.addRow(self.tr("Routed to"), self.department)
        form.addRow("", self.route_hint)
        self.title = QLineEdit()
        self.title.setMaxLength(200)
        self.title.setPlaceholderText(self.tr("Short summary, e.g. 两户宅基地边界纠纷"))
        form.addRow(self.tr("Title"), self.title)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What the reporter says, what they ask for"))
        self.description.setMinimumHeight(70)
        form.addRow(self.tr("Description"), self.description)
        self.severity = QComboBox()
        for sev in Severity:
            self.severity.addItem(severity_label(int(sev)), int(sev))
        form.addRow(self.tr("Severity"), self.severity)
        self.mass_incident = QCheckBox(self.tr("Mass incident (5 or more people)"))
        self.sensitive = QCheckBox(self.tr("Sensitive period"))
        flags = QHBoxLayout()
        flags.addWidget(self.mass_incident)
        flags.addWidget(self.sensitive)
        flags.addStretch(1)
        form.addRow(self.tr("Flags"), flags)
        self.period_hint = plain_label()
        self.period_hint.setWordWrap(True)
        self.period_hint.setStyleSheet("color: #546e7a")
        form.addRow("", self.period_hint)
        self._kind_changed()
        return box

    def _duplicates_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Possible duplicates (open cases)"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.dup_summary = plain_label(self.tr("Choose a place or enter a party to check."))
        self.dup_summary.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(self._saved_days())
        self.days.setSuffix(self.tr(" days"))
        self.days.setPrefix(self.tr("last "))
        self.days.valueChanged.connect(self._days_changed)
        row.addWidget(self.dup_summary, 1)
        row.addWidget(self.days)
        layout.addLayout(row)
        self.dup_table = QTableWidget(0, 6)
        self.dup_table.setObjectName("IntakeDuplicates")
        self.dup_table.setHorizontalHeaderLabels(
            [
                self.tr("Link"),
                self.tr("Number"),
                self.tr("Title"),
                self.tr("Place"),
                self.tr("Status"),
                self.tr("Why"),
            ]
        )
        self.dup_table.verticalHeader().setVisible(False)
        self.dup_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.dup_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.dup_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.dup_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The title gets the room; the reasons keep a fixed width (the full text is the tooltip).
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(5, 150)
        self.dup_table.doubleClicked.connect(lambda _i: self.open_selected())
        layout.addWidget(self.dup_table, 1)
        buttons = QHBoxLayout()
        hint = plain_label(self.tr("Tick “Link” to file the new case as related, or open the existing case."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #546e7a")
        self.open_button = QPushButton(self.tr("Open the existing case"))
        self.open_button.clicked.connect(self.open_selected)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        return box

    # --- parties -----------------------------------------------------------------------------

    def add_party(self, name: str = "", phone: str = "", id_number: str = "") -> None:
        row = self.parties.rowCount()
        self.parties.blockSignals(True)
        self.parties.insertRow(row)
        for col, value in enumerate((name, phone, id_number)):
            self.parties.setItem(row, col, QTableWidgetItem(value))
        self.parties.blockSignals(False)
        self._dup_timer.start()

    def _remove_party(self) -> None:
        rows = sorted({i.row() for i in self.parties.selectedIndexes()}, reverse=True)
        for row in rows or [self.parties.rowCount() - 1]:
            if row >= 0:
                self.parties.removeRow(row)
        if self.parties.rowCount() == 0:
            self.add_party()
        self._dup_timer.start()

    def party_rows(self) -> tuple[Party, ...]:
        rows = []
        for r in range(self.parties.rowCount()):
            cells = [self.parties.item(r, c) for c in range(3)]
            texts = [cell.text() if cell is not None else "" for cell in cells]
            rows.append(Party(*texts))
        return tuple(rows)

    # --- kind, category, department ----------------------------------------------------------

    def _kind_changed(self) -> None:
        kind = Kind(self.kind.currentData())
        self.category.blockSignals(True)
        self.category.clear()
        for category in CATEGORIES[kind]:
            self.category.addItem(category_label(category), category)
        self.category.blockSignals(False)
        self._category_changed()

    def _category_changed(self) -> None:
        self._department_touched = False
        self._apply_route()

    def _touch_department(self) -> None:
        self._department_touched = True
        self.route_hint.setText(self.tr("Chosen by the desk"))

    def _apply_route(self) -> None:
        if self._meta is None:
            return
        category = str(self.category.currentData())
        routed = self._meta.routes.get(category)
        if not self._department_touched:
            index = self.department.findData(routed) if routed is not None else 0
            self.department.setCurrentIndex(max(index, 0))
        if routed is None:
            self.route_hint.setText(self.tr("No department is routed for this category"))
        else:
            self.route_hint.setText(self.tr("By the routing table for this category"))

    # --- loading -----------------------------------------------------------------------------

    def _load_meta(self) -> None:
        sessions = self._sessions
        today = to_local(utcnow()).date()

        def load() -> _Meta:
            with sessions() as s:
                return _Meta(
                    intake.departments(s),
                    {r.category: r.department_id for r in intake.routes(s)},
                    intake.period_on(s, today),
                )

        self._runner.submit(load, self._meta_loaded, self._failed)

    def _meta_loaded(self, meta: _Meta) -> None:
        self._meta = meta
        self.department.clear()
        self.department.addItem(self.tr("(no department)"), None)
        for dep_id, name in meta.departments:
            self.department.addItem(name, dep_id)
        self._apply_route()
        period = meta.period
        self.sensitive.setChecked(period is not None)
        if period is None:
            self.period_hint.setText(self.tr("Today is in no sensitive period of the calendar."))
        else:
            text = fill(
                self.tr("Today is in the sensitive period “%1” (%2 to %3): the flag is on."),
                period.name,
                _date_text(period.starts_on),
                _date_text(period.ends_on),
            )
            self.period_hint.setText(text)
        self.save_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self._saving = False
        self.save_button.setEnabled(self._meta is not None)
        if isinstance(exc, CaseError):
            self.error.setText(describe(exc))
        else:
            self.error.setText(fill(self.tr("Could not reach the database: %1"), str(exc)))

    def _grid_index(self, session: Session) -> GridIndex:
        # Built once per form off the GUI thread; read-only afterwards, so shared by workers.
        if self._grids is None:
            self._grids = GridIndex.from_session(session)
        return self._grids

    # --- place ---------------------------------------------------------------------------------

    def _search(self) -> None:
        text = self.place_search.text().strip()
        self._search_gen += 1
        gen = self._search_gen
        if not text:
            self.place_results.clear()
            return
        sessions, actor = self._sessions, self._actor

        def find() -> list[PlaceChoice]:
            with sessions() as s:
                return intake.search_places(s, actor, text)

        def show(found: list[PlaceChoice]) -> None:
            if gen != self._search_gen:
                return  # the desk typed on meanwhile
            self.place_results.clear()
            for place in found:
                item = QListWidgetItem(place.label)
                item.setData(Qt.ItemDataRole.UserRole, place)
                self.place_results.addItem(item)
            if not found:
                item = QListWidgetItem(self.tr("No village or grid matches"))
                item.setFlags(Qt.ItemFlag.NoItemFlags)
                self.place_results.addItem(item)

        self._runner.submit(find, show, self._failed)

    def _choose_result(self, item: QListWidgetItem) -> None:
        choice = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(choice, PlaceChoice):
            return
        sessions = self._sessions

        def resolve() -> PlaceChoice:
            with sessions() as s:
                return intake.resolve_choice(s, self._grid_index(s), choice)

        self._runner.submit(resolve, self.set_place, self._failed)

    def set_point(self, lat: float, lon: float) -> None:
        """A point clicked on the map: the place it falls in becomes the case's place."""
        sessions = self._sessions

        def locate() -> PlaceChoice | None:
            with sessions() as s:
                return intake.place_at(s, self._grid_index(s), lat, lon)

        def done(place: PlaceChoice | None) -> None:
            if place is None:
                self.error.setText(self.tr("The point is outside every grid of the city: pick again."))
                return
            self.set_place(place)

        self._runner.submit(locate, done, self._failed)

    def set_place(self, place: PlaceChoice) -> None:
        self._place = place
        self.place_label.setText(
            fill(self.tr("Filed at: %1 (%2, %3)"), place.label, f"{place.lat:.5f}", f"{place.lon:.5f}")
        )
        self.error.clear()
        if self._actor.role == Role.TOWN_STAFF and place.town_id != self._actor.town_id:
            # Said at once; filing would be refused (by the service, and the database).
            self.error.setText(
                fill(
                    self.tr("%1 is outside your town: you can file cases of your own town only."), place.town
                )
            )
        self._dup_timer.start()

    @property
    def place(self) -> PlaceChoice | None:
        return self._place

    # --- duplicates ------------------------------------------------------------------------------

    def _saved_days(self) -> int:
        return self._settings.duplicate_days

    def _days_changed(self, days: int) -> None:
        self._settings.duplicate_days = int(days)
        self._dup_timer.start()

    def _probe(self) -> intake.DuplicateProbe:
        return intake.probe_for(self._place, self.party_rows(), self.reporter_phone.text())

    def _find_duplicates(self) -> None:
        probe = self._probe()
        self._dup_gen += 1
        gen = self._dup_gen
        if probe.empty:
            self.show_duplicates([])
            self.dup_summary.setText(self.tr("Choose a place or enter a party to check."))
            return
        sessions, actor, days = self._sessions, self._actor, self.days.value()

        def find() -> list[DuplicateCandidate]:
            with sessions() as s:
                return intake.find_duplicates(s, actor, probe, utcnow(), days=days)

        def show(found: list[DuplicateCandidate]) -> None:
            if gen == self._dup_gen:
                self.show_duplicates(found)

        self._runner.submit(find, show, self._failed)

    def _reason_text(self, c: DuplicateCandidate) -> str:
        parts = []
        for reason in c.reasons:
            if reason == "grid":
                parts.append(self.tr("same grid"))
            elif reason == "village":
                parts.append(self.tr("same village"))
            elif reason == "near" and c.distance_m is not None:
                parts.append(fill(self.tr("%1 m away"), int(round(c.distance_m))))
            elif reason == "name":
                parts.append(self.tr("same party name"))
            elif reason == "phone":
                parts.append(self.tr("same phone"))
        text = "、".join(parts)
        if c.matched:
            text += f"（{'、'.join(c.matched)}）"
        return text

    def show_duplicates(self, found: list[DuplicateCandidate]) -> None:
        linked = self.linked_ids()
        self._duplicates = found
        self.dup_table.setRowCount(len(found))
        for row, c in enumerate(found):
            check = QTableWidgetItem()
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Checked if c.case_id in linked else Qt.CheckState.Unchecked)
            check.setData(Qt.ItemDataRole.UserRole, c.case_id)
            self.dup_table.setItem(row, 0, check)
            reported = to_local(c.reported_at).strftime("%m-%d %H:%M")
            cells = (
                c.number,
                c.title,
                f"{c.town} · {c.village}",
                f"{status_label(c.status)} · {level_label(c.level)}",
                f"{self._reason_text(c)} · {reported}",
            )
            for col, value in enumerate(cells, start=1):
                item = QTableWidgetItem(value)
                item.setToolTip(literal(value))
                self.dup_table.setItem(row, col, item)
        if found:
            self.dup_summary.setText(
                fill(self.tr("%1 open case(s) at the same place or with the same party."), len(found))
            )
        else:
            self.dup_summary.setText(self.tr("No open case at this place or with these parties."))

    def linked_ids(self) -> tuple[int, ...]:
        ids = []
        for row in range(self.dup_table.rowCount()):
            item = self.dup_table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(ids)

    @property
    def duplicates(self) -> list[DuplicateCandidate]:
        return list(self._duplicates)

    def open_selected(self) -> None:
        rows = {i.row() for i in self.dup_table.selectedIndexes()}
        if not rows and self.dup_table.rowCount() == 1:
            rows = {0}
        for row in rows:
            item = self.dup_table.item(row, 0)
            if item is not None:
                self.openCase.emit(int(item.data(Qt.ItemDataRole.UserRole)))
                return
        self.error.setText(self.tr("Select a suggested case first."))

    # --- saving -----------------------------------------------------------------------------------

    def form(self) -> IntakeForm:
        department = self.department.currentData()
        return IntakeForm(
            channel=Channel(self.channel.currentData()),
            kind=Kind(self.kind.currentData()),
            category=str(self.category.currentData()),
            title=self.title.text(),
            lat=self._place.lat if self._place else None,
            lon=self._place.lon if self._place else None,
            reporter_name=self.reporter_name.text(),
            reporter_phone=self.reporter_phone.text(),
            parties=self.party_rows(),
            parties_count=self.parties_count.value(),
            description=self.description.toPlainText(),
            severity=Severity(int(self.severity.currentData())),
            mass_incident=self.mass_incident.isChecked(),
            sensitive_period=self.sensitive.isChecked(),
            department_id=int(department) if department is not None else None,
            related_case_ids=self.linked_ids(),
            route=False,  # what the combo shows is what is saved
        )

    def save(self) -> None:
        """Check, then (in the background) look for duplicates not yet shown and file."""
        if self._saving or self._meta is None:
            return
        form = self.form()
        try:
            intake.new_case(form, self._actor)  # the checks that need no database, at once
        except CaseError as exc:
            self.error.setText(describe(exc))
            return
        self._saving = True
        self.save_button.setEnabled(False)
        self.error.clear()
        sessions, service, actor = self._sessions, self._service, self._actor
        probe, days = intake.form_probe(form, self._place), self.days.value()
        seen = set(self._acknowledged) | {c.case_id for c in self._duplicates}

        def run() -> _Outcome:
            with sessions() as s:
                found = intake.find_duplicates(s, actor, probe, utcnow(), days=days)
            if {c.case_id for c in found} - seen - set(form.related_case_ids):
                return _Outcome(None, "", found)
            case = intake.file_case(service, form, actor)
            return _Outcome(case.id, case.number, found)

        self._runner.submit(run, self._saved, self._failed)

    def _saved(self, outcome: _Outcome) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if outcome.case_id is None:
            # New suggestions appeared: show them once; saving again files the case anyway.
            self.show_duplicates(outcome.duplicates)
            self._acknowledged |= {c.case_id for c in outcome.duplicates}
            self.error.setText(
                self.tr(
                    "Similar open cases were found: tick “Link” or open the existing case. "
                    "Press “File the case” again to file it as a new case."
                )
            )
            return
        self.filed_case_id = outcome.case_id
        self.caseFiled.emit(outcome.case_id)
        self.accept()

    @property
    def busy(self) -> bool:
        """A save is under way (its answer not in yet)."""
        return self._saving

    def closeEvent(self, event: QCloseEvent) -> None:
        self._search_timer.stop()
        self._dup_timer.stop()
        super().closeEvent(event)


# --- settings dialogs ----------------------------------------------------------------------------


class RoutesDialog(QDialog):
    """类别分派: the department each category is routed to at intake. Administrators edit it."""

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RoutesDialog")
        self.setWindowTitle(self.tr("Category routing"))
        self._sessions, self._actor, self._runner = sessions, actor, runner
        self._editable = intake.may_edit_routes(actor)
        layout = QVBoxLayout(self)
        note = plain_label(
            self.tr("A case filed at the desk is assigned to the department of its category.")
            if self._editable
            else self.tr("Only administrators change the routing; you see it read-only.")
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Category"), self.tr("Department")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        self.error = plain_label()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setEnabled(False)
        self.save_button.setVisible(self._editable)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 560)
        self.combos: dict[str, QComboBox] = {}
        self._load()

    def _load(self) -> None:
        sessions = self._sessions

        def load() -> tuple[list[tuple[int, str]], list[intake.RouteRow]]:
            with sessions() as s:
                return intake.departments(s), intake.routes(s)

        self._runner.submit(load, self._show, lambda exc: self.error.setText(describe(exc)))

    def _show(self, loaded: tuple[list[tuple[int, str]], list[intake.RouteRow]]) -> None:
        departments, rows = loaded
        self.table.setRowCount(len(rows))
        self.combos.clear()
        for r, row in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(kind_label(row.kind)))
            self.table.setItem(r, 1, QTableWidgetItem(category_label(row.category)))
            combo = QComboBox()
            combo.addItem(self.tr("(not routed)"), None)
            for dep_id, name in departments:
                combo.addItem(name, dep_id)
            combo.setCurrentIndex(max(combo.findData(row.department_id), 0) if row.department_id else 0)
            combo.setEnabled(self._editable)
            self.table.setCellWidget(r, 2, combo)
            self.combos[row.category] = combo
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.save_button.setEnabled(self._editable)

    def table_value(self) -> dict[str, int | None]:
        return {
            c: (int(b.currentData()) if b.currentData() is not None else None) for c, b in self.combos.items()
        }

    def save(self) -> None:
        sessions, actor, table = self._sessions, self._actor, self.table_value()
        self.save_button.setEnabled(False)

        def done(_: object) -> None:
            self.save_button.setEnabled(True)
            self.accept()

        def failed(exc: Exception) -> None:
            self.save_button.setEnabled(True)
            self.error.setText(describe(exc))

        self._runner.submit(lambda: intake.save_routes(sessions, actor, table), done, failed)


class PeriodsDialog(QDialog):
    """敏感时期: the calendar whose days give new cases the sensitive-period flag by default."""

    changed = Signal()

    def __init__(
        self, sessions: SessionFactory, actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PeriodsDialog")
        self.setWindowTitle(self.tr("Sensitive periods"))
        self._sessions, self._actor, self._runner = sessions, actor, runner
        self._editable = intake.may_edit_periods(actor)
        self._rows: list[PeriodRow] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("From"), self.tr("To"), self.tr("Focus")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selected)
        layout.addWidget(self.table, 1)
        editor = QGroupBox(self.tr("Period"))
        form = QFormLayout(editor)
        self.name = QLineEdit()
        self.name.setMaxLength(64)
        self.starts = QDateEdit(calendarPopup=True)
        self.ends = QDateEdit(calendarPopup=True)
        for edit in (self.starts, self.ends):
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
        self.focus = QLineEdit()
        self.focus.setMaxLength(2000)
        dates = QHBoxLayout()
        dates.addWidget(self.starts)
        dates.addWidget(QLabel("—"))
        dates.addWidget(self.ends)
        dates.addStretch(1)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Dates"), dates)
        form.addRow(self.tr("Focus"), self.focus)
        layout.addWidget(editor)
        editor.setVisible(self._editable)
        self.error = plain_label(
            "" if self._editable else self.tr("Dispatchers and administrators keep this calendar.")
        )
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e" if self._editable else "color: #546e7a")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = buttons.addButton(self.tr("Add"), QDialogButtonBox.ButtonRole.ActionRole)
        self.update_button = buttons.addButton(
            self.tr("Save changes"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.delete_button = buttons.addButton(self.tr("Delete"), QDialogButtonBox.ButtonRole.ActionRole)
        for button in (self.add_button, self.update_button, self.delete_button):
            button.setVisible(self._editable)
        self.add_button.clicked.connect(lambda: self._save(new=True))
        self.update_button.clicked.connect(lambda: self._save(new=False))
        self.delete_button.clicked.connect(self._delete)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(680, 520)
        self.reload()

    def reload(self) -> None:
        sessions = self._sessions

        def load() -> list[PeriodRow]:
            with sessions() as s:
                return intake.periods(s)

        self._runner.submit(load, self._show, lambda exc: self.error.setText(describe(exc)))

    def _show(self, rows: list[PeriodRow]) -> None:
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(
                (row.name, _date_text(row.starts_on), _date_text(row.ends_on), row.focus)
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(literal(value))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

    def _current(self) -> PeriodRow | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self._rows[min(rows)] if rows else None

    def _selected(self) -> None:
        row = self._current()
        if row is None:
            return
        self.name.setText(row.name)
        self.starts.setDate(QDate(row.starts_on.year, row.starts_on.month, row.starts_on.day))
        self.ends.setDate(QDate(row.ends_on.year, row.ends_on.month, row.ends_on.day))
        self.focus.setText(row.focus)

    def _edited(self, period_id: int | None) -> PeriodRow:
        def day(edit: QDateEdit) -> dt.date:
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        return PeriodRow(period_id, self.name.text(), day(self.starts), day(self.ends), self.focus.text())

    def _save(self, *, new: bool) -> None:
        current = self._current()
        if not new and current is None:
            self.error.setText(self.tr("Select a period in the list first."))
            return
        row = self._edited(None if new or current is None else current.id)
        sessions, actor = self._sessions, self._actor
        self._run(lambda: intake.save_period(sessions, actor, row))

    def _delete(self) -> None:
        current = self._current()
        if current is None or current.id is None:
            self.error.setText(self.tr("Select a period in the list first."))
            return
        sessions, actor, period_id = self._sessions, self._actor, current.id
        self._run(lambda: intake.delete_period(sessions, actor, period_id))

    def _run(self, fn: Any) -> None:
        def done(_: object) -> None:
            self.error.clear()
            self.changed.emit()
            self.reload()

        self._runner.submit(fn, done, lambda exc: self.error.setText(describe(exc)))


__all__ = ["IntakeDialog", "PeriodsDialog", "RoutesDialog", "channel_label"]
