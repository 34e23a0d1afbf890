"""Per-worker gateway state that several gateway processes share (see :mod:`desktop.gateway.prefork`).

Three things a gateway remembers per phone must not depend on which process a request lands on:
the last good fix (the speed-jump filter compares against it), the run of fixes that jump from it
(enough of them move it, see :mod:`desktop.gateway.filters`) and the token bucket of the
per-device rate limit. A phone keeps one keep-alive connection, so its requests usually reach one
process — but a reconnect may land on another, and a phone that opened many connections must not
get the limit once per process.

The state lives in an anonymous shared memory map made before the processes fork: one slot of 16
doubles per worker id (``worker id < capacity``; a worker id beyond it — the map is sized for far
more workers than a city has — falls back to state private to the process). Reads and writes are a
few indexed loads and stores on a ``memoryview``; no lock is taken. Two processes updating the same
worker at the same instant (only possible when one phone has two requests in flight on two
connections) can interleave their stores; the worst outcome is one speed check against a slightly
older fix or one request more or less through the rate limit, never a crash or a stored bad row.

Slot layout: ``time`` (Unix seconds of the last good fix, 0: none), ``lat``, ``lon``,
``accuracy`` (NaN: unknown), then ``tokens`` and ``tokens_at`` (monotonic seconds, shared by all
processes: ``time.monotonic`` is system-wide on Linux; 0: a full bucket) for positions and again
for reports, then the newest fix of the run that jumps from the last good one as ``time`` (0: no
run), ``lat``, ``lon``, ``accuracy`` and the run's length; three spare.
"""

from __future__ import annotations

import datetime as dt
import math
import mmap
from collections.abc import Iterator, MutableMapping

from desktop.gateway.filters import LastFix, Run

_FIELDS = 16
_TIME, _LAT, _LON, _ACC, _TOKENS, _TOKENS_AT = range(6)
BUCKET_POSITIONS, BUCKET_REPORTS = 0, 2  # offsets of the two token buckets in a slot
_RUN = 8  # offset of the run: time, lat, lon, accuracy as for the last fix, then its length
_COUNT = 4
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class SharedState:
    """The shared slots (see the module doc). Make it before forking; every process that
    inherits it sees the same memory."""

    def __init__(self, capacity: int = 1 << 17) -> None:
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self._map = mmap.mmap(-1, capacity * _FIELDS * 8)  # anonymous, MAP_SHARED: survives fork
        self._slots = memoryview(self._map).cast("d")
        self.last = LastFixes(self)
        self.runs = JumpRuns(self)
        # Workers beyond the capacity: private to the process (see the module doc).
        self._rates: dict[tuple[int, int], tuple[float, float]] = {}

    def take_token(
        self, worker_id: int, rate: float, burst: float, now: float, bucket: int = BUCKET_POSITIONS
    ) -> bool:
        """Token bucket: ``rate`` requests/s sustained, ``burst`` at once. True: allowed."""
        if not 0 <= worker_id < self.capacity:
            tokens, last = self._rates.get((worker_id, bucket), (burst, now))
            tokens = min(burst, tokens + (now - last) * rate)
            allowed = tokens >= 1.0
            self._rates[(worker_id, bucket)] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._rates) > 100_000:
                self._rates = {k: v for k, v in self._rates.items() if now - v[1] < 60}
            return allowed
        slots, base = self._slots, worker_id * _FIELDS + bucket
        last = slots[base + _TOKENS_AT]
        tokens = burst if last == 0.0 else min(burst, slots[base + _TOKENS] + (now - last) * rate)
        allowed = tokens >= 1.0
        slots[base + _TOKENS] = tokens - 1.0 if allowed else tokens
        slots[base + _TOKENS_AT] = now
        return allowed

    def close(self) -> None:
        self.last = LastFixes(None)
        self.runs = JumpRuns(None)
        self._slots.release()
        self._map.close()


def _read_fix(slots: memoryview[float], base: int) -> LastFix | None:
    when = slots[base + _TIME]
    if when == 0.0:
        return None
    accuracy = slots[base + _ACC]
    return LastFix(
        _EPOCH + dt.timedelta(seconds=when),
        slots[base + _LAT],
        slots[base + _LON],
        None if math.isnan(accuracy) else accuracy,
    )


def _write_fix(slots: memoryview[float], base: int, fix: LastFix) -> None:
    moment = fix.time if fix.time.tzinfo is not None else fix.time.replace(tzinfo=dt.UTC)
    # Position first, time last: a reader in another process that sees the new time sees the
    # new position too (on x86 stores are not reordered with other stores).
    slots[base + _LAT] = fix.lat
    slots[base + _LON] = fix.lon
    slots[base + _ACC] = math.nan if fix.accuracy is None else fix.accuracy
    slots[base + _TIME] = max(moment.timestamp(), 1e-6)


class LastFixes(MutableMapping[int, LastFix]):
    """The last good fix per worker, as :class:`~desktop.gateway.filters.Filters` keeps it in a
    dict — the same interface over the shared slots."""

    def __init__(self, state: SharedState | None) -> None:
        self._slots = state._slots if state is not None else memoryview(b"").cast("d")
        self._capacity = state.capacity if state is not None else 0
        self._private: dict[int, LastFix] = {}

    def get(self, worker_id: int, default: LastFix | None = None) -> LastFix | None:  # type: ignore[override]
        if not 0 <= worker_id < self._capacity:
            return self._private.get(worker_id, default)
        fix = _read_fix(self._slots, worker_id * _FIELDS)
        return default if fix is None else fix

    def __getitem__(self, worker_id: int) -> LastFix:
        fix = self.get(worker_id)
        if fix is None:
            raise KeyError(worker_id)
        return fix

    def __setitem__(self, worker_id: int, fix: LastFix) -> None:
        if not 0 <= worker_id < self._capacity:
            self._private[worker_id] = fix
            return
        _write_fix(self._slots, worker_id * _FIELDS, fix)

    def __delitem__(self, worker_id: int) -> None:
        if not 0 <= worker_id < self._capacity:
            del self._private[worker_id]
            return
        if self._slots[worker_id * _FIELDS + _TIME] == 0.0:
            raise KeyError(worker_id)
        self._slots[worker_id * _FIELDS + _TIME] = 0.0

    def __iter__(self) -> Iterator[int]:
        slots = self._slots
        for worker_id in range(self._capacity):
            if slots[worker_id * _FIELDS + _TIME] != 0.0:
                yield worker_id
        yield from self._private

    def __len__(self) -> int:
        return sum(1 for _ in self)


class JumpRuns(MutableMapping[int, Run]):
    """The run of fixes jumping from the last good fix, per worker (see
    :class:`~desktop.gateway.filters.Filters`), over the shared slots; like :class:`LastFixes`."""

    def __init__(self, state: SharedState | None) -> None:
        self._slots = state._slots if state is not None else memoryview(b"").cast("d")
        self._capacity = state.capacity if state is not None else 0
        self._private: dict[int, Run] = {}

    def get(self, worker_id: int, default: Run | None = None) -> Run | None:  # type: ignore[override]
        if not 0 <= worker_id < self._capacity:
            return self._private.get(worker_id, default)
        base = worker_id * _FIELDS + _RUN
        fix = _read_fix(self._slots, base)
        return default if fix is None else Run(fix, int(self._slots[base + _COUNT]))

    def __contains__(self, worker_id: object) -> bool:
        # On every good fix (to end a run): one load, no object.
        if not isinstance(worker_id, int) or not 0 <= worker_id < self._capacity:
            return worker_id in self._private
        return self._slots[worker_id * _FIELDS + _RUN + _TIME] != 0.0

    def __getitem__(self, worker_id: int) -> Run:
        run = self.get(worker_id)
        if run is None:
            raise KeyError(worker_id)
        return run

    def __setitem__(self, worker_id: int, run: Run) -> None:
        if not 0 <= worker_id < self._capacity:
            self._private[worker_id] = run
            return
        base = worker_id * _FIELDS + _RUN
        self._slots[base + _COUNT] = float(run.count)
        _write_fix(self._slots, base, run.fix)  # its time last: see _write_fix

    def __delitem__(self, worker_id: int) -> None:
        if not 0 <= worker_id < self._capacity:
            del self._private[worker_id]
            return
        base = worker_id * _FIELDS + _RUN
        if self._slots[base + _TIME] == 0.0:
            raise KeyError(worker_id)
        self._slots[base + _TIME] = 0.0

    def __iter__(self) -> Iterator[int]:
        slots = self._slots
        for worker_id in range(self._capacity):
            if slots[worker_id * _FIELDS + _RUN + _TIME] != 0.0:
                yield worker_id
        yield from self._private

    def __len__(self) -> int:
        return sum(1 for _ in self)
