"""The sentiment-log book's queries on both engines: filters and keyset pages against a plain
Python count, pinyin search, visit coverage against a hand count, turning a log into a case (and
refusing it twice), the map's log and heat layers, and a town staff login on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, Change, Grid, SentimentLog, Town, Village, Worker
from db.session import make_engine, make_sessionmaker
from db.vocab import Kind, Role, Severity
from desktop import logbook
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService, actor_for
from desktop.clock import CHINA_TZ
from desktop.logbook import AlreadyConverted, LogbookError, LogFilter
from desktop.pinyin import initials
from tests.pg_logins import Logins

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
DISPATCHER = Actor(1, Role.DISPATCHER, name="调度员")
# Our own logs live in 2031, far from the demo's history, so the hand counts are exact.
Y = 2031


def _all_logs(s: Session) -> list[Any]:
    return list(
        s.execute(
            select(
                SentimentLog.id,
                SentimentLog.town_id,
                SentimentLog.village_id,
                SentimentLog.worker_id,
                SentimentLog.visited_at,
                SentimentLog.case_id,
                SentimentLog.content,
            )
        ).all()
    )


def _paged(s: Session, actor: Actor, flt: LogFilter, limit: int = 37) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = logbook.fetch_page(s, actor, flt, after=after, limit=limit)
        ids += [r.id for r in page]
        if len(page) < limit:
            return ids
        after = page[-1]


def _local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(CHINA_TZ).date()


def test_filters_and_pages_match_a_plain_count(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        logs = _all_logs(s)
        assert len(logs) > 100
        # Pages are newest first, each log once, none skipped.
        everything = _paged(s, DISPATCHER, LogFilter())
        assert sorted(everything) == sorted(r.id for r in logs)
        assert len(everything) == len(set(everything))
        times = {r.id: r.visited_at for r in logs}
        assert [times[i] for i in everything] == sorted((times[i] for i in everything), reverse=True)

        town = logs[0].town_id
        village = next(r.village_id for r in logs if r.town_id == town)
        worker = logs[0].worker_id
        days = sorted(_local_day(r.visited_at) for r in logs)
        d_from, d_to = days[len(days) // 3], days[2 * len(days) // 3]
        cases = [
            (LogFilter(town_ids=frozenset({town})), lambda r: r.town_id == town),
            (LogFilter(village_id=village), lambda r: r.village_id == village),
            (LogFilter(worker_id=worker), lambda r: r.worker_id == worker),
            (
                LogFilter(date_from=d_from, date_to=d_to),
                lambda r: d_from <= _local_day(r.visited_at) <= d_to,
            ),
            (LogFilter(has_case=True), lambda r: r.case_id is not None),
            (LogFilter(has_case=False), lambda r: r.case_id is None),
            (
                LogFilter(town_ids=frozenset({town}), has_case=False, date_from=d_from),
                lambda r: r.town_id == town and r.case_id is None and _local_day(r.visited_at) >= d_from,
            ),
        ]
        for flt, keep in cases:
            expected = {r.id for r in logs if keep(r)}
            assert expected, flt
            assert set(_paged(s, DISPATCHER, flt)) == expected, flt
            assert logbook.count(s, DISPATCHER, flt) == len(expected)
        # Both kinds exist in the demo: some logs became cases, most did not.
        assert 0 < logbook.count(s, DISPATCHER, LogFilter(has_case=True)) < len(logs)
        # A converted log carries its case number.
        linked = logbook.fetch_page(s, DISPATCHER, LogFilter(has_case=True), limit=5)
        for row in linked:
            assert row.case_number == s.scalar(select(Case.number).where(Case.id == row.case_id))


def test_search_by_content_and_pinyin_initials(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        logs = _all_logs(s)
        # A substring of the content.
        word = "三日合一"
        expected = {r.id for r in logs if word in r.content}
        assert expected
        assert set(_paged(s, DISPATCHER, LogFilter(text=word))) == expected
        # A village's pinyin initials find its logs (and perhaps others whose place shares them).
        row = logs[0]
        village = s.get(Village, row.village_id)
        assert village is not None and village.pinyin
        found = set(_paged(s, DISPATCHER, LogFilter(text=village.pinyin)))
        assert {r.id for r in logs if r.village_id == row.village_id} <= found
        # Every hit is explained: content, or a place or worker with those initials or that name.
        ids_by = {
            "town": {
                int(i) for i in s.scalars(select(Town.id).where(Town.pinyin.startswith(village.pinyin)))
            },
            "village": {
                int(i) for i in s.scalars(select(Village.id).where(Village.pinyin.startswith(village.pinyin)))
            },
            "worker": {
                int(i) for i in s.scalars(select(Worker.id).where(Worker.pinyin.startswith(village.pinyin)))
            },
        }
        grid_of = dict(s.execute(select(SentimentLog.id, SentimentLog.grid_id)).all())
        grids = {int(i) for i in s.scalars(select(Grid.id).where(Grid.pinyin.startswith(village.pinyin)))}
        for r in logs:
            if r.id in found:
                assert (
                    r.town_id in ids_by["town"]
                    or r.village_id in ids_by["village"]
                    or r.worker_id in ids_by["worker"]
                    or grid_of[r.id] in grids
                    or village.pinyin in r.content.lower()
                )
        # A worker's name in pinyin initials.
        worker = s.get(Worker, row.worker_id)
        assert worker is not None and worker.pinyin == initials(worker.name)
        assert row.id in set(_paged(s, DISPATCHER, LogFilter(text=worker.pinyin.upper())))
        # Hostile input is text, not syntax.
        for hostile in ("%", "_", "'; drop table sentiment_logs; --", "a\x00b", "/"):
            _paged(s, DISPATCHER, LogFilter(text=hostile))
        assert logbook.count(s, DISPATCHER, LogFilter(text="%")) == len([r for r in logs if "%" in r.content])


def _add_logs(sessions: sessionmaker[Session], grid: Grid, rows: list[tuple[dt.datetime, int]]) -> None:
    worker = None
    with sessions.begin() as s:
        worker = s.scalar(select(Worker.id).where(Worker.grid_id == grid.id).limit(1))
        assert worker is not None
        s.execute(
            insert(SentimentLog),
            [
                {
                    "worker_id": worker,
                    "town_id": grid.town_id,
                    "village_id": grid.village_id,
                    "grid_id": grid.id,
                    "visited_at": at,
                    "households_visited": hh,
                    "content": f"走访{hh}户，覆盖率测试",
                    "lat": grid.lat,
                    "lon": grid.lon,
                }
                for at, hh in rows
            ],
        )


def _local(day: int, hour: int) -> dt.datetime:
    return dt.datetime(Y, 3, day, hour, 0, tzinfo=CHINA_TZ).astimezone(dt.UTC)


def test_coverage_against_a_hand_count(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        # Two villages of one town; their grids get known households (set here).
        town_id = s.scalar(
            select(Village.town_id).group_by(Village.town_id).order_by(func.count().desc(), Village.town_id)
        )
        v1, v2 = list(s.scalars(select(Village.id).where(Village.town_id == town_id).order_by(Village.id)))[
            :2
        ]
        grids1 = list(s.scalars(select(Grid).where(Grid.village_id == v1).order_by(Grid.id)))
        grids2 = list(s.scalars(select(Grid).where(Grid.village_id == v2).order_by(Grid.id)))
        for g in grids1 + grids2:
            s.expunge(g)
    a, b = grids1[0], grids2[0]
    with sessions.begin() as s:
        # Every other grid of both villages: 80 households, none visited in the period.
        s.execute(
            text("update grids set households = 80 where village_id in (:v1, :v2)"), {"v1": v1, "v2": v2}
        )
        s.execute(text("update grids set households = 100 where id = :a"), {"a": a.id})
        s.execute(text("update grids set households = 50 where id = :b"), {"b": b.id})
    # Grid a: 30 + 25 = 55 of 100 in the period; a visit the day before and the day after do not count.
    # Grid b: 40 + 40 = 80 of 50: over-visited, capped at 50 (100 %), raw 80 shown.
    _add_logs(
        sessions, a, [(_local(10, 0), 30), (_local(12, 23), 25), (_local(9, 23), 7), (_local(13, 0), 9)]
    )
    _add_logs(sessions, b, [(_local(10, 9), 40), (_local(11, 9), 40)])
    period = (dt.date(Y, 3, 10), dt.date(Y, 3, 12))
    with sessions() as s:
        by_grid = {r.id: r for r in logbook.coverage(s, DISPATCHER, *period, town_ids=[town_id])}
        assert (by_grid[a.id].visited, by_grid[a.id].covered, by_grid[a.id].households) == (55, 55, 100)
        assert by_grid[a.id].coverage == pytest.approx(0.55)
        assert by_grid[a.id].logs == 2
        assert (by_grid[b.id].visited, by_grid[b.id].covered, by_grid[b.id].coverage) == (80, 50, 1.0)
        for g in grids1[1:] + grids2[1:]:
            assert (by_grid[g.id].visited, by_grid[g.id].households, by_grid[g.id].coverage) == (0, 80, 0.0)
        # Lowest first; places without households (coverage unknown) last.
        ordered = logbook.coverage(s, DISPATCHER, *period, town_ids=[town_id])
        known = [r.coverage for r in ordered if r.coverage is not None]
        assert known == sorted(known)
        assert all(r.coverage is None for r in ordered[len(known) :])
        # Village 1: 55 of 100 + 80 per further grid; village 2: capped 50 of 50 + 80 per further grid.
        villages = {
            r.id: r for r in logbook.coverage(s, DISPATCHER, *period, level="village", town_ids=[town_id])
        }
        h1, h2 = 100 + 80 * (len(grids1) - 1), 50 + 80 * (len(grids2) - 1)
        assert (villages[v1].households, villages[v1].visited, villages[v1].covered) == (h1, 55, 55)
        assert (villages[v2].households, villages[v2].visited, villages[v2].covered) == (h2, 80, 50)
        assert villages[v2].coverage == pytest.approx(50 / h2)
        assert villages[v1].grids == len(grids1) and villages[v1].grids_unvisited == len(grids1) - 1
        # The town: raw 135 visited, 105 covered, over all its grids' households.
        (town,) = logbook.coverage(s, DISPATCHER, *period, level="town", town_ids=[town_id])
        town_households = int(s.scalar(select(func.sum(Grid.households)).where(Grid.town_id == town_id)) or 0)
        assert (town.visited, town.covered, town.households) == (135, 105, town_households)
        assert town.coverage == pytest.approx(105 / town_households)
        # Town staff of another town see none of it.
        other_town = s.scalar(select(Town.id).where(Town.id != town_id).limit(1))
        other = Actor(2, Role.TOWN_STAFF, town_id=other_town, name="镇")
        assert all(r.id not in (a.id, b.id) for r in logbook.coverage(s, other, *period))
        assert all(r.visited == 0 for r in logbook.coverage(s, other, *period))
        with pytest.raises(ValueError):
            logbook.coverage(s, DISPATCHER, *period, level="city")


def _free_log(s: Session, town_id: int | None = None) -> int:
    query = select(SentimentLog.id).where(SentimentLog.case_id.is_(None), SentimentLog.lat.is_not(None))
    if town_id is not None:
        query = query.where(SentimentLog.town_id == town_id)
    log_id = s.scalar(query.order_by(SentimentLog.id).limit(1))
    assert log_id is not None
    return int(log_id)


def _counts(s: Session) -> tuple[int, int, int]:
    return (
        int(s.scalar(select(func.count()).select_from(Case)) or 0),
        int(
            s.scalar(select(func.count()).select_from(SentimentLog).where(SentimentLog.case_id.is_not(None)))
            or 0
        ),
        int(s.scalar(select(func.count()).select_from(Change)) or 0),
    )


def test_convert_links_both_ways_and_refuses_twice(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    service = CaseService(sessions, clock=lambda: NOW)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        log_id = _free_log(s)
        draft = logbook.draft_case(s, actor, log_id)
        log = s.get(SentimentLog, log_id)
        assert log is not None
        assert draft.case_id is None and draft.kind == Kind.DISPUTE and draft.severity == Severity.GENERAL
        assert draft.title and len(draft.title) <= logbook.TITLE_MAX
        assert (draft.lat, draft.lon) == (log.lat, log.lon)
        before = _counts(s)
    new = draft.new_case(title="转办：" + draft.title, severity=Severity.SERIOUS)
    done = logbook.convert_to_case(sessions, service, actor, log_id, new)
    with sessions() as s:
        case = s.get(Case, done.case_id)
        log = s.get(SentimentLog, log_id)
        assert case is not None and log is not None
        assert case.source_log_id == log_id and log.case_id == case.id
        assert case.number == done.number and case.title.startswith("转办：")
        assert case.severity == int(Severity.SERIOUS) and case.reporter_worker_id == log.worker_id
        assert _counts(s)[:2] == (before[0] + 1, before[1] + 1)
        assert logbook.log_of_case(s, case.id) == log_id
        row = logbook.fetch_log(s, actor, log_id)
        assert row is not None and row.case_number == case.number
        assert logbook.draft_case(s, actor, log_id).case_number == case.number
        after = _counts(s)
    # Twice: refused with the case's number, and nothing at all is written.
    with pytest.raises(AlreadyConverted) as refused:
        logbook.convert_to_case(sessions, service, actor, log_id, new)
    assert refused.value.code == "logbook.already_converted"
    assert refused.value.params == {"number": done.number}
    with sessions() as s:
        assert _counts(s) == after
        assert s.scalar(select(SentimentLog.case_id).where(SentimentLog.id == log_id)) == done.case_id
    # Bad input: a blank title is refused and nothing is stored.
    with sessions() as s:
        other = _free_log(s)
    with pytest.raises(LogbookError, match="logbook.case_title"):
        logbook.convert_to_case(
            sessions, service, actor, other, new.__class__(**{**new.__dict__, "title": " "})
        )
    with sessions() as s:
        assert _counts(s) == after
        assert s.scalar(select(SentimentLog.case_id).where(SentimentLog.id == other)) is None
    # An auditor may not convert.
    with pytest.raises(LogbookError, match="logbook.convert_role"):
        logbook.convert_to_case(sessions, service, Actor(9, Role.AUDITOR, name="审计"), other, new)


def test_title_and_category_hints() -> None:
    assert (
        logbook.title_from("走访6户，了解到张某与邻居因宅基地界址发生争执，已劝解。")
        == "张某与邻居因宅基地界址发生争执，已劝解"
    )
    assert len(logbook.title_from("很" * 100)) == logbook.TITLE_MAX
    assert logbook.guess_category("因宅基地界址发生争执") == "land"
    assert logbook.guess_category("拖欠工资") == "labour"
    assert logbook.guess_category("路灯不亮") == "other"


def test_map_layers_logs_and_heat(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        logs = _all_logs(s)
        town = logs[0].town_id
        markers = logbook.log_markers(s, DISPATCHER, LogFilter(town_ids=frozenset({town})))
        expected = {r.id for r in logs if r.town_id == town}
        assert {m["id"] for m in markers} == expected
        assert all({"lat", "lon", "at", "case", "worker", "text"} <= m.keys() for m in markers)
        assert len(logbook.log_markers(s, DISPATCHER, LogFilter(), limit=7)) == 7
        # Heat: one row per bin, counts add up to the cases in the window, each case in its bin.
        cases = s.execute(select(Case.lat, Case.lon, Case.reported_at, Case.town_id)).all()
        since = max(c.reported_at for c in cases) - dt.timedelta(days=30)
        bins = logbook.case_heat(s, DISPATCHER, since)
        window = [c for c in cases if c.reported_at >= since]
        assert window and sum(b[2] for b in bins) == len(window)
        cell = logbook.HEAT_CELL_DEG
        hand: dict[tuple[int, int], int] = {}
        for c in window:
            key = (int((c.lat + 90) // cell), int((c.lon + 180) // cell))
            hand[key] = hand.get(key, 0) + 1
        got = {(int((b[0] + 90) // cell), int((b[1] + 180) // cell)): b[2] for b in bins}
        assert got == hand
        assert len(bins) == len(hand) < len(window) or len(window) < 50
        # All history, and a town's staff only see their town's cases.
        assert sum(b[2] for b in logbook.case_heat(s, DISPATCHER, None)) == len(cases)
        staff = Actor(3, Role.TOWN_STAFF, town_id=town, name="镇")
        assert sum(b[2] for b in logbook.case_heat(s, staff, None)) == len(
            [c for c in cases if c.town_id == town]
        )


@pytest.mark.pg
def test_town_staff_login_sees_and_converts_only_its_town(demo_engine: Engine, logins: Logins) -> None:
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("real logins exist on PostgreSQL only")
    with demo_engine.connect() as conn:
        town_a, town_b = conn.execute(
            text(
                "select town_id from sentiment_logs group by town_id order by count(*) desc, town_id limit 2"
            )
        ).scalars()
    login = logins.add_user(logins.unique("logbook_town"), "镇干部", "town_staff", town_id=town_a)
    staff_engine = make_engine(login.url)
    try:
        sessions = make_sessionmaker(staff_engine)
        with sessions() as s:
            actor = actor_for(s, login.name)
            assert actor.town_id == town_a
            # Even with no filter, and even when the UI's own scope is bypassed (a forged
            # dispatcher actor), the database returns this town's logs only.
            mine = _paged(s, actor, LogFilter())
            forged = Actor(actor.user_id, Role.DISPATCHER, name=actor.name)
            assert set(_paged(s, forged, LogFilter())) == set(mine)
            assert mine
            assert {
                t for (t,) in s.execute(select(SentimentLog.town_id).where(SentimentLog.id.in_(mine)))
            } == {town_a}
            assert logbook.count(s, forged, LogFilter(town_ids=frozenset({town_b}))) == 0
            assert {
                r.id
                for r in logbook.coverage(s, forged, dt.date(2020, 1, 1), dt.date(2040, 1, 1), level="town")
                if r.visited
            } <= {town_a}
            log_id = _free_log(s, town_a)
            draft = logbook.draft_case(s, actor, log_id)
        done = logbook.convert_to_case(
            sessions, CaseService(sessions, clock=lambda: NOW), actor, log_id, draft.new_case()
        )
        with demo_engine.connect() as conn:
            assert (
                conn.execute(
                    text("select source_log_id from cases where id = :c"), {"c": done.case_id}
                ).scalar_one()
                == log_id
            )
            assert (
                conn.execute(
                    text("select case_id from sentiment_logs where id = :l"), {"l": log_id}
                ).scalar_one()
                == done.case_id
            )
            other_log = conn.execute(
                text("select min(id) from sentiment_logs where town_id = :t and case_id is null"),
                {"t": town_b},
            ).scalar_one()
        # Another town's log is not there for this login: refused, nothing written.
        with pytest.raises(LogbookError):
            logbook.convert_to_case(
                sessions, CaseService(sessions, clock=lambda: NOW), forged, other_log, draft.new_case()
            )
        with demo_engine.connect() as conn:
            assert (
                conn.execute(
                    text("select case_id from sentiment_logs where id = :l"), {"l": other_log}
                ).scalar_one()
                is None
            )
    finally:
        staff_engine.dispose()
