"""The alerts strip: new escalations, SLA warnings and breaches, supervision deadlines."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget
from sqlalchemy.orm import Session, sessionmaker

from desktop.alerts import Alert, current_alerts
from desktop.clock import to_local, utcnow
from desktop.ladder import Actor
from ui.tasks import TaskRunner
from ui.text import fill, plain_label

translate = QCoreApplication.translate
COLOURS = {
    "escalation": "#c62828",
    "breach": "#b71c1c",
    "warning": "#ef6c00",
    "supervision": "#6a1b9a",
    "supervision_overdue": "#880e4f",
    "action_item": "#00695c",
}


def alert_kind_label(kind: str) -> str:
    translate = QCoreApplication.translate
    return {
        "escalation": translate("Alerts", "Escalated"),
        "breach": translate("Alerts", "Overdue"),
        "warning": translate("Alerts", "Due soon"),
        "supervision": translate("Alerts", "Supervision deadline"),
        "supervision_overdue": translate("Alerts", "Supervision overdue"),
        "action_item": translate("Alerts", "Action item overdue"),
    }.get(kind, kind)


class AlertsPane(QWidget):
    caseActivated = Signal(int)
    countsChanged = Signal(dict)

    def __init__(
        self, sessions: sessionmaker[Session], actor: Actor, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AlertsPane")
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._busy = False
        self._keys: set[tuple[str, int, dt.datetime]] = set()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = plain_label()
        # Six counters are wider than the strip on a 1280 px screen in English: wrap, don't widen.
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout.addWidget(self.list, 1)
        self._timer = QTimer(self)
        self._timer.setInterval(30_000)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        if self._busy:
            return
        self._busy = True
        sessions, actor = self._sessions, self._actor

        def work() -> list[Alert]:
            with sessions() as s:
                return current_alerts(s, actor, utcnow())

        self._runner.submit(work, self._show, lambda _e: setattr(self, "_busy", False))

    def _show(self, alerts: list[Alert]) -> None:
        self._busy = False
        # Escalations come from the live feed, not from this query: keep them on top.
        escalations = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole + 1)
            for i in range(self.list.count())
            if self.list.item(i).data(Qt.ItemDataRole.UserRole + 1).kind == "escalation"
        ]
        self.list.clear()
        self._keys.clear()
        for alert in escalations + alerts:
            self._append(alert)
        self._update_summary()

    def add_escalation(self, case_id: int, number: str, title: str) -> None:
        alert = Alert("escalation", case_id, number, title, utcnow())
        self._append(alert, top=True)
        self._update_summary()

    def _append(self, alert: Alert, top: bool = False) -> None:
        if alert.key in self._keys:
            return
        self._keys.add(alert.key)
        when = to_local(alert.at).strftime("%m-%d %H:%M")
        text = f"[{alert_kind_label(alert.kind)}] {alert.number} {alert.title}  ·  {when}"
        if alert.kind == "supervision" and alert.stage:
            # Escalating reminders: the nearer the deadline, the stronger the wording.
            text += "  ·  " + fill(translate("Alerts", "less than %1 h left"), alert.stage)
        elif alert.kind == "supervision_overdue" and alert.issuer:
            text += "  ·  " + fill(translate("Alerts", "escalated to %1"), alert.issuer)
        item = QListWidgetItem(text)
        if alert.kind.startswith("supervision") and alert.stage is not None and alert.stage <= 24:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        item.setForeground(QBrush(QColor(COLOURS.get(alert.kind, "#000"))))
        item.setData(Qt.ItemDataRole.UserRole, alert.case_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, alert)
        if top:
            self.list.insertItem(0, item)
        else:
            self.list.addItem(item)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(self.list.count()):
            kind = self.list.item(i).data(Qt.ItemDataRole.UserRole + 1).kind
            out[kind] = out.get(kind, 0) + 1
        return out

    def _update_summary(self) -> None:
        counts = self.counts()
        self.summary.setText(
            "  ".join(
                fill(translate("Alerts", "%1: %2"), alert_kind_label(k), counts.get(k, 0))
                for k in (
                    "escalation",
                    "breach",
                    "warning",
                    "supervision",
                    "supervision_overdue",
                    "action_item",
                )
            )
        )
        self.countsChanged.emit(counts)

    def _activated(self, item: QListWidgetItem) -> None:
        self.caseActivated.emit(int(item.data(Qt.ItemDataRole.UserRole)))
