"""Decoding OsmAnd / Traccar Client requests and judging fixes: pure functions, no server."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.gateway.filters import FilterConfig, Filters, Flag, Mode, parse_modes
from desktop.gateway.protocol import (
    KNOT_MPS,
    ProtocolError,
    RawFix,
    parse_form,
    parse_json,
    parse_query_string,
    parse_timestamp,
)
from desktop.gateway.reports import PhotoLimits, check_photo, parse_report, sniff_image

T0 = dt.datetime(2026, 11, 20, 8, 30, 0, tzinfo=dt.UTC)


def form(query: str) -> RawFix:
    return parse_form(parse_query_string(query))


# --- timestamps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "1795163400",  # Unix seconds
        "1795163400000",  # Unix milliseconds
        "2026-11-20T08:30:00Z",
        "2026-11-20T16:30:00+08:00",
        "2026-11-20T08:30:00.000Z",
        "2026-11-20 08:30:00",  # yyyy-MM-dd HH:mm:ss, read as UTC like a Traccar server in UTC
    ],
)
def test_timestamp_formats_agree(text: str) -> None:
    assert parse_timestamp(text) == T0


def test_fractional_seconds_are_kept() -> None:
    assert parse_timestamp("1795163400.25") == T0 + dt.timedelta(milliseconds=250)


@pytest.mark.parametrize(
    "text", ["", "yesterday", "-5", "99999999999999999", "1e9", "NaN", "2026-13-01T00:00:00"]
)
def test_bad_timestamps_are_refused(text: str) -> None:
    with pytest.raises(ProtocolError):
        parse_timestamp(text)


# --- the query / form shape ------------------------------------------------------------------


def test_osmand_query_with_units_and_unknown_parameters() -> None:
    fix = form(
        "id=PD00001&timestamp=1795163400&lat=36.78&lon=119.95&speed=10&bearing=90&altitude=30"
        "&accuracy=12.5&hdop=0.9&batt=77&charge=true&valid=1&driverUniqueId=abc&signal=-70&note=hello"
    )
    assert (fix.device_id, fix.time, fix.lat, fix.lon) == ("PD00001", T0, 36.78, 119.95)
    assert fix.speed == pytest.approx(10 * KNOT_MPS)  # knots on the wire, m/s stored
    assert (fix.bearing, fix.accuracy, fix.battery, fix.valid) == (90.0, 12.5, 77.0, True)
    assert fix.attributes == {
        "hdop": 0.9,
        "charge": True,
        "driverUniqueId": "abc",
        "signal": -70.0,
        "note": "hello",
        "altitude": 30.0,
    }


def test_location_parameter_and_deviceid_alias() -> None:
    fix = form("deviceid=X1&location=36.5,120.25")
    assert (fix.device_id, fix.lat, fix.lon, fix.time) == ("X1", 36.5, 120.25, None)


def test_valid_false_and_unknown_optionals() -> None:
    # -1 is "not available" (values out of range are refused: see test_gateway_hardening_pure.py)
    fix = form("id=a&lat=1&lon=2&valid=false&batt=-1&bearing=-1&speed=-1&accuracy=-1")
    assert not fix.valid
    assert (fix.battery, fix.bearing, fix.speed, fix.accuracy) == (None, None, None, None)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("lat=1&lon=2", "device id"),
        ("id=&lat=1&lon=2", "device id"),
        ("id=a", "coordinates"),
        ("id=a&lat=1", "both"),
        ("id=a&lat=91&lon=2", "out of range"),
        ("id=a&lat=nan&lon=2", "not a number"),
        ("id=a&lat=1&lon=inf", "not a number"),
        ("id=a&lat=1e999&lon=2", "out of range"),
        ("id=a&lat=1&lon=2&speed=fast", "not a number"),
        ("id=a%00b&lat=1&lon=2", "control characters"),
        ("id=a&lat=1&lon=2&x=%ff%fe", "UTF-8"),
        ("id=a&location=1", "lat,lon"),
        ("id=" + "x" * 65 + "&lat=1&lon=2", "longer"),
    ],
)
def test_malformed_queries_say_why(query: str, reason: str) -> None:
    with pytest.raises(ProtocolError, match=reason):
        form(query)


def test_too_many_parameters_are_refused() -> None:
    with pytest.raises(ProtocolError):
        form("id=a&lat=1&lon=2&" + "&".join(f"k{i}=1" for i in range(200)))


# --- the JSON shape --------------------------------------------------------------------------


def record(**location: object) -> dict[str, object]:
    loc: dict[str, object] = {
        "timestamp": "2026-11-20T08:30:00.000Z",
        "coords": {
            "latitude": 36.78,
            "longitude": 119.95,
            "accuracy": 8,
            "speed": 1.5,
            "heading": 45,
            "altitude": 12,
        },
        "is_moving": True,
        "odometer": 1234,
        "event": "motionchange",
        "battery": {"level": 0.42, "is_charging": True},
        "activity": {"type": "walking"},
        "extras": {"shift": "morning"},
    }
    loc.update(location)
    return {"device_id": "PD00001", "location": loc}


def test_traccar_client_json() -> None:
    (fix,) = parse_json(json.dumps(record()).encode(), 10)
    assert (fix.device_id, fix.time, fix.lat, fix.lon, fix.source) == ("PD00001", T0, 36.78, 119.95, "json")
    assert fix.speed == 1.5  # m/s in JSON: no conversion
    assert (fix.bearing, fix.accuracy, fix.battery) == (45.0, 8.0, 42.0)
    assert fix.attributes == {
        "altitude": 12.0,
        "charge": True,
        "motion": True,
        "odometer": 1234.0,
        "event": "motionchange",
        "activity": "walking",
        "extras": {"shift": "morning"},
    }
    assert not fix.mock


def test_json_array_is_an_offline_buffer_and_unknown_speed_is_none() -> None:
    items = [record(), record(mock=True, coords={"latitude": 1, "longitude": 2, "speed": -1, "heading": -1})]
    fixes = parse_json(json.dumps(items).encode(), 10)
    assert len(fixes) == 2 and fixes[1].mock and fixes[1].speed is None and fixes[1].bearing is None
    with pytest.raises(ProtocolError, match="more than 1"):
        parse_json(json.dumps(items).encode(), 1)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"{",
        b"[]",
        b"null",
        b"\xff\xfe",
        b'{"device_id": "a"}',
        b'{"device_id": true, "location": {}}',
        json.dumps(record(coords={"latitude": "1", "longitude": 2})).encode(),
        json.dumps(record(coords={"latitude": True, "longitude": 2})).encode(),
        json.dumps(record(coords={"latitude": 100, "longitude": 2})).encode(),
        json.dumps(record(timestamp=None)).encode(),
        json.dumps(record(mock="yes")).encode(),
        json.dumps(record(battery={"level": "full"})).encode(),
        b'{"device_id": "a", "location": {"timestamp": "2026-11-20T08:30:00Z",'
        b' "coords": {"latitude": NaN, "longitude": 2}}}',
        b'{"device_id": "a", "location": {"timestamp": "2026-11-20T08:30:00Z",'
        b' "coords": {"latitude": 1e999, "longitude": 2}}}',
        b"[" * 5000 + b"]" * 5000,
        json.dumps(record(extras={"x": "\x00"})).encode(),
        json.dumps(record(extras={"big": "x" * 5000})).encode(),
    ],
)
def test_malformed_json_is_refused(body: bytes) -> None:
    with pytest.raises(ProtocolError):
        parse_json(body, 10)


# --- property tests: any input either decodes to sane values or raises ProtocolError ----------


def _sane(fix: RawFix) -> None:
    assert isinstance(fix.device_id, str) and 0 < len(fix.device_id) <= 64
    assert -90 <= fix.lat <= 90 and -180 <= fix.lon <= 180
    for value in (fix.speed, fix.bearing, fix.accuracy, fix.battery, fix.altitude):
        assert value is None or math.isfinite(value)
    json.dumps(fix.attributes, allow_nan=False)  # storable as JSON, no NaN/Infinity
    text = json.dumps(fix.attributes, ensure_ascii=False)
    assert "\x00" not in text and "\x00" not in fix.device_id


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_crash_the_json_decoder(body: bytes) -> None:
    try:
        fixes = parse_json(body, 50)
    except ProtocolError:
        return
    for fix in fixes:
        _sane(fix)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_form_decoder(body: bytes) -> None:
    try:
        fix = parse_form(parse_query_string(body.decode("latin-1")))
    except ProtocolError:
        return
    _sane(fix)


_nasty_text = st.one_of(
    st.text(max_size=80),
    st.sampled_from(
        ["'; DROP TABLE positions; --", "<script>alert(1)</script>", "\x00", "\ud800", "1e999", "NaN", "-0"]
    ),
)
_json_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    _nasty_text,
)
_json_value = st.recursive(
    _json_scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_nasty_text, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    device=_json_value,
    timestamp=_json_value,
    lat=_json_value,
    lon=_json_value,
    extra=st.dictionaries(_nasty_text, _json_value, max_size=4),
    coords_extra=st.dictionaries(st.sampled_from(["accuracy", "speed", "heading", "altitude"]), _json_value),
)
def test_wrong_types_and_huge_numbers_in_json(
    device: object,
    timestamp: object,
    lat: object,
    lon: object,
    extra: dict[str, object],
    coords_extra: dict[str, object],
) -> None:
    body = {
        "device_id": device,
        "location": {
            "timestamp": timestamp,
            "coords": {"latitude": lat, "longitude": lon, **coords_extra},
            **extra,
        },
    }
    try:
        raw = json.dumps(body).encode("utf-8", "surrogatepass")
    except (ValueError, UnicodeEncodeError):
        return
    try:
        fixes = parse_json(raw, 5)
    except ProtocolError:
        return
    for fix in fixes:
        _sane(fix)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "lat", "lon", "timestamp", "speed", "batt", "x", "location"]), _nasty_text
    )
)
def test_nasty_form_values(params: dict[str, str]) -> None:
    try:
        fix = parse_form(params.items())
    except ProtocolError:
        return
    _sane(fix)


# --- filters ---------------------------------------------------------------------------------


def check(
    f: Filters,
    worker: int = 1,
    *,
    time: dt.datetime = T0,
    lat: float = 36.78,
    lon: float = 119.95,
    accuracy: float | None = 10.0,
    valid: bool = True,
    mock: bool = False,
    now: dt.datetime = T0,
):  # type: ignore[no-untyped-def]
    return f.check(worker, time, lat, lon, accuracy, valid, mock, now)


def test_filters_reject_and_flag_by_mode() -> None:
    f = Filters()
    assert check(f).stored and not check(f).flags
    assert check(f, lat=0.0, lon=0.0).rejected == Flag.ZERO
    assert check(f, valid=False).rejected == Flag.INVALID
    assert check(f, time=T0 + dt.timedelta(hours=1)).rejected == Flag.FUTURE
    assert check(f, time=T0 + dt.timedelta(minutes=5)).stored  # within the clock-drift tolerance
    assert check(f, time=T0 - dt.timedelta(days=40)).rejected == Flag.PAST
    v = check(f, accuracy=900.0)
    assert v.stored and v.flags == Flag.ACCURACY  # default: kept, flagged
    assert check(f, mock=True).flags == Flag.MOCK
    assert f.counters.rejected["zero"] == 1 and f.counters.flagged["mock"] == 1

    strict = Filters(FilterConfig(modes=parse_modes("accuracy=reject,mock=off")))
    assert check(strict, accuracy=900.0).rejected == Flag.ACCURACY
    assert check(strict, mock=True).stored and not check(strict, mock=True).flags


def test_speed_jump_is_judged_against_the_last_good_fix() -> None:
    f = Filters()
    assert check(f, lat=36.78).stored
    # 11 km in 10 s: impossible
    assert check(f, time=T0 + dt.timedelta(seconds=10), lat=36.88).rejected == Flag.JUMP
    # the same distance in an hour is a bus ride
    later = T0 + dt.timedelta(hours=1)
    assert check(f, time=later, lat=36.88, now=later).stored
    # a coarse fix a few hundred metres off within its accuracy is noise, not a jump
    g = Filters()
    check(g, accuracy=10.0)
    assert check(g, time=T0 + dt.timedelta(seconds=5), lat=36.785, accuracy=800.0).rejected == Flag(0)


def test_parse_modes_refuses_nonsense() -> None:
    assert parse_modes("jump=flag")["jump"] == Mode.FLAG
    for bad in ("jump", "speed=reject", "jump=maybe"):
        with pytest.raises(ValueError):
            parse_modes(bad)


# --- reports ---------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def test_photos_are_sniffed_not_trusted() -> None:
    assert sniff_image(PNG) == "image/png"
    assert sniff_image(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert sniff_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image(b"<html>") is None
    with pytest.raises(ProtocolError, match="not a JPEG"):
        check_photo(b"GIF89a", "image/gif", PhotoLimits())
    with pytest.raises(ProtocolError, match="claims"):
        check_photo(PNG, "image/jpeg", PhotoLimits())
    with pytest.raises(ProtocolError, match="larger"):
        check_photo(PNG + b"\x00" * 100, None, PhotoLimits(max_bytes=50))


def test_report_parsing() -> None:
    case = parse_report(
        {
            "type": "case",
            "kind": "dispute",
            "category": "land",
            "title": " 宅基地 ",
            "location": {"lat": 36.7, "lon": 119.9},
        },
        now=T0,
    )
    assert case.title == "宅基地" and case.severity == 1  # type: ignore[union-attr]
    for bad in (
        {
            "type": "case",
            "kind": "dispute",
            "category": "work_safety",
            "title": "x",
            "location": {"lat": 1, "lon": 2},
        },
        {
            "type": "case",
            "kind": "dispute",
            "category": "land",
            "title": "",
            "location": {"lat": 1, "lon": 2},
        },
        {"type": "case", "kind": "dispute", "category": "land", "title": "x"},
        {
            "type": "case",
            "kind": "dispute",
            "category": "land",
            "title": "x",
            "location": {"lat": 1, "lon": 2},
            "severity": 9,
        },
        {"type": "sentiment_log", "content": "x", "visited_at": "2030-01-01T00:00:00Z"},
        {"type": "sentiment_log", "content": "x", "households_visited": -1},
        {"type": "other"},
    ):
        with pytest.raises(ProtocolError):
            parse_report(bad, now=T0)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["type", "kind", "category", "title", "description", "location", "severity", "parties_count",
             "mass_incident", "photos", "content", "visited_at", "households_visited", "lat", "lon"]
        ),
        _json_value,
    ).map(lambda d: {**d, "type": d.get("type", "case")})
)  # fmt: skip
def test_any_report_shape_is_parsed_or_refused_in_words(data: dict[str, object]) -> None:
    try:
        report = parse_report(data, now=T0)
    except ProtocolError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    json.dumps(getattr(report, "title", ""))  # plain text, storable
    assert -90 <= (report.lat or 0) <= 90 and -180 <= (report.lon or 0) <= 180
