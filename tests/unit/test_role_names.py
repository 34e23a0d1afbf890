"""db.roles.role_name_problem: which names can be a PostgreSQL login, said as a code, not a sentence."""

from __future__ import annotations

import pytest

from db.roles import RESERVED_NAMES, RESERVED_PREFIXES, role_name_problem

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("name", ["zhang_wei", "town01", "ab", "a" * 63])
def test_lower_case_names_from_a_letter_may_log_in(name: str) -> None:
    assert role_name_problem(name) is None


@pytest.mark.parametrize("name", ["", "a", "Zhang", "1town", "zhang-wei", "张伟", "a" * 64, "drop table;"])
def test_other_names_are_invalid(name: str) -> None:
    assert role_name_problem(name) == "invalid"


def test_the_systems_own_names_are_reserved() -> None:
    for name in [*sorted(RESERVED_NAMES), *(prefix + "x" for prefix in RESERVED_PREFIXES)]:
        assert role_name_problem(name) == "reserved", name
