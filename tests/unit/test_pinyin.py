"""Pinyin initials (search) and full-pinyin sort keys (ordering) of Chinese names."""

from __future__ import annotations

import pytest

from desktop.pinyin import initials, sort_key


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("平度镇", "pdz"),
        ("东阁街道", "dgjd"),
        ("白沙河街道", "bshjd"),
        ("长乐镇", "clz"),  # 长 here is cháng
        ("A区", "aq"),
        ("三里河1号", "slh1h"),
        ("", ""),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_initials_agree_with_the_demo_citys_stored_pinyin() -> None:
    from desktop.seed.demo import initials as demo_initials

    for name in ("平度市", "崔家集镇", "蓼兰镇", "前刘戈庄村", "福安社区", "王小明"):
        assert initials(name) == demo_initials(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("白沙河街道", "bai sha he jie dao"),
        ("崔家集镇", "cui jia ji zhen"),
        ("重庆路", "chong qing lu"),
        ("A座", "a zuo"),
        ("", ""),
    ],
)
def test_sort_key_is_full_toneless_pinyin(name: str, expected: str) -> None:
    assert sort_key(name) == expected


def test_names_sort_in_pinyin_order() -> None:
    names = ["崔家集镇", "张舍镇", "白沙河街道", "长乐镇", "蓼兰镇", "柳林镇", "东阁街道", "大田镇"]
    assert sorted(names, key=sort_key) == [
        "白沙河街道",  # bai
        "长乐镇",  # chang
        "崔家集镇",  # cui
        "大田镇",  # da
        "东阁街道",  # dong
        "蓼兰镇",  # liao
        "柳林镇",  # liu
        "张舍镇",  # zhang
    ]


def test_syllables_compare_one_by_one() -> None:
    # 西安 (xi an) before 仙 (xian) before 先锋 (xian feng): a dictionary's order, not the
    # concatenated letters' (which would tie 西安 with 仙).
    assert sorted(["先锋", "仙", "西安"], key=sort_key) == ["西安", "仙", "先锋"]


def test_initials_order_differs_from_pinyin_order() -> None:
    # The reason for full pinyin: by initials 崔家集镇 (cjjz) would come before 长乐镇 (clz).
    assert initials("崔家集镇") < initials("长乐镇")
    assert sort_key("长乐镇") < sort_key("崔家集镇")
