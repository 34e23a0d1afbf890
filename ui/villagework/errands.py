"""The errands tab: service errands (代办) accepted for residents, their counts per town or office,
and the forms that accept one and move it on (in progress, done, returned)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop import villagedays as vd
from desktop.vocab import ErrandStatus
from ui.forms import date_edit, pydate
from ui.labels import category_label
from ui.text import fill, plain_label
from ui.villagework.common import (
    LATE,
    ROW,
    Host,
    Section,
    WorkForm,
    detail_label,
    errand_status_label,
    tree,
)


class ErrandsSection(Section):
    """Counts above, the errands below, filtered to the overdue or open ones on request."""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self.errand_rows: list[vd.ErrandRow] = []
        self.counts: list[vd.ErrandCount] = []
        layout = QVBoxLayout(self)
        self.count_tree = tree(
            [
                self.tr("Town or office"),
                self.tr("All"),
                self.tr("Open"),
                self.tr("Overdue"),
                self.tr("Done late"),
            ],
            stretch=0,
        )
        self.count_tree.setMaximumHeight(150)
        layout.addWidget(self.count_tree)
        filters = QHBoxLayout()
        self.overdue_only = QCheckBox(self.tr("Overdue only"))
        self.overdue_only.toggled.connect(lambda _c: self.load())
        self.open_only = QCheckBox(self.tr("Open only"))
        self.open_only.toggled.connect(lambda _c: self.load())
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.open_only)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.errand_tree = tree(
            [
                self.tr("Applicant"),
                self.tr("Matter"),
                self.tr("Office"),
                self.tr("Promised"),
                self.tr("Status"),
            ],
            stretch=0,
        )
        self.errand_tree.currentItemChanged.connect(lambda *_a: self._errand_selected())
        layout.addWidget(self.errand_tree, 1)
        self.errand_detail = detail_label()
        layout.addWidget(self.errand_detail)
        row, made = self.button_row(
            (self.tr("New errand…"), self.new_errand),
            (self.tr("In progress"), lambda: self.set_errand(ErrandStatus.IN_PROGRESS)),
            (self.tr("Done…"), lambda: self.set_errand(ErrandStatus.DONE)),
            (self.tr("Return"), lambda: self.set_errand(ErrandStatus.RETURNED)),
        )
        layout.addLayout(row)
        self.errand_status_buttons = made[1:]

    def load(self) -> None:
        sessions, actor, town, today = (
            self.host.sessions,
            self.host.actor,
            self.host.town_id(),
            self.host.today(),
        )
        self.host.begin("errands")
        overdue, open_only = self.overdue_only.isChecked(), self.open_only.isChecked()

        def read_errands() -> tuple[list[vd.ErrandCount], list[vd.ErrandRow]]:
            with sessions() as s:
                return (
                    vd.errand_counts(s, actor, today, town, by="town" if town is None else "office"),
                    vd.errands(s, actor, today, town, overdue_only=overdue, open_only=open_only),
                )

        self.host.runner.submit(read_errands, self._errands_loaded, self.host.failed("errands"))

    def _errands_loaded(self, result: tuple[list[vd.ErrandCount], list[vd.ErrandRow]]) -> None:
        counts, rows = result
        self.counts, self.errand_rows = counts, rows
        self.count_tree.clear()
        for c in counts:
            item = QTreeWidgetItem(
                [c.town or c.office, str(c.total), str(c.open), str(c.overdue), str(c.done_late)]
            )
            if c.overdue:
                item.setForeground(3, QBrush(LATE))
            self.count_tree.addTopLevelItem(item)
        self.errand_tree.clear()
        for i, r in enumerate(rows):
            status = errand_status_label(r.status)
            if r.overdue:
                status = fill(self.tr("%1, overdue"), status)
            item = QTreeWidgetItem(
                [r.applicant, category_label(r.matter), r.office, f"{r.promised_on:%m-%d}", status]
            )
            item.setData(0, ROW, i)
            if r.overdue:
                for column in range(5):
                    item.setForeground(column, QBrush(LATE))
            self.errand_tree.addTopLevelItem(item)
        overdue = sum(c.overdue for c in counts)
        total = sum(c.total for c in counts)
        self.host.loaded("errands", fill(self.tr("%1 errands, %2 overdue"), total, overdue))
        self._errand_selected()

    def selected_errand(self) -> vd.ErrandRow | None:
        item = self.errand_tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW)
        return self.errand_rows[index] if isinstance(index, int) and index < len(self.errand_rows) else None

    def _errand_selected(self) -> None:
        r = self.selected_errand()
        # Only an open errand moves on; a done or returned one stays as it is.
        for button in self.errand_status_buttons:
            button.setEnabled(self.host.may_write and r is not None and r.status in vd.OPEN_ERRAND)
        if r is None:
            self.errand_detail.setText("")
            return
        done = fill(self.tr(", done %1"), r.done_on.isoformat()) if r.done_on else ""
        self.errand_detail.setText(
            fill(
                self.tr("%1 %2 · handler %3 · accepted %4, promised %5%6\nDocuments: %7"),
                r.town,
                r.village,
                r.handler,
                r.accepted_on.isoformat(),
                r.promised_on.isoformat(),
                done,
                "、".join(r.documents) or "—",
            )
        )

    def new_errand(self) -> WorkForm:
        dialog = self.form(self.tr("New errand"))
        towns = self.town_field(dialog)
        villages = self.village_field(dialog, towns, optional=True)
        applicant = QLineEdit()
        dialog.add_row(self.tr("Applicant"), applicant)
        phone = QLineEdit()
        dialog.add_row(self.tr("Phone"), phone)
        matter = QComboBox()
        for m in vd.ERRAND_MATTERS:
            matter.addItem(category_label(m), m)
        dialog.add_row(self.tr("Matter"), matter)
        documents = QLineEdit()
        documents.setPlaceholderText(self.tr("Documents received, separated by 、"))
        dialog.add_row(self.tr("Documents"), documents)
        office = QLineEdit()
        dialog.add_row(self.tr("Handling office"), office)
        handler = QLineEdit()
        dialog.add_row(self.tr("Handler"), handler)
        accepted = dialog.add_row(self.tr("Accepted"), date_edit(self.host.today()))
        promised = dialog.add_row(self.tr("Promised by"), date_edit(self.host.today() + dt.timedelta(days=7)))
        detail = QPlainTextEdit()
        dialog.add_row(self.tr("Details"), detail)

        def defaults() -> None:
            m = str(matter.currentData())
            office.setText(vd.DEFAULT_OFFICE.get(m, ""))
            documents.setText("、".join(vd.TYPICAL_DOCUMENTS.get(m, ())))

        matter.currentIndexChanged.connect(lambda _i: defaults())
        defaults()
        sessions, actor = self.host.sessions, self.host.actor

        def build() -> vd.ErrandForm:
            return vd.ErrandForm(
                town_id=int(towns.currentData()),
                applicant=applicant.text(),
                matter=str(matter.currentData()),
                office=office.text(),
                handler=handler.text(),
                accepted_on=pydate(accepted.date()),  # type: ignore[attr-defined]
                promised_on=pydate(promised.date()),  # type: ignore[attr-defined]
                documents=vd.parse_documents(documents.text()),
                applicant_phone=phone.text(),
                detail=detail.toPlainText(),
                village_id=villages.currentData(),
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_errand(sessions, actor, form)
        dialog.open()
        return dialog

    def set_errand(self, status: ErrandStatus) -> WorkForm | None:
        r = self.selected_errand()
        if r is None:
            self.host.loaded("errand", self.tr("Select an errand first."))
            return None
        labels = {
            ErrandStatus.IN_PROGRESS: self.tr("Errand in progress"),
            ErrandStatus.DONE: self.tr("Errand done"),
            ErrandStatus.RETURNED: self.tr("Return the errand"),
        }
        dialog = self.form(labels.get(status, self.tr("Errand")))
        dialog.add_row(
            self.tr("Errand"), plain_label(f"{r.applicant} · {category_label(r.matter)} · {r.office}")
        )
        done = date_edit(self.host.today())
        if status == ErrandStatus.DONE:
            dialog.add_row(self.tr("Done on"), done)
        sessions, actor, eid = self.host.sessions, self.host.actor, r.id

        def build() -> dt.date | None:
            return pydate(done.date()) if status == ErrandStatus.DONE else None

        dialog.build = build
        dialog.work = lambda day: vd.set_errand_status(sessions, actor, eid, status, day)
        dialog.open()
        return dialog
