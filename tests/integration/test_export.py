"""CSV export of the queue's current filter (desktop.cases.export) on SQLite and PostgreSQL: the same
rows as the queue in its order and scope, Excel-safe cells, nothing left behind on cancel."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, update

from db.models import Case
from db.session import make_sessionmaker
from db.vocab import Kind
from desktop.cases import queue
from desktop.cases.export import export_queue_csv, iter_queue
from desktop.cases.queue import QueueFilter, SortKey
from desktop.cases.service import actor_for
from desktop.clock import utcnow
from desktop.progress import Cancelled, Progress

NOW = utcnow()
COLUMNS = [("编号", lambda r: r.number), ("标题", lambda r: r.title), ("镇街", lambda r: r.town)]


def _read(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads the Chinese as UTF-8
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_export_writes_the_queue_rows_in_order(demo_engine: Engine, tmp_path: Path) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        flt = QueueFilter(kinds=frozenset({Kind.DISPUTE}), sort=SortKey.DUE)
        expected = [r.number for r in iter_queue(s, actor, flt, now=NOW, page=37)]
        assert len(expected) == queue.count_matching(s, actor, flt, NOW) > 37
        first_page = [r.number for r in queue.fetch_page(s, actor, flt, limit=20, now=NOW)]
    steps: list[tuple[int, int]] = []
    out = tmp_path / "queue.csv"
    count = export_queue_csv(
        sessions, actor, flt, out, COLUMNS, now=NOW, progress=Progress(lambda d, t, _l: steps.append((d, t)))
    )
    rows = _read(out)
    assert rows[0] == ["编号", "标题", "镇街"]
    assert [r[0] for r in rows[1:]] == expected and count == len(expected)
    assert [r[0] for r in rows[1:21]] == first_page
    assert steps[0] == (0, len(expected)) and steps[-1] == (len(expected), len(expected))
    assert not (tmp_path / "queue.csv.part").exists()


def test_a_town_user_exports_only_their_town(demo_engine: Engine, tmp_path: Path) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        town_user = actor_for(s, "town01")
    out = tmp_path / "town.csv"
    export_queue_csv(sessions, town_user, QueueFilter(), out, COLUMNS, now=NOW)
    towns = {r[2] for r in _read(out)[1:]}
    assert len(towns) == 1


def test_formula_like_titles_stay_text(demo_engine: Engine, tmp_path: Path) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions.begin() as s:
        case_id = s.scalars(select(Case.id).order_by(Case.id).limit(1)).one()
        s.execute(update(Case).where(Case.id == case_id).values(title='=HYPERLINK("http://x","点我")'))
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
        number = s.get(Case, case_id).number  # type: ignore[union-attr]
    out = tmp_path / "f.csv"
    export_queue_csv(sessions, actor, QueueFilter(text=number), out, COLUMNS, now=NOW)
    rows = _read(out)
    assert rows[1][1] == '\'=HYPERLINK("http://x","点我")'


def test_cancel_leaves_no_file(demo_engine: Engine, tmp_path: Path) -> None:
    sessions = make_sessionmaker(demo_engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    out = tmp_path / "cancelled.csv"
    progress = Progress(lambda done, _t, _l: progress.cancel() if done >= 0 else None)
    with pytest.raises(Cancelled):
        export_queue_csv(sessions, actor, QueueFilter(), out, COLUMNS, now=NOW, progress=progress)
    assert list(tmp_path.iterdir()) == []
