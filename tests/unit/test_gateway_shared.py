"""The per-worker state several gateway processes share (desktop.gateway.shared): what one
process writes, another sees — tested across a real fork, as the gateway uses it."""

from __future__ import annotations

import datetime as dt
import os
import sys

import pytest

from desktop.gateway.filters import FilterConfig, Filters, LastFix
from desktop.gateway.shared import BUCKET_POSITIONS, BUCKET_REPORTS, SharedState

T0 = dt.datetime(2026, 11, 28, 8, 0, tzinfo=dt.UTC)

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="several processes need fork()")


def _in_child(work: object) -> int:
    """Run ``work()`` in a forked child; its exit status (0: it returned)."""
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            work()  # type: ignore[operator]
            code = 0
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_last_fix_round_trips_with_and_without_accuracy() -> None:
    shared = SharedState(capacity=16)
    shared.last[3] = LastFix(T0, 31.25, 121.5, 12.5)
    shared.last[4] = LastFix(T0.replace(tzinfo=None), -1.0, -2.0, None)  # naive: read as UTC
    assert shared.last.get(3) == LastFix(T0, 31.25, 121.5, 12.5)
    assert shared.last[4] == LastFix(T0, -1.0, -2.0, None)
    assert shared.last.get(5) is None and 5 not in shared.last
    assert sorted(shared.last) == [3, 4] and len(shared.last) == 2
    del shared.last[3]
    assert shared.last.get(3) is None
    with pytest.raises(KeyError):
        shared.last[3]


def test_worker_ids_beyond_the_capacity_stay_private_but_work() -> None:
    shared = SharedState(capacity=4)
    shared.last[10] = LastFix(T0, 1.0, 2.0, None)
    shared.last[-1] = LastFix(T0, 3.0, 4.0, None)
    assert shared.last[10].lat == 1.0 and shared.last[-1].lon == 4.0
    assert all(shared.take_token(10, 1.0, 2.0, 100.0) for _ in range(2))
    assert not shared.take_token(10, 1.0, 2.0, 100.0)


def test_bad_capacity_is_refused() -> None:
    with pytest.raises(ValueError):
        SharedState(capacity=0)


def test_token_bucket_refills_at_the_rate_and_caps_at_the_burst() -> None:
    shared = SharedState(capacity=8)
    now = 1000.0
    assert [shared.take_token(1, 2.0, 3.0, now) for _ in range(4)] == [True, True, True, False]
    assert shared.take_token(1, 2.0, 3.0, now + 0.5)  # one token back after half a second
    assert not shared.take_token(1, 2.0, 3.0, now + 0.5)
    # Reports have their own bucket.
    assert shared.take_token(1, 2.0, 3.0, now + 0.5, BUCKET_REPORTS)
    # A long pause refills to the burst, not beyond.
    later = now + 3600
    assert [shared.take_token(1, 2.0, 3.0, later, BUCKET_POSITIONS) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]


@needs_fork
def test_a_fix_and_tokens_taken_in_another_process_are_seen_here() -> None:
    shared = SharedState(capacity=64)

    def child() -> None:
        shared.last[7] = LastFix(T0, 30.5, 120.5, 8.0)
        for _ in range(5):
            shared.take_token(7, 0.001, 5.0, 50.0)

    assert _in_child(child) == 0
    assert shared.last[7] == LastFix(T0, 30.5, 120.5, 8.0)
    assert not shared.take_token(7, 0.001, 5.0, 50.0)  # the child used up the burst


@needs_fork
def test_speed_jump_is_caught_when_the_previous_fix_went_through_another_process() -> None:
    shared = SharedState(capacity=64)
    here = Filters(FilterConfig(), last=shared.last)

    def child() -> None:
        there = Filters(FilterConfig(), last=shared.last)
        verdict = there.check(9, T0, 31.0, 121.0, 5.0, True, False, T0)
        if not verdict.stored:
            sys.exit(3)

    assert _in_child(child) == 0
    # 20 km in ten seconds after the fix the other process stored: impossible.
    verdict = here.check(9, T0 + dt.timedelta(seconds=10), 31.18, 121.0, 5.0, True, False, T0)
    assert verdict.reasons() == ["jump"]
