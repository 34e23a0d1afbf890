"""The notes the system stores on case events as keys are said in words; anything else as stored."""

from __future__ import annotations

import datetime as dt

from desktop.cases.detail import SourceLog
from desktop.cases.service import LINKED_AT_REPORT, SWEEP_REASON
from ui.cases.panel import event_note, source_log_text


def test_the_sweeps_reason_is_said_in_words() -> None:
    assert event_note(SWEEP_REASON) == (
        "The time limit (SLA) of this level ran out: the system escalated it one level up"
    )


def test_the_cases_linked_at_intake_are_listed() -> None:
    note = event_note(LINKED_AT_REPORT + "PD-2026-000001,PD-2026-000002")
    assert note == "Linked when reported: PD-2026-000001, PD-2026-000002"


def test_peoples_text_and_old_rows_are_shown_as_stored() -> None:
    assert (
        event_note("超过本级办理时限（SLA），系统自动上报上一级")
        == "超过本级办理时限（SLA），系统自动上报上一级"
    )
    assert event_note("涉及多户，村级无法调处") == "涉及多户，村级无法调处"
    assert event_note("") == ""


def test_the_source_log_is_worded_by_the_interface() -> None:
    log = SourceLog(dt.datetime(2026, 3, 2, 1, 30, tzinfo=dt.UTC), "王芳", 12, "走访")
    assert source_log_text(log) == "2026-03-02 09:30 · 王芳 · 12 households\n走访"
    assert source_log_text(None) == "—"
