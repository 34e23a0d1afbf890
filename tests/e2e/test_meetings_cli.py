"""`main.py meetings` in a subprocess: upcoming meetings as JSON, and the .ics export parsed back."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
from sqlalchemy import select

from db.models import Case, CaseDepartment, Department, Room
from db.session import make_engine, make_sessionmaker
from desktop.cases.service import actor_for
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ, utcnow
from desktop.meetings.service import Invitees, MeetingService

ROOT = Path(__file__).resolve().parents[2]


def concord(*args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def _working_days_ahead(n: int) -> list[dt.date]:
    cal, day = WorkCalendar(), utcnow().astimezone(CHINA_TZ).date()
    out: list[dt.date] = []
    while len(out) < n:
        day += dt.timedelta(days=1)
        if cal.is_workday(day):
            out.append(day)
    return out


def _seed(url: str) -> tuple[int, int, dt.date, dt.date]:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions.begin() as s:
            s.add(Room(name="市政府第一会议室", capacity=30))
        with sessions() as s:
            leader = actor_for(s, "leader")
            deps = list(s.scalars(select(Department.id).order_by(Department.id).limit(2)))
            cases = list(
                s.scalars(
                    select(Case.id).where(Case.status.in_(["escalated", "accepted", "in_progress"])).limit(2)
                )
            )
            room_id = s.scalars(select(Room.id).where(Room.name == "市政府第一会议室")).one()
        with sessions.begin() as s:
            for cid in cases:
                if s.get(CaseDepartment, (cid, deps[0])) is None:
                    s.add(CaseDepartment(case_id=cid, department_id=deps[0]))
        svc = MeetingService(sessions)
        day1, day2 = _working_days_ahead(2)
        at = dt.datetime.combine(day1, dt.time(10), tzinfo=CHINA_TZ)
        first = svc.create(
            leader,
            title="安全生产专题会",
            starts_at=at,
            duration_min=60,
            room_id=room_id,
            invitees=Invitees(deps),
        )
        svc.schedule(first.id, leader)
        convened = svc.convene_from_cases(
            cases, leader, earliest=dt.datetime.combine(day2, dt.time(8), tzinfo=CHINA_TZ)
        )
        dropped = svc.create(
            leader, title="已取消的会", starts_at=at + dt.timedelta(hours=3), duration_min=30
        )
        svc.cancel(dropped.id, leader, "不再需要")
        return first.id, convened.meeting_id, day1, day2
    finally:
        engine.dispose()


def test_meetings_json_and_ics_export(demo_url: str, tmp_path: Path) -> None:
    first_id, convened_id, day1, day2 = _seed(demo_url)

    rows = json.loads(concord("--db", demo_url, "meetings", "--json").stdout)
    assert [r["id"] for r in rows] == [first_id, convened_id]
    first, convened = rows
    assert first["status"] == "scheduled" and first["room"] == "市政府第一会议室"
    assert first["convener"] == "分管副市长"
    assert len(first["participants"]) == 2 and {p["state"] for p in first["participants"]} == {"invited"}
    assert convened["status"] == "draft" and len(convened["agenda"]) == 2
    assert all(a["case_number"].startswith("PD-") for a in convened["agenda"])
    assert convened["participants"] and all(p["kind"] == "department" for p in convened["participants"])

    out = tmp_path / "meetings.ics"
    concord("--db", demo_url, "meetings", "export", "--ics", str(out))
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {f"meeting-{first_id}@concord.local", f"meeting-{convened_id}@concord.local"}
    ev = events[f"meeting-{first_id}@concord.local"]
    assert str(ev["SUMMARY"]) == "安全生产专题会"
    assert ev.decoded("DTSTART") == dt.datetime.combine(day1, dt.time(10), tzinfo=CHINA_TZ)
    assert ev.decoded("DTEND") - ev.decoded("DTSTART") == dt.timedelta(hours=1)
    assert str(ev["STATUS"]) == "CONFIRMED"
    assert str(events[f"meeting-{convened_id}@concord.local"]["STATUS"]) == "TENTATIVE"

    only_day1 = tmp_path / "day1.ics"
    concord(
        "--db",
        demo_url,
        "meetings",
        "export",
        "--ics",
        str(only_day1),
        "--from",
        str(day1),
        "--to",
        str(day1),
    )
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(only_day1.read_bytes()).walk("VEVENT")]
    assert uids == [f"meeting-{first_id}@concord.local"]
    assert day2 > day1


def test_sweep_command_records_supervision_reminders_once(demo_url: str) -> None:
    """`main.py sweep` (run periodically) also sends the supervision orders' reminders; a second
    run records nothing new."""
    from db.models import CaseEvent, SupervisionOrder
    from desktop.meetings.supervision import SupervisionService

    engine = make_engine(demo_url)
    sessions = make_sessionmaker(engine)
    try:
        with sessions() as s:
            leader = actor_for(s, "leader")
            case = s.scalars(select(Case).where(Case.status == "in_progress").order_by(Case.id)).first()
        assert case is not None
        order = SupervisionService(sessions).issue(
            case.id,
            leader,
            instruction="请于今日内答复",
            deadline=utcnow() + dt.timedelta(hours=2),
            unit_town_id=case.town_id,
        )

        def reminders() -> list[str]:
            with sessions() as s:
                return list(
                    s.scalars(
                        select(CaseEvent.comment).where(
                            CaseEvent.case_id == case.id, CaseEvent.action == "supervision_reminder"
                        )
                    )
                )

        before = reminders()
        concord("--db", demo_url, "sweep")
        after = reminders()
        assert len(after) == len(before) + 1 and "不足 4 小时" in after[-1]
        concord("--db", demo_url, "sweep")
        assert reminders() == after
        with sessions() as s:
            row = s.get(SupervisionOrder, order.id)
            assert row is not None and row.last_reminder_hours == 4
    finally:
        engine.dispose()


def test_sweep_says_what_is_wrong_with_the_reminder_setting(demo_url: str) -> None:
    """A refusal reaches the command line as the user's sentence, not as its code."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", demo_url, "sweep"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "CONCORD_SUPERVISION_REMINDER_HOURS": "0", "CONCORD_LANG": "en"},
        timeout=300,
    )
    assert proc.returncode == 2
    assert "Every reminder point of CONCORD_SUPERVISION_REMINDER_HOURS is at least 1 hour." in proc.stderr
    assert "supervision.reminder_hours_too_small" not in proc.stderr
    # Chinese unless the user chose otherwise, like the CLI's other reports.
    chinese = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", demo_url, "sweep"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "CONCORD_LANG"}
        | {"CONCORD_SUPERVISION_REMINDER_HOURS": "0"},
        timeout=300,
    )
    assert chinese.returncode == 2
    assert "CONCORD_SUPERVISION_REMINDER_HOURS 的每个提醒点至少为 1 小时" in chinese.stderr
