"""The control room sweeps by default where it should: the embedded window escalates a case whose
SLA ran out with nobody running ``main.py sweep``, and the escalation reaches the queue and the
alerts through the live feed like any other change; on a central database only the city
information center's desktops sweep."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select, update

from db.models import Case, User
from db.session import make_engine, make_sessionmaker
from db.vocab import Level
from desktop.cases.service import SLA_CLOCK_STATUSES
from desktop.clock import utcnow
from ui.app import build_window
from ui.main_window import MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

WAIT_MS = 60_000  # generous: nothing here is about speed


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _make_overdue(engine: Engine) -> tuple[int, int]:
    """An open case far from its deadline whose SLA now ran out an hour ago (id, level)."""
    now = utcnow()
    with make_sessionmaker(engine).begin() as s:
        case = s.scalars(
            select(Case)
            .where(
                Case.status.in_([str(x) for x in SLA_CLOCK_STATUSES]),
                Case.level < int(Level.CITY),
                Case.sla_due_at > now + dt.timedelta(hours=1),
            )
            .order_by(Case.id)
            .limit(1)
        ).one()
        s.execute(update(Case).where(Case.id == case.id).values(sla_due_at=now - dt.timedelta(hours=1)))
        return case.id, case.level


@pytest.fixture
def embedded(
    qtbot: QtBot, qapp: QApplication, _templates: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, Engine]]:
    monkeypatch.setenv("CONCORD_SWEEP_INTERVAL_S", "0.2")
    url = _templates.fresh_copy("sqlite", "demo")
    window = build_window(url, "dispatcher", qapp, interactive=False, settings=_settings(tmp_path))
    qtbot.addWidget(window)
    engine = make_engine(url)
    try:
        yield window, engine
    finally:
        window.close()
        window.runner.wait(10000)
        engine.dispose()


def _alerted(window: MainWindow, case_id: int) -> bool:
    for i in range(window.alerts.list.count()):
        alert = window.alerts.list.item(i).data(Qt.ItemDataRole.UserRole + 1)
        if alert.kind == "escalation" and alert.case_id == case_id:
            return True
    return False


def test_the_embedded_window_escalates_an_overdue_case_on_its_own(
    embedded: tuple[MainWindow, Engine], qtbot: QtBot
) -> None:
    window, engine = embedded
    assert window.ctx.sweep_interval_s == pytest.approx(0.2)
    window.resize(1600, 1000)
    window.show()
    window.start()
    assert window.sweeper is not None and window.sweeper.running
    model = window.queue.model
    qtbot.waitUntil(lambda: window.live.state == "live" and model.rowCount() > 0, timeout=WAIT_MS)
    # Overdue only now, with the window open: a periodic sweep escalates it, not one at start.
    case_id, level = _make_overdue(engine)

    def escalated_in_queue() -> bool:
        row = model.row_of(case_id)
        return row is not None and model.row_at(row).status == "escalated"

    qtbot.waitUntil(escalated_in_queue, timeout=WAIT_MS)
    row = model.row_of(case_id)
    assert row is not None and model.row_at(row).level == level + 1
    qtbot.waitUntil(lambda: _alerted(window, case_id), timeout=WAIT_MS)
    sweeper = window.sweeper
    window.close()
    assert not sweeper.running  # closing the window stops its sweeper


@pytest.mark.both_engines  # who sweeps differs between the embedded and the central database
def test_central_desktops_sweep_for_the_city_information_center_only(
    qtbot: QtBot, qapp: QApplication, demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONCORD_SWEEP_INTERVAL_S", "30")
    engine = make_engine(demo_url)
    try:
        with make_sessionmaker(engine)() as s:
            town_user = s.scalars(
                select(User.username).where(User.role == "town_staff").order_by(User.id).limit(1)
            ).one()
    finally:
        engine.dispose()
    central = demo_url.startswith("postgresql")
    expected = {
        ("dispatcher", None): 30.0,
        ("admin", None): 30.0,
        (town_user, None): 0.0 if central else 30.0,
        ("leader", None): 0.0 if central else 30.0,
        (town_user, True): 30.0,  # run --sweep
        ("dispatcher", False): 0.0,  # run --no-sweep
    }
    for (user, sweep), interval in expected.items():
        window = build_window(demo_url, user, qapp, False, _settings(tmp_path), sweep=sweep)
        qtbot.addWidget(window)
        assert window.ctx.sweep_interval_s == interval, (user, sweep)
        window.close()
