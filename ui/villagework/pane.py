"""Village work (三日合一与代办): a town chooser, a status line and one tab per section — the village
days and receptions of a month with the issues raised there (days.py, receptions.py), the
social-stability risk assessments of projects (risks.py), and the service errands with their
counts per town and office (errands.py).

Every read and write runs off the GUI thread through the window's TaskRunner on the functions of
desktop.villagedays. Town staff see and write their own town; city roles every town (and the
database holds them to that anyway). Forms are window-modal dialogs that stay open on a refusal
and show its reason; nothing is stored then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import villagedays as vd
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService
from desktop.store import SessionFactory
from desktop.vocab import ErrandStatus, Role
from ui.tasks import TaskRunner
from ui.text import fill, plain_label
from ui.villagework.common import ALL, Section, WorkForm
from ui.villagework.days import DaysSection
from ui.villagework.errands import ErrandsSection
from ui.villagework.risks import RisksSection


class VillageWorkPane(QWidget):
    """Three tabs: village days and receptions, risk assessments, errands. Reads nothing until it
    is first shown. The host of the sections (ui.villagework.common.Host)."""

    changed = Signal()  # after any save: other panes may show new logs and cases

    def __init__(
        self,
        sessions: SessionFactory,
        service: CaseService,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = vd.today_local,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("VillageWorkPane")
        self.sessions = sessions
        self.service = service
        self.actor = actor
        self.runner = runner
        self._today = today
        self.may_write = vd.may_write(actor)
        self.loaded_once = False
        self.loading: set[str] = set()
        self.towns: list[tuple[int, str]] = []
        self.dialog: WorkForm | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        self.town_combo = QComboBox()
        self.town_combo.setMinimumContentsLength(6)
        self.town_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.town_combo.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(plain_label(self.tr("Town")))
        bar.addWidget(self.town_combo, 1)
        self.status = plain_label()
        self.status.setStyleSheet("color: #546e7a")
        bar.addWidget(self.status, 1)
        outer.addLayout(bar)
        self.days = DaysSection(self)
        self.risks = RisksSection(self)
        self.errands = ErrandsSection(self)
        self.sections: tuple[Section, ...] = (self.days, self.risks, self.errands)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.days, self.tr("Village days"))
        self.tabs.addTab(self.risks, self.tr("Risk assessments"))
        self.tabs.addTab(self.errands, self.tr("Errands"))
        self.tabs.currentChanged.connect(lambda _i: self._load_tab())
        outer.addWidget(self.tabs, 1)
        self.write_buttons = [b for section in self.sections for b in section.write_buttons]
        for button in self.write_buttons:
            button.setEnabled(self.may_write)
            if not self.may_write:
                button.setToolTip(self.tr("Your role may only read village work."))

    # --- the host of the sections ------------------------------------------------------------

    def today(self) -> dt.date:
        return self._today()

    def town_id(self) -> int | None:
        value = self.town_combo.currentData()
        return None if value in (None, ALL) else int(value)

    def begin(self, key: str, announce: bool = True) -> None:
        self.loading.add(key)
        if announce:
            self.status.setText(self.tr("Loading…"))

    def end(self, key: str) -> None:
        self.loading.discard(key)

    def loaded(self, key: str, text: str) -> None:
        self.loading.discard(key)
        self.status.setText(text)

    def failed(self, key: str) -> Callable[[Exception], None]:
        def show(exc: Exception) -> None:
            self.loading.discard(key)
            self.status.setText(fill(self.tr("Could not read: %1"), str(getattr(exc, "orig", None) or exc)))

        return show

    def saved(self) -> None:
        self.changed.emit()

    # --- loading -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded_once:
            self.reload()

    def is_loading(self) -> bool:
        return bool(self.loading)

    def reload(self) -> None:
        self.loaded_once = True
        if not self.towns:
            self._load_towns()
            return
        self._load_tab()

    def _load_towns(self) -> None:
        sessions, actor, may_write = self.sessions, self.actor, self.may_write
        until = self._today() + dt.timedelta(days=vd.HORIZON_DAYS)
        self.loading.add("towns")

        def read() -> list[tuple[int, str]]:
            if may_write:
                # Dates of the schedules as time passes: the pane keeps the horizon filled.
                vd.generate_days(sessions, actor, until)
            with sessions() as s:
                return vd.town_choices(s, actor)

        self.runner.submit(read, self._towns_loaded, self.failed("towns"))

    def _towns_loaded(self, towns: list[tuple[int, str]]) -> None:
        self.loading.discard("towns")
        self.towns = towns
        self.town_combo.blockSignals(True)
        self.town_combo.clear()
        if self.actor.role != Role.TOWN_STAFF:
            self.town_combo.addItem(self.tr("All towns"), ALL)
        for town_id, name in towns:
            self.town_combo.addItem(name, town_id)
        self.town_combo.setEnabled(self.town_combo.count() > 1)
        self.town_combo.blockSignals(False)
        self._load_tab()

    def _load_tab(self) -> None:
        if self.towns:
            self.sections[self.tabs.currentIndex()].load()

    # --- the sections' parts under the names the pane has always had --------------------------

    @property
    def entries(self) -> list[vd.CalendarEntry]:
        return self.days.entries

    @property
    def day_tree(self) -> QTreeWidget:
        return self.days.day_tree

    @property
    def issue_tree(self) -> QTreeWidget:
        return self.days.issue_tree

    def shift_month(self, step: int) -> None:
        self.days.shift_month(step)

    def select_entry(self, what: str, entry_id: int) -> bool:
        return self.days.select_entry(what, entry_id)

    def new_schedule(self) -> WorkForm:
        return self.days.new_schedule()

    def new_reception(self) -> WorkForm:
        return self.days.receptions.new_reception()

    def record_selected(self) -> WorkForm | None:
        return self.days.record_selected()

    def raise_issue(self) -> WorkForm | None:
        return self.days.raise_issue()

    @property
    def assessments(self) -> list[vd.AssessmentRow]:
        return self.risks.assessments

    @property
    def risk_tree(self) -> QTreeWidget:
        return self.risks.risk_tree

    @property
    def risk_detail(self) -> QLabel:
        return self.risks.risk_detail

    def new_assessment(self) -> WorkForm:
        return self.risks.new_assessment()

    def add_step(self) -> WorkForm | None:
        return self.risks.add_step()

    def decide(self) -> WorkForm | None:
        return self.risks.decide()

    @property
    def errand_rows(self) -> list[vd.ErrandRow]:
        return self.errands.errand_rows

    @property
    def counts(self) -> list[vd.ErrandCount]:
        return self.errands.counts

    @property
    def count_tree(self) -> QTreeWidget:
        return self.errands.count_tree

    @property
    def errand_tree(self) -> QTreeWidget:
        return self.errands.errand_tree

    @property
    def errand_status_buttons(self) -> list[QPushButton]:
        return self.errands.errand_status_buttons

    @property
    def overdue_only(self) -> QCheckBox:
        return self.errands.overdue_only

    def new_errand(self) -> WorkForm:
        return self.errands.new_errand()

    def set_errand(self, status: ErrandStatus) -> WorkForm | None:
        return self.errands.set_errand(status)
