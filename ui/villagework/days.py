"""The village days tab: the month's village days (三日合一) and leaders' receptions in one
calendar, the issues raised at the one selected, and the forms that schedule, record and raise
them (the reception forms are in ui/villagework/receptions.py)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop import villagedays as vd
from desktop.vocab import CATEGORIES, Kind, Recurrence, VillageDayKind, VillageDayStatus
from ui.forms import date_edit, pydate
from ui.labels import category_label, kind_label
from ui.text import fill, literal, plain_label
from ui.villagework.common import (
    LATE,
    MUTED,
    ROW,
    Host,
    Section,
    WorkForm,
    count_spin,
    day_kind_label,
    day_status_label,
    detail_label,
    master_detail,
    optional_count,
    reception_kind_label,
    tree,
    weekday_label,
)
from ui.villagework.receptions import ReceptionForms


class DaysSection(Section):
    """Village days and receptions of one month."""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        first = host.today()
        self.month = dt.date(first.year, first.month, 1)
        self.entries: list[vd.CalendarEntry] = []
        self.receptions = ReceptionForms(self)
        layout = QVBoxLayout(self)
        nav = QHBoxLayout()
        self.prev_month = QPushButton("◀")
        self.prev_month.setToolTip(self.tr("Previous month"))
        self.prev_month.setFixedWidth(36)
        self.prev_month.clicked.connect(lambda: self.shift_month(-1))
        self.month_label = plain_label()
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_month = QPushButton("▶")
        self.next_month.setToolTip(self.tr("Next month"))
        self.next_month.setFixedWidth(36)
        self.next_month.clicked.connect(lambda: self.shift_month(1))
        self.this_month = QPushButton(self.tr("This month"))
        self.this_month.clicked.connect(self.go_this_month)
        for w in (self.prev_month, self.month_label, self.next_month, self.this_month):
            nav.addWidget(w, 1 if w is self.month_label else 0)
        layout.addLayout(nav)
        self.day_tree = tree(
            [self.tr("Date"), self.tr("What"), self.tr("Village"), self.tr("Status"), self.tr("Issues")],
            stretch=1,
        )
        self.day_tree.currentItemChanged.connect(lambda *_a: self._day_selected())
        self.day_detail = detail_label()
        self.issue_tree = tree([self.tr("Issue raised"), self.tr("Raised by"), self.tr("Became")], stretch=0)
        layout.addWidget(master_detail(self.day_tree, self.day_detail, self.issue_tree, (3, 2)), 1)
        row, _made = self.button_row(
            (self.tr("New schedule…"), self.new_schedule),
            (self.tr("New reception…"), self.receptions.new_reception),
        )
        layout.addLayout(row)
        row2, made2 = self.button_row(
            (self.tr("Record…"), self.record_selected),
            (self.tr("Raise issue…"), self.raise_issue),
        )
        layout.addLayout(row2)
        self.record_button, self.issue_button = made2

    def load(self) -> None:
        sessions, actor, town = self.host.sessions, self.host.actor, self.host.town_id()
        self.host.begin("days")
        start = self.month
        end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        self.month_label.setText(fill(self.tr("%1-%2"), start.year, f"{start.month:02d}"))

        def read_days() -> list[vd.CalendarEntry]:
            with sessions() as s:
                return vd.calendar_entries(s, actor, start, end, town)

        self.host.runner.submit(read_days, self._days_loaded, self.host.failed("days"))

    def shift_month(self, step: int) -> None:
        year, month = self.month.year, self.month.month + step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        self.month = dt.date(year, month, 1)
        self.load()

    def go_this_month(self) -> None:
        today = self.host.today()
        self.month = dt.date(today.year, today.month, 1)
        self.load()

    def _days_loaded(self, entries: list[vd.CalendarEntry]) -> None:
        selected = self.selected_entry()
        keep = (selected.what, selected.id) if selected else None
        self.entries = entries
        self.day_tree.clear()
        today = self.host.today()
        current = None
        for i, e in enumerate(entries):
            reception = e.what == "reception"
            what = reception_kind_label(e.kind) if reception else day_kind_label(e.kind)
            status = day_status_label(e.status)
            if e.attendance is not None:
                status = fill(self.tr("%1 · %2 people"), status, e.attendance)
            date_text = f"{e.day:%m-%d}" + (f" {e.time}" if e.time else "")
            village = e.village or e.town
            item = QTreeWidgetItem([date_text, what, village, status, str(e.issues) if e.issues else ""])
            item.setData(0, ROW, i)
            tip = f"{e.town} {e.village}\n{e.place}\n{e.title}".strip()
            for column in range(5):
                item.setToolTip(column, literal(tip))
            if e.day < today and e.status == VillageDayStatus.PLANNED:
                item.setForeground(3, QBrush(LATE))  # past and not recorded
            elif e.status == VillageDayStatus.CANCELLED:
                item.setForeground(3, QBrush(MUTED))
            if e.day == today:
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.day_tree.addTopLevelItem(item)
            if keep == (e.what, e.id):
                current = item
        if current is not None:
            self.day_tree.setCurrentItem(current)
        days = sum(e.what == "day" for e in entries)
        self.host.loaded("days", fill(self.tr("%1 village days, %2 receptions"), days, len(entries) - days))
        self._day_selected()

    def selected_entry(self) -> vd.CalendarEntry | None:
        item = self.day_tree.currentItem()
        if item is None:
            return None
        index = item.data(0, ROW)
        return self.entries[index] if isinstance(index, int) and index < len(self.entries) else None

    def select_entry(self, what: str, entry_id: int) -> bool:
        for i in range(self.day_tree.topLevelItemCount()):
            item = self.day_tree.topLevelItem(i)
            if item is None:
                continue
            e = self.entries[item.data(0, ROW)]
            if (e.what, e.id) == (what, entry_id):
                self.day_tree.setCurrentItem(item)
                return True
        return False

    def _day_selected(self) -> None:
        e = self.selected_entry()
        self.record_button.setEnabled(self.host.may_write and e is not None)
        self.issue_button.setEnabled(
            self.host.may_write and e is not None and e.status != VillageDayStatus.CANCELLED
        )
        self.issue_tree.clear()
        if e is None:
            self.day_detail.setText(self.tr("Select a village day or a reception."))
            return
        kind = reception_kind_label(e.kind) if e.what == "reception" else day_kind_label(e.kind)
        lines = [f"{e.day.isoformat()} {e.time} {kind} · {e.town} {e.village}".replace("  ", " ")]
        if e.place:
            lines.append(fill(self.tr("Place: %1"), e.place))
        if e.title and e.what == "reception":
            lines.append(e.title)
        elif e.title:
            lines.append(fill(self.tr("Notes: %1"), e.title))
        if e.visitors:
            lines.append(fill(self.tr("Visitors: %1"), e.visitors))
        if e.outcome:
            lines.append(fill(self.tr("Outcome: %1"), e.outcome))
        self.day_detail.setText("\n".join(lines))
        sessions, actor = self.host.sessions, self.host.actor
        what, entry_id = e.what, e.id

        def read() -> tuple[str, int, list[vd.IssueRow]]:
            with sessions() as s:
                if what == "day":
                    return what, entry_id, vd.issues_of(s, actor, village_day_id=entry_id)
                return what, entry_id, vd.issues_of(s, actor, reception_id=entry_id)

        self.host.begin("issues", announce=False)
        self.host.runner.submit(read, self._issues_loaded, self.host.failed("issues"))

    def _issues_loaded(self, result: tuple[str, int, list[vd.IssueRow]]) -> None:
        what, entry_id, rows = result
        self.host.end("issues")
        e = self.selected_entry()
        if e is None or (e.what, e.id) != (what, entry_id):
            return
        self.issue_tree.clear()
        for r in rows:
            became = (
                fill(self.tr("Case %1"), r.case_number or r.case_id)
                if r.case_id is not None
                else fill(self.tr("Sentiment log #%1"), r.log_id)
            )
            item = QTreeWidgetItem([r.content, r.raised_by, became])
            item.setToolTip(0, literal(r.content))
            self.issue_tree.addTopLevelItem(item)

    def new_schedule(self) -> WorkForm:
        dialog = self.form(self.tr("New village day schedule"))
        towns = self.town_field(dialog)
        villages = self.village_field(dialog, towns)
        kind = QComboBox()
        for k in VillageDayKind:
            kind.addItem(day_kind_label(k), str(k))
        dialog.add_row(self.tr("Kind"), kind)
        recurrence = QComboBox()
        recurrence.addItem(self.tr("Monthly on a day"), str(Recurrence.MONTHLY))
        recurrence.addItem(self.tr("Weekly on a weekday"), str(Recurrence.WEEKLY))
        dialog.add_row(self.tr("Repeats"), recurrence)
        day_of_month = QSpinBox()
        day_of_month.setRange(1, 31)
        day_of_month.setValue(15)
        day_of_month.setToolTip(self.tr("A day past the month's end means its last day."))
        dialog.add_row(self.tr("Day of month"), day_of_month)
        weekday = QComboBox()
        for d in range(7):
            weekday.addItem(weekday_label(d), d)
        dialog.add_row(self.tr("Weekday"), weekday)

        def sync() -> None:
            monthly = recurrence.currentData() == Recurrence.MONTHLY
            day_of_month.setEnabled(monthly)
            weekday.setEnabled(not monthly)

        recurrence.currentIndexChanged.connect(lambda _i: sync())
        sync()
        starts = dialog.add_row(self.tr("From"), date_edit(self.host.today()))
        place = QLineEdit()
        place.setPlaceholderText(self.tr("e.g. the village's mass work room"))
        dialog.add_row(self.tr("Place"), place)
        sessions, actor = self.host.sessions, self.host.actor

        def build() -> vd.ScheduleForm:
            if villages.currentData() is None:
                raise vd.VillageWorkError("请选择村（社区）。")
            monthly = recurrence.currentData() == Recurrence.MONTHLY
            return vd.ScheduleForm(
                town_id=int(towns.currentData()),
                village_id=int(villages.currentData()),
                kind=VillageDayKind(kind.currentData()),
                rule=vd.Rule(
                    Recurrence(recurrence.currentData()),
                    starts_on=pydate(starts.date()),  # type: ignore[attr-defined]
                    day_of_month=day_of_month.value() if monthly else None,
                    weekday=None if monthly else int(weekday.currentData()),
                ),
                place=place.text(),
            )

        dialog.build = build
        dialog.work = lambda form: vd.add_schedule(sessions, actor, form)
        dialog.open()
        return dialog

    def record_selected(self) -> WorkForm | None:
        e = self.selected_entry()
        if e is None:
            return None
        if e.what != "day":
            return self.receptions.record(e)
        sessions, actor = self.host.sessions, self.host.actor
        dialog = self.form(self.tr("Record the village day"))
        dialog.add_row(
            self.tr("Day"), plain_label(f"{e.day.isoformat()} {e.village} {day_kind_label(e.kind)}")
        )
        status = QComboBox()
        for s in VillageDayStatus:
            status.addItem(day_status_label(s), str(s))
        status.setCurrentIndex(status.findData(VillageDayStatus.HELD if e.status == "planned" else e.status))
        dialog.add_row(self.tr("Status"), status)
        attendance = count_spin()
        if e.attendance is not None:
            attendance.setValue(e.attendance)
        dialog.add_row(self.tr("Attendance"), attendance)
        notes = QPlainTextEdit(e.title)
        notes.setPlaceholderText(self.tr("What was publicised, deliberated and decided"))
        dialog.add_row(self.tr("Notes"), notes)
        day_id = e.id

        def build_day() -> vd.DayRecord:
            return vd.DayRecord(
                day_id,
                VillageDayStatus(status.currentData()),
                optional_count(attendance),
                notes.toPlainText(),
            )

        dialog.build = build_day
        dialog.work = lambda form: vd.record_day(sessions, actor, form)
        dialog.open()
        return dialog

    def raise_issue(self) -> WorkForm | None:
        e = self.selected_entry()
        if e is None:
            return None
        dialog = self.form(self.tr("Issue raised"))
        dialog.add_row(
            self.tr("Raised at"), plain_label(f"{e.day.isoformat()} {e.village or e.town} {e.title}"[:80])
        )
        content = QPlainTextEdit()
        content.setPlaceholderText(self.tr("What the resident raised"))
        dialog.add_row(self.tr("Issue"), content)
        raised_by = QLineEdit()
        dialog.add_row(self.tr("Raised by"), raised_by)
        phone = QLineEdit()
        dialog.add_row(self.tr("Phone"), phone)
        village: QComboBox | None = None
        if e.what == "reception" and not e.village:
            towns = QComboBox()
            towns.addItem(e.town, e.town_id)
            village = self.village_field(dialog, towns)
        as_case = QComboBox()
        as_case.addItem(self.tr("Record as a sentiment log"), False)
        as_case.addItem(self.tr("File as a case"), True)
        dialog.add_row(self.tr("Becomes"), as_case)
        kind = QComboBox()
        for k in CATEGORIES:
            kind.addItem(kind_label(k), str(k))
        dialog.add_row(self.tr("Case kind"), kind)
        category = QComboBox()
        dialog.add_row(self.tr("Category"), category)

        def categories() -> None:
            category.clear()
            for c in CATEGORIES[Kind(kind.currentData())]:
                category.addItem(category_label(c), c)

        def sync() -> None:
            case = bool(as_case.currentData())
            kind.setEnabled(case)
            category.setEnabled(case)

        kind.currentIndexChanged.connect(lambda _i: categories())
        as_case.currentIndexChanged.connect(lambda _i: sync())
        categories()
        sync()
        sessions, service, actor = self.host.sessions, self.host.service, self.host.actor
        what, entry_id = e.what, e.id

        def build() -> vd.IssueForm:
            return vd.IssueForm(
                content=content.toPlainText(),
                raised_by=raised_by.text(),
                raised_phone=phone.text(),
                village_day_id=entry_id if what == "day" else None,
                reception_id=entry_id if what == "reception" else None,
                village_id=village.currentData() if village is not None else None,
                as_case=bool(as_case.currentData()),
                kind=Kind(kind.currentData()),
                category=str(category.currentData() or ""),
            )

        dialog.build = build
        dialog.work = lambda form: vd.raise_issue(sessions, service, actor, form)
        dialog.open()
        return dialog
