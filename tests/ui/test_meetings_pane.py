"""The meetings pane on a real demo database: calendar, convening, conflicts, minutes → action items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from db.models import (
    AgendaItem,
    Case,
    CaseEvent,
    Department,
    Meeting,
    MeetingParticipant,
    Room,
    SupervisionOrder,
)
from db.session import make_sessionmaker
from desktop.cases.service import actor_for
from desktop.cases.sla import WorkCalendar
from desktop.clock import CHINA_TZ, to_local, utcnow
from desktop.meetings.service import MeetingService, NewActionItem
from ui.meetings.calendar_range import DAY, MONTH, WEEK
from ui.meetings.dialogs import MinutesDialog, ScheduleDialog
from ui.meetings.pane import MeetingsPane
from ui.tasks import TaskRunner

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
WAIT = 10000


@pytest.fixture
def pane(qtbot: QtBot, demo_engine: Engine) -> Iterator[MeetingsPane]:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "leader")
    runner = TaskRunner()
    widget = MeetingsPane(sessions, actor, runner)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.data is not None, timeout=WAIT)
    yield widget
    runner.wait(WAIT)


def _next_workday_at(hour: int, after_days: int = 1) -> dt.datetime:
    cal = WorkCalendar()
    day = to_local(utcnow()).date() + dt.timedelta(days=after_days)
    while not cal.is_workday(day):
        day += dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=CHINA_TZ).astimezone(dt.UTC)


def _open_cases(pane: MeetingsPane, n: int) -> list[int]:
    with pane._sessions() as s:
        return list(
            s.scalars(
                select(Case.id)
                .where(Case.status.in_(["in_progress", "escalated"]))
                .order_by(Case.id)
                .limit(n)
            )
        )


def test_shows_a_meeting_of_the_current_week(pane: MeetingsPane, qtbot: QtBot) -> None:
    today = to_local(utcnow()).date()
    starts = dt.datetime.combine(today, dt.time(10), tzinfo=CHINA_TZ)
    m = pane.service.create(pane._actor, title="防汛协调会", starts_at=starts, duration_min=60)
    pane.refresh()
    qtbot.waitUntil(lambda: m.id in pane.meeting_cells(), timeout=WAIT)
    row, col = pane.meeting_cells()[m.id]
    assert col == today.weekday() and row == 4  # 10:00 is the fifth half-hour from 08:00
    cell = pane.grid.item(row, col)
    assert cell is not None and "防汛协调会" in cell.text()
    pane._cell_clicked(row, col)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == m.id, timeout=WAIT)
    assert pane.title_label.text() == "防汛协调会"
    assert pane.schedule_button.isEnabled() and not pane.hold_button.isEnabled()


def test_day_week_month_switch(pane: MeetingsPane, qtbot: QtBot) -> None:
    pane.set_mode(DAY)
    qtbot.waitUntil(lambda: pane.grid.columnCount() == 1, timeout=WAIT)
    assert pane.grid.rowCount() == 20
    pane.set_mode(MONTH)
    qtbot.waitUntil(lambda: pane.grid.rowCount() == 6 and pane.grid.columnCount() == 7, timeout=WAIT)
    pane.step(1)
    pane.go_today()
    pane.set_mode(WEEK)
    qtbot.waitUntil(lambda: pane.grid.columnCount() == 7 and pane.grid.rowCount() == 20, timeout=WAIT)


def test_convene_from_three_open_cases(pane: MeetingsPane, qtbot: QtBot) -> None:
    case_ids = _open_cases(pane, 3)
    assert len(case_ids) == 3
    with qtbot.waitSignal(pane.meetingsChanged, timeout=WAIT):
        pane.convene_from_cases(case_ids)
    result = pane.last_convene
    assert result is not None and result.slot is not None
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == result.meeting_id, timeout=WAIT)
    assert len(pane.detail.agenda) == 3  # type: ignore[union-attr]
    assert pane.agenda.topLevelItemCount() == 3
    invited = {p["department_id"] for p in pane.detail.participants}  # type: ignore[union-attr]
    assert invited == set(result.department_ids) and invited
    assert pane.notice.isVisibleTo(pane) and pane.notice.text()
    qtbot.waitUntil(lambda: result.meeting_id in pane.meeting_cells(), timeout=WAIT)


def test_scheduling_into_a_conflict_shows_it_and_saves_nothing(
    pane: MeetingsPane, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc, actor = pane.service, pane._actor
    with pane._sessions.begin() as s:
        s.add(Room(name="测试会议室", capacity=10, active=True))
    with pane._sessions() as s:
        room_id = s.scalars(select(Room.id).where(Room.name == "测试会议室")).one()
    at = _next_workday_at(10)
    first = svc.create(actor, title="A", starts_at=at, duration_min=60, room_id=room_id)
    svc.schedule(first.id, actor)
    second = svc.create(actor, title="B", starts_at=at + dt.timedelta(hours=3), duration_min=60)
    pane.select_meeting(second.id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == second.id, timeout=WAIT)

    def into_conflict(dialog: ScheduleDialog) -> int:
        local = to_local(at)
        dialog.when.setDateTime(
            dialog.when.dateTime().fromString(f"{local:%Y-%m-%d %H:%M}", "yyyy-MM-dd HH:mm")
        )
        dialog.room.setCurrentIndex(dialog.room.findData(room_id))
        dialog.accept()  # refused: the dialog stays open with the list
        return dialog.result()

    monkeypatch.setattr(ScheduleDialog, "exec", into_conflict)
    changed: list[int] = []
    pane.meetingsChanged.connect(lambda: changed.append(1))
    pane.schedule_meeting()
    dialog = pane.last_dialog
    assert isinstance(dialog, ScheduleDialog)
    assert dialog.conflicts.count() >= 1
    assert any(c.kind == "room_busy" for c in dialog.found)
    pane._runner.wait(WAIT)
    with pane._sessions() as s:
        row = s.get(Meeting, second.id)
        assert row is not None and row.status == "draft" and row.starts_at == second.starts_at
    assert not changed


def test_hold_minutes_approve_puts_the_action_item_on_the_case(
    pane: MeetingsPane, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_ids = _open_cases(pane, 1)
    svc, actor = pane.service, pane._actor
    result = svc.convene_from_cases(case_ids, actor)
    svc.schedule(result.meeting_id, actor)
    with pane._sessions() as s:
        dep_id = s.scalars(
            select(MeetingParticipant.department_id).where(MeetingParticipant.meeting_id == result.meeting_id)
        ).first()
        agenda_id = s.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == result.meeting_id)).one()
    pane.select_meeting(result.meeting_id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.hold_button.isEnabled(), timeout=WAIT)
    pane.hold()
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.status == "held", timeout=WAIT)
    assert pane.minutes_button.isEnabled() and not pane.approve_button.isEnabled()

    def fill(dialog: MinutesDialog) -> int:
        dialog.text.setPlainText("会议纪要")
        dialog.item_texts[agenda_id].setPlainText("责成相关部门三日内处置")
        dialog.add_action("清理现场并反馈", dep_id, to_local(utcnow()).date() + dt.timedelta(days=3), 1)
        return int(MinutesDialog.DialogCode.Accepted)

    monkeypatch.setattr(MinutesDialog, "exec", fill)
    pane.record_minutes()
    qtbot.waitUntil(lambda: pane.approve_button.isEnabled(), timeout=WAIT)
    assert pane.action_items.topLevelItemCount() == 1
    first_agenda = pane.agenda.topLevelItem(0)
    assert first_agenda is not None and first_agenda.childCount() == 1
    assert "责成相关部门三日内处置" in first_agenda.child(0).text(0)  # type: ignore[union-attr]
    pane.approve_minutes()
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.detail.status == "minutes_approved", timeout=WAIT
    )
    assert pane.detail is not None and pane.detail.actions[0]["status"] == "awaiting_department"
    with pane._sessions() as s:
        events = s.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_ids[0], CaseEvent.action == "action_item")
        ).all()
    assert len(events) == 1 and "清理现场并反馈" in events[0].comment
    first_action = pane.action_items.topLevelItem(0)
    assert first_action is not None
    pane.action_items.setCurrentItem(first_action)
    assert pane.done_button.isEnabled() and not pane.supervise_button.isEnabled()
    monkeypatch.setattr("ui.meetings.actions.QInputDialog.getMultiLineText", lambda *a: ("已清理", True))
    pane.complete_action_item()
    qtbot.waitUntil(
        lambda: pane.detail is not None and pane.detail.actions[0]["status"] == "done", timeout=WAIT
    )


def test_postpone_with_reason_and_export_ics(
    pane: MeetingsPane, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    today = to_local(utcnow()).date()
    starts = dt.datetime.combine(today, dt.time(11), tzinfo=CHINA_TZ)
    m = pane.service.create(pane._actor, title="导出测试会", starts_at=starts, duration_min=30)
    pane.select_meeting(m.id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.postpone_button.isEnabled(), timeout=WAIT)
    monkeypatch.setattr("ui.meetings.actions.QInputDialog.getText", lambda *a, **k: ("领导出差", True))
    pane.postpone()
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.status == "postponed", timeout=WAIT)
    assert "领导出差" in pane.info_label.text()
    out = tmp_path / "m.ics"
    monkeypatch.setattr("ui.meetings.actions.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    pane.export_calendar()
    qtbot.waitUntil(out.exists, timeout=WAIT)
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert "导出测试会" in [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]


def test_drag_reschedules_after_checking_conflicts(pane: MeetingsPane, qtbot: QtBot) -> None:
    at = _next_workday_at(10)
    m = pane.service.create(pane._actor, title="拖动测试会", starts_at=at, duration_min=60)
    pane.go_to(to_local(at).date())
    qtbot.waitUntil(lambda: m.id in pane.meeting_cells(), timeout=WAIT)
    viewport = pane.grid.viewport()

    def drag(to_row: int, to_col: int) -> None:
        row, col = pane.meeting_cells()[m.id]
        source = pane.grid.visualRect(pane.grid.model().index(row, col)).center()
        target = pane.grid.visualRect(pane.grid.model().index(to_row, to_col)).center()
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=source)  # type: ignore[no-untyped-call]
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=target)  # type: ignore[no-untyped-call]

    _, col = pane.meeting_cells()[m.id]
    with qtbot.waitSignal(pane.meetingsChanged, timeout=WAIT):
        drag(12, col)  # 14:00 the same day
    with pane._sessions() as s:
        row = s.get(Meeting, m.id)
        assert row is not None and row.status == "scheduled"
        assert to_local(row.starts_at).time() == dt.time(14)
    qtbot.waitUntil(lambda: pane.meeting_cells().get(m.id, (0, 0))[0] == 12, timeout=WAIT)
    assert pane.data is not None
    off = [i for i, (_d, work) in enumerate(sorted(pane.data.workdays.items())) if not work]
    assert off, "a week has a non-working day"
    drag(12, off[0])  # a non-working day: refused, nothing saved
    qtbot.waitUntil(lambda: bool(pane.last_conflicts), timeout=WAIT)
    assert pane.notice.isVisibleTo(pane)
    with pane._sessions() as s:
        row = s.get(Meeting, m.id)
        assert row is not None and to_local(row.starts_at).time() == dt.time(14)


def test_overdue_action_item_becomes_a_supervision_order(qtbot: QtBot, demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "leader")
        case_id = s.scalars(select(Case.id).where(Case.status == "in_progress").order_by(Case.id)).first()
    assert case_id is not None
    svc = MeetingService(sessions)
    result = svc.convene_from_cases([case_id], actor)
    svc.schedule(result.meeting_id, actor)
    svc.hold(result.meeting_id, actor)
    with sessions() as s:
        dep_id = s.scalars(select(Department.id).order_by(Department.id)).first()
    svc.record_minutes(
        result.meeting_id,
        actor,
        "纪要",
        action_items=[NewActionItem("限期整改", utcnow() + dt.timedelta(days=1), dep_id, case_id=case_id)],
    )
    svc.approve_minutes(result.meeting_id, actor)
    runner = TaskRunner()
    late = MeetingsPane(sessions, actor, runner, clock=lambda: utcnow() + dt.timedelta(days=3))
    qtbot.addWidget(late)
    late.select_meeting(result.meeting_id)
    qtbot.waitUntil(lambda: late.action_items.topLevelItemCount() == 1, timeout=WAIT)
    first = late.action_items.topLevelItem(0)
    assert first is not None and "overdue" in first.text(2)
    late.action_items.setCurrentItem(first)
    assert late.supervise_button.isEnabled()
    late.to_supervision()
    qtbot.waitUntil(
        lambda: late.detail is not None and late.detail.actions[0]["supervision_order_id"] is not None,
        timeout=WAIT,
    )
    assert late.detail is not None
    with sessions() as s:
        assert s.get(SupervisionOrder, late.detail.actions[0]["supervision_order_id"]) is not None
    runner.wait(WAIT)


def _held_meeting_with_minutes(pane: MeetingsPane, title: str) -> tuple[int, str]:
    """A held meeting on one case, with minutes and an action item on that agenda item."""
    svc, actor = pane.service, pane._actor
    case_ids = _open_cases(pane, 1)
    result = svc.convene_from_cases(case_ids, actor, title=title)
    svc.schedule(result.meeting_id, actor)
    svc.hold(result.meeting_id, actor)
    with pane._sessions() as s:
        number = s.get(Case, case_ids[0]).number  # type: ignore[union-attr]
        agenda_id = s.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == result.meeting_id)).one()
        dep_id = s.scalars(select(Department.id).order_by(Department.id)).first()
    svc.record_minutes(
        result.meeting_id,
        actor,
        "会议纪要正文",
        item_minutes={agenda_id: "责成水务局三日内处置"},
        action_items=[
            NewActionItem("清理积水点", utcnow() + dt.timedelta(days=3), dep_id, agenda_item_id=agenda_id)
        ],
    )
    return result.meeting_id, number


def test_notice_and_minutes_export_as_pdf_with_escaped_text(
    pane: MeetingsPane, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtPdf import QPdfDocument

    from ui.meetings.printing import document

    title = "防汛<b>协调</b>会 & <script>alert(1)</script>"
    meeting_id, number = _held_meeting_with_minutes(pane, title)
    pane.select_meeting(meeting_id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == meeting_id, timeout=WAIT)
    assert pane.notice_pdf_button.isEnabled() and pane.minutes_pdf_button.isEnabled()
    for kind, export, html_of in (
        ("notice", pane.export_notice_pdf, pane.notice_html),
        ("minutes", pane.export_minutes_pdf, pane.minutes_html),
    ):
        out = tmp_path / kind  # no suffix: the pane adds .pdf
        monkeypatch.setattr(
            "ui.meetings.documents.QFileDialog.getSaveFileName", lambda *a, o=out, **k: (str(o), "")
        )
        export()
        pdf = out.with_suffix(".pdf")
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
        html = html_of()
        assert "<script>" not in html and "&lt;script&gt;" in html and "<b>协调</b>" not in html
        text = document(html).toPlainText()
        assert title in text and number in text  # the title is shown literally, not interpreted
        doc = QPdfDocument()
        doc.load(str(pdf))
        assert doc.pageCount() >= 1
        extracted = "".join(doc.getAllText(p).text() for p in range(doc.pageCount()))
        # Chinese text, Latin text and digits are real (extractable) text in the PDF: the date and
        # time of the meeting and the case number come back as the digits the page shows (the
        # printed font turns off the CJK font's "locl" forms, which Qt's ToUnicode map lacks).
        assert (
            "防汛" in extracted and ("Meeting notice" if kind == "notice" else "Meeting minutes") in extracted
        )
        assert pane.detail is not None
        start = to_local(pane.detail.starts_at)
        assert f"{start:%Y-%m-%d %H:%M}" in extracted
        assert f"{to_local(pane.detail.ends_at):%H:%M}" in extracted
        if kind == "notice":
            assert number in extracted
    minutes_text = document(pane.minutes_html()).toPlainText()
    assert "责成水务局三日内处置" in minutes_text and "清理积水点" in minutes_text
    assert str(out.with_suffix(".pdf")) in pane.notice.text()


def test_invitation_responses(pane: MeetingsPane, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    result = pane.service.convene_from_cases(_open_cases(pane, 3), pane._actor)
    pane.select_meeting(result.meeting_id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == result.meeting_id, timeout=WAIT)
    assert pane.participants.topLevelItemCount() >= 1
    assert not pane.confirm_button.isEnabled()  # nobody selected yet

    def pick(row: int) -> int:
        item = pane.participants.topLevelItem(row)
        assert item is not None
        pane.participants.setCurrentItem(item)
        assert pane.confirm_button.isEnabled() and pane.deputy_button.isEnabled()
        return int(item.data(0, Qt.ItemDataRole.UserRole))

    def state(part_id: int) -> tuple[str, str, str]:
        with pane._sessions() as s:
            p = s.get(MeetingParticipant, part_id)
            assert p is not None
            return p.state, p.reason, p.deputy_name

    def first_invitation() -> str:
        item = pane.participants.topLevelItem(0)
        return item.text(1) if item is not None else ""

    first = pick(0)
    pane.confirm_button.click()
    qtbot.waitUntil(lambda: state(first)[0] == "confirmed", timeout=WAIT)
    pane._runner.wait(WAIT)
    qtbot.waitUntil(lambda: pane.participants.topLevelItemCount() >= 1, timeout=WAIT)

    first = pick(0)
    monkeypatch.setattr("ui.meetings.actions.QInputDialog.getText", lambda *a, **k: ("", False))
    pane.decline_button.click()  # cancelled: nothing recorded
    pane._runner.wait(WAIT)
    assert state(first)[0] == "confirmed"
    monkeypatch.setattr("ui.meetings.actions.QInputDialog.getText", lambda *a, **k: ("另有防汛任务", True))
    pane.decline_button.click()
    qtbot.waitUntil(lambda: state(first) == ("declined", "另有防汛任务", ""), timeout=WAIT)
    qtbot.waitUntil(lambda: "另有防汛任务" in first_invitation(), timeout=WAIT)

    first = pick(0)
    monkeypatch.setattr("ui.meetings.actions.QInputDialog.getText", lambda *a, **k: ("李副局长", True))
    pane.deputy_button.click()
    qtbot.waitUntil(lambda: state(first) == ("deputy", "", "李副局长"), timeout=WAIT)
    qtbot.waitUntil(lambda: "李副局长" in first_invitation(), timeout=WAIT)


def test_import_department_busy_times_from_ics(
    pane: MeetingsPane, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    at = _next_workday_at(14)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//test//busy//")
    cal.add("version", "2.0")
    ev = icalendar.Event()
    ev.add("uid", "busy-1@test")
    ev.add("summary", "局务会")
    ev.add("dtstart", at)
    ev.add("dtend", at + dt.timedelta(hours=1))
    cal.add_component(ev)
    path = tmp_path / "busy.ics"
    path.write_bytes(cal.to_ical())
    with pane._sessions() as s:
        dep_id, dep_name = s.execute(select(Department.id, Department.name).order_by(Department.id)).first()  # type: ignore[misc]
    monkeypatch.setattr("ui.meetings.actions.QFileDialog.getOpenFileName", lambda *a, **k: (str(path), ""))
    chosen: list[list[str]] = []

    def choose(_parent: object, _title: str, _label: str, items: list[str], *a: object) -> tuple[str, bool]:
        chosen.append(items)
        return dep_name, True

    monkeypatch.setattr("ui.meetings.actions.QInputDialog.getItem", choose)
    pane.go_to(to_local(at).date())
    with qtbot.waitSignal(pane.meetingsChanged, timeout=WAIT):
        pane.import_busy_times()
    assert chosen and dep_name in chosen[0]
    with pane._sessions() as s:
        from db.models import BusyTime

        rows = s.scalars(select(BusyTime).where(BusyTime.department_id == dep_id)).all()
    assert [r.summary for r in rows] == ["局务会"]
    assert "1" in pane.notice.text() and dep_name in pane.notice.text()
    # 14:00 is the 13th half-hour row from 08:00; the column is that day of the week.
    col = to_local(at).date().weekday()

    def shaded() -> bool:
        item = pane.grid.item(12, col)
        return item is not None and "局务会" in item.toolTip()

    qtbot.waitUntil(shaded, timeout=WAIT)
    item = pane.grid.item(13, col)
    assert item is not None and "局务会" in item.toolTip()
    assert pane.grid.item(14, col) is not None and "局务会" not in pane.grid.item(14, col).toolTip()  # type: ignore[union-attr]
