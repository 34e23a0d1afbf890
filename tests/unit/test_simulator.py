"""The simulator's pure parts: simulated time and movement."""

from __future__ import annotations

import time

import pytest

from desktop.clock import utcnow
from desktop.errors import Refusal
from desktop.gateway.simulator import SimClock, _local_step, _metres


def test_sped_up_time_starts_in_the_past_and_ends_now() -> None:
    clock = SimClock(speedup=60, duration_s=10)
    start = clock.now()
    assert utcnow().timestamp() - start == pytest.approx(590, abs=2)  # 10 s × 59 behind
    time.sleep(0.05)
    assert clock.now() - start == pytest.approx(3.0, abs=1.5)  # 60× real time
    assert clock.real_delay(60) == pytest.approx(1.0)


def test_speedup_needs_a_duration() -> None:
    with pytest.raises(Refusal) as caught:
        SimClock(speedup=5, duration_s=None)
    assert caught.value.code == "simulator.speedup_needs_duration"
    with pytest.raises(Refusal) as caught:
        SimClock(speedup=0, duration_s=10)
    assert caught.value.code == "simulator.speedup_not_positive"


def test_steps_and_distances_agree() -> None:
    lat, lon = _local_step(36.78, 119.95, 90.0, 100.0)
    distance, bearing = _metres(36.78, 119.95, lat, lon)
    assert distance == pytest.approx(100.0, rel=1e-6) and bearing == pytest.approx(90.0, abs=1e-6)
