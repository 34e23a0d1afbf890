"""Village work on both engines: schedules and their days, issues that become logs or cases (and
the link kept), risk assessments refused until their steps are done, errand counts against a hand
count, refusals that store nothing, and a town staff login on PostgreSQL held to its own town."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from db.models import (
    Case,
    Errand,
    Grid,
    Reception,
    RiskAssessment,
    RiskStep,
    SentimentLog,
    Village,
    VillageDay,
    VillageDaySchedule,
    VillageIssue,
    Worker,
)
from db.session import make_engine, make_sessionmaker
from db.vocab import (
    Channel,
    ErrandStatus,
    Kind,
    ProjectKind,
    ReceptionKind,
    ReceptionStatus,
    Recurrence,
    RiskDecision,
    RiskLevel,
    RiskStepKind,
    Role,
    VillageDayKind,
    VillageDayStatus,
)
from desktop import villagedays as vd
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseError, CaseService, actor_for
from desktop.errors import Refusal
from desktop.villagedays import VillageWorkError
from tests.pg_logins import Logins

DISPATCHER = Actor(1, Role.DISPATCHER, name="调度员")
TODAY = vd.today_local()


def _count(s: Session, model: Any) -> int:
    return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _counts(sessions: sessionmaker[Session]) -> tuple[int, ...]:
    with sessions() as s:
        return tuple(
            _count(s, m)
            for m in (
                VillageDaySchedule,
                VillageDay,
                Reception,
                VillageIssue,
                RiskAssessment,
                RiskStep,
                Errand,
                SentimentLog,
                Case,
            )
        )


def _village_with_worker(s: Session, town_id: int | None = None) -> tuple[int, int]:
    """(town id, village id) of a village that has an active grid worker."""
    row = s.execute(
        select(Grid.town_id, Grid.village_id)
        .join(Worker, Worker.grid_id == Grid.id)
        .where(Worker.active, *([Grid.town_id == town_id] if town_id is not None else []))
        .order_by(Grid.village_id)
        .limit(1)
    ).one()
    return int(row[0]), int(row[1])


def _schedule(
    sessions: sessionmaker[Session], actor: Actor, town: int, village: int, **rule: Any
) -> tuple[int, int]:
    form = vd.ScheduleForm(
        town_id=town,
        village_id=village,
        kind=VillageDayKind.COMBINED,
        rule=vd.Rule(
            **{"recurrence": Recurrence.MONTHLY, "starts_on": TODAY - dt.timedelta(days=70), **rule}
        ),
        place="村群众工作室",
    )
    return vd.add_schedule(sessions, actor, form, until=TODAY + dt.timedelta(days=40))


def test_schedule_makes_its_days_once_and_the_calendar_shows_them(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town, village = _village_with_worker(s)
    schedule_id, made = _schedule(sessions, DISPATCHER, town, village, day_of_month=31)
    rule = vd.Rule(Recurrence.MONTHLY, starts_on=TODAY - dt.timedelta(days=70), day_of_month=31)
    expected = vd.occurrences(rule, rule.starts_on, TODAY + dt.timedelta(days=40))
    assert made == len(expected) >= 3
    with sessions() as s:
        got = s.scalars(
            select(VillageDay.held_on)
            .where(VillageDay.schedule_id == schedule_id)
            .order_by(VillageDay.held_on)
        ).all()
    assert got == expected
    # Generating again (the pane does on every load) adds only what is missing.
    assert vd.generate_days(sessions, DISPATCHER, TODAY + dt.timedelta(days=40)) == 0
    assert vd.generate_days(sessions, DISPATCHER, TODAY + dt.timedelta(days=100)) >= 1

    with sessions() as s:
        entries = vd.calendar_entries(s, DISPATCHER, expected[0], expected[-1], town_id=town)
        ours = [e for e in entries if e.what == "day" and e.village and e.id in _day_ids(s, schedule_id)]
        assert [e.day for e in ours] == expected
        assert all(e.town_id == town for e in entries)
        assert entries == sorted(
            entries, key=lambda e: (e.day, e.time or "00:00", e.what, e.town, e.village, e.id)
        )

    past = next(d for d in expected if d < TODAY)
    with sessions() as s:
        day_id = s.scalar(
            select(VillageDay.id).where(VillageDay.schedule_id == schedule_id, VillageDay.held_on == past)
        )
    assert day_id is not None
    vd.record_day(sessions, DISPATCHER, vd.DayRecord(day_id, VillageDayStatus.HELD, 86, "公开上半年财务"))
    with sessions() as s:
        day = s.get(VillageDay, day_id)
        assert day is not None and (day.status, day.attendance, day.notes) == ("held", 86, "公开上半年财务")


def _day_ids(s: Session, schedule_id: int) -> set[int]:
    return set(s.scalars(select(VillageDay.id).where(VillageDay.schedule_id == schedule_id)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("schedule_bad_rule", "villagework.day_of_month"),
        ("schedule_other_town", "villagework.own_town"),
        ("schedule_village_elsewhere", "villagework.village_other_town"),
        ("record_held_without_attendance", "villagework.attendance_required"),
        ("record_future_held", "villagework.day_not_yet"),
        ("reception_appointment_without_visitor", "villagework.visitors_required"),
        ("issue_empty", "villagework.content.required"),
        ("issue_bad_category", "类别|categor"),  # the case intake's own refusal
        ("assessment_no_project", "villagework.project.required"),
        ("errand_promise_before_acceptance", "villagework.promised_before_accepted"),
        ("auditor_writes", "villagework.read_only"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(demo_engine: Engine, call: str, message: str) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town, village = _village_with_worker(s)
        other_town = int(s.scalar(select(Village.town_id).where(Village.town_id != town).limit(1)) or 0)
        other_village = int(s.scalar(select(Village.id).where(Village.town_id == other_town).limit(1)) or 0)
    _, _ = _schedule(sessions, DISPATCHER, town, village, day_of_month=3)
    with sessions() as s:
        past = s.scalar(
            select(VillageDay.id).where(VillageDay.village_id == village, VillageDay.held_on < TODAY).limit(1)
        )
        future = s.scalar(
            select(VillageDay.id).where(VillageDay.village_id == village, VillageDay.held_on > TODAY).limit(1)
        )
    assert past is not None and future is not None
    town_staff = Actor(2, Role.TOWN_STAFF, town_id=town, name="镇干部")
    service = CaseService(sessions)
    before = _counts(sessions)
    with sessions() as s:
        day_state = s.execute(
            select(VillageDay.status, VillageDay.attendance).where(VillageDay.id == future)
        ).one()
    calls = {
        "schedule_bad_rule": lambda: _schedule(sessions, DISPATCHER, town, village, day_of_month=32),
        "schedule_other_town": lambda: _schedule(
            sessions, town_staff, other_town, other_village, day_of_month=3
        ),
        "schedule_village_elsewhere": lambda: _schedule(
            sessions, DISPATCHER, town, other_village, day_of_month=3
        ),
        "record_held_without_attendance": lambda: vd.record_day(
            sessions, DISPATCHER, vd.DayRecord(past, VillageDayStatus.HELD, None, "")
        ),
        "record_future_held": lambda: vd.record_day(
            sessions, DISPATCHER, vd.DayRecord(future, VillageDayStatus.HELD, 30, "")
        ),
        "reception_appointment_without_visitor": lambda: vd.add_reception(
            sessions,
            DISPATCHER,
            vd.ReceptionForm(
                town, ReceptionKind.APPOINTMENT, "镇长 王立新", dt.datetime.now(dt.UTC), "征地补偿"
            ),
        ),
        "issue_empty": lambda: vd.raise_issue(
            sessions, service, DISPATCHER, vd.IssueForm("  ", village_day_id=past)
        ),
        "issue_bad_category": lambda: vd.raise_issue(
            sessions,
            service,
            DISPATCHER,
            vd.IssueForm(
                "宅基地纠纷", raised_by="李四", village_day_id=past, as_case=True, category="nonsense"
            ),
        ),
        "assessment_no_project": lambda: vd.add_assessment(
            sessions, DISPATCHER, vd.AssessmentForm(town, " ", ProjectKind.FACTORY, "某公司", TODAY)
        ),
        "errand_promise_before_acceptance": lambda: vd.add_errand(
            sessions,
            DISPATCHER,
            vd.ErrandForm(town, "李桂兰", "medical", "医保站", "张敏", TODAY, TODAY - dt.timedelta(days=1)),
        ),
        "auditor_writes": lambda: vd.add_errand(
            sessions,
            Actor(3, Role.AUDITOR, name="审计"),
            vd.ErrandForm(town, "李桂兰", "medical", "医保站", "张敏", TODAY, TODAY),
        ),
    }
    with pytest.raises((Refusal, CaseError), match=message):  # CaseError: the intake's own
        calls[call]()
    assert _counts(sessions) == before
    with sessions() as s:
        assert (
            s.execute(select(VillageDay.status, VillageDay.attendance).where(VillageDay.id == future)).one()
            == day_state
        )


def test_issues_become_a_log_or_a_case_and_keep_the_link(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    service = CaseService(sessions)
    with sessions() as s:
        town, village = _village_with_worker(s)
    _schedule(sessions, DISPATCHER, town, village, day_of_month=1)
    with sessions() as s:
        day_id = s.scalar(
            select(VillageDay.id).where(VillageDay.village_id == village, VillageDay.held_on < TODAY).limit(1)
        )
    assert day_id is not None
    as_log = vd.raise_issue(
        sessions,
        service,
        DISPATCHER,
        vd.IssueForm("反映村东排水沟堵塞", raised_by="张大爷", village_day_id=day_id),
    )
    assert as_log.log_id is not None and as_log.case_id is None
    with sessions() as s:
        log = s.get(SentimentLog, as_log.log_id)
        assert log is not None and log.village_id == village and log.town_id == town
        assert "张大爷反映：反映村东排水沟堵塞" in log.content and log.case_id is None

    reception_id = vd.add_reception(
        sessions,
        DISPATCHER,
        vd.ReceptionForm(
            town,
            ReceptionKind.SCHEDULED,
            "镇党委书记 刘建国",
            dt.datetime.now(dt.UTC) - dt.timedelta(hours=2),
            "宅基地界址",
            place="镇群众诉求受理服务中心",
            visitors="李四、王五",
            village_id=village,
        ),
    )
    vd.record_reception(sessions, DISPATCHER, reception_id, ReceptionStatus.DONE, "约定镇司法所调解")
    as_case = vd.raise_issue(
        sessions,
        service,
        DISPATCHER,
        vd.IssueForm(
            "两户宅基地界址争议，多次协商未果",
            raised_by="李四",
            raised_phone="138-0000-1234",
            reception_id=reception_id,
            as_case=True,
            kind=Kind.DISPUTE,
            category="land",
        ),
    )
    assert as_case.case_id is not None and as_case.case_number and as_case.log_id is None
    with sessions() as s:
        case = s.get(Case, as_case.case_id)
        assert case is not None
        assert (case.channel, case.category, case.village_id) == (Channel.RECEPTION, "land", village)
        assert case.reporter_name == "李四" and "领导接访" in case.description
        rows = vd.issues_of(s, DISPATCHER, reception_id=reception_id)
        assert [(r.case_id, r.case_number) for r in rows] == [(as_case.case_id, as_case.case_number)]
        assert [r.log_id for r in vd.issues_of(s, DISPATCHER, village_day_id=day_id)] == [as_log.log_id]
        entries = vd.calendar_entries(s, DISPATCHER, TODAY - dt.timedelta(days=1), TODAY, town_id=town)
        rec = next(e for e in entries if e.what == "reception" and e.id == reception_id)
        assert (rec.visitors, rec.outcome) == ("李四、王五", "约定镇司法所调解")

    # A reception for the whole town: the issue must name its village.
    whole_town = vd.add_reception(
        sessions,
        DISPATCHER,
        vd.ReceptionForm(
            town, ReceptionKind.APPOINTMENT, "镇长 王立新", dt.datetime.now(dt.UTC), "欠薪", visitors="赵六"
        ),
    )
    before = _counts(sessions)
    with pytest.raises(VillageWorkError, match="villagework.reception_no_village"):
        vd.raise_issue(sessions, service, DISPATCHER, vd.IssueForm("欠薪三个月", reception_id=whole_town))
    assert _counts(sessions) == before
    done = vd.raise_issue(
        sessions, service, DISPATCHER, vd.IssueForm("欠薪三个月", reception_id=whole_town, village_id=village)
    )
    with sessions() as s:
        log = s.get(SentimentLog, done.log_id)
        assert log is not None and log.village_id == village and log.content.startswith("（领导约访）")
        entries = vd.calendar_entries(s, DISPATCHER, TODAY - dt.timedelta(days=1), TODAY, town_id=town)
        rec = next(e for e in entries if e.what == "reception" and e.id == reception_id)
        assert rec.issues == 1 and rec.status == "done" and rec.title.startswith("镇党委书记 刘建国")


def test_assessment_decision_waits_for_every_step(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town, _village = _village_with_worker(s)
    start = TODAY - dt.timedelta(days=30)
    aid = vd.add_assessment(
        sessions,
        DISPATCHER,
        vd.AssessmentForm(town, "测试村土地征收项目", ProjectKind.LAND_ACQUISITION, "市自然资源局", start),
    )
    high_implement = vd.DecisionForm(aid, RiskLevel.HIGH, RiskDecision.IMPLEMENT, "王副市长", TODAY)
    with pytest.raises(VillageWorkError, match="villagework.missing_notice_hearing"):
        vd.decide(sessions, DISPATCHER, high_implement)
    vd.add_step(
        sessions,
        DISPATCHER,
        vd.StepForm(aid, RiskStepKind.NOTICE_HEARING, start + dt.timedelta(days=2), "公示7天"),
    )
    vd.add_step(
        sessions, DISPATCHER, vd.StepForm(aid, RiskStepKind.EXPERT, start + dt.timedelta(days=9), "专家论证")
    )
    with pytest.raises(VillageWorkError, match="villagework.missing_survey"):
        vd.decide(sessions, DISPATCHER, high_implement)
    vd.add_step(
        sessions,
        DISPATCHER,
        vd.StepForm(aid, RiskStepKind.SURVEY, start + dt.timedelta(days=20), "问卷", 400, 180, 210, 95),
    )
    with pytest.raises(VillageWorkError, match="villagework.high_risk_implement"):
        vd.decide(sessions, DISPATCHER, high_implement)
    with sessions() as s:
        row = s.get(RiskAssessment, aid)
        assert row is not None and (row.decision, row.risk_level) == (None, None)
        assert vd.assessments(s, DISPATCHER, town)[0].steps_done == tuple(vd.REQUIRED_STEPS)
    vd.decide(
        sessions, DISPATCHER, vd.DecisionForm(aid, RiskLevel.HIGH, RiskDecision.HALT, "王副市长", TODAY)
    )
    with sessions() as s:
        row = s.get(RiskAssessment, aid)
        assert row is not None and (row.decision, row.risk_level, row.decided_by) == (
            "halt",
            "high",
            "王副市长",
        )
        assert [st.kind for st in vd.steps_of(s, DISPATCHER, aid)] == ["notice_hearing", "expert", "survey"]
    with pytest.raises(VillageWorkError, match="villagework.(already_decided|decided_no_steps)"):
        vd.add_step(sessions, DISPATCHER, vd.StepForm(aid, RiskStepKind.EXPERT, TODAY, "再论证"))
    # The database itself refuses a high risk simply implemented, whoever writes it.
    with pytest.raises(IntegrityError), sessions.begin() as s:
        s.execute(update(RiskAssessment).where(RiskAssessment.id == aid).values(decision="implement"))


def test_errand_counts_match_a_hand_count(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town, village = _village_with_worker(s)
    ids = [
        vd.add_errand(
            sessions,
            DISPATCHER,
            vd.ErrandForm(
                town,
                f"申请人{i}",
                "disability",
                "测试残联",
                "张敏",
                TODAY - dt.timedelta(days=20),
                TODAY - dt.timedelta(days=20 - 5 * i),
                documents=("身份证复印件", "诊断证明"),
                applicant_phone="13800001234",
                village_id=village,
            ),
        )
        for i in range(6)  # promised 20, 15, 10, 5 days ago, today, in 5 days
    ]
    vd.set_errand_status(
        sessions, DISPATCHER, ids[0], ErrandStatus.DONE, TODAY - dt.timedelta(days=2)
    )  # late
    vd.set_errand_status(sessions, DISPATCHER, ids[1], ErrandStatus.IN_PROGRESS)  # overdue
    vd.set_errand_status(sessions, DISPATCHER, ids[2], ErrandStatus.RETURNED)
    vd.set_errand_status(sessions, DISPATCHER, ids[5], ErrandStatus.DONE, TODAY - dt.timedelta(days=1))
    with pytest.raises(VillageWorkError, match="villagework.errand_closed"):
        vd.set_errand_status(sessions, DISPATCHER, ids[0], ErrandStatus.IN_PROGRESS)
    with sessions() as s:
        ours = next(c for c in vd.errand_counts(s, DISPATCHER, TODAY, town) if c.office == "测试残联")
        assert (ours.total, ours.open, ours.done, ours.done_late, ours.overdue) == (6, 3, 2, 1, 2)
        # Every town and office against a count of the rows themselves.
        rows = vd.errands(s, DISPATCHER, TODAY, limit=100_000)
        for c in vd.errand_counts(s, DISPATCHER, TODAY):
            mine = [r for r in rows if r.town == c.town and r.office == c.office]
            assert c.total == len(mine)
            assert c.overdue == sum(r.overdue for r in mine)
            assert c.done == sum(r.status == "done" for r in mine)
            assert c.done_late == sum(r.status == "done" and r.done_on > r.promised_on for r in mine)  # type: ignore[operator]
        by_town = vd.errand_counts(s, DISPATCHER, TODAY, by="town")
        assert sum(c.total for c in by_town) == len(rows) and {c.office for c in by_town} == {""}
        assert sum(c.overdue for c in by_town) == sum(r.overdue for r in rows)
        by_office = vd.errand_counts(s, DISPATCHER, TODAY, town, by="office")
        assert {c.town for c in by_office} == {""}
        assert next(c for c in by_office if c.office == "测试残联").overdue == 2
        overdue = vd.errands(s, DISPATCHER, TODAY, town_id=town, overdue_only=True)
        assert {r.id for r in overdue} >= {ids[1], ids[3]} and all(r.overdue for r in overdue)
        assert ids[4] not in {r.id for r in overdue}  # due today is not late yet
        first = vd.errands(s, DISPATCHER, TODAY, town_id=town)
        assert first[0].overdue  # overdue errands come first
        errand = s.get(Errand, ids[0])
        assert errand is not None and errand.documents == ["身份证复印件", "诊断证明"]


def test_demo_has_village_work_everywhere(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        towns = s.scalar(select(func.count(func.distinct(VillageDay.town_id))))
        assert towns and towns >= 30
        assert s.scalar(select(func.count()).where(VillageDay.status == "held")) > 100
        assert s.scalar(select(func.count()).select_from(Reception)) > 30
        assert s.scalar(select(func.count()).where(RiskAssessment.decision == "halt")) == 1
        assert s.scalar(select(func.count()).where(Errand.status.in_(["accepted", "in_progress"]))) > 0
        # Every decided assessment had all three steps first, and its decision came after them.
        for a in s.scalars(select(RiskAssessment).where(RiskAssessment.decision.is_not(None))):
            steps = s.execute(
                select(RiskStep.kind, RiskStep.held_on).where(RiskStep.assessment_id == a.id)
            ).all()
            assert {k for k, _ in steps} == set(vd.REQUIRED_STEPS)
            assert a.decided_on is not None and a.decided_on >= max(d for _, d in steps)


def test_town_login_reaches_only_its_town(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("real logins exist on PostgreSQL only")
    admin_sessions = make_sessionmaker(demo_engine)
    with admin_sessions() as s:
        town_a, village_a = _village_with_worker(s)
        town_b, village_b = _village_with_worker(
            s, int(s.scalar(select(Village.town_id).where(Village.town_id != town_a).limit(1)) or 0)
        )
    # Rows of both towns, written by the owner.
    vd.add_errand(
        admin_sessions,
        DISPATCHER,
        vd.ErrandForm(town_b, "乙镇群众", "medical", "医保站", "李敏", TODAY, TODAY),
    )
    other_schedule, _ = _schedule(admin_sessions, DISPATCHER, town_b, village_b, day_of_month=2)
    other_aid = vd.add_assessment(
        admin_sessions,
        DISPATCHER,
        vd.AssessmentForm(town_b, "乙镇项目", ProjectKind.FACTORY, "某公司", TODAY),
    )
    login = logins.add_user(logins.unique("village_town"), "镇干部", "town_staff", town_id=town_a)
    staff_engine = make_engine(login.url)
    try:
        sessions = make_sessionmaker(staff_engine)
        with sessions() as s:
            actor = actor_for(s, login.name)
        forged = Actor(actor.user_id, Role.DISPATCHER, name=actor.name)
        # Its own town's work goes through, the issue's log and case included.
        schedule_id, made = _schedule(sessions, actor, town_a, village_a, day_of_month=4)
        assert made > 0
        with sessions() as s:
            day_id = s.scalar(
                select(VillageDay.id)
                .where(VillageDay.schedule_id == schedule_id)
                .order_by(VillageDay.held_on)
                .limit(1)
            )
        assert day_id is not None
        service = CaseService(sessions)
        log_issue = vd.raise_issue(
            sessions, service, actor, vd.IssueForm("路灯不亮", raised_by="王五", village_day_id=day_id)
        )
        case_issue = vd.raise_issue(
            sessions,
            service,
            actor,
            vd.IssueForm(
                "欠薪三个月", raised_by="赵六", village_day_id=day_id, as_case=True, category="labour"
            ),
        )
        assert log_issue.log_id and case_issue.case_id
        errand_id = vd.add_errand(
            sessions, actor, vd.ErrandForm(town_a, "甲镇群众", "medical", "医保站", "张敏", TODAY, TODAY)
        )
        assert errand_id
        # Reads: only its town, even for a forged dispatcher actor (the database decides).
        with sessions() as s:
            for model in (
                VillageDaySchedule,
                VillageDay,
                Reception,
                VillageIssue,
                RiskAssessment,
                RiskStep,
                Errand,
            ):
                towns = set(s.scalars(select(model.town_id).distinct()))  # type: ignore[attr-defined]
                assert towns <= {town_a}, model.__tablename__
            assert all(r.town_id == town_a for r in vd.errands(s, forged, TODAY))
            assert {c.town for c in vd.errand_counts(s, forged, TODAY)} <= {
                s.scalar(text("select name from towns where id = :t"), {"t": town_a})
            }
            assert vd.assessments(s, forged) == [a for a in vd.assessments(s, forged) if a.town_id == town_a]
            assert s.get(RiskAssessment, other_aid) is None
        # Writes to another town: refused by the app, and by the database for a forged actor.
        with pytest.raises(VillageWorkError, match="villagework.own_town"):
            vd.add_errand(
                sessions, actor, vd.ErrandForm(town_b, "乙镇群众", "medical", "医保站", "张敏", TODAY, TODAY)
            )
        with pytest.raises(DBAPIError):
            vd.add_errand(
                sessions, forged, vd.ErrandForm(town_b, "乙镇群众", "medical", "医保站", "张敏", TODAY, TODAY)
            )
        with pytest.raises(DBAPIError):
            _schedule(sessions, forged, town_b, village_b, day_of_month=9)
        with pytest.raises(VillageWorkError, match="villagework.no_assessment"):
            vd.add_step(sessions, forged, vd.StepForm(other_aid, RiskStepKind.EXPERT, TODAY, "论证"))
        with sessions.begin() as s:  # an UPDATE of another town's rows touches nothing
            gone = s.execute(update(Errand).where(Errand.town_id == town_b).values(handler="x"))
            assert gone.rowcount == 0  # type: ignore[attr-defined]
            gone = s.execute(
                update(VillageDay).where(VillageDay.schedule_id == other_schedule).values(notes="x")
            )
            assert gone.rowcount == 0  # type: ignore[attr-defined]
    finally:
        staff_engine.dispose()
    with admin_sessions() as s:
        assert (
            s.scalar(select(func.count()).where(Errand.town_id == town_b, Errand.applicant == "乙镇群众"))
            == 1
        )
        assert not s.scalar(select(func.count()).where(Errand.handler == "x"))
        assert s.scalar(select(func.count()).where(VillageDay.notes == "x")) == 0
        log = s.get(SentimentLog, log_issue.log_id)
        assert log is not None and log.town_id == town_a


def _rows_or_refusal(dsn: str, sql: str) -> int | str:
    """One statement as a login, rolled back: rows returned/affected, or the refusal's SQLSTATE."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        try:
            cur = conn.execute(sql)  # type: ignore[arg-type]
            return len(cur.fetchall()) if cur.description is not None else cur.rowcount
        except psycopg.Error as exc:
            return str(exc.sqlstate)
        finally:
            conn.rollback()


def test_readers_read_and_strangers_see_nothing(demo_engine: Engine, logins: Logins) -> None:
    """Auditors and department staff read every town's village work but write none; a member of a
    group role without a users row of this database (another database's user) sees nothing."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("real logins exist on PostgreSQL only")
    from sqlalchemy.engine import make_url

    with demo_engine.connect() as conn:
        dept = conn.execute(text("select min(id) from departments")).scalar_one()
        town = conn.execute(text("select min(town_id) from errands")).scalar_one()
    tables = ("village_day_schedules", "village_days", "receptions", "village_issues", "risk_assessments")
    tables += ("risk_assessment_steps", "errands")
    with demo_engine.connect() as conn:
        totals = {t: conn.execute(text(f"select count(*) from {t}")).scalar_one() for t in tables}
    assert all(totals[t] > 0 for t in tables), totals
    auditor = logins.add_user(logins.unique("village_aud"), "审计员", "auditor")
    staff = logins.add_user(logins.unique("village_dept"), "部门", "department_staff", department_id=dept)
    for login in (auditor, staff):
        for t in tables:
            assert _rows_or_refusal(login.dsn, f"select id from {t}") == totals[t], (login.role, t)
        assert _rows_or_refusal(login.dsn, "update errands set handler = 'x'") == "42501"
        assert _rows_or_refusal(login.dsn, f"delete from errands where town_id = {town}") == "42501"
    name, password = logins.unique("village_stray"), "stray-pw"
    logins.create_role(name, password=password, member_of=("concord_dispatcher",))
    stray = make_url(demo_engine.url).set(drivername="postgresql", username=name, password=password)
    dsn = stray.render_as_string(hide_password=False)
    for t in tables:
        assert _rows_or_refusal(dsn, f"select id from {t}") == 0, t
    assert _rows_or_refusal(dsn, "update errands set handler = 'x'") == 0
