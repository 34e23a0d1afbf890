"""Chinese that village work writes as data, not as sentences for the user.

The offices that usually handle each kind of service errand and the documents they usually ask
for (the seed's 代办服务 lists, offered as defaults the user edits), the names of where an issue
was raised, written into the sentiment log or case it becomes (the records are kept in Chinese),
and the separators users type between documents.
"""

from __future__ import annotations

DEFAULT_OFFICE: dict[str, str] = {
    "civil_affairs": "民政办",
    "disability": "残联",
    "medical": "医保站",
    "housing_permit": "规划建设办",
    "family_planning": "卫健办",
}

TYPICAL_DOCUMENTS: dict[str, tuple[str, ...]] = {
    "civil_affairs": ("身份证复印件", "户口簿复印件", "申请书", "家庭收入证明"),
    "disability": ("身份证复印件", "户口簿复印件", "一寸照片", "医院诊断证明"),
    "medical": ("身份证复印件", "医保卡", "住院发票", "费用清单", "出院小结"),
    "housing_permit": ("身份证复印件", "户口簿复印件", "宅基地申请表", "村委会意见"),
    "family_planning": ("身份证复印件", "结婚证复印件", "户口簿复印件", "出生医学证明"),
}

# Where an issue was raised, as the record it becomes names it.
SOURCE_VILLAGE_DAY = "三日合一"
SOURCE_SCHEDULED_RECEPTION = "领导接访"
SOURCE_APPOINTMENT = "领导约访"


def case_description(source: str, content: str) -> str:
    """The description of a case filed from an issue: （三日合一反映）…"""
    return f"（{source}反映）{content}"


def log_content(source: str, raised_by: str, content: str) -> str:
    """The text of a sentiment log filed from an issue: （领导接访）张三反映：…"""
    who = f"{raised_by}反映：" if raised_by else ""
    return f"（{source}）{who}{content}"


def reception_title(leader: str, topic: str) -> str:
    """A reception on the calendar: 王书记：…"""
    return f"{leader}：{topic}"


# What users type between the documents of an errand (besides commas, semicolons, new lines).
DOCUMENT_SEPARATORS = ("，", ",", ";", "；", "\n")
DOCUMENT_JOIN = "、"
