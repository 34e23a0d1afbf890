"""Turning a log into a case: the case service's refusal is said as the log book's."""

from __future__ import annotations

import pytest

from desktop import logbook
from desktop.cases.service import CaseError


@pytest.mark.parametrize(
    ("refusal", "code"),
    [
        (CaseError("case.title_required"), "logbook.case_title"),
        (CaseError("case.title_too_long", limit=200), "logbook.case_title"),
        (CaseError("case.outside_city", lat=1.0, lon=2.0), "logbook.case_outside_city"),
        (CaseError("case.unknown_kind", kind="x"), "logbook.case_kind"),
        (CaseError("case.unknown_category", category="x", kind="dispute"), "logbook.case_kind"),
        (CaseError("case.other_town", town="x"), "logbook.case_not_filed"),
    ],
)
def test_a_case_refusal_is_said_as_the_log_books(refusal: CaseError, code: str) -> None:
    said = logbook._case_refused(refusal)
    assert said.code == code
    if code == "logbook.case_not_filed":
        assert said.params["also"] == (refusal,)  # the case's own sentence follows


def test_title_and_category_come_from_the_logs_words() -> None:
    assert logbook.title_from("走访3户，") == ""
    assert logbook.title_from("走访12户，了解到村口路灯不亮。请修。") == "村口路灯不亮"
    assert logbook.guess_category("楼上漏水") == "neighbour"
