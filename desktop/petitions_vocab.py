"""The petition bureau's words, as its files carry them: data, not sentences for the user.

The names of categories, levels, channels and statuses that petition files (CSV/JSON, exported
by the bureau's system) use and that export writes back, the spellings of a level that import
accepts, and the Chinese column headings of the CSV files.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.vocab import PetitionLevel

CATEGORY_NAMES: Mapping[str, str] = {
    "neighbour": "邻里",
    "family": "婚姻家庭",
    "land": "土地",
    "labour": "劳资",
    "property": "房产",
    "contract": "合同",
    "other": "其他",
    "petition_stability": "信访稳定",
    "public_order": "社会治安",
    "work_safety": "安全生产",
    "civil_affairs": "民政",
    "disability": "残疾",
    "medical": "医疗",
    "housing_permit": "建房",
    "family_planning": "计生",
}
LEVEL_NAMES: Mapping[int, str] = {1: "村（社区）", 2: "镇（街道）", 3: "县（市）", 4: "省", 5: "国家"}
CHANNEL_NAMES: Mapping[str, str] = {"letter": "来信", "visit": "来访", "online": "网上信访"}
STATUS_NAMES: Mapping[str, str] = {
    "registered": "登记",
    "transferred": "转办",
    "handling": "办理中",
    "concluded": "办结",
}
LEVEL_ALIASES: Mapping[str, int] = {
    **{str(int(v)): int(v) for v in PetitionLevel},
    **{v.name.lower(): int(v) for v in PetitionLevel},
    "county": 3,
    "村": 1,
    "社区": 1,
    "村级": 1,
    "村（社区）": 1,
    "镇": 2,
    "街道": 2,
    "镇街": 2,
    "镇级": 2,
    "镇（街道）": 2,
    "县": 3,
    "市": 3,
    "县市": 3,
    "县级": 3,
    "市级": 3,
    "县（市）": 3,
    "省": 4,
    "省级": 4,
    "国家": 5,
    "国家级": 5,
    "中央": 5,
}

# Import/export columns: (key, Chinese heading). JSON uses the keys, CSV the headings; both are
# accepted on import.
FIELDS: tuple[tuple[str, str], ...] = (
    ("number", "信访件编号"),
    ("received_on", "登记日期"),
    ("petitioner_name", "信访人"),
    ("petitioner_phone", "联系电话"),
    ("petitioner_id_tail", "身份证后四位"),
    ("level", "登记层级"),
    ("channel", "信访方式"),
    ("category", "事项类别"),
    ("matter", "信访事项"),
    ("town", "所属镇街"),
    ("status", "办理状态"),
    ("case_number", "关联案件编号"),
)
# Spellings of the online channel besides its name.
ONLINE_ALIASES = ("网上", "网信")
# Date formats accepted on import, besides ISO.
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
