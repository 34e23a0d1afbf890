"""Leaders' receptions (领导接访): the form that schedules one (held at the selected village day
when there is one) and the form that records how it went. They list in the village days' calendar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QObject, QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit, QLineEdit, QPlainTextEdit

from desktop import villagedays as vd
from desktop.clock import CHINA_TZ
from desktop.vocab import ReceptionKind, ReceptionStatus
from ui.forms import qdate
from ui.text import fill, plain_label
from ui.villagework.common import WorkForm, day_status_label, reception_kind_label

if TYPE_CHECKING:
    from ui.villagework.days import DaysSection


class ReceptionForms(QObject):
    """The reception forms of the village days tab."""

    def __init__(self, days: DaysSection) -> None:
        super().__init__(days)
        self.days = days

    def new_reception(self) -> WorkForm:
        dialog = self.days.form(self.tr("New leader's reception"))
        # With a village day selected, the reception is held at it (领导下基层接访): prefilled.
        selected = self.days.selected_entry()
        day = selected if selected is not None and selected.what == "day" else None
        towns = self.days.town_field(dialog)
        if day is not None and towns.findData(day.town_id) >= 0:
            towns.setCurrentIndex(towns.findData(day.town_id))
        villages = self.days.village_field(
            dialog, towns, optional=True, preselect=day.village_id if day is not None else None
        )
        at_day = QCheckBox(
            fill(self.tr("At the village day of %1 in %2"), day.day.isoformat(), day.village) if day else ""
        )
        at_day.setChecked(day is not None)
        at_day.setVisible(day is not None)
        if day is not None:
            dialog.add_row("", at_day)
        kind = QComboBox()
        for k in ReceptionKind:
            kind.addItem(reception_kind_label(k), str(k))
        dialog.add_row(self.tr("Kind"), kind)
        leader = QLineEdit()
        leader.setPlaceholderText(self.tr("e.g. town party secretary Liu"))
        dialog.add_row(self.tr("Leader"), leader)
        when = QDateTimeEdit(
            QDateTime(qdate(day.day if day is not None else self.days.host.today()), QTime(9, 0))
        )
        when.setCalendarPopup(True)
        when.setDisplayFormat("yyyy-MM-dd HH:mm")
        dialog.add_row(self.tr("Date and time"), when)
        place = QLineEdit()
        dialog.add_row(self.tr("Place"), place)
        visitors = QLineEdit()
        visitors.setPlaceholderText(self.tr("Names, separated by 、"))
        dialog.add_row(self.tr("Visitors"), visitors)
        topic = QLineEdit()
        dialog.add_row(self.tr("Topic"), topic)
        sessions, actor = self.days.host.sessions, self.days.host.actor

        def build() -> vd.ReceptionForm:
            moment = when.dateTime()
            d, t = moment.date(), moment.time()
            starts = dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=CHINA_TZ)
            return vd.ReceptionForm(
                town_id=int(towns.currentData()),
                kind=ReceptionKind(kind.currentData()),
                leader_name=leader.text(),
                starts_at=starts,
                topic=topic.text(),
                place=place.text(),
                visitors=visitors.text(),
                village_id=villages.currentData(),
                village_day_id=day.id if day is not None and at_day.isChecked() else None,
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_reception(sessions, actor, form)
        dialog.open()
        return dialog

    def record(self, e: vd.CalendarEntry) -> WorkForm:
        sessions, actor = self.days.host.sessions, self.days.host.actor
        dialog = self.days.form(self.tr("Record the reception"))
        dialog.add_row(self.tr("Reception"), plain_label(f"{e.day.isoformat()} {e.time} {e.title}"))
        rstatus = QComboBox()
        for rs in ReceptionStatus:
            rstatus.addItem(day_status_label(rs), str(rs))
        rstatus.setCurrentIndex(rstatus.findData(ReceptionStatus.DONE))
        dialog.add_row(self.tr("Status"), rstatus)
        outcome = QPlainTextEdit()
        outcome.setPlaceholderText(self.tr("The answer given and what was agreed"))
        dialog.add_row(self.tr("Outcome"), outcome)
        reception_id = e.id

        def build_rec() -> tuple[ReceptionStatus, str]:
            return ReceptionStatus(rstatus.currentData()), outcome.toPlainText()

        dialog.build = build_rec
        dialog.work = lambda form: vd.record_reception(sessions, actor, reception_id, form[0], form[1])
        dialog.open()
        return dialog
