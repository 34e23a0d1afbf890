"""Village work of the demo city: 三日合一 schedules and the days they gave (held ones with
attendance and notes), leaders' receptions, issues raised there linked to the village's sentiment
logs, stability risk assessments at every stage (one project halted), and service errands with
some overdue.

Called from desktop.seed.demo's build inside its transaction; deterministic for a seed and ``now``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Errand,
    Reception,
    RiskAssessment,
    RiskStep,
    SentimentLog,
    Town,
    Village,
    VillageDay,
    VillageDaySchedule,
    VillageIssue,
)
from db.vocab import (
    ErrandStatus,
    ProjectKind,
    ReceptionKind,
    ReceptionStatus,
    Recurrence,
    RiskDecision,
    RiskLevel,
    RiskStepKind,
    VillageDayKind,
    VillageDayStatus,
)
from desktop.clock import CHINA_TZ
from desktop.logbook import title_from
from desktop.villagedays import DEFAULT_OFFICE, ERRAND_MATTERS, TYPICAL_DOCUMENTS, Rule, occurrences

VILLAGES_PER_TOWN = 3
ERRANDS_PER_TOWN = 14
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = "建国志强秀英桂兰玉梅海燕丽华明军红霞立新文静春生淑珍德胜永福振华晓东金凤"
LEADER_TITLES = ("镇党委书记", "镇长", "镇党委副书记", "镇人大主席", "分管副镇长")
DAY_NOTES = (
    "入户宣传新农合缴费政策，公开上半年村级财务收支；议定村内道路硬化方案。",
    "公开低保评议结果，村民代表议事通过河道清淤用工办法。",
    "宣讲土地确权政策，公开集体土地承包费收支明细；群众现场咨询 12 人次。",
    "民主议事：村集体机动地发包方案表决通过；公开困难救助名单。",
    "公开冬季取暖补贴发放名单，接待来访群众，现场解答宅基地审批问题。",
)
RECEPTION_TOPICS = (
    "征地补偿款分配",
    "宅基地界址纠纷",
    "拖欠务工人员工资",
    "村务公开不及时",
    "低保评定有异议",
    "道路施工影响出行",
)
OUTCOMES = (
    "现场答复政策依据，责成村委会一周内公开补偿明细。",
    "约定由镇司法所组织双方调解，已达成初步意见。",
    "交由镇劳动保障所核实，督促用工单位限期支付。",
    "当场解释评定标准，群众表示理解。",
)
PROJECTS = (
    ("{v}土地征收项目", ProjectKind.LAND_ACQUISITION, "市自然资源和规划局"),
    ("{v}棚户区改造拆迁", ProjectKind.DEMOLITION, "市住房和城乡建设局"),
    ("{t}新材料产业园建厂项目", ProjectKind.FACTORY, "平东新材料有限公司"),
    ("{t}老街旧城改造一期", ProjectKind.RENOVATION, "{t}人民政府"),
    ("{t}供销社企业改制", ProjectKind.RESTRUCTURING, "市供销合作社"),
    ("{v}垃圾中转站选址建设", ProjectKind.OTHER, "市城市管理局"),
    ("{v}养殖小区搬迁", ProjectKind.DEMOLITION, "{t}人民政府"),
    ("{t}化工园区扩建项目", ProjectKind.FACTORY, "鲁冠化工有限公司"),
)
# (risk level, decision, measures) of the decided assessments, in order; the rest are under way.
DECISIONS = (
    (RiskLevel.HIGH, RiskDecision.HALT, ""),
    (RiskLevel.MEDIUM, RiskDecision.WITH_MEASURES, "补偿标准张榜公示，分户做好解释，设立专人接待咨询。"),
    (RiskLevel.LOW, RiskDecision.IMPLEMENT, ""),
    (RiskLevel.HIGH, RiskDecision.POSTPONE, "待补偿安置方案重新论证、群众赞成率过三分之二后再评估。"),
    (
        RiskLevel.HIGH,
        RiskDecision.WITH_MEASURES,
        "环评结论向村民公开，增设在线监测，企业优先招用本村劳动力。",
    ),
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), CHINA_TZ).astimezone(dt.UTC)


def build_villagework_demo(session: Session, now: dt.datetime, seed: int) -> None:
    """Add the demo's village work (one flush); ``now`` is the city's present."""
    rng = random.Random(f"villagework-{seed}")
    today = now.astimezone(CHINA_TZ).date()
    towns = list(session.execute(select(Town.id, Town.name).order_by(Town.id)).all())
    used_logs: set[int] = set()
    for town_id, _town_name in towns:
        villages = list(
            session.execute(
                select(Village.id, Village.name).where(Village.town_id == town_id).order_by(Village.id)
            ).all()
        )
        if not villages:
            continue
        chosen = rng.sample(list(villages), min(VILLAGES_PER_TOWN, len(villages)))
        days: list[VillageDay] = []
        for i, (village_id, village_name) in enumerate(chosen):
            weekly = i == 2
            rule = Rule(
                Recurrence.WEEKLY if weekly else Recurrence.MONTHLY,
                starts_on=(today - dt.timedelta(days=120)).replace(day=1),
                day_of_month=None if weekly else rng.choice((5, 10, 15, 20, 25)),
                weekday=rng.randrange(5) if weekly else None,
            )
            kind = VillageDayKind.MASS_WORK if weekly else VillageDayKind.COMBINED
            schedule = VillageDaySchedule(
                town_id=town_id,
                village_id=village_id,
                kind=str(kind),
                recurrence=str(rule.recurrence),
                day_of_month=rule.day_of_month,
                weekday=rule.weekday,
                starts_on=rule.starts_on,
                place=f"{village_name}群众工作室",
                created_at=_at(rule.starts_on, 9),
            )
            session.add(schedule)
            session.flush()
            for day in occurrences(rule, rule.starts_on, today + dt.timedelta(days=60)):
                row = VillageDay(
                    schedule_id=schedule.id,
                    town_id=town_id,
                    village_id=village_id,
                    kind=schedule.kind,
                    held_on=day,
                    place=schedule.place,
                    status=str(VillageDayStatus.PLANNED),
                    notes="",
                )
                if day < today:
                    if rng.random() < 0.06:
                        row.status = str(VillageDayStatus.CANCELLED)
                        row.notes = "遇雨雪天气，经村两委商定顺延。"
                    else:
                        row.status = str(VillageDayStatus.HELD)
                        row.attendance = rng.randint(18, 95) if weekly else rng.randint(40, 160)
                        row.notes = rng.choice(DAY_NOTES)
                    row.recorded_at = _at(day, 17, 30)
                days.append(row)
                session.add(row)
        session.flush()
        held = [d for d in days if d.status == VillageDayStatus.HELD]
        for vday in rng.sample(held, min(3, len(held))):
            _link_log(session, rng, vday.id, None, vday.village_id, town_id, vday.held_on, used_logs)
        _receptions(session, rng, town_id, chosen, today, used_logs)
        _errands(session, rng, town_id, [v for v, _ in villages], today)
    _assessments(session, rng, towns, today)
    session.flush()


def _link_log(
    session: Session,
    rng: random.Random,
    day_id: int | None,
    reception_id: int | None,
    village_id: int,
    town_id: int,
    on: dt.date,
    used: set[int],
) -> str | None:
    """An issue raised that day: the village's first log from that day on became its record.
    Returns the issue's words (None: the village has no such log)."""
    log = session.execute(
        select(SentimentLog.id, SentimentLog.content)
        .where(
            SentimentLog.village_id == village_id,
            SentimentLog.visited_at >= _at(on, 0),
            SentimentLog.id.not_in(used) if used else SentimentLog.id.is_not(None),
        )
        .order_by(SentimentLog.visited_at, SentimentLog.id)
        .limit(1)
    ).first()
    if log is None:
        return None
    used.add(int(log.id))
    session.add(
        VillageIssue(
            town_id=town_id,
            village_day_id=day_id,
            reception_id=reception_id,
            content=title_from(str(log.content), limit=200),  # the words without "走访N户，了解到"
            raised_by=_name(rng),
            log_id=int(log.id),
            created_at=_at(on, 11),
            created_by_name="镇群众工作大队",
        )
    )
    return str(log.content)


def _receptions(
    session: Session,
    rng: random.Random,
    town_id: int,
    villages: Sequence[Any],
    today: dt.date,
    used: set[int],
) -> None:
    plan = (
        (ReceptionKind.SCHEDULED, -rng.randint(10, 40)),
        (ReceptionKind.APPOINTMENT, -rng.randint(2, 9)),
        (ReceptionKind.SCHEDULED, rng.randint(1, 12)),
    )
    for i, (kind, offset) in enumerate(plan):
        day = today + dt.timedelta(days=offset)
        village_id, village_name = villages[i % len(villages)]
        past = offset < 0
        row = Reception(
            town_id=town_id,
            village_id=village_id,
            kind=str(kind),
            leader_name=f"{rng.choice(LEADER_TITLES)} {_name(rng)}",
            starts_at=_at(day, rng.choice((9, 10, 14, 15))),
            place="镇群众诉求受理服务中心" if kind == ReceptionKind.SCHEDULED else f"{village_name}村委会",
            visitors="、".join(_name(rng) for _ in range(rng.randint(1, 3))),
            topic=rng.choice(RECEPTION_TOPICS),
            status=str(ReceptionStatus.DONE if past else ReceptionStatus.PLANNED),
            outcome=rng.choice(OUTCOMES) if past else "",
            created_at=_at(day - dt.timedelta(days=7), 9),
        )
        session.add(row)
        session.flush()
        if past and i == 0:
            raised = _link_log(session, rng, None, row.id, village_id, town_id, day, used)
            if raised is not None:
                row.topic = title_from(raised)  # the visitor came about what the log records


def _errands(
    session: Session, rng: random.Random, town_id: int, village_ids: list[int], today: dt.date
) -> None:
    handlers = [_name(rng) for _ in range(4)]
    for _ in range(ERRANDS_PER_TOWN):
        matter = rng.choice(ERRAND_MATTERS)
        accepted = today - dt.timedelta(days=rng.randint(0, 80))
        promised = accepted + dt.timedelta(days=rng.choice((5, 7, 10, 15)))
        roll = rng.random()
        done_on: dt.date | None = None
        if promised < today and roll < 0.86 or promised >= today and roll < 0.25:
            status = ErrandStatus.DONE
            late = rng.random() < 0.12
            done_on = (
                promised + dt.timedelta(days=rng.randint(1, 4))
                if late
                else promised - dt.timedelta(days=rng.randint(0, (promised - accepted).days))
            )
            done_on = min(done_on, today)
        elif roll < 0.93 or promised >= today and roll < 0.32:
            status = ErrandStatus.RETURNED
        else:
            status = rng.choice((ErrandStatus.ACCEPTED, ErrandStatus.IN_PROGRESS))
        documents = TYPICAL_DOCUMENTS[matter]
        session.add(
            Errand(
                town_id=town_id,
                village_id=rng.choice(village_ids),
                applicant=_name(rng),
                applicant_phone=f"13{rng.randrange(10**9):09d}",
                matter=matter,
                detail="",
                documents=list(documents[: rng.randint(2, len(documents))]),
                office=DEFAULT_OFFICE[matter],
                handler=rng.choice(handlers),
                accepted_on=accepted,
                promised_on=promised,
                done_on=done_on,
                status=str(status),
                created_at=_at(accepted, 10),
            )
        )


def _assessments(session: Session, rng: random.Random, towns: Sequence[Any], today: dt.date) -> None:
    picked = rng.sample(list(towns), min(len(PROJECTS), len(towns)))
    for i, ((town_id, town_name), (pattern, kind, owner)) in enumerate(zip(picked, PROJECTS, strict=False)):
        village = session.scalar(
            select(Village.name).where(Village.town_id == town_id).order_by(Village.id).limit(1)
        )
        started = today - dt.timedelta(days=rng.randint(50, 150))
        row = RiskAssessment(
            town_id=town_id,
            project=pattern.format(t=town_name, v=village or town_name),
            project_kind=str(kind),
            owner_unit=owner.format(t=town_name),
            started_on=started,
            measures="",
            decided_by="",
            created_at=_at(started, 9),
        )
        session.add(row)
        session.flush()
        decided = i < len(DECISIONS)
        # Decided ones have all three steps; the others one or two so far.
        kinds = list(RiskStepKind) if decided else list(RiskStepKind)[: 1 + i % 2]
        day = started
        for kind_ in kinds:
            day = min(today, day + dt.timedelta(days=rng.randint(5, 15)))
            survey = kind_ == RiskStepKind.SURVEY
            participants = rng.randint(120, 600) if survey else rng.randint(9, 40)
            against = int(participants * (0.45 if decided and DECISIONS[i][0] == RiskLevel.HIGH else 0.08))
            session.add(
                RiskStep(
                    assessment_id=row.id,
                    town_id=town_id,
                    kind=str(kind_),
                    held_on=day,
                    result={
                        RiskStepKind.NOTICE_HEARING: "项目方案在村务公开栏和镇政府网站公示 7 天，召开听证会。",
                        RiskStepKind.EXPERT: "邀请法律、规划、环保专家论证，认为补偿和环保措施需进一步细化。",
                        RiskStepKind.SURVEY: "入户发放调查问卷并召开村民代表座谈会，收集意见建议。",
                    }[kind_],
                    participants=participants,
                    votes_for=participants - against if survey else None,
                    votes_against=against if survey else None,
                    suggestions=rng.randint(10, 300),
                )
            )
        if decided:
            level, decision, measures = DECISIONS[i]
            row.risk_level = str(level)
            row.decision = str(decision)
            row.measures = measures
            row.decided_by = "市委常委、政法委书记 " + _name(rng)
            row.decided_on = min(today, day + dt.timedelta(days=rng.randint(3, 10)))
