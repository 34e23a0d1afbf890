"""What the sections of the village work pane share: the labels of the vocabulary, small widget
helpers, the form they write through, and the host (the pane) they read and report through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import villagedays as vd
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService
from desktop.store import SessionFactory
from ui.errors import explain
from ui.forms import FormDialog
from ui.tasks import TaskRunner
from ui.text import plain_label

ROW = Qt.ItemDataRole.UserRole
ALL = -1
LATE = QColor("#b71c1c")
MUTED = QColor("#607d8b")


translate = QCoreApplication.translate


# --- labels -----------------------------------------------------------------------------------


def day_kind_label(kind: str) -> str:
    return {
        "combined": translate("VillageWork", "Three days in one"),
        "mass_work": translate("VillageWork", "Mass work day"),
        "deliberation": translate("VillageWork", "Democratic deliberation day"),
        "openness": translate("VillageWork", "Village affairs openness day"),
    }.get(kind, kind)


def reception_kind_label(kind: str) -> str:
    return {
        "scheduled": translate("VillageWork", "Leader's reception day"),
        "appointment": translate("VillageWork", "Leader's appointment"),
    }.get(kind, kind)


def day_status_label(status: str) -> str:
    return {
        "planned": translate("VillageWork", "Planned"),
        "held": translate("VillageWork", "Held"),
        "cancelled": translate("VillageWork", "Cancelled"),
        "done": translate("VillageWork", "Received"),
    }.get(status, status)


def project_kind_label(kind: str) -> str:
    return {
        "land_acquisition": translate("VillageWork", "Land acquisition"),
        "demolition": translate("VillageWork", "Demolition"),
        "factory": translate("VillageWork", "Factory project"),
        "renovation": translate("VillageWork", "Old town renewal"),
        "restructuring": translate("VillageWork", "Enterprise restructuring"),
        "other": translate("VillageWork", "Other project"),
    }.get(kind, kind)


def step_label(kind: str) -> str:
    return {
        "notice_hearing": translate("VillageWork", "Public notice and hearing"),
        "expert": translate("VillageWork", "Expert consultation"),
        "survey": translate("VillageWork", "Survey and forum"),
    }.get(kind, kind)


def risk_label(level: str | None) -> str:
    if level is None:
        return translate("VillageWork", "Not assessed")
    return {
        "high": translate("VillageWork", "High"),
        "medium": translate("VillageWork", "Medium"),
        "low": translate("VillageWork", "Low"),
    }.get(level, level)


def decision_label(decision: str | None) -> str:
    if decision is None:
        return translate("VillageWork", "Under assessment")
    return {
        "implement": translate("VillageWork", "Implement"),
        "with_measures": translate("VillageWork", "Implement with measures"),
        "postpone": translate("VillageWork", "Postpone"),
        "halt": translate("VillageWork", "Halt the project"),
    }.get(decision, decision)


def errand_status_label(status: str) -> str:
    return {
        "accepted": translate("VillageWork", "Accepted"),
        "in_progress": translate("VillageWork", "In progress"),
        "done": translate("VillageWork", "Done"),
        "returned": translate("VillageWork", "Returned"),
    }.get(status, status)


def weekday_label(day: int) -> str:
    return (
        translate("VillageWork", "Monday"),
        translate("VillageWork", "Tuesday"),
        translate("VillageWork", "Wednesday"),
        translate("VillageWork", "Thursday"),
        translate("VillageWork", "Friday"),
        translate("VillageWork", "Saturday"),
        translate("VillageWork", "Sunday"),
    )[day]


def optional_count(spin: QSpinBox) -> int | None:
    """A spin box whose minimum (-1, shown as "—") means "not given"."""
    return None if spin.value() < 0 else spin.value()


def count_spin(optional: bool = True) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(-1 if optional else 0, 1_000_000)
    if optional:
        spin.setSpecialValueText("—")
        spin.setValue(-1)
    return spin


def tree(headers: list[str], stretch: int = 0) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        mode = (
            QHeaderView.ResizeMode.Stretch if column == stretch else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return tree


def detail_label() -> QLabel:
    """The selected row told in full: wrapping, selectable, plain (it quotes what users typed)."""
    label = plain_label()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def master_detail(
    top: QTreeWidget, detail: QLabel, bottom: QTreeWidget, stretch: tuple[int, int] = (1, 1)
) -> QSplitter:
    """A list above, the selected row's detail and its own list (issues, steps) below."""
    split = QSplitter(Qt.Orientation.Vertical)
    split.addWidget(top)
    lower = QWidget()
    layout = QVBoxLayout(lower)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(detail)
    layout.addWidget(bottom, 1)
    split.addWidget(lower)
    split.setStretchFactor(0, stretch[0])
    split.setStretchFactor(1, stretch[1])
    return split


# --- the form ---------------------------------------------------------------------------------


class WorkForm(FormDialog):
    """A village work form: ``build()`` reads the fields into the core's form (a refusal there is
    shown at once), ``work(form)`` stores it in the background."""

    def __init__(self, title: str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(title, runner, QCoreApplication.translate("WorkForm", "Save"), parent)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.build: Callable[[], Any] = lambda: None
        self.work: Callable[[Any], Any] = lambda form: form
        self.setMinimumWidth(420)

    def submit(self) -> None:
        if self.busy:
            return
        try:
            form = self.build()
        except vd.VillageWorkError as exc:
            self.show_error(explain(exc))
            return
        work = self.work
        self.save_in_background(lambda: work(form))


# --- the host and its sections ----------------------------------------------------------------


class Host(Protocol):
    """What a section needs of the pane that hosts it."""

    sessions: SessionFactory
    service: CaseService
    actor: Actor
    runner: TaskRunner
    may_write: bool
    towns: list[tuple[int, str]]
    dialog: WorkForm | None

    def today(self) -> dt.date: ...

    def town_id(self) -> int | None: ...

    def begin(self, key: str, announce: bool = True) -> None: ...

    def end(self, key: str) -> None: ...

    def loaded(self, key: str, text: str) -> None: ...

    def failed(self, key: str) -> Callable[[Exception], None]: ...

    def saved(self) -> None: ...


class Section(QWidget):
    """One tab of the pane: reads its part in the background when asked to load, and opens the
    forms that write it."""

    def __init__(self, host: Host) -> None:
        super().__init__()
        self.host = host
        self.write_buttons: list[QPushButton] = []

    def load(self) -> None:
        raise NotImplementedError

    def button_row(self, *pairs: tuple[str, Callable[[], object]]) -> tuple[QHBoxLayout, list[QPushButton]]:
        row = QHBoxLayout()
        made = []
        for text, slot in pairs:
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, s=slot: s())
            row.addWidget(button)
            made.append(button)
        row.addStretch(1)
        self.write_buttons += made
        return row, made

    def form(self, title: str) -> WorkForm:
        """A form over the pane; once it saves, the pane hears of the change and this section
        reads again."""
        dialog = WorkForm(title, self.host.runner, self)
        dialog.saved.connect(lambda _result: self._after_save())
        dialog.finished.connect(dialog.deleteLater)
        self.host.dialog = dialog
        return dialog

    def _after_save(self) -> None:
        self.host.saved()
        self.load()

    def town_field(self, dialog: WorkForm) -> QComboBox:
        combo = QComboBox()
        for town_id, name in self.host.towns:
            combo.addItem(name, town_id)
        current = self.host.town_id()
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setEnabled(combo.count() > 1)
        dialog.add_row(translate("VillageWorkForms", "Town"), combo)
        return combo

    def village_field(
        self, dialog: WorkForm, towns: QComboBox, optional: bool = False, preselect: int | None = None
    ) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(False)
        dialog.add_row(translate("VillageWorkForms", "Village"), combo)
        sessions, runner = self.host.sessions, self.host.runner

        def load() -> None:
            town = towns.currentData()
            combo.clear()
            if town is None:
                return

            def read() -> list[tuple[int, str]]:
                with sessions() as s:
                    return vd.village_choices(s, int(town))

            def fill_in(villages: list[tuple[int, str]]) -> None:
                if towns.currentData() != town:
                    return
                combo.clear()
                if optional:
                    combo.addItem(translate("VillageWorkForms", "(whole town)"), None)
                for vid, name in villages:
                    combo.addItem(name, vid)
                if preselect is not None and combo.findData(preselect) >= 0:
                    combo.setCurrentIndex(combo.findData(preselect))

            runner.submit(read, fill_in)

        towns.currentIndexChanged.connect(lambda _i: load())
        load()
        return combo
