"""The shared vocabulary of Concord: the values stored in the database's string columns.

They live in ``db`` so that both the schema and the domain rules in ``desktop`` use one
definition (imports point ``desktop`` → ``db``, never back).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


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
