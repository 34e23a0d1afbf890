"""The escalation ladder: which actions a case allows in each status, who may take them, and where they lead.

Pure rules over plain values, so the UI, the services and the SLA sweep all decide the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from db.vocab import Action, Level, Role, Severity, Status
from desktop.errors import Refusal


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    role: Role
    town_id: int | None = None
    department_id: int | None = None
    name: str = ""


@dataclass(frozen=True)
class CaseState:
    status: Status
    level: Level
    town_id: int
    department_ids: frozenset[int] = frozenset()
    assignee_user_id: int | None = None


@dataclass(frozen=True)
class Outcome:
    status: Status
    level: Level
    reset_sla: bool


class LadderError(Refusal):
    """Base of every refusal, so callers can report any of them the same way."""


class InvalidTransition(LadderError):
    """The action is not open to a case in this status (``at_city``: escalating a city case)."""

    def __init__(self, status: Status, action: Action, at_city: bool = False) -> None:
        code = "case.escalate_at_city" if at_city else "case.invalid_transition"
        super().__init__(code, status=status, action=action)
        self.status = status
        self.action = action
        self.at_city = at_city

    def __reduce__(self) -> tuple[Any, ...]:  # rebuilt with its parts, not only its code
        return (type(self), (self.status, self.action, self.at_city))


class NotPermitted(LadderError):
    """The actor's role or jurisdiction does not allow the action; ``reason`` is the key of why
    (``other_town``, ``city_level``, ``read_only``, …: see ``_denial``)."""

    def __init__(self, role: Role, action: Action, reason: str) -> None:
        super().__init__("case.not_permitted", role=role, action=action, why=reason)
        self.role = role
        self.action = action
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.role, self.action, self.reason))


class ReasonRequired(LadderError):
    def __init__(self, action: Action) -> None:
        super().__init__("case.reason_required", action=action)
        self.action = action

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.action,))


# Statuses in which the case is still being worked at its current level; RESOLVED is open too
# (waiting for the return visit) but is deliberately left out: once handled, the way forward is
# verify or reopen, not moving it up the ladder or throwing it out.
_WORKABLE: frozenset[Status] = frozenset(
    {Status.REPORTED, Status.ESCALATED, Status.ACCEPTED, Status.IN_PROGRESS}
)
_NON_TERMINAL: frozenset[Status] = _WORKABLE | {Status.RESOLVED, Status.VERIFIED}

# (from-statuses, to-status); None keeps the current status. ESCALATE is handled apart
# because it also moves the level.
_MOVES: Mapping[Action, tuple[frozenset[Status], Status | None]] = {
    Action.ACCEPT: (frozenset({Status.REPORTED, Status.ESCALATED}), Status.ACCEPTED),
    Action.START: (frozenset({Status.ACCEPTED}), Status.IN_PROGRESS),
    Action.ASSIGN: (frozenset({Status.ACCEPTED, Status.IN_PROGRESS}), Status.IN_PROGRESS),
    Action.RESOLVE: (frozenset({Status.ACCEPTED, Status.IN_PROGRESS}), Status.RESOLVED),
    Action.VERIFY: (frozenset({Status.RESOLVED}), Status.VERIFIED),
    Action.REOPEN: (frozenset({Status.RESOLVED}), Status.IN_PROGRESS),
    Action.CLOSE: (frozenset({Status.VERIFIED}), Status.CLOSED),
    Action.REJECT: (_WORKABLE, Status.REJECTED),
    Action.MARK_DUPLICATE: (_WORKABLE, Status.DUPLICATE),
    Action.MERGE: (_WORKABLE, Status.MERGED),
    Action.SUPERVISE: (_NON_TERMINAL, None),
    Action.COMMENT: (_NON_TERMINAL, None),
}

# Actions that change the case's fate or bounce it; the audit trail must say why.
REASON_REQUIRED: frozenset[Action] = frozenset(
    {Action.ESCALATE, Action.REJECT, Action.MARK_DUPLICATE, Action.MERGE, Action.REOPEN}
)

_DEPARTMENT_ACTIONS: frozenset[Action] = frozenset({Action.START, Action.RESOLVE, Action.COMMENT})
_SYSTEM_ACTIONS: frozenset[Action] = frozenset({Action.ESCALATE, Action.COMMENT})


def transition(state: CaseState, action: Action) -> Outcome:
    """Where ``action`` leads from ``state``, ignoring who asks; raises InvalidTransition."""
    if action is Action.ESCALATE:
        if state.status not in _WORKABLE:
            raise InvalidTransition(state.status, action)
        if state.level is Level.CITY:
            raise InvalidTransition(state.status, action, at_city=True)
        return Outcome(Status.ESCALATED, Level(state.level + 1), reset_sla=True)
    sources, target = _MOVES[action]
    if state.status not in sources:
        raise InvalidTransition(state.status, action)
    return Outcome(state.status if target is None else target, state.level, reset_sla=False)


def is_valid(state: CaseState, action: Action) -> bool:
    try:
        transition(state, action)
    except InvalidTransition:
        return False
    return True


def _denial(actor: Actor, action: Action, state: CaseState) -> str | None:
    """Why ``actor`` may not take ``action`` on the case (a key), or None when they may."""
    role = actor.role
    if role in (Role.DISPATCHER, Role.LEADER):
        return None
    if role is Role.TOWN_STAFF:
        if actor.town_id is None:
            return "no_town"
        if actor.town_id != state.town_id:
            return "other_town"
        if state.level is Level.CITY and action is not Action.COMMENT:
            return "city_level"
        return None
    if role is Role.DEPARTMENT_STAFF:
        if actor.department_id is None or actor.department_id not in state.department_ids:
            return "not_handling"
        if action not in _DEPARTMENT_ACTIONS:
            return "department_actions"
        return None
    if role is Role.SYSTEM:
        return None if action in _SYSTEM_ACTIONS else "system_actions"
    if role is Role.WORKER:
        return "worker"
    return "read_only"


def can(actor: Actor, action: Action, state: CaseState) -> bool:
    """Whether the actor's role and jurisdiction allow the action; says nothing of the status."""
    return _denial(actor, action, state) is None


def allowed_actions(state: CaseState, actor: Actor) -> list[Action]:
    """The actions both valid now and permitted to ``actor``, in ``Action`` order."""
    return [action for action in Action if is_valid(state, action) and can(actor, action, state)]


def apply(state: CaseState, action: Action, actor: Actor, reason: str = "") -> Outcome:
    """Validate and compute one step.

    Raises InvalidTransition, then NotPermitted, then ReasonRequired: a button that should not exist
    is reported as such before asking who pressed it or why.
    """
    outcome = transition(state, action)
    denial = _denial(actor, action, state)
    if denial is not None:
        raise NotPermitted(actor.role, action, denial)
    if action in REASON_REQUIRED and not reason.strip():
        raise ReasonRequired(action)
    return outcome


def initial_level(severity: Severity, mass_incident: bool) -> Level:
    """Serious and critical cases, and mass incidents (群体性事件), skip the village and town tiers."""
    if mass_incident or severity >= Severity.SERIOUS:
        return Level.CITY
    return Level.VILLAGE
