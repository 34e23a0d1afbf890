"""Petitions, spot checks and opinion polls of the demo city (called by desktop.seed.demo.build_demo).

Two years of petitions, fewer this year than last (the seed: petitions down 26.7 % year on
year), some linked to the cases they became, among them repeat petitions (the same petitioner on
the same matter within 12 months) and level-skipping ones (received at the city or above with no
village or town petition or case before); a year of spot checks (明查暗访) with rectifications
done, pending and overdue; and quarterly satisfaction polls per town and for the city.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import Case, Department, Grid, OpinionPoll, Petition, SpotCheck, Town
from db.vocab import PetitionLevel
from desktop.clock import to_local

MATTERS = {
    "land": ("宅基地界址争议，要求重新丈量确权", "土地承包经营权流转费用未按时支付", "征地补偿款分配不公"),
    "labour": ("建筑工地拖欠农民工工资", "企业改制后职工社保未续缴", "工伤赔偿迟迟未落实"),
    "neighbour": ("邻居建房遮挡采光", "排水沟改道导致房屋进水"),
    "property": ("小区物业服务不到位、乱收费", "回迁房延期交付"),
    "family": ("赡养老人费用分担纠纷",),
    "civil_affairs": ("低保资格认定有异议", "临时救助申请未获答复"),
    "public_order": ("夜间施工噪音扰民",),
}
CHECKERS = ("市群众工作部督查组", "市委督查室", "市信访局督查科", "市群众工作部暗访组")
FINDINGS = (
    "网格员在岗在位，民情日志记录完整",
    "群众工作室值班制度落实，接待登记规范",
    "部分网格员未按要求每日走访，定位轨迹显示长时间未移动",
    "矛盾纠纷台账更新不及时，已化解案件未及时销号",
    "值班人员脱岗，群众来访无人接待",
)
PROBLEMS = (
    "",
    "2名网格员走访记录与定位轨迹不符",
    "3起纠纷超期未化解且未上报",
    "群众工作室无人值守",
)
RECTIFY = "限期整改，落实网格员每日巡查和矛盾纠纷日报告制度，整改情况书面报市群众工作部"


def _date(base: dt.date, days_back: int) -> dt.date:
    return base - dt.timedelta(days=days_back)


def build_accountability_demo(session: Session, now: dt.datetime, seed: int) -> dict[str, int]:
    """Add the records to ``session`` (the demo builder's transaction); returns their counts."""
    from desktop.seed.demo import id_number, person_name, phone_number  # the demo imports this module

    rng = random.Random(seed * 31 + 15)
    today = to_local(now).date()
    created = now
    towns = session.execute(select(Town.id, Town.name).order_by(Town.code)).all()
    if not towns:
        return {"petitions": 0, "spot_checks": 0, "opinion_polls": 0}
    cases = session.execute(
        select(Case.id, Case.town_id, Case.category, Case.reported_at).order_by(Case.reported_at)
    ).all()
    cases_by_town: dict[int, list[tuple[int, str, dt.datetime]]] = {}
    for c in cases:
        cases_by_town.setdefault(c.town_id, []).append((c.id, c.category, c.reported_at))

    petitions: list[dict[str, object]] = []
    serial = 0

    def add(
        day: dt.date,
        person: tuple[str, str, str],
        level: int,
        category: str,
        town_id: int,
        case_id: int | None,
        status: str,
    ) -> None:
        nonlocal serial
        serial += 1
        petitions.append(
            {
                "number": f"XF-{day:%Y}-{serial:05d}",
                "received_on": day,
                "petitioner_name": person[0],
                "petitioner_phone": person[1],
                "petitioner_id_tail": person[2],
                "level": level,
                "channel": rng.choices(("visit", "letter", "online"), (5, 2, 3))[0],
                "category": category,
                "matter": rng.choice(MATTERS[category]),
                "town_id": town_id,
                "status": status,
                "case_id": case_id,
                "created_at": created,
                "updated_at": created,
            }
        )

    def someone() -> tuple[str, str, str]:
        return person_name(rng), phone_number(rng), id_number(rng)[-4:]

    # Ordinary petitions: two years, fewer this year (about three quarters of last year's).
    for days_back in range(1, 730):
        rate = 0.14 if days_back < 365 else 0.19
        if rng.random() >= rate:
            continue
        day = _date(today, days_back)
        town_id, _name = rng.choice(towns[:12])
        category = rng.choice(tuple(MATTERS))
        level = rng.choices((1, 2, 3, 4), (3, 5, 1, 0.2))[0]
        town_cases = [c for c in cases_by_town.get(town_id, []) if to_local(c[2]).date() <= day]
        case_id = town_cases[-1][0] if town_cases and rng.random() < 0.35 else None
        concluded = days_back > 60 or rng.random() < 0.4
        add(day, someone(), level, category, town_id, case_id, "concluded" if concluded else "handling")

    # Repeat petitioners: the same matter again and again within the year, up the levels.
    for k in range(6):
        person = someone()
        town_id, _name = towns[k % len(towns)]
        category = ("land", "labour", "property", "land", "civil_affairs", "labour")[k]
        first = 300 - k * 37
        for step, level in enumerate(
            (PetitionLevel.TOWN, PetitionLevel.CITY, PetitionLevel.CITY)[: 2 + k % 2]
        ):
            add(_date(today, first - step * 45), person, int(level), category, town_id, None, "handling")

    # Level-skipping petitions: straight to the city, the province or Beijing.
    for k in range(5):
        town_id, _name = towns[(k * 5 + 2) % len(towns)]
        level = (PetitionLevel.CITY, PetitionLevel.PROVINCE, PetitionLevel.NATIONAL)[k % 3]
        add(
            _date(today, 20 + k * 23),
            someone(),
            int(level),
            ("labour", "land")[k % 2],
            town_id,
            None,
            "transferred",
        )
    petitions.sort(key=lambda p: (str(p["received_on"]), str(p["number"])))
    per_year: dict[int, int] = {}
    for p in petitions:  # numbered in the order received, per year, as the bureau numbers them
        received = p["received_on"]
        assert isinstance(received, dt.date)
        per_year[received.year] = per_year.get(received.year, 0) + 1
        p["number"] = f"XF-{received:%Y}-{per_year[received.year]:05d}"
    session.execute(insert(Petition), petitions)

    grids = session.execute(select(Grid.id, Grid.town_id).order_by(Grid.id).limit(400)).all()
    departments = session.scalars(select(Department.id).order_by(Department.id)).all()
    checks: list[dict[str, object]] = []
    for k in range(16):
        day = _date(today, 8 + k * 21)
        covert = k % 3 != 0
        problems = PROBLEMS[k % len(PROBLEMS)]
        rectify_by = day + dt.timedelta(days=15) if problems else None
        base: dict[str, object] = {
            "checked_on": day,
            "checker": f"{rng.choice(CHECKERS)} {person_name(rng)}",
            "mode": "covert" if covert else "overt",
            "findings": FINDINGS[(k * 2 + (2 if problems else 0)) % len(FINDINGS)],
            "problems": problems,
            "rectification": RECTIFY if problems else "",
            "rectify_by": rectify_by,
            # Older rectifications were done; recent ones pending; one left overdue.
            "rectified": bool(problems) and k > 3,
            "town_id": None,
            "village_id": None,
            "grid_id": None,
            "department_id": None,
            "created_at": created,
            "created_by_user_id": None,
        }
        if k % 5 == 4 and departments:
            base |= {"unit_kind": "department", "department_id": departments[k % len(departments)]}
        elif k % 2 == 0 and grids:
            grid_id, town_id = grids[(k * 37) % len(grids)]
            village_id = session.scalar(select(Grid.village_id).where(Grid.id == grid_id))
            base |= {"unit_kind": "grid", "grid_id": grid_id, "town_id": town_id, "village_id": village_id}
        else:
            base |= {"unit_kind": "town", "town_id": towns[k % len(towns)][0]}
        checks.append(base)
    session.execute(insert(SpotCheck), checks)

    polls: list[dict[str, object]] = []
    for quarter in range(4):
        end = _date(today, 10 + quarter * 91)
        start = end - dt.timedelta(days=20)
        places: list[tuple[int | None, str]] = [(None, ""), *((t.id, t.name) for t in towns[:6])]
        for poll_town, name in places:
            sample = 1000 if poll_town is None else rng.choice((200, 300, 400))
            dissatisfied = int(sample * rng.uniform(0.01, 0.05))
            basically = int(sample * rng.uniform(0.08, 0.18))
            satisfied = sample - dissatisfied - basically - rng.randrange(0, 6)
            polls.append(
                {
                    "period_start": start,
                    "period_end": end,
                    "town_id": poll_town,
                    "place": "全市入户及电话抽样" if poll_town is None else f"{name}各村（社区）入户走访",
                    "sample_size": sample,
                    "satisfied": satisfied,
                    "basically_satisfied": basically,
                    "dissatisfied": dissatisfied,
                    "notes": "群众满意度测评" if poll_town is None else "",
                    "created_at": created,
                    "created_by_user_id": None,
                }
            )
    session.execute(insert(OpinionPoll), polls)
    return {"petitions": len(petitions), "spot_checks": len(checks), "opinion_polls": len(polls)}
