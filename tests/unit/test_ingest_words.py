"""The phone's answer to a report the case service refuses: an English sentence with the refusal's
facts, never the refusal's code and facts as Python prints them."""

from __future__ import annotations

import pytest

from desktop.cases.service import CaseError
from desktop.gateway.ingest import _CASE_REFUSAL_WORDS, _case_refusal_words

pytestmark = pytest.mark.unit


def test_a_point_outside_the_city_is_said_with_its_coordinates() -> None:
    said = _case_refusal_words(CaseError("case.outside_city", lat=10.0, lon=10.5))
    assert said == "case refused: the point (10.0, 10.5) is outside the city's grids"


def test_the_category_refusal_names_the_category_and_the_kind() -> None:
    said = _case_refusal_words(CaseError("case.unknown_category", category="mars", kind="dispute"))
    assert said == "case refused: category 'mars' is not a category of 'dispute' cases"


def test_an_unworded_code_or_missing_fact_still_gives_a_sentence() -> None:
    assert _case_refusal_words(CaseError("case.some_new_rule")) == "the case was refused (case.some_new_rule)"
    assert _case_refusal_words(CaseError("case.outside_city")) == "the case was refused (case.outside_city)"


def test_every_worded_code_is_a_code_the_case_service_raises() -> None:
    from pathlib import Path

    source = (Path(__file__).resolve().parents[2] / "desktop" / "cases" / "service.py").read_text(
        encoding="utf-8"
    )
    for code in _CASE_REFUSAL_WORDS:
        assert f'"{code}"' in source, code
