"""The field's alerts in the strip (issue 15): missed screening rounds as the screening board
words them, and grid workers out of their grid or not moving; activating one opens the board or
locates the worker, never a case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

import ui.live.alerts as alerts_module
from db.session import make_sessionmaker
from desktop import screening
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from desktop.live.alerts import Alert, round_alerts
from desktop.live.tracks import TrackAlert
from tests.ui.language import ui_language
from ui.live.alerts import ALERT_ROLE, PENDING_ROLE, AlertsPane
from ui.screening_pane import alert_text as screening_text
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


class _Silent:
    def play(self) -> None:
        pass


def _pane(qtbot: QtBot, engine: Engine, tmp_path: Path, user: str = "dispatcher") -> AlertsPane:
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, user)
    runner = TaskRunner()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    pane = AlertsPane(sessions, actor, runner, settings=settings, sound=_Silent())  # type: ignore[arg-type]
    pane._test_runner = runner  # type: ignore[attr-defined]
    qtbot.addWidget(pane)
    return pane


def _loaded(qtbot: QtBot, pane: AlertsPane) -> list[Alert]:
    pane.refresh()
    qtbot.waitUntil(lambda: not pane._busy and pane.list.count() > 0, timeout=WAIT)
    return [pane.list.item(i).data(ALERT_ROLE) for i in range(pane.list.count())]


def test_missed_rounds_show_as_the_board_words_them_and_open_it(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, msec=0: None))
    with ui_language(qapp, "zh_CN"):
        pane = _pane(qtbot, demo_engine, tmp_path)
        shown = _loaded(qtbot, pane)
        with make_sessionmaker(demo_engine)() as s:
            expected = screening.missed_round_alerts(s, pane._actor, screening.today_local())
        assert expected, "the demo city has villages that missed yesterday's screening"
        rows = [i for i in range(pane.list.count()) if shown[i].kind in ("round_missed", "focus_due")]
        texts = sorted(pane.list.item(i).text() for i in rows)
        labels = {"missed": "[漏排]", "focus_due": "[重点排查待开展]"}
        assert texts == sorted(f"{labels[a.kind]} {screening_text(a)}" for a in expected)
        assert not any(pane.list.item(i).data(PENDING_ROLE) for i in rows)  # nothing to acknowledge
        assert "漏排：" in pane.summary.text()
        opened: list[int] = []
        pane.caseActivated.connect(opened.append)
        with qtbot.waitSignal(pane.screeningActivated, timeout=WAIT):
            pane._activated(pane.list.item(rows[0]))
        assert opened == []  # a missed round is no case
        pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_a_town_sees_only_its_own_missed_rounds(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town = actor_for(s, "town01")
        dispatcher = actor_for(s, "dispatcher")
        mine = round_alerts(s, town, utcnow())
        everyone = round_alerts(s, dispatcher, utcnow())
    assert {a.detail.town_id for a in mine if a.detail is not None} <= {town.town_id}  # type: ignore[union-attr]
    assert len(everyone) > len(mine)
    assert len({a.key for a in everyone}) == len(everyone)  # one line per town and slot


def test_workers_out_of_grid_are_located_on_activation(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Out of working hours the real query has nothing to say: give the strip one alert of each kind.
    since = utcnow() - dt.timedelta(minutes=45)
    fake = [
        Alert(
            kind,
            0,
            "",
            "王小明",
            since,
            worker_id=7,
            detail=TrackAlert(kind, 7, "王小明", 1, since, 45, 36.1, 120.3),
            ref="w7",
        )
        for kind in ("out_of_grid", "no_movement")
    ]
    monkeypatch.setattr(alerts_module, "worker_alerts", lambda session, actor, now: list(fake))
    with ui_language(qapp, "zh_CN"):
        pane = _pane(qtbot, demo_engine, tmp_path)
        shown = _loaded(qtbot, pane)
        rows = {shown[i].kind: i for i in range(pane.list.count()) if shown[i].worker_id == 7}
        assert set(rows) == {"out_of_grid", "no_movement"}
        out = pane.list.item(rows["out_of_grid"]).text()
        assert out.startswith("[离开网格] 王小明") and "45" in out
        assert pane.list.item(rows["no_movement"]).text().startswith("[长时间未移动] 王小明")
        assert "离开网格：1" in pane.summary.text()
        opened: list[int] = []
        pane.caseActivated.connect(opened.append)
        with qtbot.waitSignal(pane.workerActivated, timeout=WAIT) as signal:
            pane._activated(pane.list.item(rows["out_of_grid"]))
        assert signal.args == [7, 36.1, 120.3] and opened == []
        pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]


def test_missed_rounds_are_read_every_ten_minutes_only(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda widget, msec=0: None))
    calls: list[int] = []

    def counted(session: object, actor: object, now: dt.datetime) -> list[Alert]:
        calls.append(1)
        return round_alerts(session, actor, now)  # type: ignore[arg-type]

    monkeypatch.setattr(alerts_module, "round_alerts", counted)
    pane = _pane(qtbot, demo_engine, tmp_path)
    first = [a.key for a in _loaded(qtbot, pane) if a.kind == "round_missed"]
    again = [a.key for a in _loaded(qtbot, pane) if a.kind == "round_missed"]
    assert calls == [1] and first and sorted(again) == sorted(first)  # kept, not re-read
    pane._rounds_at -= alerts_module.ROUNDS_EVERY_S
    _loaded(qtbot, pane)
    assert calls == [1, 1]
    pane._test_runner.wait(WAIT)  # type: ignore[attr-defined]
