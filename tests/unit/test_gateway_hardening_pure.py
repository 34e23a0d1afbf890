"""Issue 13, the gateway's part: what the parsers and filters refuse, without a server or database
(the same cases through the live gateway are in tests/integration/test_gateway_hardening.py)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from typing import Any

import pytest

from desktop.gateway.filters import Area, FilterConfig, Filters, Flag, LastFix, Run, Verdict, parse_modes
from desktop.gateway.outage import FailureLog, first_line
from desktop.gateway.protocol import (
    ProtocolError,
    parse_form,
    parse_json,
    parse_query_string,
    parse_timestamp,
)
from desktop.gateway.reports import parse_report
from desktop.gateway.server import GatewayConfig
from desktop.gateway.shared import SharedState

T0 = dt.datetime(2026, 11, 20, 8, 30, 0, tzinfo=dt.UTC)


def form(query: str) -> Any:
    return parse_form(parse_query_string(query))


def json_record(timestamp: object = "2026-11-20T08:30:00Z", **coords: object) -> bytes:
    return json.dumps(
        {
            "device_id": "PD00001",
            "location": {
                "timestamp": timestamp,
                "coords": {"latitude": 36.78, "longitude": 119.95, **coords},
            },
        }
    ).encode()


# --- 3. timestamps a phone cannot mean ------------------------------------------------------

EXTREME_TIMESTAMPS = [
    "0001-01-01T00:00:00+14:00",  # no UTC year to put it in (OverflowError before)
    "9999-12-31T23:59:59-14:00",  # likewise
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "0001-01-01 00:00:00",
    "1969-12-31T23:59:59Z",
    "2100-01-01T00:00:00Z",
    "253402300799999",  # Unix milliseconds in 9999
    "4102444800000",  # 2100-01-01 in milliseconds
]


@pytest.mark.parametrize("text", EXTREME_TIMESTAMPS)
def test_extreme_timestamps_are_refused_in_words(text: str) -> None:
    with pytest.raises(ProtocolError, match="out of range"):
        parse_timestamp(text)
    with pytest.raises(ProtocolError, match="out of range"):
        parse_json(json_record(text), 10)


# (Numbers from 2**31 on are milliseconds, as Traccar reads them: 253402300799 is a day in 1978.)
@pytest.mark.parametrize("number", [253402300799999, 4102444800000, 10**30])
def test_extreme_json_number_timestamps_are_refused(number: int) -> None:
    with pytest.raises(ProtocolError, match="out of range"):
        parse_json(json_record(number), 10)


def test_the_range_ends_are_as_documented() -> None:
    assert parse_timestamp("1970-01-01T00:00:00Z") == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    assert parse_timestamp("2099-12-31T23:59:59.999+00:00").year == 2099
    assert parse_timestamp("4102444799999") == dt.datetime(2099, 12, 31, 23, 59, 59, 999000, tzinfo=dt.UTC)
    # Milliseconds are exact (no float rounding on the way).
    assert parse_timestamp("1795163400123") == T0 + dt.timedelta(milliseconds=123)


def _log(visited_at: str) -> dict[str, Any]:
    return {"type": "sentiment_log", "content": "走访", "visited_at": visited_at}


@pytest.mark.parametrize(
    ("visited_at", "reason"),
    [
        ("9999-12-31T23:59:59-14:00", "out of range"),
        ("0001-01-01T00:00:00+14:00", "out of range"),
        ("2026-10-20T08:29:00Z", "more than 30 days in the past"),
        ("2001-01-01T00:00:00Z", "more than 30 days in the past"),
        ("2026-11-20T09:00:00Z", "in the future"),
    ],
)
def test_sentiment_logs_dated_outside_the_window_are_refused(visited_at: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        parse_report(_log(visited_at), now=T0)


def test_sentiment_log_window_follows_the_settings() -> None:
    assert parse_report(_log("2026-10-22T08:30:00Z"), now=T0).visited_at  # type: ignore[union-attr]
    with pytest.raises(ProtocolError, match="more than 2 days"):
        parse_report(_log("2026-11-17T08:30:00Z"), now=T0, past_s=2 * 86400)
    late = parse_report(_log("2026-11-20T08:35:00+00:00"), now=T0, future_s=600)
    assert late.visited_at == T0 + dt.timedelta(minutes=5)  # type: ignore[union-attr]


# --- 4. non-ASCII digits, non-finite and absurd values ----------------------------------------

NOT_ASCII_NUMBERS = [
    "３０.１",  # full-width
    "٣٠.١",  # Arabic-Indic
    "۳۰.۱",  # Extended Arabic-Indic (Persian)
    "३०.१",  # Devanagari
    "30.¹",  # superscript
    "3０",  # one full-width digit is enough
    "\u300030.1",  # ideographic space around a plain number
    "30.1\u00a0",  # no-break space
]


@pytest.mark.parametrize("text", NOT_ASCII_NUMBERS)
@pytest.mark.parametrize(
    "field", ["lat", "lon", "speed", "bearing", "altitude", "accuracy", "batt", "hdop", "location"]
)
def test_non_ascii_digits_are_not_numbers_in_the_form(field: str, text: str) -> None:
    params = {"id": "PD00001", "lat": "30", "lon": "120"}
    if field == "location":
        del params["lat"], params["lon"]
        params["location"] = f"{text},120"
    else:
        params[field] = text
    with pytest.raises(ProtocolError, match="not a number"):
        parse_form(params.items())


@pytest.mark.parametrize(
    "text",
    [
        "１７９５１６３４００",
        "١٧٩٥١٦٣٤٠٠",
        "１７９５１６３４０００００",
        "1795163400.２５",
        "２０２６-11-20T08:30:00Z",
    ],
)
def test_non_ascii_digits_are_not_timestamps(text: str) -> None:
    with pytest.raises(ProtocolError):
        parse_timestamp(text)
    with pytest.raises(ProtocolError):
        form(f"id=a&lat=1&lon=2&timestamp={text}")
    with pytest.raises(ProtocolError):
        parse_json(json_record(text), 10)
    with pytest.raises(ProtocolError):
        parse_report(_log(text), now=T0)


def test_unknown_parameters_with_non_ascii_digits_stay_text() -> None:
    fix = form("id=a&lat=1&lon=2&signal=－７０&floor=３")
    assert fix.attributes == {"signal": "－７０", "floor": "３"}


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("speed=1e300", "speed"),
        ("speed=600", "speed"),  # knots: 1111 km/h
        ("speed=-5", "speed"),
        ("bearing=361", "bearing"),
        ("heading=-90", "heading"),
        ("altitude=10001", "altitude"),
        ("altitude=-1e300", "altitude"),
        ("accuracy=100001", "accuracy"),
        ("accuracy=-3", "accuracy"),
        ("batt=250", "batt"),
        ("batt=-7", "batt"),
        ("hdop=1e200", "hdop"),
        ("speed=nan", "not a number"),
        ("bearing=inf", "not a number"),
        ("altitude=1e400", "out of range"),
        ("batt=Infinity", "not a number"),
    ],
)
def test_absurd_form_values_are_refused(query: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        form("id=a&lat=1&lon=2&" + query)


def test_plausible_extremes_and_unknowns_pass() -> None:
    fix = form("id=a&lat=1&lon=2&speed=539&bearing=360&altitude=-430&accuracy=100000&batt=100&hdop=0")
    assert fix.speed == pytest.approx(539 * 1852 / 3600) and fix.altitude == -430.0
    fix = form("id=a&lat=1&lon=2&speed=-1&bearing=-1&accuracy=-1&batt=-1&altitude=-1")
    assert (fix.speed, fix.bearing, fix.accuracy, fix.battery) == (None, None, None, None)
    assert fix.altitude == -1.0  # a metre below sea level is a height, not "unknown"


@pytest.mark.parametrize(
    ("coords", "location", "reason"),
    [
        ({"speed": 1e300}, {}, "speed"),
        ({"speed": 300}, {}, "speed"),  # m/s: 1080 km/h
        ({"heading": 720}, {}, "heading"),
        ({"altitude": 1e308}, {}, "altitude"),
        ({"altitude": -20000}, {}, "altitude"),
        ({"accuracy": 1e9}, {}, "accuracy"),
        ({"accuracy": -0.5}, {}, "accuracy"),
        ({}, {"battery": {"level": 77}}, "battery"),
        ({}, {"battery": {"level": -3}}, "battery"),
        ({}, {"odometer": 1e300}, "odometer"),
        ({}, {"odometer": -10}, "odometer"),
        ({"latitude": 2**60}, {}, "out of range"),
    ],
)
def test_absurd_json_values_are_refused(
    coords: dict[str, object], location: dict[str, object], reason: str
) -> None:
    record = json.loads(json_record())
    record["location"]["coords"].update(coords)
    record["location"].update(location)
    with pytest.raises(ProtocolError, match=reason):
        parse_json(json.dumps(record).encode(), 10)


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity", b"1e400"])
def test_non_finite_json_numbers_are_refused(literal: bytes) -> None:
    for key in (b"speed", b"accuracy", b"altitude", b"heading"):
        body = json_record().replace(
            b'"longitude": 119.95', b'"longitude": 119.95, "' + key + b'": ' + literal
        )
        with pytest.raises(ProtocolError):
            parse_json(body, 10)


def test_json_unknowns_are_none() -> None:
    record = json.loads(json_record(speed=-1, heading=-1, accuracy=-1))
    record["location"]["battery"] = {"level": -1, "is_charging": False}
    (fix,) = parse_json(json.dumps(record).encode(), 10)
    assert (fix.speed, fix.bearing, fix.accuracy, fix.battery) == (None, None, None, None)


@pytest.mark.parametrize(
    "report",
    [
        {"type": "case", "kind": "dispute", "category": "land", "title": "x",
         "location": {"lat": "３６.７", "lon": 119.9}},
        {"type": "case", "kind": "dispute", "category": "land", "title": "x",
         "location": {"lat": 36.7, "lon": 119.9}, "severity": "２"},
        {"type": "case", "kind": "dispute", "category": "land", "title": "x",
         "location": {"lat": 36.7, "lon": 119.9}, "parties_count": "٣"},
        {"type": "sentiment_log", "content": "x", "households_visited": "４"},
        {"type": "sentiment_log", "content": "x", "visited_at": "１７９５１６３４００"},
        {"type": "sentiment_log", "content": "x", "lat": 36.7, "lon": float("inf")},
    ],
)  # fmt: skip
def test_reports_take_no_number_that_is_not_one(report: dict[str, object]) -> None:
    with pytest.raises(ProtocolError):
        parse_report(report, now=T0)


# --- 1. a forged fix: outside the city refused, inside the city outvoted ----------------------

# The demo city (Pingdu) spans about lat 36.52..37.07, lon 119.58..120.38.
CITY = (119.58, 36.52, 120.38, 37.07)
HOME = (36.78, 119.95)  # where the worker really is
ACROSS = (36.95, 120.25)  # the other side of the city: ~33 km from HOME
BEIJING = (39.90, 116.40)  # ~500 km away
WEST = (36.60, 119.65)  # a third place in the city, 33 km from HOME, more from ACROSS


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def judge(f: Filters, where: tuple[float, float], seconds: float, worker: int = 1, **kw: Any) -> Verdict:
    lat, lon = where
    return f.check(worker, at(seconds), lat, lon, kw.get("accuracy", 10.0), True, kw.get("mock", False), T0)


def test_the_area_is_the_box_grown_by_the_margin() -> None:
    area = Area.around(CITY, 20_000.0)
    assert area.contains(*HOME) and area.contains(*ACROSS)
    assert not area.contains(*BEIJING)
    # 20 km is at least 0.18° of latitude and 0.22° of longitude at this latitude, never less
    assert area.contains(36.52 - 0.17, 119.95) and not area.contains(36.52 - 0.19, 119.95)
    assert area.contains(36.78, 120.38 + 0.2) and not area.contains(36.78, 120.38 + 0.3)
    assert Area.around((0.0, 89.9, 1.0, 90.0), 50_000.0).north == 90.0  # clamped, no crash


def test_a_fix_outside_the_city_is_refused_counted_and_never_the_anchor() -> None:
    f = Filters(area=Area.around(CITY, 20_000.0))
    assert judge(f, HOME, -12 * 3600).stored  # last night, at home
    # Twelve hours later, 500 km away: reachable, so the speed filter alone took it (the bug).
    verdict = judge(f, BEIJING, -60)
    assert verdict.rejected == Flag.OUTSIDE and verdict.reasons() == ["outside"]
    assert f.counters.rejected["outside"] == 1
    assert f.last[1].lat == HOME[0]  # the anchor did not move
    assert judge(f, HOME, 0).rejected == Flag(0)  # the real phone is not a "jump"
    # Without a last fix at all, an outside fix is still no anchor.
    assert judge(f, BEIJING, 0, worker=2).rejected == Flag.OUTSIDE and 2 not in f.last
    # (0, 0) is "zero", not also "outside"
    assert judge(f, (0.0, 0.0), 5).rejected == Flag.ZERO


def test_outside_can_be_flagged_or_turned_off() -> None:
    flagged = Filters(FilterConfig(modes=parse_modes("outside=flag")), area=Area.around(CITY, 0.0))
    verdict = judge(flagged, BEIJING, 0)
    assert verdict.stored and verdict.flags == Flag.OUTSIDE and 1 not in flagged.last
    off = Filters(FilterConfig(modes=parse_modes("outside=off")), area=Area.around(CITY, 0.0))
    assert judge(off, BEIJING, 0).rejected == Flag(0)


def test_a_stored_fix_outside_the_city_does_not_seed_the_anchor() -> None:
    f = Filters(area=Area.around(CITY, 20_000.0))
    assert not f.seed(1, LastFix(at(-60), *BEIJING, None))
    assert f.seed(2, LastFix(at(-60), *HOME, None))
    assert 1 not in f.last and judge(f, HOME, 0).rejected == Flag(0)


def test_three_consistent_fixes_outvote_a_forged_anchor_inside_the_city() -> None:
    f = Filters(area=Area.around(CITY, 20_000.0))
    assert judge(f, HOME, -7200).stored
    assert judge(f, ACROSS, -600).stored  # forged, but plausible two hours on: it is the anchor now
    answers = [judge(f, HOME, -590 + 10 * i).rejected for i in range(5)]
    assert answers == [Flag.JUMP, Flag.JUMP, Flag(0), Flag(0), Flag(0)]
    assert f.last[1].lat == HOME[0] and f.counters.reanchored == 1
    assert f.counters.rejected["jump"] == 2 and not f.runs


def test_the_run_must_agree_with_itself_and_be_good_otherwise() -> None:
    f = Filters(area=Area.around(CITY, 20_000.0))
    judge(f, ACROSS, -600)
    # Alternating between two far apart places: never consistent, never moves the anchor.
    for i in range(6):
        assert judge(f, HOME if i % 2 else WEST, -590 + 10 * i).rejected == Flag.JUMP
    assert f.last[1].lat == ACROSS[0] and f.counters.reanchored == 0
    # Mock or coarse fixes do not count towards a run (they are judged "jump" as before).
    g = Filters(area=Area.around(CITY, 20_000.0))
    judge(g, ACROSS, -600)
    assert [judge(g, HOME, -590 + 10 * i, mock=True).rejected for i in range(4)] == [Flag.JUMP] * 4
    assert [judge(g, HOME, -500 + 10 * i, accuracy=900.0).rejected for i in range(4)] == [Flag.JUMP] * 4
    assert g.last[1].lat == ACROSS[0]


def test_a_fix_that_agrees_with_the_anchor_ends_the_run() -> None:
    f = Filters(area=Area.around(CITY, 20_000.0))
    judge(f, HOME, -600)
    assert judge(f, ACROSS, -590).rejected == Flag.JUMP
    assert judge(f, ACROSS, -580).rejected == Flag.JUMP
    assert judge(f, HOME, -570).rejected == Flag(0)  # the anchor was right: the run is over
    assert not f.runs
    assert [judge(f, ACROSS, -560 + 10 * i).rejected for i in range(3)] == [Flag.JUMP, Flag.JUMP, Flag(0)]


def test_recovery_setting() -> None:
    never = Filters(FilterConfig(jump_recover_after=0))
    judge(never, ACROSS, -600)
    assert [judge(never, HOME, -590 + 10 * i).rejected for i in range(6)] == [Flag.JUMP] * 6
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_JUMP_RECOVER_AFTER": "5"}).filters.jump_recover_after == 5
    assert GatewayConfig.from_env({"CONCORD_GATEWAY_AREA_MARGIN_M": "5000"}).filters.area_margin_m == 5000
    with pytest.raises(ValueError, match="RECOVER_AFTER"):
        GatewayConfig.from_env({"CONCORD_GATEWAY_JUMP_RECOVER_AFTER": "three"})


@pytest.mark.skipif(not hasattr(os, "fork"), reason="several processes need fork()")
def test_the_run_is_shared_between_gateway_processes() -> None:
    """Two gateway processes over one shared state: the fixes of the run land on either."""
    shared = SharedState(capacity=64)
    config = FilterConfig()
    parent = Filters(config, last=shared.last, runs=shared.runs, area=Area.around(CITY, 20_000.0))
    judge(parent, ACROSS, -600, worker=7)
    assert judge(parent, HOME, -590, worker=7).rejected == Flag.JUMP

    def second() -> None:
        child = Filters(config, last=shared.last, runs=shared.runs, area=Area.around(CITY, 20_000.0))
        assert judge(child, HOME, -580, worker=7).rejected == Flag.JUMP
        assert shared.runs[7].count == 2

    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            second()
            code = 0
        finally:
            os._exit(code)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert judge(parent, HOME, -570, worker=7).rejected == Flag(0)
    assert shared.last[7].lat == HOME[0] and 7 not in shared.runs


def test_shared_runs_round_trip() -> None:
    shared = SharedState(capacity=4)
    shared.runs[2] = Run(LastFix(T0, 36.0, 120.0, None), 2)
    shared.runs[9] = Run(LastFix(T0, 1.0, 2.0, 5.0), 1)  # beyond the capacity: private
    assert shared.runs[2] == Run(LastFix(T0, 36.0, 120.0, None), 2) and shared.runs[9].count == 1
    assert sorted(shared.runs) == [2, 9] and 3 not in shared.runs and len(shared.runs) == 2
    shared.last[2] = LastFix(T0, 1.0, 1.0, None)  # the slot's other fields are untouched
    assert shared.runs[2].fix.lat == 36.0
    del shared.runs[2]
    assert 2 not in shared.runs and shared.last[2].lat == 1.0
    with pytest.raises(KeyError):
        del shared.runs[2]


# --- 5. failures logged once per interval ------------------------------------------------------


def test_failure_log_lets_one_line_through_per_interval(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    gateway_log, writer_log = logging.getLogger("test.gateway"), logging.getLogger("test.writer")
    failures = FailureLog(gateway_log, 30.0, clock=lambda: now[0])
    writer_log.addFilter(failures)
    try:
        caplog.set_level(logging.INFO)
        for i in range(1000):  # ten seconds of an outage at 100 failures a second, both sources
            now[0] = i / 100
            failures.failed("write failed: %s", first_line(OSError("refused\n[SQL: INSERT …]")))
            writer_log.warning("batch of %d units failed (%s)", 3, OSError("refused\nmore"))
        writer_log.info("not a failure: never limited")
        assert [r.getMessage() for r in caplog.records] == [
            "write failed: refused",
            "not a failure: never limited",
        ]
        now[0] = 31.0
        caplog.clear()
        failures.succeeded()
        failures.succeeded()
        assert [r.getMessage() for r in caplog.records] == [
            "the database takes writes again after 2000 failures (1999 more failures not logged since the last line)"
        ]
        caplog.clear()
        now[0] = 32.0
        writer_log.warning("batch of %d units failed (%s)", 3, OSError("refused\nmore"))
        failures.failed("write failed: %s", "x")
        assert [r.getMessage() for r in caplog.records] == []  # within 30 s of the last line
        now[0] = 62.0
        failures.failed("write failed: %s", "y")
        assert [r.getMessage() for r in caplog.records] == [
            "write failed: y (2 more failures not logged since the last line)"
        ]
    finally:
        writer_log.removeFilter(failures)
