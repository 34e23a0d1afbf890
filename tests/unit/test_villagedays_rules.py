"""Village work rules without a database: recurrence, risk-assessment decisions, errands."""

from __future__ import annotations

import datetime as dt

import pytest

from db.vocab import ErrandStatus, Recurrence, RiskDecision, RiskLevel, RiskStepKind
from desktop.villagedays import (
    DecisionForm,
    ErrandForm,
    Rule,
    StepForm,
    VillageWorkError,
    check_decision,
    check_errand,
    check_rule,
    check_step,
    is_overdue,
    occurrences,
    parse_documents,
)

D = dt.date


def test_monthly_on_the_31st_falls_on_each_month_s_last_day() -> None:
    rule = Rule(Recurrence.MONTHLY, starts_on=D(2026, 1, 1), day_of_month=31)
    got = occurrences(rule, D(2026, 1, 1), D(2026, 5, 31))
    assert got == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31)]
    leap = occurrences(rule, D(2028, 2, 1), D(2028, 2, 29))
    assert leap == [D(2028, 2, 29)]


def test_monthly_starts_and_ends_where_the_rule_says() -> None:
    rule = Rule(Recurrence.MONTHLY, starts_on=D(2026, 3, 16), day_of_month=15, ends_on=D(2026, 6, 14))
    # March 15 is before the start, June 15 after the end.
    assert occurrences(rule, D(2026, 1, 1), D(2026, 12, 31)) == [D(2026, 4, 15), D(2026, 5, 15)]
    # Across a year's end.
    rule = Rule(Recurrence.MONTHLY, starts_on=D(2026, 11, 1), day_of_month=10)
    assert occurrences(rule, D(2026, 11, 1), D(2027, 2, 10)) == [
        D(2026, 11, 10),
        D(2026, 12, 10),
        D(2027, 1, 10),
        D(2027, 2, 10),
    ]


def test_weekly_on_a_weekday() -> None:
    rule = Rule(Recurrence.WEEKLY, starts_on=D(2026, 12, 2), weekday=0)  # Mondays from a Wednesday
    got = occurrences(rule, D(2026, 12, 1), D(2026, 12, 31))
    assert got == [D(2026, 12, 7), D(2026, 12, 14), D(2026, 12, 21), D(2026, 12, 28)]
    assert all(d.weekday() == 0 for d in got)
    assert occurrences(rule, D(2026, 12, 8), D(2026, 12, 13)) == []


def test_occurrences_are_bounded() -> None:
    rule = Rule(Recurrence.WEEKLY, starts_on=D(2000, 1, 1), weekday=3)
    assert len(occurrences(rule, D(2000, 1, 1), D(2100, 1, 1), limit=50)) == 50


@pytest.mark.parametrize(
    "rule",
    [
        Rule(Recurrence.MONTHLY, starts_on=D(2026, 1, 1)),
        Rule(Recurrence.MONTHLY, starts_on=D(2026, 1, 1), day_of_month=32),
        Rule(Recurrence.MONTHLY, starts_on=D(2026, 1, 1), day_of_month=0),
        Rule(Recurrence.MONTHLY, starts_on=D(2026, 1, 1), day_of_month=5, weekday=2),
        Rule(Recurrence.WEEKLY, starts_on=D(2026, 1, 1)),
        Rule(Recurrence.WEEKLY, starts_on=D(2026, 1, 1), weekday=7),
        Rule(Recurrence.WEEKLY, starts_on=D(2026, 1, 1), weekday=1, ends_on=D(2025, 12, 31)),
    ],
)
def test_bad_rules_are_refused_with_a_code(rule: Rule) -> None:
    with pytest.raises(VillageWorkError, match=r"^villagework\."):
        check_rule(rule)


# --- risk assessments ----------------------------------------------------------------------

START = D(2026, 10, 1)
TODAY = D(2026, 12, 1)
ALL_STEPS = [
    (RiskStepKind.NOTICE_HEARING, D(2026, 10, 10)),
    (RiskStepKind.EXPERT, D(2026, 10, 20)),
    (RiskStepKind.SURVEY, D(2026, 11, 2)),
]


def decision(
    level: RiskLevel, what: RiskDecision, on: dt.date | None = None, measures: str = ""
) -> DecisionForm:
    return DecisionForm(1, level, what, "王副市长", on or D(2026, 11, 5), measures)


def test_no_decision_before_every_step_is_recorded() -> None:
    with pytest.raises(VillageWorkError, match="villagework.missing_notice_hearing"):
        check_decision(decision(RiskLevel.LOW, RiskDecision.IMPLEMENT), [], START, TODAY)
    with pytest.raises(VillageWorkError, match="villagework.missing_expert"):
        check_decision(
            decision(RiskLevel.LOW, RiskDecision.IMPLEMENT), [ALL_STEPS[0], ALL_STEPS[2]], START, TODAY
        )
    assert check_decision(decision(RiskLevel.LOW, RiskDecision.IMPLEMENT), ALL_STEPS, START, TODAY)


def test_high_risk_is_never_simply_implemented() -> None:
    with pytest.raises(VillageWorkError, match="villagework.high_risk_implement"):
        check_decision(decision(RiskLevel.HIGH, RiskDecision.IMPLEMENT), ALL_STEPS, START, TODAY)
    with pytest.raises(VillageWorkError, match="villagework.measures.required"):
        check_decision(decision(RiskLevel.HIGH, RiskDecision.WITH_MEASURES), ALL_STEPS, START, TODAY)
    ok = decision(RiskLevel.HIGH, RiskDecision.WITH_MEASURES, measures="补偿标准公示，分户做工作")
    assert check_decision(ok, ALL_STEPS, START, TODAY) is ok
    for halt in (RiskDecision.HALT, RiskDecision.POSTPONE):
        assert check_decision(decision(RiskLevel.HIGH, halt), ALL_STEPS, START, TODAY)


def test_decision_date_follows_the_steps_and_names_who() -> None:
    with pytest.raises(VillageWorkError, match="villagework.decision_before_steps"):
        check_decision(
            decision(RiskLevel.LOW, RiskDecision.IMPLEMENT, on=D(2026, 11, 1)), ALL_STEPS, START, TODAY
        )
    with pytest.raises(VillageWorkError, match="villagework.decision_future"):
        check_decision(
            decision(RiskLevel.LOW, RiskDecision.IMPLEMENT, on=D(2026, 12, 2)), ALL_STEPS, START, TODAY
        )
    nobody = DecisionForm(1, RiskLevel.LOW, RiskDecision.IMPLEMENT, "  ", D(2026, 11, 5))
    with pytest.raises(VillageWorkError, match="villagework.decided_by.required"):
        check_decision(nobody, ALL_STEPS, START, TODAY)


def test_steps_need_counts_for_a_survey_and_sane_dates() -> None:
    survey = StepForm(1, RiskStepKind.SURVEY, D(2026, 11, 2), "发放问卷 300 份", participants=300)
    with pytest.raises(VillageWorkError, match="villagework.survey_votes_required"):
        check_step(survey, START, TODAY)
    too_many = StepForm(
        1, RiskStepKind.SURVEY, D(2026, 11, 2), "座谈", participants=10, votes_for=8, votes_against=5
    )
    with pytest.raises(VillageWorkError, match="villagework.votes_exceed"):
        check_step(too_many, START, TODAY)
    early = StepForm(1, RiskStepKind.EXPERT, D(2026, 9, 30), "专家论证")
    with pytest.raises(VillageWorkError, match="villagework.step_before_start"):
        check_step(early, START, TODAY)
    negative = StepForm(1, RiskStepKind.NOTICE_HEARING, D(2026, 10, 3), "公示", suggestions=-1)
    with pytest.raises(VillageWorkError, match="villagework.suggestions.count"):
        check_step(negative, START, TODAY)
    ok = StepForm(
        1, RiskStepKind.SURVEY, D(2026, 11, 2), "问卷", participants=300, votes_for=260, votes_against=31
    )
    assert check_step(ok, START, TODAY) is ok


# --- errands -------------------------------------------------------------------------------


def errand(**changes: object) -> ErrandForm:
    base: dict[str, object] = dict(
        town_id=1,
        applicant="李桂兰",
        matter="disability",
        office="残联",
        handler="张敏",
        accepted_on=D(2026, 11, 20),
        promised_on=D(2026, 11, 30),
        documents=("身份证复印件", "医院诊断证明", "身份证复印件", " "),
    )
    base.update(changes)
    return ErrandForm(**base)  # type: ignore[arg-type]


def test_errand_documents_are_cleaned_and_checked() -> None:
    assert check_errand(errand(), TODAY) == ["身份证复印件", "医院诊断证明"]
    assert parse_documents("身份证复印件、户口簿，申请书;\n申请书") == ["身份证复印件", "户口簿", "申请书"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"applicant": " "}, "villagework.applicant.required"),
        ({"matter": "land"}, "villagework.matter_required"),
        ({"office": ""}, "villagework.office.required"),
        ({"handler": ""}, "villagework.handler.required"),
        ({"promised_on": D(2026, 11, 19)}, "villagework.promised_before_accepted"),
        ({"accepted_on": D(2026, 12, 2), "promised_on": D(2026, 12, 9)}, "villagework.accepted_future"),
        ({"applicant_phone": "12ab"}, "villagework.applicant_phone"),
        ({"documents": tuple(f"材料{i}" for i in range(31))}, "villagework.too_many_documents"),
    ],
)
def test_bad_errands_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(VillageWorkError, match=message):
        check_errand(errand(**changes), TODAY)


def test_overdue_means_open_past_the_promised_day() -> None:
    promised = D(2026, 11, 30)
    assert is_overdue(ErrandStatus.ACCEPTED, promised, None, D(2026, 12, 1))
    assert is_overdue(ErrandStatus.IN_PROGRESS, promised, None, D(2026, 12, 1))
    assert not is_overdue(ErrandStatus.ACCEPTED, promised, None, promised)  # due today: not yet late
    assert not is_overdue(ErrandStatus.DONE, promised, D(2026, 12, 5), D(2026, 12, 10))
    assert not is_overdue(ErrandStatus.RETURNED, promised, None, D(2026, 12, 10))
