"""The alerts strip: new escalations, SLA warnings and breaches, supervision deadlines; from the
field, missed screening rounds and grid workers out of their grid or not moving.

New escalations and SLA breaches must be acknowledged: until the user does (per user, kept in
the settings), they stay highlighted at the top of the strip; each new one rings a short chime
and flashes the window in the taskbar (QApplication.alert).
"""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.cases.ladder import Actor
from desktop.clock import to_local, utcnow
from desktop.live.alerts import (
    SCREENING_KINDS,
    TRACKING_KINDS,
    Alert,
    current_alerts,
    round_alerts,
    worker_alerts,
)
from desktop.live.tracks import TrackAlert
from desktop.screening import ScreeningAlert
from desktop.store import SessionFactory
from ui.live.alert_sound import AlertSound
from ui.screening_pane import alert_text as screening_alert_text
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.text import fill, plain_label

# The alerts a user must acknowledge: they ring, flash the taskbar and stay highlighted until then.
MUST_ACKNOWLEDGE = frozenset({"escalation", "breach"})
UNACKNOWLEDGED_BACKGROUND = "#ffebee"
# Acknowledged keys kept per user: the newest this many (older alerts have long left the strip).
ACK_KEEP = 2000
ROUNDS_EVERY_S = 600.0  # how often the strip re-reads the missed screening rounds
ALERT_ROLE = Qt.ItemDataRole.UserRole + 1
PENDING_ROLE = Qt.ItemDataRole.UserRole + 2  # True: must be acknowledged and is not yet

translate = QCoreApplication.translate
COLOURS = {
    "escalation": "#c62828",
    "breach": "#b71c1c",
    "warning": "#ef6c00",
    "supervision": "#6a1b9a",
    "supervision_overdue": "#880e4f",
    "action_item": "#00695c",
    "round_missed": "#4e342e",
    "focus_due": "#4e342e",
    "out_of_grid": "#1565c0",
    "no_movement": "#1565c0",
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
        "round_missed": translate("Alerts", "Screening missed"),
        "focus_due": translate("Alerts", "Focused screening due"),
        "out_of_grid": translate("Alerts", "Out of grid"),
        "no_movement": translate("Alerts", "Not moving"),
    }.get(kind, kind)


def alert_text(alert: Alert) -> str:
    """The strip's line for one alert (without its kind label)."""
    detail = alert.detail
    if isinstance(detail, ScreeningAlert):
        return screening_alert_text(detail)
    when = to_local(alert.at).strftime("%m-%d %H:%M")
    if isinstance(detail, TrackAlert):
        text = (
            translate("Alerts", "%1 has been out of their own grid for %2 min (since %3)")
            if detail.kind == "out_of_grid"
            else translate("Alerts", "%1 has not moved for %2 min (since %3)")
        )
        return fill(text, detail.worker, detail.minutes, when)
    text = f"{alert.number} {alert.title}  ·  {when}"
    if alert.kind == "supervision" and alert.stage:
        # Escalating reminders: the nearer the deadline, the stronger the wording.
        text += "  ·  " + fill(translate("Alerts", "less than %1 h left"), alert.stage)
    elif alert.kind == "supervision_overdue" and alert.issuer:
        text += "  ·  " + fill(translate("Alerts", "escalated to %1"), alert.issuer)
    return text


def ack_key(alert: Alert) -> str:
    """How an acknowledgement names an alert: kind, case and the moment concerned."""
    at = alert.at if alert.at.tzinfo is not None else alert.at.replace(tzinfo=dt.UTC)
    return f"{alert.kind}|{alert.case_id}|{at.astimezone(dt.UTC).isoformat(timespec='seconds')}"


class Acknowledgements:
    """Which alerts one user has acknowledged, kept in the settings (or in memory without them)."""

    def __init__(self, settings: Settings | QSettings | None, actor: Actor) -> None:
        self._settings = Settings.maybe(settings)
        who = f"u{actor.user_id}" if actor.user_id is not None else f"r{actor.role}-{actor.name}"
        self._who = who
        self._keys: dict[str, None] = dict.fromkeys(self._load())

    def _load(self) -> list[str]:
        if self._settings is None:
            return []
        return self._settings.acknowledged_alerts(self._who)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def add(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._keys.pop(key, None)
            self._keys[key] = None
        while len(self._keys) > ACK_KEEP:
            del self._keys[next(iter(self._keys))]
        if self._settings is not None:
            self._settings.set_acknowledged_alerts(self._who, list(self._keys))


class AlertsPane(QWidget):
    caseActivated = Signal(int)
    # A field alert was activated: a worker's (worker id, lat, lon), or a screening round's.
    workerActivated = Signal(int, float, float)
    screeningActivated = Signal()
    countsChanged = Signal(dict)
    # New alerts that must be acknowledged arrived (the chime rang, the taskbar flashed): how many.
    attentionRequested = Signal(int)

    def __init__(
        self,
        sessions: SessionFactory,
        actor: Actor,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        settings: Settings | QSettings | None = None,
        sound: AlertSound | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AlertsPane")
        self._sessions = sessions
        self._actor = actor
        self._runner = runner
        self._busy = False
        self._keys: set[tuple[str, int, dt.datetime, str]] = set()
        self._rounds: list[Alert] = []  # the missed-round alerts last read
        self._rounds_at = -math.inf
        self.acknowledged = Acknowledgements(settings, actor)
        self._announced: set[str] = set()  # pending alerts already rung for in this session
        self.sound = sound if sound is not None else AlertSound()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = plain_label()
        # The counts wrap on their own line over the strip's whole width: on a 1280 px screen the
        # strip is narrow, and beside the buttons they would need more lines than it has.
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        top = QHBoxLayout()
        top.addStretch(1)
        self.ack_button = QPushButton(translate("Alerts", "Acknowledge"))
        self.ack_button.setObjectName("AcknowledgeAlert")
        self.ack_button.setToolTip(
            translate("Alerts", "Acknowledge the selected alert: it stops standing out")
        )
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.ack_all_button = QPushButton(translate("Alerts", "Acknowledge all"))
        self.ack_all_button.setObjectName("AcknowledgeAllAlerts")
        self.ack_all_button.setToolTip(translate("Alerts", "Acknowledge every highlighted alert"))
        self.ack_all_button.clicked.connect(self.acknowledge_all)
        top.addWidget(self.ack_button)
        top.addWidget(self.ack_all_button)
        layout.addLayout(top)
        self.list = QListWidget()
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.list, 1)
        self._update_buttons()
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

        # Missed rounds change once a day or when a round is recorded, and take the longest to
        # work out (every village's rounds of the slot): read every ROUNDS_EVERY_S only.
        rounds = self._rounds if time.monotonic() - self._rounds_at < ROUNDS_EVERY_S else None

        def work() -> tuple[list[Alert], list[Alert] | None]:
            now = utcnow()
            with sessions() as s:
                fresh = round_alerts(s, actor, now) if rounds is None else None
                return current_alerts(s, actor, now) + worker_alerts(s, actor, now), fresh

        self._runner.submit(work, self._show_with_rounds, lambda _e: setattr(self, "_busy", False))

    def _show_with_rounds(self, result: tuple[list[Alert], list[Alert] | None]) -> None:
        alerts, fresh = result
        if fresh is not None:
            self._rounds, self._rounds_at = fresh, time.monotonic()
        self._show(alerts + self._rounds)

    def _show(self, alerts: list[Alert]) -> None:
        self._busy = False
        # Escalations come from the live feed, not from this query: keep them on top.
        escalations = [
            self.list.item(i).data(ALERT_ROLE)
            for i in range(self.list.count())
            if self.list.item(i).data(ALERT_ROLE).kind == "escalation"
        ]
        self.list.clear()
        self._keys.clear()
        # Alerts waiting for an acknowledgement first, the rest in the query's order.
        ordered = escalations + alerts
        pending = [a for a in ordered if self._needs_ack(a)]
        for alert in pending + [a for a in ordered if not self._needs_ack(a)]:
            self._append(alert)
        self._update_summary()
        self._announce(pending)

    def add_escalation(self, case_id: int, number: str, title: str) -> None:
        alert = Alert("escalation", case_id, number, title, utcnow())
        self._append(alert, top=True)
        self._update_summary()
        self._announce([alert])

    def _needs_ack(self, alert: Alert) -> bool:
        return alert.kind in MUST_ACKNOWLEDGE and ack_key(alert) not in self.acknowledged

    def _announce(self, alerts: list[Alert]) -> None:
        """Chime and flash the taskbar once for alerts needing acknowledgement not rung for yet."""
        fresh = {ack_key(a) for a in alerts if self._needs_ack(a)} - self._announced
        if not fresh:
            return
        self._announced |= fresh
        self.sound.play()
        QApplication.alert(self.window(), 0)
        self.attentionRequested.emit(len(fresh))

    # --- acknowledgement ---

    def pending_count(self) -> int:
        return sum(bool(self.list.item(i).data(PENDING_ROLE)) for i in range(self.list.count()))

    def acknowledge_selected(self) -> None:
        items = self.list.selectedItems() or ([self.list.currentItem()] if self.list.currentItem() else [])
        self._acknowledge([i for i in items if i is not None])

    def acknowledge_all(self) -> None:
        self._acknowledge([self.list.item(i) for i in range(self.list.count())])

    def _acknowledge(self, items: list[QListWidgetItem]) -> None:
        pending = [item for item in items if item.data(PENDING_ROLE)]
        if not pending:
            return
        self.acknowledged.add(ack_key(item.data(ALERT_ROLE)) for item in pending)
        for item in pending:
            self._style(item, item.data(ALERT_ROLE), pending=False)
        self._update_summary()

    def _append(self, alert: Alert, top: bool = False) -> None:
        if alert.key in self._keys:
            return
        self._keys.add(alert.key)
        item = QListWidgetItem(f"[{alert_kind_label(alert.kind)}] {alert_text(alert)}")
        item.setForeground(QBrush(QColor(COLOURS.get(alert.kind, "#000"))))
        item.setData(Qt.ItemDataRole.UserRole, alert.case_id)
        item.setData(ALERT_ROLE, alert)
        self._style(item, alert, pending=self._needs_ack(alert))
        if top:
            self.list.insertItem(0, item)
        else:
            self.list.addItem(item)

    def _style(self, item: QListWidgetItem, alert: Alert, *, pending: bool) -> None:
        """Bold on a tinted background while it waits for an acknowledgement."""
        item.setData(PENDING_ROLE, pending)
        urgent = alert.kind.startswith("supervision") and alert.stage is not None and alert.stage <= 24
        font = item.font()
        font.setBold(pending or urgent)
        item.setFont(font)
        item.setBackground(QBrush(QColor(UNACKNOWLEDGED_BACKGROUND)) if pending else QBrush())
        tip = translate("Alerts", "Not acknowledged yet") if pending else ""
        item.setToolTip(tip)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(self.list.count()):
            kind = self.list.item(i).data(ALERT_ROLE).kind
            out[kind] = out.get(kind, 0) + 1
        return out

    def _update_buttons(self) -> None:
        pending = self.pending_count()
        current = self.list.currentItem()
        self.ack_all_button.setEnabled(pending > 0)
        self.ack_button.setEnabled(current is not None and bool(current.data(PENDING_ROLE)))

    def _update_summary(self) -> None:
        counts = self.counts()
        pending = self.pending_count()
        self._update_buttons()
        # Only what there is: the strip is narrow on a 1280-pixel screen, and a row of zeros
        # hides the one count that matters.
        parts = [fill(translate("Alerts", "Not acknowledged: %1"), pending)] if pending else []
        parts += [
            fill(translate("Alerts", "%1: %2"), alert_kind_label(k), counts[k])
            for k in (
                "escalation",
                "breach",
                "warning",
                "supervision",
                "supervision_overdue",
                "action_item",
                "round_missed",
                "focus_due",
                "out_of_grid",
                "no_movement",
            )
            if counts.get(k)
        ]
        self.summary.setText("  ".join(parts) if parts else translate("Alerts", "No alerts"))
        self.countsChanged.emit(counts)

    def _activated(self, item: QListWidgetItem) -> None:
        alert: Alert = item.data(ALERT_ROLE)
        if isinstance(alert.detail, TrackAlert):
            self.workerActivated.emit(alert.detail.worker_id, alert.detail.lat, alert.detail.lon)
        elif alert.kind in SCREENING_KINDS:
            self.screeningActivated.emit()
        elif alert.kind not in TRACKING_KINDS:
            self.caseActivated.emit(int(item.data(Qt.ItemDataRole.UserRole)))
