"""Escalations and SLA breaches must be acknowledged (issue 16): each new one chimes and flashes
the taskbar once, stays highlighted on top until the user acknowledges it, and the
acknowledgement is the user's own and outlives the window (settings)."""

from __future__ import annotations

import io
import json
import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from db.session import make_sessionmaker
from desktop.cases.service import actor_for
from tests.ui.language import ui_language
from ui.live.alert_sound import AlertSound, chime_wav
from ui.live.alerts import PENDING_ROLE, AlertsPane
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


class FakeSound:
    def __init__(self) -> None:
        self.played = 0

    def play(self) -> None:
        self.played += 1


@pytest.fixture
def flashes(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    seen: list[object] = []
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, msec=0: seen.append(widget)))
    return seen


def _pane(qtbot: QtBot, engine: Engine, settings: QSettings, user: str = "dispatcher") -> AlertsPane:
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, user)
    runner = TaskRunner()
    pane = AlertsPane(sessions, actor, runner, settings=settings, sound=FakeSound())  # type: ignore[arg-type]
    pane._test_runner = runner  # type: ignore[attr-defined]
    qtbot.addWidget(pane)
    pane.refresh()
    qtbot.waitUntil(lambda: pane.list.count() > 0, timeout=WAIT)
    return pane


def _pending(pane: AlertsPane) -> list[str]:
    return [
        pane.list.item(i).text() for i in range(pane.list.count()) if pane.list.item(i).data(PENDING_ROLE)
    ]


def test_breaches_ring_once_stay_highlighted_until_acknowledged(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path, flashes: list[object]
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    pane = _pane(qtbot, demo_engine, settings)
    breaches = pane.counts().get("breach", 0)
    assert breaches > 0
    assert len(_pending(pane)) == breaches == pane.pending_count()
    # Highlighted, and on top of the strip.
    top = pane.list.item(0)
    assert top.data(PENDING_ROLE) and top.font().bold() and top.background().color().name() == "#ffebee"
    assert pane.sound.played == 1 and len(flashes) == 1
    # A refresh bringing the same alerts rings no more.
    pane._busy = False
    pane.refresh()
    qtbot.waitUntil(lambda: not pane._busy, timeout=WAIT)
    assert pane.sound.played == 1 and len(flashes) == 1
    # A new escalation from the live feed rings again, on top.
    pane.add_escalation(999_999, "PD-2026-999999", "新上报的纠纷")
    assert pane.sound.played == 2 and len(flashes) == 2
    assert pane.list.item(0).data(PENDING_ROLE) and "PD-2026-999999" in pane.list.item(0).text()
    # Acknowledging one: it stops standing out; the others stay.
    pane.list.setCurrentRow(0)
    assert pane.ack_button.isEnabled()
    pane.acknowledge_selected()
    assert not pane.list.item(0).data(PENDING_ROLE) and not pane.list.item(0).font().bold()
    assert pane.pending_count() == breaches
    pane.acknowledge_all()
    assert pane.pending_count() == 0 and not pane.ack_all_button.isEnabled()
    pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]

    # A new window of the same user: acknowledged breaches neither ring nor stand out.
    again = _pane(qtbot, demo_engine, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.pending_count() == 0 and again.sound.played == 0
    again._test_runner.wait(WAIT)  # type: ignore[attr-defined]
    # Another user has acknowledged nothing.
    other = _pane(
        qtbot, demo_engine, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), "leader"
    )
    assert other.pending_count() > 0 and other.sound.played == 1
    other._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_a_damaged_setting_acknowledges_nothing(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path, flashes: list[object]
) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    with make_sessionmaker(demo_engine)() as s:
        user_id = actor_for(s, "dispatcher").user_id
    settings.setValue(f"alerts/acknowledged/u{user_id}", "{not json")
    pane = _pane(qtbot, demo_engine, settings)
    assert pane.pending_count() > 0
    pane.acknowledge_all()  # and the damaged value is replaced by a good one
    assert json.loads(str(settings.value(f"alerts/acknowledged/u{user_id}")))
    pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_the_summary_counts_what_waits_in_chinese(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine, tmp_path: Path, flashes: list[object]
) -> None:
    with ui_language(qapp, "zh_CN"):
        pane = _pane(qtbot, demo_engine, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        assert pane.summary.text().startswith(f"未确认：{pane.pending_count()}")
        assert pane.ack_button.text() == "确认" and pane.ack_all_button.text() == "全部确认"
        pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_the_chime_is_a_short_wav_we_make(qapp: QApplication) -> None:
    data = chime_wav()
    with wave.open(io.BytesIO(data)) as w:
        assert w.getnchannels() == 1 and w.getsampwidth() == 2
        seconds = w.getnframes() / w.getframerate()
        frames = w.readframes(w.getnframes())
    assert 0.2 < seconds < 1.0
    assert max(frames) > 0  # not silence
    sound = AlertSound()
    assert sound.backend in {"chime", "beep"}
    sound.play()  # the system beep where there is no audio: must not raise
    assert sound.played == 1
