"""The shared vocabulary of Concord: the values stored in the database's string columns.

They live in ``db`` so that both the schema and the domain rules in ``desktop`` use one
definition (imports point ``desktop`` → ``db``, never back).
"""

from __future__ import annotations

from enum import IntEnum, IntFlag, StrEnum


class Level(IntEnum):
    """Tier that currently owns a case. Ordered: escalation moves one step up."""

    VILLAGE = 1
    TOWN = 2
    CITY = 3


class Status(StrEnum):
    REPORTED = "reported"  # new at the current level, waiting to be accepted
    ESCALATED = "escalated"  # moved up one level, waiting to be accepted there
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"  # handled, waiting for the return visit (回访)
    VERIFIED = "verified"  # return visit done
    CLOSED = "closed"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    MERGED = "merged"


OPEN_STATUSES: frozenset[Status] = frozenset(
    {Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS, Status.RESOLVED}
)
TERMINAL_STATUSES: frozenset[Status] = frozenset(
    {Status.CLOSED, Status.REJECTED, Status.DUPLICATE, Status.MERGED}
)


class Severity(IntEnum):
    GENERAL = 1  # 一般
    MAJOR = 2  # 较大
    SERIOUS = 3  # 重大
    CRITICAL = 4  # 特别重大


class Kind(StrEnum):
    DISPUTE = "dispute"  # 矛盾纠纷
    HAZARD = "hazard"  # 隐患
    ERRAND = "errand"  # 代办


# Categories per kind, as in the seed document.
CATEGORIES: dict[Kind, tuple[str, ...]] = {
    Kind.DISPUTE: ("neighbour", "family", "land", "labour", "property", "contract", "other"),
    Kind.HAZARD: ("petition_stability", "public_order", "work_safety"),
    Kind.ERRAND: ("civil_affairs", "disability", "medical", "housing_permit", "family_planning"),
}


class Channel(StrEnum):
    """How a case reached us (cases.channel, migration 0012)."""

    FIELD = "field"  # 网格员上报: a grid worker's report from the field
    RECEPTION = "reception"  # 接待大厅来访: the one-stop reception hall (一站式接待)
    PHONE = "phone"  # 电话
    PETITION = "petition"  # 信访局转办: transferred by the petition bureau


class Action(StrEnum):
    ACCEPT = "accept"
    START = "start"
    ASSIGN = "assign"
    ESCALATE = "escalate"
    RESOLVE = "resolve"
    VERIFY = "verify"
    REOPEN = "reopen"
    CLOSE = "close"
    REJECT = "reject"
    MARK_DUPLICATE = "mark_duplicate"
    MERGE = "merge"
    SUPERVISE = "supervise"
    COMMENT = "comment"


class Role(StrEnum):
    DISPATCHER = "dispatcher"  # city information center
    LEADER = "leader"  # city leader in charge
    TOWN_STAFF = "town_staff"
    DEPARTMENT_STAFF = "department_staff"
    ADMIN = "admin"
    AUDITOR = "auditor"
    WORKER = "worker"  # grid worker reporting from the field (through the gateway)
    SYSTEM = "system"  # sweeps and other automatic changes
    GATEWAY = "gateway"  # the field gateway's service login (PostgreSQL): files reports, nothing else


class LinkType(StrEnum):
    DUPLICATE_OF = "duplicate_of"
    RELATED = "related"
    MERGED_INTO = "merged_into"


class Milestone(IntFlag):
    """The stages a case ever reached, one bit each in ``cases.milestones`` (migration 0014).

    Kept by the database itself from the audit trail: a trigger on ``case_events`` ORs in the bit
    of every event it inserts (``milestone_of``), so every write path keeps it right; the
    escalation funnel (desktop.analysis) sums the bits instead of joining the events.
    """

    ACCEPTED = 1  # an ``accept`` event, at any level
    ESCALATED_TOWN = 2  # an ``escalate`` event to level 2
    ESCALATED_CITY = 4  # an ``escalate`` event to level 3
    RESOLVED = 8  # a ``resolve`` event
    VERIFIED_CLOSED = 16  # a ``verify`` (return visit) or ``close`` event


def milestone_of(action: str, to_level: int | None) -> Milestone:
    """The bit an event with this action and target level sets (0: none)."""
    if action == Action.ACCEPT:
        return Milestone.ACCEPTED
    if action == Action.ESCALATE and to_level == Level.TOWN:
        return Milestone.ESCALATED_TOWN
    if action == Action.ESCALATE and to_level == Level.CITY:
        return Milestone.ESCALATED_CITY
    if action == Action.RESOLVE:
        return Milestone.RESOLVED
    if action in (Action.VERIFY, Action.CLOSE):
        return Milestone.VERIFIED_CLOSED
    return Milestone(0)


# --- screening ---------------------------------------------------------------------------------


class ScreeningLevel(StrEnum):
    """Who screens, at which cadence (滚动式排查): villages daily, towns weekly, the city half-monthly."""

    VILLAGE = "village"  # 村（社区）
    TOWN = "town"  # 镇（街道）
    CITY = "city"  # 市


class ScreeningKind(StrEnum):
    ROUTINE = "routine"  # 常规排查
    CONCENTRATED = "concentrated"  # 集中排查


class ScreeningScope(StrEnum):
    GENERAL = "general"  # 普遍排查
    FOCUSED = "focused"  # 重点排查 (named categories, places or parties; required in sensitive periods)


# Checklist items of a round, stored by code in screening_rounds.checklist; the UI names them.
SCREENING_ITEMS: tuple[str, ...] = (
    "family",  # 婚姻家庭纠纷
    "neighbour",  # 邻里纠纷
    "land",  # 土地山林权属纠纷
    "labour",  # 劳资纠纷（欠薪）
    "demolition",  # 征地拆迁
    "property",  # 物业、房屋纠纷
    "contract",  # 合同、债务纠纷
    "key_persons",  # 重点人员稳控
    "petition",  # 信访积案和苗头
    "mass",  # 群体性事件苗头
    "public_order",  # 治安隐患
    "safety",  # 安全生产、消防隐患
    "enterprise",  # 企业改制、破产
    "projects",  # 重大项目稳评落实
    "village_reports",  # 各村（社区）排查情况汇总
    "town_reports",  # 各镇（街道）排查情况汇总
    "hard_cases",  # 疑难复杂案件研判
    "duty",  # 值班值守和信息报送
    "online",  # 网络舆情
)

# Checklist templates per level and kind; "sensitive" items are added to a focused round of a
# sensitive period (敏感时期).
SCREENING_TEMPLATES: dict[tuple[str, str], tuple[str, ...]] = {
    ("village", "routine"): ("family", "neighbour", "land", "labour", "key_persons", "safety"),
    ("village", "concentrated"): (
        "family",
        "neighbour",
        "land",
        "labour",
        "demolition",
        "property",
        "contract",
        "key_persons",
        "petition",
        "mass",
        "public_order",
        "safety",
    ),
    ("town", "routine"): (
        "village_reports",
        "land",
        "labour",
        "demolition",
        "petition",
        "key_persons",
        "mass",
    ),
    ("town", "concentrated"): (
        "village_reports",
        "family",
        "neighbour",
        "land",
        "labour",
        "demolition",
        "enterprise",
        "projects",
        "petition",
        "key_persons",
        "mass",
        "public_order",
        "safety",
    ),
    ("city", "routine"): (
        "town_reports",
        "hard_cases",
        "petition",
        "mass",
        "demolition",
        "enterprise",
        "projects",
    ),
    ("city", "concentrated"): (
        "town_reports",
        "hard_cases",
        "petition",
        "mass",
        "key_persons",
        "demolition",
        "land",
        "labour",
        "enterprise",
        "projects",
    ),
}
SCREENING_SENSITIVE_ITEMS: tuple[str, ...] = ("key_persons", "petition", "mass", "duty", "online")


# --- accountability and petitions (migration 0017) ------------------------------------------


class PetitionLevel(IntEnum):
    """The tier a petition (信访件) was received at; above TOWN a petition may skip levels (越级访)."""

    VILLAGE = 1  # 村（社区）
    TOWN = 2  # 镇（街道）
    CITY = 3  # 县（市）: Pingdu is a county-level city
    PROVINCE = 4  # 省
    NATIONAL = 5  # 国家


class PetitionChannel(StrEnum):
    LETTER = "letter"  # 来信
    VISIT = "visit"  # 来访
    ONLINE = "online"  # 网上信访


class PetitionStatus(StrEnum):
    REGISTERED = "registered"  # 登记
    TRANSFERRED = "transferred"  # 转办
    HANDLING = "handling"  # 办理中
    CONCLUDED = "concluded"  # 办结


class CheckMode(StrEnum):
    """明查 (announced) or 暗访 (unannounced) spot check."""

    OVERT = "overt"
    COVERT = "covert"


class CheckedUnit(StrEnum):
    """What a spot check looked at."""

    TOWN = "town"
    VILLAGE = "village"
    GRID = "grid"
    DEPARTMENT = "department"


# --- villagedays: 三日合一, receptions, stability risk assessments, errands (migration 0018) ---


class VillageDayKind(StrEnum):
    COMBINED = "combined"  # 三日合一: the three days held together
    MASS_WORK = "mass_work"  # 群众工作日
    DELIBERATION = "deliberation"  # 民主议事日
    OPENNESS = "openness"  # 村务公开日


class Recurrence(StrEnum):
    MONTHLY = "monthly"  # on a day of the month
    WEEKLY = "weekly"  # on a weekday


class VillageDayStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ReceptionKind(StrEnum):
    SCHEDULED = "scheduled"  # 接访: the leader's scheduled reception day
    APPOINTMENT = "appointment"  # 约访: an appointment the leader makes with the visitor


class ReceptionStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class ProjectKind(StrEnum):
    LAND_ACQUISITION = "land_acquisition"  # 土地征收
    DEMOLITION = "demolition"  # 房屋拆迁
    FACTORY = "factory"  # 工业项目（建厂）
    RENOVATION = "renovation"  # 旧城改造
    RESTRUCTURING = "restructuring"  # 企业改制
    OTHER = "other"


class RiskStepKind(StrEnum):
    NOTICE_HEARING = "notice_hearing"  # 公示听证
    EXPERT = "expert"  # 专家咨询
    SURVEY = "survey"  # 问卷调查、座谈征求意见


class RiskLevel(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class RiskDecision(StrEnum):
    IMPLEMENT = "implement"  # 准予实施
    WITH_MEASURES = "with_measures"  # 采取化解措施后实施
    POSTPONE = "postpone"  # 暂缓实施
    HALT = "halt"  # 停止实施


class ErrandStatus(StrEnum):
    ACCEPTED = "accepted"  # 已受理
    IN_PROGRESS = "in_progress"  # 办理中
    DONE = "done"  # 已办结
    RETURNED = "returned"  # 退回（材料不全或不予办理）
