"""The queue's free-text search on both engines: CJK substrings from the indexes (FTS5 trigram on
SQLite, pg_trgm on PostgreSQL), the short-query fallback, numbers, pinyin initials of places,
hostile input, index upkeep on update and delete, and migration 0002 (rebuild, downgrade)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, delete, event, insert, inspect, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.migrate import alembic_config, current_revision, head_revision
from db.models import Case, Grid, Town, Village
from db.session import make_sessionmaker
from db.vocab import Kind, Role
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, fetch_page, fts5_phrase, matches, town_choices
from desktop.cases.service import CaseService, NewCase, actor_for
from desktop.pinyin import sort_key

NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)  # a Friday, 10:00 in China

# Titles of our own cases; their distinctive parts occur nowhere in the demo city's text.
TILES = "鹦鹉岭村琉璃瓦片坠落纠纷"
PARROT = "鹦鹉饲养噪音扰民纠纷"
PILING = "夜间施工扰民纠纷"
PILING_DESCRIPTION = "施工方在夜间使用打桩机作业，附近居民无法入睡。"
HOSTILE_TITLE = 'AND OR "引号" 100%_* NEAR( -x 的标题'
HOSTILE = [
    '"',
    "'",
    "%",
    "_",
    "*",
    "NEAR(",
    "-x",
    "AND OR",
    '"引号"',
    "100%_*",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE cases; --",
    'cases_fts MATCH "*"',
    "title:琉璃",
    "琉璃 OR 鹦鹉",
    "^琉璃瓦",
    "/",
    "\\",
    "琉璃\x00瓦",
    "(",
    ")",
    "{title}",
]


def _clock() -> dt.datetime:
    return NOW


@pytest.fixture
def sessions(demo_engine: Engine) -> sessionmaker[Session]:
    return make_sessionmaker(demo_engine)


@pytest.fixture
def dispatcher(sessions: sessionmaker[Session]) -> Actor:
    with sessions() as s:
        return actor_for(s, "dispatcher")


def _grid_point(sessions: sessionmaker[Session], town_index: int = 0) -> tuple[float, float]:
    """A point in the first grid of the town_index-th town."""
    with sessions() as s:
        town_id = s.scalars(select(Town.id).order_by(Town.id).offset(town_index).limit(1)).one()
        grid = s.scalars(select(Grid).where(Grid.town_id == town_id).order_by(Grid.id).limit(1)).one()
        return float(grid.lat or 0), float(grid.lon or 0)


def _report(
    sessions: sessionmaker[Session], actor: Actor, title: str, town_index: int = 0, **kw: Any
) -> Case:
    lat, lon = _grid_point(sessions, town_index)
    svc = CaseService(sessions, clock=_clock)
    return svc.report(
        NewCase(kind=Kind.DISPUTE, category="neighbour", title=title, lat=lat, lon=lon, **kw), actor
    )


@pytest.fixture
def ours(sessions: sessionmaker[Session], dispatcher: Actor) -> dict[str, Case]:
    return {
        "tiles": _report(sessions, dispatcher, TILES, 0),
        "parrot": _report(sessions, dispatcher, PARROT, 1),
        "piling": _report(sessions, dispatcher, PILING, 2, description=PILING_DESCRIPTION),
        "hostile": _report(sessions, dispatcher, HOSTILE_TITLE, 3),
        "private": _report(sessions, dispatcher, "邻里琐事纠纷", 4, party_names="欧阳娜娜、司马光明"),
    }


def _search(sessions: sessionmaker[Session], actor: Actor, text: str) -> set[int]:
    with sessions() as s:
        return {row.id for row in fetch_page(s, actor, QueueFilter(text=text), limit=100_000, now=NOW)}


def _expected(sessions: sessionmaker[Session], text: str) -> set[int]:
    """What the search must find, worked out in Python over every case: the literal text in the
    number, title, description, town or village name (ignoring case), or the typed letters as
    the start of the town's or village's pinyin initials."""
    text = text.replace("\x00", "").strip()
    low = text.lower()
    pinyin = low.isascii() and low.isalnum()
    with sessions() as s:
        rows = s.execute(
            select(
                Case.id,
                Case.number,
                Case.title,
                Case.description,
                Town.name,
                Town.pinyin,
                Village.name,
                Village.pinyin,
            )
            .join(Town, Town.id == Case.town_id)
            .join(Village, Village.id == Case.village_id)
        ).all()
    found = set()
    for case_id, number, title, description, town, town_py, village, village_py in rows:
        texts = (number, title, description, town, village)
        if any(low in t.lower() for t in texts) or (
            pinyin and (town_py.startswith(low) or village_py.startswith(low))
        ):
            found.add(case_id)
    return found


# --- what is found -----------------------------------------------------------------------------


def test_three_char_chinese_substring_finds_that_title_only(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    for text in ("琉璃瓦", "瓦片坠落", "鹦鹉岭村琉璃瓦片坠落纠纷"):
        assert _search(sessions, dispatcher, text) == {ours["tiles"].id}, text
    assert _search(sessions, dispatcher, "鹦鹉饲养") == {ours["parrot"].id}


def test_two_char_chinese_query_falls_back_to_substring_scan(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    assert _search(sessions, dispatcher, "鹦鹉") == {ours["tiles"].id, ours["parrot"].id}
    assert _search(sessions, dispatcher, "琉") == {ours["tiles"].id}
    # A common word: many demo cases, exactly those whose text holds it.
    common = _search(sessions, dispatcher, "纠纷")
    assert len(common) > 100
    assert common == _expected(sessions, "纠纷")


def test_common_three_char_word_finds_exactly_the_cases_holding_it(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    # 网格员 opens every demo description: the index must return all of them, not a sample.
    found = _search(sessions, dispatcher, "网格员")
    assert len(found) >= 300
    assert found == _expected(sessions, "网格员")


def test_description_is_searched(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    assert _search(sessions, dispatcher, "打桩机") == {ours["piling"].id}
    assert _search(sessions, dispatcher, "无法入睡") == {ours["piling"].id}


def test_party_personal_data_is_not_searchable(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    assert _search(sessions, dispatcher, "欧阳娜娜") == set()
    assert _search(sessions, dispatcher, "司马光明") == set()
    assert ours["private"].id in _search(sessions, dispatcher, "邻里琐事")


def test_case_number_exact_any_case_and_part(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    number = ours["tiles"].number
    assert _search(sessions, dispatcher, number) == {ours["tiles"].id}
    assert _search(sessions, dispatcher, number.lower()) == {ours["tiles"].id}
    assert _search(sessions, dispatcher, f"  {number} ") == {ours["tiles"].id}
    tail = number[-6:]  # the serial: found, along with anything else holding those digits
    assert ours["tiles"].id in _search(sessions, dispatcher, tail)
    assert _search(sessions, dispatcher, tail) == _expected(sessions, tail)


def test_pinyin_initials_of_a_town_find_its_cases(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    with sessions() as s:
        town = s.get(Town, ours["tiles"].town_id)
        assert town is not None and town.pinyin
        in_town = set(s.scalars(select(Case.id).where(Case.town_id == town.id)))
    for typed in (town.pinyin, town.pinyin[:3], town.pinyin.upper()):
        found = _search(sessions, dispatcher, typed)
        assert in_town <= found, typed
        assert found == _expected(sessions, typed), typed


def test_chinese_town_name_finds_its_cases(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    with sessions() as s:
        town = s.get(Town, ours["tiles"].town_id)
        assert town is not None
        in_town = set(s.scalars(select(Case.id).where(Case.town_id == town.id)))
    found = _search(sessions, dispatcher, town.name)
    assert in_town <= found and found == _expected(sessions, town.name)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_searched_for_literally(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case], text: str
) -> None:
    found = _search(sessions, dispatcher, text)
    assert found == _expected(sessions, text)
    with sessions() as s:
        assert matches(s, dispatcher, QueueFilter(text=text), ours["hostile"].id, NOW) == (
            ours["hostile"].id in found
        )
        assert s.scalar(select(Case.id).where(Case.id == ours["tiles"].id)) is not None  # table intact


def test_query_syntax_in_a_title_is_found_as_text(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    hostile = ours["hostile"].id
    for text in ('"引号"', "100%_*", "NEAR(", "AND OR", "-x", "%_", "的标题"):
        assert hostile in _search(sessions, dispatcher, text), text
    # Wildcards and operators are not wildcards: these match nothing but literal text.
    assert _search(sessions, dispatcher, "琉璃 OR 鹦鹉") == set()
    assert _search(sessions, dispatcher, "琉*") == set()
    assert _search(sessions, dispatcher, "琉%瓦") == set()


def test_fts5_phrase_quotes_everything() -> None:
    assert fts5_phrase("abc") == '"abc"'
    assert fts5_phrase('a"b') == '"a""b"'
    assert fts5_phrase('"') == '""""'


def test_search_stays_inside_the_actors_scope(
    sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    tiles, parrot = ours["tiles"], ours["parrot"]
    assert tiles.town_id != parrot.town_id
    with sessions() as s:
        staff = actor_for(s, f"town{parrot.town_id:02d}")
    assert staff.role == Role.TOWN_STAFF
    assert _search(sessions, staff, "琉璃瓦") == set()  # another town's case stays hidden
    assert _search(sessions, staff, "鹦鹉") == {parrot.id}


def test_town_choices_are_in_full_pinyin_order(sessions: sessionmaker[Session], dispatcher: Actor) -> None:
    with sessions() as s:
        names = [name for _id, name in town_choices(s, dispatcher)]
    assert len(names) == 33
    assert names == sorted(names, key=lambda n: (sort_key(n), n))
    # Initials alone would put 长乐镇 (clz) after 崔家集镇 (cjjz); chang comes before cui.
    assert names.index("白沙河街道") < names.index("长乐镇") < names.index("崔家集镇")
    assert names.index("蓼兰镇") < names.index("柳林镇")  # liao < liu; both are llz


# --- index upkeep ------------------------------------------------------------------------------


def _fts_consistent(engine: Engine) -> None:
    """SQLite: FTS5 compares its index with the cases table (raises when they differ)."""
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT INTO cases_fts(cases_fts, rank) VALUES ('integrity-check', 1)")


def test_changed_title_is_found_by_the_new_words_only(
    demo_engine: Engine, sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    case_id = ours["tiles"].id
    with sessions.begin() as s:
        case = s.get(Case, case_id)
        assert case is not None
        case.title = "麒麟山村石狮子被盗纠纷"
    assert _search(sessions, dispatcher, "石狮子") == {case_id}
    assert _search(sessions, dispatcher, "琉璃瓦") == set()
    with sessions.begin() as s:  # a change of other columns leaves the index alone
        s.execute(update(Case).where(Case.id == case_id).values(status="accepted", severity=2))
    assert _search(sessions, dispatcher, "石狮子") == {case_id}
    with sessions.begin() as s:
        s.execute(update(Case).where(Case.id == case_id).values(description="村口石狮子于夜间失窃"))
    assert _search(sessions, dispatcher, "夜间失窃") == {case_id}
    _fts_consistent(demo_engine)


def _raw_case(s: Session, number: str, title: str) -> int:
    """A case inserted without history (no events), so that it can be deleted again."""
    grid = s.scalars(select(Grid).order_by(Grid.id).limit(1)).one()
    return int(
        s.execute(
            insert(Case)
            .values(
                number=number,
                kind="dispute",
                category="neighbour",
                title=title,
                lat=float(grid.lat or 0),
                lon=float(grid.lon or 0),
                town_id=grid.town_id,
                village_id=grid.village_id,
                grid_id=grid.id,
                severity=1,
                status="reported",
                level=1,
                reported_at=NOW,
                updated_at=NOW,
                sla_started_at=NOW,
            )
            .returning(Case.id)
        ).scalar_one()
    )


def test_deleted_case_is_gone_from_the_index(
    demo_engine: Engine, sessions: sessionmaker[Session], dispatcher: Actor
) -> None:
    with sessions.begin() as s:
        case_id = _raw_case(s, "XX-2026-000001", "貔貅摆件买卖纠纷")
    assert _search(sessions, dispatcher, "貔貅摆件") == {case_id}
    with sessions.begin() as s:
        s.execute(delete(Case).where(Case.id == case_id))
    assert _search(sessions, dispatcher, "貔貅摆件") == set()
    _fts_consistent(demo_engine)


# --- migration 0002 ----------------------------------------------------------------------------


def _search_objects(engine: Engine) -> set[str]:
    insp = inspect(engine)
    names = {ix["name"] or "" for ix in insp.get_indexes("cases")}
    if engine.dialect.name == "sqlite":
        names |= set(insp.get_table_names())
        with engine.connect() as conn:
            names |= set(
                conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'").scalars()
            )
    return {n for n in names if "fts" in n or "trgm" in n or n == "ix_cases_village_id"}


def test_upgrade_to_0002_indexes_existing_cases_and_downgrade_removes_it_all(
    demo_engine: Engine, sessions: sessionmaker[Session], dispatcher: Actor, ours: dict[str, Case]
) -> None:
    created = _search_objects(demo_engine)
    if demo_engine.dialect.name == "sqlite":
        assert {"cases_fts", "cases_fts_ai", "cases_fts_au", "cases_fts_ad"} <= created
    else:
        assert {"ix_cases_title_trgm", "ix_cases_description_trgm", "ix_cases_number_trgm"} <= created
    assert "ix_cases_village_id" in created

    # A case reported just before the downgrade (the app writes today's columns) …
    late = _report(sessions, dispatcher, "獬豸雕像损毁纠纷", 5)
    cfg = alembic_config(demo_engine)
    command.downgrade(cfg, "0001")
    assert current_revision(demo_engine) == "0001"
    # … is in no index at 0001: there are no triggers, no index at all.
    assert _search_objects(demo_engine) == set()
    command.upgrade(cfg, "head")
    assert current_revision(demo_engine) == head_revision()
    assert _search_objects(demo_engine) == created
    # … is indexed by the upgrade, like those from before the downgrade.
    assert _search(sessions, dispatcher, "獬豸雕像") == {late.id}
    assert _search(sessions, dispatcher, "琉璃瓦") == {ours["tiles"].id}
    assert _search(sessions, dispatcher, "网格员") == _expected(sessions, "网格员")
    _fts_consistent(demo_engine)


# --- the indexes are used ----------------------------------------------------------------------


@contextmanager
def _captured(engine: Engine) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def grab(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", grab)


def _queue_plan(engine: Engine, actor: Actor, text: str) -> tuple[set[int], str]:
    """The rows of the queue's first page for ``text`` and the plan of the very statement used."""
    sessions = make_sessionmaker(engine)
    with _captured(engine) as seen, sessions() as s:
        rows = {r.id for r in fetch_page(s, actor, QueueFilter(text=text), now=NOW)}
    statement, params = next((st, p) for st, p in reversed(seen) if "FROM cases JOIN towns" in st)
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            return rows, "\n".join(str(r[-1]) for r in plan)
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")  # prove the index usable, not preferred
        plan = conn.exec_driver_sql("EXPLAIN " + statement, params).all()
        return rows, "\n".join(str(r[0]) for r in plan)


SYLLABLES = "东西南北王李张刘村庄镇街道社区土地房屋工资拖欠邻里宅基噪音漏水施工养殖赔偿合同"


def test_queue_query_uses_the_text_index(demo_engine: Engine, dispatcher: Actor) -> None:
    """~20k synthetic cases: a three-character Chinese search is planned on the text index."""
    sessions = make_sessionmaker(demo_engine)
    with sessions.begin() as s:
        grids = s.execute(select(Grid.id, Grid.town_id, Grid.village_id, Grid.lat, Grid.lon)).all()
        rows = []
        for i in range(20_000):
            g = grids[i % len(grids)]
            words = "".join(SYLLABLES[(i * k * 7 + k) % len(SYLLABLES)] for k in range(1, 9))
            rows.append(
                {
                    "number": f"SY-2026-{i:06d}",
                    "kind": "dispute",
                    "category": "neighbour",
                    "title": "麒麟阁失火隐患" if i == 12_345 else f"{words}纠纷",
                    "description": f"合成案件{i}：{words}",
                    "lat": float(g.lat or 0),
                    "lon": float(g.lon or 0),
                    "town_id": g.town_id,
                    "village_id": g.village_id,
                    "grid_id": g.id,
                    "severity": 1,
                    "status": "reported",
                    "level": 1,
                    "reported_at": NOW,
                    "updated_at": NOW - dt.timedelta(minutes=i),
                    "sla_started_at": NOW,
                }
            )
        s.execute(insert(Case), rows)
    # As autovacuum would: statistics, and GIN's pending list of new entries merged into the index.
    with demo_engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(
            "VACUUM ANALYZE cases" if demo_engine.dialect.name == "postgresql" else "ANALYZE"
        )

    found, plan = _queue_plan(demo_engine, dispatcher, "麒麟阁")
    with sessions() as s:
        target = s.scalars(select(Case.id).where(Case.number == "SY-2026-012345")).one()
    assert found == {target}
    if demo_engine.dialect.name == "sqlite":
        assert "cases_fts VIRTUAL TABLE" in plan, plan
    else:
        assert "ix_cases_title_trgm" in plan, plan
        assert "Seq Scan on cases" not in plan, plan


def test_postgres_locale_makes_trigrams_of_chinese(demo_engine: Engine) -> None:
    """pg_trgm indexes only what LC_CTYPE calls letters: Chinese must be letters on this server,
    or the trigram indexes cannot serve Chinese searches (they would still be correct, slowly)."""
    if demo_engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's trigram tokenizer takes every character")
    with demo_engine.connect() as conn:
        grams = conn.exec_driver_sql("SELECT show_trgm('纠纷调解')").scalar_one()
        ctype = conn.exec_driver_sql("SHOW lc_ctype").scalar_one()
    assert grams, f"LC_CTYPE {ctype} does not treat Chinese as letters"
