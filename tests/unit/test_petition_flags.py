"""Repeat (重复访) and level-skipping (越级访) petitions, the year-on-year measure and the import
parser, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.petitions import (
    FlagInput,
    PetitionError,
    compute_flags,
    month_window,
    petitioner_key,
    read_file,
    yoy_from,
)

D = dt.date
ME = petitioner_key("王秀英", "123X", "13800000000")


def test_the_key_names_a_petitioner_by_name_and_id_tail_else_phone() -> None:
    assert petitioner_key(" 王秀英 ", "123x", "139") == ME  # the phone does not matter with an id tail
    assert petitioner_key("王秀英", "", "13800000000") != ME
    assert petitioner_key("王秀英", "", "13800000000") == petitioner_key("王秀英", "", "13800000000 ")
    assert petitioner_key("王秀", "123X", "") != ME


def test_repeat_needs_the_same_petitioner_and_matter_within_twelve_months() -> None:
    flags = compute_flags(
        [
            FlagInput(1, ME, "land", D(2025, 1, 10), 2),
            FlagInput(2, ME, "land", D(2025, 6, 1), 2),  # repeat of 1
            FlagInput(3, ME, "labour", D(2025, 6, 2), 2),  # another matter
            FlagInput(4, ME, "land", D(2026, 5, 30), 2),  # 1 is more than a year before, 2 is not
            FlagInput(5, "someone else", "land", D(2025, 6, 1), 2),
            FlagInput(6, ME, "land", D(2027, 9, 1), 2),  # every earlier one is more than a year back
        ]
    )
    assert [flags[i].earlier_same for i in range(1, 7)] == [0, 1, 0, 1, 0, 0]
    assert flags[2].repeat and not flags[1].repeat and not flags[6].repeat


def test_level_skipping_above_the_town_with_nothing_lower_before() -> None:
    flags = compute_flags(
        [
            FlagInput(1, "a", "land", D(2026, 3, 1), 4),  # straight to the province
            FlagInput(2, "b", "land", D(2026, 3, 1), 2),  # at the town first …
            FlagInput(3, "b", "land", D(2026, 4, 1), 3),  # … so the city is no skip
            FlagInput(4, "c", "land", D(2026, 4, 1), 5, case_reported_on=D(2026, 2, 1)),  # a case before
            FlagInput(
                5, "d", "land", D(2026, 4, 1), 3, case_reported_on=D(2026, 4, 2)
            ),  # the case came after
            FlagInput(6, "e", "land", D(2026, 4, 1), 2),  # the town is no skip
            FlagInput(7, "f", "labour", D(2026, 3, 1), 1),
            FlagInput(8, "f", "land", D(2026, 4, 1), 3),  # a village petition on another matter
        ]
    )
    assert {i for i, f in flags.items() if f.level_skipping} == {1, 5, 8}


def test_year_on_year_counts_each_month_against_the_same_month_before() -> None:
    months = month_window(D(2026, 12, 4))
    assert months[0] == (2026, 1) and months[-1] == (2026, 12) and len(months) == 12
    table = yoy_from(
        [
            (1, D(2026, 12, 1)),
            (1, D(2026, 12, 3)),
            (1, D(2025, 12, 9)),
            (2, D(2025, 3, 1)),
            (2, D(2024, 12, 31)),
        ],
        [(1, "石岭镇"), (2, "云山镇"), (3, "无信访镇")],
        months,
    )
    by_town = {r.town_id: r for r in table.rows}
    assert 3 not in by_town  # a town without petitions in either year has no row
    assert by_town[1].this_year[-1] == 2 and by_town[1].last_year[-1] == 1
    assert by_town[1].change == pytest.approx(1.0)
    assert by_town[2].total == 0 and by_town[2].last_year[2] == 1 and by_town[2].change == -1.0
    total = table.rows[-1]
    assert total.town_id is None and total.total == 2 and total.total_last_year == 2


def test_the_reader_refuses_unreadable_files_with_codes() -> None:
    with pytest.raises(PetitionError, match="petitions.unknown_columns") as refused:
        read_file("编号,日期\n1,2\n".encode(), "csv")
    assert refused.value.params["columns"] == ["编号", "日期"]
    with pytest.raises(PetitionError, match="petitions.json_syntax"):
        read_file(b"[{", "json")
    with pytest.raises(PetitionError, match="petitions.json_not_list"):
        read_file(b'{"a": 1}', "json")
    with pytest.raises(PetitionError, match="petitions.empty_file"):
        read_file(b"", "csv")
    rows = read_file("\ufeff信访件编号,信访事项\nX1,'=1+1\n".encode(), "csv")
    assert rows == [(2, {"number": "X1", "matter": "=1+1"})]
    assert read_file(b'{"petitions": [{"number": "X2"}, 3]}', "json")[1] == (
        2,
        {"__error__": "petitions.not_an_object"},
    )
