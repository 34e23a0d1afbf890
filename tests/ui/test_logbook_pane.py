"""The sentiment-log book (pytest-qt): the models pass the model tester, filters and pinyin search
reach the table, a log becomes a case from the prefilled confirmation (and cannot twice), the
coverage table sorts lowest first, and the window links the book, the case panel and the map."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from db.models import Case, SentimentLog, Village, Worker
from db.session import make_sessionmaker
from db.vocab import Role, Severity
from desktop import logbook
from desktop.cases.ladder import Actor
from desktop.cases.service import CaseService, actor_for
from desktop.clock import CHINA_TZ
from desktop.logbook import LogFilter
from ui.logbook_model import CoverageModel, LogBookModel
from ui.logbook_pane import ConvertLogDialog, LogBookPane
from ui.main_window import AppContext, MainWindow  # (imported early: it registers the map's URL scheme)
from ui.tasks import TaskRunner

WAIT_MS = 15_000


@dataclass
class Book:
    engine: Engine
    sessions: sessionmaker[Session]
    actor: Actor
    service: CaseService
    newest: dt.date  # the local day of the newest log


@pytest.fixture
def book(demo_engine: Engine, qapp: Any) -> Book:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        newest = s.scalar(select(func.max(SentimentLog.visited_at)))
        assert newest is not None
    return Book(demo_engine, sessions, actor, CaseService(sessions), newest.astimezone(CHINA_TZ).date())


@pytest.fixture
def pane(book: Book, qtbot: Any) -> Iterator[LogBookPane]:
    runner = TaskRunner()
    widget = LogBookPane(
        book.sessions, book.service, book.actor, runner, background=False, today=lambda: book.newest
    )
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.show()
    # The towns arrive from the runner, then the first filter is applied.
    qtbot.waitUntil(lambda: widget.town.count() > 1 and widget.model.rowCount() > 0, timeout=WAIT_MS)
    yield widget
    runner.wait()


def test_log_model_passes_the_model_tester(book: Book, qtmodeltester: Any) -> None:
    model = LogBookModel(book.sessions, book.actor, page_size=25)
    model.reload()
    assert model.rowCount() == 25 and model.canFetchMore()
    qtmodeltester.check(model, force_py=True)  # (the tester fetches pages itself)
    loaded = model.rowCount()
    model.fetchMore()
    assert model.rowCount() == loaded + 25  # (the tester, still attached, checks every change)
    # Keyset pages: the same ids in the same order as one query.
    n = model.rowCount()
    with book.sessions() as s:
        expected = [r.id for r in logbook.fetch_page(s, book.actor, LogFilter(), limit=n)]
    assert [model.data(model.index(i, 0), LogBookModel.LogIdRole) for i in range(n)] == expected
    row = model.data(model.index(0, 0), LogBookModel.RowRole)
    assert isinstance(row, logbook.LogRow)
    assert model.roleNames()[LogBookModel.CaseNumberRole] == b"caseNumber"
    model.set_filter(LogFilter(has_case=True))
    assert all(model.data(model.index(i, 0), LogBookModel.CaseIdRole) for i in range(model.rowCount()))
    numbers = {model.data(model.index(i, LogBookModel.COL_CASE)) for i in range(model.rowCount())}
    assert all(str(n).startswith("PD-") for n in numbers)


def test_coverage_model_passes_the_model_tester_and_sorts(book: Book, qtmodeltester: Any) -> None:
    model = CoverageModel()
    with book.sessions() as s:
        rows = logbook.coverage(
            s, book.actor, book.newest - dt.timedelta(days=29), book.newest, level="village"
        )
    model.set_rows(rows, "village")
    qtmodeltester.check(model, force_py=True)
    shares = [model.data(model.index(i, 0), CoverageModel.CoverageRole) for i in range(model.rowCount())]
    known = [v for v in shares if v is not None]
    assert known == sorted(known)  # lowest coverage first
    model.sort(CoverageModel.COL_VISITED, Qt.SortOrder.DescendingOrder)
    visited = [model.row_at(i).visited for i in range(model.rowCount())]
    assert visited == sorted(visited, reverse=True)
    top = model.row_at(0)
    assert model.data(model.index(0, CoverageModel.COL_VISITED)) == f"{top.visited} / {top.households}"
    model.sort(CoverageModel.COL_COVERAGE, Qt.SortOrder.DescendingOrder)
    shares = [model.data(model.index(i, 0), CoverageModel.CoverageRole) for i in range(model.rowCount())]
    known = [v for v in shares if v is not None]
    assert known == sorted(known, reverse=True) and shares[: len(known)] == known


def _ids(pane: LogBookPane) -> set[int]:
    model = pane.model
    while model.canFetchMore():
        model.fetchMore()
    return {model.row_at(i).id for i in range(model.rowCount())}


def test_filters_and_pinyin_search_reach_the_table(pane: LogBookPane, book: Book, qtbot: Any) -> None:
    start = book.newest - dt.timedelta(days=29)
    with book.sessions() as s:
        expected = set(
            s.scalars(
                select(SentimentLog.id).where(
                    SentimentLog.visited_at
                    >= dt.datetime.combine(start, dt.time(), CHINA_TZ).astimezone(dt.UTC)
                )
            )
        )
        first = s.get(SentimentLog, max(expected))
        assert first is not None
        village = s.get(Village, first.village_id)
        worker = s.get(Worker, first.worker_id)
        assert village is not None and worker is not None
    assert _ids(pane) == expected  # opens on the last 30 days
    # The count arrives from the runner, after the rows.
    qtbot.waitUntil(lambda: pane.count_label.text().startswith(str(len(expected))), timeout=WAIT_MS)
    # A town, then one of its villages.
    pane.town.setCurrentIndex(pane.town.findData(first.town_id))
    assert _ids(pane) == {i for i in expected if _town(book, i) == first.town_id}
    qtbot.waitUntil(lambda: pane.village.findData(first.village_id) >= 0, timeout=WAIT_MS)
    pane.village.setCurrentIndex(pane.village.findData(first.village_id))
    assert first.id in _ids(pane)
    assert all(pane.model.row_at(i).village_id == first.village_id for i in range(pane.model.rowCount()))
    qtbot.waitUntil(lambda: pane.worker.findData(first.worker_id) >= 0, timeout=WAIT_MS)
    pane.worker.setCurrentIndex(pane.worker.findData(first.worker_id))
    assert all(pane.model.row_at(i).worker_id == first.worker_id for i in range(pane.model.rowCount()))
    # Back to all towns; the worker's name in pinyin initials, debounced.
    pane.town.setCurrentIndex(0)
    with qtbot.waitSignal(pane.model.filterChanged, timeout=WAIT_MS):
        pane.search.setText(worker.pinyin)
    found = _ids(pane)
    assert first.id in found
    assert pane.model.filter.text == worker.pinyin
    # Has become a case / has not.
    pane.search.clear()
    pane.apply_filter()
    pane.has_case.setCurrentIndex(pane.has_case.findData(False))
    assert all(pane.model.row_at(i).case_id is None for i in range(pane.model.rowCount()))
    # The date range: one day only.
    pane.has_case.setCurrentIndex(0)
    pane.date_from.setDate(pane.date_to.date())
    day = book.newest
    assert all(
        pane.model.row_at(i).visited_at.astimezone(CHINA_TZ).date() == day
        for i in range(pane.model.rowCount())
    )


def _town(book: Book, log_id: int) -> int:
    with book.sessions() as s:
        return int(s.scalar(select(SentimentLog.town_id).where(SentimentLog.id == log_id)) or 0)


def test_convert_a_log_and_refuse_a_second_time(pane: LogBookPane, book: Book, qtbot: Any) -> None:
    pane.has_case.setCurrentIndex(pane.has_case.findData(False))
    row = next(i for i in range(pane.model.rowCount()) if pane.model.row_at(i).lat is not None)
    log = pane.model.row_at(row)
    pane.table.selectRow(row)
    assert pane.current_log is not None and pane.current_log.id == log.id
    assert pane.convert_button.isEnabled() and not pane.case_button.isVisible()
    pane.convert_current()
    qtbot.waitUntil(lambda: pane.dialog is not None and pane.dialog.isVisible(), timeout=WAIT_MS)
    dialog = pane.dialog
    assert isinstance(dialog, ConvertLogDialog)
    # Prefilled from the log: title from its words, its place, its worker.
    assert dialog.title_edit.text() == logbook.title_from(log.content)
    assert log.village in dialog.place.text() and dialog.reporter.text() == log.worker
    # An empty title is refused in the dialog and nothing is filed.
    dialog.title_edit.setText("  ")
    dialog.file_button.click()
    assert dialog.isVisible() and dialog.error.isVisible()
    dialog.title_edit.setText("转办测试：宅基地界址")
    dialog.severity.setCurrentIndex(dialog.severity.findData(int(Severity.SERIOUS)))
    with qtbot.waitSignal(pane.caseFiled, timeout=WAIT_MS) as filed:
        dialog.file_button.click()
    case_id = filed.args[0]
    with book.sessions() as s:
        case = s.get(Case, case_id)
        assert case is not None and case.source_log_id == log.id and case.title == "转办测试：宅基地界址"
        assert case.severity == int(Severity.SERIOUS)
        assert s.scalar(select(SentimentLog.case_id).where(SentimentLog.id == log.id)) == case_id
        number = case.number
        cases_before = s.scalar(select(func.count()).select_from(Case))
    # The row and the detail show the case; the button opens it.
    qtbot.waitUntil(
        lambda: pane.current_log is not None and pane.current_log.case_id == case_id, timeout=WAIT_MS
    )
    pos = pane.model.row_of(log.id)
    assert pos is not None and pane.model.data(pane.model.index(pos, LogBookModel.COL_CASE)) == number
    assert not pane.convert_button.isEnabled()
    assert pane.case_button.isVisible() and number in pane.case_button.text()
    with qtbot.waitSignal(pane.caseRequested, timeout=WAIT_MS) as opened:
        pane.case_button.click()
    assert opened.args == [case_id]
    # Asked again: a clear refusal with the case number, nothing written.
    pane.convert_current()
    assert number in pane.detail_message.text()
    assert pane.dialog is None
    with book.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == cases_before


def test_new_logs_from_the_field_wait_on_a_button(pane: LogBookPane, book: Book, qtbot: Any) -> None:
    with book.sessions() as s:
        template = s.get(SentimentLog, pane.model.row_at(0).id)
        assert template is not None
        newest = template.visited_at
        other_town = s.scalar(
            select(SentimentLog.town_id).where(SentimentLog.town_id != template.town_id).limit(1)
        )

    def add(town_id: int | None = None) -> int:
        with book.sessions.begin() as s:
            src = s.scalar(
                select(SentimentLog).where(SentimentLog.town_id == (town_id or template.town_id)).limit(1)
            )
            assert src is not None
            log = SentimentLog(
                worker_id=src.worker_id,
                town_id=src.town_id,
                village_id=src.village_id,
                grid_id=src.grid_id,
                visited_at=newest + dt.timedelta(minutes=1),
                households_visited=3,
                content="走访3户，新到的日志",
                lat=src.lat,
                lon=src.lon,
            )
            s.add(log)
            s.flush()
            return int(log.id)

    # Filtered to one town: a log of another town is not announced, one of this town is.
    pane.town.setCurrentIndex(pane.town.findData(template.town_id))
    elsewhere, here = add(other_town), add()
    pane.apply_changes([elsewhere, here])
    qtbot.waitUntil(lambda: pane.new_logs_button.isVisible(), timeout=WAIT_MS)
    assert pane.new_logs_button.text().startswith("1")
    assert pane.model.row_of(here) is None  # the rows stay as they were until asked
    pane.new_logs_button.click()
    assert pane.model.row_at(0).id == here and not pane.new_logs_button.isVisible()
    # A shown log that changed (turned into a case elsewhere) is refreshed in place.
    with book.sessions.begin() as s:
        case_id = s.scalar(select(Case.id).limit(1))
        s.get(SentimentLog, here).case_id = case_id  # type: ignore[union-attr]
    pane.apply_changes([here])
    qtbot.waitUntil(lambda: pane.model.row_at(0).case_id == case_id, timeout=WAIT_MS)


def test_live_feed_announces_sentiment_logs(book: Book, qtbot: Any) -> None:
    """Logs the gateway stores (change entity "sentiment_log") and conversions reach the book."""
    from desktop.clock import utcnow
    from desktop.live.feed import record_change
    from ui.live.feed import LiveFeed

    runner = TaskRunner()
    feed = LiveFeed(book.sessions, book.actor, runner, 200)
    feed.start()
    try:
        qtbot.waitUntil(lambda: feed.state == "live", timeout=WAIT_MS)
        with qtbot.waitSignal(feed.logsChanged, timeout=WAIT_MS) as got, book.sessions.begin() as s:
            log_id = int(s.scalar(select(func.max(SentimentLog.id))) or 0)
            record_change(s, "sentiment_log", log_id, "report", None, utcnow())
        assert got.args == [[log_id]]
    finally:
        feed.stop()
        runner.wait()


def test_coverage_tab_shows_lowest_first(pane: LogBookPane, qtbot: Any) -> None:
    pane.coverage_level.setCurrentIndex(pane.coverage_level.findData("town"))
    pane.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: pane.coverage_model.rowCount() > 0, timeout=WAIT_MS)
    model = pane.coverage_model
    shares = [model.row_at(i).coverage for i in range(model.rowCount())]
    known = [v for v in shares if v is not None]
    assert known == sorted(known)
    assert model.headerData(CoverageModel.COL_NAME, Qt.Orientation.Horizontal) == "Town"
    text = model.data(model.index(0, CoverageModel.COL_COVERAGE))
    assert text.endswith("%")
    assert pane.coverage_summary.text()
    # Sorting by clicking the header.
    pane.coverage_table.sortByColumn(CoverageModel.COL_LOGS, Qt.SortOrder.DescendingOrder)
    logs = [model.row_at(i).logs for i in range(model.rowCount())]
    assert logs == sorted(logs, reverse=True)


def test_town_staff_open_on_their_town(book: Book, qtbot: Any) -> None:
    with book.sessions() as s:
        town_id = int(s.scalar(select(SentimentLog.town_id).limit(1)) or 0)
    staff = Actor(book.actor.user_id, Role.TOWN_STAFF, town_id=town_id, name="镇干部")
    runner = TaskRunner()
    widget = LogBookPane(
        book.sessions, book.service, staff, runner, background=False, today=lambda: book.newest
    )
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.town.count() == 1, timeout=WAIT_MS)
    assert widget.town.currentData() == town_id
    assert widget.model.filter.town_ids == frozenset({town_id})
    assert all(widget.model.row_at(i).town_id == town_id for i in range(widget.model.rowCount()))
    runner.wait()


def test_window_links_book_case_panel_and_map(book: Book, qtbot: Any, tmp_path: Any) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(book.engine, book.sessions, book.actor, book.service, settings, "test")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.logbook_dock.toggleViewAction() in window.menuBar().actions()[1].menu().actions()
    with book.sessions() as s:
        log_id, case_id = s.execute(
            select(SentimentLog.id, SentimentLog.case_id).where(SentimentLog.case_id.is_not(None)).limit(1)
        ).one()
    # The case panel shows the case's source log and opens it in the book.
    window.case_panel.set_case(case_id)
    qtbot.waitUntil(lambda: window.case_panel.source_log_id == log_id, timeout=WAIT_MS)
    assert window.case_panel.fields["source_log"].text() not in ("", "—")
    window.logbook_dock.hide()
    window.case_panel.source_log_button.click()
    assert window.logbook_dock.isVisibleTo(window) or not window.isVisible()
    qtbot.waitUntil(
        lambda: window.logbook.current_log is not None and window.logbook.current_log.id == log_id,
        timeout=WAIT_MS,
    )
    assert window.logbook.case_button.text().endswith(window.logbook.current_log.case_number or "")
    window.runner.wait()
    window.logbook.model.wait()
