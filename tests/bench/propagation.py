"""propagation_ms_p95: a save on one PC until the row is updated in another PC's queue.

    python -m tests.bench.propagation observe --db URL [--samples 60]   # PC B (prints JSON)
    python -m tests.bench.propagation write --db URL                   # PC A (driven by B)

PC B is this process: a real queue model (ui.cases.queue_model.CaseQueueModel) fed by the real live
feed (ui.live.feed.LiveFeed: LISTEN wake-ups on PostgreSQL, a 1 s poll on SQLite), offscreen. PC A is
a separate process that saves through CaseService (a comment, which bumps the case's version)
whenever B asks, and answers with the wall-clock time its commit returned. A sample is the time
from that commit until B's model shows the new version (one machine, one clock).

Baseline, measured in the same run for the same commits: PostgreSQL — a bare psycopg LISTEN
connection in B, commit → notification; SQLite — a bare thread polling the change feed's newest id
at the live feed's own interval (1 s), commit → seen. The figure is the 95th percentile.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WRITER_USER = "leader"
OBSERVER_USER = "dispatcher"


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(0.95 * len(ordered))) - 1))]


# --- PC A ------------------------------------------------------------------------------------------


def write(url: str) -> int:
    """Read "case_id version" lines; save a comment on each; answer "done <commit time> <change id>"."""
    from sqlalchemy import func, select

    from db.models import Change
    from db.session import make_engine, make_sessionmaker
    from db.vocab import Action
    from desktop.cases.service import ActionRequest, CaseService, actor_for

    sessions = make_sessionmaker(make_engine(url))
    service = CaseService(sessions)
    with sessions() as s:
        actor = actor_for(s, WRITER_USER)
    print("ready", flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        case_id, version = (int(v) for v in line.split())
        service.act(case_id, ActionRequest(Action.COMMENT, version, comment="传播测试"), actor)
        committed = time.time()
        with sessions() as s:  # nobody else writes during the run: the newest change is ours
            change_id = s.scalar(select(func.max(Change.id)))
        print(f"done {committed:.6f} {change_id}", flush=True)
    return 0


# --- baselines -------------------------------------------------------------------------------------


class Baseline:
    """(time, change id) whenever a bare reader noticed a new change (from its own thread)."""

    def __init__(self, url: str, interval_s: float = 1.0) -> None:
        self.url = url
        self.interval = interval_s
        self.seen: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._ready = threading.Event()
        pg = url.startswith("postgresql")
        self.kind = "LISTEN" if pg else "poll"
        target = self._listen if pg else self._poll
        self._thread = threading.Thread(target=target, daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(10)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)

    def _listen(self) -> None:
        import psycopg

        from desktop.live.feed import CHANNEL
        from desktop.live.listen import libpq_conninfo

        with psycopg.connect(libpq_conninfo(self.url), autocommit=True) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self._ready.set()
            while not self._stop.is_set():
                for note in conn.notifies(timeout=0.5):
                    self.seen.append((time.time(), int(note.payload)))

    def _poll(self) -> None:
        import sqlite3

        path = self.url.split(":///", 1)[1]
        conn = sqlite3.connect(path)
        last = conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
        self._ready.set()
        while not self._stop.wait(self.interval):
            newest = conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]
            if newest > last:
                last = newest
                self.seen.append((time.time(), int(newest)))
        conn.close()

    def noticed(self, change_id: int) -> float | None:
        """When the reader first saw ``change_id`` (or a later one)."""
        return next((t for t, newest in list(self.seen) if newest >= change_id), None)


# --- PC B ------------------------------------------------------------------------------------------


def observe(url: str, samples: int, timeout_s: float = 15.0) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from db.session import make_engine, make_sessionmaker
    from desktop.cases.queue import QueueFilter, SortKey
    from desktop.cases.service import actor_for
    from ui.cases.queue_model import CaseQueueModel
    from ui.live.feed import LiveFeed
    from ui.tasks import TaskRunner

    _app = QApplication.instance() or QApplication([])  # kept alive for the whole run
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    with sessions() as s:
        actor = actor_for(s, OBSERVER_USER)
    model = CaseQueueModel(sessions, actor, flt=QueueFilter(open_only=True, sort=SortKey.DUE))
    while model.canFetchMore() and model.rowCount() < samples + 10:
        model.fetchMore()
    runner = TaskRunner(max_threads=2)
    live = LiveFeed(sessions, actor, runner, engine=engine)
    live.casesChanged.connect(model.apply_changes)
    baseline = Baseline(url)
    baseline.start()

    # QEventLoop.processEvents, not QApplication.processEvents: PySide6 6.12's static one leaks a
    # reference to None per call on Python 3.11, and a loop of them ends in "deallocating None".
    events = QEventLoop()

    def pump(until: Any, limit: float) -> bool:
        end = time.monotonic() + limit
        while time.monotonic() < end:
            events.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
            if until():
                return True
            time.sleep(0.001)
        return bool(until())

    live.start()
    if not pump(lambda: live.state == "live", 30):
        raise RuntimeError(f"live feed did not come up: {live.state}")
    # The watched rows: the first ones of the queue, as a dispatcher sees them.
    # (A small city has fewer open cases than samples: then cases take turns.)
    targets = [model.row_at(r).id for r in range(min(model.rowCount(), samples))]
    if not targets:
        raise RuntimeError("no open cases to save on")
    seen_at: dict[int, float] = {}
    want: dict[int, int] = {}

    def on_changed(*args: Any) -> None:
        now = time.time()
        row = model.row_at(args[0].row())
        if row.id in want and row.version >= want[row.id] and row.id not in seen_at:
            seen_at[row.id] = now

    model.dataChanged.connect(on_changed)
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.bench.propagation", "write", "--db", url],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    answers: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [answers.put(ln) for ln in writer.stdout or []], daemon=True).start()
    try:
        first = answers.get(timeout=60)
        if first.strip() != "ready":
            raise RuntimeError(f"writer said {first!r}")
        latencies: list[float] = []
        base: list[float] = []
        missed = 0
        rng = random.Random(6)
        for i in range(samples):
            case_id = targets[i % len(targets)]
            pos = model.row_of(case_id)
            if pos is None:
                continue
            version = model.row_at(pos).version
            seen_at.pop(case_id, None)
            want[case_id] = version + 1
            assert writer.stdin is not None
            writer.stdin.write(f"{case_id} {version}\n")
            writer.stdin.flush()
            reply: list[str] = []

            def done(reply: list[str] = reply, case_id: int = case_id) -> bool:
                if not reply:
                    try:
                        reply.append(answers.get_nowait())
                    except queue.Empty:
                        return False
                return case_id in seen_at

            if not pump(done, timeout_s) or not reply:
                missed += 1
                continue
            _done, committed_text, change_text = reply[0].split()
            committed, change_id = float(committed_text), int(change_text)
            latencies.append((seen_at[case_id] - committed) * 1000)
            pump(lambda change_id=change_id: baseline.noticed(change_id) is not None, 3.0)
            noticed = baseline.noticed(change_id)
            if noticed is not None:
                # The notification may beat the writer's own clock reading after its commit.
                base.append(max(0.0, noticed - committed) * 1000)
            # Saves come at irregular moments, as people's do: the pause spans a whole poll
            # period, so that the samples are not in step with either reader's timer.
            pump(lambda: False, rng.uniform(0.05, 1.05))
    finally:
        if writer.stdin:
            writer.stdin.close()
        writer.wait(30)
        live.stop()
        baseline.stop()
        runner.wait(10000)
        events.processEvents(
            QEventLoop.ProcessEventsFlag.AllEvents
        )  # deliver the last answers while their senders still exist
        engine.dispose()
    if not latencies:
        raise RuntimeError("no sample arrived")
    return {
        "value": round(p95(latencies), 1),
        "baseline": round(p95(base), 1) if base else None,
        "samples": len(latencies),
        "missed": missed,
        "p50_ms": round(statistics.median(latencies), 1),
        "max_ms": round(max(latencies), 1),
        "baseline_p50_ms": round(statistics.median(base), 1) if base else None,
        "baseline_kind": baseline.kind,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tests.bench.propagation")
    p.add_argument("mode", choices=["observe", "write"])
    p.add_argument("--db", required=True)
    p.add_argument("--samples", type=int, default=60)
    a = p.parse_args(argv)
    if a.mode == "write":
        return write(a.db)
    print(json.dumps(observe(a.db, a.samples)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
