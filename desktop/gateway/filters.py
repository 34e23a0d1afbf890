"""Position filters like Traccar's: which fixes are refused, which are stored flagged.

Each filter has a mode: ``reject`` (not stored, counted), ``flag`` (stored in the history with
its bit set in ``positions.flags``, counted, but never moved into ``worker_latest``) or ``off``.
Duplicates (same device and time) are not a filter: the database's unique key makes them
idempotent, and the gateway answers 200 so the phone stops resending.

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


class Flag(IntFlag):
    """Bits of ``positions.flags``."""

    ZERO = 1
    INVALID = 2
    FUTURE = 4
    PAST = 8
    ACCURACY = 16
    JUMP = 32
    MOCK = 64


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
}


_BITS = {name: int(bit) for name, bit in FILTER_NAMES.items()}
_ZERO, _INVALID, _FUTURE, _PAST = int(Flag.ZERO), int(Flag.INVALID), int(Flag.FUTURE), int(Flag.PAST)
_ACCURACY, _JUMP, _MOCK = int(Flag.ACCURACY), int(Flag.JUMP), int(Flag.MOCK)


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


@dataclass(slots=True)
class LastFix:
    time: dt.datetime
    lat: float
    lon: float
    accuracy: float | None


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

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {"rejected": dict(self.rejected), "flagged": dict(self.flagged)}


class Filters:
    """Runs the filters; remembers each worker's last good fix for the speed-jump check.

    Used from one thread (the gateway's event loop), so it needs no lock. ``last``: where the
    last good fixes are kept (a dict by default; several gateway processes pass a shared map,
    see :mod:`desktop.gateway.shared`).
    """

    def __init__(
        self, config: FilterConfig | None = None, last: MutableMapping[int, LastFix] | None = None
    ) -> None:
        self.config = config or FilterConfig()
        self.last: MutableMapping[int, LastFix] = {} if last is None else last
        self.counters = FilterCounters()

    def seed(self, worker_id: int, fix: LastFix) -> None:
        self.last[worker_id] = fix

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
        last = self.last.get(worker_id)
        if last is not None and not hit & (_ZERO | _INVALID):
            seconds = max(abs((time - last.time).total_seconds()), 1.0)
            slack = (accuracy or 0.0) + (last.accuracy or 0.0) + cfg.jump_margin_m
            moved = distance_m(last.lat, last.lon, lat, lon) - slack
            if moved > 0 and moved / seconds > cfg.max_speed_mps:
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
        if not rejected and not flags and (last is None or time > last.time):
            self.last[worker_id] = LastFix(time, lat, lon, accuracy)
        return Verdict(Flag(rejected), Flag(flags)) if hit else _CLEAN
