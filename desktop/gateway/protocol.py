"""Decoding what phone trackers send: the OsmAnd protocol as Traccar Client speaks it.

Two shapes arrive on the same endpoint, as on a Traccar server's OsmAnd port (5055):

- the query/form shape (``id``, ``lat``, ``lon``, ``timestamp``, ``speed`` in knots, …) of the
  OsmAnd app and of Traccar Client before version 9, as a GET query or a POST form body;
- the JSON shape of Traccar Client 9+ (its location library's record: ``device_id`` and a
  ``location`` with ``coords``, ``battery``, ``activity``, speed in m/s), one object or an array
  of them when the phone flushes its offline buffer.

Everything here is pure: bytes and strings in, :class:`RawFix` values or a one-line
:class:`ProtocolError` out. Anything that is not a plausible number, time or short clean string
is refused here, so nothing malformed can reach the database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from desktop.errors import Refusal

KNOT_MPS = 1852.0 / 3600.0
MAX_DEVICE_ID = 64
MAX_ATTRIBUTES = 40
MAX_ATTR_KEY = 64
MAX_ATTR_TEXT = 256
MAX_EXTRAS_JSON = 2048
MAX_FORM_FIELDS = 100
MAX_JSON_DEPTH = 8
# Integers beyond 2**53 lose precision in JSON readers (JavaScript, the map page): refuse them.
MAX_SAFE_INT = 2**53
# Below this a numeric timestamp counts as seconds, above as milliseconds (as Traccar decides).
SECONDS_LIMIT = 2**31 - 1

# ASCII digits only: ``\d`` and float()/int() also take full-width (３０), Arabic-Indic (٣٠) and
# other Unicode digits, which no tracker sends and no other reader of the value would take.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
_INTEGER = re.compile(r"[0-9]{1,16}")
_ASCII_SPACE = " \t\r\n\x0b\x0c"  # what str.strip() would remove, less the Unicode spaces
# Control characters other than tab/newline, and lone surrogates, cannot be stored cleanly
# (PostgreSQL refuses NUL outright; surrogates cannot be encoded as UTF-8).
_UNCLEAN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


class ProtocolRefusal(Refusal):
    """A refusal of the phones' protocol, worded in English as the protocols (OsmAnd, Traccar) are:
    ``str()`` is the message alone, the HTTP answer the device app gets and the line in the
    gateway's log. The message is also the refusal's fact, for the rare person who reads one
    (the ``devices`` command line): ui/refusals says it inside a sentence of the user's language."""

    CODE = "gateway.protocol"

    def __init__(self, message: str) -> None:
        super().__init__(self.CODE, message=message)
        self.args = (message,)

    @property
    def message(self) -> str:
        return str(self.params.get("message", ""))

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[Any, ...]:  # survives pickling (gateway worker processes)
        return (type(self), (self.message,))


class ProtocolError(ProtocolRefusal):
    """A request that cannot be a position: answered 400 with this one-line reason."""

    CODE = "gateway.protocol"

    def __init__(self, reason: str) -> None:
        super().__init__(reason.splitlines()[0][:200] if reason else "bad request")


@dataclass(slots=True)
class RawFix:
    """One decoded fix, before the device is looked up and the filters run.

    ``time`` is None when the phone sent none (the gateway then uses the receive time, as Traccar
    does). Speeds are m/s whatever the wire format; ``battery`` is percent (0–100).
    """

    device_id: str
    lat: float
    lon: float
    time: dt.datetime | None = None
    speed: float | None = None
    bearing: float | None = None
    altitude: float | None = None
    accuracy: float | None = None
    battery: float | None = None
    valid: bool = True
    mock: bool = False
    attributes: dict[str, Any] = field(default_factory=dict)
    # Which format it came in: "form" or "json" (an unknown device is 400 in one, 404 in the other).
    source: str = "form"


# --- scalars ---------------------------------------------------------------------------------


def clean_text(value: str, what: str, max_len: int) -> str:
    """The string itself if it is short and printable enough to store; ProtocolError otherwise."""
    if len(value) > max_len:
        raise ProtocolError(f"{what} is longer than {max_len} characters")
    if _UNCLEAN.search(value):
        raise ProtocolError(f"{what} contains control characters")
    return value


def parse_number(value: str, what: str) -> float:
    """A finite decimal number written the plain way in ASCII (no 'nan', 'inf', '0x', '1_0', no
    full-width or other non-ASCII digits or spaces)."""
    text = value.strip(_ASCII_SPACE)
    if len(text) > 40 or not text.isascii() or not _NUMBER.fullmatch(text):
        raise ProtocolError(f"{what} is not a number")
    number = float(text)
    if not math.isfinite(number):
        raise ProtocolError(f"{what} is out of range")
    return number


def json_number(value: Any, what: str) -> float:
    # bool is an int in Python; true/false where a number belongs is a client bug, not 1/0.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProtocolError(f"{what} must be a number")
    if isinstance(value, int) and abs(value) > MAX_SAFE_INT:
        raise ProtocolError(f"{what} is out of range")
    number = float(value)
    if not math.isfinite(number):
        raise ProtocolError(f"{what} is out of range")
    return number


# What each quantity can be; a value outside is refused (400), not stored.
MAX_SPEED_MPS = 1000 / 3.6  # 1000 km/h
MAX_ALTITUDE_M = 10_000.0  # above and below sea level
MAX_ACCURACY_M = 100_000.0  # 100 km: coarser than a cell-tower fix is not a position
MAX_ODOMETER_M = 1e9  # a million kilometres
UNKNOWN = -1.0  # the location library's (and some trackers') "not available"


def _bounded(value: float | None, what: str, low: float, high: float, unit: str = "") -> float | None:
    """The value if ``low <= value <= high``; None if unknown (absent, or -1 where -1 cannot be a
    value: ``low`` is 0); ProtocolError otherwise."""
    if value is None or (value == UNKNOWN and low == 0.0):
        return None
    if not low <= value <= high:
        raise ProtocolError(f"{what} must be between {low:g} and {high:g}{unit}")
    return value


def _speed(mps: float | None, what: str) -> float | None:
    if mps is None or mps == UNKNOWN:
        return None
    if not 0.0 <= mps <= MAX_SPEED_MPS:
        raise ProtocolError(f"{what} must be between 0 and 1000 km/h")
    return mps


def check_coordinates(lat: float, lon: float) -> None:
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ProtocolError(f"coordinates ({lat}, {lon}) are out of range")


def _to_utc(moment: dt.datetime) -> dt.datetime:
    # Times without a zone are read as UTC, as a Traccar server running in UTC reads them.
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Times a phone can mean: from the Unix epoch (a clock reset shows 1970; the "past" filter then
# refuses the fix with a 200) to the end of this century. Anything beyond is a corrupt value, not
# a drifting clock: 400. Python cannot even represent a UTC time for year 1 or 9999 given with a
# ±14:00 offset (OverflowError).
MIN_TIME = _EPOCH
MAX_TIME = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
_OUT_OF_RANGE = "timestamp is out of range (1970 to 2099)"
_MAX_MILLIS = (MAX_TIME - _EPOCH) // dt.timedelta(milliseconds=1)


def _in_range(moment: dt.datetime) -> dt.datetime:
    if not MIN_TIME <= moment < MAX_TIME:
        raise ProtocolError(_OUT_OF_RANGE)
    return moment


def _epoch(number: int) -> dt.datetime:
    millis = number * 1000 if number < SECONDS_LIMIT else number
    if not 0 <= millis < _MAX_MILLIS:
        raise ProtocolError(_OUT_OF_RANGE)
    return _EPOCH + dt.timedelta(milliseconds=millis)


def parse_timestamp(value: str) -> dt.datetime:
    """Unix seconds, Unix milliseconds, ISO 8601, or ``yyyy-MM-dd HH:mm:ss`` (UTC)."""
    text = value.strip(_ASCII_SPACE)
    if not text or len(text) > 40:
        raise ProtocolError("timestamp is empty or too long")
    if not text.isascii():  # full-width or other non-ASCII digits (int() would take them)
        raise ProtocolError("timestamp is not Unix seconds, milliseconds or ISO 8601")
    if _INTEGER.fullmatch(text):
        return _epoch(int(text))
    whole, dot, frac = text.partition(".")
    # Seconds with a fraction (what most trackers send): plain ASCII digits on both sides.
    if (
        dot
        and whole.isascii()
        and whole.isdigit()
        and len(whole) <= 16
        and frac.isascii()
        and (frac.isdigit() or not frac)
    ):
        seconds = int(whole)
        if seconds >= SECONDS_LIMIT:
            raise ProtocolError("timestamp with a fraction must be in seconds")
        # One timedelta from the epoch: exact, and cheaper than fromtimestamp and a second sum.
        return _EPOCH + dt.timedelta(seconds=seconds, microseconds=int((frac + "000000")[:6]))
    iso = text.replace(" ", "T", 1) if "T" not in text else text
    # Python before 3.11 did not take "Z"; 3.11 does, but accept lower-case too.
    if iso.endswith(("z", "Z")):
        iso = iso[:-1] + "+00:00"
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        raise ProtocolError("timestamp is not Unix seconds, milliseconds or ISO 8601") from None
    try:
        return _in_range(_to_utc(moment))
    except OverflowError:  # year 1 at +14:00, year 9999 at -14:00: no UTC year to put it in
        raise ProtocolError(_OUT_OF_RANGE) from None


def _boolean(value: str) -> bool:
    return value.strip().lower() in ("true", "1")


# --- attributes ------------------------------------------------------------------------------


def _attr_value(value: Any, what: str, depth: int = 0) -> Any:
    """A JSON-safe copy of an attribute value, or ProtocolError."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return json_number(value, what) if isinstance(value, float) else int(json_number(value, what))
    if isinstance(value, str):
        return clean_text(value, what, MAX_ATTR_TEXT)
    if depth >= 3:
        raise ProtocolError(f"{what} is nested too deeply")
    if isinstance(value, list):
        return [_attr_value(v, what, depth + 1) for v in value[:MAX_ATTRIBUTES]]
    if isinstance(value, dict):
        return {
            clean_text(str(k), f"{what} key", MAX_ATTR_KEY): _attr_value(v, what, depth + 1)
            for k, v in list(value.items())[:MAX_ATTRIBUTES]
        }
    raise ProtocolError(f"{what} has an unsupported type")


def _form_attr(key: str, value: str) -> Any:
    """Unknown query parameters are kept typed as Traccar keeps them: number, boolean or text."""
    text = value.strip()
    if _NUMBER.fullmatch(text) and len(text) <= 40:
        number = float(text)
        if math.isfinite(number):
            return number
    if text in ("true", "false"):
        return text == "true"
    return clean_text(value, f"parameter {key!r}", MAX_ATTR_TEXT)


def _put_attr(attributes: dict[str, Any], key: str, value: Any) -> None:
    if key not in attributes and len(attributes) >= MAX_ATTRIBUTES:
        raise ProtocolError(f"more than {MAX_ATTRIBUTES} extra parameters")
    attributes[clean_text(key, "parameter name", MAX_ATTR_KEY)] = value


# --- the query / form shape ------------------------------------------------------------------


def parse_query_string(raw: str | bytes) -> list[tuple[str, str]]:
    """``a=1&b=2`` into pairs, refusing invalid UTF-8 and absurd numbers of fields.

    The same pairs as ``urllib.parse.parse_qsl(keep_blank_values=True)``, which this replaced on
    the gateway's hot path (a phone's query has a dozen fields and rarely an escape: unquoting only
    the fields that need it costs a third as much)."""
    try:
        text = raw.decode("ascii", "strict") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ProtocolError("the query or form is not valid UTF-8 URL encoding") from None
    if text.count("&") + 1 > MAX_FORM_FIELDS:
        raise ProtocolError("the query or form is not valid UTF-8 URL encoding")
    if "%" not in text and "+" not in text:  # nothing escaped (a phone's usual query)
        return [(key, value) for key, _, value in (f.partition("=") for f in text.split("&") if f)]
    pairs: list[tuple[str, str]] = []
    try:
        for field_ in text.split("&"):
            if not field_:
                continue
            key, _, value = field_.partition("=")
            if "%" in field_ or "+" in field_:
                key = unquote(key.replace("+", " "), "utf-8", "strict")
                value = unquote(value.replace("+", " "), "utf-8", "strict")
            pairs.append((key, value))
    except UnicodeDecodeError:
        raise ProtocolError("the query or form is not valid UTF-8 URL encoding") from None
    return pairs


def parse_form(pairs: Iterable[tuple[str, str]]) -> RawFix:
    """One fix from OsmAnd parameters (GET query or POST form). Repeated parameters: last wins."""
    params = dict(pairs)
    device = params.get("id", params.get("deviceid"))
    if device is None or not device.strip():
        raise ProtocolError("missing device id (parameter 'id' or 'deviceid')")
    device_id = clean_text(device.strip(), "device id", MAX_DEVICE_ID)

    lat = lon = None
    if "lat" in params or "lon" in params:
        if "lat" not in params or "lon" not in params:
            raise ProtocolError("both 'lat' and 'lon' are needed")
        lat, lon = parse_number(params["lat"], "lat"), parse_number(params["lon"], "lon")
    elif "location" in params:
        parts = params["location"].split(",")
        if len(parts) != 2:
            raise ProtocolError("'location' must be 'lat,lon'")
        lat, lon = parse_number(parts[0], "location lat"), parse_number(parts[1], "location lon")
    if lat is None or lon is None:
        raise ProtocolError("missing coordinates ('lat' and 'lon', or 'location')")
    check_coordinates(lat, lon)

    fix = RawFix(device_id=device_id, lat=lat, lon=lon, source="form")
    attributes: dict[str, Any] = {}
    for key, value in params.items():
        if key in ("id", "deviceid", "lat", "lon", "location"):
            continue
        if key == "timestamp":
            fix.time = parse_timestamp(value)
        elif key == "speed":  # knots
            knots = parse_number(value, "speed")
            fix.speed = None if knots == UNKNOWN else _speed(knots * KNOT_MPS, "speed")
        elif key in ("bearing", "heading"):
            fix.bearing = _bounded(parse_number(value, key), key, 0.0, 360.0)
        elif key == "altitude":
            fix.altitude = _bounded(
                parse_number(value, "altitude"), "altitude", -MAX_ALTITUDE_M, MAX_ALTITUDE_M, " m"
            )
        elif key == "accuracy":
            fix.accuracy = _bounded(parse_number(value, "accuracy"), "accuracy", 0.0, MAX_ACCURACY_M, " m")
        elif key == "hdop":  # OsmAnd sends its accuracy in metres under this name
            hdop = _bounded(parse_number(value, "hdop"), "hdop", 0.0, MAX_ACCURACY_M)
            if hdop is not None:
                _put_attr(attributes, "hdop", hdop)
        elif key == "batt":
            fix.battery = _bounded(parse_number(value, "batt"), "batt", 0.0, 100.0, " %")
        elif key == "charge":
            _put_attr(attributes, "charge", _boolean(value))
        elif key == "valid":
            fix.valid = _boolean(value)
        elif key == "mock":
            fix.mock = _boolean(value)
        else:
            _put_attr(attributes, key, _form_attr(key, value))
    if fix.altitude is not None:
        attributes["altitude"] = fix.altitude
    fix.attributes = attributes
    return fix


# --- the JSON shape (Traccar Client 9+) ------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ProtocolError(f"JSON contains {name}, which is not a number")


def load_json(body: bytes) -> Any:
    """Strict JSON: UTF-8 only, no NaN/Infinity, bounded nesting."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError("the JSON body is not UTF-8") from None
    depth = 0
    # Cheap guard against pathological nesting before the recursive parser sees it.
    for ch in text[:4096]:
        if ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise ProtocolError("the JSON body is nested too deeply")
        elif ch in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except ProtocolError:
        raise
    except (ValueError, RecursionError):
        raise ProtocolError("the body is not valid JSON") from None


def _obj(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ProtocolError(f"{what} must be a JSON object")
    return value


def _json_bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise ProtocolError(f"{what} must be true or false")
    return value


def _opt_number(container: Mapping[str, Any], key: str, what: str) -> float | None:
    value = container.get(key)
    return None if value is None else json_number(value, what)


_KNOWN_LOCATION_KEYS = {
    "timestamp",
    "coords",
    "battery",
    "is_moving",
    "odometer",
    "event",
    "activity",
    "mock",
    "extras",
}


def parse_json_fix(record: Any) -> RawFix:
    """One fix from a Traccar Client 9+ record: ``{"device_id", "location": {…}}``."""
    root = _obj(record, "a position record")
    device = root.get("device_id")
    if isinstance(device, int) and not isinstance(device, bool):
        device = str(device)
    if not isinstance(device, str) or not device.strip():
        raise ProtocolError("missing device_id")
    device_id = clean_text(device.strip(), "device_id", MAX_DEVICE_ID)

    location = _obj(root.get("location"), "location")
    stamp = location.get("timestamp")
    if isinstance(stamp, int) and not isinstance(stamp, bool):
        if stamp < 0:
            raise ProtocolError("location.timestamp is out of range")
        time = _epoch(stamp)
    elif isinstance(stamp, str):
        time = parse_timestamp(stamp)
    else:
        raise ProtocolError("missing location.timestamp")

    coords = _obj(location.get("coords"), "location.coords")
    if "latitude" not in coords or "longitude" not in coords:
        raise ProtocolError("location.coords needs latitude and longitude")
    lat = json_number(coords["latitude"], "latitude")
    lon = json_number(coords["longitude"], "longitude")
    check_coordinates(lat, lon)

    fix = RawFix(device_id=device_id, lat=lat, lon=lon, time=time, source="json")
    fix.accuracy = _bounded(
        _opt_number(coords, "accuracy", "accuracy"), "accuracy", 0.0, MAX_ACCURACY_M, " m"
    )
    fix.speed = _speed(_opt_number(coords, "speed", "speed"), "speed")
    fix.bearing = _bounded(_opt_number(coords, "heading", "heading"), "heading", 0.0, 360.0)
    altitude = _opt_number(coords, "altitude", "altitude")
    fix.altitude = _bounded(altitude, "altitude", -MAX_ALTITUDE_M, MAX_ALTITUDE_M, " m")

    attributes: dict[str, Any] = {}
    if fix.altitude is not None:
        attributes["altitude"] = fix.altitude
    if "battery" in location and location["battery"] is not None:
        battery = _obj(location["battery"], "location.battery")
        level = _bounded(_opt_number(battery, "level", "battery.level"), "battery.level", 0.0, 1.0)
        if level is not None:
            fix.battery = level * 100.0
        if battery.get("is_charging") is not None:
            attributes["charge"] = _json_bool(battery["is_charging"], "battery.is_charging")
    if location.get("is_moving") is not None:
        attributes["motion"] = _json_bool(location["is_moving"], "is_moving")
    if location.get("odometer") is not None:
        odometer = json_number(location["odometer"], "odometer")
        if not 0.0 <= odometer <= MAX_ODOMETER_M:
            raise ProtocolError(f"odometer must be between 0 and {MAX_ODOMETER_M:g} m")
        attributes["odometer"] = odometer
    if location.get("event") is not None:
        if not isinstance(location["event"], str):
            raise ProtocolError("event must be a string")
        attributes["event"] = clean_text(location["event"], "event", MAX_ATTR_TEXT)
    activity = location.get("activity")
    if isinstance(activity, dict):
        kind = activity.get("type")
        if kind is not None:
            if not isinstance(kind, str):
                raise ProtocolError("activity.type must be a string")
            attributes["activity"] = clean_text(kind, "activity.type", MAX_ATTR_TEXT)
    elif isinstance(activity, str):
        attributes["activity"] = clean_text(activity, "activity", MAX_ATTR_TEXT)
    elif activity is not None:
        raise ProtocolError("activity must be an object or a string")
    if location.get("mock") is not None:
        fix.mock = _json_bool(location["mock"], "mock")
    extras = location.get("extras")
    if extras is not None:
        clean = _attr_value(_obj(extras, "extras"), "extras")
        if len(json.dumps(clean)) > MAX_EXTRAS_JSON:
            raise ProtocolError(f"extras is larger than {MAX_EXTRAS_JSON} bytes")
        attributes["extras"] = clean
    # Anything else the library adds (uuid, age, …) is kept if it is a plain value.
    for key, value in location.items():
        if key not in _KNOWN_LOCATION_KEYS and (value is None or isinstance(value, str | int | float | bool)):
            _put_attr(attributes, key, _attr_value(value, f"location.{key}"))
    fix.attributes = attributes
    return fix


def parse_json(body: bytes, max_fixes: int) -> list[RawFix]:
    """One record or an array of records (the phone's offline buffer)."""
    data = load_json(body)
    if isinstance(data, list):
        if not data:
            raise ProtocolError("empty array")
        if len(data) > max_fixes:
            raise ProtocolError(f"more than {max_fixes} positions in one request")
        return [parse_json_fix(item) for item in data]
    return [parse_json_fix(data)]


def looks_like_json(content_type: str, body: bytes) -> bool:
    if "json" in content_type.lower():
        return True
    head = body[:64].lstrip()
    return head.startswith((b"{", b"["))
