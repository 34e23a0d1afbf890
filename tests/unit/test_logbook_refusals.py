"""Turning a log into a case: the case service's refusal is said as the log book's, whether the
case service still raises plain text or already raises a coded refusal."""

from __future__ import annotations

import pytest

from desktop import logbook
from desktop.cases import CaseError
from desktop.errors import Refusal


class CodedCaseError(CaseError, Refusal):
    """A case refusal as the case service raises it once it refuses with codes."""


@pytest.mark.parametrize(
    ("refusal", "code"),
    [
        (CaseError("a case needs a title"), "logbook.case_title"),
        (CaseError("the point (1.00000, 2.00000) is outside the city"), "logbook.case_outside_city"),
        (CaseError("unknown category 'x' for kind dispute"), "logbook.case_kind"),
        (CaseError("something else"), "logbook.case_refused"),
        (CodedCaseError("case.title_required"), "logbook.case_title"),
        (CodedCaseError("case.point_outside_city"), "logbook.case_outside_city"),
        (CodedCaseError("case.unknown_kind", kind="x"), "logbook.case_kind"),
        (CodedCaseError("case.other_town", town="x"), "logbook.case_not_filed"),
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
