"""File → Workers and grids…: the administrator adds, edits, moves, deactivates and reactivates
grid workers and grids, and reads who changed what (the city_changes audit).

Reads and writes are desktop.city_admin functions run through the TaskRunner; a refusal shows
its Chinese reason in the form and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import city_admin
from desktop.cases.ladder import Actor
from desktop.city_admin import GridForm, WorkerForm
from desktop.clock import to_local
from ui.forms import FormDialog
from ui.tables import filling
from ui.tasks import TaskRunner
from ui.text import fill, plain_label


def action_label(action: str) -> str:
    labels = {
        "add": QCoreApplication.translate("CityAdmin", "Added"),
        "edit": QCoreApplication.translate("CityAdmin", "Edited"),
        "move": QCoreApplication.translate("CityAdmin", "Moved"),
        "deactivate": QCoreApplication.translate("CityAdmin", "Deactivated"),
        "reactivate": QCoreApplication.translate("CityAdmin", "Reactivated"),
        "import": QCoreApplication.translate("CityAdmin", "Imported"),
    }
    return labels.get(action, action)


def entity_label(entity: str) -> str:
    labels = {
        "worker": QCoreApplication.translate("CityAdmin", "Worker"),
        "grid": QCoreApplication.translate("CityAdmin", "Grid"),
        "import": QCoreApplication.translate("CityAdmin", "Import"),
    }
    return labels.get(entity, entity)


def _table(headers: list[str], stretch: int) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class _Form(FormDialog):
    """A small form of this dialog: the accept button is named by the subclass, a refusal stays
    in the form (the base class does the saving)."""

    def __init__(self, runner: TaskRunner, accept_text: str, parent: QWidget | None = None) -> None:
        super().__init__("", runner, accept_text, parent)
        self.ok_button = self.accept_button

    def run(self, fn: Callable[[], Any]) -> None:
        self.save_in_background(fn)


class WorkerDialog(_Form):
    """新增/编辑/调动 a worker: staff number, name, phone, device, town → grid, squad, reason."""

    def __init__(
        self,
        sessions: Callable[[], Any],
        runner: TaskRunner,
        actor: Actor,
        choices: dict[str, list[dict[str, Any]]],
        row: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, QCoreApplication.translate("WorkerDialog", "Save"), parent)
        self.setObjectName("WorkerDialog")
        self.setWindowTitle(self.tr("New worker") if row is None else self.tr("Edit or move a worker"))
        self._sessions, self._actor, self._choices = sessions, actor, choices
        self._worker_id = None if row is None else int(row["id"])
        self.code = QLineEdit("" if row is None else row["code"])
        self.code.setMaxLength(32)
        self.name = QLineEdit("" if row is None else row["name"])
        self.name.setMaxLength(32)
        self.phone = QLineEdit("" if row is None else row["phone"])
        self.phone.setPlaceholderText(self.tr("mobile, 11 digits"))
        self.device = QLineEdit("" if row is None else row["device_id"])
        self.device.setMaxLength(64)
        self.town = QComboBox()
        for t in choices["towns"]:
            self.town.addItem(t["name"], t["id"])
        self.grid = QComboBox()
        self.squad = QComboBox()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why (kept in the change log)"))
        self.town.currentIndexChanged.connect(self._town_changed)
        if row is not None:
            self.town.setCurrentIndex(max(0, self.town.findData(row["town_id"])))
        self._town_changed()
        if row is not None:
            self.grid.setCurrentIndex(max(0, self.grid.findData(row["grid_id"])))
            self.squad.setCurrentIndex(max(0, self.squad.findData(row["squad_id"])))
        self.form.addRow(self.tr("Staff number:"), self.code)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Phone:"), self.phone)
        self.form.addRow(self.tr("Device id:"), self.device)
        self.form.addRow(self.tr("Town:"), self.town)
        self.form.addRow(self.tr("Grid:"), self.grid)
        self.form.addRow(self.tr("Squad:"), self.squad)
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.resize(460, self.sizeHint().height())

    def _town_changed(self, *_args: object) -> None:
        tid = self.town.currentData()
        self.grid.clear()
        for g in self._choices["grids"]:
            if g["town_id"] == tid and g["active"]:
                self.grid.addItem(f"{g['name']}（{g['code']}）", g["id"])
        self.squad.clear()
        for q in self._choices["squads"]:
            if q["town_id"] == tid:
                self.squad.addItem(q["name"], q["id"])

    def submit(self) -> None:
        if self.grid.currentData() is None or self.squad.currentData() is None:
            self.show_error(self.tr("Choose a grid and a squad."))
            return
        form = WorkerForm(
            self.code.text(),
            self.name.text(),
            self.phone.text(),
            self.device.text(),
            int(self.grid.currentData()),
            int(self.squad.currentData()),
        )
        sessions, actor, wid, reason = self._sessions, self._actor, self._worker_id, self.reason.text()

        def save() -> int:
            with sessions() as s:
                return city_admin.save_worker(s, actor, form, wid, reason)

        self.run(save)


class GridDialog(_Form):
    """新增/编辑/移动 a grid: code, name, village (town shown), households, population, reason."""

    def __init__(
        self,
        sessions: Callable[[], Any],
        runner: TaskRunner,
        actor: Actor,
        choices: dict[str, list[dict[str, Any]]],
        row: dict[str, Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, QCoreApplication.translate("GridDialog", "Save"), parent)
        self.setObjectName("GridDialog")
        self.setWindowTitle(self.tr("New grid") if row is None else self.tr("Edit or move a grid"))
        self._sessions, self._actor = sessions, actor
        self._grid_id = None if row is None else int(row["id"])
        towns = {t["id"]: t["name"] for t in choices["towns"]}
        self.code = QLineEdit("" if row is None else row["code"])
        self.code.setMaxLength(32)
        self.name = QLineEdit("" if row is None else row["name"])
        self.name.setMaxLength(64)
        self.village = QComboBox()
        for v in choices["villages"]:
            self.village.addItem(f"{towns.get(v['town_id'], '')} · {v['name']}", v["id"])
        if row is not None:
            self.village.setCurrentIndex(max(0, self.village.findData(row["village_id"])))
        self.households = QSpinBox()
        self.households.setRange(0, 1_000_000)
        self.population = QSpinBox()
        self.population.setRange(0, 10_000_000)
        if row is not None:
            self.households.setValue(int(row["households"]))
            self.population.setValue(int(row["population"]))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("why (kept in the change log)"))
        self.form.addRow(self.tr("Grid code:"), self.code)
        self.form.addRow(self.tr("Name:"), self.name)
        self.form.addRow(self.tr("Village:"), self.village)
        self.form.addRow(self.tr("Households:"), self.households)
        self.form.addRow(self.tr("Population:"), self.population)
        self.form.addRow(self.tr("Reason:"), self.reason)
        if row is None:
            note = QLabel(
                self.tr(
                    "A new grid has no boundary yet: draw it in a GIS and import it (File → Import city data…)."
                )
            )
            note.setWordWrap(True)
            self.form.addRow(note)
        self.resize(480, self.sizeHint().height())

    def submit(self) -> None:
        if self.village.currentData() is None:
            self.show_error(self.tr("Choose a village."))
            return
        form = GridForm(
            self.code.text(),
            self.name.text(),
            int(self.village.currentData()),
            self.households.value(),
            self.population.value(),
        )
        sessions, actor, gid, reason = self._sessions, self._actor, self._grid_id, self.reason.text()

        def save() -> int:
            with sessions() as s:
                return city_admin.save_grid(s, actor, form, gid, reason)

        self.run(save)


class ActiveDialog(_Form):
    """Deactivate or reactivate a worker or grid, with the reason the audit keeps."""

    def __init__(
        self,
        runner: TaskRunner,
        title: str,
        what: str,
        change: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, QCoreApplication.translate("ActiveDialog", "Confirm"), parent)
        self.setObjectName("ActiveDialog")
        self.setWindowTitle(title)
        self._change = change
        label = plain_label(what)
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("required, e.g. 离职, 网格合并"))
        self.form.addRow(label)
        self.form.addRow(self.tr("Reason:"), self.reason)
        self.resize(420, self.sizeHint().height())

    def submit(self) -> None:
        reason, change = self.reason.text(), self._change
        self.run(lambda: change(reason))


class CityAdminDialog(QDialog):
    """队员与网格: tabs for workers, grids and the change log."""

    changed = Signal()

    def __init__(
        self,
        sessions: Callable[[], Any],
        runner: TaskRunner,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CityAdminDialog")
        self.setWindowTitle(self.tr("Workers and grids"))
        self._sessions = sessions
        self._runner = runner
        self._actor = actor
        self.workers: list[dict[str, Any]] = []
        self.grids: list[dict[str, Any]] = []
        self.changes: list[dict[str, Any]] = []
        self.choices: dict[str, list[dict[str, Any]]] = {
            "towns": [],
            "villages": [],
            "grids": [],
            "squads": [],
        }
        self.form: _Form | None = None
        self.loaded = False

        self.town = QComboBox()
        self.town.addItem(self.tr("All towns"), None)
        self.town.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            self.tr("Search name, pinyin initials, staff number, phone, device or grid")
        )
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        bar = QHBoxLayout()
        bar.addWidget(self.town)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.refresh_button)

        self.worker_table = _table(
            [
                self.tr("Staff number"),
                self.tr("Worker name"),
                self.tr("Phone"),
                self.tr("Device id"),
                self.tr("Town"),
                self.tr("Grid"),
                self.tr("Squad"),
                self.tr("Status"),
            ],
            5,
        )
        self.worker_table.setObjectName("CityAdminWorkers")
        self.new_worker_button = QPushButton(self.tr("New worker…"))
        self.edit_worker_button = QPushButton(self.tr("Edit / move…"))
        self.worker_active_button = QPushButton(self.tr("Deactivate…"))
        self.new_worker_button.clicked.connect(lambda: self.edit_worker(None))
        self.edit_worker_button.clicked.connect(lambda: self.edit_worker(self.selected_worker()))
        self.worker_active_button.clicked.connect(self.toggle_worker)
        self.worker_table.itemSelectionChanged.connect(self._update_buttons)
        self.worker_table.itemDoubleClicked.connect(lambda _i: self.edit_worker(self.selected_worker()))
        workers_tab = self._tab(
            self.worker_table, (self.new_worker_button, self.edit_worker_button, self.worker_active_button)
        )

        self.grid_table = _table(
            [
                self.tr("Grid code"),
                self.tr("Grid name"),
                self.tr("Village"),
                self.tr("Town"),
                self.tr("Households"),
                self.tr("Active workers"),
                self.tr("Status"),
            ],
            1,
        )
        self.grid_table.setObjectName("CityAdminGrids")
        self.new_grid_button = QPushButton(self.tr("New grid…"))
        self.edit_grid_button = QPushButton(self.tr("Edit / move…"))
        self.grid_active_button = QPushButton(self.tr("Deactivate…"))
        self.new_grid_button.clicked.connect(lambda: self.edit_grid(None))
        self.edit_grid_button.clicked.connect(lambda: self.edit_grid(self.selected_grid()))
        self.grid_active_button.clicked.connect(self.toggle_grid)
        self.grid_table.itemSelectionChanged.connect(self._update_buttons)
        self.grid_table.itemDoubleClicked.connect(lambda _i: self.edit_grid(self.selected_grid()))
        grids_tab = self._tab(
            self.grid_table, (self.new_grid_button, self.edit_grid_button, self.grid_active_button)
        )

        self.change_table = _table(
            [
                self.tr("Time"),
                self.tr("By"),
                self.tr("What"),
                self.tr("Code"),
                self.tr("Change"),
                self.tr("Reason"),
            ],
            5,
        )
        self.change_table.setObjectName("CityAdminChanges")

        self.tabs = QTabWidget()
        self.tabs.addTab(workers_tab, self.tr("Grid workers"))
        self.tabs.addTab(grids_tab, self.tr("Grids"))
        self.tabs.addTab(self.change_table, self.tr("Change log"))

        self.status = plain_label()
        self.status.setObjectName("CityAdminStatus")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self.resize(1100, 640)
        self._update_buttons()
        self.refresh()

    def _tab(self, table: QTableWidget, buttons: tuple[QPushButton, ...]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        for b in buttons:
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        return page

    # --- reading ---

    def refresh(self) -> None:
        sessions, search, town = self._sessions, self.search.text(), self.town.currentData()

        def read() -> dict[str, Any]:
            with sessions() as s:
                return {
                    "workers": city_admin.list_workers(s, search, town),
                    "grids": city_admin.list_grids(s, search, town),
                    "changes": city_admin.recent_changes(s),
                    "choices": city_admin.choices(s),
                }

        self.status.setText(self.tr("Loading…"))
        self._runner.submit(read, self._loaded, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(
            fill(self.tr("Could not read the workers and grids: %1"), str(exc).splitlines()[0])
        )

    def _loaded(self, data: dict[str, Any]) -> None:
        self.workers, self.grids, self.changes = data["workers"], data["grids"], data["changes"]
        self.choices = data["choices"]
        if self.town.count() == 1:
            self.town.blockSignals(True)
            for t in self.choices["towns"]:
                self.town.addItem(t["name"], t["id"])
            self.town.blockSignals(False)
        active, inactive = self.tr("Active"), self.tr("Deactivated")
        self._fill(
            self.worker_table,
            [
                [
                    w["code"],
                    w["name"],
                    w["phone"],
                    w["device_id"],
                    w["town"],
                    f"{w['grid']}（{w['grid_code']}）",
                    w["squad"],
                    active if w["active"] else inactive,
                ]
                for w in self.workers
            ],
            [w["active"] for w in self.workers],
        )
        self._fill(
            self.grid_table,
            [
                [
                    g["code"],
                    g["name"],
                    g["village"],
                    g["town"],
                    str(g["households"]),
                    str(g["workers"]),
                    active if g["active"] else inactive,
                ]
                for g in self.grids
            ],
            [g["active"] for g in self.grids],
        )
        self._fill(
            self.change_table,
            [
                [
                    to_local(c["at"]).strftime("%Y-%m-%d %H:%M"),
                    c["actor"] + (f"（{c['actor_login']}）" if c["actor_login"] else ""),
                    entity_label(c["entity"]),
                    c["code"],
                    action_label(c["action"]),
                    c["reason"],
                ]
                for c in self.changes
            ],
            [True] * len(self.changes),
        )
        self.loaded = True
        self.status.setText(fill(self.tr("%1 workers, %2 grids shown."), len(self.workers), len(self.grids)))
        self._update_buttons()

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]], active: list[bool]) -> None:
        with filling(table):
            table.setRowCount(len(rows))
            for r, (values, on) in enumerate(zip(rows, active, strict=True)):
                for c, value in enumerate(values):
                    item = QTableWidgetItem(value)  # plain text: names come from rosters
                    if not on:
                        item.setForeground(Qt.GlobalColor.gray)
                    table.setItem(r, c, item)

    def selected_worker(self) -> dict[str, Any] | None:
        rows = self.worker_table.selectionModel().selectedRows()
        return self.workers[rows[0].row()] if rows else None

    def selected_grid(self) -> dict[str, Any] | None:
        rows = self.grid_table.selectionModel().selectedRows()
        return self.grids[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        w, g = self.selected_worker(), self.selected_grid()
        self.edit_worker_button.setEnabled(w is not None)
        self.worker_active_button.setEnabled(w is not None)
        self.worker_active_button.setText(
            self.tr("Reactivate…") if w is not None and not w["active"] else self.tr("Deactivate…")
        )
        self.edit_grid_button.setEnabled(g is not None)
        self.grid_active_button.setEnabled(g is not None)
        self.grid_active_button.setText(
            self.tr("Reactivate…") if g is not None and not g["active"] else self.tr("Deactivate…")
        )
        self.new_worker_button.setEnabled(self.loaded)
        self.new_grid_button.setEnabled(self.loaded)

    # --- changing ---

    def _open(self, form: _Form) -> _Form:
        self.form = form
        form.saved.connect(self._saved)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.open()
        return form

    def _saved(self, _result: object = None) -> None:
        self.changed.emit()
        self.refresh()

    def edit_worker(self, row: dict[str, Any] | None) -> _Form:
        return self._open(WorkerDialog(self._sessions, self._runner, self._actor, self.choices, row, self))

    def edit_grid(self, row: dict[str, Any] | None) -> _Form:
        return self._open(GridDialog(self._sessions, self._runner, self._actor, self.choices, row, self))

    def toggle_worker(self) -> _Form | None:
        w = self.selected_worker()
        if w is None:
            return None
        sessions, actor, wid, on = self._sessions, self._actor, int(w["id"]), not w["active"]

        def change(reason: str) -> None:
            with sessions() as s:
                city_admin.set_worker_active(s, actor, wid, on, reason)

        title = self.tr("Reactivate a worker") if on else self.tr("Deactivate a worker")
        what = fill(self.tr("%1 (%2), grid %3"), w["name"], w["code"] or w["device_id"], w["grid"])
        return self._open(ActiveDialog(self._runner, title, what, change, self))

    def toggle_grid(self) -> _Form | None:
        g = self.selected_grid()
        if g is None:
            return None
        sessions, actor, gid, on = self._sessions, self._actor, int(g["id"]), not g["active"]

        def change(reason: str) -> None:
            with sessions() as s:
                city_admin.set_grid_active(s, actor, gid, on, reason)

        title = self.tr("Reactivate a grid") if on else self.tr("Deactivate a grid")
        what = fill(self.tr("%1 (%2), %3"), g["name"], g["code"], g["village"])
        return self._open(ActiveDialog(self._runner, title, what, change, self))


def open_city_admin(window: Any) -> CityAdminDialog | None:
    """File → Workers and grids… of the main window (administrators only)."""
    from desktop.vocab import Role

    if window.ctx.actor.role != Role.ADMIN:
        return None
    dialog = CityAdminDialog(window.ctx.sessions, window.runner, window.ctx.actor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def grab_city_dialog(window: Any, panel: str, image: Any) -> Any:
    """``main.py screenshot --panel cityadmin|cityimport --user admin``: the window with the
    dialog drawn over its centre, as the user sees it. The wizard checks the files listed in
    ``CONCORD_SCREENSHOT_IMPORT`` (os.pathsep-separated), when set, and shows their report."""
    import os
    import time

    from PySide6.QtGui import QColor, QPainter

    from ui.cityimport_dialog import CityImportDialog, open_city_import

    dialog: CityAdminDialog | CityImportDialog | None
    dialog = open_city_admin(window) if panel == "cityadmin" else open_city_import(window)
    if dialog is None:
        return image

    def settle(done: Callable[[], bool], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not done():
            QCoreApplication.processEvents()
            time.sleep(0.02)

    if isinstance(dialog, CityAdminDialog):
        settle(lambda: dialog.loaded, 30)
        dialog.worker_table.selectRow(0)
    else:
        files = [p for p in os.environ.get("CONCORD_SCREENSHOT_IMPORT", "").split(os.pathsep) if p]
        if files:
            dialog.add_files(files)
            dialog.check()
            settle(lambda: not dialog.busy, 60)
    width = min(dialog.width(), image.width() - 40)
    height = min(dialog.height(), image.height() - 80)
    dialog.resize(width, height)
    settle(lambda: False, 0.5)
    shot = dialog.grab()
    # A plain title bar and border: offscreen there is no window manager to draw them.
    title_h = 30
    x = (image.width() - shot.width()) // 2
    y = (image.height() - shot.height() - title_h) // 2
    painter = QPainter(image)
    painter.fillRect(x, y, shot.width(), title_h, QColor("#dde3ea"))
    painter.setPen(QColor("#1f2933"))
    painter.drawText(
        x + 12, y, shot.width() - 24, title_h, int(Qt.AlignmentFlag.AlignVCenter), dialog.windowTitle()
    )
    painter.drawPixmap(x, y + title_h, shot)
    painter.setPen(QColor("#7b8794"))
    painter.drawRect(x - 1, y - 1, shot.width() + 1, shot.height() + title_h + 1)
    painter.end()
    dialog.close()
    return image
