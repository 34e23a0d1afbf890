"""The alerts strip shows the supervision orders' escalating reminders and the overdue escalation."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import Case
from db.session import make_sessionmaker
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from desktop.meetings.supervision import SupervisionService, sweep_reminders
from ui.live.alerts import AlertsPane
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


def test_reminders_and_overdue_orders_show_in_the_strip(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    now = utcnow()
    with sessions() as s:
        leader = actor_for(s, "leader")
        dispatcher = actor_for(s, "dispatcher")
        cases = list(s.scalars(select(Case).where(Case.status == "in_progress").order_by(Case.id).limit(2)))
    svc = SupervisionService(sessions, clock=lambda: now - dt.timedelta(days=5))
    soon = svc.issue(
        cases[0].id,
        leader,
        instruction="限期答复",
        deadline=now + dt.timedelta(hours=3),
        unit_town_id=cases[0].town_id,
    )
    late = svc.issue(
        cases[1].id,
        leader,
        instruction="限期化解",
        deadline=now - dt.timedelta(hours=1),
        unit_town_id=cases[1].town_id,
    )
    result = sweep_reminders(sessions, now, (72, 24, 4))
    assert (soon.id, 4) in result.reminded and late.id in result.overdue
    runner = TaskRunner()
    pane = AlertsPane(sessions, dispatcher, runner)
    qtbot.addWidget(pane)
    pane.refresh()
    qtbot.waitUntil(lambda: pane.list.count() > 0, timeout=WAIT)
    texts = {pane.list.item(i).text(): pane.list.item(i) for i in range(pane.list.count())}
    reminder = [t for t in texts if cases[0].number in t and "4 h" in t]
    assert reminder and texts[reminder[0]].font().bold()
    overdue = [t for t in texts if cases[1].number in t and "Supervision overdue" in t]
    assert any(leader.name in t for t in overdue)
    assert pane.counts().get("supervision_overdue", 0) >= 1
    runner.wait(WAIT)
