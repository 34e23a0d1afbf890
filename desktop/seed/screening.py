"""Three weeks of rolling screening (滚动式排查) for the demo city, with realistic gaps.

Every village screens daily, but a few villages skip days now and then (and a handful often);
some rounds are entered a day late (补录). Towns screen weekly, mostly on Friday, one or two
towns miss a week; the city screens each half month. In a sensitive period the town and city
rounds are focused (重点排查) with the sensitive-period checklist. Some village rounds link the
sentiment logs of that village and day as their findings. Deterministic for a seed and day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from db.models import ScreeningFinding, ScreeningRound, SensitivePeriod, SentimentLog, User, Village
from db.vocab import ScreeningKind, ScreeningLevel, ScreeningScope
from desktop.clock import CHINA_TZ
from desktop.screening import checklist_template, slot_of

DAYS = 21
CHUNK = 2000

_NOTES = (
    "入户走访，未发现新的矛盾纠纷。",
    "排查发现邻里纠纷苗头一起，已当场调解。",
    "重点人员情况稳定，已落实包保责任。",
    "群众反映道路积水问题，已转镇里协调。",
    "土地承包地界争议一起，约定下周到现场勘界。",
    "",
)


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), CHINA_TZ).astimezone(dt.UTC)


def _checklist(rng: random.Random, level: str, kind: str, sensitive: bool) -> dict[str, Any]:
    items = []
    for code in checklist_template(level, kind, sensitive):
        checked = rng.random() < 0.93
        note = "" if not checked or rng.random() < 0.85 else "已排查，情况正常"
        items.append({"code": code, "checked": checked, "note": note})
    if not any(i["checked"] for i in items):
        items[0]["checked"] = True
    return {"items": items}


def build(session: Session, present: dt.datetime, seed: int) -> int:
    """Add the rounds of the ``DAYS`` days up to ``present`` (UTC); returns how many."""
    rng = random.Random(seed * 7919 + 15)
    today = present.astimezone(CHINA_TZ).date()
    first = today - dt.timedelta(days=DAYS)
    users = {
        str(u): (int(i), str(d))
        for i, u, d in session.execute(select(User.id, User.username, User.display_name))
    }
    villages = [
        (int(v), int(t)) for v, t in session.execute(select(Village.id, Village.town_id).order_by(Village.id))
    ]
    towns = sorted({t for _, t in villages})
    spans = [
        (s, e, int(i))
        for i, s, e in session.execute(
            select(SensitivePeriod.id, SensitivePeriod.starts_on, SensitivePeriod.ends_on).where(
                SensitivePeriod.ends_on >= first, SensitivePeriod.starts_on <= today
            )
        )
    ]

    def sensitive(start: dt.date, end: dt.date) -> int | None:  # the period's id
        return next((i for s, e, i in spans if s <= end and start <= e), None)

    def recorder(town_id: int | None) -> tuple[int | None, str]:
        key = "dispatcher" if town_id is None else f"town{town_id:02d}"
        return users.get(key, (None, "系统"))

    rows: list[dict[str, Any]] = []
    # Villages: most screen every day; a few are careless (missing a third of the days).
    careless = set(rng.sample([v for v, _ in villages], max(1, len(villages) // 40)))
    for vid, tid in villages:
        uid, name = recorder(tid)
        miss = 0.33 if vid in careless else 0.03
        for n in range(DAYS + 1):
            day = first + dt.timedelta(days=n)
            if day == today and rng.random() < 0.45:
                continue  # today's round not done yet (pending, not missed)
            if rng.random() < miss:
                continue
            late = day < today and rng.random() < 0.03
            concentrated = rng.random() < 0.08
            kind = ScreeningKind.CONCENTRATED if concentrated else ScreeningKind.ROUTINE
            rows.append(
                {
                    "level": ScreeningLevel.VILLAGE,
                    "kind": kind,
                    "scope": ScreeningScope.GENERAL,
                    "town_id": tid,
                    "village_id": vid,
                    "period_start": day,
                    "period_end": day,
                    "screened_on": day,
                    "recorded_at": _at(
                        day + dt.timedelta(days=1 if late else 0), 9 if late else 17, rng.randrange(60)
                    ),
                    "recorded_by_user_id": uid,
                    "recorded_by_name": name,
                    "focus": "",
                    "notes": rng.choice(_NOTES),
                    "checklist": _checklist(rng, ScreeningLevel.VILLAGE, kind, False),
                    "sensitive_period_id": sensitive(day, day),
                }
            )
    # Towns: weekly, on Friday; a couple of towns skip a week, some enter it on Monday.
    skip_town = set(rng.sample(towns, min(2, len(towns))))
    owed: tuple[tuple[ScreeningLevel, list[int | None]], ...] = (
        (ScreeningLevel.TOWN, list(towns)),
        (ScreeningLevel.CITY, [None]),
    )
    for level, places in owed:
        day = first
        while day <= today:
            start, end = slot_of(level, day)
            day = end + dt.timedelta(days=1)
            done_on = min(end, start + dt.timedelta(days=4 if level == ScreeningLevel.TOWN else 12))
            if done_on > today:
                continue  # the running slot: not done yet
            period = sensitive(start, end)
            for town in places:
                if town in skip_town and rng.random() < 0.5:
                    continue
                late = rng.random() < 0.1
                uid, name = recorder(town)
                focused = period is not None or rng.random() < 0.2
                kind = ScreeningKind.CONCENTRATED if period is not None else ScreeningKind.ROUTINE
                recorded = done_on + dt.timedelta(days=3 if late else 0)
                rows.append(
                    {
                        "level": level,
                        "kind": kind,
                        "scope": ScreeningScope.FOCUSED if focused else ScreeningScope.GENERAL,
                        "town_id": town,
                        "village_id": None,
                        "period_start": max(start, first) if level == ScreeningLevel.CITY else start,
                        "period_end": end,
                        "screened_on": done_on,
                        "recorded_at": _at(min(recorded, today), 16, rng.randrange(60)),
                        "recorded_by_user_id": uid,
                        "recorded_by_name": name,
                        "focus": "信访稳定、重点人员稳控"
                        if period is not None
                        else ("征地拆迁、劳资纠纷" if focused else ""),
                        "notes": "汇总各村（社区）排查情况，研判重点矛盾纠纷。",
                        "checklist": _checklist(rng, level, kind, period is not None),
                        "sensitive_period_id": period,
                    }
                )
    # A round of the running half month must cover its start: clip the city's first round.
    for row in rows:
        if row["level"] == ScreeningLevel.CITY:
            row["period_start"] = slot_of(ScreeningLevel.CITY, row["period_end"])[0]
    ids: list[int] = []
    for i in range(0, len(rows), CHUNK):
        part = rows[i : i + CHUNK]
        stmt = insert(ScreeningRound).returning(ScreeningRound.id, sort_by_parameter_order=True)
        ids += [int(x) for x in session.scalars(stmt, part)]
    # Findings: the logs each village wrote on a day it screened.
    by_place_day = {
        (r["village_id"], r["period_start"]): (rid, r["town_id"])
        for rid, r in zip(ids, rows, strict=True)
        if r["level"] == ScreeningLevel.VILLAGE
    }
    logs: dict[tuple[int, dt.date], list[int]] = defaultdict(list)
    for lid, vid, at in session.execute(
        select(SentimentLog.id, SentimentLog.village_id, SentimentLog.visited_at).where(
            SentimentLog.visited_at >= _at(first, 0, 0)
        )
    ):
        logs[(int(vid), at.astimezone(CHINA_TZ).date())].append(int(lid))
    findings = []
    for key, log_ids in logs.items():
        found = by_place_day.get(key)
        if found is None:
            continue
        for lid in log_ids[:3]:
            findings.append(
                {
                    "round_id": found[0],
                    "town_id": found[1],
                    "log_id": lid,
                    "case_id": None,
                    "linked_at": _at(key[1], 18, 0),
                }
            )
    for i in range(0, len(findings), CHUNK):
        session.execute(insert(ScreeningFinding), findings[i : i + CHUNK])
    return len(rows)
