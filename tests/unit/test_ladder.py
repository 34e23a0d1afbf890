"""Tests for desktop.cases.ladder: every (status, action) pair, permissions per role, reasons, initial level."""

from __future__ import annotations

import itertools

import pytest

from db.vocab import Action, Level, Role, Severity, Status
from desktop.cases.ladder import (
    Actor,
    CaseState,
    InvalidTransition,
    LadderError,
    NotPermitted,
    Outcome,
    ReasonRequired,
    allowed_actions,
    apply,
    can,
    initial_level,
)

S, A = Status, Action

# Written out by hand rather than derived from the module, so a slip in the module's table shows
# up here instead of being copied. ESCALATE is listed apart because it also changes the level.
VALID: dict[tuple[Status, Action], Status] = {
    (S.REPORTED, A.ACCEPT): S.ACCEPTED,
    (S.ESCALATED, A.ACCEPT): S.ACCEPTED,
    (S.ACCEPTED, A.START): S.IN_PROGRESS,
    (S.ACCEPTED, A.ASSIGN): S.IN_PROGRESS,
    (S.IN_PROGRESS, A.ASSIGN): S.IN_PROGRESS,
    (S.ACCEPTED, A.RESOLVE): S.RESOLVED,
    (S.IN_PROGRESS, A.RESOLVE): S.RESOLVED,
    (S.RESOLVED, A.VERIFY): S.VERIFIED,
    (S.RESOLVED, A.REOPEN): S.IN_PROGRESS,
    (S.VERIFIED, A.CLOSE): S.CLOSED,
    **{(s, A.REJECT): S.REJECTED for s in (S.REPORTED, S.ESCALATED, S.ACCEPTED, S.IN_PROGRESS)},
    **{(s, A.MARK_DUPLICATE): S.DUPLICATE for s in (S.REPORTED, S.ESCALATED, S.ACCEPTED, S.IN_PROGRESS)},
    **{(s, A.MERGE): S.MERGED for s in (S.REPORTED, S.ESCALATED, S.ACCEPTED, S.IN_PROGRESS)},
    **{
        (s, a): s
        for s in (S.REPORTED, S.ESCALATED, S.ACCEPTED, S.IN_PROGRESS, S.RESOLVED, S.VERIFIED)
        for a in (A.SUPERVISE, A.COMMENT)
    },
}
ESCALATABLE = (S.REPORTED, S.ESCALATED, S.ACCEPTED, S.IN_PROGRESS)
TERMINAL = (S.CLOSED, S.REJECTED, S.DUPLICATE, S.MERGED)
NEEDS_REASON = (A.ESCALATE, A.REJECT, A.MARK_DUPLICATE, A.MERGE, A.REOPEN)

TOWN = 7
OTHER_TOWN = 8
DEPT = 3
DISPATCHER = Actor(1, Role.DISPATCHER)


def state(
    status: Status, level: Level = Level.VILLAGE, departments: frozenset[int] = frozenset()
) -> CaseState:
    return CaseState(status=status, level=level, town_id=TOWN, department_ids=departments)


def reason_for(action: Action) -> str:
    return "because" if action in NEEDS_REASON else ""


def valid_actions(status: Status, level: Level) -> list[Action]:
    return [
        a
        for a in Action
        if (status, a) in VALID or (a is A.ESCALATE and status in ESCALATABLE and level is not Level.CITY)
    ]


# -- the state machine ------------------------------------------------------------------------


@pytest.mark.parametrize(("status", "action"), list(itertools.product(Status, Action)))
def test_every_status_action_pair(status: Status, action: Action) -> None:
    case = state(status)
    if action is A.ESCALATE and status in ESCALATABLE:
        expected: Outcome | None = Outcome(S.ESCALATED, Level.TOWN, reset_sla=True)
    elif (status, action) in VALID:
        expected = Outcome(VALID[(status, action)], Level.VILLAGE, reset_sla=False)
    else:
        expected = None

    if expected is not None:
        assert apply(case, action, DISPATCHER, reason_for(action)) == expected
        return
    with pytest.raises(InvalidTransition) as info:
        apply(case, action, DISPATCHER, "because")
    assert status.value in str(info.value)
    assert action.value in str(info.value)
    assert info.value.status is status
    assert info.value.action is action


def test_invalid_transition_message_reads_naturally() -> None:
    with pytest.raises(InvalidTransition) as info:
        apply(state(S.CLOSED), A.ESCALATE, DISPATCHER, "because")
    assert info.value.code == "case.invalid_transition"
    assert info.value.params == {"status": S.CLOSED, "action": A.ESCALATE}


@pytest.mark.parametrize("status", TERMINAL)
def test_terminal_statuses_allow_nothing_not_even_comment(status: Status) -> None:
    assert allowed_actions(state(status), DISPATCHER) == []


@pytest.mark.parametrize(
    ("level", "to"), [(Level.VILLAGE, Level.TOWN), (Level.TOWN, Level.CITY)], ids=["village", "town"]
)
@pytest.mark.parametrize("status", ESCALATABLE)
def test_escalate_moves_one_level_up_and_resets_the_clock(status: Status, level: Level, to: Level) -> None:
    assert apply(state(status, level), A.ESCALATE, DISPATCHER, "too hard here") == Outcome(
        S.ESCALATED, to, reset_sla=True
    )


@pytest.mark.parametrize("status", ESCALATABLE)
def test_escalate_at_city_level_is_invalid(status: Status) -> None:
    with pytest.raises(InvalidTransition) as info:
        apply(state(status, Level.CITY), A.ESCALATE, DISPATCHER, "because")
    assert info.value.code == "case.escalate_at_city"
    assert status.value in str(info.value)
    assert "escalate" in str(info.value)


def test_assign_keeps_in_progress() -> None:
    assert apply(state(S.IN_PROGRESS), A.ASSIGN, DISPATCHER) == Outcome(S.IN_PROGRESS, Level.VILLAGE, False)


@pytest.mark.parametrize("level", list(Level))
def test_non_escalating_actions_keep_level_and_clock(level: Level) -> None:
    outcome = apply(state(S.RESOLVED, level), A.REOPEN, DISPATCHER, "citizen unsatisfied")
    assert outcome == Outcome(S.IN_PROGRESS, level, reset_sla=False)


def test_errors_are_value_errors() -> None:
    for error in (InvalidTransition, NotPermitted, ReasonRequired):
        assert issubclass(error, LadderError)
    assert issubclass(LadderError, ValueError)


# -- reasons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
@pytest.mark.parametrize("action", NEEDS_REASON)
def test_reason_required(action: Action, blank: str) -> None:
    status = S.RESOLVED if action is A.REOPEN else S.IN_PROGRESS
    with pytest.raises(ReasonRequired) as info:
        apply(state(status), action, DISPATCHER, blank)
    assert info.value.action is action
    assert action.value in str(info.value)
    assert apply(state(status), action, DISPATCHER, "a real reason").status is not status


@pytest.mark.parametrize("action", [a for a in Action if a not in NEEDS_REASON])
def test_other_actions_need_no_reason(action: Action) -> None:
    statuses = [s for s in Status if (s, action) in VALID]
    assert statuses
    for status in statuses:
        apply(state(status), action, DISPATCHER)


def test_validity_is_checked_before_permission_and_permission_before_reason() -> None:
    auditor = Actor(9, Role.AUDITOR)
    with pytest.raises(InvalidTransition):
        apply(state(S.CLOSED), A.REJECT, auditor)
    with pytest.raises(NotPermitted):
        apply(state(S.REPORTED), A.REJECT, auditor)
    with pytest.raises(ReasonRequired):
        apply(state(S.REPORTED), A.REJECT, DISPATCHER)


# -- permissions ------------------------------------------------------------------------------

ALL_STATES = [state(s, lv) for s in Status for lv in Level]


@pytest.mark.parametrize("role", [Role.DISPATCHER, Role.LEADER])
def test_dispatcher_and_leader_may_do_everything_everywhere(role: Role) -> None:
    actor = Actor(1, role)
    for case in ALL_STATES:
        assert all(can(actor, a, case) for a in Action)
        assert allowed_actions(case, actor) == valid_actions(case.status, case.level)


@pytest.mark.parametrize("level", [Level.VILLAGE, Level.TOWN])
def test_town_staff_act_on_their_own_town_below_city(level: Level) -> None:
    actor = Actor(2, Role.TOWN_STAFF, town_id=TOWN)
    for status in Status:
        case = state(status, level)
        assert allowed_actions(case, actor) == valid_actions(status, level)


def test_town_staff_may_escalate_town_to_city() -> None:
    actor = Actor(2, Role.TOWN_STAFF, town_id=TOWN)
    outcome = apply(state(S.IN_PROGRESS, Level.TOWN), A.ESCALATE, actor, "needs the city")
    assert outcome == Outcome(S.ESCALATED, Level.CITY, reset_sla=True)


def test_town_staff_may_only_comment_at_city_level() -> None:
    actor = Actor(2, Role.TOWN_STAFF, town_id=TOWN)
    for status in Status:
        case = state(status, Level.CITY)
        expected = [A.COMMENT] if status not in TERMINAL else []
        assert allowed_actions(case, actor) == expected
    with pytest.raises(NotPermitted) as info:
        apply(state(S.ESCALATED, Level.CITY), A.ACCEPT, actor)
    assert info.value.reason == "city_level"
    assert "town_staff" in str(info.value)
    assert "accept" in str(info.value)


@pytest.mark.parametrize("town_id", [OTHER_TOWN, None])
def test_town_staff_have_no_say_over_another_town(town_id: int | None) -> None:
    actor = Actor(2, Role.TOWN_STAFF, town_id=town_id)
    for case in ALL_STATES:
        assert allowed_actions(case, actor) == []
        assert not any(can(actor, a, case) for a in Action)
    with pytest.raises(NotPermitted) as info:
        apply(state(S.REPORTED), A.ACCEPT, actor)
    assert info.value.role is Role.TOWN_STAFF
    assert info.value.action is A.ACCEPT
    assert info.value.code == "case.not_permitted"
    assert info.value.reason == ("other_town" if town_id is not None else "no_town")


def test_department_staff_start_resolve_and_comment_on_their_cases() -> None:
    actor = Actor(3, Role.DEPARTMENT_STAFF, department_id=DEPT)
    for status in Status:
        for level in Level:
            case = state(status, level, frozenset({DEPT, 99}))
            expected = [a for a in valid_actions(status, level) if a in (A.START, A.RESOLVE, A.COMMENT)]
            assert allowed_actions(case, actor) == expected
    assert apply(state(S.ACCEPTED, departments=frozenset({DEPT})), A.START, actor).status is S.IN_PROGRESS
    with pytest.raises(NotPermitted) as info:
        apply(state(S.ACCEPTED, departments=frozenset({DEPT})), A.ESCALATE, actor, "because")
    assert (info.value.role, info.value.action, info.value.reason) == (
        Role.DEPARTMENT_STAFF,
        A.ESCALATE,
        "department_actions",
    )


@pytest.mark.parametrize("department_id", [99, None])
def test_department_staff_without_the_department_can_do_nothing(department_id: int | None) -> None:
    actor = Actor(3, Role.DEPARTMENT_STAFF, department_id=department_id)
    for status in Status:
        case = state(status, departments=frozenset({DEPT}))
        assert allowed_actions(case, actor) == []
    with pytest.raises(NotPermitted) as info:
        apply(state(S.ACCEPTED, departments=frozenset({DEPT})), A.START, actor)
    assert info.value.reason == "not_handling"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.AUDITOR, Role.WORKER])
def test_read_only_roles_can_do_nothing(role: Role) -> None:
    actor = Actor(4, role, town_id=TOWN, department_id=DEPT)
    for status, level in itertools.product(Status, Level):
        case = state(status, level, frozenset({DEPT}))
        assert allowed_actions(case, actor) == []
        assert not any(can(actor, a, case) for a in Action)
    with pytest.raises(NotPermitted) as info:
        apply(state(S.REPORTED), A.COMMENT, actor)
    assert (info.value.role, info.value.action) == (role, A.COMMENT)
    assert info.value.reason == ("worker" if role is Role.WORKER else "read_only")


def test_system_may_only_escalate_and_comment() -> None:
    actor = Actor(None, Role.SYSTEM, name="sla-sweep")
    assert allowed_actions(state(S.REPORTED), actor) == [A.ESCALATE, A.COMMENT]
    assert allowed_actions(state(S.REPORTED, Level.CITY), actor) == [A.COMMENT]
    assert allowed_actions(state(S.RESOLVED), actor) == [A.COMMENT]
    assert apply(state(S.ACCEPTED, Level.TOWN), A.ESCALATE, actor, "SLA breached").level is Level.CITY
    with pytest.raises(NotPermitted):
        apply(state(S.REPORTED), A.ACCEPT, actor)


# -- initial level ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "mass", "level"),
    [
        (Severity.GENERAL, False, Level.VILLAGE),
        (Severity.MAJOR, False, Level.VILLAGE),
        (Severity.SERIOUS, False, Level.CITY),
        (Severity.CRITICAL, False, Level.CITY),
        (Severity.GENERAL, True, Level.CITY),
        (Severity.MAJOR, True, Level.CITY),
        (Severity.SERIOUS, True, Level.CITY),
        (Severity.CRITICAL, True, Level.CITY),
    ],
)
def test_initial_level(severity: Severity, mass: bool, level: Level) -> None:
    assert initial_level(severity, mass) is level


def test_refusals_survive_pickling_with_their_parts() -> None:
    import pickle

    for exc in (
        InvalidTransition(S.CLOSED, A.ESCALATE),
        InvalidTransition(S.REPORTED, A.ESCALATE, at_city=True),
        NotPermitted(Role.ADMIN, A.ACCEPT, "read_only"),
        ReasonRequired(A.REJECT),
    ):
        again = pickle.loads(pickle.dumps(exc))
        assert (type(again), again.code, again.params, vars(again)) == (
            type(exc),
            exc.code,
            exc.params,
            vars(exc),
        )
