"""A field report far from its reporter's track stands out in the case panel (issue 15,
accountability): red, with the distance; a near one says so quietly; a desk case has no row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, insert, select

from db.models import Case, Grid, Position, Worker
from db.session import make_sessionmaker
from db.vocab import Kind, Role
from desktop.cases.detail import load_detail
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService, NewCase, actor_for
from tests.ui.language import ui_language
from ui.cases.panel import CasePanel
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
NOW = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)  # a Tuesday, 10:00 in China
M_LAT = 1 / 110_574.0
WAIT = 10000


def _reports(demo_engine: Engine) -> tuple[Any, int, int, int]:
    """(sessions, near case, far case, the reporter's town): two field reports by one worker,
    55 m and 1.7 km from where the phone was walking at the time."""
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        w = s.scalars(select(Worker).order_by(Worker.id.desc()).limit(1)).one()
        grid = s.get(Grid, w.grid_id)
        assert grid is not None and grid.lat is not None and grid.lon is not None
        worker_id, town_id, lat, lon = w.id, w.town_id, float(grid.lat), float(grid.lon)
    service = CaseService(sessions, clock=lambda: NOW)
    reporter = Actor(user_id=None, role=Role.WORKER, name="网格员")

    def report(dlat: float) -> int:
        new = NewCase(
            kind=Kind.DISPUTE,
            category="neighbour",
            title="邻里因排水沟堵塞发生争执",
            lat=lat + dlat,
            lon=lon,
            reporter_worker_id=worker_id,
        )
        return service.report(new, reporter).id

    near, far = report(0.0005), report(0.015)
    with sessions() as s, s.begin():
        s.execute(
            insert(Position),
            [
                {
                    "worker_id": worker_id,
                    "device_time": NOW + dt.timedelta(minutes=m),
                    "received_at": NOW + dt.timedelta(minutes=m),
                    "lat": lat + m * 60 * M_LAT,
                    "lon": lon,
                    "accuracy": 10.0,
                    "flags": 0,
                }
                for m in range(-10, 11, 2)
            ],
        )
    return sessions, near, far, town_id


def test_a_far_report_stands_out_and_a_near_one_does_not(
    qtbot: QtBot, qapp: QApplication, demo_engine: Engine
) -> None:
    sessions, near, far, _town = _reports(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    runner = TaskRunner()
    with ui_language(qapp, "zh_CN"):
        panel = CasePanel(sessions, CaseService(sessions), actor, runner)
        qtbot.addWidget(panel)
        label = panel.fields["track"]
        panel.set_case(far)
        qtbot.waitUntil(lambda: panel.case_id == far, timeout=WAIT)
        assert panel.form.isRowVisible(label)
        assert "请核实" in label.text() and "c62828" in label.styleSheet()
        panel.set_case(near)
        qtbot.waitUntil(lambda: panel.case_id == near, timeout=WAIT)
        assert label.text().startswith("与上报人轨迹相符") and label.styleSheet() == ""
        # Not a worker's field report (no reporter worker): no track to compare, no row.
        with sessions() as s:
            place = s.execute(select(Grid.lat, Grid.lon).where(Grid.lat.is_not(None)).limit(1)).one()
        desk = CaseService(sessions, clock=lambda: NOW).report(
            NewCase(
                kind=Kind.DISPUTE,
                category="neighbour",
                title="来电反映邻里纠纷",
                lat=place.lat,
                lon=place.lon,
            ),
            Actor(user_id=None, role=Role.DISPATCHER, name="值班员"),
        )
        panel.set_case(desk.id)
        qtbot.waitUntil(lambda: panel.case_id == desk.id, timeout=WAIT)
        assert not panel.form.isRowVisible(label)
        runner.wait(WAIT)


def test_town_staff_see_the_check_only_for_their_own_towns_reporter(demo_engine: Engine) -> None:
    sessions, _near, far, worker_town = _reports(demo_engine)
    with sessions() as s:
        case_town = s.scalar(select(Case.town_id).where(Case.id == far))
        city = load_detail(s, Actor(user_id=None, role=Role.DISPATCHER), far)
        assert city.track_check is not None and city.track_check.status == "far"
        staff = load_detail(s, Actor(user_id=None, role=Role.TOWN_STAFF, town_id=case_town), far)
        # Town staff read their own town's workers' positions only: a reporter of another town
        # would look as if the phone had been off, so the row is left out rather than wrong.
        if worker_town == case_town:
            assert staff.track_check is not None and staff.track_check.status == "far"
        else:
            assert staff.track_check is None
