"""The server goes away mid-session and comes back: a real, private PostgreSQL cluster is stopped
and started under a running window.

The window must show the loss within seconds, disable saving with the reason, keep what the
user typed, reconnect by itself and catch up with a change made while it was away.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.models import Case, CaseEvent
from db.session import make_engine, make_sessionmaker
from db.vocab import Action
from desktop.bootstrap import open_database
from desktop.cases.service import ActionRequest, CaseService, actor_for
from ui.main_window import AppContext, MainWindow

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LOSS_SHOWN_WITHIN_S = 8.0


def _bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PrivateCluster:
    """A throwaway PostgreSQL cluster in a temporary folder, on a free port, trust auth."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="concord-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.as_root = hasattr(os, "geteuid") and os.geteuid() == 0
        if self.as_root:  # initdb refuses to run as root: the cluster belongs to postgres
            shutil.chown(self.root, "postgres", "postgres")

    def _run(self, *args: str, timeout: float = 120) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB"
        )
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start"
        )

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            self.stop()  # fails when it is not running
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster() -> Iterator[PrivateCluster]:
    bindir = _bindir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    c = PrivateCluster(bindir)
    try:
        c.init()
        c.start()
        admin = make_engine(c.url(), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE concord")
        admin.dispose()
        engine, sessions = open_database(c.url("concord"))
        from tests.demo_day import build_present_demo

        build_present_demo(sessions, seed=7, cases=200, logs=50)
        engine.dispose()
        yield c
    finally:
        c.destroy()


def _window(url: str, settings: Path) -> MainWindow:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, "dispatcher")
    qs = QSettings(str(settings), QSettings.Format.IniFormat)
    return MainWindow(AppContext(engine, sessions, actor, CaseService(sessions), qs, "private cluster"))


def _open_case(sessions: Any) -> tuple[int, int]:
    with sessions() as s:
        case = s.scalars(
            select(Case).where(Case.status.in_(["reported", "accepted", "in_progress"])).order_by(Case.id)
        ).first()
        return int(case.id), int(case.version)


def test_server_stop_and_start_mid_session(cluster: PrivateCluster, qtbot: QtBot, tmp_path: Path) -> None:
    url = cluster.url("concord")
    window = _window(url, tmp_path / "s.ini")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    panel = window.case_panel
    try:
        qtbot.waitUntil(
            lambda: window.live.state == "live" and window.queue.model.rowCount() > 0, timeout=30000
        )
        other_engine = make_engine(url)
        other_sessions = make_sessionmaker(other_engine)
        case_id, _version = _open_case(other_sessions)
        panel.set_case(case_id)
        qtbot.waitUntil(lambda: panel.case_id == case_id, timeout=10000)

        # The user starts typing a comment…
        panel.trigger(Action.COMMENT)
        dialog = panel._pending
        assert dialog is not None and dialog.isVisible()
        dialog.comment.setPlainText("服务器断开前写下的备注")

        # …and the server goes away.
        cluster.stop()
        stopped = time.monotonic()
        qtbot.waitUntil(lambda: not window.connection.online, timeout=int(LOSS_SHOWN_WITHIN_S * 1000))
        shown_after = time.monotonic() - stopped
        print(f"loss shown {shown_after:.2f} s after the server stopped")
        assert shown_after < LOSS_SHOWN_WITHIN_S
        assert not panel.saving_enabled and panel.saving_reason
        assert all(not b.isEnabled() for b in panel.buttons.values())
        assert all(not a.isEnabled() for a in window.saving_actions)
        assert "reconnecting" in window.status_live.text() or "重连" in window.status_live.text()
        assert window.status_live.toolTip()  # the reason, in words

        # Pressing OK now saves nothing and keeps the input, with the reason in the dialog.
        dialog.accept()
        qtbot.waitUntil(lambda: dialog.isVisible(), timeout=5000)
        assert dialog.comment.toPlainText() == "服务器断开前写下的备注"
        assert dialog.error.text()

        # The server comes back; someone else changes a case before this window has noticed.
        cluster.start()
        other_engine.dispose()
        with other_sessions() as s:
            leader = actor_for(s, "leader")
        changed_id, changed_version = next(
            (r.id, r.version)
            for r in (window.queue.model.row_at(i) for i in range(window.queue.model.rowCount()))
            if r.id != case_id
        )
        CaseService(other_sessions).act(
            changed_id, ActionRequest(Action.COMMENT, changed_version, comment="断线期间的批示"), leader
        )
        qtbot.waitUntil(lambda: window.connection.online and panel.saving_enabled, timeout=30000)
        assert all(a.isEnabled() for a in window.saving_actions)
        model = window.queue.model

        def caught_up() -> bool:
            pos = model.row_of(changed_id)
            return pos is not None and model.row_at(pos).version == changed_version + 1

        qtbot.waitUntil(caught_up, timeout=20000)
        assert window.live.state == "live"

        # The kept input saves now.
        dialog.accept()
        qtbot.waitUntil(lambda: panel._pending is None, timeout=15000)
        with other_sessions() as s:
            comments = s.scalars(select(CaseEvent.comment).where(CaseEvent.case_id == case_id)).all()
        assert "服务器断开前写下的备注" in comments
        other_engine.dispose()
    finally:
        window.close()
        window.runner.wait(10000)
        window.ctx.engine.dispose()
