"""The demo city made alive in-process: ``start_embedded_simulation`` (what the desktop app calls)."""

from __future__ import annotations

import time

from sqlalchemy import Engine, func, select

from db.models import Position, WorkerLatest
from db.session import make_sessionmaker
from desktop.gateway.simulator import start_embedded_simulation


def test_embedded_simulation_moves_workers_and_stops(demo_engine: Engine) -> None:
    sessions = make_sessionmaker(demo_engine)  # the app's own sessionmaker: its engine is shared
    sim = start_embedded_simulation(sessions, workers=20, interval_s=0.5, seed=11)
    try:
        assert sim.gateway_url.startswith("http://127.0.0.1:")
        deadline = time.monotonic() + 20
        moved = 0
        while time.monotonic() < deadline:
            with sessions() as s:
                moved = int(s.scalar(select(func.count()).select_from(WorkerLatest)) or 0)
            if moved >= 20:
                break
            time.sleep(0.2)
        assert moved >= 20
        with sessions() as s:
            seq_before = int(s.scalar(select(func.max(WorkerLatest.seq))) or 0)
        time.sleep(1.5)
        with sessions() as s:
            assert int(s.scalar(select(func.max(WorkerLatest.seq))) or 0) > seq_before  # still moving
        stats = sim.stats()
        assert stats["running"] and stats["phones"]["fixes_acked"] > 20 and stats["phones"]["errors"] == 0
    finally:
        sim.stop()
    assert not sim.running and sim.error is None
    with sessions() as s:
        count = int(s.scalar(select(func.count()).select_from(Position)) or 0)
    time.sleep(0.5)
    with sessions() as s:
        assert int(s.scalar(select(func.count()).select_from(Position)) or 0) == count  # really stopped
