"""desktop.progress: steps reach the callback; a cancel stops the work at its next step."""

from __future__ import annotations

import threading

import pytest

from desktop.progress import Cancelled, Progress


def test_steps_reach_the_callback_and_total_never_falls_below_done() -> None:
    seen: list[tuple[int, int, str]] = []
    progress = Progress(lambda d, t, label: seen.append((d, t, label)))
    progress.step(0, 10, "start")
    progress.step(12, 10)
    assert seen == [(0, 10, "start"), (12, 12, "")]
    assert (progress.done, progress.total) == (12, 12)


def test_cancel_from_another_thread_stops_at_the_next_step() -> None:
    progress = Progress()
    steps = 0

    def work() -> None:
        nonlocal steps
        for i in range(1000):
            progress.step(i, 1000)
            steps += 1
            if i == 5:
                canceller = threading.Thread(target=progress.cancel)
                canceller.start()
                canceller.join()

    with pytest.raises(Cancelled):
        work()
    assert steps == 6 and progress.cancelled
