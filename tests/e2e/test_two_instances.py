"""Two PCs on one PostgreSQL, each logged in as its own user.

PC A is a separate process acting through the same core the app uses (CaseService, with the
users row of its login); PC B is a real window, logged in through ui.login. An escalation saved
on A shows on B; a case edited on both gets, on the second save, the conflict dialog naming A's
change — and nothing is lost.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.engine import make_url

from db.models import CaseEvent
from db.session import make_engine, make_sessionmaker
from db.vocab import Action
from tests.pg_logins import demo_server, unique_name
from ui.app import window_for_login  # before any QApplication: registers the map's URL scheme
from ui.login import ServerProfile, connect
from ui.main_window import MainWindow

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"), pytest.mark.pg]
ROOT = Path(__file__).resolve().parents[2]

PC_A = """
import sys
from db.models import Case
from db.session import make_engine, make_sessionmaker
from db.vocab import Action
from desktop.cases.service import ActionRequest, CaseService
from desktop.cases.ladder import Actor
from desktop.users import current_user

url, case_id, action, words = sys.argv[1], int(sys.argv[2]), Action(sys.argv[3]), sys.argv[4]
sessions = make_sessionmaker(make_engine(url))
with sessions() as s:
    me = current_user(s)
    actor = Actor(user_id=me.id, role=me.role, town_id=me.town_id, department_id=me.department_id,
                  name=me.display_name)
    version = s.get(Case, case_id).version
reason = words if action == Action.ESCALATE else ""
comment = words if action == Action.COMMENT else ""
CaseService(sessions).act(case_id, ActionRequest(action, version, reason=reason, comment=comment), actor)
print("saved", version + 1)
"""


@dataclass
class Pcs:
    admin_url: str
    a_url: str  # PC A's own login
    a_name: str
    b_profile: ServerProfile
    b_user: str
    b_password: str


@pytest.fixture(scope="module")
def pcs(_templates: Any) -> Iterator[Pcs]:
    with demo_server(_templates) as (url, _admin, made):
        a = made.add_user(unique_name("pca"), "甲电脑调度员", "dispatcher")
        b = made.add_user(unique_name("pcb"), "乙电脑领导", "leader")
        parsed = make_url(url)
        yield Pcs(
            url,
            a.url,
            "甲电脑调度员",
            ServerProfile(
                "市中心",
                host=parsed.host or "localhost",
                port=parsed.port or 5432,
                database=str(parsed.database),
            ),
            b.name,
            b.password,
        )


@pytest.fixture
def window_b(qtbot: QtBot, pcs: Pcs, tmp_path: Path) -> Iterator[MainWindow]:
    result = connect(pcs.b_profile, pcs.b_user, pcs.b_password)
    settings = QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    window = window_for_login(result, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.live.state == "live" and window.queue.model.rowCount() > 0, timeout=30000)
    yield window
    window.close()
    window.runner.wait(10000)
    result.engine.dispose()


def _pc_a(pcs: Pcs, case_id: int, action: Action, words: str) -> None:
    subprocess.run(
        [sys.executable, "-c", PC_A, pcs.a_url, str(case_id), str(action), words],
        cwd=ROOT,
        check=True,
        timeout=120,
        capture_output=True,
    )


def test_an_escalation_on_one_pc_is_seen_on_the_other(window_b: MainWindow, pcs: Pcs, qtbot: QtBot) -> None:
    assert window_b.ctx.actor.name == "乙电脑领导"
    model = window_b.queue.model
    row = next(model.row_at(r) for r in range(model.rowCount()) if model.row_at(r).level < 3)
    escalations: list[int] = []
    model.escalated.connect(lambda case_id, *_: escalations.append(case_id))
    _pc_a(pcs, row.id, Action.ESCALATE, "甲电脑：跨村纠纷上报")

    def seen() -> bool:
        pos = model.row_of(row.id)
        return pos is not None and model.row_at(pos).status == "escalated"

    qtbot.waitUntil(seen, timeout=10000)
    qtbot.waitUntil(lambda: row.id in escalations, timeout=5000)


def test_concurrent_edits_get_the_conflict_dialog_and_nothing_is_lost(
    window_b: MainWindow, pcs: Pcs, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = window_b.case_panel
    model = window_b.queue.model
    case_id = model.row_at(0).id
    panel.set_case(case_id)
    qtbot.waitUntil(lambda: panel.case_id == case_id, timeout=10000)
    seen_version = panel.detail.version  # type: ignore[union-attr]
    # B starts writing a comment on the case as it is now…
    panel.trigger(Action.COMMENT)
    dialog = panel._pending
    assert dialog is not None
    dialog.comment.setPlainText("乙电脑：已电话联系当事人")
    # …while A saves a comment on the same case; B's panel shows it through the live feed.
    _pc_a(pcs, case_id, Action.COMMENT, "甲电脑：请镇街先行调解")
    qtbot.waitUntil(
        lambda: panel.detail is not None and panel.detail.version == seen_version + 1, timeout=10000
    )
    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: warnings.append((title, text)))
    dialog.accept()  # B saves: decided on the old version, so it is a conflict, not an overwrite
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    _title, text = warnings[0]
    assert "甲电脑调度员" in text  # who
    assert "Comment" in text or "批注" in text or "备注" in text  # what
    assert any(ch.isdigit() for ch in text.split("甲电脑调度员", 1)[1])  # when
    assert panel._pending is dialog and dialog.comment.toPlainText() == "乙电脑：已电话联系当事人"
    # B tries again on the reloaded case: both comments are in the timeline.
    panel.trigger(Action.COMMENT)
    assert panel._pending is dialog and dialog.comment.toPlainText() == "乙电脑：已电话联系当事人"
    dialog.accept()
    qtbot.waitUntil(lambda: panel._pending is None, timeout=10000)
    sessions = make_sessionmaker(make_engine(pcs.admin_url))
    with sessions() as s:
        comments = s.scalars(select(CaseEvent.comment).where(CaseEvent.case_id == case_id)).all()
    sessions.kw["bind"].dispose()
    assert "甲电脑：请镇街先行调解" in comments and "乙电脑：已电话联系当事人" in comments
