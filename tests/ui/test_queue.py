"""The ticket queue: CaseQueueModel paging, filters and live updates, and the QueuePane around it."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QColor
from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, Grid, SupervisionOrder, Town, Village
from db.session import make_engine, make_sessionmaker
from db.vocab import OPEN_STATUSES, Kind, Level, Role, Severity, Status
from desktop.cases import queue as queue_module
from desktop.cases.deadlines import CLOCK_STATUSES as DEADLINE_CLOCK
from desktop.cases.ladder import Actor
from desktop.cases.queue import QueueFilter, QueueRow, SortKey, fetch_page
from desktop.cases.service import CaseService, NewCase, actor_for
from desktop.pinyin import sort_key
from ui.cases.queue_model import CaseQueueModel
from ui.cases.queue_view import QueuePane, filter_from_dict, filter_to_dict
from ui.labels import duration_label

M = CaseQueueModel
EXTRA = 300  # our cases on top of the demo city's, with ties and every SLA state
UNIQUE_TITLE = "养殖场异味扰民"
OPEN = sorted(str(s) for s in OPEN_STATUSES)
CLOCK_STATUSES = [Status.REPORTED, Status.ACCEPTED, Status.IN_PROGRESS, Status.ESCALATED]


@dataclass
class QueueDb:
    engine: Engine
    sessions: sessionmaker[Session]
    now: dt.datetime
    dispatcher: Actor
    town_staff: Actor  # staff of 东阁街道 (pinyin dgjd)
    town_id: int

    def clock(self) -> dt.datetime:
        return self.now

    def count(self, *where: Any) -> int:
        with self.sessions() as s:
            return int(s.scalar(select(func.count()).select_from(Case).where(*where)) or 0)


def _extra_cases(s: Session, now: dt.datetime, dispatcher_id: int) -> None:
    """Cases with every status, level and SLA state; updated_at ties in threes so that page
    boundaries fall inside ties."""
    towns = [s.scalars(select(Town).where(Town.pinyin == p)).one() for p in ("dgjd", "lyjd", "ncz")]
    places = []
    for town in towns:
        village = s.scalars(select(Village).where(Village.town_id == town.id).order_by(Village.id)).first()
        assert village is not None
        grid = s.scalars(select(Grid).where(Grid.village_id == village.id).order_by(Grid.id)).first()
        assert grid is not None
        places.append((town, village, grid))
    statuses = [*CLOCK_STATUSES, Status.RESOLVED, Status.CLOSED]
    rows = []
    for i in range(EXTRA):
        town, village, grid = places[i % 3]
        updated = now - dt.timedelta(minutes=i // 3)
        kind = list(Kind)[i % 3]
        due: dt.datetime | None
        if i % 10 == 0:
            warn = due = None  # a case whose clock never started
        elif i % 5 == 1:
            warn, due = now - dt.timedelta(hours=8), now - dt.timedelta(hours=2)  # overdue
        elif i % 5 == 2:
            warn, due = now - dt.timedelta(hours=1), now + dt.timedelta(hours=5)  # near due
        else:
            warn, due = now + dt.timedelta(days=2), now + dt.timedelta(days=3, minutes=i)
        rows.append(
            {
                "number": f"QT-2026-{i:06d}",
                "kind": str(kind),
                "category": {Kind.DISPUTE: "land", Kind.HAZARD: "work_safety", Kind.ERRAND: "medical"}[kind],
                "title": UNIQUE_TITLE if i == 123 else f"{village.name}测试纠纷{i}",
                "lat": float(grid.lat or 0),
                "lon": float(grid.lon or 0),
                "town_id": town.id,
                "village_id": village.id,
                "grid_id": grid.id,
                "severity": 1 + i % 4,
                "status": str(statuses[i % len(statuses)]),
                "level": 1 + (i // 2) % 3,
                "assignee_user_id": dispatcher_id if i % 7 == 0 else None,
                "reported_at": updated - dt.timedelta(days=1),
                "updated_at": updated,
                "sla_started_at": updated - dt.timedelta(days=1),
                "sla_warn_at": warn,
                "sla_due_at": due,
            }
        )
    s.execute(insert(Case), rows)
    city_cases = s.scalars(
        select(Case.id)
        .where(Case.number.like("QT-%"), Case.level == int(Level.CITY))
        .order_by(Case.id)
        .limit(12)
    ).all()
    for n, case_id in enumerate(city_cases):
        s.add(
            SupervisionOrder(
                case_id=case_id,
                instruction="请限期办结",
                issued_at=now - dt.timedelta(days=1),
                deadline=now + dt.timedelta(days=2),
                status="open" if n % 3 else "signed_off",
            )
        )


BACKGROUND: list[weakref.ref[CaseQueueModel]] = []  # background models made by this module's tests


@pytest.fixture
def qdb(demo_engine: Engine, qapp: Any) -> Iterator[QueueDb]:
    sessions = make_sessionmaker(demo_engine)
    # The demo city's history ends at the real "now" of its build; the queue's clock runs just after.
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with sessions.begin() as s:
        dispatcher = actor_for(s, "dispatcher")
        assert dispatcher.user_id is not None
        _extra_cases(s, now, dispatcher.user_id)
        town_id = s.scalars(select(Town.id).where(Town.pinyin == "dgjd")).one()
        town_staff = actor_for(s, f"town{town_id:02d}")
    assert town_staff.role == Role.TOWN_STAFF and town_staff.town_id == town_id
    yield QueueDb(demo_engine, sessions, now, dispatcher, town_staff, town_id)
    # Reads still on a worker would hold a connection past the engine's disposal.
    for ref in BACKGROUND:
        model = ref()
        if model is not None:
            with contextlib.suppress(RuntimeError):  # its Qt half is gone: its pool waited then
                model.wait(10_000)
    BACKGROUND.clear()
    qapp.processEvents()


def make_model(qdb: QueueDb, actor: Actor | None = None, **kw: Any) -> CaseQueueModel:
    model = CaseQueueModel(qdb.sessions, actor or qdb.dispatcher, qdb.clock, **kw)
    if model.background:
        BACKGROUND.append(weakref.ref(model))
    return model


def load_all(model: CaseQueueModel) -> list[QueueRow]:
    # Bounded: a keyset cursor that fails to advance would otherwise page forever.
    for _ in range(1000):
        if not model.canFetchMore():
            return [model.row_at(i) for i in range(model.rowCount())]
        model.fetchMore()
    raise AssertionError(f"paging did not end after 1000 pages ({model.rowCount()} rows)")


def row_index(model: CaseQueueModel, case_id: int, col: int = 0) -> QModelIndex:
    row = model.row_of(case_id)
    assert row is not None
    return model.index(row, col)


class SignalLog:
    """Every structural and data signal of a model, in order."""

    def __init__(self, model: CaseQueueModel) -> None:
        self.events: list[tuple[Any, ...]] = []
        model.dataChanged.connect(
            lambda a, b, roles=(): self.events.append(("data", a.row(), a.column(), b.row(), b.column()))
        )
        model.rowsInserted.connect(lambda _p, first, last: self.events.append(("insert", first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.events.append(("remove", first, last)))
        model.modelReset.connect(lambda: self.events.append(("reset",)))
        model.layoutChanged.connect(lambda: self.events.append(("layout",)))

    def kinds(self) -> list[str]:
        return [e[0] for e in self.events]


# --- the model -------------------------------------------------------------------------------


def test_model_passes_the_model_tester(qdb: QueueDb, qtmodeltester: Any) -> None:
    model = make_model(qdb)
    qtmodeltester.check(model, force_py=True)


def test_model_stays_consistent_through_live_updates_and_resets(qdb: QueueDb, qtmodeltester: Any) -> None:
    model = make_model(qdb)
    # Both testers call fetchMore() from inside their modelReset/rowsInserted handlers, before
    # they mark that change finished, and then take the rows a synchronous fetchMore inserts for
    # a change nested in it. So the model is attached with every page read, and resets below
    # use filters that fit in one page.
    load_all(model)
    qtmodeltester.check(model, force_py=True)
    with qdb.sessions() as s:
        changed, gone = (
            s.scalars(select(Case.id).where(Case.number == f"QT-2026-{i:06d}")).one() for i in (5, 7)
        )
    with qdb.sessions() as s:
        grid = s.scalars(select(Grid).order_by(Grid.id)).first()
        assert grid is not None
    new = CaseService(qdb.sessions, clock=qdb.clock).report(
        NewCase(kind=Kind.DISPUTE, category="land", title="土地纠纷", lat=grid.lat or 0, lon=grid.lon or 0),
        qdb.dispatcher,
    )
    with qdb.sessions.begin() as s:
        s.execute(update(Case).where(Case.id == changed).values(title="改", version=Case.version + 1))
        s.execute(delete(SupervisionOrder).where(SupervisionOrder.case_id == gone))
        s.execute(delete(Case).where(Case.id == gone))
    model.apply_changes([changed, gone, new.id])
    assert model.row_of(new.id) == 0 and model.row_of(gone) is None
    assert model.data(row_index(model, changed, M.COL_TITLE)) == "改"
    model.set_filter(QueueFilter(statuses=frozenset({Status.ESCALATED})))
    assert model.exhausted
    model.sort(M.COL_SLA, Qt.SortOrder.AscendingOrder)
    model.sort(M.COL_NUMBER, Qt.SortOrder.AscendingOrder)
    escalated = model.loaded_ids()
    with qdb.sessions.begin() as s:
        s.execute(update(Case).where(Case.id == escalated[0]).values(status=str(Status.ACCEPTED)))
    model.apply_changes([escalated[0]])
    assert model.row_of(escalated[0]) is None


def test_first_page_is_200_rows_and_pages_follow_without_repeats(qdb: QueueDb) -> None:
    model = make_model(qdb)
    total = qdb.count()
    assert total > 600  # three full pages and a partial one
    assert model.rowCount() == 200
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 400
    rows = load_all(model)
    assert not model.canFetchMore()
    assert len(rows) == total
    assert len({r.id for r in rows}) == total


@pytest.mark.parametrize(
    ("column", "key"),
    [
        (M.COL_UPDATED, SortKey.UPDATED),
        (M.COL_SLA, SortKey.DUE),
        (M.COL_SEVERITY, SortKey.SEVERITY),
        (M.COL_NUMBER, SortKey.NUMBER),
    ],
)
def test_each_sort_key_pages_in_the_same_order_as_one_query(qdb: QueueDb, column: int, key: SortKey) -> None:
    # A page size of 7 puts page boundaries inside runs of equal sort values (ties on updated_at
    # and severity), where a keyset cursor without the id tie-break would skip or repeat rows.
    model = make_model(qdb, page_size=7)
    model.sort(column, Qt.SortOrder.AscendingOrder)
    assert model.current_filter.sort == key
    assert model.sort_column() == column
    rows = load_all(model)
    with qdb.sessions() as s:
        expected = fetch_page(s, qdb.dispatcher, QueueFilter(sort=key), limit=100_000, now=qdb.now)
    assert [r.id for r in rows] == [r.id for r in expected]
    keys = [(r.sort_value, r.id) for r in rows]
    descending = model.sort_order() == Qt.SortOrder.DescendingOrder
    assert keys == sorted(keys, reverse=descending)


def test_sorting_on_a_column_sql_cannot_sort_is_ignored(qdb: QueueDb, qtbot: Any) -> None:
    model = make_model(qdb)
    with qtbot.assertNotEmitted(model.modelReset):
        model.sort(M.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert model.current_filter.sort == SortKey.UPDATED


@pytest.mark.both_engines
def test_paging_is_right_when_the_postgresql_session_is_not_utc(qdb: QueueDb) -> None:
    """Regression: the keyset cursor was bound as timestamptz and shifted by the session zone."""
    if qdb.engine.dialect.name != "postgresql":
        pytest.skip("only PostgreSQL has a session time zone")
    url = qdb.engine.url.render_as_string(hide_password=False)
    shanghai = make_engine(url, connect_args={"options": "-c TimeZone=Asia/Shanghai"})
    try:
        sessions = make_sessionmaker(shanghai)
        for key in (SortKey.UPDATED, SortKey.DUE):
            model = CaseQueueModel(
                sessions, qdb.dispatcher, qdb.clock, flt=QueueFilter(sort=key), page_size=50
            )
            rows = load_all(model)
            assert len(rows) == qdb.count()
            assert len({r.id for r in rows}) == len(rows)
    finally:
        shanghai.dispose()


def test_status_level_and_town_filters(qdb: QueueDb) -> None:
    model = make_model(qdb)
    model.set_filter(QueueFilter(statuses=frozenset({Status.ESCALATED})))
    rows = load_all(model)
    assert rows and {r.status for r in rows} == {"escalated"}
    assert len(rows) == qdb.count(Case.status == "escalated")

    model.set_filter(QueueFilter(levels=frozenset({Level.CITY}), open_only=True))
    rows = load_all(model)
    assert rows and all(r.level == 3 and r.status in OPEN for r in rows)
    assert len(rows) == qdb.count(Case.level == 3, Case.status.in_(OPEN))

    model.set_filter(QueueFilter(town_ids=frozenset({qdb.town_id})))
    rows = load_all(model)
    assert rows and {r.town for r in rows} == {"东阁街道"}
    assert len(rows) == qdb.count(Case.town_id == qdb.town_id)


def test_overdue_filter_shows_open_cases_past_their_deadline(qdb: QueueDb) -> None:
    model = make_model(qdb, flt=QueueFilter(overdue=True))
    rows = load_all(model)
    assert rows
    # Overdue as desktop.cases.deadlines defines it: the SLA clock runs (not a resolved case waiting
    # for its return visit) and the deadline has passed.
    clock = [str(s) for s in DEADLINE_CLOCK]
    assert all(r.status in clock and r.sla_due_at is not None and r.sla_due_at < qdb.now for r in rows)
    assert len(rows) == qdb.count(Case.status.in_(clock), Case.sla_due_at < qdb.now)


def test_text_search_by_number_chinese_title_and_town_pinyin(qdb: QueueDb) -> None:
    model = make_model(qdb, flt=QueueFilter(text="QT-2026-000042"))
    assert [model.row_at(i).number for i in range(model.rowCount())] == ["QT-2026-000042"]

    model.set_filter(QueueFilter(text="异味扰民"))  # a substring of one title
    assert UNIQUE_TITLE in {model.row_at(i).title for i in range(model.rowCount())}

    model.set_filter(QueueFilter(text="dgj"))  # a prefix of 东阁街道's pinyin initials
    rows = load_all(model)
    with qdb.sessions() as s:
        villages = set(s.scalars(select(Village.name).where(Village.pinyin.like("dgj%"))))
    assert rows and all(r.town == "东阁街道" or r.village in villages for r in rows)
    assert sum(r.town == "东阁街道" for r in rows) == qdb.count(Case.town_id == qdb.town_id)


def test_town_staff_see_only_their_town(qdb: QueueDb) -> None:
    model = make_model(qdb, actor=qdb.town_staff)
    rows = load_all(model)
    assert rows and {r.town for r in rows} == {"东阁街道"}
    assert len(rows) == qdb.count(Case.town_id == qdb.town_id)
    # Asking for another town's cases finds nothing rather than leaking them.
    with qdb.sessions() as s:
        other = s.scalars(select(Town.id).where(Town.pinyin == "lyjd")).one()
    model.set_filter(QueueFilter(town_ids=frozenset({other})))
    assert model.rowCount() == 0
    counts = model.counters()
    assert sum(v for k, v in counts.items() if k.startswith("status:")) == qdb.count(
        Case.town_id == qdb.town_id, Case.status.in_(OPEN)
    )


def test_changed_case_emits_data_changed_for_exactly_its_row(qdb: QueueDb) -> None:
    model = make_model(qdb)
    target = model.row_at(17)
    log = SignalLog(model)
    with qdb.sessions.begin() as s:
        s.execute(
            update(Case).where(Case.id == target.id).values(title="标题已修改", version=Case.version + 1)
        )
    model.apply_changes([target.id])
    assert log.events == [("data", 17, 0, 17, M.COLUMN_COUNT - 1)]
    assert model.data(model.index(17, M.COL_TITLE)) == "标题已修改"
    assert model.data(model.index(17, 0), M.VersionRole) == target.version + 1
    assert model.rowCount() == 200


def test_case_that_stops_matching_is_removed(qdb: QueueDb) -> None:
    model = make_model(qdb, flt=QueueFilter(statuses=frozenset({Status.REPORTED})))
    before = model.rowCount()
    target = model.row_at(3)
    log = SignalLog(model)
    with qdb.sessions.begin() as s:
        s.execute(update(Case).where(Case.id == target.id).values(status=str(Status.ACCEPTED)))
    model.apply_changes([target.id])
    assert log.events == [("remove", 3, 3)]
    assert model.row_of(target.id) is None
    assert model.rowCount() == before - 1


def test_new_case_appears_at_the_top_in_the_default_order(qdb: QueueDb) -> None:
    model = make_model(qdb)
    with qdb.sessions() as s:
        grid = s.scalars(select(Grid).where(Grid.town_id == qdb.town_id).order_by(Grid.id)).first()
        assert grid is not None
    service = CaseService(qdb.sessions, clock=qdb.clock)
    case = service.report(
        NewCase(
            kind=Kind.DISPUTE,
            category="neighbour",
            title="新上报的邻里纠纷",
            lat=grid.lat or 0,
            lon=grid.lon or 0,
        ),
        qdb.dispatcher,
    )
    log = SignalLog(model)
    model.apply_changes([case.id])
    assert log.events == [("insert", 0, 0)]
    assert model.data(model.index(0, 0), M.CaseIdRole) == case.id
    assert model.data(model.index(0, M.COL_TITLE)) == "新上报的邻里纠纷"


def test_new_case_beyond_the_loaded_pages_waits_for_its_page(qdb: QueueDb) -> None:
    model = make_model(qdb, flt=QueueFilter(sort=SortKey.DUE))
    with qdb.sessions.begin() as s:
        far = s.scalars(select(Case.id).where(Case.number == "QT-2026-000299")).one()
        s.execute(
            update(Case)
            .where(Case.id == far)
            .values(status=str(Status.REPORTED), sla_due_at=qdb.now + dt.timedelta(days=300))
        )
    assert model.row_of(far) is None
    model.apply_changes([far])
    assert model.row_of(far) is None  # it would sort after the last loaded row
    rows = load_all(model)
    assert [r.id for r in rows].count(far) == 1
    assert rows[-1].id == far or rows[-1].sla_due_at is None or rows[-1].sla_due_at > qdb.now


def test_row_moved_past_the_cursor_is_not_listed_twice(qdb: QueueDb) -> None:
    model = make_model(qdb, flt=QueueFilter(sort=SortKey.DUE))
    first = model.row_at(0)
    with qdb.sessions.begin() as s:
        s.execute(update(Case).where(Case.id == first.id).values(sla_due_at=qdb.now + dt.timedelta(days=400)))
    model.apply_changes([first.id])
    assert model.row_of(first.id) == 0  # replaced in place: rows do not jump under the user
    rows = load_all(model)
    assert len(rows) == len({r.id for r in rows}) == qdb.count()


def test_escalation_is_signalled_once(qdb: QueueDb, qtbot: Any) -> None:
    model = make_model(qdb)
    seen: list[tuple[int, str, str]] = []
    model.escalated.connect(lambda cid, number, title: seen.append((cid, number, title)))
    result = CaseService(qdb.sessions, clock=qdb.clock).sweep(qdb.now)
    assert result.escalated
    model.apply_changes(result.escalated)
    assert sorted(cid for cid, _, _ in seen) == sorted(result.escalated)
    with qdb.sessions() as s:
        found = s.execute(select(Case.id, Case.number).where(Case.id.in_(result.escalated)))
        numbers = {case_id: number for case_id, number in found}
    assert all(numbers[cid] == number and title for cid, number, title in seen)
    # The same change arriving again (live feed and the case panel both report it) is no news.
    model.apply_changes(result.escalated)
    assert len(seen) == len(result.escalated)
    # Already escalated when the page was read, then commented on: not a new escalation.
    model.set_filter(QueueFilter(statuses=frozenset({Status.ESCALATED})))
    old = next(
        model.row_at(i).id for i in range(model.rowCount()) if model.row_at(i).id not in result.escalated
    )
    with qdb.sessions.begin() as s:
        s.execute(update(Case).where(Case.id == old).values(version=Case.version + 1))
    with qtbot.assertNotEmitted(model.escalated):
        model.apply_changes([old])


def test_sla_column_colours_and_text(qdb: QueueDb) -> None:
    model = make_model(qdb)
    rows = load_all(model)
    overdue = next(
        r
        for r in rows
        if r.status in OPEN and r.status != "resolved" and r.sla_due_at and r.sla_due_at < qdb.now
    )
    index = row_index(model, overdue.id, M.COL_SLA)
    colour = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(colour, QColor)
    assert colour.red() > 150 and colour.green() < 100 and colour.blue() < 100
    assert model.data(index, M.SlaStateRole) == "breached"
    assert str(model.data(index)).startswith("-")

    warning = next(
        r
        for r in rows
        if r.status in {str(s) for s in CLOCK_STATUSES}
        and r.sla_warn_at is not None
        and r.sla_due_at is not None
        and r.sla_warn_at <= qdb.now < r.sla_due_at
    )
    index = row_index(model, warning.id, M.COL_SLA)
    assert model.data(index, M.SlaStateRole) == "warning"
    amber = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(amber, QColor) and amber.red() > amber.blue() and amber.green() > amber.blue()

    resolved = next(r for r in rows if r.status == "resolved")
    index = row_index(model, resolved.id, M.COL_SLA)
    assert model.data(index) == "—"
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None


def test_duration_label_forms() -> None:
    assert duration_label(dt.timedelta(days=2, hours=4, minutes=10)) == "2d 4h"
    assert duration_label(dt.timedelta(hours=3, minutes=20)) == "3h 20m"
    assert duration_label(dt.timedelta(minutes=45)) == "45m"
    assert duration_label(-dt.timedelta(hours=3)) == "-3h"
    assert duration_label(-dt.timedelta(days=1, hours=2)) == "-1d 2h"
    assert duration_label(-dt.timedelta(days=232, hours=5)) == "-232d"  # hours are noise by then


def test_changed_row_flashes_briefly(qdb: QueueDb, qtbot: Any) -> None:
    model = make_model(qdb, flash_ms=100)
    target = model.row_at(4)
    with qdb.sessions.begin() as s:
        s.execute(update(Case).where(Case.id == target.id).values(version=Case.version + 1))
    model.apply_changes([target.id])
    assert model.data(model.index(4, M.COL_TITLE), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(5, M.COL_TITLE), Qt.ItemDataRole.BackgroundRole) is None
    with qtbot.waitSignal(model.dataChanged, timeout=2000) as blocker:
        pass
    top_left = blocker.args[0]
    assert top_left.row() == 4
    assert model.data(model.index(4, M.COL_TITLE), Qt.ItemDataRole.BackgroundRole) is None


def test_header_and_roles(qdb: QueueDb) -> None:
    model = make_model(qdb)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[M.COL_NUMBER] == "Number" and headers[M.COL_SLA] == "Time left"
    row = model.row_at(0)
    index = model.index(0, 0)
    assert model.data(index, M.CaseIdRole) == row.id
    assert model.data(index, M.LatLonRole) == (row.lat, row.lon)
    assert model.data(index, M.SeverityRole) == row.severity
    assert model.data(index, M.SortValueRole) == row.updated_at
    assert model.data(model.index(0, M.COL_PLACE)) == f"{row.town} / {row.village}"


# --- the pane --------------------------------------------------------------------------------


# Qt's offscreen platform logs this on every top-level show(); nothing else is ignored.
pane_tests = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def pane(qdb: QueueDb, qtbot: Any, tmp_path: Path) -> Iterator[QueuePane]:
    settings = QSettings(str(tmp_path / "concord.ini"), QSettings.Format.IniFormat)
    # Synchronous reads: these tests check what the pane does with rows, step by step; the
    # background mode the window uses has tests of its own below.
    widget = QueuePane(qdb.sessions, qdb.dispatcher, settings, clock=qdb.clock, background=False)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget


@pane_tests
def test_search_is_debounced(pane: QueuePane, qtbot: Any) -> None:
    applied: list[QueueFilter] = []
    pane.filterChanged.connect(applied.append)
    qtbot.keyClicks(pane.search, "QT-2026-000042")
    assert pane.model.current_filter.text == ""  # nothing queried while typing
    qtbot.waitUntil(lambda: pane.model.current_filter.text == "QT-2026-000042", timeout=2000)
    qtbot.wait(pane.SEARCH_DEBOUNCE_MS + 100)
    assert len(applied) == 1
    assert pane.model.rowCount() == 1


@pane_tests
def test_filter_widgets_build_the_filter(pane: QueuePane, qdb: QueueDb) -> None:
    pane.status_combo.setCurrentIndex(pane.status_combo.findData("escalated"))
    pane.toggles["overdue"].setChecked(True)
    pane.town_combo.setCurrentIndex(pane.town_combo.findData(qdb.town_id))
    flt = pane.model.current_filter
    assert flt.statuses == {Status.ESCALATED} and flt.overdue and flt.town_ids == {qdb.town_id}
    # Towns are listed in full pinyin order (白沙河 < 长乐 < 崔家集).
    with qdb.sessions() as s:
        names = sorted(s.scalars(select(Town.name)), key=lambda n: (sort_key(n), n))
    assert [pane.town_combo.itemText(i) for i in range(1, pane.town_combo.count())] == names


@pane_tests
def test_select_case_fetches_pages_until_found(pane: QueuePane, qdb: QueueDb) -> None:
    selected: list[int] = []
    pane.caseSelected.connect(selected.append)
    with qdb.sessions() as s:
        everything = fetch_page(s, qdb.dispatcher, QueueFilter(), limit=100_000, now=qdb.now)
    far = everything[450].id  # on the third page
    assert pane.model.row_of(far) is None
    assert pane.select_case(far)
    assert pane.selected_ids() == [far]
    assert selected == [far]
    assert pane.table.currentIndex().row() == pane.model.row_of(far)


@pane_tests
def test_select_case_gives_up_after_its_page_bound(pane: QueuePane, qdb: QueueDb) -> None:
    with qdb.sessions() as s:
        everything = fetch_page(s, qdb.dispatcher, QueueFilter(), limit=100_000, now=qdb.now)
    pane.SELECT_MAX_PAGES = 1
    assert not pane.select_case(everything[650].id)  # four pages down
    assert pane.model.rowCount() == 400


@pane_tests
def test_select_case_outside_the_filter_reads_no_pages(pane: QueuePane, qdb: QueueDb) -> None:
    pane.toggles["overdue"].setChecked(True)
    with qdb.sessions() as s:
        not_overdue = s.scalars(select(Case.id).where(Case.status == "closed").limit(1)).one()
    rows = pane.model.rowCount()
    assert not pane.select_case(not_overdue)
    assert pane.model.rowCount() == rows


@pane_tests
def test_next_case_moves_down_one_row(pane: QueuePane) -> None:
    pane.next_case()
    assert pane.table.currentIndex().row() == 0
    pane.next_case()
    assert pane.table.currentIndex().row() == 1
    assert pane.selected_ids() == [pane.model.case_id_at(1)]


@pane_tests
def test_live_insert_keeps_selection_and_visible_rows(pane: QueuePane, qdb: QueueDb, qtbot: Any) -> None:
    pane.table.scrollTo(pane.model.index(80, 0), pane.table.ScrollHint.PositionAtTop)
    pane.select_case(pane.model.case_id_at(85))
    chosen = pane.selected_ids()
    top_before = pane.model.case_id_at(pane.table.rowAt(0))
    with qdb.sessions() as s:
        grid = s.scalars(select(Grid).order_by(Grid.id)).first()
        assert grid is not None
    case = CaseService(qdb.sessions, clock=qdb.clock).report(
        NewCase(
            kind=Kind.HAZARD, category="work_safety", title="新隐患", lat=grid.lat or 0, lon=grid.lon or 0
        ),
        qdb.dispatcher,
    )
    pane.apply_changes([case.id])
    assert pane.model.row_of(case.id) == 0
    assert pane.selected_ids() == chosen
    assert pane.model.case_id_at(pane.table.rowAt(0)) == top_before


@pane_tests
def test_header_click_sorts_supported_columns_only(pane: QueuePane) -> None:
    header = pane.table.horizontalHeader()
    pane.table.sortByColumn(M.COL_SLA, Qt.SortOrder.DescendingOrder)
    assert pane.model.current_filter.sort == SortKey.DUE
    # Each key has one direction; the indicator shows the one really used.
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        M.COL_SLA,
        Qt.SortOrder.AscendingOrder,
    )
    pane.table.sortByColumn(M.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert pane.model.current_filter.sort == SortKey.DUE
    assert header.sortIndicatorSection() == M.COL_SLA


@pane_tests
def test_filter_state_round_trip(pane: QueuePane, qdb: QueueDb, qtbot: Any) -> None:
    pane.level_combo.setCurrentIndex(pane.level_combo.findData(int(Level.TOWN)))
    pane.toggles["supervised"].setChecked(True)
    pane.table.sortByColumn(M.COL_SEVERITY, Qt.SortOrder.DescendingOrder)
    pane.search.setText("测试")  # still waiting for the debounce: saved all the same
    state = pane.filter_state_json()
    other = QueuePane(qdb.sessions, qdb.dispatcher, None, clock=qdb.clock, background=False)
    qtbot.addWidget(other)
    other.restore_filter_state_json(state)
    flt = other.model.current_filter
    assert flt.levels == {Level.TOWN} and flt.supervised and flt.text == "测试"
    assert flt.sort == SortKey.SEVERITY
    assert other.table.horizontalHeader().sortIndicatorSection() == M.COL_SEVERITY
    other.restore_filter_state_json("not json")  # a damaged setting is ignored
    assert other.model.current_filter == flt


def test_filter_dict_drops_unknown_values() -> None:
    flt = QueueFilter(statuses=frozenset({Status.REPORTED}), min_severity=Severity.MAJOR, sort=SortKey.DUE)
    assert filter_from_dict(filter_to_dict(flt)) == flt
    odd = filter_from_dict({"statuses": ["reported", "bogus"], "levels": [9], "sort": "sideways"})
    assert odd == QueueFilter(statuses=frozenset({Status.REPORTED}))


@pane_tests
def test_presets_apply_save_and_delete(pane: QueuePane, qdb: QueueDb) -> None:
    name, flt = next((n, f) for n, f in pane.builtin_presets() if f.supervised)
    assert name == "City-level supervision"
    pane.set_filter(flt)
    assert pane.model.current_filter == flt
    assert pane.level_combo.currentData() == int(Level.CITY) and pane.toggles["supervised"].isChecked()
    rows = load_all(pane.model)
    assert rows and all(r.level == 3 for r in rows)

    pane.save_preset("我的筛选")
    reopened = QueuePane(qdb.sessions, qdb.dispatcher, pane._settings, clock=qdb.clock, background=False)
    assert [n for n, _ in reopened.saved_presets()] == ["我的筛选"]
    assert reopened.saved_presets()[0][1] == flt
    reopened.delete_preset("我的筛选")
    assert pane.saved_presets() == []
    reopened.deleteLater()


@pane_tests
def test_counters_strip_counts_and_filters(pane: QueuePane, qdb: QueueDb) -> None:
    overdue = qdb.count(Case.status.in_([str(s) for s in DEADLINE_CLOCK]), Case.sla_due_at < qdb.now)
    assert pane.counter_buttons["overdue"].text().endswith(f" {overdue}")
    escalated = qdb.count(Case.status == "escalated")
    assert pane.counter_buttons["status:escalated"].text().endswith(f" {escalated}")
    pane.counter_buttons["overdue"].click()
    assert pane.model.current_filter.overdue
    pane.counter_buttons["overdue"].click()
    assert not pane.model.current_filter.overdue


def test_town_staff_pane_hides_the_town_choice(qdb: QueueDb, qtbot: Any) -> None:
    widget = QueuePane(qdb.sessions, qdb.town_staff, None, clock=qdb.clock, background=False)
    qtbot.addWidget(widget)
    assert widget.town_combo.isHidden()
    assert widget.town_combo.count() == 2  # "All towns" and their own
    name, flt = widget.builtin_presets()[0]
    assert name == "My town's overdue" and flt.town_ids == {qdb.town_id} and flt.overdue


# --- reads off the GUI thread (the window's background mode) -------------------------------------


class GatedReads:
    """Wraps desktop.cases.queue.fetch_page: records the threads it runs on, and holds back the reads
    a test chooses (after they have read the database) until it releases them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.threads: set[int] = set()
        self.hold: Callable[[QueueFilter, QueueRow | None], bool] = lambda _f, _a: False
        self.gate = threading.Event()
        self.held = threading.Event()
        real = queue_module.fetch_page

        def fetch(s: Session, actor: Actor, flt: QueueFilter, **kw: Any) -> list[QueueRow]:
            self.threads.add(threading.get_ident())
            page = real(s, actor, flt, **kw)
            if self.hold(flt, kw.get("after")):
                self.held.set()
                assert self.gate.wait(10), "the test never released the read"
            return page

        monkeypatch.setattr(queue_module, "fetch_page", fetch)


# Connections of the PostgreSQL template build (tests/conftest.py) are garbage-collected open at
# some later moment; these tests' worker threads shift that moment into them, and pytest turns
# the psycopg ResourceWarning into a failure of whichever test runs then. Not these tests' leak.
background_tests = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture
def gated(monkeypatch: pytest.MonkeyPatch) -> GatedReads:
    return GatedReads(monkeypatch)


def settle(model: CaseQueueModel, qtbot: Any) -> None:
    """Wait until no read is in flight and every result has been applied."""
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)
    assert model.wait(10_000)
    qtbot.wait(20)  # queued results of finished workers
    qtbot.waitUntil(lambda: not model.loading, timeout=10_000)


@background_tests
def test_background_model_reads_on_workers_and_passes_the_model_tester(
    qdb: QueueDb, qtbot: Any, qtmodeltester: Any, gated: GatedReads
) -> None:
    model = make_model(qdb, background=True)
    assert model.rowCount() == 200 and not model.loading  # the initial page: before the window shows
    gated.threads.clear()
    with qtbot.waitSignal(model.modelReset, timeout=10_000):
        model.reload()
        # The rows shown stay until the new ones come; nothing more is read meanwhile.
        assert model.loading and model.rowCount() == 200 and not model.canFetchMore()
    assert not model.loading and model.canFetchMore()
    assert gated.threads and threading.get_ident() not in gated.threads
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.fetchMore()
        model.fetchMore()  # a second call while the page is read is ignored, not a second read
    settle(model, qtbot)
    assert model.rowCount() == 400
    ids = model.loaded_ids()
    assert len(set(ids)) == 400
    with qdb.sessions() as s:
        expected = fetch_page(s, qdb.dispatcher, QueueFilter(), limit=400, now=qdb.now)
    assert ids == [r.id for r in expected]
    qtmodeltester.check(model, force_py=True)
    settle(model, qtbot)


@background_tests
def test_first_page_of_an_abandoned_filter_is_never_shown(
    qdb: QueueDb, qtbot: Any, gated: GatedReads
) -> None:
    escalated = QueueFilter(statuses=frozenset({Status.ESCALATED}))
    model = make_model(qdb, background=True, flt=escalated)
    gated.hold = lambda flt, _after: flt == escalated
    model.reload()
    assert gated.held.wait(10)  # the escalated page has been read and waits to be delivered
    closed = QueueFilter(statuses=frozenset({Status.CLOSED}))
    model.set_filter(closed)
    assert model.current_filter == closed
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    gated.gate.set()
    settle(model, qtbot)
    rows = [model.row_at(i) for i in range(model.rowCount())]
    assert rows and all(r.status == "closed" for r in rows)


@background_tests
def test_next_page_in_flight_is_dropped_after_a_filter_change(
    qdb: QueueDb, qtbot: Any, gated: GatedReads
) -> None:
    model = make_model(qdb, background=True)
    settle(model, qtbot)
    gated.hold = lambda _flt, after: after is not None
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first, _last: inserted.append(first))
    model.fetchMore()
    assert gated.held.wait(10)
    assert model.loading
    hazard = QueueFilter(kinds=frozenset({Kind.HAZARD}))
    model.set_filter(hazard)
    qtbot.waitUntil(lambda: model.current_filter == hazard and not model.loading, timeout=10_000)
    gated.hold = lambda _flt, _after: False
    gated.gate.set()
    settle(model, qtbot)
    assert inserted == []  # the old filter's second page never arrived
    with qdb.sessions() as s:
        expected = fetch_page(s, qdb.dispatcher, hazard, now=qdb.now)
    assert model.loaded_ids() == [r.id for r in expected]


@background_tests
def test_live_change_during_a_first_load_is_merged_after_it(
    qdb: QueueDb, qtbot: Any, gated: GatedReads
) -> None:
    model = make_model(qdb, background=True)
    gated.hold = lambda _flt, after: after is None
    model.reload()
    assert gated.held.wait(10)  # the first page is read: the new case is not in it
    with qdb.sessions() as s:
        grid = s.scalars(select(Grid).order_by(Grid.id)).first()
        assert grid is not None
    case = CaseService(qdb.sessions, clock=qdb.clock).report(
        NewCase(
            kind=Kind.HAZARD, category="work_safety", title="新隐患", lat=grid.lat or 0, lon=grid.lon or 0
        ),
        qdb.dispatcher,
    )
    model.apply_changes([case.id])  # held back: the page in flight may predate it
    gated.gate.set()
    settle(model, qtbot)
    assert model.row_of(case.id) == 0
    assert model.rowCount() == 201


@background_tests
def test_background_pane_shows_loading_counts_and_selects_off_the_gui_thread(
    qdb: QueueDb, qtbot: Any, gated: GatedReads
) -> None:
    pane = QueuePane(qdb.sessions, qdb.dispatcher, None, clock=qdb.clock)
    BACKGROUND.append(weakref.ref(pane.model))
    qtbot.addWidget(pane)
    pane.show()
    pane.set_filter(QueueFilter(text="没有这样的案件"))
    settle(pane.model, qtbot)
    assert pane.model.rowCount() == 0
    gated.hold = lambda _flt, after: after is None
    pane.clear_filters()
    assert gated.held.wait(10)
    assert pane.loading_label.isVisible()
    pane.next_case()  # before any row is there: the first row is selected when it comes
    gated.hold = lambda _flt, _after: False
    gated.gate.set()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 200, timeout=10_000)
    settle(pane.model, qtbot)
    assert not pane.loading_label.isVisible()
    assert pane.table.currentIndex().row() == 0
    escalated = qdb.count(Case.status == "escalated")
    qtbot.waitUntil(
        lambda: pane.counter_buttons["status:escalated"].text().endswith(f" {escalated}"), timeout=10_000
    )
    with qdb.sessions() as s:
        everything = fetch_page(s, qdb.dispatcher, QueueFilter(), limit=100_000, now=qdb.now)
    far = everything[450].id  # on the third page
    selected: list[int] = []
    pane.caseSelected.connect(selected.append)
    assert not pane.select_case(far)  # not yet: the pages are read on a worker
    qtbot.waitUntil(lambda: selected == [far], timeout=10_000)
    assert pane.model.rowCount() == 600 and pane.selected_ids() == [far]
    settle(pane.model, qtbot)
    pane._counters_timer.stop()


@pane_tests
def test_awaiting_department_toggle_and_preset(pane: QueuePane, qdb: QueueDb) -> None:
    pane.toggles["awaiting_department"].setChecked(True)
    flt = pane.model.current_filter
    assert flt.awaiting_department and flt.department_id is None
    assert filter_from_dict(filter_to_dict(flt)) == flt
    name, preset = next((n, f) for n, f in pane.builtin_presets() if f.awaiting_department)
    assert name == "Awaiting department" and preset.sort == SortKey.DUE
    pane.set_filter(preset)
    assert pane.toggles["awaiting_department"].isChecked()
    rows = load_all(pane.model)
    with qdb.sessions() as s:
        expected = s.scalars(
            select(Case.id).where(Case.status.in_(OPEN), queue_module.awaiting_department())
        ).all()
    assert sorted(r.id for r in rows) == sorted(expected)
