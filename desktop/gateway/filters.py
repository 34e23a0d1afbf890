"""Position filters like Traccar's: which fixes are refused, which are stored flagged.

Each filter has a mode: ``reject`` (not stored, counted), ``flag`` (stored in the history with
its bit set in ``positions.flags``, counted, but never moved into ``worker_latest``) or ``off``.
Duplicates (same device and time) are not a filter: the database's unique key makes them
idempotent, and the gateway answers 200 so the phone stops resending.

Device ids are predictable and positions unauthenticated (unless the gateway requires secret
device ids, see :mod:`desktop.gateway.devices`), so one forged fix must not take a worker's place
on the map for long:

- ``outside``: a fix beyond the city's extent (its places' bounding box grown by
  ``area_margin_m``, read from the places tables at start) is refused and never compared with;
- ``jump``: a fix too far from the last good one to be reached in the time between is refused,
  but the last good fix may itself be the forgery. When ``jump_recover_after`` good fixes in a
  row all disagree with it and agree with one another, the last of them is accepted and becomes
  the new last good fix: a forged fix inside the city costs the worker at most that many fixes.

A rejected fix is still answered 200: a phone that got an error would keep the fix in its buffer
and resend it forever (Traccar's server answers filtered fixes the same way). The reason is in the
``X-Concord-Filtered`` header and in the gateway's counters.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from enum import IntFlag, StrEnum
from typing import Any


class Flag(IntFlag):
    """Bits of ``positions.flags``."""

    ZERO = 1
    INVALID = 2
    FUTURE = 4
    PAST = 8
    ACCURACY = 16
    JUMP = 32
    MOCK = 64
    OUTSIDE = 128


class Mode(StrEnum):
    REJECT = "reject"
    FLAG = "flag"
    OFF = "off"


FILTER_NAMES: dict[str, Flag] = {
    "zero": Flag.ZERO,
    "invalid": Flag.INVALID,
    "future": Flag.FUTURE,
    "past": Flag.PAST,
    "accuracy": Flag.ACCURACY,
    "jump": Flag.JUMP,
    "mock": Flag.MOCK,
    "outside": Flag.OUTSIDE,
}

# Impossible or useless fixes are refused; suspicious but informative ones (a mock location is a
# fact a supervisor wants to see, a coarse fix still says roughly where someone was) are kept
# flagged in the history, off the live map.
DEFAULT_MODES: dict[str, Mode] = {
    "zero": Mode.REJECT,
    "invalid": Mode.REJECT,
    "future": Mode.REJECT,
    "past": Mode.REJECT,
    "accuracy": Mode.FLAG,
    "jump": Mode.REJECT,
    "mock": Mode.FLAG,
    "outside": Mode.REJECT,
}


_BITS = {name: int(bit) for name, bit in FILTER_NAMES.items()}
_ZERO, _INVALID, _FUTURE, _PAST = int(Flag.ZERO), int(Flag.INVALID), int(Flag.FUTURE), int(Flag.PAST)
_ACCURACY, _JUMP, _MOCK, _OUTSIDE = int(Flag.ACCURACY), int(Flag.JUMP), int(Flag.MOCK), int(Flag.OUTSIDE)


def parse_modes(spec: str | Iterable[str]) -> dict[str, Mode]:
    """``"accuracy=reject,mock=off"`` (or a list of such items) over the defaults."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    modes = dict(DEFAULT_MODES)
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        name, sep, mode = item.partition("=")
        name, mode = name.strip().lower(), mode.strip().lower()
        if not sep or name not in FILTER_NAMES or mode not in {m.value for m in Mode}:
            raise ValueError(
                f"bad filter setting {item!r}: use NAME=reject|flag|off with NAME one of "
                + ", ".join(FILTER_NAMES)
            )
        modes[name] = Mode(mode)
    return modes


@dataclass(frozen=True)
class FilterConfig:
    modes: Mapping[str, Mode] = field(default_factory=lambda: dict(DEFAULT_MODES))
    future_s: float = 600.0  # phone clocks drift; ten minutes ahead is still plausible
    past_s: float = 30 * 86400.0  # an offline buffer older than a month is not a patrol any more
    accuracy_m: float = 200.0
    max_speed_mps: float = 70.0  # 250 km/h: faster than anything a grid worker rides
    # GPS noise makes two close fixes look fast; only the part of a jump beyond both fixes'
    # accuracy plus this margin counts towards the speed.
    jump_margin_m: float = 100.0
    # This many good fixes in a row that all jump from the last good fix but not from one another
    # move it (see the module doc); 0: never.
    jump_recover_after: int = 3
    # How far beyond the places' bounding box a fix is still "in the city" (a worker on an errand
    # in the next town); beyond, it is refused as "outside".
    area_margin_m: float = 20_000.0


@dataclass(slots=True)
class LastFix:
    time: dt.datetime
    lat: float
    lon: float
    accuracy: float | None


@dataclass(slots=True)
class Run:
    """Good fixes in a row that jump from the last good fix: the newest of them and how many."""

    fix: LastFix
    count: int


_M_PER_DEGREE = 110_574.0  # of latitude, at the equator (the shortest): margins come out generous


@dataclass(frozen=True, slots=True)
class Area:
    """Where a fix may be: a box in degrees."""

    south: float
    north: float
    west: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    @classmethod
    def around(cls, bounds: tuple[float, float, float, float], margin_m: float) -> Area:
        """``bounds`` (west, south, east, north) grown by ``margin_m`` on every side."""
        west, south, east, north = bounds
        dlat = margin_m / _M_PER_DEGREE
        # A degree of longitude is shortest on the box's edge nearest a pole.
        widest = min(89.0, max(abs(south), abs(north)) + dlat)
        dlon = margin_m / (_M_PER_DEGREE * math.cos(math.radians(widest)))
        return cls(
            max(-90.0, south - dlat),
            min(90.0, north + dlat),
            max(-180.0, west - dlon),
            min(180.0, east + dlon),
        )


@dataclass(frozen=True)
class Verdict:
    rejected: Flag
    flags: Flag

    @property
    def stored(self) -> bool:
        return not self.rejected

    def reasons(self) -> list[str]:
        return [name for name, bit in FILTER_NAMES.items() if self.rejected & bit]


_CLEAN = Verdict(Flag(0), Flag(0))


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class FilterCounters:
    rejected: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    reanchored: int = 0  # times a run of good fixes moved the last good fix (see the module doc)

    def as_dict(self) -> dict[str, Any]:
        return {"rejected": dict(self.rejected), "flagged": dict(self.flagged), "reanchored": self.reanchored}


class Filters:
    """Runs the filters; remembers each worker's last good fix for the speed-jump check.

    Used from one thread (the gateway's event loop), so it needs no lock. ``last`` and ``runs``:
    where the last good fixes and the runs of fixes that jump from them are kept (dicts by
    default; several gateway processes pass shared maps, see :mod:`desktop.gateway.shared`).
    ``area``: where fixes may be (None: anywhere, the ``outside`` filter is off).
    """

    def __init__(
        self,
        config: FilterConfig | None = None,
        last: MutableMapping[int, LastFix] | None = None,
        runs: MutableMapping[int, Run] | None = None,
        area: Area | None = None,
    ) -> None:
        self.config = config or FilterConfig()
        self.last: MutableMapping[int, LastFix] = {} if last is None else last
        self.runs: MutableMapping[int, Run] = {} if runs is None else runs
        self.area = area
        self.counters = FilterCounters()

    def seed(self, worker_id: int, fix: LastFix) -> bool:
        """Start from a stored fix (after a restart). A fix outside the area is not taken: it can
        only be a forgery stored before the area was checked. True if taken."""
        if self.area is not None and not self.area.contains(fix.lat, fix.lon):
            return False
        self.last[worker_id] = fix
        return True

    def _jumps(
        self, last: LastFix, time: dt.datetime, lat: float, lon: float, accuracy: float | None
    ) -> bool:
        """Too far from ``last`` to have been reached since (the test :meth:`check` makes inline)."""
        seconds = max(abs((time - last.time).total_seconds()), 1.0)
        slack = (accuracy or 0.0) + (last.accuracy or 0.0) + self.config.jump_margin_m
        moved = distance_m(last.lat, last.lon, lat, lon) - slack
        return moved > 0 and moved / seconds > self.config.max_speed_mps

    def _challenge(
        self, worker_id: int, time: dt.datetime, lat: float, lon: float, accuracy: float | None
    ) -> bool:
        """A good fix that jumps from the last good one. True: it is the ``jump_recover_after``-th
        in a row, each reachable from the one before — the last good fix was wrong; move it."""
        runs = self.runs
        run = runs.get(worker_id)
        count = 1
        if run is not None and not self._jumps(run.fix, time, lat, lon, accuracy):
            count = run.count + 1
        if count >= self.config.jump_recover_after:
            if run is not None:
                del runs[worker_id]
            self.counters.reanchored += 1
            return True
        runs[worker_id] = Run(LastFix(time, lat, lon, accuracy), count)
        return False

    def check(
        self,
        worker_id: int,
        time: dt.datetime,
        lat: float,
        lon: float,
        accuracy: float | None,
        valid: bool,
        mock: bool,
        now: dt.datetime,
    ) -> Verdict:
        # Plain ints inside: IntFlag arithmetic costs microseconds per operation, and this runs
        # for every fix.
        cfg = self.config
        hit = 0
        if lat == 0.0 and lon == 0.0:
            hit |= _ZERO
        if not valid:
            hit |= _INVALID
        age = (now - time).total_seconds()
        if age < -cfg.future_s:
            hit |= _FUTURE
        if age > cfg.past_s:
            hit |= _PAST
        if accuracy is not None and accuracy > cfg.accuracy_m:
            hit |= _ACCURACY
        if mock:
            hit |= _MOCK
        area = self.area
        if (
            area is not None
            and not hit & _ZERO  # (0, 0) is no position at all, not one far away
            and not area.contains(lat, lon)
            and cfg.modes.get("outside") != Mode.OFF
        ):
            hit |= _OUTSIDE
        last = self.last.get(worker_id)
        moved_on = False  # a run of good fixes moved the last good fix to this one
        if last is not None and not hit & (_ZERO | _INVALID | _OUTSIDE):
            seconds = max(abs((time - last.time).total_seconds()), 1.0)
            slack = (accuracy or 0.0) + (last.accuracy or 0.0) + cfg.jump_margin_m
            moved = distance_m(last.lat, last.lon, lat, lon) - slack
            if moved > 0 and moved / seconds > cfg.max_speed_mps:
                # Only a fix that is good in every other way may count against the last good fix.
                if hit or cfg.jump_recover_after <= 0 or cfg.modes.get("jump") == Mode.OFF:
                    hit |= _JUMP
                elif self._challenge(worker_id, time, lat, lon, accuracy):
                    moved_on = True
                else:
                    hit |= _JUMP

        rejected = flags = 0
        if hit:
            for name, bit in _BITS.items():
                if not hit & bit:
                    continue
                mode = cfg.modes.get(name, Mode.REJECT)
                if mode == Mode.REJECT:
                    rejected |= bit
                    self.counters.rejected[name] += 1
                elif mode == Mode.FLAG:
                    flags |= bit
                    self.counters.flagged[name] += 1
        if not rejected and not flags:
            if moved_on or last is None or time > last.time:
                self.last[worker_id] = LastFix(time, lat, lon, accuracy)
            if not moved_on and worker_id in self.runs:  # agrees with the last good fix after all
                del self.runs[worker_id]
        return Verdict(Flag(rejected), Flag(flags)) if hit else _CLEAN
